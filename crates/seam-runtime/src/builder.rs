//! [`ClientBuilder`]: endpoint, credentials, timeout, retries, headers and environment variables.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderName, HeaderValue, USER_AGENT};

use crate::action_attempt::WaitOptions;
use crate::auth::{Auth, RESERVED_HEADERS};
use crate::client::{Client, Inner};
use crate::error::{Error, Result};
use crate::retry::RetryPolicy;

/// The endpoint used when none is configured.
pub const DEFAULT_ENDPOINT: &str = "https://connect.getseam.com";
/// The per-attempt timeout used when none is configured (as Seam's SDKs).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest response body read by default (64 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// Configures and builds a [`Client`]. Nothing is checked until [`ClientBuilder::build`].
///
/// Explicit settings win over [`ClientBuilder::env`], whatever the order of the calls.
#[derive(Clone)]
pub struct ClientBuilder {
    auth: Option<Auth>,
    endpoint: Option<String>,
    timeout: Option<Duration>,
    retry: RetryPolicy,
    headers: Vec<(String, String)>,
    sdk_name: String,
    sdk_version: String,
    user_agent: Option<String>,
    wait: WaitOptions,
    proxy_from_env: bool,
    max_response_bytes: usize,
    env_error: Option<String>,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("ClientBuilder")
            .field("auth", &self.auth)
            .field("endpoint", &self.endpoint)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("extra_header_names", &header_names)
            .field("sdk_name", &self.sdk_name)
            .field("sdk_version", &self.sdk_version)
            .field("wait", &self.wait)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder::new()
    }
}

