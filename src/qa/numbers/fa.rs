//! Quantities in Persian text: digits, number words, ordinals, scale words, percent, toman/rial,
//! Solar Hijri years and day-month dates.

use std::ops::Range;

use icu_calendar::Date;
use icu_calendar::cal::Gregorian;

use super::super::dec::Dec;
use super::super::text::{Lang, Tok, TokKind, is_latin_letter, tokenize};
use super::phrase::{Atom, AtomAt, Phrase, parse};
use super::units::persian_unit;
use super::{Currency, Quantity};

/// Persian number words (normalised spelling) and what they are.
fn word_atom(word: &str) -> Option<Atom> {
    let lit = |v: i128, open: i128| Atom::Lit {
        value: Dec::int(v),
        open: Dec::int(open),
        digits: false,
    };
    Some(match word {
        "صفر" => lit(0, 1),
        "یک" | "یکی" => lit(1, 1),
        "دو" => lit(2, 1),
        "سه" => lit(3, 1),
        "چهار" => lit(4, 1),
        "پنج" => lit(5, 1),
        "شش" | "شیش" => lit(6, 1),
        "هفت" => lit(7, 1),
        "هشت" => lit(8, 1),
        "نه" => lit(9, 1),
        "ده" => lit(10, 1),
        "یازده" => lit(11, 1),
        "دوازده" => lit(12, 1),
        "سیزده" => lit(13, 1),
        "چهارده" => lit(14, 1),
        "پانزده" | "پونزده" => lit(15, 1),
        "شانزده" => lit(16, 1),
        "هفده" | "هیفده" => lit(17, 1),
        "هجده" | "هیجده" => lit(18, 1),
        "نوزده" => lit(19, 1),
        "بیست" => lit(20, 10),
        "سی" => lit(30, 10),
        "چهل" => lit(40, 10),
        "پنجاه" => lit(50, 10),
        "شصت" => lit(60, 10),
        "هفتاد" => lit(70, 10),
        "هشتاد" => lit(80, 10),
        "نود" => lit(90, 10),
        "صد" => Atom::Hundred,
        "یکصد" => lit(100, 100),
        "دویست" => lit(200, 100),
        "سیصد" => lit(300, 100),
        "چهارصد" => lit(400, 100),
        "پانصد" | "پونصد" => lit(500, 100),
        "ششصد" => lit(600, 100),
        "هفتصد" => lit(700, 100),
        "هشتصد" => lit(800, 100),
        "نهصد" => lit(900, 100),
        "هزار" => Atom::Scale(Dec::int(1_000)),
        "میلیون" | "ملیون" => Atom::Scale(Dec::int(1_000_000)),
        "میلیارد" | "ملیارد" => Atom::Scale(Dec::int(1_000_000_000)),
        "تریلیون" => Atom::Scale(Dec::int(1_000_000_000_000)),
        "نیم" => Atom::Half,
        "و" => Atom::And,
        _ => return None,
    })
}

/// Ordinal words: `یکمین`, `دوم`, `سومین`, `بیستم`, `سی‌ام` (read without the ZWNJ), `اولین`.
fn ordinal_word_atom(word: &str) -> Option<Atom> {
    let one = Atom::Lit {
        value: Dec::int(1),
        open: Dec::int(1),
        digits: false,
    };
    match word {
        "اول" | "اولین" | "نخست" | "نخستین" => return Some(one),
        "سوم" | "سومین" => return word_atom("سه"),
        // Ordinary words that look like number + suffix: share, durability, wire, a name, Saddam.
        "سهم" | "دوام" | "سیم" | "سیمین" | "صدام" => return None,
        _ => {}
    }
    for suffix in ["امین", "مین", "ام", "م"] {
        let Some(base) = word.strip_suffix(suffix) else {
            continue;
        };
        // "ام"/"امین" follows سی (سیام) or a ZWNJ (بیست‌ام, now part of the word); a lone
        // letter before it is not a number (ده‌ام is rare, دوام is in the list above).
        if suffix.starts_with('ا') && base.chars().count() < 2 {
            continue;
        }
        if let Some(atom @ (Atom::Lit { .. } | Atom::Hundred | Atom::Scale(_))) = word_atom(base) {
            return Some(atom);
        }
    }
    None
}

