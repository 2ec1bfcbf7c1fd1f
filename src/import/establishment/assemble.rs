//! The drafts into the plan: functions mapped, councils found, roles made, posts placed, and what changed since the last import.

use super::guess::{guess_function, short_name, title_key};
use super::read::Draft;
use super::{
    Change, Checked, CouncilSummary, FunctionGroup, Options, PREVIEW_ROWS, Placement, Problem,
    RoleGroup,
};
use crate::format::slug;
use crate::import::headings::{Field, Headings, Mapping};
use crate::model::{Colour, Council, Function, Money, Plan, Post, Role, TargetPay};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Maps each value of the function column (in order of first appearance, with how many rows
/// have it) to one of the plan's functions, adding new ones to `out`; returns value → function id.
pub(super) fn map_functions(
    values: impl Iterator<Item = String>,
    mapping: &Mapping,
    plan: &Plan,
    out: &mut Plan,
    groups: &mut Vec<FunctionGroup>,
) -> HashMap<String, String> {
    let mut counted: Vec<(String, usize)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for value in values {
        let i = *index.entry(value.clone()).or_insert_with(|| {
            counted.push((value, 0));
            counted.len() - 1
        });
        counted[i].1 += 1;
    }
    let mut ids = HashMap::new();
    for (value, rows) in counted {
        let (name, why) = match mapping.functions.get(&value) {
            Some(name) => (name.clone(), "chosen".to_owned()),
            None if value.is_empty() => (
                guess_function("Other support", plan).0,
                "no function given: Other support until you choose".to_owned(),
            ),
            None => guess_function(&value, plan),
        };
        ids.insert(value.clone(), function_for(out, &name));
        groups.push(FunctionGroup {
            value,
            rows,
            function: name,
            why,
        });
    }
    ids
}

/// Matches an existing council by name, short name or id.
pub(super) fn find_council<'p>(plan: &'p Plan, name: &str) -> Option<&'p Council> {
    let wanted = name.trim();
    plan.councils.iter().find(|c| {
        c.name.eq_ignore_ascii_case(wanted)
            || c.short_name.eq_ignore_ascii_case(wanted)
            || c.id.eq_ignore_ascii_case(wanted)
            || c.id == slug(wanted)
    })
}

