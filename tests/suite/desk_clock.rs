//! The desk takes its time from the frame (egui's input time), never from the machine's clock,
//! and bounds its work per frame by counts: a test frame does the same work on a busy machine
//! as on an idle one.

use egui_kittest::Harness;
use virast::app::{Document, VirastApp};
use virast::model::Project;

use crate::common;
use common::{settings, type_into};

fn saved_sample(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("p.virast.json");
    Document::sample().save(Some(path.clone()), false).unwrap();
    path
}

/// An autosave comes when the interval has passed on the frames' clock: not one frame earlier
/// (however long the frames took on the machine), and on the frame it is due (however fast
/// they ran). Before, the interval was measured on the machine's clock, so a fast run never
/// autosaved and a slow one autosaved at any frame.
#[test]
fn autosave_comes_after_its_interval_of_frame_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_sample(dir.path());
    let mut h = common::harness_with(
        Document::open(&path).unwrap(),
        settings("Mina", virast::app::Role::Editor),
    );
    // The interval started at the desk's first frame, at most a second of frame time ago.
    assert!(h.state().now < 1.0);
    h.state_mut().settings.autosave_secs = 5;
    type_into(&mut h, 1, "The police");
    assert!(h.state().doc.undo.is_dirty());
    let mut times = Vec::new();
    while h.state().doc.own_sidecar().is_none() && times.len() < 200 {
        h.step();
        h.state_mut().doc.finish_autosave().unwrap();
        times.push(h.state().now);
    }
    assert!(h.state().doc.own_sidecar().is_some(), "autosaved");
    let saved_at = times.last().copied().unwrap();
    let before = times.iter().rev().nth(1).copied().unwrap();
    assert!(
        (5.0..6.0).contains(&saved_at) && before < saved_at,
        "autosaved at {saved_at} s of frame time, the frame before at {before} s"
    );
}

/// A project of `n` sentences cycled from the sample, each translated with a figure the
/// source does not have (so each has a QA finding).
fn project_with_findings(n: usize) -> Project {
    let sample = Document::sample().project;
    let pieces = (0..n).map(|i| {
        let seg = &sample.segments[i % sample.segments.len()];
        (seg.source.clone(), " ".to_owned())
    });
    let mut p = Project::new("clock", "", pieces, chrono::Utc::now());
    let stamp = virast::model::Stamp::now("Ana");
    for i in 0..n {
        p.set_target(i, "The police said 4,321 centres opened.", &stamp)
            .unwrap();
    }
    p
}

/// The QA findings filter over a large project fills in over a number of frames set by how
/// many sentences there are, not by how fast the machine checks them.
#[test]
fn the_qa_filter_fills_in_over_a_fixed_number_of_frames() {
    let n = 2 * virast::app::qa_cache::CHECKS_PER_FRAME + 10;
    let mut app = VirastApp::with_document(
        Document::unsaved(project_with_findings(n)),
        virast::app::Settings {
            autosave_secs: u64::MAX,
            ..virast::app::Settings::default()
        },
    );
    app.view.filter.qa_findings = true;
    let mut shown = Vec::new();
    for frame in 1..=3 {
        app.now = f64::from(frame) / 4.0;
        shown.push(app.visible_rows().len());
        // Asking again in the same frame checks nothing more.
        assert_eq!(app.visible_rows().len(), shown[shown.len() - 1]);
    }
    assert!(!app.view.qa_pending);
    let per_frame = virast::app::qa_cache::CHECKS_PER_FRAME;
    let total: usize = shown[2];
    assert_eq!(shown, [per_frame, 2 * per_frame, total]);
    assert_eq!(total, n, "every sentence has a finding");
}

/// The desk with the QA findings filter on shows the same rows after the same frames on
/// any machine.
#[test]
fn the_desk_with_the_qa_filter_settles_in_the_same_frames() {
    let n = 2 * virast::app::qa_cache::CHECKS_PER_FRAME + 100;
    let doc = Document::unsaved(project_with_findings(n));
    let mut h: Harness<'static, VirastApp> =
        common::harness_with(doc, settings("Mina", virast::app::Role::Editor));
    h.state_mut().view.filter.qa_findings = true;
    let mut pending = Vec::new();
    for _ in 0..4 {
        h.step();
        pending.push(h.state().view.qa_pending);
    }
    assert_eq!(pending, [true, true, false, false]);
}
