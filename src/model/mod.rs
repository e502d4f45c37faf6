//! The project model: segments of a Persian article with their English translation, review
//! status, comments and history. Pure data and operations; no egui, no I/O.
//!
//! Every change goes through a method on [`Project`] that records a [`Revision`] in the
//! segment's history, so "who changed what, when" is never lost.

mod align_ops;
mod conflict;
mod ops;
mod validate;

pub use align_ops::{ImportMode, ImportReport, percent as align_percent};
pub use conflict::{Conflict, ConflictKind, Resolution, Version};
pub use ops::{EditError, Stamp, merged_target_status};
pub use validate::InvalidProject;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::spell::{ProjectWords, Variant};

/// Fields of an object that this version does not know (written by a newer Virast or another
/// tool), kept as read and written back at the end of the object (`docs/FORMAT.md`, "Unknown
/// fields").
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// A stable segment identifier. Ids are never reused, also across split and merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SegmentId(pub u64);

impl std::fmt::Display for SegmentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// Review status of a segment (see `docs/FORMAT.md` and the review workflow notes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// No translation yet.
    #[default]
    Untranslated,
    /// A draft translation, waiting for review.
    Translated,
    /// Sent back by an editor; a comment says why.
    NeedsRevision,
    /// Signed off by an editor.
    Approved,
}

impl Status {
    /// All statuses in workflow order.
    pub const ALL: [Status; 4] = [
        Status::Untranslated,
        Status::Translated,
        Status::NeedsRevision,
        Status::Approved,
    ];

    /// Human-readable name.
    pub fn label(self) -> &'static str {
        match self {
            Status::Untranslated => "Untranslated",
            Status::Translated => "Translated",
            Status::NeedsRevision => "Needs revision",
            Status::Approved => "Approved",
        }
    }

    /// Snake-case key as used in the file format and in `stats --json`.
    pub fn key(self) -> &'static str {
        match self {
            Status::Untranslated => "untranslated",
            Status::Translated => "translated",
            Status::NeedsRevision => "needs_revision",
            Status::Approved => "approved",
        }
    }
}

/// A comment on a segment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Unique within the segment; never reused.
    pub id: u64,
    /// Who wrote it.
    pub author: String,
    /// When it was written.
    pub time: DateTime<Utc>,
    /// The comment text.
    pub text: String,
    /// Whether the thread item is resolved.
    #[serde(default)]
    pub resolved: bool,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

/// What happened in a [`Revision`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// The English target was edited.
    Edit,
    /// Marked as translated (draft done).
    MarkTranslated,
    /// Approved by an editor.
    Approve,
    /// Sent back by an editor.
    SendBack,
    /// Status reset or changed otherwise.
    SetStatus,
    /// Created by splitting another segment.
    Split,
    /// Merged with the following segment.
    Merge,
    /// Text changed by find and replace.
    Replace,
    /// A comment was added.
    Comment,
    /// A comment was resolved or reopened.
    ResolveComment,
    /// A QA finding was ignored or un-ignored.
    QaIgnore,
    /// The target was filled from an imported translation.
    Import,
    /// An English sentence was moved to or from the neighbouring segment.
    Realign,
    /// The Persian source was corrected (a typo fixed); the revision holds both versions.
    CorrectSource,
    /// A merge conflict was settled (format version 5); the note holds both versions.
    ResolveConflict,
}

impl Action {
    /// Human-readable label for the history view.
    pub fn label(&self) -> &'static str {
        match self {
            Action::Edit => "edited",
            Action::MarkTranslated => "marked translated",
            Action::Approve => "approved",
            Action::SendBack => "sent back",
            Action::SetStatus => "status changed",
            Action::Split => "split",
            Action::Merge => "merged",
            Action::Replace => "replaced text",
            Action::Comment => "commented",
            Action::ResolveComment => "comment resolved",
            Action::QaIgnore => "QA finding ignored",
            Action::Import => "imported",
            Action::Realign => "sentence moved",
            Action::CorrectSource => "source corrected",
            Action::ResolveConflict => "conflict resolved",
        }
    }
}

