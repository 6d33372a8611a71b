//! Client sessions: a client from a publishable key, and replacing the client session token of a
//! live client (async and blocking).

use crate::common::{MockServer, Reply};
use seam_runtime::{AuthMode, Client, Error, Route};
use serde_json::json;

static READ: Route = Route {
    path: "/devices/get",
    response_key: Some("device"),
    retry_safe: true,
    has_body: true,
    auth: seam_runtime::AuthModes::ANY,
};

const SESSION_OK: &str =
    r#"{"client_session":{"client_session_id":"cs1","token":"seam_cst_NEW"},"ok":true}"#;

/// `get_or_create` answers a session for `seam_pk_...`, `client_sessions/get` accepts
/// `seam_cst_NEW` only, and reads answer whoever asks.
fn server() -> MockServer {
    MockServer::start(|req, _| match req.path.as_str() {
        "/client_sessions/get_or_create" => Reply::json(200, SESSION_OK),
        "/client_sessions/get" if req.header("client-session-token") == Some("seam_cst_NEW") => {
            Reply::json(200, SESSION_OK)
        }
        "/client_sessions/get" => Reply::json(
            401,
            r#"{"error":{"type":"unauthorized","message":"Unauthorized"}}"#,
        ),
        _ => Reply::json(200, r#"{"device":{"device_id":"d1"}}"#),
    })
}

#[tokio::test]
async fn publishable_key_gets_a_client_session_then_uses_its_token() {
    let server = server();
    let client: Client = server
        .builder()
        .build_from_publishable_key("seam_pk_PUBLIC", "user-7f3a")
        .await
        .unwrap();
    assert_eq!(client.auth_mode(), AuthMode::ClientSession);
    let _: serde_json::Value = client.call(&READ, &json!({})).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let bootstrap = &requests[0];
    assert_eq!(bootstrap.path, "/client_sessions/get_or_create");
    assert_eq!(
        bootstrap.header("seam-publishable-key"),
        Some("seam_pk_PUBLIC")
    );
    assert_eq!(bootstrap.header("authorization"), None);
    assert_eq!(
        bootstrap.json(),
        json!({"user_identifier_key": "user-7f3a"})
    );
    let read = &requests[1];
    assert_eq!(read.header("authorization"), Some("Bearer seam_cst_NEW"));
    assert_eq!(read.header("client-session-token"), Some("seam_cst_NEW"));
    assert_eq!(read.header("seam-publishable-key"), None);
}

#[tokio::test]
async fn publishable_key_is_checked_before_any_request() {
    let server = server();
    let err = server
        .builder()
        .build_from_publishable_key("seam_at_not_a_pk", "user")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidToken(_)), "{err:?}");
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn a_new_token_is_checked_then_shared_by_every_clone() {
    let server = server();
    let client = server
        .builder()
        .client_session_token("seam_cst_OLD")
        .build()
        .unwrap();
    let clone = client.clone();
    client
        .update_client_session_token("seam_cst_NEW")
        .await
        .unwrap();
    let _: serde_json::Value = clone.call(&READ, &json!({})).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests[0].path, "/client_sessions/get");
    assert_eq!(
        requests[0].header("authorization"),
        Some("Bearer seam_cst_NEW")
    );
    assert_eq!(
        requests[1].header("client-session-token"),
        Some("seam_cst_NEW")
    );
    assert!(!format!("{client:?}").contains("NEW"));
}

#[tokio::test]
async fn a_rejected_token_leaves_the_old_one() {
    let server = server();
    let client = server
        .builder()
        .client_session_token("seam_cst_OLD")
        .build()
        .unwrap();
    let err = client
        .update_client_session_token("seam_cst_REJECTED")
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    let _: serde_json::Value = client.call(&READ, &json!({})).await.unwrap();
    let last = server.requests().pop().unwrap();
    assert_eq!(last.header("client-session-token"), Some("seam_cst_OLD"));
}

#[tokio::test]
async fn only_a_client_session_client_takes_a_client_session_token() {
    let server = server();
    let err = server
        .client()
        .update_client_session_token("seam_cst_NEW")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("cannot update") && m.contains("API key")),
        "{err:?}"
    );
    let client = server
        .builder()
        .client_session_token("seam_cst_OLD")
        .build()
        .unwrap();
    let err = client
        .update_client_session_token("seam_pk_wrong")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidToken(_)), "{err:?}");
    assert_eq!(server.count(), 0);
}

#[cfg(feature = "blocking")]
#[test]
fn blocking_publishable_key_and_token_update() {
    let server = server();
    let client: seam_runtime::blocking::Client = server
        .builder()
        .target::<seam_runtime::blocking::Client>()
        .build_from_publishable_key_blocking("seam_pk_PUBLIC", "user-7f3a")
        .unwrap();
    assert_eq!(client.auth_mode(), AuthMode::ClientSession);
    let err = client
        .update_client_session_token("seam_cst_REJECTED")
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    client.update_client_session_token("seam_cst_NEW").unwrap();
    let _: serde_json::Value = client.call(&READ, &json!({})).unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 4);
    assert_eq!(requests[0].header("connection"), Some("close"));
    assert_eq!(
        requests[3].header("client-session-token"),
        Some("seam_cst_NEW")
    );
}
