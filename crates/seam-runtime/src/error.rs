//! The one error type of the runtime, and the API error details it carries.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::Value;

use crate::action_attempt::AnyActionAttempt;
use crate::auth_mode::{AuthMode, AuthModes};

/// Result alias used across the runtime and the generated crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when talking to Seam.
///
/// Large payloads are boxed so that `Result<T>` stays small. No variant ever contains a credential.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The client was configured wrongly (no credentials, a bad endpoint URL, a bad header, ...).
    #[error("invalid client configuration: {0}")]
    Config(String),

    /// A token was given in the wrong place (e.g. a client session token passed as an API key) or
    /// has an unknown format. Refused before any request is sent; the token itself is never shown.
    #[error("invalid token: {0}")]
    InvalidToken(String),

    /// The operation does not accept the client's kind of credential (its security in the spec
    /// does not list the client's [`AuthMode`]). Refused before any request is sent.
    #[error(
        "{path} cannot be called with {mode}; it accepts {}",
        describe_modes(*.accepted)
    )]
    AuthModeNotAccepted {
        /// The route path of the operation.
        path: &'static str,
        /// The client's auth mode.
        mode: AuthMode,
        /// The modes the operation accepts.
        accepted: AuthModes,
    },

    /// The request body could not be serialised to JSON.
    #[error("could not serialise the request body: {0}")]
    Serialize(#[source] serde_json::Error),

    /// Seam answered 401 Unauthorized.
    #[error("unauthorized (HTTP 401){}", request_id_suffix(.0.request_id.as_deref()))]
    Unauthorized(Box<ApiError>),

    /// Seam answered with `error.type == "invalid_input"`; carries the per-field validation errors.
    #[error("{0}")]
    InvalidInput(Box<InvalidInputError>),

    /// Seam answered with an error object (`{"error": {"type": ..., "message": ...}}`).
    #[error("{0}")]
    Api(Box<ApiError>),

    /// A non-success HTTP status whose body is not a Seam error object (an HTML error page, an empty
    /// body, a plain-text 404, ...).
    #[error(
        "unexpected HTTP {status} from {path}{}: {excerpt:?}",
        request_id_suffix(.request_id.as_deref())
    )]
    Http {
        /// The HTTP status code.
        status: u16,
        /// The route path that was called.
        path: &'static str,
        /// The `seam-request-id` response header, when present.
        request_id: Option<String>,
        /// The start of the response body (bounded, lossily decoded as UTF-8).
        excerpt: String,
    },

    /// A successful response whose body could not be decoded (not JSON, truncated, wrong shape,
    /// missing response key, too large).
    #[error("{0}")]
    Decode(Box<DecodeError>),

    /// The request did not complete within the configured timeout.
    #[error("request to {path} timed out after {timeout:?}")]
    Timeout {
        /// The route path that was called.
        path: &'static str,
        /// The per-attempt timeout that elapsed.
        timeout: Duration,
    },

    /// A network-level failure: connection refused or reset, TLS failure, body cut short, ...
    #[error("transport error calling {path}: {source}")]
    Transport {
        /// The route path that was called.
        path: &'static str,
        /// The underlying HTTP client error.
        #[source]
        source: reqwest::Error,
    },

    /// An action attempt finished with status `error`.
    #[error(
        "action attempt failed: {}: {}",
        .error_type.as_deref().unwrap_or("unknown"),
        .message
    )]
    ActionAttemptFailed {
        /// `error.type` of the action attempt, when present.
        error_type: Option<String>,
        /// `error.message` of the action attempt (empty when absent).
        message: String,
        /// The failed action attempt, typed: [`Error::action_attempt`] gives it back as the
        /// generated type.
        attempt: Box<dyn AnyActionAttempt>,
    },

    /// An action attempt was still pending when the wait timed out.
    #[error("timed out after {timeout:?} waiting for action attempt to finish")]
    ActionAttemptTimeout {
        /// The wait timeout that elapsed.
        timeout: Duration,
        /// The last action attempt seen, typed: [`Error::action_attempt`] gives it back as the
        /// generated type.
        attempt: Box<dyn AnyActionAttempt>,
    },
}

