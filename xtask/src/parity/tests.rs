//! A whole record compared into kinds and reported, and parameters compared wherever each side
//! put them.

use serde_json::{Value, json};

use super::compare::{Kind, compare};
use super::request::{Req, compare_parameters};

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
