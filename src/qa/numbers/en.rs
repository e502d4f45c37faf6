//! Quantities in English text: digits with `,` grouping and decimals, number words, ordinals
//! (`twenty-first`, `21st`), thousand/million/billion, percent, tomans/rials, year ranges.

use super::super::dec::Dec;
use super::super::text::{Lang, Tok, TokKind, is_latin_letter, tokenize};
use super::phrase::{Atom, AtomAt, Phrase, parse};
use super::units::english_unit;
use super::{Currency, Quantity, phone_at};

fn lit(value: i128, open: i128) -> Atom {
    Atom::Lit {
        value: Dec::int(value),
        open: Dec::int(open),
        digits: false,
    }
}

/// Cardinal number words.
fn cardinal(word: &str) -> Option<Atom> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(v) = UNITS.iter().position(|&w| w == word) {
        return Some(lit(v as i128, 1));
    }
    if let Some(k) = TENS.iter().position(|&w| w == word) {
        return Some(lit(20 + 10 * k as i128, 10));
    }
    Some(match word {
        "hundred" => Atom::Hundred,
        "thousand" => Atom::Scale(Dec::int(1_000)),
        "million" | "mn" => Atom::Scale(Dec::int(1_000_000)),
        "billion" | "bn" => Atom::Scale(Dec::int(1_000_000_000)),
        "trillion" | "tn" => Atom::Scale(Dec::int(1_000_000_000_000)),
        // Renderings of دو، دو برابر، سه برابر، یک چهارم: weak, they only help matching.
        "both" | "twice" | "double" | "doubled" | "doubling" | "twofold" => lit(2, 0),
        "triple" | "tripled" | "threefold" => lit(3, 0),
        "quarter" | "quarters" => lit(4, 0),
        "half" => Atom::Half,
        "and" => Atom::And,
        "a" | "an" => Atom::Article,
        _ => return None,
    })
}

