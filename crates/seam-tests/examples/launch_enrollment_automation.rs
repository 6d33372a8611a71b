//! Launches an enrollment automation for a user identity, as in Seam's "Issuing Mobile Credentials
//! from an Access Control System" guide: the credential manager creates its own user for the
//! identity and issues credentials from a credential pool.
//!
//! Run it against a Prism mock of the spec (or Seam itself):
//!
//! ```text
//! SEAM_ENDPOINT=http://127.0.0.1:4010 SEAM_API_KEY=seam_test_key \
//!     cargo run -p seam-tests --example launch_enrollment_automation
//! ```

use std::process::ExitCode;

use seam::user_identities::enrollment_automations::LaunchRequest;

/// Used when `SEAM_ENDPOINT` is unset: a local Prism mock.
const DEFAULT_ENDPOINT: &str = "http://127.0.0.1:4010";
/// Used when `SEAM_API_KEY` is unset: a placeholder a mock accepts (Seam itself refuses it).
const DEFAULT_API_KEY: &str = "seam_test_placeholder_key";

/// The credential manager's access system.
const CREDENTIAL_MANAGER_ACS_SYSTEM_ID: &str = "6737e186-8d54-48ce-a7da-a0be4d252172";
/// The user identity to enroll.
const USER_IDENTITY_ID: &str = "5c945ab5-c75e-4bcb-8e5f-9410061c401f";
/// The pool the credentials come from.
const ACS_CREDENTIAL_POOL_ID: &str = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

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
    let automation = seam
        .user_identities()
        .enrollment_automations()
        .launch(
            LaunchRequest::new(CREDENTIAL_MANAGER_ACS_SYSTEM_ID, USER_IDENTITY_ID)
                .acs_credential_pool_id(ACS_CREDENTIAL_POOL_ID)
                .create_credential_manager_user(true),
        )
        .await?;
    println!(
        "launched enrollment automation {} for user identity {} (credential manager {}, created {})",
        automation.enrollment_automation_id,
        automation.user_identity_id,
        automation.credential_manager_acs_system_id,
        automation.created_at,
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
