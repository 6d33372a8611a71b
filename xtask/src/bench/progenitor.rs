//! `cargo xtask bench --progenitor`: the compile table side by side with progenitor, the anchor
//! the issue measures `seam` against.
//!
//! 1. Installs cargo-progenitor [`VERSION`] from crates.io into `target/bench/progenitor-bin`
//!    (skipped when that version is there).
//! 2. Writes a copy of the vendored spec without the schemas' `default`s, which progenitor refuses
//!    (see [`strip_schema_defaults`]), into `target/bench/progenitor/`.
//! 3. Generates progenitor's crate of it (positional interface) next to that copy, and `seam`'s
//!    standalone crate as the compile table does.
//! 4. Builds both in the same run under the same settings: debug, line-tables-only debug info,
//!    dependencies prebuilt (not timed), each crate in a target folder of its own. Each row is
//!    timed `runs` times, the two crates in turn, so that a change of load hits both.
//! 5. Prints both times, the ratio of their medians and the issue's target for that ratio, with
//!    PASS or MISS: printed, never asserted (a benchmark measures).

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use serde_json::Value;

use super::{
    cargo, generate_standalone, load_average, run_captured, run_status, timed_cargo, touch,
};

/// The version of cargo-progenitor the anchor figures are made with.
const VERSION: &str = "0.15.1";

/// The build settings both crates are measured under, besides the debug profile.
const ENV: &[(&str, &str)] = &[("CARGO_PROFILE_DEV_DEBUG", "line-tables-only")];

/// One row of the table: what is timed, and the issue's target for `seam`'s time over progenitor's.
struct Row {
    label: &'static str,
    /// The cargo command (`build` or `check`), always on `--lib`.
    command: &'static str,
    /// Incremental compilation on (a rebuild after a touch) or off (a clean build of the crate).
    incremental: bool,
    /// The ratio seam/progenitor the issue asks for at most.
    target: f64,
}

const ROWS: [Row; 3] = [
    Row {
        label: "clean build",
        command: "build",
        incremental: false,
        target: 0.5,
    },
    Row {
        label: "rebuild after touch",
        command: "build",
        incremental: true,
        target: 0.33,
    },
    Row {
        label: "check after touch",
        command: "check",
        incremental: true,
        target: 0.33,
    },
];

/// One of the two crates measured: where its sources are and where it builds.
struct Side {
    dir: PathBuf,
    target: PathBuf,
}

impl Side {
    /// Touches `src/lib.rs`, then times `cargo <command> --lib` under [`ENV`].
    fn touch_and_time(&self, command: &str, incremental: bool) -> anyhow::Result<Duration> {
        touch(&self.dir.join("src/lib.rs"))?;
        timed_cargo(
            &self.dir,
            &self.target,
            &[command, "--lib"],
            incremental,
            ENV,
        )
    }
}

/// Prints the table side by side with progenitor, each build timed `runs` times.
pub(super) fn table(root: &Path, runs: usize) -> anyhow::Result<()> {
    let bin = install(root)?;
    let base = root.join("target/bench/progenitor");
    std::fs::create_dir_all(&base).with_context(|| format!("creating {}", base.display()))?;

    let spec = base.join("seam-connect.json");
    let stripped = write_spec_without_defaults(&root.join("specs/seam-connect.json"), &spec)?;
    eprintln!(
        "stripped {stripped} schema `default`s into {}",
        spec.display()
    );
    let progenitor = Side {
        dir: generate(&bin, &spec, &base.join("seam-progenitor"))?,
        target: base.join("target-progenitor"),
    };
    let seam = Side {
        dir: generate_standalone(root)?,
        target: base.join("target-seam"),
    };
    let sides = [&progenitor, &seam];

    eprintln!("prebuilding the dependencies of both crates...");
    for side in sides {
        for command in ["check", "build"] {
            side.touch_and_time(command, false)?;
        }
    }
    let mut times: Vec<[Vec<Duration>; 2]> = Vec::new();
    for row in &ROWS {
        eprintln!("timing {} ({runs} run(s))...", row.label);
        if row.incremental {
            for side in sides {
                side.touch_and_time(row.command, true)?;
            }
        }
        let mut row_times = [Vec::new(), Vec::new()];
        for _ in 0..runs {
            for (side, into) in sides.iter().zip(&mut row_times) {
                into.push(side.touch_and_time(row.command, row.incremental)?);
            }
        }
        times.push(row_times);
    }

    println!(
        "## Compile: side by side with progenitor (debug, line-tables-only debug info, dependencies prebuilt)\n"
    );
    println!(
        "progenitor's crate: cargo-progenitor {VERSION}, `--interface positional`, of the vendored spec without its {stripped} schema `default`s; {} lines of Rust. `seam`: every namespace (default features); {} lines of Rust. Each in a target folder of its own.\n",
        rust_lines(&progenitor.dir)?,
        rust_lines(&seam.dir)?
    );
    println!(
        "clean build: `cargo build` with CARGO_INCREMENTAL=0 after touching src/lib.rs; after touch: incremental, timed after a warm-up. Median (min–max) of {runs} run(s).\n"
    );
    println!("| | progenitor's crate | `seam` | ratio (seam/progenitor) | target | |");
    println!("|---|---|---|---|---|---|");
    for (row, [progenitor, seam]) in ROWS.iter().zip(&times) {
        let (progenitor, seam) = (Spread::of(progenitor), Spread::of(seam));
        let ratio = seam.median / progenitor.median;
        println!(
            "| {} | {progenitor} | {seam} | {ratio:.2} | ≤ {:.2} | {} |",
            row.label,
            row.target,
            verdict(ratio, row.target)
        );
    }
    println!("\nload at the end of this table: {}\n", load_average());
    Ok(())
}

