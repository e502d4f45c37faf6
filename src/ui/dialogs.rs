//! Dialogs: paths (always typed in-app, with an optional system file dialog), new project,
//! comments, send back, split, unsaved changes, conflict, recovery, settings and shortcuts.

use std::path::PathBuf;

use egui::{Id, Key, Modal, RichText, Widget as _};

use crate::app::settings::ThemeChoice;
use crate::app::{
    Action, Command, Dialog, ExportRequest, PathPurpose, Pending, Role, UnsavedAnswer, VirastApp,
};
use crate::ui::user_text;

/// Draw the open dialog, if any.
pub fn dialogs_ui(app: &mut VirastApp, ctx: &egui::Context) {
    let Some(dialog) = app.dialog.clone() else {
        return;
    };
    match dialog {
        Dialog::Path { purpose, text } => path_dialog(app, ctx, purpose, text),
        Dialog::NewProject {
            path,
            title,
            text,
            translation,
        } => new_project_dialog(
            app,
            ctx,
            NewProjectFields {
                path,
                title,
                text,
                translation,
            },
        ),
        Dialog::Comment { index, text } => comment_dialog(app, ctx, index, text, false),
        Dialog::SendBack { index, text } => comment_dialog(app, ctx, index, text, true),
        Dialog::Split { index, pos } => split_dialog(app, ctx, index, pos),
        Dialog::CorrectSource { index, text } => correct_source_dialog(app, ctx, index, text),
        Dialog::Unsaved(_) => unsaved_dialog(app, ctx),
        Dialog::Conflict {
            path,
            kind,
            merge_error,
        } => conflict_dialog(app, ctx, &path, kind, merge_error.as_deref()),
        Dialog::ResolveConflict { index, text } => {
            super::conflict::edit_dialog(app, ctx, index, text);
        }
        Dialog::Recovery => recovery_dialog(app, ctx),
        Dialog::ReplaceExport { request } => replace_export_dialog(app, ctx, &request),
        Dialog::Export { .. } | Dialog::ImportXliff { .. } => {
            super::handoff_dialogs::handoff_dialog_ui(app, ctx, &dialog);
        }
        Dialog::Settings => settings_window(app, ctx),
        Dialog::Shortcuts => shortcuts_window(app, ctx),
        Dialog::About => about_window(app, ctx),
        Dialog::ImportTranslation { .. } | Dialog::Aligning { .. } | Dialog::ImportQuestion => {
            super::align_dialog::align_dialog_ui(app, ctx, &dialog);
        }
    }
}

/// A labelled path field (typed, so it works where no system file dialog does) with the
/// confirm button `verb`, Browse… (calls `browse` with the current text, only when clicked)
/// and `close_label`. Enter in the field confirms; an empty field takes the focus. Returns
/// (confirmed, closed).
pub(super) fn path_entry(
    ui: &mut egui::Ui,
    label: &str,
    path: &mut String,
    (verb, close_label): (&str, &str),
    browse: impl FnOnce(&str) -> Option<PathBuf>,
) -> (bool, bool) {
    let label = ui.label(label);
    let edit = ui
        .add(egui::TextEdit::singleline(path).desired_width(560.0))
        .labelled_by(label.id);
    let mut submit = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    if !edit.has_focus() && path.is_empty() {
        edit.request_focus();
    }
    let mut close = false;
    ui.horizontal(|ui| {
        submit |= ui
            .add_enabled(!path.trim().is_empty(), egui::Button::new(verb))
            .clicked();
        if ui
            .button("Browse…")
            .on_hover_text("Use the system file dialog, where the desktop offers one")
            .clicked()
            && let Some(picked) = browse(path)
        {
            *path = picked.display().to_string();
        }
        close = ui.button(close_label).clicked();
    });
    (submit, close)
}

pub(super) fn escape_pressed(ctx: &egui::Context) -> bool {
    ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape))
}

