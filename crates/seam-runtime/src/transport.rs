//! The one non-generic request path: send, read the body (bounded), retry, map errors, trace.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, RETRY_AFTER};
use tracing::Instrument;
use tracing::field::Empty;

use crate::auth::CurrentAuth;
use crate::call_options::CallOptions;
use crate::client::{Client, Route};
use crate::decode::{RawResponse, error_from_response, excerpt};
use crate::error::{DecodeError, DecodeErrorKind, Error, Result};
use crate::retry::{is_retryable_status, parse_retry_after};

/// The response header carrying Seam's request id.
pub(crate) const REQUEST_ID_HEADER: &str = "seam-request-id";

/// What one attempt produced, before the retry decision.
enum Attempt {
    /// A complete response (any status).
    Response {
        raw: RawResponse,
        retry_after: Option<Duration>,
    },
    /// The request or the body read failed at the transport level.
    Failed(reqwest::Error),
}

/// One call as the retry loop sends it.
struct Request<'a> {
    route: &'a Route,
    url: String,
    body: Vec<u8>,
    /// The per-attempt timeout (`None`: the HTTP client's own, if any).
    timeout: Option<Duration>,
    /// The credentials' headers, fixed for all attempts of the call.
    auth: Arc<CurrentAuth>,
}

/// The error for a call that failed for good.
fn final_error(request: &Request<'_>, outcome: Attempt) -> Error {
    let path = request.route.path;
    match outcome {
        Attempt::Response { raw, .. } => error_from_response(&raw),
        Attempt::Failed(e) if e.is_timeout() => Error::Timeout {
            path,
            timeout: request.timeout.unwrap_or_default(),
        },
        Attempt::Failed(source) => Error::Transport { path, source },
    }
}

