//! `cargo xtask spec update`: from a new spec to a release-ready change in one command.
//!
//! Everything is decided in memory first: the vendored spec is verified, the new one taken (a
//! download or a file) and checked as `spec fetch` checks it, the two compared (the report of
//! `spec diff`), the next version of the generated crate chosen from the report, the crate
//! regenerated at that version and a CHANGELOG entry written. Only then is the tree touched,
//! through one [`commit::Transaction`]: every file staged, then swapped in; on any failure the
//! tree is as it was. A spec with the same bytes as the vendored one changes nothing.
//!
//! Versions: the largest severity of the report decides (`seam_codegen::diff::markdown::next_version`,
//! Cargo's reading of SemVer): from 1.0.0 on, major/minor/patch bump their own number; while the
//! crate is `0.y.z`, a breaking change bumps `y` and anything else bumps `z`. A breaking change
//! therefore never ships as a patch. When the report is empty but the generated files still
//! differ (contract samples, README), the release is a patch; when neither changed, the new spec
//! is vendored without a release.

mod changelog;
mod commit;
#[cfg(test)]
mod tests;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use seam_codegen::diff::markdown::{bump_reason, next_version};
use seam_codegen::diff::{Report, Section, Severity};
use seam_codegen::load::Spec;
use seam_codegen::render::{CRATE_VERSION_FILE, OutputFile, write};

use super::fetch::{self, FetchOptions, Fetched, Format};
use super::provenance::{Provenance, sha256_hex, today_utc};
use super::{DEFAULT_TIMEOUT, DEFAULT_URL, PROVENANCE_FILE, SPEC_FILE};
use crate::cli::{self, Arg, Args};

/// `cargo xtask spec update --help`.
pub const UPDATE_HELP: &str =
    "usage: cargo xtask spec update [--url URL | --from FILE] [--spec-version V] [--summary FILE]

Takes a new spec (downloaded, or a local file), checks it as `spec fetch` does, compares it with
the vendored one as `spec diff` does, regenerates generated/, sets the generated crate's version
(specs/crate-version.txt) to the one the changes demand, prepends an entry to
generated/CHANGELOG.md, updates Cargo.lock, and prints a summary for a pull request.
Versions follow Cargo's SemVer: while the crate is 0.y.z, breaking changes bump y and anything
else bumps z; a breaking change never ships as a patch.
Same spec as the vendored one: says so, writes nothing, exits 0. Any failure: nothing changes
(every file is staged first, then swapped in).

options:
  --url URL         download the spec from URL (default: https://connect.getseam.com/openapi.json)
  --from FILE       take the spec from FILE (JSON or YAML) instead of downloading it
  --spec-version V  the spec release to record, e.g. 1.977.0 (default: the spec's info.version)
  --summary FILE    also write the summary (Markdown, a pull request's body) to FILE
In GitHub Actions ($GITHUB_OUTPUT set) it also writes the outputs changed=true|false and version.";

/// Where the new spec comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Download it.
    Url(String),
    /// Read it from a file.
    File(PathBuf),
}

/// What `spec update` was asked for.
#[derive(Debug, Clone)]
pub struct UpdateArgs {
    /// The new spec.
    pub source: Source,
    /// The spec release to record instead of `info.version`.
    pub spec_version: Option<String>,
    /// Where to write the summary.
    pub summary: Option<PathBuf>,
}

fn parse(args: &mut Args) -> anyhow::Result<UpdateArgs> {
    let (mut url, mut from, mut spec_version, mut summary) = (None, None, None, None);
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("url") => url = Some(args.string()?),
            Arg::Long("from") => from = Some(args.path()?),
            Arg::Long("spec-version") => spec_version = Some(args.string()?),
            Arg::Long("summary") => summary = Some(args.path()?),
            other => return Err(cli::unexpected(other)),
        }
    }
    let source = match (url, from) {
        (Some(_), Some(_)) => return Err(cli::usage("--url and --from exclude each other")),
        (Some(url), None) => Source::Url(url),
        (None, Some(file)) => Source::File(file),
        (None, None) => Source::Url(DEFAULT_URL.to_owned()),
    };
    Ok(UpdateArgs {
        source,
        spec_version,
        summary,
    })
}

