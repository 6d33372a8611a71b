//! Schema pass: lowers spec schemas to [`TypeRef`]s, defining named types as it goes.
//!
//! Objects become structs, string enums become [`StrEnum`]s, `allOf` is merged into one
//! object, and `oneOf`/`anyOf` are handed to the [`unions`](super::unions) pass. Inline
//! schemas are named from their place (`AcsCredential` + `visionline_metadata`).

use super::docs::{self, Meta};
use super::ir::*;
use super::names::{self, NameSet};
use super::shape::{self, ObjectShape, SRef, Shape};
use super::{formats, unions};
use crate::error::{Error, Result};
use openapiv3::{OpenAPI, Schema};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};

/// How deep `allOf`/`oneOf` may nest through `$ref`s before the spec is called cyclic.
const MAX_DEPTH: usize = 32;

/// How deep inline schemas may nest in one type (the spec's nesting, plus `oneOf` variants
/// inlined through `$ref`s).
const MAX_NESTING: usize = 24;

/// How many schemas one merge of `allOf`/`oneOf` may visit (a `$ref` used twice is visited
/// twice, so a chain of schemas each using the next twice doubles at every step).
const MAX_STEPS: usize = 100_000;

/// Shared state of the lowering: the document and the component names.
pub struct Lowerer<'a> {
    /// The spec.
    pub doc: &'a OpenAPI,
    /// Component schema name → Rust type name.
    pub components: BTreeMap<String, String>,
    /// Rust type name of a component → the components it contains by value (not behind a
    /// `Vec` or map), directly or through others: a reference from one of those back to it
    /// is boxed, or the types would have infinite size.
    by_value: BTreeMap<String, BTreeSet<String>>,
    /// Components that would be type aliases of themselves (`type A = Vec<A>`, directly or
    /// through other aliases): they become a one-variant union instead (a type of its own).
    alias_cycles: BTreeSet<String>,
    /// How many `Vec`s or maps lie between the type being lowered and the lowering's root.
    indirection: Cell<usize>,
    /// Schemas visited by the current merge or `oneOf` flattening (see [`Lowerer::step`]).
    steps: Cell<usize>,
    /// Inline schemas being lowered, one inside the other.
    nesting: Cell<usize>,
}

/// Where newly defined types go: a module's name set and type list.
pub struct Sink<'s> {
    /// Types live in `crate::types` (else in the current module).
    pub shared: bool,
    /// Structs get `new` + setters (request-side types).
    pub builder: bool,
    /// The module's taken type names.
    pub names: &'s mut NameSet,
    /// The module's types.
    pub types: &'s mut Vec<TypeDef>,
    /// The component being lowered, for boxing direct self references.
    pub current: Option<String>,
}

impl Sink<'_> {
    /// A reference to type `name` defined in this sink.
    pub fn type_ref(&self, name: String) -> TypeRef {
        if self.shared {
            TypeRef::Shared(name)
        } else {
            TypeRef::Local(name)
        }
    }
}

/// How a defined type gets its name.
#[derive(Debug, Clone, Copy)]
pub enum Naming<'n> {
    /// Exactly this (already claimed) name.
    Exact(&'n str),
    /// Claim a name derived from these words.
    Hint(&'n str),
}

/// One property of a merged object, with the pointer it came from.
#[derive(Debug, Clone)]
pub struct Prop<'a> {
    /// JSON name.
    pub wire: &'a str,
    /// Its schema.
    pub schema: SRef<'a>,
    /// Its pointer.
    pub pointer: String,
}

/// An object merged from `allOf` parts or `oneOf` variants.
#[derive(Debug, Clone, Default)]
pub struct Merged<'a> {
    /// Properties, first occurrence wins.
    pub props: Vec<Prop<'a>>,
    /// Required names.
    pub required: BTreeSet<&'a str>,
}

impl<'a> Merged<'a> {
    fn add_object(&mut self, o: &ObjectShape<'a>, pointer: &str) {
        for (wire, schema) in &o.properties {
            if !self.props.iter().any(|p| p.wire == *wire) {
                self.props.push(Prop {
                    wire,
                    schema: *schema,
                    pointer: format!("{pointer}/properties/{}", crate::text::escape(wire)),
                });
            }
        }
        self.required.extend(o.required.iter().copied());
    }
}

