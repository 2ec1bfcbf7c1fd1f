//! Working on one plan together: the merge of a colleague's copy, sign-off, and comments with
//! their threads (docs/collaboration.md). The dialogs keep their own state; every change to the
//! plan goes out as a command.

use crate::ui::access::Showing as _;
use std::path::PathBuf;

use egui::Ui;

use crate::document::merge::{self, From, Merged, Side};
use crate::document::review::Signatures;
use crate::model::{Comment, Money, Plan, SignOff, Topic};
use crate::persist::version;
use crate::ui::command::Command;

/// File > Merge a colleague's copy…: their copy, the common version, and a choice for each
/// conflict.
#[derive(Clone, Debug)]
pub struct MergeDialog {
    /// Their copy's file.
    pub theirs_path: PathBuf,
    /// Their copy.
    pub theirs: Box<Plan>,
    /// The version both copies record they came from, if they share one.
    pub common: Option<String>,
    /// The common version's file and plan, once found or chosen.
    pub base: Option<(PathBuf, Box<Plan>)>,
    /// What to say about the common version (not found; the file chosen is another version).
    pub note: Option<String>,
    /// The side each conflict takes, in the merge's order.
    pub choices: Vec<Side>,
    /// The merge with these choices (worked out again when a choice changes).
    merged: Option<Merged>,
    /// The headline figures before and after, for the base scenario.
    effect: Vec<(&'static str, Money, Money)>,
    /// Each change taken, in words ("theirs: Post BOU-00020 FTE 1.0 → 0.6"), made with the merge.
    taken: Vec<String>,
    /// Each conflict's item and field, and its three values, in words, made with the merge.
    conflicts: Vec<(String, [String; 3])>,
}

impl MergeDialog {
    /// A merge of `theirs` read from `theirs_path`.
    pub fn new(
        theirs_path: PathBuf,
        theirs: Plan,
        common: Option<String>,
        base: Option<(PathBuf, Plan)>,
        note: Option<String>,
    ) -> Self {
        Self {
            theirs_path,
            theirs: Box::new(theirs),
            common,
            base: base.map(|(p, b)| (p, Box::new(b))),
            note,
            choices: Vec::new(),
            merged: None,
            effect: Vec::new(),
            taken: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    /// The merge as chosen, worked out against `mine` when a choice has changed.
    pub fn merged(&mut self, mine: &Plan) -> Option<&Merged> {
        let (_, base) = self.base.as_ref()?;
        if self.merged.is_none() {
            let m = merge::merge(base, mine, &self.theirs, &self.choices, Side::Mine);
            self.choices = m.conflicts.iter().map(|c| c.taken).collect();
            let (a, b) = (
                crate::engine::evaluate_base(mine).totals,
                crate::engine::evaluate_base(&m.plan).totals,
            );
            self.effect = vec![
                (
                    "Recurring saving a year",
                    a.recurring_saving,
                    b.recurring_saving,
                ),
                ("One-off cost", a.one_off_cost, b.one_off_cost),
                ("Cost today", a.baseline_cost, b.baseline_cost),
            ];
            // Worked out once a merge, not on every frame: a large import may take thousands.
            self.taken = m
                .taken
                .iter()
                .map(|t| {
                    let words = crate::document::label::words(mine, &t.change);
                    format!("{}: {words}", t.from.word())
                })
                .collect();
            self.conflicts = m
                .conflicts
                .iter()
                .map(|c| merge::conflict_values(mine, c))
                .collect();
            self.merged = Some(m);
        }
        self.merged.as_ref()
    }

    /// The merge to take in, and the versions their sign-offs signed.
    pub fn take(mut self, mine: &Plan) -> Option<(Plan, Signatures, String)> {
        let theirs = Signatures::of(&self.theirs);
        let name = self
            .theirs_path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let plan = self.merged(mine)?.plan.clone();
        Some((plan, theirs, format!("merge {name}")))
    }
}

/// The merge dialog.
pub fn merge_ui(ui: &mut Ui, m: &mut MergeDialog, mine: &Plan, commands: &mut Vec<Command>) {
    crate::ui::access::dialog_heading(ui, "Merge a colleague's copy");
    ui.add_space(6.0);
    ui.label(format!("Their copy: {}", m.theirs_path.display()));
    match (&m.base, &m.common) {
        (Some((path, _)), _) => {
            ui.label(format!("The version both came from: {}", path.display()));
        }
        (None, Some(common)) => {
            ui.label(format!(
                "Both copies came from version {}, but no file of it was found (among the versions this app kept, and in the folders of both copies). Choose the file of that version.",
                version::short(common)
            ));
        }
        (None, None) => {
            ui.label("The two copies record no version in common (one was saved before plans recorded their versions, or they come from different files). Choose the file both copies came from.");
        }
    }
    if let Some(note) = &m.note {
        ui.colored_label(ui.visuals().warn_fg_color, note.as_str());
    }
    if ui.button("Choose the common version…").clicked() {
        commands.push(Command::MergeChooseBase);
    }
    ui.add_space(8.0);
    let Some(merged) = m.merged(mine) else {
        if ui.button("Cancel").clicked() {
            commands.push(Command::CloseDialog);
        }
        return;
    };
    let count = |from: From| merged.taken.iter().filter(|t| t.from == from).count();
    let plural = crate::format::plural;
    ui.label(format!(
        "{} from theirs, {} from yours, {} made in both; {}.",
        plural(count(From::Theirs), "change"),
        plural(count(From::Mine), "change"),
        plural(count(From::Both), "change"),
        plural(merged.conflicts.len(), "conflict")
    ));
    egui::CollapsingHeader::new(format!("What each copy changed ({})", m.taken.len()))
        .id_salt("taken")
        .show(ui, |ui| {
            // Only the rows in view are laid out.
            let row = ui.text_style_height(&egui::TextStyle::Body);
            egui::ScrollArea::vertical()
                .max_height(180.0)
                .id_salt("taken list")
                .show_rows(ui, row, m.taken.len(), |ui, rows| {
                    for words in &m.taken[rows] {
                        ui.label(words.as_str());
                    }
                });
        });
    let conflicts = &m.conflicts;
    let mut changed = false;
    if !conflicts.is_empty() {
        ui.add_space(6.0);
        crate::ui::access::section(ui, "Conflicts: choose a value for each");
        egui::ScrollArea::vertical()
            .max_height(260.0)
            .id_salt("conflicts")
            .show(ui, |ui| {
                egui::Grid::new("conflict grid")
                    .striped(true)
                    .num_columns(4)
                    .show(ui, |ui| {
                        ui.strong("Item");
                        ui.strong("Common version");
                        ui.strong("Mine");
                        ui.strong("Theirs");
                        ui.end_row();
                        for (i, (what, [base, mine, theirs])) in conflicts.iter().enumerate() {
                            ui.label(what.as_str());
                            ui.label(base.as_str());
                            let choice = &mut m.choices[i];
                            changed |= ui
                                .radio_value(choice, Side::Mine, format!("Mine: {mine}"))
                                .changed();
                            changed |= ui
                                .radio_value(choice, Side::Theirs, format!("Theirs: {theirs}"))
                                .changed();
                            ui.end_row();
                        }
                    });
            });
    }
    ui.add_space(6.0);
    crate::ui::access::section(ui, "Effect on the base scenario's headline figures");
    for (name, before, after) in &m.effect {
        ui.label(format!(
            "{name}: {} → {} ({})",
            before.full(),
            after.full(),
            crate::figures::words::money_change((*after - *before).as_pounds())
        ));
    }
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui.button("Merge").clicked() {
            commands.push(Command::MergeAccept);
        }
        if ui.button("Cancel").clicked() {
            commands.push(Command::CloseDialog);
        }
    });
    if changed {
        m.merged = None;
    }
}

/// Review > Sign off this version…: who, in what capacity, when, and a note.
#[derive(Clone, Debug, Default)]
pub struct SignOffDialog {
    /// Who signs.
    pub name: String,
    /// In what capacity.
    pub role: String,
    /// What they say.
    pub note: String,
}

/// The sign-off dialog.
pub fn sign_off_ui(
    ui: &mut Ui,
    s: &mut SignOffDialog,
    plan: &Plan,
    today: jiff::civil::Date,
    commands: &mut Vec<Command>,
) {
    crate::ui::access::dialog_heading(ui, "Sign off this version");
    ui.add_space(6.0);
    ui.label(format!(
        "Records that you signed off the plan as it stands now (version {}), on {}.",
        version::short(&version::content_hash(plan)),
        today.strftime("%-d %B %Y")
    ));
    ui.label("A sign-off is a record, not a security control: anyone with the file can add, change or remove one. It does not prove who made it or that the figures are right.");
    ui.add_space(6.0);
    egui::Grid::new("sign off").num_columns(2).show(ui, |ui| {
        let label = ui.label("Name").id;
        ui.add(egui::TextEdit::singleline(&mut s.name).hint_text("Jane Smith"))
            .labelled_by(label);
        ui.end_row();
        let label = ui.label("Role").id;
        ui.add(egui::TextEdit::singleline(&mut s.role).hint_text("s151 officer, Poole"))
            .labelled_by(label);
        ui.end_row();
        let label = ui.label("Note").id;
        ui.add(egui::TextEdit::multiline(&mut s.note).desired_rows(2))
            .labelled_by(label);
        ui.end_row();
    });
    ui.add_space(8.0);
    let ready = !s.name.trim().is_empty() && !s.role.trim().is_empty();
    ui.horizontal(|ui| {
        if ui
            .add_enabled(ready, egui::Button::new("Sign off"))
            .on_disabled_hover_text("Give your name and role")
            .clicked()
        {
            commands.push(Command::SignOff(SignOff {
                name: s.name.trim().to_owned(),
                role: s.role.trim().to_owned(),
                date: today,
                note: s.note.trim().to_owned(),
                content: String::new(),
                signed: crate::model::Signed::default(),
            }));
        }
        if ui.button("Cancel").clicked() {
            commands.push(Command::CloseDialog);
        }
    });
}

/// Review > Comments: every comment, open first, each with its thread.
#[derive(Clone, Debug, Default)]
pub struct CommentsDialog {
    /// Show resolved comments too.
    pub resolved_too: bool,
    /// The text being written: a new comment on the plan, and each reply, by comment id.
    pub drafts: std::collections::BTreeMap<String, String>,
    /// The user's name, as the comments give it.
    pub name: String,
    /// What a new comment is on: the kind of item (0: the plan) and its id or name.
    pub on: (usize, String),
}

/// The kinds of item a comment can be on, as the Comments dialog offers them.
const KINDS: [&str; 8] = [
    "The plan",
    "A council",
    "A function",
    "A role",
    "A post",
    "A scenario",
    "A setting",
    "A headline figure",
];

/// The settings a comment can be on, by their field in the file, with their names.
const SETTINGS: [(&str, &str); 6] = [
    ("name", "Name and description"),
    ("programme", "Programme dates"),
    ("assumptions", "Assumptions"),
    ("parameters", "Statutory parameters"),
    ("slides", "Slides"),
    ("protective_marking", "Protective marking"),
];

/// The headline figures of the Dashboard a comment can be on.
const FIGURES: [&str; 7] = [
    "FTE today",
    "Target FTE",
    "Recurring saving a year",
    "One-off cost",
    "Payback",
    "Compulsory redundancies",
    "Cost today",
];

/// The item a new comment is on, as chosen; `None` until an item of the kind is chosen.
fn chosen_topic(plan: &Plan, (kind, key): &(usize, String)) -> Option<Topic> {
    let key = key.trim().to_owned();
    let known = match kind {
        0 => return Some(Topic::Plan),
        1 => plan.council(&key).is_some(),
        2 => plan.function(&key).is_some(),
        3 => plan.role(&key).is_some(),
        4 => plan.posts.iter().any(|p| p.id == key),
        5 => plan.scenarios.iter().any(|s| s.name == key),
        6 => SETTINGS.iter().any(|(k, _)| *k == key),
        _ => FIGURES.contains(&key.as_str()),
    };
    let topic = match kind {
        1 => Topic::Council(key),
        2 => Topic::Function(key),
        3 => Topic::Role(key),
        4 => Topic::Post(key),
        5 => Topic::Scenario(key),
        6 => Topic::Setting(key),
        _ => Topic::Figure(key),
    };
    known.then_some(topic)
}

/// The choice of item for a new comment.
fn topic_ui(ui: &mut Ui, plan: &Plan, on: &mut (usize, String)) {
    ui.horizontal(|ui| {
        let label = ui.label("On").id;
        egui::ComboBox::from_id_salt("comment on kind")
            .selected_text(KINDS[on.0.min(KINDS.len() - 1)])
            .show_ui(ui, |ui| {
                for (i, kind) in KINDS.iter().enumerate() {
                    if ui.selectable_label(on.0 == i, *kind).clicked() {
                        *on = (i, String::new());
                    }
                }
            })
            .response
            .showing(KINDS[on.0.min(KINDS.len() - 1)])
            .labelled_by(label);
        let items: Vec<(String, String)> = match on.0 {
            1 => plan
                .councils
                .iter()
                .map(|c| (c.id.clone(), c.short_name.clone()))
                .collect(),
            2 => plan
                .functions
                .iter()
                .map(|f| (f.id.clone(), f.name.clone()))
                .collect(),
            3 => plan
                .roles
                .iter()
                .map(|r| (r.id.clone(), r.title.clone()))
                .collect(),
            5 => plan
                .scenarios
                .iter()
                .map(|s| (s.name.clone(), s.name.clone()))
                .collect(),
            6 => SETTINGS
                .iter()
                .map(|(k, n)| ((*k).to_owned(), (*n).to_owned()))
                .collect(),
            7 => FIGURES
                .iter()
                .map(|f| ((*f).to_owned(), (*f).to_owned()))
                .collect(),
            _ => Vec::new(),
        };
        if on.0 == 4 {
            let label = ui.label("Post id").id;
            ui.add(egui::TextEdit::singleline(&mut on.1).desired_width(140.0))
                .labelled_by(label);
        } else if !items.is_empty() {
            let shown = items
                .iter()
                .find(|(k, _)| *k == on.1)
                .map_or("Choose…", |(_, n)| n.as_str());
            let label = ui.label("Which").id;
            egui::ComboBox::from_id_salt("comment on item")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for (k, n) in &items {
                        if ui.selectable_label(on.1 == *k, n.as_str()).clicked() {
                            on.1.clone_from(k);
                        }
                    }
                })
                .response
                .showing(shown)
                .labelled_by(label);
        }
    });
}

