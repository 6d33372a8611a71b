//! Text rules every stage shares: JSON pointer segments (RFC 6901), and the characters a Rust
//! comment can hold. `load` checks spec text with them before the model uses them.

/// Escapes one JSON pointer segment (`~` → `~0`, `/` → `~1`).
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Whether rustc accepts `c` in a comment: no control characters (they are not text, and a
/// lone CR is an error), no bidirectional overrides or isolates (denied by the
/// `text_direction_codepoint_in_comment` lint).
pub fn is_comment_safe(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}
