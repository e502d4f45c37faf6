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
mod units;

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;

use super::dec::Dec;
use super::text::{Tok, TokKind, digit_value};
use super::{CheckKind, Finding, Severity};
pub use units::{Dimension, Unit};

/// Currencies news names with a figure: Iranian (a toman is 10 rials) and the ones foreign news
/// is about (`£125m` = `۱۲۵ میلیون پوند`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Currency {
    /// تومان / toman.
    Toman,
    /// ریال / rial.
    Rial,
    /// پوند / £ / sterling. "pounds" alone in English is also a weight: see [`relation`].
    Pound,
    /// پنس / pence / `40p`.
    Penny,
    /// دلار / $ / dollars.
    Dollar,
    /// یورو / € / euros.
    Euro,
    /// سنت / cents (of a dollar or a euro).
    Cent,
}

impl Currency {
    fn name(self) -> &'static str {
        match self {
            Currency::Toman => "tomans",
            Currency::Rial => "rials",
            Currency::Pound => "pounds",
            Currency::Penny => "pence",
            Currency::Dollar => "dollars",
            Currency::Euro => "euros",
            Currency::Cent => "cents",
        }
    }

    /// How many of `small` make one of `self` (a toman is 10 rials, a pound 100 pence).
    fn subunits(self, small: Currency) -> Option<Dec> {
        match (self, small) {
            (Currency::Toman, Currency::Rial) => Some(Dec::int(10)),
            (Currency::Pound, Currency::Penny)
            | (Currency::Dollar | Currency::Euro, Currency::Cent) => Some(Dec::int(100)),
            _ => None,
        }
    }
}

/// A quantity found in a text.
// Independent facts a reader attaches to one figure (percent, month, weekday, ordinal, ...);
// an enum would forbid combinations that occur ("the 21st percent" does not, "21st of
// month 5" does).
#[allow(clippy::struct_excessive_bools)]
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
    /// Followed by a unit of measure (`۲۵۰ کیلوگرم`, `550 pounds`).
    pub unit: Option<Unit>,
    /// A month: 1-12 for Gregorian months, 101-112 for Solar Hijri months named as such.
    pub month: bool,
    /// A day of the week, 1 (Monday) to 7 (Sunday).
    pub weekday: bool,
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
            unit: None,
            month: false,
            weekday: false,
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

/// Words joining the two ends of a range: the unit after the second end is the first's too.
const RANGE_JOINERS: [&str; 10] = ["تا", "الی", "و", "یا", "-", "–", "to", "and", "or", "-to-"];

/// Shares a unit across a range (`۵۰ تا ۱۰۰ میلیمتر`, `2 to 4 inches`) and folds a compound
/// length (`۱ متر و ۹۸ سانتیمتر`, `6-foot-6`, `6ft 6in`) into one quantity in the smaller unit.
fn units_spread(qs: &mut Vec<Quantity>, text: &str) {
    let between = |a: &Quantity, b: &Quantity| {
        text.get(a.span.end..b.span.start)
            .unwrap_or("x")
            .trim()
            .to_owned()
    };
    let mut k = 0;
    while k + 1 < qs.len() {
        let gap = between(&qs[k], &qs[k + 1]);
        let (a, b) = (&qs[k], &qs[k + 1]);
        let compound = match (a.unit, b.unit) {
            (Some(Unit::Metre), Some(Unit::Centimetre)) => Some((Dec::int(100), Unit::Centimetre)),
            (Some(Unit::Foot), Some(Unit::Inch)) => Some((Dec::int(12), Unit::Inch)),
            // 6-foot-6: the inches go without a unit.
            (Some(Unit::Foot), None) if gap == "-" && b.value < Dec::int(12) => {
                Some((Dec::int(12), Unit::Inch))
            }
            _ => None,
        }
        .filter(|_| matches!(gap.as_str(), "" | "-" | "و" | "and"));
        if let Some((per, small)) = compound {
            let merged = a
                .value
                .checked_mul(per)
                .and_then(|v| v.checked_add(b.value));
            if let Some(value) = merged {
                let span = a.span.start..b.span.end;
                let mut q = Quantity::new(value, text, span);
                q.unit = Some(small);
                qs.splice(k..k + 2, [q]);
                continue;
            }
        }
        k += 1;
    }
    for k in (0..qs.len().saturating_sub(1)).rev() {
        let joined = RANGE_JOINERS.contains(&between(&qs[k], &qs[k + 1]).as_str());
        let (a, b) = (&qs[k], &qs[k + 1]);
        if joined && a.unit.is_none() && b.unit.is_some() && !a.percent && a.currency.is_none() {
            qs[k].unit = qs[k + 1].unit;
        }
    }
}

