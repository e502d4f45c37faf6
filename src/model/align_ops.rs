//! Model operations of an imported translation: fill targets from an alignment, and the two
//! classic fixes of a misalignment, pulling the next row's first English sentence up and
//! pushing this row's last English sentence down. Each records history like every other
//! operation.

use super::ops::revision;
use super::{Action, EditError, Project, Segment, SegmentId, Stamp, Status};
use crate::align::english;

/// Which existing targets an import may change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportMode {
    /// Only segments without a target are filled; the others are kept as they are.
    FillEmpty,
    /// Every segment the aligner found English for gets it, replacing what was there.
    ReplaceAll,
}

/// What an import did, segment by segment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    /// Empty targets that were filled.
    pub filled: usize,
    /// Existing targets replaced by different text.
    pub replaced: usize,
    /// Existing targets kept (fill-empty mode), or equal to the imported text.
    pub kept: usize,
    /// Segments the aligner found no English for.
    pub without_english: usize,
}

/// Whether importing `text` (trimmed, not empty) in `mode` changes the target of `seg`.
fn would_import(seg: &Segment, text: &str, mode: ImportMode) -> bool {
    !text.is_empty()
        && (seg.target.trim().is_empty() || (mode == ImportMode::ReplaceAll && seg.target != text))
}

/// A confidence (0.0..=1.0) in whole percent, so files stay short and stable.
pub fn percent(x: f64) -> u8 {
    (x.clamp(0.0, 1.0) * 100.0).round() as u8
}

impl Project {
    /// Fill targets from an aligned translation: `placements[i]` is the English text and the
    /// aligner's confidence for segment `i` (missing entries and empty texts: no English).
    /// Each filled target becomes `Translated` with a history entry "imported from `source`".
    /// Existing targets are replaced only in [`ImportMode::ReplaceAll`]; an approved segment
    /// whose target is unchanged keeps its approval.
    pub fn import_translation(
        &mut self,
        placements: &[(String, f64)],
        mode: ImportMode,
        source: &str,
        stamp: &Stamp,
    ) -> ImportReport {
        let mut report = ImportReport::default();
        let note = format!("imported from {source}");
        let mut changed = false;
        for (seg, (text, confidence)) in self.segments.iter_mut().zip(placements) {
            let has_target = !seg.target.trim().is_empty();
            let text = text.trim();
            if text.is_empty() {
                report.without_english += 1;
                if !has_target && seg.alignment_confidence != Some(0) {
                    seg.alignment_confidence = Some(0);
                    changed = true;
                }
                continue;
            }
            // A sentence with an open merge conflict is never rewritten (callers refuse
            // first, listing them: see `import_conflicts`).
            if !would_import(seg, text, mode) || seg.conflict.is_some() {
                report.kept += 1;
                continue;
            }
            changed = true;
            if has_target {
                report.replaced += 1;
            } else {
                report.filled += 1;
            }
            let mut rev = revision(seg, stamp, Action::Import);
            text.clone_into(&mut rev.target_after);
            rev.status_after = Status::Translated;
            rev.note.clone_from(&note);
            seg.history.push(rev);
            text.clone_into(&mut seg.target);
            seg.status = Status::Translated;
            seg.alignment_confidence = Some(percent(*confidence));
        }
        // An import that changes nothing leaves the project as it was, times included.
        if changed {
            self.meta.modified = stamp.time;
        }
        report
    }

    /// The sentences with an open merge conflict whose target importing `placements` in
    /// `mode` would change. An import must not rewrite them ("Take ours" would then bring back
    /// the text from before the import): the CLI and the desk refuse, listing them.
    pub fn import_conflicts(
        &self,
        placements: &[(String, f64)],
        mode: ImportMode,
    ) -> Vec<SegmentId> {
        self.segments
            .iter()
            .zip(placements)
            .filter(|(seg, (text, _))| {
                seg.conflict.is_some() && would_import(seg, text.trim(), mode)
            })
            .map(|(seg, _)| seg.id)
            .collect()
    }

