//! Guide pass: which worked examples the crate page (`templates/lib.rs`) shows.
//!
//! The page's sections that use only the client (construction, errors, formats, ...) are always
//! printed. A section whose example calls operations of Seam's spec is printed only when this
//! spec has each of them on `Seam`, with the required parameters (in `new`'s order), setters,
//! enum variants, paginator or action-attempt call the example uses ([`Guide`]). So another spec
//! (a test fixture) renders a page naming nothing it lacks, and the decision is in the IR:
//! templates print.

use super::ir::*;

/// What an example calls: one operation and the parts of its request it uses.
struct Need {
    /// The operation's route path.
    path: &'static str,
    /// The request's required fields, in the order `new` takes them.
    required: &'static [&'static str],
    /// Optional fields the example sets.
    setters: &'static [&'static str],
    /// `(field, variant)`: a field whose string enum must have this variant.
    variants: &'static [(&'static str, &'static str)],
    /// The example uses the operation's `*_paginator` method.
    paginated: bool,
    /// The operation returns an action attempt (waited for by default).
    action_attempt: bool,
}

const NONE: &[&str] = &[];

/// The quick start: create a credential, assign it, launch an enrollment automation.
const QUICK_START: &[Need] = &[
    Need {
        path: "/acs/credentials/create",
        required: &["access_method"],
        setters: &["acs_user_id", "code"],
        variants: &[("access_method", "Code")],
        paginated: false,
        action_attempt: false,
    },
    Need {
        path: "/acs/credentials/assign",
        required: &["acs_credential_id"],
        setters: &["acs_user_id"],
        variants: &[],
        paginated: false,
        action_attempt: false,
    },
    Need {
        path: "/user_identities/enrollment_automations/launch",
        required: &["credential_manager_acs_system_id", "user_identity_id"],
        setters: &["create_credential_manager_user"],
        variants: &[],
        paginated: false,
        action_attempt: false,
    },
];

/// The action-attempt section: unlock a door.
const UNLOCK_DOOR: &[Need] = &[Need {
    path: "/locks/unlock_door",
    required: &["device_id"],
    setters: NONE,
    variants: &[],
    paginated: false,
    action_attempt: true,
}];

/// The pagination section: every device.
const DEVICES_PAGINATOR: &[Need] = &[Need {
    path: "/devices/list",
    required: NONE,
    setters: NONE,
    variants: &[],
    paginated: true,
    action_attempt: false,
}];

/// The action attempt type the page's examples name (`seam::types::ActionAttempt`).
const ACTION_ATTEMPT: &str = "ActionAttempt";

/// Which of the page's worked examples `api` supports.
pub fn decide(api: &Api) -> Guide {
    let has = |needs: &[Need]| needs.iter().all(|need| supports(api, need));
    Guide {
        quick_start: has(QUICK_START),
        unlock_door: has(UNLOCK_DOOR)
            && api.action_attempt == Some(TypeRef::Shared(ACTION_ATTEMPT.to_owned())),
        devices_paginator: has(DEVICES_PAGINATOR),
    }
}

/// Whether `api` has the operation of `need` on `Seam`, with everything the example uses.
fn supports(api: &Api, need: &Need) -> bool {
    let Some((ns, op)) = find(&api.namespaces, need.path) else {
        return false;
    };
    if !op.auth.on_workspace_client
        || need.paginated != op.paginated.is_some()
        || need.action_attempt != (op.call == CallKind::ActionAttempt)
    {
        return false;
    }
    let Some(request) = &op.request else {
        return need.required.is_empty() && need.setters.is_empty();
    };
    let Some(TypeKind::Struct(s)) = local(ns, &request.ty).map(|t| &t.kind) else {
        return false;
    };
    let required: Vec<&str> = s
        .fields
        .iter()
        .filter(|f| f.presence.is_required())
        .map(|f| f.name.as_str())
        .collect();
    let field = |name: &str| s.fields.iter().find(|f| f.name == name);
    s.builder
        && required == need.required
        && need
            .setters
            .iter()
            .all(|name| field(name).is_some_and(|f| !f.presence.is_required()))
        && need.variants.iter().all(|(name, variant)| {
            let kind = field(name).and_then(|f| local(ns, &f.value_ty)).map(|t| &t.kind);
            matches!(kind, Some(TypeKind::StrEnum(e)) if e.variants.iter().any(|v| v.name == *variant))
        })
}

/// The operation at route `path` and the namespace that owns it.
fn find<'a>(namespaces: &'a [Namespace], path: &str) -> Option<(&'a Namespace, &'a Operation)> {
    namespaces.iter().find_map(|ns| {
        ns.operations
            .iter()
            .find(|op| op.path == path)
            .map(|op| (ns, op))
            .or_else(|| find(&ns.children, path))
    })
}

/// The definition of a type local to `ns`.
fn local<'a>(ns: &'a Namespace, ty: &TypeRef) -> Option<&'a TypeDef> {
    let TypeRef::Local(name) = ty else {
        return None;
    };
    ns.types.iter().find(|t| &t.name == name)
}
