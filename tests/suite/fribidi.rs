//! The layout core against GNU `FriBidi`, the reference UAX #9 implementation on Linux.
//!
//! Every paragraph of the sample article (and of a fixture of mixed sentences: Latin,
//! digits, brackets, quotes, isolates) is broken into lines at three widths with the real
//! Vazirmatn measure, and each line's visual order must equal
//! `fribidi --rtl --nobreak --nopad` of that line's logical text.
//!
//! Two things `fribidi` does that a bidi layout does not, and how they are compared:
//! - it also shapes Arabic: letters come out as presentation forms (U+FB50..U+FDFF,
//!   U+FE70..U+FEFF) and lam + alef as one ligature plus a U+FEFF filler. Such a character is
//!   compared through `--vtol` (the logical index at each visual position), so the ORDER is
//!   still checked exactly; every other character (Latin, digits, mirrored brackets and
//!   guillemets) is compared as printed, which checks mirroring too;
//! - it prints explicit bidi controls in the visual string; we never draw them, so they are
//!   dropped from its output before comparing.
//!
//! Needs `fribidi` (Debian/Ubuntu: `apt-get install libfribidi-bin`). Under CI a missing
//! `fribidi` fails the test; elsewhere the comparison is skipped with a printed notice.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use virast::fonts;
use virast::rtl::{egui_adapter, is_bidi_control, visual_lines, visual_string};

/// Widths in points at 16 pt: a narrow column, a review-desk column, a wide window.
const WIDTHS: [f32; 3] = [220.0, 420.0, 900.0];
const FONT_SIZE: f32 = 16.0;

fn fixture(relative: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
}

/// `fribidi --rtl --nobreak --nopad --vtol` over `lines` (one per line): for each line its
/// visual string with presentation forms replaced by the logical characters they stand for,
/// and bidi controls removed.
fn fribidi_visual(lines: &[String]) -> Vec<String> {
    let mut child = Command::new("fribidi")
        .args(["--rtl", "--nobreak", "--nopad", "--vtol"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `fribidi` ({e}). This test compares the bidi layout with GNU \
                 FriBidi; install it with `apt-get install libfribidi-bin`."
            )
        });
    let mut input = lines.join("\n");
    input.push('\n');
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("write to fribidi");
    let output = child.wait_with_output().expect("fribidi runs");
    assert!(output.status.success(), "fribidi failed: {output:?}");
    let stdout = String::from_utf8(output.stdout).expect("fribidi prints UTF-8");
    let out_lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        out_lines.len(),
        2 * lines.len(),
        "fribidi should print a visual line and a vtol line per input line:\n{stdout}"
    );
    lines
        .iter()
        .zip(out_lines.chunks(2))
        .map(|(logical, pair)| {
            let logical: Vec<char> = logical.chars().collect();
            let vtol: Vec<usize> = pair[1]
                .split_whitespace()
                .map(|n| n.parse().expect("vtol holds indices"))
                .collect();
            let shown: Vec<char> = pair[0].chars().collect();
            assert_eq!(
                shown.len(),
                vtol.len(),
                "visual {:?} vs vtol {:?}",
                pair[0],
                pair[1]
            );
            shown
                .iter()
                .zip(&vtol)
                .map(|(&c, &at)| {
                    if is_presentation_form(c) {
                        logical[at]
                    } else {
                        c
                    }
                })
                .filter(|&c| !is_bidi_control(c))
                .collect()
        })
        .collect()
}

fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Whether `fribidi` can run. Under CI (`CI` set, and `.ci/run` installs it) a missing
/// `fribidi` fails the test; on a developer's machine without it the comparison is skipped
/// with a message, so `cargo test` passes on a fresh machine.
fn fribidi_available() -> bool {
    if Command::new("fribidi").arg("--version").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "cannot run `fribidi`: install it with `apt-get install libfribidi-bin`"
    );
    eprintln!(
        "SKIPPED: `fribidi` is not installed, so the FriBidi comparison did not run \
         (apt-get install libfribidi-bin; CI installs it and requires it)"
    );
    false
}

/// Lay `text` out at every width and compare every line with fribidi; returns the number
/// of lines compared.
fn compare_with_fribidi(name: &str, text: &str) -> usize {
    let mut fonts = egui::epaint::text::Fonts::new(
        egui::epaint::text::TextOptions::default(),
        fonts::definitions(),
    );
    let mut view = fonts.with_pixels_per_point(1.0);
    let font_id = fonts::persian_font(FONT_SIZE, false);
    let mut measure = |s: &str| egui_adapter::measure_text(&mut view, &font_id, s);

    let mut compared = 0;
    for width in WIDTHS {
        let lines = visual_lines(text, width, &mut measure);
        let lines: Vec<_> = lines.into_iter().filter(|l| !l.range.is_empty()).collect();
        let logical: Vec<String> = lines.iter().map(|l| l.logical(text).to_owned()).collect();
        let expected = fribidi_visual(&logical);
        for ((line, logical), expected) in lines.iter().zip(&logical).zip(&expected) {
            let ours = visual_string(text, line);
            assert_eq!(
                &ours, expected,
                "{name} at {width} pt: line {logical:?} differs from fribidi"
            );
            assert!(
                line.width <= width,
                "{name}: line wider than {width}: {line:?}"
            );
        }
        compared += lines.len();
    }
    compared
}

#[test]
fn sample_article_matches_fribidi_at_three_widths() {
    if !fribidi_available() {
        return;
    }
    let text = fixture("assets/khabarresa-police-counseling.fa.txt");
    assert_eq!(text.lines().count(), 7, "the sample has 7 paragraphs");
    let compared = compare_with_fribidi("sample article", &text);
    // 7 paragraphs of 40-120 words: many lines at the narrow width.
    assert!(compared > 60, "only {compared} lines compared");
}

#[test]
fn mixed_sentences_match_fribidi_at_three_widths() {
    if !fribidi_available() {
        return;
    }
    let text = fixture("tests/fixtures/rtl-mixed.fa.txt");
    let compared = compare_with_fribidi("mixed sentences", &text);
    assert!(compared >= 30, "only {compared} lines compared");
}

#[test]
fn presentation_forms_are_only_replaced_in_their_ranges() {
    assert!(is_presentation_form('\u{FEFB}'), "lam-alef ligature");
    assert!(
        is_presentation_form('\u{FEFF}'),
        "fribidi's filler after a ligature"
    );
    assert!(!is_presentation_form('ل'));
    assert!(!is_presentation_form('('));
}
