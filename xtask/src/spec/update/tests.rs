//! Tests of `spec update`, each on a temporary copy of the part of the tree it touches (never the
//! repository itself). This file holds what builds and inspects those temporary trees; the tests
//! are in [`release`] (updates of a seeded tree: a release, the same spec again, refusals,
//! rollback), [`pieces`] (argument parsing, GitHub outputs, the summary, the Cargo.lock bump) and
//! [`older_releases`] (the walk over the project's older releases of the spec, ignored).

mod older_releases;
mod pieces;
mod release;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{Source, UpdateArgs, changelog};
use crate::cli::Args;
use crate::project_root;
use crate::spec::provenance::{Provenance, sha256_hex};
use crate::spec::{PROVENANCE_FILE, SPEC_FILE};

fn fixture(name: &str) -> PathBuf {
    project_root()
        .join("crates/seam-codegen/tests/fixtures/diff")
        .join(name)
}

/// The first CHANGELOG entry a seeded tree has.
fn first_entry(release: &str) -> String {
    format!(
        "## [0.1.0] - 2026-11-23\n\nFirst release, generated from Seam Connect spec {release}.\n"
    )
}

/// A temporary workspace root holding `spec` as the vendored spec of release `release`, its
/// provenance, the crate version 0.1.0, `generated/` generated from it with a first CHANGELOG
/// entry, and `lock` as Cargo.lock.
fn seed(spec: &Path, release: &str, lock: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::create_dir_all(root.join("specs")).unwrap();
    let bytes = fs::read(spec).unwrap();
    fs::write(root.join("specs").join(SPEC_FILE), &bytes).unwrap();
    let record = Provenance {
        file: SPEC_FILE.into(),
        source_url: "https://example.test/openapi.json".into(),
        origin: "seeded by the test".into(),
        version: release.into(),
        sha256: sha256_hex(&bytes),
        retrieved: "2026-11-23".into(),
    };
    fs::write(
        root.join("specs").join(PROVENANCE_FILE),
        record.to_json().unwrap(),
    )
    .unwrap();
    fs::write(
        root.join(seam_codegen::render::CRATE_VERSION_FILE),
        "0.1.0\n",
    )
    .unwrap();
    crate::codegen::main(root, &mut Args::new::<[&str; 0], &str>([])).expect("codegen");
    let changelog = changelog::prepend(None, &first_entry(release), "0.1.0").unwrap();
    fs::write(root.join(changelog::FILE), changelog).unwrap();
    fs::write(root.join("Cargo.lock"), lock).unwrap();
    dir
}

const SMALL_LOCK: &str = "version = 4\n\n[[package]]\nname = \"seam\"\nversion = \"0.1.0\"\ndependencies = [\n \"serde\",\n]\n\n[[package]]\nname = \"seam-runtime\"\nversion = \"0.1.0\"\n";

/// Every file under `root` with its bytes and modification time.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, (Vec<u8>, SystemTime)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(root, &path, out);
            } else {
                let meta = entry.metadata().unwrap();
                out.insert(
                    path.strip_prefix(root).unwrap().to_owned(),
                    (fs::read(&path).unwrap(), meta.modified().unwrap()),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// Asserts `root` holds exactly `before` (paths, bytes and modification times).
fn assert_untouched(root: &Path, before: &BTreeMap<PathBuf, (Vec<u8>, SystemTime)>, what: &str) {
    let after = snapshot(root);
    let added: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    let removed: Vec<_> = before.keys().filter(|k| !after.contains_key(*k)).collect();
    let changed: Vec<_> = before
        .iter()
        .filter(|(k, v)| after.get(*k).is_some_and(|a| a != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        added.is_empty() && removed.is_empty() && changed.is_empty(),
        "{what}: added {added:?}, removed {removed:?}, changed {changed:?}"
    );
}

fn from_file(path: &Path, release: &str) -> UpdateArgs {
    UpdateArgs {
        source: Source::File(path.to_owned()),
        spec_version: Some(release.to_owned()),
        summary: None,
    }
}

fn read(root: &Path, rel: &str) -> String {
    fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}
