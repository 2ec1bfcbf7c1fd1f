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
    /// A number column's heading: right-aligned over its figures.
    number_heading: Format,
    /// A date column's heading: centred over its dates.
    date_heading: Format,
    text: Format,
    /// Text longer than its column: wrapped onto more lines (the row is made tall enough).
    wrapped: Format,
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
        // At the top of the cell, so a row made tall by wrapped words reads from its top line.
        let base = if total {
            Format::new().set_bold().set_border_top(FormatBorder::Thin)
        } else {
            Format::new()
        }
        .set_align(FormatAlign::Top);
        // Words indented a little, so a column of words never touches the figures before it.
        let heading = Format::new()
            .set_indent(1)
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border_bottom(FormatBorder::Thin)
            .set_background_color("#DDE6F0");
        Self {
            number_heading: heading.clone().set_indent(0).set_align(FormatAlign::Right),
            date_heading: heading.clone().set_indent(0).set_align(FormatAlign::Center),
            heading,
            text: base.clone().set_indent(1),
            wrapped: base.clone().set_indent(1).set_text_wrap(),
            suppressed: base.clone().set_align(FormatAlign::Right),
            money: base.clone().set_num_format("£#,##0.00;[Red]-£#,##0.00"),
            // Two decimal places, as stored: an FTE of 0.81 or an expected share of 1.41.
            fte: base.clone().set_num_format("#,##0.00"),
            count: base.clone().set_num_format("#,##0"),
            percent: base.clone().set_num_format("0.0%"),
            years: base.clone().set_num_format("0.00"),
            // Centred, so a date never touches the words in the next column.
            date: base
                .clone()
                .set_num_format("d mmm yyyy")
                .set_align(FormatAlign::Center),
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
        // Worked out once a sheet: every cell shown, for its columns, its rows and its printing.
        let widths = column_widths(table);
        let height = write_table(sheet, table, &widths, &plain, &bold)?;
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
            set_up_printing(sheet, plan, table, &widths, height, None);
            continue;
        }
        if table.key == "by-financial-year" {
            write_costs_below(sheet, table, &widths, &plain)?;
        }
        if let Some(mut chart) = chart_for(table) {
            chart.set_width(CHART_WIDTH).set_height(CHART_HEIGHT);
            // Under the table and its notes, where it prints with them: beside a wide table it
            // would widen the page, and printing would shrink the table to fit it.
            let at = u32::try_from(table.rows.len() + table.notes.len() + 4).unwrap_or(0);
            // Beside the first column when that column prints on every page: over it, the
            // chart's left edge would print again on each later page.
            let from = u16::from(fit_for(sheet_width(&widths, true)) == Fit::AcrossPages);
            sheet.insert_chart(at, from, &chart)?;
            set_up_printing(sheet, plan, table, &widths, height, Some(at));
        } else {
            set_up_printing(sheet, plan, table, &widths, height, None);
        }
    }
    Ok(book)
}

