//! `virast git-setup [DIR]`: make git merge project files with `virast merge` (docs/MERGE.md).
//!
//! Two things, as the manual recipe does them: the line `*.virast.json merge=virast` in the
//! work tree's top-level `.gitattributes` (added once, the file's other lines kept, written
//! atomically), and the driver in the repository's own config (`merge.virast.name`,
//! `merge.virast.driver`), set by running `git config`.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::store;

/// The `.gitattributes` line that sends project files to the driver.
pub const ATTRIBUTES_LINE: &str = "*.virast.json merge=virast";

/// The driver's description in the git config (`merge.virast.name`).
pub const DRIVER_NAME: &str = "Virast per-sentence merge";

/// Install the driver for the git work tree that holds `dir`, running `exe` (this program)
/// as `exe merge %O %A %B --name %P`. Returns what was done, for people.
pub(super) fn install(dir: &Path, exe: &Path) -> anyhow::Result<String> {
    let top = work_tree_top(dir)?;
    let driver = format!("{} merge %O %A %B --name %P", shell_word(exe)?);
    // The config first: an attribute naming a driver git does not know would be ignored
    // silently (git falls back to its line merge), which is worse than no attribute.
    git(&top, ["config", "merge.virast.name", DRIVER_NAME])?;
    git(&top, ["config", "merge.virast.driver", driver.as_str()])?;

    let attributes = top.join(".gitattributes");
    let old = match std::fs::read(&attributes) {
        Ok(bytes) => String::from_utf8(bytes).with_context(|| {
            format!(
                "{} is not UTF-8 text; add the line `{ATTRIBUTES_LINE}` to it yourself",
                attributes.display()
            )
        })?,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => {
            return Err(err).with_context(|| format!("cannot read {}", attributes.display()));
        }
    };
    let attributes_done = match with_attributes_line(&old) {
        Some(new) => {
            store::write_file(&attributes, new.as_bytes())?;
            format!("added `{ATTRIBUTES_LINE}` to {}", attributes.display())
        }
        None => format!("{} already has `{ATTRIBUTES_LINE}`", attributes.display()),
    };
    Ok(format!(
        "git-setup: {attributes_done}\n\
         git-setup: set merge.virast.driver to `{driver}` in {}\n\
         Commit .gitattributes so everyone's clones use it; each clone runs `virast git-setup` once.\n",
        top.display()
    ))
}

/// The content of a `.gitattributes` file with [`ATTRIBUTES_LINE`] appended, or `None` if it
/// already has that line (spacing aside). Every other byte of `old` is kept; a missing final
/// newline is added first, and a file written with CRLF gets CRLF.
pub fn with_attributes_line(old: &str) -> Option<String> {
    let wanted: Vec<&str> = ATTRIBUTES_LINE.split_whitespace().collect();
    if old
        .lines()
        .any(|line| line.split_whitespace().collect::<Vec<_>>() == wanted)
    {
        return None;
    }
    let eol = if old.contains("\r\n") { "\r\n" } else { "\n" };
    let mut new = old.to_owned();
    if !new.is_empty() && !new.ends_with('\n') {
        new.push_str(eol);
    }
    new.push_str(ATTRIBUTES_LINE);
    new.push_str(eol);
    Some(new)
}

/// The top folder of the git work tree holding `dir`; a clear refusal when there is none.
fn work_tree_top(dir: &Path) -> anyhow::Result<PathBuf> {
    if !dir.is_dir() {
        bail!("{} is not a folder", dir.display());
    }
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .context("cannot run git (is it installed?)")?;
    if !out.status.success() {
        bail!(
            "{} is not in a git work tree, so there is nothing to set up (git said: {}). Run `git init` or `git clone` first, or give the folder of a clone",
            dir.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let top = String::from_utf8(out.stdout).context("git named its work tree in non-UTF-8")?;
    Ok(PathBuf::from(top.trim_end_matches(['\n', '\r'])))
}

/// Run `git -C top ARGS`; an error with git's message if it fails.
fn git<I, S>(top: &Path, args: I) -> anyhow::Result<()>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<S> = args.into_iter().collect();
    let shown: Vec<String> = args
        .iter()
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .collect();
    let out = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(&args)
        .output()
        .context("cannot run git (is it installed?)")?;
    if !out.status.success() {
        bail!(
            "`git {}` failed: {}",
            shown.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

/// `path` as one word for the shell git runs the driver with: as it is when it has only
/// characters no shell treats specially, else in single quotes. A `%` is refused: git would
/// read it as a placeholder (`%A`).
fn shell_word(path: &Path) -> anyhow::Result<String> {
    let Some(text) = path.to_str() else {
        bail!(
            "the path of this program is not UTF-8 ({}); set merge.virast.driver by hand (docs/MERGE.md)",
            path.display()
        );
    };
    if text.contains('%') {
        bail!(
            "the path of this program has a `%` ({text}), which git would read as a placeholder; set merge.virast.driver by hand (docs/MERGE.md)"
        );
    }
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:,@=".contains(c));
    if plain {
        Ok(text.to_owned())
    } else {
        Ok(format!("'{}'", text.replace('\'', r"'\''")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_is_added_once_and_nothing_else_changes() {
        assert_eq!(
            with_attributes_line("").as_deref(),
            Some("*.virast.json merge=virast\n")
        );
        assert_eq!(
            with_attributes_line("*.png binary").as_deref(),
            Some("*.png binary\n*.virast.json merge=virast\n"),
            "a missing final newline is added before the line"
        );
        assert_eq!(
            with_attributes_line("*.png binary\r\n").as_deref(),
            Some("*.png binary\r\n*.virast.json merge=virast\r\n")
        );
        let once = with_attributes_line("# ours\n*.txt text\n").unwrap_or_default();
        assert!(once.starts_with("# ours\n*.txt text\n"), "{once}");
        assert_eq!(with_attributes_line(&once), None, "never twice");
        assert_eq!(
            with_attributes_line("x\n  *.virast.json\tmerge=virast  \n"),
            None,
            "spacing aside"
        );
        assert!(
            with_attributes_line("*.virast.json merge=union\n").is_some(),
            "another driver is not ours: ours goes after it and wins"
        );
    }

    #[test]
    fn program_paths_are_quoted_for_the_shell() {
        let word = |p: &str| shell_word(Path::new(p)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(word("/usr/local/bin/virast"), "/usr/local/bin/virast");
        assert_eq!(
            word("/home/ana/My Apps/virast"),
            "'/home/ana/My Apps/virast'"
        );
        assert_eq!(word("/opt/it's/virast"), r"'/opt/it'\''s/virast'");
        assert!(shell_word(Path::new("/opt/100%/virast")).is_err());
    }
}
