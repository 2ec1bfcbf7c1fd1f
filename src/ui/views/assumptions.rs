//! The Assumptions view: the plan's name, programme dates, assumptions, one-off implementation
//! costs, a pointer to the scenarios, and the statutory parameters with their sources beside them.

use egui::{Grid, RichText, Ui};

use crate::document::Derived;
use crate::document::edit::{Edit, Settings};
use crate::model::{
    CostShare, Dated, FinancialYear, ImplementationCost, Line, LineKind, Location, Money,
    OneOffSplit, PartYear, PayBand, PayChange, PaybackLimit, Plan, SplitMethod, WeeklyPay,
};
use crate::theme;
use crate::ui::access::{Said as _, trimmed};
use crate::ui::command::Command;
use crate::ui::widgets;

/// Draws the settings editors. Every change is one settings edit, keyed by its field so a drag
/// or typed value is one undo step.
pub fn ui(ui: &mut Ui, plan: &Plan, derived: &Derived, commands: &mut Vec<Command>) {
    let mut s = Settings::of(plan);
    let problems = derived.problems_at(&Location::Plan);
    let mut form = widgets::Form::new(&problems);
    crate::ui::access::heading(ui, "Plan and programme");
    Grid::new("plan settings")
        .num_columns(2)
        .spacing([16.0, 8.0])
        .show(ui, |ui| {
            let new = widgets::long_text(ui, "Plan name", &s.name);
            form.row(ui, "name", "rename plan", new, |v| s.name = v);
            let new = widgets::long_text(ui, "Description", &s.description);
            form.row(ui, "description", "change description", new, |v| {
                s.description = v;
            });
            let new = widgets::text(ui, "Protective marking", &s.protective_marking);
            form.row(
                ui,
                "protective_marking",
                "change protective marking",
                new,
                |v| s.protective_marking = v,
            );
            let new = widgets::date(ui, "Consultation starts", s.programme.consultation_start);
            form.row(
                ui,
                "consultation_start",
                "change consultation start",
                new,
                |v| {
                    s.programme.consultation_start = v;
                },
            );
            let new = widgets::date(ui, "Go-live", s.programme.go_live);
            form.row(ui, "go_live", "change go-live", new, |v| {
                s.programme.go_live = v;
            });
        });
    ui.add_space(theme::SECTION_GAP);
    crate::ui::access::heading(ui, "Assumptions");
    Grid::new("assumptions")
        .num_columns(2)
        .spacing([16.0, 8.0])
        .show(ui, |ui| assumptions_grid(ui, plan, &mut s, &mut form));
    let mut what = form.what;
    ui.add_space(theme::SECTION_GAP);
    crate::ui::access::heading(ui, "One-off implementation costs");
    implementation_ui(ui, &mut s, &mut what, &problems);
    ui.add_space(theme::SECTION_GAP);
    crate::ui::access::heading(ui, "Savings and costs besides posts");
    ui.label(
        RichText::new(
            "A contract saved, capacity bought in, a system bought once: each in a function, from \
             its date, and counted in every total and as its own step of the waterfall.",
        )
        .size(theme::SMALL_SIZE),
    );
    let go_live = s.programme.go_live;
    if let Some(w) = line_rows(ui, plan, &mut s.assumptions.lines, go_live, "") {
        what = Some(w);
    }
    for p in problems.iter().filter(|p| p.field == "lines") {
        widgets::problem(ui, p, false);
    }
    ui.add_space(theme::SECTION_GAP);
    crate::ui::access::heading(ui, "Pay change for the staff who stay");
    if let Some(w) = pay_change_ui(ui, plan, &mut s.assumptions.pay_change, "") {
        what = Some(w);
    }
    if let Some(p) = &derived.outcome.pay_change {
        ui.label(pay_change_words(p));
    }
    for p in problems.iter().filter(|p| p.field == "pay_change") {
        widgets::problem(ui, p, false);
    }
    ui.add_space(theme::SECTION_GAP);
    crate::ui::access::heading(ui, "Uncertain inputs");
    ui.label(
        RichText::new(
            "What nobody knows in advance, each a low, likely and high value, for every scenario              that gives none of its own; Money > Uncertainty runs the plan over them.",
        )
        .size(theme::SMALL_SIZE),
    );
    if super::risk::ranges_ui(ui, "plan", &mut s.assumptions.ranges) {
        what = Some("change uncertain inputs");
    }
    for p in problems
        .iter()
        .filter(|p| super::risk::RANGE_FIELDS.contains(&p.field))
    {
        widgets::problem(ui, p, false);
    }
    ui.add_space(theme::SECTION_GAP);
    crate::ui::access::heading(ui, "Scenarios");
    scenarios_ui(ui, plan, commands);
    ui.add_space(theme::SECTION_GAP);
    crate::ui::access::heading(ui, "Statutory parameters");
    parameters_ui(
        ui,
        &mut s,
        &mut what,
        &derived.problems_at(&Location::Parameters),
    );
    if let Some(what) = what {
        commands.push(Command::Edit(
            Edit::settings(what, s).keyed(format!("settings {what}")),
        ));
    }
    ui.add_space(theme::SECTION_GAP);
    crate::ui::review::comments_on(
        ui,
        plan,
        &crate::model::Topic::Setting("assumptions".to_owned()),
        commands,
    );
}