impl<'a> Lowerer<'a> {
    /// A lowerer with every component's Rust name claimed in `shared_names`.
    pub fn new(doc: &'a OpenAPI, shared_names: &mut NameSet) -> Self {
        let mut components = BTreeMap::new();
        if let Some(c) = &doc.components {
            let mut keys: Vec<&String> = c.schemas.keys().collect();
            keys.sort();
            for key in keys {
                components.insert(key.clone(), shared_names.claim(&names::type_ident(key)));
            }
        }
        let by_value = shape::reach(doc, &components, shape::Edges::ByValue);
        let alias_cycles = shape::reach(doc, &components, shape::Edges::Alias)
            .into_iter()
            .filter(|(name, reached)| reached.contains(name))
            .map(|(name, _)| name)
            .collect();
        Lowerer {
            doc,
            components,
            by_value,
            alias_cycles,
            indirection: Cell::new(0),
            steps: Cell::new(0),
            nesting: Cell::new(0),
        }
    }

    /// Lowers `r` found at `pointer`, naming any new type from `hint`.
    pub fn lower(
        &self,
        sink: &mut Sink,
        r: SRef<'a>,
        pointer: &str,
        hint: &str,
    ) -> Result<TypeRef> {
        match r {
            SRef::Ref(reference) => {
                let name = shape::component_name(reference, pointer)?;
                let rust = self.components.get(&name).ok_or_else(|| {
                    Error::spec(pointer, format!("$ref target {reference:?} does not exist"))
                })?;
                // A chain of components that are `$ref`s must end in a schema.
                shape::resolve(self.doc, r, pointer)?;
                let ty = TypeRef::Shared(rust.clone());
                let cycles = sink.current.as_ref().is_some_and(|current| {
                    self.by_value
                        .get(rust)
                        .is_some_and(|held| held.contains(current))
                });
                if cycles && self.indirection.get() == 0 {
                    return Ok(TypeRef::Boxed(Box::new(ty)));
                }
                Ok(ty)
            }
            SRef::Item(schema) => self.lower_schema(sink, schema, pointer, Naming::Hint(hint)),
        }
    }

    /// Lowers an inline schema; with [`Naming::Exact`] a named type is always defined.
    pub fn lower_schema(
        &self,
        sink: &mut Sink,
        schema: &'a Schema,
        pointer: &str,
        naming: Naming,
    ) -> Result<TypeRef> {
        // A `oneOf` flattened through a `$ref` inlines the target's variants, so a `oneOf`
        // reaching itself that way would nest forever.
        let nesting = self.nesting.get();
        if nesting >= MAX_NESTING {
            return Err(Error::spec(
                pointer,
                "schemas nest too deep (a oneOf that includes itself through a $ref?)",
            ));
        }
        self.nesting.set(nesting + 1);
        let out = self.lower_inline(sink, schema, pointer, naming);
        self.nesting.set(nesting);
        out
    }

