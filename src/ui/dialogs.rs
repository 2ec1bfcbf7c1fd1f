//! Modal dialogs: unsaved changes, errors, deleting an item with posts, About and "How the figures
//! are computed". They push commands like any other drawing code.

use crate::ui::access::Showing as _;
use std::path::PathBuf;

use egui::{Context, Id, Modal, RichText, Ui};

use super::command::{Access, Answer, Command, DeletionKind, Exported, Papers};
use crate::document::edit::Orphans;
use crate::document::edit::{Edit, Settings};
use crate::export::offscreen;
use crate::model::{Chart, Plan, in_force};
use crate::theme;

/// A question or message shown over the window.
#[derive(Clone, Debug)]
pub enum Dialog {
    /// The plan has unsaved changes; `then` is what happens after the answer.
    Unsaved(Then),
    /// Something went wrong that the user must read.
    Error {
        /// The dialog's title.
        title: String,
        /// What went wrong, where and what to do.
        message: String,
    },
    /// A council, function or role with posts is being deleted: move or delete them?
    Delete {
        /// What is deleted.
        kind: DeletionKind,
        /// The id of what is deleted, as the plan keys it.
        id: String,
        /// Its name as the question says it.
        name: String,
        /// How many posts (and roles, for a function) go with it.
        posts: usize,
        /// Where the user chose to move them (an id of the same kind).
        move_to: String,
    },
    /// The size of a PNG export.
    Export {
        /// What is exported.
        what: Exported,
        /// Width in pixels, as typed.
        width: String,
        /// Height in pixels, as typed.
        height: String,
    },
    /// Which charts the presentation shows, in which order.
    Slides,
    /// Exporting the figures as tables: anonymised? with the leavers?
    Papers {
        /// Excel or CSV.
        kind: Papers,
        /// The choices so far.
        options: crate::figures::tables::Options,
    },
    /// About the app: what draws the window and where the app keeps its files.
    About(About),
    /// Merging a colleague's copy.
    Merge(Box<crate::ui::review::MergeDialog>),
    /// Signing off the plan as it stands.
    SignOff(crate::ui::review::SignOffDialog),
    /// Every comment, with its thread.
    Comments(crate::ui::review::CommentsDialog),
    /// How the figures are computed.
    HowComputed,
    /// The director's path through the app.
    GettingStarted,
    /// Every keyboard shortcut.
    Shortcuts,
    /// Another running copy has the plan open: open it read-only, edit anyway or not at all?
    Locked {
        /// The plan file.
        path: PathBuf,
        /// Who has it open, where and since when.
        who: String,
    },
    /// A crash left unsaved work: restore or discard it?
    Recover {
        /// The plan's name.
        name: String,
        /// The file it came from.
        from: Option<PathBuf>,
        /// When it was copied.
        when: String,
    },
}

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Then {
    /// Close the window.
    Quit,
    /// Start a new plan.
    New,
    /// Ask for a file and open it.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
}

/// Draws the dialog on top of the window.
pub fn show(ctx: &Context, dialog: &mut Dialog, plan: &Plan, commands: &mut Vec<Command>) {
    let response = Modal::new(Id::unique("dialog")).show(ctx, |ui| {
        // A fixed width: text wraps the same from the first frame, so buttons do not move.
        ui.set_width(theme::DIALOG_WIDTH);
        match dialog {
            Dialog::Unsaved(then) => unsaved_ui(ui, then, plan, commands),
            Dialog::Error { title, message } => {
                crate::ui::access::dialog_heading(ui, title.as_str());
                ui.add_space(8.0);
                ui.label(message.as_str());
                ui.add_space(12.0);
                if ui.button("OK").clicked() {
                    commands.push(Command::CloseDialog);
                }
            }
            Dialog::Delete {
                kind,
                id,
                name,
                posts,
                move_to,
            } => delete_ui(ui, *kind, id, name, *posts, move_to, plan, commands),
            Dialog::About(about) => about_ui(ui, about, commands),
            Dialog::Merge(m) => crate::ui::review::merge_ui(ui, m, plan, commands),
            Dialog::SignOff(s) => {
                crate::ui::review::sign_off_ui(ui, s, plan, crate::document::today(), commands);
            }
            Dialog::Comments(c) => crate::ui::review::comments_ui(ui, c, plan, commands),
            Dialog::HowComputed => how_ui(ui, plan, commands),
            Dialog::GettingStarted => getting_started_ui(ui, commands),
            Dialog::Shortcuts => shortcuts_ui(ui, commands),
            Dialog::Export {
                what,
                width,
                height,
            } => export_ui(ui, *what, width, height, commands),
            Dialog::Slides => slides_ui(ui, plan, commands),
            Dialog::Papers { kind, options } => papers_ui(ui, *kind, options, commands),
            Dialog::Recover { name, from, when } => {
                recover_ui(ui, name, from.as_deref(), when, commands);
            }
            Dialog::Locked { path, who } => locked_ui(ui, path, who, commands),
        }
    });
    if response.should_close() {
        // Escape or a click outside: the safe answer.
        commands.push(match dialog {
            Dialog::Unsaved(_) => Command::Answer(Answer::Cancel),
            // Keeping the work is the safe answer.
            Dialog::Recover { .. } => Command::Recover(true),
            _ => Command::CloseDialog,
        });
    }
}

