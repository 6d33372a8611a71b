//! [`ClientBuilder`]: endpoint, credentials, timeout, retries, headers and environment variables,
//! and [`FromClient`], the types a builder can build.

// This file holds the settings and `build`; `env.rs` reads the environment and resolves the
// endpoint and credentials (explicit settings first), `http.rs` turns the settings into the
// runtime `Client` (headers, endpoint check, HTTP client, timeout).

mod env;
mod http;
#[cfg(test)]
mod tests;

use std::marker::PhantomData;
use std::time::Duration;

use crate::action_attempt::WaitOptions;
use crate::auth::Auth;
use crate::auth_mode::AuthMode;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::retry::RetryPolicy;

use self::env::{EnvSource, EnvValues};
use self::http::Timeout;

/// The endpoint used when none is configured.
pub const DEFAULT_ENDPOINT: &str = "https://connect.getseam.com";
/// The per-attempt timeout used when none is configured (as Seam's SDKs).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest response body read by default (64 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// A type a [`ClientBuilder`] can build: [`Client`], `blocking::Client`, and the generated
/// crate's typed clients (`seam::Seam` for the modes with a workspace, `seam::SeamWithoutWorkspace`
/// for a personal access token or console session token alone).
///
/// [`ClientBuilder::build`] resolves the credentials, asks [`FromClient::accepts`] whether their
/// [`AuthMode`] fits, refuses with [`Error::Config`] (worded by [`FromClient::refusal`]) when it
/// does not, and otherwise builds the runtime [`Client`] and hands it to
/// [`FromClient::from_client`].
pub trait FromClient: Sized {
    /// True when this type can be built with a credential of `mode`.
    fn accepts(mode: AuthMode) -> bool;

    /// Wraps a runtime client whose mode [`FromClient::accepts`] accepted.
    fn from_client(client: Client) -> Result<Self>;

    /// The message of the [`Error::Config`] refusing `mode`. Override it to name the type to
    /// build instead (e.g. "a personal access token without a workspace: build a
    /// `SeamWithoutWorkspace`").
    fn refusal(mode: AuthMode) -> String {
        format!("{mode} cannot build a `{}`", short_type_name::<Self>())
    }
}

/// `Client` accepts every mode: it is the untyped runtime handle (the generated typed clients
/// narrow the modes), and whether one operation accepts the mode is checked per call, from the
/// operation's route.
impl FromClient for Client {
    fn accepts(_mode: AuthMode) -> bool {
        true
    }

    fn from_client(client: Client) -> Result<Self> {
        Ok(client)
    }
}

/// The last path segment of a type's name (`seam::Seam` → `Seam`).
fn short_type_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    let base = full.split('<').next().unwrap_or(full);
    base.rsplit("::").next().unwrap_or(base)
}

/// Configures and builds a [`Client`], or any [`FromClient`] type `T` (the generated crate's
/// `Seam`). Nothing is checked until [`ClientBuilder::build`].
///
/// Start from [`Client::builder`] (or the generated `Seam::builder()`), or name the type:
/// `ClientBuilder::<Client>::new()` (a bare `ClientBuilder::new()` does not infer `T`).
///
/// # Where settings come from
///
/// Explicit settings win over the environment, whatever the order of the calls. The environment is
/// read when [`ClientBuilder::build`] runs (from the process, unless [`ClientBuilder::env_from`] or
/// [`ClientBuilder::ignore_env`] says otherwise), as Seam's JavaScript and Python SDKs do:
///
/// | setting | explicit | then | then | default |
/// |---|---|---|---|---|
/// | endpoint | [`ClientBuilder::endpoint`] | `SEAM_ENDPOINT` | `SEAM_API_URL` (deprecated, logged with `tracing::warn!`) | [`DEFAULT_ENDPOINT`] |
/// | credentials | any auth method ([`ClientBuilder::api_key`], ...) | `SEAM_API_KEY` | `SEAM_PERSONAL_ACCESS_TOKEN` | none: an error |
/// | workspace of a personal access or console session token | [`ClientBuilder::workspace_id`] or the auth method's own | `SEAM_WORKSPACE_ID` (only when the built type takes a workspace) | | none |
///
/// An explicit credential of any kind makes the builder ignore `SEAM_API_KEY` and
/// `SEAM_PERSONAL_ACCESS_TOKEN`; with no explicit credential, both set is an error naming both.
/// Empty variables count as unset.
pub struct ClientBuilder<T = Client> {
    auth: Option<Auth>,
    workspace_id: Option<String>,
    endpoint: Option<String>,
    timeout: Timeout,
    retry: RetryPolicy,
    headers: Vec<(String, String)>,
    sdk_name: String,
    sdk_version: String,
    user_agent: Option<String>,
    wait: WaitOptions,
    wait_by_default: bool,
    proxy_from_env: bool,
    max_response_bytes: usize,
    env: EnvSource,
    http: Option<reqwest::Client>,
    #[cfg(feature = "native-roots")]
    native_roots: bool,
    target: PhantomData<fn() -> T>,
}

