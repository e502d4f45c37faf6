//! "Nothing is lost", proven through the real desk (`egui_kittest`): one test per way work could
//! be destroyed or shown wrong (issue 8, cases 1 to 10). Each test drives the app as a user
//! would and checks the files on disk and the project state afterwards.

use std::fs;
use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use virast::app::settings::Role;
use virast::app::{Action, Command, Dialog, Document, Pending, VirastApp};

use crate::common;
use common::{SHIFT_CMD, close_window, desk, enter_path, settings, type_into};

fn editor() -> virast::app::Settings {
    common::editor_settings()
}

fn desk_on(doc: Document, settings: virast::app::Settings) -> Harness<'static, VirastApp> {
    common::harness_with(doc, settings)
}
use virast::model::{Project, Stamp, Status};
use virast::store::autosave;

/// The sample saved as a project file in `dir`.
fn saved_sample(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    Document::sample().save(Some(path.clone()), false).unwrap();
    path
}

/// Autosave now, whatever the interval, and wait for the file.
fn autosave_now(h: &mut Harness<'static, VirastApp>) {
    h.state_mut().settings.autosave_secs = 0;
    h.run();
    h.state_mut().doc.finish_autosave().unwrap();
    h.state_mut().settings.autosave_secs = 30;
}

fn sidecars_of(path: &Path) -> Vec<PathBuf> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut found: Vec<PathBuf> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{name}.autosave"))
        })
        .collect();
    found.sort();
    found
}

/// Case 1: Ctrl+E and the path of the open project (or any project) never replaces it; an
/// ordinary existing file is replaced only after asking.
#[test]
fn export_never_writes_over_a_project_and_asks_before_replacing() {
    let dir = tempfile::tempdir().unwrap();
    let project = saved_sample(dir.path(), "a.virast.json");
    let other = saved_sample(dir.path(), "b.json");
    let project_bytes = fs::read(&project).unwrap();
    let other_bytes = fs::read(&other).unwrap();
    let mut h = desk_on(Document::open(&project).unwrap(), editor());

    for target in [&project, &other] {
        h.key_press_modifiers(Modifiers::COMMAND, Key::E);
        h.run();
        enter_path(&mut h, target);
        let notice = h.state().last_notice().unwrap().clone();
        assert!(notice.error, "refused: {}", notice.text);
        assert!(!notice.text.starts_with("Exported"), "{}", notice.text);
        h.state_mut().dialog = None;
    }
    assert_eq!(fs::read(&project).unwrap(), project_bytes, "project intact");
    assert_eq!(
        fs::read(&other).unwrap(),
        other_bytes,
        "other project intact"
    );

    // An ordinary file: asked first; Cancel leaves it, Replace writes the English.
    let notes = dir.path().join("notes.txt");
    fs::write(&notes, "my notes").unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    enter_path(&mut h, &notes);
    assert!(matches!(
        h.state().dialog,
        Some(Dialog::ReplaceExport { .. })
    ));
    h.get_by_label("Replace the existing file?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(fs::read_to_string(&notes).unwrap(), "my notes");
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    enter_path(&mut h, &notes);
    h.get_by_label("Replace").click();
    h.run();
    assert!(h.state().dialog.is_none());
    assert_ne!(fs::read_to_string(&notes).unwrap(), "my notes");
    assert!(
        h.state()
            .last_notice()
            .unwrap()
            .text
            .starts_with("Exported")
    );
}

/// A crashed session's autosave beside `path` (the name and plain format older builds wrote),
/// dated clearly after the file.
fn crashed_session_autosave(path: &Path, target: &str) -> PathBuf {
    let mut crashed = Document::open(path).unwrap();
    crashed
        .project
        .set_target(0, target, &Stamp::now("Mina"))
        .unwrap();
    let side = path.with_file_name(format!(
        "{}.autosave",
        path.file_name().unwrap().to_string_lossy()
    ));
    virast::store::write_file(&side, &virast::store::to_json(&crashed.project).unwrap()).unwrap();
    let saved_at = fs::metadata(path).unwrap().modified().unwrap();
    fs::File::options()
        .write(true)
        .open(&side)
        .unwrap()
        .set_modified(saved_at + std::time::Duration::from_secs(2))
        .unwrap();
    side
}

/// Case 2: quitting (or closing the window) at the recovery question keeps the autosave, and
/// "Decide later" keeps it too.
#[test]
fn quitting_at_the_recovery_question_keeps_the_autosave() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_sample(dir.path(), "r.virast.json");
    let side = crashed_session_autosave(&path, "Crashed session's work.");

    let mut h = desk(VirastApp::start_with(Some(path.clone()), editor(), None));
    assert_eq!(h.state().dialog, Some(Dialog::Recovery));
    h.get_by_label("Recover unsaved work?");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    close_window(&mut h);
    assert!(side.exists(), "the crashed session's work is still on disk");

    let mut h = desk(VirastApp::start_with(Some(path.clone()), editor(), None));
    h.get_by_label("Decide later").click();
    h.run();
    assert!(h.state().dialog.is_none());
    close_window(&mut h);
    assert!(h.state().allow_close || !h.state().doc.undo.is_dirty());
    assert!(side.exists(), "kept for later");
    let again = VirastApp::start_with(Some(path.clone()), editor(), None);
    assert_eq!(again.dialog, Some(Dialog::Recovery), "offered again");
    assert_eq!(
        again.recoveries[0].project.segments[0].target,
        "Crashed session's work."
    );
}

