//! [`Lint`]: a clippy lint the generated code allows on one item, because the spec's shape, not
//! a choice of ours, triggers it there (decided by the lints pass).

use serde::Serialize;
use std::fmt;

/// A clippy lint, printed as its path (`clippy::large_enum_variant`).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lint {
    /// A union whose variants the spec makes of very different sizes.
    LargeEnumVariant,
    /// A constructor taking more required fields than clippy's threshold.
    TooManyArguments,
    /// A type the spec names `New`, whose constructor is `new`.
    SelfNamedConstructors,
}

impl fmt::Display for Lint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lint::LargeEnumVariant => "clippy::large_enum_variant",
            Lint::TooManyArguments => "clippy::too_many_arguments",
            Lint::SelfNamedConstructors => "clippy::self_named_constructors",
        })
    }
}
