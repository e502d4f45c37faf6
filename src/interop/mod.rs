//! Hand-off formats: XLIFF 2.0 and 1.2 for CAT tools (export and import back), TMX 1.4b for
//! translation memories, and a self-contained bilingual HTML review report.
//!
//! Pure: every function takes a project and returns bytes (or reads bytes and changes a
//! project through [`import_xliff::apply`]); the caller writes files through
//! `store::write_export`. The status mapping is documented in `docs/INTEROP.md`.

pub mod import_xliff;
pub mod record;
pub mod report;
pub mod tmx;
pub mod xliff;

use thiserror::Error;

use crate::model::{Project, SegmentId};

/// The formats a project can be exported to (besides the plain text and source exports of
/// [`crate::export`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// The English article as plain text.
    #[default]
    Text,
    /// The Persian article exactly as imported.
    Source,
    /// XLIFF 2.0, one `<unit>` per segment.
    Xliff,
    /// XLIFF 1.2, one `<trans-unit>` per segment.
    Xliff12,
    /// TMX 1.4b with the approved pairs.
    Tmx,
    /// The bilingual review report, one self-contained HTML file.
    Html,
}

impl Format {
    /// Every format, in the order the export dialog lists them.
    pub const ALL: [Format; 6] = [
        Format::Text,
        Format::Source,
        Format::Xliff,
        Format::Xliff12,
        Format::Tmx,
        Format::Html,
    ];

    /// Name in the export dialog.
    pub fn label(self) -> &'static str {
        match self {
            Format::Text => "English text",
            Format::Source => "Persian source",
            Format::Xliff => "XLIFF 2.0",
            Format::Xliff12 => "XLIFF 1.2",
            Format::Tmx => "TMX 1.4b (translation memory)",
            Format::Html => "HTML review report",
        }
    }

    /// The file name ending suggested for this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "en.txt",
            Format::Source => "fa.txt",
            Format::Xliff => "xlf",
            Format::Xliff12 => "xliff",
            Format::Tmx => "tmx",
            Format::Html => "report.html",
        }
    }

    /// The bytes of `project` in this format, with the default options of each format.
    pub fn render(self, project: &Project) -> Result<Vec<u8>, InteropError> {
        ExportOptions {
            format: self,
            ..ExportOptions::default()
        }
        .render(project)
    }

    /// `path` with its file name ending changed to this format's: a known export ending
    /// (`.en.txt`, `.xlf`, `.report.html`, ...) is replaced, any other name keeps what was
    /// typed and gets the ending appended, so a name the user chose is never cut.
    pub fn adjust_path(self, path: &str) -> String {
        let name_start = path.rfind(['/', '\\']).map_or(0, |i| i + 1);
        let (dir, name) = path.split_at(name_start);
        if name.trim().is_empty() {
            return path.to_owned();
        }
        // ASCII lowercasing keeps byte offsets, so `stem` below cuts at a char boundary.
        let lower = name.to_ascii_lowercase();
        let stem = KNOWN_ENDINGS
            .iter()
            .find(|e| lower.len() > e.len() + 1 && lower.ends_with(&format!(".{e}")))
            .map_or(name, |e| &name[..name.len() - e.len() - 1]);
        format!("{dir}{stem}.{}", self.extension())
    }
}

/// File name endings an export may have, longest first so `.en.txt` wins over `.txt`.
const KNOWN_ENDINGS: [&str; 11] = [
    "report.html",
    "report.htm",
    "en.txt",
    "fa.txt",
    "xliff",
    "html",
    "htm",
    "txt",
    "xlf",
    "tmx",
    "xml",
];

/// Everything an export needs besides the project: the format and the options of the formats
/// that have some.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// The format.
    pub format: Format,
    /// Which pairs a TMX export holds.
    pub tmx_scope: tmx::TmxScope,
    /// What the English text does with untranslated sentences.
    pub untranslated: crate::export::Untranslated,
}

impl ExportOptions {
    /// The bytes of `project` exported with these options.
    pub fn render(&self, project: &Project) -> Result<Vec<u8>, InteropError> {
        Ok(match self.format {
            Format::Text => crate::export::english_text(
                project,
                crate::export::TextOptions {
                    untranslated: self.untranslated,
                },
            )
            .into_bytes(),
            Format::Source => crate::export::source_bytes(project),
            Format::Xliff => xliff::xliff20(project)?,
            Format::Xliff12 => xliff::xliff12(project)?,
            Format::Tmx => tmx::tmx(project, self.tmx_scope)?,
            Format::Html => report::html(project).into_bytes(),
        })
    }

    /// How many units, pairs or rows the export of `project` holds, in words ("4 units",
    /// "2 pairs"); `None` for the article texts, which are not counted that way.
    pub fn count(&self, project: &Project) -> Option<String> {
        let n = project.segments.len();
        match self.format {
            Format::Text | Format::Source => None,
            Format::Xliff | Format::Xliff12 => Some(plural(n, "unit")),
            Format::Html => Some(plural(n, "sentence")),
            Format::Tmx => Some(plural(
                project
                    .segments
                    .iter()
                    .filter(|s| self.tmx_scope.includes(s))
                    .count(),
                "pair",
            )),
        }
    }
}

