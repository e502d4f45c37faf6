//! The review desk driven through its real UI with `egui_kittest`: widgets found by their
//! accessible labels, keys pressed as a user would, state checked on the project.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use virast::app::settings::Role;
use virast::app::{Dialog, Document, Pending, Settings, VirastApp};
use virast::model::Status;

use crate::common;
use common::{SHIFT_CMD, editor_settings, english_field, harness_with, type_into};

fn harness() -> Harness<'static, VirastApp> {
    harness_with(Document::sample(), editor_settings())
}

fn segment<'h>(harness: &'h Harness<'static, VirastApp>, i: usize) -> &'h virast::model::Segment {
    &harness.state().doc.project.segments[i]
}

#[test]
fn translate_approve_edit_withdraws_and_diff_shows_change() {
    let mut h = harness();
    type_into(
        &mut h,
        1,
        "According to Khabarresa, General Ashtari said counselling centres exist.",
    );
    assert_eq!(segment(&h, 0).status, Status::Translated);
    assert!(segment(&h, 0).target.starts_with("According to Khabarresa"));

    // Ctrl+Enter approves and moves on to sentence 2.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    assert_eq!(segment(&h, 0).status, Status::Approved);
    assert_eq!(segment(&h, 0).history.last().unwrap().author, "Mina");
    assert_eq!(h.state().view.current, 1);
    assert!(
        h.get_by_label(&english_field(2)).is_focused(),
        "focus follows"
    );

    // Editing the approved sentence withdraws the approval.
    type_into(&mut h, 1, " Seven hundred of them.");
    let seg = segment(&h, 0);
    assert_eq!(seg.status, Status::Translated);
    assert_eq!(h.state().view.current, 0);
    let approved = seg.last_approved_target().unwrap().to_owned();
    let (inserted, deleted) = virast::ui::side::diff_words(&approved, &seg.target);
    assert!(inserted.iter().any(|w| w == "hundred"), "{inserted:?}");
    assert!(deleted.is_empty() || !deleted.iter().any(|w| w == "According"));
    // The side panel shows the diff since approval.
    h.get_by_label("Changes since last approved");
    h.get_by_label_contains("Seven hundred");
}

#[test]
fn send_back_with_comment_and_filter_needs_revision() {
    let mut h = harness();
    type_into(
        &mut h,
        2,
        "He went on: one of the good things we offer is counselling.",
    );
    h.key_press_modifiers(SHIFT_CMD, Key::B);
    h.run();
    assert!(matches!(
        h.state().dialog,
        Some(Dialog::SendBack { index: 1, .. })
    ));
    // Sending back with an empty comment is not possible.
    h.get_by_label("Why does it need revision? (required)")
        .type_text("Translate \"team of singles\" literally, not as counselling.");
    h.run();
    h.get_by_label("Send back").click();
    h.run();
    let seg = segment(&h, 1);
    assert_eq!(seg.status, Status::NeedsRevision);
    assert_eq!(seg.open_comments(), 1);
    assert_eq!(seg.comments[0].author, "Mina");
    assert!(h.state().dialog.is_none());

    // The status filter, used through its combo box.
    h.get_by_label("Show:").click();
    h.run();
    h.get_by_label("Needs revision").click();
    h.run();
    assert_eq!(h.state_mut().visible_rows(), &[1]);
    assert!(h.query_by_label(&english_field(2)).is_some());
    assert!(h.query_by_label(&english_field(1)).is_none());
    assert!(h.query_by_label(&english_field(3)).is_none());
}

#[test]
fn undo_and_redo_the_approval() {
    let mut h = harness();
    type_into(&mut h, 1, "A translation.");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    assert_eq!(segment(&h, 0).status, Status::Approved);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(segment(&h, 0).status, Status::Translated);
    assert_eq!(
        segment(&h, 0).target,
        "A translation.",
        "undo took back only the approval"
    );
    assert_eq!(h.state().view.current, 0);
    h.key_press_modifiers(SHIFT_CMD, Key::Z);
    h.run();
    assert_eq!(segment(&h, 0).status, Status::Approved);
    // Undo twice more: approval, then the typing.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(segment(&h, 0).target, "");
    assert_eq!(segment(&h, 0).status, Status::Untranslated);
}

#[test]
fn translator_cannot_approve_but_marks_translated() {
    let settings = Settings {
        role: Role::Translator,
        ..editor_settings()
    };
    let mut h = harness_with(Document::sample(), settings);
    type_into(&mut h, 1, "Draft.");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    assert_eq!(segment(&h, 0).status, Status::Translated);
    assert!(h.state().last_notice().unwrap().error);
    h.key_press_modifiers(SHIFT_CMD, Key::Enter);
    h.run();
    assert_eq!(h.state().view.current, 1, "mark translated and go on");
}

