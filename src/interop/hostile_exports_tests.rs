//! Every text that reaches an export is checked (issue 26 item 4, issue 27): a character the
//! format cannot carry refuses the export, naming the field, and no export is ever made that
//! its parser would reject.

use super::*;
use crate::model::Stamp;

const XML_FORMATS: [Format; 3] = [Format::Xliff, Format::Xliff12, Format::Tmx];

fn refusal(p: &Project, format: Format) -> String {
    match format.render(p) {
        Ok(_) => panic!("{format:?} was made"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn control_characters_anywhere_refuse_every_xml_export_naming_the_field() {
    type Edit = fn(&mut Project);
    let cases: [(Edit, &str); 5] = [
        (
            |p| p.meta.title = "News\u{1}Title".into(),
            "the project title",
        ),
        (
            |p| p.meta.target_lang = "en\u{1}".into(),
            "the target language code",
        ),
        (
            |p| p.meta.source_lang = "fa\u{1b}".into(),
            "the source language code",
        ),
        (
            |p| {
                let stamp = Stamp::now("ed\u{1}itor");
                p.add_comment(1, "fine", &stamp)
                    .map(drop)
                    .unwrap_or_default();
            },
            "a comment author's name on segment #2",
        ),
        (
            |p| p.segments[3].source.push('\u{b}'),
            "the source of segment #4",
        ),
    ];
    for (edit, field) in cases {
        let mut p = test_project::sample();
        edit(&mut p);
        for format in XML_FORMATS.into_iter().chain([Format::Html]) {
            let err = refusal(&p, format);
            assert!(
                err.starts_with(field)
                    && err.contains("U+00")
                    && err.contains("nothing was written"),
                "{format:?}: {err}"
            );
        }
    }
}

#[test]
fn tabs_and_line_breaks_in_attributes_survive_a_conforming_reader() {
    let mut p = test_project::sample();
    p.meta.title = "News\tof the\r\nday & <night>".into();
    let stamp = Stamp::now("ana\tb");
    p.add_comment(0, "ok", &stamp)
        .unwrap_or_else(|e| panic!("{e}"));
    for format in XML_FORMATS {
        let bytes = format.render(&p).unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8(bytes).unwrap_or_default();
        let mut reader = xml_read::XmlReader::new(&text);
        let mut values = Vec::new();
        loop {
            match reader.read() {
                Ok(xml_read::Item::Eof) => break,
                Ok(xml_read::Item::Start { attrs, .. }) => {
                    values.extend(attrs.into_iter().map(|a| a.value));
                }
                Ok(_) => {}
                Err(e) => panic!("{format:?}: {e}"),
            }
        }
        if format != Format::Tmx {
            assert!(values.contains(&p.meta.title), "{format:?}: {values:?}");
        }
        if format == Format::Xliff12 {
            assert!(values.contains(&"ana\tb".to_owned()), "{values:?}");
        }
    }
}

#[test]
fn the_report_refuses_what_an_html_page_cannot_carry() {
    let mut p = test_project::sample();
    p.meta.title = "News\u{7}".into();
    assert!(
        refusal(&p, Format::Html)
            .starts_with("the project title contains the control character U+0007")
    );
    // XML allows U+0085 (discouraged); HTML does not.
    let mut p = test_project::sample();
    p.segments[1].target.push('\u{85}');
    assert!(Format::Xliff.render(&p).is_ok());
    let err = refusal(&p, Format::Html);
    assert!(
        err.starts_with("the target of segment #2") && err.contains("U+0085"),
        "{err}"
    );
    // A name in the history: the report lists reviewers.
    let mut p = test_project::sample();
    p.send_back(1, "why", &Stamp::now("ed\u{9f}"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(refusal(&p, Format::Html).contains("segment #2"));
    // A form feed (Word's page break) is white space in HTML, not in XML.
    let mut p = test_project::sample();
    p.segments[1].target.push('\u{c}');
    assert!(Format::Html.render(&p).is_ok());
    assert!(refusal(&p, Format::Xliff).starts_with("the target of segment #2"));
}