fn unsaved_ui(ui: &mut Ui, then: &Then, plan: &Plan, commands: &mut Vec<Command>) {
    let doing = match then {
        Then::Quit => "closing",
        Then::New => "starting a new plan",
        Then::Open | Then::OpenPath(_) => "opening another plan",
    };
    crate::ui::access::dialog_heading(ui, "Save your changes?");
    ui.add_space(8.0);
    ui.label(format!(
        "\"{}\" has changes that are not saved. Save them before {doing}?",
        plan.name
    ));
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if ui.button("Save").clicked() {
            commands.push(Command::Answer(Answer::Save));
        }
        if ui.button("Don't save").clicked() {
            commands.push(Command::Answer(Answer::DontSave));
        }
        if ui.button("Cancel").clicked() {
            commands.push(Command::Answer(Answer::Cancel));
        }
    });
}

#[expect(
    clippy::too_many_arguments,
    reason = "the fields of one dialog, drawn in one place"
)]
fn delete_ui(
    ui: &mut Ui,
    kind: DeletionKind,
    id: &str,
    name: &str,
    posts: usize,
    move_to: &mut String,
    plan: &Plan,
    commands: &mut Vec<Command>,
) {
    let noun = kind.noun();
    crate::ui::access::dialog_heading(ui, format!("Delete {noun} {name}"));
    ui.add_space(8.0);
    let what = if kind == DeletionKind::Function {
        format!("{posts} roles and posts")
    } else {
        format!("{posts} posts")
    };
    ui.label(format!(
        "The {noun} \"{name}\" has {what}. Move them to another {noun}, or delete them with it?"
    ));
    ui.add_space(8.0);
    let others: Vec<(String, String)> = match kind {
        DeletionKind::Council => plan
            .councils
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect(),
        DeletionKind::Function => plan
            .functions
            .iter()
            .map(|f| (f.id.clone(), f.name.clone()))
            .collect(),
        DeletionKind::Role => plan
            .roles
            .iter()
            .map(|r| (r.id.clone(), r.title.clone()))
            .collect(),
    };
    let others: Vec<_> = others.into_iter().filter(|(i, _)| i != id).collect();
    ui.horizontal(|ui| {
        let label = ui.label("Move them to");
        let shown = others
            .iter()
            .find(|(i, _)| i == move_to)
            .map_or("(choose)", |(_, n)| n.as_str());
        egui::ComboBox::from_id_salt("move to")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for (i, n) in &others {
                    crate::ui::access::option(ui, move_to, i.clone(), n);
                }
            })
            .response
            .showing(shown)
            .labelled_by(label.id);
    });
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        let can_move = others.iter().any(|(i, _)| i == move_to);
        if ui
            .add_enabled(can_move, egui::Button::new("Move and delete"))
            .clicked()
        {
            commands.push(Command::DeleteWith(
                kind,
                id.to_owned(),
                Orphans::MoveTo(move_to.clone()),
            ));
        }
        if ui.button("Delete them too").clicked() {
            commands.push(Command::DeleteWith(kind, id.to_owned(), Orphans::Delete));
        }
        if ui.button("Cancel").clicked() {
            commands.push(Command::CloseDialog);
        }
    });
}

