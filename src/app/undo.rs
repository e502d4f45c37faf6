//! Project-level undo: every change replaces a contiguous range of segments, so an undo entry
//! is "the segments that were there before" and "the segments that are there after". That one
//! shape covers typing, status changes, comments, split, merge and replace. The project's
//! spelling settings (`meta.english_variant`, `meta.project_words`) are the one project-level
//! value an entry may carry instead: "Add to project dictionary", "Ignore in this project" and
//! a change of English variant are undone like any edit.

use crate::model::{Extra, Meta, Project, Segment};
use crate::spell::{ProjectWords, Variant};

/// Everything of a project but its segments: what a change of the whole project (a merge of
/// another person's version) replaces besides them.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectHead {
    /// `meta`.
    pub meta: Meta,
    /// `next_id`.
    pub next_id: u64,
    /// Unknown top-level fields.
    pub extra: Extra,
}

impl ProjectHead {
    /// The head of `project`.
    pub fn of(project: &Project) -> Self {
        ProjectHead {
            meta: project.meta.clone(),
            next_id: project.next_id,
            extra: project.extra.clone(),
        }
    }

    /// Write it into `project`.
    pub fn apply_to(&self, project: &mut Project) {
        project.meta.clone_from(&self.meta);
        project.next_id = self.next_id;
        project.extra.clone_from(&self.extra);
    }
}

/// The project's spelling settings, as one undoable value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpellingSettings {
    /// `meta.english_variant`.
    pub variant: Variant,
    /// `meta.project_words`.
    pub words: ProjectWords,
}

impl SpellingSettings {
    /// The settings of `project`.
    pub fn of(project: &Project) -> Self {
        SpellingSettings {
            variant: project.meta.english_variant,
            words: project.meta.project_words.clone(),
        }
    }

    /// Write them into `project`.
    pub fn apply_to(&self, project: &mut Project) {
        project.meta.english_variant = self.variant;
        project.meta.project_words.clone_from(&self.words);
    }
}

/// One undoable change.
#[derive(Clone, Debug)]
struct Entry {
    /// Unique id; the saved state is remembered as the id of the entry on top at save time.
    id: u64,
    label: String,
    start: usize,
    before: Vec<Segment>,
    after: Vec<Segment>,
    /// The sentence that was current before the change, to go back to on undo.
    cursor_before: usize,
    cursor_after: usize,
    /// Typing into one segment coalesces into one entry until something else happens.
    typing_in: Option<usize>,
    /// Spelling settings before and after, for a change of them (no segments then).
    spelling: Option<Box<(SpellingSettings, SpellingSettings)>>,
    /// The project's head before and after, for a change of the whole project.
    head: Option<Box<(ProjectHead, ProjectHead)>>,
}

/// Undo and redo stacks plus the "saved" marker that dirty tracking derives from.
#[derive(Debug)]
pub struct UndoStack {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    next_id: u64,
    /// Id of the state below the oldest entry kept: 0 at first, then the id of the last entry
    /// dropped for space. Every state has an id no other state ever has, so "dirty" cannot be
    /// fooled by undoing past dropped entries.
    base_id: u64,
    /// Id of the state that was last saved (or loaded); `None`: never saved.
    saved_at: Option<u64>,
}

impl Default for UndoStack {
    /// A fresh stack for a project just loaded: clean.
    fn default() -> Self {
        UndoStack {
            undo: Vec::new(),
            redo: Vec::new(),
            next_id: 0,
            base_id: 0,
            saved_at: Some(0),
        }
    }
}

/// A change as the app records it.
#[derive(Debug)]
pub struct Change {
    /// What the change was, for the Undo menu item.
    pub label: String,
    /// Index of the first segment the change touched.
    pub start: usize,
    /// The touched segments as they were before.
    pub before: Vec<Segment>,
    /// How many segments stand at `start` now in their place.
    pub after_len: usize,
    /// Current sentence before and after.
    pub cursors: (usize, usize),
    /// Set when the change is typing into this segment (coalesced).
    pub typing_in: Option<usize>,
}

