//! The sentence table: one row per sentence, only visible rows laid out.
//!
//! Row heights are cached per segment and invalidated on edit or width change; rows that were
//! never drawn use the running average, so the cost per frame grows with what is visible, not
//! with the project.

use std::ops::Range;

use egui::{
    Align, Color32, Id, Layout, Rect, RichText, ScrollArea, Sense, TextEdit, UiBuilder, vec2,
};

use crate::app::{Action, Command, VirastApp};
use crate::ui::spelling;
use crate::ui::theme::{Palette, status_icon};

/// Id of the English text field of a segment, for focus handling and tests.
pub fn target_id(segment: crate::model::SegmentId) -> Id {
    Id::unique(("virast-target", segment.0))
}

/// Id of the Persian source text of a segment (its selection is kept by this id).
pub fn source_id(segment: crate::model::SegmentId) -> Id {
    Id::unique(("virast-source", segment.0))
}

const NUMBER_WIDTH: f32 = 64.0;
const GUTTER: f32 = 16.0;
const ROW_PAD: f32 = 6.0;

/// Draw the table into the remaining space.
pub fn table_ui(app: &mut VirastApp, ui: &mut egui::Ui) {
    let rows = app.visible_rows().to_vec();
    if rows.is_empty() {
        ui.centered_and_justified(|ui| {
            ui.label(if app.doc.project.segments.is_empty() {
                "This project has no sentences."
            } else {
                "No sentence matches the filter."
            });
        });
        return;
    }
    let width = ui.available_width();
    let n_segments = app.doc.project.segments.len();
    app.row_heights.set_width(width, n_segments);
    let estimate = app.row_heights.estimate();
    let mut tops = Vec::with_capacity(rows.len() + 1);
    let mut y = 0.0_f32;
    for &i in &rows {
        tops.push(y);
        y += app.row_heights.get(i, estimate);
    }
    tops.push(y);
    let total = y;

    let current_pos = rows.iter().position(|&i| i == app.view.current);
    let palette = Palette::new(app.settings.theme);
    let query = crate::search::Query::new(&app.view.filter.search);
    let current_match = app.find_matches().current_match().cloned();
    let find = Find {
        query: &query,
        current: current_match.as_ref(),
        palette,
    };
    let mut remeasured = false;

    ScrollArea::vertical()
        .id_salt("sentence-table")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            ui.set_height(total);
            let origin = ui.min_rect().min;
            if app.view.scroll_to_current {
                app.view.scroll_to_current = false;
                if let Some(k) = current_pos {
                    let rect = Rect::from_min_size(
                        origin + vec2(0.0, tops[k]),
                        vec2(width, tops[k + 1] - tops[k]),
                    );
                    ui.scroll_to_rect(rect, None);
                }
            }
            let first = tops
                .partition_point(|&t| t < viewport.min.y)
                .saturating_sub(1);
            for k in first..rows.len() {
                if tops[k] > viewport.max.y {
                    break;
                }
                let index = rows[k];
                let assumed = tops[k + 1] - tops[k];
                let rect = Rect::from_min_size(origin + vec2(0.0, tops[k]), vec2(width, assumed));
                let height = row_ui(app, ui, index, k, rect, &find);
                remeasured |= app.row_heights.set(index, height, assumed);
            }
        });
    if remeasured {
        // Rows below a re-measured row moved. Run the pass again at once (egui takes the input
        // only in the first pass) so the stale positions are never shown; if egui declines
        // another pass, the next frame corrects them.
        ui.ctx().request_discard("sentence row heights measured");
        ui.ctx().request_repaint();
    }
}

/// What the search highlights in the rows.
struct Find<'a> {
    query: &'a crate::search::Query,
    current: Option<&'a crate::app::FindMatch>,
    palette: Palette,
}

impl Find<'_> {
    /// The matches in one text of sentence `index`, each with its background colour.
    fn highlights(
        &self,
        index: usize,
        in_source: bool,
        text: &str,
    ) -> Vec<(Range<usize>, Color32)> {
        self.query
            .find_all(text)
            .into_iter()
            .map(|range| {
                let current = self.current.is_some_and(|m| {
                    m.segment == index && m.in_source == in_source && m.range == range
                });
                let color = if current {
                    self.palette.find_current()
                } else {
                    self.palette.find_match()
                };
                (range, color)
            })
            .collect()
    }
}

