//! File dialogs behind a trait, so tests answer them without a window, and the preferences kept
//! in eframe storage (theme, recent files). The plan itself never goes into storage.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::import::Mapping;

/// Asks the user for a file to open or a place to save.
pub trait FileDialogs {
    /// A plan file to open, or `None` if the user cancelled.
    fn open_plan(&mut self, folder: Option<&Path>) -> Option<PathBuf>;

    /// A plan to compare the open plan with (the open dialog unless the dialogs say otherwise).
    fn compare_plan(&mut self, folder: Option<&Path>) -> Option<PathBuf> {
        self.open_plan(folder)
    }

    /// A colleague's copy of the plan to merge in.
    fn merge_copy(&mut self, folder: Option<&Path>) -> Option<PathBuf> {
        self.open_plan(folder)
    }

    /// The file of the version two copies came from.
    fn common_version(&mut self, folder: Option<&Path>) -> Option<PathBuf> {
        self.open_plan(folder)
    }
    /// Where to save the plan, or `None` if the user cancelled.
    fn save_plan(&mut self, folder: Option<&Path>, file_name: &str) -> Option<PathBuf>;
    /// Where to save a PNG image, or `None` if the user cancelled.
    fn save_png(&mut self, folder: Option<&Path>, file_name: &str) -> Option<PathBuf>;
    /// A folder to write slides into, or `None` if the user cancelled.
    fn pick_folder(&mut self, folder: Option<&Path>) -> Option<PathBuf>;
    /// A spreadsheet or text file to import, or `None` if the user cancelled.
    fn open_table(&mut self, folder: Option<&Path>, title: &str) -> Option<PathBuf>;
    /// An import mapping file to load, or `None` if the user cancelled.
    fn open_mapping(&mut self, folder: Option<&Path>) -> Option<PathBuf>;
    /// Where to save an import mapping, or `None` if the user cancelled.
    fn save_mapping(&mut self, folder: Option<&Path>, file_name: &str) -> Option<PathBuf>;
    /// Where to save the establishment template (a .csv; the .xlsx goes beside it), or `None`.
    fn save_template(&mut self, folder: Option<&Path>, file_name: &str) -> Option<PathBuf>;
    /// Where to save an Excel workbook (`.xlsx` added when missing), or `None`.
    fn save_xlsx(&mut self, folder: Option<&Path>, file_name: &str) -> Option<PathBuf>;
    /// Where to save a table as CSV (`.csv` added when missing), or `None`.
    fn save_csv(&mut self, folder: Option<&Path>, file_name: &str) -> Option<PathBuf>;
    /// Where to save a PDF (`.pdf` added when missing), or `None`.
    fn save_pdf(&mut self, folder: Option<&Path>, file_name: &str) -> Option<PathBuf>;

    /// Why a dialog since the last call could not open at all (as against being cancelled),
    /// said once.
    fn unavailable(&mut self) -> Option<String> {
        None
    }
}

/// The file-chooser library's last report that its last resort (zenity) failed too: it answers
/// "cancelled" when no chooser could open, and says why only in its log.
static CHOOSER_ERROR: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// A logger that passes everything to `inner` and keeps the file-chooser library's errors, so
/// the window can say that no chooser could open (no desktop portal, no zenity) and how to fix
/// it, not only the terminal.
pub struct ChooserWatch<L> {
    inner: L,
}

impl<L: log::Log> ChooserWatch<L> {
    /// Installs the watch over `inner` as the process's logger, at `inner`'s level or at
    /// least errors.
    pub fn install(inner: L, level: log::LevelFilter) -> Result<(), log::SetLoggerError>
    where
        L: 'static,
    {
        log::set_boxed_logger(Box::new(Self { inner }))?;
        log::set_max_level(level.max(log::LevelFilter::Error));
        Ok(())
    }

    fn is_chooser_error(metadata: &log::Metadata<'_>) -> bool {
        metadata.level() == log::Level::Error && metadata.target().starts_with("rfd")
    }
}

impl<L: log::Log> log::Log for ChooserWatch<L> {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        Self::is_chooser_error(metadata) || self.inner.enabled(metadata)
    }

    fn log(&self, record: &log::Record<'_>) {
        // Only the last resort's failure: the portal's own error is followed by zenity, which
        // may open (and be cancelled) after it.
        if Self::is_chooser_error(record.metadata()) {
            let said = record.args().to_string();
            if said.contains("zenity")
                && let Ok(mut last) = CHOOSER_ERROR.lock()
            {
                *last = Some(said);
            }
        }
        if self.inner.enabled(record.metadata()) {
            self.inner.log(record);
        }
    }

    fn flush(&self) {
        self.inner.flush();
    }
}

