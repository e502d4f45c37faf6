//! Three-way merge of projects, per sentence by stable id (`docs/MERGE.md`).
//!
//! `merge(base, ours, theirs)` takes what each side changed since their common ancestor:
//! a sentence changed on one side only takes that side's version; the same change on both
//! sides is taken once; different changes are a [`Conflict`] kept in the file (both versions,
//! valid JSON) for someone to settle. Comments and history are unions, ignored QA findings
//! a three-way set; the metadata is merged field by field (the newer `modified` wins where
//! both changed). An approval stays only over a source some side approved.
//!
//! Structure (split and merge of sentences) is read through the ids: a split keeps the id on
//! the first part and a merge keeps the first sentence's id, so a base sentence whose id is
//! present on all three sides starts at the same place of the article on each. Those ids cut
//! the article into *groups*; a group that only one side restructured takes that side's
//! sentences, and the other side's edits are carried into them by id; a group both sides
//! restructured the same way is merged sentence by sentence; a group both restructured
//! differently keeps one structure and records `restructured` conflicts that hold the other
//! side's translation of the same stretch of text. No target text of either side is dropped,
//! and no source correction: across a split or merge it is carried into the kept sentences
//! (`source.rs`) or shown in a conflict.
//!
//! Pure: no I/O, no clock (the caller passes the time conflicts are stamped with).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use crate::model::{
    Action, Comment, Conflict, ConflictKind, Extra, Meta, Project, Revision, Segment, SegmentId,
    Status, Version,
};
use crate::spell::ProjectWords;

mod source;

use source::SourceFix;

/// The author of the history entries the merge itself writes.
pub const MERGE_AUTHOR: &str = "merge";

/// The note of the history entry that withdraws an approval given over another source.
pub const WITHDRAWN: &str =
    "approval withdrawn: it was given over another Persian source than the one merged in";

/// The merged project and what the merge did.
#[derive(Clone, Debug)]
pub struct Merged {
    /// The result: ours with their changes (and conflicts where both changed).
    pub project: Project,
    /// What came from where.
    pub report: MergeReport,
}

/// What a merge did, for the CLI's summary and the desk's notice and filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Sentences whose translation, status, source, comments or history now differ from
    /// ours because of their side (conflicts not included), in article order.
    pub from_theirs: Vec<SegmentId>,
    /// Sentences with a conflict recorded by this merge, in article order.
    pub conflicts: Vec<SegmentId>,
    /// New sentences of their side (split off there) that got a fresh id, because ours had
    /// handed out the same id: (their id, id in the result).
    pub renumbered: Vec<(SegmentId, SegmentId)>,
    /// Groups of sentences both sides split or merged differently.
    pub restructured: usize,
}

impl MergeReport {
    /// Whether no conflict was recorded.
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }

    /// One line for people: "3 sentences changed from theirs, 1 conflict".
    pub fn summary(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        format!(
            "{} from their side, {}",
            plural(self.from_theirs.len(), "sentence", "sentences"),
            plural(self.conflicts.len(), "conflict", "conflicts")
        )
    }
}

/// Why two projects cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// The files are not versions of one article.
    #[error(
        "{0} is not a version of the same article as the base (the imported Persian text differs), so the files cannot be merged sentence by sentence"
    )]
    DifferentArticles(&'static str),
}

/// Merge `ours` and `theirs`, two versions of `base`. Conflicts are stamped with `time`.
pub fn merge(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    time: DateTime<Utc>,
) -> Result<Merged, MergeError> {
    let article = base.imported_text();
    for (side, project) in [("ours", ours), ("theirs", theirs)] {
        if project.imported_text() != article {
            return Err(MergeError::DifferentArticles(side));
        }
    }
    let mut m = Merger {
        base: Side::new(base),
        ours: Side::new(ours),
        theirs: Side::new(theirs),
        time,
        out: Vec::with_capacity(ours.segments.len().max(theirs.segments.len())),
        from_theirs_structure: Vec::new(),
        report: MergeReport::default(),
    };
    for group in m.groups() {
        m.merge_group(&group);
    }
    let next_id = m.assign_fresh_ids();
    let Merger {
        out, mut report, ..
    } = m;

    let ours_by_id: HashMap<SegmentId, &Segment> =
        ours.segments.iter().map(|s| (s.id, s)).collect();
    for seg in &out {
        if seg.conflict.is_some()
            && !ours_by_id
                .get(&seg.id)
                .is_some_and(|o| o.conflict == seg.conflict)
        {
            report.conflicts.push(seg.id);
        } else if ours_by_id.get(&seg.id).is_none_or(|o| differs_from(seg, o)) {
            report.from_theirs.push(seg.id);
        }
    }

    let project = Project {
        meta: merge_meta(&base.meta, &ours.meta, &theirs.meta),
        next_id,
        segments: out,
        extra: merge_extra(&base.extra, &ours.extra, &theirs.extra),
    };
    Ok(Merged { project, report })
}

