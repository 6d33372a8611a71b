//! Stage 3, render: IR → askama templates (`templates/`) → formatted files → written or checked.
//!
//! [`views`] pairs each template with the part of the IR it prints, [`format`] runs the Rust
//! output through syn + prettyplease, [`write`] compares with or replaces the output folder.
//! [`claims`] lists the names the rendered crate takes for itself (the naming passes read it).
//! [`sample`] renders one operation's example as a program (`cargo xtask sample`).

pub mod claims;
pub mod format;
pub mod sample;
pub mod views;
pub mod write;

use crate::error::{Error, Result};
use crate::model::{Api, Namespace};
use std::path::Path;

/// One file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the crate folder, with `/` separators.
    pub path: String,
    /// Contents.
    pub contents: String,
}

/// Settings that depend on where the crate is written, not on the spec.
#[derive(Debug, Clone)]
pub struct Options {
    /// Path of the `seam-runtime` crate as the generated Cargo.toml should name it.
    pub runtime_path: String,
    /// Give the generated crate its own `[workspace]` (when written outside this workspace).
    pub standalone: bool,
    /// Path of the `seam-contract` crate (the contract suite's runner, a dev-dependency).
    pub contract_path: String,
    /// The generated crate's version, `MAJOR.MINOR.PATCH`. For `generated/` it comes from
    /// [`CRATE_VERSION_FILE`] (see [`Options::for_workspace`]), which `cargo xtask spec update`
    /// bumps.
    pub crate_version: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            runtime_path: "../crates/seam-runtime".to_owned(),
            standalone: false,
            contract_path: "../crates/seam-contract".to_owned(),
            crate_version: "0.1.0".to_owned(),
        }
    }
}

/// The one home of the generated crate's version, relative to the workspace root: one line,
/// `MAJOR.MINOR.PATCH`. Its `Cargo.toml` prints it; `cargo xtask spec update` writes it.
pub const CRATE_VERSION_FILE: &str = "specs/crate-version.txt";

impl Options {
    /// The options for `generated/` of the workspace at `root`: the default paths, and the
    /// version read from [`CRATE_VERSION_FILE`].
    pub fn for_workspace(root: &Path) -> Result<Options> {
        Ok(Options {
            crate_version: read_crate_version(root)?,
            ..Options::default()
        })
    }
}

/// Reads and checks [`CRATE_VERSION_FILE`] under `root`.
pub fn read_crate_version(root: &Path) -> Result<String> {
    let path = root.join(CRATE_VERSION_FILE);
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
        path: path.clone(),
        source,
    })?;
    let version = text.trim();
    crate::diff::markdown::next_version(version, None).map_err(|e| Error::CrateVersion {
        path: path.clone(),
        message: e.to_string(),
    })?;
    Ok(version.to_owned())
}

fn render_one(path: String, template: &dyn askama::DynTemplate) -> Result<OutputFile> {
    let contents = template.dyn_render().map_err(|e| Error::Render {
        file: path.clone(),
        message: e.to_string(),
    })?;
    Ok(OutputFile { path, contents })
}

/// Renders every file of the crate (unformatted), sorted by path.
pub fn render(api: &Api, options: &Options) -> Result<Vec<OutputFile>> {
    let mut files = vec![
        render_one("Cargo.toml".into(), &views::CargoToml { options, api })?,
        render_one("README.md".into(), &views::Readme::new(api))?,
        render_one("rustfmt.toml".into(), &views::RustfmtToml)?,
        render_one("src/lib.rs".into(), &views::Lib { api })?,
        render_one("src/blocking.rs".into(), &views::Blocking::new(api))?,
        render_one("src/types/mod.rs".into(), &views::TypesMod { api })?,
        render_one("tests/contract.rs".into(), &views::ContractTest::new(api))?,
        render_one("tests/roundtrip.rs".into(), &views::RoundTripTest::new(api))?,
    ];
    if api.without_workspace {
        files.push(render_one(
            "src/without_workspace.rs".into(),
            &views::WithoutWorkspace::new(api),
        )?);
    }
    if let Some(webhook) = &api.webhook {
        files.push(render_one(
            "src/webhook.rs".into(),
            &views::WebhookFile { webhook },
        )?);
    }
    for group in &api.types {
        files.push(render_one(
            format!("src/types/{}.rs", group.module),
            &views::TypesFile { group },
        )?);
    }
    let mut stack: Vec<(String, &Namespace)> = api
        .namespaces
        .iter()
        .map(|ns| (format!("src/{}", ns.module), ns))
        .collect();
    while let Some((dir, ns)) = stack.pop() {
        files.push(render_one(
            format!("{dir}/mod.rs"),
            &views::NamespaceFile { ns },
        )?);
        stack.extend(
            ns.children
                .iter()
                .map(|c| (format!("{dir}/{}", c.module), c)),
        );
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
