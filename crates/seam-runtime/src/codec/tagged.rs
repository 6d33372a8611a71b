//! Tagged unions without a `serde_json::Value` detour: the value is held as JSON text, its tags
//! are found by a small scanner over the top-level members of that text, and the chosen variant
//! is decoded from the text in one typed pass.
//!
//! With serde_json's own deserializer reading text (`from_slice`, `from_str`, as
//! [`crate::decode_response`] does), the text is borrowed from the input: serde_json's
//! raw-value mechanism hands it over after a skip-scan, building nothing. serde_json reading a
//! `serde_json::Value` (`from_value`) or an `io::Read` hands over owned text. Any other
//! self-describing deserializer (serde's buffer inside untagged enums, other formats) is read
//! into a buffer and written out as JSON text.
//!
//! Every variant is thus decoded by one deserializer type (serde_json's over `&str`), which
//! keeps the code generated for the unions' variants to one copy.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};
use serde::{Deserialize, Serialize, Serializer};

mod scan;

/// The newtype name by which serde_json's deserializers hand over a value's raw text (the
/// protocol behind `serde_json::value::RawValue`, enabled by serde_json's `raw_value` feature).
/// A deserializer that does not know it treats the request as an ordinary newtype struct (or
/// ignores it), and the value is then buffered.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// A value of a tagged union, held as JSON text so its tags can be read before the variant is
/// chosen.
///
/// Generated code calls [`TaggedValue::capture`], matches on [`TaggedValue::tag`], then calls
/// [`TaggedValue::decode`] for a known variant or [`TaggedValue::to_value`] for an unknown one.
/// Equality compares the texts.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedValue<'de> {
    text: Cow<'de, str>,
}