/// Whether a merged segment shows something the ours segment of the same id did not.
fn differs_from(merged: &Segment, ours: &Segment) -> bool {
    merged.target != ours.target
        || merged.status != ours.status
        || merged.source != ours.source
        || merged.separator != ours.separator
        || merged.comments != ours.comments
        || merged.history.len() != ours.history.len()
        || merged.qa_ignored != ours.qa_ignored
}

/// One project with its id index.
struct Side<'a> {
    project: &'a Project,
    index: HashMap<SegmentId, usize>,
}

impl<'a> Side<'a> {
    fn new(project: &'a Project) -> Self {
        let index = project
            .segments
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        Side { project, index }
    }

    fn segs(&self) -> &'a [Segment] {
        &self.project.segments
    }

    fn get(&self, id: SegmentId) -> Option<&'a Segment> {
        self.index.get(&id).map(|&i| &self.project.segments[i])
    }
}

/// A stretch of the article between two ids present on all three sides: index ranges into
/// base, ours and theirs.
struct Group {
    base: std::ops::Range<usize>,
    ours: std::ops::Range<usize>,
    theirs: std::ops::Range<usize>,
}

/// How a sentence of the result lines up with the base and the other side.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// The same id on all three sides, the same sentence boundaries.
    SameIds,
    /// `who` split or merged here; the other side kept the base's sentences (one each).
    OneSide,
    /// Both sides made the same splits and merges here (the other side's sentence is the one
    /// at the same position).
    BothAlike,
}

/// Which side's sentence boundaries a group takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Who {
    Ours,
    Theirs,
}

struct Merger<'a> {
    base: Side<'a>,
    ours: Side<'a>,
    theirs: Side<'a>,
    time: DateTime<Utc>,
    out: Vec<Segment>,
    /// Indices into `out` of new sentences (not in base) taken from their side's structure,
    /// in increasing order.
    from_theirs_structure: Vec<usize>,
    report: MergeReport,
}

/// A sentence of one side seen over some base sentences: joined the way a merge of
/// sentences joins them (a single sentence is itself).
#[derive(Clone, Debug, PartialEq)]
struct View {
    target: String,
    status: Status,
    source: String,
}

impl View {
    fn of(seg: &Segment) -> Self {
        View {
            target: seg.target.clone(),
            status: seg.status,
            source: seg.source.clone(),
        }
    }

    /// `segs` joined as `Project::merge_with_next` would join them, in order.
    fn joined<'s>(mut segs: impl Iterator<Item = &'s Segment>) -> Option<Self> {
        let first = segs.next()?;
        let mut view = View::of(first);
        let mut separator = first.separator.clone();
        for next in segs {
            let (target, status) = crate::model::merged_target_status(
                &view.target,
                view.status,
                &next.target,
                next.status,
            );
            view.target = target;
            view.status = status;
            view.source = format!("{}{}{}", view.source, separator, next.source);
            separator.clone_from(&next.separator);
        }
        Some(view)
    }

    fn pair_eq(&self, other: &View) -> bool {
        self.target == other.target && self.status == other.status
    }

    /// This version as it stands over `source`: an approval given over another source is
    /// withdrawn (translated), as correcting the source does in the desk.
    fn fitted(&self, source: &str) -> View {
        let mut view = self.clone();
        if view.status == Status::Approved && view.source != source {
            view.status = Status::Translated;
        }
        view
    }
}

