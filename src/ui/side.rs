//! Side panel for the current sentence: actions, comment thread, QA findings and history with
//! a word-level diff.

use egui::{RichText, ScrollArea, TextFormat, Widget as _, text::LayoutJob};
use similar::{ChangeTag, TextDiff};

use crate::app::{Action, Command, SideTab, VirastApp};
use crate::model::{Segment, Status};
use crate::ui::theme::{Palette, status_icon};
use crate::ui::{app_text, command_button, user_text};

/// Draw the side panel.
pub fn side_ui(app: &mut VirastApp, ui: &mut egui::Ui) {
    let first = ui.horizontal(|ui| {
        let first = ui.selectable_value(&mut app.view.side_tab, SideTab::Sentence, "Sentence");
        ui.selectable_value(&mut app.view.side_tab, SideTab::ProjectQa, "QA findings");
        ui.selectable_value(&mut app.view.side_tab, SideTab::Memory, "Memory");
        first.id
    });
    // Tab from the current sentence's English field comes here (see `table::row_ui`).
    app.view.side_first_control = Some(first.inner);
    ui.separator();
    match app.view.side_tab {
        SideTab::Sentence => sentence_ui(app, ui),
        SideTab::ProjectQa => project_qa_ui(app, ui),
        SideTab::Memory => super::memory::memory_ui(app, ui),
    }
}

/// All QA findings of the project that are not ignored; a click jumps to the sentence.
fn project_qa_ui(app: &mut VirastApp, ui: &mut egui::Ui) {
    let palette = Palette::new(app.settings.theme);
    let n = app.doc.project.segments.len();
    // Checks run once per segment and stay cached until that segment changes. A first run
    // over a large project is spread over frames (a few milliseconds each) so the window
    // never stalls; the list fills in as it goes.
    let mut rows: Vec<(usize, String, bool)> = Vec::new();
    let mut checked = 0;
    for i in 0..n {
        let Some(findings) = app.qa.findings_in_frame(&app.doc.project, i, app.now) else {
            continue;
        };
        checked += 1;
        for f in findings {
            if !f.ignored {
                let error = f.finding.severity == crate::qa::Severity::Error;
                rows.push((i, f.finding.message.clone(), error));
            }
        }
    }
    if checked < n {
        ui.label(format!("Checking… {checked} of {n} sentences"));
        ui.ctx().request_repaint();
    } else {
        // Project-level checks (one name spelled two ways), once every sentence is checked.
        for i in 0..n {
            for f in app.qa.project_findings(&app.doc.project, i) {
                if !f.ignored {
                    let error = f.finding.severity == crate::qa::Severity::Error;
                    rows.push((i, f.finding.message.clone(), error));
                }
            }
        }
        rows.sort_by_key(|r| r.0);
    }
    ui.label(format!("{} open findings", rows.len()));
    // Vazirmatn rows are taller than egui's font: room for either.
    let row_height = (ui.text_style_height(&egui::TextStyle::Body) + 4.0).max(26.0);
    ScrollArea::vertical()
        .id_salt("project-qa")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for (i, message, error) in &rows[range] {
                let color = if *error {
                    palette.error()
                } else {
                    palette.warning()
                };
                let line = format!("{}: {message}", i + 1);
                let background = ui.painter().add(egui::Shape::Noop);
                let response = app_text(ui, &line)
                    .wrap(false)
                    .color(color)
                    .sense(egui::Sense::click())
                    .ui(ui)
                    .on_hover_ui(|ui| {
                        app_text(ui, message).ui(ui);
                    });
                let visuals = ui.visuals();
                let fill = if *i == app.view.current {
                    Some(visuals.selection.bg_fill)
                } else if response.hovered() {
                    Some(visuals.widgets.hovered.weak_bg_fill)
                } else {
                    None
                };
                if let Some(fill) = fill {
                    ui.painter().set(
                        background,
                        egui::Shape::rect_filled(response.rect.expand(1.0), 2.0, fill),
                    );
                }
                let clicked = response.clicked();
                if clicked {
                    app.act(Action::Select(*i));
                    app.view.focus_current = true;
                }
            }
        });
}

