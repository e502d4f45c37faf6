//! The application layer: state, actions and their application. No drawing code lives here
//! (views are in `crate::ui`); views emit [`Action`]s and the app applies them once per frame,
//! which is where undo, dirty tracking and history recording happen.

pub mod command;
pub mod conflicts;
pub mod document;
mod files;
pub mod handoff;
pub mod memory;
pub mod qa_cache;
pub mod row_heights;
pub mod run;
pub mod settings;
pub mod spell;
pub mod translation;
pub mod undo;

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::{DateTime, Local};

pub use command::Command;
pub use conflicts::ConflictChoice;
pub use document::Document;
pub use handoff::{ExportRequest, XliffOutcome};
pub use settings::{Role, Settings};

use crate::model::{EditError, Project, Segment, SegmentId, Stamp, Status};
use crate::search::Query;
use undo::Change;

/// Something the user asked for, applied at the end of the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A command from the menu, a button or a shortcut.
    Command(Command),
    /// Make sentence `index` current.
    Select(usize),
    /// The English text of sentence `index` was edited.
    SetTarget(usize, String),
    /// Replace the characters the exports cannot carry in the English of sentence `index`
    /// (Word's U+000B and U+000C, other control characters): one undo step.
    ReplaceExportCharacters(usize, crate::qa::Replacement),
    /// Add a comment to sentence `index`.
    AddComment(usize, String),
    /// Resolve or reopen a comment.
    ResolveComment(usize, u64, bool),
    /// Send sentence `index` back with a comment.
    SendBack(usize, String),
    /// Split sentence `index` at a byte position of its source.
    Split(usize, usize),
    /// Correct the Persian source of sentence `index` (editors).
    CorrectSource(usize, String),
    /// Replace in the English text of every sentence shown by the filter.
    ReplaceAll {
        /// Text to find (exact, case-sensitive).
        find: String,
        /// Replacement.
        replace: String,
    },
    /// Ignore or restore a QA finding.
    SetQaIgnored(usize, String, bool),
    /// Open this project file (after asking about unsaved changes).
    OpenPath(PathBuf),
    /// Import a Persian article file as a new project.
    ImportPath(PathBuf),
    /// Import pasted Persian text as a new project.
    ImportText {
        /// Project title.
        title: String,
        /// The article.
        text: String,
    },
    /// A new project from an article ([`Pending::Import`] or [`Pending::ImportText`]) with
    /// its English translation aligned into it, in one step.
    NewWithTranslation {
        /// The article.
        article: Pending,
        /// The English translation (.txt or .docx).
        translation: PathBuf,
    },
    /// Save to this path.
    SaveTo(PathBuf),
    /// Save over this file although it changed on disk or was not opened here (the user
    /// confirmed; the file that was there is kept as its `.bak`).
    SaveOverwrite(PathBuf),
    /// Reload the file from disk, dropping local changes (the user confirmed).
    Reload,
    /// Merge the version someone else saved to the open file into this one (one undo step).
    MergeTheirs,
    /// Settle the merge conflict of sentence `index` (one undo step).
    ResolveConflict(usize, ConflictChoice),
    /// Export in a format to a path (asks before replacing an existing file; never writes
    /// over a Virast project or autosave).
    ExportTo(ExportRequest),
    /// Export, replacing the existing file at its path (the user confirmed).
    ExportReplace(ExportRequest),
    /// Read an XLIFF file exported from this project and apply its targets and statuses
    /// (one undo step; nothing changes when any unit is refused).
    ImportXliff(PathBuf),
    /// Take the work of autosave number `n` of [`VirastApp::recoveries`].
    Recover(usize),
    /// Delete autosave number `n` of [`VirastApp::recoveries`] (the user chose to).
    DiscardRecovery(usize),
    /// Close the recovery question, keeping every autosave for later.
    RecoveryLater,
    /// The unsaved-changes question was answered.
    Unsaved(UnsavedAnswer),
    /// Close the current dialog.
    CloseDialog,
    /// Read and align an English translation, then ask how to apply it.
    ImportTranslation(PathBuf),
    /// Apply the aligned translation in this mode (`None`: cancel).
    FinishImport(Option<crate::model::ImportMode>),
    /// Replace a misspelt word of sentence `index` with a correction (one undo step).
    ReplaceWord {
        /// Sentence index.
        index: usize,
        /// Byte range of the word in the English text.
        range: std::ops::Range<usize>,
        /// The word that was there (nothing happens if the text moved on).
        word: String,
        /// The correction.
        with: String,
    },
    /// Add a word to the project dictionary.
    AddWord(String),
    /// Ignore a word in this project.
    IgnoreWord(String),
    /// Set the project's English variant (spelling and house style).
    SetVariant(crate::spell::Variant),
    /// Search the translation memory for a phrase (concordance).
    SearchMemory(String),
    /// Add a translation memory source (a TMX file, a project or a folder) to the settings.
    AddMemorySource(PathBuf),
    /// Remove a translation memory source from the settings.
    RemoveMemorySource(PathBuf),
    /// Read the memory sources again.
    ReloadMemory,
}

/// Answer to "Save changes?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedAnswer {
    /// Save, then go on.
    Save,
    /// Drop the changes and go on.
    Discard,
    /// Do not go on.
    Cancel,
}

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Close the window.
    Quit,
    /// Open a project.
    Open(PathBuf),
    /// Import an article.
    Import(PathBuf),
    /// Import pasted text.
    ImportText(String, String),
    /// Create a project from an article (one of the two above), then import this English
    /// translation into it.
    WithTranslation(Box<Pending>, PathBuf),
}

/// Purpose of the in-app path dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open a project.
    Open,
    /// Save the project as.
    SaveAs,
}

