//! Spelling in the English field: the layout with misspelt words underlined (the `TextEdit`'s
//! layouter) and the spelling menu (suggestions, add to the project dictionary, ignore).

use std::ops::Range;

use egui::text::{LayoutJob, LayoutSection};
use egui::{Color32, FontId, Stroke, TextFormat};

use crate::app::spell::SpellMenu;
use crate::app::{Action, VirastApp};

/// The English text laid out as the `TextEdit` would, with the `misspelt` byte ranges underlined
/// in `underline`. Ranges off the text or off a character boundary are left out.
pub fn english_job(
    text: &str,
    misspelt: &[Range<usize>],
    font: FontId,
    color: Color32,
    underline: Color32,
    wrap_width: f32,
    line_height: f32,
) -> LayoutJob {
    let plain = TextFormat {
        font_id: font,
        color,
        line_height: Some(line_height),
        ..TextFormat::default()
    };
    let marked = TextFormat {
        underline: Stroke::new(1.5, underline),
        ..plain.clone()
    };
    let mut job = LayoutJob {
        text: text.to_owned(),
        keep_trailing_whitespace: true,
        ..LayoutJob::default()
    };
    job.wrap.max_width = wrap_width;
    let mut push = |range: Range<usize>, format: &TextFormat| {
        job.sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: range.start.into()..range.end.into(),
            format: format.clone(),
        });
    };
    let mut at = 0;
    for r in misspelt {
        if r.start < at || r.end > text.len() || text.get(r.clone()).is_none() {
            continue;
        }
        if r.start > at {
            push(at..r.start, &plain);
        }
        push(r.clone(), &marked);
        at = r.end;
    }
    if at < text.len() || at == 0 {
        push(at..text.len(), &plain);
    }
    job
}

/// Byte offset of character `index` in `text` (the end for an index past it).
pub fn byte_of_char(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

/// The spelling menu's content: corrections, then add and ignore. Returns whether something
/// was chosen.
pub fn spell_menu_ui(app: &mut VirastApp, ui: &mut egui::Ui, menu: &SpellMenu) -> bool {
    let mut chosen = false;
    if menu.suggestions.is_empty() {
        ui.label(format!("No suggestions for “{}”", menu.word));
    }
    for s in &menu.suggestions {
        if ui.button(s.as_str()).clicked() {
            app.act(Action::ReplaceWord {
                index: menu.index,
                range: menu.range.clone(),
                word: menu.word.clone(),
                with: s.clone(),
            });
            chosen = true;
        }
    }
    ui.separator();
    if ui
        .button(format!("Add “{}” to project dictionary", menu.word))
        .on_hover_text("A name or place of this project: no longer flagged in any sentence")
        .clicked()
    {
        app.act(Action::AddWord(menu.word.clone()));
        chosen = true;
    }
    if ui
        .button(format!("Ignore “{}” in this project", menu.word))
        .clicked()
    {
        app.act(Action::IgnoreWord(menu.word.clone()));
        chosen = true;
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // one misspelt word
    fn misspelt_ranges_become_underlined_sections() {
        let job = english_job(
            "A goverment said",
            &[2..11],
            FontId::proportional(14.0),
            Color32::WHITE,
            Color32::RED,
            100.0,
            18.0,
        );
        let parts: Vec<(Range<usize>, bool)> = job
            .sections
            .iter()
            .map(|s| {
                (
                    s.byte_range.start.0..s.byte_range.end.0,
                    s.format.underline.width > 0.0,
                )
            })
            .collect();
        assert_eq!(parts, [(0..2, false), (2..11, true), (11..16, false)]);
        let empty = english_job(
            "",
            &[],
            FontId::default(),
            Color32::WHITE,
            Color32::RED,
            1.0,
            1.0,
        );
        assert_eq!(empty.sections.len(), 1);
        assert_eq!(byte_of_char("é x", 1), 2);
        assert_eq!(byte_of_char("ab", 5), 2);
    }
}
