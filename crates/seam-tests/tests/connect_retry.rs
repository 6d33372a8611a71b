//! Port of javascript-http `test/seam/connect/retry.test.ts`: which failed requests are sent
//! again. Tests marked `#[ignore]` need fake-seam-connect at `SEAM_FAKE_URL` (`cargo xtask
//! test`); a counting proxy in front of it counts the attempts (JS counts `onRetry` calls).
//!
//! JS retries the requests it sends as GET (the operations the spec also offers as GET) and
//! never its POSTs; the runtime decides per operation instead (`Route::retry_safe`, set for the
//! same operations), and every operation is POSTed. So JS's `client.get('/devices/list')` is
//! `devices().list()` here, and its raw `client.post('/devices/list')` is a route that is not
//! `retry_safe`.

use std::time::{Duration, Instant};

use crate::connect_common::{
    CountingProxy, SilentServer, fresh_workspace_session, seam_of, simulate_workspace_outage,
};
use seam::{Client, Error};

/// `/devices/list` as a non-idempotent operation (JS's raw POST).
static DEVICES_LIST_NOT_RETRY_SAFE: seam_runtime::Route = seam_runtime::Route {
    path: "/devices/list",
    response_key: Some("devices"),
    retry_safe: false,
    has_body: true,
    auth: seam_runtime::AuthModes::ANY,
};

/// The outage is simulated in a fresh workspace (the JS test uses the seeded one, but has a fake
/// of its own).
#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_retries_503_status_errors_twice_by_default() {
    let (workspace_id, token) = fresh_workspace_session().await;
    let proxy = CountingProxy::start().await;
    let client = Client::builder()
        .ignore_env()
        .client_session_token(token)
        .endpoint(proxy.url())
        .build()
        .unwrap();
    simulate_workspace_outage(&workspace_id, &["/devices/list"]).await;
    let started = Instant::now();
    let err = seam_of(client)
        .devices()
        .list(seam::devices::ListRequest::new())
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Http { status: 503, .. }), "{err:?}");
    assert_eq!(
        proxy.count("/devices/list"),
        3,
        "two retries after the first attempt"
    );
    // ~200 ms then ~400 ms (plus up to 20 %) between the attempts.
    assert!(
        started.elapsed() >= Duration::from_millis(600),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_does_not_retry_post_requests_by_default() {
    let (workspace_id, token) = fresh_workspace_session().await;
    let proxy = CountingProxy::start().await;
    let client = Client::builder()
        .ignore_env()
        .client_session_token(token)
        .endpoint(proxy.url())
        .build()
        .unwrap();
    simulate_workspace_outage(&workspace_id, &["/devices/list"]).await;
    let err = client
        .call::<_, serde_json::Value>(&DEVICES_LIST_NOT_RETRY_SAFE, &serde_json::json!({}))
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Http { status: 503, .. }), "{err:?}");
    assert_eq!(proxy.count("/devices/list"), 1);
}

/// The server reads the whole request, then drops the connection without answering: it may have
/// acted on it, so a non-idempotent request is not sent again.
#[tokio::test]
async fn seam_http_does_not_replay_a_post_after_a_mid_flight_connection_reset() {
    let server = SilentServer::start(true).await;
    let client = Client::builder()
        .ignore_env()
        .api_key("seam_invalidapikey_token")
        .endpoint(&server.url)
        .build()
        .unwrap();
    let err = client
        .call::<_, serde_json::Value>(&DEVICES_LIST_NOT_RETRY_SAFE, &serde_json::json!({}))
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Transport { .. }), "{err:?}");
    assert_eq!(server.attempts(), 1);
}
