//! Lossless English sentence splitting, aware of news English.
//!
//! Like the Persian segmenter ([`crate::segment`]) the text is cut only at whitespace, every
//! line break ends a piece, and `prefix + Σ(source + separator)` is the input byte for byte.
//! A word ending in `.`, `?`, `!` or `…` (closing quotes and brackets after it allowed: `."`)
//! ends a sentence, except:
//!
//! - titles before a name: `Mr.`, `Mrs.`, `Dr.`, `Prof.`, `St.`, `Gen.`, `Lt. Col.`, ... and
//!   `No.` before a figure (`No. 10`), month abbreviations before a figure (`Sept. 11`);
//! - initials (`J. R. R. Tolkien`);
//! - dotted abbreviations (`U.S.`, `U.K.`, `a.m.`, `p.m.`, `e.g.`) unless the next word is a
//!   typical sentence opener (`... in the U.S. The company ...`);
//! - any end mark followed by a lowercase word: `"Why?" she asked.`, `wait... then`;
//! - `?` or `!` inside closing quotes followed by a speech tag (`"Why?" Smith asked.`).
//!
//! Decimals and thousands (`3.5`, `400,000`) contain no whitespace and are never cut.
//! Pure; no I/O, no egui.

use crate::segment::{
    OPENERS, Segmentation, Word, is_invisible, is_only_closers, segment_with, strip_closers,
};

/// Abbreviations that stand before a name and never end a sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "St", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr",
    "Sgt", "Cpl", "Adm", "Brig", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Supt", "Insp", "Mt",
    "Ft", "vs", "Sr", "Jr",
];

/// Abbreviations that do not end a sentence when a figure follows (`No. 10`, `Sept. 11`).
const BEFORE_FIGURE: &[&str] = &[
    "No", "Nos", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "p", "pp", "Fig", "Vol", "Art",
];

/// Capitalised words that usually open a sentence: after `U.S.` or `p.m.` they mean the
/// abbreviation also ended the sentence.
const OPENER_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "However",
    "Meanwhile",
    "According",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "As",
    "For",
    "Some",
    "Many",
    "Most",
    "One",
    "Two",
    "Police",
    "Officials",
    "So",
    "Yet",
    "Now",
    "Then",
];

/// Verbs of a speech tag: `"Why?" Smith asked.` continues the sentence.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "asked",
    "asks",
    "told",
    "tells",
    "added",
    "adds",
    "replied",
    "shouted",
    "wrote",
    "explained",
    "insisted",
    "warned",
    "cried",
    "wondered",
];

/// Cut an English text into sentences. Never fails; see the module docs for the rules.
pub fn split(text: &str) -> Segmentation {
    segment_with(text, ends_at)
}

/// The word without leading opening quotes and invisible marks.
fn strip_openers(word: &str) -> &str {
    word.trim_start_matches(|c: char| OPENERS.contains(&c) || is_invisible(c))
}

/// The first letter-or-digit character of a word (after opening quotes).
fn first_char(word: &str) -> Option<char> {
    strip_openers(word).chars().next()
}

fn starts_lowercase(word: &str) -> bool {
    first_char(word).is_some_and(char::is_lowercase)
}

fn starts_digit(word: &str) -> bool {
    first_char(word).is_some_and(|c| c.is_ascii_digit())
}

/// The word as a bare token: openers and trailing punctuation removed.
fn bare(word: &str) -> &str {
    strip_openers(word).trim_end_matches(|c: char| !c.is_alphanumeric())
}

