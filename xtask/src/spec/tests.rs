//! Tests for `spec fetch` and `verify_vendored` against a one-shot HTTP server on 127.0.0.1.

use std::fs;
use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::path::Path;
use std::time::Duration;

use super::fetch::{self, FetchOptions, Format, Summary};
use super::provenance::{Provenance, sha256_hex, today_utc};
use super::{PROVENANCE_FILE, SPEC_FILE, verify_dir};
use crate::cli::Args;

fn fetch_command(root: &Path, args: &[&str]) -> anyhow::Result<()> {
    super::fetch_main(root, &mut Args::new(args))
}

/// A small valid OpenAPI 3.0 document: 2 paths, 3 operations.
const MINIMAL_SPEC: &str = r#"{
  "openapi": "3.0.0",
  "info": { "title": "Mini", "version": "9.9.9" },
  "paths": {
    "/devices/list": {
      "get": { "operationId": "devices_list_get", "responses": { "200": { "description": "OK" } } },
      "post": { "operationId": "devices_list", "responses": { "200": { "description": "OK" } } }
    },
    "/devices/get": {
      "post": { "operationId": "devices_get", "responses": { "200": { "description": "OK" } } }
    }
  }
}
"#;

const MINIMAL_YAML: &str = "openapi: 3.0.3
info:
  title: Mini
  version: 2.0.0
paths:
  /zeta:
    post:
      responses:
        '200':
          description: OK
  /alpha:
    get:
      responses:
        '200':
          description: OK
";

const OLD_SPEC: &[u8] = b"{\"openapi\":\"3.0.0\",\"old\":true}\n";

/// Serves `response` (raw HTTP bytes) to the first connection, then closes; returns the base URL.
pub(super) fn serve_once(response: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local addr");
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
        let mut request = Vec::new();
        let mut buf = [0u8; 1024];
        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
            match stream.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => request.extend_from_slice(&buf[..n]),
            }
        }
        let _ = stream.write_all(&response);
        let _ = stream.flush();
    });
    format!("http://{addr}")
}

/// A complete HTTP/1.1 response with a correct Content-Length.
pub(super) fn http(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

fn opts() -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_secs(3),
        version: None,
    }
}

/// What the CLI does, minus printing: download, then install.
fn fetch_into(specs_dir: &Path, url: &str, opts: &FetchOptions) -> anyhow::Result<Summary> {
    let fetched = fetch::download(url, opts)?;
    fetch::install(specs_dir, &fetched, opts)
}

/// A temp `specs/` folder holding an old spec and its matching record.
fn seeded_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join(SPEC_FILE), OLD_SPEC).unwrap();
    let record = Provenance {
        file: SPEC_FILE.into(),
        source_url: "https://example.test/old.json".into(),
        origin: "seeded by the test".into(),
        version: "0.0.1".into(),
        sha256: sha256_hex(OLD_SPEC),
        retrieved: "2020-01-01".into(),
    };
    fs::write(dir.path().join(PROVENANCE_FILE), record.to_json().unwrap()).unwrap();
    verify_dir(dir.path()).expect("seeded folder verifies");
    dir
}

/// Every file in `dir`, sorted, with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Fetching `url` must fail, mention the URL and `needle`, and leave `specs/` byte-identical.
fn assert_fails_untouched(url: &str, needle: &str) {
    let dir = seeded_dir();
    let before = snapshot(dir.path());
    let err = fetch_into(dir.path(), url, &opts()).expect_err("fetch should fail");
    let message = format!("{err:#}");
    assert!(
        message.contains(url),
        "error does not name the URL: {message}"
    );
    assert!(
        message.to_lowercase().contains(&needle.to_lowercase()),
        "error does not mention {needle:?}: {message}"
    );
    assert_eq!(
        snapshot(dir.path()),
        before,
        "specs/ changed after: {message}"
    );
}

#[test]
fn ok_200_writes_spec_and_provenance() {
    let dir = seeded_dir();
    let url = serve_once(http("200 OK", "application/json", MINIMAL_SPEC.as_bytes()));
    let url = format!("{url}/openapi.json");
    let summary = fetch_into(dir.path(), &url, &opts()).expect("fetch succeeds");

    let spec = fs::read(dir.path().join(SPEC_FILE)).unwrap();
    assert_eq!(spec, MINIMAL_SPEC.as_bytes(), "JSON is stored as received");
    let record = Provenance::read(&dir.path().join(PROVENANCE_FILE)).unwrap();
    assert_eq!(record.file, SPEC_FILE);
    assert_eq!(record.source_url, url);
    assert_eq!(record.origin, fetch::ORIGIN);
    assert_eq!(record.version, "9.9.9");
    assert_eq!(record.sha256, sha256_hex(MINIMAL_SPEC.as_bytes()));
    assert_eq!(record.retrieved, today_utc());
    assert_eq!(summary.provenance, record);
    assert_eq!((summary.paths, summary.operations), (2, 3));
    assert_eq!(summary.bytes, MINIMAL_SPEC.len());
    assert_eq!(summary.previous_sha256, Some(sha256_hex(OLD_SPEC)));
    assert!(!summary.from_yaml);
    assert_eq!(verify_dir(dir.path()).unwrap(), dir.path().join(SPEC_FILE));
    // No temporary files left behind.
    assert_eq!(snapshot(dir.path()).len(), 2);
    let report = summary.report(dir.path());
    assert!(report.contains("3 operations"), "{report}");
    assert!(report.contains(&record.sha256), "{report}");
    assert!(report.contains("info.version"), "{report}");
}