/// A phone number written in groups (`0800 555 111`, `021-8877-6655`, `+98 21 ...`) from token
/// `i`: one quantity of its digits (leading zeros do not count) and the token index after it.
fn phone_at(toks: &[Tok], text: &str, i: usize) -> Option<(Quantity, usize)> {
    let group = |k: usize| match toks.get(k).map(|t| &t.kind) {
        Some(TokKind::Num {
            plain_digits: Some(_),
            ..
        }) => text.get(toks[k].span.clone()),
        _ => None,
    };
    let first = group(i)?;
    let plus = i
        .checked_sub(1)
        .and_then(|j| toks.get(j))
        .is_some_and(|t| t.is_sym('+'));
    if !(plus || first.starts_with(['0', '۰', '٠'])) {
        return None;
    }
    let mut digits: String = first
        .chars()
        .filter_map(|c| digit_value(c).and_then(|d| char::from_digit(d, 10)))
        .collect();
    let mut k = i + 1;
    let mut groups = 1;
    loop {
        let dash = toks.get(k).is_some_and(|t| t.is_sym('-') && t.attached());
        let at = if dash { k + 1 } else { k };
        let Some(g) = group(at) else { break };
        if !(dash || toks[at].space_before) || (dash && !toks[at].attached()) {
            break;
        }
        digits.extend(
            g.chars()
                .filter_map(|c| digit_value(c).and_then(|d| char::from_digit(d, 10))),
        );
        groups += 1;
        k = at + 1;
    }
    if groups < 2 || digits.len() < 7 || digits.len() > 15 {
        return None;
    }
    let value = Dec::parse(&digits)?;
    let span = toks[i].span.start..toks[k - 1].span.end;
    Some((Quantity::new(value, text, span), k))
}

/// Quantities of a Persian text, in order.
pub fn extract_persian(text: &str) -> Vec<Quantity> {
    fa::extract(text)
}

/// Quantities of an English text, in order.
pub fn extract_english(text: &str) -> Vec<Quantity> {
    en::extract(text)
}

/// [`extract_persian`] from the text's tokens.
pub(super) fn extract_persian_toks(text: &str, toks: &[Tok]) -> Vec<Quantity> {
    fa::extract_toks(text, toks)
}

/// [`extract_english`] from the text's tokens.
pub(super) fn extract_english_toks(text: &str, toks: &[Tok]) -> Vec<Quantity> {
    en::extract_toks(text, toks)
}

/// How a target quantity relates to a source quantity; later variants are better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Relation {
    None,
    /// Both have units of the same dimension, but the values do not convert.
    WrongConversion,
    /// Same value, but only one side is a percentage.
    PercentDiffers,
    /// Same figure, toman on one side and rial on the other: off by a factor of 10.
    UnitChanged,
    /// The same measure in another unit (250 kg and 550 lb).
    Converted,
    /// Same quantity (possibly converted between tomans and rials).
    Match,
}

