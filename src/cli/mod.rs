//! The headless commands, read by clap: this file holds the command line's words, the checks
//! every command shares (what may be written, opening and validating a plan) and the dispatch;
//! each command is a file of its own beside it. Output goes to the writers given, so tests run
//! the real commands.

mod compare;
mod example;
mod export;
mod import;
mod merge;
mod package;
mod redundancy;
mod report;
mod risk;
mod seek;
mod slides;

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use jiff::civil::Date;

use crate::document::Document;
use crate::model::{Plan, Severity, validate};
use crate::persist::{lock, plan_file};

/// What `main` should do after the arguments are read.
#[derive(Debug, PartialEq, Eq)]
pub enum Invocation {
    /// Open the window, on this plan or the built-in example.
    Window(Option<PathBuf>),
    /// A command ran; exit with this code.
    Exit(u8),
}

const ABOUT: &str = "Merger Planner: plan the merger of councils' back-office services.";

const USAGE: &str = "
  merger-planner                 open the app on the built-in example plan
  merger-planner PLAN.ron        open the app on a plan
  merger-planner report PLAN.ron [--scenario NAME] [--format text|json] [--anonymised] [--timings]
  merger-planner redundancy --exit-date DATE --weekly-pay POUNDS
                 (--age A --years Y | --dob DATE --service-start DATE) [--format text|json]
  merger-planner import FILE [--council NAME] [--into PLAN.ron] [--targets FILE]
                 [--mapping MAP.ron] [--sheet NAME] [--full-time-hours H] [--name NAME]
                 [--go-live DATE] [--consultation-start DATE] --out PLAN.ron
  merger-planner example --councils N --posts N [--seed S] --out PLAN.ron
  merger-planner export-slides PLAN.ron --out DIR [--size 1920x1080] [--scenario NAME] [--anonymised]
  merger-planner export PLAN.ron (--xlsx OUT.xlsx | --csv DIR | --letters DIR | --pdf OUT.pdf)
                 [--scenario NAME] [--anonymised] [--leavers]
  merger-planner diff OLD.ron NEW.ron [--format text|json]
  merger-planner merge BASE.ron MINE.ron THEIRS.ron --out MERGED.ron [--take mine|theirs]
                 [--format text|json]
  merger-planner compare PLAN.ron --scenarios A,B[,C] [--format text|json]
  merger-planner risk PLAN.ron [--scenario NAME] [--draws N] [--seed S] [--format text|json]
  merger-planner man [COMMAND | --out DIR]   the manual pages (roff)
  merger-planner completions bash|zsh|fish|powershell|elvish
  merger-planner COMMAND --help  help on one command
  merger-planner --version";

const AFTER: &str = "DATE is YYYY-MM-DD. Errors go to standard error with a non-zero exit code: 2 when \
the command is written wrongly, 1 when its input is wrong.";

const REPORT_HELP: &str =
    "Prints the outcome of a plan: headlines, tables by function and council, the waterfall from
today's cost to the target cost, one-off costs, money by financial year and flags. --scenario
picks a saved scenario (default: Base, the plan as it stands). --format json prints the same
figures for tools, money in pounds to the penny, with split (the method and ratio), leavers[]
(each person who leaves or is at risk, with their package as the totals count it: post_id,
council, role, kind, fte, exit_date, notice_weeks, statutory_weeks, weekly_pay, weekly_cap,
statutory_pay, redundancy_pay, pension_strain, strain_estimated, class1a_ni, pay_protection,
total) and flags[]. The text report prints the same schedule of leavers. --anonymised prints
instead what the anonymised papers publish, protected as they are (docs/disclosure.md): every
table and every chart's figures, no leavers; as JSON each table is key, title, headings, rows,
total and notes, a hidden figure {\"hidden\": \"fewer than 5\"} or {\"hidden\": \"not shown\"},
and protection says how many were hidden and why. --timings prints how
long opening, validating and evaluating took on standard error (as 'open 212 ms'), so a large
plan shows where its time goes. A plan with validation errors is refused.";

const REDUNDANCY_HELP: &str =
    "Statutory redundancy pay for one person (Employment Rights Act 1996 s.162), with the cap on a
week's pay in force on the exit date. With --dob and --service-start the exact method counts
each year back from the exit date at the age on its first day. With --age and --years it follows
the ready-reckoner convention: age in whole years at the exit date, complete years of service,
the k-th year back taken at age A-k. JSON keys: weeks, weekly_pay_used, weekly_cap, amount.";

const IMPORT_HELP: &str = "Reads an establishment exported by an HR or payroll system: CSV or other delimited text (comma,
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

const EXAMPLE_HELP: &str = "Writes a realistic synthetic plan: a county and N-1 districts becoming one unitary council with
about N posts in their corporate services, for demos and benchmarks. The same seed gives the
same plan.";

const EXPORT_SLIDES_HELP: &str = "Draws every slide of the plan's presentation (the charts chosen in the app, in their order; every
chart for a plan saved before slides could be chosen) as PNG images, without a window:
DIR/01-overlap.png and so on, made in the light projector theme at --size pixels (default
1920x1080; each side 64 to 8192). Uses the GPU if there is one, else Mesa's software Vulkan
driver (Debian and Ubuntu: mesa-vulkan-drivers); says so and exits 1 when neither is available.
--anonymised writes only the slides an anonymised release may show (docs/disclosure.md): a chart
that would draw a figure the anonymised tables hide is left out, and standard error says which.
Prints each file written.";

