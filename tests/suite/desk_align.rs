//! Import a translation in the desk, filter what needs an alignment check, fix a row with the
//! keyboard moves (push down, pull up) and undo them; driven through the real UI with
//! `egui_kittest`.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use virast::app::{Dialog, Document, VirastApp};
use virast::model::{Action as History, Status};

use crate::common;

fn harness() -> Harness<'static, VirastApp> {
    common::harness_with(Document::sample(), common::editor_settings())
}

/// The English of the sample, one line per Persian sentence.
fn english() -> Vec<String> {
    include_str!("../fixtures/sample.en.txt")
        .lines()
        .map(str::to_owned)
        .collect()
}

fn targets(h: &Harness<'static, VirastApp>) -> Vec<String> {
    h.state()
        .doc
        .project
        .segments
        .iter()
        .map(|s| s.target.clone())
        .collect()
}

#[test]
fn import_filter_pull_push_and_undo() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // The translator left out the last sentence.
    let lines = english();
    let file = dir.path().join("draft.en.txt");
    std::fs::write(&file, lines[..8].join("\n")).unwrap_or_else(|e| panic!("{e}"));

    let mut h = harness();
    import_translation(&mut h, &file);
    h.run();
    assert_eq!(h.state().dialog, Some(Dialog::ImportQuestion));
    h.get_by_label_contains("8 English sentences");
    h.get_by_label("Import").click();
    h.run();
    assert!(h.state().dialog.is_none());

    let mut want: Vec<String> = lines[..8].to_vec();
    want.push(String::new());
    assert_eq!(targets(&h), want);
    let seg = &h.state().doc.project.segments[0];
    assert_eq!(seg.status, Status::Translated);
    let rev = seg.history.last().unwrap_or_else(|| panic!("no history"));
    assert_eq!(
        (&rev.action, rev.author.as_str(), rev.note.as_str()),
        (&History::Import, "Mina", "imported from draft.en.txt")
    );

    // "Check alignment" is switched on after an import with rows to check: the sentence
    // without English is listed and marked.
    assert!(h.state().view.filter.alignment);
    let rows = h.state_mut().visible_rows().to_vec();
    assert!(rows.contains(&8), "{rows:?}");
    assert!(rows.iter().all(|&i| {
        h.state().doc.project.segments[i]
            .alignment_confidence
            .is_some_and(|c| c < 50)
    }));
    h.get_by_label("Check the alignment of sentence 9");
    h.get_by_label("Check alignment").click();
    h.run();
    assert!(!h.state().view.filter.alignment);
    assert_eq!(h.state_mut().visible_rows().len(), 9);

    // Push sentence 4's English down to sentence 5, then pull it back up.
    h.get_by_label("English translation of sentence 4").click();
    h.run();
    assert_eq!(h.state().view.current, 3);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    let pushed = targets(&h);
    assert_eq!(pushed[3], "");
    assert_eq!(pushed[4], format!("{} {}", lines[3], lines[4]));
    assert_eq!(
        h.state().doc.project.segments[3].status,
        Status::Untranslated
    );
    let note = |h: &Harness<'static, VirastApp>, i: usize| {
        h.state().doc.project.segments[i]
            .history
            .last()
            .map(|r| (r.action.clone(), r.note.clone()))
    };
    assert_eq!(
        note(&h, 4),
        Some((History::Realign, "pushed down a sentence from #4".into()))
    );

    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    assert_eq!(targets(&h)[..8], want[..8]);
    assert_eq!(
        note(&h, 3),
        Some((History::Realign, "pulled up a sentence from #5".into()))
    );

    // Each move is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(targets(&h), pushed);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(targets(&h), want);
    // And the import itself is one more.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(targets(&h).iter().all(String::is_empty));
}

