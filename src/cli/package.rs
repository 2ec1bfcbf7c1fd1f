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
    #[arg(value_name = "COMMAND")]
    command: Option<String>,
}

#[derive(Args, Debug)]
pub(super) struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish
    #[arg(value_name = "SHELL", value_enum)]
    shell: Shell,
}

/// Prints the manual page (roff) of the app or of one of its commands.
pub(super) fn man_cmd(args: &ManArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let app = super::command();
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
            // The page is named after the command as it is typed: merger-planner-report(1).
            let full = format!("merger-planner-{}", sub.get_name());
            sub.clone()
                .name(full)
                .version(app.get_version().unwrap_or_default().to_owned())
        }
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .source(format!("Merger Planner {}", env!("CARGO_PKG_VERSION")))
        .manual("Merger Planner")
        .render(&mut roff)
        .map_err(|e| Failure::Input(format!("could not write the manual page: {e}")))?;
    out.write_all(&roff)
        .map_err(|e| Failure::Input(format!("could not write the manual page: {e}")))?;
    Ok(0)
}

/// Prints the completion script for a shell.
pub(super) fn completions_cmd(args: &CompletionsArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let mut app = super::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut app, "merger-planner", &mut script);
    out.write_all(&script)
        .map_err(|e| Failure::Input(format!("could not write the completions: {e}")))?;
    Ok(0)
}
