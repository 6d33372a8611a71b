//! Lenience pass: the few required response fields a Seam server is known to leave out or send
//! as `null`, made visibly optional (`Option<T>`, with a doc line saying why).
//!
//! Everywhere else a required field that is missing or `null` fails the response with a
//! decode error naming its place: the client never invents a value. Each entry here is a
//! documented server behaviour with the test that shows the server doing it
//! ([`Deviation::shown_by`]; for the fake, a test of its raw responses that fails once the fake
//! stops doing it, so the entry can go). An entry the spec does not
//! match (another release) changes nothing.

use super::ir::*;

/// Required properties of one schema some server omits or sends as `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deviation {
    /// The component schema whose struct (or union variants) hold the property.
    pub schema: &'static str,
    /// The properties' JSON names.
    pub properties: &'static [&'static str],
    /// What the server does, for the field's docs.
    pub behaviour: &'static str,
    /// The test that shows it (`file: test`).
    pub shown_by: &'static str,
}

/// The test checking the fake's deviations in its raw responses.
const FAKE_TEST: &str =
    "crates/seam-tests/tests/fake_seam/deviations.rs: server_deviations_the_client_reads_leniently";

/// The documented deviations (fake-seam-connect 1.86.0, Seam's own fake; Seam's doc pages).
pub const DEVIATIONS: &[Deviation] = &[
    Deviation {
        schema: "action_attempt",
        properties: &["result"],
        behaviour: "Seam's fake-seam-connect omits it or sends `null` on finished action attempts",
        shown_by: FAKE_TEST,
    },
    Deviation {
        schema: "acs_user",
        properties: &[
            "connected_account_id",
            "errors",
            "is_managed",
            "last_successful_sync_at",
            "warnings",
        ],
        behaviour: "Seam's fake-seam-connect omits it on the users it creates and lists",
        shown_by: FAKE_TEST,
    },
    Deviation {
        schema: "access_code",
        properties: &["pending_mutations"],
        behaviour: "Seam's fake-seam-connect omits it on the access codes it creates and lists",
        shown_by: FAKE_TEST,
    },
    Deviation {
        schema: "acs_credential",
        properties: &["connected_account_id", "errors", "is_managed", "warnings"],
        behaviour: "the sample response of Seam's own docs (create and assign a credential) omits it",
        shown_by: "crates/seam-tests/tests/seed_operations.rs: create_pin_code_credential and the others decode that response",
    },
];

/// Makes every field named by [`DEVIATIONS`] on a received-only struct optional.
pub fn apply(api: &mut Api) {
    for group in &mut api.types {
        for def in &mut group.types {
            let TypeKind::Struct(s) = &mut def.kind else {
                continue;
            };
            if def.impls.direction != Direction::Response {
                continue;
            }
            for d in DEVIATIONS {
                if !of_schema(&def.pointer, d.schema) {
                    continue;
                }
                let named = |f: &&mut Field| d.properties.contains(&f.wire.as_str());
                for field in s.fields.iter_mut().filter(named) {
                    field.read_absent_as_none(d.behaviour);
                }
            }
        }
    }
}

/// Whether `pointer` is component schema `schema` or lies inside it.
pub(crate) fn of_schema(pointer: &str, schema: &str) -> bool {
    pointer
        .strip_prefix("#/components/schemas/")
        .and_then(|rest| rest.strip_prefix(schema))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deviations_match_their_schema_and_what_lies_inside_it_only() {
        assert!(of_schema("#/components/schemas/acs_user", "acs_user"));
        assert!(of_schema(
            "#/components/schemas/action_attempt/oneOf/3",
            "action_attempt"
        ));
        assert!(!of_schema("#/components/schemas/acs_users", "acs_user"));
        assert!(!of_schema("#/paths/~1acs~1users~1create", "acs_user"));
    }
}
