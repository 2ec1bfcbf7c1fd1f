//! Labelled fields shared by the editors. Each returns the new value when the user changed it and
//! draws nothing else: the caller turns the value into an edit.

use egui::{DragValue, TextEdit, Ui};
use jiff::civil::Date;

use crate::model::{Money, Problem, Severity};
use crate::theme;
use crate::ui::access;

/// A label and, beside it in the next grid column, the widget; the widget is labelled by it so
/// screen readers and tests find it by the label's text.
fn labelled(
    ui: &mut Ui,
    label: &str,
    add: impl FnOnce(&mut Ui) -> egui::Response,
) -> egui::Response {
    let l = ui.label(label);
    let r = add(ui).labelled_by(l.id);
    crate::ui::access::keep_focus_on_enter(ui, &r);
    match help_of(ui, label) {
        Some(help) => {
            l.on_hover_text(help.as_ref());
            r.on_hover_text(help)
        }
        None => r,
    }
}

/// A setting's label on its own (the widget beside it drawn by the caller), with the setting's
/// hover help.
pub fn setting_label(ui: &mut Ui, label: &str) -> egui::Response {
    let l = ui.label(label);
    match help_of(ui, label) {
        Some(help) => l.on_hover_text(help),
        None => l,
    }
}

/// The help of the setting labelled `label`; a setting drawn without any is noted, so a test
/// walking every view can name it ([`unexplained`]).
fn help_of(ui: &Ui, label: &str) -> Option<std::borrow::Cow<'static, str>> {
    let help = setting_help(label);
    if help.is_none() {
        ui.data_mut(|d| {
            let seen = d.get_temp_mut_or_default::<Vec<String>>(egui::Id::unique(UNEXPLAINED));
            if !seen.iter().any(|s| s == label) {
                seen.push(label.to_owned());
            }
        });
    }
    help
}

const UNEXPLAINED: &str = "settings drawn without help";

/// The labels of settings drawn so far without hover help (none, when every setting has it).
pub fn unexplained(ctx: &egui::Context) -> Vec<String> {
    ctx.data(|d| d.get_temp::<Vec<String>>(egui::Id::unique(UNEXPLAINED)))
        .unwrap_or_default()
}

