//! Two people, one file: "Merge their changes" from the conflict dialog (a three-way merge of
//! their saved version into this one, `crate::merge`), and settling the conflicts it leaves
//! (Take ours, Take theirs, Edit). No drawing here: the conflict dialog, the side panel and the
//! table push actions, these methods apply them; every change is one undo step.

use std::collections::HashSet;

use super::{Dialog, VirastApp};
use crate::model::Resolution;

/// How the user settles a merge conflict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConflictChoice {
    /// Keep our version.
    Ours,
    /// Take their version.
    Theirs,
    /// Use this text (written from either version).
    Edited(String),
}

impl VirastApp {
    /// Whether sentence `index` has an open merge conflict.
    pub fn has_conflict(&self, index: usize) -> bool {
        self.doc
            .project
            .segments
            .get(index)
            .is_some_and(|s| s.conflict.is_some())
    }

    /// Number of sentences with an open merge conflict, counted once per project version.
    pub fn conflict_count(&mut self) -> usize {
        match self.view.conflict_count {
            Some((v, n)) if v == self.doc.version => n,
            _ => {
                let n = self.doc.project.conflict_count();
                self.view.conflict_count = Some((self.doc.version, n));
                n
            }
        }
    }

    /// "Merge their changes": read the file as someone else saved it and merge it into this
    /// project, the version last read or written here being the common ancestor. The result is
    /// one undo step and unsaved; their file becomes the version this session knows. If their
    /// file cannot be read or is another article, nothing changes and the conflict dialog says
    /// why (its other choices stay).
    pub(super) fn merge_theirs(&mut self) {
        let refuse = |app: &mut VirastApp, why: String| {
            app.error(why.clone());
            if let Some(Dialog::Conflict { merge_error, .. }) = &mut app.dialog {
                *merge_error = Some(why);
            }
        };
        if !self.doc.can_merge() {
            refuse(
                self,
                "There is no version of this file read here to merge from; use Save as or Overwrite.".to_owned(),
            );
            return;
        }
        let theirs = match self.doc.read_theirs() {
            Ok(theirs) => theirs,
            Err(err) => {
                refuse(self, format!("Could not read their version: {err:#}"));
                return;
            }
        };
        self.doc.undo.break_typing();
        let cursor = self.view.current;
        let time = chrono::Utc::now();
        match self
            .doc
            .merge_theirs(theirs, time, "Merge their changes", (cursor, cursor))
        {
            Ok(done) => {
                self.dialog = None;
                let report = done.report;
                if !done.changed {
                    self.notice("Their version holds nothing that this one does not.");
                }
                self.view.from_theirs = report
                    .from_theirs
                    .iter()
                    .chain(&report.conflicts)
                    .copied()
                    .collect();
                self.view.last_merge = done
                    .changed
                    .then(|| (self.doc.undo.state_id(), HashSet::new()));
                // Also when nothing changed: the rows "From their version" shows did.
                self.after_document_change();
                // The first conflict is where the user has to decide: show it.
                if let Some(i) = report
                    .conflicts
                    .first()
                    .and_then(|&id| self.doc.project.index_of(id))
                {
                    self.select(i, false);
                }
                self.notice(format!(
                    "Merged their changes: {}. Save to keep the result.",
                    report.summary()
                ));
            }
            Err(err) => {
                let why = if err.is::<crate::merge::MergeError>() {
                    format!(
                        "Could not merge their changes: {} now holds another article (its Persian text differs from this project's), so the two cannot be merged sentence by sentence.",
                        self.doc.display_name()
                    )
                } else {
                    format!("Could not merge their changes: {err:#}")
                };
                refuse(self, why);
            }
        }
    }

    /// After an undo (`undone`) or a redo: when it was the last merge, "From their version"
    /// goes with it (and comes back with the redo).
    pub(super) fn follow_merge_undo(&mut self, undone: bool) {
        let view = &mut self.view;
        let Some((entry, stash)) = &mut view.last_merge else {
            return;
        };
        if undone && self.doc.undo.redo_state_id() == Some(*entry) {
            *stash = std::mem::take(&mut view.from_theirs);
            view.filter.from_theirs = false;
        } else if !undone && self.doc.undo.state_id() == *entry {
            view.from_theirs = std::mem::take(stash);
        }
    }

    /// Settle the conflict of sentence `index` as `choice` (one undo step).
    pub(super) fn resolve_conflict(&mut self, index: usize, choice: &ConflictChoice) {
        if !self.has_conflict(index) {
            self.notice(format!("Sentence {} has no merge conflict.", index + 1));
            return;
        }
        self.doc.undo.break_typing();
        let stamp = self.stamp();
        let label = match choice {
            ConflictChoice::Ours => "Take ours",
            ConflictChoice::Theirs => "Take theirs",
            ConflictChoice::Edited(_) => "Resolve conflict (edited)",
        };
        let done = self.edit(
            &format!("{label} in sentence {}", index + 1),
            index,
            1,
            None,
            |p| {
                let resolution = match choice {
                    ConflictChoice::Ours => Resolution::Ours,
                    ConflictChoice::Theirs => Resolution::Theirs,
                    ConflictChoice::Edited(text) => {
                        p.set_target(index, text, &stamp)?;
                        Resolution::Edited
                    }
                };
                p.resolve_conflict(index, &resolution, &stamp).map(|_| 1)
            },
        );
        if done {
            if matches!(self.dialog, Some(Dialog::ResolveConflict { .. })) {
                self.dialog = None;
            }
            self.row_heights.clear();
            let left = self.conflict_count();
            self.notice(match left {
                0 => format!(
                    "Sentence {}: conflict resolved. No conflicts left.",
                    index + 1
                ),
                1 => format!(
                    "Sentence {}: conflict resolved. 1 conflict left.",
                    index + 1
                ),
                n => format!(
                    "Sentence {}: conflict resolved. {n} conflicts left.",
                    index + 1
                ),
            });
        }
    }
}
