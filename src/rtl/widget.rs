//! [`PersianText`] (a Persian paragraph, right to left) and [`MixedText`] (user text of
//! either direction), both laid out with the bidi core and cached; optionally selectable
//! (drag, double-click a word, Shift+click, Ctrl+C copies the logical text) and with
//! highlighted ranges (find matches) drawn on the right glyphs.

use std::ops::Range;
use std::sync::Arc;

use egui::{
    Color32, Event, FontId, Galley, Id, Key, Pos2, Response, Role, Sense, Ui, Widget, WidgetInfo,
    vec2,
};

use super::Direction;
use super::cache::{LayoutStyle, PersianLayoutCache, TextLayout};
use super::hit;
use crate::fonts;

/// Font size in points used when none is given (Persian reads best a little larger than
/// egui's 14 pt English body text).
pub const DEFAULT_SIZE: f32 = 18.0;

/// Label of the context-menu entry that copies the stored (logical) text.
pub const COPY_LABEL: &str = "Copy Persian text";

/// Label of the context-menu entry of [`MixedText`] that copies its text.
pub const COPY_TEXT_LABEL: &str = "Copy text";

/// Label of the context-menu entry that copies the selection.
pub const COPY_SELECTION_LABEL: &str = "Copy selection";

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
    inner: MixedText<'a>,
}

/// What [`PersianText::show`] (or [`MixedText::show`]) laid out and where, for callers and
/// tests that need more than the [`Response`].
pub struct PersianTextOutput {
    /// The widget's response.
    pub response: Response,
    /// The painted galley; for a right-to-left paragraph its rows are right-aligned to x = 0
    /// (they span negative x).
    pub galley: Arc<Galley>,
    /// Screen position the galley was painted at: the top right corner of the widget for a
    /// right-to-left paragraph, the top left for a left-to-right one.
    pub galley_pos: Pos2,
    /// The layout the galley came from, with its map back to the logical text.
    pub layout: Arc<TextLayout>,
}

impl PersianTextOutput {
    /// Where every character is, in galley coordinates (add `galley_pos` for the screen).
    pub fn char_boxes(&self) -> Vec<hit::RowBoxes> {
        hit::char_boxes(&self.galley, &self.layout.lines)
    }

    /// Screen rectangles covering the logical byte `range`.
    pub fn range_rects(&self, range: Range<usize>) -> Vec<egui::Rect> {
        hit::range_rects(&self.char_boxes(), range)
            .into_iter()
            .map(|r| r.translate(self.galley_pos.to_vec2()))
            .collect()
    }

    /// The logical byte offset nearest to the screen position `pos`.
    pub fn offset_at(&self, pos: Pos2) -> usize {
        hit::offset_at(&self.char_boxes(), pos - self.galley_pos.to_vec2())
    }
}

impl<'a> PersianText<'a> {
    /// A paragraph showing `text` (logical order, as stored) at [`DEFAULT_SIZE`].
    pub fn new(text: &'a str) -> Self {
        let mut inner = MixedText::new(text);
        inner.base = Some(Direction::Rtl);
        inner.size = DEFAULT_SIZE;
        inner.persian_only = true;
        inner.copy_label = COPY_LABEL;
        // Clickable (a row is selected by clicking its Persian) with the copy context menu.
        inner.sense = Sense::click();
        Self { inner }
    }

    /// Font size in points.
    pub fn size(mut self, size: f32) -> Self {
        self.inner.size = size;
        self
    }

    /// Use Vazirmatn Bold.
    pub fn bold(mut self, bold: bool) -> Self {
        self.inner.bold = bold;
        self
    }

    /// Text colour; the style's text colour if not set.
    pub fn color(mut self, color: Color32) -> Self {
        self.inner.color = Some(color);
        self
    }

    /// See [`MixedText::selectable`].
    pub fn selectable(mut self, selectable: bool) -> Self {
        self.inner.selectable = selectable;
        self
    }

