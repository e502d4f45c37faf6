//! The size limit, stale temporary files, and the write paths failing half-way (issue 8).

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use chrono::{TimeZone, Utc};

use super::*;
use crate::model::Stamp;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("unexpected error: {e}"))
}

fn project(target: &str) -> Project {
    let time = Utc
        .with_ymd_and_hms(2026, 11, 28, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let article = ok(crate::import::decode(
        "سلام. خوبی؟\nخداحافظ.".as_bytes(),
        Path::new("a.txt"),
    ));
    let mut p = article.into_project("t", time);
    ok(p.set_target(
        0,
        target,
        &Stamp {
            author: "ana".into(),
            time,
        },
    ));
    p
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = ok(fs::read_dir(dir))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn set_age(path: &Path, age: Duration) {
    let f = ok(fs::File::options().write(true).open(path));
    ok(f.set_modified(SystemTime::now() - age));
}

#[test]
fn reading_stops_at_the_limit() {
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("p.virast.json");
    ok(fs::write(&path, b"0123456789"));
    assert_eq!(ok(read_limited(&path, 10)).0, b"0123456789");
    let e = read_limited(&path, 9).err();
    let Some(
        e @ StoreError::TooLarge {
            size: 10, limit: 9, ..
        },
    ) = e
    else {
        panic!("expected TooLarge, got {e:?}");
    };
    let msg = e.to_string();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(msg.contains("too large to be a project file"), "{msg}");
}

#[test]
fn a_file_over_the_limit_is_refused_before_reading_and_left_alone() {
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("huge.virast.json");
    // Sparse: costs no disk space, but reading it would take 512 MiB of memory.
    let f = ok(fs::File::create(&path));
    ok(f.set_len(MAX_FILE_SIZE + 1));
    drop(f);
    for result in [load(&path).err(), open(&path).err()] {
        assert!(
            matches!(result, Some(StoreError::TooLarge { size, limit: MAX_FILE_SIZE, .. }) if size == MAX_FILE_SIZE + 1),
            "{result:?}"
        );
    }
    assert_eq!(ok(fs::metadata(&path)).len(), MAX_FILE_SIZE + 1);
}

#[test]
fn only_our_exact_temp_names_are_recognised() {
    let t = "p.virast.json";
    assert_eq!(temp_file_owner(".p.virast.json.tmp-123-0", t), Some(123));
    assert_eq!(temp_file_owner(".p.virast.json.bak-9-17", t), Some(9));
    for other in [
        "p.virast.json",
        "p.virast.json.bak",
        "p.virast.json.tmp-123-0",
        ".p.virast.json.tmp-123",
        ".p.virast.json.tmp-123-",
        ".p.virast.json.tmp--1",
        ".p.virast.json.tmp-12a-1",
        ".p.virast.json.tmp-1-2-3",
        ".p.virast.json.autosave.tmp-123-0",
        ".q.virast.json.tmp-123-0",
        ".xp.virast.json.tmp-123-0",
        ".p.virast.json.old-123-0",
        ".p.virast.json.tmp-99999999999-0",
    ] {
        assert_eq!(temp_file_owner(other, t), None, "{other}");
    }
}

/// A process id that does not run: the largest possible pid plus one is never handed out.
const DEAD_PID: u32 = 4_194_305;

#[test]
fn stale_temp_files_of_dead_processes_are_removed_and_nothing_else() {
    if process_running(DEAD_PID) != Some(false) {
        eprintln!("no /proc here: the age-only rule is covered below");
        return;
    }
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("p.virast.json");
    ok(fs::write(&path, "the project"));
    let own = std::process::id();
    let stale = [
        format!(".p.virast.json.tmp-{DEAD_PID}-0"),
        format!(".p.virast.json.bak-{DEAD_PID}-3"),
    ];
    let kept = [
        // Ours while we run.
        format!(".p.virast.json.tmp-{own}-0"),
        // Pid 1 always runs.
        ".p.virast.json.tmp-1-0".to_owned(),
        // Not our naming.
        format!(".p.virast.json.tmp-{DEAD_PID}"),
        format!("p.virast.json.tmp-{DEAD_PID}-0"),
        format!(".p.virast.json.autosave.tmp-{DEAD_PID}-0"),
        format!(".other.virast.json.tmp-{DEAD_PID}-0"),
        "p.virast.json.bak".to_owned(),
        "notes.txt".to_owned(),
    ];
    for name in stale.iter().chain(&kept) {
        ok(fs::write(dir.path().join(name), name));
        set_age(&dir.path().join(name), Duration::from_hours(2));
    }
    // A folder with the exact name is not ours to delete.
    let folder = dir.path().join(format!(".p.virast.json.tmp-{DEAD_PID}-9"));
    ok(fs::create_dir(&folder));
    // A fresh one may belong to a save on another machine sharing the folder.
    let fresh = dir.path().join(format!(".p.virast.json.tmp-{DEAD_PID}-5"));
    ok(fs::write(&fresh, "fresh"));

    let mut removed = remove_stale_temp_files(&path);
    removed.sort();
    let mut want: Vec<_> = stale.iter().map(|n| dir.path().join(n)).collect();
    want.sort();
    assert_eq!(removed, want);
    for name in &kept {
        assert_eq!(ok(fs::read_to_string(dir.path().join(name))), *name);
    }
    assert!(folder.is_dir() && fresh.exists());
    assert_eq!(ok(fs::read_to_string(&path)), "the project");

    // Once old enough, open cleans it too.
    set_age(&fresh, STALE_TEMP_MIN_AGE + Duration::from_secs(1));
    let _ = open(&path);
    assert!(!fresh.exists());
}

#[test]
fn a_save_removes_stale_temp_files_but_keeps_foreign_files() {
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("p.virast.json");
    // Old enough for either rule (with or without /proc).
    let old = STALE_TEMP_AGE_UNKNOWN_OWNER + Duration::from_secs(1);
    let stale = dir.path().join(format!(".p.virast.json.tmp-{DEAD_PID}-0"));
    let foreign = dir.path().join(".p.virast.json.tmp-mine");
    for f in [&stale, &foreign] {
        ok(fs::write(f, "x"));
        set_age(f, old);
    }
    ok(ProjectFile::new(&path).save(&project("Hello.")));
    assert_eq!(
        names_in(dir.path()),
        [".p.virast.json.tmp-mine", "p.virast.json"]
    );
}

#[test]
fn a_backup_that_cannot_be_replaced_fails_the_save_and_destroys_nothing() {
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("p.virast.json");
    let mut file = ProjectFile::new(&path);
    ok(file.save(&project("Hello.")));
    let saved = ok(fs::read(&path));
    // A non-empty folder where the backup goes: renaming the backup over it fails.
    let bak = file.backup_path();
    ok(fs::create_dir(&bak));
    ok(fs::write(bak.join("keep.txt"), "keep"));

    let e = file.save(&project("Changed.")).err();
    let Some(e @ StoreError::Save { existed: true, .. }) = e else {
        panic!("expected a save error, got {e:?}");
    };
    assert!(
        e.to_string().contains("cannot keep the previous version"),
        "{e}"
    );
    assert!(
        e.to_string()
            .ends_with("the existing file was left unchanged"),
        "{e}"
    );
    assert_eq!(ok(fs::read(&path)), saved);
    assert_eq!(ok(fs::read_to_string(bak.join("keep.txt"))), "keep");
    assert_eq!(names_in(dir.path()), ["p.virast.json", "p.virast.json.bak"]);
    // The session still knows the file: once the obstacle is gone, the save goes through.
    ok(fs::remove_dir_all(&bak));
    ok(file.save(&project("Changed.")));
    assert_eq!(ok(load(&bak)), project("Hello."));
}

#[test]
fn a_failed_rename_leaves_the_target_and_no_temp_file() {
    let dir = ok(tempfile::tempdir());
    // The target is a non-empty folder: everything up to the rename works, the rename fails.
    let path = dir.path().join("out.txt");
    ok(fs::create_dir(&path));
    ok(fs::write(path.join("inside"), "kept"));
    let e = write_file(&path, b"new").err();
    assert!(
        e.as_ref()
            .is_some_and(|e| e.to_string().contains("cannot replace it with")),
        "{e:?}"
    );
    assert_eq!(ok(fs::read_to_string(path.join("inside"))), "kept");
    assert_eq!(names_in(dir.path()), ["out.txt"]);
}

#[test]
fn write_file_replaces_whole_and_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("export.txt");
    ok(fs::write(
        &path,
        "a much longer old content than the new one",
    ));
    ok(fs::set_permissions(
        &path,
        fs::Permissions::from_mode(0o640),
    ));
    ok(write_file(&path, b"new"));
    assert_eq!(ok(fs::read(&path)), b"new");
    assert_eq!(ok(fs::metadata(&path)).permissions().mode() & 0o777, 0o640);
    assert_eq!(names_in(dir.path()), ["export.txt"]);
}
