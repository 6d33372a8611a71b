//! Shared helpers of the `connect_*` tests: ports of the client-behaviour tests of Seam's
//! JavaScript SDK (`javascript-http`, `test/seam/connect/*.test.ts`), run against
//! `@seamapi/fake-seam-connect` at `SEAM_FAKE_URL`.
//!
//! The tests share one fake server (it cannot be restarted per test): each test either only
//! reads the seed or works in resources it creates (a fresh workspace for the outage tests), so
//! every test can run alone or alongside all the others.

#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use seam::{Client, ClientBuilder, Seam};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The environment variable holding the fake's base URL.
pub const FAKE_URL_VAR: &str = "SEAM_FAKE_URL";

/// The fake's seed (the `seed` object of `@seamapi/fake-seam-connect`).
pub mod seed {
    /// API key of `seed_workspace_1`.
    pub const SEAM_APIKEY1_TOKEN: &str = "seam_apikey1_token";
    /// API key of an empty workspace.
    pub const SEAM_APIKEY2_TOKEN: &str = "seam_apikey2_token";
    /// Client session token of john in `seed_workspace_1`.
    pub const SEAM_CST1_TOKEN: &str = "seam_cst1_token";
    /// Publishable key of `seed_workspace_1`.
    pub const SEAM_PK1_TOKEN: &str = "seam_pk1_token";
    /// Personal access token of john (the seed's `seam_at1_token`).
    pub const SEAM_AT1_TOKEN: &str = "seam_at1_longtoken";
    /// The seeded workspace.
    pub const SEED_WORKSPACE_1: &str = "seed_workspace_1";
    /// A seeded August lock.
    pub const AUGUST_DEVICE_1: &str = "august_device_1";
    /// john's user identifier key (his client session is `seam_cst1_token`).
    pub const JOHN_USER_IDENTIFIER_KEY: &str = "john_user_identifier_key";
    /// john's user id and console session key (the claims of a console session token).
    pub const JOHN_USER_ID: &str = "john_user_id";
    /// See [`JOHN_USER_ID`].
    pub const JOHN_USER_KEY: &str = "john_user_key";
    /// The secret the fake verifies console session tokens (HS256 JWTs) with.
    pub const JWT_SECRET: &[u8] = b"secret";
}

/// The fake's base URL; panics with instructions when it is not set (never passes silently).
pub fn fake_url() -> String {
    match std::env::var(FAKE_URL_VAR) {
        Ok(url) if !url.trim().is_empty() => url.trim_end_matches('/').to_owned(),
        _ => panic!(
            "{FAKE_URL_VAR} is not set: these tests need fake-seam-connect. Run `cargo xtask test`, \
             or start it (`node xtask/peers/fake-seam-connect.mjs --port 8787`) and set \
             {FAKE_URL_VAR}=http://127.0.0.1:8787"
        ),
    }
}

/// A builder for the fake that reads no process environment (tests run in parallel; the
/// environment tests pass theirs with `env_from`).
pub fn builder() -> ClientBuilder {
    Client::builder()
        .ignore_env()
        .endpoint(fake_url())
        .timeout(Duration::from_secs(10))
}

/// A `Seam` from a runtime client.
pub fn seam_of(client: Client) -> Seam {
    Seam::from_client(client)
}

/// A client of the seeded workspace with its API key.
pub fn seam_with_api_key() -> Seam {
    seam_of(
        builder()
            .api_key(seed::SEAM_APIKEY1_TOKEN)
            .build()
            .expect("client builds"),
    )
}

/// The check most JS tests end with: `devices.get(august_device_1)` answers that device of the
/// seeded workspace.
pub async fn assert_gets_seeded_device(seam: &Seam) {
    let device = seam
        .devices()
        .get(seam::devices::GetRequest::new().device_id(seed::AUGUST_DEVICE_1))
        .await
        .expect("devices/get succeeds");
    assert_eq!(device.workspace_id, seed::SEED_WORKSPACE_1);
    assert_eq!(device.device_id, seed::AUGUST_DEVICE_1);
}

