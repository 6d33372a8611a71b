//! Behaviour of the generated types: forward compatibility (unknown enum values, event types,
//! action attempt variants, fields), tagged unions, manufacturer metadata, nullability.

use seam::acs::credentials::{
    CreateRequest, CreateRequestAccessMethod, CreateRequestManufacturerMetadata,
    CreateRequestVisionlineMetadata,
};
use seam::types::{
    AcsCredential, AcsCredentialAccessMethod, AcsCredentialManufacturerMetadata, ActionAttempt,
    Event,
};
use seam::{ActionAttemptLike, ActionAttemptStatus};
use serde_json::{Value, json};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: &Value) -> (T, Value) {
    let typed: T = serde_json::from_value(value.clone()).expect("decodes");
    let back = serde_json::to_value(&typed).expect("encodes");
    (typed, back)
}

#[test]
fn unknown_enum_values_are_kept_and_sent_back() {
    let (known, _) = round_trip::<AcsCredentialAccessMethod>(&json!("card"));
    assert_eq!(known, AcsCredentialAccessMethod::Card);
    let (unknown, back) = round_trip::<AcsCredentialAccessMethod>(&json!("retina_scan"));
    assert_eq!(
        unknown,
        AcsCredentialAccessMethod::Unknown("retina_scan".to_owned())
    );
    assert_eq!(unknown.as_str(), "retina_scan");
    assert_eq!(back, json!("retina_scan"));
}

fn event(event_type: &str) -> Value {
    json!({
        "event_type": event_type,
        "access_code_id": "ac_1",
        "connected_account_id": "ca_1",
        "created_at": "2025-01-01T00:00:00Z",
        "device_id": "dev_1",
        "event_id": "ev_1",
        "occurred_at": "2025-01-01T00:00:00Z",
        "workspace_id": "ws_1"
    })
}

#[test]
fn events_decode_by_their_type_and_unknown_ones_round_trip() {
    let (known, back) = round_trip::<Event>(&event("access_code.created"));
    let Event::AccessCodeCreated(created) = &known else {
        panic!("wrong variant: {known:?}")
    };
    assert_eq!(created.access_code_id, "ac_1");
    assert_eq!(known.event_type(), Some("access_code.created"));
    assert_eq!(back, event("access_code.created"));

    let future = event("door.levitated");
    let (unknown, back) = round_trip::<Event>(&future);
    assert!(matches!(unknown, Event::Unknown(_)), "{unknown:?}");
    assert_eq!(unknown.event_type(), Some("door.levitated"));
    assert_eq!(back, future);
}

fn attempt(action_type: &str, status: &str) -> Value {
    json!({"action_attempt_id": "aa_1", "action_type": action_type, "status": status, "result": null, "error": null})
}

#[test]
fn action_attempts_match_on_action_type_and_status() {
    let (pending, back) = round_trip::<ActionAttempt>(&attempt("LOCK_DOOR", "pending"));
    assert!(
        matches!(pending, ActionAttempt::LockDoorPending(_)),
        "{pending:?}"
    );
    assert_eq!(
        (pending.action_type(), pending.status()),
        (Some("LOCK_DOOR"), Some("pending"))
    );
    assert_eq!(back, attempt("LOCK_DOOR", "pending"));
    assert_eq!(pending.id(), "aa_1");
    assert_eq!(
        ActionAttemptLike::status(&pending),
        ActionAttemptStatus::Pending
    );

    let future = attempt("TELEPORT_USER", "pending");
    let (unknown, back) = round_trip::<ActionAttempt>(&future);
    assert!(matches!(unknown, ActionAttempt::Unknown(_)), "{unknown:?}");
    assert_eq!(unknown.action_type(), Some("TELEPORT_USER"));
    assert_eq!(unknown.id(), "aa_1");
    assert_eq!(back, future);
}

fn credential() -> Value {
    json!({
        "acs_credential_id": "cred_1",
        "acs_system_id": "sys_1",
        "connected_account_id": "ca_1",
        "display_name": "Front desk card",
        "access_method": "card",
        "created_at": "2025-01-01T00:00:00Z",
        "workspace_id": "ws_1",
        "errors": [],
        "warnings": [],
        "is_managed": true,
        "visionline_metadata": {"card_id": "42", "auto_join": true},
        "a_field_from_the_future": {"anything": 1}
    })
}

#[test]
fn resources_say_which_manufacturer_metadata_they_carry() {
    let credential: AcsCredential =
        serde_json::from_value(credential()).expect("decodes, ignoring unknown fields");
    match credential.manufacturer_metadata() {
        Some(AcsCredentialManufacturerMetadata::Visionline(meta)) => {
            assert_eq!(meta.card_id.as_deref(), Some("42"));
            assert_eq!(meta.auto_join, Some(true));
        }
        other => panic!("expected Visionline metadata, got {other:?}"),
    }
    let mut plain = credential.clone();
    plain.visionline_metadata = None;
    assert_eq!(plain.manufacturer_metadata(), None);
}

