//! The word diff the Memory tab shows: the memory's Persian against this sentence's Persian,
//! token by token on the normalised keys, as one text with marked pieces (laid out right to
//! left by the desk), and the numbers that differ.

use std::ops::Range;

use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::tokens::{Kind, Token, tokenize};

/// How a piece of the diff text differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// In both sentences.
    Same,
    /// Only in the memory's sentence (the match says it, this sentence does not).
    Removed,
    /// Only in this sentence.
    Added,
}

/// A piece of [`WordDiff::text`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Bytes of [`WordDiff::text`] (the token, without the space after it).
    pub range: Range<usize>,
    /// Same, removed or added.
    pub change: Change,
    /// A number that differs between the two sentences.
    pub number: bool,
}

/// The diff as one text with marked pieces.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordDiff {
    /// The memory's sentence with this sentence's words interleaved where they differ.
    pub text: String,
    /// The tokens of `text` that are marked (same tokens are listed too).
    pub pieces: Vec<Piece>,
    /// Numbers that differ: (in the memory, in this sentence), as written.
    pub numbers: Vec<(String, String)>,
}

impl WordDiff {
    /// Whether any number differs.
    pub fn numbers_differ(&self) -> bool {
        !self.numbers.is_empty()
    }
}

/// Each token's text with the whitespace that follows it up to the next token.
fn pieces<'a>(text: &'a str, tokens: &'a [Token]) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    tokens.iter().enumerate().map(move |(k, t)| {
        let next = tokens.get(k + 1).map_or(text.len(), |n| n.range.start);
        let word = text.get(t.range.clone()).unwrap_or_default();
        let gap = text.get(t.range.end..next).unwrap_or_default();
        (word, if gap.is_empty() { "" } else { " " })
    })
}

/// The diff from the memory's Persian `memory` to this sentence's Persian `current`.
pub fn word_diff(memory: &str, current: &str) -> WordDiff {
    let (tm, tc) = (tokenize(memory), tokenize(current));
    let km: Vec<&str> = tm.iter().map(|t| t.key.as_str()).collect();
    let kc: Vec<&str> = tc.iter().map(|t| t.key.as_str()).collect();
    let pm: Vec<(&str, &str)> = pieces(memory, &tm).collect();
    let pc: Vec<(&str, &str)> = pieces(current, &tc).collect();
    let mut out = WordDiff::default();
    let push = |out: &mut WordDiff, (word, gap): (&str, &str), change: Change, number: bool| {
        let start = out.text.len();
        out.text.push_str(word);
        out.pieces.push(Piece {
            range: start..out.text.len(),
            change,
            number,
        });
        out.text.push_str(gap);
    };
    for op in capture_diff_slices(Algorithm::Myers, &km, &kc) {
        let (tag, old, new) = op.as_tag_tuple();
        let removed: Vec<usize> = if tag == DiffTag::Equal {
            Vec::new()
        } else {
            old.clone().collect()
        };
        let added: Vec<usize> = if tag == DiffTag::Equal {
            Vec::new()
        } else {
            new.clone().collect()
        };
        let nums = |ts: &[Token], ks: &[usize], ps: &[(&str, &str)]| -> Vec<String> {
            ks.iter()
                .filter(|&&k| ts.get(k).is_some_and(|t| t.kind == Kind::Number))
                .filter_map(|&k| ps.get(k).map(|p| p.0.to_owned()))
                .collect()
        };
        let (nm, nc) = (nums(&tm, &removed, &pm), nums(&tc, &added, &pc));
        for k in 0..nm.len().max(nc.len()) {
            out.numbers.push((
                nm.get(k).cloned().unwrap_or_default(),
                nc.get(k).cloned().unwrap_or_default(),
            ));
        }
        if tag == DiffTag::Equal {
            for k in old {
                if let Some(&p) = pm.get(k) {
                    push(&mut out, p, Change::Same, false);
                }
            }
            continue;
        }
        for k in removed {
            let number = tm.get(k).is_some_and(|t| t.kind == Kind::Number);
            if let Some(&p) = pm.get(k) {
                push(&mut out, with_gap(p), Change::Removed, number);
            }
        }
        for k in added {
            let number = tc.get(k).is_some_and(|t| t.kind == Kind::Number);
            if let Some(&p) = pc.get(k) {
                push(&mut out, with_gap(p), Change::Added, number);
            }
        }
    }
    let trimmed = out.text.trim_end().len();
    out.text.truncate(trimmed);
    out
}

/// A changed piece always has a space after it, so removed and added words stay apart.
fn with_gap<'a>((word, _): (&'a str, &'a str)) -> (&'a str, &'a str) {
    (word, " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_number_is_marked() {
        let d = word_diff("۴۰۰ هزار نفر آمدند.", "۵۰۰ هزار نفر آمدند.");
        assert_eq!(d.numbers, [("۴۰۰".to_owned(), "۵۰۰".to_owned())]);
        let marked: Vec<(&str, Change, bool)> = d
            .pieces
            .iter()
            .filter(|p| p.change != Change::Same)
            .map(|p| (&d.text[p.range.clone()], p.change, p.number))
            .collect();
        assert_eq!(
            marked,
            [("۴۰۰", Change::Removed, true), ("۵۰۰", Change::Added, true)]
        );
        assert!(d.text.contains("هزار نفر آمدند"));
    }

    #[test]
    fn same_sentences_have_no_changes() {
        let d = word_diff("پلیس مشاوره می‌دهد.", "پلیس مشاوره می دهد.");
        assert!(d.pieces.iter().all(|p| p.change == Change::Same));
        assert!(!d.numbers_differ());
    }
}
