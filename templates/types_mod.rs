//! Every type of the spec's `components/schemas`, with the inline types they own. Each file is
//! compiled when a cargo feature of a namespace that uses it is on (all are, by default).

{% import "macros.rs" as m -%}
{% for g in api.types -%}
{% call m::gate(g.gate) %}{% endcall %}
mod {{ g.module }};
{% call m::gate(g.gate) %}{% endcall %}
pub use {{ g.module }}::*;
{% endfor %}
