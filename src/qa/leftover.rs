//! Untranslated text: target equal to source, Persian script left in the English, and Latin
//! tokens (acronyms, names, URLs) of the source missing from the translation.

use std::ops::Range;

#[cfg(doc)]
use super::text::url_spans;
use super::text::{char_at, is_arabic_letter, is_arabic_script, is_latin_letter, normalize_word};
use super::{CheckKind, Finding, Severity};

/// The target is the source unchanged (only meaningful when the source has Persian letters:
/// a segment that is just "IMF" or "2019" is rightly copied).
pub(super) fn identical(source: &str, target: &str) -> Option<Finding> {
    (source.trim() == target.trim() && source.chars().any(is_arabic_letter)).then(|| {
        Finding::new(
            CheckKind::TargetEqualsSource,
            Severity::Error,
            "The translation is the untranslated source text".to_owned(),
            "target-equals-source".to_owned(),
        )
    })
}

/// Runs of Persian/Arabic script (letters, digits, punctuation) in the English target; words of
/// one run may be separated by spaces or ZWNJ.
pub(super) fn persian_in_target(target: &str, findings: &mut Vec<Finding>) {
    // Lead bytes of every UTF-8 sequence in the Arabic script blocks (and a few more): an
    // English sentence without any is done without decoding it.
    if !target
        .bytes()
        .any(|b| matches!(b, 0xD8..=0xDD | 0xE0 | 0xEF))
    {
        return;
    }
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, c) in target.char_indices() {
        if !is_arabic_script(c) {
            continue;
        }
        let end = i + c.len_utf8();
        match runs.last_mut() {
            Some(run) if target[run.end..i].chars().all(char::is_whitespace) => run.end = end,
            _ => runs.push(i..end),
        }
    }
    for run in runs {
        let words: Vec<String> = target[run.clone()]
            .split_whitespace()
            .map(normalize_word)
            .collect();
        let mut shown = words.join(" ");
        if let Some((cut, _)) = shown.char_indices().nth(40) {
            shown.truncate(cut);
        }
        findings.push(
            Finding::new(
                CheckKind::PersianInTarget,
                Severity::Error,
                format!(
                    "Persian text left in the translation: “{}”",
                    &target[run.clone()]
                ),
                format!("persian-in-target:{shown}"),
            )
            .with_spans(None, Some(run)),
        );
    }
}

/// Latin-script tokens of the source: acronyms, names, product codes (`IMF`, `F-35`, `U.S`)
/// and URLs/e-mails (`urls`, the source's [`url_spans`]). Single letters are left out.
fn latin_tokens<'a>(source: &'a str, urls: &[Range<usize>]) -> Vec<(Range<usize>, &'a str)> {
    let mut out: Vec<(Range<usize>, &str)> = urls
        .iter()
        .map(|u| (u.clone(), &source[u.clone()]))
        .collect();
    let is_core = |c: char| c.is_ascii_digit() || is_latin_letter(c);
    let is_inner = |c: char| matches!(c, '.' | '-' | '_' | '&' | '+' | '\'' | '/');
    let mut pos = 0;
    let mut next_url = 0;
    let bytes = source.as_bytes();
    while let Some(c) = char_at(source, pos) {
        // Persian letters (U+0600..U+06FF, lead bytes D8..DB) are never part of a Latin token.
        if (0xD8..=0xDB).contains(&bytes[pos]) {
            pos += 2;
            continue;
        }
        while urls.get(next_url).is_some_and(|u| u.end <= pos) {
            next_url += 1;
        }
        if !is_core(c) || urls.get(next_url).is_some_and(|u| u.contains(&pos)) {
            pos += c.len_utf8();
            continue;
        }
        let mut end = pos + c.len_utf8();
        while let Some(d) = char_at(source, end) {
            if is_core(d) {
                end += d.len_utf8();
            } else if let Some(e) =
                char_at(source, end + d.len_utf8()).filter(|&e| is_inner(d) && is_core(e))
            {
                end += d.len_utf8() + e.len_utf8();
            } else {
                break;
            }
        }
        let token = &source[pos..end];
        if token.chars().any(char::is_alphabetic) && token.chars().count() > 1 {
            out.push((pos..end, token));
        }
        pos = end;
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// True if `needle` occurs in `hay` not inside a longer word; both already lower-cased.
fn contains_lower_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, m)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + m.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// True if `needle` occurs in `hay` (case-insensitively) not inside a longer word.
#[cfg(test)]
fn contains_word(hay: &str, needle: &str) -> bool {
    contains_lower_word(&hay.to_lowercase(), &needle.to_lowercase())
}

/// English endings a name or acronym may take: plural and possessive (`MWPs`, `Sainsbury's`).
const NAME_ENDINGS: [&str; 5] = ["s", "es", "'s", "’s", "'"];

/// Dots after single letters dropped, so `U.S.`, `A.I.` and `US`, `AI` compare equal
/// (`end. Next` keeps its full stop).
fn undotted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut prev, mut prev2) = (' ', ' ');
    for c in text.chars() {
        let single_letter = prev.is_alphabetic() && !prev2.is_alphabetic();
        if !(c == '.' && single_letter) {
            out.push(c);
        }
        (prev2, prev) = (prev, c);
    }
    out
}

