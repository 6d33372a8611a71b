//! Writing and checking the output folder: the one freshness function behind both
//! `cargo xtask codegen`, `cargo xtask codegen --check` and the freshness test.

use super::OutputFile;
use crate::error::{Error, Result};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Files of the output folder that the generator does not write and keeps as they are: neither
/// stale nor extra, carried over when the folder is replaced. `CHANGELOG.md` is written by
/// `cargo xtask spec update`.
pub const KEPT: &[&str] = &["CHANGELOG.md"];

/// What to do with the output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Replace the folder when anything differs (through a temporary folder and a swap).
    Write,
    /// Change nothing; report what differs.
    Check,
}

/// What differs between the folder and the generated files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Files whose contents differ or that are missing, relative to the folder.
    pub stale: Vec<String>,
    /// Files in the folder that the generator would not write.
    pub extra: Vec<String>,
}

impl Outcome {
    /// Whether the folder matches.
    pub fn is_fresh(&self) -> bool {
        self.stale.is_empty() && self.extra.is_empty()
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_owned(),
        source,
    }
}

fn normalise(text: &str) -> String {
    text.replace("\r\n", "\n")
}

fn list_files(root: &Path, dir: &Path, out: &mut BTreeSet<String>) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(dir)(e)),
    };
    for entry in entries {
        let entry = entry.map_err(io(dir))?;
        let path = entry.path();
        if entry.file_type().map_err(io(&path))?.is_dir() {
            list_files(root, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// Compares `dir` with `files`.
pub fn compare(dir: &Path, files: &[OutputFile]) -> Result<Outcome> {
    let mut on_disk = BTreeSet::new();
    list_files(dir, dir, &mut on_disk)?;
    let mut outcome = Outcome::default();
    for file in files {
        let path = dir.join(&file.path);
        let fresh = on_disk.remove(&file.path)
            && std::fs::read_to_string(&path)
                .is_ok_and(|old| normalise(&old) == normalise(&file.contents));
        if !fresh {
            outcome.stale.push(file.path.clone());
        }
    }
    outcome.extra = on_disk
        .into_iter()
        .filter(|path| !KEPT.contains(&path.as_str()))
        .collect();
    Ok(outcome)
}

/// Makes `dir` hold exactly `files` (in [`Mode::Write`]) or reports how it differs.
///
/// Writing never leaves the folder half-written: the new contents go to a sibling temporary
/// folder, which then replaces `dir` by two renames. A folder that already matches is left
/// alone (its files keep their timestamps, so cargo rebuilds nothing).
pub fn ensure(dir: &Path, files: &[OutputFile], mode: Mode) -> Result<Outcome> {
    let outcome = compare(dir, files)?;
    if mode == Mode::Check || outcome.is_fresh() {
        return Ok(outcome);
    }
    let parent = dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = parent.join(format!(".{name}.new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let result = (|| {
        for file in files {
            let path = tmp.join(&file.path);
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p).map_err(io(p))?;
            }
            std::fs::write(&path, &file.contents).map_err(io(&path))?;
        }
        for kept in KEPT {
            let from = dir.join(kept);
            if from.is_file() {
                let to = tmp.join(kept);
                std::fs::copy(&from, &to).map_err(io(&to))?;
            }
        }
        let had_old = dir.exists();
        if had_old {
            std::fs::rename(dir, &old).map_err(io(dir))?;
        }
        if let Err(e) = std::fs::rename(&tmp, dir) {
            if had_old {
                let _ = std::fs::rename(&old, dir);
            }
            return Err(io(dir)(e));
        }
        if had_old {
            std::fs::remove_dir_all(&old).map_err(io(&old))?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result.map(|()| outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile {
            path: path.to_owned(),
            contents: contents.to_owned(),
        }
    }

    #[test]
    fn kept_files_are_neither_extra_nor_lost_when_the_folder_is_replaced() {
        let parent = std::env::temp_dir().join(format!("seam-write-kept-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&parent);
        let dir = parent.join("out");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("CHANGELOG.md"), "# Changelog\n").unwrap();
        std::fs::write(dir.join("old.rs"), "// gone\n").unwrap();
        let files = [file("src/lib.rs", "// lib\n")];

        let outcome = ensure(&dir, &files, Mode::Check).unwrap();
        assert_eq!(outcome.extra, ["old.rs"]);
        ensure(&dir, &files, Mode::Write).unwrap();
        assert!(!dir.join("old.rs").exists());
        assert_eq!(
            std::fs::read_to_string(dir.join("CHANGELOG.md")).unwrap(),
            "# Changelog\n"
        );
        assert!(ensure(&dir, &files, Mode::Check).unwrap().is_fresh());
        std::fs::remove_dir_all(&parent).unwrap();
    }
}
