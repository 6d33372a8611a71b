//! The command line of the xtask: the command table's row type, one `--help` per command, and the
//! argument reader each command parses its flags with.
//!
//! Parsing is done by `lexopt`: no macros and no dependencies (cheap to build on a 2-core CI
//! runner), and pedantic: an unknown flag, a missing value or a stray argument is an error, never
//! ignored. Each command owns its help text and its parser, next to each other in its module.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

pub use lexopt::Arg;

/// One command: the words that name it, a one-line summary, its help, and what runs it.
pub struct Command {
    /// The words after `cargo xtask` (`["spec", "update"]`).
    pub words: &'static [&'static str],
    /// One line for the list of commands.
    pub summary: &'static str,
    /// The full help printed by `--help`: a `usage:` line, then what it does and its options.
    pub help: &'static str,
    /// Parses the arguments after the words (through [`Args`]), then runs.
    pub run: fn(&Path, &mut Args) -> anyhow::Result<()>,
}

impl Command {
    /// The command's name as typed: `spec update`.
    pub fn name(&self) -> String {
        self.words.join(" ")
    }
}

/// `-h` or `--help` was given: the dispatcher prints the command's help instead of running it.
#[derive(Debug)]
pub struct HelpRequested;

impl fmt::Display for HelpRequested {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("help requested")
    }
}

impl std::error::Error for HelpRequested {}

/// The command line does not fit the command (unknown flag, missing value, stray argument).
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

impl From<lexopt::Error> for UsageError {
    fn from(err: lexopt::Error) -> Self {
        UsageError(err.to_string())
    }
}

/// The arguments after a command's words.
pub struct Args {
    parser: lexopt::Parser,
}

impl Args {
    /// Arguments to parse (without the program name or the command's words).
    pub fn new<I, S>(args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        Args {
            parser: lexopt::Parser::from_args(args),
        }
    }

    /// The next flag or value; `-h`/`--help` anywhere ends parsing with [`HelpRequested`].
    pub fn next(&mut self) -> anyhow::Result<Option<Arg<'_>>> {
        match self.parser.next().map_err(UsageError::from)? {
            Some(Arg::Short('h') | Arg::Long("help")) => Err(HelpRequested.into()),
            other => Ok(other),
        }
    }

    /// The value of the flag just read, as UTF-8 text.
    pub fn string(&mut self) -> anyhow::Result<String> {
        let value = self.parser.value().map_err(UsageError::from)?;
        text(value)
    }

    /// The value of the flag just read, as a path.
    pub fn path(&mut self) -> anyhow::Result<PathBuf> {
        Ok(PathBuf::from(
            self.parser.value().map_err(UsageError::from)?,
        ))
    }

    /// Whether the next raw argument is exactly `--` (what follows is passed through verbatim).
    pub fn at_double_dash(&mut self) -> bool {
        self.parser
            .try_raw_args()
            .is_some_and(|raw| raw.peek().is_some_and(|a| a == "--"))
    }
}

/// A positional value as UTF-8 text.
pub fn text(value: OsString) -> anyhow::Result<String> {
    value
        .into_string()
        .map_err(|v| UsageError(format!("{v:?} is not valid UTF-8")).into())
}

/// The error for an argument the command does not take.
pub fn unexpected(arg: Arg<'_>) -> anyhow::Error {
    UsageError::from(arg.unexpected()).into()
}

/// A usage error with a message of our own (two flags that exclude each other, a missing one).
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

/// What [`dispatch`] decided: print a help text, or the command ran.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// `--help` (of a command, or of the whole xtask): print this text.
    Help(String),
    /// The command ran to the end.
    Ran,
}