/// The dialog shown on top of the desk, if any.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// Ask for a path (always reachable, since a file dialog may not be available).
    Path {
        /// What the path is for.
        purpose: PathPurpose,
        /// The path being typed.
        text: String,
    },
    /// New project from a file or pasted text.
    NewProject {
        /// Path of an article file.
        path: String,
        /// Title of the new project.
        title: String,
        /// Pasted article text.
        text: String,
        /// Path of an English translation to align into the new project (optional).
        translation: String,
    },
    /// Comment on a sentence.
    Comment {
        /// Sentence index.
        index: usize,
        /// Comment being typed.
        text: String,
    },
    /// Send back with a comment.
    SendBack {
        /// Sentence index.
        index: usize,
        /// Comment being typed.
        text: String,
    },
    /// Correct the Persian source of a sentence.
    CorrectSource {
        /// Sentence index.
        index: usize,
        /// The corrected source being typed (logical order).
        text: String,
    },
    /// Choose where to split.
    Split {
        /// Sentence index.
        index: usize,
        /// Byte position in the source.
        pos: usize,
    },
    /// Save / Discard / Cancel.
    Unsaved(Pending),
    /// A save was refused so as not to overwrite a file.
    Conflict {
        /// The file that was not overwritten (the one being saved to, which after Save as is
        /// not the open one).
        path: PathBuf,
        /// Whether it changed on disk, or was never opened here.
        kind: crate::store::ConflictKind,
        /// Why "Merge their changes" did not work, shown in the dialog (the other choices
        /// stay).
        merge_error: Option<String>,
    },
    /// Write the text that settles a merge conflict, starting from either version.
    ResolveConflict {
        /// Sentence index.
        index: usize,
        /// The text being typed.
        text: String,
    },
    /// Autosaves with unsaved work were found ([`VirastApp::recoveries`]).
    Recovery,
    /// Export: format, its options and the file.
    Export {
        /// The path being typed.
        path: String,
        /// The chosen format and options.
        options: crate::interop::ExportOptions,
        /// Why the last attempt was refused (shown in the dialog until the path or format
        /// changes).
        error: Option<String>,
    },
    /// An export would replace an existing file.
    ReplaceExport {
        /// The export, with the file it would replace.
        request: ExportRequest,
    },
    /// Import XLIFF: the file, then what happened (refused with the reasons, or a summary).
    ImportXliff {
        /// The path being typed.
        path: String,
        /// The result of the last attempt, shown in the dialog.
        outcome: Option<XliffOutcome>,
    },
    /// Settings window.
    Settings,
    /// Keyboard shortcuts window.
    Shortcuts,
    /// About window.
    About,
    /// Ask for the English translation file to import.
    ImportTranslation {
        /// The path being typed.
        path: String,
    },
    /// A long translation is being aligned.
    Aligning {
        /// Its file name.
        file: String,
    },
    /// The aligned translation is ready: fill empty only / replace all / cancel.
    ImportQuestion,
}

/// Which sentences the table shows.
// One flag per independent checkbox of the filter bar.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Only this status, if set.
    pub status: Option<Status>,
    /// Only sentences with open comments.
    pub open_comments: bool,
    /// Only sentences with QA findings that are not ignored.
    pub qa_findings: bool,
    /// Search text over source and target.
    pub search: String,
    /// Only imported sentences whose alignment needs checking ("Check alignment").
    pub alignment: bool,
    /// Only sentences the last merge took from their version ([`View::from_theirs`]).
    pub from_theirs: bool,
    /// Only sentences with an open merge conflict.
    pub conflicts: bool,
}

impl Filter {
    /// Whether the filter shows `seg`, apart from the QA findings condition (which reads
    /// the sentences around it and is checked by [`VirastApp::visible_rows`]).
    fn shows(&self, query: &Query, from_theirs: &HashSet<SegmentId>, seg: &Segment) -> bool {
        self.status.is_none_or(|st| seg.status == st)
            && (!self.open_comments || seg.open_comments() > 0)
            && (!self.alignment || translation::needs_alignment_check(seg))
            && (!self.conflicts || seg.conflict.is_some())
            && (!self.from_theirs || from_theirs.contains(&seg.id))
            && (query.matches(&seg.source) || query.matches(&seg.target))
    }
}

/// One match of the search in the sentences shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindMatch {
    /// Index of the sentence.
    pub segment: usize,
    /// In the Persian source (else in the English target).
    pub in_source: bool,
    /// Byte range in that text.
    pub range: std::ops::Range<usize>,
}

/// The matches of the search and the one F3 / Shift+F3 went to.
#[derive(Debug, Default)]
pub struct FindState {
    /// Every match in the rows shown, in reading order (sentence, source before target).
    pub matches: Vec<FindMatch>,
    /// Index into `matches` of the current match, once the user stepped to one.
    pub current: Option<usize>,
    key: Option<(u64, Filter)>,
}

impl FindMatch {
    /// The matches of `query` in sentence `index` (`seg`), source before target.
    fn all_in(query: &Query, index: usize, seg: &Segment) -> impl Iterator<Item = FindMatch> {
        [(true, &seg.source), (false, &seg.target)]
            .into_iter()
            .flat_map(move |(in_source, text)| {
                query
                    .find_all(text)
                    .into_iter()
                    .map(move |range| FindMatch {
                        segment: index,
                        in_source,
                        range,
                    })
            })
    }

    /// Reading order of matches.
    fn order(&self) -> (usize, bool, usize) {
        (self.segment, !self.in_source, self.range.start)
    }
}

impl FindState {
    /// Put `new` in place of `matches[range]`. The current match is kept where it still
    /// exists, else the next one after it is current.
    fn replace_matches(&mut self, range: std::ops::Range<usize>, new: Vec<FindMatch>) {
        let old = self.current_match().map(FindMatch::order);
        self.matches.splice(range, new);
        self.current = old.and_then(|old| {
            let k = self.matches.partition_point(|m| m.order() < old);
            (k < self.matches.len()).then_some(k)
        });
    }

