//! Quality checks for a Persian source segment and its English translation.
//!
//! Pure: no egui, and the segment-level API knows nothing of the project model; [`check_project`]
//! and [`run_check`] apply it to a [`crate::model::Project`]. [`check_pair`] returns
//! [`Finding`]s, each with a stable [`Finding::key`] so an editor's "ignore" can be stored with
//! the segment and still match after unrelated edits or a save and reload.

mod chars;
mod consistency;
pub mod dec;
mod form;
mod house;
mod leftover;
mod length;
pub mod numbers;
mod project;
mod terminology;
pub mod text;

use std::ops::Range;

use serde::Serialize;

pub use chars::{Replacement, replace_export_characters};
pub use house::{
    Evidence as HouseEvidence, House, HouseVariant, VariantChoice, decide as decide_house,
    house_style, house_style_known, house_style_of, resolve as resolve_house,
};
pub use length::{CHARS_RATIO, omission_score};
pub use numbers::{
    Currency, Dimension, Quantity, Unit, check_numbers, extract_english, extract_persian,
};
pub use project::{
    PARAGRAPH_RADIUS, ProjectFinding, SegmentFindings, Summary, check_project, check_project_in,
    check_project_with, check_segment, paragraph_context, paragraph_window, project_house,
    run_check, run_check_in, run_check_with,
};
pub use terminology::check as check_terminology;

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
    /// A word in neither English dictionary, the project's word list nor the source's Latin
    /// words (a project-level check of `virast check` and the report; the desk underlines).
    Spelling,
    /// Something to pass on about the source itself: a doubled word, unbalanced quotes.
    SourceNotice,
    /// A character the exports cannot carry (Word's manual line break U+000B or page break
    /// U+000C, another control character): the desk offers to replace it.
    ExportCharacter,
    /// An open merge conflict: two versions of the sentence wait for someone to choose (a
    /// project-level check; always an error, which cannot be ignored).
    MergeConflict,
    /// A glossary term of the source without its preferred or admitted English (warning), or
    /// with a forbidden variant (error).
    Terminology,
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
    /// Corrections to offer, best first (spelling findings); omitted from JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
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
            suggestions: Vec::new(),
        }
    }

    fn with_spans(mut self, source: Option<Range<usize>>, target: Option<Range<usize>>) -> Finding {
        self.source_span = source;
        self.target_span = target;
        self
    }
}

/// What the checks of one sentence pair need to know about the paragraph around it: which of
/// its quotes and brackets nothing pairs with there. A quote may open in one sentence and
/// close in a later one of the same paragraph (`«…` then `…»`), which is not a fault.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParagraphContext {
    /// Per kind (parentheses, square brackets, quotes): the source sentence holds a stray mark.
    source_strays: form::Strays,
    /// Per kind: the translation holds a stray mark.
    target_strays: form::Strays,
    /// Per kind: the source's paragraph has a stray mark somewhere.
    source_paragraph_unbalanced: form::Strays,
}

impl ParagraphContext {
    /// The context of a pair that is a paragraph of its own.
    pub fn alone(source: &str, target: &str) -> ParagraphContext {
        paragraph_contexts(&[(source, target)])
            .pop()
            .unwrap_or_default()
    }
}

/// The contexts of the (source, translation) pairs of one paragraph, in order.
pub fn paragraph_contexts(pairs: &[(&str, &str)]) -> Vec<ParagraphContext> {
    let source = form::paragraph_strays(pairs.iter().map(|p| p.0));
    let target = form::paragraph_strays(pairs.iter().map(|p| p.1));
    let mut unbalanced = [false; 3];
    for s in &source {
        for (u, stray) in unbalanced.iter_mut().zip(s) {
            *u |= stray;
        }
    }
    source
        .into_iter()
        .zip(target)
        .map(|(source_strays, target_strays)| ParagraphContext {
            source_strays,
            target_strays,
            source_paragraph_unbalanced: unbalanced,
        })
        .collect()
}

/// The project-level name check over a project's (source, translation) pairs: one name spelled
/// two ways, as warnings by sentence index (the later of the two sentences).
pub fn name_consistency(pairs: &[(&str, &str)]) -> std::collections::BTreeMap<usize, Vec<Finding>> {
    consistency::check(pairs)
}

/// Runs every check on one Persian source segment and its English translation, as a paragraph
/// of its own (see [`check_pair_in`]).
///
/// Returns nothing for an untouched empty pair, one finding for an empty or untranslated
/// target, and otherwise all findings ordered by kind.
pub fn check_pair(source: &str, target: &str) -> Vec<Finding> {
    check_pair_in(source, target, &ParagraphContext::alone(source, target))
}

/// Runs every check on one sentence pair of a paragraph, with its [`ParagraphContext`]
/// (see [`paragraph_contexts`]).
pub fn check_pair_in(source: &str, target: &str, paragraph: &ParagraphContext) -> Vec<Finding> {
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
    // Each side is tokenised once; every check reads the same tokens.
    let source_urls = text::url_spans(source);
    let source_toks = text::tokenize_with_urls(source, text::Lang::Fa, &source_urls);
    let target_toks = text::tokenize(target, text::Lang::En);
    let mut findings = numbers::compare(
        &numbers::extract_persian_toks(source, &source_toks),
        &numbers::extract_english_toks(target, &target_toks),
    );
    leftover::persian_in_target(target, &mut findings);
    leftover::latin_missing(source, &source_urls, target, &mut findings);
    form::check(source, target, paragraph, &mut findings);
    form::source_notices(&source_toks, paragraph, &mut findings);
    chars::check(target, &mut findings);
    length::check(source, target, &mut findings);
    findings.sort_by_key(|f| f.kind);
    findings
}

#[cfg(test)]
mod realnews_tests;
#[cfg(test)]
mod tests;
