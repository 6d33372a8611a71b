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
    let Some(key) = response_key else {
        return serde_json::from_slice(body);
    };
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = FieldSeed::<T> {
        key,
        marker: PhantomData,
    }
    .deserialize(&mut de)?;
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
mod tests {
    use super::*;
    use serde::Deserialize;

    fn raw(status: u16, body: &str) -> RawResponse {
        RawResponse {
            status,
            request_id: Some("req_1".into()),
            content_type: Some("application/json; charset=utf-8".into()),
            path: "/x",
            body: body.as_bytes().to_vec(),
        }
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Device {
        device_id: String,
    }

    #[test]
    fn decodes_the_wanted_member_only() {
        let r = raw(
            200,
            r#"{"ok":true,"other":{"deep":[1,2,{"x":null}]},"device":{"device_id":"d1","extra":1},"z":"\"q"}"#,
        );
        assert_eq!(
            r.decode::<Device>(Some("device")).unwrap(),
            Device {
                device_id: "d1".into()
            }
        );
        let r = raw(200, r#"{"dev\u0069ce":{"device_id":"d2"}}"#);
        assert_eq!(r.decode::<Device>(Some("device")).unwrap().device_id, "d2");
    }

    #[test]
    fn classifies_decode_failures() {
        let kind = |body: &str| match raw(200, body).decode::<Device>(Some("device")) {
            Err(Error::Decode(e)) => e.kind,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            kind("<html><body>Bad gateway</body></html>"),
            DecodeErrorKind::NotJson
        );
        assert_eq!(
            kind(r#"{"device":{"device_id":"d"#),
            DecodeErrorKind::Truncated
        );
        assert_eq!(kind(r#"{"ok":true}"#), DecodeErrorKind::Shape);
        assert_eq!(kind(r#"[1,2]"#), DecodeErrorKind::Shape);
        assert_eq!(
            kind(r#"{"device":{"device_id":7}}"#),
            DecodeErrorKind::Shape
        );
        assert_eq!(
            kind(r#"{"device":{"device_id":"a"},"device":{"device_id":"b"}}"#),
            DecodeErrorKind::Shape
        );
        assert_eq!(
            kind(r#"{"device":{"device_id":"a"}} trailing"#),
            DecodeErrorKind::NotJson
        );
        assert_eq!(kind(""), DecodeErrorKind::Truncated);
    }

    #[test]
    fn a_value_that_does_not_fit_is_located() {
        let at = |body: &str| match raw(200, body).decode::<Vec<Device>>(Some("devices")) {
            Err(Error::Decode(e)) => (e.at.clone(), e.to_string()),
            other => panic!("{other:?}"),
        };
        let (path, shown) =
            at(r#"{"ok":true,"devices":[{"device_id":"a"},{"device_id":"b"},{"device_id":7}]}"#);
        assert_eq!(path.as_deref(), Some("devices[2].device_id"));
        assert!(shown.contains("at `devices[2].device_id`"), "{shown}");
        // Nothing to point at: the member is missing, or the body is not JSON.
        assert_eq!(at(r#"{"ok":true}"#).0, None);
        assert_eq!(at("<html>").0, None);
    }

    /// A tagged union written as the generator writes them (the tests read only errors).
    #[derive(Debug)]
    #[allow(dead_code)]
    enum Event {
        Created(EventCreated),
        Unknown(Value),
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct EventCreated {
        event_type: String,
        warnings: Vec<Warning>,
    }

    #[derive(Debug)]
    #[allow(dead_code)]
    enum Warning {
        Late(WarningLate),
        Unknown(Value),
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct WarningLate {
        warning_code: String,
        minutes: u32,
    }

    impl<'de> Deserialize<'de> for Event {
        fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let value = crate::codec::TaggedValue::capture(deserializer)?;
            match (value.tag("event_type").as_deref(),) {
                (Some("created"),) => value.decode().map(Self::Created),
                _ => value.to_value().map(Self::Unknown),
            }
        }
    }

    impl<'de> Deserialize<'de> for Warning {
        fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let value = crate::codec::TaggedValue::capture(deserializer)?;
            match (value.tag("warning_code").as_deref(),) {
                (Some("late"),) => value.decode().map(Self::Late),
                _ => value.to_value().map(Self::Unknown),
            }
        }
    }

    #[test]
    fn a_value_that_does_not_fit_inside_a_union_variant_is_located_at_the_union() {
        let at = |body: &str| match raw(200, body).decode::<Vec<Event>>(Some("events")) {
            Err(Error::Decode(e)) => (e.at.clone(), e.message.clone()),
            other => panic!("{other:?}"),
        };
        // A variant is decoded from the buffered value after the tracked deserializer is done
        // with it, so the path stops at the union (here the outer one); serde_json's message
        // still says what is wrong.
        let (path, message) = at(
            r#"{"events":[{"event_type":"created","warnings":[]},{"warnings":[{"warning_code":"late","minutes":1},{"minutes":"soon","warning_code":"late"}],"event_type":"created"}],"ok":true}"#,
        );
        assert_eq!(path.as_deref(), Some("events[1]"));
        assert!(
            message.starts_with(r#"invalid type: string "soon", expected u32 at line 1"#),
            "{message}"
        );
        let (path, message) = at(r#"{"events":[{"event_type":"other"},{"event_type":"created"}]}"#);
        assert_eq!(path.as_deref(), Some("events[1]"));
        assert!(message.starts_with("missing field `warnings`"), "{message}");
        // A failure outside the unions is located as precisely as ever.
        let (path, _) = at(r#"{"events":{"event_type":"created"}}"#);
        assert_eq!(path.as_deref(), Some("events"));
    }

    #[test]
    fn check_json_validates_without_decoding() {
        assert!(
            raw(200, r#"{"ok":true,"a":[1,{"b":null}]}"#)
                .check_json()
                .is_ok()
        );
        assert!(raw(200, "<html>").check_json().is_err());
        assert!(raw(200, r#"{"ok":tr"#).check_json().is_err());
        assert!(raw(204, "").check_json().is_ok());
        // An operation whose spec declares no response content (`/workspaces/update`) may
        // answer 200 with nothing at all.
        assert!(raw(200, "").check_json().is_ok());
    }

    #[test]
    fn excerpts_are_bounded_and_cut_on_char_boundaries() {
        let long = "é".repeat(EXCERPT_LIMIT);
        let e = excerpt(long.as_bytes());
        assert!(e.len() <= EXCERPT_LIMIT + '…'.len_utf8());
        assert!(e.ends_with('…'));
        assert!(!e.contains('\u{FFFD}'));
        assert_eq!(excerpt(b"short"), "short");
        assert_eq!(excerpt(&[0xff, b'a']), "\u{FFFD}a");
    }

    #[test]
    fn maps_error_bodies() {
        let e = error_from_response(&raw(
            404,
            r#"{"error":{"type":"device_not_found","message":"nope","data":{"a":1}},"ok":false}"#,
        ));
        let api = e.api_error().unwrap();
        assert_eq!(
            (api.status, api.error_type.as_str(), api.message.as_str()),
            (404, "device_not_found", "nope")
        );
        assert_eq!(api.data, Some(serde_json::json!({"a":1})));
        assert_eq!(e.request_id(), Some("req_1"));

        let e = error_from_response(&raw(401, ""));
        assert!(e.is_unauthorized());
        assert_eq!(e.error_type(), Some("unauthorized"));

        let e = error_from_response(&raw(500, "<html>oops</html>"));
        assert!(
            matches!(&e, Error::Http { status: 500, excerpt, .. } if excerpt == "<html>oops</html>")
        );

        let e = error_from_response(&raw(
            400,
            r#"{"error":{"type":"invalid_input","message":"bad","validation_errors":{"device_id":{"_errors":["Required"]}}}}"#,
        ));
        assert_eq!(
            e.invalid_input().unwrap().messages_for("device_id"),
            ["Required"]
        );

        // An error object without a string type is not a Seam error object.
        let e = error_from_response(&raw(400, r#"{"error":{"type":5}}"#));
        assert!(matches!(e, Error::Http { status: 400, .. }));
        // Nor one without a string message.
        for body in [
            r#"{"error":{"type":"bad"}}"#,
            r#"{"error":{"type":"bad","message":3}}"#,
            r#"{"error":"bad"}"#,
            r#"{"type":"bad","message":"m"}"#,
        ] {
            let e = error_from_response(&raw(500, body));
            assert!(
                matches!(&e, Error::Http { status: 500, .. }),
                "{body}: {e:?}"
            );
        }
    }

    #[test]
    fn an_html_page_is_never_an_api_error() {
        let body =
            r#"{"error":{"type":"bad_gateway","message":"A middlebox returned this error page"}}"#;
        let mut html = raw(502, body);
        html.content_type = Some("text/html; charset=utf-8".into());
        let e = error_from_response(&html);
        assert!(
            matches!(&e, Error::Http { status: 502, excerpt, .. } if excerpt == body),
            "{e:?}"
        );
        // The same body as JSON, or without a content type, is Seam's error object.
        let mut json = raw(502, body);
        json.content_type = Some("Application/JSON".into());
        assert_eq!(error_from_response(&json).error_type(), Some("bad_gateway"));
        json.content_type = None;
        assert_eq!(error_from_response(&json).error_type(), Some("bad_gateway"));
        // A 401 is unauthorized whatever its body.
        let mut unauthorized = raw(401, "<html>no</html>");
        unauthorized.content_type = Some("text/html".into());
        assert!(error_from_response(&unauthorized).is_unauthorized());
    }
}
