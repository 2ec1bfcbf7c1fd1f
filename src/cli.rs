//! The headless commands: `report`, `redundancy`, `import`, `example`, plus `--help` and
//! `--version`. Output goes to the writers given, so tests run the real commands.

use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::engine::{self, rules};
use crate::io::import::{self, Kind, Mapping, Options, Placement, ReadSettings};
use crate::io::{plan_file, report, synthetic};
use crate::model::{Money, Parameters, Plan, Programme, Severity, in_force, parse_money, validate};

/// What `main` should do after the arguments are read.
#[derive(Debug, PartialEq, Eq)]
pub enum Invocation {
    /// Open the window, on this plan or the built-in example.
    Window(Option<PathBuf>),
    /// A command ran; exit with this code.
    Exit(u8),
}

const USAGE: &str = "Merger Planner: plan the merger of councils' back-office services.

Usage:
  merger-planner                 open the app on the built-in example plan
  merger-planner PLAN.ron        open the app on a plan
  merger-planner report PLAN.ron [--scenario NAME] [--format text|json]
  merger-planner redundancy --exit-date DATE --weekly-pay POUNDS
                 (--age A --years Y | --dob DATE --service-start DATE) [--format text|json]
  merger-planner import FILE [--council NAME] [--into PLAN.ron] [--targets FILE]
                 [--mapping MAP.ron] [--sheet NAME] [--full-time-hours H] [--name NAME]
                 [--go-live DATE] [--consultation-start DATE] --out PLAN.ron
  merger-planner example --councils N --posts N [--seed S] --out PLAN.ron
  merger-planner export-slides PLAN.ron --out DIR [--size 1920x1080] [--scenario NAME]
  merger-planner COMMAND --help  help on one command
  merger-planner --version

DATE is YYYY-MM-DD. Errors go to standard error with a non-zero exit code.";

const REPORT_HELP: &str = "merger-planner report PLAN.ron [--scenario NAME] [--format text|json]

Prints the outcome of a plan: headlines, tables by function and council, the waterfall from
today's cost to the target cost, one-off costs, money by financial year and flags. --scenario
picks a saved scenario (default: Base, the plan as it stands). --format json prints the same
figures for tools, money in pounds to the penny, with split (the method and ratio), leavers[]
(each person who leaves or is at risk, with their package as the totals count it: post_id,
council, role, kind, fte, exit_date, notice_weeks, statutory_weeks, weekly_pay, weekly_cap,
statutory_pay, redundancy_pay, pension_strain, strain_estimated, class1a_ni, pay_protection,
total) and flags[]. The text report prints the same schedule of leavers. A plan with
validation errors is refused.";

const REDUNDANCY_HELP: &str = "merger-planner redundancy --exit-date DATE --weekly-pay POUNDS
                          (--age A --years Y | --dob DATE --service-start DATE) [--format text|json]

Statutory redundancy pay for one person (Employment Rights Act 1996 s.162), with the cap on a
week's pay in force on the exit date. With --dob and --service-start the exact method counts
each year back from the exit date at the age on its first day. With --age and --years it follows
the ready-reckoner convention: age in whole years at the exit date, complete years of service,
the k-th year back taken at age A-k. JSON keys: weeks, weekly_pay_used, weekly_cap, amount.";

const IMPORT_HELP: &str =
    "merger-planner import FILE [--council NAME] [--into PLAN.ron] [--targets FILE]
                      [--mapping MAP.ron] [--sheet NAME] [--full-time-hours H]
                      [--date-order day-first|month-first] [--placement new|replace|add]
                      [--name NAME] [--go-live DATE] [--consultation-start DATE] --out PLAN.ron

Reads an establishment exported by an HR or payroll system: CSV or other delimited text (comma,
semicolon, tab or pipe; UTF-8, UTF-16 or Windows-1252, all detected) or a workbook (.xlsx, .xls,
.ods; the first sheet unless --sheet). The heading row is found under any title rows, and each
column is guessed from its heading (Post No, Job Title, Service, FTE or Hours, Annual Salary,
Status, DOB, Continuous Service Date, Pension, Notice ...); names and employee numbers are never
imported. --mapping reads a mapping file saved from the app (columns, units, functions, roles).
Values as HR systems write them: Filled/Vacant, LGPS/Opted out, hours at --full-time-hours
(default 37) or percentages, £32,500.00, dates as 14/03/1966, 14-Mar-1966, 1966-03-14 or
spreadsheet dates. When every date could be day- or month-first, --date-order is needed.