/// One entry in a segment's history: who did what, when, and the target/status around it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    /// Who made the change.
    pub author: String,
    /// When.
    pub time: DateTime<Utc>,
    /// What happened.
    pub action: Action,
    /// Target before the change.
    pub target_before: String,
    /// Target after the change.
    pub target_after: String,
    /// Status before the change.
    pub status_before: Status,
    /// Status after the change.
    pub status_after: Status,
    /// Free detail (e.g. the comment text, the split position).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The Persian source before a source correction (only on [`Action::CorrectSource`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_before: Option<String>,
    /// The Persian source after a source correction (only on [`Action::CorrectSource`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_after: Option<String>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A sentence pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// Stable id.
    pub id: SegmentId,
    /// The Persian source sentence (no leading/trailing whitespace).
    pub source: String,
    /// Whitespace that followed the sentence in the article; contains `\n` at a paragraph end.
    pub separator: String,
    /// The English translation.
    pub target: String,
    /// Review status.
    pub status: Status,
    /// Comment thread.
    #[serde(default)]
    pub comments: Vec<Comment>,
    /// Revisions, oldest first.
    #[serde(default)]
    pub history: Vec<Revision>,
    /// Keys of QA findings an editor chose to ignore for this segment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qa_ignored: Vec<String>,
    /// How sure the aligner was that the imported target belongs here, in percent (0–100);
    /// `None` when the target was not imported (or was moved by hand since).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alignment_confidence: Option<u8>,
    /// The source as it was before its first correction, set once and never changed after
    /// (`None`: never corrected). A split keeps it on the first part; a merge joins the two
    /// parts' originals (or current sources where one was not corrected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_source: Option<String>,
    /// An open merge conflict: both versions, until someone chooses (format version 5;
    /// `docs/FORMAT.md`, "Conflicts"). The segment's own target and status are ours meanwhile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<Box<Conflict>>,
    /// Unknown fields, kept (a split leaves them on the first part; a merge adds the second
    /// segment's to the first's where the first has no field of that name).
    #[serde(flatten)]
    pub extra: Extra,
}

impl Segment {
    /// Whether this segment ends a paragraph of the article (its separator has a line break:
    /// `\n`, `\r\n`, a lone `\r` or a Unicode line/paragraph separator, as the segmenter cuts).
    pub fn ends_paragraph(&self) -> bool {
        crate::segment::is_paragraph_break(&self.separator)
    }

    /// Number of comments not yet resolved.
    pub fn open_comments(&self) -> usize {
        self.comments.iter().filter(|c| !c.resolved).count()
    }

    /// The target as it was when the segment was last approved, if it ever was. A merge is
    /// a boundary: approvals before it were of one of the two sentences that were merged (whose
    /// histories the merged segment keeps), never of the merged text, unless the merge itself
    /// kept an approval of both.
    pub fn last_approved_target(&self) -> Option<&str> {
        for rev in self.history.iter().rev() {
            if rev.status_after == Status::Approved {
                return Some(&rev.target_after);
            }
            if rev.action == Action::Merge {
                return None;
            }
        }
        None
    }

    /// Number of whitespace-separated words in the source.
    pub fn source_words(&self) -> usize {
        self.source.split_whitespace().count()
    }
}

/// Project metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Title shown in the window and in exports.
    pub title: String,
    /// Source language (BCP 47), `fa`.
    pub source_lang: String,
    /// Target language (BCP 47), `en`.
    pub target_lang: String,
    /// Name of the source publication or file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_name: Option<String>,
    /// URL of the original article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// Publication date of the original, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// When the project was created.
    pub created: DateTime<Utc>,
    /// When the project was last changed.
    pub modified: DateTime<Utc>,
    /// Whitespace before the first sentence of the imported article.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source_prefix: String,
    /// Whether the imported file began with a UTF-8 byte order mark.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub source_bom: bool,
    /// The article exactly as imported (without the BOM), kept from the first source
    /// correction on, never changed after; `None` while no sentence was corrected (then the
    /// segments still join back to it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_source: Option<String>,
    /// The English the translation is written in, for spelling and house style (format
    /// version 4); absent in the file means en-US, the default.
    #[serde(default, skip_serializing_if = "is_default_variant")]
    pub english_variant: Variant,
    /// Words the project treats as correct: added to the project dictionary or ignored in this
    /// project (format version 4); absent when both lists are empty.
    #[serde(default, skip_serializing_if = "ProjectWords::is_empty")]
    pub project_words: ProjectWords,
    /// The glossary files the project uses (format version 6), by path relative to the
    /// project file's folder with `/` separators (or absolute), in order: an earlier one wins a
    /// clash (docs/GLOSSARY.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub glossaries: Vec<String>,
    /// The project's own terms (format version 6); they win over any linked glossary.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<crate::glossary::Term>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_default_variant(variant: &Variant) -> bool {
    *variant == Variant::default()
}

/// A translation project: metadata and the ordered segments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// Metadata.
    pub meta: Meta,
    /// The next segment id to hand out; ids are never reused.
    pub next_id: u64,
    /// Segments in article order.
    pub segments: Vec<Segment>,
    /// Unknown top-level fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Counts of segments per status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    /// Untranslated segments.
    pub untranslated: usize,
    /// Translated (draft) segments.
    pub translated: usize,
    /// Segments sent back.
    pub needs_revision: usize,
    /// Approved segments.
    pub approved: usize,
}

impl StatusCounts {
    /// Count for one status.
    pub fn get(&self, status: Status) -> usize {
        match status {
            Status::Untranslated => self.untranslated,
            Status::Translated => self.translated,
            Status::NeedsRevision => self.needs_revision,
            Status::Approved => self.approved,
        }
    }

