//! QA findings per segment, computed lazily and refreshed only for segments that changed, so
//! typing never re-checks the whole project. Keyed by the segment's stable id, never by its
//! row: a split or merge moves rows, and a row must never show its neighbour's findings.

use std::collections::HashMap;

use crate::model::{Meta, Project, SegmentId};
use crate::qa::{self, Finding};
use crate::spell::{ProjectWords, Variant};

/// A finding with whether the editor chose to ignore it for this segment.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownFinding {
    /// The finding.
    pub finding: Finding,
    /// Ignored by an editor (kept and shown as ignored, never deleted).
    pub ignored: bool,
}

/// How many segments a frame checks for the whole-project QA views (the QA findings filter and
/// the side panel's list, together): about 8 ms in a release build, so a large project fills
/// in over a few frames and the window never stalls.
pub const CHECKS_PER_FRAME: usize = 500;

/// Findings per segment id.
#[derive(Debug, Default)]
pub struct QaCache {
    per_segment: HashMap<SegmentId, Vec<ShownFinding>>,
    /// The project's English variant and word list, for the house-style check.
    variant: Variant,
    words: ProjectWords,
    /// The frame (its time) the checks left are counted for.
    frame: Option<f64>,
    checks_left: usize,
    /// The house style the project is held to: chosen, or inferred from its sentences when it
    /// is first needed after the project, its spelling settings or any sentence changed, from
    /// the evidence of every sentence, so the desk holds a story to the same spelling as
    /// `virast check` does, also while it is being translated.
    house: Option<qa::House>,
    /// Each sentence's variant spellings (by segment id), kept until its English changes: an
    /// edit re-reads one sentence and adds up the rest.
    evidence: HashMap<SegmentId, qa::HouseEvidence>,
    /// The house style the cached findings were computed with: when a re-inference gives
    /// another one, every segment is checked again.
    checked_with: Option<qa::House>,
    /// Project-level findings (one name spelled two ways) by segment id, computed over the
    /// whole project when the project panel asks and forgotten on any change.
    names: Option<HashMap<SegmentId, Vec<ShownFinding>>>,
}

impl QaCache {
    /// Forget everything (project replaced).
    pub fn clear(&mut self) {
        self.per_segment.clear();
        self.evidence.clear();
        self.house = None;
        self.names = None;
    }

    /// Check house style with the project's variant and word list from now on (everything is
    /// re-checked when they changed; cheap when they did not).
    pub fn follow(&mut self, meta: &Meta) {
        if meta.english_variant != self.variant || meta.project_words != self.words {
            self.variant = meta.english_variant;
            self.words.clone_from(&meta.project_words);
            self.per_segment.clear();
            self.evidence.clear();
            self.house = None;
            self.names = None;
        }
    }

    /// Forget one segment's findings (its text or ignore list changed).
    pub fn invalidate(&mut self, id: SegmentId) {
        self.per_segment.remove(&id);
        self.evidence.remove(&id);
        self.names = None;
        self.house = None;
    }

    /// Forget the findings of segments `range` (as they are now, after a change) and of the
    /// sentences of their paragraph whose checks read them: a quote closed or opened in one
    /// sentence changes whether its neighbours' quotes pair up.
    pub fn invalidate_around(&mut self, project: &Project, range: std::ops::Range<usize>) {
        let last = range.end.max(range.start + 1) - 1;
        let from = qa::paragraph_window(project, range.start).start;
        let to = qa::paragraph_window(project, last).end;
        self.names = None;
        self.house = None;
        for seg in project.segments.get(range).unwrap_or_default() {
            self.evidence.remove(&seg.id);
        }
        for seg in project.segments.get(from..to).unwrap_or_default() {
            self.per_segment.remove(&seg.id);
        }
    }

    /// Findings of segment `index`, checking it now if needed.
    pub fn findings(&mut self, project: &Project, index: usize) -> &[ShownFinding] {
        let Some(seg) = project.segments.get(index) else {
            return &[];
        };
        let words = &self.words;
        let evidence = &mut self.evidence;
        let house = *self.house.get_or_insert_with(|| {
            let choice = qa::VariantChoice::of_project(self.variant);
            let mut all = qa::HouseEvidence::default();
            if choice == qa::VariantChoice::Infer {
                for s in &project.segments {
                    all.add(
                        *evidence
                            .entry(s.id)
                            .or_insert_with(|| qa::HouseEvidence::of(&s.target, words)),
                    );
                }
            }
            qa::decide_house(all, choice)
        });
        if self.checked_with != Some(house) {
            self.checked_with = Some(house);
            self.per_segment.clear();
        }
        self.per_segment.entry(seg.id).or_insert_with(|| {
            let paragraph = qa::paragraph_context(project, index);
            let mut found = qa::check_pair_in(&seg.source, &seg.target, &paragraph);
            if !seg.target.trim().is_empty() {
                found.extend(qa::house_style_of(&seg.target, house, words));
            }
            found
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

    /// Findings of segment `index` if they are known, or can still be computed in the frame
    /// at `now` (the app's clock): at most [`CHECKS_PER_FRAME`] segments are checked per frame,
    /// over all callers. Lets a view spread a whole-project check over several frames instead
    /// of stalling; counting checks, not milliseconds, makes every frame do the same work on a
    /// busy machine as on an idle one.
    pub fn findings_in_frame(
        &mut self,
        project: &Project,
        index: usize,
        now: f64,
    ) -> Option<&[ShownFinding]> {
        let known = project
            .segments
            .get(index)
            .is_some_and(|s| self.per_segment.contains_key(&s.id));
        if !known {
            if self.frame != Some(now) {
                self.frame = Some(now);
                self.checks_left = CHECKS_PER_FRAME;
            }
            self.checks_left = self.checks_left.checked_sub(1)?;
        }
        Some(self.findings(project, index))
    }

    /// The project-level findings (one name spelled two ways) of segment `index`, checking the
    /// whole project now if anything changed since the last time.
    pub fn project_findings(&mut self, project: &Project, index: usize) -> &[ShownFinding] {
        let names = self.names.get_or_insert_with(|| {
            let pairs: Vec<(&str, &str)> = project
                .segments
                .iter()
                .map(|s| (s.source.as_str(), s.target.as_str()))
                .collect();
            qa::name_consistency(&pairs)
                .into_iter()
                .filter_map(|(i, found)| {
                    let seg = project.segments.get(i)?;
                    let shown = found
                        .into_iter()
                        .map(|finding| ShownFinding {
                            ignored: seg.qa_ignored.contains(&finding.key),
                            finding,
                        })
                        .collect();
                    Some((seg.id, shown))
                })
                .collect()
        });
        project
            .segments
            .get(index)
            .and_then(|s| names.get(&s.id))
            .map_or(&[], Vec::as_slice)
    }

    /// Number of findings of segment `index` that are not ignored.
    pub fn open_count(&mut self, project: &Project, index: usize) -> usize {
        self.findings(project, index)
            .iter()
            .filter(|f| !f.ignored)
            .count()
    }
}