fn is_ordinal_suffix(word: &str) -> bool {
    matches!(word, "م" | "مین" | "ام" | "امین")
}

/// The atom at token `i`, with an ordinal suffix token after it folded in.
fn atom_at(toks: &[Tok], i: usize) -> Option<AtomAt> {
    let tok = toks.get(i)?;
    let next_suffix = toks.get(i + 1).and_then(Tok::word).is_some_and(|w| {
        // A suffix glued on (`۲۱مین`, `سی‌ام` with ZWNJ) or, for ام only, written apart (`سی ام`).
        is_ordinal_suffix(w) && (w == "ام" || toks[i + 1].attached())
    });
    let (atom, ordinal) = match &tok.kind {
        TokKind::Num { value, .. } => {
            let atom = Atom::digits(*value);
            (atom, false)
        }
        TokKind::Word(w) => {
            if is_spelled_letter(toks, i) || is_weekday_part(toks, i) {
                return None;
            }
            // A number word glued to another word is a compound, not a count: سه‌شنبه
            // (Tuesday), سه‌جانبه (trilateral), ده‌ها (dozens) are one word since the tokenizer
            // keeps ZWNJ inside words; this catches a Latin word glued on.
            let glued_word = toks
                .get(i + 1)
                .filter(|t| t.attached())
                .and_then(Tok::word)
                .is_some_and(|w| !is_ordinal_suffix(w));
            if glued_word {
                return None;
            }
            match word_atom(w) {
                Some(atom) => (atom, false),
                None => (ordinal_word_atom(w)?, true),
            }
        }
        _ => return None,
    };
    let suffix = next_suffix && !ordinal && !matches!(atom, Atom::And | Atom::Half);
    Some(AtomAt {
        atom,
        ordinal: ordinal || suffix,
        len: if suffix { 2 } else { 1 },
    })
}

/// Persian names of Latin letters, as in spelled-out acronyms (`سی ان ان` CNN, `ای بی سی`
/// ABC, `می سی سی پی` Mississippi). `ام` is left out: `سی ام` is "thirtieth".
const LETTER_NAMES: [&str; 22] = [
    "بی", "پی", "تی", "سی", "جی", "دی", "ای", "اف", "اس", "ان", "ال", "کیو", "آر", "یو", "وی",
    "اچ", "ایکس", "زد", "کی", "او", "می", "اند",
];

/// `سی` (30, or the letter C) next to another spelled letter is a letter.
fn is_spelled_letter(toks: &[Tok], i: usize) -> bool {
    let word = |k: Option<usize>| k.and_then(|k| toks.get(k)).and_then(Tok::word);
    word(Some(i)) == Some("سی")
        && [word(i.checked_sub(1)), word(Some(i + 1))]
            .into_iter()
            .flatten()
            .any(|w| LETTER_NAMES.contains(&w))
}

/// `پنج شنبه`, `سه شنبه` written apart: a weekday, not a number.
fn is_weekday_part(toks: &[Tok], i: usize) -> bool {
    toks.get(i + 1)
        .and_then(Tok::word)
        .is_some_and(|w| w.starts_with("شنبه"))
}

/// The weekday (1 Monday to 7 Sunday) named at token `i`, and its first token: `پنجشنبه`,
/// `پنج‌شنبه` (one word) or `پنج شنبه` (two).
fn persian_weekday(toks: &[Tok], i: usize) -> Option<(i64, usize)> {
    let word = toks[i].word()?;
    let prefixed = |prefix: &str| -> Option<i64> {
        Some(match prefix {
            "یک" => 7,
            "دو" => 1,
            "سه" => 2,
            "چهار" => 3,
            "پنج" => 4,
            _ => return None,
        })
    };
    if word == "شنبه" {
        let before = i
            .checked_sub(1)
            .and_then(|j| toks[j].word().and_then(prefixed));
        return Some(before.map_or((6, i), |d| (d, i - 1)));
    }
    if word == "جمعه" || word == "آدینه" {
        return Some((5, i));
    }
    let day = prefixed(word.strip_suffix("شنبه")?)?;
    Some((day, i))
}

