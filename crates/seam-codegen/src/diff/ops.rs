//! Methods and namespaces: operations are matched by HTTP path, namespaces by module path.
//!
//! An operation whose path survives under another method name or namespace is reported once, as
//! moved. A matched operation's request struct is compared here (so its entries name the method);
//! every other type is left to [`super::types`].

use super::index::{Gone, Index, OpAt};
use super::types::{self, Ctx};
use super::{DOCS_CHANGED, Entry, Kind, Severity, compare_deprecation};
use crate::model::{Api, Namespace, Operation, TypeDef, TypeRef};
use std::collections::BTreeSet;

/// Compares namespaces and operations; returns which operations are gone or new.
pub fn compare(old: &Index, new: &Index, out: &mut Vec<Entry>) -> Gone {
    compare_namespaces(old, new, out);
    let mut gone = Gone::default();
    for (path, o) in &old.ops {
        match new.ops.get(path) {
            None => {
                gone.old.insert((*path).to_owned());
                out.push(
                    Entry::new(
                        Kind::OperationRemoved,
                        Severity::Major,
                        &o.label,
                        format!("method removed (`POST {path}`){}", paginator_note(o.op)),
                    )
                    .at(Some(path)),
                );
            }
            Some(n) if n.label != o.label => {
                gone.old.insert((*path).to_owned());
                gone.new.insert((*path).to_owned());
                out.push(
                    Entry::new(
                        Kind::OperationMoved,
                        Severity::Major,
                        &o.label,
                        format!("moved to `{}` (`POST {path}`)", n.label),
                    )
                    .at(Some(path)),
                );
            }
            Some(n) => compare_op(o, n, out),
        }
    }
    for (path, n) in &new.ops {
        if !old.ops.contains_key(path) {
            gone.new.insert((*path).to_owned());
            out.push(
                Entry::new(
                    Kind::OperationAdded,
                    Severity::Minor,
                    &n.label,
                    format!("new method (`POST {path}`){}", paginator_note(n.op)),
                )
                .at(Some(path)),
            );
        }
    }
    gone
}

fn paginator_note(op: &Operation) -> String {
    match &op.paginated {
        Some(p) => format!(", with `{}()`", p.method),
        None => String::new(),
    }
}

fn compare_namespaces(old: &Index, new: &Index, out: &mut Vec<Entry>) {
    let parent_in = |index: &Index, key: &[String]| match key.split_last() {
        Some((_, parent)) if !parent.is_empty() => index.namespaces.contains_key(parent),
        _ => true,
    };
    for (key, o) in &old.namespaces {
        match new.namespaces.get(key) {
            // Report only the topmost namespace that goes; its children go with it.
            None if parent_in(new, key) => out.push(Entry::new(
                Kind::NamespaceRemoved,
                Severity::Major,
                &o.label,
                format!(
                    "namespace removed (module `{}`, handle `{}`)",
                    key.join("::"),
                    o.ns.handle
                ),
            )),
            None => {}
            Some(n) => {
                if n.ns.accessor != o.ns.accessor {
                    out.push(Entry::new(
                        Kind::NamespaceRenamed,
                        Severity::Major,
                        &o.label,
                        format!("accessor renamed to `{}()`", n.ns.accessor),
                    ));
                }
                if n.ns.handle != o.ns.handle {
                    out.push(Entry::new(
                        Kind::NamespaceRenamed,
                        Severity::Major,
                        key.join("::"),
                        format!(
                            "handle struct `{}` renamed to `{}`",
                            o.ns.handle, n.ns.handle
                        ),
                    ));
                }
            }
        }
    }
    for (key, n) in &new.namespaces {
        if !old.namespaces.contains_key(key) && parent_in(old, key) {
            out.push(Entry::new(
                Kind::NamespaceAdded,
                Severity::Minor,
                &n.label,
                format!(
                    "new namespace (module `{}`, handle `{}`)",
                    key.join("::"),
                    n.ns.handle
                ),
            ));
        }
    }
}

