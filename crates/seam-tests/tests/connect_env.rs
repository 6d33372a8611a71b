//! Port of javascript-http `test/seam/connect/env.test.ts`: configuration from the environment
//! (`SEAM_API_KEY`, `SEAM_ENDPOINT`, `SEAM_API_URL`, `SEAM_PERSONAL_ACCESS_TOKEN`,
//! `SEAM_WORKSPACE_ID`) and its precedence. Tests marked `#[ignore]` need fake-seam-connect at
//! `SEAM_FAKE_URL` (`cargo xtask test`).
//!
//! Like the JS tests (`test.serial` with the variables cleared before and after each), these
//! tests change the process environment, so each holds [`ENV_LOCK`] for its whole run: they run
//! one at a time, and no other test of this binary reads the environment meanwhile.

// Holding the std lock across `.await` is the point: it serialises whole tests. It cannot
// deadlock: each test runs on its own current-thread runtime and nothing else takes the lock.
#![allow(clippy::await_holding_lock)]

mod connect_common;

use std::sync::{Mutex, MutexGuard, PoisonError};

use connect_common::{assert_gets_seeded_device, console_session_token, fake_url, seam_of, seed};
use seam::{Client, Error, Seam};
use seam_runtime::AuthMode;

/// The variables the tests set; all cleared before and after each test.
const VARS: [&str; 5] = [
    "SEAM_API_KEY",
    "SEAM_ENDPOINT",
    "SEAM_API_URL",
    "SEAM_PERSONAL_ACCESS_TOKEN",
    "SEAM_WORKSPACE_ID",
];

static ENV_LOCK: Mutex<()> = Mutex::new(());

/// Holds the lock with a clean environment, and cleans it again when dropped.
struct Env {
    _lock: MutexGuard<'static, ()>,
}

impl Env {
    fn clean() -> Env {
        let lock = ENV_LOCK.lock().unwrap_or_else(PoisonError::into_inner);
        for var in VARS {
            // SAFETY: every test of this binary holds ENV_LOCK while it touches or reads the
            // environment, and no request (hence no other thread) is in flight here.
            unsafe { std::env::remove_var(var) };
        }
        Env { _lock: lock }
    }

