//! Translation memory (docs/MEMORY.md): approved Persian–English pairs from Virast projects
//! and TMX files, a fuzzy score a translator recognises, an index so that a lookup does not
//! scan the memory, concordance search, and the word diff the desk shows. No egui.

pub mod diff;
pub mod index;
pub mod pretranslate;
pub mod read;
pub mod score;
pub mod tokens;

use std::ops::Range;
use std::sync::Arc;

pub use diff::{Change, WordDiff, word_diff};
pub use index::Hit;
pub use pretranslate::{Summary, pretranslate};
pub use read::{Loaded, load, load_with};

/// Where a unit came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// The file's name (a project or a TMX file), shared by its units.
    pub file: Arc<str>,
    /// When the pair was approved or last changed, as the file gives it (`YYYY-MM-DD` where
    /// it could be read).
    pub date: Option<String>,
    /// Who approved or last changed it.
    pub by: Option<String>,
    /// Context: the project's title, TMX `<prop>` and `<note>` texts.
    pub context: Vec<String>,
    /// The segment id, for a pair of a Virast project (the desk does not offer a sentence
    /// its own approved translation).
    pub segment: Option<u64>,
}

/// One pair of the memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The Persian sentence.
    pub fa: String,
    /// Its English translation.
    pub en: String,
    /// Where it came from.
    pub origin: Origin,
}

/// A match for a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    /// The unit's number in the memory ([`Memory::unit`]).
    pub unit: usize,
    /// Score in percent (100: the same sentence once normalised).
    pub score: u8,
}

/// A concordance hit: a unit holding the phrase, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Concordance {
    /// The unit's number in the memory.
    pub unit: usize,
    /// Byte ranges of the phrase in the Persian.
    pub fa: Vec<Range<usize>>,
    /// Byte ranges of the phrase in the English.
    pub en: Vec<Range<usize>>,
}

/// An indexed translation memory.
#[derive(Debug, Default)]
pub struct Memory {
    units: Vec<Unit>,
    index: index::Index,
}

impl Memory {
    /// Index `units`. Pairs with an empty side are left out; a pair met again (the same
    /// Persian and English) is kept once, with its first origin.
    pub fn new(units: Vec<Unit>) -> Self {
        Self::build(units, &|_| {})
    }

    /// Like [`Memory::new`], reporting the share done (0.0..=1.0) now and then.
    pub fn build(units: Vec<Unit>, progress: &dyn Fn(f32)) -> Self {
        let mut seen = std::collections::HashSet::new();
        let mut kept = Vec::with_capacity(units.len());
        let mut index = index::Index::new();
        let n = units.len().max(1);
        for (k, unit) in units.into_iter().enumerate() {
            if unit.fa.trim().is_empty() || unit.en.trim().is_empty() {
                continue;
            }
            if !seen.insert(pair_hash(&unit)) {
                continue;
            }
            index.push(&tokens::tokenize(&unit.fa));
            kept.push(unit);
            if k % 4096 == 0 {
                progress(k as f32 / n as f32);
            }
        }
        progress(1.0);
        Memory { units: kept, index }
    }

    /// Number of units.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether the memory is empty.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Unit number `k`.
    pub fn unit(&self, k: usize) -> Option<&Unit> {
        self.units.get(k)
    }

    /// All units.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// The best `limit` matches for the Persian `source` scoring at least `min` percent,
    /// best first, through the index.
    pub fn lookup(&self, source: &str, min: u8, limit: usize) -> Vec<Match> {
        let query = self.index.query(&tokens::tokenize(source));
        to_matches(&self.index.lookup(&query, min, limit))
    }

    /// [`Memory::lookup`] with a chosen limit of the postings read in full (tests).
    pub fn lookup_with(&self, source: &str, min: u8, limit: usize, frequent: usize) -> Vec<Match> {
        let query = self.index.query(&tokens::tokenize(source));
        to_matches(&self.index.lookup_with(&query, min, limit, frequent))
    }

    /// The same as [`Memory::lookup`] by scoring every unit (tests and measurements).
    pub fn lookup_brute_force(&self, source: &str, min: u8, limit: usize) -> Vec<Match> {
        let query = self.index.query(&tokens::tokenize(source));
        to_matches(&self.index.brute_force(&query, min, limit))
    }

    /// Units whose Persian or English holds `phrase` (Persian spelling variants, case and
    /// spacing ignored, as the desk's search does), at most `limit`, in memory order.
    pub fn concordance(&self, phrase: &str, limit: usize) -> Vec<Concordance> {
        let query = crate::search::Query::new(phrase);
        if query.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (unit, u) in self.units.iter().enumerate() {
            let fa = query.find_all(&u.fa);
            let en = query.find_all(&u.en);
            if !fa.is_empty() || !en.is_empty() {
                out.push(Concordance { unit, fa, en });
                if out.len() >= limit {
                    break;
                }
            }
        }
        out
    }
}

fn to_matches(hits: &[Hit]) -> Vec<Match> {
    hits.iter()
        .map(|h| Match {
            unit: h.unit,
            score: h.score,
        })
        .collect()
}

fn pair_hash(unit: &Unit) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    unit.fa.hash(&mut h);
    unit.en.hash(&mut h);
    h.finish()
}

/// The score of memory Persian `a` against sentence `b` in percent, without an index.
pub fn similarity(a: &str, b: &str) -> u8 {
    let (ta, tb) = (tokens::tokenize(a), tokens::tokenize(b));
    let mut ids: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    let mut seq = |ts: &[tokens::Token]| -> Vec<score::Tok> {
        ts.iter()
            .map(|t| {
                let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
                (*ids.entry(t.key.clone()).or_insert(next), t.kind.weight())
            })
            .collect()
    };
    let (sa, sb) = (seq(&ta), seq(&tb));
    score::score(&sa, &sb)
}

#[cfg(test)]
mod tests;
