//! Spelling in the review desk: a misspelt word is flagged as it is typed, a suggestion from
//! the context menu (or Ctrl+.) replaces it as one undo step, and a name added to the project
//! dictionary is no longer flagged in any row.

mod common;

use common::{editor_settings, english_field, harness_with, type_into};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use virast::app::{Document, VirastApp};

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
fn uk_spelling_in_an_en_us_project_is_a_qa_warning_until_the_variant_changes() {
    let mut h = harness_with(Document::sample(), editor_settings());
    type_into(&mut h, 1, "The colour of the uniforms");
    assert!(
        qa_keys(&mut h, 0).contains(&"variant-spelling:colour".to_owned()),
        "colour is UK spelling; the default variant is en-US"
    );
    assert!(h.query_by_label("QA warnings on sentence 1").is_some());
    assert_eq!(flagged(&mut h), [(0, "colour".to_owned())]);

    // Edit > English variant > British English.
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("English variant").click();
    h.run();
    h.get_by_label("British English (en-GB)").click();
    h.run();
    assert_eq!(h.state().spell.variant(), virast::spell::Variant::EnGb);
    assert!(
        !qa_keys(&mut h, 0)
            .iter()
            .any(|k| k.starts_with("variant-spelling"))
    );
    assert!(flagged(&mut h).is_empty(), "colour is right in en-GB");
}