    fn set(self, name: &str, value: &str) -> Env {
        // SAFETY: as in `clean`.
        unsafe { std::env::set_var(name, value) };
        self
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        for var in VARS {
            // SAFETY: as in `clean` (the lock is released after this).
            unsafe { std::env::remove_var(var) };
        }
    }
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_constructor_uses_seam_api_key_environment_variable() {
    let _env = Env::clean().set("SEAM_API_KEY", seed::SEAM_APIKEY1_TOKEN);
    let client = Client::builder().endpoint(fake_url()).build().unwrap();
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[test]
fn seam_http_constructor_checks_for_seam_api_key_environment_variable() {
    let _env = Env::clean();
    let err = Client::builder().build().unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("SEAM_API_KEY")),
        "{err:?}"
    );
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_api_key_option_overrides_environment_variables() {
    let _env = Env::clean().set("SEAM_API_KEY", "some-invalid-api-key-1");
    let client = Client::builder()
        .api_key(seed::SEAM_APIKEY1_TOKEN)
        .endpoint(fake_url())
        .build()
        .unwrap();
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[test]
fn seam_http_api_key_option_as_first_argument_overrides_environment_variables() {
    let _env = Env::clean().set("SEAM_API_KEY", "some-invalid-api-key-2");
    let seam = Seam::new("seam_apikey_token").expect("the explicit key wins");
    assert!(format!("{:?}", seam.client()).contains("ApiKey"));
}

#[test]
fn seam_http_constructor_uses_seam_api_key_environment_variable_when_passed_no_argument() {
    let _env = Env::clean().set("SEAM_API_KEY", "seam_apikey_token");
    let seam = Seam::from_env().expect("SEAM_API_KEY is read");
    assert_eq!(seam.client().auth_mode(), AuthMode::ApiKey);
}

#[test]
fn seam_http_constructor_requires_seam_api_key_when_passed_no_argument() {
    let _env = Env::clean();
    let err = Seam::from_env().unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("API key")),
        "{err:?}"
    );
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_seam_endpoint_environment_variable_is_used_first() {
    let _env = Env::clean()
        .set("SEAM_API_URL", "https://example.com")
        .set("SEAM_ENDPOINT", &fake_url());
    let client = Client::builder()
        .api_key(seed::SEAM_APIKEY1_TOKEN)
        .build()
        .unwrap();
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_seam_api_url_environment_variable_is_used_as_fallback() {
    let _env = Env::clean().set("SEAM_API_URL", &fake_url());
    let client = Client::builder()
        .api_key(seed::SEAM_APIKEY1_TOKEN)
        .build()
        .unwrap();
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_endpoint_option_overrides_environment_variables() {
    let _env = Env::clean()
        .set("SEAM_API_URL", "https://example.com")
        .set("SEAM_ENDPOINT", "https://example.com");
    let client = Client::builder()
        .api_key(seed::SEAM_APIKEY1_TOKEN)
        .endpoint(fake_url())
        .build()
        .unwrap();
    assert_gets_seeded_device(&seam_of(client)).await;
}

/// `Seam::new(key)` honours `SEAM_ENDPOINT` (JS `SeamHttp.fromApiKey(key)`).
#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_seam_endpoint_environment_variable_is_used_with_from_api_key() {
    let _env = Env::clean()
        .set("SEAM_API_URL", "https://example.com")
        .set("SEAM_ENDPOINT", &fake_url());
    let seam = Seam::new(seed::SEAM_APIKEY1_TOKEN).unwrap();
    assert_gets_seeded_device(&seam).await;
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_constructor_ignores_seam_api_key_environment_variable_if_used_with_client_session_token()
 {
    let _env = Env::clean().set("SEAM_API_KEY", "some-invalid-api-key-3");
    let client = Client::builder()
        .client_session_token(seed::SEAM_CST1_TOKEN)
        .endpoint(fake_url())
        .build()
        .unwrap();
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_seam_api_key_environment_variable_is_ignored_with_from_client_session_token() {
    let _env = Env::clean().set("SEAM_API_KEY", seed::SEAM_APIKEY1_TOKEN);
    let client = Client::builder()
        .client_session_token(seed::SEAM_CST1_TOKEN)
        .endpoint(fake_url())
        .build()
        .unwrap();
    assert_eq!(client.auth_mode(), AuthMode::ClientSession);
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_seam_api_key_environment_variable_is_ignored_with_from_publishable_key() {
    let _env = Env::clean().set("SEAM_API_KEY", seed::SEAM_APIKEY1_TOKEN);
    let client = Client::builder()
        .endpoint(fake_url())
        .build_from_publishable_key(seed::SEAM_PK1_TOKEN, seed::JOHN_USER_IDENTIFIER_KEY)
        .await
        .unwrap();
    assert_eq!(client.auth_mode(), AuthMode::ClientSession);
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_seam_api_key_environment_variable_is_ignored_with_from_console_session_token() {
    let _env = Env::clean().set("SEAM_API_KEY", seed::SEAM_APIKEY1_TOKEN);
    let client = Client::builder()
        .console_session_token(console_session_token(), seed::SEED_WORKSPACE_1)
        .endpoint(fake_url())
        .build()
        .unwrap();
    assert_eq!(client.auth_mode(), AuthMode::ConsoleSessionWithWorkspace);
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_seam_api_key_environment_variable_is_ignored_with_personal_access_token() {
    let _env = Env::clean().set("SEAM_API_KEY", seed::SEAM_APIKEY1_TOKEN);
    let client = Client::builder()
        .personal_access_token(seed::SEAM_AT1_TOKEN, seed::SEED_WORKSPACE_1)
        .endpoint(fake_url())
        .build()
        .unwrap();
    assert_eq!(
        client.auth_mode(),
        AuthMode::PersonalAccessTokenWithWorkspace
    );
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_seam_endpoint_environment_variable_is_used_with_from_publishable_key() {
    let _env = Env::clean().set("SEAM_ENDPOINT", &fake_url());
    let client = Client::builder()
        .build_from_publishable_key(seed::SEAM_PK1_TOKEN, seed::JOHN_USER_IDENTIFIER_KEY)
        .await
        .unwrap();
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_seam_endpoint_environment_variable_is_used_with_from_client_session_token() {
    let _env = Env::clean()
        .set("SEAM_API_URL", "https://example.com")
        .set("SEAM_ENDPOINT", &fake_url());
    let client = Client::builder()
        .client_session_token(seed::SEAM_CST1_TOKEN)
        .build()
        .unwrap();
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_constructor_uses_seam_personal_access_token_and_seam_workspace_id_environment_variables()
 {
    let _env = Env::clean()
        .set("SEAM_PERSONAL_ACCESS_TOKEN", seed::SEAM_AT1_TOKEN)
        .set("SEAM_WORKSPACE_ID", seed::SEED_WORKSPACE_1);
    let client = Client::builder().endpoint(fake_url()).build().unwrap();
    assert_eq!(
        client.auth_mode(),
        AuthMode::PersonalAccessTokenWithWorkspace
    );
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[test]
fn seam_http_throws_error_when_both_seam_api_key_and_seam_personal_access_token_are_defined() {
    let _env = Env::clean()
        .set("SEAM_API_KEY", "some-api-key")
        .set("SEAM_PERSONAL_ACCESS_TOKEN", "some-access-token")
        .set("SEAM_WORKSPACE_ID", "some-workspace-id");
    let err = Seam::from_env().unwrap_err();
    assert!(
        matches!(&err, Error::Config(m)
            if m.contains("both SEAM_API_KEY and SEAM_PERSONAL_ACCESS_TOKEN environment variables are set")),
        "{err:?}"
    );
}

/// The explicit token wins; the workspace still comes from `SEAM_WORKSPACE_ID`.
#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_personal_access_token_option_overrides_environment_variables() {
    let _env = Env::clean()
        .set("SEAM_PERSONAL_ACCESS_TOKEN", "some-invalid-token")
        .set("SEAM_WORKSPACE_ID", seed::SEED_WORKSPACE_1);
    let client = Client::builder()
        .personal_access_token_without_workspace(seed::SEAM_AT1_TOKEN)
        .endpoint(fake_url())
        .build()
        .unwrap();
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_workspace_id_option_overrides_environment_variables() {
    let _env = Env::clean()
        .set("SEAM_PERSONAL_ACCESS_TOKEN", seed::SEAM_AT1_TOKEN)
        .set("SEAM_WORKSPACE_ID", "some-invalid-workspace");
    let client = Client::builder()
        .workspace_id(seed::SEED_WORKSPACE_1)
        .endpoint(fake_url())
        .build()
        .unwrap();
    assert_gets_seeded_device(&seam_of(client)).await;
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_without_workspace_constructor_uses_seam_personal_access_token_environment_variable()
 {
    let _env = Env::clean().set("SEAM_PERSONAL_ACCESS_TOKEN", seed::SEAM_AT1_TOKEN);
    let client = Client::builder().endpoint(fake_url()).build().unwrap();
    assert_eq!(
        client.auth_mode(),
        AuthMode::PersonalAccessTokenWithoutWorkspace
    );
    let workspaces = seam::SeamWithoutWorkspace::from_client(client)
        .workspaces()
        .list()
        .await
        .unwrap();
    assert!(!workspaces.is_empty());
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_without_workspace_personal_access_token_option_overrides_environment_variables()
{
    let _env = Env::clean().set("SEAM_PERSONAL_ACCESS_TOKEN", "some-invalid-token");
    let client = Client::builder()
        .personal_access_token_without_workspace(seed::SEAM_AT1_TOKEN)
        .endpoint(fake_url())
        .build()
        .unwrap();
    let workspaces = seam::SeamWithoutWorkspace::from_client(client)
        .workspaces()
        .list()
        .await
        .unwrap();
    assert!(!workspaces.is_empty());
}
