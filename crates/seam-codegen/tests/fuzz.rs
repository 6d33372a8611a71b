//! Property test over random hostile specs: whatever the spec, the generator never panics,
//! never renders code that does not parse (`Error::Format`/`Error::Render` are generator bugs),
//! and when it succeeds no spec text became code (see `hostile/leaks.rs`).
//!
//! Bounded for CI: a fixed seed and 512 cases by default, and a time cap (40 s, or
//! `HOSTILE_FUZZ_SECONDS`) after which the remaining cases pass without running. Explore more
//! with `PROPTEST_CASES=5000 PROPTEST_RNG_SEED=<n> HOSTILE_FUZZ_SECONDS=600 cargo test -p
//! seam-codegen --test fuzz`.

mod hostile {
    pub mod leaks;
    // Shared with `tests/hostile.rs`, which uses the rest.
    #[allow(dead_code)]
    pub mod workspace;
}

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, RngSeed};
use seam_codegen::Error;
use serde_json::{Map, Value, json};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Names that have broken generators: keywords, digits, punctuation, case collisions, names of
/// crates and prelude items, non-ASCII, line breaks, text-direction overrides.
const NAMES: &[&str] = &[
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "async",
    "override",
    "new",
    "with_new",
    "1h",
    "2",
    "a-b",
    "a.b",
    "a b",
    "a/b",
    "a~b",
    "ünïcödé",
    "日本",
    "unknown",
    "Unknown",
    "other",
    "=",
    "",
    "_",
    "string",
    "string[]",
    "String",
    "serde",
    "std",
    "seam_runtime",
    "into",
    "From",
    "Option",
    "value",
    "types",
    "mod",
    "status",
    "kind",
    "pagination",
    "x\nfn evil_name() {}",
    "a\u{202e}b",
    "`",
    "*/",
];

/// Descriptions that have broken doc comments.
const DOCS: &[&str] = &[
    "*/ fn evil_close() {} /*",
    "#[cfg(any())] fn evil_attr() {}",
    "```\nfn evil_fence() {}\n```",
    "```rust,no_run\nfn evil_rust() {}\n```",
    "````\n```\nfn evil_inner() {}\n```\n````",
    "~~~\nfn evil_tilde() {}\n~~~",
    "```x```\n```\nfn evil_desync() {}\n```",
    "text\n\n    fn evil_indent() {}",
    "\r fn evil_cr() {}",
    "\u{0}\u{7}\u{1b}\u{85}\u{202e}\u{2066}\u{2028}",
    "<script>evil()</script>",
    "`",
    "{{ x }} {% if %}",
];

/// The component names specs may define (and `$ref`s may point to, defined or not).
const COMPONENTS: &[&str] = &[
    "c0",
    "c1",
    "c2",
    "type",
    "Self",
    "a/b",
    "device",
    "device_properties",
];

/// Every name the generated crate claims for itself (`render::claims`).
fn claimed() -> Vec<&'static str> {
    use seam_codegen::render::claims;
    [
        claims::CRATES,
        claims::ROOT_MODULES,
        claims::ROOT_ITEMS,
        claims::ROOT_METHODS,
        claims::HANDLE_METHODS,
        claims::TYPE_NAMES,
    ]
    .concat()
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => select(NAMES).prop_map(str::to_owned),
        6 => select(claimed()).prop_map(str::to_owned),
        6 => "[a-z_]{1,6}",
        3 => "\\PC{0,6}",
        1 => any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(DOCS).prop_map(str::to_owned),
        1 => any::<String>().prop_map(|s| s.chars().take(40).collect()),
    ]
}

