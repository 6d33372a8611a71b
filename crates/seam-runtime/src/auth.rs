//! Credentials: telling token kinds apart by prefix, refusing the wrong kind, and the auth headers.
//!
//! Seam's tokens carry their kind in their prefix: API keys start with `seam_`, client session
//! tokens with `seam_cst`, personal access tokens with `seam_at`, publishable keys with `seam_pk`
//! and console session tokens are JWTs (`ey...`). A token given in the wrong place is refused with
//! [`Error::InvalidToken`] before any request is sent. Secrets never appear in `Debug` output.

use std::sync::{Arc, PoisonError, RwLock};

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};

use crate::auth_mode::AuthMode;
use crate::error::{Error, Result};

const SEAM_PREFIX: &str = "seam_";
const CLIENT_SESSION_PREFIX: &str = "seam_cst";
const ACCESS_TOKEN_PREFIX: &str = "seam_at";
const PUBLISHABLE_KEY_PREFIX: &str = "seam_pk";
const JWT_PREFIX: &str = "ey";

/// The kind of a Seam token, as told by its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenKind {
    /// An API key (`seam_...`, none of the more specific prefixes).
    ApiKey,
    /// A client session token (`seam_cst...`).
    ClientSessionToken,
    /// A personal access token (`seam_at...`).
    PersonalAccessToken,
    /// A publishable key (`seam_pk...`).
    PublishableKey,
    /// A JWT, such as a console session token (`ey...`).
    Jwt,
    /// None of the known prefixes.
    Unknown,
}

impl TokenKind {
    /// Classifies a token by its prefix, the way Seam's SDKs do.
    pub fn of(token: &str) -> TokenKind {
        if token.starts_with(CLIENT_SESSION_PREFIX) {
            TokenKind::ClientSessionToken
        } else if token.starts_with(ACCESS_TOKEN_PREFIX) {
            TokenKind::PersonalAccessToken
        } else if token.starts_with(PUBLISHABLE_KEY_PREFIX) {
            TokenKind::PublishableKey
        } else if token.starts_with(JWT_PREFIX) {
            TokenKind::Jwt
        } else if token.starts_with(SEAM_PREFIX) {
            TokenKind::ApiKey
        } else {
            TokenKind::Unknown
        }
    }

    fn describe(self) -> &'static str {
        match self {
            TokenKind::ApiKey => "an API key",
            TokenKind::ClientSessionToken => "a client session token",
            TokenKind::PersonalAccessToken => "a personal access token",
            TokenKind::PublishableKey => "a publishable key",
            TokenKind::Jwt => "a JWT",
            TokenKind::Unknown => "a token of unknown format",
        }
    }

    /// The kind as the role a token plays ("API key", "console session token").
    fn role(self) -> &'static str {
        match self {
            TokenKind::Jwt => "console session token",
            other => other
                .describe()
                .trim_start_matches("a ")
                .trim_start_matches("an "),
        }
    }

    /// The kind as the place a token is given in ("an API key", "a console session token").
    fn describe_as_role(self) -> &'static str {
        match self {
            TokenKind::Jwt => "a console session token",
            other => other.describe(),
        }
    }

    fn expected_prefix(self) -> &'static str {
        match self {
            TokenKind::ApiKey => SEAM_PREFIX,
            TokenKind::ClientSessionToken => CLIENT_SESSION_PREFIX,
            TokenKind::PersonalAccessToken => ACCESS_TOKEN_PREFIX,
            TokenKind::PublishableKey => PUBLISHABLE_KEY_PREFIX,
            TokenKind::Jwt => JWT_PREFIX,
            TokenKind::Unknown => "",
        }
    }
}

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

/// The credentials of a live client: its mode (fixed) and its auth headers, which
/// `update_client_session_token` may replace. Shared by every clone of the client.
pub(crate) struct SharedAuth {
    mode: AuthMode,
    current: RwLock<Arc<CurrentAuth>>,
}

/// One credential's headers and what `Debug` may show of it.
pub(crate) struct CurrentAuth {
    pub headers: HeaderMap,
    pub summary: String,
}

impl CurrentAuth {
    /// The headers and summary of `auth` (validated).
    pub(crate) fn of(auth: &Auth) -> Result<CurrentAuth> {
        Ok(CurrentAuth {
            headers: auth.headers()?,
            summary: format!("{auth:?}"),
        })
    }
}

impl SharedAuth {
    pub(crate) fn new(auth: &Auth) -> Result<SharedAuth> {
        Ok(SharedAuth {
            mode: auth.mode(),
            current: RwLock::new(Arc::new(CurrentAuth::of(auth)?)),
        })
    }

    pub(crate) fn mode(&self) -> AuthMode {
        self.mode
    }

