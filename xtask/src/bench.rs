//! `cargo xtask bench`: the performance numbers of BENCHMARKS.md, as tables.
//!
//! 1. Codegen: the whole pipeline on the vendored spec in release, each run in a fresh
//!    `seam-bench-codegen` process (its peak memory is that run's), median of `--runs`.
//! 2. Runtime: `seam-bench runtime` prints decode throughput against serde_json's floors,
//!    request encoding and requests per second against a local server.
//! 3. Compile: the generated crate alone (dependencies prebuilt) in a target folder of its own:
//!    `cargo check` and `cargo build`, clean (no incremental data, as a dependency compiles) and
//!    after touching `src/lib.rs` (incremental), with every namespace and with one alone.
//! 4. With `--progenitor`: the same crate side by side with progenitor's crate of the same spec,
//!    against the target ratios (see [`progenitor`]).
//! 5. The divan suites (`cargo bench -p seam-bench`), unless `--quick`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::cli::{self, Arg};

mod progenitor;

/// `cargo xtask bench --help`.
pub const HELP: &str = "usage: cargo xtask bench [--quick] [--runs N] [--namespaces a,b] [--skip-codegen] [--skip-runtime] [--skip-compile]
                         [--progenitor] [--progenitor-runs N]

Prints the performance tables of BENCHMARKS.md: codegen time and memory, decode throughput against
serde_json's floor, compile times of the generated crate (with --progenitor, also side by side with
progenitor's crate of the same spec), then the divan suites.

options:
  --quick           fewer codegen runs (3), shorter runtime timing, no divan suites
  --runs N          codegen runs (default 5)
  --namespaces a,b  namespaces compiled alone in the compile table (default devices,locks)
  --skip-codegen    leave out the codegen table
  --skip-runtime    leave out the runtime table
  --skip-compile    leave out the compile table
  --progenitor      add the compile table side by side with progenitor: installs cargo-progenitor
                    0.15.1 into target/bench/progenitor-bin (once), generates its crate of the spec
                    (schema `default`s stripped) and builds both crates, each in its own target folder
  --progenitor-runs N
                    runs of each build in that table (default 3, 1 with --quick)";

/// What the command line asked for.
struct Args {
    runs: usize,
    quick: bool,
    namespaces: Vec<String>,
    codegen: bool,
    runtime: bool,
    compile: bool,
    /// Runs of each build in the table side by side with progenitor; `None`: no such table.
    progenitor: Option<usize>,
}

fn parse(args: &mut cli::Args) -> anyhow::Result<Args> {
    let (mut runs, mut quick) = (None, false);
    let mut namespaces = "devices,locks".to_owned();
    let (mut codegen, mut runtime, mut compile) = (true, true, true);
    let (mut progenitor, mut progenitor_runs) = (false, None);
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("quick") => quick = true,
            Arg::Long("runs") => runs = Some(number(args, "--runs")?),
            Arg::Long("namespaces") => namespaces = args.string()?,
            Arg::Long("skip-codegen") => codegen = false,
            Arg::Long("skip-runtime") => runtime = false,
            Arg::Long("skip-compile") => compile = false,
            Arg::Long("progenitor") => progenitor = true,
            Arg::Long("progenitor-runs") => {
                progenitor_runs = Some(number(args, "--progenitor-runs")?)
            }
            other => return Err(cli::unexpected(other)),
        }
    }
    if progenitor_runs.is_some() && !progenitor {
        return Err(cli::usage("--progenitor-runs goes with --progenitor"));
    }
    Ok(Args {
        runs: runs.unwrap_or(if quick { 3 } else { 5 }).max(1),
        quick,
        namespaces: namespaces
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        codegen,
        runtime,
        compile,
        progenitor: progenitor.then(|| progenitor_runs.unwrap_or(if quick { 1 } else { 3 }).max(1)),
    })
}

/// The value of `flag`, just read, as a whole number.
fn number(args: &mut cli::Args, flag: &str) -> anyhow::Result<usize> {
    let n = args.string()?;
    n.parse::<usize>()
        .map_err(|_| cli::usage(format!("{flag} needs a number, got {n:?}")))
}