/// Installs cargo-progenitor [`VERSION`] under `target/bench/progenitor-bin` unless it is there;
/// returns the folder of its binary.
fn install(root: &Path) -> anyhow::Result<PathBuf> {
    let prefix = root.join("target/bench/progenitor-bin");
    let bin = prefix.join("bin");
    let record = std::fs::read_to_string(prefix.join(".crates2.json")).unwrap_or_default();
    if bin.join("cargo-progenitor").is_file() && installed(&record) {
        return Ok(bin);
    }
    eprintln!(
        "installing cargo-progenitor {VERSION} into {} (takes minutes)...",
        prefix.display()
    );
    run_status(
        cargo()
            .args([
                "install",
                "cargo-progenitor",
                "--version",
                VERSION,
                "--locked",
                "--root",
            ])
            .arg(&prefix),
    )?;
    Ok(bin)
}

/// Whether `record`, the `.crates2.json` that `cargo install` keeps in its root, lists
/// cargo-progenitor [`VERSION`] from crates.io (the binary prints no version of its own).
fn installed(record: &str) -> bool {
    let wanted = format!("cargo-progenitor {VERSION} (registry+");
    serde_json::from_str::<Value>(record)
        .ok()
        .and_then(|record| record.get("installs")?.as_object().cloned())
        .is_some_and(|installs| installs.keys().any(|key| key.starts_with(&wanted)))
}

/// Writes the spec at `from` to `to` without its schemas' `default`s; returns how many there were.
fn write_spec_without_defaults(from: &Path, to: &Path) -> anyhow::Result<usize> {
    let text =
        std::fs::read_to_string(from).with_context(|| format!("reading {}", from.display()))?;
    let mut spec: Value =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", from.display()))?;
    let stripped = strip_schema_defaults(&mut spec);
    std::fs::write(to, serde_json::to_vec(&spec)?)
        .with_context(|| format!("writing {}", to.display()))?;
    Ok(stripped)
}

/// Removes the keyword `default` from every schema of an OpenAPI 3 document (components, and
/// wherever a parameter, header or media type has a `schema`, with the schemas inside them);
/// returns how many it removed.
///
/// Only schema keywords go: a property named `default` stays (it is a key of `properties`), and so
/// does the `default` response of an operation (not a schema) and anything in examples.
fn strip_schema_defaults(document: &mut Value) -> usize {
    match document {
        Value::Object(members) => members
            .iter_mut()
            .map(|(key, value)| match key.as_str() {
                "schema" => strip_schema(value),
                "schemas" => each_value(value, strip_schema),
                "example" | "examples" => 0,
                _ => strip_schema_defaults(value),
            })
            .sum(),
        Value::Array(items) => items.iter_mut().map(strip_schema_defaults).sum(),
        _ => 0,
    }
}

/// [`strip_schema_defaults`] on one schema and the schemas it holds.
fn strip_schema(schema: &mut Value) -> usize {
    let Value::Object(members) = schema else {
        return 0;
    };
    let own = usize::from(members.remove("default").is_some());
    own + members
        .iter_mut()
        .map(|(key, value)| match key.as_str() {
            "properties" => each_value(value, strip_schema),
            "items" | "not" | "additionalProperties" => strip_schema(value),
            "allOf" | "oneOf" | "anyOf" => value
                .as_array_mut()
                .map_or(0, |items| items.iter_mut().map(strip_schema).sum()),
            _ => 0,
        })
        .sum::<usize>()
}

/// `strip` on each value of the object `map` (a map of names to schemas).
fn each_value(map: &mut Value, strip: fn(&mut Value) -> usize) -> usize {
    map.as_object_mut()
        .map_or(0, |members| members.values_mut().map(strip).sum())
}

/// Generates progenitor's crate of `spec` into `out` with the binary in `bin`; returns `out`.
fn generate(bin: &Path, spec: &Path, out: &Path) -> anyhow::Result<PathBuf> {
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))?;
    eprintln!("generating progenitor's crate into {}...", out.display());
    run_captured(
        cargo()
            .env("PATH", path)
            .arg("progenitor")
            .arg("-i")
            .arg(spec)
            .arg("-o")
            .arg(out)
            .args([
                "-n",
                "seam-progenitor",
                "-v",
                "0.1.0",
                "--interface",
                "positional",
            ]),
    )?;
    // The crate lies inside this workspace's folder but is not a member: give it its own.
    let manifest = out.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .with_context(|| format!("reading {}", manifest.display()))?;
    if !text.contains("[workspace]") {
        std::fs::write(&manifest, format!("{text}\n[workspace]\n"))
            .with_context(|| format!("writing {}", manifest.display()))?;
    }
    Ok(out.to_path_buf())
}

