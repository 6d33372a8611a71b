//! The Rust half of the differential suite against Seam's official JS SDK (`cargo xtask parity`).
//!
//! [`run`] starts one recording server on 127.0.0.1 ([`ParityServer`]) and sends every contract
//! case through the Rust client to it. When [`JS_VAR`] names the node script
//! (`xtask/peers/parity/run.mjs`), the same cases go through `@seamapi/http` to the same server at
//! the same time. Every request carries [`CASE_HEADER`] (`rust <case>` or `js <case>`), set on each
//! side's client, so the server can tell the cases and the sides apart while they run
//! concurrently. Everything (the cases, what each side returned, every request as received) is
//! written to `parity.json` in the folder [`OUT_VAR`] names; `cargo xtask parity` compares it.
//!
//! The server answers each path with `{"ok": true, KEY: SAMPLE}` ([`Served`], one sample response
//! per operation from the spec). An answer holding an `action_attempt` is remembered per case:
//! the case's later `/action_attempts/get` requests get that attempt back with `status: "success"`,
//! so a client that waits on action attempts finishes at its first poll, and the sequences of
//! requests of both sides can be compared.
//!
//! Alone (no [`JS_VAR`]), the run checks the Rust side only: every case the client sends reaches
//! the server, tagged with its name, and every answer decodes and re-encodes.

use crate::http1;
use crate::{Case, CaseError};
use futures_util::StreamExt;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::net::{TcpListener, TcpStream};

/// The header naming the side and case of a request: `rust <path>#<sample>` or `js ...`.
pub const CASE_HEADER: &str = "x-seam-parity-case";
/// The environment variable naming the folder that receives `cases.json` and `parity.json`.
pub const OUT_VAR: &str = "SEAM_PARITY_OUT";
/// The environment variable naming the node script that drives `@seamapi/http`.
pub const JS_VAR: &str = "SEAM_PARITY_JS";
/// The API key both sides use.
pub const API_KEY: &str = "seam_contract_suite";
/// Concurrent cases on the Rust side.
const CONCURRENCY: usize = 16;

/// What the server answers for one operation.
#[derive(Debug, Clone, Copy)]
pub struct Served {
    /// The operation's HTTP path.
    pub path: &'static str,
    /// Its response key (`None`: the answer is `{"ok": true}`).
    pub key: Option<&'static str>,
    /// A sample value under the key, as JSON (`None`: the key is answered with `null`).
    pub value: Option<&'static str>,
}

/// One request as the server received it.
#[derive(Debug, Clone, Serialize)]
pub struct Request {
    /// `rust` or `js` (from [`CASE_HEADER`]); empty when the header is missing.
    pub side: String,
    /// The case (`<path>#<sample>`); empty when the header is missing.
    pub case: String,
    /// Order of arrival among all requests.
    pub seq: usize,
    /// Request method.
    pub method: String,
    /// Request target: path and query string as sent.
    pub target: String,
    /// Header lines in order, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body as text (empty when there is none).
    pub body: String,
}

#[derive(Debug)]
struct State {
    served: HashMap<&'static str, Served>,
    /// The action attempt last answered to each case (by [`CASE_HEADER`] value).
    attempts: HashMap<String, Value>,
    requests: Vec<Request>,
}

/// The recording server of the differential suite; stopped when dropped.
#[derive(Debug)]
pub struct ParityServer {
    url: String,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl ParityServer {
    /// Starts the server on 127.0.0.1 with one answer per operation.
    pub async fn start(served: &[Served]) -> std::io::Result<ParityServer> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let state = Arc::new(Mutex::new(State {
            served: served.iter().map(|s| (s.path, *s)).collect(),
            attempts: HashMap::new(),
            requests: Vec::new(),
        }));
        let shared = state.clone();
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, shared.clone()));
            }
        });
        Ok(ParityServer { url, state, task })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The requests received so far, in order of arrival.
    pub fn requests(&self) -> Vec<Request> {
        self.state
            .lock()
            .map(|s| s.requests.clone())
            .unwrap_or_default()
    }
}

