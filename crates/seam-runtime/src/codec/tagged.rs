//! Tagged unions without a `serde_json::Value` detour: the value is buffered once as borrowed
//! content (strings point into the input where the deserializer allows it, as serde_json's
//! `from_slice`/`from_str` do), the tags are read from that buffer, and the chosen variant is
//! decoded from it by reference, with no second parse.
//!
//! Works with any self-describing deserializer, including a `serde_json::Value`
//! (`serde_json::from_value`), whose strings are then owned instead of borrowed.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, StrDeserializer};
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess,
    Visitor,
};

/// One buffered JSON value.
#[derive(Debug, Clone, PartialEq)]
enum Content<'de> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(Cow<'de, str>),
    Seq(Vec<Content<'de>>),
    Map(Vec<(Cow<'de, str>, Content<'de>)>),
}

/// A value of a tagged union, buffered so its tags can be read before the variant is chosen.
///
/// Generated code calls [`TaggedValue::capture`], matches on [`TaggedValue::tag`], then calls
/// [`TaggedValue::decode`] for a known variant or [`TaggedValue::to_value`] for an unknown one.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedValue<'de> {
    content: Content<'de>,
}

impl<'de> TaggedValue<'de> {
    /// Buffers the next value of `deserializer` (any JSON value; tags exist only on objects).
    pub fn capture<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(TaggedValue {
            content: deserializer.deserialize_any(ContentVisitor)?,
        })
    }

    /// The value of the member `key` as text: strings as they are, booleans and numbers printed
    /// (`true`, `3`). `None` when the value is not an object, lacks the member, or holds
    /// something else there.
    pub fn tag(&self, key: &str) -> Option<Cow<'_, str>> {
        let Content::Map(entries) = &self.content else {
            return None;
        };
        let (_, value) = entries.iter().find(|(k, _)| k == key)?;
        match value {
            Content::Str(s) => Some(Cow::Borrowed(s.as_ref())),
            Content::Bool(true) => Some(Cow::Borrowed("true")),
            Content::Bool(false) => Some(Cow::Borrowed("false")),
            Content::U64(n) => Some(Cow::Owned(n.to_string())),
            Content::I64(n) => Some(Cow::Owned(n.to_string())),
            Content::F64(n) => Some(Cow::Owned(n.to_string())),
            _ => None,
        }
    }

    /// Decodes the buffered value into `T` (a variant's payload), as `E` errors.
    pub fn decode<T: Deserialize<'de>, E: de::Error>(&self) -> Result<T, E> {
        T::deserialize(ContentRef::<E>::new(&self.content))
    }

    /// The buffered value as a `serde_json::Value` (the fallback of unknown variants).
    pub fn to_value<E: de::Error>(&self) -> Result<serde_json::Value, E> {
        self.decode()
    }
}

impl<'de> Deserialize<'de> for TaggedValue<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        TaggedValue::capture(deserializer)
    }
}

struct ContentVisitor;