/// Ordinal number words.
fn ordinal(word: &str) -> Option<Atom> {
    const UNITS: [&str; 20] = [
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [&str; 8] = [
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
    ];
    if let Some(v) = UNITS.iter().position(|&w| w == word) {
        return Some(lit(v as i128, 1));
    }
    if let Some(k) = TENS.iter().position(|&w| w == word) {
        return Some(lit(20 + 10 * k as i128, 10));
    }
    Some(match word {
        "hundredth" => Atom::Hundred,
        "thousandth" => Atom::Scale(Dec::int(1_000)),
        "millionth" => Atom::Scale(Dec::int(1_000_000)),
        "billionth" => Atom::Scale(Dec::int(1_000_000_000)),
        _ => return None,
    })
}

/// `thirds`, `fifths`, `hundredths` (as in "two-thirds"); not `seconds`, a unit of time.
fn plural_fraction(word: &str) -> Option<Atom> {
    match ordinal(word.strip_suffix('s')?)? {
        Atom::Lit { value, .. } if value < Dec::int(3) => None,
        atom => Some(atom),
    }
}

fn atom_at(toks: &[Tok], i: usize) -> Option<AtomAt> {
    let tok = toks.get(i)?;
    let glued = |k: usize| toks.get(k).filter(|t| t.attached()).and_then(Tok::word);
    let (atom, ordinal_word, len) = match &tok.kind {
        TokKind::Num { value, .. } => {
            let atom = Atom::digits(*value);
            match glued(i + 1) {
                // 21st, 2nd, 3rd, 4th
                Some("st" | "nd" | "rd" | "th") => (atom, true, 2),
                // the 1990s
                Some("s") => (atom, false, 2),
                _ => (atom, false, 1),
            }
        }
        TokKind::Word(w) => match cardinal(w) {
            Some(atom) => (atom, false, 1),
            None => (ordinal(w).or_else(|| plural_fraction(w))?, true, 1),
        },
        // `twenty-one`: a hyphen glued on both sides.
        TokKind::Sym('-') if tok.attached() && toks.get(i + 1).is_some_and(Tok::attached) => {
            (Atom::Joiner, false, 1)
        }
        _ => return None,
    };
    Some(AtomAt {
        atom,
        ordinal: ordinal_word,
        len,
    })
}

/// Lone words that are usually not a count ("one of", "at first", "a second").
fn is_weak_word(word: &str) -> bool {
    matches!(
        word,
        "one"
            | "first"
            | "second"
            | "hundred"
            | "both"
            | "twice"
            | "double"
            | "doubled"
            | "doubling"
            | "twofold"
            | "triple"
            | "tripled"
            | "threefold"
            | "quarter"
            | "quarters"
    )
}

/// True if a Latin letter is glued before the number (`G7`, `COVID-19`, `F-35`): an identifier.
fn is_identifier(toks: &[Tok], phrase: &Phrase) -> bool {
    let letter_word = |t: &Tok| t.word().is_some_and(|w| w.chars().any(is_latin_letter));
    let first = &toks[phrase.start];
    if !first.attached() || phrase.start == 0 {
        return false;
    }
    let before = &toks[phrase.start - 1];
    letter_word(before)
        || (before.is_sym('-')
            && before.attached()
            && phrase.start >= 2
            && letter_word(&toks[phrase.start - 2])
            && toks[phrase.start - 2]
                .word()
                .is_none_or(|w| cardinal(w).is_none()))
}

/// Reads "percent"-like words after a number; returns how many tokens they take.
fn percent_len(toks: &[Tok], i: usize) -> usize {
    let word = |k: usize| toks.get(k).and_then(Tok::word);
    let hyphen = usize::from(toks.get(i).is_some_and(|t| t.is_sym('-')));
    let j = i + hyphen;
    if toks.get(i).is_some_and(|t| t.is_sym('%')) {
        return 1;
    }
    match word(j) {
        Some("percent" | "pct" | "percentage") => hyphen + 1,
        Some("per") if word(j + 1) == Some("cent") => hyphen + 2,
        _ => 0,
    }
}

/// Reads a currency word after a number (`tomans`, `-rial`, `euros`, `40p`); returns it and
/// its length. "pounds" is left to the units: it may be a weight.
fn currency_after(toks: &[Tok], i: usize) -> Option<(Currency, usize)> {
    let hyphen = usize::from(toks.get(i).is_some_and(|t| t.is_sym('-')));
    let tok = toks.get(i + hyphen)?;
    let currency = match tok.word()? {
        "toman" | "tomans" | "irt" => Currency::Toman,
        "rial" | "rials" | "irr" => Currency::Rial,
        "sterling" => Currency::Pound,
        "pence" | "penny" => Currency::Penny,
        // 40p, but not 7p.m.
        "p" if tok.attached() && hyphen == 0 && !toks.get(i + 1).is_some_and(|t| t.is_sym('.')) => {
            Currency::Penny
        }
        "dollar" | "dollars" | "usd" => Currency::Dollar,
        "euro" | "euros" | "eur" => Currency::Euro,
        "cent" | "cents" => Currency::Cent,
        _ => return None,
    };
    Some((currency, hyphen + 1))
}

/// The currency of a sign right before a number (`£125m`, `$2.5bn`, `US$5m`, `€30k`).
fn sign_currency(toks: &[Tok], start: usize) -> Option<Currency> {
    let sign = toks.get(start.checked_sub(1)?)?;
    if !toks.get(start).is_some_and(Tok::attached) {
        return None;
    }
    match sign.kind {
        TokKind::Sym('£') => Some(Currency::Pound),
        TokKind::Sym('$') => Some(Currency::Dollar),
        TokKind::Sym('€') => Some(Currency::Euro),
        _ => None,
    }
}

/// Extracts the quantities of an English text.
pub fn extract(text: &str) -> Vec<Quantity> {
    extract_toks(text, &tokenize(text, Lang::En))
}

/// Extracts the quantities of a English text from its tokens (see [`tokenize`]).
pub(in crate::qa) fn extract_toks(text: &str, toks: &[Tok]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(q) = month_at(toks, text, i) {
            out.push(q);
        }
        if let Some(day) = toks[i]
            .word()
            .and_then(weekday_value)
            .or_else(|| weekday_abbreviation(toks, text, i))
        {
            let mut q = Quantity::new(Dec::from(day), text, toks[i].span.clone());
            q.weekday = true;
            out.push(q);
        }
        if let Some((phone, end)) = phone_at(toks, text, i) {
            out.push(phone);
            i = end;
            continue;
        }
        if let Some((q, end)) = fraction_measure(toks, text, i) {
            out.push(q);
            i = end;
            continue;
        }
        let Some(phrase) = parse(toks, i, atom_at) else {
            i += 1;
            continue;
        };
        i = phrase.end;
        if let Some(time) = clock_time(toks, text, &phrase) {
            i = time.end;
            out.extend(time.parts);
            continue;
        }
        let first_word = toks[phrase.start].word();
        let lone_word = phrase.value_atoms == 1 && first_word.is_some();
        let mut q = Quantity::new(phrase.value, text, 0..0);
        q.ordinal = phrase.ordinal;
        q.weak = phrase.bare_scale
            || is_identifier(toks, &phrase)
            || (lone_word && first_word.is_some_and(is_weak_word));
        let pct = percent_len(toks, i);
        if pct > 0 {
            q.percent = true;
            i += pct;
        }
        if let Some((currency, len)) = currency_after(toks, i) {
            q.currency = Some(currency);
            i += len;
        } else if let Some(w) = phrase.start.checked_sub(1).and_then(|j| toks[j].word()) {
            q.currency = match w {
                "irr" => Some(Currency::Rial),
                "irt" => Some(Currency::Toman),
                "usd" => Some(Currency::Dollar),
                "eur" => Some(Currency::Euro),
                "gbp" => Some(Currency::Pound),
                _ => None,
            };
        } else {
            q.currency = sign_currency(toks, phrase.start);
        }
        // £125m, $2.5bn, €30k: a money suffix after a currency sign.
        if let Some(scale) = money_suffix(toks, &phrase).filter(|_| i == phrase.end) {
            q.value = q.value.checked_mul(scale).unwrap_or(q.value);
            i += 1;
        }
        if q.currency.is_none()
            && !q.percent
            && let Some((unit, len)) = english_unit(toks, i)
        {
            q.unit = Some(unit);
            i += len;
        }
        // A number word alone ("two", "both") may match but is not reported unless it carries
        // a unit, a currency or a percent.
        if lone_word && q.unit.is_none() && q.currency.is_none() && !q.percent {
            q.weak = true;
        }
        q.span = toks[phrase.start].span.start..toks[i - 1].span.end;
        text[q.span.clone()].clone_into(&mut q.text);
        let range_end = year_range_end(toks, &phrase).filter(|_| i == phrase.end);
        out.push(q);
        if let Some((value, tok)) = range_end {
            // 2019-20 is 2019 and 2020.
            out.push(Quantity::new(value, text, toks[tok].span.clone()));
            i = tok + 1;
        }
    }
    super::units_spread(&mut out, text);
    out
}

