//! The walk over the project's older releases of the spec, each step compiled (ignored: minutes).

use std::fs;
use std::path::Path;
use std::time::Instant;

use super::super::{Outcome, SUMMARY_LIMIT, bump_lock, changelog, update};
use super::{assert_untouched, from_file, read, seed, snapshot};
use crate::project_root;
use crate::spec::provenance::today_utc;
use crate::test_cmd::{FEATURE_CHECK_TARGET, cargo_command, copy_dir};

/// `cargo check` of the generated crate of the temporary workspace at `root`. It shares the
/// target folder and settings of the "each namespace feature alone" step of `cargo xtask test`
/// (`target/feature-check`, `-D warnings`, no incremental data), which runs earlier and leaves
/// every dependency built, so only the generated crate is checked here.
fn check_generated(root: &Path) -> std::time::Duration {
    let started = Instant::now();
    let status = cargo_command()
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
            project_root().join(FEATURE_CHECK_TARGET),
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

/// `cargo metadata --locked` of the temporary workspace at `root`: fails when `spec update` left
/// Cargo.lock out of step with the manifests (cargo would have to change it), without compiling.
/// Not `--offline`: metadata reads the manifest of every package the lock lists, for every
/// platform (`bumpalo`, say, which no build on this host needs), and a fresh machine has only
/// downloaded what its builds needed; `--locked` still refuses any change to the lock.
fn assert_lock_in_step(root: &Path) {
    let status = cargo_command()
        .args(["metadata", "--locked", "--format-version", "1"])
        .current_dir(root)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("runs cargo");
    assert!(status.success(), "Cargo.lock is out of step: {status}");
}

/// The walk over the project's releases of the spec, 1.305.0 → 1.344.3 → 1.977.0: each step
/// regenerates, bumps as the diff demands, writes the CHANGELOG entry and keeps Cargo.lock in
/// step; the crate of 1.344.3 is compiled, and at 1.977.0 the generated files are shown equal to
/// the repository's `generated/` but for the version (which clippy and the test suites compile,
/// so a third compile of them would prove nothing more); the last spec again writes nothing.
#[test]
#[ignore = "regenerates the crate three times and compiles it once (a minute); run by `cargo xtask test`"]
fn walks_the_older_releases_in_order_and_the_crates_compile() {
    let repo = project_root();
    let older = repo.join("specs/older");
    // A workspace of the runtime, the contract runner and the generated crate, with the
    // repository's lock file trimmed to it.
    let ours = seam_codegen::render::read_crate_version(&repo).unwrap();
    let lock = fs::read_to_string(repo.join("Cargo.lock")).unwrap();
    let lock = bump_lock(&lock, &ours, "0.1.0").unwrap();
    let tree = seed(&older.join("seam-connect-1.305.0.json"), "1.305.0", &lock);
    let root = tree.path();
    for name in ["seam-runtime", "seam-contract"] {
        copy_dir(
            &repo.join("crates").join(name),
            &root.join("crates").join(name),
            &["target"],
        )
        .unwrap();
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
    let status = cargo_command()
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
        assert_lock_in_step(root);
        let check = if spec.starts_with(&older) {
            format!("cargo check {:.1}s", check_generated(root).as_secs_f64())
        } else {
            "the repository's generated/, compared below".to_owned()
        };
        eprintln!(
            "spec {} → {release}: seam {from} → {to} ({bump}; update {:.1}s, {check})",
            previous.1,
            took.as_secs_f64(),
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
        assert!(summary.len() <= SUMMARY_LIMIT, "{}", summary.len());
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
