//! Values of the IR for the passes' unit tests, so each test builds fields, structs and type
//! groups the same way.

use super::{Docs, Field, Gate, Impls, Presence, RecordDecode, SerdeField, Struct, TypeDef};
use super::{TypeGroup, TypeKind, TypeRef, Wrap};

impl Field {
    /// A field for a pass's unit test: `name` (on the wire too) holding a `value_ty`, with the
    /// type and serde settings `presence` gives it, as the fields pass does; no docs.
    pub fn for_test(name: &str, value_ty: TypeRef, presence: Presence) -> Field {
        let ty = match presence {
            Presence::Required => value_ty.clone(),
            Presence::RequiredNullable | Presence::Optional => value_ty.clone().optional(),
            Presence::OptionalNullable => value_ty.clone().optional().optional(),
        };
        Field {
            name: name.to_owned(),
            wire: name.to_owned(),
            ty,
            value_ty,
            presence,
            docs: Docs::default(),
            deprecated: None,
            serde: SerdeField {
                default: presence != Presence::Required,
                double_option: presence == Presence::OptionalNullable,
                skip_if_none: matches!(presence, Presence::Optional | Presence::OptionalNullable),
                ..SerdeField::default()
            },
            takes_into: true,
            setter: name.to_owned(),
            wrap: Wrap::Plain,
        }
    }
}

impl TypeDef {
    /// A struct for a pass's unit test: `name` at `pointer` with `fields`, deriving `Default`
    /// when no field is required; no docs, no builder.
    pub fn struct_for_test(name: &str, pointer: &str, fields: Vec<Field>) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            pointer: pointer.to_owned(),
            docs: Docs::default(),
            deprecated: None,
            kind: TypeKind::Struct(Box::new(Struct {
                derive_default: fields.iter().all(|f| !f.presence.is_required()),
                fields,
                builder: false,
                metadata: None,
                other_members: None,
                decode: RecordDecode::default(),
            })),
            action_attempt: None,
            impls: Impls::default(),
            links: Vec::new(),
            allows: Vec::new(),
        }
    }
}

impl TypeGroup {
    /// A module of `crate::types` for a pass's unit test: `module` holding `types`, no docs,
    /// no features yet.
    pub fn for_test(module: &str, types: Vec<TypeDef>) -> TypeGroup {
        TypeGroup {
            module: module.to_owned(),
            docs: Docs::default(),
            types,
            features: Vec::new(),
            gate: Gate::Always,
        }
    }
}
