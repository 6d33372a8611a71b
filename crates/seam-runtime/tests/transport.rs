//! Fault injection against a local server: retries, timeouts, bad bodies, error mapping.

use std::time::{Duration, Instant};

use crate::common::{MockServer, Reply, TEST_KEY};
use seam_runtime::{DecodeErrorKind, Error, Route};
use serde::Deserialize;
use serde_json::json;

static READ: Route = Route {
    path: "/devices/get",
    response_key: Some("device"),
    retry_safe: true,
    has_body: true,
    auth: seam_runtime::AuthModes::ANY,
};
static WRITE: Route = Route {
    path: "/devices/update",
    response_key: None,
    retry_safe: false,
    has_body: true,
    auth: seam_runtime::AuthModes::ANY,
};

#[derive(Debug, Deserialize, PartialEq)]
struct Device {
    device_id: String,
}

const DEVICE_OK: &str = r#"{"device":{"device_id":"d1","name":"x"},"ok":true}"#;

fn assert_no_secret(err: &Error) {
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(TEST_KEY), "secret leaked: {shown}");
}

#[tokio::test]
async fn decodes_the_response_key() {
    let server = MockServer::always(Reply::json(200, DEVICE_OK));
    let device: Device = server
        .client()
        .call(&READ, &json!({"device_id": "d1"}))
        .await
        .unwrap();
    assert_eq!(
        device,
        Device {
            device_id: "d1".into()
        }
    );
    let req = &server.requests()[0];
    assert_eq!(
        (req.method.as_str(), req.path.as_str()),
        ("POST", "/devices/get")
    );
    assert_eq!(req.json(), json!({"device_id": "d1"}));
}

#[tokio::test]
async fn call_unit_checks_json_only() {
    let server = MockServer::start(|_, n| match n {
        0 => Reply::json(200, r#"{"ok":true,"anything":[1,2,3]}"#),
        _ => Reply::html(200, "<html>not json</html>"),
    });
    let client = server.client();
    client.call_unit(&WRITE, &json!({})).await.unwrap();
    let err = client.call_unit(&WRITE, &json!({})).await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode(d) if d.kind == DecodeErrorKind::NotJson),
        "{err:?}"
    );
}

