//! The method tree of one IR indexed by HTTP path and module path, and the operations that
//! exist on one side only: what [`super::ops`] and [`super::types`] both read.

use crate::model::{Api, Namespace, Operation};
use std::collections::{BTreeMap, BTreeSet};

/// An operation and where it sits in the method tree.
pub struct OpAt<'a> {
    /// The operation.
    pub op: &'a Operation,
    /// Its namespace.
    pub ns: &'a Namespace,
    /// Module path of the namespace, e.g. `["acs", "credentials"]`.
    pub modules: Vec<String>,
    /// How it is called: `seam.acs().credentials().create()`.
    pub label: String,
}

/// A namespace and how it is reached.
pub struct NsAt<'a> {
    /// The namespace.
    pub ns: &'a Namespace,
    /// How it is reached: `seam.acs().credentials()`.
    pub label: String,
}

/// The method tree of one IR, indexed.
pub struct Index<'a> {
    /// Operations by HTTP path.
    pub ops: BTreeMap<&'a str, OpAt<'a>>,
    /// Namespaces by module path.
    pub namespaces: BTreeMap<Vec<String>, NsAt<'a>>,
}

impl<'a> Index<'a> {
    /// Indexes `api`.
    pub fn new(api: &'a Api) -> Index<'a> {
        let mut index = Index {
            ops: BTreeMap::new(),
            namespaces: BTreeMap::new(),
        };
        index.walk(&api.namespaces, &[], "seam");
        index
    }

    fn walk(&mut self, list: &'a [Namespace], modules: &[String], label: &str) {
        for ns in list {
            let mut here = modules.to_vec();
            here.push(ns.module.clone());
            let ns_label = format!("{label}.{}()", ns.accessor);
            for op in &ns.operations {
                self.ops.insert(
                    op.path.as_str(),
                    OpAt {
                        op,
                        ns,
                        modules: here.clone(),
                        label: format!("{ns_label}.{}()", op.method),
                    },
                );
            }
            self.walk(&ns.children, &here, &ns_label);
            self.namespaces.insert(
                here,
                NsAt {
                    ns,
                    label: ns_label,
                },
            );
        }
    }
}

/// Operations that exist on one side only, as far as their own types are concerned: removed or
/// moved (old side), added or moved (new side). Types only they use are not reported separately.
#[derive(Debug, Default)]
pub struct Gone {
    /// HTTP paths whose old method is gone.
    pub old: BTreeSet<String>,
    /// HTTP paths whose new method is new.
    pub new: BTreeSet<String>,
}
