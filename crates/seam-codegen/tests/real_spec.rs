//! The generator on the vendored spec: fresh output, determinism, one method per operation.

use seam_codegen::render::{Options, write};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn spec() -> PathBuf {
    root().join("specs/seam-connect.json")
}

#[test]
fn generated_folder_is_fresh() {
    let options = Options::for_workspace(&root()).expect("specs/crate-version.txt");
    let generated = seam_codegen::generate(&spec(), &options).expect("generates");
    let outcome = write::ensure(
        &root().join("generated"),
        &generated.files,
        write::Mode::Check,
    )
    .expect("compares");
    assert!(
        outcome.is_fresh(),
        "generated/ is stale; run `cargo xtask codegen`. stale: {:?}, extra: {:?}",
        outcome.stale,
        outcome.extra
    );
}

#[test]
fn same_spec_gives_byte_identical_files() {
    let a = seam_codegen::generate(&spec(), &Options::default()).expect("generates");
    let b = seam_codegen::generate(&spec(), &Options::default()).expect("generates");
    assert_eq!(a.files.len(), b.files.len());
    for (x, y) in a.files.iter().zip(&b.files) {
        assert_eq!(x.path, y.path);
        assert!(
            x.contents == y.contents,
            "{} differs between two runs",
            x.path
        );
    }
}

#[test]
fn one_method_per_spec_operation() {
    let text = std::fs::read_to_string(spec()).expect("spec");
    let raw: serde_json::Value = serde_json::from_str(&text).expect("json");
    let paths = raw["paths"].as_object().expect("paths");
    let generated = seam_codegen::generate(&spec(), &Options::default()).expect("generates");
    let mut spec_paths: Vec<&str> = paths.keys().map(String::as_str).collect();
    let mut method_paths: Vec<&str> = generated
        .api
        .operations()
        .iter()
        .map(|o| o.path.as_str())
        .collect();
    spec_paths.sort_unstable();
    method_paths.sort_unstable();
    assert_eq!(method_paths, spec_paths);
    // Every method is rendered: one route `static` per operation across the namespace files.
    let routes: usize = generated
        .files
        .iter()
        .map(|f| {
            f.contents
                .matches(": seam_runtime::Route = seam_runtime::Route {")
                .count()
        })
        .sum();
    assert_eq!(routes, spec_paths.len());
    println!("{} operations, {} methods", spec_paths.len(), routes);
}

/// The JSON kinds a variant type accepts: `b`ool, `i`nteger, `f`loat, `s`tring, `a`rray,
/// `o`bject, `n`ull.
fn kinds(ty: &seam_codegen::model::TypeRef) -> &'static str {
    use seam_codegen::model::TypeRef::*;
    match ty {
        Bool => "b",
        Int => "i",
        Float => "if",
        String | Timestamp | Date | Uri | Email => "s",
        Vec(_) => "a",
        Map(_) | JsonObject | OtherMetadata | Shared(_) | Local(_) | Boxed(_) => "o",
        Option(inner) => match kinds(inner) {
            "b" => "bn",
            "i" => "in",
            "if" => "ifn",
            "s" => "sn",
            "a" => "an",
            _ => "on",
        },
        Json => "bifsaon",
        Unit => "n",
    }
}