fn write_table(
    sheet: &mut Worksheet,
    table: &Table,
    widths: &[f64],
    plain: &Formats,
    bold: &Formats,
) -> Result<f64, XlsxError> {
    for (c, heading) in table.headings.iter().enumerate() {
        let dates = table
            .rows
            .iter()
            .filter_map(|row| row.get(c))
            .any(|cell| matches!(cell, Cell::Date(_)));
        let format = if dates {
            &plain.date_heading
        } else if is_number_column(table, c) {
            &plain.number_heading
        } else {
            &plain.heading
        };
        sheet.write_string_with_format(0, col(c), heading, format)?;
    }
    // Tall enough for the longest heading's lines, so none is cut off or runs into the next.
    let heading_lines = table
        .headings
        .iter()
        .zip(widths)
        .map(|(h, w)| lines_in(h, *w))
        .max()
        .unwrap_or(1);
    sheet.set_row_height(0, LINE_HEIGHT * heading_lines as f64)?;
    // The table's height in lines, headings and notes with it, for where the pages break.
    let mut height_lines = heading_lines + usize::from(table.total.is_some()) + 1;
    for (r, row) in table.rows.iter().enumerate() {
        let at = row_num(r + 1);
        let mut lines = 1;
        for (c, cell) in row.iter().enumerate() {
            let width = widths.get(c).copied().unwrap_or(MAX_WIDTH);
            match cell {
                Cell::Text(s) if lines_in(s, width * PLAIN_TEXT) > 1 => {
                    lines = lines.max(lines_in(s, width * PLAIN_TEXT));
                    sheet.write_string_with_format(at, col(c), s, &plain.wrapped)?;
                }
                _ => write_cell(sheet, at, col(c), cell, plain)?,
            }
        }
        if lines > 1 {
            sheet.set_row_height(at, LINE_HEIGHT * lines as f64)?;
        }
        height_lines += lines;
        if table.sums_across {
            sum_across(sheet, at, row, plain)?;
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
    for (c, width) in widths.iter().enumerate() {
        sheet.set_column_width(col(c), *width)?;
    }
    // Notes wrap across the table's width, so printing fits the table, not a long sentence; a
    // table printed across pages has its notes within the first page's columns, not cut off at
    // its edge.
    // The first column, repeated on every page then, is left out of the notes' cells: a note
    // there would print its opening words again, over one another, on each later page.
    let first_page = first_page_columns(widths);
    let from = usize::from(first_page < widths.len() && first_page > 2);
    let across: f64 = widths[from..first_page].iter().sum();
    let notes_from = table.rows.len() + usize::from(table.total.is_some()) + 2;
    for (i, note) in table.notes.iter().enumerate() {
        let at = row_num(notes_from + i);
        let (first, last) = (col(from), col(first_page.saturating_sub(1)));
        if last <= first {
            sheet.write_string_with_format(at, first, note, &plain.note)?;
        } else {
            sheet.merge_range(at, first, at, last, note, &plain.note)?;
        }
        let lines = lines_in(note, across * PLAIN_TEXT);
        sheet.set_row_height(at, LINE_HEIGHT * lines as f64)?;
        height_lines += lines;
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
    Ok(LINE_HEIGHT * height_lines as f64)
}

/// Ordinary text (not bold) runs narrower than the digits Excel's widths count: a column
/// holds about this many times its width in letters (measured in LibreOffice's print of the
/// Assumptions sheet).
const PLAIN_TEXT: f64 = 1.2;

/// A line of 11 pt text, in points: a row's height for each line it wraps onto.
const LINE_HEIGHT: f64 = 15.0;

/// The widest a column is made, in Excel's widths (characters of the default font): longer
/// words wrap.
const MAX_WIDTH: f64 = 60.0;

/// True when every figure in column `c` is a number (or a number hidden): its heading is
/// right-aligned over them.
fn is_number_column(table: &Table, c: usize) -> bool {
    let mut cells = table
        .rows
        .iter()
        .chain(&table.total)
        .filter_map(|row| row.get(c))
        .filter(|cell| !matches!(cell, Cell::Empty))
        .peekable();
    cells.peek().is_some()
        && cells.all(|cell| {
            cell.is_number()
                || matches!(
                    cell,
                    Cell::Percent(_)
                        | Cell::Years(_)
                        | Cell::Date(_)
                        | Cell::Suppressed
                        | Cell::Withheld
                )
        })
}

/// How many lines `text` takes, wrapped at word breaks, in a column `width` characters wide
/// (less a character for the cell's margins; a word longer than a line takes its own lines).
fn lines_in(text: &str, width: f64) -> usize {
    let room = (width - 1.0).max(4.0) as usize;
    text.split('\n')
        .map(|paragraph| {
            let mut lines = 1;
            let mut used = 0;
            for word in paragraph.split_whitespace() {
                let n = word.chars().count().max(1);
                if used > 0 && used + 1 + n <= room {
                    used += 1 + n;
                    continue;
                }
                if used > 0 {
                    lines += 1;
                }
                // The word starts a line; one longer than a line runs onto the next.
                lines += (n - 1) / room;
                used = (n - 1) % room + 1;
            }
            lines
        })
        .sum()
}

/// The characters a heading's line holds before it wraps.
const HEADING_LINE: usize = 16;

/// The longest line of `text` wrapped at word breaks into lines of `room` characters (a longer
/// word is a line of its own).
fn longest_line(text: &str, room: usize) -> usize {
    let mut longest = 0;
    let mut used = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        used = if used > 0 && used + 1 + n <= room {
            used + 1 + n
        } else {
            n
        };
        longest = longest.max(used);
    }
    longest
}

/// Each column wide enough for its widest figure as shown (£ and commas, dates in words) and
/// its heading's longest line, the heading wrapped at 16 characters, with room either side so
/// a heading never runs into its neighbour's; words at most 60 characters wide.
fn column_widths(table: &Table) -> Vec<f64> {
    let mut widths: Vec<f64> = (0..table.headings.len())
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
            let heading = longest_line(&table.headings[c], HEADING_LINE);
            (widest.max(heading) as f64 * 1.1 + 2.0).min(MAX_WIDTH)
        })
        .collect();
    // Too wide to print legibly on one page: wrap the widest columns of words further, down to
    // a floor, before printing across pages (numbers cannot wrap).
    let limit = PRINTABLE_WIDTH * 100.0 / f64::from(LEGIBLE_SCALE);
    let words: Vec<usize> = (0..widths.len())
        .filter(|&c| !is_number_column(table, c))
        .collect();
    // A character at a time off the widest (a few hundred steps at most).
    while widths.iter().copied().map(points_of).sum::<f64>() > limit {
        let Some(c) = words
            .iter()
            .copied()
            .filter(|&c| widths[c] > NARROWEST_WRAP)
            .max_by(|&a, &b| widths[a].total_cmp(&widths[b]))
        else {
            break;
        };
        widths[c] = (widths[c] - 1.0).max(NARROWEST_WRAP);
    }
    widths
}

