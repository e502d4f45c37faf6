//! Merge conflicts kept as data (format version 5): a segment that two people changed in
//! different ways keeps both versions until someone chooses ([`Project::resolve_conflict`]).
//!
//! While a conflict is open the segment's `target` and `status` hold *our* version (the one
//! of the file merged into), so every reader that does not know conflicts still sees a valid
//! project; `conflict.theirs` holds the other version.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ops::{EditError, Stamp, revision};
use super::{Action, Extra, Project, Status};

/// Why a segment could not be merged by itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// Both sides changed the translation (or its status) differently.
    EditedBoth,
    /// One side merged a sentence into this one (its own id retired) while the other side
    /// edited that sentence.
    MergedAndEdited,
    /// Both sides split or merged sentences here, differently; the result keeps our
    /// sentence boundaries and theirs shows their translation of the same stretch of text.
    Restructured,
}

impl ConflictKind {
    /// What happened, for the desk and `virast check`.
    pub fn label(self) -> &'static str {
        match self {
            ConflictKind::EditedBoth => "both changed this sentence",
            ConflictKind::MergedAndEdited => "one side merged sentences the other side edited",
            ConflictKind::Restructured => "both sides split or merged sentences here differently",
        }
    }
}

/// One side's version of a conflicting segment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// The English target.
    pub target: String,
    /// The review status.
    pub status: Status,
    /// The Persian source, when the sides disagree on it and taking this version sets it
    /// (only where both sides have the same sentence boundaries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Who last changed it on that side (from its history), if known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A conflict recorded by a merge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// What kind of disagreement.
    pub kind: ConflictKind,
    /// When the merge recorded it.
    pub time: DateTime<Utc>,
    /// The common ancestor's version, when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Version>,
    /// Our version (the file merged into); the segment's target and status when recorded.
    pub ours: Version,
    /// Their version.
    pub theirs: Version,
    /// Versions of conflicts that were still open on either side when this one was
    /// recorded, kept so no text is dropped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<Version>,
    /// Free detail, e.g. which sentence was merged away.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

/// How a conflict is settled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Keep our version.
    Ours,
    /// Take their version.
    Theirs,
    /// Keep the target as it now stands (edited by hand from either version).
    Edited,
}

impl Project {
    /// Number of segments with an open conflict.
    pub fn conflict_count(&self) -> usize {
        self.segments
            .iter()
            .filter(|s| s.conflict.is_some())
            .count()
    }

    /// Settle the conflict on segment `index`; returns whether there was one.
    ///
    /// The chosen version's target and status (and source, where the version carries one)
    /// become the segment's; the history records the choice with both texts in its note, so
    /// the version not taken can still be read there.
    pub fn resolve_conflict(
        &mut self,
        index: usize,
        resolution: &Resolution,
        stamp: &Stamp,
    ) -> Result<bool, EditError> {
        let seg = self.seg_mut(index)?;
        let Some(conflict) = seg.conflict.take() else {
            return Ok(false);
        };
        let mut rev = revision(seg, stamp, Action::ResolveConflict);
        let label = match resolution {
            Resolution::Ours => "took ours",
            Resolution::Theirs => "took theirs",
            Resolution::Edited => "edited",
        };
        if *resolution == Resolution::Theirs {
            seg.target.clone_from(&conflict.theirs.target);
            seg.status = conflict.theirs.status;
            seg.alignment_confidence = None;
            if let Some(source) = &conflict.theirs.source
                && *source != seg.source
            {
                rev.source_before = Some(seg.source.clone());
                rev.source_after = Some(source.clone());
                seg.source.clone_from(source);
            }
        }
        if seg.target.trim().is_empty() {
            seg.status = Status::Untranslated;
        } else if seg.status == Status::Untranslated {
            seg.status = Status::Translated;
        }
        rev.target_after.clone_from(&seg.target);
        rev.status_after = seg.status;
        rev.note = format!(
            "conflict resolved ({label}); ours was {:?}, theirs was {:?}",
            conflict.ours.target, conflict.theirs.target
        );
        seg.history.push(rev);
        self.meta.modified = stamp.time;
        Ok(true)
    }
}
