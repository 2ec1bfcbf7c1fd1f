//! The Excel workbook for finance: every table of [`super::tables`] on its own sheet, money as
//! numbers in a £ format, dates as dates, headings frozen with an autofilter, totals as SUM
//! formulas whose values are the engine's totals, set up to print, and native Excel charts (they
//! draw in Excel and in LibreOffice Calc).

use std::path::Path;

use rust_xlsxwriter::{
    Chart, ChartType, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook,
    Worksheet, XlsxError,
};

use crate::figures::tables::{self, Cell, Options, Table};
use crate::model::{Plan, Scenario};

/// Excel's number formats for each kind of cell.
struct Formats {
    heading: Format,
    text: Format,
    money: Format,
    fte: Format,
    count: Format,
    percent: Format,
    years: Format,
    date: Format,
    note: Format,
    /// "fewer than 5" in a column of numbers: right-aligned as they are.
    suppressed: Format,
}

impl Formats {
    fn new(total: bool) -> Self {
        let base = if total {
            Format::new().set_bold().set_border_top(FormatBorder::Thin)
        } else {
            Format::new()
        };
        Self {
            heading: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_border_bottom(FormatBorder::Thin)
                .set_background_color("#DDE6F0"),
            text: base.clone(),
            suppressed: base.clone().set_align(FormatAlign::Right),
            money: base.clone().set_num_format("£#,##0.00;[Red]-£#,##0.00"),
            fte: base.clone().set_num_format("#,##0.0"),
            count: base.clone().set_num_format("#,##0"),
            percent: base.clone().set_num_format("0.0%"),
            years: base.clone().set_num_format("0.00"),
            date: base.clone().set_num_format("d mmm yyyy"),
            note: Format::new()
                .set_italic()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
        }
    }
}

/// The workbook for `plan` in `scenario`, as the bytes of an .xlsx file.
pub fn to_bytes(plan: &Plan, scenario: &Scenario, options: Options) -> Result<Vec<u8>, String> {
    bytes_of(plan, &tables::all(plan, scenario, options))
}

fn bytes_of(plan: &Plan, tables: &[Table]) -> Result<Vec<u8>, String> {
    build(plan, tables)
        .and_then(|mut book| book.save_to_buffer())
        .map_err(|e| format!("could not write the workbook: {e}"))
}

/// Writes the workbook to `path`, whole or not at all.
pub fn write(
    path: &Path,
    plan: &Plan,
    scenario: &Scenario,
    options: Options,
) -> Result<(), String> {
    let bytes = to_bytes(plan, scenario, options)?;
    crate::persist::plan_file::write_atomic(path, &bytes).map_err(|e| e.to_string())
}

/// Writes the workbook of tables already made (with [`tables::all_with`]) to `path`, whole or
/// not at all.
pub fn write_tables(path: &Path, plan: &Plan, tables: &[Table]) -> Result<(), String> {
    let bytes = bytes_of(plan, tables)?;
    crate::persist::plan_file::write_atomic(path, &bytes).map_err(|e| e.to_string())
}

fn build(plan: &Plan, tables: &[Table]) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let plain = Formats::new(false);
    let bold = Formats::new(true);
    let anonymised = crate::figures::tables::protection_note(tables).is_some();
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&table.title)?;
        write_table(sheet, table, &plain, &bold)?;
        set_up_printing(sheet, plan, table);
        // An anonymised sheet with hidden figures has no chart: it would draw them as gaps that
        // read as nothing, or as a line joined across them.
        let hidden = table
            .rows
            .iter()
            .flatten()
            .any(|c| matches!(c, Cell::Suppressed | Cell::Withheld));
        if anonymised && hidden && chart_for(table).is_some() {
            let at = u32::try_from(table.rows.len() + table.notes.len() + 4).unwrap_or(0);
            sheet.write_string(
                at,
                0,
                "No chart: some of the figures it would draw are hidden (see the Summary's note).",
            )?;
            continue;
        }
        if let Some(mut chart) = chart_for(table) {
            chart.set_width(760).set_height(420);
            // Under a short table; beside a long one, where it is seen without scrolling.
            if table.rows.len() > 30 {
                sheet.insert_chart(1, col(table.headings.len() + 1), &chart)?;
            } else {
                let at = u32::try_from(table.rows.len() + table.notes.len() + 4).unwrap_or(0);
                sheet.insert_chart(at, 0, &chart)?;
            }
        }
    }
    Ok(book)
}

