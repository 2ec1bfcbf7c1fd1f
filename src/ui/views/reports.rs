//! The read-only views: redundancy pools, money and the timetable. Each leads with its charts
//! (with their figures a click away) and keeps the detailed tables a finance officer checks.

use egui::{Grid, RichText, Ui};

use crate::charts::ChartState;
use crate::document::Derived;
use crate::engine::Flows;
use crate::format::fte;
use crate::model::{Chart, Plan};
use crate::theme;
use crate::ui::card::card_ui;
use crate::ui::command::Command;

const POOL_COLUMNS: [&str; 9] = [
    "Function or role",
    "FTE today",
    "Vacancies deleted",
    "VR",
    "Redeployed",
    "Compulsory",
    "Kept",
    "Target FTE",
    "New posts",
];

/// A function's or role's row of the pools table, as it reads.
fn pool_words(name: &str, f: &Flows, target: f64, new_posts: f64) -> Vec<String> {
    let voluntary = if f.bumped > 0.05 {
        format!("{} ({} bumped)", fte(f.voluntary), fte(f.bumped))
    } else {
        fte(f.voluntary)
    };
    let mut row = vec![
        name.to_owned(),
        fte(f.current()),
        fte(f.vacancies_deleted),
        voluntary,
    ];
    row.extend(
        [
            f.redeployed_out,
            f.compulsory,
            f.kept_total(),
            target,
            new_posts,
        ]
        .map(fte),
    );
    row
}

/// The pools chart, per function or the roles of one, then every function and role in a table.
pub fn pools_ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    state: &mut ChartState,
    commands: &mut Vec<Command>,
) {
    let o = &derived.outcome;
    ui.label("FTE by function and role: vacancies deleted first, then voluntary redundancy, redeployment and compulsory redundancy");
    ui.horizontal(|ui| {
        let label = ui.label("Show");
        let shown = state
            .pools_function
            .and_then(|f| o.functions.get(f))
            .map_or_else(
                || "Every function".to_owned(),
                |f| format!("Roles in {}", f.name),
            );
        let r = egui::ComboBox::from_id_salt("pools drill-down")
            .selected_text(shown.as_str())
            .width(240.0)
            .show_ui(ui, |ui| {
                crate::ui::access::option(ui, &mut state.pools_function, None, "Every function");
                for (i, f) in o.functions.iter().enumerate() {
                    crate::ui::access::option(
                        ui,
                        &mut state.pools_function,
                        Some(i),
                        format!("Roles in {}", f.name),
                    );
                }
            })
            .response
            .labelled_by(label.id);
        crate::ui::access::combo_value(&r, &shown);
    });
    if state.pools_function.is_some_and(|f| f >= o.functions.len()) {
        state.pools_function = None;
    }
    card_ui(ui, Chart::Pools, &derived.series, None, state, commands);
    ui.add_space(theme::SECTION_GAP);
    crate::ui::access::section(ui, "Every function and role");
    if o.functions.is_empty() {
        ui.label("Nothing to show: the plan has no functions");
        return;
    }
    let t = &o.totals;
    let mut rows = vec![pool_words(
        "All functions",
        &t.flows,
        t.target_fte,
        t.new_posts,
    )];
    let mut strong = vec![true];
    let mut bumped = t.flows.bumped > 0.05;
    for (i, f) in o.functions.iter().enumerate() {
        rows.push(pool_words(&f.name, &f.flows, f.target_fte, f.new_posts));
        strong.push(true);
        for r in o.roles.iter().filter(|r| r.function == i) {
            rows.push(pool_words(
                &format!("    {}", r.title),
                &r.flows,
                r.target_fte,
                r.new_posts,
            ));
            strong.push(false);
            bumped |= r.flows.bumped > 0.05;
        }
    }
    let headings = POOL_COLUMNS.map(str::to_owned);
    crate::ui::access::grid(
        ui,
        "pools",
        "Every function and role",
        &headings,
        &rows,
        &strong,
    );
    if bumped {
        ui.label(
            RichText::new("Bumped: volunteers from roles not at risk whose posts people at risk take; those people count as redeployed")
                .weak(),
        );
    }
    if plan.roles.is_empty() {
        ui.label("No roles yet: add them in the Target structure view");
    }
}

/// The equality table's columns the view shows: group, workforce, its share, at risk, expected
/// to leave, their share, rate, finding.
const EQUALITY_COLUMNS: [usize; 8] = [2, 3, 6, 4, 5, 8, 9, 10];

/// Pools > Equality's protected table, made off the window's thread (protecting the example's
/// takes seconds) and made again only when the equality figures change, not at every edit.
#[derive(Debug, Default)]
pub struct EqualityState {
    /// The figures' fingerprint at the plan's last revision (revision, fingerprint).
    fingerprint: Option<(u64, u64)>,
    /// The fingerprint the table being made is for.
    job: Option<(
        u64,
        std::sync::mpsc::Receiver<crate::figures::tables::Table>,
    )>,
    /// The last table made, with the fingerprint it is for.
    table: Option<(u64, crate::figures::tables::Table)>,
}

