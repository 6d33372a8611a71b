//! Metadata pass: the manufacturer-specific `XXX_metadata` properties of a struct, as one
//! family.
//!
//! The rule (here and nowhere else): a field is manufacturer metadata when its JSON name ends in
//! `_metadata`, it is optional (`Option<T>`), and its type is a generated struct. User-defined
//! maps such as `custom_metadata` are maps, not structs, so they never qualify.
//!
//! A struct with such fields gets an enum naming the manufacturers: on a resource (a response
//! type) it borrows, and `manufacturer_metadata()` says which one is present; on a request it
//! owns its value, and `manufacturer_metadata(value)` sets the right field.
//!
//! Such a struct also keeps the `*_metadata` members of manufacturers the spec does not list, in
//! a flattened `seam_runtime::OtherMetadata` field (`other_metadata`, [`Struct::other_members`]),
//! so they round-trip; the resource enum then says `Other` with the member's name.
//!
//! The pass runs on the complete IR (after every schema is lowered), so a metadata type behind
//! a `$ref` to another component counts the same as one defined inline.

use super::ir::*;
use super::names::{self, NameSet};
use std::collections::BTreeSet;

/// The JSON suffix of manufacturer metadata properties.
const SUFFIX: &str = "_metadata";

/// Whether `field` is manufacturer metadata (see the module docs); `is_struct` says whether a
/// generated type is a struct.
pub fn is_manufacturer_metadata(field: &Field, is_struct: &dyn Fn(&TypeRef) -> bool) -> bool {
    matches!(field.value_ty, TypeRef::Local(_) | TypeRef::Shared(_))
        && field.wire.ends_with(SUFFIX)
        && field.wire.len() > SUFFIX.len()
        && field.presence == Presence::Optional
        && is_struct(&field.value_ty)
}

/// Gives every struct of `types` (claiming enum names in `shared_names`) and of `namespaces`
/// with manufacturer metadata its family: the enum, defined right after the struct, and the
/// field keeping the other manufacturers' members.
pub fn attach(types: &mut [TypeGroup], shared_names: &mut NameSet, namespaces: &mut [Namespace]) {
    let shared: BTreeSet<String> = types
        .iter()
        .flat_map(|g| &g.types)
        .filter(|t| matches!(t.kind, TypeKind::Struct(_)))
        .map(|t| t.name.clone())
        .collect();
    for group in types.iter_mut() {
        families(&mut group.types, shared_names, &shared, &BTreeSet::new());
    }
    attach_to_namespaces(namespaces, &shared);
}

/// [`attach`] for the types of each namespace, whose names are unique in its module.
fn attach_to_namespaces(namespaces: &mut [Namespace], shared: &BTreeSet<String>) {
    for ns in namespaces {
        let mut names = NameSet::with_reserved(names::RESERVED_TYPE_NAMES);
        names.claim(&ns.handle);
        for t in &ns.types {
            names.claim(&t.name);
        }
        let local: BTreeSet<String> = ns
            .types
            .iter()
            .filter(|t| matches!(t.kind, TypeKind::Struct(_)))
            .map(|t| t.name.clone())
            .collect();
        families(&mut ns.types, &mut names, shared, &local);
        attach_to_namespaces(&mut ns.children, shared);
    }
}

/// Sets the family of each struct in `defs` that has one (enum names claimed in `names`, in
/// struct order) and inserts its enum after the struct. `shared` and `local` name the structs
/// of `crate::types` and of the module.
fn families(
    defs: &mut Vec<TypeDef>,
    names: &mut NameSet,
    shared: &BTreeSet<String>,
    local: &BTreeSet<String>,
) {
    let is_struct = |ty: &TypeRef| match ty {
        TypeRef::Shared(name) => shared.contains(name),
        TypeRef::Local(name) => local.contains(name),
        _ => false,
    };
    let mut at = 0;
    while at < defs.len() {
        let def = &mut defs[at];
        at += 1;
        let TypeKind::Struct(s) = &mut def.kind else {
            continue;
        };
        if let Some((family, other_members, enum_def)) = family(&def.name, s, names, &is_struct) {
            s.metadata = Some(family);
            s.other_members = Some(other_members);
            defs.insert(at, enum_def);
            at += 1;
        }
    }
}

