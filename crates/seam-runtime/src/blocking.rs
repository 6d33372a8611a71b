//! A synchronous client (cargo feature `blocking`).
//!
//! It drives the async [`crate::Client`] on a private current-thread tokio runtime, so it behaves
//! exactly like the async client (same retries, timeouts, errors and tracing) with no second
//! transport implementation. Calling it from inside an async runtime returns an [`Error::Config`]
//! instead of panicking.

use std::pin::Pin;
use std::sync::Arc;

use futures_util::{Stream, StreamExt};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::action_attempt::{ActionAttemptLike, WaitOptions};
use crate::auth_mode::AuthMode;
use crate::builder::{ClientBuilder, FromClient};
use crate::call_options::CallOptions;
use crate::client::Route;
use crate::error::{Error, Result};
use crate::pagination::Page;

/// Owns the runtime; dropping it never blocks (so it is safe even inside an async context).
struct Runtime(Option<tokio::runtime::Runtime>);

impl Drop for Runtime {
    fn drop(&mut self) {
        if let Some(rt) = self.0.take() {
            rt.shutdown_background();
        }
    }
}

impl Runtime {
    fn start() -> Result<Runtime> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| {
                Error::Config(format!(
                    "could not start the blocking client's runtime: {e}"
                ))
            })?;
        Ok(Runtime(Some(runtime)))
    }

    fn block_on<F: std::future::Future>(&self, future: F) -> Result<F::Output> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::Config(
                "the blocking client cannot be used inside an async runtime; use the async Client"
                    .into(),
            ));
        }
        match &self.0 {
            Some(rt) => Ok(rt.block_on(future)),
            None => Err(Error::Config(
                "the blocking client's runtime is gone".into(),
            )),
        }
    }
}

/// A blocking Seam client. Cheap to clone; usable from several threads.
#[derive(Clone)]
pub struct Client {
    inner: crate::Client,
    runtime: Arc<Runtime>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("blocking::Client")
            .field(&self.inner)
            .finish()
    }
}

impl Client {
    /// A client authenticated with an API key, default settings (see [`crate::Client::new`]).
    pub fn new(api_key: impl Into<String>) -> Result<Client> {
        crate::Client::builder().api_key(api_key).build_blocking()
    }

    /// A client configured from the environment (see [`crate::Client::from_env`]).
    pub fn from_env() -> Result<Client> {
        crate::Client::builder().env().build_blocking()
    }

    /// Wraps an async client; use [`crate::ClientBuilder::build_blocking`] (or
    /// `ClientBuilder::<blocking::Client>::new()`) for other settings.
    pub fn from_async(inner: crate::Client) -> Result<Client> {
        Ok(Client {
            inner,
            runtime: Arc::new(Runtime::start()?),
        })
    }

    /// The kind of credential this client authenticates with.
    pub fn auth_mode(&self) -> AuthMode {
        self.inner.auth_mode()
    }

    /// [`crate::Client::update_client_session_token`], blocking: checks `token` with Seam, then
    /// replaces the client session token of this client and all its clones.
    pub fn update_client_session_token(&self, token: impl Into<String>) -> Result<()> {
        self.runtime
            .block_on(self.inner.update_client_session_token(token))?
    }

    /// The async client behind this one.
    pub fn async_client(&self) -> &crate::Client {
        &self.inner
    }

