//! Merger Planner: parse the arguments, then open the window or run a headless command.

use std::process::ExitCode;

use merger_planner::cli::{self, Invocation};
use merger_planner::persist::plan_file;
use merger_planner::ui;

fn main() -> ExitCode {
    quiet_vulkan_device_select();
    merger_planner::started();
    // eframe's and wgpu's warnings and errors reach the terminal; RUST_LOG=info shows more.
    // (Not egui_wgpu's warning that the renderer is software: on a server exporting slides or a
    // pack, that is expected, and the export succeeded.)
    // Watched for the file chooser's errors, which the window then explains.
    let logger = env_logger::Builder::from_env(
        env_logger::Env::default().default_filter_or("warn,egui_wgpu=error"),
    )
    .build();
    let level = logger.filter();
    let _ = ui::files::ChooserWatch::install(logger, level);
    // Arguments as the system gives them: a path that is not UTF-8 still opens.
    let args = std::env::args_os().skip(1);
    match cli::run(args, &mut std::io::stdout(), &mut std::io::stderr()) {
        Invocation::Exit(code) => ExitCode::from(code),
        // A spreadsheet or CSV opens the app on a new plan with the import dialog on it.
        Invocation::Window(Some(path)) if ui::import_dialog::is_table_file(&path) => {
            window(ui::app::run_importing(path))
        }
        // A large plan: the window opens at once and shows the plan being read.
        Invocation::Window(Some(path))
            if std::fs::metadata(&path)
                .is_ok_and(|m| m.len() > ui::app::OPEN_IN_BACKGROUND_BYTES) =>
        {
            window(ui::app::run_opening(&path))
        }
        Invocation::Window(None) => window(ui::run(merger_planner::document::example_plan(), None)),
        // A plan that cannot be opened is said at once, before any window; one that can is opened
        // by the window as File > Open does (another copy holding it, fields left out).
        Invocation::Window(Some(path)) => match plan_file::open(&path) {
            Ok(_) => window(ui::app::run_opening(&path)),
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
    }
}

/// Mesa's Vulkan device-selection layer asks the Wayland compositor which GPU is the default
/// one, and libwayland prints "error: XDG_RUNTIME_DIR is invalid or not set in the environment"
/// where there is no desktop session (a server, a CI runner, ssh): an error line on an export
/// that succeeded. Without a runtime directory there is no compositor to ask, so the layer is
/// turned off there, as its manifest provides (`NODEVICE_SELECT=1`); Vulkan then takes its first
/// device, as it does without the layer.
fn quiet_vulkan_device_select() {
    let session =
        std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|dir| std::path::Path::new(&dir).is_dir());
    if !session && std::env::var_os("NODEVICE_SELECT").is_none() {
        // SAFETY: the first thing `main` does, before any thread is started, so nothing else
        // reads or writes the environment meanwhile.
        #[expect(unsafe_code, reason = "setting a variable before any thread starts")]
        unsafe {
            std::env::set_var("NODEVICE_SELECT", "1");
        }
    }
}

fn window(result: eframe::Result) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "error: could not open the window: {e}\n\
                 The window needs a desktop (X11 or Wayland) and a graphics driver: the GPU's own, or \
                 Mesa's, which draws in software where there is no GPU (Debian and Ubuntu: \
                 mesa-vulkan-drivers or libgl1-mesa-dri). To draw with OpenGL alone, start it as \
                 WGPU_BACKEND=gl merger-planner. The commands work without a window: merger-planner --help"
            );
            ExitCode::from(1)
        }
    }
}
