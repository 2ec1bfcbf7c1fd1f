//! The Establishment view: every post today in a table that lays out only the rows on screen, with
//! filters, sorting, selection, edits in place, bulk reassignment, and a details panel for the
//! post in focus (including its postholder).

mod details;
mod table;

use self::details::details_ui;
pub(crate) use self::table::sort_arrow;
use self::table::table_ui;

use std::collections::{BTreeSet, HashMap};

use egui::{Align, Ui};

use crate::document::Derived;
use crate::document::edit::{self, Reassign};
use crate::figures::tables::Table;
use crate::model::{Money, Plan};
use crate::theme;
use crate::ui::command::{Command, copy_buttons};

/// Which posts the table shows by whether they are filled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Status {
    /// Filled and vacant.
    #[default]
    All,
    /// Filled posts only.
    Filled,
    /// Vacancies only.
    Vacant,
}

/// A column the table can be sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    /// Establishment order.
    #[default]
    Position,
    /// Post id.
    Id,
    /// Council short name.
    Council,
    /// Function name.
    Function,
    /// Role title.
    Role,
    /// Job title.
    Title,
    /// Grade.
    Grade,
    /// FTE.
    Fte,
    /// Full-time salary.
    Salary,
    /// Filled or vacant.
    Status,
}

/// The table's filters, sort, selection and the rows they pick (rebuilt only when one of them or
/// the plan changes).
#[derive(Debug, Default)]
pub struct State {
    /// Only this council's posts.
    pub council: Option<String>,
    /// Only posts in this function today.
    pub function: Option<String>,
    /// Only posts mapped to this role.
    pub role: Option<String>,
    /// Filled, vacant or both.
    pub status: Status,
    /// Text to find in the id, title or grade (any case).
    pub search: String,
    /// The sort column and whether it runs in descending order.
    pub sort: (SortBy, bool),
    /// Selected posts, by position in the plan.
    pub selected: BTreeSet<usize>,
    /// The post shown in the details panel.
    pub focus: Option<usize>,
    scroll_to: Option<usize>,
    rows: Vec<usize>,
    /// FTE and pay a year (salary × FTE) of the posts shown.
    shown_fte: f64,
    shown_pay: Money,
    stale: bool,
    built: bool,
}

impl State {
    /// The plan changed: rebuild the rows before the next frame draws them.
    pub fn plan_changed(&mut self) {
        self.stale = true;
    }

    /// Shows one post: clears the filters, selects it and scrolls to it.
    pub fn show_post(&mut self, index: usize) {
        self.council = None;
        self.function = None;
        self.role = None;
        self.status = Status::All;
        self.search.clear();
        self.selected = BTreeSet::from([index]);
        self.focus = Some(index);
        self.scroll_to = Some(index);
        self.stale = true;
    }

    /// A click on the row of post `i`: with Ctrl (Cmd on a Mac) it joins or leaves the
    /// selection; with Shift the rows from the one in focus to it are selected; alone it is
    /// the one selected and shown.
    pub fn click(&mut self, i: usize, modifiers: egui::Modifiers) {
        if modifiers.command {
            if !self.selected.remove(&i) {
                self.selected.insert(i);
            }
            self.focus = Some(i);
        } else if modifiers.shift
            && let Some(from) = self
                .focus
                .and_then(|f| self.rows.iter().position(|&r| r == f))
            && let Some(to) = self.rows.iter().position(|&r| r == i)
        {
            let (a, b) = (from.min(to), from.max(to));
            self.selected.extend(self.rows[a..=b].iter().copied());
        } else {
            self.focus = Some(i);
            self.selected = BTreeSet::from([i]);
        }
    }

    /// The positions of the posts the table shows, in its order.
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    fn rebuild(&mut self, plan: &Plan) {
        let needle = self.search.trim().to_lowercase();
        let mut rows: Vec<usize> = plan
            .posts
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                self.council.as_ref().is_none_or(|c| &p.council == c)
                    && self.function.as_ref().is_none_or(|f| &p.function == f)
                    && self.role.as_ref().is_none_or(|r| &p.role == r)
                    && match self.status {
                        Status::All => true,
                        Status::Filled => p.is_filled(),
                        Status::Vacant => !p.is_filled(),
                    }
                    && (needle.is_empty()
                        || [&p.id, &p.title, &p.grade]
                            .iter()
                            .any(|s| s.to_lowercase().contains(&needle)))
            })
            .map(|(i, _)| i)
            .collect();
        sort_rows(plan, &mut rows, self.sort);
        // The totals of the posts shown.
        self.shown_fte = rows.iter().map(|&i| plan.posts[i].fte).sum();
        self.shown_pay = rows
            .iter()
            .map(|&i| plan.posts[i].salary.scale(plan.posts[i].fte))
            .sum();
        self.rows = rows;
        self.selected.retain(|&i| i < plan.posts.len());
        if self.focus.is_some_and(|i| i >= plan.posts.len()) {
            self.focus = None;
        }
        self.stale = false;
        self.built = true;
    }
}

