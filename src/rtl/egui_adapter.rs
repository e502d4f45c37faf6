//! Turn [`VisualLine`]s into an egui [`LayoutJob`] that egui 0.37 draws in the right order.
//!
//! epaint shapes every section on its own with harfrust, which guesses the direction from the
//! first character with a real script (`guess_segment_properties`): a section whose first such
//! character is Arabic is drawn reversed and mirrored, anything else is drawn as given. So each
//! visual run becomes sections whose text is chosen to come out of that guess in display order:
//! - a right-to-left run the shaper sees as right to left (it has Persian letters, or `٪`):
//!   logical order, so harfrust reverses, mirrors and joins it;
//! - a right-to-left run the shaper sees as left to right (spaces, brackets, `«»`, `،`):
//!   reversed and mirrored by us;
//! - a left-to-right run: as is, except that chunks of Arabic-script characters (Persian and
//!   Arabic-Indic digits, `٫ ٬`) get sections of their own, reversed so harfrust turns them back.
//!
//! Lines are joined with `\n`, wrapping is off, and rows are right-aligned.

use std::ops::Range;

use egui::epaint::text::{ByteIndex, FontsView, LayoutJob, LayoutSection, TextFormat};
use egui::{Align, Color32, FontId};
use unicode_script::{Script, UnicodeScript as _};

use super::{Direction, VisualLine, reversed_mapped};

/// Width in points of `text` laid out on one row with egui's own shaper.
pub fn measure_text(fonts: &mut FontsView<'_>, font_id: &FontId, text: &str) -> f32 {
    fonts
        .layout_no_wrap(text.to_owned(), font_id.clone(), Color32::PLACEHOLDER)
        .size()
        .x
}

/// The direction harfrust picks for a section on its own: that of the first character whose
/// script is not Common, Inherited or Unknown; left to right if there is none.
pub fn shaper_direction(section: &str) -> Direction {
    section
        .chars()
        .map(|c| c.script())
        .find(|s| !matches!(s, Script::Common | Script::Inherited | Script::Unknown))
        .map_or(Direction::Ltr, |s| {
            if is_rtl_script(s) {
                Direction::Rtl
            } else {
                Direction::Ltr
            }
        })
}

/// Where the characters of one job section come from, so that positions in the galley can be
/// mapped back to the logical text (see [`super::hit`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionMap {
    /// For each character of the section's text, in job order: the character as given to the
    /// shaper and its byte range in the logical text (a mirrored bracket maps to the bracket
    /// it stands for).
    pub chars: Vec<(char, Range<usize>)>,
    /// Whether the shaper draws this section right to left (harfrust then reverses it, so the
    /// galley's glyphs come in the reverse order of `chars`, cluster by cluster).
    pub shaped_rtl: bool,
    /// Direction of the bidi run the section belongs to.
    pub run: Direction,
}

/// One visual line (one galley row): its logical range and its sections in job order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineMap {
    /// Byte range of the line in the logical text (as [`VisualLine::range`]).
    pub range: Range<usize>,
    /// The line's sections, in the order they are in the job.
    pub sections: Vec<SectionMap>,
}

/// The text formats of the two kinds of sections.
#[derive(Clone, Debug)]
pub struct SectionFormats {
    /// Sections of a right-to-left run, and chunks of right-to-left script (Persian digits) in
    /// a left-to-right run: a font with Persian first, so the shaper keeps them in one face.
    pub rtl: TextFormat,
    /// Everything else (Latin words, numbers, neutrals of a left-to-right run).
    pub ltr: TextFormat,
}

impl SectionFormats {
    /// Both kinds in one format.
    pub fn uniform(format: &TextFormat) -> Self {
        SectionFormats {
            rtl: format.clone(),
            ltr: format.clone(),
        }
    }
}

/// A job and the map from its sections back to the logical text.
#[derive(Clone, Debug)]
pub struct MappedJob {
    /// The job to hand egui.
    pub job: LayoutJob,
    /// One entry per line (= galley row).
    pub lines: Vec<LineMap>,
}

/// Build one right-aligned, unwrapped job for `lines` of `text`, every section in `format`.
///
/// Use a `format.color` of [`Color32::PLACEHOLDER`] to keep the job independent of the theme
/// and give the colour when painting.
pub fn layout_job(text: &str, lines: &[VisualLine], format: &TextFormat) -> LayoutJob {
    layout_job_mapped(text, lines, &SectionFormats::uniform(format), Align::RIGHT).job
}

