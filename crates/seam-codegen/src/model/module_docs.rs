//! Module docs pass: each namespace module's page (`Namespace::module_docs`, its `//!` lines)
//! says what it is under, names the resource it manages and lists its operations.
//!
//! The resource is the component schema its operations return: the one `get` returns, else the
//! one returned most often (the first in method order on a tie), never the action attempt that
//! device actions return (a namespace of actions alone names none). The table has one row per
//! operation: the method (a link when it is a method of `Seam`'s handle), the route, and the
//! first line of its docs (its summary).

use super::docs;
use super::ir::*;

/// Sets the module docs of every namespace of `api`.
pub fn attach(api: &mut Api) {
    let attempt = api.action_attempt.clone();
    walk_mut(&mut api.namespaces, &mut |ns| {
        ns.module_docs = module_docs(ns, attempt.as_ref());
    });
}

fn walk_mut(namespaces: &mut [Namespace], visit: &mut impl FnMut(&mut Namespace)) {
    for ns in namespaces {
        visit(ns);
        walk_mut(&mut ns.children, visit);
    }
}

/// The module docs of `ns`: its own docs, the resource, the table of operations.
fn module_docs(ns: &Namespace, attempt: Option<&TypeRef>) -> Docs {
    let mut lines = ns.docs.0.clone();
    if let Some(name) = resource(ns, attempt) {
        lines.push(String::new());
        lines.push(format!(
            "Manages [`{name}`](crate::types::{name}): the resource its operations return."
        ));
    }
    if !ns.operations.is_empty() {
        lines.push(String::new());
        lines.push("| method | route | what it does |".to_owned());
        lines.push("|---|---|---|".to_owned());
        for op in &ns.operations {
            let method = if op.auth.on_workspace_client {
                format!("[`{m}`]({}::{m})", ns.handle, m = op.method)
            } else {
                format!("`{}` (`SeamWithoutWorkspace`)", op.method)
            };
            let mut what = summary(&op.docs, &op.path);
            if op.deprecated.is_some() {
                what.push_str(" (deprecated)");
            }
            let route = docs::code(&format!("POST {}", op.path)).replace('|', "\\|");
            lines.push(format!("| {method} | {route} | {what} |"));
        }
    }
    Docs(lines)
}

/// The component schema `ns` manages, by its Rust name.
fn resource(ns: &Namespace, attempt: Option<&TypeRef>) -> Option<String> {
    let returned = |op: &Operation| match innermost(&op.response.ty) {
        TypeRef::Shared(name) => Some(name.clone()),
        _ => None,
    };
    if let Some(name) = ns
        .operations
        .iter()
        .find(|op| op.method == "get")
        .and_then(returned)
    {
        return Some(name);
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for op in &ns.operations {
        if attempt.is_some_and(|a| innermost(&op.response.ty) == a) {
            continue;
        }
        let Some(name) = returned(op) else { continue };
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => counts.push((name, 1)),
        }
    }
    // `max_by_key` keeps the last of equal maxima: reversed, that is the first.
    counts
        .into_iter()
        .rev()
        .max_by_key(|(_, count)| *count)
        .map(|(name, _)| name)
}

/// The type inside `Option`, `Vec` and `Box` layers.
fn innermost(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Option(inner) | TypeRef::Vec(inner) | TypeRef::Boxed(inner) => innermost(inner),
        other => other,
    }
}

/// The first line of an operation's `docs` as one table cell, `|` escaped: empty when it opens
/// a code block or is the route line (an operation without summary or description).
fn summary(docs: &Docs, path: &str) -> String {
    let first = docs.0.first().map(String::as_str).unwrap_or("");
    if first.starts_with("```") || first == format!("`POST {path}`") {
        return String::new();
    }
    first.trim_start_matches('#').trim().replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_is_one_safe_table_cell() {
        let docs = |lines: &[&str]| Docs(lines.iter().map(|l| (*l).to_owned()).collect());
        let cell = |lines: &[&str]| summary(&docs(lines), "/things/get");
        assert_eq!(cell(&["Get a | b", "more"]), "Get a \\| b");
        assert_eq!(cell(&["# Title"]), "Title");
        assert_eq!(cell(&["```text", "x", "```"]), "");
        assert_eq!(cell(&["`POST /things/get`"]), "");
        assert_eq!(cell(&[]), "");
    }
}
