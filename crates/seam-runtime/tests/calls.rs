//! Calls as generated methods return them: `.await` sends; per-call options (timeout, action
//! attempt waiting); the route's accepted credentials checked before anything is sent.

use std::time::{Duration, Instant};

use crate::common::{MockServer, Reply};
use seam_runtime::{
    ActionAttemptCall, ActionAttemptLike, ActionAttemptStatus, AuthMode, AuthModes, Call, Error,
    Route, UnitCall, WaitOptions,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct Attempt {
    action_attempt_id: String,
    status: String,
}

impl ActionAttemptLike for Attempt {
    fn id(&self) -> &str {
        &self.action_attempt_id
    }
    fn status(&self) -> ActionAttemptStatus {
        ActionAttemptStatus::from_wire(&self.status)
    }
}

#[derive(Debug, Serialize)]
struct Unlock {
    device_id: &'static str,
}

static UNLOCK: Route = Route {
    path: "/locks/unlock_door",
    response_key: Some("action_attempt"),
    retry_safe: false,
    has_body: true,
    auth: AuthModes::of(&[AuthMode::ApiKey, AuthMode::ClientSession]),
};

static GET: Route = Route {
    path: "/devices/get",
    response_key: Some("device"),
    retry_safe: true,
    has_body: true,
    auth: AuthModes::ANY,
};

static CONSOLE_ONLY: Route = Route {
    path: "/seam/console/v1/organizations/list",
    response_key: None,
    retry_safe: true,
    has_body: true,
    auth: AuthModes::of(&[AuthMode::ConsoleSessionWithoutWorkspace]),
};

/// Answers the unlock with a pending attempt and every poll with `status` (after `polls_pending`
/// pending polls).
fn attempt_server(polls_pending: usize, status: &'static str) -> MockServer {
    MockServer::start(move |request, n| {
        let status = if request.path == "/locks/unlock_door" || n <= polls_pending {
            "pending"
        } else {
            status
        };
        Reply::json(
            200,
            format!(
                r#"{{"action_attempt":{{"action_attempt_id":"aa_1","status":"{status}"}},"ok":true}}"#
            ),
        )
    })
}

fn fast() -> WaitOptions {
    WaitOptions::new()
        .interval(Duration::from_millis(10))
        .timeout(Duration::from_secs(2))
}

#[tokio::test]
async fn action_attempt_calls_wait_by_default() {
    let server = attempt_server(1, "success");
    let client = server.builder().wait_options(fast()).build().unwrap();
    assert!(client.waits_for_action_attempts());
    let attempt: Attempt = ActionAttemptCall::new(&client, &UNLOCK, Unlock { device_id: "d1" })
        .await
        .unwrap();
    assert_eq!(attempt.status, "success");
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        [
            "/locks/unlock_door",
            "/action_attempts/get",
            "/action_attempts/get"
        ]
    );
    assert_eq!(server.requests()[1].json()["action_attempt_id"], "aa_1");
}

#[tokio::test]
async fn a_call_can_skip_waiting_and_a_client_can_default_to_not_waiting() {
    let server = attempt_server(0, "success");
    let client = server.builder().wait_options(fast()).build().unwrap();
    let attempt: Attempt = ActionAttemptCall::new(&client, &UNLOCK, Unlock { device_id: "d1" })
        .wait_for_action_attempt(false)
        .await
        .unwrap();
    assert_eq!(attempt.status, "pending");
    assert_eq!(server.count(), 1, "no poll");

    let lazy = server
        .builder()
        .wait_options(fast())
        .wait_for_action_attempts(false)
        .build()
        .unwrap();
    let attempt: Attempt = ActionAttemptCall::new(&lazy, &UNLOCK, Unlock { device_id: "d1" })
        .await
        .unwrap();
    assert_eq!(attempt.status, "pending");
    assert_eq!(server.count(), 2, "still no poll");
    // The call asks to wait although the client does not by default.
    let attempt: Attempt = ActionAttemptCall::new(&lazy, &UNLOCK, Unlock { device_id: "d1" })
        .wait_options(fast())
        .await
        .unwrap();
    assert_eq!(attempt.status, "success");
}

#[tokio::test]
async fn a_failed_attempt_is_an_error_carrying_the_typed_attempt() {
    let server = attempt_server(0, "error");
    let client = server.builder().wait_options(fast()).build().unwrap();
    let err = ActionAttemptCall::<_, Attempt>::new(&client, &UNLOCK, Unlock { device_id: "d1" })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ActionAttemptFailed { .. }), "{err:?}");
    let attempt = err.action_attempt::<Attempt>().expect("typed attempt");
    assert_eq!(attempt.action_attempt_id, "aa_1");
}

#[tokio::test]
async fn the_per_call_timeout_overrides_the_clients() {
    let server = MockServer::always(
        Reply::json(200, r#"{"device":{"id":"d1"},"ok":true}"#).after(Duration::from_millis(400)),
    );
    let client = server.builder().no_retries().build().unwrap();
    let started = Instant::now();
    let err = Call::<_, serde_json::Value>::new(&client, &GET, Unlock { device_id: "d1" })
        .timeout(Duration::from_millis(50))
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(350));
    // Without the override, the client's 3 s timeout lets it through.
    let device: serde_json::Value = Call::new(&client, &GET, Unlock { device_id: "d1" })
        .await
        .unwrap();
    assert_eq!(device["id"], "d1");
}

#[tokio::test]
async fn query_parameters_go_in_the_url_and_none_is_left_out() {
    let server = MockServer::always(Reply::json(200, r#"{"ok":true}"#));
    let client = server.client();
    UnitCall::with_query(
        &client,
        &CONSOLE_ONLY_ANY,
        [("a", Some("x y".to_owned())), ("b", None)],
        Unlock { device_id: "d1" },
    )
    .await
    .unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.path, "/q?a=x+y");
}

static CONSOLE_ONLY_ANY: Route = Route {
    path: "/q",
    response_key: None,
    retry_safe: true,
    has_body: true,
    auth: AuthModes::ANY,
};

#[tokio::test]
async fn an_operation_refuses_a_credential_it_does_not_accept_before_sending() {
    let server = MockServer::always(Reply::json(200, r#"{"ok":true}"#));
    let client = server.client();
    assert_eq!(client.auth_mode(), AuthMode::ApiKey);
    let err = UnitCall::new(&client, &CONSOLE_ONLY, Unlock { device_id: "d1" })
        .await
        .unwrap_err();
    match &err {
        Error::AuthModeNotAccepted {
            path,
            mode,
            accepted,
        } => {
            assert_eq!(*path, "/seam/console/v1/organizations/list");
            assert_eq!(*mode, AuthMode::ApiKey);
            assert!(accepted.contains(AuthMode::ConsoleSessionWithoutWorkspace));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "/seam/console/v1/organizations/list cannot be called with an API key; it accepts a \
         console session token without a workspace"
    );
    assert_eq!(server.count(), 0, "nothing was sent");
    // A client session token is accepted by the unlock route.
    let session = server
        .builder()
        .client_session_token("seam_cst1_token")
        .wait_for_action_attempts(false)
        .build()
        .unwrap();
    let err = ActionAttemptCall::<_, Attempt>::new(&session, &UNLOCK, Unlock { device_id: "d1" })
        .await
        .unwrap_err();
    assert!(
        !matches!(err, Error::AuthModeNotAccepted { .. }),
        "accepted mode, the server was asked: {err:?}"
    );
    assert_eq!(server.count(), 1);
}