/// The sample's English with sentences 4 and 5 made one ("…centers, and in fact, …"): one
/// English sentence for two Persian ones, a 2:1 pair.
fn english_with_two_to_one() -> String {
    let lines = english();
    let fifth = &lines[4];
    let joined = format!(
        "{}, and {}{}",
        lines[3].trim_end_matches('.'),
        fifth[..1].to_lowercase(),
        &fifth[1..]
    );
    let mut out: Vec<String> = lines[..3].to_vec();
    out.push(joined);
    out.extend(lines[5..].iter().cloned());
    out.join("\n")
}

fn write(dir: &std::path::Path, name: &str, text: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path
}

/// Click into the field labelled `label`, select what is there and type `text` over it.
fn fill(h: &mut Harness<'static, VirastApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

/// File > Import translation…, type the path of `file` and click Import.
fn import_translation(h: &mut Harness<'static, VirastApp>, file: &std::path::Path) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import translation…").click();
    h.run();
    assert!(matches!(
        h.state().dialog,
        Some(Dialog::ImportTranslation { .. })
    ));
    h.get_by_label("Translation file:")
        .type_text(&file.display().to_string());
    h.run();
    h.get_by_label("Import").click();
}

/// In the New project dialog: give this English translation and click Create project.
fn create_with_translation(h: &mut Harness<'static, VirastApp>, translation: &std::path::Path) {
    fill(
        h,
        "English translation file:",
        &translation.display().to_string(),
    );
    h.get_by_label_contains("aligns the English translation into it");
    h.get_by_label("Create project").click();
    h.run();
}

fn open_new_project_dialog(h: &mut Harness<'static, VirastApp>) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("New project").click();
    h.run();
    assert!(matches!(h.state().dialog, Some(Dialog::NewProject { .. })));
}

#[test]
fn new_project_with_its_english_translation_in_one_step() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let article = write(
        dir.path(),
        "counselling.fa.txt",
        include_bytes!("../fixtures/sample.fa.txt"),
    );
    let pdf = write(
        dir.path(),
        "draft.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
    );
    let draft = write(dir.path(), "draft.en.txt", english().join("\n").as_bytes());

    let mut h = harness();
    let sample_title = h.state().doc.project.meta.title.clone();
    open_new_project_dialog(&mut h);
    fill(&mut h, "Title:", "Counselling centres");
    fill(&mut h, "Article file:", &article.display().to_string());
    // A PDF is refused by name before anything is created: the dialog stays, the sample too.
    create_with_translation(&mut h, &pdf);
    let notice = h.state().last_notice().map(|n| (n.text.clone(), n.error));
    assert!(
        notice
            .as_ref()
            .is_some_and(|(t, e)| *e && t.contains("draft.pdf") && t.contains("PDF")),
        "{notice:?}"
    );
    assert!(matches!(h.state().dialog, Some(Dialog::NewProject { .. })));
    assert_eq!(h.state().doc.project.meta.title, sample_title);

    // With the right file: the project is created and the translation aligned into it.
    create_with_translation(&mut h, &draft);
    assert_eq!(h.state().dialog, Some(Dialog::ImportQuestion));
    assert!(h.state().doc.path().is_none());
    h.get_by_label_contains("9 English sentences");
    h.get_by_label("Import").click();
    h.run();
    assert!(h.state().dialog.is_none());
    assert_eq!(targets(&h), english());
    let seg = &h.state().doc.project.segments[8];
    assert_eq!(seg.status, Status::Translated);
    assert_eq!(
        seg.history.last().map(|r| r.note.as_str()),
        Some("imported from draft.en.txt")
    );
    // One undo step takes the import back and leaves the new project.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(targets(&h).iter().all(String::is_empty));
    assert_eq!(h.state().doc.project.segments.len(), 9);
}

