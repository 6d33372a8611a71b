//! Examples pass: every operation's rustdoc example, as data ([`Example`]). The request is
//! built from the operation's `minimal` sample (which Prism accepts) and the request type's
//! fields: `Type::new(required...)`, nested request types the same way, enum values as their
//! variants, formatted strings parsed into their types (a request it cannot build, e.g. one
//! needing a type without a builder, is a hidden line); plus one string setter whose `full`
//! sample is more telling than the word `sample`. The result is shown the way a caller would
//! use it: a resource's id, a list's length, an action attempt's status, the items of the
//! first page of a paginated list.

use super::guide;
use super::ir::*;
use super::names;
use serde_json::Value;
use std::collections::BTreeMap;

/// How deep nested request values go before the example gives up on them.
const MAX_DEPTH: usize = 8;

/// Variable names the template's own code uses.
const TAKEN_BINDINGS: &[&str] = &["seam", "request", "page"];

/// Sets the example of every operation of `api`.
pub fn attach(api: &mut Api) {
    let shared = api.shared_types();
    let mut examples = Vec::new();
    walk(&api.namespaces, &mut |ns| {
        let scope = Scope {
            shared: &shared,
            local: ns.types.iter().map(|t| (t.name.as_str(), t)).collect(),
            module_path: &ns.module_path,
        };
        for op in &ns.operations {
            examples.push(example(&scope, op));
        }
    });
    let mut examples = examples.into_iter();
    walk_mut(&mut api.namespaces, &mut |ns| {
        for op in &mut ns.operations {
            op.example = examples.next().expect("one example per operation");
        }
    });
}

fn walk<'a>(namespaces: &'a [Namespace], visit: &mut impl FnMut(&'a Namespace)) {
    for ns in namespaces {
        visit(ns);
        walk(&ns.children, visit);
    }
}

fn walk_mut(namespaces: &mut [Namespace], visit: &mut impl FnMut(&mut Namespace)) {
    for ns in namespaces {
        visit(ns);
        walk_mut(&mut ns.children, visit);
    }
}

/// The types an operation's example can name.
struct Scope<'a> {
    /// `crate::types`.
    shared: &'a BTreeMap<&'a str, &'a TypeDef>,
    /// The operation's namespace.
    local: BTreeMap<&'a str, &'a TypeDef>,
    /// The namespace's module path (`acs::credentials`).
    module_path: &'a str,
}

/// The example of `op`: with the request of its seed flow when it has one that this spec's
/// request type can take, else from its samples.
fn example(scope: &Scope, op: &Operation) -> Example {
    let seeded = guide::seed(&op.path)
        .and_then(|seed| serde_json::from_str::<Value>(seed.body).ok())
        .and_then(|body| {
            let mut builder = Builder::new(scope);
            let request = builder.seeded(&op.request.as_ref()?.ty, &body)?;
            Some(builder.finish(op, ExampleRequest::Built(request), true))
        });
    if let Some(example) = seeded {
        return example;
    }
    let mut builder = Builder::new(scope);
    let sample = |label: &str| {
        op.samples
            .iter()
            .find(|s| s.label == label)
            .and_then(|s| serde_json::from_str::<Value>(&s.json).ok())
    };
    let minimal = sample("minimal");
    let full = sample("full");
    match &op.request {
        Some(r) => {
            let request = builder.request(&r.ty, minimal.as_ref(), full.as_ref());
            builder.finish(op, request, false)
        }
        None => builder.finish_without_request(op),
    }
}

/// Builds one example's values and collects the types it imports.
struct Builder<'s, 'a> {
    scope: &'s Scope<'a>,
    /// Short name → full path of every imported type.
    imports: BTreeMap<String, String>,
}

impl<'s, 'a> Builder<'s, 'a> {
    /// A builder with nothing imported yet.
    fn new(scope: &'s Scope<'a>) -> Self {
        Builder {
            scope,
            imports: BTreeMap::new(),
        }
    }

    /// The example of `op` with `request`.
    fn finish(self, op: &Operation, request: ExampleRequest, seed: bool) -> Example {
        self.complete(op, Some(request), seed)
    }

    /// The example of `op`, which takes no request.
    fn finish_without_request(self, op: &Operation) -> Example {
        self.complete(op, None, false)
    }

