//! Tests of `spec update`, each on a temporary copy of the part of the tree it touches (never the
//! repository itself).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Instant, SystemTime};

use super::{Outcome, Source, UpdateArgs, changelog, update, update_with};
use crate::cli::Args;
use crate::spec::provenance::{Provenance, sha256_hex, today_utc};
use crate::spec::tests::{http, serve_once};
use crate::spec::{PROVENANCE_FILE, SPEC_FILE};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_owned()
}

fn fixture(name: &str) -> PathBuf {
    repo()
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

#[test]
fn a_new_spec_is_released_and_the_same_spec_again_writes_nothing() {
    let tree = seed(&fixture("ops-old.json"), "1.0.0", SMALL_LOCK);
    let root = tree.path();
    let out = tempfile::tempdir().unwrap();
    let summary_path = out.path().join("summary.md");
    let args = UpdateArgs {
        summary: Some(summary_path.clone()),
        ..from_file(&fixture("ops-new.json"), "2.0.0")
    };

    let outcome = update(root, &args).expect("updates");
    let Outcome::Released { from, to, summary } = &outcome else {
        panic!("not a release: {outcome:?}");
    };
    // The fixture removes a method: breaking, so 0.1.0 → 0.2.0 (never a patch).
    assert_eq!((from.as_str(), to.as_str()), ("0.1.0", "0.2.0"));
    assert_eq!(read(root, "specs/crate-version.txt"), "0.2.0\n");
    assert!(read(root, "generated/Cargo.toml").contains("\nversion = \"0.2.0\"\n"));
    assert!(read(root, "Cargo.lock").contains("name = \"seam\"\nversion = \"0.2.0\"\n"));
    assert!(read(root, "Cargo.lock").contains("name = \"seam-runtime\"\nversion = \"0.1.0\"\n"));
    let spec = fs::read(fixture("ops-new.json")).unwrap();
    assert_eq!(fs::read(root.join("specs").join(SPEC_FILE)).unwrap(), spec);
    let record = Provenance::read(&root.join("specs").join(PROVENANCE_FILE)).unwrap();
    assert_eq!(
        (record.version.as_str(), record.sha256),
        ("2.0.0", sha256_hex(&spec))
    );
    crate::spec::verify_vendored(root).expect("spec and provenance agree");

    let log = read(root, changelog::FILE);
    let new_heading = format!("## [0.2.0] - {}", today_utc());
    let (new_at, old_at) = (
        log.find(&new_heading).unwrap(),
        log.find("## [0.1.0]").unwrap(),
    );
    assert!(log.starts_with("# Changelog\n") && new_at < old_at, "{log}");
    let entry = &log[new_at..old_at];
    assert!(
        entry.contains("Generated from Seam Connect spec 2.0.0 (previous release: spec 1.0.0"),
        "{entry}"
    );
    assert!(entry.contains("\n### Breaking\n"), "{entry}");
    assert!(
        entry.contains("- `seam.widgets().delete()`: method removed (`POST /widgets/delete`)"),
        "{entry}"
    );
    assert!(entry.contains("\n### Added\n"), "{entry}");
    assert!(log.ends_with(&first_entry("1.0.0")), "{log}");
    assert_eq!(fs::read_to_string(&summary_path).unwrap(), *summary);
    assert!(
        summary.contains("bumped the crate **0.1.0 → 0.2.0** (major release)"),
        "{summary}"
    );
    // The tree is what `codegen` makes of it: fresh at the new version.
    crate::codegen::main(root, &mut Args::new(["--check"])).expect("generated/ is fresh");

    // The same spec again: nothing written, not even the summary.
    fs::remove_file(&summary_path).unwrap();
    let before = snapshot(root);
    let outcome = update(root, &args).expect("second run");
    assert!(matches!(outcome, Outcome::Unchanged { .. }), "{outcome:?}");
    assert!(outcome.message().contains("nothing written"));
    assert_untouched(root, &before, "second run");
    assert!(!summary_path.exists());
}

#[test]
fn refused_specs_leave_every_file_byte_identical() {
    let tree = seed(&fixture("ops-old.json"), "1.0.0", SMALL_LOCK);
    let root = tree.path();
    let bad = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = bad.path().join(name);
        fs::write(&path, text).unwrap();
        path
    };
    let good = fs::read_to_string(fixture("ops-new.json")).unwrap();
    let mut dangling: serde_json::Value = serde_json::from_str(&good).unwrap();
    dangling["paths"]["/widgets/create"]["post"]["responses"]["200"]["content"]["application/json"]
        ["schema"]["properties"]["widget"]["$ref"] = "#/components/schemas/no_such_schema".into();
    let cases = [
        (write("cut.json", &good[..good.len() / 2]), "truncated"),
        (write("text.json", "not json at all"), "not valid JSON"),
        (
            write("v31.json", &good.replace("\"3.0.0\"", "\"3.1.0\"")),
            "only OpenAPI 3.0.x",
        ),
        (
            write(
                "nopaths.json",
                r#"{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{}}"#,
            ),
            "no `paths`",
        ),
        (
            write("dangling.json", &dangling.to_string()),
            "no_such_schema",
        ),
        (bad.path().join("missing.json"), "cannot read the new spec"),
    ];
    let before = snapshot(root);
    for (path, needle) in &cases {
        let summary = bad.path().join("summary.md");
        let args = UpdateArgs {
            summary: Some(summary.clone()),
            ..from_file(path, "9.9.9")
        };
        let err = format!("{:#}", update(root, &args).expect_err("refused"));
        assert!(err.contains(needle), "{}: {err}", path.display());
        assert_untouched(root, &before, &err);
        assert!(!summary.exists(), "{err}");
    }

    // A vendored spec that does not match its provenance (bad hash): refused before anything.
    let spec_path = root.join("specs").join(SPEC_FILE);
    let mut edited = fs::read(&spec_path).unwrap();
    edited.extend_from_slice(b"\n");
    fs::write(&spec_path, &edited).unwrap();
    let before = snapshot(root);
    let err = format!(
        "{:#}",
        update(root, &from_file(&fixture("ops-new.json"), "2.0.0")).unwrap_err()
    );
    assert!(
        err.contains("does not match its provenance record"),
        "{err}"
    );
    assert_untouched(root, &before, &err);
}