/// A console session token for john: an HS256 JWT over `{"user_id", "key"}` signed with the
/// fake's secret (what the JS tests make with `jsonwebtoken`).
pub fn console_session_token() -> String {
    let header = base64url(br#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = serde_json::json!({
        "user_id": seed::JOHN_USER_ID,
        "key": seed::JOHN_USER_KEY,
        "iat": std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default(),
    });
    let payload = base64url(claims.to_string().as_bytes());
    let signed = format!("{header}.{payload}");
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, seed::JWT_SECRET);
    let signature = base64url(ring::hmac::sign(&key, signed.as_bytes()).as_ref());
    format!("{signed}.{signature}")
}

/// Base64url without padding (RFC 7515).
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

pub use seam_tests::unique_number;

/// A new empty workspace (made with john's personal access token) and a client session token
/// acting in it: for tests that break their workspace (simulated outages) without touching the
/// seeded one the other tests use.
pub async fn fresh_workspace_session() -> (String, String) {
    let without_workspace = seam_of(
        builder()
            .personal_access_token_without_workspace(seed::SEAM_AT1_TOKEN)
            .build()
            .expect("client builds"),
    );
    // fake-seam-connect 1.86.0 still requires the deprecated `connect_partner_name`.
    #[allow(deprecated)]
    let workspace = without_workspace
        .workspaces()
        .create(
            seam::workspaces::CreateRequest::new(format!("outage test {}", unique_number()))
                .connect_partner_name("seam-codegen tests")
                .is_sandbox(true),
        )
        .await
        .expect("workspaces/create succeeds");
    let in_workspace = seam_of(
        builder()
            .personal_access_token(seed::SEAM_AT1_TOKEN, workspace.workspace_id.clone())
            .build()
            .expect("client builds"),
    );
    let session = in_workspace
        .client_sessions()
        .create(
            seam::client_sessions::CreateRequest::new()
                .user_identifier_key(format!("outage-user-{}", unique_number())),
        )
        .await
        .expect("client_sessions/create succeeds");
    (workspace.workspace_id, session.token)
}

/// `POST /_fake/simulate_workspace_outage`: `routes` of `workspace_id` answer 503 with no body.
pub async fn simulate_workspace_outage(workspace_id: &str, routes: &[&str]) {
    static OUTAGE: seam_runtime::Route = seam_runtime::Route {
        path: "/_fake/simulate_workspace_outage",
        response_key: None,
        retry_safe: false,
        has_body: true,
        auth: seam_runtime::AuthModes::ANY,
    };
    // The helper route takes no auth; any well-formed credential will do.
    let client = builder()
        .api_key("seam_unused_key")
        .build()
        .expect("client");
    client
        .call_unit(
            &OUTAGE,
            &serde_json::json!({ "workspace_id": workspace_id, "routes": routes }),
        )
        .await
        .expect("simulate_workspace_outage succeeds");
}

/// One request as a [`CountingProxy`] saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// `POST /devices/list`.
    pub request_line: String,
    /// Header names in lower case, with their values.
    pub headers: Vec<(String, String)>,
}

impl Seen {
    /// The value of a header, by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A proxy on 127.0.0.1 in front of the fake that records every request it forwards (one
/// request per connection: it asks both sides to close after the response). Tests point the
/// client's endpoint at [`CountingProxy::url`] to count attempts and read headers.
pub struct CountingProxy {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: tokio::task::JoinHandle<()>,
}

impl CountingProxy {
    /// Starts a proxy forwarding to the fake.
    pub async fn start() -> CountingProxy {
        let upstream = fake_url()
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&seen);
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let upstream = upstream.clone();
                let recorded = Arc::clone(&recorded);
                tokio::spawn(async move {
                    let _ = forward(client, &upstream, &recorded).await;
                });
            }
        });
        CountingProxy { url, seen, task }
    }

    /// The proxy's base URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The requests forwarded so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("lock").clone()
    }

    /// How many requests went to `path` (e.g. `/devices/list`).
    pub fn count(&self, path: &str) -> usize {
        self.seen()
            .iter()
            .filter(|s| s.request_line.split(' ').nth(1) == Some(path))
            .count()
    }
}