/// What to tell the user when no file chooser could open, with what the system said.
pub fn chooser_help(said: &str) -> String {
    format!(
        "No file chooser could open on this desktop: it has no file-chooser portal and no \
         zenity. Install one and try again; on Debian or Ubuntu: sudo apt install zenity (or \
         xdg-desktop-portal-gtk). Meanwhile a plan or an HR export opens from the command \
         line: merger-planner <file>.\n\nThe system said: {said}"
    )
}

/// The operating system's dialogs (through rfd).
#[derive(Debug, Default)]
pub struct NativeDialogs;

#[expect(
    clippy::disallowed_methods,
    reason = "this is the one place real dialogs are made; tests use ScriptedDialogs"
)]
fn dialog(folder: Option<&Path>) -> rfd::FileDialog {
    in_folder(
        rfd::FileDialog::new().add_filter("Merger plan", &["ron"]),
        folder,
    )
}

#[expect(
    clippy::disallowed_methods,
    reason = "this is the one place real dialogs are made; tests use ScriptedDialogs"
)]
fn image_dialog(folder: Option<&Path>) -> rfd::FileDialog {
    in_folder(
        rfd::FileDialog::new().add_filter("PNG image", &["png"]),
        folder,
    )
}

#[expect(
    clippy::disallowed_methods,
    reason = "this is the one place real dialogs are made; tests use ScriptedDialogs"
)]
fn filtered(folder: Option<&Path>, name: &str, extensions: &[&str]) -> rfd::FileDialog {
    in_folder(rfd::FileDialog::new().add_filter(name, extensions), folder)
}

/// What the import reads.
pub const TABLE_EXTENSIONS: [&str; 7] = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods"];

fn in_folder(dialog: rfd::FileDialog, folder: Option<&Path>) -> rfd::FileDialog {
    match folder {
        Some(f) => dialog.set_directory(f),
        None => dialog,
    }
}

impl FileDialogs for NativeDialogs {
    fn unavailable(&mut self) -> Option<String> {
        CHOOSER_ERROR.lock().ok().and_then(|mut last| last.take())
    }

    fn open_plan(&mut self, folder: Option<&Path>) -> Option<PathBuf> {
        dialog(folder).set_title("Open plan").pick_file()
    }

    fn compare_plan(&mut self, folder: Option<&Path>) -> Option<PathBuf> {
        dialog(folder)
            .set_title("Compare with a plan file")
            .pick_file()
    }

    fn merge_copy(&mut self, folder: Option<&Path>) -> Option<PathBuf> {
        dialog(folder)
            .set_title("Merge a colleague's copy")
            .pick_file()
    }

    fn common_version(&mut self, folder: Option<&Path>) -> Option<PathBuf> {
        dialog(folder)
            .set_title("The version both copies came from")
            .pick_file()
    }

    fn save_plan(&mut self, folder: Option<&Path>, file_name: &str) -> Option<PathBuf> {
        dialog(folder)
            .set_title("Save plan as")
            .set_file_name(file_name)
            .save_file()
            .map(with_ron_extension)
    }

    fn save_png(&mut self, folder: Option<&Path>, file_name: &str) -> Option<PathBuf> {
        image_dialog(folder)
            .set_title("Export chart as PNG")
            .set_file_name(file_name)
            .save_file()
            .map(|p| with_extension(p, "png"))
    }

    fn pick_folder(&mut self, folder: Option<&Path>) -> Option<PathBuf> {
        image_dialog(folder)
            .set_title("Choose a folder for the slides")
            .pick_folder()
    }

    fn open_table(&mut self, folder: Option<&Path>, title: &str) -> Option<PathBuf> {
        filtered(folder, "Spreadsheet or CSV", &TABLE_EXTENSIONS)
            .set_title(title)
            .pick_file()
    }

    fn open_mapping(&mut self, folder: Option<&Path>) -> Option<PathBuf> {
        filtered(folder, "Import mapping", &["ron"])
            .set_title("Load an import mapping")
            .pick_file()
    }

    fn save_mapping(&mut self, folder: Option<&Path>, file_name: &str) -> Option<PathBuf> {
        filtered(folder, "Import mapping", &["ron"])
            .set_title("Save the import mapping")
            .set_file_name(file_name)
            .save_file()
            .map(with_ron_extension)
    }

