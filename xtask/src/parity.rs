//! `cargo xtask parity`: the differential suite against Seam's official JS SDK (`@seamapi/http`,
//! pinned in `xtask/peers/package.json`).
//!
//! The run itself is the ignored test `parity_with_the_official_js_sdk` of the generated contract
//! suite (same test binary as `cargo test --workspace`, so no extra build of the generated crate):
//! it starts one recording server on 127.0.0.1, sends every contract sample through the Rust
//! client and, through `xtask/peers/parity/run.mjs`, through the JS SDK, and writes
//! `target/parity/parity.json` (see `seam_contract::parity`). This module compares the two sides
//! case by case and prints every difference, grouped by kind ([`Kind`]), then
//! `parity: N/M operations identical` last: M counts the operations the JS SDK exposes, N those
//! whose every difference is of a kind declared deliberate or informational. The operations the
//! JS SDK lacks are listed and counted apart.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use serde_json::Value;

use crate::peers;

/// The ignored test of `generated/tests/contract.rs` that runs both sides.
const TEST_NAME: &str = "parity_with_the_official_js_sdk";
/// The JS driver, relative to the workspace root.
const JS_DRIVER: &str = "xtask/peers/parity/run.mjs";
/// Where the run writes its files, relative to the workspace root.
const OUT_DIR: &str = "target/parity";
/// The file the parity test writes into [`OUT_DIR`].
const RECORD: &str = "parity.json";
/// How many examples a deliberate or informational kind prints.
const EXAMPLES: usize = 5;

/// How a kind of difference counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weight {
    /// A difference: the operation is not identical.
    Difference,
    /// A deliberate choice of the Rust client, stated in PARITY.md: reported, not failed.
    Deliberate,
    /// Expected to differ (identity of the SDK, transport details): reported, not failed.
    Informational,
}

/// A kind of difference between what the two sides sent or returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// JS refused the call before sending anything; Rust sent it.
    JsRefused,
    /// JS refused the call before sending for an "at least one parameter" rule it carries
    /// itself (`At least one parameter is required for /access_codes/get`); the spec declares no
    /// such rule (only descriptions say it), so the Rust client sends the call and the server
    /// judges it ("loose where the spec is loose").
    JsAtLeastOneRule,
    /// Rust refused the call before sending anything; JS sent it.
    RustRefused,
    /// Rust refused the call before sending because the operation's `security` does not accept
    /// the client's credentials (an API key here); JS sends it and lets the server refuse.
    AuthModeRefused,
    /// The two sides made different sequences of requests (e.g. waiting on an action attempt).
    Sequence,
    /// A request went to another path.
    Path,
    /// The parameters' values differ (wherever each side put them).
    Parameters,
    /// An auth header differs (`authorization`, `client-session-token`, `seam-*`).
    AuthHeaders,
    /// One side failed after sending, the other did not, or both failed.
    Outcome,
    /// Both returned, and the values differ.
    Response,
    /// JS uses the method the spec offers besides POST (GET/DELETE with a query string,
    /// PATCH/PUT with a body); Rust POSTs a JSON body to every path.
    Method,
    /// JS adds `_strict=true` to every query string it sends.
    StrictFlag,
    /// A `date-time` printed with another spelling of the same instant.
    InstantSpelling,
    /// `seam-sdk-name`, `seam-sdk-version`, `user-agent`: each SDK names itself.
    Identity,
    /// Other headers (`accept`, `content-type`, ...) that differ.
    Transport,
}

impl Kind {
    /// Every kind, in report order.
    const ALL: [Kind; 15] = [
        Kind::JsRefused,
        Kind::JsAtLeastOneRule,
        Kind::RustRefused,
        Kind::Sequence,
        Kind::Path,
        Kind::Parameters,
        Kind::AuthHeaders,
        Kind::Outcome,
        Kind::Response,
        Kind::Method,
        Kind::AuthModeRefused,
        Kind::StrictFlag,
        Kind::InstantSpelling,
        Kind::Identity,
        Kind::Transport,
    ];

    /// How this kind counts.
    pub fn weight(self) -> Weight {
        match self {
            Kind::Method
            | Kind::JsAtLeastOneRule
            | Kind::AuthModeRefused
            | Kind::StrictFlag
            | Kind::InstantSpelling => Weight::Deliberate,
            Kind::Identity | Kind::Transport => Weight::Informational,
            _ => Weight::Difference,
        }
    }