/// The narrowest a column of words is made so that the sheet fits the page: below this, lines
/// wrap too often to read.
const NARROWEST_WRAP: f64 = 24.0;

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
        Cell::Fte(_) | Cell::Percent(_) | Cell::Years(_) => {
            sheet.write_number_with_format(r, c, stored(cell), format_for(cell, f))?;
        }
        Cell::Count(n) => {
            sheet.write_number_with_format(r, c, *n as f64, &f.count)?;
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

/// The number a cell holds, to the places its format shows, so the cell holds what it shows
/// (6.3, not 6.300000000000001): FTE to two places (HR records give no more), a percentage to a
/// tenth of a per cent, years to two places.
fn stored(cell: &Cell) -> f64 {
    let to = |x: f64, places: i32| {
        let scale = 10f64.powi(places);
        let r = (x * scale).round() / scale;
        // Never "-0".
        if r == 0.0 { 0.0 } else { r }
    };
    match cell {
        Cell::Money(m) => m.as_pounds(),
        Cell::Fte(x) | Cell::Years(x) => to(*x, 2),
        Cell::Percent(x) => to(*x, 3),
        Cell::Count(n) => *n as f64,
        _ => 0.0,
    }
}

/// A formula's stored value, so a reader that does not calculate (and Excel before it does)
/// shows the engine's figure.
fn result(cell: &Cell) -> String {
    match cell {
        Cell::Money(_) | Cell::Fte(_) | Cell::Percent(_) | Cell::Years(_) | Cell::Count(_) => {
            format!("{}", stored(cell))
        }
        _ => String::new(),
    }
}

/// A chart's width in pixels.
const CHART_WIDTH: u32 = 760;

/// The smallest print scale, in per cent, at which 11 pt text stays 8 pt or more.
const LEGIBLE_SCALE: u16 = 75;

/// The width A4 landscape leaves for the sheet between the default margins (0.7 inches each
/// side), in points.
const PRINTABLE_WIDTH: f64 = 841.9 - 2.0 * 0.7 * 72.0;

/// A column's printed width in points at full size: Excel's width `w` in characters of the
/// default font (Calibri 11, 7 pixels a character and 5 of padding, at 96 pixels an inch).
fn points_of(width: f64) -> f64 {
    (width * 7.0 + 5.0).floor() * 0.75
}

/// How a sheet prints on A4 landscape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fit {
    /// Fitted to one page wide (and as many tall as it needs).
    OnePageWide,
    /// At the legible scale, across as many pages as it needs, its first column on each.
    AcrossPages,
}

/// How many of the columns of these `widths` print on the first page: all of them when the sheet
/// fits one page wide, else as many as fit at the legible scale (at least one).
fn first_page_columns(widths: &[f64]) -> usize {
    if fit_for(widths.iter().copied().map(points_of).sum()) == Fit::OnePageWide {
        return widths.len();
    }
    // A tenth to spare: a spreadsheet without the workbook's font draws columns wider.
    let limit = 0.9 * PRINTABLE_WIDTH * 100.0 / f64::from(LEGIBLE_SCALE);
    let mut used = 0.0;
    let fit = widths
        .iter()
        .take_while(|w| {
            used += points_of(**w);
            used <= limit
        })
        .count();
    fit.max(1).min(widths.len())
}

