//! Spec diff: compares IR against IR ([`crate::model::Api`] of an old and a new spec) and reports
//! what changed for users of the generated crate, each change classified by SemVer.
//!
//! Working on the IR rather than on the raw OpenAPI documents means every entry is phrased in the
//! generated crate's terms (methods such as `seam.acs().credentials().create()`, types such as
//! `types::AcsCredential`, fields, setters, enum variants), and that a spec edit which does not
//! change the generated code (a moved `$ref`, reordered keys) reports nothing.
//!
//! Submodules: [`ops`] matches operations by HTTP path and namespaces by module path, [`types`]
//! compares type definitions (with `fields` for structs and `variants` for enums and unions),
//! [`markdown`] prints a CHANGELOG entry and suggests the next version.
//!
//! # Classification
//!
//! The generated API has a known shape (see `templates/`): every struct and string enum and every
//! tagged union is `#[non_exhaustive]`, struct fields are `pub`, request structs have
//! `new(required...)` plus one setter per other field, responses are decoded leniently, string
//! enums and tagged unions keep unknown values in a fallback variant; untagged unions are exhaustive.
//! Following the Cargo SemVer reference for that shape:
//!
//! - **major** ([`Severity::Major`]): anything that can stop code from compiling. Removing a
//!   method, namespace, type, field, setter, enum value or variant; renaming any of them; changing
//!   the type of a field, request or response (compared as printed Rust types), which includes
//!   presence changes that change the Rust type (`T` → `Option<T>`, `Option<T>` →
//!   `Option<Option<T>>`); a request field that becomes required (`new()` takes another argument)
//!   or stops being required (`new()` loses an argument); a new required request field; losing a
//!   `Default` or `ActionAttemptLike` impl; adding a variant to an (exhaustive) untagged union.
//! - **minor** ([`Severity::Minor`]): new API that existing code cannot collide with. New methods,
//!   namespaces and types; new optional request fields (a new setter) and new response fields
//!   (the structs are `#[non_exhaustive]`); new enum values and tagged-union variants (the enums are
//!   `#[non_exhaustive]` and already had an `Unknown` fallback). Deprecations are minor too: they
//!   change no signature but add warnings, and SemVer 2.0 (rule 7) asks for a minor release when
//!   anything is marked deprecated (cargo-semver-checks does the same).
//! - **patch** ([`Severity::Patch`]): no change to the Rust API. Documentation, deprecation notes,
//!   un-deprecations, and wire-only changes (a `None` sent as `null` instead of omitted, a parameter
//!   moved between the query string and the body, retry safety).

mod fields;
pub mod index;
pub mod markdown;
pub mod ops;
pub mod types;
mod variants;

use crate::error::Result;
use crate::load::{self, Spec};
use crate::model::{self, Api};
use serde::Serialize;
use std::path::Path;

/// The detail of a [`Kind::DocsChanged`] entry (after `field `x`: ` for parts of an item).
pub const DOCS_CHANGED: &str = "documentation changed";

/// How much a change matters to users of the generated crate, least first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Severity {
    /// No change to the Rust API (docs, wire details).
    Patch,
    /// Backwards compatible additions and deprecations.
    Minor,
    /// Code using the crate may stop compiling.
    Major,
}

impl Severity {
    /// `major`, `minor` or `patch`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Patch => "patch",
            Severity::Minor => "minor",
            Severity::Major => "major",
        }
    }
}

/// The CHANGELOG section an entry is listed under, in output order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Section {
    /// Every major change.
    Breaking,
    /// New API.
    Added,
    /// Compatible changes that add nothing (wire behaviour, un-deprecations, looser setters).
    Changed,
    /// Items newly marked deprecated.
    Deprecated,
    /// Documentation only.
    Docs,
}

impl Section {
    /// Every section, in output order.
    pub const ALL: [Section; 5] = [
        Section::Breaking,
        Section::Added,
        Section::Changed,
        Section::Deprecated,
        Section::Docs,
    ];

