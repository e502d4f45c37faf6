//! Import an XLIFF 2.0 or 1.2 file back into its project: units are matched to segments by
//! id, targets and statuses updated, and each change recorded in the segment's history as
//! "imported from FILE".
//!
//! All or nothing: the file is read and checked completely first. A unit whose source differs
//! from the project's, whose id is unknown or repeated, or whose source or target holds inline
//! markup (which Virast's plain-text segments cannot keep) is listed, and nothing changes.
//!
//! A file older than the project: our exports record what they wrote of each unit
//! ([`super::record`]), so [`plan_file`] applies only units whose text or status the file
//! changed since the export, keeps sentences changed only in the project since, and reports a
//! unit changed on both sides ([`BothChanged`]) instead of applying it.

use thiserror::Error;

use super::record::{self, Records};
use super::xliff::SUBSTATE_NEEDS_REVISION;
use super::xml_read::{Attr, Item, Name, XmlError, XmlReader, cannot_export};
use crate::model::{Action, Project, Revision, SegmentId, Stamp, Status};

/// The largest XLIFF file an import reads: the size a project file may have
/// ([`crate::store::MAX_FILE_SIZE`], 512 MiB). A project's XLIFF carries less than the project
/// (no history, no comments beyond notes), so a larger file is not one of ours; it is refused
/// before it is read, and a file growing meanwhile is cut at one byte over.
pub const MAX_XLIFF_BYTES: u64 = crate::store::MAX_FILE_SIZE;

/// Reads an XLIFF file for [`plan_file`], at most [`MAX_XLIFF_BYTES`].
pub fn read_file(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    read_bounded(path, MAX_XLIFF_BYTES)
}

/// Reads `path`, refusing a file of more than `limit` bytes with a message naming the limit.
pub fn read_bounded(path: &std::path::Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let too_large = || {
        std::io::Error::other(format!(
            "the file is larger than {} MiB, more than any project's XLIFF; nothing was read",
            limit / (1024 * 1024)
        ))
    };
    let file = std::fs::File::open(path)?;
    if file.metadata()?.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// One unit (XLIFF 1.2 `<trans-unit>`, XLIFF 2.0 `<segment>`) as read from the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The id as written (the segment id for 2.0, else the unit id).
    pub id: String,
    /// The source text.
    pub source: String,
    /// The target text; `None` when the unit has no `<target>` element.
    pub target: Option<String>,
    /// The review status its state attributes map to (see `docs/INTEROP.md`).
    pub status: Status,
    /// The first inline element found in the source or target, if any.
    pub markup: Option<String>,
}

