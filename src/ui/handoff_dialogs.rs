//! The Export dialog (format picker, the options of each format, the file path) and the
//! Import XLIFF dialog (the file, then the refusal list or a summary). They push actions; the
//! app applies them (`app::handoff`). Paths are always typed in the window; Browse… is an extra,
//! since the system file dialog may not be available.

use std::path::PathBuf;

use egui::{Id, Modal, RichText, Widget as _};

use super::dialogs::{escape_pressed, path_entry};
use super::theme::Palette;
use crate::app::{Action, Dialog, ExportRequest, VirastApp, XliffOutcome};
use crate::export::Untranslated;
use crate::interop::import_xliff::{BothChanged, Problem};
use crate::interop::tmx::TmxScope;
use crate::interop::{ExportOptions, Format};
use crate::model::Status;
use crate::ui::{app_text, user_text};

/// Problems listed at most in the Import XLIFF dialog (the status line has the count).
const MAX_PROBLEMS_SHOWN: usize = 200;

/// Draw the Export or Import XLIFF dialog.
pub fn handoff_dialog_ui(app: &mut VirastApp, ctx: &egui::Context, dialog: &Dialog) {
    match dialog {
        Dialog::Export {
            path,
            options,
            error,
        } => export_ui(app, ctx, path.clone(), *options, error.as_deref()),
        Dialog::ImportXliff { path, outcome } => {
            import_xliff_ui(app, ctx, path.clone(), outcome.as_ref());
        }
        _ => {}
    }
}

/// What each format is for, under its name in the picker.
fn purpose(format: Format) -> &'static str {
    match format {
        Format::Text => "the translation as an article, paragraphs kept",
        Format::Source => "the Persian article exactly as imported",
        Format::Xliff => "for CAT tools; comes back with File > Import XLIFF…",
        Format::Xliff12 => "for CAT tools that read only XLIFF 1.2",
        Format::Tmx => "approved pairs for a translation memory",
        Format::Html => "bilingual report for any browser; prints to PDF",
    }
}

/// File types offered by the system save dialog.
fn file_filter(format: Format) -> (&'static str, &'static [&'static str]) {
    match format {
        Format::Text | Format::Source => ("Text", &["txt"]),
        Format::Xliff | Format::Xliff12 => ("XLIFF", &["xlf", "xliff"]),
        Format::Tmx => ("TMX", &["tmx"]),
        Format::Html => ("HTML", &["html"]),
    }
}

fn export_ui(
    app: &mut VirastApp,
    ctx: &egui::Context,
    mut path: String,
    mut options: ExportOptions,
    error: Option<&str>,
) {
    let palette = Palette::new(app.settings.theme);
    let (chosen, typed) = (options.format, path.clone());
    let mut submit = false;
    let mut close = false;
    // Counted once per project version (cached by the app), not every frame.
    let conflicts = app.conflict_count();
    Modal::new(Id::unique("export-dialog")).show(ctx, |ui| {
        ui.set_max_width(640.0);
        ui.heading("Export the project");
        ui.label("Format:");
        egui::Grid::new("export-formats")
            .num_columns(2)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                for format in Format::ALL {
                    ui.radio_value(&mut options.format, format, format.label());
                    ui.label(RichText::new(purpose(format)).small().color(palette.weak()));
                    ui.end_row();
                    if format == options.format && format_options_ui(ui, &mut options) {
                        ui.end_row();
                    }
                }
            });
        if let Some(count) = options.count(&app.doc.project) {
            if options.format == Format::Tmx && count.starts_with("0 ") {
                let why = if options.tmx_scope == TmxScope::Approved {
                    "No sentence is approved yet: the memory would be empty. Tick “All \
                     translated pairs” to include translated ones."
                } else {
                    "No sentence is translated yet: the memory would be empty."
                };
                ui.label(RichText::new(why).color(palette.error()));
            } else {
                ui.label(RichText::new(format!("The file will hold {count}.")).small());
            }
        }
        if conflicts > 0 {
            let (sentences, them) = if conflicts == 1 {
                ("1 sentence has".to_owned(), "it")
            } else {
                (format!("{conflicts} sentences have"), "them")
            };
            ui.label(
                RichText::new(format!(
                    "⚡ {sentences} an open merge conflict: the file will hold our version of \
                     {them}. Resolve {them} first (filter “Conflicts”) to export what was agreed."
                ))
                .color(palette.warning()),
            );
        }
        ui.separator();
        if let Some(error) = error {
            ui.label(RichText::new(error).color(palette.error()));
        }
        (submit, close) = path_entry(ui, "File path:", &mut path, ("Export", "Cancel"), |p| {
            browse_save(options.format, p)
        });
    });
    if options.format != chosen {
        path = options.format.adjust_path(&path);
    }
    if escape_pressed(ctx) || close {
        app.act(Action::CloseDialog);
        return;
    }
    if let Some(Dialog::Export {
        path: p,
        options: o,
        error: e,
    }) = &mut app.dialog
    {
        if path != typed || options != *o {
            *e = None;
        }
        p.clone_from(&path);
        *o = options;
    }
    if submit && !path.trim().is_empty() {
        app.act(Action::ExportTo(ExportRequest {
            path: PathBuf::from(path.trim()),
            options,
        }));
    }
}

