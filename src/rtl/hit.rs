//! Between screen positions and the logical text: which character a point is on, and which
//! rectangles a logical range covers. Used for selection, find highlights and split points.
//!
//! epaint keeps one glyph per character of every section (`glyphs.len() == char_count`,
//! adding zero-width "continuation" glyphs where a cluster has fewer glyphs than characters),
//! so the glyphs of a row are the sections of its [`LineMap`] in order. Inside a section the
//! shaper may reorder (right to left) and merge (ligatures such as lam-alef, marks) characters:
//! each glyph that takes space starts a cluster, found by its character (`Glyph::chr` is the
//! first character of its cluster), and the cluster's width is shared by its characters.

use std::ops::Range;

use egui::epaint::text::Galley;
use egui::{Pos2, Rect, pos2};
use unicode_segmentation::UnicodeSegmentation as _;

use super::Direction;
use super::egui_adapter::{LineMap, SectionMap};

/// How far (in characters) a glyph's character is looked for past the previous cluster.
const CLUSTER_WINDOW: usize = 8;

/// Where one logical character is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct CharBox {
    /// Byte range of the character in the logical text.
    pub range: Range<usize>,
    /// Left and right edge, in galley coordinates.
    pub x: (f32, f32),
    /// Whether the character is read right to left (in a right-to-left run): its logical
    /// start is then its right edge.
    pub rtl: bool,
}

/// The characters of every row, in galley coordinates, with the row's vertical extent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowBoxes {
    /// Logical range of the row's line.
    pub range: Range<usize>,
    /// Top and bottom of the row, in galley coordinates.
    pub y: (f32, f32),
    /// The row's characters (in no particular order).
    pub chars: Vec<CharBox>,
}

/// Boxes of every character of `galley`, laid out from `lines` (the map of its job).
pub fn char_boxes(galley: &Galley, lines: &[LineMap]) -> Vec<RowBoxes> {
    let mut rows = Vec::with_capacity(lines.len());
    for (placed, line) in galley.rows.iter().zip(lines) {
        let x0 = placed.pos.x;
        let glyphs = &placed.row.glyphs;
        let mut out = RowBoxes {
            range: line.range.clone(),
            y: (placed.pos.y, placed.pos.y + placed.row.size.y),
            chars: Vec::new(),
        };
        let mut g = 0;
        for section in &line.sections {
            let rest = glyphs.get(g..).unwrap_or_default();
            let Some(n) = section_glyph_count(section, rest) else {
                break;
            };
            let section_glyphs = rest.get(..n).unwrap_or_default();
            g += n;
            let spans: Vec<(f32, f32, char)> = section_glyphs
                .iter()
                .map(|gl| (x0 + gl.pos.x, x0 + gl.max_x(), gl.chr))
                .collect();
            section_boxes(section, &spans, &mut out.chars);
        }
        rows.push(out);
    }
    rows
}

/// How many of `glyphs` (the row's glyphs from the section's first on) belong to `section`.
///
/// Left to right sections have one glyph per character. For a section harfrust shapes right
/// to left, epaint 0.37 emits the shaped glyphs (clusters in decreasing order) and then, for
/// the last cluster (the first characters of the text), zero-width continuation glyphs for
/// all the section's characters after that cluster's glyphs (its cluster-range bookkeeping
/// assumes increasing clusters). So the section ends after a glyph of its first character
/// followed by zero-width glyphs for exactly the remaining characters.
fn section_glyph_count(
    section: &SectionMap,
    glyphs: &[egui::epaint::text::Glyph],
) -> Option<usize> {
    let n = section.chars.len();
    if !section.shaped_rtl {
        return (glyphs.len() >= n).then_some(n);
    }
    let first = section.chars.first()?.0;
    for i in 1..=glyphs.len() {
        // Glyphs of the last cluster all carry its first character.
        let back = glyphs[..i]
            .iter()
            .rev()
            .take_while(|g| g.chr == first)
            .count()
            .min(n);
        for g0 in 1..=back {
            let tail = section.chars.get(g0..).unwrap_or_default();
            let matches = glyphs.get(i..i + tail.len()).is_some_and(|cont| {
                cont.iter()
                    .zip(tail)
                    .all(|(g, (c, _))| g.chr == *c && g.advance_width == 0.0)
            });
            if matches {
                return Some(i + tail.len());
            }
        }
    }
    None
}

