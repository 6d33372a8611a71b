{#- One namespace module: its handle, its methods, its request/response types. -#}
{% import "macros.rs" as m -%}
{% for line in ns.module_docs.lines() -%}
//! {{ line }}
{% endfor %}

{% for c in ns.children -%}
pub mod {{ c.module }};
{% endfor %}

{% if ns.on_workspace_client %}
{% call m::docs(ns.docs) %}{% endcall %}
#[derive(Debug, Clone, Copy)]
pub struct {{ ns.handle }}<'a> {
    pub(crate) client: &'a seam_runtime::Client,
}

impl<'a> {{ ns.handle }}<'a> {
{% for c in ns.children %}{% if c.on_workspace_client %}
    {% call m::docs(c.docs) %}{% endcall %}
    pub fn {{ c.accessor }}(&self) -> {{ c.module }}::{{ c.handle }}<'a> {
        {{ c.module }}::{{ c.handle }} {
            client: self.client,
        }
    }
{% endif %}{% endfor %}
{% for op in ns.operations %}{% if op.auth.on_workspace_client %}
    {% call m::docs(op.docs) %}{% endcall %}
    {% call m::example(op, "seam::Seam", false) %}{% endcall %}
    {% call m::deprecated(op.deprecated) %}{% endcall %}
    pub fn {{ op.method }}(&self{% if let Some(req) = op.request %}, request: {{ req.ty }}{% endif %}) -> {{ op.call_type() }} {
        {% call m::call_expr(op, "self.client", op.route_item) %}{% endcall %}
    }
{% if let Some(p) = op.paginated %}
    /// Pages through [`Self::{{ op.method }}`]: `first_page()`, or a `Stream` of `pages()` or
    /// `items()` following the `next_page_cursor` (stopping on a repeated cursor).
    {% call m::deprecated(op.deprecated) %}{% endcall %}
    pub fn {{ p.method }}(&self{% if let Some(req) = op.request %}, request: {{ req.ty }}{% endif %}) -> seam_runtime::Result<seam_runtime::Paginator<{{ p.item }}>> {
        self.client.paginate(&{{ op.route_item }}, {% if op.request.is_some() %}&request{% else %}&seam_runtime::codec::EmptyBody{% endif %})
    }
{% endif %}
{% endif %}{% endfor %}
}
{% endif %}

{% for op in ns.operations -%}
pub(crate) static {{ op.route_item }}: seam_runtime::Route = seam_runtime::Route {
    path: {{ op.path|lit }},
    response_key: {% if let Some(key) = op.response.key %}Some({{ key|lit }}){% else %}None{% endif %},
    retry_safe: {{ op.retry_safe }},
    has_body: {{ op.has_body }},
    auth: {% call m::auth_modes(op.auth) %}{% endcall %},
};
{% endfor %}

{% for t in ns.types -%}
{% include "type_def.rs" %}
{% endfor %}
