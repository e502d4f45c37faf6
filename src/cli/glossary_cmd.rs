//! `virast glossary FILE [--check] [-o OUT]`: validate a glossary, or convert it between TBX
//! and tab-separated TSV (docs/GLOSSARY.md). A file that cannot be read is an error naming the file
//! and the position; nothing is written then.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use crate::glossary::{self, Format};
use crate::store;

/// What `virast glossary` was asked.
pub struct GlossaryArgs {
    /// The glossary.
    pub file: PathBuf,
    /// Report its problems.
    pub check: bool,
    /// Write it here, in the format the name says.
    pub output: Option<PathBuf>,
    /// Replace OUT if it exists.
    pub force: bool,
}

/// Run `virast glossary`.
pub fn run(args: &GlossaryArgs) -> anyhow::Result<()> {
    let read = store::glossary::read(&args.file)?;
    let problems = glossary::check(&read);
    if let Some(out) = &args.output {
        convert(&read, &args.file, out, args.force)?;
    }
    if args.check || args.output.is_none() {
        for p in &problems {
            println!("{}: {p}", args.file.display());
        }
        println!(
            "{}: {} terms, {} problems",
            args.file.display(),
            read.terms.len(),
            problems.len()
        );
        if args.check && !problems.is_empty() {
            bail!("{} has {} problem(s)", args.file.display(), problems.len());
        }
    }
    Ok(())
}

fn convert(read: &glossary::Glossary, input: &Path, out: &Path, force: bool) -> anyhow::Result<()> {
    let Some(format) = Format::of_path(out) else {
        bail!(glossary::GlossaryError::UnknownFormat {
            path: out.to_path_buf()
        });
    };
    if same_file(input, out) {
        bail!(
            "{} is the input; write the converted glossary to another file",
            out.display()
        );
    }
    let bytes = glossary::write(&read.terms, format);
    store::write_export(out, &bytes, force).map_err(|err| match err {
        store::StoreError::Exists { .. } => {
            anyhow::anyhow!("{err} (use --force to replace it)")
        }
        other => other.into(),
    })?;
    if format == Format::Tsv {
        let lost = read
            .terms
            .iter()
            .filter(|t| {
                [&t.source, &t.english, &t.note, &t.domain]
                    .into_iter()
                    .chain(&t.admitted)
                    .chain(&t.forbidden)
                    .any(|f| f.contains(['\t', '\n', '\r']))
            })
            .count();
        if lost > 0 {
            eprintln!(
                "{lost} term(s) had a tab or line break in a field, written as a space (TSV cannot hold them)"
            );
        }
    }
    println!("Wrote {} terms to {}", read.terms.len(), out.display());
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The paths given with `--glossary`, checked to exist (a missing one is an error on the
/// command line, unlike a missing linked glossary, which is a notice).
pub fn check_given(paths: &[PathBuf]) -> anyhow::Result<()> {
    for p in paths {
        store::glossary::read(p).with_context(|| format!("--glossary {}", p.display()))?;
    }
    Ok(())
}
