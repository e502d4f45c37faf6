//! The Persian source across splits and merges of sentences: the other side's corrections
//! carried into the sentence boundaries the merge keeps (`docs/MERGE.md`, "Persian source").
//!
//! A correction is found by comparing a side's text of a stretch of the article with the
//! base's, stretch by stretch between the places where a sentence of both starts (an id both
//! keep), by their common beginning and end. It is applied where the kept side did not
//! change that text and where it falls inside one of its sentences; otherwise it is handed
//! back as *unplaced*, for a conflict that shows it.

use crate::model::Segment;

/// One correction: the bytes `from..to` of the group's base text read `text` on that side.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Edit {
    from: usize,
    to: usize,
    text: String,
    /// The corrected stretch as that side reads it (for the conflict's note).
    context: String,
}

/// What the other side's corrections do to each sentence of the kept structure.
#[derive(Clone, Debug, Default)]
pub(super) struct Carried {
    /// The corrected source of each kept sentence (`None`: unchanged).
    pub sources: Vec<Option<String>>,
    /// For each kept sentence, the other side's text of stretches it corrected where the
    /// correction could not be applied (both changed that text, or it crosses a boundary).
    pub unplaced: Vec<Vec<String>>,
}

/// The group's text (sources and separators joined) and where each sentence starts in it.
fn text_of(segs: &[Segment]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(segs.len());
    for s in segs {
        starts.push(text.len());
        text.push_str(&s.source);
        text.push_str(&s.separator);
    }
    (text, starts)
}

/// What the merge does to the source of one kept sentence.
#[derive(Clone, Debug, Default)]
pub(super) struct SourceFix {
    /// The source with the other side's corrections applied, if it has any.
    pub source: Option<String>,
    /// The other side's text of stretches it corrected where the correction could not be
    /// applied to this sentence.
    pub unplaced: Vec<String>,
}

impl Carried {
    /// What happens to the source of kept sentence `k` (taken out of `self`).
    pub fn take(&mut self, k: usize) -> SourceFix {
        SourceFix {
            source: self.sources.get_mut(k).and_then(Option::take),
            unplaced: self
                .unplaced
                .get_mut(k)
                .map(std::mem::take)
                .unwrap_or_default(),
        }
    }
}

/// The lengths in bytes of the common end and then of the common beginning of `a` and `b`
/// (whole characters, not overlapping): `(prefix, suffix)`. The end is matched first, so a
/// change inside a sentence followed by its unchanged separator is placed before it.
fn common_ends(a: &str, b: &str) -> (usize, usize) {
    let suffix: usize = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let room = a.len().min(b.len()) - suffix;
    let mut prefix = 0;
    for (x, y) in a.chars().zip(b.chars()) {
        if x != y || prefix + x.len_utf8() > room {
            break;
        }
        prefix += x.len_utf8();
    }
    (prefix, suffix)
}

/// What changed from `base` to `side` (two versions of one stretch of the article) in its
/// text: the stretches between places where a sentence with the same id starts on both,
/// each compared by its common ends. Positions are in the base's text.
fn edits(base: &[Segment], side: &[Segment]) -> Vec<Edit> {
    let (base_text, base_starts) = text_of(base);
    let (side_text, side_starts) = text_of(side);
    if base_text == side_text {
        return Vec::new();
    }
    let at_side: std::collections::HashMap<_, usize> = side
        .iter()
        .zip(&side_starts)
        .map(|(s, &start)| (s.id, start))
        .collect();
    let mut anchors = vec![(0, 0)];
    for (b, &bs) in base.iter().zip(&base_starts) {
        if let Some(&ss) = at_side.get(&b.id)
            && anchors.last().is_some_and(|&(lb, ls)| bs > lb && ss > ls)
        {
            anchors.push((bs, ss));
        }
    }
    anchors.push((base_text.len(), side_text.len()));
    let mut out = Vec::new();
    for w in anchors.windows(2) {
        let ((b0, s0), (b1, s1)) = (w[0], w[1]);
        let (Some(b), Some(s)) = (base_text.get(b0..b1), side_text.get(s0..s1)) else {
            continue;
        };
        if b == s {
            continue;
        }
        let (prefix, suffix) = common_ends(b, s);
        out.push(Edit {
            from: b0 + prefix,
            to: b1 - suffix,
            text: s[prefix..s.len() - suffix].to_owned(),
            context: s.trim().to_owned(),
        });
    }
    out
}

