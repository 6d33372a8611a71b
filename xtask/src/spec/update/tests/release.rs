//! `spec update` on a seeded tree: a release and the same spec again, refusals that touch
//! nothing, a failure while swapping files in, a spec-only update, a patch release, a download.

use std::fs;

use super::super::{Outcome, Source, UpdateArgs, changelog, update, update_with};
use super::{SMALL_LOCK, assert_untouched, first_entry, fixture, from_file, read, seed, snapshot};
use crate::cli::Args;
use crate::spec::provenance::{Provenance, sha256_hex, today_utc};
use crate::spec::tests::{http, serve_once};
use crate::spec::{PROVENANCE_FILE, SPEC_FILE};

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
