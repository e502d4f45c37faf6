//! QA findings per segment, computed lazily and refreshed only for segments that changed, so
//! typing never re-checks the whole project.

use crate::model::Project;
use crate::qa::{self, Finding};

/// A finding with whether the editor chose to ignore it for this segment.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownFinding {
    /// The finding.
    pub finding: Finding,
    /// Ignored by an editor (kept and shown as ignored, never deleted).
    pub ignored: bool,
}

/// Findings per segment index.
#[derive(Debug, Default)]
pub struct QaCache {
    per_segment: Vec<Option<Vec<ShownFinding>>>,
}

impl QaCache {
    /// Forget everything (project replaced).
    pub fn clear(&mut self) {
        self.per_segment.clear();
    }

    /// Forget one segment's findings (its text changed).
    pub fn invalidate(&mut self, index: usize) {
        if let Some(slot) = self.per_segment.get_mut(index) {
            *slot = None;
        }
    }

    /// Findings of segment `index`, checking it now if needed.
    pub fn findings(&mut self, project: &Project, index: usize) -> &[ShownFinding] {
        if self.per_segment.len() != project.segments.len() {
            self.per_segment.resize(project.segments.len(), None);
        }
        let Some(seg) = project.segments.get(index) else {
            return &[];
        };
        self.per_segment[index].get_or_insert_with(|| {
            qa::check_pair(&seg.source, &seg.target)
                .into_iter()
                // An empty translation is already shown by the "Untranslated" status.
                .filter(|f| f.kind != qa::CheckKind::EmptyTarget)
                .map(|finding| ShownFinding {
                    ignored: seg.qa_ignored.contains(&finding.key),
                    finding,
                })
                .collect()
        })
    }

    /// Findings of segment `index` if they are known, or can be computed before `deadline`.
    /// Lets a view spread a whole-project check over several frames instead of stalling.
    pub fn findings_before(
        &mut self,
        project: &Project,
        index: usize,
        deadline: std::time::Instant,
    ) -> Option<&[ShownFinding]> {
        let known = self.per_segment.get(index).is_some_and(Option::is_some);
        if known || std::time::Instant::now() < deadline {
            Some(self.findings(project, index))
        } else {
            None
        }
    }

    /// Number of findings of segment `index` that are not ignored.
    pub fn open_count(&mut self, project: &Project, index: usize) -> usize {
        self.findings(project, index)
            .iter()
            .filter(|f| !f.ignored)
            .count()
    }
}
