//! Finding glossary terms in Persian as it is written.
//!
//! Both the term and the sentence are read through the search normalisation
//! ([`crate::search::fold_char`]: ی/ي/ى, ک/ك, diacritics, kashida, Persian and Arabic digits,
//! ZWNJ ignored) and cut into words at spaces and punctuation (a ZWNJ joins, it does not cut).
//! A term matches where
//!
//! - it starts at the start of a word;
//! - where the term has a word break (a space or a ZWNJ), the text may have a space, a ZWNJ or
//!   nothing (`سپاه پاسداران`, `سپاه‌پاسداران`); where the term has none, the text must have
//!   none either (so `ناجا` does not match the two words `نا جا`);
//! - it ends at the end of a word, or what follows up to the end of the word is an inflection
//!   ([`suffix_allowed`]): the plural ـها/ـهای/ـهایی, the ezafe (ـی after a vowel, ـِ being a
//!   diacritic that is ignored anyway), attached pronouns (ـم ـت ـش ـمان ـتان ـشان and their
//!   forms after vowels), را, and for adjectives ـتر/ـترین. Anything else means another word:
//!   `ناجا` never matches inside `ناجایز`.
//!
//! A plural or comparative written as a word of its own (`کتاب ها`) is part of the match.
//! Where several terms start at one word the longest wins; matches never overlap.
//!
//! Terms are indexed by their first three normalised characters, so the work per word of the
//! text is a few hash look-ups whatever the size of the glossary.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use super::{PartOfSpeech, Term, TermRef};
use crate::search::fold_char;

/// A term found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermMatch {
    /// Bytes of the text it covers: the term with its inflection.
    pub range: Range<usize>,
    /// Which term.
    pub term: TermRef,
}

impl TermMatch {
    /// The matched text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.range.clone()).unwrap_or_default()
    }
}

/// Whether `c` belongs to a word: letters, digits, marks, ZWNJ/ZWJ and kashida.
fn in_word(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(
            c,
            '\u{200C}' | '\u{200D}' | '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
        )
        || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// One normalised character of a text, with its word and the bytes it came from.
#[derive(Clone, Copy, Debug)]
struct Folded {
    c: char,
    word: u32,
    start: u32,
    end: u32,
}

/// A word of the text: where its characters start in the folded stream, and whether only
/// white space separates it from the word before.
#[derive(Clone, Copy, Debug)]
struct Word {
    first: u32,
    after_space: bool,
    /// Byte end of the word in the text, ignorable characters (a final diacritic) included.
    end: u32,
}

/// The text folded: its characters and words.
struct FoldedText {
    chars: Vec<Folded>,
    words: Vec<Word>,
}

impl FoldedText {
    fn new(text: &str) -> FoldedText {
        let mut chars = Vec::with_capacity(text.len() / 2);
        let mut words: Vec<Word> = Vec::new();
        // Inside a run of word characters; whether that run has a word yet (a run of only
        // ignorable characters makes none).
        let mut in_run = false;
        let mut run_has_word = false;
        let mut gap_is_space = true;
        for (i, c) in text.char_indices() {
            if !in_word(c) {
                in_run = false;
                if !c.is_whitespace() {
                    gap_is_space = false;
                }
                continue;
            }
            if !in_run {
                in_run = true;
                run_has_word = false;
            }
            let char_end = (i + c.len_utf8()) as u32;
            if run_has_word && let Some(w) = words.last_mut() {
                w.end = char_end;
            }
            let Some(f) = fold_char(c) else { continue };
            if !run_has_word {
                run_has_word = true;
                words.push(Word {
                    first: chars.len() as u32,
                    after_space: gap_is_space && !words.is_empty(),
                    end: char_end,
                });
                gap_is_space = true;
            }
            let word = (words.len() - 1) as u32;
            let (start, end) = (i as u32, char_end);
            for l in f.to_lowercase() {
                chars.push(Folded {
                    c: l,
                    word,
                    start,
                    end,
                });
            }
        }
        FoldedText { chars, words }
    }

    /// The end (exclusive, in `chars`) of word `w`.
    fn word_end(&self, w: usize) -> usize {
        self.words
            .get(w + 1)
            .map_or(self.chars.len(), |n| n.first as usize)
    }
}

/// A term prepared for matching.
#[derive(Clone, Debug)]
struct Compiled {
    key: Box<[char]>,
    /// Positions in `key` where the term has a word break before the character.
    breaks: Box<[u16]>,
    adjective: bool,
    term: TermRef,
}

/// The normalised characters of a term and where it breaks (a space, punctuation or ZWNJ
/// before a character).
fn compile(text: &str) -> (Vec<char>, Vec<u16>) {
    let mut key = Vec::new();
    let mut breaks = Vec::new();
    let mut pending_break = false;
    for c in text.chars() {
        if c == '\u{200C}' || !in_word(c) {
            pending_break = true;
            continue;
        }
        let Some(f) = fold_char(c) else { continue };
        if pending_break && !key.is_empty() {
            breaks.push(u16::try_from(key.len()).unwrap_or(u16::MAX));
        }
        pending_break = false;
        key.extend(f.to_lowercase());
    }
    (key, breaks)
}

/// How many leading characters index a term.
const PREFIX: usize = 3;

type Prefix = [char; PREFIX];

fn prefix_of(chars: impl Iterator<Item = char>) -> Prefix {
    let mut p = ['\0'; PREFIX];
    for (slot, c) in p.iter_mut().zip(chars) {
        *slot = c;
    }
    p
}

/// An index of terms for finding them in Persian text.
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    terms: Vec<Compiled>,
    /// Term indices by the first (up to) [`PREFIX`] characters of their key, longest key first.
    by_prefix: HashMap<Prefix, Vec<u32>>,
}

