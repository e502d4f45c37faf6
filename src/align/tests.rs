use super::*;
use crate::align::aligner::LengthModel;
use crate::align::aligner::align_with;
use proptest::prelude::*;

/// The real-news fixture: documents of (Persian line, English line) pairs.
fn fixture() -> Vec<Vec<(&'static str, &'static str)>> {
    let fa = include_str!("../../tests/fixtures/realnews/fa.txt");
    let en = include_str!("../../tests/fixtures/realnews/en.txt");
    let ids = include_str!("../../tests/fixtures/realnews/documents.txt");
    let mut docs: Vec<Vec<(&str, &str)>> = Vec::new();
    let mut last = "";
    for ((f, e), id) in fa.lines().zip(en.lines()).zip(ids.lines()) {
        if id != last {
            docs.push(Vec::new());
            last = id;
        }
        if let Some(d) = docs.last_mut() {
            d.push((f, e));
        }
    }
    docs
}

fn side<'a>(sentences: &[&'a str]) -> Side<'a> {
    Side::new(sentences.iter().map(|s| (*s, false)))
}

fn identity(n: usize) -> Vec<(Range<usize>, Range<usize>)> {
    (0..n).map(|i| (i..i + 1, i..i + 1)).collect()
}

use std::ops::Range;

fn ranges(beads: &[Bead]) -> Vec<(Range<usize>, Range<usize>)> {
    beads.iter().map(|b| (b.fa.clone(), b.en.clone())).collect()
}

/// A project with one segment per Persian sentence, in one paragraph.
fn project_of(sentences: &[&str]) -> Project {
    let pieces = sentences.iter().map(|s| ((*s).to_owned(), " ".to_owned()));
    Project::new("t", "", pieces, chrono::Utc::now())
}

#[test]
fn real_documents_given_sentence_by_sentence_align_one_to_one() {
    for doc in fixture() {
        let fa: Vec<&str> = doc.iter().map(|p| p.0).collect();
        let en: Vec<&str> = doc.iter().map(|p| p.1).collect();
        let beads = align(&side(&fa), &side(&en), Model::Anchored);
        // Real pairs are not all clean (in the first document one English sentence is taken
        // as 1:2 with its neighbour), but 1:1 beads are never off the diagonal and most
        // pairs are 1:1, most of them confident.
        let one_one: Vec<&Bead> = beads
            .iter()
            .filter(|b| b.kind() == BeadKind::OneOne)
            .collect();
        assert!(one_one.iter().all(|b| b.fa == b.en), "{}: {beads:?}", en[0]);
        assert!(one_one.len() * 100 >= fa.len() * 85, "{}: {beads:?}", en[0]);
        let confident = one_one
            .iter()
            .filter(|b| b.confidence >= LOW_CONFIDENCE)
            .count();
        assert!(
            confident * 4 >= one_one.len() * 3,
            "{confident}/{}",
            one_one.len()
        );
    }
}

#[test]
fn joined_real_documents_align_back() {
    // One paragraph per side, cut again by our segmenters, as the evaluation does.
    let mut right = 0;
    let mut total = 0;
    for doc in fixture() {
        let fa_text: Vec<&str> = doc.iter().map(|p| p.0.trim()).collect();
        let en_text: Vec<&str> = doc.iter().map(|p| p.1.trim()).collect();
        let seg = crate::segment::segment(&fa_text.join(" "));
        let sources: Vec<&str> = seg.pieces.iter().map(|p| p.source.as_str()).collect();
        let plan = plan(&project_of(&sources), &en_text.join(" "), Model::Anchored);
        // Each English gold line is inside the target of the segment holding its Persian
        // line (lines our segmenter cuts in two are left out here).
        for (f, e) in &doc {
            let Some(k) = sources.iter().position(|s| s.contains(f.trim())) else {
                continue;
            };
            total += 1;
            if plan.placements[k].target.contains(e.trim()) {
                right += 1;
            }
        }
    }
    assert!(right * 100 >= total * 95, "{right}/{total}");
}

#[test]
fn numbers_anchor_what_lengths_cannot_decide() {
    // Two sentences of equal length; only the figures tell which English is which.
    let fa = ["قیمت به ۴۰۰ هزار رسید.", "تعداد به ۱۲ نفر رسید."];
    let crossed = "The count reached 12 people. The price reached 400,000.";
    let plan = plan(&project_of(&fa), crossed, Model::Anchored);
    assert!(
        plan.placements
            .iter()
            .all(|p| p.confidence < LOW_CONFIDENCE),
        "crossed figures are never confident: {plan:?}"
    );
    let right = ["قیمت به ۴۰۰ هزار رسید.", "تعداد به ۱۲ نفر رسید."];
    let right_en = ["The price reached 400,000.", "The count reached 12 people."];
    let beads = align(&side(&right), &side(&right_en), Model::Anchored);
    assert_eq!(ranges(&beads), identity(2));
    assert!(
        beads.iter().all(|b| b.confidence >= LOW_CONFIDENCE),
        "{beads:?}"
    );
}

