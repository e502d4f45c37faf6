//! English spell checking: Hunspell dictionaries (en-GB, en-US) through `spellbook`, the word
//! filter ([`words`]), the project's own word list ([`ProjectWords`]) and US/UK variant
//! spellings for the house-style check.
//!
//! Pure: no egui. The dictionaries are embedded (`dictionaries/`, SCOWL-derived, MIT and BSD
//! licences beside them) and parsed once, lazily, on first use ([`dictionary`]).

pub mod words;

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use spellbook::Dictionary;

pub use words::{Word, latin_words, normalise, strip_possessive, words};

/// The English a project is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Variant {
    /// British English, `-ise` spellings (colour, organise).
    #[serde(rename = "en-GB")]
    EnGb,
    /// American English (color, organize): the default, as in most wire copy and the
    /// English-language Iranian press.
    #[default]
    #[serde(rename = "en-US")]
    EnUs,
}

impl Variant {
    /// Both variants, for menus.
    pub const ALL: [Variant; 2] = [Variant::EnUs, Variant::EnGb];

    /// The language tag: `en-GB` or `en-US`.
    pub fn code(self) -> &'static str {
        match self {
            Variant::EnGb => "en-GB",
            Variant::EnUs => "en-US",
        }
    }

    /// A name for menus.
    pub fn label(self) -> &'static str {
        match self {
            Variant::EnGb => "British English (en-GB)",
            Variant::EnUs => "American English (en-US)",
        }
    }

    /// "UK" or "US", for messages.
    pub fn short(self) -> &'static str {
        match self {
            Variant::EnGb => "UK",
            Variant::EnUs => "US",
        }
    }

    /// The other variant.
    #[must_use]
    pub fn other(self) -> Variant {
        match self {
            Variant::EnGb => Variant::EnUs,
            Variant::EnUs => Variant::EnGb,
        }
    }

    /// Reads a language tag (`en-GB`, `en_us`, `GB`, case-insensitive).
    pub fn parse(tag: &str) -> Option<Variant> {
        match tag.to_ascii_lowercase().replace('_', "-").as_str() {
            "en-gb" | "gb" | "uk" | "en-uk" => Some(Variant::EnGb),
            "en-us" | "us" => Some(Variant::EnUs),
            _ => None,
        }
    }

    fn files(self) -> (&'static str, &'static str) {
        match self {
            Variant::EnGb => (
                include_str!("../../dictionaries/en-GB/en-GB.aff"),
                include_str!("../../dictionaries/en-GB/en-GB.dic"),
            ),
            Variant::EnUs => (
                include_str!("../../dictionaries/en-US/en-US.aff"),
                include_str!("../../dictionaries/en-US/en-US.dic"),
            ),
        }
    }
}

struct Loaded {
    dictionary: Option<Dictionary>,
    took: Duration,
}

fn loaded(variant: Variant) -> &'static Loaded {
    static GB: OnceLock<Loaded> = OnceLock::new();
    static US: OnceLock<Loaded> = OnceLock::new();
    let cell = match variant {
        Variant::EnGb => &GB,
        Variant::EnUs => &US,
    };
    cell.get_or_init(|| {
        let start = Instant::now();
        let (aff, dic) = variant.files();
        // The files are embedded and tested; a parse failure would check nothing rather than
        // take the desk down.
        let dictionary = Dictionary::new(aff, dic).ok();
        Loaded {
            dictionary,
            took: start.elapsed(),
        }
    })
}

/// The dictionary of a variant, parsed on first use (about a tenth of a second in a release
/// build, see docs/SPELLING.md). `None` only if the embedded files failed to parse.
pub fn dictionary(variant: Variant) -> Option<&'static Dictionary> {
    loaded(variant).dictionary.as_ref()
}

/// How long parsing the dictionary of `variant` took (it is parsed now if it was not yet).
pub fn load_time(variant: Variant) -> Duration {
    loaded(variant).took
}

/// Words a project treats as correct: names and places added to the project dictionary, and
/// words the editor chose to ignore in this project. Kept in the project file as
/// `meta.project_words` (format version 4, docs/FORMAT.md).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectWords {
    /// Added to the project dictionary ("Add to project dictionary").
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub added: BTreeSet<String>,
    /// Ignored in this project ("Ignore in this project").
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub ignored: BTreeSet<String>,
}

impl ProjectWords {
    /// Whether `word` (or it without a possessive) is added or ignored, ignoring case.
    pub fn knows(&self, word: &str) -> bool {
        let word = normalise(word);
        let stem = strip_possessive(&word);
        let same = |w: &String| {
            let w = normalise(w);
            w.eq_ignore_ascii_case(&word)
                || w.eq_ignore_ascii_case(stem)
                || w.to_lowercase() == word.to_lowercase()
                || w.to_lowercase() == stem.to_lowercase()
        };
        self.added.iter().chain(&self.ignored).any(same)
    }

    /// Whether nothing was added or ignored.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.ignored.is_empty()
    }
}

/// How a word stands in a variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spelling {
    /// In the dictionary of the variant (or known to the project).
    Correct,
    /// Not in this variant's dictionary but in the other's: `color` in an en-GB project.
    OtherVariant,
    /// In neither: a misspelling or an unknown name.
    Unknown,
}

/// Whether `dict` accepts `word`, with curly apostrophes and a possessive the dictionary does
/// not list (`Sainsbury's`).
fn accepts(dict: &Dictionary, word: &str) -> bool {
    let word = normalise(word);
    if dict.check(&word) {
        return true;
    }
    let stem = strip_possessive(&word);
    stem.len() < word.len() && !stem.is_empty() && dict.check(stem)
}

