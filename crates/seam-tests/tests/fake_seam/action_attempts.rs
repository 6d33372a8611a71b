//! Action attempts against the fake: a pending unlock, then waiting until it succeeds.

use super::*;

/// `locks/unlock_door` answers a pending action attempt; the fake finishes it at once, so
/// `action_attempts/get` then reports `success` and the lock is unlocked. (Read as raw JSON here:
/// the typed wait is [`wait_for_action_attempt_reaches_success`].)
#[tokio::test]
#[ignore = "needs fake-seam-connect: run `cargo xtask test` or set SEAM_FAKE_URL"]
async fn unlock_returns_a_pending_action_attempt() {
    let seam = seam();
    let attempt = seam
        .locks()
        .unlock_door(seam::locks::UnlockDoorRequest::new(UNLOCK_ONLY_LOCK_ID))
        .wait_for_action_attempt(false)
        .await
        .expect("locks/unlock_door succeeds");
    let ActionAttempt::UnlockDoorPending(pending) = &attempt else {
        panic!("expected a pending UNLOCK_DOOR attempt, got {attempt:?}");
    };
    assert!(!pending.action_attempt_id.is_empty());
    assert_eq!(attempt.status(), Some("pending"));
    assert_eq!(attempt.action_type(), Some("UNLOCK_DOOR"));
    assert_eq!(ActionAttemptLike::id(&attempt), pending.action_attempt_id);

    let polled: serde_json::Value = seam
        .client()
        .call(
            &ACTION_ATTEMPTS_GET,
            &serde_json::json!({"action_attempt_id": pending.action_attempt_id}),
        )
        .await
        .expect("action_attempts/get succeeds");
    assert_eq!(
        polled["action_attempt_id"],
        pending.action_attempt_id.as_str()
    );
    assert_eq!(polled["action_type"], "UNLOCK_DOOR");
    assert_eq!(polled["status"], "success", "{polled}");

    let device = seam
        .devices()
        .get(seam::devices::GetRequest::new().device_id(UNLOCK_ONLY_LOCK_ID))
        .await
        .expect("devices/get succeeds");
    assert_eq!(device.properties.locked, Some(false));
}

/// Unlocks then locks a lock, waiting for each action attempt with the typed poller.
#[tokio::test]
#[ignore = "needs fake-seam-connect: run `cargo xtask test` or set SEAM_FAKE_URL"]
async fn wait_for_action_attempt_reaches_success() {
    let seam = seam();
    let wait = WaitOptions::new()
        .interval(Duration::from_millis(100))
        .timeout(Duration::from_secs(10));

    let attempt = seam
        .locks()
        .unlock_door(seam::locks::UnlockDoorRequest::new(LOCK_ID))
        .wait_for_action_attempt(false)
        .await
        .expect("locks/unlock_door succeeds");
    assert!(
        matches!(attempt, ActionAttempt::UnlockDoorPending(_)),
        "expected a pending UNLOCK_DOOR attempt, got {attempt:?}"
    );
    let attempt_id = ActionAttemptLike::id(&attempt).to_owned();
    let done = seam
        .wait_for_action_attempt(attempt, wait)
        .await
        .expect("the unlock attempt succeeds");
    let ActionAttempt::UnlockDoorSuccess(success) = &done else {
        panic!("expected a successful UNLOCK_DOOR attempt, got {done:?}");
    };
    assert_eq!(success.action_attempt_id, attempt_id);

    let fetched = seam
        .action_attempts()
        .get(seam::action_attempts::GetRequest::new(attempt_id.clone()))
        .await
        .expect("action_attempts/get succeeds");
    assert_eq!(fetched.status(), Some("success"));

    let attempt = seam
        .locks()
        .lock_door(seam::locks::LockDoorRequest::new(LOCK_ID))
        .await
        .expect("locks/lock_door succeeds");
    assert_eq!(attempt.action_type(), Some("LOCK_DOOR"));
    let done = seam
        .wait_for_action_attempt(attempt, wait)
        .await
        .expect("the lock attempt succeeds");
    assert!(
        matches!(done, ActionAttempt::LockDoorSuccess(_)),
        "expected a successful LOCK_DOOR attempt, got {done:?}"
    );
    assert_ne!(ActionAttemptLike::id(&done), attempt_id);
}
