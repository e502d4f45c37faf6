//! The open project with its file, undo history and autosave. All file work goes through
//! `crate::store`; this type only decides when.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{DateTime, Local};

use super::undo::UndoStack;
use crate::model::{Project, StatusCounts};
use crate::store::{self, ProjectFile, Recovery, StoreError};

/// The sample article (a real news item, 7 paragraphs, 9 sentences) the app opens when it is
/// started without a file.
pub const SAMPLE_ARTICLE: &str = include_str!("../../assets/khabarresa-police-counseling.fa.txt");

/// Why a save did not happen.
#[derive(Debug)]
pub enum SaveError {
    /// The file changed on disk since it was opened: ask the user.
    Conflict(String),
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
    /// When the last autosave finished.
    pub last_autosave: Option<DateTime<Local>>,
    recovery: Option<Recovery>,
    autosaved_version: u64,
    last_autosave_at: Option<Instant>,
    autosave_job: Option<mpsc::Receiver<Result<PathBuf, StoreError>>>,
    counts: Option<(u64, StatusCounts, usize)>,
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
        Document {
            project,
            file,
            undo: UndoStack::default(),
            version: 0,
            last_autosave: None,
            recovery: None,
            autosaved_version: 0,
            // The first autosave comes one interval after opening, not at the first keystroke.
            last_autosave_at: Some(Instant::now()),
            autosave_job: None,
            counts: None,
        }
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

    /// Open a project file; a newer autosave is remembered for [`Self::recovery_time`].
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let opened = store::open(path)?;
        let mut doc = Self::from_project(opened.project, Some(opened.file));
        doc.recovery = opened.recovery;
        Ok(doc)
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

    /// When the autosave offered for recovery was written.
    pub fn recovery_time(&self) -> Option<String> {
        self.recovery.as_ref().map(|r| {
            r.modified.map_or_else(
                || "an earlier session".to_owned(),
                |t| {
                    DateTime::<Local>::from(t)
                        .format("%Y-%m-%d %H:%M:%S")
                        .to_string()
                },
            )
        })
    }

    /// Replace the project with the autosave offered for recovery. The result is unsaved.
    pub fn recover(&mut self) -> anyhow::Result<()> {
        let recovery = self
            .recovery
            .take()
            .context("there is no autosave to recover")?;
        let project = store::load_recovery(&recovery)?;
        self.project = project;
        self.undo = UndoStack::default();
        self.undo.mark_unsaved();
        self.version += 1;
        Ok(())
    }

    /// Delete the autosave offered for recovery.
    pub fn discard_recovery(&mut self) -> anyhow::Result<()> {
        if let Some(recovery) = self.recovery.take() {
            store::discard_recovery(&recovery)?;
        }
        Ok(())
    }

    /// Remove this project's autosave (after the user chose to discard changes and quit).
    pub fn remove_autosave(&self) {
        if let Some(file) = &self.file {
            // Nothing to report if it cannot go: it is only offered again at next open.
            let _ = file.discard_autosave();
        }
    }

    /// Save to `path` (a new file: refuses to overwrite one that exists and was not opened
    /// here) or to the current file. `overwrite` saves over a file that changed on disk.
    pub fn save(&mut self, path: Option<PathBuf>, overwrite: bool) -> Result<PathBuf, SaveError> {
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
                self.undo.mark_saved();
                self.autosaved_version = self.version;
                Ok(path)
            }
            Err(err) if err.is_conflict() => Err(SaveError::Conflict(err.to_string())),
            Err(err) => Err(SaveError::Other(err.into())),
        }
    }

    /// Start an autosave in the background when changes are older than `interval_secs`; pick
    /// up the result of a finished one. Cheap when nothing is due.
    pub fn autosave_if_due(&mut self, interval_secs: u64) -> anyhow::Result<()> {
        if let Some(rx) = &self.autosave_job {
            match rx.try_recv() {
                Ok(result) => {
                    self.autosave_job = None;
                    result?;
                    self.last_autosave = Some(Local::now());
                }
                Err(mpsc::TryRecvError::Empty) => return Ok(()),
                Err(mpsc::TryRecvError::Disconnected) => self.autosave_job = None,
            }
        }
        let due = self
            .last_autosave_at
            .is_none_or(|t| t.elapsed() >= Duration::from_secs(interval_secs));
        if !due || !self.undo.is_dirty() || self.autosaved_version == self.version {
            return Ok(());
        }
        self.last_autosave_at = Some(Instant::now());
        self.autosaved_version = self.version;
        // Cloning is a few milliseconds even for 10,000 sentences; encoding and writing run on
        // a worker thread so the window never waits for the disk.
        let project = self.project.clone();
        let file = self.file.clone();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let result = match file {
                Some(file) => file.autosave(&project),
                None => store::autosave_unsaved(&project),
            };
            let _ = tx.send(result);
        });
        self.autosave_job = Some(rx);
        Ok(())
    }

    /// Wait for a running autosave (tests, shutdown).
    pub fn finish_autosave(&mut self) -> anyhow::Result<()> {
        if let Some(rx) = self.autosave_job.take()
            && let Ok(result) = rx.recv()
        {
            result?;
            self.last_autosave = Some(Local::now());
        }
        Ok(())
    }
}
