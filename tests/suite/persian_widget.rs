//! The real `PersianText` widget in an `egui_kittest` harness with the app's fonts: the sample
//! article is laid out, and the glyphs egui placed are checked.

use std::sync::Arc;

use egui::epaint::text::Galley;
use egui::{OutputCommand, Pos2, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use virast::fonts;
use virast::rtl::cache::PersianLayoutCache;
use virast::rtl::{PersianText, widget::COPY_LABEL};

const SIZE: f32 = 18.0;

fn sample() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/khabarresa-police-counseling.fa.txt"
    );
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// What one widget laid out in the last frame.
#[derive(Clone)]
struct Shown {
    galley: Arc<Galley>,
    galley_pos: Pos2,
    rect: Rect,
}

fn harness(paragraphs: Vec<String>, width: f32) -> Harness<'static, Vec<Shown>> {
    Harness::builder()
        .with_size(vec2(width, 2400.0))
        .with_context_setup(fonts::install)
        .build_ui_state(
            move |ui, shown: &mut Vec<Shown>| {
                shown.clear();
                for paragraph in &paragraphs {
                    let out = PersianText::new(paragraph).size(SIZE).show(ui);
                    shown.push(Shown {
                        galley: out.galley,
                        galley_pos: out.galley_pos,
                        rect: out.response.rect,
                    });
                }
            },
            Vec::new(),
        )
}

/// Glyphs of a row that take space. epaint 0.37 appends, for every right-to-left run of N
/// characters, N-1 zero-width "continuation" glyphs at the run's end (its cluster
/// bookkeeping assumes increasing clusters); they draw nothing and are skipped here. So are
/// marks and ligature tails, which the top row of the sample does not have.
fn ink(shown: &Shown, row: usize) -> Vec<&egui::epaint::text::Glyph> {
    shown.galley.rows[row]
        .row
        .glyphs
        .iter()
        .filter(|g| g.advance_width > 0.0)
        .collect()
}