impl Merger<'_> {
    /// Cut the article at ids present on all three sides (kept only while they come in the
    /// same order everywhere).
    fn groups(&self) -> Vec<Group> {
        let mut anchors: Vec<(usize, usize, usize)> = Vec::new();
        let (mut last_o, mut last_t) = (None, None);
        for (b, seg) in self.base.segs().iter().enumerate() {
            let (Some(&o), Some(&t)) =
                (self.ours.index.get(&seg.id), self.theirs.index.get(&seg.id))
            else {
                continue;
            };
            if last_o.is_some_and(|l| o <= l) || last_t.is_some_and(|l| t <= l) {
                continue;
            }
            last_o = Some(o);
            last_t = Some(t);
            anchors.push((b, o, t));
        }
        let ends = (
            self.base.segs().len(),
            self.ours.segs().len(),
            self.theirs.segs().len(),
        );
        let mut bounds = Vec::with_capacity(anchors.len() + 2);
        bounds.push((0, 0, 0));
        bounds.extend(anchors);
        bounds.push(ends);
        bounds
            .windows(2)
            .filter(|w| w[0] != w[1])
            .map(|w| Group {
                base: w[0].0..w[1].0,
                ours: w[0].1..w[1].1,
                theirs: w[0].2..w[1].2,
            })
            .collect()
    }

    fn merge_group(&mut self, g: &Group) {
        let ids = |segs: &[Segment]| segs.iter().map(|s| s.id).collect::<Vec<_>>();
        let base = &self.base.segs()[g.base.clone()];
        let ours = &self.ours.segs()[g.ours.clone()];
        let theirs = &self.theirs.segs()[g.theirs.clone()];
        let base_ids = ids(base);
        let ours_same = ids(ours) == base_ids;
        let theirs_same = ids(theirs) == base_ids;
        match (ours_same, theirs_same) {
            (true, true) => {
                for ((b, o), t) in base.iter().zip(ours).zip(theirs) {
                    let mut merged = self.merge_one(
                        Who::Ours,
                        o,
                        &[b],
                        &[t],
                        Shape::SameIds,
                        SourceFix::default(),
                    );
                    merge_ignored(&mut merged, &[t], &[b], &[t]);
                    self.out.push(merged);
                }
            }
            (true, false) => self.take_structure(Who::Theirs, theirs, base, ours),
            (false, true) => self.take_structure(Who::Ours, ours, base, theirs),
            (false, false) => {
                let shape = |segs: &[Segment]| {
                    segs.iter()
                        .map(|s| (s.source.clone(), s.separator.clone()))
                        .collect::<Vec<_>>()
                };
                if shape(ours) == shape(theirs) {
                    // Both made the same splits and merges: sentence by sentence.
                    let covers = covered(ours, base);
                    let base_all: Vec<&Segment> = base.iter().collect();
                    let theirs_all: Vec<&Segment> = theirs.iter().collect();
                    for (o, (t, cover)) in ours.iter().zip(theirs.iter().zip(covers)) {
                        let b: Vec<&Segment> = cover.iter().map(|&i| &base[i]).collect();
                        let mut merged = self.merge_one(
                            Who::Ours,
                            o,
                            &b,
                            &[t],
                            Shape::BothAlike,
                            SourceFix::default(),
                        );
                        merge_ignored(&mut merged, &[t], &base_all, &theirs_all);
                        self.out.push(merged);
                    }
                } else {
                    self.restructured(base, ours, theirs);
                }
            }
        }
    }

    /// One side (`who`, sentences `s`) restructured the group; the other (`o`) kept the base
    /// sentences, so each of its sentences maps to one base id. The other side's source
    /// corrections are carried into `s`'s sentences (or reported in a conflict).
    fn take_structure(&mut self, who: Who, s: &[Segment], base: &[Segment], o: &[Segment]) {
        let covers = covered(s, base);
        let mut fixes = source::carry(base, s, o, &hosts(&covers, base.len()));
        let base_all: Vec<&Segment> = base.iter().collect();
        let o_all: Vec<&Segment> = o.iter().collect();
        for (k, (seg, cover)) in s.iter().zip(covers).enumerate() {
            let b: Vec<&Segment> = cover.iter().map(|&i| &base[i]).collect();
            let other: Vec<&Segment> = cover.iter().map(|&i| &o[i]).collect();
            let new = self.base.get(seg.id).is_none();
            let fix = fixes.take(k);
            let mut merged = self.merge_one(who, seg, &b, &other, Shape::OneSide, fix);
            merge_ignored(&mut merged, &other, &base_all, &o_all);
            if new && who == Who::Theirs {
                self.from_theirs_structure.push(self.out.len());
            }
            self.out.push(merged);
        }
    }

    /// Merge sentence `s` of side `who` with the other side's sentences `o` over the base
    /// sentences `b` (all empty for a sentence new on `who`'s side); `shape` says how the
    /// three line up; `fix` holds the other side's source corrections carried into `s`
    /// where the boundaries differ.
    fn merge_one(
        &self,
        who: Who,
        s: &Segment,
        b: &[&Segment],
        o: &[&Segment],
        shape: Shape,
        fix: SourceFix,
    ) -> Segment {
        let mut out = s.clone();
        let sv = View::of(s);
        if let Some(source) = fix.source {
            take_source(&mut out, source, None);
        }
        let Some(ov) = View::joined(o.iter().copied()) else {
            // New on this side only: nothing to merge with (a correction of its text may
            // have been carried into it).
            self.settle_approval(&mut out, &[&sv]);
            return out;
        };
        // A sentence new on both sides (the same split made twice) starts from nothing.
        let bv = View::joined(b.iter().copied()).unwrap_or_else(|| View {
            target: String::new(),
            status: Status::Untranslated,
            source: sv.source.clone(),
        });
        let o_changed = !ov.pair_eq(&bv);
        let s_changed = !sv.pair_eq(&bv);
        // A sentence the structure side merged away (every id after the first) that the other
        // side edited: the edit must be looked at, even if the text would join cleanly.
        let same_shape = shape == Shape::SameIds;
        let merged_away_edited = shape == Shape::OneSide
            && b.iter().zip(o).any(|(bb, oo)| {
                bb.id != s.id && (bb.target != oo.target || bb.status != oo.status)
            });

        // Where the boundaries differ, the sources were settled by `fix`.
        let source_conflict = same_shape
            && ov.source != bv.source
            && sv.source != bv.source
            && ov.source != sv.source;
        let take_other_pair = o_changed && !s_changed && !merged_away_edited;
        let kind = if merged_away_edited && !sv.pair_eq(&ov) {
            Some(ConflictKind::MergedAndEdited)
        } else if (o_changed && s_changed && !sv.pair_eq(&ov))
            || source_conflict
            || !fix.unplaced.is_empty()
        {
            Some(ConflictKind::EditedBoth)
        } else {
            None
        };

        // Source: a correction on one side is taken; both corrected differently is part of
        // the conflict (settled by taking a version).
        if same_shape && !source_conflict && ov.source != bv.source && sv.source == bv.source {
            take_source(&mut out, ov.source.clone(), o[0].original_source.as_ref());
        }

        if take_other_pair {
            out.target.clone_from(&ov.target);
            out.status = ov.status;
            out.alignment_confidence = if o.len() == 1 {
                o[0].alignment_confidence
            } else {
                None
            };
        }

        // Comments, history, unknown fields (ignored findings: the caller, over the group).
        add_unions(&mut out, o, b);
        if b.len() == 1 && o.len() == 1 {
            let (ours_extra, theirs_extra) = match who {
                Who::Ours => (&s.extra, &o[0].extra),
                Who::Theirs => (&o[0].extra, &s.extra),
            };
            out.extra = merge_extra(&b[0].extra, ours_extra, theirs_extra);
        } else {
            for x in o {
                for (k, v) in &x.extra {
                    out.extra.entry(k.clone()).or_insert_with(|| v.clone());
                }
            }
        }

        // Conflicts still open on either side stay (or are kept inside a new one).
        let open = open_conflicts(s, o);
        if let Some(kind) = kind {
            let with_source = source_conflict;
            let mut note = if kind == ConflictKind::MergedAndEdited {
                let away: Vec<String> = b
                    .iter()
                    .filter(|x| x.id != s.id)
                    .map(|x| x.id.to_string())
                    .collect();
                let merger = if who == Who::Ours { "ours" } else { "theirs" };
                format!("{merger} merged {} into this sentence", away.join(", "))
            } else {
                String::new()
            };
            add_unplaced_note(&mut note, who, &fix.unplaced);
            // A version approved over another source than the one kept is no approval of it.
            let (mine, other) = if with_source {
                (sv.clone(), ov.clone())
            } else {
                (sv.fitted(&out.source), ov.fitted(&out.source))
            };
            let recorded = Recorded {
                kind,
                base: (!b.is_empty()).then(|| version(&bv, b, with_source)),
                mine: version(&mine, &[s], with_source),
                other: version(&other, o, with_source),
                note,
            };
            self.record(&mut out, who, recorded, &open);
        } else {
            out.conflict = carried(&open);
            self.settle_approval(&mut out, &[&sv, &ov]);
        }
        out
    }

    /// An approval stays only where a side approved this translation over this source (as
    /// in the desk, where correcting the source withdraws the approval); otherwise it is
    /// withdrawn, and the history says so.
    fn settle_approval(&self, out: &mut Segment, sides: &[&View]) {
        if out.status != Status::Approved
            || sides.iter().any(|v| {
                v.status == Status::Approved && v.target == out.target && v.source == out.source
            })
        {
            return;
        }
        out.status = Status::Translated;
        out.history.push(Revision {
            author: MERGE_AUTHOR.to_owned(),
            time: self.time,
            action: Action::SetStatus,
            target_before: out.target.clone(),
            target_after: out.target.clone(),
            status_before: Status::Approved,
            status_after: Status::Translated,
            note: WITHDRAWN.to_owned(),
            source_before: None,
            source_after: None,
            extra: Extra::new(),
        });
    }

    /// Both sides split or merged sentences in this group, differently. One structure is
    /// kept (the one with more sentences, so the choice does not depend on which side is
    /// "ours"); each of its sentences gets the other side's sentences that start inside it
    /// and, where their translation differs, a `restructured` conflict holding it. The other
    /// side's source corrections are carried into the kept sentences (or shown in the
    /// conflict where they cannot be).
    fn restructured(&mut self, base: &[Segment], ours: &[Segment], theirs: &[Segment]) {
        self.report.restructured += 1;
        let keep_ours = (ours.len(), sources(ours)) >= (theirs.len(), sources(theirs));
        let (who, s, o) = if keep_ours {
            (Who::Ours, ours, theirs)
        } else {
            (Who::Theirs, theirs, ours)
        };
        let mut fixes = source::carry(base, s, o, &hosts(&covered(s, base), base.len()));
        let s_starts = starts(s);
        let o_starts = starts(o);
        let mut assigned: Vec<Vec<&Segment>> = vec![Vec::new(); s.len()];
        for (seg, &start) in o.iter().zip(&o_starts) {
            let host = s_starts.iter().rposition(|&st| st <= start).unwrap_or(0);
            assigned[host].push(seg);
        }
        let base_all: Vec<&Segment> = base.iter().collect();
        let o_all: Vec<&Segment> = o.iter().collect();
        for (k, (seg, others)) in s.iter().zip(assigned).enumerate() {
            let mut out = seg.clone();
            let sv = View::of(seg);
            let fix = fixes.take(k);
            if let Some(source) = fix.source {
                take_source(&mut out, source, None);
            }
            let ov = View::joined(others.iter().copied());
            add_unions(&mut out, &others, &base_all);
            merge_ignored(&mut out, &others, &base_all, &o_all);
            let open = open_conflicts(seg, &others);
            let differs = ov
                .as_ref()
                .filter(|ov| !ov.target.trim().is_empty() && !ov.pair_eq(&sv));
            if differs.is_some() || !fix.unplaced.is_empty() {
                let other = differs.or(ov.as_ref()).unwrap_or(&sv);
                let mut note = format!(
                    "both sides split or merged sentences here; the sentence boundaries of {} were kept",
                    if who == Who::Ours { "ours" } else { "theirs" }
                );
                add_unplaced_note(&mut note, who, &fix.unplaced);
                let recorded = Recorded {
                    kind: ConflictKind::Restructured,
                    base: None,
                    mine: version(&sv.fitted(&out.source), &[seg], false),
                    other: version(&other.fitted(&out.source), &others, false),
                    note,
                };
                self.record(&mut out, who, recorded, &open);
            } else {
                out.conflict = carried(&open);
                self.settle_approval(&mut out, &[&sv]);
            }
            if who == Who::Theirs && self.base.get(seg.id).is_none() {
                self.from_theirs_structure.push(self.out.len());
            }
            self.out.push(out);
        }
    }

    /// Record a conflict on `out` (a sentence of `who`'s side): the versions ordered as ours
    /// and theirs, the segment holding ours meanwhile, earlier open conflicts kept inside.
    fn record(&self, out: &mut Segment, who: Who, recorded: Recorded, open: &[&Conflict]) {
        let (ours, theirs) = match who {
            Who::Ours => (recorded.mine, recorded.other),
            Who::Theirs => (recorded.other, recorded.mine),
        };
        out.target.clone_from(&ours.target);
        out.status = ours.status;
        if let Some(source) = &ours.source {
            out.source.clone_from(source);
        }
        out.alignment_confidence = None;
        out.conflict = Some(Box::new(Conflict {
            kind: recorded.kind,
            time: self.time,
            base: recorded.base,
            ours,
            theirs,
            earlier: earlier_versions(open),
            note: recorded.note,
            extra: Extra::new(),
        }));
    }

    /// Give new sentences taken from their side a fresh id where ours may have handed out the
    /// same one; returns the result's `next_id`.
    fn assign_fresh_ids(&mut self) -> u64 {
        let ours_next = self.ours.project.next_id;
        let base_next = self.base.project.next_id;
        let max_used = self.out.iter().map(|s| s.id.0).max().unwrap_or(0);
        let mut next = ours_next
            .max(self.theirs.project.next_id)
            .max(max_used.saturating_add(1));
        let theirs_new = std::mem::take(&mut self.from_theirs_structure);
        let mut used: HashSet<SegmentId> = self
            .out
            .iter()
            .enumerate()
            .filter(|(i, _)| theirs_new.binary_search(i).is_err())
            .map(|(_, seg)| seg.id)
            .collect();
        let base_next = base_next.max(
            self.base
                .segs()
                .iter()
                .map(|s| s.id.0.saturating_add(1))
                .max()
                .unwrap_or(0),
        );
        for i in theirs_new {
            let id = self.out[i].id;
            // Ours handed out ids from `base_next` on; one of those may be this id, also if
            // ours merged that sentence away since.
            let ours_handed_out = id.0 >= base_next && id.0 < ours_next;
            if used.contains(&id) || ours_handed_out {
                let fresh = SegmentId(next);
                next = next.saturating_add(1);
                self.out[i].id = fresh;
                self.report.renumbered.push((id, fresh));
                used.insert(fresh);
            } else {
                used.insert(id);
            }
        }
        next
    }
}

