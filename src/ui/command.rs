//! What the user asks for. Drawing code pushes commands; the app applies them after the UI pass,
//! so dialogs, file I/O, undo points and the unsaved marker change in one place.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::document::edit::{Edit, Orphans};
use crate::model::{Chart, Location};

/// The central views, chosen by tab, the View menu or the navigator.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// Headline figures.
    #[default]
    Dashboard,
    /// The councils and their schemes.
    Councils,
    /// The posts of every council today.
    Establishment,
    /// Functions and the roles of the single service.
    Target,
    /// Who falls into which redundancy pool.
    Pools,
    /// Costs, savings and payback.
    Money,
    /// The legal timetable per council.
    Timetable,
    /// The scenarios: each one's changes, compared, and what changed.
    Scenarios,
    /// Dates, assumptions and the statutory parameters.
    Assumptions,
}

impl View {
    /// Every view, in tab order.
    pub const ALL: [Self; 9] = [
        Self::Dashboard,
        Self::Councils,
        Self::Establishment,
        Self::Target,
        Self::Pools,
        Self::Money,
        Self::Timetable,
        Self::Scenarios,
        Self::Assumptions,
    ];

    /// The tab's label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Dashboard => "Dashboard",
            Self::Councils => "Councils",
            Self::Establishment => "Establishment",
            Self::Target => "Target structure",
            Self::Pools => "Pools",
            Self::Money => "Money",
            Self::Timetable => "Timetable",
            Self::Scenarios => "Scenarios",
            Self::Assumptions => "Assumptions",
        }
    }
}

/// The menu actions that have a keyboard shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Start a new plan.
    New,
    /// Open a plan file.
    Open,
    /// Save to the plan's file (or ask where).
    Save,
    /// Save to a new file.
    SaveAs,
    /// Close the window.
    Quit,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Start the presentation.
    Present,
    /// Import an establishment from a file an HR system exported.
    Import,
}

impl Action {
    /// Every action with a shortcut, those with Shift first so Ctrl+Shift+S is not read as
    /// Ctrl+S.
    pub const ALL: [Self; 9] = [
        Self::SaveAs,
        Self::Redo,
        Self::New,
        Self::Open,
        Self::Save,
        Self::Quit,
        Self::Undo,
        Self::Present,
        Self::Import,
    ];

    /// Every action with a shortcut in the order the menus give them (File, Edit, View), as
    /// Help > Keyboard shortcuts lists them.
    pub const IN_MENU_ORDER: [Self; 9] = [
        Self::New,
        Self::Open,
        Self::Import,
        Self::Save,
        Self::SaveAs,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::Present,
    ];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::New => "New plan",
            Self::Open => "Open…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Present => "Present slides",
            Self::Import => "Import establishment…",
        }
    }

    /// Its keyboard shortcuts (Ctrl, or Cmd on a Mac). Redo has two.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const CMD: Modifiers = Modifiers::COMMAND;
        const CMD_SHIFT: Modifiers = Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        };
        const NEW: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::N)];
        const OPEN: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::O)];
        const SAVE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::S)];
        const SAVE_AS: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD_SHIFT, Key::S)];
        const QUIT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::Q)];
        const UNDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::Z)];
        const PRESENT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::NONE, Key::F5)];
        const IMPORT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::I)];
        const REDO: [KeyboardShortcut; 2] = [
            KeyboardShortcut::new(CMD_SHIFT, Key::Z),
            KeyboardShortcut::new(CMD, Key::Y),
        ];
        match self {
            Self::New => &NEW,
            Self::Open => &OPEN,
            Self::Save => &SAVE,
            Self::SaveAs => &SAVE_AS,
            Self::Quit => &QUIT,
            Self::Undo => &UNDO,
            Self::Redo => &REDO,
            Self::Present => &PRESENT,
            Self::Import => &IMPORT,
        }
    }
}

/// What the user chose when asked about unsaved changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Save first, then go on.
    Save,
    /// Go on and lose the changes.
    DontSave,
    /// Stay where we are.
    Cancel,
}

/// What a deletion concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeletionKind {
    /// A council.
    Council,
    /// A function.
    Function,
    /// A role.
    Role,
}

impl DeletionKind {
    /// Its name in a sentence.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Council => "council",
            Self::Function => "function",
            Self::Role => "role",
        }
    }
}

