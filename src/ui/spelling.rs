//! Spelling in the English field: the layout with misspelt words underlined (the `TextEdit`'s
//! layouter) and the spelling menu (suggestions, add to the project dictionary, ignore).

use std::ops::Range;

use egui::text::{LayoutJob, LayoutSection};
use egui::{Color32, FontId, Stroke, TextFormat};

use crate::app::spell::SpellMenu;
use crate::app::{Action, VirastApp};

/// How the English field's text is drawn: its font, colours and wrapping.
#[derive(Clone, Debug)]
pub struct EnglishStyle {
    /// The field's font.
    pub font: FontId,
    /// The text colour.
    pub color: Color32,
    /// The colour misspelt words are underlined in.
    pub underline: Color32,
    /// Where lines wrap.
    pub wrap_width: f32,
    /// The height of one line (as the stock `TextEdit` layout gives it).
    pub line_height: f32,
}

/// The English text laid out as the `TextEdit` would, with the `misspelt` byte ranges underlined
/// and the `highlights` (search matches) on their background colour. Ranges off the text or off
/// a character boundary are left out; misspelt words and matches may overlap.
pub fn english_job(
    text: &str,
    misspelt: &[Range<usize>],
    highlights: &[(Range<usize>, Color32)],
    style: &EnglishStyle,
) -> LayoutJob {
    let valid =
        |r: &Range<usize>| r.start < r.end && r.end <= text.len() && text.get(r.clone()).is_some();
    let mut cuts = vec![0, text.len()];
    for r in misspelt.iter().filter(|r| valid(r)) {
        cuts.extend([r.start, r.end]);
    }
    for (r, _) in highlights.iter().filter(|(r, _)| valid(r)) {
        cuts.extend([r.start, r.end]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let plain = TextFormat {
        font_id: style.font.clone(),
        color: style.color,
        line_height: Some(style.line_height),
        ..TextFormat::default()
    };
    let mut job = LayoutJob {
        text: text.to_owned(),
        keep_trailing_whitespace: true,
        ..LayoutJob::default()
    };
    job.wrap.max_width = style.wrap_width;
    let inside = |r: &Range<usize>, at: usize| valid(r) && r.start <= at && at < r.end;
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let mut format = plain.clone();
        if misspelt.iter().any(|r| inside(r, start)) {
            format.underline = Stroke::new(1.5, style.underline);
        }
        if let Some((_, background)) = highlights.iter().find(|(r, _)| inside(r, start)) {
            format.background = *background;
        }
        job.sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: start.into()..end.into(),
            format,
        });
    }
    if job.sections.is_empty() {
        job.sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: 0.into()..0.into(),
            format: plain,
        });
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
        let style = EnglishStyle {
            font: FontId::proportional(14.0),
            color: Color32::WHITE,
            underline: Color32::RED,
            wrap_width: 100.0,
            line_height: 18.0,
        };
        let parts = |job: &LayoutJob| -> Vec<(Range<usize>, bool, bool)> {
            job.sections
                .iter()
                .map(|s| {
                    (
                        s.byte_range.start.0..s.byte_range.end.0,
                        s.format.underline.width > 0.0,
                        s.format.background != Color32::TRANSPARENT,
                    )
                })
                .collect()
        };
        let job = english_job("A goverment said", &[2..11], &[], &style);
        assert_eq!(
            parts(&job),
            [
                (0..2, false, false),
                (2..11, true, false),
                (11..16, false, false)
            ]
        );
        // A search match overlapping a misspelt word: both marks where they meet.
        let job = english_job(
            "A goverment said",
            &[2..11],
            &[(7..16, Color32::YELLOW)],
            &style,
        );
        assert_eq!(
            parts(&job),
            [
                (0..2, false, false),
                (2..7, true, false),
                (7..11, true, true),
                (11..16, false, true)
            ]
        );
        // Ranges off the text or inside a character are left out.
        let job = english_job("é x", &[1..2, 0..9], &[], &style);
        assert_eq!(parts(&job), [(0..4, false, false)]);
        let empty = english_job("", &[], &[], &style);
        assert_eq!(empty.sections.len(), 1);
        assert_eq!(byte_of_char("é x", 1), 2);
        assert_eq!(byte_of_char("ab", 5), 2);
    }
}