impl<'de> Visitor<'de> for ContentVisitor {
    type Value = Content<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Content<'de>, E> {
        Ok(Content::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Content<'de>, E> {
        Ok(Content::I64(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Content<'de>, E> {
        Ok(Content::U64(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Content<'de>, E> {
        Ok(Content::F64(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Content<'de>, E> {
        Ok(Content::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Content<'de>, E> {
        Ok(Content::Str(Cow::Borrowed(v)))
    }
    fn visit_string<E>(self, v: String) -> Result<Content<'de>, E> {
        Ok(Content::Str(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> Result<Content<'de>, E> {
        Ok(Content::Null)
    }
    fn visit_none<E>(self) -> Result<Content<'de>, E> {
        Ok(Content::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Content<'de>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Content<'de>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Content<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element_seed(ContentSeed)? {
            items.push(item);
        }
        Ok(Content::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Content<'de>, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(8).min(64));
        while let Some(key) = map.next_key_seed(KeySeed)? {
            entries.push((key, map.next_value_seed(ContentSeed)?));
        }
        Ok(Content::Map(entries))
    }
}

struct ContentSeed;

impl<'de> DeserializeSeed<'de> for ContentSeed {
    type Value = Content<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Content<'de>, D::Error> {
        d.deserialize_any(ContentVisitor)
    }
}

/// An object key, borrowed when the deserializer allows.
pub(super) struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }
    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}

/// Deserializes from buffered content by reference.
struct ContentRef<'a, 'de, E> {
    content: &'a Content<'de>,
    marker: PhantomData<E>,
}

impl<'a, 'de, E> ContentRef<'a, 'de, E> {
    fn new(content: &'a Content<'de>) -> Self {
        ContentRef {
            content,
            marker: PhantomData,
        }
    }
}

impl<'de, E: de::Error> Deserializer<'de> for ContentRef<'_, 'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.content {
            Content::Null => visitor.visit_unit(),
            Content::Bool(v) => visitor.visit_bool(*v),
            Content::U64(v) => visitor.visit_u64(*v),
            Content::I64(v) => visitor.visit_i64(*v),
            Content::F64(v) => visitor.visit_f64(*v),
            Content::Str(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Content::Str(Cow::Owned(s)) => visitor.visit_str(s),
            Content::Seq(items) => {
                let mut seq = SeqRef::<E> {
                    items: items.iter(),
                    marker: PhantomData,
                };
                let value = visitor.visit_seq(&mut seq)?;
                match seq.items.len() {
                    0 => Ok(value),
                    rest => Err(de::Error::invalid_length(
                        items.len() - rest,
                        &"fewer elements in the array",
                    )),
                }
            }
            Content::Map(entries) => {
                let mut map = MapRef::<E> {
                    entries: entries.iter(),
                    value: None,
                };
                let value = visitor.visit_map(&mut map)?;
                match map.entries.len() {
                    0 => Ok(value),
                    rest => Err(de::Error::invalid_length(
                        entries.len() - rest,
                        &"fewer members in the object",
                    )),
                }
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.content {
            Content::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        match self.content {
            Content::Str(Cow::Borrowed(s)) => {
                visitor.visit_enum(BorrowedStrDeserializer::<E>::new(s))
            }
            Content::Str(Cow::Owned(s)) => {
                visitor.visit_enum(IntoDeserializer::<E>::into_deserializer(s.as_str()))
            }
            Content::Map(entries) if entries.len() == 1 => {
                visitor.visit_enum(MapAccessDeserializer::new(MapRef::<E> {
                    entries: entries.iter(),
                    value: None,
                }))
            }
            _ => Err(de::Error::invalid_type(
                de::Unexpected::Other("a value that is not an enum"),
                &"a string or an object with one member",
            )),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

struct SeqRef<'a, 'de, E> {
    items: std::slice::Iter<'a, Content<'de>>,
    marker: PhantomData<E>,
}

impl<'de, E: de::Error> SeqAccess<'de> for SeqRef<'_, 'de, E> {
    type Error = E;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, E> {
        self.items
            .next()
            .map(|item| seed.deserialize(ContentRef::new(item)))
            .transpose()
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapRef<'a, 'de, E> {
    entries: std::slice::Iter<'a, (Cow<'de, str>, Content<'de>)>,
    value: Option<(&'a Content<'de>, PhantomData<E>)>,
}

impl<'de, E: de::Error> MapAccess<'de> for MapRef<'_, 'de, E> {
    type Error = E;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, E> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some((value, PhantomData));
        match key {
            Cow::Borrowed(k) => seed.deserialize(BorrowedStrDeserializer::<E>::new(k)),
            Cow::Owned(k) => seed.deserialize(StrDeserializer::<E>::new(k)),
        }
        .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, E> {
        match self.value.take() {
            Some((value, _)) => seed.deserialize(ContentRef::new(value)),
            None => Err(de::Error::custom("a value was asked for before its key")),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Payload {
        kind: String,
        n: f64,
        list: Vec<Option<i64>>,
        nested: std::collections::BTreeMap<String, serde_json::Value>,
        #[serde(default)]
        mode: Option<Mode>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Mode {
        Heat,
        Cool { level: u8 },
    }

    const TEXT: &str = r#"{"kind":"a\"b","n":3,"list":[1,null,-2],"nested":{"x":{"y":[true]}},"flag":true,"mode":{"cool":{"level":2}}}"#;

    fn captured_from_slice<T: for<'de> Deserialize<'de>>(text: &str) -> (Option<String>, T) {
        let value: TaggedValue<'_> = serde_json::from_str(text).unwrap();
        let tag = value.tag("kind").map(Cow::into_owned);
        (tag, value.decode::<T, serde_json::Error>().unwrap())
    }

    #[test]
    fn reads_tags_and_decodes_from_text_and_from_value() {
        let (tag, payload) = captured_from_slice::<Payload>(TEXT);
        assert_eq!(tag.as_deref(), Some("a\"b"));
        assert_eq!(payload.list, vec![Some(1), None, Some(-2)]);
        assert_eq!(payload.mode, Some(Mode::Cool { level: 2 }));
        assert_eq!(payload.nested["x"], json!({"y": [true]}));
        let value: serde_json::Value = serde_json::from_str(TEXT).unwrap();
        let captured = TaggedValue::deserialize(value.clone()).unwrap();
        assert_eq!(captured.tag("flag").as_deref(), Some("true"));
        assert_eq!(captured.tag("n").as_deref(), Some("3"));
        assert_eq!(captured.tag("list"), None);
        assert_eq!(captured.tag("missing"), None);
        let back: serde_json::Value = captured.to_value::<serde_json::Error>().unwrap();
        assert_eq!(back, value);
        let unit: Mode = TaggedValue::deserialize(json!("heat"))
            .and_then(|v| v.decode())
            .unwrap();
        assert_eq!(unit, Mode::Heat);
    }

    #[test]
    fn non_objects_have_no_tags_and_errors_are_the_callers() {
        let v: TaggedValue<'_> = serde_json::from_str("[1,2]").unwrap();
        assert_eq!(v.tag("kind"), None);
        assert_eq!(v.to_value::<serde_json::Error>().unwrap(), json!([1, 2]));
        let v: TaggedValue<'_> = serde_json::from_str(r#"{"kind":"k","n":"x"}"#).unwrap();
        let err = v.decode::<Payload, serde_json::Error>().unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
        assert!(serde_json::from_str::<TaggedValue<'_>>("{").is_err());
    }
}