#[test]
fn a_failure_while_swapping_files_in_puts_everything_back() {
    let tree = seed(&fixture("ops-old.json"), "1.0.0", SMALL_LOCK);
    let root = tree.path();
    let before = snapshot(root);
    let summary = tempfile::tempdir().unwrap();
    // Five items are staged: spec, provenance, version, generated/, Cargo.lock.
    for fail_at in 0..5 {
        let args = UpdateArgs {
            summary: Some(summary.path().join("summary.md")),
            ..from_file(&fixture("ops-new.json"), "2.0.0")
        };
        let err = update_with(root, &args, |tx| tx.fail_before(fail_at)).unwrap_err();
        let err = format!("{err:#}");
        assert!(
            err.contains("injected failure") && err.contains("nothing was changed"),
            "{err}"
        );
        assert_untouched(root, &before, &format!("failure before item {fail_at}"));
        assert_eq!(fs::read_dir(summary.path()).unwrap().count(), 0, "{err}");
    }
}

#[test]
fn a_new_spec_with_the_same_api_is_vendored_without_a_release() {
    let tree = seed(&fixture("ops-old.json"), "1.0.0", SMALL_LOCK);
    let root = tree.path();
    // Same document, other bytes (compact JSON).
    let value: serde_json::Value =
        serde_json::from_slice(&fs::read(fixture("ops-old.json")).unwrap()).unwrap();
    let other = tempfile::tempdir().unwrap();
    let compact = other.path().join("compact.json");
    fs::write(&compact, value.to_string()).unwrap();
    let generated_before = snapshot(&root.join("generated"));
    let outcome = update(root, &from_file(&compact, "1.0.1")).expect("updates");
    assert!(matches!(outcome, Outcome::SpecOnly { .. }), "{outcome:?}");
    assert_untouched(&root.join("generated"), &generated_before, "generated/");
    assert_eq!(read(root, "specs/crate-version.txt"), "0.1.0\n");
    assert_eq!(read(root, "Cargo.lock"), SMALL_LOCK);
    assert_eq!(
        Provenance::read(&root.join("specs").join(PROVENANCE_FILE))
            .unwrap()
            .version,
        "1.0.1"
    );
    crate::spec::verify_vendored(root).expect("spec and provenance agree");
}

