//! Port of javascript-http `test/seam/connect/wait-for-action-attempt.test.ts`: methods returning
//! an action attempt wait for it by default; the client-wide default
//! (`wait_for_action_attempts(false)`, `wait_options(..)`) and the per-call choice
//! (`.wait_for_action_attempt(bool)`, `.wait_options(..)`) as JS's `waitForActionAttempt` option.
//! Needs fake-seam-connect at `SEAM_FAKE_URL` (`cargo xtask test`); `/_fake/update_action_attempt`
//! sets an attempt's status.

use std::time::{Duration, Instant};

use crate::connect_common::{builder, seed};
use seam::locks::UnlockDoorRequest;
use seam::types::ActionAttempt;
use seam::{Client, Error, Seam, WaitOptions};
use seam_runtime::ActionAttemptLike;

static UPDATE_ACTION_ATTEMPT: seam_runtime::Route = seam_runtime::Route {
    path: "/_fake/update_action_attempt",
    response_key: None,
    retry_safe: false,
    has_body: true,
    auth: seam_runtime::AuthModes::ANY,
};

/// A `Seam` for the seeded workspace whose methods do not wait (JS: `waitForActionAttempt: false`).
fn seam_not_waiting() -> Seam {
    builder()
        .api_key(seed::SEAM_APIKEY1_TOKEN)
        .wait_for_action_attempts(false)
        .target::<Seam>()
        .build()
        .unwrap()
}

/// `locks/unlock_door` on the seeded lock.
fn unlock() -> UnlockDoorRequest {
    UnlockDoorRequest::new(seed::AUGUST_DEVICE_1)
}

/// `POST /_fake/update_action_attempt` with `update` merged into the attempt's id.
async fn update_action_attempt(
    client: &Client,
    attempt: &ActionAttempt,
    update: serde_json::Value,
) {
    let mut body = update;
    body["action_attempt_id"] = ActionAttemptLike::id(attempt).into();
    client
        .call_unit(&UPDATE_ACTION_ATTEMPT, &body)
        .await
        .expect("_fake/update_action_attempt succeeds");
}