impl Drop for ParityServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The attempt `attempt` finished: `status: "success"`, an empty `result`, no `error`.
pub fn succeeded(attempt: &Value) -> Value {
    let mut done = attempt.clone();
    if let Some(map) = done.as_object_mut() {
        map.insert("status".into(), json!("success"));
        map.insert("result".into(), json!({}));
        map.insert("error".into(), Value::Null);
    }
    done
}

impl State {
    /// Records `request` and chooses the answer: (status, body).
    fn answer(&mut self, mut request: Request, tag: &str) -> (u16, String) {
        request.seq = self.requests.len();
        let path = request
            .target
            .split_once('?')
            .map_or(request.target.as_str(), |(p, _)| p)
            .to_owned();
        self.requests.push(request);
        if path == "/action_attempts/get"
            && let Some(attempt) = self.attempts.get(tag)
        {
            let body = json!({ "action_attempt": succeeded(attempt), "ok": true });
            return (200, body.to_string());
        }
        let Some(served) = self.served.get(path.as_str()) else {
            let body = json!({"error": {"type": "not_found", "message": format!("no operation {path}")}, "ok": false});
            return (404, body.to_string());
        };
        let mut body = serde_json::Map::new();
        if let Some(key) = served.key {
            let value = served
                .value
                .and_then(|v| serde_json::from_str(v).ok())
                .unwrap_or(Value::Null);
            if key == "action_attempt" && value.is_object() && !tag.is_empty() {
                self.attempts.insert(tag.to_owned(), value.clone());
            }
            body.insert(key.to_owned(), value);
        }
        body.insert("ok".into(), Value::Bool(true));
        (200, Value::Object(body).to_string())
    }
}

async fn serve(mut socket: TcpStream, state: Arc<Mutex<State>>) {
    while let Some(request) = read_request(&mut socket).await {
        let tag = request
            .headers
            .iter()
            .find(|(k, _)| k == CASE_HEADER)
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let answer = match state.lock() {
            Ok(mut s) => s.answer(request, &tag),
            Err(_) => return,
        };
        let (status, body) = answer;
        if http1::write_json(&mut socket, status, &body).await.is_err() {
            return;
        }
    }
}

async fn read_request(socket: &mut TcpStream) -> Option<Request> {
    let raw = http1::read_request(socket).await?;
    let (side, case) = raw
        .header(CASE_HEADER)
        .and_then(|v| v.split_once(' '))
        .map(|(s, c)| (s.to_owned(), c.to_owned()))
        .unwrap_or_default();
    Some(Request {
        side,
        case,
        seq: 0,
        method: raw.method,
        target: raw.target,
        headers: raw.headers,
        body: String::from_utf8_lossy(&raw.body).into_owned(),
    })
}

/// A case's name: `<path>#<sample>`.
pub fn case_name(path: &str, sample: &str) -> String {
    format!("{path}#{sample}")
}

