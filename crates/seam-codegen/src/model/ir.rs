//! The IR: plain data describing the client crate to emit.
//!
//! Every decision lives here as data (names, derives, serde attributes, docs, deprecation);
//! templates only print it. Nothing in this file refers to openapiv3.

use serde::Serialize;

mod auth;
mod by_kind;
mod call;
mod example;
#[cfg(test)]
mod fixtures;
mod impls;
mod lint;
mod operation;
mod record;
mod serde_field;
mod type_ref;
mod walk;
pub use auth::{AuthMode, ContractClient, OperationAuth};
pub use by_kind::{KindArm, KindDecode, ScalarKind};
pub use call::{CallKind, CallType, Constructor};
pub use example::{
    Example, ExampleOutcome, ExampleRequest, ExampleValue, QuickStart, QuickStartStep, Show,
};
pub use impls::{Direction, Gate, Impls};
pub use lint::Lint;
pub use operation::{
    BlockingDocs, Operation, Paginated, QueryParam, QueryValue, RequestInfo, Response, Sample,
};
pub use record::{RecordDecode, RecordMember};
pub use serde_field::{SerdeArg, SerdeField};
pub use type_ref::{Qualified, TypeRef};

/// The whole client crate.
#[derive(Debug, Clone, Serialize)]
pub struct Api {
    /// Title of the spec, for the crate docs.
    pub title: String,
    /// Default base URL from the spec's `servers`.
    pub base_url: String,
    /// Types from `#/components/schemas` (and the inline types they own), in `crate::types`.
    pub types: Vec<TypeGroup>,
    /// Top-level namespaces (`acs`, `devices`, ...), sorted by name.
    pub namespaces: Vec<Namespace>,
    /// The action attempt type, when the spec has one (the client then offers waiting for it).
    pub action_attempt: Option<TypeRef>,
    /// Cargo features, one per top-level namespace in namespace order (set by the features pass).
    pub features: Vec<String>,
    /// The features that compile the action attempt type (and the client's wait for one).
    pub action_attempt_features: Vec<String>,
    /// When the client's wait for an action attempt is compiled (features pass).
    pub action_attempt_gate: Gate,
    /// Some operation accepts a credential without a workspace (`SeamWithoutWorkspace` exists).
    pub without_workspace: bool,
    /// The event union webhook deliveries carry, when the spec has one (webhook pass).
    pub webhook: Option<Webhook>,
    /// The cargo feature compiling every type's other direction (direction pass).
    pub round_trip_feature: String,
    /// Which worked examples the crate page shows (guide pass).
    pub guide: Guide,
    /// Whether the crate allows `deprecated`: when the spec deprecates something, the crate's
    /// own impls, builders and blocking wrappers use it (lints pass). Users still see the warning.
    pub allow_deprecated: bool,
}

/// Which worked examples of the crate page the spec supports: each is printed only when the
/// spec has every operation, parameter and variant it uses (see the guide pass).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Guide {
    /// The quick start: `acs/credentials/create` and `assign`,
    /// `user_identities/enrollment_automations/launch`, with the requests of Seam's pages.
    pub quick_start: Option<QuickStart>,
    /// Action attempts: `locks/unlock_door` returning `types::ActionAttempt`.
    pub unlock_door: bool,
    /// Pagination: `devices/list` with a paginator.
    pub devices_paginator: bool,
}

/// What the generated `webhook` module verifies deliveries into (see the webhook pass).
#[derive(Debug, Clone, Serialize)]
pub struct Webhook {
    /// The event union.
    pub event: TypeRef,
    /// The union's accessor of its `event_type` tag.
    pub tag_method: String,
    /// Top-level JSON members a verified body must carry as strings to count as an event.
    pub required_strings: Vec<String>,
    /// The cargo feature that compiles the module, the event union and the types it uses
    /// (features pass).
    pub feature: String,
}

/// The types emitted into one file of `crate::types`: a component schema and its inline types.
#[derive(Debug, Clone, Serialize)]
pub struct TypeGroup {
    /// Module (file) name, e.g. `acs_credential`.
    pub module: String,
    /// Module docs; empty for a component schema's group (the template names the schema).
    pub docs: Docs,
    /// The types, the component's own first.
    pub types: Vec<TypeDef>,
    /// The cargo features that compile this group: any one of them suffices (features pass).
    pub features: Vec<String>,
    /// The same as a `cfg` (features pass).
    pub gate: Gate,
}