    /// Move the first English sentence of segment `index + 1` to the end of segment `index`.
    pub fn pull_sentence_up(&mut self, index: usize, stamp: &Stamp) -> Result<(), EditError> {
        let next = index + 1;
        self.check_pair(index)?;
        let (first, rest) =
            first_sentence(&self.segments[next].target).ok_or(EditError::NothingToMove(next))?;
        let here = join(&self.segments[index].target, &first);
        let (from, to) = (self.segments[next].id, self.segments[index].id);
        self.move_target(
            index,
            &here,
            format!("pulled up a sentence from {from}"),
            stamp,
        )?;
        self.move_target(next, &rest, format!("moved a sentence up to {to}"), stamp)
    }

    /// Move the last English sentence of segment `index` to the start of segment `index + 1`.
    pub fn push_sentence_down(&mut self, index: usize, stamp: &Stamp) -> Result<(), EditError> {
        let next = index + 1;
        self.check_pair(index)?;
        let (head, last) =
            last_sentence(&self.segments[index].target).ok_or(EditError::NothingToMove(index))?;
        let there = join(&last, &self.segments[next].target);
        let (from, to) = (self.segments[index].id, self.segments[next].id);
        self.move_target(
            index,
            &head,
            format!("moved a sentence down to {to}"),
            stamp,
        )?;
        self.move_target(
            next,
            &there,
            format!("pushed down a sentence from {from}"),
            stamp,
        )
    }

    fn check_pair(&self, index: usize) -> Result<(), EditError> {
        if index >= self.segments.len() {
            return Err(EditError::NoSuchSegment(index));
        }
        if index + 1 >= self.segments.len() {
            return Err(EditError::LastSegment);
        }
        Ok(())
    }

    /// Set a target moved by hand: status follows the text (approval withdrawn, empty is
    /// untranslated), the aligner's confidence no longer applies.
    fn move_target(
        &mut self,
        index: usize,
        text: &str,
        note: String,
        stamp: &Stamp,
    ) -> Result<(), EditError> {
        let seg = self.seg_mut(index)?;
        let status = if text.is_empty() {
            Status::Untranslated
        } else if seg.status == Status::NeedsRevision {
            Status::NeedsRevision
        } else {
            Status::Translated
        };
        let mut rev = revision(seg, stamp, Action::Realign);
        text.clone_into(&mut rev.target_after);
        rev.status_after = status;
        rev.note = note;
        seg.history.push(rev);
        text.clone_into(&mut seg.target);
        seg.status = status;
        seg.alignment_confidence = None;
        self.meta.modified = stamp.time;
        Ok(())
    }
}

/// Two texts joined by one space (either may be empty).
fn join(a: &str, b: &str) -> String {
    match (a.trim(), b.trim()) {
        ("", b) => b.to_owned(),
        (a, "") => a.to_owned(),
        (a, b) => format!("{a} {b}"),
    }
}

/// Pieces joined back with their separators.
fn rebuild(pieces: &[crate::segment::Piece]) -> String {
    let mut out = String::new();
    for p in pieces {
        out.push_str(&p.source);
        out.push_str(&p.separator);
    }
    out
}

/// The first English sentence of a text and the rest.
fn first_sentence(text: &str) -> Option<(String, String)> {
    let seg = english::split(text);
    let (first, rest) = seg.pieces.split_first()?;
    let rest = rebuild(rest);
    Some((first.source.clone(), rest.trim().to_owned()))
}