/// The director's path through the app, in six steps, each with a button to its view.
pub const GETTING_STARTED: [(&str, &str, crate::ui::command::View); 6] = [
    (
        "Import your councils' establishments",
        "File > Import establishment… reads each council's HR or payroll export (CSV or a spreadsheet) as it comes: it finds the headings, guesses each column and says what it cannot read, with the row.",
        crate::ui::command::View::Establishment,
    ),
    (
        "Check each council's settings",
        "Its redundancy scheme (VR and compulsory multipliers, pay basis, maximum weeks), LGPS employer rate and minimum service for VR, as its policy says; confirm those set by default.",
        crate::ui::command::View::Councils,
    ),
    (
        "Set the target structure",
        "The roles of the single service, each with its target FTE and how its pay is harmonised; posts today map onto them.",
        crate::ui::command::View::Target,
    ),
    (
        "Read the pools and the money",
        "Who falls into which redundancy pool, what it costs once, what it saves a year, when it pays back and how the councils share it.",
        crate::ui::command::View::Pools,
    ),
    (
        "Compare scenarios",
        "Change one thing at a time (VR only, a later go-live, a goal of £X a year) and compare the headline figures side by side.",
        crate::ui::command::View::Scenarios,
    ),
    (
        "Present",
        "The Dashboard's figures, then View > Present slides (F5) for the charts on the meeting-room screen.",
        crate::ui::command::View::Dashboard,
    ),
];

fn getting_started_ui(ui: &mut Ui, commands: &mut Vec<Command>) {
    crate::ui::access::dialog_heading(ui, "Getting started");
    ui.add_space(8.0);
    ui.label("A director's path through a merger plan, in six steps:");
    ui.add_space(8.0);
    for (i, (step, words, view)) in GETTING_STARTED.iter().enumerate() {
        ui.strong(format!("{}. {step}", i + 1));
        ui.label(*words);
        if ui
            .button(format!("Open {}", view.label()))
            .on_hover_text(format!("Closes this and shows the {} view", view.label()))
            .clicked()
        {
            commands.push(Command::CloseDialog);
            commands.push(Command::Show(*view));
        }
        ui.add_space(6.0);
    }
    if ui.button("Close").clicked() {
        commands.push(Command::CloseDialog);
    }
}

/// Every keyboard shortcut: the menus' (from the same table the menus and the window read) and
/// the presentation's.
pub fn shortcuts(ctx: &Context) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = crate::ui::command::Action::IN_MENU_ORDER
        .iter()
        .map(|a| {
            let keys: Vec<String> = a
                .shortcuts()
                .iter()
                .map(|s| ctx.format_shortcut(s))
                .collect();
            (
                a.label().trim_end_matches('…').to_owned(),
                keys.join(" or "),
            )
        })
        .collect();
    let mut steps: Vec<(String, Vec<String>)> = Vec::new();
    for (key, step) in crate::ui::present::KEYS {
        let name = format!("Presenting: {}", step.words());
        match steps.iter_mut().find(|(n, _)| *n == name) {
            Some((_, keys)) => keys.push(key.name().to_owned()),
            None => steps.push((name, vec![key.name().to_owned()])),
        }
    }
    rows.extend(steps.into_iter().map(|(n, k)| (n, k.join(", "))));
    rows.extend(
        crate::ui::access::KEYS
            .iter()
            .map(|(what, keys)| ((*what).to_owned(), (*keys).to_owned())),
    );
    rows
}

fn shortcuts_ui(ui: &mut Ui, commands: &mut Vec<Command>) {
    crate::ui::access::dialog_heading(ui, "Keyboard shortcuts");
    ui.add_space(8.0);
    let rows: Vec<Vec<String>> = shortcuts(ui.ctx())
        .into_iter()
        .map(|(what, keys)| vec![what, keys])
        .collect();
    let height = (ui.ctx().content_rect().height() * 0.6).min(560.0);
    egui::ScrollArea::both().max_height(height).show(ui, |ui| {
        crate::ui::access::grid(
            ui,
            "shortcuts",
            "Keyboard shortcuts",
            &["What".to_owned(), "Keys".to_owned()],
            &rows,
            &[],
        );
        crate::ui::access::scroll_focus_into_view(ui);
    });
    ui.add_space(12.0);
    if ui.button("Close").clicked() {
        commands.push(Command::CloseDialog);
    }
}