const EXPORT_HELP: &str =
    "Writes the plan's figures for board papers, without a window. --xlsx writes an Excel workbook
for finance: Summary, By function, By council, By role, By financial year (years across, councils
down), Waterfall, Pools, Timetable, One-off costs, Scenarios and Assumptions (every statutory
parameter with its date and source), money as numbers in a £ format, dates as dates, headings
frozen with autofilters, totals as SUM formulas, set up to print (landscape, one page wide, the
plan's name in the header, page, protective marking and date in the footer), with native Excel
charts (headcount by function, money by year with the cumulative net, the councils' split, the
waterfall). --csv writes each of those tables as DIR/01-summary.csv and so on. Every figure is the
JSON report's to the penny. --leavers adds the leavers' schedule (one row a person, no names,
OFFICIAL-SENSITIVE). --anonymised leaves out post ids, dates of birth and individual pay, and protects every
table and chart written together (docs/disclosure.md): a figure about fewer than 5 people says
\"fewer than 5\", and figures hidden so that none of them can be worked out or narrowed from the
rest say \"not shown\"; the board pack gives a chart as its table where it would draw a hidden
figure; standard error says how many were hidden and why; it never includes leavers. --letters writes, for each council that owes collective
consultation, a draft HR1 (hr1-NAME.docx) and a draft TULRCA s.188(4) disclosure letter to its
recognised unions (s188-letter-NAME.docx), every figure from the plan; what the plan cannot know
(addresses, the signatory) is left in [square brackets]. --pdf writes the board pack: a title page
(plan, scenario, date, protective marking), the headline figures, every slide's chart and the By
function, By council and By financial year tables, A4 landscape with page numbers and the marking
on every page; it draws the charts with the GPU or Mesa's software Vulkan driver, as
export-slides does. Text that a spreadsheet would run as a formula is escaped. Existing
files are replaced only with --force. Prints each file written.";

const DIFF_HELP: &str =
    "Lists what changed from one version of a plan to another: councils, functions, roles and
posts matched by id and compared field by field (salary_pence, holder.notice_weeks, ...),
scenarios by name, and the plan's settings and statutory parameters field by field; then the
effect on the base scenario's headline figures. --format json prints the list of changes, each
with kind (added, removed, changed), what (council, function, role, post, scenario, setting,
parameter), id, field, old and new. A plan compared with itself has no changes.";

const MERGE_HELP: &str =
    "Joins two copies of a plan (MINE and THEIRS) against BASE, the version both came from, by
what the plan holds rather than by lines of text: councils, functions, roles and posts matched by
id, scenarios by name, comments by id, sign-offs by who signed which version, and the settings and
statutory parameters field by field. An edit in one copy only is taken; the same edit in both is
taken once; different edits to one field are a conflict, and so is a deletion against an edit.
With no conflict the merge is written to --out and each change taken is listed with the copy it
came from. With conflicts nothing is written and the exit code is 1, each conflict named with its
three values (\"Post BOU-00003 salary: base £56,788.00, mine £40,000.00, theirs £41,000.00\");
--take mine or --take theirs settles every conflict that way and writes the merge. A plan records
the version it came from, so when BASE is not the version both copies share a warning says so.
--format json prints clean, written, taken[] (from, kind, what, id, field, old, new, words) and
conflicts[] (what, id, field, base, mine, theirs, taken, words). docs/collaboration.md.";

const COMPARE_HELP: &str =
    "Puts two or more scenarios of a plan side by side: target FTE, voluntary and compulsory
redundancy FTE, the recurring saving, the one-off cost, payback, the year net positive, go-live
and whether every council meets it, each with its difference from the first scenario named.
Base is the plan as it stands. --format json prints scenarios[], each with name, the figures
(money in pounds to the penny) and difference{} from the first.";

const RISK_HELP: &str =
    "Runs the whole engine many times over a scenario's uncertain inputs (each a low, likely and
high value, a triangular distribution: VR take-up, redeployment rate, indicative strain, exits
slipping, the next pay award, implementation overrun; set them in the app's Scenarios view or
the plan's ranges) and prints P10, P50 and P90 of the recurring saving, the one-off cost,
payback, the people dismissed compulsorily and each council's consultation days; the chance that
payback is within the limit, that go-live is met and that compulsory redundancies are needed;
cumulative net by financial year; and the tornado, which input moves the one-off cost and the
saving most. The same --seed gives the same figures on any machine. --format json prints each
figure with p10, p50, p90 and mean, and p_payback_within_limit, p_go_live_met and
p_compulsory_needed.";

const SEEK_HELP: &str =
    "Asks the question backwards: which role targets save --saving a year with the fewest
compulsory redundancies, then the lowest one-off cost, then as close to the saving as that
allows? Constraints: --no-compulsory (the new scenario also turns compulsory redundancy off),
--max-payback YEARS, --min-function-share PERCENT (each function keeps at least that share of
today's FTE) and critical posts kept (--keep-critical no to let them go). It starts from
--scenario (Base unless given), solves a mixed-integer programme over each role's vacancies,
volunteers (each whole, as the engine takes them) and the rest (good_lp with microlp), works the
proposal out with the engine and writes the plan with it as a new scenario (--scenario-name, or
\"Save £X a year\") to --out, printing its headline figures and each role's target from and to.
If the goal cannot be met it says the most that can be saved and which
constraint binds, writes nothing and exits 1.";

const MAN_HELP: &str = "Prints the manual page, in the roff that man reads, of the app (with
every command listed) or of one command (its page is merger-planner-COMMAND): made from this
command line's own definition, so it says what this version does. --out DIR writes every page
there instead (merger-planner.1, merger-planner-report.1, ...), printing each file written, as the
Debian package's build does. To read one without installing: merger-planner man report | man -l -";

const COMPLETIONS_HELP: &str = "Prints the script that lets a shell complete merger-planner's
commands and options with Tab, made from this command line's own definition. The Debian package
installs it for bash, zsh and fish; by hand, for bash: merger-planner completions bash >
~/.local/share/bash-completion/completions/merger-planner";

/// The command line as clap reads it.
#[derive(Parser, Debug)]
#[command(
    name = "merger-planner",
    about = ABOUT,
    override_usage = USAGE,
    after_help = AFTER,
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
    /// A plan to open in the app (or a spreadsheet or CSV establishment to import into a new plan)
    #[arg(value_name = "PLAN.ron")]
    plan: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Prints the outcome of a plan
    #[command(
        override_usage = "merger-planner report PLAN.ron [--scenario NAME] [--format text|json] [--anonymised] [--timings]",
        long_about = REPORT_HELP
    )]
    Report(report::ReportArgs),
    /// Statutory redundancy pay for one person
    #[command(
        override_usage = "merger-planner redundancy --exit-date DATE --weekly-pay POUNDS
                          (--age A --years Y | --dob DATE --service-start DATE) [--format text|json]",
        long_about = REDUNDANCY_HELP
    )]
    Redundancy(redundancy::RedundancyArgs),
    /// Reads an establishment exported by an HR or payroll system into a plan
    #[command(
        override_usage = "merger-planner import FILE [--council NAME] [--into PLAN.ron] [--targets FILE]
                      [--mapping MAP.ron] [--sheet NAME] [--full-time-hours H]
                      [--date-order day-first|month-first] [--placement new|replace|add]
                      [--name NAME] [--go-live DATE] [--consultation-start DATE] --out PLAN.ron",
        long_about = IMPORT_HELP
    )]
    Import(import::ImportArgs),
    /// Writes a realistic synthetic plan
    #[command(
        override_usage = "merger-planner example --councils N --posts N [--seed S] --out PLAN.ron",
        long_about = EXAMPLE_HELP
    )]
    Example(example::ExampleArgs),
    /// Draws every slide as PNG images, without a window
    #[command(
        override_usage = "merger-planner export-slides PLAN.ron --out DIR [--size 1920x1080] [--scenario NAME] [--anonymised]",
        long_about = EXPORT_SLIDES_HELP
    )]
    ExportSlides(slides::ExportSlidesArgs),
    /// Writes the figures as an Excel workbook or CSV files, without a window
    #[command(
        override_usage = "merger-planner export PLAN.ron (--xlsx OUT.xlsx | --csv DIR | --letters DIR | --pdf OUT.pdf) [--scenario NAME] [--anonymised] [--leavers] [--no-uncertainty]",
        long_about = EXPORT_HELP
    )]
    Export(export::ExportArgs),
    /// Lists what changed between two versions of a plan
    #[command(
        override_usage = "merger-planner diff OLD.ron NEW.ron [--format text|json]",
        long_about = DIFF_HELP
    )]
    Diff(compare::DiffArgs),
    /// Joins two copies of a plan against the version both came from
    #[command(
        override_usage = "merger-planner merge BASE.ron MINE.ron THEIRS.ron --out MERGED.ron [--take mine|theirs] [--force] [--format text|json]",
        long_about = MERGE_HELP
    )]
    Merge(merge::MergeArgs),
    /// Puts scenarios side by side, with the difference from the first
    #[command(
        override_usage = "merger-planner compare PLAN.ron --scenarios A,B[,C] [--format text|json]",
        long_about = COMPARE_HELP
    )]
    Compare(compare::CompareArgs),
    /// Runs the scenario many times over its uncertain inputs (Monte Carlo)
    #[command(
        override_usage = "merger-planner risk PLAN.ron [--scenario NAME] [--draws N] [--seed S] [--format text|json]",
        long_about = RISK_HELP
    )]
    Risk(risk::RiskArgs),
    /// Finds the role targets that save a given amount (goal seek)
    #[command(
        override_usage = "merger-planner seek PLAN.ron --saving POUNDS [--no-compulsory] [--max-payback YEARS] [--min-function-share PERCENT] [--keep-critical yes|no] [--scenario NAME] [--scenario-name NAME] --out PLAN.ron [--force] [--format text|json]",
        long_about = SEEK_HELP
    )]
    Seek(seek::SeekArgs),
    /// Prints the manual page of the app or of one command (roff, for man)
    #[command(
        override_usage = "merger-planner man [COMMAND | --out DIR]",
        long_about = MAN_HELP
    )]
    Man(package::ManArgs),
    /// Prints the completion script for a shell
    #[command(
        override_usage = "merger-planner completions bash|zsh|fish|powershell|elvish",
        long_about = COMPLETIONS_HELP
    )]
    Completions(package::CompletionsArgs),
}