fn path_dialog(app: &mut VirastApp, ctx: &egui::Context, purpose: PathPurpose, mut text: String) {
    let (title, verb) = match purpose {
        PathPurpose::Open => ("Open project", "Open"),
        PathPurpose::SaveAs => ("Save project as", "Save"),
    };
    let mut submit = false;
    let mut close = false;
    Modal::new(Id::unique("path-dialog")).show(ctx, |ui| {
        ui.heading(title);
        (submit, close) = path_entry(ui, "File path:", &mut text, (verb, "Cancel"), |t| {
            browse(purpose, t)
        });
        if purpose == PathPurpose::Open && !app.settings.recent.is_empty() {
            ui.separator();
            ui.label("Recent:");
            for path in app.settings.recent.clone() {
                if crate::ui::user_link(ui, &path.display().to_string()).clicked() {
                    text = path.display().to_string();
                    submit = true;
                }
            }
        }
    });
    if escape_pressed(ctx) || close {
        app.act(Action::CloseDialog);
        return;
    }
    if submit && !text.trim().is_empty() {
        let path = PathBuf::from(text.trim());
        app.act(match purpose {
            PathPurpose::Open => Action::OpenPath(path),
            PathPurpose::SaveAs => Action::SaveTo(path),
        });
    }
    if let Some(Dialog::Path { text: t, .. }) = &mut app.dialog {
        *t = text;
    }
}

/// The system file dialog. Where no desktop portal answers it returns `None` at once, which
/// looks like Cancel; the typed path field above it is therefore always there.
fn browse(purpose: PathPurpose, current: &str) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new();
    if let Some(dir) = PathBuf::from(current).parent().filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    match purpose {
        PathPurpose::Open => dialog.add_filter("Virast project", &["json"]).pick_file(),
        PathPurpose::SaveAs => dialog
            .add_filter("Virast project", &["json"])
            .set_file_name("project.virast.json")
            .save_file(),
    }
}

/// What the New project dialog holds between frames.
struct NewProjectFields {
    path: String,
    title: String,
    text: String,
    translation: String,
}

/// A path field with a Browse… button (the system dialog may be missing or cancel at once,
/// so typing is always possible).
fn path_row(ui: &mut egui::Ui, label: &str, path: &mut String, filter: (&str, &[&str])) {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(egui::TextEdit::singleline(path).desired_width(400.0))
            .labelled_by(label.id);
        if ui
            .button("Browse…")
            .on_hover_text("Use the system file dialog, where the desktop offers one")
            .clicked()
            && let Some(p) = rfd::FileDialog::new()
                .add_filter(filter.0, filter.1)
                .pick_file()
        {
            *path = p.display().to_string();
        }
    });
}

