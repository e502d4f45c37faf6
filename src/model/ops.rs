//! Model operations. Each one checks the workflow rules, applies the change and records who
//! did it in the segment's history.

use chrono::{DateTime, Utc};
use thiserror::Error;

use super::{Action, Comment, Extra, Project, Revision, Segment, Status};

/// Edits to the target by one author closer together than this form one revision, so typing
/// a sentence does not leave a revision per keystroke.
const COALESCE_SECS: i64 = 120;

/// Why a model operation was refused.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The index does not name a segment.
    #[error("there is no segment number {0}")]
    NoSuchSegment(usize),
    /// Approving or marking translated needs a translation.
    #[error("segment {0} has no translation yet")]
    EmptyTarget(usize),
    /// Sending back needs a comment that says why.
    #[error("sending a segment back needs a comment that says why")]
    CommentRequired,
    /// A comment must have text.
    #[error("a comment cannot be empty")]
    EmptyComment,
    /// The comment id does not exist on that segment.
    #[error("segment {0} has no comment {1}")]
    NoSuchComment(usize, u64),
    /// Split position not inside the source or leaves an empty part.
    #[error("cannot split there: both parts must contain text")]
    BadSplit,
    /// The last segment has nothing to merge with.
    #[error("the last segment has no following segment to merge with")]
    LastSegment,
    /// Merging would join two paragraphs.
    #[error("cannot merge across a paragraph break")]
    ParagraphBoundary,
    /// The ids in use (from a hand-edited file) reach the largest possible number, so no new
    /// segment or comment id can be handed out.
    #[error("no unused id is left: the project's ids reach the largest possible number")]
    NoFreeId,
    /// Pull or push found no English sentence to move.
    #[error("segment {0} has no English sentence to move")]
    NothingToMove(usize),
    /// A corrected source must still hold text.
    #[error("the corrected sentence is empty")]
    EmptySource,
    /// A line break inside a sentence would change the paragraphs of the article.
    #[error("a sentence cannot hold a line break; split it instead")]
    LineBreakInSource,
    /// Splitting or merging a sentence with an open merge conflict would mix the versions.
    #[error("sentence {0} has an open merge conflict; resolve it first")]
    OpenConflict(usize),
}

/// Who and when, for every operation.
#[derive(Clone, Debug)]
pub struct Stamp {
    /// The author's name.
    pub author: String,
    /// The time of the change.
    pub time: DateTime<Utc>,
}

impl Stamp {
    /// A stamp for `author` now.
    pub fn now(author: impl Into<String>) -> Self {
        Stamp {
            author: author.into(),
            time: Utc::now(),
        }
    }
}

pub(super) fn revision(seg: &Segment, stamp: &Stamp, action: Action) -> Revision {
    Revision {
        author: stamp.author.clone(),
        time: stamp.time,
        action,
        target_before: seg.target.clone(),
        target_after: seg.target.clone(),
        status_before: seg.status,
        status_after: seg.status,
        note: String::new(),
        source_before: None,
        source_after: None,
        extra: Extra::new(),
    }
}

/// The target and status of two neighbouring sentences merged into one (as
/// [`Project::merge_with_next`] joins them): the targets joined with a space (an empty one
/// left out); untranslated if both are empty, sent back if either was, approved only if both
/// were, translated otherwise.
pub fn merged_target_status(
    first: &str,
    first_status: Status,
    second: &str,
    second_status: Status,
) -> (String, Status) {
    let target = match (first.trim().is_empty(), second.trim().is_empty()) {
        (false, false) => format!("{} {}", first.trim_end(), second.trim_start()),
        (false, true) => first.to_owned(),
        (true, false) => second.to_owned(),
        (true, true) => String::new(),
    };
    let status = if target.trim().is_empty() {
        Status::Untranslated
    } else if first_status == Status::NeedsRevision || second_status == Status::NeedsRevision {
        Status::NeedsRevision
    } else if first_status == Status::Approved && second_status == Status::Approved {
        Status::Approved
    } else {
        Status::Translated
    };
    (target, status)
}