    fn save_template(&mut self, folder: Option<&Path>, file_name: &str) -> Option<PathBuf> {
        filtered(folder, "CSV (an .xlsx is saved beside it)", &["csv"])
            .set_title("Save an establishment template")
            .set_file_name(file_name)
            .save_file()
            .map(|p| with_extension(p, "csv"))
    }

    fn save_xlsx(&mut self, folder: Option<&Path>, file_name: &str) -> Option<PathBuf> {
        filtered(folder, "Excel workbook", &["xlsx"])
            .set_title("Export to Excel")
            .set_file_name(file_name)
            .save_file()
            .map(|p| with_extension(p, "xlsx"))
    }

    fn save_csv(&mut self, folder: Option<&Path>, file_name: &str) -> Option<PathBuf> {
        filtered(folder, "CSV", &["csv"])
            .set_title("Export the figures as CSV")
            .set_file_name(file_name)
            .save_file()
            .map(|p| with_extension(p, "csv"))
    }

    fn save_pdf(&mut self, folder: Option<&Path>, file_name: &str) -> Option<PathBuf> {
        filtered(folder, "PDF", &["pdf"])
            .set_title("Export the board pack")
            .set_file_name(file_name)
            .save_file()
            .map(|p| with_extension(p, "pdf"))
    }
}

/// The path with `.ron` added when it has no extension.
pub fn with_ron_extension(path: PathBuf) -> PathBuf {
    with_extension(path, "ron")
}

/// The path with `extension` added when it has none.
pub fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension(extension)
    } else {
        path
    }
}

/// Dialogs that give answers queued in advance, for tests. Clones share one queue, so a test
/// keeps a clone and queues answers after handing the other to the app.
#[derive(Clone, Debug, Default)]
pub struct ScriptedDialogs {
    answers: Rc<RefCell<VecDeque<Option<PathBuf>>>>,
    asked: Rc<RefCell<usize>>,
    broken: Rc<RefCell<Option<String>>>,
}

impl ScriptedDialogs {
    /// The next dialog cannot open, and the system says `why` (no portal, no zenity).
    pub fn cannot_open(&self, why: &str) {
        self.answer(None);
        *self.broken.borrow_mut() = Some(why.to_owned());
    }

    /// The next dialog will answer `path` (or cancel, for `None`).
    pub fn answer(&self, path: Option<PathBuf>) {
        self.answers.borrow_mut().push_back(path);
    }

    /// How many dialogs have been shown.
    pub fn asked(&self) -> usize {
        *self.asked.borrow()
    }

    fn next(&self) -> Option<PathBuf> {
        *self.asked.borrow_mut() += 1;
        self.answers.borrow_mut().pop_front().flatten()
    }
}

impl FileDialogs for ScriptedDialogs {
    fn unavailable(&mut self) -> Option<String> {
        self.broken.borrow_mut().take()
    }

    fn open_plan(&mut self, _folder: Option<&Path>) -> Option<PathBuf> {
        self.next()
    }

    fn save_plan(&mut self, _folder: Option<&Path>, _file_name: &str) -> Option<PathBuf> {
        self.next().map(with_ron_extension)
    }

    fn save_png(&mut self, _folder: Option<&Path>, _file_name: &str) -> Option<PathBuf> {
        self.next().map(|p| with_extension(p, "png"))
    }

    fn pick_folder(&mut self, _folder: Option<&Path>) -> Option<PathBuf> {
        self.next()
    }

    fn open_table(&mut self, _folder: Option<&Path>, _title: &str) -> Option<PathBuf> {
        self.next()
    }

    fn open_mapping(&mut self, _folder: Option<&Path>) -> Option<PathBuf> {
        self.next()
    }

    fn save_mapping(&mut self, _folder: Option<&Path>, _file_name: &str) -> Option<PathBuf> {
        self.next().map(with_ron_extension)
    }

    fn save_template(&mut self, _folder: Option<&Path>, _file_name: &str) -> Option<PathBuf> {
        self.next().map(|p| with_extension(p, "csv"))
    }

    fn save_xlsx(&mut self, _folder: Option<&Path>, _file_name: &str) -> Option<PathBuf> {
        self.next().map(|p| with_extension(p, "xlsx"))
    }

