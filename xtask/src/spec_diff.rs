//! `cargo xtask spec diff OLD NEW`: what changed for users of the generated crate between two
//! specs, as a Markdown CHANGELOG entry with a suggested version (see `seam_codegen::diff`).

use std::path::{Path, PathBuf};

use anyhow::Context;
use seam_codegen::diff::{self, markdown};
use seam_codegen::load::{self, Spec};

use crate::cli::{self, Arg, Args};
use crate::spec::SPEC_FILE;

/// `cargo xtask spec diff --help`.
pub const HELP: &str = "usage: cargo xtask spec diff OLD NEW [--out FILE] [--version CURRENT]

Compares two specs in the generated crate's terms (removed methods, fields that became optional,
new enum values, ...), classifies each change as major/minor/patch, suggests the next version of
the generated crate and prints a Markdown CHANGELOG entry. Writes nothing unless --out is given.

arguments:
  OLD, NEW          spec files (JSON or YAML); `vendored` means specs/seam-connect.json

options:
  --out FILE        write the Markdown to FILE instead of printing it
  --version CURRENT current version of the generated crate (default: specs/crate-version.txt)";

/// Name of the generated crate, as the report calls it.
const CRATE_NAME: &str = "seam";

/// What `spec diff` was asked for.
struct Opts {
    old: String,
    new: String,
    out: Option<PathBuf>,
    version: Option<String>,
}

fn parse(args: &mut Args) -> anyhow::Result<Opts> {
    let mut positional = Vec::new();
    let (mut out, mut version) = (None, None);
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("out") => out = Some(args.path()?),
            Arg::Long("version") => version = Some(args.string()?),
            Arg::Value(value) if positional.len() < 2 => positional.push(cli::text(value)?),
            other => return Err(cli::unexpected(other)),
        }
    }
    let Ok([old, new]) = <[String; 2]>::try_from(positional) else {
        return Err(cli::usage("takes two specs, OLD and NEW"));
    };
    Ok(Opts {
        old,
        new,
        out,
        version,
    })
}

/// `cargo xtask spec diff ...`: parses the arguments, then compares the two specs.
pub fn main(root: &Path, args: &mut Args) -> anyhow::Result<()> {
    let Opts {
        old,
        new,
        out,
        version,
    } = parse(args)?;
    let (old, new) = (old.as_str(), new.as_str());
    let (old_path, new_path) = (resolve(root, old), resolve(root, new));
    let old_spec = load::load_file(&old_path)?;
    let new_spec = load::load_file(&new_path)?;
    let version = match version {
        Some(v) => v,
        None => current_version(root)?,
    };
    let md = report(
        &old_spec,
        &new_spec,
        &version,
        &label(old, &old_path),
        &label(new, &new_path),
    )?;
    match out {
        Some(file) => {
            std::fs::write(&file, &md)
                .with_context(|| format!("cannot write {}", file.display()))?;
            eprintln!("wrote {}", file.display());
        }
        None => print!("{md}"),
    }
    Ok(())
}

/// The report printed by `spec fetch`: the vendored spec (still the old one) against the
/// downloaded document.
pub fn fetch_report(
    root: &Path,
    vendored: &Path,
    fetched: &openapiv3::OpenAPI,
    url: &str,
) -> anyhow::Result<String> {
    let old = load::load_file(vendored)?;
    let new = Spec {
        path: PathBuf::from(url),
        doc: fetched.clone(),
    };
    report(
        &old,
        &new,
        &current_version(root)?,
        &format!("specs/{SPEC_FILE}"),
        url,
    )
}

/// Builds both IRs, compares them and renders the Markdown.
fn report(
    old: &Spec,
    new: &Spec,
    version: &str,
    old_label: &str,
    new_label: &str,
) -> anyhow::Result<String> {
    markdown(&compare(old, new)?, version, old_label, new_label)
}

/// Builds the IR of both specs and compares them: the one diff behind `spec diff`, `spec fetch`
/// and `spec update`.
pub fn compare(old: &Spec, new: &Spec) -> anyhow::Result<diff::Report> {
    diff::diff_specs(old, new).context("cannot build the IR of a spec")
}

