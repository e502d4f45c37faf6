//! Sentence alignment by dynamic programming over beads.
//!
//! A bead pairs 0–2 Persian sentences with 0–2 English sentences (1:1, 1:2, 2:1, 1:0, 0:1,
//! 2:2). Its cost is Gale & Church's (1993): the negative log of the prior of its kind plus the
//! negative log of the two-sided probability of the length difference under a normal model
//! whose mean ratio and variance per character are calibrated on real Persian–English news
//! pairs ([`LengthModel::NEWS`]). [`Model::Anchored`] adds penalties for anchors that disagree:
//! numbers read by meaning on both sides (`۴۰۰ هزار` = 400,000), Latin tokens and acronyms of
//! the Persian that are missing in the English, and a quotation or question on one side only.
//! [`Model::LengthOnly`] is the plain Gale–Church baseline.
//!
//! The search runs in a band of fixed width around the length diagonal and widens only where
//! the best path touches the band's edge ([`Search`]), so it is linear in the length for
//! translations of the same article, with or without paragraph breaks. A forward and a
//! backward pass give each bead of the best path its posterior probability; with a check of
//! how plausible the bead is on its own (length far off, numbers that disagree) that is the
//! bead's confidence. Pure; no I/O, no egui.

use std::ops::Range;

use serde::Serialize;

use crate::qa::dec::Dec;
use crate::qa::numbers::{extract_english, extract_persian};

/// Gale & Church's length model: English characters per Persian character and the variance
/// of the difference per character.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LengthModel {
    /// Expected English characters per Persian character.
    pub ratio: f64,
    /// Variance of `english - ratio × persian` per Persian character.
    pub variance: f64,
}

impl LengthModel {
    /// Calibrated on the even-numbered documents of the development corpus (497 sentence
    /// pairs of real news, see `docs/ALIGNMENT.md`): English/Persian characters 1.023,
    /// variance 3.23 per character.
    pub const NEWS: LengthModel = LengthModel {
        ratio: 1.02,
        variance: 3.2,
    };
}

/// Which cost the aligner uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Model {
    /// Lengths only: the Gale–Church baseline.
    LengthOnly,
    /// Lengths plus anchors (numbers, Latin tokens, quotes, questions) and paragraphs.
    Anchored,
}

/// The kind of a bead: how many Persian and English sentences it pairs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum BeadKind {
    /// One Persian, one English.
    #[serde(rename = "1:1")]
    OneOne,
    /// One Persian, two English.
    #[serde(rename = "1:2")]
    OneTwo,
    /// Two Persian, one English.
    #[serde(rename = "2:1")]
    TwoOne,
    /// A Persian sentence with no English.
    #[serde(rename = "1:0")]
    OneZero,
    /// An English sentence with no Persian.
    #[serde(rename = "0:1")]
    ZeroOne,
    /// Two Persian, two English.
    #[serde(rename = "2:2")]
    TwoTwo,
}

impl BeadKind {
    /// All kinds, in the order of the summary.
    pub const ALL: [BeadKind; 6] = [
        BeadKind::OneOne,
        BeadKind::OneTwo,
        BeadKind::TwoOne,
        BeadKind::OneZero,
        BeadKind::ZeroOne,
        BeadKind::TwoTwo,
    ];

    /// Persian and English sentence counts.
    pub fn sizes(self) -> (usize, usize) {
        match self {
            BeadKind::OneOne => (1, 1),
            BeadKind::OneTwo => (1, 2),
            BeadKind::TwoOne => (2, 1),
            BeadKind::OneZero => (1, 0),
            BeadKind::ZeroOne => (0, 1),
            BeadKind::TwoTwo => (2, 2),
        }
    }

    /// The kind with these sizes.
    pub fn from_sizes(fa: usize, en: usize) -> Option<BeadKind> {
        BeadKind::ALL.into_iter().find(|k| k.sizes() == (fa, en))
    }

