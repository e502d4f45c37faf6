//! Help > About Virast: the version and the licences and credits of what Virast ships.

use egui_kittest::kittest::Queryable;
use virast::app::{Dialog, Document};

use crate::common::{editor_settings, harness_with};

#[test]
fn about_opens_from_the_help_menu_with_the_version_and_the_credits() {
    let mut h = harness_with(Document::sample(), editor_settings());
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("About Virast").click();
    h.run();
    assert!(matches!(h.state().dialog, Some(Dialog::About)));
    h.get_by_label(&format!("Virast {}", env!("CARGO_PKG_VERSION")));
    h.get_by_label_contains("Persian font: Vazirmatn");
    h.get_by_label_contains("SIL Open Font License 1.1");
    h.get_by_label_contains("Hunspell dictionaries");
    h.get_by_label_contains("MIT or Apache-2.0");
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().dialog.is_none());
}