    /// The current match, if any.
    pub fn current_match(&self) -> Option<&FindMatch> {
        self.current.and_then(|k| self.matches.get(k))
    }

    /// "3 of 17", "17 matches", "No match": what the search bar shows.
    pub fn summary(&self) -> String {
        match (self.current, self.matches.len()) {
            (_, 0) => "No match".to_owned(),
            (Some(k), n) => format!("{} of {n}", k + 1),
            (None, 1) => "1 match".to_owned(),
            (None, n) => format!("{n} matches"),
        }
    }
}

/// A message for the status line.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The text, in plain words, with the file name where one is involved.
    pub text: String,
    /// Whether it reports an error.
    pub error: bool,
    /// When it was posted.
    pub time: DateTime<Local>,
}

/// Pages of the side panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SideTab {
    /// Comments, QA and history of the current sentence.
    #[default]
    Sentence,
    /// QA findings of the whole project.
    ProjectQa,
    /// Translation memory: matches of the current sentence, concordance, sources.
    Memory,
}

/// View state that is not part of the project.
// One-shot flags set by commands and cleared by the view that acts on them; a state machine
// would not make them clearer.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Default)]
pub struct View {
    /// Index of the current sentence.
    pub current: usize,
    /// The active filter.
    pub filter: Filter,
    /// Replace bar open.
    pub replace_open: bool,
    /// Text to find in the replace bar.
    pub replace_find: String,
    /// Replacement text.
    pub replace_with: String,
    /// Scroll the current sentence into view on the next frame.
    pub scroll_to_current: bool,
    /// Give keyboard focus to the current sentence's English field on the next frame.
    pub focus_current: bool,
    /// Focus the search field on the next frame.
    pub focus_search: bool,
    /// The side panel's first control this frame (Tab from the current English field goes
    /// there); `None` while the panel is hidden.
    pub side_first_control: Option<egui::Id>,
    /// Revision index picked for the diff in the history panel (None: since approval).
    pub diff_from: Option<usize>,
    /// The QA filter is still checking segments (the row list is partial).
    pub qa_pending: bool,
    /// Which page the side panel shows.
    pub side_tab: SideTab,
    /// Text of the new-comment field in the side panel.
    pub comment_draft: String,
    /// The format and options of the last export (the Export dialog starts with them).
    pub export_options: crate::interop::ExportOptions,
    /// The file of the last XLIFF export (Import XLIFF offers it).
    pub last_xliff: Option<PathBuf>,
    /// Matches of the search, recomputed when the project or filter changes.
    pub find: FindState,
    /// The spelling menu being shown (right-click or Ctrl+. on a misspelt word).
    pub spell_menu: Option<spell::SpellMenu>,
    /// Open the spelling menu at the caret of the current sentence on the next frame.
    pub spell_at_caret: bool,
    /// Sentences the last merge took from their version, conflicts included (this session
    /// only, not saved): what the "From their version" filter shows.
    pub from_theirs: HashSet<SegmentId>,
    /// The undo state of the last merge and, while it is undone, its `from_theirs`.
    last_merge: Option<(u64, HashSet<SegmentId>)>,
    conflict_count: Option<(u64, usize)>,
    /// Visible rows under the filter, recomputed when the project or filter changes.
    visible: Vec<usize>,
    visible_key: Option<(u64, Filter)>,
}

/// The Virast application.
pub struct VirastApp {
    /// User settings (persisted).
    pub settings: Settings,
    /// The open project and its file.
    pub doc: Document,
    /// View state.
    pub view: View,
    /// The open dialog.
    pub dialog: Option<Dialog>,
    /// Last messages, newest last.
    pub notices: Vec<Notice>,
    /// Actions queued during this frame.
    pub actions: Vec<Action>,
    /// Set when the window may close (unsaved changes were dealt with).
    pub allow_close: bool,
    /// Row height cache for the table, owned by the view code.
    pub row_heights: row_heights::RowHeights,
    /// QA findings per segment, refreshed for edited segments only.
    pub qa: qa_cache::QaCache,
    /// Autosaves holding unsaved work, offered in the recovery dialog.
    pub recoveries: Vec<crate::store::autosave::Recovery>,
    /// Where projects without a file are autosaved (`None`: they are not).
    pub recovery_dir: Option<PathBuf>,
    /// An English translation being imported.
    pub import: translation::ImportState,
    /// Spell checking: variant, project word list, misspelt words per segment.
    pub spell: spell::SpellState,
    /// The app's one clock: the time of the current frame in seconds (egui's
    /// `InputState::time`, set by `ui::frame_ui`). The window takes it from the system clock;
    /// a test harness or a bench steps it by a fixed amount per frame, so what depends on time
    /// (autosave, the aligning dialog's seconds) does the same on a busy machine as on an idle
    /// one. Work per frame is bounded by counts, never by elapsed time.
    pub now: f64,
    /// The translation memory: loading, matches of the current sentence, concordance.
    pub memory: memory::MemoryState,
}

impl VirastApp {
    /// An app showing `doc`, with `settings`.
    pub fn with_document(doc: Document, settings: Settings) -> Self {
        VirastApp {
            settings,
            doc,
            view: View::default(),
            dialog: None,
            notices: Vec::new(),
            actions: Vec::new(),
            allow_close: false,
            row_heights: row_heights::RowHeights::default(),
            qa: qa_cache::QaCache::default(),
            recoveries: Vec::new(),
            recovery_dir: None,
            import: translation::ImportState::Idle,
            spell: spell::SpellState::default(),
            now: 0.0,
            memory: memory::MemoryState::default(),
        }
    }