impl<T> Clone for ClientBuilder<T> {
    fn clone(&self) -> Self {
        ClientBuilder {
            auth: self.auth.clone(),
            workspace_id: self.workspace_id.clone(),
            endpoint: self.endpoint.clone(),
            timeout: self.timeout,
            retry: self.retry,
            headers: self.headers.clone(),
            sdk_name: self.sdk_name.clone(),
            sdk_version: self.sdk_version.clone(),
            user_agent: self.user_agent.clone(),
            wait: self.wait,
            wait_by_default: self.wait_by_default,
            proxy_from_env: self.proxy_from_env,
            max_response_bytes: self.max_response_bytes,
            env: self.env.clone(),
            http: self.http.clone(),
            #[cfg(feature = "native-roots")]
            native_roots: self.native_roots,
            target: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for ClientBuilder<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("ClientBuilder")
            .field("target", &short_type_name::<T>())
            .field("auth", &self.auth)
            .field("workspace_id", &self.workspace_id)
            .field("endpoint", &self.endpoint)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("extra_header_names", &header_names)
            .field("sdk_name", &self.sdk_name)
            .field("sdk_version", &self.sdk_version)
            .field("wait", &self.wait)
            .field("env", &self.env)
            .field("own_http_client", &self.http.is_some())
            .finish_non_exhaustive()
    }
}

impl<T> Default for ClientBuilder<T> {
    fn default() -> Self {
        ClientBuilder::new()
    }
}

impl<T> ClientBuilder<T> {
    /// A builder with default settings and no explicit credentials (the environment is read by
    /// [`ClientBuilder::build`]).
    pub fn new() -> Self {
        ClientBuilder {
            auth: None,
            workspace_id: None,
            endpoint: None,
            timeout: Timeout::Default,
            retry: RetryPolicy::default(),
            headers: Vec::new(),
            sdk_name: env!("CARGO_PKG_NAME").to_owned(),
            sdk_version: env!("CARGO_PKG_VERSION").to_owned(),
            user_agent: None,
            wait: WaitOptions::default(),
            wait_by_default: true,
            proxy_from_env: true,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            env: EnvSource::Process,
            http: None,
            #[cfg(feature = "native-roots")]
            native_roots: false,
            target: PhantomData,
        }
    }

    /// The same settings, building another type (e.g. `.target::<blocking::Client>()`).
    pub fn target<U>(self) -> ClientBuilder<U> {
        ClientBuilder {
            auth: self.auth,
            workspace_id: self.workspace_id,
            endpoint: self.endpoint,
            timeout: self.timeout,
            retry: self.retry,
            headers: self.headers,
            sdk_name: self.sdk_name,
            sdk_version: self.sdk_version,
            user_agent: self.user_agent,
            wait: self.wait,
            wait_by_default: self.wait_by_default,
            proxy_from_env: self.proxy_from_env,
            max_response_bytes: self.max_response_bytes,
            env: self.env,
            http: self.http,
            #[cfg(feature = "native-roots")]
            native_roots: self.native_roots,
            target: PhantomData,
        }
    }

    /// Authenticate with an API key (`seam_...`), sent as `Authorization: Bearer`.
    pub fn api_key(self, key: impl Into<String>) -> Self {
        self.auth(Auth::ApiKey(key.into()))
    }

    /// Authenticate with a client session token (`seam_cst...`), sent as `Authorization: Bearer`
    /// and as the `client-session-token` header.
    pub fn client_session_token(self, token: impl Into<String>) -> Self {
        self.auth(Auth::ClientSessionToken(token.into()))
    }