/// What each setting does, with the law or policy it comes from: shown on hover over the
/// setting and its label, wherever the setting is edited.
pub const SETTING_HELP: &[(&str, &str)] = &[
    (
        "Pay ranges paid at",
        "Where on a published pay range (a minimum and a maximum) this council's posts are paid: the midpoint unless the council says otherwise; its ranged posts are repaid at once, and the papers name the point.",
    ),
    (
        "Share of the way up the range",
        "How far from the minimum to the maximum of each pay range this council's posts are paid (0% the minimum, 100% the maximum).",
    ),
    (
        "In the LGPS",
        "The share of the council's people who are LGPS members: pension strain is counted for that share of the unnamed holders of 55 or over (every one by default, the cautious choice).",
    ),
    (
        "Average contract (FTE)",
        "A person's average contract: a group of posts without a headcount holds its FTE over this many people (0.75 for English local government, ONS QPSES Q3 2020). Their dismissals count as whole people for consultation.",
    ),
    (
        "Profile source",
        "Where the workforce profile's shares come from, with its date: printed beside the profile and in the flag of every figure that rests on it.",
    ),
    (
        "Share of today's FTE",
        "Each role's target as this share of its FTE today, to two decimal places.",
    ),
    (
        "Pay basis",
        "What a week's pay is when redundancy pay is worked out: the statutory cap on a week's pay (Employment Rights Act 1996 s.227; the figure in force is in Help > How the figures are computed) or the person's actual week's pay, which a council may pay under the Local Government (Early Termination of Employment) (Discretionary Compensation) Regulations 2006 reg.5.",
    ),
    (
        "VR multiplier",
        "Voluntary redundancy pays the statutory weeks (by age and service, ERA 1996 s.162) times this, up to the most weeks paid: the council's discretionary policy under the 2006 Discretionary Compensation Regulations reg.6.",
    ),
    (
        "CR multiplier",
        "Compulsory redundancy pays the statutory weeks times this, up to the most weeks paid (1 = statutory only): the council's policy under the 2006 Regulations reg.6.",
    ),
    (
        "Most weeks paid",
        "The most weeks' pay a redundancy package reaches after its multiplier: 104 under the 2006 Discretionary Compensation Regulations reg.6; a council's policy may pay fewer.",
    ),
    (
        "LGPS employer rate",
        "The council's employer contribution rate to the Local Government Pension Scheme, set by its fund's actuarial valuation: an on-cost of every post it employs.",
    ),
    (
        "Minimum service for VR",
        "People with less continuous service than this may not volunteer (the council's policy). Statutory redundancy pay itself needs 2 years' service (ERA 1996 s.155).",
    ),
    (
        "Cost-share weight",
        "This council's weight when the councils share in agreed weights (Assumptions, Councils share): a matter the councils agree, such as population or council tax base.",
    ),
    (
        "Recognised unions",
        "The trade unions the council recognises, separated by commas: they are consulted on proposed redundancies (TULRCA 1992 s.188) and named in the consultation drafts.",
    ),
    (
        "Short name",
        "The council's name where space is short: chart legends, table columns and the navigator.",
    ),
    (
        "Redeployment rate",
        "The share of the FTE still at risk after voluntary redundancy that is redeployed into open posts rather than dismissed (an assumption; redeployment is a duty to offer suitable alternative employment, ERA 1996 s.141).",
    ),
    (
        "VR take-up",
        "The share of eligible staff who have not said they are interested who are expected to volunteer (an assumption; 0 = only those who said so).",
    ),
    (
        "VR payback limit",
        "Voluntary redundancy is accepted only where the exit's cost is repaid by its saving within this many years (the council's policy).",
    ),
    (
        "Pay protection (years)",
        "How long a redeployed person whose new post pays less keeps their old pay (the councils' policy).",
    ),
    (
        "Consultation starts",
        "The day collective consultation begins: at least 30 days before the first dismissal for 20 to 99 proposed redundancies at a council, 45 days for 100 or more (TULRCA 1992 s.188).",
    ),
    (
        "Go-live",
        "The day the single service starts: the target structure applies from it.",
    ),
    (
        "Equal-pay tolerance",
        "Roles whose pay differs across councils by more than this are flagged as an equal-pay risk (Equality Act 2010 s.66).",
    ),
    (
        "Protective marking",
        "Printed on every slide, export and page (the Government Security Classifications; OFFICIAL-SENSITIVE unless changed).",
    ),
    (
        "A week's pay",
        "How a week's pay is worked out from annual pay for redundancy pay: over 52 weeks, or × 7 ÷ 365 (ERA 1996 ss.221-229 define a week's pay; the councils choose the convention).",
    ),
    (
        "Compulsory redundancies allowed",
        "Whether people still at risk after VR and redeployment may be dismissed; off, targets are reached only as far as volunteers allow (a policy choice).",
    ),
    (
        "Part-year effects",
        "How a saving starting part-way through a financial year counts in that year: the days left to 31 March over 365, or the whole months left over 12 (the councils' accounting convention).",
    ),
    (
        "One-off costs shared",
        "How the councils share one-off costs: in the same ratio as the recurring cost, or each leaver's package borne by their employing council with shared costs by the ratio (a matter the councils agree).",
    ),
    (
        "New posts employed by",
        "The council that employs the single service's new posts: they are costed at its LGPS employer rate.",
    ),
    (
        "Limit VR to exits that pay back in time",
        "Accept voluntary redundancy only where the exit's cost is repaid by its saving within the VR payback limit (the council's policy).",
    ),
    (
        "Contractual notice (weeks)",
        "Notice in the person's contract; the longer of it and statutory notice (a week a year of service, up to 12: ERA 1996 s.86) is given.",
    ),
    (
        "LGPS member",
        "In the Local Government Pension Scheme: employer contributions are an on-cost, and a member aged 55 or over made redundant has their pension paid early, with a strain cost to the employer (LGPS Regulations 2013 reg.30(7)).",
    ),
    (
        "Interested in VR",
        "The person has said they would consider voluntary redundancy: they volunteer where their pool needs it and the VR rules allow.",
    ),
    (
        "Critical post",
        "VR is refused for this post and compulsory selection avoids it, as the service cannot do without it (the council's policy).",
    ),
    (
        "Fund has quoted the strain",
        "The pension fund's quote of the strain cost, which replaces the app's estimate (the fund's actuary works it out).",
    ),
    (
        "Service start",
        "Start of continuous local-government service: redundancy pay counts service with any body on the Redundancy Payments (Continuity of Employment in Local Government, etc.) (Modification) Order 1999.",
    ),
    (
        "Date of birth",
        "Age sets the weeks of statutory redundancy pay (ERA 1996 s.162) and whether a pension is paid early; it is also counted, in groups of 5 or more only, for the equality impact.",
    ),
    (
        "Post FTE",
        "The post's share of full time: 1 for full time, 0.5 for half.",
    ),
    (
        "Full-time salary",
        "The annual salary of the grade point at full time; pay is this times the FTE.",
    ),
    (
        "Target role",
        "The role of the single service this post maps onto; posts in roles cut below today's FTE are at risk.",
    ),
    (
        "Role target FTE",
        "The FTE the single service needs in this role; today's FTE above it is the overlap that vacancies, VR, redeployment and compulsory redundancy remove.",
    ),
    (
        "Pay rule",
        "How the role's pay is harmonised across councils: a set salary, or the highest, average or lowest of today's (equal pay for equal work: Equality Act 2010 s.66).",
    ),
    (
        "Target salary",
        "The role's full-time salary in the single service.",
    ),
    (
        "Goes live on its own date",
        "The function goes live on a date of its own, in a wave: its consultation, notices and exits follow that date.",
    ),
    (
        "Strain quote",
        "The pension fund's quote of the strain cost of paying this person's pension early.",
    ),
    (
        "Plan name",
        "The plan's name: in the title bar, on the slides and on the title page of every export.",
    ),
    (
        "Description",
        "A line or two on what the plan covers, printed under its name on the board pack's title page.",
    ),
    (
        "Consultation start",
        "The day collective consultation begins: at least 30 days before the first dismissal for 20 to 99 proposed redundancies at a council, 45 days for 100 or more (TULRCA 1992 s.188).",
    ),
    (
        "Target scale",
        "Every role's target FTE times this (1 = the target structure as designed; 0.9 cuts each target by a tenth), unless a function's scale or a role's own target in the scenario says otherwise: a quick way to test a deeper or shallower cut.",
    ),
    (
        "Compulsory redundancy",
        "Whether people still at risk after VR and redeployment may be dismissed; not allowed, targets are reached only as far as volunteers allow (a policy choice).",
    ),
    (
        "Bumped redundancy",
        "Volunteers from roles not at risk may leave so that people at risk take their posts ('bumping'): each such exit needs its own approval, and the post must be suitable for the person moved into it (a policy choice).",
    ),
    (
        "Bumped redundancy: volunteers from roles not at risk may go so people at risk take their posts",
        "Each such exit needs its own approval, and the post must be suitable for the person moved into it; it saves a compulsory redundancy at the cost of a voluntary one (a policy choice).",
    ),
    (
        "Pay protection",
        "How long a redeployed person whose new post pays less keeps their old pay, at full rate (the councils' policy).",
    ),
    (
        "Protection taper",
        "After full protection, the years over which the protected pay falls in equal steps to the new pay (0 = it stops at once; the councils' policy).",
    ),
    (
        "Protection then tapers over",
        "After full protection, the years over which the protected pay falls in equal steps to the new pay (0 = it stops at once; the councils' policy).",
    ),
    (
        "Harmonised pay that falls",
        "Whether staff kept in their role whose pay falls when the role's pay is harmonised keep their old pay for the protection period (the councils' policy; it adds to the one-off cost).",
    ),
    (
        "Protect kept staff whose pay falls when their role's pay is harmonised",
        "They keep their old pay for the protection period, which adds to the one-off cost (the councils' policy).",
    ),
    (
        "Cost pay protection with its on-costs (NI, LGPS, levy)",
        "On: the protected pay costs the employer its NI (Social Security Contributions and Benefits Act 1992), LGPS contributions at the council's rate for members and the apprenticeship levy (Finance Act 2016), as a finance officer budgets it. Off: the protected pay alone. The papers say which.",
    ),
    (
        "Councils share",
        "What the councils divide between them: the cost of the single service, or each council's costs and savings (a matter the councils agree, as Bournemouth and Poole agreed 50:50).",
    ),
    (
        "In the ratio",
        "The ratio the councils share in: equal shares, their cost or FTE today, or weights they agree (Councils, Cost-share weight).",
    ),
    (
        "Scenario pay change",
        "The pay change of this scenario: as the plan, none, or one of its own (bands, exemption, start and functions as in Assumptions).",
    ),
    (
        "Scenario name",
        "The scenario's name, as the scenario chooser, comparisons and exports show it.",
    ),
    (
        "What the scenario tests",
        "A line on the question the scenario answers, shown beside its name in the Scenarios view's list.",
    ),
    (
        "Pay band",
        "Pay from this full-time salary up to the next band's changes by the band's percentage (a cut is positive): the pay change by salary band.",
    ),
    (
        "Exempt below",
        "Nobody paid less than this full-time salary has their pay changed (for example, to protect the lowest paid).",
    ),
    (
        "New pay from",
        "The day the new pay starts; the saving runs from it.",
    ),
    (
        "Applies to",
        "The functions whose staff the pay change covers; all of them when every one is ticked.",
    ),
    (
        "Kind",
        "A saving (a contract ended, a building given up) or a cost (new systems, a shared service charge) besides posts, a year from its start.",
    ),
    (
        "Function",
        "The function the line belongs to, so it is counted with that function's figures.",
    ),
    (
        "Council",
        "The council whose budget the line falls in; with none, the line is shared in the councils' ratio.",
    ),
    (
        "From",
        "The day the saving or cost starts: its first financial year counts the part-year from it.",
    ),
    (
        "Amount",
        "The amount a year at full effect (a saving or cost), in pounds.",
    ),
    (
        "Cap on a week's pay",
        "The most a week's pay counts for statutory redundancy pay, from the date it applies (Employment Rights Act 1996 s.227, raised each April by order: £719 from 6 April 2025, SI 2025/348; £751 from 6 April 2026, SI 2026/310). A council paying actual pay (2006 Regulations reg.5) is not capped.",
    ),
    (
        "Yearly rise of the cap after the last one",
        "For exits after the last cap stored: the cap held (0%) or raised each April by this planning assumption; either way a flag says so.",
    ),
    (
        "Employer NI rate",
        "Employer's Class 1 National Insurance on pay above the secondary threshold, from the tax year it applies (15% above £5,000 from 6 April 2025): an on-cost of every post.",
    ),
    (
        "Class 1A NI on exits",
        "Employer's Class 1A National Insurance on the part of a termination payment above £30,000 (Income Tax (Earnings and Pensions) Act 2003 s.403; from 6 April 2020, National Insurance Contributions (Termination Awards and Sporting Testimonials) Act 2019): a one-off cost of larger packages.",
    ),
    (
        "Apprenticeship levy",
        "0.5% of each council's pay bill (Finance Act 2016 Part 6): an on-cost of every post.",
    ),
    (
        "LGPS minimum pension age",
        "The age from which a member made redundant with 2 years' membership takes an unreduced pension at once, at a strain cost to the employer (LGPS Regulations 2013 reg.30(7)): 55, rising to 57 from 6 April 2028 (Finance Act 2022).",
    ),
    (
        "Protected pension age",
        "Members who joined before 4 November 2021 may keep 55 after the minimum pension age rises (Finance Act 2022); not yet confirmed for the LGPS, so a plan setting, flagged until confirmed.",
    ),
    (
        "Redundancy pay rules",
        "Statutory redundancy pay needs 2 years' continuous service and counts at most 20 complete years back from the exit: 1.5 weeks a year at 41 or over, 1 week from 22 to 40, half a week under 22 (Employment Rights Act 1996 ss.155, 162).",
    ),
    (
        "Most weeks of statutory notice",
        "Statutory notice is a week a complete year of service from 2 years, at most 12 weeks (Employment Rights Act 1996 s.86); contractual notice wins when longer.",
    ),
    (
        "Most weeks of compensation",
        "The most weeks' pay a discretionary lump sum may reach, the statutory payment included (2006 Discretionary Compensation Regulations reg.6: 104).",
    ),
    (
        "Consultation bands",
        "Collective consultation begins at least this many days before the first dismissal where a council proposes this many redundancies or more within 90 days (TULRCA 1992 s.188: 30 days for 20 to 99, 45 for 100 or more); form HR1 goes to the Secretary of State before any notice (s.193).",
    ),
    (
        "Exit package thresholds",
        "A package of the first amount or more goes to full council for approval (the statutory guidance on pay policy statements, Localism Act 2011 ss.38 and 40); of the second or more, it is flagged, as the accounts disclose exit packages in bands of £20,000 (Accounts and Audit Regulations 2015, and the Code of Practice on Local Authority Accounting).",
    ),
    (
        "Pension strain estimate",
        "Where a fund has not quoted, the strain cost of paying a pension early is estimated from these documented factors (membership split at 1 April 2014: final salary before, career average after) and labelled indicative: a fund's quote always replaces it.",
    ),
    (
        "Council name",
        "The council's full name, as its papers, the consultation drafts and form HR1 give it.",
    ),
    (
        "Post id",
        "The post's reference in the council's HR system, as the establishment gives it: how the post is found, imported again and named in messages.",
    ),
    (
        "Job title",
        "The post's job title in the council's establishment.",
    ),
    (
        "Post grade",
        "The post's grade on the council's pay scale, as the establishment gives it.",
    ),
    (
        "Employing council",
        "The council that employs the postholder today: its redundancy scheme, LGPS rate, consultation and notices apply.",
    ),
    (
        "Function today",
        "The back-office function the post belongs to today (finance, HR, IT, legal or other support).",
    ),
    (
        "Function name",
        "The function's name, as the charts, tables and exports show it.",
    ),
    (
        "Role title",
        "The role's title in the single service, as the charts, tables, messages and exports show it.",
    ),
    (
        "In function",
        "The function of the single service this role belongs to: it goes live with that function.",
    ),
    (
        "Function go-live",
        "The day this function's part of the single service starts, for a function going live in a wave of its own: its consultation, notices and exits follow it.",
    ),
    (
        "Saving a year to reach",
        "The recurring saving a year the goal seek looks for: it proposes the target FTE of each role that reaches it with the fewest compulsory redundancies, then the least one-off cost, then as close to it as that allows; volunteers go whole, as the engine takes them.",
    ),
    (
        "No compulsory redundancies",
        "The proposal reaches the saving by vacancies, voluntary redundancy and redeployment alone, or says it cannot.",
    ),
    (
        "Critical posts kept",
        "No role is cut below the FTE of its critical posts (those the establishment marks critical).",
    ),
    (
        "Payback within a limit",
        "The proposal's one-off cost is repaid by its saving within the years set below.",
    ),
    (
        "Payback limit",
        "The most years the one-off cost may take to be repaid by the saving.",
    ),
    (
        "Each function kept at a share of today",
        "No function is cut below the share of its FTE today set below, so no service is hollowed out.",
    ),
    (
        "Least share of today's FTE",
        "The least share of its FTE today each function keeps.",
    ),
    (
        "Encoding",
        "The text encoding of a CSV file: detected from the file (UTF-8, or Windows-1252 as Excel on Windows saves) unless you choose.",
    ),
    (
        "Delimiter",
        "The character between columns of a CSV file: detected from the file (comma, semicolon, tab or bar) unless you choose.",
    ),
    (
        "Sheet",
        "The sheet of the workbook that holds the establishment; the first sheet with a table unless you choose.",
    ),
    (
        "FTE given as",
        "How the FTE column is given: as a share of full time (1 = full time), a percentage, or hours a week (turned into FTE by the full-time hours).",
    ),
    (
        "Order of dates",
        "The order of day, month and year in the file's dates (15/03/1966 is day first, as UK systems write; 03/15/1966 month first).",
    ),
    (
        "Two-digit years below this are 2000s",
        "A date written with two digits for its year (14/03/66) is put in the 2000s when the two digits are below this, else in the 1900s.",
    ),
    (
        "Or a council in the plan",
        "The council in the plan these rows belong to, when the file is an establishment of a council the plan already has.",
    ),
    (
        "Most weeks of pay",
        "The most weeks' pay a redundancy package reaches after its multiplier: 104 under the 2006 Discretionary Compensation Regulations reg.6; a council's policy may pay fewer.",
    ),
    (
        "Full-time hours",
        "The hours of a full-time week, to turn hours into FTE (37 for most council posts under the NJC's Green Book).",
    ),
    (
        "Colour",
        "The council's colour on every chart, slide and export, in the legends and in the navigator.",
    ),
];

