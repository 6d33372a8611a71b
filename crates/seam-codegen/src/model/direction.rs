//! Direction pass: which way each type crosses the wire, and so what it implements.
//!
//! Runs on the complete IR. Request types are only sent, so they serialize; response types,
//! webhook events and the types only they reach are only received, so they deserialize. A type
//! reached both ways does both; component schemas no operation reaches are read as resources
//! (received). The action attempt and what it reaches
//! always serialize too: the runtime re-encodes a failed attempt into the error that carries it.
//!
//! The other direction is compiled with the [`ROUND_TRIP`] feature (the generated suites decode
//! sample requests and re-encode responses; users may store responses as JSON).
//!
//! Received-only structs read a field that may be absent or `null` as one `Option<T>`: the two
//! mean the same to a reader. Types that are sent keep `Option<Option<T>>`, where `Some(None)`
//! sends `null` (which clears a value) and `None` sends nothing.

use super::ir::*;
use std::collections::BTreeMap;

/// The feature compiling every type's other direction.
pub const ROUND_TRIP: &str = "round-trip";

/// Where a type is defined: `crate::types` or a namespace (by its index path).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Scope {
    Shared,
    Namespace(Vec<usize>),
}

/// Sets every type's [`Impls`] and collapses `Option<Option<T>>` on received-only structs.
pub fn assign(api: &mut Api) {
    api.round_trip_feature = ROUND_TRIP.to_owned();
    let mut found: BTreeMap<(Scope, String), Direction> = BTreeMap::new();
    let mut stack = Vec::new();
    roots(&api.namespaces, &mut Vec::new(), &mut stack);
    if let Some(webhook) = &api.webhook {
        stack.push((Scope::Shared, webhook.event.clone(), Direction::Response));
    }
    if let Some(attempt) = &api.action_attempt {
        stack.push((Scope::Shared, attempt.clone(), Direction::Response));
    }
    walk(api, stack, &mut found);
    // Types no operation reaches (component schemas of their own) are read as resources.
    let unreached = api
        .types
        .iter()
        .flat_map(|g| &g.types)
        .filter(|t| !found.contains_key(&(Scope::Shared, t.name.clone())))
        .map(|t| {
            (
                Scope::Shared,
                TypeRef::Shared(t.name.clone()),
                Direction::Response,
            )
        })
        .collect();
    walk(api, unreached, &mut found);
    // What the runtime re-encodes (a failed attempt, into its error) always serializes.
    let mut reencoded = BTreeMap::new();
    if let Some(attempt) = &api.action_attempt {
        let root = vec![(Scope::Shared, attempt.clone(), Direction::Response)];
        walk(api, root, &mut reencoded);
    }

    for group in &mut api.types {
        for def in &mut group.types {
            let key = (Scope::Shared, def.name.clone());
            let direction = found.get(&key).copied().unwrap_or(Direction::Response);
            apply(def, direction, reencoded.contains_key(&key));
        }
    }
    apply_namespaces(&mut api.namespaces, &mut Vec::new(), &found);
}

/// Pushes the request and response types of every operation under `namespaces`.
fn roots(
    namespaces: &[Namespace],
    path: &mut Vec<usize>,
    out: &mut Vec<(Scope, TypeRef, Direction)>,
) {
    for (i, ns) in namespaces.iter().enumerate() {
        path.push(i);
        for op in &ns.operations {
            let scope = Scope::Namespace(path.clone());
            if let Some(req) = &op.request {
                out.push((scope.clone(), req.ty.clone(), Direction::Request));
            }
            out.push((scope.clone(), op.response.ty.clone(), Direction::Response));
            if let Some(p) = &op.paginated {
                out.push((scope, p.item.clone(), Direction::Response));
            }
        }
        roots(&ns.children, path, out);
        path.pop();
    }
}

/// The namespace at index `path`.
fn namespace<'a>(api: &'a Api, path: &[usize]) -> Option<&'a Namespace> {
    let (first, rest) = path.split_first()?;
    let mut ns = api.namespaces.get(*first)?;
    for i in rest {
        ns = ns.children.get(*i)?;
    }
    Some(ns)
}

/// The definition `ty` names, seen from `scope`, with the scope it lives in; `shared` indexes
/// `crate::types` by name.
fn resolve<'a>(
    api: &'a Api,
    shared: &BTreeMap<&str, &'a TypeDef>,
    scope: &Scope,
    ty: &TypeRef,
) -> Option<(Scope, &'a TypeDef)> {
    match ty.named()? {
        TypeRef::Shared(name) => shared.get(name.as_str()).map(|t| (Scope::Shared, *t)),
        TypeRef::Local(name) => {
            let Scope::Namespace(path) = scope else {
                return None;
            };
            namespace(api, path)?
                .types
                .iter()
                .find(|t| &t.name == name)
                .map(|t| (scope.clone(), t))
        }
        _ => None,
    }
}

