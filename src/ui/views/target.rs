//! The Target structure view: functions and their roles, with an editor for the function or role
//! selected (name, function, target FTE and pay rule).

use egui::{Grid, RichText, Ui};

use super::Panels;
use crate::document::Derived;
use crate::document::edit::{self, Edit};
use crate::format::fte;
use crate::model::{Location, Money, Plan, Role, TargetPay};
use crate::theme;
use crate::ui::command::{Command, DeletionKind};
use crate::ui::widgets;

/// Draws the structure and the editor of the selected function or role.
pub fn ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    panels: &mut Panels,
    commands: &mut Vec<Command>,
) {
    crate::ui::access::heading(ui, "Target structure");
    ui.horizontal(|ui| {
        if ui.button("Add function").clicked() {
            commands.push(Command::Edit(edit::add_function(plan)));
        }
        if ui
            .button("Propose a target structure…")
            .on_hover_text("Set every role's target in one step: the larger council's establishment, a share of today's, or a saving by goal seek")
            .clicked()
        {
            panels.propose.open = true;
        }
        let target: f64 = plan.roles.iter().map(|r| r.target_fte).sum();
        ui.label(format!(
            "{} roles, target {} FTE",
            plan.roles.len(),
            fte(target)
        ));
    });
    let unset = plan
        .roles
        .iter()
        .filter(|r| r.target_from_establishment)
        .count();
    if unset > 0 {
        ui.label(
            RichText::new(format!(
                "{} still at today's FTE, as the import left {}: the plan saves nothing there until targets are set.",
                crate::format::plural(unset, "role"),
                if unset == 1 { "it" } else { "them" }
            ))
            .color(theme::palette(ui).warning),
        );
    }
    if panels.propose.open {
        propose_ui(ui, plan, &mut panels.propose, commands);
    }
    ui.add_space(8.0);
    ui.horizontal_top(|ui| {
        let list = egui::vec2(theme::LIST_WIDTH, ui.available_height());
        ui.allocate_ui_with_layout(list, egui::Layout::top_down(egui::Align::Min), |ui| {
            ui.set_width(theme::LIST_WIDTH);
            egui::ScrollArea::vertical()
                .id_salt("structure list")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    list_ui(ui, plan, derived, panels, commands);
                    crate::ui::access::scroll_focus_into_view(ui);
                });
        });
        ui.separator();
        ui.vertical(|ui| {
            if let Some((i, role)) = panels
                .role
                .as_deref()
                .and_then(|id| plan.roles.iter().enumerate().find(|(_, r)| r.id == id))
            {
                role_ui(ui, plan, derived, i, role, commands);
            } else if let Some((i, f)) = panels
                .function
                .as_deref()
                .and_then(|id| plan.functions.iter().enumerate().find(|(_, f)| f.id == id))
            {
                function_ui(ui, plan, derived, i, f, commands);
            } else {
                ui.label("Choose a function or role to edit it");
            }
        });
    });
}

fn list_ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    panels: &mut Panels,
    commands: &mut Vec<Command>,
) {
    for f in &plan.functions {
        ui.push_id(("structure function", &f.id), |ui| {
            let on = panels.function.as_deref() == Some(f.id.as_str()) && panels.role.is_none();
            if ui
                .selectable_label(on, RichText::new(&f.name).strong().size(theme::TAB_SIZE))
                .clicked()
            {
                panels.function = Some(f.id.clone());
                panels.role = None;
            }
            for (ri, r) in plan
                .roles
                .iter()
                .enumerate()
                .filter(|(_, r)| r.function == f.id)
            {
                let posts = derived.role_posts.get(ri).copied().unwrap_or_default();
                let on = panels.role.as_deref() == Some(r.id.as_str());
                let text = format!(
                    "    {} — target {} FTE, {posts} posts",
                    r.title,
                    fte(r.target_fte)
                );
                if ui.selectable_label(on, text).clicked() {
                    panels.role = Some(r.id.clone());
                    panels.function = Some(f.id.clone());
                }
            }
            if ui.small_button(format!("Add role to {}", f.name)).clicked() {
                commands.push(Command::Edit(edit::add_role(plan, &f.id)));
            }
            ui.add_space(6.0);
        });
    }
    let orphans: Vec<&Role> = plan
        .roles
        .iter()
        .filter(|r| plan.function(&r.function).is_none())
        .collect();
    if !orphans.is_empty() {
        crate::ui::access::section(ui, "Roles in no known function");
        for r in orphans {
            if ui
                .selectable_label(panels.role.as_deref() == Some(r.id.as_str()), &r.title)
                .clicked()
            {
                panels.role = Some(r.id.clone());
            }
        }
    }
}

