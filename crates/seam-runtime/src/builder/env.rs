//! The environment variables the builder reads, and how explicit settings win over them: the
//! endpoint (`SEAM_ENDPOINT`, then the deprecated `SEAM_API_URL`) and the credentials
//! (`SEAM_API_KEY` or `SEAM_PERSONAL_ACCESS_TOKEN`, with `SEAM_WORKSPACE_ID`).

use crate::auth::Auth;
use crate::error::{Error, Result};

use super::{ClientBuilder, DEFAULT_ENDPOINT, FromClient};

/// Where the environment variables come from.
#[derive(Debug, Clone)]
pub(super) enum EnvSource {
    /// The process environment, read by `build`.
    Process,
    /// Values read once by [`ClientBuilder::env_from`].
    Captured(EnvValues),
    /// No environment at all.
    Ignored,
}

/// The environment variables the builder reads (empty ones as unset).
#[derive(Clone, Default)]
pub(super) struct EnvValues {
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
    pub(super) fn read(lookup: impl Fn(&str) -> Option<String>) -> EnvValues {
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

impl<T> ClientBuilder<T> {
    pub(super) fn env_values(&self) -> EnvValues {
        match &self.env {
            EnvSource::Process => EnvValues::read(|name| std::env::var(name).ok()),
            EnvSource::Captured(values) => values.clone(),
            EnvSource::Ignored => EnvValues::default(),
        }
    }

    /// The endpoint: explicit, then the environment, then the default.
    pub(super) fn resolve_endpoint(&self, env: &EnvValues) -> String {
        self.endpoint
            .clone()
            .or_else(|| env.endpoint())
            .unwrap_or_else(|| DEFAULT_ENDPOINT.to_owned())
    }
}

impl<T: FromClient> ClientBuilder<T> {
    /// The credentials `build` uses: explicit ones, else the environment's; a workspace-less
    /// personal access token or console session token gains the explicit workspace id, or
    /// `SEAM_WORKSPACE_ID` when `T` takes the mode with a workspace.
    pub(super) fn resolve_auth(&self, env: &EnvValues) -> Result<Auth> {
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
}
