//! Issue 8 at the file level: invariants checked on load, ids at the top of the integer range,
//! and unknown fields kept through load, edit and save.

use crate::store_common;

use std::fs;
use std::path::Path;

use chrono::{TimeZone, Utc};
use serde_json::{Value, json};
use store_common::{ok, reviewed_sample};
use virast::model::{EditError, InvalidProject, Project, SegmentId, Stamp};
use virast::store::{self, StoreError};

fn stamp(minutes: i64) -> Stamp {
    Stamp {
        author: "bo".into(),
        time: Utc
            .with_ymd_and_hms(2026, 11, 29, 9, 0, 0)
            .single()
            .unwrap_or_default()
            + chrono::Duration::minutes(minutes),
    }
}

/// Where segment `i` can be split: its first space.
fn space(p: &Project, i: usize) -> usize {
    p.segments[i].source.find(' ').unwrap_or_default()
}

/// The first segment that can be merged with the next (same paragraph).
fn mergeable(p: &Project) -> usize {
    (0..p.segments.len().saturating_sub(1))
        .find(|&i| !p.segments[i].ends_paragraph())
        .unwrap_or_else(|| panic!("no two sentences in one paragraph"))
}

/// Bytes of `p` as a file, without the checks of a real save.
fn file_bytes(p: &Project) -> Vec<u8> {
    ok(store::to_json(p))
}

/// Write `bytes` as a project file, load it expecting an error, check the file is untouched.
fn load_error(dir: &Path, bytes: &[u8]) -> StoreError {
    let path = dir.join("bad.virast.json");
    ok(fs::write(&path, bytes));
    let e = store::load(&path).err();
    let opened = store::open(&path).err().map(|e| e.to_string());
    assert_eq!(
        ok(fs::read(&path)),
        bytes,
        "a refused file is left as it was"
    );
    let Some(e) = e else {
        panic!("the file was accepted");
    };
    assert_eq!(opened, Some(e.to_string()), "open refuses it the same way");
    assert!(
        e.to_string().starts_with(&path.display().to_string()),
        "the message names the file: {e}"
    );
    e
}

#[test]
fn duplicate_segment_ids_are_refused_naming_them() {
    let dir = ok(tempfile::tempdir());
    let mut p = reviewed_sample();
    p.segments[4].id = SegmentId(3);
    p.segments[7].id = SegmentId(2);
    p.segments[8].id = SegmentId(2);
    let e = load_error(dir.path(), &file_bytes(&p));
    assert!(
        matches!(&e, StoreError::Invalid { problem: InvalidProject::DuplicateSegmentIds { ids }, .. }
            if *ids == [SegmentId(2), SegmentId(3)]),
        "{e:?}"
    );
    assert!(
        e.to_string().ends_with(
            "is not a valid project: segment ids must be unique, but #2, #3 are used more than once"
        ),
        "{e}"
    );

    // Many (ids 1..=24 become 100, 101, 101, 102, 102, ..., 112): the message stays short.
    let pieces = (0..30).map(|i| (format!("جمله {i}."), " ".to_owned()));
    let mut p = Project::new("many", "", pieces, stamp(0).time);
    for seg in &mut p.segments[..24] {
        seg.id = SegmentId(seg.id.0 / 2 + 100);
    }
    let msg = load_error(dir.path(), &file_bytes(&p)).to_string();
    assert!(msg.contains("but #101, #102, #103, "), "{msg}");
    assert!(
        msg.ends_with(" and 1 more are used more than once"),
        "{msg}"
    );
}

#[test]
fn duplicate_comment_ids_are_refused() {
    let dir = ok(tempfile::tempdir());
    let mut p = reviewed_sample();
    ok(p.add_comment(1, "second comment", &stamp(0)));
    p.segments[1].comments[1].id = p.segments[1].comments[0].id;
    let e = load_error(dir.path(), &file_bytes(&p));
    assert!(
        e.to_string()
            .ends_with("segment #2 has more than one comment with id 1"),
        "{e}"
    );
}

#[test]
fn next_id_not_above_the_ids_is_repaired_not_refused() {
    let mut p = reviewed_sample();
    p.next_id = 1;
    let mut loaded = ok(store::from_json(&file_bytes(&p), Path::new("p.json")));
    let new = ok(loaded.split(0, space(&loaded, 0), &stamp(0)));
    let max_before = p.segments.iter().map(|s| s.id.0).max().unwrap_or(0);
    assert_eq!(loaded.segments[new].id, SegmentId(max_before + 1));
    ok(loaded.validate());
}

/// A file whose ids are set by `edit`, loaded back.
fn loaded_with(edit: impl FnOnce(&mut Project)) -> Project {
    let mut p = reviewed_sample();
    edit(&mut p);
    ok(store::from_json(&file_bytes(&p), Path::new("p.json")))
}

