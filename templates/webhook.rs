//! Verifying Seam's webhook deliveries (cargo feature `{{ webhook.feature }}`).
//!
//! Seam sends events to your endpoint through Svix: a JSON body signed with your endpoint's
//! secret (`whsec_...`), in the headers `webhook-id`, `webhook-timestamp` and
//! `webhook-signature`. [`Webhook::verify`] checks the signature (HMAC-SHA256, constant-time
//! comparison, any of several signatures during a secret rotation) and the timestamp (at most
//! 5 minutes off by default) on the body exactly as received, then decodes it into a
//! [`{{ webhook.event }}`]. Event types this crate does not know decode into the union's
//! `Unknown` variant with the raw JSON. No async involved: it works the same with the blocking API.
//!
//! # Example
//!
//! ```no_run
//! use seam::webhook::{Webhook, WebhookError};
//!
//! # fn example() -> Result<(), Box<dyn std::error::Error>> {
//! let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
//! // What your HTTP framework hands over: the raw body and the headers (an
//! // `http::HeaderMap`, or any name/value pairs).
//! let body = br#"{"event_id": "e1", "event_type": "a.future_event", "workspace_id": "w"}"#;
//! let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs() as i64;
//! let headers = webhook.signed_headers("msg_1", now, body);
//! match webhook.verify(body, &headers) {
//!     Ok(event) => println!("{:?}", event.{{ webhook.tag_method }}()),
//!     // Not from Seam (or replayed late): answer 401 and drop it.
//!     Err(WebhookError::Verification(e)) => eprintln!("rejected: {}", e.reason()),
//!     // From Seam but not an event: log it; a redelivery would not help.
//!     Err(e) => eprintln!("{e}"),
//! }
//! # Ok(())
//! # }
//! ```

pub use seam_runtime::webhook::{
    DEFAULT_TOLERANCE, InvalidPayloadError, Reason, SecretError, VerificationError, WebhookError,
    WebhookHeaders,
};

/// Verifies Seam's webhook deliveries and decodes them into [`{{ webhook.event }}`]s; signs
/// deliveries for your tests ([`sign`](seam_runtime::webhook::Webhook::sign),
/// [`signed_headers`](seam_runtime::webhook::Webhook::signed_headers)).
///
/// `Webhook::new(secret)` takes the endpoint secret as Seam shows it (`whsec_...`) or bare
/// base64; `verify(body, &headers)` returns the event, [`WebhookError::Verification`] for a
/// delivery that is not authentic and [`WebhookError::InvalidPayload`] for an authentic one that
/// is not an event. `Debug` and the errors never show the secret.
pub type Webhook = seam_runtime::webhook::Webhook<{{ webhook.event }}>;

/// A verified body is an event when it has {% for s in webhook.required_strings %}{% if !loop.first %}{% if loop.last %} and {% else %}, {% endif %}{% endif %}`{{ s }}`{% endfor %} as strings.
impl seam_runtime::webhook::WebhookEvent for {{ webhook.event }} {
    const REQUIRED_STRINGS: &'static [&'static str] = &[{% for s in webhook.required_strings %}{{ s|lit }}, {% endfor %}];
}