    /// A short name for the report.
    pub fn label(self) -> &'static str {
        match self {
            Kind::JsRefused => "refused by JS before sending",
            Kind::JsAtLeastOneRule => {
                "refused by JS before sending: an \"at least one parameter\" rule the spec does not declare"
            }
            Kind::RustRefused => "refused by Rust before sending",
            Kind::AuthModeRefused => {
                "refused by Rust before sending: the operation does not accept the credentials"
            }
            Kind::Sequence => "request sequence",
            Kind::Path => "path",
            Kind::Parameters => "parameter values",
            Kind::AuthHeaders => "auth headers",
            Kind::Outcome => "outcome (error vs value)",
            Kind::Response => "returned value",
            Kind::Method => "HTTP method (JS GET/DELETE + query, PATCH/PUT; Rust POST + JSON)",
            Kind::StrictFlag => "JS query flag _strict=true",
            Kind::InstantSpelling => "date-time re-printed as the same instant",
            Kind::Identity => "SDK identity headers",
            Kind::Transport => "other headers",
        }
    }
}

/// One difference found in one case.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Its kind.
    pub kind: Kind,
    /// The case (`<path>#<sample>`).
    pub case: String,
    /// What differs.
    pub detail: String,
}

/// The comparison of a whole run.
#[derive(Debug, Default)]
pub struct Comparison {
    /// Every finding, in case order.
    pub findings: Vec<Finding>,
    /// Operations the JS SDK exposes (path → its JS method name).
    pub exposed: BTreeMap<String, String>,
    /// Operations of the spec the JS SDK lacks (path → the method name looked for).
    pub missing: BTreeMap<String, String>,
}

impl Comparison {
    /// Operations whose findings are all deliberate or informational.
    pub fn identical(&self) -> BTreeSet<&str> {
        let differing: BTreeSet<&str> = self
            .findings
            .iter()
            .filter(|f| f.kind.weight() == Weight::Difference)
            .map(|f| case_path(&f.case))
            .collect();
        self.exposed
            .keys()
            .map(String::as_str)
            .filter(|p| !differing.contains(p))
            .collect()
    }

    /// The report, ending with `parity: N/M operations identical`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut push = |line: String| {
            out.push_str(&line);
            out.push('\n');
        };
        push(format!(
            "operations the JS SDK does not expose ({}, not compared):",
            self.missing.len()
        ));
        for (path, method) in &self.missing {
            push(format!("  {path}  (no seam.{method})"));
        }
        for kind in Kind::ALL {
            let found: Vec<&Finding> = self.findings.iter().filter(|f| f.kind == kind).collect();
            if found.is_empty() {
                continue;
            }
            let ops: BTreeSet<&str> = found.iter().map(|f| case_path(&f.case)).collect();
            let cases: BTreeSet<&str> = found.iter().map(|f| f.case.as_str()).collect();
            let weight = match kind.weight() {
                Weight::Difference => "DIFFERENCE",
                Weight::Deliberate => "deliberate",
                Weight::Informational => "informational",
            };
            push(format!(
                "\n[{weight}] {}: {} operations, {} cases",
                kind.label(),
                ops.len(),
                cases.len()
            ));
            let shown = if kind.weight() == Weight::Difference {
                found.len()
            } else {
                EXAMPLES.min(found.len())
            };
            for f in &found[..shown] {
                push(format!("  {}: {}", f.case, f.detail));
            }
            if shown < found.len() {
                push(format!("  ... and {} more", found.len() - shown));
            }
        }
        let identical = self.identical().len();
        push(String::new());
        push(format!(
            "parity: {identical}/{} operations identical",
            self.exposed.len()
        ));
        out
    }

    /// Whether some operation differs in a kind not declared deliberate or informational.
    pub fn has_differences(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.kind.weight() == Weight::Difference)
    }
}

/// The path part of a case name.
fn case_path(case: &str) -> &str {
    case.rsplit_once('#').map_or(case, |(p, _)| p)
}

/// `cargo xtask parity --help`.
pub const HELP: &str = "usage: cargo xtask parity

Differential suite against Seam's official JS SDK (@seamapi/http, pinned in xtask/peers): every
contract sample of every operation goes through it and through the Rust client to one recording
server on 127.0.0.1; what the server received and what each client handed back are compared.
Prints every difference, then `parity: N/M operations identical` last; fails when an operation
differs in a way not declared deliberate (PARITY.md).";