    fn complete(mut self, op: &Operation, request: Option<ExampleRequest>, seed: bool) -> Example {
        let outcome = self.outcome(op);
        let mut imports: Vec<String> = self.imports.into_values().collect();
        imports.sort();
        Example {
            imports,
            request,
            outcome,
            seed,
        }
    }

    /// The request a seed page sends (`body`), every member it sends set: the required ones as
    /// arguments of `new`, the optional ones as setters in field order. `None` when the request
    /// type lacks a member, the page leaves out a required one, or a value does not convert.
    fn seeded(&mut self, ty: &TypeRef, body: &Value) -> Option<ExampleValue> {
        let Value::Object(members) = body else {
            return None;
        };
        let Some((
            _,
            TypeDef {
                kind: TypeKind::Struct(s),
                ..
            },
        )) = self.lookup(ty)
        else {
            return None;
        };
        let has = |wire: &String| s.fields.iter().any(|f| &f.wire == wire);
        if !members.keys().all(has)
            || !s
                .fields
                .iter()
                .all(|f| !f.presence.is_required() || members.contains_key(&f.wire))
        {
            return None;
        }
        let mut value = self.value(ty, Some(body), false, 0)?;
        let ExampleValue::New { setters, .. } = &mut value else {
            return None;
        };
        for f in s.fields.iter().filter(|f| !f.presence.is_required()) {
            if let Some(member) = members.get(&f.wire) {
                let v = self.value(&f.value_ty, Some(member), f.takes_into, 1)?;
                setters.push((f.setter.clone(), v));
            }
        }
        Some(value)
    }

    /// The request: `Type::new(required...)`, plus one telling string setter; hidden when
    /// the example cannot build it.
    fn request(
        &mut self,
        ty: &TypeRef,
        minimal: Option<&Value>,
        full: Option<&Value>,
    ) -> ExampleRequest {
        let Some(mut value) = self.value(ty, minimal, false, 0) else {
            let name = self
                .name(ty)
                .map_or_else(|| ty.to_string(), |(name, _)| name);
            return ExampleRequest::Hidden(name);
        };
        if let Some((_, def)) = self.lookup(ty)
            && let (ExampleValue::New { setters, .. }, TypeKind::Struct(s)) =
                (&mut value, &def.kind)
            && let Some((setter, text)) = telling_setter(s, full)
        {
            setters.push((setter, ExampleValue::Str(text)));
        }
        ExampleRequest::Built(value)
    }

    /// What the example does with the result of `op`.
    fn outcome(&mut self, op: &Operation) -> ExampleOutcome {
        if let Some(p) = &op.paginated {
            let item = match p.item.named() {
                Some(TypeRef::Local(name) | TypeRef::Shared(name)) => names::value_ident(name),
                _ => "item".to_owned(),
            };
            return ExampleOutcome::Pages {
                method: p.method.clone(),
                show: self.show(&p.item, Some(&item), op.call),
                item: binding(item),
            };
        }
        let Some(key) = &op.response.key else {
            return ExampleOutcome::Nothing;
        };
        let (ty, optional) = match &op.response.ty {
            TypeRef::Option(inner) => (&**inner, true),
            ty => (ty, false),
        };
        ExampleOutcome::Value {
            binding: binding(names::value_ident(key)),
            optional,
            show: self.show(ty, Some(key), op.call),
        }
    }

    /// How a result of type `ty` is shown; `key` (the response key, or the item's name) names
    /// the id field preferred (`{key}_id`).
    fn show(&self, ty: &TypeRef, key: Option<&str>, call: CallKind) -> Show {
        if let TypeRef::Vec(_) = ty {
            return Show::Count;
        }
        let Some((_, def)) = self.lookup(ty) else {
            return Show::Debug;
        };
        if let (CallKind::ActionAttempt, Some(aa)) = (call, &def.action_attempt) {
            return Show::ActionAttempt(aa.status_method.clone());
        }
        let TypeKind::Struct(s) = &def.kind else {
            return Show::Debug;
        };
        let ids = || {
            s.fields.iter().filter(|f| {
                f.presence == Presence::Required
                    && f.ty == TypeRef::String
                    && f.deprecated.is_none()
                    && f.wire.ends_with("_id")
            })
        };
        let own = key.map(|k| format!("{k}_id"));
        ids()
            .find(|f| Some(&f.wire) == own.as_ref())
            .or_else(|| ids().next())
            .map_or(Show::Debug, |f| Show::Field(f.name.clone()))
    }