#[test]
fn no_untagged_variant_is_shadowed_by_an_earlier_one() {
    use seam_codegen::model::TypeKind;
    let generated = seam_codegen::generate(&spec(), &Options::default()).expect("generates");
    let mut checked = 0;
    let mut defs = Vec::new();
    for group in &generated.api.types {
        defs.extend(group.types.iter());
    }
    let mut stack: Vec<&seam_codegen::model::Namespace> = generated.api.namespaces.iter().collect();
    while let Some(ns) = stack.pop() {
        defs.extend(ns.types.iter());
        stack.extend(ns.children.iter());
    }
    for def in defs {
        let TypeKind::Untagged(union) = &def.kind else {
            continue;
        };
        for (i, variant) in union.variants.iter().enumerate() {
            // serde tries variants in order: this one is reachable if it accepts some JSON kind
            // that no earlier variant accepts.
            let earlier: std::string::String =
                union.variants[..i].iter().map(|v| kinds(&v.ty)).collect();
            let reachable = kinds(&variant.ty).chars().any(|k| !earlier.contains(k));
            assert!(
                reachable,
                "{}: variant {} is shadowed by an earlier one",
                def.name, variant.name
            );
        }
        checked += 1;
    }
    // 1.977.0 has 20 distinct untagged unions once identical copies are merged (dedup pass).
    assert!(
        checked >= 10,
        "expected the spec's untagged unions, found {checked}"
    );
    println!("{checked} untagged unions checked");
}

/// Every operation taking a request gets an example that builds one (the examples pass hides a
/// request it cannot build; none of the vendored spec's).
#[test]
fn every_example_builds_its_request() {
    let spec = seam_codegen::load::load_file(&spec()).expect("loads");
    let api = seam_codegen::model::build(&spec).expect("builds");
    let missing: Vec<&str> = api
        .operations()
        .into_iter()
        .filter(|op| {
            op.request.is_some()
                && !matches!(
                    op.example.request,
                    Some(seam_codegen::model::ExampleRequest::Built(_))
                )
        })
        .map(|op| op.path.as_str())
        .collect();
    assert!(missing.is_empty(), "no example request for {missing:?}");
}

