//! `cargo xtask test`: every test, as CI runs them.
//!
//! The steps run in order, each printed with its duration; the first failure stops the run with
//! an error. The last step installs and starts the mock servers (see [`crate::peers`]) and runs
//! `cargo test --workspace -- --include-ignored` with their URLs in [`MOCK_URL_VAR`] (Prism on the
//! vendored spec) and [`FAKE_URL_VAR`] (fake-seam-connect). A URL already set in the environment is
//! passed through and that server is not started.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::cli::{self, Arg, Args};
use crate::peers;

mod namespaces;
#[cfg(test)]
pub(crate) use namespaces::copy_dir;
use namespaces::namespace_features;

/// The environment variable that carries Prism's base URL to the tests.
pub const MOCK_URL_VAR: &str = "SEAM_MOCK_URL";
/// The environment variable that carries fake-seam-connect's base URL to the tests.
pub const FAKE_URL_VAR: &str = "SEAM_FAKE_URL";
/// The spec Prism mocks, relative to the workspace root.
pub const MOCK_SPEC: &str = "specs/seam-connect.json";
/// The older releases (one from 2024, one from 2025) the compatibility step regenerates the
/// client and its contract suite from.
pub const OLDER_SPECS: &[&str] = &[
    "specs/older/seam-connect-1.305.0.json",
    "specs/older/seam-connect-1.344.3.json",
];
/// The target folder of the "each namespace feature alone" step (also used by the `spec update`
/// walk test, which reuses the dependencies this step builds), relative to the workspace root.
pub const FEATURE_CHECK_TARGET: &str = "target/feature-check";
/// The debug info of the older specs' builds, as the workspace's `[profile.dev]` has it, set
/// through cargo's environment (their crates are not in this workspace).
const COMPAT_DEBUG_VAR: &str = "CARGO_PROFILE_DEV_DEBUG";
/// See [`COMPAT_DEBUG_VAR`].
const COMPAT_DEBUG: &str = "line-tables-only";
/// The environment variable telling the contract suite where to write its report.
pub const REPORT_VAR: &str = "SEAM_CONTRACT_REPORT";

/// What every step gets: the workspace root and the options of this run.
struct Ctx<'a> {
    root: &'a Path,
    /// Arguments after `--`, passed to the test harness (`cargo test ... -- --include-ignored ARGS`).
    harness_args: &'a [&'a str],
}

/// One step of the run: a name for the log and what it does.
struct Step {
    name: &'static str,
    run: fn(&Ctx) -> anyhow::Result<()>,
}

/// The steps in order. Add a step here.
const STEPS: &[Step] = &[
    Step {
        name: "codegen --check",
        run: |ctx| {
            cargo(
                ctx,
                &["run", "--quiet", "-p", "xtask", "--", "codegen", "--check"],
            )
        },
    },
    Step {
        name: "fmt --check",
        run: |ctx| cargo(ctx, &["fmt", "--all", "--", "--check"]),
    },
    Step {
        name: "actionlint (.github/workflows)",
        run: |ctx| crate::actionlint::step(ctx.root),
    },
    Step {
        name: "clippy",
        run: |ctx| {
            cargo(
                ctx,
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ],
            )
        },
    },
    Step {
        name: "each namespace feature alone",
        run: namespace_features,
    },
    Step {
        name: "tests with mock servers",
        run: tests_with_peers,
    },
    Step {
        name: "doctests (every operation's example)",
        run: |ctx| cargo(ctx, &["test", "--workspace", "--doc"]),
    },
    Step {
        name: "rustdoc -D warnings (the generated crate, every feature)",
        run: generated_docs,
    },
    Step {
        name: "parity with @seamapi/http",
        run: |ctx| crate::parity::check(ctx.root),
    },
    Step {
        name: "older specs: regenerate, compile, contract suite",
        run: |ctx| {
            OLDER_SPECS
                .iter()
                .try_for_each(|spec| older_spec_contract(ctx, spec))
        },
    },
];

/// `cargo xtask test --help`.
pub const HELP: &str = "usage: cargo xtask test [-- TEST-HARNESS-ARGS...]

