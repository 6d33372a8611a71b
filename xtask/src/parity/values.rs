//! JSON values compared as values: numbers by value, RFC 3339 timestamps by instant.

use std::collections::BTreeSet;

use serde_json::Value;

/// JSON equality with numbers compared as values.
pub(super) fn same(a: &Value, b: &Value) -> bool {
    let mut diffs = Vec::new();
    let mut instants = Vec::new();
    diff_values("", a, b, &mut diffs, &mut instants);
    diffs.is_empty() && instants.is_empty()
}

/// Collects the places where `a` (JS) and `b` (Rust) differ, as JSON pointers with both values.
/// Numbers compare by value (`1` equals `1.0`); two strings that are both RFC 3339 timestamps of
/// the same instant go to `instants` instead (a deliberate re-spelling), not to `diffs`.
pub(super) fn diff_values(
    at: &str,
    a: &Value,
    b: &Value,
    diffs: &mut Vec<String>,
    instants: &mut Vec<String>,
) {
    let here = || if at.is_empty() { "/" } else { at }.to_owned();
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.as_f64() == y.as_f64() => {}
        (Value::String(x), Value::String(y)) if x != y => match (instant(x), instant(y)) {
            (Some(p), Some(q)) if p == q => {
                instants.push(format!("{}: JS {x:?} vs Rust {y:?}", here()))
            }
            _ => diffs.push(format!("{}: JS {x:?} vs Rust {y:?}", here())),
        },
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                diff_values(&format!("{at}/{i}"), p, q, diffs, instants);
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                let child = format!("{at}/{k}");
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => diff_values(&child, p, q, diffs, instants),
                    (Some(p), None) => diffs.push(format!("{child}: JS {p} vs Rust (absent)")),
                    (None, Some(q)) => diffs.push(format!("{child}: JS (absent) vs Rust {q}")),
                    (None, None) => {}
                }
            }
        }
        _ if a == b => {}
        _ => diffs.push(format!("{}: JS {} vs Rust {}", here(), clip(a), clip(b))),
    }
}

/// `value` without the object members that are `null`, at any depth: how a returned value reads
/// in Rust, where a type that is only received reads `null` and absent alike (`None`, not
/// re-encoded).
pub(super) fn without_null_members(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_null_members(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_null_members).collect()),
        other => other.clone(),
    }
}

/// A JSON value cut to 120 characters for a message.
fn clip(v: &Value) -> String {
    let text = v.to_string();
    if text.len() > 120 {
        let cut = (0..=120)
            .rev()
            .find(|i| text.is_char_boundary(*i))
            .unwrap_or(0);
        format!("{}...", &text[..cut])
    } else {
        text
    }
}

/// An RFC 3339 timestamp (`2025-06-15T12:00:00.123Z`, `...+02:00`) as nanoseconds since the
/// Unix epoch; `None` for any other text.
fn instant(text: &str) -> Option<i128> {
    let b = text.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut i = 19;
    let mut nanos: i64 = 0;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let digits = text.get(start..i)?;
        if digits.is_empty() || digits.len() > 9 {
            return None;
        }
        nanos = format!("{digits:0<9}").parse().ok()?;
    }
    let offset_secs = match text.get(i..)? {
        "Z" | "z" => 0,
        rest if rest.len() == 6 && matches!(&rest[..1], "+" | "-") && &rest[3..4] == ":" => {
            let oh = num(i + 1..i + 3)?;
            let om = num(i + 4..i + 6)?;
            let sign = if &rest[..1] == "-" { -1 } else { 1 };
            sign * (oh * 3600 + om * 60)
        }
        _ => return None,
    };
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    let secs = days * 86_400 + h * 3600 + mi * 60 + s - offset_secs;
    Some(i128::from(secs) * 1_000_000_000 + i128::from(nanos))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn instants_compare_whatever_the_spelling() {
        let a = instant("2025-06-15T12:00:00.123Z").unwrap();
        assert_eq!(instant("2025-06-15T14:00:00.123000+02:00"), Some(a));
        assert_ne!(instant("2025-06-15T12:00:00.124Z"), Some(a));
        assert_eq!(instant("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(instant("not a date"), None);
        assert_eq!(instant("2025-06-15"), None);
    }

    #[test]
    fn null_members_are_left_out_at_any_depth_and_nothing_else() {
        assert_eq!(
            without_null_members(&json!({"a": null, "b": [{"c": null, "d": 1}, null], "e": {}})),
            json!({"b": [{"d": 1}, null], "e": {}})
        );
    }

    #[test]
    fn values_differ_except_by_number_spelling_and_instant_spelling() {
        let mut diffs = Vec::new();
        let mut instants = Vec::new();
        diff_values(
            "",
            &json!({"n": 1, "t": "2025-06-15T12:00:00.000Z", "s": "a", "x": null}),
            &json!({"n": 1.0, "t": "2025-06-15T12:00:00Z", "s": "b"}),
            &mut diffs,
            &mut instants,
        );
        assert_eq!(
            diffs,
            [r#"/s: JS "a" vs Rust "b""#, "/x: JS null vs Rust (absent)"]
        );
        assert_eq!(instants.len(), 1);
    }
}