    /// Post a message to the status line.
    pub fn notice(&mut self, text: impl Into<String>) {
        self.push_notice(text.into(), false);
    }

    /// Post an error to the status line (and keep it until the next message).
    pub fn error(&mut self, text: impl Into<String>) {
        self.push_notice(text.into(), true);
    }

    fn push_notice(&mut self, text: String, error: bool) {
        self.notices.push(Notice {
            text,
            error,
            time: Local::now(),
        });
        if self.notices.len() > 50 {
            self.notices.remove(0);
        }
    }

    /// The last message, if any.
    pub fn last_notice(&self) -> Option<&Notice> {
        self.notices.last()
    }

    /// Who is acting now.
    pub fn stamp(&self) -> Stamp {
        Stamp::now(self.settings.user.clone())
    }

    /// Indices of the sentences the filter shows.
    pub fn visible_rows(&mut self) -> &[usize] {
        let key = (self.doc.version, self.view.filter.clone());
        if self.view.visible_key.as_ref() != Some(&key) {
            let query = Query::new(&self.view.filter.search);
            let filter = &self.view.filter;
            let from_theirs = &self.view.from_theirs;
            let qa = &mut self.qa;
            let project = &self.doc.project;
            // The QA filter checks a bounded number of segments not checked yet per frame; the
            // rest follow in the next frames, so a large project never stalls the window.
            let now = self.now;
            let mut pending = false;
            self.view.visible = project
                .segments
                .iter()
                .enumerate()
                .filter(|(i, s)| {
                    filter.shows(&query, from_theirs, s)
                        && (!filter.qa_findings
                            || if let Some(found) = qa.findings_in_frame(project, *i, now) {
                                found.iter().any(|f| !f.ignored)
                            } else {
                                pending = true;
                                false
                            })
                })
                .map(|(i, _)| i)
                .collect();
            self.view.qa_pending = pending;
            self.view.visible_key = (!pending).then_some(key);
        }
        &self.view.visible
    }

    /// The matches of the search in the rows shown, recomputed only when the project or the
    /// filter changed (not every frame). The current match is kept across a recomputation
    /// where it still exists, else the next one after it is current.
    pub fn find_matches(&mut self) -> &FindState {
        let key = (self.doc.version, self.view.filter.clone());
        if self.view.find.key.as_ref() != Some(&key) {
            let query = Query::new(&self.view.filter.search);
            let rows = self.visible_rows().to_vec();
            let segments = &self.doc.project.segments;
            let mut matches = Vec::new();
            if !query.is_empty() {
                for i in rows {
                    let Some(seg) = segments.get(i) else { continue };
                    matches.extend(FindMatch::all_in(&query, i, seg));
                }
            }
            let find = &mut self.view.find;
            find.replace_matches(0..find.matches.len(), matches);
            // A partial row list (QA still checking) is not cached.
            find.key = (!self.view.qa_pending).then_some(key);
        }
        &self.view.find
    }

    /// Go to the next (or previous) match and show its sentence; from no current match,
    /// the first match at (or, going back, the last before) the current sentence.
    fn find_step(&mut self, forward: bool) {
        let here = self.view.current;
        let find = self.find_matches();
        let n = find.matches.len();
        if n == 0 {
            let search = self.view.filter.search.clone();
            if search.trim().is_empty() {
                self.view.focus_search = true;
                self.notice("Type what to find in the search field (Ctrl+F).");
            } else {
                self.notice(format!("No match for “{search}”."));
            }
            return;
        }
        let next = match find.current {
            Some(k) if forward => (k + 1) % n,
            Some(k) => (k + n - 1) % n,
            None if forward => find
                .matches
                .iter()
                .position(|m| m.segment >= here)
                .unwrap_or(0),
            None => find
                .matches
                .iter()
                .rposition(|m| m.segment <= here)
                .unwrap_or(n - 1),
        };
        let segment = find.matches[next].segment;
        self.view.find.current = Some(next);
        self.select(segment, false);
        self.view.scroll_to_current = true;
    }

