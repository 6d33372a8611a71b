//! Auth pass: which credentials each operation accepts, read from its `security` (or the
//! spec's top-level `security`), and so on which client it is offered.
//!
//! Each security requirement is one alternative. A requirement maps to an [`AuthMode`] when it
//! names exactly one scheme with a mode (the companion header schemes `seam_workspace`,
//! `client_session_token` and `seam_client_session_token` ride along); any other requirement is
//! kept by its scheme names in [`OperationAuth::other_schemes`] (tokens this client cannot tell
//! apart, such as Bridge or internal service keys, so the client never refuses on their account).
//! An empty requirement, or no security at all, makes the operation public.
//!
//! Placement, the compile-time half of the guarantee: an operation is a method of the workspace
//! client (`Seam`) when a mode with a workspace, another scheme or nothing is accepted, and of
//! the workspace-less client (`SeamWithoutWorkspace`) when a mode without a workspace is.

use super::ir::{AuthMode, ContractClient, OperationAuth};
use openapiv3::SecurityRequirement;

/// The mode of a scheme name, if the client has one.
fn mode_of(scheme: &str) -> Option<AuthMode> {
    Some(match scheme {
        "api_key" => AuthMode::ApiKey,
        "pat_with_workspace" => AuthMode::PersonalAccessTokenWithWorkspace,
        "pat_without_workspace" => AuthMode::PersonalAccessTokenWithoutWorkspace,
        "console_session_with_workspace" => AuthMode::ConsoleSessionWithWorkspace,
        "console_session_without_workspace" => AuthMode::ConsoleSessionWithoutWorkspace,
        "client_session" | "client_session_with_customer" | "client_session_with_customer_ro" => {
            AuthMode::ClientSession
        }
        "publishable_key" => AuthMode::PublishableKey,
        _ => return None,
    })
}

/// Header schemes that accompany a credential rather than being one.
const COMPANIONS: &[&str] = &[
    "seam_workspace",
    "client_session_token",
    "seam_client_session_token",
];

