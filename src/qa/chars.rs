//! Characters the exports cannot carry. Text pasted from Word brings U+000B (a manual line
//! break, Shift+Enter) and U+000C (a page break); XML 1.0 forbids them and other control
//! characters, and the HTML report also C1 controls and noncharacters. One such character
//! would refuse every export of the project, so it is an error finding with a one-click fix in
//! the desk (replace with a space or a line break).

use super::{CheckKind, Finding, Severity};
use crate::interop::xml_read::cannot_export;

/// What a character an export cannot carry is replaced with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replacement {
    /// A space.
    Space,
    /// A line break (`\n`).
    LineBreak,
}

impl Replacement {
    /// The button's label.
    pub fn label(self) -> &'static str {
        match self {
            Replacement::Space => "Replace with space",
            Replacement::LineBreak => "Replace with line break",
        }
    }
}

/// `text` with every character an export cannot carry replaced.
pub fn replace_export_characters(text: &str, with: Replacement) -> String {
    let to = match with {
        Replacement::Space => ' ',
        Replacement::LineBreak => '\n',
    };
    text.chars()
        .map(|c| if cannot_export(c) { to } else { c })
        .collect()
}

/// One finding for the first such character of the translation (with its count).
pub(super) fn check(target: &str, findings: &mut Vec<Finding>) {
    let mut found = target.char_indices().filter(|&(_, c)| cannot_export(c));
    let Some((at, c)) = found.next() else {
        return;
    };
    let more = found.count();
    let what = match c {
        '\u{B}' => "a manual line break from Word (U+000B)".to_owned(),
        '\u{C}' => "a page break from Word (U+000C)".to_owned(),
        c => format!("the control character U+{:04X}", u32::from(c)),
    };
    let others = match more {
        0 => String::new(),
        1 => " and 1 more".to_owned(),
        n => format!(" and {n} more"),
    };
    findings.push(
        Finding::new(
            CheckKind::ExportCharacter,
            Severity::Error,
            format!(
                "The translation holds {what}{others}, which XLIFF, TMX and the report cannot carry: replace it"
            ),
            "export-character".to_owned(),
        )
        .with_spans(None, Some(at..at + c.len_utf8())),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_breaks_are_found_and_replaced() {
        let target = "Line one\u{B}line two\u{C}and \u{7} more.";
        let findings = crate::qa::check_pair("خط یک. خط دو.", target);
        let f = findings
            .iter()
            .find(|f| f.kind == CheckKind::ExportCharacter)
            .unwrap_or_else(|| panic!("{findings:?}"));
        assert_eq!(f.severity, Severity::Error);
        assert!(
            f.message.contains("U+000B") && f.message.contains("and 2 more"),
            "{}",
            f.message
        );
        assert_eq!(f.target_span, Some(8..9));
        assert_eq!(
            replace_export_characters(target, Replacement::Space),
            "Line one line two and   more."
        );
        assert_eq!(
            replace_export_characters(target, Replacement::LineBreak),
            "Line one\nline two\nand \n more."
        );
        assert!(
            crate::qa::check_pair("خط یک.", "Line one.")
                .iter()
                .all(|f| f.kind != CheckKind::ExportCharacter)
        );
    }
}
