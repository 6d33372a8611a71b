//! `cargo xtask spec diff OLD NEW`: what changed for users of the generated crate between two
//! specs, as a Markdown CHANGELOG entry with a suggested version (see `seam_codegen::diff`).

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use seam_codegen::diff::{self, markdown};
use seam_codegen::load::{self, Spec};

use crate::spec::SPEC_FILE;

const USAGE: &str = "usage: cargo xtask spec diff OLD NEW [--out FILE] [--version CURRENT]
  OLD, NEW   spec files (JSON or YAML); `vendored` means specs/seam-connect.json
  --out      write the Markdown to FILE instead of printing it
  --version  current version of the generated crate (default: `version` in generated/Cargo.toml)";

/// Name of the generated crate, as the report calls it.
const CRATE_NAME: &str = "seam";

/// Runs `spec diff` with the arguments after `spec diff`.
pub fn run(root: &Path, args: &[&str]) -> anyhow::Result<()> {
    let mut positional = Vec::new();
    let mut out = None;
    let mut version = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match *arg {
            "--out" | "--version" => {
                let value = rest
                    .next()
                    .with_context(|| format!("{arg} needs a value\n{USAGE}"))?;
                if *arg == "--out" {
                    out = Some(PathBuf::from(value));
                } else {
                    version = Some((*value).to_owned());
                }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            flag if flag.starts_with("--") => bail!("spec diff: unknown flag {flag:?}\n{USAGE}"),
            path => positional.push(path),
        }
    }
    let [old, new] = positional.as_slice() else {
        bail!("spec diff takes two specs, OLD and NEW\n{USAGE}");
    };
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
    let report = diff::diff_specs(old, new).context("cannot build the IR of a spec")?;
    let opts = markdown::Options {
        crate_name: CRATE_NAME,
        current_version: version,
        old_label,
        new_label,
    };
    Ok(markdown::render(&report, &opts)?)
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

/// The `version` of `[package]` in `generated/Cargo.toml`.
fn current_version(root: &Path) -> anyhow::Result<String> {
    let path = root.join("generated/Cargo.toml");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {} (or pass --version)", path.display()))?;
    package_version(&text).with_context(|| {
        format!(
            "{}: no `version` in [package] (or pass --version)",
            path.display()
        )
    })
}

/// Finds `version = "..."` in the `[package]` table of a Cargo manifest.
fn package_version(manifest: &str) -> Option<String> {
    let mut in_package = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
            continue;
        }
        if !in_package {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if key.trim() == "version" {
            let value = value.trim();
            let value = value.strip_prefix('"')?.split('"').next()?;
            return Some(value.to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_package_version_only() {
        let manifest = "# c\n[package]\nname = \"seam\"\nversion = \"0.3.1\" # x\n\n[dependencies]\nversion = \"9\"\n";
        assert_eq!(package_version(manifest).as_deref(), Some("0.3.1"));
        assert_eq!(
            package_version("[dependencies]\nversion = \"1.0.0\"\n"),
            None
        );
        assert_eq!(package_version("[package]\nversion = 1\n"), None);
    }

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../crates/seam-codegen/tests/fixtures/diff")
            .join(name)
    }

    /// A project root whose generated crate is at `version`.
    fn root_at(version: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("generated")).expect("mkdir");
        let manifest = format!("[package]\nname = \"seam\"\nversion = \"{version}\"\n");
        std::fs::write(dir.path().join("generated/Cargo.toml"), manifest).expect("write");
        dir
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
