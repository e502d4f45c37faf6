//! Times merges of projects with long histories (issue 28, item 6): one sentence with
//! 120,000 revisions (100,000 in the base, 10,000 added on each side), and 10,000 sentences
//! with 60 revisions each (every tenth sentence edited on each side). Prints wall-clock times
//! of `virast::merge::merge` alone (the projects are built in memory first).
//!
//! `cargo run --release --example merge_long_history [REVISIONS]`

use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use virast::merge::merge;
use virast::model::{Project, Stamp};

/// `author` at `secs` seconds after the start of the timeline.
fn stamp(author: &str, secs: i64) -> Stamp {
    Stamp {
        author: author.into(),
        time: DateTime::<Utc>::UNIX_EPOCH + Duration::seconds(secs),
    }
}

/// A translation of some length, different for every revision number.
fn text(i: usize) -> String {
    format!(
        "Revision {i}: the minister said on Tuesday that the talks would resume next week in the capital, officials reported."
    )
}

/// Edit sentence `index` `count` times, alternating two authors (no two edits coalesce).
fn edit(p: &mut Project, index: usize, count: usize, who: [&str; 2], from: usize) {
    for k in 0..count {
        let n = from + k;
        let secs = i64::try_from(n).unwrap_or(i64::MAX) * 10;
        let _ = p.set_target(index, &text(n), &stamp(who[k % 2], secs));
    }
}

fn article(sentences: usize) -> Project {
    let pieces = (0..sentences).map(|i| {
        let sep = if i % 5 == 4 { "\n" } else { " " };
        (format!("جمله شماره {i} از خبر."), sep.to_owned())
    });
    Project::new("long", "", pieces, stamp("ana", 0).time)
}

fn time_merge(label: &str, b: &Project, o: &Project, t: &Project) {
    let started = Instant::now();
    let merged = merge(b, o, t, stamp("merge", 1 << 30).time);
    let elapsed = started.elapsed();
    match merged {
        Ok(m) => {
            let revisions: usize = m.project.segments.iter().map(|s| s.history.len()).sum();
            println!(
                "{label}: {:.3} s ({}; {revisions} revisions in the result)",
                elapsed.as_secs_f64(),
                m.report.summary()
            );
        }
        Err(e) => println!("{label}: refused: {e}"),
    }
}

fn main() {
    let total: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(120_000);
    let side = total / 12;
    let in_base = total - 2 * side;

    // One sentence with a very long history.
    let mut b = article(4);
    edit(&mut b, 1, in_base, ["ana", "ben"], 0);
    let mut o = b.clone();
    edit(&mut o, 1, side, ["mina", "sara"], in_base);
    let mut t = b.clone();
    edit(&mut t, 1, side, ["reza", "omid"], in_base + side);
    time_merge(
        &format!("1 sentence, {total} revisions ({in_base} in the base, {side} new on each side)"),
        &b,
        &o,
        &t,
    );

    // 10,000 sentences with long histories.
    let mut b = article(10_000);
    for i in 0..10_000 {
        edit(&mut b, i, 50, ["ana", "ben"], i * 100);
    }
    let (mut o, mut t) = (b.clone(), b.clone());
    for i in (0..10_000).step_by(10) {
        edit(&mut o, i, 5, ["mina", "sara"], i * 100 + 50);
        edit(&mut t, i + 3, 5, ["reza", "omid"], i * 100 + 60);
    }
    time_merge("10,000 sentences, 50-55 revisions each", &b, &o, &t);
}
