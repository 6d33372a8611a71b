//! Port of javascript-http `test/seam/connect/http-error.test.ts`: which answers are Seam API
//! errors (typed, with the error type, status and request id) and which stay HTTP errors. Tests
//! marked `#[ignore]` need fake-seam-connect at `SEAM_FAKE_URL` (`cargo xtask test`).

use crate::connect_common::{
    CannedServer, builder, fresh_workspace_session, seam_of, seed, simulate_workspace_outage,
};
use seam::Error;

/// A 502 page from a middlebox whose text happens to be Seam's error JSON stays an HTTP error
/// (JS keeps the `AxiosError`): only a JSON response is a Seam API error.
#[tokio::test]
async fn seam_http_preserves_axios_error_for_json_shaped_non_json_response() {
    let body =
        r#"{"error":{"type":"bad_gateway","message":"A middlebox returned this error page"}}"#;
    let server = CannedServer::start(502, "Bad Gateway", "text/html; charset=utf-8", body).await;
    let client = seam::Client::builder()
        .ignore_env()
        .api_key("seam_apikey_token")
        .endpoint(&server.url)
        .no_retries()
        .build()
        .unwrap();
    let err = seam_of(client)
        .devices()
        .list(seam::devices::ListRequest::new())
        .await
        .unwrap_err();
    match &err {
        Error::Http {
            status, excerpt, ..
        } => {
            assert_eq!(*status, 502);
            assert_eq!(excerpt, body);
        }
        other => panic!("expected an HTTP error, got {other:?}"),
    }
    assert!(err.api_error().is_none());
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_throws_axios_error_on_non_standard_response() {
    let (workspace_id, token) = fresh_workspace_session().await;
    let seam = seam_of(
        builder()
            .client_session_token(token)
            .no_retries()
            .build()
            .unwrap(),
    );
    simulate_workspace_outage(&workspace_id, &["/devices/list"]).await;
    let err = seam
        .devices()
        .list(seam::devices::ListRequest::new())
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Http { status: 503, .. }), "{err:?}");
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_throws_seam_http_unauthorized_error_if_unauthorized() {
    let seam = seam_of(
        builder()
            .api_key("seam_invalid_api_key")
            .no_retries()
            .build()
            .unwrap(),
    );
    let err = seam
        .devices()
        .list(seam::devices::ListRequest::new())
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.error_type(), Some("unauthorized"));
    assert!(
        err.request_id().is_some_and(|id| id.starts_with("request")),
        "{err:?}"
    );
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_throws_seam_http_api_error_on_standard_error_response() {
    let seam = seam_of(
        builder()
            .api_key(seed::SEAM_APIKEY1_TOKEN)
            .no_retries()
            .build()
            .unwrap(),
    );
    let err = seam
        .devices()
        .get(seam::devices::GetRequest::new().device_id("unknown-device"))
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Api(_)), "{err:?}");
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.error_type(), Some("device_not_found"));
    assert!(
        err.request_id().is_some_and(|id| id.starts_with("request")),
        "{err:?}"
    );
}

/// JS posts a body the typed request cannot express (`device_ids: 4242`) through the raw client;
/// so does this test, through the runtime client.
#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_throws_seam_http_invalid_input_error_on_invalid_input() {
    static DEVICES_LIST: seam_runtime::Route = seam_runtime::Route {
        path: "/devices/list",
        response_key: Some("devices"),
        retry_safe: true,
        has_body: true,
        auth: seam_runtime::AuthModes::ANY,
    };
    let client = builder()
        .api_key(seed::SEAM_APIKEY1_TOKEN)
        .no_retries()
        .build()
        .unwrap();
    let err = client
        .call::<_, serde_json::Value>(&DEVICES_LIST, &serde_json::json!({ "device_ids": 4242 }))
        .await
        .unwrap_err();
    let invalid = err.invalid_input().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.error_type(), Some("invalid_input"));
    assert!(
        err.request_id().is_some_and(|id| id.starts_with("request")),
        "{err:?}"
    );
    assert_eq!(
        invalid.messages_for("device_ids"),
        ["Expected array, received number"]
    );
}