    /// The section heading.
    pub fn title(self) -> &'static str {
        match self {
            Section::Breaking => "Breaking changes",
            Section::Added => "Added",
            Section::Changed => "Changed",
            Section::Deprecated => "Deprecated",
            Section::Docs => "Fixes/docs",
        }
    }
}

/// What kind of change an entry reports (for tests and tools; the text is in [`Entry::detail`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Kind {
    /// A method (operation) was added.
    OperationAdded,
    /// A method (operation) was removed.
    OperationRemoved,
    /// The operation's path is still there but its method has another name or namespace.
    OperationMoved,
    /// A namespace accessor (`seam.foo()`) was added.
    NamespaceAdded,
    /// A namespace accessor was removed.
    NamespaceRemoved,
    /// A namespace's accessor or handle struct was renamed.
    NamespaceRenamed,
    /// A method now takes another request argument, or gained or lost it.
    RequestChanged,
    /// A method returns another type.
    ResponseChanged,
    /// A `*_paginator` method was added.
    PaginatorAdded,
    /// A `*_paginator` method was removed.
    PaginatorRemoved,
    /// A `*_paginator` method was renamed or yields another item type.
    PaginatorChanged,
    /// A type was added.
    TypeAdded,
    /// A type was removed.
    TypeRemoved,
    /// A type changed what it is (struct, enum, union, alias) or what an alias points to.
    TypeReshaped,
    /// A struct field was added.
    FieldAdded,
    /// A struct field was removed.
    FieldRemoved,
    /// A struct field has another Rust name (same JSON name).
    FieldRenamed,
    /// A struct field has another Rust type (presence changes included).
    FieldRetyped,
    /// A request field became required: `new()` takes it.
    FieldNowRequired,
    /// A request field stopped being required: `new()` no longer takes it.
    FieldNowOptional,
    /// A setter was renamed or takes its value differently.
    SetterChanged,
    /// A type gained a trait impl or constructor (`Default`, `new()`, `ActionAttemptLike`).
    ImplAdded,
    /// A type lost a trait impl or constructor.
    ImplRemoved,
    /// A string enum value was added.
    EnumValueAdded,
    /// A string enum value was removed.
    EnumValueRemoved,
    /// A string enum value has another Rust variant name.
    EnumValueRenamed,
    /// A union variant was added.
    VariantAdded,
    /// A union variant was removed.
    VariantRemoved,
    /// A union variant was renamed or holds another type.
    VariantChanged,
    /// Same Rust API, different behaviour on the wire.
    WireChanged,
    /// An item was marked deprecated.
    Deprecated,
    /// An item is no longer deprecated.
    Undeprecated,
    /// Documentation (or a deprecation note) changed.
    DocsChanged,
}

impl Kind {
    /// The section of a non-major entry of this kind (major entries are always breaking).
    fn section(self) -> Section {
        match self {
            Kind::OperationAdded
            | Kind::NamespaceAdded
            | Kind::PaginatorAdded
            | Kind::TypeAdded
            | Kind::FieldAdded
            | Kind::ImplAdded
            | Kind::EnumValueAdded
            | Kind::VariantAdded => Section::Added,
            Kind::Deprecated => Section::Deprecated,
            Kind::DocsChanged => Section::Docs,
            _ => Section::Changed,
        }
    }
}

/// One change, in the generated crate's terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// What kind of change.
    pub kind: Kind,
    /// How much it matters.
    pub severity: Severity,
    /// The item, as Rust code: `seam.acs().credentials().create()`, `types::AcsCredential`.
    pub subject: String,
    /// What changed, as Markdown (code in backticks).
    pub detail: String,
    /// The HTTP path, for entries about an operation (its method, request or paginator).
    pub path: Option<String>,
}

