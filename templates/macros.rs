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

{#- The body of an operation's method: `route` is the path of its route static, `wait` is
    `.await` for the async client and empty for the blocking one. -#}
{% macro call_body(op, route, wait) -%}
{% if op.query.is_empty() -%}
{% if op.response.key.is_some() %}self.client.call{% else %}self.client.call_unit{% endif %}(&{{ route }}, {% if op.request.is_some() %}&request{% else %}&seam_runtime::codec::EmptyBody{% endif %}){{ wait }}
{%- else -%}
let query: Vec<(&str, &str)> = [
    {% for q in op.query -%}
    ({{ q.wire|lit }}, {% if q.required %}Some(request.{{ q.field }}.as_str()){% else %}request.{{ q.field }}.as_deref(){% endif %}),
    {% endfor -%}
]
.into_iter()
.filter_map(|(name, value)| value.map(|value| (name, value)))
.collect();
{% if op.response.key.is_some() %}self.client.call_with_query{% else %}self.client.call_unit_with_query{% endif %}(&{{ route }}, &query, &request){{ wait }}
{%- endif %}
{%- endmacro %}
