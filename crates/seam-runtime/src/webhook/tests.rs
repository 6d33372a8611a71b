//! Unit tests of the webhook verifier, against Svix's documented example.

use std::collections::HashMap;
use std::time::UNIX_EPOCH;

use super::*;

// The example from Svix's documentation of manual verification.
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const TIMESTAMP: i64 = 1614265330;
const BODY: &[u8] = br#"{"test": 2432232314}"#;
const SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

fn at(seconds: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).unwrap())
}

#[test]
fn webhook_signs_svix_documented_example() {
    let webhook = Webhook::<Value>::new(SECRET).unwrap();
    assert_eq!(webhook.sign(ID, TIMESTAMP, BODY), SIGNATURE);
    let headers = [
        ("webhook-id", ID),
        ("webhook-timestamp", "1614265330"),
        ("webhook-signature", SIGNATURE),
    ];
    let value = webhook.verify_at(BODY, &headers, at(TIMESTAMP)).unwrap();
    assert_eq!(value["test"], 2432232314_i64);
}

#[test]
fn webhook_secret_forms() {
    let bare = Webhook::<Value>::new("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    assert_eq!(bare.sign(ID, TIMESTAMP, BODY), SIGNATURE);
    assert_eq!(Webhook::<Value>::new("").unwrap_err(), SecretError::Empty);
    assert_eq!(
        Webhook::<Value>::new("whsec_").unwrap_err(),
        SecretError::Empty
    );
    assert_eq!(
        Webhook::<Value>::new("whsec_not base64!").unwrap_err(),
        SecretError::NotBase64
    );
    assert_eq!(
        Webhook::<Value>::new("whsec_=").unwrap_err(),
        SecretError::NotBase64
    );
    let unpadded = Webhook::<Value>::new("whsec_YWJj")
        .unwrap()
        .sign("a", 1, b"b");
    let padded = Webhook::<Value>::new("whsec_YWJjZA")
        .unwrap()
        .sign("a", 1, b"b");
    assert_eq!(
        padded,
        Webhook::<Value>::new("whsec_YWJjZA==")
            .unwrap()
            .sign("a", 1, b"b")
    );
    assert_ne!(unpadded, padded);
    assert_eq!(
        unpadded,
        Webhook::<Value>::from_key(b"abc").sign("a", 1, b"b")
    );
}

#[test]
fn webhook_secret_never_shown() {
    let webhook = Webhook::<Value>::new(SECRET).unwrap();
    let shown = format!("{webhook:?}");
    assert!(
        !shown.contains("MfKQ9r8G") && shown.contains("redacted"),
        "{shown}"
    );
    let refused = Webhook::<Value>::new("whsec_MfKQ9r8G!").unwrap_err();
    let failed = webhook.verify(b"{}", &[("webhook-id", "x")]).unwrap_err();
    for shown in [
        format!("{refused} {refused:?}"),
        format!("{failed} {failed:?}"),
    ] {
        assert!(!shown.contains("MfKQ9r8G"), "{shown}");
    }
}

#[test]
fn webhook_refusals_have_reasons() {
    let webhook = Webhook::<Value>::new(SECRET).unwrap();
    let check = |headers: &[(&str, &str)], body: &[u8], now: i64| {
        webhook
            .verify_signature_at(body, headers, at(now))
            .map_err(|e| e.reason())
    };
    let ok = [
        ("webhook-id", ID),
        ("webhook-timestamp", "1614265330"),
        ("webhook-signature", SIGNATURE),
    ];
    assert_eq!(check(&ok, BODY, TIMESTAMP), Ok(()));
    assert_eq!(check(&ok, BODY, TIMESTAMP + 300), Ok(()));
    assert_eq!(check(&ok, BODY, TIMESTAMP - 300), Ok(()));
    assert_eq!(
        check(&ok, BODY, TIMESTAMP + 301),
        Err(Reason::TimestampTooOld)
    );
    assert_eq!(
        check(&ok, BODY, TIMESTAMP - 301),
        Err(Reason::TimestampTooNew)
    );
    assert_eq!(
        check(&ok, br#"{"test": 2432232315}"#, TIMESTAMP),
        Err(Reason::NoMatchingSignature)
    );
    assert_eq!(check(&ok[1..], BODY, TIMESTAMP), Err(Reason::MissingId));
    assert_eq!(
        check(&[ok[0], ok[2]], BODY, TIMESTAMP),
        Err(Reason::MissingTimestamp)
    );
    assert_eq!(
        check(&ok[..2], BODY, TIMESTAMP),
        Err(Reason::MissingSignature)
    );
    let with = |name: &'static str, value: &'static str| {
        let mut h = ok.to_vec();
        h.retain(|(n, _)| *n != name);
        h.push((name, value));
        h
    };
    assert_eq!(
        check(&with("webhook-id", ""), BODY, TIMESTAMP),
        Err(Reason::MissingId)
    );
    assert_eq!(
        check(&with("webhook-timestamp", "12abc"), BODY, TIMESTAMP),
        Err(Reason::InvalidTimestamp)
    );
    let v2 = "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    assert_eq!(
        check(&with("webhook-signature", v2), BODY, TIMESTAMP),
        Err(Reason::NoV1Signature)
    );
    assert_eq!(
        check(&with("webhook-signature", "v1,%%%"), BODY, TIMESTAMP),
        Err(Reason::NoMatchingSignature)
    );
    // Rotation: any one of several entries, the matching one anywhere.
    let rotated = "v1,Zm9v v2,x  v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    assert_eq!(
        check(&with("webhook-signature", rotated), BODY, TIMESTAMP),
        Ok(())
    );
    // A longer tolerance accepts what the default refuses.
    let lenient = webhook.clone().with_tolerance(Duration::from_secs(3600));
    assert!(
        lenient
            .verify_signature_at(BODY, &ok, at(TIMESTAMP + 3000))
            .is_ok()
    );
}

