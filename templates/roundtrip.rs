//! Round-trip suite: for every operation with a response, sample responses made from the spec's
//! schemas (every property set, then `null` wherever the spec allows it) are served by a local
//! server, decoded by the method, re-encoded, and must come back unchanged.
//! Deprecated operations are exercised too, hence the `allow`.
#![allow(deprecated)]

use seam_contract::roundtrip::RoundTrip;
use seam_contract::Clients;

fn cases() -> Vec<RoundTrip<Clients>> {
    Vec::from([
        {% for op in operations -%}
        {% if let Some(key) = op.response.key -%}
        {% if !op.response_samples.is_empty() -%}
        RoundTrip {
            path: {{ op.path|lit }},
            key: {{ key|lit }},
            request: {% if let Some(sample) = op.samples.first() %}{{ sample.json|raw_lit }}{% else %}"{}"{% endif %},
            responses: &[
                {% for s in op.response_samples -%}
                ({{ s.label|lit }}, {{ s.json|raw_lit }}),
                {% endfor -%}
            ],
            call: |clients: Clients, request| {
                Box::pin(async move {
                    {% if op.request.is_some() -%}
                    let request = seam_contract::parse(request)?;
                    {% else -%}
                    let _ = request;
                    {% endif -%}
                    let client = clients.get(seam::AuthMode::{{ op.auth.contract_mode }});
                    let value = seam::{{ op.auth.contract_client }}::from_client(client){% for a in op.accessors %}.{{ a }}(){% endfor %}.{{ op.method }}({% if op.request.is_some() %}request{% endif %}).await?;
                    serde_json::to_value(value).map_err(seam_contract::CaseError::Sample)
                })
            },
        },
        {% endif -%}
        {% endif -%}
        {% endfor -%}
    ])
}

#[tokio::test]
async fn every_response_decodes_and_re_encodes_without_loss() {
    seam_contract::roundtrip::run(cases(), |url| Clients::build(url, &[])).await;
}