/// Whether two edits change the same text or touch (then they cannot both be applied).
fn overlap(a: &Edit, b: &Edit) -> bool {
    !(a.to < b.from || b.to < a.from)
}

/// Carry the corrections `other` made to the group's text (`base`) into the sentences
/// `kept` (another structure of the same stretch). `host[i]` is the kept sentence that holds
/// base sentence `i` (where an unplaced correction of it is reported).
pub(super) fn carry(
    base: &[Segment],
    kept: &[Segment],
    other: &[Segment],
    host: &[usize],
) -> Carried {
    let mut out = Carried {
        sources: vec![None; kept.len()],
        unplaced: vec![Vec::new(); kept.len()],
    };
    let theirs = edits(base, other);
    if theirs.is_empty() || kept.is_empty() {
        return out;
    }
    let mine = edits(base, kept);
    let (_, kept_starts) = text_of(kept);
    let (_, base_starts) = text_of(base);
    let host_of = |e: &Edit| {
        let b = base_starts
            .iter()
            .rposition(|&st| st <= e.from)
            .unwrap_or(0);
        host.get(b).copied().unwrap_or(0).min(kept.len() - 1)
    };
    // Per kept sentence: (from, to, text, context) in the sentence's own source.
    let mut placed: Vec<Vec<(usize, usize, &Edit)>> = vec![Vec::new(); kept.len()];
    for e in &theirs {
        if mine
            .iter()
            .any(|f| (f.from, f.to, &f.text) == (e.from, e.to, &e.text))
        {
            continue; // the same correction on both sides
        }
        if mine.iter().any(|f| overlap(e, f)) {
            out.unplaced[host_of(e)].push(e.context.clone());
            continue;
        }
        let shift: isize = mine
            .iter()
            .filter(|f| f.to < e.from)
            .map(|f| len(&f.text) - len_range(f.from, f.to))
            .sum();
        let (Some(from), Some(to)) = (
            e.from.checked_add_signed(shift),
            e.to.checked_add_signed(shift),
        ) else {
            out.unplaced[host_of(e)].push(e.context.clone());
            continue;
        };
        let inside = kept
            .iter()
            .zip(&kept_starts)
            .position(|(k, &st)| st <= from && to <= st + k.source.len());
        match inside {
            Some(k) => placed[k].push((from - kept_starts[k], to - kept_starts[k], e)),
            None => out.unplaced[host_of(e)].push(e.context.clone()),
        }
    }
    for (k, mut list) in placed.into_iter().enumerate() {
        if list.is_empty() {
            continue;
        }
        list.sort_by_key(|&(from, _, _)| std::cmp::Reverse(from));
        let mut source = kept[k].source.clone();
        let mut applied = true;
        for &(from, to, e) in &list {
            if from <= to && source.is_char_boundary(from) && source.is_char_boundary(to) {
                source.replace_range(from..to, &e.text);
            } else {
                applied = false;
            }
        }
        // A source holds text, has no whitespace at its ends and no line break.
        if applied
            && !source.trim().is_empty()
            && source.trim() == source
            && !crate::segment::is_paragraph_break(&source)
        {
            out.sources[k] = Some(source);
        } else {
            for &(_, _, e) in &list {
                out.unplaced[k].push(e.context.clone());
            }
        }
    }
    for notes in &mut out.unplaced {
        notes.dedup();
    }
    out
}

fn len(s: &str) -> isize {
    isize::try_from(s.len()).unwrap_or(isize::MAX)
}

fn len_range(from: usize, to: usize) -> isize {
    isize::try_from(to.saturating_sub(from)).unwrap_or(isize::MAX)
}
