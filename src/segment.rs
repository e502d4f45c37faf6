//! Lossless Persian sentence segmentation.
//!
//! The text is cut only at whitespace: paragraphs first (any line break ends a segment), then
//! sentences after `. ! ? ؟ … ۔` (with closing quotes and brackets kept with their sentence).
//! `، ؛ :` never end a sentence, numbers (`۳۲٫۵`, `3.5`, `۱۴۰۳/۰۸/۱۵`) contain no whitespace
//! and so are never cut, and dotted abbreviations and initials (`ه.ش.`, `ج.ا.ا.`, `U.S.`,
//! `J. K.`) do not end a sentence.
//!
//! Lossless: `prefix + Σ(source + separator)` is the input, byte for byte, for any string.
//! Pure; no I/O, no egui.

/// A text cut into sentence pieces, keeping every byte.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Whitespace before the first piece (the whole text if it has no other characters).
    pub prefix: String,
    /// The sentences in text order.
    pub pieces: Vec<Piece>,
}

/// One sentence and the whitespace that followed it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Piece {
    /// The sentence: non-empty, no leading or trailing whitespace.
    pub source: String,
    /// The whitespace after the sentence, as in the text (`\r\n` kept). Empty only for the
    /// last piece of a text without trailing whitespace.
    pub separator: String,
}

impl Segmentation {
    /// The text this segmentation came from, rebuilt byte for byte.
    pub fn join(&self) -> String {
        let len = self.prefix.len()
            + self
                .pieces
                .iter()
                .map(|p| p.source.len() + p.separator.len())
                .sum::<usize>();
        let mut out = String::with_capacity(len);
        out.push_str(&self.prefix);
        for p in &self.pieces {
            out.push_str(&p.source);
            out.push_str(&p.separator);
        }
        out
    }

    /// Number of paragraphs: pieces up to and including one whose separator breaks the line.
    pub fn paragraph_count(&self) -> usize {
        let Some((_, init)) = self.pieces.split_last() else {
            return 0;
        };
        1 + init
            .iter()
            .filter(|p| is_paragraph_break(&p.separator))
            .count()
    }
}

/// Sentence-ending marks: full stop, exclamation, question marks (Latin and Arabic), ellipsis,
/// Arabic full stop.
const TERMINATORS: &[char] = &['.', '!', '?', '؟', '…', '۔', '‼', '⁉', '⁈'];

/// Closing quotes and brackets that stay with the sentence they close.
pub(crate) const CLOSERS: &[char] = &[
    '»', '"', '”', '’', '\'', ')', ']', '}', '›', '〉', '」', '』',
];

/// Opening quotes and brackets, skipped when looking at the start of a word.
pub(crate) const OPENERS: &[char] = &[
    '«', '"', '“', '‘', '\'', '(', '[', '{', '‹', '〈', '「', '『',
];

/// Latin abbreviations that precede a name and so are not followed by a sentence break.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt", "Capt", "Gov", "Sen", "Rep", "St",
    "Mt", "vs",
];

/// Whether `c` ends a line (and so a paragraph).
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Whether a separator ends a paragraph: it contains a line break (`\n`, `\r\n`, a lone `\r`,
/// or a Unicode line/paragraph separator).
pub fn is_paragraph_break(separator: &str) -> bool {
    separator.chars().any(is_line_break)
}

/// Characters invisible at the edge of a word (bidi marks, zero-width characters): a period
/// followed by a right-to-left mark still ends the sentence.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// A run of non-whitespace and the whitespace after it.
pub(crate) struct Word<'a> {
    /// The non-whitespace run.
    pub(crate) text: &'a str,
    /// The whitespace after it.
    pub(crate) gap: &'a str,
}

/// Split `body` (which starts with a non-whitespace character) into words and gaps.
pub(crate) fn words(body: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (text, after) = rest.split_at(word_len);
        let gap_len = after
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(after.len());
        let (gap, next) = after.split_at(gap_len);
        out.push(Word { text, gap });
        rest = next;
    }
    out
}

