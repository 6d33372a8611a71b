//! Assigns an existing credential to an access system user, as in Seam's "Assigning a Credential
//! to an ACS User" guide, then reads the credential back.
//!
//! Run it against a Prism mock of the spec (or Seam itself):
//!
//! ```text
//! SEAM_ENDPOINT=http://127.0.0.1:4010 SEAM_API_KEY=seam_test_key \
//!     cargo run -p seam-tests --example assign_credential
//! ```

use std::process::ExitCode;

use seam::acs::credentials::{AssignRequest, GetRequest};

/// Used when `SEAM_ENDPOINT` is unset: a local Prism mock.
const DEFAULT_ENDPOINT: &str = "http://127.0.0.1:4010";
/// Used when `SEAM_API_KEY` is unset: a placeholder a mock accepts (Seam itself refuses it).
const DEFAULT_API_KEY: &str = "seam_test_placeholder_key";

/// The credential to assign.
const ACS_CREDENTIAL_ID: &str = "66666666-6666-6666-6666-666666666666";
/// The access system user who gets it.
const ACS_USER_ID: &str = "33333333-3333-3333-3333-333333333333";

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
    seam.acs()
        .credentials()
        .assign(AssignRequest::new(ACS_CREDENTIAL_ID).acs_user_id(ACS_USER_ID))
        .await?;
    println!("assigned credential {ACS_CREDENTIAL_ID} to ACS user {ACS_USER_ID}");

    let credential = seam
        .acs()
        .credentials()
        .get(GetRequest::new(ACS_CREDENTIAL_ID))
        .await?;
    println!(
        "credential {} ({}): ACS user {}, display name {:?}",
        credential.acs_credential_id,
        credential.access_method,
        credential.acs_user_id.as_deref().unwrap_or("-"),
        credential.display_name,
    );
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
