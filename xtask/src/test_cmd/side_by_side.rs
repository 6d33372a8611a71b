//! The test step's two halves, run side by side once every test target is built: the generated
//! crate's contract suite (Prism's answers pace it, so it leaves a core idle) and every other
//! test (CPU-bound: the generator's suites, the hostile fixtures' builds, ...). Both run every
//! test binary; harness filters pick each half's tests. `cargo test`
//! releases the target folder's lock once it has built, so both runs share the folder and
//! compile nothing.

use std::process::{Command, Output};

use anyhow::{Context, bail};

/// The tests of the generated crate's `contract` target: the first half runs them, the second
/// skips them, both by these exact names (no other test has them).
pub(super) const CONTRACT_TESTS: &[&str] = &[
    "every_operation_against_a_mock_of_the_spec",
    "parity_with_the_official_js_sdk",
];

/// The cargo targets and harness arguments of the two halves: the contract target's tests by
/// their exact names, then everything else with those skipped. Both select every test target of
/// the whole workspace, as the build did: selecting one target would resolve features again
/// (other packages' dev-dependencies drop out) and rebuild.
pub(super) fn halves() -> [(&'static str, Vec<&'static str>, Vec<&'static str>); 2] {
    let mut only = vec!["--include-ignored", "--exact"];
    only.extend(CONTRACT_TESTS);
    let mut skip = vec!["--include-ignored", "--exact"];
    for name in CONTRACT_TESTS {
        skip.extend(["--skip", name]);
    }
    [
        (
            "contract suite and parity (generated crate)",
            vec!["--tests"],
            only,
        ),
        ("every other test", vec!["--tests"], skip),
    ]
}

/// Runs each command to its end, side by side; prints each one's output in order once both are
/// done; fails when any failed.
pub(super) fn run(commands: Vec<(&str, Command)>) -> anyhow::Result<()> {
    let outputs: Vec<(String, anyhow::Result<Output>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = commands
            .into_iter()
            .map(|(label, mut cmd)| {
                let shown = format!("{cmd:?}");
                let label = label.to_owned();
                scope.spawn(move || {
                    let output = cmd.output().with_context(|| format!("cannot run {shown}"));
                    (format!("{label}: {shown}"), output)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a test half's thread does not panic"))
            .collect()
    });
    let mut failed = Vec::new();
    for (label, output) in outputs {
        eprintln!("---- {label}");
        let output = output?;
        eprint!("{}", String::from_utf8_lossy(&output.stdout));
        eprint!("{}", String::from_utf8_lossy(&output.stderr));
        if !output.status.success() {
            failed.push(format!("{label} failed: {}", output.status));
        }
    }
    if !failed.is_empty() {
        bail!("{}", failed.join("\n"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_second_half_skips_exactly_the_first_halfs_tests() {
        let [(_, first_targets, first), (_, second_targets, second)] = halves();
        assert_eq!(first_targets, ["--tests"]);
        assert_eq!(second_targets, ["--tests"]);
        assert!(first.contains(&"--exact") && second.contains(&"--exact"));
        for name in CONTRACT_TESTS {
            assert!(first.contains(name));
            let at = second.iter().position(|a| a == name).expect("skipped");
            assert_eq!(second[at - 1], "--skip");
        }
    }

    #[test]
    fn the_contract_tests_are_the_templates_tests() {
        let template = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates/contract.rs"),
        )
        .unwrap();
        let tests: Vec<&str> = template
            .lines()
            .filter_map(|l| l.strip_prefix("async fn "))
            .filter_map(|l| l.split('(').next())
            .collect();
        assert_eq!(tests, CONTRACT_TESTS);
    }

    #[test]
    fn a_failing_half_fails_the_run_after_both_finish() {
        let ok = Command::new("true");
        let bad = Command::new("false");
        let err = run(vec![("good", ok), ("bad", bad)]).unwrap_err();
        assert!(err.to_string().contains("bad: "), "{err}");
        assert!(!err.to_string().contains("good: "), "{err}");
    }
}
