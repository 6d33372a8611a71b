//! Docs pass: turns spec descriptions into rustdoc lines that render and never compile as code.
//!
//! Lines are trimmed (indented text would become a doctest), fenced blocks without a language
//! are marked `text`, control characters are dropped, runs of blank lines are collapsed.

use super::ir::Docs;

/// Sanitised doc lines for `text`.
pub fn lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_fence = false;
    for raw in text.lines() {
        let clean: String = raw
            .chars()
            .filter(|c| !c.is_control() || *c == '\t')
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let line = clean.trim();
        let line = if let Some(lang) = line.strip_prefix("```") {
            let opening = !in_fence;
            in_fence = !in_fence;
            if opening && !lang.trim().is_empty() && lang.trim() != "rust" {
                format!("```{}", lang.trim())
            } else if opening {
                "```text".to_owned()
            } else {
                "```".to_owned()
            }
        } else {
            line.to_owned()
        };
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    if in_fence {
        out.push("```".to_owned());
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
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
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn unclosed_fence_is_closed() {
        assert_eq!(lines("```js\nx"), ["```js", "x", "```"]);
    }
}
