//! Importing an English translation in the desk, and the keyboard moves that fix a
//! misalignment. No drawing here (see `ui::align_dialog`): the dialog pushes actions, these
//! methods apply them through [`VirastApp::edit`], so each is one undo step.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;

use super::{Dialog, Pending, VirastApp};
use crate::align::{self, Model, Plan};
use crate::model::ImportMode;

/// Projects up to this many sentences, with a translation up to [`SYNC_BYTES`], are aligned
/// at once (a few milliseconds in a release build); larger ones on a worker thread, with a
/// progress dialog.
const SYNC_LIMIT: usize = 2_000;
/// See [`SYNC_LIMIT`].
const SYNC_BYTES: usize = 256 * 1024;

/// An aligned translation waiting for the user's answer (fill empty / replace / cancel).
#[derive(Debug)]
pub struct PendingImport {
    /// The file name, for the history note.
    pub file: String,
    /// The alignment.
    pub plan: Plan,
    /// Segments that already have a translation the import would change.
    pub existing: usize,
    /// Project version the plan was made for; an edit in between makes it stale.
    version: u64,
    /// The document it was made for ([`super::Document::id`]): another one never gets it.
    document: u64,
}

/// A translation being aligned on a worker thread.
#[derive(Debug)]
pub struct AlignJob {
    /// The file name.
    pub file: String,
    /// When it started, on the app's clock ([`VirastApp::now`]).
    pub started: f64,
    version: u64,
    /// The document being aligned ([`super::Document::id`]).
    document: u64,
    /// Work done, in thousandths, written by the worker.
    progress: Arc<AtomicU32>,
    result: mpsc::Receiver<Plan>,
}

impl AlignJob {
    /// Share of the work done, 0.0..=1.0, as the aligner last reported it.
    pub fn progress(&self) -> f32 {
        self.progress.load(Ordering::Relaxed).min(1000) as f32 / 1000.0
    }
}

/// State of an import in the desk.
#[derive(Debug, Default)]
pub enum ImportState {
    /// Nothing going on.
    #[default]
    Idle,
    /// Aligning on a worker thread.
    Running(AlignJob),
    /// Aligned; the question is shown.
    Ready(Box<PendingImport>),
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl VirastApp {
    /// Read and align the translation at `path`; then ask how to apply it. A file that cannot
    /// be read (missing, empty, not text or Word) is reported and nothing changes.
    pub(super) fn start_import(&mut self, path: &Path) {
        match align::read::read_translation(path) {
            Ok(text) => self.align_text(file_name(path), text),
            Err(err) => {
                self.import = ImportState::Idle;
                self.dialog = None;
                self.error(err.to_string());
            }
        }
    }

    /// A new project from an article, with its English translation aligned into it: the
    /// translation is checked first, so a file that cannot be imported leaves the New project
    /// dialog open and nothing created.
    pub(super) fn new_with_translation(&mut self, article: Pending, translation: PathBuf) {
        if let Err(err) = align::read::read_translation(&translation) {
            self.error(err.to_string());
            return;
        }
        self.guard_unsaved(Pending::WithTranslation(Box::new(article), translation));
    }

    /// Align `text` to the project, at once or on a worker thread.
    fn align_text(&mut self, file: String, text: String) {
        if let Err(why) = align::check_length(&self.doc.project, &text) {
            self.import = ImportState::Idle;
            self.dialog = None;
            self.error(format!("{file}: {why}"));
            return;
        }
        let version = self.doc.version;
        let document = self.doc.id();
        if self.doc.project.segments.len() <= SYNC_LIMIT && text.len() <= SYNC_BYTES {
            let plan = align::plan(&self.doc.project, &text, Model::Anchored);
            self.plan_ready(file, (document, version), plan);
            return;
        }
        let project = self.doc.project.clone();
        let progress = Arc::new(AtomicU32::new(0));
        let (tx, rx) = mpsc::channel();
        let shared = Arc::clone(&progress);
        std::thread::spawn(move || {
            // Thousandths; the aligner reports a rising share now and then.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let report = |share: f64| {
                shared.store((share * 1000.0).round() as u32, Ordering::Relaxed);
            };
            let options = align::Options {
                progress: Some(&report),
                ..align::Options::default()
            };
            let plan = align::plan_with(&project, &text, Model::Anchored, &options);
            // The receiver may be gone if the user cancelled; nothing to do then.
            let _ = tx.send(plan);
        });
        self.dialog = Some(Dialog::Aligning { file: file.clone() });
        self.import = ImportState::Running(AlignJob {
            file,
            started: self.now,
            version,
            document,
            progress,
            result: rx,
        });
    }

