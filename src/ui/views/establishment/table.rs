//! The post table: its columns, sorting, and one row a post, only the rows on screen laid out.

use super::{Names, SortBy, State, TOTALS_HELP};
use crate::document::Derived;
use crate::document::edit::Edit;
use crate::model::{Money, Plan, Post};
use crate::theme;
use crate::ui::command::Command;
use crate::ui::widgets;
use egui::{Align, DragValue, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use std::collections::{BTreeSet, HashMap};

/// The sortable columns, what matters most first (FTE, salary and status stay in view on a
/// laptop's screen beside the details; function, title and grade, also in the details, last).
/// The outcome sits after the first six.
pub(super) const COLUMNS: [(&str, SortBy); 9] = [
    ("Id", SortBy::Id),
    ("Council", SortBy::Council),
    ("Role", SortBy::Role),
    ("FTE", SortBy::Fte),
    ("Salary", SortBy::Salary),
    ("Status", SortBy::Status),
    ("Function", SortBy::Function),
    ("Title", SortBy::Title),
    ("Grade", SortBy::Grade),
];

pub(super) fn table_ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    state: &mut State,
    commands: &mut Vec<Command>,
) {
    if state.rows.is_empty() {
        ui.add_space(20.0);
        ui.label(if plan.posts.is_empty() {
            "No posts yet: import an establishment (File > Import establishment…), or add a council and its posts"
        } else {
            "No posts match the filters"
        });
        return;
    }
    let names = Names::of(plan);
    let palette = theme::palette(ui);
    // Text in the rows is not selectable, so a click on it selects the row.
    ui.style_mut().interaction.selectable_labels = false;
    let mut table = TableBuilder::new(ui)
        .id_salt("posts")
        .striped(true)
        .resizable(true)
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .sense(egui::Sense::click())
        .column(Column::exact(28.0))
        .column(Column::initial(100.0).at_least(60.0).clip(true))
        .column(Column::initial(105.0).at_least(50.0).clip(true))
        .column(Column::initial(150.0).at_least(60.0).clip(true))
        .column(Column::initial(64.0).at_least(50.0))
        .column(Column::initial(100.0).at_least(70.0))
        .column(Column::initial(70.0).at_least(60.0))
        .column(Column::initial(220.0).at_least(120.0).clip(true))
        .column(Column::initial(90.0).at_least(50.0).clip(true))
        .column(Column::initial(160.0).at_least(60.0).clip(true))
        .column(Column::remainder().at_least(90.0).clip(true));
    if let Some(target) = state.scroll_to.take()
        && let Some(row) = state.rows.iter().position(|&i| i == target)
    {
        table = table.scroll_to_row(row, Some(Align::Center));
    }
    let mut sort = state.sort;
    // Under the headings, the totals of the posts the filters show: always in view.
    let total = |by: SortBy| match by {
        SortBy::Id => Some(widgets::plural(state.rows.len(), "post")),
        SortBy::Fte => Some(crate::format::fte(state.shown_fte)),
        SortBy::Salary => Some(state.shown_pay.compact()),
        _ => None,
    };
    table
        .header(theme::ROW_HEIGHT * 2.0 + 4.0, |mut header| {
            header.col(|_| {});
            for (k, (name, by)) in COLUMNS.into_iter().enumerate() {
                if k == 6 {
                    header.col(|ui| {
                        ui.strong("Outcome").on_hover_text(
                            "What the scenario does with the post, and the package as the totals count it",
                        );
                    });
                }
                header.col(|ui| {
                    ui.vertical(|ui| {
                        ui.horizontal(|ui| {
                            if ui
                                .button(RichText::new(name).strong())
                                .on_hover_text(format!("Sort by {}", name.to_lowercase()))
                                .clicked()
                            {
                                sort = if sort.0 == by {
                                    (by, !sort.1)
                                } else {
                                    (by, false)
                                };
                            }
                            if sort.0 == by {
                                sort_arrow(ui, sort.1);
                            }
                        });
                        if let Some(total) = total(by) {
                            ui.strong(total).on_hover_text(TOTALS_HELP);
                        }
                    });
                });
            }
        })
        .body(|body| {
            body.rows(theme::ROW_HEIGHT, state.rows.len(), |mut row| {
                let Some(&i) = state.rows.get(row.index()) else {
                    return;
                };
                let Some(post) = plan.posts.get(i) else {
                    return;
                };
                row.set_selected(state.selected.contains(&i));
                row_ui(&mut row, i, post, &names, derived, palette, state, commands);
            });
        });
    if sort != state.sort {
        state.sort = sort;
        state.rebuild(plan);
    }
}

