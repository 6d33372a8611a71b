//! The end-to-end suites of the generated `seam` crate, in one test binary: each module below
//! was a test binary of its own, and each linked the whole generated crate and compiled its own
//! copy of the serde code it calls. Run one suite with its module path as the filter, e.g.
//! `cargo test -p seam-tests --test suite fake_seam:: -- --include-ignored`.
//!
//! `connect_env.rs` stays a binary of its own (`--test connect_env`): its tests change the
//! process environment, which the clients built by the tests here read.

mod connect_common;

mod connect_api_key;
mod connect_client_session_token;
mod connect_console_session_token;
mod connect_headers;
mod connect_http_error;
mod connect_personal_access_token;
mod connect_publishable_key;
mod connect_retry;
mod connect_seam_paginator;
mod connect_timeout;
mod connect_wait_for_action_attempt;
mod fake_seam;
mod formats;
mod seed_operations;
mod types;
mod webhook;
