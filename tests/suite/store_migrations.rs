//! Older project formats still load. Version 1 (the first published one), version 2
//! (alignment confidence), version 3 (source correction), version 4 (the project's English
//! variant and word list) and version 5 (merge conflicts kept as data) go through the
//! migrations to version 6 (linked glossaries and the project's own terms), keep every field,
//! have no alignment information (v1), no corrected source (v1, v2), en-US with an empty word
//! list (v1-v3), no conflict (v1-v4) and no glossary (all), and the next save writes version 6;
//! a corrected project round-trips with its audit trail, the spelling settings, a recorded
//! conflict and the glossary links and terms round-trip through save and load.

use std::path::Path;

use virast::model::{Action, Project, Stamp, Status};
use virast::spell::{ProjectWords, Speller, Variant};
use virast::store::{self, ProjectFile};

/// The version line every save writes now.
const CURRENT: &str = "\"version\": 6,";

fn fixture(version: u32) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/project-v{version}.virast.json"))
}

/// Save `project` with the real store into a fresh folder; the written text, and the folder
/// (kept alive) with the file's path.
fn save_and_read(project: &Project) -> (String, tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("p.virast.json");
    ProjectFile::new(&path)
        .save(project)
        .unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    (text, dir, path)
}

/// A file holding `text` is refused as a failed migration from version `from`, with a message
/// that says `says`, and is left exactly as it was.
fn assert_refused_unchanged(text: &str, from: u64, says: &str) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("p.virast.json");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let err = store::load(&path).map(|_| ()).unwrap_err();
    assert!(
        matches!(err, store::StoreError::Migration { from: f, .. } if f == from),
        "{says}: {err}"
    );
    assert!(err.to_string().contains(says), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        text,
        "a refused file is never changed"
    );
}

#[test]
fn a_version_1_file_loads_and_is_saved_as_the_current_version() {
    let project = store::load(&fixture(1)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(project.segments.len(), 2);
    assert_eq!(project.segments[0].target, "Hello.");
    assert_eq!(project.segments[0].history.len(), 2);
    assert_eq!(project.segments[1].separator, "\r\n");
    assert!(
        project
            .segments
            .iter()
            .all(|s| s.alignment_confidence.is_none() && s.original_source.is_none())
    );
    assert_eq!(project.meta.imported_source, None);
    assert_eq!(project.imported_text(), project.source_text());

    let (text, _dir, path) = save_and_read(&project);
    assert!(text.contains(CURRENT), "{text}");
    for absent in [
        "alignment_confidence",
        "original_source",
        "imported_source",
        "source_before",
    ] {
        assert!(!text.contains(absent), "absent {absent} stays absent");
    }
    let again = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, project);
}

