//! QA in the desk reads quotes over the paragraph: a quotation opened in one sentence and
//! closed in the next is quiet on both rows, and breaking it in one row shows the warning on
//! the other row, the one whose quote is now left open.

use crate::common;

use common::{editor_settings, harness_with, replace_into};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use virast::app::{Document, VirastApp};

fn warned(h: &Harness<'static, VirastApp>, n: usize) -> bool {
    h.query_by_label(&format!("QA warnings on sentence {n}"))
        .is_some()
}

#[test]
fn a_quote_across_two_sentences_is_quiet_and_breaking_it_warns_the_other_row() {
    let doc = Document::import_text(
        "quote",
        "او گفت: «پنج هفته مانده است. من نامزد نیستم.»\nمردم آمدند.\n",
    )
    .expect("import");
    assert_eq!(doc.project.segments.len(), 3, "{:#?}", doc.project.segments);
    let mut h = harness_with(doc, editor_settings());

    replace_into(&mut h, 1, "He said: \"Five weeks to go.");
    replace_into(&mut h, 2, "I am not running.\"");
    replace_into(&mut h, 3, "People came.");
    let project = h.state().doc.project.clone();
    let targets: Vec<&str> = project.segments.iter().map(|s| s.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "He said: \"Five weeks to go.",
            "I am not running.\"",
            "People came."
        ]
    );
    let shown = h.state_mut().qa.findings(&project, 0).to_vec();
    assert!(
        !warned(&h, 1),
        "the quote opened in sentence 1 closes in 2: {shown:#?}"
    );
    assert!(!warned(&h, 2));
    assert!(!warned(&h, 3));

    // The closing quote removed in sentence 2: sentence 1's quote is now open to the end of
    // the paragraph, and its row (not edited) shows it.
    replace_into(&mut h, 2, "I am not running.");
    assert!(warned(&h, 1), "the neighbour's findings were refreshed");
    let project = h.state().doc.project.clone();
    let keys: Vec<String> = h
        .state_mut()
        .qa
        .findings(&project, 0)
        .iter()
        .map(|f| f.finding.key.clone())
        .collect();
    assert_eq!(keys, ["unbalanced:quotes"]);

    // Put back: quiet again.
    replace_into(&mut h, 2, "I am not running.\"");
    assert!(!warned(&h, 1));
    assert!(!warned(&h, 2));
}
