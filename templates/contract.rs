//! Contract suite: every sample request of every operation, sent through the client to a mock
//! of the spec (Prism) at `SEAM_MOCK_URL`, with dynamic responses that must all decode.
//! Generated from the same model as the client: a new spec is covered with no edit.
//! Deprecated operations are exercised too, hence the `allow`.
#![allow(deprecated)]

use seam::Seam;
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
                    seam{% for a in op.accessors %}.{{ a }}(){% endfor %}.{{ op.method }}({% if op.request.is_some() %}request{% endif %}).await.map(drop).map_err(CaseError::from)
                })
            },
        },
        {% endfor -%}
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
