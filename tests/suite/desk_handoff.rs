//! Hand-off from the desk, driven through the real UI with `egui_kittest`: the Export dialog's
//! format picker writes every format (and each file parses back), never writes over a
//! project, and File > Import XLIFF brings a file edited elsewhere back as one undo step, or
//! refuses it with the list of units and changes nothing.

use std::fs;
use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quick_xml::Reader;
use quick_xml::events::Event;
use virast::app::settings::Role;
use virast::app::{Dialog, Document, VirastApp, XliffOutcome};
use virast::export::TextOptions;
use virast::interop::Format;
use virast::interop::import_xliff::{self, Problem};
use virast::model::{Segment, Stamp, Status};

use crate::common;
use common::{SHIFT_CMD, enter_path, enter_text, harness_with, settings};

/// The sample, reviewed: sentences 1-4 approved, 5 sent back with a comment holding markup,
/// 6-8 translated, 9 untranslated; saved as `p.virast.json` in `dir`.
fn reviewed_sample(dir: &Path) -> PathBuf {
    let mut doc = Document::sample();
    let p = &mut doc.project;
    let ana = Stamp::now("Ana");
    let editor = Stamp::now("Mina");
    let english: Vec<&str> = include_str!("../fixtures/sample.en.txt").lines().collect();
    for (i, line) in english.iter().enumerate().take(8) {
        p.set_target(i, line, &ana).unwrap();
    }
    for i in 0..4 {
        p.approve(i, &editor).unwrap();
    }
    p.send_back(4, "<script>alert(1)</script> Which centres?", &editor)
        .unwrap();
    let path = dir.join("p.virast.json");
    doc.save(Some(path.clone()), false).unwrap();
    path
}

fn desk_on(path: &Path, role: Role) -> Harness<'static, VirastApp> {
    harness_with(Document::open(path).unwrap(), settings("Mina", role))
}

fn segments(h: &Harness<'static, VirastApp>) -> Vec<Segment> {
    h.state().doc.project.segments.clone()
}

/// The path field of the open Export dialog.
fn export_path(h: &Harness<'static, VirastApp>) -> String {
    match &h.state().dialog {
        Some(Dialog::Export { path, .. }) => path.clone(),
        other => panic!("the Export dialog is not open: {other:?}"),
    }
}

/// Every element name and the text inside `<seg>` elements, checking the file is well-formed.
fn xml_elements(bytes: &[u8]) -> (Vec<String>, Vec<String>) {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().check_end_names = true;
    let (mut names, mut segs) = (Vec::new(), Vec::new());
    let mut in_seg = false;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                in_seg = name == "seg";
                if in_seg {
                    segs.push(String::new());
                }
                names.push(name);
            }
            Ok(Event::Text(t)) if in_seg => {
                if let Some(last) = segs.last_mut() {
                    last.push_str(&t.xml10_content().unwrap());
                }
            }
            Ok(Event::GeneralRef(r)) if in_seg => {
                let c = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_xml_entity(&r.decode().unwrap())
                        .unwrap()
                        .to_owned(),
                };
                if let Some(last) = segs.last_mut() {
                    last.push_str(&c);
                }
            }
            Ok(Event::End(_)) => in_seg = false,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", reader.error_position()),
        }
        buf.clear();
    }
    (names, segs)
}

/// Choose `format` in the open Export dialog and click Export (to the path the dialog
/// suggests); returns the file written.
fn export_as(h: &mut Harness<'static, VirastApp>, format: Format) -> PathBuf {
    h.get_by_label(format.label()).click();
    h.run();
    let path = export_path(h);
    assert!(
        path.ends_with(&format!("p.{}", format.extension())),
        "choosing {format:?} gives {path}"
    );
    if format == Format::Tmx {
        h.get_by_label("All translated pairs, not only approved")
            .click();
        h.run();
    }
    h.get_by_label("Export").click();
    h.run();
    assert!(h.state().dialog.is_none(), "{:?}", h.state().last_notice());
    PathBuf::from(path)
}

