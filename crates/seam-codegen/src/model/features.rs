//! Features pass: one cargo feature per top-level namespace (`acs`, `devices`, ...), all on by
//! default through `full`, so a user who needs one namespace compiles a fraction of the crate.
//!
//! A namespace's feature compiles its module and every shared type (`crate::types`) that its
//! operations reach, directly or through other shared types. So each type group is compiled
//! when any feature that reaches it is on; a group no operation reaches is compiled with
//! `full` only. The action attempt type carries the features of its group, and so does the
//! client method that waits for one.
//!
//! The webhook module has its own feature, [`WEBHOOK`]: it compiles the event union and the
//! types that union reaches, and no namespace (it is not part of `full`: it adds crypto
//! dependencies).

use super::ir::{Api, Gate, Namespace, Operation, TypeDef, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// The feature that turns every namespace on (and that `default` holds).
pub const FULL: &str = "full";

/// Feature names the generated crate uses for other things; a namespace with one of these
/// names gets `-api` appended.
pub const RESERVED: &[&str] = &[
    "default",
    FULL,
    "blocking",
    "std",
    WEBHOOK,
    super::direction::ROUND_TRIP,
];

/// The feature of the webhook module (when the spec has an event union).
pub const WEBHOOK: &str = "webhook";

/// Sets [`Api::features`], [`Namespace::feature`] on top-level namespaces,
/// [`super::TypeGroup::features`], [`Api::action_attempt_features`] and the webhook's feature.
pub fn assign(api: &mut Api) {
    let (reached_by, features, attempt_group, webhook_groups) = {
        let owner: BTreeMap<&str, usize> = api
            .types
            .iter()
            .enumerate()
            .flat_map(|(i, g)| g.types.iter().map(move |t| (t.name.as_str(), i)))
            .collect();
        let mut reached_by: Vec<BTreeSet<String>> = vec![BTreeSet::new(); api.types.len()];
        let mut features = Vec::new();
        for ns in &api.namespaces {
            let feature = feature_name(&ns.module);
            let mut roots = Vec::new();
            shared_roots(ns, &mut roots);
            for group in reachable(api, &owner, roots) {
                reached_by[group].insert(feature.clone());
            }
            features.push(feature);
        }
        let attempt_group = match &api.action_attempt {
            Some(TypeRef::Shared(name)) => owner.get(name.as_str()).copied(),
            _ => None,
        };
        let webhook_groups = match api.webhook.as_ref().map(|w| &w.event) {
            Some(TypeRef::Shared(name)) => reachable(api, &owner, vec![name.as_str()]),
            _ => BTreeSet::new(),
        };
        (reached_by, features, attempt_group, webhook_groups)
    };
    for (group, by) in api.types.iter_mut().zip(reached_by) {
        group.features = if by.is_empty() {
            vec![FULL.to_owned()]
        } else {
            by.into_iter().collect()
        };
    }
    api.action_attempt_features = attempt_group
        .map(|g| api.types[g].features.clone())
        .unwrap_or_default();
    api.action_attempt_gate = Gate::any_of(&api.action_attempt_features);
    for (ns, feature) in api.namespaces.iter_mut().zip(&features) {
        set_feature(ns, feature);
    }
    api.features = features;
    if let Some(webhook) = &mut api.webhook {
        webhook.feature = WEBHOOK.to_owned();
        for group in webhook_groups {
            let features = &mut api.types[group].features;
            features.push(WEBHOOK.to_owned());
            features.sort();
        }
    }
    for group in &mut api.types {
        group.gate = Gate::any_of(&group.features);
    }
}

/// Gives `ns` and every namespace below it the feature of their top-level namespace.
fn set_feature(ns: &mut Namespace, feature: &str) {
    ns.feature = Some(feature.to_owned());
    for child in &mut ns.children {
        set_feature(child, feature);
    }
}

/// The feature of the top-level namespace whose module is `module`.
pub fn feature_name(module: &str) -> String {
    let name = module.strip_prefix("r#").unwrap_or(module);
    if RESERVED.contains(&name) {
        format!("{name}-api")
    } else {
        name.to_owned()
    }
}

/// The shared type names `ns` and its children name: in operations and in their own types.
fn shared_roots<'a>(ns: &'a Namespace, out: &mut Vec<&'a str>) {
    for op in &ns.operations {
        for r in operation_refs(op) {
            push_shared(r, out);
        }
    }
    for t in &ns.types {
        for r in t.references() {
            push_shared(r, out);
        }
    }
    for child in &ns.children {
        shared_roots(child, out);
    }
}

