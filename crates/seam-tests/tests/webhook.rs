//! `seam::webhook`: Seam's webhook deliveries verified and decoded into `seam::types::Event`.
//!
//! - Every variant of the spec's `event` union (samples made from the spec by the generator's own
//!   sampler) signs, verifies and decodes into its typed variant; unknown types into `Unknown`.
//! - Authentic bodies that are not events are `InvalidPayload`, never `Verification`.
//! - Property tests: arbitrary headers and bodies never panic.
//! - End to end: the example receiver (`examples/webhook_receiver.rs`) on 127.0.0.1, over HTTP.
//! - Interop (ignored; run by `cargo xtask test`, which installs `xtask/peers`): deliveries signed
//!   by svix's JS `Webhook` verify here, deliveries signed here verify in `@seamapi/webhook`, and
//!   both refuse (or accept) the same altered deliveries for the same kind of reason.

#[path = "../examples/webhook_receiver.rs"]
#[allow(dead_code)]
mod receiver;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use proptest::prelude::*;
use seam::types::Event;
use seam::webhook::{Reason, SecretError, Webhook, WebhookError};
use seam_codegen::model::samples::{Fill, Sampler};
use seam_codegen::model::shape::SRef;
use serde_json::{Value, json};

/// The secret of Svix's documented example.
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
/// Another endpoint's secret.
const OTHER_SECRET: &str = "whsec_c2VhbS1jb2RlZ2VuIHdlYmhvb2sgdGVzdHMsIG90aGVyIGtleQ==";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
        .try_into()
        .expect("seconds fit i64")
}

fn webhook() -> Webhook {
    Webhook::new(SECRET).expect("valid secret")
}

/// One sample body of an `event` variant.
struct Sample {
    event_type: String,
    fill: &'static str,
    body: String,
}