#[tokio::test]
async fn retries_429_honouring_retry_after() {
    let server = MockServer::start(|_, n| match n {
        0 => Reply::json(
            429,
            r#"{"error":{"type":"rate_limited","message":"slow down"}}"#,
        )
        .header("retry-after", "1"),
        _ => Reply::json(200, DEVICE_OK),
    });
    let started = Instant::now();
    let device: Device = server.client().call(&READ, &json!({})).await.unwrap();
    assert_eq!(device.device_id, "d1");
    assert_eq!(server.count(), 2);
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn retry_after_is_capped() {
    let server = MockServer::start(|_, n| match n {
        0 => Reply::json(503, "{}").header("retry-after", "3600"),
        _ => Reply::json(200, DEVICE_OK),
    });
    let policy = seam_runtime::RetryPolicy::default().max_delay(Duration::from_millis(50));
    let client = server.builder().retry_policy(policy).build().unwrap();
    let started = Instant::now();
    let _: Device = client.call(&READ, &json!({})).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn gives_up_after_max_attempts() {
    let server = MockServer::always(Reply::json(
        503,
        r#"{"error":{"type":"service_unavailable","message":"down"}}"#,
    ));
    let err = server
        .builder()
        .max_attempts(4)
        .build()
        .unwrap()
        .call::<_, Device>(&READ, &json!({}))
        .await
        .unwrap_err();
    assert_eq!(server.count(), 4);
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.error_type(), Some("service_unavailable"));
}

/// Every 5xx is retried on a read, 500 included (as Seam's SDKs do); the HTML page stays an HTTP
/// error with an excerpt.
#[tokio::test]
async fn retries_500_on_a_read() {
    let server = MockServer::always(Reply::html(
        500,
        "<html><h1>Internal Server Error</h1></html>",
    ));
    let err = server
        .client()
        .call::<_, Device>(&READ, &json!({}))
        .await
        .unwrap_err();
    assert_eq!(server.count(), 3);
    match &err {
        Error::Http {
            status: 500,
            excerpt,
            path,
            ..
        } => {
            assert!(excerpt.contains("Internal Server Error"));
            assert_eq!(*path, "/devices/get");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_write_is_sent_once_on_500() {
    let server = MockServer::always(Reply::json(
        500,
        r#"{"error":{"type":"internal_server_error","message":"boom"}}"#,
    ));
    let err = server
        .client()
        .call_unit(&WRITE, &json!({}))
        .await
        .unwrap_err();
    assert_eq!(server.count(), 1);
    assert_eq!(err.error_type(), Some("internal_server_error"));
}

#[tokio::test]
async fn non_retry_safe_route_is_sent_once_on_503() {
    let server = MockServer::always(Reply::json(503, "{}"));
    let err = server
        .client()
        .call_unit(&WRITE, &json!({"name": "n"}))
        .await
        .unwrap_err();
    assert_eq!(server.count(), 1);
    assert_eq!(err.status(), Some(503));
}

#[tokio::test]
async fn no_retries_switch() {
    let server = MockServer::always(Reply::json(503, "{}"));
    let client = server.builder().no_retries().build().unwrap();
    assert!(client.call::<_, Device>(&READ, &json!({})).await.is_err());
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn timeout_is_its_own_variant() {
    let server = MockServer::always(Reply::json(200, DEVICE_OK).after(Duration::from_secs(5)));
    let client = server
        .builder()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.call_unit(&WRITE, &json!({})).await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout { timeout, .. } if timeout == Duration::from_millis(200)),
        "{err:?}"
    );
    assert!(err.is_timeout());
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn timeout_on_a_read_is_retried() {
    let server = MockServer::start(|_, n| match n {
        0 => Reply::json(200, DEVICE_OK).after(Duration::from_secs(5)),
        _ => Reply::json(200, DEVICE_OK),
    });
    let client = server
        .builder()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let _: Device = client.call(&READ, &json!({})).await.unwrap();
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn html_body_on_200_is_a_decode_error_with_excerpt() {
    let page = format!("<!DOCTYPE html><html>{}</html>", "x".repeat(5000));
    let server = MockServer::always(Reply::html(200, page).header("seam-request-id", "req_html"));
    let err = server
        .client()
        .call::<_, Device>(&READ, &json!({}))
        .await
        .unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.kind, DecodeErrorKind::NotJson);
    assert!(d.excerpt.starts_with("<!DOCTYPE html>"));
    assert!(
        d.excerpt.len() < 600,
        "excerpt is bounded: {}",
        d.excerpt.len()
    );
    assert_eq!(err.request_id(), Some("req_html"));
}

#[tokio::test]
async fn truncated_json_is_a_decode_error() {
    let server = MockServer::always(Reply::json(200, r#"{"device":{"device_id":"d1","na"#));
    let err = server
        .client()
        .call::<_, Device>(&READ, &json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Decode(d) if d.kind == DecodeErrorKind::Truncated),
        "{err:?}"
    );
}

#[tokio::test]
async fn body_cut_short_on_the_wire_is_a_transport_error() {
    let raw = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{\"device\":".to_vec();
    let server = MockServer::always(Reply::Raw(raw));
    let err = server
        .client()
        .call_unit(&WRITE, &json!({}))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn missing_response_key_is_a_shape_error() {
    let server = MockServer::always(Reply::json(200, r#"{"ok":true}"#));
    let err = server
        .client()
        .call::<_, Device>(&READ, &json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Decode(d) if d.kind == DecodeErrorKind::Shape && d.message.contains("device")),
        "{err:?}"
    );
}

#[tokio::test]
async fn dropped_connection_on_a_write_is_sent_once() {
    let server = MockServer::always(Reply::Drop);
    let err = server
        .client()
        .call_unit(&WRITE, &json!({}))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(server.count(), 1);
    assert_no_secret(&err);
}

#[tokio::test]
async fn dropped_connection_on_a_read_is_retried() {
    let server = MockServer::start(|_, n| {
        if n < 2 {
            Reply::Drop
        } else {
            Reply::json(200, DEVICE_OK)
        }
    });
    let _: Device = server.client().call(&READ, &json!({})).await.unwrap();
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn connection_refused_is_retried_even_for_writes() {
    // Bind then free a port so nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = seam_runtime::Client::builder()
        .api_key(TEST_KEY)
        .endpoint(format!("http://127.0.0.1:{port}"))
        .retry_base_delay(Duration::from_millis(1))
        .proxy_from_env(false)
        .build()
        .unwrap();
    let capture = crate::common::Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let started = Instant::now();
    let err = client.call_unit(&WRITE, &json!({})).await.unwrap_err();
    assert!(
        matches!(err, Error::Transport { ref source, .. } if source.is_connect()),
        "{err:?}"
    );
    let log = capture.0.lock().unwrap().clone();
    assert!(
        log.contains("path=\"/devices/update\" attempt=3"),
        "three attempts: {log}"
    );
    assert!(!log.contains("attempt=4"), "{log}");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_no_secret(&err);
}

#[tokio::test]
async fn invalid_input_exposes_validation_errors() {
    let body = r#"{"error":{"type":"invalid_input","message":"Invalid input","validation_errors":{"_errors":[],"device_id":{"_errors":["Required"]}}},"ok":false}"#;
    let server = MockServer::always(Reply::json(400, body).header("seam-request-id", "req_400"));
    let err = server
        .client()
        .call_unit(&WRITE, &json!({}))
        .await
        .unwrap_err();
    let invalid = err.invalid_input().expect("invalid input");
    assert_eq!(invalid.messages_for("device_id"), ["Required"]);
    assert_eq!(invalid.api.status, 400);
    assert_eq!(err.request_id(), Some("req_400"));
    assert_eq!(err.error_type(), Some("invalid_input"));
}

#[tokio::test]
async fn api_error_carries_type_message_data_and_request_id() {
    let body = r#"{"error":{"type":"device_not_found","message":"Device not found","data":{"device_id":"d9"}},"ok":false}"#;
    let server = MockServer::always(Reply::json(404, body).header("seam-request-id", "req_404"));
    let err = server
        .client()
        .call::<_, Device>(&READ, &json!({"device_id": "d9"}))
        .await
        .unwrap_err();
    let Error::Api(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.status, 404);
    assert_eq!(api.error_type, "device_not_found");
    assert_eq!(api.message, "Device not found");
    assert_eq!(api.request_id.as_deref(), Some("req_404"));
    assert_eq!(api.data, Some(json!({"device_id": "d9"})));
    assert!(err.to_string().contains("req_404"));
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn unauthorized_is_distinguishable() {
    let body = r#"{"error":{"type":"unauthorized","message":"Unauthorized"},"ok":false}"#;
    let server = MockServer::always(Reply::json(401, body).header("seam-request-id", "req_401"));
    let err = server
        .client()
        .call::<_, Device>(&READ, &json!({}))
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    assert_eq!(err.request_id(), Some("req_401"));
    assert_eq!(server.count(), 1);
    assert_no_secret(&err);
}

#[tokio::test]
async fn oversized_body_is_refused() {
    let server = MockServer::always(Reply::json(
        200,
        format!(r#"{{"device":"{}"}}"#, "a".repeat(10_000)),
    ));
    let client = server.builder().max_response_bytes(1000).build().unwrap();
    let err = client.call_unit(&WRITE, &json!({})).await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode(d) if d.kind == DecodeErrorKind::TooLarge),
        "{err:?}"
    );
}

#[tokio::test]
async fn garbage_status_line_does_not_panic() {
    let server = MockServer::always(Reply::Raw(b"NOT HTTP AT ALL\r\n\r\n".to_vec()));
    let err = server
        .client()
        .call_unit(&WRITE, &json!({}))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
}

#[tokio::test]
async fn https_endpoint_uses_the_preconfigured_tls_backend() {
    // A plain-TCP server behind an https URL that answers with plain text at once: the TLS
    // handshake must fail cleanly (no panic about a missing crypto provider).
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        use tokio::io::AsyncWriteExt;
        if let Ok((mut stream, _)) = listener.accept().await {
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
                .await;
            let _ = stream.shutdown().await;
        }
    });
    let client = seam_runtime::Client::builder()
        .api_key(TEST_KEY)
        .endpoint(url)
        .no_retries()
        .timeout(Duration::from_secs(3))
        .proxy_from_env(false)
        .build()
        .unwrap();
    let err = client.call_unit(&WRITE, &json!({})).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
}

#[test]
fn request_futures_are_send() {
    fn assert_send<T: Send>(_: T) {}
    let client = seam_runtime::Client::new("seam_k").unwrap();
    let body = json!({});
    assert_send(client.call::<_, Device>(&READ, &body));
    assert_send(client.call_unit(&WRITE, &body));
}