/// Runs the benchmarks the command line asks for and prints their tables.
pub fn main(root: &Path, args: &mut cli::Args) -> anyhow::Result<()> {
    let args = parse(args)?;
    println!("# cargo xtask bench");
    println!();
    println!("{}", machine());
    if args.codegen {
        codegen_table(root, args.runs)?;
    }
    if args.runtime {
        let budget = if args.quick { "500" } else { "2000" };
        println!("## Runtime (release)\n");
        let mut cmd = seam_bench(root, "seam-bench");
        cmd.args(["runtime", "--budget-ms", budget]);
        run_status(&mut cmd)?;
        println!();
    }
    if args.compile {
        compile_table(root, &args.namespaces)?;
    }
    if let Some(runs) = args.progenitor {
        progenitor::table(root, runs)?;
    }
    if !args.quick {
        println!("## Divan suites (cargo bench -p seam-bench)\n");
        run_status(
            cargo()
                .args(["bench", "-p", "seam-bench"])
                .current_dir(root),
        )?;
    }
    println!("load at the end: {}", load_average());
    Ok(())
}

/// Cores, load, rustc and date, for the record.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let date = Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%d %H:%M UTC")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    format!(
        "machine: {cores} cores, {rustc}, {date}; load at the start: {}\n",
        load_average()
    )
}

/// The 1, 5 and 15 minute load averages (Linux), else `?`.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// `cargo run --release -p seam-bench --bin BIN --` in the workspace root.
fn seam_bench(root: &Path, bin: &str) -> Command {
    let mut cmd = cargo();
    cmd.args([
        "run",
        "--release",
        "--quiet",
        "-p",
        "seam-bench",
        "--bin",
        bin,
        "--",
    ])
    .current_dir(root);
    cmd
}

fn run_status(cmd: &mut Command) -> anyhow::Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .with_context(|| format!("cannot run {shown}"))?;
    if !status.success() {
        bail!("{shown} failed: {status}");
    }
    Ok(())
}