impl Error {
    /// The action attempt a [`Error::ActionAttemptFailed`] or [`Error::ActionAttemptTimeout`]
    /// carries, as the generated type `A` (e.g. `seam::types::ActionAttempt`); `None` for other
    /// errors or another type.
    pub fn action_attempt<A: 'static>(&self) -> Option<&A> {
        match self {
            Error::ActionAttemptFailed { attempt, .. }
            | Error::ActionAttemptTimeout { attempt, .. } => attempt.as_any().downcast_ref::<A>(),
            _ => None,
        }
    }

    /// True for HTTP 401 answers.
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, Error::Unauthorized(_))
    }

    /// True when the request (or an action-attempt wait) timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(
            self,
            Error::Timeout { .. } | Error::ActionAttemptTimeout { .. }
        )
    }

    /// The HTTP status of the response that caused this error, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Unauthorized(e) | Error::Api(e) => Some(e.status),
            Error::InvalidInput(e) => Some(e.api.status),
            Error::Http { status, .. } => Some(*status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// The `seam-request-id` of the response that caused this error, if there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Unauthorized(e) | Error::Api(e) => e.request_id.as_deref(),
            Error::InvalidInput(e) => e.api.request_id.as_deref(),
            Error::Http { request_id, .. } => request_id.as_deref(),
            Error::Decode(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// The Seam error object for API errors (including 401 and invalid input).
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Unauthorized(e) | Error::Api(e) => Some(e),
            Error::InvalidInput(e) => Some(&e.api),
            _ => None,
        }
    }

    /// Seam's error `type` (e.g. `device_not_found`), for API errors.
    pub fn error_type(&self) -> Option<&str> {
        self.api_error().map(|e| e.error_type.as_str())
    }

    /// The invalid-input details, when Seam rejected the request body.
    pub fn invalid_input(&self) -> Option<&InvalidInputError> {
        match self {
            Error::InvalidInput(e) => Some(e),
            _ => None,
        }
    }
}

/// "an API key or a client session token"; "no credential this client supports" for none.
fn describe_modes(modes: AuthModes) -> String {
    let names: Vec<&str> = modes.iter().map(AuthMode::describe).collect();
    match names.as_slice() {
        [] => "no credential this client supports".to_owned(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn request_id_suffix(id: Option<&str>) -> String {
    match id {
        Some(id) => format!(" [request id {id}]"),
        None => String::new(),
    }
}

/// A Seam API error answer: `{"error": {"type", "message", "data"?}}` plus HTTP context.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status code.
    pub status: u16,
    /// Seam's error `type`, e.g. `device_not_found` (`unauthorized` for a 401 without a body).
    pub error_type: String,
    /// Seam's human-readable `message`.
    pub message: String,
    /// The `seam-request-id` response header; give it to Seam support when reporting a problem.
    pub request_id: Option<String>,
    /// The error's `data` member, when present.
    pub data: Option<Value>,
}

impl ApiError {
    /// Builds an API error from its parts.
    pub fn new(
        status: u16,
        error_type: impl Into<String>,
        message: impl Into<String>,
        request_id: Option<String>,
        data: Option<Value>,
    ) -> Self {
        ApiError {
            status,
            error_type: error_type.into(),
            message: message.into(),
            request_id,
            data,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Seam API error {} (HTTP {}): {}",
            self.error_type, self.status, self.message
        )?;
        f.write_str(&request_id_suffix(self.request_id.as_deref()))
    }
}

/// An `invalid_input` answer, with validation errors flattened to field paths.
///
/// Seam sends zod-formatted errors: `{"device_id": {"_errors": ["Required"]}, "_errors": []}`;
/// nested fields become dotted paths (`"access_method.mode"`) and top-level messages are under `""`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct InvalidInputError {
    /// The API error itself (`error_type` is `invalid_input`).
    pub api: ApiError,
    /// Messages per field path, in path order. Fields without messages are left out.
    pub validation_errors: BTreeMap<String, Vec<String>>,
    /// The raw `validation_errors` value as sent by Seam (`Value::Null` when absent).
    pub raw_validation_errors: Value,
}

impl InvalidInputError {
    /// Builds the error from the API error and Seam's raw `validation_errors` value.
    pub fn new(api: ApiError, raw_validation_errors: Value) -> Self {
        let mut validation_errors = BTreeMap::new();
        flatten_validation_errors(
            &raw_validation_errors,
            String::new(),
            &mut validation_errors,
        );
        InvalidInputError {
            api,
            validation_errors,
            raw_validation_errors,
        }
    }

    /// The messages for one field path (empty when the field had none), like Seam's
    /// `getValidationErrorMessages`.
    pub fn messages_for(&self, field: &str) -> &[String] {
        self.validation_errors
            .get(field)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

impl std::fmt::Display for InvalidInputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.api)?;
        for (field, messages) in &self.validation_errors {
            let field = if field.is_empty() { "(body)" } else { field };
            write!(f, "; {field}: {}", messages.join(", "))?;
        }
        Ok(())
    }
}

