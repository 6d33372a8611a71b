//! The report as a Markdown CHANGELOG entry, and the next version of the generated crate.
//!
//! Versions follow cargo's reading of SemVer: from 1.0.0 on, major/minor/patch bump their own
//! number; for `0.y.z` a major change bumps `y` and anything else bumps `z`; for `0.0.z` every
//! change bumps `z`.

use super::{DOCS_CHANGED, Entry, Report, Section, Severity};
use std::collections::BTreeMap;
use std::fmt::Write;

/// What the Markdown needs besides the report.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// Name of the generated crate (`seam`).
    pub crate_name: &'a str,
    /// Its current version, `MAJOR.MINOR.PATCH`.
    pub current_version: &'a str,
    /// How to name the old spec (a file name).
    pub old_label: &'a str,
    /// How to name the new spec.
    pub new_label: &'a str,
}

/// A version the suggestion cannot start from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cannot suggest a version after {0:?}: expected MAJOR.MINOR.PATCH without pre-release or build suffix"
)]
pub struct VersionError(pub String);

/// The version after `current` for a change of size `bump` (`None`: unchanged).
pub fn next_version(current: &str, bump: Option<Severity>) -> Result<String, VersionError> {
    let err = || VersionError(current.to_owned());
    let parts: Vec<&str> = current.trim().split('.').collect();
    let [major, minor, patch] = parts.as_slice() else {
        return Err(err());
    };
    let number = |s: &str| -> Result<u64, VersionError> {
        if s.is_empty()
            || !s.bytes().all(|b| b.is_ascii_digit())
            || (s.len() > 1 && s.starts_with('0'))
        {
            return Err(err());
        }
        s.parse().map_err(|_| err())
    };
    let (x, y, z) = (number(major)?, number(minor)?, number(patch)?);
    let bumped = |n: u64| n.checked_add(1).ok_or_else(err);
    let (x, y, z) = match (bump, x, y) {
        (None, ..) => (x, y, z),
        (Some(Severity::Major), 0, 0) => (0, 0, bumped(z)?),
        (Some(Severity::Major), 0, _) => (0, bumped(y)?, 0),
        (Some(Severity::Major), ..) => (bumped(x)?, 0, 0),
        (Some(Severity::Minor), 0, _) => (0, y, bumped(z)?),
        (Some(Severity::Minor), ..) => (x, bumped(y)?, 0),
        (Some(Severity::Patch), ..) => (x, y, bumped(z)?),
    };
    Ok(format!("{x}.{y}.{z}"))
}

/// `1 method`, `2 methods`.
fn methods(n: usize) -> String {
    if n == 1 {
        "1 method".to_owned()
    } else {
        format!("{n} methods")
    }
}

/// Why the version moves as it does, in words.
pub fn bump_reason(bump: Option<Severity>, zero_major: bool) -> &'static str {
    match (bump, zero_major) {
        (None, _) => "nothing changed for users of the crate, no release needed",
        (Some(Severity::Major), false) => "breaking changes: major release",
        (Some(Severity::Major), true) => {
            "breaking changes: major release, which for a 0.x crate bumps the minor number"
        }
        (Some(Severity::Minor), false) => "additions or deprecations only: minor release",
        (Some(Severity::Minor), true) => {
            "additions or deprecations only: minor release, which for a 0.x crate bumps the patch number"
        }
        (Some(Severity::Patch), _) => "documentation and wire-level changes only: patch release",
    }
}

/// Renders the report as a CHANGELOG entry: a heading with the suggested version, counts, then
/// one section per kind of change (empty sections are left out).
pub fn render(report: &Report, opts: &Options) -> Result<String, VersionError> {
    let bump = report.bump();
    let next = next_version(opts.current_version, bump)?;
    let zero_major = opts.current_version.trim().starts_with("0.");
    let mut md = String::new();
    // Writing into a String cannot fail.
    let _ = writeln!(md, "## {} {next}\n", opts.crate_name);
    let _ = writeln!(
        md,
        "Suggested version of the generated `{}` crate: **{next}** (current {}; {}).\n",
        opts.crate_name,
        opts.current_version.trim(),
        bump_reason(bump, zero_major)
    );
    let _ = writeln!(
        md,
        "Spec: `{}` ({}) → `{}` ({}).\n",
        opts.old_label,
        methods(report.old_operations),
        opts.new_label,
        methods(report.new_operations)
    );
    let _ = writeln!(md, "| Section | Entries |\n|---|---:|");
    for section in Section::ALL {
        let _ = writeln!(md, "| {} | {} |", section.title(), report.count(section));
    }
    let _ = writeln!(md, "| **Total** | {} |\n", report.entries.len());
    let ops = |kind| report.of_kind(kind).filter(|e| e.path.is_some()).count();
    let _ = writeln!(
        md,
        "Methods: {} removed, {} added, {} moved.",
        ops(super::Kind::OperationRemoved),
        ops(super::Kind::OperationAdded),
        ops(super::Kind::OperationMoved)
    );
    for section in Section::ALL {
        let lines = section_lines(report, section);
        if lines.is_empty() {
            continue;
        }
        let _ = writeln!(md, "\n### {}\n", section.title());
        for line in lines {
            let _ = writeln!(md, "{line}");
        }
    }
    Ok(md)
}

/// The Markdown list items of one section, in report order (`- `subject`: detail`); in the docs
/// section, plain "documentation changed" entries of one subject are merged into one line.
pub fn section_lines(report: &Report, section: Section) -> Vec<String> {
    let entries = report.entries.iter().filter(|e| e.section() == section);
    if section == Section::Docs {
        docs_lines(entries)
    } else {
        entries
            .map(|e| format!("- `{}`: {}", e.subject, e.detail))
            .collect()
    }
}

/// The docs section, one line per item: plain "documentation changed" entries of the same
/// subject are merged (`field `a`, field `b``), other entries keep their own line.
fn docs_lines<'a>(entries: impl Iterator<Item = &'a Entry>) -> Vec<String> {
    let mut merged: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut single = Vec::new();
    for e in entries {
        if e.detail == DOCS_CHANGED {
            merged.entry(&e.subject).or_default().insert(0, "");
        } else if let Some(part) = e
            .detail
            .strip_suffix(DOCS_CHANGED)
            .and_then(|p| p.strip_suffix(": "))
        {
            merged.entry(&e.subject).or_default().push(part);
        } else {
            single.push(e);
        }
    }
    let mut lines: Vec<String> = merged
        .into_iter()
        .map(|(subject, parts)| match parts.as_slice() {
            [""] => format!("- `{subject}`: {DOCS_CHANGED}"),
            _ => {
                let parts: Vec<&str> = parts
                    .iter()
                    .map(|p| if p.is_empty() { "the item" } else { p })
                    .collect();
                format!("- `{subject}`: {DOCS_CHANGED} ({})", parts.join(", "))
            }
        })
        .collect();
    lines.extend(
        single
            .iter()
            .map(|e| format!("- `{}`: {}", e.subject, e.detail)),
    );
    lines.sort();
    lines
}