/// A fraction or a count in words, as news writes measures: `half an inch`, `a quarter mile`,
/// `a quarter-mile`, `a quarter of a mile` (with the unit), `a dozen` (12, weak: it only
/// helps matching). Returns the quantity and the token after it.
fn fraction_measure(toks: &[Tok], text: &str, i: usize) -> Option<(Quantity, usize)> {
    let word = |k: usize| toks.get(k).and_then(Tok::word);
    let article = |k: usize| matches!(word(k), Some("a" | "an"));
    let (value, mut k) = match word(i)? {
        "half" if article(i + 1) => (Dec::HALF, i + 2),
        "a" | "an" => match word(i + 1)? {
            "quarter" => (Dec::HALF.checked_mul(Dec::HALF)?, i + 2),
            "half" => (Dec::HALF, i + 2),
            "dozen" => {
                let mut q =
                    Quantity::new(Dec::int(12), text, toks[i].span.start..toks[i + 1].span.end);
                q.weak = true;
                return Some((q, i + 2));
            }
            _ => return None,
        },
        _ => return None,
    };
    // `a quarter of a mile`, `half a mile`, `a quarter-mile`.
    if word(k) == Some("of") && article(k + 1) {
        k += 2;
    }
    if toks.get(k).is_some_and(|t| t.is_sym('-')) {
        k += 1;
    }
    let (unit, len) = english_unit(toks, k)?;
    let end = k + len;
    let mut q = Quantity::new(value, text, toks[i].span.start..toks[end - 1].span.end);
    q.unit = Some(unit);
    Some((q, end))
}