/// Compares one operation present on both sides under the same method.
fn compare_op(o: &OpAt, n: &OpAt, out: &mut Vec<Entry>) {
    let path = Some(n.op.path.as_str());
    let subject = n.label.as_str();
    let mut push = |kind, severity, detail: String| {
        out.push(Entry::new(kind, severity, subject, detail).at(path));
    };
    compare_deprecation(&o.op.deprecated, &n.op.deprecated, "", &mut push);
    if o.op.docs != n.op.docs {
        push(Kind::DocsChanged, Severity::Patch, DOCS_CHANGED.into());
    }
    if o.op.retry_safe != n.op.retry_safe {
        let detail = if n.op.retry_safe {
            "now treated as safe to retry (the spec also offers it as GET)"
        } else {
            "no longer treated as safe to retry"
        };
        push(Kind::WireChanged, Severity::Patch, detail.into());
    }
    let old_query: BTreeSet<&str> = o.op.query.iter().map(|q| q.wire.as_str()).collect();
    let new_query: BTreeSet<&str> = n.op.query.iter().map(|q| q.wire.as_str()).collect();
    for wire in new_query.difference(&old_query) {
        let detail = format!("`{wire}` is now sent in the URL query");
        push(Kind::WireChanged, Severity::Patch, detail);
    }
    for wire in old_query.difference(&new_query) {
        let detail = format!("`{wire}` is no longer sent in the URL query");
        push(Kind::WireChanged, Severity::Patch, detail);
    }
    compare_response(o.op, n.op, &mut push);
    compare_paginated(o.op, n.op, &mut push);
    match (&o.op.request, &n.op.request) {
        (None, None) => {}
        (None, Some(r)) => push(
            Kind::RequestChanged,
            Severity::Major,
            format!("now takes a request argument `{}`", r.ty),
        ),
        (Some(r), None) => push(
            Kind::RequestChanged,
            Severity::Major,
            format!("no longer takes a request argument (was `{}`)", r.ty),
        ),
        (Some(a), Some(b)) => {
            if a.ty.to_string() != b.ty.to_string() {
                push(
                    Kind::RequestChanged,
                    Severity::Major,
                    format!("request type `{}` → `{}`", a.ty, b.ty),
                );
            }
            if let (Some(od), Some(nd)) = (local_def(o.ns, &a.ty), local_def(n.ns, &b.ty)) {
                let ctx = Ctx {
                    subject,
                    path,
                    prefix: format!("request `{}`: ", nd.name),
                };
                types::compare_def(&ctx, od, nd, out);
            }
        }
    }
}

fn compare_response(o: &Operation, n: &Operation, push: &mut impl FnMut(Kind, Severity, String)) {
    let (old_ty, new_ty) = (o.response.ty.to_string(), n.response.ty.to_string());
    if old_ty != new_ty {
        push(
            Kind::ResponseChanged,
            Severity::Major,
            format!("returns `{new_ty}` (was `{old_ty}`)"),
        );
    } else if o.response.key != n.response.key {
        let key = |k: &Option<String>| match k {
            Some(k) => format!("`{k}`"),
            None => "nothing".to_owned(),
        };
        push(
            Kind::WireChanged,
            Severity::Patch,
            format!(
                "reads its result from {} (was {})",
                key(&n.response.key),
                key(&o.response.key)
            ),
        );
    }
}

fn compare_paginated(o: &Operation, n: &Operation, push: &mut impl FnMut(Kind, Severity, String)) {
    match (&o.paginated, &n.paginated) {
        (None, None) => {}
        (None, Some(p)) => push(
            Kind::PaginatorAdded,
            Severity::Minor,
            format!("new method `{}()` pages through the results", p.method),
        ),
        (Some(p), None) => push(
            Kind::PaginatorRemoved,
            Severity::Major,
            format!("method `{}()` removed", p.method),
        ),
        (Some(a), Some(b)) => {
            if a.method != b.method {
                push(
                    Kind::PaginatorChanged,
                    Severity::Major,
                    format!("method `{}()` renamed to `{}()`", a.method, b.method),
                );
            }
            if a.item.to_string() != b.item.to_string() {
                push(
                    Kind::PaginatorChanged,
                    Severity::Major,
                    format!("`{}()` yields `{}` (was `{}`)", b.method, b.item, a.item),
                );
            }
        }
    }
}

/// The definition of a type local to `ns`.
pub fn local_def<'a>(ns: &'a Namespace, ty: &TypeRef) -> Option<&'a TypeDef> {
    match ty {
        TypeRef::Local(name) => ns.types.iter().find(|t| &t.name == name),
        _ => None,
    }
}

/// Compares the action attempt type the client waits for.
pub fn compare_action_attempt(old: &Api, new: &Api, out: &mut Vec<Entry>) {
    let subject = "seam.wait_for_action_attempt()";
    match (&old.action_attempt, &new.action_attempt) {
        (None, None) => {}
        (None, Some(t)) => out.push(Entry::new(
            Kind::OperationAdded,
            Severity::Minor,
            subject,
            format!("new: waits for a `{t}` to finish"),
        )),
        (Some(_), None) => out.push(Entry::new(
            Kind::OperationRemoved,
            Severity::Major,
            subject,
            "removed (the spec has no action attempt type any more)",
        )),
        (Some(a), Some(b)) if a.to_string() != b.to_string() => out.push(Entry::new(
            Kind::ResponseChanged,
            Severity::Major,
            subject,
            format!("waits for `{b}` (was `{a}`)"),
        )),
        (Some(_), Some(_)) => {}
    }
}