#[test]
fn new_project_with_a_translation_of_another_article_warns_and_asks() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let realnews: Vec<&str> = include_str!("../fixtures/realnews/en.txt")
        .lines()
        .take(12)
        .collect();
    let other = write(dir.path(), "other.en.txt", realnews.join("\n").as_bytes());
    let empty = write(dir.path(), "empty.en.txt", b"\n\n");
    let persian = include_str!("../fixtures/sample.fa.txt");

    let mut h = harness();
    open_new_project_dialog(&mut h);
    fill(&mut h, "Persian text:", persian);
    h.get_by_label_contains("Creates the project from the pasted text.");
    create_with_translation(&mut h, &empty);
    let notice = h.state().last_notice().map(|n| n.text.clone());
    assert!(
        notice.as_ref().is_some_and(|t| t.contains("is empty")),
        "{notice:?}"
    );
    assert!(matches!(h.state().dialog, Some(Dialog::NewProject { .. })));

    create_with_translation(&mut h, &other);
    // The project exists; the translation is questioned before anything is written into it.
    assert_eq!(h.state().dialog, Some(Dialog::ImportQuestion));
    assert_eq!(h.state().doc.project.meta.title, "Untitled");
    h.get_by_label_contains("does not look like a translation of this article");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().dialog.is_none());
    assert!(targets(&h).iter().all(String::is_empty));
    assert_eq!(h.state().doc.project.segments.len(), 9);
}

/// A project over the limit aligned at once (2,000 sentences): the real news fixture
/// repeated to `count` sentences, and its English written as `long.en.txt` in `dir`.
fn long_project(count: usize, dir: &std::path::Path) -> (virast::model::Project, String) {
    let fa = include_str!("../fixtures/realnews/fa.txt");
    let en = include_str!("../fixtures/realnews/en.txt");
    let pairs: Vec<(&str, &str)> = fa
        .lines()
        .zip(en.lines())
        .map(|(f, e)| (f.trim(), e.trim()))
        .filter(|(f, e)| !f.is_empty() && !e.is_empty())
        .collect();
    let pieces = pairs
        .iter()
        .cycle()
        .take(count)
        .enumerate()
        .map(|(i, (f, _))| {
            let sep = if i % 5 == 4 { "\n" } else { " " };
            ((*f).to_owned(), sep.to_owned())
        });
    let project = virast::model::Project::new("long", "", pieces, chrono::Utc::now());
    let english: Vec<&str> = pairs.iter().cycle().take(count).map(|p| p.1).collect();
    let english = english.join(" ");
    write(dir, "long.en.txt", english.as_bytes());
    (project, english)
}