/// Build one unwrapped job for `lines` of `text`, rows aligned by `halign` (right for a
/// right-to-left paragraph, left for a left-to-right one), with the map back to `text`.
pub fn layout_job_mapped(
    text: &str,
    lines: &[VisualLine],
    formats: &SectionFormats,
    halign: Align,
) -> MappedJob {
    let mut out = MappedJob {
        job: LayoutJob {
            halign,
            ..LayoutJob::default()
        },
        lines: Vec::with_capacity(lines.len()),
    };
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            push_text(&mut out.job, "\n", &formats.ltr);
        }
        let mut map = LineMap {
            range: line.range.clone(),
            sections: Vec::new(),
        };
        for run in &line.runs {
            let run_text = text.get(run.range.clone()).unwrap_or_default();
            let visible = super::visible_chars(run_text, run.range.start);
            match run.direction() {
                Direction::Rtl => {
                    let as_text: String = visible.iter().map(|(c, _)| *c).collect();
                    if shaper_direction(&as_text) == Direction::Rtl {
                        push_mapped(&mut out.job, &mut map, visible, true, run, &formats.rtl);
                    } else {
                        let chars = reversed_mapped(&visible, true);
                        push_mapped(&mut out.job, &mut map, chars, false, run, &formats.rtl);
                    }
                }
                Direction::Ltr => push_ltr_run(&mut out.job, &mut map, &visible, run, formats),
            }
        }
        out.lines.push(map);
    }
    out
}

/// Push a left-to-right run, giving each chunk of right-to-left-script characters a reversed
/// section of its own (harfrust shapes it right to left and so restores the order).
fn push_ltr_run(
    job: &mut LayoutJob,
    map: &mut LineMap,
    run: &[(char, Range<usize>)],
    visual: &super::VisualRun,
    formats: &SectionFormats,
) {
    let mut chunk_start = 0;
    let mut chunk_is_rtl = false;
    for (i, (c, _)) in run.iter().enumerate() {
        let script = c.script();
        // Combining marks stay with the character before them.
        if script == Script::Inherited || i == chunk_start {
            if i == chunk_start {
                chunk_is_rtl = is_rtl_script(script);
            }
            continue;
        }
        if is_rtl_script(script) != chunk_is_rtl {
            push_ltr_chunk(
                job,
                map,
                run.get(chunk_start..i).unwrap_or_default(),
                chunk_is_rtl,
                visual,
                formats,
            );
            chunk_start = i;
            chunk_is_rtl = is_rtl_script(script);
        }
    }
    push_ltr_chunk(
        job,
        map,
        run.get(chunk_start..).unwrap_or_default(),
        chunk_is_rtl,
        visual,
        formats,
    );
}

fn push_ltr_chunk(
    job: &mut LayoutJob,
    map: &mut LineMap,
    chunk: &[(char, Range<usize>)],
    rtl_script: bool,
    run: &super::VisualRun,
    formats: &SectionFormats,
) {
    if rtl_script {
        let chars = reversed_mapped(chunk, false);
        push_mapped(job, map, chars, true, run, &formats.rtl);
    } else {
        push_mapped(job, map, chunk.to_vec(), false, run, &formats.ltr);
    }
}

fn push_mapped(
    job: &mut LayoutJob,
    map: &mut LineMap,
    chars: Vec<(char, Range<usize>)>,
    shaped_rtl: bool,
    run: &super::VisualRun,
    format: &TextFormat,
) {
    if chars.is_empty() {
        return;
    }
    let text: String = chars.iter().map(|(c, _)| *c).collect();
    push_text(job, &text, format);
    map.sections.push(SectionMap {
        chars,
        shaped_rtl,
        run: run.direction(),
    });
}

/// Append a section without merging it into the previous one (`LayoutJob::append` would
/// merge sections of equal format, and with them the runs we keep apart).
fn push_text(job: &mut LayoutJob, text: &str, format: &TextFormat) {
    if text.is_empty() {
        return;
    }
    let start = job.text.len();
    job.text.push_str(text);
    job.sections.push(LayoutSection {
        leading_space: 0.0,
        byte_range: ByteIndex(start)..ByteIndex(job.text.len()),
        format: format.clone(),
    });
}

