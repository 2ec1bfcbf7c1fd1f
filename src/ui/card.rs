//! A chart in a view: its title, "Show figures", "Copy figures", "Export CSV…" and "Export PNG…",
//! the plot and its figures.

use egui::{RichText, Ui};

use super::command::{Command, copy_buttons};
use crate::charts::{ChartState, Place, plot_ui, table_ui, view_height};
use crate::figures::charts::{Scenarios, Series, table, title};
use crate::model::Chart;
use crate::theme;

/// A chart in a view: its title, "Show figures" and "Export PNG…", the plot and, when asked for,
/// the table of figures under it.
pub fn card_ui(
    ui: &mut Ui,
    chart: Chart,
    series: &Series,
    scenarios: Option<&Scenarios>,
    state: &mut ChartState,
    commands: &mut Vec<Command>,
) {
    ui.push_id(("chart card", chart), |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(title(chart, series)).heading());
            let mut shown = state.tables.contains(&chart);
            let label = format!("Show figures: {}", chart.name());
            if ui
                .checkbox(&mut shown, "Show figures")
                .accessible_name(label)
                .on_hover_text("Show the figures behind the chart as a table")
                .changed()
            {
                if shown {
                    state.tables.insert(chart);
                } else {
                    state.tables.remove(&chart);
                }
            }
            let function = state.pools_function;
            copy_buttons(
                ui,
                chart.name(),
                || table(chart, series, scenarios, function),
                commands,
            );
            let export = format!("Export PNG: {}…", chart.name());
            if ui
                .button("Export PNG…")
                .accessible_name(export)
                .on_hover_text("Save this chart as a PNG image")
                .clicked()
            {
                commands.push(Command::ExportChart(chart));
            }
        });
        let height = view_height(chart, series, scenarios);
        plot_ui(
            ui,
            chart,
            series,
            scenarios,
            state.pools_function,
            Place::View,
            height,
        );
        if state.tables.contains(&chart) {
            ui.add_space(theme::SECTION_GAP / 2.0);
            table_ui(
                ui,
                ("figures", chart),
                &table(chart, series, scenarios, state.pools_function),
            );
        }
    });
}
