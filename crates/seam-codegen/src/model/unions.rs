//! Unions pass: decides what each `oneOf`/`anyOf` becomes.
//!
//! - all variants strings → one string enum (values merged), or `String`;
//! - all variants objects told apart by single-value properties (a declared `discriminator`,
//!   else inferred: one property, then a pair such as `action_type` + `status`) → a tagged
//!   union with an `Unknown` fallback;
//! - objects with no tag → one struct merging the variants (a property is required only when
//!   every variant requires it);
//! - mixed JSON types → an untagged union whose variants cannot shadow each other (one per
//!   JSON type, tried bool → integer → number → string → array → object).

use super::docs;
use super::docs::Meta;
use super::ir::*;
use super::names::{self, NameSet};
use super::schemas::{self, Lowerer, Merged, Naming, Sink};
use super::shape::{self, SRef, Shape};
use crate::error::Result;
use openapiv3::Schema;

/// One variant after flattening nested `oneOf`s.
struct Variant<'a> {
    schema: &'a Schema,
    shape: Shape<'a>,
    pointer: String,
    r: SRef<'a>,
    /// The `$ref` (to a component's `oneOf`) this variant was flattened out of, if any.
    via: Option<&'a str>,
}

/// Lowers the `oneOf` of `schema` (its `variants`).
pub fn lower_one_of<'a>(
    lw: &Lowerer<'a>,
    sink: &mut Sink,
    schema: &'a Schema,
    variants: &[SRef<'a>],
    pointer: &str,
    naming: Naming,
) -> Result<TypeRef> {
    let mut flat = Vec::new();
    flatten(lw, variants, pointer, &mut flat, None, 0)?;
    let meta = Meta::of(schema);

    if flat.iter().all(|v| matches!(v.shape, Shape::String { .. })) {
        let mut values = Vec::new();
        for v in &flat {
            if let Shape::String { values: vs, .. } = &v.shape {
                if vs.is_empty() {
                    // A free string among the variants: any string goes, whatever the formats.
                    return Ok(alias_if_exact(
                        lw,
                        sink,
                        naming,
                        meta,
                        pointer,
                        TypeRef::String,
                    ));
                }
                values.extend(vs.iter().cloned());
            }
        }
        return Ok(lw.define_enum(sink, naming, meta, pointer, &values));
    }

    let objectish = |s: &Shape| matches!(s, Shape::Object(_) | Shape::AllOf(_));
    if flat.iter().all(|v| objectish(&v.shape)) {
        let declared = schema
            .schema_data
            .discriminator
            .as_ref()
            .map(|d| d.property_name.as_str());
        let mut merged_variants = Vec::new();
        for v in &flat {
            let mut m = Merged::default();
            lw.merge_into(&mut m, v.r, &v.pointer, 0)?;
            merged_variants.push(m);
        }
        if let Some(tags) = find_tags(lw, &merged_variants, declared)? {
            return define_tagged(
                lw,
                sink,
                naming,
                meta,
                pointer,
                &merged_variants,
                &flat,
                tags,
            );
        }
        let mut merged = Merged::default();
        lw.merge_into(&mut merged, SRef::Item(schema), pointer, 0)?;
        return lw.define_struct(sink, naming, meta, pointer, &merged);
    }

    // Mixed JSON types: one variant per kind, in an order where none shadows another.
    let mut by_kind: Vec<(u8, String, TypeRef)> = Vec::new();
    let mut lowered_via: Vec<&str> = Vec::new();
    for (i, v) in flat.iter().enumerate() {
        let hint = format!("{} variant {i}", schemas::hint_of(naming));
        // A variant inlined from a component's `oneOf` that the component defines as a type
        // of its own (not a plain value) is that component: lowering the inline copy again
        // would repeat the component here, forever if it contains this union.
        let r = match v.via {
            Some(reference) if !matches!(v.r, SRef::Ref(_)) && lowered_via.contains(&reference) => {
                continue;
            }
            Some(reference) if !matches!(v.r, SRef::Ref(_)) && is_type(&v.shape) => {
                lowered_via.push(reference);
                SRef::Ref(reference)
            }
            _ => v.r,
        };
        let ty = lw.lower(sink, r, &v.pointer, &hint)?;
        let (rank, label) = kind_of(&v.shape, &ty);
        match by_kind.iter_mut().find(|(r, _, _)| *r == rank) {
            None => by_kind.push((rank, label, ty)),
            // Two string variants of different formats: one typed variant would refuse the
            // other's values, so the string variant takes any string.
            Some((_, label, kept)) if kept.is_formatted_string() && *kept != ty => {
                *kept = TypeRef::String;
                *label = "String".into();
            }
            Some(_) => {}
        }
    }
    by_kind.sort_by_key(|(rank, _, _)| *rank);
    if by_kind.len() == 1 {
        let ty = by_kind.remove(0).2;
        return Ok(alias_if_exact(lw, sink, naming, meta, pointer, ty));
    }
    let name = schemas::claim(sink, naming);
    let mut taken = NameSet::default();
    let has_json = by_kind.iter().any(|(_, _, ty)| *ty == TypeRef::Json);
    let mut variants: Vec<UntaggedVariant> = by_kind
        .into_iter()
        .map(|(_, label, ty)| UntaggedVariant {
            name: taken.claim(&label),
            ty,
        })
        .collect();
    if !has_json {
        // Forward compatibility: a value of a JSON type the spec does not list is kept raw.
        variants.push(UntaggedVariant {
            name: schemas::fallback_name(&mut taken),
            ty: TypeRef::Json,
        });
    }
    Ok(lw.push(
        sink,
        name,
        pointer,
        meta,
        TypeKind::Untagged(UntaggedUnion {
            by_kind: super::kind_decode::kind_decode(&variants),
            variants,
            untagged_attr: Gate::Always,
        }),
    ))
}

