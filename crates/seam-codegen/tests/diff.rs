//! The spec diff: small old/new fixture pairs (each kind of change found and classified), the
//! version suggestion, the Markdown, and the real releases 1.841.0 → vendored.

use seam_codegen::diff::markdown::{self, Options, next_version};
use seam_codegen::diff::{self, Entry, Kind, Report, Section, Severity};
use seam_codegen::{load, model};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(name)
}

fn fixture_diff(old: &str, new: &str) -> Report {
    diff::diff_files(&fixture(old), &fixture(new)).expect("fixtures load and model")
}

fn listing(report: &Report) -> String {
    report
        .entries
        .iter()
        .map(|e| {
            format!(
                "  {:?} {:?} `{}`: {}\n",
                e.severity, e.kind, e.subject, e.detail
            )
        })
        .collect()
}

/// The one entry of `kind` about `subject` whose detail contains `needle`, with its severity
/// checked.
#[track_caller]
fn expect<'r>(
    report: &'r Report,
    kind: Kind,
    severity: Severity,
    subject: &str,
    needle: &str,
) -> &'r Entry {
    let found: Vec<&Entry> = report
        .of_kind(kind)
        .filter(|e| e.subject == subject && e.detail.contains(needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {kind:?} entry on `{subject}` containing {needle:?}; entries:\n{}",
        listing(report)
    );
    assert_eq!(found[0].severity, severity, "{:?}", found[0]);
    found[0]
}

#[test]
fn operation_changes_are_found_and_classified() {
    let r = fixture_diff("ops-old.json", "ops-new.json");
    let create = "seam.widgets().create()";
    use Kind::*;
    use Severity::*;

    let removed = expect(
        &r,
        OperationRemoved,
        Major,
        "seam.widgets().delete()",
        "/widgets/delete",
    );
    assert_eq!(removed.path.as_deref(), Some("/widgets/delete"));
    assert_eq!(removed.section(), Section::Breaking);
    expect(
        &r,
        OperationMoved,
        Major,
        "seam.widgets().paint()",
        "seam.widgets().repaint()",
    );
    let added = expect(
        &r,
        OperationAdded,
        Minor,
        "seam.widgets().archive()",
        "/widgets/archive",
    );
    assert_eq!(added.section(), Section::Added);
    expect(
        &r,
        OperationAdded,
        Minor,
        "seam.gadgets().list()",
        "/gadgets/list",
    );
    expect(
        &r,
        NamespaceAdded,
        Minor,
        "seam.gadgets()",
        "module `gadgets`",
    );

    // Request fields, judged by `new(required...)` + setters.
    expect(&r, FieldAdded, Minor, create, "new optional field `tags");
    expect(
        &r,
        FieldAdded,
        Major,
        create,
        "new required field `owner_id",
    );
    expect(&r, FieldRemoved, Major, create, "field `label` removed");
    expect(
        &r,
        FieldNowRequired,
        Major,
        create,
        "field `color` is now required",
    );
    expect(
        &r,
        FieldNowOptional,
        Major,
        create,
        "field `size` is now optional",
    );
    expect(
        &r,
        FieldRetyped,
        Major,
        create,
        "`Option<f64>` → `Option<String>`",
    );
    let nullable = expect(&r, FieldRetyped, Major, create, "field `note`");
    assert!(nullable.detail.contains("now nullable"), "{nullable:?}");
    assert_eq!(nullable.path.as_deref(), Some("/widgets/create"));
    // The inline type behind the old `dimensions` field is gone while its method stays.
    expect(&r, FieldRetyped, Major, create, "field `dimensions`");
    expect(
        &r,
        TypeRemoved,
        Major,
        "widgets::CreateRequestDimensions",
        "struct removed",
    );

    expect(
        &r,
        ResponseChanged,
        Major,
        "seam.widgets().count()",
        "returns `String` (was `i64`)",
    );
    expect(
        &r,
        PaginatorAdded,
        Minor,
        "seam.widgets().list()",
        "list_paginator()",
    );
    let deprecated = expect(
        &r,
        Deprecated,
        Minor,
        "seam.widgets().get()",
        "Use `/widgets/list`",
    );
    assert_eq!(deprecated.section(), Section::Deprecated);
    let docs = expect(
        &r,
        DocsChanged,
        Patch,
        "seam.widgets().describe()",
        "documentation",
    );
    assert_eq!(docs.section(), Section::Docs);

    // The request types of removed, moved and added methods are covered by the method's entry.
    for e in &r.entries {
        for name in [
            "DeleteRequest",
            "PaintRequest",
            "RepaintRequest",
            "ArchiveRequest",
        ] {
            assert!(!e.subject.contains(name), "reported separately: {e:?}");
        }
    }
    assert_eq!(r.bump(), Some(Major));
    assert_eq!(r.count(Section::Breaking), 11, "{}", listing(&r));
    assert_eq!(r.entries.len(), 18, "{}", listing(&r));
}

