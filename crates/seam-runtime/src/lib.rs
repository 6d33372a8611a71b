//! Runtime for the generated `seam` client: transport, auth, errors, retries, action attempts,
//! pagination and serde helpers.
//!
//! Generated code stays thin: every operation is a [`Route`] plus a [`Call`], [`UnitCall`] or
//! [`ActionAttemptCall`] that `.await` sends (the latter waits for the attempt by default); list
//! operations use [`Client::paginate`]. Application code normally reaches these items through the
//! `seam` crate.

pub mod action_attempt;
mod auth;
pub mod auth_mode;
#[cfg(feature = "blocking")]
pub mod blocking;
mod builder;
mod call;
mod call_options;
mod client;
pub mod client_session;
#[doc(hidden)]
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

pub use action_attempt::{ActionAttemptLike, ActionAttemptStatus, AnyActionAttempt, WaitOptions};
pub use auth::{Auth, TokenKind};
pub use auth_mode::{AuthMode, AuthModes};
pub use builder::{
    ClientBuilder, DEFAULT_ENDPOINT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, FromClient,
};
pub use call::{ActionAttemptCall, Call, CallFuture, UnitCall};
pub use call_options::CallOptions;
pub use client::{Client, Route};
pub use decode::decode_response;
pub use error::{ApiError, DecodeError, DecodeErrorKind, Error, InvalidInputError, Result};
pub use metadata::OtherMetadata;
pub use pagination::{Page, Paginator};
pub use retry::RetryPolicy;
