//! Operations pass: one method per path, grouped into the namespace tree of Seam's SDKs
//! (`x-fern-sdk-group-name`, `x-fern-sdk-method-name`), with typed requests and responses
//! unwrapped from their envelope (`x-response-key`).

use super::auth;
use super::docs;
use super::docs::{Meta, ext_text};
use super::ir::*;
use super::names::{self, NameSet};
use super::query;
use super::samples;
use super::schemas::{Lowerer, Merged, Naming, Sink};
use super::shape::{self, SRef, Shape};
use crate::error::{Error, Result};
use crate::render::claims;
use openapiv3::{Operation as SpecOperation, PathItem, ReferenceOr, StatusCode};
use std::collections::BTreeMap;

/// Everything collected for one namespace before it becomes a [`Namespace`].
struct Node {
    handle: String,
    operations: Vec<Operation>,
    types: Vec<TypeDef>,
    names: NameSet,
    methods: NameSet,
}

impl Node {
    /// A node for the group whose last segment is `last`; its handle name is taken first.
    fn new(last: &str) -> Node {
        let mut names = NameSet::with_reserved(names::RESERVED_TYPE_NAMES);
        let handle = names.claim(&names::type_ident(last));
        Node {
            handle,
            operations: Vec::new(),
            types: Vec::new(),
            names,
            methods: NameSet::with_reserved(claims::HANDLE_METHODS),
        }
    }
}

/// The response property that marks a paginated list.
const PAGINATION_KEY: &str = "pagination";

/// Lowers every path to an [`Operation`] and arranges them into namespaces.
pub fn lower(lw: &Lowerer) -> Result<Vec<Namespace>> {
    let mut nodes: BTreeMap<Vec<String>, Node> = BTreeMap::new();
    let mut found: Vec<(Vec<String>, String, &str, &PathItem)> = Vec::new();
    for (path, item) in &lw.doc.paths.paths {
        let pointer = format!("#/paths/{}", crate::text::escape(path));
        let ReferenceOr::Item(item) = item else {
            return Err(Error::spec(
                pointer,
                "path items given as $ref are not supported",
            ));
        };
        let Some(op) = &item.post else {
            return Err(Error::spec(
                pointer,
                "no POST operation: only POST operations can be generated",
            ));
        };
        let (group, method) = group_and_method(path, op, &pointer)?;
        found.push((group, method, path.as_str(), item));
    }
    // Sort so that names are claimed in the same order whatever the spec's path order.
    found.sort_by(|a, b| (&a.0, &a.1, a.2).cmp(&(&b.0, &b.1, b.2)));
    for (group, method, path, item) in found {
        for depth in 1..=group.len() {
            let key = group[..depth].to_vec();
            nodes
                .entry(key)
                .or_insert_with(|| Node::new(&group[depth - 1]));
        }
        let node = nodes.get_mut(&group).expect("inserted above");
        let op = lower_operation(lw, node, path, item, &method)?;
        node.operations.push(op);
    }
    let mut root_methods = NameSet::with_reserved(claims::ROOT_METHODS);
    let mut tree = build_tree(&mut nodes, &[], &mut root_methods);
    let mut blocking_names = NameSet::with_reserved(claims::ROOT_ITEMS);
    set_paths(&mut tree, &[], "", &mut blocking_names);
    Ok(tree)
}

