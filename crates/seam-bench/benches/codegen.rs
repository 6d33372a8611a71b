//! Divan suite: the generator's stages on the vendored spec, in this process (for peak memory
//! per run, see `cargo xtask bench`, which runs each measurement in a fresh process).
//! Run with `cargo bench -p seam-bench --bench codegen`.

use std::sync::OnceLock;

use seam_codegen::load::Spec;
use seam_codegen::model::Api;
use seam_codegen::render::{self, Options, OutputFile};

fn main() {
    divan::main();
}

fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| seam_codegen::load::load_file(&seam_bench::vendored_spec()).expect("spec"))
}

fn api() -> &'static Api {
    static API: OnceLock<Api> = OnceLock::new();
    API.get_or_init(|| seam_codegen::model::build(spec()).expect("model"))
}

fn unformatted() -> &'static Vec<OutputFile> {
    static FILES: OnceLock<Vec<OutputFile>> = OnceLock::new();
    FILES.get_or_init(|| render::render(api(), &Options::default()).expect("render"))
}

/// Reading and parsing the spec.
#[divan::bench(sample_count = 10)]
fn load() -> Spec {
    seam_codegen::load::load_file(&seam_bench::vendored_spec()).expect("spec")
}

/// Building the IR.
#[divan::bench(sample_count = 10)]
fn model() -> Api {
    seam_codegen::model::build(spec()).expect("model")
}

/// Rendering the templates.
#[divan::bench(sample_count = 10)]
fn render_templates() -> Vec<OutputFile> {
    render::render(api(), &Options::default()).expect("render")
}

/// syn + prettyplease over every file, on all cores.
#[divan::bench(sample_count = 5)]
fn format(bencher: divan::Bencher) {
    bencher
        .with_inputs(|| unformatted().clone())
        .bench_values(|files| render::format::format_all(files).expect("format"));
}
