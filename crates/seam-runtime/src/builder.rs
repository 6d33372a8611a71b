//! [`ClientBuilder`]: endpoint, credentials, timeout, retries, headers and environment variables,
//! and [`FromClient`], the types a builder can build.

use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};

use crate::action_attempt::WaitOptions;
use crate::auth::{Auth, RESERVED_HEADERS, SharedAuth};
use crate::auth_mode::AuthMode;
use crate::client::{Client, Inner};
use crate::error::{Error, Result};
use crate::retry::RetryPolicy;

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

/// How the per-attempt timeout is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Timeout {
    /// [`DEFAULT_TIMEOUT`] for the client's own HTTP client; the supplied HTTP client's own.
    Default,
    /// This timeout for every attempt.
    After(Duration),
    /// No timeout (a supplied HTTP client's own timeout still applies).
    Off,
}

/// Where the environment variables come from.
#[derive(Debug, Clone)]
enum EnvSource {
    /// The process environment, read by `build`.
    Process,
    /// Values read once by [`ClientBuilder::env_from`].
    Captured(EnvValues),
    /// No environment at all.
    Ignored,
}

/// The environment variables the builder reads (empty ones as unset).
#[derive(Clone, Default)]
struct EnvValues {
    endpoint: Option<String>,
    api_url: Option<String>,
    api_key: Option<String>,
    personal_access_token: Option<String>,
    workspace_id: Option<String>,
}

impl std::fmt::Debug for EnvValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnvValues")
            .field("SEAM_ENDPOINT", &self.endpoint)
            .field("SEAM_API_URL", &self.api_url)
            .field("SEAM_API_KEY", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field(
                "SEAM_PERSONAL_ACCESS_TOKEN",
                &self.personal_access_token.as_ref().map(|_| "<redacted>"),
            )
            .field("SEAM_WORKSPACE_ID", &self.workspace_id)
            .finish()
    }
}

impl EnvValues {
    fn read(lookup: impl Fn(&str) -> Option<String>) -> EnvValues {
        let var = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        EnvValues {
            endpoint: var("SEAM_ENDPOINT"),
            api_url: var("SEAM_API_URL"),
            api_key: var("SEAM_API_KEY"),
            personal_access_token: var("SEAM_PERSONAL_ACCESS_TOKEN"),
            workspace_id: var("SEAM_WORKSPACE_ID"),
        }
    }

    /// `SEAM_ENDPOINT`, else the deprecated `SEAM_API_URL` (with a warning either way it is set).
    fn endpoint(&self) -> Option<String> {
        if self.api_url.is_some() {
            if self.endpoint.is_some() {
                tracing::warn!(
                    "both SEAM_API_URL and SEAM_ENDPOINT are set: using SEAM_ENDPOINT \
                     (SEAM_API_URL is deprecated)"
                );
            } else {
                tracing::warn!("SEAM_API_URL is deprecated: set SEAM_ENDPOINT instead");
            }
        }
        self.endpoint.clone().or_else(|| self.api_url.clone())
    }
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

    fn env_values(&self) -> EnvValues {
        match &self.env {
            EnvSource::Process => EnvValues::read(|name| std::env::var(name).ok()),
            EnvSource::Captured(values) => values.clone(),
            EnvSource::Ignored => EnvValues::default(),
        }
    }

    /// The endpoint: explicit, then the environment, then the default.
    fn resolve_endpoint(&self, env: &EnvValues) -> String {
        self.endpoint
            .clone()
            .or_else(|| env.endpoint())
            .unwrap_or_else(|| DEFAULT_ENDPOINT.to_owned())
    }

    /// Builds the runtime client for `auth` with these settings and the endpoint they resolve to
    /// (no check of the target type).
    pub(crate) fn build_client_for(&self, auth: &Auth) -> Result<Client> {
        let env = self.env_values();
        let endpoint = self.resolve_endpoint(&env);
        self.build_client(auth, &endpoint)
    }

