//! Importing an English translation aligned to the Persian sentences of a project.
//!
//! [`english`] cuts the English into sentences (losslessly, like the Persian side),
//! [`aligner`] pairs them with the project's Persian segments, and [`plan`] turns the beads into
//! one [`Placement`] per segment: the English text it receives and how sure the aligner is.
//! Applying a plan to a project is a model operation (`Project::import_translation`). [`read`]
//! reads `.txt` and `.docx` files. Pure apart from [`read::read_translation`]; no egui.

pub mod aligner;
pub mod english;
pub mod read;

use serde::Serialize;

pub use aligner::{Bead, BeadKind, LOW_CONFIDENCE, Model, Options, Search, Side, align};

use crate::model::Project;

/// What one Persian segment receives from an import.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Placement {
    /// The English text (sentences of a 1:2 bead joined with a space); empty for a Persian
    /// sentence no English was found for, or the second sentence of a 2:1 bead.
    pub target: String,
    /// Confidence of the bead, 0.0..=1.0; 0 for a segment that got no English.
    pub confidence: f64,
    /// The kind of bead the segment is in.
    pub kind: BeadKind,
}

/// Counts of beads by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BeadCounts {
    /// 1:1 beads.
    #[serde(rename = "1:1")]
    pub one_one: usize,
    /// 1:2 beads.
    #[serde(rename = "1:2")]
    pub one_two: usize,
    /// 2:1 beads.
    #[serde(rename = "2:1")]
    pub two_one: usize,
    /// 1:0 beads (Persian without English).
    #[serde(rename = "1:0")]
    pub one_zero: usize,
    /// 0:1 beads (English without Persian).
    #[serde(rename = "0:1")]
    pub zero_one: usize,
    /// 2:2 beads.
    #[serde(rename = "2:2")]
    pub two_two: usize,
}

impl BeadCounts {
    /// Count one bead.
    fn add(&mut self, kind: BeadKind) {
        *self.get_mut(kind) += 1;
    }

    fn get_mut(&mut self, kind: BeadKind) -> &mut usize {
        match kind {
            BeadKind::OneOne => &mut self.one_one,
            BeadKind::OneTwo => &mut self.one_two,
            BeadKind::TwoOne => &mut self.two_one,
            BeadKind::OneZero => &mut self.one_zero,
            BeadKind::ZeroOne => &mut self.zero_one,
            BeadKind::TwoTwo => &mut self.two_two,
        }
    }

    /// The count for one kind.
    pub fn get(&self, kind: BeadKind) -> usize {
        let mut copy = *self;
        *copy.get_mut(kind)
    }
}

/// The summary printed by `virast align` and shown in the desk.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Persian sentences (segments).
    pub persian_sentences: usize,
    /// English sentences found in the translation.
    pub english_sentences: usize,
    /// Beads by kind.
    pub beads: BeadCounts,
    /// Segments that got English with a confidence below [`LOW_CONFIDENCE`], or none at all.
    pub low_confidence: usize,
    /// Of the Persian sentences that received English, the share placed with good
    /// confidence, or the share placed 1:1 if that is smaller; 0.0..=1.0 (0 when none received
    /// any). At or below [`ANOTHER_ARTICLE`] the translation is probably of another article (or
    /// shuffled): its sentences pair up by length here and there, but rarely one to one. A
    /// translation that simply stops early keeps a high value: what it has aligns well, the
    /// rest is counted as 1:0.
    pub overall_confidence: f64,
    /// English sentences that matched no Persian sentence (left out of the project).
    pub unplaced_english: Vec<String>,
}

/// Most confidence a segment of a 2:2 pair gets (below [`LOW_CONFIDENCE`]).
const TWO_TWO_CONFIDENCE: f64 = 0.4;

/// An overall confidence at or below this (no more than half the sentences placed well and
/// one to one) suggests the translation is of another article or shuffled: ask before
/// writing. Correct translations of the real-news development set stay far above it.
pub const ANOTHER_ARTICLE: f64 = 0.5;

/// The result of aligning a translation to a project, before it is applied.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    /// One placement per segment, in order.
    pub placements: Vec<Placement>,
    /// The beads, over segment indices and English sentence indices.
    pub beads: Vec<Bead>,
    /// The English sentences.
    pub english: Vec<String>,
    /// Counts for the user.
    pub summary: Summary,
}

impl Plan {
    /// Whether the translation looks like one of another article.
    pub fn looks_unrelated(&self) -> bool {
        self.summary.overall_confidence <= ANOTHER_ARTICLE
    }
}

