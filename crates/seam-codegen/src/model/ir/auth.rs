//! [`OperationAuth`]: the credentials an operation accepts (set by the auth pass), in the runtime's
//! terms ([`AuthMode`]).

use serde::Serialize;

/// A credential kind, as the runtime's `AuthMode` names it (the template prints the variant).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AuthMode {
    /// `api_key`.
    ApiKey,
    /// `pat_with_workspace`.
    PersonalAccessTokenWithWorkspace,
    /// `pat_without_workspace`.
    PersonalAccessTokenWithoutWorkspace,
    /// `console_session_with_workspace`.
    ConsoleSessionWithWorkspace,
    /// `console_session_without_workspace`.
    ConsoleSessionWithoutWorkspace,
    /// `client_session` and its customer variants.
    ClientSession,
    /// `publishable_key`.
    PublishableKey,
}

impl AuthMode {
    /// Whether the mode acts in one workspace.
    pub fn has_workspace(self) -> bool {
        !matches!(
            self,
            AuthMode::PersonalAccessTokenWithoutWorkspace
                | AuthMode::ConsoleSessionWithoutWorkspace
        )
    }

    /// How the docs name the mode.
    pub fn describe(self) -> &'static str {
        match self {
            AuthMode::ApiKey => "API key",
            AuthMode::PersonalAccessTokenWithWorkspace => "personal access token with a workspace",
            AuthMode::PersonalAccessTokenWithoutWorkspace => {
                "personal access token without a workspace"
            }
            AuthMode::ConsoleSessionWithWorkspace => "console session token with a workspace",
            AuthMode::ConsoleSessionWithoutWorkspace => "console session token without a workspace",
            AuthMode::ClientSession => "client session token",
            AuthMode::PublishableKey => "publishable key",
        }
    }
}

impl std::fmt::Display for AuthMode {
    /// The runtime's variant name (`ApiKey`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

/// The credentials one operation accepts (auth pass).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct OperationAuth {
    /// The modes accepted, sorted.
    pub modes: Vec<AuthMode>,
    /// Alternatives the client has no mode for, by scheme names (`bridge_client_session`);
    /// while there is one, the client does not refuse the operation for its credential.
    pub other_schemes: Vec<String>,
    /// No credential needed (no security, or an empty alternative).
    pub public: bool,
    /// A method of the workspace client `Seam`.
    pub on_workspace_client: bool,
    /// A method of the workspace-less client `SeamWithoutWorkspace`.
    pub on_without_workspace_client: bool,
    /// The credential the contract suite calls the operation with.
    pub contract_mode: AuthMode,
    /// The client the contract suite calls the operation through.
    pub contract_client: ContractClient,
}

/// A generated client type, as the suites name it (`seam::Seam`).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub enum ContractClient {
    /// `Seam`: credentials acting in a workspace.
    Seam,
    /// `SeamWithoutWorkspace`: credentials without a workspace.
    SeamWithoutWorkspace,
}

impl std::fmt::Display for ContractClient {
    /// The type's name (`Seam`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

impl OperationAuth {
    /// Whether the client checks its credential against [`Self::modes`] before sending.
    pub fn checked(&self) -> bool {
        !self.public && self.other_schemes.is_empty()
    }
}
