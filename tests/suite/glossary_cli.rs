//! Glossaries on the real binary: `virast glossary --check` names each problem with its line
//! (and TBX entry), `virast glossary IN -o OUT` converts TBX <-> TSV without losing a field, a
//! malformed file is an error naming the file and position and writes nothing, and `virast
//! check --glossary` reports terminology (a forbidden variant is an error, a missing term a
//! warning) while a missing linked glossary is only a notice.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use virast::glossary::{self, Term};
use virast::model::{Project, Stamp};

fn virast(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_virast"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn terms() -> Vec<Term> {
    let mut naja = Term::new("ناجا", "NAJA");
    naja.admitted = vec!["the police".into()];
    naja.forbidden = vec!["NAJA police".into()];
    naja.note = "Iran's law enforcement force; <b> & “quotes”".into();
    naja.domain = "law".into();
    naja.pos = glossary::PartOfSpeech::ProperNoun;
    let mut irgc = Term::new(
        "سپاه پاسداران",
        "the Islamic Revolutionary Guard Corps (IRGC)",
    );
    irgc.admitted = vec!["the IRGC".into()];
    vec![naja, irgc, Term::new("مجلس", "parliament")]
}

#[test]
fn check_names_each_problem_with_its_line_or_entry() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let tsv = "# house terms\nناجا\tNAJA\t[forbidden: Naja]\nمجلس\tparliament\t[forbidden: parliament]\n\tZarif\nناجا\tNaja\n";
    std::fs::write(dir.path().join("g.tsv"), tsv).unwrap_or_else(|e| panic!("{e}"));
    let out = virast(&["glossary", "g.tsv", "--check"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for line in [
        "g.tsv: line 3: “parliament” is both preferred or admitted and forbidden for “مجلس”",
        "g.tsv: line 4: the Persian term is empty (English “Zarif”)",
        "g.tsv: line 5: “ناجا” is listed twice: also at line 2, which is the one used",
        "g.tsv: line 5: “Naja” is used for “ناجا” here but forbidden at line 2",
        "g.tsv: 4 terms, 4 problems",
    ] {
        assert!(stdout.contains(line), "{line} in {stdout}");
    }

    // TBX: the entry number too.
    let mut dup = terms();
    dup.push(Term::new("ناجا", "the police"));
    std::fs::write(dir.path().join("g.tbx"), glossary::tbx::write(&dup))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = virast(&["glossary", "g.tbx", "--check"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("(entry 4): “ناجا” is listed twice: also at line"),
        "{}",
        text(&out.stdout)
    );
    // A clean glossary passes.
    std::fs::write(dir.path().join("ok.tbx"), glossary::tbx::write(&terms()))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = virast(&["glossary", "ok.tbx", "--check"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("ok.tbx: 3 terms, 0 problems"));
}

#[test]
fn tbx_and_tsv_convert_both_ways_without_losing_a_field() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("in.tbx"), glossary::tbx::write(&terms()))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = virast(&["glossary", "in.tbx", "-o", "out.tsv"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Wrote 3 terms to out.tsv"));
    let out = virast(&["glossary", "out.tsv", "-o", "back.tbx"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let back = virast::store::glossary::read(&dir.path().join("back.tbx"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.terms, terms());
    // An existing OUT is not replaced without --force.
    let out = virast(&["glossary", "in.tbx", "-o", "out.tsv"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("use --force"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_malformed_glossary_names_file_and_position_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bad = "<?xml version=\"1.0\"?>\n<martif><text><body>\n<termEntry><langSet xml:lang=\"fa\">\n<tig><term>ناجا</term></tig>\n</termEntry>\n</body></text></martif>\n";
    std::fs::write(dir.path().join("bad.tbx"), bad).unwrap_or_else(|e| panic!("{e}"));
    for args in [
        &["glossary", "bad.tbx", "--check"][..],
        &["glossary", "bad.tbx", "-o", "out.tsv"][..],
    ] {
        let out = virast(args, dir.path());
        assert_eq!(out.status.code(), Some(1));
        let err = text(&out.stderr);
        assert!(err.contains("bad.tbx: ") && err.contains("line 5"), "{err}");
    }
    assert!(!dir.path().join("out.tsv").exists(), "nothing is written");
    std::fs::write(dir.path().join("bad.tsv"), "ناجا\tNAJA\nناجا NAJA\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let out = virast(&["glossary", "bad.tsv", "-o", "out.tbx"], dir.path());
    let err = text(&out.stderr);
    assert!(
        err.contains("bad.tsv: no tab") && err.contains("line 2"),
        "{err}"
    );
    assert!(!dir.path().join("out.tbx").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("bad.tsv")).unwrap_or_default(),
        "ناجا\tNAJA\nناجا NAJA\n"
    );
}

fn project(dir: &Path, targets: &[&str], links: &[&str]) -> PathBuf {
    let pieces = [
        ("ناجا اعلام کرد.".to_owned(), " ".to_owned()),
        ("سپاه‌پاسداران گفت.".to_owned(), " ".to_owned()),
        ("مجلس‌ها بسته شد.".to_owned(), String::new()),
    ];
    let mut p = Project::new("terms", "", pieces, chrono::Utc::now());
    let stamp = Stamp::now("test");
    for (i, t) in targets.iter().enumerate() {
        p.set_target(i, t, &stamp).unwrap_or_else(|e| panic!("{e}"));
    }
    p.meta.glossaries = links.iter().map(|l| (*l).to_owned()).collect();
    let path = dir.join("p.virast.json");
    virast::store::ProjectFile::new(&path)
        .save(&p)
        .unwrap_or_else(|e| panic!("{e}"));
    path
}

#[test]
fn check_reports_terminology_from_linked_and_given_glossaries() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(dir.path().join("glossaries")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("glossaries/house.tbx"),
        glossary::tbx::write(&terms()[..2]),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("extra.tsv"), "مجلس\tparliament\n")
        .unwrap_or_else(|e| panic!("{e}"));
    project(
        dir.path(),
        &[
            "NAJA police announced.",
            "The IRGC said.",
            "The assemblies closed.",
        ],
        &["glossaries/house.tbx", "missing.tsv"],
    );
    let out = virast(&["check", "p.virast.json"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(1),
        "a forbidden variant is an error"
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("#1 error   terminology-forbidden:NAJA police: “NAJA police” is a forbidden rendering of “ناجا”: use “NAJA”"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("#2 "),
        "an admitted variant passes: {stdout}"
    );
    assert!(
        !stdout.contains("terminology:مجلس"),
        "not in the linked glossary"
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("Glossary missing.tsv was not loaded"),
        "a missing link is a notice: {stderr}"
    );

    let out = virast(
        &["check", "p.virast.json", "--glossary", "extra.tsv"],
        dir.path(),
    );
    assert!(
        text(&out.stdout)
            .contains("#3 warning terminology:مجلس: “مجلس” is in the glossary as “parliament”"),
        "{}",
        text(&out.stdout)
    );
    let out = virast(
        &["check", "p.virast.json", "--glossary", "nowhere.tsv"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("nowhere.tsv"));
}