impl Entry {
    /// An entry about `subject`.
    pub fn new(
        kind: Kind,
        severity: Severity,
        subject: impl Into<String>,
        detail: impl Into<String>,
    ) -> Entry {
        Entry {
            kind,
            severity,
            subject: subject.into(),
            detail: detail.into(),
            path: None,
        }
    }

    /// The same entry, tied to the operation at HTTP path `path`.
    pub fn at(mut self, path: Option<&str>) -> Entry {
        self.path = path.map(str::to_owned);
        self
    }

    /// The section it is listed under: every major change is breaking.
    pub fn section(&self) -> Section {
        if self.severity == Severity::Major {
            Section::Breaking
        } else {
            self.kind.section()
        }
    }
}

/// The changes between two specs, sorted by section, subject and text.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Every change found.
    pub entries: Vec<Entry>,
    /// Number of operations (methods, one per path) in the old spec.
    pub old_operations: usize,
    /// Number of operations (methods, one per path) in the new spec.
    pub new_operations: usize,
}

impl Report {
    /// The largest severity, `None` when nothing changed.
    pub fn bump(&self) -> Option<Severity> {
        self.entries.iter().map(|e| e.severity).max()
    }

    /// Number of entries listed under `section`.
    pub fn count(&self, section: Section) -> usize {
        self.entries
            .iter()
            .filter(|e| e.section() == section)
            .count()
    }

    /// The entries of `kind`.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.kind == kind)
    }
}

/// Compares two IRs.
pub fn diff(old: &Api, new: &Api) -> Report {
    let mut entries = Vec::new();
    let old_index = index::Index::new(old);
    let new_index = index::Index::new(new);
    let moves = ops::compare(&old_index, &new_index, &mut entries);
    types::compare_shared(old, new, &mut entries);
    types::compare_local(&old_index, &new_index, &moves, &mut entries);
    ops::compare_action_attempt(old, new, &mut entries);
    entries.sort_by(|a, b| {
        (a.section(), &a.subject, &a.detail, a.kind, &a.path).cmp(&(
            b.section(),
            &b.subject,
            &b.detail,
            b.kind,
            &b.path,
        ))
    });
    entries.dedup();
    Report {
        entries,
        old_operations: old.operations().len(),
        new_operations: new.operations().len(),
    }
}

/// Builds the IR of both loaded specs and compares them.
pub fn diff_specs(old: &Spec, new: &Spec) -> Result<Report> {
    let old = model::build(old)?;
    let new = model::build(new)?;
    Ok(diff(&old, &new))
}

/// Loads both spec files, builds their IR and compares them.
pub fn diff_files(old: &Path, new: &Path) -> Result<Report> {
    diff_specs(&load::load_file(old)?, &load::load_file(new)?)
}

/// Inline code for a value that may itself contain backticks.
pub fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// Receives entries as (kind, severity, detail); the caller adds subject and path.
pub type Push<'p> = dyn FnMut(Kind, Severity, String) + 'p;

/// Reports deprecation changes of an item; `what` names it inside the subject (`field `x` `), or
/// is empty for the subject itself.
pub fn compare_deprecation(
    old: &Option<String>,
    new: &Option<String>,
    what: &str,
    push: &mut Push,
) {
    // One line in the Markdown list, whatever the note's line breaks.
    let note = |n: &str| {
        let words: Vec<&str> = n.split_whitespace().collect();
        if words.is_empty() {
            String::new()
        } else {
            format!(": {}", words.join(" "))
        }
    };
    match (old, new) {
        (None, Some(n)) => push(
            Kind::Deprecated,
            Severity::Minor,
            format!("{what}marked deprecated{}", note(n)),
        ),
        (Some(_), None) => push(
            Kind::Undeprecated,
            Severity::Patch,
            format!("{what}no longer deprecated"),
        ),
        (Some(a), Some(b)) if a != b => push(
            Kind::DocsChanged,
            Severity::Patch,
            format!("{what}deprecation note changed{}", note(b)),
        ),
        _ => {}
    }
}
