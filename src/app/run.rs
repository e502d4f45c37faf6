//! Starting the GUI: window options, fonts, settings, and the first document.

use std::path::PathBuf;

use super::{Document, Settings, VirastApp};

/// Start the desktop app on `path` (a project, or an article to import), or on the embedded
/// sample when `path` is `None`. `user` overrides the name from the settings.
pub fn run(path: Option<PathBuf>, user: Option<String>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Virast")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Virast",
        options,
        Box::new(move |cc| {
            crate::fonts::install(&cc.egui_ctx);
            let mut settings: Settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                .unwrap_or_default();
            if let Some(user) = user {
                settings.user = user;
            }
            Ok(Box::new(VirastApp::start(path, settings)))
        }),
    )
    .map_err(|err| anyhow::anyhow!("could not start the window: {err}"))
}

impl VirastApp {
    /// The app as it starts: `path` opened (or imported), else the sample. A file that cannot
    /// be opened leaves the sample on screen with the error in the status bar.
    pub fn start(path: Option<PathBuf>, settings: Settings) -> Self {
        let mut app = VirastApp::with_document(Document::sample(), settings);
        if let Some(path) = path {
            let action = if super::document::looks_like_project(&path) {
                super::Action::OpenPath(path)
            } else {
                super::Action::ImportPath(path)
            };
            app.act(action);
            app.apply_pending_now();
        }
        app.view.focus_current = true;
        app
    }

    /// Apply queued actions that need no egui context (start-up, tests).
    fn apply_pending_now(&mut self) {
        let ctx = egui::Context::default();
        self.apply_actions(&ctx);
    }
}
