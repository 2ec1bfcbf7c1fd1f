//! Reading each row of the establishment into a draft post and its holder, with every problem at its row and column.

use super::assemble::assemble;
use super::{Checked, Options, Problem, date_order, rows_text};
use crate::import::Progress;
use crate::import::headings::{Field, Headings};
use crate::import::source::{Cell, Row};
use crate::import::values::{self, DateOrder};
use crate::model::{Monitoring, PayPoint, PayRange, Plan, Post, Postholder};
use jiff::civil::Date;
use std::collections::BTreeSet;

/// One row as read, before it becomes a post.
pub(super) struct Draft {
    pub(super) row: u32,
    pub(super) council: String,
    pub(super) function_value: String,
    pub(super) role_value: String,
    pub(super) post: Post,
}

/// Reads the cells of one row, recording problems.
pub(super) struct RowReader<'a> {
    pub(super) row: &'a Row,
    pub(super) headings: &'a Headings,
    pub(super) problems: Vec<Problem>,
}

impl RowReader<'_> {
    pub(super) fn cell(&self, field: Field) -> Option<&Cell> {
        self.headings.column_of(field).map(|i| self.row.cell(i))
    }

    pub(super) fn heading(&self, field: Field) -> String {
        self.headings.column_of(field).map_or_else(
            || field.label().to_owned(),
            |i| self.headings.columns[i].heading.clone(),
        )
    }

    pub(super) fn text(&self, field: Field) -> String {
        self.cell(field).map(values::text).unwrap_or_default()
    }

    pub(super) fn bad(&mut self, field: Field, message: String) {
        self.problems.push(Problem {
            row: Some(self.row.number),
            column: Some(self.heading(field)),
            message,
        });
    }

    pub(super) fn read<T>(
        &mut self,
        field: Field,
        f: impl FnOnce(&Cell) -> Result<T, String>,
    ) -> Option<T> {
        static EMPTY: Cell = Cell::Empty;
        let cell = self.cell(field).unwrap_or(&EMPTY);
        match f(cell) {
            Ok(v) => Some(v),
            Err(why) => {
                self.bad(field, why);
                None
            }
        }
    }

    pub(super) fn required_date(
        &mut self,
        field: Field,
        order: DateOrder,
        pivot: u8,
    ) -> Option<Date> {
        if self.cell(field).is_none_or(Cell::is_empty) {
            self.bad(
                field,
                "is empty; a filled post needs it (leave the postholder's columns blank only for a vacancy)"
                    .to_owned(),
            );
            return None;
        }
        self.read(field, |c| values::date(c, order, pivot))
    }
}

