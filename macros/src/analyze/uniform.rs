//! Uniform and varying values: a value is *varying* when it can differ between the
//! iterations of a prange loop (SIMD lanes, GPU threads), and *uniform* when every iteration
//! sees the same. Control flow that depends on a varying value makes what it assigns varying.

use crate::ir::walk::{self, Visitor};
use crate::ir::{
    Block, Expr, ExprKind, JumpTarget, Kernel, LoopKind, Pattern, Place, PrangeLoop, RangeAdapter, Stmt, StmtKind,
    VarId,
};
use std::collections::BTreeSet;

pub fn varying(_k: &Kernel, l: &PrangeLoop) -> BTreeSet<VarId> {
    varying_from(l, l.dims.iter().map(|d| d.var).collect())
}

/// The variables that vary when only `seeds` differ between instances: the SIMD back end runs
/// the rows of a 2-D loop one after another, so there only the inner variable varies.
pub fn varying_from(l: &PrangeLoop, seeds: BTreeSet<VarId>) -> BTreeSet<VarId> {
    varying_in(&l.body, 0, seeds)
}

/// [`varying_from`] for a block inside `depth` serial loops of a prange body (the body of a
/// serial loop whose trips run in lanes).
pub fn varying_in(body: &Block, depth: usize, seeds: BTreeSet<VarId>) -> BTreeSet<VarId> {
    let mut set = seeds;
    loop {
        let before = set.len();
        let mut v = Vary { set: &mut set, divergent: false, depth };
        v.block(body);
        if set.len() == before {
            return set;
        }
    }
}

/// True when `e` can differ between iterations, given the varying variables.
pub fn is_varying(set: &BTreeSet<VarId>, e: &Expr) -> bool {
    struct Find<'s> {
        set: &'s BTreeSet<VarId>,
        found: bool,
    }
    impl Visitor<'_> for Find<'_> {
        fn expr(&mut self, e: &Expr) {
            match &e.kind {
                ExprKind::Var(v) if self.set.contains(v) => self.found = true,
                ExprKind::Opaque(_) => self.found = true,
                _ => walk::walk_expr(self, e),
            }
        }
        fn stmt(&mut self, s: &Stmt) {
            match &s.kind {
                StmtKind::Opaque(_) => self.found = true,
                StmtKind::Assign { place: Place::Var(v), .. } if self.set.contains(v) => self.found = true,
                _ => walk::walk_stmt(self, s),
            }
        }
    }
    let mut f = Find { set, found: false };
    f.expr(e);
    f.found
}

struct Vary<'s> {
    set: &'s mut BTreeSet<VarId>,
    /// The code being walked runs only in some iterations (under a varying condition).
    divergent: bool,
    /// Serial loops around the code being walked (`JumpTarget::Serial(d)` names the one at
    /// depth `d`).
    depth: usize,
}

impl Vary<'_> {
    fn mark(&mut self, var: VarId, value: Option<&Expr>) {
        if self.divergent || value.is_none_or(|e| is_varying(self.set, e)) {
            self.set.insert(var);
        }
    }

    fn under<T>(&mut self, cond: bool, f: impl FnOnce(&mut Self) -> T) -> T {
        let outer = self.divergent;
        self.divergent |= cond;
        let out = f(self);
        self.divergent = outer;
        out
    }
}

impl<'a> Visitor<'a> for Vary<'_> {
    fn block(&mut self, b: &'a Block) {
        let outer = self.divergent;
        for s in &b.stmts {
            self.stmt(s);
            // After `if varying { continue; }`, the rest runs only in some iterations. A jump to a
            // loop inside `s` does not skip the rest of this block.
            if !self.divergent && leaves(s, self.depth) {
                self.divergent = jump_is_varying(self.set, s, self.depth);
            }
        }
        if let Some(t) = &b.tail {
            self.expr(t);
        }
        self.divergent = outer;
    }

    fn stmt(&mut self, s: &'a Stmt) {
        match &s.kind {
            StmtKind::Let { var, init, .. } => {
                self.expr(init);
                self.mark(*var, Some(init));
            }
            StmtKind::Assign { place: Place::Var(var), value, .. } => {
                self.expr(value);
                self.mark(*var, Some(value));
            }
            StmtKind::Loop(l) => {
                let header_varies = match &l.kind {
                    LoopKind::For { range, .. } => {
                        is_varying(self.set, &range.start)
                            || is_varying(self.set, &range.end)
                            || range
                                .adapters
                                .iter()
                                .any(|a| matches!(a, RangeAdapter::StepBy(k) if is_varying(self.set, k)))
                    }
                    LoopKind::While { cond } => is_varying(self.set, cond),
                    LoopKind::Infinite => false,
                };
                // Only jumps that leave this loop (or an outer one) make its trips differ; a
                // `break` out of a loop nested in its body does not.
                let body_jumps = jump_is_varying(self.set, s, self.depth + 1);
                self.under(header_varies || body_jumps, |v| {
                    if let LoopKind::For { var: Some(var), .. } = &l.kind
                        && v.divergent
                    {
                        v.set.insert(*var);
                    }
                    v.depth += 1;
                    v.block(&l.body);
                    v.depth -= 1;
                });
            }
            StmtKind::Opaque(o) => {
                for &b in &o.binds {
                    self.set.insert(b);
                }
            }
            _ => walk::walk_stmt(self, s),
        }
    }

    fn expr(&mut self, e: &'a Expr) {
        match &e.kind {
            ExprKind::If { cond, then, els } => {
                self.expr(cond);
                let varies = is_varying(self.set, cond);
                self.under(varies, |v| {
                    v.block(then);
                    if let Some(e) = els {
                        v.expr(e);
                    }
                });
            }
            ExprKind::Match { scrutinee, arms } => {
                self.expr(scrutinee);
                let varies = is_varying(self.set, scrutinee);
                self.under(varies, |v| {
                    for arm in arms {
                        for p in &arm.pats {
                            if let Pattern::Bind(b) = p {
                                v.mark(*b, Some(scrutinee));
                            }
                        }
                        if let Some(g) = &arm.guard {
                            v.expr(g);
                        }
                        v.expr(&arm.body);
                    }
                });
            }
            _ => walk::walk_expr(self, e),
        }
    }
}

/// Whether `s` holds a jump out of the code at `depth` (serial loops around it): to a loop at a
/// smaller depth, to the prange loop or beyond, or a `return`.
fn leaves(s: &Stmt, depth: usize) -> bool {
    walk::any_stmt(s, |k| match k {
        StmtKind::Break(j) | StmtKind::Continue(j) => match j.target {
            JumpTarget::Serial(d) => d < depth,
            JumpTarget::Prange | JumpTarget::CollapsedOuter | JumpTarget::Outside => true,
        },
        StmtKind::Return(_) => true,
        _ => false,
    })
}

/// Conservative: a statement that holds a jump out of the code at `depth` and any varying value.
fn jump_is_varying(set: &BTreeSet<VarId>, s: &Stmt, depth: usize) -> bool {
    if !leaves(s, depth) {
        return false;
    }
    struct Any<'s> {
        set: &'s BTreeSet<VarId>,
        found: bool,
    }
    impl Visitor<'_> for Any<'_> {
        fn expr(&mut self, e: &Expr) {
            self.found |= is_varying(self.set, e);
        }
    }
    let mut a = Any { set, found: false };
    a.stmt(s);
    a.found
}