    /// Authenticate with a personal access token (`seam_at...`) acting in one workspace (sent as
    /// the `seam-workspace` header).
    pub fn personal_access_token(
        self,
        token: impl Into<String>,
        workspace_id: impl Into<String>,
    ) -> Self {
        self.auth(Auth::PersonalAccessToken {
            token: token.into(),
            workspace_id: workspace_id.into(),
        })
    }

    /// Authenticate with a personal access token (`seam_at...`) alone. The workspace then comes
    /// from [`ClientBuilder::workspace_id`] or, when the built type takes a workspace,
    /// `SEAM_WORKSPACE_ID`; without one the client acts in no workspace (the generated
    /// `SeamWithoutWorkspace`).
    pub fn personal_access_token_without_workspace(self, token: impl Into<String>) -> Self {
        self.auth(Auth::PersonalAccessTokenWithoutWorkspace(token.into()))
    }

    /// Authenticate with a console session token (a JWT, `ey...`) acting in one workspace (sent
    /// as `Authorization: Bearer` and `seam-workspace`).
    pub fn console_session_token(
        self,
        token: impl Into<String>,
        workspace_id: impl Into<String>,
    ) -> Self {
        self.auth(Auth::ConsoleSessionToken {
            token: token.into(),
            workspace_id: workspace_id.into(),
        })
    }

    /// Authenticate with a console session token (a JWT) alone; the workspace is found as for
    /// [`ClientBuilder::personal_access_token_without_workspace`].
    pub fn console_session_token_without_workspace(self, token: impl Into<String>) -> Self {
        self.auth(Auth::ConsoleSessionTokenWithoutWorkspace(token.into()))
    }

    /// Authenticate with a publishable key (`seam_pk...`), sent as `seam-publishable-key`. Such a
    /// client can only create client sessions; see [`ClientBuilder::build_from_publishable_key`]
    /// for the usual way to use a publishable key.
    pub fn publishable_key(self, key: impl Into<String>) -> Self {
        self.auth(Auth::PublishableKey(key.into()))
    }

    /// Set the credentials directly (replaces any set before).
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// The workspace a personal access token or console session token acts in (the
    /// `seam-workspace` header). Wins over `SEAM_WORKSPACE_ID` and over the workspace given with
    /// the token. `build` refuses it with any other kind of credential.
    pub fn workspace_id(mut self, workspace_id: impl Into<String>) -> Self {
        self.workspace_id = Some(workspace_id.into());
        self
    }

    /// The API endpoint (default `SEAM_ENDPOINT`, then [`DEFAULT_ENDPOINT`]); `http` or `https`,
    /// a path prefix is kept.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Per-attempt timeout covering connect, send and reading the body (default 30 s; with
    /// [`ClientBuilder::http_client`], the HTTP client's own unless set here).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Timeout::After(timeout);
        self
    }

    /// No timeout at all (a client given to [`ClientBuilder::http_client`] keeps its own).
    pub fn no_timeout(mut self) -> Self {
        self.timeout = Timeout::Off;
        self
    }