/// The examples of known operations: the request built from the minimal sample (for the seed
/// operations, the request of Seam's page), and what is done with the result.
#[test]
fn examples_of_known_operations() {
    use seam_codegen::model::{ExampleOutcome, ExampleRequest, Show};
    let spec = seam_codegen::load::load_file(&spec()).expect("loads");
    let api = seam_codegen::model::build(&spec).expect("builds");
    let value = |binding: &str, show: Show| ExampleOutcome::Value {
        binding: binding.to_owned(),
        optional: false,
        show,
    };
    let table = [
        (
            "/acs/credentials/create",
            Some(
                r#"CreateRequest::new(CreateRequestAccessMethod::Code).acs_user_id("33333333-3333-3333-3333-333333333333").code("824759")"#,
            ),
            value(
                "acs_credential",
                Show::Field("acs_credential_id".to_owned()),
            ),
        ),
        (
            "/acs/credentials/assign",
            Some(
                r#"AssignRequest::new("66666666-6666-6666-6666-666666666666").acs_user_id("33333333-3333-3333-3333-333333333333")"#,
            ),
            ExampleOutcome::Nothing,
        ),
        (
            "/locks/unlock_door",
            Some(r#"UnlockDoorRequest::new("3fa85f64-5717-4562-b3fc-2c963f66afa6")"#),
            value("action_attempt", Show::ActionAttempt("status".to_owned())),
        ),
        (
            "/devices/list",
            Some("ListRequest::new()"),
            ExampleOutcome::Pages {
                method: "list_paginator".to_owned(),
                item: "device".to_owned(),
                show: Show::Field("device_id".to_owned()),
            },
        ),
    ];
    let operations = api.operations();
    for (path, request, outcome) in table {
        let op = operations
            .iter()
            .find(|op| op.path == path)
            .unwrap_or_else(|| panic!("{path} is in the spec"));
        let got = match &op.example.request {
            Some(ExampleRequest::Built(value)) => Some(value.to_string()),
            Some(ExampleRequest::Hidden(ty)) => panic!("{path}: hidden request {ty}"),
            None => None,
        };
        assert_eq!(got.as_deref(), request, "{path}");
        assert_eq!(op.example.outcome, outcome, "{path}");
    }
}

/// Every item the templates put at the crate root, besides the spec's namespaces and their
/// accessors, is in `render::claims`, the table the naming passes keep spec names away from.
#[test]
fn crate_root_items_are_all_claimed() {
    use seam_codegen::render::claims;
    let generated = seam_codegen::generate(&spec(), &Options::default()).expect("generates");
    let namespaces: Vec<&str> = generated
        .api
        .namespaces
        .iter()
        .map(|ns| ns.module.as_str())
        .collect();
    let accessors: Vec<&str> = generated
        .api
        .namespaces
        .iter()
        .map(|ns| ns.accessor.as_str())
        .collect();
    let lib = generated
        .files
        .iter()
        .find(|f| f.path == "src/lib.rs")
        .expect("src/lib.rs");
    let file = syn::parse_file(&lib.contents).expect("lib.rs parses");
    let mut unclaimed = Vec::new();
    let mut check = |name: String, claimed: bool| {
        if !claimed {
            unclaimed.push(name);
        }
    };
    for item in &file.items {
        match item {
            syn::Item::Mod(m) => {
                let name = m.ident.to_string();
                let claimed = claims::ROOT_MODULES.contains(&name.as_str())
                    || namespaces.contains(&name.as_str());
                check(format!("mod {name}"), claimed);
            }
            syn::Item::Use(u) => {
                for name in use_names(&u.tree) {
                    let claimed = claims::ROOT_ITEMS.contains(&name.as_str())
                        || claims::CRATES.contains(&name.as_str());
                    check(format!("use {name}"), claimed);
                }
            }
            syn::Item::Struct(s) => {
                let name = s.ident.to_string();
                check(
                    format!("struct {name}"),
                    claims::ROOT_ITEMS.contains(&name.as_str()),
                );
            }
            syn::Item::Impl(i) => {
                for item in &i.items {
                    if let syn::ImplItem::Fn(f) = item {
                        let name = f.sig.ident.to_string();
                        let claimed = claims::ROOT_METHODS.contains(&name.as_str())
                            || accessors.contains(&name.as_str());
                        check(format!("fn {name}"), claimed);
                    }
                }
            }
            _ => check(
                "an item other than mod, use, struct or impl".to_owned(),
                false,
            ),
        }
    }
    assert!(
        unclaimed.is_empty(),
        "crate root items missing from render::claims: {unclaimed:?}"
    );
}

/// The names a `use` tree brings into scope.
fn use_names(tree: &syn::UseTree) -> Vec<String> {
    match tree {
        syn::UseTree::Path(p) => use_names(&p.tree),
        syn::UseTree::Name(n) => vec![n.ident.to_string()],
        syn::UseTree::Rename(r) => vec![r.rename.to_string()],
        syn::UseTree::Group(g) => g.items.iter().flat_map(use_names).collect(),
        syn::UseTree::Glob(_) => vec!["*".to_owned()],
    }
}

/// The crate page shows its worked examples on the vendored spec (they compile as doctests), and
/// drops one when the spec lacks what it uses: here `locks/unlock_door`, which the action-attempt
/// section calls (the quick start drops without a seed member: `seed_snapshots.rs`).
#[test]
fn the_crate_page_shows_an_example_only_when_the_spec_has_what_it_calls() {
    let loaded = seam_codegen::load::load_file(&spec()).expect("loads");
    let api = seam_codegen::model::build(&loaded).expect("builds");
    assert!(
        api.guide.quick_start.is_some() && api.guide.unlock_door && api.guide.devices_paginator
    );

    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(spec()).expect("reads")).expect("json");
    let removed = json
        .pointer_mut("/paths")
        .and_then(|paths| paths.as_object_mut())
        .and_then(|paths| paths.remove("/locks/unlock_door"));
    assert!(removed.is_some(), "the spec had the operation");
    let lacking = seam_codegen::load::parse(&spec(), &json.to_string(), false).expect("parses");
    let decided = seam_codegen::model::build(&lacking).expect("builds").guide;
    assert!(!decided.unlock_door);
    assert!(decided.quick_start.is_some() && decided.devices_paginator);
}