/// Scripts `HarfBuzz` (and so harfrust) shapes right to left (`hb_script_get_horizontal_direction`).
fn is_rtl_script(script: Script) -> bool {
    matches!(
        script,
        Script::Arabic
            | Script::Hebrew
            | Script::Syriac
            | Script::Thaana
            | Script::Cypriot
            | Script::Kharoshthi
            | Script::Phoenician
            | Script::Nko
            | Script::Lydian
            | Script::Avestan
            | Script::Imperial_Aramaic
            | Script::Inscriptional_Pahlavi
            | Script::Inscriptional_Parthian
            | Script::Old_South_Arabian
            | Script::Old_Turkic
            | Script::Samaritan
            | Script::Mandaic
            | Script::Meroitic_Cursive
            | Script::Meroitic_Hieroglyphs
            | Script::Manichaean
            | Script::Mende_Kikakui
            | Script::Nabataean
            | Script::Old_North_Arabian
            | Script::Palmyrene
            | Script::Psalter_Pahlavi
            | Script::Hatran
            | Script::Adlam
            | Script::Hanifi_Rohingya
            | Script::Old_Sogdian
            | Script::Sogdian
            | Script::Elymaic
            | Script::Chorasmian
            | Script::Yezidi
            | Script::Old_Uyghur
            | Script::Garay
            | Script::Sidetic
    )
}

#[cfg(test)]
mod tests {
    use egui::epaint::text::ByteRangeExt as _;

    use super::*;
    use crate::rtl::{is_bidi_control, visual_lines};

    fn sections(text: &str) -> Vec<String> {
        let lines = visual_lines(text, 1000.0, &mut |s| s.chars().count() as f32);
        let job = layout_job(text, &lines, &TextFormat::default());
        job.sections
            .iter()
            .map(|s| s.byte_range.slice(&job.text).to_owned())
            .collect()
    }

    #[test]
    fn shaper_direction_follows_first_real_script() {
        assert_eq!(shaper_direction("سلام"), Direction::Rtl);
        assert_eq!(shaper_direction("۷۰۰"), Direction::Rtl);
        assert_eq!(
            shaper_direction(" ٪"),
            Direction::Rtl,
            "٪ has script Arabic"
        );
        assert_eq!(shaper_direction(" (« "), Direction::Ltr);
        assert_eq!(
            shaper_direction("، ؟"),
            Direction::Ltr,
            "Arabic comma is Common"
        );
        assert_eq!(shaper_direction("NAJA"), Direction::Ltr);
        assert_eq!(shaper_direction("12 سلام"), Direction::Rtl);
    }

    #[test]
    fn arabic_run_is_passed_in_logical_order() {
        assert_eq!(sections("سلام دنیا"), ["سلام دنیا"]);
    }

    #[test]
    fn neutral_rtl_run_is_reversed_and_mirrored_by_us() {
        // Visual runs: `)` (a neutral RTL run), `NAJA`, `پلیس (` (an Arabic RTL run).
        assert_eq!(sections("پلیس (NAJA)"), ["(", "NAJA", "پلیس ("]);
        assert_eq!(sections("«ناجا» گفت"), ["«ناجا» گفت"]);
        assert_eq!(sections("«NAJA»"), ["«", "NAJA", "»"]);
    }

    #[test]
    fn persian_digits_in_ltr_runs_are_pre_reversed() {
        // `۷۰۰` is its own level-2 run; harfrust will reverse the section back.
        assert_eq!(sections("در ۷۰۰ کلانتری"), [" کلانتری", "۰۰۷", "در "]);
        assert_eq!(sections("۱۴۰۳/۰۵/۱۲"), ["۳۰۴۱", "/", "۵۰", "/", "۲۱"]);
        assert_eq!(sections("A۷"), ["A", "۷"]);
    }

    #[test]
    fn bidi_controls_are_not_in_the_job() {
        let text = "\u{2067}ناجا\u{2069} \u{200F}NAJA\u{200E}";
        let lines = visual_lines(text, 1000.0, &mut |s| s.chars().count() as f32);
        let job = layout_job(text, &lines, &TextFormat::default());
        assert!(!job.text.contains(is_bidi_control), "{:?}", job.text);
        assert!(job.text.contains("ناجا") && job.text.contains("NAJA"));
    }

    #[test]
    fn lines_are_separate_paragraphs_right_aligned() {
        let text = "یک دو سه";
        let lines = visual_lines(text, 3.0, &mut |s| s.chars().count() as f32);
        let job = layout_job(text, &lines, &TextFormat::default());
        assert_eq!(job.text, "یک\nدو\nسه");
        assert_eq!(job.halign, Align::RIGHT);
        assert!(job.wrap.max_width.is_infinite());
        assert_eq!(job.sections.len(), 5);
    }
}
