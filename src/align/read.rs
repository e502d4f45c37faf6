//! Reading an English translation: UTF-8 text or a Word `.docx` file.
//!
//! The format is recognised by content first (a ZIP container with `word/document.xml` is a
//! Word file), so a renamed file still works; files of other kinds (legacy `.doc`, PDF, RTF,
//! images, other ZIP files) are refused with a message that names the format. Word paragraphs
//! become lines of text, so paragraph breaks reach the aligner.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::import::{self, ImportError};

/// The largest translation file read, and the most a part of a Word file may unpack to
/// (64 MiB): a news article's translation is some tens of kilobytes, and a whole book's Word
/// text well under this. A zip bomb (a small `.docx` that unpacks to gigabytes) is refused
/// after reading at most this much.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The most text a translation may hold once read (16 MiB), which bounds the work of the
/// sentence splitter and the aligner downstream.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// Why a translation file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be read.
    #[error("cannot read {}: {cause}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        cause: std::io::Error,
    },
    /// The file is of a kind we cannot read.
    #[error(
        "{} is {format}, not a text or Word (.docx) file: save the translation as .docx or UTF-8 .txt and import it again",
        path.display()
    )]
    UnsupportedFormat {
        /// The file.
        path: PathBuf,
        /// The format recognised, with an article (`"a PDF document"`).
        format: &'static str,
    },
    /// The Word file is damaged.
    #[error("{} is a damaged Word file: {message}", path.display())]
    BadDocx {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// Text that is not UTF-8, has NUL bytes, or is UTF-16.
    #[error("{0}")]
    Text(ImportError),
    /// Nothing to import.
    #[error("{} is empty: there is no translation to import", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file, a part of it unpacked, or its text is larger than the limit; at most the
    /// limit was read.
    #[error(
        "{} is too large to be a translation: {what} is more than {} MiB, the limit (is it the right file?)",
        path.display(),
        limit / (1024 * 1024)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// What is too large ("the file", "word/document.xml unpacked", "its text").
        what: &'static str,
        /// The limit in bytes.
        limit: u64,
    },
}

/// Recognise formats we do not read by their first bytes.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "a legacy Word (.doc) or other Office 97-2003 file",
        ),
        (b"{\\rtf", "an RTF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"II*\0", "a TIFF image"),
        (b"MM\0*", "a TIFF image"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, name)| name)
}

/// Read a translation file: its text, paragraphs on separate lines.
pub fn read_translation(path: &Path) -> Result<String, ReadError> {
    let io = |cause| ReadError::Io {
        path: path.to_path_buf(),
        cause,
    };
    let too_large = ReadError::TooLarge {
        path: path.to_path_buf(),
        what: "the file",
        limit: MAX_FILE_BYTES,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    if file.metadata().map_err(io)?.len() > MAX_FILE_BYTES {
        return Err(too_large);
    }
    // Read at most one byte over the limit, so a file growing meanwhile is caught too.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large);
    }
    translation_text(&bytes, path)
}

/// The text of a translation file's bytes; `path` names it in messages.
pub fn translation_text(bytes: &[u8], path: &Path) -> Result<String, ReadError> {
    let unsupported = |format| ReadError::UnsupportedFormat {
        path: path.to_path_buf(),
        format,
    };
    if let Some(format) = sniff(bytes) {
        return Err(unsupported(format));
    }
    let too_large = |what| ReadError::TooLarge {
        path: path.to_path_buf(),
        what,
        limit: MAX_FILE_BYTES,
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large("the file"));
    }
    let text = if bytes.starts_with(b"PK\x03\x04") {
        docx_text(bytes, MAX_FILE_BYTES).map_err(|e| match e {
            DocxError::NotWord => unsupported("a ZIP archive but not a Word document"),
            DocxError::TooLarge => too_large("word/document.xml unpacked"),
            DocxError::Bad(message) => ReadError::BadDocx {
                path: path.to_path_buf(),
                message,
            },
        })?
    } else {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if ext.as_deref() == Some("doc") {
            return Err(unsupported("a legacy Word (.doc) file"));
        }
        match import::decode(bytes, path) {
            Ok(article) => article.text,
            Err(ImportError::Empty { .. } | ImportError::Blank { .. }) => String::new(),
            Err(err) => return Err(ReadError::Text(err)),
        }
    };
    if text.len() > MAX_TEXT_BYTES {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            what: "its text",
            limit: MAX_TEXT_BYTES as u64,
        });
    }
    if text.trim().is_empty() {
        return Err(ReadError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(text)
}

enum DocxError {
    NotWord,
    TooLarge,
    Bad(String),
}

/// The text of a `.docx`: one line per paragraph, tabs and line breaks kept. The document part
/// is unpacked up to `limit` bytes: its declared size is checked first, and the reading stops
/// one byte past the limit whatever the archive claims.
fn docx_text(bytes: &[u8], limit: u64) -> Result<String, DocxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocxError::Bad(format!("cannot open the ZIP container: {e}")))?;
    let mut xml = Vec::new();
    {
        let part = archive
            .by_name("word/document.xml")
            .map_err(|_| DocxError::NotWord)?;
        if part.size() > limit {
            return Err(DocxError::TooLarge);
        }
        xml.reserve(usize::try_from(part.size()).unwrap_or(0));
        part.take(limit + 1)
            .read_to_end(&mut xml)
            .map_err(|e| DocxError::Bad(format!("cannot read word/document.xml: {e}")))?;
    }
    if xml.len() as u64 > limit {
        return Err(DocxError::TooLarge);
    }
    let xml = String::from_utf8(xml)
        .map_err(|_| DocxError::Bad("word/document.xml is not UTF-8".to_owned()))?;
    paragraphs_of(&xml).map_err(DocxError::Bad)
}

