//! [`WebhookEvent`]: the type a verified body decodes into, and the decoding.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::InvalidPayloadError;

/// An event type a [`Webhook`](super::Webhook) can hand back: decoded from the verified JSON body.
pub trait WebhookEvent: DeserializeOwned {
    /// Top-level JSON members a payload must carry as strings to count as such an event; checked
    /// before decoding (Seam's events: `event_id` and `event_type`).
    const REQUIRED_STRINGS: &'static [&'static str];
}

/// Any JSON value: [`Webhook::<Value>`](super::Webhook) verifies and hands back the raw body.
impl WebhookEvent for Value {
    const REQUIRED_STRINGS: &'static [&'static str] = &[];
}

/// Decodes a verified body as an `E` (after checking [`WebhookEvent::REQUIRED_STRINGS`]).
pub(super) fn decode_event<E: WebhookEvent>(body: &[u8]) -> Result<E, InvalidPayloadError> {
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
