//! Why a secret ([`SecretError`]) or a delivery ([`WebhookError`]) was refused.

use std::fmt;

/// Why [`Webhook::new`](super::Webhook::new) refused a secret. Never contains the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SecretError {
    /// The secret (after `whsec_`) is empty.
    #[error("the webhook secret is empty (expected `whsec_` followed by base64)")]
    Empty,
    /// The secret (after `whsec_`) is not standard base64.
    #[error("the webhook secret is not valid: expected `whsec_` followed by standard base64")]
    NotBase64,
}

/// Why a delivery failed verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// No (or an empty) `webhook-id` / `svix-id` header.
    MissingId,
    /// No (or an empty) `webhook-timestamp` / `svix-timestamp` header.
    MissingTimestamp,
    /// No (or an empty) `webhook-signature` / `svix-signature` header.
    MissingSignature,
    /// The timestamp is not an integer number of seconds.
    InvalidTimestamp,
    /// The timestamp is older than the tolerance allows.
    TimestampTooOld,
    /// The timestamp is further in the future than the tolerance allows.
    TimestampTooNew,
    /// The signature header has no `v1,` entry.
    NoV1Signature,
    /// No `v1` signature matches the delivery (wrong secret, altered body or headers, malformed
    /// base64).
    NoMatchingSignature,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::MissingId => "missing header `webhook-id`",
            Self::MissingTimestamp => "missing header `webhook-timestamp`",
            Self::MissingSignature => "missing header `webhook-signature`",
            Self::InvalidTimestamp => "the timestamp header is not an integer",
            Self::TimestampTooOld => "the timestamp is too old",
            Self::TimestampTooNew => "the timestamp is too far in the future",
            Self::NoV1Signature => "no `v1` signature in the signature header",
            Self::NoMatchingSignature => "no matching signature",
        })
    }
}

/// A delivery failed verification: it must not be trusted. See [`reason`](Self::reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("webhook verification failed: {reason}")]
pub struct VerificationError {
    reason: Reason,
}

impl VerificationError {
    /// What failed.
    pub fn reason(&self) -> Reason {
        self.reason
    }
}

impl From<Reason> for VerificationError {
    fn from(reason: Reason) -> Self {
        Self { reason }
    }
}

/// A delivery passed verification (it comes from Seam) but its body is not an event of the
/// expected type: not JSON, missing `event_id`/`event_type`, or a known event type whose payload
/// does not decode.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the verified webhook payload is not a valid event: {message}")]
pub struct InvalidPayloadError {
    message: String,
}

impl InvalidPayloadError {
    pub(super) fn new(message: String) -> Self {
        Self { message }
    }

    /// What is wrong with the payload.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Why [`Webhook::verify`](super::Webhook::verify) refused a delivery.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// Not authentic: missing header, bad or no matching signature, timestamp out of tolerance.
    #[error(transparent)]
    Verification(#[from] VerificationError),
    /// Authentic, but the body is not an event.
    #[error(transparent)]
    InvalidPayload(#[from] InvalidPayloadError),
}

impl WebhookError {
    /// The verification failure, if that is what this is.
    pub fn as_verification(&self) -> Option<&VerificationError> {
        match self {
            Self::Verification(e) => Some(e),
            Self::InvalidPayload(_) => None,
        }
    }

    /// The invalid payload, if that is what this is.
    pub fn as_invalid_payload(&self) -> Option<&InvalidPayloadError> {
        match self {
            Self::InvalidPayload(e) => Some(e),
            Self::Verification(_) => None,
        }
    }
}
