//! Starting the GUI: window options, fonts, settings, and the first document.

use std::path::PathBuf;

use super::{Settings, VirastApp};

/// Start the desktop app on `path` (a project, or an article to import), or on the embedded
/// sample when `path` is `None`. `user` overrides the name from the settings; `tm` adds
/// translation memory sources for this session.
pub fn run(path: Option<PathBuf>, user: Option<String>, tm: Vec<PathBuf>) -> anyhow::Result<()> {
    let mut viewport = egui::ViewportBuilder::default()
        // The desktop entry's name (`virast.desktop`, StartupWMClass): Wayland's app id and
        // X11's WM_CLASS, so the desktop shows the installed icon for this window.
        .with_app_id(APP_ID)
        .with_title("Virast")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        // eframe keeps its settings under the app id unless told otherwise; the name and role
        // stay where every earlier Virast kept them (`~/.local/share/Virast/app.ron`).
        persistence_path: eframe::storage_dir(SETTINGS_NAME).map(|dir| dir.join("app.ron")),
        ..Default::default()
    };
    eframe::run_native(
        SETTINGS_NAME,
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

/// The application id: the desktop entry is `virast.desktop` (packaging/).
pub const APP_ID: &str = "virast";

/// The folder name of the settings, from before the window had [`APP_ID`].
const SETTINGS_NAME: &str = "Virast";

/// The application icon (`packaging/icons/`), embedded for the window's title bar and task
/// switcher.
pub const ICON_PNG: &[u8] = include_bytes!("../../packaging/icons/hicolor/256x256/apps/virast.png");

/// The window icon decoded from [`ICON_PNG`] (`None` only if that PNG were broken; the
/// window then has the desktop's default icon).
pub fn window_icon() -> Option<std::sync::Arc<egui::IconData>> {
    eframe::icon_data::from_png_bytes(ICON_PNG)
        .ok()
        .map(std::sync::Arc::new)
}

impl VirastApp {
    /// The app as it starts, with autosaves of unsaved projects in the per-user recovery
    /// folder ([`crate::store::autosave::recovery_dir`]); see [`VirastApp::start_with`].
    pub fn start(path: Option<PathBuf>, settings: Settings) -> Self {
        Self::start_with(path, settings, crate::store::autosave::recovery_dir())
    }
}
