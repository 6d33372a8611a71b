//! Record decode pass: how each struct's `Deserialize` reads a JSON object through
//! `seam_runtime::record!` (a slot per field, one pass over the members) instead of
//! serde's derive, which generates a visitor, a field enum and a reader of arrays for every
//! struct, and buffers every member no field names for a flattened field.
//!
//! Runs after the lenience pass: a field's presence decides what an absent member leaves in it
//! (a required field refuses the object, naming the member; any other takes its default), and
//! whether `null` is kept apart from absent.

use super::ir::*;

/// Decides the [`RecordDecode`] of every struct.
pub fn attach(api: &mut Api) {
    api.each_type_def_mut(decide);
}

/// Sets `def`'s record decode, when it is a struct.
fn decide(def: &mut TypeDef) {
    let TypeKind::Struct(s) = &mut def.kind else {
        return;
    };
    let mut decode = RecordDecode::default();
    for f in &s.fields {
        let group = match (f.serde.double_option, f.serde.default) {
            (true, _) => &mut decode.nullable,
            (false, true) => &mut decode.optional,
            (false, false) => &mut decode.required,
        };
        group.push(RecordMember {
            field: f.name.clone(),
            member: (f.name != f.wire).then(|| f.wire.clone()),
        });
    }
    s.decode = decode;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, presence: Presence) -> Field {
        Field::for_test(name, TypeRef::String, presence)
    }

    fn decoded(fields: Vec<Field>) -> Struct {
        let mut def = TypeDef::struct_for_test("Lock", "", fields);
        decide(&mut def);
        match def.kind {
            TypeKind::Struct(s) => *s,
            _ => unreachable!(),
        }
    }

    #[test]
    fn presence_decides_the_group_and_the_member_is_named_when_the_field_does_not_spell_it() {
        let mut kind = field("r#type", Presence::Required);
        kind.wire = "type".to_owned();
        let s = decoded(vec![
            field("id", Presence::Required),
            field("name", Presence::RequiredNullable),
            field("note", Presence::Optional),
            field("label", Presence::OptionalNullable),
            kind,
        ]);
        let names = |group: &[RecordMember]| -> Vec<(String, Option<String>)> {
            group
                .iter()
                .map(|m| (m.field.clone(), m.member.clone()))
                .collect()
        };
        assert_eq!(
            names(&s.decode.required),
            [
                ("id".to_owned(), None),
                ("r#type".to_owned(), Some("type".to_owned()))
            ]
        );
        // Required but nullable: the lenience pass made it an `Option` that `null` or absence
        // leaves `None`.
        assert_eq!(
            names(&s.decode.optional),
            [("name".to_owned(), None), ("note".to_owned(), None)]
        );
        assert_eq!(names(&s.decode.nullable), [("label".to_owned(), None)]);
    }
}
