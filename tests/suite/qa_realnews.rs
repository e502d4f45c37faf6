//! QA on real news: precision of errors, share of warnings and a mutation test over the
//! hand-labelled development set `tests/fixtures/realnews/dev.tsv` (NTREX-128, CC BY-SA 4.0).
//!
//! `cargo test --test suite qa_realnews:: -- --nocapture` prints the table reported in `docs/QA.md`.
//! The floors below are what the checks reach today; a change that falls below them fails.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::PathBuf;

use virast::qa::{Finding, Severity, check_pair};

/// One labelled pair.
struct Pair {
    line: usize,
    label: Label,
    reason: String,
    fa: String,
    en: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Label {
    Clean,
    Problem,
    Conversion,
}

fn dev_set() -> Vec<Pair> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/realnews/dev.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 6, "six columns: {l}");
            let label = match cols[2] {
                "clean" => Label::Clean,
                "problem" => Label::Problem,
                "conversion" => Label::Conversion,
                other => panic!("unknown label {other}"),
            };
            Pair {
                line: cols[0].parse().unwrap_or_else(|e| panic!("{l}: {e}")),
                label,
                reason: cols[3].to_owned(),
                fa: cols[4].to_owned(),
                en: cols[5].to_owned(),
            }
        })
        .collect()
}

fn has(findings: &[Finding], severity: Severity) -> bool {
    findings.iter().any(|f| f.severity == severity)
}

/// Error-flag counts by label, and the share of pairs with a warning.
#[derive(Default, Debug)]
struct Flags {
    pairs: usize,
    errors_by_label: [usize; 3],
    labelled: [usize; 3],
    with_warning: usize,
    clean_errors: Vec<String>,
    problems_missed: Vec<usize>,
    warnings: Vec<String>,
}

impl Flags {
    fn error_flagged(&self) -> usize {
        self.errors_by_label.iter().sum()
    }

    /// Share of error-flagged pairs that hold a real problem or an unverified conversion.
    fn precision(&self) -> f64 {
        let good = self.errors_by_label[1] + self.errors_by_label[2];
        ratio(good, self.error_flagged())
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn label_index(label: Label) -> usize {
    match label {
        Label::Clean => 0,
        Label::Problem => 1,
        Label::Conversion => 2,
    }
}

fn flags(pairs: &[Pair]) -> Flags {
    let mut fl = Flags {
        pairs: pairs.len(),
        ..Flags::default()
    };
    for p in pairs {
        let findings = check_pair(&p.fa, &p.en);
        let k = label_index(p.label);
        fl.labelled[k] += 1;
        if has(&findings, Severity::Error) {
            fl.errors_by_label[k] += 1;
            if p.label == Label::Clean {
                let keys: Vec<&str> = findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .map(|f| f.key.as_str())
                    .collect();
                fl.clean_errors.push(format!("#{} {keys:?}", p.line));
            }
        }
        if has(&findings, Severity::Warning) {
            fl.with_warning += 1;
            let keys: Vec<&str> = findings
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .map(|f| f.key.as_str())
                .collect();
            fl.warnings.push(format!("#{} {keys:?}", p.line));
        }
        if p.label == Label::Problem && !has(&findings, Severity::Error) {
            fl.problems_missed.push(p.line);
        }
    }
    fl
}

/// The kinds of figure a mutation changes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mutation {
    /// The leading digit of the first number that is not a year.
    Digit,
    /// million ↔ billion, thousand → million, bn ↔ m.
    Scale,
    /// The decimal point of the first decimal number is dropped (2.52 → 252).
    DecimalPoint,
    /// The last two digits of the first year are swapped (1976 → 1967), or its last digit moved.
    Year,
    /// The first currency sign is changed (£ → $, $ → £, € → $): the right figure in the wrong
    /// currency.
    Currency,
}

const MUTATIONS: [Mutation; 5] = [
    Mutation::Digit,
    Mutation::Scale,
    Mutation::DecimalPoint,
    Mutation::Year,
    Mutation::Currency,
];

/// Digit runs of ASCII text as (start, end) byte ranges, skipping runs glued to a letter
/// before them (`G7`, `Face++` has none) and URLs are not special: news rarely has them.
fn digit_runs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let glued_letter = start > 0 && bytes[start - 1].is_ascii_alphabetic();
            if !glued_letter {
                runs.push((start, i));
            }
        } else {
            i += 1;
        }
    }
    runs
}

