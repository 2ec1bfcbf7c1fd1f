//! The selected post's details and its holder, edited in place.

use crate::document::Derived;
use crate::document::edit::Edit;
use crate::model::{Money, Monitoring, Plan, Post, Postholder};
use crate::ui::command::Command;
use crate::ui::widgets;
use egui::{Grid, RichText, Ui};

/// The post in focus with every field, including its postholder.
pub(super) fn details_ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    i: usize,
    post: &Post,
    commands: &mut Vec<Command>,
) {
    crate::ui::access::heading(ui, format!("Post {}", post.id));
    let outcome = derived.post_outcome(i, post);
    if !outcome.is_empty() {
        ui.label(RichText::new(format!("In this scenario: {outcome}")).strong());
    }
    let problems = derived.post_problems(i, &post.id);
    let mut p = post.clone();
    let mut form = widgets::Form::new(&problems);
    let choices = &derived.choices;
    Grid::new(("post editor", i))
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let new = widgets::text(ui, "Post id", &p.id);
            form.row(ui, "id", "change post id", new, |v| p.id = v);
            let new = widgets::text(ui, "Job title", &p.title);
            form.row(ui, "title", "change job title", new, |v| p.title = v);
            let new = widgets::text(ui, "Post grade", &p.grade);
            form.row(ui, "grade", "change grade", new, |v| p.grade = v);
            let new = widgets::choice(ui, "Employing council", &p.council, &choices.councils);
            form.row(ui, "council", "change council", new, |v| p.council = v);
            let new = widgets::choice(ui, "Function today", &p.function, &choices.functions);
            form.row(ui, "function", "change function", new, |v| p.function = v);
            let new = widgets::choice(ui, "Target role", &p.role, &choices.roles);
            form.row(ui, "role", "change role", new, |v| p.role = v);
            // A group of posts holds as many FTE as the file gave it.
            let most = if p.group.is_some() { 100_000.0 } else { 1.0 };
            let new = widgets::number(ui, "Post FTE", p.fte, 0.01..=most, 2);
            form.row(ui, "fte", "change FTE", new, |v| p.fte = v);
            let new = widgets::money(ui, "Full-time salary", p.salary, Money::pounds(10_000_000));
            form.row(ui, "salary", "change salary", new, |v| p.salary = v);
        });
    let mut what = form.what;
    if let Some(range) = post.pay_range {
        ui.label(format!(
            "Pay range {} to {}: paid at the council's point on it (Councils)",
            range.minimum.full(),
            range.maximum.full()
        ));
    }
    if let Some(group) = post.group {
        ui.label(match group.headcount {
            Some(h) => format!("A group of posts: {h} people, as the file gave it"),
            None => "A group of posts, as the file gave it: its people are its FTE over the council's average contract".to_owned(),
        });
    }
    ui.add_space(8.0);
    match &post.holder {
        None if post.unnamed => {
            ui.label("Held by people the plan does not name: their exit costs come from the council's workforce profile (indicative)");
            ui.horizontal(|ui| {
                if post.group.is_none() && ui.button("Name the holder").clicked() {
                    p.holder = Some(new_holder(plan));
                    p.unnamed = false;
                    what = Some("name the holder");
                }
                if ui.button("Make vacant").clicked() {
                    p.unnamed = false;
                    what = Some("make post vacant");
                }
            });
        }
        None => {
            ui.label("Vacant post");
            if ui.button("Fill post").clicked() {
                // A group's holders are never one named person.
                if post.group.is_some() {
                    p.unnamed = true;
                } else {
                    p.holder = Some(new_holder(plan));
                }
                what = Some("fill post");
            }
        }
        Some(h) => {
            crate::ui::access::section(ui, "Postholder");
            let mut h = h.clone();
            if holder_ui(ui, &mut h, &problems) {
                p.holder = Some(h);
                what = Some("change postholder");
            }
            if ui.button("Make vacant").clicked() {
                p.holder = None;
                what = Some("make post vacant");
            }
        }
    }
    if let Some(what) = what {
        commands.push(Command::Edit(
            Edit::post(what, i, p).keyed(format!("post {what} {i}")),
        ));
    }
    ui.add_space(12.0);
    crate::ui::review::comments_on(
        ui,
        plan,
        &crate::model::Topic::Post(post.id.clone()),
        commands,
    );
}

/// A postholder for a post just filled: a member of the LGPS with ten years' service at 40.
pub(super) fn new_holder(plan: &Plan) -> Postholder {
    let start = plan.programme.consultation_start;
    let back = |years: i16| jiff::civil::date(start.year() - years, start.month(), 1);
    Postholder {
        date_of_birth: back(40),
        service_start: back(10),
        lgps_member: true,
        notice_weeks: 0,
        vr_interest: false,
        critical: false,
        strain_quote: None,
        monitoring: Monitoring::default(),
    }
}

pub(super) fn holder_ui(
    ui: &mut Ui,
    h: &mut Postholder,
    problems: &[&crate::model::Problem],
) -> bool {
    let mut form = widgets::Form::new(problems);
    Grid::new("holder editor")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let new = widgets::date(ui, "Date of birth", h.date_of_birth);
            form.row(ui, "date_of_birth", "change date of birth", new, |v| {
                h.date_of_birth = v;
            });
            let new = widgets::date(ui, "Service start", h.service_start);
            form.row(ui, "service_start", "change service start", new, |v| {
                h.service_start = v;
            });
            let new = widgets::count(ui, "Contractual notice (weeks)", h.notice_weeks, 0..=52);
            form.row(ui, "notice_weeks", "change notice", new, |v| {
                h.notice_weeks = v;
            });
            let new = widgets::tick(ui, "LGPS member", h.lgps_member);
            form.row(ui, "lgps_member", "change LGPS membership", new, |v| {
                h.lgps_member = v;
            });
            let new = widgets::tick(ui, "Interested in VR", h.vr_interest);
            form.row(ui, "vr_interest", "change VR interest", new, |v| {
                h.vr_interest = v;
            });
            let new = widgets::tick(ui, "Critical post", h.critical);
            form.row(ui, "critical", "change critical post", new, |v| {
                h.critical = v;
            });
            let quoted = h.strain_quote.is_some();
            let new = widgets::tick(ui, "Fund has quoted the strain", quoted);
            form.row(ui, "strain_quoted", "change strain quote", new, |v| {
                h.strain_quote = v.then_some(Money::ZERO);
            });
            if let Some(q) = h.strain_quote {
                let new = widgets::money(ui, "Strain quote", q, Money::pounds(10_000_000));
                form.row(ui, "strain_quote", "change strain quote", new, |v| {
                    h.strain_quote = Some(v);
                });
            } else {
                form.hidden(ui, "strain_quote");
            }
        });
    form.what.is_some()
}