/// The help text of the setting labelled `label`, if it has one: its own, else that of the
/// setting it is a form of ("Pay protection (years)" as "Pay protection"; "Change go-live", a
/// scenario's own value, as "Go-live"; "Scotshire kind of line 2", one field of a numbered row,
/// as "Kind").
pub fn setting_help(label: &str) -> Option<std::borrow::Cow<'static, str>> {
    if let Some((_, help)) = SETTING_HELP
        .iter()
        .find(|(l, _)| l.eq_ignore_ascii_case(label))
    {
        return Some((*help).into());
    }
    // The workforce profile's bands (docs/rules.md, "Workforce profile").
    if label.starts_with("Aged ") {
        return Some("The share of the council's people in this age band: the exit costs of posts whose holders are not named are expected values over the bands, each costed at its middle age. The shares are scaled to add up to 100%.".into());
    }
    if label.starts_with("Service ") {
        return Some("The share of the council's people with this much continuous local-government service: with the age bands, what the unnamed holders' redundancy pay, strain, notice and VR eligibility are expected to be. The shares are scaled to add up to 100%.".into());
    }
    if let Some(rest) = label.strip_prefix("Change ") {
        return setting_help(rest).map(|help| {
            format!(
                "Ticked, the scenario has a value of its own; unticked, it takes the plan's. {help}"
            )
            .into()
        });
    }
    if let Some((head, _)) = label.strip_suffix(')').and_then(|l| l.rsplit_once(" (")) {
        return setting_help(head);
    }
    let (head, n) = label.rsplit_once(' ')?;
    n.parse::<usize>().ok()?;
    let (field, _item) = head.rsplit_once(" of ")?;
    setting_help(field.rsplit(' ').next()?)
}

