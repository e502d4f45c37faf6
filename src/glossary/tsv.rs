//! `OmegaT`'s tab-separated glossary: one term per line, `source<TAB>target<TAB>comment`
//! (the comment optional), UTF-8, lines starting with `#` and blank lines ignored.
//!
//! TSV has no place for admitted or forbidden variants, a domain or a part of speech. So that
//! a TBX → TSV → TBX conversion keeps them, Virast writes them at the end of the comment as
//! bracketed fields, `[admitted: the police] [forbidden: NAJA police; Naja] [domain: law]
//! [pos: properNoun]` (`OmegaT` shows the comment to translators, who then see them too), and
//! reads them back from there. A comment without them is the note as it is.

use std::path::Path;

use super::{Glossary, GlossaryError, PartOfSpeech, Position, Term, utf8};

/// The bracketed fields, in the order they are written.
const FIELDS: [&str; 4] = ["admitted", "forbidden", "domain", "pos"];

/// Read an `OmegaT` TSV glossary; `path` names the file in errors. A line with no tab or with
/// more than three fields is an error (nothing is read).
pub fn parse(bytes: &[u8], path: &Path) -> Result<Glossary, GlossaryError> {
    let text = utf8(bytes, path)?;
    let mut out = Glossary::default();
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if (line.trim().is_empty() && !line.contains('\t')) || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let malformed = |message: String, column: usize| GlossaryError::Malformed {
            path: path.to_path_buf(),
            line: i + 1,
            column,
            message,
        };
        if fields.len() < 2 {
            return Err(malformed(
                "no tab: a glossary line is source<TAB>target[<TAB>comment]".to_owned(),
                1,
            ));
        }
        if fields.len() > 3 {
            let column = fields[..3].iter().map(|f| f.len() + 1).sum::<usize>();
            return Err(malformed(
                format!(
                    "{} fields: a glossary line is source<TAB>target[<TAB>comment]",
                    fields.len()
                ),
                column,
            ));
        }
        let comment = fields.get(2).copied().unwrap_or_default();
        let mut term = Term::new(fields[0], fields[1]);
        read_comment(comment, &mut term);
        out.terms.push(term);
        out.positions.push(Position {
            line: i + 1,
            entry: 0,
        });
    }
    Ok(out)
}

/// The note and the bracketed fields at the end of `comment`.
fn read_comment(comment: &str, term: &mut Term) {
    let mut rest = comment.trim_end();
    while let Some(body) = rest.strip_suffix(']') {
        let Some(open) = body.rfind('[') else { break };
        let inner = &body[open + 1..];
        let Some((key, value)) = inner.split_once(':') else {
            break;
        };
        let key = key.trim();
        if !FIELDS.contains(&key) {
            break;
        }
        let list = || {
            value
                .split(';')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        match key {
            "admitted" => term.admitted = list(),
            "forbidden" => term.forbidden = list(),
            "domain" => value.trim().clone_into(&mut term.domain),
            _ => term.pos = PartOfSpeech::from_tbx(value),
        }
        rest = body[..open].trim_end();
    }
    rest.trim().clone_into(&mut term.note);
}

/// One field made safe for a TSV line: tabs and line breaks become spaces.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The comment of `term`: its note and its other fields in brackets.
fn comment(term: &Term) -> String {
    let mut parts = Vec::new();
    if !term.note.is_empty() {
        parts.push(clean(&term.note));
    }
    if !term.admitted.is_empty() {
        parts.push(format!("[admitted: {}]", clean(&term.admitted.join("; "))));
    }
    if !term.forbidden.is_empty() {
        parts.push(format!(
            "[forbidden: {}]",
            clean(&term.forbidden.join("; "))
        ));
    }
    if !term.domain.is_empty() {
        parts.push(format!("[domain: {}]", clean(&term.domain)));
    }
    if let Some(pos) = term.pos.tbx() {
        parts.push(format!("[pos: {pos}]"));
    }
    parts.join(" ")
}

/// Write `terms` as an `OmegaT` TSV glossary (tabs and line breaks inside a field become
/// spaces; [`super::check`] reports them beforehand).
pub fn write(terms: &[Term]) -> Vec<u8> {
    let mut s = String::new();
    for term in terms {
        s.push_str(&clean(&term.source));
        s.push('\t');
        s.push_str(&clean(&term.english));
        let comment = comment(term);
        if !comment.is_empty() {
            s.push('\t');
            s.push_str(&comment);
        }
        s.push('\n');
    }
    s.into_bytes()
}
