//! Character classes, normalisation and a small tokenizer shared by the checks.
//!
//! The tokenizer keeps byte spans into the original text so findings can point at it.

use std::ops::Range;

use super::dec::Dec;

/// Zero-width non-joiner (نیم‌فاصله): joins parts of one Persian word.
pub const ZWNJ: char = '\u{200C}';

/// The value of a digit in any of the three digit sets Persian text uses.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        _ => None,
    }
}

/// True for any code point of the Arabic script blocks (letters, digits, marks, punctuation).
pub fn is_arabic_script(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// Arabic-script combining marks (harakat, superscript alef, Quranic marks).
fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// A letter (or mark) of a Persian/Arabic word; digits and punctuation are not.
///
/// Spelled out instead of `char::is_alphabetic`, whose table lookup for non-ASCII characters
/// dominated the whole check's run time.
pub fn is_arabic_letter(c: char) -> bool {
    is_arabic_script(c)
        && !matches!(c,
            // signs, ، ؛ ؟ and other punctuation, Arabic-Indic digits ٪ ٫ ٬ ٭, ۔, ornaments
            '\u{0600}'..='\u{060F}'
            | '\u{061B}'..='\u{061F}'
            | '\u{0660}'..='\u{066D}'
            | '\u{06D4}'
            | '\u{06DD}'..='\u{06DE}'
            | '\u{06E9}'
            | '\u{06F0}'..='\u{06F9}'
            | '\u{06FD}'..='\u{06FE}'
            | '\u{FD3E}'..='\u{FD3F}'
            | '\u{FDFC}'..='\u{FDFD}'
            | '\u{FEFF}')
}

/// A letter of a non-Arabic script (Latin, with accents).
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && !is_arabic_script(c) && c.is_alphabetic())
}

/// Normalises a Persian word for comparison: Arabic yeh/kaf to Persian, teh marbuta and heh
/// with yeh to heh, no diacritics or tatweel; Latin is lower-cased. Never used on stored text.
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            _ if is_arabic_mark(c) || c == '\u{0640}' => {}
            '\u{064A}' | '\u{0649}' => out.push('\u{06CC}'),
            '\u{0643}' => out.push('\u{06A9}'),
            '\u{0629}' | '\u{06C0}' => out.push('\u{0647}'),
            '\u{0623}' | '\u{0625}' => out.push('\u{0627}'),
            // Arabic script has no case: skip the Unicode case table for it.
            _ if c.is_ascii() || is_arabic_script(c) => out.push(c.to_ascii_lowercase()),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Which conventions digit runs follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Persian source: decimal `٫ . /`, grouping `٬ ,`, `/` dates.
    Fa,
    /// English target: decimal `.`, grouping `,`.
    En,
}

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum TokKind {
    /// A digit run read as one number.
    Num {
        /// Its value.
        value: Dec,
        /// Number of digits when it is a plain integer without separators (years, days).
        plain_digits: Option<usize>,
    },
    /// Three `/`-separated integers (a Persian date like `۱۳۹۸/۰۵/۱۲`).
    Date([u32; 3]),
    /// A word, normalised (see [`normalize_word`]).
    Word(String),
    /// A URL or e-mail address, verbatim.
    Url(String),
    /// Any other single non-space character.
    Sym(char),
}

/// A token with its byte span in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Tok {
    /// What it is.
    pub kind: TokKind,
    /// Byte range in the tokenized text.
    pub span: Range<usize>,
    /// True when real whitespace (not ZWNJ) precedes it.
    pub space_before: bool,
}

impl Tok {
    /// The normalised word, if this is a word.
    pub fn word(&self) -> Option<&str> {
        match &self.kind {
            TokKind::Word(w) => Some(w),
            _ => None,
        }
    }

    /// True if this is the symbol `c`.
    pub fn is_sym(&self, c: char) -> bool {
        self.kind == TokKind::Sym(c)
    }

    /// True when no whitespace separates it from the previous token (ZWNJ does not count).
    pub fn attached(&self) -> bool {
        !self.space_before
    }
}