fn new_project_dialog(app: &mut VirastApp, ctx: &egui::Context, mut fields: NewProjectFields) {
    let mut create = false;
    let mut close = false;
    let persian_size = app.settings.persian_size;
    let NewProjectFields {
        path,
        title,
        text,
        translation,
    } = &mut fields;
    Modal::new(Id::unique("new-project")).show(ctx, |ui| {
        ui.set_max_width(720.0);
        ui.heading("New project from a Persian article");
        let title_label = ui.label("Title:");
        ui.add(
            egui::TextEdit::singleline(title)
                .desired_width(480.0)
                .hint_text("e.g. Police counselling centres"),
        )
        .labelled_by(title_label.id);
        ui.separator();
        ui.strong("The Persian article: a UTF-8 text file");
        path_row(ui, "Article file:", path, ("Text", &["txt"]));
        ui.strong("Or paste the article");
        let paste_label = ui.label("Persian text:");
        // A pasted article is long: the field scrolls instead of pushing the dialog's buttons
        // off the window.
        egui::ScrollArea::vertical()
            .id_salt("pasted-article")
            .max_height(110.0)
            .show(ui, |ui| {
                ui.add(
                    egui::TextEdit::multiline(text)
                        .desired_rows(4)
                        .desired_width(f32::INFINITY)
                        .hint_text("Paste the Persian article here"),
                )
                .labelled_by(paste_label.id);
            });
        if path.trim().is_empty() && !text.trim().is_empty() {
            ui.label(RichText::new("Preview (as it will be shown):").small());
            egui::ScrollArea::vertical()
                .id_salt("pasted-preview")
                .max_height(150.0)
                .show(ui, |ui| {
                    ui.add(crate::rtl::PersianText::new(text.trim()).size(persian_size));
                });
        }
        ui.separator();
        ui.strong("Persian article + English translation in one step (optional)");
        ui.label(
            RichText::new(
                "A finished English translation (.txt or .docx) is cut into sentences and \
                 aligned to the Persian ones as the project is created.",
            )
            .small(),
        );
        path_row(
            ui,
            "English translation file:",
            translation,
            ("Translation", &["txt", "docx"]),
        );
        ui.separator();
        let source = if !path.trim().is_empty() {
            Some(format!("the file {}", path.trim()))
        } else if !text.trim().is_empty() {
            Some("the pasted text".to_owned())
        } else {
            None
        };
        if let Some(source) = &source {
            let mut plan = format!("Creates the project from {source}");
            if !translation.trim().is_empty() {
                plan.push_str(" and aligns the English translation into it");
            }
            plan.push('.');
            ui.label(RichText::new(plan).small());
        }
        ui.horizontal(|ui| {
            if ui
                .add_enabled(source.is_some(), egui::Button::new("Create project"))
                .clicked()
            {
                create = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if escape_pressed(ctx) || close {
        app.act(Action::CloseDialog);
        return;
    }
    let article = if !path.trim().is_empty() {
        Some(Pending::Import(PathBuf::from(path.trim())))
    } else if !text.trim().is_empty() {
        let title = if title.trim().is_empty() {
            "Untitled".to_owned()
        } else {
            title.trim().to_owned()
        };
        Some(Pending::ImportText(title, text.clone()))
    } else {
        None
    };
    let translation_path = PathBuf::from(translation.trim());
    let with_translation = !translation.trim().is_empty();
    if let Some(Dialog::NewProject {
        path: p,
        title: t,
        text: x,
        translation: e,
    }) = &mut app.dialog
    {
        *p = fields.path;
        *t = fields.title;
        *x = fields.text;
        *e = fields.translation;
    }
    let action = match (create, article) {
        (true, Some(article)) if with_translation => Some(Action::NewWithTranslation {
            article,
            translation: translation_path,
        }),
        (true, Some(Pending::Import(path))) => Some(Action::ImportPath(path)),
        (true, Some(Pending::ImportText(title, text))) => Some(Action::ImportText { title, text }),
        _ => None,
    };
    if let Some(action) = action {
        app.act(action);
    }
}

fn comment_dialog(
    app: &mut VirastApp,
    ctx: &egui::Context,
    index: usize,
    mut text: String,
    send_back: bool,
) {
    let mut submit = false;
    let mut close = false;
    let source = app
        .doc
        .project
        .segments
        .get(index)
        .map(|s| s.source.clone())
        .unwrap_or_default();
    let persian_size = app.settings.persian_size;
    Modal::new(Id::unique("comment-dialog")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(if send_back {
            format!("Send sentence {} back", index + 1)
        } else {
            format!("Comment on sentence {}", index + 1)
        });
        ui.add(crate::rtl::PersianText::new(&source).size(persian_size));
        let label = ui.label(if send_back {
            "Why does it need revision? (required)"
        } else {
            "Comment:"
        });
        let edit = ui
            .add(
                egui::TextEdit::multiline(&mut text)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        crate::ui::rtl_preview(ui, &text, "Reads as:");
        if !edit.has_focus() && text.is_empty() {
            edit.request_focus();
        }
        if edit.has_focus() && ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, Key::Enter))
        {
            submit = true;
        }
        let verb = if send_back {
            "Send back"
        } else {
            "Add comment"
        };
        let (ok, cancel) = ok_cancel_row(ui, verb, !text.trim().is_empty());
        submit |= ok;
        close |= cancel;
    });
    if escape_pressed(ctx) || close {
        app.act(Action::CloseDialog);
        return;
    }
    if let Some(Dialog::Comment { text: t, .. } | Dialog::SendBack { text: t, .. }) =
        &mut app.dialog
    {
        t.clone_from(&text);
    }
    if submit && !text.trim().is_empty() {
        app.act(if send_back {
            Action::SendBack(index, text)
        } else {
            Action::AddComment(index, text)
        });
    }
}

fn split_dialog(app: &mut VirastApp, ctx: &egui::Context, index: usize, mut pos: usize) {
    let Some(source) = app
        .doc
        .project
        .segments
        .get(index)
        .map(|s| s.source.clone())
    else {
        app.act(Action::CloseDialog);
        return;
    };
    let points = crate::segment::split_points(&source);
    let persian_size = app.settings.persian_size;
    let mut submit = false;
    let mut close = false;
    Modal::new(Id::unique("split-dialog")).show(ctx, |ui| {
        ui.set_max_width(640.0);
        ui.heading(format!("Split sentence {}", index + 1));
        if points.is_empty() {
            ui.label("This sentence has a single word and cannot be split.");
        } else {
            let mut k = points.iter().position(|&p| p >= pos).unwrap_or(0);
            let label = ui.label("Split after word:");
            ui.add(
                egui::Slider::new(&mut k, 0..=points.len() - 1)
                    .custom_formatter(|v, _| format!("{}", v as usize + 1)),
            )
            .labelled_by(label.id);
            pos = points[k];
            ui.label(RichText::new(SPLIT_PREVIEW_HINT).small());
            let palette = crate::ui::theme::Palette::new(app.settings.theme);
            let preview = crate::rtl::PersianText::new(&source)
                .size(persian_size)
                .id(Id::unique(("virast-split-preview", index)))
                .show(ui);
            let response = preview
                .response
                .clone()
                .on_hover_cursor(egui::CursorIcon::Text);
            let under_pointer = response
                .hover_pos()
                .and_then(|p| crate::segment::nearest_split_point(&source, preview.offset_at(p)));
            if response.clicked()
                && let Some(p) = under_pointer
            {
                pos = p;
            }
            if let Some(p) = under_pointer.filter(|&p| p != pos)
                && let Some(r) = split_marker(&preview, &source, p)
            {
                ui.painter()
                    .rect_filled(r, 0.0, palette.split_marker_hover());
            }
            if let Some(r) = split_marker(&preview, &source, pos) {
                ui.painter().rect_filled(r, 0.0, palette.split_marker());
            }
            ui.separator();
            ui.label(RichText::new("First part (keeps the translation):").small());
            ui.add(crate::rtl::PersianText::new(source[..pos].trim_end()).size(persian_size));
            ui.label(RichText::new("Second part (new, untranslated):").small());
            ui.add(crate::rtl::PersianText::new(&source[pos..]).size(persian_size));
        }
        let (ok, cancel) = ok_cancel_row(ui, "Split", !points.is_empty());
        submit |= ok;
        close |= cancel;
    });
    if escape_pressed(ctx) || close {
        app.act(Action::CloseDialog);
        return;
    }
    if let Some(Dialog::Split { pos: p, .. }) = &mut app.dialog {
        *p = pos;
    }
    if submit {
        app.act(Action::Split(index, pos));
    }
}

/// The hint above the split dialog's clickable preview.
pub const SPLIT_PREVIEW_HINT: &str = "Click between two words to split there:";

/// Screen rectangle of the split marker before byte `pos` of the split dialog's preview: a
/// thin bar in the middle of the space before `pos`, or (a space at the end of a row has no
/// width) at the start edge of the word after it.
fn split_marker(
    preview: &crate::rtl::PersianTextOutput,
    source: &str,
    pos: usize,
) -> Option<egui::Rect> {
    let (space, _) = source.get(..pos)?.char_indices().next_back()?;
    let (x, y) = if let Some(r) = preview.range_rects(space..pos).first() {
        (r.center().x, r.y_range())
    } else {
        let next = source.get(pos..)?.chars().next()?;
        let r = *preview.range_rects(pos..pos + next.len_utf8()).first()?;
        let x = if crate::rtl::is_rtl_char(next) {
            r.right()
        } else {
            r.left()
        };
        (x, r.y_range())
    };
    Some(egui::Rect::from_x_y_ranges(x - 1.0..=x + 1.0, y))
}

/// Label of the correct-source dialog's text field (for tests and screen readers).
pub const CORRECT_SOURCE_FIELD: &str = "Persian sentence (logical order):";

/// Why a corrected source cannot be taken as it is, in plain words.
fn source_problem(text: &str) -> Option<&'static str> {
    if text.trim().is_empty() {
        Some("The sentence cannot be empty.")
    } else if crate::segment::is_paragraph_break(text.trim()) {
        Some("A sentence cannot hold a line break: split the sentence instead.")
    } else {
        None
    }
}

fn correct_source_dialog(app: &mut VirastApp, ctx: &egui::Context, index: usize, mut text: String) {
    let Some(seg) = app.doc.project.segments.get(index) else {
        app.act(Action::CloseDialog);
        return;
    };
    let current = seg.source.clone();
    let original = seg.original_source.clone();
    let approved = seg.status == crate::model::Status::Approved;
    let persian_size = app.settings.persian_size;
    let palette = crate::ui::theme::Palette::new(app.settings.theme);
    let mut submit = false;
    let mut close = false;
    Modal::new(Id::unique("correct-source-dialog")).show(ctx, |ui| {
        ui.set_max_width(760.0);
        ui.heading(format!("Correct the source of sentence {}", index + 1));
        ui.label(
            RichText::new(
                "Fix a typo in the Persian. The field holds the text in logical (typing) order; \
                 the preview under it shows how it reads, with the word at the cursor marked. \
                 The change is recorded in the history and the imported text is kept.",
            )
            .small(),
        );
        let label = ui.label(CORRECT_SOURCE_FIELD);
        let output = egui::TextEdit::multiline(&mut text)
            .desired_rows(2)
            .desired_width(f32::INFINITY)
            .font(egui::FontId::monospace(persian_size * 0.8))
            .show(ui);
        let edit = output.response.response.clone().labelled_by(label.id);
        if ctx.memory(egui::Memory::focused).is_none() {
            edit.request_focus();
        }
        if edit.has_focus() && ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, Key::Enter))
        {
            submit = true;
        }
        // The word at the cursor, marked in the preview so the two can be matched up.
        let caret_word = output.cursor_range.map(|range| {
            let chars = range.primary.index.0;
            let byte = text
                .char_indices()
                .nth(chars)
                .map_or(text.len(), |(b, _)| b);
            (
                crate::rtl::hit::word_at(&text, byte),
                palette.find_current(),
            )
        });
        let highlights: Vec<_> = caret_word.into_iter().collect();
        ui.label(RichText::new("Reads as:").small());
        let preview = crate::rtl::PersianText::new(&text)
            .size(persian_size)
            .highlights(&highlights)
            .show(ui);
        preview.response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::accesskit::Role::Label,
                true,
                format!("Preview: {text}"),
            )
        });
        if text.trim() != current {
            ui.label(RichText::new("Now:").small().color(palette.weak()));
            ui.add(
                crate::rtl::PersianText::new(&current)
                    .size(persian_size * 0.85)
                    .color(palette.weak()),
            );
        }
        if let Some(original) = original.as_deref().filter(|o| *o != current) {
            ui.label(RichText::new("As imported:").small().color(palette.weak()));
            ui.add(
                crate::rtl::PersianText::new(original)
                    .size(persian_size * 0.85)
                    .color(palette.weak()),
            );
        }
        let problem = source_problem(&text);
        if let Some(problem) = problem {
            ui.label(RichText::new(problem).color(palette.error()));
        } else if approved && text.trim() != current {
            ui.label(
                RichText::new(
                    "This sentence is approved: the English was approved for the old text, so \
                     correcting the source withdraws the approval.",
                )
                .color(palette.warning()),
            );
        }
        let (ok, cancel) = ok_cancel_row(
            ui,
            "Correct source",
            problem.is_none() && text.trim() != current,
        );
        submit &= problem.is_none() && text.trim() != current;
        submit |= ok;
        close |= cancel;
    });
    if escape_pressed(ctx) || close {
        app.act(Action::CloseDialog);
        return;
    }
    if let Some(Dialog::CorrectSource { text: t, .. }) = &mut app.dialog {
        t.clone_from(&text);
    }
    if submit {
        app.act(Action::CorrectSource(index, text));
    }
}