/// The status a segment in `status` gets when its target becomes `text`: untranslated when
/// empty; a first translation or an edit of an approved one is translated; otherwise as it was.
fn edited_status(status: Status, text: &str) -> Status {
    if text.trim().is_empty() {
        Status::Untranslated
    } else {
        match status {
            Status::Untranslated | Status::Approved => Status::Translated,
            other => other,
        }
    }
}

impl Project {
    pub(super) fn seg_mut(&mut self, index: usize) -> Result<&mut Segment, EditError> {
        self.segments
            .get_mut(index)
            .ok_or(EditError::NoSuchSegment(index))
    }

    /// Set the English target of segment `index`. Returns whether anything changed.
    ///
    /// Typing into an empty target makes it `Translated`; clearing it makes it `Untranslated`;
    /// editing an `Approved` target withdraws the approval (back to `Translated`).
    pub fn set_target(
        &mut self,
        index: usize,
        text: &str,
        stamp: &Stamp,
    ) -> Result<bool, EditError> {
        self.change_target(index, text, stamp, Action::Edit)
    }

    /// Like [`Project::set_target`], recorded as a find-and-replace.
    pub fn replace_target(
        &mut self,
        index: usize,
        text: &str,
        stamp: &Stamp,
    ) -> Result<bool, EditError> {
        self.change_target(index, text, stamp, Action::Replace)
    }

    fn change_target(
        &mut self,
        index: usize,
        text: &str,
        stamp: &Stamp,
        action: Action,
    ) -> Result<bool, EditError> {
        let seg = self.seg_mut(index)?;
        if seg.target == text {
            return Ok(false);
        }
        let new_status = edited_status(seg.status, text);
        let coalesce = action == Action::Edit
            && seg.history.last().is_some_and(|last| {
                last.action == Action::Edit
                    && last.author == stamp.author
                    && last.target_after == seg.target
                    && (stamp.time - last.time).num_seconds() < COALESCE_SECS
            });
        if coalesce {
            if let Some(last) = seg.history.last_mut() {
                last.time = stamp.time;
                text.clone_into(&mut last.target_after);
                last.status_after = new_status;
            }
        } else {
            let mut rev = revision(seg, stamp, action);
            text.clone_into(&mut rev.target_after);
            rev.status_after = new_status;
            if seg.status == Status::Approved {
                rev.note = "approval withdrawn by an edit".into();
            }
            seg.history.push(rev);
        }
        text.clone_into(&mut seg.target);
        seg.status = new_status;
        self.meta.modified = stamp.time;
        Ok(true)
    }

    fn change_status(
        &mut self,
        index: usize,
        status: Status,
        action: Action,
        note: String,
        stamp: &Stamp,
    ) -> Result<bool, EditError> {
        let seg = self.seg_mut(index)?;
        if seg.status == status {
            return Ok(false);
        }
        let mut rev = revision(seg, stamp, action);
        rev.status_after = status;
        rev.note = note;
        seg.history.push(rev);
        seg.status = status;
        self.meta.modified = stamp.time;
        Ok(true)
    }

    /// Approve segment `index`; needs a non-empty target. Returns whether the status changed.
    pub fn approve(&mut self, index: usize, stamp: &Stamp) -> Result<bool, EditError> {
        self.require_target(index)?;
        self.change_status(
            index,
            Status::Approved,
            Action::Approve,
            String::new(),
            stamp,
        )
    }

    /// Mark segment `index` translated (draft done, ready for review); needs a target. An
    /// approved segment stays approved: only an edit of its text withdraws a sign-off.
    pub fn mark_translated(&mut self, index: usize, stamp: &Stamp) -> Result<bool, EditError> {
        self.require_target(index)?;
        if self.segments[index].status == Status::Approved {
            return Ok(false);
        }
        self.change_status(
            index,
            Status::Translated,
            Action::MarkTranslated,
            String::new(),
            stamp,
        )
    }

