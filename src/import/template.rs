//! The establishment template: our headings with a few example rows, as CSV and as .xlsx, for
//! an HR officer to fill in when their system's export will not do.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};

use super::headings::{Field, ImportKind};

/// The example rows, one string a column in [`fields`] order.
const ROWS: [[&str; 19]; 4] = [
    [
        "Borough of Poole",
        "Finance",
        "Accountant",
        "P1001",
        "Accountant",
        "G8",
        "1",
        "36000",
        "",
        "",
        "",
        "no",
        "1970-05-01",
        "1995-09-01",
        "yes",
        "4",
        "yes",
        "no",
        "",
    ],
    [
        "Borough of Poole",
        "HR",
        "Head of HR",
        "P1002",
        "Head of HR",
        "CO",
        "1",
        "82000",
        "",
        "",
        "",
        "no",
        "1966-01-01",
        "1999-01-01",
        "yes",
        "12",
        "no",
        "no",
        "95000",
    ],
    [
        "Borough of Poole",
        "IT",
        "Service desk analyst",
        "P1003",
        "Service Desk Analyst",
        "G5",
        "0.5",
        "26000",
        "",
        "",
        "",
        "no",
        "1990-07-12",
        "2015-04-01",
        "no",
        "",
        "no",
        "no",
        "",
    ],
    [
        "Borough of Poole",
        "Finance",
        "Accountant",
        "P1004",
        "Accountant",
        "G8",
        "1",
        "36000",
        "",
        "",
        "",
        "yes",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
];

/// The template's columns: every establishment field but Filled (the vacant column says it).
pub fn fields() -> Vec<Field> {
    ImportKind::Establishment
        .fields()
        .iter()
        .copied()
        .filter(|f| *f != Field::Filled)
        .collect()
}

/// The headings, in the template's order.
pub fn headings() -> Vec<&'static str> {
    fields().iter().map(|f| f.heading()).collect()
}

/// The template as CSV text.
pub fn csv() -> String {
    let mut out = headings().join(",");
    out.push_str("\r\n");
    for row in ROWS {
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Writes the template as .xlsx at `path`, with a note on each column.
pub fn write_xlsx(path: &Path) -> Result<(), String> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Establishment").map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    let fields = fields();
    for (c, field) in fields.iter().enumerate() {
        let c = c as u16;
        sheet
            .write_string_with_format(0, c, field.heading(), &bold)
            .map_err(|e| e.to_string())?;
        sheet.set_column_width(c, 16).map_err(|e| e.to_string())?;
        let note = rust_xlsxwriter::Note::new(note(*field)).set_author("Merger Planner");
        sheet.insert_note(0, c, &note).map_err(|e| e.to_string())?;
    }
    for (r, row) in ROWS.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            if value.is_empty() {
                continue;
            }
            let result = match value.parse::<f64>() {
                Ok(n) if fields[c as usize] != Field::PostId => {
                    sheet.write_number(r, c, n).map(|_| ())
                }
                _ => sheet.write_string(r, c, *value).map(|_| ()),
            };
            result.map_err(|e| e.to_string())?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    // Printed, it fits one landscape page wide.
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    workbook.save(path).map_err(|e| e.to_string())
}

fn note(field: Field) -> &'static str {
    match field {
        Field::Council => "The employing council's name",
        Field::Function => "Finance, HR, IT, Legal, Other support, or your own",
        Field::Role => "The role of the target structure the post maps onto (blank: the job title)",
        Field::PostId => "The post's number in your HR system; used to match next month's extract",
        Field::Title => "Job title",
        Field::Grade => "Grade or scale point",
        Field::Fte => "1 for full time, 0.5 for half (or weekly hours, or a percentage)",
        Field::Salary => "Full-time annual salary of the grade point",
        Field::PayMinimum => "Instead of a salary: the bottom of the pay range",
        Field::PayMaximum => "Instead of a salary: the top of the pay range",
        Field::Headcount => "A row of several posts: the people it counts (blank: estimated)",
        Field::Vacant => "yes for a vacancy (or Filled/Vacant)",
        Field::Filled => "Leave blank when the vacant column is used",
        Field::DateOfBirth => "Filled posts: DD/MM/YYYY or YYYY-MM-DD",
        Field::ServiceStart => "Filled posts: start of continuous local-government service",
        Field::Lgps => "yes for an LGPS member (blank: yes)",
        Field::Notice => "Contractual notice in weeks (blank: statutory only)",
        Field::VrInterest => "yes if they asked about voluntary redundancy",
        Field::Critical => "yes if VR must be refused (critical to the service)",
        Field::StrainQuote => "The pension fund's strain quote, if it gave one",
        Field::Sex => "Optional, for the equality impact only: as your HR system records it",
        Field::Ethnicity => "Optional, for the equality impact only: your monitoring categories",
        Field::Disability => "Optional, for the equality impact only: yes, no or prefer not to say",
        Field::TargetFte | Field::TargetSalary | Field::PayRule => "",
    }
}