fn unsaved_dialog(app: &mut VirastApp, ctx: &egui::Context) {
    let name = app.doc.display_name();
    Modal::new(Id::unique("unsaved-dialog")).show(ctx, |ui| {
        ui.heading("Save changes?");
        let question = format!("{name} has unsaved changes. Save them before going on?");
        message(ui, &question);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                app.act(Action::Unsaved(UnsavedAnswer::Save));
            }
            if ui
                .button("Discard")
                .on_hover_text("Drop the unsaved changes")
                .clicked()
            {
                app.act(Action::Unsaved(UnsavedAnswer::Discard));
            }
            if ui.button("Cancel").clicked() {
                app.act(Action::Unsaved(UnsavedAnswer::Cancel));
            }
        });
    });
    if escape_pressed(ctx) {
        app.act(Action::Unsaved(UnsavedAnswer::Cancel));
    }
}

fn conflict_dialog(
    app: &mut VirastApp,
    ctx: &egui::Context,
    path: &std::path::Path,
    kind: crate::store::ConflictKind,
    merge_error: Option<&str>,
) {
    let shown = path.display().to_string();
    // Merging needs their file to be the open one, and the version read here as the ancestor.
    let can_merge = kind == crate::store::ConflictKind::ChangedOnDisk
        && app.doc.path() == Some(path)
        && app.doc.can_merge();
    let error_color = super::theme::Palette::new(app.settings.theme).error();
    Modal::new(Id::unique("conflict-dialog")).show(ctx, |ui| {
        match kind {
            crate::store::ConflictKind::ChangedOnDisk => {
                ui.heading("The file changed on disk");
                message(
                    ui,
                    &format!(
                        "Someone else saved {shown} after you opened it. Nothing was overwritten. \
                     Merge their changes into yours sentence by sentence (where you both changed \
                     a sentence you choose; nothing is saved until you save), save your version \
                     under another name, reload theirs (dropping your unsaved changes), or \
                     overwrite their version (it is kept as {shown}.bak)."
                    ),
                );
            }
            crate::store::ConflictKind::AlreadyExists => {
                ui.heading("The file already exists");
                message(
                    ui,
                    &format!(
                        "{shown} already exists and is not the project open here. Nothing was \
                     overwritten. Choose another name, or replace it (the file that is there is \
                     kept as {shown}.bak)."
                    ),
                );
            }
        }
        if let Some(why) = merge_error {
            crate::ui::app_text(ui, why).color(error_color).ui(ui);
        }
        ui.horizontal(|ui| {
            if can_merge
                && ui
                    .button("Merge their changes")
                    .on_hover_text(
                        "Take what they changed; where you both changed a sentence, keep both versions for you to choose (one undo step)",
                    )
                    .clicked()
            {
                app.act(Action::MergeTheirs);
            }
            let other_name = match kind {
                crate::store::ConflictKind::ChangedOnDisk => "Save as…",
                crate::store::ConflictKind::AlreadyExists => "Choose another name…",
            };
            if ui.button(other_name).clicked() {
                app.act(Action::Command(Command::SaveAs));
            }
            // Reloading only makes sense for the open file itself.
            if kind == crate::store::ConflictKind::ChangedOnDisk
                && app.doc.path() == Some(path)
                && ui.button("Reload theirs").clicked()
            {
                app.act(Action::Reload);
            }
            let overwrite = match kind {
                crate::store::ConflictKind::ChangedOnDisk => "Overwrite",
                crate::store::ConflictKind::AlreadyExists => "Replace it",
            };
            if ui.button(overwrite).clicked() {
                app.act(Action::SaveOverwrite(path.to_path_buf()));
            }
            if ui.button("Cancel").clicked() {
                app.act(Action::CloseDialog);
            }
        });
    });
    if escape_pressed(ctx) {
        app.act(Action::CloseDialog);
    }
}

