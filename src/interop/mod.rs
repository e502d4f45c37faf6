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
pub mod xml_read;

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
            Format::Xliff => well_formed(xliff::xliff20(project)?)?,
            Format::Xliff12 => well_formed(xliff::xliff12(project)?)?,
            Format::Tmx => well_formed(tmx::tmx(project, self.tmx_scope)?)?,
            Format::Html => report::html(project)?.into_bytes(),
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

/// `bytes` if they are a well-formed XML document: an export the XML parser would reject is
/// never written.
fn well_formed(bytes: Vec<u8>) -> Result<Vec<u8>, InteropError> {
    match xml_read::check(&bytes) {
        Ok(()) => Ok(bytes),
        Err(e) => Err(InteropError::NotWellFormed(e.to_string())),
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

/// Which text of a project a character was found in, for a refused export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// `meta.title`.
    Title,
    /// `meta.source_name`.
    SourceName,
    /// `meta.source_url`.
    SourceUrl,
    /// `meta.published`.
    Published,
    /// `meta.source_lang`.
    SourceLang,
    /// `meta.target_lang`.
    TargetLang,
    /// A segment's Persian source.
    Source(SegmentId),
    /// A segment's English target.
    Target(SegmentId),
    /// The English a segment had when last approved (the report's diff).
    ApprovedTarget(SegmentId),
    /// The author of a comment on a segment.
    CommentAuthor(SegmentId),
    /// The text of a comment on a segment.
    Comment(SegmentId),
    /// A name in a segment's history (the report lists reviewers).
    HistoryAuthor(SegmentId),
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Field::Title => write!(f, "the project title"),
            Field::SourceName => write!(f, "the source name"),
            Field::SourceUrl => write!(f, "the source URL"),
            Field::Published => write!(f, "the publication date"),
            Field::SourceLang => write!(f, "the source language code"),
            Field::TargetLang => write!(f, "the target language code"),
            Field::Source(id) => write!(f, "the source of segment {id}"),
            Field::Target(id) => write!(f, "the target of segment {id}"),
            Field::ApprovedTarget(id) => write!(f, "the approved text of segment {id}"),
            Field::CommentAuthor(id) => write!(f, "a comment author's name on segment {id}"),
            Field::Comment(id) => write!(f, "a comment on segment {id}"),
            Field::HistoryAuthor(id) => write!(f, "a name in the history of segment {id}"),
        }
    }
}

/// Why an export could not be made. Nothing is written then.
#[derive(Debug, Error)]
pub enum InteropError {
    /// The format cannot carry this character (for XML a control character other than tab
    /// and line breaks; for the HTML report also C1 controls and noncharacters), so the
    /// project cannot be exported without changing its text.
    #[error(
        "{field} contains the control character U+{code:04X}, which {format} cannot carry; nothing was written: remove it (the desk's QA findings offer a fix for the target) and export again"
    )]
    ControlCharacter {
        /// Where it is.
        field: Field,
        /// The code point.
        code: u32,
        /// The format ("XML", "an HTML page").
        format: &'static str,
    },
    /// The document made is not well-formed (a safety net behind the checks of the texts;
    /// should never happen).
    #[error("the export would not be well-formed, so nothing was written: {0}")]
    NotWellFormed(String),
    /// Writing to the in-memory buffer failed (cannot happen for a `Vec`, kept typed).
    #[error("could not write XML: {0}")]
    Write(#[from] std::io::Error),
}

/// The first character of `text` that XML 1.0 cannot carry, if any.
pub(crate) fn forbidden_char(text: &str) -> Option<char> {
    text.chars().find(|&c| !xml_read::is_xml_char(c))
}

/// The texts of `project` that reach every XML export (attributes included), by field.
fn xml_fields(project: &Project) -> impl Iterator<Item = (Field, &str)> {
    let m = &project.meta;
    [
        (Field::Title, m.title.as_str()),
        (Field::SourceLang, m.source_lang.as_str()),
        (Field::TargetLang, m.target_lang.as_str()),
    ]
    .into_iter()
    .chain(project.segments.iter().flat_map(|seg| {
        [
            (Field::Source(seg.id), seg.source.as_str()),
            (Field::Target(seg.id), seg.target.as_str()),
        ]
        .into_iter()
        .chain(seg.comments.iter().flat_map(move |c| {
            [
                (Field::CommentAuthor(seg.id), c.author.as_str()),
                (Field::Comment(seg.id), c.text.as_str()),
            ]
        }))
    }))
}

/// The texts of `project` that reach the HTML report, by field.
fn report_fields(project: &Project) -> impl Iterator<Item = (Field, &str)> {
    let m = &project.meta;
    let optional = [
        (Field::SourceName, m.source_name.as_deref()),
        (Field::SourceUrl, m.source_url.as_deref()),
        (Field::Published, m.published.as_deref()),
    ]
    .into_iter()
    .filter_map(|(f, v)| v.map(|v| (f, v)));
    xml_fields(project)
        .chain(optional)
        .chain(project.segments.iter().flat_map(|seg| {
            seg.last_approved_target()
                .map(|t| (Field::ApprovedTarget(seg.id), t))
                .into_iter()
                .chain(
                    seg.history
                        .iter()
                        .map(move |r| (Field::HistoryAuthor(seg.id), r.author.as_str())),
                )
        }))
}

/// Refuse a project with a text that XML cannot carry, naming the field.
pub(crate) fn check_xml_chars(project: &Project) -> Result<(), InteropError> {
    for (field, text) in xml_fields(project) {
        if let Some(c) = forbidden_char(text) {
            return Err(InteropError::ControlCharacter {
                field,
                code: u32::from(c),
                format: "XML",
            });
        }
    }
    Ok(())
}

/// Refuse a project with a text that the HTML report cannot carry, naming the field.
pub(crate) fn check_report_chars(project: &Project) -> Result<(), InteropError> {
    for (field, text) in report_fields(project) {
        if let Some(c) = text.chars().find(|&c| xml_read::html_forbidden(c)) {
            return Err(InteropError::ControlCharacter {
                field,
                code: u32::from(c),
                format: "an HTML page",
            });
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

#[cfg(test)]
mod hostile_exports_tests;
