//! The inverted index: each distinct token key points at the units holding it. A lookup
//! counts, per unit, the weight it shares with the query through the postings of the rarer
//! tokens, bounds each unit's score from that, and scores exactly only the most promising
//! units, best bound first, stopping when no bound left can beat the matches found (or after
//! [`MAX_SCORED`] units).

use std::collections::HashMap;

use super::score::{self, Tok};
use super::tokens::Token;

/// At most this many units get the full edit distance per lookup.
pub const MAX_SCORED: usize = 400;
/// At most this many units get their shared weight counted exactly per lookup.
const MAX_COUNTED: usize = 4_000;

/// Token sequences of all units, with postings per token.
#[derive(Debug, Default)]
pub struct Index {
    vocab: HashMap<Box<str>, u32>,
    weights: Vec<u32>,
    /// Per token id: (unit, occurrences in it).
    postings: Vec<Vec<(u32, u16)>>,
    /// All units' token ids, one after the other.
    seq: Vec<u32>,
    /// Where unit `u`'s tokens start in `seq` (`starts[u]..starts[u + 1]`).
    starts: Vec<u32>,
    /// Total weight of each unit.
    totals: Vec<u32>,
}

/// A scored unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Its number in the memory.
    pub unit: usize,
    /// Score in percent.
    pub score: u8,
}

impl Index {
    /// An empty index.
    pub fn new() -> Self {
        Index {
            starts: vec![0],
            ..Index::default()
        }
    }

    /// Number of units.
    pub fn len(&self) -> usize {
        self.totals.len()
    }

    /// Whether there are no units.
    pub fn is_empty(&self) -> bool {
        self.totals.is_empty()
    }

    /// Add the next unit's tokens.
    pub fn push(&mut self, tokens: &[Token]) {
        let unit = u32::try_from(self.totals.len()).unwrap_or(u32::MAX);
        let mut total = 0;
        let mut here: Vec<u32> = Vec::with_capacity(tokens.len());
        for t in tokens {
            let id = if let Some(&id) = self.vocab.get(t.key.as_str()) {
                id
            } else {
                let id = u32::try_from(self.weights.len()).unwrap_or(u32::MAX);
                self.vocab.insert(t.key.as_str().into(), id);
                self.weights.push(t.kind.weight());
                self.postings.push(Vec::new());
                id
            };
            total += t.kind.weight();
            here.push(id);
        }
        self.seq.extend_from_slice(&here);
        self.starts
            .push(u32::try_from(self.seq.len()).unwrap_or(u32::MAX));
        self.totals.push(total);
        here.sort_unstable();
        let mut k = 0;
        while let Some(&id) = here.get(k) {
            let n = here[k..].iter().take_while(|&&x| x == id).count();
            if let Some(list) = self.postings.get_mut(id as usize) {
                list.push((unit, u16::try_from(n).unwrap_or(u16::MAX)));
            }
            k += n;
        }
    }

    /// Unit `u`'s tokens as the score sees them.
    fn unit(&self, u: usize) -> Vec<Tok> {
        let (Some(&a), Some(&b)) = (self.starts.get(u), self.starts.get(u + 1)) else {
            return Vec::new();
        };
        self.seq
            .get(a as usize..b as usize)
            .unwrap_or_default()
            .iter()
            .map(|&id| (id, self.weights.get(id as usize).copied().unwrap_or(0)))
            .collect()
    }

    /// The query's tokens, with ids of the vocabulary; keys the memory never saw get ids of
    /// their own above it.
    pub fn query(&self, tokens: &[Token]) -> Vec<Tok> {
        let mut unknown: HashMap<&str, u32> = HashMap::new();
        tokens
            .iter()
            .map(|t| {
                let id = self.vocab.get(t.key.as_str()).copied().unwrap_or_else(|| {
                    let next = u32::MAX - u32::try_from(unknown.len()).unwrap_or(0);
                    *unknown.entry(t.key.as_str()).or_insert(next)
                });
                (id, t.kind.weight())
            })
            .collect()
    }

    /// The best `limit` units scoring at least `min` (at least 1), best first (ties: earlier
    /// unit first), through the postings.
    pub fn lookup(&self, query: &[Tok], min: u8, limit: usize) -> Vec<Hit> {
        self.lookup_with(query, min, limit, (self.len() / 20).max(2_000))
    }

