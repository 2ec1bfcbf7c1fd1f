//! The board pack as a PDF (krilla): a title page, the headline figures, every slide's chart (drawn
//! off screen at 2400 x 1350 and placed at the page's width) and the By function, By council and
//! By financial year tables, A4 landscape, with the protective marking at the top and the page
//! number, plan and date at the foot of every page.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider as _;

use super::offscreen::Offscreen;
use super::png::{ExportError, picture, today};
use crate::engine;
use crate::figures::charts::{Scenarios, Series};
use crate::figures::tables::{self, Cell, Options, Table};
use crate::model::{Chart, Plan, Scenario};

const REGULAR: &[u8] = crate::theme::FONT_REGULAR;
const BOLD: &[u8] = crate::theme::FONT_BOLD;

/// A4 landscape, in points.
const PAGE: (f32, f32) = (841.89, 595.28);
const MARGIN: f32 = 40.0;
/// The slides are drawn at this size and scaled to the page.
const SLIDE: [u32; 2] = [2400, 1350];

const INK: (u8, u8, u8) = (0x1F, 0x1F, 0x1F);
const MUTED: (u8, u8, u8) = (0x55, 0x55, 0x55);
const RULE: (u8, u8, u8) = (0xB0, 0xB8, 0xC4);
const BAND: (u8, u8, u8) = (0xDD, 0xE6, 0xF0);

/// A font for drawing and for measuring.
struct Face {
    font: Font,
    bytes: &'static [u8],
}

impl Face {
    fn new(bytes: &'static [u8]) -> Result<Self, ExportError> {
        let font = Font::new(bytes.to_vec().into(), 0).ok_or_else(|| {
            ExportError::Pdf("the board pack's font could not be read".to_owned())
        })?;
        Ok(Self { font, bytes })
    }

    /// The width of `text` at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        let Ok(font) = skrifa::FontRef::new(self.bytes) else {
            return text.chars().count() as f32 * size * 0.5;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(
            skrifa::instance::Size::new(size),
            skrifa::instance::LocationRef::default(),
        );
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .unwrap_or(size * 0.5)
            })
            .sum()
    }
}

/// What every page shows in its margins.
struct PageFrame {
    marking: String,
    foot: String,
}

/// A board pack made.
#[derive(Clone, Debug)]
pub struct Pack {
    /// The PDF.
    pub bytes: Vec<u8>,
    /// The title of each page.
    pub pages: Vec<String>,
    /// What an anonymised pack hid and why (none for a pack that is not anonymised).
    pub protection: Option<String>,
}

/// The board pack of `plan` in `scenario`.
pub fn board_pack(
    renderer: &mut Offscreen,
    plan: &Plan,
    scenario: &Scenario,
    options: Options,
) -> Result<Pack, ExportError> {
    let risk = engine::risk::for_papers(plan, scenario);
    board_pack_with(renderer, plan, scenario, options, risk.as_ref())
}

