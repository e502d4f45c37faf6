//! MQM (Multidimensional Quality Metrics) scoring of error annotations, as in the expert
//! evaluation behind the WMT 2020/2021 human evaluation (Freitag et al. 2021, the public
//! `google/wmt-mqm-human-evaluation` data).
//!
//! A segment's score for one rater is the sum of the weights of the errors that rater marked
//! in it (Minor 1, Major 5, Minor Fluency/Punctuation 0.1, Major Non-translation 25, Neutral 0;
//! lower is better). A system's score is the mean, over its rated segments, of the mean over
//! the raters of that segment: what the study reports. Pure: no GUI, no files.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// How serious an error is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A purely subjective remark (weight 0 in the study).
    Neutral,
    /// A small imperfection.
    Minor,
    /// A real translation or grammatical error.
    Major,
    /// An error that makes the text unusable or harmful (not in the study; MQM's own scale).
    Critical,
}

impl Severity {
    /// Reads the severity column of an MQM TSV row: `Minor`, `Major`, `Critical`, `Neutral`;
    /// `No-error` (a segment rated without errors) is `None`. Case does not matter.
    pub fn parse(text: &str) -> Result<Option<Self>, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "minor" => Ok(Some(Self::Minor)),
            "major" => Ok(Some(Self::Major)),
            "critical" => Ok(Some(Self::Critical)),
            "neutral" => Ok(Some(Self::Neutral)),
            "no-error" | "no error" | "" => Ok(None),
            other => Err(format!("unknown severity {other:?}")),
        }
    }
}

/// The weights a score is computed with: the study's by default, configurable per project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    /// Weight of a Minor error.
    pub minor: f64,
    /// Weight of a Major error.
    pub major: f64,
    /// Weight of a Critical error.
    pub critical: f64,
    /// Weight of a Neutral remark.
    pub neutral: f64,
    /// Weight of a Minor error in Fluency/Punctuation.
    pub minor_punctuation: f64,
    /// Weight of a Major Non-translation (a segment too garbled to annotate).
    pub non_translation: f64,
}

impl Default for Policy {
    /// The weights of the expert MQM study (Critical, absent there, as in MQM's own scale: 25).
    fn default() -> Self {
        Self {
            minor: 1.0,
            major: 5.0,
            critical: 25.0,
            neutral: 0.0,
            minor_punctuation: 0.1,
            non_translation: 25.0,
        }
    }
}

impl Policy {
    /// The weight of one error of `category` (e.g. `Fluency/Punctuation`) and `severity`.
    pub fn weight(&self, category: &str, severity: Severity) -> f64 {
        let category = category.trim().to_ascii_lowercase();
        let non_translation = category.starts_with("non-translation");
        match severity {
            Severity::Neutral => self.neutral,
            Severity::Minor if category.starts_with("fluency/punctuation") => {
                self.minor_punctuation
            }
            Severity::Minor => self.minor,
            Severity::Major if non_translation => self.non_translation,
            Severity::Major => self.major,
            Severity::Critical if non_translation => self.non_translation.max(self.critical),
            Severity::Critical => self.critical,
        }
    }
}

/// One row of an MQM TSV file: one error (or a `No-error` line) of one rater in one segment.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The system (or translator) whose output was rated.
    pub system: String,
    /// The document name.
    pub doc: String,
    /// The segment id (unique within the document).
    pub seg_id: String,
    /// Who rated it.
    pub rater: String,
    /// The error category, e.g. `Accuracy/Mistranslation`.
    pub category: String,
    /// The severity; `None` for a `No-error` row.
    pub severity: Option<Severity>,
}

