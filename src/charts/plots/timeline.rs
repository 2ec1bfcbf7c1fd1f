//! The timetable as lanes of dated bars against go-live.

use super::{Key, Look, axis_width, category_axis, category_marks, hover_name};
use crate::figures::charts::{Phase, Timeline, long_date, month};
use crate::theme;
use egui::{Align2, RichText, Ui};
use egui_plot::{
    AxisHints, Bar, BarChart, GridInput, GridMark, MarkerShape, PlotPoint, PlotPoints, Points,
    Text, VLine,
};
use jiff::civil::Date;

/// The first day a date axis counts from.
pub(super) const AXIS_EPOCH: Date = jiff::civil::date(1970, 1, 1);

/// A date as a position on a date axis: days since 1 January 1970.
pub(super) fn epoch_day(d: Date) -> f64 {
    AXIS_EPOCH
        .until(d)
        .map_or(0.0, |span| f64::from(span.get_days()))
}

/// The date at a position on a date axis, kept within the calendar.
pub(super) fn from_epoch_day(days: f64) -> Date {
    let days = days.round().clamp(-700_000.0, 2_900_000.0) as i64;
    AXIS_EPOCH
        .checked_add(jiff::Span::new().days(days))
        .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// Month marks for a date axis, every 1, 2, 3, 6 or 12 months so labels keep apart.
pub(super) fn month_marks(input: &GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    // base_step_size is the smallest step egui_plot would draw; labels need about 4 of them.
    let months = [1, 2, 3, 6, 12]
        .into_iter()
        .find(|m| f64::from(*m) * 30.4 >= input.base_step_size * 4.0)
        .unwrap_or(12);
    let mut d = from_epoch_day(lo.floor()).first_of_month();
    let mut marks = Vec::new();
    while epoch_day(d) <= hi && marks.len() < 400 {
        if (i32::from(d.month()) - 1) % months == 0 && epoch_day(d) >= lo {
            marks.push(GridMark {
                value: epoch_day(d),
                step_size: f64::from(months) * 30.4,
            });
        }
        // The calendar's last month has no month after it.
        let Ok(next) = d.checked_add(jiff::Span::new().months(1)) else {
            break;
        };
        d = next;
    }
    marks
}

/// Consultation, notice and exits per council, HR1 dates and the go-live line.
pub fn timeline_ui(ui: &mut Ui, t: &Timeline, look: Look) {
    let names: Vec<String> = t.lanes.iter().map(|l| l.label.clone()).collect();
    let day = epoch_day;
    let warning = look.palette.warning;
    let go_live_label = if t.go_lives.len() > 1 {
        "Each wave's go-live".to_owned()
    } else {
        format!("Go-live {}", long_date(t.go_live))
    };
    // The legend names only what is drawn.
    let mut keys: Vec<(Key, &str)> = t
        .phases_drawn()
        .into_iter()
        .map(|p| (Key::Bar(phase_colour(p, look.palette)), p.name()))
        .collect();
    if t.misses() > 0 {
        keys.push((Key::Bar(warning), "Misses go-live (hover for why)"));
    }
    if t.hr1_drawn() {
        keys.push((Key::Marker(look.palette.chart_text), "HR1 due"));
    }
    keys.push((Key::Line(look.palette.error), &go_live_label));
    let look = look.legend(ui, &keys);
    let mut charts = Vec::new();
    for phase in [
        crate::figures::charts::Phase::Consultation,
        crate::figures::charts::Phase::Notice,
        crate::figures::charts::Phase::Exits,
    ] {
        let colour = phase_colour(phase, look.palette);
        let bars: Vec<Bar> = t
            .lanes
            .iter()
            .enumerate()
            .flat_map(|(i, l)| {
                l.spans
                    .iter()
                    .filter(move |s| s.phase == phase)
                    .map(move |s| (i, l, s))
            })
            .map(|(i, l, s)| {
                let who = l.wave.as_ref().map_or_else(
                    || l.council.name.clone(),
                    |w| format!("{}, {w} (go-live {})", l.council.name, long_date(l.go_live)),
                );
                let mut name = format!("{who}: {}", s.note);
                if s.misses && !l.reason.is_empty() {
                    name = format!("{name}\nMisses go-live: {}", l.reason);
                }
                Bar::new(-(i as f64), (day(s.to) - day(s.from)).max(1.0))
                    .base_offset(day(s.from))
                    .width(0.5)
                    .fill(if s.misses { warning } else { colour })
                    .name(name)
            })
            .collect();
        charts.push(
            BarChart::new(phase.name(), bars)
                .horizontal()
                .color(colour)
                .element_formatter(hover_name()),
        );
    }
    let last = t
        .lanes
        .iter()
        .flat_map(|l| l.spans.iter().map(|s| s.to))
        .chain(t.go_lives.iter().map(|g| g.0))
        .chain([t.go_live])
        .max()
        .unwrap_or(t.go_live);
    let hr1: Vec<[f64; 2]> = t
        .lanes
        .iter()
        .enumerate()
        .filter(|(_, l)| l.hr1_needed)
        .map(|(i, l)| [day(l.hr1_by), -(i as f64) + 0.38])
        .collect();
    let go_lives: Vec<(Date, String)> = if t.go_lives.is_empty() {
        vec![(t.go_live, String::new())]
    } else {
        t.go_lives.clone()
    };
    let plot = look
        .plot()
        .custom_y_axes(vec![category_axis(&names, look)])
        .y_axis_min_width(axis_width(ui, &names, look))
        .custom_x_axes(vec![
            look.ticks(AxisHints::new_x())
                .label(look.text("Date"))
                .formatter(|mark, _| {
                    let d = from_epoch_day(mark.value);
                    format!("{} {}", month(d), d.year())
                }),
        ])
        .y_grid_spacer(category_marks(t.lanes.len()))
        .x_grid_spacer(|input| month_marks(&input))
        .include_y(0.7)
        .include_y(-(t.lanes.len().max(1) as f64) + 0.4)
        .include_x(day(t.start) - 7.0)
        .include_x(day(last) + ((day(last) - day(t.start)) * 0.08).max(14.0));
    plot.show(ui, |p| {
        for c in charts {
            p.bar_chart(c);
        }
        p.points(
            Points::new("HR1 due", PlotPoints::from(hr1))
                .shape(MarkerShape::Down)
                .radius(look.text_size() * 0.5)
                .filled(true)
                .color(look.palette.chart_text),
        );
        for (n, (go_live, functions)) in go_lives.into_iter().enumerate() {
            let name = if functions.is_empty() {
                format!("Go-live {}", long_date(go_live))
            } else {
                format!("Go-live {} ({functions})", long_date(go_live))
            };
            p.vline(
                VLine::new(name, day(go_live))
                    .color(look.palette.error)
                    .width(3.0),
            );
            // Each wave's line says which functions go live on it, above the lanes, ending at
            // the line (the months before a go-live are its own wave's).
            if !functions.is_empty() {
                p.text(
                    Text::new(
                        "",
                        PlotPoint::new(day(go_live), 0.55),
                        RichText::new(format!("Wave {}: {functions}  ", n + 1))
                            .size(look.text_size())
                            .color(look.palette.chart_text)
                            .background_color(look.palette.plot_background),
                    )
                    .anchor(Align2::RIGHT_CENTER)
                    .allow_hover(false),
                );
            }
        }
    });
}

/// A phase's colour on the chart's background.
fn phase_colour(phase: Phase, palette: theme::Palette) -> egui::Color32 {
    match phase {
        Phase::Consultation => palette.consultation,
        Phase::Notice => theme::phases::NOTICE,
        Phase::Exits => theme::phases::EXITS,
    }
}
