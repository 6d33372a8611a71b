//! Query strings: decoding what JS sent, and what `@seamapi/url-search-params-serializer` would
//! send for a JSON body.

use serde_json::Value;

/// Decodes an `application/x-www-form-urlencoded` query string into pairs, in order.
pub(super) fn decode_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |b: Option<&u8>| b.and_then(|b| (*b as char).to_digit(16));
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
            (b'+', _, _) => out.push(b' '),
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 2;
            }
            (b, _, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What `@seamapi/url-search-params-serializer` 3.0.3 puts in the query string for `params`
/// (a JSON object): nested objects as dotted names, arrays as repeated names (an empty array as
/// one empty value), `null` as an empty value, empty strings left out, numbers and booleans as
/// text; pairs sorted by name (stable), as its `searchParams.sort()` does. An error where the
/// serializer throws (a dot in a name, an object or `null` inside an array, empty strings in an
/// array).
pub(super) fn serialize_params(params: &Value) -> Result<Vec<(String, String)>, String> {
    let Value::Object(map) = params else {
        return Err(format!("parameters are not an object: {params}"));
    };
    let mut pairs = Vec::new();
    nested(&mut pairs, map, "")?;
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(pairs)
}

fn nested(
    pairs: &mut Vec<(String, String)>,
    map: &serde_json::Map<String, Value>,
    prefix: &str,
) -> Result<(), String> {
    for (key, value) in map {
        if key.contains('.') {
            return Err(format!("'{key}' contains a dot"));
        }
        let name = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::Object(inner) => nested(pairs, inner, &name)?,
            Value::String(s) if s.is_empty() => {}
            Value::Array(items) if items.is_empty() => pairs.push((name, String::new())),
            Value::Array(items) => {
                if items.iter().any(|v| v == "" || v.is_null()) {
                    return Err(format!("'{name}' holds an empty string or null"));
                }
                for item in items {
                    pairs.push((name.clone(), scalar(&name, item)?));
                }
            }
            other => pairs.push((name.clone(), scalar(&name, other)?)),
        }
    }
    Ok(())
}

fn scalar(name: &str, value: &Value) -> Result<String, String> {
    match value {
        Value::Null => Ok(String::new()),
        Value::String(s) => Ok(s.clone()),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Number(n) => Ok(js_number(n)),
        Value::Array(_) | Value::Object(_) => Err(format!("'{name}' is a nested {value}")),
    }
}

/// A number as JavaScript's `toString` prints it (integers without `.0`).
fn js_number(n: &serde_json::Number) -> String {
    match (n.as_i64(), n.as_u64(), n.as_f64()) {
        (Some(i), _, _) => i.to_string(),
        (_, Some(u), _) => u.to_string(),
        (_, _, Some(f)) if f.fract() == 0.0 && f.abs() < 1e21 => format!("{f:.0}"),
        (_, _, Some(f)) => f.to_string(),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_serializer_semantics_are_reproduced() {
        let params = json!({
            "b": [1, 2], "a": {"x": true, "y": null}, "e": [], "s": "", "n": 1.5, "i": 2.0
        });
        let pairs = serialize_params(&params).unwrap();
        let text: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(
            text,
            ["a.x=true", "a.y=", "b=1", "b=2", "e=", "i=2", "n=1.5"]
        );
        assert!(serialize_params(&json!({"a.b": 1})).is_err());
        assert!(serialize_params(&json!({"a": [{"x": 1}]})).is_err());
        assert!(serialize_params(&json!({"a": ["", "x"]})).is_err());
    }

    #[test]
    fn queries_decode() {
        assert_eq!(
            decode_query("a=1&b=x+y&c=%2Fz&d&_strict=true"),
            [
                ("a".into(), "1".into()),
                ("b".into(), "x y".into()),
                ("c".into(), "/z".into()),
                ("d".into(), String::new()),
                ("_strict".into(), "true".into())
            ]
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%e2%82%ac"), "€");
    }
}
