//! Naming pass: turns spec names into valid, unique Rust identifiers.
//!
//! Case conversion alone makes invalid or clashing names on this spec (`"string"` and
//! `"string[]"` both give `String`, `"="` gives nothing, `"1h"` starts with a digit), so every
//! identifier goes through here: sanitise, convert case, escape keywords, then claim it in a
//! [`NameSet`] that resolves collisions deterministically with a numeric suffix.

use crate::render::claims;
use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Rust keywords (2024 edition, strict and reserved).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Type names every module keeps (the render stage's table, [`claims::TYPE_NAMES`]).
pub const RESERVED_TYPE_NAMES: &[&str] = claims::TYPE_NAMES;

/// Replaces everything but ASCII letters and digits by spaces, so case conversion splits there.
fn ascii_words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// `UpperCamelCase` identifier for a type or variant; never empty, never starting with a digit.
pub fn type_ident(raw: &str) -> String {
    let mut name = ascii_words(raw).to_upper_camel_case();
    if name.is_empty() {
        name = "Value".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if NOT_RAW.contains(&name.as_str()) || KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// `snake_case` identifier for a field, method or module; keywords become raw identifiers.
pub fn value_ident(raw: &str) -> String {
    let mut name = ascii_words(raw).to_snake_case();
    if name.is_empty() {
        name = "value".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if NOT_RAW.contains(&name.as_str()) {
        name.push('_');
    } else if KEYWORDS.contains(&name.as_str()) {
        name.insert_str(0, "r#");
    }
    name
}

/// A module name: like [`value_ident`] but never raw (file names cannot hold `r#`) and never
/// the name of a crate generated code uses.
pub fn module_ident(raw: &str) -> String {
    let name = value_ident(raw);
    match name.strip_prefix("r#") {
        Some(bare) => format!("{bare}_"),
        None if claims::CRATES.contains(&name.as_str()) => format!("{name}_"),
        None => name,
    }
}

/// A crude singular of a plural property name, for naming array item types.
pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if word.ends_with("ss") || word.ends_with("us") {
        word.to_owned()
    } else if let Some(stem) = word.strip_suffix('s') {
        stem.to_owned()
    } else {
        format!("{word}_item")
    }
}

/// The identifiers already used in one Rust namespace (a module's types, an enum's variants,
/// a struct's fields, ...).
#[derive(Debug, Clone, Default)]
pub struct NameSet {
    used: BTreeSet<String>,
}

impl NameSet {
    /// A set with `reserved` names already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        NameSet {
            used: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Claims `name`, or `name2`, `name3`, ... when taken; returns the claimed name.
    pub fn claim(&mut self, name: &str) -> String {
        if self.used.insert(name.to_owned()) {
            return name.to_owned();
        }
        // `self_` + 2 gives `self_2`, `Self_` gives `Self2`: no `__`, no `_` next to a letter
        // in a camel-case name (both warn in rustc).
        let stem = name.strip_prefix("r#").unwrap_or(name);
        let stem = match stem.trim_end_matches('_') {
            "" => stem,
            trimmed => trimmed,
        };
        let sep = if stem.chars().next().is_some_and(char::is_uppercase) {
            ""
        } else {
            "_"
        };
        (2..)
            .map(|n| format!("{stem}{sep}{n}"))
            .find(|candidate| !self.used.contains(candidate))
            .inspect(|candidate| {
                self.used.insert(candidate.clone());
            })
            .unwrap_or_else(|| name.to_owned())
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.used.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idents_are_valid_and_distinct() {
        assert_eq!(type_ident("string"), "String");
        assert_eq!(type_ident("="), "Value");
        assert_eq!(type_ident("1h"), "V1h");
        assert_eq!(type_ident("device.connected"), "DeviceConnected");
        assert_eq!(type_ident("self"), "Self_");
        assert_eq!(value_ident("type"), "r#type");
        assert_eq!(value_ident("self"), "self_");
        assert_eq!(value_ident("1day"), "_1day");
        assert_eq!(value_ident("seam-workspace"), "seam_workspace");
        assert_eq!(module_ident("type"), "type_");
        assert_eq!(module_ident("serde"), "serde_");
        assert_eq!(module_ident("seam_runtime"), "seam_runtime_");
        let mut set = NameSet::with_reserved(&["Unknown"]);
        assert_eq!(set.claim("String"), "String");
        assert_eq!(set.claim("String"), "String2");
        assert_eq!(set.claim("Unknown"), "Unknown2");
        let mut fields = NameSet::default();
        assert_eq!(fields.claim("r#type"), "r#type");
        assert_eq!(fields.claim("r#type"), "type_2");
        assert_eq!(fields.claim("self_"), "self_");
        assert_eq!(fields.claim("self_"), "self_2");
        assert_eq!(set.claim("Self_"), "Self_");
        assert_eq!(set.claim("Self_"), "Self2");
    }

    #[test]
    fn singular_forms() {
        assert_eq!(singular("errors"), "error");
        assert_eq!(singular("entries"), "entry");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("access"), "access");
        assert_eq!(singular("data"), "data_item");
    }
}