fn is_year(text: &str, (a, b): (usize, usize)) -> bool {
    let run = &text[a..b];
    let before_ok = a == 0 || !matches!(text.as_bytes()[a - 1], b'.' | b',' | b'$' | b'\xA3');
    let after_ok = b == text.len() || !matches!(text.as_bytes()[b], b'.' | b',');
    run.len() == 4
        && (run.starts_with("19") || run.starts_with("20"))
        && before_ok
        && (after_ok || text[b..].starts_with(". ") || b + 1 == text.len())
}

/// A Persian text's digits as ASCII, to see whether a mutation happens to restore the source.
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '۰'..='۹' => char::from_u32(c as u32 - 0x06F0 + u32::from(b'0')).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The target with one figure changed, or `None` when it has no figure of that kind. A year
/// swap that would give a year of the source (the translation had 1967 for 1976) moves the
/// last digit instead.
// Byte offsets and digits read best as a/b and d here.
#[allow(clippy::many_single_char_names)]
fn mutate_pair(source: &str, target: &str, m: Mutation) -> Option<String> {
    let mutated = mutate(target, m)?;
    if m != Mutation::Year {
        return Some(mutated);
    }
    let src = ascii_digits(source);
    let runs = digit_runs(target);
    let &(a, b) = runs.iter().find(|&&r| is_year(target, r))?;
    if !src.contains(&mutated[a..b]) {
        return Some(mutated);
    }
    let y = &target[a..b];
    let d = y.as_bytes()[3] - b'0';
    let last = if d == 9 { 8 } else { d + 1 };
    Some(format!("{}{}{last}{}", &target[..a], &y[..3], &target[b..]))
}

/// The target with one figure changed, or `None` when it has no figure of that kind.
#[allow(clippy::many_single_char_names)]
fn mutate(text: &str, m: Mutation) -> Option<String> {
    let replace = |a: usize, b: usize, with: &str| format!("{}{with}{}", &text[..a], &text[b..]);
    match m {
        Mutation::Digit => {
            let runs = digit_runs(text);
            let &(a, _) = runs.iter().find(|&&r| !is_year(text, r))?;
            let d = text.as_bytes()[a] - b'0';
            let nd = if d == 9 { 8 } else { d + 1 };
            Some(replace(a, a + 1, &nd.to_string()))
        }
        Mutation::Year => {
            let runs = digit_runs(text);
            let &(a, b) = runs.iter().find(|&&r| is_year(text, r))?;
            let y = &text[a..b];
            let (c2, c3) = (y.as_bytes()[2], y.as_bytes()[3]);
            let new = if c2 == c3 {
                let d = c3 - b'0';
                format!("{}{}", &y[..3], if d == 9 { 8 } else { d + 1 })
            } else {
                format!("{}{}{}", &y[..2], c3 as char, c2 as char)
            };
            Some(replace(a, b, &new))
        }
        Mutation::Currency => {
            let (k, sign) = text
                .char_indices()
                .find(|&(_, c)| matches!(c, '£' | '$' | '€'))?;
            let with = if sign == '$' { "£" } else { "$" };
            Some(replace(k, k + sign.len_utf8(), with))
        }
        Mutation::DecimalPoint => {
            let bytes = text.as_bytes();
            let k = (1..bytes.len().saturating_sub(1)).find(|&k| {
                bytes[k] == b'.' && bytes[k - 1].is_ascii_digit() && bytes[k + 1].is_ascii_digit()
            })?;
            Some(replace(k, k + 1, ""))
        }
        Mutation::Scale => {
            for (word, with) in [
                ("million", "billion"),
                ("billion", "million"),
                ("thousand", "million"),
            ] {
                // Whole words only: "thousands" is not a figure.
                let whole = text.match_indices(word).find(|&(k, _)| {
                    let before = text[..k].chars().next_back();
                    let after = text[k + word.len()..].chars().next();
                    before.is_none_or(|c| !c.is_alphanumeric())
                        && after.is_none_or(|c| !c.is_alphanumeric())
                });
                if let Some((k, _)) = whole {
                    return Some(replace(k, k + word.len(), with));
                }
            }
            // £2.8bn → £2.8m, £125m → £125bn
            let bytes = text.as_bytes();
            for k in 1..bytes.len() {
                if !bytes[k - 1].is_ascii_digit() {
                    continue;
                }
                let rest = &text[k..];
                let end_ok = |n: usize| {
                    rest.as_bytes()
                        .get(n)
                        .is_none_or(|c| !c.is_ascii_alphanumeric())
                };
                if rest.starts_with("bn") && end_ok(2) {
                    return Some(replace(k, k + 2, "m"));
                }
                if rest.starts_with('m') && end_ok(1) {
                    return Some(replace(k, k + 1, "bn"));
                }
            }
            None
        }
    }
}

