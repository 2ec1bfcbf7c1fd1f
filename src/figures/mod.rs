//! Figures as words and numbers, headless (no egui): what every chart, table and paper says,
//! made from the engine's `Outcome` in one place. `charts` each chart's figures, title, headline
//! and table; `tables` every table of the papers; `leavers` the leavers' columns; `report` the
//! text and JSON report; `words` the sentences and round figures they share. The exporters
//! (`crate::export`) and the charts (`crate::charts`) only render them.

pub mod charts;
pub mod disclosure;
pub mod leavers;
pub mod report;
pub mod tables;
pub mod words;
