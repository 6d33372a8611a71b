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

/// The operation at route `path`.
fn operation<'a>(api: &'a Api, path: &str) -> &'a model::Operation {
    api.operations()
        .into_iter()
        .find(|op| op.path == path)
        .expect("the spec has the seed operation")
}

/// The setters of a built request example.
fn setters(example: &model::Example) -> Vec<&str> {
    match &example.request {
        Some(model::ExampleRequest::Built(model::ExampleValue::New { setters, .. })) => {
            setters.iter().map(|(name, _)| name.as_str()).collect()
        }
        other => panic!("not a built request: {other:?}"),
    }
}

/// Each seed operation's example sends the seed page's request (every member it sends, no
/// other), and the quick start shows exactly those examples, in the seeds' order.
#[test]
fn seed_requests_are_the_examples_and_the_quick_start() {
    let api = api();
    let wanted: [&[&str]; 3] = [
        &["acs_user_id", "code"],
        &["acs_user_id"],
        &["acs_credential_pool_id", "create_credential_manager_user"],
    ];
    assert_eq!(model::guide::SEEDS.len(), wanted.len());
    let quick_start = api.guide.quick_start.as_ref().expect("a quick start");
    assert_eq!(quick_start.steps.len(), wanted.len());
    for ((seed, setters_wanted), step) in model::guide::SEEDS
        .iter()
        .zip(wanted)
        .zip(&quick_start.steps)
    {
        let op = operation(&api, seed.path);
        assert!(op.example.seed, "{}: not the seed's request", seed.path);
        assert_eq!(setters(&op.example), setters_wanted, "{}", seed.path);
        assert_eq!(step.example, op.example, "{}", seed.path);
        assert_eq!((&step.method, &step.accessors), (&op.method, &op.accessors));
    }
}

/// A spec whose request lacks a member a seed page sends keeps the sample-based example for
/// that operation, and the crate page has no quick start; the other seeds are unaffected.
#[test]
fn a_seed_member_the_spec_lacks_leaves_the_samples_example() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/seam-connect.json");
    let mut spec: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("reads")).expect("json");
    let launch = "/paths/~1user_identities~1enrollment_automations~1launch/post/requestBody/content/application~1json/schema/properties";
    let removed = spec
        .pointer_mut(launch)
        .and_then(|p| p.as_object_mut())
        .and_then(|p| p.remove("acs_credential_pool_id"));
    assert!(removed.is_some(), "the spec had the member");
    let loaded = seam_codegen::load::parse(&path, &spec.to_string(), false).expect("parses");
    let api = model::build(&loaded).expect("builds");
    let op = operation(&api, "/user_identities/enrollment_automations/launch");
    assert!(!op.example.seed);
    assert!(!setters(&op.example).contains(&"acs_credential_pool_id"));
    assert!(operation(&api, "/acs/credentials/create").example.seed);
    assert!(api.guide.quick_start.is_none());
}
