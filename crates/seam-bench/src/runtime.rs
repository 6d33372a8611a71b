//! What the runtime benchmarks measure: decoding list responses through the client's own path
//! ([`seam_runtime::decode_response`]) next to serde_json's floors on the same bytes, building and
//! encoding requests, and requests per second against a local server.

use std::time::{Duration, Instant};

use serde::de::IgnoredAny;

use crate::fixtures::{Fixtures, ListBody};
use crate::measure::{Timing, time};
use crate::server::FixedServer;

/// Decodes `list` into the generated type of its items, as the client does; returns the count.
pub fn decode_typed(list: &ListBody) -> anyhow::Result<usize> {
    let key = Some(list.key);
    Ok(match list.name {
        "devices" => {
            seam_runtime::decode_response::<Vec<seam::types::Device>>(&list.body, key)?.len()
        }
        "events" => {
            seam_runtime::decode_response::<Vec<seam::types::Event>>(&list.body, key)?.len()
        }
        "action_attempts" => {
            seam_runtime::decode_response::<Vec<seam::types::ActionAttempt>>(&list.body, key)?.len()
        }
        other => anyhow::bail!("no typed decoder for {other}"),
    })
}

/// How many items of `list` decode to a variant this crate knows (not `Unknown`).
pub fn known_variants(list: &ListBody) -> anyhow::Result<usize> {
    let key = Some(list.key);
    Ok(match list.name {
        "events" => seam_runtime::decode_response::<Vec<seam::types::Event>>(&list.body, key)?
            .iter()
            .filter(|e| !matches!(e, seam::types::Event::Unknown(_)))
            .count(),
        "action_attempts" => {
            seam_runtime::decode_response::<Vec<seam::types::ActionAttempt>>(&list.body, key)?
                .iter()
                .filter(|a| !matches!(a, seam::types::ActionAttempt::Unknown(_)))
                .count()
        }
        _ => decode_typed(list)?,
    })
}

/// The floor: serde_json checks the bytes and builds nothing.
pub fn decode_ignored(list: &ListBody) -> anyhow::Result<()> {
    serde_json::from_slice::<IgnoredAny>(&list.body)?;
    Ok(())
}

/// The untyped alternative: the whole body as a `serde_json::Value`.
pub fn decode_value(list: &ListBody) -> anyhow::Result<serde_json::Value> {
    Ok(serde_json::from_slice(&list.body)?)
}

/// The same, read as text: the body's UTF-8 checked once up front, as the client does (serde_json
/// reading bytes checks every string on its own).
pub fn decode_value_text(list: &ListBody) -> anyhow::Result<serde_json::Value> {
    Ok(serde_json::from_str(std::str::from_utf8(&list.body)?)?)
}

/// Builds a typical request with the generated builder and encodes it as the client does.
pub fn build_and_encode_request(i: usize) -> anyhow::Result<Vec<u8>> {
    let request = seam::access_codes::CreateRequest::new(format!("device_{i:08}"))
        .code("824759")
        .name("Guest code")
        .starts_at("2025-06-15T12:00:00.000Z")
        .ends_at("2025-06-16T12:00:00.000Z")
        .prefer_native_scheduling(true);
    Ok(serde_json::to_vec(&request)?)
}

/// Decodes the devices of `list` (to encode them again in the encoding benchmark).
pub fn typed_devices(list: &ListBody) -> anyhow::Result<Vec<seam::types::Device>> {
    Ok(seam_runtime::decode_response(&list.body, Some(list.key))?)
}

/// One row of the decode table.
#[derive(Debug, Clone)]
pub struct DecodeRow {
    /// The list.
    pub name: &'static str,
    /// Body size in bytes.
    pub bytes: usize,
    /// Items and union variants in the body.
    pub items: usize,
    /// Variants of the item schema.
    pub variants: usize,
    /// Items decoded to a known variant.
    pub known: usize,
    /// `IgnoredAny`.
    pub ignored: Timing,
    /// `serde_json::Value`, read from bytes.
    pub value: Timing,
    /// `serde_json::Value`, read from text.
    pub value_text: Timing,
    /// The client's typed decode.
    pub typed: Timing,
}

/// Times the decode of every fixture list.
pub fn decode_rows(fixtures: &Fixtures, budget: Duration) -> anyhow::Result<Vec<DecodeRow>> {
    let mut rows = Vec::new();
    for list in fixtures.all() {
        let known = known_variants(list)?;
        rows.push(DecodeRow {
            name: list.name,
            bytes: list.body.len(),
            items: list.items,
            variants: list.variants,
            known,
            ignored: time(budget, 5, 500, || decode_ignored(list).is_ok()),
            value: time(budget, 5, 500, || decode_value(list).is_ok()),
            value_text: time(budget, 5, 500, || decode_value_text(list).is_ok()),
            typed: time(budget, 5, 500, || decode_typed(list).is_ok()),
        });
    }
    Ok(rows)
}

/// Requests per second through the whole client against a local server.
#[derive(Debug, Clone, Copy)]
pub struct Throughput {
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Requests completed.
    pub requests: usize,
    /// Wall time.
    pub elapsed: Duration,
}

impl Throughput {
    /// Requests per second.
    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Sends `requests` `/devices/get` calls (answered with one device), `concurrency` at a time,
/// through `seam::Seam` on a current-thread runtime; bounded by `limit` in time as well.
pub fn requests_per_second(
    device: &[u8],
    concurrency: usize,
    requests: usize,
    limit: Duration,
) -> anyhow::Result<Throughput> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let mut body = br#"{"device":"#.to_vec();
        body.extend_from_slice(device);
        body.extend_from_slice(br#","ok":true}"#);
        let server = FixedServer::start(body).await?;
        let seam = seam::Seam::builder()
            .api_key("seam_bench_key")
            .endpoint(server.url())
            .no_retries()
            .build()?;
        // Warm up: open the connections.
        one_batch(&seam, concurrency).await?;
        let started = Instant::now();
        let mut done = 0;
        while done < requests && started.elapsed() < limit {
            done += one_batch(&seam, concurrency).await?;
        }
        Ok(Throughput {
            concurrency,
            requests: done,
            elapsed: started.elapsed(),
        })
    })
}

async fn one_batch(seam: &seam::Seam, concurrency: usize) -> anyhow::Result<usize> {
    let calls = (0..concurrency).map(|i| async move {
        seam.devices()
            .get(seam::devices::GetRequest::new().device_id(format!("device_{i}")))
            .await
    });
    let results = futures_join_all(calls).await;
    for r in &results {
        if let Err(e) = r {
            anyhow::bail!("request failed: {e}");
        }
    }
    Ok(results.len())
}

/// Awaits every future, polling them together on the current task.
async fn futures_join_all<F: std::future::Future>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output> {
    let mut pinned: Vec<std::pin::Pin<Box<F>>> = futures.map(Box::pin).collect();
    let mut out: Vec<Option<F::Output>> = pinned.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (slot, fut) in out.iter_mut().zip(pinned.iter_mut()) {
            if slot.is_none() {
                match fut.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => *slot = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.into_iter().flatten().collect()
}
