//! Test support for the generated `seam` crate: a client pointed at the local recording server
//! of `seam-contract` (which answers with canned JSON and records what the client sent).

pub use seam_contract::{LocalServer, Recorded};

/// A [`LocalServer`] with a `seam::Seam` client pointed at it.
pub struct RecordingServer {
    server: LocalServer,
}

impl RecordingServer {
    /// Starts a server answering `status` with `body`.
    pub async fn start(status: u16, body: serde_json::Value) -> RecordingServer {
        let server = LocalServer::start(status, &body)
            .await
            .expect("bind 127.0.0.1");
        RecordingServer { server }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        self.server.url()
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.server.requests()
    }

    /// A `seam::Seam` client pointed at this server, with retries off.
    pub fn client(&self) -> seam::Seam {
        seam::Seam::builder()
            .api_key("seam_test_key")
            .endpoint(self.server.url())
            .no_retries()
            .build()
            .expect("client builds")
    }
}

/// A number no other call in this process returns, and unlikely to repeat across runs against the
/// same fake server (fake-seam-connect keeps what earlier runs created until it restarts).
pub fn unique_number() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or_default();
    nanos.wrapping_add(COUNTER.fetch_add(7919, Ordering::Relaxed))
}
