//! Sorting call outcomes and printing the per-operation report.

use crate::CaseError;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

/// What one call came to.
#[derive(Debug)]
pub enum Outcome {
    /// Sent, accepted, response decoded.
    Ok {
        /// Mock faults (5xx answers, dropped connections) retried before it succeeded.
        retried_faults: usize,
    },
    /// The mock refused the request (4xx), with its `sl-violations`.
    Rejected {
        /// HTTP status.
        status: u16,
        /// Prism's violations header.
        violations: String,
    },
    /// The response did not decode into the method's return type.
    Undecodable(String),
    /// The sample did not fit the request type.
    BadSample(String),
    /// The mock answered 5xx or closed the connection without answering.
    MockFault(String),
    /// Anything else (a timeout, a response that did not encode back): a failure.
    Other(String),
}

impl Outcome {
    /// Sorts a call result.
    pub fn of(result: Result<(), CaseError>) -> Outcome {
        let error = match result {
            Ok(()) => return Outcome::Ok { retried_faults: 0 },
            Err(CaseError::Sample(e)) => return Outcome::BadSample(e.to_string()),
            Err(CaseError::Call(e)) => e,
            Err(CaseError::Encode(e)) => {
                return Outcome::Other(format!("the decoded response did not encode: {e}"));
            }
        };
        match error.status() {
            Some(status) if status >= 500 => Outcome::MockFault(chain(&error)),
            Some(status) if status >= 400 => Outcome::Rejected {
                status,
                violations: String::new(),
            },
            _ if matches!(error, seam_runtime::Error::Decode(_)) => {
                Outcome::Undecodable(chain(&error))
            }
            _ if matches!(error, seam_runtime::Error::Transport { .. }) => {
                Outcome::MockFault(chain(&error))
            }
            _ => Outcome::Other(chain(&error)),
        }
    }

    /// Records mock faults retried before this outcome.
    pub fn with_retried_faults(self, faults: usize) -> Outcome {
        match self {
            Outcome::Ok { .. } => Outcome::Ok {
                retried_faults: faults,
            },
            other => other,
        }
    }
}

/// `error` and each of its sources, joined by `: ` (a transport error's cause, such as
/// "connection reset by peer", is only in its sources), without repeating a message a source
/// already printed as part of its own.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        let message = e.to_string();
        if !text.contains(&message) {
            text.push_str(": ");
            text.push_str(&message);
        }
        source = e.source();
    }
    text
}

/// Counts of one operation.
#[derive(Debug, Default)]
struct Row {
    calls: usize,
    ok: usize,
    rejected: usize,
    undecodable: usize,
    bad_sample: usize,
    mock_faults: usize,
    other: usize,
    details: Vec<String>,
}

/// The suite's results, per operation.
#[derive(Debug, Default)]
pub struct Report {
    rows: BTreeMap<&'static str, Row>,
    skipped: BTreeMap<&'static str, &'static str>,
}

impl Report {
    /// Lists an operation the suite cannot call, with the reason.
    pub fn not_callable(&mut self, path: &'static str, reason: &'static str) {
        self.skipped.insert(path, reason);
    }

    /// Records one call.
    pub fn record(&mut self, path: &'static str, sample: &str, json: &str, outcome: Outcome) {
        let row = self.rows.entry(path).or_default();
        row.calls += 1;
        let detail = match outcome {
            Outcome::Ok { retried_faults } => {
                row.ok += 1;
                row.mock_faults += retried_faults;
                None
            }
            Outcome::Rejected { status, violations } => {
                row.rejected += 1;
                Some(format!(
                    "{sample}: rejected with {status}: {violations}; sent {json}"
                ))
            }
            Outcome::Undecodable(e) => {
                row.undecodable += 1;
                Some(format!("{sample}: response did not decode: {e}"))
            }
            Outcome::BadSample(e) => {
                row.bad_sample += 1;
                Some(format!(
                    "{sample}: sample refused by the request type: {e}; sample {json}"
                ))
            }
            Outcome::MockFault(e) => {
                row.mock_faults += 1;
                Some(format!(
                    "{sample}: mock fault (5xx or dropped connection) on every attempt: {e}"
                ))
            }
            Outcome::Other(e) => {
                row.other += 1;
                Some(format!("{sample}: {e}"))
            }
        };
        if let Some(d) = detail
            && !row.details.contains(&d)
        {
            row.details.push(d);
        }
    }

