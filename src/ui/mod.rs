//! Views. Functions here draw and emit [`Action`]s; they never change the project directly.

pub mod align_dialog;
pub mod conflict;
pub mod dialogs;
pub mod handoff_dialogs;
pub mod memory;
pub mod side;
pub mod spelling;
pub mod status_bar;
pub mod table;
pub mod theme;

use egui::{Panel, RichText, Widget as _};

use crate::app::{Action, Command, Dialog, VirastApp};
use crate::model::Status;
use crate::rtl::MixedText;
use theme::Palette;

/// User text that may hold Persian (names, comments, notes, QA messages, titles, paths,
/// notices) at the body size: laid out by [`crate::rtl`] with the direction of its first
/// strong character, never through a stock label.
pub fn user_text<'a>(ui: &egui::Ui, text: &'a str) -> MixedText<'a> {
    MixedText::new(text).size(egui::TextStyle::Body.resolve(ui.style()).size)
}

/// A message of our own in English that may quote user text (QA findings, notices, dialog
/// messages naming files): laid out by [`crate::rtl`] as a left-to-right paragraph, so a
/// Persian quote at its start does not turn the sentence around.
pub fn app_text<'a>(ui: &egui::Ui, text: &'a str) -> MixedText<'a> {
    user_text(ui, text).direction(crate::rtl::Direction::Ltr)
}

/// [`user_text`] at the small size.
pub fn user_text_small<'a>(ui: &egui::Ui, text: &'a str) -> MixedText<'a> {
    MixedText::new(text).size(egui::TextStyle::Small.resolve(ui.style()).size)
}

/// A clickable line of user text (a recent file, a path): highlighted on hover.
pub fn user_link(ui: &mut egui::Ui, text: &str) -> egui::Response {
    let background = ui.painter().add(egui::Shape::Noop);
    let response = user_text(ui, text)
        .wrap(false)
        .sense(egui::Sense::click())
        .ui(ui);
    if response.hovered() {
        let fill = ui.visuals().widgets.hovered.weak_bg_fill;
        ui.painter().set(
            background,
            egui::Shape::rect_filled(response.rect.expand(2.0), 2.0, fill),
        );
    }
    response.on_hover_cursor(egui::CursorIcon::PointingHand)
}

/// A preview of what a text field holds, laid out correctly, when it holds right-to-left
/// text (a stock text field shows Persian in the wrong order).
pub fn rtl_preview(ui: &mut egui::Ui, text: &str, label: &str) {
    if text.chars().any(crate::rtl::is_rtl_char) {
        let weak = ui.visuals().weak_text_color();
        ui.add(user_text_small(ui, label).color(weak));
        let preview = user_text(ui, text).ui(ui);
        preview.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::accesskit::Role::Label,
                true,
                format!("{label} {text}"),
            )
        });
    }
}

impl eframe::App for VirastApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        frame_ui(self, &ctx, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

/// One whole frame of the app: input, views, then the queued actions.
pub fn frame_ui(app: &mut VirastApp, ctx: &egui::Context, ui: &mut egui::Ui) {
    app.now = ctx.input(|i| i.time);
    let palette = Palette::new(app.settings.theme);
    ctx.set_visuals(palette.visuals());
    // Ctrl+plus/minus are our own commands (listed in the shortcuts window).
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
    if (ctx.zoom_factor() - app.settings.zoom).abs() > f32::EPSILON {
        ctx.set_zoom_factor(app.settings.zoom);
    }
    handle_window_input(app, ctx);

    app.view.side_first_control = None;
    Panel::top("menu").show(ui, |ui| menu_ui(app, ui));
    Panel::top("filters").show(ui, |ui| filter_ui(app, ui));
    Panel::bottom("status").show(ui, |ui| status_bar::status_bar_ui(app, ui));
    if app.settings.side_panel {
        Panel::right("side")
            .default_size(340.0)
            .resizable(true)
            .show(ui, |ui| side::side_ui(app, ui));
    }
    egui::CentralPanel::default().show(ui, |ui| {
        column_headers(app, ui);
        table::table_ui(app, ui);
    });
    dialogs::dialogs_ui(app, ctx);
    focus_ring(ctx, palette);

    app.apply_actions(ctx);
    app.autosave_tick();
}

/// Keyboard focus is always visible: a ring around the focused widget, above everything.
fn focus_ring(ctx: &egui::Context, palette: Palette) {
    let Some(id) = ctx.memory(egui::Memory::focused) else {
        return;
    };
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Tooltip,
        egui::Id::unique("virast-focus-ring"),
    ));
    painter
        .with_clip_rect(response.interact_rect.expand(4.0))
        .rect_stroke(
            response.rect.expand(2.0),
            3.0,
            palette.focus_ring(),
            egui::StrokeKind::Outside,
        );
}

