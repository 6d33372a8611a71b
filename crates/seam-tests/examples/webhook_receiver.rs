//! A webhook receiver on axum: verifies Seam's deliveries with `seam::webhook::Webhook` and
//! handles a few event types.
//!
//! ```text
//! SEAM_WEBHOOK_SECRET=whsec_... cargo run -p seam-tests --example webhook_receiver -- 3000
//! ```
//!
//! It listens on 127.0.0.1 only, on the port given as the first argument, else `PORT`, else 3000,
//! and takes deliveries at `POST /webhook`. Put a tunnel or reverse proxy in front of it to receive
//! Seam's deliveries. Answers:
//! - 200 with a line saying what it did, for an event it handles;
//! - 202 for an authentic delivery it ignores (another event type, or a body that is not an
//!   event: retrying would not change it, so it is accepted and logged, not refused);
//! - 401 with the reason for a delivery that fails verification (not from Seam, altered, replayed
//!   late): Svix retries it, but it will never verify.

use std::process::ExitCode;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use seam::types::Event;
use seam::webhook::{Webhook, WebhookError};

/// The port when neither an argument nor `PORT` gives one.
const DEFAULT_PORT: u16 = 3000;

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
    let secret = std::env::var("SEAM_WEBHOOK_SECRET")
        .map_err(|_| "set SEAM_WEBHOOK_SECRET to the endpoint's secret (whsec_...)")?;
    let webhook = Webhook::new(&secret)?;
    let port = match std::env::args()
        .nth(1)
        .or_else(|| std::env::var("PORT").ok())
    {
        Some(port) => port
            .parse::<u16>()
            .map_err(|_| format!("not a port: {port}"))?,
        None => DEFAULT_PORT,
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on http://{}/webhook", listener.local_addr()?);
    axum::serve(listener, router(webhook)).await?;
    Ok(())
}

/// The receiver's routes: `POST /webhook`.
pub fn router(webhook: Webhook) -> Router {
    Router::new()
        .route("/webhook", post(receive))
        .with_state(webhook)
}

/// Verifies one delivery (the body exactly as received) and handles its event.
async fn receive(
    State(webhook): State<Webhook>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    match webhook.verify(&body, &headers) {
        Ok(event) => handle(event),
        Err(WebhookError::Verification(err)) => (StatusCode::UNAUTHORIZED, err.to_string()),
        Err(err) => {
            eprintln!("authentic delivery that is not an event: {err}");
            (StatusCode::ACCEPTED, "ignored: not an event\n".to_owned())
        }
    }
}

/// What the application does with each event it cares about.
fn handle(event: Event) -> (StatusCode, String) {
    let done = match &event {
        Event::LockUnlocked(e) => match (&e.device_id, &e.acs_entrance_id) {
            (Some(device), _) => format!("lock.unlocked: device {device}"),
            (None, Some(entrance)) => format!("lock.unlocked: entrance {entrance}"),
            (None, None) => "lock.unlocked".to_owned(),
        },
        Event::AccessCodeSetOnDevice(e) => format!(
            "access_code.set_on_device: code {} on device {}",
            e.access_code_id, e.device_id
        ),
        Event::AcsCredentialIssued(e) => {
            format!("acs_credential.issued: credential {}", e.acs_credential_id)
        }
        Event::DeviceDisconnected(e) => format!("device.disconnected: device {}", e.device_id),
        // Event types this crate does not know still verify; the raw JSON is kept.
        Event::Unknown(raw) => {
            let kind = raw
                .get("event_type")
                .and_then(|t| t.as_str())
                .unwrap_or("?");
            return (
                StatusCode::ACCEPTED,
                format!("ignored: unknown event type {kind}\n"),
            );
        }
        other => {
            let kind = other.event_type().unwrap_or("?");
            return (StatusCode::ACCEPTED, format!("ignored: {kind}\n"));
        }
    };
    println!("{done}");
    (StatusCode::OK, format!("{done}\n"))
}