/// [`board_pack`] with the Monte Carlo run already made (`None`: none is shown).
pub fn board_pack_with(
    renderer: &mut Offscreen,
    plan: &Plan,
    scenario: &Scenario,
    options: Options,
    risk: Option<&engine::risk::Risk>,
) -> Result<Pack, ExportError> {
    let regular = Face::new(REGULAR)?;
    let bold = Face::new(BOLD)?;
    let o = engine::evaluate(plan, scenario);
    let made = today();
    let frame = PageFrame {
        marking: plan.protective_marking.clone(),
        foot: format!(
            "{} · {} scenario · {}",
            plan.name,
            o.scenario,
            made.strftime("%-d %B %Y")
        ),
    };
    // The slides, then the uncertainty's charts and the equality impact's where the slides do
    // not already show them.
    let mut slides = crate::figures::charts::shown_slides(plan);
    let mut series = Series::of(plan, &o);
    series.spread = risk.map(crate::figures::charts::Spread::of);
    let extra = [Chart::Fan, Chart::Tornado]
        .into_iter()
        .filter(|_| risk.is_some())
        .chain([Chart::Equality]);
    for chart in extra {
        if !slides.contains(&chart) {
            slides.push(chart);
        }
    }
    let scenarios = slides
        .contains(&Chart::Scenarios)
        .then(|| Scenarios::of(plan));
    let papers = tables::papers(plan, scenario, options, risk);
    let all = &papers.tables;
    let chosen: Vec<Table> = [
        "by-function",
        "by-council",
        "by-financial-year",
        "uncertainty",
        "equality",
    ]
    .iter()
    .filter_map(|key| all.iter().find(|t| t.key == *key))
    .map(every_pool)
    .flat_map(|t| pages_of(&t))
    .collect();

    let mut titles = vec!["Title".to_owned(), "Headline figures".to_owned()];
    // Each slide: the chart, or (anonymised) its figures as a table where the release hides
    // some of them, since a chart cannot draw what it may not show.
    let mut images = Vec::new();
    // (A chart the release did not protect is not drawn when anonymised.)
    slides.retain(|c| papers.may_draw(*c) || papers.withheld_chart(*c).is_some());
    for chart in &slides {
        let slide = match papers.withheld_chart(*chart) {
            Some(table) => Slide::Table(withheld_slide(*chart, table)),
            None => Slide::Picture(picture(
                renderer,
                *chart,
                &series,
                scenarios.as_ref(),
                SLIDE,
                true,
                Some(made),
            )?),
        };
        titles.push(chart.name().to_owned());
        images.push(slide);
    }
    titles.extend(chosen.iter().map(|t| t.title.clone()));
    // The open comments, when asked (never anonymised: the papers' options leave the table
    // out), as wrapped paragraphs: a comment may run to many lines.
    let comments = if all.iter().any(|t| t.key == "comments") {
        comment_pages(&regular, plan)
    } else {
        Vec::new()
    };
    titles.extend((0..comments.len()).map(|i| comment_title(i).to_owned()));
    let pages = titles.len();

    let mut document = Document::new();
    // A4's sides are positive, so this never falls back.
    let settings = || PageSettings::from_wh(PAGE.0, PAGE.1).unwrap_or_default();
    let mut number = 0;
    let mut page_with = |document: &mut Document, draw: &mut dyn FnMut(&mut Surface<'_>)| {
        number += 1;
        let mut page = document.start_page_with(settings());
        let mut surface = page.surface();
        draw(&mut surface);
        margins(&mut surface, &regular, &frame, number, pages);
        surface.finish();
        page.finish();
    };

    page_with(&mut document, &mut |s| {
        title_page(s, &regular, &bold, plan, &o, made, options.anonymised);
    });
    let summary = options.anonymised.then(|| &all[0]);
    page_with(&mut document, &mut |s| {
        headline_page(s, &regular, &bold, plan, &o, summary);
    });
    for (chart, slide) in slides.iter().zip(images) {
        let image = match slide {
            Slide::Picture(image) => image,
            Slide::Table(table) => {
                page_with(&mut document, &mut |s| {
                    heading(s, &bold, chart.name());
                    table_ui(s, &regular, &bold, &table);
                });
                continue;
            }
        };
        page_with(&mut document, &mut |s| {
            heading(s, &bold, chart.name());
            let width = PAGE.0 - 2.0 * MARGIN;
            let height = width * SLIDE[1] as f32 / SLIDE[0] as f32;
            let pixels =
                krilla::image::Image::from_rgba8(image.rgba.clone(), image.width, image.height);
            s.push_transform(&Transform::from_translate(MARGIN, 80.0));
            if let Some(size) = Size::from_wh(width, height) {
                s.draw_image(pixels, size);
            }
            s.pop();
        });
    }
    for table in &chosen {
        page_with(&mut document, &mut |s| {
            heading(s, &bold, &table.title);
            table_ui(s, &regular, &bold, table);
        });
    }
    for (i, lines) in comments.iter().enumerate() {
        page_with(&mut document, &mut |s| {
            heading(s, &bold, comment_title(i));
            comments_ui(s, &regular, &bold, lines);
        });
    }
    let bytes = document
        .finish()
        .map_err(|e| ExportError::Pdf(format!("{e:?}")))?;
    Ok(Pack {
        bytes,
        pages: titles,
        protection: tables::protection_note(all).map(str::to_owned),
    })
}

/// The height of a line of the comments appendix.
const COMMENT_LINE: f32 = 15.0;