/// `cargo xtask parity`: runs, prints the report (its last line is the parity line) and exits
/// non-zero when an operation differs in a kind not declared deliberate.
pub fn main(root: &Path, args: &mut crate::cli::Args) -> anyhow::Result<()> {
    if let Some(arg) = args.next()? {
        return Err(crate::cli::unexpected(arg));
    }
    let comparison = run(root)?;
    if comparison.has_differences() {
        // The parity line stays the last line of the output: no error message after it.
        std::process::exit(1);
    }
    Ok(())
}

/// The `cargo xtask test` step: compares what the test step's run of the parity test wrote (it
/// ran with [`test_env`]); runs it anew only when it did not (a filtered test run). An error when
/// an operation differs.
pub fn check(root: &Path) -> anyhow::Result<()> {
    let started = Instant::now();
    let comparison = if root.join(OUT_DIR).join(RECORD).exists() {
        compare_files(root, started)?
    } else {
        run(root)?
    };
    if comparison.has_differences() {
        bail!("parity: some operations differ from @seamapi/http (see the report above)");
    }
    Ok(())
}

/// Empties the output folder and gives the environment that makes the parity test run the JS
/// side too and write its record there. `cargo xtask test` passes it to `cargo test --workspace`,
/// so the test runs with the rest, in the binary that build made.
pub fn test_env(root: &Path) -> anyhow::Result<Vec<(&'static str, PathBuf)>> {
    let out = root.join(OUT_DIR);
    if out.exists() {
        std::fs::remove_dir_all(&out).with_context(|| format!("removing {}", out.display()))?;
    }
    std::fs::create_dir_all(&out)?;
    Ok(vec![
        (seam_vars::OUT, out),
        (seam_vars::JS, root.join(JS_DRIVER)),
    ])
}

/// Installs the peers, runs the test that drives both sides, compares and prints.
fn run(root: &Path) -> anyhow::Result<Comparison> {
    let started = Instant::now();
    peers::npm_ci(root)?;
    let mut cmd = crate::test_cmd::cargo_command();
    // `--workspace` keeps the features of the `cargo test --workspace` build (seam-tests turns on
    // `blocking`), so the contract test binary it built is reused, not rebuilt.
    cmd.args([
        "test",
        "--workspace",
        "--test",
        "contract",
        "--",
        "--ignored",
        "--exact",
    ])
    .arg(TEST_NAME)
    .arg("--nocapture")
    .current_dir(root)
    .envs(test_env(root)?);
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .with_context(|| format!("cannot run {shown}"))?;
    if !status.success() {
        bail!("{shown} failed: {status}");
    }
    compare_files(root, started)
}

/// Reads the record the parity test wrote, compares, writes and prints the report.
fn compare_files(root: &Path, started: Instant) -> anyhow::Result<Comparison> {
    let out = root.join(OUT_DIR);
    let file = out.join(RECORD);
    let text =
        std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    let record: Value =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", file.display()))?;
    let comparison = compare(&record)?;
    let report = comparison.render();
    let _ = std::fs::write(out.join("report.txt"), &report);
    eprintln!(
        "parity: compared in {:.1}s (files in {})",
        started.elapsed().as_secs_f64(),
        out.display()
    );
    print!("{report}");
    Ok(comparison)
}

/// The environment variables of `seam_contract::parity` (xtask does not depend on it).
mod seam_vars {
    /// `seam_contract::parity::OUT_VAR`.
    pub const OUT: &str = "SEAM_PARITY_OUT";
    /// `seam_contract::parity::JS_VAR`.
    pub const JS: &str = "SEAM_PARITY_JS";
}

/// What the runtime's refusal of an operation whose `security` does not accept the client's
/// credentials says (`/workspaces/create cannot be called with an API key; it accepts ...`).
const AUTH_MODE_REFUSAL: &str = "cannot be called with";
/// How the JS SDK words its own "at least one parameter" check.
const JS_AT_LEAST_ONE: &str = "At least one parameter is required";

/// One request as recorded by the server.
#[derive(Debug, Clone)]
struct Req {
    method: String,
    path: String,
    /// Query pairs, decoded, in order.
    query: Vec<(String, String)>,
    headers: BTreeMap<String, String>,
    body: String,
}

