//! Strings of a declared format (`date-time`, `uri`, `email`) are the ecosystem's types; strings
//! the spec types loosely stay `String` and travel as written (ARCHITECTURE.md, "Formats").

use seam::email_address::EmailAddress;
use seam::fluent_uri::Uri;
use seam::jiff::Timestamp;
use seam::types::{AcsUser, DeviceDeviceManufacturer};
use seam_tests::RecordingServer;
use serde_json::{Value, json};

fn acs_user() -> Value {
    json!({
        "acs_user_id": "user_1",
        "acs_system_id": "sys_1",
        "connected_account_id": "ca_1",
        "workspace_id": "ws_1",
        "display_name": "Jane",
        "is_managed": true,
        "created_at": "2024-04-12T03:56:22.396Z",
        "email_address": "jane@example.com",
        "user_identity_email_address": "not checked: a plain string in the spec",
        "errors": [],
        "warnings": []
    })
}

#[test]
fn declared_formats_decode_into_ecosystem_types_and_encode_back_unchanged() {
    let input = acs_user();
    let user: AcsUser = serde_json::from_value(input.clone()).expect("decodes");
    assert_eq!(
        user.created_at,
        "2024-04-12T03:56:22.396Z".parse::<Timestamp>().unwrap()
    );
    assert_eq!(user.created_at.as_millisecond(), 1_712_894_182_396);
    assert_eq!(
        user.email_address,
        Some("jane@example.com".parse::<EmailAddress>().unwrap())
    );
    // `user_identity_email_address` has no `format` in the spec: any text is kept as it is.
    assert_eq!(
        user.user_identity_email_address,
        Some("not checked: a plain string in the spec".to_owned())
    );
    let back = serde_json::to_value(&user).expect("encodes");
    for key in ["created_at", "email_address", "user_identity_email_address"] {
        assert_eq!(back[key], input[key], "{key}");
    }

    let maker: DeviceDeviceManufacturer = serde_json::from_value(json!({
        "display_name": "August",
        "manufacturer": "august",
        "image_url": "https://connect.getseam.com/assets/images/logos/august.png"
    }))
    .expect("decodes");
    let uri: &Uri<String> = maker.image_url.as_ref().expect("image_url");
    assert_eq!(
        uri.authority().map(|a| a.host()),
        Some("connect.getseam.com")
    );
    assert_eq!(
        serde_json::to_value(&maker).unwrap()["image_url"],
        json!("https://connect.getseam.com/assets/images/logos/august.png")
    );
}

/// A `uri` is RFC 3986, as the spec's validators read it: hosts the WHATWG URL standard refuses
/// (a last label that is a number, as Prism generates) decode, and every text comes back as sent.
#[test]
fn uris_follow_rfc_3986_and_keep_their_text() {
    for text in [
        "https://Y.yoiwB1.8",
        "http://a.b,c.d-,e.pp6.3/path?q=1#f",
        "https://example.com",
        "mailto:jane@example.com",
    ] {
        let maker: DeviceDeviceManufacturer = serde_json::from_value(json!({
            "display_name": "x", "manufacturer": "x", "image_url": text
        }))
        .expect(text);
        assert_eq!(
            serde_json::to_value(&maker).unwrap()["image_url"],
            json!(text)
        );
    }
    for bad in ["not a uri", "/relative/path", "https://example.com/a b"] {
        let result = serde_json::from_value::<DeviceDeviceManufacturer>(json!({
            "display_name": "x", "manufacturer": "x", "image_url": bad
        }));
        assert!(result.is_err(), "{bad} was accepted");
    }
}

/// The instant is kept, not its spelling: other offsets and a zero fraction decode to the same
/// `Timestamp`, which is written back in UTC with the shortest fraction.
#[test]
fn other_spellings_of_an_instant_decode_to_the_same_timestamp() {
    let instant = "2024-04-12T03:56:22Z".parse::<Timestamp>().unwrap();
    for spelling in [
        "2024-04-12T03:56:22Z",
        "2024-04-12T03:56:22.000Z",
        "2024-04-12T05:56:22+02:00",
        "2024-04-11T23:56:22-04:00",
    ] {
        let mut input = acs_user();
        input["created_at"] = json!(spelling);
        let user: AcsUser = serde_json::from_value(input).expect(spelling);
        assert_eq!(user.created_at, instant, "{spelling}");
        assert_eq!(
            serde_json::to_value(&user).unwrap()["created_at"],
            json!("2024-04-12T03:56:22Z")
        );
    }
}

/// The decode error of an `acs/users/list` response whose second user is `user`.
async fn decode_error_of_second_user(user: serde_json::Value) -> (seam::Error, seam::DecodeError) {
    let server =
        RecordingServer::start(200, json!({"ok": true, "acs_users": [acs_user(), user]})).await;
    let err = server
        .client()
        .acs()
        .users()
        .list(seam::acs::users::ListRequest::new())
        .await
        .expect_err("the response is refused");
    let seam::Error::Decode(details) = &err else {
        panic!("expected a decode error, got {err:?}");
    };
    let details = (**details).clone();
    (err, details)
}

/// A value that breaks its declared format fails the response with a decode error that says
/// where; the same text in a loosely typed field is accepted.
#[tokio::test]
async fn a_malformed_value_fails_the_response_and_names_its_place() {
    for (field, bad) in [
        ("created_at", "yesterday"),
        ("email_address", "jane at example"),
    ] {
        let mut user = acs_user();
        user[field] = json!(bad);
        let (err, details) = decode_error_of_second_user(user).await;
        let at = format!("acs_users[1].{field}");
        assert_eq!(details.at.as_deref(), Some(at.as_str()), "{err}");
        assert!(err.to_string().contains(&at), "{err}");
    }
}

/// A required member that is missing or `null` fails the response with a decode error naming the
/// object and the member: the client never invents a value (an empty id) for it.
#[tokio::test]
async fn a_missing_or_null_required_id_fails_the_response_and_names_its_place() {
    for (label, change) in [("missing", None), ("null", Some(serde_json::Value::Null))] {
        let mut user = acs_user();
        match change {
            None => user.as_object_mut().unwrap().remove("acs_user_id"),
            Some(value) => user
                .as_object_mut()
                .unwrap()
                .insert("acs_user_id".into(), value),
        };
        let (err, details) = decode_error_of_second_user(user).await;
        let at = details.at.as_deref().unwrap_or_default();
        assert!(at.starts_with("acs_users[1]"), "{label}: {err}");
        assert!(err.to_string().contains("acs_user_id"), "{label}: {err}");
    }
}

/// `access_codes/create` declares `starts_at` as a plain string: the caller's text is sent as
/// written, and the server judges it.
#[test]
fn loosely_typed_time_is_sent_as_written() {
    let request = seam::access_codes::CreateRequest::new("device_1")
        .starts_at("2025-06-01T09:00:00-04:00")
        .ends_at("2025-06-02T09:00:00.000Z");
    let sent = serde_json::to_value(&request).unwrap();
    assert_eq!(sent["starts_at"], json!("2025-06-01T09:00:00-04:00"));
    assert_eq!(sent["ends_at"], json!("2025-06-02T09:00:00.000Z"));
}
