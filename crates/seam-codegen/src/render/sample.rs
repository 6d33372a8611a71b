//! One operation's example as a program of its own (`cargo xtask sample`), the way Seam's
//! website shows a sample per language: `templates/sample.rs` prints the `example_program`
//! macro that prints the operation's rustdoc example, with a `main` instead of the hidden
//! `example` function, and the program is formatted like every generated file.

use super::{format, render_one, views};
use crate::error::Result;
use crate::model::Operation;

/// The Rust program of `op`'s example: its imports, `main` (`#[tokio::main]` async, or plain
/// for the `blocking` client), the client from the environment, the request, the call and the
/// result shown, formatted.
pub fn sample(op: &Operation, blocking: bool) -> Result<String> {
    let file = render_one("sample.rs".to_owned(), &views::Sample { op, blocking })?;
    format::pretty(&file.path, &file.contents)
}
