//! Which words of an English text are spell-checked.
//!
//! Only words in Latin script are checked. Skipped: numbers and words with digits (`20th`,
//! `F-35`), URLs and e-mail addresses, dotted abbreviations and domains (`U.S.`, `irna.ir`),
//! all-caps acronyms and their plurals or possessives (`IRNA`, `MPs`, `IMF's`), single letters,
//! and anything in another script (Persian left in the English is a QA error of its own).
//! Hyphenated compounds are checked part by part (`well-known`); curly apostrophes count as
//! straight ones, quotes around a word are not part of it, and a possessive `'s` or plural
//! possessive `s'` is kept in the word's range (replacing `Ashtary's` replaces all of it).

use std::ops::Range;

use unicode_script::{Script, UnicodeScript as _};

/// A word to check: its byte range in the text and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// The word as written (curly apostrophes kept).
    pub text: &'a str,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

/// Characters inside a word: letters, digits, marks and apostrophes. Hyphens, slashes, dots
/// and everything else end it.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || is_apostrophe(c) || unicode_general_mark(c)
}

/// Combining marks (a decomposed `é`) belong to the word they follow.
fn unicode_general_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// A whitespace-separated chunk that is a URL, an e-mail address, a domain or a dotted
/// abbreviation: none of its words are checked.
fn skip_chunk(chunk: &str) -> bool {
    if chunk.contains("://") || chunk.contains('@') {
        return true;
    }
    let lower = chunk.trim_start_matches(|c: char| !c.is_alphanumeric());
    if lower
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("www."))
    {
        return true;
    }
    // A dot followed by a letter or digit inside the chunk: irna.ir, U.S., e.g., 3.5.
    let chars: Vec<char> = chunk.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0].is_alphanumeric() && w[1] == '.' && w[2].is_alphanumeric())
}

/// The word without a possessive ending (`'s`, `’s`, or the apostrophe of `players'`).
pub fn strip_possessive(word: &str) -> &str {
    let mut chars = word.char_indices().rev();
    match (chars.next(), chars.next()) {
        (Some((_, 's' | 'S')), Some((i, a))) if is_apostrophe(a) => &word[..i],
        (Some((i, a)), _) if is_apostrophe(a) => &word[..i],
        _ => word,
    }
}

/// An acronym: two or more capitals, optionally with a plural `s` or a possessive
/// (`IRNA`, `MPs`, `IMF's`).
fn is_acronym(word: &str) -> bool {
    let stem = strip_possessive(word);
    let stem = stem
        .strip_suffix('s')
        .filter(|s| s.len() >= 2)
        .unwrap_or(stem);
    stem.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && stem.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// True for a word that is checked: Latin letters only, two or more, no digit, not an acronym.
fn checkable(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_ascii_digit() || c.is_numeric() {
            return false;
        }
        if c.is_alphabetic() {
            if c.script() != Script::Latin {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2 && !is_acronym(word)
}

/// Every word-like run of `text` with its byte range (quotes trimmed, chunks that are URLs or
/// e-mail addresses left out), whether checkable or not.
fn runs(text: &str) -> impl Iterator<Item = Word<'_>> {
    let mut out = Vec::new();
    let mut chunk_start = None;
    // Walk whitespace-separated chunks, then word runs inside each.
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), chunk_start) {
            (false, None) => chunk_start = Some(i),
            (true, Some(s)) => {
                chunk_words(text, s, i, &mut out);
                chunk_start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = chunk_start {
        chunk_words(text, s, text.len(), &mut out);
    }
    out.into_iter()
}

/// The word runs of the chunk `text[start..end]`, pushed to `out`.
fn chunk_words<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Word<'a>>) {
    let chunk = &text[start..end];
    if skip_chunk(chunk) {
        return;
    }
    let mut word_start = None;
    for (i, c) in chunk
        .char_indices()
        .chain(std::iter::once((chunk.len(), ' ')))
    {
        match (in_word(c), word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(s)) => {
                word_start = None;
                let raw = &chunk[s..i];
                // Quotes around the word: 'word' or ‘word’, but keep a possessive s'.
                let lead = raw.len() - raw.trim_start_matches(is_apostrophe).len();
                let mut body = &raw[lead..];
                let possessive_plural = body
                    .strip_suffix(is_apostrophe)
                    .is_some_and(|b| b.ends_with(['s', 'S']) && lead == 0);
                if !possessive_plural {
                    body = body.trim_end_matches(is_apostrophe);
                }
                if !body.is_empty() {
                    let from = start + s + lead;
                    out.push(Word {
                        range: from..from + body.len(),
                        text: &text[from..from + body.len()],
                    });
                }
            }
            _ => {}
        }
    }
}

/// The words of `text` that the spell checker looks at, in order.
pub fn words(text: &str) -> Vec<Word<'_>> {
    runs(text).filter(|w| checkable(w.text)).collect()
}

/// Every Latin-script word of `text`, acronyms included, lowercased and without a possessive:
/// what a Persian source contributes to the known words (`IRNA`, `Reuters`).
pub fn latin_words(text: &str) -> Vec<String> {
    runs(text)
        .filter(|w| {
            w.text
                .chars()
                .any(|c| c.is_alphabetic() && c.script() == Script::Latin)
        })
        .map(|w| normalise(strip_possessive(w.text)).to_lowercase())
        .collect()
}

/// Curly apostrophes as straight ones (the dictionaries use `'`).
pub fn normalise(word: &str) -> std::borrow::Cow<'_, str> {
    if word.contains(|c: char| is_apostrophe(c) && c != '\'') {
        std::borrow::Cow::Owned(
            word.chars()
                .map(|c| if is_apostrophe(c) { '\'' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn plain_words_are_checked_with_their_ranges() {
        let text = "The ministr said, “no.”";
        let ws = words(text);
        let got: Vec<(&str, &str)> = ws
            .iter()
            .map(|w| (w.text, &text[w.range.clone()]))
            .collect();
        assert_eq!(
            got,
            [
                ("The", "The"),
                ("ministr", "ministr"),
                ("said", "said"),
                ("no", "no")
            ]
        );
    }

    #[test]
    fn numbers_urls_emails_acronyms_and_persian_are_not_checked() {
        assert_eq!(
            checked(
                "IRNA and the IMF said 20th F-35 COVID-19 3.5 U.S. a.m. www.irna.ir \
                 https://example.com/x news@irna.ir MPs IMF's تهران"
            ),
            ["and", "the", "said"]
        );
        assert_eq!(
            checked("x y I"),
            Vec::<&str>::new(),
            "single letters are not words"
        );
        assert_eq!(
            checked("Привет Tehran"),
            ["Tehran"],
            "other scripts are skipped"
        );
    }

    #[test]
    fn apostrophes_possessives_compounds_and_quotes() {
        assert_eq!(
            checked("Sainsbury's players' ‘quoted’ 'single' don’t well-known and/or"),
            [
                "Sainsbury's",
                "players'",
                "quoted",
                "single",
                "don’t",
                "well",
                "known",
                "and",
                "or"
            ]
        );
        assert_eq!(strip_possessive("Sainsbury's"), "Sainsbury");
        assert_eq!(strip_possessive("Ashtari’s"), "Ashtari");
        assert_eq!(strip_possessive("players'"), "players");
        assert_eq!(normalise("don’t"), "don't");
    }

    #[test]
    fn latin_words_of_a_persian_source() {
        assert_eq!(
            latin_words("به گزارش IRNA و Reuters's، صندوق IMF گفت ۲۰"),
            ["irna", "reuters", "imf"]
        );
    }
}
