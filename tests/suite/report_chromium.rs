//! The bilingual review report opened in a real browser: headless Chromium (Debian's
//! `chromium`) renders the sample project's report (the rows are in the DOM, a comment holding
//! `<script>` stayed text), takes a screenshot and prints it to PDF with the embedded Persian
//! font.
//!
//! Required under CI (`CI` set; `.ci/run` installs chromium); elsewhere, without chromium,
//! skipped with a printed notice. The three Chromium runs go in parallel: a few seconds.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use virast::app::Document;
use virast::model::{Project, Stamp};
use virast::store::ProjectFile;

const BIN: &str = env!("CARGO_BIN_EXE_virast");

/// A comment that would empty the page if the report let it run as a script.
const HOSTILE_COMMENT: &str = "<script>document.body.remove()</script> Which centres?";

/// Chromium, if installed. Under CI a missing one fails; elsewhere the test is skipped.
fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser"] {
        let works = Command::new(name)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if works {
            return Some(PathBuf::from(name));
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "chromium is missing: .ci/run installs it (apt-get install chromium)"
    );
    eprintln!(
        "SKIPPED: chromium is not installed, so the review report was not opened in a browser \
         (apt-get install chromium; CI installs it and requires it)"
    );
    None
}

/// The sample article after some review: approved sentences, one sent back with a hostile
/// comment, one edited after approval (a word diff), one with a number that does not match
/// (a QA finding), one left untranslated.
fn reviewed_sample() -> Project {
    let mut p = Document::sample().project;
    let ana = Stamp::now("Ana");
    let mina = Stamp::now("Mina");
    let english: Vec<&str> = include_str!("../fixtures/sample.en.txt").lines().collect();
    for (i, line) in english.iter().enumerate().take(8) {
        p.set_target(i, line, &ana).unwrap();
    }
    for i in 1..5 {
        p.approve(i, &mina).unwrap();
    }
    let edited = english[1].replace("very good", "excellent");
    assert!(p.set_target(1, &edited, &ana).unwrap());
    p.send_back(5, HOSTILE_COMMENT, &mina).unwrap();
    let wrong_number = english[0].replace("700", "600");
    assert!(p.set_target(0, &wrong_number, &ana).unwrap());
    p
}

/// Run `cmd` to the end, killing it after a minute (a hung browser must not hang the tests).
fn wait(mut child: Child, what: &str) {
    let deadline = Instant::now() + Duration::from_mins(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                assert!(status.success(), "chromium {what} failed: {status}");
                return;
            }
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium {what} did not finish within a minute");
            }
            Err(e) => panic!("waiting for chromium {what}: {e}"),
        }
    }
}

/// Start headless Chromium on `page` with `args`, in its own profile under `dir`.
fn start(chromium: &Path, dir: &Path, name: &str, args: &[String], page: &Path) -> Child {
    let stdout = fs::File::create(dir.join(format!("{name}.out"))).unwrap();
    Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.join(format!("profile-{name}")).display()
        ))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(stdout)
        // D-Bus complaints on stderr are harmless and noisy.
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium.display()))
}

#[test]
fn the_review_report_renders_screenshots_and_prints_in_chromium() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let project = reviewed_sample();
    let project_path = dir.join("sample.virast.json");
    ProjectFile::new(&project_path).save(&project).unwrap();
    let page = dir.join("report.html");
    let out = Command::new(BIN)
        .arg("export")
        .arg(&project_path)
        .args(["--format", "html", "-o"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let (png, pdf) = (dir.join("report.png"), dir.join("report.pdf"));
    let runs = [
        start(&chromium, dir, "dom", &["--dump-dom".to_owned()], &page),
        start(
            &chromium,
            dir,
            "png",
            &[
                "--window-size=1280,900".to_owned(),
                format!("--screenshot={}", png.display()),
            ],
            &page,
        ),
        start(
            &chromium,
            dir,
            "pdf",
            &[
                "--no-pdf-header-footer".to_owned(),
                format!("--print-to-pdf={}", pdf.display()),
            ],
            &page,
        ),
    ];
    for (child, what) in runs
        .into_iter()
        .zip(["--dump-dom", "--screenshot", "--print-to-pdf"])
    {
        wait(child, what);
    }

    // The page as Chromium built it: every sentence a row, the Persian right to left, the
    // hostile comment shown as text (it would have removed the body had it run).
    let dom = fs::read_to_string(dir.join("dom.out")).unwrap();
    assert_eq!(
        dom.matches("<tr id=\"s").count(),
        project.segments.len(),
        "one row per sentence in the rendered page"
    );
    assert_eq!(
        dom.matches(r#"<td class="fa" dir="rtl" lang="fa">"#)
            .count(),
        project.segments.len()
    );
    assert!(
        dom.contains("&lt;script&gt;document.body.remove()&lt;/script&gt; Which centres?"),
        "the comment is shown as text"
    );
    assert!(!dom.contains("<script"), "no script element in the page");
    assert!(
        dom.contains("<ins>") && dom.contains("<del>"),
        "the word diff since approval"
    );
    assert!(
        dom.contains("class=\"qa-error\"") || dom.contains("class=\"qa-warning\""),
        "the QA finding on the changed number"
    );

    // The screenshot: a PNG of the window size with real content (a blank page compresses to
    // a few kilobytes).
    let shot = fs::read(&png).unwrap();
    assert_eq!(shot.get(..8), Some(&b"\x89PNG\r\n\x1a\n"[..]));
    let size = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    assert_eq!((size(&shot[16..20]), size(&shot[20..24])), (1280, 900));
    assert!(shot.len() > 40_000, "screenshot of {} bytes", shot.len());

    // The PDF: a real document of at least one page, the Persian set in the embedded font.
    let printed = fs::read(&pdf).unwrap();
    assert!(printed.starts_with(b"%PDF-"), "not a PDF");
    assert!(printed.len() > 20_000, "PDF of {} bytes", printed.len());
    let text = String::from_utf8_lossy(&printed);
    // The page tree's /Count is the number of pages.
    let pages = text
        .split("/Count ")
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<usize>().ok()
        })
        .max()
        .unwrap_or(0);
    assert!(pages >= 1, "no page in the PDF");
    assert!(
        text.contains("Vazirmatn"),
        "the PDF does not use the report's embedded Persian font"
    );
    eprintln!(
        "chromium: {} rows rendered; screenshot {} bytes; PDF {} bytes, {pages} page(s)",
        project.segments.len(),
        shot.len(),
        printed.len()
    );
}
