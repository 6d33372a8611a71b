//! Divan suite: decoding 1000-item list responses through the client's path next to
//! serde_json's floors on the same bytes, and request building/encoding.
//! Run with `cargo bench -p seam-bench --bench runtime`.

use std::sync::OnceLock;

use divan::Bencher;
use divan::counter::BytesCount;
use seam_bench::fixtures::{Fixtures, ListBody};
use seam_bench::runtime;

fn main() {
    divan::main();
}

fn fixtures() -> &'static Fixtures {
    static FIXTURES: OnceLock<Fixtures> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        Fixtures::from_spec_file(&seam_bench::vendored_spec(), 1000)
            .expect("fixtures from the spec")
    })
}

fn list(name: &str) -> &'static ListBody {
    fixtures()
        .all()
        .into_iter()
        .find(|l| l.name == name)
        .expect("a fixture list")
}

const LISTS: &[&str] = &["devices", "events", "action_attempts"];

/// The client's typed decode (`seam_runtime::decode_response`).
#[divan::bench(args = LISTS, sample_count = 30)]
fn typed(bencher: Bencher, name: &str) {
    let list = list(name);
    bencher
        .counter(BytesCount::new(list.body.len()))
        .bench(|| runtime::decode_typed(list).expect("decodes"));
}

/// serde_json into `serde_json::Value`.
#[divan::bench(args = LISTS, sample_count = 30)]
fn value(bencher: Bencher, name: &str) {
    let list = list(name);
    bencher
        .counter(BytesCount::new(list.body.len()))
        .bench(|| runtime::decode_value(list).expect("decodes"));
}

/// serde_json into `serde_json::Value` from text (UTF-8 checked once, as the client reads).
#[divan::bench(args = LISTS, sample_count = 30)]
fn value_from_text(bencher: Bencher, name: &str) {
    let list = list(name);
    bencher
        .counter(BytesCount::new(list.body.len()))
        .bench(|| runtime::decode_value_text(list).expect("decodes"));
}

/// serde_json into `IgnoredAny`: parsing with nothing built, the floor.
#[divan::bench(args = LISTS, sample_count = 30)]
fn ignored_any(bencher: Bencher, name: &str) {
    let list = list(name);
    bencher
        .counter(BytesCount::new(list.body.len()))
        .bench(|| runtime::decode_ignored(list).expect("parses"));
}

/// Building an `access_codes::CreateRequest` with its builder and encoding it.
#[divan::bench]
fn build_and_encode_request() -> usize {
    runtime::build_and_encode_request(divan::black_box(7))
        .expect("encodes")
        .len()
}

/// Encoding 1000 typed devices.
#[divan::bench(sample_count = 30)]
fn encode_devices(bencher: Bencher) {
    let devices = runtime::typed_devices(list("devices")).expect("decodes");
    bencher.bench(|| serde_json::to_vec(&devices).expect("encodes").len());
}
