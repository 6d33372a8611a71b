{#- One file of crate::types: a component schema and its inline types. -#}
//! Types of the `{{ group.module }}` schema.

{% for t in group.types -%}
{% include "type_def.rs" %}
{% endfor %}
