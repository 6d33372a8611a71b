//! Unions of JSON scalars told apart by the kind of the value (boolean, integer, number,
//! string), with a raw-JSON fallback: decoded in one visit, with no buffering and no failed
//! attempts (serde's `untagged` derive buffers the value, then tries each variant in turn and
//! builds an error message for each one that does not fit).

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use serde_json::Value;

/// A union whose variants are JSON scalars of different kinds. Each method takes a value of one
/// kind and returns the variant holding it, or `None` when no variant takes that kind (the
/// defaults). A value no method takes is an error naming [`ByKind::EXPECTING`].
///
/// The choice is the one serde's `untagged` derive makes when it tries the variants in the order
/// boolean, integer, number, string, any JSON value: an integer goes to the integer variant when
/// it fits an `i64`, else to the number variant; a number with a fraction to the number variant.
pub trait ByKind: Sized {
    /// What the union accepts, for error messages (`a boolean or a string`).
    const EXPECTING: &'static str;

    /// The variant holding a JSON boolean.
    fn from_bool(_value: bool) -> Option<Self> {
        None
    }
    /// The variant holding a JSON integer that fits an `i64`.
    fn from_i64(_value: i64) -> Option<Self> {
        None
    }
    /// The variant holding any JSON number (integers too, when no variant takes them as such).
    fn from_f64(_value: f64) -> Option<Self> {
        None
    }
    /// The variant holding a JSON string.
    fn from_str(_value: &str) -> Option<Self> {
        None
    }
    /// The variant holding any other JSON value, kept as it is.
    fn from_json(_value: Value) -> Option<Self> {
        None
    }
}

/// Deserializes a [`ByKind`] union from one value of `deserializer`.
pub fn deserialize_by_kind<'de, D: Deserializer<'de>, T: ByKind>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_any(KindVisitor(PhantomData))
}

struct KindVisitor<T>(PhantomData<T>);

impl<T: ByKind> KindVisitor<T> {
    /// `value` for the fallback variant, else an error naming what it was.
    fn json<E: de::Error>(value: Value, unexpected: Unexpected<'_>) -> Result<T, E> {
        T::from_json(value).ok_or_else(|| E::invalid_type(unexpected, &T::EXPECTING))
    }

    fn integer<E: de::Error>(
        value: Option<i64>,
        as_f64: f64,
        json: Value,
        unexpected: Unexpected<'_>,
    ) -> Result<T, E> {
        value
            .and_then(T::from_i64)
            .or_else(|| T::from_f64(as_f64))
            .map_or_else(|| Self::json(json, unexpected), Ok)
    }
}