fn replace_export_dialog(app: &mut VirastApp, ctx: &egui::Context, request: &ExportRequest) {
    Modal::new(Id::unique("replace-export-dialog")).show(ctx, |ui| {
        ui.heading("Replace the existing file?");
        message(
            ui,
            &format!(
                "{} already exists. Replace it with the {} export?",
                request.path.display(),
                request.options.format.label()
            ),
        );
        let (replace, cancel) = ok_cancel_row(ui, "Replace", true);
        if replace {
            app.act(Action::ExportReplace(request.clone()));
        }
        if cancel {
            app.act(Action::CloseDialog);
        }
    });
    if escape_pressed(ctx) {
        app.act(Action::CloseDialog);
    }
}

/// A dialog's message, which names files or titles that may be Persian.
fn message(ui: &mut egui::Ui, text: &str) {
    crate::ui::app_text(ui, text).ui(ui);
}

fn recovery_dialog(app: &mut VirastApp, ctx: &egui::Context) {
    let persian_size = app.settings.persian_size;
    Modal::new(Id::unique("recovery-dialog")).show(ctx, |ui| {
        ui.heading("Recover unsaved work?");
        ui.label(
            "These autosaves hold changes that were never saved. Recover one, discard it, or \
             decide later (nothing is deleted until you choose).",
        );
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for (n, rec) in app.recoveries.clone().iter().enumerate() {
                    ui.separator();
                    user_text(ui, &rec.project.meta.title)
                        .size(persian_size)
                        .strong(true)
                        .ui(ui);
                    let when = rec.written.map_or_else(
                        || "an earlier session".to_owned(),
                        |t| {
                            t.with_timezone(&chrono::Local)
                                .format("%Y-%m-%d %H:%M:%S")
                                .to_string()
                        },
                    );
                    message(
                        ui,
                        &format!(
                            "Autosaved {when}{}: {} sentences, {} translated.",
                            if rec.user.is_empty() {
                                String::new()
                            } else {
                                format!(" by {}", rec.user)
                            },
                            rec.sentences(),
                            rec.translated()
                        ),
                    );
                    ui.label(
                    RichText::new(match rec.base {
                        crate::store::autosave::Base::Current
                        | crate::store::autosave::Base::Unknown => {
                            "Made on the file as it is now: recovering replaces what is shown."
                        }
                        crate::store::autosave::Base::Older => {
                            "Made on an older version of the file (it was saved since): it opens \
                             as a separate unsaved project, so the newer file is not overwritten."
                        }
                        crate::store::autosave::Base::NoFile => {
                            "A project that was never saved: it opens as an unsaved project."
                        }
                    })
                    .small(),
                );
                    let weak = ui.visuals().weak_text_color();
                    crate::ui::user_text_small(ui, &rec.path.display().to_string())
                        .color(weak)
                        .ui(ui);
                    ui.horizontal(|ui| {
                        if ui.button("Recover autosave").clicked() {
                            app.act(Action::Recover(n));
                        }
                        if ui
                            .button("Discard autosave")
                            .on_hover_text("Delete this autosave for good")
                            .clicked()
                        {
                            app.act(Action::DiscardRecovery(n));
                        }
                    });
                }
            });
        ui.separator();
        if ui
            .button("Decide later")
            .on_hover_text("Keep the autosaves; they are offered again at the next start")
            .clicked()
        {
            app.act(Action::RecoveryLater);
        }
    });
    if escape_pressed(ctx) {
        app.act(Action::RecoveryLater);
    }
}

