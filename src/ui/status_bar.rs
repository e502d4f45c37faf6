//! The status bar: progress, counts, file, unsaved marker, user, autosave and messages.

use egui::{ProgressBar, RichText};

use egui::Widget as _;

use crate::app::VirastApp;
use crate::model::Status;
use crate::ui::theme::{Palette, status_icon};

/// Draw the status bar.
pub fn status_bar_ui(app: &mut VirastApp, ui: &mut egui::Ui) {
    let palette = Palette::new(app.settings.theme);
    let counts = app.doc.counts();
    let words = app.doc.source_words();
    ui.horizontal(|ui| {
        let fraction = counts.approved_fraction();
        ui.add(
            ProgressBar::new(fraction)
                .desired_width(160.0)
                .text(format!("{:.0}% approved", fraction * 100.0)),
        )
        .on_hover_text(format!(
            "{} of {} sentences approved",
            counts.approved,
            counts.total()
        ));
        for status in Status::ALL {
            ui.label(
                RichText::new(format!("{} {}", status_icon(status), counts.get(status)))
                    .color(palette.status(status)),
            )
            .on_hover_text(status.label());
        }
        ui.label(RichText::new(format!("{words} source words")).color(palette.weak()));
        ui.separator();
        let dirty = app.doc.undo.is_dirty();
        let name = app.doc.display_name();
        let shown = if dirty {
            format!("• {name} (unsaved)")
        } else {
            name
        };
        crate::ui::app_text(ui, &shown)
            .wrap(false)
            .ui(ui)
            .on_hover_text(if dirty {
                "Unsaved changes (Ctrl+S saves)"
            } else {
                "All changes saved"
            });
        if let Some(when) = app.doc.last_autosave {
            ui.label(
                RichText::new(format!("autosaved {}", when.format("%H:%M:%S")))
                    .small()
                    .color(palette.weak()),
            );
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if let Some(notice) = app.last_notice() {
                let color = if notice.error {
                    palette.error()
                } else {
                    palette.weak()
                };
                crate::ui::app_text(ui, &notice.text)
                    .wrap(false)
                    .color(color)
                    .ui(ui);
            }
        });
    });
}
