//! Walks over an [`Api`]: its shared types by name, its operations, every type definition.

use super::{Api, Namespace, Operation, TypeDef};
use std::collections::BTreeMap;

impl Api {
    /// The types of `crate::types` by name.
    pub fn shared_types(&self) -> BTreeMap<&str, &TypeDef> {
        self.types
            .iter()
            .flat_map(|g| &g.types)
            .map(|t| (t.name.as_str(), t))
            .collect()
    }

    /// Every operation, depth first in namespace order.
    pub fn operations(&self) -> Vec<&Operation> {
        fn walk<'a>(ns: &'a [Namespace], out: &mut Vec<&'a Operation>) {
            for n in ns {
                out.extend(n.operations.iter());
                walk(&n.children, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.namespaces, &mut out);
        out
    }

    /// Calls `f` on every type definition: those of `crate::types` in group order, then each
    /// namespace's, depth first in namespace order.
    pub fn each_type_def_mut(&mut self, mut f: impl FnMut(&mut TypeDef)) {
        fn walk(ns: &mut [Namespace], f: &mut impl FnMut(&mut TypeDef)) {
            for n in ns {
                n.types.iter_mut().for_each(&mut *f);
                walk(&mut n.children, f);
            }
        }
        self.types
            .iter_mut()
            .flat_map(|g| &mut g.types)
            .for_each(&mut f);
        walk(&mut self.namespaces, &mut f);
    }
}
