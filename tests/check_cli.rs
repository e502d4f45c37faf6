//! `virast check` on the real binary: the sample with a careful translation passes (exit 0);
//! the same translation damaged in five ways fails (exit 1) and names each damage.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Import the sample article with the real segmenter, fill in `translation` line by line.
fn project_with(translation: &str, dir: &Path) -> PathBuf {
    let article =
        virast::import::read_article(&fixture("khabarresa-police-counseling.fa.txt")).unwrap();
    let mut project = article.into_project("check", chrono::Utc::now());
    let lines: Vec<String> = std::fs::read_to_string(fixture(translation))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(lines.len(), project.segments.len(), "one line per sentence");
    let stamp = virast::model::Stamp::now("test");
    for (i, line) in lines.iter().enumerate() {
        project.set_target(i, line, &stamp).unwrap();
    }
    let path = dir.join(format!("{translation}.virast.json"));
    virast::store::ProjectFile::new(&path)
        .save(&project)
        .unwrap();
    path
}

fn check(path: &Path) -> (i32, serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_virast"))
        .args(["check", "--json"])
        .arg(path)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (
        out.status.code().unwrap(),
        report,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn keys(report: &serde_json::Value) -> Vec<(u64, String, String)> {
    let mut keys = Vec::new();
    for seg in report["segments"].as_array().unwrap() {
        for f in seg["findings"].as_array().unwrap() {
            keys.push((
                seg["index"].as_u64().unwrap() + 1,
                f["key"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            ));
        }
    }
    keys
}

#[test]
fn careful_translation_passes_the_gate() {
    let dir = tempfile::tempdir().unwrap();
    let (code, report, stderr) = check(&project_with("sample.en.txt", dir.path()));
    assert_eq!(code, 0, "{report:#} {stderr}");
    assert!(
        keys(&report).iter().all(|(_, _, sev)| sev != "error"),
        "{report:#}"
    );
}

#[test]
fn each_of_five_damages_is_reported_and_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let (code, report, stderr) = check(&project_with("sample.en.damaged.txt", dir.path()));
    assert_eq!(code, 1);
    assert!(stderr.contains("QA errors"), "{stderr}");
    let found = keys(&report);
    for (segment, key) in [
        (1, "number-extra:40000"),
        (2, "doubled-word:the"),
        (4, "end-punctuation:."),
        (6, "possible-omission"),
        (9, "persian-in-target:اینستاگرام"),
    ] {
        assert!(
            found.iter().any(|(s, k, _)| *s == segment && k == key),
            "{key} on sentence {segment} not in {found:?}"
        );
    }
}
