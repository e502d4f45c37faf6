use std::path::Path;

use proptest::prelude::*;

use super::read::{ReadError, file_units, tmx_units};
use super::*;
use crate::model::{Project, Stamp, Status};

fn unit(fa: &str, en: &str) -> Unit {
    Unit {
        fa: fa.to_owned(),
        en: en.to_owned(),
        origin: Origin {
            file: "t.tmx".into(),
            ..Origin::default()
        },
    }
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/memory")
        .join(name)
}

#[test]
fn identical_normalised_sources_score_100() {
    let s = "پلیس مشاوره می‌دهد.";
    assert_eq!(similarity(s, s), 100);
    // Spelling variants, ZWNJ or space, digit scripts: the same normalised sentence.
    assert_eq!(similarity("پلیس مشاوره می‌دهد.", "پليس مشاوره می دهد."), 100);
    assert_eq!(similarity("۴۰۰ نفر آمدند.", "400 نفر آمدند."), 100);
    assert_eq!(similarity("کتاب‌ها را خواند.", "کتاب ها را خواند."), 100);
}

#[test]
fn word_changes_lower_the_score_more_than_digits() {
    let base = "رئیس پلیس تهران امروز گفت ۴۰۰ هزار نفر در مراسم شرکت کردند.";
    let digit = "رئیس پلیس تهران امروز گفت ۵۰۰ هزار نفر در مراسم شرکت کردند.";
    let word = "رئیس پلیس تهران دیروز گفت ۴۰۰ هزار نفر در مراسم شرکت کردند.";
    let two = "رئیس پلیس مشهد دیروز گفت ۴۰۰ هزار نفر در مراسم شرکت کردند.";
    let (d, w, t) = (
        similarity(base, digit),
        similarity(base, word),
        similarity(base, two),
    );
    assert!(
        d < 100,
        "a digit-only change is shown, not hidden as 100% ({d})"
    );
    assert!(
        w < d,
        "a changed word costs more than a changed number ({w} vs {d})"
    );
    assert!(t < w, "two changed words cost more than one ({t} vs {w})");
    assert!(t >= 70, "still a useful match ({t})");
    assert!(similarity(base, "هوا امروز آفتابی است.") < 30);
    // Punctuation weighs least.
    let punct = similarity(base, base.trim_end_matches('.'));
    assert!(punct > d && punct < 100, "{punct}");
}

#[test]
fn scores_are_symmetric_and_bounded() {
    let a = "سخنگوی دولت گفت این تصمیم موقت است.";
    let b = "سخنگوی وزارت گفت این تصمیم دائمی نیست.";
    assert_eq!(similarity(a, b), similarity(b, a));
    assert!(similarity(a, "") == 0 && similarity("", "") == 100);
}

#[test]
fn lookup_finds_the_best_matches_first() {
    let m = Memory::new(vec![
        unit("هوا امروز آفتابی است.", "The weather is sunny today."),
        unit("رئیس پلیس تهران امروز گفت ۴۰۰ نفر آمدند.", "A"),
        unit("رئیس پلیس تهران دیروز گفت ۴۰۰ نفر آمدند.", "B"),
        unit("رئیس پلیس تهران امروز گفت ۴۰۰ نفر آمدند.", "A"), // a repeat: kept once
    ]);
    assert_eq!(m.len(), 3);
    let found = m.lookup("رئیس پلیس تهران امروز گفت ۴۰۰ نفر آمدند.", 70, 5);
    assert_eq!(found.len(), 2);
    assert_eq!((found[0].unit, found[0].score), (1, 100));
    assert!(found[1].score < 100 && found[1].unit == 2);
    assert!(m.lookup("چیزی کاملا دیگر.", 70, 5).is_empty());
}

