//! Tagged unions without a `serde_json::Value` detour.
//!
//! With serde_json's own deserializer reading text (`from_slice`, `from_str`, as
//! [`crate::decode_response`] does), the value is captured as its raw text (serde_json's
//! raw-value mechanism, which only skip-scans), the tags are found by a small scanner over the
//! top-level members of that text, and the chosen variant is decoded from the text in one typed
//! pass.
//!
//! Any other self-describing deserializer (a `serde_json::Value` through
//! `serde_json::from_value`, serde's buffered content inside untagged enums, other formats) is
//! read into a buffer of borrowed content (strings point into the input where the deserializer
//! allows it), the tags are read from that buffer, and the variant is decoded from it by
//! reference.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, StrDeserializer};
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess,
    Visitor,
};

mod scan;

/// The newtype name by which serde_json's deserializers hand over a value's raw text (the
/// protocol behind `serde_json::value::RawValue`, enabled by serde_json's `raw_value` feature).
/// A deserializer that does not know it treats the request as an ordinary newtype struct, and
/// the value is then buffered.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

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

impl Content<'_> {
    /// The same content with every string owned.
    fn into_owned(self) -> Content<'static> {
        let owned = |s: Cow<'_, str>| Cow::Owned(s.into_owned());
        match self {
            Content::Null => Content::Null,
            Content::Bool(v) => Content::Bool(v),
            Content::U64(v) => Content::U64(v),
            Content::I64(v) => Content::I64(v),
            Content::F64(v) => Content::F64(v),
            Content::Str(s) => Content::Str(owned(s)),
            Content::Seq(items) => Content::Seq(items.into_iter().map(Self::into_owned).collect()),
            Content::Map(entries) => Content::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (owned(k), v.into_owned()))
                    .collect(),
            ),
        }
    }

    /// A scalar as tag text: strings as they are, booleans and numbers printed.
    fn tag_text(&self) -> Option<Cow<'_, str>> {
        match self {
            Content::Str(s) => Some(Cow::Borrowed(s.as_ref())),
            Content::Bool(true) => Some(Cow::Borrowed("true")),
            Content::Bool(false) => Some(Cow::Borrowed("false")),
            Content::U64(n) => Some(Cow::Owned(n.to_string())),
            Content::I64(n) => Some(Cow::Owned(n.to_string())),
            Content::F64(n) => Some(Cow::Owned(n.to_string())),
            _ => None,
        }
    }
}

/// How a [`TaggedValue`] holds its value.
#[derive(Debug, Clone, PartialEq)]
enum Repr<'de> {
    /// The value's JSON text, borrowed from the input of serde_json's deserializer.
    Raw(&'de str),
    /// The value buffered.
    Content(Content<'de>),
}

/// A value of a tagged union, held so its tags can be read before the variant is chosen.
///
/// Generated code calls [`TaggedValue::capture`], matches on [`TaggedValue::tag`], then calls
/// [`TaggedValue::decode`] for a known variant or [`TaggedValue::to_value`] for an unknown one.
///
/// From serde_json's deserializer over text the value is held as its raw text; from any other
/// self-describing deserializer, as buffered content. Equality compares what is held, so the
/// same JSON captured in the two ways is not equal.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedValue<'de> {
    repr: Repr<'de>,
}

