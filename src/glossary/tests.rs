use std::path::Path;

use proptest::prelude::*;

use super::*;

fn base(terms: &[(&str, &str)]) -> TermBase {
    TermBase::new(vec![TermSet {
        origin: Origin::Project,
        terms: terms.iter().map(|(s, e)| Term::new(s, e)).collect(),
    }])
}

fn found(base: &TermBase, text: &str) -> Vec<String> {
    base.find(text)
        .iter()
        .map(|m| m.text(text).to_owned())
        .collect()
}

#[test]
fn spelling_variants_match() {
    let b = base(&[("خامنه‌ای", "Khamenei"), ("کلانتری", "police station")]);
    for text in [
        "آیت‌الله خامنه‌ای گفت",
        "آیت الله خامنه ای گفت",
        "آیت الله خامنهای گفت",
        "آيت الله خامنه‌اي گفت",
    ] {
        assert_eq!(found(&b, text).len(), 1, "{text}");
    }
    assert_eq!(found(&b, "در ۷۰۰ كلانتري"), ["كلانتري"]);
    assert_eq!(found(&b, "مُشاوِره در کَلانتَری"), ["کَلانتَری"]);
}

#[test]
fn digits_match_across_scripts() {
    let b = base(&[("ماده ۱۸", "Article 18")]);
    assert_eq!(found(&b, "طبق ماده 18 قانون"), ["ماده 18"]);
    assert_eq!(found(&b, "طبق ماده ١٨ قانون"), ["ماده ١٨"]);
}

#[test]
fn multi_word_terms_match_across_zwnj_space_or_nothing() {
    let b = base(&[("سپاه پاسداران", "IRGC")]);
    for text in [
        "سپاه پاسداران اعلام کرد",
        "سپاه‌پاسداران اعلام کرد",
        "سپاهپاسداران اعلام کرد",
    ] {
        assert_eq!(found(&b, text).len(), 1, "{text}");
    }
    assert!(
        found(&b, "سپاه، پاسداران").is_empty(),
        "not across punctuation"
    );
}

#[test]
fn a_break_the_term_does_not_have_is_not_matched() {
    let b = base(&[("ناجا", "NAJA")]);
    assert!(found(&b, "این کار نا جا بود").is_empty());
}

#[test]
fn inflections_match() {
    let b = base(&[
        ("ناجا", "NAJA"),
        ("کلانتری", "police station"),
        ("خانه", "house"),
        ("دانشجو", "student"),
        ("کتاب", "book"),
    ]);
    let cases = [
        ("کلانتری‌ها", "کلانتری‌ها"),
        ("کلانتریها", "کلانتریها"),
        ("کلانتری‌های شهر", "کلانتری‌های"),
        ("کلانتری ها بسته است", "کلانتری ها"),
        ("ناجای کشور", "ناجای"),
        ("ناجا را", "ناجا"),
        ("خانه‌ی ما", "خانه‌ی"),
        ("خانه‌ای", "خانه‌ای"),
        ("خانهٔ ما", "خانهٔ"),
        ("خانه‌اش", "خانه‌اش"),
        ("دانشجویش", "دانشجویش"),
        ("کتابم", "کتابم"),
        ("کتاب‌هایشان", "کتاب‌هایشان"),
        ("کتابِ من", "کتابِ"),
        ("آنرا و کتابرا", "کتابرا"),
    ];
    for (text, want) in cases {
        assert_eq!(found(&b, text), [want], "{text}");
    }
}

#[test]
fn comparatives_only_for_adjectives() {
    let mut adjective = Term::new("بزرگ", "big");
    adjective.pos = PartOfSpeech::Adjective;
    let noun = Term::new("گرم", "gram");
    let b = TermBase::new(vec![TermSet {
        origin: Origin::Project,
        terms: vec![adjective, noun],
    }]);
    assert_eq!(found(&b, "بزرگترین شهر"), ["بزرگترین"]);
    assert_eq!(found(&b, "بزرگ‌تر"), ["بزرگ‌تر"]);
    assert_eq!(found(&b, "بزرگ تر"), ["بزرگ تر"]);
    assert!(found(&b, "گرمتر").is_empty(), "a noun has no comparative");
}

#[test]
fn never_inside_a_longer_word() {
    let b = base(&[("ناجا", "NAJA"), ("مجلس", "parliament"), ("ایران", "Iran")]);
    assert!(found(&b, "این کار ناجایز است").is_empty());
    assert!(found(&b, "بیناجا").is_empty(), "not at the end of a word");
    assert!(found(&b, "مجلسیان").is_empty());
    assert!(
        found(&b, "ایرانی‌ها").is_empty(),
        "nisba adjective is another word"
    );
}

