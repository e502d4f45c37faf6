//! House style: the project's English variant. A word spelt the other variant's way (`color`
//! in an en-GB project, `organise` in an en-US one) is a warning naming the project's
//! spelling, so one story never mixes the two.

use super::{CheckKind, Finding, Severity};
use crate::spell::{Speller, Spelling, counterpart, words};

/// Variant-spelling warnings for one English text, one per distinct word.
pub fn house_style(target: &str, speller: &Speller<'_>) -> Vec<Finding> {
    let variant = speller.variant();
    let mut out: Vec<Finding> = Vec::new();
    for w in words(target) {
        // A word of the project's list ("Ignore in this project") is the project's choice.
        if speller.spelling(w.text) != Spelling::OtherVariant || speller.project_knows(w.text) {
            continue;
        }
        let key = format!("variant-spelling:{}", w.text.to_lowercase());
        if out.iter().any(|f| f.key == key) {
            continue;
        }
        let ours = counterpart(w.text, variant)
            .map(|c| format!(" (“{c}”)"))
            .unwrap_or_default();
        out.push(
            Finding::new(
                CheckKind::VariantSpelling,
                Severity::Warning,
                format!(
                    "“{}” is {} spelling; this project is {}{ours}",
                    w.text,
                    variant.other().short(),
                    variant.code()
                ),
                key,
            )
            .with_spans(None, Some(w.range)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spell::{ProjectWords, Variant};

    #[test]
    fn the_other_variant_is_a_warning_with_our_spelling() {
        let words = ProjectWords::default();
        let gb = Speller::new(Variant::EnGb, &words);
        let text = "The color of the organized center; the color again.";
        let found = house_style(text, &gb);
        let keys: Vec<&str> = found.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "variant-spelling:color",
                "variant-spelling:organized",
                "variant-spelling:center"
            ]
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].message,
            "“color” is US spelling; this project is en-GB (“colour”)"
        );
        assert_eq!(found[0].target_span, Some(4..9));
        let us = Speller::new(Variant::EnUs, &words);
        assert!(house_style(text, &us).is_empty());
        assert_eq!(house_style("The colour of the centre.", &us).len(), 2);
        assert!(
            house_style("The goverment said.", &gb).is_empty(),
            "a plain misspelling is not a variant"
        );
    }
}
