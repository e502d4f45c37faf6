//! Quality checks for a Persian source segment and its English translation.
//!
//! Pure: no egui, and the segment-level API knows nothing of the project model; [`check_project`]
//! and [`run_check`] apply it to a [`crate::model::Project`]. [`check_pair`] returns
//! [`Finding`]s, each with a stable [`Finding::key`] so an editor's "ignore" can be stored with
//! the segment and still match after unrelated edits or a save and reload.

mod consistency;
pub mod dec;
mod form;
mod house;
mod leftover;
mod length;
pub mod numbers;
mod project;
pub mod text;

use std::ops::Range;

use serde::Serialize;

pub use house::house_style;
pub use length::{CHARS_RATIO, omission_score};
pub use numbers::{
    Currency, Dimension, Quantity, Unit, check_numbers, extract_english, extract_persian,
};
pub use project::{
    ProjectFinding, SegmentFindings, Summary, check_project, check_project_in, check_segment,
    run_check, run_check_in,
};

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckKind {
    /// The translation is empty.
    EmptyTarget,
    /// The translation is the source text unchanged.
    TargetEqualsSource,
    /// A source number is not in the translation.
    NumberMissing,
    /// A translation number is not in the source.
    NumberExtra,
    /// Tomans in the source, rials in the translation (or the reverse) with the same figure.
    NumberUnit,
    /// A percentage on one side only.
    NumberPercent,
    /// A measure converted between units (info when it checks out, error when it does not).
    UnitConversion,
    /// Persian/Arabic script left in the English.
    PersianInTarget,
    /// A Latin token of the source (acronym, name, URL) is not in the translation.
    LatinTokenMissing,
    /// Leading, trailing or double spaces.
    Whitespace,
    /// The same word twice in a row ("the the").
    DoubledWord,
    /// Brackets or quotes that do not pair up.
    UnbalancedBrackets,
    /// The end punctuation does not correspond to the source's.
    EndPunctuation,
    /// The translation is much shorter than the source predicts.
    PossibleOmission,
    /// One Persian name rendered two ways in a project (a project-level check).
    InconsistentName,
    /// A word spelt the other English variant's way (`color` in an en-GB project).
    VariantSpelling,
    /// Something to pass on about the source itself: a doubled word, unbalanced quotes.
    SourceNotice,
}

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; often fine.
    Info,
    /// Probably wrong.
    Warning,
    /// Wrong as it stands; blocks publication (`virast check` exits 1).
    Error,
}

/// One problem found in a segment pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// What kind of problem.
    pub kind: CheckKind,
    /// How much it matters.
    pub severity: Severity,
    /// A sentence for the editor.
    pub message: String,
    /// Byte range in the source it refers to, if any.
    pub source_span: Option<Range<usize>>,
    /// Byte range in the target it refers to, if any.
    pub target_span: Option<Range<usize>>,
    /// Stable identity within the segment (`number-missing:700`): no positions, so an ignore
    /// survives edits elsewhere in the segment.
    pub key: String,
}

impl Finding {
    fn new(kind: CheckKind, severity: Severity, message: String, key: String) -> Finding {
        Finding {
            kind,
            severity,
            message,
            source_span: None,
            target_span: None,
            key,
        }
    }

    fn with_spans(mut self, source: Option<Range<usize>>, target: Option<Range<usize>>) -> Finding {
        self.source_span = source;
        self.target_span = target;
        self
    }
}

/// Runs every check on one Persian source segment and its English translation.
///
/// Returns nothing for an untouched empty pair, one finding for an empty or untranslated
/// target, and otherwise all findings ordered by kind.
pub fn check_pair(source: &str, target: &str) -> Vec<Finding> {
    if target.trim().is_empty() {
        if source.trim().is_empty() {
            return Vec::new();
        }
        return vec![Finding::new(
            CheckKind::EmptyTarget,
            Severity::Error,
            "The translation is empty".to_owned(),
            "empty-target".to_owned(),
        )];
    }
    if let Some(f) = leftover::identical(source, target) {
        return vec![f];
    }
    let mut findings = numbers::check_numbers(source, target);
    leftover::persian_in_target(target, &mut findings);
    leftover::latin_missing(source, target, &mut findings);
    form::check(source, target, &mut findings);
    form::source_notices(source, &mut findings);
    length::check(source, target, &mut findings);
    findings.sort_by_key(|f| f.kind);
    findings
}

#[cfg(test)]
mod realnews_tests;
#[cfg(test)]
mod tests;
