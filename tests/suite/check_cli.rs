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

/// `virast check --json` with `extra` arguments: exit code and the report's finding keys.
fn check_with(path: &Path, extra: &[&str]) -> (i32, Vec<String>) {
    let out = Command::new(env!("CARGO_BIN_EXE_virast"))
        .args(["check", "--json"])
        .args(extra)
        .arg(path)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let keys = keys(&report).into_iter().map(|(_, key, _)| key).collect();
    (out.status.code().unwrap(), keys)
}

#[test]
fn check_uses_the_variant_and_word_list_saved_in_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = virast::model::Project::new(
        "house style",
        "",
        [("رنگ لباس‌ها آبی است.".to_owned(), String::new())],
        chrono::Utc::now(),
    );
    project
        .set_target(
            0,
            "The colour of the uniforms is blue.",
            &virast::model::Stamp::now("test"),
        )
        .unwrap();
    let path = dir.path().join("style.virast.json");
    // One file saved again and again, as the desk does.
    let mut file = virast::store::ProjectFile::new(&path);
    let mut save = |project: &virast::model::Project| file.save(project).unwrap();
    let variant_key = "variant-spelling:colour".to_owned();

    // No variant in the file: the story's own, so a British story is left alone ...
    save(&project);
    let (_, keys) = check_with(&path, &[]);
    assert!(!keys.contains(&variant_key), "{keys:?}");
    // ... but the one British spelling of an American story is the minority.
    let mut american = project.clone();
    american.segments[0].target =
        "The color of the uniforms at the theater center is blue, and the colour fades.".into();
    save(&american);
    let (_, keys) = check_with(&path, &[]);
    assert!(keys.contains(&variant_key), "{keys:?}");
    // `--english en-GB-oxendict` holds it to Oxford spelling: the -or and -er are flagged.
    let (_, keys) = check_with(&path, &["--english", "en-GB-oxendict"]);
    assert!(
        keys.contains(&"variant-spelling:color".to_owned()),
        "{keys:?}"
    );
    assert!(!keys.contains(&variant_key), "{keys:?}");
    // And `--english en-US` holds the British story to American spelling.
    save(&project);
    let (_, keys) = check_with(&path, &["--english", "en-US"]);
    assert!(keys.contains(&variant_key), "{keys:?}");

    // The project says en-GB: the same text is right.
    project.meta.english_variant = virast::spell::Variant::EnGb;
    save(&project);
    let (_, keys) = check_with(&path, &[]);
    assert!(!keys.contains(&variant_key), "{keys:?}");
    // `--english` overrides the project for one run.
    let (_, keys) = check_with(&path, &["--english", "en-US"]);
    assert!(keys.contains(&variant_key), "{keys:?}");

    // A word the project ignores is the project's choice, not a house-style warning.
    project.meta.english_variant = virast::spell::Variant::EnUs;
    project.meta.project_words.ignored.insert("colour".into());
    save(&project);
    let (_, keys) = check_with(&path, &[]);
    assert!(!keys.contains(&variant_key), "{keys:?}");
}
