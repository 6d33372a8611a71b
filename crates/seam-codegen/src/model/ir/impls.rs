//! [`Impls`]: which way a type crosses the wire, and so the traits it derives or implements and
//! when each is compiled (decided by the direction pass).

use serde::Serialize;

/// Which way values of a type travel.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    /// Only sent: request types and what only they use.
    Request,
    /// Only received: response types, webhook events and what only they use.
    Response,
    /// Both.
    #[default]
    Both,
}

impl Direction {
    /// The direction of a type reached from both `self` and `other`.
    pub fn join(self, other: Direction) -> Direction {
        if self == other { self } else { Direction::Both }
    }

    /// Whether the crate always serializes values of this direction.
    pub fn serializes(self) -> bool {
        self != Direction::Response
    }

    /// Whether the crate always deserializes values of this direction.
    pub fn deserializes(self) -> bool {
        self != Direction::Request
    }
}

/// When an item (a module, a method, a trait implementation) is compiled: printed as its
/// `#[cfg(...)]`.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub enum Gate {
    /// Always.
    #[default]
    Always,
    /// Only with this cargo feature on.
    Feature(String),
    /// With any of these (two or more) cargo features on.
    AnyFeature(Vec<String>),
}

impl Gate {
    /// The gate of an item compiled when any of `features` is on (always, when there is none).
    pub fn any_of(features: &[String]) -> Gate {
        match features {
            [] => Gate::Always,
            [one] => Gate::Feature(one.clone()),
            many => Gate::AnyFeature(many.to_vec()),
        }
    }
}

/// The trait implementations of one type (direction pass).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Impls {
    /// The type's direction.
    pub direction: Direction,
    /// Traits derived always, as paths (`Debug`, `serde::Deserialize`).
    pub derives: Vec<String>,
    /// Traits derived only with [`Impls::gated_feature`] on (the other direction's serde trait).
    pub gated_derives: Vec<String>,
    /// The feature of [`Impls::gated_derives`].
    pub gated_feature: String,
    /// When the hand-written `serde::Serialize` impl (enums and tagged unions) is compiled.
    pub serialize: Gate,
    /// When the hand-written `serde::Deserialize` impl is compiled.
    pub deserialize: Gate,
}
