{#- One type definition; expects `t` (a TypeDef) in scope. -#}
{% import "macros.rs" as m -%}
{% call m::docs(t.docs) %}{% endcall %}
{% for line in t.links %}{% call m::doc_line(line) %}{% endcall %}{% endfor %}
{% call m::deprecated(t.deprecated) %}{% endcall %}
{% match t.kind -%}
{% when TypeKind::Struct(s) -%}
{% call m::derives(t.impls) %}{% endcall %}
#[non_exhaustive]
pub struct {{ t.name }} {
{% for f in s.fields -%}
{% call m::field(f, t.impls.serialize) %}{% endcall %}
{% endfor -%}
{% if let Some(f) = s.other_members -%}
{% call m::field(f, t.impls.serialize) %}{% endcall %}
{% endif -%}
}

{% call m::gate(t.impls.deserialize) %}{% endcall %}
seam_runtime::record! {
    {{ t.name }}
    {% for (word, members) in s.decode.groups() -%}
    {{ word }} { {% for r in members %}{{ r.field }}{% if let Some(member) = r.member %} = {{ member|lit }}{% endif %}{% if !loop.last %}, {% endif %}{% endfor %} }
    {% endfor -%}
    {% if let Some(rest) = s.other_members %}rest { {{ rest.name }} }{% endif %}
}
{% if s.builder %}
{% call m::allows(t.allows) %}{% endcall %}
impl {{ t.name }} {
    /// Creates a value with the required fields; the optional ones start unset.
    pub fn new({% for f in s.constructor_params() %}{{ f.name }}: {% if f.takes_into %}impl Into<{{ f.value_ty }}>{% else %}{{ f.value_ty }}{% endif %}, {% endfor %}) -> Self {
        Self {
            {% for f in s.fields -%}
            {% if f.presence.is_required() %}{{ f.name }}{% if f.takes_into %}: {{ f.name }}.into(){% endif %}{% else %}{{ f.name }}: Default::default(){% endif %},
            {% endfor -%}
            {% if let Some(f) = s.other_members %}{{ f.name }}: Default::default(),{% endif %}
        }
    }
{% for f in s.fields %}{% if !f.presence.is_required() %}
    /// Sets `{{ f.wire }}`.
    {% call m::deprecated(f.deprecated) %}{% endcall %}
    pub fn {{ f.setter }}(mut self, value: {% if f.takes_into %}impl Into<{{ f.value_ty }}>{% else %}{{ f.value_ty }}{% endif %}) -> Self {
        self.{{ f.name }} = {% match f.wrap %}{% when Wrap::Plain %}value{% if f.takes_into %}.into(){% endif %}{% when Wrap::Some %}Some(value{% if f.takes_into %}.into(){% endif %}){% when Wrap::SomeSome %}Some(Some(value{% if f.takes_into %}.into(){% endif %})){% endmatch %};
        self
    }
{% endif %}{% endfor %}
}
{% endif %}
{% if let Some(family) = s.metadata %}
impl {{ t.name }} {
{% if family.owned %}
    /// Sets one manufacturer's metadata: the value is sent under that manufacturer's key.
    pub fn {{ family.method }}(mut self, value: {{ family.enum_name }}) -> Self {
        match value {
            {% for v in family.variants -%}
            {{ family.enum_name }}::{{ v.name }}(value) => self.{{ v.field }} = Some(value),
            {% endfor -%}
        }
        self
    }
{% else %}
    /// The manufacturer-specific metadata this value carries, if any (the first present, in
    /// the spec's order).
    pub fn {{ family.method }}(&self) -> Option<{{ family.enum_name }}<'_>> {
        {% for v in family.variants -%}
        if let Some(value) = &self.{{ v.field }} {
            return Some({{ family.enum_name }}::{{ v.name }}(value));
        }
        {% endfor -%}
        if let Some((key, value)) = self.{{ family.other_field }}.first() {
            return Some({{ family.enum_name }}::{{ family.other_variant }} { key, value });
        }
        None
    }
{% endif %}
}
{% endif %}
{% when TypeKind::StrEnum(e) -%}
{% call m::derives(t.impls) %}{% endcall %}
#[non_exhaustive]
pub enum {{ t.name }} {
{% for v in e.variants -%}
{% call m::docs(v.docs) %}{% endcall %}
{{ v.name }},
{% endfor -%}
    /// A value this version of the crate does not know, kept as received.
    {{ e.unknown }}(String),
}

impl {{ t.name }} {
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            {% for v in e.variants -%}
            Self::{{ v.name }} => {{ v.wire|lit }},
            {% endfor -%}
            Self::{{ e.unknown }}(value) => value,
        }
    }
}

impl From<&str> for {{ t.name }} {
    fn from(value: &str) -> Self {
        match value {
            {% for v in e.variants -%}
            {{ v.wire|lit }} => Self::{{ v.name }},
            {% endfor -%}
            other => Self::{{ e.unknown }}(other.to_owned()),
        }
    }
}