/// A one-line text field. Returns the new text while the user types.
pub fn text(ui: &mut Ui, label: &str, value: &str) -> Option<String> {
    let mut s = value.to_owned();
    let r = labelled(ui, label, |ui| {
        ui.add(TextEdit::singleline(&mut s).desired_width(theme::FIELD_WIDTH))
    });
    (r.changed() && s != value).then_some(s)
}

/// A number dragged or typed within `range`; values outside it are refused (clamped).
pub fn number(
    ui: &mut Ui,
    label: &str,
    value: f64,
    range: std::ops::RangeInclusive<f64>,
    decimals: usize,
) -> Option<f64> {
    let mut v = value;
    let speed = (range.end() - range.start()).abs().min(100.0) / 500.0;
    let r = labelled(ui, label, |ui| {
        ui.add(
            DragValue::new(&mut v)
                .range(range)
                .speed(speed)
                .fixed_decimals(decimals),
        )
    });
    access::value_text(
        &r,
        format!("{v:.decimals$}"),
        Some(access::step_of(decimals)),
    );
    (r.changed() && (v - value).abs() > f64::EPSILON).then_some(v)
}

/// A share shown and typed as a percentage, stored as a fraction (0.212 shows as 21.2%).
pub fn percent(ui: &mut Ui, label: &str, value: f64, max_percent: f64) -> Option<f64> {
    let mut v = value * 100.0;
    let r = labelled(ui, label, |ui| {
        ui.add(
            DragValue::new(&mut v)
                .range(0.0..=max_percent)
                .speed(0.1)
                .max_decimals(2)
                .suffix("%"),
        )
    });
    access::value_text(&r, format!("{}%", access::trimmed(v, 2)), Some(0.01));
    (r.changed() && (v / 100.0 - value).abs() > 1e-12).then_some(v / 100.0)
}

