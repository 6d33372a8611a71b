//! Property tests: arbitrary headers and bodies never panic and never pass as verified.

use super::*;

/// Header names the property tests draw from: the real ones, their Svix twins, other spellings.
const NAMES: &[&str] = &[
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
    "svix-id",
    "svix-timestamp",
    "svix-signature",
    "Webhook-Signature",
    "content-type",
    "",
];

fn header_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..64),
        "[0-9-]{0,25}".prop_map(String::into_bytes),
        "(v[0-9],[A-Za-z0-9+/=]{0,50}[ ,]{0,2}){0,4}".prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Arbitrary headers and bodies: an answer, never a panic; a forged delivery never passes.
    #[test]
    fn webhook_never_panics_on_arbitrary_headers_and_bodies(
        headers in proptest::collection::vec((proptest::sample::select(NAMES), header_value()), 0..8),
        body in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        let result = webhook().verify(&body, &headers);
        prop_assert!(matches!(result, Err(WebhookError::Verification(_))), "{result:?}");
    }

    /// Correctly signed arbitrary bodies (bytes, and JSON objects with real event types and
    /// arbitrary members): an event or `InvalidPayload`, never a panic or a verification failure.
    #[test]
    fn webhook_never_panics_on_arbitrary_signed_bodies(
        raw in proptest::collection::vec(any::<u8>(), 0..256),
        event_type in proptest::sample::select(vec![
            "lock.unlocked", "access_code.set_on_device", "acs_credential.issued",
            "device.disconnected", "action_attempt.lock_door.succeeded", "x.unknown",
        ]),
        members in proptest::collection::btree_map(
            proptest::sample::select(vec![
                "event_id", "device_id", "created_at", "occurred_at", "workspace_id",
                "method", "access_code_id", "code", "acs_credential_id",
            ]),
            prop_oneof![
                Just(json!(null)), any::<bool>().prop_map(Value::from),
                any::<i64>().prop_map(Value::from), ".{0,12}".prop_map(Value::from),
                Just(json!("2025-06-15T12:00:00Z")), Just(json!({"a": [1]})),
            ],
            0..8,
        ),
        id in "[ -~]{1,20}",
        skew in -290i64..=290,
    ) {
        let webhook = webhook();
        let mut object: serde_json::Map<String, Value> = members
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        object.insert("event_type".into(), json!(event_type));
        let json_body = Value::Object(object).to_string().into_bytes();
        for body in [raw, json_body] {
            let headers = webhook.signed_headers(&id, now() + skew, &body);
            let result = webhook.verify(&body, &headers);
            prop_assert!(
                !matches!(result, Err(WebhookError::Verification(_))),
                "{result:?}"
            );
        }
    }
}
