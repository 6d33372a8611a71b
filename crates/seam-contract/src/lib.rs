//! Runners of the generated suites: the contract suite (`generated/tests/contract.rs`, this
//! module), the round-trip suite ([`roundtrip`]) and the Rust half of the differential suite
//! against Seam's JS SDK ([`parity`]), with a local test server ([`server`]).
//!
//! The generator emits one [`Case`] per sample request of every operation; this crate sends each
//! through the generated client to a mock of the spec (Prism, at `SEAM_MOCK_URL`) several times
//! with `Prefer: dynamic=true`, sorts every outcome, prints a report per operation and fails on
//! any request the mock rejected, any response the client could not decode, or any sample the
//! client's own request type refused. Mock faults (a 5xx, a dropped connection) are retried and
//! counted apart.

mod clients;
mod http1;
pub mod parity;
mod report;
pub mod roundtrip;
pub mod server;

pub use clients::{Clients, credential};
pub use report::{Outcome, Report};
pub use server::{LocalServer, Recorded};

use futures_util::StreamExt;
use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

/// The environment variable naming the mock's base URL.
pub const MOCK_URL_VAR: &str = "SEAM_MOCK_URL";
/// The environment variable overriding how many times each sample is sent (default 5).
pub const CALLS_VAR: &str = "SEAM_CONTRACT_CALLS";
/// The environment variable naming a file to write the report to (besides stdout).
pub const REPORT_VAR: &str = "SEAM_CONTRACT_REPORT";
/// Concurrent requests to the mock.
const CONCURRENCY: usize = 4;
/// Attempts for a call the mock answers with a 5xx or whose connection it drops.
const MOCK_FAULT_ATTEMPTS: usize = 3;

/// Why one call failed.
#[derive(Debug)]
pub enum CaseError {
    /// The sample did not deserialize into the operation's request type.
    Sample(serde_json::Error),
    /// The call failed (rejected by the mock, undecodable response, transport, ...).
    Call(seam_runtime::Error),
    /// The decoded response did not encode back to JSON.
    Encode(serde_json::Error),
}

impl From<seam_runtime::Error> for CaseError {
    fn from(e: seam_runtime::Error) -> Self {
        CaseError::Call(e)
    }
}

/// Deserializes a sample into the request type the method takes.
pub fn parse<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, CaseError> {
    serde_json::from_str(json).map_err(CaseError::Sample)
}

/// The future one call returns: what the method returned, encoded as JSON (`null` for `()`).
pub type CallFuture = Pin<Box<dyn Future<Output = Result<serde_json::Value, CaseError>> + Send>>;

