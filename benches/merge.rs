//! Three-way merge of two 10,000-sentence projects (issue 13: under 200 ms in release).
//!
//! The base is 10,000 real news pairs (`tests/fixtures/realnews/dev.tsv`, repeated), each
//! translated, half approved, every tenth with a comment. Ours edits every 10th sentence,
//! comments on every 25th, merges 20 pairs of sentences and splits 20; theirs edits every
//! 7th (so every 70th is a conflict), approves every 9th, comments on every 30th, splits 20
//! others (their new ids collide with ours and are renumbered).

mod common;

use std::hint::black_box;

use chrono::{Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use virast::merge::merge;
use virast::model::{Project, Stamp};

fn stamp(author: &str, secs: i64) -> Stamp {
    let t0 = Utc
        .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .unwrap_or_default();
    Stamp {
        author: author.into(),
        time: t0 + Duration::seconds(secs),
    }
}

fn base(count: usize) -> Project {
    let pairs = common::realnews_pairs(count);
    let pieces = pairs.iter().enumerate().map(|(i, (fa, _))| {
        let sep = if i % 5 == 4 { "\n" } else { " " };
        (fa.trim().to_owned(), sep.to_owned())
    });
    let mut p = Project::new("10k", "", pieces, stamp("ana", 0).time);
    let ana = stamp("ana", 0);
    for (i, (_, en)) in pairs.iter().enumerate() {
        p.set_target(i, en, &ana).unwrap_or_else(|e| panic!("{e}"));
        if i % 2 == 0 {
            p.approve(i, &ana).unwrap_or_else(|e| panic!("{e}"));
        }
        if i % 10 == 0 {
            p.add_comment(i, "Check the number against the source.", &ana)
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    p
}

/// Split segment `i` at its first space, if it has one.
fn split_at_space(p: &mut Project, i: usize, who: &Stamp) {
    if let Some(pos) = p.segments[i].source.find(' ') {
        let _ = p.split(i, pos, who);
    }
}

fn sides(b: &Project) -> (Project, Project) {
    let mut ours = b.clone();
    let n = ours.segments.len();
    for i in (0..n).step_by(10) {
        let text = format!("{} (edited by Mina)", ours.segments[i].target);
        ours.set_target(i, &text, &stamp("mina", 100))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    for i in (0..n).step_by(25) {
        ours.add_comment(i, "Mina: source says 12, not 21.", &stamp("mina", 200))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    for k in 0..20 {
        let i = 1000 + k * 400;
        let _ = ours.merge_with_next(i, &stamp("mina", 300));
        split_at_space(&mut ours, i + 100, &stamp("mina", 301));
    }

    let mut theirs = b.clone();
    for i in (0..n).step_by(7) {
        let text = format!("{} (edited by Reza)", theirs.segments[i].target);
        theirs
            .set_target(i, &text, &stamp("reza", 150))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    for i in (3..n).step_by(9) {
        let _ = theirs.approve(i, &stamp("reza", 160));
    }
    for i in (0..n).step_by(30) {
        theirs
            .add_comment(
                i,
                "Reza: name spelt as in the agency style.",
                &stamp("reza", 250),
            )
            .unwrap_or_else(|e| panic!("{e}"));
    }
    for k in 0..20 {
        split_at_space(&mut theirs, 1200 + k * 400, &stamp("reza", 350));
    }
    (ours, theirs)
}

fn merge_10k(c: &mut Criterion) {
    let b = base(10_000);
    let (ours, theirs) = sides(&b);
    let merged =
        merge(&b, &ours, &theirs, stamp("merge", 999).time).unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "10,000 sentences: {}; {} renumbered",
        merged.report.summary(),
        merged.report.renumbered.len()
    );
    let mut group = c.benchmark_group("merge");
    group.bench_function("10k both sides edited", |bench| {
        bench.iter(|| {
            merge(
                black_box(&b),
                black_box(&ours),
                black_box(&theirs),
                stamp("m", 1).time,
            )
        });
    });
    group.bench_function("10k one side unchanged", |bench| {
        bench.iter(|| {
            merge(
                black_box(&b),
                black_box(&ours),
                black_box(&b),
                stamp("m", 1).time,
            )
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = merge_10k
}
criterion_main!(benches);
