//! [`CallKind`], [`Constructor`] and [`CallType`]: which runtime call an operation's method
//! returns, how it builds it, and the one printer of that call's Rust type.

use super::{Operation, Qualified, TypeRef};
use serde::Serialize;

/// The runtime call type a method returns: decides what `.await` gives and which per-call
/// options exist.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub enum CallKind {
    /// `seam_runtime::Call`: decodes the response value.
    Value,
    /// `seam_runtime::UnitCall`: no response key, returns `()`.
    Unit,
    /// `seam_runtime::ActionAttemptCall`: returns the action attempt and waits for it by default.
    ActionAttempt,
}

impl std::fmt::Display for CallKind {
    /// The runtime type's name (`Call`, `UnitCall`, `ActionAttemptCall`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CallKind::Value => "Call",
            CallKind::Unit => "UnitCall",
            CallKind::ActionAttempt => "ActionAttemptCall",
        })
    }
}

/// How a method builds its runtime call (query pass): the call type's constructor and what the
/// body is. Printed by the `call_expr` macro of `templates/macros.rs`.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub enum Constructor {
    /// `new(client, &ROUTE, request)`: the request is the JSON body.
    New,
    /// `new(client, &ROUTE, seam_runtime::codec::EmptyBody)`: the operation takes no parameters.
    NewWithoutRequest,
    /// `with_query(client, &ROUTE, [(name, value), ...], request)`: the values of
    /// [`Operation::query`](super::Operation::query) are read from the request before it moves
    /// into the body.
    WithQuery,
}

/// The type an async method returns: the runtime call of its [`CallKind`] over the request
/// body and the response type, printed by its `Display` (`seam_runtime::Call<'a, Req, Resp>`).
#[derive(Debug, Clone, Serialize)]
pub struct CallType<'a> {
    /// The kind of call.
    pub kind: CallKind,
    /// The request type; `None`: the runtime's empty body.
    pub body: Option<&'a TypeRef>,
    /// The response type.
    pub output: &'a TypeRef,
    /// The module path the request and response types are local to, when printed elsewhere.
    pub module: Option<&'a str>,
}

impl std::fmt::Display for CallType<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let body: &dyn std::fmt::Display = match self.body {
            Some(ty) => &Qualified {
                ty,
                module: self.module,
            },
            None => &"seam_runtime::codec::EmptyBody",
        };
        let output = Qualified {
            ty: self.output,
            module: self.module,
        };
        let kind = self.kind;
        match kind {
            CallKind::Unit => write!(f, "seam_runtime::{kind}<'a, {body}>"),
            CallKind::Value | CallKind::ActionAttempt => {
                write!(f, "seam_runtime::{kind}<'a, {body}, {output}>")
            }
        }
    }
}

impl Operation {
    /// The call type the async method returns, in its own module.
    pub fn call_type(&self) -> CallType<'_> {
        CallType {
            kind: self.call,
            body: self.request.as_ref().map(|r| &r.ty),
            output: &self.response.ty,
            module: None,
        }
    }

    /// The call type the async method returns, printed outside its module `module`.
    pub fn call_type_in<'a>(&'a self, module: &'a str) -> CallType<'a> {
        CallType {
            module: Some(module),
            ..self.call_type()
        }
    }
}