/// A whole number within `range`.
pub fn count(
    ui: &mut Ui,
    label: &str,
    value: u32,
    range: std::ops::RangeInclusive<u32>,
) -> Option<u32> {
    let mut v = value;
    let r = labelled(ui, label, |ui| {
        ui.add(DragValue::new(&mut v).range(range).speed(0.1))
    });
    access::value_text(&r, v.to_string(), Some(1.0));
    (r.changed() && v != value).then_some(v)
}

/// A drag value in pounds, shown as money is shown everywhere (£56,788.00, or £56,788 without
/// `pence`) and typed the same way (commas and the pound sign are optional).
pub fn pounds_value(pounds: &mut f64, max: Money, pence: bool) -> DragValue<'_> {
    DragValue::new(pounds)
        .range(0.0..=max.as_pounds())
        .speed(10.0)
        .custom_formatter(move |v, _| {
            let m = Money::from_pounds_f64(v);
            if pence { m.full() } else { m.whole() }
        })
        .custom_parser(|s| crate::model::parse_money(s).map(Money::as_pounds))
}

/// An amount of money in pounds and pence, from £0 to `max`.
pub fn money(ui: &mut Ui, label: &str, value: Money, max: Money) -> Option<Money> {
    let mut pounds = value.as_pounds();
    let r = labelled(ui, label, |ui| ui.add(pounds_value(&mut pounds, max, true)));
    let new = Money::from_pounds_f64(pounds);
    access::value_text(&r, new.full(), Some(0.01));
    (r.changed() && new != value).then_some(new)
}

