//! The provenance record next to the vendored spec: where it came from, its version and sha256.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The contents of `specs/seam-connect.provenance.json`; fields are written in this order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The spec's file name, relative to the record's folder.
    pub file: String,
    /// The address the spec was (or can be) downloaded from.
    pub source_url: String,
    /// How the file came to be, in words.
    pub origin: String,
    /// The spec's version (its `info.version` unless told otherwise).
    pub version: String,
    /// Lower-case hex sha256 of the spec file's bytes.
    pub sha256: String,
    /// The UTC date the spec was retrieved, `YYYY-MM-DD`.
    pub retrieved: String,
}

impl Provenance {
    /// Reads and checks the record at `path`; the error says what is wrong and how to fix it.
    pub fn read(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| {
            format!(
                "cannot read the provenance record {} (restore it from git, or run \
                 `cargo xtask spec fetch` to download the spec and write a new record)",
                path.display()
            )
        })?;
        let record: Self = serde_json::from_str(&text).with_context(|| {
            format!(
                "{} is not a valid provenance record (expected a JSON object with file, \
                 source_url, origin, version, sha256, retrieved)",
                path.display()
            )
        })?;
        if record.sha256.len() != 64 || !record.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            bail!(
                "{}: `sha256` must be 64 hex digits, found {:?}",
                path.display(),
                record.sha256
            );
        }
        Ok(record)
    }

    /// The record as pretty JSON with a trailing newline, as it is stored.
    pub fn to_json(&self) -> anyhow::Result<Vec<u8>> {
        let mut out =
            serde_json::to_vec_pretty(self).context("serialising the provenance record")?;
        out.push(b'\n');
        Ok(out)
    }
}

/// Lower-case hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Today's date in UTC as `YYYY-MM-DD`, from the system clock.
pub fn today_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date `days` days after 1970-01-01 (Howard Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // day of era, 0..=146096
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // year of era, 0..=399
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of year from March 1st, 0..=365
    let mp = (5 * doy + 2) / 153; // month from March, 0..=11
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both are small and positive by construction.
    (year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(19_783), (2024, 3, 1));
        assert_eq!(civil_from_days(20_415), (2025, 11, 23));
        assert_eq!(civil_from_days(20_818), (2026, 12, 31));
    }

    #[test]
    fn today_has_date_shape() {
        let today = today_utc();
        assert_eq!(today.len(), 10, "{today}");
        assert!(today.as_str() >= "2025-01-01", "{today}");
        assert_eq!(&today[4..5], "-");
        assert_eq!(&today[7..8], "-");
    }

    #[test]
    fn sha256_known_value() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn record_round_trips_in_field_order() {
        let record = Provenance {
            file: "seam-connect.json".into(),
            source_url: "https://example.test/openapi.json".into(),
            origin: "test".into(),
            version: "1.0.0".into(),
            sha256: sha256_hex(b""),
            retrieved: "2026-01-02".into(),
        };
        let json = String::from_utf8(record.to_json().unwrap()).unwrap();
        let keys: Vec<usize> = ["\"file\"", "\"source_url\"", "\"origin\"", "\"version\""]
            .iter()
            .map(|k| json.find(k).unwrap())
            .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{json}");
        assert!(json.ends_with("}\n"));
        let back: Provenance = serde_json::from_str(&json).unwrap();
        assert_eq!(back, record);
    }
}