    /// See [`MixedText::highlights`].
    pub fn highlights(mut self, highlights: &'a [(Range<usize>, Color32)]) -> Self {
        self.inner.highlights = highlights;
        self
    }

    /// See [`MixedText::id`].
    pub fn id(mut self, id: Id) -> Self {
        self.inner.id = Some(id);
        self
    }

    /// Lay out, allocate, paint, and return the details.
    pub fn show(self, ui: &mut Ui) -> PersianTextOutput {
        self.inner.show(ui)
    }
}

impl Widget for PersianText<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        self.show(ui).response
    }
}

/// The one widget for user text that may hold Persian (comments, history notes, QA
/// messages, titles, paths, notices): the paragraph direction comes from the first strong
/// character (as `dir=auto` in a browser), so `Is “most effective” faithful to «بسیار خوبی»?`
/// is an English sentence with the Persian words in reading order, and a Persian comment is
/// right-aligned. Persian is drawn in Vazirmatn, the rest in the UI font; cached like
/// [`PersianText`]. Its accessibility label is the logical text.
#[must_use = "add it with `ui.add(..)` or call `show`"]
// A builder: each flag is one independent option.
#[allow(clippy::struct_excessive_bools)]
pub struct MixedText<'a> {
    text: &'a str,
    size: f32,
    bold: bool,
    color: Option<Color32>,
    base: Option<Direction>,
    persian_only: bool,
    italics: bool,
    strikethrough: bool,
    wrap: bool,
    selectable: bool,
    sense: Sense,
    highlights: &'a [(Range<usize>, Color32)],
    id: Option<Id>,
    copy_label: &'static str,
}

/// The one selection of selectable texts, shared by all of them (a new one replaces it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Selection {
    owner: Id,
    anchor: usize,
    cursor: usize,
}

impl Selection {
    fn range(&self) -> Range<usize> {
        self.anchor.min(self.cursor)..self.anchor.max(self.cursor)
    }
}

fn selection_id() -> Id {
    Id::unique("virast-rtl-selection")
}

/// The selected logical range of the text whose widget id is `owner`, if it has a selection.
pub fn selection_of(ctx: &egui::Context, owner: Id) -> Option<Range<usize>> {
    ctx.data(|d| d.get_temp::<Selection>(selection_id()))
        .filter(|s| s.owner == owner && s.anchor != s.cursor)
        .map(|s| s.range())
}

impl<'a> MixedText<'a> {
    /// `text` at the body text size, direction from its first strong character.
    pub fn new(text: &'a str) -> Self {
        MixedText {
            text,
            size: 14.0,
            bold: false,
            color: None,
            base: None,
            persian_only: false,
            italics: false,
            strikethrough: false,
            wrap: true,
            selectable: false,
            sense: Sense::hover(),
            highlights: &[],
            id: None,
            copy_label: COPY_TEXT_LABEL,
        }
    }

    /// Font size in points.
    pub fn size(mut self, size: f32) -> Self {
        self.size = size;
        self
    }

    /// Bold Persian (and strong UI text).
    pub fn strong(mut self, strong: bool) -> Self {
        self.bold = strong;
        self
    }

    /// Text colour; the style's text colour if not set.
    pub fn color(mut self, color: Color32) -> Self {
        self.color = Some(color);
        self
    }

    /// Lay the paragraph out in this direction instead of that of its first strong
    /// character: for messages of our own (English sentences that quote Persian, such as QA
    /// findings), which must read left to right even when the quote comes first.
    pub fn direction(mut self, direction: Direction) -> Self {
        self.base = Some(direction);
        self
    }

    /// Italic.
    pub fn italics(mut self, italics: bool) -> Self {
        self.italics = italics;
        self
    }

    /// Struck through (a resolved comment, an ignored finding).
    pub fn strikethrough(mut self, strikethrough: bool) -> Self {
        self.strikethrough = strikethrough;
        self
    }

    /// Wrap to the available width (default), or keep each paragraph on one row.
    pub fn wrap(mut self, wrap: bool) -> Self {
        self.wrap = wrap;
        self
    }

