//! Enum-like types: string enum values matched by wire value, tagged-union variants by their tag
//! values, untagged-union variants by name.

use super::{DOCS_CHANGED, Kind, Push, Severity, code};
use crate::model::{StrEnum, TaggedUnion, UntaggedUnion};
use std::collections::{BTreeMap, BTreeSet};

/// A wire value as inline code, in double quotes.
fn quoted(wire: &str) -> String {
    code(&format!("\"{wire}\""))
}

/// Compares two versions of a string enum (`#[non_exhaustive]`, adding values is minor).
pub(super) fn compare_enum(old: &StrEnum, new: &StrEnum, push: &mut Push) {
    let old_values: BTreeMap<&str, _> = old.variants.iter().map(|v| (v.wire.as_str(), v)).collect();
    let new_values: BTreeMap<&str, _> = new.variants.iter().map(|v| (v.wire.as_str(), v)).collect();
    for (wire, o) in &old_values {
        match new_values.get(wire) {
            None => push(
                Kind::EnumValueRemoved,
                Severity::Major,
                format!("variant `{}` ({}) removed", o.name, quoted(wire)),
            ),
            Some(n) => {
                if o.name != n.name {
                    push(
                        Kind::EnumValueRenamed,
                        Severity::Major,
                        format!(
                            "variant `{}` renamed to `{}` ({})",
                            o.name,
                            n.name,
                            quoted(wire)
                        ),
                    );
                }
                if o.docs != n.docs {
                    push(
                        Kind::DocsChanged,
                        Severity::Patch,
                        format!("variant `{}`: {DOCS_CHANGED}", n.name),
                    );
                }
            }
        }
    }
    for (wire, n) in &new_values {
        if !old_values.contains_key(wire) {
            push(
                Kind::EnumValueAdded,
                Severity::Minor,
                format!("new variant `{}` ({})", n.name, quoted(wire)),
            );
        }
    }
    if old.unknown != new.unknown {
        push(
            Kind::EnumValueRenamed,
            Severity::Major,
            format!(
                "fallback variant `{}` renamed to `{}`",
                old.unknown, new.unknown
            ),
        );
    }
}

/// Compares two versions of a tagged union (`#[non_exhaustive]`, adding variants is minor).
pub(super) fn compare_tagged(old: &TaggedUnion, new: &TaggedUnion, push: &mut Push) {
    let same_tags = old.tags == new.tags;
    if !same_tags {
        push(
            Kind::WireChanged,
            Severity::Patch,
            format!(
                "variants are told apart by {} (was {})",
                code(&new.tags.join(", ")),
                code(&old.tags.join(", "))
            ),
        );
    }
    let describe = |u: &TaggedUnion, values: &[String]| {
        let pairs: Vec<String> = u
            .tags
            .iter()
            .zip(values)
            .map(|(t, v)| format!("{t} = {v:?}"))
            .collect();
        code(&pairs.join(", "))
    };
    let key = |name: &str, values: &[String]| {
        if same_tags {
            values.join("\u{0}")
        } else {
            name.to_owned()
        }
    };
    let old_vars: BTreeMap<String, _> = old
        .variants
        .iter()
        .map(|v| (key(&v.name, &v.values), v))
        .collect();
    let new_vars: BTreeMap<String, _> = new
        .variants
        .iter()
        .map(|v| (key(&v.name, &v.values), v))
        .collect();
    for (k, o) in &old_vars {
        match new_vars.get(k) {
            None => push(
                Kind::VariantRemoved,
                Severity::Major,
                format!(
                    "variant `{}` ({}) removed",
                    o.name,
                    describe(old, &o.values)
                ),
            ),
            Some(n) => {
                if o.name != n.name {
                    push(
                        Kind::VariantChanged,
                        Severity::Major,
                        format!(
                            "variant `{}` renamed to `{}` ({})",
                            o.name,
                            n.name,
                            describe(new, &n.values)
                        ),
                    );
                }
                if o.ty.to_string() != n.ty.to_string() {
                    push(
                        Kind::VariantChanged,
                        Severity::Major,
                        format!("variant `{}` holds `{}` (was `{}`)", n.name, n.ty, o.ty),
                    );
                }
                if o.docs != n.docs {
                    push(
                        Kind::DocsChanged,
                        Severity::Patch,
                        format!("variant `{}`: {DOCS_CHANGED}", n.name),
                    );
                }
            }
        }
    }
    for (k, n) in &new_vars {
        if !old_vars.contains_key(k) {
            push(
                Kind::VariantAdded,
                Severity::Minor,
                format!(
                    "new variant `{}({})` ({})",
                    n.name,
                    n.ty,
                    describe(new, &n.values)
                ),
            );
        }
    }
    let old_acc: BTreeSet<&str> = old.accessors.iter().map(|a| a.method.as_str()).collect();
    let new_acc: BTreeSet<&str> = new.accessors.iter().map(|a| a.method.as_str()).collect();
    for m in old_acc.difference(&new_acc) {
        push(
            Kind::ImplRemoved,
            Severity::Major,
            format!("tag accessor `.{m}()` removed"),
        );
    }
    for m in new_acc.difference(&old_acc) {
        push(
            Kind::ImplAdded,
            Severity::Minor,
            format!("new tag accessor `.{m}()`"),
        );
    }
    if old.unknown != new.unknown {
        push(
            Kind::VariantChanged,
            Severity::Major,
            format!(
                "fallback variant `{}` renamed to `{}`",
                old.unknown, new.unknown
            ),
        );
    }
}

/// Compares two versions of an untagged union (exhaustive: adding variants is major).
pub(super) fn compare_untagged(old: &UntaggedUnion, new: &UntaggedUnion, push: &mut Push) {
    let old_vars: BTreeMap<&str, _> = old.variants.iter().map(|v| (v.name.as_str(), v)).collect();
    let new_vars: BTreeMap<&str, _> = new.variants.iter().map(|v| (v.name.as_str(), v)).collect();
    for (name, o) in &old_vars {
        match new_vars.get(name) {
            None => push(
                Kind::VariantRemoved,
                Severity::Major,
                format!("variant `{name}({})` removed", o.ty),
            ),
            Some(n) if o.ty.to_string() != n.ty.to_string() => push(
                Kind::VariantChanged,
                Severity::Major,
                format!("variant `{name}` holds `{}` (was `{}`)", n.ty, o.ty),
            ),
            Some(_) => {}
        }
    }
    for (name, n) in &new_vars {
        if !old_vars.contains_key(name) {
            // Untagged unions are exhaustive: a `match` without a wildcard stops compiling.
            push(
                Kind::VariantAdded,
                Severity::Major,
                format!("new variant `{name}({})` (the enum is exhaustive)", n.ty),
            );
        }
    }
    let order = |u: &UntaggedUnion| -> Vec<String> {
        u.variants
            .iter()
            .filter(|v| {
                old_vars.contains_key(v.name.as_str()) && new_vars.contains_key(v.name.as_str())
            })
            .map(|v| v.name.clone())
            .collect()
    };
    if order(old) != order(new) {
        push(
            Kind::WireChanged,
            Severity::Patch,
            "variants are tried in another order when decoding".to_owned(),
        );
    }
}
