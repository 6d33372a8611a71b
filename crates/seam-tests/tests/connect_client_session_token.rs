//! Port of javascript-http `test/seam/connect/client-session-token.test.ts`: clients authorized
//! with a client session token, and replacing the token of a live client. Tests marked
//! `#[ignore]` need fake-seam-connect at `SEAM_FAKE_URL` (`cargo xtask test`).

use crate::connect_common::{
    assert_gets_seeded_device, builder, invalid_token_message, seam_of, seed, unique_number,
};
use seam::{Client, Error};
use seam_runtime::{Auth, AuthMode};

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_from_client_session_token_returns_instance_authorized_with_client_session_token()
{
    let client = builder()
        .client_session_token(seed::SEAM_CST1_TOKEN)
        .build()
        .unwrap();
    assert_eq!(client.auth_mode(), AuthMode::ClientSession);
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_constructor_returns_instance_authorized_with_client_session_token() {
    let client = builder()
        .auth(Auth::ClientSessionToken(seed::SEAM_CST1_TOKEN.into()))
        .build()
        .unwrap();
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[test]
fn seam_http_checks_client_session_token_format() {
    let check =
        |token: &str| invalid_token_message(Client::builder().client_session_token(token).build());
    let message = check("some-invalid-key-format");
    assert!(message.contains("unknown"), "{message}");
    let message = check("seam_apikey_token");
    assert!(message.contains("unknown"), "{message}");
    let message = check("ey");
    assert!(message.contains("jwt"), "{message}");
    let message = check("seam_at");
    assert!(message.contains("access token"), "{message}");
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_update_client_session_token_returns_instance_authorized_with_a_new_client_session_token()
 {
    let client = builder()
        .client_session_token(seed::SEAM_CST1_TOKEN)
        .build()
        .unwrap();
    let seam = seam_of(client.clone());
    let devices = seam
        .devices()
        .list(seam::devices::ListRequest::new())
        .await
        .unwrap();
    assert!(!devices.is_empty());

    // A session in the empty workspace of the second API key.
    let seam_using_api_key = seam_of(builder().api_key(seed::SEAM_APIKEY2_TOKEN).build().unwrap());
    let session = seam_using_api_key
        .client_sessions()
        .create(
            seam::client_sessions::CreateRequest::new()
                .user_identifier_key(format!("some-new-user-identifier-key-{}", unique_number())),
        )
        .await
        .unwrap();

    client
        .update_client_session_token(session.token)
        .await
        .expect("the new token is accepted");
    let devices_from_new_session = seam
        .devices()
        .list(seam::devices::ListRequest::new())
        .await
        .unwrap();
    assert_eq!(devices_from_new_session.len(), 0);
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_update_client_session_token_fails_if_no_existing_client_session_token() {
    let client = builder().api_key(seed::SEAM_APIKEY1_TOKEN).build().unwrap();
    let err = client
        .update_client_session_token("seam_cst_123")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("cannot update")),
        "{err:?}"
    );
}

/// Unlike JS (which swaps first and checks after), a rejected token leaves the client with its
/// old one: the last call shows it still works.
#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_update_client_session_token_checks_client_session_token_is_authorized() {
    let client = builder()
        .client_session_token(seed::SEAM_CST1_TOKEN)
        .build()
        .unwrap();
    let err = client
        .update_client_session_token("seam_cst_123")
        .await
        .unwrap_err();
    assert!(err.api_error().is_some(), "{err:?}");
    assert_eq!(err.status(), Some(401));
    assert_gets_seeded_device(&seam_of(client)).await;
}
