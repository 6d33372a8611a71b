//! Benchmarks of seam-codegen and of the generated `seam` client.
//!
//! - [`pipeline`]: one measured generator run (stage times, peak memory), run by
//!   `cargo xtask bench` in a fresh process per measurement.
//! - [`fixtures`]: large list responses (devices, events, action attempts) made from the spec.
//! - [`runtime`]: decoding through the client's path next to serde_json's floors, request
//!   encoding, requests per second against [`server::FixedServer`].
//! - [`measure`]: median timing and peak memory helpers for the summary tables.
//!
//! The divan suites (`cargo bench -p seam-bench`) measure the same functions with statistics.

pub mod fixtures;
pub mod measure;
pub mod pipeline;
pub mod runtime;
pub mod server;

use std::path::PathBuf;

/// The vendored spec, from this crate's folder.
pub fn vendored_spec() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../specs/seam-connect.json")
}