/// Checks words against a variant's dictionary, the project's word list, the English of its
/// glossaries and the Latin words of the source sentence.
#[derive(Clone, Copy, Debug)]
pub struct Speller<'a> {
    variant: Variant,
    project: &'a ProjectWords,
    /// Lower-cased words of the glossaries' English ([`crate::glossary::TermBase::known_words`]).
    glossary: Option<&'a HashSet<String>>,
}

impl<'a> Speller<'a> {
    /// A speller for `variant` that also knows the words of `project`.
    pub fn new(variant: Variant, project: &'a ProjectWords) -> Self {
        Speller {
            variant,
            project,
            glossary: None,
        }
    }

    /// The same speller also knowing `words` (lower-cased), the English of the project's
    /// glossaries: a term's English is never underlined or flagged as the other variant's.
    #[must_use]
    pub fn with_glossary(mut self, words: &'a HashSet<String>) -> Self {
        self.glossary = Some(words);
        self
    }

    /// The variant it checks.
    pub fn variant(&self) -> Variant {
        self.variant
    }

    /// The project's word list.
    pub fn project_words(&self) -> &'a ProjectWords {
        self.project
    }

    /// Whether the project's word list or its glossaries have `word` (added or ignored, any
    /// case, possessive).
    pub fn project_knows(&self, word: &str) -> bool {
        self.project.knows(word)
            || self.glossary.is_some_and(|g| {
                let w = normalise(word).to_lowercase();
                g.contains(&w) || g.contains(strip_possessive(&w))
            })
    }

    /// How `word` stands in the variant, before the project's words and the source are asked.
    pub fn spelling(&self, word: &str) -> Spelling {
        let Some(dict) = dictionary(self.variant) else {
            return Spelling::Correct;
        };
        if accepts(dict, word) {
            Spelling::Correct
        } else if dictionary(self.variant.other()).is_some_and(|d| accepts(d, word)) {
            Spelling::OtherVariant
        } else {
            Spelling::Unknown
        }
    }

    /// Byte ranges of the misspelt words of `target`, the English of a sentence whose Persian
    /// source is `source` (Latin words there, `IRNA`, `Reuters`, count as known).
    pub fn misspelt(&self, source: &str, target: &str) -> Vec<Range<usize>> {
        let Some(dict) = dictionary(self.variant) else {
            return Vec::new();
        };
        let mut from_source: Option<HashSet<String>> = None;
        words(target)
            .into_iter()
            .filter(|w| {
                if accepts(dict, w.text) || self.project_knows(w.text) {
                    return false;
                }
                let known =
                    from_source.get_or_insert_with(|| latin_words(source).into_iter().collect());
                !known.contains(&normalise(strip_possessive(w.text)).to_lowercase())
            })
            .map(|w| w.range)
            .collect()
    }

    /// Corrections for `word`, best first, at most `max`. The variant's own spelling of a word
    /// written the other way comes first (`color` → `colour` in en-GB), then words added to the
    /// project dictionary that are one or two letters away (`Ashtary` → `Ashtari`: names are
    /// what a project adds, and what a dictionary cannot offer), then the dictionary's.
    pub fn suggest(&self, word: &str, max: usize) -> Vec<String> {
        let Some(dict) = dictionary(self.variant) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if let Some(v) = counterpart(word, self.variant) {
            out.push(v);
        }
        for added in self.project_suggestions(word) {
            if !out.contains(&added) {
                out.push(added);
            }
        }
        let mut found = Vec::new();
        dict.suggest(&normalise(word), &mut found);
        for s in found {
            if out.len() >= max {
                break;
            }
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out.truncate(max);
        out
    }
}

impl Speller<'_> {
    /// Words added to the project dictionary within two edits of `word` (ignoring case),
    /// nearest first, then alphabetical; none for words under four letters, where two edits
    /// reach nearly anything.
    fn project_suggestions(&self, word: &str) -> Vec<String> {
        let word = normalise(word).to_lowercase();
        if word.chars().count() < 4 {
            return Vec::new();
        }
        let mut near: Vec<(usize, &String)> = self
            .project
            .added
            .iter()
            .filter_map(|added| {
                let d = strsim::damerau_levenshtein(&word, &normalise(added).to_lowercase());
                (1..=2).contains(&d).then_some((d, added))
            })
            .collect();
        near.sort();
        near.into_iter().map(|(_, w)| w.clone()).collect()
    }
}

/// Fragments that differ between US and UK spelling, as (US, UK).
const US_UK: [(&str, &str); 9] = [
    ("or", "our"),    // color, colour
    ("iz", "is"),     // organize, organise
    ("yz", "ys"),     // analyze, analyse
    ("er", "re"),     // center, centre
    ("ense", "ence"), // defense, defence
    ("l", "ll"),      // traveled, travelled
    ("og", "ogue"),   // catalog, catalogue
    ("e", "ae"),      // anemia, anaemia
    ("e", "oe"),      // estrogen, oestrogen
];

/// The spelling of `word` in `variant`, when it is written the other variant's way: `color`
/// → `colour` for en-GB, `organise` → `organize` for en-US. `None` when no one-fragment
/// change gives a word of `variant`'s dictionary.
pub fn counterpart(word: &str, variant: Variant) -> Option<String> {
    let dict = dictionary(variant)?;
    let word = normalise(word);
    if word.len() > 40 || accepts(dict, &word) {
        return None;
    }
    for (us, uk) in US_UK {
        let (from, to) = match variant {
            Variant::EnGb => (us, uk),
            Variant::EnUs => (uk, us),
        };
        for (at, _) in word.match_indices(from) {
            let candidate = format!("{}{to}{}", &word[..at], &word[at + from.len()..]);
            if accepts(dict, &candidate) {
                return Some(candidate);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
