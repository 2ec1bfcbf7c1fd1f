//! Every paper that leaves the app, rendered from the figures (`crate::figures`, which also makes
//! the text and JSON report): the tables as CSV files, the Excel workbook, the consultation drafts
//! (.docx), PNG charts and slides, and the board pack (PDF). Drawing off screen (`offscreen`) uses
//! wgpu without a window, for the app and the command line alike.

pub mod csv;
pub mod drafts;
pub mod offscreen;
pub mod pack;
pub mod png;
pub mod workbook;

/// Puts each sign-off in words (who signed which version, and whether the plan has changed
/// since: `document::review::lines`) under the Summary, as a note, for the workbook.
pub fn sign_offs_into(tables: &mut [crate::figures::tables::Table], lines: &[String]) {
    if let Some(summary) = tables.iter_mut().find(|t| t.key == "summary") {
        summary
            .notes
            .extend(lines.iter().map(|l| format!("Sign-off: {l}")));
    }
}
