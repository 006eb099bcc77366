//! A rough per-iteration cost of a prange body, so the parallel back end can leave loops with
//! too little work on the calling thread: one unit per arithmetic operation or array access,
//! 40 per math function or call outside the kernel language (a libm `tanh` costs about as much
//! as 40 vectorized additions). Serial loops and `while` loops inside the body count as 16 trips
//! of their body.

use crate::ir::walk::{self, Visitor};
use crate::ir::{Block, Expr, ExprKind, PrangeLoop, Stmt, StmtKind};

/// Trips assumed for a loop whose trip count is not known at compile time.
const LOOP_TRIPS: u64 = 16;

pub fn estimate(l: &PrangeLoop) -> u64 {
    let mut c = Cost(0);
    c.block(&l.body);
    c.0.max(1)
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
            ExprKind::Math { .. } => 40,
            ExprKind::Opaque(_) => 40,
            _ => 0,
        };
        self.0 = self.0.saturating_add(own);
        walk::walk_expr(self, e);
    }
}
