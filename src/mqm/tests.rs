#![allow(
    clippy::float_cmp,
    reason = "weights and sums of them are compared exactly where they are exact"
)]

use proptest::prelude::*;

use super::*;

/// Rows of the study's TED talks English–German file (google/wmt-mqm-human-evaluation,
/// Apache-2.0): two systems on nine segments, see `tests/fixtures/mqm/README.md`.
const EXCERPT: &str = include_str!("../../tests/fixtures/mqm/ted_ende_excerpt.tsv");

const HEADER: &str = "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\n";

fn row(system: &str, seg: &str, rater: &str, category: &str, severity: &str) -> String {
    format!("{system}\td\t1\t{seg}\t{rater}\tsrc\ttgt\t{category}\t{severity}\n")
}

#[test]
fn the_study_weights() {
    let p = Policy::default();
    assert_eq!(p.weight("Accuracy/Mistranslation", Severity::Minor), 1.0);
    assert_eq!(p.weight("Accuracy/Mistranslation", Severity::Major), 5.0);
    assert_eq!(p.weight("Fluency/Punctuation", Severity::Minor), 0.1);
    assert_eq!(p.weight("Fluency/Punctuation", Severity::Major), 5.0);
    assert_eq!(p.weight("Non-translation!", Severity::Major), 25.0);
    assert_eq!(p.weight("Non-translation", Severity::Minor), 1.0);
    assert_eq!(p.weight("Style/Awkward", Severity::Neutral), 0.0);
    assert_eq!(p.weight("Accuracy/Omission", Severity::Critical), 25.0);
}

#[test]
fn a_policy_changes_the_weights() {
    let p = Policy {
        major: 10.0,
        critical: 100.0,
        ..Policy::default()
    };
    let text = format!(
        "{HEADER}{}{}",
        row("A", "1", "r1", "Accuracy/Mistranslation", "Major"),
        row("A", "2", "r1", "Accuracy/Omission", "Critical"),
    );
    let rows = parse_tsv(&text).unwrap();
    assert_eq!(score(&rows, &p).systems[0].score, 55.0);
}

#[test]
fn the_excerpt_scores_as_the_study_averages_it() {
    let rows = parse_tsv(EXCERPT).unwrap();
    assert_eq!(rows.len(), 19);
    let scores = score(&rows, &Policy::default());
    let names: Vec<&str> = scores.systems.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Facebook-AI", "Nemo"], "best (lowest) first");
    // Facebook-AI: Minor + Minor + Major + Major over 9 segments.
    assert!((scores.systems[0].score - 12.0 / 9.0).abs() < 1e-9);
    // Nemo: Minor, 3 Major, Minor punctuation, Minor + Minor punctuation, Minor.
    assert!((scores.systems[1].score - 18.2 / 9.0).abs() < 1e-9);
    assert!(scores.systems.iter().all(|s| s.segments == 9));
    let docs: Vec<(&str, &str, usize)> = scores
        .documents
        .iter()
        .map(|(system, s)| (system.as_str(), s.name.as_str(), s.segments))
        .collect();
    assert_eq!(
        docs,
        [
            ("Facebook-AI", "talk.1", 8),
            ("Facebook-AI", "talk.6", 1),
            ("Nemo", "talk.1", 8),
            ("Nemo", "talk.6", 1)
        ]
    );
}

#[test]
fn a_segment_rated_by_two_raters_scores_their_mean() {
    let text = format!(
        "{HEADER}{}{}{}",
        row("A", "1", "r1", "Accuracy/Mistranslation", "Major"),
        row("A", "1", "r2", "No-error", "No-error"),
        row("A", "2", "r1", "Style/Awkward", "Minor"),
    );
    let scores = score(&parse_tsv(&text).unwrap(), &Policy::default());
    assert_eq!(scores.systems[0].segments, 2);
    // Segment 1: (5 + 0) / 2 raters; segment 2: 1; the system: their mean.
    assert!((scores.systems[0].score - 1.75).abs() < 1e-9);
    let raters: Vec<(&str, f64)> = scores
        .raters
        .iter()
        .map(|s| (s.name.as_str(), s.score))
        .collect();
    assert_eq!(raters, [("r2", 0.0), ("r1", 3.0)]);
}

