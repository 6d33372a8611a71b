//! Decoding response bodies: one field of the top-level object (skipping the rest with
//! `IgnoredAny`, no `serde_json::Value` buffering), Seam error objects, and bounded body excerpts.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use crate::error::{ApiError, DecodeError, DecodeErrorKind, Error, InvalidInputError};

/// Longest body excerpt kept in an error, in bytes (cut at a character boundary).
pub(crate) const EXCERPT_LIMIT: usize = 512;

/// A response as the transport hands it over: status, request id and the whole body.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub status: u16,
    pub request_id: Option<String>,
    /// The `Content-Type` response header, when present and readable.
    pub content_type: Option<String>,
    pub path: &'static str,
    pub body: Vec<u8>,
}

impl RawResponse {
    /// Decodes the body as [`decode_response`] does, with failures as [`Error::Decode`].
    pub(crate) fn decode<T: DeserializeOwned>(&self, key: Option<&str>) -> Result<T, Error> {
        decode_response(&self.body, key).map_err(|e| {
            let mut error = self.decode_error(&e);
            // Only on failure: decode again, tracking where in the body it goes wrong.
            if let Error::Decode(details) = &mut error
                && details.kind == DecodeErrorKind::Shape
            {
                details.at = failing_path::<T>(&self.body, key);
            }
            error
        })
    }

    /// Checks that the body is one JSON value, without building it.
    pub(crate) fn check_json(&self) -> Result<(), Error> {
        // A success without content (204, or a 200 whose spec declares no body) is fine here:
        // the caller expects nothing.
        if self.body.is_empty() {
            return Ok(());
        }
        serde_json::from_slice::<IgnoredAny>(&self.body)
            .map(|_| ())
            .map_err(|e| self.decode_error(&e))
    }

    /// Turns a serde_json error on this body into [`Error::Decode`].
    pub(crate) fn decode_error(&self, err: &serde_json::Error) -> Error {
        let kind = match err.classify() {
            serde_json::error::Category::Eof => DecodeErrorKind::Truncated,
            serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
                DecodeErrorKind::NotJson
            }
            serde_json::error::Category::Data => DecodeErrorKind::Shape,
        };
        Error::Decode(Box::new(DecodeError {
            kind,
            status: self.status,
            path: self.path,
            request_id: self.request_id.clone(),
            message: err.to_string(),
            excerpt: excerpt(&self.body),
            at: None,
        }))
    }
}

/// Where in `body` decoding it as [`decode_response`] does fails: a JSON path such as
/// `devices[3].created_at`, or `None` when it does not fail or fails at the top.
fn failing_path<T: DeserializeOwned>(body: &[u8], key: Option<&str>) -> Option<String> {
    let mut track = serde_path_to_error::Track::new();
    let mut de = serde_json::Deserializer::from_slice(body);
    let tracked = serde_path_to_error::Deserializer::new(&mut de, &mut track);
    let failed = match key {
        Some(key) => FieldSeed::<T> {
            key,
            marker: PhantomData,
        }
        .deserialize(tracked)
        .is_err(),
        None => T::deserialize(tracked).is_err(),
    };
    let path = track.path().to_string();
    (failed && path != ".").then_some(path)
}

/// Decodes a successful response body exactly as the client does: with a `response_key`, only
/// that member of the top-level JSON object is decoded into `T` and the other members are
/// skipped without being built; without one, the whole body is decoded into `T`.
///
/// Fails on a body that is not one JSON value, lacks the member (or has it twice), or whose
/// member does not fit `T`. [`crate::Client::call`] decodes every response through this
/// function, so it is also what benchmarks and tests measure.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Device { device_id: String }
/// let body = br#"{"devices":[{"device_id":"d1","name":"Front door"}],"ok":true}"#;
/// let devices: Vec<Device> = seam_runtime::decode_response(body, Some("devices"))?;
/// assert_eq!(devices[0].device_id, "d1");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn decode_response<T: DeserializeOwned>(
    body: &[u8],
    response_key: Option<&str>,
) -> Result<T, serde_json::Error> {
    // The body's UTF-8 is checked once, up front: serde_json then reads it as text and skips
    // the check it makes of every string (member names included) when reading bytes. A body
    // that is not UTF-8 is read as bytes, so it fails with the error it always did.
    match std::str::from_utf8(body) {
        Ok(text) => decode_from(serde_json::Deserializer::from_str(text), response_key),
        Err(_) => decode_from(serde_json::Deserializer::from_slice(body), response_key),
    }
}

