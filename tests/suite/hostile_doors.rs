//! Hostile and odd files at the doors, on the real binary (issue 26): a zip bomb and an
//! oversized text refused in bounded memory, `align` that changes nothing writes nothing,
//! `align` never rewrites a sentence with an open merge conflict, `import-xliff` refuses
//! XML that is not well-formed with its line and column, and an export that XML cannot carry
//! is refused before anything is written.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use virast::model::{Conflict, ConflictKind, Extra, Status, Version};
use virast::store;

use crate::align_cli::{fail_cleanly as refuse, succeed};
use crate::store_common::{fixture, ok};

/// The sample article imported into a fresh project in `dir`.
fn sample_project(dir: &Path) -> PathBuf {
    let project = dir.join("p.virast.json");
    succeed(&[
        "import".as_ref(),
        fixture("sample.fa.txt").as_os_str(),
        "-o".as_ref(),
        project.as_os_str(),
    ]);
    project
}

/// A Word file whose `word/document.xml` unpacks to `size` bytes (mostly one long run of
/// text); with `lie`, the archive claims 1,000 bytes.
fn docx_bomb(path: &Path, size: usize, lie: bool) {
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>";
    let tail = "</w:t></w:r></w:p></w:body></w:document>";
    let mut zip = zip::ZipWriter::new(ok(fs::File::create(path)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    ok(zip.start_file("word/document.xml", options));
    ok(zip.write_all(head.as_bytes()));
    let chunk = vec![b'a'; 1 << 20];
    let mut left = size.saturating_sub(head.len() + tail.len());
    while left > 0 {
        let n = left.min(chunk.len());
        ok(zip.write_all(&chunk[..n]));
        left -= n;
    }
    ok(zip.write_all(tail.as_bytes()));
    ok(zip.finish());
    if lie {
        let mut bytes = ok(fs::read(path));
        let name = b"word/document.xml";
        // Local header: size at 22, name at 30; central directory: size at 24, name at 46.
        for (sig, size_at, name_at) in [(b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)] {
            let mut i = 0;
            while let Some(k) = bytes[i..].windows(4).position(|w| w == sig) {
                let at = i + k;
                if bytes.get(at + name_at..at + name_at + name.len()) == Some(&name[..]) {
                    bytes[at + size_at..at + size_at + 4].copy_from_slice(&1000u32.to_le_bytes());
                }
                i = at + 4;
            }
        }
        ok(fs::write(path, bytes));
    }
}

#[test]
fn a_zip_bomb_is_refused_naming_the_file_and_the_limit() {
    let dir = ok(tempfile::tempdir());
    let project = sample_project(dir.path());
    let before = ok(fs::read(&project));
    for lie in [false, true] {
        let bomb = dir.path().join(format!("bomb-{lie}.docx"));
        docx_bomb(&bomb, 70 << 20, lie);
        let err = refuse(&["align".as_ref(), project.as_os_str(), bomb.as_os_str()]);
        assert!(err.contains(&format!("bomb-{lie}.docx")), "{err}");
        if lie {
            // The archive lies about the size: either the reading stops at the limit, or the
            // ZIP reader notices the lie; both are a clean refusal.
            assert!(
                err.contains("64 MiB") || err.contains("damaged Word file"),
                "{err}"
            );
        } else {
            assert!(
                err.contains("word/document.xml unpacked is more than 64 MiB, the limit"),
                "{err}"
            );
        }
        assert_eq!(ok(fs::read(&project)), before);
    }
    // Text over the limit, as a .txt file (its bytes are within the file limit).
    let big = dir.path().join("big.en.txt");
    let line = "A sentence of a translation that goes on.\n";
    ok(fs::write(&big, line.repeat((17 << 20) / line.len())));
    let err = refuse(&["align".as_ref(), project.as_os_str(), big.as_os_str()]);
    assert!(
        err.contains("big.en.txt is too large to be a translation: its text is more than 16 MiB"),
        "{err}"
    );
}

#[test]
fn a_text_far_longer_than_the_article_is_refused_before_aligning() {
    let dir = ok(tempfile::tempdir());
    let project = sample_project(dir.path());
    let before = ok(fs::read(&project));
    // 3 MiB of tiny sentences: within the file limits, but hundreds of times the article.
    let long = dir.path().join("long.en.txt");
    ok(fs::write(&long, "A b. ".repeat(600_000)));
    let err = refuse(&["align".as_ref(), project.as_os_str(), long.as_os_str()]);
    assert!(
        err.contains("long.en.txt: the translation is")
            && err.contains("more than this article can have"),
        "{err}"
    );
    assert_eq!(ok(fs::read(&project)), before);
}

#[test]
fn align_that_changes_nothing_writes_nothing() {
    let dir = ok(tempfile::tempdir());
    let project = sample_project(dir.path());
    let translation = fixture("sample.en.txt");
    let args = [
        "align".as_ref(),
        project.as_os_str(),
        translation.as_os_str(),
    ];
    succeed(&args);
    // The second run: every target is kept, so the project and its backup stay as they are.
    let saved = ok(fs::read(&project));
    let backup = project.with_extension("json.bak");
    let saved_backup = ok(fs::read(&backup));
    let out = succeed(&args);
    assert!(
        out.contains("Nothing changed, so nothing was written."),
        "{out}"
    );
    assert_eq!(ok(fs::read(&project)), saved, "the project was rewritten");
    assert_eq!(
        ok(fs::read(&backup)),
        saved_backup,
        "the backup was replaced"
    );
    let json = succeed(&[
        "align".as_ref(),
        project.as_os_str(),
        translation.as_os_str(),
        "--json".as_ref(),
    ]);
    assert!(json.contains("\"output\":null"), "{json}");
    assert_eq!(ok(fs::read(&project)), saved);
}

#[test]
fn align_does_not_rewrite_a_sentence_with_an_open_merge_conflict() {
    let dir = ok(tempfile::tempdir());
    let path = sample_project(dir.path());
    let mut p = ok(store::load(&path));
    let version = |target: &str| Version {
        target: target.into(),
        status: Status::Translated,
        source: None,
        author: "someone".into(),
        extra: Extra::new(),
    };
    p.segments[1].conflict = Some(Box::new(Conflict {
        kind: ConflictKind::EditedBoth,
        time: p.meta.modified,
        base: None,
        ours: version(""),
        theirs: version("Their English."),
        earlier: Vec::new(),
        note: String::new(),
        extra: Extra::new(),
    }));
    let id = p.segments[1].id;
    ok(store::ProjectFile::new(&path).save_overwriting(&p));
    let before = ok(fs::read(&path));
    let err = refuse(&[
        "align".as_ref(),
        path.as_os_str(),
        fixture("sample.en.txt").as_os_str(),
    ]);
    assert!(
        err.contains("open merge conflict") && err.contains(&id.to_string()),
        "{err}"
    );
    assert_eq!(ok(fs::read(&path)), before);
}

#[test]
fn import_xliff_refuses_xml_that_is_not_well_formed_with_line_and_column() {
    let dir = ok(tempfile::tempdir());
    let project = sample_project(dir.path());
    let xlf = dir.path().join("p.xlf");
    succeed(&[
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "xliff".as_ref(),
        "-o".as_ref(),
        xlf.as_os_str(),
    ]);
    let exported = ok(fs::read_to_string(&xlf));
    let before = ok(fs::read(&project));
    let first_source = exported.find("</source>").unwrap_or(0);
    for piece in [
        "<target>People \u{7} welcomed.</target>",
        "<target>&#7;</target>",
        "<target>&b;</target>",
    ] {
        let bad = format!(
            "{}{piece}{}",
            &exported[..first_source + 9],
            &exported[first_source + 9..]
        );
        ok(fs::write(&xlf, &bad));
        let err = refuse(&[
            "import-xliff".as_ref(),
            project.as_os_str(),
            xlf.as_os_str(),
        ]);
        let line = bad[..first_source].matches('\n').count() + 1;
        assert!(
            err.contains(&format!("not well-formed XML at line {line}, column "))
                && err.contains("(in unit 1)"),
            "{piece}: {err}"
        );
        assert_eq!(ok(fs::read(&project)), before);
    }
}

#[test]
fn an_export_xml_cannot_carry_is_refused_before_writing() {
    let dir = ok(tempfile::tempdir());
    let project = dir.path().join("t.virast.json");
    succeed(&[
        "import".as_ref(),
        fixture("sample.fa.txt").as_os_str(),
        "-o".as_ref(),
        project.as_os_str(),
        "--title".as_ref(),
        "News\u{1}Title".as_ref(),
    ]);
    for (format, name) in [
        ("xliff", "a.xlf"),
        ("xliff12", "a.xliff"),
        ("tmx", "a.tmx"),
        ("html", "a.html"),
    ] {
        let out = dir.path().join(name);
        let err = refuse(&[
            "export".as_ref(),
            project.as_os_str(),
            "--format".as_ref(),
            format.as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
        ]);
        assert!(
            err.contains("the project title contains the control character U+0001"),
            "{err}"
        );
        assert!(!out.exists(), "{format} was written");
    }
}

#[test]
fn import_xliff_refuses_a_file_larger_than_a_project_before_reading_it() {
    let dir = ok(tempfile::tempdir());
    let project = sample_project(dir.path());
    let before = ok(fs::read(&project));
    // A sparse file: 600 MiB long, no disk blocks; read in full it would take 600 MiB of memory.
    let xlf = dir.path().join("huge.xlf");
    let file = ok(fs::File::create(&xlf));
    ok(file.set_len(600 * 1024 * 1024));
    drop(file);
    let err = refuse(&[
        "import-xliff".as_ref(),
        project.as_os_str(),
        xlf.as_os_str(),
    ]);
    assert!(
        err.contains("huge.xlf") && err.contains("larger than 512 MiB"),
        "{err}"
    );
    assert_eq!(ok(fs::read(&project)), before);
}