/// (applicable, caught as a new error, caught as a new warning or error) per mutation.
fn mutation_test(pairs: &[Pair]) -> Vec<(Mutation, usize, usize, usize, Vec<usize>)> {
    MUTATIONS
        .iter()
        .map(|&m| {
            let (mut n, mut as_error, mut as_any) = (0, 0, 0);
            let mut missed = Vec::new();
            for p in pairs {
                let Some(mutated) = mutate_pair(&p.fa, &p.en, m) else {
                    continue;
                };
                n += 1;
                let before: HashSet<String> = check_pair(&p.fa, &p.en)
                    .into_iter()
                    .map(|f| f.key)
                    .collect();
                let after = check_pair(&p.fa, &mutated);
                let new = |sev: Severity| {
                    after
                        .iter()
                        .any(|f| f.severity >= sev && !before.contains(&f.key))
                };
                if new(Severity::Error) {
                    as_error += 1;
                }
                if new(Severity::Warning) {
                    as_any += 1;
                } else {
                    missed.push(p.line);
                }
            }
            (m, n, as_error, as_any, missed)
        })
        .collect()
}

fn report(pairs: &[Pair]) -> (Flags, String) {
    let fl = flags(pairs);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "pairs {} (clean {}, problem {}, conversion {})",
        fl.pairs, fl.labelled[0], fl.labelled[1], fl.labelled[2]
    );
    let _ = writeln!(
        s,
        "error-flagged {}: problem {}, conversion {}, clean (false alarm) {}; precision {:.1}%",
        fl.error_flagged(),
        fl.errors_by_label[1],
        fl.errors_by_label[2],
        fl.errors_by_label[0],
        100.0 * fl.precision()
    );
    let _ = writeln!(
        s,
        "problems caught as errors {}/{}",
        fl.errors_by_label[1], fl.labelled[1]
    );
    let _ = writeln!(
        s,
        "pairs with a warning {} ({:.1}%)",
        fl.with_warning,
        100.0 * ratio(fl.with_warning, fl.pairs)
    );
    let _ = writeln!(s, "false alarms: {}", fl.clean_errors.join("; "));
    let _ = writeln!(
        s,
        "problems not flagged as errors: {:?}",
        fl.problems_missed
    );
    let _ = writeln!(s, "warnings: {}", fl.warnings.join("; "));
    for (m, n, e, any, missed) in mutation_test(pairs) {
        let _ = writeln!(
            s,
            "mutation {m:?}: {n} pairs, caught as error {e} ({:.1}%), as warning or error {any} ({:.1}%), missed {missed:?}",
            100.0 * ratio(e, n),
            100.0 * ratio(any, n)
        );
    }
    (fl, s)
}