/// A `$ref`: mostly to a component (which may be missing), sometimes elsewhere.
fn reference() -> impl Strategy<Value = Value> {
    prop_oneof![
        20 => select(COMPONENTS).prop_map(|c| json!({
            "$ref": format!("#/components/schemas/{}", c.replace('~', "~0").replace('/', "~1"))
        })),
        1 => select(&["#/components/parameters/x", "other.json#/a", "#/components/schemas/"][..])
            .prop_map(|r| json!({ "$ref": r })),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    let typed = prop_oneof![
        150 => select(&["string", "string", "integer", "number", "boolean", "object", "array"][..]),
        1 => Just("strin"),
    ]
    .prop_map(|t| json!({ "type": t }));
    let string_enum = prop::collection::vec(name(), 1..4)
        .prop_map(|values| json!({ "type": "string", "enum": values }));
    let bool_enum = any::<bool>().prop_map(|b| json!({ "type": "boolean", "enum": [b] }));
    prop_oneof![
        4 => typed,
        2 => string_enum,
        1 => bool_enum,
        3 => reference(),
        1 => Just(json!({})),
    ]
}

/// Adds a description, `nullable` or deprecation to a schema object (not to a `$ref`).
fn decorate(schema: Value, description: Option<String>, flags: u8) -> Value {
    let Value::Object(mut map) = schema else {
        return schema;
    };
    if map.contains_key("$ref") {
        return Value::Object(map);
    }
    if let Some(d) = description {
        map.insert("description".into(), d.into());
    }
    if flags & 1 != 0 {
        map.insert("nullable".into(), true.into());
    }
    if flags & 2 != 0 {
        map.insert("deprecated".into(), true.into());
    }
    Value::Object(map)
}

fn schema() -> impl Strategy<Value = Value> {
    let leaf =
        (leaf(), prop::option::of(text()), 0u8..4).prop_map(|(s, d, flags)| decorate(s, d, flags));
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            3 => (
                prop::collection::btree_map(name(), inner.clone(), 0..4),
                prop::collection::vec(name(), 0..3),
            )
                .prop_map(|(props, required)| json!({
                    "type": "object", "properties": props, "required": required
                })),
            1 => inner.clone().prop_map(|items| json!({ "type": "array", "items": items })),
            1 => inner.clone().prop_map(|v| json!({
                "type": "object", "additionalProperties": v
            })),
            2 => (select(&["oneOf", "anyOf", "allOf"][..]), prop::collection::vec(inner.clone(), 1..4))
                .prop_map(|(kind, parts)| json!({ kind: parts })),
            2 => prop::collection::vec((name(), name(), inner), 1..4).prop_map(|variants| {
                let one_of: Vec<Value> = variants
                    .into_iter()
                    .map(|(tag, prop, v)| json!({
                        "type": "object",
                        "properties": { "kind": { "type": "string", "enum": [tag] }, prop: v },
                        "required": ["kind"],
                    }))
                    .collect();
                json!({ "oneOf": one_of })
            }),
        ]
    })
}

/// One path item: usually a POST with a body, a response key and query parameters.
fn path_item() -> impl Strategy<Value = Value> {
    (
        (
            prop::option::weighted(0.9, prop::collection::vec(name(), 1..3)),
            prop::option::of(name()),
            prop::option::of(schema()),
            prop::option::of((name(), schema(), any::<bool>())),
        ),
        (
            prop::collection::vec(
                (
                    name(),
                    any::<bool>(),
                    prop_oneof![9 => Just(json!({ "type": "string" })), 1 => schema()],
                ),
                0..2,
            ),
            prop::option::of(text()),
            0u8..8,
            prop::bool::weighted(0.05),
        ),
    )
        .prop_map(|((group, method, body, key), (params, description, flags, get))| {
            let mut op = Map::new();
            if let Some(group) = group {
                op.insert("x-fern-sdk-group-name".into(), group.into());
            }
            if let Some(method) = method {
                op.insert("x-fern-sdk-method-name".into(), method.into());
            }
            if let Some(body) = body {
                op.insert(
                    "requestBody".into(),
                    json!({ "content": { "application/json": { "schema": body } } }),
                );
            }
            let mut response = json!({ "type": "object", "properties": { "ok": { "type": "boolean" } } });
            if let Some((key, schema, required)) = key {
                response["properties"][key.as_str()] = schema;
                if required {
                    response["required"] = json!([key]);
                }
                op.insert("x-response-key".into(), key.into());
            }
            op.insert(
                "responses".into(),
                json!({ "200": { "description": "OK", "content": { "application/json": { "schema": response } } } }),
            );
            let params: Vec<Value> = params
                .into_iter()
                .map(|(n, required, schema)| json!({
                    "in": if flags == 7 { "path" } else { "query" },
                    "name": n, "required": required, "schema": schema
                }))
                .collect();
            if !params.is_empty() {
                op.insert("parameters".into(), params.into());
            }
            if let Some(d) = description {
                op.insert("description".into(), d.clone().into());
                op.insert("x-title".into(), d.into());
            }
            if flags & 1 != 0 {
                op.insert("x-deprecated".into(), "gone */ fn evil_deprecated() {}".into());
            }
            let method = if get { "get" } else { "post" };
            json!({ method: op })
        })
}

fn spec() -> impl Strategy<Value = Value> {
    (
        prop_oneof![20 => Just("3.0.3"), 2 => Just("3.0"), 1 => Just("3.1.0")],
        prop_oneof![4 => "[A-Za-z ]{0,12}", 1 => name()],
        prop::collection::btree_map(
            prop::collection::vec(name(), 2..4).prop_map(|s| format!("/{}", s.join("/"))),
            path_item(),
            1..4,
        ),
        prop::collection::vec(prop::option::weighted(0.97, schema()), COMPONENTS.len()),
    )
        .prop_map(|(version, title, paths, components)| {
            let schemas: Map<String, Value> = COMPONENTS
                .iter()
                .zip(components)
                .filter_map(|(name, schema)| Some(((*name).to_owned(), schema?)))
                .collect();
            json!({
                "openapi": version,
                "info": { "title": title, "version": "1" },
                "paths": paths,
                "components": { "schemas": schemas },
            })
        })
}

