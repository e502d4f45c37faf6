//! Cache of Persian layouts, kept in egui's memory (`Memory::caches`).
//!
//! Two levels, because they go stale at different times:
//! - word widths per (font family, size, pixels per point): measuring with egui's shaper is
//!   the costly part of a layout, and a news corpus reuses the same words all the time, so a
//!   new width only re-runs bidi and line breaking;
//! - finished [`LayoutJob`]s per (text, width, font, pixels per point): a row that was laid
//!   out costs one hash lookup per frame. egui's own galley cache then turns the job into a
//!   galley, and it is the one that knows when fonts or the atlas change.
//!
//! Jobs unused for [`KEEP_JOBS_PASSES`] passes are dropped, so dragging a window edge
//! (a new width every frame) does not grow the cache without bound.

use std::collections::HashMap;
use std::hash::{BuildHasher as _, Hash};
use std::sync::Arc;

use egui::cache::CacheTrait;
use egui::epaint::text::{FontsView, LayoutJob, TextFormat};
use egui::{Align, Color32, FontFamily, FontId};

use super::egui_adapter::{LineMap, SectionFormats};
use super::{Direction, auto_direction, egui_adapter, is_rtl_char, visual_lines_in};

/// Jobs not used for this many passes are evicted.
pub const KEEP_JOBS_PASSES: u64 = 600;
/// Word-width tables of a font not used for this many passes are evicted.
const KEEP_WIDTHS_PASSES: u64 = 10_000;
/// How often (in passes) stale entries are swept out.
const SWEEP_EVERY_PASSES: u64 = 64;
/// A width table is cleared when it grows past this many words.
const MAX_WORDS: usize = 200_000;

#[derive(Clone, PartialEq, Eq, Hash)]
struct FontKey {
    family: FontFamily,
    size_bits: u32,
    pixels_per_point_bits: u32,
}

impl FontKey {
    fn new(font_id: &FontId, pixels_per_point: f32) -> Self {
        Self {
            family: font_id.family.clone(),
            size_bits: font_id.size.to_bits(),
            pixels_per_point_bits: pixels_per_point.to_bits(),
        }
    }
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct JobKey {
    text_hash: u64,
    width_bits: u32,
    style: LayoutStyle,
    pixels_per_point_bits: u32,
}

/// How a text is laid out: paragraph direction and the fonts of its two kinds of sections.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LayoutStyle {
    /// Paragraph direction; `None` takes it from the first strong character (`dir=auto`).
    pub base: Option<Direction>,
    /// Font of right-to-left runs and right-to-left-script chunks (a Persian family).
    pub rtl_font: FontKeyOf,
    /// Font of left-to-right text.
    pub ltr_font: FontKeyOf,
    /// Italic text.
    pub italics: bool,
    /// Struck-through text (a resolved comment).
    pub strikethrough: bool,
}

/// A [`FontId`] that can be hashed (its size by bits).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FontKeyOf {
    family: FontFamily,
    size_bits: u32,
}

impl FontKeyOf {
    /// The key of `font`.
    pub fn new(font: &FontId) -> Self {
        FontKeyOf {
            family: font.family.clone(),
            size_bits: font.size.to_bits(),
        }
    }

    /// The font again.
    pub fn font_id(&self) -> FontId {
        FontId::new(f32::from_bits(self.size_bits), self.family.clone())
    }
}

impl LayoutStyle {
    /// Persian source: right to left, one Persian font throughout (as [`super::PersianText`]).
    pub fn persian(font: &FontId) -> Self {
        LayoutStyle {
            base: Some(Direction::Rtl),
            rtl_font: FontKeyOf::new(font),
            ltr_font: FontKeyOf::new(font),
            italics: false,
            strikethrough: false,
        }
    }

    /// User text of either language: direction from the first strong character, Persian in
    /// `rtl_font`, the rest in `ltr_font` (the UI font).
    pub fn mixed(rtl_font: &FontId, ltr_font: &FontId) -> Self {
        LayoutStyle {
            base: None,
            rtl_font: FontKeyOf::new(rtl_font),
            ltr_font: FontKeyOf::new(ltr_font),
            italics: false,
            strikethrough: false,
        }
    }

    fn formats(&self) -> SectionFormats {
        let format = |font: &FontKeyOf| {
            let mut f = TextFormat::simple(font.font_id(), Color32::PLACEHOLDER);
            f.italics = self.italics;
            if self.strikethrough {
                f.strikethrough = egui::Stroke::new(1.0, Color32::PLACEHOLDER);
            }
            f
        };
        SectionFormats {
            rtl: format(&self.rtl_font),
            ltr: format(&self.ltr_font),
        }
    }
}