/// [`decode_response`] from `de`.
fn decode_from<'de, R: serde_json::de::Read<'de>, T: DeserializeOwned>(
    mut de: serde_json::Deserializer<R>,
    response_key: Option<&str>,
) -> Result<T, serde_json::Error> {
    let value = match response_key {
        Some(key) => FieldSeed::<T> {
            key,
            marker: PhantomData,
        }
        .deserialize(&mut de)?,
        None => T::deserialize(&mut de)?,
    };
    de.end()?;
    Ok(value)
}

/// The start of a body as text: at most [`EXCERPT_LIMIT`] bytes, lossily decoded, with a marker
/// when cut.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let cut = body.len().min(EXCERPT_LIMIT);
    let mut text = String::from_utf8_lossy(&body[..cut]).into_owned();
    // A cut through a multi-byte character shows up as a trailing U+FFFD; drop it.
    if cut < body.len() {
        while text.ends_with('\u{FFFD}') {
            text.pop();
        }
        text.push('…');
    }
    text
}

/// Reads a top-level object, keeps the one wanted member, skips the others.
struct FieldSeed<'k, T> {
    key: &'k str,
    marker: PhantomData<fn() -> T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for FieldSeed<'_, T> {
    type Value = T;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for FieldSeed<'_, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object with the member `{}`", self.key)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut found: Option<T> = None;
        while let Some(is_wanted) = map.next_key_seed(KeyIs(self.key))? {
            if !is_wanted {
                map.next_value::<IgnoredAny>()?;
            } else if found.is_some() {
                return Err(de::Error::custom(format_args!(
                    "duplicate member `{}`",
                    self.key
                )));
            } else {
                found = Some(map.next_value::<T>()?);
            }
        }
        found.ok_or_else(|| de::Error::custom(format_args!("missing member `{}`", self.key)))
    }
}

/// A map key seed answering "is this the key I want?" without allocating for plain keys.
struct KeyIs<'k>(&'k str);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIs<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
    }
}

/// `{"error": {...}}`, the envelope of Seam's error answers.
#[derive(Deserialize)]
struct ErrorEnvelope {
    error: ErrorObject,
}

#[derive(Deserialize)]
struct ErrorObject {
    #[serde(rename = "type")]
    error_type: String,
    message: String,
    #[serde(default)]
    data: Option<Value>,
    #[serde(default)]
    validation_errors: Option<Value>,
}

/// True when a `Content-Type` value says JSON (`application/json`, with or without parameters).
/// An absent header does not rule JSON out (as in Seam's JavaScript SDK).
fn is_json_content_type(content_type: Option<&str>) -> bool {
    content_type.is_none_or(|value| {
        value
            .split(';')
            .next()
            .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
    })
}

/// Maps a non-success response to the right error variant.
///
/// 401 is always [`Error::Unauthorized`] (with Seam's error object when the body has one). A
/// response is a Seam API error ([`Error::InvalidInput`] or [`Error::Api`]) only when it is JSON
/// (no `Content-Type`, or `application/json`) with an `error` object whose `type` and `message`
/// are strings; anything else (an HTML error page, even one whose text looks like Seam's JSON, an
/// empty or plain-text body, JSON of another shape) is [`Error::Http`] with the status and a
/// bounded excerpt of the body.
pub(crate) fn error_from_response(raw: &RawResponse) -> Error {
    let parsed = is_json_content_type(raw.content_type.as_deref())
        .then(|| serde_json::from_slice::<ErrorEnvelope>(&raw.body).ok())
        .flatten()
        .map(|e| e.error);
    if raw.status == 401 {
        let (error_type, message, data) = match parsed {
            Some(obj) => (obj.error_type, obj.message, obj.data),
            None => ("unauthorized".to_owned(), "Unauthorized".to_owned(), None),
        };
        return Error::Unauthorized(Box::new(ApiError::new(
            401,
            error_type,
            message,
            raw.request_id.clone(),
            data,
        )));
    }
    let Some(obj) = parsed else {
        return Error::Http {
            status: raw.status,
            path: raw.path,
            request_id: raw.request_id.clone(),
            excerpt: excerpt(&raw.body),
        };
    };
    let api = ApiError::new(
        raw.status,
        obj.error_type,
        obj.message,
        raw.request_id.clone(),
        obj.data,
    );
    if api.error_type == "invalid_input" {
        Error::InvalidInput(Box::new(InvalidInputError::new(
            api,
            obj.validation_errors.unwrap_or(Value::Null),
        )))
    } else {
        Error::Api(Box::new(api))
    }
}

#[cfg(test)]
mod tests;
