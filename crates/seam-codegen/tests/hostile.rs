//! Specs nobody tested (issue 7): on each, the generator either emits code that compiles and in
//! which no spec text became code, or stops with an error naming the JSON pointer and leaves the
//! output folder untouched. It never panics.
//!
//! Fixtures: `tests/fixtures/hostile/` (its README lists what each one holds). The slow check,
//! `cargo clippy` + `cargo test --doc` over every generated fixture crate, is the single test
//! `generated_fixture_crates_compile_and_have_no_doctests`; the 50 MB spec is in `hostile/large.rs`.

mod hostile {
    pub mod large;
    pub mod leaks;
    pub mod names;
    pub mod workspace;
}

use hostile::leaks::leaks;
use hostile::workspace::{self as ws, cargo, run, text};
use seam_codegen::render::{Options, OutputFile, write};
use seam_codegen::{Error, Generated};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Fixtures the generator must turn into a compiling crate.
const MUST_GENERATE: &[&str] = &[
    "names.json",
    "docs.json",
    "recursive.json",
    "edge.json",
    "oneof_through_ref.json",
    "yaml_keys.yaml",
    "constructs.json",
];

/// What a refused spec must report.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// `Error::Spec` at exactly this pointer.
    Spec(&'static str),
    /// `Error::Spec` at a pointer starting with this.
    SpecUnder(&'static str),
    /// `Error::Parse` whose message contains this (the pointer, or a line for bad syntax).
    Parse(&'static str),
}

const BODY: &str = "#/paths/~1things~1create/post/requestBody/content/application~1json/schema";

/// Fixtures the generator must refuse: `(file, expected error, words the message holds)`.
const MUST_FAIL: &[(&str, Expect, &str)] = &[
    ("empty.json", Expect::Parse("#/openapi"), "missing"),
    ("invalid.json", Expect::Parse("line 3"), "EOF"),
    ("openapi_31.json", Expect::Parse("#/openapi"), "3.1.0"),
    (
        "no_paths.json",
        Expect::Parse("at #:"),
        "missing field `paths`",
    ),
    (
        "version_int.yaml",
        Expect::Parse("#/info/version"),
        "expected a string",
    ),
    ("too_deep.json", Expect::Parse("line 1"), "recursion limit"),
    ("yaml_bomb.yaml", Expect::Parse(""), "repetition limit"),
    ("title.json", Expect::Spec("#/info/title"), "line break"),
    ("empty_paths.json", Expect::Spec("#/paths"), "no operations"),
    (
        "no_post.json",
        Expect::Spec("#/paths/~1things~1list"),
        "no POST",
    ),
    (
        "no_group.json",
        Expect::Spec("#/paths/~1create"),
        "no namespace",
    ),
    (
        "path_ref.json",
        Expect::Spec("#/paths/~1things~1create"),
        "$ref",
    ),
    (
        "control_group.json",
        Expect::Spec("#/paths/~1things~1create"),
        "namespace",
    ),
    (
        "missing_ref.json",
        Expect::SpecUnder(
            "#/paths/~1things~1create/post/requestBody/content/application~1json/schema/properties/thing",
        ),
        "does not exist",
    ),
    (
        "foreign_ref.json",
        Expect::SpecUnder(
            "#/paths/~1things~1create/post/requestBody/content/application~1json/schema/properties/limit",
        ),
        "unsupported $ref",
    ),
    (
        "external_ref.json",
        Expect::SpecUnder(
            "#/paths/~1things~1create/post/requestBody/content/application~1json/schema/properties/thing",
        ),
        "unsupported $ref",
    ),
    (
        "misspelt_type.json",
        Expect::SpecUnder(
            "#/paths/~1things~1create/post/requestBody/content/application~1json/schema/properties/name",
        ),
        "\"strin\"",
    ),
    (
        "control_property.json",
        Expect::SpecUnder(
            "#/paths/~1things~1create/post/requestBody/content/application~1json/schema/properties/a\n",
        ),
        "property name",
    ),
    (
        "bidi_property.json",
        Expect::SpecUnder(
            "#/paths/~1things~1create/post/requestBody/content/application~1json/schema/properties/a\u{202e}b",
        ),
        "property name",
    ),
    ("body_not_object.json", Expect::Spec(BODY), "JSON object"),
    (
        "bad_response_key.json",
        Expect::Spec(
            "#/paths/~1things~1create/post/responses/200/content/application~1json/schema",
        ),
        "x-response-key",
    ),
    (
        "alias_cycle.json",
        Expect::Spec("#/components/schemas/a"),
        "never reaches a schema",
    ),
    (
        "self_alias.json",
        Expect::Spec("#/components/schemas/a"),
        "never reaches a schema",
    ),
    (
        "explode.json",
        Expect::SpecUnder("#/components/schemas/c"),
        "more than",
    ),
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

/// Absolute runtime and contract paths: the crates are built outside this workspace.
fn options() -> Options {
    let root = ws::repo_root().canonicalize().expect("repository root");
    Options {
        runtime_path: root.join("crates/seam-runtime").display().to_string(),
        standalone: false,
        contract_path: root.join("crates/seam-contract").display().to_string(),
        ..Options::default()
    }
}

/// Runs the generator on `spec`; a panic becomes `Err(message)`.
fn generate(spec: &Path) -> Result<Result<Generated, Error>, String> {
    catch_unwind(AssertUnwindSafe(|| {
        seam_codegen::generate(spec, &options())
    }))
    .map_err(|p| {
        p.downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| "panic".to_owned())
    })
}

/// What `cargo xtask codegen --spec SPEC --out OUT` does: generate, then (only then) write.
fn codegen_into(spec: &Path, out: &Path) -> Result<(), Error> {
    let generated = seam_codegen::generate(spec, &options())?;
    write::ensure(out, &generated.files, write::Mode::Write).map(drop)
}

fn generated(name: &str) -> Generated {
    match generate(&fixture(name)) {
        Ok(Ok(g)) => g,
        Ok(Err(e)) => panic!("{name}: must generate, got {e:?}"),
        Err(p) => panic!("{name}: the generator panicked: {p}"),
    }
}

#[test]
fn refused_specs_name_the_pointer_and_leave_the_output_untouched() {
    let out = ws::scratch("refused");
    std::fs::write(out.join("keep.txt"), "written before the run").expect("writes");
    let before = ws::snapshot(&out);
    let mut problems = Vec::new();
    for (name, expect, words) in MUST_FAIL {
        let outcome = match generate(&fixture(name)) {
            Err(p) => Err(format!("panicked: {p}")),
            Ok(Ok(_)) => Err("generated code".to_owned()),
            Ok(Err(e)) => check_error(&e, *expect, words).map_err(|m| format!("{m}: {e:?}")),
        };
        if let Err(m) = outcome {
            problems.push(format!("{name}: {m}"));
        }
        if codegen_into(&fixture(name), &out).is_ok() {
            problems.push(format!("{name}: codegen into a folder succeeded"));
        }
        if ws::snapshot(&out) != before {
            problems.push(format!("{name}: the output folder changed"));
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn check_error(e: &Error, expect: Expect, words: &str) -> Result<(), String> {
    let (ok, message) = match (expect, e) {
        (Expect::Spec(p), Error::Spec { pointer, message }) => (pointer == p, message),
        (Expect::SpecUnder(p), Error::Spec { pointer, message }) => {
            (pointer.starts_with(p), message)
        }
        (Expect::Parse(p), Error::Parse { message, .. }) => (message.contains(p), message),
        _ => return Err(format!("wrong kind of error, expected {expect:?}")),
    };
    if !ok {
        return Err(format!("wrong pointer, expected {expect:?}"));
    }
    if !message.contains(words) {
        return Err(format!("the message lacks {words:?}"));
    }
    Ok(())
}

#[test]
fn accepted_specs_generate_deterministic_code_without_leaks() {
    for name in MUST_GENERATE {
        let first = generated(name);
        let found = leaks(&first.files);
        assert!(
            found.is_empty(),
            "{name}: spec text became code:\n{}",
            found.join("\n")
        );
        let second = generated(name);
        assert!(first.files == second.files, "{name}: two runs differ");
    }
}

/// The leak finder itself: it must see each kind of leak (else the tests above prove nothing).
#[test]
fn leak_finder_sees_code_attributes_and_doctests() {
    let file = |contents: &str| OutputFile {
        path: "src/x.rs".to_owned(),
        contents: contents.to_owned(),
    };
    let clean =
        "/// Text.\n///\n/// ```text\n/// fn f() {}\n/// ```\n#[derive(Debug)]\npub struct A;\n";
    assert_eq!(leaks(&[file(clean)]), Vec::<String>::new());
    let gated_line = "/// Text.\n#[cfg_attr(any(feature = \"a\", feature = \"b\"), doc = \" - x\")]\npub struct A;\n";
    assert_eq!(leaks(&[file(gated_line)]), Vec::<String>::new());
    let gated_untagged = "#[cfg_attr(feature = \"round-trip\", serde(untagged))]\npub enum A {}\n";
    assert_eq!(leaks(&[file(gated_untagged)]), Vec::<String>::new());
    let gated_field = "pub struct A {\n#[cfg_attr(any(feature = \"a\", feature = \"b\"), serde(rename = \"x)]\", skip_serializing_if = \"Option::is_none\", with = \"seam_runtime::codec::double_option\"))]\npub x: Option<Option<u8>>,\n}\n";
    assert_eq!(leaks(&[file(gated_field)]), Vec::<String>::new());
    let record = "#[cfg(feature = \"a\")]\nseam_runtime::record! {\n    A required { r#type = \"type\", b } nullable { c } rest { d }\n}\n";
    assert_eq!(leaks(&[file(record)]), Vec::<String>::new());
    for leaked in [
        "pub fn evil() {}",
        "#[cfg(any())]\npub struct A;",
        "#![no_std]",
        "#[cfg(not(feature = \"a\"))]\npub struct A;",
        "#[path = \"/etc/passwd\"]\nmod a;",
        "compile_error!(\"x\");",
        "/// ```\n/// fn f() {}\n/// ```\npub struct A;",
        "/// ```no_run\n/// fn f() {}\n/// ```\npub struct A;",
        "/// ~~~json,rust\n/// fn f() {}\n/// ~~~\npub struct A;",
        "/// Text.\n///\n///     fn f() {}\npub struct A;",
        "pub struct A { pub evil_field: u8 }",
        "#[cfg_attr(not(feature = \"a\"), doc = \" x\")]\npub struct A;",
        "#[cfg_attr(feature = \"a\", serde(untagged, rename = \"x\"))]\npub enum A {}",
        "pub struct A {\n#[cfg_attr(feature = \"a\", serde(with = \"evil\"))]\npub x: u8,\n}",
        "pub struct A {\n#[cfg_attr(feature = \"a\", serde(rename = \"x\", deserialize_with = \"evil\"))]\npub x: u8,\n}",
        "#[cfg_attr(feature = \"a\", doc = \" ```\")]\n/// fn f() {}\n/// ```\npub struct A;",
        "seam_runtime::record! { A required { evil_field } }",
        "seam_runtime::record! { A required { b = fn_evil } }",
        "seam_runtime::record! { A optional { b } required { c } }",
        "seam_runtime::record! { A required { b } fn evil() {} }",
        "seam_runtime::record! { A rest { b, c } }",
        "other::record! { A }",
    ] {
        assert!(!leaks(&[file(leaked)]).is_empty(), "not seen: {leaked}");
    }
}

#[test]
fn long_lines_and_every_control_character_stay_in_comments() {
    let mut spec: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("edge.json")).expect("reads"))
            .expect("parses");
    let every_char: String = (0u32..0x3000).filter_map(char::from_u32).collect();
    let long = format!("{} fn evil_long() {{}}", "x".repeat(1_000_000));
    spec["paths"]["/edge/no_body"]["post"]["description"] = format!("{every_char}\n{long}").into();
    let text = serde_json::to_string(&spec).expect("serialises");
    let loaded = seam_codegen::load::parse(Path::new("long.json"), &text, false).expect("loads");
    let generated =
        seam_codegen::generate_from(&loaded, &options(), Default::default()).expect("generates");
    let found = leaks(&generated.files);
    assert!(found.is_empty(), "{}", found.join("\n"));
    let module = generated
        .files
        .iter()
        .find(|f| f.path == "src/edge/mod.rs")
        .expect("the edge namespace");
    assert!(module.contents.contains(&"x".repeat(1_000_000)));
}

#[test]
fn naming_obstacles_ir_snapshot() {
    let g = generated("names.json");
    insta::assert_yaml_snapshot!("names_ir", g.api);
}

#[test]
fn naming_obstacles_code_snapshot() {
    let g = generated("names.json");
    let code: String = g
        .files
        .iter()
        .filter(|f| f.path.starts_with("src/"))
        .map(|f| format!("// ===== {} =====\n{}\n", f.path, f.contents))
        .collect();
    insta::assert_snapshot!("names_code", code);
}

/// Each construct of the model pass on one small spec: declared and inferred discriminators,
/// an untagged union, `allOf`, a manufacturer metadata family beside a user map, the four kinds
/// of presence, formats (strict and loose), a `default`, a query parameter.
#[test]
fn constructs_ir_and_code_snapshots() {
    let g = generated("constructs.json");
    insta::assert_yaml_snapshot!("constructs_ir", g.api);
    let code: String = g
        .files
        .iter()
        .filter(|f| f.path.starts_with("src/") && f.path != "src/lib.rs")
        .map(|f| format!("// ===== {} =====\n{}\n", f.path, f.contents))
        .collect();
    insta::assert_snapshot!("constructs_code", code);
}

/// The metadata pass runs on the complete IR: a `*_metadata` member whose object is a component
/// of its own (`hotek_metadata` → `hotek_settings`) joins the family like the inline ones.
#[test]
fn manufacturer_metadata_behind_a_ref_counts_like_inline() {
    use seam_codegen::model::{TypeKind, TypeRef};
    let g = generated("constructs.json");
    let credential = g
        .api
        .types
        .iter()
        .flat_map(|group| &group.types)
        .find(|t| t.name == "Credential")
        .expect("the credential resource");
    let TypeKind::Struct(s) = &credential.kind else {
        panic!("Credential is not a struct: {:?}", credential.kind);
    };
    let family = s.metadata.as_ref().expect("a metadata family");
    let members: Vec<(&str, String)> = family
        .variants
        .iter()
        .map(|v| (v.wire.as_str(), v.ty.to_string()))
        .collect();
    assert_eq!(
        members,
        [
            ("hotek_metadata", "crate::types::HotekSettings".to_owned()),
            (
                "salto_ks_metadata",
                "crate::types::CredentialSaltoKsMetadata".to_owned()
            ),
            (
                "visionline_metadata",
                "crate::types::CredentialVisionlineMetadata".to_owned()
            ),
        ]
    );
    let other = s.other_members.as_ref().expect("the other members' field");
    assert_eq!(
        (other.name.as_str(), &other.ty),
        (family.other_field.as_str(), &TypeRef::OtherMetadata)
    );
}

#[test]
fn recursive_schemas_are_boxed_only_where_needed() {
    let g = generated("recursive.json");
    let field = |ty: &str, field: &str| -> String {
        let def = g
            .api
            .types
            .iter()
            .flat_map(|t| &t.types)
            .find(|d| d.name == ty)
            .unwrap_or_else(|| panic!("type {ty}"));
        let seam_codegen::model::TypeKind::Struct(s) = &def.kind else {
            panic!("{ty} is not a struct")
        };
        let f = s.fields.iter().find(|f| f.wire == field).expect("field");
        f.ty.to_string()
    };
    assert_eq!(field("Node", "parent"), "Option<Box<crate::types::Node>>");
    assert_eq!(field("Node", "children"), "Option<Vec<crate::types::Node>>");
    assert_eq!(field("ListNode", "items"), "Vec<crate::types::ListNode>");
    assert_eq!(field("A", "b"), "Option<Box<crate::types::B>>");
    assert_eq!(field("B", "a"), "Option<Box<crate::types::A>>");
    assert_eq!(
        field("InlineLoop", "inner"),
        "Option<crate::types::InlineLoopInner>"
    );
    assert_eq!(
        field("InlineLoopInner", "outer"),
        "Option<Box<crate::types::InlineLoop>>"
    );
    assert_eq!(field("InlineLoopInner", "other"), "Option<crate::types::A>");
}

/// The slow one: every accepted fixture as a crate of one workspace, then `cargo clippy`
/// (library and contract test) and `cargo test --doc`, which compiles any doctest the docs
/// produced (the docs fixture's code all calls `compile_error!`). Warnings in generated code
/// fail the test too.
#[test]
fn generated_fixture_crates_compile_and_have_no_doctests() {
    let start = Instant::now();
    let crates: Vec<(&str, Vec<OutputFile>)> = MUST_GENERATE
        .iter()
        .map(|name| (*name, generated(name).files))
        .collect();
    let root = ws::write_workspace("fixtures", &crates);
    if let Err(problem) = ws::check(&root) {
        panic!("{problem}");
    }
    let mut doc = cargo();
    doc.current_dir(&root)
        .args(["test", "--workspace", "--doc", "--", "--test-threads=2"]);
    let output = run(doc);
    assert!(
        output.status.success(),
        "cargo test --doc failed:\n{}",
        text(&output)
    );
    println!("{} crates checked in {:?}", crates.len(), start.elapsed());
}
