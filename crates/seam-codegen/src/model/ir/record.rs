//! [`RecordDecode`]: how a struct's `Deserialize` reads a JSON object member by member through
//! `seam_runtime::record!` (decided by the record decode pass).

use serde::Serialize;

/// The `Deserialize` of one struct, printed as a `seam_runtime::record!` invocation: its fields
/// grouped by what an absent member leaves in them. The macro expands to a slot per field, one
/// loop over the members and the struct built from the slots.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct RecordDecode {
    /// Fields whose absent member refuses the object with a "missing field" error naming it.
    pub required: Vec<RecordMember>,
    /// Fields an absent member leaves at their type's default (`None`, an empty list or map).
    pub optional: Vec<RecordMember>,
    /// `Option<Option<T>>` fields: absent leaves `None`, `null` is `Some(None)`.
    pub nullable: Vec<RecordMember>,
}

impl RecordDecode {
    /// The groups that have fields, as `seam_runtime::record!` names them, in the order it
    /// takes them.
    pub fn groups(&self) -> impl Iterator<Item = (&'static str, &[RecordMember])> {
        [
            ("required", self.required.as_slice()),
            ("optional", self.optional.as_slice()),
            ("nullable", self.nullable.as_slice()),
        ]
        .into_iter()
        .filter(|(_, members)| !members.is_empty())
    }
}

/// One field of a [`RecordDecode`] group.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct RecordMember {
    /// The field.
    pub field: String,
    /// The member it is read from, when the field's name does not spell it (`r#type` reads
    /// `type`).
    pub member: Option<String>,
}
