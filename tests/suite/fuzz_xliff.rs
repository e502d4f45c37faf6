//! Fuzzing `import-xliff` with mutated real exports: XLIFF 2.0 and 1.2 files exported from
//! worked-on projects (real news from `tests/fixtures/realnews`, the reviewed sample), mutated
//! byte by byte and with the hostile pieces an audit found (forbidden characters raw and as
//! references, foreign and repeated targets, comments, processing instructions, bad and
//! repeated attributes, content after the root). Nothing may panic; an import either is
//! refused and changes nothing, or gives a project every XML export of which is written and
//! parses with quick-xml.
//!
//! A seeded generator makes every run the same. `cargo test --test suite fuzz_xliff::` runs a
//! few thousand cases; `cargo test --test suite fuzz_xliff:: -- --ignored` runs 100,000.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use chrono::{TimeZone, Utc};
use virast::interop::import_xliff;
use virast::interop::{ExportOptions, Format, tmx::TmxScope};
use virast::model::{Project, Stamp};

use crate::store_common::{Rng, ok, reviewed_sample};

fn stamp(author: &str, minutes: i64) -> Stamp {
    Stamp {
        author: author.into(),
        time: Utc
            .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
            .single()
            .unwrap_or_default()
            + chrono::Duration::minutes(minutes),
    }
}

/// The first real-news document pairs as a project: its Persian imported, each sentence given
/// an English line, some approved, sent back and commented with markup characters.
fn real_news() -> Project {
    let dir = crate::store_common::fixture("realnews");
    let fa = ok(std::fs::read_to_string(dir.join("fa.txt")));
    let en = ok(std::fs::read_to_string(dir.join("en.txt")));
    let fa: String = fa.lines().take(12).flat_map(|l| [l, "\n"]).collect();
    let article = ok(virast::import::decode(
        fa.as_bytes(),
        std::path::Path::new("news.fa.txt"),
    ));
    let mut p = article.into_project("Real news «1» & <more>", stamp("ana", 0).time);
    for (i, line) in en.lines().take(p.segments.len()).enumerate() {
        if i % 5 != 4 {
            let _ = p.set_target(i, line, &stamp("ana", 1));
        }
    }
    let _ = p.approve(0, &stamp("ed", 2));
    let _ = p.approve(2, &stamp("ed", 2));
    let _ = p.send_back(1, "Check ]]> & < > \" ' here", &stamp("ed", 3));
    let _ = p.add_comment(3, "Line one\r\nline two\ttab", &stamp("o'neil & co", 4));
    p
}

/// Pieces an attacker (or a careless tool) puts into a file.
const PIECES: &[&str] = &[
    "&#1;",
    "&#7;",
    "&#xFFFE;",
    "&#xB;",
    "&#13;",
    "&#x1F600;",
    "&bogus;",
    "&amp;",
    "&",
    "<",
    ">",
    "]]>",
    "\u{7}",
    "\u{B}",
    "\u{FFFF}",
    "\r\n",
    "\r",
    "<!-- note -->",
    "<?pi data?>",
    "<![CDATA[x < y]]>",
    "<x:target xmlns:x=\"urn:other\">HIJACK</x:target>",
    "<target>Second</target>",
    "<target xml:space=\"preserve\">Third</target>",
    "<source>Other</source>",
    "<pc id=\"1\">b</pc>",
    "<g id=\"1\">b</g>",
    " id=\"5\"",
    " id=\"+4\"",
    " id=\"&bogus;\"",
    " state=\"final\"",
    " state=\"bogus\"",
    " approved=\"yes\"",
    " approved=\"maybe\"",
    " a=\"<\"",
    " xmlns:q=\"urn:q\" q:id=\"1\"",
    "<segment id=\"1\" state=\"final\"><source>x</source></segment>",
    "</xliff><x/>",
    "<!DOCTYPE x [<!ENTITY e \"E\">]>",
    "<?xml version=\"1.0\"?>",
    "\u{200C}",
    "ی",
    " ",
    "\t",
];

fn mutate(base: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 => {
                let piece = rng.pick(PIECES).as_bytes();
                bytes.splice(at..at, piece.iter().copied());
            }
            1 if at < bytes.len() => {
                bytes.remove(at);
            }
            2 if at < bytes.len() => {
                bytes[at] = u8::try_from(rng.below(256)).unwrap_or(b'x');
            }
            3 => {
                // Into a target's text: the place edits are meant to go.
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let starts: Vec<usize> = text.match_indices("<target").map(|(i, _)| i).collect();
                if let Some(&start) = starts.get(rng.below(starts.len().max(1)))
                    && let Some(gt) = text[start..].find('>')
                {
                    let piece = rng.pick(PIECES).as_bytes();
                    let at = start + gt + 1;
                    bytes.splice(at..at, piece.iter().copied());
                }
            }
            4 => {
                // Change a word of a target, as a translator would.
                let text = String::from_utf8_lossy(&bytes).into_owned();
                if let Some(i) = text.find("</target>") {
                    let word = ["Edited", "new", "ok", "۴۰۰", "x"][rng.below(5)];
                    bytes.splice(i..i, word.bytes());
                }
            }
            _ => {
                // Repeat a line (a unit, an attribute line, the root end).
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let lines: Vec<&str> = text.lines().collect();
                if !lines.is_empty() {
                    let line = lines[rng.below(lines.len())].to_owned();
                    bytes.splice(at..at, (line + "\n").into_bytes());
                }
            }
        }
    }
    bytes
}

