//! Reads an openapiv3 schema into one uniform [`Shape`], whichever way openapiv3 stored it
//! (`Type`, `Any`, `OneOf`, ...), and resolves `$ref`s. The only place that matches on
//! openapiv3's schema enums; everything after it sees shapes.

use crate::error::{Error, Result};
use openapiv3::{
    AdditionalProperties, OpenAPI, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty,
};
use std::collections::{BTreeMap, BTreeSet};

/// A borrowed schema or reference, whatever box openapiv3 put it in.
#[derive(Debug, Clone, Copy)]
pub enum SRef<'a> {
    /// `$ref: ...`
    Ref(&'a str),
    /// An inline schema.
    Item(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SRef<'a> {
    fn from(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SRef::Ref(reference),
            ReferenceOr::Item(s) => SRef::Item(s),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SRef<'a> {
    fn from(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SRef::Ref(reference),
            ReferenceOr::Item(s) => SRef::Item(s),
        }
    }
}

/// What a schema describes, independent of how openapiv3 stored it.
#[derive(Debug, Clone)]
pub enum Shape<'a> {
    /// A string; `values` are its enum values (empty: any string).
    String {
        /// Enum values.
        values: Vec<String>,
        /// The declared `format`, if it is one the model knows.
        format: Option<StringFormat>,
    },
    /// A JSON number.
    Number,
    /// A JSON integer.
    Integer,
    /// A boolean; `values` are its enum values (e.g. `[true]`).
    Boolean {
        /// Enum values.
        values: Vec<bool>,
    },
    /// An array of `items` (`None`: any JSON).
    Array(Option<SRef<'a>>),
    /// An object.
    Object(ObjectShape<'a>),
    /// `oneOf` / `anyOf`.
    OneOf(Vec<SRef<'a>>),
    /// `allOf`.
    AllOf(Vec<SRef<'a>>),
    /// Anything (no type).
    Any,
}

/// The string `format`s the model knows (others read as no format).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringFormat {
    /// `date-time` (RFC 3339).
    DateTime,
    /// `date` (RFC 3339 full-date).
    Date,
    /// `email`.
    Email,
    /// `uri` (also the non-standard `url`).
    Uri,
    /// `uuid`.
    Uuid,
}

impl StringFormat {
    /// Reads a `format` value; `None` for formats the model does not know.
    pub fn parse(format: &str) -> Option<StringFormat> {
        Some(match format {
            "date-time" => StringFormat::DateTime,
            "date" => StringFormat::Date,
            "email" => StringFormat::Email,
            "uri" | "url" => StringFormat::Uri,
            "uuid" => StringFormat::Uuid,
            _ => return None,
        })
    }
}

/// The parts of an object schema.
#[derive(Debug, Clone, Default)]
pub struct ObjectShape<'a> {
    /// Properties in spec order.
    pub properties: Vec<(&'a str, SRef<'a>)>,
    /// Required property names.
    pub required: Vec<&'a str>,
    /// `additionalProperties`: `None` when absent or `true`/`false`.
    pub additional: Option<SRef<'a>>,
}

/// The component name a `$ref` points to (its JSON pointer segment unescaped: `~1` → `/`,
/// `~0` → `~`). Only local `#/components/schemas/NAME` references are supported.
pub fn component_name(reference: &str, pointer: &str) -> Result<String> {
    reference
        .strip_prefix("#/components/schemas/")
        .filter(|name| !name.is_empty() && !name.contains('/'))
        .map(|name| name.replace("~1", "/").replace("~0", "~"))
        .ok_or_else(|| Error::spec(pointer, format!("unsupported $ref {reference:?}")))
}

/// How many `$ref`s a chain of components referring to components may have.
const MAX_REF_CHAIN: usize = 32;

/// Resolves `r` to its schema and the pointer it lives at, following components that are
/// themselves `$ref`s; a chain that loops is an error at `pointer`.
pub fn resolve<'a>(doc: &'a OpenAPI, r: SRef<'a>, pointer: &str) -> Result<(&'a Schema, String)> {
    let mut reference = match r {
        SRef::Item(schema) => return Ok((schema, pointer.to_owned())),
        SRef::Ref(reference) => reference,
    };
    let mut chain: Vec<&str> = Vec::new();
    loop {
        let name = component_name(reference, pointer)?;
        let target = doc
            .components
            .as_ref()
            .and_then(|c| c.schemas.get(&name))
            .ok_or_else(|| {
                Error::spec(pointer, format!("$ref target {reference:?} does not exist"))
            })?;
        match target {
            ReferenceOr::Item(schema) => return Ok((schema, reference.to_owned())),
            ReferenceOr::Reference { reference: next } => {
                chain.push(reference);
                if chain.contains(&next.as_str()) || chain.len() > MAX_REF_CHAIN {
                    return Err(Error::spec(
                        pointer,
                        format!(
                            "$ref {:?} never reaches a schema: {} → {next}",
                            chain[0],
                            chain.join(" → ")
                        ),
                    ));
                }
                reference = next;
            }
        }
    }
}

/// The shape of `schema`; `pointer` locates errors.
pub fn shape<'a>(schema: &'a Schema, pointer: &str) -> Result<Shape<'a>> {
    Ok(match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => Shape::String {
            values: s.enumeration.iter().flatten().cloned().collect(),
            format: match &s.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::DateTime) => {
                    Some(StringFormat::DateTime)
                }
                VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Date) => {
                    Some(StringFormat::Date)
                }
                VariantOrUnknownOrEmpty::Item(_) | VariantOrUnknownOrEmpty::Empty => None,
                VariantOrUnknownOrEmpty::Unknown(other) => StringFormat::parse(other),
            },
        },
        SchemaKind::Type(Type::Number(_)) => Shape::Number,
        SchemaKind::Type(Type::Integer(_)) => Shape::Integer,
        SchemaKind::Type(Type::Boolean(b)) => Shape::Boolean {
            values: b.enumeration.iter().flatten().copied().collect(),
        },
        SchemaKind::Type(Type::Array(a)) => Shape::Array(a.items.as_ref().map(SRef::from)),
        SchemaKind::Type(Type::Object(o)) => Shape::Object(ObjectShape {
            properties: o
                .properties
                .iter()
                .map(|(k, v)| (k.as_str(), SRef::from(v)))
                .collect(),
            required: o.required.iter().map(String::as_str).collect(),
            additional: match &o.additional_properties {
                Some(AdditionalProperties::Schema(s)) => Some(SRef::from(&**s)),
                _ => None,
            },
        }),
        SchemaKind::OneOf { one_of } => Shape::OneOf(one_of.iter().map(SRef::from).collect()),
        SchemaKind::AnyOf { any_of } => Shape::OneOf(any_of.iter().map(SRef::from).collect()),
        SchemaKind::AllOf { all_of } => Shape::AllOf(all_of.iter().map(SRef::from).collect()),
        SchemaKind::Not { .. } => Shape::Any,
        SchemaKind::Any(any) => {
            if !any.one_of.is_empty() {
                Shape::OneOf(any.one_of.iter().map(SRef::from).collect())
            } else if !any.any_of.is_empty() {
                Shape::OneOf(any.any_of.iter().map(SRef::from).collect())
            } else if !any.all_of.is_empty() {
                Shape::AllOf(any.all_of.iter().map(SRef::from).collect())
            } else {
                match any.typ.as_deref() {
                    None | Some("object")
                        if !any.properties.is_empty() || any.additional_properties.is_some() =>
                    {
                        Shape::Object(ObjectShape {
                            properties: any
                                .properties
                                .iter()
                                .map(|(k, v)| (k.as_str(), SRef::from(v)))
                                .collect(),
                            required: any.required.iter().map(String::as_str).collect(),
                            additional: match &any.additional_properties {
                                Some(AdditionalProperties::Schema(s)) => Some(SRef::from(&**s)),
                                _ => None,
                            },
                        })
                    }
                    None => Shape::Any,
                    Some("object") => Shape::Object(ObjectShape::default()),
                    Some("string") => Shape::String {
                        values: any
                            .enumeration
                            .iter()
                            .filter_map(|v| v.as_str().map(str::to_owned))
                            .collect(),
                        format: any.format.as_deref().and_then(StringFormat::parse),
                    },
                    Some("array") => Shape::Array(any.items.as_ref().map(SRef::from)),
                    Some("boolean") => Shape::Boolean { values: Vec::new() },
                    Some("number") => Shape::Number,
                    Some("integer") => Shape::Integer,
                    Some(other) => {
                        return Err(Error::spec(
                            pointer,
                            format!("unknown schema type {other:?}"),
                        ));
                    }
                }
            }
        }
    })
}

