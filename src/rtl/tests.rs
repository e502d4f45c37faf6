//! Hand-worked cases for the layout core. The measure gives every character one unit, so
//! widths are character counts. Visual strings read left to right: the first logical word
//! of a Persian line is at the END of its visual string (the right edge).
#![expect(
    clippy::float_cmp,
    reason = "widths are sums of whole units, exact in f32"
)]

use proptest::prelude::*;

use super::*;

fn units(s: &str) -> f32 {
    s.chars().count() as f32
}

fn layout(text: &str, width: f32) -> Vec<VisualLine> {
    visual_lines(text, width, &mut units)
}

/// Visual strings of the lines, top to bottom.
fn visual(text: &str, width: f32) -> Vec<String> {
    layout(text, width)
        .iter()
        .map(|line| visual_string(text, line))
        .collect()
}

/// Logical text of the lines, top to bottom.
fn logical(text: &str, width: f32) -> Vec<&str> {
    layout(text, width)
        .iter()
        .map(|line| line.logical(text))
        .collect()
}

fn directions(text: &str) -> Vec<(String, Direction)> {
    layout(text, 1000.0)
        .iter()
        .flat_map(|line| line.runs.clone())
        .map(|run| (text[run.range.clone()].to_owned(), run.direction()))
        .collect()
}

#[test]
fn empty_string_has_no_lines() {
    assert!(layout("", 10.0).is_empty());
}

#[test]
fn persian_word_is_drawn_right_to_left() {
    assert_eq!(visual("سلام", 10.0), ["مالس"]);
}

#[test]
fn two_words_first_word_on_the_right() {
    assert_eq!(visual("سلام دنیا", 20.0), ["ایند مالس"]);
    assert_eq!(
        directions("سلام دنیا"),
        [("سلام دنیا".to_owned(), Direction::Rtl)]
    );
}

#[test]
fn three_line_paragraph_first_words_top_right() {
    // Words of 2, 2, 2, 4, 3, 2 units; 7 units per line:
    // "یک دو" = 5 (+" سه" would be 8), "سه چهار" = 7, "پنج شش" = 6.
    let text = "یک دو سه چهار پنج شش";
    assert_eq!(logical(text, 7.0), ["یک دو", "سه چهار", "پنج شش"]);
    let lines = visual(text, 7.0);
    assert_eq!(lines, ["ود کی", "راهچ هس", "شش جنپ"]);
    // The first word (یک, drawn as کی) is the rightmost thing on the top row.
    assert!(lines[0].ends_with("کی"));
    for line in layout(text, 7.0) {
        assert!(line.width <= 7.0, "{line:?}");
    }
}

#[test]
fn persian_digits_keep_their_order() {
    // ۷۰۰ (EN, made AN by the Persian letters before it, W2) is a left-to-right run.
    assert_eq!(visual("در ۷۰۰ کلانتری", 100.0), ["یرتنالک ۷۰۰ رد"]);
    assert_eq!(
        directions("در ۷۰۰ کلانتری"),
        [
            (" کلانتری".to_owned(), Direction::Rtl),
            ("۷۰۰".to_owned(), Direction::Ltr),
            ("در ".to_owned(), Direction::Rtl),
        ]
    );
}

#[test]
fn arabic_indic_digits_keep_their_order() {
    assert_eq!(visual("عدد ١٢٣ است", 100.0), ["تسا ١٢٣ ددع"]);
}

#[test]
fn decimal_and_thousands_separators_stay_inside_the_number() {
    // ٫ (U+066B) is AN; ٬ (U+066C) is CS between two ANs, so it joins the number (W4).
    assert_eq!(visual("۳۲٫۵ درصد", 100.0), ["دصرد ۳۲٫۵"]);
    assert_eq!(visual("۴۰۰٬۰۰۰ نفر", 100.0), ["رفن ۴۰۰٬۰۰۰"]);
}

