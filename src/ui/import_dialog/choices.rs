//! The choices the dialog offers: each column's field, the units, the functions and roles, and where the posts go.

use super::ImportState;
use crate::import::establishment::Placement;
use crate::import::values::{DateOrder, FteUnit};
use crate::import::{Checked, Field, ImportKind, Use};
use crate::model::Plan;
use crate::theme;
use crate::ui::access::Showing as _;
use crate::ui::widgets;
use egui::{RichText, Ui};

/// The name of a column's use in the list.
pub(super) fn use_label(used: Use) -> &'static str {
    match used {
        Use::Field(f) => f.label(),
        Use::Private => "Personal data (not imported)",
        Use::Unused => "Not used",
    }
}

pub(super) fn columns_ui(ui: &mut Ui, state: &mut ImportState, checked: &Checked) -> bool {
    let Some(headings) = &checked.headings else {
        return false;
    };
    let mut changed = false;
    egui::Grid::new("import columns")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for (i, column) in headings.columns.iter().enumerate() {
                let label = ui.label(format!("{}: {}", column.letter, column.heading));
                let mut chosen = column.used;
                egui::ComboBox::from_id_salt(("import column", i))
                    .selected_text(use_label(column.used))
                    .width(220.0)
                    .show_ui(ui, |ui| {
                        for used in [Use::Unused, Use::Private]
                            .into_iter()
                            .chain(state.kind.fields().iter().map(|f| Use::Field(*f)))
                        {
                            crate::ui::access::option(ui, &mut chosen, used, use_label(used));
                        }
                    })
                    .response
                    .showing(use_label(column.used))
                    .labelled_by(label.id);
                ui.label(RichText::new(&column.why).weak());
                ui.end_row();
                if chosen != column.used {
                    state
                        .options
                        .mapping
                        .columns
                        .insert(column.heading.clone(), chosen);
                    changed = true;
                }
            }
        });
    if state.kind == ImportKind::Establishment {
        ui.add_space(6.0);
        changed |= units_ui(ui, state, checked);
    }
    changed
}

pub(super) fn units_ui(ui: &mut Ui, state: &mut ImportState, checked: &Checked) -> bool {
    let mut changed = false;
    let mapping = &mut state.options.mapping;
    egui::Grid::new("import units")
        .num_columns(3)
        .show(ui, |ui| {
            let (unit, why) = &checked.fte_unit;
            let options: Vec<_> = FteUnit::ALL
                .iter()
                .map(|u| (*u, u.label().to_owned()))
                .collect();
            if let Some(u) = widgets::choice(ui, "FTE given as", unit, &options) {
                mapping.fte_unit = Some(u);
                changed = true;
            }
            ui.label(RichText::new(why).weak());
            ui.end_row();
            if let Some(h) = widgets::number(
                ui,
                "Full-time hours",
                mapping.full_time_hours,
                1.0..=80.0,
                2,
            ) {
                mapping.full_time_hours = h;
                changed = true;
            }
            ui.label(RichText::new("a week, to turn hours into FTE").weak());
            ui.end_row();
            let options: Vec<_> = std::iter::once((None, "From the dates".to_owned()))
                .chain(
                    [DateOrder::DayFirst, DateOrder::MonthFirst]
                        .iter()
                        .map(|o| (Some(*o), o.label().to_owned())),
                )
                .collect();
            if let Some(o) = widgets::choice(ui, "Order of dates", &mapping.date_order, &options) {
                mapping.date_order = o;
                changed = true;
            }
            if checked.date_question {
                ui.colored_label(
                    theme::palette(ui).warning,
                    "Choose: every date could be read either way",
                );
            } else {
                ui.label("");
            }
            ui.end_row();
            let pivot = u32::from(mapping.two_digit_pivot);
            if let Some(p) =
                widgets::count(ui, "Two-digit years below this are 2000s", pivot, 0..=99)
            {
                mapping.two_digit_pivot = p.min(99) as u8;
                changed = true;
            }
            let p = u32::from(mapping.two_digit_pivot);
            let example = if p == 0 {
                "every two-digit year is in the 1900s".to_owned()
            } else {
                format!(
                    "so /{:02} is {} and /{p:02} is {}",
                    p - 1,
                    1999 + p,
                    1900 + p
                )
            };
            ui.label(RichText::new(example).weak());
            ui.end_row();
        });
    changed
}

