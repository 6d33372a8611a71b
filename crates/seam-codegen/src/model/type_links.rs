//! Type links pass: a type's docs end with the operations that take or return it
//! ([`TypeDef::links`]), so a reader of a request type finds its method and a reader of a
//! resource finds every method returning it.
//!
//! One line per operation, in namespace and method order: a request type names its method ("The
//! request of ..."), a returned type lists each method that returns it (or a list of it). A line links the method of
//! `Seam`'s handle; an operation only on `SeamWithoutWorkspace` is named without a link. A line
//! exists only when its operation is compiled: a type of `crate::types` that other namespaces
//! also use gets the line under the operation's feature (`#[cfg_attr(feature = .., doc = ..)]`),
//! so no feature set leaves a broken link.

use super::ir::*;
use std::collections::BTreeMap;

/// Where a linked type is defined.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    /// `crate::types::{name}`.
    Shared(String),
    /// `crate::{module_path}::{name}`.
    Local(String, String),
}

/// What an operation does with a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The request body.
    Request,
    /// The returned value.
    Returns,
    /// The returned list's items.
    Lists,
}

/// Sets the links of every type an operation takes or returns.
pub(crate) fn attach(api: &mut Api) {
    let mut lines: BTreeMap<Place, Vec<DocLine>> = BTreeMap::new();
    collect(&api.namespaces, &mut lines);
    for group in &mut api.types {
        for t in &mut group.types {
            if let Some(found) = lines.get(&Place::Shared(t.name.clone())) {
                t.links = with_separator(&t.docs, found, &group.gate);
            }
        }
    }
    apply_local(&mut api.namespaces, &lines);
}

/// The lines of every operation under `namespaces`, by the place of the type they are about.
fn collect(namespaces: &[Namespace], lines: &mut BTreeMap<Place, Vec<DocLine>>) {
    for ns in namespaces {
        let gate = ns.feature.clone().map_or(Gate::Always, Gate::Feature);
        for op in &ns.operations {
            let mut add = |ty: &TypeRef, role: Role| {
                let place = match ty {
                    TypeRef::Shared(name) => Place::Shared(name.clone()),
                    TypeRef::Local(name) => Place::Local(ns.module_path.clone(), name.clone()),
                    _ => return,
                };
                let line = DocLine {
                    gate: gate.clone(),
                    text: line(ns, op, role),
                };
                let found = lines.entry(place).or_default();
                if !found.contains(&line) {
                    found.push(line);
                }
            };
            if let Some(request) = &op.request {
                add(&request.ty, Role::Request);
            }
            match &op.response.ty {
                TypeRef::Vec(item) => add(item, Role::Lists),
                other => {
                    if let Some(named) = other.named() {
                        add(named, Role::Returns);
                    }
                }
            }
        }
        collect(&ns.children, lines);
    }
}

/// The line saying what `op` of `ns` does with the type.
fn line(ns: &Namespace, op: &Operation, role: Role) -> String {
    let call = op.call_text();
    let method = if op.auth.on_workspace_client {
        format!(
            "[`{call}`](crate::{}::{}::{})",
            ns.module_path, ns.handle, op.method
        )
    } else {
        format!("`{call}` (on `SeamWithoutWorkspace`)")
    };
    match role {
        Role::Request => format!("The request of {method}."),
        Role::Returns => format!("- {method} returns it"),
        Role::Lists => format!("- {method} returns a list of it"),
    }
}

/// The type's links: a blank line after its own docs, then `found`, each compiled always when
/// the type is only compiled with that operation anyway (its gate `type_gate`).
fn with_separator(docs: &Docs, found: &[DocLine], type_gate: &Gate) -> Vec<DocLine> {
    let separator = (!docs.is_empty()).then(|| DocLine {
        gate: Gate::Always,
        text: String::new(),
    });
    separator
        .into_iter()
        .chain(found.iter().map(|l| DocLine {
            gate: if &l.gate == type_gate {
                Gate::Always
            } else {
                l.gate.clone()
            },
            text: l.text.clone(),
        }))
        .collect()
}

/// Sets the links of the types of each namespace module (compiled with the module, so always).
fn apply_local(namespaces: &mut [Namespace], lines: &BTreeMap<Place, Vec<DocLine>>) {
    for ns in namespaces {
        for t in &mut ns.types {
            let place = Place::Local(ns.module_path.clone(), t.name.clone());
            if let Some(found) = lines.get(&place) {
                let always: Vec<DocLine> = found
                    .iter()
                    .map(|l| DocLine {
                        gate: Gate::Always,
                        text: l.text.clone(),
                    })
                    .collect();
                t.links = with_separator(&t.docs, &always, &Gate::Always);
            }
        }
        apply_local(&mut ns.children, lines);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn namespace(feature: &str, operations: Vec<Operation>) -> Namespace {
        Namespace {
            path: vec!["devices".to_owned()],
            module: "devices".to_owned(),
            accessor: "devices".to_owned(),
            handle: "Devices".to_owned(),
            module_path: "devices".to_owned(),
            blocking_handle: "Devices".to_owned(),
            docs: Docs::default(),
            module_docs: Docs::default(),
            operations,
            types: Vec::new(),
            children: Vec::new(),
            feature: Some(feature.to_owned()),
            on_workspace_client: true,
            on_without_workspace_client: false,
        }
    }

    fn op(method: &str, request: Option<TypeRef>, response: TypeRef) -> Operation {
        let mut op = Operation::for_test(&format!("/devices/{method}"), method, request, response);
        op.accessors = vec!["devices".to_owned()];
        op
    }

    #[test]
    fn requests_name_their_method_and_results_every_method_returning_them() {
        let ops = vec![
            op(
                "get",
                Some(TypeRef::Local("GetRequest".to_owned())),
                TypeRef::Shared("Device".to_owned()),
            ),
            op(
                "list",
                None,
                TypeRef::Vec(Box::new(TypeRef::Shared("Device".to_owned()))),
            ),
        ];
        let mut lines = BTreeMap::new();
        collect(&[namespace("devices", ops)], &mut lines);
        let device = &lines[&Place::Shared("Device".to_owned())];
        let texts: Vec<&str> = device.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "- [`seam.devices().get()`](crate::devices::Devices::get) returns it",
                "- [`seam.devices().list()`](crate::devices::Devices::list) returns a list of it",
            ]
        );
        assert!(
            device
                .iter()
                .all(|l| l.gate == Gate::Feature("devices".to_owned()))
        );
        let request = &lines[&Place::Local("devices".to_owned(), "GetRequest".to_owned())];
        assert_eq!(
            request[0].text,
            "The request of [`seam.devices().get()`](crate::devices::Devices::get)."
        );
    }

    #[test]
    fn a_line_is_gated_unless_the_type_is_compiled_only_with_its_operation() {
        let line = |feature: &str| DocLine {
            gate: Gate::Feature(feature.to_owned()),
            text: "- x".to_owned(),
        };
        let docs = Docs(vec!["A device.".to_owned()]);
        let own = with_separator(&docs, &[line("devices")], &Gate::Feature("devices".into()));
        assert_eq!(own[0].text, "");
        assert_eq!(own[1].gate, Gate::Always);
        let shared = with_separator(
            &Docs::default(),
            &[line("devices"), line("locks")],
            &Gate::AnyFeature(vec!["devices".into(), "locks".into()]),
        );
        assert_eq!(shared.len(), 2, "no separator without docs");
        assert_eq!(shared[1].gate, Gate::Feature("locks".into()));
    }
}
