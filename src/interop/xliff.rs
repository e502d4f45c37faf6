//! XLIFF 2.0 and XLIFF 1.2 export: one unit per segment, its id the segment's stable id, the
//! Persian source exactly, the English target when there is one, the review status mapped
//! onto the format's states (table in `docs/INTEROP.md`), and comments as notes.

use std::borrow::Cow;

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::name::QName;

use super::record::{self, CONTEXT_GROUP, CONTEXT_TYPE, NS_VIRAST};
use super::{InteropError, check_xml_chars};
use crate::model::{Comment, Project, Segment, Status};

/// The XLIFF 2.0 namespace.
pub const NS_XLIFF20: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// The XLIFF 1.2 namespace.
pub const NS_XLIFF12: &str = "urn:oasis:names:tc:xliff:document:1.2";
/// The XLIFF 2.0 `subState` that marks a segment an editor sent back.
pub const SUBSTATE_NEEDS_REVISION: &str = "virast:needs-revision";

/// XLIFF 2.0 `state` and `subState` of a status.
pub fn state20(status: Status) -> (&'static str, Option<&'static str>) {
    match status {
        Status::Untranslated => ("initial", None),
        Status::Translated => ("translated", None),
        Status::NeedsRevision => ("initial", Some(SUBSTATE_NEEDS_REVISION)),
        Status::Approved => ("final", None),
    }
}

/// XLIFF 1.2 `<target state>` of a status, and whether the unit is `approved="yes"`.
pub fn state12(status: Status) -> (&'static str, bool) {
    match status {
        Status::Untranslated => ("new", false),
        Status::Translated => ("translated", false),
        Status::NeedsRevision => ("needs-review-translation", false),
        Status::Approved => ("signed-off", true),
    }
}

/// Text content escaped for XML: `<`, `>`, `&`, and carriage returns as `&#13;` so a
/// conforming reader does not turn `\r\n` into `\n`.
pub(crate) fn text(s: &str) -> BytesText<'_> {
    let escaped = quick_xml::escape::partial_escape(s);
    if escaped.contains('\r') {
        BytesText::from_escaped(Cow::Owned(escaped.replace('\r', "&#13;")))
    } else {
        BytesText::from_escaped(escaped)
    }
}

/// An attribute whose value is escaped for XML, tabs and line breaks included (as `&#9;`,
/// `&#10;`, `&#13;`), which a conforming reader would otherwise turn into spaces.
pub(crate) fn attr<'a>(key: &'a str, value: &str) -> Attribute<'a> {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' => escaped.push_str("&#9;"),
            '\n' => escaped.push_str("&#10;"),
            '\r' => escaped.push_str("&#13;"),
            c => escaped.push(c),
        }
    }
    Attribute {
        key: QName(key.as_bytes()),
        value: Cow::Owned(escaped.into_bytes()),
    }
}

/// A writer with the XML declaration written, indenting by two spaces.
pub(crate) fn start_document() -> Result<Writer<Vec<u8>>, InteropError> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    Ok(w)
}

/// The finished document with its final newline.
pub(crate) fn finish_document(w: Writer<Vec<u8>>) -> Vec<u8> {
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    bytes
}

/// A comment as note text: who, when, what; resolved ones say so.
fn note_text(c: &Comment) -> String {
    format!(
        "{}{} ({}): {}",
        if c.resolved { "[resolved] " } else { "" },
        c.author,
        c.time.format("%Y-%m-%d %H:%M UTC"),
        c.text
    )
}