/// Persian month names, in calendar order.
const MONTHS: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

fn month_index(word: &str) -> Option<usize> {
    MONTHS.iter().position(|&m| m == word)
}

/// The Gregorian (year, month, day) of a Solar Hijri date by the Persian calendar of `ICU4X`, or
/// `None` for a date that does not exist. Constant work whatever the numbers (a crafted
/// `۱۳۹۸/۰۵/۴۲۹۴۹۶۷۲۹۵` is simply not a date).
fn solar_to_gregorian(year: i128, month: u32, day: u32) -> Option<(i32, u8, u8)> {
    let year = i32::try_from(year)
        .ok()
        .filter(|y| (1..=9_999).contains(y))?;
    let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
    let day = u8::try_from(day).ok().filter(|d| (1..=31).contains(d))?;
    let date = Date::try_new_persian(year, month, day)
        .ok()?
        .to_calendar(Gregorian);
    Some((
        date.year().extended_year(),
        date.month().ordinal,
        date.day_of_month().0,
    ))
}

/// The Gregorian (month, day)s a Solar Hijri day and month (1-based) may fall on when the year
/// is not given: leap years move some days by one.
fn gregorian_days(month: u32, day: u32) -> Vec<(u8, u8)> {
    let mut days = Vec::new();
    for year in 1_400..1_405 {
        if let Some((_, m, d)) = solar_to_gregorian(year, month, day)
            && !days.contains(&(m, d))
        {
            days.push((m, d));
        }
    }
    days
}

/// A month quantity: Gregorian months are 1-12, Solar Hijri months kept by name 101-112.
fn month_quantity(
    candidates: &[(u8, u8)],
    solar_month: u32,
    text: &str,
    span: Range<usize>,
) -> Option<Quantity> {
    let (&(first, _), rest) = candidates.split_first()?;
    let mut q = Quantity::new(Dec::from(i64::from(first)), text, span);
    q.month = true;
    for &(m, _) in rest {
        if !q.accepts_value(Dec::from(i64::from(m))) {
            q.alternatives.push(Dec::from(i64::from(m)));
        }
    }
    q.alternatives.push(Dec::from(100 + i64::from(solar_month)));
    Some(q)
}

/// Gregorian month names in Persian (`ژوئن`, `سپتامبر`), 1-12.
fn gregorian_month_index(word: &str) -> Option<u8> {
    Some(match word {
        "ژانویه" => 1,
        "فوریه" => 2,
        "مارس" => 3,
        "آوریل" => 4,
        "مه" | "می" => 5,
        "ژوئن" => 6,
        "ژوئیه" | "جولای" => 7,
        "اوت" | "آگوست" => 8,
        "سپتامبر" => 9,
        "اکتبر" => 10,
        "نوامبر" => 11,
        "دسامبر" => 12,
        _ => return None,
    })
}

/// A Solar Hijri year and the Gregorian years it overlaps (1398 = 2019/2020).
fn solar_year_alternatives(year: i128) -> Vec<Dec> {
    vec![Dec::int(year), Dec::int(year + 621), Dec::int(year + 622)]
}

/// A lunar Hijri year and the Gregorian years it overlaps (1440 = 2018/2019).
fn lunar_year_alternatives(year: i128) -> Vec<Dec> {
    let start = (year as f64 - 1.0) * 0.970_229 + 622.0;
    let first = start.floor() as i128;
    vec![Dec::int(year), Dec::int(first), Dec::int(first + 1)]
}

/// A currency word after a number (`تومان`, `میلیون پوند`, `دلاری` as an adjective).
fn persian_currency(word: &str) -> Option<Currency> {
    Some(match word {
        "تومان" | "تومانی" | "تومن" => Currency::Toman,
        "ریال" | "ریالی" => Currency::Rial,
        "پوند" | "پوندی" => Currency::Pound,
        "پنس" => Currency::Penny,
        "دلار" | "دلاری" => Currency::Dollar,
        "یورو" | "یورویی" => Currency::Euro,
        "سنت" => Currency::Cent,
        _ => return None,
    })
}

