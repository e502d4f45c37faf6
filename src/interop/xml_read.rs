//! A strict XML 1.0 reader (with namespaces) over quick-xml, for the files Virast reads back
//! and the XML it writes: everything it accepts is well-formed, and everything else is refused
//! with its line and column.
//!
//! quick-xml is a fast tokenizer that leaves several well-formedness rules to its caller; this
//! layer adds them: characters XML 1.0 forbids (raw or as character references), undefined
//! entities, repeated attributes, `<` in attribute values, names that are not XML names,
//! undeclared namespace prefixes, a second root or content after the root element, text outside
//! it, `]]>` in text, a misplaced XML declaration. A DOCTYPE is refused (no XLIFF or TMX file
//! needs one, and entity declarations are how the billion-laughs attack works).

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

/// Where and why a text is not well-formed XML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlError {
    /// Byte offset of the problem (after a byte order mark, which is skipped).
    pub offset: u64,
    /// Line of the problem, from 1.
    pub line: usize,
    /// Column of the problem in characters, from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {} (byte {}): {}",
            self.line, self.column, self.offset, self.message
        )
    }
}

/// Whether XML 1.0 allows `c` in a document (the `Char` production).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || u32::from(c) >= 0x1_0000
}

/// Whether the HTML standard makes `c` a parse error in a document: a control character other
/// than ASCII white space, or a noncharacter.
pub fn html_forbidden(c: char) -> bool {
    let n = u32::from(c);
    (n < 0x20 && !matches!(c, '\t' | '\n' | '\u{C}' | '\r'))
        || (0x7F..=0x9F).contains(&n)
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

/// Whether some export of Virast cannot carry `c`: XML 1.0 forbids it, or HTML does.
pub fn cannot_export(c: char) -> bool {
    !is_xml_char(c) || html_forbidden(c)
}

fn is_name_start(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Whether `s` is a name without a colon (`NCName` of Namespaces in XML).
fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

/// Whether `s` is a qualified name: `NCName` or `NCName:NCName`.
fn is_qname(s: &str) -> bool {
    match s.split_once(':') {
        Some((prefix, local)) => is_ncname(prefix) && is_ncname(local),
        None => is_ncname(s),
    }
}

/// An element or attribute name, resolved through the namespaces in scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// The namespace; `None` for a name in no namespace.
    pub ns: Option<String>,
    /// The local name.
    pub local: String,
}

impl Name {
    /// Whether this is `local` in namespace `ns`.
    pub fn is(&self, ns: Option<&str>, local: &str) -> bool {
        self.ns.as_deref() == ns && self.local == local
    }
}

/// An attribute with its value normalized as XML 1.0 says (references resolved, each tab or
/// line break a space). Namespace declarations are not listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attr {
    /// The resolved name.
    pub name: Name,
    /// The name as written (`xml:space`).
    pub qname: String,
    /// The normalized value.
    pub value: String,
}

/// What the reader found next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A start tag (an empty element is a start followed by an end).
    Start {
        /// The element.
        name: Name,
        /// Its attributes.
        attrs: Vec<Attr>,
    },
    /// An end tag.
    End {
        /// The element.
        name: Name,
    },
    /// Character data, references resolved and line ends normalized; one stretch of text may
    /// come in several pieces.
    Text(String),
    /// A comment (its text).
    Comment(String),
    /// A processing instruction (its target and content as written).
    Pi(String),
    /// The end of the document.
    Eof,
}

/// A strict XML reader over a string; see the module documentation.
pub struct XmlReader<'a> {
    text: &'a str,
    reader: NsReader<&'a [u8]>,
    /// Open elements (qualified names).
    stack: Vec<String>,
    seen_root: bool,
    /// Offset of the first character XML forbids, if any.
    bad_char: Option<usize>,
    /// Start of the last item read.
    start: u64,
}

