use chrono::{Duration, TimeZone, Utc};

use super::*;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0)
        .single()
        .unwrap()
}

fn stamp(author: &str, secs: i64) -> Stamp {
    Stamp {
        author: author.into(),
        time: t0() + Duration::seconds(secs),
    }
}

fn sample() -> Project {
    Project::new(
        "Test",
        "",
        [
            ("جمله اول.".to_owned(), " ".to_owned()),
            ("جمله دوم؟".to_owned(), "\n".to_owned()),
            ("پاراگراف دوم. جمله بعدی.".to_owned(), String::new()),
        ],
        t0(),
    )
}

#[test]
fn new_project_has_fresh_ids_and_counts() {
    let p = sample();
    assert_eq!(
        p.segments.iter().map(|s| s.id.0).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(p.next_id, 4);
    assert_eq!(p.paragraph_count(), 2);
    assert_eq!(p.status_counts().untranslated, 3);
    assert_eq!(p.source_words(), 8);
    assert_eq!(
        p.source_text(),
        "جمله اول. جمله دوم؟\nپاراگراف دوم. جمله بعدی."
    );
}

#[test]
fn typing_makes_translated_and_clearing_untranslated() {
    let mut p = sample();
    assert!(
        p.set_target(0, "First sentence.", &stamp("ana", 0))
            .unwrap()
    );
    assert_eq!(p.segments[0].status, Status::Translated);
    assert!(p.set_target(0, "   ", &stamp("ana", 5)).unwrap());
    assert_eq!(p.segments[0].status, Status::Untranslated);
    assert!(
        !p.set_target(0, "   ", &stamp("ana", 6)).unwrap(),
        "no-op edit"
    );
}

#[test]
fn keystrokes_coalesce_into_one_revision() {
    let mut p = sample();
    for (i, text) in ["F", "Fi", "Fir", "First"].iter().enumerate() {
        p.set_target(0, text, &stamp("ana", i64::try_from(i).unwrap()))
            .unwrap();
    }
    let h = &p.segments[0].history;
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].target_before, "");
    assert_eq!(h[0].target_after, "First");
    assert_eq!(h[0].status_before, Status::Untranslated);
    assert_eq!(h[0].status_after, Status::Translated);
    // Another author, or a long pause, starts a new revision.
    p.set_target(0, "First!", &stamp("bo", 10)).unwrap();
    p.set_target(0, "First!!", &stamp("bo", 10 + COALESCE_TEST_GAP))
        .unwrap();
    assert_eq!(p.segments[0].history.len(), 3);
}

const COALESCE_TEST_GAP: i64 = 600;

#[test]
fn approve_needs_target() {
    let mut p = sample();
    assert_eq!(
        p.approve(0, &stamp("ed", 0)),
        Err(EditError::EmptyTarget(0))
    );
    assert_eq!(
        p.mark_translated(0, &stamp("ed", 0)),
        Err(EditError::EmptyTarget(0))
    );
    p.set_target(0, "First.", &stamp("ana", 0)).unwrap();
    assert!(p.approve(0, &stamp("ed", 1)).unwrap());
    assert!(!p.approve(0, &stamp("ed", 2)).unwrap());
    assert_eq!(p.segments[0].status, Status::Approved);
    assert_eq!(p.status_counts().approved, 1);
    assert!((p.status_counts().approved_fraction() - 1.0 / 3.0).abs() < 1e-6);
}

#[test]
fn editing_approved_withdraws_approval_and_keeps_approved_text() {
    let mut p = sample();
    p.set_target(0, "First sentence.", &stamp("ana", 0))
        .unwrap();
    p.approve(0, &stamp("ed", 1)).unwrap();
    p.set_target(0, "The first sentence.", &stamp("ana", 2))
        .unwrap();
    let seg = &p.segments[0];
    assert_eq!(seg.status, Status::Translated);
    assert_eq!(seg.last_approved_target(), Some("First sentence."));
    let last = seg.history.last().unwrap();
    assert_eq!(last.status_before, Status::Approved);
    assert_eq!(last.status_after, Status::Translated);
    assert!(last.note.contains("withdrawn"));
}