/// The title of page `i` of the comments appendix.
fn comment_title(i: usize) -> &'static str {
    if i == 0 {
        "Open comments"
    } else {
        "Open comments (continued)"
    }
}

/// A page of the comments appendix: headings bold, replies indented and muted.
fn comments_ui(surface: &mut Surface<'_>, regular: &Face, bold: &Face, lines: &[CommentLine]) {
    let mut y = 92.0;
    for line in lines {
        let (face, colour) = if line.bold {
            (bold, INK)
        } else {
            (regular, if line.indent > 0.0 { MUTED } else { INK })
        };
        fill(surface, colour);
        if line.gap {
            y += 8.0;
        }
        text(surface, face, (MARGIN + line.indent, y), 11.0, &line.text);
        y += COMMENT_LINE;
    }
}

/// A line of the comments appendix.
struct CommentLine {
    text: String,
    bold: bool,
    /// Points from the margin (a reply's lines are indented).
    indent: f32,
    /// A little space before it (the first line of a comment).
    gap: bool,
}

/// The open comments laid out as lines, a page's worth at a time: each comment's heading (what
/// it is on, who wrote it and when), its text wrapped to the page, then each reply indented.
fn comment_pages(regular: &Face, plan: &Plan) -> Vec<Vec<CommentLine>> {
    let width = PAGE.0 - 2.0 * MARGIN;
    let per_page = ((PAGE.1 - 92.0 - 50.0) / COMMENT_LINE) as usize;
    let mut pages: Vec<Vec<CommentLine>> = vec![Vec::new()];
    for c in plan.comments.iter().filter(|c| c.resolved.is_none()) {
        let on = match &c.topic {
            crate::model::Topic::Plan => "the plan".to_owned(),
            topic => format!("{} {}", topic.kind(), topic.key()),
        };
        let mut lines = vec![CommentLine {
            text: format!(
                "On {on}: {}, {} ({})",
                c.author,
                c.written.strftime("%-d %B %Y"),
                c.id
            ),
            bold: true,
            indent: 0.0,
            gap: true,
        }];
        lines.extend(
            wrap(regular, &c.text, 11.0, width)
                .into_iter()
                .map(|text| CommentLine {
                    text,
                    bold: false,
                    indent: 0.0,
                    gap: false,
                }),
        );
        for r in &c.replies {
            let reply = format!(
                "{}, {}: {}",
                r.author,
                r.written.strftime("%-d %B %Y"),
                r.text
            );
            lines.extend(
                wrap(regular, &reply, 11.0, width - 24.0)
                    .into_iter()
                    .map(|text| CommentLine {
                        text,
                        bold: false,
                        indent: 24.0,
                        gap: false,
                    }),
            );
        }
        // A comment starts on a new page rather than splitting from its heading, unless it
        // would not fit on a page of its own.
        let used = pages.last().map_or(0, Vec::len);
        if used > 0 && used + lines.len() > per_page && lines.len() <= per_page {
            pages.push(Vec::new());
        }
        for line in lines {
            if pages.last().is_some_and(|p| p.len() >= per_page) {
                pages.push(Vec::new());
            }
            if let Some(page) = pages.last_mut() {
                page.push(line);
            }
        }
    }
    pages.retain(|p| !p.is_empty());
    pages
}

/// A slide of the pack: a chart drawn, or its figures as a table.
enum Slide {
    Picture(crate::export::offscreen::Image),
    Table(Table),
}

/// A chart an anonymised release cannot draw whole, as its protected table: its headline (or
/// that it is not shown) and why it is a table.
fn withheld_slide(chart: Chart, table: &Table) -> Table {
    let mut t = table.clone();
    t.title = chart.name().to_owned();
    // The first note is the chart's headline, where it is shown.
    if let Some(first) = t.notes.first_mut()
        && first != crate::figures::disclosure::NOTE_WITHHELD
    {
        *first = format!("Headline: {first}");
    }
    t.notes.push(
        "Shown as a table, not drawn: some of its figures describe fewer than 5 people or would give such a figure away, and a chart cannot leave them out (see the Summary's note)."
            .to_owned(),
    );
    t
}

