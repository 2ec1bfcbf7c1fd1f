//! `example`: a synthetic plan of any size, for trying the app and for benches.

use super::{Failure, may_write_plan, number};
use crate::document::review::Signatures;
use crate::example;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub(super) struct ExampleArgs {
    /// Councils, 1 to 200
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    councils: String,
    /// Posts, 1 to 1,000,000
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    posts: String,
    /// The seed: the same seed gives the same plan
    #[arg(long, value_name = "S", allow_hyphen_values = true)]
    seed: Option<String>,
    /// The plan file to write
    #[arg(long, value_name = "PLAN.ron")]
    out: PathBuf,
    /// Replace --out if it exists (the old plan is kept as PLAN.ron.bak)
    #[arg(long)]
    force: bool,
}

pub(super) fn example_cmd(args: &ExampleArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let _lock = may_write_plan(&args.out, args.force, &[])?;
    let councils: usize =
        number("councils", Some(&args.councils), "a whole number")?.unwrap_or_default();
    let posts: usize = number("posts", Some(&args.posts), "a whole number")?.unwrap_or_default();
    let seed: u64 = number("seed", args.seed.as_deref(), "a whole number")?.unwrap_or(1);
    if !(1..=200).contains(&councils) {
        return Err(Failure::Input(format!(
            "--councils {councils} must be from 1 to 200"
        )));
    }
    if !(1..=1_000_000).contains(&posts) {
        return Err(Failure::Input(format!(
            "--posts {posts} must be from 1 to 1,000,000"
        )));
    }
    let plan = example::reorganisation(councils, posts, seed);
    super::write_plan(&args.out, &plan, &Signatures::default())?;
    let _ = writeln!(
        out,
        "Wrote {}: {}, {} (seed {seed})",
        args.out.display(),
        crate::format::plural(plan.councils.len(), "council"),
        crate::format::plural(plan.posts.len(), "post")
    );
    Ok(0)
}
