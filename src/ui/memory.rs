//! The Memory tab of the side panel: the best matches of the current sentence (score,
//! origin, a word diff of the Persian laid out right to left, differing numbers marked, the
//! English), concordance search (Ctrl+K), and the list of memory sources.

use egui::{RichText, Widget as _};

use crate::app::memory::{MAX_MATCHES, ShownMatch};
use crate::app::{Action, Command, VirastApp};
use crate::memory::{Change, Unit};
use crate::rtl::PersianText;
use crate::ui::theme::Palette;
use crate::ui::{app_text, user_text, user_text_small};

/// Draw the Memory tab.
pub fn memory_ui(app: &mut VirastApp, ui: &mut egui::Ui) {
    let palette = Palette::new(app.settings.theme);
    status_ui(app, ui, palette);
    ui.horizontal(|ui| {
        ui.label("Show matches from");
        let mut min = app.settings.memory_min;
        if ui
            .add(egui::DragValue::new(&mut min).range(1..=100).suffix("%"))
            .on_hover_text("The lowest score shown (default 70%)")
            .changed()
        {
            app.settings.memory_min = min;
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("memory-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            matches_ui(app, ui, palette);
            ui.separator();
            concordance_ui(app, ui, palette);
            ui.separator();
            sources_ui(app, ui, palette);
        });
}

fn status_ui(app: &mut VirastApp, ui: &mut egui::Ui, palette: Palette) {
    if let Some(job) = &app.memory.job {
        ui.horizontal(|ui| {
            ui.label("Loading the memory…");
            ui.add(egui::ProgressBar::new(job.progress()).show_percentage());
        });
    }
    match &app.memory.memory {
        Some(m) => {
            ui.label(
                RichText::new(format!(
                    "{} pairs from {} file(s)",
                    m.len(),
                    app.memory.files
                ))
                .color(palette.weak()),
            );
        }
        None if app.memory.job.is_none() => {
            ui.label(
                RichText::new("No memory loaded: add a TMX file, a project or a folder below.")
                    .color(palette.weak()),
            );
        }
        None => {}
    }
}

/// "2026-11-20 · sara · context" of a unit.
fn origin_line(unit: &Unit) -> String {
    let mut parts: Vec<&str> = vec![&unit.origin.file];
    if let Some(d) = &unit.origin.date {
        parts.push(d);
    }
    if let Some(b) = &unit.origin.by {
        parts.push(b);
    }
    parts.join(" · ")
}

fn matches_ui(app: &mut VirastApp, ui: &mut egui::Ui, palette: Palette) {
    let index = app.view.current;
    let matches: Vec<ShownMatch> = app.memory_matches().to_vec();
    ui.strong(format!("Matches for sentence {}", index + 1));
    let Some(memory) = app.memory.memory.clone() else {
        return;
    };
    if matches.is_empty() {
        ui.label(
            RichText::new(format!("No match of {}% or more.", app.settings.memory_min))
                .color(palette.weak()),
        );
    }
    let size = app.settings.persian_size * 0.9;
    for (k, shown) in matches.iter().enumerate().take(MAX_MATCHES) {
        let Some(unit) = memory.unit(shown.found.unit) else {
            continue;
        };
        let n = k + 1;
        ui.group(|ui| {
            ui.horizontal_wrapped(|ui| {
                let score = shown.found.score;
                let color = if score == 100 {
                    palette.status(crate::model::Status::Approved)
                } else {
                    palette.status(crate::model::Status::NeedsRevision)
                };
                ui.label(RichText::new(format!("{score}%")).strong().color(color));
                let cmd = Command::insert_match(n);
                let shortcut = cmd.map(|c| c.shortcut_text(ui.ctx())).unwrap_or_default();
                if ui
                    .button(format!("Insert match {n}"))
                    .on_hover_text(format!(
                        "Put this English in place of the sentence's translation ({shortcut}; one undo step)"
                    ))
                    .clicked()
                    && let Some(cmd) = cmd
                {
                    app.act(Action::Command(cmd));
                }
                ui.label(RichText::new(shortcut).small().color(palette.weak()));
            });
            user_text_small(ui, &origin_line(unit))
                .color(palette.weak())
                .ui(ui);
            for c in &unit.origin.context {
                user_text_small(ui, c).color(palette.weak()).italics(true).ui(ui);
            }
            let highlights: Vec<(std::ops::Range<usize>, egui::Color32)> = shown
                .diff
                .pieces
                .iter()
                .filter_map(|p| {
                    let color = match (p.change, p.number) {
                        (Change::Same, _) => return None,
                        (Change::Removed, _) => palette.diff_delete(),
                        // This sentence's own figure: the one the English must say.
                        (Change::Added, true) => palette.number_changed(),
                        (Change::Added, false) => palette.diff_insert(),
                    };
                    Some((p.range.clone(), color))
                })
                .collect();
            ui.add(
                PersianText::new(&shown.diff.text)
                    .size(size)
                    .highlights(&highlights),
            );
            if shown.diff.numbers_differ() {
                let list: Vec<String> = shown
                    .diff
                    .numbers
                    .iter()
                    .map(|(a, b)| format!("{} in the memory, {} here", or_none(a), or_none(b)))
                    .collect();
                app_text(ui, &format!("⚠ Numbers differ: {}", list.join(", ")))
                    .color(palette.warning())
                    .ui(ui);
            }
            user_text(ui, &unit.en).ui(ui);
        });
    }
    if !matches.is_empty() {
        ui.label(
            RichText::new(
                "Red: only in the memory · green: only in this sentence · orange: this sentence's figure, which the English must say",
            )
                .small()
                .color(palette.weak()),
        );
    }
}

fn or_none(s: &str) -> &str {
    if s.is_empty() { "(none)" } else { s }
}

fn concordance_ui(app: &mut VirastApp, ui: &mut egui::Ui, palette: Palette) {
    let shortcut = Command::Concordance.shortcut_text(ui.ctx());
    ui.strong(format!("Concordance ({shortcut})"));
    let mut search = false;
    ui.horizontal(|ui| {
        let label = ui.label("Find in memory:");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut app.memory.concordance_query)
                    .desired_width(ui.available_width() - 70.0),
            )
            .labelled_by(label.id);
        if app.memory.focus_concordance {
            field.request_focus();
            app.memory.focus_concordance = false;
        }
        search |= field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        search |= ui.button("Search").clicked();
    });
    crate::ui::rtl_preview(ui, &app.memory.concordance_query.clone(), "Reads as:");
    if search && !app.memory.concordance_query.trim().is_empty() {
        app.act(Action::SearchMemory(app.memory.concordance_query.clone()));
    }
    let Some((phrase, hits)) = app.memory.concordance.clone() else {
        return;
    };
    let Some(memory) = app.memory.memory.clone() else {
        return;
    };
    app_text(
        ui,
        &format!(
            "{} pair(s) hold “{phrase}”{}",
            hits.len(),
            if hits.len() >= crate::app::memory::MAX_CONCORDANCE {
                " (the first ones)"
            } else {
                ""
            }
        ),
    )
    .ui(ui);
    let size = app.settings.persian_size * 0.9;
    let color = palette.find_match();
    for hit in &hits {
        let Some(unit) = memory.unit(hit.unit) else {
            continue;
        };
        ui.group(|ui| {
            let fa: Vec<_> = hit.fa.iter().map(|r| (r.clone(), color)).collect();
            let en: Vec<_> = hit.en.iter().map(|r| (r.clone(), color)).collect();
            ui.add(PersianText::new(&unit.fa).size(size).highlights(&fa));
            user_text(ui, &unit.en).highlights(&en).ui(ui);
            user_text_small(ui, &origin_line(unit))
                .color(palette.weak())
                .ui(ui);
        });
    }
}