#[test]
fn a_long_article_aligns_in_the_background_with_progress_then_applies_as_one_step() {
    let count = 2_100;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (project, english) = long_project(count, dir.path());
    let draft = dir.path().join("long.en.txt");
    // What the aligner gives, to compare with what the desk applies.
    let expected: Vec<String> =
        virast::align::plan(&project, &english, virast::align::Model::Anchored)
            .placements
            .into_iter()
            .map(|p| p.target)
            .collect();

    let mut h = common::harness_with(Document::unsaved(project), common::editor_settings());
    import_translation(&mut h, &draft);
    // The progress bar animates: step frame by frame rather than wait to settle (a modal
    // shows from its second frame).
    h.run_steps(4);
    // Aligning runs on a worker thread; the window shows its progress meanwhile.
    assert_eq!(
        h.state().dialog,
        Some(Dialog::Aligning {
            file: "long.en.txt".into()
        })
    );
    // Besides the status bar's "approved" bar, the alignment's.
    assert_eq!(
        h.query_all_by_role(egui::accesskit::Role::ProgressIndicator)
            .count(),
        2
    );
    h.get_by_label_contains("2100 Persian sentences");
    let started = std::time::Instant::now();
    let mut seen = Vec::new();
    while h.state().dialog != Some(Dialog::ImportQuestion) {
        assert!(
            started.elapsed() < std::time::Duration::from_mins(5),
            "aligning never finished"
        );
        if let virast::app::translation::ImportState::Running(job) = &h.state().import {
            seen.push(job.progress());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    h.get_by_label("Import").click();
    h.run();
    let filled = targets(&h).iter().filter(|t| !t.is_empty()).count();
    assert!(filled * 10 >= count * 8, "{filled} of {count} filled");
    assert_eq!(targets(&h), expected);
    // The whole import is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(targets(&h).iter().all(String::is_empty));
    assert_eq!(
        h.state().last_notice().map(|n| n.text.clone()),
        Some("Undid: Import translation long.en.txt".into())
    );
}

#[test]
fn one_english_sentence_for_two_persian_offers_to_merge_them() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let draft = write(
        dir.path(),
        "draft.en.txt",
        english_with_two_to_one().as_bytes(),
    );
    let mut h = harness();
    import_translation(&mut h, &draft);
    h.run();
    h.get_by_label_contains("2:1 1");
    h.get_by_label("Import").click();
    h.run();
    // Sentence 5 got no English: the English of sentence 4 covers both. It is listed under
    // "Check alignment", with the offer to merge.
    let lines = english();
    assert_eq!(targets(&h)[4], "");
    assert!(h.state().view.filter.alignment);
    assert!(h.state_mut().visible_rows().contains(&4));
    h.get_by_label_contains("the English of sentence 4 seems to cover it too");
    let persian_before: Vec<String> = h
        .state()
        .doc
        .project
        .segments
        .iter()
        .map(|s| s.source.clone())
        .collect();
    let before = targets(&h);
    h.get_by_label("Merge sentence 5 with sentence 4").click();
    h.run();
    let segs = &h.state().doc.project.segments;
    assert_eq!(segs.len(), 8);
    assert_eq!(
        segs[3].source,
        format!("{} {}", persian_before[3], persian_before[4])
    );
    assert!(segs[3].target.starts_with(lines[3].trim_end_matches('.')));
    assert_eq!(segs[4].target, lines[5]);
    assert_eq!(h.state().view.current, 3);
    assert_eq!(
        segs[3].history.last().map(|r| r.action.clone()),
        Some(History::Merge)
    );
    // Nothing left to offer, and the merge is one undo step.
    assert!(
        h.query_by_label_contains("Merge sentence").is_none(),
        "the offer stays after the merge"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(targets(&h), before);
    assert_eq!(h.state().doc.project.segments.len(), 9);

    // The same from the keyboard's menu: Edit > Merge with previous sentence on row 5.
    h.get_by_label("English translation of sentence 5").click();
    h.run();
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Merge with previous sentence").click();
    h.run();
    assert_eq!(h.state().doc.project.segments.len(), 8);
}

/// A file dropped on the window, as the windowing integration hands it to egui.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Issue 28 item 7: a project dropped on the window while a long alignment runs replaces the
/// document; the alignment belonged to the one that went, so it is cancelled and never fills
/// the new project with the old one's English (both start at document version 0, which is
/// all the desk used to check).
#[test]
fn an_alignment_never_lands_on_a_project_opened_meanwhile() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (project, _) = long_project(2_100, dir.path());
    let draft = dir.path().join("long.en.txt");
    // Project B: the sample, saved, nothing translated.
    let b_path = dir.path().join("b.virast.json");
    let mut b = Document::sample();
    assert!(b.save(Some(b_path.clone()), false).is_ok());
    let b_before = b.project.segments.clone();
    let b_bytes = std::fs::read(&b_path).unwrap_or_else(|e| panic!("{e}"));

    // Project A, opened from its file as the desk opens one (File > Open, a path on the
    // command line, a drop): its document version is then the one B gets on opening.
    let a_path = dir.path().join("a.virast.json");
    assert!(
        Document::unsaved(project)
            .save(Some(a_path.clone()), false)
            .is_ok()
    );
    let mut h = common::desk(VirastApp::start_with(
        Some(a_path),
        common::editor_settings(),
        None,
    ));
    import_translation(&mut h, &draft);
    h.run_steps(4);
    assert!(matches!(
        h.state().import,
        virast::app::translation::ImportState::Running(_)
    ));

    // B is dropped on the window while A is being aligned.
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(b_path.clone())));
    h.step();
    assert_eq!(h.state().doc.path(), Some(b_path.as_path()));
    // Pump frames until the alignment is over, whatever became of it.
    let mut frames = 0;
    while matches!(
        h.state().import,
        virast::app::translation::ImportState::Running(_)
    ) {
        frames += 1;
        assert!(frames < 1_000_000, "the alignment never finished");
        h.step();
    }
    h.run();
    // Had it survived, this is where its question would be answered.
    if h.state().dialog == Some(Dialog::ImportQuestion) {
        h.get_by_label("Import").click();
        h.run();
    }
    assert_eq!(h.state().doc.path(), Some(b_path.as_path()));
    assert!(
        h.state().doc.project.segments == b_before,
        "project B was changed by project A's alignment"
    );
    assert!(!h.state().doc.undo.is_dirty());
    assert!(matches!(
        h.state().import,
        virast::app::translation::ImportState::Idle
    ));
    assert!(
        h.state().notices.iter().any(|n| n.text
            == "Import of long.en.txt cancelled: it was for the project that was open before."),
        "no notice of the cancelled import"
    );
    assert_eq!(
        std::fs::read(&b_path).unwrap_or_else(|e| panic!("{e}")),
        b_bytes
    );
}

