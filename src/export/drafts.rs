//! Drafts for HR as Word documents: for each council that owes collective consultation, the HR1
//! (advance notification of redundancies to the Secretary of State) and the TULRCA 1992 s.188(4)
//! disclosure letter to its recognised unions, each figure taken from the plan. They are drafts:
//! what the plan cannot know (addresses, the signatory) is left in [square brackets].

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use docx_rs::{
    AlignmentType, Docx, Footer, Header, LineSpacing, Paragraph, Run, RunFonts, Table, TableCell,
    TableRow,
};

use crate::engine::{self, CouncilOutcome, Outcome, Timetable};
use crate::model::{Council, PayBasis, Plan, Scenario};

/// A piece of a draft.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A heading.
    Heading(String),
    /// A paragraph.
    Para(String),
    /// A question and its answer, as on the form.
    Field(String, String),
    /// A table: headings and rows.
    Table(Vec<String>, Vec<Vec<String>>),
}

/// One draft document.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// Its file name: "hr1-bournemouth.docx".
    pub file_name: String,
    /// The draft's title, as its first heading and file name say it.
    pub title: String,
    /// What it says.
    pub blocks: Vec<Block>,
}

/// The drafts of every council that owes collective consultation (20 or more proposed
/// redundancies), for the plan in `scenario`: an HR1 and a s.188(4) letter each. Anonymised, a
/// group (a service or a role) of fewer than 5 people proposed or employed shows "fewer than 5",
/// with a neighbour where one alone could be found from the total.
pub fn drafts(plan: &Plan, scenario: &Scenario, anonymised: bool) -> Vec<Draft> {
    let o = engine::evaluate(plan, scenario);
    // The scenario's own answer, where it gives one ("VR only" allows none).
    let compulsory = scenario
        .compulsory_allowed
        .unwrap_or(plan.assumptions.compulsory_allowed);
    let mut out = Vec::new();
    for (c, council) in o.councils.iter().enumerate() {
        if council.timetable.consultation_days == 0 {
            continue;
        }
        let Some(settings) = plan.councils.get(c) else {
            continue;
        };
        let people = Employed::count(plan, &o, c);
        out.push(hr1(
            plan, &o, council, settings, &people, anonymised, compulsory,
        ));
        out.push(letter(
            plan, &o, council, settings, &people, anonymised, compulsory,
        ));
    }
    out
}

/// People employed today (filled posts) at one council, in all and by role.
struct Employed {
    total: u32,
    by_role: Vec<u32>,
}

impl Employed {
    fn count(plan: &Plan, o: &Outcome, council: usize) -> Self {
        let id = &plan.councils[council].id;
        let total = plan
            .posts
            .iter()
            .filter(|p| &p.council == id && p.holder.is_some())
            .count();
        Self {
            total: u32::try_from(total).unwrap_or(u32::MAX),
            by_role: crate::figures::tables::people_by_role(plan, o, Some(id)),
        }
    }
}

/// A count table's rows as text: name, proposed, employed; then the totals. Anonymised, its
/// counts are protected as every anonymised table is (docs/disclosure.md).
fn count_rows(
    rows: Vec<(String, u32, u32)>,
    total: (u32, u32),
    anonymised: bool,
) -> Vec<Vec<String>> {
    use crate::figures::tables::{Cell, Table};
    let mut table = Table::new("counts", "Counts", &["", "", ""]);
    table.rows = rows
        .into_iter()
        .map(|(name, p, e)| {
            vec![
                Cell::Text(name),
                Cell::Count(u64::from(p)),
                Cell::Count(u64::from(e)),
            ]
        })
        .collect();
    table.total = Some(vec![
        Cell::Text("Total".to_owned()),
        Cell::Count(u64::from(total.0)),
        Cell::Count(u64::from(total.1)),
    ]);
    if anonymised {
        crate::figures::disclosure::protect_counts(&mut table, &[1, 2]);
    }
    table
        .rows
        .iter()
        .chain(&table.total)
        .map(|row| row.iter().map(Cell::shown).collect())
        .collect()
}

