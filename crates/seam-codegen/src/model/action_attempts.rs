//! Action-attempts pass: finds the type the client can wait for.
//!
//! The rule: a tagged union with a `status` tag whose every variant has a required string
//! `action_attempt_id` (Seam's `action_attempt`). The type gets an [`ActionAttemptImpl`] (so the
//! template implements the runtime's `ActionAttemptLike`) and the API records it. Every operation
//! returning that type then returns an action-attempt call, which waits by default
//! ([`mark_waiting`]), as Seam's official SDKs do.

use super::ir::*;

/// The JSON name of the id every action attempt carries.
const ID_WIRE: &str = "action_attempt_id";
/// The tag telling pending, success and error apart.
const STATUS_TAG: &str = "status";

/// Marks the action attempt type among `groups`, returning a reference to it.
pub fn mark(groups: &mut [TypeGroup]) -> Option<TypeRef> {
    let all: Vec<TypeDef> = groups
        .iter()
        .flat_map(|g| g.types.iter().cloned())
        .collect();
    for group in groups.iter_mut() {
        for def in group.types.iter_mut() {
            let TypeKind::Tagged(union) = &def.kind else {
                continue;
            };
            let Some(status) = union.accessors.iter().find(|a| a.tag == STATUS_TAG) else {
                continue;
            };
            let mut id_field = None;
            let every_variant_has_id = !union.variants.is_empty()
                && union.variants.iter().all(|v| {
                    let (TypeRef::Shared(name) | TypeRef::Local(name)) = &v.ty else {
                        return false;
                    };
                    let Some(TypeKind::Struct(s)) =
                        all.iter().find(|t| &t.name == name).map(|t| &t.kind)
                    else {
                        return false;
                    };
                    s.fields.iter().any(|f| {
                        let found = f.wire == ID_WIRE
                            && f.presence == Presence::Required
                            && f.ty == TypeRef::String;
                        if found {
                            id_field = Some(f.name.clone());
                        }
                        found
                    })
                });
            if let (true, Some(id_field)) = (every_variant_has_id, id_field) {
                def.action_attempt = Some(ActionAttemptImpl {
                    id_field,
                    id_wire: ID_WIRE.to_owned(),
                    status_method: status.method.clone(),
                });
                return Some(TypeRef::Shared(def.name.clone()));
            }
        }
    }
    None
}

/// Marks every operation whose response is exactly `attempt` as an action-attempt call.
pub fn mark_waiting(namespaces: &mut [Namespace], attempt: &TypeRef) {
    for ns in namespaces {
        for op in &mut ns.operations {
            if &op.response.ty == attempt {
                op.call = CallKind::ActionAttempt;
            }
        }
        mark_waiting(&mut ns.children, attempt);
    }
}