pub(super) fn read_rows(
    checked: &mut Checked,
    headings: &Headings,
    options: &Options,
    data: &[Row],
    plan: &Plan,
    progress: &Progress,
) {
    let mapping = &options.mapping;
    let pivot = mapping.two_digit_pivot;
    let unit = checked.fte_unit.0;
    let dob_order = date_order(options, headings, data, Field::DateOfBirth);
    let start_order = date_order(options, headings, data, Field::ServiceStart);
    // A published return names a vacancy in its name column ("Vacant"); the name itself is
    // never read.
    let name_column = headings.columns.iter().position(|c| {
        c.used == crate::import::headings::Use::Private
            && crate::import::headings::normalise(&c.heading).contains("name")
    });
    let (mut unnamed_rows, mut eliminated_rows) = (Vec::new(), Vec::new());
    let mut drafts: Vec<Draft> = Vec::with_capacity(data.len());
    let mut bad_rows = Vec::new();
    for (n, row) in data.iter().enumerate() {
        if n % 4096 == 0 {
            if progress.is_cancelled() {
                checked.block(None, "checking was cancelled".to_owned());
                return;
            }
            progress.set(n as f32 / data.len().max(1) as f32);
        }
        let mut r = RowReader {
            row,
            headings,
            problems: Vec::new(),
        };
        let council = match r.text(Field::Council) {
            c if c.is_empty() && headings.column_of(Field::Council).is_some() => {
                if options.council.trim().is_empty() {
                    r.bad(Field::Council, "is empty; fill in the council".to_owned());
                }
                options.council.trim().to_owned()
            }
            c if c.is_empty() => options.council.trim().to_owned(),
            c => c,
        };
        let title = r.text(Field::Title);
        // A published return may give a grade and no job title: the grade names the role.
        let role_value = match r.text(Field::Role) {
            v if !v.is_empty() => v,
            _ if !title.is_empty() => title.clone(),
            _ => r.text(Field::Grade),
        };
        if role_value.is_empty() {
            let field = if headings.column_of(Field::Role).is_some() {
                Field::Role
            } else {
                Field::Title
            };
            r.bad(field, "is empty; fill in the job title".to_owned());
        }
        let fte = read_fte(&mut r, checked.groups, unit, mapping.full_time_hours);
        let headcount = r.read(Field::Headcount, values::headcount).flatten();
        let pay = read_pay(&mut r);
        let says = name_column.and_then(|i| values::name_says(row.cell(i)));
        if says == Some(values::NameSays::Eliminated) {
            eliminated_rows.push(row.number);
            continue;
        }
        let vacant = if let Some(cell) = r.cell(Field::Vacant).cloned() {
            r.read(Field::Vacant, |_| values::vacant(&cell, true))
        } else if let Some(cell) = r.cell(Field::Filled).cloned() {
            r.read(Field::Filled, |_| values::vacant(&cell, false))
        } else {
            // Only the file says a post is vacant: an unknown holder is not an absent one.
            Some(says == Some(values::NameSays::Vacant))
        };
        let blank = |f| r.cell(f).is_none_or(Cell::is_empty);
        let dates_unknown = blank(Field::DateOfBirth) && blank(Field::ServiceStart);
        let holder = match vacant {
            Some(false) if dates_unknown => Some(None),
            Some(false) => read_holder(&mut r, dob_order, start_order, pivot).map(Some),
            Some(true) => Some(None),
            None => None,
        };
        let unnamed = vacant == Some(false) && dates_unknown;
        if let (Some(fte), Some(h)) = (fte, headcount)
            && h + 1e-9 < fte
        {
            r.bad(
                Field::Headcount,
                format!("{h} people cannot hold {fte} FTE; check the headcount and the FTE"),
            );
        }
        let post_id = r.text(Field::PostId);
        let grade = r.text(Field::Grade);
        let function_value = r.text(Field::Function);
        if !r.problems.is_empty() {
            bad_rows.push(row.number);
            // Straight into the capped list: a million bad rows keep only what is shown.
            for p in r.problems {
                checked.problems.push(p);
            }
            continue;
        }
        let (Some(fte), Some((salary, pay_range)), Some(holder)) = (fte, pay, holder) else {
            continue;
        };
        if unnamed {
            unnamed_rows.push(row.number);
        }
        let group = (fte > 1.0 + 1e-9 || headcount.is_some_and(|h| h > 1.0 + 1e-9))
            .then_some(crate::model::Group { headcount });
        drafts.push(Draft {
            row: row.number,
            council,
            function_value,
            role_value: role_value.clone(),
            post: Post {
                id: post_id,
                council: String::new(),
                function: String::new(),
                role: String::new(),
                title: if title.is_empty() { role_value } else { title },
                grade,
                unnamed,
                group,
                pay_range,
                fte,
                salary,
                holder,
            },
        });
    }
    progress.set(1.0);
    published_notes(&mut checked.notes, &unnamed_rows, &eliminated_rows);
    many_monitoring_values(&drafts, &mut checked.notes);
    if !bad_rows.is_empty() && options.skip_bad_rows {
        checked.notes.push(format!(
            "{} with problems skipped: {}",
            if bad_rows.len() == 1 { "1 row" } else { "rows" },
            rows_text(&bad_rows)
        ));
    }
    checked.bad_rows = bad_rows;
    if drafts.is_empty() && checked.problems.total == 0 {
        checked.block(
            None,
            "the file has headings but no posts under them; check the sheet".to_owned(),
        );
        return;
    }
    assemble(checked, drafts, headings, options, plan);
}

/// A row's FTE: a single post's (a share of full time, hours or a percentage), or where the
/// file counts posts, any FTE more than 0 (more than 1 makes the row a group).
fn read_fte(r: &mut RowReader, groups: bool, unit: values::FteUnit, hours: f64) -> Option<f64> {
    r.read(Field::Fte, |c| {
        values::fte(c, unit, hours).or_else(|e| {
            if groups {
                values::posts_fte(c).ok().filter(|n| *n > 1.0).ok_or(e)
            } else {
                Err(e)
            }
        })
    })
}

/// The notes a published return gives: posts taken as filled by unnamed holders, and posts
/// named "Eliminated" left out.
fn published_notes(notes: &mut Vec<String>, unnamed_rows: &[u32], eliminated_rows: &[u32]) {
    if !unnamed_rows.is_empty() {
        notes.push(format!(
            "{} no date of birth or service start: taken as filled, the holders costed from the council's workforce profile (indicative); a vacancy needs a status column or \"Vacant\" as its name ({})",
            if unnamed_rows.len() == 1 { "1 post has".to_owned() } else { format!("{} posts have", unnamed_rows.len()) },
            rows_text(unnamed_rows)
        ));
    }
    if !eliminated_rows.is_empty() {
        notes.push(format!(
            "{} named \"Eliminated\" left out: the post no longer exists",
            rows_text(eliminated_rows)
        ));
    }
}