impl<'a> XmlReader<'a> {
    /// A reader of `text` (without a byte order mark).
    pub fn new(text: &'a str) -> Self {
        let mut reader = NsReader::from_str(text);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.check_comments = true;
        config.expand_empty_elements = true;
        XmlReader {
            text,
            reader,
            stack: Vec::new(),
            seen_root: false,
            bad_char: text
                .char_indices()
                .find(|&(_, c)| !is_xml_char(c))
                .map(|(i, _)| i),
            start: 0,
        }
    }

    /// An error at byte `offset` of the text.
    pub fn error_at(&self, offset: u64, message: impl Into<String>) -> XmlError {
        let at = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        // Back to a character boundary (an offset from quick-xml is always on one).
        let at = (0..=at)
            .rev()
            .find(|&i| self.text.is_char_boundary(i))
            .unwrap_or(0);
        let before = &self.text[..at];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        XmlError {
            offset: at as u64,
            line,
            column: before[line_start..].chars().count() + 1,
            message: message.into(),
        }
    }

    /// An error at the start of the last item read.
    pub fn error(&self, message: impl Into<String>) -> XmlError {
        self.error_at(self.start, message)
    }

    /// Depth of open elements.
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    /// The next item of the document.
    pub fn read(&mut self) -> Result<Item, XmlError> {
        loop {
            self.start = self.reader.buffer_position();
            let (resolved, event) = match self.reader.read_resolved_event() {
                Ok((r, e)) => (resolve(&r), e),
                Err(e) => {
                    let at = self.reader.error_position();
                    return Err(self
                        .forbidden_before(at)
                        .unwrap_or_else(|| self.error_at(at, e.to_string())));
                }
            };
            if let Some(err) = self.forbidden_before(self.reader.buffer_position()) {
                return Err(err);
            }
            if let Some(item) = self.item(resolved, event)? {
                return Ok(item);
            }
        }
    }

    /// The error for a forbidden character before `end`, if there is one.
    fn forbidden_before(&self, end: u64) -> Option<XmlError> {
        let at = self.bad_char?;
        if at as u64 >= end {
            return None;
        }
        let c = self.text[at..].chars().next()?;
        Some(self.error_at(
            at as u64,
            format!(
                "the character U+{:04X}, which XML 1.0 does not allow",
                u32::from(c)
            ),
        ))
    }

