//! [`OtherMetadata`]: manufacturer metadata this version of the crate has no field for.

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The JSON suffix of manufacturer metadata members (`visionline_metadata`, ...).
const SUFFIX: &str = "_metadata";

/// The `*_metadata` members of a resource that name a manufacturer this version of the crate
/// does not know, kept as received (by JSON name) and written back unchanged.
///
/// Generated structs with manufacturer metadata hold one of these beside their typed metadata
/// fields, so a resource from a newer API version loses nothing when it is decoded and sent on.
/// Other unknown members of the object are ignored, as everywhere in the crate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OtherMetadata(BTreeMap<String, serde_json::Value>);

impl OtherMetadata {
    /// Whether `key` has the form of a manufacturer metadata member (`<manufacturer>_metadata`).
    pub fn is_metadata_key(key: &str) -> bool {
        key.len() > SUFFIX.len() && key.ends_with(SUFFIX)
    }

    /// The value under the JSON name `key` (`acme_metadata`).
    pub fn get(&self, key: &str) -> Option<&serde_json::Value> {
        self.0.get(key)
    }

    /// The first member by JSON name, if any.
    pub fn first(&self) -> Option<(&str, &serde_json::Value)> {
        self.0.iter().next().map(|(k, v)| (k.as_str(), v))
    }

    /// The members, sorted by JSON name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &serde_json::Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// How many members there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds (or replaces) a member, returning the value it replaced. Returns `Err` with the
    /// value when `key` is not of the form `<manufacturer>_metadata`, so nothing but
    /// manufacturer metadata can be sent this way.
    ///
    /// A key of a manufacturer the struct has a typed field for is the caller's to avoid: set
    /// that field instead, or the member is sent twice.
    pub fn insert(
        &mut self,
        key: impl Into<String>,
        value: serde_json::Value,
    ) -> Result<Option<serde_json::Value>, serde_json::Value> {
        let key = key.into();
        if !Self::is_metadata_key(&key) {
            return Err(value);
        }
        Ok(self.0.insert(key, value))
    }

    /// Removes a member, returning its value.
    pub fn remove(&mut self, key: &str) -> Option<serde_json::Value> {
        self.0.remove(key)
    }
}

impl OtherMetadata {
    /// Reads the value of the member `key` from `map`: kept when `key` is manufacturer
    /// metadata (replacing an earlier value), skipped otherwise.
    pub(crate) fn read_member<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        if Self::is_metadata_key(key) {
            self.0.insert(key.to_owned(), map.next_value()?);
        } else {
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

impl Serialize for OtherMetadata {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for OtherMetadata {
    /// Reads a map (as `#[serde(flatten)]` hands over the members the struct has no field
    /// for), keeping the `*_metadata` ones and skipping the rest.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = OtherMetadata;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OtherMetadata, A::Error> {
                let mut out = OtherMetadata::default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    out.read_member(&key, &mut map)?;
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(MapVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Resource {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        known_metadata: Option<serde_json::Value>,
        #[serde(flatten)]
        other: OtherMetadata,
    }

    #[test]
    fn unknown_metadata_is_kept_and_other_members_are_not() {
        let input = json!({
            "id": "x",
            "known_metadata": {"a": 1},
            "acme_metadata": {"card": "7", "n": [1, 2]},
            "new_field": true,
            "_metadata": 3
        });
        let r: Resource = serde_json::from_value(input).unwrap();
        assert_eq!(r.other.len(), 1);
        assert_eq!(
            r.other.get("acme_metadata"),
            Some(&json!({"card": "7", "n": [1, 2]}))
        );
        assert_eq!(r.other.first().map(|(k, _)| k), Some("acme_metadata"));
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            json!({"id": "x", "known_metadata": {"a": 1}, "acme_metadata": {"card": "7", "n": [1, 2]}})
        );
    }

    #[test]
    fn borrowed_keys_from_text_work_too() {
        let r: Resource =
            serde_json::from_str(r#"{"id":"x","zed_metadata":null,"a\u0062_metadata":{}}"#)
                .unwrap();
        assert_eq!(
            r.other.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            ["ab_metadata", "zed_metadata"]
        );
    }

    #[test]
    fn only_metadata_keys_can_be_inserted() {
        let mut m = OtherMetadata::default();
        assert_eq!(m.insert("acme_metadata", json!(1)), Ok(None));
        assert_eq!(m.insert("acme_metadata", json!(2)), Ok(Some(json!(1))));
        assert_eq!(m.insert("custom", json!(3)), Err(json!(3)));
        assert_eq!(m.insert("_metadata", json!(4)), Err(json!(4)));
        assert_eq!(m.remove("acme_metadata"), Some(json!(2)));
        assert!(m.is_empty());
        assert_eq!(serde_json::to_string(&m).unwrap(), "{}");
    }
}
