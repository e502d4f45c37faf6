//! All colours of the app in one place.

use egui::{Color32, Visuals};

use crate::app::settings::ThemeChoice;
use crate::model::Status;

/// Colours that depend on the theme.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    /// Whether this is the dark palette.
    pub dark: bool,
}

impl Palette {
    /// The palette for a theme.
    pub fn new(theme: ThemeChoice) -> Self {
        Palette {
            dark: theme == ThemeChoice::Dark,
        }
    }

    /// egui visuals for the theme.
    pub fn visuals(self) -> Visuals {
        if self.dark {
            Visuals::dark()
        } else {
            Visuals::light()
        }
    }

    /// Colour of a status marker. Always paired with an icon, never colour alone.
    pub fn status(self, status: Status) -> Color32 {
        match (status, self.dark) {
            (Status::Untranslated, true) => Color32::from_gray(150),
            (Status::Untranslated, false) => Color32::from_gray(110),
            (Status::Translated, true) => Color32::from_rgb(110, 170, 255),
            (Status::Translated, false) => Color32::from_rgb(20, 90, 200),
            (Status::NeedsRevision, true) => Color32::from_rgb(255, 170, 60),
            (Status::NeedsRevision, false) => Color32::from_rgb(190, 100, 0),
            (Status::Approved, true) => Color32::from_rgb(90, 200, 110),
            (Status::Approved, false) => Color32::from_rgb(20, 140, 50),
        }
    }

    /// Background of the current row.
    pub fn current_row(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(38, 48, 66)
        } else {
            Color32::from_rgb(222, 234, 252)
        }
    }

    /// Background of every other row (zebra striping for long lists).
    pub fn stripe(self) -> Color32 {
        if self.dark {
            Color32::from_gray(32)
        } else {
            Color32::from_gray(246)
        }
    }

    /// Text inserted in a diff.
    pub fn diff_insert(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(40, 90, 50)
        } else {
            Color32::from_rgb(200, 240, 205)
        }
    }

    /// A number that differs between a memory match and the sentence.
    pub fn number_changed(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(150, 95, 10)
        } else {
            Color32::from_rgb(255, 215, 120)
        }
    }

    /// Text deleted in a diff.
    pub fn diff_delete(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(110, 45, 45)
        } else {
            Color32::from_rgb(250, 205, 205)
        }
    }

    /// Background of every match of the search (and of the word at the cursor).
    pub fn find_match(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(95, 80, 25)
        } else {
            Color32::from_rgb(255, 236, 150)
        }
    }

    /// Background of the current match of the search.
    pub fn find_current(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(175, 110, 20)
        } else {
            Color32::from_rgb(255, 180, 60)
        }
    }

    /// The ring drawn around the widget with keyboard focus.
    pub fn focus_ring(self) -> egui::Stroke {
        let color = if self.dark {
            Color32::from_rgb(120, 180, 255)
        } else {
            Color32::from_rgb(0, 95, 204)
        };
        egui::Stroke::new(2.0, color)
    }

    /// The chosen split point in the split dialog's preview.
    pub fn split_marker(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(255, 120, 90)
        } else {
            Color32::from_rgb(200, 40, 20)
        }
    }

    /// Where a click would put the split point (under the pointer in the split dialog).
    pub fn split_marker_hover(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(130, 80, 70)
        } else {
            Color32::from_rgb(235, 170, 160)
        }
    }

    /// Error messages.
    pub fn error(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(255, 120, 110)
        } else {
            Color32::from_rgb(180, 30, 20)
        }
    }

    /// Warnings (QA findings).
    pub fn warning(self) -> Color32 {
        self.status(Status::NeedsRevision)
    }

    /// Underline of a misspelt word in the English field.
    pub fn misspelt(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(255, 95, 95)
        } else {
            Color32::from_rgb(210, 30, 30)
        }
    }

    /// A sentence with an open merge conflict (its marker in the table and the side panel).
    /// Always paired with the text "conflict", never colour alone.
    pub fn conflict(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(235, 120, 235)
        } else {
            Color32::from_rgb(150, 30, 150)
        }
    }

    /// Secondary text (timestamps, counts).
    pub fn weak(self) -> Color32 {
        if self.dark {
            Color32::from_gray(140)
        } else {
            Color32::from_gray(100)
        }
    }
}

/// Icon of a status marker.
pub fn status_icon(status: Status) -> &'static str {
    match status {
        Status::Untranslated => "○",
        Status::Translated => "✏",
        Status::NeedsRevision => "⚠",
        Status::Approved => "✔",
    }
}