    /// `"1:1"`, `"1:2"`, ...
    pub fn label(self) -> &'static str {
        match self {
            BeadKind::OneOne => "1:1",
            BeadKind::OneTwo => "1:2",
            BeadKind::TwoOne => "2:1",
            BeadKind::OneZero => "1:0",
            BeadKind::ZeroOne => "0:1",
            BeadKind::TwoTwo => "2:2",
        }
    }

    /// Prior cost (negative log probability, Gale & Church's penalties).
    fn prior_cost(self) -> f64 {
        match self {
            BeadKind::OneOne => 0.0,
            BeadKind::OneTwo | BeadKind::TwoOne => 2.3,
            BeadKind::TwoTwo => 4.4,
            BeadKind::OneZero | BeadKind::ZeroOne => 4.5,
        }
    }
}

/// Persian sentences paired with English sentences.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bead {
    /// Indices of the Persian sentences.
    pub fa: Range<usize>,
    /// Indices of the English sentences.
    pub en: Range<usize>,
    /// How sure the aligner is, 0.0..=1.0: the posterior probability of the bead times how
    /// plausible it is on its own.
    pub confidence: f64,
}

impl Bead {
    /// The kind of this bead.
    pub fn kind(&self) -> BeadKind {
        BeadKind::from_sizes(self.fa.len(), self.en.len()).unwrap_or(BeadKind::OneOne)
    }
}

/// One side of the alignment: sentences and where paragraphs end.
#[derive(Clone, Debug, Default)]
pub struct Side<'a> {
    /// The sentences.
    pub sentences: Vec<&'a str>,
    /// `paragraph_end[i]`: sentence `i` is the last of its paragraph.
    pub paragraph_end: Vec<bool>,
}

impl<'a> Side<'a> {
    /// A side from sentences and paragraph-end flags.
    pub fn new(pieces: impl IntoIterator<Item = (&'a str, bool)>) -> Self {
        let (sentences, paragraph_end) = pieces.into_iter().unzip();
        Side {
            sentences,
            paragraph_end,
        }
    }

    /// Number of paragraphs (a last sentence without a flag still ends one).
    fn paragraphs(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, &end) in self.paragraph_end.iter().enumerate() {
            if end || i + 1 == self.sentences.len() {
                out.push(start..i + 1);
                start = i + 1;
            }
        }
        out
    }
}

/// What the aligner needs to know of a sentence.
#[derive(Clone, Debug, Default)]
struct Features {
    chars: f64,
    /// Values of strong quantities; for Persian each with its alternatives.
    numbers: Vec<Vec<Dec>>,
    /// Latin tokens (2+ letters) for Persian; lowercase words for English.
    latin: Vec<String>,
    quote: bool,
    question: bool,
}

fn latin_tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| t.len() >= 2 && t.chars().any(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase)
}

fn persian_features(text: &str) -> Features {
    let numbers = extract_persian(text)
        .into_iter()
        .filter(|q| !q.weak)
        .map(|q| {
            let mut values = vec![q.value];
            values.extend(q.alternatives);
            values
        })
        .collect();
    let mut latin: Vec<String> = latin_tokens(text).collect();
    latin.dedup();
    Features {
        chars: text.trim().chars().count() as f64,
        numbers,
        latin,
        quote: text.contains(['«', '»', '"', '“', '”']),
        question: text.contains(['؟', '?']),
    }
}

fn english_features(text: &str) -> Features {
    let numbers = extract_english(text)
        .into_iter()
        .filter(|q| !q.weak)
        .map(|q| vec![q.value])
        .collect();
    Features {
        chars: text.trim().chars().count() as f64,
        numbers,
        latin: latin_tokens(text).collect(),
        quote: text.contains(['"', '“', '”']),
        question: text.contains('?'),
    }
}

/// Anchor weights (nats), tuned on the even-numbered development documents.
const NUMBER_PENALTY: f64 = 1.5;
const LATIN_PENALTY: f64 = 1.5;
const QUOTE_PENALTY: f64 = 0.3;
/// Extra prior cost of a 2:2 bead in the anchored model.
const TWO_TWO_EXTRA: f64 = 3.0;
const QUESTION_PENALTY: f64 = 1.0;
/// Most anchor penalty counted per bead, so one odd sentence cannot dominate.
const MAX_ANCHOR_COST: f64 = 6.0;

/// Beads of a bead at or above this confidence are taken as right.
pub const LOW_CONFIDENCE: f64 = 0.5;

/// `-ln erfc(x)` for `x >= 0`, without underflow (Numerical Recipes' `erfcc`).
fn neg_ln_erfc(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.5 * x);
    let poly = -x * x - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    -(t.ln() + poly)
}