    fn lower_inline(
        &self,
        sink: &mut Sink,
        schema: &'a Schema,
        pointer: &str,
        naming: Naming,
    ) -> Result<TypeRef> {
        let plain = match shape::shape(schema, pointer)? {
            Shape::String { values, format } if values.is_empty() => formats::type_for(format),
            Shape::String { values, .. } => {
                return Ok(self.define_enum(sink, naming, Meta::of(schema), pointer, &values));
            }
            Shape::Number => TypeRef::Float,
            Shape::Integer => TypeRef::Int,
            Shape::Boolean { .. } => TypeRef::Bool,
            Shape::Array(items) => {
                let hint = names::singular(hint_of(naming));
                let item = match items {
                    Some(items) => self
                        .indirect(|| self.lower(sink, items, &format!("{pointer}/items"), &hint))?,
                    None => TypeRef::Json,
                };
                TypeRef::Vec(Box::new(item))
            }
            Shape::Object(o) if o.properties.is_empty() => match o.additional {
                Some(ap) => {
                    let hint = format!("{} value", hint_of(naming));
                    let value = self.indirect(|| {
                        self.lower(sink, ap, &format!("{pointer}/additionalProperties"), &hint)
                    })?;
                    TypeRef::Map(Box::new(value))
                }
                None => TypeRef::JsonObject,
            },
            Shape::Object(o) => {
                let mut merged = Merged::default();
                merged.add_object(&o, pointer);
                return self.define_struct(sink, naming, Meta::of(schema), pointer, &merged);
            }
            Shape::AllOf(parts) => {
                let mut merged = Merged::default();
                for (i, part) in parts.iter().enumerate() {
                    self.merge_into(&mut merged, *part, &format!("{pointer}/allOf/{i}"), 0)?;
                }
                return self.define_struct(sink, naming, Meta::of(schema), pointer, &merged);
            }
            Shape::OneOf(variants) => {
                return unions::lower_one_of(self, sink, schema, &variants, pointer, naming);
            }
            Shape::Any => TypeRef::Json,
        };
        Ok(match naming {
            Naming::Exact(name) => {
                let meta = Meta::of(schema);
                self.push_alias(sink, name, pointer, meta, plain)
            }
            Naming::Hint(_) => plain,
        })
    }

    /// Adds the properties of `r` to `merged`. Inside a `oneOf`, a property is required only
    /// when every variant requires it.
    pub fn merge_into(
        &self,
        merged: &mut Merged<'a>,
        r: SRef<'a>,
        pointer: &str,
        depth: usize,
    ) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(Error::spec(
                pointer,
                "allOf/oneOf nest too deep (a $ref cycle?)",
            ));
        }
        self.step(pointer, depth)?;
        let (schema, pointer) = shape::resolve(self.doc, r, pointer)?;
        match shape::shape(schema, &pointer)? {
            Shape::Object(o) => merged.add_object(&o, &pointer),
            Shape::AllOf(parts) => {
                for (i, part) in parts.iter().enumerate() {
                    let p = format!("{pointer}/allOf/{i}");
                    self.merge_into(merged, *part, &p, depth + 1)?;
                }
            }
            Shape::OneOf(variants) => {
                let mut common: Option<BTreeSet<&'a str>> = None;
                for (i, variant) in variants.iter().enumerate() {
                    let mut one = Merged::default();
                    let p = format!("{pointer}/oneOf/{i}");
                    self.merge_into(&mut one, *variant, &p, depth + 1)?;
                    common = Some(match common {
                        None => one.required.clone(),
                        Some(c) => c.intersection(&one.required).copied().collect(),
                    });
                    one.required.clear();
                    for prop in one.props {
                        if !merged.props.iter().any(|p| p.wire == prop.wire) {
                            merged.props.push(prop);
                        }
                    }
                }
                merged.required.extend(common.unwrap_or_default());
            }
            _ => {}
        }
        Ok(())
    }

    /// Defines a struct from merged properties.
    pub fn define_struct(
        &self,
        sink: &mut Sink,
        naming: Naming,
        meta: Meta,
        pointer: &str,
        merged: &Merged<'a>,
    ) -> Result<TypeRef> {
        let name = claim(sink, naming);
        let at = sink.types.len();
        let fields = self.fields(sink, &name, merged, &[])?;
        let kind = TypeKind::Struct(Box::new(Struct {
            derive_default: fields.iter().all(|f| !f.presence.is_required()),
            builder: sink.builder,
            fields,
            metadata: None,
            other_members: None,
            decode: RecordDecode::default(),
        }));
        sink.types.insert(
            at,
            TypeDef {
                name: name.clone(),
                pointer: pointer.to_owned(),
                docs: meta.docs,
                deprecated: meta.deprecated,
                kind,
                action_attempt: None,
                impls: Impls::default(),
                links: Vec::new(),
                allows: Vec::new(),
            },
        );
        Ok(sink.type_ref(name))
    }

    /// Defines a string enum with the given values.
    pub fn define_enum(
        &self,
        sink: &mut Sink,
        naming: Naming,
        meta: Meta,
        pointer: &str,
        values: &[String],
    ) -> TypeRef {
        let name = claim(sink, naming);
        let mut taken = NameSet::default();
        let mut seen = BTreeSet::new();
        let variants = values
            .iter()
            .filter(|v| seen.insert(v.as_str()))
            .map(|v| EnumVariant {
                name: taken.claim(&names::type_ident(v)),
                wire: v.clone(),
                docs: Docs(vec![format!("The value {}.", docs::code(v))]),
            })
            .collect();
        let unknown = fallback_name(&mut taken);
        self.push(
            sink,
            name,
            pointer,
            meta,
            TypeKind::StrEnum(StrEnum { variants, unknown }),
        )
    }

    /// Defines `name` as `target`: an alias, or for a component whose alias would be recursive
    /// (`type A = Vec<A>`) a union of that one JSON type and an `Unknown` fallback.
    pub fn push_alias(
        &self,
        sink: &mut Sink,
        name: &str,
        pointer: &str,
        meta: Meta,
        target: TypeRef,
    ) -> TypeRef {
        let label = match &target {
            TypeRef::Vec(_) => "List",
            TypeRef::Map(_) => "Map",
            _ => "",
        };
        let kind = if label.is_empty() || !self.alias_cycles.contains(name) {
            TypeKind::Alias(target)
        } else {
            TypeKind::Untagged(UntaggedUnion {
                variants: vec![
                    UntaggedVariant {
                        name: label.to_owned(),
                        ty: target,
                    },
                    UntaggedVariant {
                        name: "Unknown".to_owned(),
                        ty: TypeRef::Json,
                    },
                ],
                by_kind: None,
                untagged_attr: Gate::Always,
            })
        };
        self.push(sink, name.to_owned(), pointer, meta, kind)
    }

    /// Adds a type definition to the sink and returns a reference to it.
    pub fn push(
        &self,
        sink: &mut Sink,
        name: String,
        pointer: &str,
        meta: Meta,
        kind: TypeKind,
    ) -> TypeRef {
        sink.types.push(TypeDef {
            name: name.clone(),
            pointer: pointer.to_owned(),
            docs: meta.docs,
            deprecated: meta.deprecated,
            kind,
            action_attempt: None,
            impls: Impls::default(),
            links: Vec::new(),
            allows: Vec::new(),
        });
        sink.type_ref(name)
    }
}

