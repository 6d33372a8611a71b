//! The generator's error type: every problem names where it is.

use std::path::PathBuf;

/// A generator error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The spec file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The spec is not valid JSON/YAML or not an OpenAPI 3.0 document.
    #[error("{path}: not an OpenAPI 3.0 document: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        message: String,
    },
    /// The spec parses but something in it cannot be turned into a client.
    #[error("spec error at {pointer}: {message}")]
    Spec {
        /// JSON pointer into the spec, e.g. `#/paths/~1devices~1list/post`.
        pointer: String,
        /// What is wrong.
        message: String,
    },
    /// A template failed to render (a bug in the generator).
    #[error("rendering {file}: {message}")]
    Render {
        /// The output file.
        file: String,
        /// The template error.
        message: String,
    },
    /// Rendered code did not parse as Rust (a bug in the generator or a template).
    #[error("generated file {file} is not valid Rust: {message}")]
    Format {
        /// The output file.
        file: String,
        /// The syn error, with its line and column.
        message: String,
    },
    /// The generated crate's version file does not hold a version.
    #[error("{path}: {message}")]
    CrateVersion {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Writing or checking the output failed.
    #[error("{path}: {source}")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl Error {
    /// A spec error at `pointer`.
    pub fn spec(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Spec {
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

/// Result with the generator's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
