//! A rough per-iteration cost of a prange body, so the parallel back end can leave loops with
//! too little work on the calling thread: one unit per arithmetic operation or array access,
//! a math function its scalar cost in the `fastmath` model (`vector::math_cost`: 40 for a libm
//! `tanh`, about as much as 40 vectorized additions; 1 for `abs` or `min`, 6 for `sqrt`, the
//! multiplications of `powi(2)`), 40 per call outside the kernel language. Serial loops and
//! `while` loops inside the body count as 16 trips of their body.

use crate::ir::walk::{self, Visitor};
use crate::ir::{Block, Expr, ExprKind, Kernel, LoopKind, Origin, PrangeLoop, Stmt, StmtKind};

/// Trips assumed for a loop whose trip count is not known at compile time.
const LOOP_TRIPS: u64 = 16;

/// The cost of one iteration that does not depend on inner loops whose trip count the back end
/// can compute before the loop starts (see [`trip_loops`]).
pub fn estimate(k: &Kernel, l: &PrangeLoop) -> u64 {
    let counted: u64 = trip_loops(k, l).iter().map(|t| t.body).sum();
    let mut c = Cost(0);
    c.block(&l.body);
    c.0.saturating_sub(counted.saturating_mul(LOOP_TRIPS)).max(1)
}

/// A serial `for` loop directly in the prange body whose range depends only on values fixed
/// before the loop (parameters, host variables, lengths), so its trip count can be computed
/// there: `body` per trip, over `start..end` (or `..=`).
pub struct TripLoop<'k> {
    pub body: u64,
    pub start: &'k Expr,
    pub end: &'k Expr,
    pub inclusive: bool,
}

pub fn trip_loops<'k>(k: &Kernel, l: &'k PrangeLoop) -> Vec<TripLoop<'k>> {
    l.body
        .stmts
        .iter()
        .filter_map(|s| match &s.kind {
            StmtKind::Loop(lp) => match &lp.kind {
                LoopKind::For { range, .. } if fixed(k, &range.start) && fixed(k, &range.end) => {
                    let mut body = Cost(0);
                    body.block(&lp.body);
                    let body = body.0.saturating_add(1);
                    Some(TripLoop { body, start: &range.start, end: &range.end, inclusive: range.inclusive })
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// An expression of literals, constants, lengths and values from outside the loop.
pub(super) fn fixed(k: &Kernel, e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Lit(_) | ExprKind::Const(_) | ExprKind::Len { .. } => true,
        ExprKind::Var(v) => matches!(k.var(*v).origin, Origin::Param | Origin::Host),
        ExprKind::Binary { lhs, rhs, .. } => fixed(k, lhs) && fixed(k, rhs),
        ExprKind::Unary { arg, .. } | ExprKind::Cast { arg, .. } => fixed(k, arg),
        _ => false,
    }
}

struct Cost(u64);

impl Visitor<'_> for Cost {
    fn block(&mut self, b: &Block) {
        walk::walk_block(self, b);
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Loop(l) => {
                let mut body = Cost(0);
                body.block(&l.body);
                self.0 = self.0.saturating_add(body.0.saturating_add(1).saturating_mul(LOOP_TRIPS));
            }
            StmtKind::Opaque(_) => self.0 = self.0.saturating_add(40),
            StmtKind::Assign { .. } => {
                self.0 = self.0.saturating_add(1);
                walk::walk_stmt(self, s);
            }
            _ => walk::walk_stmt(self, s),
        }
    }

    fn expr(&mut self, e: &Expr) {
        let own = match &e.kind {
            ExprKind::Binary { .. } | ExprKind::Unary { .. } | ExprKind::Cast { .. } | ExprKind::Index { .. } => 1,
            // Whole units: at least one.
            ExprKind::Math { func, args, .. } => (super::vector::math_cost(*func, args).0.round() as u64).max(1),
            ExprKind::Opaque(_) => 40,
            _ => 0,
        };
        self.0 = self.0.saturating_add(own);
        walk::walk_expr(self, e);
    }
}
