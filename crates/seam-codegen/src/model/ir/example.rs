//! [`Example`]: how an operation is called, for its rustdoc example (set by the examples pass),
//! [`QuickStart`]: the crate page's flows, each the example of its operation (guide pass), and
//! [`ExampleValue`], the one printer of the example's Rust expressions.

use serde::Serialize;
use std::fmt;

/// The example of one operation: the request built from the operation's `minimal` sample, the
/// call, and what is done with its result. The template prints the surrounding code (client,
/// accessor chain, `.await` or not).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Example {
    /// Paths the example imports (`seam::acs::credentials::CreateRequest`), sorted.
    pub imports: Vec<String>,
    /// The request, when the method takes one.
    pub request: Option<ExampleRequest>,
    /// What the example does with the result.
    pub outcome: ExampleOutcome,
    /// The request is the one the page of Seam's documentation for this operation sends (a
    /// seed flow, `guide::SEEDS`), not one built from the operation's samples. Left out of
    /// the IR snapshots when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub seed: bool,
}

/// The crate page's quick start: the seed flows in order, each printed with the statements of
/// its operation's own example, so the page and the operations' pages cannot differ.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuickStart {
    /// Paths the flows import, sorted, without duplicates (no two share a short name).
    pub imports: Vec<String>,
    /// The flows, in the order the page runs them.
    pub steps: Vec<QuickStartStep>,
}

/// One flow of the quick start: a comment, then its operation's example.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuickStartStep {
    /// What the flow does (the seed page's description), one line.
    pub says: String,
    /// The accessors leading from the client to the operation's handle.
    pub accessors: Vec<String>,
    /// The operation's method.
    pub method: String,
    /// The operation's example (its request is the seed's).
    pub example: Example,
}

/// The request of an example.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub enum ExampleRequest {
    /// Built in the example.
    Built(ExampleValue),
    /// The example cannot build one (a required value of a type without a builder): a hidden
    /// line of this type stands for it, so the example still compiles.
    Hidden(String),
}

/// What an example does with a call's result.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub enum ExampleOutcome {
    /// The method returns `()`: the call alone.
    #[default]
    Nothing,
    /// The result is bound to `binding` (unwrapped with `if let Some` when `optional`) and shown.
    Value {
        /// The variable holding the result.
        binding: String,
        /// The method returns an `Option`.
        optional: bool,
        /// How the value is shown.
        show: Show,
    },
    /// A paginated list, read through its paginator `method`, each item bound to `item`.
    Pages {
        /// The `*_paginator` method.
        method: String,
        /// The variable holding one item.
        item: String,
        /// How an item is shown.
        show: Show,
    },
}

/// How an example shows a value.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub enum Show {
    /// Prints a string field of the value (its id).
    Field(String),
    /// Prints the length of a list.
    Count,
    /// Prints the status of an action attempt through its accessor.
    ActionAttempt(String),
    /// Prints the value with `{:?}`.
    Debug,
}

/// A Rust expression of an example value, printed by its `Display`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub enum ExampleValue {
    /// A string literal, where `impl Into<String>` is taken: `"text"`.
    Str(String),
    /// An owned string: `"text".to_owned()`.
    String(String),
    /// `true` / `false`.
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A text parsed into a typed value: `"2025-06-15T12:00:00Z".parse::<seam::jiff::Timestamp>()?`.
    Parse {
        /// The text.
        text: String,
        /// The type, as a path.
        ty: String,
    },
    /// Any JSON value: `serde_json::json!(...)`.
    Json(String),
    /// An empty JSON object: `serde_json::Map::new()`.
    EmptyObject,
    /// A unit enum variant: `CreateRequestAccessMethod::Code`.
    Path(String),
    /// `Type::default()`.
    Default(String),
    /// A builder: `Type::new(args...)` then `.setter(value)` for each setter.
    New {
        /// The type.
        ty: String,
        /// Arguments of `new`, in order.
        args: Vec<ExampleValue>,
        /// Setter calls, in order.
        setters: Vec<(String, ExampleValue)>,
    },
    /// A tuple variant: `Type::Variant(value)`.
    Variant {
        /// `Type::Variant`.
        path: String,
        /// The payload.
        value: Box<ExampleValue>,
    },
    /// `vec![...]`.
    Vec(Vec<ExampleValue>),
    /// `BTreeMap::from([(key.to_owned(), value), ...])`.
    Map(Vec<(String, ExampleValue)>),
    /// `Box::new(value)`.
    Boxed(Box<ExampleValue>),
}