#[test]
fn percent_signs() {
    // Persian digits are EN; after Persian letters they become AN (W2), and ٪ (ET) next to
    // an AN is a neutral that takes the Persian direction: it is drawn left of the number.
    assert_eq!(visual("رشد ۷۰٪", 100.0), ["٪۷۰ دشر"]);
    assert_eq!(visual("رشد ٧٠٪", 100.0), ["٪٧٠ دشر"]);
    // At the start of a paragraph no Persian letter precedes: the digits stay EN and ٪
    // joins them (W5), drawn right of the number.
    assert_eq!(visual("۷۰٪ موفق", 100.0), ["قفوم ۷۰٪"]);
    // % after European digits becomes EN (W5) and stays with them.
    assert_eq!(visual("70% رشد", 100.0), ["دشر 70%"]);
}

#[test]
fn latin_word_inside_persian() {
    assert_eq!(visual("سازمان NAJA گفت", 100.0), ["تفگ NAJA نامزاس"]);
}

#[test]
fn latin_acronym_with_dots_and_year_is_one_ltr_run() {
    // 2019 follows the strong L of "U.S." so it becomes L (W7), and the neutrals between join.
    let text = "پلیس U.S. 2019 گزارش";
    assert_eq!(visual(text, 100.0), ["شرازگ U.S. 2019 سیلپ"]);
    assert!(directions(text).contains(&("U.S. 2019".to_owned(), Direction::Ltr)));
}

#[test]
fn parentheses_are_mirrored_in_persian() {
    assert_eq!(visual("پلیس (ناجا) گفت", 100.0), ["تفگ (اجان) سیلپ"]);
    assert_eq!(visual("[الف] {ب}", 100.0), ["{ب} [فلا]"]);
}

#[test]
fn parentheses_around_latin_take_the_persian_direction() {
    // N0: the pair holds only L, the context before it is R, so the brackets are R.
    let text = "پلیس (NAJA) گفت";
    assert_eq!(visual(text, 100.0), ["تفگ (NAJA) سیلپ"]);
    assert_eq!(
        directions(text),
        [
            (") گفت".to_owned(), Direction::Rtl),
            ("NAJA".to_owned(), Direction::Ltr),
            ("پلیس (".to_owned(), Direction::Rtl),
        ]
    );
}

#[test]
fn guillemets_are_mirrored() {
    assert_eq!(visual("او گفت «سلام» و رفت", 100.0), ["تفر و «مالس» تفگ وا"]);
    assert_eq!(visual("«NAJA» گفت", 100.0), ["تفگ «NAJA»"]);
}

#[test]
fn straight_double_quotes() {
    assert_eq!(visual("او گفت \"سلام\" رفت", 100.0), ["تفر \"مالس\" تفگ وا"]);
}

#[test]
fn zwnj_stays_between_the_parts_without_a_space() {
    let text = "می‌شود کلانتری‌ها";
    assert_eq!(visual(text, 100.0), ["اه\u{200c}یرتنالک دوش\u{200c}یم"]);
    // No break opportunity at a ZWNJ: the word moves to the next line whole.
    assert_eq!(logical(text, 10.0), ["می‌شود", "کلانتری‌ها"]);
}

#[test]
fn arabic_comma_semicolon_and_question_mark() {
    assert_eq!(visual("سلام، خوبی؟ بله؛ نه", 100.0), ["هن ؛هلب ؟یبوخ ،مالس"]);
}

#[test]
fn lrm_keeps_a_full_stop_with_the_latin_word() {
    // Without a mark the final "." is between L and the paragraph end (R): it goes left.
    assert_eq!(visual("او گفت NAJA.", 100.0), [".NAJA تفگ وا"]);
    // With LRM after it, "." lies between two L and stays right of NAJA. LRM is not drawn.
    assert_eq!(visual("او گفت NAJA.\u{200e}", 100.0), ["NAJA. تفگ وا"]);
}

#[test]
fn rlm_separates_a_number_from_a_latin_word() {
    // 2019 after NAJA becomes L (W7): one run.
    assert_eq!(visual("گفت NAJA 2019", 100.0), ["NAJA 2019 تفگ"]);
    // RLM is a strong R in between: the number is ordered on its own.
    assert_eq!(visual("گفت NAJA\u{200f} 2019", 100.0), ["2019 NAJA تفگ"]);
}

