//! `virast mqm-score FILE.tsv [--json] [--by-rater] [--by-doc]`: MQM scores of a file in the
//! layout of the public WMT MQM data, averaged as the study does (`crate::mqm`).

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context;
use serde_json::json;

use crate::mqm::{self, Policy};

/// Reads, scores and prints.
pub fn run(file: &Path, json: bool, by_rater: bool, by_doc: bool) -> anyhow::Result<String> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 text (at byte {})",
            file.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let rows = mqm::parse_tsv(&text).with_context(|| format!("{}", file.display()))?;
    let scores = mqm::score(&rows, &Policy::default());
    if json {
        let mut out = json!({
            "systems": scores.systems.iter().map(|s| json!({
                "system": s.name, "score": s.score, "segments": s.segments,
            })).collect::<Vec<_>>(),
        });
        if by_rater {
            out["raters"] = scores
                .raters
                .iter()
                .map(|s| json!({"rater": s.name, "score": s.score, "segments": s.segments}))
                .collect();
        }
        if by_doc {
            out["documents"] = scores
                .documents
                .iter()
                .map(|(system, s)| {
                    json!({"system": system, "doc": s.name, "score": s.score, "segments": s.segments})
                })
                .collect();
        }
        return Ok(serde_json::to_string_pretty(&out)? + "\n");
    }
    let mut out =
        String::from("MQM score per system (weighted errors per segment, lower is better)\n");
    for s in &scores.systems {
        let _ = writeln!(out, "{s}");
    }
    if by_rater {
        out += "\nPer rater\n";
        for s in &scores.raters {
            let _ = writeln!(out, "{s}");
        }
    }
    if by_doc {
        out += "\nPer system and document\n";
        for (system, s) in &scores.documents {
            let _ = writeln!(out, "{system}: {s}");
        }
    }
    Ok(out)
}
