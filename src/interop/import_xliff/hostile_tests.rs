//! Hostile and odd files at the door (issue 26, and the importer part of issue 27): the
//! importer accepts only well-formed XML, matches elements by namespace and name, refuses
//! malformed attributes and repeated targets, never drops comments or processing instructions,
//! and never rewrites a sentence with an open merge conflict. Each refusal changes nothing.

use chrono::{TimeZone, Utc};

use super::*;
use crate::interop::test_project;
use crate::interop::xliff::{xliff12, xliff20};
use crate::model::{Conflict, ConflictKind, Extra};

fn stamp() -> Stamp {
    Stamp {
        author: "importer".into(),
        time: Utc
            .with_ymd_and_hms(2026, 12, 1, 10, 0, 0)
            .single()
            .unwrap_or_default(),
    }
}

fn exported(p: &Project, v12: bool) -> String {
    let bytes = if v12 { xliff12(p) } else { xliff20(p) };
    String::from_utf8(bytes.unwrap_or_else(|e| panic!("{e}"))).unwrap_or_default()
}

/// Import `xml` into the sample; the error text, after checking that nothing changed.
fn refusal(xml: &str) -> String {
    let original = test_project::sample();
    let mut p = original.clone();
    let err = import(&mut p, xml.as_bytes(), "x.xlf", &stamp())
        .err()
        .map(|e| e.to_string());
    assert_eq!(p, original, "a refused import changed the project");
    err.unwrap_or_else(|| panic!("accepted:\n{xml}"))
}

/// Line and column (1-based, in characters) of the first `needle` in `text`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in file"));
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

fn sample20() -> String {
    exported(&test_project::sample(), false)
}

#[test]
fn forbidden_characters_are_refused_with_line_column_and_unit() {
    // Raw, and as character references (decimal, hexadecimal, a noncharacter).
    for (piece, code) in [
        ("\u{7}", "U+0007"),
        ("&#7;", "U+0007"),
        ("&#1;", "U+0001"),
        ("&#xFFFE;", "U+FFFE"),
        ("&#x0;", "U+0000"),
    ] {
        let xml = sample20().replace("Hello world.", &format!("Hello {piece}world."));
        let err = refusal(&xml);
        let (line, column) = line_col(&xml, piece);
        assert!(
            err.contains("not well-formed XML")
                && err.contains(code)
                && err.contains(&format!("line {line}, column {column}"))
                && err.contains("(in unit 1)"),
            "{piece}: {err}"
        );
    }
    // Outside any unit the message has no unit.
    let xml = sample20().replace("<file ", "<file \u{1}");
    assert!(!refusal(&xml).contains("in unit"));
}

