//! Bidi line layout for Persian text.
//!
//! egui 0.37 shapes Arabic script (letters join) but has no bidi algorithm and wraps a
//! right-to-left paragraph from the wrong end (see `docs/rtl.md`). This module does the part
//! egui lacks, as a pure function with no egui types: UAX #9 with a right-to-left base level,
//! greedy line breaking on UAX #14 opportunities with a caller-supplied measure function, and
//! for every line its runs from left to right. [`egui_adapter`] turns the result into an egui
//! `LayoutJob`, and [`widget::PersianText`] shows it.

mod breaking;
pub mod cache;
pub mod egui_adapter;
pub mod hit;
pub mod mirror;
pub mod widget;

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};

pub use widget::{MixedText, PersianText, PersianTextOutput};

/// Whether `c` is a strong right-to-left character (Arabic, Persian, Hebrew script).
pub fn is_rtl_char(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Direction in which the characters of a run are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Left to right (Latin words, numbers).
    Ltr,
    /// Right to left (Persian words, and neutrals between them).
    Rtl,
}

/// A run of one embedding level on a visual line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisualRun {
    /// Byte range of the run in the logical (stored) text.
    pub range: Range<usize>,
    /// The resolved UAX #9 embedding level; odd means right to left.
    pub level: u8,
}

impl VisualRun {
    /// Direction the run's characters are drawn in.
    pub fn direction(&self) -> Direction {
        if self.level % 2 == 1 {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }
}

/// One displayed line.
#[derive(Clone, Debug, PartialEq)]
pub struct VisualLine {
    /// Byte range of the line in the logical text, without trailing whitespace or the
    /// paragraph separator.
    pub range: Range<usize>,
    /// Runs in display order, left to right. Runs made only of bidi controls are left out,
    /// so an empty line has no runs.
    pub runs: Vec<VisualRun>,
    /// Width of the line according to the measure function.
    pub width: f32,
}

impl VisualLine {
    /// The line's logical text.
    pub fn logical<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.range.clone()).unwrap_or_default()
    }
}

/// Lay `text` out right to left in lines no wider than `max_width`.
///
/// `measure` gives the width of a piece of logical text (bidi controls already removed);
/// the width of a line is the sum of its words and the spaces between them. Paragraph
/// separators (`\n`, `\r\n`, U+2029 ...) start a new line, and a separator at the very end
/// gives a final empty line, like `str::split`; the empty string gives no lines. A word
/// wider than `max_width` is broken between grapheme clusters.
pub fn visual_lines(
    text: &str,
    max_width: f32,
    measure: &mut dyn FnMut(&str) -> f32,
) -> Vec<VisualLine> {
    visual_lines_in(text, Direction::Rtl, max_width, measure)
}

/// The paragraph direction a browser gives `text` under `dir=auto`: that of its first strong
/// character (rules P2/P3: letters of a right-to-left script, or of any other script), skipping
/// isolates; left to right when there is none.
pub fn auto_direction(text: &str) -> Direction {
    let mut isolate_depth = 0usize;
    for c in text.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => isolate_depth += 1,
            '\u{2069}' => isolate_depth = isolate_depth.saturating_sub(1),
            _ if isolate_depth > 0 => {}
            _ => match bidi_class(c) {
                BidiClass::R | BidiClass::AL => return Direction::Rtl,
                BidiClass::L => return Direction::Ltr,
                _ => {}
            },
        }
    }
    Direction::Ltr
}

/// Like [`visual_lines`], with the paragraph direction `base` (use [`auto_direction`] for
/// text that may be English or Persian). Lines are still listed top to bottom, their runs
/// left to right; a left-to-right paragraph is meant to be drawn left-aligned.
pub fn visual_lines_in(
    text: &str,
    base: Direction,
    max_width: f32,
    measure: &mut dyn FnMut(&str) -> f32,
) -> Vec<VisualLine> {
    if text.is_empty() {
        return Vec::new();
    }
    let level = match base {
        Direction::Rtl => Level::rtl(),
        Direction::Ltr => Level::ltr(),
    };
    let bidi = BidiInfo::new(text, Some(level));
    let mut lines = Vec::new();
    for para in &bidi.paragraphs {
        // unicode-bidi makes a paragraph of the `\n` in `\r\n`; it is part of the break before.
        if text.get(para.range.clone()) == Some("\n")
            && para.range.start > 0
            && text.as_bytes().get(para.range.start - 1) == Some(&b'\r')
        {
            continue;
        }
        let content = without_separator(text, para.range.clone());
        for (range, width) in breaking::break_paragraph(text, content, max_width, measure) {
            let runs = if range.is_empty() {
                Vec::new()
            } else {
                runs_of_line(&bidi, para, text, range.clone())
            };
            lines.push(VisualLine { range, runs, width });
        }
    }
    if text.ends_with(is_paragraph_separator) {
        lines.push(VisualLine {
            range: text.len()..text.len(),
            runs: Vec::new(),
            width: 0.0,
        });
    }
    lines
}

