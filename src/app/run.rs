//! Starting the GUI: window options, fonts, settings, and the first document.

use std::path::PathBuf;

use super::{Settings, VirastApp};

/// Start the desktop app on `path` (a project, or an article to import), or on the embedded
/// sample when `path` is `None`. `user` overrides the name from the settings; `tm` adds
/// translation memory sources for this session.
pub fn run(path: Option<PathBuf>, user: Option<String>, tm: Vec<PathBuf>) -> anyhow::Result<()> {
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
            let mut app = VirastApp::start(path, settings);
            app.memory.session_sources = tm;
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| anyhow::anyhow!("could not start the window: {err}"))
}

impl VirastApp {
    /// The app as it starts, with autosaves of unsaved projects in the per-user recovery
    /// folder ([`crate::store::autosave::recovery_dir`]); see [`VirastApp::start_with`].
    pub fn start(path: Option<PathBuf>, settings: Settings) -> Self {
        Self::start_with(path, settings, crate::store::autosave::recovery_dir())
    }
}
