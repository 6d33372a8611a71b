//! Type definitions: component types (`types::Name`) matched by name, namespace types
//! (`acs::credentials::Name`) by module path and name, fields by JSON name, string enum values by
//! wire value, tagged-union variants by tag values.
//!
//! Request structs of matched operations are compared by [`super::ops`] (through [`compare_def`]);
//! types used only by removed or added operations are covered by that operation's entry.

use super::index::{Gone, Index};
use super::{DOCS_CHANGED, Entry, Kind, Severity, compare_deprecation};
use super::{fields, variants};
use crate::model::{Api, Namespace, TypeDef, TypeKind, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// Where entries about one type go.
pub struct Ctx<'a> {
    /// The item the entries name.
    pub subject: &'a str,
    /// The HTTP path, when the type is an operation's request.
    pub path: Option<&'a str>,
    /// Put before type-level details (`request `CreateRequest`: `), empty for plain types.
    pub prefix: String,
}

impl Ctx<'_> {
    fn entry(&self, kind: Kind, severity: Severity, detail: String) -> Entry {
        Entry::new(kind, severity, self.subject, detail).at(self.path)
    }
}

/// Compares the component types (`crate::types`).
pub fn compare_shared(old: &Api, new: &Api, out: &mut Vec<Entry>) {
    let (old_types, new_types) = (shared(old), shared(new));
    for (name, o) in &old_types {
        let subject = format!("types::{name}");
        match new_types.get(name) {
            None => out.push(Entry::new(
                Kind::TypeRemoved,
                Severity::Major,
                subject,
                format!("{} removed", kind_name(&o.kind)),
            )),
            Some(n) => {
                let ctx = Ctx {
                    subject: &subject,
                    path: None,
                    prefix: String::new(),
                };
                compare_def(&ctx, o, n, out);
            }
        }
    }
    for (name, n) in &new_types {
        if !old_types.contains_key(name) {
            out.push(Entry::new(
                Kind::TypeAdded,
                Severity::Minor,
                format!("types::{name}"),
                format!("new {}", kind_name(&n.kind)),
            ));
        }
    }
}

fn shared(api: &Api) -> BTreeMap<&str, &TypeDef> {
    api.types
        .iter()
        .flat_map(|g| g.types.iter())
        .map(|t| (t.name.as_str(), t))
        .collect()
}

/// Compares the types that namespaces own, except operations' request structs.
pub fn compare_local(old: &Index, new: &Index, gone: &Gone, out: &mut Vec<Entry>) {
    let keys: BTreeSet<&Vec<String>> = old.namespaces.keys().chain(new.namespaces.keys()).collect();
    for key in keys {
        let old_ns = old.namespaces.get(key).map(|n| n.ns);
        let new_ns = new.namespaces.get(key).map(|n| n.ns);
        let mut requests = request_names(old_ns);
        requests.extend(request_names(new_ns));
        let old_types = defs(old_ns);
        let new_types = defs(new_ns);
        let old_owners = owners(old_ns);
        let new_owners = owners(new_ns);
        let only_by =
            |owners: &BTreeMap<&str, BTreeSet<&str>>, name: &str, set: &BTreeSet<String>| {
                owners
                    .get(name)
                    .is_some_and(|o| !o.is_empty() && o.iter().all(|p| set.contains(*p)))
            };
        let module = key.join("::");
        for (name, o) in &old_types {
            if requests.contains(name) {
                continue;
            }
            let subject = format!("{module}::{name}");
            match new_types.get(name) {
                Some(n) => {
                    let ctx = Ctx {
                        subject: &subject,
                        path: None,
                        prefix: String::new(),
                    };
                    compare_def(&ctx, o, n, out);
                }
                None if only_by(&old_owners, name, &gone.old) => {}
                None => out.push(Entry::new(
                    Kind::TypeRemoved,
                    Severity::Major,
                    subject,
                    format!("{} removed", kind_name(&o.kind)),
                )),
            }
        }
        for (name, n) in &new_types {
            if requests.contains(name)
                || old_types.contains_key(name)
                || only_by(&new_owners, name, &gone.new)
            {
                continue;
            }
            out.push(Entry::new(
                Kind::TypeAdded,
                Severity::Minor,
                format!("{module}::{name}"),
                format!("new {}", kind_name(&n.kind)),
            ));
        }
    }
}

