//! The desktop app: the window, its views and dialogs. Drawing code pushes commands; the app
//! applies them after the UI pass, through one edit path that keeps undo and the unsaved marker
//! right.

pub mod access;
pub mod app;
pub mod card;
pub mod command;
pub mod dialogs;
pub mod files;
pub mod import_dialog;
pub mod present;
pub mod review;
pub mod start;
pub mod views;
pub mod widgets;

pub use app::{App, run};
