//! Formats pass: the one rule that decides which Rust type a string of a given `format` gets.
//!
//! Strict where the spec is strict: a declared `date-time` is a [`TypeRef::Timestamp`]
//! (`jiff::Timestamp`), `date` a [`TypeRef::Date`] (`jiff::civil::Date`), `uri` a
//! [`TypeRef::Uri`] (`fluent_uri::Uri<String>`), `email` a [`TypeRef::Email`]
//! (`email_address::EmailAddress`).
//!
//! `uri` is RFC 3986 (what the spec's validators check), so its type is an RFC 3986 parser that
//! keeps the text: `url::Url` follows the WHATWG URL standard instead, refuses URIs RFC 3986
//! allows (a host whose last label is a number, such as `http://a.b.6`, which Prism sends) and
//! rewrites what it accepts (`https://example.com` comes back with a `/`). Loose where the spec is loose: a string without a `format`
//! stays `String`, whatever its name or description suggests (`starts_at` is declared as a plain
//! string), because a guess that fails would lose a whole response.
//!
//! Ids (`uuid`) stay `String`: they are opaque tokens a client only passes back, and Seam's own
//! fake server (`@seamapi/fake-seam-connect`) hands out ids such as `august_device_1` that are
//! not UUIDs; parsing them would gain nothing and break against it.

use super::ir::TypeRef;
use super::shape::StringFormat;

/// The Rust type of a string of `format` (no enum values).
pub fn type_for(format: Option<StringFormat>) -> TypeRef {
    match format {
        Some(StringFormat::DateTime) => TypeRef::Timestamp,
        Some(StringFormat::Date) => TypeRef::Date,
        Some(StringFormat::Uri) => TypeRef::Uri,
        Some(StringFormat::Email) => TypeRef::Email,
        Some(StringFormat::Uuid) | None => TypeRef::String,
    }
}

/// The type a query parameter of type `ty` is sent as: query values travel as text, so a
/// formatted type falls back to `String` (the caller writes the text; nothing is parsed).
pub fn query_type(ty: &TypeRef) -> TypeRef {
    if ty.is_formatted_string() {
        TypeRef::String
    } else {
        ty.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_formats_get_ecosystem_types_and_ids_stay_strings() {
        assert_eq!(
            type_for(Some(StringFormat::DateTime)).to_string(),
            "jiff::Timestamp"
        );
        assert_eq!(
            type_for(Some(StringFormat::Date)).to_string(),
            "jiff::civil::Date"
        );
        assert_eq!(
            type_for(Some(StringFormat::Uri)).to_string(),
            "fluent_uri::Uri<String>"
        );
        assert_eq!(
            type_for(Some(StringFormat::Email)).to_string(),
            "email_address::EmailAddress"
        );
        assert_eq!(type_for(Some(StringFormat::Uuid)), TypeRef::String);
        assert_eq!(type_for(None), TypeRef::String);
    }

    #[test]
    fn query_parameters_are_text() {
        assert_eq!(query_type(&TypeRef::Timestamp), TypeRef::String);
        assert_eq!(query_type(&TypeRef::Int), TypeRef::Int);
    }
}