#[test]
fn save_reopen_equal_and_unsaved_question_on_close() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("police.virast.json");
    let mut h = harness();
    type_into(&mut h, 1, "Saved sentence.");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    assert!(h.state().doc.undo.is_dirty());

    // Ctrl+S on a project without a file asks for a path in the window.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let field = h.get_by_label("File path:");
    field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("File path:")
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert!(h.state().dialog.is_none(), "{:?}", h.state().last_notice());
    assert!(!h.state().doc.undo.is_dirty());
    let reopened = Document::open(&path).unwrap();
    assert_eq!(reopened.project, h.state().doc.project);

    // A change, then closing the window: Save / Discard / Cancel.
    type_into(&mut h, 2, "Unsaved.");
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    assert_eq!(h.state().dialog, Some(Dialog::Unsaved(Pending::Quit)));
    h.get_by_label("Save changes?");
    h.get_by_label("Discard");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().dialog.is_none());
    assert!(!h.state().allow_close);
    // Save from the question writes the file and lets the window close.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert!(h.state().allow_close);
    let saved = Document::open(&path).unwrap();
    assert_eq!(saved.project.segments[1].target, "Unsaved.");
}

#[test]
fn comment_split_and_merge_keep_text_lossless() {
    let mut h = harness();
    let original = h.state().doc.project.source_text();
    let n = h.state().doc.project.segments.len();
    type_into(&mut h, 1, "First part.");
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run();
    h.get_by_label("Comment:")
        .type_text("Check the general's name.");
    h.run();
    h.get_by_label("Add comment").click();
    h.run();
    assert_eq!(segment(&h, 0).comments.len(), 1);

    h.state_mut().view.current = 0;
    h.key_press_modifiers(SHIFT_CMD, Key::T);
    h.run();
    h.get_by_label("Split").click();
    h.run();
    assert_eq!(h.state().doc.project.segments.len(), n + 1);
    assert_eq!(segment(&h, 0).target, "First part.");
    assert_eq!(h.state().doc.project.source_text(), original);
    h.key_press_modifiers(SHIFT_CMD, Key::J);
    h.run();
    assert_eq!(h.state().doc.project.segments.len(), n);
    assert_eq!(h.state().doc.project.source_text(), original);
    assert_eq!(segment(&h, 0).comments.len(), 1);
}

#[test]
fn search_ignores_persian_spelling_variants() {
    let mut h = harness();
    // Arabic kaf and yeh, no ZWNJ: still finds "کلانتری".
    h.get_by_label("Search:").focus();
    h.run();
    h.get_by_label("Search:").type_text("كلانتري");
    h.run();
    let rows = h.state_mut().visible_rows().to_vec();
    assert!(!rows.is_empty());
    for i in rows {
        assert!(h.state().doc.project.segments[i].source.contains("کلانتری"));
    }
}

#[test]
fn shortcuts_window_lists_every_command() {
    let mut h = harness();
    h.key_press(Key::F1);
    h.run();
    for cmd in virast::app::Command::ALL {
        assert!(
            h.query_all_by_label(cmd.label()).next().is_some(),
            "{cmd:?} missing"
        );
    }
}

#[test]
fn row_heights_follow_their_content() {
    let h = harness();
    let heights = &h.state().row_heights;
    // Sentence 4 is one short line on both sides; sentence 1 wraps to several lines.
    let short = heights.height_of(3).expect("sentence 4 is on screen");
    let long = heights.height_of(0).expect("sentence 1 is on screen");
    assert!(short < 80.0, "a one-line row is {short} high");
    assert!(long > 2.0 * short, "{long} vs {short}");
}

/// A project of `n` sentences cycled from the sample article.
fn big_document(n: usize) -> Document {
    let sample = Document::sample().project;
    let pieces = (0..n).map(|i| {
        let seg = &sample.segments[i % sample.segments.len()];
        (seg.source.clone(), " ".to_owned())
    });
    Document::unsaved(virast::model::Project::new(
        "big",
        "",
        pieces,
        chrono::Utc::now(),
    ))
}

