//! Retry policy: bounded exponential backoff with jitter, honouring a capped `Retry-After`.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use reqwest::StatusCode;

/// When and how often a failed request is sent again.
///
/// A request is retried on HTTP 429, 502, 503 and 504 and on transport failures (including
/// timeouts), but only when the route is safe to repeat (`Route::retry_safe`) — except for failures
/// to connect, where the request never left this machine and is always safe to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    /// Three attempts in all (two retries, as Seam's SDKs do), 250 ms base delay, 10 s cap.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// No retries: every request is sent at most once.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Total attempts including the first (at least 1; `1` disables retries).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Delay before the first retry; it doubles for each further retry (then jittered).
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// Upper bound on any single wait, including one asked for by `Retry-After`.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Total attempts including the first.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// True when retries are switched off.
    pub fn is_disabled(&self) -> bool {
        self.max_attempts <= 1
    }

    /// How long to wait before attempt number `next_attempt` (2 for the first retry).
    ///
    /// A `Retry-After` value (seconds) is used as is, capped at `max_delay`; otherwise the delay is
    /// `base_delay * 2^(retry - 1)`, capped, with "equal jitter" (a random point in its upper half).
    pub(crate) fn delay(&self, next_attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(asked) = retry_after {
            return asked.min(self.max_delay);
        }
        let exponent = next_attempt.saturating_sub(2).min(30);
        let full = self
            .base_delay
            .saturating_mul(1u32 << exponent)
            .min(self.max_delay);
        let half = full / 2;
        let jitter_nanos = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
        let jitter = if jitter_nanos == 0 {
            0
        } else {
            random_u64() % (jitter_nanos + 1)
        };
        half + Duration::from_nanos(jitter)
    }
}

/// True for the statuses that signal a passing condition worth retrying.
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// Parses `Retry-After` as delay-seconds. HTTP dates and garbage yield `None` (plain backoff).
pub(crate) fn parse_retry_after(value: Option<&reqwest::header::HeaderValue>) -> Option<Duration> {
    let text = value?.to_str().ok()?.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Long digit strings overflow u64: treat them as "very long", the cap applies.
    Some(Duration::from_secs(text.parse::<u64>().unwrap_or(u64::MAX)))
}

/// A random number from std's per-process random hash keys; enough for jitter, no extra crate.
fn random_u64() -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy::default()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(350));
        for _ in 0..50 {
            let d2 = p.delay(2, None);
            assert!(
                d2 >= Duration::from_millis(50) && d2 <= Duration::from_millis(100),
                "{d2:?}"
            );
            let d3 = p.delay(3, None);
            assert!(
                d3 >= Duration::from_millis(100) && d3 <= Duration::from_millis(200),
                "{d3:?}"
            );
            let d9 = p.delay(40, None);
            assert!(
                d9 >= Duration::from_millis(175) && d9 <= Duration::from_millis(350),
                "{d9:?}"
            );
        }
    }

    #[test]
    fn retry_after_is_honoured_and_capped() {
        let p = RetryPolicy::default().max_delay(Duration::from_secs(5));
        assert_eq!(
            p.delay(2, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
        assert_eq!(
            p.delay(2, Some(Duration::from_secs(3600))),
            Duration::from_secs(5)
        );
    }

    #[test]
    fn parses_retry_after_seconds_only() {
        let v = |s: &str| HeaderValue::from_str(s).unwrap();
        assert_eq!(
            parse_retry_after(Some(&v("3"))),
            Some(Duration::from_secs(3))
        );
        assert_eq!(parse_retry_after(Some(&v(" 0 "))), Some(Duration::ZERO));
        assert_eq!(parse_retry_after(Some(&v("-1"))), None);
        assert_eq!(parse_retry_after(Some(&v("1.5"))), None);
        assert_eq!(
            parse_retry_after(Some(&v("Wed, 21 Oct 2015 07:28:00 GMT"))),
            None
        );
        assert_eq!(
            parse_retry_after(Some(&v("99999999999999999999999"))),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(parse_retry_after(None), None);
    }

    #[test]
    fn disabled_means_one_attempt() {
        assert!(RetryPolicy::disabled().is_disabled());
        assert_eq!(RetryPolicy::default().max_attempts(0).attempts(), 1);
        assert!(!RetryPolicy::default().is_disabled());
    }
}
