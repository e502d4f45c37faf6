//! Helpers shared by the desk tests: a harness around the real app, and the gestures a user
//! makes (typing into a sentence, entering a path, closing the window).

// Each test file uses a different subset.
#![allow(dead_code)]

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use virast::app::settings::Role;
use virast::app::{Document, Settings, VirastApp};

/// Ctrl+Shift (Cmd+Shift on macOS).
pub const SHIFT_CMD: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

/// Settings for `user` in `role`.
pub fn settings(user: &str, role: Role) -> Settings {
    Settings {
        user: user.into(),
        role,
        ..Settings::default()
    }
}

/// Mina, an editor.
pub fn editor_settings() -> Settings {
    settings("Mina", Role::Editor)
}

/// The desk showing `app`, after its first frame.
pub fn desk(app: VirastApp) -> Harness<'static, VirastApp> {
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| {
            virast::fonts::install(&cc.egui_ctx);
            app
        });
    h.run();
    h
}

/// The desk showing `doc` with `settings`.
pub fn harness_with(doc: Document, settings: Settings) -> Harness<'static, VirastApp> {
    desk(VirastApp::with_document(doc, settings))
}

/// Accessible label of sentence `n`'s English field (from 1).
pub fn english_field(n: usize) -> String {
    format!("English translation of sentence {n}")
}

/// Click into sentence `n`'s English field and type `text` at the end.
pub fn type_into(h: &mut Harness<'static, VirastApp>, n: usize, text: &str) {
    edit_field(h, n, Key::End, text);
}

/// Click into sentence `n`'s English field, select all and type `text` in its place.
pub fn replace_into(h: &mut Harness<'static, VirastApp>, n: usize, text: &str) {
    edit_field(h, n, Key::A, text);
}

/// Click into sentence `n`'s English field, press Cmd+`key`, type `text`.
fn edit_field(h: &mut Harness<'static, VirastApp>, n: usize, key: Key, text: &str) {
    h.get_by_label(&english_field(n)).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, key);
    h.run();
    h.get_by_label(&english_field(n)).type_text(text);
    h.run();
}

/// Replace the text of the path dialog's field with `path` and press Enter.
pub fn enter_path(h: &mut Harness<'static, VirastApp>, path: &Path) {
    enter_text(h, "File path:", &path.display().to_string());
}

/// Replace the text of the field labelled `label` with `text` and press Enter.
pub fn enter_text(h: &mut Harness<'static, VirastApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

/// Close the window as the window manager would.
pub fn close_window(h: &mut Harness<'static, VirastApp>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
}
