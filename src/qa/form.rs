//! Form checks on the translation: spaces, doubled words, brackets and quotes, end punctuation.

use std::ops::Range;

use super::text::{Tok, is_arabic_letter};
use super::{CheckKind, Finding, ParagraphContext, Severity};

pub(super) fn check(
    source: &str,
    target: &str,
    paragraph: &ParagraphContext,
    findings: &mut Vec<Finding>,
) {
    whitespace(source, target, findings);
    doubled_word(target, findings);
    unbalanced(paragraph, findings);
    end_punctuation(source, target, findings);
}

/// Persian words that are doubled on purpose (کم کم gradually, تک تک one by one).
const REDUPLICATED: [&str; 12] = [
    "کم", "آرام", "تک", "گاه", "جا", "دسته", "گروه", "ذره", "قطره", "یواش", "خرده", "دانه",
];

/// Notices about the source itself, for the editor to pass on to the Persian desk: a word
/// typed twice (`و و`) and a quote or bracket of this sentence that nothing pairs with in its
/// paragraph.
pub(super) fn source_notices(
    toks: &[Tok],
    paragraph: &ParagraphContext,
    findings: &mut Vec<Finding>,
) {
    for pair in toks.windows(2) {
        let (Some(a), Some(b)) = (pair[0].word(), pair[1].word()) else {
            continue;
        };
        if a == b
            && pair[1].space_before
            && a.chars().all(is_arabic_letter)
            && !REDUPLICATED.contains(&a)
        {
            findings.push(
                Finding::new(
                    CheckKind::SourceNotice,
                    Severity::Info,
                    format!("The source has “{a}” twice in a row"),
                    format!("source-doubled:{a}"),
                )
                .with_spans(Some(pair[0].span.start..pair[1].span.end), None),
            );
            break;
        }
    }
    for (stray, (key, name)) in paragraph.source_strays.into_iter().zip(MARK_KINDS) {
        if stray {
            findings.push(Finding::new(
                CheckKind::SourceNotice,
                Severity::Info,
                format!(
                    "The source has unbalanced {name}: one in this sentence is not paired anywhere in its paragraph"
                ),
                format!("source-unbalanced:{key}"),
            ));
        }
    }
}

fn is_hspace(c: char) -> bool {
    c.is_whitespace() && c != '\n' && c != '\r'
}

fn whitespace(source: &str, target: &str, findings: &mut Vec<Finding>) {
    let lead = target.len() - target.trim_start().len();
    if lead > 0 && source.trim_start().len() == source.len() {
        findings.push(
            Finding::new(
                CheckKind::Whitespace,
                Severity::Warning,
                "The translation starts with a space".to_owned(),
                "leading-space".to_owned(),
            )
            .with_spans(None, Some(0..lead)),
        );
    }
    let body_end = target.trim_end().len();
    if body_end < target.len() && source.trim_end().len() == source.len() {
        findings.push(
            Finding::new(
                CheckKind::Whitespace,
                Severity::Warning,
                "The translation ends with a space".to_owned(),
                "trailing-space".to_owned(),
            )
            .with_spans(None, Some(body_end..target.len())),
        );
    }
    let body = &target[lead.min(body_end)..body_end];
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_hspace(c) && chars.peek().is_some_and(|&(_, d)| is_hspace(d)) {
            let run = body[i..].len() - body[i..].trim_start_matches(is_hspace).len();
            // Two spaces after a full stop is a typewriter habit house styles rule out.
            let message = match body[..i].chars().next_back() {
                Some(p @ ('.' | ',' | ';' | ':' | '!' | '?')) => {
                    format!("Two spaces after “{p}”: house style is one")
                }
                _ => "The translation has a double space".to_owned(),
            };
            findings.push(
                Finding::new(
                    CheckKind::Whitespace,
                    Severity::Warning,
                    message,
                    "double-space".to_owned(),
                )
                .with_spans(None, Some(lead + i..lead + i + run)),
            );
            return;
        }
    }
}

/// Word pairs that are correct English when doubled ("he said that that was wrong").
const DOUBLE_OK: [&str; 2] = ["that", "had"];

