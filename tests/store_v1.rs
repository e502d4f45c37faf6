//! Project format version 1 (the first published one) still loads: migration 1→2 keeps every
//! field, a version-1 segment has no alignment information, and the next save writes version 2.

use std::path::Path;

use virast::store::{self, ProjectFile};

fn fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/project-v1.virast.json")
}

#[test]
fn a_version_1_file_loads_and_is_saved_as_version_2() {
    let project = store::load(&fixture()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(project.segments.len(), 2);
    assert_eq!(project.segments[0].target, "Hello.");
    assert_eq!(project.segments[0].history.len(), 2);
    assert_eq!(project.segments[1].separator, "\r\n");
    assert!(
        project
            .segments
            .iter()
            .all(|s| s.alignment_confidence.is_none())
    );

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("p.virast.json");
    ProjectFile::new(&path)
        .save(&project)
        .unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(text.contains("\"version\": 2,"), "{text}");
    assert!(
        !text.contains("alignment_confidence"),
        "absent stays absent"
    );
    let again = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, project);
}

#[test]
fn confidence_round_trips_and_a_version_1_reader_would_see_a_newer_file() {
    let mut project = store::load(&fixture()).unwrap_or_else(|e| panic!("{e}"));
    project.segments[1].alignment_confidence = Some(37);
    let bytes = store::to_json(&project).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8(bytes.clone()).unwrap_or_default();
    assert!(text.contains("\"alignment_confidence\": 37"), "{text}");
    let back =
        store::from_json(&bytes, Path::new("p.virast.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.segments[1].alignment_confidence, Some(37));
    assert_eq!(store::VERSION, 2);
    assert_eq!(store::MIGRATIONS.len(), 1);
}
