//! Guide pass: which worked examples the crate page (`templates/lib.rs`) shows.
//!
//! The page's sections that use only the client (construction, errors, formats, ...) are always
//! printed. The quick start runs the seed flows ([`SEEDS`], the requests of Seam's own pages),
//! each printed from its operation's example, which the examples pass built from the seed: it
//! is printed when all three operations took their seed's request ([`QuickStart`]). The other
//! sections whose example calls operations of Seam's spec are printed only when this spec has
//! each of them on `Seam`, with the required parameters (in `new`'s order), paginator or
//! action-attempt call the example uses ([`Guide`]). So another spec (a test fixture) renders a
//! page naming nothing it lacks, and the decision is in the IR: templates print.

use super::ir::*;

/// What an example calls: one operation and the parts of its request it uses.
struct Need {
    /// The operation's route path.
    path: &'static str,
    /// The request's required fields, in the order `new` takes them.
    required: &'static [&'static str],
    /// The example uses the operation's `*_paginator` method.
    paginated: bool,
    /// The operation returns an action attempt (waited for by default).
    action_attempt: bool,
}

const NONE: &[&str] = &[];

/// A flow of Seam's documentation (the seed pages): the request its page sends for one
/// operation. The examples pass gives the operation this request; the quick start runs the
/// flows in order.
pub struct Seed {
    /// The operation's route path.
    pub path: &'static str,
    /// The JSON body of the page's sample request, verbatim.
    pub body: &'static str,
    /// What the flow does (the page's description).
    pub says: &'static str,
}

/// The seed flows: create a credential, assign one, launch an enrollment automation.
pub const SEEDS: &[Seed] = &[
    Seed {
        path: "/acs/credentials/create",
        body: r#"{
  "acs_user_id": "33333333-3333-3333-3333-333333333333",
  "access_method": "code",
  "code": "824759"
}"#,
        says: "Create a new credential for a specified ACS user.",
    },
    Seed {
        path: "/acs/credentials/assign",
        body: r#"{
  "acs_user_id": "33333333-3333-3333-3333-333333333333",
  "acs_credential_id": "66666666-6666-6666-6666-666666666666"
}"#,
        says: "Assign a specified credential to a specified ACS user.",
    },
    Seed {
        path: "/user_identities/enrollment_automations/launch",
        body: r#"{
  "user_identity_id": "5c945ab5-c75e-4bcb-8e5f-9410061c401f",
  "credential_manager_acs_system_id": "6737e186-8d54-48ce-a7da-a0be4d252172",
  "acs_credential_pool_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  "create_credential_manager_user": true
}"#,
        says: "Initialize a specified user identity with a specified credential manager.",
    },
];

/// The seed flow of the operation at route `path`.
pub fn seed(path: &str) -> Option<&'static Seed> {
    SEEDS.iter().find(|s| s.path == path)
}

/// The action-attempt section: unlock a door.
const UNLOCK_DOOR: &[Need] = &[Need {
    path: "/locks/unlock_door",
    required: &["device_id"],
    paginated: false,
    action_attempt: true,
}];

/// The pagination section: every device.
const DEVICES_PAGINATOR: &[Need] = &[Need {
    path: "/devices/list",
    required: NONE,
    paginated: true,
    action_attempt: false,
}];

/// The action attempt type the page's examples name (`seam::types::ActionAttempt`).
const ACTION_ATTEMPT: &str = "ActionAttempt";

/// Which of the page's worked examples `api` supports.
pub fn decide(api: &Api) -> Guide {
    let has = |needs: &[Need]| needs.iter().all(|need| supports(api, need));
    Guide {
        quick_start: quick_start(api),
        unlock_door: has(UNLOCK_DOOR)
            && api.action_attempt == Some(TypeRef::Shared(ACTION_ATTEMPT.to_owned())),
        devices_paginator: has(DEVICES_PAGINATOR),
    }
}

/// The quick start, when every seed flow's operation is on `Seam` with the seed's request as
/// its example and the flows' imports do not clash.
fn quick_start(api: &Api) -> Option<QuickStart> {
    let mut imports = std::collections::BTreeSet::new();
    let mut steps = Vec::new();
    for seed in SEEDS {
        let (_, op) = find(&api.namespaces, seed.path)?;
        if !op.auth.on_workspace_client || !op.example.seed {
            return None;
        }
        imports.extend(op.example.imports.iter().cloned());
        steps.push(QuickStartStep {
            says: seed.says.to_owned(),
            accessors: op.accessors.clone(),
            method: op.method.clone(),
            example: op.example.clone(),
        });
    }
    let short = |path: &String| path.rsplit("::").next().unwrap_or(path).to_owned();
    let shorts: std::collections::BTreeSet<String> = imports.iter().map(short).collect();
    (shorts.len() == imports.len()).then(|| QuickStart {
        imports: imports.into_iter().collect(),
        steps,
    })
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
        return need.required.is_empty();
    };
    let Some(TypeKind::Struct(s)) = local(ns, &request.ty).map(|t| &t.kind) else {
        return false;
    };
    let required: Vec<&str> = s.constructor_params().map(|f| f.name.as_str()).collect();
    s.builder && required == need.required
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