impl Client {
    /// POSTs the JSON `body` to `route.path`, retrying as the policy allows; returns a successful
    /// response with its whole body, or the mapped error. Boxed so generic callers stay small.
    pub(crate) fn execute<'a>(
        &'a self,
        route: &'a Route,
        body: Vec<u8>,
    ) -> Pin<Box<dyn Future<Output = Result<RawResponse>> + Send + 'a>> {
        self.execute_with_options(route, &[], body, &CallOptions::new())
    }

    /// [`Client::execute`] with query parameters (URL-encoded, in order; repeated keys allowed)
    /// and per-call options.
    pub(crate) fn execute_with_options<'a>(
        &'a self,
        route: &'a Route,
        query: &[(&str, &str)],
        body: Vec<u8>,
        options: &CallOptions,
    ) -> Pin<Box<dyn Future<Output = Result<RawResponse>> + Send + 'a>> {
        self.execute_as(route, query, body, options, None)
    }

    /// The one request path. `auth` replaces the client's credentials for this call only (used to
    /// check a new client session token before it replaces the old one).
    pub(crate) fn execute_as<'a>(
        &'a self,
        route: &'a Route,
        query: &[(&str, &str)],
        body: Vec<u8>,
        options: &CallOptions,
        auth: Option<Arc<CurrentAuth>>,
    ) -> Pin<Box<dyn Future<Output = Result<RawResponse>> + Send + 'a>> {
        let mode = self.auth_mode();
        if !route.auth.contains(mode) {
            let error = Error::AuthModeNotAccepted {
                path: route.path,
                mode,
                accepted: route.auth,
            };
            return Box::pin(std::future::ready(Err(error)));
        }
        let mut url = format!("{}{}", self.inner.base_url, route.path);
        if !query.is_empty() {
            url.push('?');
            url.push_str(&encode_query(query));
        }
        let request = Request {
            route,
            url,
            body,
            timeout: options.timeout.or(self.inner.timeout),
            auth: auth.unwrap_or_else(|| self.inner.auth.current()),
        };
        Box::pin(self.execute_with_retries(request))
    }

    async fn execute_with_retries(&self, request: Request<'_>) -> Result<RawResponse> {
        let route = request.route;
        let policy = self.inner.retry;
        let mut attempt: u32 = 1;
        loop {
            let span = tracing::debug_span!(
                "seam_request",
                path = route.path,
                attempt,
                status = Empty,
                request_id = Empty,
            );
            let outcome = self
                .attempt(&request, &span)
                .instrument(span.clone())
                .await?;
            let outcome = match outcome {
                Attempt::Response { raw, .. } if (200..300).contains(&raw.status) => {
                    return Ok(raw);
                }
                other => other,
            };
            let (retryable, retry_after) = match &outcome {
                Attempt::Response { raw, retry_after } => {
                    let status = reqwest::StatusCode::from_u16(raw.status).ok();
                    (
                        route.retry_safe && status.is_some_and(is_retryable_status),
                        *retry_after,
                    )
                }
                // A failed connect means the request never left: always safe to send again.
                Attempt::Failed(e) => (e.is_connect() || route.retry_safe, None),
            };
            if !retryable || attempt >= policy.attempts() {
                return Err(final_error(&request, outcome));
            }
            attempt += 1;
            let delay = policy.delay(attempt, retry_after);
            span.in_scope(|| tracing::debug!(?delay, next_attempt = attempt, "retrying"));
            tokio::time::sleep(delay).await;
        }
    }

    /// One attempt. `Err` only for failures that must not be retried (a body over the limit).
    async fn attempt(&self, request: &Request<'_>, span: &tracing::Span) -> Result<Attempt> {
        let route = request.route;
        let mut builder = self
            .inner
            .http
            .post(&request.url)
            .headers(self.inner.headers.clone())
            .headers(request.auth.headers.clone());
        if let Some(timeout) = request.timeout {
            builder = builder.timeout(timeout);
        }
        if route.has_body {
            builder = builder.body(request.body.clone());
        }
        let mut response = match builder.send().await {
            Ok(response) => response,
            Err(e) => {
                tracing::debug!(error = %e, connect = e.is_connect(), timeout = e.is_timeout(), "request failed");
                return Ok(Attempt::Failed(e));
            }
        };
        let status = response.status().as_u16();
        let request_id = response
            .headers()
            .get(REQUEST_ID_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let retry_after = parse_retry_after(response.headers().get(RETRY_AFTER));
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        span.record("status", status);
        if let Some(id) = &request_id {
            span.record("request_id", id.as_str());
        }

        let limit = self.inner.max_response_bytes;
        let too_large = |body: &[u8]| {
            Error::Decode(Box::new(DecodeError {
                kind: DecodeErrorKind::TooLarge,
                status,
                path: route.path,
                request_id: request_id.clone(),
                message: format!("the body exceeds the limit of {limit} bytes"),
                excerpt: excerpt(body),
                at: None,
            }))
        };
        let declared = response.content_length().unwrap_or(0);
        if declared > limit as u64 {
            return Err(too_large(&[]));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0).min(limit));
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if bytes.len().saturating_add(chunk.len()) > limit {
                        return Err(too_large(&bytes));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => {
                    tracing::debug!(error = %e, status, "reading the response body failed");
                    return Ok(Attempt::Failed(e));
                }
            }
        }
        tracing::debug!(status, bytes = bytes.len(), "response");
        Ok(Attempt::Response {
            raw: RawResponse {
                status,
                request_id,
                content_type,
                path: route.path,
                body: bytes,
            },
            retry_after,
        })
    }
}

/// `application/x-www-form-urlencoded` query text for `pairs`.
fn encode_query(pairs: &[(&str, &str)]) -> String {
    fn encode(text: &str, out: &mut String) {
        for byte in text.bytes() {
            match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    out.push(byte as char)
                }
                b' ' => out.push('+'),
                _ => out.push_str(&format!("%{byte:02X}")),
            }
        }
    }
    let mut out = String::new();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode(key, &mut out);
        out.push('=');
        encode(value, &mut out);
    }
    out
}

#[cfg(test)]
mod query_tests {
    #[test]
    fn query_is_form_encoded() {
        assert_eq!(
            super::encode_query(&[("a b", "x&y=z/é"), ("ids", "1")]),
            "a+b=x%26y%3Dz%2F%C3%A9&ids=1"
        );
        assert_eq!(super::encode_query(&[]), "");
    }
}