    /// Builds the runtime client for `auth` with these settings (no check of the target type).
    pub(crate) fn build_client(&self, auth: &Auth, endpoint: &str) -> Result<Client> {
        let shared_auth = SharedAuth::new(auth)?;
        let mut headers = HeaderMap::new();
        for (name, value) in &self.headers {
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::Config(format!("invalid header name {name:?}")))?;
            if RESERVED_HEADERS.contains(&header.as_str()) {
                return Err(Error::Config(format!(
                    "the header {name:?} is set by the credentials; use the builder's auth methods"
                )));
            }
            let mut value = HeaderValue::from_str(value)
                .map_err(|_| Error::Config(format!("invalid value for header {name:?}")))?;
            value.set_sensitive(true);
            headers.append(header, value);
        }
        let text = |v: &str, what: &str| {
            HeaderValue::from_str(v).map_err(|_| Error::Config(format!("invalid {what}")))
        };
        headers.insert(
            HeaderName::from_static("seam-sdk-name"),
            text(&self.sdk_name, "SDK name")?,
        );
        headers.insert(
            HeaderName::from_static("seam-sdk-version"),
            text(&self.sdk_version, "SDK version")?,
        );
        let user_agent = self
            .user_agent
            .clone()
            .unwrap_or_else(|| format!("{}/{}", self.sdk_name, self.sdk_version));
        headers.insert(USER_AGENT, text(&user_agent, "user agent")?);
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));

        let base_url = normalise_endpoint(endpoint)?;
        let (http, timeout) = match &self.http {
            Some(http) => (
                http.clone(),
                match self.timeout {
                    Timeout::After(timeout) => Some(timeout),
                    Timeout::Default | Timeout::Off => None,
                },
            ),
            None => (
                self.own_http_client()?,
                match self.timeout {
                    Timeout::After(timeout) => Some(timeout),
                    Timeout::Default => Some(DEFAULT_TIMEOUT),
                    Timeout::Off => None,
                },
            ),
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                retry: self.retry,
                timeout,
                wait: self.wait.or(WaitOptions::defaults()),
                wait_by_default: self.wait_by_default,
                max_response_bytes: self.max_response_bytes,
                auth: shared_auth,
                headers,
            }),
        })
    }

    /// The runtime's own HTTP client: rustls (ring), no redirects, proxies from the environment
    /// unless switched off. Headers and timeouts are set per request.
    fn own_http_client(&self) -> Result<reqwest::Client> {
        #[cfg(feature = "native-roots")]
        let roots = if self.native_roots {
            crate::tls::Roots::Platform
        } else {
            crate::tls::Roots::Bundled
        };
        #[cfg(not(feature = "native-roots"))]
        let roots = crate::tls::Roots::Bundled;
        let mut http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .tls_backend_preconfigured(crate::tls::client_config(roots)?);
        if !self.proxy_from_env {
            http = http.no_proxy();
        }
        http.build()
            .map_err(|e| Error::Config(format!("could not build the HTTP client: {e}")))
    }
}