#[test]
fn the_export_dialog_writes_every_format_and_each_file_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = reviewed_sample(dir.path());
    let mut h = desk_on(&project_path, Role::Editor);
    let project = h.state().doc.project.clone();
    let n = project.segments.len();
    assert_eq!(n, 9);

    for format in Format::ALL {
        h.key_press_modifiers(Modifiers::COMMAND, Key::E);
        h.run();
        let file = export_as(&mut h, format);
        let bytes = fs::read(&file).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        match format {
            Format::Text => assert_eq!(
                text,
                virast::export::english_text(&project, TextOptions::default())
            ),
            Format::Source => assert_eq!(bytes, virast::export::source_bytes(&project)),
            Format::Xliff | Format::Xliff12 => {
                let version = if format == Format::Xliff {
                    "2.0"
                } else {
                    "1.2"
                };
                assert!(text.contains(&format!("version=\"{version}\"")), "{text}");
                let units = import_xliff::parse(&bytes).unwrap();
                assert_eq!(units.len(), n);
                for (unit, seg) in units.iter().zip(&project.segments) {
                    assert_eq!(unit.id, seg.id.0.to_string());
                    assert_eq!(unit.source, seg.source);
                    assert_eq!(
                        (unit.target.as_deref().unwrap_or(""), unit.status),
                        (seg.target.as_str(), seg.status)
                    );
                }
                assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; Which centres?"));
            }
            Format::Tmx => {
                let (names, segs) = xml_elements(&bytes);
                assert_eq!(names.first().map(String::as_str), Some("tmx"));
                // "All translated" was ticked: the 4 approved and 3 translated pairs, never
                // the sent-back one.
                assert_eq!(names.iter().filter(|e| *e == "tu").count(), 7);
                let want: Vec<String> = project
                    .segments
                    .iter()
                    .filter(|s| matches!(s.status, Status::Approved | Status::Translated))
                    .flat_map(|s| [s.source.clone(), s.target.clone()])
                    .collect();
                assert_eq!(segs, want);
            }
            Format::Html => {
                // Polyglot markup: it reads as XML too, so its structure can be checked.
                let (names, _) =
                    xml_elements(text.trim_start_matches("<!DOCTYPE html>").as_bytes());
                assert!(names.iter().any(|e| e == "table"));
                assert_eq!(
                    text.matches("<tr id=\"s").count(),
                    n,
                    "one row per sentence"
                );
                for seg in &project.segments {
                    assert!(text.contains(&format!("dir=\"rtl\" lang=\"fa\">{}</td>", seg.source)));
                }
                assert!(
                    !names.iter().any(|e| e == "script"),
                    "the comment's script stays text"
                );
                assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
            }
        }
        let notice = h.state().last_notice().unwrap().clone();
        assert!(!notice.error, "{}", notice.text);
        assert!(notice.text.starts_with("Exported"), "{}", notice.text);
        assert!(
            notice.text.ends_with(&file.display().to_string()),
            "{}",
            notice.text
        );
    }
    assert_eq!(
        h.state().last_notice().map(|n| n.text.clone()),
        Some(format!(
            "Exported the review report (9 sentences) to {}",
            dir.path().join("p.report.html").display()
        ))
    );
    // The dialog comes back with the last format and its options.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert!(export_path(&h).ends_with("p.report.html"));
    // An export is not a change to the project.
    assert!(!h.state().doc.undo.is_dirty());
    assert_eq!(h.state().doc.project, project);
}

#[test]
fn the_text_export_can_mark_untranslated_sentences_and_tmx_warns_when_empty() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = reviewed_sample(dir.path());
    let mut h = desk_on(&project_path, Role::Editor);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("Mark untranslated sentences").click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    let text = fs::read_to_string(dir.path().join("p.en.txt")).unwrap();
    let last = &h.state().doc.project.segments[8];
    assert!(
        text.contains(&format!("[untranslated {}: {}]", last.id, last.source)),
        "{text}"
    );

    // Nothing approved: the TMX picker says the memory would be empty.
    let mut sample = Document::sample();
    sample
        .project
        .set_target(0, "Counselling centres.", &Stamp::now("Ana"))
        .unwrap();
    let mut fresh = harness_with(sample, settings("Mina", Role::Editor));
    fresh.key_press_modifiers(Modifiers::COMMAND, Key::E);
    fresh.run();
    fresh.get_by_label(Format::Tmx.label()).click();
    fresh.run();
    fresh.get_by_label_contains("No sentence is approved yet: the memory would be empty.");
    fresh
        .get_by_label("All translated pairs, not only approved")
        .click();
    fresh.run();
    assert!(
        fresh
            .query_by_label_contains("the memory would be empty")
            .is_none()
    );
    fresh.get_by_label("The file will hold 1 pair.");
}