/// Runs `cmd` with output captured; its stdout, or an error with its stderr.
fn run_captured(cmd: &mut Command) -> anyhow::Result<String> {
    let shown = format!("{cmd:?}");
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run {shown}"))?;
    if !out.status.success() {
        bail!(
            "{shown} failed: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn codegen_table(root: &Path, runs: usize) -> anyhow::Result<()> {
    eprintln!("building seam-bench (release)...");
    run_status(
        cargo()
            .args(["build", "--release", "--quiet", "-p", "seam-bench"])
            .current_dir(root),
    )?;
    let base = root.join("target/bench/codegen");
    let mut measured: Vec<serde_json::Value> = Vec::new();
    for i in 0..runs {
        let out = base.join(format!("run-{i}"));
        let _ = std::fs::remove_dir_all(&out);
        let out_arg = out.to_string_lossy().into_owned();
        let line = run_captured(seam_bench(root, "seam-bench-codegen").args(["--out", &out_arg]))?;
        let _ = std::fs::remove_dir_all(&out);
        measured.push(serde_json::from_str(line.trim()).context("seam-bench codegen output")?);
    }
    let field = |name: &str| -> (f64, f64) {
        let mut values: Vec<f64> = measured
            .iter()
            .filter_map(|m| m.get(name).and_then(serde_json::Value::as_f64))
            .collect();
        values.sort_by(f64::total_cmp);
        match values.as_slice() {
            [] => (f64::NAN, f64::NAN),
            v => (v[v.len() / 2], v[0]),
        }
    };
    let first = &measured[0];
    println!(
        "## Codegen (release, vendored spec, {runs} runs, each in a fresh process)\n\n{} files, {} lines\n",
        first["files"], first["lines"]
    );
    println!("| stage | median ms | fastest ms |");
    println!("|---|---|---|");
    for stage in ["load", "model", "render", "format", "write", "total"] {
        let (median, min) = field(&format!("{stage}_ms"));
        println!("| {stage} | {median:.1} | {min:.1} |");
    }
    let (peak, low) = field("peak_rss_bytes");
    println!(
        "| peak memory (VmHWM) | {:.0} MB | {:.0} MB (lowest) |\n",
        peak / 1e6,
        low / 1e6
    );
    Ok(())
}

/// The generated crate, standalone, in `target/bench/seam`, with the workspace's lock file.
fn generate_standalone(root: &Path) -> anyhow::Result<PathBuf> {
    let out = root.join("target/bench/seam");
    let out_arg = out.to_string_lossy().into_owned();
    crate::codegen::main(root, &mut crate::cli::Args::new(["--out", &out_arg]))?;
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).context("copying Cargo.lock")?;
    Ok(out)
}

/// Times one cargo command on the crate at `dir`, with `env` set too; fails when it fails.
fn timed_cargo(
    dir: &Path,
    target: &Path,
    args: &[&str],
    incremental: bool,
    env: &[(&str, &str)],
) -> anyhow::Result<Duration> {
    let mut cmd = cargo();
    cmd.args(args)
        .arg("--quiet")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", if incremental { "1" } else { "0" })
        .envs(env.iter().copied());
    let started = Instant::now();
    run_captured(&mut cmd)?;
    Ok(started.elapsed())
}

/// Sets the modification time of `path` to now, so that cargo compiles its crate again.
fn touch(path: &Path) -> anyhow::Result<()> {
    let file = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .with_context(|| format!("opening {}", path.display()))?;
    file.set_modified(std::time::SystemTime::now())
        .with_context(|| format!("touching {}", path.display()))
}

fn compile_table(root: &Path, namespaces: &[String]) -> anyhow::Result<()> {
    let dir = generate_standalone(root)?;
    let target = root.join("target/bench/compile");
    eprintln!("prebuilding the dependencies of the generated crate...");
    for cmd in ["check", "build"] {
        timed_cargo(&dir, &target, &[cmd, "--lib"], false, &[])?;
    }
    println!("## Compile: the generated crate alone (debug, dependencies prebuilt)\n");
    println!(
        "clean: no incremental data, as a dependency compiles; touch: incremental rebuild after touching src/lib.rs\n"
    );
    println!(
        "| features | check clean | check touch | build clean | build touch | build clean vs full |"
    );
    println!("|---|---|---|---|---|---|");
    let lib = dir.join("src/lib.rs");
    let mut full_build = None;
    let configs = std::iter::once(None).chain(namespaces.iter().map(Some));
    for namespace in configs {
        let mut args: Vec<&str> = vec!["--lib"];
        if let Some(ns) = namespace {
            args.extend(["--no-default-features", "--features", ns]);
        }
        let mut cells = Vec::new();
        for cmd in ["check", "build"] {
            let full: Vec<&str> = std::iter::once(cmd).chain(args.iter().copied()).collect();
            touch(&lib)?;
            let clean = timed_cargo(&dir, &target, &full, false, &[])?;
            touch(&lib)?;
            timed_cargo(&dir, &target, &full, true, &[])?;
            touch(&lib)?;
            let touched = timed_cargo(&dir, &target, &full, true, &[])?;
            cells.push(clean);
            cells.push(touched);
        }
        let build_clean = cells[2].as_secs_f64();
        let full = *full_build.get_or_insert(build_clean);
        println!(
            "| {} | {:.1} s | {:.1} s | {:.1} s | {:.1} s | {:.2} |",
            namespace.map_or("full (default)", String::as_str),
            cells[0].as_secs_f64(),
            cells[1].as_secs_f64(),
            cells[2].as_secs_f64(),
            cells[3].as_secs_f64(),
            build_clean / full
        );
    }
    println!();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> anyhow::Result<Args> {
        super::parse(&mut cli::Args::new(args))
    }

    #[test]
    fn arguments_parse_and_unknown_ones_are_refused() {
        let a = parse(&["--quick", "--namespaces", "acs", "--skip-compile"]).unwrap();
        assert_eq!(
            (a.runs, a.quick, a.compile, a.codegen),
            (3, true, false, true)
        );
        assert_eq!(a.namespaces, ["acs"]);
        let a = parse(&[]).unwrap();
        assert_eq!((a.runs, a.namespaces.len()), (5, 2));
        assert!(parse(&["--runs", "x"]).is_err());
        assert!(parse(&["--bogus"]).is_err());
        assert!(parse(&["--runs"]).is_err());
    }

    #[test]
    fn the_table_beside_progenitor_is_asked_for_with_its_runs() {
        assert_eq!(parse(&[]).unwrap().progenitor, None);
        assert_eq!(parse(&["--progenitor"]).unwrap().progenitor, Some(3));
        assert_eq!(
            parse(&["--progenitor", "--quick"]).unwrap().progenitor,
            Some(1)
        );
        let a = parse(&["--progenitor", "--progenitor-runs", "5", "--skip-compile"]).unwrap();
        assert_eq!((a.progenitor, a.compile), (Some(5), false));
        assert!(parse(&["--progenitor-runs", "2"]).is_err());
        assert!(parse(&["--progenitor", "--progenitor-runs", "x"]).is_err());
    }
}
