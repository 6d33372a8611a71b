//! End-to-end tests of the generated `seam` crate against `@seamapi/fake-seam-connect`, Seam's
//! in-memory fake with real behaviour (state, action attempts, pagination, errors).
//!
//! The tests are ignored by default: run them with `cargo xtask test` (which starts the fake and
//! sets `SEAM_FAKE_URL`), or start the fake yourself and run
//! `SEAM_FAKE_URL=http://127.0.0.1:PORT cargo test -p seam-tests --test suite fake_seam:: -- --include-ignored`.
//!
//! All tests share one fake server whose state they change, in any order and in parallel: each test
//! creates the resources it looks at, and only the seeded device list (which nothing deletes) is
//! checked for an exact content.

use seam_tests::unique_number;
use std::collections::BTreeSet;
use std::time::Duration;

use futures_util::{StreamExt, TryStreamExt};
use seam::types::{AccessCode, ActionAttempt, Device};
use seam::{Error, Seam, WaitOptions};
use seam_runtime::{ActionAttemptLike, Route};

mod action_attempts;
mod deviations;

/// The environment variable holding the fake's base URL.
const FAKE_URL_VAR: &str = "SEAM_FAKE_URL";
/// The API key of the fake's seeded workspace `seed_workspace_1`.
const SEEDED_API_KEY: &str = "seam_apikey1_token";
/// The seeded workspace.
const SEEDED_WORKSPACE: &str = "seed_workspace_1";
/// The devices the fake seeds (ids are plain strings, not UUIDs).
const SEEDED_DEVICES: [&str; 5] = [
    "august_device_1",
    "august_device_2",
    "ecobee_device_1",
    "minut_device_1",
    "schlage_device_id",
];
/// A seeded lock that can be locked and unlocked remotely (unlocked and locked again by one test).
const LOCK_ID: &str = "august_device_1";
/// Another seeded lock, only ever unlocked (so its state after an unlock is known).
const UNLOCK_ONLY_LOCK_ID: &str = "august_device_2";
/// The seeded access control system.
const ACS_SYSTEM_ID: &str = "visionline_acs_system_1";

/// `/action_attempts/get` called raw (to see what the fake sends, or to poll by hand).
static ACTION_ATTEMPTS_GET: Route = Route {
    path: "/action_attempts/get",
    response_key: Some("action_attempt"),
    retry_safe: true,
    has_body: true,
    auth: seam_runtime::AuthModes::ANY,
};

/// The fake's base URL; panics with instructions when it is not set (never passes silently).
fn fake_url() -> String {
    match std::env::var(FAKE_URL_VAR) {
        Ok(url) if !url.trim().is_empty() => url,
        _ => panic!(
            "{FAKE_URL_VAR} is not set: these tests need fake-seam-connect. Run `cargo xtask test`, \
             or start it (`node xtask/peers/fake-seam-connect.mjs --port 8787`) and set \
             {FAKE_URL_VAR}=http://127.0.0.1:8787"
        ),
    }
}

/// A client for the fake with `api_key`.
fn client_with_key(api_key: &str) -> Seam {
    Seam::builder()
        .api_key(api_key)
        .endpoint(fake_url())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client builds")
}

/// A client for the fake's seeded workspace.
fn seam() -> Seam {
    client_with_key(SEEDED_API_KEY)
}

/// A name no other test (or earlier run against the same fake) uses.
fn unique(prefix: &str) -> String {
    format!("{prefix} {}", unique_number())
}

