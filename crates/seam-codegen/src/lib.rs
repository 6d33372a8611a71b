//! seam-codegen: turns the Seam Connect OpenAPI spec into a Rust client crate.
//!
//! The pipeline runs forward through three stages, each in its own module:
//! [`load`] (spec file → OpenAPI document), [`model`] (document → our IR, every decision made
//! there) and [`render`] (IR → askama templates → formatted files → written or checked).

pub mod diff;
pub mod error;
pub mod load;
pub mod model;
pub mod render;
pub mod text;

pub use error::{Error, Result};

use std::path::Path;
use std::time::{Duration, Instant};

/// How long each stage of one generator run took.
#[derive(Debug, Clone, Default)]
pub struct StageTimes {
    /// Reading and parsing the spec file.
    pub load: Duration,
    /// Building the IR.
    pub model: Duration,
    /// Rendering the templates.
    pub render: Duration,
    /// Formatting with syn + prettyplease.
    pub format: Duration,
}

/// The result of running the generator in memory: the files of the client crate.
#[derive(Debug)]
pub struct Generated {
    /// The IR the files were rendered from.
    pub api: model::Api,
    /// Every file of the crate, relative to the crate's folder, sorted by path.
    pub files: Vec<render::OutputFile>,
    /// Stage timings.
    pub times: StageTimes,
}

/// Runs load → model → render → format on the spec at `spec_path`.
pub fn generate(spec_path: &Path, options: &render::Options) -> Result<Generated> {
    let mut times = StageTimes::default();
    let start = Instant::now();
    let spec = load::load_file(spec_path)?;
    times.load = start.elapsed();
    generate_from(&spec, options, times)
}

/// Runs model → render → format on an already loaded spec.
pub fn generate_from(
    spec: &load::Spec,
    options: &render::Options,
    mut times: StageTimes,
) -> Result<Generated> {
    let start = Instant::now();
    let api = model::build(spec)?;
    times.model = start.elapsed();
    let start = Instant::now();
    let unformatted = render::render(&api, options)?;
    times.render = start.elapsed();
    let start = Instant::now();
    let files = render::format::format_all(unformatted)?;
    times.format = start.elapsed();
    Ok(Generated { api, files, times })
}