    /// Queue an action for the end of the frame.
    pub fn act(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Apply everything queued this frame.
    pub fn apply_actions(&mut self, ctx: &egui::Context) {
        self.poll_import(ctx);
        self.poll_memory(ctx);
        let actions = std::mem::take(&mut self.actions);
        if !actions.is_empty() {
            // This frame was painted before the actions took effect: show their result now,
            // not at the next mouse move.
            ctx.request_repaint();
        }
        for action in actions {
            self.apply(ctx, action);
        }
        // Every change of the settings goes through `edit_spelling` or replaces the document;
        // this keeps the checkers right whatever path a future change takes (cheap).
        self.sync_spelling();
    }

    /// Apply one action now.
    pub fn apply(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Command(cmd) => self.run_command(ctx, cmd),
            Action::Select(i) => self.select(i, false),
            Action::SetTarget(i, text) => {
                let stamp = self.stamp();
                self.edit(
                    &format!("Typing in sentence {}", i + 1),
                    i,
                    1,
                    Some(i),
                    |p| p.set_target(i, &text, &stamp).map(|_| 1),
                );
            }
            Action::ReplaceExportCharacters(i, with) => {
                let Some(text) = self
                    .doc
                    .project
                    .segments
                    .get(i)
                    .map(|s| crate::qa::replace_export_characters(&s.target, with))
                else {
                    return;
                };
                let stamp = self.stamp();
                self.edit(
                    &format!("{} in sentence {}", with.label(), i + 1),
                    i,
                    1,
                    None,
                    |p| p.set_target(i, &text, &stamp).map(|_| 1),
                );
            }
            Action::AddComment(i, text) => {
                let stamp = self.stamp();
                if self.edit("Comment", i, 1, None, |p| {
                    p.add_comment(i, &text, &stamp).map(|_| 1)
                }) {
                    self.view.comment_draft.clear();
                    self.dialog = None;
                }
            }
            Action::ResolveComment(i, id, resolved) => {
                let stamp = self.stamp();
                let label = if resolved {
                    "Resolve comment"
                } else {
                    "Reopen comment"
                };
                self.edit(label, i, 1, None, |p| {
                    p.set_comment_resolved(i, id, resolved, &stamp).map(|_| 1)
                });
            }
            Action::SendBack(i, text) => {
                if !self.settings.role.can_review() {
                    self.error("Only editors send sentences back; switch role in Settings.");
                    return;
                }
                let stamp = self.stamp();
                if self.edit("Send back", i, 1, None, |p| {
                    p.send_back(i, &text, &stamp).map(|()| 1)
                }) {
                    self.dialog = None;
                    self.notice(format!("Sentence {} sent back to the translator.", i + 1));
                    self.advance(|s| s != Status::Approved && s != Status::NeedsRevision);
                }
            }
            Action::Split(i, pos) => {
                let stamp = self.stamp();
                if self.edit("Split sentence", i, 1, None, |p| {
                    p.split(i, pos, &stamp).map(|_| 2)
                }) {
                    self.dialog = None;
                    self.row_heights.clear();
                }
            }
            Action::CorrectSource(i, text) => {
                if !self.settings.role.can_review() {
                    self.error("Only editors correct the source; switch role in Settings.");
                    return;
                }
                let stamp = self.stamp();
                let was_approved = self
                    .doc
                    .project
                    .segments
                    .get(i)
                    .is_some_and(|s| s.status == Status::Approved);
                if self.edit(
                    &format!("Correct source of sentence {}", i + 1),
                    i,
                    1,
                    None,
                    |p| p.correct_source(i, &text, &stamp).map(|_| 1),
                ) {
                    self.dialog = None;
                    self.notice(if was_approved {
                        format!(
                            "Sentence {}: source corrected; its approval was withdrawn.",
                            i + 1
                        )
                    } else {
                        format!("Sentence {}: source corrected.", i + 1)
                    });
                }
            }
            Action::ReplaceAll { find, replace } => self.replace_all(&find, &replace),
            Action::SetQaIgnored(i, key, ignored) => {
                if ignored && !self.settings.role.can_review() && self.is_error_finding(i, &key) {
                    self.error(
                        "Only editors ignore an error-level QA finding; switch role in Settings.",
                    );
                    return;
                }
                let stamp = self.stamp();
                let label = if ignored {
                    "Ignore QA finding"
                } else {
                    "Restore QA finding"
                };
                self.edit(label, i, 1, None, |p| {
                    p.set_qa_ignored(i, &key, ignored, &stamp).map(|_| 1)
                });
            }
            Action::OpenPath(path) => self.guard_unsaved(Pending::Open(path)),
            Action::ImportPath(path) => self.guard_unsaved(Pending::Import(path)),
            Action::ImportText { title, text } => {
                self.guard_unsaved(Pending::ImportText(title, text));
            }
            Action::NewWithTranslation {
                article,
                translation,
            } => self.new_with_translation(article, translation),
            Action::SaveTo(path) => {
                if self.save_to(Some(path), false) {
                    self.dialog = None;
                }
            }
            Action::SaveOverwrite(path) => {
                if self.save_to(Some(path), true) {
                    self.dialog = None;
                }
            }
            Action::Reload => self.reload(),
            Action::MergeTheirs => self.merge_theirs(),
            Action::ResolveConflict(i, choice) => self.resolve_conflict(i, &choice),
            Action::ExportTo(request) => self.export_to(&request, false),
            Action::ExportReplace(request) => self.export_to(&request, true),
            Action::ImportXliff(path) => self.import_xliff(&path),
            Action::Recover(n) => self.recover(n),
            Action::DiscardRecovery(n) => self.discard_recovery(n),
            Action::Unsaved(answer) => self.answer_unsaved(ctx, answer),
            // "Decide later" keeps every autosave: closing the dialog is all it does.
            Action::RecoveryLater | Action::CloseDialog => self.dialog = None,
            Action::ImportTranslation(path) => self.start_import(&path),
            Action::FinishImport(mode) => self.finish_import(mode),
            Action::ReplaceWord {
                index,
                range,
                word,
                with,
            } => self.replace_word(index, range, &word, &with),
            Action::AddWord(word) => {
                self.view.spell_menu = None;
                if self.edit_spelling(&format!("Add “{word}” to project dictionary"), |s| {
                    s.words.added.insert(word.clone());
                }) {
                    self.notice(format!("Added “{word}” to the project dictionary."));
                }
            }
            Action::IgnoreWord(word) => {
                self.view.spell_menu = None;
                if self.edit_spelling(&format!("Ignore “{word}” in this project"), |s| {
                    s.words.ignored.insert(word.clone());
                }) {
                    self.notice(format!("Ignoring “{word}” in this project."));
                }
            }
            Action::SearchMemory(phrase) => self.search_memory(&phrase),
            Action::AddMemorySource(path) => self.add_memory_source(path),
            Action::RemoveMemorySource(path) => self.remove_memory_source(&path),
            Action::ReloadMemory => self.reload_memory(),
            Action::SetVariant(variant) => {
                if self.edit_spelling(&format!("English variant: {}", variant.code()), |s| {
                    s.variant = variant;
                }) {
                    self.notice(format!("Spelling and house style: {}.", variant.label()));
                }
            }
        }
    }

    /// Change the project's spelling settings (`meta.english_variant`, `meta.project_words`)
    /// as one undo step labelled `label`; false when `f` changed nothing.
    fn edit_spelling(&mut self, label: &str, f: impl FnOnce(&mut undo::SpellingSettings)) -> bool {
        let before = undo::SpellingSettings::of(&self.doc.project);
        let mut after = before.clone();
        f(&mut after);
        if after == before {
            return false;
        }
        after.apply_to(&mut self.doc.project);
        self.doc.project.meta.modified = self.stamp().time;
        self.doc
            .undo
            .record_spelling(label, before, after, self.view.current);
        self.doc.version += 1;
        self.sync_spelling();
        true
    }

