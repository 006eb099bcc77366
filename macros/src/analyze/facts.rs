//! What the analysis finds out about a kernel: the facts every back end and the report read.

use crate::ir::{BinOp, Kernel, MathFn, Origin, Scalar, VarId};
use proc_macro2::Span;

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

/// Declared outside the prange loop: a parameter or a host variable.
pub fn is_outside(k: &Kernel, v: VarId) -> bool {
    matches!(k.var(v).origin, Origin::Param | Origin::Host)
}

/// Accesses of one array along one axis at `var + first ..= var + last`, which every iteration
/// makes: checked once before the loop. For a contiguous 1-D array (`window`), the loop then
/// indexes a slice of exactly that extent, so the compiler drops the checks in the loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hoist {
    pub array: VarId,
    /// Which prange dimension's variable indexes it.
    pub dim: usize,
    /// Which index position (axis) of the array.
    pub axis: usize,
    pub first: i64,
    pub last: i64,
    /// A slice-like array that gets a window (else: the check only).
    pub window: bool,
}