#[test]
fn isolates_keep_a_latin_phrase_with_its_punctuation() {
    assert_eq!(
        visual("او گفت hello! و رفت", 100.0),
        ["تفر و !hello تفگ وا"]
    );
    let isolated = "او گفت \u{2066}hello!\u{2069} و رفت";
    assert_eq!(visual(isolated, 100.0), ["تفر و hello! تفگ وا"]);
    // Isolate controls are measured as nothing.
    assert_eq!(layout(isolated, 100.0)[0].width, 19.0);
}

#[test]
fn neutral_only_line_is_mirrored_right_to_left() {
    assert_eq!(visual("(!)", 10.0), ["(!)"]);
    assert_eq!(directions("(!)"), [("(!)".to_owned(), Direction::Rtl)]);
}

#[test]
fn paragraph_breaks_start_new_lines() {
    assert_eq!(visual("یک\nدو", 100.0), ["کی", "ود"]);
    assert_eq!(visual("یک\r\nدو", 100.0), ["کی", "ود"]);
    assert_eq!(visual("یک\n\nدو", 100.0), ["کی", "", "ود"]);
    assert_eq!(visual("یک\n", 100.0), ["کی", ""]);
    assert_eq!(visual("\n", 100.0), ["", ""]);
    // A Latin paragraph after a Persian one is still laid out with the RTL base level.
    assert_eq!(visual("یک\nA b", 100.0), ["کی", "A b"]);
}

#[test]
fn line_separator_forces_a_break() {
    assert_eq!(logical("یک\u{2028}دو سه", 100.0), ["یک", "دو سه"]);
}

#[test]
fn line_ending_in_a_latin_word_puts_it_at_the_left_end() {
    // "گزارش NAJA" is 10 units; "امروز" does not fit after it.
    let text = "گزارش NAJA امروز";
    assert_eq!(logical(text, 10.0), ["گزارش NAJA", "امروز"]);
    assert_eq!(visual(text, 10.0), ["NAJA شرازگ", "زورما"]);
}

#[test]
fn very_long_word_is_broken_between_letters() {
    let text = "سلام ابجدهوزحطی";
    assert_eq!(logical(text, 4.0), ["سلام", "ابجد", "هوزح", "طی"]);
    assert_eq!(visual(text, 4.0), ["مالس", "دجبا", "حزوه", "یط"]);
    assert_eq!(
        logical("Supercalifragilistic x", 8.0),
        ["Supercal", "ifragili", "stic x"]
    );
}

#[test]
fn long_word_keeps_combining_marks_with_their_letter() {
    // "ماً" is م, ا, fathatan: a cluster of two chars must not be split.
    let text = "عموماً";
    let lines = logical(text, 5.0);
    assert_eq!(lines, ["عموم", "اً"]);
}

#[test]
fn trailing_spaces_are_trimmed_and_not_measured() {
    let lines = layout("یک دو   ", 100.0);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].logical("یک دو   "), "یک دو");
    assert_eq!(lines[0].width, 5.0);
    // The space at a break counts on neither line.
    assert_eq!(logical("یک دو", 2.0), ["یک", "دو"]);
}

#[test]
fn whitespace_only_text_gives_one_empty_line() {
    let lines = layout("   ", 10.0);
    assert_eq!(lines.len(), 1);
    assert!(lines[0].runs.is_empty());
}

#[test]
fn mirror_table_has_brackets_and_guillemets() {
    assert_eq!(mirror::mirrored('('), Some(')'));
    assert_eq!(mirror::mirrored(']'), Some('['));
    assert_eq!(mirror::mirrored('«'), Some('»'));
    assert_eq!(mirror::mirrored('a'), None);
    assert_eq!(mirror::mirrored('"'), None);
}

