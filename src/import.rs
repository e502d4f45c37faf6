//! Reading a Persian article from a UTF-8 text file.
//!
//! The text is kept exactly as it is (CRLF, trailing whitespace, no final newline); only a
//! UTF-8 byte order mark is taken off and remembered, so a source export can put it back.
//! Pure apart from [`read_article`], which reads the file.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::model::Project;
use crate::segment::segment;

/// The UTF-8 byte order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// An article's text as read from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// The text without the byte order mark, otherwise byte for byte as in the file.
    pub text: String,
    /// Whether the file began with a UTF-8 byte order mark.
    pub bom: bool,
}

/// Why an article could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {}: {cause}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        cause: std::io::Error,
    },
    /// A byte sequence is not UTF-8.
    #[error(
        "{} is not valid UTF-8: byte 0x{byte:02X} at byte offset {offset} (save the article as UTF-8 and import it again)",
        path.display()
    )]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Offset of the first bad byte from the start of the file.
        offset: usize,
        /// The first bad byte.
        byte: u8,
    },
    /// The file contains a NUL byte, so it is not a text file.
    #[error(
        "{} contains a NUL byte at byte offset {offset}: it is not a plain text file",
        path.display()
    )]
    NulByte {
        /// The file.
        path: PathBuf,
        /// Offset of the first NUL byte from the start of the file.
        offset: usize,
    },
    /// The file starts with a UTF-16 byte order mark.
    #[error(
        "{} is UTF-16 text: save the article as UTF-8 and import it again",
        path.display()
    )]
    Utf16 {
        /// The file.
        path: PathBuf,
    },
    /// The file has no bytes (or only a byte order mark).
    #[error("{} is empty: there is no article to import", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file has only whitespace.
    #[error(
        "{} contains only whitespace: there is no article to import",
        path.display()
    )]
    Blank {
        /// The file.
        path: PathBuf,
    },
}

/// Decode the bytes of an article; `path` names the file in error messages.
pub fn decode(bytes: &[u8], path: &Path) -> Result<Article, ImportError> {
    let path = || path.to_path_buf();
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(ImportError::Utf16 { path: path() });
    }
    let bom = bytes.starts_with(BOM);
    let skip = if bom { BOM.len() } else { 0 };
    let body = bytes.get(skip..).unwrap_or_default();
    let first_nul = body.iter().position(|&b| b == 0);
    let text = match std::str::from_utf8(body) {
        Ok(text) => {
            if let Some(at) = first_nul {
                return Err(ImportError::NulByte {
                    path: path(),
                    offset: skip + at,
                });
            }
            text
        }
        Err(err) => {
            let bad = err.valid_up_to();
            // Report whichever problem comes first in the file.
            if let Some(at) = first_nul.filter(|&at| at < bad) {
                return Err(ImportError::NulByte {
                    path: path(),
                    offset: skip + at,
                });
            }
            return Err(ImportError::InvalidUtf8 {
                path: path(),
                offset: skip + bad,
                byte: body.get(bad).copied().unwrap_or_default(),
            });
        }
    };
    if text.is_empty() {
        return Err(ImportError::Empty { path: path() });
    }
    if text.trim().is_empty() {
        return Err(ImportError::Blank { path: path() });
    }
    Ok(Article {
        text: text.to_owned(),
        bom,
    })
}

/// Read and decode an article file.
pub fn read_article(path: &Path) -> Result<Article, ImportError> {
    let bytes = std::fs::read(path).map_err(|cause| ImportError::Io {
        path: path.to_path_buf(),
        cause,
    })?;
    decode(&bytes, path)
}

impl Article {
    /// The bytes of the file this article came from (byte order mark restored).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.text.len() + BOM.len());
        if self.bom {
            out.extend_from_slice(BOM);
        }
        out.extend_from_slice(self.text.as_bytes());
        out
    }

    /// A new project with this article segmented into sentences, all untranslated.
    pub fn into_project(self, title: &str, now: DateTime<Utc>) -> Project {
        let seg = segment(&self.text);
        let pieces = seg.pieces.into_iter().map(|p| (p.source, p.separator));
        let mut project = Project::new(title, seg.prefix, pieces, now);
        project.meta.source_bom = self.bom;
        project
    }
}