/// One row of the template's columns for a post of `plan`.
fn post_row(plan: &crate::model::Plan, post: &crate::model::Post) -> Vec<String> {
    let yes = |b: bool| if b { "yes" } else { "no" }.to_owned();
    let holder = post.holder.as_ref();
    fields()
        .iter()
        .map(|f| match f {
            Field::Council => plan
                .council(&post.council)
                .map_or_else(|| post.council.clone(), |c| c.name.clone()),
            Field::Function => plan
                .function(&post.function)
                .map_or_else(|| post.function.clone(), |x| x.name.clone()),
            Field::Role => plan
                .role(&post.role)
                .map_or_else(|| post.role.clone(), |r| r.title.clone()),
            Field::PostId => post.id.clone(),
            Field::Title => post.title.clone(),
            Field::Grade => post.grade.clone(),
            Field::Fte => format!("{}", post.fte),
            Field::Salary => format!("{:.2}", post.salary.as_pounds()),
            Field::PayMinimum => post
                .pay_range
                .map(|r| format!("{:.2}", r.minimum.as_pounds()))
                .unwrap_or_default(),
            Field::PayMaximum => post
                .pay_range
                .map(|r| format!("{:.2}", r.maximum.as_pounds()))
                .unwrap_or_default(),
            Field::Headcount => post
                .group
                .and_then(|g| g.headcount)
                .map(|h| format!("{h}"))
                .unwrap_or_default(),
            Field::Vacant => yes(!post.is_filled()),
            Field::DateOfBirth => holder
                .map(|h| h.date_of_birth.to_string())
                .unwrap_or_default(),
            Field::ServiceStart => holder
                .map(|h| h.service_start.to_string())
                .unwrap_or_default(),
            Field::Lgps => holder.map(|h| yes(h.lgps_member)).unwrap_or_default(),
            Field::Notice => holder
                .map(|h| h.notice_weeks.to_string())
                .unwrap_or_default(),
            Field::VrInterest => holder.map(|h| yes(h.vr_interest)).unwrap_or_default(),
            Field::Critical => holder.map(|h| yes(h.critical)).unwrap_or_default(),
            Field::StrainQuote => holder
                .and_then(|h| h.strain_quote)
                .map(|m| format!("{:.2}", m.as_pounds()))
                .unwrap_or_default(),
            Field::Sex => holder
                .and_then(|h| h.monitoring.sex.clone())
                .unwrap_or_default(),
            Field::Ethnicity => holder
                .and_then(|h| h.monitoring.ethnicity.clone())
                .unwrap_or_default(),
            Field::Disability => holder
                .and_then(|h| h.monitoring.disability.clone())
                .unwrap_or_default(),
            Field::Filled | Field::TargetFte | Field::TargetSalary | Field::PayRule => {
                String::new()
            }
        })
        .collect()
}

/// A plan's establishment as CSV in the template's layout (what the import reads back).
pub fn establishment_csv(plan: &crate::model::Plan) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = writer.write_record(headings());
    for post in &plan.posts {
        let _ = writer.write_record(post_row(plan, post));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A plan's establishment as .xlsx in the template's layout: numbers as numbers, dates as dates.
pub fn write_establishment_xlsx(plan: &crate::model::Plan, path: &Path) -> Result<(), String> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Establishment").map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let money = Format::new().set_num_format("£#,##0.00");
    let fields = fields();
    for (c, heading) in headings().iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *heading, &bold)
            .map_err(|e| e.to_string())?;
    }
    for (r, post) in plan.posts.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, (field, text)) in fields.iter().zip(post_row(plan, post)).enumerate() {
            let c = c as u16;
            if text.is_empty() {
                continue;
            }
            let written = match field {
                Field::Fte => sheet.write_number(r, c, post.fte).map(|_| ()),
                Field::Salary | Field::StrainQuote => text
                    .parse::<f64>()
                    .map_err(|e| rust_xlsxwriter::XlsxError::ParameterError(e.to_string()))
                    .and_then(|n| sheet.write_number_with_format(r, c, n, &money).map(|_| ())),
                Field::DateOfBirth | Field::ServiceStart => match excel_date(&text) {
                    Some(xd) => sheet
                        .write_datetime_with_format(r, c, &xd, &date)
                        .map(|_| ()),
                    None => sheet.write_string(r, c, &text).map(|_| ()),
                },
                _ => sheet.write_string(r, c, &text).map(|_| ()),
            };
            written.map_err(|e| e.to_string())?;
        }
    }
    workbook.save(path).map_err(|e| e.to_string())
}

/// A date written YYYY-MM-DD as a spreadsheet date.
fn excel_date(text: &str) -> Option<rust_xlsxwriter::ExcelDateTime> {
    let d: jiff::civil::Date = text.parse().ok()?;
    rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok()
}