impl Req {
    fn from_json(v: &Value) -> Req {
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
    fn line(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// Compares the record `parity.json` written by the run.
pub fn compare(record: &Value) -> anyhow::Result<Comparison> {
    let cases = record["cases"]
        .as_array()
        .context("parity.json: no cases")?;
    let js = record["js"]["cases"]
        .as_object()
        .context("parity.json: no JS results (did the JS driver run?)")?;
    let rust = record["rust"]
        .as_object()
        .context("parity.json: no Rust results")?;
    let mut requests: BTreeMap<(String, String), Vec<(u64, Req)>> = BTreeMap::new();
    let all = record["requests"].as_array().map_or(&[][..], Vec::as_slice);
    let untagged: Vec<String> = all
        .iter()
        .filter(|r| !matches!(r["side"].as_str(), Some("js" | "rust")))
        .map(|r| format!("{} {}", r["method"], r["target"]))
        .collect();
    if !untagged.is_empty() {
        bail!(
            "{} requests came without a valid x-seam-parity-case header (the suite cannot tell \
             whose they are): {}",
            untagged.len(),
            untagged.join(", ")
        );
    }
    for r in all {
        let key = (
            r["side"].as_str().unwrap_or_default().to_owned(),
            r["case"].as_str().unwrap_or_default().to_owned(),
        );
        let seq = r["seq"].as_u64().unwrap_or_default();
        requests
            .entry(key)
            .or_default()
            .push((seq, Req::from_json(r)));
    }
    let mut cmp = Comparison::default();
    for case in cases {
        let name = case["case"].as_str().unwrap_or_default();
        let path = case["path"].as_str().unwrap_or_default();
        let js_result = js.get(name).cloned().unwrap_or(Value::Null);
        let method = js_result["method"].as_str().unwrap_or("?").to_owned();
        if js_result["missing"] == Value::Bool(true) {
            cmp.missing.insert(path.to_owned(), method);
            continue;
        }
        cmp.exposed.insert(path.to_owned(), method);
        let mut take = |side: &str| {
            let mut list = requests
                .remove(&(side.to_owned(), name.to_owned()))
                .unwrap_or_default();
            list.sort_by_key(|(seq, _)| *seq);
            list.into_iter().map(|(_, r)| r).collect::<Vec<_>>()
        };
        let (js_reqs, rust_reqs) = (take("js"), take("rust"));
        let rust_result = rust.get(name).cloned().unwrap_or(Value::Null);
        compare_case(
            &mut cmp.findings,
            name,
            (&js_result, &js_reqs),
            (&rust_result, &rust_reqs),
        );
    }
    // An operation both sides lack can't be exposed: a missing JS method for one sample only
    // would be a bug of the driver.
    for path in cmp.missing.keys() {
        if cmp.exposed.contains_key(path) {
            bail!("{path}: the JS method was found for one sample and not another");
        }
    }
    Ok(cmp)
}

/// Compares one case: requests pair by pair, then what each side returned.
fn compare_case(
    out: &mut Vec<Finding>,
    case: &str,
    (js_result, js_reqs): (&Value, &[Req]),
    (rust_result, rust_reqs): (&Value, &[Req]),
) {
    let mut find = |kind: Kind, detail: String| {
        out.push(Finding {
            kind,
            case: case.to_owned(),
            detail,
        })
    };
    let js_error = js_result.get("error").filter(|e| !e.is_null());
    let rust_error = rust_result.get("error").filter(|e| !e.is_null());
    match (js_reqs.is_empty(), rust_reqs.is_empty()) {
        (true, true) => {
            find(
                Kind::Outcome,
                format!(
                    "neither side sent a request (JS: {}; Rust: {})",
                    short(js_error),
                    short(rust_error)
                ),
            );
            return;
        }
        (true, false) => {
            let text = short(js_error);
            let kind = if text.contains(JS_AT_LEAST_ONE) {
                Kind::JsAtLeastOneRule
            } else {
                Kind::JsRefused
            };
            find(kind, text);
            return;
        }
        (false, true) => {
            let text = short(rust_error);
            let kind = if text.contains(AUTH_MODE_REFUSAL) {
                Kind::AuthModeRefused
            } else {
                Kind::RustRefused
            };
            find(kind, text);
            return;
        }
        _ => {}
    }
    if js_reqs.len() != rust_reqs.len()
        || js_reqs.iter().zip(rust_reqs).any(|(j, r)| j.path != r.path)
    {
        let lines = |reqs: &[Req]| reqs.iter().map(Req::line).collect::<Vec<_>>().join(", ");
        find(
            Kind::Sequence,
            format!("JS: {}; Rust: {}", lines(js_reqs), lines(rust_reqs)),
        );
    }
    for (i, (j, r)) in js_reqs.iter().zip(rust_reqs).enumerate() {
        let at = if js_reqs.len().max(rust_reqs.len()) > 1 {
            format!("request {}: ", i + 1)
        } else {
            String::new()
        };
        if j.path != r.path {
            find(Kind::Path, format!("{at}JS {} vs Rust {}", j.path, r.path));
            continue;
        }
        if j.method != r.method {
            find(
                Kind::Method,
                format!("{at}JS {} vs Rust {}", j.line(), r.line()),
            );
        }
        if j.query.iter().any(|(k, v)| k == "_strict" && v == "true") {
            find(Kind::StrictFlag, format!("{at}JS {}", j.line()));
        }
        if let Some(detail) = compare_parameters(j, r) {
            find(Kind::Parameters, format!("{at}{detail}"));
        }
        for (kind, detail) in compare_headers(j, r) {
            find(kind, format!("{at}{detail}"));
        }
    }
    match (js_error, rust_error) {
        (None, None) => {
            let (a, b) = (&js_result["value"], &rust_result["value"]);
            let mut diffs = Vec::new();
            let mut instants = Vec::new();
            diff_values("", a, b, &mut diffs, &mut instants);
            if !diffs.is_empty() {
                let more = if diffs.len() > 3 {
                    format!(" (+{} more)", diffs.len() - 3)
                } else {
                    String::new()
                };
                diffs.truncate(3);
                find(Kind::Response, format!("{}{more}", diffs.join("; ")));
            }
            if !instants.is_empty() {
                find(Kind::InstantSpelling, instants.join("; "));
            }
        }
        (Some(e), None) => find(
            Kind::Outcome,
            format!("JS failed ({}), Rust returned", short(Some(e))),
        ),
        (None, Some(e)) => find(
            Kind::Outcome,
            format!("Rust failed ({}), JS returned", short(Some(e))),
        ),
        (Some(a), Some(b)) => find(
            Kind::Outcome,
            format!(
                "both failed: JS {}; Rust {}",
                short(Some(a)),
                short(Some(b))
            ),
        ),
    }
}

/// A one-line text of an error value (JS `{name, message}` or Rust text).
fn short(error: Option<&Value>) -> String {
    match error {
        None => "no error".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => match (v["name"].as_str(), v["message"].as_str()) {
            (Some(n), Some(m)) => format!("{n}: {m}"),
            _ => v.to_string(),
        },
    }
}

/// Compares the parameters two requests carry, wherever each side put them. When neither has a
/// query string the JSON bodies are compared as values; otherwise both sides are put in the
/// query string's terms (what `@seamapi/url-search-params-serializer` would send for the body,
/// plus the query itself, without JS's `_strict`) and compared pair by pair.
fn compare_parameters(js: &Req, rust: &Req) -> Option<String> {
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
fn compare_headers(js: &Req, rust: &Req) -> Vec<(Kind, String)> {
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

/// Decodes an `application/x-www-form-urlencoded` query string into pairs, in order.
fn decode_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |b: Option<&u8>| b.and_then(|b| (*b as char).to_digit(16));
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
            (b'+', _, _) => out.push(b' '),
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 2;
            }
            (b, _, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What `@seamapi/url-search-params-serializer` 3.0.3 puts in the query string for `params`
/// (a JSON object): nested objects as dotted names, arrays as repeated names (an empty array as
/// one empty value), `null` as an empty value, empty strings left out, numbers and booleans as
/// text; pairs sorted by name (stable), as its `searchParams.sort()` does. An error where the
/// serializer throws (a dot in a name, an object or `null` inside an array, empty strings in an
/// array).
fn serialize_params(params: &Value) -> Result<Vec<(String, String)>, String> {
    let Value::Object(map) = params else {
        return Err(format!("parameters are not an object: {params}"));
    };
    let mut pairs = Vec::new();
    nested(&mut pairs, map, "")?;
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(pairs)
}

fn nested(
    pairs: &mut Vec<(String, String)>,
    map: &serde_json::Map<String, Value>,
    prefix: &str,
) -> Result<(), String> {
    for (key, value) in map {
        if key.contains('.') {
            return Err(format!("'{key}' contains a dot"));
        }
        let name = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::Object(inner) => nested(pairs, inner, &name)?,
            Value::String(s) if s.is_empty() => {}
            Value::Array(items) if items.is_empty() => pairs.push((name, String::new())),
            Value::Array(items) => {
                if items.iter().any(|v| v == "" || v.is_null()) {
                    return Err(format!("'{name}' holds an empty string or null"));
                }
                for item in items {
                    pairs.push((name.clone(), scalar(&name, item)?));
                }
            }
            other => pairs.push((name.clone(), scalar(&name, other)?)),
        }
    }
    Ok(())
}

fn scalar(name: &str, value: &Value) -> Result<String, String> {
    match value {
        Value::Null => Ok(String::new()),
        Value::String(s) => Ok(s.clone()),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Number(n) => Ok(js_number(n)),
        Value::Array(_) | Value::Object(_) => Err(format!("'{name}' is a nested {value}")),
    }
}

/// A number as JavaScript's `toString` prints it (integers without `.0`).
fn js_number(n: &serde_json::Number) -> String {
    match (n.as_i64(), n.as_u64(), n.as_f64()) {
        (Some(i), _, _) => i.to_string(),
        (_, Some(u), _) => u.to_string(),
        (_, _, Some(f)) if f.fract() == 0.0 && f.abs() < 1e21 => format!("{f:.0}"),
        (_, _, Some(f)) => f.to_string(),
        _ => n.to_string(),
    }
}

/// JSON equality with numbers compared as values.
fn same(a: &Value, b: &Value) -> bool {
    let mut diffs = Vec::new();
    let mut instants = Vec::new();
    diff_values("", a, b, &mut diffs, &mut instants);
    diffs.is_empty() && instants.is_empty()
}

/// Collects the places where `a` (JS) and `b` (Rust) differ, as JSON pointers with both values.
/// Numbers compare by value (`1` equals `1.0`); two strings that are both RFC 3339 timestamps of
/// the same instant go to `instants` instead (a deliberate re-spelling), not to `diffs`.
fn diff_values(
    at: &str,
    a: &Value,
    b: &Value,
    diffs: &mut Vec<String>,
    instants: &mut Vec<String>,
) {
    let here = || if at.is_empty() { "/" } else { at }.to_owned();
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.as_f64() == y.as_f64() => {}
        (Value::String(x), Value::String(y)) if x != y => match (instant(x), instant(y)) {
            (Some(p), Some(q)) if p == q => {
                instants.push(format!("{}: JS {x:?} vs Rust {y:?}", here()))
            }
            _ => diffs.push(format!("{}: JS {x:?} vs Rust {y:?}", here())),
        },
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                diff_values(&format!("{at}/{i}"), p, q, diffs, instants);
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                let child = format!("{at}/{k}");
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => diff_values(&child, p, q, diffs, instants),
                    (Some(p), None) => diffs.push(format!("{child}: JS {p} vs Rust (absent)")),
                    (None, Some(q)) => diffs.push(format!("{child}: JS (absent) vs Rust {q}")),
                    (None, None) => {}
                }
            }
        }
        _ if a == b => {}
        _ => diffs.push(format!("{}: JS {} vs Rust {}", here(), clip(a), clip(b))),
    }
}