/// Equal ignoring case, without allocating (`The`/`the`, `It’s`/`it’s`).
fn same_word(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    }
}

fn doubled_word(target: &str, findings: &mut Vec<Finding>) {
    let mut prev: Option<Range<usize>> = None;
    let mut reported: Vec<String> = Vec::new();
    let mut chars = target.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphabetic() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, d)) = chars.peek() {
            if d.is_alphabetic() || d == '\'' || d == '’' {
                end = i + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let word = &target[start..end];
        if let Some(prev_span) = &prev {
            let gap = &target[prev_span.end..start];
            let only_spaces = !gap.is_empty() && gap.chars().all(is_hspace);
            // `Roa Roa Hotel`, `Bora Bora`: a capitalised pair is a name.
            let capitalised = c.is_uppercase();
            if only_spaces && !capitalised && same_word(&target[prev_span.clone()], word) {
                let lower = word.to_lowercase();
                if !DOUBLE_OK.contains(&lower.as_str()) && !reported.contains(&lower) {
                    findings.push(
                        Finding::new(
                            CheckKind::DoubledWord,
                            Severity::Warning,
                            format!("“{word}” is doubled"),
                            format!("doubled-word:{lower}"),
                        )
                        .with_spans(None, Some(prev_span.start..end)),
                    );
                    reported.push(lower);
                }
            }
        }
        prev = Some(start..end);
    }
}

/// The kinds of paired marks followed: parentheses, square brackets, quotation marks (finding
/// key and name).
const MARK_KINDS: [(&str, &str); 3] = [
    ("()", "parentheses"),
    ("[]", "square brackets"),
    ("quotes", "quotation marks"),
];

/// Per kind of [`MARK_KINDS`]: whether a sentence holds a mark left unpaired in its paragraph.
pub(super) type Strays = [bool; 3];

/// What a mark does.
#[derive(Clone, Copy)]
enum Role {
    Open,
    Close,
    /// A straight `"`: closes the open quote, or opens one.
    Either,
}

/// The paired marks of a text in order, as (kind, role). Read byte by byte: every mark is
/// ASCII or a fixed UTF-8 sequence (`«` C2 AB, `»` C2 BB, `“` E2 80 9C, `”` E2 80 9D), and a
/// Persian sentence is hundreds of bytes with none of them.
fn for_each_mark(text: &str, mut f: impl FnMut(usize, Role)) {
    /// The bytes a mark starts with.
    static MARK_BYTES: [bool; 256] = {
        let mut t = [false; 256];
        let mut k = 0;
        let starts = *b"()[]\"\xC2\xE2";
        while k < starts.len() {
            t[starts[k] as usize] = true;
            k += 1;
        }
        t
    };
    let bytes = text.as_bytes();
    for (k, &c) in bytes.iter().enumerate() {
        if !MARK_BYTES[usize::from(c)] {
            continue;
        }
        match c {
            b'(' => f(0, Role::Open),
            b')' => f(0, Role::Close),
            b'[' => f(1, Role::Open),
            b']' => f(1, Role::Close),
            b'"' => f(2, Role::Either),
            0xC2 => match bytes.get(k + 1) {
                Some(0xAB) => f(2, Role::Open),
                Some(0xBB) => f(2, Role::Close),
                _ => {}
            },
            0xE2 if bytes.get(k + 1) == Some(&0x80) => match bytes.get(k + 2) {
                Some(0x9C) => f(2, Role::Open),
                Some(0x9D) => f(2, Role::Close),
                _ => {}
            },
            _ => {}
        }
    }
}

