// Tests name the three versions b(ase), o(urs), t(heirs), as the merge literature does.
#![allow(clippy::many_single_char_names)]

use chrono::{Duration, TimeZone, Utc};
use proptest::prelude::*;

use super::*;
use crate::model::{Resolution, Stamp};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .unwrap_or_default()
}

fn at(author: &str, secs: i64) -> Stamp {
    Stamp {
        author: author.into(),
        time: t0() + Duration::seconds(secs),
    }
}

/// An article of `sentences` (source, separator after it), each translated by "ana" at t0.
fn translated(title: &str, sentences: &[(&str, &str, &str)]) -> Project {
    let pieces = sentences
        .iter()
        .map(|&(source, separator, _)| (source.to_owned(), separator.to_owned()));
    let mut p = Project::new(title, "", pieces, t0());
    for (i, &(_, _, target)) in sentences.iter().enumerate() {
        ok(p.set_target(i, target, &at("ana", 0)));
    }
    p
}

/// Five sentences in two paragraphs, all translated by "ana" at t0.
fn base() -> Project {
    translated(
        "Base",
        &[
            ("جمله یک.", " ", "One."),
            ("جمله دو، با دو بخش.", " ", "Two, in two parts."),
            ("جمله سه.", "\n", "Three."),
            ("جمله چهار.", " ", "Four."),
            ("جمله پنج.", "", "Five."),
        ],
    )
}

/// The base and two copies of it: ours and theirs before their edits.
fn three() -> (Project, Project, Project) {
    let b = base();
    (b.clone(), b.clone(), b)
}

/// The byte just after the comma of sentence `i` (a place to split it).
fn after_comma(p: &Project, i: usize) -> usize {
    p.segments[i].source.find('،').unwrap_or(0) + '،'.len_utf8()
}

fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => panic!("{e:?}"),
    }
}

fn run(b: &Project, o: &Project, t: &Project) -> Merged {
    ok(merge(b, o, t, t0() + Duration::hours(5)))
}

fn targets(p: &Project) -> Vec<&str> {
    p.segments.iter().map(|s| s.target.as_str()).collect()
}

fn assert_valid(p: &Project) {
    let mut ids: Vec<u64> = p.segments.iter().map(|s| s.id.0).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "ids unique");
    assert!(
        ids.iter().all(|&id| id < p.next_id),
        "next_id above every id"
    );
    let json = ok(crate::store::to_json(p));
    let back = ok(crate::store::from_json(
        &json,
        std::path::Path::new("m.virast.json"),
    ));
    assert_eq!(&back, p, "the result saves and loads");
}

#[test]
fn edits_to_different_sentences_merge_cleanly() {
    let (b, mut o, mut t) = three();
    ok(o.set_target(0, "One, ours.", &at("mina", 10)));
    ok(t.set_target(3, "Four, theirs.", &at("reza", 20)));
    ok(t.approve(4, &at("reza", 21)));
    let m = run(&b, &o, &t);
    assert!(m.report.is_clean());
    assert_eq!(
        targets(&m.project),
        [
            "One, ours.",
            "Two, in two parts.",
            "Three.",
            "Four, theirs.",
            "Five."
        ]
    );
    assert_eq!(m.project.segments[4].status, Status::Approved);
    assert_eq!(m.report.from_theirs, [SegmentId(4), SegmentId(5)]);
    assert_eq!(
        m.report.summary(),
        "2 sentences from their side, 0 conflicts"
    );
    // Both sides' revisions are in the history, in time order.
    assert_eq!(m.project.segments[3].history.len(), 2);
    assert_valid(&m.project);
}

#[test]
fn the_same_change_on_both_sides_is_taken_once() {
    let (b, mut o, mut t) = three();
    ok(o.set_target(1, "Two, same.", &at("mina", 10)));
    ok(t.set_target(1, "Two, same.", &at("reza", 20)));
    let m = run(&b, &o, &t);
    assert!(m.report.is_clean());
    assert_eq!(m.project.segments[1].target, "Two, same.");
    // Two revisions by different people: both kept, none twice.
    assert_eq!(m.project.segments[1].history.len(), 3);
}

#[test]
fn different_changes_to_one_sentence_are_a_conflict_holding_both() {
    let (b, mut o, mut t) = three();
    ok(o.set_target(2, "Three, by Mina.", &at("mina", 10)));
    ok(t.set_target(2, "Three, by Reza.", &at("reza", 20)));
    let m = run(&b, &o, &t);
    assert_eq!(m.report.conflicts, [SegmentId(3)]);
    let seg = &m.project.segments[2];
    assert_eq!(seg.target, "Three, by Mina.", "ours while open");
    let c = seg
        .conflict
        .as_deref()
        .unwrap_or_else(|| panic!("conflict"));
    assert_eq!(c.kind, ConflictKind::EditedBoth);
    assert_eq!(c.theirs.target, "Three, by Reza.");
    assert_eq!(c.theirs.author, "reza");
    assert_eq!(c.ours.author, "mina");
    assert_eq!(c.base.as_ref().map(|v| v.target.as_str()), Some("Three."));
    assert_valid(&m.project);

    // Settling it takes their text and keeps both in the history.
    let mut p = m.project;
    assert_eq!(
        p.resolve_conflict(2, &Resolution::Theirs, &at("mina", 99)),
        Ok(true)
    );
    assert_eq!(p.segments[2].target, "Three, by Reza.");
    assert_eq!(p.conflict_count(), 0);
}