impl Matcher {
    /// Index `terms`; of terms with the same normalised Persian only the first is kept, and
    /// terms with an empty Persian or English side are left out.
    pub fn new<'a>(terms: impl IntoIterator<Item = (TermRef, &'a Term)>) -> Matcher {
        let mut seen: HashSet<Box<[char]>> = HashSet::new();
        let mut compiled = Vec::new();
        for (r, term) in terms {
            if term.english.trim().is_empty() {
                continue;
            }
            let (key, breaks) = compile(&term.source);
            if key.is_empty() || !seen.insert(key.clone().into_boxed_slice()) {
                continue;
            }
            compiled.push(Compiled {
                key: key.into_boxed_slice(),
                breaks: breaks.into_boxed_slice(),
                adjective: term.pos == PartOfSpeech::Adjective,
                term: r,
            });
        }
        let mut by_prefix: HashMap<Prefix, Vec<u32>> = HashMap::new();
        for (i, t) in compiled.iter().enumerate() {
            by_prefix
                .entry(prefix_of(t.key.iter().copied()))
                .or_default()
                .push(i as u32);
        }
        for list in by_prefix.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(compiled[i as usize].key.len()));
        }
        Matcher {
            terms: compiled,
            by_prefix,
        }
    }

    /// Whether no term is indexed.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// How many terms are indexed.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// The terms of `text`, left to right, not overlapping.
    pub fn find(&self, text: &str) -> Vec<TermMatch> {
        let mut out = Vec::new();
        if self.terms.is_empty() {
            return out;
        }
        let folded = FoldedText::new(text);
        let mut candidates: Vec<u32> = Vec::new();
        let mut w = 0;
        while w < folded.words.len() {
            let first = folded.words[w].first as usize;
            let head: Vec<char> = folded
                .chars
                .get(first..(first + PREFIX).min(folded.chars.len()))
                .unwrap_or_default()
                .iter()
                .map(|f| f.c)
                .collect();
            candidates.clear();
            for n in 1..=head.len() {
                if let Some(list) = self.by_prefix.get(&prefix_of(head[..n].iter().copied())) {
                    candidates.extend(list);
                }
            }
            candidates.sort_by_key(|&i| std::cmp::Reverse(self.terms[i as usize].key.len()));
            let found = candidates.iter().find_map(|&i| {
                let t = &self.terms[i as usize];
                matched_end(&folded, first, t).map(|(end, last_word)| (t.term, end, last_word))
            });
            match found {
                Some((term, end, last_word)) => {
                    let start = folded.chars[first].start as usize;
                    out.push(TermMatch {
                        range: start..end,
                        term,
                    });
                    w = last_word + 1;
                }
                None => w += 1,
            }
        }
        out
    }
}