/// The aligner over one pair of texts.
struct Scorer<'f> {
    fa: &'f [Features],
    en: &'f [Features],
    model: Model,
    length: LengthModel,
}

/// Cost parts of one bead.
struct BeadCost {
    total: f64,
    /// Two-sided probability of the length difference.
    length_p: f64,
    /// Number of anchors that disagree.
    conflicts: u32,
}

impl Scorer<'_> {
    fn cost(&self, i: usize, j: usize, kind: BeadKind) -> BeadCost {
        let (da, db) = kind.sizes();
        let fa = &self.fa[i..i + da];
        let en = &self.en[j..j + db];
        let l1: f64 = fa.iter().map(|f| f.chars).sum();
        let l2: f64 = en.iter().map(|f| f.chars).sum();
        let null_fixed = self.model == Model::Anchored && (da == 0 || db == 0);
        let (len_cost, length_p) = if l1 + l2 == 0.0 || null_fixed {
            // Our model gives a sentence with no partner a fixed cost: with the length term a
            // long sentence left out would cost so much that a truncated translation gets
            // smeared over the whole article instead of ending in 1:0 beads.
            (0.0, 1.0)
        } else {
            let ratio = self.length.ratio;
            let mean = f64::midpoint(l1, l2 / ratio);
            let delta = (l2 - ratio * l1).abs() / (self.length.variance * mean.max(1.0)).sqrt();
            let cost = neg_ln_erfc(delta / std::f64::consts::SQRT_2);
            (cost, (-cost).exp())
        };
        let mut total = kind.prior_cost() + len_cost;
        if self.model == Model::Anchored && kind == BeadKind::TwoTwo {
            // With anchors a 2:2 pair would too often absorb two 1:1 pairs whose boundary
            // splits a quotation or a name differently on each side.
            total += TWO_TWO_EXTRA;
        }
        let mut conflicts = 0;
        if self.model == Model::Anchored && da > 0 && db > 0 {
            let (numbers, latin, quote, question) = anchor_conflicts(fa, en);
            total += (f64::from(numbers) * NUMBER_PENALTY
                + f64::from(latin) * LATIN_PENALTY
                + f64::from(quote) * QUOTE_PENALTY
                + f64::from(question) * QUESTION_PENALTY)
                .min(MAX_ANCHOR_COST);
            conflicts = numbers + latin + question;
        }
        BeadCost {
            total,
            length_p,
            conflicts,
        }
    }
}

/// Whether the length of `english` fits the Persian sentences `first` and `second` together
/// better than `first` alone (the length model of the aligner): a hint that one English
/// sentence translates both.
pub fn fits_both(first: &str, second: &str, english: &str) -> bool {
    let chars = |s: &str| s.trim().chars().count() as f64;
    let (a, b, e) = (chars(first), chars(second), chars(english));
    let model = LengthModel::NEWS;
    let deviation = |fa: f64| {
        let mean = f64::midpoint(fa, e / model.ratio);
        (e - model.ratio * fa).abs() / (model.variance * mean.max(1.0)).sqrt()
    };
    deviation(a + b) < deviation(a)
}

/// Disagreeing anchors: (numbers, Latin tokens, quotes, questions).
fn anchor_conflicts(fa: &[Features], en: &[Features]) -> (u32, u32, u32, u32) {
    // Iterators, not collections: this runs for every cell of the band.
    let fa_numbers = fa.iter().flat_map(|f| &f.numbers);
    let en_numbers = || en.iter().flat_map(|f| &f.numbers).flatten();
    let mut numbers = 0;
    for values in fa_numbers.clone() {
        if !en_numbers().any(|v| values.contains(v)) {
            numbers += 1;
        }
    }
    for v in en_numbers() {
        if !fa_numbers.clone().any(|values| values.contains(v)) {
            numbers += 1;
        }
    }
    let mut latin = 0;
    for token in fa.iter().flat_map(|f| &f.latin) {
        if !en.iter().any(|f| f.latin.iter().any(|t| t == token)) {
            latin += 1;
        }
    }
    let quote = u32::from(fa.iter().any(|f| f.quote) != en.iter().any(|f| f.quote));
    let question = u32::from(fa.iter().any(|f| f.question) != en.iter().any(|f| f.question));
    (numbers, latin, quote, question)
}

