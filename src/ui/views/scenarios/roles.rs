//! A scenario's role targets and pay.

use crate::format::fte;
use crate::model::{Money, Plan, Role, Scenario, TargetPay};
use crate::theme;
use crate::ui::access::Showing as _;
use crate::ui::access::{self, Said as _};
use crate::ui::widgets;
use egui::{Grid, Ui};

/// The grid of roles: the plan's target and pay, the scenario's, and the difference.
pub(super) fn roles_ui(
    ui: &mut Ui,
    plan: &Plan,
    sc: &mut Scenario,
    salaries: &std::collections::HashMap<&str, Money>,
    filter: &mut String,
    what: &mut Option<String>,
) {
    ui.horizontal(|ui| {
        ui.label("Find a role");
        ui.add(egui::TextEdit::singleline(filter).desired_width(theme::FIELD_WIDTH))
            .accessible_name("Find a role")
            .on_hover_text("Only roles whose title or function contains this");
    });
    let needle = filter.to_lowercase();
    let function_name = |id: &str| {
        plan.function(id)
            .map_or_else(|| id.to_owned(), |f| f.name.clone())
    };
    let shown: Vec<(&Role, String)> = plan
        .roles
        .iter()
        .map(|role| (role, function_name(&role.function)))
        .filter(|(role, function)| {
            needle.is_empty()
                || role.title.to_lowercase().contains(&needle)
                || function.to_lowercase().contains(&needle)
        })
        .collect();
    let headings = ROLE_COLUMNS.map(str::to_owned).to_vec();
    // A table for a screen reader to read row by row; its fields stay stops for Tab after it.
    let mut table = access::Table::begin(
        ui,
        "role targets",
        "Targets and pay by role",
        headings,
        shown.len(),
        None,
    );
    let mut words = Vec::with_capacity(shown.len());
    let drawn = Grid::new("role targets")
        .num_columns(7)
        .striped(true)
        .spacing([14.0, 6.0])
        .show(ui, |ui| {
            for h in ROLE_COLUMNS {
                ui.strong(h);
            }
            ui.end_row();
            let mut rows = Vec::with_capacity(shown.len());
            for (r, (role, function)) in shown.iter().enumerate() {
                let salary = salaries.get(role.id.as_str()).copied();
                let (row, rect) = role_row(ui, role, function, salary, sc, what);
                ui.end_row();
                words.push(row);
                rows.push((r, rect));
            }
            rows
        });
    let whole = drawn.response.rect;
    for (r, rect) in drawn.inner {
        table.row_drawn(r, vec![rect; ROLE_COLUMNS.len()]);
    }
    table.end_with_words(ui, whole, 0, &words);
}

/// The columns of the roles' targets and pay.
const ROLE_COLUMNS: [&str; 7] = [
    "Role",
    "Function",
    "Plan target",
    "Scenario target",
    "Difference",
    "Plan pay",
    "Scenario pay",
];

pub(super) fn role_row(
    ui: &mut Ui,
    role: &Role,
    function: &str,
    salary: Option<Money>,
    sc: &mut Scenario,
    what: &mut Option<String>,
) -> (Vec<String>, egui::Rect) {
    let first = ui.label(&role.title).rect;
    ui.label(function);
    ui.label(fte(role.target_fte));
    let mut target = sc.target_for(role);
    ui.horizontal(|ui| {
        let r = ui
            .add(
                egui::DragValue::new(&mut target)
                    .range(0.0..=1e5)
                    .speed(0.1)
                    .fixed_decimals(1),
            )
            .accessible_name(format!("{} target in the scenario", role.title))
            .on_hover_text("Drag or type the FTE this scenario plans for the role")
            .said(format!("{target:.1} FTE"), 0.1);
        if r.changed() {
            sc.target_overrides.insert(role.id.clone(), target);
            *what = Some(format!("change {} target", role.title));
        }
        if sc.target_overrides.contains_key(&role.id)
            && ui
                .small_button("Reset")
                .accessible_name(format!("Reset {} target", role.title))
                .on_hover_text("Back to the plan's target (times the scale)")
                .clicked()
        {
            sc.target_overrides.remove(&role.id);
            *what = Some(format!("reset {} target", role.title));
        }
    });
    let difference = sc.target_for(role) - role.target_fte;
    let difference = if difference.abs() < 0.05 {
        "none".to_owned()
    } else {
        format!(
            "{}{}",
            if difference > 0.0 { "+" } else { "" },
            fte(difference)
        )
    };
    ui.label(if difference == "none" {
        "—"
    } else {
        &difference
    });
    let plan_pay = match (role.pay, salary) {
        (TargetPay::Salary(_), _) | (_, None) => pay_words(role.pay),
        (rule, Some(s)) => format!("{} ({})", pay_words(rule), s.whole()),
    };
    let last = ui.label(&plan_pay).rect;
    pay_ui(ui, role, salary, sc, what);
    let scenario_pay = sc
        .target_pay
        .get(&role.id)
        .map_or_else(|| "as the plan".to_owned(), |p| pay_words(*p));
    let words = vec![
        role.title.clone(),
        function.to_owned(),
        fte(role.target_fte),
        fte(sc.target_for(role)),
        difference,
        plan_pay,
        scenario_pay,
    ];
    (words, first.union(last))
}

