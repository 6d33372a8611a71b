//! Dedup pass: string enums and untagged unions of `crate::types` that are identical (same
//! variants, same wire values, same variant docs) become one type.
//!
//! The spec repeats inline schemas: the `string | boolean` value of `custom_metadata` appears on
//! every resource that carries it, and several resources list the same status values. Each copy
//! would be an enum with its own serde code. Here each set of identical copies gets one
//! definition, and every copy keeps its name as an alias of it (`pub type PhoneCustomMetadataValue
//! = CustomMetadataValue;`), so code written against any of the names compiles and the types are
//! interchangeable.
//!
//! The one definition is named after the longest run of trailing words the copies share
//! (`PhoneCustomMetadataValue`, `DeviceCustomMetadataValue` → `CustomMetadataValue`), when that is
//! at least two words, and lives in the `shared` module. When it is not (the copies share too
//! little of their names to name the type well), the first copy in spec order is the definition
//! and the others alias it.
//!
//! Within one namespace module the same holds for its own types ([`merge_within_namespaces`]):
//! `devices::ListRequestDeviceType2` (the `device_types` items) is an alias of
//! `ListRequestDeviceType` (the `device_type` member), and the time zone enum the spec repeats
//! for three manufacturers' metadata is defined once. The first copy in the module is the
//! definition, so no name changes and the module's feature compiles it as before.

use super::ir::{Docs, Gate, Impls, Namespace, TypeDef, TypeGroup, TypeKind, TypeRef};
use super::names::NameSet;
use std::collections::BTreeMap;

/// Fewest trailing words a name made for a merged type may have (`Value` alone says too little).
const MIN_SUFFIX_WORDS: usize = 2;

/// Merges identical types of `groups` as the module docs say. `names` holds the names of
/// `crate::types`, `modules` its module names; new ones are claimed there.
pub fn merge(groups: &mut Vec<TypeGroup>, names: &mut NameSet, modules: &mut NameSet) {
    let sets = identical_sets(groups.iter().map(|g| g.types.iter()));
    let mut made = Vec::new();
    for members in sets {
        let member_names: Vec<&str> = members
            .iter()
            .map(|&(g, t)| groups[g].types[t].name.as_str())
            .collect();
        let suffix = common_suffix(&member_names);
        let (canonical, own) = match suffix {
            Some(suffix) if member_names.contains(&suffix.as_str()) => (suffix, None),
            Some(suffix) => {
                let name = names.claim(&suffix);
                let first = &groups[members[0].0].types[members[0].1];
                let def = TypeDef {
                    name: name.clone(),
                    pointer: first.pointer.clone(),
                    docs: merged_docs(groups, &members),
                    deprecated: None,
                    kind: first.kind.clone(),
                    action_attempt: None,
                    impls: Impls::default(),
                    links: Vec::new(),
                    allows: Vec::new(),
                };
                (name, Some(def))
            }
            None => (member_names[0].to_owned(), None),
        };
        for &(g, t) in &members {
            let def = &mut groups[g].types[t];
            if def.name != canonical {
                def.kind = TypeKind::Alias(TypeRef::Shared(canonical.clone()));
            }
        }
        made.extend(own);
    }
    if !made.is_empty() {
        groups.push(TypeGroup {
            module: modules.claim("shared"),
            docs: Docs(vec![
                "Types the spec defines identically in several places: each place's name is an alias of one of these.".to_owned(),
            ]),
            types: made,
            features: Vec::new(),
            gate: Gate::Always,
        });
    }
}

/// Makes every copy of an identical mergeable type in one namespace's own types an alias of the
/// first copy, in every namespace of the tree.
pub fn merge_within_namespaces(namespaces: &mut [Namespace]) {
    for ns in namespaces {
        let one_group = [ns.types.iter()];
        for members in identical_sets(one_group) {
            let canonical = ns.types[members[0].1].name.clone();
            for &(_, t) in &members[1..] {
                let def = &mut ns.types[t];
                def.kind = TypeKind::Alias(TypeRef::Local(canonical.clone()));
                if def.docs.is_empty() {
                    def.docs = Docs(vec![format!("The same values as [`{canonical}`].")]);
                }
            }
        }
        merge_within_namespaces(&mut ns.children);
    }
}

