//! Charts and slides as PNG files: one chart cropped to itself and its title, or every slide of
//! the plan's presentation, drawn off screen in the projector theme at the size asked for.

use std::path::{Path, PathBuf};

use super::offscreen::{Image, Offscreen, RenderError};
use crate::charts::{self};
use crate::engine;
use crate::figures::charts::{Scenarios, Series};
use crate::model::{Chart, Plan, Scenario};
use crate::persist::plan_file::{self, FileError};
use crate::theme;

/// The default image size: a 1080p projector.
pub const DEFAULT_SIZE: [u32; 2] = [1920, 1080];

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Drawing failed or there is no renderer.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Writing a file failed.
    #[error(transparent)]
    File(#[from] FileError),
    /// The output folder could not be made.
    #[error("could not create the folder for the slides ({source}): {path}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The plan has no slides chosen.
    #[error(
        "the plan has no slides: choose them in the app (View > Choose slides…) and save the plan"
    )]
    NoSlides,
    /// The PDF could not be made.
    #[error("could not make the PDF: {0}")]
    Pdf(String),
}

/// Draws one chart as a picture: its title, its headline (on a slide) and the plot.
pub fn picture(
    renderer: &mut Offscreen,
    chart: Chart,
    series: &Series,
    scenarios: Option<&Scenarios>,
    size: [u32; 2],
    slide: bool,
    made: Option<jiff::civil::Date>,
) -> Result<Image, RenderError> {
    renderer.render(
        size,
        |ctx| {
            ctx.set_theme(egui::Theme::Light);
            ctx.all_styles_mut(theme::projector);
        },
        |ui| {
            ui.painter()
                .rect_filled(ui.max_rect(), 0.0, ui.visuals().panel_fill);
            charts::picture_ui(ui, chart, series, scenarios, slide, made);
        },
    )
}

/// Writes an image as a PNG file, atomically.
pub fn write_png(path: &Path, image: &Image) -> Result<(), ExportError> {
    let bytes = image.to_png()?;
    plan_file::write_atomic(path, &bytes)?;
    Ok(())
}

/// The file name of slide `index` (from 0): `01-overlap.png`.
pub fn slide_file_name(index: usize, chart: Chart) -> String {
    format!("{:02}-{}.png", index + 1, chart.slug())
}

/// Renders every slide of the plan's presentation into `dir` (made if missing) and returns the
/// files written, in order.
pub fn slides(
    renderer: &mut Offscreen,
    plan: &Plan,
    scenario: &Scenario,
    dir: &Path,
    size: [u32; 2],
) -> Result<Vec<PathBuf>, ExportError> {
    let risk = slides_risk(plan, scenario);
    slides_of(renderer, plan, scenario, dir, size, risk.as_ref(), None)
}

/// The Monte Carlo run the slides' fan and tornado draw, where the presentation shows them.
fn slides_risk(plan: &Plan, scenario: &Scenario) -> Option<engine::risk::Risk> {
    crate::figures::charts::shown_slides(plan)
        .iter()
        .any(|c| matches!(c, Chart::Fan | Chart::Tornado))
        .then(|| engine::risk::for_papers(plan, scenario))
        .flatten()
}

/// The slides of an anonymised release, as written.
#[derive(Clone, Debug)]
pub struct AnonymisedSlides {
    /// The files written, in order.
    pub files: Vec<PathBuf>,
    /// The charts left out: each would draw a figure the release hides.
    pub left_out: Vec<Chart>,
    /// What the release hid and why.
    pub protection: Option<String>,
}

/// The slides of an anonymised release (docs/disclosure.md): a chart whose figures the release
/// hides in part is not drawn (a chart cannot leave a bar out).
pub fn anonymised_slides(
    renderer: &mut Offscreen,
    plan: &Plan,
    scenario: &Scenario,
    dir: &Path,
    size: [u32; 2],
) -> Result<AnonymisedSlides, ExportError> {
    let options = crate::figures::tables::Options {
        anonymised: true,
        leavers: false,
        comments: false,
    };
    // The same Monte Carlo run for the release and the slides, so the fan and tornado drawn
    // are the ones protected.
    let risk = slides_risk(plan, scenario);
    let papers = crate::figures::tables::papers(plan, scenario, options, risk.as_ref());
    let left_out: Vec<Chart> = crate::figures::charts::shown_slides(plan)
        .into_iter()
        .filter(|c| !papers.may_draw(*c))
        .collect();
    let files = slides_of(
        renderer,
        plan,
        scenario,
        dir,
        size,
        risk.as_ref(),
        Some(&left_out),
    )?;
    let protection = crate::figures::tables::protection_note(&papers.tables).map(str::to_owned);
    Ok(AnonymisedSlides {
        files,
        left_out,
        protection,
    })
}

/// [`slides`], leaving out the charts in `left_out` (their numbers kept, so that the files
/// still sort in the presentation's order).
fn slides_of(
    renderer: &mut Offscreen,
    plan: &Plan,
    scenario: &Scenario,
    dir: &Path,
    size: [u32; 2],
    risk: Option<&engine::risk::Risk>,
    left_out: Option<&[Chart]>,
) -> Result<Vec<PathBuf>, ExportError> {
    let slides = crate::figures::charts::shown_slides(plan);
    if slides.is_empty() {
        return Err(ExportError::NoSlides);
    }
    let outcome = engine::evaluate(plan, scenario);
    let mut series = Series::of(plan, &outcome);
    series.spread = risk.map(crate::figures::charts::Spread::of);
    let scenarios = slides
        .contains(&Chart::Scenarios)
        .then(|| Scenarios::of(plan));
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Folder {
        path: dir.to_owned(),
        source,
    })?;
    let mut written = Vec::new();
    for (i, chart) in slides.iter().enumerate() {
        if left_out.is_some_and(|l| l.contains(chart)) {
            continue;
        }
        let image = picture(
            renderer,
            *chart,
            &series,
            scenarios.as_ref(),
            size,
            true,
            Some(today()),
        )?;
        let path = dir.join(slide_file_name(i, *chart));
        write_png(&path, &image)?;
        written.push(path);
    }
    Ok(written)
}

pub use crate::document::today;