#[test]
fn undefined_entities_are_reported_where_they_are() {
    let xml = sample20().replace("Reason 400.", "Reason &b; 400.");
    let err = refusal(&xml);
    let (line, column) = line_col(&xml, "&b;");
    assert!(
        err.contains(&format!("line {line}, column {column}")) && err.contains("&b;"),
        "{err}"
    );
    assert!(!err.contains("at byte 0"), "{err}");
    // In an attribute too: the id is not silently replaced by the unit's.
    let xml = sample20().replace(r#"<segment id="1" "#, r#"<segment id="&bogus;" "#);
    let err = refusal(&xml);
    assert!(err.contains("&bogus;"), "{err}");
}

#[test]
fn xml_that_is_not_well_formed_is_refused() {
    let cases = [
        // A repeated attribute.
        (
            sample20().replace(r#"<segment id="2" "#, r#"<segment id="2" id="5" "#),
            "duplicated attribute",
        ),
        // `<` inside an attribute value.
        (
            sample20().replace(r#"<unit id="2" "#, r#"<unit id="2" x="a<b" "#),
            "“<”",
        ),
        // Content after the root element.
        (sample20() + "<x/>\n", "after the root element"),
        (sample20() + "trailing text", "after the root element"),
        (
            format!("<?pi x?>junk{}", sample20()),
            "before the root element",
        ),
        // `]]>` in text, a DOCTYPE with an entity, an undeclared prefix, a bad name.
        (
            sample20().replace("Hello world.", "Hello ]]> world."),
            "]]>",
        ),
        (
            sample20().replacen("<xliff", "<!DOCTYPE xliff [<!ENTITY e \"E\">]>\n<xliff", 1),
            "DOCTYPE",
        ),
        (
            sample20()
                .replace("<notes>", "<q:notes>")
                .replace("</notes>", "</q:notes>"),
            "prefix q",
        ),
        (
            sample20().replace(r#"<unit id="2" "#, r#"<unit id="2" 1x="y" "#),
            "1x",
        ),
        (
            sample20().replace("Hello world.", "Hello <!-- a -- b --> world."),
            "",
        ),
        (
            format!("\n{}", sample20()),
            "declaration may only come first",
        ),
    ];
    for (xml, expected) in cases {
        let err = refusal(&xml);
        assert!(
            err.contains("not well-formed XML at line") && err.contains(expected),
            "{expected}: {err}"
        );
    }
}

#[test]
fn a_foreign_target_is_not_the_target_and_two_targets_are_refused() {
    let original = test_project::sample();
    let mut p = original.clone();
    // An element of another vocabulary named `target` is not XLIFF's.
    let xml = sample20().replace(
        "Hello world.</target>",
        "Hello world.</target><x:target xmlns:x=\"urn:other\">HIJACK</x:target>",
    );
    let plan = import(&mut p, xml.as_bytes(), "f.xlf", &stamp()).unwrap_or_else(|e| panic!("{e}"));
    assert!(plan.changes.is_empty());
    assert_eq!(p, original);
    // The same element in the XLIFF namespace through a prefix is XLIFF's.
    let xml = sample20().replace(
        "Hello world.</target>",
        "Hello world.</target><x:target xmlns:x=\"urn:oasis:names:tc:xliff:document:2.0\">HIJACK</x:target>",
    );
    let err = refusal(&xml);
    assert!(err.contains("unit 1: 2 <target> elements"), "{err}");
    // XLIFF 1.2: a second target wins nothing either.
    let xml = exported(&original, true).replace(
        "Reason 400.</target>",
        "Reason 400.</target><target>Other</target>",
    );
    assert!(refusal(&xml).contains("unit 3: 2 <target> elements"));
    // A foreign root is not XLIFF.
    let xml = sample20().replace(super::super::xliff::NS_XLIFF20, "urn:other");
    assert!(refusal(&xml).contains("not XLIFF"));
}

#[test]
fn comments_and_processing_instructions_in_a_target_are_refused_never_dropped() {
    for piece in ["<?foo bar?>", "<!-- note -->"] {
        for v12 in [false, true] {
            let xml = exported(&test_project::sample(), v12)
                .replace("Hello world.", &format!("People {piece}welcomed."));
            let err = refusal(&xml);
            assert!(
                err.contains("unit 1: inline markup <")
                    && err.contains(piece.trim_matches(['<', '>'])),
                "{piece}: {err}"
            );
        }
    }
    // Outside a source or target they are harmless.
    let mut p = test_project::sample();
    let xml = sample20().replace("<unit id=\"2\" ", "<!-- c --><?pi x?><unit id=\"2\" ");
    assert!(import(&mut p, xml.as_bytes(), "c.xlf", &stamp()).is_ok());
}

#[test]
fn odd_ids_and_states_are_refused() {
    let cases = [
        (
            sample20()
                .replace(r#"<unit id="3" "#, r#"<unit id="+3" "#)
                .replace(r#"<segment id="3" "#, "<segment "),
            "the id «+3» is not a segment id",
        ),
        (
            sample20()
                .replace(r#"<unit id="3" "#, r#"<unit id="03" "#)
                .replace(r#"<segment id="3" "#, "<segment "),
            "«03»",
        ),
        (
            sample20().replace(r#"<segment id="2" "#, r#"<segment id="3" "#),
            "unit 2: its segment has the id 3",
        ),
        (
            sample20().replace(r#"state="translated""#, r#"state="done""#),
            "state=\"done\" is not a valid value",
        ),
        (
            exported(&test_project::sample(), true)
                .replace(r#"approved="yes""#, r#"approved="si""#),
            "approved=\"si\"",
        ),
        (
            exported(&test_project::sample(), true)
                .replace(r#"trans-unit id="2""#, r#"trans-unit id=" 2""#),
            "« 2»",
        ),
    ];
    for (xml, expected) in cases {
        let err = refusal(&xml);
        assert!(err.contains(expected), "{expected}: {err}");
    }
}

#[test]
fn xliff20_units_are_matched_by_unit_id_not_segment_id() {
    // A segment without an id (optional in XLIFF 2.0) belongs to its unit.
    let mut p = test_project::sample();
    let xml = sample20()
        .replace(r#"<segment id="3" "#, "<segment ")
        .replace("Reason 400.", "Reason: 400,000.");
    let plan = import(&mut p, xml.as_bytes(), "u.xlf", &stamp()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plan.changes.len(), 1);
    assert_eq!(p.segments[2].target, "Reason: 400,000.");
    // Segment ids are unique only within a unit: unit 2 whose segment says 3 is refused, not
    // imported into sentence #3.
    let xml = sample20()
        .replace(r#"<segment id="2" "#, r#"<segment id="3" "#)
        .replace(
            r#"<segment id="3" state="initial""#,
            r#"<segment state="initial""#,
        );
    assert!(refusal(&xml).contains("unit 2: its segment has the id 3"));
    // Two segments in one unit cannot be one sentence.
    let xml = sample20().replace(
        "</segment>\n    </unit>\n    <unit id=\"2\" ",
        "</segment><segment id=\"1b\"><source>x</source></segment>\n    </unit>\n    <unit id=\"2\" ",
    );
    assert!(refusal(&xml).contains("unit 1: 2 <segment> elements"));
}

#[test]
fn characters_the_report_cannot_carry_are_refused_by_unit() {
    // U+0085 is allowed by XML 1.0 but is a control character the HTML report cannot carry.
    let xml = sample20().replace("Hello world.", "Hello\u{85} world.");
    let err = refusal(&xml);
    assert!(err.contains("unit 1") && err.contains("U+0085"), "{err}");
}

fn with_conflict(mut p: Project, index: usize) -> Project {
    let seg = &mut p.segments[index];
    let version = |target: &str| crate::model::Version {
        target: target.into(),
        status: Status::Translated,
        source: None,
        author: "someone".into(),
        extra: Extra::new(),
    };
    seg.conflict = Some(Box::new(Conflict {
        kind: ConflictKind::EditedBoth,
        time: stamp().time,
        base: None,
        ours: version(&seg.target.clone()),
        theirs: version("Their reason."),
        earlier: Vec::new(),
        note: String::new(),
        extra: Extra::new(),
    }));
    p
}

#[test]
fn a_sentence_with_an_open_merge_conflict_is_not_rewritten() {
    let original = with_conflict(test_project::sample(), 2);
    // Approving it (state="final", issue 28 item 8) or changing its text is refused, naming it.
    for xml in [
        exported(&original, false).replace(
            r#"<segment id="3" state="initial" subState="virast:needs-revision">"#,
            r#"<segment id="3" state="final">"#,
        ),
        exported(&original, false).replace("Reason 400.", "Reason 500."),
        exported(&original, true).replace("Reason 400.", "Reason 500."),
    ] {
        let mut p = original.clone();
        let err = import(&mut p, xml.as_bytes(), "c.xlf", &stamp())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("unit 3: sentence #3 has an open merge conflict"),
            "{err}"
        );
        assert_eq!(p, original);
    }
    // Other units of the same file may change it; an unchanged unit 3 is no obstacle.
    let mut p = original.clone();
    let xml = exported(&original, false).replace("Hello world.", "Hello, world.");
    let plan = import(&mut p, xml.as_bytes(), "c.xlf", &stamp()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plan.changes.len(), 1);
    assert!(p.segments[2].conflict.is_some());
}

#[test]
fn a_read_stops_one_byte_over_the_limit() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("a.xlf");
    std::fs::write(&path, b"0123456789").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        super::read_bounded(&path, 10).map_err(|e| e.to_string()),
        Ok(b"0123456789".to_vec())
    );
    let err = super::read_bounded(&path, 9).map(|_| ()).unwrap_err();
    assert!(err.to_string().contains("larger than"), "{err}");
}