#[test]
fn concordance_finds_a_phrase_in_either_language() {
    let m = Memory::new(vec![
        unit(
            "به گزارش ایرنا، جلسه لغو شد.",
            "The meeting was cancelled, IRNA reported.",
        ),
        unit("هوا آفتابی است.", "It is sunny."),
    ]);
    let hits = m.concordance("به گزارش ايرنا", 10);
    assert_eq!(hits.len(), 1);
    assert_eq!(&m.units()[0].fa[hits[0].fa[0].clone()], "به گزارش ایرنا");
    let hits = m.concordance("irna", 10);
    assert_eq!(hits.len(), 1);
    assert_eq!(&m.units()[0].en[hits[0].en[0].clone()], "IRNA");
}

#[test]
fn omegat_tmx_is_read_with_context_and_without_inline_codes() {
    let units = file_units(&fixture("omegat-project_save.tmx")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(units.len(), 3);
    assert!(units[0].en.starts_with("Tehran's police chief"));
    assert_eq!(units[0].origin.date.as_deref(), Some("2026-11-20"));
    assert_eq!(units[0].origin.by.as_deref(), Some("sara"));
    assert_eq!(&*units[0].origin.file, "omegat-project_save.tmx");
    let alt = &units[2];
    assert_eq!(alt.fa, "به گزارش خبرگزاری فارس، جلسه لغو شد.");
    assert_eq!(
        alt.en,
        "The meeting was cancelled, Fars news agency reported."
    );
    assert!(
        alt.origin
            .context
            .iter()
            .any(|c| c == "file: news-0412.txt")
    );
    assert!(
        alt.origin
            .context
            .iter()
            .any(|c| c.contains("keep the agency's name"))
    );
}

#[test]
fn ttk_style_tmx_reads_fa_and_pes_and_any_english() {
    let units = file_units(&fixture("ttk-style.tmx")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(units.len(), 2);
    assert_eq!(
        units[0].en,
        "The dollar reached 58,000 tomans on the open market."
    );
    assert_eq!(units[0].origin.context, ["from the economy desk"]);
    assert_eq!(units[1].fa, "سخنگوی دولت گفت این تصمیم موقت است.");
}

#[test]
fn a_tmx_without_persian_says_so() {
    let err = file_units(&fixture("no-persian.tmx")).err();
    match err {
        Some(ReadError::NoPersian(langs)) => assert!(langs.contains("DE-DE"), "{langs}"),
        other => panic!("expected NoPersian, got {other:?}"),
    }
    assert!(matches!(
        tmx_units(b"<xliff version=\"2.0\"/>", "x"),
        Err(ReadError::NotTmx(_))
    ));
    assert!(matches!(
        tmx_units("<tmx><body><tu><tuv xml:lang=\"fa\"><seg>ا".as_bytes(), "x"),
        Err(ReadError::Xml { .. })
    ));
}

/// A project with one approved, one translated and one untranslated sentence.
fn project() -> Project {
    let article = crate::import::decode(
        "پلیس مشاوره می‌دهد. ۴۰۰ هزار نفر آمدند. دلیل آن روشن است.\n".as_bytes(),
        Path::new("a.txt"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut p = article.into_project("Police", chrono::Utc::now());
    let ana = Stamp::now("ana");
    let mina = Stamp::now("Mina");
    let ok = |r: Result<bool, crate::model::EditError>| r.unwrap_or_else(|e| panic!("{e}"));
    ok(p.set_target(0, "Police give counseling.", &ana));
    ok(p.approve(0, &mina));
    ok(p.set_target(1, "400,000 people came.", &ana));
    p
}

#[test]
fn a_folder_is_read_recursively_and_damaged_files_are_named() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let sub = dir.path().join("2026/11");
    std::fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
    crate::store::ProjectFile::new(sub.join("p.virast.json"))
        .save(&project())
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(fixture("ttk-style.tmx"), dir.path().join("a.tmx"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("broken.tmx"), "<tmx><body><tu>")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(sub.join("bad.virast.json"), "{not json").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap_or_else(|e| panic!("{e}"));
    let loaded = load(&[dir.path().to_path_buf()], &|_| {});
    // Two TMX units and the project's one approved pair.
    assert_eq!(loaded.memory.len(), 3, "{:?}", loaded.notices);
    assert_eq!(loaded.notices.len(), 2, "{:?}", loaded.notices);
    assert!(
        loaded
            .notices
            .iter()
            .any(|n| n.contains("broken.tmx") && n.contains("skipped"))
    );
    assert!(loaded.notices.iter().any(|n| n.contains("bad.virast.json")));
    let from_project = loaded
        .memory
        .units()
        .iter()
        .find(|u| u.en == "Police give counseling.")
        .unwrap_or_else(|| panic!("the approved pair"));
    assert_eq!(from_project.origin.by.as_deref(), Some("Mina"));
    assert_eq!(&*from_project.origin.file, "p.virast.json");
    assert!(
        !loaded
            .memory
            .units()
            .iter()
            .any(|u| u.en == "400,000 people came."),
        "only approved pairs"
    );
}

#[test]
fn pretranslate_fills_only_untranslated_sentences() {
    let mut p = project();
    let before = p.segments.clone();
    let m = Memory::new(vec![
        unit("پلیس مشاوره نمی‌دهد.", "Police give no counseling."),
        unit("۴۰۰ هزار نفر آمدند.", "400,000 came (memory)."),
        unit("دلیل آن روشن است.", "The reason is clear."),
    ]);
    let s = pretranslate(&mut p, &m, 100, &Stamp::now("bot"));
    assert_eq!((s.exact, s.fuzzy, s.none, s.kept), (1, 0, 0, 2));
    assert_eq!(p.segments[0], before[0], "approved sentence untouched");
    assert_eq!(p.segments[1], before[1], "translated sentence untouched");
    assert_eq!(p.segments[2].target, "The reason is clear.");
    assert_eq!(p.segments[2].status, Status::Translated);
    let rev = p.segments[2].history.last().map(|r| r.note.clone());
    assert_eq!(rev.as_deref(), Some("from memory: t.tmx, 100%"));
}

#[test]
fn a_fuzzy_pretranslation_needs_revision_and_names_score_and_origin() {
    let mut p = project();
    let m = Memory::new(vec![unit(
        "دلیل آن کاملا روشن است.",
        "The reason is quite clear.",
    )]);
    let s = pretranslate(&mut p, &m, 60, &Stamp::now("bot"));
    assert_eq!((s.exact, s.fuzzy, s.none, s.kept), (0, 1, 0, 2));
    let seg = &p.segments[2];
    assert_eq!(seg.status, Status::NeedsRevision);
    let note = seg.history.last().map_or("", |r| r.note.as_str());
    assert!(
        note.contains("fuzzy") && note.contains("t.tmx") && note.contains('%'),
        "{note}"
    );
}

fn arb_sentence() -> impl Strategy<Value = String> {
    // A small vocabulary so random sentences share words, numbers and punctuation.
    let words = prop::sample::select(vec![
        "پلیس",
        "تهران",
        "گفت",
        "امروز",
        "دیروز",
        "نفر",
        "هزار",
        "۴۰۰",
        "۵۰۰",
        "12",
        "و",
        "در",
        "به",
        "گزارش",
        "ایرنا",
        "،",
        ".",
        "می‌شود",
        "می شود",
        "دولت",
        "تصمیم",
        "است",
    ]);
    prop::collection::vec(words, 1..14).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// The index finds what scoring every unit finds (scores, in order).
    #[test]
    fn index_agrees_with_brute_force(
        memory in prop::collection::vec(arb_sentence(), 0..60),
        query in arb_sentence(),
        min in prop::sample::select(vec![0u8, 30, 50, 70, 90, 100]),
    ) {
        let m = Memory::new(memory.iter().enumerate().map(|(k, s)| unit(s, &k.to_string())).collect());
        let slow = m.lookup_brute_force(&query, min, 5);
        prop_assert_eq!(&m.lookup(&query, min, 5), &slow);
        // With common words treated as frequent (their postings not read unless needed).
        prop_assert_eq!(&m.lookup_with(&query, min, 5, 3), &slow);
    }
}