    /// [`Index::lookup`], with tokens in more than `frequent_limit` units treated as frequent
    /// (counted only when the query could reach `min` on them alone).
    pub fn lookup_with(
        &self,
        query: &[Tok],
        min: u8,
        limit: usize,
        frequent_limit: usize,
    ) -> Vec<Hit> {
        let min = min.max(1);
        let n = self.len();
        if n == 0 || limit == 0 {
            return Vec::new();
        }
        let wq = score::total(query);
        // Query tokens the memory knows, with their count in the query.
        let mut counts: HashMap<u32, (u32, u32)> = HashMap::new();
        for &(id, w) in query {
            if (id as usize) < self.weights.len() {
                counts.entry(id).or_insert((0, w)).0 += 1;
            }
        }
        let mut frequent_weight = 0;
        let mut rare: Vec<(u32, u32, u32)> = Vec::new();
        let mut frequent: Vec<(u32, u32, u32)> = Vec::new();
        for (&id, &(c, w)) in &counts {
            let len = self.postings.get(id as usize).map_or(0, Vec::len);
            if len > frequent_limit {
                frequent_weight += w * c;
                frequent.push((id, c, w));
            } else {
                rare.push((id, c, w));
            }
        }
        // When the frequent tokens alone could reach `min`, count them too (short queries
        // of common words): the bound must never drop a unit that could qualify.
        if u64::from(frequent_weight) * 100 >= u64::from(min) * u64::from(wq.max(1)) {
            rare.append(&mut frequent);
            frequent_weight = 0;
        }
        let mut shared = vec![0u32; n];
        let mut touched: Vec<u32> = Vec::new();
        for &(id, c, w) in &rare {
            for &(u, uc) in self
                .postings
                .get(id as usize)
                .map_or(&[][..], Vec::as_slice)
            {
                let slot = &mut shared[u as usize];
                if *slot == 0 {
                    touched.push(u);
                }
                *slot += w * c.min(u32::from(uc));
            }
        }
        // Optimistic bound first (frequent tokens assumed shared), then the exact shared
        // weight for the most promising units.
        let mut cands: Vec<(u8, u32)> = touched
            .iter()
            .filter_map(|&u| {
                let wu = self.totals[u as usize];
                let ub = score::upper_bound(shared[u as usize] + frequent_weight, wq, wu);
                (ub >= min).then_some((ub, u))
            })
            .collect();
        cands.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        cands.truncate(MAX_COUNTED);
        let mut exact: Vec<(u8, u32)> = cands
            .into_iter()
            .filter_map(|(_, u)| {
                let wu = self.totals[u as usize];
                let common = self.shared_weight(&counts, u as usize);
                let ub = score::upper_bound(common, wq, wu);
                (ub >= min).then_some((ub, u))
            })
            .collect();
        exact.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut hits: Vec<Hit> = Vec::new();
        for (k, &(ub, u)) in exact.iter().enumerate() {
            if k >= MAX_SCORED {
                break;
            }
            if hits.len() >= limit && hits.last().is_some_and(|h| ub < h.score) {
                break;
            }
            let s = score::score(query, &self.unit(u as usize));
            if s >= min {
                insert_hit(
                    &mut hits,
                    Hit {
                        unit: u as usize,
                        score: s,
                    },
                    limit,
                );
            }
        }
        hits
    }

    /// The weight unit `u` shares with the query (as multisets).
    fn shared_weight(&self, counts: &HashMap<u32, (u32, u32)>, u: usize) -> u32 {
        let (Some(&a), Some(&b)) = (self.starts.get(u), self.starts.get(u + 1)) else {
            return 0;
        };
        let mut used: HashMap<u32, u32> = HashMap::new();
        let mut common = 0;
        for id in self.seq.get(a as usize..b as usize).unwrap_or_default() {
            if let Some(&(c, w)) = counts.get(id) {
                let seen = used.entry(*id).or_insert(0);
                if *seen < c {
                    *seen += 1;
                    common += w;
                }
            }
        }
        common
    }

    /// The same answer by scoring every unit (for tests and measurements).
    pub fn brute_force(&self, query: &[Tok], min: u8, limit: usize) -> Vec<Hit> {
        let min = min.max(1);
        let mut hits = Vec::new();
        for u in 0..self.len() {
            let s = score::score(query, &self.unit(u));
            if s >= min {
                insert_hit(&mut hits, Hit { unit: u, score: s }, limit);
            }
        }
        hits
    }
}

/// Keep `hits` sorted (score descending, unit ascending) and at most `limit` long.
fn insert_hit(hits: &mut Vec<Hit>, hit: Hit, limit: usize) {
    let at = hits
        .partition_point(|h| h.score > hit.score || (h.score == hit.score && h.unit < hit.unit));
    if at < limit {
        hits.insert(at, hit);
        hits.truncate(limit);
    }
}
