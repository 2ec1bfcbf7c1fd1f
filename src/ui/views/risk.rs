//! Money > Uncertainty: the scenario in use run over its uncertain inputs (a Monte Carlo run, off
//! the window's thread with progress and Cancel), then the spread of each headline figure, the
//! chances, the fan of cumulative net by financial year and the tornado; and the editor of a set
//! of ranges (a scenario's or the plan's).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use egui::{Grid, RichText, Ui};

use crate::charts::ChartState;
use crate::document::Derived;
use crate::engine::risk::{self, Risk};
use crate::model::{Chart, Money, Plan, Range, Ranges};
use crate::theme;
use crate::ui::access::{Said as _, trimmed};
use crate::ui::card::card_ui;
use crate::ui::command::Command;

/// A run under way.
struct Job {
    progress: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    draws: usize,
    /// The plan's revision when the run started: an edit during it makes the result stale.
    revision: u64,
    receiver: mpsc::Receiver<Option<Risk>>,
    /// Started for the slides' fan and tornado, not asked for in the Money view.
    for_slides: bool,
}

impl Drop for Job {
    /// A run nobody waits for any more (the window closed, another plan opened) stops at its
    /// next draw rather than keep both cores busy.
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The panel's state: the run under way, and the last result with the revision it was for.
#[derive(Default)]
pub struct State {
    job: Option<Job>,
    result: Option<(u64, Risk)>,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("running", &self.job.is_some())
            .field("result", &self.result.as_ref().map(|(at, _)| at))
            .finish()
    }
}

impl State {
    /// Whether a run is under way.
    pub fn running(&self) -> bool {
        self.job.is_some()
    }

    /// Waits for the run under way (tests; the window polls instead).
    pub fn finish(&mut self) {
        if let Some(job) = self.job.take()
            && let Ok(Some(result)) = job.receiver.recv()
        {
            self.result = Some((job.revision, result));
        }
    }

    /// The last result.
    pub fn result(&self) -> Option<&Risk> {
        self.result.as_ref().map(|(_, r)| r)
    }

    /// The last result, if it was made for `revision` of the plan and `scenario`.
    pub fn current(&self, revision: u64, scenario: &str) -> Option<&Risk> {
        self.result
            .as_ref()
            .filter(|(at, r)| *at == revision && r.scenario == scenario)
            .map(|(_, r)| r)
    }

    /// Starts a run of `scenario` of the plan at `revision`, off the window's thread.
    pub fn start(&mut self, plan: &Plan, scenario: &str, revision: u64) {
        self.start_for(plan, scenario, revision, false);
    }

    /// Starts a run for the slides' fan and tornado: stopped when the presentation ends
    /// ([`Self::stop_for_slides`]).
    pub fn start_for_slides(&mut self, plan: &Plan, scenario: &str, revision: u64) {
        self.start_for(plan, scenario, revision, true);
    }

    /// Stops a run started for the slides (the presentation has ended before it finished).
    pub fn stop_for_slides(&mut self) {
        if self.job.as_ref().is_some_and(|j| j.for_slides) {
            self.job = None;
        }
    }

    fn start_for(&mut self, plan: &Plan, scenario: &str, revision: u64, for_slides: bool) {
        let Some(scenario) = plan.scenario(scenario) else {
            return;
        };
        let settings = risk::Settings::default();
        let progress = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, receiver) = mpsc::channel();
        let plan = plan.clone();
        let (p, c) = (Arc::clone(&progress), Arc::clone(&cancel));
        std::thread::spawn(move || {
            let _ = sender.send(risk::run(&plan, &scenario, settings, &p, &c));
        });
        self.job = Some(Job {
            progress,
            cancel,
            draws: settings.draws,
            revision,
            receiver,
            for_slides,
        });
    }

    /// Takes a finished run in, marked with the revision it was started at.
    pub fn poll(&mut self) {
        let Some(job) = &self.job else { return };
        match job.receiver.try_recv() {
            Ok(done) => {
                if let Some(result) = done {
                    self.result = Some((job.revision, result));
                }
                self.job = None;
            }
            Err(mpsc::TryRecvError::Disconnected) => self.job = None,
            Err(mpsc::TryRecvError::Empty) => {}
        }
    }
}

/// The Uncertainty section of the Money view, for the scenario in use.
pub fn ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    state: &mut State,
    charts: &mut ChartState,
    commands: &mut Vec<Command>,
) {
    let scenario = derived.outcome.scenario.as_str();
    let revision = derived.revision;
    crate::ui::access::heading(ui, "Uncertainty");
    let ranges = plan
        .scenario(scenario)
        .map(|s| s.ranges.or(&plan.assumptions.ranges))
        .unwrap_or_default();
    if !ranges.any() {
        ui.label(
            "No input of this scenario is uncertain: give a range to VR take-up, redeployment, strain, exit dates, the pay award or implementation costs (Scenarios, or Assumptions for the plan) and run it here.",
        );
        return;
    }
    state.poll();
    ui.horizontal(|ui| {
        if let Some(job) = &state.job {
            let done = job.progress.load(Ordering::Relaxed);
            ui.add(
                egui::ProgressBar::new(done as f32 / job.draws.max(1) as f32)
                    .text(format!(
                        "{} of {} draws",
                        crate::format::thousands(done as u64),
                        crate::format::thousands(job.draws as u64)
                    ))
                    .desired_width(320.0),
            );
            if ui.button("Cancel").clicked() {
                job.cancel.store(true, Ordering::Relaxed);
            }
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        } else if ui
            .button("Run 2,000 draws")
            .on_hover_text("Runs the whole plan 2,000 times, each input drawn between its low and high values (most often near its likely value)")
            .clicked()
        {
            state.start(plan, scenario, revision);
        }
    });
    let Some((at, r)) = &state.result else {
        return;
    };
    if *at != revision || r.scenario != scenario {
        ui.colored_label(
            theme::palette(ui).warning,
            "The plan or scenario has changed since this run: run it again",
        );
    }
    figures_ui(ui, r);
    // The charts are the run's for the plan as it stands (the window takes them in).
    for chart in [Chart::Fan, Chart::Tornado] {
        ui.add_space(theme::SECTION_GAP);
        card_ui(ui, chart, &derived.series, None, charts, commands);
    }
}

