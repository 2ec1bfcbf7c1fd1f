//! The headless commands: `report`, `redundancy`, `import`, `example`, plus `--help` and
//! `--version`. Output goes to the writers given, so tests run the real commands.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use jiff::civil::Date;

use crate::document::{Document, default_programme, today};
use crate::engine::{self, rules};
use crate::io::import::{self, Kind, Mapping, Options, Placement, ReadSettings};
use crate::io::{lock, plan_file, report, synthetic};
use crate::model::{Money, Parameters, Plan, Programme, Severity, in_force, parse_money, validate};

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
  merger-planner report PLAN.ron [--scenario NAME] [--format text|json] [--timings]
  merger-planner redundancy --exit-date DATE --weekly-pay POUNDS
                 (--age A --years Y | --dob DATE --service-start DATE) [--format text|json]
  merger-planner import FILE [--council NAME] [--into PLAN.ron] [--targets FILE]
                 [--mapping MAP.ron] [--sheet NAME] [--full-time-hours H] [--name NAME]
                 [--go-live DATE] [--consultation-start DATE] --out PLAN.ron
  merger-planner example --councils N --posts N [--seed S] --out PLAN.ron
  merger-planner export-slides PLAN.ron --out DIR [--size 1920x1080] [--scenario NAME]
  merger-planner export PLAN.ron (--xlsx OUT.xlsx | --csv DIR | --letters DIR | --pdf OUT.pdf)
                 [--scenario NAME] [--anonymised] [--leavers]
  merger-planner diff OLD.ron NEW.ron [--format text|json]
  merger-planner compare PLAN.ron --scenarios A,B[,C] [--format text|json]
  merger-planner risk PLAN.ron [--scenario NAME] [--draws N] [--seed S] [--format text|json]
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
total) and flags[]. The text report prints the same schedule of leavers. --timings prints how
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
OFFICIAL-SENSITIVE). --anonymised leaves out post ids, dates of birth and individual pay, and shows
groups of fewer than 5 people (and a neighbouring figure that would reveal one) as \"fewer than
5\"; it never includes leavers. --letters writes, for each council that owes collective
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
        override_usage = "merger-planner report PLAN.ron [--scenario NAME] [--format text|json] [--timings]",
        long_about = REPORT_HELP
    )]
    Report(ReportArgs),
    /// Statutory redundancy pay for one person
    #[command(
        override_usage = "merger-planner redundancy --exit-date DATE --weekly-pay POUNDS
                          (--age A --years Y | --dob DATE --service-start DATE) [--format text|json]",
        long_about = REDUNDANCY_HELP
    )]
    Redundancy(RedundancyArgs),
    /// Reads an establishment exported by an HR or payroll system into a plan
    #[command(
        override_usage = "merger-planner import FILE [--council NAME] [--into PLAN.ron] [--targets FILE]
                      [--mapping MAP.ron] [--sheet NAME] [--full-time-hours H]
                      [--date-order day-first|month-first] [--placement new|replace|add]
                      [--name NAME] [--go-live DATE] [--consultation-start DATE] --out PLAN.ron",
        long_about = IMPORT_HELP
    )]
    Import(ImportArgs),
    /// Writes a realistic synthetic plan
    #[command(
        override_usage = "merger-planner example --councils N --posts N [--seed S] --out PLAN.ron",
        long_about = EXAMPLE_HELP
    )]
    Example(ExampleArgs),
    /// Draws every slide as PNG images, without a window
    #[command(
        override_usage = "merger-planner export-slides PLAN.ron --out DIR [--size 1920x1080] [--scenario NAME]",
        long_about = EXPORT_SLIDES_HELP
    )]
    ExportSlides(ExportSlidesArgs),
    /// Writes the figures as an Excel workbook or CSV files, without a window
    #[command(
        override_usage = "merger-planner export PLAN.ron (--xlsx OUT.xlsx | --csv DIR | --letters DIR | --pdf OUT.pdf) [--scenario NAME] [--anonymised] [--leavers]",
        long_about = EXPORT_HELP
    )]
    Export(ExportArgs),
    /// Lists what changed between two versions of a plan
    #[command(
        override_usage = "merger-planner diff OLD.ron NEW.ron [--format text|json]",
        long_about = DIFF_HELP
    )]
    Diff(DiffArgs),
    /// Puts scenarios side by side, with the difference from the first
    #[command(
        override_usage = "merger-planner compare PLAN.ron --scenarios A,B[,C] [--format text|json]",
        long_about = COMPARE_HELP
    )]
    Compare(CompareArgs),
    /// Runs the scenario many times over its uncertain inputs (Monte Carlo)
    #[command(
        override_usage = "merger-planner risk PLAN.ron [--scenario NAME] [--draws N] [--seed S] [--format text|json]",
        long_about = RISK_HELP
    )]
    Risk(RiskArgs),
    /// Finds the role targets that save a given amount (goal seek)
    #[command(
        override_usage = "merger-planner seek PLAN.ron --saving POUNDS [--no-compulsory] [--max-payback YEARS] [--min-function-share PERCENT] [--keep-critical yes|no] [--scenario NAME] [--scenario-name NAME] --out PLAN.ron [--force] [--format text|json]",
        long_about = SEEK_HELP
    )]
    Seek(SeekArgs),
}