impl<T: FromClient> ClientBuilder<T> {
    /// The credentials `build` uses: explicit ones, else the environment's; a workspace-less
    /// personal access token or console session token gains the explicit workspace id, or
    /// `SEAM_WORKSPACE_ID` when `T` takes the mode with a workspace.
    fn resolve_auth(&self, env: &EnvValues) -> Result<Auth> {
        let auth = match &self.auth {
            Some(auth) => auth.clone(),
            None => match (&env.api_key, &env.personal_access_token) {
                (Some(_), Some(_)) => {
                    return Err(Error::Config(
                        "both SEAM_API_KEY and SEAM_PERSONAL_ACCESS_TOKEN environment variables \
                         are set; set only one, or give the credentials explicitly"
                            .into(),
                    ));
                }
                (Some(key), None) => Auth::ApiKey(key.clone()),
                (None, Some(token)) => Auth::PersonalAccessTokenWithoutWorkspace(token.clone()),
                (None, None) => {
                    return Err(Error::Config(
                        "no credentials: give an API key, client session token, personal access \
                         token, console session token or publishable key, or set the \
                         environment variable SEAM_API_KEY (or SEAM_PERSONAL_ACCESS_TOKEN)"
                            .into(),
                    ));
                }
            },
        };
        let takes_workspace = matches!(
            auth,
            Auth::PersonalAccessToken { .. }
                | Auth::PersonalAccessTokenWithoutWorkspace(_)
                | Auth::ConsoleSessionToken { .. }
                | Auth::ConsoleSessionTokenWithoutWorkspace(_)
        );
        if let Some(workspace_id) = &self.workspace_id {
            if !takes_workspace {
                return Err(Error::Config(format!(
                    "a workspace id goes with a personal access token or a console session \
                     token, not with {} (which acts in its own workspace)",
                    auth.mode()
                )));
            }
            let token_only = match auth {
                Auth::PersonalAccessToken { token, .. } => {
                    Auth::PersonalAccessTokenWithoutWorkspace(token)
                }
                Auth::ConsoleSessionToken { token, .. } => {
                    Auth::ConsoleSessionTokenWithoutWorkspace(token)
                }
                other => other,
            };
            return Ok(token_only.in_workspace(workspace_id.clone()));
        }
        if auth.mode() != auth.mode_in_workspace()
            && T::accepts(auth.mode_in_workspace())
            && let Some(workspace_id) = &env.workspace_id
        {
            return Ok(auth.in_workspace(workspace_id.clone()));
        }
        Ok(auth)
    }

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

impl Client {
    /// The per-attempt timeout of this client's requests: the one set on the builder, else
    /// [`DEFAULT_TIMEOUT`] (`None`: no timeout, or a client given to
    /// [`ClientBuilder::http_client`] keeps its own).
    pub fn timeout(&self) -> Option<Duration> {
        self.inner.timeout
    }
}

/// Validates the endpoint and returns it without a trailing slash.
fn normalise_endpoint(endpoint: &str) -> Result<String> {
    let url = reqwest::Url::parse(endpoint)
        .map_err(|e| Error::Config(format!("invalid endpoint {endpoint:?}: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Error::Config(format!(
            "the endpoint {endpoint:?} must be an http(s) URL with a host"
        )));
    }
    if url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(Error::Config(format!(
            "the endpoint {endpoint:?} must not carry credentials, a query or a fragment"
        )));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn endpoint_rules() {
        assert_eq!(
            normalise_endpoint("https://connect.getseam.com/").unwrap(),
            "https://connect.getseam.com"
        );
        assert_eq!(
            normalise_endpoint("http://127.0.0.1:9/api/").unwrap(),
            "http://127.0.0.1:9/api"
        );
        for bad in [
            "ftp://x",
            "not a url",
            "https://u:p@host",
            "https://host/?q=1",
            "file:///tmp",
        ] {
            assert!(
                matches!(normalise_endpoint(bad), Err(Error::Config(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn env_api_key_and_endpoint() {
        let client = Client::builder()
            .env_from(env(&[
                ("SEAM_API_KEY", "seam_envkey"),
                ("SEAM_ENDPOINT", "http://127.0.0.1:1/"),
            ]))
            .build()
            .unwrap();
        assert_eq!(client.endpoint(), "http://127.0.0.1:1");
        assert!(format!("{client:?}").contains("ApiKey(<redacted>)"));
        assert!(!format!("{client:?}").contains("envkey"));
    }

    /// A typed client that, like the generated `Seam`, takes the modes with a workspace only.
    #[derive(Debug)]
    struct InWorkspace(Client);

    impl FromClient for InWorkspace {
        fn accepts(mode: AuthMode) -> bool {
            mode.has_workspace()
        }
        fn from_client(client: Client) -> Result<Self> {
            Ok(InWorkspace(client))
        }
        fn refusal(mode: AuthMode) -> String {
            format!("{mode}: build a `WithoutWorkspace`")
        }
    }

    /// Like the generated `SeamWithoutWorkspace`.
    #[derive(Debug)]
    struct WithoutWorkspace(Client);

    impl FromClient for WithoutWorkspace {
        fn accepts(mode: AuthMode) -> bool {
            !mode.has_workspace()
        }
        fn from_client(client: Client) -> Result<Self> {
            Ok(WithoutWorkspace(client))
        }
    }

    const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.e30.sig";

    #[test]
    fn env_personal_access_token_with_and_without_workspace() {
        // A type that needs a workspace refuses a token alone, naming what to do.
        let err = ClientBuilder::<InWorkspace>::new()
            .env_from(env(&[("SEAM_PERSONAL_ACCESS_TOKEN", "seam_at_x")]))
            .build()
            .unwrap_err();
        let Error::Config(message) = &err else {
            panic!("{err:?}")
        };
        assert!(
            message.starts_with(
                "a personal access token without a workspace: build a `WithoutWorkspace`"
            ) && message.contains("SEAM_WORKSPACE_ID"),
            "{message}"
        );
        // With SEAM_WORKSPACE_ID it acts in that workspace.
        let with = env(&[
            ("SEAM_PERSONAL_ACCESS_TOKEN", "seam_at_x"),
            ("SEAM_WORKSPACE_ID", "ws_1"),
        ]);
        let client = ClientBuilder::<InWorkspace>::new()
            .env_from(&with)
            .build()
            .unwrap()
            .0;
        assert_eq!(
            client.auth_mode(),
            AuthMode::PersonalAccessTokenWithWorkspace
        );
        assert!(format!("{client:?}").contains("ws_1"));
        // A client without a workspace ignores SEAM_WORKSPACE_ID.
        let client = ClientBuilder::<WithoutWorkspace>::new()
            .env_from(&with)
            .build()
            .unwrap()
            .0;
        assert_eq!(
            client.auth_mode(),
            AuthMode::PersonalAccessTokenWithoutWorkspace
        );
        // The untyped client takes the workspace when there is one, and works without.
        let client = Client::builder().env_from(&with).build().unwrap();
        assert_eq!(
            client.auth_mode(),
            AuthMode::PersonalAccessTokenWithWorkspace
        );
        let client = Client::builder()
            .env_from(env(&[("SEAM_PERSONAL_ACCESS_TOKEN", "seam_at_x")]))
            .build()
            .unwrap();
        assert_eq!(
            client.auth_mode(),
            AuthMode::PersonalAccessTokenWithoutWorkspace
        );
    }

    #[test]
    fn typed_targets_refuse_the_other_modes() {
        let err = ClientBuilder::<WithoutWorkspace>::new()
            .ignore_env()
            .api_key("seam_key")
            .build()
            .unwrap_err();
        assert!(
            matches!(&err, Error::Config(m) if m == "an API key cannot build a `WithoutWorkspace`"),
            "{err:?}"
        );
        let err = ClientBuilder::<InWorkspace>::new()
            .ignore_env()
            .console_session_token_without_workspace(JWT)
            .build()
            .unwrap_err();
        assert!(
            matches!(&err, Error::Config(m) if m.starts_with("a console session token without a workspace: build a `WithoutWorkspace`")),
            "{err:?}"
        );
        // An explicit workspace id turns it into a console session with a workspace.
        let seam = ClientBuilder::<InWorkspace>::new()
            .ignore_env()
            .console_session_token_without_workspace(JWT)
            .workspace_id("ws_2")
            .build()
            .unwrap();
        assert_eq!(seam.0.auth_mode(), AuthMode::ConsoleSessionWithWorkspace);
        // ... and is refused by a client without a workspace.
        assert!(matches!(
            ClientBuilder::<WithoutWorkspace>::new()
                .ignore_env()
                .personal_access_token_without_workspace("seam_at_1")
                .workspace_id("ws_2")
                .build(),
            Err(Error::Config(_))
        ));
    }

    #[test]
    fn every_credential_has_its_mode() {
        let b = || Client::builder().ignore_env();
        let cases = [
            (b().api_key("seam_k"), AuthMode::ApiKey),
            (
                b().client_session_token("seam_cst_1"),
                AuthMode::ClientSession,
            ),
            (
                b().personal_access_token("seam_at_1", "ws"),
                AuthMode::PersonalAccessTokenWithWorkspace,
            ),
            (
                b().personal_access_token_without_workspace("seam_at_1"),
                AuthMode::PersonalAccessTokenWithoutWorkspace,
            ),
            (
                b().console_session_token(JWT, "ws"),
                AuthMode::ConsoleSessionWithWorkspace,
            ),
            (
                b().console_session_token_without_workspace(JWT),
                AuthMode::ConsoleSessionWithoutWorkspace,
            ),
            (b().publishable_key("seam_pk_1"), AuthMode::PublishableKey),
        ];
        for (builder, mode) in cases {
            assert_eq!(builder.build().unwrap().auth_mode(), mode);
        }
    }

    #[test]
    fn a_workspace_id_needs_a_token_that_takes_one() {
        let err = Client::builder()
            .ignore_env()
            .api_key("seam_k")
            .workspace_id("ws")
            .build()
            .unwrap_err();
        assert!(
            matches!(&err, Error::Config(m) if m.contains("not with an API key")),
            "{err:?}"
        );
        // The explicit workspace id wins over the one given with the token, and over the env.
        let client = Client::builder()
            .env_from(env(&[("SEAM_WORKSPACE_ID", "ws_env")]))
            .personal_access_token("seam_at_1", "ws_token")
            .workspace_id("ws_explicit")
            .build()
            .unwrap();
        let shown = format!("{client:?}");
        assert!(
            shown.contains("ws_explicit") && !shown.contains("ws_token"),
            "{shown}"
        );
    }

    #[test]
    fn endpoint_precedence() {
        let both = env(&[
            ("SEAM_API_KEY", "seam_k"),
            ("SEAM_ENDPOINT", "http://127.0.0.1:1"),
            ("SEAM_API_URL", "http://127.0.0.1:2"),
        ]);
        let endpoint = |b: ClientBuilder| b.build().unwrap().endpoint().to_owned();
        assert_eq!(
            endpoint(Client::builder().env_from(&both)),
            "http://127.0.0.1:1"
        );
        assert_eq!(
            endpoint(Client::builder().env_from(env(&[
                ("SEAM_API_KEY", "seam_k"),
                ("SEAM_API_URL", "http://127.0.0.1:2/"),
            ]))),
            "http://127.0.0.1:2"
        );
        assert_eq!(
            endpoint(
                Client::builder()
                    .endpoint("http://127.0.0.1:3")
                    .env_from(&both)
            ),
            "http://127.0.0.1:3"
        );
        // An explicit key still takes the endpoint from the environment.
        assert_eq!(
            endpoint(Client::builder().api_key("seam_other").env_from(&both)),
            "http://127.0.0.1:1"
        );
        assert_eq!(
            endpoint(Client::builder().api_key("seam_k").ignore_env()),
            DEFAULT_ENDPOINT
        );
    }

    #[test]
    fn explicit_credentials_of_any_kind_ignore_env_credentials() {
        let both = env(&[
            ("SEAM_API_KEY", "not-a-key"),
            ("SEAM_PERSONAL_ACCESS_TOKEN", "not-a-token"),
        ]);
        for builder in [
            Client::builder().client_session_token("seam_cst_1"),
            Client::builder().console_session_token(JWT, "ws"),
            Client::builder().personal_access_token("seam_at_1", "ws"),
            Client::builder().publishable_key("seam_pk_1"),
            Client::builder().api_key("seam_k"),
        ] {
            builder.env_from(&both).build().unwrap();
        }
    }

    #[test]
    fn short_type_names() {
        assert_eq!(short_type_name::<Client>(), "Client");
        assert_eq!(short_type_name::<InWorkspace>(), "InWorkspace");
        assert_eq!(short_type_name::<Vec<Client>>(), "Vec");
    }

    #[test]
    fn env_both_credentials_is_an_error_but_explicit_wins() {
        let both = env(&[
            ("SEAM_API_KEY", "seam_k"),
            ("SEAM_PERSONAL_ACCESS_TOKEN", "seam_at_x"),
        ]);
        let err = Client::builder().env_from(&both).build().unwrap_err();
        assert!(
            matches!(&err, Error::Config(m) if m.contains("SEAM_API_KEY") && m.contains("SEAM_PERSONAL_ACCESS_TOKEN")),
            "{err:?}"
        );
        let client = Client::builder()
            .api_key("seam_explicit")
            .endpoint("http://127.0.0.1:2")
            .env_from(env(&[
                ("SEAM_API_KEY", "seam_cst_wrong"),
                ("SEAM_ENDPOINT", "http://127.0.0.1:3"),
            ]))
            .build()
            .unwrap();
        assert_eq!(client.endpoint(), "http://127.0.0.1:2");
    }

    #[test]
    fn no_credentials_is_an_error() {
        assert!(matches!(
            Client::builder().env_from(env(&[])).build(),
            Err(Error::Config(_))
        ));
    }

    #[test]
    fn refuses_reserved_and_invalid_headers() {
        let b = || Client::builder().api_key("seam_k");
        assert!(matches!(
            b().header("Authorization", "Bearer x").build(),
            Err(Error::Config(_))
        ));
        assert!(matches!(
            b().header("seam-workspace", "w").build(),
            Err(Error::Config(_))
        ));
        assert!(matches!(
            b().header("bad name", "v").build(),
            Err(Error::Config(_))
        ));
        assert!(matches!(
            b().header("x-ok", "line\nbreak").build(),
            Err(Error::Config(_))
        ));
        assert!(b().header("x-ok", "fine").build().is_ok());
    }

    #[test]
    fn builder_debug_hides_header_values_and_tokens() {
        let b = Client::builder()
            .api_key("seam_topsecret")
            .header("x-extra", "hidden-value");
        let shown = format!("{b:?}");
        assert!(
            !shown.contains("topsecret") && !shown.contains("hidden-value"),
            "{shown}"
        );
        assert!(shown.contains("x-extra"), "{shown}");
    }
}