/// What About says of this copy of the app beyond its version.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct About {
    /// What draws the window, in words (none when not known, as in tests drawn off screen).
    pub renderer: Option<String>,
    /// The file the preferences are kept in.
    pub preferences: Option<std::path::PathBuf>,
    /// The folder unsaved work is copied into.
    pub recovery: Option<std::path::PathBuf>,
    /// The folder the versions saved and opened are kept in, for merges.
    pub versions: Option<std::path::PathBuf>,
}

fn about_ui(ui: &mut Ui, about: &About, commands: &mut Vec<Command>) {
    crate::ui::access::dialog_heading(ui, "Merger Planner");
    ui.add_space(8.0);
    ui.label(format!("Version {}", crate::version()));
    ui.label(format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
    ui.add_space(8.0);
    let shown = |p: &Option<std::path::PathBuf>, none: &str| {
        p.as_ref()
            .map_or_else(|| none.to_owned(), |p| p.display().to_string())
    };
    ui.label(format!(
        "Drawn with: {}",
        about.renderer.as_deref().unwrap_or("not known")
    ));
    ui.label(format!(
        "Preferences: {}",
        shown(&about.preferences, "not kept (no data folder)")
    ));
    ui.label(format!(
        "Unsaved work is copied to: {}",
        shown(&about.recovery, "nowhere (no data folder)")
    ));
    ui.label(format!(
        "Versions kept for merges: {}",
        shown(&about.versions, "none (no data folder)")
    ));
    ui.add_space(8.0);
    ui.label(
        "Plan the merger of councils' back-office services: overlap, savings, redundancy pools, \
         one-off costs, payback, the split between councils and the legal timetable.",
    );
    ui.add_space(12.0);
    if ui.button("Close").clicked() {
        commands.push(Command::CloseDialog);
    }
}

/// The collective consultation rule as the engine reads it, with the plan's own bands.
fn consultation_words(p: &crate::model::Parameters) -> String {
    let bands: Vec<String> = p
        .consultation
        .bands
        .iter()
        .map(|b| format!("{} days for {} or more", b.days, b.min_redundancies))
        .collect();
    format!(
        "Each council counts the people it proposes to dismiss by the day each dismissal takes effect (the end of their notice). Dismissals that fall within one period of {} days count together: the period's first and last days both count, so dismissals {} days apart count together and dismissals {} days apart do not. A later wave's dismissals count with an earlier wave's; an earlier wave's, already being consulted on, do not count again. Consultation owed before the first dismissal: {}. Form HR1 must reach the Insolvency Service before any notice is given and at least those days before the first dismissal",
        crate::engine::CONSULTATION_WINDOW_DAYS,
        crate::engine::CONSULTATION_WINDOW_DAYS - 1,
        crate::engine::CONSULTATION_WINDOW_DAYS,
        crate::format::and_list(&bands.iter().map(String::as_str).collect::<Vec<_>>())
    )
}

/// Each rule the engine applies and where it comes from (the sources are the plan's own, so a
/// plan made years ago shows the rules it computes with).
pub fn rules(plan: &Plan) -> Vec<(&'static str, String, String)> {
    let p = &plan.parameters;
    let go_live = plan.programme.go_live;
    let cap = in_force(&p.redundancy.weekly_caps, go_live).map_or_else(
        || "no cap in force".to_owned(),
        |c| format!("{} a week from {}", c.value.full(), c.from),
    );
    let cap_source =
        in_force(&p.redundancy.weekly_caps, go_live).map_or_else(String::new, |c| c.source.clone());
    // Full-year figures take the NI of the tax year starting in the first full year after go-live.
    let ni_date =
        crate::engine::rules::tax_year_start(crate::engine::rules::first_full_year(go_live));
    let ni = in_force(&p.employer_ni, ni_date).map_or_else(
        || ("none in force".to_owned(), String::new()),
        |n| {
            (
                format!(
                    "{:.1}% above {} a year in full-year figures (the tax year from {ni_date}); each financial year at the rates of the tax year that starts in it",
                    n.value.rate * 100.0,
                    n.value.threshold.whole()
                ),
                n.source.clone(),
            )
        },
    );
    let class_1a =
        in_force(&p.termination_ni.rates, go_live).map_or_else(String::new, |r| r.source.clone());
    vec![
        (
            "Statutory redundancy pay",
            format!(
                "{} weeks' pay for each complete year under {}, {} from {}, {} from {}; at most {} years counted back from the exit date; {} years' service to qualify",
                p.redundancy.lower_weeks,
                p.redundancy.middle_age,
                p.redundancy.middle_weeks,
                p.redundancy.middle_age,
                p.redundancy.higher_weeks,
                p.redundancy.higher_age,
                p.redundancy.max_years,
                p.redundancy.qualifying_years
            ),
            p.redundancy.source.clone(),
        ),
        ("Cap on a week's pay at go-live", cap, cap_source),
        (
            "Council compensation schemes",
            format!(
                "Each council's multiplier of the statutory weeks, on capped or actual pay, at most {} weeks",
                p.discretionary.max_weeks
            ),
            p.discretionary.source.clone(),
        ),
        (
            "Notice",
            format!(
                "One week a complete year of service, at most {} weeks, or the contract's notice if longer",
                p.notice.max_weeks
            ),
            p.notice.source.clone(),
        ),
        (
            "Pension strain",
            "The fund's quote where there is one; otherwise an indicative estimate for LGPS members of 2 years or more at or over the minimum pension age".to_owned(),
            p.lgps.strain_estimate.source.clone(),
        ),
        ("Employer National Insurance", ni.0, ni.1),
        (
            "Class 1A National Insurance on exit payments",
            format!("On the part of a termination payment above {}", p.termination_ni.threshold.whole()),
            class_1a,
        ),
        (
            "Apprenticeship levy",
            format!("{:.1}% of pay", p.apprenticeship_levy.value * 100.0),
            p.apprenticeship_levy.source.clone(),
        ),
        (
            "Collective consultation and HR1",
            consultation_words(p),
            p.consultation.source.clone(),
        ),
        (
            "Exit package approval",
            format!(
                "Packages of {} or more go to full council; {} or more are reported",
                p.approval.full_council.whole(),
                p.approval.reportable.whole()
            ),
            p.approval.source.clone(),
        ),
        (
            "Redundancy pools",
            "Vacancies are deleted first, then volunteers (best payback first, never below target), then redeployment into open posts, then compulsory redundancy as the expected cost of a fair selection".to_owned(),
            "The councils' redundancy and redeployment policies; TULRCA 1992 s.188(2) (avoiding and reducing dismissals)".to_owned(),
        ),
        (
            "Money by financial year and payback",
            "Savings and costs from their dates, part years by days or months to 31 March; payback is one-off cost ÷ recurring saving".to_owned(),
            "The local authority financial year, 1 April to 31 March (Local Government Act 1972 s.270); the councils' business cases".to_owned(),
        ),
        (
            "The split between councils",
            "The plan's rule applied to the full year and to each financial year's own figures; a line that names a council is that council's alone; one-off costs by the same ratio or by employing council; each council's total rounded once by largest remainder".to_owned(),
            "The councils' agreement for the shared service (Local Government Act 1972 s.101 and s.113)".to_owned(),
        ),
    ]
}

fn how_ui(ui: &mut Ui, plan: &Plan, commands: &mut Vec<Command>) {
    crate::ui::access::dialog_heading(ui, "How the figures are computed");
    ui.add_space(8.0);
    // A fixed height: the dialog keeps its size from the first frame.
    let height = (ui.ctx().content_rect().height() * 0.6).min(600.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .min_scrolled_height(height)
        .max_height(height)
        .show(ui, |ui| {
            for (rule, what, source) in rules(plan) {
                ui.label(RichText::new(rule).strong());
                ui.label(what);
                ui.label(
                    RichText::new(format!("Source: {source}"))
                        .italics()
                        .size(theme::SMALL_SIZE),
                );
                ui.add_space(8.0);
            }
        });
    ui.add_space(8.0);
    if ui.button("Close").clicked() {
        commands.push(Command::CloseDialog);
    }
}

/// The sizes offered with one click.
const SIZES: [(&str, [u32; 2]); 4] = [
    ("1920 x 1080 (projector)", [1920, 1080]),
    ("1280 x 720", [1280, 720]),
    ("3840 x 2160 (4K)", [3840, 2160]),
    ("1600 x 1200 (4:3)", [1600, 1200]),
];

fn export_ui(
    ui: &mut Ui,
    what: Exported,
    width: &mut String,
    height: &mut String,
    commands: &mut Vec<Command>,
) {
    match what {
        Exported::Chart(chart) => {
            crate::ui::access::dialog_heading(ui, format!("Export {} as PNG", chart.name()))
        }
        Exported::Slides => crate::ui::access::dialog_heading(ui, "Export every slide as PNG"),
    };
    ui.add_space(8.0);
    ui.label(match what {
        Exported::Chart(_) => "The chart and its title, in the light projector theme.",
        Exported::Slides => {
            "Each slide of the presentation, in order, as 01-overlap.png and so on, into a folder you choose."
        }
    });
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        for (label, [w, h]) in SIZES {
            if ui.button(label).clicked() {
                *width = w.to_string();
                *height = h.to_string();
            }
        }
    });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let l = ui.label("Width");
        ui.add(egui::TextEdit::singleline(width).desired_width(80.0))
            .labelled_by(l.id);
        let l = ui.label("Height");
        ui.add(egui::TextEdit::singleline(height).desired_width(80.0))
            .labelled_by(l.id);
        ui.label("pixels");
    });
    let size = offscreen::parse_size(&format!("{width}x{height}"));
    let palette = theme::palette(ui);
    if let Err(e) = &size {
        ui.colored_label(palette.error, e.to_string());
    }
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        let label = match what {
            Exported::Chart(_) => "Save PNG…",
            Exported::Slides => "Choose folder…",
        };
        if ui
            .add_enabled(size.is_ok(), egui::Button::new(label))
            .clicked()
            && let Ok(size) = size
        {
            commands.push(Command::ExportTo(what, size));
        }
        if ui.button("Cancel").clicked() {
            commands.push(Command::CloseDialog);
        }
    });
}