/// A laid-out text: the job for egui and the map from its rows back to the logical text.
#[derive(Debug)]
pub struct TextLayout {
    /// The job (rows right-aligned to x = 0 for a right-to-left paragraph, left-aligned for a
    /// left-to-right one).
    pub job: Arc<LayoutJob>,
    /// Per row, its sections' logical characters ([`super::hit`] uses it).
    pub lines: Vec<LineMap>,
    /// The paragraph direction used.
    pub direction: Direction,
    /// The widest line as the line breaker measured it (word by word). egui's galley of the
    /// same line can be a little narrower; a widget that wraps must take at least this width,
    /// or laying the text out again at the width it took breaks the lines differently.
    pub measured_width: f32,
}

struct JobEntry {
    /// Kept to rule out hash collisions.
    text: String,
    layout: Arc<TextLayout>,
    last_used: u64,
}

#[derive(Default)]
struct WidthTable {
    widths: HashMap<String, f32>,
    last_used: u64,
}

/// Laid-out Persian paragraphs and measured word widths; see the module docs.
#[derive(Default)]
pub struct PersianLayoutCache {
    pass: u64,
    hasher: std::hash::RandomState,
    jobs: HashMap<JobKey, JobEntry>,
    widths: HashMap<FontKey, WidthTable>,
}

impl PersianLayoutCache {
    /// The cached job for `text` at this width, font and scale, if there is one.
    pub fn get(
        &mut self,
        text: &str,
        font_id: &FontId,
        width: f32,
        pixels_per_point: f32,
    ) -> Option<Arc<LayoutJob>> {
        self.get_styled(
            text,
            &LayoutStyle::persian(font_id),
            width,
            pixels_per_point,
        )
        .map(|l| Arc::clone(&l.job))
    }

    /// The job for `text` laid out right to left in `font_id`, in lines of at most `width`
    /// points (see [`layout_width`]), from the cache or computed now with `fonts`.
    pub fn layout(
        &mut self,
        fonts: &mut FontsView<'_>,
        text: &str,
        font_id: &FontId,
        width: f32,
        pixels_per_point: f32,
    ) -> Arc<LayoutJob> {
        let style = LayoutStyle::persian(font_id);
        Arc::clone(
            &self
                .layout_styled(fonts, text, &style, width, pixels_per_point)
                .job,
        )
    }

    /// The cached layout of `text` in `style`, if there is one.
    pub fn get_styled(
        &mut self,
        text: &str,
        style: &LayoutStyle,
        width: f32,
        pixels_per_point: f32,
    ) -> Option<Arc<TextLayout>> {
        let key = self.key(text, style, width, pixels_per_point);
        let pass = self.pass;
        let entry = self.jobs.get_mut(&key).filter(|e| e.text == text)?;
        entry.last_used = pass;
        Some(Arc::clone(&entry.layout))
    }

    /// The layout of `text` in `style` in lines of at most `width` points, from the cache or
    /// computed now with `fonts`.
    pub fn layout_styled(
        &mut self,
        fonts: &mut FontsView<'_>,
        text: &str,
        style: &LayoutStyle,
        width: f32,
        pixels_per_point: f32,
    ) -> Arc<TextLayout> {
        if let Some(layout) = self.get_styled(text, style, width, pixels_per_point) {
            return layout;
        }
        let pass = self.pass;
        let rtl_font = style.rtl_font.font_id();
        let ltr_font = style.ltr_font.font_id();
        let mut tables = Vec::with_capacity(2);
        for font in [&rtl_font, &ltr_font] {
            let key = FontKey::new(font, pixels_per_point);
            let mut table = self.widths.remove(&key).unwrap_or_default();
            table.last_used = pass;
            if table.widths.len() > MAX_WORDS {
                table.widths.clear();
            }
            tables.push((key, table));
        }
        let same_font = rtl_font == ltr_font;
        let mut measure = |piece: &str| {
            // A piece with right-to-left script is drawn in the Persian font.
            let k = usize::from(!same_font && !piece.chars().any(needs_rtl_font));
            let font = if k == 0 { &rtl_font } else { &ltr_font };
            let table = &mut tables[k].1.widths;
            if let Some(&w) = table.get(piece) {
                return w;
            }
            let w = egui_adapter::measure_text(fonts, font, piece);
            table.insert(piece.to_owned(), w);
            w
        };
        let direction = style.base.unwrap_or_else(|| auto_direction(text));
        let lines = visual_lines_in(text, direction, layout_width(width), &mut measure);
        let halign = match direction {
            Direction::Rtl => Align::RIGHT,
            Direction::Ltr => Align::LEFT,
        };
        let mapped = egui_adapter::layout_job_mapped(text, &lines, &style.formats(), halign);
        for (key, table) in tables {
            self.widths.entry(key).or_insert(table);
        }
        let layout = Arc::new(TextLayout {
            job: Arc::new(mapped.job),
            lines: mapped.lines,
            direction,
            measured_width: lines.iter().map(|l| l.width).fold(0.0, f32::max),
        });
        let key = self.key(text, style, width, pixels_per_point);
        self.jobs.insert(
            key,
            JobEntry {
                text: text.to_owned(),
                layout: Arc::clone(&layout),
                last_used: pass,
            },
        );
        layout
    }

