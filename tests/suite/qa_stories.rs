//! QA as a newsroom meets it: every story of the real-news development set checked as its own
//! project with default settings (`check_project`: house style, consistency, paragraphs), the
//! figures split by document into a tuning part and a held-out part (docs/QA.md).
//!
//! Data: `tests/fixtures/realnews/stories/` (the 1,007 pairs in 62 documents of the NTREX-128
//! development half, CC BY-SA 4.0, see the README there). Hand verdicts on every sentence the
//! checks flag with an error: `stories/errors.tsv` (`real`: an editor must fix something there;
//! `false`: nothing to fix).
//!
//! `cargo test --test suite qa_stories:: -- --ignored --nocapture` prints the table; the
//! ordinary (not ignored) test holds the floors: no real problem lost, the held-out targets.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use virast::model::Project;
use virast::qa::{CheckKind, Severity, check_project};

/// Which part of the set a document belongs to: fixed by the FNV-1a hash of its id (odd:
/// held out), so the split never depends on file order and a new document falls in one part
/// for good. 29 documents (464 sentences) tune, 33 documents (543 sentences) are held out.
fn held_out(document: &str) -> bool {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in document.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h % 2 == 1
}

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/realnews/stories")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One story: its id and its (line number from 1, Persian, English) sentences.
struct Story {
    id: String,
    lines: Vec<(usize, String, String)>,
}

fn stories() -> Vec<Story> {
    let fa = fixture("fa.txt");
    let en = fixture("en.txt");
    let docs = fixture("documents.txt");
    let mut out: Vec<Story> = Vec::new();
    for (i, ((f, e), d)) in fa.lines().zip(en.lines()).zip(docs.lines()).enumerate() {
        if out.last().is_none_or(|s| s.id != d) {
            out.push(Story {
                id: d.to_owned(),
                lines: Vec::new(),
            });
        }
        if let Some(s) = out.last_mut() {
            s.lines.push((i + 1, f.to_owned(), e.to_owned()));
        }
    }
    out
}

/// How a story's lines are joined into the imported article. NTREX keeps sentences, not the
/// paragraphs they stood in, so neither is exactly the original: [`Join::Story`] (the story
/// as one block of text, as a story pasted without blank lines imports) is the one the
/// targets are held to; [`Join::Lines`] (every sentence its own paragraph, so a quotation
/// running over two sentences is a stray quote in each) is printed beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Join {
    Story,
    Lines,
}

/// The story as a project with default settings, the English as its translation.
fn project(story: &Story, join: Join) -> Project {
    let separator = match join {
        Join::Story => " ",
        Join::Lines => "\n",
    };
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single();
    let now = now.unwrap_or_default();
    let mut p = Project::new(
        story.id.clone(),
        "",
        story
            .lines
            .iter()
            .map(|(_, fa, _)| (fa.clone(), separator.to_owned())),
        now,
    );
    for (seg, (_, _, en)) in p.segments.iter_mut().zip(&story.lines) {
        seg.target.clone_from(en);
    }
    p
}

/// Hand verdicts on error-flagged sentences: line → is a real problem.
fn verdicts() -> HashMap<usize, bool> {
    fixture("errors.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let line = cols[0].parse().unwrap_or_else(|e| panic!("{l}: {e}"));
            let real = match cols.get(1).copied() {
                Some("real") => true,
                Some("false") => false,
                other => panic!("verdict {other:?} in {l}"),
            };
            (line, real)
        })
        .collect()
}

/// What the checks say about one part of the set.
#[derive(Default)]
struct Part {
    sentences: usize,
    /// Sentences with an error / a warning (not info), all kinds.
    with_error: BTreeSet<usize>,
    with_warning: BTreeSet<usize>,
    /// Per kind: sentences with an error of that kind, with a warning of that kind.
    errors_by_kind: BTreeMap<CheckKind, BTreeSet<usize>>,
    warnings_by_kind: BTreeMap<CheckKind, BTreeSet<usize>>,
    /// Every finding, for the listing.
    listing: Vec<String>,
}

