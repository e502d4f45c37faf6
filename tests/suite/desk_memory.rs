//! Translation memory in the review desk: the matches of the current sentence appear in the
//! Memory tab (loaded on a worker thread), Ctrl+1 inserts the first as one undo step with
//! its origin in the history, and Ctrl+K searches the memory for a phrase.

use std::path::Path;

use crate::common;

use common::{editor_settings, english_field};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use virast::app::{Document, VirastApp};

/// The sample's first sentence with one figure changed (۷۰۰ → ۸۰۰), and an unrelated pair.
fn memory_tmx(dir: &Path) -> std::path::PathBuf {
    let doc = Document::sample();
    let first = doc.project.segments[0].source.replace("۷۰۰", "۸۰۰");
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="test" segtype="sentence" o-tmf="x" adminlang="en" srclang="fa" datatype="plaintext"/>
<body>
<tu changeid="sara" changedate="20261120T101500Z"><prop type="x-desk">politics</prop>
<tuv xml:lang="fa"><seg>{first}</seg></tuv><tuv xml:lang="en"><seg>Police have counselling centres in 800 stations.</seg></tuv></tu>
<tu><tuv xml:lang="fa-IR"><seg>هوا امروز آفتابی است.</seg></tuv><tuv xml:lang="en-GB"><seg>The weather is sunny today.</seg></tuv></tu>
</body></tmx>"#
    );
    let path = dir.join("desk.tmx");
    std::fs::write(&path, xml).unwrap_or_else(|e| panic!("{e}"));
    path
}

/// The desk on the sample with `tmx` as memory source, once the memory has loaded (frames
/// are pumped until the worker is done, at most a bounded number).
fn desk_with_memory(tmx: &Path) -> Harness<'static, VirastApp> {
    let mut settings = editor_settings();
    settings.memory_sources = vec![tmx.to_path_buf()];
    let mut h = common::harness_with(Document::sample(), settings);
    for _ in 0..100_000 {
        if h.state().memory.memory.is_some() {
            break;
        }
        h.step();
        std::thread::yield_now();
    }
    assert!(h.state().memory.memory.is_some(), "the memory loaded");
    h.run();
    h.get_by_label("Memory").click();
    h.run();
    h
}

#[test]
fn matches_appear_for_the_current_sentence() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut h = desk_with_memory(&memory_tmx(dir.path()));
    assert_eq!(h.state().memory.memory.as_ref().map(|m| m.len()), Some(2));
    h.get_by_label("Insert match 1");
    assert!(
        h.query_by_label("Insert match 2").is_none(),
        "only the similar pair"
    );
    let shown = h.state_mut().memory_matches().to_vec();
    assert_eq!(shown.len(), 1);
    let score = shown[0].found.score;
    assert!((90..100).contains(&score), "a figure differs: {score}%");
    assert_eq!(
        shown[0].diff.numbers,
        [("۸۰۰".to_owned(), "۷۰۰".to_owned())]
    );
    h.get_by_label("⚠ Numbers differ: ۸۰۰ in the memory, ۷۰۰ here");

    // Frames that change nothing look nothing up: the cost of a frame does not depend on the
    // memory's size.
    let lookups = h.state().memory.lookups;
    for _ in 0..5 {
        h.step();
    }
    common::type_into(&mut h, 1, "Police");
    assert_eq!(
        h.state().memory.lookups,
        lookups,
        "typing English changes no Persian"
    );

    // The next sentence has no match: the tab follows the current sentence.
    h.key_press_modifiers(Modifiers::COMMAND, Key::ArrowDown);
    h.run();
    assert_eq!(h.state().view.current, 1);
    assert!(h.query_by_label("Insert match 1").is_none());
}

#[test]
fn ctrl_1_inserts_the_match_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut h = desk_with_memory(&memory_tmx(dir.path()));
    let score = h.state_mut().memory_matches()[0].found.score;
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();
    let seg = h.state().doc.project.segments[0].clone();
    assert_eq!(
        seg.target,
        "Police have counselling centres in 800 stations."
    );
    let note = seg.history.last().map_or("", |r| r.note.as_str());
    assert!(
        note.starts_with(&format!("from memory: desk.tmx, {score}%")),
        "{note}"
    );
    // The number check runs on the inserted English as on any edit: 800 is not ۷۰۰.
    let app = h.state_mut();
    let findings = app.qa.findings(&app.doc.project, 0).to_vec();
    assert!(
        findings.iter().any(|f| f.finding.key.contains("number")),
        "{findings:?}"
    );

    // Typing after it is a step of its own; one Ctrl+Z removes the typing, the next the match.
    h.get_by_label(&english_field(1)).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.get_by_label(&english_field(1)).type_text(" Really.");
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.project.segments[0].target,
        "Police have counselling centres in 800 stations."
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.project.segments[0].target, "");
    assert_eq!(h.state().doc.project.segments[0].history.len(), 0);
}

#[test]
fn concordance_finds_a_phrase() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut h = desk_with_memory(&memory_tmx(dir.path()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("Find in memory:").type_text("آفتابی");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let found = h.state().memory.concordance.clone();
    let (phrase, hits) = found.unwrap_or_else(|| panic!("searched"));
    assert_eq!(phrase, "آفتابی");
    assert_eq!(hits.len(), 1);
    h.get_by_label("The weather is sunny today.");
    // English too, case ignored.
    h.get_by_label("Find in memory:").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Find in memory:").type_text("COUNSELLING");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let hits = h.state().memory.concordance.clone().map(|c| c.1.len());
    assert_eq!(hits, Some(1));
}
