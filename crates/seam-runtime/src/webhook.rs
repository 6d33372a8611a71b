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

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use hmac::{Hmac, KeyInit, Mac};
use serde::de::DeserializeOwned;
use serde_json::Value;
use sha2::Sha256;

/// How far a delivery's timestamp may lie in the past or the future by default: 5 minutes, as in
/// Svix and Seam's SDKs.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// The prefix Seam (and Svix) show secrets with.
pub const SECRET_PREFIX: &str = "whsec_";

/// The only signature scheme there is (`v1,<base64 of HMAC-SHA256>`).
const SCHEME: &[u8] = b"v1";

/// Secrets decode with or without `=` padding; signatures must be canonical standard base64
/// (then comparing decoded bytes is the same as comparing the text, as Svix does).
const SECRET_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// An event type a [`Webhook`] can hand back: decoded from the verified JSON body.
pub trait WebhookEvent: DeserializeOwned {
    /// Top-level JSON members a payload must carry as strings to count as such an event; checked
    /// before decoding (Seam's events: `event_id` and `event_type`).
    const REQUIRED_STRINGS: &'static [&'static str];
}

/// Any JSON value: [`Webhook::<Value>`](Webhook) verifies and hands back the raw body.
impl WebhookEvent for Value {
    const REQUIRED_STRINGS: &'static [&'static str] = &[];
}

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
    /// A verifier for the endpoint secret `secret`, as Seam shows it (`whsec_<base64>`) or as bare
    /// base64 (padding optional). Surrounding whitespace is not trimmed.
    ///
    /// # Errors
    /// [`SecretError`] when the secret is empty, is not base64, or decodes to no bytes. The error
    /// never contains the secret.
    pub fn new(secret: &str) -> Result<Self, SecretError> {
        let encoded = secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret);
        if encoded.is_empty() {
            return Err(SecretError::Empty);
        }
        let key = SECRET_BASE64
            .decode(encoded)
            .map_err(|_| SecretError::NotBase64)?;
        if key.is_empty() {
            return Err(SecretError::Empty);
        }
        Ok(Self::from_key(&key))
    }

    /// A verifier keyed with raw secret bytes (what the base64 of a `whsec_` secret decodes to).
    pub fn from_key(key: &[u8]) -> Self {
        // HMAC takes keys of any length (longer ones are hashed), so this cannot fail.
        let mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length"));
        Self {
            mac,
            tolerance: DEFAULT_TOLERANCE,
            event: std::marker::PhantomData,
        }
    }

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

/// Decodes a verified body as an `E` (after checking [`WebhookEvent::REQUIRED_STRINGS`]).
fn decode_event<E: WebhookEvent>(body: &[u8]) -> Result<E, InvalidPayloadError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| InvalidPayloadError::new(format!("the body is not valid JSON: {e}")))?;
    if !E::REQUIRED_STRINGS.is_empty() {
        let Some(object) = value.as_object() else {
            return Err(InvalidPayloadError::new(
                "the body is not a JSON object".to_owned(),
            ));
        };
        for name in E::REQUIRED_STRINGS {
            if !object.get(*name).is_some_and(Value::is_string) {
                return Err(InvalidPayloadError::new(format!(
                    "the body has no string `{name}`"
                )));
            }
        }
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        // Tagged unions buffer their content, so the path may stop at the top (`.`).
        let path = e.path().to_string();
        let at = if path == "." {
            String::new()
        } else {
            format!(" at `{path}`")
        };
        InvalidPayloadError::new(format!("the event does not decode{at}: {}", e.inner()))
    })
}

fn feed(mac: &mut Hmac<Sha256>, id: &[u8], timestamp: i64, body: &[u8]) {
    mac.update(id);
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
}

/// `svix-<name>` if present, else `webhook-<name>`; empty counts as missing (as in Svix).
fn required<'h, H: WebhookHeaders + ?Sized>(
    headers: &'h H,
    name: &str,
    missing: Reason,
) -> Result<&'h [u8], VerificationError> {
    let value = headers
        .header(&format!("svix-{name}"))
        .or_else(|| headers.header(&format!("webhook-{name}")));
    match value {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(missing.into()),
    }
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

