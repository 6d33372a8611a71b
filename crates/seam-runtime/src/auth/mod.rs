//! Credentials: telling token kinds apart by prefix, refusing the wrong kind, and the auth headers.
//!
//! Seam's tokens carry their kind in their prefix: API keys start with `seam_`, client session
//! tokens with `seam_cst`, personal access tokens with `seam_at`, publishable keys with `seam_pk`
//! and console session tokens are JWTs (`ey...`). A token given in the wrong place is refused with
//! [`Error::InvalidToken`] before any request is sent. Secrets never appear in `Debug` output.

// This file holds `Auth` and its headers; `token_kind.rs` tells token kinds apart by prefix,
// `shared.rs` holds a live client's credentials, which a client session token update replaces.

mod shared;
#[cfg(test)]
mod tests;
mod token_kind;

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};

use crate::auth_mode::AuthMode;
use crate::error::{Error, Result};

pub(crate) use shared::{CurrentAuth, SharedAuth};
pub use token_kind::TokenKind;

/// How the client authenticates. Build it with the `ClientBuilder` methods; its `Debug` output
/// shows the kind (and a workspace id) only, never the secret.
///
/// Each variant is one [`AuthMode`]; the headers are those Seam's JavaScript SDK sends.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// `Authorization: Bearer <api key>`.
    ApiKey(String),
    /// `Authorization: Bearer <token>` and `client-session-token: <token>`.
    ClientSessionToken(String),
    /// `Authorization: Bearer <token>` and `seam-workspace: <workspace id>`.
    PersonalAccessToken {
        /// The `seam_at...` token.
        token: String,
        /// The workspace every request acts in.
        workspace_id: String,
    },
    /// `Authorization: Bearer <token>` alone: a personal access token acting in no workspace
    /// (only the operations whose security allows `pat_without_workspace`).
    PersonalAccessTokenWithoutWorkspace(String),
    /// `Authorization: Bearer <jwt>` and `seam-workspace: <workspace id>`.
    ConsoleSessionToken {
        /// The console session token (a JWT, `ey...`).
        token: String,
        /// The workspace every request acts in.
        workspace_id: String,
    },
    /// `Authorization: Bearer <jwt>` alone: a console session token acting in no workspace.
    ConsoleSessionTokenWithoutWorkspace(String),
    /// `seam-publishable-key: <key>`.
    PublishableKey(String),
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let with_workspace = |f: &mut std::fmt::Formatter<'_>, name: &str, workspace_id: &str| {
            f.debug_struct(name)
                .field("token", &format_args!("<redacted>"))
                .field("workspace_id", &workspace_id)
                .finish()
        };
        match self {
            Auth::ApiKey(_) => f.write_str("ApiKey(<redacted>)"),
            Auth::ClientSessionToken(_) => f.write_str("ClientSessionToken(<redacted>)"),
            Auth::PersonalAccessToken { workspace_id, .. } => {
                with_workspace(f, "PersonalAccessToken", workspace_id)
            }
            Auth::PersonalAccessTokenWithoutWorkspace(_) => {
                f.write_str("PersonalAccessTokenWithoutWorkspace(<redacted>)")
            }
            Auth::ConsoleSessionToken { workspace_id, .. } => {
                with_workspace(f, "ConsoleSessionToken", workspace_id)
            }
            Auth::ConsoleSessionTokenWithoutWorkspace(_) => {
                f.write_str("ConsoleSessionTokenWithoutWorkspace(<redacted>)")
            }
            Auth::PublishableKey(_) => f.write_str("PublishableKey(<redacted>)"),
        }
    }
}

impl Auth {
    /// The auth mode of this credential (the spec's security scheme it satisfies).
    pub fn mode(&self) -> AuthMode {
        match self {
            Auth::ApiKey(_) => AuthMode::ApiKey,
            Auth::ClientSessionToken(_) => AuthMode::ClientSession,
            Auth::PersonalAccessToken { .. } => AuthMode::PersonalAccessTokenWithWorkspace,
            Auth::PersonalAccessTokenWithoutWorkspace(_) => {
                AuthMode::PersonalAccessTokenWithoutWorkspace
            }
            Auth::ConsoleSessionToken { .. } => AuthMode::ConsoleSessionWithWorkspace,
            Auth::ConsoleSessionTokenWithoutWorkspace(_) => {
                AuthMode::ConsoleSessionWithoutWorkspace
            }
            Auth::PublishableKey(_) => AuthMode::PublishableKey,
        }
    }

    /// The token kind this credential must have.
    pub fn expected_kind(&self) -> TokenKind {
        match self {
            Auth::ApiKey(_) => TokenKind::ApiKey,
            Auth::ClientSessionToken(_) => TokenKind::ClientSessionToken,
            Auth::PersonalAccessToken { .. } | Auth::PersonalAccessTokenWithoutWorkspace(_) => {
                TokenKind::PersonalAccessToken
            }
            Auth::ConsoleSessionToken { .. } | Auth::ConsoleSessionTokenWithoutWorkspace(_) => {
                TokenKind::Jwt
            }
            Auth::PublishableKey(_) => TokenKind::PublishableKey,
        }
    }