/// A row's pay: its salary, else the pay range's midpoint (the council's own point is taken
/// when the posts join it) with the range, else the one end given.
fn read_pay(r: &mut RowReader) -> Option<(crate::model::Money, Option<PayRange>)> {
    let has_salary = r.cell(Field::Salary).is_some_and(|c| !c.is_empty());
    let has_range = r.headings.column_of(Field::PayMinimum).is_some()
        || r.headings.column_of(Field::PayMaximum).is_some();
    if has_salary || !has_range {
        let range = if has_range {
            let min = r.read(Field::PayMinimum, values::optional_money)?;
            let max = r.read(Field::PayMaximum, values::optional_money)?;
            min.zip(max)
                .filter(|(lo, hi)| lo <= hi)
                .map(|(minimum, maximum)| PayRange { minimum, maximum })
        } else {
            None
        };
        return r
            .read(Field::Salary, |c| {
                values::money(c).and_then(|m| {
                    if m.pence() > 0 {
                        Ok(m)
                    } else {
                        Err(format!(
                            "{m} must be more than zero; enter the full-time annual salary"
                        ))
                    }
                })
            })
            .map(|m| (m, range));
    }
    let min = r.read(Field::PayMinimum, values::optional_money)?;
    let max = r.read(Field::PayMaximum, values::optional_money)?;
    match (min, max) {
        (Some(lo), Some(hi)) if lo > hi => {
            r.bad(
                Field::PayMinimum,
                format!("the minimum {lo} is above the maximum {hi}; check the two columns"),
            );
            None
        }
        (Some(lo), Some(hi)) => {
            let range = PayRange {
                minimum: lo,
                maximum: hi,
            };
            Some((PayPoint::Midpoint.pay(range), Some(range)))
        }
        (Some(one), None) | (None, Some(one)) => Some((one, None)),
        (None, None) => {
            let field = if r.headings.column_of(Field::PayMaximum).is_some() {
                Field::PayMaximum
            } else {
                Field::PayMinimum
            };
            r.bad(
                field,
                "is empty; enter the pay range (its minimum and maximum) or the salary".to_owned(),
            );
            None
        }
    }
}

pub(super) fn read_holder(
    r: &mut RowReader,
    dob_order: DateOrder,
    start_order: DateOrder,
    pivot: u8,
) -> Option<Postholder> {
    let dob = r.required_date(Field::DateOfBirth, dob_order, pivot);
    let start = r.required_date(Field::ServiceStart, start_order, pivot);
    if let (Some(d), Some(s)) = (dob, start)
        && d >= s
    {
        r.bad(
            Field::DateOfBirth,
            format!("born {d} but service starts {s}; check both dates"),
        );
    }
    let lgps = r.read(Field::Lgps, values::lgps);
    let notice = r.read(Field::Notice, values::notice_weeks);
    let vr = r.read(Field::VrInterest, |c| values::flag(c, false));
    let critical = r.read(Field::Critical, |c| values::flag(c, false));
    let quote = r.read(Field::StrainQuote, |c| {
        if c.is_empty() {
            Ok(None)
        } else {
            values::money(c).and_then(|m| {
                if m.pence() >= 0 {
                    Ok(Some(m))
                } else {
                    Err(format!("{m} is negative; enter the fund's quote"))
                }
            })
        }
    });
    let sex = r.read(Field::Sex, values::sex);
    let ethnicity = r.read(Field::Ethnicity, values::monitoring);
    let disability = r.read(Field::Disability, values::disability);
    Some(Postholder {
        date_of_birth: dob?,
        service_start: start?,
        lgps_member: lgps?,
        notice_weeks: notice?,
        vr_interest: vr?,
        critical: critical?,
        strain_quote: quote?,
        monitoring: Monitoring {
            sex: sex?,
            ethnicity: ethnicity?,
            disability: disability?,
        },
    })
}

/// Equality monitoring has a few groups (Female and Male; a score of ethnic groups): a column
/// with many more different values is likely another column taken for it, and a note says so.
pub(super) fn many_monitoring_values(drafts: &[Draft], notes: &mut Vec<String>) {
    type Get = fn(&crate::model::Monitoring) -> Option<&str>;
    let fields: [(&str, usize, Get); 3] = [
        ("Sex", 10, |m| m.sex.as_deref()),
        ("Ethnicity", 40, |m| m.ethnicity.as_deref()),
        ("Disability", 10, |m| m.disability.as_deref()),
    ];
    for (name, most, get) in fields {
        let distinct: BTreeSet<String> = drafts
            .iter()
            .filter_map(|d| d.post.holder.as_ref())
            .filter_map(|h| get(&h.monitoring))
            .map(|v| v.trim().to_lowercase())
            .collect();
        if distinct.len() > most {
            notes.push(format!(
                "{name} has {} different values, where equality monitoring has a few groups: check that its column is the right one",
                distinct.len()
            ));
        }
    }
}