#[test]
fn version_flag_overrides_info_version_and_empty_dir_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let specs = dir.path().join("specs");
    let url = serve_once(http("200 OK", "application/json", MINIMAL_SPEC.as_bytes()));
    let opts = FetchOptions {
        version: Some("1.2.3-test".into()),
        ..opts()
    };
    let summary = fetch_into(&specs, &url, &opts).expect("fetch succeeds");
    assert_eq!(summary.previous_sha256, None);
    assert_eq!(summary.provenance.version, "1.2.3-test");
    assert!(!summary.report(&specs).contains("info.version"));
    verify_dir(&specs).expect("verifies");
}

#[cfg(unix)]
#[test]
fn read_only_spec_is_replaced_and_stays_read_only() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = seeded_dir();
    let spec_path = dir.path().join(SPEC_FILE);
    fs::set_permissions(&spec_path, fs::Permissions::from_mode(0o444)).unwrap();
    let url = serve_once(http("200 OK", "application/json", MINIMAL_SPEC.as_bytes()));
    fetch_into(dir.path(), &url, &opts()).expect("fetch succeeds");
    let mode = fs::metadata(&spec_path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
    let record_mode = fs::metadata(dir.path().join(PROVENANCE_FILE))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(record_mode & 0o600, 0o600, "record stays writable");
}

#[test]
fn yaml_body_is_stored_as_json_in_key_order() {
    let dir = seeded_dir();
    let url = serve_once(http("200 OK", "application/yaml", MINIMAL_YAML.as_bytes()));
    let summary = fetch_into(dir.path(), &url, &opts()).expect("fetch succeeds");
    assert!(summary.from_yaml);
    assert_eq!(summary.provenance.version, "2.0.0");
    let stored = fs::read_to_string(dir.path().join(SPEC_FILE)).unwrap();
    let parsed: openapiv3::OpenAPI = serde_json::from_str(&stored).expect("stored JSON parses");
    assert_eq!(parsed.paths.paths.len(), 2);
    let (zeta, alpha) = (
        stored.find("/zeta").unwrap(),
        stored.find("/alpha").unwrap(),
    );
    assert!(zeta < alpha, "YAML key order is kept");
    verify_dir(dir.path()).expect("verifies");
}

#[test]
fn status_404_fails_untouched() {
    let url = serve_once(http("404 Not Found", "text/plain", b"no such file"));
    assert_fails_untouched(&url, "404");
}

#[test]
fn html_page_fails_untouched() {
    let page = b"<!DOCTYPE html><html><body>Sign in</body></html>";
    let url = serve_once(http("200 OK", "text/html; charset=utf-8", page));
    assert_fails_untouched(&url, "HTML");
}

#[test]
fn truncated_json_fails_untouched() {
    let cut = &MINIMAL_SPEC.as_bytes()[..MINIMAL_SPEC.len() / 2];
    let url = serve_once(http("200 OK", "application/json", cut));
    assert_fails_untouched(&url, "truncated");
}

#[test]
fn connection_closed_mid_body_fails_untouched() {
    let mut response = http("200 OK", "application/json", MINIMAL_SPEC.as_bytes());
    response.truncate(response.len() - 40);
    let url = serve_once(response);
    assert_fails_untouched(&url, "body");
}

#[test]
fn json_that_is_not_openapi_fails_untouched() {
    let url = serve_once(http("200 OK", "application/json", br#"{"status":"ok"}"#));
    assert_fails_untouched(&url, "no `openapi` field");
}

#[test]
fn openapi_31_fails_untouched() {
    let body = MINIMAL_SPEC.replace("3.0.0", "3.1.0");
    let url = serve_once(http("200 OK", "application/json", body.as_bytes()));
    assert_fails_untouched(&url, "only OpenAPI 3.0.x");
}

#[test]
fn empty_paths_fails_untouched() {
    let body = r#"{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{}}"#;
    let url = serve_once(http("200 OK", "application/json", body.as_bytes()));
    assert_fails_untouched(&url, "no `paths`");
}

#[test]
fn connection_refused_fails_untouched() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    assert_fails_untouched(&format!("http://{addr}/openapi.json"), "refused");
}

#[test]
fn silent_server_times_out_untouched() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let dir = seeded_dir();
    let before = snapshot(dir.path());
    let opts = FetchOptions {
        timeout: Duration::from_millis(300),
        version: None,
    };
    // The listener accepts (the kernel backlog) but never answers.
    let err = fetch_into(dir.path(), &url, &opts).expect_err("times out");
    assert!(format!("{err:#}").contains("timed out"), "{err:#}");
    assert_eq!(snapshot(dir.path()), before);
    drop(listener);
}

