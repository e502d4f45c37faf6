//! Frames of the real review desk, headless (egui `Context::run_ui`, no GPU), at 100, 1,000
//! and 10,000 sentences, while scrolling, idle, and typing into a sentence with spell checking
//! on (one letter typed, then erased, so every frame changes the text and re-checks it), also
//! with a search filter active. The cost per frame should follow what is visible.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use egui::{Event, MouseWheelSource, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase, vec2};
use virast::app::{Document, Settings, VirastApp};
use virast::model::Project;

/// A project of `n` sentences cycled from the sample article, half of them translated.
fn project(n: usize) -> Project {
    let sample = Document::sample().project;
    let pieces = (0..n).map(|i| {
        let seg = &sample.segments[i % sample.segments.len()];
        let sep = if i % 4 == 3 { "\n" } else { " " };
        (seg.source.clone(), sep.to_owned())
    });
    let mut p = Project::new("bench", "", pieces, chrono::Utc::now());
    let stamp = virast::model::Stamp::now("bench");
    for i in (0..n).step_by(2) {
        p.set_target(i, "The English translation of this sentence, long enough to wrap once or twice in the column.", &stamp)
            .unwrap();
    }
    p
}

fn input(frame: u64, scroll: f32) -> RawInput {
    let mut events = vec![Event::PointerMoved(Pos2::new(400.0, 400.0))];
    if scroll != 0.0 {
        events.push(Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, scroll),
            phase: TouchPhase::Move,
            source: MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
    }
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
        time: Some(frame as f64 / 60.0),
        events,
        ..RawInput::default()
    }
}

/// One frame of the desk. The texture changes it hands out are dropped unapplied (there is no
/// GPU), which debug builds of epaint check for: cleared first, so `cargo test --benches`
/// runs the bench too.
fn run_frame(ctx: &egui::Context, app: &mut VirastApp, raw: RawInput) {
    let mut output = ctx.run_ui(raw, |ui| {
        virast::ui::frame_ui(app, ctx, ui);
    });
    output.textures_delta.clear();
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("desk_frame");
    for n in [100, 1_000, 10_000] {
        let ctx = egui::Context::default();
        virast::fonts::install(&ctx);
        // No autosave during the measurement: it would write into the user's recovery folder.
        let settings = Settings {
            autosave_secs: u64::MAX,
            ..Settings::default()
        };
        let mut app = VirastApp::with_document(Document::unsaved(project(n)), settings);
        let mut frame = 0_u64;
        // Warm up fonts and the first screenful.
        for _ in 0..5 {
            frame += 1;
            run_frame(&ctx, &mut app, input(frame, 0.0));
        }
        group.bench_with_input(BenchmarkId::new("scrolling", n), &n, |b, _| {
            b.iter(|| {
                frame += 1;
                // Scroll down 40 points a frame: new rows keep coming into view.
                run_frame(&ctx, &mut app, input(frame, -40.0));
            });
        });
        group.bench_with_input(BenchmarkId::new("idle", n), &n, |b, _| {
            b.iter(|| {
                frame += 1;
                run_frame(&ctx, &mut app, input(frame, 0.0));
            });
        });
        // Back to the first sentence, with a misspelt word in it, its field focused.
        let stamp = virast::model::Stamp::now("bench");
        app.doc
            .project
            .set_target(
                0,
                "The goverment said the translation is long enough to wrap.",
                &stamp,
            )
            .unwrap();
        app.view.current = 0;
        app.view.scroll_to_current = true;
        app.view.focus_current = true;
        // The table scrolls back with egui's animation (up to a third of a second of frame
        // time); the field takes the focus once its row is drawn. Frames until then, bounded.
        let field = virast::ui::table::target_id(app.doc.project.segments[0].id);
        for _ in 0..120 {
            frame += 1;
            run_frame(&ctx, &mut app, input(frame, 0.0));
            if ctx.memory(egui::Memory::focused) == Some(field) {
                break;
            }
        }
        // The keys go to the first sentence's English field.
        assert_eq!(
            ctx.memory(egui::Memory::focused),
            Some(field),
            "the field has focus"
        );
        // The same typing with the spell check off, to see what checking costs, then with a
        // search in the find bar that half the sentences match (the rows shown and the matches
        // must follow the edit, not be searched again over the project).
        for (name, spell, search) in [
            ("typing", true, ""),
            ("typing without spell check", false, ""),
            ("typing with a search", true, "translation"),
        ] {
            app.spell.enabled = spell;
            search.clone_into(&mut app.view.filter.search);
            let (version, first_frame) = (app.doc.version, frame);
            group.bench_with_input(BenchmarkId::new(name, n), &n, |b, _| {
                b.iter(|| {
                    frame += 1;
                    let mut raw = input(frame, 0.0);
                    raw.events.push(if frame.is_multiple_of(2) {
                        Event::Text("s".to_owned())
                    } else {
                        Event::Key {
                            key: egui::Key::Backspace,
                            physical_key: None,
                            pressed: true,
                            repeat: false,
                            modifiers: egui::Modifiers::NONE,
                        }
                    });
                    run_frame(&ctx, &mut app, raw);
                });
            });
            // What was measured (unless filtered out) was typing: the keys reached the field
            // and changed the text.
            if frame > first_frame {
                assert_eq!(ctx.memory(egui::Memory::focused), Some(field), "{name}");
                assert!(app.doc.version > version, "{name}: the text changed");
            }
        }
    }
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
