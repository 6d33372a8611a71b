//! Fields pass: the properties of a merged object to struct [`Field`]s: Rust names, presence
//! (required / nullable, four distinct types), serde settings (`null` kept apart from absent;
//! a required field must be there: a response lacking one fails to decode, naming the place),
//! setters and docs. [`schemas`](super::schemas) calls it for every struct.

use super::docs::Meta;
use super::ir::*;
use super::names::{self, NameSet};
use super::schemas::{Lowerer, Merged, Sink};
use super::shape::{self, SRef, Shape};
use crate::error::{Error, Result};

impl<'a> Lowerer<'a> {
    /// Lowers the properties of `merged` to fields; `tags` are typed as plain strings/bools.
    pub fn fields(
        &self,
        sink: &mut Sink,
        parent: &str,
        merged: &Merged<'a>,
        tags: &[String],
    ) -> Result<Vec<Field>> {
        let mut taken = NameSet::default();
        let mut fields = Vec::new();
        for prop in &merged.props {
            // Property names end up in doc comments: a line break there would end the comment.
            if !prop.wire.chars().all(crate::text::is_comment_safe) {
                return Err(Error::spec(
                    &prop.pointer,
                    "the property name contains a control or text-direction character",
                ));
            }
            let hint = format!("{parent} {}", prop.wire);
            let (resolved, _) = shape::resolve(self.doc, prop.schema, &prop.pointer)?;
            let is_tag = tags.iter().any(|t| t == prop.wire);
            let value_ty = if is_tag {
                match shape::shape(resolved, &prop.pointer)? {
                    Shape::Boolean { .. } => TypeRef::Bool,
                    _ => TypeRef::String,
                }
            } else {
                self.lower(sink, prop.schema, &prop.pointer, &hint)?
            };
            let nullable = resolved.schema_data.nullable && value_ty != TypeRef::Json;
            let required = merged.required.contains(prop.wire);
            let presence = presence(required, nullable, &value_ty);
            let ty = field_type(&value_ty, presence);
            let name = taken.claim(&names::value_ident(prop.wire));
            let bare = name.strip_prefix("r#").unwrap_or(&name);
            let serde = SerdeField {
                rename: (bare != prop.wire).then(|| prop.wire.to_owned()),
                ..serde_settings(presence, &value_ty)
            };
            let meta = match prop.schema {
                SRef::Item(s) => Meta::of(s),
                SRef::Ref(_) => Meta::default(),
            };
            let takes_into = takes_into(&value_ty);
            let wrap = wrap(presence, &ty, &value_ty);
            let setter = if name == "new" {
                "with_new".to_owned()
            } else {
                name.clone()
            };
            fields.push(Field {
                name,
                wire: prop.wire.to_owned(),
                ty,
                value_ty,
                presence,
                docs: meta.docs,
                deprecated: meta.deprecated,
                serde,
                takes_into,
                setter,
                wrap,
            });
        }
        Ok(fields)
    }
}

impl Field {
    /// Gives the field another value type, keeping its presence: its Rust type, setter argument
    /// and setter wrapping follow (the query pass sends formatted query parameters as text).
    pub fn retype(&mut self, value_ty: TypeRef) {
        self.ty = field_type(&value_ty, self.presence);
        self.takes_into = takes_into(&value_ty);
        self.wrap = wrap(self.presence, &self.ty, &value_ty);
        self.value_ty = value_ty;
    }

    /// Makes a required field optional because a server is known to omit it or send `null`
    /// (`behaviour`, added to its docs; see the lenience pass). JSON values are left alone: they
    /// read a missing member as `null` already.
    pub fn read_absent_as_none(&mut self, behaviour: &str) {
        if self.value_ty == TypeRef::Json {
            return;
        }
        if self.presence == Presence::Required {
            self.ty = self.value_ty.clone().optional();
            self.serde.skip_if_none = true;
            self.wrap = wrap(Presence::Optional, &self.ty, &self.value_ty);
        }
        self.serde.default = true;
        self.docs.0.push(String::new());
        self.docs.0.push(format!(
            "Optional here though the spec requires it: {behaviour}."
        ));
    }

    /// Reads absent and `null` alike, as `None` (types that are only received): an
    /// `Option<Option<T>>` field becomes `Option<T>`.
    pub fn read_null_as_absent(&mut self) {
        if self.presence == Presence::OptionalNullable && self.value_ty != TypeRef::Json {
            self.ty = self.value_ty.clone().optional();
            self.serde.double_option = false;
            self.wrap = wrap(Presence::Optional, &self.ty, &self.value_ty);
        }
    }
}

