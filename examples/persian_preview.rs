//! A window showing the sample article in `PersianText`, to look at the layout by eye
//! (and to take `docs/screenshot-persian.png`).

use eframe::egui;
use virast::fonts;
use virast::rtl::PersianText;

const SAMPLE: &str = include_str!("../assets/khabarresa-police-counseling.fa.txt");

struct Preview;

impl eframe::App for Preview {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default_margins().show(ui, |ui| {
            ui.heading("Persian preview: khabarresa-police-counseling.fa.txt");
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                for paragraph in SAMPLE.lines() {
                    ui.add(PersianText::new(paragraph).size(18.0));
                    ui.add_space(8.0);
                }
            });
        });
    }
}

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([900.0, 760.0]),
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
