//! House style: one story, one English. A word spelt the other variant's way (`color` in an
//! en-GB story, `organise` in an en-US one) is a warning naming the story's spelling.
//!
//! The variant is the project's when it chose one ([`VariantChoice::Chosen`]); otherwise it is
//! inferred from the story itself ([`VariantChoice::Infer`]): the spellings of the majority
//! set the variant and only the minority is flagged, since "mixed in one story" is what the
//! check is for. Oxford spelling ([`HouseVariant::EnGbOxford`]: British `-our`/`-re` with
//! `-ize`) is a variant of its own. Proper nouns are not spellings: a capitalised word
//! ("Labour", "Chequers", "World Trade Center", "Defence Ministry") is neither counted nor
//! flagged, unless it only opens the sentence.

use super::{CheckKind, Finding, Severity};
use crate::spell::{ProjectWords, Speller, Spelling, Variant, counterpart, words};

/// The spelling a story is held to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HouseVariant {
    /// American English (color, organize, center).
    EnUs,
    /// British English with `-ise` (colour, organise, centre).
    EnGb,
    /// British English with `-ize`, Oxford spelling (colour, organize, centre; analyse).
    EnGbOxford,
}

impl HouseVariant {
    /// The language tag: `en-US`, `en-GB` or `en-GB-oxendict`.
    pub fn code(self) -> &'static str {
        match self {
            HouseVariant::EnUs => "en-US",
            HouseVariant::EnGb => "en-GB",
            HouseVariant::EnGbOxford => "en-GB-oxendict",
        }
    }

    /// "US", "UK" or "UK (Oxford)", for messages.
    pub fn short(self) -> &'static str {
        match self {
            HouseVariant::EnUs => "US",
            HouseVariant::EnGb => "UK",
            HouseVariant::EnGbOxford => "UK (Oxford)",
        }
    }

    /// The dictionary variant it spells by (Oxford: the British one, `-ize` allowed).
    pub fn dictionary(self) -> Variant {
        match self {
            HouseVariant::EnUs => Variant::EnUs,
            HouseVariant::EnGb | HouseVariant::EnGbOxford => Variant::EnGb,
        }
    }

    /// Reads a tag: `en-US`, `en-GB`, `en-GB-oxendict` (or `oxford`), case-insensitive.
    pub fn parse(tag: &str) -> Option<HouseVariant> {
        match tag.to_ascii_lowercase().replace('_', "-").as_str() {
            "en-gb-oxendict" | "oxford" | "en-gb-oxford" | "oxendict" => {
                Some(HouseVariant::EnGbOxford)
            }
            other => Variant::parse(other).map(HouseVariant::from),
        }
    }
}

impl From<Variant> for HouseVariant {
    fn from(v: Variant) -> HouseVariant {
        match v {
            Variant::EnUs => HouseVariant::EnUs,
            Variant::EnGb => HouseVariant::EnGb,
        }
    }
}

/// What a project says about its English.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VariantChoice {
    /// The project (or `virast check --english`) chose this variant.
    Chosen(HouseVariant),
    /// Nothing chosen: infer the variant from the story.
    Infer,
}

impl VariantChoice {
    /// The choice a project's `meta.english_variant` stands for. Format version 5 writes no
    /// `english_variant` for en-US, so "en-US chosen" and "nothing chosen" read the same:
    /// en-US infers, en-GB is a choice (docs/QA.md; a format step can store the choice).
    pub fn of_project(variant: Variant) -> VariantChoice {
        match variant {
            Variant::EnUs => VariantChoice::Infer,
            Variant::EnGb => VariantChoice::Chosen(HouseVariant::EnGb),
        }
    }

    /// Reads a tag: `auto` (infer) or a [`HouseVariant`] tag.
    pub fn parse(tag: &str) -> Option<VariantChoice> {
        if tag.eq_ignore_ascii_case("auto") {
            return Some(VariantChoice::Infer);
        }
        HouseVariant::parse(tag).map(VariantChoice::Chosen)
    }
}

