//! `merger-planner man` and `merger-planner completions`: the manual pages and shell completions
//! a package installs, generated from the command line's own definition (clap_mangen,
//! clap_complete), so they never fall behind it.

use std::io::Write;

use clap::Args;
use clap_complete::Shell;

use super::Failure;

#[derive(Args, Debug)]
pub(super) struct ManArgs {
    /// The command whose page to print (report, import, ...); the app's own page if none
    #[arg(value_name = "COMMAND", conflicts_with = "out")]
    command: Option<String>,
    /// Write every page (the app's and each command's) into this folder instead, as
    /// merger-planner.1 and merger-planner-COMMAND.1, replacing pages already there
    #[arg(long, value_name = "DIR")]
    out: Option<std::path::PathBuf>,
}

#[derive(Args, Debug)]
pub(super) struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish
    #[arg(value_name = "SHELL", value_enum)]
    shell: Shell,
}

/// Prints the manual page (roff) of the app or of one of its commands, or writes them all.
pub(super) fn man_cmd(args: &ManArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let app = super::command();
    if let Some(dir) = &args.out {
        if dir.exists() && !dir.is_dir() {
            return Err(Failure::Input(format!(
                "{} is a file, not a folder: give --out a folder for the pages",
                dir.display()
            )));
        }
        std::fs::create_dir_all(dir).map_err(|e| {
            Failure::Input(format!("could not make the folder {}: {e}", dir.display()))
        })?;
        let mut pages = vec![app.clone()];
        pages.extend(app.get_subcommands().map(|sub| page_of(&app, sub)));
        for page in pages {
            let path = dir.join(format!("{}.1", page.get_name()));
            crate::persist::plan_file::write_atomic(&path, &render(page)?)
                .map_err(|e| Failure::Input(e.to_string()))?;
            let _ = writeln!(out, "{}", path.display());
        }
        return Ok(0);
    }
    let page = match &args.command {
        None => app,
        Some(name) => {
            let Some(sub) = app.find_subcommand(name) else {
                let names: Vec<&str> = app.get_subcommands().map(clap::Command::get_name).collect();
                return Err(Failure::Usage(format!(
                    "no command is called '{name}': the commands are {}",
                    names.join(", ")
                )));
            };
            page_of(&app, sub)
        }
    };
    print(out, &render(page)?, "the manual page")
}

/// A command's page, named as it is typed: merger-planner-report(1).
fn page_of(app: &clap::Command, sub: &clap::Command) -> clap::Command {
    sub.clone()
        .name(format!("merger-planner-{}", sub.get_name()))
        .version(app.get_version().unwrap_or_default().to_owned())
}

/// A page in roff.
fn render(page: clap::Command) -> Result<Vec<u8>, Failure> {
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .source(format!("Merger Planner {}", env!("CARGO_PKG_VERSION")))
        .manual("Merger Planner")
        .render(&mut roff)
        .map_err(|e| Failure::Input(format!("could not write the manual page: {e}")))?;
    Ok(roff)
}

/// Prints the completion script for a shell.
pub(super) fn completions_cmd(args: &CompletionsArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let mut app = super::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut app, "merger-planner", &mut script);
    print(out, &script, "the completions")
}

/// Writes `bytes` to standard output. A reader that stops early (`| head`) is not an error, as
/// with any command-line tool; anything else is said.
fn print(out: &mut dyn Write, bytes: &[u8], what: &str) -> Result<u8, Failure> {
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::Input(format!("could not write {what}: {e}")))
        }
        _ => Ok(0),
    }
}
