//! Docs pass: turns spec descriptions into rustdoc lines that render and never compile as code.
//!
//! Lines are trimmed (indented text would become a doctest), every fenced block (backticks or
//! tildes, any length) is rewritten as a ```` ``` ```` block whose language rustdoc will not
//! compile (`text` unless it is a known non-Rust language), content lines that would close the
//! rewritten fence early are indented, characters rustc rejects in comments (control
//! characters, bidirectional overrides) are dropped, runs of blank lines are collapsed, and bare
//! URLs outside code become autolinks (`<https://...>`), as rustdoc's `bare_urls` lint asks.

use super::ir::Docs;
use openapiv3::Schema;

/// Fence languages kept as written; any other info string (empty, `rust`, `no_run`,
/// `ignore`, `json,rust`, ...) becomes `text`, since rustdoc compiles the block as a doctest
/// when the info string is empty or names only Rust attributes.
const FENCE_LANGUAGES: &[&str] = &[
    "text",
    "plain",
    "plaintext",
    "json",
    "jsonc",
    "js",
    "javascript",
    "ts",
    "typescript",
    "bash",
    "sh",
    "shell",
    "console",
    "http",
    "yaml",
    "yml",
    "toml",
    "html",
    "xml",
    "css",
    "python",
    "py",
    "sql",
    "ruby",
    "go",
    "java",
    "php",
    "csharp",
    "kotlin",
    "swift",
    "markdown",
    "md",
    "diff",
    "curl",
];

use crate::text::is_comment_safe;

/// `raw` with tabs as spaces and every character rustc rejects in a comment dropped.
fn clean(raw: &str) -> String {
    raw.chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| is_comment_safe(*c))
        .collect()
}

/// A fence opening at the start of `line`: its character, length and info string. Backtick
/// fences cannot have a backtick in the info string (CommonMark: then it is inline code).
fn fence_opening(line: &str) -> Option<(char, usize, &str)> {
    let c = line.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = line.len() - line.trim_start_matches(c).len();
    let info = line[len..].trim();
    (len >= 3 && !(c == '`' && info.contains('`'))).then_some((c, len, info))
}

/// The language written after a rewritten opening fence.
fn fence_language(info: &str) -> String {
    let word = info
        .split(|c: char| c == ',' || c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if FENCE_LANGUAGES.contains(&word.as_str()) {
        word
    } else {
        "text".to_owned()
    }
}

/// `line` with every bare `http://` or `https://` URL written as an autolink (`<url>`). Left as
/// they are: URLs in inline code, link destinations (`](url)`), autolinks (`<url>`) and HTML
/// attribute values (`href="url"`). Trailing sentence punctuation, and a `)` the URL does not
/// open, stay outside the link.
fn link_bare_urls(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    // The length of the backtick run that opened the inline code span we are in.
    let mut code: Option<usize> = None;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            let run = rest.len() - rest.trim_start_matches('`').len();
            code = match code {
                None => Some(run),
                Some(open) if open == run => None,
                open => open,
            };
            out.push_str(&rest[..run]);
            rest = &rest[run..];
            continue;
        }
        let before = out.chars().last();
        let linkable = code.is_none()
            && (rest.starts_with("https://") || rest.starts_with("http://"))
            && match before {
                None => true,
                Some('(') => !out.ends_with("]("),
                Some(b) => b.is_whitespace(),
            };
        if !linkable {
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let end = rest
            .find(|ch: char| ch.is_whitespace() || matches!(ch, '<' | '>' | '"' | '`'))
            .unwrap_or(rest.len());
        let mut url = &rest[..end];
        loop {
            let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '*', '_']);
            let unopened = trimmed.ends_with(')')
                && trimmed.matches('(').count() < trimmed.matches(')').count();
            url = if unopened {
                &trimmed[..trimmed.len() - 1]
            } else {
                trimmed
            };
            if !unopened {
                break;
            }
        }
        let scheme_only = url
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .is_empty();
        if scheme_only {
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = &rest[url.len()..];
    }
    out
}

/// Sanitised doc lines for `text`.
pub fn lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // The open fence of the source text: its character and length.
    let mut fence: Option<(char, usize)> = None;
    // CommonMark line endings: LF, CR LF and a lone CR.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for raw in text.split('\n') {
        let clean = clean(raw);
        let line = clean.trim();
        let line = match fence {
            None => match fence_opening(line) {
                Some((c, len, info)) => {
                    fence = Some((c, len));
                    format!("```{}", fence_language(info))
                }
                None => link_bare_urls(line),
            },
            Some((c, len)) => {
                let run = line.len() - line.trim_start_matches(c).len();
                if run == line.len() && run >= len {
                    fence = None;
                    "```".to_owned()
                } else if line.len() >= 3 && line.chars().all(|x| x == '`') {
                    // Content that would close the rewritten fence: indented, it stays content.
                    format!("    {line}")
                } else {
                    line.to_owned()
                }
            }
        };
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    if fence.is_some() {
        out.push("```".to_owned());
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// An operation's summary: its `title`, else the first paragraph of its `description` (it
/// stops before a code fence, so none is left open), then the `notes`; each sanitised once.
pub fn summary(title: Option<&str>, description: Option<&str>, notes: [Option<&str>; 2]) -> Docs {
    let lead = match (title, description) {
        (Some(title), _) => lines(title),
        (None, Some(text)) => lines(text)
            .into_iter()
            .take_while(|l| !l.is_empty() && !l.starts_with("```"))
            .collect(),
        (None, None) => Vec::new(),
    };
    let mut out = docs(notes);
    if !lead.is_empty() && !out.is_empty() {
        out.0.insert(0, String::new());
    }
    out.0.splice(0..0, lead);
    out
}

/// Builds [`Docs`] from paragraphs; empty ones are skipped, a blank line separates the others.
pub fn docs<'a>(paragraphs: impl IntoIterator<Item = Option<&'a str>>) -> Docs {
    let mut out: Vec<String> = Vec::new();
    for text in paragraphs.into_iter().flatten() {
        let mut para = lines(text);
        if para.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(String::new());
        }
        out.append(&mut para);
    }
    Docs(out)
}