    /// The credential in force now (a poisoned lock still holds a whole value: it is only ever
    /// replaced, never changed in place).
    pub(crate) fn current(&self) -> Arc<CurrentAuth> {
        Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Replaces the credential in force; the mode stays the same.
    pub(crate) fn replace(&self, next: Arc<CurrentAuth>) {
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = next;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_prefix() {
        assert_eq!(TokenKind::of("seam_test123"), TokenKind::ApiKey);
        assert_eq!(TokenKind::of("seam_cst1abc"), TokenKind::ClientSessionToken);
        assert_eq!(TokenKind::of("seam_at1abc"), TokenKind::PersonalAccessToken);
        assert_eq!(TokenKind::of("seam_pk1abc"), TokenKind::PublishableKey);
        assert_eq!(TokenKind::of("eyJhbGciOi"), TokenKind::Jwt);
        assert_eq!(TokenKind::of("sk_live_123"), TokenKind::Unknown);
        assert_eq!(TokenKind::of(""), TokenKind::Unknown);
    }

    #[test]
    fn refuses_wrong_kinds_without_showing_the_token() {
        let cases = [
            Auth::ApiKey("seam_cst_secret".into()),
            Auth::ApiKey("seam_at_secret".into()),
            Auth::ApiKey("seam_pk_secret".into()),
            Auth::ApiKey("eyJ_secret".into()),
            Auth::ApiKey("nope_secret".into()),
            Auth::ClientSessionToken("seam_key_secret".into()),
            Auth::PersonalAccessToken {
                token: "seam_cst_secret".into(),
                workspace_id: "w".into(),
            },
            Auth::PublishableKey("seam_at_secret".into()),
        ];
        for auth in cases {
            let err = auth.headers().expect_err("must refuse");
            assert!(matches!(err, Error::InvalidToken(_)), "{err:?}");
            assert!(!err.to_string().contains("secret"), "{err}");
        }
        let err = Auth::ApiKey("seam_cst_secret".into())
            .validate()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid token: A client session token cannot be used as an API key"
        );
    }

    #[test]
    fn personal_access_token_needs_a_workspace() {
        let auth = Auth::PersonalAccessToken {
            token: "seam_at_x".into(),
            workspace_id: " ".into(),
        };
        assert!(matches!(auth.validate(), Err(Error::Config(_))));
    }

    #[test]
    fn header_injection_is_refused() {
        let auth = Auth::ApiKey("seam_key\r\nx-evil: 1".into());
        assert!(matches!(auth.headers(), Err(Error::InvalidToken(_))));
    }

    #[test]
    fn headers_per_mode() {
        let h = Auth::ClientSessionToken("seam_cst_t".into())
            .headers()
            .unwrap();
        assert_eq!(h["authorization"], "Bearer seam_cst_t");
        assert_eq!(h["client-session-token"], "seam_cst_t");
        assert!(h["authorization"].is_sensitive());
        let h = Auth::PersonalAccessToken {
            token: "seam_at_t".into(),
            workspace_id: "ws".into(),
        }
        .headers()
        .unwrap();
        assert_eq!(h["authorization"], "Bearer seam_at_t");
        assert_eq!(h["seam-workspace"], "ws");
        let h = Auth::PublishableKey("seam_pk_t".into()).headers().unwrap();
        assert_eq!(h["seam-publishable-key"], "seam_pk_t");
        assert!(!h.contains_key("authorization"));
    }

    #[test]
    fn messages_follow_seams_sdks() {
        let message = |auth: Auth| auth.validate().unwrap_err().to_string();
        // Another recognised kind is named.
        assert_eq!(
            message(Auth::ConsoleSessionToken {
                token: "seam_at_secret".into(),
                workspace_id: "ws".into()
            }),
            "invalid token: A personal access token cannot be used as a console session token"
        );
        assert_eq!(
            message(Auth::PersonalAccessTokenWithoutWorkspace(
                "eyJ_secret".into()
            )),
            "invalid token: A JWT cannot be used as a personal access token"
        );
        // An API key where another kind is expected is "unknown or invalid", with a hint.
        assert_eq!(
            message(Auth::ClientSessionToken("seam_apikey_secret".into())),
            "invalid token: unknown or invalid client session token format, expected a token \
             starting with `seam_cst` (this looks like an API key)"
        );
        assert_eq!(
            message(Auth::ConsoleSessionTokenWithoutWorkspace("nope".into())),
            "invalid token: unknown or invalid console session token format, expected a token \
             starting with `ey`"
        );
        assert!(matches!(
            Auth::ConsoleSessionToken {
                token: "eyJ".into(),
                workspace_id: "".into()
            }
            .validate(),
            Err(Error::Config(_))
        ));
    }

    #[test]
    fn modes_and_workspaces() {
        let pat = Auth::PersonalAccessTokenWithoutWorkspace("seam_at_1".into());
        assert_eq!(pat.mode(), AuthMode::PersonalAccessTokenWithoutWorkspace);
        assert_eq!(pat.workspace_id(), None);
        assert_eq!(
            pat.mode_in_workspace(),
            AuthMode::PersonalAccessTokenWithWorkspace
        );
        let pat = pat.in_workspace("ws".into());
        assert_eq!(pat.mode(), AuthMode::PersonalAccessTokenWithWorkspace);
        assert_eq!(pat.workspace_id(), Some("ws"));
        let console =
            Auth::ConsoleSessionTokenWithoutWorkspace("eyJ".into()).in_workspace("w".into());
        assert_eq!(console.mode(), AuthMode::ConsoleSessionWithWorkspace);
        let key = Auth::ApiKey("seam_k".into()).in_workspace("ignored".into());
        assert_eq!(key, Auth::ApiKey("seam_k".into()));
        assert_eq!(key.mode_in_workspace(), AuthMode::ApiKey);
    }

    #[test]
    fn debug_hides_secrets() {
        let all = [
            Auth::PersonalAccessTokenWithoutWorkspace("seam_at_secret".into()),
            Auth::ConsoleSessionToken {
                token: "eyJ_secret".into(),
                workspace_id: "ws1".into(),
            },
            Auth::ConsoleSessionTokenWithoutWorkspace("eyJ_secret".into()),
            Auth::ApiKey("seam_secret".into()),
            Auth::ClientSessionToken("seam_cst_secret".into()),
            Auth::PersonalAccessToken {
                token: "seam_at_secret".into(),
                workspace_id: "ws1".into(),
            },
            Auth::PublishableKey("seam_pk_secret".into()),
        ];
        for auth in all {
            let shown = format!("{auth:?} {auth:#?}");
            assert!(!shown.contains("secret"), "{shown}");
            assert!(shown.contains("redacted"), "{shown}");
        }
    }
}