fn settings_window(app: &mut VirastApp, ctx: &egui::Context) {
    let mut open = true;
    egui::Window::new("Settings")
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("settings-grid")
                .num_columns(2)
                .show(ui, |ui| {
                    let label = ui.label("Your name:");
                    ui.text_edit_singleline(&mut app.settings.user)
                        .labelled_by(label.id);
                    ui.end_row();
                    ui.label("Role:");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut app.settings.role, Role::Translator, "Translator")
                            .on_hover_text("Writes translations and marks them translated");
                        ui.radio_value(&mut app.settings.role, Role::Editor, "Editor")
                            .on_hover_text("Also approves and sends back");
                    });
                    ui.end_row();
                    ui.label("Theme:");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut app.settings.theme, ThemeChoice::Dark, "Dark");
                        ui.radio_value(&mut app.settings.theme, ThemeChoice::Light, "Light");
                    });
                    ui.end_row();
                    if labelled_slider(
                        ui,
                        "Persian text size:",
                        &mut app.settings.persian_size,
                        12.0..=32.0,
                    ) {
                        app.row_heights.clear();
                    }
                    ui.end_row();
                    if labelled_slider(
                        ui,
                        "English text size:",
                        &mut app.settings.english_size,
                        10.0..=28.0,
                    ) {
                        app.row_heights.clear();
                    }
                    ui.end_row();
                    let label = ui.label("Autosave every (s):");
                    ui.add(egui::Slider::new(&mut app.settings.autosave_secs, 5..=600))
                        .labelled_by(label.id);
                    ui.end_row();
                });
        });
    if app.settings.user.trim().is_empty() {
        app.settings.user = crate::app::settings::default_user();
    }
    if !open || escape_pressed(ctx) {
        app.act(Action::CloseDialog);
    }
}