    /// See [`crate::Client::call`].
    pub fn call<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        route: &Route,
        body: &B,
    ) -> Result<T> {
        self.runtime.block_on(self.inner.call(route, body))?
    }

    /// See [`crate::Client::call_unit`].
    pub fn call_unit<B: Serialize + ?Sized>(&self, route: &Route, body: &B) -> Result<()> {
        self.runtime.block_on(self.inner.call_unit(route, body))?
    }

    /// [`crate::Client::call_with_query`], blocking.
    pub fn call_with_query<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        route: &Route,
        query: &[(&str, &str)],
        body: &B,
    ) -> Result<T> {
        self.runtime
            .block_on(self.inner.call_with_query(route, query, body))?
    }

    /// [`crate::Client::call_unit_with_query`], blocking.
    pub fn call_unit_with_query<B: Serialize + ?Sized>(
        &self,
        route: &Route,
        query: &[(&str, &str)],
        body: &B,
    ) -> Result<()> {
        self.runtime
            .block_on(self.inner.call_unit_with_query(route, query, body))?
    }

    /// [`crate::Client::call_with_options`], blocking.
    pub fn call_with_options<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        route: &Route,
        query: &[(&str, &str)],
        body: &B,
        options: &CallOptions,
    ) -> Result<T> {
        self.runtime
            .block_on(self.inner.call_with_options(route, query, body, options))?
    }

    /// [`crate::Client::call_unit_with_options`], blocking.
    pub fn call_unit_with_options<B: Serialize + ?Sized>(
        &self,
        route: &Route,
        query: &[(&str, &str)],
        body: &B,
        options: &CallOptions,
    ) -> Result<()> {
        self.runtime.block_on(
            self.inner
                .call_unit_with_options(route, query, body, options),
        )?
    }

    /// Sends a call built on [`Client::async_client`] and waits for its result (generated
    /// blocking methods use this, so they behave exactly like the async ones, action-attempt
    /// waiting included).
    #[doc(hidden)]
    pub fn run<T>(&self, call: impl std::future::IntoFuture<Output = Result<T>>) -> Result<T> {
        self.runtime.block_on(call.into_future())?
    }

    /// See [`crate::Client::wait_for_action_attempt`].
    pub fn wait_for_action_attempt<A: ActionAttemptLike>(
        &self,
        attempt: A,
        opts: WaitOptions,
    ) -> Result<A> {
        self.runtime
            .block_on(self.inner.wait_for_action_attempt(attempt, opts))?
    }

    /// See [`crate::Client::paginate`].
    pub fn paginate<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        route: &'static Route,
        body: &B,
    ) -> Result<Paginator<T>> {
        Ok(Paginator {
            inner: self.inner.paginate(route, body)?,
            runtime: Arc::clone(&self.runtime),
        })
    }
}

/// Like [`crate::Client`], the blocking client accepts every [`AuthMode`]; the generated typed
/// blocking clients narrow them.
impl FromClient for Client {
    fn accepts(_mode: AuthMode) -> bool {
        true
    }

    fn from_client(client: crate::Client) -> Result<Self> {
        Client::from_async(client)
    }
}

impl<T: FromClient> ClientBuilder<T> {
    /// [`ClientBuilder::build_from_publishable_key`] without async: the client session is fetched
    /// on a short-lived runtime (over a connection that is not kept), then `T` is built.
    pub fn build_from_publishable_key_blocking(
        self,
        publishable_key: impl Into<String>,
        user_identifier_key: impl Into<String>,
    ) -> Result<T> {
        let runtime = Runtime::start()?;
        let token = runtime.block_on(self.client_session_token_for(
            publishable_key.into(),
            user_identifier_key.into(),
            true,
        ))??;
        drop(runtime);
        self.client_session_token(token).build()
    }
}

/// The blocking counterpart of [`crate::pagination::Paginator`].
pub struct Paginator<T> {
    inner: crate::pagination::Paginator<T>,
    runtime: Arc<Runtime>,
}

impl<T> std::fmt::Debug for Paginator<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("blocking::Paginator")
            .field(&self.inner)
            .finish()
    }
}

impl<T: DeserializeOwned + Send + 'static> Paginator<T> {
    /// Fetches the first page.
    pub fn first_page(&self) -> Result<Page<T>> {
        self.runtime.block_on(self.inner.first_page())?
    }

    /// Fetches the page at `cursor` (`None`: the first page).
    pub fn page(&self, cursor: Option<&str>) -> Result<Page<T>> {
        self.runtime.block_on(self.inner.page(cursor))?
    }

    /// An iterator over all pages (same stopping rules as the async stream).
    pub fn pages(self) -> BlockingIter<Page<T>> {
        BlockingIter {
            stream: Some(Box::pin(self.inner.pages())),
            runtime: self.runtime,
        }
    }

    /// An iterator over all items of all pages.
    pub fn items(self) -> BlockingIter<T> {
        BlockingIter {
            stream: Some(Box::pin(self.inner.items())),
            runtime: self.runtime,
        }
    }
}

type BoxedStream<T> = Pin<Box<dyn Stream<Item = Result<T>> + Send>>;

/// An iterator driven by the blocking client's runtime. Ends after the first error.
pub struct BlockingIter<T> {
    stream: Option<BoxedStream<T>>,
    runtime: Arc<Runtime>,
}

impl<T> std::fmt::Debug for BlockingIter<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockingIter")
            .field("done", &self.stream.is_none())
            .finish_non_exhaustive()
    }
}

impl<T> Iterator for BlockingIter<T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        let stream = self.stream.as_mut()?;
        let item = match self.runtime.block_on(stream.next()) {
            Ok(item) => item,
            Err(e) => Some(Err(e)),
        };
        if matches!(item, None | Some(Err(_))) {
            self.stream = None;
        }
        item
    }
}
