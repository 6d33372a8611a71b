//! Downloading a spec, checking that it is an OpenAPI 3.0 document, and installing it in `specs/`.
//!
//! The two steps are separate on purpose: [`download`] writes nothing, so a failed download,
//! a wrong status or a body that is not a spec leaves `specs/` untouched; [`install`] writes both
//! files to temporary files in the same folder first and then renames them into place.

use std::fs;
use std::io::{ErrorKind, Write as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use openapiv3::OpenAPI;
use serde::Deserialize as _;

use super::provenance::{Provenance, sha256_hex, today_utc};
use super::{PROVENANCE_FILE, SPEC_FILE};

/// The `origin` written to the provenance record.
pub const ORIGIN: &str = "fetched by cargo xtask spec fetch";
/// The largest body accepted (the 1.977.0 spec is 4.3 MB).
const MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;
/// The most of an unexpected body quoted in an error.
const SNIPPET_CHARS: usize = 160;

/// Settings for one fetch.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Upper bound for the whole request, body included.
    pub timeout: Duration,
    /// The version to record instead of the spec's `info.version`.
    pub version: Option<String>,
}

/// A downloaded spec that passed the checks, not yet written anywhere.
#[derive(Debug)]
pub struct Fetched {
    /// The address it was requested from.
    pub url: String,
    /// The bytes to store: the body as received, or the JSON form of a YAML body.
    pub json: Vec<u8>,
    /// The parsed document.
    pub openapi: OpenAPI,
    /// Whether the body was YAML and `json` is its conversion.
    pub from_yaml: bool,
}

/// What [`install`] did.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Where the spec was written.
    pub spec_path: PathBuf,
    /// Where the provenance record was written.
    pub provenance_path: PathBuf,
    /// The record that was written.
    pub provenance: Provenance,
    /// Size of the stored spec in bytes.
    pub bytes: usize,
    /// Number of entries in `paths`.
    pub paths: usize,
    /// Number of operations (path × method).
    pub operations: usize,
    /// The `openapi` field of the spec.
    pub openapi_version: String,
    /// Whether the body was YAML, stored converted to JSON.
    pub from_yaml: bool,
    /// sha256 of the spec that was replaced, if there was one.
    pub previous_sha256: Option<String>,
    /// Whether the recorded version is the spec's `info.version` (no `--version` given).
    pub version_from_info: bool,
}

impl Summary {
    /// A few lines for the terminal; paths are shown relative to `root` when they are inside it.
    pub fn report(&self, root: &Path) -> String {
        let show = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
        let record = &self.provenance;
        let change = match &self.previous_sha256 {
            None => "new file".to_owned(),
            Some(old) if *old == record.sha256 => "unchanged: same bytes as before".to_owned(),
            Some(old) => format!("replaced the spec with sha256 {old}"),
        };
        let yaml = if self.from_yaml {
            " (converted from YAML)"
        } else {
            ""
        };
        let version_note = if self.version_from_info {
            // Seam's export keeps `info.version` at "1.0.0"; the release is the npm package's.
            "  note: the version is the spec's info.version; pass --version V to record the \
             release it came from (e.g. the @seamapi/types version)\n"
        } else {
            ""
        };
        format!(
            "wrote {}: {} bytes{yaml}, sha256 {}\n  OpenAPI {}, version {}, {} paths, {} operations; {change}\n\
             wrote {}: source_url {}, retrieved {}\n{version_note}",
            show(&self.spec_path),
            self.bytes,
            record.sha256,
            self.openapi_version,
            record.version,
            self.paths,
            self.operations,
            show(&self.provenance_path),
            record.source_url,
            record.retrieved,
        )
    }
}

/// Downloads `url` and checks the body is an OpenAPI 3.0 document with paths. Writes nothing.
pub fn download(url: &str, opts: &FetchOptions) -> anyhow::Result<Fetched> {
    download_inner(url, opts).with_context(|| format!("spec fetch from {url} failed"))
}