    /// Check the worker; called every frame.
    pub(super) fn poll_import(&mut self, ctx: &egui::Context) {
        let ImportState::Running(job) = &self.import else {
            return;
        };
        match job.result.try_recv() {
            Ok(plan) => {
                let file = job.file.clone();
                let made_for = (job.document, job.version);
                self.plan_ready(file, made_for, plan);
            }
            Err(mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            Err(mpsc::TryRecvError::Disconnected) => {
                self.import = ImportState::Idle;
                self.dialog = None;
                self.error("Aligning the translation failed unexpectedly.");
            }
        }
    }

    /// An alignment is done: ask how to apply it, unless it was made for a document that is no
    /// longer open (`made_for`: document id and version).
    fn plan_ready(&mut self, file: String, made_for: (u64, u64), plan: Plan) {
        let (document, version) = made_for;
        if document != self.doc.id() {
            self.import = ImportState::Idle;
            self.notice(format!(
                "The alignment of {file} was for a project that is no longer open; nothing was changed."
            ));
            return;
        }
        let existing = self
            .doc
            .project
            .segments
            .iter()
            .zip(&plan.placements)
            .filter(|(s, p)| {
                !s.target.trim().is_empty() && !p.target.is_empty() && s.target != p.target
            })
            .count();
        self.import = ImportState::Ready(Box::new(PendingImport {
            file,
            plan,
            existing,
            version,
            document,
        }));
        self.dialog = Some(Dialog::ImportQuestion);
    }

    /// Apply the pending import (`None`: cancel).
    pub(super) fn finish_import(&mut self, mode: Option<ImportMode>) {
        let state = std::mem::take(&mut self.import);
        self.dialog = None;
        let (ImportState::Ready(pending), Some(mode)) = (state, mode) else {
            self.notice("Import cancelled; nothing was changed.");
            return;
        };
        if pending.document != self.doc.id() || pending.version != self.doc.version {
            self.error("The project changed while the translation was aligned; import it again.");
            return;
        }
        let placements: Vec<(String, f64)> = pending
            .plan
            .placements
            .iter()
            .map(|p| (p.target.clone(), p.confidence))
            .collect();
        let conflicts = self.doc.project.import_conflicts(&placements, mode);
        if !conflicts.is_empty() {
            let list: Vec<String> = conflicts.iter().map(ToString::to_string).collect();
            self.error(format!(
                "Nothing was imported: the translation would change {} with an open merge conflict ({}). Settle them first (Take ours, Take theirs or Edit), then import again.",
                crate::interop::plural(conflicts.len(), "sentence"),
                list.join(", ")
            ));
            return;
        }
        let stamp = self.stamp();
        let n = self.doc.project.segments.len();
        let mut report = crate::model::ImportReport::default();
        let file = pending.file.clone();
        let label = format!("Import translation {file}");
        self.edit(&label, 0, n, None, |p| {
            report = p.import_translation(&placements, mode, &file, &stamp);
            Ok(n)
        });
        let s = &pending.plan.summary;
        self.notice(format!(
            "Imported {file}: {} filled, {} replaced, {} kept; {} sentences to check (filter “Check alignment”).",
            report.filled, report.replaced, report.kept, s.low_confidence
        ));
        self.view.filter.alignment = s.low_confidence > 0;
        self.view.current = 0;
        self.view.scroll_to_current = true;
    }

    /// The open document is being replaced (another project opened or created, an autosave
    /// recovered): an alignment running or waiting for an answer belonged to the one that goes,
    /// so it is dropped (a worker still running finds nobody listening) and said so.
    pub(super) fn drop_import_of_replaced_document(&mut self) {
        let file = match std::mem::take(&mut self.import) {
            ImportState::Idle => return,
            ImportState::Running(job) => job.file,
            ImportState::Ready(pending) => pending.file,
        };
        if matches!(
            self.dialog,
            Some(Dialog::Aligning { .. } | Dialog::ImportQuestion)
        ) {
            self.dialog = None;
        }
        self.notice(format!(
            "Import of {file} cancelled: it was for the project that was open before."
        ));
    }

    /// Pull the next row's first English sentence into the current row.
    pub(super) fn pull_sentence_up(&mut self) {
        let i = self.view.current;
        let stamp = self.stamp();
        self.edit("Pull sentence up", i, 2, None, |p| {
            p.pull_sentence_up(i, &stamp).map(|()| 2)
        });
    }

    /// Push the current row's last English sentence to the next row.
    pub(super) fn push_sentence_down(&mut self) {
        let i = self.view.current;
        let stamp = self.stamp();
        self.edit("Push sentence down", i, 2, None, |p| {
            p.push_sentence_down(i, &stamp).map(|()| 2)
        });
    }
}

/// Whether a segment belongs in the "Check alignment" filter: imported with low confidence
/// (or given no English) and not approved since.
pub fn needs_alignment_check(seg: &crate::model::Segment) -> bool {
    seg.status != crate::model::Status::Approved
        && seg
            .alignment_confidence
            .is_some_and(|c| c < crate::model::align_percent(align::LOW_CONFIDENCE))
}

/// Whether to offer "Merge with previous sentence" on segment `index`: it was imported without
/// English of its own and not approved since, the sentence before it (in the same paragraph)
/// got imported English, and that English is closer in length to both Persian sentences
/// together than to the first alone: the second sentence of a 2:1 pair, where one English
/// sentence translates two Persian ones.
pub fn offer_merge_with_previous(project: &crate::model::Project, index: usize) -> bool {
    let (Some(prev), Some(seg)) = (
        index.checked_sub(1).and_then(|i| project.segments.get(i)),
        project.segments.get(index),
    ) else {
        return false;
    };
    seg.target.trim().is_empty()
        && seg.alignment_confidence == Some(0)
        && seg.status != crate::model::Status::Approved
        && prev.alignment_confidence.is_some()
        && !prev.target.trim().is_empty()
        && !prev.ends_paragraph()
        && align::aligner::fits_both(&prev.source, &seg.source, &prev.target)
}
