//! Structured fuzzing of the project loader and the article importer: real project files
//! (made from the fixtures with the importer and the model operations, with comments, history
//! and unknown fields) and real articles, mutated byte by byte and as JSON trees. Nothing may
//! panic; whatever loads must satisfy the model's invariants, save and load back equal, and
//! survive model operations; a file that does not load is left on disk as it was.
//!
//! A seeded generator makes every run the same. `cargo test --test suite fuzz_store::` runs a few
//! thousand cases; `cargo test --test suite fuzz_store:: -- --ignored` runs the long version.

use crate::store_common;

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use serde_json::{Value, json};
use store_common::{Rng, fixture, ok, reviewed_sample};
use virast::import;
use virast::model::{Project, Stamp};
use virast::store::{self, StoreError};

fn stamp(author: &str, minutes: i64) -> Stamp {
    Stamp {
        author: author.into(),
        time: Utc
            .with_ymd_and_hms(2026, 11, 28, 9, 0, 0)
            .single()
            .unwrap_or_default()
            + chrono::Duration::minutes(minutes),
    }
}

/// An article fixture imported and worked on: translations, approvals, comments (one
/// resolved), a send-back, an ignored QA finding, a split and a merge.
fn worked_on(name: &str) -> Project {
    let mut p = ok(import::read_article(&fixture(name))).into_project(name, stamp("ana", 0).time);
    let n = p.segments.len();
    for i in 0..n {
        let _ = p.set_target(
            i,
            &format!("Sentence {i}, \"quoted\" \\ ok."),
            &stamp("ana", 1),
        );
    }
    let _ = p.approve(0, &stamp("ed", 2));
    let _ = p.send_back(n.saturating_sub(1), "Check the «number».", &stamp("ed", 3));
    let _ = p.add_comment(0, "Fine.\nSecond line\ttab", &stamp("ed", 4));
    let _ = p.set_comment_resolved(0, 1, true, &stamp("ana", 5));
    let _ = p.set_qa_ignored(0, "number-missing:700", true, &stamp("ed", 6));
    if let Some(pos) = p.segments.first().and_then(|s| s.source.find(' ')) {
        let _ = p.split(0, pos, &stamp("ana", 7));
        let _ = p.merge_with_next(0, &stamp("ana", 8));
        let _ = p.split(0, pos, &stamp("ana", 9));
    }
    p
}

/// The project files the mutations start from.
fn corpus() -> Vec<Vec<u8>> {
    let mut projects = vec![
        reviewed_sample(),
        worked_on("sample.fa.txt"),
        worked_on("crlf.fa.txt"),
        worked_on("bom.fa.txt"),
        worked_on("rtl-mixed.fa.txt"),
    ];
    // One with unknown fields at every level.
    let mut extra = reviewed_sample();
    extra
        .extra
        .insert("x_top".into(), json!({"a": [1, 2.5, null]}));
    extra.meta.extra.insert("x_meta".into(), json!("m"));
    for seg in &mut extra.segments {
        seg.extra.insert("x_seg".into(), json!({"confidence": 0.5}));
        for c in &mut seg.comments {
            c.extra.insert("x_c".into(), json!(true));
        }
        for r in &mut seg.history {
            r.extra.insert("x_r".into(), json!([]));
        }
    }
    projects.push(extra);
    let mut files: Vec<Vec<u8>> = projects.iter().map(|p| ok(store::to_json(p))).collect();
    files.push(
        br#"{"format":"virast-project","version":1,"meta":{"title":"","source_lang":"fa","target_lang":"en","created":"2026-11-28T09:00:00Z","modified":"2026-11-28T09:00:00Z"},"next_id":1,"segments":[]}"#
            .to_vec(),
    );
    files
}

const BOUNDARY_NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "18446744073709551615",
    "18446744073709551614",
    "18446744073709551616",
    "-9223372036854775808",
    "9223372036854775807",
    "1e308",
    "1e400",
    "-0",
    "0.5",
    "1E2",
    "00",
];

const ODD_VALUES: &[&str] = &[
    "null",
    "true",
    "false",
    "{}",
    "[]",
    "\"\"",
    "\"x\"",
    "\"\\ud800\"",
    "\"\\u0000\"",
    "\"2026-13-45T99:00:00Z\"",
    "\"approved\"",
    "[1, 2]",
    "{\"id\": 1}",
];

const BAD_UTF8: &[&[u8]] = &[
    b"\xFF",
    b"\xC0\x80",
    b"\x80",
    b"\xE2\x82",
    b"\xED\xA0\x80",
    b"\xF4\x90\x80\x80",
    b"\x00",
    b"\xEF\xBB\xBF",
];

