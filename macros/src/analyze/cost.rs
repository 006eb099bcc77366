//! A rough per-iteration cost of a prange body, so the parallel back end can leave loops with
//! too little work on the calling thread: one unit per arithmetic operation or array access,
//! a math function its scalar cost in the `fastmath` model (`vector::math_cost`: 40 for a libm
//! `tanh`, about as much as 40 vectorized additions; 1 for `abs` or `min`, 6 for `sqrt`, the
//! multiplications of `powi(2)`), 40 per call outside the kernel language. Serial loops and
//! `while` loops inside the body count as 16 trips of their body.

use crate::ir::walk::{self, Visitor};
use crate::ir::{Block, Expr, ExprKind, Kernel, LitValue, LoopKind, MathFn, Origin, PrangeLoop, Stmt, StmtKind};

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
pub struct TripLoop {
    pub body: u64,
    /// Its statement in the prange body (see [`TripLoop::range`]).
    pub stmt: usize,
    pub inclusive: bool,
}

impl TripLoop {
    /// `start` and `end` of its range, in `l`, the prange loop it was found in.
    pub fn range<'k>(&self, l: &'k PrangeLoop) -> Option<(&'k Expr, &'k Expr)> {
        match &l.body.stmts.get(self.stmt)?.kind {
            StmtKind::Loop(lp) => match &lp.kind {
                LoopKind::For { range, .. } => Some((&range.start, &range.end)),
                _ => None,
            },
            _ => None,
        }
    }
}

pub fn trip_loops(k: &Kernel, l: &PrangeLoop) -> Vec<TripLoop> {
    l.body
        .stmts
        .iter()
        .enumerate()
        .filter_map(|(stmt, s)| match &s.kind {
            StmtKind::Loop(lp) => match &lp.kind {
                LoopKind::For { range, .. } if fixed(k, &range.start) && fixed(k, &range.end) => {
                    let mut body = Cost(0);
                    body.block(&lp.body);
                    let body = body.0.saturating_add(1);
                    Some(TripLoop { body, stmt, inclusive: range.inclusive })
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
            ExprKind::Math { func, args, .. } => (math_cost(*func, args).0.round() as u64).max(1),
            ExprKind::Opaque(_) => 40,
            _ => 0,
        };
        self.0 = self.0.saturating_add(own);
        walk::walk_expr(self, e);
    }
}

/// Scalar cost and cost per vector register of a math function.
pub fn math_cost(f: MathFn, args: &[Expr]) -> (f64, f64) {
    match f {
        MathFn::Abs
        | MathFn::Min
        | MathFn::Max
        | MathFn::Clamp
        | MathFn::Signum
        | MathFn::Floor
        | MathFn::Ceil
        | MathFn::Round
        | MathFn::Trunc
        | MathFn::MulAdd
        | MathFn::ToBits
        | MathFn::FromBits => (1.0, 1.0),
        MathFn::Recip => (4.0, 8.0),
        MathFn::Sqrt => (6.0, 10.0),
        MathFn::Powi => match args.get(1).and_then(small_power) {
            Some(n) => (powi_steps(n) as f64, powi_steps(n) as f64),
            None => (30.0, 30.0),
        },
        MathFn::Powf => match args.get(1).and_then(literal_power) {
            Some(Power::Int(n)) => (powi_steps(n) as f64, powi_steps(n) as f64),
            Some(Power::Half | Power::MinusHalf) => (8.0, 14.0),
            None => (80.0, 50.0),
        },
        MathFn::Atan2 | MathFn::Hypot => (50.0, 32.0),
        _ => (40.0, 24.0),
    }
}

/// The exponent of `x.powi(n)` when it is a literal small enough to multiply out
/// (`-16..=16`): `powi` then becomes multiplications (see `back/rust.rs`).
pub fn small_power(n: &Expr) -> Option<i32> {
    match &n.kind {
        ExprKind::Lit(l) => match l.value {
            LitValue::Int(v) if v <= 16 => i32::try_from(v).ok(),
            _ => None,
        },
        ExprKind::Unary { op: crate::ir::UnOp::Neg, arg } => small_power(arg).map(|v| -v),
        _ => None,
    }
}

/// A literal exponent of `powf` that `fastmath` computes without `pow` (LLVM's fast-math does
/// the same): a small integer (`powi`'s multiplications), `0.5` (a square root) or `-0.5`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Power {
    Int(i32),
    Half,
    MinusHalf,
}

/// The exponent of `x.powf(y)` when `y` is such a literal.
pub fn literal_power(y: &Expr) -> Option<Power> {
    let (neg, lit) = match &y.kind {
        ExprKind::Unary { op: crate::ir::UnOp::Neg, arg } => (true, arg.as_ref()),
        _ => (false, y),
    };
    let v = match &lit.kind {
        ExprKind::Lit(l) => match l.value {
            LitValue::Float(v) => v,
            LitValue::Int(v) => v as f64,
            LitValue::Bool(_) => return None,
        },
        _ => return None,
    };
    let v = if neg { -v } else { v };
    if v == 0.5 {
        Some(Power::Half)
    } else if v == -0.5 {
        Some(Power::MinusHalf)
    } else if v.fract() == 0.0 && v.abs() <= 16.0 {
        Some(Power::Int(v as i32))
    } else {
        None
    }
}

/// Multiplications in the square-and-multiply sequence of `x.powi(n)` (a division too, for a
/// negative `n`).
fn powi_steps(n: i32) -> u32 {
    let m = n.unsigned_abs();
    let bits = 32 - m.leading_zeros();
    bits + m.count_ones() + u32::from(n < 0) * 4
}