/// A tick box.
pub fn tick(ui: &mut Ui, label: &str, value: bool) -> Option<bool> {
    let mut v = value;
    ui.label("");
    let mut r = ui.checkbox(&mut v, label);
    if let Some(help) = help_of(ui, label) {
        r = r.on_hover_text(help);
    }
    (r.changed() && v != value).then_some(v)
}

/// One choice from a list. `options` pairs each value with its label.
pub fn choice<T: Clone + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &T,
    options: &[(T, String)],
) -> Option<T> {
    let mut chosen = value.clone();
    let r = labelled(ui, label, |ui| combo(ui, label, &mut chosen, options));
    // Again once its hover help is its description, which the value leads.
    access::combo_value(&r, shown_of(value, options));
    (chosen != *value).then_some(chosen)
}

/// One choice from a list that picks what a view shows (whose leavers, which scenarios), not a
/// setting of the plan: it says what it is by its label alone.
pub fn filter<T: Clone + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &T,
    options: &[(T, String)],
) -> Option<T> {
    let mut chosen = value.clone();
    let l = ui.label(label);
    combo(ui, label, &mut chosen, options).labelled_by(l.id);
    (chosen != *value).then_some(chosen)
}

/// What a drop-down list shows for `value`.
fn shown_of<'a, T: PartialEq>(value: &T, options: &'a [(T, String)]) -> &'a str {
    options
        .iter()
        .find(|(v, _)| v == value)
        .map_or("(none)", |(_, l)| l.as_str())
}

