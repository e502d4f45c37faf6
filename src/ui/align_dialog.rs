//! The "Import translation" dialogs: the file to read, progress while a long article is
//! aligned, and the question of how to apply the result (fill empty only / replace all /
//! cancel), with the alignment summary. They push actions; the app applies them.

use std::path::PathBuf;

use egui::{Id, Key, Modal, RichText, Widget as _};

use crate::align::BeadKind;
use crate::app::translation::ImportState;
use crate::app::{Action, Dialog, VirastApp};
use crate::model::ImportMode;
use crate::ui::theme::Palette;

/// Draw one of the import dialogs.
pub fn align_dialog_ui(app: &mut VirastApp, ctx: &egui::Context, dialog: &Dialog) {
    match dialog {
        Dialog::ImportTranslation { path } => path_ui(app, ctx, path.clone()),
        Dialog::Aligning { file } => progress_ui(app, ctx, file),
        Dialog::ImportQuestion => question_ui(app, ctx),
        _ => {}
    }
}

fn escape(ctx: &egui::Context) -> bool {
    ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape))
}

fn path_ui(app: &mut VirastApp, ctx: &egui::Context, mut path: String) {
    let mut submit = false;
    let mut close = false;
    Modal::new(Id::unique("import-translation")).show(ctx, |ui| {
        ui.heading("Import an English translation");
        ui.label(
            "The English is cut into sentences and aligned to the Persian ones. \
             A UTF-8 text file (.txt) or a Word file (.docx).",
        );
        (submit, close) = super::dialogs::path_entry(
            ui,
            "Translation file:",
            &mut path,
            ("Import", "Cancel"),
            |_| {
                rfd::FileDialog::new()
                    .add_filter("Translation", &["txt", "docx"])
                    .pick_file()
            },
        );
    });
    if escape(ctx) || close {
        app.act(Action::CloseDialog);
        return;
    }
    if submit && !path.trim().is_empty() {
        app.act(Action::ImportTranslation(PathBuf::from(path.trim())));
    }
    if let Some(Dialog::ImportTranslation { path: p }) = &mut app.dialog {
        *p = path;
    }
}

fn progress_ui(app: &mut VirastApp, ctx: &egui::Context, file: &str) {
    let (elapsed, done) = match &app.import {
        ImportState::Running(job) => (app.now - job.started, job.progress()),
        _ => (0.0, 0.0),
    };
    Modal::new(Id::unique("aligning")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading("Aligning the translation…");
        crate::ui::user_text(ui, file).ui(ui);
        ui.label(format!(
            "{} Persian sentences; {elapsed:.1} s so far.",
            app.doc.project.segments.len()
        ));
        let percent = format!("{:.0}%", done * 100.0);
        ui.add(
            egui::ProgressBar::new(done)
                .desired_width(440.0)
                .text(percent)
                .animate(true),
        );
        ui.label(
            RichText::new("When it is done you choose how to apply it; applied, it is one step Ctrl+Z undoes.")
                .small(),
        );
        if ui.button("Cancel").clicked() {
            app.act(Action::FinishImport(None));
        }
    });
}

fn question_ui(app: &mut VirastApp, ctx: &egui::Context) {
    let ImportState::Ready(pending) = &app.import else {
        app.act(Action::CloseDialog);
        return;
    };
    let s = &pending.plan.summary;
    let palette = Palette::new(app.settings.theme);
    let unrelated = pending.plan.looks_unrelated();
    let existing = pending.existing;
    let mut answer: Option<Option<ImportMode>> = None;
    Modal::new(Id::unique("import-question")).show(ctx, |ui| {
        ui.set_max_width(620.0);
        ui.heading("Import translation");
        crate::ui::user_text(ui, &pending.file).ui(ui);
        ui.label(format!(
            "{} Persian sentences, {} English sentences.",
            s.persian_sentences, s.english_sentences
        ));
        let beads: Vec<String> = BeadKind::ALL
            .iter()
            .map(|k| format!("{} {}", k.label(), s.beads.get(*k)))
            .collect();
        ui.label(format!("Pairs: {}", beads.join(", ")));
        ui.label(format!(
            "{} sentences to check (low confidence or no English); {:.0}% placed with good confidence.",
            s.low_confidence,
            s.overall_confidence * 100.0
        ));
        if !s.unplaced_english.is_empty() {
            ui.label(format!(
                "{} English sentences matched no Persian sentence and will not be imported:",
                s.unplaced_english.len()
            ));
            egui::ScrollArea::vertical().max_height(120.0).show(ui, |ui| {
                for e in &s.unplaced_english {
                    crate::ui::user_text(ui, e).ui(ui);
                }
            });
        }
        if unrelated {
            ui.label(
                RichText::new(
                    "This does not look like a translation of this article: most sentences \
                     found no English that fits. Import anyway?",
                )
                .color(palette.error())
                .strong(),
            );
        }
        ui.separator();
        if existing > 0 {
            ui.label(format!(
                "{existing} sentences already have a different translation."
            ));
        }
        ui.horizontal(|ui| {
            let fill = if existing > 0 { "Fill empty only" } else { "Import" };
            if ui
                .button(fill)
                .on_hover_text("Fill sentences without a translation; keep the others")
                .clicked()
            {
                answer = Some(Some(ImportMode::FillEmpty));
            }
            if existing > 0
                && ui
                    .button("Replace all")
                    .on_hover_text(
                        "Replace existing translations too (approvals of replaced sentences are withdrawn)",
                    )
                    .clicked()
            {
                answer = Some(Some(ImportMode::ReplaceAll));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(None);
            }
        });
    });
    if escape(ctx) {
        answer = Some(None);
    }
    if let Some(mode) = answer {
        app.act(Action::FinishImport(mode));
    }
}