/// A sheet's width in points at full size: its columns' (of these `widths`), or its chart's if
/// wider.
fn sheet_width(widths: &[f64], chart: bool) -> f64 {
    let columns: f64 = widths.iter().copied().map(points_of).sum();
    if chart {
        columns.max(f64::from(CHART_WIDTH) * 0.75)
    } else {
        columns
    }
}

/// How a sheet `width` points wide prints: fitted to one page wide when that keeps its text at
/// 8 pt or more, else across pages at the legible scale.
fn fit_for(width: f64) -> Fit {
    if width * f64::from(LEGIBLE_SCALE) / 100.0 <= PRINTABLE_WIDTH {
        Fit::OnePageWide
    } else {
        Fit::AcrossPages
    }
}

/// A chart's height in pixels.
const CHART_HEIGHT: u32 = 420;

/// The height A4 landscape leaves for the sheet between the default margins (0.75 inches top
/// and bottom), in points.
const PRINTABLE_HEIGHT: f64 = 595.3 - 2.0 * 0.75 * 72.0;

/// Sets `sheet` to print on A4 landscape, legibly (see [`Fit`]), headings on every page, with
/// the plan's name, the sheet's title, the page, the marking and the date in its margins.
/// A chart at row `chart` prints whole: with the table when both fit on the page, else from a
/// new page, and the print area reaches across it.
fn set_up_printing(
    sheet: &mut Worksheet,
    plan: &Plan,
    table: &Table,
    widths: &[f64],
    height: f64,
    chart: Option<u32>,
) {
    // & starts a code in Excel's headers and footers: a plan named "A & B" is written "A && B".
    let name = plan.name.replace('&', "&&");
    let marking = plan.protective_marking.replace('&', "&&");
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    let width = sheet_width(widths, chart.is_some());
    let chart_width = f64::from(CHART_WIDTH) * 0.75;
    let scale = match fit_for(width) {
        Fit::OnePageWide => {
            sheet.set_print_fit_to_pages(1, 0);
            (PRINTABLE_WIDTH / width).min(1.0)
        }
        Fit::AcrossPages => {
            sheet.set_print_scale(LEGIBLE_SCALE);
            let _ = sheet.set_repeat_columns(0, 0);
            f64::from(LEGIBLE_SCALE) / 100.0
        }
    };
    if let Some(at) = chart {
        let chart_height = f64::from(CHART_HEIGHT) * 0.75;
        // The rows under the chart, and the columns across it, at the default 15 points high.
        let chart_rows = (chart_height / LINE_HEIGHT).ceil() as u32 + 1;
        let mut across = 0.0;
        let chart_columns = widths
            .iter()
            .skip(usize::from(fit_for(width) == Fit::AcrossPages))
            .take_while(|w| {
                let before = across;
                across += points_of(**w);
                before < chart_width
            })
            .count()
            .max(1);
        let last_column = col(widths.len().max(chart_columns + 1).saturating_sub(1));
        let _ = sheet.set_print_area(0, 0, at + chart_rows, last_column);
        if (height + 2.0 * LINE_HEIGHT + chart_height) * scale > PRINTABLE_HEIGHT {
            let _ = sheet.set_page_breaks(&[at]);
        }
    }
    sheet.set_header(format!("&L{name}&R{}", table.title.replace('&', "&&")));
    sheet.set_footer(format!("&LPage &P of &N&C{marking}&R&D"));
    let _ = sheet.set_repeat_rows(0, 0);
}

/// The row under the notes of the financial years' sheet that holds each year's one-off cost
/// as a negative number, for the chart to draw below the axis.
fn costs_below_row(table: &Table) -> u32 {
    row_num(table.rows.len() + table.notes.len() + 2)
}

