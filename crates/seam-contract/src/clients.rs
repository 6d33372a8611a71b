//! [`Clients`]: one runtime client per credential kind, so each case calls its operation with a
//! credential the operation accepts (the generated client refuses any other before sending).

use std::collections::BTreeMap;
use std::sync::Arc;

use seam_runtime::{AuthMode, Client, ClientBuilder};

/// The API key every suite sends (Prism accepts any bearer token; the parity server records it).
pub const API_KEY: &str = "seam_contract_suite";
/// The workspace id sent with credentials that act in a workspace.
pub const WORKSPACE_ID: &str = "seam_contract_workspace";
/// A client session token of the right format.
pub const CLIENT_SESSION_TOKEN: &str = "seam_cst_contract_suite";
/// A personal access token of the right format.
pub const PERSONAL_ACCESS_TOKEN: &str = "seam_at_contract_suite";
/// A console session token (a JWT: only its `ey` prefix is checked by the client).
pub const CONSOLE_SESSION_TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJjb250cmFjdCI6dHJ1ZX0.c2lnbmF0dXJl";
/// A publishable key of the right format.
pub const PUBLISHABLE_KEY: &str = "seam_pk_contract_suite";

/// One client per [`AuthMode`], all pointed at the same server with the same extra headers.
#[derive(Debug, Clone)]
pub struct Clients(Arc<BTreeMap<AuthMode, Client>>);

impl Clients {
    /// Builds a client for every mode: endpoint `url`, no retries, `headers` on every request,
    /// action attempts returned as sent (the mocks' attempts are random, never finished).
    pub fn build(url: &str, headers: &[(&str, &str)]) -> seam_runtime::Result<Clients> {
        Clients::build_with(url, headers, false)
    }

    /// [`Clients::build`], waiting for action attempts as a default client does when `wait` (the
    /// parity suite compares that behaviour with the JS SDK's default).
    pub fn build_with(
        url: &str,
        headers: &[(&str, &str)],
        wait: bool,
    ) -> seam_runtime::Result<Clients> {
        let mut clients = BTreeMap::new();
        for mode in AuthMode::ALL {
            let mut builder = credential(Client::builder(), mode)
                .endpoint(url)
                .no_retries()
                .wait_for_action_attempts(wait)
                .ignore_env();
            for (name, value) in headers {
                builder = builder.header(*name, *value);
            }
            clients.insert(mode, builder.build()?);
        }
        Ok(Clients(Arc::new(clients)))
    }

    /// The client holding a credential of `mode`.
    pub fn get(&self, mode: AuthMode) -> Client {
        self.0[&mode].clone()
    }
}

/// `builder` with a well-formed dummy credential of `mode`.
pub fn credential(builder: ClientBuilder<Client>, mode: AuthMode) -> ClientBuilder<Client> {
    match mode {
        AuthMode::ApiKey => builder.api_key(API_KEY),
        AuthMode::PersonalAccessTokenWithWorkspace => {
            builder.personal_access_token(PERSONAL_ACCESS_TOKEN, WORKSPACE_ID)
        }
        AuthMode::PersonalAccessTokenWithoutWorkspace => {
            builder.personal_access_token_without_workspace(PERSONAL_ACCESS_TOKEN)
        }
        AuthMode::ConsoleSessionWithWorkspace => {
            builder.console_session_token(CONSOLE_SESSION_TOKEN, WORKSPACE_ID)
        }
        AuthMode::ConsoleSessionWithoutWorkspace => {
            builder.console_session_token_without_workspace(CONSOLE_SESSION_TOKEN)
        }
        AuthMode::ClientSession => builder.client_session_token(CLIENT_SESSION_TOKEN),
        AuthMode::PublishableKey => builder.publishable_key(PUBLISHABLE_KEY),
        // A mode added later: the API key, which the mocks accept.
        _ => builder.api_key(API_KEY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mode_gets_a_client_of_that_mode() {
        let clients = Clients::build("http://127.0.0.1:9", &[("x-test", "1")]).unwrap();
        for mode in AuthMode::ALL {
            assert_eq!(clients.get(mode).auth_mode(), mode);
        }
    }
}
