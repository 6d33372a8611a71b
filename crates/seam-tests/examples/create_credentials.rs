//! Creates three credentials for an access system user, as in Seam's "Managing Credentials" guide:
//! a PIN code, a card, and a mobile key with Visionline (ASSA ABLOY) metadata.
//!
//! Run it against a Prism mock of the spec (or Seam itself):
//!
//! ```text
//! SEAM_ENDPOINT=http://127.0.0.1:4010 SEAM_API_KEY=seam_test_key \
//!     cargo run -p seam-tests --example create_credentials
//! ```

use std::process::ExitCode;

use seam::acs::credentials::{
    CreateRequest, CreateRequestAccessMethod, CreateRequestVisionlineMetadata,
    CreateRequestVisionlineMetadataCardFunctionType,
};
use seam::types::AcsCredential;

/// Used when `SEAM_ENDPOINT` is unset: a local Prism mock.
const DEFAULT_ENDPOINT: &str = "http://127.0.0.1:4010";
/// Used when `SEAM_API_KEY` is unset: a placeholder a mock accepts (Seam itself refuses it).
const DEFAULT_API_KEY: &str = "seam_test_placeholder_key";

/// The access system user who gets the credentials.
const ACS_USER_ID: &str = "33333333-3333-3333-3333-333333333333";
/// The credential manager (a Visionline system) that issues the mobile key.
const CREDENTIAL_MANAGER_ACS_SYSTEM_ID: &str = "88888888-8888-8888-8888-888888888888";

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let seam = connect()?;
    let credentials = seam.acs().credentials();

    // A PIN code.
    let pin = credentials
        .create(
            CreateRequest::new(CreateRequestAccessMethod::Code)
                .acs_user_id(ACS_USER_ID)
                .code("824759"),
        )
        .await?;
    show("PIN code", &pin);

    // A card (encoded onto a physical card afterwards).
    let card = credentials
        .create(
            CreateRequest::new(CreateRequestAccessMethod::Card)
                .acs_user_id(ACS_USER_ID)
                .code("123456"),
        )
        .await?;
    show("card", &card);

    // A mobile key, valid for three days on two entrances, synced to all of the user's phones,
    // with manufacturer-specific metadata for a Visionline credential manager.
    let mobile_key = credentials
        .create(
            CreateRequest::new(CreateRequestAccessMethod::MobileKey)
                .acs_user_id(ACS_USER_ID)
                .allowed_acs_entrance_ids(vec![
                    "55555555-5555-5555-5555-555555555555".to_owned(),
                    "55555555-5555-5555-5555-000000000000".to_owned(),
                ])
                .credential_manager_acs_system_id(CREDENTIAL_MANAGER_ACS_SYSTEM_ID)
                .is_multi_phone_sync_credential(true)
                .starts_at("2024-03-01T10:40:00Z".parse()?)
                .ends_at("2024-03-04T10:40:00Z".parse()?)
                .visionline_metadata(
                    CreateRequestVisionlineMetadata::new()
                        .card_function_type(CreateRequestVisionlineMetadataCardFunctionType::Guest)
                        .auto_join(true),
                ),
        )
        .await?;
    show("mobile key", &mobile_key);
    Ok(())
}

/// A client for `SEAM_ENDPOINT` with `SEAM_API_KEY` (or the local defaults).
fn connect() -> Result<seam::Seam, Box<dyn std::error::Error>> {
    let seam = seam::Seam::builder()
        .api_key(env_or("SEAM_API_KEY", DEFAULT_API_KEY)?)
        .endpoint(env_or("SEAM_ENDPOINT", DEFAULT_ENDPOINT)?)
        .build()?;
    Ok(seam)
}

/// The value of environment variable `name`, or `default` when it is unset or empty.
fn env_or(name: &str, default: &str) -> Result<String, Box<dyn std::error::Error>> {
    match std::env::var(name) {
        Ok(value) if !value.trim().is_empty() => Ok(value),
        Ok(_) | Err(std::env::VarError::NotPresent) => Ok(default.to_owned()),
        Err(err) => Err(format!("{name}: {err}").into()),
    }
}

fn show(what: &str, credential: &AcsCredential) {
    println!(
        "created {what} credential {} (access method {}, user {}, system {})",
        credential.acs_credential_id,
        credential.access_method,
        credential.acs_user_id.as_deref().unwrap_or("-"),
        credential.acs_system_id,
    );
    if let Some(code) = &credential.code {
        println!("  code: {code}");
    }
    if let (Some(starts), Some(ends)) = (&credential.starts_at, &credential.ends_at) {
        println!("  valid from {starts} to {ends}");
    }
}