#[test]
fn send_back_requires_comment_and_records_it() {
    let mut p = sample();
    p.set_target(1, "Second?", &stamp("ana", 0)).unwrap();
    assert_eq!(
        p.send_back(1, "  ", &stamp("ed", 1)),
        Err(EditError::CommentRequired)
    );
    assert_eq!(p.segments[1].status, Status::Translated);
    p.send_back(1, "Tense is wrong", &stamp("ed", 2)).unwrap();
    let seg = &p.segments[1];
    assert_eq!(seg.status, Status::NeedsRevision);
    assert_eq!(seg.open_comments(), 1);
    assert_eq!(seg.comments[0].author, "ed");
    // Editing a sent-back sentence keeps it sent back until it is marked translated.
    p.set_target(1, "Second one?", &stamp("ana", 3)).unwrap();
    assert_eq!(p.segments[1].status, Status::NeedsRevision);
    p.mark_translated(1, &stamp("ana", 4)).unwrap();
    assert_eq!(p.segments[1].status, Status::Translated);
}

#[test]
fn comments_resolve_and_reopen() {
    let mut p = sample();
    let id = p.add_comment(2, "Check the name", &stamp("ed", 0)).unwrap();
    assert_eq!(
        p.add_comment(2, "", &stamp("ed", 0)),
        Err(EditError::EmptyComment)
    );
    assert!(
        p.set_comment_resolved(2, id, true, &stamp("ana", 1))
            .unwrap()
    );
    assert_eq!(p.segments[2].open_comments(), 0);
    assert!(
        !p.set_comment_resolved(2, id, true, &stamp("ana", 1))
            .unwrap()
    );
    assert_eq!(
        p.set_comment_resolved(2, 99, true, &stamp("ana", 1)),
        Err(EditError::NoSuchComment(2, 99))
    );
    assert_eq!(
        p.add_comment(9, "x", &stamp("ed", 0)),
        Err(EditError::NoSuchSegment(9))
    );
}

#[test]
fn split_keeps_text_translation_and_history() {
    let mut p = sample();
    p.set_target(2, "Second paragraph. Next sentence.", &stamp("ana", 0))
        .unwrap();
    p.approve(2, &stamp("ed", 1)).unwrap();
    let before = p.source_text();
    // Split just after the full stop; the space becomes the first part's separator.
    let new = p.split(2, "پاراگراف دوم.".len(), &stamp("ana", 2)).unwrap();
    assert_eq!(new, 3);
    assert_eq!(p.source_text(), before, "split is lossless");
    assert_eq!(p.segments[2].source, "پاراگراف دوم.");
    assert_eq!(p.segments[3].source, "جمله بعدی.");
    assert_eq!(p.segments[2].target, "Second paragraph. Next sentence.");
    assert_eq!(
        p.segments[2].status,
        Status::Translated,
        "sign-off withdrawn"
    );
    assert_eq!(p.segments[3].status, Status::Untranslated);
    assert_eq!(p.segments[3].id, SegmentId(4));
    assert_eq!(p.next_id, 5);
    assert_eq!(p.segments[2].history.len(), 3);
    assert_eq!(p.split(3, 0, &stamp("ana", 3)), Err(EditError::BadSplit));
    assert_eq!(
        p.split(3, 1, &stamp("ana", 3)),
        Err(EditError::BadSplit),
        "not a char boundary"
    );
}

#[test]
fn merge_joins_and_never_reuses_ids() {
    let mut p = sample();
    p.set_target(0, "First.", &stamp("ana", 0)).unwrap();
    p.set_target(1, "Second?", &stamp("ana", 1)).unwrap();
    p.add_comment(1, "note", &stamp("ed", 2)).unwrap();
    let before = p.source_text();
    assert_eq!(
        p.merge_with_next(1, &stamp("ana", 3)),
        Err(EditError::ParagraphBoundary)
    );
    assert_eq!(
        p.merge_with_next(2, &stamp("ana", 3)),
        Err(EditError::LastSegment)
    );
    p.merge_with_next(0, &stamp("ana", 3)).unwrap();
    assert_eq!(p.segments.len(), 2);
    assert_eq!(p.source_text(), before, "merge is lossless");
    let seg = &p.segments[0];
    assert_eq!(seg.source, "جمله اول. جمله دوم؟");
    assert_eq!(seg.target, "First. Second?");
    assert_eq!(seg.comments.len(), 1);
    assert_eq!(seg.history.last().unwrap().action, Action::Merge);
    // Splitting again hands out a new id, not the retired #2.
    p.split(0, "جمله اول.".len(), &stamp("ana", 4)).unwrap();
    assert_eq!(p.segments[1].id, SegmentId(4));
}