/// What the words before a number say about it.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    None,
    /// سال ۹۸، سال‌های ۹۷، بهمن ۹۸
    Year,
    /// دهه ۶۰ = the 1980s
    Decade,
}

fn context_before(toks: &[Tok], start: usize) -> Context {
    let word = |k: usize| {
        start
            .checked_sub(k)
            .and_then(|j| toks.get(j))
            .and_then(Tok::word)
    };
    match word(1) {
        // انقلاب ۵۷ = the 1979 revolution
        Some("سال" | "سالهای" | "سالها" | "انقلاب") => Context::Year,
        Some("های" | "ها") if word(2) == Some("سال") => Context::Year,
        Some("دهه") => Context::Decade,
        Some("ی") if word(2) == Some("دهه") => Context::Decade,
        Some(w) if month_index(w).is_some() => Context::Year,
        _ => Context::None,
    }
}

/// True if a Latin letter is glued to the number (`G7`, `COVID-19`, `5G`): an identifier.
fn is_identifier(toks: &[Tok], phrase: &Phrase) -> bool {
    let latin = |t: Option<&Tok>| {
        t.and_then(Tok::word)
            .is_some_and(|w| w.chars().any(is_latin_letter))
    };
    let first = &toks[phrase.start];
    let before = phrase.start.checked_sub(1).and_then(|j| toks.get(j));
    let glued_before = first.attached()
        && (latin(before)
            || (before.is_some_and(|t| t.is_sym('-'))
                && toks[phrase.start - 1].attached()
                && phrase.start >= 2
                && toks.get(phrase.start - 2).and_then(Tok::word).is_some()));
    let after = toks.get(phrase.end);
    let glued_after = after.is_some_and(Tok::attached) && latin(after);
    glued_before || glued_after
}

/// Lone words that are usually not a count: یک/یکی (a, one of), اول (first), نه (no/not),
/// دهم (also "I give").
fn is_weak_word(word: &str) -> bool {
    matches!(
        word,
        "یک" | "یکی"
            | "اول"
            | "اولین"
            | "نخست"
            | "نخستین"
            | "یکم"
            | "یکمین"
            | "نه"
            | "دهم"
    )
}

/// Extracts the quantities of a Persian text.
pub fn extract(text: &str) -> Vec<Quantity> {
    extract_toks(text, &tokenize(text, Lang::Fa))
}

