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

/// The path of the innermost value of the JSON text `text` that holds byte `offset`, as
/// serde_path_to_error writes paths (`created_at`, `warnings[1].created_at`, `.` when only the
/// whole value does): a member or element is entered when its value's text holds the offset.
/// Stops where the text stops making sense.
pub(super) fn path_at(text: &str, offset: usize) -> String {
    let bytes = text.as_bytes();
    let mut path = String::new();
    let mut at = skip_whitespace(bytes, 0);
    'enter: loop {
        let closing = match bytes.get(at) {
            Some(b'{') => b'}',
            Some(b'[') => b']',
            _ => break,
        };
        let mut item = skip_whitespace(bytes, at + 1);
        let mut index = 0usize;
        while bytes.get(item) != Some(&closing) {
            let start = if closing == b'}' {
                if bytes.get(item) != Some(&b'"') {
                    break 'enter;
                }
                let Some((name_end, escaped)) = string_end(bytes, item) else {
                    break 'enter;
                };
                let colon = skip_whitespace(bytes, name_end);
                if bytes.get(colon) != Some(&b':') {
                    break 'enter;
                }
                let start = skip_whitespace(bytes, colon + 1);
                if let Some(end) = value_end(bytes, start)
                    && (start..end).contains(&offset)
                {
                    let name = text.get(item..name_end).unwrap_or_default();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    if escaped {
                        path.push_str(&serde_json::from_str::<String>(name).unwrap_or_default());
                    } else {
                        path.push_str(name.get(1..name.len() - 1).unwrap_or_default());
                    }
                    at = start;
                    continue 'enter;
                }
                start
            } else {
                item
            };
            let Some(end) = value_end(bytes, start) else {
                break 'enter;
            };
            if closing == b']' && (start..end).contains(&offset) {
                path.push_str(&format!("[{index}]"));
                at = start;
                continue 'enter;
            }
            item = skip_whitespace(bytes, end);
            match bytes.get(item) {
                Some(b',') => item = skip_whitespace(bytes, item + 1),
                _ => break 'enter,
            }
            index += 1;
        }
        break;
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

/// The byte offset in `text` of serde_json's error position `line`, `column` (1-based line;
/// the column counts the bytes read on that line, so the offset is of the last byte read).
/// `None` for no position (line 0) or one past the text.
pub(super) fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let mut start = 0;
    for _ in 1..line {
        start += text.get(start..)?.find('\n')? + 1;
    }
    let offset = start + column.saturating_sub(1);
    (line > 0 && offset < text.len()).then_some(offset)
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
    fn paths_lead_to_the_innermost_value_holding_an_offset() {
        let text = r#"{"a":1,"list":[{"x":true},{"y":"str","z\u0021":[10,20]}],"o":{}}"#;
        let at = |needle: &str| path_at(text, text.find(needle).unwrap());
        assert_eq!(at("1,"), "a");
        assert_eq!(at("true"), "list[0].x");
        assert_eq!(at("rue"), "list[0].x");
        assert_eq!(at(r#""str""#), "list[1].y");
        assert_eq!(at("20"), "list[1].z![1]");
        assert_eq!(at(r#"{"y""#), "list[1]");
        assert_eq!(at("[10"), "list[1].z!");
        assert_eq!(at("{}"), "o");
        // Keys, separators and the outer braces belong to the enclosing value.
        assert_eq!(at(r#""list""#), ".");
        assert_eq!(path_at(text, 0), ".");
        assert_eq!(path_at(text, text.len() - 1), ".");
        assert_eq!(path_at(text, text.len() + 5), ".");
        // Malformed text: as far as it makes sense.
        assert_eq!(path_at(r#"{"a":[1,"#, 6), ".");
        assert_eq!(path_at(r#"{"a" 1}"#, 5), ".");
        assert_eq!(path_at("[1,2", 3), "[1]");
        assert_eq!(path_at("", 0), ".");
    }

    #[test]
    fn error_positions_become_offsets() {
        let text = "{\n  \"a\": 1\n}";
        assert_eq!(offset_of(text, 1, 1), Some(0));
        assert_eq!(offset_of(text, 2, 8), Some(9));
        assert_eq!(&text[9..10], "1");
        assert_eq!(offset_of(text, 0, 0), None);
        assert_eq!(offset_of(text, 4, 1), None);
        assert_eq!(offset_of(text, 3, 9), None);
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
