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
use crate::ir::{BinOp, Kernel, MathFn, Origin, PrangeLoop, Scalar, VarId};
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

/// How two partial results of a reduction combine: an operator of the kernel language, or a
/// math function (`max`/`min`, with Rust's rule for NaN).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Combine {
    Op(BinOp),
    Fn(MathFn),
}

/// A reduction's starting value, `id` such that `id op x == x` for every `x` of the type (each
/// back end writes it in its own terms: Rust source, a PTX immediate).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Identity {
    /// `-0.0` for floats (`-0.0 + x` is `x` for `x = +0.0` too), `0` for integers.
    NegZero,
    One,
    /// `0`, `0.0`, `false`.
    Zero,
    /// Every bit set: `!0`, `true`.
    AllOnes,
    /// `-inf` for floats, the type's `MIN` for integers.
    Lowest,
    /// `inf` for floats, the type's `MAX` for integers.
    Highest,
}

impl Identity {
    /// As Rust source, for the scalar type `ty` (`bool` only for `Zero` and `AllOnes`).
    pub fn text(self, ty: Scalar) -> String {
        let t = ty.name();
        match (self, ty.is_float()) {
            _ if ty == Scalar::Bool => (self == Identity::AllOnes).to_string(),
            (Identity::NegZero, true) => format!("-0.0{t}"),
            (Identity::Zero, true) => format!("0.0{t}"),
            (Identity::NegZero | Identity::Zero, false) => format!("0{t}"),
            (Identity::One, true) => format!("1.0{t}"),
            (Identity::One, false) => format!("1{t}"),
            (Identity::Lowest, true) => format!("{t}::NEG_INFINITY"),
            (Identity::Highest, true) => format!("{t}::INFINITY"),
            (Identity::Lowest, false) => format!("{t}::MIN"),
            (Identity::Highest, false) => format!("{t}::MAX"),
            (Identity::AllOnes, _) => format!("!0{t}"),
        }
    }
}

/// Each reduction operator in one place: how it is written, how partials combine, where they
/// start. Adding one touches this table and the runtime's `Identity` trait.
impl RedOp {
    pub fn combine(self) -> Combine {
        match self {
            RedOp::Sum => Combine::Op(BinOp::Add),
            RedOp::Product => Combine::Op(BinOp::Mul),
            RedOp::Max => Combine::Fn(MathFn::Max),
            RedOp::Min => Combine::Fn(MathFn::Min),
            RedOp::BitOr => Combine::Op(BinOp::BitOr),
            RedOp::BitAnd => Combine::Op(BinOp::BitAnd),
            RedOp::BitXor => Combine::Op(BinOp::BitXor),
        }
    }

    pub fn identity_kind(self) -> Identity {
        match self {
            RedOp::Sum => Identity::NegZero,
            RedOp::Product => Identity::One,
            RedOp::Max => Identity::Lowest,
            RedOp::Min => Identity::Highest,
            RedOp::BitOr | RedOp::BitXor => Identity::Zero,
            RedOp::BitAnd => Identity::AllOnes,
        }
    }

    /// The method of the runtime's `Identity` trait that gives the identity of any element type
    /// (generated code calls it where the type is generic or not known to the macro).
    pub fn identity_method(self) -> &'static str {
        match self {
            RedOp::Sum => "sum_identity",
            RedOp::Product => "product_identity",
            RedOp::Max => "max_identity",
            RedOp::Min => "min_identity",
            RedOp::BitOr => "or_identity",
            RedOp::BitAnd => "and_identity",
            RedOp::BitXor => "xor_identity",
        }
    }

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
        self.identity_kind().text(ty)
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
