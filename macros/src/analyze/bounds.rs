//! Bounds checks that can move out of a prange loop: an access `a[i + c]` (constant `c`)
//! that every iteration makes is in bounds for all `i` in `lo..hi` exactly when
//! `a[lo + c_min ..= hi - 1 + c_max]` is, so one check before the loop covers them all
//! and the loop indexes a window of exactly that length.

use super::facts::{Hoist, is_outside};
use crate::ir::walk::{self, Visitor};
use crate::ir::{
    BinOp, Block, Expr, ExprKind, JumpTarget, Kernel, LitValue, LoopKind, Place, PrangeLoop, Scalar, Stmt, StmtKind,
    Ty, VarId,
};

pub fn hoistable(k: &Kernel, l: &PrangeLoop) -> Vec<Hoist> {
    let prange: Vec<VarId> = l.dims.iter().map(|d| d.var).collect();
    if prange.iter().any(|&p| k.var(p).ty != Ty::Scalar(Scalar::Usize)) {
        return Vec::new();
    }
    let mut c = Unconditional { k, prange: &prange, found: Vec::new() };
    for s in &l.body.stmts {
        c.stmt(s);
        if contains_jump(s) {
            break;
        }
    }
    // Code kept as written names arrays directly; a window would hold them borrowed.
    let touched = opaque_mentions(&l.body);
    let mut hoists: Vec<Hoist> = Vec::new();
    for (array, axis, dim, offset) in c.found.into_iter().filter(|(a, ..)| !touched.contains(a)) {
        match hoists.iter_mut().find(|h| h.array == array && h.axis == axis) {
            Some(h) if h.dim == dim => {
                h.first = h.first.min(offset);
                h.last = h.last.max(offset);
            }
            Some(_) => {}
            None => {
                let window = matches!(k.var(array).ty, Ty::Array(a) if a.is_slice_like());
                hoists.push(Hoist { array, dim, axis, first: offset, last: offset, window });
            }
        }
    }
    hoists
}

/// `p`, `p + c`, `c + p`, `p - c` for a prange variable `p` and an integer literal `c`:
/// the dimension of `p` and `c`.
pub fn affine(prange: &[VarId], e: &Expr) -> Option<(usize, i64)> {
    let dim_of = |e: &Expr| match e.kind {
        ExprKind::Var(v) => prange.iter().position(|&p| p == v),
        _ => None,
    };
    let constant = |e: &Expr| match &e.kind {
        ExprKind::Lit(l) => match l.value {
            LitValue::Int(c) => i64::try_from(c).ok().filter(|c| *c < 1 << 32),
            _ => None,
        },
        _ => None,
    };
    if let Some(d) = dim_of(e) {
        return Some((d, 0));
    }
    let ExprKind::Binary { op, lhs, rhs } = &e.kind else { return None };
    match op {
        BinOp::Add => match (dim_of(lhs), dim_of(rhs)) {
            (Some(d), _) => constant(rhs).map(|c| (d, c)),
            (_, Some(d)) => constant(lhs).map(|c| (d, c)),
            _ => None,
        },
        BinOp::Sub => Some((dim_of(lhs)?, -constant(rhs)?)),
        _ => None,
    }
}

struct Unconditional<'k, 'p> {
    k: &'k Kernel,
    prange: &'p [VarId],
    /// (array, axis, prange dimension, offset)
    found: Vec<(VarId, usize, usize, i64)>,
}

impl Unconditional<'_, '_> {
    fn access(&mut self, array: VarId, index: &[Expr]) {
        let Ty::Array(a) = self.k.var(array).ty else { return };
        if !is_outside(self.k, array) || index.len() != usize::from(a.ndim) {
            return;
        }
        for (axis, i) in index.iter().enumerate() {
            if let Some((dim, offset)) = affine(self.prange, i) {
                self.found.push((array, axis, dim, offset));
            }
        }
    }
}

impl<'a> Visitor<'a> for Unconditional<'_, '_> {
    fn block(&mut self, b: &'a Block) {
        for s in &b.stmts {
            self.stmt(s);
            if contains_jump(s) {
                return;
            }
        }
        if let Some(t) = &b.tail {
            self.expr(t);
        }
    }

    fn stmt(&mut self, s: &'a Stmt) {
        match &s.kind {
            StmtKind::Assign { place: Place::Index { array, index }, value, .. } => {
                self.access(*array, index);
                index.iter().for_each(|e| self.expr(e));
                self.expr(value);
            }
            // Only a loop's header runs for sure; its body may run zero times.
            StmtKind::Loop(l) => match &l.kind {
                LoopKind::For { range, .. } => {
                    self.expr(&range.start);
                    self.expr(&range.end);
                }
                LoopKind::While { cond } => self.expr(cond),
                LoopKind::Infinite => {}
            },
            _ => walk::walk_stmt(self, s),
        }
    }

    fn expr(&mut self, e: &'a Expr) {
        match &e.kind {
            ExprKind::Index { array, index } => {
                self.access(*array, index);
                index.iter().for_each(|i| self.expr(i));
            }
            ExprKind::Binary { op: BinOp::And | BinOp::Or, lhs, .. } => self.expr(lhs),
            ExprKind::If { cond, .. } => self.expr(cond),
            ExprKind::Match { scrutinee, .. } => self.expr(scrutinee),
            _ => walk::walk_expr(self, e),
        }
    }
}

/// Every variable that code outside the kernel language mentions.
fn opaque_mentions(b: &Block) -> Vec<VarId> {
    struct Find(Vec<VarId>);
    impl Visitor<'_> for Find {
        fn stmt(&mut self, s: &Stmt) {
            if let StmtKind::Opaque(o) = &s.kind {
                self.0.extend(o.mentions.iter().map(|m| m.var));
            }
            walk::walk_stmt(self, s);
        }
        fn expr(&mut self, e: &Expr) {
            if let ExprKind::Opaque(o) = &e.kind {
                self.0.extend(o.mentions.iter().map(|m| m.var));
            }
            walk::walk_expr(self, e);
        }
    }
    let mut f = Find(Vec::new());
    f.block(b);
    f.0
}

/// A jump that skips the rest of the iteration: `continue`/`break` of the prange loop, `return`.
fn contains_jump(s: &Stmt) -> bool {
    walk::any_stmt(s, |k| match k {
        StmtKind::Break(j) | StmtKind::Continue(j) => matches!(j.target, JumpTarget::Prange | JumpTarget::Outside),
        StmtKind::Return(_) => true,
        _ => false,
    })
}