/// The presence of a property from whether it is `required` and `nullable`; any JSON value
/// carries its own `null`, so a required one is nullable.
fn presence(required: bool, nullable: bool, value_ty: &TypeRef) -> Presence {
    match (required, nullable) {
        (true, false) if *value_ty == TypeRef::Json => Presence::RequiredNullable,
        (true, false) => Presence::Required,
        (true, true) => Presence::RequiredNullable,
        (false, false) => Presence::Optional,
        (false, true) => Presence::OptionalNullable,
    }
}

/// How serde reads and writes a field of `value_ty` with `presence` (its name aside).
fn serde_settings(presence: Presence, value_ty: &TypeRef) -> SerdeField {
    SerdeField {
        default: presence != Presence::Required,
        skip_if_none: matches!(presence, Presence::Optional | Presence::OptionalNullable)
            && *value_ty != TypeRef::Json,
        double_option: presence == Presence::OptionalNullable,
        ..SerdeField::default()
    }
}

/// The Rust type of a field of `value_ty` with `presence` (four distinct types; JSON carries
/// its own `null`).
fn field_type(value_ty: &TypeRef, presence: Presence) -> TypeRef {
    match presence {
        Presence::Required => value_ty.clone(),
        Presence::RequiredNullable | Presence::Optional if *value_ty == TypeRef::Json => {
            value_ty.clone()
        }
        Presence::RequiredNullable | Presence::Optional => value_ty.clone().optional(),
        Presence::OptionalNullable => value_ty.clone().optional().optional(),
    }
}

/// Whether the setter takes `impl Into<String>`.
fn takes_into(value_ty: &TypeRef) -> bool {
    *value_ty == TypeRef::String
}

/// How the setter wraps its argument into the field's type.
fn wrap(presence: Presence, ty: &TypeRef, value_ty: &TypeRef) -> Wrap {
    match presence {
        Presence::Required => Wrap::Plain,
        _ if ty == value_ty => Wrap::Plain,
        Presence::OptionalNullable => Wrap::SomeSome,
        _ => Wrap::Some,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// required, nullable, value type → presence, Rust type, serde arguments, setter wrapping.
    type Row<'a> = (
        bool,
        bool,
        &'a TypeRef,
        Presence,
        &'a str,
        &'a [SerdeArg],
        Wrap,
    );

    #[test]
    fn presence_decides_type_serde_and_setter() {
        use Presence::*;
        use SerdeArg::*;
        let text = TypeRef::String;
        let json = TypeRef::Json;
        let rows: [Row; 7] = [
            (true, false, &text, Required, "String", &[], Wrap::Plain),
            (
                true,
                true,
                &text,
                RequiredNullable,
                "Option<String>",
                &[],
                Wrap::Some,
            ),
            (
                false,
                false,
                &text,
                Optional,
                "Option<String>",
                &[SkipSerializingIfNone],
                Wrap::Some,
            ),
            (
                false,
                true,
                &text,
                OptionalNullable,
                "Option<Option<String>>",
                &[SkipSerializingIfNone, DoubleOption],
                Wrap::SomeSome,
            ),
            (
                true,
                false,
                &json,
                RequiredNullable,
                "serde_json::Value",
                &[],
                Wrap::Plain,
            ),
            (
                false,
                false,
                &json,
                Optional,
                "serde_json::Value",
                &[],
                Wrap::Plain,
            ),
            (
                false,
                true,
                &json,
                OptionalNullable,
                "Option<Option<serde_json::Value>>",
                &[DoubleOption],
                Wrap::SomeSome,
            ),
        ];
        for (required, nullable, value_ty, want_presence, want_ty, want_args, want_wrap) in rows {
            let row = format!("required {required}, nullable {nullable}, {value_ty}");
            let got = presence(required, nullable, value_ty);
            assert_eq!(got, want_presence, "{row}");
            let ty = field_type(value_ty, got);
            assert_eq!(ty.to_string(), want_ty, "{row}");
            assert_eq!(serde_settings(got, value_ty).args(), want_args, "{row}");
            assert_eq!(wrap(got, &ty, value_ty), want_wrap, "{row}");
        }
    }
}
