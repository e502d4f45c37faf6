//! Alignment evaluation on a parallel corpus with one sentence per line.
//!
//! `cargo run --release --example align_eval -- DIR [--verbose]` where DIR has `fa.txt`,
//! `en.txt` and `documents.txt` (line N of each belongs together). Each document of at least 10
//! lines is joined into one paragraph per side, cut again by our segmenters, aligned back with
//! the Gale–Church baseline and with our anchored model, and scored against the gold pairing:
//! the share of English sentences that land on their own Persian sentence(s), and strict bead
//! F1. Also reports how the gold lines map to our sentences, the length-model calibration, and
//! what the aligner says about shuffled, truncated and unrelated translations.

use std::collections::HashSet;
use std::ops::Range;
use std::path::PathBuf;

use virast::align::{self, Bead, LOW_CONFIDENCE, Model};
use virast::model::Project;
use virast::segment::segment;

struct Doc {
    fa: Vec<String>,
    en: Vec<String>,
}

/// Byte spans of lines joined with one space.
fn line_spans(lines: &[String]) -> (String, Vec<Range<usize>>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(l.trim());
        spans.push(start..text.len());
    }
    (text, spans)
}

/// Byte spans of pieces (source only).
fn piece_spans(prefix: &str, pieces: impl Iterator<Item = (usize, usize)>) -> Vec<Range<usize>> {
    let mut pos = prefix.len();
    let mut out = Vec::new();
    for (source, sep) in pieces {
        out.push(pos..pos + source);
        pos += source + sep;
    }
    out
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn find(parent: &mut [usize], x: usize) -> usize {
    let mut r = x;
    while parent[r] != r {
        r = parent[r];
    }
    parent[x] = r;
    r
}

/// Gold beads: components of lines linked by a shared sentence on either side.
fn gold_beads(
    lines_fa: &[Range<usize>],
    lines_en: &[Range<usize>],
    fa: &[Range<usize>],
    en: &[Range<usize>],
) -> Vec<(Range<usize>, Range<usize>)> {
    let n = lines_fa.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (spans, lines) in [(fa, lines_fa), (en, lines_en)] {
        for s in spans {
            let hit: Vec<usize> = (0..n).filter(|&k| overlaps(s, &lines[k])).collect();
            for pair in hit.windows(2) {
                let (left, right) = (find(&mut parent, pair[0]), find(&mut parent, pair[1]));
                parent[left] = right;
            }
        }
    }
    let mut beads = Vec::new();
    let mut k = 0;
    while k < n {
        let root = find(&mut parent, k);
        let mut end = k + 1;
        while end < n && find(&mut parent, end) == root {
            end += 1;
        }
        let group = lines_fa[k].start..lines_fa[end - 1].end;
        let group_en = lines_en[k].start..lines_en[end - 1].end;
        let fr = range_of(fa, &group);
        let er = range_of(en, &group_en);
        beads.push((fr, er));
        k = end;
    }
    beads
}

fn range_of(spans: &[Range<usize>], group: &Range<usize>) -> Range<usize> {
    let hit: Vec<usize> = (0..spans.len())
        .filter(|&i| overlaps(&spans[i], group))
        .collect();
    match (hit.first(), hit.last()) {
        (Some(&a), Some(&b)) => a..b + 1,
        _ => 0..0,
    }
}

/// How gold lines map to our sentences: (exactly one, split into several, merged with others).
fn mapping(lines: &[Range<usize>], ours: &[Range<usize>]) -> (usize, usize, usize) {
    let (mut one, mut split, mut merged) = (0, 0, 0);
    for l in lines {
        let hit: Vec<&Range<usize>> = ours.iter().filter(|s| overlaps(s, l)).collect();
        if hit.len() > 1 {
            split += 1;
        } else if hit.iter().any(|s| s.start < l.start || s.end > l.end) {
            merged += 1;
        } else {
            one += 1;
        }
    }
    (one, split, merged)
}

#[derive(Default)]
struct Score {
    english: usize,
    english_right: usize,
    gold_beads: usize,
    pred_beads: usize,
    beads_right: usize,
    /// Placed English sentences that are wrong, and how many of them were flagged low.
    wrong: usize,
    wrong_flagged: usize,
    right_flagged: usize,
}

impl Score {
    fn add(
        &mut self,
        gold: &[(Range<usize>, Range<usize>)],
        pred: &[Bead],
        verbose: Option<&Doc2>,
    ) {
        let gold_set: HashSet<(Range<usize>, Range<usize>)> = gold.iter().cloned().collect();
        self.gold_beads += gold.len();
        self.pred_beads += pred.len();
        for b in pred {
            let key = (b.fa.clone(), b.en.clone());
            let right = gold_set.contains(&key);
            if right {
                self.beads_right += 1;
            }
            for t in b.en.clone() {
                self.english += 1;
                let g = gold.iter().find(|(_, e)| e.contains(&t));
                let ok = g.is_some_and(|(f, _)| *f == b.fa);
                let low = b.confidence < LOW_CONFIDENCE;
                if ok {
                    self.english_right += 1;
                    if low {
                        self.right_flagged += 1;
                    }
                } else {
                    self.wrong += 1;
                    if low {
                        self.wrong_flagged += 1;
                    }
                }
            }
            if let (false, Some(d)) = (right, verbose) {
                eprintln!(
                    "  WRONG {:?}/{:?} conf {:.2}\n    FA: {}\n    EN: {}",
                    b.fa,
                    b.en,
                    b.confidence,
                    d.fa[b.fa.clone()].join(" | "),
                    d.en[b.en.clone()].join(" | ")
                );
            }
        }
    }

    fn row(&self, name: &str) -> String {
        let p = self.beads_right as f64 / self.pred_beads.max(1) as f64;
        let r = self.beads_right as f64 / self.gold_beads.max(1) as f64;
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        format!(
            "| {name} | {:.2}% ({}/{}) | {:.2}% (P {:.2}%, R {:.2}%; {} right of {} predicted, {} gold) | {}/{} wrong flagged low; {} right flagged low |",
            100.0 * self.english_right as f64 / self.english.max(1) as f64,
            self.english_right,
            self.english,
            100.0 * f1,
            100.0 * p,
            100.0 * r,
            self.beads_right,
            self.pred_beads,
            self.gold_beads,
            self.wrong_flagged,
            self.wrong,
            self.right_flagged
        )
    }
}

/// A document cut by our segmenters.
struct Doc2 {
    fa: Vec<String>,
    en: Vec<String>,
    project: Project,
    en_text: String,
    gold: Vec<(Range<usize>, Range<usize>)>,
}

fn prepare(doc: &Doc, maps: &mut [(usize, usize, usize); 2]) -> Doc2 {
    let (fa_text, fa_lines) = line_spans(&doc.fa);
    let (en_text, en_lines) = line_spans(&doc.en);
    let fa_seg = segment(&fa_text);
    let en_seg = align::english::split(&en_text);
    let fa_spans = piece_spans(
        &fa_seg.prefix,
        fa_seg
            .pieces
            .iter()
            .map(|p| (p.source.len(), p.separator.len())),
    );
    let en_spans = piece_spans(
        &en_seg.prefix,
        en_seg
            .pieces
            .iter()
            .map(|p| (p.source.len(), p.separator.len())),
    );
    for (slot, (lines, ours)) in maps
        .iter_mut()
        .zip([(&fa_lines, &fa_spans), (&en_lines, &en_spans)])
    {
        let (a, b, c) = mapping(lines, ours);
        slot.0 += a;
        slot.1 += b;
        slot.2 += c;
    }
    let gold = gold_beads(&fa_lines, &en_lines, &fa_spans, &en_spans);
    let project = Project::new(
        "eval",
        fa_seg.prefix.clone(),
        fa_seg
            .pieces
            .iter()
            .map(|p| (p.source.clone(), p.separator.clone())),
        chrono::Utc::now(),
    );
    Doc2 {
        fa: fa_seg.pieces.iter().map(|p| p.source.clone()).collect(),
        en: en_seg.pieces.iter().map(|p| p.source.clone()).collect(),
        project,
        en_text,
        gold,
    }
}

fn load(dir: &std::path::Path) -> std::io::Result<Vec<Doc>> {
    let read = |name: &str| -> std::io::Result<Vec<String>> {
        Ok(std::fs::read_to_string(dir.join(name))?
            .lines()
            .map(str::to_owned)
            .collect())
    };
    let (fa, en, ids) = (read("fa.txt")?, read("en.txt")?, read("documents.txt")?);
    let mut docs: Vec<(String, Doc)> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let (Some(f), Some(e)) = (fa.get(i), en.get(i)) else {
            break;
        };
        if docs.last().is_none_or(|(last, _)| last != id) {
            docs.push((
                id.clone(),
                Doc {
                    fa: Vec::new(),
                    en: Vec::new(),
                },
            ));
        }
        if let Some((_, d)) = docs.last_mut() {
            d.fa.push(f.clone());
            d.en.push(e.clone());
        }
    }
    Ok(docs.into_iter().map(|(_, d)| d).collect())
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
    else {
        eprintln!("usage: align_eval DIR [--verbose]");
        std::process::exit(2);
    };
    let verbose = args.iter().any(|a| a == "--verbose");
    let all = load(&dir)?;
    let docs: Vec<(usize, &Doc)> = all
        .iter()
        .enumerate()
        .filter(|(_, d)| d.fa.len() >= 10)
        .collect();
    // Length calibration on the even-numbered documents (by position in the file).
    let (mut sum_fa, mut sum_en, mut pairs) = (0.0, 0.0, Vec::new());
    for (i, d) in all.iter().enumerate() {
        if i % 2 == 0 {
            for (f, e) in d.fa.iter().zip(&d.en) {
                let (fa_len, en_len) = (
                    f.trim().chars().count() as f64,
                    e.trim().chars().count() as f64,
                );
                sum_fa += fa_len;
                sum_en += en_len;
                pairs.push((fa_len, en_len));
            }
        }
    }
    let ratio = sum_en / sum_fa;
    let var = pairs
        .iter()
        .map(|(f, e)| (e - ratio * f).powi(2) / f.max(1.0))
        .sum::<f64>()
        / pairs.len() as f64;
    println!(
        "Calibration (even documents, {} pairs): ratio {ratio:.3}, variance {var:.2} per char\n",
        pairs.len()
    );
    let mut maps = [(0, 0, 0); 2];
    let prepared: Vec<(usize, Doc2)> = docs
        .iter()
        .map(|(i, d)| (*i, prepare(d, &mut maps)))
        .collect();
    let lines: usize = docs.iter().map(|(_, d)| d.fa.len()).sum();
    println!(
        "{} documents with at least 10 lines ({} of {} in the corpus), {lines} gold line pairs",
        docs.len(),
        docs.len(),
        all.len()
    );
    for (name, (one, split, merged)) in ["Persian (src/segment.rs)", "English (align::english)"]
        .iter()
        .zip(maps)
    {
        println!(
            "{name}: {one} gold lines are exactly one of our sentences, {split} are cut into several, {merged} are merged with a neighbour"
        );
    }
    println!();
    println!("| model | documents | English sentences right | strict bead F1 | confidence flags |");
    println!("| --- | --- | --- | --- | --- |");
    for (model, name) in [
        (Model::LengthOnly, "Gale–Church (length only)"),
        (Model::Anchored, "Virast (length + anchors)"),
    ] {
        for (subset, label) in [(0, "all"), (1, "even (calibration)"), (2, "odd (held out)")] {
            let mut score = Score::default();
            for (i, d) in &prepared {
                let keep = match subset {
                    1 => i % 2 == 0,
                    2 => i % 2 == 1,
                    _ => true,
                };
                if !keep {
                    continue;
                }
                let plan = align::plan(&d.project, &d.en_text, model);
                let show = (verbose && subset == 0 && model == Model::Anchored).then_some(d);
                score.add(&d.gold, &plan.beads, show);
            }
            let row = score.row(name);
            println!(
                "{}",
                row.replacen(&format!("| {name} |"), &format!("| {name} | {label} |"), 1)
            );
        }
    }
    // Every document one after the other as one long article, one paragraph per side: the
    // band around the diagonal matters here (the documents above are shorter than it). The
    // banded search must find what the exhaustive one finds.
    let long = Doc {
        fa: docs
            .iter()
            .flat_map(|(_, d)| d.fa.iter().cloned())
            .collect(),
        en: docs
            .iter()
            .flat_map(|(_, d)| d.en.iter().cloned())
            .collect(),
    };
    let long = prepare(&long, &mut [(0, 0, 0); 2]);
    println!(
        "\nAll {} documents as one article ({} Persian, {} English sentences, one paragraph each):\n",
        docs.len(),
        long.fa.len(),
        long.en.len()
    );
    println!("| model | search | English sentences right | strict bead F1 | confidence flags |");
    println!("| --- | --- | --- | --- | --- |");
    for (model, name) in [
        (Model::LengthOnly, "Gale–Church (length only)"),
        (Model::Anchored, "Virast (length + anchors)"),
    ] {
        for (search, label) in [
            (align::Search::DEFAULT, "band ±32, widened where touched"),
            (align::Search::FULL, "every cell"),
        ] {
            let options = align::Options {
                search,
                ..align::Options::default()
            };
            let started = std::time::Instant::now();
            let plan = align::plan_with(&long.project, &long.en_text, model, &options);
            let elapsed = started.elapsed();
            let mut score = Score::default();
            score.add(&long.gold, &plan.beads, None);
            let row = score.row(name);
            println!(
                "{} ({:.0} ms)",
                row.replacen(&format!("| {name} |"), &format!("| {name} | {label} |"), 1),
                elapsed.as_secs_f64() * 1000.0
            );
        }
    }
    // Bad translations: what the summary says.
    println!(
        "\nOverall confidence (share of Persian sentences placed with confidence >= {LOW_CONFIDENCE}):"
    );
    let mut rows: Vec<(&str, Vec<f64>)> = vec![
        ("right translation", Vec::new()),
        ("truncated to the first half", Vec::new()),
        ("sentences shuffled", Vec::new()),
        ("another article", Vec::new()),
    ];
    for (k, (_, d)) in prepared.iter().enumerate() {
        let n = d.en.len();
        let truncated = d.en[..n / 2].join(" ");
        let mut shuffled = d.en.clone();
        // A fixed permutation: reverse odd and even halves interleaved.
        shuffled.reverse();
        shuffled.rotate_left(n / 3);
        let other = &prepared[(k + 7) % prepared.len()].1;
        let texts = [
            d.en_text.clone(),
            truncated,
            shuffled.join(" "),
            other.en_text.clone(),
        ];
        for (row, text) in rows.iter_mut().zip(texts) {
            let plan = align::plan(&d.project, &text, Model::Anchored);
            row.1.push(plan.summary.overall_confidence);
        }
    }
    for (name, values) in &rows {
        let mut v = values.clone();
        v.sort_by(f64::total_cmp);
        let below = v.iter().filter(|x| **x <= align::ANOTHER_ARTICLE).count();
        println!(
            "  {name}: min {:.2}, median {:.2}, max {:.2}; {below}/{} at or below {} (warned as another article)",
            v.first().copied().unwrap_or(0.0),
            v.get(v.len() / 2).copied().unwrap_or(0.0),
            v.last().copied().unwrap_or(0.0),
            v.len(),
            align::ANOTHER_ARTICLE
        );
    }
    Ok(())
}