pub(super) fn functions_ui(
    ui: &mut Ui,
    state: &mut ImportState,
    checked: &Checked,
    plan: &Plan,
) -> bool {
    let mut changed = false;
    let mut names: Vec<String> = plan.functions.iter().map(|f| f.name.clone()).collect();
    egui::Grid::new("import functions")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for group in &checked.functions {
                let shown = if group.value.is_empty() {
                    "(no function given)".to_owned()
                } else {
                    group.value.clone()
                };
                let label = ui.label(format!("{shown} ({})", widgets::plural(group.rows, "row")));
                let mut chosen = group.function.clone();
                let mut options = names.clone();
                if !options.contains(&group.value) && !group.value.is_empty() {
                    options.push(group.value.clone());
                }
                if !options.contains(&group.function) {
                    options.push(group.function.clone());
                }
                egui::ComboBox::from_id_salt(("import function", &group.value))
                    .selected_text(group.function.as_str())
                    .width(220.0)
                    .show_ui(ui, |ui| {
                        for name in &options {
                            let text = if names.contains(name) {
                                name.clone()
                            } else {
                                format!("New function: {name}")
                            };
                            crate::ui::access::option(ui, &mut chosen, name.clone(), text);
                        }
                    })
                    .response
                    .showing(group.function.as_str())
                    .labelled_by(label.id);
                ui.label(RichText::new(&group.why).weak());
                ui.end_row();
                if chosen != group.function {
                    state
                        .options
                        .mapping
                        .functions
                        .insert(group.value.clone(), chosen.clone());
                    if !names.contains(&chosen) {
                        names.push(chosen);
                    }
                    changed = true;
                }
            }
        });
    changed
}

/// The most titles listed in the roles section.
pub(super) const MAX_TITLES: usize = 400;

pub(super) fn roles_ui(ui: &mut Ui, state: &mut ImportState, checked: &Checked) -> bool {
    ui.label(
        RichText::new(
            "Titles that name the same job (case, punctuation, Snr and Senior) go to one role. Type the same role for two titles to merge them, or a new one to split a title out.",
        )
        .weak(),
    );
    let mut changed = false;
    let mut shown = 0;
    egui::Grid::new("import roles")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for group in &checked.roles {
                for (title, count) in &group.titles {
                    shown += 1;
                    if shown > MAX_TITLES {
                        return;
                    }
                    ui.label(&group.function);
                    let label = ui.label(format!("{title} ({count})"));
                    let text = state
                        .typing
                        .entry(title.clone())
                        .or_insert_with(|| group.role.clone());
                    // Sized, not desired: a grid's cell offers only last frame's column width.
                    let size = egui::vec2(260.0, ui.spacing().interact_size.y);
                    let r = ui
                        .add_sized(
                            size,
                            egui::TextEdit::singleline(text)
                                .id_salt(("import role", title.as_str())),
                        )
                        .labelled_by(label.id);
                    ui.label(
                        RichText::new(if group.new {
                            "new role"
                        } else {
                            "the plan's role"
                        })
                        .weak(),
                    );
                    ui.end_row();
                    if r.lost_focus() {
                        let typed = text.trim().to_owned();
                        if !typed.is_empty() && typed != group.role {
                            state.options.mapping.roles.insert(title.clone(), typed);
                            changed = true;
                        }
                        state.typing.remove(title);
                    } else if !r.has_focus() && *text != group.role {
                        // Not being typed into: show the role as checked.
                        text.clone_from(&group.role);
                    }
                }
            }
        });
    let titles: usize = checked.roles.iter().map(|g| g.titles.len()).sum();
    if titles > MAX_TITLES {
        ui.label(format!("and {} more titles", titles - MAX_TITLES));
    }
    changed
}

