//! A small scanner over the text of one JSON value: finds a top-level member of an object without
//! building anything. It reads text serde_json has already checked, yet never panics on other
//! text: anything it does not understand is "not found".

/// The text of the value of the first top-level member named `key` of the JSON object `text`
/// (surrounding whitespace excluded). `None` when `text` is not an object, has no such member, or
/// is malformed before the member. Keys written with escapes (`"event\u005ftype"`) match by
/// their decoded text; members of nested objects never match.
pub(super) fn member<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    let bytes = text.as_bytes();
    let mut at = skip_whitespace(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    at = skip_whitespace(bytes, at + 1);
    if bytes.get(at) == Some(&b'}') {
        return None;
    }
    loop {
        if bytes.get(at) != Some(&b'"') {
            return None;
        }
        let (name_end, escaped) = string_end(bytes, at)?;
        let name = text.get(at..name_end)?;
        at = skip_whitespace(bytes, name_end);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        let start = skip_whitespace(bytes, at + 1);
        let end = value_end(bytes, start)?;
        if name_is(name, escaped, key) {
            return text.get(start..end);
        }
        at = skip_whitespace(bytes, end);
        if bytes.get(at) != Some(&b',') {
            return None;
        }
        at = skip_whitespace(bytes, at + 1);
    }
}

/// The text inside the quotes of the JSON string `value`, when it has no escapes (so it is the
/// string itself).
pub(super) fn plain_string(value: &str) -> Option<&str> {
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('\\')).then_some(inner)
}

/// Whether the quoted JSON string `name` (quotes included) says `key`.
fn name_is(name: &str, escaped: bool, key: &str) -> bool {
    if escaped {
        serde_json::from_str::<String>(name).is_ok_and(|name| name == key)
    } else {
        name.len() == key.len() + 2 && name.get(1..name.len() - 1) == Some(key)
    }
}

fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
}

/// For the string whose opening quote is at `start`: the index after its closing quote, and
/// whether it holds an escape.
fn string_end(bytes: &[u8], start: usize) -> Option<(usize, bool)> {
    let mut escaped = false;
    let mut at = start + 1;
    loop {
        match *bytes.get(at)? {
            b'"' => return Some((at + 1, escaped)),
            b'\\' => {
                escaped = true;
                at += 2;
            }
            _ => at += 1,
        }
    }
}

/// The index after the value that starts at `start`.
fn value_end(bytes: &[u8], start: usize) -> Option<usize> {
    match *bytes.get(start)? {
        b'"' => string_end(bytes, start).map(|(end, _)| end),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut at = start;
            loop {
                match *bytes.get(at)? {
                    b'"' => {
                        at = string_end(bytes, at)?.0;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(at + 1);
                        }
                    }
                    _ => {}
                }
                at += 1;
            }
        }
        _ => {
            let mut at = start;
            while let Some(&byte) = bytes.get(at) {
                if matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    break;
                }
                at += 1;
            }
            (at > start).then_some(at)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_top_level_members_only() {
        let text = r#"{"data":{"kind":"inner","list":[{"kind":"deep"}]},"note":"\"kind\":\"str\"","kind":"outer"}"#;
        assert_eq!(member(text, "kind"), Some(r#""outer""#));
        assert_eq!(
            member(text, "data"),
            Some(r#"{"kind":"inner","list":[{"kind":"deep"}]}"#)
        );
        assert_eq!(member(text, "missing"), None);
        // A key that only appears nested, or inside a string, is not a member.
        assert_eq!(member(r#"{"a":{"kind":"x"},"b":"kind"}"#, "kind"), None);
        assert_eq!(member(r#"{"a":["kind",{"kind":1}]}"#, "kind"), None);
    }

    #[test]
    fn reads_escaped_keys_and_strings() {
        assert_eq!(
            member(r#"{"event\u005ftype":"a.b"}"#, "event_type"),
            Some(r#""a.b""#)
        );
        assert_eq!(member(r#"{"k\"ey":1,"key":2}"#, "key"), Some("2"));
        assert_eq!(member(r#"{"k\"ey":1,"key":2}"#, "k\"ey"), Some("1"));
        // A backslash before a quote does not end the string.
        assert_eq!(member(r#"{"a":"x\\","b":"y\"},\"c\":1"}"#, "c"), None);
        assert_eq!(member(r#"{"a":"x\\","c":true}"#, "c"), Some("true"));
        assert_eq!(plain_string(r#""plain""#), Some("plain"));
        assert_eq!(plain_string(r#""esc\"aped""#), None);
        assert_eq!(plain_string("12"), None);
    }

    #[test]
    fn allows_whitespace_everywhere() {
        let text = " {\n\t\"a\" : [ 1 , 2 ] ,\r\n \"kind\"\t:\t\"x\" \n} ";
        assert_eq!(member(text, "kind"), Some(r#""x""#));
        assert_eq!(member(text, "a"), Some("[ 1 , 2 ]"));
        assert_eq!(member("{ }", "a"), None);
        assert_eq!(member(r#"{"n" : -1.5e3 }"#, "n"), Some("-1.5e3"));
    }

    #[test]
    fn takes_the_first_of_duplicates() {
        assert_eq!(member(r#"{"kind":"a","kind":"b"}"#, "kind"), Some(r#""a""#));
    }

    #[test]
    fn anything_but_an_object_has_no_members() {
        for text in [
            r#"["kind","x"]"#,
            r#""kind""#,
            "12",
            "null",
            "",
            "{",
            r#"{"kind""#,
            r#"{"kind":"#,
            r#"{"kind":"x"#,
            r#"{"a":1 "kind":"x"}"#,
            r#"{"a":{"b":1,"kind":"x"}"#,
            r#"{kind:"x"}"#,
            "{\"a\":\"\\",
        ] {
            assert_eq!(member(text, "kind"), None, "{text}");
        }
    }
}