/// The sets (two or more members, as `(group, type)` indices) of identical mergeable types among
/// `groups` (each the types of one group), each set in order, the sets ordered by their first
/// member.
fn identical_sets<'a>(
    groups: impl IntoIterator<Item = impl Iterator<Item = &'a TypeDef>>,
) -> Vec<Vec<(usize, usize)>> {
    let mut by_key: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (g, group) in groups.into_iter().enumerate() {
        for (t, def) in group.enumerate() {
            if let Some(key) = structure_key(def) {
                by_key.entry(key).or_default().push((g, t));
            }
        }
    }
    let mut sets: Vec<_> = by_key.into_values().filter(|m| m.len() > 1).collect();
    sets.sort();
    sets
}

/// What makes two definitions the same type; `None` for kinds this pass leaves alone (structs
/// and tagged unions carry names of their own payload types, so their copies match only once
/// those names are looked through: the struct dedup pass does that for structs).
fn structure_key(def: &TypeDef) -> Option<String> {
    match &def.kind {
        TypeKind::StrEnum(_) | TypeKind::Untagged(_) => serde_json::to_string(&def.kind).ok(),
        _ => None,
    }
}

/// The docs of a merged type: the copies' own when they all agree, else a line naming them.
fn merged_docs(groups: &[TypeGroup], members: &[(usize, usize)]) -> Docs {
    let docs: Vec<&Docs> = members
        .iter()
        .map(|&(g, t)| &groups[g].types[t].docs)
        .collect();
    if docs.iter().all(|d| *d == docs[0]) && !docs[0].is_empty() {
        return docs[0].clone();
    }
    let names: Vec<String> = members
        .iter()
        .take(NAMED_COPIES)
        .map(|&(g, t)| format!("`{}`", groups[g].types[t].name))
        .collect();
    let rest = members.len().saturating_sub(NAMED_COPIES);
    let more = match rest {
        0 => String::new(),
        _ => format!(" and {rest} more, each an alias of this type"),
    };
    Docs(vec![format!(
        "One type for the identical values of {}{more}.",
        names.join(", ")
    )])
}

/// How many copies the docs of a merged type name (the spec repeats some enums over a hundred
/// times; each copy is an alias whose page links here anyway).
const NAMED_COPIES: usize = 6;

/// The longest run of trailing CamelCase words all `names` share, when it has at least
/// [`MIN_SUFFIX_WORDS`] words.
fn common_suffix(names: &[&str]) -> Option<String> {
    let split: Vec<Vec<&str>> = names.iter().map(|n| words(n)).collect();
    let shortest = split.iter().map(Vec::len).min()?;
    let mut len = 0;
    while len < shortest {
        let word = split[0][split[0].len() - 1 - len];
        if split.iter().all(|w| w[w.len() - 1 - len] == word) {
            len += 1;
        } else {
            break;
        }
    }
    if len < MIN_SUFFIX_WORDS {
        return None;
    }
    let first = &split[0];
    Some(first[first.len() - len..].concat())
}