#[test]
fn generated_files_that_change_without_an_api_change_make_a_patch_release() {
    let tree = seed(&fixture("ops-old.json"), "1.0.0", SMALL_LOCK);
    let root = tree.path();
    // A bound changes the contract suite's sample request, not a Rust type.
    let mut value: serde_json::Value =
        serde_json::from_slice(&fs::read(fixture("ops-old.json")).unwrap()).unwrap();
    value["paths"]["/widgets/create"]["post"]["requestBody"]["content"]["application/json"]["schema"]
        ["properties"]["size"]["minimum"] = 40.into();
    let other = tempfile::tempdir().unwrap();
    let spec = other.path().join("bounded.json");
    fs::write(&spec, value.to_string()).unwrap();
    let contract_before = read(root, "generated/tests/contract.rs");
    let outcome = update(root, &from_file(&spec, "1.0.1")).expect("updates");
    let Outcome::Released { from, to, summary } = &outcome else {
        panic!("not a release: {outcome:?}");
    };
    assert_eq!((from.as_str(), to.as_str()), ("0.1.0", "0.1.1"));
    assert!(summary.contains("(patch release)"), "{summary}");
    assert_ne!(read(root, "generated/tests/contract.rs"), contract_before);
    let log = read(root, changelog::FILE);
    assert!(
        log.contains("## [0.1.1]") && log.contains("No change to the Rust API"),
        "{log}"
    );
    crate::codegen::main(root, &mut Args::new(["--check"])).expect("generated/ is fresh");
}

#[test]
fn url_source_downloads_and_checks_like_spec_fetch() {
    let tree = seed(&fixture("ops-old.json"), "1.0.0", SMALL_LOCK);
    let root = tree.path();
    let before = snapshot(root);
    let url = serve_once(http("404 Not Found", "text/plain", b"gone"));
    let args = UpdateArgs {
        source: Source::Url(url),
        spec_version: None,
        summary: None,
    };
    let err = format!("{:#}", update(root, &args).unwrap_err());
    assert!(err.contains("404"), "{err}");
    assert_untouched(root, &before, &err);

    let body = fs::read(fixture("ops-new.json")).unwrap();
    let url = serve_once(http("200 OK", "application/json", &body));
    let args = UpdateArgs {
        source: Source::Url(format!("{url}/openapi.json")),
        ..args
    };
    let outcome = update(root, &args).expect("updates");
    assert!(
        matches!(&outcome, Outcome::Released { to, .. } if to == "0.2.0"),
        "{outcome:?}"
    );
    let record = Provenance::read(&root.join("specs").join(PROVENANCE_FILE)).unwrap();
    // No --spec-version: the spec's info.version.
    assert_eq!(record.version, "1.0.0");
    assert_eq!(record.source_url, format!("{url}/openapi.json"));
}

#[test]
fn url_and_from_exclude_each_other() {
    let mut args = Args::new(["--url", "http://127.0.0.1:1/", "--from", "x.json"]);
    let err = super::parse(&mut args).unwrap_err();
    assert!(err.to_string().contains("exclude each other"), "{err}");
    let parsed = super::parse(&mut Args::new([
        "--from",
        "x.json",
        "--spec-version",
        "1.2.3",
    ]))
    .unwrap();
    assert_eq!(parsed.source, Source::File("x.json".into()));
    assert_eq!(
        super::parse(&mut Args::new::<[&str; 0], &str>([]))
            .unwrap()
            .source,
        Source::Url(super::DEFAULT_URL.into())
    );
}

#[test]
fn github_outputs_say_whether_anything_changed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("output");
    fs::write(&file, "earlier=1\n").unwrap();
    let released = Outcome::Released {
        from: "0.1.0".into(),
        to: "0.2.0".into(),
        summary: String::new(),
    };
    super::github_output(&file, &released).unwrap();
    super::github_output(&file, &Outcome::Unchanged { sha256: "x".into() }).unwrap();
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "earlier=1\nchanged=true\nversion=0.2.0\nchanged=false\nversion=\n"
    );
}

