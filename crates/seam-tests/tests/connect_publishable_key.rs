//! Port of javascript-http `test/seam/connect/publishable-key.test.ts`: a client session from a
//! publishable key and a user identifier key. Tests marked `#[ignore]` need fake-seam-connect at
//! `SEAM_FAKE_URL` (`cargo xtask test`).

use crate::connect_common::{
    assert_gets_seeded_device, builder, invalid_token_message, seam_of, seed,
};
use seam::Client;
use seam_runtime::AuthMode;

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_from_publishable_key_returns_instance_authorized_with_client_session_token() {
    let client = builder()
        .build_from_publishable_key(seed::SEAM_PK1_TOKEN, seed::JOHN_USER_IDENTIFIER_KEY)
        .await
        .expect("a client session for john");
    assert_eq!(client.auth_mode(), AuthMode::ClientSession);
    assert_gets_seeded_device(&seam_of(client)).await;
}

/// Checked before any request: the endpoint here (port 9 on loopback) is never contacted.
#[tokio::test]
async fn seam_http_checks_publishable_key_format() {
    let check = async |key: &str| {
        invalid_token_message(
            Client::builder()
                .ignore_env()
                .endpoint("http://127.0.0.1:9")
                .build_from_publishable_key(key, "some-user-identifier-key")
                .await,
        )
    };
    let message = check("some-invalid-key-format").await;
    assert!(message.contains("unknown"), "{message}");
    let message = check("seam_apikey_token").await;
    assert!(message.contains("unknown"), "{message}");
    let message = check("seam_cst").await;
    assert!(message.contains("client session token"), "{message}");
    let message = check("ey").await;
    assert!(message.contains("jwt"), "{message}");
    let message = check("seam_at").await;
    assert!(message.contains("access token"), "{message}");
}