    /// Number of cached jobs.
    pub fn num_jobs(&self) -> usize {
        self.jobs.len()
    }

    /// Number of cached word widths, over all fonts.
    pub fn num_widths(&self) -> usize {
        self.widths.values().map(|t| t.widths.len()).sum()
    }

    fn key(&self, text: &str, style: &LayoutStyle, width: f32, pixels_per_point: f32) -> JobKey {
        JobKey {
            text_hash: self.hasher.hash_one(text),
            width_bits: layout_width(width).to_bits(),
            style: style.clone(),
            pixels_per_point_bits: pixels_per_point.to_bits(),
        }
    }
}

/// Whether `c` is drawn in the Persian font of a mixed text: right-to-left letters, and the
/// Arabic-script digits and signs that the adapter gives sections of their own.
fn needs_rtl_font(c: char) -> bool {
    is_rtl_char(c) || egui_adapter::shaper_direction(c.encode_utf8(&mut [0; 4])) == Direction::Rtl
}

/// The width lines are broken at: `width` rounded down to whole points, so that sub-point
/// jitter of the available width neither misses the cache nor re-wraps the text.
pub fn layout_width(width: f32) -> f32 {
    if width.is_finite() {
        width.floor().max(0.0)
    } else {
        f32::INFINITY
    }
}

impl CacheTrait for PersianLayoutCache {
    fn update(&mut self) {
        self.pass += 1;
        let pass = self.pass;
        // Sweeping is O(entries); once a second or so at 60 fps is plenty.
        if !pass.is_multiple_of(SWEEP_EVERY_PASSES) {
            return;
        }
        self.jobs
            .retain(|_, e| pass.saturating_sub(e.last_used) <= KEEP_JOBS_PASSES);
        self.widths
            .retain(|_, t| pass.saturating_sub(t.last_used) <= KEEP_WIDTHS_PASSES);
    }

    fn len(&self) -> usize {
        self.jobs.len() + self.widths.len()
    }
}

#[cfg(test)]
mod tests {
    use egui::epaint::text::{Fonts, TextOptions};

    use super::*;
    use crate::fonts;

    const TEXT: &str = "به گزارش خبررسا، سردار اشتری در حاشیه بیست و یکمین همایش گفت.";

    #[test]
    fn a_layout_is_computed_once_per_text_width_and_font() {
        let mut fonts = Fonts::new(TextOptions::default(), fonts::definitions());
        let mut view = fonts.with_pixels_per_point(1.0);
        let font_id = fonts::persian_font(16.0, false);
        let mut cache = PersianLayoutCache::default();

        let first = cache.layout(&mut view, TEXT, &font_id, 300.4, 1.0);
        let words = cache.num_widths();
        assert!(words > 5, "words were measured");
        // Sub-point jitter of the width hits the same entry.
        let again = cache.layout(&mut view, TEXT, &font_id, 300.9, 1.0);
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(cache.num_jobs(), 1);

        // A new width re-breaks the lines but measures no word again.
        let wide = cache.layout(&mut view, TEXT, &font_id, 2000.0, 1.0);
        assert_eq!(cache.num_jobs(), 2);
        assert_eq!(cache.num_widths(), words);
        assert!(first.text.matches('\n').count() > wide.text.matches('\n').count());

        // A new size is a new font: measured afresh.
        cache.layout(
            &mut view,
            TEXT,
            &fonts::persian_font(20.0, false),
            300.0,
            1.0,
        );
        assert_eq!(cache.num_jobs(), 3);
        assert!(cache.num_widths() > words);

        assert!(cache.get("another text", &font_id, 300.0, 1.0).is_none());
    }

    #[test]
    fn unused_jobs_are_evicted_and_used_ones_kept() {
        let mut fonts = Fonts::new(TextOptions::default(), fonts::definitions());
        let mut view = fonts.with_pixels_per_point(1.0);
        let font_id = fonts::persian_font(16.0, false);
        let mut cache = PersianLayoutCache::default();
        cache.layout(&mut view, TEXT, &font_id, 300.0, 1.0);
        cache.layout(&mut view, "یک دو سه", &font_id, 300.0, 1.0);

        for _ in 0..KEEP_JOBS_PASSES + 2 * SWEEP_EVERY_PASSES {
            // Only the first text stays on screen.
            assert!(cache.get(TEXT, &font_id, 300.0, 1.0).is_some());
            cache.update();
        }
        assert_eq!(cache.num_jobs(), 1);
        assert!(cache.get("یک دو سه", &font_id, 300.0, 1.0).is_none());
        assert!(cache.num_widths() > 0, "word widths outlive jobs");
    }
}