#[test]
fn a_long_summary_is_cut_to_fit_a_pull_request_body() {
    use seam_codegen::diff::{Entry, Kind, Report, Severity};
    let entries: Vec<Entry> = (0..5000)
        .map(|i| {
            Entry::new(
                Kind::TypeAdded,
                Severity::Minor,
                format!("types::Widget{i:04}"),
                "type added",
            )
        })
        .collect();
    let report = Report {
        entries,
        old_operations: 1,
        new_operations: 2,
    };
    let release = changelog::Release {
        version: "0.1.1",
        date: "2026-12-01",
        spec_from: "1",
        spec_to: "2",
        sha256: "x",
        bump: Severity::Minor,
        reason: "Additions".into(),
    };
    let entry = changelog::entry(&release, &report);
    assert!(entry.len() > 100_000 && entry.contains("types::Widget4999"));
    let summary = super::release_summary(&release, "0.1.0", &report, &entry);
    assert!(summary.len() <= super::SUMMARY_LIMIT, "{}", summary.len());
    assert!(summary.contains("types::Widget0000"));
    let shown = summary.matches("- `types::Widget").count();
    assert!(
        summary.contains(&format!("… and {} more entries", 5000 - shown)),
        "{}",
        &summary[summary.len() - 300..]
    );
    let short = changelog::entry(
        &release,
        &Report {
            entries: vec![],
            ..report
        },
    );
    let summary = super::release_summary(
        &release,
        "0.1.0",
        &Report {
            entries: vec![],
            old_operations: 1,
            new_operations: 2,
        },
        &short,
    );
    assert!(summary.contains("No change to the Rust API") && !summary.contains("more entries"));
}

#[test]
fn cargo_lock_gets_the_new_version_of_seam_only() {
    let lock = "[[package]]\nname = \"seam\"\nversion = \"0.3.0\"\n\n[[package]]\nname = \"seam-runtime\"\nversion = \"0.3.0\"\n";
    let bumped = super::bump_lock(lock, "0.3.0", "0.4.0").unwrap();
    assert!(bumped.contains("name = \"seam\"\nversion = \"0.4.0\""));
    assert!(bumped.contains("name = \"seam-runtime\"\nversion = \"0.3.0\""));
    assert!(super::bump_lock(lock, "0.2.0", "0.4.0").is_err());
}