/// The boxes of one section's characters from its glyphs' spans (left, right, char), in the
/// order the galley has them.
fn section_boxes(section: &SectionMap, spans: &[(f32, f32, char)], out: &mut Vec<CharBox>) {
    let n = section.chars.len();
    if n == 0 {
        return;
    }
    let rtl = section.run == Direction::Rtl;
    // Clusters as (first job index, last job index, left, right).
    let mut clusters: Vec<(usize, usize, f32, f32)> = Vec::new();
    let advancing = spans.iter().filter(|s| s.1 > s.0);
    if section.shaped_rtl {
        // Visual order: the leftmost glyph is the last cluster of the section's text.
        let mut p = n; // job indices below `p` are not yet assigned
        for &(left, right, chr) in advancing {
            let found = (p.saturating_sub(CLUSTER_WINDOW)..p)
                .rev()
                .find(|&k| section.chars.get(k).is_some_and(|(c, _)| *c == chr));
            match (found, clusters.last_mut()) {
                (Some(k), _) => {
                    clusters.push((k, p - 1, left, right));
                    p = k;
                }
                (None, Some(last)) => last.3 = last.3.max(right),
                (None, None) if p > 0 => {
                    clusters.push((p - 1, p - 1, left, right));
                    p -= 1;
                }
                (None, None) => {}
            }
        }
        // Characters no glyph claimed sit at the section's right end, zero wide.
        if p > 0 {
            let right = clusters
                .last()
                .map_or_else(|| spans.first().map_or(0.0, |s| s.0), |c| c.3);
            clusters.push((0, p - 1, right, right));
        }
        for (first, last, left, right) in clusters {
            // Earlier characters of the job are further right.
            share(section, first..=last, left, right, true, rtl, out);
        }
    } else {
        let mut p = 0; // job indices from `p` on are not yet assigned
        for &(left, right, chr) in advancing {
            let found = (p..(p + CLUSTER_WINDOW).min(n))
                .find(|&k| section.chars.get(k).is_some_and(|(c, _)| *c == chr));
            match (found, clusters.last_mut()) {
                (Some(k), last) => {
                    // Characters skipped since the last cluster belong to it (ligature
                    // tails, marks); before the first cluster they open it.
                    let start = match last {
                        Some(last) => {
                            if k > p {
                                last.1 = k - 1;
                            }
                            k
                        }
                        None => p,
                    };
                    clusters.push((start, k, left, right));
                    p = k + 1;
                }
                (None, Some(last)) => last.3 = last.3.max(right),
                (None, None) if p < n => {
                    clusters.push((p, p, left, right));
                    p += 1;
                }
                (None, None) => {}
            }
        }
        if let Some(last) = clusters.last_mut() {
            last.1 = n - 1;
        } else {
            let left = spans.first().map_or(0.0, |s| s.0);
            clusters.push((0, n - 1, left, left));
        }
        for (first, last, left, right) in clusters {
            share(section, first..=last, left, right, false, rtl, out);
        }
    }
}

/// Share `left..right` evenly between the job characters `indices` of `section`.
fn share(
    section: &SectionMap,
    indices: std::ops::RangeInclusive<usize>,
    left: f32,
    right: f32,
    reversed: bool,
    rtl: bool,
    out: &mut Vec<CharBox>,
) {
    let count = indices.clone().count().max(1) as f32;
    let w = (right - left) / count;
    for (j, k) in indices.enumerate() {
        let Some((_, range)) = section.chars.get(k) else {
            continue;
        };
        let j = j as f32;
        let x = if reversed {
            (right - (j + 1.0) * w, right - j * w)
        } else {
            (left + j * w, left + (j + 1.0) * w)
        };
        out.push(CharBox {
            range: range.clone(),
            x,
            rtl,
        });
    }
}

/// Rectangles (galley coordinates) covering the characters of `range`, one per stretch of
/// touching characters on a row: a range across mixed runs gives several on one row.
pub fn range_rects(rows: &[RowBoxes], range: Range<usize>) -> Vec<Rect> {
    let mut rects = Vec::new();
    if range.is_empty() {
        return rects;
    }
    for row in rows {
        let mut spans: Vec<(f32, f32)> = row
            .chars
            .iter()
            .filter(|c| c.range.start < range.end && range.start < c.range.end)
            .map(|c| c.x)
            .filter(|(l, r)| r > l)
            .collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut merged: Vec<(f32, f32)> = Vec::new();
        for (l, r) in spans {
            match merged.last_mut() {
                // Glyph positions are rounded to pixels: neighbours may be a pixel apart.
                Some(last) if l <= last.1 + 2.0 => last.1 = last.1.max(r),
                _ => merged.push((l, r)),
            }
        }
        rects.extend(
            merged
                .into_iter()
                .map(|(l, r)| Rect::from_min_max(pos2(l, row.y.0), pos2(r, row.y.1))),
        );
    }
    rects
}

