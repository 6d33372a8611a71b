//! Samples pass: a valid request body for every operation, made from its schema, for the
//! contract suite. Two per operation: `minimal` (required parameters only) and `full` (every
//! optional parameter set, every manufacturer's metadata included) when it differs.
//!
//! Values follow the schema: enum values, formats (uuid, date-time, email, uri), `pattern`
//! (the first of a few candidates the regex accepts), lengths, bounds, `minItems`. For a
//! `oneOf`, the first variant whose sample matches exactly one variant is taken, since a
//! validator rejects a value that matches two.

use super::shape::{self, SRef, Shape, StringFormat};
use crate::error::Result;
use openapiv3::{OpenAPI, Schema, SchemaKind, Type};
use serde_json::{Map, Value, json};

/// How deep samples go before cutting off (recursive schemas).
const MAX_DEPTH: usize = 12;

/// How many values one sample may hold: recursive or very wide schemas are cut off there.
const BUDGET: usize = 10_000;

/// The most items a sample array gets (whatever `minItems` says).
const MAX_ITEMS: usize = 64;

/// The longest a sample string gets (whatever `minLength` says).
const MAX_LENGTH: usize = 4096;

/// The sample date-time: milliseconds as Seam writes them (JavaScript's `toISOString`), and
/// nonzero, so the text is also what `jiff` writes back (it drops a zero fraction).
const DATE_TIME: &str = "2025-06-15T12:00:00.123Z";

/// Strings tried, in order, against a `pattern`.
const PATTERN_CANDIDATES: &[&str] = &[
    "sample",
    "1234",
    "12:30:00",
    "12:30",
    "sample_name",
    "2025-06-15T12:00:00.000Z",
    "2025-06-15",
    "jane@example.com",
    "https://example.com",
    "+15555550100",
    "A1",
    "a",
];

/// The samples of one operation from its JSON body schema (`body`) and query parameters.
pub fn for_operation(
    doc: &OpenAPI,
    body: Option<(SRef, String)>,
    query: &[(&str, SRef, bool)],
) -> Result<Vec<super::ir::Sample>> {
    let sampler = Sampler::new(doc);
    let mut out: Vec<super::ir::Sample> = Vec::new();
    for (label, fill) in [("minimal", Fill::Required), ("full", Fill::All)] {
        sampler.budget.set(BUDGET);
        let mut value = match &body {
            Some((schema, at)) => sampler.value(*schema, at, fill, 0)?,
            None => Value::Object(Map::new()),
        };
        if !value.is_object() {
            value = Value::Object(Map::new());
        }
        if let Value::Object(map) = &mut value {
            for (name, schema, required) in query {
                if *required || fill == Fill::All {
                    map.insert(
                        (*name).to_owned(),
                        sampler.value(*schema, "#/parameters", fill, 1)?,
                    );
                }
            }
        }
        let json = json_text(&value);
        if out.iter().all(|s| s.json != json) {
            out.push(super::ir::Sample {
                label: label.to_owned(),
                json,
            });
        }
    }
    Ok(out)
}