fn slides_ui(ui: &mut Ui, plan: &Plan, commands: &mut Vec<Command>) {
    crate::ui::access::dialog_heading(ui, "Choose slides");
    ui.add_space(8.0);
    ui.label("Ticked charts are shown in this order when you present (F5). The choice is saved with the plan.");
    ui.add_space(8.0);
    let mut slides = plan.slides.clone();
    let mut changed = false;
    let unused: Vec<Chart> = Chart::ALL
        .into_iter()
        .filter(|c| !slides.contains(c))
        .collect();
    egui::Grid::new("slides").num_columns(3).show(ui, |ui| {
        let shown = slides.clone();
        for (i, chart) in shown.iter().enumerate() {
            let mut on = true;
            if ui
                .checkbox(&mut on, format!("{}. {}", i + 1, chart.name()))
                .changed()
            {
                slides.retain(|c| c != chart);
                changed = true;
            }
            if ui
                .add_enabled(i > 0, egui::Button::new("Up"))
                .accessible_name(format!("Move {} up", chart.name()))
                .clicked()
            {
                slides.swap(i, i - 1);
                changed = true;
            }
            if ui
                .add_enabled(i + 1 < shown.len(), egui::Button::new("Down"))
                .accessible_name(format!("Move {} down", chart.name()))
                .clicked()
            {
                slides.swap(i, i + 1);
                changed = true;
            }
            ui.end_row();
        }
        for chart in unused {
            let mut on = false;
            if ui.checkbox(&mut on, chart.name()).changed() {
                slides.push(chart);
                changed = true;
            }
            ui.end_row();
        }
    });
    if changed {
        let mut settings = Settings::of(plan);
        settings.slides = slides;
        commands.push(Command::Edit(Edit::settings("slides", settings)));
    }
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if ui.button("Present now").clicked() {
            commands.push(Command::Present);
        }
        if ui.button("Done").clicked() {
            commands.push(Command::CloseDialog);
        }
    });
}

