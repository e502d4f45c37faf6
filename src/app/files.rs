//! The file flows of the app: open, import, save, save as, export, reload, conflict, autosave
//! and recovery, and quitting. Every path that writes or deletes a file goes through
//! `crate::store`; this module decides when, and asks the user where work could be lost.

use std::path::{Path, PathBuf};

use super::document::{self, Document};
use super::{Dialog, PathPurpose, Pending, UnsavedAnswer, View, VirastApp};
use crate::store::autosave::{self, AutosaveTarget};

impl VirastApp {
    /// The app as it starts: `path` opened (or imported), else the sample; autosaves with
    /// unsaved work (beside the file, or of projects that never had one in `recovery_dir`) are
    /// offered at once. A file that cannot be opened leaves the sample on screen with the
    /// error in the status bar.
    pub fn start_with(
        path: Option<PathBuf>,
        settings: super::Settings,
        recovery_dir: Option<PathBuf>,
    ) -> Self {
        let mut app = VirastApp::with_document(Document::sample(), settings);
        app.recovery_dir = recovery_dir;
        if let Some(path) = path {
            let pending = if document::looks_like_project(&path) {
                Pending::Open(path)
            } else {
                Pending::Import(path)
            };
            app.do_pending(pending);
        }
        if let Some(dir) = app.recovery_dir.clone() {
            match autosave::unsaved_recoveries_in(&dir) {
                Ok(found) => app.recoveries.extend(found),
                Err(err) => app.error(format!("Could not look for autosaves: {err:#}")),
            }
        }
        if !app.recoveries.is_empty() {
            app.dialog = Some(Dialog::Recovery);
        }
        app.view.focus_current = true;
        app
    }

    pub(super) fn ask_path(&mut self, purpose: PathPurpose) {
        let text = match purpose {
            PathPurpose::Open => String::new(),
            PathPurpose::SaveAs => self.doc.path().map_or_else(
                || document::suggested_file_name(&self.doc.project),
                |p| p.display().to_string(),
            ),
        };
        self.dialog = Some(Dialog::Path { purpose, text });
    }