/// A node of the method tree: `seam.acs().credentials()`.
#[derive(Debug, Clone, Serialize)]
pub struct Namespace {
    /// Wire path of the group, e.g. `["acs", "credentials"]`.
    pub path: Vec<String>,
    /// Rust module name, e.g. `credentials`.
    pub module: String,
    /// Name of the accessor method on the parent handle.
    pub accessor: String,
    /// Name of the handle struct, e.g. `Credentials`.
    pub handle: String,
    /// Rust module path from the crate root, e.g. `acs::credentials`.
    pub module_path: String,
    /// Name of the blocking handle in `crate::blocking`, unique there, e.g. `AcsCredentials`.
    pub blocking_handle: String,
    /// Doc text for the handle (and the first lines of the module's).
    pub docs: Docs,
    /// The module's `//!` docs: `docs`, the resource it manages and a table of its operations
    /// (module docs pass).
    pub module_docs: Docs,
    /// Operations of this namespace, sorted by method name.
    pub operations: Vec<Operation>,
    /// Request and inline types owned by these operations.
    pub types: Vec<TypeDef>,
    /// Child namespaces, sorted by module name.
    pub children: Vec<Namespace>,
    /// The cargo feature that compiles this namespace: its top-level namespace's (features pass).
    pub feature: Option<String>,
    /// Some operation here or below is a method of `Seam` (so the accessor exists there).
    pub on_workspace_client: bool,
    /// Some operation here or below is a method of `SeamWithoutWorkspace`.
    pub on_without_workspace_client: bool,
}

#[cfg(test)]
impl Namespace {
    /// A namespace for a pass's unit test: `module` at the top, with `operations`, its own
    /// `types` and `children`; nothing else set.
    pub fn for_test(
        module: &str,
        operations: Vec<Operation>,
        types: Vec<TypeDef>,
        children: Vec<Namespace>,
    ) -> Self {
        Namespace {
            path: vec![module.into()],
            module: module.into(),
            accessor: module.into(),
            handle: "H".into(),
            module_path: module.into(),
            blocking_handle: "H".into(),
            docs: Docs::default(),
            module_docs: Docs::default(),
            operations,
            types,
            children,
            feature: None,
            on_workspace_client: true,
            on_without_workspace_client: false,
        }
    }
}

/// How a type implements the runtime's `ActionAttemptLike` (set by the action-attempts pass).
#[derive(Debug, Clone, Serialize)]
pub struct ActionAttemptImpl {
    /// The Rust field holding the id in every variant.
    pub id_field: String,
    /// The JSON name of that field (for unknown variants).
    pub id_wire: String,
    /// The accessor method returning the `status` tag.
    pub status_method: String,
}

/// Doc text as lines, already sanitised for rustdoc.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Docs(pub Vec<String>);

impl Docs {
    /// Whether there is no text.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The lines.
    pub fn lines(&self) -> &[String] {
        &self.0
    }
}

/// One named type to emit.
#[derive(Debug, Clone, Serialize)]
pub struct TypeDef {
    /// Rust name, unique in its module.
    pub name: String,
    /// JSON pointer of the schema it came from.
    pub pointer: String,
    /// Rustdoc.
    pub docs: Docs,
    /// `#[deprecated(note = ...)]` text.
    pub deprecated: Option<String>,
    /// The shape.
    pub kind: TypeKind,
    /// Set when the type is an action attempt the client can wait for.
    pub action_attempt: Option<ActionAttemptImpl>,
    /// Its direction and trait implementations (direction pass).
    pub impls: Impls,
    /// Doc lines after [`TypeDef::docs`] linking to the operations that take or return it, each
    /// compiled only with its operation (type links pass).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<DocLine>,
    /// Clippy lints allowed on the item whose shape can trigger them: a union's `enum`, a
    /// struct's builder `impl` (lints pass).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allows: Vec<Lint>,
}