fn alias_if_exact(
    lw: &Lowerer,
    sink: &mut Sink,
    naming: Naming,
    meta: Meta,
    pointer: &str,
    ty: TypeRef,
) -> TypeRef {
    match naming {
        Naming::Exact(name) => lw.push_alias(sink, name, pointer, meta, ty),
        Naming::Hint(_) => ty,
    }
}

/// Whether lowering `shape` inline defines a named type (an object, an enum).
fn is_type(shape: &Shape) -> bool {
    match shape {
        Shape::Object(o) => !o.properties.is_empty(),
        Shape::AllOf(_) | Shape::OneOf(_) => true,
        Shape::String { values, .. } => !values.is_empty(),
        _ => false,
    }
}

/// Orders JSON kinds so that an earlier variant never accepts a later one's values.
fn kind_of(shape: &Shape, ty: &TypeRef) -> (u8, String) {
    match shape {
        Shape::Boolean { .. } => (0, "Bool".into()),
        Shape::Integer => (1, "Int".into()),
        Shape::Number => (2, "Float".into()),
        Shape::String { .. } => (
            3,
            match ty {
                TypeRef::Timestamp => "Timestamp",
                TypeRef::Date => "Date",
                TypeRef::Uri => "Uri",
                TypeRef::Email => "Email",
                _ => "String",
            }
            .into(),
        ),
        Shape::Array(_) => (4, "List".into()),
        Shape::Object(_) | Shape::AllOf(_) | Shape::OneOf(_) => (
            5,
            match ty {
                TypeRef::Shared(n) | TypeRef::Local(n) => n.clone(),
                _ => "Object".into(),
            },
        ),
        Shape::Any => (6, "Json".into()),
    }
}