/// The equality impact for every pool together (the workbook has each pool's too); other
/// tables as they are.
fn every_pool(table: &Table) -> Table {
    let mut t = table.clone();
    if t.key == "equality" {
        t.rows
            .retain(|row| matches!(row.first(), Some(Cell::Text(p)) if p == "All pools"));
        // The pool column says the same on every row.
        for row in &mut t.rows {
            row.remove(0);
        }
        t.headings.remove(0);
    }
    t
}

/// The rows a table page holds: from under the page's heading to above its footer, leaving room
/// for a three-line heading row and the notes, at the largest type (9 pt; smaller type fits more).
const ROWS_PER_PAGE: usize = 28;

/// A table in pages of at most [`ROWS_PER_PAGE`] rows (20 councils make 64 rows by financial
/// year): each page repeats the headings, the title says "(continued)", and the totals and notes
/// go on the last.
fn pages_of(table: &Table) -> Vec<Table> {
    let chunks: Vec<&[Vec<Cell>]> = table.rows.chunks(ROWS_PER_PAGE).collect();
    if chunks.len() <= 1 {
        return vec![table.clone()];
    }
    let last = chunks.len() - 1;
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, rows)| Table {
            title: if i == 0 {
                table.title.clone()
            } else {
                format!("{} (continued)", table.title)
            },
            rows: rows.to_vec(),
            total: if i == last { table.total.clone() } else { None },
            notes: if i == last {
                table.notes.clone()
            } else {
                Vec::new()
            },
            ..table.clone()
        })
        .collect()
}

fn fill(surface: &mut Surface<'_>, (r, g, b): (u8, u8, u8)) {
    surface.set_fill(Some(Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: krilla::paint::FillRule::default(),
    }));
}

fn text(surface: &mut Surface<'_>, face: &Face, at: (f32, f32), size: f32, words: &str) {
    surface.draw_text(
        Point::from_xy(at.0, at.1),
        face.font.clone(),
        size,
        words,
        false,
        TextDirection::Auto,
    );
}

fn rect(surface: &mut Surface<'_>, x: f32, y: f32, w: f32, h: f32, colour: (u8, u8, u8)) {
    let Some(r) = Rect::from_xywh(x, y, w, h) else {
        return;
    };
    let mut pb = PathBuilder::new();
    pb.push_rect(r);
    if let Some(path) = pb.finish() {
        fill(surface, colour);
        surface.draw_path(&path);
    }
}

