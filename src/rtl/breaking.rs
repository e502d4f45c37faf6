//! Greedy line breaking on UAX #14 opportunities.

use std::borrow::Cow;
use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation as _;

use super::is_bidi_control;

/// A line being filled: logical range (trailing whitespace excluded) and width.
struct Open {
    start: usize,
    end: usize,
    width: f32,
}

/// Break the paragraph `content` (a byte range of `text` without its separator) into lines.
///
/// Each line is its logical byte range (trailing whitespace trimmed) and measured width.
/// A paragraph always gives at least one line, possibly empty.
pub(super) fn break_paragraph(
    text: &str,
    content: Range<usize>,
    max_width: f32,
    measure: &mut dyn FnMut(&str) -> f32,
) -> Vec<(Range<usize>, f32)> {
    let para = text.get(content.clone()).unwrap_or_default();
    let base = content.start;
    let mut lines = Vec::new();
    let mut open: Option<Open> = None;
    // Width of the whitespace after the last word of `open`: it only counts if a word follows.
    let mut pending_space = 0.0;
    let mut piece_start = 0;

    for (brk, opportunity) in linebreaks(para) {
        let piece = para.get(piece_start..brk).unwrap_or_default();
        let word_len = piece.trim_end().len();
        let word = base + piece_start..base + piece_start + word_len;
        let word_width = width_of(text, word.clone(), measure);
        let space_width = width_of(text, word.end..base + brk, measure);
        piece_start = brk;

        match open.as_mut() {
            // A whitespace-only piece adds nothing to draw.
            Some(_) if word.is_empty() => {}
            // Only leading whitespace so far: the first word joins it.
            Some(line) if line.start == line.end => {
                let start = line.start;
                let width = pending_space + word_width;
                open = Some(start_line(
                    text,
                    start..word.end,
                    width,
                    max_width,
                    measure,
                    &mut lines,
                ));
            }
            Some(line) if line.width + pending_space + word_width <= max_width => {
                line.width += pending_space + word_width;
                line.end = word.end;
            }
            _ => {
                if let Some(line) = open.take() {
                    lines.push((line.start..line.end, line.width));
                }
                open = Some(start_line(
                    text, word, word_width, max_width, measure, &mut lines,
                ));
            }
        }
        pending_space = space_width;

        if opportunity == BreakOpportunity::Mandatory && brk < para.len() {
            if let Some(line) = open.take() {
                lines.push((line.start..line.end, line.width));
            }
            pending_space = 0.0;
        }
    }
    match open {
        Some(line) => lines.push((line.start..line.end, line.width)),
        None => lines.push((base + piece_start..base + piece_start, 0.0)),
    }
    lines
}

/// Begin a line with `word`; a word wider than the line is broken between grapheme
/// clusters, its full chunks pushed to `lines`, and the last chunk opens the new line.
fn start_line(
    text: &str,
    word: Range<usize>,
    word_width: f32,
    max_width: f32,
    measure: &mut dyn FnMut(&str) -> f32,
    lines: &mut Vec<(Range<usize>, f32)>,
) -> Open {
    if word_width <= max_width || word.is_empty() {
        return Open {
            start: word.start,
            end: word.end,
            width: word_width,
        };
    }
    let word_text = text.get(word.clone()).unwrap_or_default();
    let ends: Vec<usize> = word_text
        .grapheme_indices(true)
        .map(|(i, g)| word.start + i + g.len())
        .collect();
    let mut start = word.start;
    let mut rest: &[usize] = &ends;
    loop {
        // The longest prefix of whole clusters that fits; at least one cluster, so we progress.
        let mut best = 0;
        let mut best_width = width_of(text, start..rest.first().copied().unwrap_or(start), measure);
        let (mut lo, mut hi) = (1, rest.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let end = rest.get(mid).copied().unwrap_or(word.end);
            let width = width_of(text, start..end, measure);
            if width <= max_width {
                best = mid;
                best_width = width;
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let end = rest.get(best).copied().unwrap_or(word.end);
        rest = rest.get(best + 1..).unwrap_or_default();
        if rest.is_empty() {
            return Open {
                start,
                end,
                width: best_width,
            };
        }
        lines.push((start..end, best_width));
        start = end;
    }
}

/// Width of `text[range]` with bidi controls removed (they are never drawn).
fn width_of(text: &str, range: Range<usize>, measure: &mut dyn FnMut(&str) -> f32) -> f32 {
    let piece = text.get(range).unwrap_or_default();
    if piece.is_empty() {
        return 0.0;
    }
    let visible: Cow<'_, str> = if piece.contains(is_bidi_control) {
        piece.chars().filter(|&c| !is_bidi_control(c)).collect()
    } else {
        Cow::Borrowed(piece)
    };
    if visible.is_empty() {
        0.0
    } else {
        measure(&visible)
    }
}