/// The house style of one story, resolved: the variant it is held to and whether it was
/// inferred (for the message). `variant` is `None` when nothing was chosen and the story
/// gives no majority (no variant spellings, or as many of each): nothing is flagged then.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct House {
    /// The variant the story is held to.
    pub variant: Option<HouseVariant>,
    /// Inferred from the story rather than chosen.
    pub inferred: bool,
}

/// A variant spelling in a text: which way it is written and its counterpart.
#[derive(Clone, Debug)]
struct Form {
    /// Written the British way (else the American).
    british: bool,
    /// The pair differs only by `-ise`/`-ize` (organise/organize), which Oxford spells `-ize`.
    ize_pair: bool,
    /// The other variant's spelling.
    other: String,
}

/// Whether `a` and `b` differ in one letter, `s` in the British and `z` in the American, after
/// an `i` (organise/organize; not analyse/analyze, which Oxford keeps British).
fn ise_ize(british: &str, american: &str) -> bool {
    let (b, a) = (british.as_bytes(), american.as_bytes());
    if b.len() != a.len() {
        return false;
    }
    let diff: Vec<usize> = (0..b.len()).filter(|&i| b[i] != a[i]).collect();
    matches!(diff.as_slice(), [i] if *i > 0 && b[*i] == b's' && a[*i] == b'z' && b[*i - 1] == b'i')
}

/// Whether the word at `range` of `text` is a proper noun (or an acronym): capitalised, and
/// not merely the first word of a sentence followed by a lower-case word.
fn proper_noun(text: &str, word: &str, end: usize, start: usize) -> bool {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let before = text[..start].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '‘' | '(' | '«')
    });
    let opens = before.is_empty() || before.ends_with(['.', '!', '?', ':']);
    if !opens || word.chars().skip(1).any(char::is_uppercase) {
        return true;
    }
    // Sentence-initial: a name when the next word is capitalised too ("Defence Ministry").
    text[end..]
        .split_whitespace()
        .next()
        .and_then(|w| w.chars().find(|c| c.is_alphabetic()))
        .is_some_and(char::is_uppercase)
}

/// The variant spellings of `target` that are not proper nouns or words `known` accepts (the
/// project's, its glossaries'), with their byte ranges, in order.
fn forms<'t>(
    target: &'t str,
    project: &ProjectWords,
    known: impl Fn(&str) -> bool,
) -> Vec<(&'t str, std::ops::Range<usize>, Form)> {
    let us = Speller::new(Variant::EnUs, project);
    let gb = Speller::new(Variant::EnGb, project);
    let mut out = Vec::new();
    for w in words(target) {
        if known(w.text) || proper_noun(target, w.text, w.range.end, w.range.start) {
            continue;
        }
        let form = if us.spelling(w.text) == Spelling::OtherVariant {
            counterpart(w.text, Variant::EnUs).map(|other| Form {
                british: true,
                ize_pair: ise_ize(&w.text.to_lowercase(), &other.to_lowercase()),
                other,
            })
        } else if gb.spelling(w.text) == Spelling::OtherVariant {
            counterpart(w.text, Variant::EnGb).map(|other| Form {
                british: false,
                ize_pair: ise_ize(&other.to_lowercase(), &w.text.to_lowercase()),
                other,
            })
        } else {
            None
        };
        if let Some(form) = form {
            out.push((w.text, w.range, form));
        }
    }
    out
}

/// The evidence of a story's spelling: how many variant spellings of each kind its English
/// holds. Sums over sentences, so the desk keeps one per sentence and adds them up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// British spellings other than -ise.
    pub british: usize,
    /// British -ise where American writes -ize (organise).
    pub ise: usize,
    /// American spellings other than -ize.
    pub american: usize,
    /// American (and Oxford) -ize.
    pub ize: usize,
}

impl Evidence {
    /// The variant spellings of one English text (proper nouns and project words left out).
    pub fn of(target: &str, project: &ProjectWords) -> Evidence {
        let mut e = Evidence::default();
        for (_, _, f) in forms(target, project, |w| project.knows(w)) {
            match (f.british, f.ize_pair) {
                (true, false) => e.british += 1,
                (true, true) => e.ise += 1,
                (false, false) => e.american += 1,
                (false, true) => e.ize += 1,
            }
        }
        e
    }