fn function_ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    index: usize,
    f: &crate::model::Function,
    commands: &mut Vec<Command>,
) {
    ui.strong(format!("Function: {}", f.name));
    let problems = derived.problems_at(&Location::Function(f.id.clone()));
    Grid::new(("function editor", &f.id))
        .num_columns(2)
        .spacing([16.0, 8.0])
        .show(ui, |ui| {
            if let Some(name) = widgets::text(ui, "Function name", &f.name) {
                let mut functions = plan.functions.clone();
                if let Some(slot) = functions.get_mut(index) {
                    slot.name = name;
                }
                commands.push(Command::Edit(
                    Edit::functions("rename function", functions)
                        .keyed(format!("function name {}", f.id)),
                ));
            }
            ui.end_row();
            widgets::problems(ui, &problems, "name");
            // Its own go-live: the function goes live in a wave of its own.
            let edit = |what: &str, go_live: Option<jiff::civil::Date>| {
                let mut functions = plan.functions.clone();
                if let Some(slot) = functions.get_mut(index) {
                    slot.go_live = go_live;
                }
                Command::Edit(
                    Edit::functions(what, functions).keyed(format!("function go-live {}", f.id)),
                )
            };
            if let Some(on) = widgets::tick(ui, "Goes live on its own date", f.go_live.is_some()) {
                commands.push(edit(
                    "change function go-live",
                    on.then_some(f.go_live.unwrap_or(plan.programme.go_live)),
                ));
            }
            ui.end_row();
            if let Some(d) = f.go_live {
                if let Some(new) = widgets::date(ui, "Function go-live", d) {
                    commands.push(edit("change function go-live", Some(new)));
                }
                ui.end_row();
                widgets::problems(ui, &problems, "go_live");
            }
        });
    ui.label(format!(
        "Goes live on {}{}",
        f.go_live.unwrap_or(plan.programme.go_live),
        if f.go_live.is_some() {
            ": its consultation starts as long before as the programme's does"
        } else {
            ", with the programme"
        }
    ));
    if let Some(o) = derived.outcome.functions.get(index) {
        ui.label(format!(
            "Today {} FTE, target {} FTE, saving {} a year",
            fte(o.flows.current()),
            fte(o.target_fte),
            o.recurring_saving.compact()
        ));
    }
    ui.add_space(12.0);
    if ui.button("Delete function…").clicked() {
        commands.push(Command::Delete(DeletionKind::Function, f.id.clone()));
    }
    ui.add_space(12.0);
    crate::ui::review::comments_on(
        ui,
        plan,
        &crate::model::Topic::Function(f.id.clone()),
        commands,
    );
}

fn role_ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    index: usize,
    role: &Role,
    commands: &mut Vec<Command>,
) {
    ui.strong(format!("Role: {}", role.title));
    let problems = derived.problems_at(&Location::Role(role.id.clone()));
    let mut r = role.clone();
    let mut form = widgets::Form::new(&problems);
    Grid::new(("role editor", &role.id))
        .num_columns(2)
        .spacing([16.0, 8.0])
        .show(ui, |ui| {
            let new = widgets::text(ui, "Role title", &r.title);
            form.row(ui, "title", "rename role", new, |v| r.title = v);
            let new = widgets::choice(ui, "In function", &r.function, &derived.choices.functions);
            form.row(ui, "function", "move role", new, |v| r.function = v);
            let new = widgets::number(ui, "Role target FTE", r.target_fte, 0.0..=100_000.0, 1);
            form.row(ui, "target_fte", "change target FTE", new, |v| {
                r.target_fte = v;
                // Set by the director: a later import leaves it.
                r.target_from_establishment = false;
            });
            let rules = [
                (Rule::Salary, "A set salary".to_owned()),
                (Rule::Highest, "Harmonise to the highest".to_owned()),
                (Rule::Average, "Harmonise to the average".to_owned()),
                (Rule::Lowest, "Harmonise to the lowest".to_owned()),
                (Rule::Today, "Each post keeps today's pay".to_owned()),
            ];
            let current_salary = derived.outcome.roles.get(index).map(|o| o.target_salary);
            let new = widgets::choice(ui, "Pay rule", &Rule::of(r.pay), &rules);
            form.row(ui, "pay rule", "change pay rule", new, |v| {
                r.pay = v.pay(current_salary);
            });
            if let TargetPay::Salary(s) = r.pay {
                let new = widgets::money(ui, "Target salary", s, Money::pounds(10_000_000));
                form.row(ui, "pay", "change target salary", new, |v| {
                    r.pay = TargetPay::Salary(v);
                });
            } else {
                form.hidden(ui, "pay");
            }
        });
    if let Some(o) = derived.outcome.roles.get(index) {
        ui.label(format!(
            "Today {} FTE in {}; target pay {}; overlap {} FTE",
            fte(o.flows.current()),
            crate::format::plural(o.councils.len(), "council"),
            o.target_salary.whole(),
            fte(o.overlap)
        ));
        ui.label(pay_moves_words(&o.pay_moves));
    }
    ui.add_space(12.0);
    if ui.button("Delete role…").clicked() {
        commands.push(Command::Delete(DeletionKind::Role, role.id.clone()));
    }
    if let Some(what) = form.what {
        let mut roles = plan.roles.clone();
        if let Some(slot) = roles.get_mut(index) {
            *slot = r;
        }
        commands.push(Command::Edit(
            Edit::roles(what, roles).keyed(format!("role {what} {}", role.id)),
        ));
    }
    ui.add_space(12.0);
    crate::ui::review::comments_on(
        ui,
        plan,
        &crate::model::Topic::Role(role.id.clone()),
        commands,
    );
}

