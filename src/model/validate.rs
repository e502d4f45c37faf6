//! The invariants the model operations rely on, checked when a file is loaded so that a
//! hand-edited or hostile file cannot make an operation confuse two segments or two comments.
//!
//! What is *not* an error: an empty project (an empty article imports as one), and a
//! `next_id` not above every id in use (ids are then handed out past the largest one, see
//! `Project::fresh_id`). Ids at the top of the integer range load; the operation that would
//! need a larger id fails with [`super::EditError::NoFreeId`].

use std::collections::HashSet;
use std::fmt::Write;

use super::{Project, SegmentId};

/// How many duplicated ids a message lists before "and N more".
const LISTED: usize = 10;

/// Why a project breaks an invariant of the model.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InvalidProject {
    /// Several segments share an id.
    #[error("segment ids must be unique, but {} used more than once", id_list(ids))]
    DuplicateSegmentIds {
        /// Every id used more than once, in increasing order.
        ids: Vec<SegmentId>,
    },
    /// Two comments of one segment share an id.
    #[error("segment {segment} has more than one comment with id {comment}")]
    DuplicateCommentId {
        /// The segment.
        segment: SegmentId,
        /// The comment id used more than once.
        comment: u64,
    },
}

/// "#3 is", "#3, #7 are", "#1, ..., #10 and 5 more are".
fn id_list(ids: &[SegmentId]) -> String {
    let mut out = String::new();
    for (i, id) in ids.iter().take(LISTED).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{id}");
    }
    if ids.len() > LISTED {
        let _ = write!(out, " and {} more", ids.len() - LISTED);
    }
    out.push_str(if ids.len() == 1 { " is" } else { " are" });
    out
}

impl Project {
    /// Check the invariants the operations rely on: segment ids unique in the project, comment
    /// ids unique within their segment.
    pub fn validate(&self) -> Result<(), InvalidProject> {
        let mut seen = HashSet::with_capacity(self.segments.len());
        let mut dups: Vec<SegmentId> = self
            .segments
            .iter()
            .map(|s| s.id)
            .filter(|id| !seen.insert(*id))
            .collect();
        if !dups.is_empty() {
            dups.sort_unstable();
            dups.dedup();
            return Err(InvalidProject::DuplicateSegmentIds { ids: dups });
        }
        for seg in &self.segments {
            let mut seen = HashSet::with_capacity(seg.comments.len());
            if let Some(c) = seg.comments.iter().find(|c| !seen.insert(c.id)) {
                return Err(InvalidProject::DuplicateCommentId {
                    segment: seg.id,
                    comment: c.id,
                });
            }
        }
        Ok(())
    }
}
