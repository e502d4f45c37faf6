//! A window showing the sample article (and the mixed test sentences) in `PersianText`, to
//! look at the layout by eye and to take `docs/screenshot-persian.png`.

use eframe::egui;
use virast::fonts;
use virast::rtl::PersianText;

const SAMPLE: &str = include_str!("../assets/khabarresa-police-counseling.fa.txt");
const MIXED: &str = include_str!("../tests/fixtures/rtl-mixed.fa.txt");

struct Preview;

impl eframe::App for Preview {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default_margins().show(ui, |ui| {
            ui.heading("Sample article (18 pt)");
            egui::ScrollArea::vertical().show(ui, |ui| {
                // Right-aligned text would otherwise sit under the floating scroll bar.
                egui::Frame::new()
                    .inner_margin(egui::Margin {
                        right: 12,
                        ..Default::default()
                    })
                    .show(ui, |ui| {
                        for paragraph in SAMPLE.lines() {
                            ui.add(PersianText::new(paragraph).size(18.0));
                            ui.add_space(8.0);
                        }
                        ui.separator();
                        ui.heading("Mixed sentences (16 pt)");
                        for sentence in MIXED.lines() {
                            ui.add(PersianText::new(sentence).size(16.0));
                            ui.add_space(4.0);
                        }
                    });
            });
        });
    }
}

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([960.0, 1180.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Virast Persian preview",
        options,
        Box::new(|cc| {
            fonts::install(&cc.egui_ctx);
            Ok(Box::new(Preview))
        }),
    )
}
