//! Words, numbers and punctuation of a sentence, each with a search key (the text folded as
//! [`crate::search::normalize`] folds it) and its byte range in the sentence.

use std::ops::Range;

/// What a token is; numbers and punctuation weigh less in the score than words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A word (letters, marks, ZWNJ inside).
    Word,
    /// A number (digits of any script, with the separators between them).
    Number,
    /// One punctuation mark or symbol.
    Punct,
}

impl Kind {
    /// The weight of a token of this kind in the edit distance (a word is 4).
    pub fn weight(self) -> u32 {
        match self {
            Kind::Word => 4,
            Kind::Number => 2,
            Kind::Punct => 1,
        }
    }
}

/// One token of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Word, number or punctuation.
    pub kind: Kind,
    /// The search key: spelling variants, ZWNJ, diacritics and digit scripts folded.
    pub key: String,
    /// Where it stands in the sentence (bytes).
    pub range: Range<usize>,
}

/// Persian verbal prefixes that are written apart, with ZWNJ or joined ("می شود", "می‌شود",
/// "میشود"): a token of its own joins the word after it.
const PREFIXES: [&str; 2] = ["می", "نمی"];
/// Suffixes written apart or joined ("کتاب ها", "کتاب‌ها"): a token of its own joins the word
/// before it.
const SUFFIXES: [&str; 5] = ["ها", "های", "هایی", "تر", "ترین"];

fn class(c: char) -> Option<Kind> {
    if c.is_whitespace() {
        None
    } else if c.is_numeric() {
        Some(Kind::Number)
    } else if c.is_alphabetic()
        || matches!(
            c,
            '\u{200C}' | '\u{200D}' | '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
        )
        || unicode_script_mark(c)
    {
        Some(Kind::Word)
    } else {
        Some(Kind::Punct)
    }
}

/// Combining marks count as part of the word they sit on.
fn unicode_script_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{06D6}'..='\u{06ED}')
}

/// Separators that stay inside a number when a digit follows them ("1,200", "۳٫۵", "12/3").
fn number_joiner(c: char) -> bool {
    matches!(c, ',' | '.' | '/' | '\u{066B}' | '\u{066C}' | '\u{060C}')
}

/// The key of a number: digits of any script as ASCII, Persian decimal and thousands
/// separators as `.` and `,`.
fn number_key(text: &str) -> String {
    crate::search::normalize(text)
        .chars()
        .map(|c| match c {
            '\u{066B}' => '.',
            '\u{066C}' | '\u{060C}' => ',',
            c => c,
        })
        .collect()
}

/// The tokens of `text`, left to right.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut raw: Vec<(Kind, Range<usize>)> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let Some(kind) = class(c) else { continue };
        let mut end = i + c.len_utf8();
        match kind {
            Kind::Punct => {}
            Kind::Word => {
                while let Some(&(j, d)) = chars.peek() {
                    if class(d) != Some(Kind::Word) {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
            }
            Kind::Number => {
                while let Some(&(j, d)) = chars.peek() {
                    // A separator belongs to the number only with a digit right after it.
                    let joins = class(d) == Some(Kind::Number)
                        || (number_joiner(d)
                            && text
                                .get(j + d.len_utf8()..)
                                .and_then(|rest| rest.chars().next())
                                .is_some_and(char::is_numeric));
                    if !joins {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
            }
        }
        raw.push((kind, i..end));
    }
    let mut out: Vec<Token> = Vec::with_capacity(raw.len());
    let mut join_next = false;
    for (kind, range) in raw {
        let piece = text.get(range.clone()).unwrap_or_default();
        let key = match kind {
            Kind::Number => number_key(piece),
            _ => crate::search::normalize(piece),
        };
        if key.is_empty() {
            continue;
        }
        if kind == Kind::Word {
            let last_is_word = out.last().is_some_and(|t| t.kind == Kind::Word);
            if join_next && last_is_word {
                if let Some(last) = out.last_mut() {
                    last.key.push_str(&key);
                    last.range.end = range.end;
                }
                join_next = false;
                continue;
            }
            if last_is_word && SUFFIXES.contains(&key.as_str()) {
                if let Some(last) = out.last_mut() {
                    last.key.push_str(&key);
                    last.range.end = range.end;
                }
                continue;
            }
            join_next = PREFIXES.contains(&key.as_str());
        } else {
            join_next = false;
        }
        out.push(Token { kind, key, range });
    }
    out
}

/// Total weight of a token sequence.
pub fn weight(kinds: impl IntoIterator<Item = Kind>) -> u32 {
    kinds.into_iter().map(Kind::weight).sum()
}
