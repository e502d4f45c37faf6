//! The open project with its file, undo history and autosave. All file work goes through
//! `crate::store`; this type only decides when.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use chrono::{DateTime, Local};

use super::undo::UndoStack;
use crate::model::{Project, Segment, StatusCounts};
use crate::store::autosave::{self, AutosaveTarget, Base, Recovery};
use crate::store::{self, ProjectFile, StoreError};

/// The sample article (a real news item, 7 paragraphs, 9 sentences) the app opens when it is
/// started without a file.
pub const SAMPLE_ARTICLE: &str = include_str!("../../assets/khabarresa-police-counseling.fa.txt");

/// Why a save did not happen.
#[derive(Debug)]
pub enum SaveError {
    /// The file changed on disk since it was opened, or a new save would replace an existing
    /// file: ask the user.
    Conflict {
        /// The message, naming the file.
        message: String,
        /// The file that was not overwritten.
        path: PathBuf,
        /// Why.
        kind: store::ConflictKind,
    },
    /// Anything else (read-only folder, disk full, ...), in plain words.
    Other(anyhow::Error),
}

/// A project being worked on.
pub struct Document {
    /// The project.
    pub project: Project,
    /// Its file, once it has one.
    file: Option<ProjectFile>,
    /// Undo/redo and the saved marker (dirty tracking).
    pub undo: UndoStack,
    /// Bumped on every change; caches key on it.
    pub version: u64,
    /// Unique in this process for every document opened, created or recovered (the version
    /// restarts with each one): work started on one document (an alignment on a worker) is
    /// tied to this, so it can never land on another.
    id: u64,
    /// When the last autosave finished.
    pub last_autosave: Option<DateTime<Local>>,
    /// The sidecar this session's autosaves went to (the only one it ever deletes unasked,
    /// and only once its work is saved or explicitly discarded).
    own_sidecar: Option<PathBuf>,
    /// The autosave this project was recovered from: deleted once the project is saved.
    recovered_from: Option<PathBuf>,
    autosaved_version: u64,
    /// When the autosave interval started, on the app's clock ([`super::VirastApp::now`]);
    /// `None` until the first tick after opening.
    last_autosave_at: Option<f64>,
    autosave_job: Option<mpsc::Receiver<Result<PathBuf, StoreError>>>,
    counts: Option<(u64, StatusCounts, usize)>,
    /// The project exactly as this session last read it from or wrote it to its file: the
    /// common ancestor when someone else saved the file meanwhile ([`Self::merge_theirs`]).
    base: Option<Project>,
    /// What the file knowledge was before and after each merge of their version still on the
    /// undo stack, by undo entry: undoing a merge forgets their version again (so the next
    /// save asks again instead of writing over it). Cleared by a save.
    merges: Vec<MergeMark>,
}

/// The file knowledge around one merge (see [`Document::merges`]).
struct MergeMark {
    /// The undo state id of the merge entry.
    entry: u64,
    /// File and base before the merge.
    before: (Option<ProjectFile>, Option<Project>),
    /// File and base after it (their version).
    after: (Option<ProjectFile>, Option<Project>),
}

/// Their version of the file, read for a merge.
pub struct Theirs {
    /// The project in the file.
    pub project: Project,
    /// The file as just read (its content becomes the known disk state after the merge).
    file: ProjectFile,
}

/// What [`Document::merge_theirs`] did.
pub struct MergeDone {
    /// What came from their side.
    pub report: crate::merge::MergeReport,
    /// Whether the project changed (otherwise no undo step was recorded).
    pub changed: bool,
}

