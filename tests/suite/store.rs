//! Project files through the library: damaged files and two people saving the same file.

use crate::store_common;

use std::fs;

use chrono::Utc;
use store_common::{ok, reviewed_sample};
use virast::model::Stamp;
use virast::store::{self, ConflictKind, ProjectFile, StoreError};

#[test]
fn every_truncation_of_a_saved_project_is_an_error_with_a_position() {
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("p.virast.json");
    let project = reviewed_sample();
    ok(ProjectFile::new(&path).save(&project));
    let bytes = ok(fs::read(&path));
    assert!(
        bytes.len() > 5_000,
        "a realistic file: {} bytes",
        bytes.len()
    );

    let cut_path = dir.path().join("cut.virast.json");
    let mut errors = 0;
    for len in 0..bytes.len() {
        let cut = &bytes[..len];
        // Parse from memory at every offset (the decoding is the same as `load`'s); go
        // through the file system at every 97th, so `load` itself is covered too.
        let result = if len % 97 == 0 {
            ok(fs::write(&cut_path, cut));
            store::load(&cut_path)
        } else {
            store::from_json(cut, &cut_path)
        };
        if bytes[len..].iter().all(u8::is_ascii_whitespace) {
            // Only the final newline is missing: still the whole project.
            assert_eq!(ok(result), project);
            continue;
        }
        match result {
            Err(StoreError::Malformed {
                path,
                line,
                message,
                ..
            }) => {
                assert_eq!(path, cut_path);
                assert!(line >= 1, "at {len}: line {line}");
                assert!(!message.is_empty());
                errors += 1;
            }
            Err(other) => panic!("truncated at {len}: expected a position, got: {other}"),
            Ok(_) => panic!("truncated at {len}: loaded as if complete"),
        }
    }
    assert_eq!(errors, bytes.len() - 1);
    // The message a user sees names the file, the line and the column.
    ok(fs::write(&cut_path, &bytes[..bytes.len() / 3]));
    let msg = store::load(&cut_path)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        msg.contains("cut.virast.json is damaged: EOF while parsing"),
        "{msg}"
    );
    assert!(
        msg.contains(" at line ") && msg.contains(", column "),
        "{msg}"
    );
}

#[test]
fn saving_over_a_file_changed_by_someone_else_is_refused() {
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("p.virast.json");
    ok(ProjectFile::new(&path).save(&reviewed_sample()));

    // Two people open the same file.
    let mut ana = ok(store::open(&path));
    let mut bo = ok(store::open(&path));
    let later = |who: &str| Stamp {
        author: who.into(),
        time: Utc::now(),
    };
    ok(bo.project.set_target(2, "Bo's translation.", &later("bo")));
    ok(bo.file.save(&bo.project));
    let bos_file = ok(fs::read(&path));

    ok(ana
        .project
        .set_target(2, "Ana's translation.", &later("ana")));
    let err = ana.file.save(&ana.project).err();
    let Some(
        err @ StoreError::Conflict {
            kind: ConflictKind::ChangedOnDisk,
            ..
        },
    ) = err
    else {
        panic!("expected a conflict, got {err:?}");
    };
    let msg = err.to_string();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(
        msg.contains("was changed on disk since it was opened"),
        "{msg}"
    );
    assert!(msg.contains("it was not overwritten"), "{msg}");
    assert_eq!(ok(fs::read(&path)), bos_file, "Bo's save is untouched");

    // Ana chooses "overwrite anyway": Bo's version survives as the backup.
    ok(ana.file.save_overwriting(&ana.project));
    assert_eq!(ok(store::load(&path)), ana.project);
    assert_eq!(ok(fs::read(ana.file.backup_path())), bos_file);
}
