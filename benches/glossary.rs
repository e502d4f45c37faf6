//! Matching a 20,000-term glossary against a 10,000-sentence project: the real news
//! development set (`tests/fixtures/realnews/dev.tsv`, 327 Persian sentences) repeated. The
//! glossary holds one- and two-word sequences of those sentences (up to 15,000 terms that
//! really occur, inflected or not) topped up with invented words to
//! 20,000, so both hits and near misses are exercised. Building the index is timed apart.

use std::collections::BTreeSet;
use std::hint::black_box;

mod common;

use common::realnews_pairs;
use criterion::{Criterion, criterion_group, criterion_main};
use virast::glossary::{Origin, Term, TermBase, TermSet};

fn glossary(sentences: &[String], size: usize) -> Vec<Term> {
    let mut sources = BTreeSet::new();
    for s in sentences {
        let words: Vec<&str> = s
            .split(|c: char| c.is_whitespace() || "،.؛:«»()".contains(c))
            .filter(|w| w.chars().count() > 1)
            .collect();
        for n in 1..=2 {
            for w in words.windows(n) {
                sources.insert(w.join(" "));
            }
        }
    }
    // At most three quarters real, spread over the alphabet.
    let step = sources.len().div_ceil(size * 3 / 4).max(1);
    let mut terms: Vec<Term> = sources
        .into_iter()
        .step_by(step)
        .map(|s| Term::new(&s, "x"))
        .collect();
    let letters: Vec<char> = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی".chars().collect();
    let mut n: usize = 0;
    while terms.len() < size {
        n += 1;
        let word: String = (0..5)
            .map(|k| letters[(n * 7 + k * 13 + n / (k + 1)) % letters.len()])
            .collect();
        terms.push(Term::new(&format!("{word}{n}"), "y"));
    }
    terms
}

fn matching(c: &mut Criterion) {
    let sentences: Vec<String> = realnews_pairs(10_000).into_iter().map(|p| p.0).collect();
    let terms = glossary(&sentences[..327], 20_000);
    let set = || {
        vec![TermSet {
            origin: Origin::Project,
            terms: terms.clone(),
        }]
    };
    let base = TermBase::new(set());
    let hits: usize = sentences.iter().map(|s| base.find(s).len()).sum();
    eprintln!(
        "{} terms, {} sentences, {hits} matches",
        terms.len(),
        sentences.len()
    );
    let mut group = c.benchmark_group("glossary");
    group.sample_size(10);
    group.bench_function("match 20000 terms x 10000 sentences", |b| {
        b.iter(|| {
            let n: usize = sentences.iter().map(|s| base.find(s).len()).sum();
            black_box(n)
        });
    });
    group.bench_function("index 20000 terms", |b| {
        b.iter(|| black_box(TermBase::new(set())));
    });
    group.finish();
}

criterion_group!(benches, matching);
criterion_main!(benches);