fn flatten<'a>(
    lw: &Lowerer<'a>,
    variants: &[SRef<'a>],
    pointer: &str,
    out: &mut Vec<Variant<'a>>,
    via: Option<&'a str>,
    depth: usize,
) -> Result<()> {
    if depth > 8 {
        return Err(crate::Error::spec(pointer, "oneOf nests too deep"));
    }
    lw.step(pointer, depth)?;
    for (i, r) in variants.iter().enumerate() {
        let p = format!("{pointer}/oneOf/{i}");
        let (schema, resolved_at) = shape::resolve(lw.doc, *r, &p)?;
        let s = shape::shape(schema, &resolved_at)?;
        let via = match r {
            SRef::Ref(reference) => via.or(Some(*reference)),
            SRef::Item(_) => via,
        };
        if let Shape::OneOf(inner) = &s {
            flatten(lw, inner, &resolved_at, out, via, depth + 1)?;
        } else {
            out.push(Variant {
                schema,
                shape: s,
                pointer: resolved_at,
                r: *r,
                via,
            });
        }
    }
    Ok(())
}

/// The single value a property pins in one variant, as text (`"LOCK_DOOR"`, `"true"`).
fn pinned(lw: &Lowerer, m: &Merged, wire: &str) -> Result<Option<String>> {
    let Some(prop) = m.props.iter().find(|p| p.wire == wire) else {
        return Ok(None);
    };
    let (schema, at) = shape::resolve(lw.doc, prop.schema, &prop.pointer)?;
    Ok(match shape::shape(schema, &at)? {
        Shape::String { values, .. } if values.len() == 1 => Some(values[0].clone()),
        Shape::Boolean { values } if values.len() == 1 => Some(values[0].to_string()),
        _ => None,
    })
}

/// The tag properties that tell every variant apart, if any.
fn find_tags(
    lw: &Lowerer,
    variants: &[Merged],
    declared: Option<&str>,
) -> Result<Option<Vec<String>>> {
    let Some(first) = variants.first() else {
        return Ok(None);
    };
    let mut candidates: Vec<&str> = Vec::new();
    if let Some(d) = declared {
        candidates.push(d);
    }
    for p in &first.props {
        if !candidates.contains(&p.wire) {
            candidates.push(p.wire);
        }
    }
    let mut pinned_everywhere = Vec::new();
    for c in candidates {
        let mut values = Vec::new();
        for v in variants {
            match pinned(lw, v, c)? {
                Some(value) => values.push(value),
                None => break,
            }
        }
        if values.len() == variants.len() {
            pinned_everywhere.push((c, values));
        }
    }
    Ok(choose_tags(&pinned_everywhere, variants.len()))
}

