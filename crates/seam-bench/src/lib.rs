//! Benchmarks of seam-codegen and of the generated `seam` client.
//!
//! - [`pipeline`]: one measured generator run (stage times, peak memory), run by
//!   `cargo xtask bench` in a fresh process per measurement (the `seam-bench-codegen` binary,
//!   with the allocator `cargo xtask codegen` uses).
//! - [`fixtures`]: large list responses (devices, events, action attempts) made from the spec.
//! - [`runtime`]: decoding through the client's path next to serde_json's floors, request
//!   encoding, requests per second against [`server::FixedServer`].
//! - [`measure`]: median timing and peak memory helpers for the summary tables.
//!
//! The divan suites (`cargo bench -p seam-bench`) measure the same functions with statistics.

pub mod fixtures;
pub mod measure;
pub mod pipeline;
pub mod runtime;
pub mod server;

use std::path::PathBuf;

/// Runs `run` on the command-line arguments (without the program name); an error is printed
/// with its causes and makes the exit code a failure.
pub fn main_with(run: fn(&[String]) -> anyhow::Result<()>) -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The value after the flag `name` in `args`: `None` when the flag is absent, an error when it
/// has no value.
pub fn flag<'a>(args: &'a [String], name: &str) -> anyhow::Result<Option<&'a str>> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) => match args.get(i + 1) {
            Some(v) => Ok(Some(v)),
            None => anyhow::bail!("{name} needs a value"),
        },
    }
}

/// The `--spec PATH` of `args`, or the vendored spec.
pub fn spec_arg(args: &[String]) -> anyhow::Result<PathBuf> {
    Ok(flag(args, "--spec")?
        .map(PathBuf::from)
        .unwrap_or_else(vendored_spec))
}

/// The vendored spec, from this crate's folder.
pub fn vendored_spec() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../specs/seam-connect.json")
}
