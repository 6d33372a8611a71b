//! `seam-bench-codegen [--spec PATH] --out DIR`: one generator run into `DIR` (which must not
//! exist); prints one JSON line with the stage times and the peak memory of this process.
//!
//! A binary of its own so that it runs with the allocator `cargo xtask codegen` runs with
//! (mimalloc), while `seam-bench runtime` measures the client with the system allocator.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use seam_bench::{flag, pipeline, spec_arg};

/// The allocator of `cargo xtask codegen` (see `xtask/src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    seam_bench::main_with(run)
}

fn run(args: &[String]) -> anyhow::Result<()> {
    let spec = spec_arg(args)?;
    let out = flag(args, "--out")?.context("usage: seam-bench-codegen [--spec PATH] --out DIR")?;
    let out = PathBuf::from(out);
    if out.exists() {
        bail!("{} exists; give a folder that does not", out.display());
    }
    let measured = pipeline::run_codegen(&spec, &out)?;
    println!("{}", serde_json::to_string(&measured)?);
    Ok(())
}
