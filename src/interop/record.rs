//! What an XLIFF export records of each unit it writes, so that importing the file back applies
//! only what was changed in the file (docs/INTEROP.md, "A file older than the project").
//!
//! The record is a fingerprint of the unit's target and status as the file says them (the
//! status the importer reads back from the state the export wrote). Where it goes, valid by
//! the official schemas of each version:
//!
//! - XLIFF 2.0: the attribute `virast:exported` on `<unit>` (the core schema allows attributes
//!   of other namespaces there, `##other`, processed lax);
//! - XLIFF 1.2: `<context-group name="virast-ID" purpose="information">` with one
//!   `<context context-type="x-virast-exported">` in the `<trans-unit>` (1.2 lets other
//!   namespaces' attributes through only with a schema of their own, a strict wildcard, while a
//!   context group with an `x-` type is valid by the standard schema alone).
//!
//! Reading them back is a pass of its own over the file ([`read`]), so the importer's parser
//! needs to know nothing of it; a file without records (another tool's, an older export) is
//! imported as before.

use std::collections::HashMap;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};

use crate::model::{Segment, SegmentId, Status};

/// Virast's XML namespace in XLIFF files (version 1 of the record). The export binds it to the
/// prefix `virast`; it is read back under any prefix.
pub const NS_VIRAST: &str = "urn:x-virast:xliff:1";
/// The XLIFF 2.0 `<unit>` attribute (in [`NS_VIRAST`]) holding the fingerprint.
pub const ATTRIBUTE: &str = "exported";
/// The XLIFF 1.2 `<context-group name>` holding the record, followed by `-` and the unit id
/// (group names are unique in a file).
pub const CONTEXT_GROUP: &str = "virast";
/// The XLIFF 1.2 `<context context-type>` holding the fingerprint.
pub const CONTEXT_TYPE: &str = "x-virast-exported";

/// The status the importer reads back from a unit exported with `status` and `target`: the
/// states written for Untranslated (`initial`, `new`) read as Translated when there is a
/// target, and Translated or Approved without one read as Untranslated (see
/// `import_xliff::parse`).
pub fn read_back(status: Status, target: &str) -> Status {
    let status = match status {
        Status::Untranslated => Status::Translated,
        other => other,
    };
    if matches!(status, Status::Translated | Status::Approved) && target.trim().is_empty() {
        Status::Untranslated
    } else {
        status
    }
}

/// The fingerprint of a target and status: 16 hexadecimal digits of 64-bit FNV-1a (the same on
/// every machine and in every build) over the status's name and the text.
pub fn fingerprint(target: &str, status: Status) -> String {
    let name = match status {
        Status::Untranslated => "untranslated",
        Status::Translated => "translated",
        Status::NeedsRevision => "needs_revision",
        Status::Approved => "approved",
    };
    let mut bytes = Vec::with_capacity(name.len() + 1 + target.len());
    bytes.extend_from_slice(name.as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(target.as_bytes());
    format!("{:016x}", crate::store::fingerprint(&bytes))
}

/// The fingerprint an export writes for `seg` (what the file will say of it).
pub fn of_segment(seg: &Segment) -> String {
    fingerprint(&seg.target, read_back(seg.status, &seg.target))
}

/// The records found in a file: fingerprint by segment id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Records(HashMap<SegmentId, String>);

impl Records {
    /// The fingerprint the export recorded for unit `id`, if any.
    pub fn get(&self, id: SegmentId) -> Option<&str> {
        self.0.get(&id).map(String::as_str)
    }

    /// How many units have a record.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no unit has a record (a file from another tool or an older export).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn insert(&mut self, id: &str, fingerprint: &str) {
        if let Ok(n) = id.trim().parse::<u64>() {
            self.0.insert(SegmentId(n), fingerprint.trim().to_owned());
        }
    }
}

fn attribute(
    reader: &NsReader<&[u8]>,
    e: &BytesStart<'_>,
    ns: Option<&str>,
    name: &str,
) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let (bound, local) = reader.resolver().resolve_attribute(a.key);
        let ns_matches = match (ns, bound) {
            (None, quick_xml::name::ResolveResult::Unbound) => true,
            (Some(want), quick_xml::name::ResolveResult::Bound(have)) => {
                have.as_ref() == want.as_bytes()
            }
            _ => false,
        };
        (ns_matches && local.as_ref() == name.as_bytes())
            .then(|| a.normalized_value(quick_xml::XmlVersion::default()).ok())
            .flatten()
            .map(std::borrow::Cow::into_owned)
    })
}

/// The records of an XLIFF file (empty when it has none, or is not readable XML: the import
/// reports what is wrong with such a file).
pub fn read(bytes: &[u8]) -> Records {
    let mut out = Records::default();
    let Ok(text) = std::str::from_utf8(bytes) else {
        return out;
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut reader = NsReader::from_str(text);
    // XLIFF 1.2: the id of the trans-unit being read, and the text of our context in it.
    let mut trans_unit: Option<String> = None;
    let mut context: Option<String> = None;
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let start = matches!(event, Event::Start(_));
                match e.local_name().as_ref() {
                    b"unit" => {
                        if let (Some(id), Some(fp)) = (
                            attribute(&reader, e, None, "id"),
                            attribute(&reader, e, Some(NS_VIRAST), ATTRIBUTE),
                        ) {
                            out.insert(&id, &fp);
                        }
                    }
                    b"trans-unit" if start => {
                        trans_unit = attribute(&reader, e, None, "id");
                    }
                    b"context"
                        if start
                            && trans_unit.is_some()
                            && attribute(&reader, e, None, "context-type").as_deref()
                                == Some(CONTEXT_TYPE) =>
                    {
                        context = Some(String::new());
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let (Some(body), Ok(s)) = (context.as_mut(), t.xml10_content()) {
                    body.push_str(&s);
                }
            }
            Event::End(ref e) => match e.local_name().as_ref() {
                b"context" => {
                    if let (Some(id), Some(fp)) = (trans_unit.as_deref(), context.take()) {
                        out.insert(id, &fp);
                    }
                }
                b"trans-unit" => trans_unit = None,
                _ => {}
            },
            _ => {}
        }
    }
    out
}