#[expect(
    clippy::too_many_lines,
    reason = "one pass over the rows, read in order; split further it would pass a dozen locals around"
)]
pub(super) fn assemble(
    checked: &mut Checked,
    drafts: Vec<Draft>,
    headings: &Headings,
    options: &Options,
    plan: &Plan,
) {
    let mapping = &options.mapping;
    let mut out = plan.clone();
    // Functions: each value of the function column, in order of first appearance.
    let function_of_value = map_functions(
        drafts.iter().map(|d| d.function_value.clone()),
        mapping,
        plan,
        &mut out,
        &mut checked.functions,
    );
    // Roles: titles that name the same job in a function are one role, unless renamed.
    let mut spellings: BTreeMap<(String, String), BTreeMap<String, usize>> = BTreeMap::new();
    for d in &drafts {
        let f = function_of_value[&d.function_value].clone();
        *spellings
            .entry((f, title_key(&d.role_value)))
            .or_default()
            .entry(d.role_value.trim().to_owned())
            .or_default() += 1;
    }
    let mut default_role: HashMap<(String, String), String> = HashMap::new();
    for ((f, key), titles) in &spellings {
        let existing = out
            .roles
            .iter()
            .find(|r| r.function == *f && title_key(&r.title) == *key)
            .map(|r| r.title.clone());
        let common = titles
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(t, _)| t.clone())
            .unwrap_or_default();
        default_role.insert((f.clone(), key.clone()), existing.unwrap_or(common));
    }
    let role_name = |f: &str, value: &str| -> String {
        mapping.roles.get(value.trim()).cloned().unwrap_or_else(|| {
            default_role
                .get(&(f.to_owned(), title_key(value)))
                .cloned()
                .unwrap_or_else(|| value.trim().to_owned())
        })
    };
    let mut role_groups: BTreeMap<(String, String), BTreeMap<String, usize>> = BTreeMap::new();
    let mut new_role_fte: HashMap<String, f64> = HashMap::new();
    // Councils.
    let mut council_ids: HashMap<String, String> = HashMap::new();
    let mut touched: Vec<CouncilSummary> = Vec::new();
    for d in &drafts {
        if council_ids.contains_key(&d.council) {
            continue;
        }
        let existing = find_council(&out, &d.council).map(|c| (c.id.clone(), c.name.clone()));
        let id = match (existing, options.placement) {
            (Some((_, name)), Placement::New) => {
                checked.block(
                    Some("Council"),
                    format!(
                        "{name} is already in the plan; {} (next month's extract) or {}",
                        options.words.replace(),
                        options.words.add()
                    ),
                );
                return;
            }
            (Some((id, name)), _) => {
                touched.push(CouncilSummary {
                    name,
                    new: false,
                    posts: 0,
                });
                id
            }
            (None, _) => {
                let id = unique(slug(&d.council), |id| out.council(id).is_some());
                let index = out.councils.len();
                out.councils.push(Council {
                    id: id.clone(),
                    name: d.council.trim().to_owned(),
                    short_name: short_name(&d.council),
                    colour: Colour::for_index(index),
                    scheme: options.defaults.scheme,
                    lgps_employer_rate: options.defaults.lgps_employer_rate,
                    min_service_for_vr_years: options.defaults.min_service_for_vr_years,
                    cost_share_weight: 1.0,
                    assumed: true,
                    recognised_unions: Vec::new(),
                    pay_point: crate::model::PayPoint::Midpoint,
                    workforce: crate::model::WorkforceProfile::default(),
                });
                touched.push(CouncilSummary {
                    name: d.council.trim().to_owned(),
                    new: true,
                    posts: 0,
                });
                id
            }
        };
        council_ids.insert(d.council.clone(), id);
    }
    let replaced: BTreeSet<String> = if options.placement == Placement::Replace {
        council_ids.values().cloned().collect()
    } else {
        BTreeSet::new()
    };
    // The posts each replaced council had, by id, to match the new extract against.
    let mut old_posts: HashMap<(String, String), Post> = HashMap::new();
    for p in &plan.posts {
        if replaced.contains(&p.council) {
            old_posts.insert((p.council.clone(), p.id.clone()), p.clone());
        }
    }
    // Every post id in the plan after the import, with its council.
    let mut taken: HashMap<String, String> = out
        .posts
        .iter()
        .filter(|p| !replaced.contains(&p.council))
        .map(|p| (p.id.clone(), p.council.clone()))
        .collect();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut posts = Vec::with_capacity(drafts.len());
    let mut id_problems = Vec::new();
    for d in drafts {
        let council = council_ids[&d.council].clone();
        let function = function_of_value[&d.function_value].clone();
        let role_title = role_name(&function, &d.role_value);
        role_groups
            .entry((function.clone(), role_title.clone()))
            .or_default()
            .entry(d.role_value.trim().to_owned())
            .and_modify(|n| *n += 1)
            .or_insert(1);
        let existing = out
            .roles
            .iter()
            .find(|r| r.function == function && r.title.eq_ignore_ascii_case(&role_title))
            .map(|r| r.id.clone());
        let role = existing.unwrap_or_else(|| {
            let id = unique(format!("{function}-{}", slug(&role_title)), |id| {
                out.role(id).is_some()
            });
            out.roles.push(Role {
                id: id.clone(),
                function: function.clone(),
                title: role_title.clone(),
                target_fte: 0.0,
                target_from_establishment: true,
                pay: TargetPay::Today,
            });
            new_role_fte.insert(id.clone(), 0.0);
            id
        });
        if let Some(total) = new_role_fte.get_mut(&role) {
            *total += d.post.fte;
        }
        let mut post = d.post;
        let generated = post.id.is_empty();
        if generated {
            post.id = format!("{}-R{}", council.to_uppercase(), d.row);
        }
        if let Some(first) = seen.insert(format!("{council}\u{0}{}", post.id), d.row) {
            id_problems.push(Problem {
                row: Some(d.row),
                column: headings
                    .column_of(Field::PostId)
                    .map(|i| headings.columns[i].heading.clone()),
                message: format!(
                    "post id '{}' is already on row {first}; give each post its own id",
                    post.id
                ),
            });
            continue;
        }
        let matched = old_posts
            .remove(&(council.clone(), post.id.clone()))
            .or_else(|| old_posts.remove(&(council.clone(), format!("{council}-{}", post.id))));
        if let Some(old) = &matched {
            post.id.clone_from(&old.id);
            keep_unmapped(&mut post, old, headings);
        } else if options.placement == Placement::Add
            && plan
                .posts
                .iter()
                .any(|p| p.council == council && p.id == post.id)
        {
            id_problems.push(Problem {
                row: Some(d.row),
                column: None,
                message: format!(
                    "post id '{}' is already in the plan for this council; {} to update it",
                    post.id,
                    options.words.replace()
                ),
            });
            continue;
        } else if taken.get(&post.id).is_some_and(|c| *c != council) {
            // Two councils' HR systems can number posts alike: keep both, told apart.
            post.id = format!("{council}-{}", post.id);
        }
        taken.insert(post.id.clone(), council.clone());
        post.council = council;
        post.function = function;
        post.role = role;
        if let Some(s) = touched
            .iter_mut()
            .find(|s| find_council(&out, &s.name).is_some_and(|c| c.id == post.council))
        {
            s.posts += 1;
        }
        if checked.preview.len() < PREVIEW_ROWS {
            checked.preview.push((d.row, post.clone()));
        }
        if let Some(old) = &matched {
            let fields = differences(old, &post, &out);
            if !fields.is_empty() {
                checked.changes.push(Change::Changed {
                    group: council_name(&out, &post.council),
                    noun: "post",
                    item: post.id.clone(),
                    fields,
                });
            }
        } else if !replaced.is_empty() && replaced.contains(&post.council) {
            checked.changes.push(Change::Added {
                group: council_name(&out, &post.council),
                noun: "post",
                item: post.id.clone(),
            });
        }
        posts.push(post);
    }
    for p in id_problems {
        if let Some(row) = p.row
            && !checked.bad_rows.contains(&row)
        {
            checked.bad_rows.push(row);
        }
        checked.problems.push(p);
    }
    let mut removed: Vec<&Post> = old_posts.values().collect();
    removed.sort_by(|a, b| a.id.cmp(&b.id));
    for p in removed {
        checked.changes.push(Change::Removed {
            group: council_name(&out, &p.council),
            noun: "post",
            item: p.id.clone(),
        });
    }
    checked.roles = role_groups
        .into_iter()
        .map(|((function, role), titles)| {
            let new = out
                .roles
                .iter()
                .find(|r| r.function == function && r.title == role)
                .is_some_and(|r| new_role_fte.contains_key(&r.id));
            RoleGroup {
                function: out
                    .function(&function)
                    .map_or(function.clone(), |f| f.name.clone()),
                role,
                titles: titles.into_iter().collect(),
                new,
            }
        })
        .collect();
    checked.imported = posts.len();
    checked.councils = touched;
    out.posts.retain(|p| !replaced.contains(&p.council));
    out.posts.extend(posts);
    drop_emptied_roles(&mut out, plan, &mut checked.notes);
    targets_from_establishment(&mut out, &mut checked.notes);
    pay_at_council_points(&mut out);
    checked.plan = out;
}

