//! The names the rendered crate claims for itself, by scope: what the templates emit besides
//! the spec's own names. The naming passes (`model::names`, `model::operations`) read this table,
//! so a spec name never takes one of them; a test (`crate_root_items_are_all_claimed` in
//! `tests/real_spec.rs`) parses the generated crate root and fails on an item this table lacks,
//! so a new template item cannot collide silently.

/// Crates generated code names by path (`serde::Serialize`), and the crates the root re-exports
/// (`pub use jiff;`): a module of the same name would shadow or clash with them.
pub const CRATES: &[&str] = &[
    "std",
    "core",
    "alloc",
    "serde",
    "serde_json",
    "seam_runtime",
    "email_address",
    "jiff",
    "fluent_uri",
];

/// Modules and files of the crate root other than the namespaces: `src/types/`,
/// `src/blocking.rs`, `src/webhook.rs`, `src/without_workspace.rs`, and `mod`/`lib` (file
/// names of module roots).
pub const ROOT_MODULES: &[&str] = &[
    "types",
    "blocking",
    "webhook",
    "without_workspace",
    "mod",
    "lib",
];

/// Types and traits at the crate root: the clients and the runtime items re-exported there.
pub const ROOT_ITEMS: &[&str] = &[
    "Seam",
    "SeamWithoutWorkspace",
    "ActionAttemptCall",
    "ActionAttemptLike",
    "ActionAttemptStatus",
    "ApiError",
    "AuthMode",
    "AuthModes",
    "Call",
    "Client",
    "ClientBuilder",
    "DecodeError",
    "DecodeErrorKind",
    "Error",
    "FromClient",
    "InvalidInputError",
    "Page",
    "Paginator",
    "Result",
    "RetryPolicy",
    "UnitCall",
    "WaitOptions",
];

/// Methods of the generated `Seam` client (and of traits it implements or derives, or that the
/// prelude calls by value) that a top-level namespace accessor must not take.
pub const ROOT_METHODS: &[&str] = &[
    "new",
    "builder",
    "from_env",
    "from_client",
    "client",
    "wait_for_action_attempt",
    "from_publishable_key",
    "update_client_session_token",
    "accepts",
    "refusal",
    "into",
    "try_into",
    "clone",
    "to_owned",
];

/// Method names a namespace handle cannot take: `new`, which readers and clippy
/// (`new_ret_no_self`) take for a constructor (handles have none: their parent builds them), and
/// methods of traits in the prelude that take `self` by value (`seam.into()` would call
/// `Into::into`) or that it derives.
pub const HANDLE_METHODS: &[&str] = &["new", "into", "try_into", "clone", "to_owned"];

/// Type names every generated module keeps for what its code names unqualified: prelude items,
/// the runtime items the root re-exports, and serde's traits.
pub const TYPE_NAMES: &[&str] = &[
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "Default",
    "Self",
    "Client",
    "Error",
    "Seam",
    "SeamWithoutWorkspace",
    "Route",
    "Value",
    "Map",
    "BTreeMap",
    "Serialize",
    "Deserialize",
    "Into",
    "From",
];