    /// Count one more segment of `status`.
    pub fn bump(&mut self, status: Status) {
        *self.slot(status) += 1;
    }

    /// Count one segment of `status` less; `None` (and nothing changed) if none was counted.
    pub fn unbump(&mut self, status: Status) -> Option<()> {
        let slot = self.slot(status);
        *slot = slot.checked_sub(1)?;
        Some(())
    }

    fn slot(&mut self, status: Status) -> &mut usize {
        match status {
            Status::Untranslated => &mut self.untranslated,
            Status::Translated => &mut self.translated,
            Status::NeedsRevision => &mut self.needs_revision,
            Status::Approved => &mut self.approved,
        }
    }

    /// Total number of segments.
    pub fn total(&self) -> usize {
        self.untranslated + self.translated + self.needs_revision + self.approved
    }

    /// Share of approved segments, 0.0..=1.0 (0 for an empty project).
    pub fn approved_fraction(&self) -> f32 {
        if self.total() == 0 {
            0.0
        } else {
            self.approved as f32 / self.total() as f32
        }
    }
}

impl Project {
    /// A new project from source sentences and the whitespace after each.
    ///
    /// `prefix` is whitespace before the first sentence; `prefix + Σ(source + separator)` is the
    /// imported text.
    pub fn new(
        title: impl Into<String>,
        prefix: impl Into<String>,
        pieces: impl IntoIterator<Item = (String, String)>,
        now: DateTime<Utc>,
    ) -> Self {
        let segments: Vec<Segment> = pieces
            .into_iter()
            .enumerate()
            .map(|(i, (source, separator))| Segment {
                id: SegmentId(i as u64 + 1),
                source,
                separator,
                target: String::new(),
                status: Status::Untranslated,
                comments: Vec::new(),
                history: Vec::new(),
                qa_ignored: Vec::new(),
                alignment_confidence: None,
                original_source: None,
                conflict: None,
                extra: Extra::new(),
            })
            .collect();
        Project {
            meta: Meta {
                title: title.into(),
                source_lang: "fa".into(),
                target_lang: "en".into(),
                source_name: None,
                source_url: None,
                published: None,
                created: now,
                modified: now,
                source_prefix: prefix.into(),
                source_bom: false,
                imported_source: None,
                english_variant: Variant::default(),
                project_words: ProjectWords::default(),
                glossaries: Vec::new(),
                terms: Vec::new(),
                extra: Extra::new(),
            },
            next_id: segments.len() as u64 + 1,
            segments,
            extra: Extra::new(),
        }
    }

    /// Index of the segment with this id.
    pub fn index_of(&self, id: SegmentId) -> Option<usize> {
        // Ids are increasing along the list except after splits, so search linearly; callers
        // that need speed keep indices.
        self.segments.iter().position(|s| s.id == id)
    }

    /// The segment with this id.
    pub fn segment(&self, id: SegmentId) -> Option<&Segment> {
        self.segments.iter().find(|s| s.id == id)
    }

    /// Number of paragraphs in the article.
    pub fn paragraph_count(&self) -> usize {
        let Some(last) = self.segments.len().checked_sub(1) else {
            return 0;
        };
        1 + self.segments[..last]
            .iter()
            .filter(|s| s.ends_paragraph())
            .count()
    }

    /// Counts per status.
    pub fn status_counts(&self) -> StatusCounts {
        let mut counts = StatusCounts::default();
        for s in &self.segments {
            counts.bump(s.status);
        }
        counts
    }

    /// Number of source words in the whole article.
    pub fn source_words(&self) -> usize {
        self.segments.iter().map(Segment::source_words).sum()
    }

    /// The article as imported, byte for byte (without the BOM): the segments joined back,
    /// or, once a sentence was corrected, the copy kept at the first correction.
    pub fn imported_text(&self) -> String {
        self.meta
            .imported_source
            .clone()
            .unwrap_or_else(|| self.source_text())
    }

    /// The article as it stands, reconstructed byte for byte (without the BOM): as imported,
    /// with the source corrections made since (`prefix + Σ(source + separator)`).
    pub fn source_text(&self) -> String {
        let mut out = self.meta.source_prefix.clone();
        for s in &self.segments {
            out.push_str(&s.source);
            out.push_str(&s.separator);
        }
        out
    }

    /// Hand out a fresh segment id, or [`EditError::NoFreeId`] when the ids in use (from a
    /// hand-edited file) reach the top of the integer range.
    fn fresh_id(&mut self) -> Result<SegmentId, EditError> {
        // A file edited by hand could carry a stale counter; never hand out a used id.
        let max_used = self.segments.iter().map(|s| s.id.0).max().unwrap_or(0);
        let above_used = max_used.checked_add(1).ok_or(EditError::NoFreeId)?;
        let id = self.next_id.max(above_used);
        self.next_id = id.checked_add(1).ok_or(EditError::NoFreeId)?;
        Ok(SegmentId(id))
    }
}

#[cfg(test)]
mod tests;
