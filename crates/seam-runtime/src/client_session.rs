//! Client sessions: a client from a publishable key and a user identifier key
//! ([`ClientBuilder::build_from_publishable_key`]), and replacing the client session token of a
//! live client ([`Client::update_client_session_token`]), as Seam's JavaScript SDK does
//! (`SeamHttp.fromPublishableKey`, `updateClientSessionToken`).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::auth::{Auth, CurrentAuth};
use crate::auth_mode::AuthMode;
use crate::builder::{ClientBuilder, FromClient};
use crate::call_options::CallOptions;
use crate::client::{Client, Route};
use crate::error::{Error, Result};

/// `POST /client_sessions/get_or_create`: the session of a user identifier key (created when
/// missing), authenticated with a publishable key.
pub static CLIENT_SESSIONS_GET_OR_CREATE: Route = Route {
    path: "/client_sessions/get_or_create",
    response_key: Some("client_session"),
    retry_safe: false,
    has_body: true,
    auth: crate::AuthModes::ANY,
};

/// `POST /client_sessions/get`: with a client session token and no parameters, that token's own
/// session (used to check a new token).
pub static CLIENT_SESSIONS_GET: Route = Route {
    path: "/client_sessions/get",
    response_key: Some("client_session"),
    retry_safe: true,
    has_body: true,
    auth: crate::AuthModes::ANY,
};

#[derive(Serialize)]
struct GetOrCreateBody<'a> {
    user_identifier_key: &'a str,
}

/// The one field of a client session the runtime needs.
#[derive(Deserialize)]
struct SessionToken {
    token: String,
}

impl<T: FromClient> ClientBuilder<T> {
    /// A client-session client for the user `user_identifier_key`, from a publishable key
    /// (`seam_pk...`): gets (or creates) the user's client session with
    /// `POST /client_sessions/get_or_create` (header `seam-publishable-key`), then builds a `T`
    /// authenticated with the session's token and the rest of this builder's settings (endpoint,
    /// timeout, retries, headers; credentials set on the builder are replaced, and
    /// `SEAM_API_KEY` is not read).
    ///
    /// The user identifier key should be a value only its user knows, with enough entropy (an
    /// internal user id, a random token stored for the user), never something common knowledge
    /// such as an email address: anyone who knows the key and the (public) publishable key gets
    /// the user's session. A key that looks like an email address is logged with
    /// `tracing::warn!` (Seam's SDKs warn too, and say Seam may refuse it in the future).
    ///
    /// Fails before any request when `T` does not accept a client session token or the key is
    /// not a publishable key.
    pub async fn build_from_publishable_key(
        self,
        publishable_key: impl Into<String>,
        user_identifier_key: impl Into<String>,
    ) -> Result<T> {
        let token = self
            .client_session_token_for(publishable_key.into(), user_identifier_key.into(), false)
            .await?;
        self.client_session_token(token).build()
    }

    /// Checks everything, then gets the client session token (the request of
    /// [`ClientBuilder::build_from_publishable_key`]). `close` asks the server not to keep the
    /// connection (for a request made on a short-lived runtime).
    pub(crate) async fn client_session_token_for(
        &self,
        publishable_key: String,
        user_identifier_key: String,
        close: bool,
    ) -> Result<String> {
        warn_if_insecure_user_identifier_key(&user_identifier_key);
        if !T::accepts(AuthMode::ClientSession) {
            return Err(Error::Config(T::refusal(AuthMode::ClientSession)));
        }
        let auth = Auth::PublishableKey(publishable_key);
        auth.validate()?;
        let mut settings = self.clone();
        if close {
            settings = settings.header("connection", "close");
        }
        let bootstrap = settings.build_client_for(&auth)?;
        let session: SessionToken = bootstrap
            .call(
                &CLIENT_SESSIONS_GET_OR_CREATE,
                &GetOrCreateBody {
                    user_identifier_key: &user_identifier_key,
                },
            )
            .await?;
        Ok(session.token)
    }
}

impl Client {
    /// Replaces the client session token of this client (and of all its clones) with `token`,
    /// for instance when the session expires.
    ///
    /// Refuses a client that does not authenticate with a client session token, and a token that
    /// is not one (`seam_cst...`), before any request. Then checks the new token with
    /// `POST /client_sessions/get` and only replaces the old one when Seam accepts it: on any
    /// error (e.g. [`Error::Unauthorized`]) the client keeps its old token. (Seam's JavaScript SDK
    /// swaps first and checks after, leaving a client with a rejected token.) Calls already in
    /// flight finish with the token they started with.
    pub async fn update_client_session_token(&self, token: impl Into<String>) -> Result<()> {
        let mode = self.auth_mode();
        if mode != AuthMode::ClientSession {
            return Err(Error::Config(format!(
                "cannot update the client session token of a client created without one \
                 (this client uses {mode})"
            )));
        }
        let next = Arc::new(CurrentAuth::of(&Auth::ClientSessionToken(token.into()))?);
        self.execute_as(
            &CLIENT_SESSIONS_GET,
            &[],
            b"{}".to_vec(),
            &CallOptions::new(),
            Some(Arc::clone(&next)),
        )
        .await?
        .check_json()?;
        self.inner.auth.replace(next);
        Ok(())
    }
}

/// Logs a warning when a user identifier key looks like an email address.
fn warn_if_insecure_user_identifier_key(key: &str) {
    if looks_like_email(key) {
        tracing::warn!(
            "the user identifier key looks like an email address: anyone who knows it can get \
             this user's client session with your publishable key, and Seam may refuse such keys \
             in the future; use a value with enough entropy known only to the user's session \
             owner (see https://docs.seam.co/latest/seam-components/overview/get-started-with-client-side-components#3-select-a-user-identifier-key)"
        );
    }
}

/// True for `local@domain.tld`-shaped text: one `@`, no whitespace, a non-empty local part and a
/// domain of at least two non-empty dot-separated labels. (Linear time, unlike a regex with
/// backtracking.)
pub(crate) fn looks_like_email(text: &str) -> bool {
    let text = text.trim();
    if text.chars().any(char::is_whitespace) {
        return false;
    }
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
}

#[cfg(test)]
mod tests {
    use super::looks_like_email;

    #[test]
    fn tells_email_addresses() {
        for email in [
            "jane@example.com",
            "jane.doe+seam@mail.example.co.uk",
            " jane@example.com ",
        ] {
            assert!(looks_like_email(email), "{email}");
        }
        for other in [
            "jane_doe",
            "user_1234",
            "jane@localhost",
            "@example.com",
            "jane@example.",
            "jane@.com",
            "jane doe@example.com",
            "a@b@example.com",
            "",
        ] {
            assert!(!looks_like_email(other), "{other}");
        }
    }
}