/// Finds the command named by the first words of `args` in `commands`, parses the rest and runs
/// it. A usage error names the command and shows its help.
pub fn dispatch(commands: &[Command], root: &Path, args: Vec<OsString>) -> anyhow::Result<Outcome> {
    let words: Vec<&str> = args.iter().map(|a| a.to_str().unwrap_or("")).collect();
    match words.as_slice() {
        [] => anyhow::bail!("no command given\n\n{}", overview(commands)),
        ["help" | "-h" | "--help", ..] => return Ok(Outcome::Help(overview(commands))),
        _ => {}
    }
    let Some(command) = commands
        .iter()
        .filter(|c| words.starts_with(c.words))
        .max_by_key(|c| c.words.len())
    else {
        let known: Vec<String> = commands
            .iter()
            .filter(|c| c.words.starts_with(&words[..1]))
            .map(|c| format!("`cargo xtask {}`", c.name()))
            .collect();
        let hint = if known.is_empty() {
            String::new()
        } else {
            format!(" (did you mean {}?)", known.join(", "))
        };
        return Err(anyhow::anyhow!(
            "unknown command `{}`{hint}\n\n{}",
            words.join(" "),
            overview(commands)
        ));
    };
    let mut rest = Args::new(args.into_iter().skip(command.words.len()));
    match (command.run)(root, &mut rest) {
        Ok(()) => Ok(Outcome::Ran),
        Err(err) if err.is::<HelpRequested>() => Ok(Outcome::Help(command.help.to_owned())),
        Err(err) => match err.downcast_ref::<UsageError>() {
            Some(usage) => Err(anyhow::anyhow!(
                "{}: {usage}\n\n{}",
                command.name(),
                command.help
            )),
            None => Err(err),
        },
    }
}

/// The top-level help: every command with its summary.
pub fn overview(commands: &[Command]) -> String {
    let width = commands.iter().map(|c| c.name().len()).max().unwrap_or(0);
    let mut out = String::from(
        "usage: cargo xtask <command> [options]\n\n\
         Developer tasks of seam-codegen. `cargo xtask <command> --help` describes one command.\n\n\
         commands:\n",
    );
    for c in commands {
        out.push_str(&format!("  {:<width$}  {}\n", c.name(), c.summary));
    }
    out
}

/// Writes `text` to stdout. A reader that stopped early (`cargo xtask ... | head`) closed the
/// pipe after taking what it wanted: that is not an error, and never a panic.
pub fn print_out(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_ok(_: &Path, args: &mut Args) -> anyhow::Result<()> {
        while let Some(arg) = args.next()? {
            match arg {
                Arg::Long("flag") => {}
                Arg::Long("value") => {
                    args.string()?;
                }
                other => return Err(unexpected(other)),
            }
        }
        Ok(())
    }

    const TABLE: &[Command] = &[
        Command {
            words: &["spec", "diff"],
            summary: "diff",
            help: "usage: cargo xtask spec diff",
            run: run_ok,
        },
        Command {
            words: &["spec"],
            summary: "spec",
            help: "usage: cargo xtask spec",
            run: run_ok,
        },
    ];

    fn go(args: &[&str]) -> anyhow::Result<Outcome> {
        dispatch(
            TABLE,
            Path::new("/nonexistent"),
            args.iter().map(OsString::from).collect(),
        )
    }

    #[test]
    fn longest_command_wins_and_help_is_the_commands_own() {
        assert_eq!(
            go(&["spec", "diff", "--help"]).unwrap(),
            Outcome::Help("usage: cargo xtask spec diff".into())
        );
        assert_eq!(
            go(&["spec", "--flag", "-h"]).unwrap(),
            Outcome::Help("usage: cargo xtask spec".into())
        );
        assert_eq!(go(&["spec", "diff", "--value", "x"]).unwrap(), Outcome::Ran);
        assert!(
            matches!(go(&["--help"]).unwrap(), Outcome::Help(text) if text.contains("spec diff"))
        );
        assert!(go(&[]).is_err());
    }

    #[test]
    fn usage_errors_name_the_command_and_show_its_help() {
        for (args, needle) in [
            (&["spec", "diff", "--bogus"][..], "--bogus"),
            (&["spec", "diff", "--value"][..], "--value"),
            (&["spec", "diff", "stray"][..], "stray"),
            (&["spec", "diff", "--flag=1"][..], "--flag"),
        ] {
            let err = format!("{:#}", go(args).unwrap_err());
            assert!(err.starts_with("spec diff: "), "{err}");
            assert!(err.contains(needle), "{err}");
            assert!(err.contains("usage: cargo xtask spec diff"), "{err}");
        }
        let err = format!("{:#}", go(&["nope"]).unwrap_err());
        assert!(err.contains("unknown command `nope`"), "{err}");
    }
}