    /// The definition a named type resolves to (through aliases), with the name the example
    /// prints for it.
    fn lookup(&self, ty: &TypeRef) -> Option<(String, &'a TypeDef)> {
        let (full, mut def) = match ty {
            TypeRef::Local(name) => (
                format!("seam::{}::{name}", self.scope.module_path),
                *self.scope.local.get(name.as_str())?,
            ),
            TypeRef::Shared(name) => (
                format!("seam::types::{name}"),
                *self.scope.shared.get(name.as_str())?,
            ),
            _ => return None,
        };
        for _ in 0..MAX_DEPTH {
            let TypeKind::Alias(target) = &def.kind else {
                return Some((full, def));
            };
            def = match target {
                TypeRef::Local(name) => *self.scope.local.get(name.as_str())?,
                TypeRef::Shared(name) => *self.scope.shared.get(name.as_str())?,
                _ => return None,
            };
        }
        None
    }

    /// The name the example prints for `ty`, imported unless another type took its short name.
    fn name(&mut self, ty: &TypeRef) -> Option<(String, &'a TypeDef)> {
        let (full, def) = self.lookup(ty)?;
        let short = full.rsplit("::").next().unwrap_or(&full).to_owned();
        let taken = self.imports.entry(short.clone()).or_insert(full.clone());
        Some((if *taken == full { short } else { full }, def))
    }

    /// A value of `ty` from its sample; `into`: the place takes `impl Into<String>`. `None`
    /// when the example cannot build one.
    fn value(
        &mut self,
        ty: &TypeRef,
        sample: Option<&Value>,
        into: bool,
        depth: usize,
    ) -> Option<ExampleValue> {
        if depth > MAX_DEPTH {
            return None;
        }
        let text = |fallback: &str| match sample {
            Some(Value::String(s)) => s.clone(),
            Some(other) if !other.is_null() => other.to_string(),
            _ => fallback.to_owned(),
        };
        let parse = |fallback: &str, ty: &str| ExampleValue::Parse {
            text: text(fallback),
            ty: ty.to_owned(),
        };
        Some(match ty {
            TypeRef::Unit | TypeRef::Option(_) | TypeRef::OtherMetadata => return None,
            TypeRef::Bool => ExampleValue::Bool(sample.and_then(Value::as_bool).unwrap_or(true)),
            TypeRef::Int => ExampleValue::Int(sample.and_then(Value::as_i64).unwrap_or(1)),
            TypeRef::Float => ExampleValue::Float(sample.and_then(Value::as_f64).unwrap_or(1.0)),
            TypeRef::String if into => ExampleValue::Str(text("sample")),
            TypeRef::String => ExampleValue::String(text("sample")),
            TypeRef::Timestamp => parse("2025-06-15T12:00:00Z", "seam::jiff::Timestamp"),
            TypeRef::Date => parse("2025-06-15", "seam::jiff::civil::Date"),
            TypeRef::Uri => parse("https://example.com/", "seam::fluent_uri::Uri<String>"),
            TypeRef::Email => parse("jane@example.com", "seam::email_address::EmailAddress"),
            TypeRef::Json => ExampleValue::Json(sample.unwrap_or(&Value::Null).to_string()),
            TypeRef::JsonObject => ExampleValue::EmptyObject,
            TypeRef::Vec(item) => match sample {
                Some(Value::Array(items)) => ExampleValue::Vec(
                    items
                        .iter()
                        .map(|v| self.value(item, Some(v), false, depth + 1))
                        .collect::<Option<_>>()?,
                ),
                _ => ExampleValue::Vec(vec![self.value(item, None, false, depth + 1)?]),
            },
            TypeRef::Map(item) => match sample {
                Some(Value::Object(map)) => ExampleValue::Map(
                    map.iter()
                        .map(|(k, v)| {
                            Some((k.clone(), self.value(item, Some(v), false, depth + 1)?))
                        })
                        .collect::<Option<_>>()?,
                ),
                _ => ExampleValue::Map(vec![(
                    "key".to_owned(),
                    self.value(item, None, false, depth + 1)?,
                )]),
            },
            TypeRef::Boxed(inner) => {
                ExampleValue::Boxed(Box::new(self.value(inner, sample, false, depth + 1)?))
            }
            TypeRef::Local(_) | TypeRef::Shared(_) => {
                let (name, def) = self.name(ty)?;
                self.named(&name, def, sample, depth)?
            }
        })
    }

