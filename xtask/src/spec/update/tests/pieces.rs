//! The pieces of `spec update` on their own: argument parsing, GitHub outputs, the summary's cut,
//! the Cargo.lock bump.

use std::fs;

use super::super::{
    DEFAULT_URL, Outcome, SUMMARY_LIMIT, Source, bump_lock, changelog, github_output, parse,
    release_summary,
};
use crate::cli::Args;

#[test]
fn url_and_from_exclude_each_other() {
    let mut args = Args::new(["--url", "http://127.0.0.1:1/", "--from", "x.json"]);
    let err = parse(&mut args).unwrap_err();
    assert!(err.to_string().contains("exclude each other"), "{err}");
    let parsed = parse(&mut Args::new([
        "--from",
        "x.json",
        "--spec-version",
        "1.2.3",
    ]))
    .unwrap();
    assert_eq!(parsed.source, Source::File("x.json".into()));
    assert_eq!(
        parse(&mut Args::new::<[&str; 0], &str>([])).unwrap().source,
        Source::Url(DEFAULT_URL.into())
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
    github_output(&file, &released).unwrap();
    github_output(&file, &Outcome::Unchanged { sha256: "x".into() }).unwrap();
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
    let summary = release_summary(&release, "0.1.0", &report, &entry);
    assert!(summary.len() <= SUMMARY_LIMIT, "{}", summary.len());
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
    let summary = release_summary(
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
    let bumped = bump_lock(lock, "0.3.0", "0.4.0").unwrap();
    assert!(bumped.contains("name = \"seam\"\nversion = \"0.4.0\""));
    assert!(bumped.contains("name = \"seam-runtime\"\nversion = \"0.3.0\""));
    assert!(bump_lock(lock, "0.2.0", "0.4.0").is_err());
}