/// For each sentence of a paragraph, in order, the kinds of marks it leaves unpaired in the
/// paragraph. A quote opened in one sentence and closed in a later one pairs up; a closing mark
/// with nothing open before it, or an opening one never closed, is a stray of its sentence.
/// Straight quotes close the quote that is open (of any style: `"…»` is how some Persian is
/// typed) or open one.
pub(super) fn paragraph_strays<'a>(sentences: impl IntoIterator<Item = &'a str>) -> Vec<Strays> {
    // The sentence of every mark still open, per kind.
    let mut open: [Vec<usize>; 3] = Default::default();
    let mut strays: Vec<Strays> = Vec::new();
    for (i, text) in sentences.into_iter().enumerate() {
        let mut own = [false; 3];
        for_each_mark(text, |kind, role| {
            let stack = &mut open[kind];
            match role {
                Role::Open => stack.push(i),
                Role::Close => {
                    if stack.pop().is_none() {
                        own[kind] = true;
                    }
                }
                Role::Either => {
                    if stack.pop().is_none() {
                        stack.push(i);
                    }
                }
            }
        });
        strays.push(own);
    }
    for (kind, stack) in open.iter().enumerate() {
        for &i in stack {
            strays[i][kind] = true;
        }
    }
    strays
}

/// A mark of the translation that nothing pairs with in its paragraph is a warning, unless the
/// source's paragraph is unbalanced the same way (the source notice covers that).
fn unbalanced(paragraph: &ParagraphContext, findings: &mut Vec<Finding>) {
    let kinds = paragraph
        .target_strays
        .into_iter()
        .zip(paragraph.source_paragraph_unbalanced)
        .zip(MARK_KINDS);
    for ((stray, source_unbalanced), (key, name)) in kinds {
        if stray && !source_unbalanced {
            findings.push(Finding::new(
                CheckKind::UnbalancedBrackets,
                Severity::Warning,
                format!(
                    "The translation has unbalanced {name}: one in this sentence is not paired anywhere in its paragraph"
                ),
                format!("unbalanced:{key}"),
            ));
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum End {
    None,
    Period,
    Question,
    Exclamation,
    Ellipsis,
}

impl End {
    fn mark(self) -> &'static str {
        match self {
            End::None => "",
            End::Period => ".",
            End::Question => "?",
            End::Exclamation => "!",
            End::Ellipsis => "…",
        }
    }
}

/// The end mark of a text, whether a closing quote/bracket is in the final cluster, and the
/// cluster's byte range.
fn tail(text: &str) -> (End, bool, Range<usize>) {
    let body = text.trim_end();
    let cluster_start = body
        .char_indices()
        .rev()
        .take_while(|&(_, c)| {
            matches!(
                c,
                '.' | '!' | '?' | '؟' | '…' | '۔' | '»' | '”' | '"' | '’' | '\'' | ')' | ']'
            )
        })
        .last()
        .map_or(body.len(), |(i, _)| i);
    let cluster = &body[cluster_start..];
    let end = if cluster.contains(['?', '؟']) {
        End::Question
    } else if cluster.contains('!') {
        End::Exclamation
    } else if cluster.contains('…') || cluster.contains("...") {
        End::Ellipsis
    } else if cluster.contains(['.', '۔']) {
        End::Period
    } else {
        End::None
    };
    let quote = cluster.contains(['»', '”', '"', '’', '\'']);
    (end, quote, cluster_start..body.len())
}

/// True when the text ends with a letter, digit or closing quote (not `,` `:` `;` `-`).
fn ends_in_word(text: &str) -> bool {
    text.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '"' | '”' | '\'' | '’' | ')'))
}

/// The end mark inside the last quotation of a text (`«…؟»`, `"…?"`), if it has one: in
/// reported speech Persian puts the quote last (`او پرسید: «…؟»`) and English puts the speech
/// tag last (`"…?" she asked.`), so the sentences' last marks differ but the quotes' agree.
fn quote_end(text: &str) -> End {
    // The last `»` (C2 BB), `”` (E2 80 9D) or `"`, found from the end byte by byte.
    let bytes = text.as_bytes();
    let close = (0..bytes.len()).rev().find_map(|k| match bytes[k] {
        b'"' => Some(k),
        0xBB if k >= 1 && bytes[k - 1] == 0xC2 => Some(k - 1),
        0x9D if k >= 2 && bytes[k - 2..k] == [0xE2, 0x80] => Some(k - 2),
        _ => None,
    });
    let Some(close) = close else {
        return End::None;
    };
    let inner =
        text[..close].trim_end_matches(|c: char| c.is_whitespace() || c == '\'' || c == '’');
    match inner.chars().next_back() {
        Some('?' | '؟') => End::Question,
        Some('!') => End::Exclamation,
        Some('…') => End::Ellipsis,
        Some('.' | '۔') if inner.ends_with("...") => End::Ellipsis,
        Some('.' | '۔') => End::Period,
        _ => End::None,
    }
}