/// The logical byte offset (a caret position) nearest to `pos` (galley coordinates).
pub fn offset_at(rows: &[RowBoxes], pos: Pos2) -> usize {
    let Some(row) = rows.iter().find(|r| pos.y < r.y.1).or_else(|| rows.last()) else {
        return 0;
    };
    let inside = row.chars.iter().find(|c| pos.x >= c.x.0 && pos.x < c.x.1);
    let (char_box, left_half) = if let Some(c) = inside {
        (c, pos.x < f32::midpoint(c.x.0, c.x.1))
    } else {
        // Beyond the ink: the nearest edge of the nearest character.
        let nearest = row.chars.iter().min_by(|a, b| {
            let d = |c: &CharBox| (c.x.0 - pos.x).abs().min((c.x.1 - pos.x).abs());
            d(a).total_cmp(&d(b))
        });
        match nearest {
            Some(c) => (c, pos.x < c.x.0),
            None => return row.range.start,
        }
    };
    // A right-to-left character starts at its right edge.
    if left_half == char_box.rtl {
        char_box.range.end
    } else {
        char_box.range.start
    }
}

/// The word (or run of spaces or punctuation) around byte `offset` of `text`, by UAX #29.
pub fn word_at(text: &str, offset: usize) -> Range<usize> {
    let mut last = 0..0;
    for (start, word) in text.split_word_bound_indices() {
        let range = start..start + word.len();
        if range.contains(&offset) {
            // Prefer a word over the space after it when the offset is at their boundary.
            return range;
        }
        last = range;
    }
    last
}

#[cfg(test)]
mod tests {
    use egui::epaint::text::{Fonts, TextOptions};
    use proptest::prelude::*;

    use super::*;
    use crate::fonts;
    use crate::rtl::cache::{LayoutStyle, PersianLayoutCache};

    /// Lay `text` out at `width` and return the text's rows of boxes.
    fn boxes(text: &str, width: f32, mixed: bool) -> Vec<RowBoxes> {
        let mut fonts = Fonts::new(TextOptions::default(), fonts::definitions());
        let mut view = fonts.with_pixels_per_point(1.0);
        let persian = fonts::persian_font(16.0, false);
        let style = if mixed {
            LayoutStyle::mixed(&persian, &egui::FontId::proportional(14.0))
        } else {
            LayoutStyle::persian(&persian)
        };
        let mut cache = PersianLayoutCache::default();
        let layout = cache.layout_styled(&mut view, text, &style, width, 1.0);
        let galley = view.layout_job((*layout.job).clone());
        char_boxes(&galley, &layout.lines)
    }

    fn mid(c: &CharBox) -> f32 {
        f32::midpoint(c.x.0, c.x.1)
    }

    fn box_of(rows: &[RowBoxes], start: usize) -> CharBox {
        rows.iter()
            .flat_map(|r| r.chars.iter())
            .find(|c| c.range.start == start)
            .cloned()
            .unwrap_or_else(|| panic!("no box at {start}"))
    }