    /// Send segment `index` back to the translator with a comment saying why.
    pub fn send_back(
        &mut self,
        index: usize,
        comment: &str,
        stamp: &Stamp,
    ) -> Result<(), EditError> {
        let comment = comment.trim();
        if comment.is_empty() {
            return Err(EditError::CommentRequired);
        }
        self.seg_mut(index)?;
        self.add_comment(index, comment, stamp)?;
        self.change_status(
            index,
            Status::NeedsRevision,
            Action::SendBack,
            comment.to_owned(),
            stamp,
        )?;
        Ok(())
    }

    fn require_target(&self, index: usize) -> Result<(), EditError> {
        let seg = self
            .segments
            .get(index)
            .ok_or(EditError::NoSuchSegment(index))?;
        if seg.target.trim().is_empty() {
            Err(EditError::EmptyTarget(index))
        } else {
            Ok(())
        }
    }

    /// Add a comment to segment `index`; returns the comment's id.
    pub fn add_comment(
        &mut self,
        index: usize,
        text: &str,
        stamp: &Stamp,
    ) -> Result<u64, EditError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(EditError::EmptyComment);
        }
        let seg = self.seg_mut(index)?;
        let id = match seg.comments.iter().map(|c| c.id).max() {
            Some(max) => max.checked_add(1).ok_or(EditError::NoFreeId)?,
            None => 1,
        };
        seg.comments.push(Comment {
            id,
            author: stamp.author.clone(),
            time: stamp.time,
            text: text.to_owned(),
            resolved: false,
            extra: Extra::new(),
        });
        let mut rev = revision(seg, stamp, Action::Comment);
        text.clone_into(&mut rev.note);
        seg.history.push(rev);
        self.meta.modified = stamp.time;
        Ok(id)
    }

    /// Resolve or reopen comment `comment_id` of segment `index`.
    pub fn set_comment_resolved(
        &mut self,
        index: usize,
        comment_id: u64,
        resolved: bool,
        stamp: &Stamp,
    ) -> Result<bool, EditError> {
        let seg = self.seg_mut(index)?;
        let comment = seg
            .comments
            .iter_mut()
            .find(|c| c.id == comment_id)
            .ok_or(EditError::NoSuchComment(index, comment_id))?;
        if comment.resolved == resolved {
            return Ok(false);
        }
        comment.resolved = resolved;
        let note = format!(
            "{} comment by {}: {}",
            if resolved { "resolved" } else { "reopened" },
            comment.author,
            comment.text
        );
        let mut rev = revision(seg, stamp, Action::ResolveComment);
        rev.note = note;
        seg.history.push(rev);
        self.meta.modified = stamp.time;
        Ok(true)
    }

    /// Ignore (or stop ignoring) the QA finding with `key` on segment `index`.
    pub fn set_qa_ignored(
        &mut self,
        index: usize,
        key: &str,
        ignored: bool,
        stamp: &Stamp,
    ) -> Result<bool, EditError> {
        let seg = self.seg_mut(index)?;
        let present = seg.qa_ignored.iter().any(|k| k == key);
        if present == ignored {
            return Ok(false);
        }
        if ignored {
            seg.qa_ignored.push(key.to_owned());
        } else {
            seg.qa_ignored.retain(|k| k != key);
        }
        let mut rev = revision(seg, stamp, Action::QaIgnore);
        rev.note = format!("{} {key}", if ignored { "ignored" } else { "restored" });
        seg.history.push(rev);
        self.meta.modified = stamp.time;
        Ok(true)
    }

    /// Correct the Persian source of segment `index` (fix a typo). Returns whether anything
    /// changed.
    ///
    /// Whitespace around `text` is dropped (a source has none); an empty text or one holding a
    /// line break is refused, so the segments still join back to an article with the same
    /// paragraphs. The first correction in the project keeps the imported article in
    /// `meta.imported_source`, the first of this segment its source in `original_source`;
    /// neither changes after. The history records the source before and after. The English
    /// was approved for the old source, so an approval is withdrawn (Translated).
    pub fn correct_source(
        &mut self,
        index: usize,
        text: &str,
        stamp: &Stamp,
    ) -> Result<bool, EditError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(EditError::EmptySource);
        }
        if crate::segment::is_paragraph_break(text) {
            return Err(EditError::LineBreakInSource);
        }
        let unchanged = self.seg_mut(index)?.source == text;
        if unchanged {
            return Ok(false);
        }
        if self.meta.imported_source.is_none() {
            self.meta.imported_source = Some(self.source_text());
        }
        let seg = self.seg_mut(index)?;
        let mut rev = revision(seg, stamp, Action::CorrectSource);
        rev.source_before = Some(seg.source.clone());
        rev.source_after = Some(text.to_owned());
        if seg.status == Status::Approved {
            seg.status = Status::Translated;
            rev.note = "approval withdrawn: the source changed".into();
        }
        rev.status_after = seg.status;
        seg.history.push(rev);
        if seg.original_source.is_none() {
            seg.original_source = Some(std::mem::take(&mut seg.source));
        }
        text.clone_into(&mut seg.source);
        self.meta.modified = stamp.time;
        Ok(true)
    }

    /// Split segment `index` at byte `pos` of its source. The translation stays on the first
    /// part; the second part is new (fresh id, untranslated). Whitespace at the split point
    /// becomes the first part's separator, so the article text is unchanged.
    ///
    /// Returns the index of the new segment (`index + 1`).
    pub fn split(&mut self, index: usize, pos: usize, stamp: &Stamp) -> Result<usize, EditError> {
        let seg = self
            .segments
            .get(index)
            .ok_or(EditError::NoSuchSegment(index))?;
        if seg.conflict.is_some() {
            return Err(EditError::OpenConflict(index));
        }
        let source = &seg.source;
        if !source.is_char_boundary(pos) {
            return Err(EditError::BadSplit);
        }
        let head = source[..pos].trim_end();
        let tail = source[pos..].trim_start();
        if head.is_empty() || tail.is_empty() {
            return Err(EditError::BadSplit);
        }
        let head_end = head.len();
        let tail_start = source.len() - tail.len();
        let first_source = head.to_owned();
        let gap = source[head_end..tail_start].to_owned();
        let second_source = tail.to_owned();

        let new_id = self.fresh_id()?;
        let seg = self.seg_mut(index)?;
        let mut rev = revision(seg, stamp, Action::Split);
        // The first part's source changed, so a sign-off no longer covers it.
        if seg.status == Status::Approved {
            seg.status = Status::Translated;
        }
        rev.status_after = seg.status;
        rev.note = format!("split off {new_id}");
        seg.history.push(rev);
        seg.source = first_source;
        let second_separator = std::mem::replace(&mut seg.separator, gap);
        let from = seg.id;

        let second = Segment {
            id: new_id,
            source: second_source,
            separator: second_separator,
            target: String::new(),
            status: Status::Untranslated,
            comments: Vec::new(),
            history: vec![Revision {
                author: stamp.author.clone(),
                time: stamp.time,
                action: Action::Split,
                target_before: String::new(),
                target_after: String::new(),
                status_before: Status::Untranslated,
                status_after: Status::Untranslated,
                note: format!("split from {from}"),
                source_before: None,
                source_after: None,
                extra: Extra::new(),
            }],
            qa_ignored: Vec::new(),
            alignment_confidence: None,
            // The original of the whole sentence stays with the first part (and the whole
            // article with `meta.imported_source`).
            original_source: None,
            conflict: None,
            // Unknown fields stay with the first part, which keeps the segment's id.
            extra: Extra::new(),
        };
        self.segments.insert(index + 1, second);
        self.meta.modified = stamp.time;
        Ok(index + 1)
    }

    /// Merge segment `index` with the one after it. Sources and targets are joined, comments
    /// and history kept; the second segment's id is retired.
    pub fn merge_with_next(&mut self, index: usize, stamp: &Stamp) -> Result<(), EditError> {
        let first = self
            .segments
            .get(index)
            .ok_or(EditError::NoSuchSegment(index))?;
        if index + 1 >= self.segments.len() {
            return Err(EditError::LastSegment);
        }
        if first.ends_paragraph() {
            return Err(EditError::ParagraphBoundary);
        }
        for i in [index, index + 1] {
            if self.segments[i].conflict.is_some() {
                return Err(EditError::OpenConflict(i));
            }
        }
        let comment_offset = self.merged_comment_offset(index)?;
        let second = self.segments.remove(index + 1);
        let seg = self.seg_mut(index)?;
        let (target, status) =
            merged_target_status(&seg.target, seg.status, &second.target, second.status);
        let mut rev = revision(seg, stamp, Action::Merge);
        rev.target_after.clone_from(&target);
        rev.status_after = status;
        rev.note = format!("merged with {}", second.id);

        if seg.original_source.is_some() || second.original_source.is_some() {
            let first_original = seg.original_source.as_ref().unwrap_or(&seg.source);
            let second_original = second.original_source.as_ref().unwrap_or(&second.source);
            seg.original_source = Some(format!(
                "{first_original}{}{second_original}",
                seg.separator
            ));
        }
        seg.source = format!("{}{}{}", seg.source, seg.separator, second.source);
        seg.separator = second.separator;
        seg.target = target;
        seg.status = status;
        seg.comments
            .extend(second.comments.into_iter().map(|mut c| {
                // Checked by `merged_comment_offset`; saturating only to have no panic path.
                c.id = c.id.saturating_add(comment_offset);
                c
            }));
        seg.history.extend(second.history);
        seg.history.sort_by_key(|r| r.time);
        seg.history.push(rev);
        for key in second.qa_ignored {
            if !seg.qa_ignored.contains(&key) {
                seg.qa_ignored.push(key);
            }
        }
        for (key, value) in second.extra {
            seg.extra.entry(key).or_insert(value);
        }
        self.meta.modified = stamp.time;
        Ok(())
    }

    /// Fill the target of segment `index` from elsewhere (a translation memory): a revision
    /// of its own ([`Action::Import`], never merged with typing) whose note says where the text
    /// came from. `status` is the status it gets (`None`: as an edit would set it; an empty
    /// text is always untranslated). Returns whether anything changed.
    pub fn fill_target(
        &mut self,
        index: usize,
        text: &str,
        status: Option<Status>,
        note: &str,
        stamp: &Stamp,
    ) -> Result<bool, EditError> {
        let seg = self.seg_mut(index)?;
        let new_status = match status {
            Some(s) if !text.trim().is_empty() => s,
            _ => edited_status(seg.status, text),
        };
        if seg.target == text && seg.status == new_status {
            return Ok(false);
        }
        let mut rev = revision(seg, stamp, Action::Import);
        text.clone_into(&mut rev.target_after);
        rev.status_after = new_status;
        note.clone_into(&mut rev.note);
        if seg.status == Status::Approved && new_status != Status::Approved {
            rev.note.push_str("; approval withdrawn");
        }
        seg.history.push(rev);
        text.clone_into(&mut seg.target);
        seg.status = new_status;
        self.meta.modified = stamp.time;
        Ok(true)
    }

    /// What to add to the ids of the comments of segment `index + 1` when it is merged into
    /// segment `index`, so they follow the first segment's ids without a collision (also with
    /// hand-edited ids such as 0), or [`EditError::NoFreeId`] if they would not fit.
    fn merged_comment_offset(&self, index: usize) -> Result<u64, EditError> {
        let ids = |i: usize| {
            self.segments
                .get(i)
                .into_iter()
                .flat_map(|s| s.comments.iter().map(|c| c.id))
        };
        let (Some(second_min), Some(second_max)) = (ids(index + 1).min(), ids(index + 1).max())
        else {
            return Ok(0);
        };
        let first_next = match ids(index).max() {
            Some(max) => max.checked_add(1).ok_or(EditError::NoFreeId)?,
            None => 1,
        };
        let offset = first_next.saturating_sub(second_min);
        second_max.checked_add(offset).ok_or(EditError::NoFreeId)?;
        Ok(offset)
    }
}