fn defs(ns: Option<&Namespace>) -> BTreeMap<&str, &TypeDef> {
    ns.map(|ns| ns.types.iter().map(|t| (t.name.as_str(), t)).collect())
        .unwrap_or_default()
}

fn request_names(ns: Option<&Namespace>) -> BTreeSet<&str> {
    let Some(ns) = ns else {
        return BTreeSet::new();
    };
    ns.operations
        .iter()
        .filter_map(|op| match op.request.as_ref().map(|r| &r.ty) {
            Some(TypeRef::Local(name)) => Some(name.as_str()),
            _ => None,
        })
        .collect()
}

/// For each type of the namespace, the HTTP paths of the operations that use it (directly or
/// through other types of the namespace).
fn owners(ns: Option<&Namespace>) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut out: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let Some(ns) = ns else {
        return out;
    };
    let types = defs(Some(ns));
    for op in &ns.operations {
        let mut todo: Vec<&TypeRef> = vec![&op.response.ty];
        todo.extend(op.request.as_ref().map(|r| &r.ty));
        todo.extend(op.paginated.as_ref().map(|p| &p.item));
        let mut seen = BTreeSet::new();
        while let Some(ty) = todo.pop() {
            let Some(TypeRef::Local(name)) = ty.named() else {
                continue;
            };
            let Some(def) = types.get(name.as_str()) else {
                continue;
            };
            if seen.insert(def.name.as_str()) {
                todo.extend(def.references());
            }
        }
        for name in seen {
            out.entry(name).or_default().insert(op.path.as_str());
        }
    }
    out
}

/// What a type is, in words.
fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::StrEnum(_) => "enum",
        TypeKind::Tagged(_) => "tagged enum",
        TypeKind::Untagged(_) => "untagged enum",
        TypeKind::Alias(_) => "type alias",
        TypeKind::Metadata(_) => "manufacturer metadata enum",
    }
}

/// Compares two definitions of the same type.
pub fn compare_def(ctx: &Ctx, old: &TypeDef, new: &TypeDef, out: &mut Vec<Entry>) {
    let prefix = ctx.prefix.as_str();
    let mut push = |kind, severity, detail: String| out.push(ctx.entry(kind, severity, detail));
    let (old_kind, new_kind) = (kind_name(&old.kind), kind_name(&new.kind));
    if old_kind != new_kind {
        push(
            Kind::TypeReshaped,
            Severity::Major,
            format!("{prefix}is now a {new_kind} (was a {old_kind})"),
        );
        return;
    }
    compare_deprecation(&old.deprecated, &new.deprecated, prefix, &mut push);
    if old.docs != new.docs {
        push(
            Kind::DocsChanged,
            Severity::Patch,
            format!("{prefix}{DOCS_CHANGED}"),
        );
    }
    match (old.action_attempt.is_some(), new.action_attempt.is_some()) {
        (true, false) => push(
            Kind::ImplRemoved,
            Severity::Major,
            format!("{prefix}no longer implements `ActionAttemptLike`"),
        ),
        (false, true) => push(
            Kind::ImplAdded,
            Severity::Minor,
            format!("{prefix}now implements `ActionAttemptLike`"),
        ),
        _ => {}
    }
    match (&old.kind, &new.kind) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => {
            fields::compare_struct(prefix, a, b, &mut push)
        }
        (TypeKind::StrEnum(a), TypeKind::StrEnum(b)) => variants::compare_enum(a, b, &mut push),
        (TypeKind::Tagged(a), TypeKind::Tagged(b)) => variants::compare_tagged(a, b, &mut push),
        (TypeKind::Untagged(a), TypeKind::Untagged(b)) => {
            variants::compare_untagged(a, b, &mut push)
        }
        (TypeKind::Alias(a), TypeKind::Alias(b)) if a.to_string() != b.to_string() => push(
            Kind::TypeReshaped,
            Severity::Major,
            format!("{prefix}is now an alias of `{b}` (was `{a}`)"),
        ),
        _ => {}
    }
}