#[test]
fn scrolling_a_large_project_keeps_rows_apart() {
    let mut h = harness_with(big_document(2_000), editor_settings());
    h.hover_at(egui::pos2(400.0, 400.0));
    for _ in 0..30 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -120.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
    // Every English field on screen lies below the one before, without overlap, and only
    // rows near the viewport were laid out.
    let mut fields: Vec<(usize, egui::Rect)> = (1..=2_000)
        .filter_map(|n| {
            h.query_by_label(&english_field(n))
                .map(|node| (n, node.rect()))
        })
        .collect();
    fields.sort_by_key(|(n, _)| *n);
    assert!(
        fields.len() >= 3 && fields.len() < 40,
        "{} rows drawn",
        fields.len()
    );
    assert!(fields[0].0 > 10, "scrolled past the start: {}", fields[0].0);
    for pair in fields.windows(2) {
        let ((a, ra), (b, rb)) = (pair[0], pair[1]);
        assert_eq!(b, a + 1);
        assert!(
            ra.bottom() <= rb.top(),
            "rows {a} and {b} overlap: {ra:?} {rb:?}"
        );
    }
    assert!(h.state().row_heights.measured() < 200);
}

#[test]
fn opening_a_damaged_file_reports_it_and_keeps_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.virast.json");
    let damaged = "{\"format\": \"virast-project\", \"version\": 1, \"meta\": {";
    std::fs::write(&path, damaged).unwrap();
    let mut h = harness();
    type_into(&mut h, 1, "Keep me.");
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("File path:")
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("Open").click();
    h.run();
    // Unsaved changes are asked about first; discard them to try the open.
    h.get_by_label("Discard").click();
    h.run();
    let notice = h.state().last_notice().unwrap().clone();
    assert!(notice.error);
    assert!(
        notice.text.contains("broken.virast.json"),
        "{}",
        notice.text
    );
    assert!(notice.text.contains("line"), "{}", notice.text);
    h.get_by_label_contains("broken.virast.json");
    assert_eq!(h.state().doc.project.segments[0].target, "Keep me.");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        damaged,
        "the file is untouched"
    );
}

#[test]
fn newer_autosave_is_offered_for_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recover.virast.json");
    let mut doc = Document::sample();
    doc.save(Some(path.clone()), false).unwrap();
    // A later session typed, autosaved, and crashed before saving.
    let mut crashed = Document::open(&path).unwrap();
    let stamp = virast::model::Stamp::now("Sara");
    crashed
        .project
        .set_target(0, "Autosaved work.", &stamp)
        .unwrap();
    let opened = virast::store::open(&path).unwrap();
    let sidecar = virast::store::autosave::sidecar_path(&path, "Mina");
    virast::store::autosave::write_sidecar(
        &sidecar,
        &crashed.project,
        opened.file.base().as_deref(),
        "Mina",
    )
    .unwrap();

    let app = VirastApp::start_with(Some(path.clone()), editor_settings(), None);
    assert_eq!(app.dialog, Some(Dialog::Recovery));
    let mut h = common::desk(app);
    h.get_by_label("Recover unsaved work?");
    h.get_by_label("Recover autosave").click();
    h.run();
    assert_eq!(segment(&h, 0).target, "Autosaved work.");
    assert!(
        h.state().doc.undo.is_dirty(),
        "recovered work is not saved yet"
    );
    assert_eq!(
        Document::open(&path).unwrap().project.segments[0].target,
        "",
        "the file itself is untouched until the user saves"
    );
}

#[test]
fn saving_over_someone_elses_save_asks_instead_of_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.virast.json");
    Document::sample().save(Some(path.clone()), false).unwrap();
    let mut h = harness_with(Document::open(&path).unwrap(), editor_settings());
    type_into(&mut h, 1, "Mine.");
    // A colleague saves the same file meanwhile.
    let mut theirs = Document::open(&path).unwrap();
    let stamp = virast::model::Stamp::now("Sara");
    theirs.project.set_target(1, "Theirs.", &stamp).unwrap();
    theirs.save(None, false).unwrap();
    let their_bytes = std::fs::read(&path).unwrap();

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(matches!(h.state().dialog, Some(Dialog::Conflict { .. })));
    h.get_by_label("The file changed on disk");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        their_bytes,
        "their save is intact"
    );
    // Reload theirs: my unsaved edit goes, theirs is shown.
    h.get_by_label("Reload theirs").click();
    h.run();
    assert_eq!(segment(&h, 1).target, "Theirs.");
}

#[test]
fn zoom_and_theme_and_swap_from_keys_and_menus() {
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    assert!((h.state().settings.zoom - 1.2).abs() < 1e-4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert!((h.state().settings.zoom - 1.0).abs() < 1e-4);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Swap Persian and English columns").click();
    h.run();
    assert!(h.state().settings.swap_columns);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Dark / light theme").click();
    h.run();
    assert_eq!(
        h.state().settings.theme,
        virast::app::settings::ThemeChoice::Light
    );
}