    /// The whole retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Total attempts per request including the first (default 3; `1` switches retries off).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.retry = self.retry.max_attempts(attempts);
        self
    }

    /// Delay before the first retry (default 200 ms), doubled per further retry, plus up to 20 %
    /// jitter.
    pub fn retry_base_delay(mut self, delay: Duration) -> Self {
        self.retry = self.retry.base_delay(delay);
        self
    }

    /// Switch retries off: every request is sent at most once.
    pub fn no_retries(mut self) -> Self {
        self.retry = RetryPolicy::disabled();
        self
    }

    /// An extra header sent with every request. Values are treated as sensitive (never shown).
    /// The auth headers cannot be set this way; `build` refuses them and invalid names or values.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Replace the `User-Agent` (default `<sdk name>/<sdk version>`, e.g. `seam/0.1.0`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// The `seam-sdk-name` / `seam-sdk-version` headers, and the default user agent
    /// `<name>/<version>`. Plumbing: the generated crate sets its own name and version.
    #[doc(hidden)]
    pub fn sdk(mut self, name: impl Into<String>, version: impl Into<String>) -> Self {
        self.sdk_name = name.into();
        self.sdk_version = version.into();
        self
    }

    /// Client-wide defaults for [`Client::wait_for_action_attempt`]; unset fields keep the
    /// runtime's defaults.
    pub fn wait_options(mut self, wait: WaitOptions) -> Self {
        self.wait = wait.or(self.wait);
        self
    }

    /// Whether methods that return an action attempt wait for it to finish unless the call says
    /// otherwise (default `true`, as Seam's official SDKs). `false`: they return the attempt as
    /// the server sent it; a call can still ask to wait (`.wait_for_action_attempt(true)`).
    pub fn wait_for_action_attempts(mut self, wait: bool) -> Self {
        self.wait_by_default = wait;
        self
    }

    /// Whether to honour `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY` (default true; not used with
    /// [`ClientBuilder::http_client`], whose own proxy settings apply).
    pub fn proxy_from_env(mut self, enabled: bool) -> Self {
        self.proxy_from_env = enabled;
        self
    }

    /// Refuse response bodies larger than this (default 64 MiB).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Send requests through this `reqwest::Client` (proxies, root certificates, client
    /// certificates, connection pool, HTTP/2, ...) instead of one built by the runtime.
    ///
    /// Its own settings then govern TLS, proxies, redirects, connection pooling and, unless
    /// [`ClientBuilder::timeout`] is set here (or per call), the timeout;
    /// [`ClientBuilder::proxy_from_env`] is not used. Everything else still applies per request:
    /// the endpoint, the credentials and the SDK identity headers (they replace the client's
    /// default headers of the same names), extra headers, retries, the response size limit and
    /// error mapping. Build it with a TLS backend (the runtime installs no process-wide rustls
    /// crypto provider); redirects are best left off, as the runtime's own client does.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Trust the operating system's certificate verifier and root certificates instead of the
    /// bundled Mozilla roots: for corporate TLS inspection proxies
    /// whose root is installed in the system store. Not used with [`ClientBuilder::http_client`]
    /// (that client's TLS settings apply). Cargo feature `native-roots`.
    #[cfg(feature = "native-roots")]
    pub fn native_roots(mut self, enabled: bool) -> Self {
        self.native_roots = enabled;
        self
    }

    /// Read the environment from the process when building (the default; undoes
    /// [`ClientBuilder::env_from`] and [`ClientBuilder::ignore_env`]). See [`ClientBuilder`] for
    /// the variables and their precedence.
    pub fn env(mut self) -> Self {
        self.env = EnvSource::Process;
        self
    }

    /// Read the environment variables through `lookup` (called now) instead of from the process
    /// (for tests and embedding).
    pub fn env_from(mut self, lookup: impl Fn(&str) -> Option<String>) -> Self {
        self.env = EnvSource::Captured(EnvValues::read(lookup));
        self
    }

    /// Read no environment variable at all: only explicit settings and defaults.
    pub fn ignore_env(mut self) -> Self {
        self.env = EnvSource::Ignored;
        self
    }
}

impl<T: FromClient> ClientBuilder<T> {
    /// Refuses `auth` unless `T` accepts its mode.
    fn check_mode(auth: &Auth) -> Result<()> {
        let mode = auth.mode();
        if T::accepts(mode) {
            return Ok(());
        }
        let mut message = T::refusal(mode);
        if !mode.has_workspace() && T::accepts(auth.mode_in_workspace()) {
            message.push_str(
                "; or give a workspace id (`workspace_id(...)` or the environment variable \
                 SEAM_WORKSPACE_ID)",
            );
        }
        Err(Error::Config(message))
    }

    /// Checks everything and builds a `T`. Fails before any request on missing credentials, a
    /// wrong kind of token, credentials whose [`AuthMode`] `T` does not accept, a bad endpoint or
    /// a bad header.
    pub fn build(self) -> Result<T> {
        let env = self.env_values();
        let auth = self.resolve_auth(&env)?;
        auth.validate()?;
        Self::check_mode(&auth)?;
        let endpoint = self.resolve_endpoint(&env);
        T::from_client(self.build_client(&auth, &endpoint)?)
    }
}

impl ClientBuilder<Client> {
    /// Builds a [`crate::blocking::Client`] with these settings; the same as
    /// `.target::<blocking::Client>().build()`.
    #[cfg(feature = "blocking")]
    pub fn build_blocking(self) -> Result<crate::blocking::Client> {
        self.target::<crate::blocking::Client>().build()
    }
}
