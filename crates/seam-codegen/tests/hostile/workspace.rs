//! A cargo workspace of generated fixture crates, checked by one `cargo` run.
//!
//! It lives under `$CARGO_TARGET_DIR/hostile` (else `target/hostile` of this workspace) and
//! is kept between runs. Its builds go to the target folder of this workspace's own build, with
//! this workspace's profiles, so the dependencies `cargo clippy` and `cargo test` of this
//! workspace already built are reused: only those whose features differ are built again (on a
//! fresh clone, the fuzz and fixture checks compiled every dependency twice more, check and build,
//! in a folder of their own). Cargo holds a target folder's lock only while it builds, not while
//! `cargo test` runs the test binaries. Each generated crate is renamed
//! `seam-hostile-<fixture>` (its library keeps the name `seam`, which its contract test imports)
//! so that one workspace can hold them all.

use seam_codegen::render::{OutputFile, write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// This repository's root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The target folder of this workspace's build (`$CARGO_TARGET_DIR`, else `target`).
fn target_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target"));
    if target.is_absolute() {
        target
    } else {
        repo_root().join(target)
    }
}

/// The folder for the workspaces and scratch files of the hostile tests.
pub fn hostile_dir() -> PathBuf {
    target_dir().join("hostile")
}

/// A `cargo` command whose builds go to this workspace's target folder, without the variables
/// `cargo test` set for this test binary (`CARGO_PKG_NAME`, `CARGO_MANIFEST_DIR`, ...): build
/// scripts that watch them (ring's) would see them change, run again and make everything above
/// them stale for this workspace's next build (the doctest step rebuilt ring, rustls, reqwest and
/// the generated crate: 25 s became 153 s). `cargo xtask`'s commands leave them out the same way.
pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    for (name, _) in std::env::vars_os() {
        if let Some(name) = name.to_str()
            && (name.starts_with("CARGO_PKG_")
                || name.starts_with("CARGO_MANIFEST_")
                || matches!(
                    name,
                    "CARGO_CRATE_NAME" | "CARGO_PRIMARY_PACKAGE" | "CARGO_BIN_NAME"
                ))
        {
            cmd.env_remove(name);
        }
    }
    cmd.env("CARGO_TARGET_DIR", target_dir());
    cmd
}

/// The `[profile.*]` tables of the manifest `manifest`, as written there: a workspace given them
/// builds its dependencies exactly as this one does, so it can reuse them.
fn profiles(manifest: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in manifest.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            inside = trimmed.starts_with("[profile.");
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The package name for a fixture file name (`recursive.json` → `seam-hostile-recursive-json`).
pub fn package_name(fixture: &str) -> String {
    let slug: String = fixture
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("seam-hostile-{slug}")
}

/// Writes the workspace `name` holding one crate per `(fixture, files)` and returns its folder.
pub fn write_workspace(name: &str, crates: &[(&str, Vec<OutputFile>)]) -> PathBuf {
    let root = hostile_dir().join(name);
    std::fs::create_dir_all(&root).expect("creates the workspace folder");
    let ours = std::fs::read_to_string(repo_root().join("Cargo.toml")).expect("reads Cargo.toml");
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [\"crates/*\"]\n\n{}",
        profiles(&ours)
    );
    write_if_changed(&root.join("Cargo.toml"), &manifest);
    let lock = root.join("Cargo.lock");
    if !lock.exists() {
        // The main workspace's versions: nothing new to download or build.
        std::fs::copy(repo_root().join("Cargo.lock"), &lock).expect("copies Cargo.lock");
    }
    let crates_dir = root.join("crates");
    let wanted: Vec<String> = crates.iter().map(|(f, _)| package_name(f)).collect();
    if let Ok(entries) = std::fs::read_dir(&crates_dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !wanted.contains(&name) {
                std::fs::remove_dir_all(entry.path()).expect("removes an old fixture crate");
            }
        }
    }
    for (fixture, files) in crates {
        let package = package_name(fixture);
        let files: Vec<OutputFile> = files
            .iter()
            .map(|f| match f.path.as_str() {
                "Cargo.toml" => OutputFile {
                    path: f.path.clone(),
                    contents: rename_package(&f.contents, &package),
                },
                _ => f.clone(),
            })
            .collect();
        write::ensure(&crates_dir.join(&package), &files, write::Mode::Write)
            .expect("writes a fixture crate");
    }
    root
}

/// The generated manifest with the package renamed; the library keeps the name `seam`.
fn rename_package(manifest: &str, package: &str) -> String {
    let renamed = manifest.replacen("name = \"seam\"", &format!("name = \"{package}\""), 1);
    assert_ne!(
        renamed, manifest,
        "the generated Cargo.toml names the package `seam`"
    );
    // The crate's dev-dependency on itself (its suites turn a feature on) names it too.
    let self_dependency = "seam = { path = \".\"";
    assert!(
        renamed.contains(self_dependency),
        "the generated Cargo.toml depends on itself"
    );
    let renamed = renamed.replacen(
        self_dependency,
        &format!("seam = {{ package = \"{package}\", path = \".\""),
        1,
    );
    // The library section (the crate has one: no unit-test harness) keeps the name `seam`.
    let lib = "\n[lib]\n";
    assert!(
        renamed.contains(lib),
        "the generated Cargo.toml has a [lib]"
    );
    renamed.replacen(lib, "\n[lib]\nname = \"seam\"\n", 1)
}

fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::write(path, contents).expect("writes a workspace file");
    }
}

/// `cargo clippy` of the workspace at `root` (libraries and tests): its output when it fails
/// (a deny-level lint included) or warns about a generated library.
pub fn check(root: &Path) -> Result<(), String> {
    let mut cmd = cargo();
    cmd.current_dir(root)
        .args(["clippy", "--workspace", "--lib", "--tests"]);
    let output = run(cmd);
    let shown = text(&output);
    if !output.status.success() {
        return Err(format!("cargo clippy failed:\n{shown}"));
    }
    // Warnings in the generated libraries (tests generated for the crate are not checked).
    if shown
        .lines()
        .any(|l| l.starts_with("warning: `seam-hostile") && l.contains("` (lib)"))
    {
        return Err(format!("warnings in generated code:\n{shown}"));
    }
    Ok(())
}

/// Runs `cmd`, returning its output; panics with the output if it could not start.
pub fn run(mut cmd: Command) -> Output {
    let shown = format!("{cmd:?}");
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {shown}: {e}"))
}

/// stdout and stderr of `output`, for assertion messages.
pub fn text(output: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A fresh empty folder under the hostile folder (named after `label` and this process).
pub fn scratch(label: &str) -> PathBuf {
    let dir = hostile_dir()
        .join("scratch")
        .join(format!("{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creates a scratch folder");
    dir
}

/// Every file under `dir` with its contents, sorted.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap_or_default();
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn profiles_are_copied_as_written() {
    let manifest = "[workspace]\nmembers = [\"a\"]\n\n[profile.dev]\ndebug = 1\n\n[workspace.dependencies]\nx = \"1\"\n[profile.release.package.\"*\"]\nopt-level = 3\n";
    assert_eq!(
        profiles(manifest),
        "[profile.dev]\ndebug = 1\n\n[profile.release.package.\"*\"]\nopt-level = 3\n"
    );
    // This workspace's own manifest has the profile its dependencies are built with.
    let ours = std::fs::read_to_string(repo_root().join("Cargo.toml")).expect("reads Cargo.toml");
    assert!(profiles(&ours).starts_with("[profile.dev]\n"), "{ours}");
}