impl<'de> TaggedValue<'de> {
    /// Captures the next value of `deserializer` (any JSON value; tags exist only on objects):
    /// its raw text when the deserializer is serde_json's over borrowed text, else a buffer.
    pub fn capture<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(TaggedValue {
            repr: deserializer.deserialize_newtype_struct(RAW_VALUE_TOKEN, CaptureVisitor)?,
        })
    }

    /// The value of the member `key` as text: strings as they are, booleans and numbers printed
    /// (`true`, `3`). `None` when the value is not an object, lacks the member, or holds
    /// something else there. With duplicate members, the first counts.
    pub fn tag(&self, key: &str) -> Option<Cow<'_, str>> {
        match &self.repr {
            Repr::Raw(text) => {
                let member = scan::member(text, key)?;
                if let Some(plain) = scan::plain_string(member) {
                    return Some(Cow::Borrowed(plain));
                }
                match member.as_bytes().first()? {
                    b'{' | b'[' | b'n' => None,
                    b't' => Some(Cow::Borrowed("true")),
                    b'f' => Some(Cow::Borrowed("false")),
                    // A string with escapes, or a number: read it as serde_json does.
                    _ => {
                        let content = content_from_text(member).ok()?;
                        content.tag_text().map(|text| Cow::Owned(text.into_owned()))
                    }
                }
            }
            Repr::Content(Content::Map(entries)) => {
                let (_, value) = entries.iter().find(|(k, _)| k == key)?;
                value.tag_text()
            }
            Repr::Content(_) => None,
        }
    }

    /// Decodes the value into `T` (a variant's payload), as `E` errors.
    ///
    /// From raw text, serde_json's message is kept without its position (which would count
    /// from the start of this value, not of the whole input).
    pub fn decode<T: Deserialize<'de>, E: de::Error>(&self) -> Result<T, E> {
        if LOCATE.with(Cell::get) {
            return self.decode_locating();
        }
        match &self.repr {
            Repr::Raw(text) => serde_json::from_str(text).map_err(relay),
            Repr::Content(content) => T::deserialize(ContentRef::<E>::new(content)),
        }
    }

    /// [`TaggedValue::decode`] while [`LocateInVariants`] is alive: on failure, the message
    /// starts with the path inside the value where decoding fails.
    fn decode_locating<T: Deserialize<'de>, E: de::Error>(&self) -> Result<T, E> {
        let result = match &self.repr {
            Repr::Raw(text) => {
                serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(text))
            }
            Repr::Content(content) => {
                serde_path_to_error::deserialize(ContentRef::<serde_json::Error>::new(content))
            }
        };
        result.map_err(|err| {
            let message = without_position(err.inner());
            let (nested, message) = split_variant_path(&message);
            let path = join_paths(&err.path().to_string(), nested.unwrap_or("."));
            E::custom(format_args!("{PATH_MARK}{path}{PATH_MARK}{message}"))
        })
    }

    /// The value as a `serde_json::Value` (the fallback of unknown variants).
    pub fn to_value<E: de::Error>(&self) -> Result<serde_json::Value, E> {
        self.decode()
    }

    /// Whether the value is held as raw text (tests check that the fast path is taken).
    #[cfg(test)]
    fn is_raw(&self) -> bool {
        matches!(self.repr, Repr::Raw(_))
    }
}

impl<'de> Deserialize<'de> for TaggedValue<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        TaggedValue::capture(deserializer)
    }
}

thread_local! {
    /// Whether a [`LocateInVariants`] is alive on this thread.
    static LOCATE: Cell<bool> = const { Cell::new(false) };
}

/// Opens and closes the path inside a variant in error messages (see [`LocateInVariants`]).
const PATH_MARK: char = '\u{1}';

/// While alive (on this thread), a tagged-union variant that fails to decode reports where inside
/// the variant it fails, at the start of its error message (read back by [`split_variant_path`]).
///
/// `serde_path_to_error` alone stops at the union (`events[3]`): the variant is decoded from the
/// captured value after the tracked deserializer is done with it. Only the runtime's error path
/// holds one (`failing_path` in decode.rs, once the ordinary decode has failed), so messages
/// shown to callers never carry the path marks.
pub(crate) struct LocateInVariants {
    previous: bool,
}

impl LocateInVariants {
    /// Starts reporting paths inside variants on this thread, until dropped.
    pub(crate) fn enter() -> Self {
        LocateInVariants {
            previous: LOCATE.with(|locate| locate.replace(true)),
        }
    }
}

impl Drop for LocateInVariants {
    fn drop(&mut self) {
        LOCATE.with(|locate| locate.set(self.previous));
    }
}

/// The path inside a tagged-union variant that an error message reports while
/// [`LocateInVariants`] is alive (`created_at`, `warnings[0].created_at`), and the message
/// without it.
pub(crate) fn split_variant_path(message: &str) -> (Option<&str>, &str) {
    message
        .strip_prefix(PATH_MARK)
        .and_then(|rest| rest.split_once(PATH_MARK))
        .map_or((None, message), |(path, rest)| (Some(path), rest))
}