/// One doc line that exists only when `gate` holds (`#[cfg_attr(.., doc = ..)]`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocLine {
    /// When the line is part of the docs.
    pub gate: Gate,
    /// The line, sanitised for rustdoc.
    pub text: String,
}

/// The shape of a [`TypeDef`].
#[derive(Debug, Clone, Serialize)]
pub enum TypeKind {
    /// A struct with named fields.
    Struct(Box<Struct>),
    /// A string enum with an `Unknown(String)` fallback.
    StrEnum(StrEnum),
    /// A union told apart by one or more tag properties, with an `Unknown(Value)` fallback.
    Tagged(TaggedUnion),
    /// A union tried variant by variant (JSON types that cannot overlap).
    Untagged(UntaggedUnion),
    /// `pub type Name = Target;`
    Alias(TypeRef),
    /// The manufacturers of a struct's metadata fields.
    Metadata(MetadataEnum),
}

/// A struct.
#[derive(Debug, Clone, Serialize)]
pub struct Struct {
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// Derive `Default` (no required field without a natural default).
    pub derive_default: bool,
    /// Emit `new(required...)` and one setter per optional field (request types).
    pub builder: bool,
    /// The manufacturer-specific metadata fields, as one family (see the metadata pass).
    pub metadata: Option<MetadataFamily>,
    /// A field after [`Struct::fields`] keeping the members none of them names (metadata pass).
    pub other_members: Option<OtherMembers>,
    /// How its `Deserialize` reads an object (record decode pass).
    pub decode: RecordDecode,
}

/// A struct's flattened field keeping the JSON members its other fields do not name, empty
/// when there are none (never a constructor argument or a setter).
#[derive(Debug, Clone, Serialize)]
pub struct OtherMembers {
    /// Rust field name.
    pub name: String,
    /// Rustdoc.
    pub docs: Docs,
    /// Never deprecated (printed like a [`Field`]'s).
    pub deprecated: Option<String>,
    /// The map type.
    pub ty: TypeRef,
    /// Flattened.
    pub serde: SerdeField,
}

/// The manufacturer metadata fields of one struct.
#[derive(Debug, Clone, Serialize)]
pub struct MetadataFamily {
    /// The enum naming the manufacturers.
    pub enum_name: String,
    /// The accessor (resources) or setter (requests).
    pub method: String,
    /// Whether the enum owns its values (request side) or borrows them (resources).
    pub owned: bool,
    /// One per manufacturer.
    pub variants: Vec<MetadataVariant>,
    /// The name of the struct's [`OtherMembers`] field, keeping the `*_metadata` members of
    /// manufacturers the spec does not list.
    pub other_field: String,
    /// The resource enum's variant for such a member (`Other`, unless a manufacturer took it).
    pub other_variant: String,
}

/// One manufacturer of a [`MetadataFamily`].
#[derive(Debug, Clone, Serialize)]
pub struct MetadataVariant {
    /// Rust variant name (`Visionline`).
    pub name: String,
    /// The struct field (`visionline_metadata`).
    pub field: String,
    /// Its JSON name.
    pub wire: String,
    /// The metadata type.
    pub ty: TypeRef,
}

/// The enum of a [`MetadataFamily`].
#[derive(Debug, Clone, Serialize)]
pub struct MetadataEnum {
    /// Owned values (requests) or references (resources, with a lifetime `'a`).
    pub owned: bool,
    /// One per manufacturer.
    pub variants: Vec<MetadataVariant>,
    /// The variant of a manufacturer the spec does not list (resources only).
    pub other_variant: String,
}

/// A struct field.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// Rust field name (may be a raw identifier such as `r#type`).
    pub name: String,
    /// Name in JSON.
    pub wire: String,
    /// The full field type, including `Option`.
    pub ty: TypeRef,
    /// The type a setter or constructor takes (inner of the `Option`s).
    pub value_ty: TypeRef,
    /// How presence and null map to the type.
    pub presence: Presence,
    /// Rustdoc.
    pub docs: Docs,
    /// `#[deprecated(note = ...)]` text.
    pub deprecated: Option<String>,
    /// How serde reads and writes the field.
    pub serde: SerdeField,
    /// Whether setters/constructors take `impl Into<value_ty>`.
    pub takes_into: bool,
    /// Name of the setter method (request types).
    pub setter: String,
    /// How a setter wraps its argument into the field type.
    pub wrap: Wrap,
}

