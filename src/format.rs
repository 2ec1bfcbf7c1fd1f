//! Counts in words, shared by the app, the command line and the file messages.

pub use crate::model::group_thousands as thousands;

/// "1 problem", "3 problems", "50,000 posts".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", thousands(n as u64))
    }
}
