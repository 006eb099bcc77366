//! Facts about each prange loop that every back end reads, and the rules that make a loop
//! safe to run in any order: the race check, reductions, jumps out of the loop. These rules
//! hold for every option, plain `#[kernel]` included: a racy kernel does not compile.

mod bounds;
pub mod copies;
pub mod cost;
mod races;
pub mod uniform;
pub mod vector;

use crate::diag::Diag;
use crate::ir::{Kernel, Origin, PrangeLoop, Scalar, VarId};
use proc_macro2::Span;
use std::collections::BTreeSet;

pub use bounds::Hoist;
pub use bounds::affine as bounds_affine;

pub struct Analysis {
    pub loops: Vec<LoopInfo>,
}

#[derive(Default)]
pub struct LoopInfo {
    pub reductions: Vec<Reduction>,
    /// Arrays from outside the loop that it writes, each at the iteration's own element.
    pub writes: Vec<Written>,
    /// Arrays from outside the loop that it only reads.
    pub reads: Vec<VarId>,
    /// Scalars from outside the loop that it reads (reductions excluded).
    pub captures: Vec<VarId>,
    /// Variables whose value differs between iterations (the prange variables included).
    pub varying: BTreeSet<VarId>,
    /// Array accesses whose bounds checks can move before the loop.
    pub hoisted: Vec<Hoist>,
    /// Constructs outside the kernel language: where, and what.
    pub opaque: Vec<(Span, String)>,
    /// Estimated work of one iteration, in simple operations (see `cost.rs`).
    pub cost: u64,
    /// What `fastmath` does with the loop (see `vector.rs`).
    pub vector: Option<vector::Plan>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedOp {
    Sum,
    Product,
    Max,
    Min,
    BitOr,
    BitAnd,
    BitXor,
}

impl RedOp {
    pub fn describe(self) -> &'static str {
        match self {
            RedOp::Sum => "+=",
            RedOp::Product => "*=",
            RedOp::Max => "max",
            RedOp::Min => "min",
            RedOp::BitOr => "|=",
            RedOp::BitAnd => "&=",
            RedOp::BitXor => "^=",
        }
    }

    /// The value a partial result starts from, as Rust source.
    pub fn identity(self, ty: Scalar) -> String {
        let t = ty.name();
        match (self, ty.is_float(), ty) {
            (_, _, Scalar::Bool) => (self == RedOp::BitAnd).to_string(),
            (RedOp::Sum, true, _) => format!("-0.0{t}"),
            (RedOp::BitOr | RedOp::BitXor, true, _) => format!("0.0{t}"),
            (RedOp::Sum | RedOp::BitOr | RedOp::BitXor, false, _) => format!("0{t}"),
            (RedOp::Product, true, _) => format!("1.0{t}"),
            (RedOp::Product, false, _) => format!("1{t}"),
            (RedOp::Max, true, _) => format!("{t}::NEG_INFINITY"),
            (RedOp::Min, true, _) => format!("{t}::INFINITY"),
            (RedOp::Max, false, _) => format!("{t}::MIN"),
            (RedOp::Min, false, _) => format!("{t}::MAX"),
            (RedOp::BitAnd, _, _) => format!("!0{t}"),
        }
    }
}

pub struct Reduction {
    pub var: VarId,
    pub op: RedOp,
    /// Where the first update is.
    pub span: Span,
}

pub struct Written {
    pub array: VarId,
    /// For each prange dimension, the index position that holds its variable.
    pub own: Vec<usize>,
}

pub fn run(k: &Kernel, diag: &mut Diag) -> Analysis {
    let loops = k.loops.iter().map(|l| check_loop(k, l, diag)).collect();
    Analysis { loops }
}

fn check_loop(k: &Kernel, l: &PrangeLoop, diag: &mut Diag) -> LoopInfo {
    let mut info = races::check(k, l, diag);
    info.varying = uniform::varying(k, l);
    info.hoisted = bounds::hoistable(k, l, &info);
    info.cost = cost::estimate(k, l);
    info.vector = Some(vector::plan(k, l, &info));
    info
}

/// Declared outside the prange loop: a parameter or a host variable.
pub fn is_outside(k: &Kernel, v: VarId) -> bool {
    matches!(k.var(v).origin, Origin::Param | Origin::Host)
}

#[cfg(test)]
mod tests;
