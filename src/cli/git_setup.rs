//! `virast git-setup [DIR]`: make git merge project files with `virast merge` (docs/MERGE.md).
//!
//! Two things, as the manual recipe does them: the line `*.virast.json merge=virast` in the
//! work tree's top-level `.gitattributes` (added once, the file's other lines kept, written
//! atomically), and the driver in the repository's own config (`merge.virast.name`,
//! `merge.virast.driver`), set by running `git config`. Then it asks git which driver a project
//! file really gets (`git check-attr merge`): a later line such as `*.json -merge` or
//! `*.json merge=union` wins over ours, and that is reported, with the line, as a failure.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::store;

/// The `.gitattributes` line that sends project files to the driver.
pub const ATTRIBUTES_LINE: &str = "*.virast.json merge=virast";

/// The driver's description in the git config (`merge.virast.name`).
pub const DRIVER_NAME: &str = "Virast per-sentence merge";

/// The path whose `merge` attribute is checked: a project file at the top of the work tree.
pub const SAMPLE_PATH: &str = "x.virast.json";

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
    let done = format!(
        "git-setup: {attributes_done}\n\
         git-setup: set merge.virast.driver to `{driver}` in {}\n",
        top.display()
    );
    let effective = merge_attribute(&top, SAMPLE_PATH)?;
    if effective != "virast" {
        let text = std::fs::read_to_string(&attributes).unwrap_or_default();
        let culprits = overriding_lines(&text)?;
        let why = if culprits.is_empty() {
            format!(
                "a file git reads after {} sets it ({}); see `git check-attr -a {SAMPLE_PATH}`",
                attributes.display(),
                git_path(&top, "info/attributes").map_or_else(
                    |_| ".git/info/attributes".to_owned(),
                    |p| p.display().to_string()
                )
            )
        } else {
            let lines: Vec<String> = culprits
                .iter()
                .map(|(n, line)| format!("line {n} `{line}`"))
                .collect();
            format!(
                "a later line of {} overrides ours: {}",
                attributes.display(),
                lines.join(", ")
            )
        };
        bail!(
            "git will not use the Virast driver: `git check-attr merge {SAMPLE_PATH}` says `{effective}`, because {why}. \
             Move `{ATTRIBUTES_LINE}` below it (or remove the overriding line), then run `virast git-setup` again.\n\
             The rest is in place:\n{done}"
        );
    }
    Ok(format!(
        "{done}git-setup: checked: git gives {SAMPLE_PATH} the driver `virast` (git check-attr merge)\n\
         Commit .gitattributes so everyone's clones use it; each clone runs `virast git-setup` once.\n"
    ))
}

/// The value of the `merge` attribute git gives `path` in the work tree at `top`: `virast`,
/// another driver's name, `set`, `unset` or `unspecified`.
fn merge_attribute(top: &Path, path: &str) -> anyhow::Result<String> {
    let out = git_output(top, ["check-attr", "merge", "--", path])?;
    // `PATH: merge: VALUE`; the path may itself hold ": ", the value does not.
    out.trim_end_matches(['\n', '\r'])
        .rsplit(": ")
        .next()
        .map(str::to_owned)
        .with_context(|| format!("cannot read git check-attr's answer `{}`", out.trim()))
}

/// Lines of a `.gitattributes` (1-based number and text) after [`ATTRIBUTES_LINE`] that take the
/// driver away from [`SAMPLE_PATH`]. Each is tried by git itself, in a scratch repository,
/// after the file's lines up to ours, so patterns and macros mean exactly what they mean to git.
fn overriding_lines(text: &str) -> anyhow::Result<Vec<(usize, String)>> {
    let lines: Vec<&str> = text.lines().collect();
    let wanted: Vec<&str> = ATTRIBUTES_LINE.split_whitespace().collect();
    let Some(ours) = lines
        .iter()
        .rposition(|l| l.split_whitespace().collect::<Vec<_>>() == wanted)
    else {
        return Ok(Vec::new());
    };
    let scratch = Scratch::new()?;
    git(scratch.path(), ["init", "-q"])?;
    // Attribute macros defined after our line still count for the lines that use them.
    let macros: Vec<&str> = lines[ours + 1..]
        .iter()
        .copied()
        .filter(|l| l.trim_start().starts_with("[attr]"))
        .collect();
    let mut found = Vec::new();
    for (n, line) in lines.iter().enumerate().skip(ours + 1) {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("[attr]") {
            continue;
        }
        let mut trial = lines[..=ours].join("\n");
        for m in &macros {
            trial.push('\n');
            trial.push_str(m);
        }
        trial.push('\n');
        trial.push_str(line);
        trial.push('\n');
        std::fs::write(scratch.path().join(".gitattributes"), trial)
            .context("cannot write a scratch .gitattributes")?;
        if merge_attribute(scratch.path(), SAMPLE_PATH)? != "virast" {
            found.push((n + 1, trimmed.to_owned()));
        }
    }
    Ok(found)
}

/// A folder of our own under the system's temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> anyhow::Result<Self> {
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("virast-git-setup-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot make {}", dir.display()))?;
        Ok(Scratch(dir))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Where git keeps `name` inside the repository of `top` (`git rev-parse --git-path`).
fn git_path(top: &Path, name: &str) -> anyhow::Result<PathBuf> {
    let out = git_output(top, ["rev-parse", "--git-path", name])?;
    Ok(top.join(out.trim_end_matches(['\n', '\r'])))
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
    git_output(top, args).map(drop)
}

/// Run `git -C top ARGS`; its standard output, or an error with git's message if it fails.
fn git_output<I, S>(top: &Path, args: I) -> anyhow::Result<String>
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
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
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
