//! XLIFF, TMX and the HTML report on the real `virast` binary, and read by a real CAT library
//! (translate-toolkit, under the virtual environment `.ci/run` makes in `target/venv-ttk`).
//!
//! The translate-toolkit tests are required under CI (`CI` set); elsewhere, without the
//! virtual environment, they are skipped with a printed notice.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{TimeZone, Utc};
use serde_json::Value;
use virast::model::{Action, Project, Stamp, Status};
use virast::store::{self, ProjectFile};

const BIN: &str = env!("CARGO_BIN_EXE_virast");

pub(crate) fn virast<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"))
}

fn succeed<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> String {
    let out = virast(args);
    assert!(
        out.status.success(),
        "virast failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A project with one sentence in each status, a comment with markup, saved in `dir`.
fn project_in(dir: &Path) -> PathBuf {
    let time = Utc
        .with_ymd_and_hms(2026, 11, 28, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let article = virast::import::decode(
        "پلیس مشاوره می‌دهد. ۴۰۰ هزار نفر آمدند.\nدلیل آن روشن است.\nترجمه نشده.\n".as_bytes(),
        Path::new("a.txt"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut p: Project = article.into_project("Police counseling", time);
    let ana = Stamp {
        author: "ana".into(),
        time,
    };
    let editor = Stamp {
        author: "editor".into(),
        time,
    };
    let ok = |r: Result<bool, virast::model::EditError>| r.unwrap_or_else(|e| panic!("{e}"));
    ok(p.set_target(0, "Police give counseling.", &ana));
    ok(p.approve(0, &editor));
    ok(p.set_target(1, "400,000 people came.", &ana));
    ok(p.set_target(2, "The reason is clear.", &ana));
    p.send_back(2, "Which reason? <script>x</script>", &editor)
        .unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("p.virast.json");
    ProjectFile::new(&path)
        .save(&p)
        .unwrap_or_else(|e| panic!("{e}"));
    path
}

fn export(project: &Path, format: &str, out: &Path) -> String {
    succeed(&[
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        format.as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    read(out)
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("cannot make a temporary folder: {e}"))
}

#[test]
fn exports_every_hand_off_format() {
    let dir = tempdir();
    let project = project_in(dir.path());
    let x20 = export(&project, "xliff", &dir.path().join("p.xlf"));
    assert_eq!(x20.matches("<unit id=").count(), 4);
    assert!(x20.contains(r#"<segment id="3" state="initial" subState="virast:needs-revision">"#));
    let x12 = export(&project, "xliff12", &dir.path().join("p.xliff"));
    assert_eq!(x12.matches("<trans-unit id=").count(), 4);
    assert!(x12.contains(r#"approved="yes""#));
    let tmx = export(&project, "tmx", &dir.path().join("p.tmx"));
    assert_eq!(tmx.matches("<tu ").count(), 1);
    let all = succeed(&[
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "tmx".as_ref(),
        "--tmx-pairs".as_ref(),
        "translated".as_ref(),
    ]);
    assert_eq!(all.matches("<tu ").count(), 2);
    let html = export(&project, "html", &dir.path().join("p.html"));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Which reason? &lt;script&gt;x&lt;/script&gt;"));
    // An export never writes over the project.
    let out = virast(&[
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "xliff".as_ref(),
        "-o".as_ref(),
        project.as_os_str(),
    ]);
    assert!(!out.status.success());
    assert!(store::load(&project).is_ok());
}

#[test]
fn import_xliff_brings_changes_back_with_history_and_a_backup() {
    let dir = tempdir();
    let project = project_in(dir.path());
    let before = read(&project);
    let xlf = dir.path().join("p.xlf");
    let edited = export(&project, "xliff", &xlf)
        .replace("400,000 people came.", "Some 400,000 people came.")
        .replace(
            r#"<segment id="2" state="translated">"#,
            r#"<segment id="2" state="final">"#,
        );
    fs::write(&xlf, edited).unwrap_or_else(|e| panic!("{e}"));
    let out = succeed(&[
        "import-xliff".as_ref(),
        project.as_os_str(),
        xlf.as_os_str(),
        "--user".as_ref(),
        "rita".as_ref(),
    ]);
    assert!(
        out.contains(
            "4 units in the file: 1 translation changed, 1 status changed (1 to Approved)."
        ),
        "{out}"
    );
    let p = store::load(&project).unwrap_or_else(|e| panic!("{e}"));
    let seg = &p.segments[1];
    assert_eq!(
        (seg.target.as_str(), seg.status),
        ("Some 400,000 people came.", Status::Approved)
    );
    let last = seg.history.last().unwrap_or_else(|| panic!("no history"));
    assert_eq!(
        (last.author.as_str(), &last.action, last.note.as_str()),
        ("rita", &Action::Edit, "imported from p.xlf")
    );
    assert_eq!(read(&dir.path().join("p.virast.json.bak")), before);
}

#[test]
fn import_xliff_refuses_a_changed_source_and_leaves_the_project_alone() {
    let dir = tempdir();
    let project = project_in(dir.path());
    let before = read(&project);
    let xlf = dir.path().join("p.xliff");
    let edited = export(&project, "xliff12", &xlf)
        .replace("دلیل آن روشن است.", "دلیل آن روشن نیست.")
        .replace("400,000 people came.", "Changed.");
    fs::write(&xlf, edited).unwrap_or_else(|e| panic!("{e}"));
    let out = virast(&[
        "import-xliff".as_ref(),
        project.as_os_str(),
        xlf.as_os_str(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("unit 3: the source differs") && err.contains("دلیل آن روشن نیست."),
        "{err}"
    );
    assert_eq!(
        read(&project),
        before,
        "nothing changed, not even the good unit"
    );
    assert!(!dir.path().join("p.virast.json.bak").exists());
}

#[test]
fn import_xliff_to_another_file_never_replaces_an_existing_one() {
    let dir = tempdir();
    let project = project_in(dir.path());
    let xlf = dir.path().join("p.xlf");
    let edited = export(&project, "xliff", &xlf).replace("400,000 people came.", "Changed.");
    fs::write(&xlf, edited).unwrap_or_else(|e| panic!("{e}"));
    let other = dir.path().join("other.virast.json");
    fs::write(&other, "keep me").unwrap_or_else(|e| panic!("{e}"));
    let out = virast(&[
        "import-xliff".as_ref(),
        project.as_os_str(),
        xlf.as_os_str(),
        "-o".as_ref(),
        other.as_os_str(),
    ]);
    assert!(!out.status.success());
    assert_eq!(read(&other), "keep me");
    let fresh = dir.path().join("new.virast.json");
    succeed(&[
        "import-xliff".as_ref(),
        project.as_os_str(),
        xlf.as_os_str(),
        "-o".as_ref(),
        fresh.as_os_str(),
    ]);
    let p = store::load(&fresh).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.segments[1].target, "Changed.");
    assert_eq!(
        store::load(&project)
            .map(|p| p.segments[1].target.clone())
            .ok(),
        Some("400,000 people came.".to_owned())
    );
}

// ---- translate-toolkit ----

/// The Python of the translate-toolkit virtual environment, if it is there. Under CI a
/// missing one fails; elsewhere the test is skipped with a notice.
pub(crate) fn ttk_python() -> Option<PathBuf> {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/venv-ttk/bin/python");
    let works = Command::new(&python)
        .args(["-c", "import translate.storage.xliff2"])
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return Some(python);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "translate-toolkit is missing: .ci/run installs it into target/venv-ttk"
    );
    eprintln!(
        "SKIPPED: translate-toolkit is not installed, so the CAT-tool checks did not run \
         (python3 -m venv target/venv-ttk && target/venv-ttk/bin/pip install translate-toolkit; \
         CI installs it and requires it)"
    );
    None
}

fn ttk(python: &Path, args: &[&std::ffi::OsStr]) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ttk/ttk_check.py");
    let out = Command::new(python)
        .arg(script)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    assert!(
        out.status.success(),
        "translate-toolkit failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn ttk_read(python: &Path, kind: &str, file: &Path) -> Value {
    let out = ttk(python, &["read".as_ref(), kind.as_ref(), file.as_os_str()]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

/// (translated, approved, fuzzy, review) of each unit as translate-toolkit reports them.
fn flags(units: &Value) -> Vec<(bool, Option<bool>, bool, Option<bool>)> {
    units
        .as_array()
        .map(|a| {
            a.iter()
                .map(|u| {
                    (
                        u["translated"].as_bool().unwrap_or_default(),
                        u["approved"].as_bool(),
                        u["fuzzy"].as_bool().unwrap_or_default(),
                        u["review"].as_bool(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn translate_toolkit_reads_our_xliff_and_tmx() {
    let Some(python) = ttk_python() else {
        return;
    };
    let dir = tempdir();
    let project = project_in(dir.path());
    let p = store::load(&project).unwrap_or_else(|e| panic!("{e}"));

    let x20 = dir.path().join("p.xlf");
    export(&project, "xliff", &x20);
    let read20 = ttk_read(&python, "xliff", &x20);
    eprintln!(
        "translate-toolkit {} reads XLIFF 2.0 as {}",
        read20["version"], read20["units"]
    );
    let units = &read20["units"];
    assert_eq!(units.as_array().map(Vec::len), Some(4));
    for (u, seg) in units.as_array().into_iter().flatten().zip(&p.segments) {
        assert_eq!(u["id"], seg.id.0.to_string());
        assert_eq!(u["source"], seg.source.as_str());
        assert_eq!(u["target"], seg.target.as_str());
    }
    // approved, translated, needs revision, untranslated
    assert_eq!(
        flags(units),
        [
            (true, Some(true), false, Some(false)),
            (true, Some(false), false, Some(false)),
            (false, Some(false), true, Some(false)),
            (false, Some(false), false, Some(false)),
        ]
    );
    assert!(
        units[2]["notes"]
            .as_str()
            .is_some_and(|n| n.contains("Which reason? <script>x</script>")),
        "{units}"
    );

    let x12 = dir.path().join("p.xliff");
    export(&project, "xliff12", &x12);
    let read12 = ttk_read(&python, "xliff12", &x12);
    eprintln!("translate-toolkit reads XLIFF 1.2 as {}", read12["units"]);
    let units = &read12["units"];
    assert_eq!(units.as_array().map(Vec::len), Some(4));
    assert_eq!(
        flags(units),
        [
            // translate-toolkit calls every 1.2 target that is not approved="yes" fuzzy and
            // so not translated; isreview() tells the sent-back one apart.
            (true, Some(true), false, Some(false)),
            (false, Some(false), true, Some(false)),
            (false, Some(false), true, Some(true)),
            (false, Some(false), false, Some(false)),
        ]
    );
    assert!(
        units[2]["notes"]
            .as_str()
            .is_some_and(|n| n.contains("Which reason?"))
    );

    let tmx = dir.path().join("p.tmx");
    export(&project, "tmx", &tmx);
    let read_tmx = ttk_read(&python, "tmx", &tmx);
    eprintln!("translate-toolkit reads TMX as {}", read_tmx["units"]);
    let units = read_tmx["units"].as_array().cloned().unwrap_or_default();
    assert_eq!(units.len(), 1);
    assert_eq!(units[0]["source"], p.segments[0].source.as_str());
    assert_eq!(units[0]["target"], "Police give counseling.");
}

/// A new project (see [`project_in`]) in a temporary folder, exported as `kind` to `name`
/// beside it: the folder (removed when dropped), the project, the export.
fn exported_project(kind: &str, name: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempdir();
    let project = project_in(dir.path());
    let exported = dir.path().join(name);
    export(&project, kind, &exported);
    (dir, project, exported)
}

/// translate-toolkit sets unit 3's target of `exported` to `text` and approves unit
/// `approve` ("none": no unit), saving the file as `edited-NAME` beside it.
fn ttk_edit(python: &Path, kind: &str, exported: &Path, text: &str, approve: &str) -> PathBuf {
    let name = exported
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let edited = exported.with_file_name(format!("edited-{name}"));
    ttk(
        python,
        &[
            "edit".as_ref(),
            kind.as_ref(),
            exported.as_os_str(),
            edited.as_os_str(),
            "3".as_ref(),
            text.as_ref(),
            approve.as_ref(),
        ],
    );
    edited
}

#[test]
fn a_file_edited_by_translate_toolkit_imports_back() {
    let Some(python) = ttk_python() else {
        return;
    };
    for (kind, name) in [("xliff", "p.xlf"), ("xliff12", "p.xliff")] {
        let (_dir, project, exported) = exported_project(kind, name);
        let edited = ttk_edit(
            &python,
            kind,
            &exported,
            "The reason, 400,000, is clear.",
            "2",
        );
        succeed(&[
            "import-xliff".as_ref(),
            project.as_os_str(),
            edited.as_os_str(),
        ]);
        let p = store::load(&project).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.segments[1].status, Status::Approved, "{kind}");
        assert_eq!(
            p.segments[2].target, "The reason, 400,000, is clear.",
            "{kind}"
        );
        // translate-toolkit's XLIFF 1.2 sets approved="yes" with state "translated" on every
        // target it writes (to it, "approved" means "not fuzzy"); by the XLIFF 1.2 standard
        // that is an approval, so the edited 1.2 unit comes back approved (see INTEROP.md).
        let expected = if kind == "xliff12" {
            Status::Approved
        } else {
            Status::NeedsRevision
        };
        assert_eq!(p.segments[2].status, expected, "{kind}");
        assert_eq!(p.segments[0].status, Status::Approved, "{kind}");
        assert_eq!(p.segments[3].status, Status::Untranslated, "{kind}");
        let note = format!("imported from edited-{name}");
        assert_eq!(
            p.segments[1].history.last().map(|r| r.note.as_str()),
            Some(note.as_str())
        );
    }
}

// ---- a file older than the project (issue 28 item 4) ----

/// The editor revises and approves #2 in the project file (after an export).
fn editor_revises_and_approves_2(project: &Path) {
    let opened = store::open(project).unwrap_or_else(|e| panic!("{e}"));
    let mut p = opened.project;
    let editor = Stamp::now("editor");
    p.set_target(1, "Some 400,000 people came.", &editor)
        .unwrap_or_else(|e| panic!("{e}"));
    p.approve(1, &editor).unwrap_or_else(|e| panic!("{e}"));
    let mut file = opened.file;
    file.save(&p).unwrap_or_else(|e| panic!("{e}"));
}

fn import_xliff_out(project: &Path, xlf: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "import-xliff".as_ref(),
        project.as_os_str(),
        xlf.as_os_str(),
    ];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    virast(&args)
}

/// The issue's scenario on the real binary, both XLIFF versions: export; the editor revises
/// and approves #2 in the project; the translator edits only unit 3 in the file. The import
/// keeps #2's new text and status and applies unit 3. Then a unit changed on both sides is
/// listed (text and JSON) and not imported, with exit status 1.
#[test]
fn import_xliff_keeps_newer_work_and_reports_units_changed_on_both_sides() {
    for (format, name) in [("xliff", "p.xlf"), ("xliff12", "p.xliff")] {
        let dir = tempdir();
        let project = project_in(dir.path());
        let xlf = dir.path().join(name);
        let exported = export(&project, format, &xlf);
        editor_revises_and_approves_2(&project);
        fs::write(
            &xlf,
            exported.replace("The reason is clear.", "The reason is plain."),
        )
        .unwrap_or_else(|e| panic!("{e}"));

        let out = import_xliff_out(&project, &xlf, &["--user", "rita"]);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "{format}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains(
                "4 units in the file: 1 translation changed, 0 statuses changed; 1 sentence changed here since the export and not in the file kept as it is."
            ),
            "{format}: {stdout}"
        );
        let p = store::load(&project).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (p.segments[1].target.as_str(), p.segments[1].status),
            ("Some 400,000 people came.", Status::Approved),
            "{format}: #2 keeps the editor's newer work"
        );
        assert_eq!(p.segments[2].target, "The reason is plain.", "{format}");
        assert_eq!(
            p.segments[2].history.last().map(|r| r.note.as_str()),
            Some(format!("imported from {name}").as_str())
        );

        // Now unit 2 changed in the file as well: changed on both sides since the export.
        let both = exported
            .replace("The reason is clear.", "The reason is plain.")
            .replace("400,000 people came.", "400,000 came.");
        fs::write(&xlf, both).unwrap_or_else(|e| panic!("{e}"));
        let before = read(&project);
        let out = import_xliff_out(&project, &xlf, &[]);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(out.status.code(), Some(1), "{format}: {stdout}");
        assert!(
            stdout.contains(
                "1 unit changed both here and in the file since the export, not imported: #2."
            ) && stdout.contains(
                "  #2: here (Approved) «Some 400,000 people came.»; in the file (Translated) «400,000 came.»"
            ),
            "{format}: {stdout}"
        );
        assert_eq!(
            read(&project),
            before,
            "{format}: nothing else to apply, not saved"
        );

        let out = import_xliff_out(&project, &xlf, &["--json"]);
        assert_eq!(out.status.code(), Some(1));
        let json: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
        assert_eq!(
            json["both_changed"],
            serde_json::json!([{
                "id": 2,
                "project_target": "Some 400,000 people came.",
                "project_status": "approved",
                "file_target": "400,000 came.",
                "file_status": "translated",
            }]),
            "{format}: {json}"
        );
        assert_eq!(json["kept_newer"], 0);
        assert_eq!(json["saved"], Value::Null);
        assert_eq!(read(&project), before);
    }
}

/// The same scenario with the file edited by translate-toolkit (a real CAT library, which
/// rewrites the whole file): the export's records survive it, so #2 keeps its newer work.
#[test]
fn a_stale_file_edited_by_translate_toolkit_keeps_newer_work() {
    let Some(python) = ttk_python() else {
        return;
    };
    for (kind, name) in [("xliff", "p.xlf"), ("xliff12", "p.xliff")] {
        let (_dir, project, exported) = exported_project(kind, name);
        editor_revises_and_approves_2(&project);
        let edited = ttk_edit(&python, kind, &exported, "The reason is plain.", "none");
        let out = import_xliff_out(&project, &edited, &[]);
        assert!(
            out.status.success(),
            "{kind}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let p = store::load(&project).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (p.segments[1].target.as_str(), p.segments[1].status),
            ("Some 400,000 people came.", Status::Approved),
            "{kind}: #2 keeps the editor's newer work"
        );
        assert_eq!(p.segments[2].target, "The reason is plain.", "{kind}");
    }
}