/// The headers of a delivery, looked up by lower-case name, case-insensitively.
///
/// Implemented for [`http::HeaderMap`] (what axum and hyper hand over) and for name/value pairs:
/// slices, arrays and `Vec`s of `(name, value)`, `HashMap` and `BTreeMap`, with names `AsRef<str>`
/// and values `AsRef<[u8]>` (`&str`, `String`, `Vec<u8>`, `HeaderValue`, ...). When a name occurs
/// more than once, the first value counts.
pub trait WebhookHeaders {
    /// The value of the header `name` (lower case), if present.
    fn header(&self, name: &str) -> Option<&[u8]>;
}

impl WebhookHeaders for http::HeaderMap {
    fn header(&self, name: &str) -> Option<&[u8]> {
        self.get(name).map(http::HeaderValue::as_bytes)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> WebhookHeaders for [(K, V)] {
    fn header(&self, name: &str) -> Option<&[u8]> {
        self.iter()
            .find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>, const N: usize> WebhookHeaders for [(K, V); N] {
    fn header(&self, name: &str) -> Option<&[u8]> {
        self.as_slice().header(name)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> WebhookHeaders for Vec<(K, V)> {
    fn header(&self, name: &str) -> Option<&[u8]> {
        self.as_slice().header(name)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>, S> WebhookHeaders for HashMap<K, V, S> {
    fn header(&self, name: &str) -> Option<&[u8]> {
        // Sorted by name first, so the answer does not depend on the hash order when a name
        // occurs in several spellings.
        let mut matching: Vec<(&str, &[u8])> = self
            .iter()
            .filter(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(k, v)| (k.as_ref(), v.as_ref()))
            .collect();
        matching.sort_unstable_by(|a, b| a.0.cmp(b.0));
        matching.first().map(|(_, v)| *v)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> WebhookHeaders for BTreeMap<K, V> {
    fn header(&self, name: &str) -> Option<&[u8]> {
        self.iter()
            .find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

impl<H: WebhookHeaders + ?Sized> WebhookHeaders for &H {
    fn header(&self, name: &str) -> Option<&[u8]> {
        (**self).header(name)
    }
}

/// Why [`Webhook::new`] refused a secret. Never contains the secret.
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
    fn new(message: String) -> Self {
        Self { message }
    }

    /// What is wrong with the payload.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Why [`Webhook::verify`] refused a delivery.
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

#[cfg(test)]
mod tests {
    use super::*;

    // The example from Svix's documentation of manual verification.
    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const TIMESTAMP: i64 = 1614265330;
    const BODY: &[u8] = br#"{"test": 2432232314}"#;
    const SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    fn at(seconds: i64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).unwrap())
    }

    #[test]
    fn webhook_signs_svix_documented_example() {
        let webhook = Webhook::<Value>::new(SECRET).unwrap();
        assert_eq!(webhook.sign(ID, TIMESTAMP, BODY), SIGNATURE);
        let headers = [
            ("webhook-id", ID),
            ("webhook-timestamp", "1614265330"),
            ("webhook-signature", SIGNATURE),
        ];
        let value = webhook.verify_at(BODY, &headers, at(TIMESTAMP)).unwrap();
        assert_eq!(value["test"], 2432232314_i64);
    }

    #[test]
    fn webhook_secret_forms() {
        let bare = Webhook::<Value>::new("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        assert_eq!(bare.sign(ID, TIMESTAMP, BODY), SIGNATURE);
        assert_eq!(Webhook::<Value>::new("").unwrap_err(), SecretError::Empty);
        assert_eq!(
            Webhook::<Value>::new("whsec_").unwrap_err(),
            SecretError::Empty
        );
        assert_eq!(
            Webhook::<Value>::new("whsec_not base64!").unwrap_err(),
            SecretError::NotBase64
        );
        assert_eq!(
            Webhook::<Value>::new("whsec_=").unwrap_err(),
            SecretError::NotBase64
        );
        let unpadded = Webhook::<Value>::new("whsec_YWJj")
            .unwrap()
            .sign("a", 1, b"b");
        let padded = Webhook::<Value>::new("whsec_YWJjZA")
            .unwrap()
            .sign("a", 1, b"b");
        assert_eq!(
            padded,
            Webhook::<Value>::new("whsec_YWJjZA==")
                .unwrap()
                .sign("a", 1, b"b")
        );
        assert_ne!(unpadded, padded);
        assert_eq!(
            unpadded,
            Webhook::<Value>::from_key(b"abc").sign("a", 1, b"b")
        );
    }

    #[test]
    fn webhook_secret_never_shown() {
        let webhook = Webhook::<Value>::new(SECRET).unwrap();
        let shown = format!("{webhook:?}");
        assert!(
            !shown.contains("MfKQ9r8G") && shown.contains("redacted"),
            "{shown}"
        );
        let refused = Webhook::<Value>::new("whsec_MfKQ9r8G!").unwrap_err();
        let failed = webhook.verify(b"{}", &[("webhook-id", "x")]).unwrap_err();
        for shown in [
            format!("{refused} {refused:?}"),
            format!("{failed} {failed:?}"),
        ] {
            assert!(!shown.contains("MfKQ9r8G"), "{shown}");
        }
    }

    #[test]
    fn webhook_refusals_have_reasons() {
        let webhook = Webhook::<Value>::new(SECRET).unwrap();
        let check = |headers: &[(&str, &str)], body: &[u8], now: i64| {
            webhook
                .verify_signature_at(body, headers, at(now))
                .map_err(|e| e.reason())
        };
        let ok = [
            ("webhook-id", ID),
            ("webhook-timestamp", "1614265330"),
            ("webhook-signature", SIGNATURE),
        ];
        assert_eq!(check(&ok, BODY, TIMESTAMP), Ok(()));
        assert_eq!(check(&ok, BODY, TIMESTAMP + 300), Ok(()));
        assert_eq!(check(&ok, BODY, TIMESTAMP - 300), Ok(()));
        assert_eq!(
            check(&ok, BODY, TIMESTAMP + 301),
            Err(Reason::TimestampTooOld)
        );
        assert_eq!(
            check(&ok, BODY, TIMESTAMP - 301),
            Err(Reason::TimestampTooNew)
        );
        assert_eq!(
            check(&ok, br#"{"test": 2432232315}"#, TIMESTAMP),
            Err(Reason::NoMatchingSignature)
        );
        assert_eq!(check(&ok[1..], BODY, TIMESTAMP), Err(Reason::MissingId));
        assert_eq!(
            check(&[ok[0], ok[2]], BODY, TIMESTAMP),
            Err(Reason::MissingTimestamp)
        );
        assert_eq!(
            check(&ok[..2], BODY, TIMESTAMP),
            Err(Reason::MissingSignature)
        );
        let with = |name: &'static str, value: &'static str| {
            let mut h = ok.to_vec();
            h.retain(|(n, _)| *n != name);
            h.push((name, value));
            h
        };
        assert_eq!(
            check(&with("webhook-id", ""), BODY, TIMESTAMP),
            Err(Reason::MissingId)
        );
        assert_eq!(
            check(&with("webhook-timestamp", "12abc"), BODY, TIMESTAMP),
            Err(Reason::InvalidTimestamp)
        );
        let v2 = "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        assert_eq!(
            check(&with("webhook-signature", v2), BODY, TIMESTAMP),
            Err(Reason::NoV1Signature)
        );
        assert_eq!(
            check(&with("webhook-signature", "v1,%%%"), BODY, TIMESTAMP),
            Err(Reason::NoMatchingSignature)
        );
        // Rotation: any one of several entries, the matching one anywhere.
        let rotated = "v1,Zm9v v2,x  v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        assert_eq!(
            check(&with("webhook-signature", rotated), BODY, TIMESTAMP),
            Ok(())
        );
        // A longer tolerance accepts what the default refuses.
        let lenient = webhook.clone().with_tolerance(Duration::from_secs(3600));
        assert!(
            lenient
                .verify_signature_at(BODY, &ok, at(TIMESTAMP + 3000))
                .is_ok()
        );
    }

    #[test]
    fn webhook_headers_case_insensitive_and_svix_names() {
        let webhook = Webhook::<Value>::new(SECRET).unwrap();
        let mut map = http::HeaderMap::new();
        map.insert("Webhook-Id", ID.parse().unwrap());
        map.insert("WEBHOOK-TIMESTAMP", "1614265330".parse().unwrap());
        map.insert("svix-signature", SIGNATURE.parse().unwrap());
        assert!(
            webhook
                .verify_signature_at(BODY, &map, at(TIMESTAMP))
                .is_ok()
        );
        let pairs: Vec<(String, String)> = vec![
            ("Webhook-ID".into(), ID.into()),
            ("Webhook-Timestamp".into(), "1614265330".into()),
            ("Webhook-Signature".into(), SIGNATURE.into()),
        ];
        assert!(
            webhook
                .verify_signature_at(BODY, &pairs, at(TIMESTAMP))
                .is_ok()
        );
        let map: HashMap<&str, &str> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert!(
            webhook
                .verify_signature_at(BODY, &map, at(TIMESTAMP))
                .is_ok()
        );
        // An `svix-` header wins over its `webhook-` twin, as in Svix.
        let shadowed = [
            ("svix-id", "other"),
            ("webhook-id", ID),
            ("webhook-timestamp", "1614265330"),
            ("webhook-signature", SIGNATURE),
        ];
        assert_eq!(
            webhook
                .verify_signature_at(BODY, &shadowed, at(TIMESTAMP))
                .unwrap_err()
                .reason(),
            Reason::NoMatchingSignature
        );
    }

    #[derive(Debug, serde::Deserialize)]
    struct Seamish {
        event_type: String,
        #[allow(dead_code)]
        n: u8,
    }
    impl WebhookEvent for Seamish {
        const REQUIRED_STRINGS: &'static [&'static str] = &["event_id", "event_type"];
    }

    #[test]
    fn webhook_invalid_payload_is_apart_from_verification() {
        let webhook = Webhook::<Seamish>::new(SECRET).unwrap();
        let deliver = |body: &[u8]| {
            let headers = webhook.signed_headers("msg_1", TIMESTAMP, body);
            webhook.verify_at(body, &headers, at(TIMESTAMP))
        };
        let ok = deliver(br#"{"event_id":"e","event_type":"t","n":1}"#).unwrap();
        assert_eq!(ok.event_type, "t");
        for (body, says) in [
            (&b"not json"[..], "not valid JSON"),
            (b"[1]", "not a JSON object"),
            (br#"{"event_type":"t","n":1}"#, "`event_id`"),
            (br#"{"event_id":"e","event_type":7,"n":1}"#, "`event_type`"),
            (br#"{"event_id":"e","event_type":"t","n":300}"#, "at `n`"),
        ] {
            let err = deliver(body).unwrap_err();
            let invalid = err.as_invalid_payload().unwrap_or_else(|| panic!("{err}"));
            assert!(invalid.message().contains(says), "{err}");
            assert!(err.as_verification().is_none());
        }
        let headers = webhook.signed_headers("msg_1", TIMESTAMP, b"not json");
        let err = webhook
            .verify_at(b"not json!", &headers, at(TIMESTAMP))
            .unwrap_err();
        assert_eq!(
            err.as_verification().map(|e| e.reason()),
            Some(Reason::NoMatchingSignature)
        );
    }

    #[test]
    fn webhook_extreme_timestamps_do_not_overflow() {
        let webhook = Webhook::<Value>::new(SECRET)
            .unwrap()
            .with_tolerance(Duration::MAX);
        for ts in [i64::MIN, i64::MAX, 0, -1] {
            let headers = webhook.signed_headers("m", ts, b"{}");
            assert!(
                webhook.verify_at(b"{}", &headers, at(TIMESTAMP)).is_ok(),
                "{ts}"
            );
        }
        let strict = Webhook::<Value>::new(SECRET).unwrap();
        let headers = strict.signed_headers("m", i64::MIN, b"{}");
        assert_eq!(
            strict
                .verify_signature_at(b"{}", &headers, UNIX_EPOCH - Duration::from_secs(5))
                .unwrap_err()
                .reason(),
            Reason::TimestampTooOld
        );
    }
}
