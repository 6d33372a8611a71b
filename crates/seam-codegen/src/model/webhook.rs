//! Webhook pass: finds the event union a webhook delivery carries.
//!
//! The rule: a shared tagged union whose one tag is `event_type` and whose every variant has a
//! required string `event_id` (Seam's `event`). The API then records it as [`Webhook`]: the
//! generated crate's `webhook` module decodes verified deliveries into it, and a payload counts as
//! an event only when it has both members as strings (as `@seamapi/webhook` checks). The cargo
//! feature that compiles the module (and the event types) is set by the features pass.

use super::ir::*;

/// The tag telling event types apart.
const TYPE_TAG: &str = "event_type";
/// The id every event carries.
const ID_WIRE: &str = "event_id";

/// The event union among `groups`, if the spec has one.
pub fn find(groups: &[TypeGroup]) -> Option<Webhook> {
    let all: Vec<&TypeDef> = groups.iter().flat_map(|g| g.types.iter()).collect();
    let by_name = all.iter().map(|t| (t.name.as_str(), *t)).collect();
    // The struct a variant holds, through the aliases the dedup passes made.
    let struct_of = |ty: &TypeRef| match &ty.resolve(&by_name)?.kind {
        TypeKind::Struct(s) => Some(s),
        _ => None,
    };
    all.iter().find_map(|def| {
        let TypeKind::Tagged(union) = &def.kind else {
            return None;
        };
        let every_variant_has_id = union.tags == [TYPE_TAG]
            && !union.variants.is_empty()
            && union.variants.iter().all(|v| {
                struct_of(&v.ty).is_some_and(|s| {
                    s.fields.iter().any(|f| {
                        f.wire == ID_WIRE
                            && f.presence == Presence::Required
                            && f.ty == TypeRef::String
                    })
                })
            });
        let tag_method = union.accessors.iter().find(|a| a.tag == TYPE_TAG)?;
        every_variant_has_id.then(|| Webhook {
            event: TypeRef::Shared(def.name.clone()),
            tag_method: tag_method.method.clone(),
            required_strings: vec![ID_WIRE.to_owned(), TYPE_TAG.to_owned()],
            feature: String::new(),
        })
    })
}
