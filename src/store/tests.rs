use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;

use super::*;
use crate::model::{Action, Comment, Revision, SegmentId, Stamp, Status};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0)
        .single()
        .unwrap_or_default()
}

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("unexpected error: {e}"))
}

fn err<T: std::fmt::Debug, E>(r: Result<T, E>) -> E {
    match r {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e,
    }
}

fn sample() -> Project {
    let text = "سلام. خوبی؟\r\nخداحافظ.";
    let article = ok(crate::import::decode(text.as_bytes(), Path::new("a.txt")));
    let mut p = article.into_project("نمونه", t0());
    let stamp = Stamp {
        author: "ana".into(),
        time: t0(),
    };
    ok(p.set_target(0, "Hello.", &stamp));
    ok(p.add_comment(0, "«چرا؟»", &stamp));
    p
}

fn edited(mut p: Project, target: &str) -> Project {
    let stamp = Stamp {
        author: "bo".into(),
        time: t0() + chrono::Duration::hours(1),
    };
    ok(p.set_target(1, target, &stamp));
    p
}

fn save_new(path: &Path, p: &Project) -> ProjectFile {
    let mut file = ProjectFile::new(path);
    ok(file.save(p));
    file
}

#[test]
fn save_then_open_gives_the_same_project() {
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("p.virast.json");
    let p = sample();
    save_new(&path, &p);
    let opened = ok(open(&path));
    assert_eq!(opened.project, p);
    assert_eq!(ok(load(&path)), p);
}

#[test]
fn file_starts_with_marker_and_version_and_has_one_line_per_field() {
    let text = ok(String::from_utf8(ok(to_json(&sample()))));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "{");
    assert_eq!(lines[1], "  \"format\": \"virast-project\",");
    assert_eq!(lines[2], "  \"version\": 6,");
    assert_eq!(lines[3], "  \"meta\": {");
    assert!(text.ends_with("}\n"));
    // Each segment is its own object, its fields on their own lines, in a fixed order.
    let field_order = [
        "\"id\": 1,",
        "\"source\": \"سلام.\",",
        "\"separator\": \" \",",
        "\"target\": \"Hello.\",",
        "\"status\": \"translated\",",
    ];
    let first = lines
        .iter()
        .position(|l| l.trim() == field_order[0])
        .unwrap_or_else(|| panic!("no segment id line in\n{text}"));
    for (i, want) in field_order.iter().enumerate() {
        assert_eq!(lines[first + i].trim(), *want);
    }
    // Non-ASCII text is written as is, not escaped, so diffs stay readable.
    assert!(text.contains("«چرا؟»"));
    assert!(text.contains("\"separator\": \"\\r\\n\""));
}

#[test]
fn newer_version_is_refused_naming_both_versions() {
    let text = String::from_utf8(ok(to_json(&sample())))
        .unwrap_or_default()
        .replace("\"version\": 6,", "\"version\": 7,");
    let e = err(from_json(text.as_bytes(), Path::new("x/new.virast.json")));
    assert!(matches!(
        e,
        StoreError::TooNew {
            found: 7,
            supported: 6,
            ..
        }
    ));
    let msg = e.to_string();
    assert!(
        msg.contains("x/new.virast.json") && msg.contains("version 7") && msg.contains("up to 6"),
        "{msg}"
    );
}