/// If term `t` matches the text from folded character `first` (a word start): the byte end
/// of the match and the index of its last word.
fn matched_end(text: &FoldedText, first: usize, t: &Compiled) -> Option<(usize, usize)> {
    let chars = &text.chars;
    let key = &t.key;
    let span = chars.get(first..first + key.len())?;
    for (j, (f, k)) in span.iter().zip(key.iter()).enumerate() {
        if f.c != *k {
            return None;
        }
        if j > 0 && f.word != span[j - 1].word {
            // Crossing into the next word: only where the term breaks, and only over space.
            let crossed = text.words.get(f.word as usize)?;
            if !crossed.after_space || !t.breaks.contains(&(j as u16)) {
                return None;
            }
        }
    }
    let last = span.last()?;
    let mut word = last.word as usize;
    let stem_end = first + key.len();
    let word_end = text.word_end(word);
    let stem_last = *key.last()?;
    if stem_end < word_end {
        let rest: String = chars[stem_end..word_end].iter().map(|f| f.c).collect();
        if !suffix_allowed(stem_last, &rest, t.adjective) {
            return None;
        }
    } else if let Some(next) = text.words.get(word + 1)
        && next.after_space
    {
        // A plural or comparative written as a word of its own belongs to the match.
        let next_end = text.word_end(word + 1);
        let rest: String = chars[next.first as usize..next_end]
            .iter()
            .map(|f| f.c)
            .collect();
        let detached = rest.starts_with("ها") || (t.adjective && rest.starts_with("تر"));
        if detached && suffix_allowed(stem_last, &rest, t.adjective) {
            word += 1;
        }
    }
    let end = text.words.get(word).map_or(last.end, |w| w.end) as usize;
    Some((end, word))
}

/// How a stem ends, for which inflection follows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Ending {
    /// ا or و: ezafe ـی, indefinite ـیی, pronouns ـیم ـیت ـیش ...
    LongVowel,
    /// A silent ه: ـی or ـای, pronouns ـام ـات ـاش ...
    Heh,
    /// ی: ـای, pronouns ـام ـات ـاش ...
    Yeh,
    /// Any other letter: pronouns ـم ـت ـش ..., no written ezafe (it is a kasra).
    Consonant,
}

fn ending(c: char) -> Ending {
    match c {
        'ا' | 'و' => Ending::LongVowel,
        'ه' => Ending::Heh,
        'ی' => Ending::Yeh,
        _ => Ending::Consonant,
    }
}

/// The ezafe / indefinite endings written after a stem ending so.
fn ezafe(e: Ending) -> &'static [&'static str] {
    match e {
        Ending::LongVowel => &["ی", "یی"],
        Ending::Heh => &["ی", "ای"],
        Ending::Yeh => &["ای"],
        Ending::Consonant => &[],
    }
}

/// The attached pronouns after a stem ending so.
fn pronouns(e: Ending) -> &'static [&'static str] {
    match e {
        Ending::LongVowel => &["یم", "یت", "یش", "یمان", "یتان", "یشان"],
        Ending::Heh | Ending::Yeh => &["ام", "ات", "اش", "مان", "تان", "شان"],
        Ending::Consonant => &["م", "ت", "ش", "مان", "تان", "شان"],
    }
}

/// Every inflection allowed after a stem with this ending (adjectives: with ـتر/ـترین).
fn build_suffixes(e: Ending, adjective: bool) -> HashSet<String> {
    let mut out = HashSet::new();
    let comparatives: &[&str] = if adjective {
        &["", "تر", "ترین"]
    } else {
        &[""]
    };
    for comp in comparatives {
        let e1 = comp.chars().last().map_or(e, ending);
        for plural in ["", "ها"] {
            let e2 = plural.chars().last().map_or(e1, ending);
            let tails = std::iter::once("")
                .chain(ezafe(e2).iter().copied())
                .chain(pronouns(e2).iter().copied());
            for tail in tails {
                for object in ["", "را"] {
                    out.insert(format!("{comp}{plural}{tail}{object}"));
                }
            }
        }
    }
    out.remove("");
    out
}

static SUFFIXES: LazyLock<HashMap<(Ending, bool), HashSet<String>>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for e in [
        Ending::LongVowel,
        Ending::Heh,
        Ending::Yeh,
        Ending::Consonant,
    ] {
        for adjective in [false, true] {
            map.insert((e, adjective), build_suffixes(e, adjective));
        }
    }
    map
});

/// Whether `rest` (normalised, no ZWNJ) may follow a stem whose last normalised character is
/// `last` and still be that word inflected.
pub fn suffix_allowed(last: char, rest: &str, adjective: bool) -> bool {
    rest.is_empty()
        || SUFFIXES
            .get(&(ending(last), adjective))
            .is_some_and(|set| set.contains(rest))
}