/// A reason a unit cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The unit has no usable id.
    NoId {
        /// Which unit in the file (1-based).
        position: usize,
    },
    /// The id names no segment of the project.
    UnknownId(String),
    /// Two units have the same id.
    Duplicate(String),
    /// The file's source is not the project's source for that segment.
    SourceDiffers {
        /// The unit id.
        id: String,
        /// The project's source.
        project: String,
        /// The file's source.
        file: String,
    },
    /// The source or target holds inline markup (or a comment or processing instruction).
    InlineMarkup {
        /// The unit id.
        id: String,
        /// The element, such as `ph` or `g`.
        element: String,
    },
    /// An id not written as Virast writes segment ids (`+4`, `04`, ` 4`).
    BadId {
        /// Which unit in the file (1-based).
        position: usize,
        /// The id as read.
        id: String,
    },
    /// An XLIFF 2.0 segment whose id is not its unit's id.
    IdsDisagree {
        /// The unit id.
        unit: String,
        /// The segment id.
        segment: String,
    },
    /// An element that a unit may hold once appears more often (two `<target>`s).
    Repeated {
        /// The unit id.
        id: String,
        /// The element.
        element: String,
        /// How often it appears.
        count: usize,
    },
    /// A state attribute with a value the format does not define.
    BadAttribute {
        /// The unit id.
        id: String,
        /// The attribute.
        attribute: String,
        /// Its value.
        value: String,
    },
    /// The target holds a character that the exports cannot carry (a C1 control character or
    /// a noncharacter, which XML allows but HTML does not).
    ForbiddenCharacter {
        /// The unit id.
        id: String,
        /// The code point.
        code: u32,
    },
    /// The segment has an open merge conflict, which the import would change.
    OpenConflict(String),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::NoId { position } => write!(f, "unit number {position} has no id"),
            Problem::UnknownId(id) => write!(f, "unit {id}: the project has no segment #{id}"),
            Problem::Duplicate(id) => write!(f, "unit {id} appears more than once"),
            Problem::SourceDiffers { id, project, file } => write!(
                f,
                "unit {id}: the source differs from the project's (project: «{project}», file: «{file}»)"
            ),
            Problem::InlineMarkup { id, element } => write!(
                f,
                "unit {id}: inline markup <{element}> cannot be kept in a plain-text segment"
            ),
            Problem::BadId { position, id } => write!(
                f,
                "unit number {position}: the id «{id}» is not a segment id (digits only, as Virast writes them)"
            ),
            Problem::IdsDisagree { unit, segment } => write!(
                f,
                "unit {unit}: its segment has the id {segment}; a unit and its segment must have the same id"
            ),
            Problem::Repeated { id, element, count } => {
                write!(f, "unit {id}: {count} <{element}> elements; one is allowed")
            }
            Problem::BadAttribute {
                id,
                attribute,
                value,
            } => write!(f, "unit {id}: {attribute}=\"{value}\" is not a valid value"),
            Problem::ForbiddenCharacter { id, code } => write!(
                f,
                "unit {id}: the target holds the control character U+{code:04X}, which the exports cannot carry"
            ),
            Problem::OpenConflict(id) => write!(
                f,
                "unit {id}: sentence #{id} has an open merge conflict; settle it in the review desk first"
            ),
        }
    }
}

/// Why a file could not be imported.
#[derive(Debug, Error)]
pub enum ImportError {
    /// Not UTF-8.
    #[error("the file is not UTF-8 text")]
    NotUtf8,
    /// Not well-formed XML (or XML this reader does not accept, such as a DOCTYPE).
    #[error(
        "the file is not well-formed XML at line {line}, column {column} (byte {position}): {message}"
    )]
    Xml {
        /// Byte offset of the problem.
        position: u64,
        /// Line of the problem, from 1.
        line: usize,
        /// Column of the problem in characters, from 1.
        column: usize,
        /// What is wrong (and in which unit).
        message: String,
    },
    /// Well-formed, but not XLIFF (the root element's name; empty when there is none).
    #[error("the file is not XLIFF ({})", root_element(.0))]
    NotXliff(String),
    /// An XLIFF version this program does not read.
    #[error("XLIFF version {0} is not supported (Virast reads 1.2 and 2.0)")]
    Version(String),
    /// Units that cannot be imported; nothing was changed.
    #[error("nothing was imported; {} unit(s) need attention:\n{}", .0.len(), list(.0))]
    Problems(Vec<Problem>),
}

fn root_element(name: &str) -> String {
    if name.is_empty() {
        "it has no XML element at all".to_owned()
    } else {
        format!("its root element is <{name}>")
    }
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the import will do to one segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Index of the segment in the project.
    pub index: usize,
    /// The new target.
    pub target: String,
    /// The new status.
    pub status: Status,
}

/// A unit whose target or status changed both in the file and in the project since the
/// export: not applied, shown to the user with both versions.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BothChanged {
    /// The segment id (the unit id).
    pub id: SegmentId,
    /// Index of the segment in the project.
    #[serde(skip)]
    pub index: usize,
    /// The project's target now.
    pub project_target: String,
    /// The project's status now.
    pub project_status: Status,
    /// The file's target.
    pub file_target: String,
    /// The file's status.
    pub file_status: Status,
}

