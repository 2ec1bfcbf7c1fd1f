//! The read-only views: redundancy pools, money and the timetable, as tables from the cached
//! outcome. The charts issue draws them as charts; these tables stay as the figures behind them.

use egui::{Grid, RichText, Ui};

use super::fte;
use crate::engine::{Flows, Outcome};
use crate::model::Plan;
use crate::ui::theme;

const POOL_COLUMNS: [&str; 9] = [
    "",
    "FTE today",
    "Vacancies deleted",
    "VR",
    "Redeployed",
    "Compulsory",
    "Kept",
    "Target FTE",
    "New posts",
];

fn pool_row(ui: &mut Ui, name: RichText, f: &Flows, target: f64, new_posts: f64) {
    ui.label(name);
    for v in [
        f.current(),
        f.vacancies_deleted,
        f.voluntary,
        f.redeployed_out,
        f.compulsory,
        f.kept_total(),
        target,
        new_posts,
    ] {
        ui.label(fte(v));
    }
    ui.end_row();
}

/// Per function, and per role under each, the FTE in each pool.
pub fn pools_ui(ui: &mut Ui, plan: &Plan, o: &Outcome) {
    ui.heading(format!("Redundancy pools — {} scenario", o.scenario));
    ui.label("FTE by function and role: vacancies deleted first, then voluntary redundancy, redeployment and compulsory redundancy");
    ui.add_space(theme::SECTION_GAP / 2.0);
    if o.functions.is_empty() {
        ui.label("Nothing to show: the plan has no functions");
        return;
    }
    Grid::new("pools")
        .striped(true)
        .num_columns(POOL_COLUMNS.len())
        .spacing([20.0, 6.0])
        .show(ui, |ui| {
            for h in POOL_COLUMNS {
                ui.strong(h);
            }
            ui.end_row();
            let t = &o.totals;
            pool_row(
                ui,
                RichText::new("All functions").strong(),
                &t.flows,
                t.target_fte,
                t.new_posts,
            );
            for (i, f) in o.functions.iter().enumerate() {
                pool_row(
                    ui,
                    RichText::new(&f.name).strong(),
                    &f.flows,
                    f.target_fte,
                    f.new_posts,
                );
                for r in o.roles.iter().filter(|r| r.function == i) {
                    pool_row(
                        ui,
                        RichText::new(format!("    {}", r.title)),
                        &r.flows,
                        r.target_fte,
                        r.new_posts,
                    );
                }
            }
        });
    if plan.roles.is_empty() {
        ui.label("No roles yet: add them in the Target structure view");
    }
}