/// `ln(e^a + e^b)` without overflow.
fn log_add(a: f64, b: f64) -> f64 {
    if a.is_infinite() {
        return b;
    }
    if b.is_infinite() {
        return a;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + (lo - hi).exp().ln_1p()
}

/// How widely the aligner searches around the diagonal.
///
/// The search starts in a band of `half_width` English sentences either side of the length
/// diagonal (where the English would be if both sides ran at the same pace in characters) and
/// widens only where the best path touches the band's edge, re-centred on that path, until it
/// no longer does or the band would exceed `max_cells` cells. The work is therefore about
/// `n · 2 · half_width` for a translation of the same article, however long and whether or
/// not it has paragraph breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Search {
    /// English sentences either side of the diagonal in the first band.
    pub half_width: usize,
    /// Most cells a band may grow to (memory: about 50 bytes per cell).
    pub max_cells: usize,
}

impl Search {
    /// What the importer uses.
    pub const DEFAULT: Search = Search {
        half_width: 32,
        max_cells: 2_000_000,
    };
    /// Every cell of the table: the exact search, for tests and the evaluation.
    pub const FULL: Search = Search {
        half_width: usize::MAX / 4,
        max_cells: usize::MAX,
    };
}

impl Default for Search {
    fn default() -> Self {
        Search::DEFAULT
    }
}

/// Everything [`align_opts`] can be told.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// The length model.
    pub length: LengthModel,
    /// How widely to search.
    pub search: Search,
    /// Called with the share of the work done (0.0..=1.0, never decreasing) now and then.
    pub progress: Option<&'a dyn Fn(f64)>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            length: LengthModel::NEWS,
            search: Search::DEFAULT,
            progress: None,
        }
    }
}

/// Work done and expected, in units of about one band cell, reported as a share.
struct Progress<'a> {
    report: Option<&'a dyn Fn(f64)>,
    done: f64,
    total: f64,
    last: f64,
}

/// Work units of one sentence's features (number reading dominates), in band cells.
const FEATURE_WORK: f64 = 8.0;
/// A forward or backward pass reuses the best-path pass's bead costs: cheaper per cell.
const POSTERIOR_WORK: f64 = 0.5;

impl Progress<'_> {
    fn expect(&mut self, work: f64) {
        self.total += work;
    }

    fn advance(&mut self, work: f64) {
        self.done += work;
        let Some(report) = self.report else {
            return;
        };
        let share = (self.done / self.total.max(1.0)).min(1.0);
        // Reported about a hundred times at most, and never backwards (widening a band adds
        // work that was not expected).
        if share >= self.last + 0.01 || (share >= 1.0 && self.last < 1.0) {
            self.last = share;
            report(share);
        }
    }
}

/// The band of English positions considered for each Persian position: row `i` holds
/// `lo[i]..=hi[i]`. Both bounds never decrease and consecutive rows overlap, so a path from
/// `(0, 0)` to `(n, m)` always exists inside.
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    offset: Vec<usize>,
}

impl Band {
    /// A band from wished bounds per row (`n + 1` rows), made connected.
    fn from_rows(m: usize, mut lo: Vec<usize>, mut hi: Vec<usize>) -> Band {
        let rows = lo.len();
        if let Some(first) = lo.first_mut() {
            *first = 0;
        }
        if let Some(last) = hi.last_mut() {
            *last = m;
        }
        for i in (0..rows.saturating_sub(1)).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        for i in 0..rows {
            hi[i] = hi[i].min(m).max(lo[i]);
            if i > 0 {
                hi[i] = hi[i].max(hi[i - 1]);
                lo[i] = lo[i].min(hi[i - 1]);
            }
        }
        let mut offset = Vec::with_capacity(rows + 1);
        offset.push(0);
        for i in 0..rows {
            let last = offset.last().copied().unwrap_or(0);
            offset.push(last + hi[i] - lo[i] + 1);
        }
        Band { lo, hi, offset }
    }

    fn cells(&self) -> usize {
        self.offset.last().copied().unwrap_or(0)
    }

    fn index(&self, i: usize, j: usize) -> Option<usize> {
        let (lo, hi) = (*self.lo.get(i)?, *self.hi.get(i)?);
        (lo..=hi).contains(&j).then(|| self.offset[i] + j - lo)
    }
}

