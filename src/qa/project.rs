//! Whole-project QA: every segment checked, ignored findings kept but marked, and a report
//! writer for `virast check`.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use super::{
    CheckKind, Finding, House, HouseVariant, ParagraphContext, Severity, VariantChoice,
    check_pair_in, consistency, house_style_known, paragraph_contexts, resolve_house,
};
use crate::glossary::{Origin, TermBase, TermSet};
use crate::model::{Conflict, Project, Segment, SegmentId};
use crate::spell::{Speller, Spelling, Variant};

/// A finding in a project, with the editor's "ignore" applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProjectFinding {
    /// The finding itself.
    #[serde(flatten)]
    pub finding: Finding,
    /// The editor ignored this finding for this segment (its key is in `qa_ignored`).
    pub ignored: bool,
}

/// The findings of one segment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SegmentFindings {
    /// The segment's id.
    pub id: SegmentId,
    /// Its position in the project (0-based).
    pub index: usize,
    /// Its findings, ignored ones included.
    pub findings: Vec<ProjectFinding>,
}

impl SegmentFindings {
    /// Findings the editor has not ignored.
    pub fn active(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| !f.ignored)
            .map(|f| &f.finding)
    }

    /// The worst severity among findings not ignored.
    pub fn worst(&self) -> Option<Severity> {
        self.active().map(|f| f.severity).max()
    }
}

/// How far, in sentences either side, quotes and brackets are followed within a paragraph. A
/// paragraph longer than this (an article imported without line breaks) is read in a window
/// around each sentence, so the desk's work for one sentence stays bounded.
pub const PARAGRAPH_RADIUS: usize = 32;

/// The segments read with segment `index` for quotes and brackets: those of its paragraph at
/// most [`PARAGRAPH_RADIUS`] sentences away.
pub fn paragraph_window(project: &Project, index: usize) -> Range<usize> {
    let segs = &project.segments;
    if index >= segs.len() {
        return index..index;
    }
    let mut start = index;
    while start > 0 && index - start < PARAGRAPH_RADIUS && !segs[start - 1].ends_paragraph() {
        start -= 1;
    }
    let mut end = index + 1;
    while end < segs.len() && end - index <= PARAGRAPH_RADIUS && !segs[end - 1].ends_paragraph() {
        end += 1;
    }
    start..end
}

fn pairs(segments: &[Segment]) -> Vec<(&str, &str)> {
    segments
        .iter()
        .map(|s| (s.source.as_str(), s.target.as_str()))
        .collect()
}

/// The paragraph context of segment `index` (see [`paragraph_window`]).
pub fn paragraph_context(project: &Project, index: usize) -> ParagraphContext {
    let window = paragraph_window(project, index);
    let offset = index - window.start;
    paragraph_contexts(&pairs(&project.segments[window]))
        .get(offset)
        .copied()
        .unwrap_or_default()
}

/// The paragraph contexts of every segment, in one pass over each paragraph (a paragraph longer
/// than a window is read window by window, as the desk does).
fn project_contexts(project: &Project) -> Vec<ParagraphContext> {
    let segs = &project.segments;
    let mut out = Vec::with_capacity(segs.len());
    let mut start = 0;
    while start < segs.len() {
        let mut end = start + 1;
        while end < segs.len() && !segs[end - 1].ends_paragraph() {
            end += 1;
        }
        if end - start <= PARAGRAPH_RADIUS + 1 {
            // Every sentence's window is the whole paragraph.
            out.extend(paragraph_contexts(&pairs(&segs[start..end])));
        } else {
            out.extend((start..end).map(|i| paragraph_context(project, i)));
        }
        start = end;
    }
    out
}

/// The house style of a project for `choice`: chosen, or inferred from all its sentences.
pub fn project_house(project: &Project, choice: VariantChoice) -> House {
    resolve_house(
        project.segments.iter().map(|s| s.target.as_str()),
        choice,
        &project.meta.project_words,
    )
}

/// Checks segment `index` of a project, in its paragraph, with the project's house style
/// (which reads the whole project when it is inferred); `None` if there is no such segment.
pub fn check_segment(project: &Project, index: usize) -> Option<SegmentFindings> {
    let segment = project.segments.get(index)?;
    let house = project_house(
        project,
        VariantChoice::of_project(project.meta.english_variant),
    );
    let variant = house
        .variant
        .map_or(Variant::EnUs, HouseVariant::dictionary);
    Some(findings_of(
        index,
        segment,
        &paragraph_context(project, index),
        house,
        &Speller::new(variant, &project.meta.project_words),
        &own_terms(project),
    ))
}

