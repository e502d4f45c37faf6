//! The fuzzy score: a weighted word-level edit distance between two token sequences, as a
//! percentage of the heavier sequence (as `OmegaT` and `memoQ` present a match). Words weigh 4,
//! numbers 2, punctuation 1, so a changed figure lowers the score less than a changed word
//! but still shows; 100 only for identical sequences of keys.

/// A token as the score sees it: an interned key and its weight.
pub type Tok = (u32, u32);

/// Weighted edit distance: inserting or deleting a token costs its weight, replacing one by a
/// different one costs the larger weight.
pub fn distance(a: &[Tok], b: &[Tok]) -> u32 {
    if a.len() < b.len() {
        return distance(b, a);
    }
    // One row over the shorter sequence.
    let mut row: Vec<u32> = Vec::with_capacity(b.len() + 1);
    let mut acc = 0;
    row.push(0);
    for t in b {
        acc += t.1;
        row.push(acc);
    }
    for x in a {
        let mut diag = row[0];
        row[0] += x.1;
        for (j, y) in b.iter().enumerate() {
            let sub = if x.0 == y.0 { 0 } else { x.1.max(y.1) };
            let best = (diag + sub).min(row[j + 1] + x.1).min(row[j] + y.1);
            diag = row[j + 1];
            row[j + 1] = best;
        }
    }
    row[b.len()]
}

/// Total weight.
pub fn total(a: &[Tok]) -> u32 {
    a.iter().map(|t| t.1).sum()
}

/// The score in percent from the distance and both weights: `100 × (1 − d / max)`, rounded
/// down, never 100 unless the sequences are identical.
pub fn percent(distance: u32, wa: u32, wb: u32, identical: bool) -> u8 {
    if identical {
        return 100;
    }
    let m = wa.max(wb);
    if m == 0 {
        return 0;
    }
    let kept = m.saturating_sub(distance);
    let p = u64::from(kept) * 100 / u64::from(m);
    u8::try_from(p).unwrap_or(100).min(99)
}

/// The score of `a` against `b` in percent.
pub fn score(a: &[Tok], b: &[Tok]) -> u8 {
    let identical = a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.0 == y.0);
    if identical {
        return 100;
    }
    percent(distance(a, b), total(a), total(b), false)
}

/// An upper bound of the score from the weight the two have in common (as multisets): the
/// distance is at least `max(wa, wb) − common`.
pub fn upper_bound(common: u32, wa: u32, wb: u32) -> u8 {
    let m = wa.max(wb);
    if m == 0 {
        return 100;
    }
    let c = u64::from(common.min(wa).min(wb));
    u8::try_from(c * 100 / u64::from(m)).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_is_weighted() {
        let a = [(1, 4), (2, 4), (3, 1)];
        assert_eq!(distance(&a, &a), 0);
        assert_eq!(distance(&a, &[(1, 4), (3, 1)]), 4, "one word deleted");
        assert_eq!(
            distance(&a, &[(1, 4), (9, 4), (3, 1)]),
            4,
            "one word replaced"
        );
        assert_eq!(distance(&[(5, 2)], &[(6, 2)]), 2, "a number replaced");
        assert_eq!(distance(&[], &a), 9);
    }

    #[test]
    fn bound_holds() {
        let a = [(1, 4), (2, 4), (3, 1), (1, 4)];
        let b = [(1, 4), (3, 1), (7, 2)];
        // Common: one (1,4) and (3,1) = 5.
        assert!(score(&a, &b) <= upper_bound(5, total(&a), total(&b)));
    }
}
