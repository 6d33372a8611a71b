//! Record decode pass: how each struct's `Deserialize` reads a JSON object through
//! `seam_runtime::codec::Record` (a slot per field, one pass over the members) instead of
//! serde's derive, which generates a visitor, a field enum and a reader of arrays for every
//! struct, and buffers every member no field names for a flattened field.
//!
//! Runs after the lenience pass: a field's presence decides what an absent member leaves in it
//! (a required field refuses the object, naming the member; any other takes its default), and
//! whether `null` is kept apart from absent.

use super::ir::*;
use std::collections::BTreeSet;

/// Decides the [`RecordDecode`] of every struct and the [`FieldDecode`] of its fields.
pub fn attach(api: &mut Api) {
    for group in &mut api.types {
        for def in &mut group.types {
            decide(def);
        }
    }
    attach_namespaces(&mut api.namespaces);
}

fn attach_namespaces(namespaces: &mut [Namespace]) {
    for ns in namespaces {
        for def in &mut ns.types {
            decide(def);
        }
        attach_namespaces(&mut ns.children);
    }
}

/// Sets `def`'s record decode, when it is a struct.
fn decide(def: &mut TypeDef) {
    let TypeKind::Struct(s) = &mut def.kind else {
        return;
    };
    let mut taken: BTreeSet<String> = s.other_members.iter().map(|o| o.name.clone()).collect();
    for f in &mut s.fields {
        let slot = unique(slot_name(&f.name), &taken);
        taken.insert(slot.clone());
        let (read, finish) = match (f.serde.double_option, f.serde.default) {
            (true, _) => (Read::Nullable, Finish::AsRead),
            (false, true) => (Read::Value, Finish::Default),
            (false, false) => (Read::Value, Finish::Required),
        };
        let shorthand = finish == Finish::AsRead && slot == f.name;
        f.decode = FieldDecode {
            slot,
            read,
            finish,
            shorthand,
        };
    }
    s.decode = RecordDecode {
        expecting: format!("struct {}", def.name),
        members: unique("members".to_owned(), &taken),
        skips_all: taken.is_empty(),
    };
}

/// A variable for the field `field`: its name, unless it is only underscores and digits.
fn slot_name(field: &str) -> String {
    if field.chars().all(|c| c == '_' || c.is_ascii_digit()) {
        format!("field{field}")
    } else {
        field.to_owned()
    }
}

/// `name`, followed by as many `_` as it takes to differ from every name in `taken`.
fn unique(mut name: String, taken: &BTreeSet<String>) -> String {
    while taken.contains(&name) {
        name.push('_');
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, presence: Presence) -> Field {
        let optional = presence != Presence::Required;
        Field {
            name: name.to_owned(),
            wire: name.to_owned(),
            ty: TypeRef::String,
            value_ty: TypeRef::String,
            presence,
            docs: Docs::default(),
            deprecated: None,
            serde: SerdeField {
                default: optional,
                double_option: presence == Presence::OptionalNullable,
                ..SerdeField::default()
            },
            takes_into: true,
            setter: name.to_owned(),
            wrap: Wrap::Plain,
            decode: FieldDecode::default(),
        }
    }

    fn decoded(fields: Vec<Field>, rest: Option<&str>) -> Struct {
        let mut def = TypeDef {
            name: "Lock".to_owned(),
            pointer: String::new(),
            docs: Docs::default(),
            deprecated: None,
            kind: TypeKind::Struct(Box::new(Struct {
                fields,
                derive_default: false,
                builder: false,
                metadata: None,
                other_members: rest.map(|name| OtherMembers {
                    name: name.to_owned(),
                    docs: Docs::default(),
                    deprecated: None,
                    ty: TypeRef::Json,
                    serde: SerdeField::default(),
                }),
                decode: RecordDecode::default(),
            })),
            action_attempt: None,
            impls: Impls::default(),
            links: Vec::new(),
        };
        decide(&mut def);
        match def.kind {
            TypeKind::Struct(s) => *s,
            _ => unreachable!(),
        }
    }

    #[test]
    fn presence_decides_how_each_member_is_read_and_finished() {
        let s = decoded(
            vec![
                field("id", Presence::Required),
                field("name", Presence::RequiredNullable),
                field("note", Presence::Optional),
                field("label", Presence::OptionalNullable),
            ],
            None,
        );
        assert_eq!(s.decode.expecting, "struct Lock");
        assert_eq!(s.decode.members, "members");
        assert!(!s.decode.skips_all);
        let shorthand: Vec<_> = s.fields.iter().map(|f| f.decode.shorthand).collect();
        assert_eq!(shorthand, [false, false, false, true]);
        assert!(decoded(Vec::new(), None).decode.skips_all);
        assert!(!decoded(Vec::new(), Some("other_metadata")).decode.skips_all);
        let how: Vec<_> = s
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.decode.read, f.decode.finish))
            .collect();
        assert_eq!(
            how,
            [
                ("id", Read::Value, Finish::Required),
                ("name", Read::Value, Finish::Default),
                ("note", Read::Value, Finish::Default),
                ("label", Read::Nullable, Finish::AsRead),
            ]
        );
    }

    #[test]
    fn slots_and_the_members_variable_are_distinct_variables() {
        let s = decoded(
            vec![
                field("members", Presence::Required),
                field("_9", Presence::Required),
            ],
            Some("members_"),
        );
        assert_eq!(s.decode.members, "members__");
        let slots: Vec<_> = s.fields.iter().map(|f| f.decode.slot.as_str()).collect();
        assert_eq!(slots, ["members", "field_9"]);
    }
}
