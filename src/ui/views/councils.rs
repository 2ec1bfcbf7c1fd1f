//! The Councils view: the list of councils and an editor for the one selected (name, colour,
//! redundancy scheme, LGPS rate, VR minimum service, cost-share weight).

use egui::{Grid, Ui};

use crate::model::{Colour, Council, Location, PayBasis, Plan};
use crate::ui::app::Derived;
use crate::ui::command::{Command, Kind};
use crate::ui::edit::{self, Edit};
use crate::ui::{theme, widgets};

/// Draws the council list and the selected council's editor.
pub fn ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    selected: &mut Option<String>,
    commands: &mut Vec<Command>,
) {
    ui.heading("Councils");
    ui.horizontal(|ui| {
        if ui.button("Add council").clicked() {
            let edit = edit::add_council(plan);
            if let Some(crate::ui::edit::Patch::Councils(c)) = edit.patches.first() {
                *selected = c.last().map(|c| c.id.clone());
            }
            commands.push(Command::Edit(edit));
        }
    });
    ui.add_space(8.0);
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(280.0);
            for (i, c) in plan.councils.iter().enumerate() {
                let posts = derived.council_posts.get(i).copied().unwrap_or_default();
                ui.horizontal(|ui| {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                    ui.painter()
                        .rect_filled(rect, 2.0, theme::council_colour(c.colour));
                    let on = selected.as_deref() == Some(c.id.as_str());
                    if ui
                        .selectable_label(on, format!("{} ({posts} posts)", c.name))
                        .clicked()
                    {
                        *selected = Some(c.id.clone());
                    }
                });
            }
            if plan.councils.is_empty() {
                ui.label("No councils yet");
            }
        });
        ui.separator();
        let Some((index, council)) = selected
            .as_deref()
            .and_then(|id| plan.councils.iter().enumerate().find(|(_, c)| c.id == id))
        else {
            ui.label("Choose a council to edit it");
            return;
        };
        ui.vertical(|ui| editor_ui(ui, plan, derived, index, council, commands));
    });
}

fn editor_ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    index: usize,
    council: &Council,
    commands: &mut Vec<Command>,
) {
    let problems = derived.problems_at(&Location::Council(council.id.clone()));
    let mut c = council.clone();
    let mut what = None;
    Grid::new(("council editor", &council.id))
        .num_columns(2)
        .spacing([16.0, 8.0])
        .show(ui, |ui| {
            if let Some(v) = widgets::long_text(ui, "Council name", &c.name) {
                c.name = v;
                what = Some("rename council");
            }
            ui.end_row();
            widgets::problems(ui, &problems, "name");
            if let Some(v) = widgets::text(ui, "Short name", &c.short_name) {
                c.short_name = v;
                what = Some("change short name");
            }
            ui.end_row();
            widgets::problems(ui, &problems, "short_name");
            ui.label("Colour");
            let mut rgb = c.colour.0;
            if ui.color_edit_button_srgb(&mut rgb).changed() {
                c.colour = Colour(rgb);
                what = Some("change colour");
            }
            ui.end_row();
            let bases = [
                (PayBasis::Capped, "Statutory cap on a week's pay".to_owned()),
                (PayBasis::Actual, "Actual week's pay".to_owned()),
            ];
            if let Some(v) = widgets::choice(ui, "Pay basis", &c.scheme.pay_basis, &bases) {
                c.scheme.pay_basis = v;
                what = Some("change pay basis");
            }
            ui.end_row();
            if let Some(v) =
                widgets::number(ui, "VR multiplier", c.scheme.vr_multiplier, 1.0..=10.0, 2)
            {
                c.scheme.vr_multiplier = v;
                what = Some("change VR multiplier");
            }
            ui.end_row();
            widgets::problems(ui, &problems, "vr_multiplier");
            if let Some(v) =
                widgets::number(ui, "CR multiplier", c.scheme.cr_multiplier, 1.0..=10.0, 2)
            {
                c.scheme.cr_multiplier = v;
                what = Some("change CR multiplier");
            }
            ui.end_row();
            widgets::problems(ui, &problems, "cr_multiplier");
            if let Some(v) =
                widgets::number(ui, "Most weeks paid", c.scheme.max_weeks, 0.0..=104.0, 1)
            {
                c.scheme.max_weeks = v;
                what = Some("change most weeks paid");
            }
            ui.end_row();
            widgets::problems(ui, &problems, "max_weeks");
            if let Some(v) = widgets::percent(ui, "LGPS employer rate", c.lgps_employer_rate, 60.0)
            {
                c.lgps_employer_rate = v;
                what = Some("change LGPS rate");
            }
            ui.end_row();
            widgets::problems(ui, &problems, "lgps_employer_rate");
            if let Some(v) = widgets::count(
                ui,
                "Minimum service for VR (years)",
                c.min_service_for_vr_years,
                0..=45,
            ) {
                c.min_service_for_vr_years = v;
                what = Some("change minimum service for VR");
            }
            ui.end_row();
            if let Some(v) = widgets::number(
                ui,
                "Cost-share weight",
                c.cost_share_weight,
                0.0..=1000.0,
                2,
            ) {
                c.cost_share_weight = v;
                what = Some("change cost-share weight");
            }
            ui.end_row();
            widgets::problems(ui, &problems, "cost_share_weight");
        });
    // Problems with fields not shown above (for example a duplicate id).
    for p in problems.iter().filter(|p| !SHOWN.contains(&p.field)) {
        ui.colored_label(
            theme::warning(ui.visuals().dark_mode),
            format!("Warning: {}: {}", p.field, p.message),
        );
    }
    ui.add_space(12.0);
    if ui.button("Delete council…").clicked() {
        commands.push(Command::Delete(Kind::Council, council.id.clone()));
    }
    if let Some(what) = what {
        let mut councils = plan.councils.clone();
        if let Some(slot) = councils.get_mut(index) {
            *slot = c;
        }
        commands.push(Command::Edit(
            Edit::councils(what, councils).keyed(format!("council {what} {}", council.id)),
        ));
    }
}

const SHOWN: [&str; 7] = [
    "name",
    "short_name",
    "vr_multiplier",
    "cr_multiplier",
    "max_weeks",
    "lgps_employer_rate",
    "cost_share_weight",
];
