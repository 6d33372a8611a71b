//! Blocking docs pass: a blocking method's rustdoc is its operation's summary, a link to the
//! async method it wraps (whose docs carry the description and the example) and its route; its
//! own example only where it is not the async one without `.await` (a paginated list).
//!
//! The blocking API mirrors every operation; repeating each description and example there made
//! it the largest generated file without telling a reader anything the link does not reach.

use super::docs;
use super::ir::*;

/// Sets [`Operation::blocking_docs`] on every operation under `api`'s namespaces.
pub(crate) fn attach(api: &mut Api) {
    walk(&mut api.namespaces);
}

fn walk(namespaces: &mut [Namespace]) {
    for ns in namespaces {
        for op in &mut ns.operations {
            let call = op.call_text();
            let seam = op.auth.on_workspace_client.then(|| {
                let target = format!("crate::{}::{}::{}", ns.module_path, ns.handle, op.method);
                docs(op, &call, &target)
            });
            let without_workspace = op.auth.on_without_workspace_client.then(|| {
                let target = format!(
                    "crate::without_workspace::{}::{}",
                    ns.blocking_handle, op.method
                );
                docs(op, &call, &target)
            });
            op.blocking_docs = BlockingDocs {
                seam: seam.unwrap_or_default(),
                without_workspace: without_workspace.unwrap_or_default(),
                example: matches!(op.example.outcome, ExampleOutcome::Pages { .. }),
            };
        }
        walk(&mut ns.children);
    }
}

/// The summary, the link to the async method at `target` (shown as `call`), and the route.
fn docs(op: &Operation, call: &str, target: &str) -> Docs {
    let mut lines = op.summary.lines().to_vec();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!(
        "Blocking form of [`{call}`]({target}), whose page describes the operation and shows an example."
    ));
    lines.push(String::new());
    // The path is the spec's text: sanitised as the async method's route line is.
    lines.extend(docs::lines(&format!("`POST {}`", op.path)));
    Docs(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(on_workspace: bool, on_without: bool, summary: &[&str]) -> Operation {
        let mut op = Operation::for_test("/workspaces/get", "get", None, TypeRef::Json);
        op.accessors = vec!["workspaces".to_owned()];
        op.auth.on_workspace_client = on_workspace;
        op.auth.on_without_workspace_client = on_without;
        op.summary = Docs(summary.iter().map(|s| (*s).to_owned()).collect());
        op
    }

    fn namespaces(ops: Vec<Operation>) -> Vec<Namespace> {
        let mut ns = Namespace::for_test("workspaces", ops, Vec::new(), Vec::new());
        ns.handle = "Workspaces".to_owned();
        ns.blocking_handle = "SeamWorkspaces".to_owned();
        vec![ns]
    }

    #[test]
    fn only_a_paginated_list_shows_a_blocking_example() {
        let mut paged = op(true, false, &[]);
        paged.example.outcome = ExampleOutcome::Pages {
            method: "list_paginator".to_owned(),
            item: "workspace".to_owned(),
            show: Show::Debug,
        };
        let mut namespaces = namespaces(vec![paged, op(true, false, &[])]);
        walk(&mut namespaces);
        let ops = &namespaces[0].operations;
        assert!(ops[0].blocking_docs.example);
        assert!(!ops[1].blocking_docs.example);
    }

    #[test]
    fn each_client_links_its_own_async_method() {
        let mut namespaces = namespaces(vec![op(true, true, &["Get a Workspace"])]);
        walk(&mut namespaces);
        let docs = &namespaces[0].operations[0].blocking_docs;
        assert_eq!(
            docs.seam.lines(),
            [
                "Get a Workspace",
                "",
                "Blocking form of [`seam.workspaces().get()`](crate::workspaces::Workspaces::get), whose page describes the operation and shows an example.",
                "",
                "`POST /workspaces/get`",
            ]
        );
        assert_eq!(
            docs.without_workspace.lines()[2],
            "Blocking form of [`seam.workspaces().get()`](crate::without_workspace::SeamWorkspaces::get), whose page describes the operation and shows an example."
        );
    }

    #[test]
    fn a_client_without_the_operation_gets_no_docs_and_a_missing_summary_no_blank_line() {
        let mut namespaces = namespaces(vec![op(true, false, &[])]);
        walk(&mut namespaces);
        let docs = &namespaces[0].operations[0].blocking_docs;
        assert!(docs.without_workspace.is_empty());
        assert!(!docs.example);
        assert!(docs.seam.lines()[0].starts_with("Blocking form of"));
        assert_eq!(docs.seam.lines().len(), 3);
    }
}
