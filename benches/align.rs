//! Aligning an English translation to a project: 500 and 10,000 sentences of real news (the
//! sentence pairs of `tests/fixtures/realnews/` repeated), including English splitting and
//! number reading on both sides. The issue asks for < 100 ms and < 2 s.

use std::hint::black_box;

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use virast::align::{self, Model};
use virast::model::Project;

/// `count` sentence pairs; with `paragraphs`, a paragraph break after every fifth on both
/// sides, otherwise one paragraph on both sides.
fn article(count: usize, paragraphs: bool) -> (Project, String) {
    let fa = include_str!("../tests/fixtures/realnews/fa.txt");
    let en = include_str!("../tests/fixtures/realnews/en.txt");
    let pairs: Vec<(&str, &str)> = fa
        .lines()
        .zip(en.lines())
        .map(|(f, e)| (f.trim(), e.trim()))
        .filter(|(f, e)| !f.is_empty() && !e.is_empty())
        .collect();
    let mut english = String::new();
    let mut pieces = Vec::new();
    for (i, (f, e)) in pairs.iter().cycle().take(count).enumerate() {
        // A paragraph of five sentences on both sides.
        let sep = if paragraphs && i % 5 == 4 { "\n" } else { " " };
        pieces.push(((*f).to_owned(), sep.to_owned()));
        english.push_str(e);
        english.push_str(sep);
    }
    (Project::new("bench", "", pieces, Utc::now()), english)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    for count in [500, 10_000] {
        let (project, english) = article(count, true);
        // A sanity check that the bench aligns what it claims to (the fixture's headlines have
        // no full stop, so the splitter joins each to the sentence after it: 72 lines give 64
        // English sentences).
        let plan = align::plan(&project, &english, Model::Anchored);
        assert!(plan.summary.english_sentences >= count * 8 / 10);
        assert_eq!(plan.summary.persian_sentences, count);
        assert!(
            plan.summary.low_confidence * 4 < count,
            "{:?}",
            plan.summary
        );
        group.bench_function(format!("plan_{count}_sentences"), |b| {
            b.iter(|| align::plan(black_box(&project), black_box(&english), Model::Anchored));
        });
        // The same English as one paragraph: the paragraph counts disagree, so the breaks of
        // the Persian do not help either.
        let one_paragraph = english.replace('\n', " ");
        group.bench_function(format!("plan_{count}_sentences_one_paragraph"), |b| {
            b.iter(|| {
                align::plan(
                    black_box(&project),
                    black_box(&one_paragraph),
                    Model::Anchored,
                )
            });
        });
        // Both sides one paragraph, as a pasted article and an e-mailed translation may be.
        let (flat, flat_english) = article(count, false);
        assert!(
            !flat
                .segments
                .iter()
                .any(virast::model::Segment::ends_paragraph)
        );
        let plan = align::plan(&flat, &flat_english, Model::Anchored);
        assert!(
            plan.summary.low_confidence * 4 < count,
            "{:?}",
            plan.summary
        );
        group.bench_function(format!("plan_{count}_sentences_both_one_paragraph"), |b| {
            b.iter(|| align::plan(black_box(&flat), black_box(&flat_english), Model::Anchored));
        });
    }
    // The worst case for the band: the English stops at half way, so the path leaves the
    // diagonal and the band widens round after round (up to its cap of cells).
    let (flat, flat_english) = article(10_000, false);
    let half: String = flat_english
        .char_indices()
        .nth(flat_english.chars().count() / 2)
        .map_or(flat_english.clone(), |(at, _)| {
            flat_english[..at].to_owned()
        });
    group.bench_function("plan_10000_sentences_english_stops_half_way", |b| {
        b.iter(|| align::plan(black_box(&flat), black_box(&half), Model::Anchored));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