/// The text of `line` in display order, left to right: right-to-left runs reversed and
/// their characters mirrored (rule L4), combining marks kept after their base character
/// (rule L3, as `fribidi` prints it), bidi controls dropped. For tests and debugging.
pub fn visual_string(text: &str, line: &VisualLine) -> String {
    let mut out = String::with_capacity(line.range.len());
    for run in &line.runs {
        let run_text = text.get(run.range.clone()).unwrap_or_default();
        match run.direction() {
            Direction::Ltr => out.extend(run_text.chars().filter(|&c| !is_bidi_control(c))),
            Direction::Rtl => out.push_str(&reversed(run_text, true)),
        }
    }
    out
}

/// `text` in reverse character order without bidi controls, each base character followed by
/// its non-spacing marks (rule L3) and, if `mirror_chars`, mirrored (rule L4).
pub(crate) fn reversed(text: &str, mirror_chars: bool) -> String {
    let chars: Vec<(char, Range<usize>)> = visible_chars(text, 0);
    reversed_mapped(&chars, mirror_chars)
        .into_iter()
        .map(|(c, _)| c)
        .collect()
}

/// The characters of `text` other than bidi controls, each with its byte range shifted by
/// `offset` (the position of `text` in the logical string).
pub(crate) fn visible_chars(text: &str, offset: usize) -> Vec<(char, Range<usize>)> {
    text.char_indices()
        .filter(|&(_, c)| !is_bidi_control(c))
        .map(|(i, c)| (c, offset + i..offset + i + c.len_utf8()))
        .collect()
}

/// [`reversed`] on characters that carry their logical byte ranges along.
pub(crate) fn reversed_mapped(
    chars: &[(char, Range<usize>)],
    mirror_chars: bool,
) -> Vec<(char, Range<usize>)> {
    let mut out = Vec::with_capacity(chars.len());
    let mut end = chars.len();
    while end > 0 {
        // The unit ending at `end`: a base character and the marks after it.
        let mut start = end - 1;
        while start > 0
            && chars
                .get(start)
                .is_some_and(|(c, _)| bidi_class(*c) == BidiClass::NSM)
        {
            start -= 1;
        }
        for (i, (c, range)) in chars.get(start..end).unwrap_or_default().iter().enumerate() {
            let c = if i == 0 && mirror_chars {
                mirror::mirrored(*c).unwrap_or(*c)
            } else {
                *c
            };
            out.push((c, range.clone()));
        }
        end = start;
    }
    out
}

/// True for the explicit bidi formatting characters: they steer the layout and are not drawn.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters that end a paragraph for UAX #9 (bidi class B).
fn is_paragraph_separator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2029}')
}

/// The paragraph's range without its trailing separator (`\r\n` counts as one).
fn without_separator(text: &str, range: Range<usize>) -> Range<usize> {
    let para = text.get(range.clone()).unwrap_or_default();
    let trimmed = para
        .strip_suffix("\r\n")
        .unwrap_or_else(|| para.strip_suffix(is_paragraph_separator).unwrap_or(para));
    range.start..range.start + trimmed.len()
}

/// The level runs of one line, left to right, without runs that hold only bidi controls.
fn runs_of_line(
    bidi: &BidiInfo<'_>,
    para: &unicode_bidi::ParagraphInfo,
    text: &str,
    line: Range<usize>,
) -> Vec<VisualRun> {
    let (levels, runs) = bidi.visual_runs(para, line);
    runs.into_iter()
        .filter(|run| {
            text.get(run.clone())
                .is_some_and(|s| !s.chars().all(is_bidi_control))
        })
        .map(|run| VisualRun {
            level: levels.get(run.start).map_or(1, Level::number),
            range: run,
        })
        .collect()
}

#[cfg(test)]
mod tests;