/// Case 3: a project that never had a file is autosaved to the recovery folder, offered at the
/// next start with its title and counts, and its autosave goes once it is saved elsewhere or
/// discarded (and stays on "Decide later").
#[test]
fn unsaved_project_autosave_is_offered_at_start_and_cleaned_after_save() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let mut h = desk(VirastApp::start_with(None, editor(), Some(rec.clone())));
    type_into(&mut h, 1, "Never saved work.");
    autosave_now(&mut h);
    let side = h.state().doc.own_sidecar().unwrap().to_path_buf();
    assert!(side.starts_with(&rec) && side.exists());
    drop(h); // the session dies without saving

    // Later: offered, and left alone.
    let mut h = desk(VirastApp::start_with(None, editor(), Some(rec.clone())));
    assert_eq!(h.state().dialog, Some(Dialog::Recovery));
    h.get_by_label_contains("9 sentences, 1 translated");
    assert_eq!(
        h.state().recoveries[0].project.meta.title,
        "Police counselling centres (sample)"
    );
    h.get_by_label("Decide later").click();
    h.run();
    assert!(side.exists());

    // Recover, then Save as: the project is in its file and the autosave is gone.
    let mut h = desk(VirastApp::start_with(None, editor(), Some(rec.clone())));
    h.get_by_label("Recover autosave").click();
    h.run();
    assert_eq!(
        h.state().doc.project.segments[0].target,
        "Never saved work."
    );
    assert!(h.state().doc.undo.is_dirty());
    assert!(side.exists(), "kept until the work is saved");
    let file = dir.path().join("recovered.virast.json");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    enter_path(&mut h, &file);
    assert!(h.state().dialog.is_none(), "{:?}", h.state().last_notice());
    assert!(!side.exists(), "saved elsewhere: the autosave goes");
    assert_eq!(
        Document::open(&file).unwrap().project.segments[0].target,
        "Never saved work."
    );

    // Discard removes one for good.
    let mut h = desk(VirastApp::start_with(None, editor(), Some(rec.clone())));
    assert!(h.state().dialog.is_none(), "nothing left to offer");
    type_into(&mut h, 2, "Throwaway.");
    autosave_now(&mut h);
    let side = h.state().doc.own_sidecar().unwrap().to_path_buf();
    drop(h);
    let mut h = desk(VirastApp::start_with(None, editor(), Some(rec.clone())));
    h.get_by_label("Discard autosave").click();
    h.run();
    assert!(!side.exists());
}