impl fmt::Display for ExampleValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExampleValue::Str(text) => write!(f, "{text:?}"),
            ExampleValue::String(text) => write!(f, "{text:?}.to_owned()"),
            ExampleValue::Bool(b) => write!(f, "{b}"),
            ExampleValue::Int(i) => write!(f, "{i}"),
            ExampleValue::Float(x) => write!(f, "{x:?}"),
            ExampleValue::Parse { text, ty } => write!(f, "{text:?}.parse::<{ty}>()?"),
            ExampleValue::Json(json) => write!(f, "serde_json::json!({json})"),
            ExampleValue::EmptyObject => f.write_str("serde_json::Map::new()"),
            ExampleValue::Path(path) => f.write_str(path),
            ExampleValue::Default(ty) => write!(f, "{ty}::default()"),
            ExampleValue::New { ty, args, setters } => {
                write!(f, "{ty}::new(")?;
                list(f, args)?;
                f.write_str(")")?;
                for (setter, value) in setters {
                    write!(f, ".{setter}({value})")?;
                }
                Ok(())
            }
            ExampleValue::Variant { path, value } => write!(f, "{path}({value})"),
            ExampleValue::Vec(items) => {
                f.write_str("vec![")?;
                list(f, items)?;
                f.write_str("]")
            }
            ExampleValue::Map(entries) => {
                f.write_str("std::collections::BTreeMap::from([")?;
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "({key:?}.to_owned(), {value})")?;
                }
                f.write_str("])")
            }
            ExampleValue::Boxed(value) => write!(f, "Box::new({value})"),
        }
    }
}

/// `values` separated by commas.
fn list(f: &mut fmt::Formatter<'_>, values: &[ExampleValue]) -> fmt::Result {
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{value}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::ExampleValue as V;

    #[test]
    fn values_print_as_rust_expressions() {
        let s = |t: &str| t.to_owned();
        let table = [
            (V::Str(s("a \"b\"")), r#""a \"b\"""#),
            (V::String(s("x")), r#""x".to_owned()"#),
            (V::Bool(false), "false"),
            (V::Int(-3), "-3"),
            (V::Float(1.0), "1.0"),
            (
                V::Parse {
                    text: s("2025-06-15"),
                    ty: s("seam::jiff::civil::Date"),
                },
                r#""2025-06-15".parse::<seam::jiff::civil::Date>()?"#,
            ),
            (
                V::Json(s(r#"{"k":[1]}"#)),
                r#"serde_json::json!({"k":[1]})"#,
            ),
            (V::EmptyObject, "serde_json::Map::new()"),
            (V::Path(s("Kind::Code")), "Kind::Code"),
            (V::Default(s("Options")), "Options::default()"),
            (
                V::New {
                    ty: s("CreateRequest"),
                    args: vec![V::Str(s("id")), V::Path(s("Kind::Code"))],
                    setters: vec![(s("code"), V::Str(s("1234")))],
                },
                r#"CreateRequest::new("id", Kind::Code).code("1234")"#,
            ),
            (
                V::Variant {
                    path: s("Value::Bool"),
                    value: Box::new(V::Bool(true)),
                },
                "Value::Bool(true)",
            ),
            (V::Vec(vec![V::Int(1), V::Int(2)]), "vec![1, 2]"),
            (V::Vec(Vec::new()), "vec![]"),
            (
                V::Map(vec![(s("k"), V::Bool(true)), (s("l"), V::Int(0))]),
                r#"std::collections::BTreeMap::from([("k".to_owned(), true), ("l".to_owned(), 0)])"#,
            ),
            (V::Boxed(Box::new(V::Int(1))), "Box::new(1)"),
        ];
        for (value, want) in table {
            assert_eq!(value.to_string(), want, "{value:?}");
        }
    }
}