fn sentence_ui(app: &mut VirastApp, ui: &mut egui::Ui) {
    let index = app.view.current;
    let Some(seg) = app.doc.project.segments.get(index).cloned() else {
        ui.label("No sentence selected.");
        return;
    };
    let palette = Palette::new(app.settings.theme);
    let editor = app.settings.role.can_review();
    ScrollArea::vertical()
        .id_salt("side-scroll")
        .show(ui, |ui| {
            ui.heading(format!("Sentence {}", index + 1));
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    status_icon(seg.status),
                    seg.status.label()
                ))
                .color(palette.status(seg.status))
                .strong(),
            );
            if let Some(conflict) = &seg.conflict {
                super::conflict::side_ui(app, ui, index, conflict);
            }
            ui.horizontal_wrapped(|ui| {
                command_button(
                    app,
                    ui,
                    Command::ApproveAndNext,
                    editor && seg.status != Status::Approved,
                );
                command_button(app, ui, Command::ConfirmAndNext, true);
                command_button(app, ui, Command::SendBack, editor);
            });
            if !editor {
                ui.label(
                    RichText::new("Approving and sending back are for editors (Settings).")
                        .small()
                        .color(palette.weak()),
                );
            }
            ui.separator();
            comments_ui(app, ui, index, &seg, palette);
            ui.separator();
            qa_ui(app, ui, index, palette);
            ui.separator();
            history_ui(app, ui, &seg, palette);
        });
}

fn comments_ui(
    app: &mut VirastApp,
    ui: &mut egui::Ui,
    index: usize,
    seg: &Segment,
    palette: Palette,
) {
    ui.strong(format!("Comments ({} open)", seg.open_comments()));
    if seg.comments.is_empty() {
        ui.label(RichText::new("No comments.").color(palette.weak()));
    }
    for c in &seg.comments {
        ui.group(|ui| {
            ui.horizontal(|ui| {
                user_text(ui, &c.author).strong(true).wrap(false).ui(ui);
                ui.label(
                    RichText::new(
                        c.time
                            .with_timezone(&chrono::Local)
                            .format("%Y-%m-%d %H:%M")
                            .to_string(),
                    )
                    .small()
                    .color(palette.weak()),
                );
            });
            let text = user_text(ui, &c.text).strikethrough(c.resolved);
            if c.resolved {
                text.color(palette.weak()).ui(ui);
            } else {
                text.ui(ui);
            }
            let mut resolved = c.resolved;
            if ui
                .checkbox(&mut resolved, "Resolved")
                .on_hover_text("Mark this comment resolved or open it again")
                .changed()
            {
                app.act(Action::ResolveComment(index, c.id, resolved));
            }
        });
    }
    let label = ui.label("New comment:");
    ui.add(
        egui::TextEdit::multiline(&mut app.view.comment_draft)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    crate::ui::rtl_preview(ui, &app.view.comment_draft.clone(), "Reads as:");
    if ui
        .add_enabled(
            !app.view.comment_draft.trim().is_empty(),
            egui::Button::new("Post comment"),
        )
        .clicked()
    {
        app.act(Action::AddComment(index, app.view.comment_draft.clone()));
    }
}

fn qa_ui(app: &mut VirastApp, ui: &mut egui::Ui, index: usize, palette: Palette) {
    let findings = app.qa.findings(&app.doc.project, index).to_vec();
    ui.strong(format!(
        "QA checks ({} open)",
        findings.iter().filter(|f| !f.ignored).count()
    ));
    if findings.is_empty() {
        ui.label(RichText::new("No findings.").color(palette.weak()));
    }
    for f in findings {
        // The button first, so the message (which may quote Persian) wraps in the rest.
        ui.horizontal_top(|ui| {
            if f.ignored {
                if ui.small_button("Restore").clicked() {
                    app.act(Action::SetQaIgnored(index, f.finding.key.clone(), false));
                }
                app_text(ui, &f.finding.message)
                    .strikethrough(true)
                    .color(palette.weak())
                    .ui(ui);
            } else {
                // Only editors may wave an error through; the app enforces it too.
                let allowed = app.settings.role.can_review()
                    || f.finding.severity != crate::qa::Severity::Error;
                if ui
                    .add_enabled(allowed, egui::Button::new("Ignore").small())
                    .on_hover_text("Ignore this finding for this sentence (saved in the project)")
                    .on_disabled_hover_text("Only editors ignore an error")
                    .clicked()
                {
                    app.act(Action::SetQaIgnored(index, f.finding.key.clone(), true));
                }
                app_text(ui, &format!("⚠ {}", f.finding.message))
                    .color(palette.warning())
                    .ui(ui);
            }
        });
        // A one-click fix for characters the exports cannot carry.
        if !f.ignored && f.finding.kind == crate::qa::CheckKind::ExportCharacter {
            ui.horizontal(|ui| {
                for with in [
                    crate::qa::Replacement::Space,
                    crate::qa::Replacement::LineBreak,
                ] {
                    if ui
                        .small_button(with.label())
                        .on_hover_text("Replace every such character in this translation")
                        .clicked()
                    {
                        app.act(Action::ReplaceExportCharacters(index, with));
                    }
                }
            });
        }
    }
}

fn history_ui(app: &mut VirastApp, ui: &mut egui::Ui, seg: &Segment, palette: Palette) {
    ui.strong(format!("History ({} changes)", seg.history.len()));
    // The diff compares a chosen earlier text with the current one; by default the text as it
    // was last approved, which is what an editor re-reviewing wants to see.
    let approved = seg.last_approved_target();
    let (base_label, base) = match app.view.diff_from.and_then(|k| seg.history.get(k)) {
        Some(rev) => (
            format!(
                "Changes since {} {} ({})",
                rev.author,
                rev.action.label(),
                rev.time.with_timezone(&chrono::Local).format("%H:%M")
            ),
            Some(rev.target_after.as_str()),
        ),
        None => ("Changes since last approved".to_owned(), approved),
    };
    if let Some(base) = base {
        ui.label(RichText::new(&base_label).small().strong());
        if base == seg.target {
            ui.label(RichText::new("No changes.").color(palette.weak()));
        } else {
            ui.label(diff_job(base, &seg.target, palette, ui.style()));
        }
        if app.view.diff_from.is_some() && ui.small_button("Back to: since last approved").clicked()
        {
            app.view.diff_from = None;
        }
    }
    for (k, rev) in seg.history.iter().enumerate().rev() {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(
                    rev.time
                        .with_timezone(&chrono::Local)
                        .format("%m-%d %H:%M")
                        .to_string(),
                )
                .small()
                .color(palette.weak()),
            );
            user_text(ui, &rev.author).strong(true).wrap(false).ui(ui);
            ui.label(rev.action.label());
            if rev.status_before != rev.status_after {
                ui.label(
                    RichText::new(format!(
                        "{} › {}",
                        rev.status_before.label(),
                        rev.status_after.label()
                    ))
                    .color(palette.status(rev.status_after)),
                );
            }
            if rev.target_after != seg.target
                && ui
                    .small_button("Diff")
                    .on_hover_text("Show what changed from this version to the current text")
                    .clicked()
            {
                app.view.diff_from = Some(k);
            }
        });
        if let (Some(before), Some(after)) = (&rev.source_before, &rev.source_after) {
            // A corrected source: both versions, laid out as Persian.
            let size = app.settings.persian_size * 0.85;
            ui.label(
                RichText::new("Source before:")
                    .small()
                    .color(palette.weak()),
            );
            ui.add(
                crate::rtl::PersianText::new(before)
                    .size(size)
                    .color(palette.weak()),
            );
            ui.label(RichText::new("Source after:").small().color(palette.weak()));
            ui.add(crate::rtl::PersianText::new(after).size(size));
        }
        if !rev.note.is_empty() {
            user_text(ui, &rev.note).italics(true).ui(ui);
        }
    }
}