fn combo<T: Clone + PartialEq>(
    ui: &mut Ui,
    label: &str,
    chosen: &mut T,
    options: &[(T, String)],
) -> egui::Response {
    let shown = shown_of(chosen, options);
    let r = egui::ComboBox::from_id_salt(("choice", label))
        .selected_text(shown)
        .width(theme::FIELD_WIDTH)
        .show_ui(ui, |ui| {
            for (v, l) in options {
                access::option(ui, chosen, v.clone(), l);
            }
        })
        .response;
    access::combo_value(&r, shown);
    r
}

/// A date, typed as YYYY-MM-DD or picked from a calendar. A typed date is taken once it is a real
/// date; until then the field says what it wants.
pub fn date(ui: &mut Ui, label: &str, value: Date) -> Option<Date> {
    let l = setting_label(ui, label);
    date_field(ui, label, Some(l.id), value)
}

/// A date field and its calendar, without a label of its own: in a grid whose column says what
/// it is, `name` names it for screen readers and tests.
pub fn date_field(
    ui: &mut Ui,
    name: &str,
    labelled_by: Option<egui::Id>,
    value: Date,
) -> Option<Date> {
    let mut result = None;
    ui.horizontal(|ui| {
        let (r, typed) = parsed(
            ui,
            ("date", name),
            &value,
            100.0,
            "Type a date as YYYY-MM-DD",
        );
        match labelled_by {
            Some(id) => {
                r.labelled_by(id);
            }
            None => {
                r.accessible_name(name);
            }
        }
        result = typed;
        let mut picked = value;
        let salt = format!("date picker {name}");
        ui.add(
            egui_extras::DatePickerButton::new(&mut picked)
                .id_salt(&salt)
                .calendar_week(false)
                .show_icon(false)
                // The bundled font has no calendar glyph: the button says what it opens.
                .format("Calendar"),
        );
        if picked != value {
            result = Some(picked);
        }
    });
    result
}