/// The checked outcome of reading a file against a project; apply it with [`apply`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Units in the file.
    pub units: usize,
    /// Units without a `<target>` whose segment has a translation: left as they are.
    pub kept_without_target: usize,
    /// Units the file left as they were exported while the project changed them since: the
    /// project's newer work is kept.
    pub kept_newer: usize,
    /// Units changed both in the file and in the project since the export: not applied.
    pub both_changed: Vec<BothChanged>,
    /// Segments that change.
    pub changes: Vec<Change>,
}

/// What a [`Plan`] does, counted against the project before it is applied (for the summary
/// shown after an import, and for the workflow rules of the desk).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Units in the file.
    pub units: usize,
    /// Segments whose English text changes.
    pub targets: usize,
    /// Segments whose status changes.
    pub statuses: usize,
    /// How many segments end in each status, of those whose status changes (in
    /// [`Status::ALL`] order, only the statuses that occur).
    pub status_to: Vec<(Status, usize)>,
    /// Changes that approve a sentence (a new approval, or an approved sentence whose text
    /// the file changes and keeps approved): only editors approve.
    pub approvals: usize,
    /// Changes that send a sentence back: only editors send back.
    pub send_backs: usize,
    /// Units without a `<target>` whose segment has a translation: left as they are.
    pub kept_without_target: usize,
    /// Sentences changed in the project since the export and not in the file: kept.
    pub kept_newer: usize,
    /// Units changed both in the file and in the project since the export: not applied.
    pub both_changed: Vec<BothChanged>,
}

impl Summary {
    /// Segments the import changes.
    pub fn changed(&self) -> usize {
        self.targets.max(self.statuses)
    }
}

impl std::fmt::Display for Summary {
    /// "4 units in the file: 1 translation changed, 2 statuses changed (1 to Approved, 1 to
    /// Needs revision); 1 unit without a target left as it was."
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} in the file: ", super::plural(self.units, "unit"))?;
        if self.targets == 0 && self.statuses == 0 {
            write!(f, "nothing to change")?;
        } else {
            let translations = if self.targets == 1 {
                "1 translation".to_owned()
            } else {
                format!("{} translations", self.targets)
            };
            let statuses = if self.statuses == 1 {
                "1 status".to_owned()
            } else {
                format!("{} statuses", self.statuses)
            };
            write!(f, "{translations} changed, {statuses} changed")?;
            if !self.status_to.is_empty() {
                let to: Vec<String> = self
                    .status_to
                    .iter()
                    .map(|(s, n)| format!("{n} to {}", s.label()))
                    .collect();
                write!(f, " ({})", to.join(", "))?;
            }
        }
        match self.kept_without_target {
            0 => {}
            1 => write!(f, "; 1 unit without a target left as it was")?,
            n => write!(f, "; {n} units without a target left as they were")?,
        }
        match self.kept_newer {
            0 => {}
            1 => write!(
                f,
                "; 1 sentence changed here since the export and not in the file kept as it is"
            )?,
            n => write!(
                f,
                "; {n} sentences changed here since the export and not in the file kept as they are"
            )?,
        }
        if !self.both_changed.is_empty() {
            let ids: Vec<String> = self.both_changed.iter().map(|b| b.id.to_string()).collect();
            write!(
                f,
                "; {} changed both here and in the file since the export, not imported: {}",
                super::plural(self.both_changed.len(), "unit"),
                ids.join(", ")
            )?;
        }
        write!(f, ".")
    }
}

