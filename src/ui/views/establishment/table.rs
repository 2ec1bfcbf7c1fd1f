//! The post table: its columns, sorting, and one row a post, only the rows on screen laid out.

use super::{Names, SortBy, State, TOTALS_HELP};
use crate::document::Derived;
use crate::document::edit::Edit;
use crate::model::{Money, Plan, Post};
use crate::theme;
use crate::ui::command::Command;
use crate::ui::{access, widgets};
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
    let at = state
        .focus
        .and_then(|f| state.rows.iter().position(|&i| i == f));
    let mut access = access::Table::begin(
        ui,
        "posts",
        "Posts",
        SCREEN_HEADINGS.map(str::to_owned).to_vec(),
        state.rows.len(),
        at,
    )
    .sortable();
    keys_ui(&access.keys, plan, state);
    let mut sort = state.sort;
    let mut heading_rects = Vec::new();
    let mut drawn = Vec::new();
    let ((), whole) = access.cells(ui, |ui| {
        table_body_ui(
            ui,
            plan,
            derived,
            state,
            (&names, palette),
            &mut sort,
            (&mut heading_rects, &mut drawn),
            commands,
        );
        access.name_resize_handles(ui, "posts");
    });
    for rect in heading_rects {
        access.heading_drawn(rect, None);
    }
    for (row, cells) in drawn {
        access.row_drawn(row, cells);
    }
    let rows = &state.rows;
    access.end(ui, whole, 1, |r, c| {
        rows.get(r)
            .and_then(|&i| plan.posts.get(i).map(|p| (i, p)))
            .map_or_else(String::new, |(i, post)| {
                cell_words(i, post, &names, derived, state.selected.contains(&i), c)
            })
    });
    if sort != state.sort {
        state.sort = sort;
        state.rebuild(plan);
    }
}

/// The columns as the screen shows them, headings first: the tick box, the sortable columns
/// with the outcome after the first six.
const SCREEN_HEADINGS: [&str; 11] = [
    "Selected", "Id", "Council", "Role", "FTE", "Salary", "Status", "Outcome", "Function", "Title",
    "Grade",
];

/// What sorting by a column of the screen sorts by (the tick box and outcome do not sort).
fn sort_of(column: usize) -> Option<SortBy> {
    match column {
        1..=6 => COLUMNS.get(column - 1).map(|c| c.1),
        8.. => COLUMNS.get(column - 2).map(|c| c.1),
        _ => None,
    }
}

/// A cell as assistive technology reads it.
fn cell_words(
    i: usize,
    post: &Post,
    names: &Names<'_>,
    derived: &Derived,
    selected: bool,
    column: usize,
) -> String {
    let name = |map: &HashMap<&str, &str>, id: &str| {
        map.get(id)
            .map_or_else(|| format!("unknown {id}"), |n| (*n).to_owned())
    };
    match column {
        0 => if selected { "selected" } else { "not selected" }.to_owned(),
        1 => {
            let problems = derived.post_problems(i, &post.id);
            if problems.is_empty() {
                post.id.clone()
            } else {
                format!("{}, {} problems", post.id, problems.len())
            }
        }
        2 => name(&names.councils, &post.council),
        3 => name(&names.roles, &post.role),
        4 => crate::format::fte(post.fte),
        5 => post.salary.full(),
        6 => crate::format::post_status(post).to_owned(),
        7 => derived.post_outcome(i, post),
        8 => name(&names.functions, &post.function),
        9 => post.title.clone(),
        _ => post.grade.clone(),
    }
}

/// What the table's keys asked for: the cursor's row is the post in focus (its details shown),
/// Space selects it or not, Enter on a heading sorts.
fn keys_ui(keys: &access::Keys, plan: &Plan, state: &mut State) {
    if let Some(i) = keys
        .moved_to
        .or(keys.open)
        .and_then(|r| state.rows.get(r).copied())
    {
        state.focus = Some(i);
        state.selected = BTreeSet::from([i]);
        state.scroll_to = Some(i);
    }
    if let Some(i) = keys.toggle.and_then(|r| state.rows.get(r).copied())
        && !state.selected.remove(&i)
    {
        state.selected.insert(i);
    }
    if let Some(by) = keys.sort.and_then(sort_of) {
        state.sort = if state.sort.0 == by {
            (by, !state.sort.1)
        } else {
            (by, false)
        };
        state.rebuild(plan);
    }
}

