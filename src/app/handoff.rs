//! The hand-off flows of the desk: Export in any format (English text, Persian source, XLIFF
//! 2.0 and 1.2, TMX, the HTML review report) and File > Import XLIFF. No drawing here (see
//! `ui::handoff_dialogs`): the dialogs push actions, these methods apply them. Exports are
//! written only through `store::write_export`; an import changes the project only through
//! [`VirastApp::edit`], so it is one undo step with dirty tracking.

use std::path::{Path, PathBuf};

use super::files::same_file;
use super::{Dialog, VirastApp, document};
use crate::interop::import_xliff::{self, ImportError, Problem, Summary};
use crate::interop::{ExportOptions, Format};

/// An export the user asked for: what, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    /// The file to write.
    pub path: PathBuf,
    /// Format and options.
    pub options: ExportOptions,
}

/// What became of an Import XLIFF attempt, shown in its dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum XliffOutcome {
    /// Nothing was changed.
    Refused {
        /// The file name.
        file: String,
        /// Why, in one sentence.
        reason: String,
        /// The units that need attention, each with its id (empty when the whole file was
        /// refused, e.g. not XLIFF).
        problems: Vec<Problem>,
    },
    /// The import was applied.
    Imported {
        /// The file name.
        file: String,
        /// What changed.
        summary: Summary,
    },
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl VirastApp {
    /// Open the Export dialog with the last format used and a path beside the project.
    pub(super) fn open_export_dialog(&mut self) {
        let options = self.view.export_options;
        let base = self.doc.path().map_or_else(
            || "translation.en.txt".to_owned(),
            |p| document::export_path_for(p).display().to_string(),
        );
        self.dialog = Some(Dialog::Export {
            path: options.format.adjust_path(&base),
            options,
            error: None,
        });
    }

    /// Open the Import XLIFF dialog, offering the last XLIFF exported in this session.
    pub(super) fn open_import_xliff_dialog(&mut self) {
        self.dialog = Some(Dialog::ImportXliff {
            path: self
                .view
                .last_xliff
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            outcome: None,
        });
    }

    /// Export as `request` says. Never over the open project or any Virast file; asks before
    /// replacing another existing file unless `replace` says the user already confirmed.
    pub(super) fn export_to(&mut self, request: &ExportRequest, replace: bool) {
        let path = request.path.as_path();
        let format = request.options.format;
        // The dialog opens next time with what the user chose, exported or not.
        self.view.export_options = request.options;
        if self.doc.path().is_some_and(|p| same_file(p, path)) {
            self.export_failed(
                request,
                format!(
                    "{} is the open project file; an export never writes over it (choose another name, e.g. ending .{})",
                    path.display(),
                    format.extension()
                ),
            );
            return;
        }
        let bytes = match request.options.render(&self.doc.project) {
            Ok(bytes) => bytes,
            Err(err) => {
                self.export_failed(
                    request,
                    format!("Could not export {}: {err}", format.label()),
                );
                return;
            }
        };
        match crate::store::write_export(path, &bytes, replace) {
            Ok(()) => {
                self.dialog = None;
                if matches!(format, Format::Xliff | Format::Xliff12) {
                    self.view.last_xliff = Some(path.to_path_buf());
                }
                let what = match format {
                    Format::Text => "the English text".to_owned(),
                    Format::Source => "the Persian source".to_owned(),
                    Format::Html => "the review report".to_owned(),
                    other => other.label().to_owned(),
                };
                let count = request
                    .options
                    .count(&self.doc.project)
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default();
                self.notice(format!("Exported {what}{count} to {}", path.display()));
            }
            Err(crate::store::StoreError::Exists { .. }) => {
                self.dialog = Some(Dialog::ReplaceExport {
                    request: request.clone(),
                });
            }
            Err(err) => self.export_failed(request, format!("Could not export: {err:#}")),
        }
    }

    /// Report a refused or failed export in the status line and in the Export dialog, which
    /// (re)opens on the request so the user can choose another name.
    fn export_failed(&mut self, request: &ExportRequest, message: String) {
        self.error(message.clone());
        self.dialog = Some(Dialog::Export {
            path: request.path.display().to_string(),
            options: request.options,
            error: Some(message),
        });
    }

    /// Read the XLIFF file at `path`, check it against the project and apply it as one undo
    /// step. All or nothing: a file that cannot be read, or any unit refused, changes nothing
    /// and the dialog lists why. Only what the file changed since the export is applied; units
    /// changed here too are listed in the summary with both versions, not applied.
    pub(super) fn import_xliff(&mut self, path: &Path) {
        let file = file_name(path);
        let refuse = |app: &mut Self, reason: String, problems: Vec<Problem>| {
            app.error(format!("Nothing was imported from {file}: {reason}"));
            app.set_xliff_outcome(
                path,
                XliffOutcome::Refused {
                    file: file.clone(),
                    reason,
                    problems,
                },
            );
        };
        let bytes = match import_xliff::read_file(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                refuse(
                    self,
                    format!("cannot read {}: {err}", path.display()),
                    vec![],
                );
                return;
            }
        };
        let plan = match import_xliff::plan_file(&self.doc.project, &bytes) {
            Ok(plan) => plan,
            Err(ImportError::Problems(problems)) => {
                let reason = format!(
                    "{} need attention (the file must come from this project, in plain text)",
                    crate::interop::plural(problems.len(), "unit")
                );
                refuse(self, reason, problems);
                return;
            }
            Err(err) => {
                refuse(self, err.to_string(), vec![]);
                return;
            }
        };
        let summary = plan.summary(&self.doc.project);
        if !self.settings.role.can_review() && (summary.approvals > 0 || summary.send_backs > 0) {
            let reason = format!(
                "this file approves {} and sends back {}; only editors approve or send back (switch role in Settings)",
                crate::interop::plural(summary.approvals, "sentence"),
                crate::interop::plural(summary.send_backs, "sentence"),
            );
            refuse(self, reason, vec![]);
            return;
        }
        if let Some(range) = plan.changed_range() {
            let stamp = self.stamp();
            let (start, len) = (*range.start(), range.end() + 1 - range.start());
            self.edit(&format!("Import XLIFF {file}"), start, len, None, |p| {
                import_xliff::apply(p, &plan, &file, &stamp);
                Ok(len)
            });
            self.select(start, false);
        }
        if summary.both_changed.is_empty() {
            self.notice(format!("Imported {file}: {summary}"));
        } else {
            self.error(format!("Imported {file}: {summary}"));
        }
        self.set_xliff_outcome(path, XliffOutcome::Imported { file, summary });
    }

    fn set_xliff_outcome(&mut self, path: &Path, outcome: XliffOutcome) {
        self.dialog = Some(Dialog::ImportXliff {
            path: path.display().to_string(),
            outcome: Some(outcome),
        });
    }
}