#[test]
fn webhook_headers_case_insensitive_and_svix_names() {
    let webhook = Webhook::<Value>::new(SECRET).unwrap();
    let mut map = http::HeaderMap::new();
    map.insert("Webhook-Id", ID.parse().unwrap());
    map.insert("WEBHOOK-TIMESTAMP", "1614265330".parse().unwrap());
    map.insert("svix-signature", SIGNATURE.parse().unwrap());
    assert!(
        webhook
            .verify_signature_at(BODY, &map, at(TIMESTAMP))
            .is_ok()
    );
    let pairs: Vec<(String, String)> = vec![
        ("Webhook-ID".into(), ID.into()),
        ("Webhook-Timestamp".into(), "1614265330".into()),
        ("Webhook-Signature".into(), SIGNATURE.into()),
    ];
    assert!(
        webhook
            .verify_signature_at(BODY, &pairs, at(TIMESTAMP))
            .is_ok()
    );
    let map: HashMap<&str, &str> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert!(
        webhook
            .verify_signature_at(BODY, &map, at(TIMESTAMP))
            .is_ok()
    );
    // An `svix-` header wins over its `webhook-` twin, as in Svix.
    let shadowed = [
        ("svix-id", "other"),
        ("webhook-id", ID),
        ("webhook-timestamp", "1614265330"),
        ("webhook-signature", SIGNATURE),
    ];
    assert_eq!(
        webhook
            .verify_signature_at(BODY, &shadowed, at(TIMESTAMP))
            .unwrap_err()
            .reason(),
        Reason::NoMatchingSignature
    );
}

#[derive(Debug, serde::Deserialize)]
struct Seamish {
    event_type: String,
    #[allow(dead_code)]
    n: u8,
}
impl WebhookEvent for Seamish {
    const REQUIRED_STRINGS: &'static [&'static str] = &["event_id", "event_type"];
}

#[test]
fn webhook_invalid_payload_is_apart_from_verification() {
    let webhook = Webhook::<Seamish>::new(SECRET).unwrap();
    let deliver = |body: &[u8]| {
        let headers = webhook.signed_headers("msg_1", TIMESTAMP, body);
        webhook.verify_at(body, &headers, at(TIMESTAMP))
    };
    let ok = deliver(br#"{"event_id":"e","event_type":"t","n":1}"#).unwrap();
    assert_eq!(ok.event_type, "t");
    for (body, says) in [
        (&b"not json"[..], "not valid JSON"),
        (b"[1]", "not a JSON object"),
        (br#"{"event_type":"t","n":1}"#, "`event_id`"),
        (br#"{"event_id":"e","event_type":7,"n":1}"#, "`event_type`"),
        (br#"{"event_id":"e","event_type":"t","n":300}"#, "at `n`"),
    ] {
        let err = deliver(body).unwrap_err();
        let invalid = err.as_invalid_payload().unwrap_or_else(|| panic!("{err}"));
        assert!(invalid.message().contains(says), "{err}");
        assert!(err.as_verification().is_none());
    }
    let headers = webhook.signed_headers("msg_1", TIMESTAMP, b"not json");
    let err = webhook
        .verify_at(b"not json!", &headers, at(TIMESTAMP))
        .unwrap_err();
    assert_eq!(
        err.as_verification().map(|e| e.reason()),
        Some(Reason::NoMatchingSignature)
    );
}

#[test]
fn webhook_extreme_timestamps_do_not_overflow() {
    let webhook = Webhook::<Value>::new(SECRET)
        .unwrap()
        .with_tolerance(Duration::MAX);
    for ts in [i64::MIN, i64::MAX, 0, -1] {
        let headers = webhook.signed_headers("m", ts, b"{}");
        assert!(
            webhook.verify_at(b"{}", &headers, at(TIMESTAMP)).is_ok(),
            "{ts}"
        );
    }
    let strict = Webhook::<Value>::new(SECRET).unwrap();
    let headers = strict.signed_headers("m", i64::MIN, b"{}");
    assert_eq!(
        strict
            .verify_signature_at(b"{}", &headers, UNIX_EPOCH - Duration::from_secs(5))
            .unwrap_err()
            .reason(),
        Reason::TimestampTooOld
    );
}
