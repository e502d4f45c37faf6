//! Inputs shared by the benches: the real news pairs of `tests/fixtures/realnews/dev.tsv`.

use std::path::PathBuf;

/// The lines of a fixture under `tests/fixtures`.
pub fn read_lines(name: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::to_owned)
        .collect()
}

/// `count` (Persian, English) real news pairs, the 327 of the fixture repeated.
pub fn realnews_pairs(count: usize) -> Vec<(String, String)> {
    let real: Vec<(String, String)> = read_lines("realnews/dev.tsv")
        .into_iter()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Some(((*cols.get(4)?).to_owned(), (*cols.get(5)?).to_owned()))
        })
        .collect();
    real.iter().cycle().take(count).cloned().collect()
}
