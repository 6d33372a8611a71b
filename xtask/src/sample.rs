//! `cargo xtask sample <route> [--blocking] [--spec PATH]`: the Rust sample of one operation,
//! the way Seam's website shows a sample request in other languages. The program is the
//! operation's rustdoc example (`seam_codegen::render::sample::sample`), with a `main`.

use anyhow::Context;
use seam_codegen::model::{self, Operation};
use std::path::{Path, PathBuf};

use crate::cli::{self, Arg, Args};

/// `cargo xtask sample --help`.
pub const HELP: &str = "usage: cargo xtask sample <route> [--blocking] [--spec PATH]

Prints a complete Rust program calling one operation: its imports, main, the client from the
environment (SEAM_API_KEY, ...), the request, the call and the result shown. It is the example
of the operation's documentation, formatted.

arguments:
  <route>       the operation's route, e.g. acs/credentials/create (a leading / is optional)

options:
  --blocking    the blocking client's form (seam::blocking, cargo feature `blocking`): plain
                fn main, no .await
  --spec PATH   the spec to read the operation from (default: specs/seam-connect.json, whose
                sha256 must match specs/seam-connect.provenance.json)";

/// How many routes an unknown route's error lists.
const CLOSEST: usize = 5;

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
struct Opts {
    /// The route, as typed.
    route: String,
    blocking: bool,
    spec: Option<PathBuf>,
}

fn parse(args: &mut Args) -> anyhow::Result<Opts> {
    let (mut route, mut blocking, mut spec) = (None, false, None);
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("blocking") => blocking = true,
            Arg::Long("spec") => spec = Some(args.path()?),
            Arg::Value(value) if route.is_none() => route = Some(cli::text(value)?),
            other => return Err(cli::unexpected(other)),
        }
    }
    let route = route.ok_or_else(|| cli::usage("the route is missing"))?;
    Ok(Opts {
        route,
        blocking,
        spec,
    })
}

/// `cargo xtask sample ...`: parses the arguments, builds the IR and prints the program.
pub fn main(root: &Path, args: &mut Args) -> anyhow::Result<()> {
    let opts = parse(args)?;
    let spec = match opts.spec {
        Some(path) => path,
        None => crate::spec::verify_vendored(root)?,
    };
    let loaded = seam_codegen::load::load_file(&spec)
        .with_context(|| format!("loading {}", spec.display()))?;
    let api = model::build(&loaded).with_context(|| format!("modelling {}", spec.display()))?;
    let operations = api.operations();
    let op = find(&operations, &opts.route)?;
    let program = seam_codegen::render::sample::sample(op, opts.blocking)?;
    crate::cli::print_out(&program).context("writing the sample")
}

/// The operation at `route` (with or without its leading `/`); else an error naming the
/// closest routes.
fn find<'a>(operations: &[&'a Operation], route: &str) -> anyhow::Result<&'a Operation> {
    let paths: Vec<&str> = operations.iter().map(|op| op.path.as_str()).collect();
    Ok(operations[position(&paths, route)?])
}

/// The index of `route` in `paths` (both with or without a leading `/`); else an error naming
/// the [`CLOSEST`] paths, nearest first.
fn position(paths: &[&str], route: &str) -> anyhow::Result<usize> {
    let wanted = route.trim_matches('/');
    let bare: Vec<&str> = paths.iter().map(|p| p.trim_start_matches('/')).collect();
    if let Some(at) = bare.iter().position(|p| *p == wanted) {
        return Ok(at);
    }
    let mut ranked: Vec<(usize, &str)> = bare.iter().map(|p| (distance(wanted, p), *p)).collect();
    ranked.sort();
    let closest: Vec<&str> = ranked.iter().take(CLOSEST).map(|(_, p)| *p).collect();
    anyhow::bail!(
        "no operation at route `{route}` in the spec; the closest routes:\n  {}",
        closest.join("\n  ")
    )
}

/// The Levenshtein distance between `a` and `b` (edits of one character).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    fn parsed(args: &[&str]) -> anyhow::Result<Opts> {
        parse(&mut Args::new(args.iter().copied()))
    }

    #[test]
    fn arguments_parse_into_the_route_and_flags() {
        let table: [(&[&str], Opts); 3] = [
            (
                &["acs/credentials/create"],
                Opts {
                    route: "acs/credentials/create".to_owned(),
                    blocking: false,
                    spec: None,
                },
            ),
            (
                &["--blocking", "/locks/unlock_door"],
                Opts {
                    route: "/locks/unlock_door".to_owned(),
                    blocking: true,
                    spec: None,
                },
            ),
            (
                &["devices/list", "--spec", "other.json", "--blocking"],
                Opts {
                    route: "devices/list".to_owned(),
                    blocking: true,
                    spec: Some(PathBuf::from("other.json")),
                },
            ),
        ];
        for (args, want) in table {
            assert_eq!(parsed(args).expect("parses"), want, "{args:?}");
        }
    }

    #[test]
    fn a_missing_route_a_second_route_or_a_spec_without_path_is_refused() {
        let table: [(&[&str], &str); 3] = [
            (&["--blocking"], "the route is missing"),
            (&["devices/list", "locks/unlock_door"], "locks/unlock_door"),
            (&["devices/list", "--spec"], "--spec"),
        ];
        for (args, says) in table {
            let err = format!("{:#}", parsed(args).unwrap_err());
            assert!(err.contains(says), "{args:?}: {err}");
        }
    }

    #[test]
    fn a_route_is_found_with_or_without_its_leading_slash() {
        let paths = ["/devices/list", "/devices/get"];
        for route in ["devices/get", "/devices/get", "devices/get/"] {
            assert_eq!(position(&paths, route).expect("found"), 1, "{route}");
        }
    }

    #[test]
    fn an_unknown_route_is_an_error_listing_the_closest_routes_first() {
        let paths = [
            "/acs/credentials/create",
            "/acs/credentials/assign",
            "/acs/users/create",
            "/devices/list",
            "/locks/unlock_door",
            "/thermostats/cool",
            "/workspaces/create",
        ];
        let err = position(&paths, "acs/credential/create")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("no operation at route `acs/credential/create`"),
            "{err}"
        );
        let listed: Vec<&str> = err.lines().skip(1).map(str::trim).collect();
        assert_eq!(listed.len(), CLOSEST, "{err}");
        assert_eq!(
            listed[..3],
            [
                "acs/credentials/create",
                "acs/credentials/assign",
                "acs/users/create"
            ],
            "{err}"
        );
    }

    #[test]
    fn distance_counts_single_character_edits() {
        let table = [
            ("", "", 0),
            ("abc", "", 3),
            ("", "ab", 2),
            ("kitten", "sitting", 3),
            ("acs/credential/create", "acs/credentials/create", 1),
        ];
        for (a, b, want) in table {
            assert_eq!(distance(a, b), want, "{a} → {b}");
            assert_eq!(distance(b, a), want, "{b} → {a}");
        }
    }
}