/// One sentence row. Returns its measured height.
fn row_ui(
    app: &mut VirastApp,
    ui: &mut egui::Ui,
    index: usize,
    stripe: usize,
    rect: Rect,
    find: &Find<'_>,
) -> f32 {
    let palette = find.palette;
    let is_current = index == app.view.current;
    let seg = &app.doc.project.segments[index];
    let seg_id = seg.id;
    let status = seg.status;
    let open_comments = seg.open_comments();
    let history_len = seg.history.len();
    let corrected = seg.original_source.is_some();
    let conflict = seg.conflict.is_some();
    let alignment = seg
        .alignment_confidence
        .filter(|_| crate::app::translation::needs_alignment_check(seg));
    let ends_paragraph = seg.ends_paragraph();
    let offer_merge = crate::app::translation::offer_merge_with_previous(&app.doc.project, index);
    let source = seg.source.clone();
    let mut target = seg.target.clone();
    let qa_findings = app.qa.findings(&app.doc.project, index).to_vec();
    let open_findings: Vec<_> = qa_findings.iter().filter(|f| !f.ignored).collect();

    let bg = if is_current {
        Some(palette.current_row())
    } else if stripe % 2 == 1 {
        Some(palette.stripe())
    } else {
        None
    };
    if let Some(bg) = bg {
        ui.painter().rect_filled(rect, 4.0, bg);
    }
    if conflict {
        // A bar down the row's left edge; the "conflict" marker below says it in words.
        let bar = Rect::from_min_size(rect.min, vec2(3.0, rect.height()));
        ui.painter().rect_filled(bar, 1.0, palette.conflict());
    }

    // Clicking anywhere else in the row selects it.
    // Registered before the cells so that the cells, added later, lie on top of it.
    let row_click = ui.interact(rect, Id::unique(("row", seg_id.0)), Sense::click());
    if row_click.clicked() {
        app.act(Action::Select(index));
    }
    if row_click.secondary_clicked() {
        app.act(Action::Select(index));
    }
    row_click.context_menu(|ui| {
        for cmd in ROW_COMMANDS {
            if ui.button(cmd.label()).clicked() {
                app.act(Action::Select(index));
                app.act(Action::Command(cmd));
            }
        }
    });
    let inner = rect.shrink2(vec2(4.0, ROW_PAD / 2.0));
    let text_w = ((inner.width() - NUMBER_WIDTH - GUTTER) / 2.0).max(80.0);
    let number_rect = Rect::from_min_size(inner.min, vec2(NUMBER_WIDTH, inner.height()));
    let left_rect = Rect::from_min_size(
        inner.min + vec2(NUMBER_WIDTH, 0.0),
        vec2(text_w, inner.height()),
    );
    let right_rect = Rect::from_min_size(
        inner.min + vec2(NUMBER_WIDTH + text_w + GUTTER, 0.0),
        vec2(text_w, inner.height()),
    );
    let (persian_rect, english_rect) = if app.settings.swap_columns {
        (right_rect, left_rect)
    } else {
        (left_rect, right_rect)
    };

    // Number, status, indicators.
    // Heights are measured from the bottoms of the widgets themselves: a scope's own rect can
    // be as tall as the rect it was given, which would freeze a row at its estimated height.
    let mut bottom = inner.top();
    let number = ui.scope_builder(
        UiBuilder::new()
            .max_rect(number_rect)
            .layout(Layout::top_down(Align::Min)),
        |ui| {
            ui.label(RichText::new(format!("{}", index + 1)).strong());
            ui.label(
                RichText::new(format!("{} {}", status_icon(status), short_status(status)))
                    .color(palette.status(status))
                    .small(),
            )
            .on_hover_text(status.label());
            if conflict {
                let marker = ui
                    .label(
                        RichText::new("⚡ conflict")
                            .small()
                            .strong()
                            .color(palette.conflict()),
                    )
                    .on_hover_text(
                        "Merge conflict: both of you changed this sentence. Choose a version in the side panel",
                    );
                marker.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::accesskit::Role::Image,
                        true,
                        format!("Merge conflict on sentence {}", index + 1),
                    )
                });
            }
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 4.0;
                if open_comments > 0 {
                    ui.label(RichText::new(format!("💬{open_comments}")).small())
                        .on_hover_text(format!("{open_comments} open comment(s)"));
                }
                if history_len > 0 {
                    ui.label(
                        RichText::new(format!("⟲{history_len}"))
                            .small()
                            .color(palette.weak()),
                    )
                    .on_hover_text(format!("{history_len} change(s) in the history"));
                }
                if corrected {
                    let icon = ui
                        .label(RichText::new("src").small().color(palette.weak()))
                        .on_hover_text("The Persian source was corrected (see the history)");
                    icon.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::accesskit::Role::Image,
                            true,
                            format!("Source of sentence {} corrected", index + 1),
                        )
                    });
                }
                if let Some(confidence) = alignment {
                    let icon = ui
                        .label(RichText::new("align").small().color(palette.warning()))
                        .on_hover_text(format!(
                            "Check the alignment: the importer was {confidence}% sure this English belongs here. Alt+Up pulls the next row's first sentence up, Alt+Down pushes the last one down"
                        ));
                    icon.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::accesskit::Role::Image,
                            true,
                            format!("Check the alignment of sentence {}", index + 1),
                        )
                    });
                }
                if !open_findings.is_empty() {
                    let tip = open_findings
                        .iter()
                        .map(|f| format!("• {}", f.finding.message))
                        .collect::<Vec<_>>()
                        .join("\n");
                    let icon = ui
                        .label(RichText::new("⚠").color(palette.warning()))
                        .on_hover_text(tip);
                    icon.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::accesskit::Role::Image,
                            true,
                            format!("QA warnings on sentence {}", index + 1),
                        )
                    });
                }
            })
            .response
            .rect
            .bottom()
        },
    );
    bottom = bottom.max(number.inner);

    // Persian source, right-aligned, read-only.
    let source_highlights = find.highlights(index, true, &source);
    let persian = ui.scope_builder(UiBuilder::new().max_rect(persian_rect), |ui| {
        ui.add(
            crate::rtl::PersianText::new(&source)
                .size(app.settings.persian_size)
                .highlights(&source_highlights)
                .selectable(true)
                .id(source_id(seg_id)),
        )
    });
    bottom = bottom.max(persian.inner.rect.bottom());
    if persian.inner.clicked() {
        app.act(Action::Select(index));
    }

    // English target, misspelt words underlined by its layouter. The check is cached per
    // segment and text, so typing re-checks only this sentence.
    let id = target_id(seg_id);
    // Tab from the current English field goes to the side panel's controls, not to the
    // next row's field (which would also make that row current): stop egui's own move.
    let tab_to_side = app.view.side_first_control.filter(|_| {
        is_current
            && ui.memory(|m| m.has_focus(id))
            && ui.input(|i| i.key_pressed(egui::Key::Tab) && i.modifiers.is_none())
    });
    if tab_to_side.is_some() {
        ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
    let spell_on = app.spell.enabled;
    let font = egui::FontId::proportional(app.settings.english_size);
    let mut misspelt: Vec<std::ops::Range<usize>> = Vec::new();
    let english = ui.scope_builder(UiBuilder::new().max_rect(english_rect), |ui| {
        let spell = &mut app.spell;
        let mut layouter = |ui: &egui::Ui, buf: &dyn egui::TextBuffer, wrap_width: f32| {
            let text = buf.as_str();
            misspelt = if spell_on {
                spell.misspelt(seg_id, &source, text).to_vec()
            } else {
                Vec::new()
            };
            let highlights = find.highlights(index, false, text);
            let style = spelling::EnglishStyle {
                font: font.clone(),
                color: ui.visuals().text_color(),
                underline: palette.misspelt(),
                wrap_width,
                line_height: ui.fonts_mut(|f| f.row_height(&font))
                    + ui.spacing().extra_text_line_spacing,
            };
            let job = spelling::english_job(text, &misspelt, &highlights, &style);
            ui.fonts_mut(|f| f.layout_job(job))
        };
        let output = TextEdit::multiline(&mut target)
            .id(id)
            .desired_width(english_rect.width())
            .desired_rows(1)
            .hint_text(if status == crate::model::Status::Untranslated {
                "Type the English translation…"
            } else {
                ""
            })
            .font(font.clone())
            .layouter(&mut layouter)
            .show(ui);
        let mut merge = None;
        if offer_merge {
            // One English sentence for two Persian ones (a 2:1 pair of an import): offer to
            // make them one sentence, as the translator did.
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "No English of its own: the English of sentence {index} seems to cover it too."
                    ))
                    .small()
                    .color(palette.warning()),
                );
                let button = ui
                    .small_button(Command::MergeWithPrevious.label())
                    .on_hover_text(Command::MergeWithPrevious.tooltip());
                button.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::accesskit::Role::Button,
                        true,
                        format!("Merge sentence {} with sentence {index}", index + 1),
                    )
                });
                merge = Some(button);
            });
        }
        // A stock field shows Persian (a name pasted in Persian script) in the wrong order:
        // the preview under it shows how it reads.
        crate::ui::rtl_preview(ui, &target, "Reads as:");
        (output, merge, ui.min_rect().bottom())
    });
    let (output, merge, english_bottom) = english.inner;
    spelling_menu(app, index, &target, &misspelt, &output, is_current);
    let response = output.response.response;
    if let Some(merge) = merge {
        bottom = bottom.max(merge.rect.bottom());
        if merge.clicked() {
            app.act(Action::Select(index));
            app.act(Action::Command(Command::MergeWithPrevious));
        }
    }
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_label(format!("English translation of sentence {}", index + 1));
    });
    bottom = bottom.max(response.rect.bottom()).max(english_bottom);
    if response.changed() {
        app.act(Action::SetTarget(index, target));
    }
    if response.gained_focus() && !is_current {
        app.act(Action::Select(index));
    }
    if let Some(side) = tab_to_side {
        ui.memory_mut(|m| m.request_focus(side));
    }
    if is_current && app.view.focus_current {
        app.view.focus_current = false;
        response.request_focus();
    }

    let height = bottom - rect.top() + ROW_PAD / 2.0 + if ends_paragraph { 14.0 } else { 0.0 };
    if ends_paragraph {
        let y = rect.top() + height - 7.0;
        ui.painter().hline(
            rect.x_range(),
            y,
            egui::Stroke::new(1.0, palette.weak().gamma_multiply(0.5)),
        );
    }
    height
}