/// Verbs of a speech tag that may follow quoted speech in English.
const SPEECH_VERBS: [&str; 16] = [
    "said",
    "says",
    "asked",
    "asks",
    "added",
    "adds",
    "told",
    "wondered",
    "wonders",
    "replied",
    "wrote",
    "writes",
    "tweeted",
    "continued",
    "shouted",
    "insisted",
];

/// The end mark of speech followed by its tag (`'… masculinity?,' he said.`, `Why? she
/// asked.`, `"…!" shouted the crowd.`): the last `?` or `!` when what follows it is closing
/// quotes or a comma, then a short tag of at most eight words holding a verb of speech.
fn attributed_end(text: &str) -> End {
    let Some(at) = text.rfind(['?', '!', '؟']) else {
        return End::None;
    };
    let mark = if text[at..].starts_with('!') {
        End::Exclamation
    } else {
        End::Question
    };
    let after = text[at..]
        .trim_start_matches(['?', '!', '؟'])
        .trim_start_matches([',', '\'', '"', '’', '”', '»']);
    if !after.starts_with(char::is_whitespace) {
        return End::None;
    }
    let tag = after.trim().trim_end_matches('.');
    let words: Vec<&str> = tag.split_whitespace().collect();
    let speech = words.iter().any(|w| {
        SPEECH_VERBS.contains(
            &w.trim_matches(|c: char| !c.is_alphabetic())
                .to_lowercase()
                .as_str(),
        )
    });
    if words.len() <= 8 && speech && !tag.contains(['.', '?', '!', '"', '“', '”']) {
        mark
    } else {
        End::None
    }
}

fn end_punctuation(source: &str, target: &str, findings: &mut Vec<Finding>) {
    let (src_end, src_quote, src_span) = tail(source);
    let (tgt_end, tgt_quote, tgt_span) = tail(target);
    // Only looked for when the ends differ.
    let reported_speech = || {
        (src_end != End::None && quote_end(target) == src_end)
            || (tgt_end != End::None && quote_end(source) == tgt_end)
            || (matches!(src_end, End::Question | End::Exclamation)
                && attributed_end(target) == src_end)
    };
    let severity = match (src_end, tgt_end) {
        (End::None, _) => None,
        (s, t) if s == t => None,
        _ if reported_speech() => None,
        // A headline without a full stop ("Watch: ...") is news style; a sentence cut off at a
        // comma or colon is not.
        (End::Period, End::None) if ends_in_word(target) => Some(Severity::Info),
        (End::Question, _) => Some(Severity::Error),
        // Toning down "!" or "…" to "." is a common editorial choice.
        (End::Exclamation | End::Ellipsis, End::Period) => Some(Severity::Info),
        _ => Some(Severity::Warning),
    };
    if let Some(severity) = severity {
        let got = match tgt_end {
            End::None => "no end punctuation".to_owned(),
            e => format!("“{}”", e.mark()),
        };
        findings.push(
            Finding::new(
                CheckKind::EndPunctuation,
                severity,
                format!(
                    "The source ends with “{}” but the translation has {got}",
                    src_end.mark()
                ),
                format!("end-punctuation:{}", src_end.mark()),
            )
            .with_spans(Some(src_span.clone()), Some(tgt_span.clone())),
        );
    }
    // `«…»` last in Persian, `"…," he said.` in English: only a translation without any
    // quotation mark has lost the quote.
    let has_quote = || {
        target.contains(['"', '“', '”', '«', '»', '‘'])
            || target.starts_with('\'')
            || target.contains(" '")
    };
    if src_quote && !tgt_quote && !has_quote() {
        findings.push(
            Finding::new(
                CheckKind::EndPunctuation,
                Severity::Warning,
                "The source ends with a closing quote but the translation does not".to_owned(),
                "end-quote".to_owned(),
            )
            .with_spans(Some(src_span), Some(tgt_span)),
        );
    }
}