impl ClientBuilder {
    /// A builder with default settings and no credentials.
    pub fn new() -> Self {
        ClientBuilder {
            auth: None,
            endpoint: None,
            timeout: Some(DEFAULT_TIMEOUT),
            retry: RetryPolicy::default(),
            headers: Vec::new(),
            sdk_name: env!("CARGO_PKG_NAME").to_owned(),
            sdk_version: env!("CARGO_PKG_VERSION").to_owned(),
            user_agent: None,
            wait: WaitOptions::default(),
            proxy_from_env: true,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            env_error: None,
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
    /// the `seam-workspace` header; required).
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

    /// Authenticate with a publishable key (`seam_pk...`), sent as `seam-publishable-key`.
    pub fn publishable_key(self, key: impl Into<String>) -> Self {
        self.auth(Auth::PublishableKey(key.into()))
    }

    /// Set the credentials directly (replaces any set before).
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// The API endpoint (default [`DEFAULT_ENDPOINT`]); `http` or `https`, a path prefix is kept.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Per-attempt timeout covering connect, send and reading the body (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// No timeout at all.
    pub fn no_timeout(mut self) -> Self {
        self.timeout = None;
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

    /// Delay before the first retry (default 250 ms), doubled per further retry, with jitter.
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

    /// Replace the `User-Agent` (default `<sdk name>/<sdk version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// The `seam-sdk-name` / `seam-sdk-version` headers (default this crate's name and version);
    /// the generated crate sets its own.
    pub fn sdk(mut self, name: impl Into<String>, version: impl Into<String>) -> Self {
        self.sdk_name = name.into();
        self.sdk_version = version.into();
        self
    }

    /// Client-wide defaults for [`Client::wait_for_action_attempt`]; unset fields keep 0.5 s / 5 s.
    pub fn wait_options(mut self, wait: WaitOptions) -> Self {
        self.wait = wait.or(self.wait);
        self
    }

    /// Whether to honour `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY` (default true).
    pub fn proxy_from_env(mut self, enabled: bool) -> Self {
        self.proxy_from_env = enabled;
        self
    }

    /// Refuse response bodies larger than this (default 64 MiB).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Fill unset settings from the environment: `SEAM_ENDPOINT`; `SEAM_API_KEY`, or
    /// `SEAM_PERSONAL_ACCESS_TOKEN` with `SEAM_WORKSPACE_ID`. Both a key and a token set is an
    /// error (reported by `build`), as in Seam's SDKs. Empty variables count as unset.
    pub fn env(self) -> Self {
        self.env_from(|name| std::env::var(name).ok())
    }

    /// [`ClientBuilder::env`] with a custom variable lookup (for tests and embedding).
    pub fn env_from(mut self, lookup: impl Fn(&str) -> Option<String>) -> Self {
        let var = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        if self.endpoint.is_none() {
            self.endpoint = var("SEAM_ENDPOINT");
        }
        if self.auth.is_none() {
            match (var("SEAM_API_KEY"), var("SEAM_PERSONAL_ACCESS_TOKEN")) {
                (Some(_), Some(_)) => {
                    self.env_error = Some(
                        "both SEAM_API_KEY and SEAM_PERSONAL_ACCESS_TOKEN are set; use only one"
                            .into(),
                    );
                }
                (Some(key), None) => self.auth = Some(Auth::ApiKey(key)),
                (None, Some(token)) => match var("SEAM_WORKSPACE_ID") {
                    Some(workspace_id) => {
                        self.auth = Some(Auth::PersonalAccessToken {
                            token,
                            workspace_id,
                        });
                    }
                    None => {
                        self.env_error = Some(
                            "SEAM_PERSONAL_ACCESS_TOKEN is set but SEAM_WORKSPACE_ID is not".into(),
                        );
                    }
                },
                (None, None) => {}
            }
        }
        self
    }

    /// Checks everything and builds the client. Fails before any request on a missing or wrong
    /// kind of token, a bad endpoint or a bad header.
    pub fn build(self) -> Result<Client> {
        if let Some(message) = &self.env_error
            && self.auth.is_none()
        {
            return Err(Error::Config(message.clone()));
        }
        let auth = self.auth.as_ref().ok_or_else(|| {
            Error::Config(
                "no credentials: give an API key, client session token, personal access token \
                 or publishable key, or set SEAM_API_KEY"
                    .into(),
            )
        })?;
        let mut headers = auth.headers()?;
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

        let base_url = normalise_endpoint(self.endpoint.as_deref().unwrap_or(DEFAULT_ENDPOINT))?;
        let mut http = reqwest::Client::builder()
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .tls_backend_preconfigured(crate::tls::client_config()?);
        if let Some(timeout) = self.timeout {
            http = http.timeout(timeout);
        }
        if !self.proxy_from_env {
            http = http.no_proxy();
        }
        let http = http
            .build()
            .map_err(|e| Error::Config(format!("could not build the HTTP client: {e}")))?;
        let auth_summary = format!("{auth:?}");
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                retry: self.retry,
                timeout: self.timeout,
                wait: self.wait.or(WaitOptions::defaults()),
                max_response_bytes: self.max_response_bytes,
                auth_summary,
            }),
        })
    }

    /// Builds a [`crate::blocking::Client`] with these settings.
    #[cfg(feature = "blocking")]
    pub fn build_blocking(self) -> Result<crate::blocking::Client> {
        crate::blocking::Client::from_async(self.build()?)
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

    #[test]
    fn env_personal_access_token_needs_workspace() {
        let err = Client::builder()
            .env_from(env(&[("SEAM_PERSONAL_ACCESS_TOKEN", "seam_at_x")]))
            .build();
        assert!(matches!(err, Err(Error::Config(m)) if m.contains("SEAM_WORKSPACE_ID")));
        let client = Client::builder()
            .env_from(env(&[
                ("SEAM_PERSONAL_ACCESS_TOKEN", "seam_at_x"),
                ("SEAM_WORKSPACE_ID", "ws_1"),
            ]))
            .build()
            .unwrap();
        assert!(format!("{client:?}").contains("ws_1"));
    }

    #[test]
    fn env_both_credentials_is_an_error_but_explicit_wins() {
        let both = env(&[
            ("SEAM_API_KEY", "seam_k"),
            ("SEAM_PERSONAL_ACCESS_TOKEN", "seam_at_x"),
        ]);
        assert!(matches!(
            Client::builder().env_from(&both).build(),
            Err(Error::Config(_))
        ));
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