#[test]
fn realnews_dev_set_is_labelled() {
    let pairs = dev_set();
    assert!(pairs.len() >= 300, "{}", pairs.len());
    for p in &pairs {
        assert!(!p.reason.is_empty(), "#{} has no reason", p.line);
        assert!(!p.fa.is_empty() && !p.en.is_empty(), "#{}", p.line);
    }
    assert!(pairs.iter().any(|p| p.label == Label::Problem));
    assert!(pairs.iter().any(|p| p.label == Label::Conversion));
}

#[test]
fn mutations_change_one_figure() {
    assert_eq!(
        mutate("Katrina (1976) was within 40 miles", Mutation::Year).as_deref(),
        Some("Katrina (1967) was within 40 miles")
    );
    assert_eq!(
        mutate("Katrina (1976) was within 40 miles", Mutation::Digit).as_deref(),
        Some("Katrina (1976) was within 50 miles")
    );
    assert_eq!(
        mutate("CNN had 2.52 million", Mutation::DecimalPoint).as_deref(),
        Some("CNN had 252 million")
    );
    assert_eq!(
        mutate("CNN had 2.52 million", Mutation::Scale).as_deref(),
        Some("CNN had 2.52 billion")
    );
    assert_eq!(
        mutate("the £2.8bn market", Mutation::Scale).as_deref(),
        Some("the £2.8m market")
    );
    assert_eq!(
        mutate("the £2.8bn market", Mutation::Currency).as_deref(),
        Some("the $2.8bn market")
    );
    assert_eq!(
        mutate("set at $350,000", Mutation::Currency).as_deref(),
        Some("set at £350,000")
    );
    assert_eq!(mutate("no figures", Mutation::Digit), None);
    assert_eq!(mutate("thousands joined", Mutation::Scale), None);
    assert_eq!(
        mutate_pair("طوفان (۱۹۷۶)", "Katrina (1967)", Mutation::Year).as_deref(),
        Some("Katrina (1968)")
    );
}

#[test]
fn realnews_precision_and_mutation_recall() {
    let pairs = dev_set();
    let (fl, text) = report(&pairs);
    eprintln!("{text}");
    // Floors: what the checks reach (docs/QA.md). Before issue 9: 9 of 15 error-flagged pairs
    // held a problem or a conversion (60%), 46 pairs (14.1%) had a warning.
    assert!(fl.precision() >= 1.0, "precision fell: {text}");
    assert!(
        fl.errors_by_label[1] >= 5,
        "fewer real problems caught: {text}"
    );
    assert!(fl.with_warning <= 7, "more warnings: {text}");
    for (m, n, as_error, _, missed) in mutation_test(&pairs) {
        assert!(n > 0, "{m:?} has no case");
        assert_eq!(as_error, n, "{m:?} mutations missed: {missed:?}");
    }
}

#[test]
fn realnews_as_one_project_has_few_consistency_warnings() {
    // The whole development set as one project: every English name is the original's, so a
    // name-consistency warning here is a false alarm.
    let pairs = dev_set();
    let time = chrono::DateTime::UNIX_EPOCH;
    let pieces = pairs.iter().map(|p| (p.fa.clone(), " ".to_owned()));
    let mut project = virast::model::Project::new("dev", "", pieces, time);
    for (seg, p) in project.segments.iter_mut().zip(&pairs) {
        seg.target.clone_from(&p.en);
    }
    let names: Vec<String> = virast::qa::check_project(&project)
        .iter()
        .flat_map(|s| s.findings.iter())
        .filter(|f| f.finding.kind == virast::qa::CheckKind::InconsistentName)
        .map(|f| f.finding.message.clone())
        .collect();
    eprintln!("consistency warnings: {names:#?}");
    // Alan Lithgow and Allan McGregor, both آلن in Persian, are told apart by their surnames.
    assert!(names.is_empty(), "{names:#?}");
}
