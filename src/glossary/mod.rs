//! The newsroom's style sheet: a glossary (term base) of Persian terms with the English to
//! use, admitted and forbidden variants, a note and a domain (docs/GLOSSARY.md).
//!
//! Pure: no egui, no file system. [`tbx`] and [`tsv`] read and write the two file formats,
//! [`matcher`] finds terms in Persian as it is written (spelling variants, inflection),
//! [`english`] finds the English forms in a translation (plural, possessive, capital at the
//! start), [`check`] validates a glossary, and [`TermBase`] joins a project's own terms with
//! the glossaries it links (earlier ones win a clash).

pub mod english;
pub mod matcher;
pub mod tbx;
pub mod tsv;
mod validate;

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use matcher::{Matcher, TermMatch};
pub use validate::{Problem, check};

/// Fields of a term that this version does not know, kept as read.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// The grammatical kind of a term, where the glossary says (TBX `partOfSpeech`). Only
/// adjectives change how the matcher reads the Persian (comparative ـتر and superlative ـترین).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PartOfSpeech {
    /// Not given.
    #[default]
    Unknown,
    /// A common noun.
    Noun,
    /// A name: a person, a place, a body.
    ProperNoun,
    /// An adjective: ـتر and ـترین forms match too.
    Adjective,
    /// A verb.
    Verb,
    /// An adverb.
    Adverb,
    /// Anything else TBX-Basic allows.
    Other,
}

impl PartOfSpeech {
    /// The TBX-Basic picklist value (`properNoun`), or `None` when unknown.
    pub fn tbx(self) -> Option<&'static str> {
        Some(match self {
            PartOfSpeech::Unknown => return None,
            PartOfSpeech::Noun => "noun",
            PartOfSpeech::ProperNoun => "properNoun",
            PartOfSpeech::Adjective => "adjective",
            PartOfSpeech::Verb => "verb",
            PartOfSpeech::Adverb => "adverb",
            PartOfSpeech::Other => "other",
        })
    }

    /// Read a TBX picklist value (any case); unknown values read as [`PartOfSpeech::Other`].
    pub fn from_tbx(value: &str) -> PartOfSpeech {
        match value.trim().to_ascii_lowercase().as_str() {
            "" => PartOfSpeech::Unknown,
            "noun" => PartOfSpeech::Noun,
            "propernoun" | "proper noun" => PartOfSpeech::ProperNoun,
            "adjective" | "adj" => PartOfSpeech::Adjective,
            "verb" => PartOfSpeech::Verb,
            "adverb" => PartOfSpeech::Adverb,
            _ => PartOfSpeech::Other,
        }
    }

    /// Whether it is [`PartOfSpeech::Unknown`] (omitted in the project file).
    pub fn is_unknown(&self) -> bool {
        *self == PartOfSpeech::Unknown
    }
}

/// One entry of a glossary: a Persian term and the English a translation must use for it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// The Persian term as the glossary writes it (any spelling variant matches it).
    pub source: String,
    /// The preferred English.
    pub english: String,
    /// Other English the newsroom accepts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub admitted: Vec<String>,
    /// English the newsroom does not want (a QA error where it is used).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbidden: Vec<String>,
    /// A note for translators.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The subject field (`politics`, `law`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub domain: String,
    /// The part of speech, where known.
    #[serde(default, skip_serializing_if = "PartOfSpeech::is_unknown")]
    pub pos: PartOfSpeech,
    /// Unknown fields, kept (project files only).
    #[serde(flatten)]
    pub extra: Extra,
}

impl Term {
    /// A term with a preferred English and nothing else.
    pub fn new(source: &str, english: &str) -> Term {
        Term {
            source: source.trim().to_owned(),
            english: english.trim().to_owned(),
            ..Term::default()
        }
    }

    /// The English a translation may use: the preferred form, then the admitted ones.
    pub fn allowed(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.english.as_str())
            .chain(self.admitted.iter().map(String::as_str))
            .filter(|s| !s.trim().is_empty())
    }
}

/// Where a glossary line or entry is in its file, for messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Position {
    /// Line in the file, from 1.
    pub line: usize,
    /// For TBX: the `termEntry` (or `conceptEntry`) number, from 1; 0 for TSV.
    pub entry: usize,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.entry > 0 {
            write!(f, "line {} (entry {})", self.line, self.entry)
        } else {
            write!(f, "line {}", self.line)
        }
    }
}

/// A glossary as read from a file: the terms and where each came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Glossary {
    /// The terms in file order.
    pub terms: Vec<Term>,
    /// Where each term is in the file (same length as `terms`; default for built ones).
    pub positions: Vec<Position>,
}

impl Glossary {
    /// A glossary of `terms` with no positions.
    pub fn of(terms: Vec<Term>) -> Glossary {
        let positions = vec![Position::default(); terms.len()];
        Glossary { terms, positions }
    }

    /// Where term `index` is in its file.
    pub fn position(&self, index: usize) -> Position {
        self.positions.get(index).copied().unwrap_or_default()
    }
}

/// The two glossary file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Term Base eXchange (TBX-Basic, `martif`; TBX v3 `tbx` is read too).
    Tbx,
    /// `OmegaT`'s tab-separated glossary: source, target, comment.
    Tsv,
}

impl Format {
    /// The format a file name says: `.tbx`, or `.tsv`/`.tab`/`.txt`/`.utf8` (`OmegaT`'s names).
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "tbx" | "xml" => Some(Format::Tbx),
            "tsv" | "tab" | "txt" | "utf8" => Some(Format::Tsv),
            _ => None,
        }
    }
}