/// `cargo xtask spec update ...`: parses the flags, then updates.
pub fn update_main(root: &Path, args: &mut Args) -> anyhow::Result<()> {
    let args = parse(args)?;
    let outcome = update(root, &args)?;
    println!("{}", outcome.message());
    if let Some(out) = std::env::var_os("GITHUB_OUTPUT") {
        github_output(Path::new(&out), &outcome)?;
    }
    Ok(())
}

/// What an update did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The new spec has the vendored spec's bytes: nothing was written.
    Unchanged {
        /// The sha256 of both.
        sha256: String,
    },
    /// The spec changed but the generated crate did not: the spec and its provenance were
    /// vendored, no release.
    SpecOnly {
        /// The crate's version (unchanged).
        version: String,
        /// The summary (also written to `--summary`).
        summary: String,
    },
    /// A new release of the generated crate.
    Released {
        /// The version before.
        from: String,
        /// The new version.
        to: String,
        /// The summary (also written to `--summary`).
        summary: String,
    },
}

impl Outcome {
    /// What to print.
    pub fn message(&self) -> String {
        match self {
            Outcome::Unchanged { sha256 } => format!(
                "spec update: the spec is unchanged (sha256 {sha256}); nothing to do, nothing written"
            ),
            Outcome::SpecOnly { summary, .. } | Outcome::Released { summary, .. } => {
                summary.clone()
            }
        }
    }
}

/// Appends `changed=true|false` and `version=...` (the crate's version after the update, empty
/// when nothing changed) to the GitHub Actions output file.
fn github_output(path: &Path, outcome: &Outcome) -> anyhow::Result<()> {
    use std::io::Write as _;
    let (changed, version) = match outcome {
        Outcome::Unchanged { .. } => (false, None),
        Outcome::SpecOnly { version, .. } => (true, Some(version.as_str())),
        Outcome::Released { to, .. } => (true, Some(to.as_str())),
    };
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    writeln!(file, "changed={changed}")?;
    writeln!(file, "version={}", version.unwrap_or(""))?;
    Ok(())
}

/// Runs the update in the workspace at `root` (see the module docs).
pub fn update(root: &Path, args: &UpdateArgs) -> anyhow::Result<Outcome> {
    update_with(root, args, |_| {})
}