/// The cargo that runs us.
fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(&name));
        } else {
            fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

/// `cargo check` of the generated crate of the temporary workspace at `root`; `--locked` also
/// proves that `spec update` kept Cargo.lock in step. It shares the target folder and settings of
/// the "each namespace feature alone" step of `cargo xtask test` (`target/feature-check`,
/// `-D warnings`, no incremental data), which runs earlier and leaves every dependency built, so
/// only the generated crate is checked here.
fn check_generated(root: &Path) -> std::time::Duration {
    let started = Instant::now();
    let status = cargo()
        .args([
            "check",
            "--quiet",
            "--locked",
            "--offline",
            "-p",
            "seam",
            "--lib",
        ])
        .current_dir(root)
        .env(
            "CARGO_TARGET_DIR",
            repo().join(crate::test_cmd::FEATURE_CHECK_TARGET),
        )
        .env("CARGO_INCREMENTAL", "0")
        .env("RUSTFLAGS", "-D warnings")
        .status()
        .expect("runs cargo");
    assert!(
        status.success(),
        "cargo check of the generated crate failed: {status}"
    );
    started.elapsed()
}

/// The walk over the project's releases of the spec, 1.305.0 → 1.344.3 → 1.977.0: each step
/// regenerates, bumps as the diff demands, writes the CHANGELOG entry and compiles; the last
/// spec again writes nothing. About a minute of codegen (debug) plus two `cargo check`s.
#[test]
#[ignore = "regenerates and compiles the generated crate twice (minutes); run by `cargo xtask test`"]
fn walks_the_older_releases_in_order_and_every_crate_compiles() {
    let repo = repo();
    let older = repo.join("specs/older");
    // A workspace of the runtime, the contract runner and the generated crate, with the
    // repository's lock file trimmed to it.
    let ours = seam_codegen::render::read_crate_version(&repo).unwrap();
    let lock = fs::read_to_string(repo.join("Cargo.lock")).unwrap();
    let lock = super::bump_lock(&lock, &ours, "0.1.0").unwrap();
    let tree = seed(&older.join("seam-connect-1.305.0.json"), "1.305.0", &lock);
    let root = tree.path();
    for name in ["seam-runtime", "seam-contract"] {
        copy_dir(
            &repo.join("crates").join(name),
            &root.join("crates").join(name),
        );
    }
    let manifest = fs::read_to_string(repo.join("Cargo.toml")).unwrap();
    let members = "[\"crates/seam-runtime\", \"crates/seam-contract\", \"generated\"]";
    let manifest: String = manifest
        .lines()
        .map(|line| {
            if line.starts_with("members = ") {
                format!("members = {members}")
            } else if line.starts_with("default-members = ") {
                format!("default-members = {members}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(root.join("Cargo.toml"), manifest + "\n").unwrap();
    let status = cargo()
        .args(["update", "--workspace", "--quiet", "--offline"])
        .current_dir(root)
        .status()
        .unwrap();
    assert!(
        status.success(),
        "cargo update --workspace (trims the lock file)"
    );

    let steps = [
        (older.join("seam-connect-1.344.3.json"), "1.344.3", "0.2.0"),
        (repo.join("specs/seam-connect.json"), "1.977.0", "0.3.0"),
    ];
    let mut previous = ("0.1.0".to_owned(), "1.305.0");
    for (spec, release, expected) in &steps {
        let started = Instant::now();
        let outcome = update(root, &from_file(spec, release)).expect("updates");
        let took = started.elapsed();
        let Outcome::Released { from, to, summary } = &outcome else {
            panic!("{release}: not a release: {outcome:?}");
        };
        let bump = summary
            .split("** (")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .unwrap_or("?");
        let check = check_generated(root);
        eprintln!(
            "spec {} → {release}: seam {from} → {to} ({bump}; update {:.1}s, cargo check {:.1}s)",
            previous.1,
            took.as_secs_f64(),
            check.as_secs_f64()
        );
        // Both steps remove API (see `cargo xtask spec diff`): breaking, so the minor number.
        assert_eq!((from, to.as_str()), (&previous.0, *expected));
        assert_eq!(bump, "major", "{summary}");
        let log = read(root, changelog::FILE);
        let heading = format!("## [{to}] - {}", today_utc());
        assert!(
            log.find(&heading) < log.find(&format!("## [{from}]")),
            "{release}"
        );
        assert!(log.contains(&format!(
            "Generated from Seam Connect spec {release} (previous release: spec {}",
            previous.1
        )));
        assert_eq!(read(root, "specs/crate-version.txt"), format!("{to}\n"));
        assert!(summary.len() <= super::SUMMARY_LIMIT, "{}", summary.len());
        previous = (to.clone(), release);
    }
    assert_eq!(read(root, changelog::FILE).matches("\n## [").count(), 3);

    // At 1.977.0 the generated files are the repository's own, but for the version.
    let ours = snapshot(&repo.join("generated"));
    let walked = snapshot(&root.join("generated"));
    for (path, (bytes, _)) in &walked {
        let name = path.to_string_lossy();
        if name == "CHANGELOG.md" {
            continue;
        }
        let mine = &ours
            .get(path)
            .unwrap_or_else(|| panic!("{name} not in generated/"))
            .0;
        if name == "Cargo.toml" {
            let strip = |b: &[u8]| {
                String::from_utf8_lossy(b)
                    .lines()
                    .filter(|l| !l.starts_with("version = \"0."))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            assert_eq!(strip(bytes), strip(mine));
        } else {
            assert!(bytes == mine, "{name} differs from generated/");
        }
    }

    // The same spec again: nothing written.
    let before = snapshot(root);
    let outcome = update(root, &from_file(&steps[1].0, "1.977.0")).expect("second run");
    assert!(matches!(outcome, Outcome::Unchanged { .. }), "{outcome:?}");
    assert_untouched(root, &before, "second run on 1.977.0");
}
