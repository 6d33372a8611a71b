//! The runtime's integration tests against a scriptable local server (`common`), in one test
//! binary: each module below was a binary of its own, each linking the runtime and its HTTP stack.
//! Run one with its module path as the filter: `cargo test -p seam-runtime --test suite transport::`.

mod common;

mod action_attempts;
mod auth;
mod blocking;
mod calls;
mod client_sessions;
mod options;
mod pagination;
mod transport;