/// The most English text aligned to `project`: 64 KiB plus eight times the bytes of its
/// Persian sentences. A translation is about as long as its article (English takes about half
/// the UTF-8 bytes of Persian), so this refuses only another, far longer text, and it bounds
/// the splitter's and the aligner's work by the project's size (a 15 MiB text of tiny
/// sentences took over a gigabyte against a nine-sentence article).
pub fn max_english_bytes(project: &Project) -> usize {
    let persian: usize = project.segments.iter().map(|s| s.source.len()).sum();
    (64 * 1024usize).saturating_add(persian.saturating_mul(8))
}

/// Refuse an English text longer than [`max_english_bytes`], with a message for the user.
pub fn check_length(project: &Project, english_text: &str) -> Result<(), String> {
    let limit = max_english_bytes(project);
    if english_text.len() <= limit {
        return Ok(());
    }
    Err(format!(
        "the translation is {} KiB of text, more than this article can have (limit {} KiB, eight times the Persian): is it the translation of this article? Nothing was imported",
        english_text.len().div_ceil(1024),
        limit / 1024
    ))
}

/// Align an English text to the segments of `project`.
pub fn plan(project: &Project, english_text: &str, model: Model) -> Plan {
    plan_with(project, english_text, model, &Options::default())
}

/// [`plan`] with aligner options (search width, progress reports).
pub fn plan_with(
    project: &Project,
    english_text: &str,
    model: Model,
    options: &Options<'_>,
) -> Plan {
    let seg = english::split(english_text);
    let english: Vec<String> = seg.pieces.iter().map(|p| p.source.clone()).collect();
    let en_side = Side::new(seg.pieces.iter().map(|p| {
        (
            p.source.as_str(),
            crate::segment::is_paragraph_break(&p.separator),
        )
    }));
    let fa_side = Side::new(
        project
            .segments
            .iter()
            .map(|s| (s.source.as_str(), s.ends_paragraph())),
    );
    let beads = aligner::align_opts(&fa_side, &en_side, model, options);
    plan_from_beads(project.segments.len(), english, beads)
}

/// Turn beads into placements and a summary.
pub fn plan_from_beads(persian: usize, english: Vec<String>, beads: Vec<Bead>) -> Plan {
    let mut placements = vec![
        Placement {
            target: String::new(),
            confidence: 0.0,
            kind: BeadKind::OneZero,
        };
        persian
    ];
    let mut summary = Summary {
        persian_sentences: persian,
        english_sentences: english.len(),
        ..Summary::default()
    };
    let mut good = 0;
    let mut placed = 0;
    let mut one_one = 0;
    for bead in &beads {
        let kind = bead.kind();
        summary.beads.add(kind);
        let texts: Vec<&str> = english[bead.en.clone()]
            .iter()
            .map(String::as_str)
            .collect();
        if bead.fa.is_empty() {
            summary
                .unplaced_english
                .extend(texts.iter().map(|s| (*s).to_owned()));
            continue;
        }
        if !bead.en.is_empty() {
            placed += bead.fa.len();
            if kind == BeadKind::OneOne {
                one_one += 1;
            }
            if bead.confidence >= LOW_CONFIDENCE {
                good += bead.fa.len();
            }
        }
        // 2:2 pairs in order; 1:2 joins; 2:1 goes to the first, the second is for review.
        let parts: Vec<(usize, String, f64)> = match kind {
            // Which English goes to which Persian inside a 2:2 pair is not checked: always
            // worth a look.
            BeadKind::TwoTwo => bead
                .fa
                .clone()
                .zip(texts.iter().map(|s| (*s).to_owned()))
                .map(|(i, t)| (i, t, bead.confidence.min(TWO_TWO_CONFIDENCE)))
                .collect(),
            BeadKind::TwoOne => vec![
                (bead.fa.start, texts.join(" "), bead.confidence),
                (bead.fa.start + 1, String::new(), 0.0),
            ],
            _ => vec![(bead.fa.start, texts.join(" "), bead.confidence)],
        };
        for (i, target, confidence) in parts {
            if let Some(p) = placements.get_mut(i) {
                *p = Placement {
                    target,
                    confidence,
                    kind,
                };
            }
        }
    }
    summary.low_confidence = placements
        .iter()
        .filter(|p| p.confidence < LOW_CONFIDENCE)
        .count();
    summary.overall_confidence = if placed == 0 {
        0.0
    } else {
        good.min(one_one) as f64 / placed as f64
    };
    Plan {
        placements,
        beads,
        english,
        summary,
    }
}

#[cfg(test)]
mod tests;