#[test]
fn two_english_sentences_join_and_one_covering_two_goes_to_the_first() {
    let fa = [
        "او روز دوشنبه پس از یک سفر طولانی به تهران رسید و با خبرنگاران صحبت کرد.",
        "هوا سرد بود.",
        "باران آمد.",
        "مردم در خیابان‌ها منتظر اعلام نتایج انتخابات ماندند و تا صبح بیدار بودند.",
    ];
    let en = "He arrived in Tehran on Monday after a long trip. He spoke to reporters. \
              It was cold and it rained. \
              People waited in the streets for the election results and stayed awake until morning.";
    let plan = plan(&project_of(&fa), en, Model::Anchored);
    let targets: Vec<&str> = plan.placements.iter().map(|p| p.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "He arrived in Tehran on Monday after a long trip. He spoke to reporters.",
            "It was cold and it rained.",
            "",
            "People waited in the streets for the election results and stayed awake until morning."
        ]
    );
    assert_eq!(plan.summary.beads.one_two, 1);
    assert_eq!(plan.summary.beads.two_one, 1);
    assert!(
        plan.placements[2].confidence < f64::EPSILON,
        "the second of a 2:1 is for review"
    );
}

#[test]
fn paragraph_breaks_are_boundaries_when_counts_agree() {
    // Lengths alone would pull the short second paragraph's sentence into the first.
    let fa = Side::new([
        (
            "این جمله اول یک بند نسبتا طولانی درباره اقتصاد کشور است.",
            false,
        ),
        ("جمله دوم.", true),
        ("بند دوم با یک جمله که کوتاه نیست ولی بلند هم نیست.", true),
    ]);
    let en = Side::new([
        (
            "This is the first sentence of a fairly long paragraph about the economy.",
            false,
        ),
        ("The second sentence.", true),
        (
            "The second paragraph, with one sentence that is not short but not long either.",
            true,
        ),
    ]);
    let beads = align(&fa, &en, Model::Anchored);
    assert_eq!(ranges(&beads), identity(3));
}

#[test]
fn truncated_translation_places_what_aligns_and_reports_the_rest() {
    let doc = &fixture()[1];
    let fa: Vec<&str> = doc.iter().map(|p| p.0.trim()).collect();
    let half = fa.len() / 2;
    let en: Vec<&str> = doc[..half].iter().map(|p| p.1.trim()).collect();
    let plan = plan(&project_of(&fa), &en.join(" "), Model::Anchored);
    let missing = plan.summary.beads.one_zero + plan.summary.beads.two_one;
    assert!(missing >= fa.len() - half - 1, "{:?}", plan.summary);
    assert!(
        plan.summary.low_confidence >= fa.len() - half,
        "{:?}",
        plan.summary
    );
    // Nothing after the truncation point is placed with confidence.
    assert!(
        plan.placements[half + 1..]
            .iter()
            .all(|p| p.confidence < LOW_CONFIDENCE),
        "{:?}",
        plan.placements
    );
}

#[test]
fn shuffled_or_unrelated_translations_are_not_accepted_silently() {
    let docs = fixture();
    for (k, doc) in docs.iter().enumerate() {
        let fa: Vec<&str> = doc.iter().map(|p| p.0.trim()).collect();
        let project = project_of(&fa);
        let mut shuffled: Vec<&str> = doc.iter().map(|p| p.1.trim()).collect();
        shuffled.reverse();
        let plan_shuffled = plan(&project, &shuffled.join(" "), Model::Anchored);
        assert!(
            plan_shuffled.looks_unrelated(),
            "{:?}",
            plan_shuffled.summary
        );
        let other: Vec<&str> = docs[(k + 1) % docs.len()].iter().map(|p| p.1).collect();
        let plan_other = plan(&project, &other.join(" "), Model::Anchored);
        assert!(plan_other.looks_unrelated(), "{:?}", plan_other.summary);
        let right: Vec<&str> = doc.iter().map(|p| p.1.trim()).collect();
        let plan_right = plan(&project, &right.join(" "), Model::Anchored);
        assert!(!plan_right.looks_unrelated(), "{:?}", plan_right.summary);
    }
}

