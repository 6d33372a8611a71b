//! Verifying Seam's webhook deliveries (cargo feature `webhook`).
//!
//! Seam delivers events through [Svix](https://docs.svix.com/receiving/verifying-payloads/how-manual):
//! a JSON body with the headers `webhook-id`, `webhook-timestamp` (Unix seconds) and
//! `webhook-signature` (`v1,<base64>`, several separated by spaces while a secret rotates). The
//! signature is HMAC-SHA256, keyed with the base64-decoded secret (`whsec_<base64>`), over
//! `{id}.{timestamp}.{body}`. [`Webhook::verify`] checks all of that on the exact bytes received
//! and then decodes the body into an event type of the caller's choice ([`WebhookEvent`]); the
//! generated `seam` crate uses it with its `Event` union.
//!
//! The behaviour follows Svix's own verifier (the one `@seamapi/webhook` uses): the headers
//! `svix-id`, `svix-timestamp`, `svix-signature` are accepted in place of the `webhook-*` ones (and
//! win when both are present), header names are case-insensitive, an empty header counts as
//! missing, entries with another scheme than `v1` are skipped, any one matching `v1` signature is
//! enough, and the timestamp may be at most the tolerance (5 minutes by default) old or ahead.
//! Two deliberate differences: the timestamp must be a plain integer (Svix's `parseInt` also reads
//! `"12abc"` as 12), and the body is signed as raw bytes (Svix decodes it as UTF-8 first, so only
//! bodies that are not valid UTF-8 can differ).

// This file holds `Webhook` and `Webhook::verify`; `secret.rs` reads the secret,
// `headers.rs` looks the headers up, `signature.rs` checks (and makes) signatures and
// timestamps, `event.rs` decodes the verified body and `error.rs` says why a delivery or a
// secret was refused.

mod error;
mod event;
mod headers;
mod secret;
mod signature;
#[cfg(test)]
mod tests;

use std::fmt;
use std::time::{Duration, SystemTime};

use hmac::Hmac;
use serde_json::Value;
use sha2::Sha256;

pub use error::{InvalidPayloadError, Reason, SecretError, VerificationError, WebhookError};
pub use event::WebhookEvent;
pub use headers::WebhookHeaders;
pub use secret::SECRET_PREFIX;

use event::decode_event;

/// How far a delivery's timestamp may lie in the past or the future by default: 5 minutes, as in
/// Svix and Seam's SDKs.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// A verifier (and signer) of webhook deliveries, holding one endpoint's secret.
///
/// `E` is what [`verify`](Self::verify) decodes a delivery into. Cheap to clone; `Debug` never
/// shows the secret.
pub struct Webhook<E = Value> {
    mac: Hmac<Sha256>,
    tolerance: Duration,
    event: std::marker::PhantomData<fn() -> E>,
}

impl<E> Clone for Webhook<E> {
    fn clone(&self) -> Self {
        Self {
            mac: self.mac.clone(),
            tolerance: self.tolerance,
            event: std::marker::PhantomData,
        }
    }
}

impl<E> fmt::Debug for Webhook<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("secret", &"<redacted>")
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

impl<E> Webhook<E> {
    /// Accepts timestamps at most `tolerance` in the past or the future (default
    /// [`DEFAULT_TOLERANCE`], 5 minutes).
    #[must_use]
    pub fn with_tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// The timestamp tolerance in use.
    pub fn tolerance(&self) -> Duration {
        self.tolerance
    }
}

impl<E: WebhookEvent> Webhook<E> {
    /// Verifies a delivery (the body exactly as received, and its headers) at the current time
    /// and decodes its body into an `E`.
    ///
    /// # Errors
    /// [`WebhookError::Verification`] when the delivery is not authentic (missing header, bad or
    /// no matching signature, timestamp out of tolerance): reject it (HTTP 400/401).
    /// [`WebhookError::InvalidPayload`] when it is authentic but not an `E`: it will never
    /// become readable, so log it rather than have it redelivered.
    pub fn verify<H: WebhookHeaders + ?Sized>(
        &self,
        body: &[u8],
        headers: &H,
    ) -> Result<E, WebhookError> {
        self.verify_at(body, headers, SystemTime::now())
    }

    /// [`verify`](Self::verify) as if the time were `now`.
    ///
    /// # Errors
    /// As [`verify`](Self::verify).
    pub fn verify_at<H: WebhookHeaders + ?Sized>(
        &self,
        body: &[u8],
        headers: &H,
        now: SystemTime,
    ) -> Result<E, WebhookError> {
        self.verify_signature_at(body, headers, now)?;
        Ok(decode_event(body)?)
    }
}
