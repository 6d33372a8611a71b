//! Runtime for the generated `seam` client: transport, auth, errors, retries, action attempts,
//! pagination and serde helpers.
//!
//! Generated code stays thin: every operation is a [`Route`] plus a call to [`Client::call`] or
//! [`Client::call_unit`]; list operations use [`Client::paginate`], action-attempt operations
//! [`Client::wait_for_action_attempt`]. Application code normally reaches these items through the
//! `seam` crate.

pub mod action_attempt;
mod auth;
#[cfg(feature = "blocking")]
pub mod blocking;
mod builder;
mod client;
pub mod codec;
mod decode;
mod error;
mod metadata;
pub mod pagination;
mod retry;
mod tls;
mod transport;
#[cfg(feature = "webhook")]
pub mod webhook;

pub use action_attempt::{ActionAttemptLike, ActionAttemptStatus, WaitOptions};
pub use auth::{Auth, TokenKind};
pub use builder::{ClientBuilder, DEFAULT_ENDPOINT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT};
pub use client::{Client, Route};
pub use decode::decode_response;
pub use error::{ApiError, DecodeError, DecodeErrorKind, Error, InvalidInputError, Result};
pub use metadata::OtherMetadata;
pub use pagination::{Page, Paginator};
pub use retry::RetryPolicy;