/// Extracts the quantities of a Persian text from its tokens (see [`tokenize`]).
pub(in crate::qa) fn extract_toks(text: &str, toks: &[Tok]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut pending_month: Option<Quantity> = None;
    while i < toks.len() {
        if let Some((day, from)) = persian_weekday(toks, i) {
            let mut q = Quantity::new(
                Dec::from(day),
                text,
                toks[from].span.start..toks[i].span.end,
            );
            q.weekday = true;
            out.push(q);
        }
        if let Some(m) = toks[i].word().and_then(gregorian_month_index) {
            // A Gregorian month named without a day (`در ماه ژوئن`): it may match, no more.
            let after_day = i
                .checked_sub(1)
                .is_some_and(|j| matches!(toks[j].kind, TokKind::Num { .. }));
            if !after_day
                && (m != 5
                    || toks
                        .get(i + 1)
                        .is_some_and(|t| matches!(t.kind, TokKind::Num { .. })))
            {
                let mut mq = Quantity::new(Dec::from(i64::from(m)), text, toks[i].span.clone());
                mq.month = true;
                mq.weak = true;
                out.push(mq);
            }
        }
        if let TokKind::Date(parts) = toks[i].kind {
            push_date(&mut out, text, &toks[i], parts);
            i += 1;
            continue;
        }
        if let Some((phone, end)) = super::phone_at(toks, text, i) {
            out.push(phone);
            i = end;
            continue;
        }
        let Some(phrase) = parse(toks, i, atom_at) else {
            i += 1;
            continue;
        };
        i = phrase.end;
        let mut q = Quantity::new(
            phrase.value,
            text,
            toks[phrase.start].span.start..toks[phrase.end - 1].span.end,
        );
        q.ordinal = phrase.ordinal;
        let first_word = toks[phrase.start].word();
        let lone_word = phrase.value_atoms == 1 && first_word.is_some();
        let prev_word = phrase.start.checked_sub(1).and_then(|j| toks[j].word());
        q.weak = phrase.bare_scale
            || is_identifier(toks, &phrase)
            || (lone_word && first_word.is_some_and(is_weak_word))
            || (lone_word && first_word == Some("دو") && prev_word == Some("هر"));

        // What follows: percent, currency, a month name, a lunar-year mark.
        let mut end_tok = phrase.end;
        let next = toks.get(i);
        if next.is_some_and(|t| t.is_sym('٪') || t.is_sym('%'))
            || next
                .and_then(Tok::word)
                .is_some_and(|w| w.starts_with("درصد"))
        {
            q.percent = true;
            // صد درصد is mostly "completely".
            q.weak |= lone_word && first_word == Some("صد");
            i += 1;
            end_tok = i;
        } else if prev_sym_percent(toks, phrase.start) {
            q.percent = true;
        }
        if let Some(currency) = toks.get(i).and_then(Tok::word).and_then(persian_currency) {
            q.currency = Some(currency);
            i += 1;
            // پوند استرلینگ
            if currency == Currency::Pound && toks.get(i).and_then(Tok::word) == Some("استرلینگ")
            {
                i += 1;
            }
            end_tok = i;
        }
        if q.currency.is_none()
            && !q.percent
            && let Some((unit, len)) = persian_unit(toks, i)
        {
            q.unit = Some(unit);
            i += len;
            end_tok = i;
        }
        let month = month_after(toks, i);
        let day = phrase
            .value
            .as_int()
            .and_then(|d| u32::try_from(d).ok())
            .filter(|d| (1..=31).contains(d) && !q.percent && q.unit.is_none());
        if let (Some((month, at)), Some(day)) = (month, day) {
            // `۲۲ بهمن` may be rendered as "22 Bahman" or as "February 11"; with a year
            // (`۱۵ آبان ۱۴۰۳`) the Gregorian date is exact.
            let solar_month = month as u32 + 1;
            let year = year_after(toks, at + 1);
            let candidates = match year.and_then(|y| solar_to_gregorian(y, solar_month, day)) {
                Some((_, m, d)) => vec![(m, d)],
                None => gregorian_days(solar_month, day),
            };
            q.alternatives = candidates
                .iter()
                .map(|&(_, d)| Dec::from(i64::from(d)))
                .collect();
            q.weak = false;
            if let Some(mq) = month_quantity(&candidates, solar_month, text, toks[at].span.clone())
            {
                pending_month = Some(mq);
            }
        } else if let Some(m) = day.and_then(|_| {
            toks.get(i)
                .and_then(Tok::word)
                .and_then(gregorian_month_index)
        }) {
            // `۳۰ مه ۲۰۰۵`, `۱ اکتبر`: the month the translation names.
            let mut mq = Quantity::new(Dec::from(i64::from(m)), text, toks[i].span.clone());
            mq.month = true;
            pending_month = Some(mq);
            q.weak = false;
        } else if let Some(year) = phrase
            .value
            .as_int()
            .filter(|_| !q.percent && q.currency.is_none())
        {
            let lunar = is_lunar_mark(toks, i) && (1_300..=1_500).contains(&year);
            let digits = match toks[phrase.start].kind {
                TokKind::Num { plain_digits, .. } if phrase.value_atoms == 1 => plain_digits,
                _ => None,
            };
            match context_before(toks, phrase.start) {
                _ if lunar => q.alternatives = lunar_year_alternatives(year),
                Context::Year if digits == Some(2) => {
                    let full = if year >= 50 {
                        1_300 + year
                    } else {
                        1_400 + year
                    };
                    q.alternatives = solar_year_alternatives(full);
                }
                Context::Decade if digits == Some(2) && year % 10 == 0 => {
                    // دهه ۶۰ = the 1360s = (mostly) the 1980s.
                    q.alternatives = vec![Dec::int(1_300 + year), Dec::int(1_920 + year)];
                }
                Context::Decade if (1_300..1_500).contains(&year) => {
                    q.alternatives = vec![Dec::int(year + 620), Dec::int(year + 621)];
                }
                _ if (1_300..1_500).contains(&year) && digits == Some(4) => {
                    q.alternatives = solar_year_alternatives(year);
                }
                _ => {}
            }
        }
        // A number word alone is weak evidence (دوبرابر, سرهنگ دوم, نیمه دوم, the two X
        // rendered "both"): it may match but is not reported unless it carries a unit, a
        // currency, a percent or a month.
        if lone_word
            && q.unit.is_none()
            && q.currency.is_none()
            && !q.percent
            && q.alternatives.is_empty()
        {
            q.weak = true;
        }
        if let Some(full) = year_range_partner(toks, &phrase) {
            q.alternatives.push(Dec::int(full));
        }
        q.span = toks[phrase.start].span.start..toks[end_tok - 1].span.end;
        text[q.span.clone()].clone_into(&mut q.text);
        out.push(q);
        out.extend(pending_month.take());
    }
    super::units_spread(&mut out, text);
    out
}