/// Something the user asked for.
#[derive(Clone, Debug)]
pub enum Command {
    /// A menu action or shortcut.
    Action(Action),
    /// Restore the unsaved work a crash left (true), or discard it.
    Recover(bool),
    /// Open this file (recent files, drag and drop).
    OpenPath(PathBuf),
    /// Choose another plan file to see what changed between it and the open plan.
    CompareWithFile,
    /// Choose a colleague's copy of the plan to merge into the open plan.
    MergeCopy,
    /// Choose the file of the version the two copies came from.
    MergeChooseBase,
    /// Take in the merge as the dialog shows it.
    MergeAccept,
    /// Ask who signs off the plan as it stands.
    AskSignOff,
    /// Sign off the plan as it stands.
    SignOff(crate::model::SignOff),
    /// What changed since the plan was last signed off.
    ChangesSinceSignOff,
    /// Show every comment.
    Comments,
    /// Add a comment on an item: the item, the author, the text.
    AddComment(crate::model::Topic, String, String),
    /// Reply to comment (id): the author, the text.
    ReplyToComment(String, String, String),
    /// Mark comment (id) resolved (true) or open again, by this person.
    ResolveComment(String, String, bool),
    /// Show the item a comment is on.
    GoToTopic(crate::model::Topic),
    /// Ask how to export the figures as tables (Excel or CSV).
    AskExportTables(Papers),
    /// Export the figures as tables, as chosen.
    ExportTables(Papers, crate::figures::tables::Options),
    /// Open a file another running copy has open, read-only or taking it over.
    OpenLocked(PathBuf, Access),
    /// Change the plan.
    Edit(Edit),
    /// Delete a council, function or role (asks what to do with its posts if it has any).
    Delete(DeletionKind, String),
    /// Delete a council, function or role, doing this with its posts.
    DeleteWith(DeletionKind, String, Orphans),
    /// Answer the unsaved-changes question.
    Answer(Answer),
    /// Show a view.
    Show(View),
    /// Show the item a validation problem or the navigator points at.
    JumpTo(Location),
    /// Compute for this scenario.
    Scenario(String),
    /// Use this theme: light, dark, or the operating system's.
    Theme(egui::ThemePreference),
    /// Open plan files up to this many megabytes.
    MaxPlanMb(u64),
    /// Show or hide the validation panel.
    ToggleProblems,
    /// Show or hide the navigator (`true`: it is shown now, so hide it).
    ToggleNavigator(bool),
    /// Show About.
    About,
    /// Show how the figures are computed.
    HowComputed,
    /// Show the director's path through the app, a step a view.
    GettingStarted,
    /// Show the start page.
    StartPage,
    /// Leave the start page: on the example plan (the one open when it opened).
    Begin,
    /// Leave the start page for a new plan, importing an establishment into it.
    BeginWithImport,
    /// Show every keyboard shortcut.
    Shortcuts,
    /// Close the dialog on top.
    CloseDialog,
    /// Ask the size for exporting one chart as PNG.
    ExportChart(Chart),
    /// Copy a table to the clipboard (tab-separated with headings).
    CopyTable(Box<crate::figures::tables::Table>),
    /// Save a table as a CSV file.
    ExportTableCsv(Box<crate::figures::tables::Table>),
    /// Ask the size for exporting every slide as PNG.
    ExportSlides,
    /// Export at this size, asking where.
    ExportTo(Exported, [u32; 2]),
    /// Choose the presentation's slides.
    ChooseSlides,
    /// Start the presentation (F5).
    Present,
    /// Move through or leave the presentation.
    Slide(SlideMove),
    /// Ask for a file and import it (an establishment or the target structure).
    Import(ImportKind),
    /// Import this file (dropped on the window).
    ImportPath(ImportKind, PathBuf),
    /// Apply the import as checked, as one undo step.
    ImportApply,
    /// Close the import dialog without importing.
    ImportClose,
    /// Save the import's mapping to a file.
    ImportSaveMapping,
    /// Load the import's mapping from a file.
    ImportLoadMapping,
    /// Save the establishment template (.csv and .xlsx).
    SaveTemplate,
}

pub use crate::import::ImportKind;

/// What an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exported {
    /// One chart, cropped to itself and its title.
    Chart(Chart),
    /// Every slide, into a folder.
    Slides,
}

/// A move in the presentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlideMove {
    /// The next slide.
    Next,
    /// The slide before.
    Previous,
    /// The first slide.
    First,
    /// The last slide.
    Last,
    /// Leave the presentation.
    Leave,
}

impl SlideMove {
    /// What the move does, in words.
    pub fn words(self) -> &'static str {
        match self {
            Self::Next => "next slide",
            Self::Previous => "slide before",
            Self::First => "first slide",
            Self::Last => "last slide",
            Self::Leave => "leave",
        }
    }
}

/// How to open a plan another running copy of the app has open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// To look and try changes; saving asks for a file of the user's own.
    ReadOnly,
    /// To edit it, taking its lock from the other copy.
    TakeOver,
}

/// Which tables file to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Papers {
    /// One Excel workbook with a sheet a table and native charts.
    Excel,
    /// A folder of CSV files, one a table.
    Csv,
    /// The board pack, as a PDF.
    Pdf,
    /// The consultation drafts (HR1 and s.188(4) letter for each council owing consultation).
    Drafts,
}

/// Copy figures and Export CSV… for a table, named for screen readers by `name`; the table is
/// made only when one is clicked.
pub fn copy_buttons(
    ui: &mut egui::Ui,
    name: &str,
    table: impl FnOnce() -> crate::figures::tables::Table,
    commands: &mut Vec<Command>,
) {
    let copy = ui
        .button("Copy figures")
        .accessible_name(format!("Copy figures: {name}"))
        .on_hover_text("Copy this table, to paste into Excel or Word");
    let export = ui
        .button("Export CSV…")
        .accessible_name(format!("Export CSV: {name}…"))
        .on_hover_text("Save this table as a CSV file");
    if copy.clicked() {
        commands.push(Command::CopyTable(Box::new(table())));
    } else if export.clicked() {
        commands.push(Command::ExportTableCsv(Box::new(table())));
    }
}

#[cfg(test)]
mod tests {
    use super::Action;

    /// The shortcuts' list and the menus' order hold the same actions, each once.
    #[test]
    fn the_menu_order_lists_every_action_once() {
        for a in Action::ALL {
            let times = Action::IN_MENU_ORDER.iter().filter(|&&b| b == a).count();
            assert_eq!(times, 1, "{a:?}");
        }
        assert_eq!(Action::ALL.len(), Action::IN_MENU_ORDER.len());
    }
}