    /// Ask Save / Discard / Cancel first when there are unsaved changes.
    pub(super) fn guard_unsaved(&mut self, pending: Pending) {
        if self.doc.undo.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(pending));
        } else {
            self.do_pending(pending);
        }
    }

    pub(super) fn answer_unsaved(&mut self, ctx: &egui::Context, answer: UnsavedAnswer) {
        let Some(Dialog::Unsaved(pending)) = self.dialog.take() else {
            return;
        };
        match answer {
            UnsavedAnswer::Cancel => {}
            UnsavedAnswer::Discard => {
                // The user threw this session's changes away: its own autosave goes with them
                // (autosaves of other sessions, or the one recovered from, stay).
                self.doc.discard_own_autosave();
                self.finish_pending(ctx, pending);
            }
            UnsavedAnswer::Save => {
                if self.doc.path().is_none() {
                    self.error("This project has no file yet: choose Save as, then try again.");
                    self.ask_path(PathPurpose::SaveAs);
                } else if self.save_to(None, false) {
                    self.finish_pending(ctx, pending);
                }
            }
        }
    }

    fn finish_pending(&mut self, ctx: &egui::Context, pending: Pending) {
        if pending == Pending::Quit {
            self.close_now(ctx);
        } else {
            self.do_pending(pending);
        }
    }

    /// Quit (Ctrl+Q, File > Quit): asks first when there are unsaved changes.
    pub(super) fn quit(&mut self, ctx: &egui::Context) {
        if self.doc.undo.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(Pending::Quit));
        } else {
            self.close_now(ctx);
        }
    }

    /// The window is being closed by the system (close button, window manager). Returns
    /// whether it may close now; otherwise the unsaved-changes question is shown.
    pub fn close_requested(&mut self) -> bool {
        if self.allow_close {
            return true;
        }
        if self.doc.undo.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(Pending::Quit));
            return false;
        }
        self.shutdown();
        true
    }

    fn close_now(&mut self, ctx: &egui::Context) {
        self.shutdown();
        self.allow_close = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// Last things before the window goes: wait for an autosave being written (so no
    /// temporary file stays behind), and remove this session's own autosave when everything
    /// in it is saved. Nothing else is deleted: an autosave offered for recovery and not
    /// decided on stays for the next start.
    pub fn shutdown(&mut self) {
        if let Err(err) = self.doc.finish_autosave() {
            self.error(format!("Autosave failed: {err:#}"));
        }
        if !self.doc.undo.is_dirty() {
            self.doc.discard_own_autosave();
        }
    }

    /// Open or create the project `pending` names; whether it did.
    pub(super) fn do_pending(&mut self, pending: Pending) -> bool {
        let started = std::time::Instant::now();
        let result = match pending {
            Pending::Quit => return false,
            Pending::WithTranslation(article, translation) => {
                if !self.do_pending(*article) {
                    return false;
                }
                if self.dialog.is_some() {
                    // The recovery question came first; the user decides that, then imports.
                    self.notice(
                        "Import the translation with File > Import translation… once the autosaves are dealt with.",
                    );
                } else {
                    self.start_import(&translation);
                }
                return true;
            }
            Pending::Open(path) => Document::open(&path),
            Pending::Import(path) => Document::import_file(&path),
            Pending::ImportText(title, text) => Document::import_text(&title, &text),
        };
        match result {
            Ok(doc) => {
                if let Some(path) = doc.path() {
                    self.settings.add_recent(path.to_path_buf());
                }
                let name = doc.display_name();
                self.doc.discard_own_autosave_if_saved();
                self.drop_import_of_replaced_document();
                self.doc = doc;
                self.view = View::default();
                self.after_document_change();
                self.view.focus_current = true;
                self.notice(format!(
                    "Opened {name}: {} sentences in {:.2} s",
                    self.doc.project.segments.len(),
                    started.elapsed().as_secs_f32()
                ));
                match self.doc.recoveries(&self.settings.user) {
                    Ok(found) => {
                        self.recoveries = found;
                        self.dialog = (!self.recoveries.is_empty()).then_some(Dialog::Recovery);
                    }
                    Err(err) => {
                        self.recoveries.clear();
                        self.error(format!("Could not look for autosaves: {err:#}"));
                    }
                }
                true
            }
            Err(err) => {
                self.error(format!("{err:#}"));
                false
            }
        }
    }

    /// Reload the open file from disk, dropping unsaved changes (the user confirmed).
    pub(super) fn reload(&mut self) {
        if let Some(path) = self.doc.path().map(Path::to_path_buf) {
            self.dialog = None;
            self.do_pending(Pending::Open(path));
        }
    }

    /// Save to `path` (or the current path). Reports the result; returns success.
    pub(super) fn save_to(&mut self, path: Option<PathBuf>, overwrite: bool) -> bool {
        let started = std::time::Instant::now();
        match self.doc.save(path, overwrite) {
            Ok(path) => {
                self.settings.add_recent(path.clone());
                self.notice(format!(
                    "Saved {} in {:.2} s",
                    path.display(),
                    started.elapsed().as_secs_f32()
                ));
                true
            }
            Err(document::SaveError::Conflict {
                message,
                path,
                kind,
            }) => {
                self.error(message);
                self.dialog = Some(Dialog::Conflict {
                    path,
                    kind,
                    merge_error: None,
                });
                false
            }
            Err(document::SaveError::Other(err)) => {
                self.error(format!("{err:#}"));
                false
            }
        }
    }

    /// Take the work of autosave `n` of the recovery list.
    pub(super) fn recover(&mut self, n: usize) {
        let Some(recovery) = self.recoveries.get(n).cloned() else {
            return;
        };
        if self.doc.undo.is_dirty() {
            self.error("Save or undo the changes made here first, then recover.");
            return;
        }
        match self.doc.recover(&recovery) {
            Ok(()) => {
                self.drop_import_of_replaced_document();
                self.recoveries.remove(n);
                self.after_document_change();
                if self.recoveries.is_empty() {
                    self.dialog = None;
                }
                self.notice(if self.doc.path().is_some() {
                    "Recovered the autosaved work. Save to keep it.".to_owned()
                } else {
                    "Recovered the autosaved work as a new project: save it (Save as) to keep it."
                        .to_owned()
                });
            }
            Err(err) => self.error(format!("Could not recover: {err:#}")),
        }
    }

    /// Delete autosave `n` of the recovery list (the user chose Discard).
    pub(super) fn discard_recovery(&mut self, n: usize) {
        let Some(recovery) = self.recoveries.get(n) else {
            return;
        };
        match Document::discard_recovery(recovery) {
            Ok(()) => {
                self.recoveries.remove(n);
                if self.recoveries.is_empty() {
                    self.dialog = None;
                }
            }
            Err(err) => self.error(format!("Could not remove the autosave: {err:#}")),
        }
    }

    /// Autosave if it is due; called every frame, cheap when nothing is due.
    pub fn autosave_tick(&mut self) {
        let target = AutosaveTarget {
            user: self.settings.user.clone(),
            recovery_dir: self.recovery_dir.clone(),
        };
        if let Err(err) = self
            .doc
            .autosave_if_due(self.now, self.settings.autosave_secs, &target)
        {
            self.error(format!("Autosave failed: {err:#}"));
        }
    }
}

/// Whether two paths name the same file (the same path, or the same file through links).
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
}