/// `inner` (a path from where `outer` ends) appended to `outer`, both as serde_path_to_error
/// writes paths: `.` for the root, `[3]` for an index, `.` between members.
pub(crate) fn join_paths(outer: &str, inner: &str) -> String {
    if inner == "." || inner.is_empty() {
        outer.to_owned()
    } else if outer == "." || outer.is_empty() {
        inner.to_owned()
    } else if inner.starts_with('[') {
        format!("{outer}{inner}")
    } else {
        format!("{outer}.{inner}")
    }
}

/// A serde_json error as an `E`, with the message kept and the position (" at line 1 column
/// 12", relative to the text it read) dropped: serde_json would otherwise take the position
/// back from the message, and the enclosing deserializer puts its own instead.
fn relay<E: de::Error>(err: serde_json::Error) -> E {
    E::custom(without_position(&err))
}

/// A serde_json error's message without the position it appends.
fn without_position(err: &serde_json::Error) -> String {
    let mut text = err.to_string();
    if err.line() != 0 {
        let position = format!(" at line {} column {}", err.line(), err.column());
        if text.ends_with(&position) {
            text.truncate(text.len() - position.len());
        }
    }
    text
}

/// Buffers JSON text, every string owned.
fn content_from_text(text: &str) -> Result<Content<'static>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let content = ContentSeed.deserialize(&mut de)?;
    de.end()?;
    Ok(content.into_owned())
}

/// Receives either the raw-text protocol (a one-member map whose key is [`RAW_VALUE_TOKEN`]) or,
/// from a deserializer that does not know it, the value itself, which it buffers.
struct CaptureVisitor;

