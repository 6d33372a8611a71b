//! `cargo xtask parity`: the differential suite against Seam's official JS SDK (`@seamapi/http`,
//! pinned in `xtask/peers/package.json`).
//!
//! The run itself is the ignored test `parity_with_the_official_js_sdk` of the generated contract
//! suite (same test binary as `cargo test --workspace`, so no extra build of the generated crate):
//! it starts one recording server on 127.0.0.1, sends every contract sample through the Rust
//! client and, through `xtask/peers/parity/run.mjs`, through the JS SDK, and writes
//! `target/parity/parity.json` (see `seam_contract::parity`). This module compares the two sides
//! case by case and prints every difference, grouped by kind ([`Kind`](compare::Kind)), then
//! `parity: N/M operations identical` last: M counts the operations the JS SDK exposes, N those
//! whose every difference is of a kind declared deliberate or informational. The operations the
//! JS SDK lacks are listed and counted apart.
//!
//! Where each job lives: this file runs the suite (the command, the `cargo xtask test` step);
//! [`compare`] pairs the two sides' requests and results case by case into findings;
//! [`request`] compares two recorded requests (parameters wherever each side put them, headers);
//! [`query`] holds the query-string rules of `@seamapi/url-search-params-serializer`;
//! [`values`] compares JSON values (numbers by value, timestamps by instant); [`report`] prints
//! the findings.

mod compare;
mod query;
mod report;
mod request;
#[cfg(test)]
mod tests;
mod values;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use serde_json::Value;

use crate::peers;
use compare::{Comparison, compare};

/// The ignored test of `generated/tests/contract.rs` that runs both sides.
const TEST_NAME: &str = "parity_with_the_official_js_sdk";
/// The JS driver, relative to the workspace root.
const JS_DRIVER: &str = "xtask/peers/parity/run.mjs";
/// Where the run writes its files, relative to the workspace root.
const OUT_DIR: &str = "target/parity";
/// The file the parity test writes into [`OUT_DIR`].
const RECORD: &str = "parity.json";

/// `cargo xtask parity --help`.
pub const HELP: &str = "usage: cargo xtask parity

Differential suite against Seam's official JS SDK (@seamapi/http, pinned in xtask/peers): every
contract sample of every operation goes through it and through the Rust client to one recording
server on 127.0.0.1; what the server received and what each client handed back are compared.
Prints every difference, then `parity: N/M operations identical` last; fails when an operation
differs in a way not declared deliberate (PARITY.md).";

/// `cargo xtask parity`: runs, prints the report (its last line is the parity line) and exits
/// non-zero when an operation differs in a kind not declared deliberate.
pub fn main(root: &Path, args: &mut crate::cli::Args) -> anyhow::Result<()> {
    if let Some(arg) = args.next()? {
        return Err(crate::cli::unexpected(arg));
    }
    let comparison = run(root)?;
    if comparison.has_differences() {
        // The parity line stays the last line of the output: no error message after it.
        std::process::exit(1);
    }
    Ok(())
}

/// The `cargo xtask test` step: compares what the test step's run of the parity test wrote (it
/// ran with [`test_env`]); runs it anew only when it did not (a filtered test run). An error when
/// an operation differs.
pub fn check(root: &Path) -> anyhow::Result<()> {
    let started = Instant::now();
    let comparison = if root.join(OUT_DIR).join(RECORD).exists() {
        compare_files(root, started)?
    } else {
        run(root)?
    };
    if comparison.has_differences() {
        bail!("parity: some operations differ from @seamapi/http (see the report above)");
    }
    Ok(())
}

/// Empties the output folder and gives the environment that makes the parity test run the JS
/// side too and write its record there. `cargo xtask test` passes it to `cargo test --workspace`,
/// so the test runs with the rest, in the binary that build made.
pub fn test_env(root: &Path) -> anyhow::Result<Vec<(&'static str, PathBuf)>> {
    let out = root.join(OUT_DIR);
    if out.exists() {
        std::fs::remove_dir_all(&out).with_context(|| format!("removing {}", out.display()))?;
    }
    std::fs::create_dir_all(&out)?;
    Ok(vec![
        (seam_vars::OUT, out),
        (seam_vars::JS, root.join(JS_DRIVER)),
    ])
}

/// Installs the peers, runs the test that drives both sides, compares and prints.
fn run(root: &Path) -> anyhow::Result<Comparison> {
    let started = Instant::now();
    peers::npm_ci(root)?;
    let mut cmd = crate::test_cmd::cargo_command();
    // `--workspace` keeps the features of the `cargo test --workspace` build (seam-tests turns on
    // `blocking`), so the contract test binary it built is reused, not rebuilt.
    cmd.args([
        "test",
        "--workspace",
        "--test",
        "contract",
        "--",
        "--ignored",
        "--exact",
    ])
    .arg(TEST_NAME)
    .arg("--nocapture")
    .current_dir(root)
    .envs(test_env(root)?);
    crate::test_cmd::run_checked(&mut cmd)?;
    compare_files(root, started)
}

/// Reads the record the parity test wrote, compares, writes and prints the report.
fn compare_files(root: &Path, started: Instant) -> anyhow::Result<Comparison> {
    let out = root.join(OUT_DIR);
    let file = out.join(RECORD);
    let text =
        std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    let record: Value =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", file.display()))?;
    let comparison = compare(&record)?;
    let report = comparison.render();
    let _ = std::fs::write(out.join("report.txt"), &report);
    eprintln!(
        "parity: compared in {:.1}s (files in {})",
        started.elapsed().as_secs_f64(),
        out.display()
    );
    print!("{report}");
    Ok(comparison)
}

/// The environment variables of `seam_contract::parity` (xtask does not depend on it).
mod seam_vars {
    /// `seam_contract::parity::OUT_VAR`.
    pub const OUT: &str = "SEAM_PARITY_OUT";
    /// `seam_contract::parity::JS_VAR`.
    pub const JS: &str = "SEAM_PARITY_JS";
}