fn ids(devices: &[Device]) -> Vec<&str> {
    devices.iter().map(|d| d.device_id.as_str()).collect()
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: run `cargo xtask test` or set SEAM_FAKE_URL"]
async fn lists_the_seeded_devices() {
    let devices = seam()
        .devices()
        .list(seam::devices::ListRequest::new())
        .await
        .expect("devices/list succeeds");
    let got: BTreeSet<&str> = ids(&devices).into_iter().collect();
    assert_eq!(devices.len(), 5, "{:?}", ids(&devices));
    assert_eq!(got, SEEDED_DEVICES.into_iter().collect::<BTreeSet<_>>());
    for device in &devices {
        assert_eq!(device.workspace_id, SEEDED_WORKSPACE);
        // A real timestamp, parsed from the fake's text (`format: date-time`).
        assert!(
            device.created_at > "2020-01-01T00:00:00Z".parse().expect("timestamp"),
            "{}: {}",
            device.device_id,
            device.created_at
        );
    }
    let lock = devices
        .iter()
        .find(|d| d.device_id == LOCK_ID)
        .expect("the seeded August lock is listed");
    assert_eq!(lock.device_type, seam::types::DeviceDeviceType::AugustLock);
    assert_eq!(lock.can_remotely_unlock, Some(true));

    // The same device through devices/get.
    let got = seam()
        .devices()
        .get(seam::devices::GetRequest::new().device_id(LOCK_ID))
        .await
        .expect("devices/get succeeds");
    assert_eq!(got.device_id, LOCK_ID);
    assert_eq!(got.device_type, lock.device_type);
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: run `cargo xtask test` or set SEAM_FAKE_URL"]
async fn creates_and_lists_access_codes() {
    let seam = seam();
    let name = unique("front door code");
    // The fake refuses a code already set on the device (`duplicate_access_code`, 409).
    let pin = format!("{:08}", unique_number() % 100_000_000);
    let created: AccessCode = seam
        .access_codes()
        .create(
            seam::access_codes::CreateRequest::new(LOCK_ID)
                .name(name.clone())
                .code(pin.clone()),
        )
        .await
        .expect("access_codes/create succeeds");
    assert!(!created.access_code_id.is_empty());
    assert_eq!(created.device_id, LOCK_ID);
    assert_eq!(created.name.as_deref(), Some(name.as_str()));
    assert_eq!(created.code.as_deref(), Some(pin.as_str()));
    assert_eq!(created.workspace_id, SEEDED_WORKSPACE);

    let listed = seam
        .access_codes()
        .list(seam::access_codes::ListRequest::new().device_id(LOCK_ID))
        .await
        .expect("access_codes/list succeeds");
    let found = listed
        .iter()
        .find(|c| c.access_code_id == created.access_code_id)
        .unwrap_or_else(|| {
            panic!(
                "created code {} not listed; listed: {:?}",
                created.access_code_id,
                listed.iter().map(|c| &c.access_code_id).collect::<Vec<_>>()
            )
        });
    assert_eq!(found, &created);
    assert!(listed.iter().all(|c| c.device_id == LOCK_ID));

    let fetched = seam
        .access_codes()
        .get(seam::access_codes::GetRequest::new().access_code_id(created.access_code_id.clone()))
        .await
        .expect("access_codes/get succeeds");
    assert_eq!(fetched.access_code_id, created.access_code_id);
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: run `cargo xtask test` or set SEAM_FAKE_URL"]
async fn creates_and_lists_acs_users() {
    let seam = seam();
    let full_name = unique("Jane Doe");
    let created = seam
        .acs()
        .users()
        .create(seam::acs::users::CreateRequest::new(
            ACS_SYSTEM_ID,
            full_name.clone(),
        ))
        .await
        .expect("acs/users/create succeeds");
    assert!(!created.acs_user_id.is_empty());
    assert_eq!(created.acs_system_id, ACS_SYSTEM_ID);
    assert_eq!(created.full_name.as_deref(), Some(full_name.as_str()));
    assert_eq!(created.workspace_id, SEEDED_WORKSPACE);

    let listed = seam
        .acs()
        .users()
        .list(seam::acs::users::ListRequest::new().acs_system_id(ACS_SYSTEM_ID))
        .await
        .expect("acs/users/list succeeds");
    let found = listed
        .iter()
        .find(|u| u.acs_user_id == created.acs_user_id)
        .expect("the created user is listed");
    assert_eq!(found.full_name.as_deref(), Some(full_name.as_str()));
    assert!(listed.iter().all(|u| u.acs_system_id == ACS_SYSTEM_ID));
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: run `cargo xtask test` or set SEAM_FAKE_URL"]
async fn pages_through_devices_by_cursor() {
    let seam = seam();
    let request = || seam::devices::ListRequest::new().limit(2.0);
    let paginator = seam
        .devices()
        .list_paginator(request())
        .expect("paginator builds");

    let first = paginator.first_page().await.expect("first page");
    assert_eq!(first.items.len(), 2);
    assert!(first.has_next_page);
    assert!(first.next_cursor().is_some());

    let pages: Vec<seam::Page<Device>> = paginator
        .clone()
        .pages()
        .try_collect()
        .await
        .expect("all pages");
    let sizes: Vec<usize> = pages.iter().map(|p| p.items.len()).collect();
    assert_eq!(sizes, [2, 2, 1]);
    assert_eq!(pages[0].items, first.items);
    assert!(pages[..2].iter().all(|p| p.next_cursor().is_some()));
    assert_eq!(pages[2].next_cursor(), None);
    let paged: Vec<&str> = pages.iter().flat_map(|p| ids(&p.items)).collect();
    let distinct: BTreeSet<&str> = paged.iter().copied().collect();
    assert_eq!(distinct.len(), 5, "a device came twice: {paged:?}");
    assert_eq!(
        distinct,
        SEEDED_DEVICES.into_iter().collect::<BTreeSet<_>>()
    );

    // items() yields the same devices in the same order, one at a time.
    let mut items = std::pin::pin!(
        seam.devices()
            .list_paginator(request())
            .expect("paginator builds")
            .items()
    );
    let mut streamed = Vec::new();
    while let Some(device) = items.next().await {
        streamed.push(device.expect("item").device_id);
    }
    assert_eq!(streamed, paged);

    let collected = paginator.collect_items().await.expect("collect_items");
    assert_eq!(ids(&collected), paged);
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: run `cargo xtask test` or set SEAM_FAKE_URL"]
async fn unknown_device_is_device_not_found() {
    let err = seam()
        .devices()
        .get(seam::devices::GetRequest::new().device_id("no_such_device"))
        .await
        .expect_err("an unknown device id is an error");
    assert!(matches!(err, Error::Api(_)), "{err:?}");
    assert_eq!(err.status(), Some(404), "{err:?}");
    assert_eq!(err.error_type(), Some("device_not_found"), "{err:?}");
    assert!(!err.is_unauthorized());
    let api = err.api_error().expect("an API error");
    assert!(!api.message.is_empty());
    // The fake sends a `seam-request-id` header with every answer.
    let request_id = err.request_id().expect("the fake sends seam-request-id");
    assert!(!request_id.is_empty());
    assert!(err.to_string().contains("device_not_found"), "{err}");
    assert!(err.to_string().contains(request_id), "{err}");
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: run `cargo xtask test` or set SEAM_FAKE_URL"]
async fn bad_api_key_is_unauthorized() {
    let err = client_with_key("seam_apikey_not_a_real_token")
        .devices()
        .list(seam::devices::ListRequest::new())
        .await
        .expect_err("a bad API key is refused");
    assert!(err.is_unauthorized(), "{err:?}");
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.error_type(), Some("unauthorized"));
    assert!(err.request_id().is_some(), "{err:?}");
    // The key itself never shows in the error.
    assert!(!format!("{err} {err:?}").contains("seam_apikey_not_a_real_token"));
}

/// A body the generated types cannot express (a required field left out), sent through the raw
/// runtime: the fake names the missing field.
#[tokio::test]
#[ignore = "needs fake-seam-connect: run `cargo xtask test` or set SEAM_FAKE_URL"]
async fn missing_required_field_is_invalid_input() {
    static UNLOCK_DOOR: Route = Route {
        path: "/locks/unlock_door",
        response_key: Some("action_attempt"),
        retry_safe: false,
        has_body: true,
        auth: seam_runtime::AuthModes::ANY,
    };
    let seam = seam();
    let err = seam
        .client()
        .call::<_, serde_json::Value>(&UNLOCK_DOOR, &serde_json::json!({}))
        .await
        .expect_err("a body without device_id is refused");
    assert_eq!(err.status(), Some(400), "{err:?}");
    assert_eq!(err.error_type(), Some("invalid_input"), "{err:?}");
    let invalid = err.invalid_input().expect("invalid_input details");
    assert_eq!(
        invalid.messages_for("device_id"),
        ["Required"],
        "{invalid:?}"
    );
    assert!(invalid.messages_for("sync").is_empty());
    assert!(err.request_id().is_some());
    assert!(err.to_string().contains("device_id: Required"), "{err}");
}

/// A well-formed request (generated types) with a bad value: per-field and body-level messages.
#[tokio::test]
#[ignore = "needs fake-seam-connect: run `cargo xtask test` or set SEAM_FAKE_URL"]
async fn bad_field_value_is_invalid_input() {
    let err = seam()
        .access_codes()
        .create(seam::access_codes::CreateRequest::new(LOCK_ID).starts_at("not a date"))
        .await
        .expect_err("an unparsable starts_at is refused");
    assert_eq!(err.status(), Some(400), "{err:?}");
    let invalid = err.invalid_input().expect("invalid_input details");
    assert_eq!(invalid.api.error_type, "invalid_input");
    let starts_at = invalid.messages_for("starts_at");
    assert_eq!(starts_at.len(), 1, "{invalid:?}");
    assert!(starts_at[0].contains("date"), "{starts_at:?}");
    // starts_at without ends_at is also refused, as a message about the whole body.
    assert!(!invalid.messages_for("").is_empty(), "{invalid:?}");
}