/// A small triangle: up for ascending, down for descending (drawn, as the bundled font has no
/// arrows).
/// A small triangle beside the sorted column's heading: up ascending, down descending.
pub(crate) fn sort_arrow(ui: &mut Ui, descending: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    let c = rect.center();
    let (h, w) = (4.0, 5.0);
    let points = if descending {
        vec![
            c + egui::vec2(-w, -h),
            c + egui::vec2(w, -h),
            c + egui::vec2(0.0, h),
        ]
    } else {
        vec![
            c + egui::vec2(-w, h),
            c + egui::vec2(w, h),
            c + egui::vec2(0.0, -h),
        ]
    };
    let colour = ui.visuals().strong_text_color();
    ui.painter().add(egui::Shape::convex_polygon(
        points,
        colour,
        egui::Stroke::NONE,
    ));
}

#[expect(
    clippy::too_many_arguments,
    reason = "one table row reads all of these"
)]
pub(super) fn row_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    i: usize,
    post: &Post,
    names: &Names<'_>,
    derived: &Derived,
    palette: theme::Palette,
    state: &mut State,
    commands: &mut Vec<Command>,
) {
    row.col(|ui| {
        let mut on = state.selected.contains(&i);
        if ui
            .checkbox(&mut on, "")
            .accessible_name(format!("Select {}", post.id))
            .on_hover_text("Select this post")
            .changed()
        {
            if on {
                state.selected.insert(i);
            } else {
                state.selected.remove(&i);
            }
        }
    });
    row.col(|ui| {
        let problems = derived.post_problems(i, &post.id);
        let text = if problems.is_empty() {
            RichText::new(&post.id)
        } else {
            RichText::new(format!("! {}", post.id)).color(palette.error)
        };
        let r = ui.selectable_label(state.focus == Some(i), text);
        let r = if problems.is_empty() {
            r
        } else {
            let text = problems
                .iter()
                .map(|p| format!("{}: {}", p.field, p.message))
                .collect::<Vec<_>>()
                .join("\n");
            r.on_hover_text(text)
        };
        if r.clicked() {
            state.focus = Some(i);
            state.selected = BTreeSet::from([i]);
        }
    });
    let name = |map: &HashMap<&str, &str>, id: &str| {
        map.get(id)
            .map_or_else(|| format!("? {id}"), |n| (*n).to_owned())
    };
    row.col(|ui| {
        ui.label(name(&names.councils, &post.council));
    });
    row.col(|ui| {
        ui.label(name(&names.roles, &post.role));
    });
    row.col(|ui| {
        ui.push_id(("fte", i), |ui| {
            let mut v = post.fte;
            if ui
                .add(
                    DragValue::new(&mut v)
                        .range(0.01..=1.0)
                        .speed(0.01)
                        .fixed_decimals(2),
                )
                .accessible_name(format!("FTE of {}", post.id))
                .changed()
                && (v - post.fte).abs() > f64::EPSILON
            {
                let mut p = post.clone();
                p.fte = v;
                commands.push(Command::Edit(
                    Edit::post("change FTE", i, p).keyed(format!("post fte {i}")),
                ));
            }
        });
    });
    row.col(|ui| {
        ui.push_id(("salary", i), |ui| {
            let mut pounds = post.salary.as_pounds();
            if ui
                .add(widgets::pounds_value(
                    &mut pounds,
                    Money::pounds(10_000_000),
                    false,
                ))
                .accessible_name(format!("Salary of {}", post.id))
                .changed()
            {
                let mut p = post.clone();
                p.salary = Money::from_pounds_f64(pounds);
                if p.salary != post.salary {
                    commands.push(Command::Edit(
                        Edit::post("change salary", i, p).keyed(format!("post salary {i}")),
                    ));
                }
            }
        });
    });
    row.col(|ui| {
        ui.label(crate::format::post_status(post));
    });
    row.col(|ui| {
        ui.label(derived.post_outcome(i, post));
    });
    row.col(|ui| {
        ui.label(name(&names.functions, &post.function));
    });
    row.col(|ui| {
        ui.label(&post.title);
    });
    row.col(|ui| {
        ui.label(&post.grade);
    });
    // A click anywhere else on the row: Ctrl adds or removes it, Shift selects the rows from the
    // one in focus, a plain click shows it alone.
    if row.response().clicked() {
        let modifiers = row.response().ctx.input(|i| i.modifiers);
        state.click(i, modifiers);
    }
}