/// The whole table, both ways: every one of the 428 mirrored characters of
/// `BidiMirroring.txt` (without its "best fit" lines) maps back, including the ones whose
/// reverse lookup the `unicode-bidi-mirroring` crate 0.4.0 misses (≥, ⦐, ⊣; see docs/rtl.md).
#[test]
fn mirror_table_is_complete_and_works_both_ways() {
    let pairs: Vec<(char, char)> = (0..=u32::from(char::MAX))
        .filter_map(char::from_u32)
        .filter_map(|c| mirror::mirrored(c).map(|m| (c, m)))
        .collect();
    assert_eq!(pairs.len(), 428);
    for (c, m) in pairs {
        assert_ne!(c, m);
        assert_eq!(mirror::mirrored(m), Some(c), "{c:?} and {m:?} both ways");
    }
    for (c, m) in [('≥', '≤'), ('⦐', '⦍'), ('⊣', '⊢'), ('⯾', '∟'), ('‹', '›')] {
        assert_eq!(mirror::mirrored(c), Some(m));
    }
    // "Best fit" pairs such as ∛ are not in the table; neither are quotes or letters.
    for c in ['∛', '“', 'ب'] {
        assert_eq!(mirror::mirrored(c), None);
    }
}

#[test]
fn absurd_widths_do_not_panic() {
    let text = "سلام NAJA ۷۰۰";
    assert_eq!(layout(text, 0.0).len(), 11, "one grapheme per line");
    assert_eq!(layout(text, f32::INFINITY).len(), 1);
    assert!(!layout(text, f32::NAN).is_empty());
}

/// Characters a news sentence is made of, plus controls and separators.
fn news_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select("ابپتجچدرزسشکگلمنوهی".chars().collect::<Vec<_>>()),
        3 => Just(' '),
        2 => prop::sample::select("NAJAUSabc".chars().collect::<Vec<_>>()),
        2 => prop::sample::select("۰۱۷۹٠١0129".chars().collect::<Vec<_>>()),
        2 => prop::sample::select("()[]«»\"،؛؟.:!٪٫٬%/-".chars().collect::<Vec<_>>()),
        1 => prop::sample::select(
            "\u{200c}\u{200e}\u{200f}\u{2066}\u{2067}\u{2068}\u{2069}\u{202a}\u{202c}\n"
                .chars()
                .collect::<Vec<_>>()
        ),
        1 => Just('\u{064b}'),
    ]
}

proptest! {
    #[test]
    fn lines_cover_the_text_in_order(
        chars in prop::collection::vec(news_char(), 0..80),
        width in 1.0f32..30.0,
    ) {
        let text: String = chars.into_iter().collect();
        let lines = layout(&text, width);
        let mut pos = 0;
        for line in &lines {
            prop_assert!(line.range.start >= pos, "lines overlap or go back: {:?}", lines);
            // Between lines only whitespace (the break, trimmed spaces, separators).
            prop_assert!(text[pos..line.range.start].chars().all(char::is_whitespace));
            pos = line.range.end;
        }
        prop_assert!(text[pos..].chars().all(char::is_whitespace));
    }

    #[test]
    fn lines_fit_unless_one_cluster(
        chars in prop::collection::vec(news_char(), 0..80),
        width in 1.0f32..30.0,
    ) {
        let text: String = chars.into_iter().collect();
        for line in layout(&text, width) {
            let clusters = unicode_segmentation::UnicodeSegmentation::graphemes(
                line.logical(&text), true).count();
            prop_assert!(line.width <= width || clusters == 1, "{line:?} in {text:?}");
        }
    }

    #[test]
    fn runs_hold_exactly_the_visible_chars_of_the_line(
        chars in prop::collection::vec(news_char(), 0..80),
        width in 1.0f32..30.0,
    ) {
        let text: String = chars.into_iter().collect();
        for line in layout(&text, width) {
            let mut from_runs: Vec<char> = line
                .runs
                .iter()
                .flat_map(|run| text[run.range.clone()].chars())
                .filter(|&c| !is_bidi_control(c))
                .collect();
            let mut expected: Vec<char> =
                line.logical(&text).chars().filter(|&c| !is_bidi_control(c)).collect();
            from_runs.sort_unstable();
            expected.sort_unstable();
            prop_assert_eq!(from_runs, expected);
            let shown = visual_string(&text, &line).chars().count();
            let visible = line.logical(&text).chars().filter(|&c| !is_bidi_control(c)).count();
            prop_assert_eq!(shown, visible);
        }
    }
}