/// The word without trailing closers and invisible characters.
pub(crate) fn strip_closers(word: &str) -> &str {
    word.trim_end_matches(|c: char| CLOSERS.contains(&c) || is_invisible(c))
}

/// Whether a word is made only of closing quotes/brackets (it belongs to the sentence before).
pub(crate) fn is_only_closers(word: &str) -> bool {
    strip_closers(word).is_empty()
}

/// Whether the word, seen at the start of the next sentence, begins with a lowercase Latin
/// letter: English sentences do not, so the dot before it was an abbreviation.
fn starts_lowercase(word: &str) -> bool {
    word.trim_start_matches(|c: char| OPENERS.contains(&c) || is_invisible(c))
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Whether `stem` (a word without its final dot) is an abbreviation or initial: a single
/// letter (`J`, `ه`), dotted single letters (`ه.ش`, `ج.ا.ا`, `U.S`), dotted short Latin
/// parts (`Ph.D`), or a title such as `Mr`.
fn is_abbreviation(stem: &str) -> bool {
    if TITLES.contains(&stem) {
        return true;
    }
    stem.split('.').all(|part| {
        let mut chars = part.chars();
        match (chars.next(), chars.next(), chars.next()) {
            (Some(a), None, _) => a.is_alphabetic(),
            (Some(a), Some(b), None) => {
                // Two-letter parts only in Latin with dots (`Ph.D`): Persian has many
                // two-letter words (`شد`, `او`) that end sentences.
                stem.contains('.') && a.is_ascii_alphabetic() && b.is_ascii_alphabetic()
            }
            _ => false,
        }
    })
}

/// Whether `word` ends a sentence, given the word after it (if any).
fn ends_sentence(word: &str, next: Option<&str>) -> bool {
    let core = strip_closers(word);
    let Some(last) = core.chars().next_back() else {
        return false;
    };
    if !TERMINATORS.contains(&last) {
        return false;
    }
    if (last == '.' || last == '…') && next.is_some_and(starts_lowercase) {
        return false;
    }
    if last != '.' {
        return true;
    }
    let stem = core.trim_end_matches('.');
    if core.len() - stem.len() >= 2 {
        // `...` is an ellipsis, not an abbreviation dot.
        return true;
    }
    let stem = stem.trim_start_matches(|c: char| OPENERS.contains(&c) || is_invisible(c));
    stem.is_empty() || !is_abbreviation(stem)
}

/// Cut `text` into sentences. Never fails; see the module docs for the rules.
pub fn segment(text: &str) -> Segmentation {
    segment_with(text, |words, i| {
        ends_sentence(words[i].text, words.get(i + 1).map(|w| w.text))
    })
}

/// Cut `text` at line breaks and after every word `i` for which `ends(words, i)` holds
/// (closers-only words inherit the decision of the word before). Lossless like [`segment`];
/// the English splitter (`align::english`) uses it with its own rule.
pub(crate) fn segment_with(text: &str, ends: impl Fn(&[Word<'_>], usize) -> bool) -> Segmentation {
    let body = text.trim_start();
    let prefix = &text[..text.len() - body.len()];
    let words = words(body);

    let mut pieces = Vec::new();
    let mut start = 0; // byte offset in `body` of the current piece
    let mut pos = 0; // byte offset in `body` just after the current word
    // Whether the sentence has ended at the current word; closers-only words inherit it.
    let mut ended = false;
    for (i, word) in words.iter().enumerate() {
        pos += word.text.len();
        let next = words.get(i + 1).map(|w| w.text);
        ended = if is_only_closers(word.text) {
            ended
        } else {
            ends(&words, i)
        };
        let cut = match next {
            None => true,
            Some(_) if word.gap.chars().any(is_line_break) => true,
            // A lone closing quote after the end mark (`... گفت. »`) still belongs here.
            Some(next) => ended && !is_only_closers(next),
        };
        if cut {
            pieces.push(Piece {
                source: body[start..pos].to_owned(),
                separator: word.gap.to_owned(),
            });
            start = pos + word.gap.len();
            ended = false;
        }
        pos += word.gap.len();
    }
    Segmentation {
        prefix: prefix.to_owned(),
        pieces,
    }
}

/// Number of words in `text`, counted as runs of non-whitespace (a ZWNJ keeps a Persian word
/// such as `می‌شود` whole).
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Word boundaries of a source where a split is possible (byte offsets after the space).
pub fn split_points(source: &str) -> Vec<usize> {
    source
        .char_indices()
        .filter(|(i, c)| c.is_whitespace() && *i > 0)
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&i| i < source.len())
        .collect()
}

/// The allowed split position (one of [`split_points`]) nearest to the caret `offset`,
/// counted in characters; a caret on the spaces between two words means the start of the
/// next word. `None` when the sentence cannot be split.
pub fn nearest_split_point(source: &str, offset: usize) -> Option<usize> {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let rest = &source[offset..];
    let offset = offset + (rest.len() - rest.trim_start().len());
    split_points(source)
        .into_iter()
        .min_by_key(|&p| source[p.min(offset)..p.max(offset)].chars().count())
}

/// Where the split dialog starts: after the first sentence-like mark, else mid-sentence.
pub fn default_split_pos(source: &str) -> usize {
    let points = split_points(source);
    points
        .iter()
        .copied()
        .find(|&p| {
            source[..p]
                .trim_end()
                .ends_with(['.', '!', '?', '؟', '…', ':', '؛'])
        })
        .or_else(|| points.get(points.len() / 2).copied())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sources(text: &str) -> Vec<String> {
        segment(text).pieces.into_iter().map(|p| p.source).collect()
    }

    #[test]
    fn empty_and_blank_texts_have_no_pieces() {
        assert_eq!(segment(""), Segmentation::default());
        let blank = segment(" \r\n\t");
        assert_eq!(blank.prefix, " \r\n\t");
        assert!(blank.pieces.is_empty());
        assert_eq!(blank.paragraph_count(), 0);
    }

    #[test]
    fn splits_on_persian_and_latin_end_marks() {
        assert_eq!(
            sources("اول. دوم! سوم؟ چهارم? پنجم… ششم۔ هفتم"),
            ["اول.", "دوم!", "سوم؟", "چهارم?", "پنجم…", "ششم۔", "هفتم"]
        );
    }

    #[test]
    fn never_splits_on_comma_semicolon_or_colon() {
        let text = "او گفت: ما، شما؛ آنها و دیگران آمدند.";
        assert_eq!(sources(text), [text]);
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_their_sentence() {
        assert_eq!(
            sources("او گفت: «می‌آیم.» سپس رفت. (این مهم است!) پایان"),
            ["او گفت: «می‌آیم.»", "سپس رفت.", "(این مهم است!)", "پایان"]
        );
        assert_eq!(
            sources("He said \"yes.\" Then ‘no?’ Done"),
            ["He said \"yes.\"", "Then ‘no?’", "Done"]
        );
        // A closing quote separated from its sentence by a space is still kept with it.
        assert_eq!(sources("گفت: «آری. » بعد"), ["گفت: «آری. »", "بعد"]);
    }

    #[test]
    fn never_splits_inside_numbers_or_dates() {
        let text = "نرخ ۳۲٫۵ درصد و 3.5 برابر در ۱۴۰۳/۰۸/۱۵ با ۱۲٬۰۰۰ نفر بود. بعد";
        assert_eq!(
            sources(text),
            [
                "نرخ ۳۲٫۵ درصد و 3.5 برابر در ۱۴۰۳/۰۸/۱۵ با ۱۲٬۰۰۰ نفر بود.",
                "بعد"
            ]
        );
        // A number at the end of a sentence still ends it.
        assert_eq!(sources("سال ۱۴۰۳. بعد"), ["سال ۱۴۰۳.", "بعد"]);
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sources("در سال ۱۳۵۷ ه.ش. انقلاب شد. قرن ۵ ق.م. بود. نام ج.ا.ا. آمد."),
            [
                "در سال ۱۳۵۷ ه.ش. انقلاب شد.",
                "قرن ۵ ق.م. بود.",
                "نام ج.ا.ا. آمد."
            ]
        );
        assert_eq!(
            sources("The U.S. envoy met J. K. Rowling and Mr. Smith. Then Ph.D. students left."),
            [
                "The U.S. envoy met J. K. Rowling and Mr. Smith.",
                "Then Ph.D. students left."
            ]
        );
        // Lowercase after a dot: an abbreviation such as "approx." or "e.g.".
        assert_eq!(
            sources("approx. five people. Done"),
            ["approx. five people.", "Done"]
        );
    }

    #[test]
    fn two_letter_persian_words_still_end_sentences() {
        assert_eq!(sources("کار تمام شد. او رفت."), ["کار تمام شد.", "او رفت."]);
    }

    #[test]
    fn ellipsis_written_as_dots_ends_a_sentence() {
        assert_eq!(sources("صبر کن... بعد"), ["صبر کن...", "بعد"]);
    }

    #[test]
    fn invisible_marks_after_the_period_do_not_hide_it() {
        assert_eq!(sources("تمام.\u{200F} بعد"), ["تمام.\u{200F}", "بعد"]);
    }

    #[test]
    fn line_breaks_end_segments_and_keep_their_bytes() {
        let text = "\u{FEFF}  عنوان\r\n\r\nبند اول. جمله دوم\nآخر\r";
        let seg = segment(text);
        assert_eq!(seg.join(), text);
        // A BOM is not whitespace, so it stays in the first piece; import strips it first.
        assert_eq!(seg.prefix, "");
        let pairs: Vec<(&str, &str)> = seg
            .pieces
            .iter()
            .map(|p| (p.source.as_str(), p.separator.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("\u{FEFF}  عنوان", "\r\n\r\n"),
                ("بند اول.", " "),
                ("جمله دوم", "\n"),
                ("آخر", "\r")
            ]
        );
        assert_eq!(seg.paragraph_count(), 3);
        assert_eq!(segment("a\u{2029}b").pieces.len(), 2);
    }

    #[test]
    fn leading_whitespace_is_the_prefix() {
        let seg = segment("\n  سلام. ");
        assert_eq!(seg.prefix, "\n  ");
        assert_eq!(seg.pieces.len(), 1);
        assert_eq!(seg.pieces[0].separator, " ");
    }

    #[test]
    fn paragraph_break_detection() {
        assert!(is_paragraph_break("\n"));
        assert!(is_paragraph_break(" \r\n "));
        assert!(is_paragraph_break("\r"));
        assert!(!is_paragraph_break("  \t\u{A0}"));
        assert!(!is_paragraph_break(""));
    }

    #[test]
    fn word_count_keeps_zwnj_words_whole() {
        assert_eq!(word_count("این کار انجام می‌شود."), 4);
        assert_eq!(word_count("  "), 0);
    }

    /// The sample article, counted by hand: paragraphs 1, 2, 4, 5, 6, 7 are one sentence each
    /// (their `:` and `،` do not end sentences); paragraph 3 has three sentences ending in
    /// `استفاده کنیم.`, `استقبال کردند.` and `ارتقا دهیم.`. Nine in all.
    #[test]
    fn sample_article_has_nine_sentences_in_seven_paragraphs() {
        let text = include_str!("../assets/khabarresa-police-counseling.fa.txt");
        let seg = segment(text);
        assert_eq!(seg.join(), text);
        assert_eq!(seg.paragraph_count(), 7);
        assert_eq!(seg.pieces.len(), 9);
        let ends: Vec<String> = seg
            .pieces
            .iter()
            .map(|p| {
                let words: Vec<&str> = p.source.split_whitespace().collect();
                words[words.len().saturating_sub(2)..].join(" ")
            })
            .collect();
        assert_eq!(
            ends,
            [
                "می شود.",
                "می کنیم.",
                "استفاده کنیم.",
                "استقبال کردند.",
                "ارتقا دهیم.",
                "خواهیم داشت.",
                "خواهند شد.",
                "برطرف کنیم.",
                "خواهیم کرد."
            ]
        );
        assert!(seg.pieces[..8].iter().all(|p| !p.separator.is_empty()));
        assert_eq!(
            seg.pieces[8].separator, "",
            "the sample has no final newline"
        );
    }

    fn check_invariants(text: &str) -> Result<(), TestCaseError> {
        let seg = segment(text);
        prop_assert_eq!(seg.join(), text);
        prop_assert!(seg.prefix.chars().all(char::is_whitespace));
        let last = seg.pieces.len().saturating_sub(1);
        for (i, p) in seg.pieces.iter().enumerate() {
            prop_assert!(!p.source.is_empty());
            prop_assert_eq!(p.source.trim(), p.source.as_str());
            prop_assert!(!p.source.chars().any(is_line_break));
            prop_assert!(p.separator.chars().all(char::is_whitespace));
            prop_assert!(i == last || !p.separator.is_empty());
            // Each piece is stable: segmenting it alone gives it back whole.
            let alone = segment(&p.source);
            prop_assert_eq!(alone.pieces.len(), 1);
            prop_assert_eq!(&alone.pieces[0].source, &p.source);
        }
        Ok(())
    }

    /// Persian-heavy text built from words, numbers, punctuation and all kinds of whitespace.
    fn persian_text() -> impl Strategy<Value = String> {
        let fragment = prop::sample::select(vec![
            "سلام",
            "می‌شود",
            "گفت:",
            "۳۲٫۵",
            "3.5",
            "۱۴۰۳/۰۸/۱۵",
            "ه.ش.",
            "ج.ا.ا.",
            "U.S.",
            "J.",
            ".",
            "!",
            "?",
            "؟",
            "…",
            "...",
            "۔",
            "،",
            "؛",
            "«",
            "»",
            "\"",
            ")",
            "(",
            "شد.",
            "او",
            "\u{200F}",
            "\u{200C}",
            "\u{FEFF}",
            "a",
            "Mr.",
            " ",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\r",
            "\u{A0}",
            "\u{2029}",
            "\u{3000}",
        ]);
        prop::collection::vec(fragment, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn lossless_on_arbitrary_strings(text in any::<String>()) {
            check_invariants(&text)?;
        }

        #[test]
        fn lossless_on_persian_text(text in persian_text()) {
            check_invariants(&text)?;
        }
    }

    #[test]
    fn split_points_are_after_spaces() {
        let s = "در ۷۰۰ کلانتری. مردم نیز";
        let points = split_points(s);
        assert_eq!(points.len(), 4);
        for p in &points {
            assert!(s.is_char_boundary(*p));
            assert!(!s[*p..].starts_with(' '));
        }
        assert_eq!(&s[default_split_pos(s)..], "مردم نیز");
        assert!(split_points("واژه").is_empty());
    }

    #[test]
    fn a_click_goes_to_the_nearest_word_boundary() {
        let s = "در ۷۰۰ کلانتری. مردم نیز";
        let at = |word: &str| s.find(word).unwrap_or(usize::MAX);
        // On either side of a space, or inside it: the word after it.
        assert_eq!(nearest_split_point(s, at(" مردم")), Some(at("مردم")));
        assert_eq!(nearest_split_point(s, at("مردم")), Some(at("مردم")));
        // Inside a word: the nearer of its two ends, in characters (not bytes).
        assert_eq!(nearest_split_point(s, at("ی. ")), Some(at("مردم")));
        assert_eq!(nearest_split_point(s, at("لانتری")), Some(at("کلانتری")));
        // The ends of the sentence are not split points; a byte inside a letter is fine.
        assert_eq!(nearest_split_point(s, 0), Some(at("۷۰۰")));
        assert_eq!(nearest_split_point(s, s.len()), Some(at("نیز")));
        assert_eq!(nearest_split_point(s, 1), Some(at("۷۰۰")));
        assert_eq!(nearest_split_point("واژه", 2), None);
    }

    proptest! {
        #[test]
        fn the_nearest_split_point_is_always_allowed(words in prop::collection::vec("[آ-ی]{1,6}", 1..8), offset in 0usize..200) {
            let s = words.join(" ");
            let points = split_points(&s);
            match nearest_split_point(&s, offset) {
                Some(p) => prop_assert!(points.contains(&p)),
                None => prop_assert!(points.is_empty()),
            }
        }
    }
}