/// The key of the draft of a new comment on `topic`.
fn new_key(topic: &Topic) -> String {
    format!("new {} {}", topic.kind(), topic.key())
}

/// The comments dialog.
pub fn comments_ui(ui: &mut Ui, d: &mut CommentsDialog, plan: &Plan, commands: &mut Vec<Command>) {
    crate::ui::access::dialog_heading(ui, "Comments");
    ui.add_space(4.0);
    let open = plan
        .comments
        .iter()
        .filter(|c| c.resolved.is_none())
        .count();
    ui.label(format!(
        "{} open, {} resolved. Comments stay with the plan and are merged with it; they never go into anonymised papers.",
        open,
        plan.comments.len() - open
    ));
    ui.horizontal(|ui| {
        let label = ui.label("Your name").id;
        ui.add(egui::TextEdit::singleline(&mut d.name).desired_width(200.0))
            .labelled_by(label);
        ui.checkbox(&mut d.resolved_too, "Show resolved");
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .max_height(420.0)
        .id_salt("comments")
        .show(ui, |ui| {
            let mut shown = 0;
            for c in &plan.comments {
                if c.resolved.is_some() && !d.resolved_too {
                    continue;
                }
                shown += 1;
                thread(ui, plan, c, &d.name, &mut d.drafts, true, commands);
                ui.separator();
            }
            if shown == 0 {
                ui.label("No comments to show.");
            }
            crate::ui::access::section(ui, "A new comment");
            topic_ui(ui, plan, &mut d.on);
            match chosen_topic(plan, &d.on) {
                Some(topic) => new_comment(
                    ui,
                    plan,
                    "Comment",
                    &topic,
                    &d.name,
                    &mut d.drafts,
                    commands,
                ),
                None if d.on.0 == 4 && !d.on.1.trim().is_empty() => {
                    ui.label(format!("There is no post {} in the plan.", d.on.1.trim()));
                }
                None => {
                    ui.label("Choose what the comment is on.");
                }
            }
        });
    ui.add_space(6.0);
    if ui.button("Close").clicked() {
        commands.push(Command::CloseDialog);
    }
}

/// An item in words, by the name the plan gives it: "the plan", "post BOU-00003", "council
/// Poole", "role Finance officer".
fn about(plan: &Plan, topic: &Topic) -> String {
    let name = match topic {
        Topic::Plan => return "the plan".to_owned(),
        Topic::Council(id) => plan.council(id).map(|c| c.short_name.as_str()),
        Topic::Function(id) => plan.function(id).map(|f| f.name.as_str()),
        Topic::Role(id) => plan.role(id).map(|r| r.title.as_str()),
        Topic::Setting(key) => SETTINGS.iter().find(|(k, _)| k == key).map(|(_, n)| *n),
        Topic::Post(_) | Topic::Scenario(_) | Topic::Figure(_) => None,
    };
    format!("{} {}", topic.kind(), name.unwrap_or(topic.key()))
}

/// A field (labelled `label`) and button to add a comment on `topic`.
pub fn new_comment(
    ui: &mut Ui,
    plan: &Plan,
    label: &str,
    topic: &Topic,
    name: &str,
    drafts: &mut std::collections::BTreeMap<String, String>,
    commands: &mut Vec<Command>,
) {
    let key = new_key(topic);
    let draft = drafts.entry(key.clone()).or_default();
    let label = ui.label(label).id;
    ui.add(
        egui::TextEdit::singleline(draft)
            .desired_width((ui.available_width() - 12.0).clamp(120.0, 420.0))
            .hint_text("Write a comment")
            .id_salt(&key),
    )
    .labelled_by(label);
    let ready = !draft.trim().is_empty() && !name.trim().is_empty();
    if ui
        .add_enabled(
            ready,
            egui::Button::new(format!("Add comment on {}", about(plan, topic))),
        )
        .on_disabled_hover_text("Write the comment and give your name")
        .clicked()
    {
        commands.push(Command::AddComment(
            topic.clone(),
            name.trim().to_owned(),
            std::mem::take(draft),
        ));
    }
}

/// One comment's thread: the comment, its replies, a reply field, and Resolve (or Reopen);
/// with Go to when `go_to`.
pub fn thread(
    ui: &mut Ui,
    plan: &Plan,
    c: &Comment,
    name: &str,
    drafts: &mut std::collections::BTreeMap<String, String>,
    go_to: bool,
    commands: &mut Vec<Command>,
) {
    let when = |t: jiff::Timestamp| {
        t.to_zoned(jiff::tz::TimeZone::system())
            .strftime("%-d %b %Y %H:%M")
            .to_string()
    };
    ui.horizontal_wrapped(|ui| {
        let about = about(plan, &c.topic);
        ui.strong(format!(
            "{} on {about}, {} ({})",
            c.author,
            when(c.written),
            c.id
        ));
        if go_to && c.topic != Topic::Plan && ui.small_button(format!("Go to {about}")).clicked() {
            commands.push(Command::GoToTopic(c.topic.clone()));
        }
    });
    ui.label(c.text.as_str());
    for r in &c.replies {
        ui.indent(("reply", &c.id, r.written.as_second()), |ui| {
            ui.label(format!("{}, {}: {}", r.author, when(r.written), r.text));
        });
    }
    if let Some(r) = &c.resolved {
        ui.weak(format!("Resolved by {}, {}", r.by, when(r.at)));
    }
    let draft = drafts.entry(c.id.clone()).or_default();
    // The field on a line of its own and the buttons under it, so both fit the narrow panel
    // beside a post.
    let label = ui.label("Reply").id;
    ui.add(
        egui::TextEdit::singleline(draft)
            .desired_width((ui.available_width() - 12.0).clamp(120.0, 420.0))
            .id_salt(("reply", &c.id)),
    )
    .labelled_by(label);
    ui.horizontal_wrapped(|ui| {
        let ready = !draft.trim().is_empty() && !name.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new(format!("Reply to {}", c.id)))
            .on_disabled_hover_text("Write the reply and give your name")
            .clicked()
        {
            commands.push(Command::ReplyToComment(
                c.id.clone(),
                name.trim().to_owned(),
                std::mem::take(draft),
            ));
        }
        let (label, resolve) = if c.resolved.is_some() {
            (format!("Reopen {}", c.id), false)
        } else {
            (format!("Resolve {}", c.id), true)
        };
        if ui
            .add_enabled(!name.trim().is_empty(), egui::Button::new(label))
            .on_disabled_hover_text("Give your name")
            .clicked()
        {
            commands.push(Command::ResolveComment(
                c.id.clone(),
                name.trim().to_owned(),
                resolve,
            ));
        }
    });
}

/// What is being written in the comments beside an item, kept in egui's memory while the app
/// runs: the author's name and each draft.
#[derive(Clone, Debug, Default)]
struct Drafts {
    name: String,
    drafts: std::collections::BTreeMap<String, String>,
}

/// Where the drafts beside items are kept.
fn drafts_id() -> egui::Id {
    egui::Id::unique("comment drafts")
}

/// Gives the comments beside items the user's name, as the preferences keep it, until one is
/// typed there.
pub fn seed_name(ctx: &egui::Context, name: &str) {
    if name.is_empty() {
        return;
    }
    ctx.data_mut(|m| {
        let d: &mut Drafts = m.get_temp_mut_or_default(drafts_id());
        if d.name.is_empty() {
            d.name = name.to_owned();
        }
    });
}

/// The comments on `topic` with their threads, and a field to add one: shown beside the item.
pub fn comments_on(ui: &mut Ui, plan: &Plan, topic: &Topic, commands: &mut Vec<Command>) {
    let id = drafts_id();
    let mut d: Drafts = ui.data_mut(|m| m.get_temp(id)).unwrap_or_default();
    let on: Vec<&Comment> = plan.comments.iter().filter(|c| c.topic == *topic).collect();
    let open = on.iter().filter(|c| c.resolved.is_none()).count();
    crate::ui::access::heading(ui, format!("Comments ({open} open)"));
    for c in on {
        thread(ui, plan, c, &d.name, &mut d.drafts, false, commands);
        ui.separator();
    }
    ui.horizontal(|ui| {
        let label = ui.label("Your name").id;
        ui.add(egui::TextEdit::singleline(&mut d.name).desired_width(180.0))
            .labelled_by(label);
    });
    new_comment(
        ui,
        plan,
        "New comment",
        topic,
        &d.name,
        &mut d.drafts,
        commands,
    );
    ui.data_mut(|m| m.insert_temp(id, d));
}

/// The comments on the headline figures, under them on the Dashboard, folded: only when there
/// are some (Review > Comments adds one).
pub fn figure_comments(ui: &mut Ui, plan: &Plan, commands: &mut Vec<Command>) {
    let on: Vec<&Comment> = plan
        .comments
        .iter()
        .filter(|c| matches!(c.topic, Topic::Figure(_)))
        .collect();
    if on.is_empty() {
        return;
    }
    let open = on.iter().filter(|c| c.resolved.is_none()).count();
    let id = drafts_id();
    let mut d: Drafts = ui.data_mut(|m| m.get_temp(id)).unwrap_or_default();
    egui::CollapsingHeader::new(format!("Comments on the headline figures ({open} open)"))
        .id_salt("figure comments")
        .show(ui, |ui| {
            for c in on {
                thread(ui, plan, c, &d.name, &mut d.drafts, false, commands);
                ui.separator();
            }
        });
    ui.data_mut(|m| m.insert_temp(id, d));
}
