//! `virast pretranslate PROJECT --tm SOURCE... [--min PERCENT] [-o OUT] [--json]`: fill the
//! untranslated sentences from translation memories (docs/MEMORY.md). Exact matches become
//! Translated, fuzzy ones Needs revision with a note; sentences with a translation are never
//! touched. Saved atomically through the store (over PROJECT, kept as .bak, or to OUT).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::bail;

use crate::memory::{self, Summary};
use crate::model::Stamp;
use crate::store::{self, ProjectFile};

/// Arguments of `virast pretranslate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project file.
    pub project: PathBuf,
    /// Memory sources: TMX files, Virast projects (their approved pairs) and folders, read
    /// with their subfolders.
    #[arg(long = "tm", value_name = "SOURCE", required = true, num_args = 1..)]
    pub tm: Vec<PathBuf>,
    /// The lowest score used, in percent (100: exact matches only).
    #[arg(long, value_name = "PERCENT", default_value_t = 100, value_parser = clap::value_parser!(u8).range(1..=100))]
    pub min: u8,
    /// Write the result here instead of over PROJECT (which is kept as PROJECT.bak).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Your name, recorded in the history (default: the OS user name).
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
}

/// What `--json` prints.
#[derive(serde::Serialize)]
struct Report<'a> {
    #[serde(flatten)]
    summary: Summary,
    min: u8,
    memory_pairs: usize,
    memory_files: usize,
    skipped: &'a [String],
    output: Option<&'a Path>,
}

/// Run it.
pub fn run(args: &Args) -> anyhow::Result<()> {
    let opened = store::open(&args.project)?;
    let mut project = opened.project;
    let loaded = memory::load(&args.tm, &|_| {});
    for notice in &loaded.notices {
        eprintln!("virast: memory: {notice}");
    }
    if loaded.memory.is_empty() {
        bail!(
            "the memory is empty: no pairs could be read from {} (nothing was written)",
            args.tm
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let author = args
        .user
        .clone()
        .unwrap_or_else(crate::app::settings::default_user);
    let summary = memory::pretranslate(&mut project, &loaded.memory, args.min, &Stamp::now(author));
    let changed = summary.exact + summary.fuzzy > 0;
    let written: Option<&Path> = match &args.output {
        Some(out) if super::same_file(out, &args.project) => {
            if changed {
                let mut file = opened.file;
                file.save(&project)?;
            }
            changed.then_some(out.as_path())
        }
        Some(out) => {
            if out.exists() {
                bail!(
                    "{} already exists: choose another output file (nothing was written)",
                    out.display()
                );
            }
            ProjectFile::new(out).save(&project)?;
            Some(out.as_path())
        }
        None => {
            if changed {
                let mut file = opened.file;
                file.save(&project)?;
            }
            changed.then_some(args.project.as_path())
        }
    };
    let text = if args.json {
        serde_json::to_string(&Report {
            summary,
            min: args.min,
            memory_pairs: loaded.memory.len(),
            memory_files: loaded.files,
            skipped: &loaded.notices,
            output: written,
        })? + "\n"
    } else {
        let mut s = format!(
            "Memory:    {} pairs from {} file(s){}\n\
             Exact:     {} (filled, Translated)\n\
             Fuzzy:     {} (filled, Needs revision: check them; the history names score and origin)\n\
             No match:  {} (at {}% or more)\n\
             Kept:      {} (already translated, not touched)\n",
            loaded.memory.len(),
            loaded.files,
            if loaded.notices.is_empty() {
                String::new()
            } else {
                format!(", {} skipped", loaded.notices.len())
            },
            summary.exact,
            summary.fuzzy,
            summary.none,
            args.min,
            summary.kept,
        );
        match written {
            Some(p) => {
                let _ = writeln!(s, "Wrote {}", p.display());
            }
            None => {
                let _ = writeln!(
                    s,
                    "Nothing to fill; {} is unchanged.",
                    args.project.display()
                );
            }
        }
        s
    };
    super::write_stdout(text.as_bytes())
}
