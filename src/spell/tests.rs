//! The speller against the real embedded dictionaries.

use super::*;

fn misspelt_words<'a>(speller: &Speller<'_>, source: &str, target: &'a str) -> Vec<&'a str> {
    speller
        .misspelt(source, target)
        .into_iter()
        .map(|r| &target[r])
        .collect()
}

#[test]
fn both_dictionaries_parse_and_know_their_spellings() {
    let gb = dictionary(Variant::EnGb).expect("en-GB parses");
    let us = dictionary(Variant::EnUs).expect("en-US parses");
    assert!(gb.check("colour") && gb.check("organise") && gb.check("centre"));
    assert!(us.check("color") && us.check("organize") && us.check("center"));
    assert!(!gb.check("color") && !us.check("colour"));
    // Measured once per process; printed with --nocapture.
    println!(
        "dictionary load: en-GB {:?}, en-US {:?}",
        load_time(Variant::EnGb),
        load_time(Variant::EnUs)
    );
}

#[test]
fn misspellings_are_found_and_correct_text_is_not() {
    let words = ProjectWords::default();
    let speller = Speller::new(Variant::EnGb, &words);
    let target = "The goverment said on Tuesday that Britain’s shares rose 3% in the \
                  well-known index, according to IRNA (www.irna.ir).";
    assert_eq!(misspelt_words(&speller, "", target), ["goverment"]);
    assert_eq!(
        misspelt_words(&speller, "", "It's the players' night; they don't recieve."),
        ["recieve"]
    );
    // Sentence-initial capitals and all-caps emphasis of dictionary words are fine.
    assert!(speller.misspelt("", "Police arrived.").is_empty());
}

#[test]
fn latin_words_of_the_source_and_the_project_list_count_as_known() {
    let mut words = ProjectWords::default();
    let target = "Ashtari told Khabarresa that Ashtari's plan works.";
    assert_eq!(
        misspelt_words(&Speller::new(Variant::EnGb, &words), "", target),
        ["Ashtari", "Khabarresa", "Ashtari's"]
    );
    // In Latin script in the Persian source: known in this sentence.
    assert_eq!(
        misspelt_words(
            &Speller::new(Variant::EnGb, &words),
            "به گزارش Khabarresa، اشتری گفت",
            target
        ),
        ["Ashtari", "Ashtari's"]
    );
    words.added.insert("Ashtari".to_owned());
    words.ignored.insert("khabarresa".to_owned());
    assert!(
        Speller::new(Variant::EnGb, &words)
            .misspelt("", target)
            .is_empty(),
        "added and ignored words, any case, possessive too"
    );
}

#[test]
fn variant_spellings_are_told_apart() {
    let words = ProjectWords::default();
    let gb = Speller::new(Variant::EnGb, &words);
    let us = Speller::new(Variant::EnUs, &words);
    assert_eq!(gb.spelling("color"), Spelling::OtherVariant);
    assert_eq!(gb.spelling("colour"), Spelling::Correct);
    assert_eq!(us.spelling("organised"), Spelling::OtherVariant);
    assert_eq!(gb.spelling("goverment"), Spelling::Unknown);
    assert_eq!(
        counterpart("color", Variant::EnGb).as_deref(),
        Some("colour")
    );
    assert_eq!(
        counterpart("organized", Variant::EnGb).as_deref(),
        Some("organised")
    );
    assert_eq!(
        counterpart("centre", Variant::EnUs).as_deref(),
        Some("center")
    );
    assert_eq!(
        counterpart("defence", Variant::EnUs).as_deref(),
        Some("defense")
    );
    assert_eq!(
        counterpart("traveled", Variant::EnGb).as_deref(),
        Some("travelled")
    );
    assert_eq!(counterpart("colour", Variant::EnGb), None, "already right");
}

#[test]
fn suggestions_put_the_likely_word_first() {
    let words = ProjectWords::default();
    let gb = Speller::new(Variant::EnGb, &words);
    let s = gb.suggest("goverment", 6);
    assert_eq!(s.first().map(String::as_str), Some("government"), "{s:?}");
    assert!(s.len() <= 6);
    assert_eq!(
        gb.suggest("color", 6).first().map(String::as_str),
        Some("colour")
    );
    let s = gb.suggest("recieve", 6);
    assert!(s.iter().any(|w| w == "receive"), "{s:?}");
    assert_eq!(
        Speller::new(Variant::EnUs, &words)
            .suggest("organise", 3)
            .first()
            .map(String::as_str),
        Some("organize")
    );
}

#[test]
fn project_words_round_trip_through_json() {
    let mut words = ProjectWords::default();
    words.added.insert("Ashtari".to_owned());
    words.ignored.insert("Khabarresa".to_owned());
    let json = serde_json::to_string(&words).unwrap_or_default();
    let back: ProjectWords = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(back, words);
    let empty: ProjectWords = serde_json::from_str("{}").unwrap_or_default();
    assert!(empty.is_empty());
    assert_eq!(Variant::parse("en_us"), Some(Variant::EnUs));
    assert_eq!(Variant::parse("en-GB"), Some(Variant::EnGb));
    assert_eq!(Variant::parse("fr"), None);
}

#[test]
fn names_added_to_the_project_are_offered_as_corrections() {
    let mut words = ProjectWords::default();
    words.added.insert("Ashtari".to_owned());
    words.added.insert("Mashhad".to_owned());
    words.ignored.insert("Ashtaru".to_owned());
    let us = Speller::new(Variant::EnUs, &words);
    let s = us.suggest("Ashtary", 7);
    assert_eq!(s.first().map(String::as_str), Some("Ashtari"), "{s:?}");
    assert!(
        !s.iter().any(|w| w == "Ashtaru"),
        "ignored words are not offered"
    );
    assert!(!s.iter().any(|w| w == "Mashhad"), "only near words: {s:?}");
    assert_eq!(
        us.suggest("mashad", 7).first().map(String::as_str),
        Some("Mashhad"),
        "any case, a letter missing"
    );
    assert!(
        us.suggest("goverment", 7)
            .first()
            .is_some_and(|w| w == "government")
    );
    // Without the word list the dictionary alone has nothing like the name.
    let none = ProjectWords::default();
    let plain = Speller::new(Variant::EnUs, &none).suggest("Ashtary", 7);
    assert!(!plain.iter().any(|w| w == "Ashtari"), "{plain:?}");
}
