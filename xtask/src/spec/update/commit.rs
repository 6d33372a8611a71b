//! Writing several files and folders of the tree as one change: everything is staged in a
//! temporary folder inside the tree first, then swapped into place by renames; if any rename
//! fails, the ones already done are undone, so the tree is as it was.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// Staged replacements of files and folders under `root`, not yet visible.
pub struct Transaction {
    root: PathBuf,
    stage: PathBuf,
    items: Vec<Item>,
    /// Test hook: fail just before swapping in the item with this index.
    fail_before: Option<usize>,
    /// Leave the staging folder in place when dropped (it holds what an undo could not restore).
    keep: bool,
}

/// One staged replacement.
struct Item {
    /// Relative to the root, for messages.
    rel: String,
    /// Where it goes.
    target: PathBuf,
    /// Where it is staged.
    staged: PathBuf,
}

impl Transaction {
    /// Starts a transaction; the staging folder is `root/.spec-update-<pid>/`, on the same file
    /// system as its targets so renames are cheap and atomic.
    pub fn new(root: &Path) -> anyhow::Result<Self> {
        let stage = root.join(format!(".spec-update-{}", std::process::id()));
        if stage.exists() {
            fs::remove_dir_all(&stage)
                .with_context(|| format!("cannot clear {}", stage.display()))?;
        }
        fs::create_dir(&stage).with_context(|| format!("cannot create {}", stage.display()))?;
        Ok(Transaction {
            root: root.to_owned(),
            stage,
            items: Vec::new(),
            fail_before: None,
            keep: false,
        })
    }

    /// Stages `contents` as the new file `rel` (keeping the permissions of the file it replaces).
    pub fn file(&mut self, rel: &str, contents: &[u8]) -> anyhow::Result<()> {
        let staged = self.stage.join(format!("item-{}", self.items.len()));
        fs::write(&staged, contents).with_context(|| format!("cannot stage {rel}"))?;
        let target = self.root.join(rel);
        if let Ok(meta) = fs::metadata(&target) {
            fs::set_permissions(&staged, meta.permissions())
                .with_context(|| format!("cannot stage {rel}"))?;
        }
        self.push(rel, target, staged);
        Ok(())
    }

    /// Stages the new folder `rel`, holding exactly `files` (paths relative to it).
    pub fn dir<'a>(
        &mut self,
        rel: &str,
        files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> anyhow::Result<()> {
        let staged = self.stage.join(format!("item-{}", self.items.len()));
        for (path, contents) in files {
            let file = staged.join(path);
            if let Some(parent) = file.parent() {
                fs::create_dir_all(parent).with_context(|| format!("cannot stage {rel}/{path}"))?;
            }
            fs::write(&file, contents).with_context(|| format!("cannot stage {rel}/{path}"))?;
        }
        fs::create_dir_all(&staged).with_context(|| format!("cannot stage {rel}"))?;
        self.push(rel, self.root.join(rel), staged);
        Ok(())
    }

    fn push(&mut self, rel: &str, target: PathBuf, staged: PathBuf) {
        self.items.push(Item {
            rel: rel.to_owned(),
            target,
            staged,
        });
    }

    /// Test hook: the commit fails just before swapping in item `index` (0-based, in staging
    /// order) and must undo the items before it.
    #[cfg(test)]
    pub fn fail_before(&mut self, index: usize) {
        self.fail_before = Some(index);
    }

    /// Swaps every staged item into place: the old file or folder is moved aside, the new one
    /// renamed in. On the first error, every swap done so far is undone in reverse order.
    pub fn commit(mut self) -> anyhow::Result<()> {
        let mut done: Vec<(&Item, Option<PathBuf>)> = Vec::new();
        let mut failure = None;
        for (i, item) in self.items.iter().enumerate() {
            match self.swap(i, item) {
                Ok(backup) => done.push((item, backup)),
                Err(err) => {
                    failure = Some(match Self::undo(&done) {
                        Ok(()) => (err.context("nothing was changed"), false),
                        Err(undo_err) => (
                            err.context(format!(
                                "AND undoing the earlier changes failed, the tree is half-updated \
                                 (restore it with git; the old versions are kept in {}): \
                                 {undo_err:#}",
                                self.stage.display()
                            )),
                            true,
                        ),
                    });
                    break;
                }
            }
        }
        match failure {
            None => Ok(()),
            Some((err, keep)) => {
                self.keep = keep;
                Err(err)
            }
        }
    }

    /// Moves the old `item` aside (returned), then the staged one in.
    fn swap(&self, index: usize, item: &Item) -> anyhow::Result<Option<PathBuf>> {
        if self.fail_before == Some(index) {
            bail!("injected failure before replacing {}", item.rel);
        }
        let backup = self.stage.join(format!("old-{index}"));
        let had_old = item.target.exists();
        if had_old {
            fs::rename(&item.target, &backup)
                .with_context(|| format!("cannot move {} aside", item.rel))?;
        } else if let Some(parent) = item.target.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create the folder of {}", item.rel))?;
        }
        if let Err(err) = fs::rename(&item.staged, &item.target) {
            if had_old {
                let _ = fs::rename(&backup, &item.target);
            }
            return Err(err).with_context(|| format!("cannot replace {}", item.rel));
        }
        Ok(had_old.then_some(backup))
    }

    /// Puts back what `done` replaced, last first.
    fn undo(done: &[(&Item, Option<PathBuf>)]) -> anyhow::Result<()> {
        for (item, backup) in done.iter().rev() {
            remove(&item.target).with_context(|| format!("removing the new {}", item.rel))?;
            if let Some(backup) = backup {
                fs::rename(backup, &item.target)
                    .with_context(|| format!("restoring {}", item.rel))?;
            }
        }
        Ok(())
    }
}

impl Drop for Transaction {
    /// Removes the staging folder (what was not swapped in, and the old versions moved aside),
    /// unless an undo failed and it holds what could not be restored.
    fn drop(&mut self) {
        if !self.keep {
            let _ = fs::remove_dir_all(&self.stage);
        }
    }
}

/// Removes a file or a folder.
fn remove(path: &Path) -> std::io::Result<()> {
    if path.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}
