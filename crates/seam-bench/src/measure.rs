//! Small timing helpers for the summary tables of `cargo xtask bench` (the divan suites in
//! `benches/` measure the same functions with full statistics).

use std::time::{Duration, Instant};

/// The median and the fastest of several timed runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    /// Median duration of one run.
    pub median: Duration,
    /// Fastest run.
    pub min: Duration,
    /// How many runs were timed.
    pub runs: usize,
}

impl Timing {
    /// Throughput in MB/s (10^6 bytes) for `bytes` handled per run, at the median.
    pub fn mb_per_s(&self, bytes: usize) -> f64 {
        bytes as f64 / 1e6 / self.median.as_secs_f64().max(1e-12)
    }
}

/// Runs `f` once to warm up, then repeatedly for about `budget` (at least `min_runs` and at
/// most `max_runs` times), and returns the median and the fastest run.
pub fn time<T>(
    budget: Duration,
    min_runs: usize,
    max_runs: usize,
    mut f: impl FnMut() -> T,
) -> Timing {
    std::hint::black_box(f());
    let started = Instant::now();
    let mut samples = Vec::new();
    while samples.len() < min_runs.max(1)
        || (samples.len() < max_runs && started.elapsed() < budget)
    {
        let t = Instant::now();
        std::hint::black_box(f());
        samples.push(t.elapsed());
    }
    samples.sort_unstable();
    Timing {
        median: samples[samples.len() / 2],
        min: samples[0],
        runs: samples.len(),
    }
}

/// The peak resident set size of this process in bytes (`VmHWM` of `/proc/self/status`);
/// `None` where that file does not exist (not Linux).
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// A duration in milliseconds with one decimal.
pub fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timing_respects_the_run_bounds() {
        let mut calls = 0;
        let t = time(Duration::ZERO, 3, 10, || calls += 1);
        assert_eq!(t.runs, 3);
        assert_eq!(calls, 4, "one warm-up run");
        assert!(t.min <= t.median);
        let t = time(Duration::from_secs(10), 1, 5, || ());
        assert_eq!(t.runs, 5);
    }

    #[test]
    fn throughput_is_bytes_over_time() {
        let t = Timing {
            median: Duration::from_millis(500),
            min: Duration::from_millis(400),
            runs: 1,
        };
        assert!((t.mb_per_s(1_000_000) - 2.0).abs() < 1e-9);
        assert_eq!(ms(Duration::from_micros(1500)), "1.5");
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn peak_rss_is_read_on_linux() {
        let rss = peak_rss_bytes().expect("VmHWM");
        assert!(rss > 1024 * 1024, "{rss}");
    }
}
