//! Issue 8: crafted numbers must not make QA loop. A date like `۱۳۹۸/۰۵/۴۲۹۴۹۶۷۲۹۵` once made
//! the day arithmetic step through four billion days (7 such sentences took 16 s). Every check
//! now does bounded work per token; these inputs run all checks and their results are
//! asserted (speed itself is measured by `benches/qa_check.rs`, never timed here).

use virast::qa::{CheckKind, Severity, check_pair, extract_persian};

fn errors(source: &str, target: &str) -> Vec<String> {
    check_pair(source, target)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.key)
        .collect()
}

#[test]
fn crafted_dates_are_plain_numbers() {
    let source = "در تاریخ ۱۳۹۸/۰۵/۴۲۹۴۹۶۷۲۹۵ جلسه برگزار شد.";
    // The parts are still read, as numbers, so a translation that drops them is caught...
    let qs = extract_persian(source);
    let values: Vec<String> = qs.iter().map(|q| q.value.to_string()).collect();
    assert_eq!(values, ["1398", "5", "4294967295"]);
    assert!(qs[2].alternatives.is_empty(), "not a day: no Gregorian day");
    let found = errors(source, "The meeting was held in 2019.");
    assert_eq!(found, ["number-missing:4294967295"]);
    // ...and seven of them in a row (the case that took 16 s) give the same answer each time.
    let many = [source; 7].join(" ");
    let found = errors(&many, "The meeting was held in 2019.");
    assert_eq!(found, ["number-missing:4294967295"], "deduplicated by key");
    // Huge day, month and year numbers around month names.
    for source in [
        "۴۲۹۴۹۶۷۲۹۵ آبان ۹۹۹۹۹۹۹۹۹۹۹۹ رخ داد.",
        "روز ۳۱ مهر ۱۴۰۳ رخ داد.",
        "در ۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹/۹۹۹۹۹۹۹۹۹۹/۹۹۹۹۹۹۹۹۹۹ رخ داد.",
    ] {
        let findings = check_pair(source, "It happened.");
        assert!(
            findings.iter().any(|f| f.kind == CheckKind::NumberMissing),
            "{source}: {findings:#?}"
        );
    }
}

#[test]
fn long_digit_runs_and_number_word_floods_are_bounded() {
    // A 5,000-digit run overflows every exact type: it is not a quantity, nothing else breaks.
    let digits = "۹".repeat(5_000);
    let source = format!("کد {digits} و ۴۰۰ هزار پرونده.");
    assert_eq!(
        errors(&source, "Code and 400,000 cases."),
        Vec::<String>::new()
    );

    // Thousands of number words: each phrase is read once, left to right.
    let words = "بیست و ".repeat(1_000) + "یک نفر آمدند.";
    let qs = extract_persian(&words);
    assert_eq!(qs.len(), 1_000, "20, 20, ... and 21");
    assert_eq!(
        qs.last().map(|q| q.value.to_string()).as_deref(),
        Some("21")
    );
    let scales = "هزار ".repeat(1_000);
    let findings = check_pair(&scales, &"thousand ".repeat(1_000));
    assert!(
        findings.iter().all(|f| f.severity != Severity::Error),
        "{findings:#?}"
    );
    let english = "one thousand and ".repeat(1_000) + "one.";
    let findings = check_pair("یک هزار و یک.", &english);
    assert!(
        findings.iter().any(|f| f.kind == CheckKind::NumberExtra),
        "the flood is extra to the source: {findings:#?}"
    );

    // Many URLs and digits in one segment: linear, every URL kept whole.
    let urls = "www.example.com/1 ".repeat(1_000);
    let findings = check_pair(&urls, &urls.replace("www", "http://www"));
    assert!(
        findings.iter().all(|f| f.severity != Severity::Error),
        "{findings:#?}"
    );
}