/// The words of a row read from right to left, each word's characters also read from right
/// to left (so a Persian word reads in its logical order).
fn words_right_to_left(shown: &Shown, row: usize) -> Vec<String> {
    let mut glyphs = ink(shown, row);
    glyphs.sort_by(|a, b| b.pos.x.total_cmp(&a.pos.x));
    glyphs
        .iter()
        .map(|g| g.chr)
        .collect::<String>()
        .split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Screen x of the left and right ink-box edges of a row (its glyphs' advances).
fn row_span(shown: &Shown, row: usize) -> (f32, f32) {
    let placed = &shown.galley.rows[row];
    let x0 = shown.galley_pos.x + placed.pos.x;
    let glyphs = ink(shown, row);
    let visible = glyphs.iter().filter(|g| !g.chr.is_whitespace());
    let left = visible
        .clone()
        .map(|g| g.pos.x)
        .fold(f32::INFINITY, f32::min);
    let right = visible.map(|g| g.max_x()).fold(f32::NEG_INFINITY, f32::max);
    (x0 + left, x0 + right)
}

#[test]
fn first_word_is_rightmost_on_the_top_row_and_rows_are_right_aligned() {
    let text = sample();
    let paragraphs: Vec<String> = text.lines().map(str::to_owned).collect();
    let first = paragraphs[0].clone();
    let mut harness = harness(paragraphs, 720.0);
    harness.run();

    // Found through its accessibility label, which is the logical text.
    let node_rect = harness.get_by_label(&first).rect();
    let shown = harness.state()[0].clone();
    assert!(
        (node_rect.right() - shown.rect.right()).abs() < 1.0
            && (node_rect.top() - shown.rect.top()).abs() < 1.0,
        "the labelled node {node_rect:?} is the widget {:?}",
        shown.rect
    );
    assert!(shown.galley.rows.len() >= 4, "the paragraph should wrap");

    // Top row, read from the right: the paragraph's first words in order.
    let top = words_right_to_left(&shown, 0);
    let logical_words: Vec<&str> = first.split(' ').collect();
    assert_eq!(
        top.first().map(String::as_str),
        Some("به"),
        "top row: {top:?}"
    );
    assert_eq!(top, logical_words[..top.len()], "top row, right to left");

    // Every row ends at the widget's right edge and fits in its width.
    for row in 0..shown.galley.rows.len() {
        let (left, right) = row_span(&shown, row);
        assert!(
            (right - shown.rect.right()).abs() <= 1.0,
            "row {row} ends at {right}, the widget at {}",
            shown.rect.right()
        );
        assert!(
            left >= shown.rect.left() - 0.5,
            "row {row} overflows left: {left}"
        );
    }
    // Ragged left edge: the last row is short and starts well right of the widget's left.
    let (last_left, _) = row_span(&shown, shown.galley.rows.len() - 1);
    assert!(
        last_left > shown.rect.left() + 50.0,
        "last row starts at {last_left}"
    );

    // The number keeps its digit order: "۷۰۰" appears as ۷ ۰ ۰ from left to right.
    let all: String = (0..shown.galley.rows.len())
        .flat_map(|row| {
            let mut glyphs = ink(&shown, row);
            glyphs.sort_by(|a, b| a.pos.x.total_cmp(&b.pos.x));
            glyphs.into_iter().map(|g| g.chr).collect::<Vec<_>>()
        })
        .collect();
    assert!(all.contains("۷۰۰"), "digits reversed: {all}");
    assert!(!all.contains("۰۰۷"));
}

#[test]
fn narrower_window_rewraps_and_caches_one_job_per_width() {
    let text = sample();
    let paragraphs: Vec<String> = text.lines().map(str::to_owned).collect();
    let count = paragraphs.len();
    let mut harness = harness(paragraphs, 900.0);
    harness.run();
    let wide_rows = harness.state()[0].galley.rows.len();
    let jobs = |h: &Harness<'_, Vec<Shown>>| {
        h.ctx
            .memory_mut(|m| m.caches.cache::<PersianLayoutCache>().num_jobs())
    };
    assert_eq!(jobs(&harness), count);

    // Same width again: served from the cache, nothing new laid out.
    harness.run_steps(3);
    assert_eq!(jobs(&harness), count);

    harness.set_size(vec2(400.0, 2400.0));
    harness.run();
    let narrow = harness.state()[0].clone();
    assert!(narrow.galley.rows.len() > wide_rows, "no re-wrap at 400 pt");
    assert_eq!(jobs(&harness), 2 * count, "one job per paragraph and width");
    let (left, right) = row_span(&narrow, 0);
    assert!((right - narrow.rect.right()).abs() <= 1.0);
    assert!(left >= narrow.rect.left() - 0.5);
}

#[test]
fn context_menu_copies_the_logical_text() {
    let text = "پلیس (NAJA) در ۷۰۰ کلانتری «مرکز مشاوره» دارد.".to_owned();
    let mut harness = harness(vec![text.clone()], 600.0);
    harness.run();
    harness.get_by_label(&text).click_secondary();
    harness.run();
    harness.get_by_label(COPY_LABEL).click();
    harness.step();
    let copied: Vec<&String> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            OutputCommand::CopyText(s) => Some(s),
            _ => None,
        })
        .collect();
    assert_eq!(
        copied,
        [&text],
        "copies the stored string, not the visual one"
    );
}

#[test]
fn empty_and_mixed_text_render_without_missing_glyphs() {
    // kittest panics on a missing glyph: bidi controls and ZWNJ must not reach the shaper
    // as unknown glyphs.
    let texts = vec![
        String::new(),
        "می‌شود \u{2066}COVID-19\u{2069} ٪۷۰ ۳۲٫۵ ۴۰۰٬۰۰۰ ، ؛ ؟ \u{200f}A\u{200e} [x] {y}"
            .to_owned(),
        "یک\n\nدو".to_owned(),
    ];
    let mut harness = harness(texts, 500.0);
    harness.run();
    let shown = harness.state().clone();
    assert_eq!(shown.len(), 3);
    assert!(shown[0].galley.rows.iter().all(|r| r.row.glyphs.is_empty()));
    assert_eq!(
        shown[2].galley.rows.len(),
        3,
        "paragraph break, empty line, paragraph"
    );
}
