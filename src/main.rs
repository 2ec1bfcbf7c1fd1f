//! Merger Planner: parse the arguments, then open the window or run a headless command.

use std::process::ExitCode;

use merger_planner::cli::{self, Invocation};
use merger_planner::io::plan_file;
use merger_planner::ui;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cli::run(&args, &mut std::io::stdout(), &mut std::io::stderr()) {
        Invocation::Exit(code) => ExitCode::from(code),
        Invocation::Window(path) => {
            let plan = match &path {
                None => ui::app::example_plan(),
                Some(p) => match plan_file::open(p) {
                    Ok(plan) => plan,
                    Err(e) => {
                        eprintln!("error: {e}");
                        return ExitCode::from(1);
                    }
                },
            };
            match ui::run(plan, path) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: could not open the window: {e}");
                    ExitCode::from(1)
                }
            }
        }
    }
}
