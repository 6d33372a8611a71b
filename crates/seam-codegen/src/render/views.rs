//! Views: one askama template per struct, holding the IR it prints. No decisions here.

use super::Options;
use crate::model::*;
use askama::Template;

/// Filters the templates use.
mod filters {
    pub use super::raw_lit;
    /// A Rust string literal holding `value` (quotes and escapes included).
    #[askama::filter_fn]
    pub fn lit<T: std::fmt::Display>(value: T, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(format!("{:?}", value.to_string()))
    }
}

/// A raw Rust string literal (`r#"..."#`) holding `value`, for readable JSON samples; falls
/// back to an escaped literal for text with a character `Debug` escapes (control, invisible
/// and bidirectional characters: a raw literal would hide them, and clippy refuses it).
#[askama::filter_fn]
pub fn raw_lit<T: std::fmt::Display>(value: T, _: &dyn askama::Values) -> askama::Result<String> {
    let text = value.to_string();
    if text
        .chars()
        .any(|c| !matches!(c, '"' | '\\' | '\'') && c.escape_debug().count() > 1)
    {
        return Ok(format!("{text:?}"));
    }
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    Ok(format!("r{fence}\"{text}\"{fence}"))
}

/// `Cargo.toml` of the generated crate.
#[derive(Template)]
#[template(path = "Cargo.toml")]
pub struct CargoToml<'a> {
    /// Where the crate is written.
    pub options: &'a Options,
    /// The IR (for the cargo features).
    pub api: &'a Api,
}

/// `rustfmt.toml` of the generated crate (prettyplease formats it; rustfmt keeps off).
#[derive(Template)]
#[template(path = "rustfmt.toml")]
pub struct RustfmtToml;

/// `README.md` of the generated crate.
#[derive(Template)]
#[template(path = "README.md")]
pub struct Readme<'a> {
    /// The IR.
    pub api: &'a Api,
    /// Number of operations.
    pub operations: usize,
    /// Number of namespaces (all levels).
    pub namespaces: usize,
}

impl<'a> Readme<'a> {
    /// Counts what the README states.
    pub fn new(api: &'a Api) -> Self {
        fn walk(ns: &[Namespace], ops: &mut usize, count: &mut usize) {
            for n in ns {
                *ops += n.operations.len();
                *count += 1;
                walk(&n.children, ops, count);
            }
        }
        let (mut operations, mut namespaces) = (0, 0);
        walk(&api.namespaces, &mut operations, &mut namespaces);
        Readme {
            api,
            operations,
            namespaces,
        }
    }
}

/// `src/lib.rs`: the `Seam` client and the top-level modules.
#[derive(Template)]
#[template(path = "lib.rs")]
pub struct Lib<'a> {
    /// The IR.
    pub api: &'a Api,
}

/// `src/types/mod.rs`.
#[derive(Template)]
#[template(path = "types_mod.rs")]
pub struct TypesMod<'a> {
    /// The IR.
    pub api: &'a Api,
}

/// One file of `src/types/`.
#[derive(Template)]
#[template(path = "types_file.rs")]
pub struct TypesFile<'a> {
    /// The types of the file.
    pub group: &'a TypeGroup,
}

/// One namespace module.
#[derive(Template)]
#[template(path = "namespace.rs")]
pub struct NamespaceFile<'a> {
    /// The namespace.
    pub ns: &'a Namespace,
}

/// `tests/contract.rs`: every sample request of every operation against a mock of the spec.
#[derive(Template)]
#[template(path = "contract.rs")]
pub struct ContractTest<'a> {
    /// Every operation.
    pub operations: Vec<&'a Operation>,
}

impl<'a> ContractTest<'a> {
    /// The view over `api`.
    pub fn new(api: &'a Api) -> Self {
        ContractTest {
            operations: api.operations(),
        }
    }
}

/// `tests/roundtrip.rs`: every operation's sample responses decoded and re-encoded.
#[derive(Template)]
#[template(path = "roundtrip.rs")]
pub struct RoundTripTest<'a> {
    /// Every operation.
    pub operations: Vec<&'a Operation>,
}

impl<'a> RoundTripTest<'a> {
    /// The view over `api`.
    pub fn new(api: &'a Api) -> Self {
        RoundTripTest {
            operations: api.operations(),
        }
    }
}

/// `src/blocking.rs`: the blocking API over the same namespaces and operations.
#[derive(Template)]
#[template(path = "blocking.rs")]
pub struct Blocking<'a> {
    /// The IR.
    pub api: &'a Api,
    /// Every namespace, depth first.
    pub namespaces: Vec<&'a Namespace>,
}

impl<'a> Blocking<'a> {
    /// The view over `api`.
    pub fn new(api: &'a Api) -> Self {
        Blocking {
            api,
            namespaces: depth_first(&api.namespaces),
        }
    }
}

/// Every namespace of `top` and below, depth first.
fn depth_first(top: &[Namespace]) -> Vec<&Namespace> {
    fn walk<'a>(ns: &'a [Namespace], out: &mut Vec<&'a Namespace>) {
        for n in ns {
            out.push(n);
            walk(&n.children, out);
        }
    }
    let mut out = Vec::new();
    walk(top, &mut out);
    out
}

/// `src/without_workspace.rs`: `SeamWithoutWorkspace` and its handles, over the operations a
/// credential without a workspace may call.
#[derive(Template)]
#[template(path = "without_workspace.rs")]
pub struct WithoutWorkspace<'a> {
    /// The IR.
    pub api: &'a Api,
    /// The namespaces holding such operations (or leading to them), depth first.
    pub namespaces: Vec<&'a Namespace>,
}

impl<'a> WithoutWorkspace<'a> {
    /// The view over `api`.
    pub fn new(api: &'a Api) -> Self {
        let namespaces = depth_first(&api.namespaces)
            .into_iter()
            .filter(|ns| ns.on_without_workspace_client)
            .collect();
        WithoutWorkspace { api, namespaces }
    }
}

/// `src/webhook.rs`: verifying webhook deliveries into the event union.
#[derive(Template)]
#[template(path = "webhook.rs")]
pub struct WebhookFile<'a> {
    /// The event union and its feature.
    pub webhook: &'a Webhook,
}

/// One operation's example as a program of its own (`cargo xtask sample`).
#[derive(Template)]
#[template(path = "sample.rs")]
pub struct Sample<'a> {
    /// The operation.
    pub op: &'a Operation,
    /// The blocking client's form (else async).
    pub blocking: bool,
}