/// The lines of the `.rs` files under `dir/src`.
fn rust_lines(dir: &Path) -> anyhow::Result<usize> {
    let mut lines = 0;
    let mut folders = vec![dir.join("src")];
    while let Some(folder) = folders.pop() {
        for entry in
            std::fs::read_dir(&folder).with_context(|| format!("reading {}", folder.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                lines += std::fs::read_to_string(&path)?.lines().count();
            }
        }
    }
    Ok(lines)
}

/// The median and the range of some timings, in seconds.
#[derive(Debug, PartialEq)]
struct Spread {
    median: f64,
    min: f64,
    max: f64,
}

impl Spread {
    /// The spread of `times` (at least one).
    fn of(times: &[Duration]) -> Spread {
        let mut secs: Vec<f64> = times.iter().map(Duration::as_secs_f64).collect();
        secs.sort_by(f64::total_cmp);
        let middle = secs.len() / 2;
        let median = if secs.len().is_multiple_of(2) {
            (secs[middle - 1] + secs[middle]) / 2.0
        } else {
            secs[middle]
        };
        Spread {
            median,
            min: secs[0],
            max: secs[secs.len() - 1],
        }
    }
}

impl fmt::Display for Spread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1} s", self.median)?;
        if self.max > self.min {
            write!(f, " ({:.1}–{:.1})", self.min, self.max)?;
        }
        Ok(())
    }
}

/// PASS when `ratio` is at most `target`, else MISS.
fn verdict(ratio: f64, target: f64) -> &'static str {
    if ratio <= target { "PASS" } else { "MISS" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_defaults_go_and_a_property_named_default_and_the_default_response_stay() {
        let mut doc = serde_json::json!({
            "paths": {"/x": {"post": {
                "parameters": [{"name": "limit", "schema": {"type": "number", "default": 500}}],
                "requestBody": {"content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {
                        "default": {"type": "string", "default": "a"},
                        "list": {"type": "array", "items": {"type": "string", "default": "b"}},
                        "either": {"oneOf": [{"type": "boolean", "default": false}]}
                    }
                }}}},
                "responses": {"default": {"description": "an error"}}
            }}},
            "components": {"schemas": {
                "default": {"type": "object", "default": {}, "example": {"default": 1}}
            }}
        });
        assert_eq!(strip_schema_defaults(&mut doc), 5);
        let post = &doc["paths"]["/x"]["post"];
        assert_eq!(
            post["parameters"][0]["schema"],
            serde_json::json!({"type": "number"})
        );
        let properties =
            &post["requestBody"]["content"]["application/json"]["schema"]["properties"];
        assert_eq!(properties["default"], serde_json::json!({"type": "string"}));
        assert_eq!(
            properties["list"]["items"],
            serde_json::json!({"type": "string"})
        );
        assert_eq!(
            properties["either"]["oneOf"][0],
            serde_json::json!({"type": "boolean"})
        );
        assert_eq!(post["responses"]["default"]["description"], "an error");
        assert_eq!(
            doc["components"]["schemas"]["default"],
            serde_json::json!({"type": "object", "example": {"default": 1}})
        );
        assert_eq!(strip_schema_defaults(&mut doc), 0);
    }

    #[test]
    fn an_install_counts_only_with_this_version_from_crates_io() {
        let record =
            |key: &str| format!(r#"{{"installs": {{"{key}": {{"bins": ["cargo-progenitor"]}}}}}}"#);
        let io = "(registry+https://github.com/rust-lang/crates.io-index)";
        assert!(installed(&record(&format!("cargo-progenitor 0.15.1 {io}"))));
        assert!(!installed(&record(&format!(
            "cargo-progenitor 0.14.0 {io}"
        ))));
        assert!(!installed(&record(&format!(
            "cargo-progenitor 0.15.10 {io}"
        ))));
        assert!(!installed(&record(
            "cargo-progenitor 0.15.1 (path+file:///src)"
        )));
        assert!(!installed(""));
    }

    #[test]
    fn spreads_take_the_median_and_the_range() {
        let secs = |s: &[u64]| {
            s.iter()
                .map(|&s| Duration::from_secs(s))
                .collect::<Vec<_>>()
        };
        let three = Spread::of(&secs(&[30, 10, 20]));
        assert_eq!((three.median, three.min, three.max), (20.0, 10.0, 30.0));
        assert_eq!(three.to_string(), "20.0 s (10.0–30.0)");
        assert_eq!(Spread::of(&secs(&[10, 20])).median, 15.0);
        assert_eq!(Spread::of(&secs(&[7])).to_string(), "7.0 s");
        assert_eq!(verdict(0.33, 0.33), "PASS");
        assert_eq!(verdict(0.34, 0.33), "MISS");
    }
}
