//! Reading memory sources: Virast projects (their approved pairs), TMX 1.4b files (Persian as
//! `fa`, `fa-*` or `pes`, English as `en` or `en-*`; `<prop>` and `<note>` kept as context),
//! and folders of both, read recursively. A damaged file is skipped with a notice naming it;
//! the rest still loads.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use thiserror::Error;

use super::{Memory, Origin, Unit};
use crate::model::{Action, Project, Status};

/// Why a memory file could not be read.
#[derive(Debug, Error)]
pub enum ReadError {
    /// Not readable from disk.
    #[error("cannot read it: {0}")]
    Io(#[from] std::io::Error),
    /// Not UTF-8.
    #[error("it is not UTF-8 text")]
    NotUtf8,
    /// Broken XML.
    #[error("broken XML at byte {position}: {message}")]
    Xml {
        /// Byte offset.
        position: u64,
        /// What went wrong.
        message: String,
    },
    /// XML, but not TMX.
    #[error("it is not a TMX file (its root element is <{0}>)")]
    NotTmx(String),
    /// A TMX with no Persian side.
    #[error("it has no Persian side (languages found: {0}); Persian is fa, fa-IR or pes")]
    NoPersian(String),
    /// A TMX with Persian but no English side.
    #[error("it has no English side (languages found: {0})")]
    NoEnglish(String),
    /// A project that does not load.
    #[error("{0}")]
    Project(String),
}

/// What loading the sources gave: the memory and a notice per file skipped.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The indexed memory.
    pub memory: Memory,
    /// "FILE: why", one per file skipped (or read with a warning).
    pub notices: Vec<String>,
    /// Files read.
    pub files: usize,
}

/// Whether a language tag names Persian.
pub fn is_persian(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or_default();
    primary.eq_ignore_ascii_case("fa") || primary.eq_ignore_ascii_case("pes")
}

/// Whether a language tag names English.
pub fn is_english(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or_default();
    primary.eq_ignore_ascii_case("en")
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The approved pairs of a project, with who approved them and when.
pub fn project_units(project: &Project, file: &str) -> Vec<Unit> {
    let file: Arc<str> = file.into();
    let context = if project.meta.title.trim().is_empty() {
        Vec::new()
    } else {
        vec![project.meta.title.clone()]
    };
    project
        .segments
        .iter()
        .filter(|s| s.status == Status::Approved && !s.target.trim().is_empty())
        .map(|s| {
            let approval = s
                .history
                .iter()
                .rev()
                .find(|r| r.action == Action::Approve || r.status_after == Status::Approved);
            Unit {
                fa: s.source.clone(),
                en: s.target.clone(),
                origin: Origin {
                    file: Arc::clone(&file),
                    date: approval.map(|r| r.time.format("%Y-%m-%d").to_string()),
                    by: approval.map(|r| r.author.clone()),
                    context: context.clone(),
                    segment: Some(s.id.0),
                },
            }
        })
        .collect()
}

fn xml_error(reader: &Reader<&[u8]>, err: &impl std::fmt::Display) -> ReadError {
    ReadError::Xml {
        position: reader.error_position(),
        message: err.to_string(),
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::default())
            .ok()
            .map(std::borrow::Cow::into_owned)
    })
}

/// A TMX date (`20261128T090000Z`) as `2026-11-28`; anything else as given.
fn tmx_date(d: &str) -> String {
    let digits = d.get(..8).filter(|s| s.bytes().all(|b| b.is_ascii_digit()));
    match digits {
        Some(s) => format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..8]),
        None => d.to_owned(),
    }
}

/// One `<tu>` being read.
#[derive(Default)]
struct Tu {
    date: Option<String>,
    by: Option<String>,
    context: Vec<String>,
    /// (language, text, date, who) per `<tuv>`.
    variants: Vec<(String, String, Option<String>, Option<String>)>,
}

/// Inline elements whose content is native code, not text (TMX 1.4b, "Content markup").
const CODE: [&str; 5] = ["bpt", "ept", "ph", "it", "ut"];

/// Read a TMX document. `file` names it in the units' origin.
pub fn tmx_units(bytes: &[u8], file: &str) -> Result<Vec<Unit>, ReadError> {
    tmx_units_with(bytes, file, &|_| {})
}