/// A two-digit number joined by a hyphen to a four-digit year on either side (`۵۳-۱۹۵۰` as
/// typed right to left, or `۱۹۵۰-۵۳`): the full year it stands for (1953).
fn year_range_partner(toks: &[Tok], phrase: &Phrase) -> Option<i128> {
    let plain = |t: Option<&Tok>, n: usize| match t.map(|t| &t.kind) {
        Some(TokKind::Num {
            value,
            plain_digits: Some(d),
        }) if *d == n => value.as_int(),
        _ => None,
    };
    let short = plain(toks.get(phrase.start), 2).filter(|_| phrase.value_atoms == 1)?;
    let dash = |t: Option<&Tok>| t.is_some_and(|t| t.is_sym('-') || t.is_sym('–'));
    let after = toks.get(phrase.end + 1).filter(|t| t.attached());
    let year = if dash(toks.get(phrase.end)) && toks[phrase.end].attached() {
        plain(after, 4)
    } else {
        None
    }
    .or_else(|| {
        let dash_at = phrase.start.checked_sub(1)?;
        let year_at = dash_at.checked_sub(1)?;
        (dash(toks.get(dash_at)) && toks[phrase.start].attached() && toks[dash_at].attached())
            .then(|| plain(toks.get(year_at), 4))
            .flatten()
    })
    .filter(|y| (1_000..3_000).contains(y))?;
    let mut full = year / 100 * 100 + short;
    if full <= year {
        full += 100;
    }
    Some(full)
}

/// The month named right after a day number (`۲۲ بهمن`), or after a second day of a range
/// (`۱۵ تا ۱۸ اردیبهشت`, `۱۵ و ۱۶ مهر`): its index (0-based) and token.
fn month_after(toks: &[Tok], i: usize) -> Option<(usize, usize)> {
    let word = |k: usize| toks.get(k).and_then(Tok::word);
    if let Some(m) = word(i).and_then(month_index) {
        return Some((m, i));
    }
    let joins_range =
        matches!(word(i), Some("تا" | "و")) || toks.get(i).is_some_and(|t| t.is_sym('-'));
    let day_follows = toks
        .get(i + 1)
        .is_some_and(|t| matches!(t.kind, TokKind::Num { .. }));
    if joins_range && day_follows {
        word(i + 2).and_then(month_index).map(|m| (m, i + 2))
    } else {
        None
    }
}

/// A Solar Hijri year right after a day and month (`۱۵ آبان ۱۴۰۳`, `۱۵ آبان ماه ۱۴۰۳`).
fn year_after(toks: &[Tok], i: usize) -> Option<i128> {
    let at = if toks.get(i).and_then(Tok::word) == Some("ماه") {
        i + 1
    } else {
        i
    };
    match toks.get(at)?.kind {
        TokKind::Num {
            value,
            plain_digits: Some(4),
        } => value.as_int().filter(|y| (1_300..1_500).contains(y)),
        _ => None,
    }
}