/// For each Persian position `0..=n`, the English position at the same share of the text in
/// characters: the diagonal a translation of the same article follows, whatever the sentence
/// counts.
fn length_diagonal(fa: &[Features], en: &[Features]) -> Vec<usize> {
    let (n, m) = (fa.len(), en.len());
    let total_fa: f64 = fa.iter().map(|f| f.chars).sum();
    let total_en: f64 = en.iter().map(|f| f.chars).sum();
    if total_fa <= 0.0 || total_en <= 0.0 {
        return (0..=n)
            .map(|i| (i * m).checked_div(n).unwrap_or(0))
            .collect();
    }
    let mut out = Vec::with_capacity(n + 1);
    let (mut fa_pos, mut en_pos, mut j) = (0.0, 0.0, 0);
    for i in 0..=n {
        let want = fa_pos / total_fa * total_en;
        // Move on while the next English boundary is nearer to where we want to be.
        while j < m && (en_pos + en[j].chars - want).abs() <= (en_pos - want).abs() {
            en_pos += en[j].chars;
            j += 1;
        }
        out.push(j);
        if let Some(f) = fa.get(i) {
            fa_pos += f.chars;
        }
    }
    if let Some(last) = out.last_mut() {
        *last = m;
    }
    out
}

/// A path cell this close to a band edge (that is not the table's edge) means the band may
/// have cut off a better path.
const EDGE_MARGIN: usize = 2;
/// Most rounds of widening.
const MAX_ROUNDS: usize = 16;

/// The best path found in one band, with the bead costs computed on the way.
struct BestPath {
    /// Bead ends `(i, j)` from `(0, 0)` to `(n, m)`.
    points: Vec<(usize, usize)>,
    /// Cost of the bead of each kind ending at each cell (infinite where it starts outside).
    costs: Vec<f32>,
}

/// The best path through `band` (Viterbi).
fn best_path(scorer: &Scorer<'_>, band: &Band, progress: &mut Progress<'_>) -> BestPath {
    let (n, m) = (scorer.fa.len(), scorer.en.len());
    let cells = band.cells();
    let mut best = vec![f64::INFINITY; cells];
    let mut back: Vec<u8> = vec![u8::MAX; cells];
    let mut costs = vec![f32::INFINITY; cells * KINDS];
    if let Some(start) = band.index(0, 0) {
        best[start] = 0.0;
    }
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let Some(here) = band.index(i, j) else {
                continue;
            };
            for (k, kind) in BeadKind::ALL.into_iter().enumerate() {
                let (da, db) = kind.sizes();
                if i < da || j < db {
                    continue;
                }
                let Some(prev) = band.index(i - da, j - db) else {
                    continue;
                };
                let cost = scorer.cost(i - da, j - db, kind).total;
                // Kept for the forward and backward passes; f32 is ample for posteriors.
                #[allow(clippy::cast_possible_truncation)]
                {
                    costs[here * KINDS + k] = cost as f32;
                }
                let total = best[prev] + cost;
                if total < best[here] {
                    best[here] = total;
                    back[here] = u8::try_from(k).unwrap_or(u8::MAX);
                }
            }
        }
        progress.advance((band.hi[i] - band.lo[i] + 1) as f64);
    }
    let mut points = vec![(n, m)];
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let Some(kind) = band
            .index(i, j)
            .and_then(|c| BeadKind::ALL.get(usize::from(back[c])))
        else {
            // Unreachable: the band is connected. Stop rather than loop.
            break;
        };
        let (da, db) = kind.sizes();
        (i, j) = (i - da, j - db);
        points.push((i, j));
    }
    points.reverse();
    BestPath { points, costs }
}

