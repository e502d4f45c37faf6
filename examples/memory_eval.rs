//! Translation memory on real news (docs/MEMORY.md, "Numbers"): the real-news dev set split by
//! document into past and new stories, how many new sentences get a match, lookup
//! percentiles, agreement of the index with a brute-force scan, and the 100,000-unit memory's
//! build time and memory use. Run with `cargo run --release --example memory_eval`.

use std::time::Instant;

use virast::memory::Memory;
use virast::model::{Project, Stamp};

#[path = "../benches/data/memory_data.rs"]
mod memory_data;

fn rss_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

fn percentiles(mut ms: Vec<f64>) -> String {
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| {
        ms.get(((ms.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    format!(
        "p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} lookups)",
        at(0.5),
        at(0.95),
        at(0.99),
        at(1.0),
        ms.len()
    )
}

/// Lookups of `queries` in `m`: (timings, how many have a match ≥ min, agreement count,
/// agreement count among those where the brute force found a match, how many those are).
fn run(m: &Memory, queries: &[String], min: u8, brute: bool) -> (Vec<f64>, usize, String) {
    // The brute force scans every unit: at 100,000 units, checked on the first 300 queries.
    let brute_limit = if m.len() > 10_000 { 300 } else { usize::MAX };
    let mut times = Vec::new();
    let (mut found, mut agree, mut agree_found, mut brute_found) = (0, 0, 0, 0);
    for q in queries {
        let t = Instant::now();
        let fast = m.lookup(q, min, 5);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        found += usize::from(!fast.is_empty());
        if brute && times.len() <= brute_limit {
            let slow = m.lookup_brute_force(q, min, 5);
            let best = |v: &[virast::memory::Match]| v.first().map(|x| x.score);
            let same = best(&fast) == best(&slow);
            agree += usize::from(same);
            if !slow.is_empty() {
                brute_found += 1;
                agree_found += usize::from(same);
            }
            if !same {
                println!(
                    "  differs: index {:?}, brute force {:?}: {q}",
                    best(&fast),
                    best(&slow)
                );
            }
        }
    }
    let checked = queries.len().min(brute_limit);
    let agreement = format!(
        "{agree} of {checked} ({:.1}%; where the brute force found a match: {agree_found} of {brute_found})",
        100.0 * agree as f64 / checked.max(1) as f64
    );
    (times, found, agreement)
}

fn main() {
    let (pairs, source) = memory_data::pairs();
    let (past, new) = memory_data::split(&pairs);
    println!(
        "Data: {source}: {} pairs; past stories {} pairs, new stories {} pairs",
        pairs.len(),
        past.len(),
        new.len()
    );
    let new_q: Vec<String> = new.iter().map(|p| p.fa.clone()).collect();

    // 1. Real memory: the past stories as they are.
    let real = Memory::new(memory_data::big_memory(&past, past.len()));
    let (t, found70, agree) = run(&real, &new_q, 70, true);
    let (_, found50, _) = run(&real, &new_q, 50, false);
    println!(
        "\n[real] memory = past stories ({} units), queries = new stories ({})",
        real.len(),
        new_q.len()
    );
    println!(
        "  new sentences with a match >= 70%: {found70} ({:.1}%); >= 50%: {found50}",
        100.0 * found70 as f64 / new_q.len().max(1) as f64
    );
    println!("  index best = brute-force best: {agree}");
    println!("  lookup: {}", percentiles(t));

    // 2. 100,000 units made from the past stories.
    let units = memory_data::big_memory(&past, 100_000);
    let before = rss_kb("VmRSS:");
    let t0 = Instant::now();
    let big = Memory::new(units);
    let build = t0.elapsed();
    let after = rss_kb("VmRSS:");
    println!("\n[100k] memory = 100,000 units from the past stories (variants)");
    println!(
        "  index: {:.2} s, {} units after removing repeats; RSS +{} MB (process peak {} MB)",
        build.as_secs_f64(),
        big.len(),
        (after.saturating_sub(before)) / 1024,
        rss_kb("VmHWM:") / 1024
    );
    let (t, found, agree) = run(&big, &new_q, 70, true);
    println!(
        "  new stories: match >= 70% for {found} of {}; best = brute force in {agree}",
        new_q.len()
    );
    println!("  lookup (new stories): {}", percentiles(t.clone()));
    let fresh = memory_data::fresh_variants(&past, 500);
    let (t2, found, agree) = run(&big, &fresh, 70, true);
    println!(
        "  fresh variants of past sentences: match >= 70% for {found} of {}; best = brute force in {agree}",
        fresh.len()
    );
    println!("  lookup (variants): {}", percentiles(t2.clone()));
    let mut all = t;
    all.extend(t2);
    println!("  lookup (all): {}", percentiles(all));

    // 3. Pre-translating 1,000 sentences against it.
    let pieces: Vec<(String, String)> = new_q
        .iter()
        .chain(&fresh)
        .cycle()
        .take(1000)
        .map(|q| (q.clone(), " ".to_owned()))
        .collect();
    let mut project = Project::new("eval", "", pieces, chrono::Utc::now());
    let t0 = Instant::now();
    let summary = virast::memory::pretranslate(&mut project, &big, 70, &Stamp::now("eval"));
    println!(
        "\n[pretranslate] 1,000 sentences against 100k at 70%: {:.2} s; exact {}, fuzzy {}, none {}",
        t0.elapsed().as_secs_f64(),
        summary.exact,
        summary.fuzzy,
        summary.none
    );
}
