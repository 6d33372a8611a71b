//! [`CallOptions`]: settings for one call that override the client's.

use std::time::Duration;

/// Settings for one call, overriding the client's (see [`crate::Client::call_with_options`]).
///
/// ```
/// use std::time::Duration;
/// let options = seam_runtime::CallOptions::new().timeout(Duration::from_secs(5));
/// assert_eq!(options.timeout, Some(Duration::from_secs(5)));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallOptions {
    /// The timeout of each attempt of this call (connect, send and reading the whole body),
    /// instead of the client's. `None`: the client's.
    pub timeout: Option<Duration>,
}

impl CallOptions {
    /// No overrides: the client's settings apply.
    pub const fn new() -> Self {
        CallOptions { timeout: None }
    }

    /// Sets the per-attempt timeout of this call.
    pub const fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}
