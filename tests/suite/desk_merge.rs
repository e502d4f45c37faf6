//! Two people, one article (issue 13), through the real desk (`egui_kittest`): someone else
//! saves the file while it is open here; the save's conflict dialog offers "Merge their
//! changes", which takes their edits, keeps both versions where both changed a sentence, and
//! lets the user settle each conflict (Take ours / Take theirs / Edit), all undoable. Each test
//! checks the project and the file on disk.

use std::fs;
use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use virast::app::{Dialog, Document, VirastApp};
use virast::model::{ConflictKind, Project, Stamp, Status};
use virast::store;

use crate::common;
use common::{desk, editor_settings, replace_into};

/// The sample with its first three sentences translated, saved as a project file in `dir`.
fn saved_project(dir: &Path) -> PathBuf {
    let path = dir.join("article.virast.json");
    let mut doc = Document::sample();
    let stamp = Stamp::now("Mina");
    for (i, text) in [
        "The police opened counselling centres.",
        "They are in every province.",
        "Families can go there for free.",
    ]
    .into_iter()
    .enumerate()
    {
        doc.project.set_target(i, text, &stamp).unwrap();
    }
    doc.save(Some(path.clone()), false).unwrap();
    path
}

/// Reza saves the file from his own copy: he edits sentence 3 and, differently from what the
/// user will type, sentence 1.
fn reza_saves(path: &Path) {
    let mut reza = Document::open(path).unwrap();
    let stamp = Stamp::now("Reza");
    reza.project
        .set_target(0, "Police have opened counselling centres.", &stamp)
        .unwrap();
    reza.project
        .set_target(2, "Families may use them free of charge.", &stamp)
        .unwrap();
    reza.save(None, false).unwrap();
}

/// The desk on `path`; the user types into sentence 1, then Reza saves, then the user saves
/// (Ctrl+S): the conflict dialog is open.
fn desk_at_conflict(path: &Path) -> Harness<'static, VirastApp> {
    let mut h = desk(VirastApp::with_document(
        Document::open(path).unwrap(),
        editor_settings(),
    ));
    replace_into(&mut h, 1, "The police have set up counselling centres.");
    reza_saves(path);
    save(&mut h);
    assert!(
        matches!(h.state().dialog, Some(Dialog::Conflict { .. })),
        "the save found their version: {:?}",
        h.state().last_notice()
    );
    h
}

fn save(h: &mut Harness<'static, VirastApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
}