/// A JSON value cut to 120 characters for a message.
fn clip(v: &Value) -> String {
    let text = v.to_string();
    if text.len() > 120 {
        let cut = (0..=120)
            .rev()
            .find(|i| text.is_char_boundary(*i))
            .unwrap_or(0);
        format!("{}...", &text[..cut])
    } else {
        text
    }
}

/// An RFC 3339 timestamp (`2025-06-15T12:00:00.123Z`, `...+02:00`) as nanoseconds since the
/// Unix epoch; `None` for any other text.
fn instant(text: &str) -> Option<i128> {
    let b = text.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut i = 19;
    let mut nanos: i64 = 0;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let digits = text.get(start..i)?;
        if digits.is_empty() || digits.len() > 9 {
            return None;
        }
        nanos = format!("{digits:0<9}").parse().ok()?;
    }
    let offset_secs = match text.get(i..)? {
        "Z" | "z" => 0,
        rest if rest.len() == 6 && matches!(&rest[..1], "+" | "-") && &rest[3..4] == ":" => {
            let oh = num(i + 1..i + 3)?;
            let om = num(i + 4..i + 6)?;
            let sign = if &rest[..1] == "-" { -1 } else { 1 };
            sign * (oh * 3600 + om * 60)
        }
        _ => return None,
    };
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    let secs = days * 86_400 + h * 3600 + mi * 60 + s - offset_secs;
    Some(i128::from(secs) * 1_000_000_000 + i128::from(nanos))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_serializer_semantics_are_reproduced() {
        let params = json!({
            "b": [1, 2], "a": {"x": true, "y": null}, "e": [], "s": "", "n": 1.5, "i": 2.0
        });
        let pairs = serialize_params(&params).unwrap();
        let text: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(
            text,
            ["a.x=true", "a.y=", "b=1", "b=2", "e=", "i=2", "n=1.5"]
        );
        assert!(serialize_params(&json!({"a.b": 1})).is_err());
        assert!(serialize_params(&json!({"a": [{"x": 1}]})).is_err());
        assert!(serialize_params(&json!({"a": ["", "x"]})).is_err());
    }

    #[test]
    fn queries_decode() {
        assert_eq!(
            decode_query("a=1&b=x+y&c=%2Fz&d&_strict=true"),
            [
                ("a".into(), "1".into()),
                ("b".into(), "x y".into()),
                ("c".into(), "/z".into()),
                ("d".into(), String::new()),
                ("_strict".into(), "true".into())
            ]
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%e2%82%ac"), "€");
    }

    #[test]
    fn instants_compare_whatever_the_spelling() {
        let a = instant("2025-06-15T12:00:00.123Z").unwrap();
        assert_eq!(instant("2025-06-15T14:00:00.123000+02:00"), Some(a));
        assert_ne!(instant("2025-06-15T12:00:00.124Z"), Some(a));
        assert_eq!(instant("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(instant("not a date"), None);
        assert_eq!(instant("2025-06-15"), None);
    }

    #[test]
    fn values_differ_except_by_number_spelling_and_instant_spelling() {
        let mut diffs = Vec::new();
        let mut instants = Vec::new();
        diff_values(
            "",
            &json!({"n": 1, "t": "2025-06-15T12:00:00.000Z", "s": "a", "x": null}),
            &json!({"n": 1.0, "t": "2025-06-15T12:00:00Z", "s": "b"}),
            &mut diffs,
            &mut instants,
        );
        assert_eq!(
            diffs,
            [r#"/s: JS "a" vs Rust "b""#, "/x: JS null vs Rust (absent)"]
        );
        assert_eq!(instants.len(), 1);
    }

    fn req(method: &str, target: &str, body: &str, headers: &[(&str, &str)]) -> Value {
        json!({"method": method, "target": target, "body": body,
            "headers": headers.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>()})
    }

    /// A whole record: one GET case identical but for deliberate kinds, one case JS refuses, one
    /// operation JS lacks, one action attempt JS waits on and Rust does not.
    #[test]
    fn a_record_is_compared_into_kinds() {
        let auth = ("authorization", "Bearer k");
        let mut requests = Vec::new();
        let mut push = |side: &str, case: &str, r: Value| {
            let mut r = r;
            r["side"] = json!(side);
            r["case"] = json!(case);
            r["seq"] = json!(requests.len());
            requests.push(r);
        };
        push(
            "js",
            "/d/get#full",
            req(
                "GET",
                "/d/get?_strict=true&ids=a&ids=b&n=1",
                "",
                &[auth, ("seam-sdk-name", "js")],
            ),
        );
        push(
            "rust",
            "/d/get#full",
            req(
                "POST",
                "/d/get",
                r#"{"ids":["a","b"],"n":1}"#,
                &[auth, ("seam-sdk-name", "rust")],
            ),
        );
        push(
            "rust",
            "/d/get#minimal",
            req("POST", "/d/get", "{}", &[auth]),
        );
        push(
            "js",
            "/l/unlock#minimal",
            req("POST", "/l/unlock", r#"{"device_id":"x"}"#, &[auth]),
        );
        push(
            "js",
            "/l/unlock#minimal",
            req(
                "GET",
                "/action_attempts/get?action_attempt_id=a&_strict=true",
                "",
                &[auth],
            ),
        );
        push(
            "rust",
            "/l/unlock#minimal",
            req(
                "POST",
                "/l/unlock",
                r#"{"device_id":"x"}"#,
                &[("authorization", "Bearer other")],
            ),
        );
        push(
            "js",
            "/w/create#minimal",
            req("POST", "/w/create", "{}", &[auth]),
        );
        let record = json!({
            "cases": [
                {"case": "/d/get#minimal", "path": "/d/get", "sample": "minimal"},
                {"case": "/d/get#full", "path": "/d/get", "sample": "full"},
                {"case": "/l/unlock#minimal", "path": "/l/unlock", "sample": "minimal"},
                {"case": "/x/y#minimal", "path": "/x/y", "sample": "minimal"},
                {"case": "/w/create#minimal", "path": "/w/create", "sample": "minimal"},
            ],
            "js": {"cases": {
                "/d/get#minimal": {"method": "d.get", "error": {"name": "TypeError", "message": "At least one"}},
                "/d/get#full": {"method": "d.get", "value": {"t": "2025-06-15T12:00:00.000Z"}},
                "/l/unlock#minimal": {"method": "l.unlock", "value": {"status": "success"}},
                "/x/y#minimal": {"method": "x.y", "missing": true},
                "/w/create#minimal": {"method": "w.create", "value": null},
            }},
            "rust": {
                "/d/get#minimal": {"value": null},
                "/d/get#full": {"value": {"t": "2025-06-15T12:00:00Z"}},
                "/l/unlock#minimal": {"value": {"status": "pending"}},
                "/x/y#minimal": {"value": null},
                "/w/create#minimal": {"error": "call: /w/create cannot be called with an API key"},
            },
            "requests": requests,
        });
        let mut untagged = record.clone();
        untagged["requests"][0]["side"] = json!("");
        assert!(compare(&untagged).is_err());
        let cmp = compare(&record).unwrap();
        let kinds = |case: &str| -> Vec<Kind> {
            cmp.findings
                .iter()
                .filter(|f| f.case == case)
                .map(|f| f.kind)
                .collect()
        };
        assert_eq!(
            kinds("/d/get#full"),
            [
                Kind::Method,
                Kind::StrictFlag,
                Kind::Identity,
                Kind::InstantSpelling
            ]
        );
        assert_eq!(kinds("/d/get#minimal"), [Kind::JsRefused]);
        assert_eq!(
            kinds("/l/unlock#minimal"),
            [Kind::Sequence, Kind::AuthHeaders, Kind::Response]
        );
        assert_eq!(kinds("/w/create#minimal"), [Kind::AuthModeRefused]);
        assert_eq!(cmp.missing.keys().collect::<Vec<_>>(), ["/x/y"]);
        assert_eq!(cmp.exposed.len(), 3);
        assert_eq!(
            cmp.identical().into_iter().collect::<Vec<_>>(),
            ["/w/create"]
        );
        assert!(cmp.has_differences());
        let report = cmp.render();
        assert!(
            report.ends_with("parity: 1/3 operations identical\n"),
            "{report}"
        );
        assert!(report.contains("/x/y  (no seam.x.y)"), "{report}");
    }

    #[test]
    fn parameter_values_are_compared_wherever_they_are() {
        let js = Req::from_json(&req("GET", "/a?_strict=true&x=1&y.z=true", "", &[]));
        let rust = Req::from_json(&req("POST", "/a", r#"{"x":1,"y":{"z":true}}"#, &[]));
        assert_eq!(compare_parameters(&js, &rust), None);
        let rust = Req::from_json(&req("POST", "/a", r#"{"x":2,"y":{"z":true}}"#, &[]));
        assert!(compare_parameters(&js, &rust).unwrap().contains("x: JS"));
        let js = Req::from_json(&req("PATCH", "/a", r#"{"x":1}"#, &[]));
        let rust = Req::from_json(&req("POST", "/a", r#"{"x":1.0}"#, &[]));
        assert_eq!(compare_parameters(&js, &rust), None);
        let rust = Req::from_json(&req("POST", "/a", r#"{"x":"1"}"#, &[]));
        assert!(compare_parameters(&js, &rust).is_some());
        let js = Req::from_json(&req("GET", "/a", "", &[]));
        let rust = Req::from_json(&req("POST", "/a", "{}", &[]));
        assert_eq!(compare_parameters(&js, &rust), None);
    }
}