#[test]
fn confidence_round_trips_and_a_version_1_reader_would_see_a_newer_file() {
    let mut project = store::load(&fixture(1)).unwrap_or_else(|e| panic!("{e}"));
    project.segments[1].alignment_confidence = Some(37);
    let bytes = store::to_json(&project).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8(bytes.clone()).unwrap_or_default();
    assert!(text.contains("\"alignment_confidence\": 37"), "{text}");
    let back =
        store::from_json(&bytes, Path::new("p.virast.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.segments[1].alignment_confidence, Some(37));
    assert_eq!(store::VERSION, 6);
    assert_eq!(store::MIGRATIONS.len(), 5);
}

#[test]
fn a_version_2_file_loads_keeps_its_fields_and_is_saved_as_the_current_version() {
    let original = std::fs::read_to_string(fixture(2)).unwrap_or_default();
    assert!(
        original.contains("\"version\": 2,"),
        "the fixture is version 2"
    );
    let project = store::load(&fixture(2)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(project.segments.len(), 2);
    assert_eq!(project.segments[1].alignment_confidence, Some(42));
    assert_eq!(project.segments[1].history[0].action, Action::Import);
    assert_eq!(
        project.segments[1].history[0].note,
        "imported from goodbye.en.txt"
    );
    assert!(project.segments.iter().all(|s| s.original_source.is_none()));
    assert_eq!(project.imported_text(), "سلام. خداحافظ.\r\n");

    let (text, _dir, path) = save_and_read(&project);
    assert!(text.contains(CURRENT), "{text}");
    assert!(text.contains("\"alignment_confidence\": 42"));
    assert!(!text.contains("original_source") && !text.contains("imported_source"));
    // Apart from the version, the file is written back line for line.
    assert_eq!(
        text.replace(CURRENT, "\"version\": 2,"),
        original,
        "migrations 2→3→4 change nothing else"
    );
    let again = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, project);
}

#[test]
fn a_corrected_project_keeps_the_imported_text_and_the_history_through_a_save() {
    let mut project = store::load(&fixture(2)).unwrap_or_else(|e| panic!("{e}"));
    let imported = project.source_text();
    project
        .correct_source(0, "سلام!", &Stamp::now("Mina"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(project.segments[0].status, Status::Translated);
    let bytes = store::to_json(&project).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8(bytes.clone()).unwrap_or_default();
    for field in [
        "\"original_source\": \"سلام.\"",
        "\"imported_source\": \"سلام. خداحافظ.\\r\\n\"",
        "\"action\": \"correct_source\"",
        "\"source_before\": \"سلام.\"",
        "\"source_after\": \"سلام!\"",
    ] {
        assert!(text.contains(field), "{field} in {text}");
    }
    let back =
        store::from_json(&bytes, Path::new("p.virast.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, project);
    assert_eq!(back.imported_text(), imported);
    assert_eq!(back.source_text(), "سلام! خداحافظ.\r\n");
    // An older reader is told the file is newer (the version field says 4).
    assert!(text.contains(CURRENT));
}

#[test]
fn a_version_3_file_loads_as_en_us_with_no_words_and_is_saved_as_the_current_version() {
    let original = std::fs::read_to_string(fixture(3)).unwrap_or_default();
    assert!(
        original.contains("\"version\": 3,"),
        "the fixture is version 3"
    );
    let project = store::load(&fixture(3)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        project.meta.english_variant,
        Variant::EnUs,
        "absent is en-US"
    );
    assert!(project.meta.project_words.is_empty());
    // Everything version 3 carried is still there.
    assert_eq!(project.segments[0].original_source.as_deref(), Some("سلام."));
    assert_eq!(project.segments[0].history[1].action, Action::CorrectSource);
    assert_eq!(project.segments[1].alignment_confidence, Some(42));
    assert_eq!(project.imported_text(), "سلام. خداحافظ.\r\n");
    assert_eq!(
        project.meta.extra.get("desk"),
        Some(&serde_json::Value::from("kept"))
    );

    let (text, _dir, path) = save_and_read(&project);
    assert!(text.contains(CURRENT), "{text}");
    assert!(!text.contains("english_variant") && !text.contains("project_words"));
    assert_eq!(
        text.replace(CURRENT, "\"version\": 3,"),
        original,
        "migration 3→4 changes nothing else"
    );
    let again = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, project);
}

#[test]
fn a_version_3_file_with_spelling_fields_of_another_shape_is_refused_unchanged() {
    let original = std::fs::read_to_string(fixture(3)).unwrap_or_default();
    for (field, says) in [
        ("\"english_variant\": \"Canadian\",", "english_variant"),
        ("\"english_variant\": 2,", "english_variant"),
        ("\"project_words\": [\"Ashtari\"],", "project_words"),
        ("\"project_words\": {\"added\": [1]},", "project_words"),
        ("\"project_words\": {\"names\": []},", "project_words"),
    ] {
        let text = original.replace("\"desk\": \"kept\"", &format!("{field} \"desk\": \"kept\""));
        assert_ne!(text, original);
        assert_refused_unchanged(&text, 3, says);
    }
    // The same fields in their version-4 shape load (a version-3 file a newer Virast's
    // fields were copied into).
    let text = original.replace(
        "\"desk\": \"kept\"",
        "\"english_variant\": \"en-GB\", \"desk\": \"kept\"",
    );
    let project = store::from_json(text.as_bytes(), Path::new("p.virast.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(project.meta.english_variant, Variant::EnGb);
}

#[test]
fn the_project_dictionary_and_variant_round_trip_through_save_and_load() {
    let mut project = store::load(&fixture(3)).unwrap_or_else(|e| panic!("{e}"));
    project.meta.english_variant = Variant::EnGb;
    let words = &mut project.meta.project_words;
    words.added.insert("Mashhad".into());
    words.added.insert("Ashtari".into());
    words.ignored.insert("Khabarresa".into());

    let (text, _dir, path) = save_and_read(&project);
    for field in [
        "\"english_variant\": \"en-GB\"",
        "\"project_words\": {",
        "\"added\": [\n        \"Ashtari\",\n        \"Mashhad\"\n      ]",
        "\"ignored\": [\n        \"Khabarresa\"\n      ]",
    ] {
        assert!(text.contains(field), "{field} in {text}");
    }
    // Known fields come before the unknown ones kept from the file.
    let meta_end = text.find("\"desk\"").unwrap_or_default();
    assert!(
        text.find("\"project_words\"")
            .is_some_and(|at| at < meta_end)
    );

    let again = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, project);
    assert_eq!(again.meta.english_variant, Variant::EnGb);
    let speller = Speller::new(again.meta.english_variant, &again.meta.project_words);
    assert!(
        speller
            .misspelt("", "Ashtari and Khabarresa in Mashhad.")
            .is_empty()
    );
    assert_eq!(
        speller.misspelt("", "Ashtary said."),
        vec![std::ops::Range { start: 0, end: 7 }]
    );

    // Emptied again, the fields leave the file (absent means en-US and no words).
    let mut plain = again.clone();
    plain.meta.english_variant = Variant::EnUs;
    plain.meta.project_words = ProjectWords::default();
    let text = String::from_utf8(store::to_json(&plain).unwrap_or_default()).unwrap_or_default();
    assert!(!text.contains("english_variant") && !text.contains("project_words"));
}

#[test]
fn a_version_4_file_loads_with_no_conflict_and_is_saved_as_the_current_version() {
    let original = std::fs::read_to_string(fixture(4)).unwrap_or_default();
    assert!(
        original.contains("\"version\": 4,"),
        "the fixture is version 4"
    );
    let project = store::load(&fixture(4)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(project.meta.english_variant, Variant::EnGb);
    assert!(project.meta.project_words.added.contains("Ashtari"));
    assert_eq!(project.conflict_count(), 0);
    assert!(project.segments.iter().all(|s| s.conflict.is_none()));

    let (text, _dir, path) = save_and_read(&project);
    assert!(!text.contains("conflict"), "no conflict field is written");
    assert_eq!(
        text.replace(CURRENT, "\"version\": 4,"),
        original,
        "migration 4→5 changes nothing else"
    );
    let again = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, project);
}

#[test]
fn a_version_4_file_with_a_conflict_field_of_its_own_is_refused_unchanged() {
    let original = std::fs::read_to_string(fixture(4)).unwrap_or_default();
    let text = original.replacen(
        "\"alignment_confidence\": 42",
        "\"alignment_confidence\": 42, \"conflict\": \"someone else's\"",
        1,
    );
    assert_ne!(text, original);
    assert_refused_unchanged(&text, 4, "conflict");
}

#[test]
fn a_recorded_conflict_round_trips_and_resolving_it_keeps_both_texts_in_the_history() {
    use virast::model::{Conflict, ConflictKind, Resolution, Version};
    let mut project = store::load(&fixture(4)).unwrap_or_else(|e| panic!("{e}"));
    let stamp = Stamp::now("Reza");
    let version = |target: &str, author: &str| Version {
        target: target.into(),
        status: Status::Translated,
        source: None,
        author: author.into(),
        extra: virast::model::Extra::new(),
    };
    project.segments[1].conflict = Some(Box::new(Conflict {
        kind: ConflictKind::EditedBoth,
        time: stamp.time,
        base: Some(version("Goodbye.", "ana")),
        ours: version("Goodbye.", "ana"),
        theirs: version("Farewell.", "Reza"),
        earlier: Vec::new(),
        note: String::new(),
        extra: virast::model::Extra::new(),
    }));
    let (text, _dir, path) = save_and_read(&project);
    assert!(text.contains("\"conflict\": {"), "{text}");
    assert!(text.contains("\"kind\": \"edited_both\""), "{text}");
    let mut again = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, project);
    assert_eq!(again.conflict_count(), 1);

    assert_eq!(
        again.resolve_conflict(1, &Resolution::Theirs, &stamp),
        Ok(true)
    );
    let seg = &again.segments[1];
    assert_eq!(seg.target, "Farewell.");
    assert!(seg.conflict.is_none());
    let last = seg
        .history
        .last()
        .map(|r| (r.action.clone(), r.note.clone()));
    let (action, note) = last.unwrap_or((Action::Edit, String::new()));
    assert_eq!(action, Action::ResolveConflict);
    assert!(
        note.contains("Goodbye.") && note.contains("Farewell."),
        "{note}"
    );
    assert_eq!(again.conflict_count(), 0);
    assert_eq!(
        again.resolve_conflict(1, &Resolution::Ours, &stamp),
        Ok(false),
        "nothing left to resolve"
    );
}

#[test]
fn a_version_5_file_loads_with_no_glossary_keeps_its_conflict_and_is_saved_as_the_current_version()
{
    let original = std::fs::read_to_string(fixture(5)).unwrap_or_default();
    assert!(
        original.contains("\"version\": 5,"),
        "the fixture is version 5"
    );
    let project = store::load(&fixture(5)).unwrap_or_else(|e| panic!("{e}"));
    assert!(project.meta.glossaries.is_empty() && project.meta.terms.is_empty());
    assert_eq!(
        project.conflict_count(),
        1,
        "the version-5 conflict is kept"
    );
    assert_eq!(project.meta.english_variant, Variant::EnGb);

    let (text, _dir, path) = save_and_read(&project);
    assert!(!text.contains("glossaries") && !text.contains("\"terms\""));
    assert_eq!(
        text.replace(CURRENT, "\"version\": 5,"),
        original,
        "migration 5→6 changes nothing else"
    );
    let again = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, project);
}

#[test]
fn a_version_5_file_with_glossary_fields_of_its_own_is_refused_unchanged() {
    let original = std::fs::read_to_string(fixture(5)).unwrap_or_default();
    for (field, says) in [
        ("\"glossaries\": \"house.tbx\",", "glossaries"),
        ("\"terms\": [],", "terms"),
    ] {
        let text = original.replacen(
            "\"desk\": \"kept\"",
            &format!("{field} \"desk\": \"kept\""),
            1,
        );
        assert_ne!(text, original);
        assert_refused_unchanged(&text, 5, says);
    }
}

#[test]
fn glossary_links_and_project_terms_round_trip_and_a_version_5_reader_is_told_the_file_is_newer() {
    use virast::glossary::{PartOfSpeech, Term};
    let mut project = store::load(&fixture(5)).unwrap_or_else(|e| panic!("{e}"));
    project.meta.glossaries = vec!["../glossaries/house.tbx".into(), "desk.tsv".into()];
    let mut naja = Term::new("ناجا", "NAJA");
    naja.admitted = vec!["the police".into()];
    naja.forbidden = vec!["Naja".into()];
    naja.note = "Iran's law enforcement force".into();
    naja.pos = PartOfSpeech::ProperNoun;
    project.meta.terms = vec![naja, Term::new("مجلس", "parliament")];
    let (text, _dir, path) = save_and_read(&project);
    for field in [
        "\"glossaries\": [",
        "\"../glossaries/house.tbx\"",
        "\"terms\": [",
        "\"source\": \"ناجا\"",
        "\"forbidden\": [",
        "\"pos\": \"properNoun\"",
    ] {
        assert!(text.contains(field), "{field} in {text}");
    }
    let again = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, project);
    // A version-5 reader refuses the file (the version field says 6), so it never drops the
    // glossary links unnoticed; this build refuses a version-7 file the same way.
    let newer = text.replace(CURRENT, "\"version\": 7,");
    let err = store::from_json(newer.as_bytes(), Path::new("p.virast.json"))
        .map(|_| ())
        .unwrap_err();
    assert!(
        err.to_string().contains("version 7") && err.to_string().contains("up to 6"),
        "{err}"
    );
}
