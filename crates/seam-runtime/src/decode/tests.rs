//! Tests of response decoding: shapes, error kinds and the places errors name.

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

/// `decode_response` reads a UTF-8 body as text (checking its UTF-8 once) and any other body as
/// bytes: values and errors (message and position) are those of reading every body as bytes.
#[test]
fn reading_text_gives_the_values_and_errors_of_reading_bytes() {
    let as_bytes = |body: &[u8], key| {
        decode_from::<_, Vec<Device>>(serde_json::Deserializer::from_slice(body), key)
            .map_err(|e| (e.to_string(), e.classify()))
    };
    let bodies: [&[u8]; 11] = [
        br#"{"devices":[{"device_id":"d1"},{"device_id":"d\u00e9\n"}],"ok":true}"#,
        "{\"devices\":[{\"device_id\":\"caf\u{e9} \u{1f512}\"}]}".as_bytes(),
        br#"{"devices":[{"device_id":7}]}"#,
        br#"{"devices":[{"device_id":"d1"}]"#,
        br#"{"devices":[]} trailing"#,
        br#"{"devices":[{"device_id":"\ud800"}]}"#,
        b"{\"devices\":[{\"device_id\":\"\xff\"}]}",
        b"{\"devices\":[{\"device_id\":\"d\xc3\"}]}",
        b"{\"devices\":[]}\xfe",
        b"\xef\xbb\xbf{\"devices\":[]}",
        b"",
    ];
    for body in bodies {
        for key in [Some("devices"), None] {
            let text = decode_response::<Vec<Device>>(body, key)
                .map_err(|e| (e.to_string(), e.classify()));
            assert_eq!(
                text,
                as_bytes(body, key),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }
    assert_eq!(
        decode_response::<Vec<Device>>(bodies[1], Some("devices")).unwrap()[0].device_id,
        "caf\u{e9} \u{1f512}"
    );
}