/// "1 unit", "2 units".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Why an XML export could not be made.
#[derive(Debug, Error)]
pub enum InteropError {
    /// XML 1.0 cannot carry this character (a control character other than tab and line
    /// breaks), so the segment cannot be exported without changing its text.
    #[error(
        "segment {id} contains the control character U+{code:04X}, which XML cannot carry; remove it and export again"
    )]
    ControlCharacter {
        /// The segment.
        id: SegmentId,
        /// The code point.
        code: u32,
    },
    /// Writing to the in-memory buffer failed (cannot happen for a `Vec`, kept typed).
    #[error("could not write XML: {0}")]
    Write(#[from] std::io::Error),
}

/// The first character of `text` that XML 1.0 cannot carry, if any.
pub(crate) fn forbidden_char(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        let n = u32::from(c);
        (n < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
    })
}

/// Refuse a project whose source or target text XML cannot carry, naming the segment.
pub(crate) fn check_xml_chars(project: &Project) -> Result<(), InteropError> {
    for seg in &project.segments {
        let texts = [&seg.source, &seg.target]
            .into_iter()
            .chain(seg.comments.iter().map(|c| &c.text));
        for text in texts {
            if let Some(c) = forbidden_char(text) {
                return Err(InteropError::ControlCharacter {
                    id: seg.id,
                    code: u32::from(c),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choosing_a_format_changes_only_a_known_ending() {
        let cases = [
            (Format::Xliff, "/tmp/a.en.txt", "/tmp/a.xlf"),
            (Format::Html, "/tmp/a.xlf", "/tmp/a.report.html"),
            (Format::Text, "/tmp/a.report.html", "/tmp/a.en.txt"),
            (Format::Source, "a.en.txt", "a.fa.txt"),
            (Format::Tmx, "C:\\x\\b.XLIFF", "C:\\x\\b.tmx"),
            (Format::Xliff12, "notes.txt", "notes.xliff"),
            // A name the user chose is kept whole; a folder or nothing is left alone.
            (
                Format::Xliff,
                "/tmp/p.virast.json",
                "/tmp/p.virast.json.xlf",
            ),
            (Format::Xliff, "/tmp/خبر", "/tmp/خبر.xlf"),
            (Format::Xliff, "/tmp/.txt", "/tmp/.txt.xlf"),
            (Format::Tmx, "/tmp/", "/tmp/"),
            (Format::Tmx, "", ""),
        ];
        for (format, path, want) in cases {
            assert_eq!(format.adjust_path(path), want, "{format:?} {path}");
        }
        // Every format's own ending is recognised, so switching back and forth is stable.
        for a in Format::ALL {
            for b in Format::ALL {
                assert_eq!(
                    b.adjust_path(&a.adjust_path("x/doc.txt")),
                    b.adjust_path("x/doc.txt")
                );
            }
        }
    }

    #[test]
    fn options_reach_the_formats_and_counts_follow_them() {
        let p = test_project::sample();
        let mut o = ExportOptions {
            format: Format::Tmx,
            ..ExportOptions::default()
        };
        assert_eq!(o.count(&p).as_deref(), Some("1 pair"));
        o.tmx_scope = tmx::TmxScope::Translated;
        assert_eq!(o.count(&p).as_deref(), Some("2 pairs"));
        let all = String::from_utf8(o.render(&p).unwrap_or_default()).unwrap_or_default();
        assert_eq!(all.matches("<tu ").count(), 2);
        o.format = Format::Text;
        o.untranslated = crate::export::Untranslated::Mark;
        let text = String::from_utf8(o.render(&p).unwrap_or_default()).unwrap_or_default();
        assert!(text.contains("[untranslated"), "{text}");
        assert_eq!(o.count(&p), None);
    }
}

/// A small project with one segment in every status, for the tests of this module.
#[cfg(test)]
pub(crate) mod test_project {
    use chrono::{TimeZone, Utc};

    use crate::model::{Project, Stamp};

    /// Four segments: approved, translated (markup, `&` and a CRLF in the target), sent back
    /// with a comment containing markup, untranslated.
    pub fn sample() -> Project {
        let time = Utc
            .with_ymd_and_hms(2026, 11, 28, 9, 0, 0)
            .single()
            .unwrap_or_default();
        let article = crate::import::decode(
            "سلام دنیا. الف و ب.\nدلیل ۴۰۰ هزار.\nبدون ترجمه.\n".as_bytes(),
            std::path::Path::new("t.txt"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut p = article.into_project("Test <title>", time);
        let ana = Stamp {
            author: "ana".into(),
            time,
        };
        let editor = Stamp {
            author: "editor".into(),
            time,
        };
        let ok = |r: Result<bool, crate::model::EditError>| r.unwrap_or_else(|e| panic!("{e}"));
        ok(p.set_target(0, "Hello world.", &ana));
        ok(p.approve(0, &editor));
        ok(p.set_target(1, "A & B <i> line one\r\nline two", &ana));
        ok(p.set_target(2, "Reason 400.", &ana));
        p.send_back(2, "<b>why</b> 400,000?", &editor)
            .unwrap_or_else(|e| panic!("{e}"));
        p
    }
}
