//! [`RecordDecode`] and [`FieldDecode`]: how a struct's `Deserialize` reads a JSON object member
//! by member through `seam_runtime::codec::Record` (decided by the record decode pass).

use serde::Serialize;

/// The hand-written `Deserialize` of one struct: a slot (a variable, its type inferred) per
/// field, a loop over the members, then the struct built from the slots.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct RecordDecode {
    /// What a value of another kind is reported as not being (`struct Device`, as serde's
    /// derive says).
    pub expecting: String,
    /// The variable holding the object's members: no slot is named alike.
    pub members: String,
    /// The struct has no field to read a member into (no slot, no rest): the loop skips every
    /// member without matching names.
    pub skips_all: bool,
}

/// How one field's member is read, and what its absence leaves.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct FieldDecode {
    /// The slot's variable: the field's name, unless that makes a poor variable (`_9` for the
    /// member `9`, which clippy refuses as a binding), then `field_9`; unique in the struct.
    pub slot: String,
    /// How the member's value is read into the slot.
    pub read: Read,
    /// What an absent member leaves in the field.
    pub finish: Finish,
    /// The struct literal names the field alone (`note`, not `note: note`): taken as read from
    /// a slot of its own name.
    pub shorthand: bool,
}

/// How a member's value is read into its slot.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub enum Read {
    /// As the field's type.
    #[default]
    Value,
    /// As `Option<T>` into a slot of the field's own type, `Option<Option<T>>`: `null` is
    /// `Some(None)`, absent leaves `None`.
    Nullable,
}

/// What a field becomes when its member is absent.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub enum Finish {
    /// Nothing: the object is refused with a "missing field" error naming the member.
    #[default]
    Required,
    /// The type's default (`None`, an empty list or map).
    Default,
    /// The slot itself ([`Read::Nullable`]: absent is already `None`).
    AsRead,
}
