//! Figures as words and numbers, headless (no egui): what every chart, table and paper says.
//! Today it holds the sentences and round figures the charts and the papers share (see
//! ARCHITECTURE.md for what is to move here next).

pub mod charts;
pub mod leavers;
pub mod tables;
pub mod words;
