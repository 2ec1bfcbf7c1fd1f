//! The app window: the plan's headline figures, scenario choice, councils and flags.

use std::path::PathBuf;

use crate::engine::{self, Outcome};
use crate::io::plan_file;
use crate::model::{Plan, Severity, validate};

use super::theme;

/// The built-in example plan (Bournemouth and Poole), embedded so the app always opens on it.
pub const EXAMPLE_PLAN: &str = include_str!("../../saves/bournemouth-poole.ron");

/// The app icon.
pub const ICON: &[u8] = include_bytes!("../../assets/icon.png");

/// The built-in example plan, parsed.
///
/// # Panics
/// Never in a released build: the tests open the embedded file.
pub fn example_plan() -> Plan {
    // An embedded asset that the tests open: a true invariant, so `expect` is right here.
    #[expect(
        clippy::expect_used,
        reason = "the embedded example is checked by the tests"
    )]
    plan_file::parse(EXAMPLE_PLAN).expect("the built-in example plan parses")
}

/// The figures derived from the plan, rebuilt only when the plan or scenario changes.
struct Derived {
    revision: u64,
    /// The base scenario and then the plan's own, for the scenario list.
    scenario_names: Vec<String>,
    outcome: Outcome,
    errors: usize,
    warnings: usize,
}

/// The app's state: the plan, where it came from, the chosen scenario and the cached outcome.
pub struct App {
    plan: Plan,
    path: Option<PathBuf>,
    scenario: String,
    /// Bumped on every change to the plan or scenario; the outcome is rebuilt only when it moves.
    revision: u64,
    derived: Option<Derived>,
    evaluations: u64,
    /// The window title last sent, so it is sent again only when it changes.
    title_sent: String,
}

impl App {
    /// An app showing `plan`, opened from `path` if it came from a file.
    pub fn new(plan: Plan, path: Option<PathBuf>) -> Self {
        Self {
            plan,
            path,
            scenario: crate::model::Scenario::BASE.to_owned(),
            revision: 0,
            derived: None,
            evaluations: 0,
            title_sent: String::new(),
        }
    }

    /// The plan shown.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The chosen scenario's name.
    pub fn scenario(&self) -> &str {
        &self.scenario
    }

    /// Chooses a scenario by name (the base if unknown).
    pub fn set_scenario(&mut self, name: &str) {
        if self.scenario != name {
            name.clone_into(&mut self.scenario);
            self.revision += 1;
        }
    }

    /// How many times the outcome has been computed (it should not grow frame by frame).
    pub fn evaluations(&self) -> u64 {
        self.evaluations
    }

    /// The outcome of the chosen scenario, recomputed only if the plan or scenario changed.
    pub fn outcome(&mut self) -> &Outcome {
        &self.refresh().outcome
    }

    fn refresh(&mut self) -> &Derived {
        if self
            .derived
            .as_ref()
            .is_some_and(|d| d.revision != self.revision)
        {
            self.derived = None;
        }
        let (plan, scenario, revision, evaluations) = (
            &self.plan,
            &self.scenario,
            self.revision,
            &mut self.evaluations,
        );
        self.derived.get_or_insert_with(|| {
            let scenario = plan.scenario(scenario).unwrap_or_default();
            let outcome = engine::evaluate(plan, &scenario);
            let problems = validate(plan);
            let errors = problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count();
            *evaluations += 1;
            Derived {
                revision,
                scenario_names: plan.scenario_names(),
                outcome,
                errors,
                warnings: problems.len() - errors,
            }
        })
    }

    fn title(&self) -> String {
        let file = self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "built-in example".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        format!("{} ({file}) - Merger Planner", self.plan.name)
    }

    /// Draws the whole window: the scenario choice, headline figures, councils and flags.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let mut chosen = self.scenario.clone();
        self.refresh();
        let names = self
            .derived
            .as_ref()
            .map_or(&[][..], |d| d.scenario_names.as_slice());
        egui::Panel::top("top").show(ui, |ui| {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.heading(&self.plan.name);
                ui.add_space(20.0);
                scenario_ui(ui, names, &mut chosen);
            });
            ui.add_space(6.0);
        });
        // A new choice is applied at once, so this frame already shows its figures.
        self.set_scenario(&chosen);
        let dark = ui.visuals().dark_mode;
        let d = self.refresh();
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let o = &d.outcome;
                ui.label(format!(
                    "Consultation starts {}, go-live {}",
                    o.consultation_start, o.go_live
                ));
                ui.separator();
                ui.label(format!(
                    "{} validation errors, {} warnings",
                    d.errors, d.warnings
                ));
            });
        });
        egui::CentralPanel::default_margins().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    headlines_ui(ui, &d.outcome, dark);
                    ui.add_space(theme::SECTION_GAP);
                    councils_ui(ui, &d.outcome);
                    ui.add_space(theme::SECTION_GAP);
                    flags_ui(ui, &d.outcome, dark);
                });
        });
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
        let title = self.title();
        if title != self.title_sent {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }
}