/// Spreads each direction through the references of the types it reaches.
fn walk(
    api: &Api,
    mut stack: Vec<(Scope, TypeRef, Direction)>,
    found: &mut BTreeMap<(Scope, String), Direction>,
) {
    let shared = api.shared_types();
    while let Some((scope, ty, direction)) = stack.pop() {
        let Some((scope, def)) = resolve(api, &shared, &scope, &ty) else {
            continue;
        };
        let key = (scope.clone(), def.name.clone());
        let joined = match found.get(&key) {
            Some(&seen) if seen.join(direction) == seen => continue,
            Some(&seen) => seen.join(direction),
            None => direction,
        };
        found.insert(key, joined);
        for r in def.references() {
            stack.push((scope.clone(), r.clone(), joined));
        }
    }
}

fn apply_namespaces(
    namespaces: &mut [Namespace],
    path: &mut Vec<usize>,
    found: &BTreeMap<(Scope, String), Direction>,
) {
    for (i, ns) in namespaces.iter_mut().enumerate() {
        path.push(i);
        for def in &mut ns.types {
            let direction = found
                .get(&(Scope::Namespace(path.clone()), def.name.clone()))
                .copied()
                .unwrap_or(Direction::Both);
            apply(def, direction, false);
        }
        apply_namespaces(&mut ns.children, path, found);
        path.pop();
    }
}

/// The serde trait paths.
const SERIALIZE: &str = "serde::Serialize";
const DESERIALIZE: &str = "serde::Deserialize";