impl Lowerer<'_> {
    /// Counts one schema visited by a merge or flattening that started at `depth` 0; an error
    /// at `pointer` once there were more than [`MAX_STEPS`] (the expansion is exponential).
    pub fn step(&self, pointer: &str, depth: usize) -> Result<()> {
        let steps = if depth == 0 { 1 } else { self.steps.get() + 1 };
        self.steps.set(steps);
        if steps > MAX_STEPS {
            return Err(Error::spec(
                pointer,
                format!("allOf/oneOf expand to more than {MAX_STEPS} schemas"),
            ));
        }
        Ok(())
    }

    /// Runs `f` one `Vec` or map deeper.
    fn indirect<T>(&self, f: impl FnOnce() -> T) -> T {
        self.indirection.set(self.indirection.get() + 1);
        let out = f();
        self.indirection.set(self.indirection.get() - 1);
        out
    }
}

/// The name of the variant that holds values the spec does not list.
pub fn fallback_name(taken: &mut NameSet) -> String {
    if taken.contains("Unknown") {
        taken.claim("Other")
    } else {
        taken.claim("Unknown")
    }
}

/// The words a name is derived from.
pub fn hint_of<'n>(naming: Naming<'n>) -> &'n str {
    match naming {
        Naming::Exact(name) | Naming::Hint(name) => name,
    }
}

/// The type name for `naming`, claimed in the sink.
pub fn claim(sink: &mut Sink, naming: Naming) -> String {
    match naming {
        Naming::Exact(name) => name.to_owned(),
        Naming::Hint(hint) => sink.names.claim(&names::type_ident(hint)),
    }
}