#[test]
fn the_reverse_diff_swaps_additions_and_removals() {
    let r = fixture_diff("ops-new.json", "ops-old.json");
    use Kind::*;
    use Severity::*;
    expect(
        &r,
        NamespaceRemoved,
        Major,
        "seam.gadgets()",
        "module `gadgets`",
    );
    expect(
        &r,
        OperationRemoved,
        Major,
        "seam.gadgets().list()",
        "/gadgets/list",
    );
    expect(
        &r,
        OperationRemoved,
        Major,
        "seam.widgets().archive()",
        "/widgets/archive",
    );
    expect(
        &r,
        OperationAdded,
        Minor,
        "seam.widgets().delete()",
        "/widgets/delete",
    );
    expect(
        &r,
        OperationMoved,
        Major,
        "seam.widgets().repaint()",
        "seam.widgets().paint()",
    );
    expect(
        &r,
        PaginatorRemoved,
        Major,
        "seam.widgets().list()",
        "list_paginator()",
    );
    expect(
        &r,
        Undeprecated,
        Patch,
        "seam.widgets().get()",
        "no longer deprecated",
    );
    expect(
        &r,
        TypeAdded,
        Minor,
        "widgets::CreateRequestDimensions",
        "new struct",
    );
    expect(
        &r,
        FieldAdded,
        Minor,
        "seam.widgets().create()",
        "new optional field `label",
    );
    expect(
        &r,
        FieldRemoved,
        Major,
        "seam.widgets().create()",
        "field `owner_id` removed",
    );
}

#[test]
fn type_changes_are_found_and_classified() {
    let r = fixture_diff("types-old.json", "types-new.json");
    use Kind::*;
    use Severity::*;

    expect(
        &r,
        TypeRemoved,
        Major,
        "types::LegacyThing",
        "struct removed",
    );
    expect(&r, TypeAdded, Minor, "types::Gizmo", "new struct");
    expect(
        &r,
        FieldRemoved,
        Major,
        "types::Device",
        "field `old_field` removed",
    );
    expect(
        &r,
        FieldAdded,
        Minor,
        "types::Device",
        "new field `new_field",
    );
    expect(
        &r,
        FieldRetyped,
        Major,
        "types::Device",
        "`Option<f64>` → `Option<i64>`",
    );
    let optional = expect(&r, FieldRetyped, Major, "types::Device", "field `name`");
    assert!(optional.detail.contains("now optional"), "{optional:?}");
    expect(&r, EnumValueRemoved, Major, "types::Status", "\"retired\"");
    expect(&r, EnumValueAdded, Minor, "types::Status", "\"sleeping\"");
    expect(&r, VariantRemoved, Major, "types::Event", "device_removed");
    expect(&r, VariantAdded, Minor, "types::Event", "device_renamed");
    // The old spec's `device_removed` event has the fields of another event: the struct
    // dedup pass made it an alias of that one, so the alias is what goes.
    expect(
        &r,
        TypeRemoved,
        Major,
        "types::EventDeviceRemoved",
        "type alias removed",
    );
    expect(
        &r,
        TypeAdded,
        Minor,
        "types::EventDeviceRenamed",
        "new struct",
    );
    // Untagged unions are exhaustive enums: a new variant breaks `match`es.
    expect(&r, VariantAdded, Major, "types::FlagValue", "Float(f64)");
    expect(&r, Deprecated, Minor, "types::OldStyle", "Use `gizmo`");
    expect(
        &r,
        Deprecated,
        Minor,
        "types::Device",
        "field `nickname` marked deprecated",
    );
    expect(
        &r,
        DocsChanged,
        Patch,
        "types::DocOnly",
        "documentation changed",
    );
    expect(&r, DocsChanged, Patch, "types::Device", "field `device_id`");
    // Its docs named the alias that went.
    expect(
        &r,
        DocsChanged,
        Patch,
        "types::EventDeviceConnected",
        "documentation changed",
    );
    assert_eq!(r.entries.len(), 18, "{}", listing(&r));
}

#[test]
fn a_spec_against_itself_reports_nothing() {
    for name in ["ops-old.json", "types-new.json"] {
        let r = fixture_diff(name, name);
        assert!(r.entries.is_empty(), "{name}:\n{}", listing(&r));
        assert_eq!(r.bump(), None);
        let md = markdown::render(&r, &options("0.3.1")).expect("renders");
        assert!(md.starts_with("## seam 0.3.1\n"), "{md}");
        assert!(md.contains("no release needed"), "{md}");
        assert!(
            !md.contains("###"),
            "no sections when nothing changed: {md}"
        );
    }
}