/// Writes the one-off costs drawn below the axis: minus the One-off cost row (row 3), year by
/// year, labelled so nobody takes them for another figure.
fn write_costs_below(
    sheet: &mut Worksheet,
    table: &Table,
    widths: &[f64],
    plain: &Formats,
) -> Result<(), XlsxError> {
    let at = costs_below_row(table);
    let label = "For the chart: one-off cost drawn below the axis";
    let width = widths.first().copied().unwrap_or(MAX_WIDTH);
    sheet.set_row_height(at, LINE_HEIGHT * lines_in(label, width * PLAIN_TEXT) as f64)?;
    sheet.write_string_with_format(at, 0, label, &plain.note)?;
    let years = table.headings.len().saturating_sub(2);
    for c in 1..=years {
        let letter = column_letter(c);
        let value = match table.rows.get(1).and_then(|row| row.get(c)) {
            Some(Cell::Money(m)) => format!("{}", (crate::model::Money::ZERO - *m).as_pounds()),
            _ => String::new(),
        };
        let formula = Formula::new(format!("=-{letter}3")).set_result(value);
        sheet.write_formula_with_format(at, col(c), formula, &plain.money)?;
    }
    Ok(())
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
            // One-off costs below the axis, as the app draws them: from the row that negates them.
            for (r, name) in [(1u32, "Saving"), (costs_below_row(table), "One-off cost")] {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_at_their_breaks_and_a_long_word_runs_on() {
        assert_eq!(lines_in("FTE", 10.0), 1);
        // Nine characters a line in a column ten wide.
        assert_eq!(lines_in("Vacancies deleted FTE", 10.0), 3);
        assert_eq!(lines_in("Vacancies deleted FTE", 19.0), 2);
        assert_eq!(lines_in("Vacancies deleted FTE", 30.0), 1);
        assert_eq!(lines_in("abcdefghijklmnopqrst", 11.0), 2);
        assert_eq!(lines_in("abcdefghijklmnopqrstu v", 11.0), 3);
        assert_eq!(lines_in("one\ntwo", 30.0), 2);
        // "Vacancies deleted" is 17: the heading's lines are "Vacancies" and "deleted FTE".
        assert_eq!(longest_line("Vacancies deleted FTE", HEADING_LINE), 11);
        assert_eq!(longest_line("Compulsory redundancy FTE", HEADING_LINE), 14);
        assert_eq!(longest_line("FTE", HEADING_LINE), 3);
    }

    #[test]
    fn a_sheet_fits_one_page_wide_only_while_its_text_stays_8_points() {
        assert_eq!(fit_for(700.0), Fit::OnePageWide);
        // 988 points at 75% is 741: the page's width.
        assert_eq!(fit_for(985.0), Fit::OnePageWide);
        assert_eq!(fit_for(1_000.0), Fit::AcrossPages);
        assert!(11.0 * f64::from(LEGIBLE_SCALE) / 100.0 >= 8.0);
    }

    #[test]
    fn a_table_printed_across_pages_keeps_its_notes_on_the_first() {
        // 20 columns of 15 characters (82.5 points each): 10 fit the 889 points the first page
        // holds at 75%, a tenth to spare.
        assert_eq!(first_page_columns(&[15.0; 20]), 10);
        assert_eq!(first_page_columns(&[15.0; 5]), 5);
        assert_eq!(first_page_columns(&[300.0]), 1);
        assert_eq!(first_page_columns(&[]), 0);
    }

    #[test]
    fn figures_are_stored_to_the_places_they_show() {
        assert_eq!(stored(&Cell::Fte(6.300_000_000_000_001)).to_string(), "6.3");
        assert_eq!(
            stored(&Cell::Fte(286.599_999_999_999_97)).to_string(),
            "286.6"
        );
        assert_eq!(stored(&Cell::Fte(0.81)).to_string(), "0.81");
        assert_eq!(stored(&Cell::Percent(0.123_456)).to_string(), "0.123");
        assert_eq!(stored(&Cell::Years(2.345_678)).to_string(), "2.35");
        assert_eq!(stored(&Cell::Fte(-0.000_01)).to_string(), "0");
        assert_eq!(result(&Cell::Fte(6.300_000_000_000_001)), "6.3");
    }

    #[test]
    fn a_column_of_numbers_has_its_heading_over_them() {
        let mut table = Table::new("t", "T", &["Role", "FTE", "Note"]);
        table.rows.push(vec![
            Cell::Text("Accountant".into()),
            Cell::Fte(1.5),
            Cell::Empty,
        ]);
        table.rows.push(vec![
            Cell::Text("Clerk".into()),
            Cell::Suppressed,
            Cell::Text("x".into()),
        ]);
        assert!(!is_number_column(&table, 0));
        assert!(is_number_column(&table, 1));
        assert!(!is_number_column(&table, 2));
    }
}