/// Bound on the recursion when flattening validation errors (a hostile body cannot overflow the stack:
/// serde_json already limits nesting to 128, this keeps the walk shallower still).
const MAX_VALIDATION_DEPTH: usize = 32;

fn flatten_validation_errors(value: &Value, path: String, out: &mut BTreeMap<String, Vec<String>>) {
    fn walk(value: &Value, path: String, depth: usize, out: &mut BTreeMap<String, Vec<String>>) {
        let Value::Object(map) = value else { return };
        if depth > MAX_VALIDATION_DEPTH {
            return;
        }
        for (key, child) in map {
            if key == "_errors" {
                let messages: Vec<String> = match child {
                    Value::Array(items) => items
                        .iter()
                        .map(|m| match m {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        })
                        .collect(),
                    Value::String(s) => vec![s.clone()],
                    _ => Vec::new(),
                };
                if !messages.is_empty() {
                    out.entry(path.clone()).or_default().extend(messages);
                }
            } else {
                let child_path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                walk(child, child_path, depth + 1, out);
            }
        }
    }
    walk(value, path, 0, out);
}

/// Why a response body could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The body is not JSON at all (e.g. an HTML page).
    NotJson,
    /// The body is JSON cut short.
    Truncated,
    /// The body is JSON but does not have the expected shape (including a missing response key).
    Shape,
    /// The body is larger than the client's limit.
    TooLarge,
}

/// Details of an undecodable successful response.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DecodeError {
    /// What kind of failure this is.
    pub kind: DecodeErrorKind,
    /// The HTTP status code.
    pub status: u16,
    /// The route path that was called.
    pub path: &'static str,
    /// The `seam-request-id` response header, when present.
    pub request_id: Option<String>,
    /// The decoder's message.
    pub message: String,
    /// The start of the response body (bounded, lossily decoded as UTF-8).
    pub excerpt: String,
    /// Where in the body the value that did not fit is (`devices[3].created_at`), when known.
    pub at: Option<String>,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.kind {
            DecodeErrorKind::NotJson => "is not JSON",
            DecodeErrorKind::Truncated => "is truncated JSON",
            DecodeErrorKind::Shape => "has an unexpected shape",
            DecodeErrorKind::TooLarge => "is too large",
        };
        let at = match &self.at {
            Some(at) => format!(" at `{at}`"),
            None => String::new(),
        };
        write!(
            f,
            "response body from {} (HTTP {}) {what}{at}: {}{}; body starts {:?}",
            self.path,
            self.status,
            self.message,
            request_id_suffix(self.request_id.as_deref()),
            self.excerpt
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flattens_zod_validation_errors() {
        let raw = json!({
            "_errors": ["body is bad"],
            "device_id": {"_errors": ["Required"]},
            "access_method": {"_errors": [], "mode": {"_errors": ["Invalid enum value", 3]}},
            "weird": "not an object"
        });
        let api = ApiError::new(400, "invalid_input", "Invalid input", None, None);
        let e = InvalidInputError::new(api, raw);
        assert_eq!(e.messages_for("device_id"), ["Required"]);
        assert_eq!(
            e.messages_for("access_method.mode"),
            ["Invalid enum value", "3"]
        );
        assert_eq!(e.messages_for(""), ["body is bad"]);
        assert!(e.messages_for("access_method").is_empty());
        assert!(e.messages_for("nope").is_empty());
        assert_eq!(e.validation_errors.len(), 3);
        let shown = e.to_string();
        assert!(shown.contains("device_id: Required"), "{shown}");
    }

    #[test]
    fn auth_mode_refusals_name_the_accepted_modes() {
        let err = Error::AuthModeNotAccepted {
            path: "/workspaces/create",
            mode: AuthMode::ApiKey,
            accepted: AuthModes::of(&[
                AuthMode::PersonalAccessTokenWithoutWorkspace,
                AuthMode::ConsoleSessionWithoutWorkspace,
            ]),
        };
        assert_eq!(
            err.to_string(),
            "/workspaces/create cannot be called with an API key; it accepts a personal access \
             token without a workspace or a console session token without a workspace"
        );
        assert_eq!(
            describe_modes(AuthModes::NONE),
            "no credential this client supports"
        );
        assert_eq!(
            describe_modes(AuthModes::of(&[
                AuthMode::ApiKey,
                AuthMode::ClientSession,
                AuthMode::PublishableKey
            ])),
            "an API key, a client session token or a publishable key"
        );
    }

    #[test]
    fn result_stays_small() {
        assert!(
            std::mem::size_of::<Error>() <= 80,
            "{}",
            std::mem::size_of::<Error>()
        );
    }
}
