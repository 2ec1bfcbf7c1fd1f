//! The timetable: each council's consultation, notice and exits against go-live.

use super::{CouncilKey, Figures, councils};
use crate::engine::dates::add_days;
use crate::engine::{FlagKind, Outcome};
use crate::figures::tables::{Cell, Table};
use crate::figures::words::wave_functions;
use crate::model::Chart;
use crate::model::Plan;
use jiff::civil::Date;

/// A stretch of a council's timetable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Collective consultation.
    Consultation,
    /// Notice running.
    Notice,
    /// People leave.
    Exits,
}

impl Phase {
    /// As the legend says it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Consultation => "Consultation",
            Self::Notice => "Notice",
            Self::Exits => "Exits",
        }
    }
}

/// One bar of a council's lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// What it is.
    pub phase: Phase,
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
    /// It runs past go-live: drawn in the warning colour.
    pub misses: bool,
    /// What it is, in words, for the bar's hover: "notice may be given from 1 Nov 2017; the
    /// longest (12 weeks) is given by 7 Jan 2018 to end when people leave on 1 Apr 2018".
    pub note: String,
}

/// Consultation, notice and exits of one timetable, each against its own go-live.
pub(super) fn spans(t: &crate::engine::Timetable) -> Vec<Span> {
    let mut spans = vec![Span {
        phase: Phase::Consultation,
        from: t.consultation_start,
        to: t.notices_from,
        misses: t.notices_from > t.go_live,
        note: if t.consultation_days == 0 {
            format!(
                "no collective consultation owed (fewer than 20 proposed redundant within 90 days); {} to {}",
                long_date(t.consultation_start),
                long_date(t.notices_from)
            )
        } else {
            format!(
                "consultation {} to {} ({} days)",
                long_date(t.consultation_start),
                long_date(t.notices_from),
                t.consultation_days
            )
        },
    }];
    if let Some(last) = t.last_exit {
        // Notices may go when consultation ends and each leaver leaves on the later of go-live
        // and the end of their notice (docs/rules.md, exits): notice is timed to end when people
        // leave. The bar is the longest notice, ending on the last exit, so the notice and the
        // exits tell one story; it must be given by the bar's start. It misses go-live when,
        // given as soon as consultation ends, it cannot have run by go-live.
        let weeks = 7 * i64::from(t.longest_notice_weeks);
        let earliest_end = add_days(t.notices_from, weeks);
        let given_by = add_days(last, -weeks).max(t.notices_from);
        let first = t.first_exit.unwrap_or(last);
        let note = if given_by > t.notices_from {
            format!(
                "notice may be given from {}; the longest ({} weeks) is given by {} to end when people leave on {}",
                long_date(t.notices_from),
                t.longest_notice_weeks,
                long_date(given_by),
                long_date(last)
            )
        } else {
            format!(
                "notice given on {}; the longest ({} weeks) ends when people leave on {}",
                long_date(t.notices_from),
                t.longest_notice_weeks,
                long_date(last)
            )
        };
        spans.push(Span {
            phase: Phase::Notice,
            from: given_by,
            to: last.max(given_by),
            misses: earliest_end > t.go_live,
            note,
        });
        spans.push(Span {
            phase: Phase::Exits,
            from: first,
            to: last,
            misses: !t.meets_go_live,
            note: if first == last {
                format!("people leave on {}", long_date(last))
            } else {
                format!(
                    "people leave from {} to {}",
                    long_date(first),
                    long_date(last)
                )
            },
        });
    }
    spans
}

/// A council's lane of the timetable (one a wave when the functions go live in waves).
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// The council whose lane it is.
    pub council: CouncilKey,
    /// On the axis: the council's short name, and the wave's number when there are waves.
    pub label: String,
    /// Which wave, in words ("Wave 2: IT and Legal"), when there are waves.
    pub wave: Option<String>,
    /// The go-live it works to.
    pub go_live: Date,
    /// Its stretches, in order.
    pub spans: Vec<Span>,
    /// Form HR1 is due by this day.
    pub hr1_by: Date,
    /// Collective consultation is owed, so HR1 is too (drawn only then).
    pub hr1_needed: bool,
    /// Why it misses go-live (empty when it meets it).
    pub reason: String,
}

/// Consultation, HR1, notices and exits per council against go-live.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    /// One lane per council, top to bottom.
    pub lanes: Vec<Lane>,
    /// The day consultation starts.
    pub start: Date,
    /// Go-live (the programme's).
    pub go_live: Date,
    /// Each wave's go-live with its functions in words (one, unnamed, when they go live
    /// together).
    pub go_lives: Vec<(Date, String)>,
}