/// The option of the chosen format, if it has one, as a grid row under it; returns whether it
/// drew one.
fn format_options_ui(ui: &mut egui::Ui, options: &mut ExportOptions) -> bool {
    let (mut on, label, hover) = match options.format {
        Format::Tmx => (
            options.tmx_scope == TmxScope::Translated,
            "All translated pairs, not only approved",
            "Sent-back pairs are never included",
        ),
        Format::Text => (
            options.untranslated == Untranslated::Mark,
            "Mark untranslated sentences",
            "Write [untranslated #ID: Persian] where a translation is missing",
        ),
        _ => return false,
    };
    // Under the format's description, so the format names stay one narrow column.
    ui.label("");
    ui.checkbox(&mut on, label).on_hover_text(hover);
    match options.format {
        Format::Tmx => {
            options.tmx_scope = if on {
                TmxScope::Translated
            } else {
                TmxScope::Approved
            };
        }
        _ => {
            options.untranslated = if on {
                Untranslated::Mark
            } else {
                Untranslated::Omit
            };
        }
    }
    true
}

/// The system save dialog. Where no desktop portal answers it returns `None` at once, which
/// looks like Cancel; the typed path above it is therefore always there.
fn browse_save(format: Format, current: &str) -> Option<PathBuf> {
    let current = PathBuf::from(current.trim());
    let (name, extensions) = file_filter(format);
    let mut dialog = rfd::FileDialog::new().add_filter(name, extensions);
    if let Some(dir) = current.parent().filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    if let Some(file) = current.file_name() {
        dialog = dialog.set_file_name(file.to_string_lossy());
    }
    dialog.save_file()
}

