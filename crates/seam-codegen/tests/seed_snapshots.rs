//! insta snapshots of the three seed operations (create and assign a credential, launch an
//! enrollment automation): their IR, and the code emitted for them and the types they use.

use seam_codegen::model::{self, Api, Namespace, TypeDef, TypeRef};
use seam_codegen::render::{self, Options};
use std::collections::BTreeSet;
use std::path::Path;

const SEED_PATHS: &[&str] = &[
    "/acs/credentials/create",
    "/acs/credentials/assign",
    "/user_identities/enrollment_automations/launch",
];

fn api() -> Api {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/seam-connect.json");
    let loaded = seam_codegen::load::load_file(&spec).expect("loads");
    model::build(&loaded).expect("builds")
}

/// Names of the types reachable from `roots` through `types`.
fn reachable(roots: Vec<&TypeRef>, types: &[TypeDef]) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<&TypeRef> = roots;
    while let Some(r) = todo.pop() {
        let Some(TypeRef::Local(name) | TypeRef::Shared(name)) = r.named() else {
            continue;
        };
        if seen.insert(name.clone())
            && let Some(def) = types.iter().find(|t| &t.name == name)
        {
            todo.extend(def.references());
        }
    }
    seen
}

/// The namespace tree cut down to the seed operations and the local types they use.
fn prune(namespaces: &[Namespace]) -> Vec<Namespace> {
    namespaces
        .iter()
        .filter_map(|ns| {
            let mut ns = ns.clone();
            ns.operations
                .retain(|op| SEED_PATHS.contains(&op.path.as_str()));
            ns.children = prune(&ns.children);
            let mut roots = Vec::new();
            for op in &ns.operations {
                roots.extend(op.request.as_ref().map(|r| &r.ty));
                roots.push(&op.response.ty);
            }
            let keep = reachable(roots, &ns.types);
            ns.types.retain(|t| keep.contains(&t.name));
            (!ns.operations.is_empty() || !ns.children.is_empty()).then_some(ns)
        })
        .collect()
}

fn seed_api() -> Api {
    let mut api = api();
    api.namespaces = prune(&api.namespaces);
    let shared_roots: Vec<TypeRef> = api
        .operations()
        .iter()
        .map(|op| op.response.ty.clone())
        .collect();
    let all_shared: Vec<TypeDef> = api.types.iter().flat_map(|g| g.types.clone()).collect();
    let keep = reachable(shared_roots.iter().collect(), &all_shared);
    api.types
        .retain(|g| g.types.iter().any(|t| keep.contains(&t.name)));
    api
}

#[test]
fn seed_operations_ir() {
    let api = seed_api();
    assert_eq!(api.operations().len(), SEED_PATHS.len());
    insta::assert_yaml_snapshot!("seed_namespaces_ir", api.namespaces);
}

#[test]
fn seed_shared_types_ir() {
    let api = seed_api();
    let names: Vec<&str> = api.types.iter().map(|g| g.module.as_str()).collect();
    // `access_grant` and `shared` hold types that copies in `acs_credential` alias (dedup pass).
    assert_eq!(
        names,
        [
            "access_grant",
            "acs_credential",
            "enrollment_automation",
            "shared"
        ]
    );
    insta::assert_yaml_snapshot!("seed_shared_types_ir", api.types);
}

#[test]
fn seed_operations_code() {
    let api = seed_api();
    let files = render::render(&api, &Options::default()).expect("renders");
    let files = render::format::format_all(files).expect("formats");
    for file in files
        .iter()
        .filter(|f| f.path.ends_with(".rs") && f.path != "src/lib.rs")
    {
        let name = file
            .path
            .trim_start_matches("src/")
            .replace(['/', '.'], "_");
        insta::assert_snapshot!(format!("code_{name}"), file.contents);
    }
}