impl Timeline {
    /// Built from the outcome.
    pub fn of(plan: &Plan, o: &Outcome) -> Self {
        let keys = councils(plan, o);
        let phased = o.waves.len() > 1;
        let wave_names: Vec<String> = o.waves.iter().map(|w| wave_functions(plan, w)).collect();
        let mut lanes = Vec::new();
        for (i, (c, council)) in o.councils.iter().zip(keys).enumerate() {
            let reason = o
                .flags
                .iter()
                .filter(|f| {
                    f.council == Some(i)
                        && matches!(f.kind, FlagKind::TimetableMiss | FlagKind::DoubleRunning)
                })
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            for t in &c.waves {
                let w = t.wave.unwrap_or(0);
                let (label, wave) = if phased {
                    (
                        format!("{} · {}", council.short, w + 1),
                        Some(format!(
                            "Wave {}: {}",
                            w + 1,
                            wave_names.get(w).cloned().unwrap_or_default()
                        )),
                    )
                } else {
                    (council.short.clone(), None)
                };
                lanes.push(Lane {
                    council: council.clone(),
                    label,
                    wave,
                    go_live: t.go_live,
                    spans: spans(t),
                    hr1_by: t.hr1_by,
                    hr1_needed: t.consultation_days > 0,
                    reason: reason.clone(),
                });
            }
        }
        Self {
            lanes,
            start: o
                .waves
                .iter()
                .map(|w| w.consultation_start)
                .min()
                .unwrap_or(o.consultation_start),
            go_live: o.go_live,
            go_lives: o
                .waves
                .iter()
                .zip(wave_names)
                .map(|(w, names)| (w.go_live, if phased { names } else { String::new() }))
                .collect(),
        }
    }

    /// The phases drawn, in order, for the legend: a plan with nobody leaving has no notice or
    /// exits to name.
    pub fn phases_drawn(&self) -> Vec<Phase> {
        [Phase::Consultation, Phase::Notice, Phase::Exits]
            .into_iter()
            .filter(|p| {
                self.lanes
                    .iter()
                    .any(|l| l.spans.iter().any(|s| s.phase == *p))
            })
            .collect()
    }

    /// True when some lane draws the day HR1 is due (collective consultation is owed).
    pub fn hr1_drawn(&self) -> bool {
        self.lanes.iter().any(|l| l.hr1_needed)
    }

    /// How many councils miss go-live.
    pub fn misses(&self) -> usize {
        let mut missing: Vec<&str> = self
            .lanes
            .iter()
            .filter(|l| l.spans.iter().any(|s| s.misses))
            .map(|l| l.council.name.as_str())
            .collect();
        missing.dedup();
        missing.len()
    }

    /// "go-live on 1 Apr 2026", or each wave's go-live when the functions go live in waves.
    pub(super) fn go_live_words(&self) -> String {
        match self.go_lives.as_slice() {
            [first, .., last] => format!(
                "each wave's go-live ({} to {})",
                long_date(first.0),
                long_date(last.0)
            ),
            _ => format!("go-live on {}", long_date(self.go_live)),
        }
    }
}

impl Figures for Timeline {
    /// Nothing to draw.
    fn is_empty(&self) -> bool {
        self.lanes.is_empty()
    }

    /// Whether every council meets go-live.
    fn headline(&self) -> String {
        let go_live = self.go_live_words();
        match self.misses() {
            0 => format!("Every council meets {go_live}"),
            1 => format!("1 council misses {go_live}"),
            n => format!("{n} councils miss {go_live}"),
        }
    }

    /// The figures.
    fn table(&self) -> Table {
        let span = |l: &Lane, p: Phase| {
            l.spans
                .iter()
                .find(|s| s.phase == p)
                .map_or_else(|| "none".to_owned(), |s| format!("{} to {}", s.from, s.to))
        };
        let phased = self.go_lives.len() > 1;
        let mut columns = vec!["Council"];
        if phased {
            columns.extend(["Wave", "Go-live"]);
        }
        columns.extend(["Consultation", "HR1 by", "Notice", "Exits", "Meets go-live"]);
        Table::of_chart(
            Chart::Timetable,
            columns.into_iter().map(str::to_owned).collect(),
            self.lanes
                .iter()
                .map(|l| {
                    let mut row = vec![Cell::Text(l.council.name.clone())];
                    if phased {
                        row.push(l.wave.clone().unwrap_or_default().into());
                        row.push(l.go_live.to_string().into());
                    }
                    row.extend([
                        span(l, Phase::Consultation).into(),
                        l.hr1_by.to_string().into(),
                        span(l, Phase::Notice).into(),
                        span(l, Phase::Exits).into(),
                        Cell::from(
                            if l.spans.iter().any(|s| s.misses) {
                                "No"
                            } else {
                                "Yes"
                            }
                            .to_owned(),
                        ),
                    ]);
                    row
                })
                .collect(),
        )
    }

    /// Rows of bars down the side, for the height a chart needs.
    fn rows(&self) -> usize {
        self.lanes.len()
    }
}

/// "1 Apr 2028".
pub fn long_date(d: Date) -> String {
    d.strftime("%-d %b %Y").to_string()
}

/// "Apr".
pub fn month(d: Date) -> String {
    d.strftime("%b").to_string()
}