/// Why a glossary file could not be read. Nothing is ever changed when reading fails.
#[derive(Debug, thiserror::Error)]
pub enum GlossaryError {
    /// The file name says neither TBX nor TSV.
    #[error(
        "{}: not a glossary file name (use .tbx for TBX, or .tsv, .tab, .txt or .utf8 for OmegaT's tab-separated glossary)",
        path.display()
    )]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// The bytes are not UTF-8.
    #[error("{}: not UTF-8 text at line {line}, column {column}", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Line, from 1.
        line: usize,
        /// Column (byte in the line), from 1.
        column: usize,
    },
    /// The content is malformed (XML error, a TSV line with the wrong number of fields).
    #[error("{}: {message} at line {line}, column {column}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// Line, from 1.
        line: usize,
        /// Column (byte in the line), from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Well-formed XML that is not TBX.
    #[error("{}: not a TBX glossary (the root element is <{root}>, not <martif> or <tbx>)", path.display())]
    NotTbx {
        /// The file.
        path: PathBuf,
        /// The root element found.
        root: String,
    },
}

/// Line and column (both from 1; the column counts bytes) of byte `offset` of `text`.
pub fn line_column(text: &[u8], offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or_default();
    let line = before.split(|&b| b == b'\n').count();
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, before.len() - start + 1)
}

/// Check that `bytes` are UTF-8 (a BOM is skipped) and return the text.
fn utf8<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, GlossaryError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(bytes, e.valid_up_to());
        GlossaryError::NotUtf8 {
            path: path.to_path_buf(),
            line,
            column,
        }
    })
}

/// Read a glossary from the bytes of a file whose name is `path` (the name decides the format).
pub fn parse(bytes: &[u8], path: &Path) -> Result<Glossary, GlossaryError> {
    match Format::of_path(path) {
        Some(Format::Tbx) => tbx::parse(bytes, path),
        Some(Format::Tsv) => tsv::parse(bytes, path),
        None => Err(GlossaryError::UnknownFormat {
            path: path.to_path_buf(),
        }),
    }
}

/// Write `terms` in `format`.
pub fn write(terms: &[Term], format: Format) -> Vec<u8> {
    match format {
        Format::Tbx => tbx::write(terms),
        Format::Tsv => tsv::write(terms),
    }
}

/// Where the terms of a [`TermBase`] come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The project's own terms (`meta.terms`).
    Project,
    /// A glossary file, as the project or the command line names it.
    File(PathBuf),
}

impl Origin {
    /// A short name for the side panel and messages.
    pub fn label(&self) -> String {
        match self {
            Origin::Project => "this project".to_owned(),
            Origin::File(path) => path.display().to_string(),
        }
    }
}

/// One set of terms in a [`TermBase`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermSet {
    /// Where they come from.
    pub origin: Origin,
    /// The terms.
    pub terms: Vec<Term>,
}

/// Which term of which set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TermRef {
    /// Index of the set in [`TermBase::sets`].
    pub set: usize,
    /// Index of the term in the set.
    pub term: usize,
}

/// The terms a project uses: its own, then its linked glossaries in order (then any given on
/// the command line). When two sets have a term of the same Persian (after normalisation),
/// the earlier set's entry is used.
#[derive(Clone, Debug, Default)]
pub struct TermBase {
    sets: Vec<TermSet>,
    matcher: Matcher,
}

impl TermBase {
    /// Join `sets` (earlier ones win a clash) and index them for matching.
    pub fn new(sets: Vec<TermSet>) -> TermBase {
        let refs = sets.iter().enumerate().flat_map(|(s, set)| {
            set.terms
                .iter()
                .enumerate()
                .map(move |(t, term)| (TermRef { set: s, term: t }, term))
        });
        let matcher = Matcher::new(refs);
        TermBase { sets, matcher }
    }

    /// The sets, in order.
    pub fn sets(&self) -> &[TermSet] {
        &self.sets
    }

    /// Whether there is no term at all.
    pub fn is_empty(&self) -> bool {
        self.matcher.is_empty()
    }

    /// The term `r` points at.
    pub fn term(&self, r: TermRef) -> Option<&Term> {
        self.sets.get(r.set)?.terms.get(r.term)
    }

    /// The terms of Persian `text`, left to right, not overlapping (the longest term wins).
    pub fn find(&self, text: &str) -> Vec<TermMatch> {
        self.matcher.find(text)
    }

    /// The terms of `text` with their entries: the byte range and the term, in text order.
    pub fn terms_in<'a>(&'a self, text: &str) -> Vec<(Range<usize>, TermRef, &'a Term)> {
        self.find(text)
            .into_iter()
            .filter_map(|m| Some((m.range, m.term, self.term(m.term)?)))
            .collect()
    }

    /// [`TermBase::english_words`] lower-cased, for [`crate::spell::Speller::with_glossary`].
    pub fn known_words(&self) -> std::collections::HashSet<String> {
        self.english_words()
            .into_iter()
            .map(|w| w.replace('’', "'").to_lowercase())
            .collect()
    }

    /// Every English word of every term (preferred, admitted, forbidden), for the spell
    /// checker: glossary English counts as known words.
    pub fn english_words(&self) -> std::collections::BTreeSet<String> {
        let mut words = std::collections::BTreeSet::new();
        for term in self.sets.iter().flat_map(|s| &s.terms) {
            let forms = std::iter::once(&term.english)
                .chain(&term.admitted)
                .chain(&term.forbidden);
            for form in forms {
                for word in form.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
                {
                    let word = word.trim_matches(|c| c == '\'' || c == '’');
                    if word.chars().any(char::is_alphabetic) {
                        words.insert(word.to_owned());
                    }
                }
            }
        }
        words
    }
}

#[cfg(test)]
mod tests;