#[test]
fn qa_ignore_is_recorded() {
    let mut p = sample();
    assert!(
        p.set_qa_ignored(0, "number-missing:700", true, &stamp("ed", 0))
            .unwrap()
    );
    assert!(
        !p.set_qa_ignored(0, "number-missing:700", true, &stamp("ed", 0))
            .unwrap()
    );
    assert_eq!(p.segments[0].qa_ignored, ["number-missing:700"]);
    assert!(
        p.set_qa_ignored(0, "number-missing:700", false, &stamp("ed", 1))
            .unwrap()
    );
    assert!(p.segments[0].qa_ignored.is_empty());
    assert_eq!(p.segments[0].history.len(), 2);
}

#[test]
fn fresh_id_survives_stale_counter() {
    let mut p = sample();
    p.next_id = 1; // as if a file was edited by hand
    p.split(2, "پاراگراف دوم.".len(), &stamp("ana", 0)).unwrap();
    assert_eq!(p.segments[3].id, SegmentId(4));
}

#[test]
fn approval_of_a_merged_neighbour_is_not_the_merged_sentence_approval() {
    let mut p = sample();
    p.set_target(0, "First.", &stamp("ana", 0)).unwrap();
    p.set_target(1, "Second?", &stamp("ana", 1)).unwrap();
    // The second sentence is approved later than anything in the first.
    p.approve(1, &stamp("ed", 5)).unwrap();
    p.merge_with_next(0, &stamp("ana", 10)).unwrap();
    let seg = &p.segments[0];
    assert_eq!(seg.status, Status::Translated);
    assert_eq!(
        seg.last_approved_target(),
        None,
        "the merged text was never approved; 'Second?' was another sentence's"
    );
    // Approving the merged sentence, then merging two approved ones keeps a real baseline.
    p.approve(0, &stamp("ed", 20)).unwrap();
    assert_eq!(p.segments[0].last_approved_target(), Some("First. Second?"));
}

#[test]
fn marking_an_approved_sentence_translated_keeps_the_approval() {
    let mut p = sample();
    p.set_target(0, "First.", &stamp("ana", 0)).unwrap();
    p.approve(0, &stamp("ed", 1)).unwrap();
    let history = p.segments[0].history.len();
    assert_eq!(p.mark_translated(0, &stamp("ana", 2)), Ok(false));
    assert_eq!(p.segments[0].status, Status::Approved);
    assert_eq!(p.segments[0].history.len(), history, "nothing recorded");
}

#[test]
fn correcting_the_source_records_both_versions_and_withdraws_approval() {
    let mut p = sample();
    p.set_target(0, "First sentence.", &stamp("ana", 0))
        .unwrap();
    p.approve(0, &stamp("mina", 10)).unwrap();
    let imported = p.source_text();

    assert!(
        p.correct_source(0, "  جمله نخست.  ", &stamp("mina", 20))
            .unwrap()
    );
    let seg = &p.segments[0];
    assert_eq!(seg.source, "جمله نخست.", "whitespace around is dropped");
    assert_eq!(seg.status, Status::Translated, "approval withdrawn");
    assert_eq!(seg.target, "First sentence.", "translation kept");
    assert_eq!(seg.original_source.as_deref(), Some("جمله اول."));
    let rev = seg.history.last().unwrap();
    assert_eq!(rev.action, Action::CorrectSource);
    assert_eq!(rev.source_before.as_deref(), Some("جمله اول."));
    assert_eq!(rev.source_after.as_deref(), Some("جمله نخست."));
    assert_eq!(
        (rev.status_before, rev.status_after),
        (Status::Approved, Status::Translated)
    );
    assert_eq!(rev.author, "mina");

    // The article as it stands joins the corrected sentences; the imported one is kept.
    assert_eq!(p.source_text(), imported.replace("جمله اول.", "جمله نخست."));
    assert_eq!(p.imported_text(), imported);

    // A second correction keeps the first original and the imported article.
    assert!(
        p.correct_source(0, "جمله یکم.", &stamp("mina", 30))
            .unwrap()
    );
    assert_eq!(p.segments[0].original_source.as_deref(), Some("جمله اول."));
    assert_eq!(p.imported_text(), imported);
    assert_eq!(p.segments[0].history.len(), 4);
    // The same text again changes nothing.
    assert!(
        !p.correct_source(0, "جمله یکم.", &stamp("mina", 40))
            .unwrap()
    );
    assert_eq!(p.segments[0].history.len(), 4);
}