/// The recovery dialog's buttons.
fn papers_ui(
    ui: &mut egui::Ui,
    kind: Papers,
    options: &mut crate::figures::tables::Options,
    commands: &mut Vec<Command>,
) {
    crate::ui::access::dialog_heading(
        ui,
        match kind {
            Papers::Excel => "Export to Excel",
            Papers::Csv => "Export tables as CSV",
            Papers::Pdf => "Export board pack",
            Papers::Drafts => "Export consultation drafts",
        },
    );
    ui.add_space(8.0);
    ui.label(match kind {
        Papers::Excel => "One workbook for finance: Summary, By function, By council, By role, By financial year, Waterfall, Pools, Timetable, One-off costs, Scenarios and Assumptions, with totals as formulas and Excel charts, for the scenario shown.",
        Papers::Csv => "One CSV file a table (Summary, By function, By council and the rest), into a folder you choose, for the scenario shown.",
        Papers::Pdf => "A PDF for the board, A4 landscape: a title page, the headline figures, every slide's chart and the By function, By council and By financial year tables, for the scenario shown, with page numbers and the protective marking.",
        Papers::Drafts => "For each council that owes collective consultation, a draft HR1 and a draft section 188(4) letter to its recognised unions, as Word documents, into a folder you choose, for the scenario shown. Check each before it is sent.",
    });
    ui.add_space(8.0);
    ui.checkbox(&mut options.anonymised, "Anonymised")
        .on_hover_text("For papers that go beyond the people who need the detail: no post ids, dates of birth or individual pay, and nothing hidden can be worked out by subtraction.");
    if options.anonymised {
        ui.label("A figure about fewer than 5 people says \"fewer than 5\"; figures hidden so that none of them can be worked out or narrowed from the rest say \"not shown\"; a chart that would draw one is given as its table. When the papers are written, the status bar says how many were hidden and why. Protecting a large plan takes a few seconds.");
    }
    let lists_people = matches!(kind, Papers::Excel | Papers::Csv);
    if options.anonymised || !lists_people {
        options.leavers = false;
    }
    if lists_people {
        ui.add_enabled(
            !options.anonymised,
            egui::Checkbox::new(&mut options.leavers, "Include the leavers (OFFICIAL-SENSITIVE)"),
        )
        .on_hover_text("One row for each person who leaves or is at risk, with their package; no names. Personal data: share it only with those who need it.");
    }
    if options.anonymised || kind == Papers::Drafts {
        options.comments = false;
    }
    if kind != Papers::Drafts {
        ui.add_enabled(
            !options.anonymised,
            egui::Checkbox::new(
                &mut options.comments,
                "Include the open comments as an appendix",
            ),
        )
        .on_hover_text(
            "Comments are about named posts and people: they never go into anonymised papers.",
        );
    }
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if ui.button("Export…").clicked() {
            commands.push(Command::ExportTables(kind, *options));
        }
        if ui.button("Cancel").clicked() {
            commands.push(Command::CloseDialog);
        }
    });
}

