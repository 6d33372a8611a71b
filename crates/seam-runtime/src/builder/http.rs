//! Turning a builder's settings into the runtime [`Client`]: the extra and SDK identity headers,
//! the endpoint check, the HTTP client (the runtime's own, or one supplied) and the timeout.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};

use crate::action_attempt::WaitOptions;
use crate::auth::{Auth, RESERVED_HEADERS, SharedAuth};
use crate::client::{Client, Inner};
use crate::error::{Error, Result};

use super::{ClientBuilder, DEFAULT_TIMEOUT};

/// How the per-attempt timeout is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Timeout {
    /// [`DEFAULT_TIMEOUT`] for the client's own HTTP client; the supplied HTTP client's own.
    Default,
    /// This timeout for every attempt.
    After(Duration),
    /// No timeout (a supplied HTTP client's own timeout still applies).
    Off,
}

impl<T> ClientBuilder<T> {
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

/// Validates the endpoint and returns it without a trailing slash.
pub(super) fn normalise_endpoint(endpoint: &str) -> Result<String> {
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
