use chrono::{TimeZone, Utc};
use proptest::prelude::*;

use super::*;
use crate::interop::record;
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
            ..Summary::default()
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
        .replace(r#"<unit id="4" "#, r#"<unit id="99" "#)
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

/// Issue 28 item 4, the scenario: export; the editor revises and approves #2 in the project;
/// the translator edits only unit 3 in the file. The import keeps #2's new text and status and
/// applies unit 3 (both XLIFF versions).
#[test]
fn a_stale_file_never_overwrites_newer_work() {
    for v12 in [false, true] {
        let mut p = test_project::sample();
        let xml = exported(&p, v12).replace("Reason 400.", "The reason: 400,000.");
        let editor = Stamp {
            author: "editor".into(),
            time: stamp().time,
        };
        assert!(p.set_target(1, "A and B, line one.", &editor).is_ok());
        assert!(p.approve(1, &editor).is_ok());
        let before = p.clone();

        let plan =
            import(&mut p, xml.as_bytes(), "t.xlf", &stamp()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(plan.changes.len(), 1, "v12 = {v12}");
        assert_eq!(plan.kept_newer, 1);
        assert!(plan.both_changed.is_empty());
        assert_eq!(
            (p.segments[1].target.as_str(), p.segments[1].status),
            ("A and B, line one.", Status::Approved),
            "v12 = {v12}: #2 keeps the editor's newer work"
        );
        assert_eq!(p.segments[1].history, before.segments[1].history);
        assert_eq!(p.segments[2].target, "The reason: 400,000.");
        // Unit 3 was sent back; a new text in the file keeps the state it was exported with.
        assert_eq!(p.segments[2].status, Status::NeedsRevision);
        assert_eq!(
            plan.summary(&before).to_string(),
            "4 units in the file: 1 translation changed, 0 statuses changed; 1 sentence changed \
             here since the export and not in the file kept as it is."
        );
    }
}

/// A unit changed both in the file and in the project since the export is reported with both
/// versions and not applied; the rest of the file is.
#[test]
fn a_unit_changed_on_both_sides_is_reported_not_applied() {
    for v12 in [false, true] {
        let mut p = test_project::sample();
        let xml = exported(&p, v12)
            .replace("Reason 400.", "The reason: 400,000.")
            .replace("Hello world.", "Hello, world.");
        let editor = Stamp {
            author: "editor".into(),
            time: stamp().time,
        };
        assert!(p.set_target(2, "Reason: 400,000.", &editor).is_ok());
        let before = p.clone();
        let plan = plan_file(&p, xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            plan.both_changed,
            [BothChanged {
                id: SegmentId(3),
                index: 2,
                project_target: "Reason: 400,000.".into(),
                project_status: before.segments[2].status,
                file_target: "The reason: 400,000.".into(),
                file_status: Status::NeedsRevision,
            }],
            "v12 = {v12}"
        );
        assert_eq!(plan.changes.len(), 1);
        assert_eq!(plan.changes[0].index, 0);
        let summary = plan.summary(&p);
        assert!(
            summary.to_string().ends_with(
                "; 1 unit changed both here and in the file since the export, not imported: #3."
            ),
            "{summary}"
        );
        apply(&mut p, &plan, "t.xlf", &stamp());
        assert_eq!(p.segments[2], before.segments[2], "not applied");
        assert_eq!(p.segments[0].target, "Hello, world.");

        // The same change made on both sides is no conflict: nothing to do.
        let mut same = before.clone();
        assert!(same.set_target(2, "The reason: 400,000.", &editor).is_ok());
        let plan = plan_file(&same, xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert!(plan.both_changed.is_empty());
        assert_eq!(plan.changes.len(), 1);
    }
}

/// A file without records (another tool's, an export older than the records) is imported as
/// the file says, as before: every unit that differs is applied.
#[test]
fn a_file_without_records_is_applied_as_it_says() {
    for v12 in [false, true] {
        let mut p = test_project::sample();
        let xml = exported(&p, v12);
        let stripped = strip_records(&xml);
        assert!(!stripped.contains("virast:exported") && !stripped.contains("x-virast"));
        assert!(record::read(stripped.as_bytes()).is_empty());
        assert_eq!(record::read(xml.as_bytes()).len(), p.segments.len());
        let editor = Stamp {
            author: "editor".into(),
            time: stamp().time,
        };
        assert!(p.set_target(1, "A and B, line one.", &editor).is_ok());
        let plan = plan_file(&p, stripped.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((plan.changes.len(), plan.kept_newer), (1, 0), "v12 = {v12}");
        assert!(plan.both_changed.is_empty());
        let plan = plan_file(&p, xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((plan.changes.len(), plan.kept_newer), (0, 1), "v12 = {v12}");
    }
}

/// The export's XML without Virast's records (as another tool would write it).
fn strip_records(xml: &str) -> String {
    const ATTRIBUTE: &str = " virast:exported=\"";
    let mut out = xml.replace(&format!(r#" xmlns:virast="{}""#, record::NS_VIRAST), "");
    while let Some(start) = out.find(ATTRIBUTE) {
        let value = start + ATTRIBUTE.len();
        let end = out[value..].find('"').map_or(out.len(), |q| value + q + 1);
        out.replace_range(start..end, "");
    }
    out.lines()
        .filter(|l| !l.contains("context-group") && !l.contains("x-virast-exported"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The records are read under any prefix bound to Virast's namespace, and not under another
/// namespace.
#[test]
fn records_are_read_by_namespace_not_by_prefix() {
    let p = test_project::sample();
    let xml = exported(&p, false);
    let renamed = xml
        .replace("xmlns:virast=", "xmlns:ns0=")
        .replace("virast:exported=", "ns0:exported=");
    assert_eq!(
        record::read(renamed.as_bytes()),
        record::read(xml.as_bytes())
    );
    let foreign = xml.replace(record::NS_VIRAST, "urn:example:other");
    assert!(record::read(foreign.as_bytes()).is_empty());
    assert_eq!(
        record::read(xml.as_bytes()).get(SegmentId(2)),
        Some(record::of_segment(&p.segments[1]).as_str())
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Whatever the project does after an export (edits, approvals, send-backs), importing the
    /// untouched file changes nothing and reports no conflict.
    #[test]
    fn an_untouched_export_never_changes_a_project_edited_since(
        p in arb_project(),
        v12 in any::<bool>(),
        edits in arb_edits(),
    ) {
        let xml = exported(&p, v12);
        let later = edited_by(&p, "editor", &edits);
        let mut back = later.clone();
        let plan = import(&mut back, xml.as_bytes(), "p.xlf", &stamp())
            .unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(plan.changes.len(), 0);
        prop_assert!(plan.both_changed.is_empty());
        prop_assert_eq!(back, later);
    }
}

/// Random edits, approvals and send-backs on `p` by `who` (refused ones leave it as it is).
fn edited_by(p: &Project, who: &str, edits: &[(u8, usize, String)]) -> Project {
    let mut p = p.clone();
    let stamp = Stamp {
        author: who.into(),
        time: stamp().time,
    };
    for (op, at, text) in edits {
        let i = at % p.segments.len();
        let _ = match op {
            0 => p.set_target(i, text, &stamp).map(drop),
            1 => p.approve(i, &stamp).map(drop),
            2 => p.send_back(i, "why?", &stamp),
            _ => p.mark_translated(i, &stamp).map(drop),
        };
    }
    p
}

fn arb_edits() -> impl Strategy<Value = Vec<(u8, usize, String)>> {
    proptest::collection::vec((0u8..4, 0usize..16, "[a-zA-Z ,.]{0,12}"), 0..8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Both sides edit after the export (the translator in the file, the editor in the
    /// project): a sentence the project changed since the export is never overwritten, and a
    /// unit only the file changed is applied.
    #[test]
    fn work_done_in_the_project_since_the_export_is_never_overwritten(
        p in arb_project(),
        v12 in any::<bool>(),
        in_file in arb_edits(),
        in_project in arb_edits(),
    ) {
        let records = record::read(exported(&p, v12).as_bytes());
        let file_side = edited_by(&p, "translator", &in_file);
        let units = parse(exported(&file_side, v12).as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let later = edited_by(&p, "editor", &in_project);
        let plan = plan_with(&later, &units, &records).unwrap_or_else(|e| panic!("{e}"));
        let mut result = later.clone();
        apply(&mut result, &plan, "p.xlf", &stamp());
        for (i, (seg, old)) in result.segments.iter().zip(&p.segments).enumerate() {
            let exported_fp = record::of_segment(old);
            let file_fp = record::of_segment(&file_side.segments[i]);
            let project_fp = record::of_segment(&later.segments[i]);
            // A unit without a target leaves a translation as it is (the rule for any file).
            let no_target = units[i].target.is_none();
            if project_fp != exported_fp {
                prop_assert_eq!(seg, &later.segments[i], "sentence {} changed here was overwritten", i + 1);
                // Changed on both sides (to different things) is listed, unless the file has no
                // target for it at all (then the project's translation is kept as it is).
                let listed = plan.both_changed.iter().any(|b| b.index == i);
                let differs = file_fp != exported_fp && file_fp != project_fp;
                prop_assert!(listed == differs || (differs && no_target), "sentence {}", i + 1);
            } else if file_fp != exported_fp && !no_target {
                prop_assert_eq!(record::of_segment(seg), file_fp, "sentence {} not applied", i + 1);
            }
        }
    }
}
