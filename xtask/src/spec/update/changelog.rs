//! `generated/CHANGELOG.md`: one entry per release of the generated crate, newest first, in the
//! Keep a Changelog format (<https://keepachangelog.com/en/1.1.0/>). The entries' lines are the
//! `spec diff` report's (`seam_codegen::diff::markdown::section_lines`).

use std::fmt::Write as _;

use anyhow::bail;
use seam_codegen::diff::{Report, Section, Severity, markdown};

/// The file, relative to the workspace root.
pub const FILE: &str = "generated/CHANGELOG.md";

/// The top of a new CHANGELOG, before the first entry.
pub const HEADER: &str = "# Changelog

All notable changes to the `seam` crate. It is generated from Seam Connect's OpenAPI spec, and
each release names the spec it was generated from. The format follows
[Keep a Changelog](https://keepachangelog.com/en/1.1.0/); versions follow
[SemVer as Cargo reads it](https://doc.rust-lang.org/cargo/reference/semver.html): while the
version is 0.y.z, a breaking change bumps y and anything else bumps z; a breaking change never
ships as a patch release. Entries are written by `cargo xtask spec update`.
";

/// What one entry says besides the report.
pub struct Release<'a> {
    /// The new version of the crate.
    pub version: &'a str,
    /// The release date, `YYYY-MM-DD`.
    pub date: &'a str,
    /// The spec release it was generated from, and the one before.
    pub spec_from: &'a str,
    /// The new spec release.
    pub spec_to: &'a str,
    /// sha256 of the new spec file.
    pub sha256: &'a str,
    /// How big a release this is.
    pub bump: Severity,
    /// Why, in words (what `bump` means for this version).
    pub reason: String,
}

/// The Keep a Changelog heading of each section of the report.
fn heading(section: Section) -> &'static str {
    match section {
        Section::Breaking => "Breaking",
        Section::Added => "Added",
        Section::Changed => "Changed",
        Section::Deprecated => "Deprecated",
        Section::Docs => "Fixed",
    }
}

/// One entry: heading, the spec it comes from, then one section per kind of change.
pub fn entry(release: &Release, report: &Report) -> String {
    let mut md = String::new();
    // Writing into a String cannot fail.
    let _ = writeln!(md, "## [{}] - {}\n", release.version, release.date);
    let _ = writeln!(
        md,
        "Generated from Seam Connect spec {} (previous release: spec {}; sha256 `{}`). \
         {} methods (was {}). {}.",
        release.spec_to,
        release.spec_from,
        release.sha256,
        report.new_operations,
        report.old_operations,
        release.reason
    );
    let mut any = false;
    for section in Section::ALL {
        let lines = markdown::section_lines(report, section);
        if lines.is_empty() {
            continue;
        }
        any = true;
        let _ = writeln!(md, "\n### {}\n", heading(section));
        for line in lines {
            let _ = writeln!(md, "{line}");
        }
    }
    if !any {
        let _ = writeln!(
            md,
            "\n### Changed\n\n- No change to the Rust API; the generated files differ (samples of the \
             contract suite, README or wire details)."
        );
    }
    md
}

/// `existing` (or a new CHANGELOG) with `entry` inserted above the newest release; refuses an
/// entry for a version the CHANGELOG already has.
pub fn prepend(existing: Option<&str>, entry: &str, version: &str) -> anyhow::Result<String> {
    let existing = existing.unwrap_or(HEADER);
    if existing
        .lines()
        .any(|line| line.starts_with(&format!("## [{version}]")))
    {
        bail!(
            "{FILE} already has an entry for {version}; the version file and the CHANGELOG disagree"
        );
    }
    let at = existing
        .match_indices("\n## ")
        .next()
        .map_or(existing.len(), |(i, _)| i + 1);
    let (head, rest) = existing.split_at(at);
    let mut out = head.trim_end().to_owned();
    out.push_str("\n\n");
    out.push_str(entry.trim_end());
    out.push('\n');
    if !rest.is_empty() {
        out.push('\n');
        out.push_str(rest);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_go_above_the_newest_release() {
        let first = prepend(None, "## [0.1.0] - 2026-01-01\n\nfirst\n", "0.1.0").unwrap();
        assert!(first.starts_with(HEADER.trim_end()), "{first}");
        assert!(
            first.ends_with("\n\n## [0.1.0] - 2026-01-01\n\nfirst\n"),
            "{first}"
        );
        let second = prepend(Some(&first), "## [0.2.0] - 2026-02-01\n\nsecond", "0.2.0").unwrap();
        let (a, b) = (
            second.find("## [0.2.0]").unwrap(),
            second.find("## [0.1.0]").unwrap(),
        );
        assert!(second.find("# Changelog").unwrap() < a && a < b, "{second}");
        assert!(second.contains("second\n\n## [0.1.0]"), "{second}");
        let err = prepend(Some(&second), "## [0.2.0] - x", "0.2.0").unwrap_err();
        assert!(err.to_string().contains("already has an entry"), "{err}");
    }
}