--council names the council of a file with no council column. --into adds the posts to an
existing plan, keeping its scenarios, settings and other councils; --placement replace updates a
council already in it (posts matched by post id, changes listed), add adds to its posts. Without
--into a new plan is made (go-live the next 1 April at least six months away unless given).
TARGETS (function, role, target_fte, target_salary or pay_rule) sets the target structure; roles
without a target keep today's FTE. Every problem is printed with its spreadsheet row and column
heading, exit code 1, and nothing is written.";

const EXAMPLE_HELP: &str = "merger-planner example --councils N --posts N [--seed S] --out PLAN.ron

Writes a realistic synthetic plan: a county and N-1 districts becoming one unitary council with
about N posts in their corporate services, for demos and benchmarks. The same seed gives the
same plan.";

const EXPORT_SLIDES_HELP: &str = "merger-planner export-slides PLAN.ron --out DIR [--size 1920x1080] [--scenario NAME]

Draws every slide of the plan's presentation (the charts chosen in the app, in their order; every
chart for a plan saved before slides could be chosen) as PNG images, without a window: DIR/01-overlap.png and so on, made in
the light projector theme at --size pixels (default 1920x1080; each side 64 to 8192). Uses the
GPU if there is one, else Mesa's software Vulkan driver (Debian and Ubuntu: mesa-vulkan-drivers);
says so and exits 1 when neither is available. Prints each file written.";

/// Runs the command line. `args` excludes the program name.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Invocation {
    let Some(first) = args.first() else {
        return Invocation::Window(None);
    };
    let rest = &args[1..];
    let result = match first.as_str() {
        "-h" | "--help" | "help" => {
            let _ = writeln!(out, "{USAGE}");
            Ok(0)
        }
        "-V" | "--version" => {
            let _ = writeln!(out, "merger-planner {}", crate::version());
            Ok(0)
        }
        "report" => with_help(rest, REPORT_HELP, out)
            .and_then(|a| a.map_or(Ok(0), |a| report_cmd(&a, out, err))),
        "redundancy" => with_help(rest, REDUNDANCY_HELP, out)
            .and_then(|a| a.map_or(Ok(0), |a| redundancy_cmd(&a, out))),
        "import" => with_help(rest, IMPORT_HELP, out)
            .and_then(|a| a.map_or(Ok(0), |a| import_cmd(&a, out, err))),
        "example" => with_help(rest, EXAMPLE_HELP, out)
            .and_then(|a| a.map_or(Ok(0), |a| example_cmd(&a, out))),
        "export-slides" => with_help(rest, EXPORT_SLIDES_HELP, out)
            .and_then(|a| a.map_or(Ok(0), |a| export_slides_cmd(&a, out, err))),
        path if !path.starts_with('-') && rest.is_empty() => {
            return Invocation::Window(Some(PathBuf::from(path)));
        }
        other => Err(Failure::Usage(format!(
            "'{other}' is not a command or a single plan file"
        ))),
    };
    match result {
        Ok(code) => Invocation::Exit(code),
        Err(Failure::Usage(message)) => {
            let _ = writeln!(err, "error: {message}\n\n{USAGE}");
            Invocation::Exit(2)
        }
        Err(Failure::Input(message)) => {
            let _ = writeln!(err, "error: {message}");
            Invocation::Exit(1)
        }
    }
}

enum Failure {
    /// The words of the call are wrong (exit 2, usage shown).
    Usage(String),
    /// The input is wrong (exit 1).
    Input(String),
}

/// Prints the command's help and gives `None` if it was asked for; otherwise the parsed args.
fn with_help(args: &[String], help: &str, out: &mut dyn Write) -> Result<Option<Args>, Failure> {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        let _ = writeln!(out, "{help}");
        return Ok(None);
    }
    Args::parse(args).map(Some)
}

/// Positional arguments and `--name value` (or `--name=value`) options.
struct Args {
    positional: Vec<String>,
    options: Vec<(String, String)>,
}

impl Args {
    fn parse(args: &[String]) -> Result<Self, Failure> {
        let mut positional = Vec::new();
        let mut options = Vec::new();
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            if let Some(name) = a.strip_prefix("--") {
                if let Some((n, v)) = name.split_once('=') {
                    options.push((n.to_owned(), v.to_owned()));
                } else {
                    let value = args
                        .get(i + 1)
                        .ok_or_else(|| Failure::Usage(format!("--{name} needs a value")))?;
                    options.push((name.to_owned(), value.clone()));
                    i += 1;
                }
            } else {
                positional.push(a.clone());
            }
            i += 1;
        }
        Ok(Self {
            positional,
            options,
        })
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn only(&self, allowed: &[&str], positional: usize) -> Result<(), Failure> {
        if let Some((n, _)) = self
            .options
            .iter()
            .find(|(n, _)| !allowed.contains(&n.as_str()))
        {
            return Err(Failure::Usage(format!(
                "--{n} is not an option of this command"
            )));
        }
        if self.positional.len() != positional {
            return Err(Failure::Usage(format!(
                "expected {positional} file argument(s), got {}",
                self.positional.len()
            )));
        }
        Ok(())
    }