/// The project's own terms (`meta.terms`) as a term base, for checks that are not given the
/// linked glossaries too.
fn own_terms(project: &Project) -> TermBase {
    TermBase::new(vec![TermSet {
        origin: Origin::Project,
        terms: project.meta.terms.clone(),
    }])
}

/// The findings of one segment in its paragraph, with the house style `house` (words
/// `speller` knows, the project's and its glossaries', are never flagged) and the terminology
/// of `terms`.
fn findings_of(
    index: usize,
    segment: &Segment,
    paragraph: &ParagraphContext,
    house: House,
    speller: &Speller<'_>,
    terms: &TermBase,
) -> SegmentFindings {
    let mut found = check_pair_in(&segment.source, &segment.target, paragraph);
    if !segment.target.trim().is_empty() {
        found.extend(house_style_known(&segment.target, house, speller));
        found.extend(super::check_terminology(
            &segment.source,
            &segment.target,
            terms,
        ));
    }
    let findings = found
        .into_iter()
        .map(|finding| ProjectFinding {
            ignored: segment.qa_ignored.contains(&finding.key),
            finding,
        })
        .collect();
    SegmentFindings {
        id: segment.id,
        index,
        findings,
    }
}

/// [`check_project_in`] for the project's own English variant (`meta.english_variant`, see
/// [`VariantChoice::of_project`]: inferred from the story when none was chosen).
pub fn check_project(project: &Project) -> Vec<SegmentFindings> {
    check_project_in(
        project,
        VariantChoice::of_project(project.meta.english_variant),
        false,
    )
}

/// [`check_project_with`] the project's own terms only (no linked glossary is read here).
pub fn check_project_in(
    project: &Project,
    choice: VariantChoice,
    spelling_too: bool,
) -> Vec<SegmentFindings> {
    check_project_with(project, choice, spelling_too, &own_terms(project))
}

/// Checks every segment in its paragraph, with the house style of `choice` (normally the
/// project's; `virast check --english` may override it) and the project's word list, the
/// terminology of `terms` (the project's terms and glossaries), and the project's consistency
/// (one name spelled two ways), and with `spelling_too` the words in no dictionary (`virast
/// check --spelling`); returns only segments that have findings, in project order.
pub fn check_project_with(
    project: &Project,
    choice: VariantChoice,
    spelling_too: bool,
    terms: &TermBase,
) -> Vec<SegmentFindings> {
    let pairs = pairs(&project.segments);
    let mut across = consistency::check(&pairs);
    let contexts = project_contexts(project);
    let house = project_house(project, choice);
    let words = &project.meta.project_words;
    let known = terms.known_words();
    let variant = house
        .variant
        .map_or(Variant::EnUs, HouseVariant::dictionary);
    let speller = Speller::new(variant, words).with_glossary(&known);
    project
        .segments
        .iter()
        .zip(&contexts)
        .enumerate()
        .map(|(i, (s, context))| {
            let mut found = findings_of(i, s, context, house, &speller, terms);
            let misspelt = if spelling_too {
                spelling(s, &speller)
            } else {
                Vec::new()
            };
            for finding in misspelt {
                found.findings.push(ProjectFinding {
                    ignored: s.qa_ignored.contains(&finding.key),
                    finding,
                });
            }
            for finding in across.remove(&i).unwrap_or_default() {
                found.findings.push(ProjectFinding {
                    ignored: s.qa_ignored.contains(&finding.key),
                    finding,
                });
            }
            if let Some(conflict) = &s.conflict {
                found.findings.insert(
                    0,
                    ProjectFinding {
                        finding: conflict_finding(conflict),
                        ignored: false,
                    },
                );
            }
            found
        })
        .filter(|s| !s.findings.is_empty())
        .collect()
}