#[test]
fn a_corrected_source_must_keep_text_and_paragraphs() {
    let mut p = sample();
    let before = p.clone();
    assert_eq!(
        p.correct_source(0, "  ", &stamp("mina", 0)),
        Err(EditError::EmptySource)
    );
    for broken in ["یک\nدو", "یک\r\nدو", "یک\u{2029}دو"] {
        assert_eq!(
            p.correct_source(0, broken, &stamp("mina", 0)),
            Err(EditError::LineBreakInSource)
        );
    }
    assert_eq!(
        p.correct_source(9, "x", &stamp("mina", 0)),
        Err(EditError::NoSuchSegment(9))
    );
    assert_eq!(p, before, "refusals change nothing");
}

#[test]
fn split_and_merge_carry_the_original_source() {
    let mut p = sample();
    p.correct_source(2, "پاراگراف دوم. جملهٔ بعدی.", &stamp("mina", 0))
        .unwrap();
    let split_at = "پاراگراف دوم.".len() + 1;
    p.split(2, split_at, &stamp("mina", 10)).unwrap();
    assert_eq!(
        p.segments[2].original_source.as_deref(),
        Some("پاراگراف دوم. جمله بعدی."),
        "the first part keeps the whole sentence's original"
    );
    assert_eq!(p.segments[3].original_source, None);
    p.merge_with_next(2, &stamp("mina", 20)).unwrap();
    assert_eq!(p.segments[2].source, "پاراگراف دوم. جملهٔ بعدی.");
    assert_eq!(
        p.segments[2].original_source.as_deref(),
        Some("پاراگراف دوم. جمله بعدی. جملهٔ بعدی."),
        "a merge joins the originals (or current text where there is none)"
    );
    // Merging two sentences never corrected leaves no original.
    p.merge_with_next(0, &stamp("mina", 30)).unwrap();
    assert_eq!(p.segments[0].original_source, None);
}

mod correction_properties {
    use proptest::prelude::*;

    use super::*;
    use crate::segment;

    #[derive(Clone, Debug)]
    enum Op {
        Correct(usize, String),
        Split(usize, usize),
        Merge(usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0usize..20, "[ابپتس ۱۲a.؟]{0,12}").prop_map(|(i, t)| Op::Correct(i, t)),
            (0usize..20, 0usize..80).prop_map(|(i, p)| Op::Split(i, p)),
            (0usize..20).prop_map(Op::Merge),
        ]
    }

    proptest! {
        /// Whatever corrections, splits and merges are made: the segments join back to the
        /// article as it stands (each source trimmed and non-empty, paragraphs unchanged),
        /// and the article as imported is recovered byte for byte.
        #[test]
        fn the_imported_article_is_always_recoverable(
            article in "[ابپتس ۱۲a.؟\n]{1,80}",
            ops in prop::collection::vec(op(), 0..12),
        ) {
            let seg = segment::segment(&article);
            let pieces = seg.pieces.into_iter().map(|p| (p.source, p.separator));
            let mut p = Project::new("t", seg.prefix, pieces, t0());
            prop_assume!(!p.segments.is_empty());
            let paragraphs = p.paragraph_count();
            for (k, op) in (0i64..).zip(ops) {
                let st = stamp("mina", k);
                let n = p.segments.len();
                let _ = match op {
                    Op::Correct(i, t) => p.correct_source(i % n, &t, &st).map(|_| ()),
                    Op::Split(i, pos) => {
                        let i = i % n;
                        let len = p.segments[i].source.len().max(1);
                        p.split(i, pos % len, &st).map(|_| ())
                    }
                    Op::Merge(i) => p.merge_with_next(i % n, &st),
                };
                prop_assert_eq!(p.imported_text(), article.clone());
                prop_assert_eq!(p.paragraph_count(), paragraphs);
                let mut joined = p.meta.source_prefix.clone();
                for s in &p.segments {
                    prop_assert!(!s.source.is_empty() && s.source.trim() == s.source);
                    joined.push_str(&s.source);
                    joined.push_str(&s.separator);
                }
                prop_assert_eq!(p.source_text(), joined);
            }
        }
    }
}
