//! Port of javascript-http `test/seam/connect/console-session-token.test.ts`: clients authorized
//! with a console session token (a JWT the fake verifies), with a workspace and without one.
//! Tests marked `#[ignore]` need fake-seam-connect at `SEAM_FAKE_URL` (`cargo xtask test`).
//!
//! `SeamHttpWithoutWorkspace` is the generated `seam::SeamWithoutWorkspace`.

use crate::connect_common::{
    assert_gets_seeded_device, builder, console_session_token, invalid_token_message, seam_of, seed,
};
use seam::Client;
use seam_runtime::{Auth, AuthMode};

const WORKSPACE_ID: &str = "e4203e37-e569-4a5a-bfb7-e3e8de66161d";

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_from_console_session_token_returns_instance_authorized_with_console_session_token()
 {
    let client = builder()
        .console_session_token(console_session_token(), seed::SEED_WORKSPACE_1)
        .build()
        .unwrap();
    assert_eq!(client.auth_mode(), AuthMode::ConsoleSessionWithWorkspace);
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_constructor_returns_instance_authorized_with_console_session_token() {
    let client = builder()
        .auth(Auth::ConsoleSessionToken {
            token: console_session_token(),
            workspace_id: seed::SEED_WORKSPACE_1.into(),
        })
        .build()
        .unwrap();
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[test]
fn seam_http_checks_console_session_token_format() {
    let check = |token: &str| {
        invalid_token_message(
            Client::builder()
                .console_session_token(token, WORKSPACE_ID)
                .build(),
        )
    };
    let message = check("some-invalid-key-format");
    assert!(message.contains("unknown"), "{message}");
    let message = check("seam_apikey_token");
    assert!(message.contains("unknown"), "{message}");
    let message = check("seam_cst");
    assert!(message.contains("client session token"), "{message}");
    let message = check("seam_at");
    assert!(message.contains("access token"), "{message}");
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_without_workspace_from_console_session_token_returns_instance_authorized_with_console_session_token()
 {
    let client = builder()
        .console_session_token_without_workspace(console_session_token())
        .build()
        .unwrap();
    assert_eq!(client.auth_mode(), AuthMode::ConsoleSessionWithoutWorkspace);
    let workspaces = seam::SeamWithoutWorkspace::from_client(client)
        .workspaces()
        .list()
        .await
        .unwrap();
    assert!(!workspaces.is_empty());
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_without_workspace_constructor_returns_instance_authorized_with_console_session_token()
 {
    let client = builder()
        .auth(Auth::ConsoleSessionTokenWithoutWorkspace(
            console_session_token(),
        ))
        .build()
        .unwrap();
    let workspaces = seam::SeamWithoutWorkspace::from_client(client)
        .workspaces()
        .list()
        .await
        .unwrap();
    assert!(!workspaces.is_empty());
}

#[test]
fn seam_http_without_workspace_checks_console_session_token_format() {
    let check = |token: &str| {
        invalid_token_message(
            Client::builder()
                .console_session_token_without_workspace(token)
                .build(),
        )
    };
    let message = check("some-invalid-key-format");
    assert!(message.contains("unknown"), "{message}");
    let message = check("seam_apikey_token");
    assert!(message.contains("unknown"), "{message}");
    let message = check("seam_cst");
    assert!(message.contains("client session token"), "{message}");
    let message = check("seam_at");
    assert!(message.contains("access token"), "{message}");
}