#[test]
fn the_longest_term_wins_and_matches_do_not_overlap() {
    let b = base(&[
        ("سپاه", "the Guard"),
        ("سپاه پاسداران انقلاب اسلامی", "the IRGC"),
        ("انقلاب", "revolution"),
    ]);
    let text = "سپاه پاسداران انقلاب اسلامی و سپاه و انقلاب";
    assert_eq!(
        found(&b, text),
        ["سپاه پاسداران انقلاب اسلامی", "سپاه", "انقلاب"]
    );
}

#[test]
fn an_earlier_set_wins_a_clash() {
    let b = TermBase::new(vec![
        TermSet {
            origin: Origin::Project,
            terms: vec![Term::new("مجلس", "the Majlis")],
        },
        TermSet {
            origin: Origin::File("house.tbx".into()),
            terms: vec![Term::new("مجلس", "parliament"), Term::new("ظریف", "Zarif")],
        },
    ]);
    let terms = b.terms_in("مجلس و ظريف");
    let english: Vec<&str> = terms.iter().map(|t| t.2.english.as_str()).collect();
    assert_eq!(english, ["the Majlis", "Zarif"]);
}

#[test]
fn english_inflection() {
    use english::contains;
    assert!(contains("Police stations were closed.", "police station"));
    assert!(contains("The police said", "the police"));
    assert!(contains("Police said", "the police"));
    assert!(contains("Khamenei's speech", "Khamenei"));
    assert!(contains("Khamenei’s speech", "Khamenei"));
    assert!(contains("two agencies", "agency"));
    assert!(contains("the IRGC's navy", "IRGC"));
    assert!(contains(
        "the Islamic Revolutionary Guard Corps (IRGC) said",
        "the Islamic Revolutionary Guard Corps (IRGC)"
    ));
    assert!(!contains("Naja officers", "NAJA"));
    assert!(!contains("Zarifi", "Zarif"));
    assert!(!contains("policeman", "police"));
}

#[test]
fn tbx_round_trip_keeps_every_field() {
    let mut t = Term::new("ناجا", "NAJA");
    t.admitted = vec!["the police".into()];
    t.forbidden = vec!["NAJA police".into(), "Naja".into()];
    t.note = "Law enforcement <force> & “police”".into();
    t.domain = "law".into();
    t.pos = PartOfSpeech::ProperNoun;
    let terms = vec![t, Term::new("مجلس", "parliament")];
    let bytes = tbx::write(&terms);
    let back = tbx::parse(&bytes, Path::new("g.tbx")).unwrap_or_default();
    assert_eq!(back.terms, terms);
    assert_eq!(back.positions[1].entry, 2);
    let tsv_bytes = tsv::write(&terms);
    let back = tsv::parse(&tsv_bytes, Path::new("g.tsv")).unwrap_or_default();
    assert_eq!(back.terms, terms, "{}", String::from_utf8_lossy(&tsv_bytes));
    assert_eq!(back.positions[1].line, 2);
}

#[test]
fn tbx_v3_and_unlabelled_languages_are_read() {
    let v3 = r#"<?xml version="1.0"?>
<tbx style="dct" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="c1">
 <langSec xml:lang="en"><termSec><term>Zarif</term></termSec>
 <termSec><term>Zarrif</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
 <langSec xml:lang="en"><termSec><term>ظریف</term></termSec></langSec>
</conceptEntry>
</body></text></tbx>"#;
    let g = tbx::parse(v3.as_bytes(), Path::new("v3.tbx")).unwrap_or_default();
    assert_eq!(g.terms.len(), 1);
    assert_eq!(
        (g.terms[0].source.as_str(), g.terms[0].english.as_str()),
        ("ظریف", "Zarif")
    );
    assert_eq!(g.terms[0].forbidden, ["Zarrif"]);
}

#[test]
fn malformed_files_name_the_position() {
    let bad = "<martif><text><body>\n<termEntry>\n<langSet></termEntry>";
    let err = tbx::parse(bad.as_bytes(), Path::new("bad.tbx"))
        .map(|_| ())
        .unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("bad.tbx: "), "{msg}");
    assert!(msg.contains("line 3"), "{msg}");
    let err = tbx::parse(b"<tmx/>", Path::new("x.tbx"))
        .map(|_| ())
        .unwrap_err();
    assert!(err.to_string().contains("not a TBX glossary"), "{err}");
    let err = tsv::parse(
        "ناجا\tNAJA\n# c\nonly one field\n".as_bytes(),
        Path::new("g.tsv"),
    )
    .map(|_| ())
    .unwrap_err();
    assert!(
        err.to_string().starts_with("g.tsv: no tab") && err.to_string().contains("line 3"),
        "{err}"
    );
    let err = tsv::parse(b"a\tb\n\xff\tc\n", Path::new("g.tsv"))
        .map(|_| ())
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("not UTF-8 text at line 2, column 1"),
        "{err}"
    );
    let err = parse(b"", Path::new("g.docx")).map(|_| ()).unwrap_err();
    assert!(matches!(err, GlossaryError::UnknownFormat { .. }));
}

