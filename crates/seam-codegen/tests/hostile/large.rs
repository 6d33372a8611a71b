//! The largest spec: the vendored one grown past 50 MB, with a memory bound.

use std::time::Instant;

/// Peak resident memory of this process, in MiB (Linux; `None` elsewhere).
fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// The vendored spec grown past 50 MB by copying every path under `/copyN` (and its group
/// under `copyN`), through the whole pipeline. About a minute and 1.9 GiB in a debug build, so
/// plain `cargo test` skips it there; `cargo xtask test` runs it (`--include-ignored`), as does
/// `cargo test --release -p seam-codegen --test hostile fifty_megabyte`.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "about a minute in debug; cargo xtask test runs it"
)]
fn fifty_megabyte_spec_generates_within_bounds() {
    let start = Instant::now();
    let spec = super::workspace::repo_root().join("specs/seam-connect.json");
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&spec).expect("reads")).expect("parses");
    let original = value["paths"].as_object().expect("paths").clone();
    let base = serde_json::to_string(&value).expect("serialises").len();
    let per_copy = serde_json::to_string(&original).expect("serialises").len();
    let copies = (50_000_000 - base.min(50_000_000)).div_ceil(per_copy);
    let paths = value["paths"].as_object_mut().expect("paths");
    for n in 1..=copies {
        for (path, item) in &original {
            let mut item = item.clone();
            for op in item
                .as_object_mut()
                .into_iter()
                .flat_map(|o| o.values_mut())
            {
                if let Some(group) = op
                    .get_mut("x-fern-sdk-group-name")
                    .and_then(|g| g.as_array_mut())
                {
                    group.insert(0, format!("copy{n}").into());
                }
            }
            paths.insert(format!("/copy{n}{path}"), item);
        }
    }
    let text = serde_json::to_string(&value).expect("serialises");
    assert!(text.len() >= 50_000_000, "{} bytes", text.len());
    let operations = value["paths"].as_object().map_or(0, |p| p.len());
    drop(value);
    let built = start.elapsed();
    let size_mb = text.len() / 1_000_000;
    let loaded = seam_codegen::load::parse(&spec, &text, false).expect("loads");
    drop(text);
    let generated = seam_codegen::generate_from(&loaded, &crate::options(), Default::default())
        .expect("generates");
    assert_eq!(generated.api.operations().len(), operations);
    let peak = peak_rss_mib();
    println!(
        "{size_mb} MB, {operations} operations, {} files; spec built in {built:?}, total {:?}; {:?}; peak {peak:?} MiB",
        generated.files.len(),
        start.elapsed(),
        generated.times,
    );
    if let Some(peak) = peak {
        assert!(peak < 6 * 1024, "peak memory {peak} MiB");
    }
}