fn download_inner(url: &str, opts: &FetchOptions) -> anyhow::Result<Fetched> {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .timeout_connect(Some(opts.timeout.min(Duration::from_secs(15))))
        .http_status_as_error(false)
        .user_agent("seam-codegen-xtask")
        .build();
    let agent = ureq::Agent::new_with_config(config);
    let mut response = agent
        .get(url)
        .header(
            "Accept",
            "application/json, application/yaml;q=0.9, */*;q=0.1",
        )
        .call()
        .map_err(|e| anyhow!("request failed: {}", describe_ureq_error(&e)))?;

    let status = response.status();
    let content_type = response.body().mime_type().map(str::to_ascii_lowercase);
    if status.as_u16() != 200 {
        // Best effort: quote the start of the body, which often says why.
        let snippet = response
            .body_mut()
            .with_config()
            .limit(4096)
            .read_to_vec()
            .map(|b| snippet(&b))
            .unwrap_or_default();
        bail!("HTTP status {status}, expected 200 OK; the body starts: {snippet:?}");
    }
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_BODY_BYTES)
        .read_to_vec()
        .map_err(|e| {
            anyhow!(
                "reading the response body failed (download cut short?): {}",
                describe_ureq_error(&e)
            )
        })?;

    let format = Format::detect(content_type.as_deref(), url);
    let (json, openapi) = parse_spec(&body, format, content_type.as_deref())?;
    Ok(Fetched {
        url: url.to_owned(),
        json,
        openapi,
        from_yaml: format == Format::Yaml,
    })
}

/// The serialisation of a downloaded body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON, stored as received.
    Json,
    /// YAML, stored converted to JSON (key order kept).
    Yaml,
}

impl Format {
    /// YAML when the content type says so, or when it does not say JSON and the URL's path ends
    /// in `.yaml`/`.yml`; JSON otherwise.
    pub fn detect(content_type: Option<&str>, url: &str) -> Self {
        match content_type {
            Some(ct) if ct.contains("yaml") => return Self::Yaml,
            Some(ct) if ct.contains("json") => return Self::Json,
            _ => {}
        }
        let path = url
            .split(['?', '#'])
            .next()
            .unwrap_or(url)
            .to_ascii_lowercase();
        if path.ends_with(".yaml") || path.ends_with(".yml") {
            Self::Yaml
        } else {
            Self::Json
        }
    }
}

