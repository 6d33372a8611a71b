//! The async [`Client`] and the [`Route`] description that generated operations pass to it.
//!
//! Generic entry points ([`Client::call`], [`Client::call_unit`]) only serialise the body, call the
//! one non-generic transport function (`Client::execute`, in `transport.rs`) and decode the bytes, so
//! each generated operation adds very little machine code.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use reqwest::header::HeaderMap;

use crate::action_attempt::WaitOptions;
use crate::auth::SharedAuth;
use crate::auth_mode::AuthMode;
use crate::builder::ClientBuilder;
use crate::call_options::CallOptions;
use crate::error::{Error, Result};
use crate::retry::RetryPolicy;

/// One API operation, as generated code describes it (a `static` per operation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Route {
    /// The path below the endpoint, e.g. `"/acs/credentials/create"`.
    pub path: &'static str,
    /// The `x-response-key`: the member of the response object that holds the result, e.g.
    /// `Some("acs_credential")`.
    pub response_key: Option<&'static str>,
    /// True when the operation is a read that may be repeated safely (the spec also offers the
    /// path as GET). Only such routes are retried after the request may have reached the server.
    pub retry_safe: bool,
    /// False for operations without a request body: nothing is sent after the headers.
    pub has_body: bool,
    /// The credentials the operation accepts (from its `security` in the spec): a client whose
    /// [`crate::AuthMode`] is not among them refuses the call before sending anything
    /// ([`Error::AuthModeNotAccepted`]). [`crate::AuthModes::ANY`] never refuses.
    pub auth: crate::AuthModes,
}

/// An async client for the Seam Connect API. Cheap to clone (the state is shared).
///
/// ```no_run
/// # async fn demo() -> seam_runtime::Result<()> {
/// use seam_runtime::{Client, Route};
/// static DEVICES_GET: Route =
///     Route { path: "/devices/get", response_key: Some("device"), retry_safe: true , has_body: true, auth: seam_runtime::AuthModes::ANY,};
/// let client = Client::new("seam_test_key")?;
/// let device: serde_json::Value =
///     client.call(&DEVICES_GET, &serde_json::json!({"device_id": "d1"})).await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

/// The shared state behind a [`Client`].
pub(crate) struct Inner {
    pub http: reqwest::Client,
    /// The endpoint without a trailing slash.
    pub base_url: String,
    pub retry: RetryPolicy,
    pub timeout: Option<Duration>,
    /// Client-wide action-attempt wait settings (both fields set).
    pub wait: WaitOptions,
    /// Whether methods returning an action attempt wait for it unless told otherwise.
    pub wait_by_default: bool,
    pub max_response_bytes: usize,
    /// The credentials: mode and (replaceable) auth headers, sent with every request.
    pub auth: SharedAuth,
    /// The other headers sent with every request (SDK identity, user agent, extra headers).
    pub headers: HeaderMap,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.inner.base_url)
            .field(
                "auth",
                &format_args!("{}", self.inner.auth.current().summary),
            )
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .field("wait", &self.inner.wait)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client authenticated with an API key (`seam_...`), with default settings.
    ///
    /// Fails with [`Error::InvalidToken`] when the key is another kind of token.
    pub fn new(api_key: impl Into<String>) -> Result<Client> {
        Client::builder().api_key(api_key).build()
    }

    /// A client configured from the environment: `SEAM_API_KEY`, or `SEAM_PERSONAL_ACCESS_TOKEN`
    /// with `SEAM_WORKSPACE_ID`; `SEAM_ENDPOINT` overrides the endpoint. See [`ClientBuilder::env`].
    pub fn from_env() -> Result<Client> {
        Client::builder().env().build()
    }

    /// A builder for every other setting.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// The endpoint requests go to, without a trailing slash.
    pub fn endpoint(&self) -> &str {
        &self.inner.base_url
    }

    /// The kind of credential this client authenticates with.
    pub fn auth_mode(&self) -> AuthMode {
        self.inner.auth.mode()
    }

    /// The per-attempt timeout of this client's requests: the one set on the builder, else
    /// [`DEFAULT_TIMEOUT`](crate::DEFAULT_TIMEOUT) (`None`: no timeout, or a client given to
    /// [`ClientBuilder::http_client`] keeps its own).
    pub fn timeout(&self) -> Option<Duration> {
        self.inner.timeout
    }

    /// The retry policy in force.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.inner.retry
    }

    /// The client-wide action-attempt wait settings (interval and timeout both set).
    pub fn wait_options(&self) -> WaitOptions {
        self.inner.wait
    }

    /// POSTs `body` as JSON to `route.path` and decodes the member `route.response_key` of the
    /// JSON response object into `T` (the other members are skipped unparsed). A route without a
    /// response key decodes the whole body into `T`.
    pub async fn call<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        route: &Route,
        body: &B,
    ) -> Result<T> {
        self.call_with_query(route, &[], body).await
    }

    /// [`Client::call`] with query parameters (for the few operations that take some).
    pub async fn call_with_query<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        route: &Route,
        query: &[(&str, &str)],
        body: &B,
    ) -> Result<T> {
        self.call_with_options(route, query, body, &CallOptions::new())
            .await
    }

    /// [`Client::call_with_query`] with per-call options (a timeout overriding the client's).
    pub async fn call_with_options<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        route: &Route,
        query: &[(&str, &str)],
        body: &B,
        options: &CallOptions,
    ) -> Result<T> {
        let body = serde_json::to_vec(body).map_err(Error::Serialize)?;
        let raw = self
            .execute_with_options(route, query, body, options)
            .await?;
        raw.decode(route.response_key)
    }

    /// [`Client::call_unit`] with query parameters.
    pub async fn call_unit_with_query<B: Serialize + ?Sized>(
        &self,
        route: &Route,
        query: &[(&str, &str)],
        body: &B,
    ) -> Result<()> {
        self.call_unit_with_options(route, query, body, &CallOptions::new())
            .await
    }

    /// [`Client::call_unit_with_query`] with per-call options (a timeout overriding the
    /// client's).
    pub async fn call_unit_with_options<B: Serialize + ?Sized>(
        &self,
        route: &Route,
        query: &[(&str, &str)],
        body: &B,
        options: &CallOptions,
    ) -> Result<()> {
        let body = serde_json::to_vec(body).map_err(Error::Serialize)?;
        self.execute_with_options(route, query, body, options)
            .await?
            .check_json()
    }

    /// Same as [`Client::call`] for operations without a response key: the response body is
    /// checked to be JSON but not decoded.
    pub async fn call_unit<B: Serialize + ?Sized>(&self, route: &Route, body: &B) -> Result<()> {
        self.call_unit_with_query(route, &[], body).await
    }
}
