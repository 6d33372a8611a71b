//! Port of javascript-http `test/seam/connect/personal-access-token.test.ts`: clients authorized
//! with a personal access token, with a workspace and without one. Tests marked `#[ignore]` need
//! fake-seam-connect at `SEAM_FAKE_URL` (`cargo xtask test`).
//!
//! `SeamHttpWithoutWorkspace` is the generated `seam::SeamWithoutWorkspace`.

use crate::connect_common::{
    assert_gets_seeded_device, builder, invalid_token_message, seam_of, seed,
};
use seam::Client;
use seam_runtime::{Auth, AuthMode};

const WORKSPACE_ID: &str = "e4203e37-e569-4a5a-bfb7-e3e8de66161d";

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_from_personal_access_token_returns_instance_authorized_with_personal_access_token()
 {
    let client = builder()
        .personal_access_token(seed::SEAM_AT1_TOKEN, seed::SEED_WORKSPACE_1)
        .build()
        .unwrap();
    assert_eq!(
        client.auth_mode(),
        AuthMode::PersonalAccessTokenWithWorkspace
    );
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_constructor_returns_instance_authorized_with_personal_access_token() {
    let client = builder()
        .auth(Auth::PersonalAccessToken {
            token: seed::SEAM_AT1_TOKEN.into(),
            workspace_id: seed::SEED_WORKSPACE_1.into(),
        })
        .build()
        .unwrap();
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[test]
fn seam_http_checks_personal_access_token_format() {
    let check = |token: &str| {
        invalid_token_message(
            Client::builder()
                .personal_access_token(token, WORKSPACE_ID)
                .build(),
        )
    };
    let message = check("some-invalid-key-format");
    assert!(message.contains("unknown"), "{message}");
    let message = check("seam_apikey_token");
    assert!(message.contains("unknown"), "{message}");
    let message = check("seam_cst");
    assert!(message.contains("client session token"), "{message}");
    let message = check("ey");
    assert!(message.contains("jwt"), "{message}");
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_without_workspace_from_personal_access_token_returns_instance_authorized_with_personal_access_token()
 {
    let client = builder()
        .personal_access_token_without_workspace(seed::SEAM_AT1_TOKEN)
        .build()
        .unwrap();
    assert_eq!(
        client.auth_mode(),
        AuthMode::PersonalAccessTokenWithoutWorkspace
    );
    let workspaces = seam::SeamWithoutWorkspace::from_client(client)
        .workspaces()
        .list()
        .await
        .unwrap();
    assert!(!workspaces.is_empty());
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_without_workspace_constructor_returns_instance_authorized_with_personal_access_token()
 {
    let client = builder()
        .auth(Auth::PersonalAccessTokenWithoutWorkspace(
            seed::SEAM_AT1_TOKEN.into(),
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
fn seam_http_without_workspace_checks_personal_access_token_format() {
    let check = |token: &str| {
        invalid_token_message(
            Client::builder()
                .personal_access_token_without_workspace(token)
                .build(),
        )
    };
    let message = check("some-invalid-key-format");
    assert!(message.contains("unknown"), "{message}");
    let message = check("seam_apikey_token");
    assert!(message.contains("unknown"), "{message}");
    let message = check("seam_cst");
    assert!(message.contains("client session token"), "{message}");
    let message = check("ey");
    assert!(message.contains("jwt"), "{message}");
}

/// The blocking workspace-less client offers the same operations; one that needs a workspace is
/// not there, and the client refuses a credential that has one.
#[test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
fn seam_http_without_workspace_blocking_lists_workspaces() {
    let seam = builder()
        .personal_access_token_without_workspace(seed::SEAM_AT1_TOKEN)
        .target::<seam::blocking::SeamWithoutWorkspace>()
        .build()
        .unwrap();
    let workspaces = seam.workspaces().list().unwrap();
    assert!(!workspaces.is_empty());
    let err = builder()
        .api_key(seed::SEAM_APIKEY1_TOKEN)
        .target::<seam::blocking::SeamWithoutWorkspace>()
        .build()
        .unwrap_err();
    assert!(
        err.to_string().contains("build a `seam::blocking::Seam`"),
        "{err}"
    );
}