    /// The workspace id this credential acts in, for the modes that carry one.
    pub fn workspace_id(&self) -> Option<&str> {
        match self {
            Auth::PersonalAccessToken { workspace_id, .. }
            | Auth::ConsoleSessionToken { workspace_id, .. } => Some(workspace_id),
            _ => None,
        }
    }

    /// This credential acting in `workspace_id`: a personal access token or console session token
    /// without a workspace gains it; every other credential is returned unchanged.
    pub(crate) fn in_workspace(self, workspace_id: String) -> Auth {
        match self {
            Auth::PersonalAccessTokenWithoutWorkspace(token) => Auth::PersonalAccessToken {
                token,
                workspace_id,
            },
            Auth::ConsoleSessionTokenWithoutWorkspace(token) => Auth::ConsoleSessionToken {
                token,
                workspace_id,
            },
            other => other,
        }
    }

    /// The mode this credential would have with a workspace id added (itself when it cannot take
    /// one or has one).
    pub(crate) fn mode_in_workspace(&self) -> AuthMode {
        match self {
            Auth::PersonalAccessTokenWithoutWorkspace(_) => {
                AuthMode::PersonalAccessTokenWithWorkspace
            }
            Auth::ConsoleSessionTokenWithoutWorkspace(_) => AuthMode::ConsoleSessionWithWorkspace,
            other => other.mode(),
        }
    }

    fn token(&self) -> &str {
        match self {
            Auth::ApiKey(t)
            | Auth::ClientSessionToken(t)
            | Auth::PublishableKey(t)
            | Auth::PersonalAccessTokenWithoutWorkspace(t)
            | Auth::ConsoleSessionTokenWithoutWorkspace(t) => t,
            Auth::PersonalAccessToken { token, .. } | Auth::ConsoleSessionToken { token, .. } => {
                token
            }
        }
    }

    /// Checks that the token has the right prefix (and that a workspace id is given where needed).
    ///
    /// As in Seam's SDKs, a token of another recognised kind is named ("A client session token
    /// cannot be used as an API key"); a token of no recognised kind, or an API key given where
    /// another kind is expected, is "unknown or invalid" with the prefix that was expected.
    pub fn validate(&self) -> Result<()> {
        let expected = self.expected_kind();
        let found = TokenKind::of(self.token());
        if found != expected {
            let role = expected.role();
            return Err(Error::InvalidToken(match found {
                TokenKind::Unknown => format!(
                    "unknown or invalid {role} format, expected a token starting with `{}`",
                    expected.expected_prefix()
                ),
                TokenKind::ApiKey => format!(
                    "unknown or invalid {role} format, expected a token starting with `{}` \
                     (this looks like an API key)",
                    expected.expected_prefix()
                ),
                _ => format!(
                    "{} cannot be used as {}",
                    capitalise(found.describe()),
                    expected.describe_as_role()
                ),
            }));
        }
        if let Some(workspace_id) = self.workspace_id()
            && workspace_id.trim().is_empty()
        {
            return Err(Error::Config(format!(
                "{} needs a non-empty workspace id (the `seam-workspace` header)",
                expected.describe()
            )));
        }
        Ok(())
    }

    /// The request headers for this credential, marked sensitive so `reqwest` never shows them.
    pub(crate) fn headers(&self) -> Result<HeaderMap> {
        self.validate()?;
        let mut headers = HeaderMap::new();
        let bearer = |token: &str| secret_value(&format!("Bearer {token}"));
        match self {
            Auth::ApiKey(token)
            | Auth::PersonalAccessTokenWithoutWorkspace(token)
            | Auth::ConsoleSessionTokenWithoutWorkspace(token) => {
                headers.insert(AUTHORIZATION, bearer(token)?);
            }
            Auth::ClientSessionToken(token) => {
                headers.insert(AUTHORIZATION, bearer(token)?);
                headers.insert(
                    HeaderName::from_static("client-session-token"),
                    secret_value(token)?,
                );
            }
            Auth::PersonalAccessToken {
                token,
                workspace_id,
            }
            | Auth::ConsoleSessionToken {
                token,
                workspace_id,
            } => {
                headers.insert(AUTHORIZATION, bearer(token)?);
                let workspace = HeaderValue::from_str(workspace_id).map_err(|_| {
                    Error::Config("the workspace id is not a valid header value".into())
                })?;
                headers.insert(HeaderName::from_static("seam-workspace"), workspace);
            }
            Auth::PublishableKey(key) => {
                headers.insert(
                    HeaderName::from_static("seam-publishable-key"),
                    secret_value(key)?,
                );
            }
        }
        Ok(headers)
    }
}

/// Header names that only the auth configuration may set.
pub(crate) const RESERVED_HEADERS: [&str; 4] = [
    "authorization",
    "client-session-token",
    "seam-workspace",
    "seam-publishable-key",
];

fn secret_value(text: &str) -> Result<HeaderValue> {
    let mut value = HeaderValue::from_str(text).map_err(|_| {
        Error::InvalidToken("the token contains characters not allowed in an HTTP header".into())
    })?;
    value.set_sensitive(true);
    Ok(value)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
