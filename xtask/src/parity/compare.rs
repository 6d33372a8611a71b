//! The comparison of a run's record: the two sides' requests and results, case by case, into
//! findings of a [`Kind`], each weighing as a [`Weight`].

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context, bail};
use serde_json::Value;

use super::request::{Req, compare_headers, compare_parameters};
use super::values::{diff_values, without_null_members};

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

/// A kind of difference between what the two sides sent or returned. Declared in report order:
/// the report groups findings by kind in this order (`Ord`).
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
    /// Rust refused the call before sending because the operation's `security` does not accept
    /// the client's credentials (an API key here); JS sends it and lets the server refuse.
    AuthModeRefused,
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

    /// Whether some operation differs in a kind not declared deliberate or informational.
    pub fn has_differences(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.kind.weight() == Weight::Difference)
    }
}

/// The path part of a case name.
pub(super) fn case_path(case: &str) -> &str {
    case.rsplit_once('#').map_or(case, |(p, _)| p)
}

/// What the runtime's refusal of an operation whose `security` does not accept the client's
/// credentials says (`/workspaces/create cannot be called with an API key; it accepts ...`).
const AUTH_MODE_REFUSAL: &str = "cannot be called with";
/// How the JS SDK words its own "at least one parameter" check.
const JS_AT_LEAST_ONE: &str = "At least one parameter is required";

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
            let a = without_null_members(&js_result["value"]);
            let b = without_null_members(&rust_result["value"]);
            let mut diffs = Vec::new();
            let mut instants = Vec::new();
            diff_values("", &a, &b, &mut diffs, &mut instants);
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