impl Plan {
    /// Count what this plan does to `project` (the project it was made for, not yet changed).
    pub fn summary(&self, project: &Project) -> Summary {
        let mut out = Summary {
            units: self.units,
            kept_without_target: self.kept_without_target,
            kept_newer: self.kept_newer,
            both_changed: self.both_changed.clone(),
            ..Summary::default()
        };
        let mut to = [0usize; Status::ALL.len()];
        for change in &self.changes {
            let Some(seg) = project.segments.get(change.index) else {
                continue;
            };
            let text_changes = seg.target != change.target;
            out.targets += usize::from(text_changes);
            if seg.status != change.status {
                out.statuses += 1;
                if let Some(k) = Status::ALL.iter().position(|&s| s == change.status) {
                    to[k] += 1;
                }
            }
            match change.status {
                Status::Approved if seg.status != Status::Approved || text_changes => {
                    out.approvals += 1;
                }
                Status::NeedsRevision if seg.status != Status::NeedsRevision => {
                    out.send_backs += 1;
                }
                _ => {}
            }
        }
        out.status_to = Status::ALL
            .into_iter()
            .zip(to)
            .filter(|&(_, n)| n > 0)
            .collect();
        out
    }

    /// The range of segment indices the plan changes (for a compact undo step), if any.
    pub fn changed_range(&self) -> Option<std::ops::RangeInclusive<usize>> {
        let first = self.changes.iter().map(|c| c.index).min()?;
        let last = self.changes.iter().map(|c| c.index).max()?;
        Some(first..=last)
    }
}

/// XLIFF version of a file, by its root element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Version {
    V12,
    V20,
}

/// Which field of a unit is being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Source,
    Target,
}

/// The unit being read: the unit itself, its state attributes, how many of each field it had.
struct Open {
    unit: Unit,
    /// XLIFF 2.0 `state`, XLIFF 1.2 `<target state>`.
    state: Option<String>,
    /// XLIFF 2.0 `subState`, XLIFF 1.2 `approved`.
    extra: Option<String>,
    sources: usize,
    targets: usize,
    segments: usize,
}

/// Whether `id` is written the way Virast writes segment ids (decimal digits, no sign, no
/// leading zero, no spaces), so `+4`, ` 4` and `04` are not taken for 4.
fn canonical_id(id: &str) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_digit())
        && (id == "0" || !id.starts_with('0'))
        && id.parse::<u64>().is_ok()
}

/// The XLIFF 2.0 `state` values.
const STATES20: [&str; 4] = ["initial", "translated", "reviewed", "final"];
/// The XLIFF 1.2 `state` values (custom ones start with `x-`).
const STATES12: [&str; 10] = [
    "final",
    "needs-adaptation",
    "needs-l10n",
    "needs-review-adaptation",
    "needs-review-l10n",
    "needs-review-translation",
    "needs-translation",
    "new",
    "signed-off",
    "translated",
];

fn get<'a>(attrs: &'a [Attr], local: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|a| a.name.ns.is_none() && a.name.local == local)
        .map(|a| a.value.as_str())
}

/// Read the units of an XLIFF 1.2 or 2.0 file. The file must be well-formed XML 1.0 (see
/// [`super::xml_read`]); elements are matched by namespace and name, so an element of another
/// vocabulary is never taken for a `<target>`. A unit with two targets, malformed ids or
/// state attributes, or (XLIFF 2.0) a segment id that is not its unit's id is listed as a
/// problem.
pub fn parse(bytes: &[u8]) -> Result<Vec<Unit>, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotUtf8)?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if !text.trim_start().starts_with('<') {
        // Plain text, not XML gone wrong: say what it is not.
        return Err(ImportError::NotXliff(String::new()));
    }
    let mut reader = XmlReader::new(text);
    let mut parser = Parser::default();
    loop {
        let item = reader.read().map_err(|e| {
            let unit = parser.current.as_ref().map(|o| o.unit.id.clone());
            xml_error(e, unit.as_deref())
        })?;
        match item {
            Item::Eof => break,
            Item::Start { name, attrs } => parser.start(name, &attrs)?,
            Item::End { .. } => parser.end(),
            Item::Text(t) => {
                if let Some((_, body, _)) = parser.field.as_mut() {
                    body.push_str(&t);
                }
            }
            // A comment or processing instruction inside a source or target would be lost
            // from a plain-text segment: refused like inline markup.
            Item::Comment(c) => parser.markup(|| format!("!--{c}--")),
            Item::Pi(p) => parser.markup(|| format!("?{p}?")),
        }
    }
    match parser.version {
        None => Err(ImportError::NotXliff(String::new())),
        Some(_) if !parser.problems.is_empty() => Err(ImportError::Problems(parser.problems)),
        Some(_) => Ok(parser.units),
    }
}

