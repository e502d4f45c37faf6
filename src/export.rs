//! Exports: the English article as plain text, and the Persian source exactly as imported.
//! Pure; the caller writes the result where it wants.

use crate::import::BOM;
use crate::model::{Project, Segment};
use crate::segment::{is_line_break, is_paragraph_break};

/// What the English export does with sentences that have no translation yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Untranslated {
    /// Leave them out (a paragraph with no translated sentence is left out too).
    #[default]
    Omit,
    /// Put `[untranslated #ID: SOURCE]` in their place, so an editor sees what is missing.
    Mark,
}

/// Options for [`english_text`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// Handling of sentences without a translation.
    pub untranslated: Untranslated,
}

/// The line breaks of a separator, without its spaces: `" \r\n\t"` -> `"\r\n"`. Keeps the
/// article's line-ending style and blank lines between paragraphs.
fn line_breaks(separator: &str) -> String {
    separator.chars().filter(|&c| is_line_break(c)).collect()
}

/// How a segment reads in the English article, if at all.
fn english_sentence(seg: &Segment, options: TextOptions) -> Option<String> {
    let target = seg.target.trim();
    if !target.is_empty() {
        return Some(target.to_owned());
    }
    match options.untranslated {
        Untranslated::Omit => None,
        Untranslated::Mark => Some(format!("[untranslated {}: {}]", seg.id, seg.source)),
    }
}

/// The English article: sentences of a paragraph joined by single spaces, paragraphs
/// separated by the line breaks that separated them in the source. Ends with a line break
/// only if the source did.
pub fn english_text(project: &Project, options: TextOptions) -> String {
    // (text, line breaks after it) per non-empty paragraph.
    let mut paragraphs: Vec<(String, String)> = Vec::new();
    let mut current = String::new();
    for seg in &project.segments {
        if let Some(sentence) = english_sentence(seg, options) {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(&sentence);
        }
        if is_paragraph_break(&seg.separator) && !current.is_empty() {
            paragraphs.push((std::mem::take(&mut current), line_breaks(&seg.separator)));
        }
    }
    if !current.is_empty() {
        paragraphs.push((current, String::new()));
    }
    let ending = project
        .segments
        .last()
        .map(|s| line_breaks(&s.separator))
        .unwrap_or_default();
    if let Some(last) = paragraphs.last_mut() {
        last.1 = ending;
    }
    paragraphs.into_iter().map(|(t, b)| t + &b).collect()
}

/// The Persian article as it stands: the bytes of the imported file (byte order mark
/// included if it had one) with the source corrections made since. Without corrections, the
/// original file byte for byte; the imported text is always `Project::imported_text`.
pub fn source_bytes(project: &Project) -> Vec<u8> {
    let text = project.source_text();
    let mut out = Vec::with_capacity(text.len() + BOM.len());
    if project.meta.source_bom {
        out.extend_from_slice(BOM);
    }
    out.extend_from_slice(text.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::import::decode;
    use crate::model::{Stamp, Status};

    fn project(text: &str) -> Project {
        let now = Utc
            .with_ymd_and_hms(2026, 1, 2, 3, 4, 5)
            .single()
            .unwrap_or_default();
        decode(text.as_bytes(), std::path::Path::new("t.txt"))
            .map_or_else(|e| panic!("{e}"), |a| a.into_project("t", now))
    }

    fn translate(p: &mut Project, index: usize, target: &str) {
        let stamp = Stamp {
            author: "ana".into(),
            time: p.meta.created,
        };
        p.set_target(index, target, &stamp)
            .unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn keeps_paragraphs_and_line_endings() {
        let mut p = project("  الف. ب.\r\n\r\nج. \nد.\n");
        for (i, t) in ["A.", "B.", "C.", " D. "].into_iter().enumerate() {
            translate(&mut p, i, t);
        }
        let text = english_text(&p, TextOptions::default());
        assert_eq!(text, "A. B.\r\n\r\nC.\nD.\n");
    }

    #[test]
    fn omits_or_marks_untranslated_sentences() {
        let mut p = project("الف. ب.\nج.\nد.");
        translate(&mut p, 0, "A.");
        translate(&mut p, 3, "D.");
        assert_eq!(p.segments[1].status, Status::Untranslated);
        let omit = english_text(&p, TextOptions::default());
        // The paragraph with only "ج." has nothing to show and is left out.
        assert_eq!(omit, "A.\nD.");
        let mark = english_text(
            &p,
            TextOptions {
                untranslated: Untranslated::Mark,
            },
        );
        assert_eq!(mark, "A. [untranslated #2: ب.]\n[untranslated #3: ج.]\nD.");
    }

    #[test]
    fn untranslated_last_paragraph_does_not_leave_a_trailing_break() {
        let mut p = project("الف.\nب.");
        translate(&mut p, 0, "A.");
        assert_eq!(english_text(&p, TextOptions::default()), "A.");
        assert_eq!(english_text(&project("الف."), TextOptions::default()), "");
    }

    #[test]
    fn source_export_restores_the_file() {
        let mut bytes = BOM.to_vec();
        bytes.extend_from_slice(" الف. ب.\r\nج.\n\n".as_bytes());
        let article =
            decode(&bytes, std::path::Path::new("t.txt")).unwrap_or_else(|e| panic!("{e}"));
        let p = article.into_project("t", Utc::now());
        assert_eq!(source_bytes(&p), bytes);
    }
}