#[test]
fn ids_at_the_top_of_the_range_give_an_error_not_a_panic() {
    let split_at = space(&reviewed_sample(), 0);
    // The counter at the top.
    let mut p = loaded_with(|p| p.next_id = u64::MAX);
    let before = p.clone();
    assert_eq!(p.split(0, split_at, &stamp(0)), Err(EditError::NoFreeId));
    assert_eq!(p, before, "a refused split changes nothing");

    // An id at the top, the counter low.
    let mut p = loaded_with(|p| p.segments[3].id = SegmentId(u64::MAX));
    let before = p.clone();
    assert_eq!(p.split(0, split_at, &stamp(0)), Err(EditError::NoFreeId));
    assert_eq!(p, before);
    assert!(
        EditError::NoFreeId
            .to_string()
            .contains("no unused id is left")
    );

    // Just below the top: one more split works, then the ids run out cleanly.
    let mut p = loaded_with(|p| p.next_id = u64::MAX - 1);
    let new = ok(p.split(0, split_at, &stamp(0)));
    assert_eq!(p.segments[new].id, SegmentId(u64::MAX - 1));
    assert_eq!(p.next_id, u64::MAX);
    let before = p.clone();
    assert_eq!(
        p.split(2, space(&p, 2), &stamp(1)),
        Err(EditError::NoFreeId)
    );
    assert_eq!(p, before);
    // Saved and loaded again, the project is still fine.
    let again = ok(store::from_json(&file_bytes(&p), Path::new("p.json")));
    assert_eq!(again, p);

    // A counter past u64 is a damaged file, with a position.
    let text = String::from_utf8(file_bytes(&reviewed_sample())).unwrap_or_default();
    let next = format!("\"next_id\": {},", reviewed_sample().next_id);
    let huge = text.replace(&next, "\"next_id\": 18446744073709551616,");
    assert_ne!(huge, text);
    assert!(matches!(
        store::from_json(huge.as_bytes(), Path::new("p.json")),
        Err(StoreError::Malformed { .. })
    ));
}

#[test]
fn comment_ids_at_the_top_or_zero_do_not_overflow_or_collide() {
    let mut p = loaded_with(|p| p.segments[1].comments[0].id = u64::MAX);
    let before = p.clone();
    assert_eq!(
        p.add_comment(1, "one more", &stamp(0)),
        Err(EditError::NoFreeId)
    );
    assert_eq!(p, before);

    // Merging would have to renumber the second segment's comments past the top.
    let m = mergeable(&reviewed_sample());
    let mut p = loaded_with(|p| {
        ok(p.add_comment(m, "first", &stamp(0)));
        ok(p.add_comment(m + 1, "low", &stamp(0)));
        ok(p.add_comment(m + 1, "high", &stamp(0)));
        p.segments[m + 1].comments[1].id = u64::MAX;
    });
    let before = p.clone();
    assert_eq!(p.merge_with_next(m, &stamp(1)), Err(EditError::NoFreeId));
    assert_eq!(p, before, "nothing merged, nothing lost");

    // A hand-edited comment id 0 on the second segment does not collide with the first's.
    let mut p = loaded_with(|p| {
        ok(p.add_comment(m, "first", &stamp(0)));
        ok(p.add_comment(m + 1, "x", &stamp(0)));
        p.segments[m + 1].comments[0].id = 0;
    });
    ok(p.merge_with_next(m, &stamp(1)));
    let ids: Vec<u64> = p.segments[m].comments.iter().map(|c| c.id).collect();
    assert_eq!(ids, [1, 2]);
    ok(p.validate());
}

/// The reviewed sample as a file with an unknown field at the end of every object: the
/// project, `meta`, each segment, comment and revision; values of every JSON kind.
fn with_unknown_fields() -> Value {
    let mut doc: Value = ok(serde_json::from_slice(&file_bytes(&reviewed_sample())));
    let add = |v: &mut Value, key: &str, value: Value| {
        if let Some(obj) = v.as_object_mut() {
            obj.insert(key.into(), value);
        }
    };
    add(
        &mut doc,
        "x_top",
        json!({"nested": [1, {"deep": [true, null]}], "big": 18_446_744_073_709_551_615_u64}),
    );
    add(&mut doc["meta"], "x_meta", json!("مترجم"));
    let segments = doc["segments"].as_array_mut().into_iter().flatten();
    for (i, seg) in segments.enumerate() {
        for c in seg["comments"].as_array_mut().into_iter().flatten() {
            add(c, "x_comment", json!({"reactions": ["👍"]}));
        }
        for r in seg["history"].as_array_mut().into_iter().flatten() {
            add(r, "x_rev", json!(-3));
        }
        add(seg, "x_seg", json!({"i": i, "score": 0.25}));
    }
    doc
}

