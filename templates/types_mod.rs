//! Every type of the spec's `components/schemas`, with the inline types they own.

{% for g in api.types -%}
mod {{ g.module }};
pub use {{ g.module }}::*;
{% endfor %}