    /// Whether nothing failed on the client's side (mock faults that persisted count as failures
    /// too, since the operation was then never shown to work).
    pub fn is_clean(&self) -> bool {
        self.rows
            .values()
            .all(|r| r.rejected + r.undecodable + r.bad_sample + r.other == 0 && r.ok > 0)
    }

    /// The report as text.
    pub fn render(&self, elapsed: Duration) -> String {
        let mut out = String::new();
        let total = |f: fn(&Row) -> usize| self.rows.values().map(f).sum::<usize>();
        let failing: Vec<(&&str, &Row)> = self
            .rows
            .iter()
            .filter(|(_, r)| r.rejected + r.undecodable + r.bad_sample + r.other > 0 || r.ok == 0)
            .collect();
        let _ = writeln!(
            out,
            "contract suite: {} operations called, {} not callable",
            self.rows.len(),
            self.skipped.len()
        );
        let _ = writeln!(
            out,
            "  calls {} | ok {} | rejected {} | undecodable {} | sample refused {} | other {} | mock faults (5xx or dropped connection; retried, apart) {} | {:.1} s",
            total(|r| r.calls),
            total(|r| r.ok),
            total(|r| r.rejected),
            total(|r| r.undecodable),
            total(|r| r.bad_sample),
            total(|r| r.other),
            total(|r| r.mock_faults),
            elapsed.as_secs_f64()
        );
        for (path, reason) in &self.skipped {
            let _ = writeln!(out, "  not callable: {path}: {reason}");
        }
        for (path, row) in &self.rows {
            if row.mock_faults > 0 {
                let _ = writeln!(out, "  mock faults: {path}: {} (retried)", row.mock_faults);
            }
        }
        for (path, row) in failing {
            let _ = writeln!(
                out,
                "  FAILED {path}: {} calls, {} ok, {} rejected, {} undecodable, {} sample refused, {} other",
                row.calls, row.ok, row.rejected, row.undecodable, row.bad_sample, row.other
            );
            for d in row.details.iter().take(3) {
                let shown: String = d.chars().take(600).collect();
                let _ = writeln!(out, "      {shown}");
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use seam_runtime::{AuthModes, Client, Route};

    static ROUTE: Route = Route {
        path: "/devices/list",
        response_key: None,
        retry_safe: true,
        has_body: true,
        auth: AuthModes::ANY,
    };

    #[tokio::test]
    async fn a_dropped_connection_is_a_mock_fault_with_its_cause() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let server = std::thread::spawn(move || drop(listener.accept()));
        let client = Client::builder()
            .api_key("seam_contract_suite")
            .endpoint(url)
            .no_retries()
            .ignore_env()
            .build()
            .unwrap();
        let result = client
            .call_unit(&ROUTE, &serde_json::json!({}))
            .await
            .map_err(CaseError::Call);
        server.join().unwrap();
        match Outcome::of(result) {
            Outcome::MockFault(text) => {
                assert!(
                    text.starts_with("transport error calling /devices/list"),
                    "{text}"
                );
                // The cause (reqwest names the request, hyper says what happened) follows.
                assert!(text.matches(": ").count() >= 2, "{text}");
            }
            other => panic!("expected a mock fault, got {other:?}"),
        }
    }

    #[test]
    fn the_chain_skips_a_cause_already_printed() {
        #[derive(Debug)]
        struct E(&'static str, Option<Box<E>>);
        impl std::fmt::Display for E {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.0)
            }
        }
        impl std::error::Error for E {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                self.1.as_deref().map(|e| e as _)
            }
        }
        let inner = E("connection reset", None);
        let middle = E("sending failed", Some(Box::new(inner)));
        let outer = E("call failed: sending failed", Some(Box::new(middle)));
        assert_eq!(
            chain(&outer),
            "call failed: sending failed: connection reset"
        );
    }
}
