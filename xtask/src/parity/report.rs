//! The report of a comparison: every finding grouped by kind, then the parity line.

use std::collections::{BTreeMap, BTreeSet};

use super::compare::{Comparison, Finding, Kind, Weight, case_path};

/// How many examples a deliberate or informational kind prints.
const EXAMPLES: usize = 5;

impl Comparison {
    /// The report, ending with `parity: N/M operations identical`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut push = |line: String| {
            out.push_str(&line);
            out.push('\n');
        };
        push(format!(
            "operations the JS SDK does not expose ({}, not compared):",
            self.missing.len()
        ));
        for (path, method) in &self.missing {
            push(format!("  {path}  (no seam.{method})"));
        }
        let mut by_kind: BTreeMap<Kind, Vec<&Finding>> = BTreeMap::new();
        for f in &self.findings {
            by_kind.entry(f.kind).or_default().push(f);
        }
        for (kind, found) in by_kind {
            let ops: BTreeSet<&str> = found.iter().map(|f| case_path(&f.case)).collect();
            let cases: BTreeSet<&str> = found.iter().map(|f| f.case.as_str()).collect();
            let weight = match kind.weight() {
                Weight::Difference => "DIFFERENCE",
                Weight::Deliberate => "deliberate",
                Weight::Informational => "informational",
            };
            push(format!(
                "\n[{weight}] {}: {} operations, {} cases",
                kind.label(),
                ops.len(),
                cases.len()
            ));
            let shown = if kind.weight() == Weight::Difference {
                found.len()
            } else {
                EXAMPLES.min(found.len())
            };
            for f in &found[..shown] {
                push(format!("  {}: {}", f.case, f.detail));
            }
            if shown < found.len() {
                push(format!("  ... and {} more", found.len() - shown));
            }
        }
        let identical = self.identical().len();
        push(String::new());
        push(format!(
            "parity: {identical}/{} operations identical",
            self.exposed.len()
        ));
        out
    }
}