    fn item(
        &mut self,
        resolved: Result<Option<String>, String>,
        event: Event<'a>,
    ) -> Result<Option<Item>, XmlError> {
        let outside = self.stack.is_empty();
        Ok(Some(match event {
            Event::Start(e) => {
                if outside && self.seen_root {
                    return Err(self.error(format!(
                        "content after the root element: <{}>",
                        String::from_utf8_lossy(e.name().as_ref())
                    )));
                }
                self.seen_root = true;
                let qname = self.qname(e.name().as_ref())?;
                let ns =
                    resolved.map_err(|p| self.error(format!("the prefix {p}: is not declared")))?;
                let attrs = self.attributes(&e)?;
                let local = qname
                    .split_once(':')
                    .map_or(qname.as_str(), |(_, l)| l)
                    .to_owned();
                self.stack.push(qname);
                Item::Start {
                    name: Name { ns, local },
                    attrs,
                }
            }
            Event::End(e) => {
                let qname = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if self.stack.pop().is_none() {
                    return Err(self.error(format!("</{qname}> closes nothing")));
                }
                let ns =
                    resolved.map_err(|p| self.error(format!("the prefix {p}: is not declared")))?;
                let local = qname
                    .split_once(':')
                    .map_or(qname.as_str(), |(_, l)| l)
                    .to_owned();
                Item::End {
                    name: Name { ns, local },
                }
            }
            Event::Empty(_) => return Err(self.error("unexpected empty element")),
            Event::Text(t) => {
                let raw = std::str::from_utf8(&t).unwrap_or_default();
                if let Some(i) = raw.find("]]>") {
                    return Err(
                        self.error_at(self.start + i as u64, "“]]>” is not allowed in text")
                    );
                }
                let body = t.xml10_content().map_err(|e| self.error(e.to_string()))?;
                if outside {
                    if !body.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) {
                        let place = if self.seen_root { "after" } else { "before" };
                        return Err(self.error(format!("text {place} the root element")));
                    }
                    return Ok(None);
                }
                Item::Text(body.into_owned())
            }
            Event::CData(t) => {
                if outside {
                    return Err(self.error("a CDATA section outside the root element"));
                }
                let body = t.xml10_content().map_err(|e| self.error(e.to_string()))?;
                Item::Text(body.into_owned())
            }
            Event::GeneralRef(r) => {
                if outside {
                    return Err(self.error("a reference outside the root element"));
                }
                let name = String::from_utf8_lossy(&r).into_owned();
                Item::Text(self.reference(&name)?.to_string())
            }
            Event::Comment(c) => {
                let body = String::from_utf8_lossy(&c).into_owned();
                if body.ends_with('-') {
                    return Err(self.error("a comment may not end with “-” before “-->”"));
                }
                Item::Comment(body)
            }
            Event::PI(pi) => {
                let target = String::from_utf8_lossy(pi.target()).into_owned();
                if !is_ncname(&target) || target.eq_ignore_ascii_case("xml") {
                    return Err(self.error(format!(
                        "<?{target}…?> is not a valid processing instruction"
                    )));
                }
                Item::Pi(String::from_utf8_lossy(&pi).into_owned())
            }
            Event::Decl(d) => {
                if self.start != 0 {
                    return Err(self.error("the XML declaration may only come first in the file"));
                }
                let version = d.version().map_err(|e| self.error(e.to_string()))?;
                if version.as_ref() != b"1.0" {
                    return Err(self.error(format!(
                        "XML version {} is not read (only 1.0)",
                        String::from_utf8_lossy(&version)
                    )));
                }
                if let Some(enc) = d.encoding() {
                    let enc = enc.map_err(|e| self.error(e.to_string()))?;
                    if !enc.eq_ignore_ascii_case(b"utf-8") {
                        return Err(self.error(format!(
                            "the file declares the encoding {}, but only UTF-8 is read",
                            String::from_utf8_lossy(&enc)
                        )));
                    }
                }
                if let Some(sa) = d.standalone() {
                    let sa = sa.map_err(|e| self.error(e.to_string()))?;
                    if sa.as_ref() != b"yes" && sa.as_ref() != b"no" {
                        return Err(self.error("standalone must be yes or no"));
                    }
                }
                return Ok(None);
            }
            Event::DocType(_) => {
                return Err(self.error(
                    "a DOCTYPE declaration is not accepted (entity declarations are not read)",
                ));
            }
            Event::Eof => {
                if let Some(open) = self.stack.last() {
                    return Err(self.error(format!("the file ends inside <{open}> (truncated?)")));
                }
                if !self.seen_root {
                    return Err(self.error("there is no root element"));
                }
                Item::Eof
            }
        }))
    }

    fn qname(&self, raw: &[u8]) -> Result<String, XmlError> {
        let name = String::from_utf8_lossy(raw).into_owned();
        if is_qname(&name) {
            Ok(name)
        } else {
            Err(self.error(format!("“{name}” is not a valid XML name")))
        }
    }

    /// The character a reference (`amp`, `#38`, `#x26`) stands for.
    fn reference(&self, name: &str) -> Result<char, XmlError> {
        let code = if let Some(hex) = name.strip_prefix("#x") {
            (!hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()))
                .then(|| u32::from_str_radix(hex, 16).ok())
                .flatten()
        } else if let Some(dec) = name.strip_prefix('#') {
            (!dec.is_empty() && dec.chars().all(|c| c.is_ascii_digit()))
                .then(|| dec.parse::<u32>().ok())
                .flatten()
        } else {
            return match name {
                "amp" => Ok('&'),
                "lt" => Ok('<'),
                "gt" => Ok('>'),
                "quot" => Ok('"'),
                "apos" => Ok('\''),
                _ => Err(self.error(format!("the entity &{name}; is not defined"))),
            };
        };
        match code.and_then(char::from_u32) {
            Some(c) if is_xml_char(c) => Ok(c),
            Some(c) => Err(self.error(format!(
                "the character reference &{name}; stands for U+{:04X}, which XML 1.0 does not allow",
                u32::from(c)
            ))),
            None => Err(self.error(format!("&{name}; is not a valid character reference"))),
        }
    }

    fn attributes(&self, e: &BytesStart<'_>) -> Result<Vec<Attr>, XmlError> {
        let mut out: Vec<Attr> = Vec::new();
        let mut qnames: Vec<String> = Vec::new();
        for a in e.attributes().with_checks(true) {
            let a = a.map_err(|err| self.error(format!("attribute: {err}")))?;
            let qname = self.qname(a.key.as_ref())?;
            if qnames.contains(&qname) {
                return Err(self.error(format!("the attribute {qname} is repeated")));
            }
            let raw = std::str::from_utf8(&a.value).unwrap_or_default();
            let value = self.attribute_value(&qname, raw)?;
            qnames.push(qname.clone());
            if qname == "xmlns" || qname.starts_with("xmlns:") {
                continue;
            }
            let (ns, local) = match self.reader.resolver().resolve_attribute(a.key) {
                (ResolveResult::Unbound, l) => (None, l),
                (ResolveResult::Bound(ns), l) => {
                    (Some(String::from_utf8_lossy(ns.as_ref()).into_owned()), l)
                }
                (ResolveResult::Unknown(p), _) => {
                    return Err(self.error(format!(
                        "the prefix {}: of attribute {qname} is not declared",
                        String::from_utf8_lossy(&p)
                    )));
                }
            };
            let name = Name {
                ns,
                local: String::from_utf8_lossy(local.as_ref()).into_owned(),
            };
            if out.iter().any(|o| o.name == name) {
                return Err(self.error(format!(
                    "the attribute {qname} is repeated (same namespace and name)"
                )));
            }
            out.push(Attr { name, qname, value });
        }
        Ok(out)
    }

    /// An attribute value normalized: references resolved, white space characters as spaces.
    fn attribute_value(&self, qname: &str, raw: &str) -> Result<String, XmlError> {
        let mut out = String::with_capacity(raw.len());
        let mut rest = raw;
        while let Some(i) = rest.find(['&', '<', '\r', '\n', '\t']) {
            out.push_str(&rest[..i]);
            let c = rest[i..].chars().next().unwrap_or(' ');
            rest = &rest[i + 1..];
            match c {
                '<' => return Err(self.error(format!("“<” in the value of attribute {qname}"))),
                '&' => {
                    let Some(end) = rest.find(';') else {
                        return Err(
                            self.error(format!("an unfinished reference in attribute {qname}"))
                        );
                    };
                    out.push(self.reference(&rest[..end]).map_err(|mut e| {
                        e.message = format!("attribute {qname}: {}", e.message);
                        e
                    })?);
                    rest = &rest[end + 1..];
                }
                '\r' => {
                    out.push(' ');
                    rest = rest.strip_prefix('\n').unwrap_or(rest);
                }
                _ => out.push(' '),
            }
        }
        out.push_str(rest);
        Ok(out)
    }
}

fn resolve(r: &ResolveResult<'_>) -> Result<Option<String>, String> {
    match r {
        ResolveResult::Unbound => Ok(None),
        ResolveResult::Bound(ns) => Ok(Some(String::from_utf8_lossy(ns.as_ref()).into_owned())),
        ResolveResult::Unknown(p) => Err(String::from_utf8_lossy(p).into_owned()),
    }
}

/// Check that `bytes` are a well-formed UTF-8 XML 1.0 document.
pub fn check(bytes: &[u8]) -> Result<(), XmlError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            return Err(XmlReader::new(valid).error_at(e.valid_up_to() as u64, "not UTF-8"));
        }
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut reader = XmlReader::new(text);
    while reader.read()? != Item::Eof {}
    Ok(())
}