fn scenario_ui(ui: &mut egui::Ui, names: &[String], chosen: &mut String) {
    let label = ui.label("Scenario");
    egui::ComboBox::from_id_salt("scenario")
        .selected_text(chosen.as_str())
        .show_ui(ui, |ui| {
            for name in names {
                ui.selectable_value(chosen, name.clone(), name);
            }
        })
        .response
        .labelled_by(label.id);
}

fn headline(ui: &mut egui::Ui, label: &str, value: &str, colour: Option<egui::Color32>) {
    ui.vertical(|ui| {
        ui.label(egui::RichText::new(label).size(theme::HEADLINE_LABEL_SIZE));
        let mut text = egui::RichText::new(value)
            .size(theme::HEADLINE_SIZE)
            .strong();
        if let Some(c) = colour {
            text = text.color(c);
        }
        ui.label(text);
    });
}

fn headlines_ui(ui: &mut egui::Ui, o: &Outcome, dark: bool) {
    let t = &o.totals;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 48.0;
        headline(ui, "FTE today", &format!("{:.1}", t.flows.current()), None);
        headline(ui, "Target FTE", &format!("{:.1}", t.target_fte), None);
        headline(
            ui,
            "Recurring saving a year",
            &t.recurring_saving.compact(),
            Some(theme::good(dark)),
        );
        headline(ui, "One-off cost", &t.one_off_cost.compact(), None);
        let payback = t
            .payback_years
            .map_or_else(|| "none".to_owned(), |y| format!("{y:.1} years"));
        headline(ui, "Payback", &payback, None);
        let year = t
            .payback_year
            .map_or_else(|| "not in horizon".to_owned(), |y| y.to_string());
        headline(ui, "Net positive in", &year, None);
    });
}

fn councils_ui(ui: &mut egui::Ui, o: &Outcome) {
    ui.heading("Councils");
    egui::Grid::new("councils")
        .striped(true)
        .num_columns(7)
        .spacing([24.0, 6.0])
        .show(ui, |ui| {
            for h in [
                "Council",
                "FTE",
                "Share",
                "Saving a year",
                "One-off",
                "Consultation",
                "Meets go-live",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for c in &o.councils {
                ui.label(&c.name);
                ui.label(format!("{:.1}", c.flows.current()));
                ui.label(format!("{:.0}%", c.share_ratio * 100.0));
                ui.label(c.recurring_saving.compact());
                ui.label(c.one_off_cost.compact());
                ui.label(format!("{} days", c.timetable.consultation_days));
                ui.label(if c.timetable.meets_go_live {
                    "Yes"
                } else {
                    "No"
                });
                ui.end_row();
            }
        });
}

fn flags_ui(ui: &mut egui::Ui, o: &Outcome, dark: bool) {
    ui.heading(format!("Flags ({})", o.flags.len()));
    if o.flags.is_empty() {
        ui.label("Nothing to flag");
    }
    // Flags come sorted by kind: one collapsible group per kind, with its count.
    let mut start = 0;
    while start < o.flags.len() {
        let kind = o.flags[start].kind;
        let end = start
            + o.flags[start..]
                .iter()
                .take_while(|f| f.kind == kind)
                .count();
        let title = egui::RichText::new(format!("{} ({})", kind.label(), end - start))
            .color(theme::warning(dark))
            .strong();
        egui::CollapsingHeader::new(title)
            .id_salt(("flags", kind))
            .default_open(end - start <= 3)
            .show(ui, |ui| {
                for flag in &o.flags[start..end] {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(egui::RichText::new("•").color(theme::warning(dark)));
                        ui.label(&flag.message);
                    });
                }
            });
        start = end;
    }
}

/// Opens the window on a plan.
pub fn run(plan: Plan, path: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Merger Planner",
        options,
        Box::new(move |cc| {
            theme::apply(&cc.egui_ctx);
            Ok(Box::new(App::new(plan, path)))
        }),
    )
}
