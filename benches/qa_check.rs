//! A full QA run over 10,000 segment pairs, as `virast check` does for a big project: the
//! sample article's careful and damaged translations repeated, and the real news development
//! set (`tests/fixtures/realnews/dev.tsv`) repeated.

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

fn realnews_pairs(count: usize) -> Vec<(String, String)> {
    let real: Vec<(String, String)> = read_lines("realnews/dev.tsv")
        .into_iter()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Some(((*cols.get(4)?).to_owned(), (*cols.get(5)?).to_owned()))
        })
        .collect();
    real.iter().cycle().take(count).cloned().collect()
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