/// A sentence with an open merge conflict is not rewritten by an imported translation: the
/// desk refuses the whole import, names the sentence and changes nothing (issue 26 item 7).
#[test]
fn an_import_that_would_rewrite_a_sentence_in_conflict_is_refused() {
    use virast::model::{Conflict, ConflictKind, Extra, Version};
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("draft.en.txt");
    std::fs::write(&file, english().join("\n")).unwrap_or_else(|e| panic!("{e}"));

    let mut doc = Document::sample();
    let seg = &mut doc.project.segments[1];
    seg.target = "Our reading.".into();
    let version = |target: &str| Version {
        target: target.into(),
        status: Status::Translated,
        source: None,
        author: "someone".into(),
        extra: Extra::new(),
    };
    seg.conflict = Some(Box::new(Conflict {
        kind: ConflictKind::EditedBoth,
        time: chrono::Utc::now(),
        base: None,
        ours: version("Our reading."),
        theirs: version("Their reading."),
        earlier: Vec::new(),
        note: String::new(),
        extra: Extra::new(),
    }));
    let before = doc.project.clone();
    let mut h = common::harness_with(doc, common::editor_settings());
    import_translation(&mut h, &file);
    h.run();
    assert_eq!(h.state().dialog, Some(Dialog::ImportQuestion));
    // "Replace all" would rewrite sentence 2, which is in conflict.
    h.get_by_label("Replace all").click();
    h.run();
    let notice = h
        .state()
        .last_notice()
        .unwrap_or_else(|| panic!("no notice"))
        .clone();
    assert!(notice.error, "{}", notice.text);
    assert!(
        notice.text.contains("Nothing was imported") && notice.text.contains("open merge conflict"),
        "{}",
        notice.text
    );
    assert_eq!(h.state().doc.project, before, "nothing changed");
    assert!(h.state().doc.project.segments[1].conflict.is_some());
    assert!(!h.state().doc.undo.is_dirty());

    // "Fill empty only" leaves sentence 2 alone, so it goes ahead and the conflict stays open.
    import_translation(&mut h, &file);
    h.run();
    h.get_by_label("Fill empty only").click();
    h.run();
    let project = &h.state().doc.project;
    assert_eq!(project.segments[1].target, "Our reading.");
    assert!(project.segments[1].conflict.is_some());
    assert_eq!(project.segments[0].target, english()[0]);
}