#[test]
fn an_approval_of_a_text_the_other_side_changed_is_a_conflict() {
    let (b, mut o, mut t) = three();
    ok(o.approve(1, &at("editor", 10)));
    ok(t.set_target(1, "Two, revised.", &at("reza", 20)));
    let m = run(&b, &o, &t);
    assert_eq!(m.report.conflicts, [SegmentId(2)]);
    let seg = &m.project.segments[1];
    assert_eq!(
        (seg.target.as_str(), seg.status),
        ("Two, in two parts.", Status::Approved)
    );
}

#[test]
fn comments_are_a_union_and_resolving_is_kept() {
    let b = {
        let mut b = base();
        ok(b.add_comment(0, "Check the name.", &at("editor", 5)));
        b
    };
    let mut o = b.clone();
    let mut t = b.clone();
    ok(o.add_comment(0, "Ours.", &at("mina", 10)));
    ok(t.add_comment(0, "Theirs.", &at("reza", 20)));
    let first = b.segments[0].comments[0].id;
    ok(t.set_comment_resolved(0, first, true, &at("reza", 21)));
    let m = run(&b, &o, &t);
    assert!(m.report.is_clean());
    let comments = &m.project.segments[0].comments;
    let texts: Vec<&str> = comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["Check the name.", "Ours.", "Theirs."]);
    assert!(
        comments[0].resolved,
        "resolved on their side, untouched on ours"
    );
    let mut ids: Vec<u64> = comments.iter().map(|c| c.id).collect();
    ids.dedup();
    assert_eq!(
        ids.len(),
        3,
        "both new comments had the same id; one was renumbered"
    );
    assert_valid(&m.project);
}

#[test]
fn a_split_on_one_side_takes_an_edit_of_the_same_sentence_from_the_other() {
    let (b, mut o, mut t) = three();
    let pos = after_comma(&b, 1);
    ok(o.split(1, pos, &at("mina", 10)));
    ok(t.set_target(1, "Two, in two parts (revised).", &at("reza", 20)));
    ok(t.set_target(4, "Five (revised).", &at("reza", 21)));
    let m = run(&b, &o, &t);
    assert!(m.report.is_clean(), "{:?}", m.report);
    assert_eq!(m.project.segments.len(), 6);
    assert_eq!(m.project.segments[1].target, "Two, in two parts (revised).");
    assert_eq!(
        m.project.segments[2].id, o.segments[2].id,
        "ours' new sentence keeps its id"
    );
    assert_eq!(m.project.segments[5].target, "Five (revised).");
    assert_eq!(
        m.project.source_text(),
        b.source_text(),
        "the article is whole"
    );
    assert_valid(&m.project);
}

#[test]
fn a_merge_on_one_side_takes_an_edit_of_the_first_sentence_cleanly() {
    let (b, mut o, mut t) = three();
    ok(t.merge_with_next(0, &at("reza", 10)));
    ok(o.set_target(0, "One, ours.", &at("mina", 20)));
    let m = run(&b, &o, &t);
    assert!(m.report.is_clean(), "{:?}", m.report);
    assert_eq!(m.project.segments.len(), 4);
    assert_eq!(
        m.project.segments[0].target,
        "One, ours. Two, in two parts."
    );
    assert_eq!(m.project.source_text(), b.source_text());
    assert_valid(&m.project);
}

#[test]
fn a_sentence_merged_away_on_one_side_and_edited_on_the_other_is_a_conflict() {
    let (b, mut o, mut t) = three();
    ok(o.merge_with_next(0, &at("mina", 10)));
    ok(t.set_target(1, "Two, theirs.", &at("reza", 20)));
    let m = run(&b, &o, &t);
    assert_eq!(m.report.conflicts, [SegmentId(1)]);
    let seg = &m.project.segments[0];
    let c = seg
        .conflict
        .as_deref()
        .unwrap_or_else(|| panic!("conflict"));
    assert_eq!(c.kind, ConflictKind::MergedAndEdited);
    assert_eq!(seg.target, "One. Two, in two parts.");
    assert_eq!(
        c.theirs.target, "One. Two, theirs.",
        "what the merged sentence reads with their edit"
    );
    assert!(c.note.contains("#2"), "{}", c.note);
    assert_valid(&m.project);
}

#[test]
fn splits_on_both_sides_never_share_an_id() {
    let (b, mut o, mut t) = three();
    let pos = after_comma(&b, 1);
    ok(o.split(1, pos, &at("mina", 10)));
    let pos = b.segments[3].source.find(' ').unwrap_or(0);
    ok(t.split(3, pos, &at("reza", 20)));
    ok(t.set_target(4, "Four, second half.", &at("reza", 21)));
    assert_eq!(
        o.segments[2].id, t.segments[4].id,
        "both handed out the same id"
    );
    let m = run(&b, &o, &t);
    assert!(m.report.is_clean(), "{:?}", m.report);
    assert_eq!(m.project.segments.len(), 7);
    assert_eq!(m.report.renumbered.len(), 1);
    let (was, now) = m.report.renumbered[0];
    assert_eq!(was, t.segments[4].id);
    assert_eq!(m.project.segments[5].id, now);
    assert_eq!(m.project.segments[5].target, "Four, second half.");
    assert_eq!(m.project.source_text(), b.source_text());
    assert_valid(&m.project);
}