fn money(x: f64) -> String {
    Money::from_pounds_f64(x).compact()
}

fn figures_ui(ui: &mut Ui, r: &Risk) {
    ui.label(format!(
        "Scenario {}: {} draws (seed {})",
        r.scenario,
        crate::format::thousands(r.draws as u64),
        r.seed
    ));
    let years = crate::format::years_or_never;
    Grid::new("risk figures")
        .striped(true)
        .num_columns(4)
        .spacing([24.0, 6.0])
        .show(ui, |ui| {
            for h in ["Figure", "P10", "P50", "P90"] {
                ui.strong(h);
            }
            ui.end_row();
            let rows = [
                (
                    "Recurring saving a year",
                    r.recurring_saving,
                    money as fn(f64) -> String,
                ),
                ("One-off cost", r.one_off_cost, money),
                ("Payback", r.payback_years, years),
                ("People dismissed compulsorily", r.compulsory_people, |x| {
                    format!("{x:.1}")
                }),
            ];
            for (label, q, show) in rows {
                ui.label(label);
                ui.label(show(q.p10));
                ui.label(show(q.p50));
                ui.label(show(q.p90));
                ui.end_row();
            }
        });
    let percent = |p: f64| format!("{:.0}%", p * 100.0);
    ui.label(
        RichText::new(format!(
            "Chance of payback within {} years: {}   Every council meets go-live: {}   Compulsory redundancies needed: {}",
            r.payback_limit_years,
            percent(r.p_payback_within_limit),
            percent(r.p_go_live_met),
            percent(r.p_compulsory_needed)
        ))
        .size(theme::HEADLINE_LABEL_SIZE),
    );
}

/// An input in the ranges' editor: its label, its field, the scale it is shown at, and the
/// range it starts with when ticked.
type Input = (
    &'static str,
    fn(&mut Ranges) -> &mut Option<Range>,
    f64,
    Range,
);

/// The editor of a set of ranges: each input, whether it is uncertain, and its low, likely and
/// high values. Returns whether anything changed.
pub fn ranges_ui(ui: &mut Ui, id: &str, ranges: &mut Ranges) -> bool {
    let mut changed = false;
    // Percentages for shares; weeks and the strain factor as they are.
    let inputs: [Input; 6] = [
        (
            "VR take-up, %",
            |r| &mut r.vr_take_up,
            100.0,
            tri(0.05, 0.15, 0.35),
        ),
        (
            "Redeployment rate, %",
            |r| &mut r.redeployment_rate,
            100.0,
            tri(0.1, 0.25, 0.4),
        ),
        (
            "Indicative strain, × estimate",
            |r| &mut r.strain_estimate_factor,
            1.0,
            tri(0.8, 1.0, 1.4),
        ),
        (
            "Exits slipping, weeks",
            |r| &mut r.exit_slip_weeks,
            1.0,
            tri(0.0, 2.0, 12.0),
        ),
        (
            "Next pay award, %",
            |r| &mut r.pay_award,
            100.0,
            tri(0.02, 0.03, 0.05),
        ),
        (
            "Implementation overrun, %",
            |r| &mut r.implementation_overrun,
            100.0,
            tri(0.0, 0.1, 0.4),
        ),
    ];
    Grid::new(("ranges", id))
        .num_columns(5)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for h in ["Uncertain input", "Uncertain", "Low", "Likely", "High"] {
                ui.strong(h);
            }
            ui.end_row();
            for (label, field, scale, start) in inputs {
                ui.label(label);
                let slot = field(ranges);
                let mut on = slot.is_some();
                if ui
                    .checkbox(&mut on, "")
                    .accessible_name(format!("{label}: uncertain"))
                    .changed()
                {
                    *slot = on.then_some(start);
                    changed = true;
                }
                if let Some(r) = slot {
                    for (which, value) in [
                        ("low", &mut r.low),
                        ("likely", &mut r.likely),
                        ("high", &mut r.high),
                    ] {
                        let mut shown = *value * scale;
                        if ui
                            .add(egui::DragValue::new(&mut shown).speed(0.1).max_decimals(2))
                            .said(trimmed(shown, 2), 0.01)
                            .accessible_name(format!("{label}: {which}"))
                            .changed()
                        {
                            *value = shown / scale;
                            changed = true;
                        }
                    }
                }
                ui.end_row();
            }
        });
    changed
}

/// The fields of the ranges' problems.
pub const RANGE_FIELDS: [&str; 7] = [
    "vr_take_up",
    "redeployment_rate",
    "strain_estimate_factor",
    "exit_slip_weeks",
    "pay_award",
    "implementation_overrun",
    "payback_limit_years",
];

const fn tri(low: f64, likely: f64, high: f64) -> Range {
    Range { low, likely, high }
}