fn measure(held: bool, join: Join) -> Part {
    let mut part = Part::default();
    for story in stories().iter().filter(|s| held_out(&s.id) == held) {
        let p = project(story, join);
        part.sentences += p.segments.len();
        for seg in check_project(&p) {
            let line = story.lines[seg.index].0;
            for f in seg.active() {
                let set = match f.severity {
                    Severity::Error => {
                        part.with_error.insert(line);
                        part.errors_by_kind.entry(f.kind).or_default()
                    }
                    Severity::Warning => {
                        part.with_warning.insert(line);
                        part.warnings_by_kind.entry(f.kind).or_default()
                    }
                    Severity::Info => continue,
                };
                set.insert(line);
                part.listing.push(format!(
                    "{line}\t{}\t{:?}\t{}\t{}",
                    story.id, f.severity, f.key, f.message
                ));
            }
        }
    }
    part
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn table(name: &str, part: &Part, verdicts: &HashMap<usize, bool>) -> String {
    let mut s = String::new();
    let false_errors = |set: &BTreeSet<usize>| {
        set.iter()
            .filter(|l| verdicts.get(l) == Some(&false))
            .count()
    };
    let unlabelled: Vec<&usize> = part
        .with_error
        .iter()
        .filter(|l| !verdicts.contains_key(l))
        .collect();
    let _ = writeln!(s, "== {name}: {} sentences", part.sentences);
    let _ = writeln!(
        s,
        "{:<22} {:>7} {:>9} {:>9}",
        "kind", "errors", "no-fault", "warnings"
    );
    let kinds: BTreeSet<CheckKind> = part
        .errors_by_kind
        .keys()
        .chain(part.warnings_by_kind.keys())
        .copied()
        .collect();
    let empty = BTreeSet::new();
    for k in kinds {
        let e = part.errors_by_kind.get(&k).unwrap_or(&empty);
        let w = part.warnings_by_kind.get(&k).unwrap_or(&empty);
        let _ = writeln!(
            s,
            "{:<22} {:>7} {:>9} {:>9}",
            format!("{k:?}"),
            e.len(),
            false_errors(e),
            w.len()
        );
    }
    let fe = false_errors(&part.with_error);
    let _ = writeln!(
        s,
        "sentences with an error: {} ({:.1}%), no real problem: {fe} ({:.2} per 100 sentences), \
         unlabelled: {unlabelled:?}",
        part.with_error.len(),
        pct(part.with_error.len(), part.sentences),
        pct(fe, part.sentences)
    );
    let _ = writeln!(
        s,
        "sentences with a warning: {} ({:.1}%)",
        part.with_warning.len(),
        pct(part.with_warning.len(), part.sentences)
    );
    s
}

/// Prints the figures of both parts and every error and warning (for labelling and tuning).
#[test]
#[ignore = "prints the evaluation table; run with --ignored --nocapture"]
fn print_the_story_figures() {
    let v = verdicts();
    for join in [Join::Story, Join::Lines] {
        for (name, held) in [("dev-tune", false), ("dev-held-out", true)] {
            let part = measure(held, join);
            println!("{}", table(&format!("{name}, {join:?}"), &part, &v));
            for l in &part.listing {
                println!("  {l}");
            }
        }
    }
}

/// The held-out part meets the targets of issue 23, and no sentence labelled a real problem
/// (flagged before the changes) lost its error, in either part.
#[test]
fn stories_meet_the_targets_and_lose_no_real_problem() {
    let v = verdicts();
    for join in [Join::Lines, Join::Story] {
        let tune = measure(false, join);
        let held = measure(true, join);
        for (line, real) in &v {
            if *real {
                assert!(
                    tune.with_error.contains(line) || held.with_error.contains(line),
                    "line {line} holds a real problem and is no longer flagged with an error"
                );
            }
        }
    }
    let held = measure(true, Join::Story);
    let false_held = held
        .with_error
        .iter()
        .filter(|l| v.get(l) == Some(&false))
        .count();
    let unlabelled: Vec<&usize> = held
        .with_error
        .iter()
        .filter(|l| !v.contains_key(l))
        .collect();
    assert!(unlabelled.is_empty(), "label {unlabelled:?} in errors.tsv");
    assert!(
        false_held * 100 <= held.sentences,
        "{false_held} false errors in {} held-out sentences",
        held.sentences
    );
    assert!(
        held.with_warning.len() * 100 <= held.sentences * 3,
        "warnings on {} of {} held-out sentences",
        held.with_warning.len(),
        held.sentences
    );
}