/// `ق`, `قمری` or `ه.ق` after a year: a lunar Hijri year.
fn is_lunar_mark(toks: &[Tok], i: usize) -> bool {
    let word = |k: usize| toks.get(k).and_then(Tok::word);
    match word(i) {
        Some("ق" | "قمری") => true,
        Some("ه") => toks.get(i + 1).is_some_and(|t| t.is_sym('.')) && word(i + 2) == Some("ق"),
        _ => false,
    }
}

fn prev_sym_percent(toks: &[Tok], start: usize) -> bool {
    start
        .checked_sub(1)
        .and_then(|j| toks.get(j))
        .is_some_and(|t| (t.is_sym('٪') || t.is_sym('%')) && toks[start].attached())
}

/// `۱۳۹۸/۰۵/۱۲` (or `۱۲/۰۵/۱۳۹۸`): a year and a day the translation may give in Gregorian
/// terms, and a month it usually writes as a name. Parts that cannot be a date (a day of
/// 4294967295) are kept as plain numbers; no work depends on their size.
fn push_date(out: &mut Vec<Quantity>, text: &str, tok: &Tok, parts: [u32; 3]) {
    let [first, month, last] = parts;
    let (year, day) = if first > 31 {
        (first, last)
    } else {
        (last, first)
    };
    let full_year = match year {
        0..=49 => 1_400 + i128::from(year),
        50..=99 => 1_300 + i128::from(year),
        _ => i128::from(year),
    };
    let solar = (1_300..1_500).contains(&full_year);
    let mut year_q = Quantity::new(Dec::from(i64::from(year)), text, tok.span.clone());
    let mut day_q = Quantity::new(Dec::from(i64::from(day)), text, tok.span.clone());
    let mut month_q = Quantity::new(Dec::from(i64::from(month)), text, tok.span.clone());
    month_q.weak = true;
    if solar {
        year_q.alternatives = solar_year_alternatives(full_year);
        if let Some((y, m, d)) = solar_to_gregorian(full_year, month, day) {
            year_q.alternatives = vec![Dec::int(full_year), Dec::from(i64::from(y))];
            day_q.alternatives = vec![Dec::from(i64::from(d))];
            month_q.month = true;
            month_q.value = Dec::from(i64::from(m));
            month_q.alternatives = vec![Dec::from(100 + i64::from(month))];
        }
    }
    out.extend([year_q, month_q, day_q]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solar_hijri_dates_by_icu() {
        // 22 Bahman is 11 February, or the 10th in some years.
        let days = gregorian_days(11, 22);
        assert!(days.contains(&(2, 11)), "{days:?}");
        assert!(
            days.iter().all(|&(m, d)| m == 2 && (10..=11).contains(&d)),
            "{days:?}"
        );
        assert!(gregorian_days(1, 1).contains(&(3, 21)));
        assert!(
            gregorian_days(1, 1)
                .iter()
                .all(|&(m, d)| m == 3 && (20..=21).contains(&d))
        );
        assert_eq!(solar_to_gregorian(1403, 8, 15), Some((2024, 11, 5)));
        assert_eq!(solar_to_gregorian(1398, 5, 12), Some((2019, 8, 3)));
        // Not dates: no panic, no work.
        assert_eq!(solar_to_gregorian(1398, 5, 4_294_967_295), None);
        assert_eq!(solar_to_gregorian(1398, 13, 1), None);
        assert_eq!(solar_to_gregorian(i128::MAX, 1, 1), None);
        assert!(gregorian_days(7, 31).is_empty(), "Mehr has 30 days");
    }

    #[test]
    fn ordinal_words_and_look_alikes() {
        assert!(ordinal_word_atom("بیستم").is_some());
        assert!(ordinal_word_atom("سیام").is_some());
        assert!(ordinal_word_atom("هزارمین").is_some());
        for not_ordinal in ["سهم", "دوام", "سیم", "سیمین", "صدام", "زمین", "مردم", "دام"]
        {
            assert_eq!(ordinal_word_atom(not_ordinal), None, "{not_ordinal}");
        }
    }
}