/// A conflict about to be recorded on a sentence of one side (`mine`) against the other
/// side's version (`other`).
struct Recorded {
    kind: ConflictKind,
    base: Option<Version>,
    mine: Version,
    other: Version,
    note: String,
}

/// `view` as a conflict version, by whoever last changed `segs`; with its source when taking
/// it should set the source.
fn version(view: &View, segs: &[&Segment], with_source: bool) -> Version {
    Version {
        target: view.target.clone(),
        status: view.status,
        source: with_source.then(|| view.source.clone()),
        author: last_author(segs.iter().copied()),
        extra: Extra::new(),
    }
}

/// Add to `out` what `other` (the other side's sentences over `base`) has that it lacks:
/// comments (resolution taken from the side that changed it) and the history the other side
/// added since the base (the base's revisions are already on this side, where its own splits
/// and merges put them).
fn add_unions(out: &mut Segment, other: &[&Segment], base: &[&Segment]) {
    let base_comments: Vec<&Comment> = base.iter().flat_map(|x| &x.comments).collect();
    out.comments = union_comments(
        &out.comments,
        other.iter().flat_map(|x| &x.comments),
        &base_comments,
    );
    let base_history = RevisionSet::of(base.iter().flat_map(|x| &x.history));
    let other_history: Vec<&Revision> = other
        .iter()
        .flat_map(|x| &x.history)
        .filter(|r| !base_history.contains(r))
        .collect();
    if !other_history.is_empty() {
        out.history = union_history(std::mem::take(&mut out.history), &other_history);
    }
}

