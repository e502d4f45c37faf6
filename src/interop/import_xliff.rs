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

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use thiserror::Error;

use super::record::{self, Records};
use super::xliff::SUBSTATE_NEEDS_REVISION;
use crate::model::{Action, Project, Revision, SegmentId, Stamp, Status};

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
    /// The source or target holds inline markup.
    InlineMarkup {
        /// The unit id.
        id: String,
        /// The element, such as `ph` or `g`.
        element: String,
    },
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
        }
    }
}

/// Why a file could not be imported.
#[derive(Debug, Error)]
pub enum ImportError {
    /// Not UTF-8.
    #[error("the file is not UTF-8 text")]
    NotUtf8,
    /// Not well-formed XML.
    #[error("the file is not well-formed XML at byte {position}: {message}")]
    Xml {
        /// Byte offset of the problem.
        position: u64,
        /// What the XML reader said.
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

fn xml_error(reader: &Reader<&[u8]>, err: &impl std::fmt::Display) -> ImportError {
    ImportError::Xml {
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

/// Read the units of an XLIFF 1.2 or 2.0 file.
pub fn parse(bytes: &[u8]) -> Result<Vec<Unit>, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotUtf8)?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;

    let mut version = None;
    let mut stack: Vec<String> = Vec::new();
    let mut units = Vec::new();
    // The unit being read; for 2.0 the unit id is the fallback segment id.
    let mut unit_id = String::new();
    let mut current: Option<(Unit, Option<String>, Option<String>)> = None;
    // Inside <source> or <target> of the current unit: which, and the text so far.
    let mut field: Option<(bool, String)> = None;

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
                let parent = stack.last().map(String::as_str);
                if version.is_none() {
                    if name != "xliff" {
                        return Err(ImportError::NotXliff(name));
                    }
                    let v = attr(e, "version").unwrap_or_default();
                    version = Some(match v.as_str() {
                        "1.2" | "1.1" => Version::V12,
                        "2.0" | "2.1" | "2.2" => Version::V20,
                        _ => return Err(ImportError::Version(v)),
                    });
                } else if let Some((_, _)) = field {
                    if let Some((unit, _, _)) = current.as_mut() {
                        unit.markup.get_or_insert(name.clone());
                    }
                } else {
                    match (version, name.as_str(), parent) {
                        (Some(Version::V20), "unit", _) => {
                            unit_id = attr(e, "id").unwrap_or_default();
                        }
                        (Some(Version::V20), "segment", Some("unit"))
                        | (Some(Version::V12), "trans-unit", _) => {
                            let id = attr(e, "id").unwrap_or_else(|| unit_id.clone());
                            let (state, extra) = if version == Some(Version::V20) {
                                (attr(e, "state"), attr(e, "subState"))
                            } else {
                                (None, attr(e, "approved"))
                            };
                            current = Some((
                                Unit {
                                    id,
                                    source: String::new(),
                                    target: None,
                                    status: Status::Untranslated,
                                    markup: None,
                                },
                                state,
                                extra,
                            ));
                        }
                        (_, "source" | "target", Some("segment" | "trans-unit"))
                            if current.is_some() =>
                        {
                            let is_target = name == "target";
                            if is_target
                                && version == Some(Version::V12)
                                && let Some((_, state, _)) = current.as_mut()
                            {
                                *state = attr(e, "state");
                            }
                            if empty {
                                if is_target && let Some((unit, _, _)) = current.as_mut() {
                                    unit.target = Some(String::new());
                                }
                            } else {
                                field = Some((is_target, String::new()));
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
                match name.as_str() {
                    "source" | "target"
                        if field.is_some()
                            && stack
                                .last()
                                .is_some_and(|p| p == "segment" || p == "trans-unit") =>
                    {
                        if let (Some((is_target, body)), Some((unit, _, _))) =
                            (field.take(), current.as_mut())
                        {
                            if is_target {
                                unit.target = Some(body);
                            } else {
                                unit.source = body;
                            }
                        }
                    }
                    "segment" | "trans-unit" if field.is_none() => {
                        if let Some((mut unit, state, extra)) = current.take() {
                            unit.status = match version {
                                Some(Version::V12) => status12(state.as_deref(), extra.as_deref()),
                                _ => status20(state.as_deref(), extra.as_deref()),
                            };
                            if matches!(unit.status, Status::Translated | Status::Approved)
                                && unit.target.as_deref().is_none_or(|t| t.trim().is_empty())
                            {
                                unit.status = Status::Untranslated;
                            }
                            units.push(unit);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some((_, body)) = field.as_mut() {
                    body.push_str(&t.xml10_content().map_err(|e| xml_error(&reader, &e))?);
                }
            }
            Event::CData(t) => {
                if let Some((_, body)) = field.as_mut() {
                    body.push_str(&t.xml10_content().map_err(|e| xml_error(&reader, &e))?);
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, body)) = field.as_mut() {
                    if let Some(c) = r.resolve_char_ref().map_err(|e| xml_error(&reader, &e))? {
                        body.push(c);
                    } else {
                        let name = r.decode().map_err(|e| xml_error(&reader, &e))?;
                        match quick_xml::escape::resolve_xml_entity(&name) {
                            Some(s) => body.push_str(s),
                            None => {
                                return Err(xml_error(
                                    &reader,
                                    &format!("unknown entity &{name};"),
                                ));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    match version {
        None => Err(ImportError::NotXliff(String::new())),
        Some(_) => Ok(units),
    }
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
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(ImportError::Problems(problems))
    }
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
mod tests;
