//! [`Operation`]: one API operation, one method, with its request, response, route facts and
//! the samples and example the suites and docs use.

use super::{CallKind, Constructor, Docs, Example, OperationAuth, TypeRef};
use serde::Serialize;

/// One API operation: one method.
#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    /// JSON pointer of the operation in the spec.
    pub pointer: String,
    /// HTTP path, e.g. `/acs/credentials/create`.
    pub path: String,
    /// Rust method name.
    pub method: String,
    /// Accessor methods leading from `Seam` to this method's handle (`["acs", "credentials"]`).
    pub accessors: Vec<String>,
    /// Name of the module-level `static` describing the route.
    pub route_item: String,
    /// Rustdoc.
    pub docs: Docs,
    /// The lead of [`Operation::docs`]: the title (else the description's first paragraph) and
    /// the undocumented / draft notes, without the route.
    pub summary: Docs,
    /// Rustdoc of the blocking methods wrapping this operation (blocking docs pass).
    pub blocking_docs: BlockingDocs,
    /// `#[deprecated(note = ...)]` text, if deprecated.
    pub deprecated: Option<String>,
    /// The request type; `None` when the operation takes no parameters.
    pub request: Option<RequestInfo>,
    /// What the method returns.
    pub response: Response,
    /// Whether retrying cannot repeat a side effect (the spec also offers the path as GET).
    pub retry_safe: bool,
    /// Whether the operation takes a request body (else nothing is sent after the headers).
    pub has_body: bool,
    /// Set for list operations whose response carries a `pagination` cursor.
    pub paginated: Option<Paginated>,
    /// The credentials the operation accepts, and so the clients offering it (auth pass).
    pub auth: OperationAuth,
    /// Which runtime call the method returns (set once the action attempt type is known).
    pub call: CallKind,
    /// Request fields sent as URL query parameters.
    pub query: Vec<QueryParam>,
    /// How the method builds its call (query pass).
    pub constructor: Constructor,
    /// Sample request bodies (JSON) for the contract suite: `minimal`, then `full` if different.
    pub samples: Vec<Sample>,
    /// Sample response values (under the response key) for the round-trip suite.
    pub response_samples: Vec<Sample>,
    /// The rustdoc example (examples pass).
    pub example: Example,
}

/// Rustdoc of an operation's blocking methods: each points to the async method it wraps.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BlockingDocs {
    /// On `seam::blocking::Seam`'s handle (empty when the operation is not offered there).
    pub seam: Docs,
    /// On `seam::blocking::SeamWithoutWorkspace`'s handle (empty when not offered there).
    pub without_workspace: Docs,
    /// The blocking methods show their own example: only where it is not the async example
    /// without `.await` (a paginated list, read through an iterator).
    pub example: bool,
}

/// A request field sent in the URL.
#[derive(Debug, Clone, Serialize)]
pub struct QueryParam {
    /// The parameter name.
    pub wire: String,
    /// The request field holding it (a `String`, or `Option<String>` when optional).
    pub field: String,
    /// How the call takes the field's value.
    pub value: QueryValue,
}

/// How a query parameter's value is passed to the runtime, which omits a `None`.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub enum QueryValue {
    /// A required parameter (a `String` field): always sent, passed as `Some(value)`.
    Always,
    /// An optional parameter (an `Option<String>` field): sent when set, passed as it is.
    WhenSet,
}

/// A sample request for the contract suite.
#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    /// `minimal` or `full`.
    pub label: String,
    /// The request as compact JSON (`{}` for operations without parameters).
    pub json: String,
}

/// The extra method of a paginated list operation.
#[derive(Debug, Clone, Serialize)]
pub struct Paginated {
    /// Name of the method returning a `Paginator`.
    pub method: String,
    /// The item type of the list.
    pub item: TypeRef,
}

/// The request parameter of a method.
#[derive(Debug, Clone, Serialize)]
pub struct RequestInfo {
    /// The request type.
    pub ty: TypeRef,
}

/// What a method returns.
#[derive(Debug, Clone, Serialize)]
pub struct Response {
    /// The `x-response-key`: the method returns the value under it. `None`: returns `()`.
    pub key: Option<String>,
    /// The returned type ([`TypeRef::Unit`] without a key).
    pub ty: TypeRef,
}

impl Operation {
    /// The call as a reader writes it: `seam.acs().credentials().create()`.
    pub fn call_text(&self) -> String {
        let chain: String = self.accessors.iter().map(|a| format!("{a}().")).collect();
        format!("seam.{chain}{}()", self.method)
    }
}

#[cfg(test)]
impl Operation {
    /// An operation for a pass's unit test: `method` at `path`, taking `request` (a local type)
    /// and returning `response` under the key `value`; nothing else set.
    pub fn for_test(path: &str, method: &str, request: Option<TypeRef>, response: TypeRef) -> Self {
        Operation {
            pointer: String::new(),
            path: path.to_owned(),
            method: method.to_owned(),
            accessors: Vec::new(),
            route_item: method.to_uppercase(),
            docs: Docs::default(),
            summary: Docs::default(),
            blocking_docs: BlockingDocs::default(),
            deprecated: None,
            request: request.map(|ty| RequestInfo { ty }),
            response: Response {
                key: Some("value".to_owned()),
                ty: response,
            },
            retry_safe: false,
            has_body: true,
            paginated: None,
            auth: crate::model::auth::for_operation(None, None),
            call: CallKind::Value,
            query: Vec::new(),
            constructor: Constructor::New,
            samples: Vec::new(),
            response_samples: Vec::new(),
            example: Example::default(),
        }
    }
}