fn operation_refs(op: &Operation) -> Vec<&TypeRef> {
    let mut refs = vec![&op.response.ty];
    if let Some(req) = &op.request {
        refs.push(&req.ty);
    }
    if let Some(p) = &op.paginated {
        refs.push(&p.item);
    }
    refs
}

fn push_shared<'a>(r: &'a TypeRef, out: &mut Vec<&'a str>) {
    if let Some(TypeRef::Shared(name)) = r.named() {
        out.push(name);
    }
}

/// The type groups reachable from the shared types `roots`, through the references of every
/// type of each group reached.
fn reachable<'a>(
    api: &'a Api,
    owner: &BTreeMap<&str, usize>,
    mut stack: Vec<&'a str>,
) -> BTreeSet<usize> {
    let mut seen = BTreeSet::new();
    while let Some(name) = stack.pop() {
        let Some(&group) = owner.get(name) else {
            continue;
        };
        if !seen.insert(group) {
            continue;
        }
        for t in &api.types[group].types {
            for r in TypeDef::references(t) {
                push_shared(r, &mut stack);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ir::*;

    fn alias(name: &str, target: TypeRef) -> TypeDef {
        TypeDef {
            name: name.into(),
            pointer: String::new(),
            docs: Docs::default(),
            deprecated: None,
            kind: TypeKind::Alias(target),
            action_attempt: None,
            impls: Impls::default(),
            links: Vec::new(),
            allows: Vec::new(),
        }
    }

    fn group(module: &str, types: Vec<TypeDef>) -> TypeGroup {
        TypeGroup::for_test(module, types)
    }

    fn namespace(module: &str, returns: TypeRef, children: Vec<Namespace>) -> Namespace {
        let op = Operation::for_test("/x", "get", None, returns);
        Namespace::for_test(module, vec![op], Vec::new(), children)
    }

    #[test]
    fn groups_get_the_features_that_reach_them_transitively() {
        let shared = |n: &str| TypeRef::Shared(n.into());
        let mut api = Api {
            title: "t".into(),
            base_url: "u".into(),
            types: vec![
                group("a", vec![alias("A", TypeRef::Vec(Box::new(shared("B"))))]),
                group("b", vec![alias("B", TypeRef::String)]),
                group("c", vec![alias("C", shared("A"))]),
                group("unused", vec![alias("U", TypeRef::Int)]),
            ],
            namespaces: vec![
                namespace(
                    "acs",
                    TypeRef::Unit,
                    vec![namespace("users", shared("A"), vec![])],
                ),
                namespace("default", shared("C").optional(), vec![]),
                namespace("locks", shared("B"), vec![]),
            ],
            action_attempt: Some(shared("A")),
            features: Vec::new(),
            action_attempt_features: Vec::new(),
            action_attempt_gate: Gate::Always,
            without_workspace: false,
            webhook: Some(Webhook {
                event: shared("C"),
                tag_method: String::new(),
                required_strings: Vec::new(),
                feature: String::new(),
            }),
            round_trip_feature: String::new(),
            guide: Guide::default(),
            allow_deprecated: false,
        };
        assign(&mut api);
        assert_eq!(api.features, ["acs", "default-api", "locks"]);
        let of = |i: usize| api.types[i].features.join(",");
        // `C` is the webhook's event type: it and what it reaches get `webhook` too.
        assert_eq!(of(0), "acs,default-api,webhook");
        assert_eq!(of(1), "acs,default-api,locks,webhook");
        assert_eq!(of(2), "default-api,webhook");
        assert_eq!(of(3), "full");
        assert_eq!(api.action_attempt_features, ["acs", "default-api"]);
        assert_eq!(
            api.webhook.as_ref().map(|w| w.feature.as_str()),
            Some("webhook")
        );
        assert_eq!(api.namespaces[1].feature.as_deref(), Some("default-api"));
        // Nested namespaces are compiled with their top-level namespace.
        assert_eq!(
            api.namespaces[0].children[0].feature.as_deref(),
            Some("acs")
        );
    }
}