fn handle_window_input(app: &mut VirastApp, ctx: &egui::Context) {
    // Closing with unsaved changes asks first.
    if ctx.input(|i| i.viewport().close_requested()) && !app.close_requested() {
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
    }
    // Files dropped on the window: a project opens, anything else is imported as an article.
    let dropped: Vec<_> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .collect()
    });
    if let Some(path) = dropped.into_iter().next() {
        if crate::app::document::looks_like_project(&path) {
            app.act(Action::OpenPath(path));
        } else {
            app.act(Action::ImportPath(path));
        }
    }
    // Shortcuts go to the desk only when no dialog is open (dialogs handle their own keys).
    if app.dialog.is_none()
        && let Some(cmd) = Command::consume_pressed(ctx)
    {
        app.act(Action::Command(cmd));
    }
}

/// A menu item that runs a command, showing its shortcut.
pub fn command_button(app: &mut VirastApp, ui: &mut egui::Ui, cmd: Command, enabled: bool) {
    let shortcut = cmd.shortcut_text(ui.ctx());
    let mut button = egui::Button::new(cmd.label());
    if !shortcut.is_empty() {
        button = button.shortcut_text(shortcut);
    }
    if ui
        .add_enabled(enabled, button)
        .on_hover_text(cmd.tooltip())
        .on_disabled_hover_text(cmd.tooltip())
        .clicked()
    {
        app.act(Action::Command(cmd));
        ui.close();
    }
}

fn menu_ui(app: &mut VirastApp, ui: &mut egui::Ui) {
    let editor = app.settings.role.can_review();
    let can_undo = app.doc.undo.undo_label().is_some();
    let can_redo = app.doc.undo.redo_label().is_some();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            command_button(app, ui, Command::New, true);
            command_button(app, ui, Command::Open, true);
            ui.menu_button("Open recent", |ui| {
                if app.settings.recent.is_empty() {
                    ui.label("No recent files");
                }
                for path in app.settings.recent.clone() {
                    if user_link(ui, &path.display().to_string()).clicked() {
                        app.act(Action::OpenPath(path));
                        ui.close();
                    }
                }
            });
            ui.separator();
            command_button(app, ui, Command::Save, true);
            command_button(app, ui, Command::SaveAs, true);
            command_button(app, ui, Command::Export, true);
            ui.separator();
            command_button(app, ui, Command::ImportTranslation, true);
            command_button(app, ui, Command::ImportXliff, true);
            ui.separator();
            command_button(app, ui, Command::Settings, true);
            command_button(app, ui, Command::Quit, true);
        });
        ui.menu_button("Edit", |ui| {
            let undo = app.doc.undo.undo_label().map(|l| format!("Undo: {l}"));
            command_button(app, ui, Command::Undo, can_undo);
            if let Some(label) = undo {
                ui.label(RichText::new(label).small());
            }
            command_button(app, ui, Command::Redo, can_redo);
            ui.separator();
            command_button(app, ui, Command::Find, true);
            command_button(app, ui, Command::FindNext, true);
            command_button(app, ui, Command::FindPrevious, true);
            command_button(app, ui, Command::Replace, true);
            command_button(app, ui, Command::Concordance, true);
            command_button(app, ui, Command::InsertMatch1, true);
            ui.separator();
            command_button(app, ui, Command::Split, true);
            command_button(app, ui, Command::MergeWithNext, true);
            command_button(app, ui, Command::MergeWithPrevious, true);
            command_button(app, ui, Command::CorrectSource, editor);
            command_button(app, ui, Command::PullSentenceUp, true);
            command_button(app, ui, Command::PushSentenceDown, true);
            ui.separator();
            command_button(app, ui, Command::Spelling, true);
            ui.checkbox(&mut app.spell.enabled, "Check spelling while typing");
            ui.menu_button("English variant", |ui| {
                let current = app.doc.project.meta.english_variant;
                for variant in crate::spell::Variant::ALL {
                    if ui.radio(current == variant, variant.label()).clicked() {
                        app.act(Action::SetVariant(variant));
                    }
                }
            });
        });
        ui.menu_button("Review", |ui| {
            command_button(app, ui, Command::ApproveAndNext, editor);
            command_button(app, ui, Command::ConfirmAndNext, true);
            command_button(app, ui, Command::SendBack, editor);
            command_button(app, ui, Command::Comment, true);
            ui.separator();
            command_button(app, ui, Command::Previous, true);
            command_button(app, ui, Command::Next, true);
            command_button(app, ui, Command::NextUnfinished, true);
        });
        ui.menu_button("View", |ui| {
            command_button(app, ui, Command::SwapColumns, true);
            command_button(app, ui, Command::ToggleSidePanel, true);
            command_button(app, ui, Command::ToggleTheme, true);
            ui.separator();
            command_button(app, ui, Command::ZoomIn, true);
            command_button(app, ui, Command::ZoomOut, true);
            command_button(app, ui, Command::ZoomReset, true);
        });
        ui.menu_button("Help", |ui| {
            command_button(app, ui, Command::Shortcuts, true);
            if ui.button("About Virast").clicked() {
                app.dialog = Some(Dialog::About);
                ui.close();
            }
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let who = format!("{} · {}", app.settings.user, app.settings.role.label());
            user_text_small(ui, &who)
                .wrap(false)
                .ui(ui)
                .on_hover_text("Your name and role: change them in Settings");
        });
    });
}

