//! `virast merge BASE OURS THEIRS [-o OUT]`: load the three versions, merge them sentence by
//! sentence ([`crate::merge::merge`]), write the result safely, print one line.
//!
//! Nothing is written unless all three files load and are versions of one article. The result
//! goes over OURS (so git can use this as a merge driver: `%O %A %B --name %P`) or to OUT, in both
//! cases by the store's atomic write (temporary file, sync, rename), so an interrupted merge
//! leaves the old file whole.

use std::path::Path;

use anyhow::{Context, anyhow};

use super::{Exit, same_file};
use crate::merge::{MergeReport, merge};
use crate::model::Project;
use crate::store::{self, Existing, ProjectFile};

/// How many conflicting sentence ids the summary line names before "and N more".
const IDS_SHOWN: usize = 20;

/// Run `virast merge`: `Ok` when clean, [`Exit::NeedsAttention`] when conflicts were
/// recorded, [`Exit::Refused`] when nothing was written.
pub(super) fn run(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    output: Option<&Path>,
    name: Option<&str>,
) -> anyhow::Result<()> {
    let (merged, still_open) = merge_and_write(base, ours, theirs, output).map_err(|e| {
        anyhow!(Exit::Refused(match name {
            Some(name) => e.context(format!("{name}: not merged")),
            None => e,
        }))
    })?;
    let mut line = summary_line(&merged, still_open);
    if let Some(name) = name {
        line = format!("{name}: {line}");
    }
    eprintln!("{line}");
    if merged.is_clean() {
        Ok(())
    } else {
        Err(anyhow!(Exit::NeedsAttention(line)))
    }
}

/// Load, merge, write; returns the report and the number of conflicts open in the result
/// that this merge did not record (carried over from either side).
fn merge_and_write(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    output: Option<&Path>,
) -> anyhow::Result<(MergeReport, usize)> {
    let output = output.filter(|out| !same_file(out, ours));
    // Look at OUT first: a refusal there should not wait for a long merge.
    let out_file = output.map(output_file).transpose()?;
    let base_project = store::load(base)?;
    // Opened, not just loaded: the file is only replaced if it is still what was read.
    let opened = store::open(ours)?;
    let their_project = store::load(theirs)?;
    let merged = merge(
        &base_project,
        &opened.project,
        &their_project,
        chrono::Utc::now(),
    )
    .with_context(|| {
        format!(
            "cannot merge {} and {} (base {}); nothing was written",
            ours.display(),
            theirs.display(),
            base.display()
        )
    })?;
    match out_file {
        Some((mut file, replace)) => {
            if replace {
                file.save_overwriting(&merged.project)?;
            } else {
                file.save(&merged.project)?;
            }
        }
        None => write_over_ours(&opened.file, &merged.project)?,
    }
    let still_open = merged
        .project
        .conflict_count()
        .saturating_sub(merged.report.conflicts.len());
    Ok((merged.report, still_open))
}

/// Where `-o OUT` writes, and whether it replaces a project there (kept as OUT.bak). Anything
/// else that is already there is refused: `-o` never overwrites a file that is not a project.
fn output_file(out: &Path) -> anyhow::Result<(ProjectFile, bool)> {
    let refuse = |what: &str| {
        Err(anyhow!(
            "{} {what}; `virast merge -o` only writes a new file or over a Virast project (nothing was written)",
            out.display()
        ))
    };
    match store::existing(out) {
        Existing::Nothing => Ok((ProjectFile::new(out), false)),
        Existing::Project => Ok((ProjectFile::new(out), true)),
        Existing::Folder => refuse("is a folder"),
        Existing::Autosave => refuse("is a Virast autosave"),
        Existing::OtherFile => refuse("exists and is not a Virast project"),
    }
}

/// Replace OURS with the result, unless it changed since it was read. No `.bak`: as a git
/// merge driver OURS is git's temporary copy (git keeps our version in the index), and the
/// result holds all of ours anyway (where the sides disagree, the sentence keeps our text and
/// the conflict keeps both).
fn write_over_ours(file: &ProjectFile, project: &Project) -> anyhow::Result<()> {
    file.check_unchanged()?;
    let bytes = store::to_json(project).with_context(|| {
        format!(
            "could not encode the merged project for {}",
            file.path().display()
        )
    })?;
    store::write_file(file.path(), &bytes)?;
    Ok(())
}

/// "merged: 3 sentences from their side, 1 conflict (#12)".
fn summary_line(report: &MergeReport, still_open: usize) -> String {
    use std::fmt::Write as _;
    let mut line = format!("merged: {}", report.summary());
    if !report.conflicts.is_empty() {
        let ids: Vec<String> = report
            .conflicts
            .iter()
            .take(IDS_SHOWN)
            .map(ToString::to_string)
            .collect();
        let more = report.conflicts.len().saturating_sub(IDS_SHOWN);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let _ = write!(line, " ({}{more})", ids.join(" "));
    }
    if report.restructured > 0 {
        let _ = write!(
            line,
            "; {} stretch(es) split or merged differently on each side",
            report.restructured
        );
    }
    if still_open > 0 {
        let _ = write!(line, "; {still_open} conflict(s) still open from before");
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SegmentId;

    #[test]
    fn summary_names_conflicting_sentences_and_caps_the_list() {
        let report = MergeReport {
            from_theirs: vec![SegmentId(1), SegmentId(2), SegmentId(3)],
            conflicts: vec![SegmentId(12)],
            ..MergeReport::default()
        };
        assert_eq!(
            summary_line(&report, 0),
            "merged: 3 sentences from their side, 1 conflict (#12)"
        );
        let many = MergeReport {
            conflicts: (1..=25).map(SegmentId).collect(),
            ..MergeReport::default()
        };
        let line = summary_line(&many, 2);
        assert!(line.contains("#20 and 5 more)"), "{line}");
        assert!(!line.contains("#21"), "{line}");
        assert!(
            line.ends_with("; 2 conflict(s) still open from before"),
            "{line}"
        );
        assert_eq!(
            summary_line(&MergeReport::default(), 0),
            "merged: 0 sentences from their side, 0 conflicts"
        );
    }
}