/// Positions of the starts of JSON number tokens (roughly: a digit or `-` after `: ` or `[`).
fn token_starts(bytes: &[u8], first: impl Fn(u8) -> bool) -> Vec<usize> {
    (1..bytes.len())
        .filter(|&i| first(bytes[i]) && matches!(bytes[i - 1], b' ' | b'[' | b':'))
        .collect()
}

/// The end of the JSON scalar token starting at `start` (string with escapes, or a bare word).
fn token_end(bytes: &[u8], start: usize) -> usize {
    if bytes.get(start) == Some(&b'"') {
        let mut i = start + 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'"' => return i + 1,
                _ => i += 1,
            }
        }
        return bytes.len();
    }
    let mut i = start;
    while i < bytes.len() && !matches!(bytes[i], b',' | b'\n' | b']' | b'}' | b' ') {
        i += 1;
    }
    i
}

fn nested(depth: usize, rng: &mut Rng) -> Vec<u8> {
    let (open, close): (&[u8], &[u8]) = if rng.below(2) == 0 {
        (b"[", b"]")
    } else {
        (b"{\"a\":", b"}")
    };
    let mut out = open.repeat(depth);
    out.extend_from_slice(b"1");
    out.extend(close.repeat(depth));
    out
}

/// One byte-level mutation.
fn mutate_bytes(bytes: &mut Vec<u8>, rng: &mut Rng) {
    let len = bytes.len();
    let at = rng.below(len + 1);
    match rng.below(12) {
        0 => bytes.truncate(at),
        1 => {
            for _ in 0..=rng.below(4) {
                let i = rng.below(len);
                if let Some(b) = bytes.get_mut(i) {
                    *b ^= 1 << rng.below(8);
                }
            }
        }
        2 => {
            let end = (at + rng.below(64)).min(len);
            bytes.drain(at..end);
        }
        3 => {
            // Copy a range elsewhere: duplicated keys, values, array elements.
            let start = rng.below(len);
            let end = (start + rng.below(400)).min(len);
            let piece = bytes[start..end].to_vec();
            let to = rng.below(bytes.len() + 1);
            bytes.splice(to..to, piece);
        }
        4 | 5 => {
            // Duplicate or swap whole lines: duplicate keys, reordered keys and elements.
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let i = rng.below(lines.len());
            let n = 1 + rng.below(12);
            let j = rng.below(lines.len());
            if rng.below(2) == 0 {
                let block: Vec<Vec<u8>> = lines[i..(i + n).min(lines.len())].to_vec();
                lines.splice(j..j, block);
            } else {
                lines.swap(i, j);
            }
            *bytes = lines.join(&b'\n');
        }
        6 => {
            let starts = token_starts(bytes, |b| b.is_ascii_digit() || b == b'-');
            if !starts.is_empty() {
                let s = *rng.pick(&starts);
                let e = token_end(bytes, s);
                bytes.splice(s..e, rng.pick(BOUNDARY_NUMBERS).bytes());
            }
        }
        7 => {
            let starts = token_starts(bytes, |b| b == b'"' || b.is_ascii_alphanumeric());
            if !starts.is_empty() {
                let s = *rng.pick(&starts);
                let e = token_end(bytes, s);
                bytes.splice(s..e, rng.pick(ODD_VALUES).bytes());
            }
        }
        8 => {
            let bad = rng.pick(BAD_UTF8);
            bytes.splice(at..at, bad.iter().copied());
        }
        9 => {
            // A huge string value.
            let starts = token_starts(bytes, |b| b == b'"');
            if !starts.is_empty() {
                let s = *rng.pick(&starts);
                let e = token_end(bytes, s);
                let size = 1 << (10 + rng.below(11));
                let mut huge = b"\"".to_vec();
                huge.extend("خ".repeat(size / 2).bytes());
                huge.push(b'"');
                bytes.splice(s..e, huge);
            }
        }
        10 => {
            // Deep nesting in place of a value, below and far above the parser's limit.
            let starts = token_starts(bytes, |b| b == b'"' || b.is_ascii_alphanumeric());
            if !starts.is_empty() {
                let s = *rng.pick(&starts);
                let e = token_end(bytes, s);
                let depth = *rng.pick(&[1, 100, 126, 127, 128, 129, 1000, 100_000]);
                let deep = nested(depth, rng);
                bytes.splice(s..e, deep);
            }
        }
        _ => bytes.insert(at.min(len), rng.next_u64() as u8),
    }
}