fn write_table(
    sheet: &mut Worksheet,
    table: &Table,
    plain: &Formats,
    bold: &Formats,
) -> Result<(), XlsxError> {
    for (c, heading) in table.headings.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), heading, &plain.heading)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            write_cell(sheet, row_num(r + 1), col(c), cell, plain)?;
        }
        if table.sums_across {
            sum_across(sheet, row_num(r + 1), row, plain)?;
        }
    }
    let last = table.rows.len(); // the last data row, counting the headings as row 0
    if let Some(total) = &table.total {
        let at = row_num(last + 1);
        for (c, cell) in total.iter().enumerate() {
            write_cell(sheet, at, col(c), cell, bold)?;
            // The waterfall's bar columns place the chart's bars: not totals.
            let summed = table.key != "waterfall" || c == 1;
            if summed && (cell.is_number() || matches!(cell, Cell::Percent(_))) {
                let letter = column_letter(c);
                let text = if table.key == "waterfall" {
                    // The target cost is the cost today less the steps.
                    format!("={letter}2-SUM({letter}3:{letter}{})", last + 1)
                } else {
                    format!("=SUM({letter}2:{letter}{})", last + 1)
                };
                let formula = Formula::new(text).set_result(result(cell));
                let format = format_for(cell, bold);
                sheet.write_formula_with_format(at, col(c), formula, format)?;
            }
        }
    }
    let widths = column_widths(table);
    for (c, width) in widths.iter().enumerate() {
        sheet.set_column_width(col(c), *width)?;
    }
    // Notes wrap across the table's width, so printing fits the table, not a long sentence.
    let across: f64 = widths.iter().sum();
    let notes_from = table.rows.len() + usize::from(table.total.is_some()) + 2;
    for (i, note) in table.notes.iter().enumerate() {
        let at = row_num(notes_from + i);
        let last = col(table.headings.len().saturating_sub(1));
        if last == 0 {
            sheet.write_string_with_format(at, 0, note, &plain.note)?;
        } else {
            sheet.merge_range(at, 0, at, last, note, &plain.note)?;
        }
        let lines = (note.chars().count() as f64 / (across * 1.1).max(10.0)).ceil();
        sheet.set_row_height(at, 15.0 * lines.max(1.0))?;
    }
    // Headings stay in view; the first column too where the table is wide.
    sheet.set_freeze_panes(1, u16::from(table.headings.len() > 6))?;
    if !table.rows.is_empty() {
        sheet.autofilter(
            0,
            0,
            row_num(last),
            col(table.headings.len().saturating_sub(1)),
        )?;
    }
    Ok(())
}

/// Each column wide enough for its widest figure as shown (£ and commas, dates in words) and
/// its heading, which wraps past 16 characters; words at most 60 characters wide.
fn column_widths(table: &Table) -> Vec<f64> {
    (0..table.headings.len())
        .map(|c| {
            let widest = table
                .rows
                .iter()
                .chain(&table.total)
                .filter_map(|row| row.get(c))
                .map(|cell| match cell {
                    Cell::Date(_) => 11,
                    other => other.shown().chars().count(),
                })
                .max()
                .unwrap_or(0);
            let heading = table.headings[c].chars().count().min(16);
            (widest.max(heading) as f64 * 1.1 + 2.0).min(60.0)
        })
        .collect()
}

/// A row's total in its last column, as a SUM of the money before it.
fn sum_across(
    sheet: &mut Worksheet,
    at: u32,
    row: &[Cell],
    plain: &Formats,
) -> Result<(), XlsxError> {
    let Some(Cell::Money(_)) = row.last() else {
        return Ok(());
    };
    let last = row.len() - 1;
    let text = format!("=SUM(B{n}:{}{n})", column_letter(last - 1), n = at + 1);
    let formula = Formula::new(text).set_result(result(&row[last]));
    sheet.write_formula_with_format(at, col(last), formula, &plain.money)?;
    Ok(())
}

