//! Svix signatures: checking a delivery's timestamp and `v1` HMAC-SHA256 signatures, and signing
//! deliveries (for tests of a receiver).

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::headers::required;
use super::{Reason, VerificationError, Webhook, WebhookHeaders};

/// The only signature scheme there is (`v1,<base64 of HMAC-SHA256>`).
const SCHEME: &[u8] = b"v1";

impl<E> Webhook<E> {
    /// The `webhook-signature` value for a delivery: `v1,` and the base64 HMAC-SHA256 of
    /// `{id}.{timestamp}.{body}`. For tests of your own receiver; `timestamp` is in Unix seconds.
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        let digest = self.digest(id.as_bytes(), timestamp, body);
        format!("v1,{}", STANDARD.encode(digest))
    }

    /// The three headers of a delivery signed with this secret: `webhook-id`, `webhook-timestamp`
    /// and `webhook-signature`, ready to send or to pass to [`verify`](Self::verify).
    pub fn signed_headers(
        &self,
        id: &str,
        timestamp: i64,
        body: &[u8],
    ) -> [(&'static str, String); 3] {
        [
            ("webhook-id", id.to_owned()),
            ("webhook-timestamp", timestamp.to_string()),
            ("webhook-signature", self.sign(id, timestamp, body)),
        ]
    }

    /// Checks the signature and timestamp of a delivery, at the current time.
    ///
    /// # Errors
    /// [`VerificationError`], whose [`reason`](VerificationError::reason) says what failed.
    pub fn verify_signature<H: WebhookHeaders + ?Sized>(
        &self,
        body: &[u8],
        headers: &H,
    ) -> Result<(), VerificationError> {
        self.verify_signature_at(body, headers, SystemTime::now())
    }

    /// [`verify_signature`](Self::verify_signature) as if the time were `now`.
    ///
    /// # Errors
    /// [`VerificationError`], whose [`reason`](VerificationError::reason) says what failed.
    pub fn verify_signature_at<H: WebhookHeaders + ?Sized>(
        &self,
        body: &[u8],
        headers: &H,
        now: SystemTime,
    ) -> Result<(), VerificationError> {
        let id = required(headers, "id", Reason::MissingId)?;
        let timestamp = required(headers, "timestamp", Reason::MissingTimestamp)?;
        let signatures = required(headers, "signature", Reason::MissingSignature)?;

        let timestamp = parse_timestamp(timestamp).ok_or(Reason::InvalidTimestamp)?;
        let now = unix_seconds(now);
        let tolerance = i64::try_from(self.tolerance.as_secs()).unwrap_or(i64::MAX);
        if now.saturating_sub(timestamp) > tolerance {
            return Err(Reason::TimestampTooOld.into());
        }
        if timestamp > now.saturating_add(tolerance) {
            return Err(Reason::TimestampTooNew.into());
        }

        let mut mac = self.mac.clone();
        feed(&mut mac, id, timestamp, body);
        let mut any_v1 = false;
        for entry in signatures.split(|&b| b == b' ') {
            // Like Svix: the scheme before the first comma, the signature up to the next one.
            let mut parts = entry.split(|&b| b == b',');
            if parts.next() != Some(SCHEME) {
                continue;
            }
            any_v1 = true;
            let Some(signature) = parts.next() else {
                continue;
            };
            let Ok(signature) = STANDARD.decode(signature) else {
                continue;
            };
            // `verify_slice` compares in constant time (and refuses a wrong length).
            if mac.clone().verify_slice(&signature).is_ok() {
                return Ok(());
            }
        }
        Err(if any_v1 {
            Reason::NoMatchingSignature
        } else {
            Reason::NoV1Signature
        }
        .into())
    }

    fn digest(&self, id: &[u8], timestamp: i64, body: &[u8]) -> Vec<u8> {
        let mut mac = self.mac.clone();
        feed(&mut mac, id, timestamp, body);
        mac.finalize().into_bytes().to_vec()
    }
}

fn feed(mac: &mut Hmac<Sha256>, id: &[u8], timestamp: i64, body: &[u8]) {
    mac.update(id);
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
}

/// An optional sign and ASCII digits, nothing else.
fn parse_timestamp(value: &[u8]) -> Option<i64> {
    std::str::from_utf8(value).ok()?.parse().ok()
}

fn unix_seconds(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}
