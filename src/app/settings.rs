//! User settings, persisted by eframe between sessions.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// What the user does in the workflow. This is workflow clarity, not security.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// Writes translations and marks them translated.
    #[default]
    Translator,
    /// Also approves and sends back.
    Editor,
}

impl Role {
    /// Human-readable name.
    pub fn label(self) -> &'static str {
        match self {
            Role::Translator => "Translator",
            Role::Editor => "Editor",
        }
    }

    /// Whether this role may approve and send back.
    pub fn can_review(self) -> bool {
        self == Role::Editor
    }
}

/// Colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Dark background.
    #[default]
    Dark,
    /// Light background.
    Light,
}

/// Settings kept across sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The user's name, recorded in history and comments.
    pub user: String,
    /// Translator or editor.
    pub role: Role,
    /// Colour theme.
    pub theme: ThemeChoice,
    /// UI zoom factor.
    pub zoom: f32,
    /// Size of English text in points.
    pub english_size: f32,
    /// Size of Persian text in points (Persian reads best somewhat larger).
    pub persian_size: f32,
    /// Show English on the left and Persian on the right.
    pub swap_columns: bool,
    /// Show the side panel with comments and history.
    pub side_panel: bool,
    /// Recently opened project files, newest first.
    pub recent: Vec<PathBuf>,
    /// Seconds between autosaves.
    pub autosave_secs: u64,
    /// Translation memory sources: TMX files, projects and folders (docs/MEMORY.md).
    pub memory_sources: Vec<PathBuf>,
    /// The lowest memory match score the Memory tab shows, in percent.
    pub memory_min: u8,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            user: default_user(),
            role: Role::Translator,
            theme: ThemeChoice::Dark,
            zoom: 1.0,
            english_size: 15.0,
            persian_size: 18.0,
            swap_columns: false,
            side_panel: true,
            recent: Vec::new(),
            autosave_secs: 30,
            memory_sources: Vec::new(),
            memory_min: 70,
        }
    }
}

/// Number of recent files remembered.
const MAX_RECENT: usize = 10;

impl Settings {
    /// Put `path` at the top of the recent files.
    pub fn add_recent(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

/// The OS user name, or "translator" when none can be found.
pub fn default_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "translator".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_and_bounded() {
        let mut s = Settings::default();
        for i in 0..15 {
            s.add_recent(PathBuf::from(format!("/p/{i}")));
        }
        s.add_recent(PathBuf::from("/p/7"));
        assert_eq!(s.recent.len(), MAX_RECENT);
        assert_eq!(s.recent[0], PathBuf::from("/p/7"));
        assert_eq!(
            s.recent
                .iter()
                .filter(|p| p.as_path() == std::path::Path::new("/p/7"))
                .count(),
            1
        );
    }

    #[test]
    fn old_settings_files_fill_in_defaults() {
        let s: Settings = serde_json::from_str(r#"{"user":"Mina","role":"Editor"}"#).unwrap();
        assert_eq!(s.user, "Mina");
        assert_eq!(s.role, Role::Editor);
        assert!((s.persian_size - 18.0).abs() < f32::EPSILON);
    }
}