/// Why an MQM TSV file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MqmError {
    /// The first line does not name the columns this needs.
    #[error(
        "line 1: the header has no {0:?} column (expected the WMT MQM layout: system, doc, doc_id, seg_id, rater, source, target, category, severity)"
    )]
    MissingColumn(&'static str),
    /// A row has fewer fields than the header needs.
    #[error("line {line}: {found} tab-separated fields, {needed} needed")]
    ShortRow {
        /// 1-based line number.
        line: usize,
        /// Fields found.
        found: usize,
        /// Fields needed.
        needed: usize,
    },
    /// A severity that is not Minor, Major, Critical, Neutral or No-error.
    #[error("line {line}: {message}")]
    BadSeverity {
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// The file has a header and nothing else.
    #[error("no rows after the header")]
    Empty,
}

/// The columns a file must have, in the names the WMT MQM data uses.
const COLUMNS: [&str; 6] = ["system", "doc", "seg_id", "rater", "category", "severity"];

/// Reads an MQM TSV file (tab-separated, a header line, no quoting: a quote is a character
/// like any other, as in the WMT files). Empty lines are skipped.
pub fn parse_tsv(text: &str) -> Result<Vec<Row>, MqmError> {
    let mut lines = text.lines().enumerate();
    let header: Vec<&str> = lines
        .next()
        .map(|(_, line)| line.trim_start_matches('\u{feff}').split('\t').collect())
        .unwrap_or_default();
    let mut index = [0usize; COLUMNS.len()];
    for (slot, name) in index.iter_mut().zip(COLUMNS) {
        *slot = header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
            .ok_or(MqmError::MissingColumn(name))?;
    }
    let needed = index.iter().max().map_or(0, |m| m + 1);
    let mut rows = Vec::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < needed {
            return Err(MqmError::ShortRow {
                line: i + 1,
                found: fields.len(),
                needed,
            });
        }
        let field = |k: usize| fields[index[k]].trim().to_owned();
        let severity =
            Severity::parse(fields[index[5]]).map_err(|message| MqmError::BadSeverity {
                line: i + 1,
                message,
            })?;
        rows.push(Row {
            system: field(0),
            doc: field(1),
            seg_id: field(2),
            rater: field(3),
            category: field(4),
            severity,
        });
    }
    if rows.is_empty() {
        return Err(MqmError::Empty);
    }
    Ok(rows)
}

/// A score over some segments.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Score {
    /// The name of what was scored (a system, a rater or a document).
    pub name: String,
    /// Mean weighted errors per segment (lower is better).
    pub score: f64,
    /// How many segments it is the mean of.
    pub segments: usize,
}

/// Scores of a whole file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scores {
    /// Per system, best (lowest) first.
    pub systems: Vec<Score>,
    /// Per rater: the mean over the (system, segment) items that rater rated.
    pub raters: Vec<Score>,
    /// Per system and document: the system's score on that document's segments.
    pub documents: Vec<(String, Score)>,
}

/// Each rater's sum of weights per (system, doc, segment).
type Sums = BTreeMap<(String, String, String), BTreeMap<String, f64>>;

fn sums(rows: &[Row], policy: &Policy) -> Sums {
    let mut sums: Sums = BTreeMap::new();
    for row in rows {
        let weight = row
            .severity
            .map_or(0.0, |severity| policy.weight(&row.category, severity));
        *sums
            .entry((row.system.clone(), row.doc.clone(), row.seg_id.clone()))
            .or_default()
            .entry(row.rater.clone())
            .or_default() += weight;
    }
    sums
}

fn mean(values: impl IntoIterator<Item = f64>) -> (f64, usize) {
    let (total, n) = values
        .into_iter()
        .fold((0.0, 0usize), |(t, n), v| (t + v, n + 1));
    (if n == 0 { 0.0 } else { total / n as f64 }, n)
}

fn ranked(map: BTreeMap<String, Vec<f64>>) -> Vec<Score> {
    let mut scores: Vec<Score> = map
        .into_iter()
        .map(|(name, values)| {
            let (score, segments) = mean(values);
            Score {
                name,
                score,
                segments,
            }
        })
        .collect();
    scores.sort_by(|a, b| {
        a.score
            .total_cmp(&b.score)
            .then_with(|| a.name.cmp(&b.name))
    });
    scores
}

/// Scores per system (as the study averages them), per rater and per system and document.
pub fn score(rows: &[Row], policy: &Policy) -> Scores {
    let sums = sums(rows, policy);
    let mut systems: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut raters: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut documents: BTreeMap<(String, String), Vec<f64>> = BTreeMap::new();
    for ((system, doc, _), by_rater) in &sums {
        let (segment, _) = mean(by_rater.values().copied());
        systems.entry(system.clone()).or_default().push(segment);
        documents
            .entry((system.clone(), doc.clone()))
            .or_default()
            .push(segment);
        for (rater, sum) in by_rater {
            raters.entry(rater.clone()).or_default().push(*sum);
        }
    }
    let documents = documents
        .into_iter()
        .map(|((system, doc), values)| {
            let (score, segments) = mean(values);
            (
                system,
                Score {
                    name: doc,
                    score,
                    segments,
                },
            )
        })
        .collect();
    Scores {
        systems: ranked(systems),
        raters: ranked(raters),
        documents,
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:.3}  {} ({} segments)",
            self.score, self.name, self.segments
        )
    }
}

#[cfg(test)]
mod tests;
