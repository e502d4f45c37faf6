//! Character classes, normalisation and a small tokenizer shared by the checks.
//!
//! The tokenizer keeps byte spans into the original text so findings can point at it.

use std::borrow::Cow;
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

/// True if [`normalize_word`] changes `c` (or the tokenizer drops it from a word, as ZWNJ).
fn changes_when_normalised(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    if is_arabic_script(c) {
        return is_arabic_mark(c)
            || matches!(
                c,
                '\u{0640}'
                    | '\u{064A}'
                    | '\u{0649}'
                    | '\u{0643}'
                    | '\u{0629}'
                    | '\u{06C0}'
                    | '\u{0623}'
                    | '\u{0625}'
            );
    }
    // ZWNJ, and any other script: let the full normalisation decide.
    true
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
pub enum TokKind<'a> {
    /// A digit run read as one number.
    Num {
        /// Its value.
        value: Dec,
        /// Number of digits when it is a plain integer without separators (years, days).
        plain_digits: Option<usize>,
    },
    /// Three `/`-separated integers (a Persian date like `۱۳۹۸/۰۵/۱۲`).
    Date([u32; 3]),
    /// A word, normalised (see [`normalize_word`]); borrowed from the text when normalising
    /// changes nothing, which is most words.
    Word(Cow<'a, str>),
    /// A URL or e-mail address, verbatim.
    Url(&'a str),
    /// Any other single non-space character.
    Sym(char),
}

/// A token with its byte span in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Tok<'a> {
    /// What it is.
    pub kind: TokKind<'a>,
    /// Byte range in the tokenized text.
    pub span: Range<usize>,
    /// True when real whitespace (not ZWNJ) precedes it.
    pub space_before: bool,
}

impl Tok<'_> {
    /// The normalised word, if this is a word.
    pub fn word(&self) -> Option<&str> {
        match &self.kind {
            TokKind::Word(w) => Some(w),
            _ => None,
        }
    }

    /// True if this is the symbol `c`.
    pub fn is_sym(&self, c: char) -> bool {
        matches!(self.kind, TokKind::Sym(d) if d == c)
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
    // Most sentences have no URL: look for its marks before looking at every h and w.
    let may_have_url = text.contains("://")
        || text
            .match_indices('.')
            .any(|(i, _)| i >= 3 && text.as_bytes()[i - 3..i].eq_ignore_ascii_case(b"www"));
    let candidates = if may_have_url { text } else { "" };
    for (start, _) in candidates.match_indices(['h', 'H', 'w', 'W']) {
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

/// The character starting at byte `at`, if any.
#[inline]
pub(crate) fn char_at(text: &str, at: usize) -> Option<char> {
    let bytes = text.as_bytes();
    let b0 = *bytes.get(at)?;
    // ASCII and two-byte sequences (all of Persian) decoded directly: the tokenizer's inner loop.
    if b0 < 0x80 {
        return Some(char::from(b0));
    }
    if (0xC2..0xE0).contains(&b0)
        && let Some(&b1) = bytes.get(at + 1)
    {
        return char::from_u32(((u32::from(b0) & 0x1F) << 6) | (u32::from(b1) & 0x3F));
    }
    text.get(at..)?.chars().next()
}

/// Splits text into words, numbers, URLs and symbols. Whitespace separates tokens; a ZWNJ
/// between Persian letters is part of the word (the word's text drops it: `سه‌شنبه` is
/// `سهشنبه`), elsewhere it is skipped.
pub fn tokenize(text: &str, lang: Lang) -> Vec<Tok<'_>> {
    tokenize_with_urls(text, lang, &url_spans(text))
}

/// [`tokenize`] with the text's [`url_spans`] already known (the checks share them).
pub fn tokenize_with_urls<'a>(text: &'a str, lang: Lang, urls: &[Range<usize>]) -> Vec<Tok<'a>> {
    // About one token per five bytes of news text in either language.
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    let mut space_before = false;
    let mut pos = 0;
    // URLs are sorted and disjoint: one cursor keeps the work linear in the text.
    let mut next_url = 0;
    while let Some(c) = char_at(text, pos) {
        while urls.get(next_url).is_some_and(|u| u.start < pos) {
            next_url += 1;
        }
        if let Some(url) = urls.get(next_url).filter(|u| u.start == pos) {
            toks.push(Tok {
                kind: TokKind::Url(&text[url.clone()]),
                span: url.clone(),
                space_before,
            });
            space_before = false;
            pos = url.end;
            continue;
        }
        if c.is_whitespace() && c != ZWNJ {
            space_before = true;
            pos += c.len_utf8();
            continue;
        }
        if matches!(c, ZWNJ | '\u{200D}' | '\u{200F}' | '\u{200E}') {
            pos += c.len_utf8();
            continue;
        }
        if digit_value(c).is_some() {
            pos = read_number(text, pos, lang, space_before, &mut toks);
            space_before = false;
            continue;
        }
        let end = if is_arabic_letter(c) || is_latin_letter(c) {
            let arabic = is_arabic_letter(c);
            let mut plain = !changes_when_normalised(c);
            let mut j = pos + c.len_utf8();
            while let Some(d) = char_at(text, j) {
                if (arabic && is_arabic_letter(d)) || (!arabic && is_latin_letter(d)) {
                    plain &= !changes_when_normalised(d);
                    j += d.len_utf8();
                } else if arabic
                    && d == ZWNJ
                    && char_at(text, j + d.len_utf8()).is_some_and(is_arabic_letter)
                {
                    // ZWNJ joins the parts of one Persian word (سه‌شنبه, بی‌بی‌سی, می‌گوید).
                    plain = false;
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            let raw = &text[pos..j];
            let word = if plain {
                Cow::Borrowed(raw)
            } else {
                let mut w = normalize_word(raw);
                w.retain(|ch| ch != ZWNJ);
                Cow::Owned(w)
            };
            toks.push(Tok {
                kind: TokKind::Word(word),
                span: pos..j,
                space_before,
            });
            j
        } else {
            let end = pos + c.len_utf8();
            toks.push(Tok {
                kind: TokKind::Sym(c),
                span: pos..end,
                space_before,
            });
            end
        };
        space_before = false;
        pos = end;
    }
    toks
}

/// A run of digits: byte range and number of digits.
#[derive(Clone, Copy)]
struct Group {
    start: usize,
    end: usize,
    digits: usize,
}

impl Group {
    fn digit_values(self, text: &str) -> impl Iterator<Item = u32> + '_ {
        text[self.start..self.end].chars().filter_map(digit_value)
    }

    fn int(self, text: &str) -> Option<i128> {
        self.digit_values(text).try_fold(0i128, |acc, d| {
            acc.checked_mul(10)?.checked_add(i128::from(d))
        })
    }
}

/// Reads the digits from byte `at` on.
fn read_group(text: &str, at: usize) -> Group {
    let mut end = at;
    let mut digits = 0;
    while let Some(c) = char_at(text, end).filter(|&c| digit_value(c).is_some()) {
        end += c.len_utf8();
        digits += 1;
    }
    Group {
        start: at,
        end,
        digits,
    }
}

/// The separator at byte `at` if a digit follows it and it may join digit groups.
fn separator_at(text: &str, at: usize, lang: Lang) -> Option<char> {
    let s = char_at(text, at)?;
    let joins = (is_decimal_sep(lang, s) || is_group_sep(lang, s))
        && char_at(text, at + s.len_utf8()).is_some_and(|c| digit_value(c).is_some());
    joins.then_some(s)
}

/// Reads a digit run starting at byte `start`, with separators only between digits; pushes the
/// tokens it makes (usually one) and returns the byte after it.
fn read_number<'a>(
    text: &'a str,
    start: usize,
    lang: Lang,
    space_before: bool,
    toks: &mut Vec<Tok<'a>>,
) -> usize {
    let first = read_group(text, start);
    let mut push = |kind: TokKind<'a>, span: Range<usize>, space_before: bool| {
        toks.push(Tok {
            kind,
            span,
            space_before,
        });
    };
    // Most numbers are one plain run of digits.
    if separator_at(text, first.end, lang).is_none() {
        let kind = match first.int(text) {
            Some(m) => TokKind::Num {
                value: Dec::int(m),
                plain_digits: Some(first.digits),
            },
            // Too long for any exact type: not a quantity.
            None => return first.end,
        };
        push(kind, start..first.end, space_before);
        return first.end;
    }
    let mut groups = vec![first];
    let mut seps: Vec<char> = Vec::new();
    let mut j = first.end;
    while let Some(s) = separator_at(text, j, lang) {
        seps.push(s);
        let g = read_group(text, j + s.len_utf8());
        groups.push(g);
        j = g.end;
    }
    let end = j;

    // `۲٬۵۲`: an Arabic thousands separator not followed by three digits is a decimal separator
    // typed with the wrong key.
    if lang == Lang::Fa && seps == ['\u{066C}'] && groups.get(1).is_some_and(|g| g.digits != 3) {
        seps[0] = '\u{066B}';
    }

    // Persian dates: exactly three groups joined by '/'.
    if lang == Lang::Fa && seps.len() == 2 && seps.iter().all(|&s| s == '/') {
        let part = |g: Group| g.int(text).and_then(|v| u32::try_from(v).ok());
        if let (Some(a), Some(b), Some(c)) = (part(groups[0]), part(groups[1]), part(groups[2])) {
            push(TokKind::Date([a, b, c]), start..end, space_before);
            return end;
        }
    }

    // One number: grouping separators, each followed by exactly three digits, then at most one
    // decimal separator, last.
    let decimal_count = seps.iter().filter(|&&s| !is_group_sep(lang, s)).count();
    let decimal_last = seps.last().is_some_and(|&s| !is_group_sep(lang, s));
    let grouping_ok =
        seps.iter().enumerate().all(|(k, &s)| {
            !is_group_sep(lang, s) || groups.get(k + 1).is_some_and(|g| g.digits == 3)
        }) && (seps.first().is_none_or(|&s| !is_group_sep(lang, s)) || groups[0].digits <= 3);
    if grouping_ok && (decimal_count == 0 || (decimal_count == 1 && decimal_last)) {
        let mut mantissa: Option<i128> = Some(0);
        let mut scale = 0u32;
        for (k, &g) in groups.iter().enumerate() {
            let is_fraction = decimal_count == 1 && k == groups.len() - 1;
            for d in g.digit_values(text) {
                mantissa = mantissa.and_then(|m| m.checked_mul(10)?.checked_add(i128::from(d)));
                if is_fraction {
                    scale += 1;
                }
            }
        }
        if let Some(m) = mantissa {
            let kind = TokKind::Num {
                value: Dec::new(m, scale),
                plain_digits: None,
            };
            push(kind, start..end, space_before);
        }
        return end;
    }

    // Anything else ("1.2.3", "1,2"): each group is its own integer, the conservative reading.
    let mut space = space_before;
    for g in groups {
        if let Some(v) = g.int(text) {
            let kind = TokKind::Num {
                value: Dec::int(v),
                plain_digits: Some(g.digits),
            };
            push(kind, g.start..g.end, space);
            space = false;
        }
    }
    end
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

    proptest::proptest! {
        /// The fast decoder agrees with the standard one, and every token span lies on char
        /// boundaries, for any mix of Persian, Latin, digits, marks and joiners.
        #[test]
        fn char_at_and_spans_agree_with_std(text in "[\u{0600}-\u{06FF}a-zA-Z0-9 .,/«»“”()\u{200C}\u{00E9}\u{4E00}\u{1F600}]{0,40}") {
            for (at, c) in text.char_indices() {
                proptest::prop_assert_eq!(char_at(&text, at), Some(c));
            }
            proptest::prop_assert_eq!(char_at(&text, text.len()), None);
            for lang in [Lang::Fa, Lang::En] {
                for tok in tokenize(&text, lang) {
                    proptest::prop_assert!(text.get(tok.span.clone()).is_some(), "{:?}", tok);
                }
            }
        }
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