/// When the cases stop running (the time cap).
fn deadline() -> Instant {
    static DEADLINE: OnceLock<Instant> = OnceLock::new();
    *DEADLINE.get_or_init(|| {
        let seconds = std::env::var("HOSTILE_FUZZ_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(40);
        Instant::now() + Duration::from_secs(seconds)
    })
}

/// `PROPTEST_RNG_SEED` if set, else `fixed`.
fn seed(fixed: u64) -> RngSeed {
    match Config::default().rng_seed {
        RngSeed::Random => RngSeed::Fixed(fixed),
        set => set,
    }
}

fn config() -> Config {
    let defaults = Config::default();
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(512),
        rng_seed: seed(0x5EA3_C0DE),
        failure_persistence: None,
        max_shrink_iters: 256,
        ..defaults
    }
}

/// What went wrong on `spec` (serialised as YAML when `yaml`), if anything.
fn problem(spec: &Value, yaml: bool) -> Option<String> {
    let text = if yaml {
        serde_norway::to_string(spec).ok()?
    } else {
        serde_json::to_string(spec).ok()?
    };
    let run = catch_unwind(AssertUnwindSafe(|| {
        let loaded = seam_codegen::load::parse(Path::new("fuzz.json"), &text, yaml)?;
        seam_codegen::generate_from(&loaded, &Default::default(), Default::default())
    }));
    match run {
        Err(_) => Some("the generator panicked".to_owned()),
        Ok(Err(e @ (Error::Format { .. } | Error::Render { .. }))) => {
            Some(format!("rendered code is broken: {e}"))
        }
        Ok(Err(_)) => None,
        Ok(Ok(generated)) => {
            let found = hostile::leaks::leaks(&generated.files);
            (!found.is_empty()).then(|| found.join("\n"))
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_specs_generate_safe_code_or_fail_cleanly(spec in spec(), yaml in any::<bool>()) {
        if Instant::now() < deadline() {
            let found = problem(&spec, yaml && spec.to_string().len() < 20_000);
            prop_assert!(found.is_none(), "{}\nspec: {spec:#}", found.unwrap_or_default());
        }
    }
}

/// The generator accepts some of the random specs (else the property only tests refusals).
#[test]
fn some_random_specs_generate() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::new(Config {
        rng_seed: seed(1),
        ..Config::default()
    });
    let mut generated = 0;
    for _ in 0..60 {
        let spec = spec().new_tree(&mut runner).expect("a spec").current();
        let text = serde_json::to_string(&spec).expect("serialises");
        let result =
            seam_codegen::load::parse(Path::new("fuzz.json"), &text, false).and_then(|loaded| {
                seam_codegen::generate_from(&loaded, &Default::default(), Default::default())
            });
        if let Err(e) = &result {
            println!(
                "ERR {}",
                e.to_string().chars().take(150).collect::<String>()
            );
        }
        let ok = result.is_ok();
        generated += usize::from(ok);
    }
    assert!(
        generated >= 3,
        "only {generated} of 60 random specs generated"
    );
    println!("{generated} of 60 random specs generated");
}

/// Parsing is not compiling: the first random specs that generate (a fixed sample) become
/// crates of one workspace, and `cargo clippy` must pass without warnings in generated code.
/// `HOSTILE_FUZZ_CRATES` sets how many (default 12).
#[test]
fn random_specs_that_generate_compile() {
    use proptest::strategy::ValueTree;
    let wanted: usize = std::env::var("HOSTILE_FUZZ_CRATES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12);
    let mut runner = proptest::test_runner::TestRunner::new(Config {
        rng_seed: seed(2),
        ..Config::default()
    });
    let mut crates: Vec<(String, Vec<seam_codegen::render::OutputFile>)> = Vec::new();
    let options = seam_codegen::render::Options {
        runtime_path: hostile::workspace::repo_root()
            .join("crates/seam-runtime")
            .canonicalize()
            .expect("runtime")
            .display()
            .to_string(),
        standalone: false,
        contract_path: hostile::workspace::repo_root()
            .join("crates/seam-contract")
            .canonicalize()
            .expect("contract")
            .display()
            .to_string(),
        ..seam_codegen::render::Options::default()
    };
    for n in 0..wanted * 40 {
        if crates.len() == wanted {
            break;
        }
        let spec = spec().new_tree(&mut runner).expect("a spec").current();
        let text = serde_json::to_string(&spec).expect("serialises");
        if let Ok(generated) = seam_codegen::load::parse(Path::new("fuzz.json"), &text, false)
            .and_then(|loaded| seam_codegen::generate_from(&loaded, &options, Default::default()))
        {
            let mut files = generated.files;
            files.push(seam_codegen::render::OutputFile {
                path: "spec.json".to_owned(),
                contents: format!("{spec:#}"),
            });
            crates.push((format!("fuzz{n}"), files));
        }
    }
    let named: Vec<(&str, Vec<seam_codegen::render::OutputFile>)> = crates
        .iter()
        .map(|(name, files)| (name.as_str(), files.clone()))
        .collect();
    let root = hostile::workspace::write_workspace("fuzz", &named);
    if let Err(problem) = hostile::workspace::check(&root) {
        panic!(
            "{problem}\n(each crate's spec is in {}/crates/*/spec.json)",
            root.display()
        );
    }
}