/// A translation prepared once for looking up every Latin token of its source.
struct Haystack {
    lower: String,
    undotted: String,
}

impl Haystack {
    fn new(target: &str) -> Haystack {
        let lower = target.to_lowercase();
        let undotted = undotted(&lower);
        Haystack { lower, undotted }
    }

    /// True if the translation has the token as a word, in a plural, possessive or dotted form.
    fn has(&self, token: &str) -> bool {
        let token = token.to_lowercase();
        if contains_lower_word(&self.lower, &token) {
            return true;
        }
        let forms = || NAME_ENDINGS.iter().map(|e| format!("{token}{e}"));
        if forms().any(|f| contains_lower_word(&self.lower, &f)) {
            return true;
        }
        let k = undotted(&token);
        contains_lower_word(&self.undotted, &k)
            || forms().any(|f| contains_lower_word(&self.undotted, &undotted(&f)))
    }
}

/// True if the translation has the token as a word, in a plural, possessive or dotted form.
#[cfg(test)]
fn has_token(target: &str, token: &str) -> bool {
    Haystack::new(target).has(token)
}

/// Latin tokens of the source (with its [`url_spans`] `urls`) that the translation does not
/// contain.
pub(super) fn latin_missing(
    source: &str,
    urls: &[Range<usize>],
    target: &str,
    findings: &mut Vec<Finding>,
) {
    let tokens = latin_tokens(source, urls);
    if tokens.is_empty() {
        return;
    }
    let hay = Haystack::new(target);
    let mut seen = std::collections::HashSet::new();
    for (span, token) in tokens {
        if hay.has(token) || !seen.insert(token.to_lowercase()) {
            continue;
        }
        findings.push(
            Finding::new(
                CheckKind::LatinTokenMissing,
                Severity::Warning,
                format!("“{token}” from the source is not in the translation"),
                format!("latin-missing:{token}"),
            )
            .with_spans(Some(span), None),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_tokens_include_acronyms_codes_and_urls() {
        let src = "صندوق بین‌المللی پول (IMF) و جنگنده F-35 و سایت www.irna.ir/news و U.S.";
        let urls = super::super::text::url_spans(src);
        let tokens: Vec<&str> = latin_tokens(src, &urls)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(tokens, ["IMF", "F-35", "www.irna.ir/news", "U.S"]);
    }

    #[test]
    fn word_containment_respects_word_edges() {
        assert!(contains_word("the imf said", "IMF"));
        assert!(!contains_word("the IMFs said", "IMF"));
        assert!(contains_word("(U.S.)", "U.S"));
    }

    #[test]
    fn plural_possessive_and_dotted_forms_count() {
        assert!(has_token("a change to MWPs (Member of ...)", "MWP"));
        assert!(has_token("Sainsbury's plans", "Sainsbury"));
        assert!(has_token("U.S. should double A.I. funding", "AI"));
        assert!(has_token("the US said", "U.S"));
        assert!(!has_token("the MWPX said", "MWP"));
        assert!(!has_token("the house said", "US"));
    }
}
