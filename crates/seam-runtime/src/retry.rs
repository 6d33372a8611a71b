//! Retry policy: bounded exponential backoff with jitter, honouring a capped `Retry-After`.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use reqwest::StatusCode;

/// When and how often a failed request is sent again.
///
/// # When a request is sent again
///
/// A call is retried (2 retries by default, 3 attempts in all) when it fails with HTTP 429, any
/// 5xx (500 included), a transport failure or a timeout, and it is safe to send twice:
///
/// - the operation is idempotent: its route is `retry_safe`, which the generator sets when the
///   spec also offers the path as GET (reads: `devices/list`, `action_attempts/get`, ...);
/// - or the request never left this machine: a failure to connect (refused, DNS, TLS handshake)
///   is retried for every operation.
///
/// Anything else that may have reached the server (a 5xx, a timeout, a connection reset after the
/// request was written) is never repeated for a non-idempotent operation: the error is returned.
///
/// Waits: 200 ms before the first retry, 400 ms before the second (doubling), each plus a random
/// 0–20 %; a `Retry-After: <seconds>` longer than that is waited instead; every wait is capped at
/// 10 s ([`RetryPolicy::max_delay`]). Each attempt has the full per-attempt timeout.
///
/// # Differences from Seam's official SDKs, and why
///
/// | | `@seamapi/http` (axios-retry) | `seam` (Python, httpx-retries) | this runtime | why |
/// |---|---|---|---|---|
/// | what is idempotent | GET/HEAD/OPTIONS/PUT/DELETE requests; it sends the spec's GET-able operations as GET, all others as POST | the same methods | routes the spec also offers as GET (`retry_safe`); we POST every operation | the same set of operations as JS, decided per operation rather than per HTTP method |
/// | connect failures of other operations | not retried | not retried (POST) | retried | the request never reached the server, so a retry cannot act twice |
/// | statuses | 429, 500–599 | 429, 500–599 | 429, 500–599 | same |
/// | timeouts | retried (GET) | retried (GET) | retried (`retry_safe`) | same |
/// | retries | 2 | 2 | 2 | same |
/// | backoff | 200, 400 ms, +0–20 % | ~240, 480 ms, ±1/6 | 200, 400 ms, +0–20 % | same as JS |
/// | `Retry-After` | seconds or HTTP date, uncapped | honoured | seconds only, capped at 10 s | an HTTP date is rare from Seam and needs a date parser; a cap keeps a bad header from stalling a call for hours |
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    /// Three attempts in all (two retries, as Seam's SDKs do), 200 ms base delay, 10 s cap.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
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

    /// Delay before the first retry; it doubles for each further retry (plus 0–20 % jitter).
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
    /// `base_delay * 2^(retry - 1)`, or the `Retry-After` value (seconds) when longer, plus a
    /// random 0–20 % of it (as axios-retry's `exponentialDelay`), all capped at `max_delay`.
    pub(crate) fn delay(&self, next_attempt: u32, retry_after: Option<Duration>) -> Duration {
        let exponent = next_attempt.saturating_sub(2).min(30);
        let backoff = self.base_delay.saturating_mul(1u32 << exponent);
        let delay = backoff.max(retry_after.unwrap_or_default());
        let fifth = u64::try_from(delay.as_nanos() / 5).unwrap_or(u64::MAX);
        let jitter = if fifth == 0 {
            0
        } else {
            random_u64() % (fifth + 1)
        };
        delay
            .saturating_add(Duration::from_nanos(jitter))
            .min(self.max_delay)
    }
}

/// True for the statuses that signal a passing condition worth retrying.
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 500..=599)
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
                d2 >= Duration::from_millis(100) && d2 <= Duration::from_millis(120),
                "{d2:?}"
            );
            let d3 = p.delay(3, None);
            assert!(
                d3 >= Duration::from_millis(200) && d3 <= Duration::from_millis(240),
                "{d3:?}"
            );
            assert_eq!(p.delay(40, None), Duration::from_millis(350));
        }
    }

    #[test]
    fn default_waits_are_about_200_then_400_ms() {
        let p = RetryPolicy::default();
        let ms = |d: Duration| d.as_millis();
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..200 {
            let first = p.delay(2, None);
            let second = p.delay(3, None);
            assert!((200..=240).contains(&ms(first)), "{first:?}");
            assert!((400..=480).contains(&ms(second)), "{second:?}");
            seen.insert(first);
        }
        assert!(seen.len() > 10, "no jitter: {seen:?}");
    }

    #[test]
    fn retry_after_is_honoured_when_longer_and_capped() {
        let p = RetryPolicy::default().max_delay(Duration::from_secs(5));
        let d = p.delay(2, Some(Duration::from_secs(2)));
        assert!(
            d >= Duration::from_secs(2) && d <= Duration::from_millis(2400),
            "{d:?}"
        );
        assert_eq!(
            p.delay(2, Some(Duration::from_secs(3600))),
            Duration::from_secs(5)
        );
        // A shorter Retry-After does not shorten the backoff.
        assert!(p.delay(2, Some(Duration::ZERO)) >= Duration::from_millis(200));
    }

    #[test]
    fn every_5xx_and_429_are_retryable() {
        for code in [429, 500, 501, 502, 503, 504, 599] {
            assert!(
                is_retryable_status(StatusCode::from_u16(code).unwrap()),
                "{code}"
            );
        }
        for code in [400, 401, 403, 404, 409, 422, 428, 430] {
            assert!(
                !is_retryable_status(StatusCode::from_u16(code).unwrap()),
                "{code}"
            );
        }
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