Runs every test, as CI does: codegen --check, fmt --check, actionlint on the GitHub workflows,
clippy -D warnings, each namespace feature alone, then the mock servers and
cargo test --workspace --tests -- --include-ignored [TEST-HARNESS-ARGS...], then the
doctests (cargo test --workspace --doc: every operation's example compiles), the generated
crate's docs (cargo doc -p seam --no-deps --all-features with RUSTDOCFLAGS=\"-D warnings\"), the
parity check and the older specs' contract suites.
SEAM_MOCK_URL / SEAM_FAKE_URL, if set, are used instead of starting Prism / fake-seam-connect.";

/// `cargo xtask test [-- ARGS]`: takes no flags; what follows `--` goes to the test harness.
pub fn main(root: &Path, args: &mut Args) -> anyhow::Result<()> {
    let harness_args = parse(args)?;
    let harness_args: Vec<&str> = harness_args.iter().map(String::as_str).collect();
    run(root, &harness_args)
}

/// The arguments after `--`; anything before it is refused.
fn parse(args: &mut Args) -> anyhow::Result<Vec<String>> {
    let mut harness_args = Vec::new();
    let passthrough = args.at_double_dash();
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Value(value) if passthrough => harness_args.push(cli::text(value)?),
            other => return Err(cli::unexpected(other)),
        }
    }
    Ok(harness_args)
}

/// Runs the whole test suite; `harness_args` go to the test harness.
fn run(root: &Path, harness_args: &[&str]) -> anyhow::Result<()> {
    let ctx = Ctx { root, harness_args };
    let total = Instant::now();
    let mut done: Vec<(&str, Duration)> = Vec::new();
    for (i, step) in STEPS.iter().enumerate() {
        eprintln!("\n==> [{}/{}] {}", i + 1, STEPS.len(), step.name);
        let started = Instant::now();
        let result = (step.run)(&ctx);
        let took = started.elapsed();
        if let Err(err) = result {
            eprintln!("<== {} FAILED after {}", step.name, secs(took));
            print_summary(&done);
            return Err(err.context(format!("step `{}` failed", step.name)));
        }
        eprintln!("<== {} ok in {}", step.name, secs(took));
        done.push((step.name, took));
    }
    print_summary(&done);
    eprintln!(
        "all {} steps passed in {}",
        STEPS.len(),
        secs(total.elapsed())
    );
    Ok(())
}

/// Prints the steps that passed so far with their durations.
fn print_summary(done: &[(&str, Duration)]) {
    if done.is_empty() {
        return;
    }
    eprintln!("\nsteps passed:");
    for (name, took) in done {
        eprintln!("  {:>8}  {name}", secs(*took));
    }
}

/// A duration as seconds with one decimal (`12.3s`).
fn secs(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

/// The cargo that runs us (`$CARGO`), or `cargo` from PATH, without the variables `cargo run`
/// (how `cargo xtask` starts) sets for xtask's own package: build scripts that watch them (ring:
/// `CARGO_PKG_NAME`, `CARGO_MANIFEST_DIR`, ...) would otherwise re-run, and everything above
/// them rebuild, each time the same build alternates between `cargo xtask` and a shell.
pub(crate) fn cargo_command() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    for (name, _) in std::env::vars_os() {
        let Some(name) = name.to_str() else { continue };
        if name.starts_with("CARGO_PKG_")
            || matches!(
                name,
                "CARGO_MANIFEST_DIR"
                    | "CARGO_MANIFEST_PATH"
                    | "CARGO_MANIFEST_LINKS"
                    | "CARGO_PRIMARY_PACKAGE"
                    | "CARGO_CRATE_NAME"
                    | "CARGO_BIN_NAME"
            )
        {
            cmd.env_remove(name);
        }
    }
    cmd
}

/// Runs `cargo ARGS` in the workspace root with inherited stdio and fails on a non-zero exit.
fn cargo(ctx: &Ctx, args: &[&str]) -> anyhow::Result<()> {
    run_checked(cargo_command().args(args).current_dir(ctx.root))
}

