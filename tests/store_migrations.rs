//! Older project formats still load. Version 1 (the first published one) and version 2
//! (alignment confidence) go through the migrations to version 3 (source correction), keep
//! every field, have no alignment information (v1) and no corrected source (both), and the next
//! save writes version 3; a corrected project round-trips with its audit trail.

use std::path::Path;

use virast::model::{Action, Project, Stamp, Status};
use virast::store::{self, ProjectFile};

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

#[test]
fn a_version_1_file_loads_and_is_saved_as_version_3() {
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
    assert!(text.contains("\"version\": 3,"), "{text}");
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
    assert_eq!(store::VERSION, 3);
    assert_eq!(store::MIGRATIONS.len(), 2);
}

#[test]
fn a_version_2_file_loads_keeps_its_fields_and_is_saved_as_version_3() {
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
    assert!(text.contains("\"version\": 3,"), "{text}");
    assert!(text.contains("\"alignment_confidence\": 42"));
    assert!(!text.contains("original_source") && !text.contains("imported_source"));
    // Apart from the version, the file is written back line for line.
    assert_eq!(
        text.replace("\"version\": 3,", "\"version\": 2,"),
        original,
        "migration 2→3 changes nothing else"
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
    // A version-2 reader is told the file is newer (the version field says 3).
    assert!(text.contains("\"version\": 3,"));
}
