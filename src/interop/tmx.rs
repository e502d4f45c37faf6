//! TMX 1.4b export for translation memories: one `<tu>` per segment pair, approved pairs by
//! default (or every pair with a translation that is not sent back).

use super::xliff::{attr, finish_document, start_document, text};
use super::{InteropError, check_xml_chars};
use crate::model::{Project, Segment, Status};

/// Which pairs go into the memory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TmxScope {
    /// Only pairs an editor approved.
    #[default]
    Approved,
    /// Approved and translated pairs. Sent-back pairs are left out: an editor said they are
    /// wrong, and a memory would offer them again.
    Translated,
}

impl TmxScope {
    /// Whether `seg` belongs in a memory of this scope.
    pub fn includes(self, seg: &Segment) -> bool {
        !seg.target.trim().is_empty()
            && match self {
                TmxScope::Approved => seg.status == Status::Approved,
                TmxScope::Translated => {
                    matches!(seg.status, Status::Approved | Status::Translated)
                }
            }
    }
}

/// The pairs of `project` in `scope` as a TMX 1.4b document.
pub fn tmx(project: &Project, scope: TmxScope) -> Result<Vec<u8>, InteropError> {
    check_xml_chars(project)?;
    let created = project.meta.modified.format("%Y%m%dT%H%M%SZ").to_string();
    let src_lang = project.meta.source_lang.as_str();
    let trg_lang = project.meta.target_lang.as_str();
    let mut w = start_document()?;
    w.create_element("tmx")
        .with_attribute(("version", "1.4"))
        .write_inner_content(|w| {
            w.create_element("header")
                .with_attributes([
                    attr("creationtool", "Virast"),
                    attr("creationtoolversion", env!("CARGO_PKG_VERSION")),
                    attr("segtype", "sentence"),
                    attr("o-tmf", "virast-project"),
                    attr("adminlang", "en"),
                    attr("srclang", src_lang),
                    attr("datatype", "plaintext"),
                    attr("creationdate", &created),
                ])
                .write_empty()?;
            w.create_element("body").write_inner_content(|w| {
                for seg in project.segments.iter().filter(|s| scope.includes(s)) {
                    let id = seg.id.0.to_string();
                    w.create_element("tu")
                        .with_attribute(("tuid", id.as_str()))
                        .write_inner_content(|w| {
                            w.create_element("prop")
                                .with_attribute(("type", "x-virast-status"))
                                .write_text_content(text(seg.status.key()))?;
                            for (lang, body) in [(src_lang, &seg.source), (trg_lang, &seg.target)] {
                                w.create_element("tuv")
                                    .with_attribute(attr("xml:lang", lang))
                                    .write_inner_content(|w| {
                                        w.create_element("seg").write_text_content(text(body))?;
                                        Ok(())
                                    })?;
                            }
                            Ok(())
                        })?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(finish_document(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::test_project;
    use crate::interop::xliff::well_formed;

    #[test]
    fn approved_pairs_by_default_translated_on_request() {
        let p = test_project::sample();
        let approved = tmx(&p, TmxScope::Approved).unwrap_or_else(|e| panic!("{e}"));
        assert!(well_formed(&approved));
        let xml = String::from_utf8(approved).unwrap_or_default();
        for attr in [
            "creationtool=\"Virast\"",
            "segtype=\"sentence\"",
            "o-tmf=",
            "adminlang=\"en\"",
            "srclang=\"fa\"",
            "datatype=\"plaintext\"",
            "creationdate=\"20261128T090000Z\"",
        ] {
            assert!(xml.contains(attr), "header lacks {attr}");
        }
        assert_eq!(xml.matches("<tu ").count(), 1);
        assert!(xml.contains("<seg>سلام دنیا.</seg>") && xml.contains("<seg>Hello world.</seg>"));

        let all = String::from_utf8(tmx(&p, TmxScope::Translated).unwrap_or_default())
            .unwrap_or_default();
        // Approved and translated; the sent-back and the untranslated pair stay out.
        assert_eq!(all.matches("<tu ").count(), 2);
        assert!(all.contains("A &amp; B &lt;i&gt;"));
        assert!(!all.contains("Reason 400."));
    }
}