/// `cargo doc` of the generated crate with every feature and rustdoc's warnings denied (broken
/// intra-doc links, bare URLs in spec text, ...), as docs.rs builds it (`all-features`).
fn generated_docs(ctx: &Ctx) -> anyhow::Result<()> {
    run_checked(
        cargo_command()
            .args(["doc", "-p", "seam", "--no-deps", "--all-features"])
            .env("RUSTDOCFLAGS", "-D warnings")
            .current_dir(ctx.root),
    )
}

/// Runs `cmd` with inherited stdio; a non-zero exit is an error naming the command.
pub(crate) fn run_checked(cmd: &mut Command) -> anyhow::Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .with_context(|| format!("cannot run {shown}"))?;
    if !status.success() {
        bail!("{shown} failed: {status}");
    }
    Ok(())
}

/// The value of `var` if it is set and not blank.
fn preset_url(var: &str) -> Option<String> {
    std::env::var(var)
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// Starts the mock servers that are not preset, then runs `cargo test --workspace` with their URLs.
/// The servers are dropped (killed by PID) when this returns, whether the tests passed or not.
fn tests_with_peers(ctx: &Ctx) -> anyhow::Result<()> {
    let mock_preset = preset_url(MOCK_URL_VAR);
    let fake_preset = preset_url(FAKE_URL_VAR);
    if mock_preset.is_none() || fake_preset.is_none() {
        peers::npm_ci(ctx.root)?;
    }
    let mut running: Vec<peers::Peer> = Vec::new();
    let mock_url = match mock_preset {
        Some(url) => {
            eprintln!("{MOCK_URL_VAR}={url} is set: not starting Prism");
            url
        }
        None => {
            let spec = ctx.root.join(MOCK_SPEC);
            let peer = peers::start_prism(ctx.root, &spec, peers::free_port()?)?;
            let url = peer.url().to_owned();
            running.push(peer);
            url
        }
    };
    let fake_url = match fake_preset {
        Some(url) => {
            eprintln!("{FAKE_URL_VAR}={url} is set: not starting fake-seam-connect");
            url
        }
        None => {
            let peer = peers::start_fake_seam(ctx.root, peers::free_port()?)?;
            let url = peer.url().to_owned();
            running.push(peer);
            url
        }
    };
    eprintln!("{MOCK_URL_VAR}={mock_url} {FAKE_URL_VAR}={fake_url}");
    let report = ctx.root.join("target/contract-report.txt");
    let _ = std::fs::remove_file(&report);
    let mut cmd = cargo_command();
    // Doctests are the next step, timed apart (same features, so nothing is rebuilt). `--tests`
    // is every target with `test = true`: libraries, binaries, integration tests. Not `--lib`,
    // which would also build the generated library's test harness (`test = false`: it has no
    // unit tests), a second full compile of the crate.
    cmd.args([
        "test",
        "--workspace",
        "--tests",
        "--no-fail-fast",
        "--",
        "--include-ignored",
    ])
    .args(ctx.harness_args)
    .current_dir(ctx.root)
    .env(MOCK_URL_VAR, &mock_url)
    .env(FAKE_URL_VAR, &fake_url)
    .env(REPORT_VAR, &report)
    // The parity test runs the JS side too, with the rest; the parity step compares its record.
    .envs(crate::parity::test_env(ctx.root)?);
    let result = run_checked(&mut cmd);
    print_report(&report);
    if result.is_err() {
        for peer in &running {
            eprintln!("{} log: {}", peer.name(), peer.log_path().display());
        }
    }
    drop(running);
    result
}

/// Prints the contract suite's report, if it wrote one.
fn print_report(path: &Path) {
    if let Ok(text) = std::fs::read_to_string(path) {
        eprintln!("\n{text}");
    }
}

/// Regenerates the client from an older release of the spec into `target/compat/`, then
/// compiles it and runs its own contract suite against Prism mocking that release.
fn older_spec_contract(ctx: &Ctx, spec: &str) -> anyhow::Result<()> {
    let spec = ctx.root.join(spec);
    let name = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("older");
    let out = ctx.root.join("target/compat").join(name);
    let out_arg = out.to_string_lossy().into_owned();
    let spec_arg = spec.to_string_lossy().into_owned();
    if out.exists() {
        std::fs::remove_dir_all(&out).with_context(|| format!("removing {}", out.display()))?;
    }
    cargo(
        ctx,
        &[
            "run", "--quiet", "-p", "xtask", "--", "codegen", "--spec", &spec_arg, "--out",
            &out_arg,
        ],
    )?;
    // Same dependency versions as the workspace, so the shared target folder is reused.
    std::fs::copy(ctx.root.join("Cargo.lock"), out.join("Cargo.lock"))
        .context("copying Cargo.lock")?;
    peers::npm_ci(ctx.root)?;
    let prism = peers::start_prism(ctx.root, &spec, peers::free_port()?)?;
    let report = ctx.root.join(format!("target/contract-report-{name}.txt"));
    let _ = std::fs::remove_file(&report);
    let manifest = out.join("Cargo.toml").to_string_lossy().into_owned();
    // Every compat crate is a package `seam` 0.1.0 at the root of its own workspace, so cargo gives
    // them the same artifact names in the shared target folder and would take the previous
    // release's test binary as fresh (its dep-info names that release's files). Cleaning the
    // package (not its dependencies) forces this release's build.
    let mut clean = cargo_command();
    clean
        .args([
            "clean",
            "--quiet",
            "--manifest-path",
            &manifest,
            "-p",
            "seam",
        ])
        .current_dir(ctx.root)
        .env("CARGO_TARGET_DIR", ctx.root.join("target"));
    run_checked(&mut clean)?;
    let mut cmd = cargo_command();
    cmd.args([
        "test",
        "--manifest-path",
        &manifest,
        "--test",
        "contract",
        "--",
        "--include-ignored",
    ])
    .current_dir(ctx.root)
    .env("CARGO_TARGET_DIR", ctx.root.join("target"))
    // The workspace's `[profile.dev]` (line tables only) does not reach a crate at the root of its
    // own workspace: without this, its build (dependencies, crate, contract binary) carries full
    // debug info, which only makes it slower (the contract binary alone: 16% more CPU) and bigger.
    .env(COMPAT_DEBUG_VAR, COMPAT_DEBUG)
    .env(MOCK_URL_VAR, prism.url())
    .env(REPORT_VAR, &report);
    let result = run_checked(&mut cmd);
    print_report(&report);
    if result.is_err() {
        eprintln!("{} log: {}", prism.name(), prism.log_path().display());
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unexpected_arguments_are_refused_before_any_step() {
        for args in [&["--bogus"][..], &["stray"], &["stray", "--", "x"]] {
            let err = main(Path::new("/nonexistent"), &mut Args::new(args)).unwrap_err();
            assert!(err.is::<cli::UsageError>(), "{args:?}: {err:#}");
        }
        let passed = parse(&mut Args::new(["--", "--exact", "--help", "x"])).unwrap();
        assert_eq!(passed, ["--exact", "--help", "x"]);
        assert!(
            parse(&mut Args::new::<[&str; 0], &str>([]))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn steps_have_unique_names() {
        let mut names: Vec<&str> = STEPS.iter().map(|s| s.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), STEPS.len());
    }

    #[test]
    fn older_specs_build_with_the_workspace_debug_info() {
        let manifest = std::fs::read_to_string(crate::project_root().join("Cargo.toml")).unwrap();
        let profile = manifest
            .split("[profile.dev]")
            .nth(1)
            .expect("a [profile.dev]");
        let debug = profile
            .lines()
            .find_map(|l| l.trim().strip_prefix("debug = "))
            .expect("[profile.dev] sets debug");
        assert_eq!(debug.trim_matches('"'), COMPAT_DEBUG);
    }

    #[test]
    fn durations_print_with_one_decimal() {
        assert_eq!(secs(Duration::from_millis(12_345)), "12.3s");
        assert_eq!(secs(Duration::ZERO), "0.0s");
    }

    #[test]
    #[cfg(unix)]
    fn failing_commands_are_errors() {
        assert!(run_checked(&mut Command::new("false")).is_err());
        assert!(run_checked(&mut Command::new("true")).is_ok());
        assert!(run_checked(&mut Command::new("/nonexistent/xtask-no-such-program")).is_err());
    }
}