fn get_request(attempt: &ActionAttempt) -> seam::action_attempts::GetRequest {
    seam::action_attempts::GetRequest::new(ActionAttemptLike::id(attempt))
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn wait_for_action_attempt_waits_for_pending_action_attempt() {
    let seam = seam_not_waiting();
    let attempt = seam.locks().unlock_door(unlock()).await.unwrap();
    assert_eq!(attempt.status(), Some("pending"));
    update_action_attempt(
        seam.client(),
        &attempt,
        serde_json::json!({ "status": "pending" }),
    )
    .await;

    let finisher = {
        let client = seam.client().clone();
        let attempt = attempt.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(1)).await;
            update_action_attempt(
                &client,
                &attempt,
                serde_json::json!({ "status": "success" }),
            )
            .await;
        })
    };
    let done = seam
        .action_attempts()
        .get(get_request(&attempt))
        .wait_for_action_attempt(true)
        .await
        .expect("the attempt succeeds while waiting");
    assert_eq!(done.status(), Some("success"));
    finisher.await.unwrap();
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn wait_for_action_attempt_returns_successful_action_attempt() {
    let seam = seam_not_waiting();
    let attempt = seam.locks().unlock_door(unlock()).await.unwrap();
    assert_eq!(attempt.status(), Some("pending"));
    update_action_attempt(
        seam.client(),
        &attempt,
        serde_json::json!({ "status": "success" }),
    )
    .await;

    let successful = seam
        .action_attempts()
        .get(get_request(&attempt))
        .await
        .unwrap();
    assert_eq!(successful.status(), Some("success"));
    let resolved = seam
        .action_attempts()
        .get(get_request(&attempt))
        .wait_for_action_attempt(true)
        .await
        .unwrap();
    assert_eq!(resolved, successful);
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn wait_for_action_attempt_times_out_while_waiting_for_action_attempt() {
    let seam = seam_not_waiting();
    let attempt = seam.locks().unlock_door(unlock()).await.unwrap();
    assert_eq!(attempt.status(), Some("pending"));
    update_action_attempt(
        seam.client(),
        &attempt,
        serde_json::json!({ "status": "pending" }),
    )
    .await;

    let err = seam
        .action_attempts()
        .get(get_request(&attempt))
        .wait_options(WaitOptions::new().timeout(Duration::from_millis(100)))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ActionAttemptTimeout { .. }), "{err:?}");
    assert_eq!(err.action_attempt::<ActionAttempt>(), Some(&attempt));
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn wait_for_action_attempt_rejects_when_action_attempt_fails() {
    let seam = seam_not_waiting();
    let attempt = seam.locks().unlock_door(unlock()).await.unwrap();
    update_action_attempt(
        seam.client(),
        &attempt,
        serde_json::json!({
            "status": "error",
            "error": { "message": "Failed", "type": "foo" },
        }),
    )
    .await;

    let err = seam
        .action_attempts()
        .get(get_request(&attempt))
        .wait_for_action_attempt(true)
        .await
        .unwrap_err();
    match &err {
        Error::ActionAttemptFailed {
            error_type,
            message,
            ..
        } => {
            assert_eq!(message, "Failed");
            assert_eq!(error_type.as_deref(), Some("foo"));
        }
        other => panic!("expected a failed action attempt, got {other:?}"),
    }
    let failed = err
        .action_attempt::<ActionAttempt>()
        .expect("the typed attempt");
    assert_eq!(
        ActionAttemptLike::id(failed),
        ActionAttemptLike::id(&attempt)
    );
    assert_eq!(failed.status(), Some("error"));
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn wait_for_action_attempt_times_out_if_waiting_for_polling_interval() {
    let seam = seam_not_waiting();
    let attempt = seam.locks().unlock_door(unlock()).await.unwrap();
    update_action_attempt(
        seam.client(),
        &attempt,
        serde_json::json!({ "status": "pending" }),
    )
    .await;

    let started = Instant::now();
    let err = seam
        .action_attempts()
        .get(get_request(&attempt))
        .wait_options(
            WaitOptions::new()
                .timeout(Duration::from_millis(500))
                .interval(Duration::from_secs(10)),
        )
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(matches!(err, Error::ActionAttemptTimeout { .. }), "{err:?}");
    assert_eq!(err.action_attempt::<ActionAttempt>(), Some(&attempt));
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn wait_for_action_attempt_waits_directly_on_returned_action_attempt() {
    let seam = seam_not_waiting();
    let attempt = seam
        .locks()
        .unlock_door(unlock())
        .wait_for_action_attempt(true)
        .await
        .unwrap();
    assert_eq!(attempt.status(), Some("success"));
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn wait_for_action_attempt_waits_by_default() {
    let seam = builder()
        .api_key(seed::SEAM_APIKEY1_TOKEN)
        .target::<Seam>()
        .build()
        .unwrap();
    let attempt = seam.locks().unlock_door(unlock()).await.unwrap();
    assert_eq!(attempt.status(), Some("success"));
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn wait_for_action_attempt_can_set_class_default() {
    let attempt = seam_not_waiting()
        .locks()
        .unlock_door(unlock())
        .await
        .unwrap();
    assert_eq!(attempt.status(), Some("pending"));
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn wait_for_action_attempt_can_set_class_default_with_object() {
    let seam = builder()
        .api_key(seed::SEAM_APIKEY1_TOKEN)
        .wait_options(WaitOptions::new().timeout(Duration::from_secs(5)))
        .target::<Seam>()
        .build()
        .unwrap();
    let attempt = seam.locks().unlock_door(unlock()).await.unwrap();
    assert_eq!(attempt.status(), Some("success"));
}

/// The blocking API waits by default too.
#[test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
fn wait_for_action_attempt_waits_by_default_blocking() {
    let seam = builder()
        .api_key(seed::SEAM_APIKEY1_TOKEN)
        .target::<seam::blocking::Seam>()
        .build()
        .unwrap();
    let attempt = seam.locks().unlock_door(unlock()).unwrap();
    assert_eq!(attempt.status(), Some("success"));
}