impl<'de> Visitor<'de> for CaptureVisitor {
    type Value = Repr<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Repr<'de>, E> {
        Ok(Repr::Content(Content::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Repr<'de>, E> {
        Ok(Repr::Content(Content::I64(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Repr<'de>, E> {
        Ok(Repr::Content(Content::U64(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Repr<'de>, E> {
        Ok(Repr::Content(Content::F64(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Repr<'de>, E> {
        Ok(Repr::Content(Content::Str(Cow::Owned(v.to_owned()))))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Repr<'de>, E> {
        Ok(Repr::Content(Content::Str(Cow::Borrowed(v))))
    }
    fn visit_string<E>(self, v: String) -> Result<Repr<'de>, E> {
        Ok(Repr::Content(Content::Str(Cow::Owned(v))))
    }
    fn visit_unit<E>(self) -> Result<Repr<'de>, E> {
        Ok(Repr::Content(Content::Null))
    }
    fn visit_none<E>(self) -> Result<Repr<'de>, E> {
        Ok(Repr::Content(Content::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Repr<'de>, D::Error> {
        d.deserialize_any(ContentVisitor).map(Repr::Content)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Repr<'de>, D::Error> {
        d.deserialize_any(ContentVisitor).map(Repr::Content)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Repr<'de>, A::Error> {
        ContentVisitor.visit_seq(seq).map(Repr::Content)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Repr<'de>, A::Error> {
        let Some(key) = map.next_key_seed(KeySeed)? else {
            return Ok(Repr::Content(Content::Map(Vec::new())));
        };
        if key == RAW_VALUE_TOKEN {
            return map.next_value_seed(RawSeed);
        }
        let first = (key, map.next_value_seed(ContentSeed)?);
        collect_map(Some(first), map).map(Repr::Content)
    }
}

/// The raw text of a value: borrowed text is kept as it is; owned text (serde_json reading
/// from an `io::Read`, or from a `Value`) is buffered.
struct RawSeed;

impl<'de> DeserializeSeed<'de> for RawSeed {
    type Value = Repr<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Repr<'de>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for RawSeed {
    type Value = Repr<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the raw text of a JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Repr<'de>, E> {
        Ok(Repr::Raw(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Repr<'de>, E> {
        content_from_text(v).map(Repr::Content).map_err(relay)
    }
}

/// The rest of a map after the `first` entry, buffered.
fn collect_map<'de, A: MapAccess<'de>>(
    first: Option<(Cow<'de, str>, Content<'de>)>,
    mut map: A,
) -> Result<Content<'de>, A::Error> {
    let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(8).min(64) + 1);
    entries.extend(first);
    while let Some(key) = map.next_key_seed(KeySeed)? {
        entries.push((key, map.next_value_seed(ContentSeed)?));
    }
    Ok(Content::Map(entries))
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
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Content<'de>, A::Error> {
        collect_map(None, map)
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
struct KeySeed;

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

    /// Captured from text by serde_json: held raw.
    fn raw(text: &str) -> TaggedValue<'_> {
        let value: TaggedValue<'_> = serde_json::from_str(text).unwrap();
        assert!(value.is_raw(), "{text}");
        value
    }

    /// Captured from a `serde_json::Value`: buffered.
    fn from_value(text: &str) -> TaggedValue<'static> {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let captured = TaggedValue::deserialize(value).unwrap();
        assert!(!captured.is_raw(), "{text}");
        captured
    }

    /// Captured from serde's own buffer of the text (as inside an untagged enum): buffered,
    /// duplicate members kept.
    fn buffered(text: &str) -> TaggedValue<'_> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Untagged<'a> {
            Captured(#[serde(borrow)] TaggedValue<'a>),
        }
        let Untagged::Captured(captured) = serde_json::from_str(text).unwrap();
        assert!(!captured.is_raw(), "{text}");
        captured
    }

    #[test]
    fn reads_tags_and_decodes_from_text_and_from_value() {
        let value = raw(TEXT);
        assert_eq!(value.tag("kind").as_deref(), Some("a\"b"));
        let payload: Payload = value.decode::<_, serde_json::Error>().unwrap();
        assert_eq!(payload.list, vec![Some(1), None, Some(-2)]);
        assert_eq!(payload.mode, Some(Mode::Cool { level: 2 }));
        assert_eq!(payload.nested["x"], json!({"y": [true]}));
        let whole: serde_json::Value = serde_json::from_str(TEXT).unwrap();
        for captured in [raw(TEXT), buffered(TEXT), from_value(TEXT)] {
            assert_eq!(captured.tag("flag").as_deref(), Some("true"));
            assert_eq!(captured.tag("n").as_deref(), Some("3"));
            assert_eq!(captured.tag("list"), None);
            assert_eq!(captured.tag("missing"), None);
            let back: serde_json::Value = captured.to_value::<serde_json::Error>().unwrap();
            assert_eq!(back, whole);
            let payload: Payload = captured.decode::<_, serde_json::Error>().unwrap();
            assert_eq!(payload.kind, "a\"b");
        }
        let unit: Mode = TaggedValue::deserialize(json!("heat"))
            .and_then(|v| v.decode())
            .unwrap();
        assert_eq!(unit, Mode::Heat);
        let unit: Mode = raw(r#""heat""#).decode::<_, serde_json::Error>().unwrap();
        assert_eq!(unit, Mode::Heat);
    }

    #[test]
    fn raw_and_buffered_tags_agree() {
        for (text, tag) in [
            // Escaped keys and values.
            (r#"{"k\u0069nd":"x"}"#, Some("x")),
            (r#"{"kind":"a\"b"}"#, Some("a\"b")),
            (r#"{"kind":"caf\u00e9"}"#, Some("café")),
            (r#"{"ki\"nd":"no","kind":"yes"}"#, Some("yes")),
            // Members of nested objects, and keys inside strings, do not count.
            (r#"{"data":{"kind":"inner"},"kind":"outer"}"#, Some("outer")),
            (r#"{"data":{"kind":"inner"},"list":[{"kind":"x"}]}"#, None),
            (
                r#"{"note":"\"kind\":\"fake\"","kind":"real"}"#,
                Some("real"),
            ),
            (
                r#"{"note":"\\","kind":"after a backslash"}"#,
                Some("after a backslash"),
            ),
            // Whitespace anywhere.
            (
                " {\n \"a\" : [ 1 , { } ] ,\t\"kind\"\r\n:\t\"x\" } ",
                Some("x"),
            ),
            // The first of duplicates.
            (r#"{"kind":"a","kind":"b"}"#, Some("a")),
            // Missing.
            (r#"{"other":"x"}"#, None),
            ("{}", None),
            // Not objects.
            (r#"[{"kind":"x"}]"#, None),
            (r#""kind""#, None),
            ("12", None),
            ("null", None),
            // Tags that are not strings: booleans and numbers printed, the rest not tags.
            (r#"{"kind":true}"#, Some("true")),
            (r#"{"kind":false}"#, Some("false")),
            (r#"{"kind":3}"#, Some("3")),
            (r#"{"kind":-3}"#, Some("-3")),
            (r#"{"kind":1.5}"#, Some("1.5")),
            (r#"{"kind":3.0}"#, Some("3")),
            (r#"{"kind":1e2}"#, Some("100")),
            (r#"{"kind":null}"#, None),
            (r#"{"kind":{"a":1}}"#, None),
            (r#"{"kind":["x"]}"#, None),
        ] {
            assert_eq!(raw(text).tag("kind").as_deref(), tag, "raw {text}");
            assert_eq!(
                buffered(text).tag("kind").as_deref(),
                tag,
                "buffered {text}"
            );
            // A `serde_json::Value` keeps the last of duplicate members.
            let from_value_tag = if text == r#"{"kind":"a","kind":"b"}"# {
                Some("b")
            } else {
                tag
            };
            assert_eq!(
                from_value(text).tag("kind").as_deref(),
                from_value_tag,
                "from a Value: {text}"
            );
        }
    }

    /// A tagged union written as the generator writes them.
    #[derive(Debug, PartialEq)]
    enum Shape {
        Circle(Circle),
        Unknown(serde_json::Value),
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Circle {
        kind: String,
        radius: f64,
        #[serde(default)]
        inner: Option<Box<Shape>>,
    }

    impl<'de> Deserialize<'de> for Shape {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let value = TaggedValue::capture(deserializer)?;
            match (value.tag("kind").as_deref(),) {
                (Some("circle"),) => value.decode().map(Self::Circle),
                _ => value.to_value().map(Self::Unknown),
            }
        }
    }

    /// Through serde's own buffering (untagged enums buffer, then try each variant).
    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(untagged)]
    enum Either {
        Shape(Shape),
    }

    const SHAPES: &str = r#"[{"radius":1,"kind":"circle","inner":{"kind":"circle","radius":2}},{"kind":"square","side":2,"deep":{"kind":"circle"}},"text",7]"#;

    fn expected_shapes() -> Vec<Shape> {
        vec![
            Shape::Circle(Circle {
                kind: "circle".into(),
                radius: 1.0,
                inner: Some(Box::new(Shape::Circle(Circle {
                    kind: "circle".into(),
                    radius: 2.0,
                    inner: None,
                }))),
            }),
            Shape::Unknown(json!({"kind":"square","side":2,"deep":{"kind":"circle"}})),
            Shape::Unknown(json!("text")),
            Shape::Unknown(json!(7)),
        ]
    }

    #[test]
    fn unions_decode_alike_through_every_deserializer() {
        let expected = expected_shapes();
        let from_str: Vec<Shape> = serde_json::from_str(SHAPES).unwrap();
        assert_eq!(from_str, expected);
        let from_slice: Vec<Shape> = serde_json::from_slice(SHAPES.as_bytes()).unwrap();
        assert_eq!(from_slice, expected);
        let from_reader: Vec<Shape> = serde_json::from_reader(SHAPES.as_bytes()).unwrap();
        assert_eq!(from_reader, expected);
        let value: serde_json::Value = serde_json::from_str(SHAPES).unwrap();
        let from_value: Vec<Shape> = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(from_value, expected);
        let tracked: Vec<Shape> =
            serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(SHAPES))
                .unwrap();
        assert_eq!(tracked, expected);
        let untagged: Vec<Either> = serde_json::from_str(SHAPES).unwrap();
        assert_eq!(
            untagged,
            expected.into_iter().map(Either::Shape).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_bad_variant_keeps_serde_jsons_message() {
        let bad = r#"[{"kind":"circle","radius":1},{"kind":"circle","radius":"x"}]"#;
        for err in [
            serde_json::from_str::<Vec<Shape>>(bad).unwrap_err(),
            serde_json::from_value::<Vec<Shape>>(serde_json::from_str(bad).unwrap()).unwrap_err(),
        ] {
            let shown = err.to_string();
            assert!(
                shown.starts_with(r#"invalid type: string "x", expected f64"#),
                "{shown}"
            );
            // One position at most: the enclosing deserializer's, never the variant text's.
            assert!(shown.matches(" at line ").count() <= 1, "{shown}");
            assert_eq!(err.classify(), serde_json::error::Category::Data);
        }
        let err = serde_json::from_str::<Vec<Shape>>(bad).unwrap_err();
        // The enclosing deserializer's position (serde_json's array reads its `]` before it
        // places the error), as with the buffered decode.
        assert_eq!((err.line(), err.column()), (1, bad.len()));
        let missing = raw(r#"{"kind":"circle"}"#)
            .decode::<Circle, serde_json::Error>()
            .unwrap_err();
        assert_eq!(missing.to_string(), "missing field `radius`");
    }

    #[test]
    fn while_locating_a_failed_variant_says_where_inside_it_fails() {
        let bad = r#"[{"kind":"circle","radius":1},{"kind":"circle","radius":2,"inner":{"kind":"circle","radius":"x"}}]"#;
        let plain = serde_json::from_str::<Vec<Shape>>(bad)
            .unwrap_err()
            .to_string();
        assert_eq!(split_variant_path(&plain), (None, plain.as_str()));
        {
            let _locate = LocateInVariants::enter();
            for err in [
                serde_json::from_str::<Vec<Shape>>(bad).unwrap_err(),
                serde_json::from_value::<Vec<Shape>>(serde_json::from_str(bad).unwrap())
                    .unwrap_err(),
            ] {
                let shown = err.to_string();
                let (path, message) = split_variant_path(&shown);
                assert_eq!(path, Some("inner.radius"), "{shown}");
                assert!(
                    message.starts_with(r#"invalid type: string "x", expected f64"#),
                    "{shown}"
                );
            }
            let missing = raw(r#"{"kind":"circle"}"#)
                .decode::<Circle, serde_json::Error>()
                .unwrap_err()
                .to_string();
            assert_eq!(
                split_variant_path(&missing),
                (Some("."), "missing field `radius`")
            );
        }
        // Dropping the guard ends it.
        let again = serde_json::from_str::<Vec<Shape>>(bad)
            .unwrap_err()
            .to_string();
        assert_eq!(again, plain);
    }

    #[test]
    fn paths_join_as_serde_path_to_error_writes_them() {
        assert_eq!(
            join_paths("events[3]", "created_at"),
            "events[3].created_at"
        );
        assert_eq!(join_paths("events", "[3].x"), "events[3].x");
        assert_eq!(join_paths("events[3]", "."), "events[3]");
        assert_eq!(join_paths(".", "created_at"), "created_at");
        assert_eq!(join_paths(".", "."), ".");
    }

    #[test]
    fn non_objects_have_no_tags_and_errors_are_the_callers() {
        for v in [raw("[1,2]"), buffered("[1,2]"), from_value("[1,2]")] {
            assert_eq!(v.tag("kind"), None);
            assert_eq!(v.to_value::<serde_json::Error>().unwrap(), json!([1, 2]));
        }
        let v = raw(r#"{"kind":"k","n":"x"}"#);
        let err = v.decode::<Payload, serde_json::Error>().unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
        for bad in ["{", r#"{"kind":"x""#, r#"{"kind" "x"}"#, "[1,]", ""] {
            assert!(
                serde_json::from_str::<TaggedValue<'_>>(bad).is_err(),
                "{bad}"
            );
            assert!(serde_json::from_str::<Vec<Shape>>(bad).is_err(), "{bad}");
        }
    }
}