fn sources_ui(app: &mut VirastApp, ui: &mut egui::Ui, palette: Palette) {
    ui.strong("Memory sources");
    ui.label(
        RichText::new(
            "TMX files, Virast projects (their approved pairs) and folders of both, read with subfolders. Kept in your settings.",
        )
        .small()
        .color(palette.weak()),
    );
    for path in app.settings.memory_sources.clone() {
        ui.horizontal(|ui| {
            if ui.small_button("Remove").clicked() {
                app.act(Action::RemoveMemorySource(path.clone()));
            }
            user_text(ui, &path.display().to_string())
                .wrap(false)
                .ui(ui);
        });
    }
    for path in &app.memory.session_sources {
        user_text(ui, &format!("{} (command line)", path.display()))
            .wrap(false)
            .ui(ui);
    }
    ui.horizontal(|ui| {
        let label = ui.label("Add:");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut app.memory.source_draft)
                    .hint_text("path of a TMX file, project or folder")
                    .desired_width(ui.available_width() - 50.0),
            )
            .labelled_by(label.id);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Add").clicked() || enter) && !app.memory.source_draft.trim().is_empty() {
            let path = std::path::PathBuf::from(app.memory.source_draft.trim());
            app.act(Action::AddMemorySource(path));
        }
    });
    ui.horizontal(|ui| {
        if ui
            .add_enabled(app.memory.job.is_none(), egui::Button::new("Reload"))
            .on_hover_text("Read the sources again (and this project's approved sentences)")
            .clicked()
        {
            app.act(Action::ReloadMemory);
        }
    });
    for notice in &app.memory.notices {
        app_text(ui, notice).color(palette.warning()).ui(ui);
    }
}