/// The table as egui_extras draws it, noting where each heading and drawn row's cells are.
#[expect(
    clippy::too_many_arguments,
    reason = "the table reads all of these and notes where it drew"
)]
fn table_body_ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    state: &mut State,
    (names, palette): (&Names<'_>, theme::Palette),
    sort: &mut (SortBy, bool),
    (heading_rects, drawn): (&mut Vec<egui::Rect>, &mut Vec<(usize, Vec<egui::Rect>)>),
    commands: &mut Vec<Command>,
) {
    let mut table = TableBuilder::new(ui)
        .id_salt("posts")
        .striped(true)
        .resizable(true)
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        // A click selects; the table itself, not each cell, is the keyboard's stop.
        .sense(egui::Sense::CLICK)
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
        table = table.scroll_to_row(row, None);
    }
    // Under the headings, the totals of the posts the filters show: always in view.
    let total = |by: SortBy| match by {
        SortBy::Id => Some(widgets::plural(state.rows.len(), "post")),
        SortBy::Fte => Some(crate::format::fte(state.shown_fte)),
        SortBy::Salary => Some(state.shown_pay.compact()),
        _ => None,
    };
    table
        .header(theme::ROW_HEIGHT * 2.0 + 4.0, |mut header| {
            heading_rects.push(
                header
                    .col(|ui| {
                        ui.allocate_space(ui.available_size());
                    })
                    .0,
            );
            for (k, (name, by)) in COLUMNS.into_iter().enumerate() {
                if k == 6 {
                    heading_rects.push(
                        header
                            .col(|ui| {
                                ui.strong("Outcome").on_hover_text(
                                    "What the scenario does with the post, and the package as the totals count it",
                                );
                            })
                            .0,
                    );
                }
                let (rect, _) = header.col(|ui| {
                    ui.vertical(|ui| {
                        ui.horizontal(|ui| {
                            if ui
                                .button(RichText::new(name).strong())
                                .on_hover_text(format!("Sort by {}", name.to_lowercase()))
                                .clicked()
                            {
                                *sort = if sort.0 == by {
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
                heading_rects.push(rect);
            }
        })
        .body(|body| {
            body.rows(theme::ROW_HEIGHT, state.rows.len(), |mut row| {
                let index = row.index();
                let Some(&i) = state.rows.get(index) else {
                    return;
                };
                let Some(post) = plan.posts.get(i) else {
                    return;
                };
                row.set_selected(state.selected.contains(&i));
                let cells = row_ui(&mut row, i, post, names, derived, palette, state, commands);
                drawn.push((index, cells));
            });
        });
}

/// A cell of plain text; where it is.
fn label_cell(
    row: &mut egui_extras::TableRow<'_, '_>,
    text: impl Into<egui::WidgetText>,
) -> egui::Rect {
    row.col(|ui| {
        ui.label(text);
    })
    .0
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
) -> Vec<egui::Rect> {
    let mut cells = Vec::with_capacity(SCREEN_HEADINGS.len());
    cells.push(
        row.col(|ui| {
            access::hidden(ui);
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
        })
        .0,
    );
    cells.push(
        row.col(|ui| {
            access::hidden(ui);
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
        })
        .0,
    );
    let name = |map: &HashMap<&str, &str>, id: &str| {
        map.get(id)
            .map_or_else(|| format!("? {id}"), |n| (*n).to_owned())
    };
    cells.push(label_cell(row, name(&names.councils, &post.council)));
    cells.push(label_cell(row, name(&names.roles, &post.role)));
    cells.push(
        row.col(|ui| {
            access::hidden(ui);
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
        })
        .0,
    );
    cells.push(
        row.col(|ui| {
            access::hidden(ui);
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
        })
        .0,
    );
    cells.push(label_cell(row, crate::format::post_status(post)));
    cells.push(label_cell(row, derived.post_outcome(i, post)));
    cells.push(label_cell(row, name(&names.functions, &post.function)));
    cells.push(label_cell(row, &post.title));
    cells.push(label_cell(row, &post.grade));
    // A click anywhere else on the row: Ctrl adds or removes it, Shift selects the rows from the
    // one in focus, a plain click shows it alone.
    if row.response().clicked() {
        let modifiers = row.response().ctx.input(|i| i.modifiers);
        state.click(i, modifiers);
    }
    cells
}
