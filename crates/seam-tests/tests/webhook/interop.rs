//! Interop with svix's JS `Webhook` and `@seamapi/webhook` in node (`xtask/peers`).

use super::*;

/// `xtask/peers`, with its `node_modules` installed, or a panic saying how to install it.
fn peers() -> PathBuf {
    let peers = workspace().join("xtask/peers");
    for package in ["svix", "@seamapi/webhook"] {
        assert!(
            peers
                .join("node_modules")
                .join(package)
                .join("package.json")
                .is_file(),
            "{package} is not installed in {}: run `cd xtask/peers && SCARF_ANALYTICS=false npm ci` \
             (or `cargo xtask test`, which does)",
            peers.display()
        );
    }
    peers
}

/// Runs `webhook-interop.mjs` on `input`, returns its output.
fn node(input: &Value) -> Value {
    let peers = peers();
    let mut child = Command::new("node")
        .arg("webhook-interop.mjs")
        .current_dir(&peers)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs (Node 20 is needed)");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(input.to_string().as_bytes())
            .expect("write to node");
    }
    let output = child.wait_with_output().expect("node finishes");
    assert!(
        output.status.success(),
        "webhook-interop.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("node answers JSON")
}

#[test]
#[ignore = "needs node and xtask/peers/node_modules (svix); run by `cargo xtask test`"]
fn webhook_svix_signed_deliveries_verify_in_rust() {
    let samples = full_samples();
    let ts = now();
    let sign: Vec<Value> = samples
        .iter()
        .enumerate()
        .map(|(n, s)| json!({"secret": SECRET, "id": format!("msg_svix_{n}"), "timestamp": ts, "body": s.body}))
        .collect();
    let answer = node(&json!({ "sign": sign }));
    let signatures = answer["sign"].as_array().expect("signatures");
    assert_eq!(signatures.len(), samples.len());
    let webhook = webhook();
    for (n, (s, signature)) in samples.iter().zip(signatures).enumerate() {
        let signature = signature.as_str().expect("string");
        // Same bytes as our own signer, and verified into the typed variant.
        assert_eq!(
            signature,
            webhook.sign(&format!("msg_svix_{n}"), ts, s.body.as_bytes())
        );
        let headers = [
            ("webhook-id", format!("msg_svix_{n}")),
            ("webhook-timestamp", ts.to_string()),
            ("webhook-signature", signature.to_owned()),
        ];
        let event = webhook
            .verify(s.body.as_bytes(), &headers)
            .unwrap_or_else(|e| panic!("{}: {e}", s.event_type));
        assert_typed(&event, &s.event_type, "svix-signed");
    }
    eprintln!(
        "{} svix-signed deliveries verified, one per event type",
        samples.len()
    );
}

#[test]
#[ignore = "needs node and xtask/peers/node_modules (@seamapi/webhook); run by `cargo xtask test`"]
fn webhook_rust_signed_deliveries_verify_in_seamapi_webhook() {
    let samples = full_samples();
    let ts = now();
    let webhook = webhook();
    let verify: Vec<Value> = samples
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let headers = webhook.signed_headers(&format!("msg_rs_{n}"), ts, s.body.as_bytes());
            json!({"secret": SECRET, "body": s.body, "headers": headers})
        })
        .collect();
    let answer = node(&json!({ "verify": verify }));
    let results = answer["verify"].as_array().expect("results");
    assert_eq!(results.len(), samples.len());
    for (s, result) in samples.iter().zip(results) {
        assert_eq!(result["outcome"], "ok", "{}: {result}", s.event_type);
        assert_eq!(result["event_type"], s.event_type.as_str());
    }
    eprintln!(
        "{} Rust-signed deliveries verified by @seamapi/webhook",
        samples.len()
    );
}

/// How a verifier answered, in terms both sides share.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// Verified; the event's type.
    Ok(String),
    /// Refused as not authentic, with Svix's message for the reason.
    Verification(&'static str),
    /// Authentic but not an event.
    InvalidPayload,
}

/// Svix's message for each of our reasons (standardwebhooks' `WebhookVerificationError`s).
fn svix_message(reason: Reason) -> &'static str {
    match reason {
        Reason::MissingId | Reason::MissingTimestamp | Reason::MissingSignature => {
            "Missing required headers"
        }
        Reason::InvalidTimestamp => "Invalid Signature Headers",
        Reason::TimestampTooOld => "Message timestamp too old",
        Reason::TimestampTooNew => "Message timestamp too new",
        Reason::NoV1Signature | Reason::NoMatchingSignature => "No matching signature found",
        other => panic!("no Svix message for {other:?}"),
    }
}

