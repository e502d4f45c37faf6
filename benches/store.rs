//! Saving and loading a generated 10,000-segment project (the sample article's sentences
//! repeated, each translated, half approved, every tenth with a comment), as for a long
//! series of articles kept in one project.

use std::hint::black_box;
use std::path::Path;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use virast::import::read_article;
use virast::model::{Project, Stamp};
use virast::store::{self, ProjectFile};

fn generated(count: usize) -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/khabarresa-police-counseling.fa.txt");
    let time = Utc
        .with_ymd_and_hms(2026, 11, 28, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let sample = read_article(&path)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_project("sample", time);
    let pieces = sample
        .segments
        .iter()
        .cycle()
        .take(count)
        .map(|s| (s.source.clone(), s.separator.clone()));
    let mut project = Project::new("10k", "", pieces, time);
    let stamp = Stamp {
        author: "ana".into(),
        time,
    };
    for i in 0..count {
        let target =
            format!("English translation of sentence {i}, about as long as a news sentence.");
        project
            .set_target(i, &target, &stamp)
            .unwrap_or_else(|e| panic!("{e}"));
        if i % 2 == 0 {
            project.approve(i, &stamp).unwrap_or_else(|e| panic!("{e}"));
        }
        if i % 10 == 0 {
            project
                .add_comment(i, "Check the number against the source.", &stamp)
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    project
}

fn save_and_load(c: &mut Criterion) {
    let project = generated(10_000);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("big.virast.json");
    let mut file = ProjectFile::new(&path);
    file.save(&project).unwrap_or_else(|e| panic!("{e}"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("10,000-segment project file: {} bytes", bytes.len());

    let mut group = c.benchmark_group("store 10k segments");
    group.sample_size(10);
    group.bench_function("save (encode, write, fsync, backup, rename)", |b| {
        b.iter(|| {
            file.save(black_box(&project))
                .unwrap_or_else(|e| panic!("{e}"));
        });
    });
    group.bench_function("load (read, check, decode)", |b| {
        b.iter(|| black_box(store::load(&path).unwrap_or_else(|e| panic!("{e}"))));
    });
    group.bench_function("encode only", |b| {
        b.iter(|| black_box(store::to_json(black_box(&project)).unwrap_or_default()));
    });
    group.bench_function("decode only", |b| {
        b.iter(|| black_box(store::from_json(black_box(&bytes), &path).ok()));
    });
    group.finish();
}

criterion_group!(benches, save_and_load);
criterion_main!(benches);