/// A role's pay rule in words.
pub(super) fn pay_words(pay: TargetPay) -> String {
    match pay {
        TargetPay::Salary(m) => m.whole(),
        TargetPay::HarmoniseHighest => "highest today".to_owned(),
        TargetPay::HarmoniseAverage => "average today".to_owned(),
        TargetPay::HarmoniseLowest => "lowest today".to_owned(),
        TargetPay::Today => "each post's own today".to_owned(),
    }
}

/// The scenario's pay for a role: as the plan, a harmonisation rule, or a set salary.
pub(super) fn pay_ui(
    ui: &mut Ui,
    role: &Role,
    salary: Option<Money>,
    sc: &mut Scenario,
    what: &mut Option<String>,
) {
    #[derive(Clone, Copy, PartialEq)]
    enum Rule {
        Plan,
        Highest,
        Average,
        Lowest,
        Today,
        Salary,
    }
    let current = match sc.target_pay.get(&role.id) {
        None => Rule::Plan,
        Some(TargetPay::HarmoniseHighest) => Rule::Highest,
        Some(TargetPay::HarmoniseAverage) => Rule::Average,
        Some(TargetPay::HarmoniseLowest) => Rule::Lowest,
        Some(TargetPay::Today) => Rule::Today,
        Some(TargetPay::Salary(_)) => Rule::Salary,
    };
    let words = |r: Rule| match r {
        Rule::Plan => "As the plan",
        Rule::Highest => "Highest today",
        Rule::Average => "Average today",
        Rule::Lowest => "Lowest today",
        Rule::Today => "Each keeps today's",
        Rule::Salary => "A set salary",
    };
    ui.horizontal(|ui| {
        let mut chosen = current;
        egui::ComboBox::from_id_salt(("scenario pay", &role.id))
            .selected_text(words(current))
            .show_ui(ui, |ui| {
                for r in [
                    Rule::Plan,
                    Rule::Highest,
                    Rule::Average,
                    Rule::Lowest,
                    Rule::Today,
                    Rule::Salary,
                ] {
                    crate::ui::access::option(ui, &mut chosen, r, words(r));
                }
            })
            .response
            .showing(words(current))
            .accessible_name(format!("{} pay in the scenario", role.title));
        if chosen != current {
            let pay = match chosen {
                Rule::Plan => None,
                Rule::Highest => Some(TargetPay::HarmoniseHighest),
                Rule::Average => Some(TargetPay::HarmoniseAverage),
                Rule::Lowest => Some(TargetPay::HarmoniseLowest),
                Rule::Today => Some(TargetPay::Today),
                Rule::Salary => Some(TargetPay::Salary(match role.pay {
                    TargetPay::Salary(m) => m,
                    _ => salary.unwrap_or(Money::ZERO),
                })),
            };
            match pay {
                Some(p) => sc.target_pay.insert(role.id.clone(), p),
                None => sc.target_pay.remove(&role.id),
            };
            *what = Some(format!("change {} pay", role.title));
        }
        if let Some(TargetPay::Salary(m)) = sc.target_pay.get_mut(&role.id) {
            let mut pounds = m.as_pounds();
            if ui
                .add(widgets::pounds_value(
                    &mut pounds,
                    Money::pounds(10_000_000),
                    false,
                ))
                .accessible_name(format!("{} salary in the scenario", role.title))
                .changed()
            {
                *m = Money::from_pounds_f64(pounds);
                *what = Some(format!("change {} salary", role.title));
            }
        }
    });
}
