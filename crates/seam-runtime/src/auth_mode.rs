//! Auth modes: which kind of credential a client holds, and which kinds an operation accepts.
//!
//! The spec says per operation which credentials it accepts (its `security`); the generator
//! prints that list into each [`crate::Route`] as an [`AuthModes`] set, and the client refuses,
//! before sending anything, an operation whose set does not contain the client's own
//! [`AuthMode`] ([`crate::Error::AuthModeNotAccepted`]).

/// The kind of credential a client authenticates with, as the spec's security schemes name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum AuthMode {
    /// An API key (`seam_...`): scheme `api_key`.
    ApiKey,
    /// A personal access token with a workspace id: `pat_with_workspace`.
    PersonalAccessTokenWithWorkspace,
    /// A personal access token alone: `pat_without_workspace`.
    PersonalAccessTokenWithoutWorkspace,
    /// A console session token (a JWT) with a workspace id: `console_session_with_workspace`.
    ConsoleSessionWithWorkspace,
    /// A console session token alone: `console_session_without_workspace`.
    ConsoleSessionWithoutWorkspace,
    /// A client session token (`seam_cst...`): `client_session` and its customer variants
    /// (`client_session_with_customer`, `client_session_with_customer_ro`), which a client cannot
    /// tell apart from the token.
    ClientSession,
    /// A publishable key (`seam_pk...`): `publishable_key`.
    PublishableKey,
}

impl AuthMode {
    /// Every mode, in a fixed order.
    pub const ALL: [AuthMode; 7] = [
        AuthMode::ApiKey,
        AuthMode::PersonalAccessTokenWithWorkspace,
        AuthMode::PersonalAccessTokenWithoutWorkspace,
        AuthMode::ConsoleSessionWithWorkspace,
        AuthMode::ConsoleSessionWithoutWorkspace,
        AuthMode::ClientSession,
        AuthMode::PublishableKey,
    ];

    const fn bit(self) -> u16 {
        1 << self as u16
    }

    /// True for the modes that act in one workspace.
    pub const fn has_workspace(self) -> bool {
        !matches!(
            self,
            AuthMode::PersonalAccessTokenWithoutWorkspace
                | AuthMode::ConsoleSessionWithoutWorkspace
        )
    }

    /// What the mode is called in messages.
    pub const fn describe(self) -> &'static str {
        match self {
            AuthMode::ApiKey => "an API key",
            AuthMode::PersonalAccessTokenWithWorkspace => {
                "a personal access token with a workspace"
            }
            AuthMode::PersonalAccessTokenWithoutWorkspace => {
                "a personal access token without a workspace"
            }
            AuthMode::ConsoleSessionWithWorkspace => "a console session token with a workspace",
            AuthMode::ConsoleSessionWithoutWorkspace => {
                "a console session token without a workspace"
            }
            AuthMode::ClientSession => "a client session token",
            AuthMode::PublishableKey => "a publishable key",
        }
    }
}

impl std::fmt::Display for AuthMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.describe())
    }
}

/// A set of [`AuthMode`]s: the credentials one operation accepts. `const`, so generated route
/// statics can hold it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct AuthModes(u16);

impl AuthModes {
    /// No mode: an operation no client of this crate can call (its security names only schemes
    /// the client does not support, such as internal service keys).
    pub const NONE: AuthModes = AuthModes(0);
    /// Every mode: an operation without security requirements.
    pub const ANY: AuthModes = AuthModes((1 << AuthMode::ALL.len()) - 1);

    /// The set with `mode` added.
    pub const fn with(self, mode: AuthMode) -> AuthModes {
        AuthModes(self.0 | mode.bit())
    }

    /// The set of exactly these modes.
    pub const fn of(modes: &[AuthMode]) -> AuthModes {
        let mut set = AuthModes::NONE;
        let mut i = 0;
        while i < modes.len() {
            set = set.with(modes[i]);
            i += 1;
        }
        set
    }

    /// True when `mode` is in the set.
    pub const fn contains(self, mode: AuthMode) -> bool {
        self.0 & mode.bit() != 0
    }

    /// The modes in the set, in [`AuthMode::ALL`]'s order.
    pub fn iter(self) -> impl Iterator<Item = AuthMode> {
        AuthMode::ALL.into_iter().filter(move |m| self.contains(*m))
    }
}

impl std::fmt::Debug for AuthModes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_hold_exactly_their_modes() {
        let set = AuthModes::of(&[AuthMode::ApiKey, AuthMode::ClientSession]);
        assert!(set.contains(AuthMode::ApiKey));
        assert!(set.contains(AuthMode::ClientSession));
        assert!(!set.contains(AuthMode::PublishableKey));
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [AuthMode::ApiKey, AuthMode::ClientSession]
        );
        assert!(AuthMode::ALL.iter().all(|m| AuthModes::ANY.contains(*m)));
        assert!(AuthMode::ALL.iter().all(|m| !AuthModes::NONE.contains(*m)));
    }

    #[test]
    fn workspace_modes() {
        let without: Vec<_> = AuthMode::ALL
            .into_iter()
            .filter(|m| !m.has_workspace())
            .collect();
        assert_eq!(
            without,
            [
                AuthMode::PersonalAccessTokenWithoutWorkspace,
                AuthMode::ConsoleSessionWithoutWorkspace
            ]
        );
    }
}