/// A layout job showing a word-level diff from `old` to `new`.
pub fn diff_job(old: &str, new: &str, palette: Palette, style: &egui::Style) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(style);
    let color = style.visuals.text_color();
    let mut job = LayoutJob::default();
    job.wrap.max_width = f32::INFINITY;
    for change in TextDiff::from_words(old, new).iter_all_changes() {
        let mut format = TextFormat::simple(font.clone(), color);
        match change.tag() {
            ChangeTag::Equal => {}
            ChangeTag::Insert => {
                format.background = palette.diff_insert();
                format.underline = egui::Stroke::new(1.0, color);
            }
            ChangeTag::Delete => {
                format.background = palette.diff_delete();
                format.strikethrough = egui::Stroke::new(1.0, color);
            }
        }
        job.append(change.value(), 0.0, format);
    }
    job
}

/// The words inserted and deleted between two texts (for tests and the history list).
pub fn diff_words(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let mut inserted = Vec::new();
    let mut deleted = Vec::new();
    for change in TextDiff::from_words(old, new).iter_all_changes() {
        let word = change.value().trim();
        if word.is_empty() {
            continue;
        }
        match change.tag() {
            ChangeTag::Insert => inserted.push(word.to_owned()),
            ChangeTag::Delete => deleted.push(word.to_owned()),
            ChangeTag::Equal => {}
        }
    }
    (inserted, deleted)
}