/// The report as Markdown, with the version it suggests after `version`.
pub fn markdown(
    report: &diff::Report,
    version: &str,
    old_label: &str,
    new_label: &str,
) -> anyhow::Result<String> {
    let opts = markdown::Options {
        crate_name: CRATE_NAME,
        current_version: version,
        old_label,
        new_label,
    };
    Ok(markdown::render(report, &opts)?)
}

/// `vendored` → `specs/seam-connect.json`; any other argument is a path.
fn resolve(root: &Path, arg: &str) -> PathBuf {
    if arg == "vendored" {
        root.join("specs").join(SPEC_FILE)
    } else {
        PathBuf::from(arg)
    }
}

/// How the report names a spec: its file name (stable whatever the working directory).
fn label(arg: &str, path: &Path) -> String {
    if arg == "vendored" {
        return format!("specs/{SPEC_FILE}");
    }
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| arg.to_owned())
}

/// The generated crate's version, from its one home (`specs/crate-version.txt`).
pub fn current_version(root: &Path) -> anyhow::Result<String> {
    seam_codegen::render::read_crate_version(root).context("or pass --version")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../crates/seam-codegen/tests/fixtures/diff")
            .join(name)
    }

    /// A project root whose generated crate is at `version`.
    fn root_at(version: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("specs")).expect("mkdir");
        let home = dir.path().join(seam_codegen::render::CRATE_VERSION_FILE);
        std::fs::write(home, format!("{version}\n")).expect("write");
        dir
    }

    fn run(root: &Path, args: &[&str]) -> anyhow::Result<()> {
        super::main(root, &mut crate::cli::Args::new(args))
    }

    #[test]
    fn writes_the_report_with_the_generated_crate_version() {
        let root = root_at("0.4.0");
        let out = root.path().join("CHANGES.md");
        let (old, new) = (fixture("ops-old.json"), fixture("ops-new.json"));
        let args = [
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        run(root.path(), &args).expect("runs");
        let md = std::fs::read_to_string(&out).expect("written");
        assert!(md.starts_with("## seam 0.5.0\n"), "{md}");
        assert!(md.contains("Spec: `ops-old.json`"), "{md}");
        assert!(
            md.contains("- `seam.widgets().delete()`: method removed (`POST /widgets/delete`)")
        );

        let args = [
            old.to_str().unwrap(),
            old.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--version",
            "2.1.0",
        ];
        run(root.path(), &args).expect("runs");
        let md = std::fs::read_to_string(&out).expect("written");
        assert!(md.starts_with("## seam 2.1.0\n"), "{md}");
    }

    #[test]
    fn rejects_bad_arguments() {
        let root = root_at("0.1.0");
        let old = fixture("ops-old.json");
        let old = old.to_str().unwrap();
        for args in [
            vec![old],
            vec![old, old, old],
            vec![old, old, "--bogus"],
            vec![old, old, "--out"],
        ] {
            assert!(run(root.path(), &args).is_err(), "{args:?} accepted");
        }
        let err = run(root.path(), &[old, "/no/such/spec.json"]).unwrap_err();
        assert!(format!("{err:#}").contains("/no/such/spec.json"), "{err:#}");
        let err = run(root.path(), &[old, old, "--version", "1.2"]).unwrap_err();
        assert!(format!("{err:#}").contains("1.2"), "{err:#}");
    }

    #[test]
    fn fetch_report_compares_the_vendored_spec_with_the_download() {
        let root = root_at("0.1.0");
        let fetched = load::load_file(&fixture("ops-new.json"))
            .expect("loads")
            .doc;
        let md = fetch_report(
            root.path(),
            &fixture("ops-old.json"),
            &fetched,
            "https://x.test/openapi.json",
        )
        .expect("diffs");
        assert!(md.starts_with("## seam 0.2.0\n"), "{md}");
        assert!(md.contains("→ `https://x.test/openapi.json`"), "{md}");
        assert!(fetch_report(root.path(), Path::new("/no/such/spec.json"), &fetched, "u").is_err());
    }

    #[test]
    fn vendored_means_the_spec_in_specs() {
        let root = Path::new("/r");
        assert_eq!(
            resolve(root, "vendored"),
            root.join("specs").join(SPEC_FILE)
        );
        assert_eq!(resolve(root, "a/b.json"), PathBuf::from("a/b.json"));
        assert_eq!(label("a/b.json", Path::new("a/b.json")), "b.json");
    }
}
