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
//! a flattened `seam_runtime::OtherMetadata` field (`other_metadata`), so they round-trip; the
//! resource enum then says `Other` with the member's name.

use super::ir::*;
use super::names::{self, NameSet};
use super::schemas::Sink;

/// The JSON suffix of manufacturer metadata properties.
const SUFFIX: &str = "_metadata";

/// Whether `field` is manufacturer metadata (see the module docs).
pub fn is_manufacturer_metadata(field: &Field, types: &[TypeDef]) -> bool {
    let named = match &field.value_ty {
        TypeRef::Local(name) | TypeRef::Shared(name) => name,
        _ => return false,
    };
    field.wire.ends_with(SUFFIX)
        && field.wire.len() > SUFFIX.len()
        && field.presence == Presence::Optional
        && types
            .iter()
            .any(|t| &t.name == named && matches!(t.kind, TypeKind::Struct(_)))
}

/// Defines the family enum of struct `parent` in `sink` when its `fields` have any
/// manufacturer metadata, returning the family for the struct.
pub fn family(sink: &mut Sink, parent: &str, fields: &[Field]) -> Option<MetadataFamily> {
    let members: Vec<&Field> = fields
        .iter()
        .filter(|f| is_manufacturer_metadata(f, sink.types))
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
    let enum_name = sink.names.claim(&format!("{parent}ManufacturerMetadata"));
    let taken_by_field = fields
        .iter()
        .any(|f| f.name == "manufacturer_metadata" || f.setter == "manufacturer_metadata");
    let method = if taken_by_field {
        "manufacturer_metadata_family"
    } else {
        "manufacturer_metadata"
    }
    .to_owned();
    let owned = sink.builder;
    let mut field_names = NameSet::default();
    for f in fields {
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
    sink.types.push(TypeDef {
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
    });
    Some(MetadataFamily {
        enum_name,
        method,
        owned,
        variants,
        other_field,
        other_variant,
    })
}
