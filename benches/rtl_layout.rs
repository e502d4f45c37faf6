//! Layout of 1,000 Persian sentences (the sample article's sentences, numbered so that no two
//! are equal), at 16 pt in a 420 pt column.
//!
//! - `core`: bidi + line breaking alone, with a trivial measure;
//! - `cache/cold`: a new `PersianLayoutCache` and egui's galley cache flushed, so every word
//!   is shaped by harfrust: what the first frame of a new project costs;
//! - `cache/warm`: everything cached: the per-frame cost of 1,000 rows (cache lookup plus
//!   egui's galley-cache hit);
//! - `frame/*`: a whole egui frame with 1,000 `PersianText` widgets, warm, and with the
//!   Virast cache emptied before the frame (egui's own caches warm).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::epaint::text::{Fonts, TextOptions, ViewportKey};
use virast::fonts;
use virast::rtl::cache::PersianLayoutCache;
use virast::rtl::{PersianText, visual_lines};

const WIDTH: f32 = 420.0;
const SIZE: f32 = 16.0;

fn sentences() -> Vec<String> {
    let sample = include_str!("../assets/khabarresa-police-counseling.fa.txt");
    let base: Vec<String> = sample
        .split_inclusive(['.', ':', '\n'])
        .map(|s| s.trim().to_owned())
        .filter(|s| s.chars().count() > 10)
        .collect();
    (0..1000)
        .map(|i| {
            let number: String = i
                .to_string()
                .chars()
                .map(|d| char::from_u32(0x06F0 + d.to_digit(10).unwrap_or(0)).unwrap_or('۰'))
                .collect();
            format!("{number}) {}", base[i % base.len()])
        })
        .collect()
}

fn flush_egui_galleys(fonts: &mut Fonts) {
    let options = *fonts.options();
    // A pass keeps only what the previous pass used: two empty passes drop everything.
    fonts.begin_pass(options, ViewportKey::default());
    fonts.begin_pass(options, ViewportKey::default());
}

fn bench(c: &mut Criterion) {
    let sentences = sentences();
    let font_id = fonts::persian_font(SIZE, false);

    c.bench_function("core/visual_lines_1000", |b| {
        b.iter(|| {
            for s in &sentences {
                black_box(visual_lines(s, WIDTH / 8.0, &mut |p| p.len() as f32));
            }
        });
    });

    let mut group = c.benchmark_group("cache");
    group.sample_size(10);
    let mut fonts = Fonts::new(TextOptions::default(), fonts::definitions());
    group.bench_function("cold_1000", |b| {
        b.iter(|| {
            flush_egui_galleys(&mut fonts);
            let mut cache = PersianLayoutCache::default();
            let mut view = fonts.with_pixels_per_point(1.0);
            for s in &sentences {
                let job = cache.layout(&mut view, s, &font_id, WIDTH, 1.0);
                black_box(view.layout_job((*job).clone()));
            }
        });
    });
    let mut cache = PersianLayoutCache::default();
    group.bench_function("warm_1000", |b| {
        b.iter(|| {
            let mut view = fonts.with_pixels_per_point(1.0);
            for s in &sentences {
                let job = cache.layout(&mut view, s, &font_id, WIDTH, 1.0);
                black_box(view.layout_job((*job).clone()));
            }
        });
    });
    group.finish();

    let mut group = c.benchmark_group("frame");
    group.sample_size(10);
    let ctx = egui::Context::default();
    fonts::install(&ctx);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(WIDTH + 16.0, 100_000.0),
        )),
        ..Default::default()
    };
    let frame = |ctx: &egui::Context| {
        ctx.run_ui(input(), |ui| {
            for s in &sentences {
                ui.add(PersianText::new(s).size(SIZE));
            }
        })
    };
    black_box(frame(&ctx));
    group.bench_function("1000_widgets_warm", |b| b.iter(|| black_box(frame(&ctx))));
    group.bench_function("1000_widgets_virast_cache_empty", |b| {
        b.iter(|| {
            ctx.memory_mut(|m| {
                *m.caches.cache::<PersianLayoutCache>() = PersianLayoutCache::default();
            });
            black_box(frame(&ctx))
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
