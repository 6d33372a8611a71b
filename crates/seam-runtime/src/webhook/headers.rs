//! [`WebhookHeaders`]: looking up a delivery's headers, case-insensitively, in the header types
//! servers hand over; `svix-*` names win over `webhook-*` ones.

use std::collections::{BTreeMap, HashMap};

use super::{Reason, VerificationError};

/// The headers of a delivery, looked up by lower-case name, case-insensitively.
///
/// Implemented for [`http::HeaderMap`] (what axum and hyper hand over) and for name/value pairs:
/// slices, arrays and `Vec`s of `(name, value)`, `HashMap` and `BTreeMap`, with names `AsRef<str>`
/// and values `AsRef<[u8]>` (`&str`, `String`, `Vec<u8>`, `HeaderValue`, ...). When a name occurs
/// more than once, the first value counts.
pub trait WebhookHeaders {
    /// The value of the header `name` (lower case), if present.
    fn header(&self, name: &str) -> Option<&[u8]>;
}

impl WebhookHeaders for http::HeaderMap {
    fn header(&self, name: &str) -> Option<&[u8]> {
        self.get(name).map(http::HeaderValue::as_bytes)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> WebhookHeaders for [(K, V)] {
    fn header(&self, name: &str) -> Option<&[u8]> {
        self.iter()
            .find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>, const N: usize> WebhookHeaders for [(K, V); N] {
    fn header(&self, name: &str) -> Option<&[u8]> {
        self.as_slice().header(name)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> WebhookHeaders for Vec<(K, V)> {
    fn header(&self, name: &str) -> Option<&[u8]> {
        self.as_slice().header(name)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>, S> WebhookHeaders for HashMap<K, V, S> {
    fn header(&self, name: &str) -> Option<&[u8]> {
        // Sorted by name first, so the answer does not depend on the hash order when a name
        // occurs in several spellings.
        let mut matching: Vec<(&str, &[u8])> = self
            .iter()
            .filter(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(k, v)| (k.as_ref(), v.as_ref()))
            .collect();
        matching.sort_unstable_by(|a, b| a.0.cmp(b.0));
        matching.first().map(|(_, v)| *v)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> WebhookHeaders for BTreeMap<K, V> {
    fn header(&self, name: &str) -> Option<&[u8]> {
        self.iter()
            .find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

impl<H: WebhookHeaders + ?Sized> WebhookHeaders for &H {
    fn header(&self, name: &str) -> Option<&[u8]> {
        (**self).header(name)
    }
}

/// `svix-<name>` if present, else `webhook-<name>`; empty counts as missing (as in Svix).
pub(super) fn required<'h, H: WebhookHeaders + ?Sized>(
    headers: &'h H,
    name: &str,
    missing: Reason,
) -> Result<&'h [u8], VerificationError> {
    let value = headers
        .header(&format!("svix-{name}"))
        .or_else(|| headers.header(&format!("webhook-{name}")));
    match value {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(missing.into()),
    }
}