#[test]
fn check_finds_duplicates_conflicts_and_empty_sides() {
    let text = "ناجا\tNAJA\tx [forbidden: Naja]\nمجلس\tparliament\tx [forbidden: parliament]\n\t\nناجا\tNaja\n";
    let g = tsv::parse(text.as_bytes(), Path::new("g.tsv")).unwrap_or_default();
    let problems: Vec<String> = check(&g).iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "line 2: “parliament” is both preferred or admitted and forbidden for “مجلس”",
            "line 3: the Persian term is empty (English “”)",
            "line 3: “” has no preferred English",
            "line 4: “ناجا” is listed twice: also at line 1, which is the one used",
            "line 4: “Naja” is used for “ناجا” here but forbidden at line 1",
        ]
    );
}

#[test]
fn glossary_english_words_are_known_words() {
    let mut t = Term::new("سپاه", "the Islamic Revolutionary Guard Corps (IRGC)");
    t.admitted = vec!["Sepah".into()];
    let b = TermBase::new(vec![TermSet {
        origin: Origin::Project,
        terms: vec![t],
    }]);
    let words = b.english_words();
    assert!(words.contains("IRGC") && words.contains("Sepah") && words.contains("Corps"));
}

/// Persian letters for generated words (no ZWNJ, no diacritics).
fn word() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(vec![
            'ا', 'ب', 'پ', 'ت', 'ج', 'د', 'ر', 'ز', 'س', 'ش', 'ف', 'ک', 'گ', 'ل', 'م', 'ن', 'و',
            'ه', 'ی',
        ]),
        2..6,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// Spell a text another way: Arabic yeh/kaf, ZWNJ or nothing instead of spaces inside a term.
fn respell(text: &str, arabic: bool) -> String {
    text.chars()
        .map(|c| match c {
            'ی' if arabic => 'ي',
            'ک' if arabic => 'ك',
            c => c,
        })
        .collect()
}

proptest! {
    #[test]
    fn a_term_matches_in_any_spelling_with_any_suffix(
        words in proptest::collection::vec(word(), 1..4),
        before in "[ثحخذص]{2,4}",
        arabic in any::<bool>(),
        joiner in proptest::sample::select(vec![" ", "\u{200C}", ""]),
        suffix in proptest::sample::select(vec!["", "ها", "\u{200C}های", "\u{200C}ها", " ها", "را"]),
    ) {
        let term = words.join(" ");
        let b = base(&[(&term, "x")]);
        let start = before.len() + 1;
        let written = format!("{before} {}{suffix} و", respell(&words.join(joiner), arabic));
        let matches = b.find(&written);
        prop_assert_eq!(matches.len(), 1, "{:?}", written);
        prop_assert_eq!(matches[0].range.start, start);
        prop_assert_eq!(matches[0].range.end, written.len() - " و".len(), "{:?}", written);
    }

    #[test]
    fn a_term_never_matches_inside_a_longer_word(
        term in word(),
        head in word(),
        tail in "[زژصضطظغقچ]{2}",
    ) {
        let b = base(&[(&term, "x")]);
        // Letters before it, or letters after it that are no inflection.
        let longer = [format!("{head}{term}"), format!("{term}{tail}")];
        for text in longer {
            let ms = b.find(&text);
            for m in &ms {
                prop_assert!(m.range.start == 0 && text[m.range.clone()] == text[..], "{text}: {ms:?}");
            }
            // A match covering the whole word would need the word to be the term inflected.
            if text.starts_with(&term) && text.ends_with(tail.as_str()) {
                prop_assert!(ms.is_empty(), "{text}");
            }
        }
    }

    #[test]
    fn matches_are_word_aligned_and_ordered(text in "[ا-ی \u{200C}،.]{0,40}", term in word()) {
        let b = base(&[(&term, "x")]);
        let ms = b.find(&text);
        let mut last = 0;
        for m in &ms {
            prop_assert!(m.range.start >= last && m.range.end > m.range.start);
            prop_assert!(text.is_char_boundary(m.range.start) && text.is_char_boundary(m.range.end));
            last = m.range.end;
        }
    }

    #[test]
    fn tsv_and_tbx_round_trip(
        source in "[ا-ی]{1,6}( [ا-ی]{1,6})?",
        english in "[A-Za-z][a-z ]{0,10}[a-z]",
        note in "[a-z<>&\"' ]{0,12}",
    ) {
        let mut t = Term::new(&source, &english);
        t.note = note.trim().to_owned();
        let terms = vec![t];
        let g = tbx::parse(&tbx::write(&terms), Path::new("g.tbx")).unwrap_or_default();
        prop_assert_eq!(&g.terms, &terms);
        let g = tsv::parse(&tsv::write(&terms), Path::new("g.tsv")).unwrap_or_default();
        prop_assert_eq!(&g.terms, &terms);
    }
}
