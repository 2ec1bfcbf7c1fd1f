//! The Councils view: the list of councils and an editor for the one selected (name, colour,
//! redundancy scheme, LGPS rate, VR minimum service, cost-share weight).

use egui::{Grid, Ui};

use crate::document::Derived;
use crate::document::edit::{self, Edit};
use crate::model::{Colour, Council, Location, PayBasis, PayPoint, Plan, WorkforceProfile};
use crate::theme;
use crate::ui::command::{Command, DeletionKind};
use crate::ui::widgets;

/// Draws the council list and the selected council's editor.
pub fn ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    selected: &mut Option<String>,
    commands: &mut Vec<Command>,
) {
    crate::ui::access::heading(ui, "Councils");
    ui.horizontal(|ui| {
        if ui.button("Add council").clicked() {
            let edit = edit::add_council(plan);
            if let Some(crate::document::edit::Patch::Councils(c)) = edit.patches.first() {
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
                    let assumed = if c.assumed { ", settings assumed" } else { "" };
                    if ui
                        .selectable_label(on, format!("{} ({posts} posts{assumed})", c.name))
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
        ui.vertical(|ui| {
            editor_ui(ui, plan, derived, index, council, commands);
            ui.add_space(12.0);
            crate::ui::review::comments_on(
                ui,
                plan,
                &crate::model::Topic::Council(council.id.clone()),
                commands,
            );
        });
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
    if council.assumed {
        // Settings a council was given by default stay marked until someone confirms them.
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                theme::palette(ui).warning,
                "Assumed: the LGPS rate, redundancy scheme and minimum service for VR were set by default. Check them against the council's policy, then confirm.",
            );
            if ui.button("Confirm these settings").clicked() {
                let mut confirmed = plan.councils.clone();
                if let Some(x) = confirmed.get_mut(index) {
                    x.assumed = false;
                }
                commands.push(Command::Edit(Edit::councils(
                    &format!("confirm {}'s settings", council.name),
                    confirmed,
                )));
            }
        });
        ui.add_space(6.0);
    }
    // The banner above says what "assumed" means and how to confirm: the form shows the rest.
    let problems: Vec<_> = problems
        .into_iter()
        .filter(|p| p.field != "assumed")
        .collect();
    let mut form = widgets::Form::new(&problems);
    Grid::new(("council editor", &council.id))
        .num_columns(2)
        .spacing([16.0, 8.0])
        .show(ui, |ui| {
            let new = widgets::long_text(ui, "Council name", &c.name);
            form.row(ui, "name", "rename council", new, |v| c.name = v);
            let new = widgets::text(ui, "Short name", &c.short_name);
            form.row(ui, "short_name", "change short name", new, |v| {
                c.short_name = v;
            });
            widgets::setting_label(ui, "Colour");
            let mut rgb = c.colour.0;
            let new = ui
                .color_edit_button_srgb(&mut rgb)
                .on_hover_text("The council's colour on every chart")
                .changed()
                .then_some(Colour(rgb));
            form.row(ui, "colour", "change colour", new, |v| c.colour = v);
            let bases = [
                (PayBasis::Capped, "Statutory cap on a week's pay".to_owned()),
                (PayBasis::Actual, "Actual week's pay".to_owned()),
            ];
            let new = widgets::choice(ui, "Pay basis", &c.scheme.pay_basis, &bases);
            form.row(ui, "pay_basis", "change pay basis", new, |v| {
                c.scheme.pay_basis = v;
            });
            let new = widgets::number(ui, "VR multiplier", c.scheme.vr_multiplier, 1.0..=10.0, 2);
            form.row(ui, "vr_multiplier", "change VR multiplier", new, |v| {
                c.scheme.vr_multiplier = v;
            });
            let new = widgets::number(ui, "CR multiplier", c.scheme.cr_multiplier, 1.0..=10.0, 2);
            form.row(ui, "cr_multiplier", "change CR multiplier", new, |v| {
                c.scheme.cr_multiplier = v;
            });
            let new = widgets::number(ui, "Most weeks paid", c.scheme.max_weeks, 0.0..=104.0, 1);
            form.row(ui, "max_weeks", "change most weeks paid", new, |v| {
                c.scheme.max_weeks = v;
            });
            let new = widgets::percent(ui, "LGPS employer rate", c.lgps_employer_rate, 60.0);
            form.row(ui, "lgps_employer_rate", "change LGPS rate", new, |v| {
                c.lgps_employer_rate = v;
            });
            let new = widgets::count(
                ui,
                "Minimum service for VR (years)",
                c.min_service_for_vr_years,
                0..=45,
            );
            form.row(
                ui,
                "min_service_for_vr_years",
                "change minimum service for VR",
                new,
                |v| c.min_service_for_vr_years = v,
            );
            let new = widgets::number(
                ui,
                "Cost-share weight",
                c.cost_share_weight,
                0.0..=1000.0,
                2,
            );
            form.row(
                ui,
                "cost_share_weight",
                "change cost-share weight",
                new,
                |v| {
                    c.cost_share_weight = v;
                },
            );
            // Kept as typed (split at commas, spaces and all), so typing a comma or a space
            // is never undone; the drafts trim each name.
            let unions = c.recognised_unions.join(",");
            let new = widgets::long_text(ui, "Recognised unions", &unions)
                .map(|s| s.split(',').map(str::to_owned).collect::<Vec<_>>());
            form.row(
                ui,
                "recognised_unions",
                "change recognised unions",
                new,
                |v| c.recognised_unions = v,
            );
            pay_point_rows(ui, &mut form, &mut c);
        });
    ui.add_space(8.0);
    profile_ui(ui, &mut form, &mut c);
    form.others(ui);
    ui.add_space(12.0);
    if ui.button("Delete council…").clicked() {
        commands.push(Command::Delete(DeletionKind::Council, council.id.clone()));
    }
    if let Some(what) = form.what {
        let point = c.pay_point;
        let mut councils = plan.councils.clone();
        if let Some(slot) = councils.get_mut(index) {
            *slot = c;
        }
        let mut edit = Edit::councils(what, councils);
        // A new point on the pay ranges pays the council's ranged posts at it, in the same step.
        if point != council.pay_point {
            let posts: Vec<crate::model::Post> = plan
                .posts
                .iter()
                .map(|p| {
                    let mut p = p.clone();
                    if p.council == council.id
                        && let Some(range) = p.pay_range
                    {
                        p.salary = point.pay(range);
                    }
                    p
                })
                .collect();
            edit.patches.extend(edit::Patch::posts(&plan.posts, posts));
        }
        commands.push(Command::Edit(
            edit.keyed(format!("council {what} {}", council.id)),
        ));
    }
}

/// The edit of a council's point on its pay ranges, for undo.
const PAY_POINT_EDIT: &str = "change the point on pay ranges";

/// Where on a published pay range the council's posts are paid.
fn pay_point_rows(ui: &mut Ui, form: &mut widgets::Form, c: &mut Council) {
    #[derive(Clone, Copy, PartialEq)]
    enum Point {
        Midpoint,
        Minimum,
        Maximum,
        Share,
    }
    let current = match c.pay_point {
        PayPoint::Midpoint => Point::Midpoint,
        PayPoint::Minimum => Point::Minimum,
        PayPoint::Maximum => Point::Maximum,
        PayPoint::Share(_) => Point::Share,
    };
    let points = [
        (Point::Midpoint, "The midpoint".to_owned()),
        (Point::Minimum, "The minimum".to_owned()),
        (Point::Maximum, "The maximum".to_owned()),
        (Point::Share, "A share of the way up".to_owned()),
    ];
    let new = widgets::choice(ui, "Pay ranges paid at", &current, &points);
    let share = c.pay_point.share();
    form.row(ui, "pay_point", PAY_POINT_EDIT, new, |v| {
        c.pay_point = match v {
            Point::Midpoint => PayPoint::Midpoint,
            Point::Minimum => PayPoint::Minimum,
            Point::Maximum => PayPoint::Maximum,
            Point::Share => PayPoint::Share(share),
        };
    });
    if let PayPoint::Share(share) = c.pay_point {
        let new = widgets::percent(ui, "Share of the way up the range", share, 100.0);
        form.row(ui, "pay_point", PAY_POINT_EDIT, new, |v| {
            c.pay_point = PayPoint::Share(v);
        });
    }
}

/// The council's workforce profile: who holds the posts the plan does not name.
fn profile_ui(ui: &mut Ui, form: &mut widgets::Form, c: &mut Council) {
    crate::ui::access::section(
        ui,
        "Workforce profile (for posts whose holders are not named)",
    );
    ui.label(
        "Shares of the council's people by age and by length of service: the exit costs of posts whose holders are not named are expected values over them, and say \"indicative\".",
    );
    ui.add_space(4.0);
    let profile = &mut c.workforce;
    let mut changed = false;
    let mut set = |new: Option<f64>, slot: &mut f64| {
        if let Some(v) = new {
            *slot = v;
            changed = true;
        }
    };
    Grid::new(("workforce profile", &c.id))
        .num_columns(4)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for (row, band) in WorkforceProfile::AGE_BANDS.iter().enumerate() {
                let new =
                    widgets::percent(ui, &format!("Aged {}", band.label), profile.age[row], 100.0);
                set(new, &mut profile.age[row]);
                if let Some(band) = WorkforceProfile::SERVICE_BANDS.get(row) {
                    let label = format!("Service {}", band.label);
                    let new = widgets::percent(ui, &label, profile.service[row], 100.0);
                    set(new, &mut profile.service[row]);
                } else {
                    let new = widgets::percent(ui, "In the LGPS", profile.lgps_members, 100.0);
                    set(new, &mut profile.lgps_members);
                }
                ui.end_row();
            }
            let new = widgets::number(
                ui,
                "Average contract (FTE)",
                profile.average_contract_fte,
                0.05..=1.0,
                2,
            );
            set(new, &mut profile.average_contract_fte);
            ui.end_row();
        });
    let total = |s: &[f64]| s.iter().sum::<f64>() * 100.0;
    let (ages, service) = (total(&profile.age), total(&profile.service));
    if (ages - 100.0).abs() > 0.05 || (service - 100.0).abs() > 0.05 {
        ui.label(format!(
            "Ages add up to {ages:.1}% and service to {service:.1}%: each is scaled to 100% when costed."
        ));
    }
    // The source in full, where it can be read; the field below edits it.
    ui.label(format!("Source: {}", profile.source));
    ui.horizontal(|ui| {
        if let Some(v) = widgets::long_text(ui, "Profile source", &profile.source) {
            profile.source = v;
            changed = true;
        }
    });
    if ui
        .button("Use the published default")
        .on_hover_text(crate::model::DEFAULT_PROFILE_SOURCE)
        .clicked()
    {
        *profile = WorkforceProfile::default();
        changed = true;
    }
    if changed {
        form.what = Some("change the workforce profile");
    }
}