pub(super) fn destination_ui(
    ui: &mut Ui,
    state: &mut ImportState,
    checked: &Checked,
    plan: &Plan,
) -> bool {
    let mut changed = false;
    let has_council_column = checked
        .headings
        .as_ref()
        .is_some_and(|h| h.column_of(Field::Council).is_some());
    let options = &mut state.options;
    egui::Grid::new("import destination")
        .num_columns(2)
        .show(ui, |ui| {
            let label = widgets::setting_label(ui, "Council name");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut options.council)
                        .id_salt("import council name")
                        .desired_width(theme::LONG_FIELD_WIDTH)
                        .hint_text(if has_council_column {
                            "from the council column"
                        } else {
                            "the council these posts belong to"
                        }),
                )
                .labelled_by(label.id);
            ui.end_row();
            // Checked as it is typed: the check runs off the window's thread, and a newer one
            // replaces it.
            if r.changed() {
                changed = true;
            }
            if options.council.trim().is_empty()
                && let Some((row, name)) = &checked.council_in_title
            {
                ui.label("");
                if ui
                    .button(format!(
                        "Use \u{201c}{name}\u{201d} (row {row} of the file)"
                    ))
                    .clicked()
                {
                    options.council = name.clone();
                    changed = true;
                }
                ui.end_row();
            }
            if !plan.councils.is_empty() && !has_council_column {
                // Next month's extract goes to a council already in the plan: pick it.
                let options_list: Vec<(String, String)> =
                    std::iter::once((String::new(), "(a new council, named above)".to_owned()))
                        .chain(
                            plan.councils
                                .iter()
                                .map(|c| (c.name.clone(), c.name.clone())),
                        )
                        .collect();
                let current = if plan.councils.iter().any(|c| c.name == options.council) {
                    options.council.clone()
                } else {
                    String::new()
                };
                if let Some(name) =
                    widgets::choice(ui, "Or a council in the plan", &current, &options_list)
                {
                    if !name.is_empty() && options.placement == Placement::New {
                        options.placement = Placement::Replace;
                    }
                    options.council = name;
                    changed = true;
                }
                ui.end_row();
            }
            ui.label("Put the posts into");
            ui.horizontal(|ui| {
                for p in Placement::ALL {
                    if ui
                        .radio_value(&mut options.placement, p, p.label())
                        .changed()
                    {
                        changed = true;
                    }
                }
            });
            ui.end_row();
        });
    if checked.councils.iter().any(|c| c.new) {
        ui.label(
            RichText::new("A new council starts with these settings, assumed until you confirm them in the Councils view:")
                .color(theme::palette(ui).warning),
        );
        let d = &mut options.defaults;
        egui::Grid::new("import council defaults")
            .num_columns(2)
            .show(ui, |ui| {
                if let Some(v) =
                    widgets::percent(ui, "LGPS employer rate", d.lgps_employer_rate, 60.0)
                {
                    d.lgps_employer_rate = v;
                    changed = true;
                }
                ui.end_row();
                if let Some(v) =
                    widgets::number(ui, "VR multiplier", d.scheme.vr_multiplier, 1.0..=3.0, 2)
                {
                    d.scheme.vr_multiplier = v;
                    changed = true;
                }
                ui.end_row();
                if let Some(v) =
                    widgets::number(ui, "CR multiplier", d.scheme.cr_multiplier, 1.0..=3.0, 2)
                {
                    d.scheme.cr_multiplier = v;
                    changed = true;
                }
                ui.end_row();
                if let Some(v) =
                    widgets::number(ui, "Most weeks of pay", d.scheme.max_weeks, 0.0..=104.0, 1)
                {
                    d.scheme.max_weeks = v;
                    changed = true;
                }
                ui.end_row();
                if let Some(v) = widgets::count(
                    ui,
                    "Minimum service for VR (years)",
                    d.min_service_for_vr_years,
                    0..=10,
                ) {
                    d.min_service_for_vr_years = v;
                    changed = true;
                }
                ui.end_row();
            });
    }
    changed
}
