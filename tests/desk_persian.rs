//! Persian everywhere in the desk, driven through the real UI with `egui_kittest`: user text
//! quoting Persian reads right, the source can be corrected, find highlights and steps through
//! matches, and the Persian column can be selected and copied.

use std::sync::Arc;

use egui::epaint::text::Galley;
use egui::{Pos2, Shape};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use virast::app::{Document, VirastApp};
use virast::model::Stamp;

mod common;
use common::{editor_settings, harness_with};

/// The galleys painted in the last frame whose text contains `needle`, with their positions.
fn painted(h: &Harness<'static, VirastApp>, needle: &str) -> Vec<(Arc<Galley>, Pos2)> {
    fn walk(shape: &Shape, needle: &str, out: &mut Vec<(Arc<Galley>, Pos2)>) {
        match shape {
            Shape::Text(t) if t.galley.job.text.contains(needle) => {
                out.push((Arc::clone(&t.galley), t.pos));
            }
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, needle, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, needle, &mut out);
    }
    out
}

/// The galley painted for the widget at `rect` (its top left or top right corner).
fn galley_of(h: &Harness<'static, VirastApp>, needle: &str, rect: egui::Rect) -> Arc<Galley> {
    let found: Vec<_> = painted(h, needle)
        .into_iter()
        .filter(|(_, pos)| {
            (pos.y - rect.top()).abs() < 1.0
                && ((pos.x - rect.left()).abs() < 1.0 || (pos.x - rect.right()).abs() < 1.0)
        })
        .collect();
    assert_eq!(found.len(), 1, "one galley for the widget at {rect:?}");
    Arc::clone(&found[0].0)
}

/// The characters a galley shows, left to right, row by row, without spaces; glyphs that
/// take no space (epaint's continuation glyphs, marks) are skipped.
fn ink_left_to_right(galley: &Galley) -> Vec<String> {
    galley
        .rows
        .iter()
        .map(|row| {
            let mut glyphs: Vec<_> = row
                .row
                .glyphs
                .iter()
                .filter(|g| g.advance_width > 0.0 && !g.chr.is_whitespace())
                .collect();
            glyphs.sort_by(|a, b| a.pos.x.total_cmp(&b.pos.x));
            glyphs.into_iter().map(|g| g.chr).collect()
        })
        .collect()
}

const QUESTION: &str = "Is “most effective” faithful to «بسیار خوبی»?";

#[test]
fn a_comment_quoting_persian_shows_the_persian_words_in_reading_order() {
    let mut doc = Document::sample();
    doc.project
        .add_comment(0, QUESTION, &Stamp::now("سارا"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness_with(doc, editor_settings());
    h.run();

    // The comment in the thread and the comment's entry in the history: each one widget
    // whose accessible label is the logical text.
    let nodes: Vec<egui::Rect> = h.get_all_by_label(QUESTION).map(|n| n.rect()).collect();
    assert_eq!(nodes.len(), 2, "the comment and its history note");
    // Worked out by hand from UAX #9 with a left-to-right paragraph: the English in order,
    // « and » stay outside the Persian island, whose letters read right to left (so its
    // first word, بسیار, is the rightmost).
    let island: String = "بسیار خوبی".chars().rev().filter(|c| *c != ' ').collect();
    let expected = format!("Is“mosteffective”faithfulto«{island}»?");
    for node in nodes {
        let galley = galley_of(&h, "faithful", node);
        let pos_x = painted(&h, "faithful")
            .iter()
            .find(|(g, _)| Arc::ptr_eq(g, &galley))
            .map(|(_, p)| p.x);
        assert_eq!(
            pos_x.map(|x| (x - node.left()).abs() < 1.0),
            Some(true),
            "an English sentence starts at the left"
        );
        // The UI font draws "ff" as one ligature glyph (the second f has no width).
        assert_eq!(
            ink_left_to_right(&galley).concat(),
            expected.replace("ff", "f")
        );
    }

    // The author's Persian name is laid out too (right to left, one word).
    let author = painted(&h, "سارا");
    assert!(!author.is_empty());
    assert_eq!(
        ink_left_to_right(&author[0].0).concat(),
        "سارا".chars().rev().collect::<String>()
    );
}

#[test]
fn persian_typed_into_the_english_field_gets_a_preview_that_reads_right() {
    let mut h = harness_with(Document::sample(), editor_settings());
    common::type_into(&mut h, 1, "The spokesman, سردار اشتری, said");
    let target = h.state().doc.project.segments[0].target.clone();
    assert_eq!(target, "The spokesman, سردار اشتری, said");
    let preview = h.get_by_label(&format!("Reads as: {target}")).rect();
    // The preview (not the text field's own galley) shows the name in reading order.
    let galley = galley_of(&h, "اشتری", preview);
    let island: String = "سردار اشتری".chars().rev().filter(|c| *c != ' ').collect();
    assert_eq!(
        ink_left_to_right(&galley).concat(),
        format!("Thespokesman,{island},said")
    );
}