#[test]
#[ignore = "needs node and xtask/peers/node_modules (@seamapi/webhook); run by `cargo xtask test`"]
fn webhook_refusals_agree_with_seamapi_webhook() {
    let ts = now();
    let body = full_samples()
        .into_iter()
        .find(|s| s.event_type == "lock.unlocked")
        .expect("lock.unlocked sample")
        .body;
    let ours = webhook();
    let other = Webhook::new(OTHER_SECRET).unwrap();
    let sig = |ts: i64, body: &str| ours.sign("msg_1", ts, body.as_bytes());
    let good = sig(ts, &body);
    type Headers = Vec<(String, String)>;
    let headers = |id: &str, ts: String, sig: String| {
        vec![
            ("webhook-id".to_owned(), id.to_owned()),
            ("webhook-timestamp".to_owned(), ts),
            ("webhook-signature".to_owned(), sig),
        ]
    };
    let valid = headers("msg_1", ts.to_string(), good.clone());
    let without =
        |name: &str| -> Headers { valid.iter().filter(|(n, _)| n != name).cloned().collect() };
    let tampered = body.replacen("lock.unlocked", "lock.locked", 1);
    let digest = good.trim_start_matches("v1,");
    let unknown = r#"{"event_id":"e1","event_type":"lock.levitated"}"#.to_owned();
    let no_id = r#"{"event_type":"lock.unlocked"}"#.to_owned();
    let cases: Vec<(&str, String, Headers)> = vec![
        ("valid", body.clone(), valid.clone()),
        (
            "valid, upper-case names",
            body.clone(),
            valid
                .iter()
                .map(|(n, v)| (n.to_uppercase(), v.clone()))
                .collect(),
        ),
        (
            "valid, svix- names",
            body.clone(),
            valid
                .iter()
                .map(|(n, v)| (n.replace("webhook-", "svix-"), v.clone()))
                .collect(),
        ),
        (
            "valid, rotated secret (second of two)",
            body.clone(),
            headers(
                "msg_1",
                ts.to_string(),
                format!("{} {good}", other.sign("msg_1", ts, body.as_bytes())),
            ),
        ),
        (
            "unknown event type",
            unknown.clone(),
            headers("msg_1", ts.to_string(), sig(ts, &unknown)),
        ),
        ("tampered body", tampered, valid.clone()),
        (
            "wrong secret",
            body.clone(),
            headers(
                "msg_1",
                ts.to_string(),
                other.sign("msg_1", ts, body.as_bytes()),
            ),
        ),
        ("missing webhook-id", body.clone(), without("webhook-id")),
        (
            "missing webhook-timestamp",
            body.clone(),
            without("webhook-timestamp"),
        ),
        (
            "missing webhook-signature",
            body.clone(),
            without("webhook-signature"),
        ),
        (
            "empty webhook-id",
            body.clone(),
            headers("", ts.to_string(), good.clone()),
        ),
        (
            "timestamp 6 minutes old",
            body.clone(),
            headers("msg_1", (ts - 360).to_string(), sig(ts - 360, &body)),
        ),
        (
            "timestamp 6 minutes ahead",
            body.clone(),
            headers("msg_1", (ts + 360).to_string(), sig(ts + 360, &body)),
        ),
        (
            "timestamp not a number",
            body.clone(),
            headers("msg_1", "soon".into(), good.clone()),
        ),
        (
            "signature of another message (id)",
            body.clone(),
            headers(
                "msg_1",
                ts.to_string(),
                ours.sign("msg_2", ts, body.as_bytes()),
            ),
        ),
        (
            "signature of another message (body)",
            body.clone(),
            headers("msg_1", ts.to_string(), sig(ts, &unknown)),
        ),
        (
            "signature of another message (timestamp)",
            body.clone(),
            headers("msg_1", ts.to_string(), sig(ts - 1, &body)),
        ),
        (
            "non-v1 scheme",
            body.clone(),
            headers("msg_1", ts.to_string(), format!("v2,{digest}")),
        ),
        (
            "no scheme",
            body.clone(),
            headers("msg_1", ts.to_string(), digest.to_owned()),
        ),
        (
            "garbage base64",
            body.clone(),
            headers("msg_1", ts.to_string(), "v1,!!not*base64!!".into()),
        ),
        (
            "truncated signature",
            body.clone(),
            headers("msg_1", ts.to_string(), good[..good.len() - 4].to_owned()),
        ),
        (
            "authentic, not JSON",
            "not json".into(),
            headers("msg_1", ts.to_string(), sig(ts, "not json")),
        ),
        (
            "authentic, no event_id",
            no_id.clone(),
            headers("msg_1", ts.to_string(), sig(ts, &no_id)),
        ),
    ];
    let verify: Vec<Value> = cases
        .iter()
        .map(|(_, body, headers)| json!({"secret": SECRET, "body": body, "headers": headers}))
        .collect();
    let answer = node(&json!({ "verify": verify }));
    let theirs = answer["verify"].as_array().expect("results");
    assert_eq!(theirs.len(), cases.len());
    let mut refused = 0;
    for ((name, body, headers), theirs) in cases.iter().zip(theirs) {
        let rust = match ours.verify(body.as_bytes(), headers) {
            Ok(event) => Outcome::Ok(event.event_type().unwrap_or_default().to_owned()),
            Err(WebhookError::Verification(e)) => Outcome::Verification(svix_message(e.reason())),
            Err(WebhookError::InvalidPayload(_)) => Outcome::InvalidPayload,
            Err(other) => panic!("{name}: {other}"),
        };
        let js = match theirs["outcome"].as_str() {
            Some("ok") => Outcome::Ok(theirs["event_type"].as_str().unwrap_or_default().to_owned()),
            Some("verification") => {
                Outcome::Verification(match theirs["message"].as_str().unwrap_or_default() {
                    "Missing required headers" => "Missing required headers",
                    "Invalid Signature Headers" => "Invalid Signature Headers",
                    "Message timestamp too old" => "Message timestamp too old",
                    "Message timestamp too new" => "Message timestamp too new",
                    "No matching signature found" => "No matching signature found",
                    other => panic!("{name}: unexpected Svix message {other:?}"),
                })
            }
            Some("invalid_payload") => Outcome::InvalidPayload,
            _ => panic!("{name}: @seamapi/webhook threw something else: {theirs}"),
        };
        assert_eq!(rust, js, "{name}: Rust and @seamapi/webhook disagree");
        if !matches!(rust, Outcome::Ok(_)) {
            refused += 1;
        }
    }
    assert_eq!(
        refused,
        cases.len() - 5,
        "the five valid cases pass, every other is refused"
    );
    eprintln!(
        "{} cases, {refused} refusals, all agreeing with @seamapi/webhook",
        cases.len()
    );
}
