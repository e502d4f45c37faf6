//! Importing an English translation in the desk, and the keyboard moves that fix a
//! misalignment. No drawing here (see `ui::align_dialog`): the dialog pushes actions, these
//! methods apply them through [`VirastApp::edit`], so each is one undo step.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use super::{Dialog, VirastApp};
use crate::align::{self, Model, Plan};
use crate::model::ImportMode;

/// Projects up to this many sentences are aligned at once; larger ones on a worker thread,
/// with a progress dialog.
const SYNC_LIMIT: usize = 2_000;

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
}

/// A translation being aligned on a worker thread.
#[derive(Debug)]
pub struct AlignJob {
    /// The file name.
    pub file: String,
    /// When it started.
    pub started: Instant,
    version: u64,
    result: mpsc::Receiver<Result<Plan, String>>,
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

/// Read and align (worker side).
fn read_and_plan(path: &Path, project: &crate::model::Project) -> Result<Plan, String> {
    let text = align::read::read_translation(path).map_err(|e| e.to_string())?;
    Ok(align::plan(project, &text, Model::Anchored))
}

impl VirastApp {
    /// Read and align the translation at `path`; then ask how to apply it.
    pub(super) fn start_import(&mut self, path: PathBuf) {
        let file = file_name(&path);
        let version = self.doc.version;
        if self.doc.project.segments.len() <= SYNC_LIMIT {
            let result = read_and_plan(&path, &self.doc.project);
            self.plan_ready(file, version, result);
            return;
        }
        let project = self.doc.project.clone();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            // The receiver may be gone if the user cancelled; nothing to do then.
            let _ = tx.send(read_and_plan(&path, &project));
        });
        self.dialog = Some(Dialog::Aligning { file: file.clone() });
        self.import = ImportState::Running(AlignJob {
            file,
            started: Instant::now(),
            version,
            result: rx,
        });
    }

    /// Check the worker; called every frame.
    pub(super) fn poll_import(&mut self, ctx: &egui::Context) {
        let ImportState::Running(job) = &self.import else {
            return;
        };
        match job.result.try_recv() {
            Ok(result) => {
                let file = job.file.clone();
                let version = job.version;
                self.plan_ready(file, version, result);
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

    fn plan_ready(&mut self, file: String, version: u64, result: Result<Plan, String>) {
        match result {
            Ok(plan) => {
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
                }));
                self.dialog = Some(Dialog::ImportQuestion);
            }
            Err(message) => {
                self.import = ImportState::Idle;
                self.dialog = None;
                self.error(message);
            }
        }
    }

    /// Apply the pending import (`None`: cancel).
    pub(super) fn finish_import(&mut self, mode: Option<ImportMode>) {
        let state = std::mem::take(&mut self.import);
        self.dialog = None;
        let (ImportState::Ready(pending), Some(mode)) = (state, mode) else {
            self.notice("Import cancelled; nothing was changed.");
            return;
        };
        if pending.version != self.doc.version {
            self.error("The project changed while the translation was aligned; import it again.");
            return;
        }
        let placements: Vec<(String, f64)> = pending
            .plan
            .placements
            .iter()
            .map(|p| (p.target.clone(), p.confidence))
            .collect();
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