impl Drop for CountingProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads one request (head and `Content-Length` body) from `stream`.
async fn read_request(stream: &mut TcpStream) -> std::io::Result<(String, Vec<u8>)> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<usize>().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    Ok((head, buffer[head_end..head_end + length].to_vec()))
}

async fn forward(
    mut client: TcpStream,
    upstream: &str,
    seen: &Mutex<Vec<Seen>>,
) -> std::io::Result<()> {
    let (head, body) = read_request(&mut client).await?;
    let mut lines = head.lines();
    let request_line = lines.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    seen.lock().expect("lock").push(Seen {
        request_line: request_line.clone(),
        headers: headers.clone(),
    });
    let mut request = format!("{request_line}\r\n");
    for (name, value) in &headers {
        if name != "connection" && name != "keep-alive" {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    request.push_str("connection: close\r\n\r\n");
    let mut server = TcpStream::connect(upstream).await?;
    server.write_all(request.as_bytes()).await?;
    server.write_all(&body).await?;
    let mut response = Vec::new();
    server.read_to_end(&mut response).await?;
    // Tell the client not to reuse the connection either.
    let response = String::from_utf8_lossy(&response).replacen(
        "Connection: keep-alive",
        "Connection: close",
        1,
    );
    client.write_all(response.as_bytes()).await?;
    client.shutdown().await
}

/// A server on 127.0.0.1 that counts the requests it receives and never answers them (the
/// connections stay open until the server is dropped): for timeout tests.
pub struct SilentServer {
    /// The server's base URL.
    pub url: String,
    attempts: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl SilentServer {
    /// Starts the server. With `reset`, it instead closes each connection as soon as it has read
    /// the whole request (a proxy that dropped the connection after forwarding it).
    pub async fn start(reset: bool) -> SilentServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let attempts = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&attempts);
        let task = tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((mut stream, _)) = listener.accept().await {
                let counter = Arc::clone(&counter);
                held.push(tokio::spawn(async move {
                    if read_request(&mut stream).await.is_ok() {
                        counter.fetch_add(1, Ordering::SeqCst);
                    }
                    if reset {
                        drop(stream);
                    } else {
                        tokio::time::sleep(Duration::from_secs(3600)).await;
                        drop(stream);
                    }
                }));
            }
        });
        SilentServer {
            url,
            attempts,
            task,
        }
    }

    /// How many whole requests arrived.
    pub fn attempts(&self) -> usize {
        self.attempts.load(Ordering::SeqCst)
    }
}

impl Drop for SilentServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A server on 127.0.0.1 that answers every request with the same raw HTTP response and closes
/// the connection.
pub struct CannedServer {
    /// The server's base URL.
    pub url: String,
    task: tokio::task::JoinHandle<()>,
}

impl CannedServer {
    /// Starts the server answering `status` with this content type and body.
    pub async fn start(status: u16, reason: &str, content_type: &str, body: &str) -> CannedServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let response = format!(
            "HTTP/1.1 {status} {reason}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\
             seam-request-id: request_canned\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let response = response.clone();
                tokio::spawn(async move {
                    if read_request(&mut stream).await.is_ok() {
                        let _ = stream.write_all(response.as_bytes()).await;
                        let _ = stream.shutdown().await;
                    }
                });
            }
        });
        CannedServer { url, task }
    }
}

impl Drop for CannedServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The message of an [`seam::Error::InvalidToken`], lower-cased; panics on anything else.
pub fn invalid_token_message<T: std::fmt::Debug>(result: seam::Result<T>) -> String {
    match result {
        Err(seam::Error::InvalidToken(message)) => message.to_lowercase(),
        other => panic!("expected an invalid token error, got {other:?}"),
    }
}