fn locked_ui(ui: &mut egui::Ui, path: &std::path::Path, who: &str, commands: &mut Vec<Command>) {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    crate::ui::access::dialog_heading(
        ui,
        format!("{name} is open in another copy of Merger Planner"),
    );
    ui.add_space(8.0);
    ui.label(format!(
        "{who} has it open. If you both change it, whoever saves last overwrites the other's work.\n\nOpen it read-only to look and try changes (File > Save as… keeps them in a file of your own), or edit it anyway if that copy is no longer in use."
    ));
    ui.add_space(4.0);
    ui.weak(path.display().to_string());
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if ui.button("Open read-only").clicked() {
            commands.push(Command::OpenLocked(path.to_path_buf(), Access::ReadOnly));
        }
        if ui.button("Edit anyway").clicked() {
            commands.push(Command::OpenLocked(path.to_path_buf(), Access::TakeOver));
        }
        if ui.button("Cancel").clicked() {
            commands.push(Command::CloseDialog);
        }
    });
}

fn recover_ui(
    ui: &mut egui::Ui,
    name: &str,
    from: Option<&std::path::Path>,
    when: &str,
    commands: &mut Vec<Command>,
) {
    crate::ui::access::dialog_heading(ui, "Restore unsaved work?");
    ui.add_space(8.0);
    let from = from.map_or_else(
        || "a plan not yet saved to a file".to_owned(),
        |p| p.display().to_string(),
    );
    ui.label(format!(
        "Merger Planner closed without saving \"{name}\" ({from}). Its unsaved work was copied aside{}. Restore it, or discard it?",
        if when.is_empty() { String::new() } else { format!(" on {when}") }
    ));
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if ui.button("Restore").clicked() {
            commands.push(Command::Recover(true));
        }
        if ui.button("Discard").clicked() {
            commands.push(Command::Recover(false));
        }
    });
}
