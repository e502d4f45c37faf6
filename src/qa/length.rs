//! Possible omission: the translation is far shorter than the source length predicts.
//!
//! Calibration on real news (issue 9): the released NTREX-128 half in `/work/shared` (981 pairs
//! with a source of 30 characters or more; professional Persian translations of English news)
//! gives 1.018 English characters per Persian character over all pairs, counting every Unicode
//! scalar of the trimmed text (spaces and ZWNJ included); the 319 such pairs of the labelled
//! development set (`tests/fixtures/realnews/dev.tsv`) give 1.038, per-pair sd 0.18. Persian news
//! runs about as long as English, not 1.2x (the first calibration, on 33 pairs written for this
//! project, said 1.21). The Gale & Church per-character variance is 3.2 on both sets. A
//! length-independent style spread of 0.10 is added; a pair is flagged below z = -2.4 of that
//! model (3 of the 981 real pairs), which for a 500-character source means less than ~70% of
//! the expected English length, and for a 100-character source less than ~54%. The constant is the development set's
//! 1.04, which `tests/qa_sample.rs` recomputes.

use super::{CheckKind, Finding, Severity};

/// Expected English characters per Persian source character.
pub const CHARS_RATIO: f64 = 1.04;
/// Gale & Church variance of the target length per source character.
const VAR_PER_CHAR: f64 = 3.2;
/// Length-independent spread of the ratio between translators.
const STYLE_SD: f64 = 0.10;
/// Flag below this many standard deviations.
const Z_LIMIT: f64 = -2.4;
/// Shorter sources (headlines, bylines) vary too much to judge.
const MIN_SOURCE_CHARS: usize = 30;

/// How many standard deviations the target length is from what the source predicts
/// (negative: shorter), or `None` for a source too short to judge.
pub fn omission_score(source: &str, target: &str) -> Option<f64> {
    let source_chars = source.trim().chars().count();
    if source_chars < MIN_SOURCE_CHARS {
        return None;
    }
    let ratio = target.trim().chars().count() as f64 / source_chars as f64;
    let sd = (VAR_PER_CHAR / source_chars as f64 + STYLE_SD * STYLE_SD).sqrt();
    Some((ratio - CHARS_RATIO) / sd)
}

pub(super) fn check(source: &str, target: &str, findings: &mut Vec<Finding>) {
    let Some(z) = omission_score(source, target) else {
        return;
    };
    if z >= Z_LIMIT {
        return;
    }
    let source_chars = source.trim().chars().count();
    let expected = (source_chars as f64 * CHARS_RATIO).round();
    findings.push(Finding::new(
        CheckKind::PossibleOmission,
        Severity::Warning,
        format!(
            "The translation has {} characters; about {expected} are expected for a {source_chars}-character source. Something may be left out",
            target.trim().chars().count()
        ),
        "possible-omission".to_owned(),
    ));
}