/// Text for people, or JSON for tools.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum Format {
    #[default]
    Text,
    Json,
}

/// The command line's definition, with this build's version: what `run` reads, and what the
/// manual pages and shell completions are made from.
fn command() -> clap::Command {
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    Cli::command().version(VERSION.get_or_init(crate::version).as_str())
}

/// Runs the command line. `args` excludes the program name; arguments need not be UTF-8 (a
/// path that is not is used as it is; an option's text that is not gets a message).
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> Invocation
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let words =
        std::iter::once(OsString::from("merger-planner")).chain(args.into_iter().map(Into::into));
    let cli = match command()
        .try_get_matches_from(words)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => {
            let mut text = e.render().to_string();
            if !text.ends_with('\n') {
                text.push('\n');
            }
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = write!(out, "{text}");
                    Invocation::Exit(0)
                }
                _ => {
                    let _ = write!(err, "{text}");
                    Invocation::Exit(2)
                }
            };
        }
    };
    let result = match cli.command {
        None => return Invocation::Window(cli.plan),
        Some(Cmd::Report(a)) => report::report_cmd(&a, out, err),
        Some(Cmd::Redundancy(a)) => redundancy::redundancy_cmd(&a, out),
        Some(Cmd::Import(a)) => import::import_cmd(&a, out, err),
        Some(Cmd::Example(a)) => example::example_cmd(&a, out),
        Some(Cmd::ExportSlides(a)) => slides::export_slides_cmd(&a, out, err),
        Some(Cmd::Export(a)) => export::export_cmd(&a, out, err),
        Some(Cmd::Diff(a)) => compare::diff_cmd(&a, out, err),
        Some(Cmd::Merge(a)) => merge::merge_cmd(&a, out, err),
        Some(Cmd::Compare(a)) => compare::compare_cmd(&a, out, err),
        Some(Cmd::Risk(a)) => risk::risk_cmd(&a, out, err),
        Some(Cmd::Seek(a)) => seek::seek_cmd(&a, out, err),
        Some(Cmd::Man(a)) => package::man_cmd(&a, out),
        Some(Cmd::Completions(a)) => package::completions_cmd(&a, out),
    };
    match result {
        Ok(code) => Invocation::Exit(code),
        Err(Failure::Usage(message)) => {
            let _ = writeln!(err, "error: {message}\n\nUsage:{USAGE}");
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

/// Prints figures as JSON for tools or text for people, as `--format` says.
fn print(
    out: &mut dyn Write,
    format: Format,
    json: impl FnOnce() -> serde_json::Value,
    text: impl FnOnce() -> String,
) -> Result<(), Failure> {
    match format {
        Format::Json => {
            let json = serde_json::to_string_pretty(&json())
                .map_err(|e| Failure::Input(format!("could not write JSON: {e}")))?;
            let _ = writeln!(out, "{json}");
        }
        Format::Text => {
            let _ = write!(out, "{}", text());
        }
    }
    Ok(())
}

/// Refuses to write `out` over one of the command's own `inputs`, ever, or over any other
/// existing file unless `force` (a replaced plan is kept as PLAN.ron.bak).
fn may_write(out: &Path, force: bool, inputs: &[&Path]) -> Result<(), Failure> {
    if let Some(input) = inputs.iter().find(|i| plan_file::same_file(out, i)) {
        return Err(Failure::Input(format!(
            "{} is also read by this command ({}); write to another file",
            out.display(),
            input.display()
        )));
    }
    // A plan open in a running copy of the app is never written over, --force or not: the app
    // would save over this file, or this over its edits.
    for named in [out.to_path_buf(), plan_file::resolve(out)] {
        let lock = lock::lock_file(&named);
        if lock::is_held(&lock) {
            return Err(open_elsewhere(out, &lock::holder(&lock)));
        }
    }
    if !force && std::fs::symlink_metadata(out).is_ok() {
        return Err(Failure::Input(format!(
            "{} already exists; give --force to replace it (a plan is kept as {}), or choose another name",
            out.display(),
            plan_file::backup_path(out).display()
        )));
    }
    Ok(())
}

/// [`may_write`] for a plan file, holding its lock (as the app does while a plan is open) until
/// the value returned is dropped, so a copy of the app opening it meanwhile is told it is in use.
fn may_write_plan(out: &Path, force: bool, inputs: &[&Path]) -> Result<lock::Held, Failure> {
    may_write(out, force, inputs)?;
    let me = lock::Holder::this_copy(jiff::Timestamp::now());
    match lock::take(out, &me) {
        Ok(lock::Taken::Held(held)) => Ok(held),
        Ok(lock::Taken::By(holder)) => Err(open_elsewhere(out, &holder)),
        Err(e) => Err(Failure::Input(format!(
            "could not take the lock of {} ({e}); check you may write to its folder",
            out.display()
        ))),
    }
}

/// The refusal to write a plan another running copy has open.
fn open_elsewhere(out: &Path, holder: &lock::Holder) -> Failure {
    Failure::Input(format!(
        "{} is open in Merger Planner by {}, so it was not written (--force does not override this); close it there first, or write to another file",
        out.display(),
        holder.describe(&jiff::tz::TimeZone::system())
    ))
}

/// A date option, YYYY-MM-DD.
fn date(name: &str, value: Option<&str>) -> Result<Option<Date>, Failure> {
    value
        .map(|v| {
            v.parse::<Date>().map_err(|_| {
                Failure::Input(format!(
                    "--{name} '{v}' is not a date; write it as YYYY-MM-DD"
                ))
            })
        })
        .transpose()
}

/// A number option.
fn number<T: std::str::FromStr>(
    name: &str,
    value: Option<&str>,
    what: &str,
) -> Result<Option<T>, Failure> {
    value
        .map(|v| {
            v.parse::<T>()
                .map_err(|_| Failure::Input(format!("--{name} '{v}' is not {what}")))
        })
        .transpose()
}

/// Writes a plan as a save does: each sign-off kept as what has changed since the version
/// `signatures` holds for it, and the lineage moved on to the version written.
fn write_plan(
    out: &Path,
    plan: &Plan,
    signatures: &crate::document::review::Signatures,
) -> Result<(), Failure> {
    let plan = crate::document::review::for_saving(plan, signatures, true);
    plan_file::save(out, &plan).map_err(|e| Failure::Input(e.to_string()))
}

/// Opens a plan and validates it, printing to `err` what opening noticed (fields this version
/// does not know) and its problems; fails on any error, before anything is computed from it.
fn open_plan(path: &Path, max_mb: u64, err: &mut dyn Write) -> Result<Plan, Failure> {
    let plan = read_plan(path, max_mb, err)?;
    check(&plan, &path.display().to_string(), err)?;
    Ok(plan)
}

/// Opens a plan without validating it (for `report`, which times the two apart).
fn read_plan(path: &Path, max_mb: u64, err: &mut dyn Write) -> Result<Plan, Failure> {
    let doc = Document::open_at_most(path, max_mb).map_err(|e| Failure::Input(e.to_string()))?;
    if let Some(warning) = doc.opening_warning() {
        let _ = writeln!(err, "warning: {}: {warning}", path.display());
    }
    Ok(doc.into_plan())
}

/// Prints the validation errors and warnings to `err`; fails if there are errors.
fn check(plan: &Plan, label: &str, err: &mut dyn Write) -> Result<(), Failure> {
    let problems = validate(plan);
    report_problems(plan, &problems, label, err)
}

/// Prints the problems naming councils, functions and roles by name; fails if any is an error.
fn report_problems(
    plan: &Plan,
    problems: &[crate::model::Problem],
    label: &str,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    for p in problems.iter().take(50) {
        let _ = writeln!(err, "{}", p.describe(plan));
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
    name: Option<&str>,
    plan: &Plan,
    path: &Path,
) -> Result<crate::model::Scenario, Failure> {
    let name = name.unwrap_or("Base");
    plan.scenario(name).ok_or_else(|| {
        Failure::Input(format!(
            "there is no scenario '{name}' in {}; the scenarios are: {}",
            path.display(),
            plan.scenario_names().join(", ")
        ))
    })
}

/// Runs `work`, which counts what it has done of `total` in the counter it is given; on a
/// terminal, a run of more than a second shows "N of TOTAL what" on standard error, on one line,
/// until it ends. (Ctrl+C stops it, as it stops any command: nothing is written until the end.)
fn with_progress<T: Send>(
    err: &mut dyn Write,
    what: &str,
    total: usize,
    work: impl FnOnce(&std::sync::atomic::AtomicUsize) -> T + Send,
) -> T {
    use std::io::IsTerminal as _;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let done = AtomicUsize::new(0);
    if !std::io::stderr().is_terminal() {
        return work(&done);
    }
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let started = Instant::now();
    let mut shown = false;
    let result = std::thread::scope(|scope| {
        let running = scope.spawn(|| {
            let result = work(&done);
            let _ = tx.send(());
            result
        });
        while rx
            .recv_timeout(std::time::Duration::from_millis(250))
            .is_err()
        {
            if started.elapsed().as_secs_f64() >= 1.0 {
                shown = true;
                let _ = write!(
                    err,
                    "\r{} of {} {what}",
                    crate::format::thousands(done.load(Ordering::Relaxed) as u64),
                    crate::format::thousands(total as u64)
                );
                let _ = err.flush();
            }
            if running.is_finished() {
                break;
            }
        }
        running.join().expect("the run does not panic")
    });
    if shown {
        let _ = writeln!(err);
    }
    result
}