/// A text field for a value with a text form (a date, a financial year). What the user types is
/// kept while the field has focus; the value is taken once the text parses, and until then the
/// field says what it wants (`wants`). Returns the field and the new value, if any.
pub fn parsed<T>(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    value: &T,
    width: f32,
    wants: &str,
) -> (egui::Response, Option<T>)
where
    T: std::str::FromStr + std::fmt::Display + PartialEq,
{
    let id = ui.make_persistent_id(id_salt);
    let mut text = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| value.to_string());
    let r = ui.add(TextEdit::singleline(&mut text).id(id).desired_width(width));
    let parsed = text.trim().parse::<T>();
    let mut result = None;
    if r.changed() {
        if let Ok(v) = &parsed
            && v != value
        {
            result = text.trim().parse::<T>().ok();
        }
        ui.data_mut(|d| d.insert_temp(id, text.clone()));
    }
    if !r.has_focus() {
        ui.data_mut(|d| d.remove::<String>(id));
    } else if parsed.is_err() {
        ui.colored_label(theme::palette(ui).warning, wants);
    }
    (r, result)
}

/// A one-line text field wide enough for a name or description. Returns the new text.
pub fn long_text(ui: &mut Ui, label: &str, value: &str) -> Option<String> {
    let mut s = value.to_owned();
    let r = labelled(ui, label, |ui| {
        ui.add(TextEdit::singleline(&mut s).desired_width(theme::LONG_FIELD_WIDTH))
    });
    (r.changed() && s != value).then_some(s)
}

/// The problems validation found with `field`, in the warning or error colour, under the field.
pub fn problems(ui: &mut Ui, problems: &[&Problem], field: &str) {
    for p in problems.iter().filter(|p| p.field == field) {
        ui.label("");
        problem(ui, p, false);
        ui.end_row();
    }
}

/// One problem in its severity's colour: "Error: ..." or "Warning: ...", with the field's name
/// when it is not shown beside a field.
pub fn problem(ui: &mut Ui, p: &Problem, with_field: bool) {
    let palette = theme::palette(ui);
    let (word, colour) = match p.severity {
        Severity::Error => ("Error", palette.error),
        Severity::Warning => ("Warning", palette.warning),
    };
    let text = if with_field {
        format!(
            "{word}: {}: {}",
            crate::model::validate::field_words(p.field),
            p.message
        )
    } else {
        format!("{word}: {}", p.message)
    };
    ui.colored_label(colour, text);
}

/// The bookkeeping of an editor grid (label, field, one row each): applies a field's new value,
/// names the edit after the field the user changed, and shows that field's validation problems
/// under it.
pub struct Form<'a> {
    problems: &'a [&'a Problem],
    shown: Vec<&'static str>,
    /// What the edit does ("change VR multiplier"), once a field has changed.
    pub what: Option<&'static str>,
}

impl<'a> Form<'a> {
    /// A form for an item with these problems.
    pub fn new(problems: &'a [&'a Problem]) -> Self {
        Self {
            problems,
            shown: Vec::new(),
            what: None,
        }
    }

    /// Ends a field's row: applies `new` (the edit is then called `what`) and lists the problems
    /// validation found with `field`, as the plan file names it.
    pub fn row<T>(
        &mut self,
        ui: &mut Ui,
        field: &'static str,
        what: &'static str,
        new: Option<T>,
        apply: impl FnOnce(T),
    ) {
        if let Some(v) = new {
            apply(v);
            self.what = Some(what);
        }
        ui.end_row();
        self.shown.push(field);
        problems(ui, self.problems, field);
    }

    /// A field hidden by another choice (a salary when pay is harmonised): its problems still
    /// show, where its row would be.
    pub fn hidden(&mut self, ui: &mut Ui, field: &'static str) {
        self.shown.push(field);
        problems(ui, self.problems, field);
    }

    /// After the grid: problems with fields that no row showed (a duplicate id, say).
    pub fn others(&self, ui: &mut Ui) {
        for p in self
            .problems
            .iter()
            .filter(|p| !self.shown.contains(&p.field))
        {
            problem(ui, p, true);
        }
    }
}

pub use crate::format::plural;

/// A table of text as a striped grid: its headings in bold, then its rows.
pub fn text_table(ui: &mut Ui, id_salt: &str, table: &crate::figures::tables::Table) {
    crate::ui::access::grid(
        ui,
        id_salt,
        &table.title,
        &table.headings,
        &table.shown_rows(),
        &[],
    );
}
