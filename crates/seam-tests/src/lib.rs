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
