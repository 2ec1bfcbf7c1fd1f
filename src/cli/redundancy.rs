//! `redundancy`: one person's statutory and council redundancy pay, worked to the half week.

use super::{Failure, Format, date, number};
use crate::engine::rules;
use crate::model::Money;
use crate::model::Parameters;
use crate::model::in_force;
use crate::model::parse_money;
use clap::Args;
use std::io::Write;

#[derive(Args, Debug)]
pub(super) struct RedundancyArgs {
    /// The day the person leaves, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    exit_date: String,
    /// A week's pay in pounds, such as 650 or 650.50
    #[arg(long, value_name = "POUNDS", allow_hyphen_values = true)]
    weekly_pay: String,
    /// Age in whole years at the exit date (with --years)
    #[arg(long, value_name = "A", allow_hyphen_values = true)]
    age: Option<String>,
    /// Complete years of continuous service (with --age)
    #[arg(long, value_name = "Y", allow_hyphen_values = true)]
    years: Option<String>,
    /// Date of birth (with --service-start)
    #[arg(long, value_name = "DATE")]
    dob: Option<String>,
    /// Continuous service start (with --dob)
    #[arg(long, value_name = "DATE")]
    service_start: Option<String>,
    /// text or json
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// The youngest age service can count from (the school leaving age) and the oldest age an
/// employee can be, for the redundancy calculator's checks of what cannot be true.
const WORKING_AGE_FROM: u32 = 16;

const OLDEST: u32 = 120;

pub(super) fn redundancy_cmd(args: &RedundancyArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let exit = date("exit-date", Some(&args.exit_date))?
        .ok_or_else(|| Failure::Usage("--exit-date is required".to_owned()))?;
    let pay_text = &args.weekly_pay;
    let weekly = parse_money(pay_text)
        .filter(|m| m.pence() >= 0)
        .ok_or_else(|| {
            Failure::Input(format!(
                "--weekly-pay '{pay_text}' is not an amount in pounds such as 650 or 650.50"
            ))
        })?;
    let params = Parameters::default();
    let rules = &params.redundancy;
    let weeks = match (
        args.age.as_deref(),
        args.years.as_deref(),
        date("dob", args.dob.as_deref())?,
        date("service-start", args.service_start.as_deref())?,
    ) {
        (Some(age), Some(years), None, None) => {
            let age: u32 = number("age", Some(age), "a whole number of years")?.unwrap_or(0);
            let years: u32 = number("years", Some(years), "a whole number of years")?.unwrap_or(0);
            if !(WORKING_AGE_FROM..=OLDEST).contains(&age) {
                return Err(Failure::Input(format!(
                    "--age {age} is not an employee's age: give the age at the exit date in whole years, from {WORKING_AGE_FROM} to {OLDEST}"
                )));
            }
            if years > age - WORKING_AGE_FROM {
                return Err(Failure::Input(format!(
                    "--years {years} with --age {age}: service counts from {WORKING_AGE_FROM} at the earliest, so at {age} it is at most {} years",
                    age - WORKING_AGE_FROM
                )));
            }
            rules::statutory_weeks_reckoner(rules, age, years)
        }
        (None, None, Some(dob), Some(start)) => {
            if dob >= start {
                return Err(Failure::Input(format!(
                    "--dob {dob} is not before --service-start {start}"
                )));
            }
            if start > exit {
                return Err(Failure::Input(format!(
                    "--service-start {start} is after --exit-date {exit}"
                )));
            }
            let age = crate::engine::dates::whole_years(dob, exit);
            if age > OLDEST as i32 {
                return Err(Failure::Input(format!(
                    "--dob {dob} makes the employee {age} on --exit-date {exit}: check the date of birth"
                )));
            }
            rules::statutory_weeks(rules, dob, start, exit)
        }
        _ => {
            return Err(Failure::Usage(
                "give either --age and --years, or --dob and --service-start".to_owned(),
            ));
        }
    };
    let cap = in_force(&rules.weekly_caps, exit).ok_or_else(|| {
        Failure::Input(format!(
            "no statutory cap on a week's pay is known for {exit}; the earliest is {}",
            rules.weekly_caps[0].from
        ))
    })?;
    let used = weekly.min(cap.value);
    let amount = Money::from_pence_f64(weeks * used.pence() as f64);
    if args.format == Format::Json {
        let value = serde_json::json!({
            "weeks": weeks,
            "weekly_pay_used": used.pence() as f64 / 100.0,
            "weekly_cap": cap.value.pence() as f64 / 100.0,
            "amount": amount.pence() as f64 / 100.0,
            "cap_source": cap.source,
        });
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
    } else {
        let capped = if weekly > cap.value {
            format!(" (capped from {})", weekly.full())
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "Statutory redundancy pay: {weeks} weeks × {}{capped} = {}",
            used.full(),
            amount.full()
        );
        let _ = writeln!(
            out,
            "Cap on a week's pay on {exit}: {} ({})",
            cap.value.full(),
            cap.source
        );
    }
    Ok(0)
}
