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
use egui::{Color32, FontFamily, FontId};

use super::{egui_adapter, visual_lines};

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
    font: FontKey,
}

struct JobEntry {
    /// Kept to rule out hash collisions.
    text: String,
    job: Arc<LayoutJob>,
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
        let key = self.key(text, font_id, width, pixels_per_point);
        let pass = self.pass;
        let entry = self.jobs.get_mut(&key).filter(|e| e.text == text)?;
        entry.last_used = pass;
        Some(Arc::clone(&entry.job))
    }

    /// The job for `text` laid out in lines of at most `width` points (see
    /// [`layout_width`]), from the cache or computed now with `fonts`.
    pub fn layout(
        &mut self,
        fonts: &mut FontsView<'_>,
        text: &str,
        font_id: &FontId,
        width: f32,
        pixels_per_point: f32,
    ) -> Arc<LayoutJob> {
        if let Some(job) = self.get(text, font_id, width, pixels_per_point) {
            return job;
        }
        let pass = self.pass;
        let table = self
            .widths
            .entry(FontKey::new(font_id, pixels_per_point))
            .or_default();
        table.last_used = pass;
        if table.widths.len() > MAX_WORDS {
            table.widths.clear();
        }
        let mut measure = |piece: &str| {
            if let Some(&w) = table.widths.get(piece) {
                return w;
            }
            let w = egui_adapter::measure_text(fonts, font_id, piece);
            table.widths.insert(piece.to_owned(), w);
            w
        };
        let lines = visual_lines(text, layout_width(width), &mut measure);
        let format = TextFormat::simple(font_id.clone(), Color32::PLACEHOLDER);
        let job = Arc::new(egui_adapter::layout_job(text, &lines, &format));
        let key = self.key(text, font_id, width, pixels_per_point);
        self.jobs.insert(
            key,
            JobEntry {
                text: text.to_owned(),
                job: Arc::clone(&job),
                last_used: pass,
            },
        );
        job
    }

    /// Number of cached jobs.
    pub fn num_jobs(&self) -> usize {
        self.jobs.len()
    }

    /// Number of cached word widths, over all fonts.
    pub fn num_widths(&self) -> usize {
        self.widths.values().map(|t| t.widths.len()).sum()
    }

    fn key(&self, text: &str, font_id: &FontId, width: f32, pixels_per_point: f32) -> JobKey {
        JobKey {
            text_hash: self.hasher.hash_one(text),
            width_bits: layout_width(width).to_bits(),
            font: FontKey::new(font_id, pixels_per_point),
        }
    }
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