/// [`tmx_units`], reporting the share of the document read (0.0..=1.0) now and then.
pub fn tmx_units_with(
    bytes: &[u8],
    file: &str,
    progress: &dyn Fn(f32),
) -> Result<Vec<Unit>, ReadError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let file: Arc<str> = file.into();
    let mut root = None;
    let mut stack: Vec<String> = Vec::new();
    let mut tu: Option<Tu> = None;
    // Inside <prop>/<note> of a tu (text gathered) or <seg> of a tuv (text, depth of code).
    let mut context: Option<String> = None;
    let mut seg: Option<String> = None;
    let mut code_depth = 0usize;
    let mut tuv: Option<(String, Option<String>, Option<String>)> = None;
    let mut langs: Vec<String> = Vec::new();
    let mut units = Vec::new();
    let mut pairs_without_english = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| xml_error(&reader, &e))?;
        match event {
            Event::Eof => {
                if let Some(open) = stack.last() {
                    return Err(xml_error(
                        &reader,
                        &format!("the file ends inside <{open}> (truncated?)"),
                    ));
                }
                break;
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if root.is_none() {
                    if name != "tmx" {
                        return Err(ReadError::NotTmx(name));
                    }
                    root = Some(name.clone());
                } else if seg.is_some() {
                    if CODE.contains(&name.as_str()) && !empty {
                        code_depth += 1;
                    }
                } else {
                    match name.as_str() {
                        "tu" => {
                            tu = Some(Tu {
                                date: attr(e, "changedate").or_else(|| attr(e, "creationdate")),
                                by: attr(e, "changeid").or_else(|| attr(e, "creationid")),
                                ..Tu::default()
                            });
                        }
                        "prop" | "note" if tu.is_some() && tuv.is_none() && !empty => {
                            let label = attr(e, "type").map_or(String::new(), |t| format!("{t}: "));
                            context = Some(label);
                        }
                        "tuv" if tu.is_some() => {
                            let lang = attr(e, "xml:lang")
                                .or_else(|| attr(e, "lang"))
                                .unwrap_or_default();
                            tuv = Some((
                                lang,
                                attr(e, "changedate").or_else(|| attr(e, "creationdate")),
                                attr(e, "changeid").or_else(|| attr(e, "creationid")),
                            ));
                        }
                        "seg" if tuv.is_some() => {
                            if empty {
                                if let (Some(t), Some((lang, d, b))) = (tu.as_mut(), tuv.as_ref()) {
                                    t.variants.push((
                                        lang.clone(),
                                        String::new(),
                                        d.clone(),
                                        b.clone(),
                                    ));
                                }
                            } else {
                                seg = Some(String::new());
                                code_depth = 0;
                            }
                        }
                        _ => {}
                    }
                }
                if !empty {
                    stack.push(name);
                }
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                if seg.is_some() && name != "seg" {
                    if CODE.contains(&name.as_str()) {
                        code_depth = code_depth.saturating_sub(1);
                    }
                    continue;
                }
                match name.as_str() {
                    "seg" => {
                        if let (Some(body), Some(t), Some((lang, d, b))) =
                            (seg.take(), tu.as_mut(), tuv.as_ref())
                        {
                            t.variants.push((lang.clone(), body, d.clone(), b.clone()));
                        }
                    }
                    "tuv" => tuv = None,
                    "prop" | "note" => {
                        if let (Some(c), Some(t)) = (context.take(), tu.as_mut()) {
                            let c = c.trim().to_owned();
                            if !c.is_empty() && !c.ends_with(':') {
                                t.context.push(c);
                            }
                        }
                    }
                    "tu" => {
                        if let Some(t) = tu.take() {
                            for (lang, ..) in &t.variants {
                                if !langs.iter().any(|l| l.eq_ignore_ascii_case(lang)) {
                                    langs.push(lang.clone());
                                }
                            }
                            let fa = t.variants.iter().find(|v| is_persian(&v.0));
                            let en = t.variants.iter().find(|v| is_english(&v.0));
                            match (fa, en) {
                                (Some(fa), Some(en)) => {
                                    units.push(Unit {
                                        fa: fa.1.trim().to_owned(),
                                        en: en.1.trim().to_owned(),
                                        origin: Origin {
                                            file: Arc::clone(&file),
                                            date: en.2.clone().or(t.date).map(|d| tmx_date(&d)),
                                            by: en.3.clone().or(t.by),
                                            context: t.context,
                                            segment: None,
                                        },
                                    });
                                    if units.len() % 2048 == 0 {
                                        progress(
                                            reader.buffer_position() as f32
                                                / text.len().max(1) as f32,
                                        );
                                    }
                                }
                                (Some(_), None) => pairs_without_english += 1,
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                let s = t.xml10_content().map_err(|e| xml_error(&reader, &e))?;
                if let Some(body) = seg.as_mut() {
                    if code_depth == 0 {
                        body.push_str(&s);
                    }
                } else if let Some(c) = context.as_mut() {
                    c.push_str(&s);
                }
            }
            Event::CData(t) => {
                let s = t.xml10_content().map_err(|e| xml_error(&reader, &e))?;
                if let Some(body) = seg.as_mut().filter(|_| code_depth == 0) {
                    body.push_str(&s);
                }
            }
            Event::GeneralRef(r) => {
                let c = if let Some(c) = r.resolve_char_ref().map_err(|e| xml_error(&reader, &e))? {
                    c.to_string()
                } else {
                    let name = r.decode().map_err(|e| xml_error(&reader, &e))?;
                    quick_xml::escape::resolve_xml_entity(&name)
                        .ok_or_else(|| xml_error(&reader, &format!("unknown entity &{name};")))?
                        .to_owned()
                };
                if let Some(body) = seg.as_mut() {
                    if code_depth == 0 {
                        body.push_str(&c);
                    }
                } else if let Some(ctx) = context.as_mut() {
                    ctx.push_str(&c);
                }
            }
            _ => {}
        }
    }
    if root.is_none() {
        return Err(ReadError::NotTmx(String::new()));
    }
    let found = || {
        if langs.is_empty() {
            "none".to_owned()
        } else {
            langs.join(", ")
        }
    };
    if units.is_empty() && !langs.iter().any(|l| is_persian(l)) && !langs.is_empty() {
        return Err(ReadError::NoPersian(found()));
    }
    if units.is_empty() && pairs_without_english > 0 {
        return Err(ReadError::NoEnglish(found()));
    }
    Ok(units)
}

/// What a path holds, by its name.
fn kind_of(path: &Path) -> Option<bool> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    if Path::new(&name).extension().is_some_and(|e| e == "tmx") {
        Some(true)
    } else if name.ends_with(".virast.json") {
        Some(false)
    } else {
        None
    }
}

/// The memory files a source names: itself, or every `.tmx` and `.virast.json` under a
/// folder (sorted, so loading is repeatable).
pub fn files_of(source: &Path, notices: &mut Vec<String>) -> Vec<PathBuf> {
    if !source.is_dir() {
        return vec![source.to_path_buf()];
    }
    let mut out = Vec::new();
    let mut dirs = vec![source.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                notices.push(format!(
                    "{}: skipped, cannot read the folder: {err}",
                    dir.display()
                ));
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if kind_of(&path).is_some() {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The units of one file: a TMX file or a Virast project (by its name; a file of another
/// name is tried as TMX).
pub fn file_units(path: &Path) -> Result<Vec<Unit>, ReadError> {
    file_units_with(path, &|_| {})
}

/// [`file_units`], reporting the share of a TMX file read now and then.
fn file_units_with(path: &Path, progress: &dyn Fn(f32)) -> Result<Vec<Unit>, ReadError> {
    let name = file_name(path);
    if kind_of(path) == Some(false) {
        let project = crate::store::load(path).map_err(|e| ReadError::Project(e.to_string()))?;
        Ok(project_units(&project, &name))
    } else {
        let bytes = std::fs::read(path)?;
        tmx_units_with(&bytes, &name, progress)
    }
}

/// Read every source (files and folders) and index them; `progress` gets the share done
/// (0.0..=1.0) now and then. Files that cannot be read are skipped with a notice.
pub fn load(sources: &[PathBuf], progress: &dyn Fn(f32)) -> Loaded {
    load_with(sources, Vec::new(), progress)
}

/// Like [`load`], with `extra` units first (the open project's own approved pairs).
pub fn load_with(sources: &[PathBuf], extra: Vec<Unit>, progress: &dyn Fn(f32)) -> Loaded {
    let mut notices = Vec::new();
    let files: Vec<PathBuf> = sources
        .iter()
        .flat_map(|s| files_of(s, &mut notices))
        .collect();
    let sizes: Vec<u64> = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .collect();
    let total = sizes.iter().sum::<u64>().max(1) as f32;
    let mut done = 0u64;
    let mut units = extra;
    let mut read = 0;
    for (path, size) in files.iter().zip(&sizes) {
        let report = |share: f32| progress(0.8 * (done as f32 + share * *size as f32) / total);
        match file_units_with(path, &report) {
            Ok(found) => {
                read += 1;
                if found.is_empty() {
                    notices.push(format!("{}: no approved pairs in it", path.display()));
                }
                units.extend(found);
            }
            Err(err) => notices.push(format!("{}: skipped, {err}", path.display())),
        }
        done += size;
        // Reading is most of the work; indexing the last part.
        progress(0.8 * done as f32 / total);
    }
    let memory = Memory::build(units, &|share| progress(0.8 + 0.2 * share));
    Loaded {
        memory,
        notices,
        files: read,
    }
}
