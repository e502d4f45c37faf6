//! Import a translation in the desk, filter what needs an alignment check, fix a row with the
//! keyboard moves (push down, pull up) and undo them; driven through the real UI with
//! `egui_kittest`.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use virast::app::settings::Role;
use virast::app::{Dialog, Document, Settings, VirastApp};
use virast::model::{Action as History, Status};

fn harness() -> Harness<'static, VirastApp> {
    let settings = Settings {
        user: "Mina".into(),
        role: Role::Editor,
        ..Settings::default()
    };
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| {
            virast::fonts::install(&cc.egui_ctx);
            VirastApp::with_document(Document::sample(), settings)
        });
    harness.run();
    harness
}

/// The English of the sample, one line per Persian sentence.
fn english() -> Vec<String> {
    include_str!("fixtures/sample.en.txt")
        .lines()
        .map(str::to_owned)
        .collect()
}

fn targets(h: &Harness<'static, VirastApp>) -> Vec<String> {
    h.state()
        .doc
        .project
        .segments
        .iter()
        .map(|s| s.target.clone())
        .collect()
}

#[test]
fn import_filter_pull_push_and_undo() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // The translator left out the last sentence.
    let lines = english();
    let file = dir.path().join("draft.en.txt");
    std::fs::write(&file, lines[..8].join("\n")).unwrap_or_else(|e| panic!("{e}"));

    let mut h = harness();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import translation…").click();
    h.run();
    assert!(matches!(
        h.state().dialog,
        Some(Dialog::ImportTranslation { .. })
    ));
    h.get_by_label("Translation file:")
        .type_text(&file.display().to_string());
    h.run();
    h.get_by_label("Import").click();
    h.run();
    assert_eq!(h.state().dialog, Some(Dialog::ImportQuestion));
    h.get_by_label_contains("8 English sentences");
    h.get_by_label("Import").click();
    h.run();
    assert!(h.state().dialog.is_none());

    let mut want: Vec<String> = lines[..8].to_vec();
    want.push(String::new());
    assert_eq!(targets(&h), want);
    let seg = &h.state().doc.project.segments[0];
    assert_eq!(seg.status, Status::Translated);
    let rev = seg.history.last().unwrap_or_else(|| panic!("no history"));
    assert_eq!(
        (&rev.action, rev.author.as_str(), rev.note.as_str()),
        (&History::Import, "Mina", "imported from draft.en.txt")
    );

    // "Check alignment" is switched on after an import with rows to check: the sentence
    // without English is listed and marked.
    assert!(h.state().view.filter.alignment);
    let rows = h.state_mut().visible_rows().to_vec();
    assert!(rows.contains(&8), "{rows:?}");
    assert!(rows.iter().all(|&i| {
        h.state().doc.project.segments[i]
            .alignment_confidence
            .is_some_and(|c| c < 50)
    }));
    h.get_by_label("Check the alignment of sentence 9");
    h.get_by_label("Check alignment").click();
    h.run();
    assert!(!h.state().view.filter.alignment);
    assert_eq!(h.state_mut().visible_rows().len(), 9);

    // Push sentence 4's English down to sentence 5, then pull it back up.
    h.get_by_label("English translation of sentence 4").click();
    h.run();
    assert_eq!(h.state().view.current, 3);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    let pushed = targets(&h);
    assert_eq!(pushed[3], "");
    assert_eq!(pushed[4], format!("{} {}", lines[3], lines[4]));
    assert_eq!(
        h.state().doc.project.segments[3].status,
        Status::Untranslated
    );
    let note = |h: &Harness<'static, VirastApp>, i: usize| {
        h.state().doc.project.segments[i]
            .history
            .last()
            .map(|r| (r.action.clone(), r.note.clone()))
    };
    assert_eq!(
        note(&h, 4),
        Some((History::Realign, "pushed down a sentence from #4".into()))
    );

    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    assert_eq!(targets(&h)[..8], want[..8]);
    assert_eq!(
        note(&h, 3),
        Some((History::Realign, "pulled up a sentence from #5".into()))
    );

    // Each move is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(targets(&h), pushed);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(targets(&h), want);
    // And the import itself is one more.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(targets(&h).iter().all(String::is_empty));
}
