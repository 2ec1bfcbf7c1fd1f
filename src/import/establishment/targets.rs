//! A target structure from a file: each role's target FTE and pay.

use super::assemble::{map_functions, unique};
use super::guess::title_key;
use super::read::RowReader;
use super::{Change, Checked, Options, headings_and_rows};
use crate::format::slug;
use crate::import::Progress;
use crate::import::headings::{Field, ImportKind};
use crate::import::source::{Cell, Grid};
use crate::import::values::{self};
use crate::model::{Plan, Role, TargetPay};
use std::collections::HashMap;

/// Values of the target structure file, per row.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetRow {
    /// The spreadsheet row.
    pub row: u32,
    /// The function's name in the plan.
    pub function: String,
    /// The role's title.
    pub role: String,
    /// The role's target FTE as the file gives it.
    pub target_fte: f64,
    /// Target pay.
    pub pay: TargetPay,
}

/// Checks a target structure sheet (function, role, target FTE, target salary or pay rule)
/// against the plan: roles are matched by title within their function, new roles need a salary.
pub fn check_targets(grid: &Grid, plan: &Plan, options: &Options, progress: &Progress) -> Checked {
    let mut checked = Checked::empty(plan);
    checked.skip_bad_rows = options.skip_bad_rows;
    let Some((headings, data)) =
        headings_and_rows(grid, ImportKind::Targets, options, &mut checked)
    else {
        return checked;
    };
    checked.headings = Some(headings.clone());
    if checked.blocking > 0 {
        return checked;
    }
    let mut out = plan.clone();
    let function_ids = map_functions(
        data.iter().map(|row| {
            headings
                .column_of(Field::Function)
                .map(|i| row.cell(i).display())
                .unwrap_or_default()
        }),
        &options.mapping,
        plan,
        &mut out,
        &mut checked.functions,
    );
    let mut updated = 0;
    // Each role once: a second row for it would silently win over the first.
    let mut seen: HashMap<(String, String), u32> = HashMap::new();
    for (n, row) in data.iter().enumerate() {
        if n % 4096 == 0 {
            progress.set(n as f32 / data.len().max(1) as f32);
        }
        let mut r = RowReader {
            row,
            headings: &headings,
            problems: Vec::new(),
        };
        let function = function_ids[&r.text(Field::Function)].clone();
        let title = r.text(Field::Role);
        if title.is_empty() {
            r.bad(Field::Role, "is empty; fill in the role".to_owned());
        }
        let target = r.read(Field::TargetFte, |c| match c {
            Cell::Number(n) if n.is_finite() && *n >= 0.0 => Ok(*n),
            _ => match c.display().trim().parse::<f64>() {
                Ok(f) if f.is_finite() && f >= 0.0 => Ok(f),
                _ => Err(format!(
                    "'{}' is not a target FTE; enter 0 or more",
                    c.display()
                )),
            },
        });
        let rule = r.read(Field::PayRule, |c| {
            match c.display().trim().to_ascii_lowercase().as_str() {
                "" | "highest" => Ok(TargetPay::HarmoniseHighest),
                "average" => Ok(TargetPay::HarmoniseAverage),
                "lowest" => Ok(TargetPay::HarmoniseLowest),
                "today" | "keep" | "as today" => Ok(TargetPay::Today),
                other => Err(format!(
                    "'{other}' is not a pay rule; write highest, average, lowest or today"
                )),
            }
        });
        let pay = match r
            .cell(Field::TargetSalary)
            .filter(|c| !c.is_empty())
            .cloned()
        {
            Some(c) => r
                .read(Field::TargetSalary, |_| values::money(&c))
                .map(TargetPay::Salary),
            None => rule,
        };
        let existing = out
            .roles
            .iter()
            .position(|x| x.function == function && title_key(&x.title) == title_key(&title));
        if !title.is_empty()
            && let Some(first) = seen.insert((function.clone(), title_key(&title)), row.number)
        {
            r.bad(
                Field::Role,
                format!("'{title}' is already on row {first}; give each role one row"),
            );
        }
        if existing.is_none() && !matches!(pay, Some(TargetPay::Salary(_))) && !title.is_empty() {
            r.bad(
                Field::TargetSalary,
                format!("'{title}' is a new role with no posts today, so it needs a target salary"),
            );
        }
        if !r.problems.is_empty() {
            checked.bad_rows.push(row.number);
            for p in r.problems {
                checked.problems.push(p);
            }
            continue;
        }
        let (Some(target_fte), Some(pay)) = (target, pay) else {
            continue;
        };
        set_target(
            &mut out,
            &mut checked.changes,
            existing,
            &function,
            title,
            (target_fte, pay),
        );
        updated += 1;
    }
    progress.set(1.0);
    checked.imported = updated;
    checked.plan = out;
    checked
}

/// Sets a role's target (the role at `existing`, or a new one), recording what changes.
pub(super) fn set_target(
    out: &mut Plan,
    changes: &mut Vec<Change>,
    existing: Option<usize>,
    function: &str,
    title: String,
    (target_fte, pay): (f64, TargetPay),
) {
    let function_name = out
        .function(function)
        .map_or_else(|| function.to_owned(), |f| f.name.clone());
    let Some(i) = existing else {
        let id = unique(format!("{function}-{}", slug(&title)), |id| {
            out.role(id).is_some()
        });
        changes.push(Change::Added {
            group: function_name,
            noun: "role",
            item: title.clone(),
        });
        out.roles.push(Role {
            id,
            function: function.to_owned(),
            title,
            target_fte,
            target_from_establishment: false,
            pay,
        });
        return;
    };
    let role = &mut out.roles[i];
    let mut fields = Vec::new();
    if (role.target_fte - target_fte).abs() > 1e-9 {
        fields.push((
            "target FTE".to_owned(),
            role.target_fte.to_string(),
            target_fte.to_string(),
        ));
    }
    if role.pay != pay {
        fields.push(("pay".to_owned(), pay_text(role.pay), pay_text(pay)));
    }
    if !fields.is_empty() {
        changes.push(Change::Changed {
            group: function_name,
            noun: "role",
            item: role.title.clone(),
            fields,
        });
    }
    role.target_fte = target_fte;
    role.target_from_establishment = false;
    role.pay = pay;
}

pub(super) fn pay_text(pay: TargetPay) -> String {
    match pay {
        TargetPay::Salary(m) => m.full(),
        TargetPay::HarmoniseHighest => "highest".to_owned(),
        TargetPay::HarmoniseAverage => "average".to_owned(),
        TargetPay::HarmoniseLowest => "lowest".to_owned(),
        TargetPay::Today => "today".to_owned(),
    }
}