    fn required(&self, name: &str) -> Result<&str, Failure> {
        self.get(name)
            .ok_or_else(|| Failure::Usage(format!("--{name} is required")))
    }

    fn date(&self, name: &str) -> Result<Option<Date>, Failure> {
        self.get(name)
            .map(|v| {
                v.parse::<Date>().map_err(|_| {
                    Failure::Input(format!(
                        "--{name} '{v}' is not a date; write it as YYYY-MM-DD"
                    ))
                })
            })
            .transpose()
    }

    fn number<T: std::str::FromStr>(&self, name: &str, what: &str) -> Result<Option<T>, Failure> {
        self.get(name)
            .map(|v| {
                v.parse::<T>()
                    .map_err(|_| Failure::Input(format!("--{name} '{v}' is not {what}")))
            })
            .transpose()
    }

    fn format(&self) -> Result<bool, Failure> {
        match self.get("format").unwrap_or("text") {
            "text" => Ok(false),
            "json" => Ok(true),
            other => Err(Failure::Usage(format!(
                "--format '{other}' is not text or json"
            ))),
        }
    }
}

fn open_plan(path: &str) -> Result<Plan, Failure> {
    plan_file::open(Path::new(path)).map_err(|e| Failure::Input(e.to_string()))
}

/// Prints the validation errors and warnings to `err`; fails if there are errors.
fn check(plan: &Plan, label: &str, err: &mut dyn Write) -> Result<(), Failure> {
    let problems = validate(plan);
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    for p in problems.iter().take(50) {
        let _ = writeln!(err, "{p}");
    }
    if problems.len() > 50 {
        let _ = writeln!(err, "... and {} more", problems.len() - 50);
    }
    if errors > 0 {
        return Err(Failure::Input(format!(
            "{label} has {errors} validation error(s); fix them and try again"
        )));
    }
    Ok(())
}

/// The scenario named by --scenario (the base when absent), or a message listing the others.
fn chosen_scenario(
    args: &Args,
    plan: &Plan,
    path: &str,
) -> Result<crate::model::Scenario, Failure> {
    let name = args.get("scenario").unwrap_or("Base");
    plan.scenario(name).ok_or_else(|| {
        Failure::Input(format!(
            "there is no scenario '{name}' in {path}; the scenarios are: {}",
            plan.scenario_names().join(", ")
        ))
    })
}

fn export_slides_cmd(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    use crate::ui::{export, render};
    args.only(&["out", "size", "scenario"], 1)?;
    let dir = PathBuf::from(args.required("out")?);
    let size = args
        .get("size")
        .map(render::parse_size)
        .transpose()
        .map_err(|e| Failure::Input(format!("--size {e}")))?
        .unwrap_or(export::DEFAULT_SIZE);
    let path = &args.positional[0];
    let plan = open_plan(path)?;
    check(&plan, path, err)?;
    let scenario = chosen_scenario(args, &plan, path)?;
    let mut renderer = render::Offscreen::new().map_err(|e| Failure::Input(e.to_string()))?;
    let files = export::slides(&mut renderer, &plan, &scenario, &dir, size)
        .map_err(|e| Failure::Input(e.to_string()))?;
    for f in files {
        let _ = writeln!(out, "{}", f.display());
    }
    Ok(0)
}

fn report_cmd(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    args.only(&["scenario", "format"], 1)?;
    let json = args.format()?;
    let path = &args.positional[0];
    let plan = open_plan(path)?;
    check(&plan, path, err)?;
    let scenario = chosen_scenario(args, &plan, path)?;
    let outcome = engine::evaluate(&plan, &scenario);
    let text = if json {
        serde_json::to_string_pretty(&report::json(&plan, &outcome))
            .map_err(|e| Failure::Input(e.to_string()))?
    } else {
        report::text(&plan, &outcome)
    };
    let _ = writeln!(out, "{text}");
    Ok(0)
}