/// Weekday names, 1 (Monday) to 7 (Sunday).
fn weekday_value(word: &str) -> Option<i64> {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    DAYS.iter()
        .position(|&d| d == word)
        .and_then(|k| i64::try_from(k + 1).ok())
}

/// An abbreviated weekday in AP style (`Tues.`, `Thurs.`, `Sat.`): capitalised and followed
/// by its full stop, so "sun" or "Wed" in a name is not a day.
fn weekday_abbreviation(toks: &[Tok], text: &str, i: usize) -> Option<i64> {
    let tok = toks.get(i)?;
    let day = match tok.word()? {
        "mon" => 1,
        "tue" | "tues" => 2,
        "wed" => 3,
        "thu" | "thur" | "thurs" => 4,
        "fri" => 5,
        "sat" => 6,
        "sun" => 7,
        _ => return None,
    };
    let capital = text
        .get(tok.span.clone())
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    let dot = toks
        .get(i + 1)
        .is_some_and(|t| t.is_sym('.') && t.attached());
    (capital && dot).then_some(day)
}

/// Month names (`November`, `Sept`, AP's `Oct.`), and Solar Hijri months kept by name (`Aban` is 108).
fn month_value(word: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const SOLAR: [&str; 12] = [
        "farvardin",
        "ordibehesht",
        "khordad",
        "tir",
        "mordad",
        "shahrivar",
        "mehr",
        "aban",
        "azar",
        "dey",
        "bahman",
        "esfand",
    ];
    if let Some(k) = MONTHS.iter().position(|&m| m == word) {
        return i64::try_from(k + 1).ok();
    }
    if let Some(k) = SOLAR.iter().position(|&m| m == word) {
        return i64::try_from(k + 101).ok();
    }
    match word {
        "jan" => Some(1),
        "feb" => Some(2),
        "mar" => Some(3),
        "apr" => Some(4),
        "jun" => Some(6),
        "jul" => Some(7),
        "aug" => Some(8),
        "sep" | "sept" => Some(9),
        "oct" => Some(10),
        "nov" => Some(11),
        "dec" => Some(12),
        "amordad" => Some(105),
        "dei" => Some(110),
        _ => None,
    }
}

/// A capitalised month name at token `i`: strong next to a day number (`5 November`,
/// `October 1`), weak otherwise (`in June` may match, is never reported).
fn month_at(toks: &[Tok], text: &str, i: usize) -> Option<Quantity> {
    let tok = toks.get(i)?;
    let value = month_value(tok.word()?)?;
    let capital = text
        .get(tok.span.clone())
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    // A day number, not a year (`March 2020` is not a date's day).
    let num = |k: Option<usize>| {
        k.and_then(|k| toks.get(k)).is_some_and(|t| match t.kind {
            TokKind::Num { value, .. } => value >= Dec::int(1) && value <= Dec::int(31),
            _ => false,
        })
    };
    // A day before it, past `th`, `of`, `the` (`the 30th of September`), or right after it.
    let mut back = i;
    let day_before = loop {
        let Some(j) = back.checked_sub(1) else {
            break false;
        };
        match toks[j].word() {
            Some("st" | "nd" | "rd" | "th" | "of") if i - j < 4 => back = j,
            _ => break num(Some(j)),
        }
    };
    // AP abbreviations keep their full stop before the day (`Oct. 2`).
    let dot = toks
        .get(i + 1)
        .is_some_and(|t| t.is_sym('.') && t.attached());
    let by_day = day_before || num(Some(i + 1)) || (dot && num(Some(i + 2)));
    // "may" is mostly the verb: only next to a number.
    if !capital || (value == 5 && !by_day) {
        return None;
    }
    let mut q = Quantity::new(Dec::from(value), text, tok.span.clone());
    q.month = true;
    q.weak = !by_day;
    Some(q)
}

