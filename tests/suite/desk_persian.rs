//! Persian everywhere in the desk, driven through the real UI with `egui_kittest`: user text
//! quoting Persian reads right, the source can be corrected, find highlights and steps through
//! matches, and the Persian column can be selected and copied.

use std::sync::Arc;

use egui::epaint::text::Galley;
use egui::{Key, Modifiers, Pos2, Shape};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use virast::app::{Document, VirastApp};
use virast::model::{Action, Stamp, Status};
use virast::ui::dialogs::{CORRECT_SOURCE_FIELD, SPLIT_PREVIEW_HINT};

use crate::common;
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

#[test]
fn an_editor_corrects_a_typo_in_the_source_and_can_undo_it() {
    let mut doc = Document::sample();
    let stamp = Stamp::now("Sara");
    doc.project
        .set_target(1, "The second sentence.", &stamp)
        .unwrap_or_else(|e| panic!("{e}"));
    doc.project
        .approve(1, &stamp)
        .unwrap_or_else(|e| panic!("{e}"));
    let imported = doc.project.source_text();
    let before = doc.project.segments[1].source.clone();
    let word = before.split(' ').next().unwrap_or_default().to_owned();
    let corrected = before.replacen(&word, &format!("{word}ی"), 1);
    let mut h = harness_with(doc, editor_settings());

    // Sentence 2 is current; F2 opens the dialog with its source in a logical-order field.
    h.get_by_label(&common::english_field(2)).click();
    h.run();
    h.key_press(Key::F2);
    h.run();
    h.get_by_label(CORRECT_SOURCE_FIELD).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(CORRECT_SOURCE_FIELD).type_text(&corrected);
    h.run();
    // The live preview shows the edited text laid out.
    let preview = h.get_by_label(&format!("Preview: {corrected}")).rect();
    let galley = galley_of(&h, &format!("{word}ی"), preview);
    assert!(
        (galley.rows[0].rect().right()).abs() < 1.0,
        "right-aligned Persian"
    );
    assert_eq!(h.state().doc.project.segments[1].source, before, "not yet");
    h.get_by_label("Correct source").click();
    h.run();

    let seg = h.state().doc.project.segments[1].clone();
    assert!(h.state().dialog.is_none());
    assert_eq!(seg.source, corrected);
    assert_eq!(seg.status, Status::Translated, "approval withdrawn");
    assert_eq!(seg.original_source.as_deref(), Some(before.as_str()));
    let rev = seg.history.last().unwrap_or_else(|| panic!("no history"));
    assert_eq!(rev.action, Action::CorrectSource);
    assert_eq!(rev.author, "Mina");
    assert_eq!(rev.source_before.as_deref(), Some(before.as_str()));
    assert_eq!(rev.source_after.as_deref(), Some(corrected.as_str()));
    // The status bar says so, the side panel shows both versions.
    h.get_by_label("Sentence 2: source corrected; its approval was withdrawn.");
    h.get_by_label("Source before:");
    // The source export is the corrected article; the imported one is kept for audit.
    let project = &h.state().doc.project;
    let exported = String::from_utf8(virast::export::source_bytes(project)).unwrap_or_default();
    assert_eq!(exported, imported.replacen(&before, &corrected, 1));
    assert_eq!(project.imported_text(), imported);
    assert!(h.state().doc.undo.is_dirty());

    // One undo step restores the source and the approval.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let seg = &h.state().doc.project.segments[1];
    assert_eq!(seg.source, before);
    assert_eq!(seg.status, Status::Approved);
    assert_eq!(
        virast::export::source_bytes(&h.state().doc.project),
        imported.as_bytes()
    );
}