/// The state of [`parse`].
#[derive(Default)]
struct Parser {
    version: Option<Version>,
    /// The namespace of the root element: the XLIFF elements are those in it.
    xliff_ns: Option<String>,
    /// Open elements: whether each is an XLIFF element, and its local name.
    stack: Vec<(bool, String)>,
    units: Vec<Unit>,
    problems: Vec<Problem>,
    current: Option<Open>,
    /// Inside `<source>` or `<target>` of the current unit: which, the text so far, and the
    /// depth of the field element.
    field: Option<(Field, String, usize)>,
}

impl Open {
    fn new(id: String, extra: Option<String>, segments: usize) -> Open {
        Open {
            unit: Unit {
                id,
                source: String::new(),
                target: None,
                status: Status::Untranslated,
                markup: None,
            },
            state: None,
            extra,
            sources: 0,
            targets: 0,
            segments,
        }
    }
}

impl Parser {
    /// Inline content of a source or target that a plain-text segment cannot keep.
    fn markup(&mut self, what: impl FnOnce() -> String) {
        if self.field.is_some()
            && let Some(open) = self.current.as_mut()
        {
            open.unit.markup.get_or_insert_with(what);
        }
    }

    fn bad_attribute(&mut self, id: &str, attribute: &str, value: &str) {
        self.problems.push(Problem::BadAttribute {
            id: id.to_owned(),
            attribute: attribute.to_owned(),
            value: value.to_owned(),
        });
    }

    fn start(&mut self, name: Name, attrs: &[Attr]) -> Result<(), ImportError> {
        let Some(version) = self.version else {
            return self.root(name, attrs);
        };
        let ours = name.ns == self.xliff_ns;
        if self.field.is_some() {
            let shown = if ours {
                name.local.clone()
            } else {
                format!(
                    "{} (xmlns {})",
                    name.local,
                    name.ns.as_deref().unwrap_or("none")
                )
            };
            self.markup(|| shown);
        } else if ours {
            let parent = self
                .stack
                .last()
                .filter(|(o, _)| *o)
                .map(|(_, n)| n.as_str());
            match (version, name.local.as_str(), parent) {
                (Version::V20, "unit", _) => {
                    let id = self.unit_id(attrs);
                    self.current = Some(Open::new(id, None, 0));
                }
                (Version::V20, "segment", Some("unit")) => self.segment(attrs),
                (Version::V12, "trans-unit", _) => {
                    let id = self.unit_id(attrs);
                    let approved = get(attrs, "approved").map(str::to_owned);
                    if let Some(a) = approved.as_deref()
                        && a != "yes"
                        && a != "no"
                    {
                        self.bad_attribute(&id, "approved", a);
                    }
                    self.current = Some(Open::new(id, approved, 1));
                }
                (_, "source" | "target", Some("segment" | "trans-unit")) => {
                    self.field_start(name.local == "target", version, attrs);
                }
                _ => {}
            }
        }
        self.stack.push((ours, name.local));
        Ok(())
    }

