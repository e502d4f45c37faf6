//! Our text layout inside a window that sizes itself to its content (a modal dialog) settles:
//! once egui asks for no more frames, the next frame draws everything in the same place. A
//! layout that re-wraps at the width it reported itself moves the dialog one frame later,
//! without asking for that frame, so a click aimed at the last frame's button misses (the
//! desk test of replacing an export failed for one temporary folder name in ten).

use egui::{Id, Modal, Rect, Widget as _, vec2};
use egui_kittest::Harness;
use virast::rtl::MixedText;

/// Where the dialog's message and its button were drawn in the last frame.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Placed {
    message: Rect,
    button: Rect,
}

fn dialog(message: String) -> Harness<'static, Placed> {
    Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .with_context_setup(virast::fonts::install)
        .build_ui_state(
            move |ui, placed: &mut Placed| {
                Modal::new(Id::unique("dialog")).show(ui.ctx(), |ui| {
                    ui.heading("Replace the existing file?");
                    placed.message = MixedText::new(&message)
                        .direction(virast::rtl::Direction::Ltr)
                        .ui(ui)
                        .rect;
                    placed.button = ui.button("Replace").rect;
                });
            },
            Placed {
                message: Rect::NOTHING,
                button: Rect::NOTHING,
            },
        )
}

/// Folder names like the ones `tempfile` makes, from a fixed seed.
fn folder_names(n: usize) -> Vec<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..n)
        .map(|_| {
            let name: String = (0..6)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    let k = usize::try_from(state >> 33).unwrap() % ALPHABET.len();
                    char::from(ALPHABET[k])
                })
                .collect();
            format!("/tmp/.tmp{name}")
        })
        .collect()
}

#[test]
fn a_dialog_with_a_wrapped_message_is_still_after_it_settles() {
    let mut moved = Vec::new();
    for folder in folder_names(120) {
        let message = format!(
            "{folder}/notes.xlf already exists. Replace it with the XLIFF 2.0 export? The file that is there now is not kept."
        );
        let mut h = dialog(message);
        h.run();
        let settled = *h.state();
        h.step();
        if *h.state() != settled {
            moved.push((folder, settled, *h.state()));
        }
    }
    assert!(moved.is_empty(), "moved after settling: {moved:#?}");
}