fn relation(src: &Quantity, tgt: &Quantity) -> Relation {
    if src.month != tgt.month || src.weekday != tgt.weekday {
        return Relation::None;
    }
    if let (Some(us), Some(ut)) = (src.unit, tgt.unit)
        && us != ut
        && us.dimension() == ut.dimension()
    {
        let converted = std::iter::once(src.value)
            .chain(src.alternatives.iter().copied())
            .any(|v| units::converts(v, us, tgt.value, ut));
        return if converted {
            Relation::Converted
        } else {
            Relation::WrongConversion
        };
    }
    // "550 pounds" in English is a weight or money: money when the source names a currency.
    let tgt_currency = tgt.currency.or_else(|| {
        (src.currency.is_some() && tgt.unit == Some(Unit::Pound)).then_some(Currency::Pound)
    });
    if src.accepts_value(tgt.value) {
        if src.percent != tgt.percent {
            return Relation::PercentDiffers;
        }
        return match (src.currency, tgt_currency) {
            (Some(a), Some(b)) if a != b => Relation::UnitChanged,
            _ => Relation::Match,
        };
    }
    // A correct conversion: 70 thousand tomans = 700,000 rials, £1.20 = 120p.
    let converted = match (src.currency, tgt_currency) {
        (Some(a), Some(b)) => {
            let times = |big: &Quantity, small: &Quantity, per: Dec| {
                big.value.checked_mul(per) == Some(small.value)
            };
            a.subunits(b).is_some_and(|per| times(src, tgt, per))
                || b.subunits(a).is_some_and(|per| times(tgt, src, per))
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
    if q.month {
        return format!("month {}", month_name(q.value));
    }
    if q.weekday {
        let day = q
            .value
            .as_int()
            .and_then(|d| usize::try_from(d - 1).ok())
            .and_then(|d| WEEKDAY_NAMES.get(d));
        return (*day.unwrap_or(&"weekday")).to_owned();
    }
    let mut s = q.value.grouped();
    if q.percent {
        s.push('%');
    }
    if let Some(c) = q.currency {
        s.push(' ');
        s.push_str(c.name());
    }
    if let Some(u) = q.unit {
        s.push(' ');
        s.push_str(u.symbol());
    }
    s
}

fn key_of(q: &Quantity) -> String {
    match q.unit {
        _ if q.month => format!("month{}", q.value),
        _ if q.weekday => format!("weekday{}", q.value),
        Some(u) => format!("{}{}", q.value, u.symbol()),
        None => q.value.to_string(),
    }
}

const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const SOLAR_MONTH_NAMES: [&str; 12] = [
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
];

fn month_name(value: Dec) -> String {
    let n = value.as_int().unwrap_or(0);
    let name = match n {
        1..=12 => MONTH_NAMES.get(usize::try_from(n - 1).unwrap_or(0)),
        101..=112 => SOLAR_MONTH_NAMES.get(usize::try_from(n - 101).unwrap_or(0)),
        _ => None,
    };
    name.map_or_else(|| value.to_string(), |s| (*s).to_owned())
}

/// A conversion note (info) or a wrong conversion (error) between a source and a target measure.
fn conversion_finding(s: &Quantity, t: &Quantity, ok: bool) -> Option<Finding> {
    let (us, ut) = (s.unit?, t.unit?);
    let expected = units::describe_conversion(s.value, us, ut);
    let f = if ok {
        Finding::new(
            CheckKind::UnitConversion,
            Severity::Info,
            format!(
                "{} ≈ {expected}, converted (“{}” / “{}”)",
                describe(s),
                s.text,
                t.text
            ),
            format!("converted:{}", key_of(s)),
        )
    } else {
        Finding::new(
            CheckKind::UnitConversion,
            Severity::Error,
            format!(
                "“{}” is about {expected}, but the translation gives “{}” ({})",
                s.text,
                t.text,
                describe(t)
            ),
            format!("wrong-conversion:{}/{}", key_of(s), key_of(t)),
        )
    };
    Some(f.with_spans(Some(s.span.clone()), Some(t.span.clone())))
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
    let mut named_targets = HashSet::new();
    for s in src {
        let best = tgt
            .iter()
            .map(|t| (relation(s, t), t))
            .max_by_key(|&(r, _)| r);
        match best {
            Some((Relation::Match, _)) => {}
            Some((Relation::Converted, t)) => {
                if let Some(f) = conversion_finding(s, t, true) {
                    push(f, &mut findings);
                }
            }
            Some((Relation::WrongConversion, t)) => {
                any_src_unmatched = true;
                named_targets.insert(t.span.start);
                if let Some(f) = conversion_finding(s, t, false) {
                    push(f, &mut findings);
                }
            }
            Some((Relation::UnitChanged, t)) => {
                any_src_unmatched = true;
                let Some(from) = s.currency else {
                    continue;
                };
                let to = t.currency.unwrap_or(Currency::Pound);
                // Toman and rial confused: the figure is off by ten. Any other pair: the amount
                // is in another currency.
                let iranian = matches!(from, Currency::Toman | Currency::Rial)
                    && matches!(to, Currency::Toman | Currency::Rial);
                let (why, key) = if iranian {
                    (" (a factor of 10)", "unit-change")
                } else {
                    ("", "currency-change")
                };
                let f = Finding::new(
                    CheckKind::NumberUnit,
                    Severity::Error,
                    format!(
                        "“{}” is in {} but the translation gives “{}” in {}{why}",
                        s.text,
                        from.name(),
                        t.text,
                        to.name()
                    ),
                    format!("{key}:{}", s.value),
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
                // A weekday the translation leaves out entirely is a warning; another weekday
                // in its place is an error.
                let severity = if s.weekday && !tgt.iter().any(|t| t.weekday) {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                let f = Finding::new(
                    CheckKind::NumberMissing,
                    severity,
                    message,
                    format!("number-missing:{}", key_of(s)),
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
        let best = src
            .iter()
            .map(|s| (relation(s, t), s))
            .max_by_key(|&(r, _)| r);
        if let Some((Relation::WrongConversion, s)) = best {
            // A measure of the translation that converts from nothing in the source.
            if !named_targets.contains(&t.span.start) {
                let f = Finding::new(
                    CheckKind::UnitConversion,
                    Severity::Error,
                    format!(
                        "“{}” ({}) does not convert from any measure of the source (nearest: “{}”, about {})",
                        t.text,
                        describe(t),
                        s.text,
                        s.unit.zip(t.unit).map_or_else(String::new, |(us, ut)| {
                            units::describe_conversion(s.value, us, ut)
                        })
                    ),
                    format!("wrong-conversion-extra:{}", key_of(t)),
                )
                .with_spans(Some(s.span.clone()), Some(t.span.clone()));
                push(f, &mut findings);
            }
            continue;
        }
        if t.weak || best.is_some_and(|(r, _)| r != Relation::None) {
            continue;
        }
        // An added weekday ("on Saturday") is news style, unless the source names another.
        if t.weekday && !src.iter().any(|s| s.weekday) {
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
            format!("number-extra:{}", key_of(t)),
        )
        .with_spans(None, Some(t.span.clone()));
        push(f, &mut findings);
    }
    findings
}

#[cfg(test)]
mod tests;