/// Sorts rows by the name (case aside) of the council, function or role each post points at.
fn sort_by_name<'a>(
    rows: &mut [usize],
    posts: &crate::model::Posts,
    names: impl Iterator<Item = (&'a String, &'a String)>,
    key: fn(&crate::model::Post) -> &String,
) {
    let names: HashMap<&str, String> = names
        .map(|(id, name)| (id.as_str(), name.to_lowercase()))
        .collect();
    rows.sort_by_cached_key(|&i| {
        names
            .get(key(&posts[i]).as_str())
            .cloned()
            .unwrap_or_default()
    });
}

fn sort_rows(plan: &Plan, rows: &mut [usize], (by, descending): (SortBy, bool)) {
    let p = &plan.posts;
    match by {
        SortBy::Position => {}
        SortBy::Id => rows.sort_by(|&a, &b| p[a].id.cmp(&p[b].id)),
        SortBy::Council => sort_by_name(
            rows,
            p,
            plan.councils.iter().map(|c| (&c.id, &c.short_name)),
            |post| &post.council,
        ),
        SortBy::Function => sort_by_name(
            rows,
            p,
            plan.functions.iter().map(|f| (&f.id, &f.name)),
            |post| &post.function,
        ),
        SortBy::Role => sort_by_name(
            rows,
            p,
            plan.roles.iter().map(|r| (&r.id, &r.title)),
            |post| &post.role,
        ),
        SortBy::Title => rows.sort_by_cached_key(|&i| p[i].title.to_lowercase()),
        SortBy::Grade => rows.sort_by(|&a, &b| p[a].grade.cmp(&p[b].grade)),
        SortBy::Fte => rows.sort_by(|&a, &b| p[a].fte.total_cmp(&p[b].fte)),
        SortBy::Salary => rows.sort_by_key(|&i| p[i].salary),
        SortBy::Status => rows.sort_by_key(|&i| p[i].is_filled()),
    }
    if descending {
        rows.reverse();
    }
}

/// Names by id, for the table's cells.
struct Names<'a> {
    councils: HashMap<&'a str, &'a str>,
    functions: HashMap<&'a str, &'a str>,
    roles: HashMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    fn of(plan: &'a Plan) -> Self {
        Self {
            councils: plan
                .councils
                .iter()
                .map(|c| (c.id.as_str(), c.short_name.as_str()))
                .collect(),
            functions: plan
                .functions
                .iter()
                .map(|f| (f.id.as_str(), f.name.as_str()))
                .collect(),
            roles: plan
                .roles
                .iter()
                .map(|r| (r.id.as_str(), r.title.as_str()))
                .collect(),
        }
    }
}

/// The posts in `rows` as the table shows them, with their outcome in the scenario.
fn posts_table(plan: &Plan, derived: &Derived, rows: &[usize]) -> Table {
    let names = Names::of(plan);
    let name = |map: &HashMap<&str, &str>, id: &str| {
        map.get(id)
            .map_or_else(|| id.to_owned(), |n| (*n).to_owned())
    };
    // A spreadsheet's order (the screen's keeps FTE, salary and status nearer the front).
    let headings = [
        "Id", "Council", "Function", "Role", "Title", "Grade", "FTE", "Salary", "Status", "Outcome",
    ]
    .map(str::to_owned)
    .to_vec();
    Table::of_words(
        "posts",
        "Posts",
        headings,
        rows.iter()
            .filter_map(|&i| plan.posts.get(i).map(|p| (i, p)))
            .map(|(i, post)| {
                vec![
                    post.id.clone(),
                    name(&names.councils, &post.council),
                    name(&names.functions, &post.function),
                    name(&names.roles, &post.role),
                    post.title.clone(),
                    post.grade.clone(),
                    format!("{:.2}", post.fte),
                    post.salary.full(),
                    crate::format::post_status(post).to_owned(),
                    derived.post_outcome(i, post),
                ]
            })
            .collect(),
    )
}