/// An import never designs the target structure: every role whose target nobody has set yet
/// (each role an import adds, and those earlier imports added) keeps today's FTE, all councils'
/// posts together, so the plan saves nothing until the director sets targets. To six places,
/// rounded up so that no one is at risk by a rounding (22.5 hours of 37 is 0.6081081… FTE, kept
/// as 0.608109), with float noise (0.1 + 0.2) not rounded up.
pub(super) fn targets_from_establishment(out: &mut Plan, notes: &mut Vec<String>) {
    let mut fte: HashMap<&str, f64> = HashMap::new();
    for p in &out.posts {
        *fte.entry(p.role.as_str()).or_default() += p.fte.max(0.0);
    }
    let fte: HashMap<String, f64> = fte.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    let mut any = false;
    for role in out.roles.iter_mut().filter(|r| r.target_from_establishment) {
        let today = fte.get(&role.id).copied().unwrap_or(0.0);
        role.target_fte = ((today * 1e6) - 1e-6).ceil().max(0.0) / 1e6;
        any = true;
    }
    if any {
        notes.push(
            "every role whose target is not yet set keeps today's FTE, so the plan saves nothing until targets are set (Structure, or Propose a target structure…)"
                .to_owned(),
        );
    }
}

/// Posts with a pay range are paid at their council's point on it (the midpoint unless the
/// council says otherwise).
pub(super) fn pay_at_council_points(out: &mut Plan) {
    let points: HashMap<String, crate::model::PayPoint> = out
        .councils
        .iter()
        .map(|c| (c.id.clone(), c.pay_point))
        .collect();
    for post in &mut out.posts {
        if let (Some(range), Some(point)) = (post.pay_range, points.get(&post.council)) {
            post.salary = point.pay(range);
        }
    }
}

/// A role whose last posts a re-import took away, with no salary set for it and no scenario
/// naming it, has nothing left to harmonise pay from: it leaves the target structure, with a
/// note (undo brings it back).
pub(super) fn drop_emptied_roles(out: &mut Plan, before: &Plan, notes: &mut Vec<String>) {
    let with_posts =
        |plan: &Plan| -> BTreeSet<String> { plan.posts.iter().map(|p| p.role.clone()).collect() };
    let (had, has) = (with_posts(before), with_posts(out));
    let named: BTreeSet<&String> = out
        .scenarios
        .iter()
        .flat_map(|s| s.target_overrides.keys())
        .collect();
    let emptied: Vec<Role> = out
        .roles
        .iter()
        .filter(|r| {
            had.contains(&r.id)
                && !has.contains(&r.id)
                && !matches!(r.pay, TargetPay::Salary(_))
                && !named.contains(&r.id)
        })
        .cloned()
        .collect();
    for role in &emptied {
        let function = out
            .function(&role.function)
            .map_or_else(|| role.function.clone(), |f| f.name.clone());
        notes.push(format!(
            "{} ({function}) has no posts left after the import and leaves the target structure",
            role.title
        ));
    }
    out.roles.retain(|r| !emptied.iter().any(|e| e.id == r.id));
}

