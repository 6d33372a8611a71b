//! `cargo xtask spec ...`: the vendored spec, its provenance record, and fetching a new one.
//!
//! The spec lives in `specs/seam-connect.json`; `specs/seam-connect.provenance.json` records where
//! it came from, which version it is and its sha256. [`verify_vendored`] checks the two agree before
//! anything reads the spec; [`fetch_main`] downloads a new spec, validates it and replaces both
//! files together (or neither); [`update_main`] (`update.rs`) is the whole release step.

mod fetch;
mod provenance;
#[cfg(test)]
mod tests;
mod update;

pub use update::{UPDATE_HELP, update_main};

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};

use crate::cli::{self, Arg, Args};

use self::fetch::FetchOptions;
use self::provenance::{Provenance, sha256_hex};

/// File name of the vendored spec inside `specs/`.
pub const SPEC_FILE: &str = "seam-connect.json";
/// File name of the provenance record inside `specs/`.
pub const PROVENANCE_FILE: &str = "seam-connect.provenance.json";
/// Where `cargo xtask spec fetch` downloads from unless `--url` says otherwise.
pub const DEFAULT_URL: &str = "https://connect.getseam.com/openapi.json";
/// Upper bound for the whole download (connect, headers and body).
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// `cargo xtask spec fetch --help`.
pub const FETCH_HELP: &str = "usage: cargo xtask spec fetch [--url URL] [--version V]

Downloads the spec, checks that it is an OpenAPI 3.0 document with paths (JSON, or YAML stored as
JSON), prints what changed for the generated crate, then replaces specs/seam-connect.json and its
provenance record together. On any error nothing in specs/ changes. Does not regenerate: see
`cargo xtask spec update` for the whole release step.

options:
  --url URL     where to download from (default: https://connect.getseam.com/openapi.json)
  --version V   the spec release to record (default: the spec's info.version)";

/// What `spec fetch` was asked for.
struct FetchArgs {
    url: String,
    version: Option<String>,
}

fn parse_fetch(args: &mut Args) -> anyhow::Result<FetchArgs> {
    let mut parsed = FetchArgs {
        url: DEFAULT_URL.to_owned(),
        version: None,
    };
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("url") => parsed.url = args.string()?,
            Arg::Long("version") => parsed.version = Some(args.string()?),
            other => return Err(cli::unexpected(other)),
        }
    }
    Ok(parsed)
}

/// `cargo xtask spec fetch [--url URL] [--version V]`.
///
/// Downloads the spec from `URL` (default [`DEFAULT_URL`]), checks that it is an OpenAPI 3.0
/// document with paths, then replaces `specs/seam-connect.json` and its provenance record. The
/// provenance `version` is the spec's `info.version` unless `--version` is given. On any error
/// nothing in `specs/` changes.
pub fn fetch_main(root: &Path, args: &mut Args) -> anyhow::Result<()> {
    let parsed = parse_fetch(args)?;
    let url = parsed.url.as_str();
    let opts = FetchOptions {
        timeout: DEFAULT_TIMEOUT,
        version: parsed.version,
    };
    let specs_dir = root.join("specs");

    eprintln!("fetching {url} ...");
    let fetched = fetch::download(url, &opts)?;

    // Spec diff: the vendored spec (still the old one here) against the download, before `install`
    // replaces it. Informational: a spec the generator cannot model yet must not block the fetch.
    match crate::spec_diff::fetch_report(root, &specs_dir.join(SPEC_FILE), &fetched.openapi, url) {
        Ok(report) => println!("{report}"),
        Err(err) => eprintln!("warning: no spec diff: {err:#}"),
    }

    let summary = fetch::install(&specs_dir, &fetched, &opts)?;
    print!("{}", summary.report(root));
    Ok(())
}

/// Checks `specs/seam-connect.json` against `specs/seam-connect.provenance.json` (sha256) and
/// returns the spec's path.
///
/// Fails with the expected and actual hash, and how to fix it, when they differ; fails when the
/// record or the spec is missing or the record is not valid.
pub fn verify_vendored(root: &Path) -> anyhow::Result<PathBuf> {
    verify_dir(&root.join("specs"))
}

/// [`verify_vendored`] for a given `specs/` folder.
fn verify_dir(specs_dir: &Path) -> anyhow::Result<PathBuf> {
    let record_path = specs_dir.join(PROVENANCE_FILE);
    let spec_path = specs_dir.join(SPEC_FILE);
    let record = Provenance::read(&record_path)?;
    if record.file != SPEC_FILE {
        bail!(
            "{}: `file` is {:?}, expected {SPEC_FILE:?}",
            record_path.display(),
            record.file
        );
    }
    let bytes = std::fs::read(&spec_path).with_context(|| {
        format!(
            "cannot read the vendored spec {} (restore it from git, or run `cargo xtask spec fetch`)",
            spec_path.display()
        )
    })?;
    let actual = sha256_hex(&bytes);
    if !actual.eq_ignore_ascii_case(&record.sha256) {
        bail!(
            "the vendored spec {} does not match its provenance record {}\n  \
             expected sha256 {}\n  actual   sha256 {actual}\n\
             Restore the file (`git checkout -- specs/{SPEC_FILE}`), or run `cargo xtask spec fetch` \
             to download a spec and rewrite both files together.",
            spec_path.display(),
            record_path.display(),
            record.sha256,
        );
    }
    Ok(spec_path)
}