    /// Sense clicks (for a clickable path or list entry).
    pub fn sense(mut self, sense: Sense) -> Self {
        self.sense = sense;
        self
    }

    /// Let the user select: drag, double-click a word, triple-click all, Shift+click to
    /// extend; Ctrl+C and the context menu copy the logical text of the selection.
    pub fn selectable(mut self, selectable: bool) -> Self {
        self.selectable = selectable;
        self
    }

    /// Logical byte ranges to paint behind the text in the given colours (find matches).
    pub fn highlights(mut self, highlights: &'a [(Range<usize>, Color32)]) -> Self {
        self.highlights = highlights;
        self
    }

    /// The widget id (a stable one keeps a selection while rows scroll; defaults to an id
    /// from the position in the layout).
    pub fn id(mut self, id: Id) -> Self {
        self.id = Some(id);
        self
    }

    fn style(&self, ui: &Ui) -> LayoutStyle {
        let persian = fonts::persian_font(self.size, self.bold);
        let mut style = if self.persian_only {
            LayoutStyle::persian(&persian)
        } else {
            let ltr = FontId::proportional(self.size);
            let _ = ui;
            LayoutStyle::mixed(&persian, &ltr)
        };
        style.base = self.base.or(style.base);
        style.italics = self.italics;
        style.strikethrough = self.strikethrough;
        style
    }

    /// Lay out, allocate, paint, and return the details.
    pub fn show(self, ui: &mut Ui) -> PersianTextOutput {
        let style = self.style(ui);
        let available = ui.available_width();
        let width = if self.wrap { available } else { f32::INFINITY };
        let ctx = ui.ctx().clone();
        let pixels_per_point = ctx.pixels_per_point();
        let text = self.text;

        let cached = ctx.memory_mut(|mem| {
            mem.caches.cache::<PersianLayoutCache>().get_styled(
                text,
                &style,
                width,
                pixels_per_point,
            )
        });
        let layout = cached.unwrap_or_else(|| {
            // Measuring needs the fonts lock, which must not be taken inside `memory_mut`:
            // take the cache out, fill it, put it back.
            let mut cache =
                ctx.memory_mut(|mem| std::mem::take(mem.caches.cache::<PersianLayoutCache>()));
            let layout = ctx.fonts_mut(|fonts| {
                cache.layout_styled(fonts, text, &style, width, pixels_per_point)
            });
            ctx.memory_mut(|mem| *mem.caches.cache::<PersianLayoutCache>() = cache);
            layout
        });
        // `layout_job` takes the job by value; egui finds its cached galley by the job's hash.
        let galley = ctx.fonts_mut(|fonts| fonts.layout_job((*layout.job).clone()));

        let rtl = layout.direction == Direction::Rtl;
        let desired_width = if rtl && available.is_finite() && self.wrap {
            available
        } else {
            // At least the width the line breaker measured, rounded up: a parent that sizes
            // itself to its content (a dialog) gives this width back next frame, and the lines
            // must break there as they did here, or the dialog moves on a frame nobody asked
            // for.
            galley
                .size()
                .x
                .max(layout.measured_width.ceil())
                .min(available.max(0.0))
        };
        let sense = if self.selectable {
            self.sense | Sense::click_and_drag()
        } else {
            self.sense
        };
        let (rect, response) = match self.id {
            Some(id) => {
                let rect = ui.allocate_space(vec2(desired_width, galley.size().y)).1;
                (rect, ui.interact(rect, id, sense))
            }
            None => ui.allocate_exact_size(vec2(desired_width, galley.size().y), sense),
        };
        response.widget_info(|| WidgetInfo::labeled(Role::Label, ui.is_enabled(), text));

        let galley_pos = if rtl {
            rect.right_top()
        } else {
            rect.left_top()
        };
        let out = PersianTextOutput {
            response,
            galley,
            galley_pos,
            layout,
        };

        let selection = if self.selectable {
            handle_selection(ui, &out, text)
        } else {
            None
        };

        if ui.is_rect_visible(rect) {
            let wanted: Vec<(Range<usize>, Color32)> = self
                .highlights
                .iter()
                .cloned()
                .chain(selection.map(|r| (r, ui.visuals().selection.bg_fill)))
                .collect();
            if !wanted.is_empty() {
                let boxes = out.char_boxes();
                let offset = out.galley_pos.to_vec2();
                for (range, color) in wanted {
                    for r in hit::range_rects(&boxes, range) {
                        ui.painter().rect_filled(r.translate(offset), 2.0, color);
                    }
                }
            }
            let color = self.color.unwrap_or_else(|| ui.visuals().text_color());
            ui.painter()
                .galley(out.galley_pos, Arc::clone(&out.galley), color);
        }

        let copy_label = self.copy_label;
        let owner = out.response.id;
        out.response.context_menu(|ui| {
            if let Some(range) = selection_of(ui.ctx(), owner)
                && ui.button(COPY_SELECTION_LABEL).clicked()
            {
                ui.ctx()
                    .copy_text(text.get(range).unwrap_or_default().to_owned());
                ui.close();
            }
            if ui.button(copy_label).clicked() {
                ui.ctx().copy_text(text.to_owned());
                ui.close();
            }
        });
        out
    }
}