/// Case 4: a save waits for the autosave being written, so no sidecar of older work is left
/// to be offered over the newer file; an autosave made on an older version of the file is
/// recovered as a separate project, never over the newer file.
#[test]
fn save_waits_for_autosave_and_older_autosaves_never_replace_newer_work() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_sample(dir.path(), "race.virast.json");
    let mut h = desk_on(Document::open(&path).unwrap(), editor());
    for round in 0..20 {
        type_into(&mut h, 1, &format!(" {round}"));
        // Starts an autosave on the worker thread this frame, then saves at once.
        h.state_mut().settings.autosave_secs = 0;
        h.state_mut().autosave_tick();
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        h.run();
        assert!(!h.state().doc.undo.is_dirty());
        assert_eq!(sidecars_of(&path), Vec::<PathBuf>::new(), "round {round}");
    }
    h.state_mut().settings.autosave_secs = 30;
    let reopened = VirastApp::start_with(Some(path.clone()), editor(), None);
    assert!(reopened.dialog.is_none(), "nothing stale is offered");

    // Mina autosaves and crashes; Sara saves the file afterwards.
    type_into(&mut h, 2, "Mina's unsaved work.");
    autosave_now(&mut h);
    drop(h);
    let mut sara = Document::open(&path).unwrap();
    sara.project
        .set_target(3, "Sara's saved work.", &Stamp::now("Sara"))
        .unwrap();
    sara.save(None, false).unwrap();
    let sara_bytes = fs::read(&path).unwrap();

    let mut h = desk(VirastApp::start_with(Some(path.clone()), editor(), None));
    assert_eq!(h.state().recoveries.len(), 1);
    assert_eq!(h.state().recoveries[0].base, autosave::Base::Older);
    h.get_by_label_contains("older version of the file");
    h.get_by_label("Recover autosave").click();
    h.run();
    assert!(
        h.state().doc.path().is_none(),
        "a separate, unsaved project"
    );
    assert!(
        h.state().doc.project.segments[1]
            .target
            .ends_with("Mina's unsaved work.")
    );
    h.state_mut().act(Action::Command(Command::Save));
    h.run();
    assert!(matches!(h.state().dialog, Some(Dialog::Path { .. })));
    assert_eq!(
        fs::read(&path).unwrap(),
        sara_bytes,
        "Sara's save is intact"
    );
}

/// Case 5: two people on one file each have their own autosave; one's save never deletes the
/// other's.
#[test]
fn two_people_on_one_file_keep_their_own_autosaves() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_sample(dir.path(), "shared.virast.json");
    let mut mina = desk_on(Document::open(&path).unwrap(), editor());
    let mut sara = desk_on(
        Document::open(&path).unwrap(),
        settings("Sara", Role::Translator),
    );
    type_into(&mut mina, 1, "Mina's work.");
    autosave_now(&mut mina);
    type_into(&mut sara, 2, "Sara's work.");
    autosave_now(&mut sara);
    let mina_side = mina.state().doc.own_sidecar().unwrap().to_path_buf();
    let sara_side = sara.state().doc.own_sidecar().unwrap().to_path_buf();
    assert_ne!(mina_side, sara_side);

    sara.key_press_modifiers(Modifiers::COMMAND, Key::S);
    sara.run();
    assert!(!sara_side.exists(), "Sara's own autosave is superseded");
    assert!(
        mina_side.exists(),
        "Mina's unsaved work is not Sara's to delete"
    );
    drop(mina); // Mina's session dies

    let app = VirastApp::start_with(Some(path.clone()), editor(), None);
    assert_eq!(app.dialog, Some(Dialog::Recovery));
    assert_eq!(app.recoveries.len(), 1);
    assert_eq!(app.recoveries[0].user, "Mina");
    assert!(
        app.recoveries[0].project.segments[0]
            .target
            .ends_with("Mina's work.")
    );
    let for_sara = VirastApp::start_with(Some(path), settings("Sara", Role::Translator), None);
    assert!(for_sara.dialog.is_none(), "Sara is not offered Mina's work");
}

/// Case 6: after more changes than undo keeps, undoing all of them still leaves a change
/// applied: the project is dirty, closing asks, and the autosave stays.
#[test]
fn undoing_past_the_undo_limit_is_still_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_sample(dir.path(), "long.virast.json");
    let mut h = desk_on(Document::open(&path).unwrap(), editor());
    for n in 0..520 {
        let i = n % 2;
        h.state_mut().act(Action::Select(i));
        h.state_mut()
            .act(Action::SetTarget(i, format!("Version {n}.")));
        h.run();
    }
    autosave_now(&mut h);
    let side = h.state().doc.own_sidecar().unwrap().to_path_buf();
    while h.state().doc.undo.undo_label().is_some() {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_ne!(
        h.state().doc.project.segments[0].target,
        "",
        "the oldest changes are still applied"
    );
    assert!(h.state().doc.undo.is_dirty());
    close_window(&mut h);
    assert_eq!(h.state().dialog, Some(Dialog::Unsaved(Pending::Quit)));
    assert!(side.exists());
}

