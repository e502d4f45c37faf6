//! The QA checks on the sample article: a careful translation is quiet, a damaged one is caught.

use std::path::PathBuf;

use virast::qa::{CHARS_RATIO, CheckKind, Finding, Severity, check_pair};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn lines(name: &str) -> Vec<String> {
    fixture(name).lines().map(str::to_owned).collect()
}

/// The sample's sentences, one per line, split by hand by the rules in persian-text.md.
fn source_segments() -> Vec<String> {
    lines("tests/fixtures/sample.fa.txt")
}

fn calibration_pairs() -> Vec<(String, String)> {
    fixture("tests/fixtures/calibration.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (fa, en) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("no tab in {l}"));
            (fa.to_owned(), en.to_owned())
        })
        .collect()
}

#[test]
fn hand_split_segments_cover_the_article_exactly() {
    let article = fixture("assets/khabarresa-police-counseling.fa.txt");
    let segments = source_segments();
    assert_eq!(article.split('\n').count(), 7, "paragraphs");
    assert_eq!(segments.len(), 9, "sentences");
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(squash(&segments.concat()), squash(&article));
    for s in &segments {
        assert!(article.contains(s.as_str()), "{s}");
    }
}

fn errors(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

#[test]
fn careful_translation_is_quiet() {
    let targets = lines("tests/fixtures/sample.en.txt");
    let sources = source_segments();
    assert_eq!(targets.len(), sources.len());
    for (i, (s, t)) in sources.iter().zip(&targets).enumerate() {
        let findings = check_pair(s, t);
        assert!(findings.is_empty(), "segment {}: {findings:#?}", i + 1);
    }
}

#[test]
fn calibration_pairs_have_no_error() {
    for (s, t) in calibration_pairs() {
        let findings = check_pair(&s, &t);
        assert!(errors(&findings).is_empty(), "{t}: {findings:#?}");
        assert!(findings.is_empty(), "{t}: {findings:#?}");
    }
}

#[test]
fn each_damage_is_reported() {
    let targets = lines("tests/fixtures/sample.en.damaged.txt");
    let sources = source_segments();
    // (segment, what must be reported)
    let expected = [
        (1, CheckKind::NumberMissing, "number-missing:400000"),
        (1, CheckKind::NumberExtra, "number-extra:40000"),
        (2, CheckKind::DoubledWord, "doubled-word:the"),
        (4, CheckKind::EndPunctuation, "end-punctuation:."),
        (6, CheckKind::PossibleOmission, "possible-omission"),
        (
            9,
            CheckKind::PersianInTarget,
            "persian-in-target:اینستاگرام",
        ),
    ];
    let mut reported = Vec::new();
    for (i, (s, t)) in sources.iter().zip(&targets).enumerate() {
        for f in check_pair(s, t) {
            reported.push((i + 1, f.kind, f.key));
        }
    }
    let expected: Vec<(usize, CheckKind, String)> = expected
        .iter()
        .map(|&(n, k, key)| (n, k, key.to_owned()))
        .collect();
    assert_eq!(reported, expected, "exactly the five damages, nothing else");
}

#[test]
fn wrong_number_and_persian_leftover_are_errors() {
    let targets = lines("tests/fixtures/sample.en.damaged.txt");
    let sources = source_segments();
    let first = check_pair(&sources[0], &targets[0]);
    assert_eq!(errors(&first).len(), 2);
    let last = check_pair(&sources[8], &targets[8]);
    assert_eq!(errors(&last).len(), 1);
}

#[test]
fn length_ratio_constant_matches_the_fixtures() {
    let mut pairs = calibration_pairs();
    pairs.extend(
        source_segments()
            .into_iter()
            .zip(lines("tests/fixtures/sample.en.txt")),
    );
    let (fa, en) = pairs.iter().fold((0usize, 0usize), |(a, b), (s, t)| {
        (a + s.trim().chars().count(), b + t.trim().chars().count())
    });
    let ratio = en as f64 / fa as f64;
    assert!(
        (ratio - CHARS_RATIO).abs() < 0.01,
        "measured {ratio:.3}, constant {CHARS_RATIO}"
    );
    assert_eq!(pairs.len(), 33);
}
