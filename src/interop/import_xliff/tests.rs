use chrono::{TimeZone, Utc};
use proptest::prelude::*;

use super::*;
use crate::interop::test_project;
use crate::interop::xliff::{xliff12, xliff20};

fn stamp() -> Stamp {
    Stamp {
        author: "importer".into(),
        time: Utc
            .with_ymd_and_hms(2026, 11, 29, 10, 0, 0)
            .single()
            .unwrap_or_default(),
    }
}

fn exported(p: &Project, v12: bool) -> String {
    let bytes = if v12 { xliff12(p) } else { xliff20(p) };
    String::from_utf8(bytes.unwrap_or_else(|e| panic!("{e}"))).unwrap_or_default()
}

#[test]
fn both_versions_round_trip_without_changes() {
    for v12 in [false, true] {
        let original = test_project::sample();
        let mut p = original.clone();
        let units = parse(exported(&p, v12).as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(units.len(), 4);
        let statuses: Vec<Status> = units.iter().map(|u| u.status).collect();
        assert_eq!(
            statuses,
            [
                Status::Approved,
                Status::Translated,
                Status::NeedsRevision,
                Status::Untranslated
            ]
        );
        // The carriage return came back through the character reference.
        assert_eq!(
            units[1].target.as_deref(),
            Some("A & B <i> line one\r\nline two")
        );
        let plan = import(
            &mut p,
            exported(&original, v12).as_bytes(),
            "t.xlf",
            &stamp(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((plan.units, plan.changes.len()), (4, 0));
        assert_eq!(p, original, "v12 = {v12}");
    }
}

#[test]
fn an_edited_file_updates_targets_and_statuses_with_history() {
    let mut p = test_project::sample();
    let xml = exported(&p, false)
        .replace(
            r#"<segment id="2" state="translated">"#,
            r#"<segment id="2" state="final">"#,
        )
        .replace("Reason 400.", "Reason: 400,000.")
        .replace(
            r#"<segment id="4" state="initial">"#,
            r#"<segment id="4" state="translated">"#,
        )
        .replace(
            "<source xml:space=\"preserve\">بدون ترجمه.</source>",
            "<source xml:space=\"preserve\">بدون ترجمه.</source><target>Not translated.</target>",
        );
    let plan =
        import(&mut p, xml.as_bytes(), "back.xlf", &stamp()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plan.changes.len(), 3);
    let s = &p.segments;
    assert_eq!(s[1].status, Status::Approved);
    assert_eq!(
        s[1].last_approved_target(),
        Some("A & B <i> line one\r\nline two")
    );
    assert_eq!(
        (s[2].target.as_str(), s[2].status),
        ("Reason: 400,000.", Status::NeedsRevision)
    );
    assert_eq!(
        (s[3].target.as_str(), s[3].status),
        ("Not translated.", Status::Translated)
    );
    for seg in &s[1..4] {
        let last = seg.history.last().unwrap_or_else(|| panic!("no history"));
        assert_eq!(last.note, "imported from back.xlf");
        assert_eq!(last.author, "importer");
        assert_eq!(last.target_after, seg.target);
    }
    assert_eq!(
        s[1].history.last().map(|r| &r.action),
        Some(&Action::Approve)
    );
    assert_eq!(s[2].history.last().map(|r| &r.action), Some(&Action::Edit));
    assert_eq!(p.meta.modified, stamp().time);
}

#[test]
fn the_summary_counts_targets_statuses_and_reviewer_actions() {
    let p = test_project::sample();
    let xml = exported(&p, false)
        // An approval, an edit of the sent-back sentence (stays sent back), a translation.
        .replace(
            r#"<segment id="2" state="translated">"#,
            r#"<segment id="2" state="reviewed">"#,
        )
        .replace("Reason 400.", "Reason: 400,000.")
        .replace(
            "<source xml:space=\"preserve\">بدون ترجمه.</source>",
            "<source xml:space=\"preserve\">بدون ترجمه.</source><target>Not translated.</target>",
        );
    let units = parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let plan = plan(&p, &units).unwrap_or_else(|e| panic!("{e}"));
    let summary = plan.summary(&p);
    assert_eq!(
        summary,
        Summary {
            units: 4,
            targets: 2,
            statuses: 2,
            status_to: vec![(Status::Translated, 1), (Status::Approved, 1)],
            approvals: 1,
            send_backs: 0,
            kept_without_target: 0,
        }
    );
    assert_eq!(summary.changed(), 2);
    assert_eq!(plan.changed_range(), Some(1..=3));
    assert_eq!(
        summary.to_string(),
        "4 units in the file: 2 translations changed, 2 statuses changed (1 to Translated, 1 to Approved)."
    );
    // Sending back an approved sentence, and approving it with a new text, are reviewer acts.
    let xml = exported(&p, false)
        .replace(
            r#"<segment id="1" state="final">"#,
            r#"<segment id="1" state="initial" subState="virast:needs-revision">"#,
        )
        .replace("A &amp; B", "A and B")
        .replace(
            r#"<segment id="2" state="translated">"#,
            r#"<segment id="2" state="final">"#,
        );
    let units = parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let s = super::plan(&p, &units)
        .unwrap_or_else(|e| panic!("{e}"))
        .summary(&p);
    assert_eq!((s.approvals, s.send_backs, s.targets), (1, 1, 1));
    let unchanged = super::plan(
        &p,
        &parse(exported(&p, true).as_bytes()).unwrap_or_default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(unchanged.changed_range(), None);
    assert_eq!(
        unchanged.summary(&p).to_string(),
        "4 units in the file: nothing to change."
    );
}

#[test]
fn xliff12_approval_and_states_import() {
    let mut p = test_project::sample();
    let xml = exported(&p, true)
        .replace(
            r#"<trans-unit id="2" xml:space="preserve">"#,
            r#"<trans-unit id="2" xml:space="preserve" approved="yes">"#,
        )
        .replace(
            r#"<target state="needs-review-translation">Reason 400.</target>"#,
            r#"<target state="translated">Reason 400,000.</target>"#,
        );
    import(&mut p, xml.as_bytes(), "b.xliff", &stamp()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.segments[1].status, Status::Approved);
    assert_eq!(
        (p.segments[2].status, p.segments[2].target.as_str()),
        (Status::Translated, "Reason 400,000.")
    );
}

#[test]
fn a_changed_source_or_unknown_id_refuses_everything_with_a_list() {
    let original = test_project::sample();
    let mut p = original.clone();
    let xml = exported(&p, false)
        .replace("Hello world.", "Hi world.")
        .replace("دلیل ۴۰۰ هزار.", "دلیل ۵۰۰ هزار.")
        .replace(r#"<unit id="4">"#, r#"<unit id="99">"#)
        .replace(r#"<segment id="4""#, r#"<segment id="99""#);
    let err = import(&mut p, xml.as_bytes(), "x.xlf", &stamp()).err();
    let Some(ImportError::Problems(problems)) = err else {
        panic!("expected problems, got {err:?}");
    };
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        matches!(&problems[0], Problem::SourceDiffers { id, file, .. } if id == "3" && file == "دلیل ۵۰۰ هزار.")
    );
    assert_eq!(problems[1], Problem::UnknownId("99".into()));
    let message = ImportError::Problems(problems).to_string();
    assert!(
        message.contains("unit 3: the source differs") && message.contains("unit 99"),
        "{message}"
    );
    assert_eq!(
        p, original,
        "a refused import changes nothing, not even the good units"
    );
}

#[test]
fn inline_markup_is_refused_with_the_unit_id_never_dropped() {
    let mut p = test_project::sample();
    let original = p.clone();
    let xml = exported(&p, false).replace("Hello world.", r#"Hello <pc id="1">world</pc>."#);
    let err = import(&mut p, xml.as_bytes(), "m.xlf", &stamp()).err();
    assert!(
        matches!(&err, Some(ImportError::Problems(v)) if v == &[Problem::InlineMarkup { id: "1".into(), element: "pc".into() }]),
        "{err:?}"
    );
    let xml = exported(&p, true).replace("Reason 400.", r#"Reason <x id="a"/>400."#);
    let err = import(&mut p, xml.as_bytes(), "m.xliff", &stamp()).err();
    assert!(err.is_some_and(|e| e.to_string().contains("unit 3: inline markup <x>")));
    assert_eq!(p, original);
}

#[test]
fn alt_trans_and_missing_targets_do_not_touch_translations() {
    let mut p = test_project::sample();
    let original = p.clone();
    // A tool's suggestion (alt-trans) is not the target; a unit without a target keeps the
    // segment's translation.
    let xml = exported(&p, true)
        .replace(
            "<note from=\"editor\"",
            "<alt-trans><source>دلیل</source><target>Machine suggestion</target></alt-trans><note from=\"editor\"",
        )
        .replace(r#"<target state="translated">A &amp; B &lt;i&gt; line one&#13;
line two</target>"#, "");
    let plan =
        import(&mut p, xml.as_bytes(), "a.xliff", &stamp()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((plan.changes.len(), plan.kept_without_target), (0, 1));
    assert_eq!(p, original);
}

#[test]
fn not_xliff_or_broken_files_are_refused() {
    let mut p = test_project::sample();
    let cases: [(&[u8], &str); 4] = [
        (b"<tmx version=\"1.4\"/>", "root element is <tmx>"),
        (b"<xliff version=\"3.0\"/>", "version 3.0"),
        (b"<xliff version=\"2.0\"><file>", "not well-formed"),
        (b"\xff\xfe<", "not UTF-8"),
    ];
    for (bytes, expected) in cases {
        let err = import(&mut p, bytes, "x", &stamp())
            .err()
            .map(|e| e.to_string());
        assert!(
            err.as_deref().is_some_and(|e| e.contains(expected)),
            "{err:?} lacks {expected}"
        );
    }
}

/// A project made by the model's own operations from random choices: an article of random
/// sentences (XML-special characters, Persian, ZWNJ, quotes) with random separators (spaces,
/// LF, CRLF, blank lines), then random edits, approvals, send-backs, comments (resolved or
/// not), splits and merges, so ids are not contiguous and every status occurs.
fn arb_project() -> impl Strategy<Value = Project> {
    let sentence = "[a-zA-Z0-9 ,<>&'\"\u{600}-\u{6ff}\u{200c}]{1,16}[.!?\u{61f}]";
    let separator = prop_oneof![Just(" "), Just("\n"), Just("\r\n"), Just("\n\n")];
    let text = "[a-zA-Z0-9 ,.<>&'\"\u{600}-\u{6ff}\u{200c}\t\r\n]{0,24}";
    let ops = proptest::collection::vec((0u8..8, 0usize..16, text, "[ -~]{1,12}"), 1..12);
    (proptest::collection::vec((sentence, separator), 1..8), ops).prop_map(|(sentences, ops)| {
        let article: String = sentences
            .iter()
            .flat_map(|(sentence, sep)| [sentence.as_str(), *sep])
            .collect();
        let mut p = crate::import::decode(article.as_bytes(), std::path::Path::new("a.txt"))
            .unwrap_or_else(|e| panic!("{e}"))
            .into_project("p", stamp().time);
        let ana = Stamp {
            author: "ana".into(),
            time: stamp().time,
        };
        for (op, at, target, comment) in ops {
            let i = at % p.segments.len();
            let _ = p.set_target(i, &target, &ana);
            // Refused operations (approving an empty target, merging the last sentence)
            // simply leave the project as it is.
            let _ = match op {
                0 => p.approve(i, &ana).map(drop),
                1 => p.mark_translated(i, &ana).map(drop),
                2 => p.send_back(i, &comment, &ana),
                3 => p.add_comment(i, &comment, &ana).map(drop),
                4 => {
                    let pos = crate::segment::default_split_pos(&p.segments[i].source);
                    p.split(i, pos, &ana).map(drop)
                }
                5 => p.merge_with_next(i, &ana),
                6 => match p.segments[i].comments.first().map(|c| c.id) {
                    Some(id) => p.set_comment_resolved(i, id, true, &ana).map(drop),
                    None => Ok(()),
                },
                _ => Ok(()),
            };
        }
        p
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn export_then_import_leaves_the_project_unchanged(p in arb_project(), v12 in any::<bool>()) {
        prop_assert!(p.validate().is_ok(), "the generator made an invalid project");
        let mut back = p.clone();
        let plan = import(&mut back, exported(&p, v12).as_bytes(), "p.xlf", &stamp())
            .unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(plan.changes.len(), 0);
        prop_assert_eq!(back, p);
    }
}
