//! Every type of the spec's `components/schemas`, with the inline types they own. Each file is
//! compiled when a cargo feature of a namespace that uses it is on (all are, by default).

{% for g in api.types -%}
{% if g.features.len() == 1 %}#[cfg(feature = {{ g.features[0]|lit }})]{% else %}#[cfg(any({% for f in g.features %}feature = {{ f|lit }}, {% endfor %}))]{% endif %}
mod {{ g.module }};
{% if g.features.len() == 1 %}#[cfg(feature = {{ g.features[0]|lit }})]{% else %}#[cfg(any({% for f in g.features %}feature = {{ f|lit }}, {% endfor %}))]{% endif %}
pub use {{ g.module }}::*;
{% endfor %}
