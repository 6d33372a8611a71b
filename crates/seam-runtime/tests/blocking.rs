//! The blocking client: same behaviour as the async one, and no panic inside a runtime.
#![cfg(feature = "blocking")]

use std::time::Duration;

use crate::common::{MockServer, Reply};
use seam_runtime::{Error, Route};
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
static LIST: Route = Route {
    path: "/devices/list",
    response_key: Some("devices"),
    retry_safe: true,
    has_body: true,
    auth: seam_runtime::AuthModes::ANY,
};

#[test]
fn call_and_call_unit() {
    let server = MockServer::start(|req, n| match (req.path.as_str(), n) {
        ("/devices/get", 0) => Reply::json(503, "{}"),
        ("/devices/get", _) => Reply::json(200, r#"{"device":{"device_id":"d1"}}"#),
        _ => Reply::json(200, r#"{"ok":true}"#),
    });
    let client = server.builder().build_blocking().unwrap();
    let device: serde_json::Value = client.call(&READ, &json!({"device_id": "d1"})).unwrap();
    assert_eq!(device["device_id"], "d1");
    client.call_unit(&WRITE, &json!({})).unwrap();
    assert_eq!(server.count(), 3);
}

#[test]
fn errors_and_timeouts_match_the_async_client() {
    let server = MockServer::start(|_, n| match n {
        0 => Reply::json(401, "{}"),
        _ => Reply::json(200, "{}").after(Duration::from_secs(5)),
    });
    let client = server
        .builder()
        .timeout(Duration::from_millis(150))
        .build_blocking()
        .unwrap();
    assert!(
        client
            .call_unit(&WRITE, &json!({}))
            .unwrap_err()
            .is_unauthorized()
    );
    assert!(matches!(
        client.call_unit(&WRITE, &json!({})),
        Err(Error::Timeout { .. })
    ));
}

#[test]
fn pages_iterate() {
    let server = MockServer::start(|req, _| {
        let cursor = req.json().get("page_cursor").cloned();
        match cursor.as_ref().and_then(|c| c.as_str()) {
            None => Reply::json(
                200,
                r#"{"devices":[1,2],"pagination":{"has_next_page":true,"next_page_cursor":"c2"}}"#,
            ),
            _ => Reply::json(
                200,
                r#"{"devices":[3],"pagination":{"has_next_page":false,"next_page_cursor":null}}"#,
            ),
        }
    });
    let client = server.builder().build_blocking().unwrap();
    let items: Vec<u32> = client
        .paginate(&LIST, &json!({}))
        .unwrap()
        .items()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(items, [1, 2, 3]);
    let first = client
        .paginate::<_, u32>(&LIST, &json!({}))
        .unwrap()
        .first_page()
        .unwrap();
    assert_eq!(first.next_cursor(), Some("c2"));
}

#[tokio::test]
async fn inside_a_runtime_it_errors_instead_of_panicking() {
    let server = MockServer::always(Reply::json(200, r#"{"ok":true}"#));
    let client = server.builder().build_blocking().unwrap();
    let err = client.call_unit(&WRITE, &json!({})).unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    drop(client); // dropping the private runtime here must not panic either
    assert_eq!(server.count(), 0);
}
