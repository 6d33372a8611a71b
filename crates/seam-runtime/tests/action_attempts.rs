//! Waiting for action attempts: success, failure and timeout, with short intervals.

use std::time::{Duration, Instant};

use crate::common::{MockServer, Reply};
use seam_runtime::{ActionAttemptLike, ActionAttemptStatus, Error, WaitOptions};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct Attempt {
    action_attempt_id: String,
    status: String,
    #[serde(default)]
    result: Option<serde_json::Value>,
    #[serde(default)]
    error: Option<serde_json::Value>,
}

impl ActionAttemptLike for Attempt {
    fn id(&self) -> &str {
        &self.action_attempt_id
    }
    fn status(&self) -> ActionAttemptStatus {
        ActionAttemptStatus::from_wire(&self.status)
    }
}

fn pending() -> Attempt {
    Attempt {
        action_attempt_id: "aa_1".into(),
        status: "pending".into(),
        result: None,
        error: None,
    }
}

fn reply(status: &str, extra: &str) -> Reply {
    Reply::json(
        200,
        format!(
            r#"{{"action_attempt":{{"action_attempt_id":"aa_1","status":"{status}"{extra}}},"ok":true}}"#
        ),
    )
}

fn fast() -> WaitOptions {
    WaitOptions::new()
        .interval(Duration::from_millis(10))
        .timeout(Duration::from_secs(2))
}

#[tokio::test]
async fn waits_until_success() {
    let server = MockServer::start(|_, n| {
        if n < 2 {
            reply("pending", "")
        } else {
            reply("success", r#","result":{}"#)
        }
    });
    let done = server
        .client()
        .wait_for_action_attempt(pending(), fast())
        .await
        .unwrap();
    assert_eq!(done.status, "success");
    assert_eq!(server.count(), 3);
    for req in server.requests() {
        assert_eq!(req.path, "/action_attempts/get");
        assert_eq!(req.json(), serde_json::json!({"action_attempt_id": "aa_1"}));
    }
}

#[tokio::test]
async fn finished_attempts_return_without_polling() {
    let server = MockServer::always(reply("pending", ""));
    let mut done = pending();
    done.status = "success".into();
    assert_eq!(
        server
            .client()
            .wait_for_action_attempt(done.clone(), fast())
            .await
            .unwrap(),
        done
    );
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn failure_carries_the_attempt() {
    let server = MockServer::start(|_, n| {
        if n == 0 {
            reply("pending", "")
        } else {
            reply(
                "error",
                r#","error":{"type":"lock_jammed","message":"The lock is jammed"}"#,
            )
        }
    });
    let err = server
        .client()
        .wait_for_action_attempt(pending(), fast())
        .await
        .unwrap_err();
    // The error carries the attempt typed: no JSON digging.
    let typed: &Attempt = err.action_attempt::<Attempt>().expect("the typed attempt");
    assert_eq!(typed.status, "error");
    assert_eq!(typed.action_attempt_id, "aa_1");
    assert!(
        err.action_attempt::<String>().is_none(),
        "another type is not it"
    );
    match err {
        Error::ActionAttemptFailed {
            error_type,
            message,
            attempt,
        } => {
            assert_eq!(error_type.as_deref(), Some("lock_jammed"));
            assert_eq!(message, "The lock is jammed");
            assert_eq!(attempt.action_attempt_id(), "aa_1");
            assert_eq!(attempt.to_json()["status"], "error");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn times_out_with_the_last_attempt() {
    let server = MockServer::always(reply("pending", r#","result":{"n":1}"#));
    let opts = WaitOptions::new()
        .interval(Duration::from_millis(20))
        .timeout(Duration::from_millis(150));
    let started = Instant::now();
    let err = server
        .client()
        .wait_for_action_attempt(pending(), opts)
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(140) && elapsed < Duration::from_secs(1),
        "{elapsed:?}"
    );
    match err {
        Error::ActionAttemptTimeout {
            timeout,
            ref attempt,
        } => {
            assert_eq!(timeout, Duration::from_millis(150));
            let typed = err.action_attempt::<Attempt>().expect("the typed attempt");
            assert_eq!(typed.status, "pending");
            assert_eq!(
                attempt.to_json()["result"],
                serde_json::json!({"n": 1}),
                "the last polled attempt is kept"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(server.count() >= 2);
}

#[tokio::test]
async fn a_slow_poll_cannot_outlast_the_timeout() {
    let server = MockServer::always(reply("success", "").after(Duration::from_secs(5)));
    let opts = WaitOptions::new()
        .interval(Duration::from_millis(10))
        .timeout(Duration::from_millis(200));
    let started = Instant::now();
    let err = server
        .client()
        .wait_for_action_attempt(pending(), opts)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ActionAttemptTimeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn client_wide_defaults_apply() {
    let server = MockServer::always(reply("pending", ""));
    let client = server
        .builder()
        .wait_options(
            WaitOptions::new()
                .interval(Duration::from_millis(10))
                .timeout(Duration::from_millis(60)),
        )
        .build()
        .unwrap();
    assert_eq!(
        client.wait_options().timeout,
        Some(Duration::from_millis(60))
    );
    let started = Instant::now();
    let err = client
        .wait_for_action_attempt(pending(), WaitOptions::new())
        .await
        .unwrap_err();
    assert!(err.is_timeout());
    assert!(started.elapsed() < Duration::from_millis(500));
}

#[tokio::test]
async fn poll_errors_are_returned() {
    let server = MockServer::always(Reply::json(
        404,
        r#"{"error":{"type":"action_attempt_not_found","message":"gone"}}"#,
    ));
    let err = server
        .client()
        .wait_for_action_attempt(pending(), fast())
        .await
        .unwrap_err();
    assert_eq!(err.error_type(), Some("action_attempt_not_found"));
}