/// `£125m`, `$2.5bn`, `€30k`: the scale of a suffix glued to a number after a currency sign.
fn money_suffix(toks: &[Tok], phrase: &Phrase) -> Option<Dec> {
    let sign = phrase
        .start
        .checked_sub(1)
        .and_then(|j| toks.get(j))
        .is_some_and(|t| matches!(t.kind, TokKind::Sym('£' | '$' | '€')));
    let suffix = toks.get(phrase.end).filter(|t| t.attached())?.word()?;
    if !sign || phrase.value_atoms != 1 {
        return None;
    }
    match suffix {
        "m" => Some(Dec::int(1_000_000)),
        "k" => Some(Dec::int(1_000)),
        _ => None,
    }
}

/// A clock time written with a decimal point (`7.55am`, `4.40 am`, `7.30 a.m.`): hour and
/// minutes as two quantities, as the Persian `۷:۵۵` reads.
struct ClockTime {
    parts: Vec<Quantity>,
    end: usize,
}

fn clock_time(toks: &[Tok], text: &str, phrase: &Phrase) -> Option<ClockTime> {
    let tok = toks.get(phrase.start)?;
    if phrase.value_atoms != 1 || phrase.end != phrase.start + 1 {
        return None;
    }
    let raw = text.get(tok.span.clone())?;
    let (hour, minutes) = raw.split_once('.')?;
    if minutes.len() != 2 || hour.is_empty() || hour.len() > 2 {
        return None;
    }
    let word = |k: usize| toks.get(k).and_then(Tok::word);
    let k = phrase.end;
    let len = match word(k) {
        Some("am" | "pm") => 1,
        Some("a" | "p")
            if toks.get(k + 1).is_some_and(|t| t.is_sym('.')) && word(k + 2) == Some("m") =>
        {
            3 + usize::from(toks.get(k + 3).is_some_and(|t| t.is_sym('.')))
        }
        _ => return None,
    };
    let h = Dec::parse(hour)?;
    let m = Dec::parse(minutes)?;
    let start = tok.span.start;
    let dot = start + hour.len();
    let mut parts = vec![Quantity::new(h, text, start..dot)];
    if m != Dec::ZERO {
        parts.push(Quantity::new(m, text, dot + 1..tok.span.end));
    }
    Some(ClockTime {
        parts,
        end: k + len,
    })
}

/// `2019-20`, `2019/20`, `2019–20`: the second year in full and its token index.
fn year_range_end(toks: &[Tok], phrase: &Phrase) -> Option<(Dec, usize)> {
    let plain4 = matches!(
        toks[phrase.start].kind,
        TokKind::Num {
            plain_digits: Some(4),
            ..
        }
    );
    let year = phrase
        .value
        .as_int()
        .filter(|y| plain4 && phrase.value_atoms == 1 && (1_000..3_000).contains(y))?;
    let sep = toks.get(phrase.end)?;
    let next = toks.get(phrase.end + 1)?;
    if !(sep.attached() && next.attached() && matches!(sep.kind, TokKind::Sym('-' | '/' | '–'))) {
        return None;
    }
    let TokKind::Num {
        value,
        plain_digits: Some(2),
    } = next.kind
    else {
        return None;
    };
    let short = value.as_int()?;
    let mut full = year / 100 * 100 + short;
    if full <= year {
        full += 100;
    }
    Some((Dec::int(full), phrase.end + 1))
}
