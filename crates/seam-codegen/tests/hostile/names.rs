//! The naming fixture (`names.json`): it holds a twin of every name the crate claims, and the
//! names it gets are distinct and valid. Its IR and code snapshots stay in `hostile.rs`.

use crate::{fixture, generated};

/// `names.json` names a namespace after every module, crate and method name the crate claims
/// (`render::claims`), a component schema after every claimed type name, and a property after
/// every claimed name, so the slow check compiles a crate where each meets its spec twin. A
/// name added to the table without a twin here fails this test.
#[test]
fn names_fixture_holds_every_claimed_name() {
    use seam_codegen::render::claims;
    let text = std::fs::read_to_string(fixture("names.json")).expect("names.json");
    let spec: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let groups: Vec<&str> = spec["paths"]
        .as_object()
        .expect("paths")
        .values()
        .filter_map(|item| item["post"]["x-fern-sdk-group-name"][0].as_str())
        .collect();
    let schemas = spec["components"]["schemas"].as_object().expect("schemas");
    let properties = schemas["claimed_names"]["properties"]
        .as_object()
        .expect("claimed_names");
    let mut missing = Vec::new();
    let module_like = [
        claims::CRATES,
        claims::ROOT_MODULES,
        claims::ROOT_METHODS,
        claims::HANDLE_METHODS,
    ];
    for name in module_like.concat() {
        if !groups.contains(&name) {
            missing.push(format!("namespace {name}"));
        }
    }
    for name in [claims::ROOT_ITEMS, claims::TYPE_NAMES].concat() {
        if !schemas.contains_key(name) {
            missing.push(format!("schema {name}"));
        }
    }
    let every = [
        module_like.concat(),
        claims::ROOT_ITEMS.to_vec(),
        claims::TYPE_NAMES.to_vec(),
    ];
    for name in every.concat() {
        if !properties.contains_key(name) {
            missing.push(format!("property {name}"));
        }
    }
    assert!(missing.is_empty(), "names.json lacks: {missing:?}");
}

#[test]
fn naming_obstacles_get_distinct_valid_names() {
    let g = generated("names.json");
    let things = g
        .api
        .namespaces
        .iter()
        .find(|n| n.module == "things")
        .expect("things");
    let methods: Vec<(&str, &str)> = things
        .operations
        .iter()
        .map(|o| (o.path.as_str(), o.method.as_str()))
        .collect();
    // Two paths with `x-fern-sdk-method-name: get`, claimed in path order.
    assert!(methods.contains(&("/things/fetch", "get")), "{methods:?}");
    assert!(methods.contains(&("/things/get", "get_2")), "{methods:?}");
    // `new` is the handle's constructor, `type` a raw identifier.
    assert!(methods.contains(&("/things/new", "new_2")), "{methods:?}");
    assert!(methods.contains(&("/things/type", "r#type")), "{methods:?}");
    let modules: Vec<&str> = g.api.namespaces.iter().map(|n| n.module.as_str()).collect();
    for shadowing in [
        "serde",
        "std",
        "seam_runtime",
        "types",
        "self",
        "crate",
        "super",
    ] {
        assert!(
            !modules.contains(&shadowing),
            "module {shadowing} in {modules:?}"
        );
    }
    let type_modules: Vec<&str> = g.api.types.iter().map(|t| t.module.as_str()).collect();
    for shadowing in ["serde", "std", "core", "serde_json", "seam_runtime", "mod"] {
        assert!(!type_modules.contains(&shadowing), "types::{shadowing}");
    }
    let type_names: Vec<&str> = g
        .api
        .types
        .iter()
        .flat_map(|t| t.types.iter().map(|d| d.name.as_str()))
        .collect();
    for shadowing in ["From", "Into", "Option", "Result", "Self", "Value"] {
        assert!(!type_names.contains(&shadowing), "type {shadowing}");
    }
    // A component named like an inline type keeps its name; the inline type gets another.
    assert!(type_names.contains(&"DeviceProperties"));
    assert!(type_names.contains(&"DeviceProperties2"));
}