#[test]
fn unknown_manufacturer_metadata_round_trips_and_is_named() {
    let mut input = credential();
    let object = input.as_object_mut().unwrap();
    object.remove("visionline_metadata");
    object.insert(
        "acme_locks_metadata".into(),
        json!({"card_number": "0042", "nested": {"zones": [1, 2]}, "flag": null}),
    );
    let (credential, back): (AcsCredential, Value) = round_trip(&input);
    match credential.manufacturer_metadata() {
        Some(AcsCredentialManufacturerMetadata::Other { key, value }) => {
            assert_eq!(key, "acme_locks_metadata");
            assert_eq!(value["card_number"], "0042");
        }
        other => panic!("expected Other metadata, got {other:?}"),
    }
    // Everything but the unknown non-metadata field comes back, the unknown metadata included.
    let mut expected = input.clone();
    expected
        .as_object_mut()
        .unwrap()
        .remove("a_field_from_the_future");
    assert_eq!(back["acme_locks_metadata"], expected["acme_locks_metadata"]);
    assert!(back.get("a_field_from_the_future").is_none());

    // A known manufacturer still wins over an unknown one.
    let mut both = input.clone();
    both["visionline_metadata"] = json!({"card_id": "7"});
    let credential: AcsCredential = serde_json::from_value(both).unwrap();
    assert!(matches!(
        credential.manufacturer_metadata(),
        Some(AcsCredentialManufacturerMetadata::Visionline(_))
    ));
    assert_eq!(credential.other_metadata.len(), 1);
}

#[test]
fn requests_can_carry_metadata_of_an_unlisted_manufacturer() {
    let mut request = CreateRequest::new(CreateRequestAccessMethod::Card).acs_user_id("user_1");
    request
        .other_metadata
        .insert("acme_locks_metadata", json!({"card_number": "0042"}))
        .expect("a metadata key");
    assert!(
        request
            .other_metadata
            .insert("custom_notes", json!(1))
            .is_err()
    );
    let body = serde_json::to_value(&request).expect("encodes");
    assert_eq!(
        body,
        json!({"access_method": "card", "acs_user_id": "user_1", "acme_locks_metadata": {"card_number": "0042"}})
    );
}

#[test]
fn requests_set_manufacturer_metadata_under_the_right_key() {
    let request = CreateRequest::new(CreateRequestAccessMethod::Card)
        .acs_user_id("user_1")
        .manufacturer_metadata(CreateRequestManufacturerMetadata::Visionline(
            CreateRequestVisionlineMetadata::new().card_format(
                seam::acs::credentials::CreateRequestVisionlineMetadataCardFormat::Rfid48,
            ),
        ));
    let body = serde_json::to_value(&request).expect("encodes");
    assert_eq!(
        body,
        json!({"access_method": "card", "acs_user_id": "user_1", "visionline_metadata": {"card_format": "rfid48"}})
    );
}

#[test]
fn a_received_value_reads_absent_and_null_alike() {
    // `code` on a credential is optional and nullable; credentials are only received, so both
    // read as `None` (one `Option<String>`).
    let mut value = credential();
    let absent: AcsCredential = serde_json::from_value(value.clone()).expect("decodes");
    assert_eq!(absent.code, None);
    value["code"] = Value::Null;
    let null: AcsCredential = serde_json::from_value(value.clone()).expect("decodes");
    assert_eq!(null.code, None);
    value["code"] = json!("1234");
    let set: AcsCredential = serde_json::from_value(value).expect("decodes");
    assert_eq!(set.code, Some("1234".to_owned()));
    assert!(
        serde_json::to_value(&absent)
            .expect("encodes")
            .get("code")
            .is_none()
    );
}

#[test]
fn a_sent_value_tells_absent_from_null() {
    // `page_cursor` of a noise sensor list request is optional and nullable:
    // `Option<Option<String>>`; `Some(None)` sends `null`, `None` sends nothing.
    let unset = seam::noise_sensors::ListRequest::default();
    let body = serde_json::to_value(&unset).expect("encodes");
    assert!(body.get("page_cursor").is_none(), "{body}");
    let mut null = seam::noise_sensors::ListRequest::default();
    null.page_cursor = Some(None);
    let body = serde_json::to_value(&null).expect("encodes");
    assert_eq!(body["page_cursor"], Value::Null);
    let set = seam::noise_sensors::ListRequest::default().page_cursor("cursor_1");
    let body = serde_json::to_value(&set).expect("encodes");
    assert_eq!(body["page_cursor"], json!("cursor_1"));
}
