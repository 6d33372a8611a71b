//! What the server receives per auth mode, token-kind refusal, and secrets kept out of output.

use crate::common::{Capture, MockServer, Reply, TEST_KEY};
use seam_runtime::{Client, Error, Route};
use serde_json::json;

static ROUTE: Route = Route {
    path: "/workspaces/get",
    response_key: Some("workspace"),
    retry_safe: true,
    has_body: true,
    auth: seam_runtime::AuthModes::ANY,
};
const OK: &str = r#"{"workspace":{"workspace_id":"w1"},"ok":true}"#;

#[tokio::test]
async fn api_key_headers() {
    let server = MockServer::always(Reply::json(200, OK));
    let client = server.builder().header("x-custom", "yes").build().unwrap();
    client
        .call::<_, serde_json::Value>(&ROUTE, &json!({}))
        .await
        .unwrap();
    let req = &server.requests()[0];
    assert_eq!(
        req.header("authorization"),
        Some(format!("Bearer {TEST_KEY}").as_str())
    );
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(req.header("seam-sdk-name"), Some("seam-runtime"));
    assert_eq!(
        req.header("seam-sdk-version"),
        Some(env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(
        req.header("user-agent"),
        Some(format!("seam-runtime/{}", env!("CARGO_PKG_VERSION")).as_str())
    );
    assert_eq!(req.header("x-custom"), Some("yes"));
    assert_eq!(req.header("client-session-token"), None);
    assert_eq!(req.header("seam-workspace"), None);
}

#[tokio::test]
async fn client_session_token_headers() {
    let server = MockServer::always(Reply::json(200, OK));
    let client = Client::builder()
        .client_session_token("seam_cst1_token")
        .endpoint(&server.url)
        .sdk("seam", "9.9.9")
        .user_agent("my-app/1.0")
        .proxy_from_env(false)
        .build()
        .unwrap();
    client
        .call::<_, serde_json::Value>(&ROUTE, &json!({}))
        .await
        .unwrap();
    let req = &server.requests()[0];
    assert_eq!(req.header("authorization"), Some("Bearer seam_cst1_token"));
    assert_eq!(req.header("client-session-token"), Some("seam_cst1_token"));
    assert_eq!(req.header("seam-sdk-name"), Some("seam"));
    assert_eq!(req.header("seam-sdk-version"), Some("9.9.9"));
    assert_eq!(req.header("user-agent"), Some("my-app/1.0"));
}

#[tokio::test]
async fn personal_access_token_and_publishable_key_headers() {
    let server = MockServer::always(Reply::json(200, OK));
    let pat = Client::builder()
        .personal_access_token("seam_at1_token", "ws_42")
        .endpoint(&server.url)
        .proxy_from_env(false)
        .build()
        .unwrap();
    pat.call::<_, serde_json::Value>(&ROUTE, &json!({}))
        .await
        .unwrap();
    let pk = Client::builder()
        .publishable_key("seam_pk1_key")
        .endpoint(&server.url)
        .proxy_from_env(false)
        .build()
        .unwrap();
    pk.call::<_, serde_json::Value>(&ROUTE, &json!({}))
        .await
        .unwrap();
    let reqs = server.requests();
    assert_eq!(
        reqs[0].header("authorization"),
        Some("Bearer seam_at1_token")
    );
    assert_eq!(reqs[0].header("seam-workspace"), Some("ws_42"));
    assert_eq!(reqs[1].header("seam-publishable-key"), Some("seam_pk1_key"));
    assert_eq!(reqs[1].header("authorization"), None);
}

#[test]
fn wrong_token_kinds_are_refused_before_any_request() {
    let server = MockServer::always(Reply::json(200, OK));
    let cases: Vec<seam_runtime::Result<Client>> = vec![
        Client::new("seam_cst_abc_SECRET"),
        Client::new("seam_at_abc_SECRET"),
        Client::new("seam_pk_abc_SECRET"),
        Client::new("eyJhbGciOi_SECRET"),
        Client::new("not_a_seam_token_SECRET"),
        Client::builder()
            .client_session_token("seam_apikey_SECRET")
            .endpoint(&server.url)
            .build(),
        Client::builder()
            .personal_access_token("seam_apikey_SECRET", "ws")
            .build(),
        Client::builder().publishable_key("seam_cst_SECRET").build(),
    ];
    for result in cases {
        let err = result.expect_err("wrong kind must be refused");
        assert!(matches!(err, Error::InvalidToken(_)), "{err:?}");
        assert!(!format!("{err} {err:?}").contains("SECRET"), "{err}");
    }
    assert!(matches!(
        Client::builder()
            .personal_access_token("seam_at_x", "")
            .build(),
        Err(Error::Config(_))
    ));
    assert_eq!(server.count(), 0);
}

#[test]
fn debug_output_has_no_secrets() {
    let client = Client::builder()
        .api_key(TEST_KEY)
        .header("x-secret-header", "hidden-value")
        .build()
        .unwrap();
    let builder = Client::builder().client_session_token("seam_cst_SECRET");
    for shown in [
        format!("{client:?}"),
        format!("{client:#?}"),
        format!("{builder:?}"),
    ] {
        assert!(
            !shown.contains(TEST_KEY)
                && !shown.contains("SECRET")
                && !shown.contains("hidden-value"),
            "{shown}"
        );
        assert!(shown.contains("redacted"), "{shown}");
    }
}

#[tokio::test]
async fn tracing_has_path_and_attempt_but_no_key() {
    let server = MockServer::start(|_, n| match n {
        0 => Reply::json(503, "{}"),
        _ => Reply::json(200, OK).header("seam-request-id", "req_trace"),
    });
    let client = server.client();
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    client
        .call::<_, serde_json::Value>(&ROUTE, &json!({}))
        .await
        .unwrap();
    let log = capture.0.lock().unwrap().clone();
    assert!(
        log.contains("span seam_request path=\"/workspaces/get\" attempt=1"),
        "{log}"
    );
    assert!(log.contains("attempt=2"), "{log}");
    assert!(log.contains("req_trace"), "{log}");
    assert!(!log.contains(TEST_KEY), "{log}");
}
