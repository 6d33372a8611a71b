//! `cargo xtask codegen [--spec PATH] [--out DIR] [--check]`: spec → generated crate.

use anyhow::Context;
use seam_codegen::render::{Options, write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::cli::{self, Arg, Args};

/// `cargo xtask codegen --help`.
pub const HELP: &str = "usage: cargo xtask codegen [--spec PATH] [--out DIR] [--check]

Generates the client crate from a spec: load, model, render, format, write.

options:
  --spec PATH   the spec to generate from, JSON or YAML (default: specs/seam-connect.json, whose
                sha256 must match specs/seam-connect.provenance.json)
  --out DIR     where to write the crate (default: generated/); outside generated/ it gets its own
                [workspace] and absolute paths to the runtime
  --check       write nothing; fail naming every stale or extra file";

/// What the command line asked for.
#[derive(Debug, Default)]
struct Opts {
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    check: bool,
}

fn parse(args: &mut Args) -> anyhow::Result<Opts> {
    let mut opts = Opts::default();
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("spec") => opts.spec = Some(args.path()?),
            Arg::Long("out") => opts.out = Some(args.path()?),
            Arg::Long("check") => opts.check = true,
            other => return Err(cli::unexpected(other)),
        }
    }
    Ok(opts)
}

/// `cargo xtask codegen ...`: parses the flags, then runs the generator.
pub fn main(root: &Path, args: &mut Args) -> anyhow::Result<()> {
    let opts = parse(args)?;
    let check = opts.check;
    let spec = match opts.spec {
        Some(path) => path,
        None => crate::spec::verify_vendored(root)?,
    };
    let out = match opts.out {
        Some(dir) => absolute(&dir)?,
        None => root.join("generated"),
    };
    let options = options_for(root, &out)?;
    let start = Instant::now();
    let generated = seam_codegen::generate(&spec, &options)
        .with_context(|| format!("generating from {}", spec.display()))?;
    let write_start = Instant::now();
    let mode = if check {
        write::Mode::Check
    } else {
        write::Mode::Write
    };
    let outcome = write::ensure(&out, &generated.files, mode)?;
    let write_time = write_start.elapsed();

    let t = &generated.times;
    let lines: usize = generated
        .files
        .iter()
        .map(|f| f.contents.lines().count())
        .sum();
    let operations: usize = count_operations(&generated.api.namespaces);
    println!(
        "codegen: {} → {} ({} files, {lines} lines, {operations} operations)",
        spec.display(),
        out.display(),
        generated.files.len()
    );
    println!(
        "  load {:>7.1} ms | model {:>7.1} ms | render {:>7.1} ms | format {:>7.1} ms | {} {:>7.1} ms | total {:>7.1} ms",
        ms(t.load),
        ms(t.model),
        ms(t.render),
        ms(t.format),
        if check { "check" } else { "write" },
        ms(write_time),
        ms(start.elapsed())
    );
    if check {
        if !outcome.is_fresh() {
            for file in &outcome.stale {
                eprintln!("  stale: {}", out.join(file).display());
            }
            for file in &outcome.extra {
                eprintln!(
                    "  not generated (would be removed): {}",
                    out.join(file).display()
                );
            }
            anyhow::bail!(
                "{} is out of date ({} stale, {} extra files): run `cargo xtask codegen`",
                out.display(),
                outcome.stale.len(),
                outcome.extra.len()
            );
        }
        println!("  {} is up to date", out.display());
    } else if outcome.is_fresh() {
        println!("  unchanged");
    } else {
        println!(
            "  wrote {} changed files, removed {}",
            outcome.stale.len(),
            outcome.extra.len()
        );
    }
    Ok(())
}

fn count_operations(namespaces: &[seam_codegen::model::Namespace]) -> usize {
    namespaces
        .iter()
        .map(|n| n.operations.len() + count_operations(&n.children))
        .sum()
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    if path.is_absolute() {
        Ok(path.to_owned())
    } else {
        Ok(std::env::current_dir()?.join(path))
    }
}

/// Where the generated crate finds the runtime and the contract runner, and whether it is a
/// workspace of its own.
pub fn options_for(root: &Path, out: &Path) -> anyhow::Result<Options> {
    if out == root.join("generated") {
        return Ok(Options::for_workspace(root)?);
    }
    let crate_path = |name: &str| {
        root.join("crates")
            .join(name)
            .to_string_lossy()
            .into_owned()
    };
    Ok(Options {
        runtime_path: crate_path("seam-runtime"),
        standalone: true,
        contract_path: crate_path("seam-contract"),
        ..Options::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `cargo xtask codegen` does with a refused spec: `main` fails (the binary prints the
    /// error chain as `error: {err:#}` and exits non-zero), the message names the pointer, and
    /// `--out` is left as it was.
    #[test]
    fn a_refused_spec_names_its_pointer_and_leaves_out_untouched() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let spec = root.join("crates/seam-codegen/tests/fixtures/hostile/missing_ref.json");
        let out = tempfile::tempdir().expect("a scratch folder");
        std::fs::write(out.path().join("keep.txt"), "written before the run").expect("writes");
        let mut args = Args::new([
            "--spec".as_ref(),
            spec.as_os_str(),
            "--out".as_ref(),
            out.path().as_os_str(),
        ]);
        let err = main(&root, &mut args).expect_err("the spec is refused");
        let shown = format!("{err:#}");
        assert!(
            shown.contains("properties/thing") && shown.contains("does not exist"),
            "no pointer in the message: {shown}"
        );
        let left: Vec<_> = std::fs::read_dir(out.path())
            .expect("reads")
            .map(|e| e.expect("an entry").file_name())
            .collect();
        assert_eq!(left, ["keep.txt"], "the output folder changed");
        assert_eq!(
            std::fs::read_to_string(out.path().join("keep.txt")).expect("reads"),
            "written before the run"
        );
    }
}