/// Spelling warnings of one segment's English, one per distinct word: words in neither
/// English dictionary (a variant spelling is house style's), not in the project's word list
/// and not among the source's Latin words. Capitalised words are left to the desk's underline:
/// a name the project has not added yet is not a misspelling to list in a report.
fn spelling(segment: &Segment, speller: &Speller<'_>) -> Vec<Finding> {
    if segment.target.trim().is_empty() {
        return Vec::new();
    }
    let variant = speller.variant();
    let mut out: Vec<Finding> = Vec::new();
    for range in speller.misspelt(&segment.source, &segment.target) {
        let Some(word) = segment.target.get(range.clone()) else {
            continue;
        };
        if !word.chars().next().is_some_and(char::is_lowercase)
            || speller.spelling(word) != Spelling::Unknown
        {
            continue;
        }
        let key = format!("spelling:{}", word.to_lowercase());
        if out.iter().any(|f| f.key == key) {
            continue;
        }
        let mut finding = Finding::new(
            CheckKind::Spelling,
            Severity::Warning,
            format!("“{word}” is not in the {} dictionary", variant.code()),
            key,
        )
        .with_spans(None, Some(range));
        finding.suggestions = speller.suggest(word, 5);
        out.push(finding);
    }
    out
}

/// The key of an open merge conflict's finding.
pub const CONFLICT_KEY: &str = "merge-conflict";

/// An open merge conflict as an error finding: both versions in the message, so the report
/// shows what is to be chosen.
fn conflict_finding(conflict: &Conflict) -> Finding {
    let by = |v: &crate::model::Version| {
        if v.author.is_empty() {
            String::new()
        } else {
            format!(" ({})", v.author)
        }
    };
    Finding {
        kind: CheckKind::MergeConflict,
        severity: Severity::Error,
        message: format!(
            "open merge conflict: {}; ours{}: “{}”, theirs{}: “{}” (choose in the review desk)",
            conflict.kind.label(),
            by(&conflict.ours),
            conflict.ours.target,
            by(&conflict.theirs),
            conflict.theirs.target
        ),
        source_span: None,
        target_span: None,
        key: CONFLICT_KEY.to_owned(),
        suggestions: Vec::new(),
    }
}

/// Counts for the summary line and the JSON report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Errors not ignored.
    pub errors: usize,
    /// Warnings not ignored.
    pub warnings: usize,
    /// Infos not ignored.
    pub infos: usize,
    /// Findings ignored by an editor.
    pub ignored: usize,
    /// Segments checked.
    pub segments: usize,
}

impl Summary {
    fn of(project: &Project, results: &[SegmentFindings]) -> Summary {
        let mut sum = Summary {
            segments: project.segments.len(),
            ..Summary::default()
        };
        for f in results.iter().flat_map(|s| &s.findings) {
            match (f.ignored, f.finding.severity) {
                (true, _) => sum.ignored += 1,
                (false, Severity::Error) => sum.errors += 1,
                (false, Severity::Warning) => sum.warnings += 1,
                (false, Severity::Info) => sum.infos += 1,
            }
        }
        sum
    }
}

#[derive(Serialize)]
struct Report<'a> {
    summary: Summary,
    segments: &'a [SegmentFindings],
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// [`run_check_in`] for the project's own English variant (`meta.english_variant`).
pub fn run_check(project: &Project, json: bool, out: &mut dyn Write) -> io::Result<bool> {
    run_check_in(
        project,
        VariantChoice::of_project(project.meta.english_variant),
        false,
        json,
        out,
    )
}