/// How a setter stores its argument.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub enum Wrap {
    /// `field = value`
    Plain,
    /// `field = Some(value)`
    Some,
    /// `field = Some(Some(value))`
    SomeSome,
}

/// Presence rules of a field.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub enum Presence {
    /// Always present, never null: `T`.
    Required,
    /// Always present, may be null: `Option<T>`, `None` is sent as `null`.
    RequiredNullable,
    /// May be absent, never null: `Option<T>`, `None` is omitted.
    Optional,
    /// May be absent or null: `Option<Option<T>>`; `Some(None)` is sent as `null`.
    OptionalNullable,
}

impl Presence {
    /// Whether a constructor must take the field.
    pub fn is_required(self) -> bool {
        matches!(self, Presence::Required)
    }
}

/// A string enum.
#[derive(Debug, Clone, Serialize)]
pub struct StrEnum {
    /// Known values.
    pub variants: Vec<EnumVariant>,
    /// Name of the fallback variant holding unknown values.
    pub unknown: String,
}

/// One known value of a [`StrEnum`].
#[derive(Debug, Clone, Serialize)]
pub struct EnumVariant {
    /// Rust variant name.
    pub name: String,
    /// Value on the wire.
    pub wire: String,
    /// Rustdoc.
    pub docs: Docs,
}

/// A union told apart by tag properties.
#[derive(Debug, Clone, Serialize)]
pub struct TaggedUnion {
    /// The tag property names (one for declared discriminators; `action_type`, `status` for action attempts).
    pub tags: Vec<String>,
    /// The known variants.
    pub variants: Vec<TaggedVariant>,
    /// Name of the fallback variant holding the raw JSON of an unknown variant.
    pub unknown: String,
    /// Accessors, one per tag.
    pub accessors: Vec<TagAccessor>,
}

/// A method returning one tag's value.
#[derive(Debug, Clone, Serialize)]
pub struct TagAccessor {
    /// Method name.
    pub method: String,
    /// Tag property.
    pub tag: String,
    /// Index of the tag in [`TaggedUnion::tags`] and [`TaggedVariant::values`].
    pub index: usize,
}

/// One variant of a [`TaggedUnion`].
#[derive(Debug, Clone, Serialize)]
pub struct TaggedVariant {
    /// Rust variant name.
    pub name: String,
    /// The tag values, in the order of [`TaggedUnion::tags`].
    pub values: Vec<String>,
    /// The payload struct (without the tag properties).
    pub ty: TypeRef,
    /// Rustdoc.
    pub docs: Docs,
}

/// A union of JSON types that cannot overlap (`string | boolean`, ...).
#[derive(Debug, Clone, Serialize)]
pub struct UntaggedUnion {
    /// Variants in the order serde tries them.
    pub variants: Vec<UntaggedVariant>,
    /// Set when every variant is a JSON scalar or the raw-JSON fallback: decoded by the kind of
    /// the value rather than by serde's `untagged` derive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_kind: Option<KindDecode>,
    /// When the type carries `#[serde(untagged)]`: always, unless [`UntaggedUnion::by_kind`]
    /// leaves the attribute to the derived `Serialize` alone (direction pass).
    pub untagged_attr: Gate,
}

/// One variant of an [`UntaggedUnion`].
#[derive(Debug, Clone, Serialize)]
pub struct UntaggedVariant {
    /// Rust variant name.
    pub name: String,
    /// Payload type.
    pub ty: TypeRef,
}

impl Struct {
    /// The fields its `new` takes, in order (the required ones).
    pub fn constructor_params(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| f.presence.is_required())
    }
}

impl TypeDef {
    /// Every type reference in this definition.
    pub fn references(&self) -> Vec<&TypeRef> {
        match &self.kind {
            TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
            TypeKind::StrEnum(_) => Vec::new(),
            TypeKind::Tagged(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Untagged(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(t) => vec![t],
            TypeKind::Metadata(m) => m.variants.iter().map(|v| &v.ty).collect(),
        }
    }
}