/// `text` as a Markdown code span, fenced with more backticks than it contains.
pub fn code(text: &str) -> String {
    let clean: String = text.chars().filter(|c| is_comment_safe(*c)).collect();
    let longest = clean.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if clean.starts_with('`') || clean.ends_with('`') {
        format!("{fence} {clean} {fence}")
    } else {
        format!("{fence}{clean}{fence}")
    }
}

/// The note for an `x-undocumented` item.
pub fn undocumented_note(reason: &str) -> String {
    if reason.trim().is_empty() {
        "**Undocumented**: not part of Seam's public documentation.".to_owned()
    } else {
        format!("**Undocumented**: {}", reason.trim())
    }
}

/// The note for an `x-draft` item.
pub fn draft_note(reason: &str) -> String {
    if reason.trim().is_empty() {
        "**Draft**: may change without notice.".to_owned()
    } else {
        format!("**Draft**: {}", reason.trim())
    }
}

/// Docs and deprecation of one schema.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// Rustdoc.
    pub docs: Docs,
    /// Deprecation note.
    pub deprecated: Option<String>,
}

impl Meta {
    /// Reads title, description, `x-undocumented`, `x-draft`, `deprecated`, `x-deprecated`.
    pub fn of(schema: &Schema) -> Meta {
        let data = &schema.schema_data;
        let ext = |key: &str| data.extensions.get(key).map(ext_text);
        let undocumented = ext("x-undocumented").map(|r| undocumented_note(&r));
        let draft = ext("x-draft").map(|r| draft_note(&r));
        let deprecated = match ext("x-deprecated") {
            Some(note) => Some(note),
            None if data.deprecated => Some(String::new()),
            None => None,
        };
        Meta {
            docs: docs([
                data.title.as_deref(),
                data.description.as_deref(),
                undocumented.as_deref(),
                draft.as_deref(),
            ]),
            deprecated,
        }
    }
}

/// The text of an extension value (a string, or `true` for flag-like ones).
pub fn ext_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_is_the_title_else_the_first_paragraph_then_the_notes() {
        let text = Some("First line\r\nsee https://x.y.\n\nMore.");
        assert_eq!(
            summary(Some("Title"), text, [None, None]).lines(),
            ["Title"]
        );
        assert_eq!(
            summary(None, text, [Some("**Draft**: soon."), None]).lines(),
            ["First line", "see <https://x.y>.", "", "**Draft**: soon."]
        );
        assert_eq!(
            summary(None, Some("Intro:\n```js\ncode\n\n```"), [None, None]).lines(),
            ["Intro:"]
        );
        assert!(summary(None, None, [None, None]).is_empty());
    }

    #[test]
    fn indented_text_and_fences_are_safe() {
        let got = lines("Intro\n\n\n    indented code?\n```\nlet x = 1;\n```\n\u{0}end\t ");
        assert_eq!(
            got,
            [
                "Intro",
                "",
                "indented code?",
                "```text",
                "let x = 1;",
                "```",
                "end"
            ]
        );
    }

    #[test]
    fn every_fence_becomes_a_text_block() {
        // Rust-ish info strings, tildes, longer fences and their contents.
        assert_eq!(
            lines("```no_run\nfn f() {}\n```"),
            ["```text", "fn f() {}", "```"]
        );
        assert_eq!(lines("```json,rust\n{}\n```"), ["```json", "{}", "```"]);
        assert_eq!(
            lines("~~~\nfn f() {}\n~~~"),
            ["```text", "fn f() {}", "```"]
        );
        assert_eq!(
            lines("````\n```\nfn f() {}\n```\n````"),
            ["```text", "    ```", "fn f() {}", "    ```", "```"]
        );
        // Not a fence (a backtick in the info string): no block is opened.
        assert_eq!(
            lines("```x```\n```\nfn f() {}\n```"),
            ["```x```", "```text", "fn f() {}", "```"]
        );
        // A lone CR ends a line; bidirectional overrides are dropped.
        assert_eq!(lines("a\rb\u{202e}c"), ["a", "bc"]);
        assert_eq!(code("a\u{2066}b\nc"), "`abc`");
    }

    #[test]
    fn bare_urls_become_autolinks_outside_code_and_links() {
        let one = |text: &str| lines(text).join("\n");
        assert_eq!(
            one("See https://help.getseam.com/articles/5098-salto for details."),
            "See <https://help.getseam.com/articles/5098-salto> for details."
        );
        assert_eq!(one("https://a.b/c, then"), "<https://a.b/c>, then");
        assert_eq!(one("(see https://a.b/c)"), "(see <https://a.b/c>)");
        assert_eq!(one("http://a.b/x_(y)."), "<http://a.b/x_(y)>.");
        for kept in [
            "[docs](https://docs.seam.co/x)",
            "<https://a.b/c>",
            "`https://a.b/c`",
            "``x https://a.b/c ` y``",
            "<a href=\"https://a.b/c\">c</a>",
            "https:// alone",
            "xhttps://a.b",
        ] {
            assert_eq!(one(kept), kept);
        }
        assert_eq!(
            lines("```\nhttps://a.b/in-code\n```"),
            ["```text", "https://a.b/in-code", "```"]
        );
    }

    #[test]
    fn unclosed_fence_is_closed() {
        assert_eq!(lines("```js\nx"), ["```js", "x", "```"]);
    }
}
