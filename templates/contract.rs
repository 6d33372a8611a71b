//! Contract suite: every sample request of every operation, sent through the client to a mock
//! of the spec (Prism) at `SEAM_MOCK_URL`, with dynamic responses that must all decode.
//! Generated from the same model as the client: a new spec is covered with no edit.
//! The same cases drive the Rust half of the differential suite against Seam's JS SDK
//! (`cargo xtask parity`), with one sample response per operation ([`responses`]).
//! Deprecated operations are exercised too, hence the `allow`.
#![allow(deprecated)]

use seam::Seam;
use seam_contract::parity::Served;
use seam_contract::{Case, CaseError};

fn cases() -> Vec<Case<Seam>> {
    Vec::from([
        {% for op in operations -%}
        {% for sample in op.samples -%}
        Case {
            path: {{ op.path|lit }},
            sample: {{ sample.label|lit }},
            json: {{ sample.json|raw_lit }},
            call: |seam: Seam, json| {
                Box::pin(async move {
                    {% if op.request.is_some() -%}
                    let request = seam_contract::parse(json)?;
                    {% else -%}
                    let _ = json;
                    {% endif -%}
                    let value = seam{% for a in op.accessors %}.{{ a }}(){% endfor %}.{{ op.method }}({% if op.request.is_some() %}request{% endif %}).await?;
                    serde_json::to_value(value).map_err(CaseError::Encode)
                })
            },
        },
        {% endfor -%}
        {% endfor -%}
    ])
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
    seam_contract::run(cases(), |url, headers| {
        let mut builder = Seam::builder().api_key("seam_contract_suite").endpoint(url).no_retries();
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.build()
    })
    .await;
}

#[tokio::test]
#[ignore = "the Rust half of `cargo xtask parity`; alone, it checks every case against a local recording server"]
async fn parity_with_the_official_js_sdk() {
    seam_contract::parity::run(cases(), responses(), |url, tag| {
        Seam::builder().api_key("seam_contract_suite").endpoint(url).no_retries().header(seam_contract::parity::CASE_HEADER, tag).build().map(Seam::from_client)
    })
    .await;
}
