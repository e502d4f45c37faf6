//! Real-news pairs and a 100,000-unit memory made from them, for `benches/memory.rs` and
//! `examples/memory_eval.rs` (docs/MEMORY.md, "Numbers").
//!
//! The pairs: NTREX-128 dev (CC BY-SA 4.0), 1,007 pairs in 62 documents from
//! `$VIRAST_REALNEWS` or `/work/shared/data/realnews-dev` (`fa.txt`, `en.txt`,
//! `documents.txt`), else the 327 pairs of `tests/fixtures/realnews/dev.tsv`.
//!
//! Documents alternate between "past stories" (the 1st, 3rd, 5th… document) and "new
//! stories" (the 2nd, 4th…). The big memory holds only past stories: each past pair once as
//! it is, then variants until there are 100,000 units. A variant is made from one pair by a
//! repeatable pseudo-random choice of: one to three small edits (a number changed, a word
//! dropped, two neighbouring words swapped, a word of another sentence put in), or a splice
//! (the first half of this sentence, the second half of another one).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use virast::memory::{Origin, Unit};

/// One real pair.
#[derive(Clone, Debug)]
pub struct Pair {
    /// Persian.
    pub fa: String,
    /// English.
    pub en: String,
    /// Its document.
    pub doc: String,
}

/// The real pairs and where they were read from.
pub fn pairs() -> (Vec<Pair>, String) {
    let dir = std::env::var_os("VIRAST_REALNEWS").map_or_else(
        || PathBuf::from("/work/shared/data/realnews-dev"),
        PathBuf::from,
    );
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    if let (Some(fa), Some(en), Some(docs)) =
        (read("fa.txt"), read("en.txt"), read("documents.txt"))
    {
        let pairs = fa
            .lines()
            .zip(en.lines())
            .zip(docs.lines())
            .map(|((fa, en), doc)| Pair {
                fa: fa.trim().to_owned(),
                en: en.trim().to_owned(),
                doc: doc.trim().to_owned(),
            })
            .collect();
        return (pairs, format!("NTREX-128 dev, {}", dir.display()));
    }
    let tsv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/realnews/dev.tsv");
    let text = std::fs::read_to_string(&tsv).unwrap_or_default();
    let pairs = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Some(Pair {
                doc: (*cols.get(1)?).to_owned(),
                fa: (*cols.get(4)?).to_owned(),
                en: (*cols.get(5)?).to_owned(),
            })
        })
        .collect();
    (
        pairs,
        "NTREX-128 dev, tests/fixtures/realnews/dev.tsv".to_owned(),
    )
}

/// (past stories, new stories): documents alternate, in the order they first appear.
pub fn split(pairs: &[Pair]) -> (Vec<Pair>, Vec<Pair>) {
    let mut order: Vec<&str> = Vec::new();
    for p in pairs {
        if order.last() != Some(&p.doc.as_str()) && !order.contains(&p.doc.as_str()) {
            order.push(&p.doc);
        }
    }
    let past_doc = |d: &str| {
        order
            .iter()
            .position(|o| *o == d)
            .is_some_and(|k| k % 2 == 0)
    };
    pairs.iter().cloned().partition(|p| past_doc(&p.doc))
}

/// A small repeatable generator (xorshift).
pub struct Rng(u64);

impl Rng {
    /// Seeded.
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    /// Next number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        if n == 0 {
            0
        } else {
            (self.0 % n as u64) as usize
        }
    }
}

fn is_number(w: &str) -> bool {
    w.chars().any(char::is_numeric)
}

/// A variant of `fa` (see the module note); `others` gives words and halves to mix in.
pub fn variant(fa: &str, others: &[Pair], rng: &mut Rng) -> String {
    let mut words: Vec<String> = fa.split_whitespace().map(str::to_owned).collect();
    if words.is_empty() {
        return fa.to_owned();
    }
    let other = &others[rng.below(others.len())];
    let theirs: Vec<&str> = other.fa.split_whitespace().collect();
    if rng.below(10) < 3 && theirs.len() > 2 {
        let mine = words.len() / 2;
        let from = theirs.len() / 2;
        let mut out: Vec<String> = words[..mine.max(1)].to_vec();
        out.extend(theirs[from..].iter().map(|w| (*w).to_owned()));
        return out.join(" ");
    }
    for _ in 0..=rng.below(3) {
        let n = words.len();
        match rng.below(4) {
            0 => {
                let nums: Vec<usize> = (0..n).filter(|&k| is_number(&words[k])).collect();
                let k = if nums.is_empty() {
                    rng.below(n)
                } else {
                    nums[rng.below(nums.len())]
                };
                words[k] = format!("{}", 2 + rng.below(980));
            }
            1 if n > 3 => {
                words.remove(rng.below(n));
            }
            2 if n > 2 => {
                let k = rng.below(n - 1);
                words.swap(k, k + 1);
            }
            _ => {
                if let Some(w) = theirs.get(rng.below(theirs.len())) {
                    words.insert(rng.below(n + 1), (*w).to_owned());
                }
            }
        }
    }
    words.join(" ")
}

/// A memory of `size` units from `past`: each pair as it is, then variants.
pub fn big_memory(past: &[Pair], size: usize) -> Vec<Unit> {
    let file: Arc<str> = "past-stories.tmx".into();
    let mut rng = Rng::new(7);
    let mut out = Vec::with_capacity(size);
    for k in 0..size {
        let Some(base) = past.get(k % past.len().max(1)) else {
            break;
        };
        let fa = if k < past.len() {
            base.fa.clone()
        } else {
            variant(&base.fa, past, &mut rng)
        };
        out.push(Unit {
            fa,
            en: if k < past.len() {
                base.en.clone()
            } else {
                format!("{} [v{k}]", base.en)
            },
            origin: Origin {
                file: Arc::clone(&file),
                date: Some("2026-11-20".to_owned()),
                by: Some("desk".to_owned()),
                context: Vec::new(),
                segment: None,
            },
        });
    }
    out
}

/// Fresh variants of past sentences (another seed than the memory's): lookups that have
/// near matches.
pub fn fresh_variants(past: &[Pair], n: usize) -> Vec<String> {
    let mut rng = Rng::new(991);
    (0..n)
        .map(|k| variant(&past[k * 7 % past.len().max(1)].fa, past, &mut rng))
        .collect()
}