/// What the councils can agree to share, in words (docs/rules.md, "The split between councils").
pub const SPLIT_METHODS: [(SplitMethod, &str); 2] = [
    (SplitMethod::ServiceCost, "The cost of the single service"),
    (SplitMethod::CostsAndSavings, "Costs and savings"),
];

/// The ratios they can share in, in words.
pub const COST_SHARES: [(CostShare, &str); 4] = [
    (CostShare::Equal, "Equal shares"),
    (CostShare::BaselineCost, "By cost today"),
    (CostShare::Fte, "By FTE today"),
    (CostShare::Weights, "By the councils' weights"),
];

/// Pay protection: its years, its taper, whether harmonised pay that falls is protected, and
/// whether it is costed with its on-costs.
fn protection_rows(ui: &mut Ui, a: &mut crate::model::Assumptions, form: &mut widgets::Form<'_>) {
    let new = widgets::number(
        ui,
        "Pay protection (years)",
        a.pay_protection_years,
        0.0..=10.0,
        1,
    );
    form.row(
        ui,
        "pay_protection_years",
        "change pay protection",
        new,
        |v| {
            a.pay_protection_years = v;
        },
    );
    let new = widgets::number(
        ui,
        "Protection then tapers over (years)",
        a.pay_protection_taper_years,
        0.0..=10.0,
        1,
    );
    form.row(
        ui,
        "pay_protection_taper_years",
        "change pay protection taper",
        new,
        |v| {
            a.pay_protection_taper_years = v;
        },
    );
    let new = widgets::tick(
        ui,
        "Protect kept staff whose pay falls when their role's pay is harmonised",
        a.protect_harmonised_pay,
    );
    form.row(
        ui,
        "protect_harmonised_pay",
        "change protection of harmonised pay",
        new,
        |v| {
            a.protect_harmonised_pay = v;
        },
    );
    let new = widgets::tick(
        ui,
        "Cost pay protection with its on-costs (NI, LGPS, levy)",
        a.pay_protection_on_costs,
    );
    form.row(
        ui,
        "pay_protection_on_costs",
        "change the costing of pay protection",
        new,
        |v| {
            a.pay_protection_on_costs = v;
        },
    );
}

