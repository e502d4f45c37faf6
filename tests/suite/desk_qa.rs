//! QA in the review desk: a wrong number shows a warning on its row, fixing it removes the
//! warning, and an ignored finding stays ignored through save and reopen.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use virast::app::{Document, Settings, VirastApp};

const GOOD: &str = "According to Khabarresa, General Ashtari, speaking to reporters on the sidelines of the 21st conference of the social deputies of the Law Enforcement Force about counseling centers in police stations, said: Counseling centers have been set up in 700 police stations, and of the 400,000 cases referred to us on average each year, more than 70 percent end in reconciliation once they are brought to these counseling and social work centers.";

fn harness(doc: Document) -> Harness<'static, VirastApp> {
    let settings = Settings {
        user: "Mina".into(),
        role: virast::app::Role::Editor,
        ..Settings::default()
    };
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| {
            virast::fonts::install(&cc.egui_ctx);
            VirastApp::with_document(doc, settings)
        });
    h.run();
    h
}

fn replace_text(h: &mut Harness<'static, VirastApp>, text: &str) {
    let label = "English translation of sentence 1";
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn wrong_number_warns_fix_clears_and_ignore_survives_reopen() {
    let mut h = harness(Document::sample());
    replace_text(&mut h, &GOOD.replace("70 percent", "7 percent"));
    assert!(
        h.state().doc.project.segments[0]
            .target
            .contains("7 percent")
    );
    assert!(
        h.query_by_label("QA warnings on sentence 1").is_some(),
        "a wrong number shows the warning icon"
    );

    replace_text(&mut h, GOOD);
    assert_eq!(h.state().doc.project.segments[0].target, GOOD);
    assert!(
        h.query_by_label("QA warnings on sentence 1").is_none(),
        "the correct translation is quiet"
    );

    // A finding the editor decides to ignore: "IMF" is not in the source.
    replace_text(&mut h, &format!("{GOOD} The IMF"));
    assert!(h.query_by_label("QA warnings on sentence 1").is_some());
    h.get_all_by_label("Ignore")
        .next()
        .expect("an Ignore button")
        .click();
    h.run();
    assert!(h.query_by_label("QA warnings on sentence 1").is_none());
    let ignored = h.state().doc.project.segments[0].qa_ignored.clone();
    assert_eq!(ignored.len(), 1);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("qa.virast.json");
    h.state_mut().doc.save(Some(path.clone()), false).unwrap();

    let mut h = harness(Document::open(&path).unwrap());
    assert_eq!(h.state().doc.project.segments[0].qa_ignored, ignored);
    assert!(h.query_by_label("QA warnings on sentence 1").is_none());
    // Shown as ignored, with a way back.
    h.get_by_label("Restore");
    h.run();
}

#[test]
fn project_qa_panel_lists_findings_and_jumps_to_the_sentence() {
    let mut doc = Document::sample();
    let stamp = virast::model::Stamp::now("Sara");
    doc.project
        .set_target(2, "The NAJA commander noted 7 percent.", &stamp)
        .unwrap();
    let mut h = harness(doc);
    assert_eq!(h.state().view.current, 0);
    // The tab, not the filter checkbox: both are named "QA findings".
    h.get_by_role_and_label(egui::accesskit::Role::Button, "QA findings")
        .click();
    h.run();
    let entry = h
        .get_all_by_label_contains("3: ")
        .next()
        .expect("a finding of sentence 3 is listed");
    entry.click();
    h.run();
    assert_eq!(h.state().view.current, 2);
}

#[test]
fn qa_filter_shows_only_sentences_with_open_findings() {
    let mut doc = Document::sample();
    let stamp = virast::model::Stamp::now("Sara");
    doc.project.set_target(0, GOOD, &stamp).unwrap();
    doc.project
        .set_target(4, "In fact 5 of them were settled.", &stamp)
        .unwrap();
    let mut h = harness(doc);
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "QA findings")
        .click();
    h.run();
    assert!(!h.state().view.qa_pending);
    assert_eq!(h.state_mut().visible_rows(), &[4]);
    assert!(
        h.query_by_label("English translation of sentence 5")
            .is_some()
    );
    assert!(
        h.query_by_label("English translation of sentence 1")
            .is_none()
    );
}

#[test]
fn words_line_break_is_a_finding_with_a_one_click_fix_that_unblocks_export() {
    use virast::interop::Format;
    let mut doc = Document::sample();
    doc.project.segments[0].target = "Counseling centers\u{B}in 700 police stations.".into();
    let mut h = harness(doc);
    assert!(
        Format::Xliff.render(&h.state().doc.project).is_err(),
        "XML cannot carry U+000B"
    );
    assert!(h.query_by_label("QA warnings on sentence 1").is_some());
    h.get_by_label("Replace with line break").click();
    h.run();
    assert_eq!(
        h.state().doc.project.segments[0].target,
        "Counseling centers\nin 700 police stations."
    );
    assert!(Format::Xliff.render(&h.state().doc.project).is_ok());
    assert!(h.query_by_label("Replace with line break").is_none());
    // One undo step brings the character back; nothing is lost.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().doc.project.segments[0].target.contains('\u{B}'));
}

#[test]
fn project_qa_panel_lists_a_name_spelled_two_ways() {
    let mut project = virast::model::Project::new(
        "names",
        "",
        [
            ("کاوانا به دادگاه رفت.".to_owned(), " ".to_owned()),
            ("باران بارید.".to_owned(), " ".to_owned()),
            ("قاضی کاوانا پاسخ داد.".to_owned(), String::new()),
        ],
        chrono::Utc::now(),
    );
    let stamp = virast::model::Stamp::now("Sara");
    for (i, text) in [
        "Kavanaugh went to court.",
        "It rained.",
        "Judge Kavanagh replied.",
    ]
    .into_iter()
    .enumerate()
    {
        project.set_target(i, text, &stamp).unwrap();
    }
    let mut h = harness(Document::unsaved(project));
    h.get_by_role_and_label(egui::accesskit::Role::Button, "QA findings")
        .click();
    // The first pass over the project may take a few frames.
    for _ in 0..20 {
        h.run();
        if h.query_by_label_contains("“Kavanagh” in sentence #3")
            .is_some()
        {
            break;
        }
    }
    let entry = h
        .get_all_by_label_contains("“Kavanagh” in sentence #3")
        .next()
        .expect("the name spelled two ways is listed on sentence 3");
    entry.click();
    h.run();
    assert_eq!(h.state().view.current, 2);
}