#[test]
fn different_splits_of_one_sentence_keep_one_structure_and_the_other_translation() {
    let (b, mut o, mut t) = three();
    let comma = after_comma(&b, 1);
    ok(o.split(1, comma, &at("mina", 10)));
    ok(o.set_target(1, "Two,", &at("mina", 11)));
    ok(o.set_target(2, "in two parts.", &at("mina", 12)));
    let space = b.segments[1].source.find(' ').unwrap_or(0);
    ok(t.split(1, space, &at("reza", 20)));
    ok(t.set_target(1, "Sentence", &at("reza", 21)));
    ok(t.set_target(2, "two, in two parts.", &at("reza", 22)));
    let m = run(&b, &o, &t);
    assert_eq!(m.report.restructured, 1);
    assert!(!m.report.is_clean());
    assert_eq!(m.project.source_text(), b.source_text());
    // Every translation of either side is in the result.
    let all: String = m
        .project
        .segments
        .iter()
        .flat_map(|s| {
            std::iter::once(s.target.clone()).chain(
                s.conflict
                    .iter()
                    .flat_map(|c| [c.ours.target.clone(), c.theirs.target.clone()]),
            )
        })
        .collect::<Vec<_>>()
        .join("|");
    for text in ["Two,", "in two parts.", "Sentence", "two, in two parts."] {
        assert!(all.contains(text), "{text} in {all}");
    }
    assert_valid(&m.project);
}

#[test]
fn files_of_different_articles_are_refused() {
    let b = base();
    let other = Project::new("Other", "", [("متن دیگر.".to_owned(), String::new())], t0());
    assert_eq!(
        merge(&b, &b, &other, t0()).map(|_| ()),
        Err(MergeError::DifferentArticles("theirs"))
    );
}

#[test]
fn metadata_merges_field_by_field_and_words_as_sets() {
    let b = {
        let mut b = base();
        b.meta.project_words.added.insert("Tehran".into());
        b
    };
    let mut o = b.clone();
    let mut t = b.clone();
    o.meta.modified = t0() + Duration::seconds(10);
    o.meta.project_words.added.insert("Mashhad".into());
    t.meta.modified = t0() + Duration::seconds(20);
    t.meta.title = "Their title".into();
    t.meta.project_words.added.remove("Tehran");
    t.meta.project_words.ignored.insert("Khabarresa".into());
    let m = run(&b, &o, &t);
    assert_eq!(m.project.meta.title, "Their title");
    assert_eq!(m.project.meta.modified, t.meta.modified);
    let added: Vec<&str> = m
        .project
        .meta
        .project_words
        .added
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(added, ["Mashhad"], "a word one side removed stays removed");
    assert!(m.project.meta.project_words.ignored.contains("Khabarresa"));
}

#[test]
fn a_conflict_still_open_on_one_side_is_kept() {
    let (b, mut o, mut t) = three();
    ok(o.set_target(2, "Three, by Mina.", &at("mina", 10)));
    ok(t.set_target(2, "Three, by Reza.", &at("reza", 20)));
    let first = run(&b, &o, &t).project;
    // Someone else edits another sentence meanwhile; the open conflict survives the merge.
    let mut other = b.clone();
    ok(other.set_target(0, "One, later.", &at("sara", 30)));
    let m = run(&b, &first, &other);
    assert_eq!(m.project.conflict_count(), 1);
    assert_eq!(m.project.segments[0].target, "One, later.");
    assert!(m.report.conflicts.is_empty(), "not a new conflict");
}

// ---- sources, approvals and ignored findings across splits and merges (issue 28) ----

/// The article: four sentences in one paragraph, translated by "ana" at t0.
fn four() -> Project {
    translated(
        "Four",
        &[
            ("الف یک است.", " ", "A is one."),
            ("ب دو است.", " ", "B is two."),
            ("پ سه است.", " ", "C is three."),
            ("ت چهار است.", "", "D is four."),
        ],
    )
}

fn sources_of(p: &Project) -> Vec<&str> {
    p.segments.iter().map(|s| s.source.as_str()).collect()
}

/// Merge both ways round; the result's sentences (source, target, status) must agree.
fn run_both(b: &Project, x: &Project, y: &Project) -> Merged {
    let xy = run(b, x, y);
    let yx = run(b, y, x);
    assert_eq!(sources_of(&xy.project), sources_of(&yx.project));
    assert_eq!(xy.report.conflicts.len(), yx.report.conflicts.len());
    assert_valid(&xy.project);
    assert_valid(&yx.project);
    xy
}