fn options(version: &str) -> Options<'_> {
    Options {
        crate_name: "seam",
        current_version: version,
        old_label: "old.json",
        new_label: "new.json",
    }
}

#[test]
fn next_version_follows_cargo_semver() {
    use Severity::*;
    let cases = [
        ("1.4.2", Some(Major), "2.0.0"),
        ("1.4.2", Some(Minor), "1.5.0"),
        ("1.4.2", Some(Patch), "1.4.3"),
        ("1.4.2", None, "1.4.2"),
        ("0.1.0", Some(Major), "0.2.0"),
        ("0.1.3", Some(Minor), "0.1.4"),
        ("0.1.3", Some(Patch), "0.1.4"),
        ("0.0.7", Some(Major), "0.0.8"),
        ("0.0.7", Some(Minor), "0.0.8"),
    ];
    for (current, bump, expected) in cases {
        assert_eq!(
            next_version(current, bump).as_deref(),
            Ok(expected),
            "{current} {bump:?}"
        );
    }
    for bad in ["1.2", "1.2.3-beta.1", "1.2.x", "01.2.3", "", "1.2.3.4"] {
        assert!(next_version(bad, Some(Minor)).is_err(), "{bad:?} accepted");
    }
}

#[test]
fn markdown_has_heading_counts_and_sorted_sections() {
    let r = fixture_diff("ops-old.json", "ops-new.json");
    let md = markdown::render(&r, &options("0.1.0")).expect("renders");
    assert!(md.starts_with("## seam 0.2.0\n"), "{md}");
    for section in Section::ALL {
        let row = format!("| {} | {} |", section.title(), r.count(section));
        assert!(md.contains(&row), "missing {row:?} in\n{md}");
    }
    assert!(md.contains("Methods: 1 removed, 2 added, 1 moved."), "{md}");
    let at = |heading: &str| md.find(&format!("### {heading}\n")).unwrap_or(usize::MAX);
    let order = ["Breaking changes", "Added", "Deprecated", "Fixes/docs"].map(at);
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "sections out of order: {order:?}\n{md}"
    );
    assert!(
        !md.contains("### Changed"),
        "empty sections are left out: {md}"
    );
    assert!(md.contains(
        "- `seam.widgets().create()`: field `size` is now optional: `new()` no longer takes it"
    ));
    // Entries are sorted by section, then subject.
    let keys: Vec<(Section, &str)> = r
        .entries
        .iter()
        .map(|e| (e.section(), e.subject.as_str()))
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
}

fn raw_paths(path: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path).expect("spec");
    let raw: serde_json::Value = serde_json::from_str(&text).expect("json");
    raw["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .cloned()
        .collect()
}

fn paths_of(report: &Report, kind: Kind) -> BTreeSet<String> {
    report
        .of_kind(kind)
        .filter_map(|e| e.path.clone())
        .collect()
}

#[test]
fn real_release_1_841_0_against_vendored() {
    let old_path = root().join("specs/older/seam-connect-1.841.0.json");
    let new_path = root().join("specs/seam-connect.json");
    let old = model::build(&load::load_file(&old_path).expect("loads")).expect("models");
    let new = model::build(&load::load_file(&new_path).expect("loads")).expect("models");
    let (old_paths, new_paths) = (raw_paths(&old_path), raw_paths(&new_path));
    let gone: BTreeSet<String> = old_paths.difference(&new_paths).cloned().collect();
    let came: BTreeSet<String> = new_paths.difference(&old_paths).cloned().collect();

    let forward = diff::diff(&old, &new);
    assert_eq!(paths_of(&forward, Kind::OperationRemoved), gone);
    assert_eq!(paths_of(&forward, Kind::OperationAdded), came);
    // The same releases the other way round: the added paths are now removed operations.
    let backward = diff::diff(&new, &old);
    assert!(!came.is_empty(), "1.977.0 adds paths to 1.841.0");
    assert_eq!(paths_of(&backward, Kind::OperationRemoved), came);
    assert_eq!(paths_of(&backward, Kind::OperationAdded), gone);
    assert!(
        backward
            .of_kind(Kind::OperationRemoved)
            .all(|e| e.severity == Severity::Major)
    );

    // Deterministic: IRs built again from the files give the same bytes.
    let again = diff::diff_files(&old_path, &new_path).expect("diffs");
    let render = |r: &Report| markdown::render(r, &options("0.1.0")).expect("renders");
    assert_eq!(render(&forward), render(&again));
    assert_eq!(forward.entries, again.entries);
    assert_eq!(forward.bump(), Some(Severity::Major));
}