/// The text without its last English sentence, and that sentence.
fn last_sentence(text: &str) -> Option<(String, String)> {
    let seg = english::split(text);
    let (last, init) = seg.pieces.split_last()?;
    let head = rebuild(init);
    Some((head.trim().to_owned(), last.source.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Segment;

    fn project(targets: &[&str]) -> Project {
        let pieces = targets
            .iter()
            .enumerate()
            .map(|(i, _)| (format!("جمله {i}."), " ".to_owned()));
        let mut p = Project::new("t", "", pieces, chrono::Utc::now());
        for (s, t) in p.segments.iter_mut().zip(targets) {
            (*t).clone_into(&mut s.target);
            if !t.is_empty() {
                s.status = Status::Approved;
            }
        }
        p
    }

    fn targets(p: &Project) -> Vec<&str> {
        p.segments.iter().map(|s| s.target.as_str()).collect()
    }

    #[test]
    fn import_fills_empty_and_keeps_others_unless_replacing() {
        let stamp = Stamp::now("ana");
        let placements = vec![
            ("New one.".to_owned(), 0.9),
            ("Old.".to_owned(), 0.8),
            ("Fresh.".to_owned(), 0.3),
            (String::new(), 0.0),
        ];
        let mut p = project(&["Mine.", "Old.", "", ""]);
        let r = p.import_translation(&placements, ImportMode::FillEmpty, "t.docx", &stamp);
        assert_eq!(
            r,
            ImportReport {
                filled: 1,
                replaced: 0,
                kept: 2,
                without_english: 1
            }
        );
        assert_eq!(targets(&p), ["Mine.", "Old.", "Fresh.", ""]);
        assert_eq!(p.segments[0].status, Status::Approved);
        assert_eq!(p.segments[2].status, Status::Translated);
        assert_eq!(p.segments[2].alignment_confidence, Some(30));
        assert_eq!(p.segments[3].alignment_confidence, Some(0));
        let rev = p.segments[2]
            .history
            .last()
            .map(|r| (&r.action, r.note.as_str()));
        assert_eq!(rev, Some((&Action::Import, "imported from t.docx")));

        let mut p = project(&["Mine.", "Old.", "", ""]);
        let r = p.import_translation(&placements, ImportMode::ReplaceAll, "t.docx", &stamp);
        assert_eq!((r.filled, r.replaced, r.kept), (1, 1, 1));
        assert_eq!(targets(&p), ["New one.", "Old.", "Fresh.", ""]);
        // Replaced: approval withdrawn; unchanged: approval kept.
        assert_eq!(p.segments[0].status, Status::Translated);
        assert_eq!(p.segments[1].status, Status::Approved);
        assert_eq!(
            p.segments[0]
                .history
                .last()
                .map(|r| r.target_before.as_str()),
            Some("Mine.")
        );
    }

    #[test]
    fn pull_and_push_move_one_sentence_with_history() {
        let stamp = Stamp::now("ed");
        let mut p = project(&["One.", "Two. Mr. Smith came.", "Three."]);
        p.pull_sentence_up(0, &stamp)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(targets(&p), ["One. Two.", "Mr. Smith came.", "Three."]);
        assert_eq!(p.segments[0].status, Status::Translated);
        let notes: Vec<&str> = p.segments[..2]
            .iter()
            .filter_map(|s: &Segment| s.history.last())
            .map(|r| r.note.as_str())
            .collect();
        assert_eq!(
            notes,
            ["pulled up a sentence from #2", "moved a sentence up to #1"]
        );
        p.push_sentence_down(0, &stamp)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(targets(&p), ["One.", "Two. Mr. Smith came.", "Three."]);
        // Pulling the only sentence empties the row.
        p.pull_sentence_up(1, &stamp)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(targets(&p), ["One.", "Two. Mr. Smith came. Three.", ""]);
        assert_eq!(p.segments[2].status, Status::Untranslated);
        assert_eq!(
            p.pull_sentence_up(1, &stamp),
            Err(EditError::NothingToMove(2))
        );
        assert_eq!(p.push_sentence_down(2, &stamp), Err(EditError::LastSegment));
        assert_eq!(
            p.pull_sentence_up(9, &stamp),
            Err(EditError::NoSuchSegment(9))
        );
    }
}
