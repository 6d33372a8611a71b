{#- The blocking API: the same operations as the async API, from the same model. -#}
{% import "macros.rs" as m -%}
//! The blocking API (cargo feature `blocking`): the same operations as the async API, each
//! waiting for its response on a private runtime, with the same behaviour (methods returning an
//! action attempt wait for it unless the client was built with
//! `wait_for_action_attempts(false)`). Generated from the same model as the async API. Do not use
//! from inside an async runtime (the calls return an error there).
//!
//! Each method's docs link the async method they wrap, whose page describes the operation and
//! shows an example; the blocking call is the same without `.await` (a paginated list's
//! methods show their own example: the items come from an iterator).
{% if let Some(qs) = api.guide.quick_start %}//!
//! # Example
//!
//! The crate page's quick start, blocking:
//!
//! ```no_run
{% call m::quick_start_program(qs, true, "//! ", "//!", "# ") %}{% endcall %}
//! ```
{% endif %}
{% if api.without_workspace %}
pub use crate::without_workspace::blocking::SeamWithoutWorkspace;
{% endif %}

/// The Seam API client, blocking: one accessor per top-level namespace.
#[derive(Debug, Clone)]
pub struct Seam {
    client: seam_runtime::blocking::Client,
}

impl crate::FromClient for Seam {
    fn accepts(mode: crate::AuthMode) -> bool {
        mode.has_workspace()
    }

    fn from_client(client: crate::Client) -> crate::Result<Self> {
        Ok(Self::from_client(seam_runtime::blocking::Client::from_async(client)?))
    }
}

impl Seam {
    /// A client authenticated with an API key (`seam_...`); the endpoint comes from
    /// `SEAM_ENDPOINT` when set.
    pub fn new(api_key: impl Into<String>) -> crate::Result<Self> {
        Self::builder().api_key(api_key).build()
    }

    /// A client configured from the environment, as [`crate::Seam::from_env`].
    pub fn from_env() -> crate::Result<Self> {
        Self::builder().build()
    }

    /// A builder for every setting, as [`crate::Seam::builder`]; [`crate::ClientBuilder::build`]
    /// gives the blocking `Seam`.
    pub fn builder() -> crate::ClientBuilder<Seam> {
        crate::ClientBuilder::new().sdk(env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"))
    }

    /// Wraps a configured blocking client.
    pub fn from_client(client: seam_runtime::blocking::Client) -> Self {
        Self { client }
    }

    /// The runtime client underneath.
    pub fn client(&self) -> &seam_runtime::blocking::Client {
        &self.client
    }
{% if let Some(attempt) = api.action_attempt %}
    /// Polls an action attempt until it succeeds, fails or the wait times out, as
    /// [`crate::Seam::wait_for_action_attempt`].
    pub fn wait_for_action_attempt(
        &self,
        attempt: {{ attempt }},
        options: seam_runtime::WaitOptions,
    ) -> crate::Result<{{ attempt }}> {
        self.client.wait_for_action_attempt(attempt, options)
    }
{% endif %}
{% for ns in api.namespaces %}{% if ns.on_workspace_client %}
    /// Operations under `/{{ ns.path.join("/") }}`.
    pub fn {{ ns.accessor }}(&self) -> {{ ns.blocking_handle }}<'_> {
        {{ ns.blocking_handle }} { client: &self.client }
    }
{% endif %}{% endfor %}
}

{% for ns in namespaces %}{% if ns.on_workspace_client %}
{% call m::docs(ns.docs) %}{% endcall %}
#[derive(Debug, Clone, Copy)]
pub struct {{ ns.blocking_handle }}<'a> {
    client: &'a seam_runtime::blocking::Client,
}

impl<'a> {{ ns.blocking_handle }}<'a> {
{% for c in ns.children %}{% if c.on_workspace_client %}
    {% call m::docs(c.docs) %}{% endcall %}
    pub fn {{ c.accessor }}(&self) -> {{ c.blocking_handle }}<'a> {
        {{ c.blocking_handle }} { client: self.client }
    }
{% endif %}{% endfor %}
{% for op in ns.operations %}{% if op.auth.on_workspace_client %}
    {% call m::blocking_method(op, ns, "seam::blocking::Seam", op.blocking_docs.seam) %}{% endcall %}
{% if let Some(p) = op.paginated %}
    /// Pages through [`Self::{{ op.method }}`] (blocking iterators over pages or items).
    {% call m::deprecated(op.deprecated) %}{% endcall %}
    pub fn {{ p.method }}(&self{% if let Some(req) = op.request %}, request: {{ req.ty.qualified(ns.module_path) }}{% endif %}) -> crate::Result<seam_runtime::blocking::Paginator<{{ p.item.qualified(ns.module_path) }}>> {
        self.client.paginate(&crate::{{ ns.module_path }}::{{ op.route_item }}, {% if op.request.is_some() %}&request{% else %}&seam_runtime::codec::EmptyBody{% endif %})
    }
{% endif %}
{% endif %}{% endfor %}
}
{% endif %}{% endfor %}