    #[test]
    fn persian_reads_from_the_right_and_offsets_follow() {
        let text = "سلام دنیا";
        let rows = boxes(text, 1000.0, false);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].chars.len(), text.chars().count());
        let first = box_of(&rows, 0);
        let second = box_of(&rows, 'س'.len_utf8());
        assert!(
            first.rtl && mid(&first) > mid(&second),
            "{first:?} {second:?}"
        );
        let right = rows[0].chars.iter().map(|c| c.x.1).fold(f32::MIN, f32::max);
        let left = rows[0].chars.iter().map(|c| c.x.0).fold(f32::MAX, f32::min);
        assert_eq!(offset_at(&rows, pos2(right - 0.5, 5.0)), 0);
        assert_eq!(offset_at(&rows, pos2(right + 30.0, 5.0)), 0);
        assert_eq!(offset_at(&rows, pos2(left - 30.0, 5.0)), text.len());
        // The first word is one rectangle at the right end.
        let word = range_rects(&rows, 0.."سلام".len());
        assert_eq!(word.len(), 1);
        assert!((word[0].right() - right).abs() < 0.5);
    }

    #[test]
    fn a_range_across_runs_gives_a_rectangle_per_visual_stretch() {
        let text = "پلیس NAJA گفت";
        let rows = boxes(text, 1000.0, false);
        let naja = text.find("NAJA").unwrap_or_default();
        let n = box_of(&rows, naja);
        let a = box_of(&rows, naja + 1);
        assert!(
            !n.rtl && mid(&n) < mid(&a),
            "Latin left to right: {n:?} {a:?}"
        );
        // `س NA`: the end of پلیس (left end of the Persian word) and the start of NAJA
        // (its left end) are apart on screen.
        let s_start = "پلی".len();
        let rects = range_rects(&rows, s_start..naja + 2);
        assert_eq!(rects.len(), 2, "{rects:?}");
        // The whole Latin word is one stretch.
        assert_eq!(range_rects(&rows, naja..naja + 4).len(), 1);
    }

    #[test]
    fn lam_alef_ligature_shares_its_glyph_and_digits_keep_their_order() {
        let text = "لا ۷۰۰ A";
        let rows = boxes(text, 1000.0, true);
        assert_eq!(rows[0].chars.len(), text.chars().count());
        let lam = box_of(&rows, 0);
        let alef = box_of(&rows, 'ل'.len_utf8());
        assert!(lam.x.1 > lam.x.0 && alef.x.1 > alef.x.0, "{lam:?} {alef:?}");
        assert!(mid(&lam) > mid(&alef), "lam right of alef");
        let seven = text.find('۷').unwrap_or_default();
        let d7 = box_of(&rows, seven);
        let d0 = box_of(&rows, seven + '۷'.len_utf8());
        assert!(!d7.rtl && mid(&d7) < mid(&d0), "۷ left of ۰: {d7:?} {d0:?}");
    }

    #[test]
    fn words_are_found_around_an_offset() {
        let text = "می‌شود NAJA.";
        assert_eq!(word_at(text, 2), 0.."می‌شود".len(), "ZWNJ stays in the word");
        let naja = text.find("NAJA").unwrap_or_default();
        assert_eq!(word_at(text, naja + 1), naja..naja + 4);
    }

    fn mixed_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "سلام",
            "دنیا",
            "می‌شود",
            "لا",
            "NAJA",
            "police",
            "۷۰۰",
            "12",
            "٪",
            "(",
            ")",
            "«",
            "»",
            "،",
            ".",
            "-",
            "؟",
        ]);
        prop::collection::vec((pieces, prop::bool::ANY), 1..12).prop_map(|v| {
            v.into_iter()
                .map(|(p, space)| if space { format!("{p} ") } else { p.to_owned() })
                .collect::<String>()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Every character has one box; every range maps to rectangles whose points map back
        /// into the range; every character's box maps back to its own edges.
        #[test]
        fn ranges_map_to_rectangles_and_back(
            text in mixed_text(),
            width in 60.0f32..400.0,
            mixed in prop::bool::ANY,
            a in 0usize..200,
            b in 0usize..200,
        ) {
            let rows = boxes(&text, width, mixed);
            let mut starts: Vec<usize> = rows
                .iter()
                .flat_map(|r| r.chars.iter().map(|c| c.range.start))
                .collect();
            starts.sort_unstable();
            // Trailing spaces of wrapped lines are not drawn; every other character is.
            let drawn: Vec<usize> = text
                .char_indices()
                .filter(|(i, c)| !c.is_whitespace() || starts.binary_search(i).is_ok())
                .map(|(i, _)| i)
                .collect();
            prop_assert_eq!(&starts, &drawn);

            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            let range = a.min(b)..a.max(b);
            let rects = range_rects(&rows, range.clone());
            let wide_inside = rows.iter().flat_map(|r| r.chars.iter()).any(|c| {
                range.start <= c.range.start && c.range.end <= range.end && c.x.1 - c.x.0 > 1.0
            });
            prop_assert_eq!(!rects.is_empty(), wide_inside || rects.iter().any(|r| r.width() > 0.0));
            for rect in &rects {
                let at = offset_at(&rows, rect.center());
                prop_assert!(range.start <= at && at <= range.end, "{:?} -> {} not in {:?}", rect, at, range);
            }
            for c in rows.iter().flat_map(|r| r.chars.iter()) {
                if c.x.1 - c.x.0 > 1.0 {
                    let y = rows.iter().find(|r| r.chars.contains(c)).map_or(0.0, |r| f32::midpoint(r.y.0, r.y.1));
                    let at = offset_at(&rows, pos2(f32::midpoint(c.x.0, c.x.1) - 0.25, y));
                    prop_assert!(at == c.range.start || at == c.range.end);
                }
            }
        }
    }
}