/// Case 7: Save as onto an existing file asks about *that* file, and "Replace it" writes that
/// file (keeping its old content as .bak), never the one that was open.
#[test]
fn save_as_onto_an_existing_file_names_and_replaces_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = saved_sample(dir.path(), "a.virast.json");
    let b = saved_sample(dir.path(), "b.virast.json");
    let a_bytes = fs::read(&a).unwrap();
    let b_bytes = fs::read(&b).unwrap();
    let mut h = desk_on(Document::open(&a).unwrap(), editor());
    type_into(&mut h, 1, "Edited in a.");
    h.key_press_modifiers(SHIFT_CMD, Key::S);
    h.run();
    enter_path(&mut h, &b);
    assert!(matches!(
        &h.state().dialog,
        Some(Dialog::Conflict { path, .. }) if *path == b
    ));
    h.get_by_label("The file already exists");
    h.get_by_label_contains("is not the project open here");
    h.get_by_label("Replace it").click();
    h.run();
    assert!(h.state().dialog.is_none(), "{:?}", h.state().last_notice());
    assert_eq!(fs::read(&a).unwrap(), a_bytes, "the old file is untouched");
    assert_eq!(
        Document::open(&b).unwrap().project.segments[0].target,
        "Edited in a."
    );
    assert_eq!(
        fs::read(b.with_file_name("b.virast.json.bak")).unwrap(),
        b_bytes
    );
    assert_eq!(h.state().doc.path(), Some(b.as_path()));
}

/// A project whose sentences have different QA findings: 1 none, 2 a wrong figure, 3 none.
fn qa_project() -> Document {
    let mut p = Project::new(
        "QA",
        "",
        [
            ("او به تهران رفت و برگشت.".to_owned(), " ".to_owned()),
            ("۲۵۰ نفر کشته شدند.".to_owned(), " ".to_owned()),
            ("باران بارید.".to_owned(), String::new()),
        ],
        chrono::Utc::now(),
    );
    let stamp = Stamp::now("Mina");
    p.set_target(0, "He went to Tehran and back.", &stamp)
        .unwrap();
    p.set_target(1, "150 people were killed.", &stamp).unwrap();
    p.set_target(2, "It rained.", &stamp).unwrap();
    Document::unsaved(p)
}

/// Every row's cached findings equal a fresh check of that row's own segment.
fn assert_findings_follow_segments(h: &mut Harness<'static, VirastApp>) {
    let app = h.state_mut();
    for i in 0..app.doc.project.segments.len() {
        let seg = app.doc.project.segments[i].clone();
        let fresh: Vec<String> = virast::qa::check_pair(&seg.source, &seg.target)
            .into_iter()
            .filter(|f| f.kind != virast::qa::CheckKind::EmptyTarget)
            .map(|f| f.key)
            .collect();
        let cached: Vec<(String, bool)> = app
            .qa
            .findings(&app.doc.project, i)
            .iter()
            .map(|f| (f.finding.key.clone(), f.ignored))
            .collect();
        let expected: Vec<(String, bool)> = fresh
            .into_iter()
            .map(|k| {
                let ignored = seg.qa_ignored.contains(&k);
                (k, ignored)
            })
            .collect();
        assert_eq!(cached, expected, "row {i} shows its own findings");
    }
}

