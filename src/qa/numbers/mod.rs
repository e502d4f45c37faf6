//! Numbers by meaning: quantities are read from the Persian source and the English target and
//! compared by value, so `۴۰۰ هزار` matches `400,000` and `400 thousand`, `سال ۹۸` matches
//! 1398 or 2019/2020, and `۷۰` against `7` is caught.
//!
//! Matching is by set, not by count: every source value must appear somewhere in the target
//! and every target value must be accepted by some source quantity. A translator who writes a
//! repeated figure once is not flagged; a wrong figure gives one "missing" and one "extra".

mod en;
mod fa;
mod phrase;

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;

use super::dec::Dec;
use super::{CheckKind, Finding, Severity};

/// Iranian currency units; a toman is 10 rials.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Currency {
    /// تومان / toman.
    Toman,
    /// ریال / rial.
    Rial,
}

impl Currency {
    fn name(self) -> &'static str {
        match self {
            Currency::Toman => "tomans",
            Currency::Rial => "rials",
        }
    }
}

/// A quantity found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The value as written (`۹۸` is 98, `۴۰۰ هزار` is 400000).
    pub value: Dec,
    /// Other values that say the same thing: a Solar Hijri year's Gregorian years, a Persian
    /// day's Gregorian day of month.
    pub alternatives: Vec<Dec>,
    /// Marked as a percentage (`٪`, `%`, درصد, percent).
    pub percent: bool,
    /// Followed by a toman/rial unit.
    pub currency: Option<Currency>,
    /// An ordinal (`بیست و یکمین`, `21st`).
    pub ordinal: bool,
    /// Usually not a count (`یک` as "a", `one of`, `first`, a bare `هزار`, `G7`): may match,
    /// but is never reported missing or extra.
    pub weak: bool,
    /// Byte range of the quantity (with its percent/currency word) in the text.
    pub span: Range<usize>,
    /// The text of that range.
    pub text: String,
}

impl Quantity {
    fn new(value: Dec, text: &str, span: Range<usize>) -> Quantity {
        Quantity {
            value,
            alternatives: Vec::new(),
            percent: false,
            currency: None,
            ordinal: false,
            weak: false,
            text: text.get(span.clone()).unwrap_or_default().to_owned(),
            span,
        }
    }

    /// True if `value` is this quantity's value or one of its alternatives.
    pub fn accepts_value(&self, value: Dec) -> bool {
        self.value == value || self.alternatives.contains(&value)
    }
}

/// Quantities of a Persian text, in order.
pub fn extract_persian(text: &str) -> Vec<Quantity> {
    fa::extract(text)
}

/// Quantities of an English text, in order.
pub fn extract_english(text: &str) -> Vec<Quantity> {
    en::extract(text)
}

/// How a target quantity relates to a source quantity; later variants are better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Relation {
    None,
    /// Same value, but only one side is a percentage.
    PercentDiffers,
    /// Same figure, toman on one side and rial on the other: off by a factor of 10.
    UnitChanged,
    /// Same quantity (possibly converted between tomans and rials).
    Match,
}

fn relation(src: &Quantity, tgt: &Quantity) -> Relation {
    let ten = Dec::int(10);
    if src.accepts_value(tgt.value) {
        if src.percent != tgt.percent {
            return Relation::PercentDiffers;
        }
        return match (src.currency, tgt.currency) {
            (Some(a), Some(b)) if a != b => Relation::UnitChanged,
            _ => Relation::Match,
        };
    }
    // A correct conversion: 70 thousand tomans = 700,000 rials.
    let converted = match (src.currency, tgt.currency) {
        (Some(Currency::Toman), Some(Currency::Rial)) => {
            src.value.checked_mul(ten) == Some(tgt.value)
        }
        (Some(Currency::Rial), Some(Currency::Toman)) => {
            tgt.value.checked_mul(ten) == Some(src.value)
        }
        _ => false,
    };
    if converted {
        Relation::Match
    } else {
        Relation::None
    }
}

