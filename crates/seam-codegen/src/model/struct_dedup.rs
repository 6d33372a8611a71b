//! Struct dedup pass: structs of one `crate::types` module that the spec repeats under
//! different names become one type.
//!
//! The spec writes many objects out again wherever they appear: each credential warning of an
//! action attempt's result is defined once for `is_issued: true` and once for `false`, the
//! same error objects come back under each action, and so on. Two structs are the same type
//! when everything the generated code prints for them is the same (fields, their names, wire
//! names, docs, presence, deprecation) and their fields' types are, once the aliases the dedup
//! pass made are looked through. The first copy (in spec order) stays the definition, or the
//! first that is a component schema's own type when one is; every other copy keeps its name and
//! docs as an alias of it (`pub type B = A;`), so code written against any name compiles and
//! the values are interchangeable; a doc line on each side names the other. Copies merge
//! within one module only: each module is a file compiled by the features that reach it, and an
//! alias of a type in another module would make every feature reaching the alias compile that
//! module too (measured: `devices` alone built slower than before the pass). A component schema's own type is never made an alias: two
//! resources the spec names stay two types, even with the same fields today. Merging structs
//! can make the structs holding them identical in turn, so the pass repeats until nothing
//! merges.
//!
//! Left alone: action attempt types (their impls are per type), structs with a field a
//! lenience deviation names (lenience is decided by the schema a struct comes from, which a
//! copy does not share), and structs that refer to themselves (their copies name themselves
//! differently).

use super::ir::{Docs, TypeDef, TypeGroup, TypeKind, TypeRef};
use super::lenience;
use std::collections::BTreeMap;

/// Merges the repeated structs of `groups` (the groups of `crate::types`).
pub fn merge(groups: &mut [TypeGroup]) {
    // Each candidate's text is made once; a round only looks its references up again.
    let mut candidates: Vec<(usize, usize, String)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| {
            group
                .types
                .iter()
                .enumerate()
                .map(move |(t, def)| (g, t, def))
        })
        .filter_map(|(g, t, def)| Some((g, t, text(def)?)))
        .collect();
    let mut made = Vec::new();
    loop {
        let targets = alias_targets(groups);
        // Keyed by module too: a copy never makes its feature compile another module's file.
        let mut by_key: BTreeMap<(usize, String), Vec<(usize, usize)>> = BTreeMap::new();
        for (g, t, text) in &candidates {
            if let Some(key) = resolved(text, &groups[*g].types[*t].name, &targets) {
                by_key.entry((*g, key)).or_default().push((*g, *t));
            }
        }
        let mut sets: Vec<_> = by_key.into_values().filter(|m| m.len() > 1).collect();
        sets.sort();
        let mut merged = false;
        for members in sets {
            let (roots, copies): (Vec<_>, Vec<_>) = members
                .iter()
                .partition(|&&(g, t)| is_component(&groups[g].types[t]));
            let (g0, t0) = roots.first().copied().unwrap_or(members[0]);
            let canonical = groups[g0].types[t0].name.clone();
            for (g, t) in copies {
                if (g, t) != (g0, t0) {
                    groups[g].types[t].kind = TypeKind::Alias(TypeRef::Shared(canonical.clone()));
                    made.push((g, t));
                    merged = true;
                }
            }
        }
        if !merged {
            link(groups, &made);
            return;
        }
        candidates.retain(|(g, t, _)| matches!(groups[*g].types[*t].kind, TypeKind::Struct(_)));
    }
}