/// Who gains and who loses on harmonisation, in a sentence.
pub fn pay_moves_words(m: &crate::engine::PayMoves) -> String {
    let people = |n: u32| {
        if n == 1 {
            "1 person".to_owned()
        } else {
            format!("{} people", crate::format::thousands(u64::from(n)))
        }
    };
    match (m.gainers, m.losers) {
        (0, 0) => "Harmonising pay changes nobody's pay".to_owned(),
        (g, 0) => format!(
            "Harmonising pay: {} gain {} a year in all; nobody loses",
            people(g),
            m.gain.whole()
        ),
        (0, l) => format!(
            "Harmonising pay: {} lose {} a year in all (protected as the Assumptions say); nobody gains",
            people(l),
            m.loss.whole()
        ),
        (g, l) => format!(
            "Harmonising pay: {} gain {} a year in all; {} lose {} (protected as the Assumptions say)",
            people(g),
            m.gain.whole(),
            people(l),
            m.loss.whole()
        ),
    }
}

/// The pay rule without its figure, for the choice list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    Salary,
    Highest,
    Average,
    Lowest,
    Today,
}

impl Rule {
    fn of(pay: TargetPay) -> Self {
        match pay {
            TargetPay::Salary(_) => Self::Salary,
            TargetPay::HarmoniseHighest => Self::Highest,
            TargetPay::HarmoniseAverage => Self::Average,
            TargetPay::HarmoniseLowest => Self::Lowest,
            TargetPay::Today => Self::Today,
        }
    }

    /// The pay under this rule; a set salary starts at the role's current target pay.
    fn pay(self, current: Option<Money>) -> TargetPay {
        match self {
            Self::Salary => TargetPay::Salary(current.unwrap_or(Money::pounds(30_000))),
            Self::Highest => TargetPay::HarmoniseHighest,
            Self::Average => TargetPay::HarmoniseAverage,
            Self::Lowest => TargetPay::HarmoniseLowest,
            Self::Today => TargetPay::Today,
        }
    }
}

/// Structure > Propose a target structure…: how, and whether it is open.
#[derive(Clone, Copy, Debug)]
pub struct Propose {
    /// Shown under the heading.
    pub open: bool,
    /// The way chosen.
    pub way: Way,
    /// The share of today's FTE, for [`Way::Share`].
    pub share: f64,
}

impl Default for Propose {
    fn default() -> Self {
        Self {
            open: false,
            way: Way::Larger,
            share: 0.85,
        }
    }
}

/// A way to propose targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// The larger council's establishment in each role.
    Larger,
    /// A share of today's FTE in each role.
    Share,
    /// A saving, by goal seek.
    Seek,
}

fn propose_ui(ui: &mut Ui, plan: &Plan, state: &mut Propose, commands: &mut Vec<Command>) {
    ui.add_space(6.0);
    ui.group(|ui| {
        crate::ui::access::section(ui, "Propose a target structure");
        ui.label(
            "Sets every role's target in one step (one undo). The targets are then yours: a later import leaves them.",
        );
        ui.radio_value(
            &mut state.way,
            Way::Larger,
            "Keep the larger council's establishment in each role",
        );
        ui.horizontal(|ui| {
            ui.radio_value(&mut state.way, Way::Share, "A share of today's FTE in each role");
            if state.way == Way::Share
                && let Some(v) = widgets::percent(ui, "Share of today's FTE", state.share, 100.0)
            {
                state.share = v;
            }
        });
        ui.radio_value(
            &mut state.way,
            Way::Seek,
            "Reach a saving: Goal seek, in Scenarios",
        );
        ui.horizontal(|ui| {
            let go = match state.way {
                Way::Seek => "Open Goal seek",
                _ => "Propose",
            };
            if ui.button(go).clicked() {
                match state.way {
                    Way::Larger => commands.push(Command::Edit(edit::propose_targets(
                        plan,
                        edit::Proposal::LargerCouncil,
                    ))),
                    Way::Share => commands.push(Command::Edit(edit::propose_targets(
                        plan,
                        edit::Proposal::ShareOfToday(state.share),
                    ))),
                    Way::Seek => commands.push(Command::Show(crate::ui::command::View::Scenarios)),
                }
                state.open = false;
            }
            if ui.button("Cancel").clicked() {
                state.open = false;
            }
        });
    });
}
