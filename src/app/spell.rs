//! Spell-check state of the open project: the English variant, the project's word list, and
//! the misspelt ranges per segment, cached by the text they were computed for so typing
//! re-checks only the segment being edited.
//!
//! The variant and the word list belong in the project file; until the format carries them
//! (see docs/SPELLING.md) they live here, behind [`SpellState::project_words`],
//! [`SpellState::set_project_words`] and [`SpellState::variant`], which are the only places a
//! load or save needs to touch.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::{Project, SegmentId};
use crate::spell::{ProjectWords, Speller, Variant};

/// Spell-check state for the open project.
#[derive(Debug)]
pub struct SpellState {
    /// Squiggles shown in the English fields.
    pub enabled: bool,
    variant: Variant,
    words: ProjectWords,
    /// Misspelt byte ranges per segment, with the target text they belong to.
    cache: HashMap<SegmentId, (String, Vec<Range<usize>>)>,
}

impl Default for SpellState {
    fn default() -> Self {
        SpellState {
            enabled: true,
            variant: Variant::default(),
            words: ProjectWords::default(),
            cache: HashMap::new(),
        }
    }
}

impl SpellState {
    /// The project's English variant.
    pub fn variant(&self) -> Variant {
        self.variant
    }

    /// Change the variant (every segment is re-checked when next shown).
    pub fn set_variant(&mut self, variant: Variant) {
        if variant != self.variant {
            self.variant = variant;
            self.cache.clear();
        }
    }

    /// The project's added and ignored words.
    pub fn project_words(&self) -> &ProjectWords {
        &self.words
    }

    /// Replace the word list (a project was opened).
    pub fn set_project_words(&mut self, words: ProjectWords) {
        self.words = words;
        self.cache.clear();
    }

    /// Add `word` to the project dictionary. Returns false if it was already known.
    pub fn add_word(&mut self, word: &str) -> bool {
        let new = self.words.added.insert(word.to_owned());
        self.cache.clear();
        new
    }

    /// Ignore `word` in this project. Returns false if it was already ignored.
    pub fn ignore_word(&mut self, word: &str) -> bool {
        let new = self.words.ignored.insert(word.to_owned());
        self.cache.clear();
        new
    }

    /// A speller for the project's variant and words.
    pub fn speller(&self) -> Speller<'_> {
        Speller::new(self.variant, &self.words)
    }

    /// Misspelt byte ranges of `target`, the English of segment `id` with Persian `source`;
    /// checked only when the text differs from the one last checked for that segment.
    pub fn misspelt(&mut self, id: SegmentId, source: &str, target: &str) -> &[Range<usize>] {
        let fresh = self.cache.get(&id).is_some_and(|(t, _)| t == target);
        if !fresh {
            let ranges = Speller::new(self.variant, &self.words).misspelt(source, target);
            self.cache.insert(id, (target.to_owned(), ranges));
        }
        self.cache.get(&id).map_or(&[], |(_, r)| r.as_slice())
    }

    /// Misspelt words of the whole project, as (segment index, word), in order.
    pub fn project_misspellings(&mut self, project: &Project) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for (i, seg) in project.segments.iter().enumerate() {
            for r in self.misspelt(seg.id, &seg.source, &seg.target) {
                if let Some(w) = seg.target.get(r.clone()) {
                    out.push((i, w.to_owned()));
                }
            }
        }
        out
    }

    /// Forget everything checked (a project was replaced).
    pub fn clear_cache(&mut self) {
        self.cache.clear();
    }
}

/// The spelling menu of a word: what to replace, and the corrections offered.
#[derive(Clone, Debug, PartialEq)]
pub struct SpellMenu {
    /// Sentence index.
    pub index: usize,
    /// Byte range of the word in the English text.
    pub range: Range<usize>,
    /// The word as written.
    pub word: String,
    /// Corrections, best first.
    pub suggestions: Vec<String>,
}

/// The misspelt range of `ranges` at byte `pos` of the text (the caret just after a word
/// counts as on it).
pub fn range_at(ranges: &[Range<usize>], pos: usize) -> Option<Range<usize>> {
    ranges
        .iter()
        .find(|r| r.start <= pos && pos <= r.end)
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // ranges of one misspelt word
    fn cache_follows_the_text_and_the_word_list() {
        let mut s = SpellState::default();
        let id = SegmentId(7);
        assert_eq!(s.misspelt(id, "", "Ashtari left."), [0..7]);
        assert_eq!(s.misspelt(id, "", "Ashtari lefft."), [0..7, 8..13]);
        assert!(s.add_word("Ashtari"));
        assert_eq!(s.misspelt(id, "", "Ashtari lefft."), [8..13]);
        assert!(s.ignore_word("lefft"));
        assert!(s.misspelt(id, "", "Ashtari lefft.").is_empty());
        assert_eq!(range_at(&[8..13], 13), Some(8..13));
        assert_eq!(range_at(&[8..13], 3), None);
    }
}