fn write_cell(
    sheet: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    f: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(s) => {
            // Written as a string, never as a formula, whatever it starts with.
            sheet.write_string_with_format(r, c, s, &f.text)?;
        }
        Cell::Money(m) => {
            sheet.write_number_with_format(r, c, m.as_pounds(), &f.money)?;
        }
        Cell::Fte(x) => {
            sheet.write_number_with_format(r, c, *x, &f.fte)?;
        }
        Cell::Count(n) => {
            sheet.write_number_with_format(r, c, *n as f64, &f.count)?;
        }
        Cell::Percent(x) => {
            sheet.write_number_with_format(r, c, *x, &f.percent)?;
        }
        Cell::Years(x) => {
            sheet.write_number_with_format(r, c, *x, &f.years)?;
        }
        Cell::Date(d) => {
            let day = ExcelDateTime::from_ymd(
                u16::try_from(d.year()).unwrap_or(1900),
                d.month() as u8,
                d.day() as u8,
            )?;
            sheet.write_date_with_format(r, c, &day, &f.date)?;
        }
        Cell::Flag(b) => {
            sheet.write_string_with_format(r, c, if *b { "yes" } else { "no" }, &f.text)?;
        }
        Cell::Suppressed => {
            sheet.write_string_with_format(r, c, tables::SUPPRESSED, &f.suppressed)?;
        }
        Cell::Withheld => {
            sheet.write_string_with_format(r, c, tables::WITHHELD, &f.suppressed)?;
        }
        Cell::Empty => {}
    }
    Ok(())
}

fn format_for<'a>(cell: &Cell, f: &'a Formats) -> &'a Format {
    match cell {
        Cell::Money(_) => &f.money,
        Cell::Fte(_) => &f.fte,
        Cell::Count(_) => &f.count,
        Cell::Percent(_) => &f.percent,
        Cell::Years(_) => &f.years,
        Cell::Date(_) => &f.date,
        _ => &f.text,
    }
}

/// A formula's stored value, so a reader that does not calculate (and Excel before it does)
/// shows the engine's figure.
fn result(cell: &Cell) -> String {
    match cell {
        Cell::Money(m) => format!("{}", m.as_pounds()),
        Cell::Fte(x) | Cell::Percent(x) | Cell::Years(x) => format!("{x}"),
        Cell::Count(n) => n.to_string(),
        _ => String::new(),
    }
}

fn set_up_printing(sheet: &mut Worksheet, plan: &Plan, table: &Table) {
    // & starts a code in Excel's headers and footers: a plan named "A & B" is written "A && B".
    let name = plan.name.replace('&', "&&");
    let marking = plan.protective_marking.replace('&', "&&");
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_header(format!("&L{name}&R{}", table.title.replace('&', "&&")));
    sheet.set_footer(format!("&LPage &P of &N&C{marking}&R&D"));
    let _ = sheet.set_repeat_rows(0, 0);
}

/// The native chart a table has, if any: headcount by function, money by year with the
/// cumulative net line, the councils' split, the waterfall.
/// A chart of `kind` with a series for each (column, name): the table's rows as categories.
fn by_rows(kind: ChartType, sheet: &str, rows: u32, series: &[(u16, &str)]) -> Chart {
    let mut chart = Chart::new(kind);
    for (c, name) in series {
        chart
            .add_series()
            .set_name(*name)
            .set_categories((sheet, 1, 0, rows, 0))
            .set_values((sheet, 1, *c, rows, *c));
    }
    chart
}

fn chart_for(table: &Table) -> Option<Chart> {
    let sheet = table.title.as_str();
    // A table with no rows (a plan with no councils yet) has nothing to chart.
    let rows = u32::try_from(table.rows.len()).ok().filter(|r| *r > 0)?;
    match table.key {
        "by-function" => {
            let mut chart = by_rows(
                ChartType::Bar,
                sheet,
                rows,
                &[(1, "FTE today"), (2, "Target FTE")],
            );
            chart.title().set_name("Headcount overlap by function");
            chart.x_axis().set_name("FTE");
            // Functions top to bottom, in the table's order.
            chart.y_axis().set_reverse();
            Some(chart)
        }
        "by-financial-year" => {
            let years = u16::try_from(table.headings.len().checked_sub(2)?).ok()?;
            let mut columns = Chart::new(ChartType::Column);
            for (r, name) in [(1u32, "Saving"), (2, "One-off cost")] {
                columns
                    .add_series()
                    .set_name(name)
                    .set_categories((sheet, 0, 1, 0, years))
                    .set_values((sheet, r, 1, r, years));
            }
            let mut line = Chart::new(ChartType::Line);
            line.add_series()
                .set_name("Cumulative net")
                .set_categories((sheet, 0, 1, 0, years))
                .set_values((sheet, 4, 1, 4, years));
            columns.combine(&line);
            columns
                .title()
                .set_name("Saving and one-off cost by financial year");
            columns.y_axis().set_num_format("£#,##0");
            Some(columns)
        }
        "by-council" => {
            let mut chart = by_rows(
                ChartType::Column,
                sheet,
                rows,
                &[(5, "Recurring saving"), (6, "One-off cost")],
            );
            chart.title().set_name("Each council's share");
            chart.y_axis().set_num_format("£#,##0");
            Some(chart)
        }
        "fan" => {
            let mut chart = by_rows(
                ChartType::Line,
                sheet,
                rows,
                &[(1, "P10"), (2, "P50"), (3, "P90"), (4, "As planned")],
            );
            chart
                .title()
                .set_name("Cumulative net by financial year: P10 to P90");
            chart.y_axis().set_num_format("£#,##0");
            Some(chart)
        }
        "tornado" => {
            let mut chart = by_rows(
                ChartType::Bar,
                sheet,
                rows,
                &[(1, "One-off cost at low"), (2, "One-off cost at high")],
            );
            chart
                .title()
                .set_name("One-off cost with each input at its low and high value");
            chart.x_axis().set_num_format("£#,##0");
            chart.y_axis().set_reverse();
            Some(chart)
        }
        "equality" => {
            // Every pool's age bands: the first six rows.
            let bands = rows.min(6);
            let mut chart = Chart::new(ChartType::Column);
            chart
                .add_series()
                .set_name("Rate of selection")
                .set_categories((sheet, 1, 2, bands, 2))
                .set_values((sheet, 1, 9, bands, 9));
            chart
                .title()
                .set_name("Rate of selection by age on go-live");
            chart.y_axis().set_num_format("0%");
            chart.legend().set_hidden();
            Some(chart)
        }
        "waterfall" => Some(waterfall_chart(table, sheet, rows)),
        _ => None,
    }
}

