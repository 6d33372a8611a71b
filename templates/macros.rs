{#- Shared pieces: doc lines and deprecation attributes. -#}
{% macro docs(d) -%}
{% for line in d.lines() -%}
/// {{ line }}
{% endfor -%}
{%- endmacro %}

{% macro deprecated(note) -%}
{% if let Some(note) = note -%}
{% if note.is_empty() -%}
#[deprecated]
{% else -%}
#[deprecated(note = {{ note|lit }})]
{% endif -%}
{% endif -%}
{%- endmacro %}