/// A sample of every variant of `#/components/schemas/event` (its `oneOf`), made from the
/// vendored spec by the generator's sampler, with every property (`full`), only the required
/// ones (`required`) and `null` wherever allowed (`nulls`).
fn event_samples(fills: &[(&'static str, Fill)]) -> Vec<Sample> {
    let spec = seam_codegen::load::load_file(&workspace().join("specs/seam-connect.json"))
        .expect("vendored spec loads");
    let doc = &spec.doc;
    let components = doc.components.as_ref().expect("components");
    let openapiv3::ReferenceOr::Item(event) = &components.schemas["event"] else {
        panic!("#/components/schemas/event is a reference");
    };
    let openapiv3::SchemaKind::OneOf { one_of } = &event.schema_kind else {
        panic!("#/components/schemas/event is not a oneOf");
    };
    let mut out = Vec::new();
    for (i, variant) in one_of.iter().enumerate() {
        let pointer = format!("#/components/schemas/event/oneOf/{i}");
        let r = match variant {
            openapiv3::ReferenceOr::Item(schema) => SRef::Item(schema),
            openapiv3::ReferenceOr::Reference { reference } => SRef::Ref(reference),
        };
        for (label, fill) in fills {
            let value = Sampler::new(doc)
                .value(r, &pointer, *fill, 0)
                .unwrap_or_else(|e| panic!("sample of {pointer}: {e}"));
            let event_type = value["event_type"]
                .as_str()
                .unwrap_or_else(|| panic!("{pointer} sample has no event_type: {value}"))
                .to_owned();
            out.push(Sample {
                event_type,
                fill: label,
                body: value.to_string(),
            });
        }
    }
    out
}

fn full_samples() -> Vec<Sample> {
    event_samples(&[("full", Fill::All)])
}

/// Asserts that `event` is the typed (known) variant for `event_type`.
fn assert_typed(event: &Event, event_type: &str, what: &str) {
    assert!(
        !matches!(event, Event::Unknown(_)),
        "{what}: {event_type} decoded as Unknown"
    );
    assert_eq!(event.event_type(), Some(event_type), "{what}");
}

#[test]
fn webhook_every_event_variant_verifies_and_decodes() {
    let samples = event_samples(&[
        ("full", Fill::All),
        ("required", Fill::Required),
        ("nulls", Fill::Nulls),
    ]);
    let webhook = webhook();
    let ts = now();
    let mut types = BTreeSet::new();
    for (n, s) in samples.iter().enumerate() {
        let id = format!("msg_{n}");
        let headers = webhook.signed_headers(&id, ts, s.body.as_bytes());
        let event = webhook
            .verify(s.body.as_bytes(), &headers)
            .unwrap_or_else(|e| panic!("{} ({}): {e}\n{}", s.event_type, s.fill, s.body));
        assert_typed(&event, &s.event_type, s.fill);
        // Decoded, not merely accepted: the event encodes back to the same id.
        let back = serde_json::to_value(&event).expect("encodes");
        let sent: Value = serde_json::from_str(&s.body).expect("JSON");
        assert_eq!(back["event_id"], sent["event_id"], "{}", s.event_type);
        types.insert(s.event_type.clone());
    }
    // One sample per variant, each with its own event type (109 in spec 1.977.0).
    assert_eq!(types.len() * 3, samples.len(), "event types repeat");
    assert!(types.len() >= 100, "only {} event types", types.len());
}

#[test]
fn webhook_unknown_event_type_decodes_to_unknown_with_raw_json() {
    let webhook = webhook();
    let body =
        br#"{"event_id":"e1","event_type":"lock.levitated","workspace_id":"w1","altitude_m":3}"#;
    let headers = webhook.signed_headers("msg_1", now(), body);
    let event = webhook
        .verify(body, &headers)
        .expect("an unknown type still verifies");
    let Event::Unknown(raw) = &event else {
        panic!("expected Unknown, got {event:?}");
    };
    assert_eq!(raw["altitude_m"], 3);
    assert_eq!(raw["workspace_id"], "w1");
    assert_eq!(event.event_type(), Some("lock.levitated"));
}

#[test]
fn webhook_invalid_payloads_are_apart_from_verification_failures() {
    let webhook = webhook();
    let ts = now();
    let lock_unlocked = full_samples()
        .into_iter()
        .find(|s| s.event_type == "lock.unlocked")
        .expect("lock.unlocked sample")
        .body;
    let mut bad_time: Value = serde_json::from_str(&lock_unlocked).unwrap();
    bad_time["created_at"] = json!("yesterday");
    let cases: Vec<(String, &str)> = vec![
        ("not json".to_owned(), "not valid JSON"),
        (r#"["lock.unlocked"]"#.to_owned(), "not a JSON object"),
        (r#"{"event_type":"lock.unlocked"}"#.to_owned(), "`event_id`"),
        (
            r#"{"event_id":"e","event_type":null}"#.to_owned(),
            "`event_type`",
        ),
        // A known event type whose payload breaks its schema (`created_at` is a date-time).
        (bad_time.to_string(), "the event does not decode"),
    ];
    for (body, says) in &cases {
        let headers = webhook.signed_headers("msg_1", ts, body.as_bytes());
        match webhook.verify(body.as_bytes(), &headers) {
            Err(WebhookError::InvalidPayload(e)) => {
                assert!(e.to_string().contains(says), "{body}: {e}")
            }
            other => panic!("{body}: expected InvalidPayload, got {other:?}"),
        }
        // The same body with a signature that does not match fails verification first.
        let forged =
            Webhook::new(OTHER_SECRET)
                .unwrap()
                .signed_headers("msg_1", ts, body.as_bytes());
        match webhook.verify(body.as_bytes(), &forged) {
            Err(WebhookError::Verification(e)) => {
                assert_eq!(e.reason(), Reason::NoMatchingSignature)
            }
            other => panic!("{body}: expected Verification, got {other:?}"),
        }
    }
}

#[test]
fn webhook_secrets_and_headers() {
    assert_eq!(Webhook::new("whsec_").unwrap_err(), SecretError::Empty);
    assert_eq!(
        Webhook::new("whsec_%%%").unwrap_err(),
        SecretError::NotBase64
    );
    let bare = Webhook::new(SECRET.trim_start_matches("whsec_")).unwrap();
    let body = br#"{"event_id":"e1","event_type":"x.y"}"#;
    let ts = now();
    let signed = webhook().signed_headers("msg_1", ts, body);
    // An http::HeaderMap as axum hands it over, names in any case.
    let mut map = axum::http::HeaderMap::new();
    for (name, value) in &signed {
        map.insert(
            axum::http::HeaderName::from_bytes(name.to_ascii_uppercase().as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
    }
    assert!(bare.verify(body, &map).is_ok());
    // Owned pairs, in another order, mixed case.
    let pairs: Vec<(String, Vec<u8>)> = signed
        .iter()
        .rev()
        .map(|(n, v)| (n.replace("webhook", "Webhook"), v.clone().into_bytes()))
        .collect();
    assert!(bare.verify(body, &pairs).is_ok());
    // Debug of the verifier and the errors never show the secret.
    let secret_part = &SECRET["whsec_".len()..][..12];
    let err = bare.verify(b"{}", &pairs).unwrap_err();
    for shown in [format!("{bare:?}"), format!("{err} {err:?}")] {
        assert!(!shown.contains(secret_part), "{shown}");
    }
    // Tolerance is configurable.
    let old = webhook().signed_headers("msg_1", ts - 3600, body);
    assert_eq!(
        webhook()
            .verify(body, &old)
            .unwrap_err()
            .as_verification()
            .map(|e| e.reason()),
        Some(Reason::TimestampTooOld)
    );
    assert!(
        webhook()
            .with_tolerance(Duration::from_secs(7200))
            .verify(body, &old)
            .is_ok()
    );
}

/// Header names the property tests draw from: the real ones, their Svix twins, other spellings.
const NAMES: &[&str] = &[
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
    "svix-id",
    "svix-timestamp",
    "svix-signature",
    "Webhook-Signature",
    "content-type",
    "",
];

fn header_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..64),
        "[0-9-]{0,25}".prop_map(String::into_bytes),
        "(v[0-9],[A-Za-z0-9+/=]{0,50}[ ,]{0,2}){0,4}".prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Arbitrary headers and bodies: an answer, never a panic; a forged delivery never passes.
    #[test]
    fn webhook_never_panics_on_arbitrary_headers_and_bodies(
        headers in proptest::collection::vec((proptest::sample::select(NAMES), header_value()), 0..8),
        body in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        let result = webhook().verify(&body, &headers);
        prop_assert!(matches!(result, Err(WebhookError::Verification(_))), "{result:?}");
    }

    /// Correctly signed arbitrary bodies (bytes, and JSON objects with real event types and
    /// arbitrary members): an event or `InvalidPayload`, never a panic or a verification failure.
    #[test]
    fn webhook_never_panics_on_arbitrary_signed_bodies(
        raw in proptest::collection::vec(any::<u8>(), 0..256),
        event_type in proptest::sample::select(vec![
            "lock.unlocked", "access_code.set_on_device", "acs_credential.issued",
            "device.disconnected", "action_attempt.lock_door.succeeded", "x.unknown",
        ]),
        members in proptest::collection::btree_map(
            proptest::sample::select(vec![
                "event_id", "device_id", "created_at", "occurred_at", "workspace_id",
                "method", "access_code_id", "code", "acs_credential_id",
            ]),
            prop_oneof![
                Just(json!(null)), any::<bool>().prop_map(Value::from),
                any::<i64>().prop_map(Value::from), ".{0,12}".prop_map(Value::from),
                Just(json!("2025-06-15T12:00:00Z")), Just(json!({"a": [1]})),
            ],
            0..8,
        ),
        id in "[ -~]{1,20}",
        skew in -290i64..=290,
    ) {
        let webhook = webhook();
        let mut object: serde_json::Map<String, Value> = members
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        object.insert("event_type".into(), json!(event_type));
        let json_body = Value::Object(object).to_string().into_bytes();
        for body in [raw, json_body] {
            let headers = webhook.signed_headers(&id, now() + skew, &body);
            let result = webhook.verify(&body, &headers);
            prop_assert!(
                !matches!(result, Err(WebhookError::Verification(_))),
                "{result:?}"
            );
        }
    }
}

/// A minimal HTTP/1.1 POST over a fresh connection: (status, body).
async fn post(
    addr: std::net::SocketAddr,
    headers: &[(&str, String)],
    body: &[u8],
) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let mut request = format!(
        "POST /webhook HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await.expect("write");
    stream.write_all(body).await.expect("write body");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.expect("read");
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {response:?}"));
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

#[tokio::test]
async fn webhook_receiver_end_to_end_over_http() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().unwrap();
    assert!(addr.ip().is_loopback());
    let server =
        tokio::spawn(async move { axum::serve(listener, receiver::router(webhook())).await });
    let samples = full_samples();
    let body_of = |t: &str| {
        let mut value: Value = serde_json::from_str(
            &samples
                .iter()
                .find(|s| s.event_type == t)
                .expect("sample")
                .body,
        )
        .unwrap();
        value["device_id"] = json!("device_e2e");
        value["access_code_id"] = json!("code_e2e");
        value["acs_credential_id"] = json!("credential_e2e");
        value.to_string()
    };
    let signer = webhook();
    let ts = now();
    let handled = [
        ("lock.unlocked", "lock.unlocked: device device_e2e"),
        (
            "access_code.set_on_device",
            "access_code.set_on_device: code code_e2e on device device_e2e",
        ),
        (
            "acs_credential.issued",
            "acs_credential.issued: credential credential_e2e",
        ),
        (
            "device.disconnected",
            "device.disconnected: device device_e2e",
        ),
    ];
    for (n, (event_type, says)) in handled.iter().enumerate() {
        let body = body_of(event_type);
        let headers = signer.signed_headers(&format!("msg_{n}"), ts, body.as_bytes());
        let (status, text) = post(addr, &headers, body.as_bytes()).await;
        assert_eq!((status, text.trim()), (200, *says), "{event_type}");
    }
    // Known but unhandled, and unknown event types: accepted, ignored.
    let ignored = body_of("device.connected");
    let headers = signer.signed_headers("msg_a", ts, ignored.as_bytes());
    assert_eq!(
        post(addr, &headers, ignored.as_bytes()).await,
        (202, "ignored: device.connected\n".into())
    );
    let unknown = r#"{"event_id":"e","event_type":"lock.levitated"}"#;
    let headers = signer.signed_headers("msg_b", ts, unknown.as_bytes());
    assert_eq!(
        post(addr, &headers, unknown.as_bytes()).await,
        (202, "ignored: unknown event type lock.levitated\n".into())
    );
    // Authentic but not an event: accepted (a retry would not help), not handled.
    let headers = signer.signed_headers("msg_c", ts, b"[]");
    assert_eq!(
        post(addr, &headers, b"[]").await,
        (202, "ignored: not an event\n".into())
    );
    // Not authentic: 401 with the reason.
    let body = body_of("lock.unlocked");
    let headers = signer.signed_headers("msg_d", ts, body.as_bytes());
    let tampered = body.replace("device_e2e", "device_e2f");
    let (status, text) = post(addr, &headers, tampered.as_bytes()).await;
    assert_eq!(
        (status, text.as_str()),
        (401, "webhook verification failed: no matching signature")
    );
    let (status, text) = post(addr, &headers[1..], body.as_bytes()).await;
    assert_eq!(
        (status, text.as_str()),
        (
            401,
            "webhook verification failed: missing header `webhook-id`"
        )
    );
    let stale = signer.signed_headers("msg_e", ts - 600, body.as_bytes());
    assert_eq!(post(addr, &stale, body.as_bytes()).await.0, 401);
    server.abort();
}

// ---- Interop with the official implementations (node, `xtask/peers`) ----

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