/// The waterfall as a stacked column whose first series is invisible.
fn waterfall_chart(table: &Table, sheet: &str, rows: u32) -> Chart {
    // A stacked column whose first series is invisible: each step floats from the
    // running total (the helper columns C and D, explained in the notes). The axis starts
    // below the smallest cost, as the app's waterfall does, so the steps can be seen.
    let ends = table.rows.iter().chain(&table.total).flat_map(|row| {
        let from = match row.get(2) {
            Some(Cell::Money(m)) if m.pence() > 0 => Some(*m),
            _ => None,
        };
        let to = match (row.get(2), row.get(3)) {
            (Some(Cell::Money(a)), Some(Cell::Money(b))) => Some(*a + *b),
            _ => None,
        };
        from.into_iter().chain(to)
    });
    let low = ends.clone().min().unwrap_or_default();
    let high = ends.max().unwrap_or_default();
    let start = crate::figures::words::axis_start(low, high);
    let last = rows + 1; // the target cost row
    let mut chart = Chart::new(ChartType::ColumnStacked);
    chart
        .add_series()
        .set_name("From")
        .set_categories((sheet, 1, 0, last, 0))
        .set_values((sheet, 1, 2, last, 2))
        .set_format(
            rust_xlsxwriter::ChartFormat::new()
                .set_no_fill()
                .set_no_border(),
        );
    // Totals in blue, savings in green, costs in red: each step's colour says which.
    let fill = |colour: &str| {
        rust_xlsxwriter::ChartPoint::new().set_format(
            rust_xlsxwriter::ChartFormat::new()
                .set_solid_fill(rust_xlsxwriter::ChartSolidFill::new().set_color(colour)),
        )
    };
    let points: Vec<_> = table
        .rows
        .iter()
        .chain(&table.total)
        .enumerate()
        .map(|(i, row)| match row.get(1) {
            _ if i == 0 || i == table.rows.len() => fill("#0072B2"),
            Some(Cell::Money(m)) if m.pence() < 0 => fill("#D55E00"),
            _ => fill("#009E73"),
        })
        .collect();
    chart
        .add_series()
        .set_name("Saving a year")
        .set_categories((sheet, 1, 0, last, 0))
        .set_values((sheet, 1, 3, last, 3))
        .set_points(&points);
    chart
        .title()
        .set_name("From today's cost to the target cost");
    chart.legend().set_hidden();
    chart.y_axis().set_num_format("£#,##0");
    if start.pence() > 0 {
        chart.y_axis().set_min(start.as_pounds());
        chart
            .y_axis()
            .set_name(&format!("Axis starts at {}", start.compact()));
    }
    chart
}

fn row_num(r: usize) -> u32 {
    u32::try_from(r).unwrap_or(u32::MAX)
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// Excel's letters for a column from 0: A, B, ..., Z, AA.
fn column_letter(c: usize) -> String {
    crate::import::source::column_letter(u32::try_from(c).unwrap_or(u32::MAX))
}