/// [`update`] with a hook that may prepare the transaction before it commits (tests inject
/// failures there).
fn update_with(
    root: &Path,
    args: &UpdateArgs,
    before_commit: impl FnOnce(&mut commit::Transaction),
) -> anyhow::Result<Outcome> {
    let old_spec_path = super::verify_vendored(root)?;
    let old_record = Provenance::read(&root.join("specs").join(PROVENANCE_FILE))?;
    let current = seam_codegen::render::read_crate_version(root)?;

    let fetched = take(&args.source)?;
    let sha256 = sha256_hex(&fetched.json);
    if sha256 == old_record.sha256 {
        return Ok(Outcome::Unchanged { sha256 });
    }
    let spec_release = match &args.spec_version {
        Some(v) => v.clone(),
        None if fetched.openapi.info.version.trim().is_empty() => {
            bail!("the spec's info.version is empty; pass --spec-version V")
        }
        None => {
            // Seam's export keeps `info.version` at "1.0.0"; the release is the npm package's.
            eprintln!(
                "note: recording the spec's info.version {:?} as its release; pass \
                 --spec-version V to record the release it came from (the @seamapi/types version)",
                fetched.openapi.info.version
            );
            fetched.openapi.info.version.clone()
        }
    };
    let record = Provenance {
        file: SPEC_FILE.to_owned(),
        source_url: fetched.url.clone(),
        origin: match &args.source {
            Source::Url(_) => "fetched by cargo xtask spec update".to_owned(),
            Source::File(_) => "taken from a file by cargo xtask spec update".to_owned(),
        },
        version: spec_release.clone(),
        sha256: sha256.clone(),
        retrieved: today_utc(),
    };

    // The report: the vendored spec against the new one, in the generated crate's terms.
    let old = seam_codegen::load::load_file(&old_spec_path)?;
    let new = Spec {
        path: PathBuf::from(&fetched.url),
        doc: fetched.openapi.clone(),
    };
    let report = crate::spec_diff::compare(&old, &new)?;

    // The version, then the crate at that version.
    let generated_dir = root.join("generated");
    let mut options = crate::codegen::options_for(root, &generated_dir)?;
    let generate = |options: &seam_codegen::render::Options| {
        seam_codegen::generate_from(&new, options, Default::default())
            .with_context(|| format!("generating from the new spec ({})", fetched.url))
    };
    let (bump, files) = match report.bump() {
        Some(bump) => {
            options.crate_version = next_version(&current, Some(bump))?;
            (Some(bump), generate(&options)?.files)
        }
        None => {
            let files = generate(&options)?.files;
            if write::compare(&generated_dir, &files)?.is_fresh() {
                (None, files)
            } else {
                options.crate_version = next_version(&current, Some(Severity::Patch))?;
                (Some(Severity::Patch), generate(&options)?.files)
            }
        }
    };
    let next = options.crate_version.clone();

    let mut tx = commit::Transaction::new(root)?;
    tx.file(&format!("specs/{SPEC_FILE}"), &fetched.json)?;
    tx.file(&format!("specs/{PROVENANCE_FILE}"), &record.to_json()?)?;
    let summary = match bump {
        None => spec_only_summary(&old_record, &record, &report),
        Some(bump) => {
            let zero_major = current.starts_with("0.");
            let reason = if report.bump().is_none() {
                "No change to the Rust API, but the generated files differ: patch release"
                    .to_owned()
            } else {
                capitalise(bump_reason(Some(bump), zero_major))
            };
            let release = changelog::Release {
                version: &next,
                date: &record.retrieved,
                spec_from: &old_record.version,
                spec_to: &spec_release,
                sha256: &sha256,
                bump,
                reason,
            };
            let entry = changelog::entry(&release, &report);
            let old_changelog = read_optional(&root.join(changelog::FILE))?;
            let new_changelog = changelog::prepend(old_changelog.as_deref(), &entry, &next)?;
            tx.file(CRATE_VERSION_FILE, format!("{next}\n").as_bytes())?;
            tx.dir("generated", generated_files(&files, &new_changelog))?;
            if let Some(lock) = read_optional(&root.join("Cargo.lock"))? {
                tx.file("Cargo.lock", bump_lock(&lock, &current, &next)?.as_bytes())?;
            }
            release_summary(&release, &current, &report, &entry)
        }
    };

    // The summary goes next to its destination first, so a failure to write it changes nothing.
    let staged_summary = match &args.summary {
        Some(path) => Some(stage_summary(path, &summary)?),
        None => None,
    };
    before_commit(&mut tx);
    if let Err(err) = tx.commit() {
        if let Some((staged, _)) = &staged_summary {
            let _ = std::fs::remove_file(staged);
        }
        return Err(err.context("spec update failed while replacing files"));
    }
    if let Some((staged, path)) = staged_summary {
        std::fs::rename(&staged, &path)
            .with_context(|| format!("updated the tree but cannot write {}", path.display()))?;
    }
    Ok(match bump {
        None => Outcome::SpecOnly {
            version: current,
            summary,
        },
        Some(_) => Outcome::Released {
            from: current,
            to: next,
            summary,
        },
    })
}

/// Downloads or reads the new spec and checks it as `spec fetch` does. Writes nothing.
fn take(source: &Source) -> anyhow::Result<Fetched> {
    match source {
        Source::Url(url) => {
            eprintln!("fetching {url} ...");
            fetch::download(
                url,
                &FetchOptions {
                    timeout: DEFAULT_TIMEOUT,
                    version: None,
                },
            )
        }
        Source::File(path) => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("cannot read the new spec {}", path.display()))?;
            let shown = path.display().to_string();
            let format = Format::detect(None, &shown);
            let (json, openapi) = fetch::parse_spec(&bytes, format, None)
                .with_context(|| format!("the new spec {shown} is refused"))?;
            Ok(Fetched {
                url: shown,
                json,
                openapi,
                from_yaml: format == Format::Yaml,
            })
        }
    }
}

