//! `virast pretranslate` on the real binary: exact matches become Translated with their
//! origin in the history, fuzzy ones Needs revision with a note, translated sentences are
//! never touched; and a TMX written by the real translate-toolkit is read as a memory.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use virast::model::{Project, Stamp, Status};
use virast::store::{self, ProjectFile};

use crate::interop_cli::virast;

/// A project: sentence 1 approved, 2 translated, 3 and 4 untranslated.
fn project_in(dir: &Path) -> PathBuf {
    let article = virast::import::decode(
        "پلیس مشاوره می‌دهد. ۴۰۰ هزار نفر آمدند.\nدلیل آن روشن است.\nسخنگوی دولت گفت این تصمیم موقت است.\n"
            .as_bytes(),
        Path::new("a.txt"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut p: Project = article.into_project("Police", chrono::Utc::now());
    let ana = Stamp::now("ana");
    let ok = |r: Result<bool, virast::model::EditError>| r.unwrap_or_else(|e| panic!("{e}"));
    ok(p.set_target(0, "Police give counseling.", &ana));
    ok(p.approve(0, &Stamp::now("editor")));
    ok(p.set_target(1, "Our own translation.", &ana));
    let path = dir.join("p.virast.json");
    ProjectFile::new(&path)
        .save(&p)
        .unwrap_or_else(|e| panic!("{e}"));
    path
}

/// A memory that has every sentence of the project: 1 and 2 differently translated, 3
/// exactly, 4 with one word changed.
fn memory_in(dir: &Path) -> PathBuf {
    let tu = |fa: &str, en: &str| {
        format!(
            r#"<tu><tuv xml:lang="fa"><seg>{fa}</seg></tuv><tuv xml:lang="en-US"><seg>{en}</seg></tuv></tu>"#
        )
    };
    let body = [
        tu("پلیس مشاوره می‌دهد.", "MEMORY 1"),
        tu("۴۰۰ هزار نفر آمدند.", "MEMORY 2"),
        tu("دلیل آن روشن است.", "The reason is clear."),
        tu(
            "سخنگوی دولت گفت این تصمیم دائمی است.",
            "The government spokesman said the decision was permanent.",
        ),
    ]
    .concat();
    let path = dir.join("news.tmx");
    fs::write(
        &path,
        format!(r#"<?xml version="1.0"?><tmx version="1.4"><header srclang="fa" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="t" creationtoolversion="1"/><body>{body}</body></tmx>"#),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    path
}

#[test]
fn pretranslate_fills_untranslated_sentences_only() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let project = project_in(dir.path());
    let tm = memory_in(dir.path());
    let before = store::load(&project).unwrap_or_else(|e| panic!("{e}"));
    let out = virast(&[
        "pretranslate".as_ref(),
        project.as_os_str(),
        "--tm".as_ref(),
        tm.as_os_str(),
        "--min".as_ref(),
        "70".as_ref(),
        "--json".as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (
            report["exact"].as_u64(),
            report["fuzzy"].as_u64(),
            report["none"].as_u64(),
            report["kept"].as_u64()
        ),
        (Some(1), Some(1), Some(0), Some(2))
    );
    let after = store::load(&project).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        after.segments[0], before.segments[0],
        "approved sentence untouched"
    );
    assert_eq!(
        after.segments[1], before.segments[1],
        "translated sentence untouched"
    );
    let exact = &after.segments[2];
    assert_eq!(
        (exact.target.as_str(), exact.status),
        ("The reason is clear.", Status::Translated)
    );
    assert_eq!(
        exact.history.last().map(|r| r.note.as_str()),
        Some("from memory: news.tmx, 100%")
    );
    let fuzzy = &after.segments[3];
    assert_eq!(
        fuzzy.status,
        Status::NeedsRevision,
        "a fuzzy match is never finished work"
    );
    let note = fuzzy.history.last().map_or("", |r| r.note.as_str());
    assert!(
        note.contains("fuzzy") && note.contains("news.tmx") && note.contains('%'),
        "{note}"
    );
    assert!(
        project.with_extension("json.bak").exists()
            || dir.path().join("p.virast.json.bak").exists()
    );

    // Again: nothing left to fill, nothing written, the text summary says so.
    let out = virast(&[
        "pretranslate".as_ref(),
        project.as_os_str(),
        "--tm".as_ref(),
        tm.as_os_str(),
    ]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Exact:     0") && text.contains("unchanged"),
        "{text}"
    );
}

#[test]
fn pretranslate_refuses_an_empty_memory_and_names_damaged_files() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let project = project_in(dir.path());
    let bad = dir.path().join("broken.tmx");
    fs::write(&bad, "<tmx><body>").unwrap_or_else(|e| panic!("{e}"));
    let before = fs::read(&project).unwrap_or_default();
    let out = virast(&[
        "pretranslate".as_ref(),
        project.as_os_str(),
        "--tm".as_ref(),
        bad.as_os_str(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.tmx") && err.contains("empty"), "{err}");
    assert_eq!(
        fs::read(&project).unwrap_or_default(),
        before,
        "nothing written"
    );
}

#[test]
fn a_tmx_written_by_translate_toolkit_is_a_memory() {
    let Some(python) = crate::interop_cli::ttk_python() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let tmx = dir.path().join("ttk.tmx");
    let script = r#"
import sys
from translate.storage import tmx
store = tmx.tmxfile(sourcelanguage="fa", targetlanguage="en")
store.addtranslation("دلیل آن روشن است.", "fa", "The reason is clear.", "en", comment="desk note")
store.addtranslation("سخنگوی دولت گفت این تصمیم موقت است.", "fa", "The spokesman said it was temporary.", "en")
with open(sys.argv[1], "wb") as f:
    store.serialize(f)
"#;
    let out = Command::new(&python)
        .args(["-c", script])
        .arg(&tmx)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let units = virast::memory::read::file_units(&tmx).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(units.len(), 2);
    assert_eq!(units[0].en, "The reason is clear.");
    assert!(
        units[0]
            .origin
            .context
            .iter()
            .any(|c| c.contains("desk note")),
        "{:?}",
        units[0].origin
    );

    let project = project_in(dir.path());
    let out = virast(&[
        "pretranslate".as_ref(),
        project.as_os_str(),
        "--tm".as_ref(),
        tmx.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = store::load(&project).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after.segments[2].target, "The reason is clear.");
    assert_eq!(
        after.segments[3].target,
        "The spokesman said it was temporary."
    );
    assert_eq!(after.segments[1].target, "Our own translation.");
}
