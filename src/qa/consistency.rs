//! Consistency across a project: one Persian name rendered two ways in the English (`کاوانا`
//! as "Kavanaugh" in one sentence and "Kavanagh" in another).
//!
//! Without an aligner the link between a Persian word and an English name is inferred: two
//! capitalised English words that differ by one or two letters (not a plural or possessive),
//! in two sentences whose Persian sources share a word found in no sentence without one of
//! them, and that never appear in one sentence together. Such a pair is one warning, on the
//! later sentence, listing both places. Two spellings with different neighbours on the same
//! side (`Alan Lithgow` and `Allan McGregor`, both `آلن` in Persian) are two people. On the 327
//! real pairs of `tests/fixtures/realnews` as one project it gives no warning.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::text::{Lang, TokKind, is_arabic_letter, tokenize};
use super::{CheckKind, Finding, Severity};

/// Capitalised English words of at least four letters (names), as written.
fn names(target: &str) -> BTreeSet<&str> {
    target
        .split(|c: char| !(c.is_alphabetic() || c == '-'))
        .filter(|w| w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_uppercase))
        .filter(|w| !w.chars().all(char::is_uppercase))
        .collect()
}

/// Capitalised words that are not a name's part: titles and words that start sentences.
const NOT_NAME_PARTS: [&str; 40] = [
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Judge",
    "Justice",
    "President",
    "Prime",
    "Minister",
    "Senator",
    "Sen",
    "Rep",
    "Governor",
    "Gov",
    "General",
    "Gen",
    "Colonel",
    "Col",
    "Captain",
    "Capt",
    "Coach",
    "Manager",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Saint",
    "St",
    "The",
    "But",
    "And",
    "When",
    "In",
    "On",
];

/// The capitalised words written next to each occurrence of `name` in a target, in the same
/// run of capitalised words (`Alan Lithgow`: Lithgow is Alan's right neighbour), as
/// (left, right) sets. Possessives are dropped (`Halkett's`).
fn neighbours<'a>(target: &'a str, name: &str) -> (BTreeSet<&'a str>, BTreeSet<&'a str>) {
    // (start, end, word without a possessive) of each run of letters, hyphens, apostrophes.
    let mut words: Vec<(usize, usize, &str)> = Vec::new();
    let mut start = None;
    let ends = target
        .char_indices()
        .chain(std::iter::once((target.len(), ' ')));
    for (i, c) in ends {
        let inside = c.is_alphabetic() || matches!(c, '-' | '\'' | '’');
        match (start, inside) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let w = &target[s..i];
                let w = w.trim_end_matches("'s").trim_end_matches("’s");
                words.push((s, i, w.trim_matches(['\'', '’'])));
                start = None;
            }
            _ => {}
        }
    }
    let part = |k: usize| {
        words.get(k).map(|&(_, _, w)| w).filter(|w| {
            w.chars().count() >= 2
                && w.chars().next().is_some_and(char::is_uppercase)
                && !NOT_NAME_PARTS.contains(w)
        })
    };
    // Neighbours only when one space separates them (not "Lithgow, McGregor").
    let joined = |k: usize| match (words.get(k), words.get(k + 1)) {
        (Some(&(_, end, _)), Some(&(next, _, _))) => target.get(end..next) == Some(" "),
        _ => false,
    };
    let (mut left, mut right) = (BTreeSet::new(), BTreeSet::new());
    for (k, &(_, _, w)) in words.iter().enumerate() {
        if w != name {
            continue;
        }
        if let Some(l) = k.checked_sub(1).filter(|&j| joined(j)).and_then(part) {
            left.insert(l);
        }
        if let Some(r) = part(k + 1).filter(|_| joined(k)) {
            right.insert(r);
        }
    }
    (left, right)
}

/// True when the words around two spellings show two people: both have a neighbour on the
/// same side (a surname after a first name, a first name before a surname) and no neighbour
/// of one is, or is spelled like, a neighbour of the other (`Alan Lithgow`, `Allan McGregor`).
fn different_people(
    a: &(BTreeSet<&str>, BTreeSet<&str>),
    b: &(BTreeSet<&str>, BTreeSet<&str>),
) -> bool {
    let differ = |x: &BTreeSet<&str>, y: &BTreeSet<&str>| {
        !x.is_empty()
            && !y.is_empty()
            && !x.iter().any(|p| y.iter().any(|q| p == q || variant(p, q)))
    };
    differ(&a.0, &b.0) || differ(&a.1, &b.1)
}

