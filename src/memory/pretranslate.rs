//! Pre-translation: fill the untranslated sentences of a project from the memory. An exact
//! match becomes Translated; a fuzzy one Needs revision, with a history note naming its score
//! and origin, so it is never mistaken for finished work. A sentence that has a translation
//! is never touched.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Match, Memory, Unit};
use crate::model::{Project, Stamp, Status};

/// What a pre-translation did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Sentences filled from an exact (100%) match: Translated.
    pub exact: usize,
    /// Sentences filled from a fuzzy match: Needs revision.
    pub fuzzy: usize,
    /// Untranslated sentences with no match at or above the minimum.
    pub none: usize,
    /// Sentences left alone because they have a translation.
    pub kept: usize,
}

/// How a match is named in the history: "from memory: FILE, 87%" and, where known, the date
/// and who approved it.
pub fn history_note(unit: &Unit, score: u8) -> String {
    let mut note = format!("from memory: {}, {score}%", unit.origin.file);
    match (&unit.origin.date, &unit.origin.by) {
        (Some(d), Some(b)) => {
            let _ = write!(note, " ({d}, {b})");
        }
        (Some(x), None) | (None, Some(x)) => {
            let _ = write!(note, " ({x})");
        }
        (None, None) => {}
    }
    note
}

/// The best match for each sentence of `project` without a translation, scoring at least
/// `min` (`None`: no match). Sentences with a translation get `None` too.
pub fn plan(project: &Project, memory: &Memory, min: u8) -> Vec<Option<Match>> {
    project
        .segments
        .iter()
        .map(|s| {
            if s.target.trim().is_empty() {
                memory.lookup(&s.source, min, 1).into_iter().next()
            } else {
                None
            }
        })
        .collect()
}

/// Fill the untranslated sentences of `project` from `memory` (matches of `min` percent or
/// more). Sentences with a translation are never touched.
pub fn pretranslate(project: &mut Project, memory: &Memory, min: u8, stamp: &Stamp) -> Summary {
    let plan = plan(project, memory, min);
    let mut summary = Summary::default();
    for (i, found) in plan.into_iter().enumerate() {
        let Some(seg) = project.segments.get(i) else {
            break;
        };
        if !seg.target.trim().is_empty() {
            summary.kept += 1;
            continue;
        }
        let Some((m, unit)) = found.and_then(|m| memory.unit(m.unit).map(|u| (m, u))) else {
            summary.none += 1;
            continue;
        };
        let exact = m.score == 100;
        let (status, note) = if exact {
            (Status::Translated, history_note(unit, m.score))
        } else {
            (
                Status::NeedsRevision,
                format!("fuzzy match, check it: {}", history_note(unit, m.score)),
            )
        };
        if project.fill_target(i, &unit.en, Some(status), &note, stamp) == Ok(true) {
            if exact {
                summary.exact += 1;
            } else {
                summary.fuzzy += 1;
            }
        } else {
            summary.none += 1;
        }
    }
    summary
}