/// A node of the tree: the root or, more often, somewhere below it.
fn random_node<'a>(v: &'a mut Value, rng: &mut Rng) -> &'a mut Value {
    let descend = rng.below(5) != 0;
    let has_children = match v {
        Value::Object(o) => !o.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => false,
    };
    if !descend || !has_children {
        return v;
    }
    match v {
        Value::Object(o) => {
            let i = rng.below(o.len());
            match o.values_mut().nth(i) {
                Some(child) => random_node(child, rng),
                None => unreachable!("index below the length"),
            }
        }
        Value::Array(a) => {
            let i = rng.below(a.len());
            random_node(&mut a[i], rng)
        }
        _ => unreachable!("checked above"),
    }
}

fn odd_value(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => Value::Null,
        1 => json!(u64::MAX),
        2 => json!(-1),
        3 => json!(0),
        4 => json!("x"),
        5 => json!([]),
        6 => json!({}),
        _ => json!(1.5),
    }
}

/// One mutation of the JSON tree: remove, add, retype, duplicate or reorder.
fn mutate_tree(doc: &mut Value, rng: &mut Rng) {
    let node = random_node(doc, rng);
    match node {
        Value::Object(o) if !o.is_empty() => {
            let i = rng.below(o.len());
            let Some(key) = o.keys().nth(i).cloned() else {
                return;
            };
            match rng.below(5) {
                0 => {
                    o.shift_remove(&key);
                }
                1 => {
                    o.insert(format!("x_{}", rng.below(100)), odd_value(rng));
                }
                2 => {
                    o.insert(key, odd_value(rng));
                }
                3 => {
                    // Move the key to the end (reordered keys).
                    if let Some(v) = o.shift_remove(&key) {
                        o.insert(key, v);
                    }
                }
                _ => {
                    if let Some(Value::Number(_)) = o.get(&key) {
                        o.insert(key, json!(*rng.pick(&[0, 1, u64::MAX, u64::MAX - 1])));
                    }
                }
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let i = rng.below(a.len());
            let j = rng.below(a.len());
            match rng.below(4) {
                0 => {
                    a.remove(i);
                }
                1 => {
                    let copy = a[i].clone();
                    a.insert(j, copy);
                }
                2 => a.swap(i, j),
                _ => a[i] = odd_value(rng),
            }
        }
        other => *other = odd_value(rng),
    }
}

#[derive(Debug, Default)]
struct Counts {
    cases: usize,
    loaded: usize,
    refused: usize,
    through_disk: usize,
}

/// What must hold for any bytes given to the loader.
fn check_load(bytes: &[u8], dir: &Path, on_disk: bool, counts: &mut Counts) {
    let path = dir.join("f.virast.json");
    let result = if on_disk {
        ok(fs::write(&path, bytes));
        counts.through_disk += 1;
        let r = store::open(&path).map(|o| o.project);
        assert_eq!(ok(fs::read(&path)), bytes, "open changed the file");
        r
    } else {
        store::from_json(bytes, &path)
    };
    let mut p = match result {
        Ok(p) => p,
        Err(e) => {
            counts.refused += 1;
            assert!(
                e.to_string().contains("f.virast.json"),
                "the message names the file: {e}"
            );
            if let StoreError::Malformed { line, .. } = e {
                assert!(line <= bytes.len() + 1);
            }
            return;
        }
    };
    counts.loaded += 1;
    ok(p.validate());
    let saved = ok(store::to_json(&p));
    let again = ok(store::from_json(&saved, &path));
    assert_eq!(again, p, "save and load give the same project");
    assert_eq!(ok(store::to_json(&again)), saved, "saving is stable");
    // Operations on whatever loaded: errors are fine, panics are not, invariants hold.
    let n = p.segments.len();
    for i in [0, n / 2, n.saturating_sub(1), n] {
        let pos = p.segments.get(i).map_or(0, |s| s.source.len() / 2);
        let _ = p.split(i, pos, &stamp("f", 0));
        let _ = p.merge_with_next(i, &stamp("f", 1));
        let _ = p.add_comment(i, "c", &stamp("f", 2));
        let _ = p.set_target(i, "t", &stamp("f", 3));
        let _ = p.approve(i, &stamp("f", 4));
        let _ = p.set_comment_resolved(i, u64::MAX, true, &stamp("f", 5));
    }
    ok(p.validate());
    let _ = (p.paragraph_count(), p.status_counts(), p.source_text());
}

fn fuzz_loader(cases: usize, seed: u64) -> Counts {
    let corpus = corpus();
    let trees: Vec<Value> = corpus
        .iter()
        .map(|b| ok(serde_json::from_slice(b)))
        .collect();
    let dir = ok(tempfile::tempdir());
    let mut rng = Rng(seed);
    let mut counts = Counts::default();
    for case in 0..cases {
        let base = rng.below(corpus.len());
        let bytes = if rng.below(2) == 0 {
            let mut bytes = corpus[base].clone();
            for _ in 0..=rng.below(3) {
                mutate_bytes(&mut bytes, &mut rng);
            }
            bytes
        } else {
            let mut doc = trees[base].clone();
            for _ in 0..=rng.below(4) {
                mutate_tree(&mut doc, &mut rng);
            }
            let mut bytes = if rng.below(2) == 0 {
                ok(serde_json::to_vec_pretty(&doc))
            } else {
                ok(serde_json::to_vec(&doc))
            };
            bytes.push(b'\n');
            bytes
        };
        let on_disk = case % 97 == 0;
        let checked = catch_unwind(AssertUnwindSafe(|| {
            check_load(&bytes, dir.path(), on_disk, &mut counts);
        }));
        if checked.is_err() {
            let keep = std::env::temp_dir().join(format!("virast-fuzz-{seed}-{case}.json"));
            let _ = fs::write(&keep, &bytes);
            panic!(
                "case {case} (seed {seed}) failed; input kept as {}",
                keep.display()
            );
        }
        counts.cases += 1;
    }
    counts
}

const ARTICLES: &[&str] = &[
    "khabarresa-police-counseling.fa.txt",
    "sample.fa.txt",
    "crlf.fa.txt",
    "bom.fa.txt",
    "rtl-mixed.fa.txt",
];

fn fuzz_importer(cases: usize, seed: u64) -> Counts {
    let articles: Vec<Vec<u8>> = ARTICLES.iter().map(|n| ok(fs::read(fixture(n)))).collect();
    let mut rng = Rng(seed);
    let mut counts = Counts::default();
    let path = Path::new("article.txt");
    for case in 0..cases {
        let mut bytes = rng.pick(&articles).clone();
        for _ in 0..=rng.below(3) {
            mutate_bytes(&mut bytes, &mut rng);
        }
        let checked = catch_unwind(AssertUnwindSafe(|| match import::decode(&bytes, path) {
            Ok(article) => {
                counts.loaded += 1;
                assert_eq!(
                    article.to_bytes(),
                    bytes,
                    "the article is kept byte for byte"
                );
                let text = article.text.clone();
                let p = article.into_project("t", stamp("a", 0).time);
                ok(p.validate());
                assert_eq!(p.source_text(), text, "segmentation is lossless");
                let saved = ok(store::to_json(&p));
                assert_eq!(ok(store::from_json(&saved, path)), p);
            }
            Err(e) => {
                counts.refused += 1;
                assert!(e.to_string().contains("article.txt"), "{e}");
            }
        }));
        if checked.is_err() {
            let keep = std::env::temp_dir().join(format!("virast-fuzz-article-{seed}-{case}.txt"));
            let _ = fs::write(&keep, &bytes);
            panic!(
                "article case {case} (seed {seed}) failed; input kept as {}",
                keep.display()
            );
        }
        counts.cases += 1;
    }
    counts
}

fn report(what: &str, counts: &Counts, started: Instant) {
    eprintln!("{what}: {counts:?} in {:?}", started.elapsed());
}

#[test]
fn mutated_project_files_never_panic_short() {
    let started = Instant::now();
    let counts = fuzz_loader(3_000, 11);
    report("loader", &counts, started);
    assert_eq!(counts.cases, 3_000);
    assert!(counts.loaded > 100 && counts.refused > 100, "{counts:?}");
}

#[test]
fn mutated_articles_never_panic_short() {
    let started = Instant::now();
    let counts = fuzz_importer(1_000, 12);
    report("importer", &counts, started);
    assert!(counts.loaded > 100 && counts.refused > 10, "{counts:?}");
}

#[test]
#[ignore = "a few minutes; run with --ignored"]
fn mutated_project_files_never_panic_full() {
    let started = Instant::now();
    let counts = fuzz_loader(100_000, 21);
    report("loader", &counts, started);
    assert_eq!(counts.cases, 100_000);
}

#[test]
#[ignore = "a minute or two; run with --ignored"]
fn mutated_articles_never_panic_full() {
    let started = Instant::now();
    let counts = fuzz_importer(30_000, 22);
    report("importer", &counts, started);
    assert_eq!(counts.cases, 30_000);
}
