//! The bilingual review report: one self-contained HTML file that anyone can open in a
//! browser without Virast. The Persian in `dir="rtl"` beside the English, the status with its
//! colour and word, open comments, QA findings and the word diff since the last approval; a
//! summary at the top; print styles for a clean PDF. No external requests: the Persian font is
//! embedded as a data URL.
//!
//! Written with quick-xml's writer, so every piece of user text is escaped; the output is
//! polyglot markup (no self-closing non-void elements) that HTML parsers read as intended.

use std::collections::BTreeSet;
use std::io;

use base64::Engine as _;
use quick_xml::Writer;
use quick_xml::events::{BytesText, Event};
use similar::{ChangeTag, TextDiff};

use crate::model::{Action, Project, Segment, Status};
use crate::qa::{self, Severity};

/// The Persian font of the report (the app's Vazirmatn, SIL OFL 1.1).
static VAZIRMATN_TTF: &[u8] = include_bytes!("../../fonts/Vazirmatn-Regular.ttf");

/// The report's stylesheet, after the `@font-face` rule. Colours follow the desk's light
/// theme (`ui/theme.rs`).
const STYLE: &str = r"
body { font-family: system-ui, 'DejaVu Sans', sans-serif; margin: 24px; color: #1d1d1f; font-size: 14px; }
h1 { font-size: 22px; margin: 0 0 4px; }
.meta { color: #555; margin: 0 0 16px; }
.summary { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; margin-bottom: 20px; }
.summary table td { padding: 2px 10px 2px 0; }
.progress { width: 320px; height: 14px; background: #e6e6e6; border-radius: 7px; overflow: hidden; display: flex; }
.progress span { display: block; height: 100%; }
table.segments { border-collapse: collapse; width: 100%; }
table.segments th { text-align: left; border-bottom: 2px solid #999; padding: 6px; background: #f4f4f4; }
table.segments td { border-bottom: 1px solid #ddd; padding: 6px; vertical-align: top; }
table.segments tr:nth-child(even) td { background: #fafafa; }
td.num { color: #777; white-space: nowrap; }
td.fa, .fa { font-family: 'Vazirmatn', 'Vazirmatn Report', sans-serif; direction: rtl; text-align: right; font-size: 16px; line-height: 1.8; }
td.en { width: 34%; white-space: pre-wrap; }
td.fa { width: 30%; }
.status { font-weight: 600; white-space: nowrap; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 5px; }
.st-untranslated { color: #6e6e6e; } .st-untranslated .dot, .bar-untranslated { background: #6e6e6e; }
.st-translated { color: #145ac8; } .st-translated .dot, .bar-translated { background: #145ac8; }
.st-needs_revision { color: #be6400; } .st-needs_revision .dot, .bar-needs_revision { background: #be6400; }
.st-approved { color: #148c32; } .st-approved .dot, .bar-approved { background: #148c32; }
.notes div { margin-bottom: 4px; }
.comment { border-left: 3px solid #be6400; padding-left: 6px; }
.who { color: #666; font-size: 12px; }
.qa-error { color: #b41e14; } .qa-warning { color: #a05a00; } .qa-info { color: #555; }
.diff { font-size: 13px; }
ins { background: #c8f0cd; text-decoration: underline; }
del { background: #facdcd; }
del + ins, ins + del { margin-left: 4px; }
.empty { color: #999; font-style: italic; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 11px; }
  td.fa { font-size: 13px; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
";

/// The `@font-face` rule embedding the Persian font.
fn font_face() -> String {
    let data = base64::engine::general_purpose::STANDARD.encode(VAZIRMATN_TTF);
    format!(
        "@font-face {{ font-family: 'Vazirmatn Report'; src: url(data:font/ttf;base64,{data}) format('truetype'); }}"
    )
}

/// The report of `project` as one HTML document. Refused, naming the field, when a text holds
/// a character an HTML page cannot carry (a control character or a noncharacter).
pub fn html(project: &Project) -> Result<String, super::InteropError> {
    super::check_report_chars(project)?;
    // The report lists misspelt words too (as `virast check --spelling` does), with the
    // dictionary's suggestions: the reader of a report has no squiggles to go by.
    let findings = qa::check_project_in(
        project,
        qa::VariantChoice::of_project(project.meta.english_variant),
        true,
    );
    let mut w = Writer::new(Vec::new());
    // Writing into a Vec cannot fail; a failure would only truncate the report.
    let written = document(&mut w, project, &findings);
    debug_assert!(written.is_ok());
    let mut bytes = b"<!DOCTYPE html>\n".to_vec();
    bytes.extend(w.into_inner());
    bytes.push(b'\n');
    let page = String::from_utf8_lossy(&bytes).into_owned();
    // A safety net behind the check of the texts: the page itself holds none either.
    if let Some((at, c)) = page
        .char_indices()
        .find(|&(_, c)| super::xml_read::html_forbidden(c))
    {
        return Err(super::InteropError::NotWellFormed(format!(
            "the report would hold U+{:04X} at byte {at}",
            u32::from(c)
        )));
    }
    Ok(page)
}

type W = Writer<Vec<u8>>;

/// An element with text content (escaped), never written self-closing.
fn text_el(w: &mut W, name: &str, class: Option<&str>, body: &str) -> io::Result<()> {
    let el = w.create_element(name);
    let el = match class {
        Some(c) => el.with_attribute(("class", c)),
        None => el,
    };
    el.write_text_content(BytesText::new(body))?;
    Ok(())
}

fn document(w: &mut W, project: &Project, findings: &[qa::SegmentFindings]) -> io::Result<()> {
    w.create_element("html")
        .with_attribute(("lang", "en"))
        .write_inner_content(|w| {
            w.create_element("head").write_inner_content(|w| {
                w.create_element("meta")
                    .with_attribute(("charset", "utf-8"))
                    .write_empty()?;
                text_el(
                    w,
                    "title",
                    None,
                    &format!("Review report: {}", project.meta.title),
                )?;
                // CSS is raw text inside <style>; it is ours and holds no user text.
                w.create_element("style").write_inner_content(|w| {
                    w.write_event(Event::Text(BytesText::from_escaped(font_face())))?;
                    w.write_event(Event::Text(BytesText::from_escaped(STYLE)))?;
                    Ok(())
                })?;
                Ok(())
            })?;
            w.create_element("body").write_inner_content(|w| {
                header(w, project)?;
                summary(w, project)?;
                segments(w, project, findings)?;
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

fn header(w: &mut W, project: &Project) -> io::Result<()> {
    let m = &project.meta;
    text_el(w, "h1", None, &m.title)?;
    let mut parts = Vec::new();
    if let Some(name) = &m.source_name {
        parts.push(name.clone());
    }
    if let Some(published) = &m.published {
        parts.push(format!("published {published}"));
    }
    if let Some(url) = &m.source_url {
        parts.push(url.clone());
    }
    parts.push(format!(
        "last changed {}",
        m.modified.format("%Y-%m-%d %H:%M UTC")
    ));
    text_el(w, "p", Some("meta"), &parts.join(" · "))
}

/// People who approved or sent back a sentence, in name order.
fn reviewers(project: &Project) -> Vec<&str> {
    let set: BTreeSet<&str> = project
        .segments
        .iter()
        .flat_map(|s| &s.history)
        .filter(|r| {
            matches!(r.action, Action::Approve | Action::SendBack)
                || (r.status_after == Status::Approved && r.status_before != Status::Approved)
        })
        .map(|r| r.author.as_str())
        .collect();
    set.into_iter().collect()
}

fn summary(w: &mut W, project: &Project) -> io::Result<()> {
    let counts = project.status_counts();
    let total = counts.total().max(1) as f32;
    w.create_element("section")
        .with_attribute(("class", "summary"))
        .write_inner_content(|w| {
            w.create_element("table").write_inner_content(|w| {
                for status in Status::ALL {
                    w.create_element("tr").write_inner_content(|w| {
                        status_cell(w, status)?;
                        text_el(w, "td", None, &counts.get(status).to_string())?;
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
            w.create_element("div").write_inner_content(|w| {
                let percent = counts.approved_fraction() * 100.0;
                text_el(
                    w,
                    "p",
                    None,
                    &format!(
                        "{} sentences, {percent:.0}% approved · {} source words",
                        counts.total(),
                        project.source_words()
                    ),
                )?;
                w.create_element("div")
                    .with_attributes([("class", "progress"), ("role", "img")])
                    .with_attribute(("aria-label", format!("{percent:.0}% approved").as_str()))
                    .write_inner_content(|w| {
                        for status in [Status::Approved, Status::Translated, Status::NeedsRevision]
                        {
                            let width = counts.get(status) as f32 / total * 100.0;
                            w.create_element("span")
                                .with_attributes([
                                    ("class", format!("bar-{}", status.key()).as_str()),
                                    ("style", format!("width: {width:.2}%").as_str()),
                                ])
                                .write_text_content(BytesText::new(""))?;
                        }
                        Ok(())
                    })?;
                let who = reviewers(project);
                let who = if who.is_empty() {
                    "none yet".to_owned()
                } else {
                    who.join(", ")
                };
                text_el(w, "p", None, &format!("Reviewers: {who}"))?;
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

fn status_cell(w: &mut W, status: Status) -> io::Result<()> {
    w.create_element("td")
        .with_attribute(("class", format!("status st-{}", status.key()).as_str()))
        .write_inner_content(|w| {
            text_el(w, "span", Some("dot"), "")?;
            w.write_event(Event::Text(BytesText::new(status.label())))?;
            Ok(())
        })?;
    Ok(())
}

fn segments(w: &mut W, project: &Project, findings: &[qa::SegmentFindings]) -> io::Result<()> {
    w.create_element("table")
        .with_attribute(("class", "segments"))
        .write_inner_content(|w| {
            w.create_element("thead").write_inner_content(|w| {
                w.create_element("tr").write_inner_content(|w| {
                    for head in ["#", "Persian", "English", "Status", "Comments, QA, changes"] {
                        text_el(w, "th", None, head)?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
            w.create_element("tbody").write_inner_content(|w| {
                let mut qa = findings.iter().peekable();
                for (i, seg) in project.segments.iter().enumerate() {
                    let own = qa.next_if(|f| f.index == i);
                    row(w, i, seg, own)?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

fn row(
    w: &mut W,
    index: usize,
    seg: &Segment,
    findings: Option<&qa::SegmentFindings>,
) -> io::Result<()> {
    w.create_element("tr")
        .with_attribute(("id", format!("s{}", seg.id.0).as_str()))
        .write_inner_content(|w| {
            text_el(w, "td", Some("num"), &format!("{} ({})", index + 1, seg.id))?;
            w.create_element("td")
                .with_attributes([("class", "fa"), ("dir", "rtl"), ("lang", "fa")])
                .write_text_content(BytesText::new(&seg.source))?;
            if seg.target.trim().is_empty() {
                text_el(w, "td", Some("en empty"), "no translation yet")?;
            } else {
                w.create_element("td")
                    .with_attributes([("class", "en"), ("lang", "en")])
                    .write_text_content(BytesText::new(&seg.target))?;
            }
            status_cell(w, seg.status)?;
            w.create_element("td")
                .with_attribute(("class", "notes"))
                .write_inner_content(|w| {
                    for c in seg.comments.iter().filter(|c| !c.resolved) {
                        w.create_element("div")
                            .with_attribute(("class", "comment"))
                            .write_inner_content(|w| {
                                text_el(
                                    w,
                                    "span",
                                    Some("who"),
                                    &format!("{}, {}: ", c.author, c.time.format("%Y-%m-%d %H:%M")),
                                )?;
                                w.write_event(Event::Text(BytesText::new(&c.text)))?;
                                Ok(())
                            })?;
                    }
                    for f in findings.iter().flat_map(|f| f.active()) {
                        let class = match f.severity {
                            Severity::Error => "qa-error",
                            Severity::Warning => "qa-warning",
                            Severity::Info => "qa-info",
                        };
                        let text = if f.suggestions.is_empty() {
                            format!("QA: {}", f.message)
                        } else {
                            format!("QA: {} (try: {})", f.message, f.suggestions.join(", "))
                        };
                        text_el(w, "div", Some(class), &text)?;
                    }
                    if let Some(approved) = seg.last_approved_target()
                        && approved != seg.target
                    {
                        diff(w, approved, &seg.target)?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

/// The word diff from the last approved target to the current one.
fn diff(w: &mut W, old: &str, new: &str) -> io::Result<()> {
    w.create_element("div")
        .with_attribute(("class", "diff"))
        .write_inner_content(|w| {
            text_el(w, "span", Some("who"), "Changed since approved: ")?;
            for change in TextDiff::from_words(old, new).iter_all_changes() {
                match change.tag() {
                    ChangeTag::Equal => {
                        w.write_event(Event::Text(BytesText::new(change.value())))?;
                    }
                    ChangeTag::Insert => text_el(w, "ins", None, change.value())?,
                    ChangeTag::Delete => text_el(w, "del", None, change.value())?,
                }
            }
            Ok(())
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::test_project;
    use crate::model::Stamp;

    fn report_of(p: &Project) -> String {
        html(p).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn user_text_is_escaped_everywhere() {
        let mut p = test_project::sample();
        let stamp = Stamp::now("<img src=x onerror=alert(1)>");
        p.add_comment(1, "<script>alert('x')</script> & more", &stamp)
            .unwrap_or_else(|e| panic!("{e}"));
        p.meta.source_name = Some("</title><script>bad()</script>".into());
        let page = report_of(&p);
        assert!(!page.contains("<script"), "a script tag got through");
        assert!(!page.contains("<img"), "an img tag got through");
        assert!(page.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; more"));
        assert!(page.contains("<title>Review report: Test &lt;title&gt;</title>"));
        assert!(page.contains("A &amp; B &lt;i&gt;"));
        // Only our own elements: every `<` starts a tag we write.
        let tags: BTreeSet<&str> = page
            .split('<')
            .skip(1)
            .map(|t| {
                t.trim_start_matches('/')
                    .split(|c: char| !c.is_ascii_alphanumeric() && c != '!')
                    .next()
                    .unwrap_or_default()
            })
            .collect();
        let ours: BTreeSet<&str> = [
            "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "p", "section",
            "table", "tr", "td", "div", "span", "thead", "th", "tbody", "ins", "del",
        ]
        .into_iter()
        .collect();
        assert!(
            tags.is_subset(&ours),
            "unexpected tags: {:?}",
            tags.difference(&ours)
        );
    }

    #[test]
    fn lists_misspelt_words_with_suggestions_but_not_project_words() {
        let mut p = test_project::sample();
        let stamp = Stamp::now("Sara");
        p.set_target(0, "The goverment thanked the basij.", &stamp)
            .unwrap_or_else(|e| panic!("{e}"));
        let page = report_of(&p);
        assert!(
            page.contains("“goverment” is not in the en-US dictionary (try: government"),
            "{page}"
        );
        assert!(page.contains("“basij”"));
        p.meta.project_words.added.insert("basij".to_owned());
        assert!(
            !report_of(&p).contains("“basij”"),
            "a project word is no misspelling"
        );
    }

    #[test]
    fn has_summary_rows_rtl_persian_and_an_embedded_font() {
        let p = test_project::sample();
        let page = report_of(&p);
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(
            page.contains("src: url(data:font/ttf;base64,AAEAAA"),
            "TrueType data URL"
        );
        assert!(
            !page.contains("http://") && !page.contains("https://"),
            "no external requests"
        );
        assert!(page.contains("<td class=\"fa\" dir=\"rtl\" lang=\"fa\">سلام دنیا.</td>"));
        assert_eq!(page.matches("<tr id=\"s").count(), 4);
        let words = format!(
            "4 sentences, 25% approved · {} source words",
            p.source_words()
        );
        assert!(page.contains(&words), "{page}");
        assert!(page.contains("Reviewers: editor"));
        for status in Status::ALL {
            assert!(page.contains(&format!(
                "st-{}\"><span class=\"dot\"></span>{}",
                status.key(),
                status.label()
            )));
        }
        // The open comment and the number QA finding of the sent-back sentence.
        assert!(page.contains("editor, 2026-11-28 09:00: </span>&lt;b&gt;why&lt;/b&gt; 400,000?"));
        assert!(page.contains("<div class=\"qa-"), "QA finding shown");
        assert!(page.contains("@media print"));
        // Nothing written self-closing but <meta>.
        assert_eq!(page.matches("/>").count(), 1);
    }

    #[test]
    fn shows_the_word_diff_since_the_last_approval() {
        let mut p = test_project::sample();
        p.set_target(0, "Hello wide world.", &Stamp::now("ana"))
            .unwrap_or_else(|e| panic!("{e}"));
        let page = report_of(&p);
        assert!(
            page.contains("Changed since approved: </span>Hello "),
            "{page}"
        );
        assert!(
            page.contains("<ins>wide</ins>") && !page.contains("<del>"),
            "{page}"
        );
    }
}