/// Draws the view.
pub fn ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    state: &mut State,
    commands: &mut Vec<Command>,
) {
    if state.stale || !state.built {
        state.rebuild(plan);
    }
    keys(ui, state);
    filters_ui(ui, plan, state);
    actions_ui(ui, plan, derived, state, commands);
    ui.add_space(4.0);
    let focus = state.focus.and_then(|i| plan.posts.get(i).map(|p| (i, p)));
    // The details sit beside the table where both fit (FTE, salary and status in view), else
    // under it, so a narrow window never squeezes the table.
    let beside = ui.available_width() >= theme::DETAILS_WIDTH + TABLE_AT_LEAST;
    let details = |ui: &mut Ui, commands: &mut Vec<Command>| {
        if let Some((i, post)) = focus {
            egui::ScrollArea::vertical()
                .id_salt("post details")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    details_ui(ui, plan, derived, i, post, commands);
                    crate::ui::access::scroll_focus_into_view(ui);
                });
        }
    };
    if beside || focus.is_none() {
        let details_width = if focus.is_some() {
            theme::DETAILS_WIDTH
        } else {
            0.0
        };
        ui.horizontal_top(|ui| {
            let size = egui::vec2(ui.available_width() - details_width, ui.available_height());
            ui.allocate_ui_with_layout(size, egui::Layout::top_down(Align::Min), |ui| {
                egui::ScrollArea::horizontal()
                    .id_salt("posts across")
                    .auto_shrink([false, false])
                    .show(ui, |ui| table_ui(ui, plan, derived, state, commands));
            });
            if focus.is_some() {
                ui.separator();
                ui.vertical(|ui| details(ui, commands));
            }
        });
    } else {
        let table_height = (ui.available_height() * 0.5).max(160.0);
        let size = egui::vec2(ui.available_width(), table_height);
        ui.allocate_ui_with_layout(size, egui::Layout::top_down(Align::Min), |ui| {
            egui::ScrollArea::horizontal()
                .id_salt("posts across")
                .auto_shrink([false, false])
                .show(ui, |ui| table_ui(ui, plan, derived, state, commands));
        });
        ui.separator();
        details(ui, commands);
    }
}

/// The table's width, at least, beside the details: the select box, id, council, role, FTE,
/// salary and status.
const TABLE_AT_LEAST: f32 = 640.0;

/// Up and down arrows move the post in focus through the table's rows (when no field is being
/// typed into), so a person can walk the establishment from the keyboard.
fn keys(ui: &Ui, state: &mut State) {
    if ui.ctx().memory(|m| m.focused().is_some()) || state.rows.is_empty() {
        return;
    }
    let (down, up) = ui.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
        )
    });
    if !down && !up {
        return;
    }
    let here = state
        .focus
        .and_then(|f| state.rows.iter().position(|&i| i == f));
    let next = match (here, down) {
        (None, _) => 0,
        (Some(r), true) => (r + 1).min(state.rows.len() - 1),
        (Some(r), false) => r.saturating_sub(1),
    };
    if let Some(&i) = state.rows.get(next) {
        state.focus = Some(i);
        state.selected = BTreeSet::from([i]);
        state.scroll_to = Some(i);
    }
}

fn filters_ui(ui: &mut Ui, plan: &Plan, state: &mut State) {
    let before = (
        state.council.clone(),
        state.function.clone(),
        state.role.clone(),
        state.status,
        state.search.clone(),
    );
    ui.horizontal_wrapped(|ui| {
        let councils: Vec<(Option<String>, String)> =
            std::iter::once((None, "All councils".to_owned()))
                .chain(
                    plan.councils
                        .iter()
                        .map(|c| (Some(c.id.clone()), c.short_name.clone())),
                )
                .collect();
        filter_combo(ui, "Show council", &mut state.council, &councils);
        let functions: Vec<(Option<String>, String)> =
            std::iter::once((None, "All functions".to_owned()))
                .chain(
                    plan.functions
                        .iter()
                        .map(|f| (Some(f.id.clone()), f.name.clone())),
                )
                .collect();
        filter_combo(ui, "Show function", &mut state.function, &functions);
        let roles: Vec<(Option<String>, String)> = std::iter::once((None, "All roles".to_owned()))
            .chain(
                plan.roles
                    .iter()
                    .filter(|r| state.function.as_ref().is_none_or(|f| &r.function == f))
                    .map(|r| (Some(r.id.clone()), r.title.clone())),
            )
            .collect();
        filter_combo(ui, "Show role", &mut state.role, &roles);
        let statuses = [
            (Status::All, "Filled and vacant".to_owned()),
            (Status::Filled, "Filled only".to_owned()),
            (Status::Vacant, "Vacant only".to_owned()),
        ];
        filter_combo(ui, "Show posts", &mut state.status, &statuses);
        let l = ui.label("Search posts");
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .hint_text("id, title or grade")
                .desired_width(160.0),
        )
        .labelled_by(l.id);
        if ui.button("Clear filters").clicked() {
            state.council = None;
            state.function = None;
            state.role = None;
            state.status = Status::All;
            state.search.clear();
        }
    });
    let after = (
        state.council.clone(),
        state.function.clone(),
        state.role.clone(),
        state.status,
        state.search.clone(),
    );
    if before != after {
        state.rebuild(plan);
    }
}

