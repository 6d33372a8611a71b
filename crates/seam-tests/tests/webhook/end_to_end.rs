//! The example receiver (`examples/webhook_receiver.rs`) on 127.0.0.1, over HTTP.

use super::*;

/// A minimal HTTP/1.1 POST over a fresh connection: (status, body).
async fn post(
    addr: std::net::SocketAddr,
    headers: &[(&str, String)],
    body: &[u8],
) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let mut request = format!(
        "POST /webhook HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await.expect("write");
    stream.write_all(body).await.expect("write body");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.expect("read");
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {response:?}"));
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

#[tokio::test]
async fn webhook_receiver_end_to_end_over_http() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().unwrap();
    assert!(addr.ip().is_loopback());
    let server =
        tokio::spawn(async move { axum::serve(listener, receiver::router(webhook())).await });
    let samples = full_samples();
    let body_of = |t: &str| {
        let mut value: Value = serde_json::from_str(
            &samples
                .iter()
                .find(|s| s.event_type == t)
                .expect("sample")
                .body,
        )
        .unwrap();
        value["device_id"] = json!("device_e2e");
        value["access_code_id"] = json!("code_e2e");
        value["acs_credential_id"] = json!("credential_e2e");
        value.to_string()
    };
    let signer = webhook();
    let ts = now();
    let handled = [
        ("lock.unlocked", "lock.unlocked: device device_e2e"),
        (
            "access_code.set_on_device",
            "access_code.set_on_device: code code_e2e on device device_e2e",
        ),
        (
            "acs_credential.issued",
            "acs_credential.issued: credential credential_e2e",
        ),
        (
            "device.disconnected",
            "device.disconnected: device device_e2e",
        ),
    ];
    for (n, (event_type, says)) in handled.iter().enumerate() {
        let body = body_of(event_type);
        let headers = signer.signed_headers(&format!("msg_{n}"), ts, body.as_bytes());
        let (status, text) = post(addr, &headers, body.as_bytes()).await;
        assert_eq!((status, text.trim()), (200, *says), "{event_type}");
    }
    // Known but unhandled, and unknown event types: accepted, ignored.
    let ignored = body_of("device.connected");
    let headers = signer.signed_headers("msg_a", ts, ignored.as_bytes());
    assert_eq!(
        post(addr, &headers, ignored.as_bytes()).await,
        (202, "ignored: device.connected\n".into())
    );
    let unknown = r#"{"event_id":"e","event_type":"lock.levitated"}"#;
    let headers = signer.signed_headers("msg_b", ts, unknown.as_bytes());
    assert_eq!(
        post(addr, &headers, unknown.as_bytes()).await,
        (202, "ignored: unknown event type lock.levitated\n".into())
    );
    // Authentic but not an event: accepted (a retry would not help), not handled.
    let headers = signer.signed_headers("msg_c", ts, b"[]");
    assert_eq!(
        post(addr, &headers, b"[]").await,
        (202, "ignored: not an event\n".into())
    );
    // Not authentic: 401 with the reason.
    let body = body_of("lock.unlocked");
    let headers = signer.signed_headers("msg_d", ts, body.as_bytes());
    let tampered = body.replace("device_e2e", "device_e2f");
    let (status, text) = post(addr, &headers, tampered.as_bytes()).await;
    assert_eq!(
        (status, text.as_str()),
        (401, "webhook verification failed: no matching signature")
    );
    let (status, text) = post(addr, &headers[1..], body.as_bytes()).await;
    assert_eq!(
        (status, text.as_str()),
        (
            401,
            "webhook verification failed: missing header `webhook-id`"
        )
    );
    let stale = signer.signed_headers("msg_e", ts - 600, body.as_bytes());
    assert_eq!(post(addr, &stale, body.as_bytes()).await.0, 401);
    server.abort();
}