/// The waterfall, one-off costs, money by financial year and the split between councils.
pub fn money_ui(ui: &mut Ui, o: &Outcome) {
    ui.heading(format!("Money — {} scenario", o.scenario));
    ui.add_space(theme::SECTION_GAP / 2.0);
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        ui.strong("From today's cost to the target cost (a year)");
        Grid::new("waterfall")
            .striped(true)
            .num_columns(2)
            .show(ui, |ui| {
                let w = &o.waterfall;
                ui.label("Cost today");
                ui.label(w.baseline.full());
                ui.end_row();
                for (label, amount) in w.steps() {
                    // A step lowers the cost (less) or raises it (plus), never "less -£x".
                    if amount.pence() < 0 {
                        ui.label(format!("plus {}", label.to_lowercase()));
                        ui.label((-amount).full());
                    } else {
                        ui.label(format!("less {}", label.to_lowercase()));
                        ui.label(amount.full());
                    }
                    ui.end_row();
                }
                ui.strong("Target cost");
                ui.strong(w.target.full());
                ui.end_row();
                ui.strong("Recurring saving");
                ui.strong(w.saving().full());
                ui.end_row();
            });
        let ui = &mut cols[1];
        ui.strong("One-off costs");
        Grid::new("one-off")
            .striped(true)
            .num_columns(2)
            .show(ui, |ui| {
                let c = &o.one_off;
                for (label, amount) in [
                    ("Redundancy pay", c.redundancy_pay),
                    ("of which statutory", c.statutory_redundancy_pay),
                    ("Pension strain", c.pension_strain),
                    ("of which estimated", c.pension_strain_estimated),
                    ("Pay protection", c.pay_protection),
                    ("Implementation", c.implementation),
                ] {
                    ui.label(label);
                    ui.label(amount.full());
                    ui.end_row();
                }
                ui.strong("Total one-off cost");
                ui.strong(c.total().full());
                ui.end_row();
            });
    });
    ui.add_space(theme::SECTION_GAP);
    ui.strong("By financial year");
    Grid::new("years")
        .striped(true)
        .num_columns(5)
        .spacing([28.0, 6.0])
        .show(ui, |ui| {
            for h in ["Year", "Saving", "One-off cost", "Net", "Cumulative net"] {
                ui.strong(h);
            }
            ui.end_row();
            for y in &o.years {
                ui.label(y.year.to_string());
                ui.label(y.saving.whole());
                ui.label(y.one_off_cost.whole());
                ui.label(y.net.whole());
                ui.label(y.cumulative_net.whole());
                ui.end_row();
            }
        });
    let payback = o.totals.payback_years.map_or_else(
        || "The plan does not pay back: there is no recurring saving".to_owned(),
        |y| format!("Pays back in {y:.1} years"),
    );
    ui.label(payback);
    ui.add_space(theme::SECTION_GAP);
    ui.strong("Split between councils");
    Grid::new("split")
        .striped(true)
        .num_columns(6)
        .spacing([28.0, 6.0])
        .show(ui, |ui| {
            for h in [
                "Council",
                "Share",
                "Cost today",
                "Cost share",
                "Saving a year",
                "One-off cost",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for c in &o.councils {
                ui.label(&c.name);
                ui.label(format!("{:.1}%", c.share_ratio * 100.0));
                ui.label(c.baseline_cost.whole());
                ui.label(c.cost_share.whole());
                ui.label(c.recurring_saving.whole());
                ui.label(c.one_off_cost.whole());
                ui.end_row();
            }
        });
}

/// Each council's consultation, HR1, notices and exits against go-live.
pub fn timetable_ui(ui: &mut Ui, o: &Outcome) {
    let dark = ui.visuals().dark_mode;
    ui.heading(format!("Timetable — {} scenario", o.scenario));
    ui.label(format!(
        "Consultation and HR1 from {}; go-live {}",
        o.consultation_start, o.go_live
    ));
    ui.add_space(theme::SECTION_GAP / 2.0);
    if o.councils.is_empty() {
        ui.label("Nothing to show: the plan has no councils");
        return;
    }
    Grid::new("timetable")
        .striped(true)
        .num_columns(9)
        .spacing([20.0, 6.0])
        .show(ui, |ui| {
            for h in [
                "Council",
                "Redundancies",
                "Consultation",
                "Notices from",
                "Notice",
                "Last exit",
                "Latest start",
                "Meets go-live",
                "Double running",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for c in &o.councils {
                let t = &c.timetable;
                ui.label(&c.short_name).on_hover_text(&c.name);
                ui.label(c.proposed_redundancies.to_string());
                ui.label(format!("{} days", t.consultation_days));
                ui.label(t.notices_from.to_string());
                ui.label(format!("{} weeks", t.longest_notice_weeks));
                ui.label(
                    t.last_exit
                        .map_or_else(|| "no exits".to_owned(), |d| d.to_string()),
                );
                ui.label(
                    t.latest_consultation_start
                        .map_or_else(|| "—".to_owned(), |d| d.to_string()),
                );
                if t.meets_go_live {
                    ui.label("Yes");
                } else {
                    ui.colored_label(theme::warning(dark), "No");
                }
                ui.label(c.double_running_cost.whole());
                ui.end_row();
            }
        });
    let misses: Vec<_> = o
        .flags
        .iter()
        .filter(|f| {
            matches!(
                f.kind,
                crate::engine::FlagKind::TimetableMiss | crate::engine::FlagKind::DoubleRunning
            )
        })
        .collect();
    ui.add_space(theme::SECTION_GAP);
    if misses.is_empty() {
        ui.label("Every council finishes consultation and notice before go-live");
    }
    for f in misses {
        ui.colored_label(theme::warning(dark), format!("Warning: {}", f.message));
    }
}
