//! Kind decode: whether a union of JSON types (unions pass) is decoded by the kind of its value
//! (`seam_runtime::codec::ByKind`) rather than by serde's `untagged` derive, and which variant
//! takes each kind.

use super::ir::*;

/// How the union of `variants` is decoded by the kind of its value, when every variant is a JSON
/// scalar (`bool`, `i64`, `f64`, `String`) or the raw-JSON fallback; `None` otherwise (a variant
/// of another type may refuse a value of its kind, and serde's derive then tries the next one).
pub fn kind_decode(variants: &[UntaggedVariant]) -> Option<KindDecode> {
    let mut arms = Vec::new();
    let mut accepted = Vec::new();
    for v in variants {
        let (kind, text) = match v.ty {
            TypeRef::Bool => (ScalarKind::Bool, "a boolean"),
            TypeRef::Int => (ScalarKind::Integer, "an integer"),
            TypeRef::Float => (ScalarKind::Number, "a number"),
            TypeRef::String => (ScalarKind::String, "a string"),
            TypeRef::Json => (ScalarKind::Json, "any JSON value"),
            _ => return None,
        };
        if arms.iter().any(|a: &KindArm| a.kind == kind) {
            return None;
        }
        arms.push(KindArm {
            kind,
            variant: v.name.clone(),
        });
        accepted.push(text);
    }
    let expecting = match accepted.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => return None,
    };
    Some(KindDecode { expecting, arms })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variants(types: &[(&str, TypeRef)]) -> Vec<UntaggedVariant> {
        types
            .iter()
            .map(|(name, ty)| UntaggedVariant {
                name: (*name).to_owned(),
                ty: ty.clone(),
            })
            .collect()
    }

    #[test]
    fn scalars_and_the_fallback_are_told_apart_by_kind() {
        let all = variants(&[
            ("Bool", TypeRef::Bool),
            ("Integer", TypeRef::Int),
            ("Number", TypeRef::Float),
            ("String", TypeRef::String),
            ("Unknown", TypeRef::Json),
        ]);
        let decode = kind_decode(&all).expect("decoded by kind");
        assert_eq!(
            decode.expecting,
            "a boolean, an integer, a number, a string or any JSON value"
        );
        let arms: Vec<(ScalarKind, &str)> = decode
            .arms
            .iter()
            .map(|a| (a.kind, a.variant.as_str()))
            .collect();
        assert_eq!(
            arms,
            [
                (ScalarKind::Bool, "Bool"),
                (ScalarKind::Integer, "Integer"),
                (ScalarKind::Number, "Number"),
                (ScalarKind::String, "String"),
                (ScalarKind::Json, "Unknown"),
            ]
        );
        let two = kind_decode(&variants(&[
            ("Number", TypeRef::Float),
            ("Text", TypeRef::String),
        ]));
        assert_eq!(two.expect("by kind").expecting, "a number or a string");
    }

    #[test]
    fn any_other_variant_type_leaves_the_union_to_serde() {
        for other in [
            TypeRef::Timestamp,
            TypeRef::Local("Credential".to_owned()),
            TypeRef::Vec(Box::new(TypeRef::String)),
            TypeRef::JsonObject,
        ] {
            let union = variants(&[("String", TypeRef::String), ("Other", other.clone())]);
            assert!(kind_decode(&union).is_none(), "{other:?}");
        }
        // Two variants of one kind cannot be told apart by it.
        let twice = variants(&[("A", TypeRef::String), ("B", TypeRef::String)]);
        assert!(kind_decode(&twice).is_none());
        assert!(kind_decode(&[]).is_none());
    }
}
