//! A full QA run over 10,000 segment pairs, as `virast check` does for a big project: the
//! sample article's careful and damaged translations repeated, and the real news development
//! set (`tests/fixtures/realnews/dev.tsv`) repeated.

use std::hint::black_box;

mod common;

use common::{read_lines, realnews_pairs};
use criterion::{Criterion, criterion_group, criterion_main};
use virast::qa::check_pair;

fn pairs(count: usize) -> Vec<(String, String)> {
    let sources = read_lines("sample.fa.txt");
    let mut targets = read_lines("sample.en.txt");
    targets.extend(read_lines("sample.en.damaged.txt"));
    let sample: Vec<(String, String)> = sources.iter().cycle().cloned().zip(targets).collect();
    sample.iter().cycle().take(count).cloned().collect()
}

fn full_check(c: &mut Criterion) {
    let real = realnews_pairs(10_000);
    let pairs = pairs(10_000);
    let mut group = c.benchmark_group("qa");
    group.sample_size(10);
    for (name, set) in [
        ("check_pair x 10000", &pairs),
        ("check_pair x 10000 real news", &real),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let findings: usize = set
                    .iter()
                    .map(|(s, t)| check_pair(black_box(s), black_box(t)).len())
                    .sum();
                black_box(findings)
            });
        });
    }
    group.finish();
}

criterion_group!(benches, full_check);
criterion_main!(benches);