/// Paragraph texts of `WordprocessingML` (`w:p` → a line; `w:t` text, `w:tab`, `w:br`).
fn paragraphs_of(xml: &str) -> Result<String, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = String::new();
    let mut in_text = false;
    let mut paragraphs = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "word/document.xml at byte {}: {e}",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_text = true,
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    out.push('\n');
                    paragraphs += 1;
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" => out.push('\t'),
                b"br" | b"cr" => out.push('\n'),
                b"p" => {
                    out.push('\n');
                    paragraphs += 1;
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text = t.decode().map_err(|e| format!("word/document.xml: {e}"))?;
                out.push_str(&text);
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.decode().map_err(|e| format!("word/document.xml: {e}"))?;
                let resolved = match name.as_ref() {
                    "amp" => "&".to_owned(),
                    "lt" => "<".to_owned(),
                    "gt" => ">".to_owned(),
                    "quot" => "\"".to_owned(),
                    "apos" => "'".to_owned(),
                    other => r
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .map_or_else(|| format!("&{other};"), String::from),
                };
                out.push_str(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if paragraphs == 0 {
        return Err("word/document.xml has no paragraphs".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_paragraphs_become_lines() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>
            <w:p><w:r><w:t>Hello</w:t></w:r><w:r><w:t xml:space="preserve"> world &amp; more.</w:t></w:r></w:p>
            <w:p/><w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C &#8220;q&#8221;</w:t></w:r></w:p>
            </w:body></w:document>"#;
        assert_eq!(
            paragraphs_of(xml).unwrap_or_else(|e| panic!("{e}")),
            "Hello world & more.\n\nA\tB\nC “q”\n"
        );
    }

    #[test]
    fn other_formats_are_named() {
        let p = Path::new("t.pdf");
        let err = translation_text(b"%PDF-1.7 ...", p)
            .map(|_| ())
            .unwrap_err();
        assert!(err.to_string().contains("a PDF document"), "{err}");
        let err = translation_text(b"\x89PNG\r\n", Path::new("x.txt"))
            .map(|_| ())
            .unwrap_err();
        assert!(err.to_string().contains("PNG image"), "{err}");
        let err = translation_text(b"plain", Path::new("old.doc"))
            .map(|_| ())
            .unwrap_err();
        assert!(err.to_string().contains(".doc"), "{err}");
        let err = translation_text(b"PK\x03\x04garbage", Path::new("x.docx"))
            .map(|_| ())
            .unwrap_err();
        assert!(err.to_string().contains("damaged Word file"), "{err}");
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        for bytes in [&b""[..], b"  \n\r\n", b"\xEF\xBB\xBF"] {
            let err = translation_text(bytes, Path::new("e.txt"))
                .map(|_| ())
                .unwrap_err();
            assert!(err.to_string().contains("is empty"), "{err}");
        }
        assert_eq!(
            translation_text("Hi.\r\nThere.".as_bytes(), Path::new("a.txt")).ok(),
            Some("Hi.\r\nThere.".to_owned())
        );
    }
}