/// Checks that `body` is an OpenAPI 3.0.x document with a non-empty `paths` and returns the bytes
/// to store (JSON) with the parsed document. `content_type` only improves the error messages.
pub fn parse_spec(
    body: &[u8],
    format: Format,
    content_type: Option<&str>,
) -> anyhow::Result<(Vec<u8>, OpenAPI)> {
    let looks_like_html = content_type.is_some_and(|ct| ct.contains("html"))
        || body.trim_ascii_start().starts_with(b"<");
    if looks_like_html {
        bail!(
            "the body is an HTML page (content type {}), not an OpenAPI document; it starts: {:?}",
            content_type.unwrap_or("not given"),
            snippet(body)
        );
    }
    let json = match format {
        Format::Json => body.to_vec(),
        Format::Yaml => yaml_to_json(body)?,
    };
    let value: serde_json::Value = serde_json::from_slice(&json).map_err(|e| {
        if e.is_eof() {
            anyhow!(
                "the JSON ends early after {} bytes (truncated download?): {e}",
                json.len()
            )
        } else {
            anyhow!(
                "the body is not valid JSON: {e}; it starts: {:?}",
                snippet(body)
            )
        }
    })?;
    let Some(fields) = value.as_object() else {
        bail!("the body is JSON but not an object, so not an OpenAPI document");
    };
    let version = match fields.get("openapi") {
        Some(serde_json::Value::String(v)) => v.as_str(),
        Some(other) => bail!("`openapi` is {other}, expected a version string like \"3.0.0\""),
        None => bail!(
            "the JSON has no `openapi` field, so it is not an OpenAPI document (top-level keys: {})",
            fields
                .keys()
                .take(8)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    if !(version == "3.0" || version.starts_with("3.0.")) {
        bail!("`openapi` is {version:?}; only OpenAPI 3.0.x is supported");
    }
    let openapi = OpenAPI::deserialize(&value)
        .map_err(|e| anyhow!("the document does not parse as OpenAPI 3.0: {e}"))?;
    if openapi.paths.paths.is_empty() {
        bail!("the document has no `paths`");
    }
    Ok((json, openapi))
}

/// Converts a YAML document to pretty JSON, keeping the key order.
fn yaml_to_json(body: &[u8]) -> anyhow::Result<Vec<u8>> {
    let value: serde_norway::Value =
        serde_norway::from_slice(body).map_err(|e| anyhow!("the body is not valid YAML: {e}"))?;
    let mut json = serde_json::to_vec_pretty(&value)
        .map_err(|e| anyhow!("the YAML cannot be expressed as JSON: {e}"))?;
    json.push(b'\n');
    Ok(json)
}

/// Writes the spec and its provenance record into `specs_dir`, each through a temporary file in
/// the same folder renamed into place. The record's version is `opts.version` or `info.version`.
pub fn install(
    specs_dir: &Path,
    fetched: &Fetched,
    opts: &FetchOptions,
) -> anyhow::Result<Summary> {
    let version = match &opts.version {
        Some(v) => v.clone(),
        None if fetched.openapi.info.version.trim().is_empty() => {
            bail!("the spec's info.version is empty; pass --version V")
        }
        None => fetched.openapi.info.version.clone(),
    };
    fs::create_dir_all(specs_dir)
        .with_context(|| format!("cannot create {}", specs_dir.display()))?;
    let spec_path = specs_dir.join(SPEC_FILE);
    let provenance_path = specs_dir.join(PROVENANCE_FILE);
    let previous_sha256 = match fs::read(&spec_path) {
        Ok(old) => Some(sha256_hex(&old)),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", spec_path.display())),
    };
    let provenance = Provenance {
        file: SPEC_FILE.to_owned(),
        source_url: fetched.url.clone(),
        origin: ORIGIN.to_owned(),
        version,
        sha256: sha256_hex(&fetched.json),
        retrieved: today_utc(),
    };

    // Both temporary files are complete before either rename, so a failure up to here leaves the
    // old files as they were (the temporary files delete themselves when dropped).
    let spec_tmp = write_temp(specs_dir, SPEC_FILE, &fetched.json, &spec_path)?;
    let record_tmp = write_temp(
        specs_dir,
        PROVENANCE_FILE,
        &provenance.to_json()?,
        &provenance_path,
    )?;
    spec_tmp
        .persist(&spec_path)
        .with_context(|| format!("cannot replace {}", spec_path.display()))?;
    record_tmp.persist(&provenance_path).with_context(|| {
        format!(
            "replaced {} but cannot replace {}; the two now disagree, run the fetch again",
            spec_path.display(),
            provenance_path.display()
        )
    })?;

    let openapi = &fetched.openapi;
    Ok(Summary {
        spec_path,
        provenance_path,
        provenance,
        bytes: fetched.json.len(),
        paths: openapi.paths.paths.len(),
        operations: openapi.operations().count(),
        openapi_version: openapi.openapi.clone(),
        from_yaml: fetched.from_yaml,
        previous_sha256,
        version_from_info: opts.version.is_none(),
    })
}

/// A synced temporary file in `dir` holding `contents`, with the permissions of `target` if it
/// exists (so a read-only spec stays read-only), or 0644 on Unix otherwise.
fn write_temp(
    dir: &Path,
    name: &str,
    contents: &[u8],
    target: &Path,
) -> anyhow::Result<tempfile::NamedTempFile> {
    let context = || {
        format!(
            "cannot write a temporary file for {name} in {}",
            dir.display()
        )
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(context)?;
    tmp.write_all(contents).with_context(context)?;
    tmp.as_file().sync_all().with_context(context)?;
    let permissions = match fs::metadata(target) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(permissions) = permissions {
        tmp.as_file()
            .set_permissions(permissions)
            .with_context(context)?;
    }
    Ok(tmp)
}

#[cfg(unix)]
fn default_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Some(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<fs::Permissions> {
    None
}

/// A readable description of a transport error.
fn describe_ureq_error(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Io(io) if io.kind() == ErrorKind::ConnectionRefused => {
            format!("connection refused: nothing is listening there ({io})")
        }
        ureq::Error::Timeout(which) => format!("timed out ({which})"),
        ureq::Error::HostNotFound => "host not found (no network or DNS?)".to_owned(),
        ureq::Error::BodyExceedsLimit(limit) => {
            format!("the body is larger than {limit} bytes")
        }
        other => other.to_string(),
    }
}

/// The start of `body` as one line of text, for error messages.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(SNIPPET_CHARS * 4)]);
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(SNIPPET_CHARS) {
        Some((cut, _)) => format!("{}...", &line[..cut]),
        None => line,
    }
}