/// The files of the new `generated/`: the generator's, plus the CHANGELOG.
fn generated_files<'a>(
    files: &'a [OutputFile],
    changelog: &'a str,
) -> impl Iterator<Item = (&'a str, &'a [u8])> {
    files
        .iter()
        .map(|f| (f.path.as_str(), f.contents.as_bytes()))
        .chain(std::iter::once(("CHANGELOG.md", changelog.as_bytes())))
}

/// The contents of `path`, `None` when it does not exist.
fn read_optional(path: &Path) -> anyhow::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// `lock` with the version of the path package `seam` changed from `from` to `to`.
fn bump_lock(lock: &str, from: &str, to: &str) -> anyhow::Result<String> {
    let old = format!("[[package]]\nname = \"seam\"\nversion = \"{from}\"\n");
    match lock.matches(&old).count() {
        1 => Ok(lock.replacen(
            &old,
            &format!("[[package]]\nname = \"seam\"\nversion = \"{to}\"\n"),
            1,
        )),
        n => bail!(
            "Cargo.lock has {n} entries for the package seam {from} (expected one; is \
             {CRATE_VERSION_FILE} out of step with it?)"
        ),
    }
}

/// Writes `summary` into a temporary file beside `path`; returns it and `path`.
fn stage_summary(path: &Path, summary: &str) -> anyhow::Result<(PathBuf, PathBuf)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "summary".into());
    let staged = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&staged, summary)
        .with_context(|| format!("cannot write the summary next to {}", path.display()))?;
    Ok((staged, path.to_owned()))
}

/// The largest body GitHub accepts for a pull request is 65,536 characters; stay under it.
const SUMMARY_LIMIT: usize = 60_000;

/// The pull request body for a release: versions, counts, then the entry (cut to the limit).
fn release_summary(
    release: &changelog::Release,
    current: &str,
    report: &Report,
    entry: &str,
) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# seam {}: Seam Connect spec {} → {}\n",
        release.version, release.spec_from, release.spec_to
    );
    let _ = writeln!(
        md,
        "`cargo xtask spec update` regenerated `generated/` and bumped the crate **{current} → {}** \
         ({} release).\n",
        release.version,
        release.bump.as_str()
    );
    let _ = writeln!(md, "| Section | Entries |\n|---|---:|");
    for section in Section::ALL {
        let _ = writeln!(md, "| {} | {} |", section.title(), report.count(section));
    }
    let _ = writeln!(md, "\nThe CHANGELOG entry (`generated/CHANGELOG.md`):\n");
    let body: String = entry.lines().skip(1).collect::<Vec<_>>().join("\n");
    if md.len() + body.len() <= SUMMARY_LIMIT {
        md.push_str(body.trim_start());
        md.push('\n');
    } else {
        let mut cut = SUMMARY_LIMIT.saturating_sub(md.len() + 200);
        while !body.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = body[..cut].rfind('\n').unwrap_or(cut);
        let left = body[cut..].lines().filter(|l| l.starts_with("- ")).count();
        md.push_str(body[..cut].trim_start());
        let _ = writeln!(
            md,
            "\n\n… and {left} more entries (too long for a pull request body): see \
             `generated/CHANGELOG.md`."
        );
    }
    md
}

/// The summary when the spec changed but the crate did not.
fn spec_only_summary(old: &Provenance, new: &Provenance, report: &Report) -> String {
    format!(
        "# Seam Connect spec {} → {}: no change to the generated crate\n\n\
         `cargo xtask spec update` vendored the new spec (sha256 `{}`); the generated files and \
         the Rust API are unchanged ({} methods), so there is no new release of `seam`.\n",
        old.version, new.version, new.sha256, report.new_operations
    )
}

/// `text` with its first letter in upper case.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