/// The project as an XLIFF 2.0 document.
pub fn xliff20(project: &Project) -> Result<Vec<u8>, InteropError> {
    check_xml_chars(project)?;
    let mut w = start_document()?;
    w.create_element("xliff")
        .with_attributes([
            attr("xmlns", NS_XLIFF20),
            attr("version", "2.0"),
            attr("srcLang", &project.meta.source_lang),
            attr("trgLang", &project.meta.target_lang),
            attr(XMLNS_VIRAST, NS_VIRAST),
        ])
        .write_inner_content(|w| {
            w.create_element("file")
                .with_attributes([attr("id", "f1"), attr("original", &project.meta.title)])
                .write_inner_content(|w| {
                    for seg in &project.segments {
                        unit20(w, seg)?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(finish_document(w))
}

/// `xmlns:virast` on the XLIFF 2.0 root.
const XMLNS_VIRAST: &str = "xmlns:virast";
/// The record's attribute on an XLIFF 2.0 `<unit>` (`record::PREFIX:record::ATTRIBUTE`).
const EXPORTED_ATTRIBUTE: &str = "virast:exported";

fn unit20(w: &mut Writer<Vec<u8>>, seg: &Segment) -> std::io::Result<()> {
    let id = seg.id.0.to_string();
    let exported = record::of_segment(seg);
    w.create_element("unit")
        .with_attributes([("id", id.as_str()), (EXPORTED_ATTRIBUTE, exported.as_str())])
        .write_inner_content(|w| {
            if !seg.comments.is_empty() {
                w.create_element("notes").write_inner_content(|w| {
                    for c in &seg.comments {
                        let note_id = format!("c{}", c.id);
                        let category = if c.resolved {
                            "virast:resolved-comment"
                        } else {
                            "virast:comment"
                        };
                        w.create_element("note")
                            .with_attributes([("id", note_id.as_str()), ("category", category)])
                            .write_text_content(text(&note_text(c)))?;
                    }
                    Ok(())
                })?;
            }
            let (state, sub_state) = state20(seg.status);
            let mut segment = w
                .create_element("segment")
                .with_attributes([("id", id.as_str()), ("state", state)]);
            if let Some(sub) = sub_state {
                segment = segment.with_attribute(("subState", sub));
            }
            segment.write_inner_content(|w| {
                w.create_element("source")
                    .with_attribute(("xml:space", "preserve"))
                    .write_text_content(text(&seg.source))?;
                if !seg.target.is_empty() {
                    w.create_element("target")
                        .with_attribute(("xml:space", "preserve"))
                        .write_text_content(text(&seg.target))?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

/// The project as an XLIFF 1.2 document.
pub fn xliff12(project: &Project) -> Result<Vec<u8>, InteropError> {
    check_xml_chars(project)?;
    let mut w = start_document()?;
    w.create_element("xliff")
        .with_attributes([("version", "1.2"), ("xmlns", NS_XLIFF12)])
        .write_inner_content(|w| {
            w.create_element("file")
                .with_attributes([
                    attr("original", &project.meta.title),
                    attr("source-language", &project.meta.source_lang),
                    attr("target-language", &project.meta.target_lang),
                    attr("datatype", "plaintext"),
                ])
                .write_inner_content(|w| {
                    w.create_element("body").write_inner_content(|w| {
                        for seg in &project.segments {
                            unit12(w, seg)?;
                        }
                        Ok(())
                    })?;
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(finish_document(w))
}

fn unit12(w: &mut Writer<Vec<u8>>, seg: &Segment) -> std::io::Result<()> {
    let id = seg.id.0.to_string();
    let (state, approved) = state12(seg.status);
    let mut unit = w
        .create_element("trans-unit")
        .with_attributes([("id", id.as_str()), ("xml:space", "preserve")]);
    if approved {
        unit = unit.with_attribute(("approved", "yes"));
    }
    unit.write_inner_content(|w| {
        w.create_element("source")
            .write_text_content(text(&seg.source))?;
        if !seg.target.is_empty() || seg.status != Status::Untranslated {
            w.create_element("target")
                .with_attribute(("state", state))
                .write_text_content(text(&seg.target))?;
        }
        // Group names are unique in a file (`U_context-group_name` in the schema).
        let group = format!("{CONTEXT_GROUP}-{id}");
        w.create_element("context-group")
            .with_attributes([("name", group.as_str()), ("purpose", "information")])
            .write_inner_content(|w| {
                w.create_element("context")
                    .with_attribute(("context-type", CONTEXT_TYPE))
                    .write_text_content(BytesText::new(&record::of_segment(seg)))?;
                Ok(())
            })?;
        for c in &seg.comments {
            w.create_element("note")
                .with_attributes([attr("from", &c.author), attr("annotates", "general")])
                .write_text_content(text(&note_text(c)))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// Write `bytes` nowhere but check that they are well-formed XML (tests and debugging).
#[cfg(test)]
pub(crate) fn well_formed(bytes: &[u8]) -> bool {
    let Ok(s) = std::str::from_utf8(bytes) else {
        return false;
    };
    let mut reader = quick_xml::Reader::from_str(s);
    reader.config_mut().check_end_names = true;
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Err(_) => return false,
            Ok(Event::Eof) => return depth == 0,
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth -= 1,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::test_project;

    #[test]
    fn xliff20_has_every_segment_state_and_note() {
        let p = test_project::sample();
        let bytes = xliff20(&p).unwrap_or_else(|e| panic!("{e}"));
        assert!(well_formed(&bytes));
        let xml = String::from_utf8(bytes).unwrap_or_default();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(xml.contains(r#"srcLang="fa" trgLang="en""#));
        assert_eq!(xml.matches("<unit ").count(), p.segments.len());
        for (seg, expected) in p.segments.iter().zip([
            r#"state="final""#,
            r#"state="translated""#,
            r#"state="initial" subState="virast:needs-revision""#,
            r#"state="initial""#,
        ]) {
            let open = format!("<segment id=\"{}\" {expected}>", seg.id.0);
            assert!(xml.contains(&open), "{open} missing in\n{xml}");
        }
        // The sent-back comment is a note; markup in it and in the target is escaped.
        assert!(xml.contains("category=\"virast:comment\""));
        assert!(xml.contains("&lt;b&gt;why&lt;/b&gt;"));
        assert!(xml.contains("A &amp; B &lt;i&gt;"));
        // The source is there exactly, Persian as UTF-8.
        assert!(xml.contains(&format!(
            "<source xml:space=\"preserve\">{}</source>",
            p.segments[0].source
        )));
        // An untranslated segment has no target; carriage returns survive XML readers.
        assert_eq!(
            xml.matches("<target").count(),
            p.segments.iter().filter(|s| !s.target.is_empty()).count()
        );
        assert!(xml.contains("line one&#13;\nline two"));
    }

    #[test]
    fn xliff12_marks_approved_units_and_target_states() {
        let p = test_project::sample();
        let bytes = xliff12(&p).unwrap_or_else(|e| panic!("{e}"));
        assert!(well_formed(&bytes));
        let xml = String::from_utf8(bytes).unwrap_or_default();
        assert!(xml.contains(r#"source-language="fa" target-language="en""#));
        assert_eq!(xml.matches("<trans-unit ").count(), p.segments.len());
        assert_eq!(xml.matches(r#"approved="yes""#).count(), 1);
        for state in ["signed-off", "translated", "needs-review-translation"] {
            assert!(
                xml.contains(&format!("<target state=\"{state}\">")),
                "{state}"
            );
        }
        assert!(xml.contains("<note from=\"editor\" annotates=\"general\">"));
    }

    #[test]
    fn control_characters_are_refused_with_the_segment() {
        let mut p = test_project::sample();
        p.segments[1].target.push('\u{7}');
        let err = xliff20(&p).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            err.contains("segment #2") && err.contains("U+0007"),
            "{err}"
        );
        assert!(xliff12(&p).is_err());
    }
}