#[derive(Args, Debug)]
struct SeekArgs {
    /// The plan file
    #[arg(value_name = "PLAN.ron")]
    plan: PathBuf,
    /// The recurring saving a year to reach, in pounds: 12300000, £12,300,000
    #[arg(long, value_name = "POUNDS")]
    saving: String,
    /// No compulsory redundancies (the new scenario turns them off)
    #[arg(long)]
    no_compulsory: bool,
    /// Payback within this many years
    #[arg(long, value_name = "YEARS")]
    max_payback: Option<f64>,
    /// Each function keeps at least this percentage of today's FTE
    #[arg(long, value_name = "PERCENT")]
    min_function_share: Option<f64>,
    /// Keep every role at or above the FTE of its critical posts
    #[arg(long, value_name = "yes|no", default_value = "yes")]
    keep_critical: String,
    /// The scenario to start from (default: Base)
    #[arg(long, value_name = "NAME")]
    scenario: Option<String>,
    /// The new scenario's name
    #[arg(long, value_name = "NAME")]
    scenario_name: Option<String>,
    /// Where to write the plan with the new scenario
    #[arg(long, value_name = "PLAN.ron")]
    out: PathBuf,
    /// Replace --out if it exists (the old plan is kept as PLAN.ron.bak)
    #[arg(long)]
    force: bool,
    /// text for people, json for tools
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

#[derive(Args, Debug)]
struct RiskArgs {
    /// The plan file
    #[arg(value_name = "PLAN.ron")]
    plan: PathBuf,
    /// The scenario (default: Base, the plan as it stands)
    #[arg(long, value_name = "NAME")]
    scenario: Option<String>,
    /// How many draws
    #[arg(long, value_name = "N", default_value_t = 2_000)]
    draws: usize,
    /// The seed: the same seed gives the same figures
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// text for people, json for tools
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

#[derive(Args, Debug)]
struct CompareArgs {
    /// The plan file
    #[arg(value_name = "PLAN.ron")]
    plan: PathBuf,
    /// The scenarios, comma-separated, the first the one the others are compared with
    #[arg(long, value_name = "A,B", value_delimiter = ',', required = true)]
    scenarios: Vec<String>,
    /// text for people, json for tools
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

#[derive(Args, Debug)]
struct DiffArgs {
    /// The older plan file
    #[arg(value_name = "OLD.ron")]
    old: PathBuf,
    /// The newer plan file
    #[arg(value_name = "NEW.ron")]
    new: PathBuf,
    /// text for people, json for tools
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

#[derive(Args, Debug)]
struct ExportArgs {
    /// The plan file
    #[arg(value_name = "PLAN.ron")]
    plan: PathBuf,
    /// The Excel workbook to write
    #[arg(long, value_name = "OUT.xlsx")]
    xlsx: Option<PathBuf>,
    /// The folder to write each table to as a CSV file
    #[arg(long, value_name = "DIR")]
    csv: Option<PathBuf>,
    /// The folder to write the consultation drafts to (HR1 and s.188(4) letter, .docx)
    #[arg(long, value_name = "DIR")]
    letters: Option<PathBuf>,
    /// The board pack to write, as a PDF
    #[arg(long, value_name = "OUT.pdf")]
    pdf: Option<PathBuf>,
    /// A saved scenario (default: Base)
    #[arg(long, value_name = "NAME")]
    scenario: Option<String>,
    /// No post ids, dates of birth or individual pay; groups of fewer than 5 hidden
    #[arg(long)]
    anonymised: bool,
    /// Add the leavers' schedule (OFFICIAL-SENSITIVE; not with --anonymised)
    #[arg(long)]
    leavers: bool,
    /// Leave the Monte Carlo run of the uncertain inputs out of the papers (the papers say so)
    #[arg(long)]
    no_uncertainty: bool,
    /// Replace files already there
    #[arg(long)]
    force: bool,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

/// Text for people, or JSON for tools.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Args, Debug)]
struct ReportArgs {
    /// The plan file
    #[arg(value_name = "PLAN.ron")]
    plan: PathBuf,
    /// A saved scenario (default: Base)
    #[arg(long, value_name = "NAME")]
    scenario: Option<String>,
    /// text or json
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Print the open, validate and evaluate times on standard error
    #[arg(long)]
    timings: bool,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

#[derive(Args, Debug)]
struct RedundancyArgs {
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

/// How an HR system writes ambiguous dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum DateOrderArg {
    DayFirst,
    MonthFirst,
}

/// Where imported posts go in an existing plan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum PlacementArg {
    #[default]
    New,
    Replace,
    Add,
}

#[derive(Args, Debug)]
struct ImportArgs {
    /// The establishment: CSV, delimited text, .xlsx, .xls or .ods
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The council of a file with no council column
    #[arg(long, value_name = "NAME")]
    council: Option<String>,
    /// An existing plan to add the posts to
    #[arg(long, value_name = "PLAN.ron")]
    into: Option<PathBuf>,
    /// The target structure (function, role, target_fte, target_salary or pay_rule)
    #[arg(long, value_name = "FILE")]
    targets: Option<PathBuf>,
    /// A mapping file saved from the app
    #[arg(long, value_name = "MAP.ron")]
    mapping: Option<PathBuf>,
    /// The workbook's sheet (default: the first)
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Hours of a full-time week, to read FTE given as hours (default 37)
    #[arg(long, value_name = "H", allow_hyphen_values = true)]
    full_time_hours: Option<String>,
    /// How ambiguous dates are written
    #[arg(long, value_enum)]
    date_order: Option<DateOrderArg>,
    /// With --into: a new council, replace a council's posts, or add to them
    #[arg(long, value_enum, default_value_t)]
    placement: PlacementArg,
    /// The plan's name
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// Go-live, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    go_live: Option<String>,
    /// Consultation start, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    consultation_start: Option<String>,
    /// The plan file to write
    #[arg(long, value_name = "PLAN.ron")]
    out: PathBuf,
    /// Replace --out if it exists (the old plan is kept as PLAN.ron.bak)
    #[arg(long)]
    force: bool,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

#[derive(Args, Debug)]
struct ExampleArgs {
    /// Councils, 1 to 200
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    councils: String,
    /// Posts, 1 to 1,000,000
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    posts: String,
    /// The seed: the same seed gives the same plan
    #[arg(long, value_name = "S", allow_hyphen_values = true)]
    seed: Option<String>,
    /// The plan file to write
    #[arg(long, value_name = "PLAN.ron")]
    out: PathBuf,
    /// Replace --out if it exists (the old plan is kept as PLAN.ron.bak)
    #[arg(long)]
    force: bool,
}

#[derive(Args, Debug)]
struct ExportSlidesArgs {
    /// The plan file
    #[arg(value_name = "PLAN.ron")]
    plan: PathBuf,
    /// The folder to write the slides to
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Pixels, as WIDTHxHEIGHT (default 1920x1080)
    #[arg(long, value_name = "WxH")]
    size: Option<String>,
    /// A saved scenario (default: Base)
    #[arg(long, value_name = "NAME")]
    scenario: Option<String>,
    /// Replace slides already in DIR
    #[arg(long)]
    force: bool,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

/// Runs the command line. `args` excludes the program name; arguments need not be UTF-8 (a
/// path that is not is used as it is; an option's text that is not gets a message).
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> Invocation
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let command = Cli::command().version(VERSION.get_or_init(crate::version).as_str());
    let words =
        std::iter::once(OsString::from("merger-planner")).chain(args.into_iter().map(Into::into));
    let cli = match command
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
        Some(Cmd::Report(a)) => report_cmd(&a, out, err),
        Some(Cmd::Redundancy(a)) => redundancy_cmd(&a, out),
        Some(Cmd::Import(a)) => import_cmd(&a, out, err),
        Some(Cmd::Example(a)) => example_cmd(&a, out),
        Some(Cmd::ExportSlides(a)) => export_slides_cmd(&a, out, err),
        Some(Cmd::Export(a)) => export_cmd(&a, out, err),
        Some(Cmd::Diff(a)) => diff_cmd(&a, out, err),
        Some(Cmd::Compare(a)) => compare_cmd(&a, out, err),
        Some(Cmd::Risk(a)) => risk_cmd(&a, out, err),
        Some(Cmd::Seek(a)) => seek_cmd(&a, out, err),
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

fn export_slides_cmd(
    args: &ExportSlidesArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    use crate::render::{self, export};
    let size = args
        .size
        .as_deref()
        .map(render::parse_size)
        .transpose()
        .map_err(|e| Failure::Input(format!("--size {e}")))?
        .unwrap_or(export::DEFAULT_SIZE);
    let plan = open_plan(&args.plan, args.max_plan_mb, err)?;
    let scenario = chosen_scenario(args.scenario.as_deref(), &plan, &args.plan)?;
    for (i, chart) in crate::charts::shown_slides(&plan).into_iter().enumerate() {
        let file = args.out.join(export::slide_file_name(i, chart));
        may_write(&file, args.force, &[&args.plan])?;
    }
    let mut renderer = render::Offscreen::new().map_err(|e| Failure::Input(e.to_string()))?;
    let files = export::slides(&mut renderer, &plan, &scenario, &args.out, size)
        .map_err(|e| Failure::Input(e.to_string()))?;
    for f in files {
        let _ = writeln!(out, "{}", f.display());
    }
    Ok(0)
}

fn risk_cmd(args: &RiskArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    if args.draws == 0 {
        return Err(Failure::Usage(
            "--draws must be 1 or more (2,000 is plenty)".to_owned(),
        ));
    }
    let plan = open_plan(&args.plan, args.max_plan_mb, err)?;
    let most = engine::risk::most_draws(plan.posts.len());
    if args.draws > most {
        return Err(Failure::Usage(format!(
            "--draws {} is more than the {} a plan of {} posts is run for (each draw works out every post; 2,000 is plenty: beyond it P10, P50 and P90 move by a fraction of a per cent)",
            crate::format::thousands(args.draws as u64),
            crate::format::thousands(most as u64),
            crate::format::thousands(plan.posts.len() as u64),
        )));
    }
    let scenario = chosen_scenario(args.scenario.as_deref(), &plan, &args.plan)?;
    if !scenario.ranges.or(&plan.assumptions.ranges).any() {
        let _ = writeln!(
            err,
            "note: scenario {} has no uncertain inputs: every draw is the same",
            scenario.name
        );
    }
    let settings = engine::risk::Settings {
        draws: args.draws,
        seed: args.seed,
        ..engine::risk::Settings::default()
    };
    let risk = with_progress(err, "draws", args.draws, |progress| {
        engine::risk::run(
            &plan,
            &scenario,
            settings,
            progress,
            &std::sync::atomic::AtomicBool::new(false),
        )
    })
    .ok_or_else(|| Failure::Input("the run was cancelled".to_owned()))?;
    match args.format {
        Format::Json => {
            let text = serde_json::to_string_pretty(&report::risk_json(&risk))
                .map_err(|e| Failure::Input(format!("could not write JSON: {e}")))?;
            let _ = writeln!(out, "{text}");
        }
        Format::Text => {
            let _ = write!(out, "{}", report::risk_text(&risk));
        }
    }
    Ok(0)
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

fn seek_cmd(args: &SeekArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    let saving = crate::model::parse_money(&args.saving)
        .filter(|m| m.pence() > 0)
        .ok_or_else(|| {
            Failure::Usage(format!(
                "--saving '{}' is not an amount of money above nothing; write it in pounds, as 12300000 or £12,300,000",
                args.saving
            ))
        })?;
    if let Some(y) = args.max_payback
        && !(y > 0.0 && y <= crate::engine::seek::LONGEST_PAYBACK_YEARS)
    {
        return Err(Failure::Usage(format!(
            "--max-payback must be a number of years above 0 and at most {} (a longer limit is none: leave it out)",
            crate::engine::seek::LONGEST_PAYBACK_YEARS
        )));
    }
    if let Some(p) = args.min_function_share
        && !(0.0..=100.0).contains(&p)
    {
        return Err(Failure::Usage(
            "--min-function-share is a percentage from 0 to 100".to_owned(),
        ));
    }
    let keep_critical = match args.keep_critical.to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" => true,
        "no" | "n" | "false" => false,
        other => {
            return Err(Failure::Usage(format!(
                "--keep-critical '{other}': write yes or no"
            )));
        }
    };
    let _lock = may_write_plan(&args.out, args.force, &[&args.plan])?;
    let mut plan = open_plan(&args.plan, args.max_plan_mb, err)?;
    let from = chosen_scenario(args.scenario.as_deref(), &plan, &args.plan)?;
    let name = args
        .scenario_name
        .clone()
        .unwrap_or_else(|| format!("Save {} a year", saving.compact()));
    if plan.scenario(&name).is_some() {
        return Err(Failure::Input(format!(
            "the plan already has a scenario called {name}; give --scenario-name another"
        )));
    }
    let goal = engine::seek::Goal {
        saving,
        no_compulsory: args.no_compulsory,
        max_payback_years: args.max_payback,
        min_function_share: args.min_function_share.map(|p| p / 100.0),
        keep_critical,
    };
    match engine::seek::seek(&plan, &from, &goal, &name) {
        Ok(p) => {
            match args.format {
                Format::Json => {
                    let text = serde_json::to_string_pretty(&report::seek_json(&p))
                        .map_err(|e| Failure::Input(format!("could not write JSON: {e}")))?;
                    let _ = writeln!(out, "{text}");
                }
                Format::Text => {
                    let _ = write!(out, "{}", report::seek_text(&p));
                }
            }
            plan.scenarios.push(p.scenario);
            plan_file::save(&args.out, &plan).map_err(|e| Failure::Input(e.to_string()))?;
            let _ = writeln!(err, "Wrote {} with scenario {name}", args.out.display());
            Ok(0)
        }
        Err(short) => {
            let _ = writeln!(err, "error: {}", report::shortfall_words(&goal, &short));
            let _ = writeln!(err, "nothing was written");
            Ok(1)
        }
    }
}

fn compare_cmd(
    args: &CompareArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    let names: Vec<&str> = args
        .scenarios
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if names.len() < 2 {
        return Err(Failure::Usage(
            "name two or more scenarios to compare: --scenarios Base,\"VR only\"".to_owned(),
        ));
    }
    let plan = open_plan(&args.plan, args.max_plan_mb, err)?;
    let mut outcomes = Vec::new();
    for name in &names {
        let scenario = chosen_scenario(Some(name), &plan, &args.plan)?;
        outcomes.push(engine::evaluate(&plan, &scenario));
    }
    match args.format {
        Format::Json => {
            let text = serde_json::to_string_pretty(&report::compare_json(&outcomes))
                .map_err(|e| Failure::Input(format!("could not write JSON: {e}")))?;
            let _ = writeln!(out, "{text}");
        }
        Format::Text => {
            let _ = write!(out, "{}", report::compare_text(&outcomes));
        }
    }
    Ok(0)
}

fn diff_cmd(args: &DiffArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    use crate::document::diff;
    let old = open_plan(&args.old, args.max_plan_mb, err)?;
    let new = open_plan(&args.new, args.max_plan_mb, err)?;
    let changes = diff::diff(&old, &new);
    if args.format == Format::Json {
        let text = serde_json::to_string_pretty(&changes)
            .map_err(|e| Failure::Input(format!("could not write the changes as JSON: {e}")))?;
        let _ = writeln!(out, "{text}");
        return Ok(0);
    }
    let _ = writeln!(
        out,
        "{} → {}: {}",
        args.old.display(),
        args.new.display(),
        crate::format::plural(changes.len(), "change")
    );
    for (what, [added, changed, removed]) in diff::counts(&changes) {
        let _ = writeln!(
            out,
            "  {}: {added} added, {changed} changed, {removed} removed",
            what.word()
        );
    }
    // Each change in words, naming things as the newer plan does; the JSON keeps the fields
    // as the plan file names them.
    for change in &changes {
        let _ = writeln!(out, "{}", crate::document::label::words(&new, change));
    }
    let (a, b) = (
        engine::evaluate_base(&old).totals,
        engine::evaluate_base(&new).totals,
    );
    let _ = writeln!(out, "\nEffect on the base scenario's headline figures:");
    for (name, before, after) in [
        (
            "Recurring saving a year",
            a.recurring_saving,
            b.recurring_saving,
        ),
        ("One-off cost", a.one_off_cost, b.one_off_cost),
        ("Cost today", a.baseline_cost, b.baseline_cost),
    ] {
        let _ = writeln!(
            out,
            "  {name}: {} → {} ({}{})",
            before.full(),
            after.full(),
            if after >= before { "+" } else { "" },
            (after - before).full()
        );
    }
    let _ = writeln!(
        out,
        "  Target FTE: {:.1} → {:.1}; FTE today: {:.1} → {:.1}",
        a.target_fte,
        b.target_fte,
        a.flows.current(),
        b.flows.current()
    );
    Ok(0)
}

fn export_cmd(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    use crate::io::{tables, workbook};
    if args.xlsx.is_none() && args.csv.is_none() && args.letters.is_none() && args.pdf.is_none() {
        return Err(Failure::Usage(
            "say what to write: --xlsx OUT.xlsx, --csv DIR, --letters DIR, --pdf OUT.pdf or more than one"
                .to_owned(),
        ));
    }
    if args.anonymised && args.leavers {
        return Err(Failure::Usage(
            "--leavers lists individual people, so it cannot be --anonymised; leave one out"
                .to_owned(),
        ));
    }
    let plan = open_plan(&args.plan, args.max_plan_mb, err)?;
    let scenario = chosen_scenario(args.scenario.as_deref(), &plan, &args.plan)?;
    let options = tables::Options {
        anonymised: args.anonymised,
        leavers: args.leavers,
    };
    // The Monte Carlo run the papers show, made once for all of them (fewer draws for a large
    // plan, none past the papers' limit: the papers say which).
    let papers = args.xlsx.is_some() || args.csv.is_some() || args.pdf.is_some();
    let risk = if papers && !args.no_uncertainty && engine::risk::has_ranges(&plan, &scenario) {
        let draws = engine::risk::paper_draws(plan.posts.len()).unwrap_or(0);
        with_progress(err, "draws of the uncertainty run", draws, |progress| {
            engine::risk::for_papers_counting(&plan, &scenario, progress)
        })
    } else {
        None
    };
    let all = if args.xlsx.is_some() || args.csv.is_some() {
        tables::all_with(&plan, &scenario, options, risk.as_ref())
    } else {
        Vec::new()
    };
    if let Some(path) = &args.xlsx {
        may_write(path, args.force, &[&args.plan])?;
        workbook::write_tables(path, &plan, &all).map_err(Failure::Input)?;
        let _ = writeln!(out, "{}", path.display());
    }
    if let Some(dir) = &args.csv {
        std::fs::create_dir_all(dir).map_err(|e| {
            Failure::Input(format!("could not make the folder {}: {e}", dir.display()))
        })?;
        for (i, table) in all.iter().enumerate() {
            may_write(
                &dir.join(tables::csv_file_name(i, table)),
                args.force,
                &[&args.plan],
            )?;
        }
        for path in tables::write_csv(dir, &all).map_err(Failure::Input)? {
            let _ = writeln!(out, "{}", path.display());
        }
    }
    if let Some(path) = &args.pdf {
        may_write(path, args.force, &[&args.plan])?;
        let mut renderer =
            crate::render::Offscreen::new().map_err(|e| Failure::Input(e.to_string()))?;
        let (bytes, _) = crate::render::pack::board_pack_with(
            &mut renderer,
            &plan,
            &scenario,
            options,
            risk.as_ref(),
        )
        .map_err(|e| Failure::Input(e.to_string()))?;
        plan_file::write_atomic(path, &bytes).map_err(|e| Failure::Input(e.to_string()))?;
        let _ = writeln!(out, "{}", path.display());
    }
    if let Some(dir) = &args.letters {
        use crate::io::drafts;
        let all = drafts::drafts(&plan, &scenario, args.anonymised);
        if all.is_empty() {
            let _ = writeln!(
                err,
                "no council owes collective consultation in this scenario (fewer than 20 proposed redundancies each), so there are no drafts to write"
            );
        }
        std::fs::create_dir_all(dir).map_err(|e| {
            Failure::Input(format!("could not make the folder {}: {e}", dir.display()))
        })?;
        for draft in &all {
            let path = dir.join(&draft.file_name);
            may_write(&path, args.force, &[&args.plan])?;
            let bytes = drafts::to_docx(&plan, draft).map_err(Failure::Input)?;
            plan_file::write_atomic(&path, &bytes).map_err(|e| Failure::Input(e.to_string()))?;
            let _ = writeln!(out, "{}", path.display());
        }
    }
    Ok(0)
}

/// "212 ms" under ten seconds' worth of milliseconds, "4.1 ms" under ten.
fn millis(d: std::time::Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

fn report_cmd(args: &ReportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    let started = Instant::now();
    let plan = read_plan(&args.plan, args.max_plan_mb, err)?;
    let opened = started.elapsed();
    let started = Instant::now();
    let problems = validate(&plan);
    let validated = started.elapsed();
    report_problems(&plan, &problems, &args.plan.display().to_string(), err)?;
    let scenario = chosen_scenario(args.scenario.as_deref(), &plan, &args.plan)?;
    let started = Instant::now();
    let outcome = engine::evaluate(&plan, &scenario);
    let evaluated = started.elapsed();
    if args.timings {
        let _ = writeln!(err, "open {}", millis(opened));
        let _ = writeln!(err, "validate {}", millis(validated));
        let _ = writeln!(err, "evaluate {}", millis(evaluated));
    }
    let text = if args.format == Format::Json {
        serde_json::to_string_pretty(&report::json(&plan, &outcome))
            .map_err(|e| Failure::Input(e.to_string()))?
    } else {
        report::text(&plan, &outcome)
    };
    let _ = writeln!(out, "{text}");
    Ok(0)
}

/// The youngest age service can count from (the school leaving age) and the oldest age an
/// employee can be, for the redundancy calculator's checks of what cannot be true.
const WORKING_AGE_FROM: u32 = 16;
const OLDEST: u32 = 120;

fn redundancy_cmd(args: &RedundancyArgs, out: &mut dyn Write) -> Result<u8, Failure> {
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

fn import_cmd(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, Failure> {
    // The establishment, targets and mapping are never written over; the plan given with --into
    // may be, with --force, as its update (the old one is kept as PLAN.ron.bak).
    let inputs: Vec<&Path> = [
        Some(&args.file),
        args.targets.as_ref(),
        args.mapping.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(PathBuf::as_path)
    .collect();
    let _lock = may_write_plan(&args.out, args.force, &inputs)?;
    let mut mapping = match &args.mapping {
        Some(path) => Mapping::open(path).map_err(Failure::Input)?,
        None => Mapping::default(),
    };
    if let Some(h) = number::<f64>(
        "full-time-hours",
        args.full_time_hours.as_deref(),
        "a number of hours such as 37",
    )? {
        if !(h.is_finite() && (1.0..=80.0).contains(&h)) {
            return Err(Failure::Input(format!(
                "--full-time-hours {h} must be from 1 to 80"
            )));
        }
        mapping.full_time_hours = h;
    }
    match args.date_order {
        None => {}
        Some(DateOrderArg::DayFirst) => {
            mapping.date_order = Some(import::values::DateOrder::DayFirst);
        }
        Some(DateOrderArg::MonthFirst) => {
            mapping.date_order = Some(import::values::DateOrder::MonthFirst);
        }
    }
    let placement = match args.placement {
        PlacementArg::New => Placement::New,
        PlacementArg::Replace => Placement::Replace,
        PlacementArg::Add => Placement::Add,
    };
    let plan = if let Some(path) = &args.into {
        open_plan(path, args.max_plan_mb, err)?
    } else {
        let programme = import_programme(args)?;
        let name = args.name.clone().unwrap_or_else(|| {
            args.file.file_stem().map_or_else(
                || "Imported plan".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            )
        });
        Plan::new(&name, programme)
    };
    let options = Options {
        mapping,
        council: args.council.clone().unwrap_or_default(),
        placement,
        ..Options::default()
    };
    let read = ReadSettings {
        sheet: args.sheet.clone(),
        ..ReadSettings::default()
    };
    let mut plan = imported(
        &args.file,
        &read,
        Kind::Establishment,
        &plan,
        &options,
        out,
        err,
    )?;
    if let Some(targets) = &args.targets {
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
    if args.into.is_some()
        && let Some(name) = &args.name
    {
        plan.name.clone_from(name);
    }
    check(&plan, "the imported plan", err)?;
    plan_file::save(&args.out, &plan).map_err(|e| Failure::Input(e.to_string()))?;
    let _ = writeln!(
        out,
        "Wrote {}: {} councils, {} functions, {} roles, {} posts; consultation {}, go-live {}",
        args.out.display(),
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
fn import_programme(args: &ImportArgs) -> Result<Programme, Failure> {
    let mut programme = default_programme(today());
    if let Some(g) = date("go-live", args.go_live.as_deref())? {
        programme.go_live = g;
        programme.consultation_start = g.checked_sub(jiff::Span::new().months(6)).unwrap_or(g);
    }
    if let Some(c) = date("consultation-start", args.consultation_start.as_deref())? {
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
    path: &Path,
    read: &ReadSettings,
    kind: Kind,
    plan: &Plan,
    options: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Plan, Failure> {
    let (source, checked) =
        import::import_file(path, read, kind, plan, options).map_err(Failure::Input)?;
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

fn example_cmd(args: &ExampleArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let _lock = may_write_plan(&args.out, args.force, &[])?;
    let councils: usize =
        number("councils", Some(&args.councils), "a whole number")?.unwrap_or_default();
    let posts: usize = number("posts", Some(&args.posts), "a whole number")?.unwrap_or_default();
    let seed: u64 = number("seed", args.seed.as_deref(), "a whole number")?.unwrap_or(1);
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
    plan_file::save(&args.out, &plan).map_err(|e| Failure::Input(e.to_string()))?;
    let _ = writeln!(
        out,
        "Wrote {}: {} councils, {} posts (seed {seed})",
        args.out.display(),
        plan.councils.len(),
        plan.posts.len()
    );
    Ok(0)
}