impl<'de, T: ByKind> Visitor<'de> for KindVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        T::from_bool(v).map_or_else(|| Self::json(Value::Bool(v), Unexpected::Bool(v)), Ok)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        Self::integer(Some(v), v as f64, Value::from(v), Unexpected::Signed(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Self::integer(
            i64::try_from(v).ok(),
            v as f64,
            Value::from(v),
            Unexpected::Unsigned(v),
        )
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        T::from_f64(v).map_or_else(|| Self::json(Value::from(v), Unexpected::Float(v)), Ok)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::from_str(v).map_or_else(
            || Self::json(Value::String(v.to_owned()), Unexpected::Str(v)),
            Ok,
        )
    }
    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Self::json(Value::Null, Unexpected::Unit)
    }
    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        self.visit_unit()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        let value = Value::deserialize(SeqAccessDeserializer::new(seq))?;
        Self::json(value, Unexpected::Seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        let value = Value::deserialize(MapAccessDeserializer::new(map))?;
        Self::json(value, Unexpected::Map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As generated for `oneOf: [boolean, integer, string]` (and the fallback).
    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(untagged)]
    enum Derived {
        Bool(bool),
        Integer(i64),
        String(String),
        Unknown(Value),
    }

    #[derive(Debug, PartialEq)]
    enum Mine {
        Bool(bool),
        Integer(i64),
        String(String),
        Unknown(Value),
    }

    impl ByKind for Mine {
        const EXPECTING: &'static str = "a boolean, an integer, a string or any JSON value";
        fn from_bool(v: bool) -> Option<Self> {
            Some(Self::Bool(v))
        }
        fn from_i64(v: i64) -> Option<Self> {
            Some(Self::Integer(v))
        }
        fn from_str(v: &str) -> Option<Self> {
            Some(Self::String(v.to_owned()))
        }
        fn from_json(v: Value) -> Option<Self> {
            Some(Self::Unknown(v))
        }
    }

    impl<'de> Deserialize<'de> for Mine {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize_by_kind(d)
        }
    }

    /// Only numbers and strings, and no fallback: the other kinds are errors.
    #[derive(Debug, PartialEq)]
    enum Strict {
        Number(f64),
        String(String),
    }

    impl ByKind for Strict {
        const EXPECTING: &'static str = "a number or a string";
        fn from_f64(v: f64) -> Option<Self> {
            Some(Self::Number(v))
        }
        fn from_str(v: &str) -> Option<Self> {
            Some(Self::String(v.to_owned()))
        }
    }

    impl<'de> Deserialize<'de> for Strict {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize_by_kind(d)
        }
    }

    /// Strings only: numbers are errors that name them as they were sent.
    #[derive(Debug)]
    struct Text(#[allow(dead_code)] String);

    impl ByKind for Text {
        const EXPECTING: &'static str = "a string";
        fn from_str(v: &str) -> Option<Self> {
            Some(Text(v.to_owned()))
        }
    }

    #[test]
    fn an_integer_nothing_takes_is_named_as_an_integer() {
        for (text, found) in [
            ("-3", "integer `-3`"),
            ("3", "integer `3`"),
            ("2.5", "floating point `2.5`"),
        ] {
            let e = deserialize_by_kind::<_, Text>(&mut serde_json::Deserializer::from_str(text))
                .unwrap_err()
                .to_string();
            assert!(
                e.starts_with(&format!("invalid type: {found}, expected a string")),
                "{text}: {e}"
            );
        }
    }

    const VALUES: &[&str] = &[
        "true",
        "false",
        "0",
        "-3",
        "9223372036854775807",
        "9223372036854775808",
        "18446744073709551615",
        "2.5",
        "-0.0",
        "1e300",
        "\"\"",
        "\"text\"",
        "\"esc\\u00e9aped\"",
        "null",
        "[]",
        "[1,\"a\",{\"b\":null}]",
        "{}",
        "{\"a\":[true,{\"b\":1.5}]}",
    ];

    /// Whatever serde's untagged derive chooses, this chooses too, from text and from a `Value`.
    #[test]
    fn chooses_as_the_untagged_derive_does() {
        let as_derived = |m: Mine| match m {
            Mine::Bool(v) => Derived::Bool(v),
            Mine::Integer(v) => Derived::Integer(v),
            Mine::String(v) => Derived::String(v),
            Mine::Unknown(v) => Derived::Unknown(v),
        };
        for text in VALUES {
            let derived: Derived = serde_json::from_str(text).unwrap();
            let mine: Mine = serde_json::from_str(text).unwrap();
            assert_eq!(as_derived(mine), derived, "{text}");
            let value: Value = serde_json::from_str(text).unwrap();
            let mine = Mine::deserialize(value).unwrap();
            assert_eq!(as_derived(mine), derived, "{text} as a Value");
        }
    }

    #[test]
    fn a_number_variant_takes_integers_and_other_kinds_are_errors() {
        let strict = |text: &str| serde_json::from_str::<Strict>(text);
        assert_eq!(strict("3").unwrap(), Strict::Number(3.0));
        assert_eq!(strict("-3").unwrap(), Strict::Number(-3.0));
        assert_eq!(strict("2.5").unwrap(), Strict::Number(2.5));
        assert_eq!(strict("\"a\"").unwrap(), Strict::String("a".into()));
        for (text, found) in [
            ("true", "boolean `true`"),
            ("null", "null"),
            ("[1]", "sequence"),
            ("{\"a\":1}", "map"),
        ] {
            let e = strict(text).unwrap_err().to_string();
            assert!(
                e.contains(&format!(
                    "invalid type: {found}, expected a number or a string"
                )),
                "{text}: {e}"
            );
        }
    }
}