    /// The root element: XLIFF, its version and namespace.
    fn root(&mut self, name: Name, attrs: &[Attr]) -> Result<(), ImportError> {
        if name.local != "xliff" {
            return Err(ImportError::NotXliff(name.local));
        }
        if let Some(ns) = &name.ns
            && !ns.starts_with("urn:oasis:names:tc:xliff:document:")
        {
            return Err(ImportError::NotXliff(format!("xliff xmlns=\"{ns}\"")));
        }
        let v = get(attrs, "version").unwrap_or_default().to_owned();
        self.version = Some(match v.as_str() {
            "1.2" | "1.1" => Version::V12,
            "2.0" | "2.1" | "2.2" => Version::V20,
            _ => return Err(ImportError::Version(v)),
        });
        self.xliff_ns = name.ns;
        self.stack.push((true, name.local));
        Ok(())
    }

    /// The `id` of a unit, checked.
    fn unit_id(&mut self, attrs: &[Attr]) -> String {
        let id = get(attrs, "id").unwrap_or_default().to_owned();
        if !id.is_empty() && !canonical_id(&id) {
            self.problems.push(Problem::BadId {
                position: self.units.len() + 1,
                id: id.clone(),
            });
        }
        id
    }

    /// An XLIFF 2.0 `<segment>`: its id must be its unit's; its states.
    fn segment(&mut self, attrs: &[Attr]) {
        let Some(open) = self.current.as_mut() else {
            return;
        };
        open.segments += 1;
        open.state = get(attrs, "state").map(str::to_owned);
        open.extra = get(attrs, "subState").map(str::to_owned);
        let id = open.unit.id.clone();
        let state = open.state.clone();
        if let Some(seg_id) = get(attrs, "id")
            && seg_id != id
        {
            self.problems.push(Problem::IdsDisagree {
                unit: id.clone(),
                segment: seg_id.to_owned(),
            });
        }
        if let Some(s) = state.as_deref()
            && !STATES20.contains(&s)
        {
            self.bad_attribute(&id, "state", s);
        }
    }

    /// A `<source>` or `<target>` of the current unit opens.
    fn field_start(&mut self, target: bool, version: Version, attrs: &[Attr]) {
        let depth = self.stack.len() + 1;
        let Some(open) = self.current.as_mut() else {
            return;
        };
        let which = if target {
            open.targets += 1;
            if version == Version::V12 {
                open.state = get(attrs, "state").map(str::to_owned);
                let id = open.unit.id.clone();
                if let Some(s) = get(attrs, "state")
                    && !STATES12.contains(&s)
                    && !s.starts_with("x-")
                {
                    self.bad_attribute(&id, "state", s);
                }
            }
            Field::Target
        } else {
            open.sources += 1;
            Field::Source
        };
        self.field = Some((which, String::new(), depth));
    }

    fn end(&mut self) {
        let depth = self.stack.len();
        let (ours, name) = self.stack.pop().unwrap_or_default();
        if let Some((which, body, at)) = self.field.take() {
            if at != depth {
                self.field = Some((which, body, at));
            } else if let Some(open) = self.current.as_mut() {
                match which {
                    Field::Target => open.unit.target = Some(body),
                    Field::Source => open.unit.source = body,
                }
            }
            return;
        }
        let closes_unit = ours
            && match self.version {
                Some(Version::V12) => name == "trans-unit",
                _ => name == "unit",
            };
        if closes_unit
            && let Some(open) = self.current.take()
            // An XLIFF 2.0 unit without a segment has nothing to import.
            && open.segments > 0
        {
            let unit = finish(open, self.version, &mut self.problems);
            self.units.push(unit);
        }
    }
}

/// A well-formedness error, naming the unit it is in.
fn xml_error(e: XmlError, unit: Option<&str>) -> ImportError {
    let message = match unit {
        Some(id) if !id.is_empty() => format!("{} (in unit {id})", e.message),
        _ => e.message,
    };
    ImportError::Xml {
        position: e.offset,
        line: e.line,
        column: e.column,
        message,
    }
}

