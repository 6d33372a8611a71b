//! Struct fields, matched by JSON name, judged by what the generated struct offers: `pub` fields,
//! and for request structs (`builder`) a `new()` taking the required fields plus one setter per
//! other field.

use super::{DOCS_CHANGED, Kind, Push, Severity, code, compare_deprecation};
use crate::model::{Field, Presence, Struct};
use std::collections::BTreeMap;

/// Compares two versions of a struct; `prefix` goes before struct-level details.
pub(super) fn compare_struct(prefix: &str, old: &Struct, new: &Struct, push: &mut Push) {
    match (old.builder, new.builder) {
        (true, false) => push(
            Kind::ImplRemoved,
            Severity::Major,
            format!("{prefix}`new()` and the setters removed"),
        ),
        (false, true) => push(
            Kind::ImplAdded,
            Severity::Minor,
            format!("{prefix}now has `new()` and setters"),
        ),
        _ => {}
    }
    match (old.derive_default, new.derive_default) {
        (true, false) => push(
            Kind::ImplRemoved,
            Severity::Major,
            format!("{prefix}no longer implements `Default`"),
        ),
        (false, true) => push(
            Kind::ImplAdded,
            Severity::Minor,
            format!("{prefix}now implements `Default`"),
        ),
        _ => {}
    }
    let (old_fields, new_fields) = (by_wire(old), by_wire(new));
    let builder = old.builder && new.builder;
    for (wire, o) in &old_fields {
        match new_fields.get(wire) {
            Some(n) => compare_field(o, n, builder, push),
            None => {
                let setter = if old.builder && !o.presence.is_required() {
                    format!(" (and its setter `.{}()`)", o.setter)
                } else {
                    String::new()
                };
                push(
                    Kind::FieldRemoved,
                    Severity::Major,
                    format!("field `{}` removed{setter}", o.name),
                );
            }
        }
    }
    for (wire, n) in &new_fields {
        if old_fields.contains_key(wire) {
            continue;
        }
        let (severity, detail) = match (new.builder, n.presence.is_required()) {
            (true, true) => (
                Severity::Major,
                format!(
                    "new required field `{}: {}`: `new()` takes it",
                    n.name, n.value_ty
                ),
            ),
            (true, false) => (
                Severity::Minor,
                format!(
                    "new optional field `{}: {}`, set with `.{}()`",
                    n.name, n.ty, n.setter
                ),
            ),
            (false, _) => (Severity::Minor, format!("new field `{}: {}`", n.name, n.ty)),
        };
        push(Kind::FieldAdded, severity, detail);
    }
}

fn by_wire(s: &Struct) -> BTreeMap<&str, &Field> {
    s.fields.iter().map(|f| (f.wire.as_str(), f)).collect()
}

/// `now optional and nullable`, ...: how presence rules changed.
fn presence_change(old: Presence, new: Presence) -> String {
    let present = |p| matches!(p, Presence::Required | Presence::RequiredNullable);
    let nullable = |p| matches!(p, Presence::RequiredNullable | Presence::OptionalNullable);
    let mut parts = Vec::new();
    match (present(old), present(new)) {
        (true, false) => parts.push("optional"),
        (false, true) => parts.push("always present"),
        _ => {}
    }
    match (nullable(old), nullable(new)) {
        (false, true) => parts.push("nullable"),
        (true, false) => parts.push("no longer nullable"),
        _ => {}
    }
    parts.join(" and ")
}

fn compare_field(o: &Field, n: &Field, builder: bool, push: &mut Push) {
    let name = &n.name;
    if o.name != n.name {
        push(
            Kind::FieldRenamed,
            Severity::Major,
            format!(
                "field `{}` renamed to `{name}` (JSON {})",
                o.name,
                code(&n.wire)
            ),
        );
    }
    let (old_ty, new_ty) = (o.ty.to_string(), n.ty.to_string());
    let retyped = old_ty != new_ty || o.value_ty.to_string() != n.value_ty.to_string();
    let (was_required, is_required) = (o.presence.is_required(), n.presence.is_required());
    if builder && was_required && !is_required {
        push(
            Kind::FieldNowOptional,
            Severity::Major,
            format!(
                "field `{name}` is now optional: `new()` no longer takes it, set it with `.{}()` (`{old_ty}` → `{new_ty}`)",
                n.setter
            ),
        );
    } else if builder && !was_required && is_required {
        push(
            Kind::FieldNowRequired,
            Severity::Major,
            format!(
                "field `{name}` is now required: `new()` takes it and the setter `.{}()` is gone (`{old_ty}` → `{new_ty}`)",
                o.setter
            ),
        );
    } else if retyped {
        let change = presence_change(o.presence, n.presence);
        let note = if change.is_empty() {
            String::new()
        } else {
            format!(" (now {change})")
        };
        push(
            Kind::FieldRetyped,
            Severity::Major,
            format!("field `{name}`: `{old_ty}` → `{new_ty}`{note}"),
        );
    } else if o.presence != n.presence {
        push(
            Kind::WireChanged,
            Severity::Patch,
            format!(
                "field `{name}` is now {} on the wire (Rust type unchanged: `{new_ty}`)",
                presence_change(o.presence, n.presence)
            ),
        );
    }
    if builder && !was_required && !is_required && o.setter != n.setter {
        push(
            Kind::SetterChanged,
            Severity::Major,
            format!("setter `.{}()` renamed to `.{}()`", o.setter, n.setter),
        );
    }
    if builder && !retyped && o.takes_into != n.takes_into {
        let (severity, detail) = if n.takes_into {
            (Severity::Minor, "now accepts")
        } else {
            (Severity::Major, "no longer accepts")
        };
        push(
            Kind::SetterChanged,
            severity,
            format!(
                "field `{name}`: `new()`/setter {detail} `impl Into<{}>`",
                n.value_ty
            ),
        );
    }
    compare_deprecation(
        &o.deprecated,
        &n.deprecated,
        &format!("field `{name}` "),
        push,
    );
    if o.docs != n.docs {
        push(
            Kind::DocsChanged,
            Severity::Patch,
            format!("field `{name}`: {DOCS_CHANGED}"),
        );
    }
}