impl EqualityState {
    /// The protected table for the plan as it stands, starting it if it is not under way;
    /// `None` while it is made.
    fn current(
        &mut self,
        plan: &crate::model::Plan,
        derived: &Derived,
    ) -> Option<&crate::figures::tables::Table> {
        let revision = derived.revision;
        let key = match self.fingerprint {
            Some((r, key)) if r == revision => key,
            _ => {
                let key = crate::figures::tables::equality_fingerprint(plan, &derived.outcome);
                self.fingerprint = Some((revision, key));
                key
            }
        };
        if let Some((k, receiver)) = &self.job {
            match receiver.try_recv() {
                Ok(table) => {
                    self.table = Some((*k, table));
                    self.job = None;
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.job = None,
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
            }
        }
        let ready = self.table.as_ref().is_some_and(|(k, _)| *k == key);
        // One table is made at a time: edits made meanwhile (a slider dragged) wait for it, and
        // only the figures as they stand when it finishes are protected next.
        if !ready && self.job.is_none() {
            let (sender, receiver) = std::sync::mpsc::channel();
            let (plan, outcome) = (plan.clone(), derived.outcome.clone());
            std::thread::spawn(move || {
                let _ = sender.send(crate::figures::tables::protected_equality(&plan, &outcome));
            });
            self.job = Some((key, receiver));
        }
        self.table
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, t)| t)
    }

    /// Waits for the table being made (tests; the window polls instead).
    pub fn finish(&mut self) {
        if let Some((k, receiver)) = self.job.take()
            && let Ok(table) = receiver.recv()
        {
            self.table = Some((k, table));
        }
    }
}

/// A text cell's words (nothing for a number).
fn text(c: &crate::figures::tables::Cell) -> &str {
    match c {
        crate::figures::tables::Cell::Text(s) => s,
        _ => "",
    }
}

/// The equality impact: by age and by each characteristic the establishment records, the
/// workforce, the people at risk and those expected to leave, each group's rate of selection and
/// the four-fifths rule's finding, for every pool or one. The figures are the anonymised papers'
/// (docs/disclosure.md): a group of fewer than 5 people says so, and a figure that would give one
/// away is not shown, so the view can go on a slide or into the council's equality impact
/// assessment as it is.
pub fn equality_ui(
    ui: &mut Ui,
    plan: &crate::model::Plan,
    derived: &Derived,
    state: &mut ChartState,
    protected: &mut EqualityState,
    commands: &mut Vec<Command>,
) {
    use crate::figures::words::selection_words;
    let e = derived.equality();
    let o = &derived.outcome;
    let palette = theme::palette(ui);
    card_ui(
        ui,
        crate::model::Chart::Equality,
        &derived.series,
        None,
        state,
        commands,
    );
    ui.add_space(theme::SECTION_GAP / 2.0);
    let Some(age) = e.age() else { return };
    let Some(table) = protected.current(plan, derived) else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Protecting the figures so that nothing hidden can be worked out…");
        });
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(100));
        return;
    };
    // The workforce's rate, from everyone's row of all pools by age (unless it is hidden).
    let everyone = table
        .rows
        .iter()
        .find(|r| text(&r[0]) == "All pools" && text(&r[2]) == "Everyone")
        .map_or_else(String::new, |r| r[9].shown());
    ui.label(format!(
        "The workforce's rate of selection is {everyone}. A group selected at under four-fifths or over five-fourths of it is flagged (the four-fifths rule). A group of fewer than 5 people says so, and a figure that would give one away by subtraction says \"not shown\", as in the anonymised papers."
    ));
    if e.breakdowns.len() == 1 {
        ui.label("Sex, ethnicity and disability are shown too where the establishment records them (optional columns of the import).");
    }
    // The pools with someone at risk, to choose one.
    let pools: Vec<usize> = (0..o.roles.len())
        .filter(|&i| age.pools.get(i).is_some_and(|p| p.total().at_risk > 0.0))
        .collect();
    if state.equality_pool.is_some_and(|p| !pools.contains(&p)) {
        state.equality_pool = None;
    }
    let name = |p: Option<usize>| p.map_or("Every pool".to_owned(), |i| o.roles[i].title.clone());
    let shown = name(state.equality_pool);
    let r = egui::ComboBox::from_label("Pool")
        .selected_text(shown.as_str())
        .show_ui(ui, |ui| {
            crate::ui::access::option(ui, &mut state.equality_pool, None, name(None));
            for &i in &pools {
                crate::ui::access::option(ui, &mut state.equality_pool, Some(i), name(Some(i)));
            }
        })
        .response;
    crate::ui::access::combo_value(&r, &shown);
    let pool = state
        .equality_pool
        .map_or("All pools", |i| o.roles[i].title.as_str());
    let flagged = [
        selection_words(crate::engine::equality::Selection::Under),
        selection_words(crate::engine::equality::Selection::Over),
    ];
    for b in &e.breakdowns {
        ui.add_space(6.0);
        Grid::new(("equality", b.characteristic.key()))
            .striped(true)
            .num_columns(8)
            .spacing([20.0, 6.0])
            .show(ui, |ui| {
                ui.strong(b.characteristic.name());
                for h in &crate::figures::report::EQUALITY_HEADINGS[1..] {
                    ui.strong(*h);
                }
                ui.end_row();
                let rows = table
                    .rows
                    .iter()
                    .filter(|r| text(&r[0]) == pool && text(&r[1]) == b.characteristic.name());
                for row in rows {
                    let everyone = text(&row[2]) == "Everyone";
                    for &c in &EQUALITY_COLUMNS[..7] {
                        let cell = row[c].shown();
                        if everyone {
                            ui.strong(cell);
                        } else {
                            ui.label(cell);
                        }
                    }
                    let finding = row[10].shown();
                    if flagged.contains(&finding.as_str()) {
                        ui.colored_label(palette.warning, finding);
                    } else {
                        ui.label(finding);
                    }
                    ui.end_row();
                }
            });
    }
}

