//! [`SerdeField`]: how one struct field is read and written, and the arguments of its
//! `#[serde(...)]` attribute, read by the derived `Serialize` ([`SerdeField::args`], where their
//! precedence is decided; the record decode pass reads the rest).

use serde::Serialize;

/// Serde settings of one field, as the passes set them.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct SerdeField {
    /// The JSON name, when it differs from the Rust name.
    pub rename: Option<String>,
    /// Missing in JSON means `Default::default()`.
    pub default: bool,
    /// `None` is not written.
    pub skip_if_none: bool,
    /// `Option<Option<T>>` that tells absent from `null`.
    pub double_option: bool,
    /// Read but never written (query parameters, sent in the URL instead).
    pub skip_serializing: bool,
    /// The field's members are the object's own (a map of the members no other field names).
    pub flatten: bool,
}

/// One argument of a field's `#[serde(...)]` attribute.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub enum SerdeArg {
    /// `rename = "wire"`.
    Rename(String),
    /// `skip_serializing`.
    SkipSerializing,
    /// `skip_serializing_if = "Option::is_none"`.
    SkipSerializingIfNone,
    /// `with = "seam_runtime::codec::double_option"`.
    DoubleOption,
    /// `flatten`.
    Flatten,
}

impl SerdeField {
    /// The attribute's arguments, in order; none means no attribute. A field never written
    /// (`skip_serializing`) needs no rule for when to skip it; `default` is for reading, which
    /// the struct's `Record` does.
    pub fn args(&self) -> Vec<SerdeArg> {
        let mut args = Vec::new();
        if let Some(wire) = &self.rename {
            args.push(SerdeArg::Rename(wire.clone()));
        }
        if self.skip_serializing {
            args.push(SerdeArg::SkipSerializing);
        } else if self.skip_if_none {
            args.push(SerdeArg::SkipSerializingIfNone);
        }
        if self.double_option {
            args.push(SerdeArg::DoubleOption);
        }
        if self.flatten {
            args.push(SerdeArg::Flatten);
        }
        args
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_follow_the_settings_and_skipping_always_wins() {
        assert!(SerdeField::default().args().is_empty());
        let optional_nullable = SerdeField {
            rename: Some("type".to_owned()),
            default: true,
            skip_if_none: true,
            double_option: true,
            skip_serializing: false,
            flatten: false,
        };
        assert_eq!(
            optional_nullable.args(),
            [
                SerdeArg::Rename("type".to_owned()),
                SerdeArg::SkipSerializingIfNone,
                SerdeArg::DoubleOption,
            ]
        );
        let query = SerdeField {
            skip_serializing: true,
            ..optional_nullable
        };
        assert!(query.args().contains(&SerdeArg::SkipSerializing));
        assert!(!query.args().contains(&SerdeArg::SkipSerializingIfNone));
        let rest = SerdeField {
            flatten: true,
            ..SerdeField::default()
        };
        assert_eq!(rest.args(), [SerdeArg::Flatten]);
    }
}