/// The unit read, with its status; repeated fields are problems.
fn finish(open: Open, version: Option<Version>, problems: &mut Vec<Problem>) -> Unit {
    let Open {
        mut unit,
        state,
        extra,
        sources,
        targets,
        segments,
    } = open;
    for (n, element) in [
        (segments, "segment"),
        (sources, "source"),
        (targets, "target"),
    ] {
        if n > 1 {
            problems.push(Problem::Repeated {
                id: unit.id.clone(),
                element: element.to_owned(),
                count: n,
            });
        }
    }
    if let Some(c) = unit
        .target
        .as_deref()
        .and_then(|t| t.chars().find(|&c| cannot_export(c)))
    {
        problems.push(Problem::ForbiddenCharacter {
            id: unit.id.clone(),
            code: u32::from(c),
        });
    }
    unit.status = match version {
        Some(Version::V12) => status12(state.as_deref(), extra.as_deref()),
        _ => status20(state.as_deref(), extra.as_deref()),
    };
    if matches!(unit.status, Status::Translated | Status::Approved)
        && unit.target.as_deref().is_none_or(|t| t.trim().is_empty())
    {
        unit.status = Status::Untranslated;
    }
    unit
}

/// Status of an XLIFF 2.0 segment from `state` (default `initial`) and `subState`.
pub fn status20(state: Option<&str>, sub_state: Option<&str>) -> Status {
    match state.unwrap_or("initial") {
        "final" | "reviewed" => Status::Approved,
        "translated" => Status::Translated,
        _ if sub_state == Some(SUBSTATE_NEEDS_REVISION) => Status::NeedsRevision,
        // A target written by a tool that left the state alone is a draft translation; an
        // empty target makes this untranslated (see `parse`).
        _ => Status::Translated,
    }
}

/// Status of an XLIFF 1.2 unit from its `<target state>` and the unit's `approved`.
pub fn status12(state: Option<&str>, approved: Option<&str>) -> Status {
    match (approved, state.unwrap_or("new")) {
        (Some("no"), "signed-off" | "final") => Status::Translated,
        (Some("yes"), _) | (_, "signed-off" | "final") => Status::Approved,
        (_, "needs-review-translation" | "needs-review-adaptation" | "needs-review-l10n") => {
            Status::NeedsRevision
        }
        _ => Status::Translated,
    }
}

/// Read `bytes` as XLIFF, with what the export recorded of each unit ([`record::read`]), and
/// work out what importing it into `project` changes. A unit the file left as it was exported
/// is not applied (the project may have newer work); one changed both in the file and in the
/// project since the export is reported in [`Plan::both_changed`], not applied. Units without
/// a record (a file from another tool, an older export) are applied as the file says. Refuses
/// with every problem found; never changes the project.
pub fn plan_file(project: &Project, bytes: &[u8]) -> Result<Plan, ImportError> {
    let units = parse(bytes)?;
    plan_with(project, &units, &record::read(bytes))
}

/// Check `units` against `project` and work out what changes, every unit applied as the file
/// says (no export records; see [`plan_file`]). Refuses with every problem found; never
/// changes the project.
pub fn plan(project: &Project, units: &[Unit]) -> Result<Plan, ImportError> {
    plan_with(project, units, &Records::default())
}

