//! `cargo xtask`: the developer entry point of seam-codegen.
//!
//! Every command is one row of [`COMMANDS`]: its words, a summary, its `--help` text and the
//! function that parses its flags and runs it (see [`cli`]). Add a command by adding a row.

mod actionlint;
mod bench;
mod cli;
mod codegen;
mod parity;
mod peers;
mod sample;
mod spec;
mod spec_diff;
mod test_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use cli::Command;

/// The generator allocates many small strings and syntax nodes: mimalloc is faster at that than
/// the system allocator (BENCHMARKS.md, codegen).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The commands, in the order `cargo xtask --help` lists them.
const COMMANDS: &[Command] = &[
    Command {
        words: &["codegen"],
        summary: "generate the client crate (default: specs/ -> generated/)",
        help: codegen::HELP,
        run: codegen::main,
    },
    Command {
        words: &["sample"],
        summary: "print the Rust sample of one operation (its documented example, with main)",
        help: sample::HELP,
        run: sample::main,
    },
    Command {
        words: &["spec", "fetch"],
        summary: "download the spec into specs/, update its provenance",
        help: spec::FETCH_HELP,
        run: spec::fetch_main,
    },
    Command {
        words: &["spec", "update"],
        summary: "new spec -> verified, diffed, regenerated, version bumped, CHANGELOG entry",
        help: spec::UPDATE_HELP,
        run: spec::update_main,
    },
    Command {
        words: &["spec", "diff"],
        summary: "what changed for the generated crate between two specs, with SemVer",
        help: spec_diff::HELP,
        run: spec_diff::main,
    },
    Command {
        words: &["test"],
        summary: "run every test (installs the npm mock servers)",
        help: test_cmd::HELP,
        run: test_cmd::main,
    },
    Command {
        words: &["parity"],
        summary: "differential suite against @seamapi/http (prints parity: N/M last)",
        help: parity::HELP,
        run: parity::main,
    },
    Command {
        words: &["bench"],
        summary: "performance tables: codegen, decode vs serde floor, compile times",
        help: bench::HELP,
        run: bench::main,
    },
];

fn main() -> ExitCode {
    let args = std::env::args_os().skip(1).collect();
    match cli::dispatch(COMMANDS, &project_root(), args) {
        Ok(cli::Outcome::Help(text)) => match cli::print_out(&format!("{}\n", text.trim_end())) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("error: writing the help: {err}");
                ExitCode::FAILURE
            }
        },
        Ok(cli::Outcome::Ran) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of this crate's folder.
fn project_root() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    dir.parent().map(PathBuf::from).unwrap_or(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;
    use std::path::Path;

    fn dispatch(args: &[&str]) -> anyhow::Result<cli::Outcome> {
        // A root that does not exist: a command that went past parsing would fail.
        cli::dispatch(
            COMMANDS,
            Path::new("/nonexistent/xtask-root"),
            args.iter().map(OsString::from).collect(),
        )
    }

    #[test]
    fn every_command_has_its_own_help() {
        let mut seen = Vec::new();
        for command in COMMANDS {
            let usage = format!("usage: cargo xtask {}", command.name());
            assert!(command.help.starts_with(&usage), "{}", command.help);
            for flag in ["--help", "-h"] {
                let mut args = command.words.to_vec();
                args.push(flag);
                let outcome = dispatch(&args).expect("help is not an error");
                assert_eq!(outcome, cli::Outcome::Help(command.help.to_owned()));
            }
            assert!(
                !seen.contains(&command.help),
                "{} shares a help",
                command.name()
            );
            seen.push(command.help);
        }
        let cli::Outcome::Help(overview) = dispatch(&["--help"]).unwrap() else {
            panic!("no overview");
        };
        for command in COMMANDS {
            assert!(overview.contains(&command.name()), "{overview}");
        }
    }

    #[test]
    fn every_command_refuses_unknown_flags_before_doing_anything() {
        for command in COMMANDS {
            let mut args = command.words.to_vec();
            args.push("--no-such-flag");
            let err = format!("{:#}", dispatch(&args).unwrap_err());
            assert!(
                err.starts_with(&format!("{}: ", command.name())) && err.contains("--no-such-flag"),
                "{err}"
            );
            assert!(err.contains(command.help), "{err}");
        }
        let err = format!("{:#}", dispatch(&["spec"]).unwrap_err());
        assert!(err.contains("cargo xtask spec fetch"), "{err}");
    }
}
