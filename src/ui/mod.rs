//! The desktop app: the window, its panels and (in later work) charts. Drawing code returns what
//! the user asked for; the app applies it after the UI pass.

pub mod app;
pub mod theme;

pub use app::{App, run};
