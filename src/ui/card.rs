//! A chart in a view: its title, "Show figures", "Copy figures", "Export CSV…" and "Export PNG…",
//! the plot and its figures.

use egui::Ui;

use super::command::{Command, copy_buttons};
use crate::charts::{ChartState, Place, plot_id, plot_ui, view_height};
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
        let heading = ui.horizontal_wrapped(|ui| {
            let heading = crate::ui::access::heading(ui, title(chart, series));
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
            heading.id
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
        // The chart is named by its title, drawn above it.
        ui.ctx()
            .accesskit_node_builder(plot_id((chart, false)), |node| {
                node.clear_label();
                node.push_labelled_by(heading.inner.accesskit_id());
            });
        if state.tables.contains(&chart) {
            ui.add_space(theme::SECTION_GAP / 2.0);
            let figures = table(chart, series, scenarios, state.pools_function);
            crate::ui::access::grid(
                ui,
                &format!("figures {}", chart.name()),
                &format!("Figures: {}", chart.name()),
                &figures.headings,
                &figures.shown_rows(),
                &[],
            );
        }
    });
}
