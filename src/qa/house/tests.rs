use super::*;

fn keys(found: &[Finding]) -> Vec<&str> {
    found.iter().map(|f| f.key.as_str()).collect()
}

/// The warnings of a story (its sentences) under `choice`, per sentence.
fn story(sentences: &[&str], choice: VariantChoice) -> Vec<Vec<Finding>> {
    let words = ProjectWords::default();
    let house = resolve(sentences.iter().copied(), choice, &words);
    sentences
        .iter()
        .map(|s| house_style_of(s, house, &words))
        .collect()
}

#[test]
fn the_other_variant_is_a_warning_with_our_spelling() {
    let words = ProjectWords::default();
    let gb = Speller::new(Variant::EnGb, &words);
    let text = "The color of the organized center; the color again.";
    let found = house_style(text, &gb);
    assert_eq!(
        keys(&found),
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

#[test]
fn a_british_story_with_nothing_chosen_is_held_to_british() {
    let found = story(
        &[
            "Ministers will prioritise the programme, the spokesman said.",
            "The harbour at the centre of the town flooded on Tuesday.",
            "Critics said the plan would jeopardize the neighbourhood.",
        ],
        VariantChoice::Infer,
    );
    assert!(found[0].is_empty() && found[1].is_empty(), "{found:?}");
    assert_eq!(keys(&found[2]), ["variant-spelling:jeopardize"]);
    assert_eq!(
        found[2][0].message,
        "“jeopardize” is US spelling; the rest of this story is UK (“jeopardise”)"
    );
}

#[test]
fn an_american_story_flags_only_its_british_minority() {
    let found = story(
        &[
            "The color guard marched past the theater downtown.",
            "Officials will analyze the traveler data from the center.",
            "The mayor said the honour was hers.",
        ],
        VariantChoice::Infer,
    );
    assert!(found[0].is_empty() && found[1].is_empty(), "{found:?}");
    assert_eq!(keys(&found[2]), ["variant-spelling:honour"]);
}

#[test]
fn a_story_with_no_majority_is_not_flagged() {
    let found = story(
        &["The colour of the flag.", "The color of the sky."],
        VariantChoice::Infer,
    );
    assert!(found.iter().all(Vec::is_empty), "{found:?}");
    let found = story(&["Rain fell on the town."], VariantChoice::Infer);
    assert!(found.iter().all(Vec::is_empty));
}

#[test]
fn proper_nouns_are_not_spellings() {
    // A British story naming American places and institutions, and the reverse.
    let found = story(
        &[
            "Labour said the Prime Minister had gone to Chequers.",
            "The memorial at the World Trade Center drew a crowd of neighbours.",
            "Colour photographs were released by the Pentagon's Defense Department.",
        ],
        VariantChoice::Infer,
    );
    assert!(found.iter().all(Vec::is_empty), "{found:?}");
    let found = story(
        &[
            "The Defence Ministry in London said the labor talks at the center had failed.",
            "Defence Ministry officials declined to comment.",
        ],
        VariantChoice::Chosen(HouseVariant::EnUs),
    );
    assert_eq!(found[0].len(), 0, "{found:?}");
    assert!(found[1].is_empty(), "{found:?}");
    // A sentence-initial word followed by a lower-case one is a spelling.
    let found = story(
        &["Colour returned to the cheeks of the town."],
        VariantChoice::Chosen(HouseVariant::EnUs),
    );
    assert_eq!(keys(&found[0]), ["variant-spelling:colour"]);
}

#[test]
fn oxford_spelling_is_british_with_ize() {
    let sentences = [
        "The council will organize a vote on the colour of the harbour wall.",
        "Residents recognized that the centre needed work.",
        "The mayor apologised for the delay.",
    ];
    let found = story(&sentences, VariantChoice::Infer);
    assert_eq!(found.iter().map(Vec::len).sum::<usize>(), 1, "{found:?}");
    assert_eq!(keys(&found[2]), ["variant-spelling:apologised"]);
    assert!(
        found[2][0].message.contains("UK (Oxford)"),
        "{}",
        found[2][0].message
    );
    assert!(
        found[2][0].message.contains("“apologized”"),
        "{}",
        found[2][0].message
    );
    let chosen = story(&sentences, VariantChoice::Chosen(HouseVariant::EnGbOxford));
    assert_eq!(keys(&chosen[2]), ["variant-spelling:apologised"]);
    assert!(chosen[0].is_empty() && chosen[1].is_empty());
    // Oxford keeps -yse and still flags American -or.
    let found = story(
        &["Analysts will analyse the color of the water."],
        VariantChoice::Chosen(HouseVariant::EnGbOxford),
    );
    assert_eq!(keys(&found[0]), ["variant-spelling:color"]);
    // Plain en-GB flags the -ize.
    let gb = story(&sentences, VariantChoice::Chosen(HouseVariant::EnGb));
    assert_eq!(keys(&gb[0]), ["variant-spelling:organize"]);
}

#[test]
fn choices_read_from_tags_and_projects() {
    assert_eq!(
        VariantChoice::parse("en-GB-oxendict"),
        Some(VariantChoice::Chosen(HouseVariant::EnGbOxford))
    );
    assert_eq!(VariantChoice::parse("auto"), Some(VariantChoice::Infer));
    assert_eq!(
        VariantChoice::parse("en-us"),
        Some(VariantChoice::Chosen(HouseVariant::EnUs))
    );
    assert_eq!(VariantChoice::parse("fr"), None);
    assert_eq!(
        VariantChoice::of_project(Variant::EnUs),
        VariantChoice::Infer
    );
    assert_eq!(
        VariantChoice::of_project(Variant::EnGb),
        VariantChoice::Chosen(HouseVariant::EnGb)
    );
}
