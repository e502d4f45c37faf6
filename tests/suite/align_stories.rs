//! Alignment of whole real stories (the real-news dev set, `tests/fixtures/realnews/stories/`,
//! NTREX-128, CC BY-SA 4.0): every story's own translation is accepted, and another story's
//! translation is refused as "does not look like a translation" (whole-article swaps). Measured
//! before any threshold change: 0 of 62 real stories refused (the shortest has 4 sentences),
//! 55 of 62 swaps refused.
//!
//! `cargo test --test suite align_stories:: -- --nocapture` prints the overall confidences.

use std::path::PathBuf;

use virast::align::{self, Model};
use virast::model::Project;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/realnews/stories")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each story: (id, Persian text, English text), the lines joined by spaces.
fn stories() -> Vec<(String, String, String)> {
    let (fa, en, docs) = (
        fixture("fa.txt"),
        fixture("en.txt"),
        fixture("documents.txt"),
    );
    let mut out: Vec<(String, String, String)> = Vec::new();
    for ((f, e), d) in fa.lines().zip(en.lines()).zip(docs.lines()) {
        match out.last_mut() {
            Some(last) if last.0 == d => {
                last.1.push(' ');
                last.1.push_str(f.trim());
                last.2.push(' ');
                last.2.push_str(e.trim());
            }
            _ => out.push((d.to_owned(), f.trim().to_owned(), e.trim().to_owned())),
        }
    }
    out
}

fn project(fa: &str) -> Project {
    let seg = virast::segment::segment(fa);
    Project::new(
        "story",
        seg.prefix.clone(),
        seg.pieces
            .iter()
            .map(|p| (p.source.clone(), p.separator.clone())),
        chrono::DateTime::UNIX_EPOCH,
    )
}

#[test]
fn real_stories_are_accepted_and_other_articles_refused() {
    let all = stories();
    let (mut refused_real, mut swaps, mut swaps_refused) = (Vec::new(), 0, 0);
    let mut kept_swaps = Vec::new();
    for (k, (id, fa, en)) in all.iter().enumerate() {
        let p = project(fa);
        let own = align::plan(&p, en, Model::Anchored);
        let n = p.segments.len();
        let other = &all[(k + 7) % all.len()];
        let swap = align::plan(&p, &other.2, Model::Anchored);
        println!(
            "{id}: {n} sentences, own {:.2}{}, swapped with {} {:.2}{}",
            own.summary.overall_confidence,
            if own.looks_unrelated() {
                " REFUSED"
            } else {
                ""
            },
            other.0,
            swap.summary.overall_confidence,
            if swap.looks_unrelated() {
                " refused"
            } else {
                " KEPT"
            },
        );
        if own.looks_unrelated() {
            refused_real.push(id.clone());
        }
        swaps += 1;
        if swap.looks_unrelated() {
            swaps_refused += 1;
        } else {
            kept_swaps.push(id.clone());
        }
    }
    println!(
        "real stories refused: {} of {}; other-article swaps refused: {swaps_refused} of {swaps}",
        refused_real.len(),
        all.len()
    );
    assert!(
        refused_real.is_empty(),
        "real translations refused: {refused_real:?}"
    );
    // Each story against the translation of the story seven places on (all 62 stories, short
    // ones included): 55 refused today; the 7 kept are listed in docs/ALIGNMENT.md. A
    // threshold change must not refuse fewer.
    assert!(
        swaps_refused >= 55,
        "other articles accepted: {kept_swaps:?}"
    );
}
