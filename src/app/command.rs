//! Every user action, with its label, shortcut and tooltip in one place. Menus, buttons, key
//! handling and the shortcuts window all read this enum, so they never disagree.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A user action that the app applies at the end of the frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    /// Approve the current sentence and go to the next one not approved.
    ApproveAndNext,
    /// Mark the current sentence translated and go to the next one not done.
    ConfirmAndNext,
    /// Ask for a comment and send the current sentence back to the translator.
    SendBack,
    /// Add a comment to the current sentence.
    Comment,
    /// Go to the previous sentence.
    Previous,
    /// Go to the next sentence.
    Next,
    /// Go to the next untranslated or sent-back sentence.
    NextUnfinished,
    /// Split the current sentence at the position chosen in the split dialog.
    Split,
    /// Merge the current sentence with the next one.
    MergeWithNext,
    /// Undo the last project change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Focus the search field.
    Find,
    /// Open the find-and-replace bar.
    Replace,
    /// Start a new project from a Persian article.
    New,
    /// Open a project file.
    Open,
    /// Save the project.
    Save,
    /// Save the project under a new name.
    SaveAs,
    /// Export the project: English text, Persian source, XLIFF 2.0/1.2, TMX or the review
    /// report.
    Export,
    /// Bring targets and statuses back from an XLIFF file.
    ImportXliff,
    /// Larger text.
    ZoomIn,
    /// Smaller text.
    ZoomOut,
    /// Reset the zoom.
    ZoomReset,
    /// Switch between dark and light theme.
    ToggleTheme,
    /// Swap the Persian and English columns.
    SwapColumns,
    /// Show or hide the side panel with comments and history.
    ToggleSidePanel,
    /// Show the settings window.
    Settings,
    /// Show the keyboard shortcuts window.
    Shortcuts,
    /// Close the window (asks about unsaved changes).
    Quit,
    /// Import an English translation aligned to the Persian sentences.
    ImportTranslation,
    /// Move the first English sentence of the next row into the current row.
    PullSentenceUp,
    /// Move the last English sentence of the current row to the next row.
    PushSentenceDown,
    /// Merge the current sentence into the one before (when one English sentence translates
    /// both, as a 2:1 pair of an import).
    MergeWithPrevious,
    /// Correct the Persian source of the current sentence (editors).
    CorrectSource,
    /// Go to the next match of the search.
    FindNext,
    /// Go to the previous match of the search.
    FindPrevious,
    /// Spelling suggestions for the misspelt word at the caret.
    Spelling,
    /// Settle the current sentence's merge conflict with our version.
    TakeOurs,
    /// Settle the current sentence's merge conflict with their version.
    TakeTheirs,
    /// Put memory match 1 in place of the current sentence's English.
    InsertMatch1,
    /// Put memory match 2 in place of the current sentence's English.
    InsertMatch2,
    /// Put memory match 3 in place of the current sentence's English.
    InsertMatch3,
    /// Put memory match 4 in place of the current sentence's English.
    InsertMatch4,
    /// Put memory match 5 in place of the current sentence's English.
    InsertMatch5,
    /// Search the translation memory for a phrase (the Memory tab's concordance).
    Concordance,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

impl Command {
    /// All commands, in the order the shortcuts window lists them.
    pub const ALL: [Command; 44] = [
        Command::ApproveAndNext,
        Command::ConfirmAndNext,
        Command::SendBack,
        Command::Comment,
        Command::Previous,
        Command::Next,
        Command::NextUnfinished,
        Command::Split,
        Command::MergeWithNext,
        Command::Undo,
        Command::Redo,
        Command::Find,
        Command::Replace,
        Command::New,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::Export,
        Command::ImportXliff,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomReset,
        Command::ToggleTheme,
        Command::SwapColumns,
        Command::ToggleSidePanel,
        Command::Settings,
        Command::Shortcuts,
        Command::Quit,
        Command::ImportTranslation,
        Command::PullSentenceUp,
        Command::PushSentenceDown,
        Command::MergeWithPrevious,
        Command::CorrectSource,
        Command::FindNext,
        Command::FindPrevious,
        Command::Spelling,
        Command::TakeOurs,
        Command::TakeTheirs,
        Command::InsertMatch1,
        Command::InsertMatch2,
        Command::InsertMatch3,
        Command::InsertMatch4,
        Command::InsertMatch5,
        Command::Concordance,
    ];

