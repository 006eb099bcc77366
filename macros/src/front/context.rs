//! The lowering context every part of the front end carries: errors, variables, scopes and the
//! type inference table.

use super::infer::{Infer, Kind};
use crate::diag::Diag;
use crate::ir::{self, Origin, Ty, Var, VarId};
use proc_macro2::Span;

/// What a `break` or `continue` inside a prange body can leave.
#[derive(Clone)]
pub struct Frame {
    pub label: Option<String>,
    pub target: ir::JumpTarget,
}

/// The lowering context: errors, variables, scopes and the type inference table.
pub struct Lower<'d> {
    pub diag: &'d mut Diag,
    pub infer: Infer,
    pub vars: Vec<Var>,
    pub scopes: Vec<Vec<(String, VarId)>>,
    /// Loops enclosing the code being lowered, innermost last (inside a prange body).
    pub frames: Vec<Frame>,
    /// The variables of the prange loop being lowered.
    pub prange_vars: Vec<VarId>,
    /// Lowering the math library: `to_bits` and `from_bits` are allowed.
    pub libm: bool,
}

impl<'d> Lower<'d> {
    pub fn new(diag: &'d mut Diag) -> Lower<'d> {
        Lower {
            diag,
            infer: Infer::default(),
            vars: Vec::new(),
            scopes: vec![Vec::new()],
            frames: Vec::new(),
            prange_vars: Vec::new(),
            libm: false,
        }
    }

    pub fn declare(&mut self, ident: &syn::Ident, ty: Ty, mutable: bool, origin: Origin) -> VarId {
        let id = VarId(u32::try_from(self.vars.len()).unwrap_or(u32::MAX));
        let name = ident.to_string();
        self.vars.push(Var { name: name.clone(), ty, mutable, origin, defaulted: false, span: ident.span() });
        if let Some(scope) = self.scopes.last_mut() {
            scope.push((name, id));
        }
        id
    }

    pub fn lookup(&self, name: &str) -> Option<VarId> {
        self.scopes.iter().rev().flat_map(|s| s.iter().rev()).find(|(n, _)| n == name).map(|&(_, id)| id)
    }

    pub fn var(&self, id: VarId) -> &Var {
        &self.vars[id.0 as usize]
    }

    pub fn push_scope(&mut self) {
        self.scopes.push(Vec::new());
    }

    pub fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    pub fn in_scope<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.push_scope();
        let out = f(self);
        self.pop_scope();
        out
    }

    /// Runs `f` with errors discarded; `true` when it produced none.
    pub fn quietly<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> (T, bool) {
        let before = self.diag.len();
        let out = f(self);
        let clean = self.diag.len() == before;
        self.diag.truncate(before);
        (out, clean)
    }

    pub fn fresh(&mut self, kind: Kind) -> Ty {
        self.infer.fresh(kind)
    }

    pub fn error(&mut self, span: Span, message: impl std::fmt::Display) {
        self.diag.error(span, message);
    }
}