/// `value` as compact JSON with every character rustc rejects in source text (control
/// characters, bidirectional overrides) written as a `\uXXXX` escape, so the text can sit in
/// a raw string literal. Such characters only occur inside JSON strings, where the escape
/// means the same.
fn json_text(value: &Value) -> String {
    let mut out = String::new();
    for c in value.to_string().chars() {
        if crate::text::is_comment_safe(c) {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// Samples of a response value (the schema under `x-response-key`): every property set, then
/// every property set with `null` wherever allowed. Used by the round-trip suite.
pub fn for_response(doc: &OpenAPI, schema: SRef, pointer: &str) -> Result<Vec<super::ir::Sample>> {
    let sampler = Sampler::new(doc);
    let mut out: Vec<super::ir::Sample> = Vec::new();
    for (label, fill) in [("full", Fill::All), ("nulls", Fill::Nulls)] {
        let json = sampler.value(schema, pointer, fill, 0)?.to_string();
        if out.iter().all(|s| s.json != json) {
            out.push(super::ir::Sample {
                label: label.to_owned(),
                json,
            });
        }
    }
    Ok(out)
}

/// Which properties a sample sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// Only the required ones.
    Required,
    /// All of them.
    All,
    /// All of them, with `null` wherever the spec allows it.
    Nulls,
}

/// Makes sample values from schemas of one document.
pub struct Sampler<'a> {
    doc: &'a OpenAPI,
    /// Values this sample may still make.
    budget: std::cell::Cell<usize>,
}

impl<'a> Sampler<'a> {
    /// A sampler for `doc`.
    pub fn new(doc: &'a OpenAPI) -> Self {
        Sampler {
            doc,
            budget: std::cell::Cell::new(BUDGET),
        }
    }

    /// A sample of `r` (found at `pointer`).
    pub fn value(&self, r: SRef<'a>, pointer: &str, fill: Fill, depth: usize) -> Result<Value> {
        let (schema, at) = shape::resolve(self.doc, r, pointer)?;
        let budget = self.budget.get();
        self.budget.set(budget.saturating_sub(1));
        if depth > MAX_DEPTH || budget == 0 {
            return Ok(if schema.schema_data.nullable {
                Value::Null
            } else {
                json!({})
            });
        }
        Ok(match shape::shape(schema, &at)? {
            Shape::String { values, .. } if !values.is_empty() => Value::String(values[0].clone()),
            Shape::String { format, .. } => Value::String(string_sample(schema, format)),
            Shape::Number => number_sample(schema),
            Shape::Integer => number_sample(schema),
            Shape::Boolean { values } => Value::Bool(values.first().copied().unwrap_or(true)),
            Shape::Array(items) => {
                let (min, max) = array_bounds(schema);
                let count = min.max(1).min(max).min(MAX_ITEMS);
                let mut out = Vec::new();
                if let Some(items) = items {
                    for _ in 0..count {
                        out.push(self.value(items, &format!("{at}/items"), fill, depth + 1)?);
                    }
                }
                Value::Array(out)
            }
            Shape::Object(o) => {
                let mut map = Map::new();
                for (name, prop) in &o.properties {
                    if fill != Fill::Required || o.required.contains(name) {
                        let p = format!("{at}/properties/{}", crate::text::escape(name));
                        let nullable = shape::resolve(self.doc, *prop, &p)
                            .is_ok_and(|(s, _)| s.schema_data.nullable);
                        let mut v = if fill == Fill::Nulls && nullable {
                            Value::Null
                        } else {
                            self.value(*prop, &p, fill, depth + 1)?
                        };
                        // Times the spec types as plain strings (`starts_at`) still get a time.
                        if name.ends_with("_at") && v == Value::String("sample".to_owned()) {
                            v = Value::String(DATE_TIME.to_owned());
                        }
                        map.insert((*name).to_owned(), v);
                    }
                }
                if let (true, Some(ap)) = (o.properties.is_empty(), o.additional) {
                    let v =
                        self.value(ap, &format!("{at}/additionalProperties"), fill, depth + 1)?;
                    map.insert("key".to_owned(), v);
                }
                Value::Object(map)
            }
            Shape::AllOf(parts) => {
                let mut map = Map::new();
                for (i, part) in parts.iter().enumerate() {
                    if let Value::Object(m) =
                        self.value(*part, &format!("{at}/allOf/{i}"), fill, depth + 1)?
                    {
                        map.extend(m);
                    }
                }
                Value::Object(map)
            }
            Shape::OneOf(variants) => {
                let mut first = None;
                for (i, variant) in variants.iter().enumerate() {
                    let v = self.value(*variant, &format!("{at}/oneOf/{i}"), fill, depth + 1)?;
                    let matching = variants
                        .iter()
                        .filter(|other| self.accepts(**other, &v, 0))
                        .count();
                    if matching == 1 {
                        return Ok(v);
                    }
                    first.get_or_insert(v);
                }
                first.unwrap_or(Value::Null)
            }
            Shape::Any if schema.schema_data.nullable => Value::Null,
            Shape::Any => Value::String("sample".to_owned()),
        })
    }

    /// Whether `value` would pass a shallow validation against `r` (types, enums, required).
    pub fn accepts(&self, r: SRef<'a>, value: &Value, depth: usize) -> bool {
        let Ok((schema, at)) = shape::resolve(self.doc, r, "#") else {
            return false;
        };
        if value.is_null() && schema.schema_data.nullable {
            return true;
        }
        let budget = self.budget.get();
        self.budget.set(budget.saturating_sub(1));
        if depth > MAX_DEPTH || budget == 0 {
            return true;
        }
        let Ok(s) = shape::shape(schema, &at) else {
            return false;
        };
        match (s, value) {
            (Shape::String { values, .. }, Value::String(text)) => {
                values.is_empty() || values.contains(text)
            }
            (Shape::Number, Value::Number(_)) => true,
            (Shape::Integer, Value::Number(n)) => n.is_i64() || n.is_u64(),
            (Shape::Boolean { values }, Value::Bool(b)) => values.is_empty() || values.contains(b),
            (Shape::Array(_), Value::Array(_)) => true,
            (Shape::Object(o), Value::Object(map)) => {
                o.required.iter().all(|r| map.contains_key(*r))
                    && o.properties.iter().all(|(name, prop)| {
                        map.get(*name)
                            .is_none_or(|v| self.accepts(*prop, v, depth + 1))
                    })
            }
            (Shape::AllOf(parts), v) => parts.iter().all(|p| self.accepts(*p, v, depth + 1)),
            (Shape::OneOf(variants), v) => variants.iter().any(|p| self.accepts(*p, v, depth + 1)),
            (Shape::Any, _) => true,
            _ => false,
        }
    }
}

/// A string for a schema without enum values: by format, then pattern, then length bounds.
fn string_sample(schema: &Schema, format: Option<StringFormat>) -> String {
    let string = match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => Some(s),
        _ => None,
    };
    let mut text = match format {
        Some(StringFormat::Uuid) => "3fa85f64-5717-4562-b3fc-2c963f66afa6".to_owned(),
        Some(StringFormat::DateTime) => DATE_TIME.to_owned(),
        Some(StringFormat::Date) => "2025-06-15".to_owned(),
        Some(StringFormat::Email) => "jane@example.com".to_owned(),
        Some(StringFormat::Uri) => "https://example.com/".to_owned(),
        None => match string.and_then(|s| s.pattern.as_deref()) {
            Some(pattern) => match regex::Regex::new(pattern) {
                Ok(re) => PATTERN_CANDIDATES
                    .iter()
                    .find(|c| re.is_match(c))
                    .unwrap_or(&"sample")
                    .to_string(),
                Err(_) => "sample".to_owned(),
            },
            None => "sample".to_owned(),
        },
    };
    let Some(s) = string else {
        return text;
    };
    if let Some(min) = s.min_length.map(|m| m.min(MAX_LENGTH)) {
        while text.chars().count() < min {
            text.push('a');
        }
    }
    if let Some(max) = s.max_length {
        text = text.chars().take(max).collect();
    }
    text
}

/// A number within the schema's bounds (1 when unbounded).
fn number_sample(schema: &Schema) -> Value {
    let (min, max, integer) = match &schema.schema_kind {
        SchemaKind::Type(Type::Number(n)) => (
            n.minimum
                .map(|m| if n.exclusive_minimum { m + 1.0 } else { m }),
            n.maximum,
            false,
        ),
        SchemaKind::Type(Type::Integer(n)) => (
            n.minimum
                .map(|m| if n.exclusive_minimum { m.saturating_add(1) } else { m } as f64),
            n.maximum.map(|m| m as f64),
            true,
        ),
        _ => (None, None, false),
    };
    let mut v = min.unwrap_or(1.0).max(1.0);
    if let Some(max) = max {
        v = v.min(max);
    }
    if let Some(min) = min {
        v = v.max(min);
    }
    if integer || v.fract() == 0.0 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

fn array_bounds(schema: &Schema) -> (usize, usize) {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Array(a)) => {
            (a.min_items.unwrap_or(0), a.max_items.unwrap_or(usize::MAX))
        }
        _ => (0, usize::MAX),
    }
}