fn group_and_method(
    path: &str,
    op: &SpecOperation,
    pointer: &str,
) -> Result<(Vec<String>, String)> {
    let group: Vec<String> = match op.extensions.get("x-fern-sdk-group-name") {
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let group = if group.is_empty() {
        segments
            .iter()
            .take(segments.len().saturating_sub(1))
            .map(|s| (*s).to_owned())
            .collect()
    } else {
        group
    };
    let method = match op
        .extensions
        .get("x-fern-sdk-method-name")
        .and_then(|v| v.as_str())
    {
        Some(m) => m.to_owned(),
        None => segments.last().map(|s| (*s).to_owned()).unwrap_or_default(),
    };
    if method.is_empty() {
        return Err(Error::spec(
            pointer,
            "cannot derive a method name (empty path)",
        ));
    }
    if group.is_empty() {
        return Err(Error::spec(
            pointer,
            "operation has no namespace (x-fern-sdk-group-name or a path prefix)",
        ));
    }
    // Group names end up in doc comments: a line break there would end the comment.
    if let Some(bad) = group
        .iter()
        .find(|g| !g.chars().all(crate::text::is_comment_safe))
    {
        return Err(Error::spec(
            pointer,
            format!("namespace {bad:?} contains a control or text-direction character"),
        ));
    }
    Ok((group, method))
}

fn lower_operation(
    lw: &Lowerer,
    node: &mut Node,
    path: &str,
    item: &PathItem,
    method_raw: &str,
) -> Result<Operation> {
    let pointer = format!("#/paths/{}/post", crate::text::escape(path));
    let op = item.post.as_ref().expect("checked by the caller");
    let method = node.methods.claim(&names::value_ident(method_raw));
    let type_hint = method.trim_start_matches("r#").to_owned();

    let mut sink = Sink {
        shared: false,
        builder: true,
        names: &mut node.names,
        types: &mut node.types,
        current: None,
    };
    // The request: the JSON body's properties (a `oneOf`/`allOf` body merged into one struct)
    // plus the query parameters, which the method sends in the URL.
    let mut merged = Merged::default();
    let mut body: Option<(SRef, String)> = None;
    match &op.request_body {
        None => {}
        Some(ReferenceOr::Reference { reference }) => {
            return Err(Error::spec(
                &pointer,
                format!("requestBody $ref {reference:?} is not supported"),
            ));
        }
        Some(ReferenceOr::Item(b)) => {
            if let Some(schema) = b
                .content
                .get("application/json")
                .and_then(|m| m.schema.as_ref())
            {
                let at = format!("{pointer}/requestBody/content/application~1json/schema");
                let (resolved, resolved_at) = shape::resolve(lw.doc, SRef::from(schema), &at)?;
                if !matches!(
                    shape::shape(resolved, &resolved_at)?,
                    Shape::Object(_) | Shape::AllOf(_) | Shape::OneOf(_) | Shape::Any
                ) {
                    return Err(Error::spec(
                        &at,
                        "the request body must be a JSON object (its properties become the request's fields)",
                    ));
                }
                lw.merge_into(&mut merged, SRef::from(schema), &at, 0)?;
                body = Some((SRef::from(schema), at));
            }
        }
    }
    let query_params = query::merge_params(op, &pointer, &mut merged)?;
    let request = if merged.props.is_empty() {
        None
    } else {
        let hint = format!("{type_hint} request");
        let ty = lw.define_struct(
            &mut sink,
            Naming::Hint(&hint),
            Meta::default(),
            &pointer,
            &merged,
        )?;
        request_info(ty, sink.types)
    };
    let query = query::mark_fields(&request, sink.types, &query_params)?;
    let samples = samples::for_operation(lw.doc, body, &query::params_for_samples(op))?;

    sink.builder = false;
    let mut paginated = None;
    let mut response_samples = Vec::new();
    let response = match op.extensions.get("x-response-key").and_then(|v| v.as_str()) {
        None => Response {
            key: None,
            ty: TypeRef::Unit,
        },
        Some(key) => {
            let (schema, at) = success_schema(op, &pointer)?;
            let mut merged = Merged::default();
            lw.merge_into(&mut merged, schema, &at, 0)?;
            let prop = merged.props.iter().find(|p| p.wire == key).ok_or_else(|| {
                Error::spec(
                    &at,
                    format!("x-response-key {key:?} is not a property of the response"),
                )
            })?;
            let ty = lw.lower(
                &mut sink,
                prop.schema,
                &prop.pointer,
                &format!("{type_hint} {key}"),
            )?;
            response_samples = samples::for_response(lw.doc, prop.schema, &prop.pointer)?;
            // A response key that may be null or absent gives an `Option`.
            let (resolved, _) = shape::resolve(lw.doc, prop.schema, &prop.pointer)?;
            let may_be_missing = resolved.schema_data.nullable || !merged.required.contains(key);
            let ty = if may_be_missing && ty != TypeRef::Json {
                ty.optional()
            } else {
                ty
            };
            let has_cursor = merged.props.iter().any(|p| p.wire == PAGINATION_KEY);
            if let (true, TypeRef::Vec(item)) = (has_cursor, &ty) {
                let stem = method.trim_start_matches("r#").trim_end_matches('_');
                let name = format!("{stem}_paginator");
                paginated = Some(Paginated {
                    method: node.methods.claim(&name),
                    item: (**item).clone(),
                });
            }
            Response {
                key: Some(key.to_owned()),
                ty,
            }
        }
    };

    let ext = |k: &str| op.extensions.get(k).map(ext_text);
    let undocumented = ext("x-undocumented").map(|r| docs::undocumented_note(&r));
    let draft = ext("x-draft").map(|r| docs::draft_note(&r));
    let route = format!("`POST {path}`");
    let title = op.extensions.get("x-title").and_then(|v| v.as_str());
    let deprecated = match ext("x-deprecated") {
        Some(note) => Some(note),
        None if op.deprecated => Some(String::new()),
        None => None,
    };
    let route_item = format!("{}_ROUTE", method.trim_start_matches("r#").to_uppercase());
    let call = if response.key.is_some() {
        CallKind::Value
    } else {
        CallKind::Unit
    };
    let constructor = query::constructor(request.is_some(), &query);
    Ok(Operation {
        pointer,
        path: path.to_owned(),
        method,
        accessors: Vec::new(),
        route_item,
        docs: docs::docs([
            title,
            op.description.as_deref(),
            undocumented.as_deref(),
            draft.as_deref(),
            Some(route.as_str()),
        ]),
        summary: docs::summary(
            title,
            op.description.as_deref(),
            [undocumented.as_deref(), draft.as_deref()],
        ),
        blocking_docs: BlockingDocs::default(),
        deprecated,
        request,
        response,
        retry_safe: item.get.is_some(),
        has_body: op.request_body.is_some(),
        paginated,
        auth: auth::for_operation(op.security.as_ref(), lw.doc.security.as_ref()),
        call,
        query,
        constructor,
        samples,
        response_samples,
        example: Example::default(),
    })
}

/// The request parameter for a lowered body type: only generated structs are worth a parameter.
fn request_info(ty: TypeRef, types: &[TypeDef]) -> Option<RequestInfo> {
    let name = match &ty {
        TypeRef::Local(n) | TypeRef::Shared(n) => n,
        _ => return None,
    };
    let def = types.iter().find(|t| &t.name == name);
    if let Some(TypeKind::Struct(s)) = def.map(|d| &d.kind)
        && s.fields.is_empty()
    {
        return None;
    }
    Some(RequestInfo { ty })
}

fn success_schema<'a>(op: &'a SpecOperation, pointer: &str) -> Result<(SRef<'a>, String)> {
    for (code, response) in &op.responses.responses {
        let StatusCode::Code(c) = code else { continue };
        if !(200..300).contains(c) {
            continue;
        }
        let ReferenceOr::Item(response) = response else {
            return Err(Error::spec(pointer, "response $refs are not supported"));
        };
        if let Some(schema) = response
            .content
            .get("application/json")
            .and_then(|m| m.schema.as_ref())
        {
            let at = format!("{pointer}/responses/{c}/content/application~1json/schema");
            return Ok((SRef::from(schema), at));
        }
    }
    Err(Error::spec(
        pointer,
        "x-response-key is set but there is no JSON success response",
    ))
}

