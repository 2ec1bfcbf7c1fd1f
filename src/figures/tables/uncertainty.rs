//! The Monte Carlo run's three tables, or why the papers have none.

use super::{Cell, Table};
use crate::model::Money;

/// Why papers of a plan with uncertain inputs have no Monte Carlo run: too large to run within
/// an export, or left out when exporting.
pub(super) fn left_out(posts: usize) -> String {
    use crate::engine::risk::{FEWEST_PAPER_DRAWS, PAPER_POST_DRAWS, paper_draws};
    let how = "run it in Money > Uncertainty or with merger-planner risk";
    if paper_draws(posts).is_none() {
        format!(
            "Some inputs have ranges, but these papers have no Monte Carlo run: a plan of {} posts is too large to run it within an export (papers run it up to {} posts); {how}.",
            crate::format::thousands(posts as u64),
            crate::format::thousands((PAPER_POST_DRAWS / FEWEST_PAPER_DRAWS) as u64)
        )
    } else {
        format!(
            "Some inputs have ranges, but the Monte Carlo run was left out of these papers when they were exported; {how}."
        )
    }
}

/// The Monte Carlo run: the spread of each headline figure and the chances; cumulative net by
/// financial year (the fan); what each input moves (the tornado).
pub(super) fn uncertainty(r: &crate::engine::risk::Risk) -> [Table; 3] {
    use crate::engine::risk::Quantiles;
    let pounds = |x: f64| Cell::Money(Money::from_pounds_f64(x));
    let years = |x: f64| {
        if x.is_finite() {
            Cell::Years(x)
        } else {
            Cell::text("never")
        }
    };
    let mut figures = Table::new(
        "uncertainty",
        "Uncertainty",
        &["Figure", "P10", "P50", "P90", "Mean"],
    );
    let row = |label: &str, q: &Quantiles, cell: &dyn Fn(f64) -> Cell| {
        vec![
            Cell::text(label),
            cell(q.p10),
            cell(q.p50),
            cell(q.p90),
            cell(q.mean),
        ]
    };
    figures.rows = vec![
        row("Recurring saving, a year", &r.recurring_saving, &pounds),
        row("One-off cost", &r.one_off_cost, &pounds),
        row("Payback, years", &r.payback_years, &years),
        row(
            "People dismissed compulsorily",
            &r.compulsory_people,
            &Cell::Fte,
        ),
    ];
    for (council, q) in &r.consultation_days {
        figures
            .rows
            .push(row(&format!("{council}: days of consultation"), q, &|x| {
                Cell::Count(x.round().max(0.0) as u64)
            }));
    }
    for (label, p) in [
        (
            format!("Chance of payback within {} years", r.payback_limit_years),
            r.p_payback_within_limit,
        ),
        (
            "Chance every council meets go-live".to_owned(),
            r.p_go_live_met,
        ),
        (
            "Chance compulsory redundancies are needed".to_owned(),
            r.p_compulsory_needed,
        ),
    ] {
        figures.rows.push(vec![
            Cell::text(label),
            Cell::Empty,
            Cell::Percent(p),
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    figures.notes.push(format!(
        "A Monte Carlo run of the whole plan: {} draws (seed {}), each uncertain input drawn from a triangular distribution between its low and high values, most often near its likely value{}. P10: one draw in ten is lower; P90: one in ten is higher.{}",
        crate::format::thousands(r.draws as u64),
        r.seed,
        if r.profiled {
            ", and the ages and service of the people the plan does not name drawn from their council's workforce profile"
        } else {
            ""
        },
        if r.draws < crate::engine::risk::Settings::default().draws {
            " Fewer draws than the app's 2,000, so that the export of a plan this large stays quick: P10 and P90 are a little less certain."
        } else {
            ""
        }
    ));
    let mut fan = Table::new(
        "fan",
        "Range of outcomes",
        &["Year", "P10", "P50", "P90", "As planned"],
    );
    fan.rows = r
        .fan
        .iter()
        .map(|y| {
            vec![
                Cell::text(y.year.to_string()),
                pounds(y.quantiles.p10),
                pounds(y.quantiles.p50),
                pounds(y.quantiles.p90),
                pounds(y.deterministic),
            ]
        })
        .collect();
    fan.notes.push(
        "Cumulative net (savings less one-off costs) to the end of each financial year over the draws; as planned: the scenario with its own values.".to_owned(),
    );
    let mut tornado = Table::new(
        "tornado",
        "What moves the figures",
        &[
            "Input",
            "One-off cost at low",
            "One-off cost at high",
            "Saving at low",
            "Saving at high",
        ],
    );
    tornado.rows = r
        .tornado
        .iter()
        .map(|b| {
            vec![
                Cell::text(b.input),
                pounds(b.one_off.0),
                pounds(b.one_off.1),
                pounds(b.saving.0),
                pounds(b.saving.1),
            ]
        })
        .collect();
    tornado.notes.push(format!(
        "Each input at its low and at its high value, every other at its likely value; with all at their likely values the one-off cost is {} and the saving {} a year.",
        Money::from_pounds_f64(r.likely.0).full(),
        Money::from_pounds_f64(r.likely.1).full()
    ));
    [figures, fan, tornado]
}
