//! Bundled fonts: Vazirmatn (OFL-1.1, see `fonts/OFL.txt`) for Persian, egui's defaults for
//! the English UI. The app and every `egui_kittest` harness install the same definitions, so
//! tests see the glyphs users see (kittest panics on a missing glyph).

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// Family for Persian text: Vazirmatn Regular first, so that Persian, Latin and digits in a
/// sentence are shaped by one face (a mixed-font run would break the bidi order).
pub const PERSIAN: &str = "Persian";

/// Family for bold Persian text (Vazirmatn Bold first).
pub const PERSIAN_BOLD: &str = "Persian Bold";

/// Font data key of Vazirmatn Regular in [`definitions`].
pub const VAZIRMATN_REGULAR: &str = "Vazirmatn-Regular";

/// Font data key of Vazirmatn Bold in [`definitions`].
pub const VAZIRMATN_BOLD: &str = "Vazirmatn-Bold";

static VAZIRMATN_REGULAR_TTF: &[u8] = include_bytes!("../fonts/Vazirmatn-Regular.ttf");
static VAZIRMATN_BOLD_TTF: &[u8] = include_bytes!("../fonts/Vazirmatn-Bold.ttf");

/// egui's default fonts plus the Persian families; Vazirmatn is also the last fallback of
/// the proportional and monospace families, so stray Persian in English text still renders.
pub fn definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    defs.font_data.insert(
        VAZIRMATN_REGULAR.to_owned(),
        Arc::new(FontData::from_static(VAZIRMATN_REGULAR_TTF)),
    );
    defs.font_data.insert(
        VAZIRMATN_BOLD.to_owned(),
        Arc::new(FontData::from_static(VAZIRMATN_BOLD_TTF)),
    );
    let proportional = defs
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    for (family, face) in [(PERSIAN, VAZIRMATN_REGULAR), (PERSIAN_BOLD, VAZIRMATN_BOLD)] {
        // egui's faces come after Vazirmatn only for what it lacks (emoji, symbols).
        let mut faces = vec![face.to_owned()];
        faces.extend(proportional.iter().cloned());
        defs.families.insert(FontFamily::Name(family.into()), faces);
    }
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        defs.families
            .entry(family)
            .or_default()
            .push(VAZIRMATN_REGULAR.to_owned());
    }
    defs
}

/// Install [`definitions`] in `ctx` (takes effect at the start of the next pass, or in this
/// one if no text was laid out yet).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

/// The Persian font at `size` points, bold or regular.
pub fn persian_font(size: f32, bold: bool) -> egui::FontId {
    let family = if bold { PERSIAN_BOLD } else { PERSIAN };
    egui::FontId::new(size, FontFamily::Name(family.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_families_start_with_vazirmatn() {
        let defs = definitions();
        let first = |f: &str| defs.families[&FontFamily::Name(f.into())].first().cloned();
        assert_eq!(first(PERSIAN).as_deref(), Some(VAZIRMATN_REGULAR));
        assert_eq!(first(PERSIAN_BOLD).as_deref(), Some(VAZIRMATN_BOLD));
    }

    #[test]
    fn english_ui_keeps_egui_font_first_with_vazirmatn_fallback() {
        let defs = definitions();
        let default = FontDefinitions::default();
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            let faces = &defs.families[&family];
            assert_eq!(faces.first(), default.families[&family].first());
            assert_eq!(faces.last().map(String::as_str), Some(VAZIRMATN_REGULAR));
        }
    }

    #[test]
    fn vazirmatn_covers_what_a_news_sentence_contains() {
        // A family of Vazirmatn alone, so egui's fallback faces cannot hide a gap.
        let mut defs = definitions();
        let only = FontFamily::Name("Vazirmatn only".into());
        defs.families
            .insert(only.clone(), vec![VAZIRMATN_REGULAR.to_owned()]);
        let mut fonts =
            egui::epaint::text::Fonts::new(egui::epaint::text::TextOptions::default(), defs);
        let mut view = fonts.with_pixels_per_point(1.0);
        let font_id = egui::FontId::new(16.0, only);
        let needed = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكءآأإؤئةًٌٍَُِّْ\
                      ۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٪٫٬،؛؟«»()[]{}\"'.:!?-–—…ـ \
                      ABCXYZabcxyz0123456789%/";
        for c in needed.chars() {
            assert!(
                view.has_glyph(&font_id, c),
                "Vazirmatn lacks {c:?} (U+{:04X})",
                c as u32
            );
        }
    }
}