#[test]
fn quotes_crlf_and_a_bom_are_read_as_the_wmt_files_mean_them() {
    let text = format!(
        "\u{feff}{}{}",
        HEADER.replace('\n', "\r\n"),
        "A\td\t1\t1\tr1\tHe said \"no\tJa \"nein\tAccuracy/Mistranslation\tMinor\r\n"
    );
    let rows = parse_tsv(&text).unwrap();
    assert_eq!(rows[0].severity, Some(Severity::Minor));
    assert_eq!(rows[0].category, "Accuracy/Mistranslation");
}

#[test]
fn bad_files_are_refused_with_the_line() {
    assert_eq!(
        parse_tsv("system\tdoc\tseg_id\trater\tcategory\n"),
        Err(MqmError::MissingColumn("severity"))
    );
    let short = format!("{HEADER}A\td\t1\t1\n");
    assert_eq!(
        parse_tsv(&short),
        Err(MqmError::ShortRow {
            line: 2,
            found: 4,
            needed: 9
        })
    );
    let bad = format!(
        "{HEADER}{}{}",
        row("A", "1", "r1", "Style/Awkward", "Minor"),
        row("A", "2", "r1", "Style/Awkward", "Huge")
    );
    assert!(matches!(
        parse_tsv(&bad),
        Err(MqmError::BadSeverity { line: 3, .. })
    ));
    assert_eq!(parse_tsv(HEADER), Err(MqmError::Empty));
    assert_eq!(parse_tsv(""), Err(MqmError::MissingColumn("system")));
}

fn arb_rows() -> impl Strategy<Value = Vec<(u8, u8, u8, u8, u8)>> {
    prop::collection::vec((0..3u8, 0..6u8, 0..3u8, 0..4u8, 0..5u8), 1..60)
}

fn text_of(rows: &[(u8, u8, u8, u8, u8)]) -> String {
    const CATEGORIES: [&str; 4] = [
        "Accuracy/Mistranslation",
        "Fluency/Punctuation",
        "Non-translation!",
        "No-error",
    ];
    const SEVERITIES: [&str; 5] = ["Minor", "Major", "Neutral", "Critical", "No-error"];
    let mut text = HEADER.to_owned();
    for &(system, seg, rater, category, severity) in rows {
        text += &row(
            &format!("S{system}"),
            &seg.to_string(),
            &format!("r{rater}"),
            CATEGORIES[usize::from(category)],
            SEVERITIES[usize::from(severity)],
        );
    }
    text
}

proptest! {
    /// The order of rows never changes a score, and a system's score is the mean of its
    /// segments' scores (so it lies between the lowest and the highest of them).
    #[test]
    fn order_does_not_matter_and_scores_are_means(rows in arb_rows(), seed in any::<u64>()) {
        let policy = Policy::default();
        let a = score(&parse_tsv(&text_of(&rows)).unwrap(), &policy);
        let mut shuffled = rows.clone();
        let n = shuffled.len();
        let mut state = seed;
        for i in (1..n).rev() {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        let b = score(&parse_tsv(&text_of(&shuffled)).unwrap(), &policy);
        prop_assert_eq!(a.systems.len(), b.systems.len());
        for (x, y) in a.systems.iter().zip(&b.systems) {
            prop_assert!((x.score - y.score).abs() < 1e-9);
            prop_assert_eq!(x.segments, y.segments);
        }
        for s in &a.systems {
            prop_assert!(s.score >= 0.0 && s.score <= 5.0 * 25.0 * 60.0);
            let docs: usize = a.documents.iter().filter(|(sys, _)| *sys == s.name).map(|(_, d)| d.segments).sum();
            prop_assert_eq!(docs, s.segments);
        }
    }

    /// A `No-error` row adds a rated segment but no weight.
    #[test]
    fn a_no_error_row_adds_no_weight(rows in arb_rows()) {
        let policy = Policy::default();
        let text = text_of(&rows);
        let before = score(&parse_tsv(&text).unwrap(), &policy);
        let (system, seg, rater, _, _) = rows[0];
        let after = score(&parse_tsv(&(text + &row(&format!("S{system}"), &seg.to_string(), &format!("r{rater}"), "No-error", "No-error"))).unwrap(), &policy);
        prop_assert_eq!(before.systems.len(), after.systems.len());
        for (x, y) in before.systems.iter().zip(&after.systems) {
            prop_assert!((x.score - y.score).abs() < 1e-9);
        }
    }
}