/// [`run_check_with`] the project's own terms only.
pub fn run_check_in(
    project: &Project,
    choice: VariantChoice,
    spelling_too: bool,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<bool> {
    run_check_with(
        project,
        choice,
        spelling_too,
        &own_terms(project),
        json,
        out,
    )
}

/// Checks the project with the house style of `choice` (and the spelling finding with
/// `spelling_too`) and the terms of `terms`, and writes a report (text, or JSON with `json`)
/// to `out`.
///
/// Returns whether any error-severity finding is not ignored: `virast check` exits 1 then.
pub fn run_check_with(
    project: &Project,
    choice: VariantChoice,
    spelling_too: bool,
    terms: &TermBase,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<bool> {
    let results = check_project_with(project, choice, spelling_too, terms);
    let summary = Summary::of(project, &results);
    if json {
        let report = Report {
            summary,
            segments: &results,
        };
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        for seg in &results {
            for f in &seg.findings {
                let ignored = if f.ignored { " (ignored)" } else { "" };
                writeln!(
                    out,
                    "{} {:<7} {}{ignored}: {}",
                    seg.id,
                    severity_name(f.finding.severity),
                    f.finding.key,
                    f.finding.message
                )?;
            }
        }
        writeln!(
            out,
            "{} errors, {} warnings, {} infos, {} ignored in {} segments",
            summary.errors, summary.warnings, summary.infos, summary.ignored, summary.segments
        )?;
    }
    Ok(summary.errors > 0)
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    fn project(pairs: &[(&str, &str)]) -> Project {
        let time = Utc
            .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .unwrap_or_default();
        let pieces = pairs.iter().map(|(s, _)| ((*s).to_owned(), " ".to_owned()));
        let mut p = Project::new("t", "", pieces, time);
        for (seg, (_, t)) in p.segments.iter_mut().zip(pairs) {
            (*t).clone_into(&mut seg.target);
        }
        p
    }

    const WRONG: (&str, &str) = ("از ۴۰۰ هزار پرونده.", "Of the 40,000 cases.");
    const RIGHT: (&str, &str) = ("در ۷۰۰ کلانتری.", "In 700 police stations.");

    #[test]
    fn ignored_findings_are_marked_not_dropped() {
        let mut p = project(&[RIGHT, WRONG]);
        p.segments[1]
            .qa_ignored
            .push("number-extra:40000".to_owned());
        let results = check_project(&p);
        assert_eq!(results.len(), 1, "the correct segment has no entry");
        assert_eq!(results[0].index, 1);
        let marks: Vec<(&str, bool)> = results[0]
            .findings
            .iter()
            .map(|f| (f.finding.key.as_str(), f.ignored))
            .collect();
        assert_eq!(
            marks,
            [
                ("number-missing:400000", false),
                ("number-extra:40000", true)
            ]
        );
        assert_eq!(results[0].active().count(), 1);
        assert_eq!(results[0].worst(), Some(Severity::Error));
    }

    #[test]
    fn run_check_exit_status_follows_non_ignored_errors() {
        let mut p = project(&[RIGHT, WRONG]);
        let mut out = Vec::new();
        assert!(run_check(&p, false, &mut out).unwrap_or(false));
        let text = String::from_utf8(out).unwrap_or_default();
        assert!(
            text.contains("#2 error   number-missing:400000: "),
            "{text}"
        );
        assert!(
            text.ends_with("2 errors, 0 warnings, 0 infos, 0 ignored in 2 segments\n"),
            "{text}"
        );

        p.segments[1].qa_ignored = vec![
            "number-missing:400000".to_owned(),
            "number-extra:40000".to_owned(),
        ];
        let mut out = Vec::new();
        assert!(!run_check(&p, false, &mut out).unwrap_or(true));
        let text = String::from_utf8(out).unwrap_or_default();
        assert!(text.contains("number-extra:40000 (ignored)"), "{text}");
    }

    #[test]
    fn json_report_carries_findings_and_summary() {
        let p = project(&[RIGHT, WRONG]);
        let mut out = Vec::new();
        assert!(run_check(&p, true, &mut out).unwrap_or(false));
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        assert_eq!(v["summary"]["errors"], 2);
        assert_eq!(v["segments"][0]["id"], 2);
        let f = &v["segments"][0]["findings"][0];
        assert_eq!(
            (f["kind"].as_str(), f["key"].as_str()),
            (Some("number-missing"), Some("number-missing:400000"))
        );
        assert_eq!(f["ignored"], false);
    }

    #[test]
    fn an_open_merge_conflict_is_an_error_that_cannot_be_ignored() {
        use crate::model::{ConflictKind, Status, Version};
        let mut p = project(&[RIGHT, RIGHT]);
        let version = |target: &str, author: &str| Version {
            target: target.to_owned(),
            status: Status::Translated,
            source: None,
            author: author.to_owned(),
            extra: crate::model::Extra::new(),
        };
        p.segments[1].conflict = Some(Box::new(Conflict {
            kind: ConflictKind::EditedBoth,
            time: p.meta.modified,
            base: None,
            ours: version(RIGHT.1, "Ana"),
            theirs: version("At 700 police stations.", "Bob"),
            earlier: Vec::new(),
            note: String::new(),
            extra: crate::model::Extra::new(),
        }));
        p.segments[1].qa_ignored.push(CONFLICT_KEY.to_owned());
        let mut out = Vec::new();
        assert!(run_check(&p, false, &mut out).unwrap_or(false), "blocks");
        let text = String::from_utf8(out).unwrap_or_default();
        assert!(
            text.contains(
                "#2 error   merge-conflict: open merge conflict: both changed this sentence; \
                 ours (Ana): “In 700 police stations.”, theirs (Bob): “At 700 police stations.”"
            ),
            "{text}"
        );
        assert!(!text.contains("(ignored)"), "{text}");
        assert!(text.ends_with("1 errors, 0 warnings, 0 infos, 0 ignored in 2 segments\n"));

        let mut out = Vec::new();
        assert!(run_check(&p, true, &mut out).unwrap_or(false));
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        let f = &v["segments"][0]["findings"][0];
        assert_eq!(
            (
                f["kind"].as_str(),
                f["severity"].as_str(),
                f["ignored"].as_bool()
            ),
            (Some("merge-conflict"), Some("error"), Some(false))
        );
    }

    #[test]
    fn untranslated_segments_block_publication() {
        let p = project(&[RIGHT, ("مردم استقبال کردند.", "")]);
        let mut out = Vec::new();
        assert!(run_check(&p, false, &mut out).unwrap_or(false));
    }
}

#[cfg(test)]
mod spelling_tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    fn one(fa: &str, en: &str) -> Project {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().unwrap();
        let mut p = Project::new("t", "", [(fa.to_owned(), String::new())], now);
        p.segments[0].target = en.to_owned();
        p
    }

    fn spelling_keys(p: &Project) -> Vec<String> {
        check_project_in(p, VariantChoice::Infer, true)
            .iter()
            .flat_map(|s| s.findings.iter())
            .filter(|f| f.finding.kind == CheckKind::Spelling)
            .map(|f| f.finding.key.clone())
            .collect()
    }

    #[test]
    fn a_misspelt_word_is_a_warning_with_suggestions() {
        let mut p = one(
            "فرماندار گفت بیمارستان تا دوشنبه بسته می‌ماند.",
            "The governer said the hospital would stay closed untill Monday.",
        );
        assert!(
            check_project(&p)
                .iter()
                .flat_map(SegmentFindings::active)
                .all(|f| f.kind != CheckKind::Spelling),
            "off unless asked for"
        );
        let found = check_project_in(&p, VariantChoice::Infer, true);
        let spelling: Vec<&Finding> = found
            .iter()
            .flat_map(SegmentFindings::active)
            .filter(|f| f.kind == CheckKind::Spelling)
            .collect();
        assert_eq!(spelling.len(), 2, "{spelling:?}");
        assert_eq!(spelling[0].key, "spelling:governer");
        assert_eq!(spelling[0].severity, Severity::Warning);
        assert!(spelling[0].suggestions.contains(&"governor".to_owned()));
        let json = serde_json::to_string(spelling[0]).unwrap();
        assert!(json.contains("\"suggestions\":["), "{json}");
        // Ignorable like any finding.
        p.segments[0].qa_ignored.push("spelling:governer".into());
        let found = check_project_in(&p, VariantChoice::Infer, true);
        assert!(
            found
                .iter()
                .flat_map(|s| &s.findings)
                .any(|f| f.ignored && f.finding.key == "spelling:governer")
        );
    }

    #[test]
    fn names_source_latin_words_project_words_and_variants_are_not_misspellings() {
        // A name (capitalised), a Latin word of the source, a British spelling.
        let mut p = one(
            "خبرگزاری IRNA گزارش داد که آقای Ashtari به کرمانشاه رفت و افتتاحیه را سازمان‌دهی کرد.",
            "IRNA reported that Mr Ashtari travelled to Kermanshah to organise the opening.",
        );
        assert!(spelling_keys(&p).is_empty(), "{:?}", spelling_keys(&p));
        // A lower-case word the project added.
        p.segments[0].target = "The hospital's triage nurse, a basij volunteer, was there.".into();
        assert_eq!(spelling_keys(&p), ["spelling:basij"]);
        p.meta.project_words.added.insert("basij".into());
        assert!(spelling_keys(&p).is_empty());
    }
}