/// The waterfall, savings by function, money over time and the split between councils as charts,
/// then the one-off costs by kind.
pub fn money_ui(
    ui: &mut Ui,
    plan: &crate::model::Plan,
    derived: &Derived,
    state: &mut ChartState,
    commands: &mut Vec<Command>,
) {
    let o = &derived.outcome;
    super::levers::ui(ui, plan, o, commands);
    if let Some(p) = &o.pay_change {
        ui.label(format!(
            "Pay change for the staff who stay: {}",
            super::assumptions::pay_change_words(p)
        ));
    }
    ui.add_space(theme::SECTION_GAP / 2.0);
    for chart in [Chart::Waterfall, Chart::Savings, Chart::Money, Chart::Split] {
        card_ui(ui, chart, &derived.series, None, state, commands);
        ui.add_space(theme::SECTION_GAP);
    }
    let payback = o.totals.payback_years.map_or_else(
        || "The plan does not pay back: there is no recurring saving".to_owned(),
        |y| format!("Pays back in {y:.1} years"),
    );
    ui.label(payback);
    ui.add_space(theme::SECTION_GAP);
    crate::ui::access::section(ui, "One-off costs");
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
                ("Employer NI on termination payments", c.class1a_ni),
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
}

/// Each council's consultation, HR1, notices and exits against go-live: the chart, then the
/// details.
pub fn timetable_ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    state: &mut ChartState,
    commands: &mut Vec<Command>,
) {
    let o = &derived.outcome;
    let palette = theme::palette(ui);
    card_ui(ui, Chart::Timetable, &derived.series, None, state, commands);
    ui.add_space(theme::SECTION_GAP);
    crate::ui::access::section(ui, "Details");
    let phased = o.waves.len() > 1;
    if phased {
        for (w, wave) in o.waves.iter().enumerate() {
            ui.label(crate::figures::words::wave_sentence(plan, w, wave));
        }
    } else {
        ui.label(format!(
            "Consultation and HR1 from {}; go-live {}",
            o.consultation_start, o.go_live
        ));
    }
    ui.add_space(theme::SECTION_GAP / 2.0);
    if o.councils.is_empty() {
        ui.label("Nothing to show: the plan has no councils");
        return;
    }
    // Two-line headings keep each column as narrow as its dates, so all ten fit a 1280-point
    // laptop screen.
    Grid::new("timetable")
        .striped(true)
        .num_columns(10)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for h in [
                if phased { "Council,\nwave" } else { "Council" },
                "Go-live",
                "Proposed\nredundancies",
                "Consultation",
                "Notices\nfrom",
                "Notice",
                "Last exit",
                "Latest\nstart",
                "Meets\ngo-live",
                "Double\nrunning",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for c in &o.councils {
                // A row a wave when the functions go live in waves; the double running is the
                // council's, on its first row.
                let rows: Vec<&crate::engine::Timetable> = if phased {
                    c.waves.iter().collect()
                } else {
                    vec![&c.timetable]
                };
                for (n, t) in rows.into_iter().enumerate() {
                    let name = match t.wave.filter(|_| phased) {
                        Some(w) => format!("{} · {}", c.short_name, w + 1),
                        None => c.short_name.clone(),
                    };
                    ui.label(name).on_hover_text(&c.name);
                    ui.label(t.go_live.to_string());
                    let proposed = ui.label(crate::format::proposed(t.proposed, t.counted));
                    if t.counted != t.proposed {
                        proposed.on_hover_text(format!(
                            "{} dismissals at {} fall within one period of 90 days with this wave's own (a later wave's among them); that number decides the {} days of consultation owed (TULRCA 1992 s.188).",
                            t.counted, c.short_name, t.consultation_days
                        ));
                    }
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
                        ui.colored_label(palette.warning, "No");
                    }
                    ui.label(if n == 0 {
                        c.double_running_cost.whole()
                    } else {
                        String::new()
                    });
                    ui.end_row();
                }
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
        ui.label(if phased {
            "Every council finishes each wave's consultation and notice before its go-live"
        } else {
            "Every council finishes consultation and notice before go-live"
        });
    }
    for f in misses {
        ui.colored_label(palette.warning, format!("Warning: {}", f.message));
    }
}