#[test]
fn missing_or_odd_versions_and_markers_are_refused() {
    let p = Path::new("f.json");
    assert!(matches!(
        err(from_json(
            br#"{"format": "virast-project", "version": 0}"#,
            p
        )),
        StoreError::UnknownVersion { .. }
    ));
    let e = err(from_json(br#"{"format": "virast-project"}"#, p));
    assert!(
        e.to_string()
            .contains("unknown project format version null"),
        "{e}"
    );
    assert!(matches!(
        err(from_json(
            br#"{"format": "virast-project", "version": "1"}"#,
            p
        )),
        StoreError::UnknownVersion { .. }
    ));
    assert!(matches!(
        err(from_json(br#"{"version": 1}"#, p)),
        StoreError::NotAProject { .. }
    ));
    assert!(matches!(
        err(from_json(b"[1, 2]", p)),
        StoreError::Malformed { .. }
    ));
    // A complete object without the marker, or with trailing garbage, is checked to the end.
    assert!(matches!(
        err(from_json(br#"{"a": 1} x"#, p)),
        StoreError::Malformed { .. }
    ));
    // The marker and version need not come first.
    let e = err(from_json(
        br#"{"x": [1], "version": 9, "format": "virast-project"}"#,
        p,
    ));
    assert!(matches!(e, StoreError::TooNew { found: 9, .. }));
    assert!(matches!(
        err(from_json(b"just text", p)),
        StoreError::Malformed { line: 1, .. }
    ));
    assert!(matches!(
        err(from_json(br#"{"format": "other", "version": 1}"#, p)),
        StoreError::NotAProject { .. }
    ));
}

#[test]
fn wrong_field_types_give_line_and_column() {
    let text = String::from_utf8(ok(to_json(&sample())))
        .unwrap_or_default()
        .replace("\"status\": \"translated\"", "\"status\": \"finished\"");
    let e = err(from_json(text.as_bytes(), Path::new("p.json")));
    let StoreError::Malformed {
        line,
        column,
        message,
        ..
    } = &e
    else {
        panic!("expected Malformed, got {e:?}");
    };
    let want_line = text
        .lines()
        .position(|l| l.contains("finished"))
        .unwrap_or_default()
        + 1;
    assert_eq!(*line, want_line);
    assert!(*column > 0);
    assert!(message.contains("finished"), "{message}");
    assert!(
        e.to_string().contains(&format!("line {want_line}, column")),
        "{e}"
    );
}

/// A test-only step (not a real format change): version 1 called the list "sentences".
fn rename_sentences(doc: &mut Value) -> Result<(), String> {
    let obj = doc.as_object_mut().ok_or("not an object")?;
    let list = obj.remove("sentences").ok_or("no sentences")?;
    obj.insert("segments".into(), list);
    Ok(())
}

#[test]
fn migration_steps_run_in_order_and_set_the_version() {
    let steps: &[Migration] = &[rename_sentences];
    let mut doc = serde_json::json!({"format": FORMAT, "version": 1, "sentences": []});
    assert_eq!(migrate(&mut doc, 1, 1, steps), Ok(()));
    assert_eq!(doc["version"], 2);
    assert_eq!(doc["segments"], serde_json::json!([]));
    // Already current: nothing runs.
    let mut current = doc.clone();
    assert_eq!(migrate(&mut current, 2, 1, steps), Ok(()));
    assert_eq!(current, doc);
    // Older than the first known version.
    assert_eq!(migrate(&mut doc, 0, 1, steps), Err(MigrateError::Unknown));
    // A failing step is reported.
    let mut bad = serde_json::json!({"format": FORMAT, "version": 1});
    assert_eq!(
        migrate(&mut bad, 1, 1, steps),
        Err(MigrateError::Step("no sentences".into()))
    );
}

#[test]
fn saving_keeps_the_previous_version_as_backup() {
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("p.virast.json");
    let first = sample();
    let mut file = save_new(&path, &first);
    assert!(
        !file.backup_path().exists(),
        "nothing to back up on the first save"
    );
    let second = edited(first.clone(), "Fine?");
    ok(file.save(&second));
    assert_eq!(ok(load(&file.backup_path())), first);
    assert_eq!(ok(load(&path)), second);
    // No temporary files are left behind.
    let mut names: Vec<String> = ok(fs::read_dir(dir.path()))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["p.virast.json", "p.virast.json.bak"]);
}

#[test]
fn a_same_size_change_on_disk_is_seen_by_content() {
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("p.virast.json");
    save_new(&path, &sample());
    let mut mine = ok(open(&path));
    let mut theirs = ok(open(&path));
    ok(theirs.file.save(&edited(sample(), "Fine!")));
    let theirs_bytes = ok(fs::read(&path));
    let e = err(mine.file.save(&edited(sample(), "Fine?")));
    assert!(e.is_conflict());
    assert!(matches!(
        e,
        StoreError::Conflict {
            kind: ConflictKind::ChangedOnDisk,
            ..
        }
    ));
    assert_eq!(ok(fs::read(&path)), theirs_bytes, "their file is untouched");
}

#[test]
fn touching_the_file_is_not_a_conflict() {
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("p.virast.json");
    let file = save_new(&path, &sample());
    let f = ok(fs::File::options().write(true).open(&path));
    ok(f.set_modified(SystemTime::now() + Duration::from_mins(1)));
    ok(file.check_unchanged());
}

#[test]
fn a_new_project_does_not_replace_an_existing_file() {
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("p.virast.json");
    ok(fs::write(&path, "someone's notes"));
    let e = err(ProjectFile::new(&path).save(&sample()));
    assert!(matches!(
        e,
        StoreError::Conflict {
            kind: ConflictKind::AlreadyExists,
            ..
        }
    ));
    assert_eq!(ok(fs::read_to_string(&path)), "someone's notes");
    let mut file = ProjectFile::new(&path);
    ok(file.save_overwriting(&sample()));
    assert_eq!(
        ok(fs::read_to_string(file.backup_path())),
        "someone's notes"
    );
}

#[test]
fn save_error_names_the_file_and_leaves_nothing_behind() {
    let dir = ok(tempfile::tempdir());
    // The parent "folder" is a regular file, so no file can be created in it, not even by root.
    let not_dir = dir.path().join("plain-file");
    ok(fs::write(&not_dir, "x"));
    let path = not_dir.join("p.virast.json");
    let e = err(ProjectFile::new(&path).save(&sample()));
    let msg = e.to_string();
    assert!(matches!(e, StoreError::Save { .. }), "{e:?}");
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(msg.contains("cannot create a temporary file"), "{msg}");
    assert!(msg.ends_with("; nothing was written"), "{msg}");
    assert_eq!(ok(fs::read_dir(dir.path())).count(), 1);
}

#[test]
fn saving_through_a_symlink_keeps_the_link() {
    let dir = ok(tempfile::tempdir());
    let real = dir.path().join("real.virast.json");
    let link = dir.path().join("link.virast.json");
    save_new(&real, &sample());
    ok(std::os::unix::fs::symlink(&real, &link));
    let mut opened = ok(open(&link));
    ok(opened.file.save(&edited(sample(), "Yes.")));
    assert!(ok(fs::symlink_metadata(&link)).file_type().is_symlink());
    assert_eq!(ok(load(&real)), edited(sample(), "Yes."));
}

#[test]
fn missing_file_error_names_it() {
    let e = err(open(Path::new("/nonexistent/virast/p.virast.json")));
    assert!(
        e.to_string()
            .starts_with("cannot read /nonexistent/virast/p.virast.json"),
        "{e}"
    );
}

fn any_time() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..4_102_444_800, 0u32..1_000_000_000)
        .prop_map(|(s, n)| Utc.timestamp_opt(s, n).single().unwrap_or_default())
}

fn any_status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn any_revision() -> impl Strategy<Value = Revision> {
    let action = prop::sample::select(vec![
        Action::Edit,
        Action::MarkTranslated,
        Action::Approve,
        Action::SendBack,
        Action::SetStatus,
        Action::Split,
        Action::Merge,
        Action::Replace,
        Action::Comment,
        Action::ResolveComment,
        Action::QaIgnore,
        Action::Import,
        Action::Realign,
        Action::CorrectSource,
    ]);
    (
        ".*",
        any_time(),
        action,
        ".*",
        ".*",
        any_status(),
        any_status(),
        ".*",
        prop::option::of((".*", ".*")),
    )
        .prop_map(
            |(author, time, action, before, after, sb, sa, note, sources)| Revision {
                author,
                time,
                action,
                target_before: before,
                target_after: after,
                status_before: sb,
                status_after: sa,
                note,
                source_before: sources.as_ref().map(|s| s.0.clone()),
                source_after: sources.map(|s| s.1),
                extra: Extra::new(),
            },
        )
}

fn any_comment() -> impl Strategy<Value = Comment> {
    (any::<u64>(), ".*", any_time(), ".*", any::<bool>()).prop_map(
        |(id, author, time, text, resolved)| Comment {
            id,
            author,
            time,
            text,
            resolved,
            extra: Extra::new(),
        },
    )
}

fn any_segment() -> impl Strategy<Value = Segment> {
    (
        any::<u64>(),
        ".*",
        "[ \t\r\n]*",
        ".*",
        any_status(),
        prop::collection::vec(any_comment(), 0..3),
        prop::collection::vec(any_revision(), 0..3),
        prop::collection::vec(".*", 0..2),
        prop::option::of(0u8..=100),
        prop::option::of(".*"),
    )
        .prop_map(
            |(
                id,
                source,
                separator,
                target,
                status,
                comments,
                history,
                qa_ignored,
                confidence,
                original,
            )| {
                // A conflict on every segment with an original, to round-trip that field too.
                let conflict = original.as_ref().map(|theirs| {
                    let version = |target: &str| crate::model::Version {
                        target: target.to_owned(),
                        status,
                        source: None,
                        author: "reza".into(),
                        extra: Extra::new(),
                    };
                    Box::new(crate::model::Conflict {
                        kind: crate::model::ConflictKind::EditedBoth,
                        time: chrono::DateTime::UNIX_EPOCH,
                        base: None,
                        ours: version(&target),
                        theirs: version(theirs),
                        earlier: Vec::new(),
                        note: String::new(),
                        extra: Extra::new(),
                    })
                });
                Segment {
                    id: SegmentId(id),
                    source,
                    separator,
                    target,
                    status,
                    comments,
                    history,
                    qa_ignored,
                    alignment_confidence: confidence,
                    original_source: original,
                    conflict,
                    extra: Extra::new(),
                }
            },
        )
}

fn any_project() -> impl Strategy<Value = Project> {
    let meta = (
        ".*",
        prop::option::of(".*"),
        prop::option::of(".*"),
        prop::option::of(".*"),
        any_time(),
        any_time(),
        "[ \n]*",
        any::<bool>(),
        prop::option::of(".*"),
        any::<bool>(),
        (
            prop::collection::btree_set(".*", 0..4),
            prop::collection::btree_set(".*", 0..4),
        ),
    )
        .prop_map(
            |(
                title,
                source_name,
                source_url,
                published,
                created,
                modified,
                prefix,
                bom,
                imported,
                british,
                (added, ignored),
            )| Meta {
                title,
                source_lang: "fa".into(),
                target_lang: "en".into(),
                source_name,
                source_url,
                published,
                created,
                modified,
                source_prefix: prefix,
                source_bom: bom,
                imported_source: imported,
                english_variant: if british {
                    crate::spell::Variant::EnGb
                } else {
                    crate::spell::Variant::EnUs
                },
                project_words: crate::spell::ProjectWords { added, ignored },
                glossaries: Vec::new(),
                terms: Vec::new(),
                extra: Extra::new(),
            },
        );
    (
        meta,
        any::<u64>(),
        prop::collection::vec(any_segment(), 0..6),
    )
        .prop_map(|(meta, next_id, segments)| Project {
            meta,
            next_id,
            segments,
            extra: Extra::new(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn save_then_load_gives_an_equal_project(p in any_project()) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let path = dir.path().join("p.virast.json");
        let mut file = ProjectFile::new(&path);
        file.save(&p).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let loaded = load(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(loaded, p);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        // Any outcome is fine as long as it is a value, not a panic.
        let _ = from_json(&bytes, Path::new("x.json"));
    }
}

#[test]
fn export_never_writes_over_virast_files_and_replaces_others_only_when_told() {
    let dir = ok(tempfile::tempdir());
    let project = dir.path().join("renamed.txt");
    save_new(&project, &sample());
    let before = ok(fs::read(&project));
    let e = err(write_export(&project, b"English.", true));
    assert!(
        matches!(
            e,
            StoreError::ProtectedFile {
                what: "project file",
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(
        ok(fs::read(&project)),
        before,
        "a project under any name is kept"
    );

    let side = dir.path().join("x.autosave");
    ok(autosave::write_sidecar(&side, &sample(), None, "ana"));
    let side_before = ok(fs::read(&side));
    assert!(matches!(
        err(write_export(&side, b"English.", true)),
        StoreError::ProtectedFile {
            what: "autosave",
            ..
        }
    ));
    assert_eq!(ok(fs::read(&side)), side_before);

    assert!(matches!(
        err(write_export(dir.path(), b"English.", true)),
        StoreError::IsFolder { .. }
    ));

    let notes = dir.path().join("notes.txt");
    ok(fs::write(&notes, "mine"));
    assert!(matches!(
        err(write_export(&notes, b"English.", false)),
        StoreError::Exists { .. }
    ));
    assert_eq!(ok(fs::read_to_string(&notes)), "mine");
    ok(write_export(&notes, b"English.", true));
    assert_eq!(ok(fs::read_to_string(&notes)), "English.");
    let fresh = dir.path().join("new.txt");
    ok(write_export(&fresh, b"English.", false));
    assert_eq!(ok(fs::read_to_string(&fresh)), "English.");
}

/// Every object's keys sorted, as `jq -S` writes them.
fn sorted_keys(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.sort_keys();
            map.values_mut().for_each(sorted_keys);
        }
        Value::Array(items) => items.iter_mut().for_each(sorted_keys),
        _ => {}
    }
}

/// Issue 28 item 5: a project re-saved with sorted keys (`"version"` last, after far more than
/// 4 KiB of segments), or with a long unknown key before `"format"`, is still a project: an
/// export never writes over it.
#[test]
fn a_project_with_sorted_keys_or_a_late_format_is_never_overwritten_by_an_export() {
    let dir = ok(tempfile::tempdir());
    let mut p = sample();
    let stamp = Stamp {
        author: "ana".into(),
        time: t0(),
    };
    for n in 0..60 {
        ok(p.add_comment(
            1,
            &format!("یادداشت {n}: the figure needs a second source."),
            &stamp,
        ));
    }
    let mut doc: Value = ok(serde_json::from_slice(&ok(to_json(&p))));
    sorted_keys(&mut doc);
    let sorted = ok(serde_json::to_vec_pretty(&doc));
    let version_at = sorted
        .windows(9)
        .position(|w| w == b"\"version\"")
        .unwrap_or_default();
    assert!(version_at > 16 * 1024, "\"version\" at byte {version_at}");

    // An unknown top-level key sorts before "format" and pushes it past the first 4 KiB too.
    let mut late = doc.clone();
    if let Value::Object(map) = &mut late {
        map.insert("annotations".into(), Value::from("x".repeat(8 * 1024)));
        map.sort_keys();
    }
    let late = ok(serde_json::to_vec_pretty(&late));
    assert!(late.windows(8).position(|w| w == b"\"format\"") > Some(8 * 1024));

    for (name, bytes) in [("sorted.json", sorted), ("late.virast.json", late)] {
        let path = dir.path().join(name);
        ok(fs::write(&path, &bytes));
        let loaded = ok(load(&path));
        assert!(loaded.segments == p.segments, "{name} is a valid project");
        assert_eq!(existing(&path), Existing::Project, "{name}");
        for replace in [false, true] {
            assert!(
                matches!(
                    err(write_export(&path, b"English.", replace)),
                    StoreError::ProtectedFile {
                        what: "project file",
                        ..
                    }
                ),
                "{name}"
            );
        }
        assert_eq!(ok(fs::read(&path)), bytes, "{name} left byte for byte");
    }

    // Not projects: JSON without the marker, JSON that is not an object, a marker of another
    // program, and a truncated project whose marker came first (still protected).
    let other = dir.path().join("other.json");
    for (bytes, want) in [
        (
            &br#"{"version": 5, "segments": []}"#[..],
            Existing::OtherFile,
        ),
        (br#"[{"format": "virast-project"}]"#, Existing::OtherFile),
        (
            br#"{"format": "something-else", "version": 5}"#,
            Existing::OtherFile,
        ),
        (
            br#"{"format": "virast-project", "segments": [{"#,
            Existing::Project,
        ),
        (b"\x00\x01 binary", Existing::OtherFile),
    ] {
        ok(fs::write(&other, bytes));
        assert_eq!(existing(&other), want, "{}", String::from_utf8_lossy(bytes));
    }
}