    /// The command inserting memory match `n` (1 to 5).
    pub fn insert_match(n: usize) -> Option<Command> {
        [
            Command::InsertMatch1,
            Command::InsertMatch2,
            Command::InsertMatch3,
            Command::InsertMatch4,
            Command::InsertMatch5,
        ]
        .get(n.checked_sub(1)?)
        .copied()
    }

    /// Which memory match (1 to 5) the command inserts, if it is one of those.
    pub fn match_number(self) -> Option<usize> {
        (1..=5).find(|&n| Command::insert_match(n) == Some(self))
    }

    /// Short label for menus and buttons.
    pub fn label(self) -> &'static str {
        match self {
            Command::ApproveAndNext => "Approve and next",
            Command::ConfirmAndNext => "Mark translated and next",
            Command::SendBack => "Send back…",
            Command::Comment => "Add comment…",
            Command::Previous => "Previous sentence",
            Command::Next => "Next sentence",
            Command::NextUnfinished => "Next unfinished sentence",
            Command::Split => "Split sentence…",
            Command::MergeWithNext => "Merge with next",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::Find => "Find…",
            Command::Replace => "Find and replace…",
            Command::CorrectSource => "Correct source…",
            Command::FindNext => "Find next",
            Command::FindPrevious => "Find previous",
            Command::New => "New project…",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::Export => "Export…",
            Command::ImportXliff => "Import XLIFF…",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomReset => "Reset zoom",
            Command::ToggleTheme => "Dark / light theme",
            Command::SwapColumns => "Swap Persian and English columns",
            Command::ToggleSidePanel => "Comments and history panel",
            Command::Settings => "Settings…",
            Command::Shortcuts => "Keyboard shortcuts",
            Command::Quit => "Quit",
            Command::ImportTranslation => "Import translation…",
            Command::PullSentenceUp => "Pull next sentence up",
            Command::PushSentenceDown => "Push last sentence down",
            Command::MergeWithPrevious => "Merge with previous sentence",
            Command::Spelling => "Spelling suggestions",
            Command::TakeOurs => "Take ours",
            Command::TakeTheirs => "Take theirs",
            Command::InsertMatch1 => "Insert memory match 1",
            Command::InsertMatch2 => "Insert memory match 2",
            Command::InsertMatch3 => "Insert memory match 3",
            Command::InsertMatch4 => "Insert memory match 4",
            Command::InsertMatch5 => "Insert memory match 5",
            Command::Concordance => "Search the memory…",
        }
    }

    /// One sentence explaining the command (tooltips and the shortcuts window).
    pub fn tooltip(self) -> &'static str {
        match self {
            Command::ApproveAndNext => {
                "Editor: approve the current sentence and go to the next sentence that is not approved"
            }
            Command::ConfirmAndNext => {
                "Mark the current translation as done (waiting for review) and go to the next unfinished sentence"
            }
            Command::SendBack => "Editor: send the sentence back to the translator with a comment",
            Command::Comment => "Add a comment to the current sentence",
            Command::Previous => "Go to the previous sentence",
            Command::Next => "Go to the next sentence",
            Command::NextUnfinished => "Go to the next untranslated or sent-back sentence",
            Command::Split => {
                "Split the current Persian sentence in two; the translation stays on the first part"
            }
            Command::MergeWithNext => {
                "Merge the current sentence with the next one, joining the translations"
            }
            Command::Undo => {
                "Undo the last change to the project (typing, status, comments, split, merge, replace, project dictionary, English variant)"
            }
            Command::Redo => "Redo the last undone change",
            Command::Find => "Search Persian and English text (Persian spelling variants match)",
            Command::FindNext => "Go to the next match of the search and show it",
            Command::FindPrevious => "Go to the previous match of the search and show it",
            Command::CorrectSource => {
                "Editor: fix a typo in the Persian sentence (recorded in the history; the imported text is kept)"
            }
            Command::Replace => "Find and replace in the English translation",
            Command::New => "Start a new project from a Persian article file or pasted text",
            Command::Open => "Open a Virast project file",
            Command::Save => "Save the project",
            Command::SaveAs => "Save the project to a new file",
            Command::Export => {
                "Export the English text, the Persian source, XLIFF 2.0 or 1.2 for CAT tools, TMX for a translation memory, or the HTML review report"
            }
            Command::ImportXliff => {
                "Bring translations and statuses back from an XLIFF file exported from this project (one undo step)"
            }
            Command::ZoomIn => "Make all text larger",
            Command::ZoomOut => "Make all text smaller",
            Command::ZoomReset => "Back to the normal text size",
            Command::ToggleTheme => "Switch between the dark and the light theme",
            Command::SwapColumns => "Show English on the left and Persian on the right, or back",
            Command::ToggleSidePanel => "Show or hide comments and history of the current sentence",
            Command::Settings => "Your name, role, text sizes and theme",
            Command::Shortcuts => "List all keyboard shortcuts",
            Command::Quit => "Close Virast (asks about unsaved changes)",
            Command::ImportTranslation => {
                "Fill the English column from a translation (.txt or .docx), aligned sentence by sentence"
            }
            Command::PullSentenceUp => {
                "Alignment fix: move the first English sentence of the next row to the end of this row"
            }
            Command::PushSentenceDown => {
                "Alignment fix: move the last English sentence of this row to the start of the next row"
            }
            Command::MergeWithPrevious => {
                "Alignment fix: join this Persian sentence to the one before, when one English sentence translates both"
            }
            Command::Spelling => {
                "Corrections for the misspelt word at the caret, or add it to the project dictionary"
            }
            Command::TakeOurs => {
                "Merge conflict: keep this version's translation of the sentence (theirs stays in the history)"
            }
            Command::TakeTheirs => {
                "Merge conflict: take the other person's translation of the sentence (ours stays in the history)"
            }
            Command::InsertMatch1
            | Command::InsertMatch2
            | Command::InsertMatch3
            | Command::InsertMatch4
            | Command::InsertMatch5 => {
                "Put that translation-memory match (Memory tab) in place of the sentence's English, as one undo step"
            }
            Command::Concordance => {
                "Concordance: find a Persian or English phrase in the translation memory"
            }
        }
    }

    /// The keyboard shortcut, if the command has one.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let (mods, key) = match self {
            Command::ApproveAndNext => (CTRL, Key::Enter),
            Command::ConfirmAndNext => (CTRL_SHIFT, Key::Enter),
            Command::SendBack => (CTRL_SHIFT, Key::B),
            Command::Comment => (CTRL, Key::M),
            Command::Previous => (CTRL, Key::ArrowUp),
            Command::Next => (CTRL, Key::ArrowDown),
            Command::NextUnfinished => (CTRL, Key::U),
            Command::Split => (CTRL_SHIFT, Key::T),
            Command::MergeWithNext => (CTRL_SHIFT, Key::J),
            Command::Undo => (CTRL, Key::Z),
            Command::Redo => (CTRL_SHIFT, Key::Z),
            Command::Find => (CTRL, Key::F),
            Command::Replace => (CTRL, Key::H),
            Command::New => (CTRL, Key::N),
            Command::Open => (CTRL, Key::O),
            Command::Save => (CTRL, Key::S),
            Command::SaveAs => (CTRL_SHIFT, Key::S),
            Command::Export => (CTRL, Key::E),
            Command::ZoomIn => (CTRL, Key::Plus),
            Command::ZoomOut => (CTRL, Key::Minus),
            Command::ZoomReset => (CTRL, Key::Num0),
            Command::ToggleSidePanel => (CTRL_SHIFT, Key::H),
            Command::Settings => (CTRL, Key::Comma),
            Command::Shortcuts => (Modifiers::NONE, Key::F1),
            Command::CorrectSource => (Modifiers::NONE, Key::F2),
            Command::FindNext => (Modifiers::NONE, Key::F3),
            Command::FindPrevious => (Modifiers::SHIFT, Key::F3),
            Command::Quit => (CTRL, Key::Q),
            Command::PullSentenceUp => (Modifiers::ALT, Key::ArrowUp),
            Command::PushSentenceDown => (Modifiers::ALT, Key::ArrowDown),
            Command::Spelling => (CTRL, Key::Period),
            Command::TakeOurs => (Modifiers::ALT, Key::O),
            Command::TakeTheirs => (Modifiers::ALT, Key::T),
            Command::InsertMatch1 => (CTRL, Key::Num1),
            Command::InsertMatch2 => (CTRL, Key::Num2),
            Command::InsertMatch3 => (CTRL, Key::Num3),
            Command::InsertMatch4 => (CTRL, Key::Num4),
            Command::InsertMatch5 => (CTRL, Key::Num5),
            Command::Concordance => (CTRL, Key::K),
            Command::ToggleTheme
            | Command::SwapColumns
            | Command::ImportTranslation
            | Command::ImportXliff
            | Command::MergeWithPrevious => {
                return None;
            }
        };
        Some(KeyboardShortcut::new(mods, key))
    }

    /// The shortcut as text for menus, e.g. "Ctrl+Enter".
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcut()
            .map(|s| ctx.format_shortcut(&s))
            .unwrap_or_default()
    }

    /// Whether the command changes the project (and so is refused in read-only states).
    pub fn edits_project(self) -> bool {
        matches!(
            self,
            Command::ApproveAndNext
                | Command::ConfirmAndNext
                | Command::SendBack
                | Command::Comment
                | Command::Split
                | Command::MergeWithNext
                | Command::Replace
                | Command::ImportTranslation
                | Command::ImportXliff
                | Command::PullSentenceUp
                | Command::PushSentenceDown
                | Command::MergeWithPrevious
                | Command::CorrectSource
                | Command::TakeOurs
                | Command::TakeTheirs
                | Command::InsertMatch1
                | Command::InsertMatch2
                | Command::InsertMatch3
                | Command::InsertMatch4
                | Command::InsertMatch5
        )
    }

    /// The first command whose shortcut was pressed this frame, consumed so no widget sees it.
    ///
    /// Shortcuts with more modifiers are tried first, so Ctrl+Shift+Enter is not taken for
    /// Ctrl+Enter.
    pub fn consume_pressed(ctx: &egui::Context) -> Option<Command> {
        let mut cmds: Vec<(KeyboardShortcut, Command)> = Self::ALL
            .iter()
            .filter_map(|c| c.shortcut().map(|s| (s, *c)))
            .collect();
        cmds.sort_by_key(|(s, _)| std::cmp::Reverse(modifier_count(s.modifiers)));
        ctx.input_mut(|i| {
            cmds.into_iter()
                .find(|(s, _)| i.consume_shortcut(s))
                .map(|(_, c)| c)
                // On US layouts "+" is Shift+"="; Ctrl+"=" zooms in too, as in browsers.
                .or_else(|| {
                    i.consume_shortcut(&KeyboardShortcut::new(CTRL, Key::Equals))
                        .then_some(Command::ZoomIn)
                })
        })
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.shift) + u8::from(m.ctrl || m.command)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in Command::ALL {
            if let Some(s) = c.shortcut() {
                assert!(
                    seen.insert((s.modifiers, s.logical_key)),
                    "{c:?} repeats a shortcut"
                );
            }
            assert!(!c.label().is_empty() && !c.tooltip().is_empty());
        }
    }

    #[test]
    fn ctrl_enter_approves_as_cat_tools_do() {
        let s = Command::ApproveAndNext.shortcut().unwrap();
        assert_eq!(
            (s.modifiers, s.logical_key),
            (Modifiers::COMMAND, Key::Enter)
        );
    }
}
