//! `virast align` on the real binary: text and Word translations, the summary, `--json`,
//! `--replace`, and clear refusals of files that are not a translation of the article.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_virast");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

pub(crate) fn virast(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"))
}

pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub(crate) fn succeed(args: &[&std::ffi::OsStr]) -> String {
    let out = virast(args);
    assert!(out.status.success(), "virast failed: {}", text(&out.stderr));
    text(&out.stdout)
}

pub(crate) fn fail_cleanly(args: &[&std::ffi::OsStr]) -> String {
    let out = virast(args);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.starts_with("virast: error: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// The sample article imported into a fresh project in `dir`.
fn sample_project(dir: &Path) -> PathBuf {
    let project = dir.join("p.virast.json");
    succeed(&[
        "import".as_ref(),
        fixture("khabarresa-police-counseling.fa.txt").as_os_str(),
        "-o".as_ref(),
        project.as_os_str(),
    ]);
    project
}

fn load(path: &Path) -> serde_json::Value {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{e}"))
}

fn targets(project: &serde_json::Value) -> Vec<String> {
    project["segments"]
        .as_array()
        .map(|segs| {
            segs.iter()
                .map(|s| s["target"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn english_lines(name: &str) -> Vec<String> {
    fs::read_to_string(fixture(name))
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn text_translation_fills_every_target_and_prints_the_summary() {
    let dir = tempdir();
    let project = sample_project(dir.path());
    let before = fs::read(&project).unwrap_or_default();
    let out = dir.path().join("out.virast.json");
    let summary = succeed(&[
        "align".as_ref(),
        project.as_os_str(),
        fixture("sample.en.txt").as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "--user".as_ref(),
        "ana".as_ref(),
    ]);
    assert!(summary.contains("Persian sentences: 9"), "{summary}");
    assert!(summary.contains("English sentences: 9"), "{summary}");
    assert!(
        summary.contains("1:1 9, 1:2 0, 2:1 0, 1:0 0, 0:1 0, 2:2 0"),
        "{summary}"
    );
    assert!(
        summary.contains("9 filled, 0 replaced, 0 kept"),
        "{summary}"
    );
    assert_eq!(
        fs::read(&project).unwrap_or_default(),
        before,
        "-o leaves PROJECT alone"
    );

    let result = load(&out);
    assert_eq!(result["version"], virast::store::VERSION);
    assert_eq!(targets(&result), english_lines("sample.en.txt"));
    for seg in result["segments"].as_array().into_iter().flatten() {
        assert_eq!(seg["status"], "translated");
        let last = &seg["history"][0];
        assert_eq!(last["action"], "import");
        assert_eq!(last["author"], "ana");
        assert_eq!(last["note"], "imported from sample.en.txt");
        let confidence = seg["alignment_confidence"].as_u64().unwrap_or(999);
        assert!(confidence <= 100, "{seg}");
    }
}

#[test]
fn json_summary() {
    let dir = tempdir();
    let project = sample_project(dir.path());
    let out = succeed(&[
        "align".as_ref(),
        project.as_os_str(),
        fixture("sample.en.txt").as_os_str(),
        "--json".as_ref(),
    ]);
    let json: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON: {e}: {out}"));
    assert_eq!(json["persian_sentences"], 9);
    assert_eq!(json["english_sentences"], 9);
    assert_eq!(json["beads"]["1:1"], 9);
    assert_eq!(json["beads"]["0:1"], 0);
    assert_eq!(json["filled"], 9);
    assert_eq!(json["persian_without_english"], serde_json::json!([]));
    let low = json["low_confidence"].as_u64().unwrap_or(99);
    assert!(low <= 1, "{json}");
    // Without -o the project itself was saved (through the safe save: a backup exists).
    assert_eq!(targets(&load(&project)), english_lines("sample.en.txt"));
    assert!(dir.path().join("p.virast.json.bak").exists());
}

/// A minimal Word file: one `w:p` per line, runs split to check that they join.
fn write_docx(path: &Path, lines: &[String]) {
    let mut body = String::new();
    for line in lines {
        let escaped = line
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let cut = escaped
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| i >= escaped.len() / 2 && !escaped[..i].ends_with('&'))
            .unwrap_or(0);
        let (a, b) = escaped.split_at(cut);
        let paragraph = format!(
            "<w:p><w:pPr><w:jc w:val=\"left\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{a}</w:t></w:r><w:r><w:t xml:space=\"preserve\">{b}</w:t></w:r></w:p>"
        );
        body.push_str(&paragraph);
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let file = fs::File::create(path).unwrap_or_else(|e| panic!("{e}"));
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
        ),
        ("word/document.xml", document.as_str()),
    ] {
        zip.start_file(name, options)
            .unwrap_or_else(|e| panic!("{e}"));
        zip.write_all(content.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    zip.finish().unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn word_translation_aligns_like_text() {
    let dir = tempdir();
    let project = sample_project(dir.path());
    let docx = dir.path().join("translation.docx");
    let lines = english_lines("sample.en.txt");
    write_docx(&docx, &lines);
    let summary = succeed(&["align".as_ref(), project.as_os_str(), docx.as_os_str()]);
    assert!(summary.contains("1:1 9"), "{summary}");
    let result = load(&project);
    assert_eq!(targets(&result), lines);
    assert_eq!(
        result["segments"][0]["history"][0]["note"],
        "imported from translation.docx"
    );
}

#[test]
fn existing_targets_are_kept_unless_replace() {
    let dir = tempdir();
    let project = sample_project(dir.path());
    let damaged = english_lines("sample.en.damaged.txt");
    let good = english_lines("sample.en.txt");
    let p = project.as_os_str();
    succeed(&[
        "align".as_ref(),
        p,
        fixture("sample.en.damaged.txt").as_os_str(),
    ]);
    assert_eq!(targets(&load(&project)), damaged);

    let summary = succeed(&["align".as_ref(), p, fixture("sample.en.txt").as_os_str()]);
    assert!(
        summary.contains("0 filled, 0 replaced, 9 kept"),
        "{summary}"
    );
    assert!(summary.contains("--replace"), "{summary}");
    assert_eq!(
        targets(&load(&project)),
        damaged,
        "nothing replaced silently"
    );

    let summary = succeed(&[
        "align".as_ref(),
        p,
        fixture("sample.en.txt").as_os_str(),
        "--replace".as_ref(),
    ]);
    let differing = damaged.iter().zip(&good).filter(|(a, b)| a != b).count();
    assert_eq!(differing, 5);
    assert!(
        summary.contains(&format!(
            "0 filled, {differing} replaced, {} kept",
            9 - differing
        )),
        "{summary}"
    );
    let result = load(&project);
    assert_eq!(targets(&result), good);
    let history = result["segments"][0]["history"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(history.len(), 2, "one import, one replacement");
    assert_eq!(history[1]["target_before"], damaged[0].as_str());
}

#[test]
fn files_that_are_not_text_or_word_are_refused_by_format() {
    let dir = tempdir();
    let project = sample_project(dir.path());
    let before = fs::read(&project).unwrap_or_default();
    let cases: [(&str, &[u8], &str); 6] = [
        (
            "t.pdf",
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj",
            "a PDF document",
        ),
        (
            "t.doc",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0",
            "legacy Word (.doc)",
        ),
        ("t.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "a PNG image"),
        ("t.txt", b"", "is empty"),
        ("t.zip", b"PK\x03\x04\x14\0\0\0\0\0", "damaged Word file"),
        ("latin1.txt", b"caf\xe9 au lait.", "not valid UTF-8"),
    ];
    for (name, bytes, message) in cases {
        let file = dir.path().join(name);
        fs::write(&file, bytes).unwrap_or_else(|e| panic!("{e}"));
        let err = fail_cleanly(&["align".as_ref(), project.as_os_str(), file.as_os_str()]);
        assert!(err.contains(message), "{name}: {err}");
        assert!(err.contains(name), "{name}: {err}");
    }
    assert_eq!(fs::read(&project).unwrap_or_default(), before);
}

#[test]
fn a_translation_of_another_article_needs_force() {
    let dir = tempdir();
    let project = sample_project(dir.path());
    let before = fs::read(&project).unwrap_or_default();
    // Real news about something else entirely (the fixture's English).
    let other = dir.path().join("other.txt");
    let en = fs::read_to_string(fixture("realnews/en.txt")).unwrap_or_default();
    let first_doc: Vec<&str> = en.lines().take(16).collect();
    fs::write(&other, first_doc.join(" ")).unwrap_or_else(|e| panic!("{e}"));
    let err = fail_cleanly(&["align".as_ref(), project.as_os_str(), other.as_os_str()]);
    assert!(err.contains("does not look like a translation"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        fs::read(&project).unwrap_or_default(),
        before,
        "nothing written"
    );
    succeed(&[
        "align".as_ref(),
        project.as_os_str(),
        other.as_os_str(),
        "--force".as_ref(),
    ]);
}

#[test]
fn a_short_translation_imports_what_aligns_and_names_the_rest() {
    let dir = tempdir();
    let project = sample_project(dir.path());
    let short = dir.path().join("short.txt");
    let lines = english_lines("sample.en.txt");
    fs::write(&short, lines[..6].join("\n")).unwrap_or_else(|e| panic!("{e}"));
    let summary = succeed(&["align".as_ref(), project.as_os_str(), short.as_os_str()]);
    assert!(
        summary.contains("No English found for: #7 #8 #9"),
        "{summary}"
    );
    let result = targets(&load(&project));
    assert_eq!(result[..6], lines[..6]);
    assert!(result[6..].iter().all(String::is_empty));
}