fn assumptions_grid(ui: &mut Ui, plan: &Plan, s: &mut Settings, form: &mut widgets::Form<'_>) {
    let a = &mut s.assumptions;
    let new = widgets::percent(ui, "Redeployment rate", a.redeployment_rate, 100.0);
    form.row(
        ui,
        "redeployment_rate",
        "change redeployment rate",
        new,
        |v| {
            a.redeployment_rate = v;
        },
    );
    let new = widgets::percent(ui, "VR take-up", a.vr_take_up, 100.0);
    form.row(ui, "vr_take_up", "change VR take-up", new, |v| {
        a.vr_take_up = v;
    });
    protection_rows(ui, a, form);
    let limited = matches!(a.vr_payback_limit, PaybackLimit::Years(_));
    let new = widgets::tick(ui, "Limit VR to exits that pay back in time", limited);
    form.row(
        ui,
        "vr_payback_limited",
        "change VR payback limit",
        new,
        |on| {
            a.vr_payback_limit = if on {
                PaybackLimit::Years(3.0)
            } else {
                PaybackLimit::None
            };
        },
    );
    if let PaybackLimit::Years(y) = a.vr_payback_limit {
        let new = widgets::number(ui, "VR payback limit (years)", y, 0.0..=20.0, 1);
        form.row(
            ui,
            "vr_payback_limit",
            "change VR payback limit",
            new,
            |v| {
                a.vr_payback_limit = PaybackLimit::Years(v);
            },
        );
    } else {
        form.hidden(ui, "vr_payback_limit");
    }
    let new = widgets::tick(ui, "Compulsory redundancies allowed", a.compulsory_allowed);
    form.row(
        ui,
        "compulsory_allowed",
        "change compulsory redundancies",
        new,
        |v| {
            a.compulsory_allowed = v;
        },
    );
    let new = widgets::tick(
        ui,
        "Bumped redundancy: volunteers from roles not at risk may go so people at risk take their posts",
        a.bumping,
    );
    form.row(ui, "bumping", "change bumped redundancy", new, |v| {
        a.bumping = v;
    });
    let new = widgets::choice(
        ui,
        "Councils share",
        &a.split_method,
        &SPLIT_METHODS.map(|(m, l)| (m, l.to_owned())),
    );
    form.row(
        ui,
        "split_method",
        "change what the councils share",
        new,
        |v| {
            a.split_method = v;
        },
    );
    let new = widgets::choice(
        ui,
        "In the ratio",
        &a.cost_share,
        &COST_SHARES.map(|(m, l)| (m, l.to_owned())),
    );
    form.row(ui, "cost_share", "change cost share", new, |v| {
        a.cost_share = v;
    });
    let splits = [
        (OneOffSplit::SameRatio, "By the same ratio".to_owned()),
        (
            OneOffSplit::EmployingCouncil,
            "By employing council".to_owned(),
        ),
    ];
    let new = widgets::choice(ui, "One-off costs shared", &a.one_off_split, &splits);
    form.row(ui, "one_off_split", "change one-off split", new, |v| {
        a.one_off_split = v;
    });
    let part_years = [
        (PartYear::Days, PartYear::Days.label().to_owned()),
        (PartYear::Months, PartYear::Months.label().to_owned()),
    ];
    let new = widgets::choice(ui, "Part-year effects", &a.part_year, &part_years);
    form.row(ui, "part_year", "change part-year rule", new, |v| {
        a.part_year = v;
    });
    let weekly = [WeeklyPay::Annual52, WeeklyPay::Annual365Days].map(|w| (w, w.label().to_owned()));
    let new = widgets::choice(ui, "A week's pay", &a.weekly_pay, &weekly);
    form.row(ui, "weekly_pay", "change week's pay", new, |v| {
        a.weekly_pay = v;
    });
    let hosts: Vec<(Option<String>, String)> =
        std::iter::once((None, "The first council".to_owned()))
            .chain(
                plan.councils
                    .iter()
                    .map(|c| (Some(c.id.clone()), c.name.clone())),
            )
            .collect();
    let new = widgets::choice(ui, "New posts employed by", &a.host_council, &hosts);
    form.row(ui, "host_council", "change host council", new, |v| {
        a.host_council = v;
    });
    let new = widgets::percent(ui, "Equal-pay tolerance", a.equal_pay_tolerance, 100.0);
    form.row(
        ui,
        "equal_pay_tolerance",
        "change equal-pay tolerance",
        new,
        |v| {
            a.equal_pay_tolerance = v;
        },
    );
}