fn filter_combo<T: Clone + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    options: &[(T, String)],
) {
    let l = ui.label(label);
    let shown = options
        .iter()
        .find(|(v, _)| v == value)
        .map_or("", |(_, n)| n.as_str());
    let shown = shown.to_owned();
    let r = egui::ComboBox::from_id_salt(("filter", label))
        .selected_text(shown.as_str())
        .width(140.0)
        .show_ui(ui, |ui| {
            for (v, n) in options {
                crate::ui::access::option(ui, value, v.clone(), n);
            }
        })
        .response
        .labelled_by(l.id);
    crate::ui::access::combo_value(&r, &shown);
}

fn actions_ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    state: &mut State,
    commands: &mut Vec<Command>,
) {
    let choices = &derived.choices;
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "Showing {} of {} posts: {} FTE, {} a year in salaries",
            state.rows.len(),
            plan.posts.len(),
            crate::format::fte(state.shown_fte),
            state.shown_pay.compact()
        ))
        .on_hover_text(TOTALS_HELP);
        // The posts shown, filtered and sorted, as the table reads.
        copy_buttons(
            ui,
            "Posts",
            || posts_table(plan, derived, &state.rows),
            commands,
        );
        ui.separator();
        let council = state
            .council
            .clone()
            .or_else(|| plan.councils.first().map(|c| c.id.clone()));
        let role = state
            .role
            .clone()
            .or_else(|| plan.roles.first().map(|r| r.id.clone()));
        let can_add = council.is_some();
        if ui
            .add_enabled(can_add, egui::Button::new("Add post"))
            .on_disabled_hover_text("Add a council first")
            .clicked()
            && let Some(council) = council
        {
            commands.push(Command::Edit(edit::add_post(
                plan,
                &council,
                role.as_deref().unwrap_or_default(),
            )));
            state.focus = Some(plan.posts.len());
            state.selected = BTreeSet::from([plan.posts.len()]);
            state.scroll_to = Some(plan.posts.len());
        }
        let chosen: Vec<usize> = state.selected.iter().copied().collect();
        let any = !chosen.is_empty();
        if ui
            .add_enabled(any, egui::Button::new("Duplicate selected"))
            .clicked()
        {
            commands.push(Command::Edit(edit::duplicate_posts(plan, &chosen)));
        }
        if ui
            .add_enabled(any, egui::Button::new("Delete selected"))
            .clicked()
        {
            commands.push(Command::Edit(edit::delete_posts(plan, &chosen)));
            state.selected.clear();
            state.focus = None;
        }
        if ui.button("Select all shown").clicked() {
            state.selected = state.rows.iter().copied().collect();
        }
        if ui
            .add_enabled(any, egui::Button::new("Clear selection"))
            .clicked()
        {
            state.selected.clear();
        }
        ui.label(format!("{} selected", chosen.len()));
        if any {
            // Bulk changes on a row of their own.
            ui.end_row();
            if let Some(r) = reassign_combo(ui, "Reassign role", &choices.roles) {
                commands.push(Command::Edit(edit::reassign_posts(
                    plan,
                    &chosen,
                    &Reassign::Role(r),
                )));
            }
            if let Some(f) = reassign_combo(ui, "Reassign function", &choices.functions) {
                commands.push(Command::Edit(edit::reassign_posts(
                    plan,
                    &chosen,
                    &Reassign::Function(f),
                )));
            }
        }
    });
}

/// What the totals count.
const TOTALS_HELP: &str =
    "The posts the filters show: their FTE, and their salaries times their FTE (before on-costs)";

/// A list that applies its choice at once to the selected posts.
fn reassign_combo(ui: &mut Ui, label: &str, options: &[(String, String)]) -> Option<String> {
    let l = ui.label(label);
    let mut chosen: Option<String> = None;
    egui::ComboBox::from_id_salt(("reassign", label))
        .selected_text("choose…")
        .width(160.0)
        .show_ui(ui, |ui| {
            for (id, name) in options {
                if ui.selectable_label(false, name).clicked() {
                    chosen = Some(id.clone());
                }
            }
        })
        .response
        .labelled_by(l.id);
    chosen
}
