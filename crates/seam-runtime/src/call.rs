//! Calls: what a generated method returns. `.await` sends it; before that, per-call options can
//! be set (`.timeout(..)`, and on action-attempt operations `.wait_for_action_attempt(false)` or
//! `.wait_options(..)`) without a second method per operation.
//!
//! Three kinds, chosen by the generator from the operation's response:
//! [`Call`] decodes a value, [`UnitCall`] returns `()`, [`ActionAttemptCall`] decodes an action
//! attempt and, unless told otherwise, waits until it finishes (as Seam's official SDKs do).

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::action_attempt::{ActionAttemptLike, WaitOptions};
use crate::call_options::CallOptions;
use crate::client::{Client, Route};
use crate::error::Result;

/// The future a call becomes when awaited.
pub type CallFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

/// What every call carries: the client, the route, the request and the per-call options.
struct Parts<'a, B> {
    client: &'a Client,
    route: &'static Route,
    body: B,
    query: Vec<(&'static str, String)>,
    options: CallOptions,
}

impl<'a, B> Parts<'a, B> {
    fn new(client: &'a Client, route: &'static Route, body: B) -> Self {
        Parts {
            client,
            route,
            body,
            query: Vec::new(),
            options: CallOptions::default(),
        }
    }

    fn with_query(
        client: &'a Client,
        route: &'static Route,
        params: impl IntoIterator<Item = (&'static str, Option<String>)>,
        body: B,
    ) -> Self {
        let mut parts = Parts::new(client, route, body);
        parts.query = params
            .into_iter()
            .filter_map(|(name, value)| value.map(|value| (name, value)))
            .collect();
        parts
    }

    fn query_pairs(&self) -> Vec<(&str, &str)> {
        self.query
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect()
    }
}

impl<'a, B: Serialize + Send + Sync + 'a> Parts<'a, B> {
    async fn send<T: DeserializeOwned>(self) -> Result<T> {
        let query = self.query_pairs();
        self.client
            .call_with_options(self.route, &query, &self.body, &self.options)
            .await
    }

    async fn send_unit(self) -> Result<()> {
        let query = self.query_pairs();
        self.client
            .call_unit_with_options(self.route, &query, &self.body, &self.options)
            .await
    }
}

/// The constructors and per-call options every kind of call has; one macro so the three stay
/// alike. `$extra` initialises the fields besides `parts`.
macro_rules! common {
    ($($extra:tt)*) => {
        /// A call of `route` with `body` (generated methods build these).
        #[doc(hidden)]
        pub fn new(client: &'a Client, route: &'static Route, body: B) -> Self {
            Self { parts: Parts::new(client, route, body), $($extra)* }
        }

        /// A call of `route` with `body` and query parameters sent in the URL (`None` values are
        /// left out). Generated methods build these.
        #[doc(hidden)]
        pub fn with_query(
            client: &'a Client,
            route: &'static Route,
            params: impl IntoIterator<Item = (&'static str, Option<String>)>,
            body: B,
        ) -> Self {
            Self { parts: Parts::with_query(client, route, params, body), $($extra)* }
        }

        /// Per-attempt timeout for this call only (connect, send and read the body), instead of
        /// the client's.
        pub fn timeout(mut self, timeout: Duration) -> Self {
            self.parts.options = self.parts.options.timeout(timeout);
            self
        }
    };
}

/// A call that decodes the operation's response into `T`. Await it to send it.
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'a, B, T> {
    parts: Parts<'a, B>,
    output: PhantomData<fn() -> T>,
}

impl<'a, B, T> Call<'a, B, T> {
    common!(output: PhantomData);
}

impl<'a, B, T> IntoFuture for Call<'a, B, T>
where
    B: Serialize + Send + Sync + 'a,
    T: DeserializeOwned + Send + 'a,
{
    type Output = Result<T>;
    type IntoFuture = CallFuture<'a, T>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.parts.send())
    }
}

/// A call of an operation without a response value. Await it to send it.
#[must_use = "a call does nothing until it is awaited"]
pub struct UnitCall<'a, B> {
    parts: Parts<'a, B>,
}

impl<'a, B> UnitCall<'a, B> {
    common!();
}

impl<'a, B: Serialize + Send + Sync + 'a> IntoFuture for UnitCall<'a, B> {
    type Output = Result<()>;
    type IntoFuture = CallFuture<'a, ()>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.parts.send_unit())
    }
}

/// Whether and how one call waits for its action attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wait {
    /// As the client is configured.
    ClientDefault,
    /// Return the attempt as the server sent it.
    No,
    /// Wait with these options (unset fields fall back to the client's).
    With(WaitOptions),
}

/// A call of an operation that returns an action attempt `A`. Awaiting it sends the request and,
/// by default, waits until the attempt succeeds (returned) or fails
/// ([`crate::Error::ActionAttemptFailed`]) or the wait times out
/// ([`crate::Error::ActionAttemptTimeout`]); both errors carry the typed attempt.
#[must_use = "a call does nothing until it is awaited"]
pub struct ActionAttemptCall<'a, B, A> {
    parts: Parts<'a, B>,
    wait: Wait,
    output: PhantomData<fn() -> A>,
}

impl<'a, B, A> ActionAttemptCall<'a, B, A> {
    common!(wait: Wait::ClientDefault, output: PhantomData);

    /// `false`: return the action attempt as the server sent it (usually `pending`), without
    /// polling. `true`: wait for it with the client's wait options. Default: the client's setting
    /// (on unless switched off with `ClientBuilder::wait_for_action_attempts(false)`).
    pub fn wait_for_action_attempt(mut self, wait: bool) -> Self {
        self.wait = if wait {
            Wait::With(WaitOptions::new())
        } else {
            Wait::No
        };
        self
    }

    /// Wait for the action attempt with these options (unset fields fall back to the client's).
    pub fn wait_options(mut self, options: WaitOptions) -> Self {
        self.wait = Wait::With(options);
        self
    }
}

impl<'a, B, A> IntoFuture for ActionAttemptCall<'a, B, A>
where
    B: Serialize + Send + Sync + 'a,
    A: ActionAttemptLike + Send + 'a,
{
    type Output = Result<A>;
    type IntoFuture = CallFuture<'a, A>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let client = self.parts.client;
            let options = match self.wait {
                Wait::No => None,
                Wait::With(options) => Some(options),
                Wait::ClientDefault => client.waits_for_action_attempts().then(WaitOptions::new),
            };
            let attempt: A = self.parts.send().await?;
            match options {
                Some(options) => client.wait_for_action_attempt(attempt, options).await,
                None => Ok(attempt),
            }
        })
    }
}