/// The family of struct `parent` (`s`) when its fields have any manufacturer metadata: the
/// family, the field keeping other manufacturers' members, and the enum (its name claimed in
/// `names`).
fn family(
    parent: &str,
    s: &Struct,
    names: &mut NameSet,
    is_struct: &dyn Fn(&TypeRef) -> bool,
) -> Option<(MetadataFamily, OtherMembers, TypeDef)> {
    let members: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| is_manufacturer_metadata(f, is_struct))
        .collect();
    if members.is_empty() {
        return None;
    }
    let mut variant_names = NameSet::default();
    let variants: Vec<MetadataVariant> = members
        .iter()
        .map(|f| MetadataVariant {
            name: variant_names.claim(&names::type_ident(&f.wire[..f.wire.len() - SUFFIX.len()])),
            field: f.name.clone(),
            wire: f.wire.clone(),
            ty: f.value_ty.clone(),
        })
        .collect();
    let other_variant = variant_names.claim("Other");
    let enum_name = names.claim(&format!("{parent}ManufacturerMetadata"));
    let taken_by_field = s
        .fields
        .iter()
        .any(|f| f.name == "manufacturer_metadata" || f.setter == "manufacturer_metadata");
    let method = if taken_by_field {
        "manufacturer_metadata_family"
    } else {
        "manufacturer_metadata"
    }
    .to_owned();
    let owned = s.builder;
    let mut field_names = NameSet::default();
    for f in &s.fields {
        field_names.claim(&f.name);
    }
    let other_field = field_names.claim("other_metadata");
    let docs = Docs(vec![
        format!(
            "The manufacturer-specific metadata of [`{parent}`], one variant per manufacturer."
        ),
        String::new(),
        if owned {
            format!("Set it with [`{parent}::{method}`]: it is sent under the manufacturer's key.")
        } else {
            format!("[`{parent}::{method}`] says which one a value carries.")
        },
    ]);
    let enum_def = TypeDef {
        name: enum_name.clone(),
        pointer: String::new(),
        docs,
        deprecated: None,
        kind: TypeKind::Metadata(MetadataEnum {
            owned,
            variants: variants.clone(),
            other_variant: other_variant.clone(),
        }),
        action_attempt: None,
        impls: Impls::default(),
        links: Vec::new(),
        allows: Vec::new(),
    };
    let other_members = OtherMembers {
        name: other_field.clone(),
        docs: Docs(vec![
            "The `*_metadata` members of manufacturers this version of the crate does not know, kept"
                .to_owned(),
            "as received and sent back unchanged.".to_owned(),
        ]),
        deprecated: None,
        ty: TypeRef::OtherMetadata,
        serde: SerdeField {
            flatten: true,
            ..SerdeField::default()
        },
    };
    let family = MetadataFamily {
        enum_name,
        method,
        owned,
        variants,
        other_field,
        other_variant,
    };
    Some((family, other_members, enum_def))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(wire: &str, value_ty: TypeRef, presence: Presence) -> Field {
        Field {
            name: wire.to_owned(),
            wire: wire.to_owned(),
            ty: value_ty.clone().optional(),
            value_ty,
            presence,
            docs: Docs::default(),
            deprecated: None,
            serde: SerdeField::default(),
            takes_into: false,
            setter: wire.to_owned(),
            wrap: Wrap::Some,
        }
    }

    /// JSON name, value type, presence → manufacturer metadata or not.
    #[test]
    fn the_manufacturer_metadata_rule() {
        let structs = |ty: &TypeRef| matches!(ty, TypeRef::Shared(n) | TypeRef::Local(n) if n.ends_with("Meta"));
        let shared = |n: &str| TypeRef::Shared(n.to_owned());
        let rows = [
            (
                "visionline_metadata",
                shared("VisionlineMeta"),
                Presence::Optional,
                true,
            ),
            (
                "visionline_metadata",
                TypeRef::Local("VisionlineMeta".into()),
                Presence::Optional,
                true,
            ),
            (
                "visionline_metadata",
                shared("VisionlineMeta"),
                Presence::Required,
                false,
            ),
            (
                "visionline_metadata",
                shared("VisionlineMeta"),
                Presence::OptionalNullable,
                false,
            ),
            (
                "visionline_metadata",
                shared("VisionlineMode"),
                Presence::Optional,
                false,
            ),
            (
                "custom_metadata",
                TypeRef::Map(Box::new(TypeRef::String)),
                Presence::Optional,
                false,
            ),
            ("_metadata", shared("Meta"), Presence::Optional, false),
            ("metadata", shared("Meta"), Presence::Optional, false),
            (
                "visionline_settings",
                shared("VisionlineMeta"),
                Presence::Optional,
                false,
            ),
        ];
        for (wire, ty, presence, want) in rows {
            let f = field(wire, ty.clone(), presence);
            assert_eq!(
                is_manufacturer_metadata(&f, &structs),
                want,
                "{wire}: {ty} {presence:?}"
            );
        }
    }
}