/// Every XML export of `p` is written and parses with quick-xml (ends matched, references
/// resolved, no character XML 1.0 forbids).
fn exports_parse(p: &Project) -> Result<(), String> {
    for (format, tmx_scope) in [
        (Format::Xliff, TmxScope::Approved),
        (Format::Xliff12, TmxScope::Approved),
        (Format::Tmx, TmxScope::Approved),
        (Format::Tmx, TmxScope::Translated),
        (Format::Html, TmxScope::Approved),
    ] {
        let bytes = ExportOptions {
            format,
            tmx_scope,
            ..ExportOptions::default()
        }
        .render(p)
        .map_err(|e| format!("{format:?} refused: {e}"))?;
        if format != Format::Html {
            parse_with_quick_xml(&bytes).map_err(|e| format!("{format:?}: {e}"))?;
        }
    }
    Ok(())
}

fn parse_with_quick_xml(bytes: &[u8]) -> Result<(), String> {
    use quick_xml::events::Event;
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    if let Some(c) = text.chars().find(|&c| {
        (u32::from(c) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    }) {
        return Err(format!("raw U+{:04X}", u32::from(c)));
    }
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Eof => {
                return if depth == 0 {
                    Ok(())
                } else {
                    Err("unclosed".into())
                };
            }
            Event::Start(e) => {
                for a in e.attributes() {
                    let a = a.map_err(|e| e.to_string())?;
                    a.normalized_value(quick_xml::XmlVersion::default())
                        .map_err(|e| e.to_string())?;
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.checked_sub(1).ok_or("unmatched end")?,
            Event::GeneralRef(r) => {
                let c = r.resolve_char_ref().map_err(|e| e.to_string())?;
                if let Some(c) = c
                    && (u32::from(c) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
                {
                    return Err(format!("&#{};", u32::from(c)));
                }
            }
            _ => {}
        }
    }
}

#[derive(Debug, Default)]
struct Counts {
    cases: usize,
    refused: usize,
    unchanged: usize,
    imported: usize,
}

fn fuzz(cases: usize, seed: u64) -> Counts {
    let projects = [real_news(), reviewed_sample()];
    let mut bases = Vec::new();
    for p in &projects {
        for format in [Format::Xliff, Format::Xliff12] {
            bases.push((p, ok(format.render(p))));
        }
    }
    let mut rng = Rng(seed);
    let mut counts = Counts::default();
    for case in 0..cases {
        let (project, base) = &bases[rng.below(bases.len())];
        let file = mutate(base, &mut rng);
        let mut p = (*project).clone();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            import_xliff::import(&mut p, &file, "fuzz.xlf", &stamp("tr", 9))
        }));
        let failure = match outcome {
            Err(_) => Some("panicked".to_owned()),
            Ok(Err(_)) if p != **project => Some("a refused import changed the project".into()),
            Ok(Err(_)) => {
                counts.refused += 1;
                None
            }
            Ok(Ok(plan)) => {
                if plan.changes.is_empty() {
                    counts.unchanged += 1;
                } else {
                    counts.imported += 1;
                }
                exports_parse(&p).err()
            }
        };
        if let Some(why) = failure {
            let keep = std::env::temp_dir().join(format!("virast-fuzz-xliff-{seed}-{case}.xlf"));
            let _ = std::fs::write(&keep, &file);
            panic!(
                "case {case} (seed {seed}): {why}; input kept as {}",
                keep.display()
            );
        }
        counts.cases += 1;
    }
    counts
}

#[test]
fn mutated_exports_import_cleanly_or_are_refused_short() {
    let started = Instant::now();
    let counts = fuzz(2_000, 31);
    eprintln!("import-xliff fuzz: {counts:?} in {:?}", started.elapsed());
    assert_eq!(counts.cases, 2_000);
    assert!(counts.refused > 200 && counts.imported > 200, "{counts:?}");
}

#[test]
#[ignore = "a few minutes; run with --ignored"]
fn mutated_exports_import_cleanly_or_are_refused_full() {
    let started = Instant::now();
    let counts = fuzz(100_000, 41);
    eprintln!("import-xliff fuzz: {counts:?} in {:?}", started.elapsed());
    assert_eq!(counts.cases, 100_000);
}