/// Records on every namespace its module path and blocking handle name, and on every operation
/// the accessor chain leading to it.
fn set_paths(
    namespaces: &mut [Namespace],
    prefix: &[String],
    module: &str,
    blocking: &mut NameSet,
) {
    for ns in namespaces {
        let mut chain = prefix.to_vec();
        chain.push(ns.accessor.clone());
        ns.module_path = if module.is_empty() {
            ns.module.clone()
        } else {
            format!("{module}::{}", ns.module)
        };
        ns.blocking_handle = blocking.claim(&names::type_ident(&ns.path.join(" ")));
        for op in &mut ns.operations {
            op.accessors = chain.clone();
        }
        let module_path = ns.module_path.clone();
        set_paths(&mut ns.children, &chain, &module_path, blocking);
    }
}

fn build_tree(
    nodes: &mut BTreeMap<Vec<String>, Node>,
    prefix: &[String],
    parent_methods: &mut NameSet,
) -> Vec<Namespace> {
    let children: Vec<Vec<String>> = nodes
        .keys()
        .filter(|k| k.len() == prefix.len() + 1 && k.starts_with(prefix))
        .cloned()
        .collect();
    // Root items are CamelCase and cannot meet a module name; the crate's own modules can.
    let mut modules = NameSet::with_reserved(claims::ROOT_MODULES);
    let mut out = Vec::new();
    for key in children {
        let Some(mut node) = nodes.remove(&key) else {
            continue;
        };
        let grandchildren = build_tree(nodes, &key, &mut node.methods);
        let last = key.last().cloned().unwrap_or_default();
        node.operations.sort_by(|a, b| a.method.cmp(&b.method));
        let on_workspace_client = node.operations.iter().any(|op| op.auth.on_workspace_client)
            || grandchildren.iter().any(|c| c.on_workspace_client);
        let on_without_workspace_client = node
            .operations
            .iter()
            .any(|op| op.auth.on_without_workspace_client)
            || grandchildren.iter().any(|c| c.on_without_workspace_client);
        out.push(Namespace {
            module: modules.claim(&names::module_ident(&last)),
            accessor: parent_methods.claim(&names::value_ident(&last)),
            handle: node.handle,
            module_path: String::new(),
            blocking_handle: String::new(),
            docs: Docs(vec![format!("Operations under `/{}`.", key.join("/"))]),
            module_docs: Docs::default(),
            path: key,
            operations: node.operations,
            types: node.types,
            on_workspace_client,
            on_without_workspace_client,
            children: grandchildren,
            feature: None,
        });
    }
    out
}
