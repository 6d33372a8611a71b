//! Stage 2, model: builds the IR ([`ir::Api`]) from a loaded spec.
//!
//! Passes, in the order data flows: [`shape`] reads openapiv3 schemas uniformly, [`names`]
//! makes identifiers, [`docs`] cleans descriptions, [`schemas`] lowers schemas to types
//! ([`fields`] their properties, [`formats`] the type of a formatted string), [`unions`] decides
//! what each `oneOf` becomes ([`kind_decode`] whether a union of scalars is decoded by the kind
//! of its value), [`operations`] builds the method tree ([`query`] its URL
//! parameters, [`auth`] the credentials each operation accepts), [`dedup`] merges identical
//! enums ([`struct_dedup`] identical structs of one `types` module), [`metadata`] groups manufacturer metadata fields, [`direction`] decides which way each type crosses the wire (and so its derives),
//! [`lenience`] makes the required fields a server is known to omit optional, [`record_decode`]
//! decides how each struct's `Deserialize` reads an object, [`lints`] allows the clippy lints
//! the spec's shapes trigger on the items they trigger on, [`features`]
//! assigns cargo features, [`examples`] writes each operation's rustdoc example, [`guide`] picks
//! the crate page's examples, [`module_docs`] writes each namespace's page, [`type_links`] links
//! each type to the operations that take or return it, [`blocking_docs`] points each blocking
//! method to the async method it wraps.
//!
//! [`webhook`] finds the event union webhook deliveries carry.

pub(crate) mod action_attempts;
pub(crate) mod auth;
pub(crate) mod blocking_docs;
pub(crate) mod dedup;
pub(crate) mod direction;
pub(crate) mod docs;
pub(crate) mod examples;
pub(crate) mod features;
pub(crate) mod fields;
pub(crate) mod formats;
pub mod guide;
pub mod ir;
pub(crate) mod kind_decode;
pub mod lenience;
pub(crate) mod lints;
pub(crate) mod metadata;
pub(crate) mod module_docs;
pub(crate) mod names;
pub(crate) mod operations;
pub(crate) mod query;
pub(crate) mod record_decode;
pub mod samples;
pub(crate) mod schemas;
pub mod shape;
pub(crate) mod struct_dedup;
pub(crate) mod type_links;
pub(crate) mod unions;
pub(crate) mod webhook;

pub use ir::*;

use crate::error::{Error, Result};
use crate::load::Spec;
use names::NameSet;
use openapiv3::ReferenceOr;
use schemas::{Lowerer, Naming, Sink};

/// Builds the IR of `spec`.
pub fn build(spec: &Spec) -> Result<Api> {
    let doc = &spec.doc;
    let mut shared_names = NameSet::with_reserved(names::RESERVED_TYPE_NAMES);
    let lw = Lowerer::new(doc, &mut shared_names);

    let mut modules = NameSet::with_reserved(&["mod"]);
    let mut types = Vec::new();
    if let Some(components) = &doc.components {
        let mut keys: Vec<&String> = components.schemas.keys().collect();
        keys.sort();
        for key in keys {
            let pointer = format!("#/components/schemas/{}", crate::text::escape(key));
            let rust = lw.components[key.as_str()].clone();
            let mut group = Vec::new();
            let mut sink = Sink {
                shared: true,
                builder: false,
                names: &mut shared_names,
                types: &mut group,
                current: Some(rust.clone()),
            };
            match &components.schemas[key.as_str()] {
                ReferenceOr::Item(schema) => {
                    lw.lower_schema(&mut sink, schema, &pointer, Naming::Exact(&rust))?;
                }
                ReferenceOr::Reference { reference } => {
                    let target =
                        lw.lower(&mut sink, shape::SRef::Ref(reference), &pointer, &rust)?;
                    lw.push(
                        &mut sink,
                        rust.clone(),
                        &pointer,
                        docs::Meta::default(),
                        TypeKind::Alias(target),
                    );
                }
            }
            types.push(TypeGroup {
                module: modules.claim(&names::module_ident(key)),
                docs: Docs::default(),
                types: group,
                features: Vec::new(),
                gate: Gate::Always,
            });
        }
    }

    let action_attempt = action_attempts::mark(&mut types);
    let mut namespaces = operations::lower(&lw)?;
    if let Some(attempt) = &action_attempt {
        action_attempts::mark_waiting(&mut namespaces, attempt);
    }
    dedup::merge(&mut types, &mut shared_names, &mut modules);
    struct_dedup::merge(&mut types);
    dedup::merge_within_namespaces(&mut namespaces);
    metadata::attach(&mut types, &mut shared_names, &mut namespaces);
    if namespaces.is_empty() {
        return Err(Error::spec("#/paths", "the spec has no operations"));
    }
    let webhook = webhook::find(&types);
    let mut api = Api {
        title: doc.info.title.clone(),
        base_url: doc
            .servers
            .first()
            .map(|s| s.url.clone())
            .unwrap_or_else(|| "https://connect.getseam.com".to_owned()),
        types,
        namespaces,
        action_attempt,
        features: Vec::new(),
        action_attempt_features: Vec::new(),
        action_attempt_gate: Gate::Always,
        without_workspace: false,
        webhook,
        round_trip_feature: String::new(),
        guide: Guide::default(),
        allow_deprecated: false,
    };
    api.without_workspace = api
        .namespaces
        .iter()
        .any(|ns| ns.on_without_workspace_client);
    direction::assign(&mut api);
    lenience::apply(&mut api);
    record_decode::attach(&mut api);
    lints::attach(&mut api);
    features::assign(&mut api);
    examples::attach(&mut api);
    api.guide = guide::decide(&api);
    module_docs::attach(&mut api);
    type_links::attach(&mut api);
    blocking_docs::attach(&mut api);
    Ok(api)
}
