//! Contract suite: every sample request of every operation, sent through the client to a mock
//! of the spec (Prism) at `SEAM_MOCK_URL`, with dynamic responses that must all decode.
//! Generated from the same model as the client: a new spec is covered with no edit.
//! The same cases drive the Rust half of the differential suite against Seam's JS SDK
//! (`cargo xtask parity`), with one sample response per operation ([`responses`]).
//! Deprecated operations are exercised too, hence the `allow`.
#![allow(deprecated)]
// Every case has one shape: `let value = <call>.await?`, `()` for operations without a response.
#![allow(clippy::let_unit_value)]

use seam_contract::parity::Served;
use seam_contract::{Case, CaseError, Clients, OperationCases};

fn cases() -> Vec<Case<Clients>> {
    seam_contract::cases(Vec::from([
        {% for op in operations -%}
        {% if !op.samples.is_empty() -%}
        OperationCases {
            path: {{ op.path|lit }},
            auth: seam::AuthMode::{{ op.auth.contract_mode }},
            samples: &[
                {% for sample in op.samples -%}
                ({{ sample.label|lit }}, {{ sample.json|raw_lit }}),
                {% endfor -%}
            ],
            call: |clients: Clients, json| {
                Box::pin(async move {
                    {% if op.request.is_some() -%}
                    let request = seam_contract::parse(json)?;
                    {% else -%}
                    let _ = json;
                    {% endif -%}
                    let client = clients.get(seam::AuthMode::{{ op.auth.contract_mode }});
                    let value = seam::{{ op.auth.contract_client }}::from_client(client){% for a in op.accessors %}.{{ a }}(){% endfor %}.{{ op.method }}({% if op.request.is_some() %}request{% endif %}).await?;
                    serde_json::to_value(value).map_err(CaseError::Encode)
                })
            },
        },
        {% endif -%}
        {% endfor -%}
    ]))
}

/// What the parity server answers for each operation: its response key and one sample value.
fn responses() -> Vec<Served> {
    Vec::from([
        {% for op in operations -%}
        Served {
            path: {{ op.path|lit }},
            {% if let Some(key) = op.response.key -%}
            key: Some({{ key|lit }}),
            value: {% if let Some(s) = op.response_samples.first() %}Some({{ s.json|raw_lit }}){% else %}None{% endif %},
            {% else -%}
            key: None,
            value: None,
            {% endif -%}
        },
        {% endfor -%}
    ])
}

#[tokio::test]
#[ignore = "needs a mock of the spec: run `cargo xtask test`, or start one and set SEAM_MOCK_URL"]
async fn every_operation_against_a_mock_of_the_spec() {
    seam_contract::run(cases(), Clients::build).await;
}

#[tokio::test]
#[ignore = "the Rust half of `cargo xtask parity`; alone, it checks every case against a local recording server"]
async fn parity_with_the_official_js_sdk() {
    seam_contract::parity::run(cases(), responses(), |url, tag| {
        // Default waiting on action attempts, as the JS SDK's default.
        Clients::build_with(url, &[(seam_contract::parity::CASE_HEADER, tag)], true)
    })
    .await;
}
