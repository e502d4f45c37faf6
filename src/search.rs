//! Search that ignores Persian spelling variants: Arabic ي/ى and ك versus Persian ی and ک,
//! ZWNJ versus space versus nothing, kashida and diacritics. Only for matching; the stored text
//! is never rewritten.

use std::ops::Range;

/// Fold a character for search, or drop it (`None`): the one normalisation of Persian
/// spelling variants, shared by search and the glossary matcher (`crate::glossary::matcher`).
pub fn fold_char(c: char) -> Option<char> {
    match c {
        // Arabic yeh and alef maksura -> Persian yeh; Arabic kaf -> Persian keheh.
        '\u{064A}' | '\u{0649}' => Some('\u{06CC}'),
        '\u{0643}' => Some('\u{06A9}'),
        // Teh marbuta and heh with yeh above read as heh in search.
        '\u{0629}' | '\u{06C0}' => Some('\u{0647}'),
        // Alef variants with hamza/madda -> plain alef.
        '\u{0622}' | '\u{0623}' | '\u{0625}' => Some('\u{0627}'),
        // Kashida, diacritics, superscript alef, ZWNJ/ZWJ, spaces: ignorable, so "می شود",
        // "می‌شود" and "میشود" are the same word.
        '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{200C}' | '\u{200D}' => None,
        c if c.is_whitespace() => None,
        // Persian and Arabic-Indic digits -> ASCII.
        '\u{06F0}'..='\u{06F9}' => char::from_u32(c as u32 - 0x06F0 + u32::from(b'0')),
        '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + u32::from(b'0')),
        c => Some(c),
    }
}

/// A search key: the text folded, lower-cased, with ignorable characters removed.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter_map(fold_char)
        .flat_map(char::to_lowercase)
        .collect()
}

/// A prepared query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    folded: String,
}

impl Query {
    /// Prepare `text` as a query.
    pub fn new(text: &str) -> Self {
        Query {
            folded: normalize(text),
        }
    }

    /// Whether the query is empty (matches everything).
    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// Whether `haystack` contains the query, ignoring spelling variants.
    pub fn matches(&self, haystack: &str) -> bool {
        self.is_empty() || normalize(haystack).contains(&self.folded)
    }

    /// Every place `haystack` matches, as byte ranges of `haystack` (not of its folded
    /// form), left to right and not overlapping. A match starts at the first character whose
    /// fold begins it and ends after the last one whose fold ends it, so ignorable characters
    /// inside (ZWNJ, a space, diacritics) are part of it and those around it are not. An empty
    /// query matches nowhere.
    pub fn find_all(&self, haystack: &str) -> Vec<Range<usize>> {
        let needle: Vec<char> = self.folded.chars().collect();
        if needle.is_empty() {
            return Vec::new();
        }
        // The folded text, each folded character with the byte range of its original.
        let mut folded: Vec<(char, Range<usize>)> = Vec::with_capacity(haystack.len());
        for (i, c) in haystack.char_indices() {
            if let Some(f) = fold_char(c) {
                let range = i..i + c.len_utf8();
                folded.extend(f.to_lowercase().map(|l| (l, range.clone())));
            }
        }
        let mut out = Vec::new();
        let mut k = 0;
        while k + needle.len() <= folded.len() {
            let hit = folded
                .get(k..k + needle.len())
                .is_some_and(|w| w.iter().zip(&needle).all(|((a, _), b)| a == b));
            if hit {
                let start = folded.get(k).map_or(0, |f| f.1.start);
                let end = folded.get(k + needle.len() - 1).map_or(start, |f| f.1.end);
                // A lower-cased character can fold to several; never end inside one.
                out.push(start..end);
                k += needle.len();
            } else {
                k += 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_variants_match() {
        let q = Query::new("می‌شود");
        assert!(q.matches("ارجاع داده می شود."));
        assert!(q.matches("درگیر میشود"));
        assert!(Query::new("کلانتری").matches("در ۷۰۰ كلانتري"));
        assert!(Query::new("مشاوره").matches("مُشاوِره"));
        assert!(Query::new("700").matches("در ۷۰۰ کلانتری"));
        assert!(Query::new("naja").matches("NAJA police"));
        assert!(!Query::new("پلیس").matches("نیروی انتظامی"));
        assert!(Query::new("").matches("anything"));
    }

    #[test]
    fn matches_are_found_as_ranges_of_the_original_text() {
        let text = "ارجاع داده می شود و درگیر میشود؛ كلانتري ۷۰۰ NAJA";
        let q = Query::new("می‌شود");
        let found: Vec<&str> = q.find_all(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["می شود", "میشود"]);
        let found: Vec<&str> = Query::new("کلانتری")
            .find_all(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            found,
            ["كلانتري"],
            "Arabic spelling found by the Persian one"
        );
        assert_eq!(
            Query::new("700")
                .find_all(text)
                .into_iter()
                .map(|r| &text[r])
                .collect::<Vec<_>>(),
            ["۷۰۰"]
        );
        assert_eq!(
            Query::new("naja").find_all(text).len(),
            1,
            "case is ignored"
        );
        assert!(Query::new("").find_all(text).is_empty());
        assert_eq!(
            Query::new("aa").find_all("aaaa"),
            [0..2, 2..4],
            "no overlaps"
        );
        // Every match is what `matches` would accept.
        for r in Query::new("دو").find_all(text) {
            assert!(Query::new("دو").matches(&text[r]));
        }
    }

    #[test]
    fn spaces_are_ignored_in_english_too() {
        assert!(Query::new("police  station").matches("the police station"));
    }
}