impl std::fmt::Display for {{ t.name }} {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

{% call m::gate(t.impls.serialize) %}{% endcall %}
impl serde::Serialize for {{ t.name }} {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

{% call m::gate(t.impls.deserialize) %}{% endcall %}
impl<'de> serde::Deserialize<'de> for {{ t.name }} {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        seam_runtime::codec::deserialize_str_enum(deserializer)
    }
}
{% when TypeKind::Tagged(u) -%}
{% call m::derives(t.impls) %}{% endcall %}
{% call m::allows(t.allows) %}{% endcall %}
#[non_exhaustive]
pub enum {{ t.name }} {
{% for v in u.variants -%}
{% call m::docs(v.docs) %}{% endcall %}
{{ v.name }}({{ v.ty }}),
{% endfor -%}
    /// A variant this version of the crate does not know, kept as the raw JSON received.
    {{ u.unknown }}(serde_json::Value),
}

impl {{ t.name }} {
{% for a in u.accessors %}
    /// The `{{ a.tag }}` tag of this value, as text (`None` if an unknown variant lacks it).
    pub fn {{ a.method }}(&self) -> Option<&str> {
        match self {
            {% for v in u.variants -%}
            Self::{{ v.name }}(_) => Some({{ v.values[a.index]|lit }}),
            {% endfor -%}
            Self::{{ u.unknown }}(value) => value.get({{ a.tag|lit }}).and_then(serde_json::Value::as_str),
        }
    }
{% endfor %}
}

{% call m::gate(t.impls.serialize) %}{% endcall %}
impl serde::Serialize for {{ t.name }} {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            {% for v in u.variants -%}
            Self::{{ v.name }}(value) => value.serialize(serializer),
            {% endfor -%}
            Self::{{ u.unknown }}(value) => value.serialize(serializer),
        }
    }
}

{% call m::gate(t.impls.deserialize) %}{% endcall %}
impl<'de> serde::Deserialize<'de> for {{ t.name }} {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = seam_runtime::codec::TaggedValue::capture(deserializer)?;
        match ({% for tag in u.tags %}value.tag({{ tag|lit }}).as_deref(), {% endfor %}) {
            {% for v in u.variants -%}
            ({% for val in v.values %}Some({{ val|lit }}), {% endfor %}) => value.decode().map(Self::{{ v.name }}),
            {% endfor -%}
            _ => value.to_value().map(Self::{{ u.unknown }}),
        }
    }
}
{% if let Some(aa) = t.action_attempt %}
impl seam_runtime::ActionAttemptLike for {{ t.name }} {
    fn id(&self) -> &str {
        match self {
            {% for v in u.variants -%}
            Self::{{ v.name }}(value) => &value.{{ aa.id_field }},
            {% endfor -%}
            Self::{{ u.unknown }}(value) => value.get({{ aa.id_wire|lit }}).and_then(serde_json::Value::as_str).unwrap_or_default(),
        }
    }

    fn status(&self) -> seam_runtime::ActionAttemptStatus {
        seam_runtime::ActionAttemptStatus::from_wire(self.{{ aa.status_method }}().unwrap_or_default())
    }
}
{% endif %}
{% when TypeKind::Untagged(u) -%}
{% call m::derives(t.impls) %}{% endcall %}
{% call m::allows(t.allows) %}{% endcall %}
{% call m::cfg_attr(u.untagged_attr, "serde(untagged)") %}{% endcall %}
pub enum {{ t.name }} {
{% for v in u.variants -%}
    /// A `{{ v.ty }}` value.
    {{ v.name }}({{ v.ty }}),
{% endfor -%}
}
{% if let Some(k) = u.by_kind %}
{% call m::gate(t.impls.deserialize) %}{% endcall %}
impl seam_runtime::codec::ByKind for {{ t.name }} {
    const EXPECTING: &'static str = {{ k.expecting|lit }};
{% for arm in k.arms -%}
{% match arm.kind -%}
{% when ScalarKind::Bool -%}
    fn from_bool(value: bool) -> Option<Self> {
        Some(Self::{{ arm.variant }}(value))
    }
{% when ScalarKind::Integer -%}
    fn from_i64(value: i64) -> Option<Self> {
        Some(Self::{{ arm.variant }}(value))
    }
{% when ScalarKind::Number -%}
    fn from_f64(value: f64) -> Option<Self> {
        Some(Self::{{ arm.variant }}(value))
    }
{% when ScalarKind::String -%}
    fn from_str(value: &str) -> Option<Self> {
        Some(Self::{{ arm.variant }}(value.to_owned()))
    }
{% when ScalarKind::Json -%}
    fn from_json(value: serde_json::Value) -> Option<Self> {
        Some(Self::{{ arm.variant }}(value))
    }
{% endmatch -%}
{% endfor -%}
}

{% call m::gate(t.impls.deserialize) %}{% endcall %}
impl<'de> serde::Deserialize<'de> for {{ t.name }} {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        seam_runtime::codec::deserialize_by_kind(deserializer)
    }
}
{% endif %}
{% when TypeKind::Metadata(me) -%}
{% call m::derives(t.impls) %}{% endcall %}
{% call m::allows(t.allows) %}{% endcall %}
{% if me.owned %}
#[non_exhaustive]
pub enum {{ t.name }} {
{% for v in me.variants -%}
    /// `{{ v.wire }}`.
    {{ v.name }}({{ v.ty }}),
{% endfor -%}
}
{% else %}
#[non_exhaustive]
pub enum {{ t.name }}<'a> {
{% for v in me.variants -%}
    /// `{{ v.wire }}`.
    {{ v.name }}(&'a {{ v.ty }}),
{% endfor -%}
    /// A manufacturer this version of the crate does not know.
    {{ me.other_variant }} {
        /// The member's JSON name (`<manufacturer>_metadata`).
        key: &'a str,
        /// Its value as received.
        value: &'a serde_json::Value,
    },
}
{% endif %}
{% when TypeKind::Alias(target) -%}
pub type {{ t.name }} = {{ target }};
{% endmatch %}
