//! Possible omission: the translation is far shorter than the source length predicts.
//!
//! Calibration (tests/fixtures/sample.* and tests/fixtures/calibration.tsv, 33 Persian/English
//! news pairs written for this project): English characters per Persian character, counting
//! every Unicode scalar of the trimmed text (spaces and ZWNJ included), is 1.208 over all pairs
//! (per-pair mean 1.22, sd 0.14, range 0.91-1.47). The Gale & Church per-character variance of
//! the same pairs is 1.77. Translators vary more than one author does, so a length-independent
//! style spread of 0.10 is added; a pair is flagged below z = -3 of that model, which for a
//! 500-character source means less than ~71% of the expected English length, and for a
//! 100-character source less than ~59%.

use super::{CheckKind, Finding, Severity};

/// Expected English characters per Persian source character.
pub const CHARS_RATIO: f64 = 1.21;
/// Gale & Church variance of the target length per source character.
const VAR_PER_CHAR: f64 = 1.77;
/// Length-independent spread of the ratio between translators.
const STYLE_SD: f64 = 0.10;
/// Flag below this many standard deviations.
const Z_LIMIT: f64 = -3.0;
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
