//! One measured run of the whole generator: load, model, render, format, write, with the
//! process's peak memory. `cargo xtask bench` runs it in a fresh process per measurement
//! (`seam-bench codegen`), so each peak belongs to one run.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use seam_codegen::render::{Options, write};
use serde::{Deserialize, Serialize};

use crate::measure::peak_rss_bytes;

/// Stage times and peak memory of one generator run, in milliseconds and bytes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CodegenRun {
    /// Reading and parsing the spec.
    pub load_ms: f64,
    /// Building the IR.
    pub model_ms: f64,
    /// Rendering the templates.
    pub render_ms: f64,
    /// syn + prettyplease.
    pub format_ms: f64,
    /// Writing the files (into an empty folder).
    pub write_ms: f64,
    /// All of it, as the wall clock saw it.
    pub total_ms: f64,
    /// Peak resident memory of the process (`VmHWM`), when known.
    pub peak_rss_bytes: Option<u64>,
    /// Files written.
    pub files: usize,
    /// Lines written.
    pub lines: usize,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Generates the client from `spec` into `out` (which should not exist yet, so every file is
/// written) and measures it.
pub fn run_codegen(spec: &Path, out: &Path) -> anyhow::Result<CodegenRun> {
    let started = Instant::now();
    let generated = seam_codegen::generate(spec, &Options::default())
        .with_context(|| format!("generating from {}", spec.display()))?;
    let write_started = Instant::now();
    write::ensure(out, &generated.files, write::Mode::Write)
        .with_context(|| format!("writing {}", out.display()))?;
    let write_time = write_started.elapsed();
    let total = started.elapsed();
    let t = &generated.times;
    Ok(CodegenRun {
        load_ms: ms(t.load),
        model_ms: ms(t.model),
        render_ms: ms(t.render),
        format_ms: ms(t.format),
        write_ms: ms(write_time),
        total_ms: ms(total),
        peak_rss_bytes: peak_rss_bytes(),
        files: generated.files.len(),
        lines: generated
            .files
            .iter()
            .map(|f| f.contents.lines().count())
            .sum(),
    })
}

/// The per-field medians of several runs (each field's own median).
pub fn median(runs: &[CodegenRun]) -> Option<CodegenRun> {
    fn mid(mut values: Vec<f64>) -> f64 {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    }
    let first = runs.first()?;
    let field = |f: fn(&CodegenRun) -> f64| mid(runs.iter().map(f).collect());
    let mut peaks: Vec<u64> = runs.iter().filter_map(|r| r.peak_rss_bytes).collect();
    peaks.sort_unstable();
    Some(CodegenRun {
        load_ms: field(|r| r.load_ms),
        model_ms: field(|r| r.model_ms),
        render_ms: field(|r| r.render_ms),
        format_ms: field(|r| r.format_ms),
        write_ms: field(|r| r.write_ms),
        total_ms: field(|r| r.total_ms),
        peak_rss_bytes: peaks.get(peaks.len() / 2).copied(),
        files: first.files,
        lines: first.lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(total: f64, peak: Option<u64>) -> CodegenRun {
        CodegenRun {
            load_ms: total / 2.0,
            model_ms: 1.0,
            render_ms: 1.0,
            format_ms: 1.0,
            write_ms: 1.0,
            total_ms: total,
            peak_rss_bytes: peak,
            files: 3,
            lines: 9,
        }
    }

    #[test]
    fn medians_are_per_field() {
        let m = median(&[run(10.0, Some(5)), run(30.0, None), run(20.0, Some(7))]).unwrap();
        assert_eq!(m.total_ms, 20.0);
        assert_eq!(m.load_ms, 10.0);
        assert_eq!(m.peak_rss_bytes, Some(7));
        assert!(median(&[]).is_none());
        let line = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<CodegenRun>(&line).unwrap(), m);
    }
}
