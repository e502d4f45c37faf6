//! Runs the real `virast` binary on the fixtures in `tests/fixtures/`.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_virast");

/// The sample article (7 paragraphs, no final newline).
const SAMPLE: &str = "khabarresa-police-counseling.fa.txt";

/// Sentences in the sample, counted by hand: one per paragraph except the third, which has
/// three (see `segment::tests::sample_article_has_nine_sentences_in_seven_paragraphs`).
const SAMPLE_SENTENCES: u64 = 9;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("cannot make a temporary folder: {e}"))
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn virast<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Assert success and return standard output.
fn succeed<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Vec<u8> {
    let out = virast(args);
    assert!(out.status.success(), "virast failed: {}", stderr(&out));
    out.stdout
}

/// Assert a clean failure (non-zero exit, a message, no panic) and return the message.
fn fail_cleanly(out: &Output) -> String {
    let err = stderr(out);
    assert!(
        !out.status.success(),
        "expected failure, stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.starts_with("virast: error: "), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    err
}

fn import(article: &Path, project: &Path) {
    succeed(&[
        "import".as_ref(),
        article.as_os_str(),
        "-o".as_ref(),
        project.as_os_str(),
    ]);
}

fn stats_json(project: &Path) -> serde_json::Value {
    let out = succeed(&["stats".as_ref(), project.as_os_str(), "--json".as_ref()]);
    serde_json::from_slice(&out).unwrap_or_else(|e| panic!("stats --json is not JSON: {e}"))
}

#[test]
fn import_sample_then_stats_reports_paragraphs_and_sentences() {
    let dir = tempdir();
    let project = dir.path().join("sample.virast.json");
    import(&fixture(SAMPLE), &project);
    let stats = stats_json(&project);
    let text = String::from_utf8(read(&fixture(SAMPLE))).unwrap_or_default();
    let words = text.split_whitespace().count() as u64;
    assert_eq!(
        stats,
        serde_json::json!({
            "segments": SAMPLE_SENTENCES,
            "paragraphs": 7,
            "untranslated": SAMPLE_SENTENCES,
            "translated": 0,
            "needs_revision": 0,
            "approved": 0,
            "source_words": words,
            "percent_approved": 0.0,
            "conflicts": 0,
        })
    );
    assert_eq!(words, 491, "as counted by `wc -w`");

    let table =
        String::from_utf8(succeed(&["stats".as_ref(), project.as_os_str()])).unwrap_or_default();
    assert!(table.contains("Paragraphs:      7"), "{table}");
    assert!(
        table.contains(&format!("Segments:        {SAMPLE_SENTENCES}")),
        "{table}"
    );
}

#[test]
fn source_export_reproduces_each_input_byte_for_byte() {
    for name in [SAMPLE, "crlf.fa.txt", "bom.fa.txt"] {
        let dir = tempdir();
        let project = dir.path().join("p.virast.json");
        let input = read(&fixture(name));
        import(&fixture(name), &project);

        let to_stdout = succeed(&[
            "export".as_ref(),
            project.as_os_str(),
            "--format".as_ref(),
            "source".as_ref(),
        ]);
        assert!(
            to_stdout == input,
            "{name}: export to stdout differs from the input"
        );

        let out = dir.path().join("out.txt");
        succeed(&[
            "export".as_ref(),
            project.as_os_str(),
            "--format".as_ref(),
            "source".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
        ]);
        assert!(
            read(&out) == input,
            "{name}: export file differs from the input"
        );
    }
}

#[test]
fn fixtures_are_what_their_names_say() {
    let sample = read(&fixture(SAMPLE));
    assert!(!sample.ends_with(b"\n") && !sample.contains(&b'\r'));
    let crlf = read(&fixture("crlf.fa.txt"));
    assert!(crlf.ends_with(b"\r\n"));
    assert_eq!(crlf.windows(2).filter(|w| w == b"\r\n").count(), 7);
    assert!(read(&fixture("bom.fa.txt")).starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn text_export_of_a_fresh_import_marks_or_omits_everything() {
    let dir = tempdir();
    let project = dir.path().join("p.virast.json");
    import(&fixture("crlf.fa.txt"), &project);
    let export = |mode: &str| {
        String::from_utf8(succeed(&[
            "export".as_ref(),
            project.as_os_str(),
            "--format".as_ref(),
            "text".as_ref(),
            "--untranslated".as_ref(),
            mode.as_ref(),
        ]))
        .unwrap_or_default()
    };
    assert_eq!(export("omit"), "", "nothing is translated yet");
    let marked = export("mark");
    assert_eq!(
        marked.matches("[untranslated #").count(),
        SAMPLE_SENTENCES as usize
    );
    // Paragraph structure and line endings of the source are kept.
    assert_eq!(
        marked.split("\r\n").count(),
        8,
        "7 paragraphs and a final CRLF"
    );
}

#[test]
fn bad_articles_are_refused_with_the_file_and_offset() {
    let dir = tempdir();
    let project = dir.path().join("p.virast.json");
    let cases: [(&str, &[u8], &str); 4] = [
        ("nul.txt", "سلام\0".as_bytes(), "NUL byte at byte offset 8"),
        (
            "latin1.txt",
            b"caf\xE9 au lait",
            "not valid UTF-8: byte 0xE9 at byte offset 3",
        ),
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b" \r\n\t\n", "contains only whitespace"),
    ];
    for (name, bytes, want) in cases {
        let article = dir.path().join(name);
        fs::write(&article, bytes).unwrap_or_else(|e| panic!("{e}"));
        let out = virast(&[
            "import".as_ref(),
            article.as_os_str(),
            "-o".as_ref(),
            project.as_os_str(),
        ]);
        let err = fail_cleanly(&out);
        assert!(err.contains(&article.display().to_string()), "{err}");
        assert!(err.contains(want), "{name}: {err}");
        assert!(!project.exists(), "{name}: no project may be written");
    }
    let missing = dir.path().join("missing.txt");
    let err = fail_cleanly(&virast(&[
        "import".as_ref(),
        missing.as_os_str(),
        "-o".as_ref(),
        project.as_os_str(),
    ]));
    assert!(
        err.contains("cannot read") && err.contains("missing.txt"),
        "{err}"
    );
}

#[test]
fn damaged_or_foreign_project_files_give_a_position_not_a_panic() {
    let dir = tempdir();
    let project = dir.path().join("p.virast.json");
    import(&fixture(SAMPLE), &project);
    let bytes = read(&project);
    let cut = dir.path().join("cut.virast.json");
    fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap_or_else(|e| panic!("{e}"));
    let err = fail_cleanly(&virast(&["stats".as_ref(), cut.as_os_str()]));
    assert!(
        err.contains("cut.virast.json is damaged") && err.contains(", column "),
        "{err}"
    );

    let foreign = dir.path().join("package.json");
    fs::write(&foreign, r#"{"name": "x"}"#).unwrap_or_else(|e| panic!("{e}"));
    let err = fail_cleanly(&virast(&[
        "export".as_ref(),
        foreign.as_os_str(),
        "--format".as_ref(),
        "text".as_ref(),
    ]));
    assert!(err.contains("is not a Virast project file"), "{err}");
}

#[test]
fn import_does_not_replace_an_existing_project_unless_forced() {
    let dir = tempdir();
    let project = dir.path().join("p.virast.json");
    import(&fixture(SAMPLE), &project);
    let before = read(&project);
    let err = fail_cleanly(&virast(&[
        "import".as_ref(),
        fixture("crlf.fa.txt").as_os_str(),
        "-o".as_ref(),
        project.as_os_str(),
    ]));
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(read(&project), before);

    succeed(&[
        "import".as_ref(),
        fixture("crlf.fa.txt").as_os_str(),
        "-o".as_ref(),
        project.as_os_str(),
        "--force".as_ref(),
    ]);
    assert_eq!(
        read(&dir.path().join("p.virast.json.bak")),
        before,
        "old project kept"
    );
}

#[test]
fn export_refuses_to_overwrite_the_project() {
    let dir = tempdir();
    let project = dir.path().join("p.virast.json");
    import(&fixture(SAMPLE), &project);
    let before = read(&project);
    let err = fail_cleanly(&virast(&[
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "source".as_ref(),
        "-o".as_ref(),
        project.as_os_str(),
    ]));
    assert!(
        err.contains("refusing to export over the project file"),
        "{err}"
    );
    assert_eq!(read(&project), before);
}

/// Every object's keys sorted, as `jq -S` writes them.
fn sorted_keys(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.sort_keys();
            map.values_mut().for_each(sorted_keys);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(sorted_keys),
        _ => {}
    }
}

/// Issue 28 item 5: a valid project re-saved with sorted keys (`jq -S`), whose `"version"`
/// comes after its first 4 KiB, is still recognised: `export -o` onto it is refused and the
/// file stays byte for byte.
#[test]
fn export_never_writes_over_a_project_saved_with_sorted_keys() {
    let dir = tempdir();
    let project = dir.path().join("p.virast.json");
    import(&fixture(SAMPLE), &project);
    let mut doc: serde_json::Value = serde_json::from_slice(&read(&project))
        .unwrap_or_else(|e| panic!("the project is not JSON: {e}"));
    sorted_keys(&mut doc);
    let sorted = serde_json::to_vec_pretty(&doc).unwrap_or_else(|e| panic!("{e}"));
    let version_at = sorted
        .windows(9)
        .position(|w| w == b"\"version\"")
        .unwrap_or_default();
    assert!(version_at > 4096, "\"version\" at byte {version_at}");
    let other = dir.path().join("sorted.json");
    fs::write(&other, &sorted).unwrap_or_else(|e| panic!("{e}"));
    // It is a valid project.
    assert_eq!(stats_json(&other)["segments"], SAMPLE_SENTENCES);
    for format in ["text", "source", "xliff"] {
        let err = fail_cleanly(&virast(&[
            "export".as_ref(),
            project.as_os_str(),
            "--format".as_ref(),
            format.as_ref(),
            "-o".as_ref(),
            other.as_os_str(),
        ]));
        assert!(err.contains("project file"), "{err}");
        assert_eq!(read(&other), sorted, "{format}: left byte for byte");
    }
    assert!(!dir.path().join("sorted.json.bak").exists());
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Undoes `chattr +i` even if the test fails, so the temporary folder can be removed.
struct Immutable(PathBuf);

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

fn can_create_in(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    let ok = fs::write(&probe, b"").is_ok();
    let _ = fs::remove_file(&probe);
    ok
}

/// Saving into a read-only folder fails with a clear message and leaves the project alone.
///
/// `chmod a-w` makes a folder read-only for normal users, but root (as in CI) ignores it. So
/// when the folder is still writable after `chmod`, the test makes it immutable with
/// `chattr +i`, which binds root too; where that is not supported it runs the binary as the
/// unprivileged user `nobody` through `setpriv`. It fails loudly rather than pass vacuously
/// when none of these makes the folder read-only.
#[test]
fn saving_into_a_read_only_folder_fails_and_keeps_the_file() {
    let dir = tempdir();
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).unwrap_or_else(|e| panic!("{e}"));
    let project = ro.join("p.virast.json");
    import(&fixture(SAMPLE), &project);
    let before = read(&project);
    let names_before = names_in(&ro);

    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap_or_else(|e| panic!("{e}"));
    let mut immutable = None;
    let mut command = Command::new(BIN);
    let mut article = fixture(SAMPLE);
    let how;
    if !can_create_in(&ro) {
        how = "chmod";
    } else if Command::new("chattr")
        .arg("+i")
        .arg(&ro)
        .status()
        .is_ok_and(|s| s.success())
    {
        immutable = Some(Immutable(ro.clone()));
        assert!(
            !can_create_in(&ro),
            "chattr +i did not make the folder read-only"
        );
        how = "chattr +i";
    } else {
        // Run a copy of the binary that `nobody` can reach, as `nobody`.
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|e| panic!("{e}"));
        let bin = dir.path().join("virast");
        fs::copy(BIN, &bin).unwrap_or_else(|e| panic!("{e}"));
        article = dir.path().join(SAMPLE);
        fs::copy(fixture(SAMPLE), &article).unwrap_or_else(|e| panic!("{e}"));
        command = Command::new("setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        how = "setpriv";
    }
    let out = command
        .arg("import")
        .arg(&article)
        .arg("-o")
        .arg(&project)
        .arg("--force")
        .output()
        .unwrap_or_else(|e| panic!("cannot run the binary ({how}): {e}"));
    eprintln!("read-only folder made with {how}");
    let err = fail_cleanly(&out);
    assert!(
        err.contains(&format!("could not save {}", project.display())),
        "{how}: {err}"
    );
    assert!(
        err.contains("cannot create a temporary file in"),
        "{how}: {err}"
    );
    assert!(
        err.contains("the existing file was left unchanged"),
        "{how}: {err}"
    );
    assert_eq!(
        read(&project),
        before,
        "{how}: the project must be unchanged"
    );
    assert_eq!(
        names_in(&ro),
        names_before,
        "{how}: nothing added or removed"
    );
    drop(immutable);
    let _ = fs::set_permissions(&ro, fs::Permissions::from_mode(0o755));
}

/// A full disk, simulated with a file size limit (which binds root too): writing the new
/// version fails part-way, and the old file stays as it was with no temporary file left.
#[test]
fn a_full_disk_fails_the_save_and_keeps_the_file() {
    let dir = tempdir();
    let project = dir.path().join("p.virast.json");
    import(&fixture(SAMPLE), &project);
    let before = read(&project);
    // SIGXFSZ would kill the process; ignored, the write returns EFBIG instead.
    let out = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 2; exec \"$0\" \"$@\"")
        .arg(BIN)
        .arg("import")
        .arg(fixture("crlf.fa.txt"))
        .arg("-o")
        .arg(&project)
        .arg("--force")
        .output()
        .unwrap_or_else(|e| panic!("cannot run sh: {e}"));
    let err = fail_cleanly(&out);
    assert!(err.contains("cannot write"), "{err}");
    assert!(
        err.contains("the existing file was left unchanged"),
        "{err}"
    );
    assert_eq!(read(&project), before);
    assert_eq!(names_in(dir.path()), ["p.virast.json"]);
}

#[test]
fn usage_errors_exit_non_zero_without_panicking() {
    let out = virast(&["export", "p.virast.json", "--format", "pdf"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("invalid value 'pdf'"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