/// Maximum entries kept; older ones are dropped (the history in the file keeps everything).
const MAX_ENTRIES: usize = 500;

impl UndoStack {
    /// Id of the current state: the entry on top, or the state below all entries.
    fn top_id(&self) -> u64 {
        self.undo.last().map_or(self.base_id, |e| e.id)
    }

    /// Whether the project differs from what was last saved (or loaded).
    pub fn is_dirty(&self) -> bool {
        self.saved_at != Some(self.top_id())
    }

    /// Remember the current state as saved.
    pub fn mark_saved(&mut self) {
        self.saved_at = Some(self.top_id());
    }

    /// Forget that anything was saved, e.g. for a project that came from an autosave.
    pub fn mark_unsaved(&mut self) {
        self.saved_at = None;
    }

    /// Label of the change that undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    /// Label of the change that redo would re-apply.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    /// Record a change: `before` are the segments that stood at `start` before, and the
    /// project now holds `after_len` segments there.
    pub fn record(&mut self, project: &Project, change: Change) {
        let Change {
            label,
            start,
            before,
            after_len,
            cursors,
            typing_in,
        } = change;
        let end = (start + after_len).min(project.segments.len());
        let after = project.segments[start.min(end)..end].to_vec();
        self.redo.clear();
        let top_id = self.top_id();
        if let (Some(seg), Some(top)) = (typing_in, self.undo.last_mut())
            && top.typing_in == Some(seg)
            && Some(top.id) != self.saved_at
            && top_id == top.id
        {
            top.after = after;
            top.cursor_after = cursors.1;
            return;
        }
        self.next_id += 1;
        self.undo.push(Entry {
            id: self.next_id,
            label,
            start,
            before,
            after,
            cursor_before: cursors.0,
            cursor_after: cursors.1,
            typing_in,
            spelling: None,
            head: None,
        });
        self.drop_oldest();
    }

    /// Record a change of the whole project from `before` to `project` (segments, metadata and
    /// `next_id`, e.g. a merge of another person's version) as one entry; `cursors` as in
    /// [`Change`]. Returns the id of the entry ([`Self::state_id`] while it is on top).
    pub fn record_whole(
        &mut self,
        label: &str,
        before: Project,
        project: &Project,
        cursors: (usize, usize),
    ) -> u64 {
        self.redo.clear();
        self.next_id += 1;
        let head_before = ProjectHead::of(&before);
        self.undo.push(Entry {
            id: self.next_id,
            label: label.to_owned(),
            start: 0,
            before: before.segments,
            after: project.segments.clone(),
            cursor_before: cursors.0,
            cursor_after: cursors.1,
            typing_in: None,
            spelling: None,
            head: Some(Box::new((head_before, ProjectHead::of(project)))),
        });
        self.drop_oldest();
        self.next_id
    }

    /// Id of the entry redo would re-apply (the one just undone).
    pub fn redo_state_id(&self) -> Option<u64> {
        self.redo.last().map(|e| e.id)
    }

    /// Id of the current state: that of the entry on top (changes while it is undone and
    /// redone, never repeats).
    pub fn state_id(&self) -> u64 {
        self.top_id()
    }

    /// Record a change of the spelling settings from `before` to `after` (already written into
    /// the project); `cursor` is the current sentence, kept on undo and redo.
    pub fn record_spelling(
        &mut self,
        label: &str,
        before: SpellingSettings,
        after: SpellingSettings,
        cursor: usize,
    ) {
        self.redo.clear();
        self.next_id += 1;
        self.undo.push(Entry {
            id: self.next_id,
            label: label.to_owned(),
            start: 0,
            before: Vec::new(),
            after: Vec::new(),
            cursor_before: cursor,
            cursor_after: cursor,
            typing_in: None,
            spelling: Some(Box::new((before, after))),
            head: None,
        });
        self.drop_oldest();
    }