fn implementation_ui(
    ui: &mut Ui,
    s: &mut Settings,
    what: &mut Option<&'static str>,
    problems: &[&crate::model::Problem],
) {
    let go_live = s.programme.go_live;
    if let Some(w) = cost_rows(ui, &mut s.assumptions.implementation_costs, go_live, "") {
        *what = Some(w);
    }
    for p in problems
        .iter()
        .filter(|p| p.field == "implementation_costs")
    {
        widgets::problem(ui, p, false);
    }
}

/// What a pay change does, in a sentence.
pub fn pay_change_words(p: &crate::engine::PayChangeOutcome) -> String {
    format!(
        "Saves {} a year with on-costs for {}, worth about {:.0} posts at the average cost of a \
         full-time post{}",
        p.saving.whole(),
        if p.people == 1 {
            "1 person".to_owned()
        } else {
            format!("{} people", crate::format::thousands(u64::from(p.people)))
        },
        p.posts_saved,
        if p.dismissal_and_reengagement {
            "; imposed by dismissal and re-engagement, so each of them counts for consultation"
        } else {
            ""
        }
    )
}

/// A pay change by salary band: a tick to have one, its bands (from, change), the exemption,
/// its start, the functions it applies to and whether it is imposed by dismissal and
/// re-engagement. `whose` as for [`cost_rows`]. Returns what changed.
pub fn pay_change_ui(
    ui: &mut Ui,
    plan: &Plan,
    change: &mut Option<PayChange>,
    whose: &str,
) -> Option<&'static str> {
    let mut what = None;
    let label = |text: &str| {
        if whose.is_empty() {
            text.to_owned()
        } else {
            format!("{text} ({})", whose.to_lowercase())
        }
    };
    let mut on = change.is_some();
    if ui
        .checkbox(&mut on, label("Change pay by salary band"))
        .on_hover_text(
            "Each person who stays is paid their role's salary less the change of the band it \
             falls in; used by Southampton to save jobs",
        )
        .changed()
    {
        *change = on.then(|| PayChange {
            bands: vec![PayBand {
                from: Money::ZERO,
                cut: 0.01,
            }],
            ..PayChange::default()
        });
        what = Some("change pay change");
    }
    let Some(p) = change.as_mut() else {
        return what;
    };
    let mut remove = None;
    for (i, band) in p.bands.iter_mut().enumerate() {
        let n = i + 1;
        ui.push_id((whose, "band", i), |ui| {
            ui.horizontal(|ui| {
                let l = ui.label(format!("Band {n} from"));
                if let Some(help) = widgets::setting_help("Pay band") {
                    l.on_hover_text(help);
                }
                if amount_field(ui, &mut band.from, &whose_name(whose, "From", "band", n)) {
                    what = Some("change pay band");
                }
                ui.label("change");
                let mut percent = band.cut * 100.0;
                if ui
                    .add(
                        egui::DragValue::new(&mut percent)
                            .range(-100.0..=100.0)
                            .speed(0.1)
                            .max_decimals(2)
                            .suffix("%"),
                    )
                    .accessible_name(whose_name(whose, "Cut", "band", n))
                    .on_hover_text("A cut as a positive percentage; a rise negative")
                    .said(format!("{}%", trimmed(percent, 2)), 0.01)
                    .changed()
                {
                    band.cut = percent / 100.0;
                    what = Some("change pay band");
                }
                if ui.small_button(whose_remove(whose, "band", n)).clicked() {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        p.bands.remove(i);
        what = Some("remove pay band");
    }
    if ui.button(label("Add a pay band")).clicked() {
        let from = p
            .bands
            .last()
            .map_or(Money::ZERO, |b| b.from + Money::pounds(10_000));
        p.bands.push(PayBand { from, cut: 0.01 });
        what = Some("add pay band");
    }
    ui.horizontal(|ui| {
        widgets::setting_label(ui, "Exempt below");
        if amount_field(ui, &mut p.exempt_below, &label("Exempt below")) {
            what = Some("change pay exemption");
        }
    });
    let mut dated = p.start.is_some();
    if ui
        .checkbox(
            &mut dated,
            label("Start the new pay on its own date (else at go-live)"),
        )
        .on_hover_text(
            "The new pay starts on a date of its own rather than at go-live: the saving runs from \
             it (after consultation, and any notice of the change, has run its course)",
        )
        .changed()
    {
        p.start = dated.then_some(plan.programme.go_live);
        what = Some("change pay change start");
    }
    if let Some(start) = p.start
        && let Some(d) = widgets::date(ui, &label("New pay from"), start)
    {
        p.start = Some(d);
        what = Some("change pay change start");
    }
    ui.horizontal_wrapped(|ui| {
        widgets::setting_label(ui, "Applies to");
        for f in &plan.functions {
            let mut applies = p.functions.is_empty() || p.functions.contains(&f.id);
            if ui
                .checkbox(&mut applies, &f.name)
                .accessible_name(whose_name(whose, "Applies to", &f.name, 1))
                .changed()
            {
                if p.functions.is_empty() {
                    p.functions = plan.functions.iter().map(|x| x.id.clone()).collect();
                }
                if applies {
                    p.functions.push(f.id.clone());
                } else {
                    p.functions.retain(|x| *x != f.id);
                }
                // Every function is said by none.
                if plan.functions.iter().all(|x| p.functions.contains(&x.id)) {
                    p.functions.clear();
                }
                what = Some("change pay change functions");
            }
        }
    });
    if ui
        .checkbox(
            &mut p.dismissal_and_reengagement,
            label("Imposed by dismissal and re-engagement"),
        )
        .on_hover_text(
            "Everyone whose pay changes is proposed for dismissal and counts for collective \
             consultation (TULRCA 1992 s.188); the statutory code of practice applies",
        )
        .changed()
    {
        what = Some("change pay change imposition");
    }
    what
}

/// An amount up to £1bn in pounds and pence; true when it changed.
fn amount_field(ui: &mut Ui, amount: &mut Money, name: &str) -> bool {
    let mut pounds = amount.as_pounds();
    let changed = ui
        .add(widgets::pounds_value(
            &mut pounds,
            Money::pounds(1_000_000_000),
            true,
        ))
        .accessible_name(name)
        .changed();
    if changed {
        *amount = Money::from_pounds_f64(pounds);
    }
    changed
}

/// A row's field named for screen readers and tests: "Amount of cost 1", or with `whose`
/// ("Scenario") "Scenario amount of cost 1".
fn whose_name(whose: &str, field: &str, item: &str, n: usize) -> String {
    if whose.is_empty() {
        format!("{field} of {item} {n}")
    } else {
        format!("{whose} {} of {item} {n}", field.to_lowercase())
    }
}

/// "Remove cost 1", or "Remove scenario cost 1".
fn whose_remove(whose: &str, item: &str, n: usize) -> String {
    if whose.is_empty() {
        format!("Remove {item} {n}")
    } else {
        format!("Remove {} {item} {n}", whose.to_lowercase())
    }
}

/// "Add a saving or cost", or "Add a saving or cost to the scenario".
fn whose_add(whose: &str, add: &str) -> String {
    if whose.is_empty() {
        add.to_owned()
    } else {
        format!("{add} to the {}", whose.to_lowercase())
    }
}

/// Savings and costs besides posts, a row each (name, kind, function, council, amount, from,
/// Remove) and a button to add one. `whose` as for [`cost_rows`]. Returns what changed.
pub fn line_rows(
    ui: &mut Ui,
    plan: &Plan,
    lines: &mut Vec<Line>,
    go_live: jiff::civil::Date,
    whose: &str,
) -> Option<&'static str> {
    let name = |field: &str, n: usize| whose_name(whose, field, "line", n);
    let kinds: Vec<(LineKind, String)> = LineKind::ALL
        .iter()
        .map(|k| (*k, k.label().to_owned()))
        .collect();
    let functions: Vec<(String, String)> = plan
        .functions
        .iter()
        .map(|f| (f.id.clone(), f.name.clone()))
        .collect();
    let councils: Vec<(Option<String>, String)> =
        std::iter::once((None, "The single service".to_owned()))
            .chain(
                plan.councils
                    .iter()
                    .map(|c| (Some(c.id.clone()), c.short_name.clone())),
            )
            .collect();
    let mut what = None;
    let mut remove = None;
    for (i, line) in lines.iter_mut().enumerate() {
        let n = i + 1;
        ui.push_id((whose, "line", i), |ui| {
            ui.horizontal_wrapped(|ui| {
                if ui
                    .add(egui::TextEdit::singleline(&mut line.name).desired_width(220.0))
                    .accessible_name(name("Name", n))
                    .changed()
                {
                    what = Some("rename line");
                }
                if let Some(v) = widgets::choice(ui, &name("Kind", n), &line.kind, &kinds) {
                    line.kind = v;
                    what = Some("change line kind");
                }
                if let Some(v) =
                    widgets::choice(ui, &name("Function", n), &line.function, &functions)
                {
                    line.function = v;
                    what = Some("change line function");
                }
                if let Some(v) = widgets::choice(ui, &name("Council", n), &line.council, &councils)
                {
                    line.council = v;
                    what = Some("change line council");
                }
                if amount_field(ui, &mut line.amount, &name("Amount", n)) {
                    what = Some("change line amount");
                }
                if let Some(d) = widgets::date(ui, &name("From", n), line.from) {
                    line.from = d;
                    what = Some("change line date");
                }
                if ui.small_button(whose_remove(whose, "line", n)).clicked() {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        lines.remove(i);
        what = Some("remove line");
    }
    if ui
        .button(whose_add(whose, "Add a saving or cost"))
        .clicked()
    {
        lines.push(Line {
            name: "New line".to_owned(),
            kind: LineKind::RecurringSaving,
            function: plan
                .functions
                .first()
                .map(|f| f.id.clone())
                .unwrap_or_default(),
            council: None,
            amount: Money::ZERO,
            from: go_live,
        });
        what = Some("add line");
    }
    what
}

/// One-off implementation costs, a row each (year, description, amount, Remove) and a button to
/// add one. `whose` goes before each field's name for screen readers and tests ("" for the
/// plan's, "Scenario" for a scenario's own). Returns what changed.
pub fn cost_rows(
    ui: &mut Ui,
    costs: &mut Vec<ImplementationCost>,
    go_live: jiff::civil::Date,
    whose: &str,
) -> Option<&'static str> {
    let name = |field: &str, n: usize| whose_name(whose, field, "cost", n);
    let mut what = None;
    let mut remove = None;
    for (i, c) in costs.iter_mut().enumerate() {
        ui.push_id((whose, "implementation", i), |ui| {
            ui.horizontal(|ui| {
                let n = i + 1;
                let (r, year) =
                    widgets::parsed(ui, "year", &c.year, 80.0, "Type a year as 2026/27");
                r.accessible_name(name("Year", n));
                if let Some(y) = year {
                    c.year = y;
                    what = Some("change implementation cost year");
                }
                if ui
                    .add(
                        egui::TextEdit::singleline(&mut c.description)
                            .desired_width(theme::LONG_FIELD_WIDTH),
                    )
                    .accessible_name(name("Description", n))
                    .changed()
                {
                    what = Some("change implementation cost");
                }
                if amount_field(ui, &mut c.amount, &name("Amount", n)) {
                    what = Some("change implementation cost amount");
                }
                if ui.small_button(whose_remove(whose, "cost", n)).clicked() {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        costs.remove(i);
        what = Some("remove implementation cost");
    }
    let add_label = if whose.is_empty() {
        "Add implementation cost".to_owned()
    } else {
        whose_add(whose, "Add a cost")
    };
    if ui.button(add_label).clicked() {
        let year = costs
            .last()
            .map_or_else(|| FinancialYear::containing(go_live), |c| c.year);
        costs.push(ImplementationCost {
            year,
            description: "New cost".to_owned(),
            amount: Money::ZERO,
        });
        what = Some("add implementation cost");
    }
    what
}

fn scenarios_ui(ui: &mut Ui, plan: &Plan, commands: &mut Vec<Command>) {
    ui.label(format!(
        "{} besides the base. Each is edited, compared and checked for what it changes in the \
         Scenarios view.",
        widgets::plural(plan.scenarios.len(), "scenario")
    ));
    if ui.button("Open the Scenarios view").clicked() {
        commands.push(Command::Show(crate::ui::command::View::Scenarios));
    }
}

/// One dated value per row: from, the value (editable), and its source.
fn dated_rows<T>(
    ui: &mut Ui,
    label: &str,
    entries: &mut [Dated<T>],
    mut value: impl FnMut(&mut Ui, &mut T) -> egui::Response,
) -> bool {
    let mut changed = false;
    for (i, e) in entries.iter_mut().enumerate() {
        if i == 0 {
            widgets::setting_label(ui, label);
        } else {
            ui.label("");
        }
        ui.label(format!("from {}", e.from));
        ui.push_id((label, i), |ui| {
            let name = format!("{label} from {}", e.from);
            changed |= value(ui, &mut e.value).accessible_name(name).changed();
        });
        wrapped(
            ui,
            RichText::new(&e.source).size(theme::SMALL_SIZE),
            SOURCE_WIDTH,
        );
        ui.end_row();
    }
    changed
}

/// The widest a parameter's value and its source are drawn before they wrap, so the table of
/// statutory parameters fits a 1280-point laptop screen.
const VALUE_WIDTH: f32 = 300.0;
const SOURCE_WIDTH: f32 = 400.0;

/// A grid cell's text, wrapped at `width`.
fn wrapped(ui: &mut Ui, text: impl Into<egui::WidgetText>, width: f32) {
    ui.scope(|ui| {
        ui.set_max_width(width);
        ui.add(egui::Label::new(text).wrap());
    });
}

fn parameters_ui(
    ui: &mut Ui,
    s: &mut Settings,
    what: &mut Option<&'static str>,
    problems: &[&crate::model::Problem],
) {
    ui.label(
        "Stored in the plan, so a plan computes the same figures when it is reopened years later",
    );
    let p = &mut s.parameters;
    Grid::new("parameters")
        .num_columns(4)
        .striped(true)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            let money = |ui: &mut Ui, m: &mut Money| {
                let mut pounds = m.as_pounds();
                let r = ui.add(widgets::pounds_value(
                    &mut pounds,
                    Money::pounds(1_000_000),
                    true,
                ));
                if r.changed() {
                    *m = Money::from_pounds_f64(pounds);
                }
                r
            };
            let rate = |ui: &mut Ui, r: &mut f64| {
                let mut pc = *r * 100.0;
                let response = ui.add(
                    egui::DragValue::new(&mut pc)
                        .range(0.0..=100.0)
                        .speed(0.05)
                        .max_decimals(2)
                        .suffix("%"),
                )
                .said(format!("{}%", trimmed(pc, 2)), 0.01);
                if response.changed() {
                    *r = pc / 100.0;
                }
                response
            };
            if dated_rows(
                ui,
                "Cap on a week's pay",
                &mut p.redundancy.weekly_caps,
                money,
            ) {
                *what = Some("change weekly pay cap");
            }
            cap_rise_row(ui, &mut p.redundancy.cap_uprating, what);
            if dated_rows(ui, "Employer NI rate", &mut p.employer_ni, |ui, n| {
                rate(ui, &mut n.rate)
            }) {
                *what = Some("change employer NI");
            }
            if dated_rows(
                ui,
                "Class 1A NI on exits",
                &mut p.termination_ni.rates,
                rate,
            ) {
                *what = Some("change Class 1A rate");
            }
            if dated_rows(
                ui,
                "Apprenticeship levy",
                std::slice::from_mut(&mut p.apprenticeship_levy),
                rate,
            ) {
                *what = Some("change apprenticeship levy");
            }
            if dated_rows(
                ui,
                "LGPS minimum pension age",
                &mut p.lgps.trigger_ages,
                |ui, a| {
                    let r = ui.add(egui::DragValue::new(a).range(50..=70));
                    r.said(format!("age {a}"), 1.0)
                },
            ) {
                *what = Some("change LGPS minimum pension age");
            }
            protected_age_row(ui, &mut p.lgps.protected_age, what);
            for (label, value, source) in [
                (
                    "Redundancy pay rules",
                    format!(
                        "{} to {} years counted",
                        p.redundancy.qualifying_years, p.redundancy.max_years
                    ),
                    &p.redundancy.source,
                ),
                (
                    "Most weeks of statutory notice",
                    p.notice.max_weeks.to_string(),
                    &p.notice.source,
                ),
                (
                    "Most weeks of compensation",
                    p.discretionary.max_weeks.to_string(),
                    &p.discretionary.source,
                ),
                (
                    "Consultation bands",
                    p.consultation
                        .bands
                        .iter()
                        .map(|b| format!("{}+: {} days", b.min_redundancies, b.days))
                        .collect::<Vec<_>>()
                        .join(", "),
                    &p.consultation.source,
                ),
                (
                    "Exit package thresholds",
                    format!(
                        "{} full council, {} reported",
                        p.approval.full_council.whole(),
                        p.approval.reportable.whole()
                    ),
                    &p.approval.source,
                ),
                (
                    "Pension strain estimate",
                    format!(
                        "1/{} to 65 before {}, 1/{} to state pension age after; {:.0}% a year early, factor {}",
                        p.lgps.strain_estimate.final_salary_divisor,
                        p.lgps.strain_estimate.scheme_change,
                        p.lgps.strain_estimate.accrual_divisor,
                        p.lgps.strain_estimate.reduction_per_year * 100.0,
                        p.lgps.strain_estimate.annuity_factor
                    ),
                    &p.lgps.strain_estimate.source,
                ),
            ] {
                widgets::setting_label(ui, label);
                ui.label("");
                wrapped(ui, value, VALUE_WIDTH);
                wrapped(
                    ui,
                    RichText::new(source.as_str()).size(theme::SMALL_SIZE),
                    SOURCE_WIDTH,
                );
                ui.end_row();
            }
        });
    for p in problems {
        widgets::problem(ui, p, true);
    }
}

/// The cap's assumed yearly rise after the last cap stored (a grid row of four cells).
fn cap_rise_row(ui: &mut Ui, rise: &mut f64, what: &mut Option<&'static str>) {
    // After the last cap's year: held, or raised by an assumed yearly rise.
    let label = widgets::setting_label(ui, "Yearly rise of the cap after the last one");
    let mut pc = *rise * 100.0;
    if ui
        .add(
            egui::DragValue::new(&mut pc)
                .range(0.0..=20.0)
                .speed(0.05)
                .max_decimals(2)
                .suffix("%"),
        )
        .said(format!("{}%", trimmed(pc, 2)), 0.01)
        .labelled_by(label.id)
        .changed()
    {
        *rise = pc / 100.0;
        *what = Some("change the cap's assumed rise");
    }
    ui.label("");
    wrapped(
        ui,
        egui::RichText::new(
            "A planning assumption, not a rule: 0% holds the last cap; flagged either way",
        )
        .weak(),
        SOURCE_WIDTH,
    );
    ui.end_row();
}

/// The protected pension age: applied or not, confirmed or not (two grid rows of four cells).
fn protected_age_row(
    ui: &mut Ui,
    protection: &mut crate::model::ProtectedAge,
    what: &mut Option<&'static str>,
) {
    // The protected pension age: a plan setting while the LGPS has not confirmed it.
    widgets::setting_label(ui, "Protected pension age");
    ui.label("");
    let keep = format!(
        "Members since before {} keep {}",
        protection.joined_before, protection.age
    );
    if ui.checkbox(&mut protection.applies, keep).changed() {
        *what = Some("change protected pension age");
    }
    wrapped(
        ui,
        egui::RichText::new(&protection.source).weak(),
        SOURCE_WIDTH,
    );
    ui.end_row();
    ui.label("");
    ui.label("");
    if ui
        .checkbox(&mut protection.confirmed, "Confirmed for the LGPS")
        .changed()
    {
        *what = Some("change protected pension age confirmed");
    }
    ui.end_row();
}