fn import_xliff_ui(
    app: &mut VirastApp,
    ctx: &egui::Context,
    mut path: String,
    outcome: Option<&XliffOutcome>,
) {
    let palette = Palette::new(app.settings.theme);
    let persian_size = app.settings.persian_size;
    let mut submit = false;
    let mut close = false;
    Modal::new(Id::unique("import-xliff-dialog")).show(ctx, |ui| {
        ui.set_max_width(680.0);
        ui.heading("Import XLIFF");
        ui.label(
            "Translations and statuses come back from an XLIFF 2.0 or 1.2 file exported from \
             this project; units are matched to sentences by id, and only what the file changed \
             since the export is applied. If any unit's Persian differs from the project's, or \
             holds inline markup, nothing is imported.",
        );
        (submit, close) = path_entry(ui, "XLIFF file:", &mut path, ("Import", "Close"), |_| {
            rfd::FileDialog::new()
                .add_filter("XLIFF", &["xlf", "xliff", "xml"])
                .pick_file()
        });
        match outcome {
            None => {}
            Some(XliffOutcome::Imported { file, summary }) => {
                ui.separator();
                ui.label(
                    RichText::new(format!("✔ Imported {file}"))
                        .strong()
                        .color(palette.status(Status::Approved)),
                );
                ui.label(summary.to_string());
                if !summary.both_changed.is_empty() {
                    both_changed_ui(ui, &summary.both_changed, palette);
                }
                if summary.changed() > 0 {
                    ui.label(
                        RichText::new(
                            "Each changed sentence's history says “imported from the file”. \
                             Undo (Ctrl+Z) takes the whole import back.",
                        )
                        .small(),
                    );
                }
            }
            Some(XliffOutcome::Refused {
                file,
                reason,
                problems,
            }) => {
                ui.separator();
                ui.label(
                    RichText::new(format!("Nothing was imported from {file}"))
                        .strong()
                        .color(palette.error()),
                );
                app_text(ui, reason).ui(ui);
                if !problems.is_empty() {
                    egui::ScrollArea::vertical()
                        .max_height(320.0)
                        .show(ui, |ui| {
                            for problem in problems.iter().take(MAX_PROBLEMS_SHOWN) {
                                problem_ui(ui, problem, persian_size);
                            }
                            if problems.len() > MAX_PROBLEMS_SHOWN {
                                ui.label(format!(
                                    "… and {} more",
                                    problems.len() - MAX_PROBLEMS_SHOWN
                                ));
                            }
                        });
                }
            }
        }
    });
    if escape_pressed(ctx) || close {
        app.act(Action::CloseDialog);
        return;
    }
    if let Some(Dialog::ImportXliff { path: p, .. }) = &mut app.dialog {
        p.clone_from(&path);
    }
    if submit && !path.trim().is_empty() {
        app.act(Action::ImportXliff(PathBuf::from(path.trim())));
    }
}

/// Units changed both in the project and in the file since the export: not imported; both
/// versions shown (user text, through our layout) so the user can settle each by hand.
fn both_changed_ui(ui: &mut egui::Ui, both: &[BothChanged], palette: Palette) {
    ui.separator();
    ui.label(
        RichText::new(format!(
            "⚠ Not imported: {} changed both here and in the file since the export",
            crate::interop::plural(both.len(), "sentence")
        ))
        .strong()
        .color(palette.warning()),
    );
    ui.label(
        RichText::new(
            "The project keeps its version of these; compare and edit them by hand if the file's is better.",
        )
        .small(),
    );
    egui::ScrollArea::vertical()
        .id_salt("both-changed")
        .max_height(320.0)
        .show(ui, |ui| {
            for b in both.iter().take(MAX_PROBLEMS_SHOWN) {
                ui.separator();
                ui.label(RichText::new(format!("Sentence {}", b.id)).strong());
                egui::Grid::new(("both-changed", b.id.0))
                    .num_columns(2)
                    .show(ui, |ui| {
                        ui.label(
                            RichText::new(format!("Here ({}):", b.project_status.label())).small(),
                        );
                        user_text(ui, &b.project_target).ui(ui);
                        ui.end_row();
                        ui.label(
                            RichText::new(format!("In the file ({}):", b.file_status.label()))
                                .small(),
                        );
                        user_text(ui, &b.file_target).ui(ui);
                        ui.end_row();
                    });
            }
            if both.len() > MAX_PROBLEMS_SHOWN {
                ui.label(format!("… and {} more", both.len() - MAX_PROBLEMS_SHOWN));
            }
        });
}

/// One refused unit. A differing source shows both Persian texts through the bidi layout.
fn problem_ui(ui: &mut egui::Ui, problem: &Problem, persian_size: f32) {
    ui.separator();
    if let Problem::SourceDiffers { id, project, file } = problem {
        app_text(
            ui,
            &format!("Unit {id}: the Persian source differs from the project's"),
        )
        .ui(ui);
        egui::Grid::new(("source-differs", id.as_str()))
            .num_columns(2)
            .show(ui, |ui| {
                ui.label(RichText::new("Project:").small());
                ui.add(crate::rtl::PersianText::new(project).size(persian_size));
                ui.end_row();
                ui.label(RichText::new("File:").small());
                ui.add(crate::rtl::PersianText::new(file).size(persian_size));
                ui.end_row();
            });
    } else {
        app_text(ui, &problem.to_string()).ui(ui);
    }
}
