//! Merge conflicts in the desk: the filters ("From their version", "Conflicts (N)"), the side
//! panel's view of a conflict (both versions side by side, the common one, Take ours / Take
//! theirs / Edit) and the dialog that writes a text of one's own from either version. Every
//! choice is an [`Action`]; the app applies it as one undo step.

use egui::{Id, Modal, RichText, Widget as _};

use crate::app::{Action, Command, ConflictChoice, Dialog, VirastApp};
use crate::model::{Conflict, Version};
use crate::ui::theme::Palette;
use crate::ui::{app_text, user_text};

/// The merge filters, shown next to the others once there is something to filter.
pub fn filter_ui(app: &mut VirastApp, ui: &mut egui::Ui) {
    if !app.view.from_theirs.is_empty() || app.view.filter.from_theirs {
        ui.checkbox(&mut app.view.filter.from_theirs, "From their version")
            .on_hover_text(
                "Sentences the last merge took from the other person's version, conflicts included (this session only)",
            );
    }
    let n = app.conflict_count();
    if n > 0 || app.view.filter.conflicts {
        ui.checkbox(&mut app.view.filter.conflicts, format!("Conflicts ({n})"))
            .on_hover_text(
                "Sentences both of you changed differently: choose a version in the side panel",
            );
    }
}

/// "both changed this sentence" as a sentence: "Both changed this sentence."
fn sentence_case(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |first| {
        format!("{}{}.", first.to_uppercase(), chars.as_str())
    })
}

/// Label on a version's column: "Ours — Mina".
fn side_label(side: &str, version: &Version) -> String {
    if version.author.is_empty() {
        side.to_owned()
    } else {
        format!("{side} — {}", version.author)
    }
}

/// One version: who, its status, its text (and its Persian source when the sides differ there).
fn version_ui(ui: &mut egui::Ui, label: &str, version: &Version, palette: Palette, size: f32) {
    app_text(ui, label).strong(true).ui(ui);
    ui.label(
        RichText::new(version.status.label())
            .small()
            .color(palette.status(version.status)),
    );
    if version.target.is_empty() {
        ui.label(RichText::new("(no translation)").color(palette.weak()));
    } else {
        user_text(ui, &version.target).ui(ui);
    }
    if let Some(source) = &version.source {
        ui.label(RichText::new("Persian:").small().color(palette.weak()));
        ui.add(crate::rtl::PersianText::new(source).size(size));
    }
}

/// The conflict of sentence `index` in the side panel.
pub fn side_ui(app: &mut VirastApp, ui: &mut egui::Ui, index: usize, conflict: &Conflict) {
    let palette = Palette::new(app.settings.theme);
    let persian_size = app.settings.persian_size * 0.85;
    let frame = egui::Frame::group(ui.style()).stroke(egui::Stroke::new(1.5, palette.conflict()));
    frame.show(ui, |ui| {
        ui.label(
            RichText::new("⚡ Merge conflict")
                .strong()
                .color(palette.conflict()),
        );
        app_text(ui, &sentence_case(conflict.kind.label())).ui(ui);
        if !conflict.note.is_empty() {
            app_text(ui, &conflict.note).color(palette.weak()).ui(ui);
        }
        ui.columns(2, |cols| {
            version_ui(
                &mut cols[0],
                &side_label("Ours", &conflict.ours),
                &conflict.ours,
                palette,
                persian_size,
            );
            version_ui(
                &mut cols[1],
                &side_label("Theirs", &conflict.theirs),
                &conflict.theirs,
                palette,
                persian_size,
            );
        });
        if let Some(base) = &conflict.base {
            ui.add_space(4.0);
            ui.label(
                RichText::new("Before either change:")
                    .small()
                    .color(palette.weak()),
            );
            if base.target.is_empty() {
                ui.label(RichText::new("(no translation)").color(palette.weak()));
            } else {
                user_text(ui, &base.target).color(palette.weak()).ui(ui);
            }
        }
        if !conflict.earlier.is_empty() {
            ui.label(
                RichText::new(format!(
                    "{} earlier unresolved version(s) are kept in the file.",
                    conflict.earlier.len()
                ))
                .small()
                .color(palette.weak()),
            );
        }
        ui.horizontal_wrapped(|ui| {
            for (cmd, choice) in [
                (Command::TakeOurs, ConflictChoice::Ours),
                (Command::TakeTheirs, ConflictChoice::Theirs),
            ] {
                let tip = format!("{} ({})", cmd.tooltip(), cmd.shortcut_text(ui.ctx()));
                if ui.button(cmd.label()).on_hover_text(tip).clicked() {
                    app.act(Action::ResolveConflict(index, choice));
                }
            }
            if ui
                .button("Edit…")
                .on_hover_text("Write the text to use, starting from either version")
                .clicked()
            {
                app.dialog = Some(Dialog::ResolveConflict {
                    index,
                    text: conflict.ours.target.clone(),
                });
            }
        });
    });
}

/// "Resolve the conflict": a text of one's own, started from ours (or theirs); "Use this text"
/// sets it and settles the conflict as one undo step.
pub fn edit_dialog(app: &mut VirastApp, ctx: &egui::Context, index: usize, mut text: String) {
    let Some(seg) = app.doc.project.segments.get(index) else {
        app.dialog = None;
        return;
    };
    let Some(conflict) = seg.conflict.clone() else {
        app.dialog = None;
        return;
    };
    let source = seg.source.clone();
    let persian_size = app.settings.persian_size;
    let mut submit = false;
    let mut close = false;
    Modal::new(Id::unique("resolve-conflict-dialog")).show(ctx, |ui| {
        ui.set_max_width(640.0);
        ui.heading(format!("Resolve the conflict in sentence {}", index + 1));
        ui.add(crate::rtl::PersianText::new(&source).size(persian_size));
        ui.horizontal(|ui| {
            for (label, version) in [
                ("Start from ours", &conflict.ours),
                ("Start from theirs", &conflict.theirs),
            ] {
                if ui.button(label).clicked() {
                    text.clone_from(&version.target);
                }
            }
        });
        let label = ui.label("Text to use:");
        ui.add(
            egui::TextEdit::multiline(&mut text)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        crate::ui::rtl_preview(ui, &text, "Reads as:");
        let (ok, cancel) = super::dialogs::ok_cancel_row(ui, "Use this text", true);
        submit = ok;
        close = cancel;
    });
    if super::dialogs::escape_pressed(ctx) || close {
        app.act(Action::CloseDialog);
        return;
    }
    if let Some(Dialog::ResolveConflict { text: t, .. }) = &mut app.dialog {
        t.clone_from(&text);
    }
    if submit {
        app.act(Action::ResolveConflict(index, ConflictChoice::Edited(text)));
    }
}
