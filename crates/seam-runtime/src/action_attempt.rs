//! Waiting for action attempts: poll `/action_attempts/get` until `success`, `error` or a timeout,
//! like Seam's official SDKs (JavaScript's current defaults: poll every 1 s, give up after 10 s).

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::time::Instant;

use crate::client::{Client, Route};
use crate::error::{Error, Result};

/// The route polled while waiting.
pub static ACTION_ATTEMPTS_GET: Route = Route {
    path: "/action_attempts/get",
    response_key: Some("action_attempt"),
    retry_safe: true,
    has_body: true,
    auth: crate::AuthModes::ANY,
};

/// Default time between polls (as `@seamapi/http`).
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(1);
/// Default total wait (as `@seamapi/http`).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// The part of an action attempt's `status` the poller needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionAttemptStatus {
    /// Still running: keep polling.
    Pending,
    /// Finished successfully.
    Success,
    /// Finished with an error.
    Error,
    /// A status this client does not know; treated like `Pending` (polling goes on until the
    /// timeout).
    Other,
}

impl ActionAttemptStatus {
    /// Maps Seam's status string (`pending`, `success`, `error`).
    pub fn from_wire(status: &str) -> Self {
        match status {
            "pending" => ActionAttemptStatus::Pending,
            "success" => ActionAttemptStatus::Success,
            "error" => ActionAttemptStatus::Error,
            _ => ActionAttemptStatus::Other,
        }
    }
}

/// What the generated action-attempt type offers the poller. A failed or timed-out attempt is
/// carried in the (non-generic) [`Error`] as a [`AnyActionAttempt`], hence `Debug`, `Send`,
/// `Sync` and `'static`.
pub trait ActionAttemptLike:
    DeserializeOwned + Serialize + std::fmt::Debug + Send + Sync + 'static
{
    /// The `action_attempt_id`.
    fn id(&self) -> &str;
    /// The attempt's status.
    fn status(&self) -> ActionAttemptStatus;
}

/// An action attempt of any generated type, as an [`Error`] carries it. Get the typed value back
/// with [`Error::action_attempt`].
pub trait AnyActionAttempt: std::fmt::Debug + Send + Sync {
    /// The attempt, for downcasting to its type.
    fn as_any(&self) -> &dyn std::any::Any;
    /// The `action_attempt_id`.
    fn action_attempt_id(&self) -> &str;
    /// The attempt as JSON (what the server sent, re-encoded).
    fn to_json(&self) -> Value;
}

impl<A: ActionAttemptLike> AnyActionAttempt for A {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn action_attempt_id(&self) -> &str {
        self.id()
    }

    fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// Polling settings. Unset fields fall back to the client's settings, which default to
/// [`DEFAULT_INTERVAL`] and [`DEFAULT_TIMEOUT`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WaitOptions {
    /// Time between polls.
    pub interval: Option<Duration>,
    /// Total time to wait before giving up with [`Error::ActionAttemptTimeout`].
    pub timeout: Option<Duration>,
}

impl WaitOptions {
    /// No settings: use the client's.
    pub fn new() -> Self {
        WaitOptions::default()
    }

    /// Seam's defaults: 1 s interval, 10 s timeout.
    pub fn defaults() -> Self {
        WaitOptions {
            interval: Some(DEFAULT_INTERVAL),
            timeout: Some(DEFAULT_TIMEOUT),
        }
    }

    /// Sets the time between polls.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = Some(interval);
        self
    }

    /// Sets the total wait.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// These settings, with unset fields taken from `fallback`.
    pub fn or(self, fallback: WaitOptions) -> Self {
        WaitOptions {
            interval: self.interval.or(fallback.interval),
            timeout: self.timeout.or(fallback.timeout),
        }
    }

    fn resolve(self, client: WaitOptions) -> (Duration, Duration) {
        let both = self.or(client).or(WaitOptions::defaults());
        (
            both.interval.unwrap_or(DEFAULT_INTERVAL),
            both.timeout.unwrap_or(DEFAULT_TIMEOUT),
        )
    }
}

#[derive(Serialize)]
struct GetBody<'a> {
    action_attempt_id: &'a str,
}

impl Client {
    /// Whether methods returning an action attempt wait for it unless a call says otherwise
    /// (`ClientBuilder::wait_for_action_attempts`).
    pub fn waits_for_action_attempts(&self) -> bool {
        self.inner.wait_by_default
    }

    /// Waits until `attempt` succeeds (returns the final attempt), fails
    /// ([`Error::ActionAttemptFailed`]) or the timeout passes ([`Error::ActionAttemptTimeout`]
    /// with the last attempt seen). An attempt that is already finished returns at once.
    /// The whole wait, including polls in flight, is bounded by the timeout.
    pub async fn wait_for_action_attempt<A: ActionAttemptLike>(
        &self,
        attempt: A,
        opts: WaitOptions,
    ) -> Result<A> {
        let (interval, timeout) = opts.resolve(self.inner.wait);
        let deadline = Instant::now() + timeout;
        let mut current = attempt;
        loop {
            match current.status() {
                ActionAttemptStatus::Success => return Ok(current),
                ActionAttemptStatus::Error => return Err(failed(current)),
                ActionAttemptStatus::Pending | ActionAttemptStatus::Other => {}
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(timed_out(current, timeout));
            }
            tokio::time::sleep(interval.min(deadline - now)).await;
            let now = Instant::now();
            if now >= deadline {
                return Err(timed_out(current, timeout));
            }
            let body = GetBody {
                action_attempt_id: current.id(),
            };
            let poll = self.call::<_, A>(&ACTION_ATTEMPTS_GET, &body);
            current = match tokio::time::timeout(deadline - now, poll).await {
                Ok(next) => next?,
                Err(_elapsed) => return Err(timed_out(current, timeout)),
            };
            tracing::debug!(action_attempt_id = current.id(), status = ?current.status(), "polled action attempt");
        }
    }
}

fn failed<A: ActionAttemptLike>(attempt: A) -> Error {
    let json = attempt.to_json();
    let error = json.get("error");
    let text = |key: &str| {
        error
            .and_then(|e| e.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    Error::ActionAttemptFailed {
        error_type: text("type"),
        message: text("message").unwrap_or_default(),
        attempt: Box::new(attempt),
    }
}

fn timed_out<A: ActionAttemptLike>(attempt: A, timeout: Duration) -> Error {
    Error::ActionAttemptTimeout {
        timeout,
        attempt: Box::new(attempt),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_fall_back_in_order() {
        let client = WaitOptions::new().interval(Duration::from_millis(10));
        let (i, t) = WaitOptions::new().resolve(client);
        assert_eq!((i, t), (Duration::from_millis(10), DEFAULT_TIMEOUT));
        let (i, t) = WaitOptions::new()
            .timeout(Duration::from_secs(1))
            .resolve(client);
        assert_eq!((i, t), (Duration::from_millis(10), Duration::from_secs(1)));
        assert_eq!(
            WaitOptions::new().resolve(WaitOptions::new()),
            (DEFAULT_INTERVAL, DEFAULT_TIMEOUT)
        );
    }

    #[test]
    fn status_from_wire() {
        assert_eq!(
            ActionAttemptStatus::from_wire("pending"),
            ActionAttemptStatus::Pending
        );
        assert_eq!(
            ActionAttemptStatus::from_wire("success"),
            ActionAttemptStatus::Success
        );
        assert_eq!(
            ActionAttemptStatus::from_wire("error"),
            ActionAttemptStatus::Error
        );
        assert_eq!(
            ActionAttemptStatus::from_wire("queued"),
            ActionAttemptStatus::Other
        );
    }
}