    /// Let the spell check and the QA cache follow the project's spelling settings (they
    /// re-check only when the settings changed).
    fn sync_spelling(&mut self) {
        self.spell.follow(&self.doc.project.meta);
        self.qa.follow(&self.doc.project.meta);
    }

    /// Apply a model edit touching `len` segments from `index`, record it for undo and report
    /// a refusal in plain words. `f` returns how many segments stand there afterwards.
    fn edit(
        &mut self,
        label: &str,
        index: usize,
        len: usize,
        typing_in: Option<usize>,
        f: impl FnOnce(&mut Project) -> Result<usize, EditError>,
    ) -> bool {
        let end = (index + len).min(self.doc.project.segments.len());
        if index >= end {
            return false;
        }
        let before = self.doc.project.segments[index..end].to_vec();
        let cursor = self.view.current;
        match f(&mut self.doc.project) {
            Ok(after_len) => {
                if self.doc.project.segments[index..index + after_len] != before[..] {
                    self.touched(index, &before, after_len);
                    self.doc.undo.record(
                        &self.doc.project,
                        Change {
                            label: label.to_owned(),
                            start: index,
                            before,
                            after_len,
                            cursors: (cursor, index),
                            typing_in,
                        },
                    );
                }
                true
            }
            Err(err) => {
                self.error(err.to_string());
                false
            }
        }
    }

    /// Bookkeeping after the segments `before` were replaced by `index..index+len`: work in
    /// proportion to those segments, never to the project.
    fn touched(&mut self, index: usize, before: &[Segment], len: usize) {
        let old = self.doc.version;
        self.doc.replaced(index, before, len);
        if before.len() == len {
            self.follow_edit(index..index + len, old);
        }
        for i in index..index + len {
            self.row_heights.invalidate(i);
        }
        self.qa
            .invalidate_around(&self.doc.project, index..index + len);
    }

