//! TBX (Term Base eXchange, ISO 30042) glossaries.
//!
//! Written as TBX-Basic in the TBX v2 `martif` form, which most tools read: one `termEntry`
//! per term with its `subjectField` and `note`, a Persian `langSet` with the term (and its
//! `partOfSpeech`), and an English `langSet` with the preferred term
//! (`preferredTerm-admn-sts`), the admitted ones (`admittedTerm-admn-sts`) and the forbidden
//! ones (`deprecatedTerm-admn-sts`).
//!
//! Read: TBX v2 (`martif`, `termEntry`/`langSet`/`tig` or `ntig`) and TBX v3 (`tbx`,
//! `conceptEntry`/`langSec`/`termSec`). The Persian and the English side are told apart by
//! script, so a file whose language codes are missing or wrong (translate-toolkit's `csv2tbx`
//! labels the first column `en`) still reads right. An English term without a status is
//! preferred if it comes first and admitted after; `deprecated` and `superseded` terms (or
//! `normativeAuthorization` `deprecatedTerm`) are forbidden. An entry with several Persian
//! terms gives one [`Term`] per Persian term, each with the same English.

use std::path::Path;

use quick_xml::Reader;
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};

use super::{Glossary, GlossaryError, PartOfSpeech, Position, Term, line_column, utf8};

/// The DTD file TBX-Basic v2 files name in their document type declaration.
pub const BASIC_DTD: &str = "TBXBasiccoreStructV02.dtd";

/// The status of a term within its language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Unset,
    Preferred,
    Admitted,
    Forbidden,
}

fn status_of(value: &str) -> Status {
    let v = value.trim().to_ascii_lowercase();
    if v.starts_with("preferred") || v.starts_with("standardized") || v.starts_with("legal") {
        Status::Preferred
    } else if v.starts_with("admitted") || v.starts_with("regulated") {
        Status::Admitted
    } else if v.starts_with("deprecated")
        || v.starts_with("superseded")
        || v.starts_with("forbidden")
    {
        Status::Forbidden
    } else {
        Status::Unset
    }
}

#[derive(Default)]
struct TermBuf {
    text: String,
    status: Option<Status>,
    pos: PartOfSpeech,
}

#[derive(Default)]
struct LangBuf {
    terms: Vec<TermBuf>,
}

#[derive(Default)]
struct EntryBuf {
    position: Position,
    domain: Vec<String>,
    notes: Vec<String>,
    langs: Vec<LangBuf>,
}

/// What text is being collected.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Term,
    Status,
    Pos,
    Domain,
    Note,
}

fn is_persian(text: &str) -> bool {
    text.chars()
        .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{FB50}'..='\u{FEFF}').contains(&c))
}

impl EntryBuf {
    fn into_terms(self) -> Vec<(Term, Position)> {
        let (persian, english): (Vec<&LangBuf>, Vec<&LangBuf>) = self
            .langs
            .iter()
            .filter(|l| !l.terms.is_empty())
            .partition(|l| l.terms.iter().any(|t| is_persian(&t.text)));
        let mut preferred = String::new();
        let mut admitted = Vec::new();
        let mut forbidden = Vec::new();
        for t in english.iter().flat_map(|l| &l.terms) {
            let text = t.text.trim().to_owned();
            match t.status.unwrap_or(Status::Unset) {
                Status::Forbidden => forbidden.push(text),
                Status::Preferred | Status::Unset if preferred.is_empty() => preferred = text,
                _ => admitted.push(text),
            }
        }
        // An admitted term listed before the preferred one: keep it admitted.
        let note = self.notes.join("\n");
        let domain = self.domain.join("; ");
        let sources: Vec<&TermBuf> = persian.iter().flat_map(|l| &l.terms).collect();
        let make = |source: &str, pos: PartOfSpeech| Term {
            source: source.trim().to_owned(),
            english: preferred.clone(),
            admitted: admitted.clone(),
            forbidden: forbidden.clone(),
            note: note.clone(),
            domain: domain.clone(),
            pos,
            extra: super::Extra::new(),
        };
        if sources.is_empty() {
            // Kept so `--check` can say the Persian side is empty.
            return vec![(make("", PartOfSpeech::Unknown), self.position)];
        }
        sources
            .iter()
            .map(|t| (make(&t.text, t.pos), self.position))
            .collect()
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name.as_bytes()).then(|| {
            a.normalized_value(quick_xml::XmlVersion::default())
                .map(std::borrow::Cow::into_owned)
                .unwrap_or_default()
        })
    })
}