/// Byte ranges of URLs and e-mail addresses, which no other check should look inside.
pub fn url_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans: Vec<Range<usize>> = Vec::new();
    let starts_with_ci = |rest: &str, prefix: &str| {
        rest.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    for (start, _) in text.match_indices(['h', 'H', 'w', 'W']) {
        if spans.last().is_some_and(|s| start < s.end) {
            continue;
        }
        let at_word_start = text[..start]
            .chars()
            .next_back()
            .is_none_or(|p| !p.is_alphanumeric());
        let rest = &text[start..];
        let is_url = at_word_start
            && (starts_with_ci(rest, "http://")
                || starts_with_ci(rest, "https://")
                || starts_with_ci(rest, "www."));
        if is_url {
            spans.push(start..start + url_len(rest));
        }
    }
    // E-mail: a whitespace-delimited chunk with letters on both sides of one `@`.
    if !text.contains('@') {
        return spans;
    }
    let mut offset = 0;
    for chunk in text.split(char::is_whitespace) {
        let start = offset;
        offset += chunk.len()
            + text[start + chunk.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        let Some(at) = chunk.find('@') else { continue };
        let local_ok = chunk[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        let domain = &chunk[at + 1..];
        if local_ok && domain.contains('.') && !spans.iter().any(|s| s.contains(&start)) {
            let lead = chunk.len()
                - chunk
                    .trim_start_matches(|c: char| !c.is_ascii_alphanumeric())
                    .len();
            spans.push(start + lead..start + lead + url_len(&chunk[lead..]));
        }
    }
    spans.sort_by_key(|s| s.start);
    spans
}

/// Length of a URL starting the text: up to whitespace, without trailing sentence punctuation.
fn url_len(text: &str) -> usize {
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    let url = text[..end].trim_end_matches(|c: char| {
        matches!(
            c,
            '.' | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | ')'
                | ']'
                | '"'
                | '\''
                | '»'
                | '”'
                | '،'
                | '؛'
                | '؟'
        ) || is_arabic_script(c)
    });
    url.len()
}

fn is_decimal_sep(lang: Lang, c: char) -> bool {
    match lang {
        Lang::Fa => matches!(c, '\u{066B}' | '.' | '/'),
        Lang::En => c == '.',
    }
}

fn is_group_sep(lang: Lang, c: char) -> bool {
    match lang {
        // The Arabic comma is a list separator, but a run like ۱۲،۵۰۰ (no space, three digits
        // after) is a thousands separator typed with the wrong key.
        Lang::Fa => matches!(c, '\u{066C}' | ',' | '\u{060C}'),
        Lang::En => c == ',',
    }
}

/// Splits text into words, numbers, URLs and symbols. Whitespace separates tokens; a ZWNJ
/// between Persian letters is part of the word (the word's text drops it: `سه‌شنبه` is
/// `سهشنبه`), elsewhere it is skipped.
pub fn tokenize(text: &str, lang: Lang) -> Vec<Tok> {
    let urls = url_spans(text);
    let mut toks = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut space_before = false;
    let mut i = 0;
    // URLs are sorted and disjoint: one cursor keeps the work linear in the text.
    let mut next_url = 0;
    while let Some(&(start, c)) = chars.get(i) {
        while urls.get(next_url).is_some_and(|u| u.start < start) {
            next_url += 1;
        }
        if let Some(url) = urls.get(next_url).filter(|u| u.start == start) {
            toks.push(Tok {
                kind: TokKind::Url(text[url.clone()].to_owned()),
                span: url.clone(),
                space_before,
            });
            space_before = false;
            while chars.get(i).is_some_and(|&(b, _)| b < url.end) {
                i += 1;
            }
            continue;
        }
        if c.is_whitespace() && c != ZWNJ {
            space_before = true;
            i += 1;
            continue;
        }
        if c == ZWNJ || c == '\u{200D}' || c == '\u{200F}' || c == '\u{200E}' {
            i += 1;
            continue;
        }
        let (kinds, end) = if digit_value(c).is_some() {
            read_number(&chars, i, lang)
        } else if is_arabic_letter(c) || is_latin_letter(c) {
            let arabic = is_arabic_letter(c);
            let mut j = i + 1;
            loop {
                match chars.get(j) {
                    Some(&(_, d)) if arabic && is_arabic_letter(d) => j += 1,
                    Some(&(_, d)) if !arabic && is_latin_letter(d) => j += 1,
                    // ZWNJ joins the parts of one Persian word (سه‌شنبه, بی‌بی‌سی, می‌گوید).
                    Some(&(_, ZWNJ))
                        if arabic
                            && chars.get(j + 1).is_some_and(|&(_, e)| is_arabic_letter(e)) =>
                    {
                        j += 2;
                    }
                    _ => break,
                }
            }
            let mut word = normalize_word(&text[start..byte_at(j)]);
            word.retain(|ch| ch != ZWNJ);
            (vec![(TokKind::Word(word), i, j)], j)
        } else {
            (vec![(TokKind::Sym(c), i, i + 1)], i + 1)
        };
        for (kind, from, to) in kinds {
            toks.push(Tok {
                kind,
                span: byte_at(from)..byte_at(to),
                space_before,
            });
            space_before = false;
        }
        i = end;
    }
    toks
}

/// Reads a digit run starting at char index `i`, with separators only between digits.
/// Returns the tokens it makes (usually one) as (kind, first char, end char) and the end.
fn read_number(
    chars: &[(usize, char)],
    i: usize,
    lang: Lang,
) -> (Vec<(TokKind, usize, usize)>, usize) {
    // groups: (first char index, end char index) of each digit group; seps: separator chars.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut j = i;
    loop {
        let start = j;
        while chars.get(j).is_some_and(|&(_, c)| digit_value(c).is_some()) {
            j += 1;
        }
        groups.push((start, j));
        let sep = chars.get(j).map(|&(_, c)| c);
        let next_is_digit = chars
            .get(j + 1)
            .is_some_and(|&(_, c)| digit_value(c).is_some());
        match sep {
            Some(s) if next_is_digit && (is_decimal_sep(lang, s) || is_group_sep(lang, s)) => {
                seps.push(s);
                j += 1;
            }
            _ => break,
        }
    }
    let digits_of = |(a, b): (usize, usize)| -> Vec<u32> {
        chars[a..b]
            .iter()
            .filter_map(|&(_, c)| digit_value(c))
            .collect()
    };
    let int_of = |g: (usize, usize)| -> Option<i128> {
        digits_of(g).into_iter().try_fold(0i128, |acc, d| {
            acc.checked_mul(10)?.checked_add(i128::from(d))
        })
    };
    let end = j;

    // `۲٬۵۲`: an Arabic thousands separator not followed by three digits is a decimal separator
    // typed with the wrong key.
    if lang == Lang::Fa && seps == ['\u{066C}'] && groups.get(1).is_some_and(|&(a, b)| b - a != 3) {
        seps[0] = '\u{066B}';
    }

    // Persian dates: exactly three groups joined by '/'.
    if lang == Lang::Fa && seps.len() == 2 && seps.iter().all(|&s| s == '/') {
        let parts: Option<Vec<u32>> = groups
            .iter()
            .map(|&g| int_of(g).and_then(|v| u32::try_from(v).ok()))
            .collect();
        if let Some([a, b, c]) = parts
            .as_deref()
            .map(<[u32]>::to_vec)
            .and_then(|v| <[u32; 3]>::try_from(v).ok())
        {
            return (vec![(TokKind::Date([a, b, c]), i, end)], end);
        }
    }

    // One number: grouping separators, each followed by exactly three digits, then at most one
    // decimal separator, last.
    let decimal_count = seps.iter().filter(|&&s| !is_group_sep(lang, s)).count();
    let decimal_last = seps.last().is_some_and(|&s| !is_group_sep(lang, s));
    let grouping_ok = seps.iter().enumerate().all(|(k, &s)| {
        !is_group_sep(lang, s) || groups.get(k + 1).is_some_and(|&(a, b)| b - a == 3)
    }) && (seps.first().is_none_or(|&s| !is_group_sep(lang, s))
        || groups[0].1 - groups[0].0 <= 3);
    if grouping_ok && (decimal_count == 0 || (decimal_count == 1 && decimal_last)) {
        let mut mantissa: Option<i128> = Some(0);
        let mut scale = 0u32;
        for (k, &g) in groups.iter().enumerate() {
            let is_fraction = decimal_count == 1 && k == groups.len() - 1;
            for d in digits_of(g) {
                mantissa = mantissa.and_then(|m| m.checked_mul(10)?.checked_add(i128::from(d)));
                if is_fraction {
                    scale += 1;
                }
            }
        }
        if let Some(m) = mantissa {
            let plain_digits = seps.is_empty().then_some(groups[0].1 - groups[0].0);
            return (
                vec![(
                    TokKind::Num {
                        value: Dec::new(m, scale),
                        plain_digits,
                    },
                    i,
                    end,
                )],
                end,
            );
        }
        return (Vec::new(), end);
    }

    // Anything else ("1.2.3", "1,2"): each group is its own integer, the conservative reading.
    let toks = groups
        .iter()
        .filter_map(|&g| {
            let value = Dec::int(int_of(g)?);
            Some((
                TokKind::Num {
                    value,
                    plain_digits: Some(g.1 - g.0),
                },
                g.0,
                g.1,
            ))
        })
        .collect();
    (toks, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(text: &str, lang: Lang) -> Vec<String> {
        tokenize(text, lang)
            .into_iter()
            .filter_map(|t| match t.kind {
                TokKind::Num { value, .. } => Some(value.to_string()),
                TokKind::Date(d) => Some(format!("{}/{}/{}", d[0], d[1], d[2])),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn digit_runs_in_three_scripts() {
        assert_eq!(nums("۷۰۰ و ٧٠ و 7", Lang::Fa), ["700", "70", "7"]);
        assert_eq!(
            nums("۳۲٫۵ و ۳/۵ و ۴۰۰٬۰۰۰", Lang::Fa),
            ["32.5", "3.5", "400000"]
        );
        assert_eq!(nums("۱۳۹۸/۰۵/۱۲", Lang::Fa), ["1398/5/12"]);
        assert_eq!(nums("۲٬۵۲ و ۲٬۵۰۰", Lang::Fa), ["2.52", "2500"]);
        assert_eq!(
            nums("In 2019, 1,200.5 and 1,2.", Lang::En),
            ["2019", "1200.5", "1", "2"]
        );
        assert_eq!(nums("2019/20", Lang::En), ["2019", "20"]);
    }

    #[test]
    fn spans_point_at_the_original_text() {
        let text = "از ۴۰۰ هزار";
        let toks = tokenize(text, Lang::Fa);
        assert_eq!(&text[toks[1].span.clone()], "۴۰۰");
        assert_eq!(toks[2].word(), Some("هزار"));
        assert!(toks[2].space_before);
    }

    #[test]
    fn zwnj_is_inside_a_word_and_words_are_normalised() {
        let toks = tokenize(
            "سی\u{200C}ام كشور بی\u{200C}بی\u{200C}سی ۱۲۵\u{200C}ام",
            Lang::Fa,
        );
        assert_eq!(toks[0].word(), Some("سیام"));
        assert_eq!(toks[1].word(), Some("کشور"));
        assert_eq!(toks[2].word(), Some("بیبیسی"));
        // After digits the ZWNJ only glues the suffix on.
        assert_eq!(toks[4].word(), Some("ام"));
        assert!(!toks[4].space_before);
    }

    #[test]
    fn urls_and_emails_are_single_tokens() {
        let text = "see https://example.com/a/123. or mail news@irna.ir now";
        let urls: Vec<_> = tokenize(text, Lang::En)
            .into_iter()
            .filter_map(|t| match t.kind {
                TokKind::Url(u) => Some(u),
                _ => None,
            })
            .collect();
        assert_eq!(urls, ["https://example.com/a/123", "news@irna.ir"]);
    }
}
