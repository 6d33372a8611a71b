//! `seam-bench`: the runtime side of `cargo xtask bench` (the codegen side is
//! `seam-bench-codegen`, `src/bin/seam-bench-codegen.rs`).
//!
//! `seam-bench runtime [--spec PATH] [--items N] [--budget-ms MS]`: decode, encode and
//! requests-per-second tables, with the system allocator (what the client's users get unless
//! they choose another).

use std::process::ExitCode;
use std::time::Duration;

use anyhow::bail;
use seam_bench::fixtures::Fixtures;
use seam_bench::measure::{ms, time};
use seam_bench::{flag, runtime};

fn main() -> ExitCode {
    seam_bench::main_with(run)
}

fn run(args: &[String]) -> anyhow::Result<()> {
    let spec = seam_bench::spec_arg(args)?;
    match args.first().map(String::as_str) {
        Some("runtime") => {
            let items: usize = flag(args, "--items")?.unwrap_or("1000").parse()?;
            let budget: u64 = flag(args, "--budget-ms")?.unwrap_or("2000").parse()?;
            runtime_tables(&spec, items, Duration::from_millis(budget))
        }
        _ => bail!("usage: seam-bench runtime [--spec PATH] [--items N] [--budget-ms MS]"),
    }
}

fn runtime_tables(spec: &std::path::Path, items: usize, budget: Duration) -> anyhow::Result<()> {
    let fixtures = Fixtures::from_spec_file(spec, items)?;
    println!(
        "Decode: {items} items per list, through seam_runtime::decode_response (the client's path); medians"
    );
    println!();
    println!(
        "| list | body | variants (known) | IgnoredAny floor | serde_json::Value | Value from text | typed (client) | typed vs Value | vs Value from text |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut slower = Vec::new();
    for row in runtime::decode_rows(&fixtures, budget)? {
        let ratio = row.value.median.as_secs_f64() / row.typed.median.as_secs_f64();
        let text_ratio = row.value_text.median.as_secs_f64() / row.typed.median.as_secs_f64();
        if ratio <= 1.0 {
            slower.push(row.name);
        }
        println!(
            "| {} | {:.2} MB | {} ({}/{}) | {} ms, {:.0} MB/s | {} ms, {:.0} MB/s | {} ms, {:.0} MB/s | {} ms, {:.0} MB/s | {:.2}x faster | {:.2}x |",
            row.name,
            row.bytes as f64 / 1e6,
            row.variants,
            row.known,
            row.items,
            ms(row.ignored.median),
            row.ignored.mb_per_s(row.bytes),
            ms(row.value.median),
            row.value.mb_per_s(row.bytes),
            ms(row.value_text.median),
            row.value_text.mb_per_s(row.bytes),
            ms(row.typed.median),
            row.typed.mb_per_s(row.bytes),
            ratio,
            text_ratio,
        );
    }
    println!();
    let devices = runtime::typed_devices(&fixtures.devices)?;
    let encode_list = time(budget, 5, 500, || {
        serde_json::to_vec(&devices).map(|v| v.len())
    });
    let encoded = serde_json::to_vec(&devices)?.len();
    let build = time(budget, 5, 100_000, || {
        runtime::build_and_encode_request(7).map(|v| v.len())
    });
    println!("Encode: medians");
    println!();
    println!("| what | time | throughput |");
    println!("|---|---|---|");
    println!(
        "| build + encode an access_codes::CreateRequest | {:.2} µs | {:.0} requests/s |",
        build.median.as_secs_f64() * 1e6,
        1.0 / build.median.as_secs_f64()
    );
    println!(
        "| encode {} typed devices ({:.2} MB) | {} ms | {:.0} MB/s |",
        devices.len(),
        encoded as f64 / 1e6,
        ms(encode_list.median),
        encode_list.mb_per_s(encoded)
    );
    println!();
    let one_device = serde_json::to_vec(&devices[0])?;
    println!(
        "Requests per second: seam.devices().get() through the whole client (reqwest, hyper, retry layer, decode) against a local HTTP/1.1 server on 127.0.0.1, one current-thread runtime"
    );
    println!();
    println!("| in flight | requests | time | requests/s |");
    println!("|---|---|---|---|");
    for concurrency in [1, 16] {
        let t = runtime::requests_per_second(&one_device, concurrency, 20_000, budget)?;
        println!(
            "| {} | {} | {} ms | {:.0} |",
            t.concurrency,
            t.requests,
            ms(t.elapsed),
            t.per_second()
        );
    }
    if !slower.is_empty() {
        println!();
        println!(
            "WARNING: typed decode is not faster than serde_json::Value for: {}",
            slower.join(", ")
        );
    }
    Ok(())
}
