//! One request as the recording server saw it, and how two compare: their parameters (wherever
//! each side put them) and their headers.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::compare::Kind;
use super::query::{decode_query, serialize_params};
use super::values::same;

/// One request as recorded by the server.
#[derive(Debug, Clone)]
pub(super) struct Req {
    pub(super) method: String,
    pub(super) path: String,
    /// Query pairs, decoded, in order.
    pub(super) query: Vec<(String, String)>,
    pub(super) headers: BTreeMap<String, String>,
    pub(super) body: String,
}

impl Req {
    pub(super) fn from_json(v: &Value) -> Req {
        let target = v["target"].as_str().unwrap_or_default();
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let mut headers = BTreeMap::new();
        for pair in v["headers"].as_array().into_iter().flatten() {
            if let (Some(k), Some(val)) = (pair[0].as_str(), pair[1].as_str()) {
                headers.insert(k.to_owned(), val.to_owned());
            }
        }
        Req {
            method: v["method"].as_str().unwrap_or_default().to_owned(),
            path: path.to_owned(),
            query: decode_query(query),
            headers,
            body: v["body"].as_str().unwrap_or_default().to_owned(),
        }
    }

    /// `GET /path` for messages.
    pub(super) fn line(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// Compares the parameters two requests carry, wherever each side put them. When neither has a
/// query string the JSON bodies are compared as values; otherwise both sides are put in the
/// query string's terms (what `@seamapi/url-search-params-serializer` would send for the body,
/// plus the query itself, without JS's `_strict`) and compared pair by pair.
pub(super) fn compare_parameters(js: &Req, rust: &Req) -> Option<String> {
    let js_body = parse_body(&js.body);
    let rust_body = parse_body(&rust.body);
    let (js_body, rust_body) = match (js_body, rust_body) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) => return Some(format!("JS body is not JSON: {e}")),
        (_, Err(e)) => return Some(format!("Rust body is not JSON: {e}")),
    };
    let js_query: Vec<(String, String)> = js
        .query
        .iter()
        .filter(|(k, _)| k != "_strict")
        .cloned()
        .collect();
    if js_query.is_empty() && rust.query.is_empty() {
        return (!same(&js_body, &rust_body))
            .then(|| format!("body: JS {js_body} vs Rust {rust_body}"));
    }
    let as_query = |query: &[(String, String)], body: &Value| -> Result<_, String> {
        let mut pairs = query.to_vec();
        pairs.extend(serialize_params(body)?);
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in pairs {
            map.entry(k).or_default().push(v);
        }
        Ok(map)
    };
    match (
        as_query(&js_query, &js_body),
        as_query(&rust.query, &rust_body),
    ) {
        (Ok(a), Ok(b)) if a == b => None,
        (Ok(a), Ok(b)) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            let diffs: Vec<String> = keys
                .into_iter()
                .filter(|k| a.get(*k) != b.get(*k))
                .map(|k| format!("{k}: JS {:?} vs Rust {:?}", a.get(k), b.get(k)))
                .collect();
            Some(format!("as query parameters: {}", diffs.join("; ")))
        }
        (Err(e), _) | (_, Err(e)) => Some(format!(
            "cannot compare as query parameters ({e}): JS {} ?{} vs Rust {} body {}",
            js.line(),
            pairs_text(&js.query),
            rust.line(),
            rust.body
        )),
    }
}

fn pairs_text(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// A body as JSON; an empty body is `{}` (no parameters).
fn parse_body(body: &str) -> Result<Value, String> {
    if body.trim().is_empty() {
        return Ok(Value::Object(Default::default()));
    }
    serde_json::from_str(body).map_err(|e| format!("{e}: {body}"))
}

/// The auth headers: `authorization`, `client-session-token`, and `seam-*` but the SDK's name
/// and version.
fn is_auth_header(name: &str) -> bool {
    name == "authorization"
        || name == "client-session-token"
        || (name.starts_with("seam-") && !name.starts_with("seam-sdk-"))
}

/// Headers that say which SDK sent the request.
const IDENTITY_HEADERS: &[&str] = &["seam-sdk-name", "seam-sdk-version", "user-agent"];
/// Headers of the connection, not of the request, and the suite's own case header.
const IGNORED_HEADERS: &[&str] = &[
    "host",
    "content-length",
    "connection",
    "keep-alive",
    "transfer-encoding",
    "x-seam-parity-case",
];

/// Differences of headers: auth headers (a difference), identity and others (reported).
pub(super) fn compare_headers(js: &Req, rust: &Req) -> Vec<(Kind, String)> {
    let names: BTreeSet<&String> = js.headers.keys().chain(rust.headers.keys()).collect();
    let mut out = Vec::new();
    for name in names {
        let (a, b) = (js.headers.get(name), rust.headers.get(name));
        if a == b || IGNORED_HEADERS.contains(&name.as_str()) {
            continue;
        }
        let kind = if is_auth_header(name) {
            Kind::AuthHeaders
        } else if IDENTITY_HEADERS.contains(&name.as_str()) {
            Kind::Identity
        } else {
            Kind::Transport
        };
        let show = |v: Option<&String>| v.map_or("(none)".to_owned(), |v| format!("{v:?}"));
        out.push((kind, format!("{name}: JS {} vs Rust {}", show(a), show(b))));
    }
    out
}
