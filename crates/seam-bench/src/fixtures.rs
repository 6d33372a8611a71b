//! Large response bodies made from the spec's own schemas with the samples machinery
//! ([`seam_codegen::model::samples::Sampler`]): lists of devices, of events of every type and of
//! action attempts of every kind, as `/devices/list`, `/events/list` and
//! `/action_attempts/list` would answer them.

use anyhow::{Context, bail};
use openapiv3::{ReferenceOr, Schema, SchemaKind};
use seam_codegen::load::Spec;
use seam_codegen::model::samples::{Fill, Sampler};
use seam_codegen::model::shape::SRef;
use serde_json::{Map, Value, json};
use std::path::Path;

/// One list response body and what it holds.
#[derive(Debug, Clone)]
pub struct ListBody {
    /// Short name (`devices`, `events`, `action_attempts`).
    pub name: &'static str,
    /// The response key holding the list.
    pub key: &'static str,
    /// The whole response body, as the server sends it.
    pub body: Vec<u8>,
    /// How many items the list holds.
    pub items: usize,
    /// How many different schema variants the items come from.
    pub variants: usize,
}

/// The three list bodies the decode benchmarks use, `count` items each.
#[derive(Debug, Clone)]
pub struct Fixtures {
    /// Devices: every third item with every optional property, every third with `null`s,
    /// the others with the required properties only.
    pub devices: ListBody,
    /// Events: the variants of the `event` union in turn.
    pub events: ListBody,
    /// Action attempts: the variants of the `action_attempt` union in turn.
    pub action_attempts: ListBody,
}

impl Fixtures {
    /// Builds the bodies from the spec at `spec_path`.
    pub fn from_spec_file(spec_path: &Path, count: usize) -> anyhow::Result<Fixtures> {
        let spec = seam_codegen::load::load_file(spec_path)
            .with_context(|| format!("loading {}", spec_path.display()))?;
        Fixtures::from_spec(&spec, count)
    }

    /// Builds the bodies from a loaded spec.
    pub fn from_spec(spec: &Spec, count: usize) -> anyhow::Result<Fixtures> {
        Ok(Fixtures {
            devices: list(spec, "devices", "devices", "device", count)?,
            events: list(spec, "events", "events", "event", count)?,
            action_attempts: list(
                spec,
                "action_attempts",
                "action_attempts",
                "action_attempt",
                count,
            )?,
        })
    }

    /// The three bodies in order.
    pub fn all(&self) -> [&ListBody; 3] {
        [&self.devices, &self.events, &self.action_attempts]
    }
}

/// The samples one item of `component` can take: one per `oneOf` variant (the component's
/// own sample when it is not a union), each in the three fills.
fn variant_samples(spec: &Spec, component: &str) -> anyhow::Result<(Vec<Value>, usize)> {
    let doc = &spec.doc;
    let pointer = format!("#/components/schemas/{component}");
    let Some(ReferenceOr::Item(schema)) = doc
        .components
        .as_ref()
        .and_then(|c| c.schemas.get(component))
    else {
        bail!("{pointer} is not an inline schema of the spec");
    };
    let variants: Vec<(SRef<'_>, String)> = match &schema.schema_kind {
        SchemaKind::OneOf { one_of } => one_of
            .iter()
            .enumerate()
            .map(|(i, v)| (SRef::from(v), format!("{pointer}/oneOf/{i}")))
            .collect(),
        _ => vec![(SRef::Item(schema as &Schema), pointer.clone())],
    };
    let mut out = Vec::new();
    for fill in [Fill::Required, Fill::All, Fill::Nulls] {
        for (r, at) in &variants {
            // A sampler per sample: each has a budget of values of its own.
            out.push(Sampler::new(doc).value(*r, at, fill, 0)?);
        }
    }
    Ok((out, variants.len()))
}

/// `{key: [count items...], "pagination": {...}, "ok": true}`, items taking the samples in
/// turn, every `*_id` string of an item made unique.
fn list(
    spec: &Spec,
    name: &'static str,
    key: &'static str,
    component: &str,
    count: usize,
) -> anyhow::Result<ListBody> {
    let (samples, variants) = variant_samples(spec, component)?;
    if samples.is_empty() {
        bail!("no samples for {component}");
    }
    // Variants first in turn (so every variant appears), fills second.
    let mut items = Vec::with_capacity(count);
    for i in 0..count {
        let round = i / variants;
        let index = (round % 3) * variants + i % variants;
        let mut item = samples[index % samples.len()].clone();
        if let Value::Object(map) = &mut item {
            make_ids_unique(map, i);
        }
        items.push(item);
    }
    let mut body = Map::new();
    body.insert(key.to_owned(), Value::Array(items));
    body.insert(
        "pagination".to_owned(),
        json!({"has_next_page": false, "next_page_cursor": null, "next_page_url": null}),
    );
    body.insert("ok".to_owned(), Value::Bool(true));
    Ok(ListBody {
        name,
        key,
        body: serde_json::to_vec(&Value::Object(body))?,
        items: count,
        variants,
    })
}

fn make_ids_unique(map: &mut Map<String, Value>, i: usize) {
    for (name, value) in map.iter_mut() {
        if let Value::String(text) = value
            && name.ends_with("_id")
            && text.len() >= 12
        {
            let suffix = format!("{i:012}");
            text.replace_range(text.len() - 12.., &suffix);
        }
    }
}