#[test]
fn summary_counts_and_unplaced_english() {
    let fa = ["یک.", "دو."];
    let plan = plan(&project_of(&fa), "", Model::Anchored);
    assert_eq!(plan.summary.beads.one_zero, 2);
    assert_eq!(plan.summary.low_confidence, 2);
    assert!(plan.looks_unrelated());
    let plan = super::plan(&project_of(&[]), "Stray sentence.", Model::Anchored);
    assert_eq!(plan.summary.unplaced_english, ["Stray sentence."]);
}

/// All fixture documents, `times` over, as one long article without paragraph breaks: the
/// Persian cut by our segmenter, the English one text.
fn long_article(times: usize) -> (Vec<String>, String) {
    let docs = fixture();
    let mut fa = Vec::new();
    let mut en = Vec::new();
    for _ in 0..times {
        for doc in &docs {
            for (f, e) in doc {
                fa.push(f.trim());
                en.push(e.trim());
            }
        }
    }
    let seg = crate::segment::segment(&fa.join(" "));
    (
        seg.pieces.iter().map(|p| p.source.clone()).collect(),
        en.join(" "),
    )
}

fn plan_searching(sources: &[String], english: &str, search: Search) -> Plan {
    let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
    plan_with(
        &project_of(&refs),
        english,
        Model::Anchored,
        &Options {
            search,
            ..Options::default()
        },
    )
}

#[test]
fn the_band_finds_what_the_full_search_finds_in_one_long_paragraph() {
    // About 280 Persian sentences with no paragraph break: the band (±32 around the length
    // diagonal, widened where needed) gives the same beads as searching every cell.
    let (fa, en) = long_article(4);
    assert!(fa.len() > 250, "{}", fa.len());
    let banded = plan_searching(&fa, &en, Search::DEFAULT);
    let full = plan_searching(&fa, &en, Search::FULL);
    assert_eq!(ranges(&banded.beads), ranges(&full.beads));
    for (b, f) in banded.beads.iter().zip(&full.beads) {
        assert!((b.confidence - f.confidence).abs() < 1e-3, "{b:?} {f:?}");
    }
}

/// A long synthetic article, one paragraph: sentences of pseudo-random length, each with
/// its own number (so no two look alike), and its translation.
fn synthetic_article(n: usize) -> (Vec<String>, Vec<String>) {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut fa = Vec::new();
    let mut en = Vec::new();
    for k in 0..n {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let words = 4 + usize::try_from(seed >> 59).unwrap_or(0);
        let digits: String = (k + 1)
            .to_string()
            .chars()
            .map(|c| char::from_u32(u32::from(c) - u32::from('0') + 0x06F0).unwrap_or(c))
            .collect();
        fa.push(format!(
            "برخی {} {digits} نفر.",
            vec!["کلمه"; words].join(" ")
        ));
        en.push(format!(
            "Some {} {} people.",
            vec!["word"; words].join(" "),
            k + 1
        ));
    }
    (fa, en)
}

#[test]
fn the_band_widens_to_follow_a_long_truncated_translation() {
    // The English stops at a third: the length diagonal runs far from the true path (a band
    // of ±4 around it cuts it off), so the band has to widen, round after round.
    let (fa, en) = synthetic_article(300);
    let truncated = en[..100].join(" ");
    let narrow = Search {
        half_width: 4,
        ..Search::DEFAULT
    };
    let banded = plan_searching(&fa, &truncated, narrow);
    let full = plan_searching(&fa, &truncated, Search::FULL);
    assert_eq!(ranges(&banded.beads), ranges(&full.beads));
    // What it has is placed one to one; the rest is reported, not smeared over the article.
    assert_eq!(ranges(&banded.beads[..100]), identity(100));
    assert_eq!(banded.summary.beads.one_zero, 200);
    assert!(banded.summary.low_confidence >= 200, "{:?}", banded.summary);
    assert!(!banded.looks_unrelated(), "{:?}", banded.summary);
}

#[test]
fn a_band_held_narrow_never_passes_a_truncated_translation_off_as_good() {
    // With no room to widen (a cap of cells), the path cannot follow: the rows it is forced
    // through are flagged, not confidently misplaced.
    let (fa, en) = synthetic_article(300);
    let truncated = en[..100].join(" ");
    let capped = Search {
        half_width: 4,
        max_cells: 1,
    };
    let plan = plan_searching(&fa, &truncated, capped);
    let confident_wrong: Vec<&Bead> = plan
        .beads
        .iter()
        .filter(|b| {
            b.confidence >= LOW_CONFIDENCE
                && (b.fa.len(), b.en.len()) == (1, 1)
                && b.fa.start != b.en.start
        })
        .collect();
    assert!(confident_wrong.is_empty(), "{confident_wrong:?}");
    assert!(plan.summary.low_confidence >= 200, "{:?}", plan.summary);
}

