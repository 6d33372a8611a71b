//! Stage 1, load: reads a spec file (JSON or YAML) into an [`openapiv3::OpenAPI`] document.
//!
//! openapiv3 is lax (an unknown `type` becomes "any", `openapi: 3.1.0` is accepted), so this
//! stage checks what the model relies on and reports problems with their JSON pointer.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// A loaded spec.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Where it came from.
    pub path: PathBuf,
    /// The parsed document.
    pub doc: openapiv3::OpenAPI,
}

/// Reads and parses the spec at `path`; YAML when the name ends in `.yaml`/`.yml`, else JSON.
pub fn load_file(path: &Path) -> Result<Spec> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let yaml = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml") | Some("yml")
    );
    parse(path, &text, yaml)
}

/// Parses spec text; `yaml` selects the YAML parser.
pub fn parse(path: &Path, text: &str, yaml: bool) -> Result<Spec> {
    let parse_err = |message: String| Error::Parse {
        path: path.to_owned(),
        message,
    };
    let value: serde_json::Value = if yaml {
        serde_norway::from_str(text).map_err(|e| parse_err(e.to_string()))?
    } else {
        serde_json::from_str(text).map_err(|e| parse_err(e.to_string()))?
    };
    check_version(&value).map_err(parse_err)?;
    check_title(&value)?;
    let doc = read_document(value).map_err(parse_err)?;
    Ok(Spec {
        path: path.to_owned(),
        doc,
    })
}

/// Reads the document from `value` (an object): its `paths` on a thread of their own while this
/// one reads the `components` and then the rest (together most of a spec, in about equal parts).
/// An error names its place as a JSON pointer; with errors in several parts, the components'
/// comes first, then the rest's, then the paths'.
fn read_document(mut value: serde_json::Value) -> std::result::Result<openapiv3::OpenAPI, String> {
    let (paths, components) = match value.as_object_mut() {
        Some(object) => (
            // An empty object stays in place of the paths, which the document requires.
            object
                .get_mut("paths")
                .map(|p| std::mem::replace(p, serde_json::Value::Object(Default::default()))),
            object.remove("components"),
        ),
        None => (None, None),
    };
    std::thread::scope(|scope| {
        let paths = paths.map(|p| scope.spawn(move || read_at::<openapiv3::Paths>(p, "#/paths")));
        let components = components
            .map(|c| read_at::<openapiv3::Components>(c, "#/components"))
            .transpose();
        let rest = read_at::<openapiv3::OpenAPI>(value, "#");
        let paths = paths
            .map(|handle| match handle.join() {
                Ok(read) => read,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .transpose();
        let (components, mut doc, paths) = (components?, rest?, paths?);
        doc.components = components;
        if let Some(paths) = paths {
            doc.paths = paths;
        }
        Ok(doc)
    })
}

/// `value` read as a `T`; an error says where, as a JSON pointer under `at` (the pointer of
/// `value` in the document).
fn read_at<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
    at: &str,
) -> std::result::Result<T, String> {
    serde_path_to_error::deserialize(value)
        .map_err(|e| format!("at {}: {}", pointer(at, e.path()), e.inner()))
}

/// The JSON pointer of a serde path under the pointer `at` (`#` and `paths./x.post` →
/// `#/paths/~1x/post`).
fn pointer(at: &str, path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = at.to_owned();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&crate::text::escape(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// The title is printed in the client's crate docs on one line: it must not break the line
/// (or hold characters rustc rejects in comments).
fn check_title(value: &serde_json::Value) -> Result<()> {
    match value.pointer("/info/title").and_then(|t| t.as_str()) {
        Some(title) if !title.chars().all(crate::text::is_comment_safe) => Err(Error::spec(
            "#/info/title",
            "the title contains a line break, a control or a text-direction character",
        )),
        _ => Ok(()),
    }
}

fn check_version(value: &serde_json::Value) -> std::result::Result<(), String> {
    let Some(obj) = value.as_object() else {
        return Err("the document is not a JSON object".into());
    };
    match obj.get("openapi") {
        Some(serde_json::Value::String(v)) if v.starts_with("3.0.") || v == "3.0" => Ok(()),
        Some(serde_json::Value::String(v)) => Err(format!(
            "#/openapi is {v:?}; only OpenAPI 3.0.x is supported"
        )),
        Some(other) => Err(format!(
            "#/openapi is {other}, not a version string (quote it in YAML: \"3.0.3\")"
        )),
        None => Err("#/openapi is missing".into()),
    }
}
