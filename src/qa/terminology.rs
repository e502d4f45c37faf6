//! The `terminology` check: a glossary term in the Persian and its English in the translation
//! (docs/GLOSSARY.md). A term whose preferred and admitted English are all missing is a
//! warning; a forbidden variant used is an error (a forbidden form inside an allowed one, as
//! "Iran" inside "Islamic Republic of Iran", does not count). English inflection is allowed
//! ([`crate::glossary::english`]).

use std::collections::HashSet;

use super::{CheckKind, Finding, Severity};
use crate::glossary::{TermBase, english};

/// The key of a missing term's finding.
fn missing_key(source: &str) -> String {
    format!("terminology:{source}")
}

/// The key of a forbidden variant's finding.
fn forbidden_key(form: &str) -> String {
    format!("terminology-forbidden:{form}")
}

/// The terminology findings of a sentence pair; nothing for an empty translation.
pub fn check(source: &str, target: &str, terms: &TermBase) -> Vec<Finding> {
    let mut out = Vec::new();
    if target.trim().is_empty() || terms.is_empty() {
        return out;
    }
    let mut seen = HashSet::new();
    for (range, r, term) in terms.terms_in(source) {
        if !seen.insert(r) {
            continue;
        }
        let allowed: Vec<std::ops::Range<usize>> = term
            .allowed()
            .flat_map(|form| english::find(target, form))
            .collect();
        let mut forbidden_used = false;
        for form in term.forbidden.iter().filter(|f| !f.trim().is_empty()) {
            let hit = english::find(target, form)
                .into_iter()
                .find(|h| !allowed.iter().any(|a| a.start <= h.start && h.end <= a.end));
            if let Some(hit) = hit {
                forbidden_used = true;
                out.push(
                    Finding::new(
                        CheckKind::Terminology,
                        Severity::Error,
                        format!(
                            "“{form}” is a forbidden rendering of “{}”: use “{}”",
                            term.source, term.english
                        ),
                        forbidden_key(form),
                    )
                    .with_spans(Some(range.clone()), Some(hit)),
                );
            }
        }
        if allowed.is_empty() && !forbidden_used {
            let admitted = if term.admitted.is_empty() {
                String::new()
            } else {
                format!(" (or {})", quoted(&term.admitted))
            };
            out.push(
                Finding::new(
                    CheckKind::Terminology,
                    Severity::Warning,
                    format!(
                        "“{}” is in the glossary as “{}”{admitted}, which the translation does not use",
                        term.source, term.english
                    ),
                    missing_key(&term.source),
                )
                .with_spans(Some(range), None),
            );
        }
    }
    out
}

fn quoted(forms: &[String]) -> String {
    forms
        .iter()
        .map(|f| format!("“{f}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Origin, Term, TermSet};

    fn base() -> TermBase {
        let mut naja = Term::new("ناجا", "NAJA");
        naja.admitted = vec!["the police".into()];
        naja.forbidden = vec!["NAJA police".into(), "Naja".into()];
        let mut iran = Term::new("جمهوری اسلامی", "Islamic Republic of Iran");
        iran.forbidden = vec!["Iran".into()];
        TermBase::new(vec![TermSet {
            origin: Origin::Project,
            terms: vec![naja, Term::new("کلانتری", "police station"), iran],
        }])
    }

    fn keys(source: &str, target: &str) -> Vec<(String, Severity)> {
        check(source, target, &base())
            .into_iter()
            .map(|f| (f.key, f.severity))
            .collect()
    }

    #[test]
    fn preferred_admitted_and_inflected_english_pass() {
        assert!(keys("ناجا اعلام کرد.", "NAJA announced.").is_empty());
        assert!(keys("ناجا اعلام کرد.", "The police announced.").is_empty());
        assert!(keys("کلانتری‌ها بسته شد.", "Police stations closed.").is_empty());
        assert!(keys("جمهوری اسلامی", "the Islamic Republic of Iran's army").is_empty());
        assert!(
            keys("ناجا", "").is_empty(),
            "an empty translation is reported elsewhere"
        );
    }

    #[test]
    fn missing_is_a_warning_and_forbidden_an_error() {
        assert_eq!(
            keys("ناجا اعلام کرد.", "Officers announced."),
            [("terminology:ناجا".to_owned(), Severity::Warning)]
        );
        assert_eq!(
            keys("ناجا اعلام کرد.", "Naja announced."),
            [("terminology-forbidden:Naja".to_owned(), Severity::Error)]
        );
        assert_eq!(
            keys("جمهوری اسلامی", "Iran said"),
            [("terminology-forbidden:Iran".to_owned(), Severity::Error)]
        );
        let f = check("ناجا اعلام کرد.", "Naja announced.", &base());
        assert_eq!(f[0].target_span, Some(0..4));
        assert_eq!(f[0].source_span, Some(0..8));
    }
}
