//! Translation memory at newsroom size (docs/MEMORY.md): indexing 100,000 units, one lookup,
//! and pre-translating a 1,000-sentence project against them. The memory is made from real
//! news (see `memory_data.rs` for how); `examples/memory_eval.rs` prints the percentiles,
//! the peak memory and the agreement with a brute-force scan.

use criterion::{Criterion, criterion_group, criterion_main};
use virast::memory::Memory;
use virast::model::{Project, Stamp};

#[path = "data/memory_data.rs"]
mod memory_data;

fn memory(c: &mut Criterion) {
    let (pairs, _) = memory_data::pairs();
    let (past, new) = memory_data::split(&pairs);
    let units = memory_data::big_memory(&past, 100_000);
    let mut group = c.benchmark_group("memory");
    group.sample_size(10);
    group.bench_function("index 100k units", |b| {
        b.iter(|| Memory::new(units.clone()));
    });
    let m = Memory::new(units);
    let mut queries: Vec<String> = new.iter().map(|p| p.fa.clone()).collect();
    queries.extend(memory_data::fresh_variants(&past, 500));
    let mut k = 0;
    group.bench_function("lookup in 100k (new stories and variants)", |b| {
        b.iter(|| {
            k = (k + 1) % queries.len();
            m.lookup(&queries[k], 70, 5)
        });
    });
    // 1,000 sentences: the new stories' and fresh variants of past ones.
    let pieces: Vec<(String, String)> = queries
        .iter()
        .cycle()
        .take(1_000)
        .map(|q| (q.clone(), " ".to_owned()))
        .collect();
    let project = Project::new("bench", "", pieces, chrono::Utc::now());
    group.bench_function("pretranslate 1,000 sentences against 100k", |b| {
        b.iter(|| {
            let mut p = project.clone();
            virast::memory::pretranslate(&mut p, &m, 70, &Stamp::now("bench"))
        });
    });
    group.finish();
}

criterion_group!(benches, memory);
criterion_main!(benches);