#[test]
fn a_source_correction_survives_a_merge_of_sentences_on_the_other_side() {
    let b = four();
    let (mut o, mut t) = (b.clone(), b.clone());
    ok(o.correct_source(0, "الف یکم است.", &at("mina", 10)));
    ok(t.merge_with_next(0, &at("reza", 20)));
    let m = run_both(&b, &o, &t);
    assert!(m.report.is_clean(), "{:?}", m.report);
    assert_eq!(
        sources_of(&m.project),
        ["الف یکم است. ب دو است.", "پ سه است.", "ت چهار است."]
    );
    assert_eq!(m.project.segments[0].target, "A is one. B is two.");
    assert_eq!(
        m.project.segments[0].original_source.as_deref(),
        Some("الف یک است. ب دو است.")
    );
    assert!(
        m.project.segments[0]
            .history
            .iter()
            .any(|r| r.action == Action::CorrectSource),
        "the correction's revision came along"
    );
    assert_eq!(m.report.from_theirs, [SegmentId(1)]);
}

#[test]
fn a_source_correction_survives_a_split_on_the_other_side_in_either_part() {
    let b = four();
    let space = b.segments[0].source.find(' ').unwrap_or(0);
    let mut t = b.clone();
    ok(t.split(0, space, &at("reza", 20)));
    // The second part (a sentence new on their side) and the first part.
    for (fixed, parts) in [
        ("الف یکم است.", ["الف", "یکم است."]),
        ("الفبا یک است.", ["الفبا", "یک است."]),
    ] {
        let mut o = b.clone();
        ok(o.correct_source(0, fixed, &at("mina", 10)));
        let m = run_both(&b, &o, &t);
        assert!(m.report.is_clean(), "{:?}", m.report);
        assert_eq!(sources_of(&m.project)[..2], parts);
        assert!(m.project.source_text().starts_with(fixed));
    }
}

#[test]
fn a_source_correction_across_the_split_point_is_a_conflict_that_shows_it() {
    let b = four();
    let space = b.segments[0].source.find(' ').unwrap_or(0);
    let mut t = b.clone();
    ok(t.split(0, space, &at("reza", 20)));
    let mut o = b.clone();
    // The space where they split becomes a zero-width non-joiner: no boundary to keep.
    let fixed = "الف\u{200c}یک است.";
    ok(o.correct_source(0, fixed, &at("mina", 10)));
    let m = run_both(&b, &o, &t);
    assert_eq!(m.report.conflicts, [SegmentId(1)]);
    let c = m.project.segments[0]
        .conflict
        .as_deref()
        .unwrap_or_else(|| panic!("conflict"));
    assert_eq!(c.kind, ConflictKind::EditedBoth);
    assert!(c.note.contains(fixed), "{}", c.note);
    assert_eq!(m.project.source_text(), b.source_text(), "their split kept");
}

#[test]
fn a_source_correction_survives_a_different_restructuring_of_the_same_sentences() {
    let b = four();
    let mut o = b.clone();
    let space = b.segments[0].source.find(' ').unwrap_or(0);
    ok(o.split(0, space, &at("mina", 10)));
    let mut t = b.clone();
    ok(t.correct_source(0, "الف یکم است.", &at("reza", 20)));
    ok(t.merge_with_next(0, &at("reza", 21)));
    let m = run_both(&b, &o, &t);
    assert_eq!(m.report.restructured, 1);
    assert_eq!(
        sources_of(&m.project)[..3],
        ["الف", "یکم است.", "ب دو است."],
        "our boundaries, their correction"
    );
}

#[test]
fn a_source_both_sides_corrected_in_different_places_of_a_split_sentence_keeps_both() {
    let b = four();
    let space = b.segments[0].source.find(' ').unwrap_or(0);
    let mut o = b.clone();
    ok(o.split(0, space, &at("mina", 10)));
    ok(o.correct_source(0, "الفبا", &at("mina", 11)));
    let mut t = b.clone();
    ok(t.correct_source(0, "الف یکم است.", &at("reza", 20)));
    let m = run_both(&b, &o, &t);
    assert!(m.report.is_clean(), "{:?}", m.report);
    assert_eq!(sources_of(&m.project)[..2], ["الفبا", "یکم است."]);

    // The same text corrected differently on both sides: a conflict that shows theirs.
    let mut t = b.clone();
    ok(t.correct_source(0, "الفی یک است.", &at("reza", 20)));
    let m = run_both(&b, &o, &t);
    assert_eq!(m.report.conflicts, [SegmentId(1)]);
    let note = m.project.segments[0]
        .conflict
        .as_deref()
        .map(|c| c.note.clone())
        .unwrap_or_default();
    assert!(note.contains("الفی یک است."), "{note}");
}