/// A title for an article file: its name without extensions (`news.fa.txt` -> `news`).
pub fn title_from_path(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.split_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_owned(),
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_ok(bytes: &[u8]) -> Article {
        match decode(bytes, Path::new("a.txt")) {
            Ok(article) => article,
            Err(err) => panic!("unexpected error: {err}"),
        }
    }

    fn decode_err(bytes: &[u8]) -> String {
        match decode(bytes, Path::new("dir/a.txt")) {
            Ok(article) => panic!("expected an error, got {article:?}"),
            Err(err) => err.to_string(),
        }
    }

    #[test]
    fn plain_text_is_kept_exactly() {
        let bytes = "سلام.\r\nدوم. \n".as_bytes();
        let article = decode_ok(bytes);
        assert!(!article.bom);
        assert_eq!(article.text.as_bytes(), bytes);
        assert_eq!(article.to_bytes(), bytes);
    }

    #[test]
    fn bom_is_taken_off_and_remembered() {
        let mut bytes = BOM.to_vec();
        bytes.extend_from_slice("متن".as_bytes());
        let article = decode_ok(&bytes);
        assert!(article.bom);
        assert_eq!(article.text, "متن");
        assert_eq!(article.to_bytes(), bytes);
    }

    #[test]
    fn invalid_utf8_names_file_and_offset() {
        let mut bytes = "سلام".as_bytes().to_vec(); // 8 bytes
        bytes.push(0xFF);
        let msg = decode_err(&bytes);
        assert!(msg.contains("dir/a.txt"), "{msg}");
        assert!(msg.contains("byte offset 8"), "{msg}");
        assert!(msg.contains("0xFF"), "{msg}");
        // Offsets count from the start of the file, BOM included.
        let mut with_bom = BOM.to_vec();
        with_bom.extend_from_slice(&bytes);
        assert!(decode_err(&with_bom).contains("byte offset 11"));
        // A truncated multi-byte character at the end is invalid too.
        assert!(decode_err(&"سلام".as_bytes()[..7]).contains("byte offset 6"));
    }

    #[test]
    fn nul_byte_is_refused_with_offset() {
        let msg = decode_err(b"abc\0def");
        assert!(msg.contains("NUL byte at byte offset 3"), "{msg}");
        // The first problem in the file is the one reported.
        assert!(decode_err(b"a\0b\xFF").contains("NUL byte at byte offset 1"));
        assert!(decode_err(b"a\xFFb\0").contains("not valid UTF-8: byte 0xFF at byte offset 1"));
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        assert!(decode_err(b"").contains("is empty"));
        assert!(decode_err(BOM).contains("is empty"));
        assert!(decode_err(b" \r\n\t").contains("only whitespace"));
    }

    #[test]
    fn utf16_is_named() {
        assert!(decode_err(b"\xFF\xFEa\0").contains("UTF-16"));
    }

    #[test]
    fn missing_file_names_the_file() {
        let err = read_article(Path::new("/nonexistent/virast/article.txt"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.starts_with("cannot read /nonexistent/virast/article.txt"),
            "{err}"
        );
    }

    #[test]
    fn old_mac_line_endings_are_paragraphs_too() {
        let article = decode(
            "اول.\rبند دوم. جمله سوم.\r".as_bytes(),
            Path::new("mac.txt"),
        );
        let p = article.map_or_else(
            |e| panic!("{e}"),
            |a| a.into_project("mac", chrono::Utc::now()),
        );
        assert_eq!(p.segments.len(), 3);
        assert_eq!(p.paragraph_count(), 2);
    }

    #[test]
    fn title_is_the_file_stem() {
        assert_eq!(title_from_path(Path::new("/x/news.fa.txt")), "news");
        assert_eq!(title_from_path(Path::new(".hidden")), ".hidden");
        assert_eq!(title_from_path(Path::new("plain")), "plain");
    }
}