/// Which references [`reach`] follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edges {
    /// References a type holds by value: through properties, `allOf` and `oneOf`, not through
    /// array items or map values (those are behind a `Vec` or map).
    ByValue,
    /// References an alias would expand to: through array items, map values and `oneOf`
    /// variants, stopping at schemas that become types of their own (objects with
    /// properties, `allOf`, enums).
    Alias,
}

/// For every component (by Rust name, as `components` maps them), the components it reaches
/// through `edges`, transitively (itself included only through a cycle).
pub fn reach(
    doc: &OpenAPI,
    components: &BTreeMap<String, String>,
    edges: Edges,
) -> BTreeMap<String, BTreeSet<String>> {
    let Some(schemas) = doc.components.as_ref().map(|c| &c.schemas) else {
        return BTreeMap::new();
    };
    let mut direct: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (key, schema) in schemas {
        let mut found = BTreeSet::new();
        follow(components, SRef::from(schema), edges, &mut found, 0);
        if let Some(rust) = components.get(key) {
            direct.insert(rust, found);
        }
    }
    let mut closure = BTreeMap::new();
    for (&from, first) in &direct {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut todo: Vec<&str> = first.iter().copied().collect();
        while let Some(next) = todo.pop() {
            if seen.insert(next.to_owned()) {
                todo.extend(direct.get(next).into_iter().flatten().copied());
            }
        }
        closure.insert(from.to_owned(), seen);
    }
    closure
}

/// Adds to `found` the Rust names of the components `r` refers to through `edges`.
fn follow<'c>(
    components: &'c BTreeMap<String, String>,
    r: SRef,
    edges: Edges,
    found: &mut BTreeSet<&'c str>,
    depth: usize,
) {
    if depth > 64 {
        return;
    }
    let schema = match r {
        SRef::Ref(reference) => {
            if let Some(rust) = component_name(reference, "#")
                .ok()
                .and_then(|name| components.get(&name))
            {
                found.insert(rust);
            }
            return;
        }
        SRef::Item(schema) => schema,
    };
    let next: Vec<SRef> = match (shape(schema, "#"), edges) {
        (Ok(Shape::Object(o)), Edges::ByValue) => o.properties.into_iter().map(|p| p.1).collect(),
        (Ok(Shape::OneOf(parts) | Shape::AllOf(parts)), Edges::ByValue) => parts,
        (Ok(Shape::Array(items)), Edges::Alias) => items.into_iter().collect(),
        (Ok(Shape::Object(o)), Edges::Alias) if o.properties.is_empty() => {
            o.additional.into_iter().collect()
        }
        (Ok(Shape::OneOf(parts)), Edges::Alias) => parts,
        _ => Vec::new(),
    };
    for r in next {
        follow(components, r, edges, found, depth + 1);
    }
}
