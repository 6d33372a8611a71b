//! `render::sample` (`cargo xtask sample`): every operation's async sample program is the
//! rustdoc example of that operation in the generated crate: the same imports and statements
//! once the doc-comment and hidden-line markers are gone; only the function differs (the
//! sample's `main` with `#[tokio::main]`, where the doctest has a hidden `example`). So the
//! sample and the compiled doctest cannot drift apart. The blocking sample is the blocking
//! method's own example where it has one (a paginated list), else the async example with the
//! blocking client and without `.await` (those blocking methods link the async example; the
//! blocking module's quick start compiles that form).

use seam_codegen::render::{Options, OutputFile, sample::sample};
use std::path::Path;

/// Every operation example of `files`: the route its docs name (`` `POST /a/b` ``) and the code
/// of its `no_run` block, with `/// ` and rustdoc's `# ` markers removed.
fn doc_examples(files: &[OutputFile]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
        let mut route: Option<String> = None;
        let mut block: Option<Vec<&str>> = None;
        for line in file.contents.lines() {
            let Some(doc) = line.trim_start().strip_prefix("///") else {
                route = None;
                continue;
            };
            let doc = doc.strip_prefix(' ').unwrap_or(doc);
            if let Some(lines) = &mut block {
                if doc == "```" {
                    out.push((route.clone().unwrap_or_default(), lines.join("\n")));
                    block = None;
                } else {
                    lines.push(doc.strip_prefix("# ").unwrap_or(doc));
                }
            } else if let Some(path) = doc.strip_prefix("`POST ").and_then(|d| d.strip_suffix('`'))
            {
                route = Some(path.to_owned());
            } else if doc == "```no_run" && route.is_some() {
                block = Some(Vec::new());
            }
        }
    }
    out
}

/// `code` parsed and printed again with every function named `main` and without attributes.
fn normalized(code: &str) -> String {
    let mut file = syn::parse_file(code).unwrap_or_else(|e| panic!("{e}:\n{code}"));
    for item in &mut file.items {
        if let syn::Item::Fn(f) = item {
            f.sig.ident = syn::Ident::new("main", f.sig.ident.span());
            f.attrs.clear();
        }
    }
    prettyplease::unparse(&file)
}

/// An async example as the blocking API writes it: the blocking clients, no `async`, no `.await`.
fn blocking_form(code: &str) -> String {
    code.replace("seam::Seam::", "seam::blocking::Seam::")
        .replace(
            "seam::SeamWithoutWorkspace::",
            "seam::blocking::SeamWithoutWorkspace::",
        )
        .replace("async fn ", "fn ")
        .replace(".await", "")
}

#[test]
fn every_sample_is_its_operations_doc_example_with_a_main() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/seam-connect.json");
    let generated = seam_codegen::generate(&spec, &Options::default()).expect("generates");
    let docs = doc_examples(&generated.files);
    let operations = generated.api.operations();
    // Operations on both clients have an example on each; blocking ones only when paginated.
    let clients = |op: &&seam_codegen::model::Operation| {
        usize::from(op.auth.on_workspace_client) + usize::from(op.auth.on_without_workspace_client)
    };
    let async_examples: usize = operations.iter().map(clients).sum();
    let blocking_examples: usize = operations
        .iter()
        .filter(|op| op.blocking_docs.example)
        .map(clients)
        .sum();
    assert_eq!(
        docs.len(),
        async_examples + blocking_examples,
        "docs found: {}",
        docs.len()
    );
    let mut checked = 0;
    for op in operations {
        for blocking in [false, true] {
            let program = sample(op, blocking).expect("renders");
            let main = if blocking {
                "\nfn main() -> Result<(), Box<dyn std::error::Error>> {\n"
            } else {
                "\n#[tokio::main]\nasync fn main() -> Result<(), Box<dyn std::error::Error>> {\n"
            };
            assert!(
                format!("\n{program}").contains(main),
                "{}:\n{program}",
                op.path
            );
            let want = normalized(&program);
            assert!(
                docs.iter().any(|(route, code)| {
                    let code = if blocking && !op.blocking_docs.example {
                        &blocking_form(code)
                    } else {
                        code
                    };
                    *route == op.path && normalized(code) == want
                }),
                "{} (blocking: {blocking}): no doc example equals the sample\n{program}",
                op.path
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 632);
}