/// The tags among `pinned` (each property pinned to one value in every one of `count`
/// variants, the declared discriminator first, then the first variant's property order): the
/// first property whose values tell every variant apart, else the first pair that does
/// together (action attempts: `action_type` + `status`), else none.
fn choose_tags(pinned: &[(&str, Vec<String>)], count: usize) -> Option<Vec<String>> {
    let unique = |cols: &[&Vec<String>]| {
        let mut seen = std::collections::BTreeSet::new();
        (0..count).all(|i| seen.insert(cols.iter().map(|c| c[i].as_str()).collect::<Vec<_>>()))
    };
    for (name, values) in pinned {
        if unique(&[values]) {
            return Some(vec![(*name).to_owned()]);
        }
    }
    for (i, (a, va)) in pinned.iter().enumerate() {
        for (b, vb) in &pinned[i + 1..] {
            if unique(&[va, vb]) {
                return Some(vec![(*a).to_owned(), (*b).to_owned()]);
            }
        }
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn define_tagged<'a>(
    lw: &Lowerer<'a>,
    sink: &mut Sink,
    naming: Naming,
    meta: Meta,
    pointer: &str,
    merged: &[Merged<'a>],
    flat: &[Variant<'a>],
    tags: Vec<String>,
) -> Result<TypeRef> {
    let name = schemas::claim(sink, naming);
    let at = sink.types.len();
    let mut taken = NameSet::default();
    let mut variants = Vec::new();
    for (m, v) in merged.iter().zip(flat) {
        let mut values = Vec::new();
        for t in &tags {
            values.push(pinned(lw, m, t)?.unwrap_or_default());
        }
        let variant_name = taken.claim(&names::type_ident(&values.join(" ")));
        // `Self_` + `Pending` is `SelfPending` (a `_` inside a camel-case name warns).
        let payload_name = sink.names.claim(&format!(
            "{}{}",
            name.trim_end_matches('_'),
            variant_name.trim_end_matches('_')
        ));
        let vmeta = Meta::of(v.schema);
        let fields = lw.fields(sink, &payload_name, m, &tags)?;
        let payload = TypeDef {
            name: payload_name.clone(),
            pointer: v.pointer.clone(),
            docs: vmeta.docs.clone(),
            deprecated: vmeta.deprecated,
            action_attempt: None,
            impls: Impls::default(),
            links: Vec::new(),
            allows: Vec::new(),
            kind: TypeKind::Struct(Box::new(Struct {
                derive_default: false,
                builder: sink.builder,
                fields,
                metadata: None,
                other_members: None,
                decode: RecordDecode::default(),
            })),
        };
        sink.types.push(payload);
        let mut vdocs = vmeta.docs;
        if vdocs.is_empty() {
            let shown: Vec<String> = tags
                .iter()
                .zip(&values)
                .map(|(t, v)| format!("{t} = {}", docs::code(v)))
                .collect();
            vdocs = Docs(vec![format!("The variant with {}.", shown.join(", "))]);
        }
        variants.push(TaggedVariant {
            name: variant_name,
            values,
            ty: sink.type_ref(payload_name),
            docs: vdocs,
        });
    }
    let unknown = schemas::fallback_name(&mut taken);
    let mut methods = NameSet::with_reserved(&["serialize", "deserialize"]);
    let accessors = tags
        .iter()
        .enumerate()
        .map(|(index, t)| TagAccessor {
            method: methods.claim(&names::value_ident(t)),
            tag: t.clone(),
            index,
        })
        .collect();
    let kind = TypeKind::Tagged(TaggedUnion {
        tags,
        variants,
        unknown,
        accessors,
    });
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

#[cfg(test)]
mod tests {
    use super::choose_tags;

    /// Pinned properties, and the tags wanted.
    type Row<'a> = (Vec<(&'a str, Vec<String>)>, Option<Vec<&'a str>>);

    /// Pinned properties (name, value per variant) → the tags chosen.
    #[test]
    fn tag_inference() {
        let col = |name: &'static str, values: &[&str]| {
            (
                name,
                values.iter().map(|v| (*v).to_owned()).collect::<Vec<_>>(),
            )
        };
        let rows: Vec<Row> = vec![
            // One property telling every variant apart.
            (vec![col("type", &["a", "b", "c"])], Some(vec!["type"])),
            // The first such property wins (the declared discriminator is listed first).
            (
                vec![col("kind", &["x", "y"]), col("type", &["a", "b"])],
                Some(vec!["kind"]),
            ),
            // A property repeating a value is skipped for one that does not.
            (
                vec![col("status", &["ok", "ok"]), col("type", &["a", "b"])],
                Some(vec!["type"]),
            ),
            // No single one: the first pair that does (action type and status).
            (
                vec![
                    col("action_type", &["LOCK", "LOCK", "UNLOCK", "UNLOCK"]),
                    col("status", &["success", "error", "success", "error"]),
                ],
                Some(vec!["action_type", "status"]),
            ),
            // Nothing tells two variants apart: no tags (the union is tried untagged).
            (
                vec![
                    col("action_type", &["LOCK", "LOCK"]),
                    col("status", &["ok", "ok"]),
                ],
                None,
            ),
            (Vec::new(), None),
        ];
        for (pinned, want) in rows {
            let count = pinned.first().map_or(2, |(_, v)| v.len());
            let want = want.map(|w| w.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
            assert_eq!(choose_tags(&pinned, count), want, "{pinned:?}");
        }
    }
}