/// Ignored QA findings, three-way over a group of sentences: a key the other side added (on
/// `other`, its sentences that now lie in `out`) is added; a key of the base (`base`, every
/// base sentence of the group) that the other side no longer ignores anywhere in the group
/// (`other_all`: it restored the finding) is removed; a key this side restored stays away.
fn merge_ignored(out: &mut Segment, other: &[&Segment], base: &[&Segment], other_all: &[&Segment]) {
    let keys = |segs: &[&Segment]| -> HashSet<String> {
        segs.iter()
            .flat_map(|x| x.qa_ignored.iter().cloned())
            .collect()
    };
    let base_keys = keys(base);
    let other_keys = keys(other_all);
    out.qa_ignored
        .retain(|k| !base_keys.contains(k) || other_keys.contains(k));
    for key in other.iter().flat_map(|x| &x.qa_ignored) {
        if !base_keys.contains(key) && !out.qa_ignored.contains(key) {
            out.qa_ignored.push(key.clone());
        }
    }
}

/// A revision's identity for look-ups (what people see of it); equality decides among
/// revisions that share it.
type RevisionKey<'r> = (DateTime<Utc>, &'r str, &'r str, &'r str, &'r str);

fn revision_key(r: &Revision) -> RevisionKey<'_> {
    (
        r.time,
        r.author.as_str(),
        r.note.as_str(),
        r.target_before.as_str(),
        r.target_after.as_str(),
    )
}