    /// Both together.
    pub fn add(&mut self, other: Evidence) {
        self.british += other.british;
        self.ise += other.ise;
        self.american += other.american;
        self.ize += other.ize;
    }
}

/// Resolves the house style of a story (the English of its sentences) for `choice`.
pub fn resolve<'t>(
    targets: impl IntoIterator<Item = &'t str>,
    choice: VariantChoice,
    project: &ProjectWords,
) -> House {
    if let VariantChoice::Chosen(_) = choice {
        return decide(Evidence::default(), choice);
    }
    let mut all = Evidence::default();
    for t in targets {
        all.add(Evidence::of(t, project));
    }
    decide(all, choice)
}

/// The house style for `choice` given the story's `evidence`: the chosen variant, or the
/// majority (British with -ize is Oxford; a tie with variant spellings on both sides decides
/// nothing).
pub fn decide(evidence: Evidence, choice: VariantChoice) -> House {
    if let VariantChoice::Chosen(v) = choice {
        return House {
            variant: Some(v),
            inferred: false,
        };
    }
    let Evidence {
        british: b,
        ise,
        american: u,
        ize,
    } = evidence;
    let variant = match b.cmp(&u) {
        std::cmp::Ordering::Greater if ize > ise => Some(HouseVariant::EnGbOxford),
        std::cmp::Ordering::Greater => Some(HouseVariant::EnGb),
        std::cmp::Ordering::Less => Some(HouseVariant::EnUs),
        std::cmp::Ordering::Equal if b > 0 => None,
        std::cmp::Ordering::Equal => match ize.cmp(&ise) {
            std::cmp::Ordering::Greater => Some(HouseVariant::EnUs),
            std::cmp::Ordering::Less => Some(HouseVariant::EnGb),
            std::cmp::Ordering::Equal => None,
        },
    };
    House {
        variant,
        inferred: true,
    }
}

/// Variant-spelling warnings for one English text held to `house`, one per distinct word.
pub fn house_style_of(target: &str, house: House, project: &ProjectWords) -> Vec<Finding> {
    style_in(target, house, project, |w| project.knows(w))
}

/// [`house_style_of`] skipping every word `speller` knows beyond its dictionary: the
/// project's word list and the English of its glossaries (a term is never flagged as the other
/// variant's spelling).
pub fn house_style_known(target: &str, house: House, speller: &Speller<'_>) -> Vec<Finding> {
    style_in(target, house, speller.project_words(), |w| {
        speller.project_knows(w)
    })
}

fn style_in(
    target: &str,
    house: House,
    project: &ProjectWords,
    known: impl Fn(&str) -> bool,
) -> Vec<Finding> {
    let Some(variant) = house.variant else {
        return Vec::new();
    };
    let mut out: Vec<Finding> = Vec::new();
    for (text, range, form) in forms(target, project, known) {
        let wrong = match variant {
            HouseVariant::EnUs => form.british,
            HouseVariant::EnGb => !form.british,
            HouseVariant::EnGbOxford => form.british == form.ize_pair,
        };
        if !wrong {
            continue;
        }
        let key = format!("variant-spelling:{}", text.to_lowercase());
        if out.iter().any(|f| f.key == key) {
            continue;
        }
        let written = if form.british { "UK" } else { "US" };
        let (what, whose) = if house.inferred {
            ("the rest of this story is", variant.short())
        } else {
            ("this project is", variant.code())
        };
        out.push(
            Finding::new(
                CheckKind::VariantSpelling,
                Severity::Warning,
                format!(
                    "“{text}” is {written} spelling; {what} {whose} (“{}”)",
                    form.other
                ),
                key,
            )
            .with_spans(None, Some(range)),
        );
    }
    out
}

/// Variant-spelling warnings for one English text in the variant `speller` was made for
/// (chosen, not inferred), one per distinct word.
pub fn house_style(target: &str, speller: &Speller<'_>) -> Vec<Finding> {
    let house = House {
        variant: Some(speller.variant().into()),
        inferred: false,
    };
    house_style_known(target, house, speller)
}

#[cfg(test)]
mod tests;