fn pretty(doc: &Value) -> String {
    let mut text = ok(serde_json::to_string_pretty(doc));
    text.push('\n');
    text
}

#[test]
fn unknown_fields_at_every_level_survive_load_and_save_byte_for_byte() {
    let text = pretty(&with_unknown_fields());
    let p = ok(store::from_json(text.as_bytes(), Path::new("p.json")));
    assert_eq!(p.extra["x_top"]["nested"][1]["deep"][0], json!(true));
    assert_eq!(p.meta.extra["x_meta"], json!("مترجم"));
    assert_eq!(p.segments[5].extra["x_seg"]["i"], json!(5));
    assert_eq!(p.segments[0].history[0].extra["x_rev"], json!(-3));
    assert_eq!(
        p.segments[1].comments[0].extra["x_comment"]["reactions"][0],
        json!("👍")
    );
    assert_eq!(ok(String::from_utf8(file_bytes(&p))), text);
}

#[test]
fn editing_a_file_with_unknown_fields_changes_only_the_edited_lines() {
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("p.virast.json");
    let text = pretty(&with_unknown_fields());
    ok(fs::write(&path, &text));

    let mut opened = ok(store::open(&path));
    assert!(opened.project.segments[5].history.is_empty());
    ok(opened.project.set_target(5, "A new sentence.", &stamp(0)));
    ok(opened.file.save(&opened.project));
    let new = ok(fs::read_to_string(&path));

    let diff = similar::TextDiff::from_lines(&text, &new);
    let removed: Vec<&str> = diff
        .iter_all_changes()
        .filter(|c| c.tag() == similar::ChangeTag::Delete)
        .map(|c| c.value().trim())
        .collect();
    assert_eq!(
        removed,
        [
            "\"modified\": \"2026-11-28T11:00:00Z\",",
            "\"target\": \"\",",
            "\"status\": \"untranslated\",",
            "\"history\": [],",
        ],
        "{new}"
    );
    let count = |t: &str, key: &str| t.matches(key).count();
    for key in [
        "x_top",
        "x_meta",
        "x_seg",
        "x_comment",
        "x_rev",
        "\"deep\"",
        "👍",
    ] {
        assert_eq!(count(&text, key), count(&new, key), "{key}");
    }
    // The new revision has no unknown fields; the edited segment keeps its own.
    assert_eq!(opened.project.segments[5].extra["x_seg"]["i"], json!(5));
    // And the backup is the original, byte for byte.
    assert_eq!(ok(fs::read_to_string(opened.file.backup_path())), text);
}

#[test]
fn unknown_fields_elsewhere_in_an_object_are_kept_and_written_at_its_end() {
    let mut doc = with_unknown_fields();
    let seg = doc["segments"][0].take();
    let mut moved = serde_json::Map::new();
    moved.insert("x_first".into(), json!([1]));
    for (k, v) in seg.as_object().into_iter().flatten() {
        moved.insert(k.clone(), v.clone());
    }
    doc["segments"][0] = Value::Object(moved);
    let text = pretty(&doc);
    assert!(text.contains("\"x_first\": [\n        1\n      ],\n      \"id\": 1,"));
    let p = ok(store::from_json(text.as_bytes(), Path::new("p.json")));
    assert_eq!(p.segments[0].extra["x_first"], json!([1]));
    let out = ok(String::from_utf8(file_bytes(&p)));
    assert!(out.contains("\"id\": 1,"));
    let keys: Vec<&String> = p.segments[0].extra.keys().collect();
    assert_eq!(
        keys,
        ["x_first", "x_seg"],
        "kept in their order, after the known fields"
    );
}

#[test]
fn split_keeps_unknown_fields_on_the_first_part_and_merge_keeps_both() {
    let text = pretty(&with_unknown_fields());
    let mut p = ok(store::from_json(text.as_bytes(), Path::new("p.json")));
    let new = ok(p.split(0, space(&p, 0), &stamp(0)));
    assert_eq!(p.segments[0].extra["x_seg"]["i"], json!(0));
    assert!(p.segments[new].extra.is_empty());

    // The first's value wins, the rest of the second's is added.
    let m = mergeable(&p);
    let first_i = p.segments[m].extra["x_seg"]["i"].clone();
    p.segments[m + 1]
        .extra
        .insert("x_only_second".into(), json!("kept"));
    ok(p.merge_with_next(m, &stamp(1)));
    assert_eq!(p.segments[m].extra["x_seg"]["i"], first_i);
    assert_eq!(p.segments[m].extra["x_only_second"], json!("kept"));
    let again = ok(store::from_json(&file_bytes(&p), Path::new("p.json")));
    assert_eq!(again, p);
}