/// A set of revisions with look-ups in constant time (a sentence's history can hold
/// hundreds of thousands).
#[derive(Default)]
struct RevisionSet<'r> {
    by_key: HashMap<RevisionKey<'r>, Vec<&'r Revision>>,
}

impl<'r> RevisionSet<'r> {
    fn of(revisions: impl Iterator<Item = &'r Revision>) -> Self {
        let mut set = RevisionSet::default();
        for r in revisions {
            set.insert(r);
        }
        set
    }

    fn contains(&self, r: &Revision) -> bool {
        self.by_key
            .get(&revision_key(r))
            .is_some_and(|same| same.contains(&r))
    }

    /// Add `r`; whether it was not in the set yet.
    fn insert(&mut self, r: &'r Revision) -> bool {
        let same = self.by_key.entry(revision_key(r)).or_default();
        if same.contains(&r) {
            return false;
        }
        same.push(r);
        true
    }
}

/// Conflicts still open on `first` and `rest`, in that order.
fn open_conflicts<'s>(first: &'s Segment, rest: &[&'s Segment]) -> Vec<&'s Conflict> {
    std::iter::once(first)
        .chain(rest.iter().copied())
        .filter_map(|x| x.conflict.as_deref())
        .collect()
}

/// Every version of conflicts still open on the sentences a new conflict replaces.
fn earlier_versions(open: &[&Conflict]) -> Vec<Version> {
    let mut earlier = Vec::new();
    for c in open {
        earlier.extend(c.earlier.iter().cloned());
        earlier.push(c.ours.clone());
        earlier.push(c.theirs.clone());
    }
    earlier
}

/// The conflict a sentence keeps when the merge records none: the first still open on it
/// (its own, else the other side's), with the versions of any other one in `earlier`, so an
/// open conflict is never dropped.
fn carried(open: &[&Conflict]) -> Option<Box<Conflict>> {
    let (first, rest) = open.split_first()?;
    let mut kept = (*first).clone();
    for other in rest {
        if *other != *first {
            kept.earlier.extend(other.earlier.iter().cloned());
            kept.earlier.push(other.ours.clone());
            kept.earlier.push(other.theirs.clone());
        }
    }
    Some(Box::new(kept))
}

/// Set `out`'s source to a correction taken from the other side; the first correction keeps
/// the source before it in `original_source` (`other_original`: the other side's, if known).
fn take_source(out: &mut Segment, source: String, other_original: Option<&String>) {
    if out.source == source {
        return;
    }
    if out.original_source.is_none() {
        out.original_source = Some(
            other_original
                .cloned()
                .unwrap_or_else(|| std::mem::take(&mut out.source)),
        );
    }
    out.source = source;
}

/// Add to a conflict's note the other side's corrections of the Persian source that could
/// not be applied to this sentence (`who` kept its boundaries).
fn add_unplaced_note(note: &mut String, who: Who, unplaced: &[String]) {
    if unplaced.is_empty() {
        return;
    }
    let other = if who == Who::Ours { "theirs" } else { "ours" };
    let texts: Vec<String> = unplaced.iter().map(|t| format!("«{t}»")).collect();
    if !note.is_empty() {
        note.push_str("; ");
    }
    let _ = write!(
        note,
        "{other} corrected the Persian source here, which could not be applied to these sentence boundaries: {}",
        texts.join(", ")
    );
}

/// For each base sentence, the sentence of `covers` (as [`covered`] gives them) that holds it.
fn hosts(covers: &[Vec<usize>], base_len: usize) -> Vec<usize> {
    let mut host = vec![0; base_len];
    for (k, cover) in covers.iter().enumerate() {
        for &i in cover {
            if let Some(h) = host.get_mut(i) {
                *h = k;
            }
        }
    }
    host
}

fn sources(segs: &[Segment]) -> Vec<&str> {
    segs.iter().map(|s| s.source.as_str()).collect()
}

/// Where each sentence starts in the stretch of text `segs` cover (bytes from its start).
fn starts(segs: &[Segment]) -> Vec<usize> {
    let mut at = 0usize;
    segs.iter()
        .map(|x| {
            let start = at;
            at += x.source.len() + x.separator.len();
            start
        })
        .collect()
}

/// For each sentence of `s` (a restructuring of `base`), the indices of the base sentences it
/// covers: a base sentence whose id `s` still has is covered by that sentence (a split and a
/// merge keep the id on the first part); one whose id is gone (merged into a neighbour) by
/// the sentence of `s` its text starts in. A sentence split off in `s` may cover none.
fn covered(s: &[Segment], base: &[Segment]) -> Vec<Vec<usize>> {
    if s.is_empty() {
        return Vec::new();
    }
    let position: HashMap<SegmentId, usize> =
        s.iter().enumerate().map(|(i, x)| (x.id, i)).collect();
    let s_starts = starts(s);
    let mut covers = vec![Vec::new(); s.len()];
    for (bi, (b, start)) in base.iter().zip(starts(base)).enumerate() {
        let host = position
            .get(&b.id)
            .copied()
            .unwrap_or_else(|| s_starts.iter().rposition(|&st| st <= start).unwrap_or(0));
        covers[host].push(bi);
    }
    covers
}

/// Who last changed any of `segs`, from the history.
fn last_author<'s>(segs: impl Iterator<Item = &'s Segment>) -> String {
    segs.flat_map(|s| s.history.iter())
        .max_by_key(|r| r.time)
        .map(|r| r.author.clone())
        .unwrap_or_default()
}