/// Case 8: after a split or merge, each row shows its own sentence's findings and ignore flags.
#[test]
fn qa_findings_follow_their_sentence_after_split_and_merge() {
    let mut h = desk_on(qa_project(), editor());
    let keys: Vec<String> = h
        .state_mut()
        .qa
        .findings(&qa_project().project, 1)
        .iter()
        .map(|f| f.finding.key.clone())
        .collect();
    assert!(!keys.is_empty());
    for key in keys {
        h.state_mut().act(Action::SetQaIgnored(1, key, true));
    }
    h.run();
    assert_findings_follow_segments(&mut h);
    // Split the first sentence: every row below moves down one.
    h.state_mut().act(Action::Split(0, "او به تهران ".len()));
    h.run();
    assert_eq!(h.state().doc.project.segments.len(), 4);
    assert_findings_follow_segments(&mut h);
    // Merge it back: every row below moves up one.
    h.state_mut().act(Action::Select(0));
    h.state_mut().act(Action::Command(Command::MergeWithNext));
    h.run();
    assert_eq!(h.state().doc.project.segments.len(), 3);
    assert_findings_follow_segments(&mut h);
    // The QA filter lists the sentence that really has an open finding: none (it is ignored).
    h.state_mut().view.filter.qa_findings = true;
    h.run();
    assert_eq!(h.state_mut().visible_rows().to_vec(), Vec::<usize>::new());
}

/// Case 9: merging keeps both histories, but "changes since last approved" never diffs against
/// the other sentence's approved text.
#[test]
fn merged_sentence_never_diffs_against_its_neighbours_approval() {
    let mut h = desk_on(qa_project(), editor());
    h.state_mut().act(Action::Select(2));
    h.state_mut().act(Action::Command(Command::ApproveAndNext));
    h.run();
    assert_eq!(h.state().doc.project.segments[2].status, Status::Approved);
    h.state_mut().act(Action::Select(1));
    h.state_mut().act(Action::Command(Command::MergeWithNext));
    h.run();
    let seg = &h.state().doc.project.segments[1];
    assert_eq!(seg.target, "150 people were killed. It rained.");
    assert_eq!(seg.last_approved_target(), None);
    assert!(
        h.query_by_label("Changes since last approved").is_none(),
        "no approved version of the merged sentence exists"
    );
}

/// Case 10: the workflow rules hold wherever an action comes from.
#[test]
fn workflow_rules_are_enforced_where_actions_are_applied() {
    let mut h = desk_on(qa_project(), settings("Tara", Role::Translator));
    // A translator cannot ignore an error-level finding...
    let finding = h.state_mut().qa.findings(&qa_project().project, 1)[0].clone();
    assert_eq!(finding.finding.severity, virast::qa::Severity::Error);
    h.state_mut()
        .act(Action::SetQaIgnored(1, finding.finding.key.clone(), true));
    h.run();
    assert!(h.state().doc.project.segments[1].qa_ignored.is_empty());
    assert!(h.state().last_notice().unwrap().error);
    // ...nor send a sentence back, even when the action does not come from the menu.
    h.state_mut()
        .act(Action::SendBack(1, "Wrong figure.".into()));
    h.run();
    assert_eq!(h.state().doc.project.segments[1].status, Status::Translated);
    assert!(h.state().doc.project.segments[1].comments.is_empty());

    // An editor approves; "mark translated and next" on it does not withdraw the approval.
    h.state_mut().settings = editor();
    h.state_mut().act(Action::Select(0));
    h.state_mut().act(Action::Command(Command::ApproveAndNext));
    h.run();
    h.state_mut().settings = settings("Tara", Role::Translator);
    h.state_mut().act(Action::Select(0));
    h.run();
    h.key_press_modifiers(SHIFT_CMD, Key::Enter);
    h.run();
    assert_eq!(h.state().doc.project.segments[0].status, Status::Approved);
    assert_eq!(
        h.state().doc.project.segments[0]
            .history
            .last()
            .unwrap()
            .action,
        virast::model::Action::Approve
    );
}

/// Discarding changes at quit removes this session's own autosave, and only that one: the
/// crashed session's autosave left for later stays.
#[test]
fn discarding_changes_at_quit_removes_only_this_sessions_autosave() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_sample(dir.path(), "q.virast.json");
    let crashed = crashed_session_autosave(&path, "Crashed session's work.");
    let mut h = desk(VirastApp::start_with(Some(path.clone()), editor(), None));
    h.get_by_label("Decide later").click();
    h.run();
    type_into(&mut h, 2, "This session's work.");
    autosave_now(&mut h);
    let own = h.state().doc.own_sidecar().unwrap().to_path_buf();
    assert!(own.exists());
    close_window(&mut h);
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().allow_close);
    assert!(!own.exists(), "the user discarded this work");
    assert!(crashed.exists(), "not this session's to delete");
}