/// Pointer and keyboard handling of a selectable text; returns its selection to paint.
fn handle_selection(ui: &Ui, out: &PersianTextOutput, text: &str) -> Option<Range<usize>> {
    let response = &out.response;
    let owner = response.id;
    let ctx = ui.ctx();
    let current = ctx
        .data(|d| d.get_temp::<Selection>(selection_id()))
        .filter(|s| s.owner == owner);
    let mut next = current;
    let shift = ui.input(|i| i.modifiers.shift);
    if response.triple_clicked() {
        next = Some(Selection {
            owner,
            anchor: 0,
            cursor: text.len(),
        });
    } else if response.double_clicked() {
        if let Some(pos) = response.interact_pointer_pos() {
            let word = hit::word_at(text, out.offset_at(pos));
            next = Some(Selection {
                owner,
                anchor: word.start,
                cursor: word.end,
            });
        }
    } else if response.drag_started() {
        let origin = ui.input(|i| i.pointer.press_origin());
        if let Some(pos) = origin.or_else(|| response.interact_pointer_pos()) {
            let at = out.offset_at(pos);
            next = Some(match current {
                Some(s) if shift => Selection { cursor: at, ..s },
                _ => Selection {
                    owner,
                    anchor: at,
                    cursor: at,
                },
            });
        }
    } else if response.dragged() || response.drag_stopped() {
        if let (Some(s), Some(pos)) = (current, response.interact_pointer_pos()) {
            next = Some(Selection {
                cursor: out.offset_at(pos),
                ..s
            });
        }
    } else if response.clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        let at = out.offset_at(pos);
        next = Some(match current {
            Some(s) if shift => Selection { cursor: at, ..s },
            _ => Selection {
                owner,
                anchor: at,
                cursor: at,
            },
        });
    }
    if next != current
        && let Some(s) = next
    {
        ctx.data_mut(|d| d.insert_temp(selection_id(), s));
    }
    let range = next.map(|s| s.range()).filter(|r| !r.is_empty())?;
    // Copy goes to the selection unless a text field has the keyboard (it copies its own).
    let focus_elsewhere = ctx
        .memory(egui::Memory::focused)
        .is_some_and(|f| f != owner);
    let copy = ui.input(|i| {
        i.events.iter().any(|e| match e {
            Event::Copy => true,
            Event::Key {
                key: Key::C,
                pressed: true,
                modifiers,
                ..
            } => modifiers.command,
            _ => false,
        })
    });
    if copy && !focus_elsewhere {
        ctx.copy_text(text.get(range.clone()).unwrap_or_default().to_owned());
    }
    Some(range)
}

impl Widget for MixedText<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        self.show(ui).response
    }
}