#[test]
fn an_export_in_any_format_never_writes_over_a_project_and_asks_before_replacing() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = reviewed_sample(dir.path());
    let other_project = dir.path().join("other.json");
    fs::copy(&project_path, &other_project).unwrap();
    let project_bytes = fs::read(&project_path).unwrap();
    let mut h = desk_on(&project_path, Role::Editor);

    for format in [Format::Xliff, Format::Html, Format::Tmx] {
        for target in [&project_path, &other_project] {
            h.key_press_modifiers(Modifiers::COMMAND, Key::E);
            h.run();
            h.get_by_label(format.label()).click();
            h.run();
            enter_path(&mut h, target);
            let notice = h.state().last_notice().unwrap().clone();
            assert!(
                notice.error,
                "{format:?} onto {}: {}",
                target.display(),
                notice.text
            );
            assert!(
                matches!(&h.state().dialog, Some(Dialog::Export { error: Some(e), .. }) if *e == notice.text),
                "the dialog stays open, saying why, to choose another name"
            );
            // The reason is shown in the dialog, not only in the dimmed status line.
            assert_eq!(h.query_all_by_label(&notice.text).count(), 2);
            h.get_by_label("Cancel").click();
            h.run();
        }
    }
    assert_eq!(fs::read(&project_path).unwrap(), project_bytes);
    assert_eq!(fs::read(&other_project).unwrap(), project_bytes);

    // An ordinary file is replaced only after asking, and the question names the format.
    let notes = dir.path().join("notes.xlf");
    fs::write(&notes, "my notes").unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label(Format::Xliff.label()).click();
    h.run();
    enter_path(&mut h, &notes);
    h.get_by_label_contains("Replace it with the XLIFF 2.0 export?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(fs::read_to_string(&notes).unwrap(), "my notes");
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    enter_path(&mut h, &notes);
    h.get_by_label("Replace").click();
    h.run();
    let units = import_xliff::parse(&fs::read(&notes).unwrap()).unwrap();
    assert_eq!(units.len(), 9);
}

/// Export XLIFF 2.0 from the desk (Ctrl+E, format picker, Export); returns the file.
fn export_xliff(h: &mut Harness<'static, VirastApp>) -> PathBuf {
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    export_as(h, Format::Xliff)
}

/// File > Import XLIFF…, the path typed, Enter.
fn import_in_desk(h: &mut Harness<'static, VirastApp>, file: &Path) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import XLIFF…").click();
    h.run();
    enter_text(h, "XLIFF file:", &file.display().to_string());
}

fn outcome(h: &Harness<'static, VirastApp>) -> XliffOutcome {
    match &h.state().dialog {
        Some(Dialog::ImportXliff {
            outcome: Some(o), ..
        }) => o.clone(),
        other => panic!("no import outcome: {other:?}"),
    }
}

#[test]
fn an_xliff_edited_elsewhere_imports_back_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = reviewed_sample(dir.path());
    let mut h = desk_on(&project_path, Role::Editor);
    let before = segments(&h);
    let xlf = export_xliff(&mut h);

    // What a CAT tool does (translate-toolkit's "approve" writes `reviewed`): a target
    // changed, a unit approved.
    let (edited_id, approved_id) = (before[5].id.0, before[6].id.0);
    let old_target = before[5].target.clone();
    let xml = fs::read_to_string(&xlf)
        .unwrap()
        .replace(&xml_escape(&old_target), "The centres work well.")
        .replace(
            &format!(r#"<segment id="{approved_id}" state="translated">"#),
            &format!(r#"<segment id="{approved_id}" state="reviewed">"#),
        );
    fs::write(&xlf, xml).unwrap();

    // The dialog offers the file just exported.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import XLIFF…").click();
    h.run();
    assert_eq!(
        h.state().dialog,
        Some(Dialog::ImportXliff {
            path: xlf.display().to_string(),
            outcome: None
        })
    );
    h.get_by_label("Import").click();
    h.run();

    let XliffOutcome::Imported { file, summary } = outcome(&h) else {
        panic!("refused: {:?}", outcome(&h));
    };
    assert_eq!(file, "p.xlf");
    assert_eq!(
        (summary.targets, summary.statuses, summary.units),
        (1, 1, 9)
    );
    h.get_by_label("9 units in the file: 1 translation changed, 1 status changed (1 to Approved).");
    let after = segments(&h);
    assert_eq!(after[5].target, "The centres work well.");
    assert_eq!(after[5].status, Status::Translated);
    assert_eq!(after[6].status, Status::Approved);
    for (seg, id) in [(&after[5], edited_id), (&after[6], approved_id)] {
        assert_eq!(seg.id.0, id);
        let rev = seg.history.last().unwrap();
        assert_eq!(
            (rev.author.as_str(), rev.note.as_str()),
            ("Mina", "imported from p.xlf")
        );
    }
    // Only those two changed.
    for (i, (a, b)) in after.iter().zip(&before).enumerate() {
        if i != 5 && i != 6 {
            assert_eq!(a, b, "sentence {}", i + 1);
        }
    }
    assert!(h.state().doc.undo.is_dirty());
    assert_eq!(h.state().doc.undo.undo_label(), Some("Import XLIFF p.xlf"));

    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().dialog.is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        segments(&h),
        before,
        "one undo step takes the whole import back"
    );
    assert!(!h.state().doc.undo.is_dirty());
    h.key_press_modifiers(SHIFT_CMD, Key::Z);
    h.run();
    assert_eq!(segments(&h), after);

    // Importing the same file again changes nothing and says so.
    import_in_desk(&mut h, &xlf);
    h.get_by_label("9 units in the file: nothing to change.");
    assert_eq!(segments(&h), after);
    assert_eq!(h.state().doc.undo.undo_label(), Some("Import XLIFF p.xlf"));
}

