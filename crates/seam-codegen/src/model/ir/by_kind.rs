//! [`KindDecode`]: how a union of JSON scalars is decoded by the kind of its value.

use serde::Serialize;

/// Decoding an [`super::UntaggedUnion`] whose variants are all JSON scalars (and the raw-JSON
/// fallback) by the kind of the value, through `seam_runtime::codec::ByKind`, instead of serde's
/// `untagged` derive (which buffers the value and tries every variant in turn).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct KindDecode {
    /// What the union accepts, for error messages (`a boolean, a string or any JSON value`).
    pub expecting: String,
    /// The variant taking each kind, one per kind.
    pub arms: Vec<KindArm>,
}

/// One kind of JSON value and the variant holding it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct KindArm {
    /// The kind.
    pub kind: ScalarKind,
    /// The variant's Rust name.
    pub variant: String,
}

/// A kind of JSON value a variant of a [`KindDecode`] union takes.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub enum ScalarKind {
    /// `true` / `false`, as `bool`.
    Bool,
    /// An integer that fits an `i64`.
    Integer,
    /// Any number, as `f64`.
    Number,
    /// A string, as `String`.
    String,
    /// Any other value, as `serde_json::Value`.
    Json,
}
