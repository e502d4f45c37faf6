//! [`PersianText`]: a read-only Persian paragraph, laid out right to left.

use std::sync::Arc;

use egui::{Color32, Galley, Pos2, Response, Role, Sense, Ui, Widget, WidgetInfo, vec2};

use super::cache::PersianLayoutCache;
use crate::fonts;

/// Font size in points used when none is given (Persian reads best a little larger than
/// egui's 14 pt English body text).
pub const DEFAULT_SIZE: f32 = 18.0;

/// Label of the context-menu entry that copies the stored (logical) text.
pub const COPY_LABEL: &str = "Copy Persian text";

/// A read-only Persian paragraph that fills the available width, right-aligned, wrapped
/// with the bidi layout of [`crate::rtl`] and cached per (text, width, font size).
///
/// Its accessibility label is the logical text. A right click offers [`COPY_LABEL`], which
/// copies the logical text, never the displayed (visual) order.
///
/// Needs the fonts of [`crate::fonts::install`] (egui panics on an unknown font family).
///
/// ```no_run
/// # fn ui(ui: &mut egui::Ui, source: &str) {
/// ui.add(virast::rtl::PersianText::new(source).size(20.0));
/// # }
/// ```
#[must_use = "add it with `ui.add(..)` or call `show`"]
pub struct PersianText<'a> {
    text: &'a str,
    size: f32,
    bold: bool,
    color: Option<Color32>,
}

/// What [`PersianText::show`] laid out and where, for callers and tests that need more than
/// the [`Response`].
pub struct PersianTextOutput {
    /// The widget's response (its rect is the full available width).
    pub response: Response,
    /// The painted galley; its rows are right-aligned to x = 0 (they span negative x).
    pub galley: Arc<Galley>,
    /// Screen position the galley was painted at: the top right corner of the widget.
    pub galley_pos: Pos2,
}

impl<'a> PersianText<'a> {
    /// A paragraph showing `text` (logical order, as stored) at [`DEFAULT_SIZE`].
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            size: DEFAULT_SIZE,
            bold: false,
            color: None,
        }
    }

    /// Font size in points.
    pub fn size(mut self, size: f32) -> Self {
        self.size = size;
        self
    }

    /// Use Vazirmatn Bold.
    pub fn bold(mut self, bold: bool) -> Self {
        self.bold = bold;
        self
    }

    /// Text colour; the style's text colour if not set.
    pub fn color(mut self, color: Color32) -> Self {
        self.color = Some(color);
        self
    }

    /// Lay out, allocate, paint, and return the details.
    pub fn show(self, ui: &mut Ui) -> PersianTextOutput {
        let font_id = fonts::persian_font(self.size, self.bold);
        let width = ui.available_width();
        let ctx = ui.ctx().clone();
        let pixels_per_point = ctx.pixels_per_point();

        let cached = ctx.memory_mut(|mem| {
            mem.caches.cache::<PersianLayoutCache>().get(
                self.text,
                &font_id,
                width,
                pixels_per_point,
            )
        });
        let job = cached.unwrap_or_else(|| {
            // Measuring needs the fonts lock, which must not be taken inside `memory_mut`:
            // take the cache out, fill it, put it back.
            let mut cache =
                ctx.memory_mut(|mem| std::mem::take(mem.caches.cache::<PersianLayoutCache>()));
            let job = ctx.fonts_mut(|fonts| {
                cache.layout(fonts, self.text, &font_id, width, pixels_per_point)
            });
            ctx.memory_mut(|mem| *mem.caches.cache::<PersianLayoutCache>() = cache);
            job
        });
        // `layout_job` takes the job by value; egui finds its cached galley by the job's hash.
        let galley = ctx.fonts_mut(|fonts| fonts.layout_job((*job).clone()));

        let desired_width = if width.is_finite() {
            width
        } else {
            galley.size().x
        };
        let (rect, response) =
            ui.allocate_exact_size(vec2(desired_width, galley.size().y), Sense::click());
        response.widget_info(|| WidgetInfo::labeled(Role::Label, ui.is_enabled(), self.text));

        let galley_pos = rect.right_top();
        if ui.is_rect_visible(rect) {
            let color = self.color.unwrap_or_else(|| ui.visuals().text_color());
            ui.painter().galley(galley_pos, Arc::clone(&galley), color);
        }

        let text = self.text;
        response.context_menu(|ui| {
            if ui.button(COPY_LABEL).clicked() {
                ui.ctx().copy_text(text.to_owned());
                ui.close();
            }
        });

        PersianTextOutput {
            response,
            galley,
            galley_pos,
        }
    }
}

impl Widget for PersianText<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        self.show(ui).response
    }
}
