{#- One operation's example as a program (`cargo xtask sample`): the lines of its rustdoc example
    (`macros.rs`'s `example_program`, with the client its docs build: `Seam` when the operation
    is one of its methods, else `SeamWithoutWorkspace`), with a `main`. -#}
{% import "macros.rs" as m -%}
{% let client -%}
{% if blocking %}seam::blocking{% else %}seam{% endif %}::{% if op.auth.on_workspace_client %}Seam{% else %}SeamWithoutWorkspace{% endif %}
{%- endlet -%}
{% call m::example_program(op, client, blocking, "", "", true) %}{% endcall %}