/// The confirm and Cancel buttons of a dialog; returns (confirmed, cancelled).
pub(super) fn ok_cancel_row(ui: &mut egui::Ui, verb: &str, enabled: bool) -> (bool, bool) {
    ui.horizontal(|ui| {
        let ok = ui.add_enabled(enabled, egui::Button::new(verb)).clicked();
        (ok, ui.button("Cancel").clicked())
    })
    .inner
}

/// A label and a slider named by it (for screen readers and tests); returns whether it changed.
fn labelled_slider(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut f32,
    range: std::ops::RangeInclusive<f32>,
) -> bool {
    let label = ui.label(label);
    ui.add(egui::Slider::new(value, range))
        .labelled_by(label.id)
        .changed()
}

fn shortcuts_window(app: &mut VirastApp, ctx: &egui::Context) {
    let mut open = true;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts-grid")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    for cmd in Command::ALL {
                        ui.label(RichText::new(cmd.shortcut_text(ctx)).monospace());
                        ui.label(cmd.label());
                        ui.label(RichText::new(cmd.tooltip()).small());
                        ui.end_row();
                    }
                });
        });
    if !open || escape_pressed(ctx) {
        app.act(Action::CloseDialog);
    }
}

/// The credits in the About window: what Virast ships that others made, with its licence
/// (the texts are in `/usr/share/doc/virast/` when installed from the package).
pub const CREDITS: [(&str, &str); 3] = [
    (
        "Virast",
        "MIT or Apache-2.0, at your choice (LICENSE-MIT, LICENSE-APACHE)",
    ),
    (
        "Persian font: Vazirmatn by Saber Rastikerdar and the Vazirmatn Project Authors",
        "SIL Open Font License 1.1 (Vazirmatn-OFL.txt)",
    ),
    (
        "English dictionaries: en-US and en-GB Hunspell dictionaries made from SCOWL by \
         Kevin Atkinson, packaged as dictionary-en and dictionary-en-gb by Titus Wormer",
        "MIT and BSD-style licences (dictionary-en-US.LICENSE, dictionary-en-GB.LICENSE)",
    ),
];

fn about_window(app: &mut VirastApp, ctx: &egui::Context) {
    let mut open = true;
    let mut close = false;
    egui::Window::new("About Virast")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.heading(format!("Virast {}", env!("CARGO_PKG_VERSION")));
            ui.label("Editorial review of Persian-to-English news translation.");
            ui.separator();
            ui.set_max_width(520.0);
            for (what, licence) in CREDITS {
                ui.label(RichText::new(what).strong());
                ui.label(licence);
                ui.add_space(4.0);
            }
            ui.label(
                RichText::new(
                    "Licence texts: /usr/share/doc/virast/ (Debian package), \
                     share/doc/virast/ under the install prefix (tarball).",
                )
                .small(),
            );
            if ui.button("Close").clicked() {
                close = true;
            }
        });
    if !open || close || escape_pressed(ctx) {
        app.act(Action::CloseDialog);
    }
}