    fn drop_oldest(&mut self) {
        if self.undo.len() > MAX_ENTRIES {
            let dropped = self.undo.remove(0);
            self.base_id = dropped.id;
        }
    }

    /// Stop coalescing typing into the top entry (the user moved on).
    pub fn break_typing(&mut self) {
        if let Some(top) = self.undo.last_mut() {
            top.typing_in = None;
        }
    }

    /// Undo the last change; returns its label and the sentence to make current.
    pub fn undo(&mut self, project: &mut Project) -> Option<(String, usize)> {
        let entry = self.undo.pop()?;
        splice(project, entry.start, entry.after.len(), &entry.before);
        if let Some(spelling) = &entry.spelling {
            spelling.0.apply_to(project);
        }
        if let Some(head) = &entry.head {
            head.0.apply_to(project);
        }
        let out = (entry.label.clone(), entry.cursor_before);
        self.redo.push(entry);
        Some(out)
    }

    /// Redo the last undone change; returns its label and the sentence to make current.
    pub fn redo(&mut self, project: &mut Project) -> Option<(String, usize)> {
        let mut entry = self.redo.pop()?;
        splice(project, entry.start, entry.before.len(), &entry.after);
        if let Some(spelling) = &entry.spelling {
            spelling.1.apply_to(project);
        }
        if let Some(head) = &entry.head {
            head.1.apply_to(project);
        }
        entry.typing_in = None;
        let out = (entry.label.clone(), entry.cursor_after);
        self.undo.push(entry);
        Some(out)
    }
}