/// Id of the search field (for focus).
pub fn search_id() -> egui::Id {
    egui::Id::unique("virast-search")
}

fn filter_ui(app: &mut VirastApp, ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Show:");
        let current = app.view.filter.status;
        egui::ComboBox::from_id_salt("status-filter")
            .selected_text(current.map_or("All sentences", Status::label))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut app.view.filter.status, None, "All sentences");
                for status in Status::ALL {
                    ui.selectable_value(&mut app.view.filter.status, Some(status), status.label());
                }
            })
            .response
            .labelled_by(label.id);
        ui.checkbox(&mut app.view.filter.open_comments, "Open comments");
        ui.checkbox(&mut app.view.filter.qa_findings, "QA findings");
        ui.checkbox(&mut app.view.filter.alignment, "Check alignment")
            .on_hover_text("Imported sentences whose alignment is uncertain (not yet approved)");
        conflict::filter_ui(app, ui);
        ui.separator();
        let search_label = ui.label("Search:");
        let search = ui.add(
            egui::TextEdit::singleline(&mut app.view.filter.search)
                .id(search_id())
                .hint_text("Persian or English (Ctrl+F)")
                .desired_width(240.0),
        );
        let search = search.labelled_by(search_label.id);
        if app.view.focus_search {
            app.view.focus_search = false;
            search.request_focus();
        }
        // Enter in the search field goes to the next match, as in a browser.
        if search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            app.act(Action::Command(Command::FindNext));
            search.request_focus();
        }
        if !app.view.filter.search.is_empty() {
            let summary = app.find_matches().summary();
            ui.label(RichText::new(summary).strong())
                .on_hover_text("Matches in both columns of the sentences shown");
            for (cmd, text) in [
                (Command::FindPrevious, "Previous"),
                (Command::FindNext, "Next"),
            ] {
                let tip = format!("{} ({})", cmd.tooltip(), cmd.shortcut_text(ui.ctx()));
                if ui.small_button(text).on_hover_text(tip).clicked() {
                    app.act(Action::Command(cmd));
                }
            }
            if ui.button("✖").on_hover_text("Clear search").clicked() {
                app.view.filter.search.clear();
            }
        }
        let shown = app.visible_rows().len();
        let total = app.doc.project.segments.len();
        if shown != total {
            ui.label(RichText::new(format!("{shown} of {total} sentences shown")).small());
        }
        if app.view.qa_pending {
            ui.label(RichText::new("checking QA…").small());
            ui.ctx().request_repaint();
        }
    });
    if app.view.replace_open {
        ui.horizontal(|ui| {
            let find_label = ui.label("Find in English:");
            ui.add(egui::TextEdit::singleline(&mut app.view.replace_find).desired_width(200.0))
                .labelled_by(find_label.id);
            let with_label = ui.label("Replace with:");
            ui.add(egui::TextEdit::singleline(&mut app.view.replace_with).desired_width(200.0))
                .labelled_by(with_label.id);
            if ui
                .button("Replace all")
                .on_hover_text(
                    "Replace in the English text of every sentence shown (one undo step)",
                )
                .clicked()
            {
                app.act(Action::ReplaceAll {
                    find: app.view.replace_find.clone(),
                    replace: app.view.replace_with.clone(),
                });
            }
            if ui.button("Close").clicked() {
                app.view.replace_open = false;
            }
        });
    }
}

fn column_headers(app: &VirastApp, ui: &mut egui::Ui) {
    let (left, right) = if app.settings.swap_columns {
        ("English translation", "Persian original")
    } else {
        ("Persian original", "English translation")
    };
    ui.horizontal(|ui| {
        let w = ui.available_width();
        ui.add_space(64.0);
        let half = ((w - 64.0 - 16.0) / 2.0).max(80.0);
        ui.add_sized(
            [half, 18.0],
            egui::Label::new(RichText::new(left).small().strong()),
        );
        ui.add_space(16.0);
        ui.add_sized(
            [half, 18.0],
            egui::Label::new(RichText::new(right).small().strong()),
        );
    });
    ui.separator();
}