/// The band around `path`: each row spans the path's English positions in it, plus `below`
/// and `above`, which double where the path touched the current band's edge (and, fading,
/// in the rows around). `None` when the path touches no edge, or the wider band would be too
/// large.
fn widen(
    band: &Band,
    path: &[(usize, usize)],
    below: &mut [usize],
    above: &mut [usize],
    m: usize,
    max_cells: usize,
) -> Option<Band> {
    let rows = band.lo.len();
    let mut first = vec![usize::MAX; rows];
    let mut last = vec![0; rows];
    for pair in path.windows(2) {
        let ((i0, j0), (i1, j1)) = (pair[0], pair[1]);
        for r in i0..=i1 {
            first[r] = first[r].min(j0);
            last[r] = last[r].max(j1);
        }
    }
    let mut touched = false;
    let mut want_below = below.to_vec();
    let mut want_above = above.to_vec();
    for r in 0..rows {
        if band.lo[r] > 0 && first[r] < band.lo[r] + EDGE_MARGIN {
            want_below[r] = below[r].saturating_mul(2);
            touched = true;
        }
        if band.hi[r] < m && last[r] + EDGE_MARGIN > band.hi[r] {
            want_above[r] = above[r].saturating_mul(2);
            touched = true;
        }
    }
    if !touched {
        return None;
    }
    // A wider row widens its neighbours too, one sentence less per row away.
    for widths in [&mut want_below, &mut want_above] {
        for r in 1..rows {
            widths[r] = widths[r].max(widths[r - 1].saturating_sub(1));
        }
        for r in (0..rows.saturating_sub(1)).rev() {
            widths[r] = widths[r].max(widths[r + 1].saturating_sub(1));
        }
    }
    let lo = (0..rows)
        .map(|r| first[r].min(m).saturating_sub(want_below[r]))
        .collect();
    let hi = (0..rows)
        .map(|r| last[r].saturating_add(want_above[r]))
        .collect();
    let wider = Band::from_rows(m, lo, hi);
    if wider.cells() > max_cells || (wider.lo == band.lo && wider.hi == band.hi) {
        return None;
    }
    below.copy_from_slice(&want_below);
    above.copy_from_slice(&want_above);
    Some(wider)
}

const KINDS: usize = BeadKind::ALL.len();

/// Best path, then forward and backward passes over one block.
fn align_block(scorer: &Scorer<'_>, search: Search, progress: &mut Progress<'_>) -> Vec<Bead> {
    let n = scorer.fa.len();
    let m = scorer.en.len();
    let centre = length_diagonal(scorer.fa, scorer.en);
    let width = search.half_width;
    let mut below = vec![width; n + 1];
    let mut above = vec![width; n + 1];
    let mut band = Band::from_rows(
        m,
        centre.iter().map(|c| c.saturating_sub(width)).collect(),
        centre.iter().map(|c| c.saturating_add(width)).collect(),
    );
    progress.expect(band.cells() as f64 * (1.0 + 2.0 * POSTERIOR_WORK));
    let mut found = best_path(scorer, &band, progress);

    for _ in 1..MAX_ROUNDS {
        let Some(wider) = widen(
            &band,
            &found.points,
            &mut below,
            &mut above,
            m,
            search.max_cells.max(band.cells()),
        ) else {
            break;
        };
        band = wider;
        progress.expect(band.cells() as f64 * (1.0 + 2.0 * POSTERIOR_WORK));
        found = best_path(scorer, &band, progress);
    }
    let costs = &found.costs;
    let cells = band.cells();
    let mut alpha = vec![f64::NEG_INFINITY; cells];
    if let Some(start) = band.index(0, 0) {
        alpha[start] = 0.0;
    }
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let Some(here) = band.index(i, j) else {
                continue;
            };
            for (k, kind) in BeadKind::ALL.into_iter().enumerate() {
                let cost = f64::from(costs[here * KINDS + k]);
                if cost.is_infinite() {
                    continue;
                }
                let (da, db) = kind.sizes();
                if let Some(prev) = band.index(i - da, j - db) {
                    alpha[here] = log_add(alpha[here], alpha[prev] - cost);
                }
            }
        }
        progress.advance((band.hi[i] - band.lo[i] + 1) as f64 * POSTERIOR_WORK);
    }
    let mut beta = vec![f64::NEG_INFINITY; cells];
    if let Some(end) = band.index(n, m) {
        beta[end] = 0.0;
    }
    for i in (0..=n).rev() {
        for j in (band.lo[i]..=band.hi[i]).rev() {
            let Some(here) = band.index(i, j) else {
                continue;
            };
            for (k, kind) in BeadKind::ALL.into_iter().enumerate() {
                let (da, db) = kind.sizes();
                let Some(next) = band.index(i + da, j + db) else {
                    continue;
                };
                let cost = f64::from(costs[next * KINDS + k]);
                if cost.is_infinite() || beta[next].is_infinite() {
                    continue;
                }
                beta[here] = log_add(beta[here], beta[next] - cost);
            }
        }
        progress.advance((band.hi[i] - band.lo[i] + 1) as f64 * POSTERIOR_WORK);
    }
    let total = band.index(n, m).map_or(f64::NEG_INFINITY, |e| alpha[e]);
    found
        .points
        .windows(2)
        .map(|pair| {
            let ((pi, pj), (i, j)) = (pair[0], pair[1]);
            let (da, db) = (i - pi, j - pj);
            let kind = BeadKind::from_sizes(da, db).unwrap_or(BeadKind::OneOne);
            let cost = scorer.cost(pi, pj, kind);
            let posterior = match (band.index(pi, pj), band.index(i, j)) {
                (Some(from), Some(to)) if total.is_finite() => {
                    (alpha[from] - cost.total + beta[to] - total).exp().min(1.0)
                }
                _ => 0.0,
            };
            let plausible = (cost.length_p / 0.01).min(1.0)
                * 0.5_f64.powi(i32::try_from(cost.conflicts).unwrap_or(i32::MAX));
            let confidence = if da == 0 || db == 0 {
                0.0
            } else {
                posterior * plausible
            };
            Bead {
                fa: pi..i,
                en: pj..j,
                confidence,
            }
        })
        .collect()
}