/// `id`, or with "-2" added until `taken` says it is free.
pub(super) fn unique(mut id: String, taken: impl Fn(&str) -> bool) -> String {
    while taken(&id) {
        id.push_str("-2");
    }
    id
}

/// The id of the plan's function named `name`, adding the function if the plan has none.
pub(super) fn function_for(plan: &mut Plan, name: &str) -> String {
    if let Some(f) = plan
        .functions
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case(name))
    {
        return f.id.clone();
    }
    let id = unique(slug(name), |id| plan.function(id).is_some());
    plan.functions.push(Function {
        id: id.clone(),
        name: name.to_owned(),
        go_live: None,
    });
    id
}

pub(super) fn council_name(plan: &Plan, id: &str) -> String {
    plan.council(id)
        .map_or_else(|| id.to_owned(), |c| c.name.clone())
}

/// On a re-import, what the file does not say is kept from the post as it was: a monthly
/// extract has no VR interest or strain quotes, which were entered in the app.
pub(super) fn keep_unmapped(post: &mut Post, old: &Post, headings: &Headings) {
    let mapped = |f| headings.column_of(f).is_some();
    if !mapped(Field::Grade) {
        post.grade.clone_from(&old.grade);
    }
    if let (Some(new), Some(old)) = (&mut post.holder, &old.holder) {
        if !mapped(Field::Lgps) {
            new.lgps_member = old.lgps_member;
        }
        if !mapped(Field::Notice) {
            new.notice_weeks = old.notice_weeks;
        }
        if !mapped(Field::VrInterest) {
            new.vr_interest = old.vr_interest;
        }
        if !mapped(Field::Critical) {
            new.critical = old.critical;
        }
        if !mapped(Field::StrainQuote) {
            new.strain_quote = old.strain_quote;
        }
        if !mapped(Field::Sex) {
            new.monitoring.sex.clone_from(&old.monitoring.sex);
        }
        if !mapped(Field::Ethnicity) {
            new.monitoring
                .ethnicity
                .clone_from(&old.monitoring.ethnicity);
        }
        if !mapped(Field::Disability) {
            new.monitoring
                .disability
                .clone_from(&old.monitoring.disability);
        }
    }
}

/// Each field that differs between a post as it was and as imported: (field, old, new).
pub(super) fn differences(old: &Post, new: &Post, plan: &Plan) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut diff = |field: &str, a: String, b: String| {
        if a != b {
            out.push((field.to_owned(), a, b));
        }
    };
    let role = |id: &str| {
        plan.role(id)
            .map_or_else(|| id.to_owned(), |r| r.title.clone())
    };
    let function = |id: &str| {
        plan.function(id)
            .map_or_else(|| id.to_owned(), |f| f.name.clone())
    };
    diff("title", old.title.clone(), new.title.clone());
    diff("grade", old.grade.clone(), new.grade.clone());
    diff("function", function(&old.function), function(&new.function));
    diff("role", role(&old.role), role(&new.role));
    diff("FTE", format!("{}", old.fte), format!("{}", new.fte));
    diff("salary", old.salary.full(), new.salary.full());
    let status = |p: &Post| {
        if p.holder.is_some() {
            "filled"
        } else {
            "vacant"
        }
        .to_owned()
    };
    diff("status", status(old), status(new));
    if let (Some(a), Some(b)) = (&old.holder, &new.holder) {
        diff(
            "date of birth",
            a.date_of_birth.to_string(),
            b.date_of_birth.to_string(),
        );
        diff(
            "service start",
            a.service_start.to_string(),
            b.service_start.to_string(),
        );
        let yn = |b: bool| if b { "yes" } else { "no" }.to_owned();
        diff("LGPS member", yn(a.lgps_member), yn(b.lgps_member));
        diff(
            "notice weeks",
            a.notice_weeks.to_string(),
            b.notice_weeks.to_string(),
        );
        diff("VR interest", yn(a.vr_interest), yn(b.vr_interest));
        diff("critical", yn(a.critical), yn(b.critical));
        let quote = |m: Option<Money>| m.map_or_else(|| "none".to_owned(), Money::full);
        diff("strain quote", quote(a.strain_quote), quote(b.strain_quote));
        // Special category data: that it changed, never what it says.
        if a.monitoring != b.monitoring {
            out.push((
                "equality monitoring".to_owned(),
                "as recorded".to_owned(),
                "updated".to_owned(),
            ));
        }
    }
    out
}