/// The reason of a refused import, as the dialog shows it.
fn refusal(h: &Harness<'static, VirastApp>) -> String {
    match outcome(h) {
        XliffOutcome::Refused { reason, .. } => reason,
        other @ XliffOutcome::Imported { .. } => panic!("imported: {other:?}"),
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
fn a_refused_xliff_import_lists_the_units_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = reviewed_sample(dir.path());
    let mut h = desk_on(&project_path, Role::Editor);
    let before = segments(&h);
    let xlf = export_xliff(&mut h);
    let (src_id, markup_id) = (before[2].id.0, before[7].id.0);
    let xml = fs::read_to_string(&xlf)
        .unwrap()
        // A good change that must not be applied alone.
        .replace(&xml_escape(&before[5].target), "Changed.")
        // Someone edited the Persian of one unit...
        .replace(&before[2].source, "متن دیگری است.")
        // ...and a tool put a placeholder into another.
        .replace(
            &xml_escape(&before[7].target),
            r#"Text with <ph id="1"/> a placeholder."#,
        );
    fs::write(&xlf, xml).unwrap();

    import_in_desk(&mut h, &xlf);
    let XliffOutcome::Refused { problems, .. } = outcome(&h) else {
        panic!("imported: {:?}", outcome(&h));
    };
    assert_eq!(
        problems,
        vec![
            Problem::SourceDiffers {
                id: src_id.to_string(),
                project: before[2].source.clone(),
                file: "متن دیگری است.".into()
            },
            Problem::InlineMarkup {
                id: markup_id.to_string(),
                element: "ph".into()
            },
        ]
    );
    h.get_by_label("Nothing was imported from p.xlf");
    h.get_by_label(&format!(
        "Unit {src_id}: the Persian source differs from the project's"
    ));
    h.get_by_label(&format!(
        "unit {markup_id}: inline markup <ph> cannot be kept in a plain-text segment"
    ));
    assert_eq!(
        segments(&h),
        before,
        "nothing changed, not even the good unit"
    );
    assert!(!h.state().doc.undo.is_dirty());
    assert_eq!(h.state().doc.undo.undo_label(), None);
    assert!(h.state().last_notice().unwrap().error);

    // A file that is not XLIFF at all: refused with the reason.
    let text = dir.path().join("p.en.txt");
    fs::write(&text, "Just text.").unwrap();
    h.get_by_label("Close").click();
    h.run();
    import_in_desk(&mut h, &text);
    let reason = refusal(&h);
    assert!(reason.contains("not XLIFF"), "{reason}");
    h.get_by_label(&reason);
    let missing = dir.path().join("missing.xlf");
    enter_text(&mut h, "XLIFF file:", &missing.display().to_string());
    let reason = refusal(&h);
    assert!(reason.contains("cannot read"), "{reason}");
    h.get_by_label(&reason);
    assert_eq!(segments(&h), before);
}

#[test]
fn a_translator_cannot_approve_through_an_xliff_import() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = reviewed_sample(dir.path());
    let mut h = desk_on(&project_path, Role::Translator);
    let before = segments(&h);
    let xlf = export_xliff(&mut h);
    let id = before[6].id.0;
    let exported = fs::read_to_string(&xlf).unwrap();
    fs::write(
        &xlf,
        exported.replace(
            &format!(r#"<segment id="{id}" state="translated">"#),
            &format!(r#"<segment id="{id}" state="final">"#),
        ),
    )
    .unwrap();
    import_in_desk(&mut h, &xlf);
    let reason = refusal(&h);
    assert!(
        reason.contains("approves 1 sentence and sends back 0 sentences; only editors approve"),
        "{reason}"
    );
    h.get_by_label(&reason);
    assert_eq!(segments(&h), before);
    assert!(!h.state().doc.undo.is_dirty());

    // A translator's own changes (a target) come in.
    fs::write(
        &xlf,
        exported.replace(&xml_escape(&before[6].target), "A better sentence."),
    )
    .unwrap();
    h.get_by_label("Import").click();
    h.run();
    assert!(matches!(outcome(&h), XliffOutcome::Imported { .. }));
    assert_eq!(
        h.state().doc.project.segments[6].target,
        "A better sentence."
    );
    assert_eq!(h.state().doc.project.segments[6].status, Status::Translated);
}

#[test]
fn the_export_dialog_warns_that_open_conflicts_export_our_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = reviewed_sample(dir.path());
    // Someone else's version, merged in with the library: sentence 6 changed on both sides.
    let base = virast::store::load(&path).unwrap();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.set_target(5, "Ours, sentence six.", &Stamp::now("Mina"))
        .unwrap();
    theirs
        .set_target(5, "Theirs, sentence six.", &Stamp::now("Reza"))
        .unwrap();
    let merged = virast::merge::merge(&base, &ours, &theirs, chrono::Utc::now()).unwrap();
    assert_eq!(merged.project.conflict_count(), 1);
    let mut doc = Document::open(&path).unwrap();
    doc.project = merged.project;
    doc.save(None, true).unwrap();

    let mut h = desk_on(&path, Role::Editor);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert!(
        h.query_by_label_contains("1 sentence has an open merge conflict")
            .is_some(),
        "the dialog says the export holds ours"
    );
    let file = export_as(&mut h, Format::Text);
    let text = fs::read_to_string(file).unwrap();
    assert!(text.contains("Ours, sentence six.") && !text.contains("Theirs"));
}

/// Issue 28 item 4 in the desk: export XLIFF; the editor revises and approves sentence 6 in
/// the desk; the translator edits only unit 7 in the file. Import XLIFF keeps sentence 6's new
/// text and status and applies unit 7. A second file that changed unit 6 too is listed in the
/// summary with both versions and not imported.
#[test]
fn an_xliff_older_than_the_project_never_overwrites_newer_work() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = reviewed_sample(dir.path());
    let mut h = desk_on(&project_path, Role::Editor);
    let xlf = export_xliff(&mut h);
    let exported = fs::read_to_string(&xlf).unwrap();
    let before = segments(&h);

    // The editor revises sentence 6 and approves it (Ctrl+Enter).
    h.state_mut().act(virast::app::Action::Select(5));
    h.run_steps(8);
    common::replace_into(&mut h, 6, "The centres are working well.");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    let revised = segments(&h)[5].clone();
    assert_eq!(
        (revised.target.as_str(), revised.status),
        ("The centres are working well.", Status::Approved)
    );

    // The translator edits only unit 7 in the file.
    let unit7 = xml_escape(&before[6].target);
    fs::write(&xlf, exported.replace(&unit7, "Security will be tight.")).unwrap();
    import_in_desk(&mut h, &xlf);
    let XliffOutcome::Imported { summary, .. } = outcome(&h) else {
        panic!("refused: {:?}", outcome(&h));
    };
    assert_eq!((summary.targets, summary.kept_newer), (1, 1));
    assert!(summary.both_changed.is_empty());
    h.get_by_label(
        "9 units in the file: 1 translation changed, 0 statuses changed; 1 sentence changed here \
         since the export and not in the file kept as it is.",
    );
    let after = segments(&h);
    assert_eq!(
        after[5], revised,
        "sentence 6 keeps the editor's newer work"
    );
    assert_eq!(after[6].target, "Security will be tight.");
    h.get_by_label("Close").click();
    h.run();

    // Unit 6 changed in the file as well: changed on both sides, shown and not imported.
    let unit6 = xml_escape(&before[5].target);
    fs::write(
        &xlf,
        exported
            .replace(&unit7, "Security will be tight.")
            .replace(&unit6, "The centres do well."),
    )
    .unwrap();
    import_in_desk(&mut h, &xlf);
    let XliffOutcome::Imported { summary, .. } = outcome(&h) else {
        panic!("refused: {:?}", outcome(&h));
    };
    assert_eq!(summary.both_changed.len(), 1);
    assert_eq!(summary.both_changed[0].id, revised.id);
    h.get_by_label(
        "9 units in the file: nothing to change; 1 unit changed both here and in the file since \
         the export, not imported: #6.",
    );
    h.get_by_label("⚠ Not imported: 1 sentence changed both here and in the file since the export");
    h.get_by_label("Here (Approved):");
    h.get_by_label("In the file (Translated):");
    // Both versions are drawn (through our layout: one label per visual run).
    h.get_by_label_contains("The centres are working well.");
    h.get_by_label_contains("The centres do well.");
    assert_eq!(segments(&h), after, "nothing imported");
}
