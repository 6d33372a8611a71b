//! The "each namespace feature alone" step of `cargo xtask test`: `cargo check` of the generated
//! crate with no namespace, then with each namespace feature alone, in two workers.

use std::path::Path;
use std::time::Instant;

use anyhow::Context;

use super::{Ctx, FEATURE_CHECK_TARGET, cargo_command, run_checked, secs};

/// The generated crate's namespace features: the list of its `full` feature.
fn full_features(manifest: &str) -> Option<Vec<String>> {
    let line = manifest
        .lines()
        .find(|l| l.trim_start().starts_with("full = ["))?;
    let list = line.split_once('[')?.1.rsplit_once(']')?.0;
    Some(
        list.split(',')
            .map(|item| item.trim().trim_matches('"').to_owned())
            .filter(|item| !item.is_empty())
            .collect(),
    )
}

/// `cargo check` of the generated crate with no namespace, then with each namespace feature
/// alone (the full set is checked by clippy). Every namespace is checked, not a sample: a type
/// missing from one namespace's closure only shows when that namespace is alone. Kept fast with
/// a target folder of its own, no incremental data and `--lib` only; the first check builds the
/// dependencies, then two workers share the namespaces, the second in a copy of that folder (a
/// `cargo check` of one crate is mostly one core's work, and cargo locks a target folder). About
/// 2 minutes on the 2-core machine (see BENCHMARKS.md).
pub(super) fn namespace_features(ctx: &Ctx) -> anyhow::Result<()> {
    let manifest = ctx.root.join("generated/Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .with_context(|| format!("reading {}", manifest.display()))?;
    let features = full_features(&text)
        .with_context(|| format!("{} has no `full = [...]` feature", manifest.display()))?;
    let target = ctx.root.join(FEATURE_CHECK_TARGET);
    check_feature_set(ctx, &target, "")?;
    let second = ctx.root.join(SECOND_FEATURE_CHECK_TARGET);
    copy_dir(&target, &second, &[])?;
    let (first_half, second_half): (Vec<_>, Vec<_>) =
        features.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let run = |target: &Path, sets: Vec<(usize, &String)>| -> anyhow::Result<()> {
        sets.into_iter()
            .try_for_each(|(_, set)| check_feature_set(ctx, target, set))
    };
    let result = std::thread::scope(|scope| {
        let worker = scope.spawn(|| run(&second, second_half));
        let mine = run(&target, first_half);
        let theirs = worker
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("a namespace check worker panicked")));
        mine.and(theirs)
    });
    // Disk is shared: the copy goes (the first folder stays for the `spec update` walk test).
    std::fs::remove_dir_all(&second).with_context(|| format!("removing {}", second.display()))?;
    result
}

/// Copies the file `from` to `to` with its modification time.
fn copy_file(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::copy(from, to)?;
    let modified = std::fs::metadata(from)?.modified()?;
    std::fs::File::options()
        .write(true)
        .open(to)?
        .set_modified(modified)
}

/// The second worker's target folder of [`namespace_features`], relative to the workspace root.
const SECOND_FEATURE_CHECK_TARGET: &str = "target/feature-check-2";

/// `cargo check` of the generated library with only the features `set` (comma-separated; empty
/// for none), warnings denied, in `target`; prints how long it took.
fn check_feature_set(ctx: &Ctx, target: &Path, set: &str) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut cmd = cargo_command();
    cmd.args([
        "check",
        "--quiet",
        "-p",
        "seam",
        "--lib",
        "--no-default-features",
    ])
    .args(["--features", set])
    .current_dir(ctx.root)
    .env("CARGO_TARGET_DIR", target)
    .env("CARGO_INCREMENTAL", "0")
    .env("RUSTFLAGS", "-D warnings");
    run_checked(&mut cmd)?;
    let shown = if set.is_empty() {
        "(no namespace)"
    } else {
        set
    };
    eprintln!("  {:>8}  {shown}", secs(started.elapsed()));
    Ok(())
}

/// Copies the folder `from` to `to` (replaced if it exists), files and subfolders, except the
/// entries named in `skip` (at any depth). Files keep their modification time: cargo compares
/// those of a target folder's files, and a copy in any other order looks stale to it.
pub(crate) fn copy_dir(from: &Path, to: &Path, skip: &[&str]) -> anyhow::Result<()> {
    if to.exists() {
        std::fs::remove_dir_all(to).with_context(|| format!("removing {}", to.display()))?;
    }
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("listing {}", from.display()))? {
        let entry = entry.with_context(|| format!("listing {}", from.display()))?;
        if skip.iter().any(|name| entry.file_name() == **name) {
            continue;
        }
        let (source, dest) = (entry.path(), to.join(entry.file_name()));
        let kind = entry
            .file_type()
            .with_context(|| format!("reading {}", source.display()))?;
        if kind.is_dir() {
            copy_dir(&source, &dest, skip)?;
        } else if kind.is_file() {
            copy_file(&source, &dest)
                .with_context(|| format!("copying {} to {}", source.display(), dest.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_folder_is_copied_whole_but_for_the_skipped_names() {
        let scratch = tempfile::tempdir().unwrap();
        let (from, to) = (scratch.path().join("from"), scratch.path().join("to"));
        std::fs::create_dir_all(from.join("a/target")).unwrap();
        std::fs::write(from.join("top.txt"), "top").unwrap();
        std::fs::write(from.join("a/inner.txt"), "inner").unwrap();
        std::fs::write(from.join("a/target/skipped.txt"), "x").unwrap();
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        std::fs::File::options()
            .write(true)
            .open(from.join("top.txt"))
            .unwrap()
            .set_modified(old)
            .unwrap();
        std::fs::create_dir_all(&to).unwrap();
        std::fs::write(to.join("stale.txt"), "stale").unwrap();
        super::copy_dir(&from, &to, &["target"]).unwrap();
        assert_eq!(std::fs::read_to_string(to.join("top.txt")).unwrap(), "top");
        assert_eq!(
            std::fs::read_to_string(to.join("a/inner.txt")).unwrap(),
            "inner"
        );
        assert!(!to.join("a/target").exists());
        assert!(!to.join("stale.txt").exists(), "the old folder is replaced");
        let copied = std::fs::metadata(to.join("top.txt")).unwrap().modified();
        assert_eq!(copied.unwrap(), old, "the modification time is kept");
    }

    #[test]
    fn namespace_features_are_read_from_the_full_feature() {
        let manifest =
            "[features]\nblocking = [\"x/blocking\"]\nfull = [\"acs\", \"devices\", ]\nacs = []\n";
        assert_eq!(super::full_features(manifest).unwrap(), ["acs", "devices"]);
        assert_eq!(super::full_features("[features]\n"), None);
    }
}
