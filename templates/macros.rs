{#- Shared pieces: doc lines and deprecation attributes. -#}
{% macro docs(d) -%}
{% for line in d.lines() -%}
/// {{ line }}
{% endfor -%}
{%- endmacro %}

{#- One doc line that exists only when its gate holds (`DocLine`). -#}
{% macro doc_line(line) -%}
{% match line.gate -%}
{% when Gate::Always -%}
/// {{ line.text }}
{% when Gate::Feature(f) -%}
#[cfg_attr(feature = {{ f|lit }}, doc = {{ format!(" {}", line.text)|lit }})]
{% when Gate::AnyFeature(fs) -%}
#[cfg_attr(any({% for f in fs %}feature = {{ f|lit }}, {% endfor %}), doc = {{ format!(" {}", line.text)|lit }})]
{% endmatch -%}
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

{#- A type's derives: those always compiled, then those gated by a feature. -#}
{% macro derives(impls) -%}
{% if !impls.derives.is_empty() -%}
#[derive({% for d in impls.derives %}{{ d }}, {% endfor %})]
{% endif -%}
{% if !impls.gated_derives.is_empty() -%}
#[cfg_attr(feature = {{ impls.gated_feature|lit }}, derive({% for d in impls.gated_derives %}{{ d }}, {% endfor %}))]
{% endif -%}
{%- endmacro %}

{#- The clippy lints an item allows (`TypeDef::allows`). -#}
{% macro allows(lints) -%}
{% for l in lints.iter() -%}
#[allow({{ l }})]
{% endfor -%}
{%- endmacro %}

{#- The `cfg` of an item compiled only with some feature (nothing for `Gate::Always`). -#}
{% macro gate(g) -%}
{% match g -%}
{% when Gate::Always -%}
{% when Gate::Feature(f) -%}
#[cfg(feature = {{ f|lit }})]
{% when Gate::AnyFeature(fs) -%}
#[cfg(any({% for f in fs %}feature = {{ f|lit }}, {% endfor %}))]
{% endmatch -%}
{%- endmacro %}

{#- An attribute `attr` compiled only when the gate `g` holds (`#[attr]` for `Gate::Always`). -#}
{% macro cfg_attr(g, attr) -%}
{% match g -%}
{% when Gate::Always -%}
#[{{ attr }}]
{% else -%}
#[cfg_attr({% call predicate(g) %}{% endcall %}, {{ attr }})]
{% endmatch -%}
{%- endmacro %}

{#- The `cfg` predicate of a gate other than `Gate::Always`. -#}
{% macro predicate(g) -%}
{% match g -%}
{% when Gate::Always -%}
{% when Gate::Feature(f) -%}
feature = {{ f|lit }}
{%- when Gate::AnyFeature(fs) -%}
any({% for f in fs %}feature = {{ f|lit }}, {% endfor %})
{%- endmatch %}
{%- endmacro %}

{#- One struct field (a `Field`, or the `OtherMembers` field): docs, deprecation, the serde
    arguments of the derived `Serialize` (compiled when `serialize` holds), declaration. -#}
{% macro field(f, serialize) -%}
{% call docs(f.docs) %}{% endcall %}
{% call deprecated(f.deprecated) %}{% endcall %}
{% let args = f.serde.args() -%}
{% if !args.is_empty() -%}
{% match serialize -%}
{% when Gate::Always -%}
#[serde({% call serde_args(args) %}{% endcall %})]
{% else -%}
#[cfg_attr({% call predicate(serialize) %}{% endcall %}, serde({% call serde_args(args) %}{% endcall %}))]
{% endmatch -%}
{% endif -%}
pub {{ f.name }}: {{ f.ty }},
{%- endmacro %}

{#- The arguments of a field's `#[serde(...)]` attribute (`SerdeField::args`). -#}
{% macro serde_args(args) -%}
{% for a in args %}{% match a %}{% when SerdeArg::Rename(wire) %}rename = {{ wire|lit }}{% when SerdeArg::SkipSerializing %}skip_serializing{% when SerdeArg::SkipSerializingIfNone %}skip_serializing_if = "Option::is_none"{% when SerdeArg::DoubleOption %}with = "seam_runtime::codec::double_option"{% when SerdeArg::Flatten %}flatten{% endmatch %}, {% endfor %}
{%- endmacro %}

{#- The call an operation's method builds (`op.constructor`): `client` is the async client
    expression, `route` the path of its route static. -#}
{% macro call_expr(op, client, route) -%}
{% match op.constructor -%}
{% when Constructor::New -%}
seam_runtime::{{ op.call }}::new({{ client }}, &{{ route }}, request)
{%- when Constructor::NewWithoutRequest -%}
seam_runtime::{{ op.call }}::new({{ client }}, &{{ route }}, seam_runtime::codec::EmptyBody)
{%- when Constructor::WithQuery -%}
seam_runtime::{{ op.call }}::with_query(
    {{ client }},
    &{{ route }},
    [
        {% for q in op.query -%}
        ({{ q.wire|lit }}, {% match q.value %}{% when QueryValue::Always %}Some(request.{{ q.field }}.clone()){% when QueryValue::WhenSet %}request.{{ q.field }}.clone(){% endmatch %}),
        {% endfor -%}
    ],
    request,
)
{%- endmatch %}
{%- endmacro %}

{#- The credentials a route accepts, as a runtime `AuthModes` constant. -#}
{% macro auth_modes(auth) -%}
{% if auth.checked() -%}
seam_runtime::AuthModes::of(&[{% for m in auth.modes %}seam_runtime::AuthMode::{{ m }}, {% endfor %}])
{%- else -%}
seam_runtime::AuthModes::ANY
{%- endif %}
{%- endmacro %}

{#- A blocking method of namespace `ns`'s handle: the async call, run to its end by the blocking
    client (`self.client`); `text` is its rustdoc (`op.blocking_docs`), `client` the blocking
    client type its example (if any) builds. -#}
{% macro blocking_method(op, ns, client, text) -%}
    {% call docs(text) %}{% endcall %}
    {% if op.blocking_docs.example %}{% call example(op, client, true) %}{% endcall %}{% endif %}
    {% call deprecated(op.deprecated) %}{% endcall %}
    pub fn {{ op.method }}(&self{% if let Some(req) = op.request %}, request: {{ req.ty.qualified(ns.module_path) }}{% endif %}) -> crate::Result<{{ op.response.ty.qualified(ns.module_path) }}> {
        self.client.run({% call call_expr(op, "self.client.async_client()", format!("crate::{}::{}", ns.module_path, op.route_item)) %}{% endcall %})
    }
{%- endmacro %}

{#- An operation's rustdoc example (`op.example`): `client` is the client type it builds from the
    environment, `blocking` whether its methods are called without `.await`. -#}
{% macro example(op, client, blocking) -%}
///
/// # Example
///
/// ```no_run
{% call example_program(op, client, blocking, "/// ", "# ", false) %}{% endcall %}
/// ```
{%- endmacro %}

{#- The program of an operation's example: imports, a function, the client from the environment
    and the example's statements. Every line starts with `line` (a doc-comment marker or
    nothing); the function's own lines also with `hide` (rustdoc's hidden-line marker or
    nothing). `main`: the function is the program's `main` (`#[tokio::main]` unless `blocking`),
    else an `example` function rustdoc only compiles. -#}
{% macro example_program(op, client, blocking, line, hide, main) -%}
{% let ex = op.example -%}
{% for path in ex.imports -%}
{{ line }}use {{ path }};
{% endfor -%}
{% if main && !blocking -%}
{{ line }}{{ hide }}#[tokio::main]
{% endif -%}
{{ line }}{{ hide }}{% if !blocking %}async {% endif %}fn {% if main %}main{% else %}example{% endif %}() -> Result<(), Box<dyn std::error::Error>> {
{{ line }}let seam = {{ client }}::from_env()?;
{% call example_calls(ex, op.accessors, op.method, blocking, line, hide) %}{% endcall -%}
{{ line }}{{ hide }}Ok(())
{{ line }}{{ hide }}}
{%- endmacro %}

{#- The quick start's program (`qs`), async or `blocking`: imports, `main`, the client from the
    environment and each flow's statements. Lines start with `line`, blank lines are `blank` (a
    doc-comment marker or nothing); `hide` is rustdoc's hidden-line marker or nothing. -#}
{% macro quick_start_program(qs, blocking, line, blank, hide) -%}
{% for path in qs.imports -%}
{{ line }}use {{ path }};
{% endfor -%}
{{ blank }}
{% if !blocking -%}
{{ line }}#[tokio::main]
{% endif -%}
{{ line }}{% if !blocking %}async {% endif %}fn main() -> Result<(), Box<dyn std::error::Error>> {
{{ line }}    // SEAM_API_KEY (or SEAM_PERSONAL_ACCESS_TOKEN with SEAM_WORKSPACE_ID), SEAM_ENDPOINT.
{{ line }}    let seam = seam::{% if blocking %}blocking::{% endif %}Seam::from_env()?;
{% for step in qs.steps -%}
{{ blank }}
{{ line }}    // {{ step.says }}
{% call example_calls(step.example, step.accessors, step.method, blocking, format!("{}    ", line), hide) %}{% endcall -%}
{% endfor -%}
{{ line }}    Ok(())
{{ line }}}
{%- endmacro %}

{#- The statements of an example `ex` of the method `method` (reached through `accessors` from
    `seam`): the request, the call and what is done with the result, each line starting with
    `line`; a request the example cannot build is a line marked `hide`. -#}
{% macro example_calls(ex, accessors, method, blocking, line, hide) -%}
{% if let Some(request) = ex.request -%}
{% match request -%}
{% when ExampleRequest::Built(value) -%}
{{ line }}let request = {{ value }};
{% when ExampleRequest::Hidden(ty) -%}
{{ line }}{{ hide }}let request: {{ ty }} = unimplemented!();
{% endmatch -%}
{% endif -%}
{% match ex.outcome -%}
{% when ExampleOutcome::Nothing -%}
{{ line }}seam.{% call chain(accessors) %}{% endcall %}{{ method }}({% if ex.request.is_some() %}request{% endif %}){% if !blocking %}.await{% endif %}?;
{% when ExampleOutcome::Value { binding, optional, show } -%}
{{ line }}let {{ binding }} = seam.{% call chain(accessors) %}{% endcall %}{{ method }}({% if ex.request.is_some() %}request{% endif %}){% if !blocking %}.await{% endif %}?;
{% if optional -%}
{{ line }}if let Some({{ binding }}) = {{ binding }} {
{{ line }}    {% call show_value(show, binding) %}{% endcall %}
{{ line }}}
{% else -%}
{{ line }}{% call show_value(show, binding) %}{% endcall %}
{% endif -%}
{% when ExampleOutcome::Pages { method: paginator, item, show } -%}
{% if blocking -%}
{{ line }}for {{ item }} in seam.{% call chain(accessors) %}{% endcall %}{{ paginator }}({% if ex.request.is_some() %}request{% endif %})?.items() {
{{ line }}    let {{ item }} = {{ item }}?;
{{ line }}    {% call show_value(show, item) %}{% endcall %}
{{ line }}}
{% else -%}
{{ line }}let page = seam.{% call chain(accessors) %}{% endcall %}{{ paginator }}({% if ex.request.is_some() %}request{% endif %})?.first_page().await?;
{{ line }}for {{ item }} in page.items {
{{ line }}    {% call show_value(show, item) %}{% endcall %}
{{ line }}}
{% endif -%}
{% endmatch -%}
{%- endmacro %}

{#- The accessors leading from the client to an operation's handle, each followed by a dot. -#}
{% macro chain(accessors) -%}
{% for a in accessors.iter() %}{{ a }}().{% endfor %}
{%- endmacro %}

{#- One statement showing `binding` as `show` says. -#}
{% macro show_value(show, binding) -%}
{% match show -%}
{% when Show::Field(field) -%}
println!("{}", {{ binding }}.{{ field }});
{%- when Show::Count -%}
println!("{} found", {{ binding }}.len());
{%- when Show::ActionAttempt(status) -%}
println!("{:?}", {{ binding }}.{{ status }}());
{%- when Show::Debug -%}
println!("{:?}", {{ binding }});
{%- endmatch %}
{%- endmacro %}
