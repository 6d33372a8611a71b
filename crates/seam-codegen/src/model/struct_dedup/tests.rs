//! The struct dedup pass on small groups: what merges, in how many rounds, and what stays.

use super::*;
use crate::model::ir::*;

fn field(name: &str, ty: TypeRef, doc: &str) -> Field {
    let mut field = Field::for_test(name, ty, Presence::Required);
    field.docs = Docs(vec![doc.to_owned()]);
    field
}

fn structure(name: &str, pointer: &str, fields: Vec<Field>) -> TypeDef {
    let mut def = TypeDef::struct_for_test(name, pointer, fields);
    def.docs = Docs(vec![format!("The {name}.")]);
    def
}

fn alias(name: &str, target: &str) -> TypeDef {
    let mut def = structure(name, "#/components/schemas/x", Vec::new());
    def.kind = TypeKind::Alias(TypeRef::Shared(target.to_owned()));
    def
}

fn group(module: &str, types: Vec<TypeDef>) -> TypeGroup {
    TypeGroup::for_test(module, types)
}

/// `name`'s kind after the pass: `Some(target)` for an alias, `None` for a definition.
fn target(groups: &[TypeGroup], name: &str) -> Option<String> {
    let def = groups
        .iter()
        .flat_map(|g| &g.types)
        .find(|t| t.name == name)
        .expect("the type is still there");
    match &def.kind {
        TypeKind::Alias(TypeRef::Shared(target)) => Some(target.clone()),
        _ => None,
    }
}

/// Inside a component schema (its own type is never made an alias).
const P: &str = "#/components/schemas/action_result/properties/result";

#[test]
fn copies_become_aliases_of_the_first_and_their_holders_follow() {
    let warning = |name: &str, code: &str| {
        structure(
            name,
            P,
            vec![
                field("message", TypeRef::String, "What happened."),
                field(
                    "warning_code",
                    TypeRef::Shared(code.to_owned()),
                    "The code.",
                ),
            ],
        )
    };
    let result = |name: &str, warning: &str| {
        structure(
            name,
            P,
            vec![field(
                "warnings",
                TypeRef::Vec(Box::new(TypeRef::Shared(warning.to_owned()))),
                "Warnings.",
            )],
        )
    };
    let mut groups = vec![
        group(
            "encode",
            vec![
                result("TrueResult", "TrueWarning"),
                warning("TrueWarning", "TrueWarningCode"),
                alias("TrueWarningCode", "WarningCode"),
                result("FalseResult", "FalseWarning"),
                warning("FalseWarning", "FalseWarningCode"),
                alias("FalseWarningCode", "WarningCode"),
            ],
        ),
        group(
            "scan",
            vec![
                // A copy in another module: left there.
                warning("ScanWarning", "WarningCode"),
                // The same fields with other docs: another type.
                structure(
                    "OtherWarning",
                    P,
                    vec![
                        field("message", TypeRef::String, "What went wrong."),
                        field(
                            "warning_code",
                            TypeRef::Shared("WarningCode".to_owned()),
                            "The code.",
                        ),
                    ],
                ),
            ],
        ),
        // What the warning-code aliases name.
        group(
            "shared",
            vec![structure(
                "WarningCode",
                "#/components/schemas/warning_code",
                vec![field("code", TypeRef::String, "The code.")],
            )],
        ),
    ];
    merge(&mut groups);
    assert_eq!(
        target(&groups, "FalseWarning").as_deref(),
        Some("TrueWarning")
    );
    // Identical only once the warnings merged: the second round.
    assert_eq!(
        target(&groups, "FalseResult").as_deref(),
        Some("TrueResult")
    );
    let docs = |name: &str| {
        let def = groups
            .iter()
            .flat_map(|g| &g.types)
            .find(|t| t.name == name);
        def.map(|d| d.docs.lines().to_vec()).unwrap_or_default()
    };
    // Each side of a merge names the other after its own docs.
    assert_eq!(
        docs("FalseWarning"),
        [
            "The FalseWarning.",
            "",
            "The same fields as [`TrueWarning`] (one definition serves both names)."
        ]
    );
    assert_eq!(
        docs("TrueWarning"),
        [
            "The TrueWarning.",
            "",
            "[`FalseWarning`] has the same fields: it is an alias of this type."
        ]
    );
    assert_eq!(
        docs("ScanWarning"),
        ["The ScanWarning."],
        "not merged: no line"
    );
    for definition in ["TrueWarning", "TrueResult", "ScanWarning", "OtherWarning"] {
        assert_eq!(target(&groups, definition), None, "{definition}");
    }
    let kept = groups[0]
        .types
        .iter()
        .find(|t| t.name == "FalseResult")
        .unwrap();
    assert_eq!(
        kept.docs.lines()[0],
        "The FalseResult.",
        "an alias keeps its docs"
    );
}

#[test]
fn action_attempts_lenient_schemas_and_self_references_stay() {
    let leaf = |name: &str, pointer: &str| {
        structure(name, pointer, vec![field("id", TypeRef::String, "The id.")])
    };
    let attempt_impl = ActionAttemptImpl {
        id_field: "id".to_owned(),
        id_wire: "id".to_owned(),
        status_method: "status".to_owned(),
    };
    let mut attempt = leaf("AttemptA", P);
    attempt.action_attempt = Some(attempt_impl.clone());
    let mut attempt_b = leaf("AttemptB", P);
    attempt_b.action_attempt = Some(attempt_impl);
    // `is_managed` is a field the fake omits on `acs_user`s (a lenience deviation).
    let user = |name: &str, pointer: &str| {
        structure(
            name,
            pointer,
            vec![field("is_managed", TypeRef::Bool, "Managed.")],
        )
    };
    let node = |name: &str| {
        structure(
            name,
            P,
            vec![field(
                "next",
                TypeRef::Option(Box::new(TypeRef::Shared(name.to_owned()))),
                "The next one.",
            )],
        )
    };
    let mut groups = vec![group(
        "x",
        vec![
            attempt,
            attempt_b,
            user("UserA", "#/components/schemas/acs_user/properties/x"),
            user("UserB", "#/components/schemas/acs_user"),
            node("NodeA"),
            node("NodeB"),
        ],
    )];
    let before = serde_json::to_string(&groups).unwrap();
    merge(&mut groups);
    assert_eq!(serde_json::to_string(&groups).unwrap(), before);
    // Inside a deviation's schema but without a field it names: merged as any other.
    let mut groups = vec![group(
        "y",
        vec![
            leaf("IdA", "#/components/schemas/acs_user/properties/a"),
            leaf("IdB", "#/components/schemas/acs_user/properties/b"),
        ],
    )];
    merge(&mut groups);
    assert_eq!(target(&groups, "IdB").as_deref(), Some("IdA"));
}

#[test]
fn component_schemas_keep_their_definition_and_copies_alias_the_first_one() {
    let leaf = |name: &str, pointer: &str| {
        structure(name, pointer, vec![field("id", TypeRef::String, "The id.")])
    };
    let mut groups = vec![group(
        "a",
        vec![
            leaf("InlineCopy", "#/components/schemas/a/properties/x"),
            leaf("ResourceB", "#/components/schemas/b"),
            leaf("ResourceC", "#/components/schemas/c"),
        ],
    )];
    merge(&mut groups);
    assert_eq!(target(&groups, "InlineCopy").as_deref(), Some("ResourceB"));
    assert_eq!(target(&groups, "ResourceB"), None);
    assert_eq!(target(&groups, "ResourceC"), None);
}