fn undo(h: &mut Harness<'static, VirastApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

fn notice(h: &Harness<'static, VirastApp>) -> String {
    h.state()
        .last_notice()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

/// The whole story: type, someone else saves, Ctrl+S, Merge their changes, Take theirs, save;
/// the file holds both people's work and no conflict; undo takes back the choice, then the
/// whole merge, exactly.
#[test]
fn merge_their_changes_then_take_theirs_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path());
    let mut h = desk_at_conflict(&path);
    let before_merge = h.state().doc.project.clone();

    h.get_by_label("Merge their changes").click();
    h.run();
    assert!(h.state().dialog.is_none(), "{}", notice(&h));
    assert!(
        notice(&h).starts_with("Merged their changes: 1 sentence from their side, 1 conflict"),
        "{}",
        notice(&h)
    );
    assert!(h.state().doc.undo.is_dirty(), "the merge is not saved yet");
    let project = h.state().doc.project.clone();
    assert_eq!(
        project.segments[2].target, "Families may use them free of charge.",
        "their edit of another sentence came in"
    );
    let conflict = project.segments[0].conflict.as_deref().expect("a conflict");
    assert_eq!(conflict.kind, ConflictKind::EditedBoth);
    assert_eq!(
        conflict.ours.target,
        "The police have set up counselling centres."
    );
    assert_eq!(
        conflict.theirs.target,
        "Police have opened counselling centres."
    );
    assert_eq!(
        project.segments[0].target, "The police have set up counselling centres.",
        "ours stands until the user chooses"
    );

    // What came from their side is shown: marker on the row, filters, both texts side by side.
    h.get_by_label("Merge conflict on sentence 1");
    h.get_by_label_contains("Ours — Mina");
    h.get_by_label_contains("Theirs — Reza");
    h.get_by_label("Police have opened counselling centres.");
    h.get_by_label("Conflicts (1)").click();
    h.run();
    assert_eq!(h.state_mut().visible_rows(), [0]);
    h.get_by_label("Conflicts (1)").click();
    h.get_by_label("From their version").click();
    h.run();
    assert_eq!(h.state_mut().visible_rows(), [0, 2]);
    h.get_by_label("From their version").click();
    h.run();
    assert_eq!(h.state_mut().visible_rows().len(), project.segments.len());

    // Take theirs: resolved, their text.
    assert_eq!(h.state().view.current, 0, "the first conflict is shown");
    h.get_by_label("Take theirs").click();
    h.run();
    let seg = h.state().doc.project.segments[0].clone();
    assert!(seg.conflict.is_none());
    assert_eq!(seg.target, "Police have opened counselling centres.");
    assert!(h.query_by_label("Merge conflict on sentence 1").is_none());

    // Saved without asking again; the file has both people's work and no conflict.
    save(&mut h);
    assert!(h.state().dialog.is_none(), "{}", notice(&h));
    assert!(notice(&h).starts_with("Saved"), "{}", notice(&h));
    assert!(!h.state().doc.undo.is_dirty());
    let on_disk = store::load(&path).unwrap();
    assert_eq!(
        on_disk.segments[0].target,
        "Police have opened counselling centres."
    );
    assert_eq!(
        on_disk.segments[2].target,
        "Families may use them free of charge."
    );
    assert_eq!(on_disk.conflict_count(), 0);

    // Undo: first the choice, then the whole merge, exactly as it was.
    undo(&mut h);
    let seg = h.state().doc.project.segments[0].clone();
    assert!(seg.conflict.is_some(), "the conflict is open again");
    assert_eq!(seg.target, "The police have set up counselling centres.");
    undo(&mut h);
    assert_eq!(
        h.state().doc.project,
        before_merge,
        "the merge undone exactly"
    );
}

/// Undoing the merge before saving forgets their version again: the next save asks again
/// instead of writing over their file.
#[test]
fn undoing_the_merge_makes_the_next_save_ask_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path());
    let mut h = desk_at_conflict(&path);
    let theirs = fs::read(&path).unwrap();
    let before_merge = h.state().doc.project.clone();
    h.get_by_label("Merge their changes").click();
    h.run();
    assert!(h.query_by_label("From their version").is_some());
    undo(&mut h);
    assert_eq!(h.state().doc.project, before_merge);
    assert!(
        h.query_by_label("From their version").is_none(),
        "the filter went with the merge"
    );
    save(&mut h);
    assert!(
        matches!(h.state().dialog, Some(Dialog::Conflict { .. })),
        "asked again: {}",
        notice(&h)
    );
    assert_eq!(fs::read(&path).unwrap(), theirs, "their file untouched");

    // Redo brings the merge back, and their version as the one known: saving writes.
    h.state_mut().dialog = None;
    h.key_press_modifiers(common::SHIFT_CMD, Key::Z);
    h.run();
    assert_eq!(h.state().doc.project.conflict_count(), 1);
    assert!(h.query_by_label("From their version").is_some());
    save(&mut h);
    assert!(h.state().dialog.is_none(), "{}", notice(&h));
    let on_disk = store::load(&path).unwrap();
    assert_eq!(
        on_disk.conflict_count(),
        1,
        "the open conflict is kept in the file"
    );
    assert_eq!(
        on_disk.segments[2].target,
        "Families may use them free of charge."
    );

    // Later, the shortcut settles it: Alt+T takes theirs, and the next save has no conflict.
    assert_eq!(h.state().view.current, 0);
    h.key_press_modifiers(Modifiers::ALT, Key::T);
    h.run();
    assert_eq!(h.state().doc.project.conflict_count(), 0, "{}", notice(&h));
    save(&mut h);
    let on_disk = store::load(&path).unwrap();
    assert_eq!(on_disk.conflict_count(), 0);
    assert_eq!(
        on_disk.segments[0].target,
        "Police have opened counselling centres."
    );
}