fn redundancy_cmd(args: &Args, out: &mut dyn Write) -> Result<u8, Failure> {
    args.only(
        &[
            "exit-date",
            "weekly-pay",
            "age",
            "years",
            "dob",
            "service-start",
            "format",
        ],
        0,
    )?;
    let json = args.format()?;
    let exit = args
        .date("exit-date")?
        .ok_or_else(|| Failure::Usage("--exit-date is required".to_owned()))?;
    let pay_text = args.required("weekly-pay")?;
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
        args.get("age"),
        args.get("years"),
        args.date("dob")?,
        args.date("service-start")?,
    ) {
        (Some(_), Some(_), None, None) => {
            let age: u32 = args.number("age", "a whole number of years")?.unwrap_or(0);
            let years: u32 = args
                .number("years", "a whole number of years")?
                .unwrap_or(0);
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
    if json {
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

/// Go-live on the next 1 April at least six months from `today`; consultation six months before.
fn default_programme(today: Date) -> Programme {
    let six_months = jiff::Span::new().months(6);
    let earliest = today.checked_add(six_months).unwrap_or(today);
    let mut go_live = Date::new(earliest.year(), 4, 1).unwrap_or(earliest);
    if go_live < earliest {
        go_live = Date::new(earliest.year() + 1, 4, 1).unwrap_or(earliest);
    }
    let consultation_start = go_live.checked_sub(six_months).unwrap_or(go_live);
    Programme {
        consultation_start,
        go_live,
    }
}

fn import_cmd(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    args.only(
        &[
            "targets",
            "name",
            "go-live",
            "consultation-start",
            "out",
            "council",
            "full-time-hours",
            "sheet",
            "mapping",
            "into",
            "date-order",
            "placement",
        ],
        1,
    )?;
    let target = args.required("out")?.to_owned();
    let staff_path = args.positional[0].clone();
    let mut mapping = match args.get("mapping") {
        Some(path) => Mapping::open(Path::new(path)).map_err(Failure::Input)?,
        None => Mapping::default(),
    };
    if let Some(h) = args.number::<f64>("full-time-hours", "a number of hours such as 37")? {
        if !(h.is_finite() && (1.0..=80.0).contains(&h)) {
            return Err(Failure::Input(format!(
                "--full-time-hours {h} must be from 1 to 80"
            )));
        }
        mapping.full_time_hours = h;
    }
    match args.get("date-order") {
        None => {}
        Some("day-first") => mapping.date_order = Some(import::values::DateOrder::DayFirst),
        Some("month-first") => mapping.date_order = Some(import::values::DateOrder::MonthFirst),
        Some(other) => {
            return Err(Failure::Usage(format!(
                "--date-order {other}: write day-first or month-first"
            )));
        }
    }
    let placement = match args.get("placement") {
        None | Some("new") => Placement::New,
        Some("replace") => Placement::Replace,
        Some("add") => Placement::Add,
        Some(other) => {
            return Err(Failure::Usage(format!(
                "--placement {other}: write new, replace or add"
            )));
        }
    };
    let plan = if let Some(path) = args.get("into") {
        plan_file::open(Path::new(path)).map_err(|e| Failure::Input(e.to_string()))?
    } else {
        {
            let programme = import_programme(args)?;
            let name = args.get("name").map_or_else(
                || {
                    Path::new(&staff_path).file_stem().map_or_else(
                        || "Imported plan".to_owned(),
                        |s| s.to_string_lossy().into_owned(),
                    )
                },
                str::to_owned,
            );
            Plan::new(&name, programme)
        }
    };
    let options = Options {
        mapping,
        council: args.get("council").unwrap_or_default().to_owned(),
        placement,
        ..Options::default()
    };
    let read = ReadSettings {
        sheet: args.get("sheet").map(str::to_owned),
        ..ReadSettings::default()
    };
    let mut plan = imported(
        &staff_path,
        &read,
        Kind::Establishment,
        &plan,
        &options,
        out,
        err,
    )?;
    if let Some(targets) = args.get("targets") {
        let options = Options {
            mapping: Mapping {
                functions: options.mapping.functions.clone(),
                ..Mapping::default()
            },
            ..Options::default()
        };
        plan = imported(
            targets,
            &ReadSettings::default(),
            Kind::Targets,
            &plan,
            &options,
            out,
            err,
        )?;
    }
    if args.get("into").is_some()
        && let Some(name) = args.get("name")
    {
        plan.name = name.to_owned();
    }
    check(&plan, "the imported plan", err)?;
    plan_file::save(Path::new(&target), &plan).map_err(|e| Failure::Input(e.to_string()))?;
    let _ = writeln!(
        out,
        "Wrote {target}: {} councils, {} functions, {} roles, {} posts; consultation {}, go-live {}",
        plan.councils.len(),
        plan.functions.len(),
        plan.roles.len(),
        plan.posts.len(),
        plan.programme.consultation_start,
        plan.programme.go_live
    );
    Ok(0)
}

/// The programme of a new plan: the dates given, else the next 1 April at least six months away
/// and consultation six months before it.
fn import_programme(args: &Args) -> Result<Programme, Failure> {
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let mut programme = default_programme(today);
    if let Some(g) = args.date("go-live")? {
        programme.go_live = g;
        programme.consultation_start = g.checked_sub(jiff::Span::new().months(6)).unwrap_or(g);
    }
    if let Some(c) = args.date("consultation-start")? {
        programme.consultation_start = c;
    }
    if programme.go_live < programme.consultation_start {
        return Err(Failure::Input(format!(
            "go-live {} is before the consultation start {}; move one of them",
            programme.go_live, programme.consultation_start
        )));
    }
    Ok(programme)
}

/// Reads and checks one file into `plan`, printing what it found; every problem (with its row and
/// column heading) fails the command.
fn imported(
    path: &str,
    read: &ReadSettings,
    kind: Kind,
    plan: &Plan,
    options: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Plan, Failure> {
    let (source, checked) =
        import::import_file(Path::new(path), read, kind, plan, options).map_err(Failure::Input)?;
    for note in &checked.notes {
        let _ = writeln!(out, "{}: {note}", source.name);
    }
    for change in checked.changes.iter().take(200) {
        let _ = writeln!(out, "{change}");
    }
    if checked.changes.len() > 200 {
        let _ = writeln!(out, "and {} more changes", checked.changes.len() - 200);
    }
    if checked.problems.total > 0 || !checked.can_import() {
        for p in &checked.problems.listed {
            let _ = writeln!(err, "{}, {p}", source.name);
        }
        if checked.problems.unlisted() > 0 {
            let _ = writeln!(
                err,
                "{}: and {} more problems",
                source.name,
                checked.problems.unlisted()
            );
        }
        if checked.blocking > 0
            && let Some(headings) = &checked.headings
        {
            let unused: Vec<String> = headings
                .columns
                .iter()
                .filter(|c| c.used == import::Use::Unused)
                .map(|c| format!("'{}' ({})", c.heading, c.letter))
                .collect();
            if !unused.is_empty() {
                let _ = writeln!(
                    err,
                    "{}: columns not used: {}; save a mapping from the app, or rename the heading",
                    source.name,
                    unused.join(", ")
                );
            }
        }
        let count = checked.problems.total.max(1);
        return Err(Failure::Input(format!(
            "{count} problem(s) found in {}; nothing was written",
            source.name
        )));
    }
    Ok(checked.plan)
}

fn example_cmd(args: &Args, out: &mut dyn Write) -> Result<u8, Failure> {
    args.only(&["councils", "posts", "seed", "out"], 0)?;
    let councils: usize = args
        .number("councils", "a whole number")?
        .ok_or_else(|| Failure::Usage("--councils is required".to_owned()))?;
    let posts: usize = args
        .number("posts", "a whole number")?
        .ok_or_else(|| Failure::Usage("--posts is required".to_owned()))?;
    let seed: u64 = args.number("seed", "a whole number")?.unwrap_or(1);
    let target = args.required("out")?;
    if !(1..=200).contains(&councils) {
        return Err(Failure::Input(format!(
            "--councils {councils} must be from 1 to 200"
        )));
    }
    if !(1..=1_000_000).contains(&posts) {
        return Err(Failure::Input(format!(
            "--posts {posts} must be from 1 to 1,000,000"
        )));
    }
    let plan = synthetic::reorganisation(councils, posts, seed);
    plan_file::save(Path::new(target), &plan).map_err(|e| Failure::Input(e.to_string()))?;
    let _ = writeln!(
        out,
        "Wrote {target}: {} councils, {} posts (seed {seed})",
        plan.councils.len(),
        plan.posts.len()
    );
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn default_dates_are_the_next_april_six_months_on() {
        let p = default_programme(date(2026, 11, 22));
        assert_eq!(p.go_live, date(2028, 4, 1));
        assert_eq!(p.consultation_start, date(2027, 10, 1));
        let p = default_programme(date(2026, 9, 1));
        assert_eq!(p.go_live, date(2027, 4, 1));
    }
}