/// Align two sides with one model; beads cover both sides in order.
pub fn align(fa: &Side<'_>, en: &Side<'_>, model: Model) -> Vec<Bead> {
    align_opts(fa, en, model, &Options::default())
}

/// [`align`] with an explicit length model (for calibration).
pub fn align_with(fa: &Side<'_>, en: &Side<'_>, model: Model, length: LengthModel) -> Vec<Bead> {
    align_opts(
        fa,
        en,
        model,
        &Options {
            length,
            ..Options::default()
        },
    )
}

/// [`align`] with every option: length model, search width, progress.
pub fn align_opts(fa: &Side<'_>, en: &Side<'_>, model: Model, options: &Options<'_>) -> Vec<Bead> {
    let length = options.length;
    let mut progress = Progress {
        report: options.progress,
        done: 0.0,
        total: (fa.sentences.len() + en.sentences.len()) as f64 * FEATURE_WORK,
        last: 0.0,
    };
    let fa_features: Vec<Features> = fa
        .sentences
        .iter()
        .map(|s| {
            progress.advance(FEATURE_WORK);
            persian_features(s)
        })
        .collect();
    let en_features: Vec<Features> = en
        .sentences
        .iter()
        .map(|s| {
            progress.advance(FEATURE_WORK);
            english_features(s)
        })
        .collect();
    let fa_paragraphs = fa.paragraphs();
    let en_paragraphs = en.paragraphs();
    // Paragraph breaks are hard boundaries when both sides have the same number of them and
    // every paragraph pair has plausible lengths (the same count can be a coincidence).
    let chars =
        |f: &[Features], r: &Range<usize>| f[r.clone()].iter().map(|x| x.chars).sum::<f64>();
    let paragraphs_agree = fa_paragraphs.len() == en_paragraphs.len()
        && fa_paragraphs.iter().zip(&en_paragraphs).all(|(fr, er)| {
            let ratio = chars(&en_features, er) / (length.ratio * chars(&fa_features, fr)).max(1.0);
            (0.6..=1.6).contains(&ratio)
        });
    let blocks: Vec<(Range<usize>, Range<usize>)> =
        if model == Model::Anchored && paragraphs_agree && fa_paragraphs.len() > 1 {
            fa_paragraphs.into_iter().zip(en_paragraphs).collect()
        } else {
            vec![(0..fa.sentences.len(), 0..en.sentences.len())]
        };
    let mut beads = Vec::new();
    for (fr, er) in blocks {
        let scorer = Scorer {
            fa: &fa_features[fr.clone()],
            en: &en_features[er.clone()],
            model,
            length,
        };
        for mut bead in align_block(&scorer, options.search, &mut progress) {
            bead.fa = bead.fa.start + fr.start..bead.fa.end + fr.start;
            bead.en = bead.en.start + er.start..bead.en.end + er.start;
            beads.push(bead);
        }
    }
    progress.advance(progress.total - progress.done);
    beads
}
