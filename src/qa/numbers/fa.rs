//! Quantities in Persian text: digits, number words, ordinals, scale words, percent, toman/rial,
//! Solar Hijri years and day-month dates.

use super::super::dec::Dec;
use super::super::text::{Lang, Tok, TokKind, is_latin_letter, tokenize};
use super::phrase::{Atom, AtomAt, Phrase, parse};
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

/// Ordinal words: `یکمین`, `دوم`, `سومین`, `بیستم`, `سی‌ام` (split at the ZWNJ), `اولین`.
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
        // "ام"/"امین" glued on without ZWNJ only follows سی (سیام); others use a ZWNJ.
        if suffix.starts_with('ا') && base != "سی" {
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
            // A number word glued by ZWNJ to another word is a compound, not a count:
            // سه‌شنبه (Tuesday), سه‌جانبه (trilateral), ده‌ها (dozens), نیم‌ساعت.
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

/// Gregorian (month 1-12, day) on which each Persian month starts in a common year.
const MONTH_STARTS: [(u32, u32); 12] = [
    (3, 21),
    (4, 21),
    (5, 22),
    (6, 22),
    (7, 23),
    (8, 23),
    (9, 23),
    (10, 23),
    (11, 22),
    (12, 22),
    (1, 21),
    (2, 20),
];

fn gregorian_month_len(month: u32) -> u32 {
    match month {
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The Gregorian day-of-month numbers a Solar Hijri day may be written as (±1 day for leap
/// years, since the day number alone carries no year).
fn gregorian_days(month: usize, day: u32) -> Vec<Dec> {
    let Some(&(start_month, start_day)) = MONTH_STARTS.get(month) else {
        return Vec::new();
    };
    let mut days = Vec::new();
    for offset in [-1i64, 0, 1] {
        let (mut m, mut d) = (
            start_month,
            i64::from(start_day) + i64::from(day) - 1 + offset,
        );
        while d > i64::from(gregorian_month_len(m)) {
            d -= i64::from(gregorian_month_len(m));
            m = m % 12 + 1;
        }
        while d < 1 {
            m = if m == 1 { 12 } else { m - 1 };
            d += i64::from(gregorian_month_len(m));
        }
        days.push(Dec::from(d));
    }
    days
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
        Some("سال" | "سالهای" | "سالها") => Context::Year,
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
    let toks = tokenize(text, Lang::Fa);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let TokKind::Date(parts) = toks[i].kind {
            push_date(&mut out, text, &toks[i], parts);
            i += 1;
            continue;
        }
        let Some(phrase) = parse(&toks, i, atom_at) else {
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
            || is_identifier(&toks, &phrase)
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
        } else if prev_sym_percent(&toks, phrase.start) {
            q.percent = true;
        }
        match toks.get(i).and_then(Tok::word) {
            Some("تومان" | "تومانی" | "تومن") => {
                q.currency = Some(Currency::Toman);
                i += 1;
                end_tok = i;
            }
            Some("ریال" | "ریالی") => {
                q.currency = Some(Currency::Rial);
                i += 1;
                end_tok = i;
            }
            _ => {}
        }
        let month = month_after(&toks, i);
        let day = phrase
            .value
            .as_int()
            .filter(|d| (1..=31).contains(d) && !q.percent);
        if let (Some(month), Some(day)) = (month, day) {
            // `۲۲ بهمن` may be rendered as "22 Bahman" or as "February 11".
            q.alternatives = gregorian_days(month, day as u32);
            q.weak = false;
        } else if let Some(year) = phrase
            .value
            .as_int()
            .filter(|_| !q.percent && q.currency.is_none())
        {
            let lunar = is_lunar_mark(&toks, i) && (1_300..=1_500).contains(&year);
            let digits = match toks[phrase.start].kind {
                TokKind::Num { plain_digits, .. } if phrase.value_atoms == 1 => plain_digits,
                _ => None,
            };
            match context_before(&toks, phrase.start) {
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
        q.span = toks[phrase.start].span.start..toks[end_tok - 1].span.end;
        text[q.span.clone()].clone_into(&mut q.text);
        out.push(q);
    }
    out
}

/// The month named right after a day number (`۲۲ بهمن`), or after a second day of a range
/// (`۱۵ تا ۱۸ اردیبهشت`, `۱۵ و ۱۶ مهر`).
fn month_after(toks: &[Tok], i: usize) -> Option<usize> {
    let word = |k: usize| toks.get(k).and_then(Tok::word);
    if let Some(m) = word(i).and_then(month_index) {
        return Some(m);
    }
    let joins_range =
        matches!(word(i), Some("تا" | "و")) || toks.get(i).is_some_and(|t| t.is_sym('-'));
    let day_follows = toks
        .get(i + 1)
        .is_some_and(|t| matches!(t.kind, TokKind::Num { .. }));
    if joins_range && day_follows {
        word(i + 2).and_then(month_index)
    } else {
        None
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
/// terms, and a month it usually writes as a name.
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
    let mut year_q = Quantity::new(Dec::from(i64::from(year)), text, tok.span.clone());
    if (1_300..1_500).contains(&full_year) {
        year_q.alternatives = solar_year_alternatives(full_year);
    }
    let mut month_q = Quantity::new(Dec::from(i64::from(month)), text, tok.span.clone());
    month_q.weak = true;
    let mut day_q = Quantity::new(Dec::from(i64::from(day)), text, tok.span.clone());
    if let Some(index) = (month as usize).checked_sub(1).filter(|&k| k < 12) {
        day_q.alternatives = gregorian_days(index, day);
    }
    out.extend([year_q, month_q, day_q]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gregorian_day_of_22_bahman_is_february_11() {
        let days: Vec<String> = gregorian_days(10, 22)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(days, ["10", "11", "12"]);
        // 1 Farvardin = 21 March; 31 Esfand wraps into March.
        assert!(gregorian_days(0, 1).contains(&Dec::int(21)));
        assert!(gregorian_days(11, 10).contains(&Dec::int(1)));
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
