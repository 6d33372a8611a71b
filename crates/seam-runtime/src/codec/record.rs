//! Structs read from JSON objects: the one `Deserialize` every generated struct uses.
//!
//! A generated struct calls [`record!`](crate::record), which implements [`Record`] for it: one
//! local slot per field, a loop over the object's members that matches each name
//! ([`Members::key`]) and fills the slot ([`Members::value`]), then the struct built from its
//! slots ([`Members::required`] for a field that must be there). What serde's derive would
//! repeat for every struct (the visitor, the errors, skipping unknown members, keeping unknown
//! manufacturer metadata) lives here once, and the object is read in one pass: a struct keeping
//! unknown members ([`Members::rest`]) does not buffer every member it has no field for, as
//! `#[serde(flatten)]` does.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::tagged::KeySeed;
use crate::OtherMetadata;

/// Implements [`Record`] and `serde::Deserialize` for a struct: what generated code writes for
/// each struct it reads.
///
/// The fields are listed by what an absent member leaves in them: `required` (a "missing
/// field" error naming the member), `optional` (the type's default: `None`, an empty list or
/// map) and `nullable` (an `Option<Option<T>>`: absent leaves `None`, `null` is `Some(None)`).
/// A field is read from the member it names; `field = "member"` reads it from another one
/// (`r#type = "type"`). `rest { field }` keeps unknown manufacturer metadata there
/// ([`Members::rest`]); without it, members no field names are skipped.
///
/// The expansion is the reading loop of a hand-written [`Record`]: one slot per field (its type
/// inferred), one `match` on member names, then the struct built from the slots. The macro's
/// own names are hygienic, so a field may have any name, `members` included.
///
/// ```
/// #[derive(Debug, PartialEq)]
/// struct Lock {
///     id: String,
///     r#type: String,
///     name: Option<String>,
///     members: Vec<String>,
///     note: Option<Option<String>>,
/// }
/// seam_runtime::record! {
///     Lock
///     required { id, r#type = "type" }
///     optional { name, members }
///     nullable { note }
/// }
/// let lock: Lock = serde_json::from_str(r#"{"note":null,"id":"l1","type":"smart","x":1}"#)?;
/// let expected = Lock {
///     id: "l1".into(),
///     r#type: "smart".into(),
///     name: None,
///     members: vec![],
///     note: Some(None),
/// };
/// assert_eq!(lock, expected);
/// let missing = serde_json::from_str::<Lock>(r#"{"id":"l1"}"#).unwrap_err();
/// assert_eq!(missing.to_string(), "missing field `type` at line 1 column 11");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[doc(hidden)] // Generated code's plumbing, like the rest of `codec`.
#[macro_export]
macro_rules! record {
    (
        $ty:ident
        $( required { $( $required:ident $( = $required_member:literal )? ),* $(,)? } )?
        $( optional { $( $optional:ident $( = $optional_member:literal )? ),* $(,)? } )?
        $( nullable { $( $nullable:ident $( = $nullable_member:literal )? ),* $(,)? } )?
        $( rest { $rest:ident } )?
    ) => {
        impl<'de> $crate::codec::Record<'de> for $ty {
            const EXPECTING: &'static str = ::core::concat!("struct ", ::core::stringify!($ty));

            fn read<A: $crate::codec::__serde::de::MapAccess<'de>>(
                members: &mut $crate::codec::Members<'de, A>,
            ) -> ::core::result::Result<Self, A::Error> {
                $($( let mut $required = ::core::option::Option::None; )*)?
                $($( let mut $optional = ::core::option::Option::None; )*)?
                $($( let mut $nullable = ::core::option::Option::None; )*)?
                $( let mut $rest = $crate::OtherMetadata::default(); )?
                while members.next_key()? {
                    match members.key() {
                        $($(
                            $crate::record!(@member $required $($required_member)?) => {
                                members.value(&mut $required)?
                            }
                        )*)?
                        $($(
                            $crate::record!(@member $optional $($optional_member)?) => {
                                members.value(&mut $optional)?
                            }
                        )*)?
                        $($(
                            $crate::record!(@member $nullable $($nullable_member)?) => {
                                members.nullable(&mut $nullable)?
                            }
                        )*)?
                        _ => $crate::record!(@other members $($rest)?),
                    }
                }
                ::core::result::Result::Ok(Self {
                    $($(
                        $required: members.required(
                            $required,
                            $crate::record!(@member $required $($required_member)?),
                        )?,
                    )*)?
                    $($( $optional: $optional.unwrap_or_default(), )*)?
                    $($( $nullable, )*)?
                    $( $rest, )?
                })
            }
        }

        impl<'de> $crate::codec::__serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::codec::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::codec::deserialize_record(deserializer)
            }
        }
    };
    (@member $field:ident) => { ::core::stringify!($field) };
    (@member $field:ident $member:literal) => { $member };
    (@other $members:ident) => { $members.skip()? };
    (@other $members:ident $rest:ident) => { $members.rest(&mut $rest)? };
}

