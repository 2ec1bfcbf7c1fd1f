//! Pools > Leavers as rows: each person who leaves or is at risk, with their package as the totals
//! count it, formatted once per change of the plan.

use crate::engine::Outcome;
use crate::model::Plan;

/// The columns, in order.
pub const COLUMNS: [&str; 10] = [
    "Post",
    "Council",
    "Role",
    "Kind",
    "FTE",
    "Exit",
    "Redundancy",
    "Strain",
    "Protection",
    "Total",
];

/// One person's row, formatted, with what it sorts and filters by. Its cells are typed by
/// [`COLUMNS`]' length, so a heading can never be without its cell.
#[derive(Clone, Debug)]
pub struct Row {
    /// The cells, in [`COLUMNS`] order.
    pub cells: [String; COLUMNS.len()],
    /// The exit date's hover text: notice and statutory weeks.
    pub exit_detail: String,
    /// The council's index.
    pub council: usize,
    /// "voluntary", "bumped", "compulsory" or "redeployed".
    pub kind: &'static str,
    /// Money for sorting: redundancy, strain, protection, total (pence).
    pub money: [i64; 4],
    /// FTE for sorting.
    pub fte: f64,
    /// Lower-case text searched by the filter.
    pub search: String,
}

/// Every person's row, built from the outcome (once per change of the plan).
pub fn rows(plan: &Plan, o: &Outcome) -> Vec<Row> {
    o.people
        .iter()
        .map(|p| {
            let post = &plan.posts[p.post];
            let c = p.counted();
            let fte = post.fte * p.shown_share();
            let council = o
                .councils
                .get(p.council)
                .map_or_else(String::new, |x| x.short_name.clone());
            let role = o
                .roles
                .get(p.role)
                .map_or_else(String::new, |r| r.title.clone());
            let strain = if p.exit.strain_estimated && c.pension_strain.pence() > 0 {
                format!("{} (estimate)", c.pension_strain.full())
            } else {
                c.pension_strain.full()
            };
            let search = format!("{} {council} {role} {}", post.id, p.kind()).to_lowercase();
            Row {
                cells: [
                    post.id.clone(),
                    council,
                    role,
                    p.kind().to_owned(),
                    format!("{fte:.2}"),
                    p.exit_date.to_string(),
                    c.redundancy_pay.full(),
                    strain,
                    c.pay_protection.full(),
                    c.total().full(),
                ],
                exit_detail: format!(
                    "Notice {} weeks; {} weeks' statutory redundancy pay",
                    p.notice_weeks, p.exit.statutory_weeks
                ),
                council: p.council,
                kind: p.kind(),
                money: [
                    c.redundancy_pay.pence(),
                    c.pension_strain.pence(),
                    c.pay_protection.pence(),
                    c.total().pence(),
                ],
                fte,
                search,
            }
        })
        .collect()
}
