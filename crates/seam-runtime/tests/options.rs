//! Per-call options, a caller's own `reqwest::Client`, and the headers of every auth mode on the
//! wire (async and blocking).

use std::time::{Duration, Instant};

use crate::common::{MockServer, Reply};
use seam_runtime::{Auth, AuthMode, CallOptions, Client, ClientBuilder, Error, Route};
use serde_json::json;

static READ: Route = Route {
    path: "/devices/get",
    response_key: Some("device"),
    retry_safe: true,
    has_body: true,
    auth: seam_runtime::AuthModes::ANY,
};

#[tokio::test]
async fn a_call_timeout_overrides_the_client_timeout() {
    let server =
        MockServer::always(Reply::json(200, r#"{"device":{}}"#).after(Duration::from_millis(400)));
    let client = server
        .builder()
        .timeout(Duration::from_secs(3))
        .no_retries()
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client
        .call_with_options::<_, serde_json::Value>(
            &READ,
            &[],
            &json!({}),
            &CallOptions::new().timeout(Duration::from_millis(100)),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Timeout { timeout, .. } if timeout == Duration::from_millis(100)),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_millis(350));
    // Longer than the client's: the call waits for it.
    let client = server
        .builder()
        .timeout(Duration::from_millis(100))
        .no_retries()
        .build()
        .unwrap();
    client
        .call_unit_with_options(
            &READ,
            &[("q", "1")],
            &json!({}),
            &CallOptions::new().timeout(Duration::from_secs(3)),
        )
        .await
        .unwrap();
    assert_eq!(server.requests().last().unwrap().path, "/devices/get?q=1");
}

#[cfg(feature = "blocking")]
#[test]
fn a_call_timeout_overrides_the_client_timeout_blocking() {
    let server =
        MockServer::always(Reply::json(200, r#"{"device":{}}"#).after(Duration::from_millis(400)));
    let client = server.builder().no_retries().build_blocking().unwrap();
    let err = client
        .call_with_options::<_, serde_json::Value>(
            &READ,
            &[],
            &json!({}),
            &CallOptions::new().timeout(Duration::from_millis(100)),
        )
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    client
        .call_unit_with_options(&READ, &[], &json!({}), &CallOptions::new())
        .unwrap();
}

#[tokio::test]
async fn a_callers_http_client_carries_the_runtime_headers_and_timeout() {
    let server = MockServer::always(Reply::json(200, r#"{"device":{"device_id":"d1"}}"#));
    let http = reqwest::Client::builder()
        .tls_backend_preconfigured(
            rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
                rustls::crypto::ring::default_provider(),
            ))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(rustls::RootCertStore::empty())
            .with_no_client_auth(),
        )
        .user_agent("theirs/1.0")
        .default_headers(
            [(
                reqwest::header::HeaderName::from_static("x-theirs"),
                reqwest::header::HeaderValue::from_static("kept"),
            )]
            .into_iter()
            .collect(),
        )
        .build()
        .unwrap();
    let client = Client::builder()
        .ignore_env()
        .api_key("seam_key_1")
        .endpoint(&server.url)
        .sdk("seam", "9.9.9")
        .http_client(http.clone())
        .build()
        .unwrap();
    assert_eq!(
        client.timeout(),
        None,
        "the HTTP client's own timeout governs"
    );
    let _: serde_json::Value = client.call(&READ, &json!({})).await.unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.header("authorization"), Some("Bearer seam_key_1"));
    assert_eq!(request.header("seam-sdk-name"), Some("seam"));
    assert_eq!(request.header("seam-sdk-version"), Some("9.9.9"));
    assert_eq!(request.header("user-agent"), Some("seam/9.9.9"));
    assert_eq!(request.header("x-theirs"), Some("kept"));
    let client = Client::builder()
        .ignore_env()
        .api_key("seam_key_1")
        .endpoint(&server.url)
        .http_client(http)
        .timeout(Duration::from_secs(7))
        .build()
        .unwrap();
    assert_eq!(client.timeout(), Some(Duration::from_secs(7)));
}

/// A header name and its expected value (`None`: absent).
type ExpectedHeader = (&'static str, Option<&'static str>);

/// The headers each credential sends, as Seam's JavaScript SDK sends them.
#[tokio::test]
async fn every_auth_mode_sends_its_headers() {
    const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.e30.c2ln";
    let server = MockServer::always(Reply::json(200, r#"{"device":{}}"#));
    let cases: [(Auth, AuthMode, &[ExpectedHeader]); 7] = [
        (
            Auth::ApiKey("seam_k".into()),
            AuthMode::ApiKey,
            &[
                ("authorization", Some("Bearer seam_k")),
                ("seam-workspace", None),
            ],
        ),
        (
            Auth::ClientSessionToken("seam_cst_1".into()),
            AuthMode::ClientSession,
            &[
                ("authorization", Some("Bearer seam_cst_1")),
                ("client-session-token", Some("seam_cst_1")),
            ],
        ),
        (
            Auth::PersonalAccessToken {
                token: "seam_at_1".into(),
                workspace_id: "ws_1".into(),
            },
            AuthMode::PersonalAccessTokenWithWorkspace,
            &[
                ("authorization", Some("Bearer seam_at_1")),
                ("seam-workspace", Some("ws_1")),
            ],
        ),
        (
            Auth::PersonalAccessTokenWithoutWorkspace("seam_at_1".into()),
            AuthMode::PersonalAccessTokenWithoutWorkspace,
            &[
                ("authorization", Some("Bearer seam_at_1")),
                ("seam-workspace", None),
            ],
        ),
        (
            Auth::ConsoleSessionToken {
                token: JWT.into(),
                workspace_id: "ws_2".into(),
            },
            AuthMode::ConsoleSessionWithWorkspace,
            &[
                (
                    "authorization",
                    Some("Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln"),
                ),
                ("seam-workspace", Some("ws_2")),
            ],
        ),
        (
            Auth::ConsoleSessionTokenWithoutWorkspace(JWT.into()),
            AuthMode::ConsoleSessionWithoutWorkspace,
            &[
                (
                    "authorization",
                    Some("Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln"),
                ),
                ("seam-workspace", None),
            ],
        ),
        (
            Auth::PublishableKey("seam_pk_1".into()),
            AuthMode::PublishableKey,
            &[
                ("seam-publishable-key", Some("seam_pk_1")),
                ("authorization", None),
            ],
        ),
    ];
    for (i, (auth, mode, expected)) in cases.into_iter().enumerate() {
        assert_eq!(auth.mode(), mode);
        let client = ClientBuilder::<Client>::new()
            .ignore_env()
            .endpoint(&server.url)
            .auth(auth)
            .build()
            .unwrap();
        assert_eq!(client.auth_mode(), mode);
        let _: serde_json::Value = client.call(&READ, &json!({})).await.unwrap();
        let request = &server.requests()[i];
        for (name, value) in expected {
            assert_eq!(request.header(name), *value, "{mode}: {name}");
        }
    }
}