/// [`plan`] with the export's records of the units (see [`plan_file`]).
pub fn plan_with(
    project: &Project,
    units: &[Unit],
    records: &Records,
) -> Result<Plan, ImportError> {
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut out = Plan {
        units: units.len(),
        ..Plan::default()
    };
    for (n, unit) in units.iter().enumerate() {
        let Ok(id) = unit.id.trim().parse::<u64>() else {
            if unit.id.trim().is_empty() {
                problems.push(Problem::NoId { position: n + 1 });
            } else {
                problems.push(Problem::UnknownId(unit.id.clone()));
            }
            continue;
        };
        if !seen.insert(id) {
            problems.push(Problem::Duplicate(unit.id.clone()));
            continue;
        }
        let Some(index) = project.index_of(SegmentId(id)) else {
            problems.push(Problem::UnknownId(unit.id.clone()));
            continue;
        };
        if let Some(element) = &unit.markup {
            problems.push(Problem::InlineMarkup {
                id: unit.id.clone(),
                element: element.clone(),
            });
            continue;
        }
        let seg = &project.segments[index];
        if unit.source != seg.source {
            problems.push(Problem::SourceDiffers {
                id: unit.id.clone(),
                project: seg.source.clone(),
                file: unit.source.clone(),
            });
            continue;
        }
        let target = match &unit.target {
            Some(t) => t.clone(),
            None if seg.target.is_empty() => String::new(),
            None => {
                out.kept_without_target += 1;
                continue;
            }
        };
        if target == seg.target && unit.status == seg.status {
            continue;
        }
        if let Some(exported) = records.get(SegmentId(id)) {
            let in_project = record::of_segment(seg);
            if record::fingerprint(&target, unit.status) == exported {
                // The file still says what was exported: whatever the project says now is
                // the newer work.
                out.kept_newer += usize::from(in_project != exported);
                continue;
            }
            if in_project != exported {
                out.both_changed.push(BothChanged {
                    id: seg.id,
                    index,
                    project_target: seg.target.clone(),
                    project_status: seg.status,
                    file_target: target,
                    file_status: unit.status,
                });
                continue;
            }
        }
        out.changes.push(Change {
            index,
            target,
            status: unit.status,
        });
    }
    problems.extend(conflicted(project, &out));
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(ImportError::Problems(problems))
    }
}

/// The changes of `plan` that would rewrite a sentence with an open merge conflict: refused,
/// because settling the conflict afterwards ("Take ours") would bring back the text from
/// before the import (docs/INTEROP.md).
fn conflicted(project: &Project, plan: &Plan) -> Vec<Problem> {
    plan.changes
        .iter()
        .filter_map(|c| project.segments.get(c.index))
        .filter(|seg| seg.conflict.is_some())
        .map(|seg| Problem::OpenConflict(seg.id.0.to_string()))
        .collect()
}

/// Apply a plan made by [`plan`] on this project: one revision per changed segment, noted
/// "imported from FILE". Returns how many segments changed.
pub fn apply(project: &mut Project, plan: &Plan, file_name: &str, stamp: &Stamp) -> usize {
    let mut changed = 0;
    for change in &plan.changes {
        let Some(seg) = project.segments.get_mut(change.index) else {
            continue;
        };
        let action = if seg.target == change.target {
            match change.status {
                Status::Approved => Action::Approve,
                Status::NeedsRevision => Action::SendBack,
                Status::Translated => Action::MarkTranslated,
                Status::Untranslated => Action::SetStatus,
            }
        } else {
            Action::Edit
        };
        seg.history.push(Revision {
            author: stamp.author.clone(),
            time: stamp.time,
            action,
            target_before: std::mem::replace(&mut seg.target, change.target.clone()),
            target_after: change.target.clone(),
            status_before: std::mem::replace(&mut seg.status, change.status),
            status_after: change.status,
            note: format!("imported from {file_name}"),
            source_before: None,
            source_after: None,
            extra: crate::model::Extra::new(),
        });
        // The aligner's confidence was about the text that was there before.
        if seg.target != seg.history.last().map_or("", |r| r.target_before.as_str()) {
            seg.alignment_confidence = None;
        }
        changed += 1;
    }
    if changed > 0 {
        project.meta.modified = stamp.time;
    }
    changed
}

/// Read `bytes` as XLIFF and import them into `project` (all or nothing). Returns the plan
/// that was applied.
pub fn import(
    project: &mut Project,
    bytes: &[u8],
    file_name: &str,
    stamp: &Stamp,
) -> Result<Plan, ImportError> {
    let plan = plan_file(project, bytes)?;
    apply(project, &plan, file_name, stamp);
    Ok(plan)
}

#[cfg(test)]
mod hostile_tests;
#[cfg(test)]
mod tests;