/// `PhoneCustomMetadataValue` → `Phone`, `Custom`, `Metadata`, `Value` (a new word at each
/// capital; digits stay with the word before them).
fn words(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_uppercase() {
            out.push(&name[start..i]);
            start = i;
        }
    }
    out.push(&name[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ir::{EnumVariant, StrEnum};

    fn str_enum(name: &str, values: &[&str], docs: &str) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            pointer: format!("#/{name}"),
            docs: Docs(vec![docs.to_owned()]),
            deprecated: None,
            kind: TypeKind::StrEnum(StrEnum {
                variants: values
                    .iter()
                    .map(|v| EnumVariant {
                        name: v.to_uppercase(),
                        wire: (*v).to_owned(),
                        docs: Docs::default(),
                    })
                    .collect(),
                unknown: "Unknown".to_owned(),
            }),
            action_attempt: None,
            impls: Impls::default(),
            links: Vec::new(),
            allows: Vec::new(),
        }
    }

    fn group(module: &str, types: Vec<TypeDef>) -> TypeGroup {
        TypeGroup::for_test(module, types)
    }

    fn alias_of(def: &TypeDef) -> Option<&str> {
        match &def.kind {
            TypeKind::Alias(TypeRef::Shared(target)) => Some(target),
            _ => None,
        }
    }

    #[test]
    fn merged_docs_name_a_few_copies_and_count_the_rest() {
        let names: Vec<String> = (0..8).map(|i| format!("T{i}")).collect();
        let groups = vec![group(
            "a",
            names
                .iter()
                .map(|n| str_enum(n, &["x"], &format!("{n}.")))
                .collect(),
        )];
        let members: Vec<(usize, usize)> = (0..8).map(|t| (0, t)).collect();
        assert_eq!(
            merged_docs(&groups, &members).lines(),
            [
                "One type for the identical values of `T0`, `T1`, `T2`, `T3`, `T4`, `T5` and 2 more, each an alias of this type."
            ]
        );
        assert_eq!(
            merged_docs(&groups, &members[..2]).lines(),
            ["One type for the identical values of `T0`, `T1`."]
        );
    }

    #[test]
    fn words_split_at_capitals() {
        assert_eq!(
            words("PhoneCustomMetadataValue"),
            ["Phone", "Custom", "Metadata", "Value"]
        );
        assert_eq!(words("Acs2Thing"), ["Acs2", "Thing"]);
        assert_eq!(words("X"), ["X"]);
    }

    #[test]
    fn suffix_needs_two_shared_words() {
        assert_eq!(
            common_suffix(&["PhoneCustomMetadataValue", "DeviceCustomMetadataValue"]).as_deref(),
            Some("CustomMetadataValue")
        );
        assert_eq!(common_suffix(&["PhoneMode", "DeviceMode"]), None);
        assert_eq!(common_suffix(&["AMode", "AMode"]).as_deref(), Some("AMode"));
    }

    #[test]
    fn identical_enums_become_one_type_and_keep_their_names() {
        let mut groups = vec![
            group(
                "phone",
                vec![
                    str_enum("PhoneLockState", &["locked", "unlocked"], "Phone lock."),
                    str_enum("PhoneOther", &["a"], "x"),
                ],
            ),
            group(
                "device",
                vec![
                    str_enum("DeviceLockState", &["locked", "unlocked"], "Device lock."),
                    str_enum("DeviceOther", &["b"], "x"),
                    // Same values in another order: a different type.
                    str_enum("DoorLockState", &["unlocked", "locked"], "Door."),
                ],
            ),
        ];
        let mut names = NameSet::with_reserved(&[]);
        for g in &groups {
            for t in &g.types {
                names.claim(&t.name);
            }
        }
        let mut modules = NameSet::with_reserved(&["phone", "device"]);
        merge(&mut groups, &mut names, &mut modules);

        assert_eq!(groups.len(), 3);
        let shared = &groups[2];
        assert_eq!(shared.module, "shared");
        assert_eq!(shared.types.len(), 1);
        assert_eq!(shared.types[0].name, "LockState");
        assert_eq!(
            shared.types[0].docs.lines(),
            ["One type for the identical values of `PhoneLockState`, `DeviceLockState`."]
        );
        assert_eq!(alias_of(&groups[0].types[0]), Some("LockState"));
        assert_eq!(alias_of(&groups[1].types[0]), Some("LockState"));
        assert_eq!(groups[0].types[0].docs.lines(), ["Phone lock."]);
        assert_eq!(alias_of(&groups[0].types[1]), None);
        assert_eq!(alias_of(&groups[1].types[2]), None);
    }

    #[test]
    fn without_a_good_shared_name_the_first_copy_is_the_type() {
        let mut groups = vec![group(
            "g",
            vec![
                str_enum("FooMode", &["on"], "a"),
                str_enum("BarMode", &["on"], "a"),
            ],
        )];
        let mut names = NameSet::with_reserved(&["FooMode", "BarMode"]);
        let mut modules = NameSet::with_reserved(&["g"]);
        merge(&mut groups, &mut names, &mut modules);
        assert_eq!(groups.len(), 1, "no shared module when nothing new is made");
        assert_eq!(alias_of(&groups[0].types[0]), None);
        assert_eq!(alias_of(&groups[0].types[1]), Some("FooMode"));
    }

    #[test]
    fn a_copy_named_like_the_suffix_is_the_type() {
        let mut groups = vec![group(
            "g",
            vec![
                str_enum("CustomValue", &["on"], "a"),
                str_enum("PhoneCustomValue", &["on"], "b"),
            ],
        )];
        let mut names = NameSet::with_reserved(&["CustomValue", "PhoneCustomValue"]);
        let mut modules = NameSet::with_reserved(&["g"]);
        merge(&mut groups, &mut names, &mut modules);
        assert_eq!(groups.len(), 1);
        assert_eq!(alias_of(&groups[0].types[0]), None);
        assert_eq!(alias_of(&groups[0].types[1]), Some("CustomValue"));
    }

    #[test]
    fn identical_types_of_one_namespace_alias_the_first_copy() {
        let local = |def: &TypeDef| match &def.kind {
            TypeKind::Alias(TypeRef::Local(target)) => Some(target.clone()),
            _ => None,
        };
        let child = Namespace::for_test(
            "unmanaged",
            Vec::new(),
            vec![
                str_enum("ListRequestDeviceType", &["lock", "thermostat"], "a"),
                str_enum("ListRequestDeviceType2", &["lock", "thermostat"], "b"),
            ],
            Vec::new(),
        );
        let mut namespaces = vec![Namespace::for_test(
            "devices",
            Vec::new(),
            vec![
                str_enum("ListRequestDeviceType", &["lock", "thermostat"], "a"),
                str_enum("ListRequestManufacturer", &["august"], "m"),
                str_enum("ListRequestDeviceType2", &["lock", "thermostat"], "b"),
                // Same values in another order: a different type.
                str_enum("UpdateRequestDeviceType", &["thermostat", "lock"], "c"),
            ],
            vec![child],
        )];
        merge_within_namespaces(&mut namespaces);

        let devices = &namespaces[0];
        assert_eq!(local(&devices.types[0]), None);
        assert_eq!(local(&devices.types[1]), None);
        assert_eq!(
            local(&devices.types[2]).as_deref(),
            Some("ListRequestDeviceType")
        );
        assert_eq!(
            devices.types[2].docs.lines(),
            ["b"],
            "the alias keeps its docs"
        );
        assert_eq!(local(&devices.types[3]), None);
        // Each namespace on its own: the child's copies alias the child's first copy.
        let unmanaged = &devices.children[0];
        assert_eq!(local(&unmanaged.types[0]), None);
        assert_eq!(
            local(&unmanaged.types[1]).as_deref(),
            Some("ListRequestDeviceType")
        );
        // An alias without docs of its own says what it is.
        let mut namespaces = vec![Namespace::for_test(
            "locks",
            Vec::new(),
            vec![str_enum("A", &["x"], ""), {
                let mut b = str_enum("B", &["x"], "");
                b.docs = Docs::default();
                b
            }],
            Vec::new(),
        )];
        merge_within_namespaces(&mut namespaces);
        assert_eq!(
            namespaces[0].types[1].docs.lines(),
            ["The same values as [`A`]."]
        );
    }
}
