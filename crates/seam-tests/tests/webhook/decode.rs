//! Every event variant signs, verifies and decodes; unknown types, payloads that are not
//! events, secrets and headers.

use super::*;

#[test]
fn webhook_every_event_variant_verifies_and_decodes() {
    let samples = event_samples(&[
        ("full", Fill::All),
        ("required", Fill::Required),
        ("nulls", Fill::Nulls),
    ]);
    let webhook = webhook();
    let ts = now();
    let mut types = BTreeSet::new();
    for (n, s) in samples.iter().enumerate() {
        let id = format!("msg_{n}");
        let headers = webhook.signed_headers(&id, ts, s.body.as_bytes());
        let event = webhook
            .verify(s.body.as_bytes(), &headers)
            .unwrap_or_else(|e| panic!("{} ({}): {e}\n{}", s.event_type, s.fill, s.body));
        assert_typed(&event, &s.event_type, s.fill);
        // Decoded, not merely accepted: the event encodes back to the same id.
        let back = serde_json::to_value(&event).expect("encodes");
        let sent: Value = serde_json::from_str(&s.body).expect("JSON");
        assert_eq!(back["event_id"], sent["event_id"], "{}", s.event_type);
        types.insert(s.event_type.clone());
    }
    // One sample per variant, each with its own event type (109 in spec 1.977.0).
    assert_eq!(types.len() * 3, samples.len(), "event types repeat");
    assert!(types.len() >= 100, "only {} event types", types.len());
}

#[test]
fn webhook_unknown_event_type_decodes_to_unknown_with_raw_json() {
    let webhook = webhook();
    let body =
        br#"{"event_id":"e1","event_type":"lock.levitated","workspace_id":"w1","altitude_m":3}"#;
    let headers = webhook.signed_headers("msg_1", now(), body);
    let event = webhook
        .verify(body, &headers)
        .expect("an unknown type still verifies");
    let Event::Unknown(raw) = &event else {
        panic!("expected Unknown, got {event:?}");
    };
    assert_eq!(raw["altitude_m"], 3);
    assert_eq!(raw["workspace_id"], "w1");
    assert_eq!(event.event_type(), Some("lock.levitated"));
}

#[test]
fn webhook_invalid_payloads_are_apart_from_verification_failures() {
    let webhook = webhook();
    let ts = now();
    let lock_unlocked = full_samples()
        .into_iter()
        .find(|s| s.event_type == "lock.unlocked")
        .expect("lock.unlocked sample")
        .body;
    let mut bad_time: Value = serde_json::from_str(&lock_unlocked).unwrap();
    bad_time["created_at"] = json!("yesterday");
    let cases: Vec<(String, &str)> = vec![
        ("not json".to_owned(), "not valid JSON"),
        (r#"["lock.unlocked"]"#.to_owned(), "not a JSON object"),
        (r#"{"event_type":"lock.unlocked"}"#.to_owned(), "`event_id`"),
        (
            r#"{"event_id":"e","event_type":null}"#.to_owned(),
            "`event_type`",
        ),
        // A known event type whose payload breaks its schema (`created_at` is a date-time).
        (bad_time.to_string(), "the event does not decode"),
    ];
    for (body, says) in &cases {
        let headers = webhook.signed_headers("msg_1", ts, body.as_bytes());
        match webhook.verify(body.as_bytes(), &headers) {
            Err(WebhookError::InvalidPayload(e)) => {
                assert!(e.to_string().contains(says), "{body}: {e}")
            }
            other => panic!("{body}: expected InvalidPayload, got {other:?}"),
        }
        // The same body with a signature that does not match fails verification first.
        let forged =
            Webhook::new(OTHER_SECRET)
                .unwrap()
                .signed_headers("msg_1", ts, body.as_bytes());
        match webhook.verify(body.as_bytes(), &forged) {
            Err(WebhookError::Verification(e)) => {
                assert_eq!(e.reason(), Reason::NoMatchingSignature)
            }
            other => panic!("{body}: expected Verification, got {other:?}"),
        }
    }
}

#[test]
fn webhook_secrets_and_headers() {
    assert_eq!(Webhook::new("whsec_").unwrap_err(), SecretError::Empty);
    assert_eq!(
        Webhook::new("whsec_%%%").unwrap_err(),
        SecretError::NotBase64
    );
    let bare = Webhook::new(SECRET.trim_start_matches("whsec_")).unwrap();
    let body = br#"{"event_id":"e1","event_type":"x.y"}"#;
    let ts = now();
    let signed = webhook().signed_headers("msg_1", ts, body);
    // An http::HeaderMap as axum hands it over, names in any case.
    let mut map = axum::http::HeaderMap::new();
    for (name, value) in &signed {
        map.insert(
            axum::http::HeaderName::from_bytes(name.to_ascii_uppercase().as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
    }
    assert!(bare.verify(body, &map).is_ok());
    // Owned pairs, in another order, mixed case.
    let pairs: Vec<(String, Vec<u8>)> = signed
        .iter()
        .rev()
        .map(|(n, v)| (n.replace("webhook", "Webhook"), v.clone().into_bytes()))
        .collect();
    assert!(bare.verify(body, &pairs).is_ok());
    // Debug of the verifier and the errors never show the secret.
    let secret_part = &SECRET["whsec_".len()..][..12];
    let err = bare.verify(b"{}", &pairs).unwrap_err();
    for shown in [format!("{bare:?}"), format!("{err} {err:?}")] {
        assert!(!shown.contains(secret_part), "{shown}");
    }
    // Tolerance is configurable.
    let old = webhook().signed_headers("msg_1", ts - 3600, body);
    assert_eq!(
        webhook()
            .verify(body, &old)
            .unwrap_err()
            .as_verification()
            .map(|e| e.reason()),
        Some(Reason::TimestampTooOld)
    );
    assert!(
        webhook()
            .with_tolerance(Duration::from_secs(7200))
            .verify(body, &old)
            .is_ok()
    );
}