/// Decides `def`'s implementations for `direction`; `reencoded`: the runtime serializes it.
fn apply(def: &mut TypeDef, direction: Direction, reencoded: bool) {
    let gate = |always: bool| {
        if always {
            Gate::Always
        } else {
            Gate::Feature(ROUND_TRIP.to_owned())
        }
    };
    let mut impls = Impls {
        direction,
        derives: Vec::new(),
        gated_derives: Vec::new(),
        gated_feature: ROUND_TRIP.to_owned(),
        serialize: gate(direction.serializes() || reencoded),
        deserialize: gate(direction.deserializes()),
    };
    let base: &[&str] = match &mut def.kind {
        TypeKind::Struct(s) => {
            if direction == Direction::Response {
                s.derive_default = false;
                for field in &mut s.fields {
                    field.read_null_as_absent();
                }
            }
            if s.derive_default {
                &["Debug", "Clone", "PartialEq", "Default"]
            } else {
                &["Debug", "Clone", "PartialEq"]
            }
        }
        TypeKind::Untagged(_) => &["Debug", "Clone", "PartialEq"],
        TypeKind::StrEnum(_) => &[
            "Debug",
            "Clone",
            "PartialEq",
            "Eq",
            "Hash",
            "PartialOrd",
            "Ord",
        ],
        TypeKind::Tagged(_) => &["Debug", "Clone", "PartialEq"],
        TypeKind::Metadata(m) if m.owned => &["Debug", "Clone", "PartialEq"],
        TypeKind::Metadata(_) => &["Debug", "Clone", "Copy", "PartialEq"],
        TypeKind::Alias(_) => &[],
    };
    impls.derives = base.iter().map(|d| (*d).to_owned()).collect();
    // A union decoded by the kind of its value implements `Deserialize` by hand (the template
    // prints it under `impls.deserialize`); its `untagged` attribute is then read by the derived
    // `Serialize` alone, so it is compiled when that is.
    let by_kind = match &mut def.kind {
        TypeKind::Untagged(u) if u.by_kind.is_some() => {
            u.untagged_attr = impls.serialize.clone();
            true
        }
        _ => false,
    };
    if matches!(def.kind, TypeKind::Struct(_) | TypeKind::Untagged(_)) {
        for (path, gate) in [
            (SERIALIZE, &impls.serialize),
            (DESERIALIZE, &impls.deserialize),
        ] {
            // Structs read objects through `Record` (record decode pass) and unions decoded by
            // kind through `ByKind`: the template prints their `Deserialize` under its gate.
            if path == DESERIALIZE && (by_kind || matches!(def.kind, TypeKind::Struct(_))) {
                continue;
            }
            if *gate == Gate::Always {
                impls.derives.push(path.to_owned());
            } else {
                impls.gated_derives.push(path.to_owned());
            }
        }
    }
    def.impls = impls;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, presence: Presence) -> Field {
        Field::for_test(name, TypeRef::String, presence)
    }

    fn structure(name: &str, fields: Vec<Field>, builder: bool) -> TypeDef {
        let mut def = TypeDef::struct_for_test(name, "", fields);
        if let TypeKind::Struct(s) = &mut def.kind {
            s.builder = builder;
        }
        def
    }

    fn with_field(name: &str, ty: TypeRef) -> TypeDef {
        let mut f = field("value", Presence::Optional);
        f.ty = ty.clone().optional();
        f.value_ty = ty;
        structure(name, vec![f], false)
    }

    fn api() -> Api {
        let request = structure(
            "CreateRequest",
            vec![
                field("name", Presence::Required),
                field("note", Presence::OptionalNullable),
            ],
            true,
        );
        let op = |method: &str, request: Option<&str>, response: &str| {
            Operation::for_test(
                &format!("/things/{method}"),
                method,
                request.map(|r| TypeRef::Local(r.to_owned())),
                TypeRef::Shared(response.to_owned()),
            )
        };
        let shared = vec![
            structure(
                "Thing",
                vec![
                    field("id", Presence::Required),
                    field("note", Presence::OptionalNullable),
                ],
                false,
            ),
            with_field("Shape", TypeRef::Shared("Corner".to_owned())),
            structure("Corner", vec![field("x", Presence::Optional)], false),
            structure("Unused", vec![field("x", Presence::Optional)], false),
        ];
        let mut request = request;
        if let TypeKind::Struct(s) = &mut request.kind {
            let mut f = field("shape", Presence::Optional);
            f.value_ty = TypeRef::Shared("Shape".to_owned());
            f.ty = f.value_ty.clone().optional();
            s.fields.push(f);
        }
        Api {
            title: String::new(),
            base_url: String::new(),
            types: vec![TypeGroup {
                module: "things".to_owned(),
                docs: Docs::default(),
                types: shared,
                features: Vec::new(),
                gate: Gate::Always,
            }],
            namespaces: vec![Namespace {
                path: vec!["things".to_owned()],
                module: "things".to_owned(),
                accessor: "things".to_owned(),
                handle: "Things".to_owned(),
                module_path: "things".to_owned(),
                blocking_handle: "Things".to_owned(),
                docs: Docs::default(),
                module_docs: Docs::default(),
                operations: vec![
                    op("create", Some("CreateRequest"), "Thing"),
                    op("shape", None, "Shape"),
                ],
                types: vec![request],
                children: Vec::new(),
                feature: None,
                on_workspace_client: true,
                on_without_workspace_client: false,
            }],
            action_attempt: None,
            features: Vec::new(),
            action_attempt_features: Vec::new(),
            action_attempt_gate: Gate::Always,
            without_workspace: false,
            webhook: None,
            round_trip_feature: String::new(),
            guide: Guide::default(),
            allow_deprecated: false,
        }
    }

    fn shared<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
        api.types[0].types.iter().find(|t| t.name == name).unwrap()
    }

    #[test]
    fn directions_follow_what_operations_send_and_receive() {
        let mut api = api();
        assign(&mut api);
        let request = &api.namespaces[0].types[0];
        assert_eq!(request.impls.direction, Direction::Request);
        assert_eq!(request.impls.derives.last().unwrap(), SERIALIZE);
        // A struct's `Deserialize` is its `Record` (printed under the gate), never derived.
        assert!(request.impls.gated_derives.is_empty());
        assert_eq!(
            request.impls.deserialize,
            Gate::Feature(ROUND_TRIP.to_owned())
        );
        assert_eq!(shared(&api, "Thing").impls.deserialize, Gate::Always);
        assert_eq!(shared(&api, "Thing").impls.direction, Direction::Response);
        assert_eq!(shared(&api, "Thing").impls.gated_derives, [SERIALIZE]);
        // Sent by `create` and received from `shape`, through another type.
        assert_eq!(shared(&api, "Shape").impls.direction, Direction::Both);
        assert_eq!(shared(&api, "Corner").impls.direction, Direction::Both);
        assert!(shared(&api, "Corner").impls.gated_derives.is_empty());
        // Reached by no operation: a resource, received.
        assert_eq!(shared(&api, "Unused").impls.direction, Direction::Response);
    }

    #[test]
    fn what_the_runtime_re_encodes_always_serializes() {
        let mut api = api();
        api.action_attempt = Some(TypeRef::Shared("Thing".to_owned()));
        assign(&mut api);
        let thing = &shared(&api, "Thing").impls;
        assert_eq!(thing.direction, Direction::Response);
        assert!(thing.derives.iter().any(|d| d == SERIALIZE));
        assert!(thing.gated_derives.is_empty());
    }

    #[test]
    fn only_received_structs_read_absent_and_null_as_one_option() {
        let mut api = api();
        assign(&mut api);
        let TypeKind::Struct(thing) = &shared(&api, "Thing").kind else {
            panic!("a struct");
        };
        let note = &thing.fields[1];
        assert_eq!(note.ty.to_string(), "Option<String>");
        assert!(!note.serde.double_option);
        assert!(note.serde.default);
        assert!(
            !thing.derive_default,
            "received types are never built by callers"
        );
        let TypeKind::Struct(request) = &api.namespaces[0].types[0].kind else {
            panic!("a struct");
        };
        assert_eq!(request.fields[1].ty.to_string(), "Option<Option<String>>");
        assert!(request.fields[1].serde.double_option);
    }
}
