//! A local HTTP/1.1 server on 127.0.0.1 for tests: it records every request and answers with a
//! status and JSON body that the test can change between calls.

use crate::http1;
use std::sync::{Arc, Mutex};
use tokio::net::{TcpListener, TcpStream};

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// Request method, e.g. `POST`.
    pub method: String,
    /// Request target, e.g. `/acs/credentials/create`.
    pub path: String,
    /// Header lines, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body parsed as JSON (`Null` when empty or not JSON).
    pub body: serde_json::Value,
}

impl Recorded {
    /// The value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug)]
struct State {
    status: u16,
    body: String,
    requests: Vec<Recorded>,
}

/// The server; stopped when dropped.
#[derive(Debug)]
pub struct LocalServer {
    url: String,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl LocalServer {
    /// Starts a server answering `status` with `body` until told otherwise.
    pub async fn start(status: u16, body: &serde_json::Value) -> std::io::Result<LocalServer> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let state = Arc::new(Mutex::new(State {
            status,
            body: body.to_string(),
            requests: Vec::new(),
        }));
        let shared = state.clone();
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, shared.clone()));
            }
        });
        Ok(LocalServer { url, state, task })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Answers the next requests with `status` and `body`.
    pub fn respond(&self, status: u16, body: &serde_json::Value) {
        if let Ok(mut s) = self.state.lock() {
            s.status = status;
            s.body = body.to_string();
        }
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state
            .lock()
            .map(|s| s.requests.clone())
            .unwrap_or_default()
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(mut socket: TcpStream, state: Arc<Mutex<State>>) {
    while let Some(request) = read_request(&mut socket).await {
        let (status, body) = match state.lock() {
            Ok(mut s) => {
                s.requests.push(request);
                (s.status, s.body.clone())
            }
            Err(_) => return,
        };
        if http1::write_json(&mut socket, status, &body).await.is_err() {
            return;
        }
    }
}

async fn read_request(socket: &mut TcpStream) -> Option<Recorded> {
    let raw = http1::read_request(socket).await?;
    Some(Recorded {
        method: raw.method,
        path: raw.target,
        headers: raw.headers,
        body: serde_json::from_slice(&raw.body).unwrap_or(serde_json::Value::Null),
    })
}