/// One sample request of one operation, and how to send it with client `C`.
pub struct Case<C> {
    /// The operation's HTTP path.
    pub path: &'static str,
    /// `minimal` or `full`.
    pub sample: &'static str,
    /// The request body as JSON.
    pub json: &'static str,
    /// The credential the case calls with (one the operation accepts).
    pub auth: seam_runtime::AuthMode,
    /// Sends the sample through the generated method.
    pub call: fn(C, &'static str) -> CallFuture,
}

/// One operation with its sample requests, which share the one call that sends them.
pub struct OperationCases<C> {
    /// The operation's HTTP path.
    pub path: &'static str,
    /// The credential its cases call with (one the operation accepts).
    pub auth: seam_runtime::AuthMode,
    /// The samples: label (`minimal`, `full`) and request body as JSON.
    pub samples: &'static [(&'static str, &'static str)],
    /// Sends one sample through the generated method.
    pub call: fn(C, &'static str) -> CallFuture,
}

/// One [`Case`] per sample of each operation, in order.
pub fn cases<C>(operations: Vec<OperationCases<C>>) -> Vec<Case<C>> {
    operations
        .into_iter()
        .flat_map(|op| {
            op.samples.iter().map(move |&(sample, json)| Case {
                path: op.path,
                sample,
                json,
                auth: op.auth,
                call: op.call,
            })
        })
        .collect()
}

/// Why an operation cannot be called on the mock at all, if so (stated, and counted).
pub fn not_callable(path: &str) -> Option<&'static str> {
    path.contains(['[', ']'])
        .then_some("Prism does not route paths with literal brackets (answers 404 for any request)")
}

/// Runs every case against the mock at `SEAM_MOCK_URL`, prints the report, and panics when any
/// call was rejected or did not decode. `client` builds the client for a base URL.
pub async fn run<C: Clone + Send + 'static>(
    cases: Vec<Case<C>>,
    client: impl Fn(&str, &[(&str, &str)]) -> seam_runtime::Result<C>,
) {
    let url = std::env::var(MOCK_URL_VAR).unwrap_or_else(|_| {
        panic!("{MOCK_URL_VAR} is not set: run `cargo xtask test`, or start a mock of the spec and set {MOCK_URL_VAR}")
    });
    let calls: usize = std::env::var(CALLS_VAR)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
        .max(1);
    let seam = client(&url, &[("Prefer", "dynamic=true")]).expect("client for the mock");
    let start = Instant::now();
    let mut report = Report::default();
    let mut jobs = Vec::new();
    for case in &cases {
        if let Some(reason) = not_callable(case.path) {
            report.not_callable(case.path, reason);
            continue;
        }
        for _ in 0..calls {
            jobs.push((case.path, case.sample, case.json, case.call));
        }
    }
    let outcomes: Vec<(&'static str, &'static str, &'static str, Outcome)> =
        futures_util::stream::iter(jobs)
            .map(|(path, sample, json, call)| {
                let seam = seam.clone();
                let url = url.clone();
                async move {
                    let mut faults = 0;
                    let outcome = loop {
                        let outcome = Outcome::of(call(seam.clone(), json).await.map(drop));
                        match outcome {
                            Outcome::MockFault(_) if faults + 1 < MOCK_FAULT_ATTEMPTS => {
                                faults += 1
                            }
                            Outcome::Rejected { status, .. } => {
                                break Outcome::Rejected {
                                    status,
                                    violations: violations(&url, path, json).await,
                                };
                            }
                            other => break other,
                        }
                    };
                    (path, sample, json, outcome.with_retried_faults(faults))
                }
            })
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;
    for (path, sample, json, outcome) in outcomes {
        report.record(path, sample, json, outcome);
    }
    let text = report.render(start.elapsed());
    println!("{text}");
    if let Ok(path) = std::env::var(REPORT_VAR)
        && let Err(e) = std::fs::write(&path, &text)
    {
        eprintln!("could not write the report to {path}: {e}");
    }
    assert!(
        report.is_clean(),
        "the contract suite failed: see the report above"
    );
}

/// Sends the sample again without the client (plain HTTP/1.1 over TCP: the mock is local) to
/// read Prism's `sl-violations` header.
async fn violations(url: &str, path: &str, json: &str) -> String {
    match resend(url, path, json).await {
        Ok(head) => head
            .lines()
            .find_map(|l| {
                l.split_once(':')
                    .filter(|(k, _)| k.eq_ignore_ascii_case("sl-violations"))
            })
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_else(|| "(no sl-violations header)".to_owned()),
        Err(e) => format!("(could not re-send to read violations: {e})"),
    }
}

async fn resend(url: &str, path: &str, json: &str) -> std::io::Result<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = url
        .strip_prefix("http://")
        .unwrap_or(url)
        .trim_end_matches('/');
    let mut stream = tokio::net::TcpStream::connect(host).await?;
    let request = format!(
        "POST {path} HTTP/1.1\r\nhost: {host}\r\nauthorization: Bearer seam_contract_suite\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{json}",
        json.len()
    );
    stream.write_all(request.as_bytes()).await?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await?;
    let text = String::from_utf8_lossy(&response);
    Ok(text.split("\r\n\r\n").next().unwrap_or_default().to_owned())
}