    /// A value of the generated type `def`, printed as `name`.
    fn named(
        &mut self,
        name: &str,
        def: &'a TypeDef,
        sample: Option<&Value>,
        depth: usize,
    ) -> Option<ExampleValue> {
        Some(match &def.kind {
            TypeKind::StrEnum(e) => {
                let wire = sample.and_then(Value::as_str);
                match e.variants.iter().find(|v| Some(v.wire.as_str()) == wire) {
                    Some(v) => ExampleValue::Path(format!("{name}::{}", v.name)),
                    None => match e.variants.first() {
                        Some(v) => ExampleValue::Path(format!("{name}::{}", v.name)),
                        None => ExampleValue::Variant {
                            path: format!("{name}::{}", e.unknown),
                            value: Box::new(ExampleValue::String(wire?.to_owned())),
                        },
                    },
                }
            }
            TypeKind::Struct(s) if s.builder => {
                let mut args = Vec::new();
                for f in s.constructor_params() {
                    let v = sample.and_then(|s| s.get(&f.wire));
                    args.push(self.value(&f.value_ty, v, f.takes_into, depth + 1)?);
                }
                ExampleValue::New {
                    ty: name.to_owned(),
                    args,
                    setters: Vec::new(),
                }
            }
            TypeKind::Struct(s) if s.derive_default => ExampleValue::Default(name.to_owned()),
            TypeKind::Tagged(u) => {
                let tag_of = |tag: &String| {
                    sample
                        .and_then(|s| s.get(tag))
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                };
                let wanted: Vec<Option<String>> = u.tags.iter().map(tag_of).collect();
                let variant = u
                    .variants
                    .iter()
                    .find(|v| {
                        v.values
                            .iter()
                            .zip(&wanted)
                            .all(|(a, b)| Some(a) == b.as_ref())
                    })
                    .or(u.variants.first())?;
                ExampleValue::Variant {
                    path: format!("{name}::{}", variant.name),
                    value: Box::new(self.value(&variant.ty, sample, false, depth + 1)?),
                }
            }
            TypeKind::Untagged(u) => {
                let variant = u
                    .variants
                    .iter()
                    .find(|v| sample.is_some_and(|s| fits(&v.ty, s)))
                    .or(u.variants.first())?;
                ExampleValue::Variant {
                    path: format!("{name}::{}", variant.name),
                    value: Box::new(self.value(&variant.ty, sample, false, depth + 1)?),
                }
            }
            TypeKind::Struct(_) | TypeKind::Alias(_) | TypeKind::Metadata(_) => return None,
        })
    }
}

/// Whether a JSON value has the JSON type `ty` is written as (for picking an untagged variant).
fn fits(ty: &TypeRef, value: &Value) -> bool {
    match (ty, value) {
        (TypeRef::Bool, Value::Bool(_)) => true,
        (TypeRef::Int, Value::Number(n)) => n.is_i64(),
        (TypeRef::Float, Value::Number(_)) => true,
        (TypeRef::Vec(_), Value::Array(_)) => true,
        (TypeRef::Boxed(inner), v) => fits(inner, v),
        (
            TypeRef::Map(_) | TypeRef::JsonObject | TypeRef::Local(_) | TypeRef::Shared(_),
            Value::Object(_),
        ) => true,
        (TypeRef::Json, _) => true,
        (t, Value::String(_)) => *t == TypeRef::String || t.is_formatted_string(),
        _ => false,
    }
}

/// One optional string field worth showing as a setter: not an id, not deprecated, and with a
/// `full` sample other than the placeholder word `sample`.
fn telling_setter(s: &Struct, full: Option<&Value>) -> Option<(String, String)> {
    s.fields
        .iter()
        .filter(|f| {
            !f.presence.is_required()
                && f.takes_into
                && f.deprecated.is_none()
                && !f.wire.ends_with("_id")
        })
        .find_map(|f| {
            let text = full?.get(&f.wire)?.as_str()?;
            (!text.starts_with("sample") && !text.is_empty())
                .then(|| (f.setter.clone(), text.to_owned()))
        })
}

/// `name`, unless the template's own code uses it.
fn binding(name: String) -> String {
    if TAKEN_BINDINGS.contains(&name.as_str()) || name.starts_with("r#") {
        format!("{}_value", name.trim_start_matches("r#"))
    } else {
        name
    }
}