/// The auth of one operation: `own` is its `security`, `global` the spec's.
pub fn for_operation(
    own: Option<&Vec<SecurityRequirement>>,
    global: Option<&Vec<SecurityRequirement>>,
) -> OperationAuth {
    let requirements = own.or(global).map(Vec::as_slice).unwrap_or_default();
    let mut modes = Vec::new();
    let mut other_schemes = Vec::new();
    let mut public = requirements.is_empty();
    for requirement in requirements {
        let schemes: Vec<&str> = requirement
            .keys()
            .map(String::as_str)
            .filter(|s| !COMPANIONS.contains(s))
            .collect();
        match schemes.as_slice() {
            [] if requirement.is_empty() => public = true,
            [one] if mode_of(one).is_some() => modes.extend(mode_of(one)),
            _ => {
                let mut names: Vec<&str> = requirement.keys().map(String::as_str).collect();
                names.sort_unstable();
                other_schemes.push(names.join("+"));
            }
        }
    }
    modes.sort();
    modes.dedup();
    other_schemes.sort();
    other_schemes.dedup();
    let unchecked = public || !other_schemes.is_empty();
    let on_workspace_client = unchecked || modes.iter().any(|m| m.has_workspace());
    let on_without_workspace_client = modes.iter().any(|m| !m.has_workspace());
    // The suites call through `Seam` where the operation is one of its methods, with an API key
    // where the operation takes one (or cannot be refused), else the first mode it accepts that
    // this client takes.
    let contract_client = if on_workspace_client {
        ContractClient::Seam
    } else {
        ContractClient::SeamWithoutWorkspace
    };
    let contract_mode = if unchecked || modes.contains(&AuthMode::ApiKey) {
        AuthMode::ApiKey
    } else {
        let fits = |m: &&AuthMode| m.has_workspace() == (contract_client == ContractClient::Seam);
        modes.iter().find(fits).copied().unwrap_or(AuthMode::ApiKey)
    };
    OperationAuth {
        modes,
        other_schemes,
        public,
        on_workspace_client,
        on_without_workspace_client,
        contract_mode,
        contract_client,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(schemes: &[&str]) -> SecurityRequirement {
        schemes
            .iter()
            .map(|s| ((*s).to_owned(), Vec::new()))
            .collect()
    }

    /// One row: the requirements, then the expected modes, other schemes, public, and placement
    /// on the workspace client and on the workspace-less one.
    type Row = (
        Vec<SecurityRequirement>,
        Vec<AuthMode>,
        Vec<&'static str>,
        bool,
        bool,
        bool,
    );

    #[test]
    fn decision_table() {
        use AuthMode::*;
        let rows: Vec<Row> = vec![
            // Most operations: workspace client only.
            (
                vec![
                    req(&["api_key"]),
                    req(&["pat_with_workspace"]),
                    req(&["console_session_with_workspace"]),
                ],
                vec![
                    ApiKey,
                    PersonalAccessTokenWithWorkspace,
                    ConsoleSessionWithWorkspace,
                ],
                vec![],
                false,
                true,
                false,
            ),
            // Console organisation operations: workspace-less client only.
            (
                vec![req(&["console_session_without_workspace"])],
                vec![ConsoleSessionWithoutWorkspace],
                vec![],
                false,
                false,
                true,
            ),
            // workspaces/list: both clients.
            (
                vec![
                    req(&["pat_without_workspace"]),
                    req(&["api_key"]),
                    req(&["support_read_only_token"]),
                ],
                vec![ApiKey, PersonalAccessTokenWithoutWorkspace],
                vec!["support_read_only_token"],
                false,
                true,
                true,
            ),
            // Customer client sessions are client sessions to the client.
            (
                vec![
                    req(&["client_session_with_customer"]),
                    req(&["client_session_with_customer_ro"]),
                ],
                vec![ClientSession],
                vec![],
                false,
                true,
                false,
            ),
            // A companion header does not make another mode.
            (
                vec![req(&["client_session", "client_session_token"])],
                vec![ClientSession],
                vec![],
                false,
                true,
                false,
            ),
            // Schemes without a mode: kept by name, never refused by the client.
            (
                vec![req(&["bridge_client_session"])],
                vec![],
                vec!["bridge_client_session"],
                false,
                true,
                false,
            ),
            // Two credentials at once is not a mode the client has.
            (
                vec![req(&["api_key", "pat_with_workspace"])],
                vec![],
                vec!["api_key+pat_with_workspace"],
                false,
                true,
                false,
            ),
            // No security, or an empty alternative: public.
            (vec![], vec![], vec![], true, true, false),
            (
                vec![req(&[]), req(&["api_key"])],
                vec![ApiKey],
                vec![],
                true,
                true,
                false,
            ),
        ];
        for (requirements, modes, other, public, on_ws, on_without) in rows {
            let auth = for_operation(Some(&requirements), None);
            assert_eq!(auth.modes, modes, "{requirements:?}");
            assert_eq!(auth.other_schemes, other, "{requirements:?}");
            assert_eq!(auth.public, public, "{requirements:?}");
            assert_eq!(auth.on_workspace_client, on_ws, "{requirements:?}");
            assert_eq!(
                auth.on_without_workspace_client, on_without,
                "{requirements:?}"
            );
        }
    }

    #[test]
    fn own_security_overrides_the_global_one() {
        let global = vec![req(&["api_key"])];
        let own = vec![req(&["publishable_key"])];
        assert_eq!(
            for_operation(Some(&own), Some(&global)).modes,
            [AuthMode::PublishableKey]
        );
        assert_eq!(for_operation(None, Some(&global)).modes, [AuthMode::ApiKey]);
        // An explicitly empty list removes the global requirement.
        assert!(for_operation(Some(&Vec::new()), Some(&global)).public);
    }

    #[test]
    fn contract_mode_prefers_an_api_key() {
        let auth = for_operation(
            Some(&vec![req(&["client_session"]), req(&["api_key"])]),
            None,
        );
        assert_eq!(auth.contract_mode, AuthMode::ApiKey);
        let auth = for_operation(
            Some(&vec![req(&["console_session_without_workspace"])]),
            None,
        );
        assert_eq!(auth.contract_mode, AuthMode::ConsoleSessionWithoutWorkspace);
    }
}
