//! Views: one askama template per struct, holding the IR it prints. No decisions here.

use super::Options;
use crate::model::*;
use askama::Template;

/// Filters the templates use.
mod filters {
    /// A Rust string literal holding `value` (quotes and escapes included).
    #[askama::filter_fn]
    pub fn lit<T: std::fmt::Display>(value: T, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(format!("{:?}", value.to_string()))
    }
}

/// `Cargo.toml` of the generated crate.
#[derive(Template)]
#[template(path = "Cargo.toml")]
pub struct CargoToml<'a> {
    /// Where the crate is written.
    pub options: &'a Options,
}

/// `rustfmt.toml` of the generated crate (prettyplease formats it; rustfmt keeps off).
#[derive(Template)]
#[template(path = "rustfmt.toml")]
pub struct RustfmtToml;

/// `README.md` of the generated crate.
#[derive(Template)]
#[template(path = "README.md")]
pub struct Readme {
    /// Number of operations.
    pub operations: usize,
    /// Number of namespaces (all levels).
    pub namespaces: usize,
}

impl Readme {
    /// Counts what the README states.
    pub fn new(api: &Api) -> Self {
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
