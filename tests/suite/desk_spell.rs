//! Spelling in the review desk: a misspelt word is flagged as it is typed, a suggestion from
//! the context menu (or Ctrl+.) replaces it as one undo step, and a name added to the project
//! dictionary is no longer flagged in any row, is offered for its misspellings, is saved with
//! the project, and is undone like any edit.

use crate::common;

use common::{editor_settings, english_field, enter_path, harness_with, type_into};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use virast::app::{Action, Document, VirastApp};
use virast::spell::Variant;

fn target(h: &Harness<'static, VirastApp>, row: usize) -> String {
    h.state().doc.project.segments[row].target.clone()
}

/// Misspelt words of the whole project as the desk's spell state has them, (row, word).
fn flagged(h: &mut Harness<'static, VirastApp>) -> Vec<(usize, String)> {
    let app = h.state_mut();
    app.spell.project_misspellings(&app.doc.project)
}

#[test]
fn suggestion_from_the_context_menu_replaces_the_word_as_one_undo_step() {
    let mut h = harness_with(Document::sample(), editor_settings());
    type_into(&mut h, 1, "The police said the goverment");
    assert_eq!(flagged(&mut h), [(0, "goverment".to_owned())]);

    // Right-click on the field after the word: the spelling menu of "goverment".
    h.get_by_label(&english_field(1)).click_secondary();
    h.run();
    h.get_by_label("Add “goverment” to project dictionary");
    h.get_by_label("government").click();
    h.run();
    assert_eq!(target(&h, 0), "The police said the government");
    assert!(flagged(&mut h).is_empty(), "the squiggle is gone");

    // The correction is its own undo step: Ctrl+Z brings the typo back, not an empty row.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(target(&h, 0), "The police said the goverment");
    assert_eq!(flagged(&mut h), [(0, "goverment".to_owned())]);

    // Ctrl+. opens the same menu for the word at the caret.
    h.get_by_label(&english_field(1)).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Period);
    h.run();
    h.get_by_label("government").click();
    h.run();
    assert_eq!(target(&h, 0), "The police said the government");
}

#[test]
fn a_name_added_to_the_project_dictionary_is_known_in_every_row() {
    let mut h = harness_with(Document::sample(), editor_settings());
    type_into(&mut h, 1, "General Ashtari spoke");
    type_into(&mut h, 2, "Reporters thanked Ashtari");
    type_into(&mut h, 3, "Ashtari quoted Khabarresa");
    assert_eq!(
        flagged(&mut h),
        [
            (0, "Ashtari".to_owned()),
            (1, "Ashtari".to_owned()),
            (2, "Ashtari".to_owned()),
            (2, "Khabarresa".to_owned())
        ]
    );

    h.get_by_label(&english_field(2)).click_secondary();
    h.run();
    h.get_by_label("Add “Ashtari” to project dictionary")
        .click();
    h.run();
    assert!(h.state().spell.project_words().added.contains("Ashtari"));
    assert_eq!(
        flagged(&mut h),
        [(2, "Khabarresa".to_owned())],
        "known in every row"
    );

    // "Ignore in this project" is the other way to quiet a word.
    h.get_by_label(&english_field(3)).click_secondary();
    h.run();
    h.get_by_label("Ignore “Khabarresa” in this project")
        .click();
    h.run();
    assert!(flagged(&mut h).is_empty());
    let words = h.state().spell.project_words().clone();
    assert_eq!(words.added.len(), 1, "ignored words are not added");
    assert!(words.ignored.contains("Khabarresa"));
}

/// Edit > English variant > `variant`, through the menus.
fn choose_variant(h: &mut Harness<'static, VirastApp>, variant: Variant) {
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("English variant").click();
    h.run();
    h.get_by_label(variant.label()).click();
    h.run();
}

/// Keys of the QA findings of row `row` as the desk shows them.
fn qa_keys(h: &mut Harness<'static, VirastApp>, row: usize) -> Vec<String> {
    let app = h.state_mut();
    app.qa
        .findings(&app.doc.project, row)
        .iter()
        .map(|f| f.finding.key.clone())
        .collect()
}

#[test]
fn uk_spelling_in_an_american_story_is_a_qa_warning_until_the_variant_changes() {
    let mut h = harness_with(Document::sample(), editor_settings());
    // No variant chosen (en-US is the default and means "infer"): the story's own spelling
    // decides. The first sentence is British and nothing else is written yet, so the story
    // reads as British and nothing is flagged.
    type_into(&mut h, 1, "The colour of the uniforms");
    assert!(
        !qa_keys(&mut h, 0)
            .iter()
            .any(|k| k.starts_with("variant-spelling")),
        "a story written British so far is British"
    );
    // Two American sentences follow: the story is American now and colour is the odd one out.
    type_into(&mut h, 2, "The center was organized");
    type_into(&mut h, 3, "The color of the flag");
    assert!(
        qa_keys(&mut h, 0).contains(&"variant-spelling:colour".to_owned()),
        "colour is UK spelling in a story written American"
    );
    assert!(h.query_by_label("QA warnings on sentence 1").is_some());
    assert!(flagged(&mut h).contains(&(0, "colour".to_owned())));

    choose_variant(&mut h, Variant::EnGb);
    assert_eq!(h.state().spell.variant(), Variant::EnGb);
    assert_eq!(h.state().doc.project.meta.english_variant, Variant::EnGb);
    assert!(
        !qa_keys(&mut h, 0)
            .iter()
            .any(|k| k.starts_with("variant-spelling")),
        "colour is right in en-GB"
    );
    assert!(
        qa_keys(&mut h, 1).contains(&"variant-spelling:center".to_owned()),
        "chosen en-GB holds every sentence to British spelling"
    );
    assert!(!flagged(&mut h).contains(&(0, "colour".to_owned())));
}