    fn save_csv(&mut self, _folder: Option<&Path>, _file_name: &str) -> Option<PathBuf> {
        self.next().map(|p| with_extension(p, "csv"))
    }

    fn save_pdf(&mut self, _folder: Option<&Path>, _file_name: &str) -> Option<PathBuf> {
        self.next().map(|p| with_extension(p, "pdf"))
    }
}

/// How many recent files the File menu lists.
pub const MAX_RECENT: usize = 8;

/// How many import mappings are remembered.
pub const MAX_MAPPINGS: usize = 40;

/// The user's preferences, kept in eframe storage between runs. Panel sizes are kept by egui's
/// own memory, which eframe stores too.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Light, dark, or as the operating system is set (the default).
    pub theme: egui::ThemePreference,
    /// The largest plan file to open, in megabytes (`None`: the default, 200 MB).
    pub max_plan_mb: Option<u64>,
    /// Plan files opened or saved, most recent first.
    pub recent: Vec<PathBuf>,
    /// Show the validation panel.
    pub show_problems: bool,
    /// Import mappings chosen before, by the layout of the file's headings.
    pub import_mappings: BTreeMap<String, Mapping>,
    /// The start page has been seen and a way in chosen (it opens by itself on the first run).
    pub welcomed: bool,
    /// The user's name, as their comments and sign-offs give it.
    #[serde(default)]
    pub name: String,
    /// Show the navigator (councils and functions down the left); unset: only on windows 1,400
    /// points wide or more, so a laptop's screen keeps its width for the views.
    pub navigator: Option<bool>,
}

/// Windows narrower than this hide the navigator unless the user shows it.
pub const NAVIGATOR_FROM_WIDTH: f32 = 1400.0;

impl Preferences {
    /// The key preferences are stored under.
    pub const KEY: &'static str = "merger-planner-preferences";

    /// Whether the navigator is shown on a window `width` points wide.
    pub fn navigator_shown(&self, width: f32) -> bool {
        self.navigator.unwrap_or(width >= NAVIGATOR_FROM_WIDTH)
    }

    /// The largest plan file to open, in megabytes.
    pub fn max_plan_mb(&self) -> u64 {
        self.max_plan_mb
            .unwrap_or(crate::persist::plan_file::DEFAULT_MAX_MB)
    }

    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
    }

    /// Remembers the mapping chosen for a file layout; past [`MAX_MAPPINGS`] layouts, one is
    /// forgotten.
    pub fn remember_mapping(&mut self, layout: String, mapping: Mapping) {
        self.import_mappings.insert(layout, mapping);
        while self.import_mappings.len() > MAX_MAPPINGS {
            let Some(oldest) = self.import_mappings.keys().next().cloned() else {
                break;
            };
            self.import_mappings.remove(&oldest);
        }
    }

    /// Takes a path out of the recent files (it no longer opens).
    pub fn forget(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
    }
}

#[cfg(test)]
mod tests {
    use super::{ChooserWatch, FileDialogs, NativeDialogs};
    use log::Log;

    /// A logger that keeps nothing.
    struct Quiet;

    impl Log for Quiet {
        fn enabled(&self, _: &log::Metadata<'_>) -> bool {
            false
        }
        fn log(&self, _: &log::Record<'_>) {}
        fn flush(&self) {}
    }

    fn error(watch: &ChooserWatch<Quiet>, target: &str, said: std::fmt::Arguments<'_>) {
        watch.log(
            &log::Record::builder()
                .level(log::Level::Error)
                .target(target)
                .args(said)
                .build(),
        );
    }

    #[test]
    fn only_the_last_resorts_failure_means_no_chooser_could_open() {
        let watch = ChooserWatch { inner: Quiet };
        let mut dialogs = NativeDialogs;
        // No portal, but zenity opens (and is cancelled): nothing to say.
        error(
            &watch,
            "rfd::backend::xdg_desktop_portal::portal::libdbus",
            format_args!("Failed to connect to session bus"),
        );
        error(&watch, "eframe", format_args!("zenity is not ours"));
        assert_eq!(dialogs.unavailable(), None);
        // Neither: said once.
        error(
            &watch,
            "rfd::backend::xdg_desktop_portal",
            format_args!("Failed to pick file with zenity: No such file or directory"),
        );
        assert_eq!(
            dialogs.unavailable().as_deref(),
            Some("Failed to pick file with zenity: No such file or directory")
        );
        assert_eq!(dialogs.unavailable(), None);
    }
}
