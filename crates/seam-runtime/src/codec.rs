//! Serde helpers that generated types call: structs read from objects, forward-compatible
//! string enums, tagged unions, unions of scalars, `Option<Option<T>>` fields, and the empty
//! request body.
//!
//! These are implementation details of the generated crate; their signatures may change.

use serde::de::{self, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use std::fmt;

/// The body of an operation that takes no parameters: `{}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmptyBody;

impl Serialize for EmptyBody {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        serializer.serialize_map(Some(0))?.end()
    }
}

/// Deserializes a string (without allocating when the input allows) into `T` through its
/// `From<&str>`; generated string enums keep unknown values that way.
pub fn deserialize_str_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct StrVisitor<T>(std::marker::PhantomData<T>);
    impl<T: for<'a> From<&'a str>> Visitor<'_> for StrVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }
    }
    deserializer.deserialize_str(StrVisitor(std::marker::PhantomData))
}

mod by_kind;
mod record;
mod tagged;
pub use by_kind::{ByKind, deserialize_by_kind};
pub use record::{Members, Record, deserialize_record};
pub use tagged::TaggedValue;

/// serde, as [`crate::record!`] names it.
#[doc(hidden)]
pub use serde as __serde;

/// `#[serde(with = "...")]` for `Option<Option<T>>` fields: absent → `None` (with
/// `#[serde(default)]`), `null` → `Some(None)`, a value → `Some(Some(value))`.
pub mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes `Some(None)` as `null` and `Some(Some(v))` as `v` (`None` is skipped by the field).
    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a present field: `null` → `Some(None)`.
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Holder {
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "double_option"
        )]
        field: Option<Option<u8>>,
    }

    #[test]
    fn double_option_tells_absent_from_null() {
        let absent: Holder = serde_json::from_str("{}").unwrap();
        let null: Holder = serde_json::from_str(r#"{"field":null}"#).unwrap();
        let set: Holder = serde_json::from_str(r#"{"field":3}"#).unwrap();
        assert_eq!(absent.field, None);
        assert_eq!(null.field, Some(None));
        assert_eq!(set.field, Some(Some(3)));
        assert_eq!(serde_json::to_string(&absent).unwrap(), "{}");
        assert_eq!(serde_json::to_string(&null).unwrap(), r#"{"field":null}"#);
        assert_eq!(serde_json::to_string(&set).unwrap(), r#"{"field":3}"#);
    }

    #[test]
    fn tags_read_as_text() {
        // The text tagged unions match on (`TaggedValue::tag`), here from a `Value`.
        let v = serde_json::json!({"a": "x", "b": true, "c": 1, "d": []});
        let v = TaggedValue::capture(v).unwrap();
        let tag = |v: &TaggedValue, key| v.tag(key).map(|t| t.into_owned());
        assert_eq!(tag(&v, "a").as_deref(), Some("x"));
        assert_eq!(tag(&v, "b").as_deref(), Some("true"));
        assert_eq!(tag(&v, "c").as_deref(), Some("1"));
        assert_eq!(tag(&v, "d"), None);
        assert_eq!(tag(&v, "e"), None);
        assert_eq!(serde_json::to_string(&EmptyBody).unwrap(), "{}");
    }

    #[test]
    fn str_enum_helper_rejects_non_strings() {
        let mut de = serde_json::Deserializer::from_str("12");
        assert!(deserialize_str_enum::<_, String>(&mut de).is_err());
        let mut de = serde_json::Deserializer::from_str(r#""ok""#);
        assert_eq!(deserialize_str_enum::<_, String>(&mut de).unwrap(), "ok");
    }
}