/// Right-click the English field of row `n` (from 1) and click `item` of its spelling menu. The
/// click lands past the end of the text, on the last word.
fn spelling_menu(h: &mut Harness<'static, VirastApp>, n: usize, item: &str) {
    h.get_by_label(&english_field(n)).click_secondary();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

#[test]
fn an_added_name_is_saved_with_the_project_and_known_after_reopening() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("names.virast.json");
    let mut h = harness_with(Document::sample(), editor_settings());
    type_into(&mut h, 1, "The general thanked Ashtari");
    // Save the typing first, so the word list alone makes the project dirty.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    enter_path(&mut h, &path);
    assert!(
        !h.state().doc.undo.is_dirty(),
        "{:?}",
        h.state().last_notice()
    );

    spelling_menu(&mut h, 1, "Add “Ashtari” to project dictionary");
    assert!(
        h.state().doc.undo.is_dirty(),
        "adding a word is a project edit"
    );
    assert!(flagged(&mut h).is_empty());
    let notice = h
        .state()
        .last_notice()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert!(!notice.contains("closed"), "{notice}");

    // The British variant is a project setting too.
    choose_variant(&mut h, Variant::EnGb);

    // Unsaved, the settings go into the autosave like any edit.
    h.state_mut().settings.autosave_secs = 0;
    h.run();
    h.state_mut()
        .doc
        .finish_autosave()
        .unwrap_or_else(|e| panic!("{e}"));
    h.state_mut().settings.autosave_secs = 30;
    let sidecar = virast::store::autosave::sidecar_path(&path, &h.state().settings.user);
    let autosaved =
        virast::store::autosave::load_sidecar(&sidecar).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(autosaved.meta.english_variant, Variant::EnGb);
    assert!(autosaved.meta.project_words.added.contains("Ashtari"));

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        !h.state().doc.undo.is_dirty(),
        "{:?}",
        h.state().last_notice()
    );
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(text.contains("\"english_variant\": \"en-GB\""), "{text}");
    assert!(text.contains("\"Ashtari\""), "{text}");

    // Reopened in another desk (through File > Open's path), the name is still known and
    // offered for its misspelling, and the variant is still British.
    let mut other = harness_with(Document::sample(), editor_settings());
    other.state_mut().act(Action::OpenPath(path.clone()));
    other.run();
    assert_eq!(other.state().doc.path(), Some(path.as_path()));
    assert!(
        other
            .state()
            .doc
            .project
            .meta
            .project_words
            .added
            .contains("Ashtari")
    );
    assert_eq!(other.state().spell.variant(), Variant::EnGb);
    assert_eq!(
        other.state().doc.project.segments[0].target,
        "The general thanked Ashtari"
    );
    type_into(&mut other, 2, "Thanks, Ashtary");
    assert_eq!(flagged(&mut other), [(1, "Ashtary".to_owned())]);
    spelling_menu(&mut other, 2, "Ashtari");
    assert_eq!(
        other.state().doc.project.segments[1].target,
        "Thanks, Ashtari"
    );
    assert!(flagged(&mut other).is_empty());
}

#[test]
fn undo_of_add_to_dictionary_brings_the_squiggle_back() {
    let mut h = harness_with(Document::sample(), editor_settings());
    type_into(&mut h, 1, "General Ashtari spoke");
    type_into(&mut h, 2, "Reporters thanked Ashtari");
    assert_eq!(flagged(&mut h).len(), 2);

    spelling_menu(&mut h, 2, "Add “Ashtari” to project dictionary");
    assert!(flagged(&mut h).is_empty());
    assert_eq!(
        h.state().doc.undo.undo_label(),
        Some("Add “Ashtari” to project dictionary")
    );

    // Ctrl+Z takes the word out again: the squiggle is back in every row, the text untouched.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().doc.project.meta.project_words.is_empty());
    // The desk's checker followed the undo by itself (before `flagged` asks it to).
    assert!(h.state().spell.project_words().is_empty());
    assert_eq!(
        flagged(&mut h),
        [(0, "Ashtari".to_owned()), (1, "Ashtari".to_owned())]
    );
    assert_eq!(target(&h, 1), "Reporters thanked Ashtari");
    let notice = h
        .state()
        .last_notice()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert_eq!(notice, "Undid: Add “Ashtari” to project dictionary");

    // Redo adds it back.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert!(flagged(&mut h).is_empty());

    // Ignoring a word and changing the variant are undone the same way.
    type_into(&mut h, 3, "The colour of Khabarresa");
    spelling_menu(&mut h, 3, "Ignore “Khabarresa” in this project");
    choose_variant(&mut h, Variant::EnGb);
    assert!(flagged(&mut h).is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.project.meta.english_variant, Variant::EnUs);
    assert_eq!(flagged(&mut h), [(2, "colour".to_owned())]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        flagged(&mut h),
        [(2, "colour".to_owned()), (2, "Khabarresa".to_owned())]
    );
}
