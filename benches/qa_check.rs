//! A full QA run over 10,000 segment pairs (the sample article's careful and damaged
//! translations repeated), as `virast check` does for a big project.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use virast::qa::check_pair;

fn read_lines(name: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::to_owned)
        .collect()
}

fn pairs(count: usize) -> Vec<(String, String)> {
    let sources = read_lines("sample.fa.txt");
    let mut targets = read_lines("sample.en.txt");
    targets.extend(read_lines("sample.en.damaged.txt"));
    let sample: Vec<(String, String)> = sources.iter().cycle().cloned().zip(targets).collect();
    sample.iter().cycle().take(count).cloned().collect()
}

fn full_check(c: &mut Criterion) {
    let pairs = pairs(10_000);
    let mut group = c.benchmark_group("qa");
    group.sample_size(10);
    group.bench_function("check_pair x 10000", |b| {
        b.iter(|| {
            let findings: usize = pairs
                .iter()
                .map(|(s, t)| check_pair(black_box(s), black_box(t)).len())
                .sum();
            black_box(findings)
        });
    });
    group.finish();
}

criterion_group!(benches, full_check);
criterion_main!(benches);