/// Read a TBX glossary; `path` names the file in errors.
pub fn parse(bytes: &[u8], path: &Path) -> Result<Glossary, GlossaryError> {
    let text = utf8(bytes, path)?;
    let offset = bytes.len() - text.len();
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let error = |pos: u64, message: String| {
        let (line, column) = line_column(bytes, offset + pos as usize);
        GlossaryError::Malformed {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    };

    let mut root: Option<String> = None;
    let mut stack: Vec<String> = Vec::new();
    let mut entry: Option<EntryBuf> = None;
    let mut entries = 0usize;
    let mut field: Option<(Field, String)> = None;
    let mut out = Glossary::default();

    loop {
        let before = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => return Err(error(reader.error_position(), e.to_string())),
        };
        match event {
            Event::Eof => {
                if let Some(open) = stack.last() {
                    return Err(error(
                        reader.buffer_position(),
                        format!("the file ends inside <{open}> (truncated?)"),
                    ));
                }
                break;
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if root.is_none() {
                    if name != "martif" && name != "tbx" {
                        return Err(GlossaryError::NotTbx {
                            path: path.to_path_buf(),
                            root: name,
                        });
                    }
                    root = Some(name.clone());
                }
                match name.as_str() {
                    "termEntry" | "conceptEntry" => {
                        entries += 1;
                        let (line, _) = line_column(bytes, offset + before as usize);
                        entry = Some(EntryBuf {
                            position: Position {
                                line,
                                entry: entries,
                            },
                            ..EntryBuf::default()
                        });
                    }
                    "langSet" | "langSec" => {
                        if let Some(en) = entry.as_mut() {
                            en.langs.push(LangBuf::default());
                        }
                    }
                    "tig" | "ntig" | "termSec" => {
                        if let Some(lang) = entry.as_mut().and_then(|en| en.langs.last_mut()) {
                            lang.terms.push(TermBuf::default());
                        }
                    }
                    _ if field.is_some() => {}
                    "term" if entry.is_some() => field = Some((Field::Term, String::new())),
                    "termNote" | "descrip" | "note" if entry.is_some() => {
                        let kind = attr(e, "type").unwrap_or_default();
                        field = match (name.as_str(), kind.as_str()) {
                            ("termNote", "administrativeStatus" | "normativeAuthorization") => {
                                Some((Field::Status, String::new()))
                            }
                            ("termNote", "partOfSpeech") => Some((Field::Pos, String::new())),
                            ("descrip", "subjectField") => Some((Field::Domain, String::new())),
                            ("descrip", "definition") | ("note", _) => {
                                Some((Field::Note, String::new()))
                            }
                            _ => None,
                        };
                    }
                    _ => {}
                }
                if empty {
                    field = None;
                } else {
                    stack.push(name);
                }
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                match name.as_str() {
                    "termEntry" | "conceptEntry" => {
                        if let Some(done) = entry.take() {
                            for (term, position) in done.into_terms() {
                                out.terms.push(term);
                                out.positions.push(position);
                            }
                        }
                    }
                    "term" | "termNote" | "descrip" | "note" => {
                        let Some((kind, body)) = field.take() else {
                            continue;
                        };
                        let Some(en) = entry.as_mut() else { continue };
                        let term = en.langs.last_mut().and_then(|l| l.terms.last_mut());
                        match (kind, term) {
                            (Field::Term, Some(t)) => t.text = body,
                            (Field::Status, Some(t)) => t.status = Some(status_of(&body)),
                            (Field::Pos, Some(t)) => t.pos = PartOfSpeech::from_tbx(&body),
                            (Field::Domain, _) if !body.trim().is_empty() => {
                                en.domain.push(body.trim().to_owned());
                            }
                            (Field::Note, _) if !body.trim().is_empty() => {
                                en.notes.push(body.trim().to_owned());
                            }
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some((_, body)) = field.as_mut() {
                    let s = t
                        .xml10_content()
                        .map_err(|e| error(reader.buffer_position(), e.to_string()))?;
                    body.push_str(&s);
                }
            }
            Event::CData(t) => {
                if let Some((_, body)) = field.as_mut() {
                    let s = t
                        .xml10_content()
                        .map_err(|e| error(reader.buffer_position(), e.to_string()))?;
                    body.push_str(&s);
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, body)) = field.as_mut() {
                    let pos = reader.buffer_position();
                    if let Some(c) = r
                        .resolve_char_ref()
                        .map_err(|e| error(pos, e.to_string()))?
                    {
                        body.push(c);
                    } else {
                        let name = r.decode().map_err(|e| error(pos, e.to_string()))?;
                        match quick_xml::escape::resolve_xml_entity(&name) {
                            Some(s) => body.push_str(s),
                            None => return Err(error(pos, format!("unknown entity &{name};"))),
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if root.is_none() {
        return Err(GlossaryError::NotTbx {
            path: path.to_path_buf(),
            root: String::new(),
        });
    }
    Ok(out)
}

/// Write `terms` as TBX-Basic (TBX v2 `martif`).
pub fn write(terms: &[Term]) -> Vec<u8> {
    use std::fmt::Write as _;
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(s, "<!DOCTYPE martif SYSTEM \"{BASIC_DTD}\">");
    s.push_str("<martif type=\"TBX-Basic\" xml:lang=\"fa\">\n");
    s.push_str("  <martifHeader>\n    <fileDesc>\n      <sourceDesc>\n");
    s.push_str("        <p>Written by Virast</p>\n");
    s.push_str("      </sourceDesc>\n    </fileDesc>\n");
    s.push_str("    <encodingDesc>\n      <p type=\"XCSURI\">TBXBasicXCSV02.xcs</p>\n    </encodingDesc>\n");
    s.push_str("  </martifHeader>\n  <text>\n    <body>\n");
    for (i, term) in terms.iter().enumerate() {
        s.push_str(&entry_xml(term, &format!("t{}", i + 1), false));
    }
    s.push_str("    </body>\n  </text>\n</martif>\n");
    s.into_bytes()
}

/// One entry as TBX, indented for a `body`: `termEntry`/`langSet`/`tig` (TBX v2), or with
/// `v3` `conceptEntry`/`langSec`/`termSec`.
fn entry_xml(term: &Term, id: &str, v3: bool) -> String {
    use std::fmt::Write as _;
    let (entry, lang, group) = if v3 {
        ("conceptEntry", "langSec", "termSec")
    } else {
        ("termEntry", "langSet", "tig")
    };
    let mut s = String::new();
    let _ = writeln!(s, "      <{entry} id=\"{}\">", escape(id));
    if !term.domain.is_empty() {
        let _ = writeln!(
            s,
            "        <descrip type=\"subjectField\">{}</descrip>",
            escape(&term.domain)
        );
    }
    if !term.note.is_empty() {
        let _ = writeln!(s, "        <note>{}</note>", escape(&term.note));
    }
    let _ = writeln!(s, "        <{lang} xml:lang=\"fa\">\n          <{group}>");
    let _ = writeln!(s, "            <term>{}</term>", escape(&term.source));
    if let Some(pos) = term.pos.tbx() {
        let _ = writeln!(
            s,
            "            <termNote type=\"partOfSpeech\">{pos}</termNote>"
        );
    }
    let _ = writeln!(s, "          </{group}>\n        </{lang}>");
    let _ = writeln!(s, "        <{lang} xml:lang=\"en\">");
    let english = std::iter::once((term.english.as_str(), "preferredTerm-admn-sts"))
        .chain(
            term.admitted
                .iter()
                .map(|a| (a.as_str(), "admittedTerm-admn-sts")),
        )
        .chain(
            term.forbidden
                .iter()
                .map(|f| (f.as_str(), "deprecatedTerm-admn-sts")),
        );
    for (text, status) in english {
        let _ = writeln!(s, "          <{group}>");
        let _ = writeln!(s, "            <term>{}</term>", escape(text));
        let _ = writeln!(
            s,
            "            <termNote type=\"administrativeStatus\">{status}</termNote>"
        );
        let _ = writeln!(s, "          </{group}>");
    }
    let _ = writeln!(s, "        </{lang}>\n      </{entry}>");
    s
}

/// `text` (a TBX file) with `term` added as a last entry before `</body>`, in the file's own
/// TBX version; everything else stays as it is. `None` when there is no `</body>`.
pub fn insert_entry(text: &str, term: &Term) -> Option<String> {
    use std::hash::{Hash as _, Hasher as _};
    let at = text.rfind("</body>")?;
    let v3 = !text.contains("<martif");
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (text.len(), &term.source, &term.english).hash(&mut hasher);
    let id = format!("virast-{:016x}", hasher.finish());
    // Start the entry on a line of its own; keep the indentation before `</body>`.
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let only_space = text[line_start..at].trim().is_empty();
    let (insert_at, lead) = if only_space {
        (line_start, "")
    } else {
        (at, "\n")
    };
    let mut out = String::with_capacity(text.len() + 512);
    out.push_str(&text[..insert_at]);
    out.push_str(lead);
    out.push_str(&entry_xml(term, &id, v3));
    out.push_str(&text[insert_at..]);
    Some(out)
}