/// Whether a stem (word without its final dot) is a run of dotted single letters: `U.S`,
/// `a.m`, `e.g`, or one initial `J`.
fn is_dotted_letters(stem: &str) -> bool {
    stem.split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

/// Whether words after `i` form a speech tag (`Smith asked`, `John Smith said`).
fn speech_tag_follows(words: &[Word<'_>], i: usize) -> bool {
    words
        .iter()
        .skip(i + 1)
        .take(3)
        .any(|w| SPEECH_VERBS.contains(&bare(w.text)))
}

/// Whether word `i` ends a sentence.
fn ends_at(words: &[Word<'_>], i: usize) -> bool {
    let word = words[i].text;
    let next = words.get(i + 1).map(|w| w.text);
    let core = strip_closers(word);
    let Some(last) = core.chars().next_back() else {
        return false;
    };
    if !matches!(last, '.' | '?' | '!' | '…' | '‼' | '⁉' | '⁈') {
        return false;
    }
    let Some(next) = next else {
        return true;
    };
    if is_only_closers(next) {
        return true;
    }
    if starts_lowercase(next) {
        return false;
    }
    if last != '.' {
        // `?`/`!`/`…`: a quoted question followed by a speech tag goes on.
        let quoted = core.len() < word.len();
        return !(quoted && last != '…' && speech_tag_follows(words, i));
    }
    let stem = core.trim_end_matches('.');
    if core.len() - stem.len() >= 2 {
        return true; // `...`
    }
    let stem = strip_openers(stem);
    if stem.is_empty() {
        return true;
    }
    if TITLES.contains(&stem) {
        return false;
    }
    if BEFORE_FIGURE.contains(&stem) {
        return !starts_digit(next);
    }
    if is_dotted_letters(stem) {
        // An initial or `U.S.`: ends only before a typical sentence opener.
        return OPENER_WORDS.contains(&bare(next));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sentences(text: &str) -> Vec<String> {
        split(text).pieces.into_iter().map(|p| p.source).collect()
    }

    #[test]
    fn titles_do_not_end_sentences() {
        for title in [
            "Mr.", "Mrs.", "Dr.", "Prof.", "St.", "Gen.", "Lt. Col.", "Ms.", "Sen.",
        ] {
            let text = format!("They met {title} Smith at noon. He left.");
            assert_eq!(
                sentences(&text),
                [
                    format!("They met {title} Smith at noon."),
                    "He left.".into()
                ],
                "{title}"
            );
        }
    }

    #[test]
    fn number_abbreviation_before_figures_only() {
        assert_eq!(
            sentences("He lives at No. 10 Downing Street. It is old."),
            ["He lives at No. 10 Downing Street.", "It is old."]
        );
        assert_eq!(
            sentences("It happened on Sept. 11 in New York. Nobody forgot."),
            ["It happened on Sept. 11 in New York.", "Nobody forgot."]
        );
        assert_eq!(
            sentences("The answer was No. Then he left."),
            ["The answer was No.", "Then he left."]
        );
    }

    #[test]
    fn dotted_abbreviations() {
        assert_eq!(
            sentences("The U.S. President met U.K. officials at 9 a.m. Monday. They agreed."),
            [
                "The U.S. President met U.K. officials at 9 a.m. Monday.",
                "They agreed."
            ]
        );
        assert_eq!(
            sentences("The talks ended at 5 p.m. The delegates left the U.S. It was late."),
            [
                "The talks ended at 5 p.m.",
                "The delegates left the U.S.",
                "It was late."
            ]
        );
        assert_eq!(
            sentences("Some fruit, e.g. apples, were sold. Good."),
            ["Some fruit, e.g. apples, were sold.", "Good."]
        );
    }

    #[test]
    fn initials_stay_with_the_name() {
        assert_eq!(
            sentences("J. R. R. Tolkien wrote it. George W. Bush read it."),
            ["J. R. R. Tolkien wrote it.", "George W. Bush read it."]
        );
    }

    #[test]
    fn decimals_thousands_and_ellipses() {
        assert_eq!(
            sentences("Growth was 3.5 percent and 400,000 jobs. Prices rose 1.2%. Done."),
            [
                "Growth was 3.5 percent and 400,000 jobs.",
                "Prices rose 1.2%.",
                "Done."
            ]
        );
        assert_eq!(
            sentences("He waited... and waited. Then… Nothing. Wait… no."),
            ["He waited... and waited.", "Then…", "Nothing.", "Wait… no."]
        );
    }

    #[test]
    fn quotes_after_the_stop_and_speech_tags() {
        assert_eq!(
            sentences("He said: \"We are ready.\" The crowd cheered."),
            ["He said: \"We are ready.\"", "The crowd cheered."]
        );
        assert_eq!(
            sentences("“Where is it?” she asked. “Here!” he shouted. Fine."),
            ["“Where is it?” she asked.", "“Here!” he shouted.", "Fine."]
        );
        assert_eq!(
            sentences("\"Why now?\" Smith asked. \"Why?\" The question remained."),
            [
                "\"Why now?\" Smith asked.",
                "\"Why?\"",
                "The question remained."
            ]
        );
        assert_eq!(
            sentences("'It is over.' Next came the vote."),
            ["'It is over.'", "Next came the vote."]
        );
    }

    #[test]
    fn line_breaks_end_pieces_and_paragraphs_are_counted() {
        let text = "Title\n\nFirst one. Second one\r\nLast.";
        let seg = split(text);
        assert_eq!(seg.join(), text);
        assert_eq!(
            sentences(text),
            ["Title", "First one.", "Second one", "Last."]
        );
        assert_eq!(seg.paragraph_count(), 3);
    }

    fn check_invariants(text: &str) -> Result<(), TestCaseError> {
        let seg = split(text);
        prop_assert_eq!(seg.join(), text);
        prop_assert!(seg.prefix.chars().all(char::is_whitespace));
        let last = seg.pieces.len().saturating_sub(1);
        for (i, p) in seg.pieces.iter().enumerate() {
            prop_assert!(!p.source.is_empty());
            prop_assert_eq!(p.source.trim(), p.source.as_str());
            prop_assert!(p.separator.chars().all(char::is_whitespace));
            prop_assert!(i == last || !p.separator.is_empty());
        }
        Ok(())
    }

    fn english_text() -> impl Strategy<Value = String> {
        let fragment = prop::sample::select(vec![
            "Mr.", "Dr.", "U.S.", "a.m.", "J.", "No.", "10", "3.5", "400,000", "said", "asked",
            "The", "it", "He", "end.", "why?", "wow!", "...", "…", "\"", "“", "”", "'", "(", ")",
            ".", "?", " ", " ", "  ", "\n", "\r\n", "\t", "\u{A0}", "\u{200F}",
        ]);
        prop::collection::vec(fragment, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn lossless_on_arbitrary_strings(text in any::<String>()) {
            check_invariants(&text)?;
        }

        #[test]
        fn lossless_on_english_text(text in english_text()) {
            check_invariants(&text)?;
        }
    }
}
