//! The words and round figures every paper shares, with no egui: the charts, the report, the
//! workbook and the drafts all take them from here, so a sentence is made in one place.

use crate::model::{Money, Plan};

/// Where a cost axis whose bars end between `low` and `high` starts: zero, or a round figure
/// below `low` when starting there saves at least a third of the width (the waterfall's rule,
/// also used by the Excel export's waterfall).
pub fn axis_start(low: Money, high: Money) -> Money {
    let (low, high) = (low.pence(), high.pence());
    if low <= 0 || high <= low {
        return Money::ZERO;
    }
    let span = high - low;
    // A third of the span below the smallest cost, down to a multiple of a round step of at
    // least an eighth of the span (at most 2.5 eighths): the gap is under 0.65 of the span.
    let step = nice_step(span / 8);
    let start = (low - span / 3).div_euclid(step) * step;
    // Not worth a break unless it saves a third of the width.
    if start * 3 < high {
        return Money::ZERO;
    }
    Money(start)
}

/// The smallest of 1, 2 or 5 times a power of ten that is at least `at_least` (pence, at least 1p).
fn nice_step(at_least: i64) -> i64 {
    let mut power = 1i64;
    loop {
        for m in [1, 2, 5] {
            let step = power.saturating_mul(m);
            if step >= at_least || step == i64::MAX {
                return step.max(1);
            }
        }
        power = power.saturating_mul(10);
    }
}

/// A wave's functions by name: "IT and Legal".
pub fn wave_functions(plan: &Plan, wave: &crate::engine::Wave) -> String {
    let names: Vec<&str> = wave
        .functions
        .iter()
        .filter_map(|&f| plan.functions.get(f).map(|f| f.name.as_str()))
        .collect();
    crate::format::and_list(&names)
}

/// "Wave 2, IT and Legal: consultation and HR1 from 2026-04-02; go-live 2026-10-01".
pub fn wave_sentence(plan: &Plan, index: usize, wave: &crate::engine::Wave) -> String {
    format!(
        "Wave {}, {}: consultation and HR1 from {}; go-live {}",
        index + 1,
        wave_functions(plan, wave),
        wave.consultation_start,
        wave.go_live
    )
}

/// A band's finding in words.
pub fn selection_words(s: crate::engine::equality::Selection) -> &'static str {
    use crate::engine::equality::Selection;
    match s {
        Selection::Within => "within",
        Selection::Under => "under four-fifths of the workforce's rate",
        Selection::Over => "over five-fourths of the workforce's rate",
        Selection::Suppressed => "fewer than 5 people: not shown",
    }
}

/// A change in pounds with its sign: "+£489k", "−£595k", "£0".
pub fn money_change(x: f64) -> String {
    let m = Money::from_pounds_f64(x.abs()).compact();
    if x >= 0.5 {
        format!("+{m}")
    } else if x <= -0.5 {
        format!("−{m}")
    } else {
        m
    }
}

/// What a figure that rests on a workforce profile is called beside it.
pub const INDICATIVE: &str = "indicative";

/// Whether the plan's exit costs rest on workforce profiles: some post's holders are not named.
pub fn rests_on_profile(plan: &Plan) -> bool {
    crate::engine::risk::profiled(plan)
}

/// A figure's words with "(indicative)" after them when the plan's exit costs rest on
/// workforce profiles.
pub fn marked(plan: &Plan, text: &str) -> String {
    marked_if(rests_on_profile(plan), text)
}

/// The same from an outcome's flags, with no pass over the posts: what a view drawn every frame
/// asks.
pub fn marked_by(o: &crate::engine::Outcome, text: &str) -> String {
    let indicative = o
        .flags
        .iter()
        .any(|f| f.kind == crate::engine::FlagKind::AssumedWorkforceProfile);
    marked_if(indicative, text)
}

fn marked_if(indicative: bool, text: &str) -> String {
    if indicative {
        format!("{text} ({INDICATIVE})")
    } else {
        text.to_owned()
    }
}

/// The sentence the papers print where exit costs rest on workforce profiles (some posts'
/// holders are not named), with each council's point on its pay ranges where it has them; none
/// for a plan of named people and set salaries.
pub fn profile_note(plan: &Plan) -> Option<String> {
    // No counts: an anonymised Summary carries this note, and the FTE held by unnamed people
    // could be every post's, giving back an FTE the release hides.
    let unnamed = rests_on_profile(plan);
    let ranged: Vec<String> = plan
        .councils
        .iter()
        .filter(|c| {
            plan.posts
                .iter()
                .any(|p| p.council == c.id && p.pay_range.is_some())
        })
        .map(|c| format!("{}, {}", c.name, c.pay_point.words()))
        .collect();
    let mut out = Vec::new();
    if unnamed {
        out.push(
            "Indicative: some posts are held by people the plan does not name. Their ages and length of service come from each council's workforce profile, so their redundancy pay, pension strain and notice are expected values, with the range the uncertainty run gives."
                .to_owned(),
        );
    }
    let grouped: Vec<String> = plan
        .councils
        .iter()
        .filter(|c| {
            plan.posts
                .iter()
                .any(|p| p.council == c.id && p.group.is_some_and(|g| g.headcount.is_none()))
        })
        .map(|c| format!("{}, {:.2} FTE", c.name, c.workforce.average_contract_fte))
        .collect();
    if !grouped.is_empty() {
        out.push(format!(
            "A group of posts without a headcount counts its FTE over the council's average contract, in whole people for consultation: {}.",
            grouped.join("; ")
        ));
    }
    if !ranged.is_empty() {
        out.push(format!(
            "Posts published with a pay range are paid at a point on it: {}.",
            ranged.join("; ")
        ));
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// What changed between two versions of a plan, named for the effect table ("The file
/// (indicative)", "This plan (exact)"), with a sentence when one's exit costs rest on workforce
/// profiles and the other's do not: named data replacing a grouped establishment.
pub fn versions_named(old: &Plan, new: &Plan) -> (String, String, Option<String>) {
    let (was, is) = (rests_on_profile(old), rests_on_profile(new));
    let name = |base: &str, indicative: bool| match (indicative, was != is) {
        (true, _) => format!("{base} ({INDICATIVE})"),
        (false, true) => format!("{base} (exact)"),
        (false, false) => base.to_owned(),
    };
    let sentence = match (was, is) {
        (true, false) => Some(
            "The file's exit costs were indicative (holders costed from workforce profiles); this plan's are exact, from the named establishment: each difference is how far the estimate was out, with the plan's other changes."
                .to_owned(),
        ),
        (false, true) => Some(
            "This plan's exit costs are indicative (holders costed from workforce profiles); the file's were exact."
                .to_owned(),
        ),
        _ => None,
    };
    (name("The file", was), name("This plan", is), sentence)
}