fn describe(q: &Quantity) -> String {
    let mut s = q.value.grouped();
    if q.percent {
        s.push('%');
    }
    if let Some(c) = q.currency {
        s.push(' ');
        s.push_str(c.name());
    }
    s
}

/// Compares the quantities of a Persian source and an English target.
pub fn check_numbers(source: &str, target: &str) -> Vec<Finding> {
    compare(&extract_persian(source), &extract_english(target))
}

/// Compares already extracted quantities (see [`check_numbers`]).
pub fn compare(src: &[Quantity], tgt: &[Quantity]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut keys = HashSet::new();
    let mut push = |f: Finding, findings: &mut Vec<Finding>| {
        if keys.insert(f.key.clone()) {
            findings.push(f);
        }
    };
    let mut any_src_unmatched = false;
    for s in src {
        let best = tgt
            .iter()
            .map(|t| (relation(s, t), t))
            .max_by_key(|&(r, _)| r);
        match best {
            Some((Relation::Match, _)) => {}
            Some((Relation::UnitChanged, t)) => {
                any_src_unmatched = true;
                let (Some(from), Some(to)) = (s.currency, t.currency) else {
                    continue;
                };
                let f = Finding::new(
                    CheckKind::NumberUnit,
                    Severity::Error,
                    format!(
                        "“{}” is in {} but the translation gives “{}” in {} (a factor of 10)",
                        s.text,
                        from.name(),
                        t.text,
                        to.name()
                    ),
                    format!("unit-change:{}", s.value),
                )
                .with_spans(Some(s.span.clone()), Some(t.span.clone()));
                push(f, &mut findings);
            }
            Some((Relation::PercentDiffers, t)) => {
                any_src_unmatched = true;
                let which = if s.percent {
                    "a percentage in the source but not in the translation"
                } else {
                    "a percentage in the translation but not in the source"
                };
                let f = Finding::new(
                    CheckKind::NumberPercent,
                    Severity::Warning,
                    format!(
                        "{} (“{}” / “{}”) is {which}",
                        s.value.grouped(),
                        s.text,
                        t.text
                    ),
                    format!("percent-mismatch:{}", s.value),
                )
                .with_spans(Some(s.span.clone()), Some(t.span.clone()));
                push(f, &mut findings);
            }
            Some((Relation::None, _)) | None => {
                any_src_unmatched = true;
                if s.weak {
                    continue;
                }
                let mut message = format!(
                    "{} (“{}”) is in the source but not in the translation",
                    describe(s),
                    s.text
                );
                if !s.alternatives.is_empty() {
                    let alts: Vec<String> =
                        s.alternatives.iter().map(ToString::to_string).collect();
                    message.push_str("; also accepted: ");
                    message.push_str(&alts.join(", "));
                }
                let f = Finding::new(
                    CheckKind::NumberMissing,
                    Severity::Error,
                    message,
                    format!("number-missing:{}", s.value),
                )
                .with_spans(Some(s.span.clone()), None);
                push(f, &mut findings);
            }
        }
    }
    // A target number nobody asked for is an error when a source number went missing (it is
    // probably the wrong rendering of it), otherwise a warning (an added year, a conversion).
    let extra_severity = if any_src_unmatched {
        Severity::Error
    } else {
        Severity::Warning
    };
    for t in tgt {
        if t.weak || src.iter().any(|s| relation(s, t) != Relation::None) {
            continue;
        }
        let f = Finding::new(
            CheckKind::NumberExtra,
            extra_severity,
            format!(
                "{} (“{}”) is in the translation but not in the source",
                describe(t),
                t.text
            ),
            format!("number-extra:{}", t.value),
        )
        .with_spans(None, Some(t.span.clone()));
        push(f, &mut findings);
    }
    findings
}

#[cfg(test)]
mod tests;