/// Tells each alias `made` and the struct it names apart from a type of their own: the
/// alias's docs (its own meaning, kept) end with the definition it shares, the definition's
/// with the names sharing it. Without them `BeingDeleted = WaitingToBeIssued` reads as a
/// mistake, and the definition's docs speak of one meaning only.
fn link(groups: &mut [TypeGroup], made: &[(usize, usize)]) {
    let targets = alias_targets(groups);
    let mut sharing: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for &(g, t) in made {
        let alias = &mut groups[g].types[t];
        let Some(target) = targets.get(&alias.name) else {
            continue;
        };
        push_line(
            &mut alias.docs,
            format!("The same fields as [`{target}`] (one definition serves both names)."),
        );
        sharing
            .entry(target.clone())
            .or_default()
            .push(alias.name.clone());
    }
    for def in groups.iter_mut().flat_map(|g| &mut g.types) {
        if let Some(names) = sharing.get(&def.name) {
            push_line(&mut def.docs, sharing_line(names));
        }
    }
}

/// The definition's line: the names sharing it, linked, or only how many past
/// [`MAX_LISTED`] (a warning shape the spec repeats 32 times would bury the docs).
fn sharing_line(names: &[String]) -> String {
    match names {
        [one] => format!("[`{one}`] has the same fields: it is an alias of this type."),
        few if few.len() <= MAX_LISTED => {
            let links: Vec<String> = few.iter().map(|n| format!("[`{n}`]")).collect();
            format!(
                "{} have the same fields: they are aliases of this type.",
                links.join(", ")
            )
        }
        many => format!(
            "{} other types of this module have the same fields: they are aliases of this type.",
            many.len()
        ),
    }
}

/// The most aliases a definition's docs name one by one.
const MAX_LISTED: usize = 3;

/// Adds a paragraph of one line to `docs`.
fn push_line(docs: &mut Docs, line: String) {
    if !docs.is_empty() {
        docs.0.push(String::new());
    }
    docs.0.push(line);
}

/// Whether `def` is a component schema's own type (`#/components/schemas/device`), which keeps
/// its definition: a resource the spec names is not made an alias of another that happens to
/// have the same fields today.
fn is_component(def: &TypeDef) -> bool {
    def.pointer
        .strip_prefix("#/components/schemas/")
        .is_some_and(|name| !name.contains('/'))
}

/// Every alias of `crate::types` with the type it finally names.
fn alias_targets(groups: &[TypeGroup]) -> BTreeMap<String, String> {
    let by_name = groups
        .iter()
        .flat_map(|g| &g.types)
        .map(|def| (def.name.as_str(), def))
        .collect();
    groups
        .iter()
        .flat_map(|g| &g.types)
        .filter(|def| matches!(def.kind, TypeKind::Alias(_)))
        .filter_map(|def| {
            let target = TypeRef::Shared(def.name.clone()).resolve(&by_name)?;
            Some((def.name.clone(), target.name.clone()))
        })
        .collect()
}

/// The struct `def` as the IR holds it, as JSON text; `None` for what the pass leaves alone.
fn text(def: &TypeDef) -> Option<String> {
    let TypeKind::Struct(s) = &def.kind else {
        return None;
    };
    let lenient = lenience::DEVIATIONS.iter().any(|d| {
        lenience::of_schema(&def.pointer, d.schema)
            && s.fields
                .iter()
                .any(|f| d.properties.contains(&f.wire.as_str()))
    });
    if def.action_attempt.is_some() || lenient {
        return None;
    }
    serde_json::to_string(&def.kind).ok()
}

/// What makes two structs the same type: their [`text`], each reference to a shared type
/// (`{"Shared":"Name"}`) naming the type it finally names. `None` when the struct `own` refers
/// to itself.
fn resolved(text: &str, own: &str, targets: &BTreeMap<String, String>) -> Option<String> {
    // Only a reference writes this with bare quotes: quotes inside doc strings are escaped.
    const OPEN: &str = "{\"Shared\":\"";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at + OPEN.len()]);
        rest = &rest[at + OPEN.len()..];
        // Type names are Rust identifiers: no quote inside.
        let end = rest.find('"')?;
        let name = &rest[..end];
        let name = targets.get(name).map_or(name, String::as_str);
        if name == own {
            return None;
        }
        out.push_str(name);
        rest = &rest[end..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests;