fn day(d: jiff::civil::Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

fn unions(council: &Council) -> Vec<String> {
    council
        .recognised_unions
        .iter()
        .map(|u| u.trim().to_owned())
        .filter(|u| !u.is_empty())
        .collect()
}

fn unions_in_words(council: &Council) -> String {
    let unions = unions(council);
    if unions.is_empty() {
        "[none recorded in the plan: add them under Councils > Recognised unions]".to_owned()
    } else {
        unions.join(", ")
    }
}

fn reasons(plan: &Plan, o: &Outcome, council: &CouncilOutcome) -> String {
    let others: Vec<&str> = o
        .councils
        .iter()
        .filter(|c| c.id != council.id)
        .map(|c| c.name.as_str())
        .collect();
    let functions: Vec<&str> = o.functions.iter().map(|f| f.name.as_str()).collect();
    format!(
        "{} proposes to combine its corporate services ({}) with those of {} into one service from {}. Posts that the single service no longer needs, where the councils' establishments duplicate each other, are to be deleted ({}).",
        council.name,
        functions.join(", "),
        if others.is_empty() {
            "its partner councils".to_owned()
        } else {
            others.join(" and ")
        },
        day(o.go_live),
        plan.name
    )
}

fn selection(plan: &Plan, scenario_allows_compulsory: bool) -> String {
    let mut text = "Voluntary redundancy is offered first. Vacant posts are deleted before any filled post. Where more people remain in a role than the single service needs, selection is from a pool of everyone in that role at the councils, by fair and objective criteria agreed in consultation; everyone at risk is offered suitable alternative employment where there is any, with a trial period.".to_owned();
    if !scenario_allows_compulsory {
        text.push_str(" No compulsory redundancy is proposed: the reductions are by voluntary redundancy and redeployment only.");
    }
    if plan.assumptions.redeployment_rate > 0.0 {
        let _ = write!(
            text,
            " The plan expects about {:.0}% of the people at risk to be redeployed.",
            plan.assumptions.redeployment_rate * 100.0
        );
    }
    text
}

fn scheme_in_words(plan: &Plan, council: &Council) -> String {
    let s = &council.scheme;
    let basis = match s.pay_basis {
        PayBasis::Actual => "on a week's actual pay (not limited to the statutory cap)",
        PayBasis::Capped => "on a week's pay up to the statutory cap",
    };
    format!(
        "Redundancy pay is worked out as statutory redundancy pay (Employment Rights Act 1996 s.162: half a week's, a week's or one and a half weeks' pay for each year of continuous local-government service by age, up to {} years) {basis}, multiplied by {} for voluntary and {} for compulsory redundancy, up to {} weeks' pay in all (Local Government (Early Termination of Employment) (Discretionary Compensation) (England and Wales) Regulations 2006). Members of the Local Government Pension Scheme who are made redundant at or over the minimum age receive their pension without reduction, and the council pays the fund the cost (the strain).",
        plan.parameters.redundancy.max_years,
        trim_number(s.vr_multiplier),
        trim_number(s.cr_multiplier),
        trim_number(s.max_weeks)
    )
}

fn trim_number(x: f64) -> String {
    let text = format!("{x:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn dismissals(council: &CouncilOutcome) -> String {
    let t = &council.timetable;
    let when = match (t.first_exit, t.last_exit) {
        (Some(first), Some(last)) if first == last => format!("on {}", day(first)),
        (Some(first), Some(last)) => format!("between {} and {}", day(first), day(last)),
        _ => {
            return format!(
                "Notices would be given from {}, once consultation has ended.",
                day(t.notices_from)
            );
        }
    };
    format!(
        "Notices would be given from {}, once consultation has ended, and the dismissals take effect {when}, each at the end of the person's notice and not before the single service starts.",
        day(t.notices_from)
    )
}

/// When the functions go live in waves, a note that the draft counts every wave together and
/// when to send one for each wave.
fn waves_note(plan: &Plan, o: &Outcome, council: &CouncilOutcome) -> Option<String> {
    if o.waves.len() < 2 {
        return None;
    }
    let waves: Vec<String> = council
        .waves
        .iter()
        .filter_map(|t| {
            let w = t.wave?;
            let wave = o.waves.get(w)?;
            Some(format!(
                "wave {} ({}, going live {}): {} proposed, {} days' consultation owed",
                w + 1,
                crate::figures::words::wave_functions(plan, wave),
                day(t.go_live),
                crate::format::proposed(t.proposed, t.counted),
                t.consultation_days
            ))
        })
        .collect();
    Some(format!(
        "The services go live in waves: {}. A wave's dismissals count with a later wave's that take effect within 90 days of them (TULRCA 1992 s.188(1)). This draft counts every wave together, from the first consultation to the last dismissal. Where you propose a wave separately (its dismissals more than 90 days from the others'), send an HR1 for each wave with its own numbers.",
        waves.join("; ")
    ))
}

/// When form HR1 is due, its own duty in its own words: the Insolvency Service must have it
/// before any notice is given and at least the days owed before the first dismissal.
fn hr1_deadline(t: &Timetable) -> String {
    match t.first_exit {
        Some(first) if t.consultation_days > 0 => format!(
            "Deadline for this form: {}. The Insolvency Service must have it at least {} days before the first dismissal takes effect ({}) and before any notice of dismissal is given (TULRCA 1992 s.193).",
            day(t.hr1_by),
            t.consultation_days,
            day(first)
        ),
        _ => "No HR1 is owed for these numbers: fewer than 20 redundancies are proposed within any period of 90 days (TULRCA 1992 s.193).".to_owned(),
    }
}

/// The consultation owed, its own duty in its own words: its length, from the number that
/// decides it, and when it must begin.
fn consultation_owed(t: &Timetable) -> String {
    if t.consultation_days == 0 {
        return format!(
            "None: {} proposed within any period of 90 days, fewer than 20 (TULRCA 1992 s.188(1A))",
            t.counted
        );
    }
    let first = t
        .first_exit
        .map(|d| format!(" ({})", day(d)))
        .unwrap_or_default();
    format!(
        "{} days, for {} redundancies proposed within 90 days (TULRCA 1992 s.188(1A)). It begins in good time and at least {} days before the first dismissal{first}: here on {}.",
        t.consultation_days,
        t.counted,
        t.consultation_days,
        day(t.consultation_start)
    )
}

fn hr1(
    plan: &Plan,
    o: &Outcome,
    council: &CouncilOutcome,
    settings: &Council,
    people: &Employed,
    anonymised: bool,
    compulsory: bool,
) -> Draft {
    let t = &council.timetable;
    let mut by_function = vec![0u32; o.functions.len()];
    let mut employed_by_function = vec![0u32; o.functions.len()];
    for &(role, n) in &council.proposed_by_role {
        if let Some(f) = o.roles.get(role).map(|r| r.function) {
            by_function[f] += n;
        }
    }
    for (role, &n) in people.by_role.iter().enumerate() {
        if let Some(f) = o.roles.get(role).map(|r| r.function) {
            employed_by_function[f] += n;
        }
    }
    let rows = count_rows(
        o.functions
            .iter()
            .enumerate()
            .filter(|&(f, _)| by_function[f] > 0)
            .map(|(f, x)| (x.name.clone(), by_function[f], employed_by_function[f]))
            .collect(),
        (council.proposed_redundancies, people.total),
        anonymised,
    );
    let mut blocks = vec![
        Block::Para(format!(
            "DRAFT prepared by Merger Planner from \"{}\", scenario {}. Check every answer, then submit the form online on GOV.UK (\"HR1: Advance notification of redundancies\").",
            plan.name, o.scenario,
        )),
        Block::Para(hr1_deadline(t)),
        Block::Heading("The employer".to_owned()),
        Block::Field("Employer".to_owned(), council.name.clone()),
        Block::Field("Address".to_owned(), "[the council's address]".to_owned()),
        Block::Field(
            "Nature of the main business".to_owned(),
            "Local government".to_owned(),
        ),
        Block::Heading("The establishment".to_owned()),
        Block::Field(
            "Establishment".to_owned(),
            format!("Corporate services of {}", council.name),
        ),
        Block::Field(
            "Address of the establishment".to_owned(),
            "[where the staff are based]".to_owned(),
        ),
        Block::Field(
            "Total number of employees at the establishment".to_owned(),
            people.total.to_string(),
        ),
        Block::Heading("The proposed redundancies".to_owned()),
        Block::Field(
            "Number of redundancies proposed".to_owned(),
            council.proposed_redundancies.to_string(),
        ),
        Block::Para("By occupational group (the services being merged):".to_owned()),
        Block::Table(
            vec![
                "Occupational group".to_owned(),
                "Proposed for dismissal".to_owned(),
                "Employed today".to_owned(),
            ],
            rows,
        ),
        Block::Field("Reasons".to_owned(), reasons(plan, o, council)),
        Block::Field(
            "Proposed method of selection".to_owned(),
            selection(plan, compulsory),
        ),
        Block::Heading("Consultation".to_owned()),
        Block::Field(
            "Date consultation began".to_owned(),
            day(t.consultation_start),
        ),
        Block::Field("Consultation period owed".to_owned(), consultation_owed(t)),
        Block::Field(
            "Recognised trade unions".to_owned(),
            unions_in_words(settings),
        ),
        Block::Heading("Dates".to_owned()),
        Block::Field(
            "Proposed date of the first dismissal".to_owned(),
            t.first_exit
                .map_or_else(|| "[none proposed]".to_owned(), day),
        ),
        Block::Field(
            "Proposed date of the last dismissal".to_owned(),
            t.last_exit
                .map_or_else(|| "[none proposed]".to_owned(), day),
        ),
    ];
    if let Some(waves) = waves_note(plan, o, council) {
        blocks.insert(1, Block::Para(waves));
    }
    Draft {
        file_name: format!("hr1-{}.docx", crate::format::slug(&council.short_name)),
        title: format!(
            "HR1: advance notification of redundancies, {}",
            council.name
        ),
        blocks,
    }
}

fn letter(
    plan: &Plan,
    o: &Outcome,
    council: &CouncilOutcome,
    settings: &Council,
    people: &Employed,
    anonymised: bool,
    compulsory: bool,
) -> Draft {
    let t = &council.timetable;
    let rows = count_rows(
        council
            .proposed_by_role
            .iter()
            .filter_map(|&(role, n)| {
                let r = o.roles.get(role)?;
                let function = o.functions.get(r.function).map_or("", |f| f.name.as_str());
                Some((
                    format!("{} ({function})", r.title),
                    n,
                    people.by_role.get(role).copied().unwrap_or(0),
                ))
            })
            .collect(),
        (council.proposed_redundancies, people.total),
        anonymised,
    );
    let to = unions(settings);
    let blocks = vec![
        Block::Para(format!(
            "DRAFT prepared by Merger Planner from \"{}\", scenario {}. Check every figure and complete what is in [square brackets] before it is sent.",
            plan.name, o.scenario
        )),
        Block::Para(format!(
            "To: {}",
            if to.is_empty() {
                "[the recognised trade unions]".to_owned()
            } else {
                to.join(", ")
            }
        )),
        Block::Para(format!("From: [name, title], {}", council.name)),
        Block::Para(format!("Date: {}", day(t.consultation_start))),
        Block::Heading(
            "Proposed redundancies: disclosure under section 188(4) of the Trade Union and Labour Relations (Consolidation) Act 1992".to_owned(),
        ),
        Block::Para(format!(
            "{} proposes to dismiss as redundant {} employees at its corporate services and begins collective consultation with you today, {}. Consultation will last at least {} days. As section 188(4) requires, this letter sets out:",
            council.name,
            council.proposed_redundancies,
            day(t.consultation_start),
            t.consultation_days
        )),
        Block::Heading("(a) The reasons for the proposals".to_owned()),
        Block::Para(reasons(plan, o, council)),
        Block::Heading(
            "(b) and (c) The numbers and descriptions of employees it is proposed to dismiss, and the total number of employees of each description".to_owned(),
        ),
        Block::Table(
            vec![
                "Description (role and service)".to_owned(),
                "Proposed for dismissal".to_owned(),
                "Employed in that description".to_owned(),
            ],
            rows,
        ),
        Block::Para(
            "The numbers include everyone the council proposes to dismiss as redundant: those expected to volunteer, those it hopes to redeploy, and those who may be selected for compulsory redundancy.".to_owned(),
        ),
        Block::Heading("(d) The proposed method of selection".to_owned()),
        Block::Para(selection(plan, compulsory)),
        Block::Heading(
            "(e) The proposed method of carrying out the dismissals, and the period over which they are to take effect".to_owned(),
        ),
        Block::Para(dismissals(council)),
        Block::Heading("(f) The proposed method of calculating redundancy payments".to_owned()),
        Block::Para(scheme_in_words(plan, settings)),
        Block::Para(
            "We look forward to consulting you on ways of avoiding the dismissals, reducing the numbers affected and mitigating their consequences, with a view to reaching agreement.".to_owned(),
        ),
        Block::Para("[Signature]".to_owned()),
    ];
    Draft {
        file_name: format!(
            "s188-letter-{}.docx",
            crate::format::slug(&council.short_name)
        ),
        title: format!("Section 188(4) disclosure letter, {}", council.name),
        blocks,
    }
}

/// The draft as the bytes of a .docx file: the title, the blocks, the plan's protective marking
/// in the header and "Draft" with the marking in the footer.
pub fn to_docx(plan: &Plan, draft: &Draft) -> Result<Vec<u8>, String> {
    let marking = plan.protective_marking.clone();
    // Arial 11 pt, 6 pt after each paragraph; headings 13 pt with 12 pt before.
    let after = || LineSpacing::new().after(120);
    let mut doc = Docx::new()
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .default_size(22)
        .header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text(&marking).bold().size(20)),
            ),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text(format!("DRAFT · {marking}")).size(18)),
            ),
        )
        .add_paragraph(
            Paragraph::new()
                .line_spacing(LineSpacing::new().after(240))
                .add_run(Run::new().add_text(&draft.title).bold().size(32)),
        );
    for block in &draft.blocks {
        doc = match block {
            Block::Heading(text) => doc.add_paragraph(
                Paragraph::new()
                    .keep_next(true)
                    .line_spacing(LineSpacing::new().before(240).after(120))
                    .add_run(Run::new().add_text(text).bold().size(26)),
            ),
            Block::Para(text) => doc.add_paragraph(
                Paragraph::new()
                    .line_spacing(after())
                    .add_run(Run::new().add_text(text).size(22)),
            ),
            Block::Field(label, value) => doc.add_paragraph(
                Paragraph::new()
                    .line_spacing(after())
                    .add_run(Run::new().add_text(format!("{label}: ")).bold().size(22))
                    .add_run(Run::new().add_text(value).size(22)),
            ),
            Block::Table(headings, rows) => {
                let cell = |text: &str, bold: bool| {
                    let run = Run::new().add_text(text).size(20);
                    TableCell::new().add_paragraph(Paragraph::new().add_run(if bold {
                        run.bold()
                    } else {
                        run
                    }))
                };
                let mut table_rows = vec![TableRow::new(
                    headings.iter().map(|h| cell(h, true)).collect(),
                )];
                for (i, row) in rows.iter().enumerate() {
                    let last = i + 1 == rows.len() && row.first().is_some_and(|c| c == "Total");
                    table_rows.push(TableRow::new(row.iter().map(|c| cell(c, last)).collect()));
                }
                doc.add_table(Table::new(table_rows))
                    .add_paragraph(Paragraph::new())
            }
        };
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut bytes)
        .map_err(|e| format!("could not write {}: {e}", draft.file_name))?;
    Ok(bytes.into_inner())
}

/// Writes `drafts` (from [`drafts`]) into `dir`; the files written.
pub fn write(dir: &Path, plan: &Plan, drafts: &[Draft]) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for draft in drafts {
        let path = dir.join(&draft.file_name);
        let bytes = to_docx(plan, draft)?;
        crate::persist::plan_file::write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
        written.push(path);
    }
    Ok(written)
}