    /// Keep the visible rows and the find matches, computed at version `old`, current after
    /// an edit of the rows `rows` that added or removed none, by checking those rows alone:
    /// typing with a filter or a search never re-searches the project. With the QA findings
    /// filter (its answer depends on the neighbours) they recompute on next use as before.
    fn follow_edit(&mut self, rows: std::ops::Range<usize>, old: u64) {
        let view = &mut self.view;
        let filter = &view.filter;
        if filter.qa_findings || view.visible_key != Some((old, filter.clone())) {
            return;
        }
        let query = Query::new(&filter.search);
        let key = Some((self.doc.version, filter.clone()));
        let segments = &self.doc.project.segments;
        for (i, seg) in segments
            .get(rows.clone())
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let i = rows.start + i;
            match (
                view.visible.binary_search(&i),
                filter.shows(&query, &view.from_theirs, seg),
            ) {
                (Ok(k), false) => {
                    view.visible.remove(k);
                }
                (Err(k), true) => view.visible.insert(k, i),
                _ => {}
            }
        }
        view.visible_key.clone_from(&key);
        if view.find.key != Some((old, filter.clone())) {
            return;
        }
        let find = &mut view.find;
        let from = find.matches.partition_point(|m| m.segment < rows.start);
        let to = find.matches.partition_point(|m| m.segment < rows.end);
        let new: Vec<FindMatch> = rows
            .clone()
            .filter(|i| view.visible.binary_search(i).is_ok())
            .flat_map(|i| FindMatch::all_in(&query, i, &segments[i]))
            .collect();
        if from != to || !new.is_empty() {
            find.replace_matches(from..to, new);
        }
        find.key = key;
    }

    /// Called when the whole project was replaced (open, new, recover, undo of a split).
    fn after_document_change(&mut self) {
        self.doc.version += 1;
        self.row_heights.clear();
        self.qa.clear();
        self.spell.clear_cache();
        self.sync_spelling();
        self.view.spell_menu = None;
        let n = self.doc.project.segments.len();
        self.view.current = self.view.current.min(n.saturating_sub(1));
        self.view.scroll_to_current = true;
    }

    fn select(&mut self, index: usize, focus: bool) {
        if index < self.doc.project.segments.len() {
            if index != self.view.current {
                self.doc.undo.break_typing();
                self.view.diff_from = None;
            }
            self.view.current = index;
            self.view.scroll_to_current = true;
            self.view.focus_current |= focus;
        }
    }

    /// Move to the next visible sentence whose status satisfies `want`, wrapping around.
    fn advance(&mut self, want: impl Fn(Status) -> bool) {
        let current = self.view.current;
        let rows = self.visible_rows().to_vec();
        let segs = &self.doc.project.segments;
        let next = rows
            .iter()
            .copied()
            .filter(|&i| i > current)
            .chain(rows.iter().copied().filter(|&i| i < current))
            .find(|&i| want(segs[i].status));
        match next {
            Some(i) => self.select(i, true),
            None => self.notice("No more sentences to do in this view."),
        }
    }

    fn step(&mut self, forward: bool) {
        let current = self.view.current;
        let rows = self.visible_rows();
        let next = if forward {
            rows.iter().copied().find(|&i| i > current)
        } else {
            rows.iter().rev().copied().find(|&i| i < current)
        };
        if let Some(i) = next {
            self.select(i, true);
        }
    }

    /// Run a command.
    pub fn run_command(&mut self, ctx: &egui::Context, cmd: Command) {
        let i = self.view.current;
        let role = self.settings.role;
        match cmd {
            Command::ApproveAndNext => {
                if !role.can_review() {
                    self.error("Only editors approve. Ctrl+Shift+Enter marks a sentence translated; switch role in Settings.");
                    return;
                }
                if self.has_conflict(i) {
                    self.error(format!(
                        "Resolve the merge conflict first: sentence {} holds two versions (Take ours, Take theirs or Edit in the side panel).",
                        i + 1
                    ));
                    return;
                }
                let stamp = self.stamp();
                if self.edit("Approve", i, 1, None, |p| p.approve(i, &stamp).map(|_| 1)) {
                    self.advance(|s| s != Status::Approved);
                }
            }
            Command::ConfirmAndNext => {
                let stamp = self.stamp();
                if self.edit("Mark translated", i, 1, None, |p| {
                    p.mark_translated(i, &stamp).map(|_| 1)
                }) {
                    self.advance(|s| matches!(s, Status::Untranslated | Status::NeedsRevision));
                }
            }
            Command::SendBack => {
                if role.can_review() {
                    self.dialog = Some(Dialog::SendBack {
                        index: i,
                        text: String::new(),
                    });
                } else {
                    self.error("Only editors send sentences back; switch role in Settings.");
                }
            }
            Command::Comment => {
                self.dialog = Some(Dialog::Comment {
                    index: i,
                    text: String::new(),
                });
            }
            Command::Previous => self.step(false),
            Command::Next => self.step(true),
            Command::NextUnfinished => {
                self.advance(|s| matches!(s, Status::Untranslated | Status::NeedsRevision));
            }
            Command::Split => {
                if let Some(seg) = self.doc.project.segments.get(i) {
                    let pos = crate::segment::default_split_pos(&seg.source);
                    self.dialog = Some(Dialog::Split { index: i, pos });
                }
            }
            Command::CorrectSource => {
                if !role.can_review() {
                    self.error("Only editors correct the source; switch role in Settings.");
                } else if let Some(seg) = self.doc.project.segments.get(i) {
                    self.dialog = Some(Dialog::CorrectSource {
                        index: i,
                        text: seg.source.clone(),
                    });
                }
            }
            Command::MergeWithNext => self.merge_with_next(i, "Merge sentences"),
            Command::MergeWithPrevious => {
                if i == 0 {
                    self.error("The first sentence has no sentence before it to merge with.");
                } else {
                    self.merge_with_next(i - 1, "Merge with previous sentence");
                }
            }
            Command::Undo => match self.doc.undo_change() {
                Some((label, cursor)) => {
                    self.follow_merge_undo(true);
                    self.after_document_change();
                    self.select(cursor, false);
                    self.notice(format!("Undid: {label}"));
                }
                None => self.notice("Nothing to undo."),
            },
            Command::Redo => match self.doc.redo_change() {
                Some((label, cursor)) => {
                    self.follow_merge_undo(false);
                    self.after_document_change();
                    self.select(cursor, false);
                    self.notice(format!("Redid: {label}"));
                }
                None => self.notice("Nothing to redo."),
            },
            Command::Find => self.view.focus_search = true,
            Command::FindNext => self.find_step(true),
            Command::FindPrevious => self.find_step(false),
            Command::Replace => {
                self.view.replace_open = !self.view.replace_open;
                if self.view.replace_open {
                    self.view.replace_find.clone_from(&self.view.filter.search);
                }
            }
            Command::New => {
                self.dialog = Some(Dialog::NewProject {
                    path: String::new(),
                    title: String::new(),
                    text: String::new(),
                    translation: String::new(),
                });
            }
            Command::Open => self.ask_path(PathPurpose::Open),
            Command::Save => {
                if self.doc.path().is_some() {
                    self.save_to(None, false);
                } else {
                    self.ask_path(PathPurpose::SaveAs);
                }
            }
            Command::SaveAs => self.ask_path(PathPurpose::SaveAs),
            Command::Export => self.open_export_dialog(),
            Command::ImportXliff => self.open_import_xliff_dialog(),
            Command::ZoomIn => self.settings.zoom = (self.settings.zoom + 0.1).min(3.0),
            Command::ZoomOut => self.settings.zoom = (self.settings.zoom - 0.1).max(0.5),
            Command::ZoomReset => self.settings.zoom = 1.0,
            Command::ToggleTheme => {
                self.settings.theme = match self.settings.theme {
                    settings::ThemeChoice::Dark => settings::ThemeChoice::Light,
                    settings::ThemeChoice::Light => settings::ThemeChoice::Dark,
                };
            }
            Command::SwapColumns => self.settings.swap_columns = !self.settings.swap_columns,
            Command::ToggleSidePanel => self.settings.side_panel = !self.settings.side_panel,
            Command::ImportTranslation => {
                self.dialog = Some(Dialog::ImportTranslation {
                    path: String::new(),
                });
            }
            Command::PullSentenceUp => self.pull_sentence_up(),
            Command::PushSentenceDown => self.push_sentence_down(),
            Command::Spelling => self.view.spell_at_caret = true,
            Command::TakeOurs => self.resolve_conflict(i, &ConflictChoice::Ours),
            Command::TakeTheirs => self.resolve_conflict(i, &ConflictChoice::Theirs),
            Command::InsertMatch1
            | Command::InsertMatch2
            | Command::InsertMatch3
            | Command::InsertMatch4
            | Command::InsertMatch5 => self.insert_match(cmd.match_number().unwrap_or(1)),
            Command::Concordance => {
                self.settings.side_panel = true;
                self.view.side_tab = SideTab::Memory;
                self.memory.focus_concordance = true;
            }
            Command::Settings => self.dialog = Some(Dialog::Settings),
            Command::Shortcuts => self.dialog = Some(Dialog::Shortcuts),
            Command::Quit => self.quit(ctx),
        }
    }

    /// Merge sentence `i` with the next one (one undo step); the merged sentence is current.
    fn merge_with_next(&mut self, i: usize, label: &str) {
        let stamp = self.stamp();
        if self.edit(label, i, 2, None, |p| {
            p.merge_with_next(i, &stamp).map(|()| 1)
        }) {
            self.row_heights.clear();
            self.select(i, false);
        }
    }

    fn replace_all(&mut self, find: &str, replace: &str) {
        if find.is_empty() {
            self.error("Type the English text to find first.");
            return;
        }
        let visible = self.visible_rows().to_vec();
        let rows: Vec<usize> = visible
            .into_iter()
            .filter(|&i| self.doc.project.segments[i].target.contains(find))
            .collect();
        let (Some(&first), Some(&last)) = (rows.first(), rows.last()) else {
            self.notice(format!(
                "“{find}” does not occur in the English text shown."
            ));
            return;
        };
        let before = self.doc.project.segments[first..=last].to_vec();
        let stamp = self.stamp();
        for &i in &rows {
            let new = self.doc.project.segments[i].target.replace(find, replace);
            if let Err(err) = self.doc.project.replace_target(i, &new, &stamp) {
                self.error(err.to_string());
            }
        }
        let len = last + 1 - first;
        self.touched(first, &before, len);
        self.doc.undo.record(
            &self.doc.project,
            Change {
                label: format!("Replace “{find}”"),
                start: first,
                before,
                after_len: len,
                cursors: (self.view.current, self.view.current),
                typing_in: None,
            },
        );
        self.notice(format!("Replaced “{find}” in {} sentences.", rows.len()));
    }

    /// Replace the misspelt `word` at `range` of sentence `index`'s English with `with`, as one
    /// undo step of its own (never merged into the typing around it).
    fn replace_word(
        &mut self,
        index: usize,
        range: std::ops::Range<usize>,
        word: &str,
        with: &str,
    ) {
        self.view.spell_menu = None;
        let Some(seg) = self.doc.project.segments.get(index) else {
            return;
        };
        if seg.target.get(range.clone()) != Some(word) {
            self.notice(format!("“{word}” is no longer there; nothing replaced."));
            return;
        }
        let mut text = seg.target.clone();
        text.replace_range(range, with);
        self.doc.undo.break_typing();
        let stamp = self.stamp();
        self.edit(&format!("Correct “{word}”"), index, 1, None, |p| {
            p.set_target(index, &text, &stamp).map(|_| 1)
        });
    }

    /// Whether the finding `key` of sentence `index` is an error (not a warning or a note).
    fn is_error_finding(&mut self, index: usize, key: &str) -> bool {
        self.qa
            .findings(&self.doc.project, index)
            .iter()
            .any(|f| f.finding.key == key && f.finding.severity == crate::qa::Severity::Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows shown and the find matches, as the incremental update left them, and as a
    /// recomputation from the whole project gives them.
    fn incremental_and_fresh(
        app: &mut VirastApp,
    ) -> [(Vec<usize>, Vec<FindMatch>, Option<usize>); 2] {
        let take = |app: &mut VirastApp| {
            let rows = app.visible_rows().to_vec();
            let find = app.find_matches();
            (rows, find.matches.clone(), find.current)
        };
        let kept = take(app);
        app.view.visible_key = None;
        app.view.find.key = None;
        [kept, take(app)]
    }

    /// Typing with a search or a status filter keeps the rows shown and the matches (and the
    /// current match) exactly as recomputing them would, without recomputing them.
    #[test]
    fn typing_keeps_filter_and_matches_right() {
        let settings = Settings {
            autosave_secs: u64::MAX,
            ..Settings::default()
        };
        let mut app = VirastApp::with_document(Document::sample(), settings);
        let ctx = egui::Context::default();
        for i in [1, 3, 4, 6] {
            let text = format!("The police said the police in sentence {i} agreed.");
            app.apply(&ctx, Action::SetTarget(i, text));
        }
        app.view.filter.search = "police".to_owned();
        assert_eq!(app.visible_rows(), [1, 3, 4, 6]);
        assert_eq!(app.find_matches().matches.len(), 8);
        app.view.find.current = Some(5); // The second match of sentence 4.

        let edits = [
            (3, "The police said so."),          // One match fewer before the current.
            (4, "No match here any more."),      // The current sentence drops out.
            (2, "Now the police are here too."), // A row appears.
            (6, "The Police, the police and the police."), // More matches after the current.
            (0, ""),                             // A row that was never shown.
        ];
        for (i, text) in edits {
            app.apply(&ctx, Action::SetTarget(i, text.to_owned()));
            assert_eq!(
                app.view.visible_key.as_ref().map(|k| k.0),
                Some(app.doc.version),
                "the rows shown followed the edit without a recount"
            );
            let [kept, fresh] = incremental_and_fresh(&mut app);
            assert_eq!(kept, fresh, "after typing {text:?} in sentence {}", i + 1);
        }
        assert_eq!(app.visible_rows(), [1, 2, 3, 6]);
        let current = app.find_matches().current_match().cloned().unwrap();
        assert_eq!(current.segment, 6, "the match after the one that went away");

        // A status filter: a sentence typed into leaves "Untranslated" at its first letter.
        app.view.filter = Filter {
            status: Some(Status::Untranslated),
            ..Filter::default()
        };
        let shown = app.visible_rows().to_vec();
        let first = shown[0];
        app.apply(&ctx, Action::SetTarget(first, "T".to_owned()));
        let [kept, fresh] = incremental_and_fresh(&mut app);
        assert_eq!(kept, fresh);
        assert_eq!(kept.0, shown[1..]);
        app.apply(&ctx, Action::SetTarget(first, String::new()));
        let [kept, fresh] = incremental_and_fresh(&mut app);
        assert_eq!(kept, fresh);
        assert_eq!(kept.0, shown);
    }
}