#[test]
fn a_translator_cannot_correct_the_source_and_line_breaks_are_refused() {
    let settings = common::settings("Reza", virast::app::settings::Role::Translator);
    let mut h = harness_with(Document::sample(), settings);
    h.key_press(Key::F2);
    h.run();
    assert!(h.state().dialog.is_none(), "translators get no dialog");
    h.get_by_label("Only editors correct the source; switch role in Settings.");

    let mut h = harness_with(Document::sample(), editor_settings());
    h.key_press(Key::F2);
    h.run();
    h.get_by_label(CORRECT_SOURCE_FIELD).focus();
    h.key_press(Key::End);
    h.key_press(Key::Enter);
    h.get_by_label(CORRECT_SOURCE_FIELD).type_text("دوم");
    h.run();
    h.get_by_label("A sentence cannot hold a line break: split the sentence instead.");
    h.get_by_label("Correct source").click();
    h.run();
    assert!(h.state().dialog.is_some(), "refused, the dialog stays");
    assert!(
        h.state().doc.project.segments[0]
            .history
            .iter()
            .all(|r| r.action != Action::CorrectSource)
    );
}

#[test]
fn a_source_correction_re_runs_qa_on_that_sentence() {
    let mut doc = Document::sample();
    let i = doc
        .project
        .segments
        .iter()
        .position(|s| s.source.contains("۷۰۰"))
        .unwrap_or_else(|| panic!("the sample has ۷۰۰"));
    let english = "There are counselling centres in 700 police stations.";
    doc.project
        .set_target(i, english, &Stamp::now("Sara"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness_with(doc, editor_settings());
    let numbers = |h: &mut Harness<'static, VirastApp>| {
        let app = h.state_mut();
        let project = app.doc.project.clone();
        app.qa
            .findings(&project, i)
            .iter()
            .filter(|f| f.finding.message.contains("800"))
            .count()
    };
    assert_eq!(numbers(&mut h), 0, "700 matches ۷۰۰");
    let corrected = h.state().doc.project.segments[i]
        .source
        .replace("۷۰۰", "۸۰۰");
    h.state_mut()
        .act(virast::app::Action::CorrectSource(i, corrected));
    h.run();
    assert!(numbers(&mut h) > 0, "the corrected number is checked again");
}

/// Filled rectangles painted in the last frame with `fill`.
fn rects_filled(h: &Harness<'static, VirastApp>, fill: egui::Color32) -> Vec<egui::Rect> {
    fn walk(shape: &Shape, fill: egui::Color32, out: &mut Vec<egui::Rect>) {
        match shape {
            Shape::Rect(r) if r.fill == fill => out.push(r.rect),
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, fill, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, fill, &mut out);
    }
    out
}

/// Screen centres of the glyphs of `galley` (painted at `pos`) that take space, left to
/// right, with their characters.
fn glyph_centres(galley: &Galley, pos: Pos2) -> Vec<(Pos2, char)> {
    let mut out: Vec<(Pos2, char)> = galley
        .rows
        .iter()
        .flat_map(|row| {
            row.row
                .glyphs
                .iter()
                .filter(|g| g.advance_width > 0.0)
                .map(move |g| {
                    let centre = pos
                        + row.pos.to_vec2()
                        + g.pos.to_vec2()
                        + egui::vec2(g.advance_width / 2.0, -g.font_ascent / 2.0);
                    (centre, g.chr)
                })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.0.y, a.0.x)
            .partial_cmp(&(b.0.y, b.0.x))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    out
}

#[test]
fn find_highlights_both_columns_and_f3_steps_through_the_matches() {
    let mut doc = Document::sample();
    let with_number: Vec<usize> = doc
        .project
        .segments
        .iter()
        .enumerate()
        .filter(|(_, s)| s.source.contains("۷۰۰"))
        .map(|(i, _)| i)
        .collect();
    let first = with_number[0];
    doc.project
        .set_target(
            first,
            "There are 700 centres; 700 is many.",
            &Stamp::now("Sara"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    // Counted by hand: "700" is ۷۰۰ in the Persian (digits fold) and 700 in the English.
    let expected: usize = doc
        .project
        .segments
        .iter()
        .map(|s| s.source.matches("۷۰۰").count() + s.target.matches("700").count())
        .sum();
    assert!(expected >= 3);
    let mut h = harness_with(doc, editor_settings());

    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Search:");
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Search:")
        .type_text("700");
    h.run();
    h.get_by_label(&format!("{expected} matches"));

    // F3 goes to the first match: the Persian ۷۰۰ of the first sentence that has it.
    h.key_press(Key::F3);
    h.run();
    h.get_by_label(&format!("1 of {expected}"));
    assert_eq!(h.state().view.current, first);
    let theme = virast::ui::theme::Palette::new(h.state().settings.theme);
    let source = h.state().doc.project.segments[first].source.clone();
    let node = h.get_by_label(&source).rect();
    let galley = galley_of(&h, "۰۰۷", node);
    // The current match is drawn behind exactly the glyphs of ۷۰۰.
    let current = rects_filled(&h, theme.find_current());
    assert_eq!(current.len(), 1, "{current:?}");
    // The glyphs under it, left to right, are the number and nothing else.
    let under: String = glyph_centres(&galley, node.right_top())
        .into_iter()
        .filter(|(p, _)| current[0].contains(*p))
        .map(|(_, c)| c)
        .collect();
    assert_eq!(under, "۷۰۰");

    // F3 again: the English 700s of the same sentence, highlighted in the text field.
    h.key_press(Key::F3);
    h.run();
    h.get_by_label(&format!("2 of {expected}"));
    let english = h.state().view.find.current_match().cloned();
    assert_eq!(
        english.map(|m| (m.segment, m.in_source)),
        Some((first, false))
    );
    // In the English field, both 700s are marked, the current one in its own colour.
    let field = painted(&h, "There are 700");
    assert_eq!(field.len(), 1);
    let job = &field[0].0.job;
    let marked: Vec<(&str, bool)> = job
        .sections
        .iter()
        .filter(|s| s.format.background != egui::Color32::TRANSPARENT)
        .map(|s| {
            (
                &job.text[s.byte_range.start.0..s.byte_range.end.0],
                s.format.background == theme.find_current(),
            )
        })
        .collect();
    assert_eq!(marked, [("700", true), ("700", false)]);
    // Shift+F3 goes back; from the first, it wraps around to the last.
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run();
    h.get_by_label(&format!("1 of {expected}"));
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run();
    h.get_by_label(&format!("{expected} of {expected}"));
    let last = *with_number.last().unwrap_or(&first);
    assert_eq!(h.state().view.current, last);
    // Every match of a row shown is highlighted (the first row may be scrolled away).
    assert!(!rects_filled(&h, theme.find_match()).is_empty());
}

/// The text copied to the clipboard in the last frame.
fn copied(h: &Harness<'static, VirastApp>) -> Vec<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

fn pointer(h: &mut Harness<'static, VirastApp>, event: egui::Event) {
    h.input_mut().events.push(event);
    h.run();
}

fn press(pos: Pos2, pressed: bool, modifiers: Modifiers) -> egui::Event {
    egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers,
    }
}

#[test]
fn a_persian_phrase_is_selected_by_dragging_and_copied_in_logical_order() {
    let mut h = harness_with(Document::sample(), editor_settings());
    let source = h.state().doc.project.segments[0].source.clone();
    let node = h.get_by_label(&source).rect();
    let galley = galley_of(&h, "گزارش", node);
    let glyphs = glyph_centres(&galley, node.right_top());
    let top = glyphs.first().map_or(0.0, |g| g.0.y);
    let mut top_row: Vec<(Pos2, char)> = glyphs
        .iter()
        .copied()
        .filter(|g| (g.0.y - top).abs() < 1.0)
        .collect();
    top_row.sort_by(|a, b| b.0.x.total_cmp(&a.0.x));
    // The sentence starts "به گزارش ...": its first glyph is the rightmost; the end of
    // گزارش is its ش, the first one met from the right.
    assert_eq!(top_row[0].1, 'ب');
    // In the right half of the first letter (its logical start is its right edge).
    let start = egui::pos2(
        (top_row[0].0.x + 2.0).min(node.right() - 1.0),
        top_row[0].0.y,
    );
    let shin = top_row
        .iter()
        .find(|g| g.1 == 'ش')
        .map_or(start, |g| g.0 - egui::vec2(3.0, 0.0));

    pointer(&mut h, egui::Event::PointerMoved(start));
    pointer(&mut h, press(start, true, Modifiers::NONE));
    for k in 1..=4 {
        let t = k as f32 / 4.0;
        pointer(
            &mut h,
            egui::Event::PointerMoved(start + (shin - start) * t),
        );
    }
    pointer(&mut h, press(shin, false, Modifiers::NONE));
    assert_eq!(h.state().view.current, 0);
    // The selection is drawn; Ctrl+C copies the stored (logical) text of the phrase.
    let id = virast::ui::table::source_id(h.state().doc.project.segments[0].id);
    let selected = virast::rtl::widget::selection_of(&h.ctx, id);
    assert_eq!(selected, Some(0.."به گزارش".len()));
    // The selection is drawn behind the two words.
    let fill = h.ctx.global_style().visuals.selection.bg_fill;
    assert!(!rects_filled(&h, fill).is_empty());
    h.input_mut().events.push(egui::Event::Copy);
    h.step();
    assert_eq!(copied(&h), ["به گزارش"]);

    // Shift+click extends the selection to the next word.
    let words: Vec<&str> = source.split(' ').collect();
    let end_of_third = {
        // The last glyph (leftmost) of the third word: count the glyphs of the first three
        // words' letters from the right, skipping the spaces between them.
        let letters: usize = words[..3].iter().map(|w| w.chars().count()).sum();
        let inked: Vec<&(Pos2, char)> = top_row.iter().filter(|g| !g.1.is_whitespace()).collect();
        inked
            .get(letters - 1)
            .map_or(shin, |g| g.0 - egui::vec2(2.0, 0.0))
    };
    pointer(&mut h, egui::Event::PointerMoved(end_of_third));
    pointer(&mut h, egui::Event::ModifiersChanged(Modifiers::SHIFT));
    pointer(&mut h, press(end_of_third, true, Modifiers::SHIFT));
    pointer(&mut h, press(end_of_third, false, Modifiers::SHIFT));
    pointer(&mut h, egui::Event::ModifiersChanged(Modifiers::NONE));
    h.input_mut().events.push(egui::Event::Copy);
    h.step();
    assert_eq!(copied(&h), [words[..3].join(" ")]);

    // A double click selects one word.
    let second = top_row.iter().find(|g| g.1 == 'ز').map_or(start, |g| g.0);
    pointer(&mut h, egui::Event::PointerMoved(second));
    // The harness steps a quarter second per frame: both clicks go into one frame, so they
    // are within the double-click time.
    for pressed in [true, false, true, false] {
        h.input_mut()
            .events
            .push(press(second, pressed, Modifiers::NONE));
    }
    h.step();
    h.input_mut().events.push(egui::Event::Copy);
    h.step();
    assert_eq!(copied(&h), ["گزارش"]);
}

#[test]
fn clicking_between_two_persian_words_in_the_split_dialog_splits_there() {
    let mut h = harness_with(Document::sample(), editor_settings());
    let source = h.state().doc.project.segments[0].source.clone();
    let n = h.state().doc.project.segments.len();
    let points = virast::segment::split_points(&source);
    h.state_mut().view.current = 0;
    h.key_press_modifiers(common::SHIFT_CMD, Key::T);
    h.run();
    let chosen = |h: &Harness<'static, VirastApp>| match &h.state().dialog {
        Some(virast::app::Dialog::Split { pos, .. }) => Some(*pos),
        _ => None,
    };
    // The dialog starts elsewhere than the boundary clicked below.
    assert!(chosen(&h).is_some_and(|p| p != points[1]));

    // The clickable preview: the whole sentence right under the hint (the table's source
    // cell has the same label, but higher up).
    let hint = h.get_by_label(SPLIT_PREVIEW_HINT).rect();
    let node = h
        .get_all_by_label(&source)
        .map(|n| n.rect())
        .filter(|r| r.top() >= hint.bottom() - 1.0)
        .min_by(|a, b| a.top().total_cmp(&b.top()))
        .unwrap_or_else(|| panic!("no preview under the hint"));
    let galley = galley_of(&h, "گزارش", node);
    let glyphs = glyph_centres(&galley, node.right_top());
    let top = glyphs.first().map_or(0.0, |g| g.0.y);
    // The spaces of the first row, right to left: the sentence's word boundaries in order
    // (it starts with Persian words).
    let mut spaces: Vec<Pos2> = glyphs
        .iter()
        .filter(|g| (g.0.y - top).abs() < 1.0 && g.1 == ' ')
        .map(|g| g.0)
        .collect();
    spaces.sort_by(|a, b| b.x.total_cmp(&a.x));
    assert!(spaces.len() >= 2, "two word boundaries on the first row");
    let click = spaces[1];

    pointer(&mut h, egui::Event::PointerMoved(click));
    pointer(&mut h, press(click, true, Modifiers::NONE));
    pointer(&mut h, press(click, false, Modifiers::NONE));
    assert_eq!(chosen(&h), Some(points[1]));
    // The marker is drawn in the clicked space, and the two parts are previewed.
    let theme = virast::ui::theme::Palette::new(h.state().settings.theme);
    let markers = rects_filled(&h, theme.split_marker());
    assert_eq!(markers.len(), 1);
    assert!((markers[0].center().x - click.x).abs() < 4.0);
    assert!((markers[0].center().y - click.y).abs() < 12.0);
    h.get_by_label(source[..points[1]].trim_end());

    h.get_by_label("Split").click();
    h.run();
    let segments = &h.state().doc.project.segments;
    assert_eq!(segments.len(), n + 1);
    let words: Vec<&str> = source.split(' ').collect();
    assert_eq!(segments[0].source, words[..2].join(" "));
    assert_eq!(segments[1].source, words[2..].join(" "));
    assert!(h.state().dialog.is_none());
}

#[test]
fn tab_from_the_english_field_goes_to_the_side_panel_with_a_visible_focus_ring() {
    let mut h = harness_with(Document::sample(), editor_settings());
    let field = virast::ui::table::target_id(h.state().doc.project.segments[0].id);
    h.get_by_label(&common::english_field(1)).focus();
    h.run();
    assert_eq!(h.ctx.memory(egui::Memory::focused), Some(field));

    h.key_press(Key::Tab);
    h.run();
    // Focus is on the side panel's first control (its "Sentence" tab), not on the next
    // row's field, and the current row stays.
    let focused = h.ctx.memory(egui::Memory::focused);
    assert!(focused.is_some());
    assert_eq!(focused, h.state().view.side_first_control);
    let tab = h.get_by_label("Sentence").rect();
    let focused_rect = focused
        .and_then(|id| h.ctx.read_response(id))
        .map(|r| r.rect);
    assert_eq!(focused_rect, Some(tab));
    assert_eq!(h.state().view.current, 0);

    // The focus ring of the theme is drawn around it.
    let theme = virast::ui::theme::Palette::new(h.state().settings.theme);
    let ring = theme.focus_ring();
    let mut rings = Vec::new();
    for clipped in &h.output().shapes {
        if let Shape::Rect(r) = &clipped.shape
            && r.stroke == ring
        {
            rings.push(r.rect);
        }
    }
    assert_eq!(rings.len(), 1);
    assert!(rings[0].contains_rect(tab));

    // The next Tab goes on through the side panel, still not to another row.
    h.key_press(Key::Tab);
    h.run();
    let next = h.ctx.memory(egui::Memory::focused);
    assert!(next.is_some() && next != focused);
    assert_eq!(h.state().view.current, 0);
}