/// Words broken into lines no wider than `width`.
fn wrap(face: &Face, words: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in words.split_whitespace() {
        let tried = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if face.width(&tried, size) > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
        } else {
            line = tried;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn margins(surface: &mut Surface<'_>, face: &Face, frame: &PageFrame, number: usize, pages: usize) {
    fill(surface, MUTED);
    let w = face.width(&frame.marking, 9.0);
    text(
        surface,
        face,
        ((PAGE.0 - w) / 2.0, 24.0),
        9.0,
        &frame.marking,
    );
    let foot = PAGE.1 - 18.0;
    text(
        surface,
        face,
        (MARGIN, foot),
        8.0,
        &format!("Page {number} of {pages}"),
    );
    let w = face.width(&frame.marking, 8.0);
    text(
        surface,
        face,
        ((PAGE.0 - w) / 2.0, foot),
        8.0,
        &frame.marking,
    );
    let w = face.width(&frame.foot, 8.0);
    text(surface, face, (PAGE.0 - MARGIN - w, foot), 8.0, &frame.foot);
}

fn heading(surface: &mut Surface<'_>, bold: &Face, words: &str) {
    fill(surface, INK);
    text(surface, bold, (MARGIN, 62.0), 20.0, words);
}

fn title_page(
    surface: &mut Surface<'_>,
    regular: &Face,
    bold: &Face,
    plan: &Plan,
    o: &engine::Outcome,
    made: jiff::civil::Date,
    anonymised: bool,
) {
    rect(surface, 0.0, 150.0, PAGE.0, 6.0, (0x00, 0x72, 0xB2));
    fill(surface, INK);
    let width = PAGE.0 - 2.0 * MARGIN;
    let mut y = 210.0;
    for line in wrap(bold, &plan.name, 30.0, width) {
        text(surface, bold, (MARGIN, y), 30.0, &line);
        y += 38.0;
    }
    fill(surface, MUTED);
    text(surface, regular, (MARGIN, y + 6.0), 18.0, "Board pack");
    y += 44.0;
    for line in [
        format!("Scenario: {}", o.scenario),
        match o.waves.as_slice() {
            [first, .., last] => format!(
                "Consultation from {}; the single service in {} waves, from {} to {}",
                first.consultation_start.strftime("%-d %B %Y"),
                o.waves.len(),
                first.go_live.strftime("%-d %B %Y"),
                last.go_live.strftime("%-d %B %Y")
            ),
            _ => format!(
                "Consultation from {}; the single service from {}",
                o.consultation_start.strftime("%-d %B %Y"),
                o.go_live.strftime("%-d %B %Y")
            ),
        },
        format!("Prepared {}", made.strftime("%-d %B %Y")),
        plan.protective_marking.clone(),
    ] {
        text(surface, regular, (MARGIN, y), 13.0, &line);
        y += 20.0;
    }
    y += 12.0;
    fill(surface, INK);
    for line in wrap(regular, &plan.description, 11.0, width) {
        text(surface, regular, (MARGIN, y), 11.0, &line);
        y += 15.0;
    }
    // Who signed which version, and whether the plan has changed since (docs/collaboration.md).
    let signed = crate::document::review::lines(plan, !anonymised);
    if !signed.is_empty() {
        y += 12.0;
        text(surface, bold, (MARGIN, y), 11.0, "Sign-off");
        y += 16.0;
        for line in signed.iter().flat_map(|l| wrap(regular, l, 11.0, width)) {
            text(surface, regular, (MARGIN, y), 11.0, &line);
            y += 15.0;
        }
    }
}

fn headline_page(
    surface: &mut Surface<'_>,
    regular: &Face,
    bold: &Face,
    plan: &crate::model::Plan,
    o: &engine::Outcome,
    summary: Option<&Table>,
) {
    heading(surface, bold, "Headline figures");
    let (figures, lines) = headline_words(plan, o, summary);
    let column = (PAGE.0 - 2.0 * MARGIN) / 3.0;
    for (i, (label, value)) in figures.iter().enumerate() {
        let x = MARGIN + column * (i % 3) as f32;
        let y = 130.0 + 110.0 * (i / 3) as f32;
        fill(surface, MUTED);
        text(surface, regular, (x, y), 13.0, label);
        fill(surface, INK);
        text(surface, bold, (x, y + 44.0), 36.0, value);
    }
    let mut y = 380.0;
    for line in lines {
        for part in wrap(regular, &line, 11.0, PAGE.0 - 2.0 * MARGIN) {
            text(surface, regular, (MARGIN, y), 11.0, &part);
            y += 15.0;
        }
        y += 6.0;
    }
}

/// The headline page's words: six figures in large type, then the sentences under them. FTE
/// as people read it (never "-0.0"). With an anonymised release's `summary`, a figure it hides
/// says so, and a sentence that would give one away is left out.
fn headline_words(
    plan: &crate::model::Plan,
    o: &engine::Outcome,
    summary: Option<&Table>,
) -> (Vec<(String, String)>, Vec<String>) {
    use crate::format::fte;
    // What the summary shows for its row `label` where it hides it.
    let hidden = |label: &str| {
        summary?
            .rows
            .iter()
            .find(|r| matches!(r.first(), Some(Cell::Text(l)) if l == label))
            .and_then(|r| r.get(1))
            .filter(|c| matches!(c, Cell::Suppressed | Cell::Withheld))
            .map(Cell::shown)
    };
    let or_hidden = |label: &str, shown: String| hidden(label).unwrap_or(shown);
    let t = &o.totals;
    let figures = vec![
        ("FTE today", or_hidden("FTE today", fte(t.flows.current()))),
        if t.short_of_target() {
            (
                "FTE after (short of target)",
                or_hidden(
                    "FTE reached",
                    format!(
                        "{} ({} over)",
                        fte(t.fte_reached()),
                        fte(t.flows.over_target)
                    ),
                ),
            )
        } else {
            ("Target FTE", or_hidden("Target FTE", fte(t.target_fte)))
        },
        (
            "Recurring saving a year",
            or_hidden("Recurring saving, a year", t.recurring_saving.compact()),
        ),
        (
            "One-off cost",
            or_hidden("One-off cost", t.one_off_cost.compact()),
        ),
        (
            "Payback",
            or_hidden(
                "Payback, years",
                t.payback_years
                    .map_or_else(|| "none".to_owned(), |y| format!("{y:.1} years")),
            ),
        ),
        (
            "Net positive in",
            or_hidden(
                "Net positive in",
                t.payback_year
                    .map_or_else(|| "not in horizon".to_owned(), |y| y.to_string()),
            ),
        ),
    ];
    // A one-off cost that rests on workforce profiles says so beside it.
    let figures: Vec<(String, String)> = figures
        .into_iter()
        .map(|(label, value)| {
            let label = if label == "One-off cost" {
                crate::figures::words::marked(plan, label)
            } else {
                label.to_owned()
            };
            (label, value)
        })
        .collect();
    let f = &t.flows;
    let mut lines = Vec::new();
    let flows = [
        "FTE today",
        "Vacancies deleted, FTE",
        "Voluntary redundancy, FTE",
        "Redeployed, FTE",
        "Compulsory redundancy, FTE",
        "New posts, FTE",
    ];
    if flows.iter().all(|l| hidden(l).is_none()) {
        lines.push(format!(
            "Of the {} FTE today, {} are vacancies deleted, {} leave by voluntary redundancy, {} are redeployed and {} are expected to leave by compulsory redundancy; {} FTE of new posts are created.",
            fte(f.current()),
            fte(f.vacancies_deleted),
            fte(f.voluntary),
            fte(f.redeployed_out),
            fte(f.compulsory),
            fte(t.new_posts)
        ));
    }
    let money = ["Cost today, a year", "Target cost, a year", "One-off cost"];
    if money.iter().all(|l| hidden(l).is_none()) {
        lines.push(format!(
            "Today's cost {} a year; the target structure {} a year; the one-off cost {} in full.",
            t.baseline_cost.full(),
            t.target_cost.full(),
            t.one_off_cost.full()
        ));
    }
    lines.push(o.assumptions.split_sentence());
    lines.push(o.assumptions.protection_sentence().to_owned());
    lines.extend(crate::figures::words::profile_note(plan));
    if summary.is_some() {
        lines.push(
            "Anonymised: a figure that describes fewer than 5 people, or would give one away, says \"fewer than 5\" or \"not shown\"; the Summary's note says how many."
                .to_owned(),
        );
    }
    (figures, lines)
}

/// A table in the page's width: headings wrapped on a band, numbers right-aligned, the totals
/// row in bold, the notes under it; the type shrinks (to 6 pt) until the table fits.
fn table_ui(surface: &mut Surface<'_>, regular: &Face, bold: &Face, table: &Table) {
    let available = PAGE.0 - 2.0 * MARGIN;
    let rows: Vec<(Vec<String>, bool)> = table
        .rows
        .iter()
        .map(|r| (r.iter().map(Cell::shown).collect(), false))
        .chain(
            table
                .total
                .iter()
                .map(|r| (r.iter().map(Cell::shown).collect(), true)),
        )
        .collect();
    let numeric: Vec<bool> = (0..table.headings.len())
        .map(|c| {
            table.rows.iter().any(|r| {
                r.get(c)
                    .is_some_and(|cell| !matches!(cell, Cell::Text(_) | Cell::Empty))
            })
        })
        .collect();
    let mut size = 9.0;
    let widths = loop {
        let pad = size * 0.8;
        let widths: Vec<f32> = (0..table.headings.len())
            .map(|c| {
                let cells = rows
                    .iter()
                    .filter_map(|(r, total)| {
                        r.get(c).map(|t| {
                            if *total {
                                bold.width(t, size)
                            } else {
                                regular.width(t, size)
                            }
                        })
                    })
                    .fold(0.0f32, f32::max);
                let longest_word = table.headings[c]
                    .split_whitespace()
                    .map(|w| bold.width(w, size))
                    .fold(0.0f32, f32::max);
                cells.max(longest_word) + 2.0 * pad
            })
            .collect();
        if widths.iter().sum::<f32>() <= available || size <= 6.0 {
            break widths;
        }
        size -= 0.5;
    };
    let pad = size * 0.8;
    let line = size * 1.35;
    let heading_lines: Vec<Vec<String>> = table
        .headings
        .iter()
        .zip(&widths)
        .map(|(h, w)| wrap(bold, h, size, w - 2.0 * pad))
        .collect();
    let head_height = line * heading_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 + pad;
    let mut y = 84.0;
    let total_width: f32 = widths.iter().sum();
    rect(surface, MARGIN, y, total_width, head_height, BAND);
    fill(surface, INK);
    let mut x = MARGIN;
    for (c, lines) in heading_lines.iter().enumerate() {
        for (i, words) in lines.iter().enumerate() {
            let w = bold.width(words, size);
            let left = if numeric[c] {
                x + widths[c] - pad - w
            } else {
                x + pad
            };
            text(
                surface,
                bold,
                (left, y + line * (i as f32 + 1.0)),
                size,
                words,
            );
        }
        x += widths[c];
    }
    y += head_height;
    for (cells, total) in &rows {
        if *total {
            rect(surface, MARGIN, y, total_width, 0.8, RULE);
        }
        let face = if *total { bold } else { regular };
        fill(surface, INK);
        let mut x = MARGIN;
        for (c, words) in cells.iter().enumerate() {
            let w = face.width(words, size);
            let left = if numeric[c] {
                x + widths[c] - pad - w
            } else {
                x + pad
            };
            text(surface, face, (left, y + line - size * 0.3), size, words);
            x += widths.get(c).copied().unwrap_or(0.0);
        }
        y += line;
        if !*total {
            rect(surface, MARGIN, y - 0.2, total_width, 0.4, RULE);
        }
    }
    y += line;
    fill(surface, MUTED);
    for note in &table.notes {
        for part in wrap(regular, note, 8.0, available) {
            text(surface, regular, (MARGIN, y), 8.0, &part);
            y += 11.0;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_plan_with_nothing_in_it_shows_no_minus_zero() {
        let plan = crate::model::Plan::new(
            "Not started",
            crate::model::Programme {
                consultation_start: jiff::civil::date(2026, 10, 1),
                go_live: jiff::civil::date(2027, 4, 1),
            },
        );
        let o = crate::engine::evaluate_base(&plan);
        let (figures, lines) = super::headline_words(&plan, &o, None);
        for (label, value) in &figures {
            assert!(!value.contains("-0.0"), "{label}: {value}");
        }
        assert_eq!(figures[1], ("Target FTE".to_owned(), "0.0".to_owned()));
        for line in &lines {
            assert!(!line.contains("-0.0"), "{line}");
        }
    }

    /// An anonymised pack's headline page says what the Summary hides, and leaves out the
    /// sentence that would give it.
    #[test]
    fn an_anonymised_headline_page_hides_what_the_summary_hides() {
        use crate::figures::tables::{self, Cell, Options};
        let mut found = 0;
        for seed in 0..6 {
            let plan = crate::example::reorganisation(2, 14, seed);
            let scenario = plan.scenario(crate::model::Scenario::BASE).unwrap();
            let o = crate::engine::evaluate(&plan, &scenario);
            let options = Options {
                anonymised: true,
                leavers: false,
                comments: false,
            };
            let papers = tables::papers(&plan, &scenario, options, None);
            let summary = &papers.tables[0];
            let hides = |label: &str| {
                summary.rows.iter().any(|r| {
                    matches!(&r[0], Cell::Text(l) if l == label)
                        && matches!(r[1], Cell::Suppressed | Cell::Withheld)
                })
            };
            let (figures, lines) = super::headline_words(&plan, &o, Some(summary));
            if hides("Voluntary redundancy, FTE") {
                found += 1;
                assert!(
                    lines.iter().all(|l| !l.contains("voluntary redundancy")),
                    "seed {seed}: {lines:?}"
                );
            }
            if hides("One-off cost") {
                let one_off = figures.iter().find(|(l, _)| *l == "One-off cost").unwrap();
                assert!(matches!(one_off.1.as_str(), "not shown"), "{one_off:?}");
            }
            assert!(lines.iter().any(|l| l.starts_with("Anonymised:")));
        }
        assert!(found > 0, "no plan hid a headline: the test proves nothing");
    }
}