/// Runs every case through the Rust client (and, with [`JS_VAR`], through the JS SDK) against
/// one [`ParityServer`], writes `parity.json` into [`OUT_VAR`]'s folder if set, and panics when
/// the JS driver failed or, Rust side alone, when a case failed: its sample was refused, its
/// answer did not decode or re-encode, or it returned without reaching the server. Calls the
/// client refused before sending are listed, not checked (`cargo xtask parity` compares them). `client` builds a client for a base URL that sends [`CASE_HEADER`] with a value.
pub async fn run<C: Clone + Send + 'static>(
    cases: Vec<Case<C>>,
    responses: Vec<Served>,
    client: impl Fn(&str, &str) -> seam_runtime::Result<C>,
) {
    let started = Instant::now();
    let out = std::env::var_os(OUT_VAR).map(PathBuf::from);
    let js = std::env::var_os(JS_VAR).map(PathBuf::from);
    if js.is_some() && out.is_none() {
        panic!("{JS_VAR} is set but {OUT_VAR} is not: the JS driver needs a folder to write to");
    }
    let server = ParityServer::start(&responses)
        .await
        .expect("parity server");
    let url = server.url().to_owned();
    let listed: Vec<Value> = cases
        .iter()
        .map(|c| {
            json!({
                "case": case_name(c.path, c.sample),
                "path": c.path,
                "sample": c.sample,
                "json": serde_json::from_str::<Value>(c.json).unwrap_or(Value::Null),
                "auth": format!("{:?}", c.auth),
            })
        })
        .collect();
    let js_task = match (&js, &out) {
        (Some(script), Some(out)) => {
            std::fs::create_dir_all(out).expect("parity output folder");
            let cases_file = out.join("cases.json");
            std::fs::write(&cases_file, Value::Array(listed.clone()).to_string())
                .expect("writing cases.json");
            let (script, out, url) = (script.clone(), out.clone(), url.clone());
            Some(tokio::task::spawn_blocking(move || {
                let started = Instant::now();
                let result = run_js(&script, &url, &cases_file, &out.join("js.json"));
                (result, started.elapsed())
            }))
        }
        _ => None,
    };
    // (case, result, whether the client itself refused: a call error before any request).
    let rust: Vec<(String, Result<Value, String>, bool)> = futures_util::stream::iter(&cases)
        .map(|case| {
            let name = case_name(case.path, case.sample);
            let seam = client(&url, &format!("rust {name}"));
            let (call, json) = (case.call, case.json);
            async move {
                let (result, call_error) = match seam {
                    Ok(seam) => match call(seam, json).await {
                        Ok(value) => (Ok(value), false),
                        Err(e) => (Err(describe(&e)), matches!(e, CaseError::Call(_))),
                    },
                    Err(e) => (Err(format!("client: {e}")), false),
                };
                (name, result, call_error)
            }
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let rust_took = started.elapsed();
    let (js_result, js_took) = match js_task {
        Some(task) => {
            let (result, took) = task.await.expect("JS driver thread");
            (Some(result), Some(took))
        }
        None => (None, None),
    };
    let requests = server.requests();
    drop(server);

    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for r in requests.iter().filter(|r| r.side == "rust") {
        *seen.entry(r.case.as_str()).or_default() += 1;
    }
    let silent = |name: &str| !seen.contains_key(name);
    // Calls the client refused before sending anything (e.g. an operation whose security does not
    // accept an API key): not checked here, reported per case by `cargo xtask parity`.
    let refused: Vec<&String> = rust
        .iter()
        .filter(|(name, r, call_error)| r.is_err() && *call_error && silent(name))
        .map(|(name, _, _)| name)
        .collect();
    let failed: Vec<String> = rust
        .iter()
        .filter(|(name, r, call_error)| {
            let sent_and_returned = r.is_ok() && !silent(name);
            let refused = r.is_err() && *call_error && silent(name);
            !(sent_and_returned || refused)
        })
        .map(|(name, r, _)| match r {
            Err(e) => format!("{name}: {e}"),
            Ok(_) => format!("{name}: returned without a request reaching the server"),
        })
        .collect();
    let rust_json: BTreeMap<&str, Value> = rust
        .iter()
        .map(|(name, r, _)| {
            let v = match r {
                Ok(value) => json!({ "value": value }),
                Err(error) => json!({ "error": error }),
            };
            (name.as_str(), v)
        })
        .collect();
    if let Some(out) = &out {
        std::fs::create_dir_all(out).expect("parity output folder");
        let js_value = js_result
            .as_ref()
            .and_then(|r| r.as_ref().ok())
            .cloned()
            .unwrap_or(Value::Null);
        let record = json!({
            "url": url,
            "cases": listed,
            "rust": rust_json,
            "js": js_value,
            "requests": requests,
        });
        write_json(&out.join("parity.json"), &record);
    }
    let js_time = js_took.map_or(String::new(), |t| {
        format!(", JS side {:.1}s", t.as_secs_f64())
    });
    println!(
        "parity run: {} cases, {} refused by the Rust client before sending, {} failed, {} \
         requests recorded ({} from JS); Rust side {:.1}s{js_time}",
        rust.len(),
        refused.len(),
        failed.len(),
        requests.len(),
        requests.iter().filter(|r| r.side == "js").count(),
        rust_took.as_secs_f64()
    );
    for name in &refused {
        println!("  refused before sending (not checked here): {name}");
    }
    if let Some(Err(e)) = &js_result {
        panic!("the JS driver failed: {e}");
    }
    // With the JS side, the comparison (`cargo xtask parity`) reports failures per case.
    if js.is_none() {
        assert!(
            failed.is_empty(),
            "{} cases failed:\n{}",
            failed.len(),
            failed.join("\n")
        );
    }
}

/// A short text for an error of one case.
fn describe(e: &CaseError) -> String {
    match e {
        CaseError::Sample(e) => format!("sample refused: {e}"),
        CaseError::Call(e) => format!("call: {e}"),
        CaseError::Encode(e) => format!("re-encoding: {e}"),
    }
}

fn write_json(path: &Path, value: &Value) {
    let text = serde_json::to_string_pretty(value).expect("JSON");
    std::fs::write(path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

/// Runs the JS driver (`node SCRIPT --endpoint URL --cases FILE --out FILE`) and reads its output.
fn run_js(script: &Path, url: &str, cases: &Path, out: &Path) -> Result<Value, String> {
    let _ = std::fs::remove_file(out);
    let status = std::process::Command::new("node")
        .arg(script)
        .arg("--endpoint")
        .arg(url)
        .arg("--cases")
        .arg(cases)
        .arg("--out")
        .arg(out)
        .stdin(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("cannot run node {}: {e}", script.display()))?;
    if !status.success() {
        return Err(format!("node {} exited with {status}", script.display()));
    }
    let text = std::fs::read_to_string(out).map_err(|e| format!("{}: {e}", out.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", out.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finished_attempts_keep_their_id_and_type() {
        let pending = json!({"action_attempt_id": "a", "action_type": "LOCK_DOOR", "status": "pending", "result": null, "error": null});
        let done = succeeded(&pending);
        assert_eq!(done["status"], "success");
        assert_eq!(done["action_attempt_id"], "a");
        assert_eq!(done["action_type"], "LOCK_DOOR");
        assert_eq!(done["result"], json!({}));
    }

    #[tokio::test]
    async fn attempts_are_answered_finished_to_the_case_that_received_them() {
        let served = [
            Served {
                path: "/locks/unlock_door",
                key: Some("action_attempt"),
                value: Some(r#"{"action_attempt_id":"a","status":"pending"}"#),
            },
            Served {
                path: "/action_attempts/get",
                key: Some("action_attempt"),
                value: Some(r#"{"action_attempt_id":"b","status":"pending"}"#),
            },
        ];
        let server = ParityServer::start(&served).await.unwrap();
        let mut state = server.state.lock().unwrap();
        let request = |target: &str| Request {
            side: "rust".into(),
            case: "c".into(),
            seq: 0,
            method: "POST".into(),
            target: target.into(),
            headers: Vec::new(),
            body: String::new(),
        };
        let (_, first) = state.answer(request("/locks/unlock_door"), "rust c");
        assert!(first.contains("pending"), "{first}");
        let (_, poll) = state.answer(request("/action_attempts/get?x=1"), "rust c");
        assert!(poll.contains("success") && poll.contains("\"a\""), "{poll}");
        let (_, other) = state.answer(request("/action_attempts/get"), "rust d");
        assert!(
            other.contains("pending") && other.contains("\"b\""),
            "{other}"
        );
        let (status, _) = state.answer(request("/nowhere"), "rust d");
        assert_eq!(status, 404);
        assert_eq!(state.requests.len(), 4);
        assert_eq!(state.requests[3].seq, 3);
    }
}