impl<'de> TaggedValue<'de> {
    /// Captures the next value of `deserializer` (any JSON value; tags exist only on objects):
    /// its raw text when the deserializer is serde_json's (borrowed when it reads borrowed
    /// input), else the value buffered and written out as JSON.
    pub fn capture<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(TaggedValue {
            text: deserializer.deserialize_newtype_struct(RAW_VALUE_TOKEN, CaptureVisitor)?,
        })
    }

    /// The value of the member `key` as text: strings as they are, booleans and numbers printed
    /// (`true`, `3`; `3.0` and `3e0` print as `3`). `None` when the value is not an object,
    /// lacks the member, or holds something else there. With duplicate members, the first
    /// counts.
    pub fn tag(&self, key: &str) -> Option<Cow<'_, str>> {
        let member = scan::member(&self.text, key)?;
        if let Some(plain) = scan::plain_string(member) {
            return Some(Cow::Borrowed(plain));
        }
        match member.as_bytes().first()? {
            b'"' => serde_json::from_str::<String>(member).ok().map(Cow::Owned),
            b't' if member == "true" => Some(Cow::Borrowed("true")),
            b'f' if member == "false" => Some(Cow::Borrowed("false")),
            b'-' | b'0'..=b'9' => {
                let number = serde_json::from_str::<serde_json::Number>(member).ok()?;
                Some(Cow::Owned(match (number.as_u64(), number.as_i64()) {
                    (Some(n), _) => n.to_string(),
                    (None, Some(n)) => n.to_string(),
                    (None, None) => number.as_f64()?.to_string(),
                }))
            }
            _ => None,
        }
    }

    /// Decodes the value into `T` (a variant's payload), as `E` errors: serde_json's message,
    /// without its position (which would count from the start of this value, not of the input;
    /// the enclosing deserializer adds its own).
    pub fn decode<T: DeserializeOwned, E: de::Error>(&self) -> Result<T, E> {
        serde_json::from_str(&self.text).map_err(|err| variant_error(&self.text, &err))
    }

    /// The value as a `serde_json::Value` (the fallback of unknown variants).
    pub fn to_value<E: de::Error>(&self) -> Result<serde_json::Value, E> {
        self.decode()
    }

    /// Whether the text is borrowed from the input (tests check that the fast path is taken).
    #[cfg(test)]
    fn is_borrowed(&self) -> bool {
        matches!(self.text, Cow::Borrowed(_))
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

/// Separates the parts of a located error message (see [`LocateInVariants`]).
const MARK: char = '\u{1}';

/// While alive (on this thread), a tagged-union variant that fails to decode says where inside
/// the variant it fails, at the start of its error message (read back by
/// [`split_variant_path`]).
///
/// `serde_path_to_error` alone stops at the union (`events[3]`): the variant is decoded from the
/// captured text after the tracked deserializer is done with it. The place inside is found in
/// that text, from serde_json's error position or from the text of a nested union that failed,
/// so no second typed decoder exists. Only the runtime's error path holds one (`failing_path`
/// in decode.rs, once the ordinary decode has failed), so messages shown to callers never carry
/// the marks.
pub(crate) struct LocateInVariants {
    previous: bool,
}

impl LocateInVariants {
    /// Starts saying where inside variants decoding fails on this thread, until dropped.
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

/// A located error message: where the failing union's text starts in memory, the path inside
/// it, and the message.
fn split_located(message: &str) -> Option<(usize, &str, &str)> {
    let rest = message.strip_prefix(MARK)?;
    let (address, rest) = rest.split_once(MARK)?;
    let (path, rest) = rest.split_once(MARK)?;
    Some((address.parse().ok()?, path, rest))
}

/// The path inside a tagged-union variant that an error message reports while
/// [`LocateInVariants`] is alive (`created_at`, `warnings[0].created_at`, `.` for the variant
/// itself), and the message without it.
pub(crate) fn split_variant_path(message: &str) -> (Option<&str>, &str) {
    match split_located(message) {
        Some((_, path, rest)) => (Some(path), rest),
        None => (None, message),
    }
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

/// The error of a variant that does not decode from `text`: serde_json's message without its
/// position, located inside the text while [`LocateInVariants`] is alive.
fn variant_error<E: de::Error>(text: &str, err: &serde_json::Error) -> E {
    let message = without_position(err);
    if !LOCATE.with(Cell::get) {
        return E::custom(message);
    }
    let start = text.as_ptr() as usize;
    let (path, rest) = match split_located(&message) {
        // A union nested in this one failed: its text lies inside this text.
        Some((address, inner, rest)) if (start..start + text.len()).contains(&address) => (
            join_paths(&scan::path_at(text, address - start), inner),
            rest,
        ),
        _ => {
            let path = scan::offset_of(text, err.line(), err.column())
                .map_or_else(|| ".".to_owned(), |offset| scan::path_at(text, offset));
            (path, message.as_str())
        }
    };
    E::custom(format_args!("{MARK}{start}{MARK}{path}{MARK}{rest}"))
}

/// A serde_json error's message without the position it appends (" at line 1 column 12"):
/// serde_json would otherwise take that position back from the message.
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

/// Buffered content written out as JSON text.
fn to_text<E: de::Error>(content: &Content<'_>) -> Result<Cow<'static, str>, E> {
    serde_json::to_string(content)
        .map(Cow::Owned)
        .map_err(E::custom)
}

/// Receives either the raw-text protocol (a one-member map whose key is [`RAW_VALUE_TOKEN`]) or,
/// from a deserializer that does not know it, the value itself, which it buffers and writes
/// out as JSON text.
struct CaptureVisitor;

impl<'de> Visitor<'de> for CaptureVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Cow<'de, str>, E> {
        to_text(&Content::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cow<'de, str>, E> {
        to_text(&Content::I64(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cow<'de, str>, E> {
        to_text(&Content::U64(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cow<'de, str>, E> {
        to_text(&Content::F64(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cow<'de, str>, E> {
        to_text(&Content::Str(Cow::Borrowed(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Cow<'de, str>, E> {
        to_text(&Content::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Cow<'de, str>, E> {
        to_text(&Content::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        to_text(&d.deserialize_any(ContentVisitor)?)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        to_text(&d.deserialize_any(ContentVisitor)?)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Cow<'de, str>, A::Error> {
        to_text(&ContentVisitor.visit_seq(seq)?)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cow<'de, str>, A::Error> {
        let Some(key) = map.next_key_seed(KeySeed)? else {
            return Ok(Cow::Borrowed("{}"));
        };
        if key == RAW_VALUE_TOKEN {
            return map.next_value_seed(RawSeed);
        }
        let first = (key, map.next_value_seed(ContentSeed)?);
        to_text(&collect_map(Some(first), map)?)
    }
}

/// The raw text of a value, borrowed when the deserializer allows.
struct RawSeed;

impl<'de> DeserializeSeed<'de> for RawSeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for RawSeed {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the raw text of a JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}

/// One buffered value of a deserializer that is not serde_json's.
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

/// Written out as JSON, members in their order (duplicates kept).
impl Serialize for Content<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Content::Null => serializer.serialize_unit(),
            Content::Bool(v) => serializer.serialize_bool(*v),
            Content::U64(v) => serializer.serialize_u64(*v),
            Content::I64(v) => serializer.serialize_i64(*v),
            Content::F64(v) => serializer.serialize_f64(*v),
            Content::Str(s) => serializer.serialize_str(s),
            Content::Seq(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Content::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
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

    /// Captured from text by serde_json: borrowed.
    fn raw(text: &str) -> TaggedValue<'_> {
        let value: TaggedValue<'_> = serde_json::from_str(text).unwrap();
        assert!(value.is_borrowed(), "{text}");
        value
    }

    /// Captured from a `serde_json::Value`: owned text.
    fn from_value(text: &str) -> TaggedValue<'static> {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let captured = TaggedValue::deserialize(value).unwrap();
        assert!(!captured.is_borrowed(), "{text}");
        captured
    }

    /// Captured from serde's own buffer of the text (as inside an untagged enum): buffered and
    /// written out, duplicate members kept.
    fn buffered(text: &str) -> TaggedValue<'_> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Untagged<'a> {
            Captured(#[serde(borrow)] TaggedValue<'a>),
        }
        let Untagged::Captured(captured) = serde_json::from_str(text).unwrap();
        assert!(!captured.is_borrowed(), "{text}");
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
