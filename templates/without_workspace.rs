{#- The workspace-less client: the operations a credential without a workspace may call. -#}
{% import "macros.rs" as m -%}
//! [`SeamWithoutWorkspace`]: the client for a personal access token or a console session token
//! without a workspace. It offers exactly the operations whose security accepts such a
//! credential (listing and creating workspaces, ...), as the spec declares them; everything else
//! needs a [`crate::Seam`] acting in a workspace.

use crate::{AuthMode, Client, ClientBuilder, FromClient, Result};

/// A Seam client without a workspace (personal access token or console session token alone).
#[derive(Debug, Clone)]
pub struct SeamWithoutWorkspace {
    client: Client,
}

impl FromClient for SeamWithoutWorkspace {
    fn accepts(mode: AuthMode) -> bool {
        !mode.has_workspace()
    }

    fn from_client(client: Client) -> Result<Self> {
        Ok(Self { client })
    }

    fn refusal(mode: AuthMode) -> String {
        format!("{mode} acts in a workspace: build a `seam::Seam`")
    }
}

impl SeamWithoutWorkspace {
    /// A client configured from the environment: `SEAM_PERSONAL_ACCESS_TOKEN` (without
    /// `SEAM_WORKSPACE_ID`) and `SEAM_ENDPOINT`.
    pub fn from_env() -> Result<Self> {
        Self::builder().build()
    }

    /// A builder for the credential and every other setting; [`ClientBuilder::build`] gives the
    /// `SeamWithoutWorkspace`.
    pub fn builder() -> ClientBuilder<SeamWithoutWorkspace> {
        ClientBuilder::new().sdk(env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"))
    }

    /// Wraps a configured runtime client (no check of its credential: prefer
    /// [`SeamWithoutWorkspace::builder`]).
    pub fn from_client(client: Client) -> Self {
        Self { client }
    }

    /// The runtime client underneath.
    pub fn client(&self) -> &Client {
        &self.client
    }
{% for ns in api.namespaces %}{% if ns.on_without_workspace_client %}
    /// Operations under `/{{ ns.path.join("/") }}` that need no workspace{% if let Some(f) = ns.feature %} (cargo feature `{{ f }}`){% endif %}.
    {% if let Some(f) = ns.feature %}#[cfg(feature = {{ f|lit }})]{% endif %}
    pub fn {{ ns.accessor }}(&self) -> {{ ns.blocking_handle }}<'_> {
        {{ ns.blocking_handle }} { client: &self.client }
    }
{% endif %}{% endfor %}
}

{% for ns in namespaces %}
/// Operations under `/{{ ns.path.join("/") }}` that need no workspace.
{% if let Some(f) = ns.feature %}#[cfg(feature = {{ f|lit }})]{% endif %}
#[derive(Debug, Clone, Copy)]
pub struct {{ ns.blocking_handle }}<'a> {
    client: &'a Client,
}

{% if let Some(f) = ns.feature %}#[cfg(feature = {{ f|lit }})]{% endif %}
impl<'a> {{ ns.blocking_handle }}<'a> {
{% for c in ns.children %}{% if c.on_without_workspace_client %}
    /// Operations under `/{{ c.path.join("/") }}` that need no workspace.
    pub fn {{ c.accessor }}(&self) -> {{ c.blocking_handle }}<'a> {
        {{ c.blocking_handle }} { client: self.client }
    }
{% endif %}{% endfor %}
{% for op in ns.operations %}{% if op.auth.on_without_workspace_client %}
    {% call m::docs(op.docs) %}{% endcall %}
    {% call m::example(op, "seam::SeamWithoutWorkspace", false) %}{% endcall %}
    {% call m::deprecated(op.deprecated) %}{% endcall %}
    pub fn {{ op.method }}(&self{% if let Some(req) = op.request %}, request: {{ req.ty.qualified(ns.module_path) }}{% endif %}) -> {{ op.call_type_in(ns.module_path) }} {
        {% call m::call_expr(op, "self.client", format!("crate::{}::{}", ns.module_path, op.route_item)) %}{% endcall %}
    }
{% endif %}{% endfor %}
}
{% endfor %}

/// The blocking workspace-less client (cargo feature `blocking`): the same operations, each
/// waiting for its response, as `crate::blocking` does for [`crate::Seam`].
#[cfg(feature = "blocking")]
pub mod blocking {
    use crate::{AuthMode, Client, ClientBuilder, FromClient, Result};

    /// A blocking Seam client without a workspace, as [`super::SeamWithoutWorkspace`].
    #[derive(Debug, Clone)]
    pub struct SeamWithoutWorkspace {
        client: seam_runtime::blocking::Client,
    }

    impl FromClient for SeamWithoutWorkspace {
        fn accepts(mode: AuthMode) -> bool {
            !mode.has_workspace()
        }

        fn from_client(client: Client) -> Result<Self> {
            Ok(Self::from_client(seam_runtime::blocking::Client::from_async(client)?))
        }

        fn refusal(mode: AuthMode) -> String {
            format!("{mode} acts in a workspace: build a `seam::blocking::Seam`")
        }
    }

    impl SeamWithoutWorkspace {
        /// A client configured from the environment, as [`super::SeamWithoutWorkspace::from_env`].
        pub fn from_env() -> Result<Self> {
            Self::builder().build()
        }

        /// A builder for the credential and every other setting; [`ClientBuilder::build`] gives
        /// the blocking `SeamWithoutWorkspace`.
        pub fn builder() -> ClientBuilder<SeamWithoutWorkspace> {
            ClientBuilder::new().sdk(env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"))
        }

        /// Wraps a configured blocking client.
        pub fn from_client(client: seam_runtime::blocking::Client) -> Self {
            Self { client }
        }

        /// The runtime client underneath.
        pub fn client(&self) -> &seam_runtime::blocking::Client {
            &self.client
        }
{% for ns in api.namespaces %}{% if ns.on_without_workspace_client %}
        /// Operations under `/{{ ns.path.join("/") }}` that need no workspace{% if let Some(f) = ns.feature %} (cargo feature `{{ f }}`){% endif %}.
        {% if let Some(f) = ns.feature %}#[cfg(feature = {{ f|lit }})]{% endif %}
        pub fn {{ ns.accessor }}(&self) -> {{ ns.blocking_handle }}<'_> {
            {{ ns.blocking_handle }} { client: &self.client }
        }
{% endif %}{% endfor %}
    }

{% for ns in namespaces %}
    /// Operations under `/{{ ns.path.join("/") }}` that need no workspace (blocking).
    {% if let Some(f) = ns.feature %}#[cfg(feature = {{ f|lit }})]{% endif %}
    #[derive(Debug, Clone, Copy)]
    pub struct {{ ns.blocking_handle }}<'a> {
        client: &'a seam_runtime::blocking::Client,
    }

    {% if let Some(f) = ns.feature %}#[cfg(feature = {{ f|lit }})]{% endif %}
    impl<'a> {{ ns.blocking_handle }}<'a> {
{% for c in ns.children %}{% if c.on_without_workspace_client %}
        /// Operations under `/{{ c.path.join("/") }}` that need no workspace.
        pub fn {{ c.accessor }}(&self) -> {{ c.blocking_handle }}<'a> {
            {{ c.blocking_handle }} { client: self.client }
        }
{% endif %}{% endfor %}
{% for op in ns.operations %}{% if op.auth.on_without_workspace_client %}
        {% call m::blocking_method(op, ns, "seam::blocking::SeamWithoutWorkspace", op.blocking_docs.without_workspace) %}{% endcall %}
{% endif %}{% endfor %}
    }
{% endfor %}
}