/// A comment's identity across files: ids are renumbered by merges of sentences, so the
/// author, time and text identify it.
fn comment_key(c: &Comment) -> (&str, DateTime<Utc>, &str) {
    (c.author.as_str(), c.time, c.text.as_str())
}

/// `primary`'s comments in their order, then the other side's that are new; `resolved`
/// taken from the side that changed it since the base. A new comment whose id is taken gets
/// the next free id.
fn union_comments<'c>(
    primary: &[Comment],
    other: impl Iterator<Item = &'c Comment>,
    base: &[&Comment],
) -> Vec<Comment> {
    let base_resolved: HashMap<_, bool> =
        base.iter().map(|c| (comment_key(c), c.resolved)).collect();
    let mut out: Vec<Comment> = primary.to_vec();
    let mut at: HashMap<(String, DateTime<Utc>, String), usize> = out
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.author.clone(), c.time, c.text.clone()), i))
        .collect();
    let mut ids: HashSet<u64> = out.iter().map(|c| c.id).collect();
    let mut next_id = out
        .iter()
        .map(|c| c.id)
        .max()
        .map_or(1, |m| m.saturating_add(1));
    for c in other {
        let key = (c.author.clone(), c.time, c.text.clone());
        if let Some(&i) = at.get(&key) {
            let mine = out[i].resolved;
            if mine != c.resolved {
                // Taken from the side that changed it since the base; a comment new on both
                // sides is resolved if either resolved it.
                out[i].resolved = match base_resolved.get(&comment_key(c)) {
                    Some(&base) if base == mine => c.resolved,
                    Some(_) => mine,
                    None => true,
                };
            }
            continue;
        }
        if base_resolved.contains_key(&comment_key(c)) {
            // A comment of the base this side keeps elsewhere (a split or merge moved it).
            continue;
        }
        let mut comment = c.clone();
        if !ids.insert(comment.id) {
            while ids.contains(&next_id) {
                next_id = next_id.saturating_add(1);
            }
            comment.id = next_id;
            ids.insert(next_id);
        }
        next_id = next_id.max(comment.id.saturating_add(1));
        at.insert(key, out.len());
        out.push(comment);
    }
    out
}

/// `primary` in its order, with the other side's revisions it does not have inserted by time
/// (after revisions of the same time), without duplicates.
fn union_history(primary: Vec<Revision>, other: &[&Revision]) -> Vec<Revision> {
    let mut extra: Vec<&Revision> = {
        let have = RevisionSet::of(primary.iter());
        let mut seen = RevisionSet::default();
        other
            .iter()
            .copied()
            .filter(|r| !have.contains(r) && seen.insert(r))
            .collect()
    };
    if extra.is_empty() {
        return primary;
    }
    extra.sort_by_key(|r| r.time);
    let mut out = Vec::with_capacity(primary.len() + extra.len());
    let mut rest = extra.into_iter().peekable();
    for p in primary {
        while let Some(r) = rest.next_if(|r| r.time < p.time) {
            out.push(r.clone());
        }
        out.push(p);
    }
    out.extend(rest.cloned());
    out
}

