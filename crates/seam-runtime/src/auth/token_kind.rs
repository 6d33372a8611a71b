//! [`TokenKind`]: the kind of a Seam token, told by its prefix.

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

    pub(super) fn describe(self) -> &'static str {
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
    pub(super) fn role(self) -> &'static str {
        match self {
            TokenKind::Jwt => "console session token",
            other => other
                .describe()
                .trim_start_matches("a ")
                .trim_start_matches("an "),
        }
    }

    /// The kind as the place a token is given in ("an API key", "a console session token").
    pub(super) fn describe_as_role(self) -> &'static str {
        match self {
            TokenKind::Jwt => "a console session token",
            other => other.describe(),
        }
    }

    pub(super) fn expected_prefix(self) -> &'static str {
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
