//! A full project spell check of 10,000 sentences: the real news development set
//! (`tests/fixtures/realnews/dev.tsv`, 327 pairs of news English) repeated, as the desk's
//! project-wide check and `virast check` see it. The dictionaries are parsed before timing
//! (their one-off load time is printed).

use std::hint::black_box;

mod common;

use common::realnews_pairs;
use criterion::{Criterion, criterion_group, criterion_main};
use virast::spell::{ProjectWords, Speller, Variant, load_time};

fn full_check(c: &mut Criterion) {
    let pairs = realnews_pairs(10_000);
    eprintln!(
        "dictionary load: en-GB {:?}, en-US {:?}",
        load_time(Variant::EnGb),
        load_time(Variant::EnUs)
    );
    let words = ProjectWords::default();
    let speller = Speller::new(Variant::EnGb, &words);
    let flagged: usize = pairs
        .iter()
        .map(|(s, t)| speller.misspelt(s, t).len())
        .sum();
    eprintln!("{flagged} words flagged in 10,000 sentences");
    let mut group = c.benchmark_group("spell");
    group.sample_size(10);
    group.bench_function("misspelt x 10000", |b| {
        b.iter(|| {
            let n: usize = pairs
                .iter()
                .map(|(s, t)| speller.misspelt(s, t).len())
                .sum();
            black_box(n)
        });
    });
    group.bench_function("house style x 10000", |b| {
        b.iter(|| {
            let n: usize = pairs
                .iter()
                .map(|(_, t)| virast::qa::house_style(t, &speller).len())
                .sum();
            black_box(n)
        });
    });
    group.finish();
}

criterion_group!(benches, full_check);
criterion_main!(benches);
