//! A minimal HTTP/1.1 server on 127.0.0.1 that answers every request with one fixed JSON body,
//! keeping connections alive: the far end for requests-per-second runs through the whole
//! client stack (request building, encoding, reqwest/hyper, retries, decoding).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// Largest request head accepted, in bytes.
const MAX_HEAD: usize = 64 * 1024;

/// A running server; stopped when dropped.
#[derive(Debug)]
pub struct FixedServer {
    addr: SocketAddr,
    served: Arc<AtomicU64>,
    task: JoinHandle<()>,
}

impl FixedServer {
    /// Starts a server on a free port of 127.0.0.1 answering `200` with `body`.
    pub async fn start(body: Vec<u8>) -> std::io::Result<FixedServer> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let mut response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nseam-request-id: bench\r\ncontent-length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        response.extend_from_slice(&body);
        let response: Arc<[u8]> = response.into();
        let served = Arc::new(AtomicU64::new(0));
        let counter = served.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let _ = stream.set_nodelay(true);
                tokio::spawn(serve(stream, response.clone(), counter.clone()));
            }
        });
        Ok(FixedServer { addr, served, task })
    }

    /// The base URL (`http://127.0.0.1:PORT`).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many requests were answered so far.
    pub fn served(&self) -> u64 {
        self.served.load(Ordering::Relaxed)
    }
}

impl Drop for FixedServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Answers the requests of one connection until it closes or sends something unreadable.
async fn serve(mut stream: TcpStream, response: Arc<[u8]>, served: Arc<AtomicU64>) {
    let mut buf: Vec<u8> = Vec::with_capacity(8192);
    loop {
        let Some(head_end) = read_head(&mut stream, &mut buf).await else {
            return;
        };
        let body_len = content_length(&buf[..head_end]).unwrap_or(0);
        while buf.len() < head_end + body_len {
            let mut chunk = [0u8; 8192];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        buf.drain(..head_end + body_len);
        if stream.write_all(&response).await.is_err() {
            return;
        }
        served.fetch_add(1, Ordering::Relaxed);
    }
}

/// Reads until `buf` holds a complete request head; returns its length with the blank line.
async fn read_head(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<usize> {
    loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            return Some(i + 4);
        }
        if buf.len() > MAX_HEAD {
            return None;
        }
        let mut chunk = [0u8; 8192];
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

/// The `content-length` of a request head.
fn content_length(head: &[u8]) -> Option<usize> {
    let text = std::str::from_utf8(head).ok()?;
    text.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse().ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_content_length_case_insensitively() {
        let head = b"POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\n\r\n";
        assert_eq!(content_length(head), Some(12));
        assert_eq!(content_length(b"GET / HTTP/1.1\r\n\r\n"), None);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn answers_several_requests_on_one_connection() {
        let server = FixedServer::start(br#"{"ok":true}"#.to_vec())
            .await
            .unwrap();
        let mut stream = TcpStream::connect(server.addr).await.unwrap();
        let request = b"POST /a HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n{}";
        let mut twice = request.to_vec();
        twice.extend_from_slice(request);
        stream.write_all(&twice).await.unwrap();
        let mut got = Vec::new();
        while got.windows(11).filter(|w| w == br#"{"ok":true}"#).count() < 2 {
            let mut chunk = [0u8; 1024];
            let n = stream.read(&mut chunk).await.unwrap();
            assert!(n > 0, "closed early");
            got.extend_from_slice(&chunk[..n]);
        }
        assert_eq!(server.served(), 2);
    }
}