#[test]
fn an_approval_is_withdrawn_when_the_other_side_corrected_the_source() {
    let b = four();
    let mut o = b.clone();
    ok(o.approve(1, &at("editor", 10)));
    let mut t = b.clone();
    ok(t.correct_source(1, "ب دوم است.", &at("reza", 20)));
    let m = run_both(&b, &o, &t);
    assert!(m.report.is_clean(), "{:?}", m.report);
    let seg = &m.project.segments[1];
    assert_eq!(seg.source, "ب دوم است.");
    assert_eq!(
        seg.status,
        Status::Translated,
        "nobody approved this source"
    );
    let last = seg.history.last().unwrap_or_else(|| panic!("history"));
    assert_eq!(
        (last.author.as_str(), &last.action, last.note.as_str()),
        (MERGE_AUTHOR, &Action::SetStatus, WITHDRAWN)
    );
    assert!(
        seg.history.iter().any(|r| r.action == Action::Approve),
        "the approval stays in the history"
    );

    // Across their merge of the sentence with the one before, too.
    let mut t2 = b.clone();
    ok(t2.correct_source(1, "ب دوم است.", &at("reza", 20)));
    let mut o2 = b.clone();
    ok(o2.approve(0, &at("editor", 10)));
    ok(o2.approve(1, &at("editor", 11)));
    ok(o2.merge_with_next(0, &at("editor", 12)));
    assert_eq!(o2.segments[0].status, Status::Approved);
    let m = run_both(&b, &o2, &t2);
    assert_eq!(m.project.segments[0].source, "الف یک است. ب دوم است.");
    assert_ne!(m.project.segments[0].status, Status::Approved);
}

#[test]
fn an_approval_given_over_the_corrected_source_stays() {
    let b = four();
    let mut t = b.clone();
    ok(t.correct_source(1, "ب دوم است.", &at("reza", 20)));
    ok(t.approve(1, &at("reza", 21)));
    let mut o = b.clone();
    ok(o.set_target(3, "D is four, ours.", &at("mina", 10)));
    let m = run_both(&b, &o, &t);
    assert_eq!(m.project.segments[1].status, Status::Approved);
    // Both approved, one over the corrected source: that approval holds.
    ok(o.approve(1, &at("mina", 11)));
    let m = run_both(&b, &o, &t);
    assert_eq!(m.project.segments[1].status, Status::Approved);
    assert!(m.report.is_clean());
}

#[test]
fn an_approval_with_an_edit_and_a_correction_on_the_other_side_is_a_conflict_without_approval() {
    let b = four();
    let mut o = b.clone();
    ok(o.approve(1, &at("editor", 10)));
    let mut t = b.clone();
    ok(t.correct_source(1, "ب دوم است.", &at("reza", 20)));
    ok(t.set_target(1, "B is second.", &at("reza", 21)));
    let m = run(&b, &o, &t);
    let seg = &m.project.segments[1];
    let c = seg
        .conflict
        .as_deref()
        .unwrap_or_else(|| panic!("conflict"));
    assert_eq!(seg.source, "ب دوم است.");
    assert_eq!(c.ours.status, Status::Translated);
    assert_eq!(seg.status, Status::Translated);
}

#[test]
fn a_qa_finding_restored_on_one_side_stays_restored() {
    let mut b = four();
    ok(b.set_qa_ignored(0, "number-missing:700", true, &at("ana", 1)));
    ok(b.set_qa_ignored(2, "number-missing:800", true, &at("ana", 1)));
    let mut o = b.clone();
    ok(o.set_qa_ignored(0, "number-missing:700", false, &at("mina", 10)));
    // Unchanged on the other side: the restored finding is not ignored again.
    assert_eq!(run(&b, &o, &b).project, o);
    assert_eq!(run(&b, &b, &o).project, o);
    // The other side edits, ignores another finding and merges the two sentences.
    let mut t = b.clone();
    ok(t.set_target(0, "A is one, theirs.", &at("reza", 20)));
    ok(t.set_qa_ignored(2, "number-missing:801", true, &at("reza", 21)));
    let m = run_both(&b, &o, &t);
    assert!(m.project.segments[0].qa_ignored.is_empty());
    assert_eq!(
        m.project.segments[2].qa_ignored,
        ["number-missing:800", "number-missing:801"]
    );
    ok(t.merge_with_next(0, &at("reza", 22)));
    let m = run_both(&b, &o, &t);
    assert!(m.project.segments[0].qa_ignored.is_empty());
}

// ---- properties ----

/// An edit a person can make, by position (taken modulo the project's length).
#[derive(Clone, Debug)]
enum Op {
    Edit(usize, u8),
    Approve(usize),
    SendBack(usize),
    Comment(usize),
    Resolve(usize),
    Split(usize, usize),
    Merge(usize),
    Ignore(usize),
    Restore(usize),
    Correct(usize, u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..12usize, any::<u8>()).prop_map(|(i, v)| Op::Edit(i, v)),
        1 => (0..12usize).prop_map(Op::Approve),
        1 => (0..12usize).prop_map(Op::SendBack),
        1 => (0..12usize).prop_map(Op::Comment),
        1 => (0..12usize).prop_map(Op::Resolve),
        1 => (0..12usize, 0..40usize).prop_map(|(i, p)| Op::Split(i, p)),
        1 => (0..12usize).prop_map(Op::Merge),
        1 => (0..12usize).prop_map(Op::Ignore),
        1 => (0..12usize).prop_map(Op::Restore),
        2 => (0..12usize, 0..3u8).prop_map(|(i, w)| Op::Correct(i, w)),
    ]
}

/// The text a correction by `who` (op number `k`) adds to a source: unique, so the property
/// tests can find it.
fn tag(who: &str, k: usize) -> String {
    format!("درست{who}{k}")
}