#[test]
fn verify_reports_hash_mismatch_with_fix() {
    let dir = seeded_dir();
    fs::write(dir.path().join(SPEC_FILE), b"{\"edited\":true}").unwrap();
    let message = format!("{:#}", verify_dir(dir.path()).expect_err("mismatch"));
    assert!(
        message.contains(&sha256_hex(OLD_SPEC)),
        "expected hash: {message}"
    );
    assert!(
        message.contains(&sha256_hex(b"{\"edited\":true}")),
        "actual hash: {message}"
    );
    assert!(message.contains("cargo xtask spec fetch"), "{message}");
}

#[test]
fn verify_rejects_missing_or_invalid_record_and_missing_spec() {
    let dir = seeded_dir();
    let record_path = dir.path().join(PROVENANCE_FILE);

    fs::write(&record_path, b"{\"file\":\"seam-connect.json\"}").unwrap();
    let message = format!("{:#}", verify_dir(dir.path()).unwrap_err());
    assert!(
        message.contains("not a valid provenance record"),
        "{message}"
    );

    let mut record: serde_json::Value =
        serde_json::from_slice(&seeded_dir_record()).expect("record JSON");
    record["sha256"] = "xyz".into();
    fs::write(&record_path, serde_json::to_vec(&record).unwrap()).unwrap();
    let message = format!("{:#}", verify_dir(dir.path()).unwrap_err());
    assert!(message.contains("64 hex digits"), "{message}");

    fs::remove_file(&record_path).unwrap();
    let message = format!("{:#}", verify_dir(dir.path()).unwrap_err());
    assert!(
        message.contains("cannot read the provenance record"),
        "{message}"
    );

    let dir = seeded_dir();
    fs::remove_file(dir.path().join(SPEC_FILE)).unwrap();
    let message = format!("{:#}", verify_dir(dir.path()).unwrap_err());
    assert!(
        message.contains("cannot read the vendored spec"),
        "{message}"
    );
}

fn seeded_dir_record() -> Vec<u8> {
    fs::read(seeded_dir().path().join(PROVENANCE_FILE)).unwrap()
}

#[test]
fn fetch_command_rejects_unknown_arguments_before_any_download() {
    let root = tempfile::tempdir().unwrap();
    let err = fetch_command(root.path(), &["--bogus"]).unwrap_err();
    assert!(format!("{err:#}").contains("--bogus"), "{err:#}");
    let err = fetch_command(root.path(), &["--url"]).unwrap_err();
    assert!(format!("{err:#}").contains("missing argument"), "{err:#}");
    assert!(!root.path().join("specs").exists());
}

#[test]
fn fetch_command_writes_into_root_specs() {
    let root = tempfile::tempdir().unwrap();
    let url = serve_once(http("200 OK", "application/json", MINIMAL_SPEC.as_bytes()));
    fetch_command(root.path(), &["--url", &url]).expect("fetch succeeds");
    super::verify_vendored(root.path()).expect("verifies");
}

#[test]
fn format_detection() {
    let json_url = "https://x.test/openapi.json";
    let yaml_url = "https://x.test/openapi.yaml?v=1";
    assert_eq!(
        Format::detect(Some("application/json"), yaml_url),
        Format::Json
    );
    assert_eq!(
        Format::detect(Some("application/yaml"), json_url),
        Format::Yaml
    );
    assert_eq!(Format::detect(Some("text/plain"), yaml_url), Format::Yaml);
    assert_eq!(Format::detect(None, json_url), Format::Json);
}

#[test]
fn fetching_the_same_bytes_again_reports_unchanged() {
    let dir = seeded_dir();
    let body = MINIMAL_SPEC.as_bytes();
    let first = serve_once(http("200 OK", "application/json", body));
    fetch_into(dir.path(), &first, &opts()).expect("first fetch");
    let second = serve_once(http("200 OK", "application/json", body));
    let summary = fetch_into(dir.path(), &second, &opts()).expect("second fetch");
    assert_eq!(summary.previous_sha256, Some(sha256_hex(body)));
    assert!(summary.report(dir.path()).contains("unchanged"));
    assert_eq!(summary.provenance.source_url, second);
}

#[test]
fn garbage_body_is_not_json() {
    let url = serve_once(http(
        "200 OK",
        "application/octet-stream",
        b"\x00\x01binary",
    ));
    assert_fails_untouched(&url, "not valid JSON");
}