/// Whether a dropped or given path is a project (otherwise it is an article to import).
pub fn looks_like_project(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// A file name for a project that has none yet, from its title.
pub fn suggested_file_name(project: &Project) -> String {
    let stem: String = project
        .meta
        .title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-');
    let stem = if stem.is_empty() { "project" } else { stem };
    format!("{stem}.virast.json")
}

/// Where the English export of a project file goes by default.
pub fn export_path_for(project_path: &Path) -> PathBuf {
    let name = project_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .split('.')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("translation");
    project_path.with_file_name(format!("{stem}.en.txt"))
}

impl Document {
    fn from_project(project: Project, file: Option<ProjectFile>) -> Self {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Document {
            project,
            file,
            undo: UndoStack::default(),
            version: 0,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            last_autosave: None,
            own_sidecar: None,
            recovered_from: None,
            autosaved_version: 0,
            // The first autosave comes one interval after opening (the first tick starts the
            // interval), not at the first keystroke.
            last_autosave_at: None,
            autosave_job: None,
            counts: None,
            base: None,
            merges: Vec::new(),
        }
    }

    /// A document for a project just read from (or written to) `file`: that is its base.
    fn from_file(project: Project, file: ProjectFile) -> Self {
        let mut doc = Self::from_project(project, Some(file));
        doc.base = Some(doc.project.clone());
        doc
    }

    /// This document's identity (see the field): never shared with another document.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The embedded sample article as a new, unsaved project.
    pub fn sample() -> Self {
        let article = crate::import::Article {
            text: SAMPLE_ARTICLE.to_owned(),
            bom: false,
        };
        let project =
            article.into_project("Police counselling centres (sample)", chrono::Utc::now());
        Self::from_project(project, None)
    }

    /// A document for an existing project with no file (tests, benchmarks).
    pub fn unsaved(project: Project) -> Self {
        Self::from_project(project, None)
    }

    /// Open a project file. Autosaves left beside it are found by [`Self::recoveries`].
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let opened = store::open(path)?;
        Ok(Self::from_file(opened.project, opened.file))
    }

    /// Autosaves of `user` beside this project's file that hold work the file does not.
    pub fn recoveries(&self, user: &str) -> anyhow::Result<Vec<Recovery>> {
        let (Some(file), Some(base)) = (&self.file, self.file.as_ref().and_then(ProjectFile::base))
        else {
            return Ok(Vec::new());
        };
        Ok(autosave::recoveries_for_file(
            file.path(),
            &self.project,
            &base,
            user,
        )?)
    }

    /// Import a Persian article file as a new, unsaved project.
    pub fn import_file(path: &Path) -> anyhow::Result<Self> {
        let article = crate::import::read_article(path)?;
        let title = crate::import::title_from_path(path);
        let project = article.into_project(&title, chrono::Utc::now());
        let mut doc = Self::from_project(project, None);
        doc.undo.mark_unsaved();
        Ok(doc)
    }

    /// Import pasted Persian text as a new, unsaved project.
    pub fn import_text(title: &str, text: &str) -> anyhow::Result<Self> {
        let article = crate::import::decode(text.as_bytes(), Path::new("pasted text"))?;
        let project = article.into_project(title, chrono::Utc::now());
        let mut doc = Self::from_project(project, None);
        doc.undo.mark_unsaved();
        Ok(doc)
    }

    /// The project file, if the project has one.
    pub fn path(&self) -> Option<&Path> {
        self.file.as_ref().map(ProjectFile::path)
    }

    /// File name for the status bar and messages.
    pub fn display_name(&self) -> String {
        match self.path() {
            Some(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None => format!("{} (not saved yet)", self.project.meta.title),
        }
    }

    /// Counts per status, cached until the next change.
    pub fn counts(&mut self) -> StatusCounts {
        self.summary().0
    }

    /// Source words, cached until the next change.
    pub fn source_words(&mut self) -> usize {
        self.summary().1
    }

    /// Bump the version after the segments `before` were replaced by the `after_len` segments
    /// that now stand at `start`. Cached counts follow by the difference of those segments
    /// alone, so typing in one sentence never recounts the whole project.
    pub fn replaced(&mut self, start: usize, before: &[Segment], after_len: usize) {
        let cached = self.counts.filter(|&(v, ..)| v == self.version);
        self.version += 1;
        self.counts = cached.and_then(|(_, mut counts, mut words)| {
            let after = self.project.segments.get(start..start + after_len)?;
            for seg in before {
                counts.unbump(seg.status)?;
                words = words.checked_sub(seg.source_words())?;
            }
            for seg in after {
                counts.bump(seg.status);
                words += seg.source_words();
            }
            Some((self.version, counts, words))
        });
    }

    fn summary(&mut self) -> (StatusCounts, usize) {
        match self.counts {
            Some((v, c, w)) if v == self.version => (c, w),
            _ => {
                let c = self.project.status_counts();
                let w = self.project.source_words();
                self.counts = Some((self.version, c, w));
                (c, w)
            }
        }
    }

    /// Take the work of an autosave. One that extends this file as it is on disk replaces the
    /// project (unsaved); one made on an older version of the file, or on a project that never
    /// had a file, becomes a separate unsaved project, so saving it can never write over newer
    /// work. The autosave itself stays until the recovered work is saved.
    pub fn recover(&mut self, recovery: &Recovery) -> anyhow::Result<()> {
        // Fresh from disk: the list may be older than the file.
        let project = autosave::load_sidecar(&recovery.path)?;
        let same_file =
            matches!(recovery.base, Base::Current | Base::Unknown) && self.file.is_some();
        let mut doc = if same_file {
            let mut doc = Self::from_project(project, self.file.clone());
            // The file on disk is still the one read here: it stays the merge base.
            doc.base = self.base.take();
            doc
        } else {
            Self::from_project(project, None)
        };
        doc.undo.mark_unsaved();
        doc.version = self.version + 1;
        doc.recovered_from = Some(recovery.path.clone());
        self.finish_autosave_quietly();
        *self = doc;
        Ok(())
    }

    /// Delete an autosave the user chose to discard.
    pub fn discard_recovery(recovery: &Recovery) -> anyhow::Result<()> {
        autosave::remove_sidecar(&recovery.path)?;
        Ok(())
    }

    /// Remove this session's own autosave, after waiting for one being written: only when its
    /// work is in the file (nothing unsaved) or the user chose to discard the changes.
    /// Autosaves of other sessions, other users, or one this project was recovered from are
    /// never touched here.
    pub fn discard_own_autosave(&mut self) {
        self.finish_autosave_quietly();
        if let Some(path) = self.own_sidecar.take()
            && Some(&path) != self.recovered_from.as_ref()
        {
            // Nothing to report if it cannot go: it is only offered again at next open.
            let _ = autosave::remove_sidecar(&path);
        }
    }

    /// [`Self::discard_own_autosave`] when nothing is unsaved (the project is being closed).
    pub fn discard_own_autosave_if_saved(&mut self) {
        if !self.undo.is_dirty() {
            self.discard_own_autosave();
        }
    }

    /// The autosave this project was recovered from, if any.
    pub fn recovered_from(&self) -> Option<&Path> {
        self.recovered_from.as_deref()
    }

    /// Save to `path` (a new file: refuses to overwrite one that exists and was not opened
    /// here) or to the current file. `overwrite` saves over a file that changed on disk.
    pub fn save(&mut self, path: Option<PathBuf>, overwrite: bool) -> Result<PathBuf, SaveError> {
        // An autosave still being written must not land after this save: it would look like
        // unsaved work newer than the file.
        self.finish_autosave_quietly();
        let mut file = match path {
            Some(p) if Some(p.as_path()) != self.path() => ProjectFile::new(p),
            _ => self
                .file
                .clone()
                .ok_or_else(|| SaveError::Other(anyhow::anyhow!("the project has no file yet")))?,
        };
        let result = if overwrite {
            file.save_overwriting(&self.project)
        } else {
            file.save(&self.project)
        };
        match result {
            Ok(()) => {
                let path = file.path().to_path_buf();
                self.file = Some(file);
                // What is in the file now is the base of a later merge. A clone costs a few
                // milliseconds at 10,000 sentences, far less than the encoding just done.
                self.base = Some(self.project.clone());
                // Undoing an earlier merge is an edit of this file now, not a return to the
                // file as it was before their version.
                self.merges.clear();
                self.undo.mark_saved();
                self.autosaved_version = self.version;
                // The work in these autosaves is in the file now.
                for sidecar in [self.own_sidecar.take(), self.recovered_from.take()]
                    .into_iter()
                    .flatten()
                {
                    let _ = autosave::remove_sidecar(&sidecar);
                }
                Ok(path)
            }
            Err(StoreError::Conflict { path, kind }) => Err(SaveError::Conflict {
                message: StoreError::Conflict {
                    path: path.clone(),
                    kind,
                }
                .to_string(),
                path,
                kind,
            }),
            Err(err) => Err(SaveError::Other(err.into())),
        }
    }

    /// The project as this session last read it from or wrote it to its file.
    pub fn base(&self) -> Option<&Project> {
        self.base.as_ref()
    }

    /// Whether their version of the file can be merged into this project: it has a file and
    /// knows the version it last read or wrote (the common ancestor).
    pub fn can_merge(&self) -> bool {
        self.file.is_some() && self.base.is_some()
    }

    /// Read the project file as it is on disk now (someone else saved it).
    pub fn read_theirs(&self) -> anyhow::Result<Theirs> {
        let path = self
            .path()
            .ok_or_else(|| anyhow::anyhow!("the project has no file yet"))?;
        let opened = store::open(path)?;
        Ok(Theirs {
            project: opened.project,
            file: opened.file,
        })
    }

    /// Merge `theirs` (read by [`Self::read_theirs`]) into the project, with the version last
    /// read or written here as the common ancestor and `time` stamped on conflicts. The result
    /// replaces the project as one undo step (`label`, `cursors` as in an undo entry); their
    /// file becomes the version this session knows (the next save does not report it again
    /// and it is the base of the next merge). Nothing changes on an error.
    pub fn merge_theirs(
        &mut self,
        theirs: Theirs,
        time: chrono::DateTime<chrono::Utc>,
        label: &str,
        cursors: (usize, usize),
    ) -> anyhow::Result<MergeDone> {
        let base = self
            .base
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("this session has no saved version to merge from"))?;
        let merged = crate::merge::merge(base, &self.project, &theirs.project, time)?;
        self.finish_autosave_quietly();
        let before = (self.file.take(), self.base.take());
        self.file = Some(theirs.file);
        self.base = Some(theirs.project);
        let changed = merged.project != self.project;
        if changed {
            let old = std::mem::replace(&mut self.project, merged.project);
            let entry = self.undo.record_whole(label, old, &self.project, cursors);
            self.merges.push(MergeMark {
                entry,
                before,
                after: (self.file.clone(), self.base.clone()),
            });
            self.version += 1;
        }
        Ok(MergeDone {
            report: merged.report,
            changed,
        })
    }

    /// Undo the last change; returns its label and the sentence to make current. Undoing a
    /// merge of their version also forgets that version (see [`Self::merge_theirs`]).
    pub fn undo_change(&mut self) -> Option<(String, usize)> {
        let entry = self.undo.state_id();
        let out = self.undo.undo(&mut self.project)?;
        if let Some(mark) = self.merges.iter().find(|m| m.entry == entry) {
            (self.file, self.base) = mark.before.clone();
        }
        Some(out)
    }

    /// Redo the last undone change (a merge takes their version as known again).
    pub fn redo_change(&mut self) -> Option<(String, usize)> {
        let out = self.undo.redo(&mut self.project)?;
        let entry = self.undo.state_id();
        if let Some(mark) = self.merges.iter().find(|m| m.entry == entry) {
            (self.file, self.base) = mark.after.clone();
        }
        Some(out)
    }

    /// Start an autosave in the background when changes are older than `interval_secs` at
    /// `now` (seconds on the app's clock, [`super::VirastApp::now`]); pick up the result of a
    /// finished one. Cheap when nothing is due.
    pub fn autosave_if_due(
        &mut self,
        now: f64,
        interval_secs: u64,
        target: &AutosaveTarget,
    ) -> anyhow::Result<()> {
        if let Some(rx) = &self.autosave_job {
            match rx.try_recv() {
                Ok(result) => {
                    self.autosave_job = None;
                    self.own_sidecar = Some(result?);
                    self.last_autosave = Some(Local::now());
                }
                Err(mpsc::TryRecvError::Empty) => return Ok(()),
                Err(mpsc::TryRecvError::Disconnected) => self.autosave_job = None,
            }
        }
        let started = *self.last_autosave_at.get_or_insert(now);
        // Seconds; an interval too long to reach in f64 never comes due.
        #[allow(clippy::cast_precision_loss)]
        let due = now - started >= interval_secs as f64;
        if !due || !self.undo.is_dirty() || self.autosaved_version == self.version {
            return Ok(());
        }
        let (path, base) = match &self.file {
            Some(file) => (
                autosave::sidecar_path(file.path(), &target.user),
                file.base(),
            ),
            None => match &target.recovery_dir {
                Some(dir) => (autosave::unsaved_sidecar_path(dir, &self.project), None),
                None => return Ok(()),
            },
        };
        self.last_autosave_at = Some(now);
        self.autosaved_version = self.version;
        // Cloning is a few milliseconds even for 10,000 sentences; encoding and writing run on
        // a worker thread so the window never waits for the disk.
        let project = self.project.clone();
        let user = target.user.clone();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let result =
                autosave::write_sidecar(&path, &project, base.as_deref(), &user).map(|()| path);
            let _ = tx.send(result);
        });
        self.autosave_job = Some(rx);
        Ok(())
    }

    /// Wait for a running autosave (before a save, at shutdown, in tests).
    pub fn finish_autosave(&mut self) -> anyhow::Result<()> {
        if let Some(rx) = self.autosave_job.take()
            && let Ok(result) = rx.recv()
        {
            self.own_sidecar = Some(result?);
            self.last_autosave = Some(Local::now());
        }
        Ok(())
    }

    /// [`Self::finish_autosave`] where a failed autosave changes nothing for the caller (the
    /// save that follows, or the explicit discard, supersedes it).
    fn finish_autosave_quietly(&mut self) {
        let _ = self.finish_autosave();
    }

    /// The sidecar this session's autosaves go to, once one was written.
    pub fn own_sidecar(&self) -> Option<&Path> {
        self.own_sidecar.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use crate::app::{Action, Command, Document, Role, Settings, VirastApp};

    /// The status bar's counts after each kind of edit are what counting the whole project
    /// gives, and typing keeps them without recounting the project.
    #[test]
    fn counts_follow_edits_by_their_difference() {
        let settings = Settings {
            role: Role::Editor,
            autosave_secs: u64::MAX,
            ..Settings::default()
        };
        let mut app = VirastApp::with_document(Document::sample(), settings);
        let ctx = egui::Context::default();
        let check = |app: &mut VirastApp, what: &str| {
            let fresh = (
                app.doc.project.status_counts(),
                app.doc.project.source_words(),
            );
            assert_eq!(
                (app.doc.counts(), app.doc.source_words()),
                fresh,
                "after {what}"
            );
        };
        check(&mut app, "opening");
        let untranslated = app.doc.counts().untranslated;

        // Typing: the cache follows without a recount (it is already at the new version).
        for text in ["T", "Th", "The police", "The police said"] {
            app.apply(&ctx, Action::SetTarget(0, text.to_owned()));
            assert!(
                matches!(app.doc.counts, Some((v, ..)) if v == app.doc.version),
                "typing updated the counts in place"
            );
            check(&mut app, "typing");
        }
        assert_eq!(app.doc.counts().untranslated, untranslated - 1);
        assert_eq!(app.doc.counts().translated, 1);

        app.apply(&ctx, Action::SetTarget(0, String::new()));
        check(&mut app, "erasing a translation");
        assert_eq!(app.doc.counts().untranslated, untranslated);

        app.apply(&ctx, Action::SetTarget(1, "The centres opened.".to_owned()));
        app.view.current = 1;
        app.apply(&ctx, Action::Command(Command::ApproveAndNext));
        check(&mut app, "approving");
        assert_eq!(app.doc.counts().approved, 1);

        app.apply(&ctx, Action::SendBack(1, "Say which centres.".to_owned()));
        check(&mut app, "sending back");
        assert_eq!(app.doc.counts().needs_revision, 1);

        let words = app.doc.source_words();
        let source = app.doc.project.segments[2].source.clone();
        app.apply(&ctx, Action::CorrectSource(2, format!("{source} واژه")));
        check(&mut app, "correcting the source");
        assert_eq!(app.doc.source_words(), words + 1);

        let cut = app.doc.project.segments[3].source.find(' ').unwrap();
        app.apply(&ctx, Action::Split(3, cut));
        check(&mut app, "splitting");
        app.view.current = 3;
        app.apply(&ctx, Action::Command(Command::MergeWithNext));
        check(&mut app, "merging");

        app.apply(&ctx, Action::SetTarget(4, "The police said so.".to_owned()));
        app.apply(
            &ctx,
            Action::ReplaceAll {
                find: "police".to_owned(),
                replace: "Police".to_owned(),
            },
        );
        check(&mut app, "replacing");

        for _ in 0..4 {
            app.apply(&ctx, Action::Command(Command::Undo));
            check(&mut app, "undoing");
        }
        for _ in 0..4 {
            app.apply(&ctx, Action::Command(Command::Redo));
            check(&mut app, "redoing");
        }
    }
}
