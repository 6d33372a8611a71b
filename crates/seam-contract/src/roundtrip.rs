//! Runner of the generated round-trip suite (`generated/tests/roundtrip.rs`): sample responses
//! made from the spec's schemas are served by a [`LocalServer`], decoded by the generated method,
//! re-encoded, and must equal what was served (numbers compared by value: `1` equals `1.0`; a
//! member served as `null` may come back absent: types that are only received read both as
//! `None`).

use crate::{CaseError, server::LocalServer};
use serde_json::{Value, json};
use std::future::Future;
use std::pin::Pin;

/// The future one call returns: the decoded value, encoded again.
pub type DecodeFuture = Pin<Box<dyn Future<Output = Result<Value, CaseError>> + Send>>;

/// One operation with its sample responses.
pub struct RoundTrip<C> {
    /// The operation's HTTP path.
    pub path: &'static str,
    /// Its response key.
    pub key: &'static str,
    /// A valid request (JSON) to call the method with.
    pub request: &'static str,
    /// (label, JSON) of each sample response value.
    pub responses: &'static [(&'static str, &'static str)],
    /// Calls the method and encodes what it returned.
    pub call: fn(C, &'static str) -> DecodeFuture,
}

/// Runs every case and panics listing each sample that did not come back unchanged.
pub async fn run<C: Clone>(
    cases: Vec<RoundTrip<C>>,
    client: impl Fn(&str) -> seam_runtime::Result<C>,
) {
    let server = LocalServer::start(200, &json!({"ok": true}))
        .await
        .expect("local server");
    let seam = client(server.url()).expect("client");
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in &cases {
        for (label, sample) in case.responses {
            let expected: Value = serde_json::from_str(sample).expect("sample is JSON");
            server.respond(200, &json!({ case.key: expected.clone(), "ok": true }));
            checked += 1;
            match (case.call)(seam.clone(), case.request).await {
                Ok(actual) if same(&actual, &expected) => {}
                Ok(actual) => failures.push(format!(
                    "{} ({label}): re-encoded value differs\n  served:  {expected}\n  re-sent: {actual}",
                    case.path
                )),
                Err(e) => failures.push(format!("{} ({label}): {e:?}", case.path)),
            }
        }
    }
    println!(
        "round trip: {checked} sample responses of {} operations, {} failed",
        cases.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} samples did not round-trip:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// JSON equality with numbers compared as values, and a `null` member equal to an absent one.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.iter().all(|(k, v)| match y.get(k) {
                Some(w) => same(v, w),
                None => v.is_null(),
            }) && y.iter().all(|(k, w)| x.contains_key(k) || w.is_null())
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_by_value_null_members_as_absent_and_nothing_else_is_loose() {
        assert!(same(&json!({"a": [1, 2.5]}), &json!({"a": [1.0, 2.5]})));
        assert!(same(&json!({"a": 1}), &json!({"a": 1, "b": null})));
        assert!(same(&json!({"a": 1, "b": null}), &json!({"a": 1})));
        assert!(!same(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
        assert!(!same(&json!({"a": 1, "b": false}), &json!({"a": 1})));
        assert!(!same(&json!({"a": null}), &json!({"a": 0})));
        assert!(!same(&json!({"a": "1"}), &json!({"a": 1})));
        assert!(!same(&json!([1, 2]), &json!([2, 1])));
    }
}
