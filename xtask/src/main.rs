//! `cargo xtask`: the developer entry point of seam-codegen.
//!
//! Commands:
//! - `codegen [--spec PATH] [--out DIR] [--check]`: generate the client crate.
//! - `spec fetch [--url URL]`: download the spec into `specs/` and update its provenance.
//! - `spec diff OLD NEW`: what changed for users of the generated crate, with SemVer.
//! - `test`: the full test run (what CI runs).

mod bench;
mod codegen;
mod parity;
mod peers;
mod spec;
mod spec_diff;
mod test_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> anyhow::Result<()> {
    let root = project_root();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["codegen", rest @ ..] => codegen::run(&root, rest),
        ["bench", rest @ ..] => bench::run(&root, rest),
        ["spec", "fetch", rest @ ..] => spec::fetch_command(&root, rest),
        ["spec", "diff", rest @ ..] => spec_diff::run(&root, rest),
        ["test", rest @ ..] => test_cmd::run(&root, rest),
        ["parity", rest @ ..] => parity::command(&root, rest),
        _ => {
            eprintln!("{USAGE}");
            anyhow::bail!("unknown command: {}", args.join(" "))
        }
    }
}

const USAGE: &str = "usage: cargo xtask <command>
  codegen [--spec PATH] [--out DIR] [--check]   generate the client crate (default: specs/ -> generated/)
  spec fetch [--url URL]                        download the spec into specs/, update its provenance
  spec diff OLD NEW [--out FILE]                what changed for the generated crate (OLD/NEW: paths or `vendored`)
  test                                          run every test (installs the npm mock servers)
  parity                                        differential suite against @seamapi/http (prints parity: N/M last)
  bench [--quick] [--skip-compile]              performance tables: codegen, decode vs serde floor, compile times";

/// The workspace root: the parent of this crate's folder.
fn project_root() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    dir.parent().map(PathBuf::from).unwrap_or(dir)
}

/// Takes the value after `flag` from `args`, if present.
pub(crate) fn flag_value<'a>(args: &[&'a str], flag: &str) -> anyhow::Result<Option<&'a str>> {
    match args.iter().position(|a| *a == flag) {
        None => Ok(None),
        Some(i) => args
            .get(i + 1)
            .copied()
            .map(Some)
            .ok_or_else(|| anyhow::anyhow!("{flag} needs a value")),
    }
}
