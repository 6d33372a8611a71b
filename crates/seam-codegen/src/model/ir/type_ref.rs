//! [`TypeRef`]: how the IR names a type, and the one place that prints it as Rust.

use super::{TypeDef, TypeKind};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// A reference to a type, printed as a Rust type expression by its `Display`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TypeRef {
    /// `()`
    Unit,
    /// `bool`
    Bool,
    /// `i64`
    Int,
    /// `f64`
    Float,
    /// `String`
    String,
    /// A `date-time` string: `jiff::Timestamp`.
    Timestamp,
    /// A `date` string: `jiff::civil::Date`.
    Date,
    /// A `uri` string: `fluent_uri::Uri<String>` (RFC 3986, text kept as sent).
    Uri,
    /// An `email` string: `email_address::EmailAddress`.
    Email,
    /// Any JSON value: `serde_json::Value`.
    Json,
    /// Any JSON object: `serde_json::Map<String, serde_json::Value>`.
    JsonObject,
    /// The `*_metadata` members of unlisted manufacturers: `seam_runtime::OtherMetadata`.
    OtherMetadata,
    /// A generated type in `crate::types`.
    Shared(String),
    /// A generated type in the current module.
    Local(String),
    /// `Vec<T>`
    Vec(Box<TypeRef>),
    /// `BTreeMap<String, T>`
    Map(Box<TypeRef>),
    /// `Option<T>`
    Option(Box<TypeRef>),
    /// `Box<T>`
    Boxed(Box<TypeRef>),
}

impl TypeRef {
    /// The definition this names among `types` (by name), through aliases. `None` for a type
    /// that is not generated, a name `types` lacks, or aliases that loop (which the spec cannot
    /// make, but a walk does not trust that).
    pub fn resolve<'a>(&self, types: &BTreeMap<&str, &'a TypeDef>) -> Option<&'a TypeDef> {
        let mut ty = self;
        for _ in 0..=types.len() {
            let (TypeRef::Shared(name) | TypeRef::Local(name)) = ty else {
                return None;
            };
            let def = *types.get(name.as_str())?;
            match &def.kind {
                TypeKind::Alias(target) => ty = target,
                _ => return Some(def),
            }
        }
        None
    }

    /// Wraps in `Option`.
    pub fn optional(self) -> TypeRef {
        TypeRef::Option(Box::new(self))
    }

    /// Whether this is a string of a declared format, typed by an ecosystem crate
    /// (see the formats pass, `model/formats.rs`).
    pub fn is_formatted_string(&self) -> bool {
        matches!(
            self,
            TypeRef::Timestamp | TypeRef::Date | TypeRef::Uri | TypeRef::Email
        )
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Qualified {
            ty: self,
            module: None,
        }
        .fmt(f)
    }
}

/// A [`TypeRef`] as Rust source: inside its own module (`module: None`), or from elsewhere, where
/// local types get their module path.
#[derive(Debug, Clone, Copy)]
pub struct Qualified<'a> {
    /// The type.
    pub ty: &'a TypeRef,
    /// The module path of the namespace it is local to (`acs::credentials`), if printed outside.
    pub module: Option<&'a str>,
}

impl<'a> fmt::Display for Qualified<'a> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = |ty: &'a TypeRef| Qualified {
            ty,
            module: self.module,
        };
        match self.ty {
            TypeRef::Unit => f.write_str("()"),
            TypeRef::Bool => f.write_str("bool"),
            TypeRef::Int => f.write_str("i64"),
            TypeRef::Float => f.write_str("f64"),
            TypeRef::String => f.write_str("String"),
            TypeRef::Timestamp => f.write_str("jiff::Timestamp"),
            TypeRef::Date => f.write_str("jiff::civil::Date"),
            TypeRef::Uri => f.write_str("fluent_uri::Uri<String>"),
            TypeRef::Email => f.write_str("email_address::EmailAddress"),
            TypeRef::Json => f.write_str("serde_json::Value"),
            TypeRef::JsonObject => f.write_str("serde_json::Map<String, serde_json::Value>"),
            TypeRef::OtherMetadata => f.write_str("seam_runtime::OtherMetadata"),
            TypeRef::Shared(name) => write!(f, "crate::types::{name}"),
            TypeRef::Local(name) => match self.module {
                Some(module) => write!(f, "crate::{module}::{name}"),
                None => f.write_str(name),
            },
            TypeRef::Vec(t) => write!(f, "Vec<{}>", inner(t)),
            TypeRef::Map(t) => write!(f, "std::collections::BTreeMap<String, {}>", inner(t)),
            TypeRef::Option(t) => write!(f, "Option<{}>", inner(t)),
            TypeRef::Boxed(t) => write!(f, "Box<{}>", inner(t)),
        }
    }
}

impl TypeRef {
    /// This type as written outside the module `module` it may be local to.
    pub fn qualified<'a>(&'a self, module: &'a str) -> Qualified<'a> {
        Qualified {
            ty: self,
            module: Some(module),
        }
    }

    /// The generated types this reference names, directly or inside containers.
    pub fn named(&self) -> Option<&TypeRef> {
        match self {
            TypeRef::Shared(_) | TypeRef::Local(_) => Some(self),
            TypeRef::Vec(inner)
            | TypeRef::Map(inner)
            | TypeRef::Option(inner)
            | TypeRef::Boxed(inner) => inner.named(),
            _ => None,
        }
    }
}
