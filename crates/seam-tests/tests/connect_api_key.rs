//! Port of javascript-http `test/seam/connect/api-key.test.ts`: clients authorized with an API
//! key. Tests marked `#[ignore]` need fake-seam-connect at `SEAM_FAKE_URL` (`cargo xtask test`).

use crate::connect_common::{
    assert_gets_seeded_device, builder, invalid_token_message, seam_of, seed,
};
use seam::{Client, Seam};
use seam_runtime::{Auth, AuthMode};

/// JS `SeamHttp.fromApiKey(key, { endpoint })`: the builder's `api_key`.
#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_from_api_key_returns_instance_authorized_with_api_key() {
    let client = builder().api_key(seed::SEAM_APIKEY1_TOKEN).build().unwrap();
    assert_eq!(client.auth_mode(), AuthMode::ApiKey);
    assert_gets_seeded_device(&seam_of(client)).await;
}

/// JS `new SeamHttp({ apiKey, endpoint })`: the credentials as an [`Auth`] value.
#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_constructor_returns_instance_authorized_with_api_key() {
    let client = builder()
        .auth(Auth::ApiKey(seed::SEAM_APIKEY1_TOKEN.into()))
        .build()
        .unwrap();
    assert_gets_seeded_device(&seam_of(client)).await;
}

/// JS `new SeamHttp('seam_apikey_token')`: `Seam::new(key)`.
#[test]
fn seam_http_constructor_interprets_single_string_argument_as_api_key() {
    let seam = Seam::new("seam_apikey_token").expect("an API key builds");
    assert_eq!(seam.client().auth_mode(), AuthMode::ApiKey);
    let message = invalid_token_message(Seam::new("some-invalid-key-format"));
    assert!(message.contains("api key"), "{message}");
}

#[test]
fn seam_http_checks_api_key_format() {
    let check = |key: &str| invalid_token_message(Client::builder().api_key(key).build());
    let message = check("some-invalid-key-format");
    assert!(message.contains("unknown"), "{message}");
    let message = check("ey");
    assert!(message.contains("jwt"), "{message}");
    let message = check("seam_cst_token");
    assert!(message.contains("client session token"), "{message}");
    let message = check("seam_at");
    assert!(message.contains("access token"), "{message}");
}

/// JS `SeamHttpEndpoints` calls operations by path (`seam['/devices/get'](...)`); the Rust
/// counterpart is the runtime client called with a route.
#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_endpoints_from_api_key_returns_instance_authorized_with_api_key() {
    static DEVICES_GET: seam_runtime::Route = seam_runtime::Route {
        path: "/devices/get",
        response_key: Some("device"),
        retry_safe: true,
        has_body: true,
        auth: seam_runtime::AuthModes::ANY,
    };
    let client = builder().api_key(seed::SEAM_APIKEY1_TOKEN).build().unwrap();
    let device: seam::types::Device = client
        .call(
            &DEVICES_GET,
            &serde_json::json!({ "device_id": seed::AUGUST_DEVICE_1 }),
        )
        .await
        .expect("/devices/get succeeds");
    assert_eq!(device.workspace_id, seed::SEED_WORKSPACE_1);
    assert_eq!(device.device_id, seed::AUGUST_DEVICE_1);
}
