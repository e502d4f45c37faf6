//! `virast glossary FILE --check`: what is wrong with a glossary, entry by entry.

use std::collections::HashMap;

use serde::Serialize;

use super::{Glossary, Position};
use crate::search::normalize;

/// One problem of a glossary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Where it is.
    pub position: Position,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.position, self.message)
    }
}

/// The problems of `glossary`, in file order: an empty Persian or English side, a Persian
/// term listed twice (also spelt differently but the same after normalisation), an English
/// form that is both preferred (or admitted) and forbidden, a field with a tab or line break.
pub fn check(glossary: &Glossary) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, (usize, Position)> = HashMap::new();
    for (i, term) in glossary.terms.iter().enumerate() {
        let position = glossary.position(i);
        let mut problem = |message: String| out.push(Problem { position, message });
        let source = term.source.trim();
        if source.is_empty() {
            problem(format!(
                "the Persian term is empty (English “{}”)",
                term.english
            ));
        }
        if term.english.trim().is_empty() {
            problem(format!("“{source}” has no preferred English"));
        }
        let key = normalize(source);
        if !key.is_empty() {
            match seen.get(&key) {
                Some((j, first)) => {
                    let earlier = &glossary.terms[*j];
                    let same = if earlier.source == term.source {
                        String::new()
                    } else {
                        format!(" (as “{}”)", earlier.source)
                    };
                    problem(format!(
                        "“{source}” is listed twice: also at {first}{same}, which is the one used"
                    ));
                    for form in term.allowed() {
                        if earlier.forbidden.iter().any(|f| f.trim() == form.trim()) {
                            problem(format!(
                                "“{form}” is used for “{source}” here but forbidden at {first}"
                            ));
                        }
                    }
                }
                None => {
                    seen.insert(key, (i, position));
                }
            }
        }
        for form in term.allowed() {
            if term.forbidden.iter().any(|f| f.trim() == form.trim()) {
                problem(format!(
                    "“{form}” is both preferred or admitted and forbidden for “{source}”"
                ));
            }
        }
        let fields = [&term.source, &term.english, &term.note, &term.domain]
            .into_iter()
            .chain(&term.admitted)
            .chain(&term.forbidden);
        if fields.into_iter().any(|f| f.contains(['\t', '\n', '\r'])) {
            problem(format!(
                "“{source}” has a tab or line break in a field (a TSV glossary cannot keep it)"
            ));
        }
    }
    out
}
