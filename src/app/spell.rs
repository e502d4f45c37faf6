//! Spell-check state of the open project: a copy of the project's English variant and word
//! list (`meta.english_variant`, `meta.project_words`, changed only through the app's command
//! path so they are undone, saved and autosaved like any edit), and the misspelt ranges per
//! segment, cached by the text they were computed for so typing re-checks only the segment
//! being edited.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::{Meta, Project, SegmentId};
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
    /// The variant checked (the project's, as of the last [`SpellState::follow`]).
    pub fn variant(&self) -> Variant {
        self.variant
    }

    /// The added and ignored words checked (the project's, as of the last
    /// [`SpellState::follow`]).
    pub fn project_words(&self) -> &ProjectWords {
        &self.words
    }

    /// Take the project's variant and word list; when they changed (an edit, an undo, another
    /// project), every segment is re-checked when next shown. Cheap when nothing changed.
    pub fn follow(&mut self, meta: &Meta) {
        if meta.english_variant != self.variant || meta.project_words != self.words {
            self.variant = meta.english_variant;
            self.words.clone_from(&meta.project_words);
            self.cache.clear();
        }
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

    /// Misspelt words of the whole project, with its own variant and word list, as (segment
    /// index, word), in order.
    pub fn project_misspellings(&mut self, project: &Project) -> Vec<(usize, String)> {
        self.follow(&project.meta);
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
    fn cache_follows_the_text_and_the_project_settings() {
        let mut s = SpellState::default();
        let mut meta = Project::new("t", "", std::iter::empty(), chrono::Utc::now()).meta;
        let id = SegmentId(7);
        assert_eq!(s.misspelt(id, "", "Ashtari left."), [0..7]);
        assert_eq!(s.misspelt(id, "", "Ashtari lefft."), [0..7, 8..13]);
        meta.project_words.added.insert("Ashtari".into());
        s.follow(&meta);
        assert_eq!(s.misspelt(id, "", "Ashtari lefft."), [8..13]);
        meta.project_words.ignored.insert("lefft".into());
        s.follow(&meta);
        assert!(s.misspelt(id, "", "Ashtari lefft.").is_empty());
        assert_eq!(s.misspelt(id, "", "The colour."), [4..10]);
        meta.english_variant = Variant::EnGb;
        s.follow(&meta);
        assert!(s.misspelt(id, "", "The colour.").is_empty());
        assert_eq!(range_at(&[8..13], 13), Some(8..13));
        assert_eq!(range_at(&[8..13], 3), None);
    }
}