/// Three-way pick of one value: the side that changed it; both changed differently: the
/// side whose `modified` is newer (ours on a tie).
fn pick<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T, theirs_newer: bool) -> T {
    if theirs == base || ours == theirs {
        ours.clone()
    } else if ours == base || theirs_newer {
        theirs.clone()
    } else {
        ours.clone()
    }
}

/// Unknown fields merged key by key (ours where both changed a key differently).
fn merge_extra(base: &Extra, ours: &Extra, theirs: &Extra) -> Extra {
    let mut out = ours.clone();
    for (key, value) in theirs {
        let b = base.get(key);
        let o = ours.get(key);
        if o == b {
            out.insert(key.clone(), value.clone());
        }
    }
    // A key theirs removed that ours did not change.
    for (key, value) in base {
        if !theirs.contains_key(key) && ours.get(key) == Some(value) {
            out.remove(key);
        }
    }
    out
}

/// The metadata, field by field.
fn merge_meta(base: &Meta, ours: &Meta, theirs: &Meta) -> Meta {
    let newer = theirs.modified > ours.modified;
    Meta {
        title: pick(&base.title, &ours.title, &theirs.title, newer),
        source_lang: pick(
            &base.source_lang,
            &ours.source_lang,
            &theirs.source_lang,
            newer,
        ),
        target_lang: pick(
            &base.target_lang,
            &ours.target_lang,
            &theirs.target_lang,
            newer,
        ),
        source_name: pick(
            &base.source_name,
            &ours.source_name,
            &theirs.source_name,
            newer,
        ),
        source_url: pick(
            &base.source_url,
            &ours.source_url,
            &theirs.source_url,
            newer,
        ),
        published: pick(&base.published, &ours.published, &theirs.published, newer),
        created: pick(&base.created, &ours.created, &theirs.created, newer),
        modified: pick(&base.modified, &ours.modified, &theirs.modified, newer),
        source_prefix: pick(
            &base.source_prefix,
            &ours.source_prefix,
            &theirs.source_prefix,
            newer,
        ),
        source_bom: pick(
            &base.source_bom,
            &ours.source_bom,
            &theirs.source_bom,
            newer,
        ),
        imported_source: ours
            .imported_source
            .clone()
            .or_else(|| theirs.imported_source.clone()),
        english_variant: pick(
            &base.english_variant,
            &ours.english_variant,
            &theirs.english_variant,
            newer,
        ),
        project_words: merge_words(
            &base.project_words,
            &ours.project_words,
            &theirs.project_words,
        ),
        glossaries: pick(
            &base.glossaries,
            &ours.glossaries,
            &theirs.glossaries,
            newer,
        ),
        terms: merge_terms(&base.terms, &ours.terms, &theirs.terms),
        extra: merge_extra(&base.extra, &ours.extra, &theirs.extra),
    }
}

/// Word lists as sets: a word added on either side is in; a word one side removed is out
/// unless the other side added it.
fn merge_words(base: &ProjectWords, ours: &ProjectWords, theirs: &ProjectWords) -> ProjectWords {
    let set = |b: &std::collections::BTreeSet<String>,
               o: &std::collections::BTreeSet<String>,
               t: &std::collections::BTreeSet<String>| {
        o.iter()
            .chain(t)
            .filter(|w| o.contains(*w) && t.contains(*w) || !b.contains(*w))
            .cloned()
            .collect()
    };
    ProjectWords {
        added: set(&base.added, &ours.added, &theirs.added),
        ignored: set(&base.ignored, &ours.ignored, &theirs.ignored),
    }
}

/// The project's own terms as a set by their Persian: a term added or changed on one side is
/// taken (ours when both changed it), a term one side removed is out unless the other side
/// changed it.
fn merge_terms(
    base: &[crate::glossary::Term],
    ours: &[crate::glossary::Term],
    theirs: &[crate::glossary::Term],
) -> Vec<crate::glossary::Term> {
    let find = |list: &[crate::glossary::Term], source: &str| {
        list.iter().find(|t| t.source == source).cloned()
    };
    let mut out = Vec::new();
    for t in ours {
        match (find(base, &t.source), find(theirs, &t.source)) {
            // Theirs removed it and we did not change it: out.
            (Some(b), None) if b == *t => {}
            // We did not change it, they did: theirs.
            (Some(b), Some(th)) if b == *t => out.push(th),
            _ => out.push(t.clone()),
        }
    }
    for t in theirs {
        let in_ours = ours.iter().any(|o| o.source == t.source);
        let removed_by_us = find(base, &t.source).is_some_and(|b| b == *t);
        if !in_ours && !removed_by_us {
            out.push(t.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests;