/// A struct read member by member from a JSON object (implemented by generated structs).
pub trait Record<'de>: Sized {
    /// What a value of another kind is reported as not being (`struct Device`).
    const EXPECTING: &'static str;

    /// Reads the object's members and builds the value.
    fn read<A: MapAccess<'de>>(members: &mut Members<'de, A>) -> Result<Self, A::Error>;
}

/// Deserializes a [`Record`] from a JSON object (the body of a generated `Deserialize`).
pub fn deserialize_record<'de, T: Record<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(RecordVisitor(PhantomData))
}

struct RecordVisitor<T>(PhantomData<T>);

impl<'de, T: Record<'de>> Visitor<'de> for RecordVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read(&mut Members {
            map,
            key: Cow::Borrowed(""),
        })
    }
}

/// The members of the object being read, one at a time.
pub struct Members<'de, A> {
    map: A,
    /// The name of the member [`Members::next_key`] read last.
    key: Cow<'de, str>,
}

impl<'de, A: MapAccess<'de>> Members<'de, A> {
    /// Reads the next member's name; `false` at the end of the object.
    #[inline]
    pub fn next_key(&mut self) -> Result<bool, A::Error> {
        match self.map.next_key_seed(KeySeed)? {
            Some(key) => {
                self.key = key;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// The name of the current member.
    #[inline]
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Reads the current member's value into its field's slot; a member named twice is an
    /// error, as with serde's derive.
    #[inline]
    pub fn value<T: Deserialize<'de>>(&mut self, slot: &mut Option<T>) -> Result<(), A::Error> {
        self.not_seen(slot.is_some())?;
        *slot = Some(self.map.next_value()?);
        Ok(())
    }

    /// Reads the current member's value into a field that tells `null` (`Some(None)`) from
    /// absent (`None`, the field left as it starts).
    #[inline]
    pub fn nullable<T: Deserialize<'de>>(
        &mut self,
        field: &mut Option<Option<T>>,
    ) -> Result<(), A::Error> {
        self.not_seen(field.is_some())?;
        *field = Some(self.map.next_value()?);
        Ok(())
    }

    /// Keeps the current member in `rest` when it is manufacturer metadata
    /// (`<manufacturer>_metadata`, see [`OtherMetadata`]); skips it otherwise.
    pub fn rest(&mut self, rest: &mut OtherMetadata) -> Result<(), A::Error> {
        self.not_seen(OtherMetadata::is_metadata_key(&self.key) && rest.get(&self.key).is_some())?;
        rest.read_member(&self.key, &mut self.map)
    }

    /// Skips the current member's value (a member the struct has no field for).
    #[inline]
    pub fn skip(&mut self) -> Result<(), A::Error> {
        self.map.next_value::<IgnoredAny>().map(|_| ())
    }

    /// The value of a field that must be present: a missing member is an error naming it.
    #[inline]
    pub fn required<T>(&self, slot: Option<T>, name: &'static str) -> Result<T, A::Error> {
        slot.ok_or_else(|| de::Error::missing_field(name))
    }

    #[inline]
    fn not_seen(&self, seen: bool) -> Result<(), A::Error> {
        if seen {
            return Err(de::Error::custom(format_args!(
                "duplicate field `{}`",
                self.key
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