/// `source` corrected by adding `tag` at its end, its start or after its first word.
fn corrected(source: &str, tag: &str, place: u8) -> String {
    match (place, source.split_once(' ')) {
        (0, _) | (_, None) => format!("{source} {tag}"),
        (1, _) => format!("{tag} {source}"),
        (_, Some((first, rest))) => format!("{first} {tag} {rest}"),
    }
}

fn apply(p: &mut Project, ops: &[Op], who: &str, from: i64) {
    for (k, op) in ops.iter().enumerate() {
        let n = p.segments.len();
        let stamp = at(who, from + i64::try_from(k).unwrap_or(0) * 200);
        let _ = match *op {
            Op::Edit(i, v) => p
                .set_target(i % n, &format!("{who} {v} {k}"), &stamp)
                .map(|_| ()),
            Op::Approve(i) => p.approve(i % n, &stamp).map(|_| ()),
            Op::SendBack(i) => p.send_back(i % n, "Why?", &stamp),
            Op::Comment(i) => p
                .add_comment(i % n, &format!("{who} note {k}"), &stamp)
                .map(|_| ()),
            Op::Resolve(i) => {
                let seg = &p.segments[i % n];
                match seg.comments.first().map(|c| (c.id, c.resolved)) {
                    Some((id, resolved)) => p
                        .set_comment_resolved(i % n, id, !resolved, &stamp)
                        .map(|_| ()),
                    None => Ok(()),
                }
            }
            Op::Split(i, at_char) => {
                let source = &p.segments[i % n].source;
                let spaces: Vec<usize> = source.match_indices(' ').map(|(b, _)| b).collect();
                match spaces.get(at_char % spaces.len().max(1)) {
                    Some(&pos) => p.split(i % n, pos, &stamp).map(|_| ()),
                    None => Ok(()),
                }
            }
            Op::Merge(i) => p.merge_with_next(i % n, &stamp),
            Op::Correct(i, place) => {
                let fixed = corrected(&p.segments[i % n].source, &tag(who, k), place);
                p.correct_source(i % n, &fixed, &stamp).map(|_| ())
            }
            Op::Ignore(i) => p
                .set_qa_ignored(i % n, &format!("key-{who}-{k}"), true, &stamp)
                .map(|_| ()),
            Op::Restore(i) => match p.segments[i % n].qa_ignored.first().cloned() {
                Some(key) => p.set_qa_ignored(i % n, &key, false, &stamp).map(|_| ()),
                None => Ok(()),
            },
        };
    }
    if !ops.is_empty() {
        p.meta.modified = at(who, from + i64::try_from(ops.len()).unwrap_or(0) * 200).time;
    }
}

