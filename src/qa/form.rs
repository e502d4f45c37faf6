//! Form checks on the translation: spaces, doubled words, brackets and quotes, end punctuation.

use std::ops::Range;

use super::text::{Lang, is_arabic_letter, tokenize};
use super::{CheckKind, Finding, Severity};

pub(super) fn check(source: &str, target: &str, findings: &mut Vec<Finding>) {
    whitespace(source, target, findings);
    doubled_word(target, findings);
    unbalanced(source, target, findings);
    end_punctuation(source, target, findings);
}

/// Persian words that are doubled on purpose (کم کم gradually, تک تک one by one).
const REDUPLICATED: [&str; 12] = [
    "کم", "آرام", "تک", "گاه", "جا", "دسته", "گروه", "ذره", "قطره", "یواش", "خرده", "دانه",
];

/// Notices about the source itself, for the editor to pass on to the Persian desk: a word
/// typed twice (`و و`) and quotes or brackets that do not pair up within the sentence.
pub(super) fn source_notices(source: &str, findings: &mut Vec<Finding>) {
    let toks = tokenize(source, Lang::Fa);
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
    let names = [
        ("()", "parentheses"),
        ("[]", "square brackets"),
        ("quotes", "quotation marks"),
    ];
    for (open, (key, name)) in balance(source).into_iter().zip(names) {
        if open != 0 {
            findings.push(Finding::new(
                CheckKind::SourceNotice,
                Severity::Info,
                format!(
                    "The source has unbalanced {name} (a quote may go on in the next sentence)"
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

fn doubled_word(target: &str, findings: &mut Vec<Finding>) {
    let mut prev: Option<(Range<usize>, String)> = None;
    let mut seen = std::collections::HashSet::new();
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
        let word = target[start..end].to_lowercase();
        if let Some((prev_span, prev_word)) = &prev {
            let gap = &target[prev_span.end..start];
            let only_spaces = !gap.is_empty() && gap.chars().all(is_hspace);
            // `Roa Roa Hotel`, `Bora Bora`: a capitalised pair is a name.
            let capitalised = target[start..end]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            if only_spaces
                && !capitalised
                && *prev_word == word
                && !DOUBLE_OK.contains(&word.as_str())
                && seen.insert(word.clone())
            {
                findings.push(
                    Finding::new(
                        CheckKind::DoubledWord,
                        Severity::Warning,
                        format!("“{}” is doubled", &target[start..end]),
                        format!("doubled-word:{word}"),
                    )
                    .with_spans(None, Some(prev_span.start..end)),
                );
            }
        }
        prev = Some((start..end, word));
    }
}

/// Open-minus-close counts: parentheses, square brackets, and quotes (curly, guillemets, and
/// an odd number of straight double quotes).
fn balance(text: &str) -> [i64; 3] {
    let mut b = [0i64; 3];
    let mut straight = 0;
    for c in text.chars() {
        match c {
            '(' => b[0] += 1,
            ')' => b[0] -= 1,
            '[' => b[1] += 1,
            ']' => b[1] -= 1,
            '“' | '«' => b[2] += 1,
            '”' | '»' => b[2] -= 1,
            '"' => straight += 1,
            _ => {}
        }
    }
    b[2] += straight % 2;
    b
}

fn unbalanced(source: &str, target: &str, findings: &mut Vec<Finding>) {
    let (src, tgt) = (balance(source), balance(target));
    let names = [
        ("()", "parentheses"),
        ("[]", "square brackets"),
        ("quotes", "quotation marks"),
    ];
    for ((s, t), (key, name)) in src.into_iter().zip(tgt).zip(names) {
        // A quote may open in one sentence and close in the next: only flag what the source
        // does not share.
        if t != 0 && s == 0 {
            findings.push(Finding::new(
                CheckKind::UnbalancedBrackets,
                Severity::Warning,
                format!("The translation has unbalanced {name}"),
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
    let Some((close, _)) = text
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '»' | '”' | '"'))
    else {
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

fn end_punctuation(source: &str, target: &str, findings: &mut Vec<Finding>) {
    let (src_end, src_quote, src_span) = tail(source);
    let (tgt_end, tgt_quote, tgt_span) = tail(target);
    let reported_speech = (src_end != End::None && quote_end(target) == src_end)
        || (tgt_end != End::None && quote_end(source) == tgt_end);
    let severity = match (src_end, tgt_end) {
        (End::None, _) => None,
        (s, t) if s == t => None,
        _ if reported_speech => None,
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
    let has_quote = target.contains(['"', '“', '”', '«', '»', '‘'])
        || target.starts_with('\'')
        || target.contains(" '");
    if src_quote && !tgt_quote && !has_quote {
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