/// Opens the spelling menu of the word under a right-click, or at the caret on Ctrl+. , and
/// shows it (a right-click elsewhere in the field offers the row's commands).
fn spelling_menu(
    app: &mut VirastApp,
    index: usize,
    target: &str,
    misspelt: &[std::ops::Range<usize>],
    output: &egui::text_edit::TextEditOutput,
    is_current: bool,
) {
    let response = &output.response.response;
    let menu_at = |char_index: usize| {
        let byte = spelling::byte_of_char(target, char_index);
        crate::app::spell::range_at(misspelt, byte).map(|range| {
            let word = target[range.clone()].to_owned();
            crate::app::spell::SpellMenu {
                index,
                suggestions: app.spell.speller().suggest(&word, 7),
                word,
                range,
            }
        })
    };
    let mut keyboard_at = None;
    if response.secondary_clicked() {
        let menu = response.interact_pointer_pos().and_then(|pos| {
            menu_at(
                output
                    .galley
                    .cursor_from_pos(pos - output.galley_pos)
                    .index
                    .0,
            )
        });
        app.view.spell_menu = menu;
    } else if is_current && app.view.spell_at_caret {
        app.view.spell_at_caret = false;
        let caret = output
            .cursor_range
            .map_or(target.chars().count(), |r| r.primary.index.0);
        match menu_at(caret) {
            Some(menu) => {
                let rect = output
                    .galley
                    .pos_from_cursor(egui::text::CCursor::new(caret));
                keyboard_at = Some(output.galley_pos + rect.left_bottom().to_vec2());
                app.view.spell_menu = Some(menu);
            }
            None => app.notice("No misspelt word at the caret."),
        }
    }
    egui::Popup::context_menu(response).show(|ui| menu_content(app, ui, index));
    // Ctrl+. : the same menu under the word at the caret, in a popup of its own (a context
    // menu is anchored at the pointer).
    let at_caret = response.id.with("spelling-at-caret");
    let ctx = response.ctx.clone();
    if let Some(pos) = keyboard_at {
        ctx.data_mut(|d| d.insert_temp(at_caret, pos));
        egui::Popup::open_id(&ctx, at_caret);
    }
    if egui::Popup::is_id_open(&ctx, at_caret)
        && let Some(pos) = ctx.data(|d| d.get_temp::<egui::Pos2>(at_caret))
    {
        egui::Popup::new(at_caret, ctx.clone(), pos, response.layer_id)
            .kind(egui::PopupKind::Menu)
            .layout(Layout::top_down_justified(Align::Min))
            .style(egui::containers::menu::menu_style)
            .open_memory(None)
            .show(|ui| menu_content(app, ui, index));
    }
}

/// The spelling menu of the word it was opened on, or the row's commands.
fn menu_content(app: &mut VirastApp, ui: &mut egui::Ui, index: usize) {
    let menu = app.view.spell_menu.clone().filter(|m| m.index == index);
    if let Some(menu) = menu {
        spelling::spell_menu_ui(app, ui, &menu);
    } else {
        for cmd in ROW_COMMANDS {
            if ui.button(cmd.label()).clicked() {
                app.act(Action::Select(index));
                app.act(Action::Command(cmd));
            }
        }
    }
}

/// Commands offered by a right-click on a row.
const ROW_COMMANDS: [Command; 8] = [
    Command::Comment,
    Command::SendBack,
    Command::Split,
    Command::MergeWithNext,
    Command::MergeWithPrevious,
    Command::CorrectSource,
    Command::PullSentenceUp,
    Command::PushSentenceDown,
];

fn short_status(status: crate::model::Status) -> &'static str {
    use crate::model::Status;
    match status {
        Status::Untranslated => "new",
        Status::Translated => "draft",
        Status::NeedsRevision => "revise",
        Status::Approved => "ok",
    }
}
