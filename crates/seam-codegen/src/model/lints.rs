//! Lints pass: the clippy lints generated code allows, each on the one item whose shape (the
//! spec's) can trigger it ([`TypeDef::allows`]), so clippy keeps checking everything else.
//!
//! - `large_enum_variant` on an enum whose variants hold generated types (tagged and untagged
//!   unions, the owned manufacturer metadata enums of requests): their sizes are the spec's, and
//!   which of them differ enough for clippy changes with each release of it. Boxing the large
//!   payloads would change the public types for little: boxing the two largest of
//!   `ActionAttempt`'s 63 variants takes it from 1,208 to 888 bytes and its decode was no
//!   faster (BENCHMARKS.md).
//! - `too_many_arguments` on the builder `impl` of a struct whose `new` takes more required
//!   fields than clippy's threshold: the spec requires them all.
//! - `self_named_constructors` on the builder `impl` of a struct the spec names `New` (clippy
//!   compares the method with the type's name in lower case).
//!
//! And one for the whole crate, [`Api::allow_deprecated`]: `deprecated` when the spec deprecates
//! a type, a field or an operation, which the crate's own derives, builders and blocking
//! wrappers then use (a user's code using them still gets the warning).

use super::ir::*;

/// Clippy's default `too-many-arguments-threshold`: a function may take this many.
const MAX_ARGUMENTS: usize = 7;

/// Sets [`TypeDef::allows`] on every type definition and [`Api::allow_deprecated`].
pub fn attach(api: &mut Api) {
    let mut deprecates = api.operations().iter().any(|op| op.deprecated.is_some());
    api.each_type_def_mut(|def| {
        def.allows = allows(def);
        deprecates |= deprecated(def);
    });
    api.allow_deprecated = deprecates;
}

/// Whether the spec deprecates `def` or one of its fields.
fn deprecated(def: &TypeDef) -> bool {
    def.deprecated.is_some()
        || matches!(&def.kind, TypeKind::Struct(s) if s.fields.iter().any(|f| f.deprecated.is_some()))
}

/// The lints `def`'s shape triggers.
fn allows(def: &TypeDef) -> Vec<Lint> {
    let union = match &def.kind {
        TypeKind::Struct(s) if s.builder => {
            let many = s.constructor_params().count() > MAX_ARGUMENTS;
            let self_named = def.name.to_lowercase() == "new";
            return [
                (many, Lint::TooManyArguments),
                (self_named, Lint::SelfNamedConstructors),
            ]
            .into_iter()
            .filter_map(|(triggered, lint)| triggered.then_some(lint))
            .collect();
        }
        // The borrowing metadata enums of resources hold references.
        TypeKind::Metadata(m) => m.owned,
        TypeKind::Tagged(_) | TypeKind::Untagged(_) => true,
        _ => false,
    };
    if union && def.references().into_iter().any(holds_generated) {
        vec![Lint::LargeEnumVariant]
    } else {
        Vec::new()
    }
}

/// Whether a variant of this type holds a generated type inline (a `Vec` or map holds a
/// pointer).
fn holds_generated(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Shared(_) | TypeRef::Local(_) => true,
        TypeRef::Option(inner) => holds_generated(inner),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn required(n: usize) -> Vec<Field> {
        (0..n)
            .map(|i| Field::for_test(&format!("f{i}"), TypeRef::String, Presence::Required))
            .collect()
    }

    fn builder(name: &str, fields: Vec<Field>) -> TypeDef {
        let mut def = TypeDef::struct_for_test(name, "", fields);
        if let TypeKind::Struct(s) = &mut def.kind {
            s.builder = true;
        }
        def
    }

    #[test]
    fn a_constructor_over_the_threshold_is_allowed_its_arguments() {
        assert_eq!(allows(&builder("Seven", required(7))), []);
        assert_eq!(
            allows(&builder("Eight", required(8))),
            [Lint::TooManyArguments]
        );
        let mut optional = required(7);
        optional.push(Field::for_test(
            "extra",
            TypeRef::String,
            Presence::Optional,
        ));
        assert_eq!(allows(&builder("Setter", optional)), []);
        let received = TypeDef::struct_for_test("Received", "", required(9));
        assert_eq!(allows(&received), [], "no builder, no `new`");
    }

    #[test]
    fn a_deprecated_type_or_field_is_what_the_crate_must_allow() {
        let mut def = builder("Thing", required(2));
        assert!(!deprecated(&def));
        if let TypeKind::Struct(s) = &mut def.kind {
            s.fields[1].deprecated = Some("Use `f0`.".to_owned());
        }
        assert!(deprecated(&def));
        let mut whole = builder("Old", required(1));
        whole.deprecated = Some("Gone soon.".to_owned());
        assert!(deprecated(&whole));
    }

    #[test]
    fn a_struct_named_new_is_allowed_its_constructor() {
        assert_eq!(
            allows(&builder("New", required(1))),
            [Lint::SelfNamedConstructors]
        );
        assert_eq!(allows(&builder("Newer", required(1))), []);
    }

    #[test]
    fn unions_of_generated_types_are_allowed_large_variants() {
        let union = |ty: TypeRef| TypeDef {
            kind: TypeKind::Untagged(UntaggedUnion {
                variants: vec![
                    UntaggedVariant {
                        name: "A".into(),
                        ty,
                    },
                    UntaggedVariant {
                        name: "B".into(),
                        ty: TypeRef::Bool,
                    },
                ],
                by_kind: None,
                untagged_attr: Gate::Always,
            }),
            ..TypeDef::struct_for_test("U", "", Vec::new())
        };
        assert_eq!(
            allows(&union(TypeRef::Local("Big".into()))),
            [Lint::LargeEnumVariant]
        );
        assert_eq!(
            allows(&union(TypeRef::Vec(Box::new(TypeRef::Local("Big".into()))))),
            []
        );
        assert_eq!(allows(&union(TypeRef::String)), []);
    }
}