#[test]
fn progress_is_reported_rising_to_the_end() {
    let (fa, en) = long_article(2);
    let seen = std::cell::RefCell::new(Vec::new());
    let report = |share: f64| seen.borrow_mut().push(share);
    let refs: Vec<&str> = fa.iter().map(String::as_str).collect();
    let with = plan_with(
        &project_of(&refs),
        &en,
        Model::Anchored,
        &Options {
            progress: Some(&report),
            ..Options::default()
        },
    );
    let seen = seen.into_inner();
    assert!(seen.len() >= 10, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    assert!((seen.last().copied().unwrap_or(0.0) - 1.0).abs() < 1e-9);
    // Reporting changes nothing.
    assert_eq!(with, plan(&project_of(&refs), &en, Model::Anchored));
}

/// Sentences of varied lengths, and "translations" of proportional length.
fn parallel() -> impl Strategy<Value = (Vec<String>, Vec<String>)> {
    prop::collection::vec(3usize..40, 1..60).prop_map(|words| {
        let fa = words
            .iter()
            .map(|&w| format!("{}.", vec!["کلمه"; w].join(" ")))
            .collect();
        let en = words
            .iter()
            .map(|&w| format!("{}.", vec!["word"; w].join(" ")))
            .collect();
        (fa, en)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn perfect_one_to_one_input_aligns_exactly((fa, en) in parallel()) {
        let fa_refs: Vec<&str> = fa.iter().map(String::as_str).collect();
        let en_refs: Vec<&str> = en.iter().map(String::as_str).collect();
        for model in [Model::Anchored, Model::LengthOnly] {
            let beads = align_with(&side(&fa_refs), &side(&en_refs), model, LengthModel { ratio: 1.0, variance: 3.2 });
            prop_assert_eq!(ranges(&beads), identity(fa.len()));
        }
    }

    #[test]
    fn beads_cover_both_sides_in_order(n in 0usize..120, m in 0usize..120) {
        let fa: Vec<String> = (0..n).map(|i| format!("جمله {}.", "ب".repeat(i % 7 + 1))).collect();
        let en: Vec<String> = (0..m).map(|i| format!("Sentence {}.", "x".repeat(i % 5 + 1))).collect();
        let fa_refs: Vec<&str> = fa.iter().map(String::as_str).collect();
        let en_refs: Vec<&str> = en.iter().map(String::as_str).collect();
        let beads = align(&side(&fa_refs), &side(&en_refs), Model::Anchored);
        let (mut i, mut j) = (0, 0);
        for bead in &beads {
            prop_assert_eq!(bead.fa.start, i);
            prop_assert_eq!(bead.en.start, j);
            prop_assert!((0.0..=1.0).contains(&bead.confidence));
            i = bead.fa.end;
            j = bead.en.end;
        }
        prop_assert_eq!((i, j), (n, m));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn perfect_one_to_one_long_paragraph_aligns_exactly(
        words in prop::collection::vec(3usize..40, 150..400),
    ) {
        // Longer than the band: it has to hold the diagonal on its own.
        let fa: Vec<String> = words.iter().map(|&w| format!("{}.", vec!["کلمه"; w].join(" "))).collect();
        let en: Vec<String> = words.iter().map(|&w| format!("{}.", vec!["word"; w].join(" "))).collect();
        let fa_refs: Vec<&str> = fa.iter().map(String::as_str).collect();
        let en_refs: Vec<&str> = en.iter().map(String::as_str).collect();
        let beads = align_with(&side(&fa_refs), &side(&en_refs), Model::Anchored, LengthModel { ratio: 1.0, variance: 3.2 });
        prop_assert_eq!(ranges(&beads), identity(fa.len()));
    }
}

#[test]
fn one_english_sentence_fits_two_persian_ones_by_length() {
    let first = "مردم نیز از این مراکز استقبال کردند.";
    let second =
        "در حقیقت مواردی که در آن مردم با هم درگیر می‌شوند به این مراکز ارجاع داده شده است.";
    let both = "People have also welcomed these centers, and in fact cases in which people get into disputes are referred to them.";
    assert!(aligner::fits_both(first, second, both));
    assert!(!aligner::fits_both(
        first,
        second,
        "People have also welcomed these centers."
    ));
}
