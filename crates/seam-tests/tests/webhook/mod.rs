//! `seam::webhook`: Seam's webhook deliveries verified and decoded into `seam::types::Event`.
//!
//! - Every variant of the spec's `event` union (samples made from the spec by the generator's own
//!   sampler) signs, verifies and decodes into its typed variant; unknown types into `Unknown`.
//! - Authentic bodies that are not events are `InvalidPayload`, never `Verification`.
//! - Property tests: arbitrary headers and bodies never panic.
//! - End to end: the example receiver (`examples/webhook_receiver.rs`) on 127.0.0.1, over HTTP.
//! - Interop (ignored; run by `cargo xtask test`, which installs `xtask/peers`): deliveries signed
//!   by svix's JS `Webhook` verify here, deliveries signed here verify in `@seamapi/webhook`, and
//!   both refuse (or accept) the same altered deliveries for the same kind of reason.

#[path = "../../examples/webhook_receiver.rs"]
#[allow(dead_code)]
mod receiver;

mod decode;
mod end_to_end;
mod interop;
mod props;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use proptest::prelude::*;
use seam::types::Event;
use seam::webhook::{Reason, SecretError, Webhook, WebhookError};
use seam_codegen::model::samples::{Fill, Sampler};
use seam_codegen::model::shape::SRef;
use serde_json::{Value, json};

/// The secret of Svix's documented example.
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
/// Another endpoint's secret.
const OTHER_SECRET: &str = "whsec_c2VhbS1jb2RlZ2VuIHdlYmhvb2sgdGVzdHMsIG90aGVyIGtleQ==";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
        .try_into()
        .expect("seconds fit i64")
}

fn webhook() -> Webhook {
    Webhook::new(SECRET).expect("valid secret")
}

/// One sample body of an `event` variant.
struct Sample {
    event_type: String,
    fill: &'static str,
    body: String,
}

/// A sample of every variant of `#/components/schemas/event` (its `oneOf`), made from the
/// vendored spec by the generator's sampler, with every property (`full`), only the required
/// ones (`required`) and `null` wherever allowed (`nulls`).
fn event_samples(fills: &[(&'static str, Fill)]) -> Vec<Sample> {
    let spec = seam_codegen::load::load_file(&workspace().join("specs/seam-connect.json"))
        .expect("vendored spec loads");
    let doc = &spec.doc;
    let components = doc.components.as_ref().expect("components");
    let openapiv3::ReferenceOr::Item(event) = &components.schemas["event"] else {
        panic!("#/components/schemas/event is a reference");
    };
    let openapiv3::SchemaKind::OneOf { one_of } = &event.schema_kind else {
        panic!("#/components/schemas/event is not a oneOf");
    };
    let mut out = Vec::new();
    for (i, variant) in one_of.iter().enumerate() {
        let pointer = format!("#/components/schemas/event/oneOf/{i}");
        let r = match variant {
            openapiv3::ReferenceOr::Item(schema) => SRef::Item(schema),
            openapiv3::ReferenceOr::Reference { reference } => SRef::Ref(reference),
        };
        for (label, fill) in fills {
            let value = Sampler::new(doc)
                .value(r, &pointer, *fill, 0)
                .unwrap_or_else(|e| panic!("sample of {pointer}: {e}"));
            let event_type = value["event_type"]
                .as_str()
                .unwrap_or_else(|| panic!("{pointer} sample has no event_type: {value}"))
                .to_owned();
            out.push(Sample {
                event_type,
                fill: label,
                body: value.to_string(),
            });
        }
    }
    out
}

fn full_samples() -> Vec<Sample> {
    event_samples(&[("full", Fill::All)])
}

/// Asserts that `event` is the typed (known) variant for `event_type`.
fn assert_typed(event: &Event, event_type: &str, what: &str) {
    assert!(
        !matches!(event, Event::Unknown(_)),
        "{what}: {event_type} decoded as Unknown"
    );
    assert_eq!(event.event_type(), Some(event_type), "{what}");
}