fn splice(project: &mut Project, start: usize, remove: usize, insert: &[Segment]) {
    let end = (start + remove).min(project.segments.len());
    project
        .segments
        .splice(start.min(end)..end, insert.iter().cloned());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stamp;

    fn project() -> Project {
        Project::new(
            "t",
            "",
            [
                ("الف.".to_owned(), " ".to_owned()),
                ("ب.".to_owned(), String::new()),
            ],
            chrono::Utc::now(),
        )
    }

    #[test]
    fn undo_redo_status_and_dirty() {
        let mut p = project();
        let mut u = UndoStack::default();
        assert!(!u.is_dirty());
        let before = p.segments[0..1].to_vec();
        p.set_target(0, "A.", &Stamp::now("x")).unwrap();
        u.record(
            &p,
            Change {
                label: "Edit".into(),
                start: 0,
                before,
                after_len: 1,
                cursors: (0, 0),
                typing_in: Some(0),
            },
        );
        assert!(u.is_dirty());
        u.mark_saved();
        assert!(!u.is_dirty());
        let before = p.segments[0..1].to_vec();
        p.approve(0, &Stamp::now("x")).unwrap();
        u.record(
            &p,
            Change {
                label: "Approve".into(),
                start: 0,
                before,
                after_len: 1,
                cursors: (0, 1),
                typing_in: None,
            },
        );
        assert!(u.is_dirty());
        assert_eq!(u.undo(&mut p), Some(("Approve".into(), 0)));
        assert_eq!(p.segments[0].status, crate::model::Status::Translated);
        assert!(!u.is_dirty(), "back at the saved state");
        assert_eq!(u.redo(&mut p), Some(("Approve".into(), 1)));
        assert_eq!(p.segments[0].status, crate::model::Status::Approved);
    }

    #[test]
    fn undo_split_restores_segments() {
        let mut p = project();
        let mut u = UndoStack::default();
        let original = p.clone();
        let before = p.segments[0..1].to_vec();
        p.split(0, "ال".len(), &Stamp::now("x")).unwrap();
        u.record(
            &p,
            Change {
                label: "Split".into(),
                start: 0,
                before,
                after_len: 2,
                cursors: (0, 0),
                typing_in: None,
            },
        );
        assert_eq!(p.segments.len(), 3);
        u.undo(&mut p);
        assert_eq!(p.segments, original.segments);
        u.redo(&mut p);
        assert_eq!(p.segments.len(), 3);
    }

    fn type_into_first(p: &mut Project, u: &mut UndoStack, text: &str) {
        let before = p.segments[0..1].to_vec();
        p.set_target(0, text, &Stamp::now("x")).unwrap();
        let change = Change {
            label: "Typing".into(),
            start: 0,
            before,
            after_len: 1,
            cursors: (0, 0),
            typing_in: Some(0),
        };
        u.record(p, change);
    }

    #[test]
    fn undoing_past_dropped_entries_is_still_dirty() {
        let mut p = project();
        let mut u = UndoStack::default();
        assert!(!u.is_dirty(), "saved (loaded) at the empty stack");
        for n in 0..=MAX_ENTRIES + 10 {
            u.break_typing();
            type_into_first(&mut p, &mut u, &format!("v{n}"));
        }
        while u.undo(&mut p).is_some() {}
        assert_ne!(
            p.segments[0].target, "",
            "the oldest changes were dropped, still applied"
        );
        assert!(
            u.is_dirty(),
            "a change is still applied: not the saved state"
        );
    }

    #[test]
    fn typing_coalesces_until_broken() {
        let mut p = project();
        let mut u = UndoStack::default();
        type_into_first(&mut p, &mut u, "A");
        type_into_first(&mut p, &mut u, "AB");
        u.break_typing();
        type_into_first(&mut p, &mut u, "ABC");
        u.undo(&mut p);
        assert_eq!(p.segments[0].target, "AB");
        u.undo(&mut p);
        assert_eq!(p.segments[0].target, "");
        assert!(u.undo(&mut p).is_none());
    }

    /// A change of the whole project (a merge) restores segments, metadata and `next_id`.
    #[test]
    fn whole_project_change_undoes_segments_meta_and_next_id() {
        let mut p = project();
        let mut u = UndoStack::default();
        let original = p.clone();
        let mut merged = p.clone();
        merged.split(0, "ال".len(), &Stamp::now("x")).unwrap();
        merged.meta.title = "Merged".into();
        merged.next_id += 5;
        let old = std::mem::replace(&mut p, merged.clone());
        let id = u.record_whole("Merge", old, &p, (1, 0));
        assert_eq!(u.state_id(), id);
        assert!(u.is_dirty());
        assert_eq!(u.undo(&mut p), Some(("Merge".into(), 1)));
        assert_eq!(p, original);
        assert!(!u.is_dirty());
        assert_eq!(u.redo(&mut p), Some(("Merge".into(), 0)));
        assert_eq!(p, merged);
        assert_eq!(u.state_id(), id);
    }

    #[test]
    fn spelling_settings_undo_and_redo_and_make_the_project_dirty() {
        let mut p = project();
        let mut u = UndoStack::default();
        type_into_first(&mut p, &mut u, "Ashtari left.");
        u.mark_saved();
        let before = SpellingSettings::of(&p);
        let mut after = before.clone();
        after.words.added.insert("Ashtari".into());
        after.variant = Variant::EnGb;
        after.apply_to(&mut p);
        u.record_spelling("Add “Ashtari” to project dictionary", before, after, 1);
        assert!(u.is_dirty());
        assert_eq!(u.undo_label(), Some("Add “Ashtari” to project dictionary"));

        assert_eq!(u.undo(&mut p).map(|(_, c)| c), Some(1));
        assert!(p.meta.project_words.is_empty());
        assert_eq!(p.meta.english_variant, Variant::EnUs);
        assert_eq!(p.segments[0].target, "Ashtari left.", "segments untouched");
        assert!(!u.is_dirty(), "back at the saved state");

        u.redo(&mut p);
        assert!(p.meta.project_words.added.contains("Ashtari"));
        assert_eq!(p.meta.english_variant, Variant::EnGb);
        assert!(u.is_dirty());

        // Typing after it is an entry of its own: undo takes the typing back first.
        type_into_first(&mut p, &mut u, "Ashtari left early.");
        u.undo(&mut p);
        assert!(p.meta.project_words.added.contains("Ashtari"));
        assert_eq!(p.segments[0].target, "Ashtari left.");
    }
}