/// While a conflict is open, approving (Ctrl+Enter or the button) is refused; Edit writes a
/// text of one's own from their version, as one undo step.
#[test]
fn approve_is_refused_until_resolved_and_edit_resolves_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path());
    let mut h = desk_at_conflict(&path);
    h.get_by_label("Merge their changes").click();
    h.run();
    assert_eq!(h.state().view.current, 0);
    let status = h.state().doc.project.segments[0].status;

    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    assert!(
        notice(&h).starts_with("Resolve the merge conflict first"),
        "{}",
        notice(&h)
    );
    assert!(h.state().last_notice().unwrap().error);
    assert_eq!(h.state().doc.project.segments[0].status, status);
    assert!(h.state().doc.project.segments[0].conflict.is_some());

    let merged = h.state().doc.project.clone();
    h.get_by_label("Edit…").click();
    h.run();
    assert!(matches!(
        &h.state().dialog,
        Some(Dialog::ResolveConflict { index: 0, text }) if text == "The police have set up counselling centres."
    ));
    h.get_by_label("Start from theirs").click();
    h.run();
    h.get_by_label("Text to use:").focus();
    h.run();
    h.key_press(Key::End);
    h.get_by_label("Text to use:").type_text(" nationwide");
    h.run();
    h.get_by_label("Use this text").click();
    h.run();
    assert!(h.state().dialog.is_none(), "{}", notice(&h));
    let seg = h.state().doc.project.segments[0].clone();
    assert!(seg.conflict.is_none());
    assert_eq!(
        seg.target,
        "Police have opened counselling centres. nationwide"
    );
    assert_ne!(seg.status, Status::Untranslated);

    // Now approving works.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    assert_eq!(h.state().doc.project.segments[0].status, Status::Approved);

    // (Undo of an edit keeps `meta.modified`, as for every edit: compare the sentences.)
    undo(&mut h);
    undo(&mut h);
    assert_eq!(
        h.state().doc.project.segments,
        merged.segments,
        "text and resolution were one undo step"
    );
}

/// A file that is another article, or no project at all, is not merged: the dialog says why
/// and keeps its other choices; neither the file nor the project changes.
#[test]
fn merging_another_article_or_an_unreadable_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path());
    let mut h = desk(VirastApp::with_document(
        Document::open(&path).unwrap(),
        editor_settings(),
    ));
    replace_into(&mut h, 1, "Ours.");
    let ours = h.state().doc.project.clone();

    let other = Project::new(
        "Another article",
        "",
        [("باران بارید.".to_owned(), String::new())],
        chrono::Utc::now(),
    );
    let mut other_doc = Document::unsaved(other);
    other_doc.save(Some(path.clone()), true).unwrap();
    for (bytes, why) in [
        (fs::read(&path).unwrap(), "holds another article"),
        (b"{ not json".to_vec(), "Could not read their version"),
    ] {
        fs::write(&path, &bytes).unwrap();
        save(&mut h);
        assert!(matches!(h.state().dialog, Some(Dialog::Conflict { .. })));
        h.get_by_label("Merge their changes").click();
        h.run();
        assert!(notice(&h).contains(why), "{}", notice(&h));
        assert!(
            matches!(
                &h.state().dialog,
                Some(Dialog::Conflict { merge_error: Some(e), .. }) if e.contains(why)
            ),
            "the dialog stays, saying why"
        );
        assert!(
            h.query_all_by_label_contains(why).count() >= 1,
            "shown in the dialog"
        );
        h.get_by_label("Overwrite");
        h.get_by_label("Save as…");
        assert_eq!(fs::read(&path).unwrap(), bytes, "their file untouched");
        assert_eq!(h.state().doc.project, ours, "our project untouched");
        h.get_by_label("Cancel").click();
        h.run();
    }
}

/// Save as onto another project's file is not "someone else saved this file": there is no
/// common version, so no merge is offered (only another name or replacing it).
#[test]
fn no_merge_is_offered_for_save_as_onto_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path());
    let other = dir.path().join("other.virast.json");
    fs::copy(&path, &other).unwrap();
    let mut h = desk(VirastApp::with_document(
        Document::open(&path).unwrap(),
        editor_settings(),
    ));
    replace_into(&mut h, 1, "Ours.");
    h.key_press_modifiers(common::SHIFT_CMD, Key::S);
    h.run();
    common::enter_path(&mut h, &other);
    assert!(matches!(h.state().dialog, Some(Dialog::Conflict { .. })));
    h.get_by_label("Replace it");
    assert!(h.query_by_label("Merge their changes").is_none());
}