/// Persian words of a source (normalised, ZWNJ dropped), at least three letters.
fn persian_words(source: &str) -> BTreeSet<String> {
    tokenize(source, Lang::Fa)
        .into_iter()
        .filter_map(|t| match t.kind {
            TokKind::Word(w) if w.chars().count() >= 3 && w.chars().all(is_arabic_letter) => {
                Some(w.into_owned())
            }
            _ => None,
        })
        .collect()
}

/// Endings that make one word of a name's family from another (Koreans/Koreas,
/// Democrats/Democratic, Iranians/Iranian).
const ENDINGS: [&str; 12] = [
    "", "s", "n", "ns", "an", "ans", "ian", "ians", "ic", "ics", "ese", "'s",
];

/// True when `a` and `b` share a stem of at least five letters and each ends it with one of
/// [`ENDINGS`]: two words of one family, not two spellings of one name.
fn two_endings(a: &str, b: &str) -> bool {
    let common = a
        .char_indices()
        .zip(b.chars())
        .take_while(|((_, x), y)| x == y)
        .last()
        .map_or(0, |((i, x), _)| i + x.len_utf8());
    common >= 5 && ENDINGS.contains(&&a[common..]) && ENDINGS.contains(&&b[common..])
}

/// True for two spellings of one name: one or two letters apart, not a plural or possessive.
fn variant(a: &str, b: &str) -> bool {
    if a == b || a.len().min(b.len()) < 4 {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // Plurals, possessives and derived words (Korea/Korean, Indonesia/Indonesian).
    let derived = long.starts_with(short)
        || long.starts_with(short.trim_end_matches(|c: char| "aeiouy".contains(c)))
        || two_endings(a, b);
    let first = |s: &str| s.chars().next();
    // Short words one letter apart, longer ones two (Thus/These are not one name).
    let limit = if short.chars().count() < 7 { 1 } else { 2 };
    !derived && first(a) == first(b) && (1..=limit).contains(&strsim::levenshtein(a, b))
}

/// Name consistency warnings for a project's (source, target) pairs, by segment index.
pub(super) fn check(pairs: &[(&str, &str)]) -> BTreeMap<usize, Vec<Finding>> {
    let mut out: BTreeMap<usize, Vec<Finding>> = BTreeMap::new();
    let names_of: Vec<BTreeSet<&str>> = pairs.iter().map(|(_, t)| names(t)).collect();
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, ns) in names_of.iter().enumerate() {
        for n in ns {
            by_name.entry(n).or_default().push(i);
        }
    }
    if by_name.len() < 2 {
        return out;
    }
    // Compared only within a first letter and a length difference of two: linear in practice.
    let mut all: Vec<&str> = by_name.keys().copied().collect();
    all.sort_unstable_by_key(|n| (n.chars().next(), n.len()));
    // Persian words per segment, only computed for segments that hold a candidate pair.
    let mut words: HashMap<usize, BTreeSet<String>> = HashMap::new();
    let mut words_of = |i: usize| -> BTreeSet<String> {
        words
            .entry(i)
            .or_insert_with(|| persian_words(pairs[i].0))
            .clone()
    };
    for (k, &a) in all.iter().enumerate() {
        for &b in &all[k + 1..] {
            if b.chars().next() != a.chars().next() || b.len() > a.len() + 2 {
                break;
            }
            if !variant(a, b) {
                continue;
            }
            let (ia, ib) = (&by_name[a], &by_name[b]);
            let (Some(&i), Some(&j)) = (ia.first(), ib.first()) else {
                continue;
            };
            // Two names in one sentence are two people (Wayde Sims and Will Wade).
            if i == j || ia.iter().any(|s| ib.contains(s)) {
                continue;
            }
            // So are two names with different surnames or first names next to them.
            let around = |name: &str, at: &[usize]| {
                let mut both = (BTreeSet::new(), BTreeSet::new());
                for &s in at {
                    let (l, r) = neighbours(pairs[s].1, name);
                    both.0.extend(l);
                    both.1.extend(r);
                }
                both
            };
            if different_people(&around(a, ia), &around(b, ib)) {
                continue;
            }
            let shared: Vec<String> = words_of(i).intersection(&words_of(j)).cloned().collect();
            let elsewhere = |w: &String| {
                (0..pairs.len())
                    .filter(|s| !ia.contains(s) && !ib.contains(s))
                    .any(|s| pairs[s].0.contains(w.as_str()))
            };
            let Some(word) = shared.iter().find(|w| !elsewhere(w)) else {
                continue;
            };
            let (first, later, n1, n2) = if i < j { (i, j, a, b) } else { (j, i, b, a) };
            out.entry(later).or_default().push(Finding::new(
                CheckKind::InconsistentName,
                Severity::Warning,
                format!(
                    "“{word}” is “{n1}” in sentence #{} and “{n2}” in sentence #{}",
                    first + 1,
                    later + 1
                ),
                format!("inconsistent-name:{n1}/{n2}"),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_name_two_spellings_is_a_warning_with_both_places() {
        let pairs = [
            ("کاوانا در جلسه حاضر شد.", "Kavanaugh attended the hearing."),
            ("مردم تماشا کردند.", "People watched."),
            (
                "کاوانا گفت که بی‌گناه است.",
                "Kavanagh said he was innocent.",
            ),
        ];
        let found = check(&pairs);
        let f = &found[&2][0];
        assert_eq!(f.kind, CheckKind::InconsistentName);
        assert_eq!(f.severity, Severity::Warning);
        assert!(
            f.message.contains("#1") && f.message.contains("#3"),
            "{}",
            f.message
        );
        assert!(!found.contains_key(&0) && !found.contains_key(&1));
    }

    #[test]
    fn different_surnames_or_first_names_are_two_people() {
        // Real news (NTREX dev #197, #203): two players, both آلن in Persian.
        let two_people = [
            (
                "پس از آن آلن لیتگف فقط توانست شوت او را منحرف کند.",
                "Then Alan Lithgow could only direct his effort wide.",
            ),
            (
                "اسکات پیتمن توسط آلن مک گرگور، دروازه‌بان رنجرز متوقف شد.",
                "Scott Pittman was denied by Rangers goalkeeper Allan McGregor.",
            ),
        ];
        assert!(check(&two_people).is_empty());
        // One person, the surname the same, the first name spelled two ways.
        let one_person = [
            ("آلن لیتگف شوت زد.", "Alan Lithgow shot wide."),
            ("آلن لیتگف دوباره شوت زد.", "Allan Lithgow shot again."),
        ];
        let found = check(&one_person);
        assert_eq!(found[&1][0].key, "inconsistent-name:Alan/Allan");
        // The surname spelled two ways after the same first name (or a title): one person.
        let surname = [
            (
                "قاضی برت کاوانا حاضر شد.",
                "Judge Brett Kavanaugh attended.",
            ),
            (
                "برت کاوانا گفت که بی‌گناه است.",
                "Brett Kavanagh said he was innocent.",
            ),
        ];
        assert_eq!(
            check(&surname)[&1][0].key,
            "inconsistent-name:Kavanaugh/Kavanagh"
        );
        assert_eq!(
            neighbours("Rangers goalkeeper Allan McGregor's save.", "Allan"),
            (BTreeSet::new(), BTreeSet::from(["McGregor"]))
        );
        assert_eq!(
            neighbours("“Alan Lithgow’s” shot — then Alan Lithgow's", "Alan"),
            (BTreeSet::new(), BTreeSet::from(["Lithgow"])),
            "positions stay right after multi-byte marks"
        );
        assert_eq!(
            neighbours("Mr Kavanagh, Lithgow and Judge Kavanagh", "Kavanagh"),
            (BTreeSet::new(), BTreeSet::new()),
            "titles are not name parts; a comma ends the run"
        );
    }

    #[test]
    fn plurals_possessives_and_unrelated_names_are_not() {
        assert!(!variant("Sainsbury", "Sainsbury's"));
        assert!(!variant("Ranger", "Rangers"));
        assert!(!variant("Korea", "Korean"));
        // Two words of one family: a plural against an adjective or another plural.
        assert!(!variant("Republicans", "Republican's"));
        assert!(!variant("Koreans", "Koreas"));
        assert!(!variant("Democrats", "Democratic"));
        assert!(!variant("Iranians", "Iranian"));
        assert!(
            variant("Davies", "Davis"),
            "one surname spelled two ways stays linked"
        );
        assert!(variant("Wayde", "Wayne"));
        assert!(!variant("Europa", "European"));
        assert!(!variant("Thus", "These"));
        assert!(variant("Kavanaugh", "Kavanagh"));
        assert!(!variant("Lloyd", "Floyd"));
        // Similar names whose sources share no distinctive word: not linked.
        let pairs = [
            ("سیمز بازیکن بود.", "Sims was a player."),
            ("سیمپسون دستگیر شد.", "Simpson was arrested."),
        ];
        assert!(check(&pairs).is_empty());
    }
}
