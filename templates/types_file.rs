{#- One file of crate::types: a component schema and its inline types. -#}
{% if group.docs.is_empty() -%}
//! Types of the `{{ group.module }}` schema.
{%- else -%}
{% for line in group.docs.lines() %}//! {{ line }}
{% endfor -%}
{%- endif %}

{% for t in group.types -%}
{% include "type_def.rs" %}
{% endfor %}