fn article() -> impl Strategy<Value = Project> {
    prop::collection::vec((1..4usize, any::<bool>(), 0..6u8), 2..9).prop_map(|sentences| {
        let pieces: Vec<(String, String)> = sentences
            .iter()
            .enumerate()
            .map(|(i, &(words, para, _))| {
                let source = (0..=words)
                    .map(|w| format!("واژه{i}{w}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                (
                    format!("{source}."),
                    if para { "\n".into() } else { " ".into() },
                )
            })
            .collect();
        let mut p = Project::new("Prop", "", pieces, t0());
        // 0-1: untranslated, 2-3: translated, 4-5: approved; odd: a finding ignored.
        for (i, &(_, _, state)) in sentences.iter().enumerate() {
            if state >= 2 {
                let _ = p.set_target(i, &format!("Base {i}."), &at("ana", 0));
            }
            if state >= 4 {
                let _ = p.approve(i, &at("ana", 1));
            }
            if state % 2 == 1 {
                let _ = p.set_qa_ignored(i, &format!("base-key-{i}"), true, &at("ana", 2));
            }
        }
        p
    })
}

/// The result with conflicts seen from no side: a conflicting sentence's two versions as a
/// sorted pair, comments as a set, new ids (not in the base) as 0.
fn normalised(p: &Project, base: &Project) -> Vec<String> {
    let known: HashSet<SegmentId> = base.segments.iter().map(|s| s.id).collect();
    p.segments
        .iter()
        .map(|s| {
            let id = if known.contains(&s.id) { s.id.0 } else { 0 };
            // Where the sides disagree on the source too, it is part of each version.
            let source_in_versions = s
                .conflict
                .as_ref()
                .is_some_and(|c| c.theirs.source.is_some());
            let mut versions = vec![format!("{}|{:?}|{}", s.target, s.status, s.source)];
            if let Some(c) = &s.conflict {
                let source = c.theirs.source.as_deref().unwrap_or(&s.source);
                versions.push(format!(
                    "{}|{:?}|{source}",
                    c.theirs.target, c.theirs.status
                ));
            }
            let source = if source_in_versions {
                ""
            } else {
                s.source.as_str()
            };
            versions.sort();
            let mut comments: Vec<String> = s
                .comments
                .iter()
                .map(|c| format!("{}|{}|{}|{}", c.author, c.time, c.text, c.resolved))
                .collect();
            comments.sort();
            let mut history: Vec<String> = s.history.iter().map(|r| format!("{r:?}")).collect();
            history.sort();
            let mut ignored = s.qa_ignored.clone();
            ignored.sort();
            format!(
                "{id} {source:?} {:?} {versions:?} {comments:?} {history:?} {ignored:?} {:?}",
                s.separator,
                s.conflict.as_ref().map(|c| c.kind)
            )
        })
        .collect()
}

/// Every target text of `side` is in `result`: as a target, inside a conflict, or (when
/// another edit replaced it) in a revision of the history.
fn keeps_every_target(result: &Project, side: &Project) -> Result<(), String> {
    let all = texts_of(result, true);
    for s in &side.segments {
        let versions = s
            .conflict
            .iter()
            .flat_map(|c| [&c.ours, &c.theirs].into_iter().chain(&c.earlier));
        let texts = std::iter::once(s.target.as_str()).chain(versions.map(|v| v.target.as_str()));
        for text in texts.map(str::trim) {
            if !text.is_empty() && !all.contains(text) {
                return Err(format!("{} ({text:?}) is lost", s.id));
            }
        }
    }
    Ok(())
}

/// Every translation in `result`, the versions inside its conflicts and, with `history`, the
/// texts its revisions went from and to, separated by U+0001.
fn texts_of(result: &Project, history: bool) -> String {
    let mut all = String::new();
    let mut add = |text: &str| {
        all.push_str(text);
        all.push('\u{1}');
    };
    for s in &result.segments {
        add(&s.target);
        if let Some(c) = &s.conflict {
            for v in [&c.ours, &c.theirs].into_iter().chain(&c.earlier) {
                add(&v.target);
            }
        }
        if history {
            for r in &s.history {
                add(&r.target_before);
                add(&r.target_after);
            }
        }
    }
    all
}

/// Every target `side` changed since `base` (or wrote in a new sentence) is in `result` as a
/// translation or a version inside a conflict: the history alone is not enough for a change.
/// A target that only joins base targets (a merge of sentences) is no change of text.
fn keeps_every_change(result: &Project, side: &Project, base: &Project) -> Result<(), String> {
    let base_text = base
        .segments
        .iter()
        .map(|s| s.target.trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let all = texts_of(result, false);
    for s in &side.segments {
        let text = s.target.trim();
        let changed = !base_text.contains(text);
        if changed && !text.is_empty() && !all.contains(text) {
            return Err(format!(
                "the change of {} ({text:?}) is only in the history",
                s.id
            ));
        }
    }
    Ok(())
}

/// Every correction `side` made (its tags) is in the result's article or shown in one of its
/// conflicts (a version's source or the note).
fn keeps_every_correction(result: &Project, side: &Project) -> Result<(), String> {
    let mut shown = result.source_text();
    for c in result.segments.iter().filter_map(|s| s.conflict.as_deref()) {
        shown.push_str(&c.note);
        for v in [&c.ours, &c.theirs].into_iter().chain(&c.earlier) {
            shown.push_str(v.source.as_deref().unwrap_or_default());
        }
    }
    for word in side.source_text().split_whitespace() {
        if word.starts_with("درست") && !shown.contains(word) {
            return Err(format!("the correction {word:?} is lost"));
        }
    }
    Ok(())
}

/// Whether some run of consecutive sentences of `side`, all approved, joins to `source`.
fn approved_over(side: &Project, source: &str) -> bool {
    (0..side.segments.len()).any(|start| {
        let mut joined = String::new();
        for (k, s) in side.segments[start..].iter().enumerate() {
            if s.status != Status::Approved {
                return false;
            }
            if k > 0 {
                joined.push_str(&side.segments[start + k - 1].separator);
            }
            joined.push_str(&s.source);
            if joined == source {
                return true;
            }
            if !source.starts_with(&joined) {
                return false;
            }
        }
        false
    })
}

/// No sentence of the result is approved (nor would be by taking a conflict's version) over a
/// source that no side approved.
fn approves_only_approved_sources(result: &Project, sides: &[&Project]) -> Result<(), String> {
    for s in &result.segments {
        let mut approved: Vec<&str> = Vec::new();
        if s.status == Status::Approved {
            approved.push(&s.source);
        }
        for v in s.conflict.iter().flat_map(|c| [&c.ours, &c.theirs]) {
            if v.status == Status::Approved {
                approved.push(v.source.as_deref().unwrap_or(&s.source));
            }
        }
        for source in approved {
            if !sides.iter().any(|side| approved_over(side, source)) {
                return Err(format!("{} is approved over {source:?}", s.id));
            }
        }
    }
    Ok(())
}

/// Ignored findings, three-way over the project (every key names one finding): a key of the
/// base stays only if both sides still ignore it; a new key of either side is in.
fn ignores_three_way(
    result: &Project,
    b: &Project,
    x: &Project,
    y: &Project,
) -> Result<(), String> {
    let keys = |p: &Project| -> HashSet<String> {
        p.segments
            .iter()
            .flat_map(|s| s.qa_ignored.iter().cloned())
            .collect()
    };
    let (kb, kx, ky) = (keys(b), keys(x), keys(y));
    let expected: HashSet<String> = kx
        .iter()
        .chain(&ky)
        .filter(|k| !kb.contains(*k) || (kx.contains(*k) && ky.contains(*k)))
        .cloned()
        .collect();
    let got = keys(result);
    if got == expected {
        Ok(())
    } else {
        Err(format!("ignored {got:?}, expected {expected:?}"))
    }
}

/// Cases per property: 200 in CI; `PROPTEST_CASES=20000` when the rules change.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn merging_with_an_unchanged_side_gives_the_changed_side(
        b in article(),
        x_ops in prop::collection::vec(op(), 0..8),
    ) {
        let mut x = b.clone();
        apply(&mut x, &x_ops, "mina", 100);
        let left = run(&b, &x, &b);
        prop_assert_eq!(&left.project, &x);
        prop_assert!(left.report.is_clean());
        let right = run(&b, &b, &x);
        prop_assert_eq!(&right.project, &x);
        prop_assert!(right.report.is_clean());
        let same = run(&b, &x, &x);
        prop_assert_eq!(&same.project, &x);
        prop_assert!(same.report.from_theirs.is_empty());
    }

    #[test]
    fn the_merge_is_symmetric_up_to_conflict_sides_and_loses_no_target(
        b in article(),
        x_ops in prop::collection::vec(op(), 0..8),
        y_ops in prop::collection::vec(op(), 0..8),
    ) {
        let mut x = b.clone();
        apply(&mut x, &x_ops, "mina", 100);
        let mut y = b.clone();
        apply(&mut y, &y_ops, "reza", 150);
        let xy = run(&b, &x, &y);
        let yx = run(&b, &y, &x);
        prop_assert_eq!(normalised(&xy.project, &b), normalised(&yx.project, &b));
        prop_assert_eq!(xy.report.conflicts.len(), yx.report.conflicts.len());
        for (result, side) in [(&xy.project, &x), (&xy.project, &y), (&yx.project, &x), (&yx.project, &y)] {
            if let Err(e) = keeps_every_target(result, side) {
                prop_assert!(false, "{}", e);
            }
            if let Err(e) = keeps_every_change(result, side, &b) {
                prop_assert!(false, "{}", e);
            }
            if let Err(e) = keeps_every_correction(result, side) {
                prop_assert!(false, "{}", e);
            }
        }
        for result in [&xy.project, &yx.project] {
            if let Err(e) = approves_only_approved_sources(result, &[&x, &y]) {
                prop_assert!(false, "{}", e);
            }
            if let Err(e) = ignores_three_way(result, &b, &x, &y) {
                prop_assert!(false, "{}", e);
            }
        }
        // The result is a valid project over the same article.
        let mut ids: Vec<u64> = xy.project.segments.iter().map(|s| s.id.0).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        prop_assert_eq!(ids.len(), n);
        prop_assert!(ids.iter().all(|&id| id < xy.project.next_id));
        prop_assert_eq!(xy.project.imported_text(), b.imported_text());
        if !x_ops.iter().chain(&y_ops).any(|op| matches!(op, Op::Correct(..))) {
            prop_assert_eq!(xy.project.source_text(), b.source_text());
        }
    }

    #[test]
    fn merging_a_file_with_open_conflicts_keeps_every_version(
        b in article(),
        x1_ops in prop::collection::vec(op(), 0..8),
        x2_ops in prop::collection::vec(op(), 0..8),
        y_ops in prop::collection::vec(op(), 0..8),
    ) {
        // x already holds conflicts (two versions merged earlier, not yet settled).
        let (mut x1, mut x2, mut y) = (b.clone(), b.clone(), b.clone());
        apply(&mut x1, &x1_ops, "mina", 100);
        apply(&mut x2, &x2_ops, "reza", 150);
        apply(&mut y, &y_ops, "sara", 170);
        let x = run(&b, &x1, &x2).project;
        for (ours, theirs) in [(&x, &y), (&y, &x)] {
            let m = run(&b, ours, theirs);
            for side in [&x, &y] {
                if let Err(e) = keeps_every_target(&m.project, side) {
                    prop_assert!(false, "{}", e);
                }
            }
            prop_assert!(m.project.conflict_count() >= x.conflict_count().min(1), "an open conflict is never dropped");
        }
    }
}

#[test]
fn project_terms_merge_as_a_set_by_their_persian() {
    use crate::glossary::Term;
    let t = |s: &str, e: &str| Term::new(s, e);
    let base = vec![
        t("مجلس", "parliament"),
        t("ناجا", "NAJA"),
        t("ظریف", "Zarif"),
    ];
    // Ours changed مجلس and removed ظریف; theirs added سپاه and changed ناجا.
    let ours = vec![t("مجلس", "the Majlis"), t("ناجا", "NAJA")];
    let theirs = vec![
        t("مجلس", "parliament"),
        t("ناجا", "the police"),
        t("ظریف", "Zarif"),
        t("سپاه", "the IRGC"),
    ];
    let merged = super::merge_terms(&base, &ours, &theirs);
    let pairs: Vec<(&str, &str)> = merged
        .iter()
        .map(|t| (t.source.as_str(), t.english.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("مجلس", "the Majlis"),
            ("ناجا", "the police"),
            ("سپاه", "the IRGC")
        ]
    );
}
