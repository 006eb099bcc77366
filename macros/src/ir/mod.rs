//! The typed IR of a kernel: what the front end produces and every back end reads.
//!
//! A [`Kernel`] is a function whose body is *host code* (any Rust, kept as tokens with one
//! slot per `prange` loop) and a list of [`PrangeLoop`]s written in the *kernel language*:
//!
//! - values are scalars ([`Scalar`]) or arrays ([`ArrayTy`]) named by [`VarId`]s; every
//!   variable is declared once (shadowing makes a new one), so back ends never resolve names;
//! - a loop body is a [`Block`] of [`Stmt`]s: `let`, assignment to a variable or an array
//!   element, expression statements, serial loops, `break`/`continue` with a resolved target;
//! - expressions ([`Expr`]) are literals, variables, constants, unary/binary operators, casts,
//!   calls of the math library ([`MathFn`]), indexing, array lengths, `if`, `match` on
//!   integers, and blocks; each carries its [`Ty`] and the [`Span`] of the user's tokens;
//! - code outside the kernel language (a call to a user function, a closure, a macro) is an
//!   [`Opaque`] node: its tokens, what it is, and which variables it touches. Serial and
//!   parallel back ends emit it as written; back ends that compile the body differently
//!   refuse it.
//!
//! No syn type appears here. After the front end, no [`Ty::Infer`] remains.
//! `display.rs` prints the IR as text for golden tests.

pub mod display;
mod ty;
pub mod walk;

use proc_macro2::{Ident, Span, TokenStream};

pub use ty::{ArrayTy, Repr, Scalar, Ty};

/// Index of a variable in [`Kernel::vars`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VarId(pub u32);

/// Where a variable is declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A parameter of the kernel function.
    Param,
    /// A `let` (or pattern binding) in host code.
    Host,
    /// The variable of a prange loop.
    Prange,
    /// A `let` or serial loop variable inside a prange loop body.
    Local,
}

/// A scalar function in the kernel language outside any kernel: a function of the GPU math
/// library, lowered by the front end (`front::MathLibrary`), which the PTX writer
/// turns into a `.func`.
pub struct Function {
    pub name: String,
    pub params: Vec<(VarId, Scalar)>,
    pub ret: Scalar,
    pub body: Block,
    pub vars: Vec<Var>,
}

#[derive(Clone, Debug)]
pub struct Var {
    pub name: String,
    pub ty: Ty,
    pub mutable: bool,
    pub origin: Origin,
    /// The type was chosen by rustc's fallback rule (`{integer}` -> `i32`, `{float}` -> `f64`)
    /// rather than fixed by a use: rustc may see a use kernelize does not.
    pub defaulted: bool,
    pub span: Span,
}

pub struct Kernel {
    pub name: Ident,
    /// `pub`, `pub(crate)`, ... as written.
    pub vis: TokenStream,
    /// Outer attributes of the function, each `#[...]`.
    pub attrs: Vec<TokenStream>,
    /// Whether one of them is `#[inline]` or `#[inline(..)]`.
    pub inline: bool,
    /// Those that are `#[cfg(..)]` or `#[cfg_attr(..)]`: the items holding the variants get them too.
    pub cfgs: Vec<TokenStream>,
    /// Lifetime parameters, `<'a, 'b>`, or nothing.
    pub generics: TokenStream,
    pub params: Vec<Param>,
    /// `-> T`, or nothing.
    pub output: TokenStream,
    /// `T`, or `()` when the function returns nothing.
    pub ret: TokenStream,
    pub host: HostBody,
    pub loops: Vec<PrangeLoop>,
    pub vars: Vec<Var>,
}

impl Kernel {
    pub fn var(&self, id: VarId) -> &Var {
        &self.vars[id.0 as usize]
    }

    /// The name of prange loop `slot`'s entry in the PTX module, `NAME_loopK`.
    pub fn entry_name(&self, slot: usize) -> String {
        format!("{}_loop{slot}", self.name.to_string().trim_start_matches("r#"))
    }
}

pub struct Param {
    #[cfg_attr(not(test), allow(dead_code, reason = "read by the IR printer"))]
    pub var: VarId,
    /// The parameter as written, `mut x: f64`.
    pub tokens: TokenStream,
    /// The name alone, to forward the argument.
    pub name: Ident,
}

/// The function body with every prange loop replaced by a slot, and the value of every
/// `return` of the function's own level (not of closures or items) marked.
pub struct HostBody {
    /// `__kernelize_slot!(k)` in place of loop `k`; `return __kernelize_return!(e)` in place of
    /// `return e` (`return __kernelize_return!()` for `return`).
    pub tokens: TokenStream,
    /// Each `?` of the function's own level: the `cuda` variants, which return a `Result` of
    /// their own, cannot keep its meaning.
    pub tries: Vec<Span>,
}

impl HostBody {
    /// The body with each slot replaced by `fill(slot)`, and each `return` as written.
    pub fn render(&self, fill: &mut dyn FnMut(usize) -> TokenStream) -> TokenStream {
        render(self.tokens.clone(), fill, &|value| value)
    }

    /// The body with each slot replaced by `fill(slot)`, and each `return e` by
    /// `return wrap(e)` (`wrap` receives `()` for a `return` without a value).
    pub fn render_returning(
        &self,
        fill: &mut dyn FnMut(usize) -> TokenStream,
        wrap: &dyn Fn(TokenStream) -> TokenStream,
    ) -> TokenStream {
        let wrap = |value: TokenStream| wrap(if value.is_empty() { quote::quote!(()) } else { value });
        render(self.tokens.clone(), fill, &wrap)
    }
}

fn render(
    tokens: TokenStream,
    fill: &mut dyn FnMut(usize) -> TokenStream,
    wrap: &dyn Fn(TokenStream) -> TokenStream,
) -> TokenStream {
    use proc_macro2::{Group, TokenTree};
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(tokens.len());
    let mut k = 0;
    while k < tokens.len() {
        if let [TokenTree::Ident(i), TokenTree::Punct(bang), TokenTree::Group(args), ..] = &tokens[k..]
            && bang.as_char() == '!'
        {
            if i == SLOT
                && let Ok(slot) = args.stream().to_string().parse::<usize>()
            {
                out.extend(fill(slot));
                k += 3;
                continue;
            }
            if i == RETURN {
                out.extend(wrap(render(args.stream(), fill, wrap)));
                k += 3;
                continue;
            }
        }
        match &tokens[k] {
            TokenTree::Group(g) => {
                let mut inner = Group::new(g.delimiter(), render(g.stream(), fill, wrap));
                inner.set_span(g.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other.clone()),
        }
        k += 1;
    }
    out.into_iter().collect()
}

/// The identifier that marks a loop slot in [`HostBody::tokens`]: `__kernelize_slot!(k)`.
pub const SLOT: &str = "__kernelize_slot";

/// The identifier that marks a returned value in [`HostBody::tokens`]:
/// `return __kernelize_return!(e)`.
pub const RETURN: &str = "__kernelize_return";

pub struct PrangeLoop {
    /// One dimension, or two for a nest of two prange loops (outer first).
    pub dims: Vec<Dim>,
    pub body: Block,
    pub span: Span,
    pub line: usize,
}

pub struct Dim {
    pub var: VarId,
    /// The `prange` function as the user named it (`prange`, `kernelize::prange`): calling it
    /// in the generated code keeps the user's import used.
    pub marker: TokenStream,
    /// The label of this dimension's `for`, if any.
    pub label: Option<Ident>,
    /// Evaluated once, in host code, before the loop.
    pub start: Expr,
    pub end: Expr,
    pub span: Span,
}

pub struct Block {
    pub stmts: Vec<Stmt>,
    /// The value of the block, if it ends in an expression.
    pub tail: Option<Box<Expr>>,
    pub span: Span,
}

pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[allow(clippy::large_enum_variant, reason = "statements are built once and walked; boxing buys nothing")]
pub enum StmtKind {
    Let {
        var: VarId,
        /// The type as written, if any.
        annotation: Option<Annotation>,
        init: Expr,
    },
    Assign {
        place: Place,
        /// `Some(op)` for `place op= value`.
        op: Option<BinOp>,
        value: Expr,
    },
    Expr(Expr),
    Loop(Loop),
    Break(Jump),
    Continue(Jump),
    Return(Option<Expr>),
    /// A statement outside the kernel language (a macro, an item, a destructuring `let`).
    Opaque(Opaque),
}

pub enum Annotation {
    Scalar(Scalar),
    Other(TokenStream),
}

pub enum Place {
    Var(VarId),
    Index { array: VarId, index: Vec<Expr> },
}

/// `break` or `continue`, with the loop it leaves.
pub struct Jump {
    pub label: Option<Ident>,
    pub target: JumpTarget,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JumpTarget {
    /// The prange loop itself (its innermost dimension).
    Prange,
    /// The outer loop of two nested prange loops, which collapse into one 2-D loop.
    CollapsedOuter,
    /// A serial loop inside the body, by nesting depth (0 = outermost serial loop).
    Serial(usize),
    /// A loop outside the prange loop, or a label nobody declared.
    Outside,
}

pub struct Loop {
    pub label: Option<Ident>,
    pub kind: LoopKind,
    pub body: Block,
}

pub enum LoopKind {
    /// `for var in range` (`var` is `None` for `_`).
    For {
        var: Option<VarId>,
        range: SerialRange,
    },
    While {
        cond: Expr,
    },
    Infinite,
}

/// `a..b`, `a..=b`, optionally `.rev()` and `.step_by(k)`, in the order written.
pub struct SerialRange {
    pub start: Expr,
    pub end: Expr,
    pub inclusive: bool,
    pub adapters: Vec<RangeAdapter>,
}

pub enum RangeAdapter {
    Rev,
    StepBy(Expr),
}

pub struct Expr {
    pub kind: ExprKind,
    pub ty: Ty,
    /// The first token of the expression as written.
    pub span: Span,
    /// The last token: messages about the whole expression cover `span` to `end`.
    pub end: Span,
}

pub enum ExprKind {
    Lit(Lit),
    Var(VarId),
    Const(Const),
    Unary {
        op: UnOp,
        arg: Box<Expr>,
    },
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Cast {
        arg: Box<Expr>,
        to: Scalar,
    },
    Math {
        func: MathFn,
        args: Vec<Expr>,
        style: CallStyle,
    },
    Index {
        array: VarId,
        index: Vec<Expr>,
    },
    Len {
        array: VarId,
        dim: LenDim,
    },
    If {
        cond: Box<Expr>,
        then: Block,
        els: Option<Box<Expr>>,
    },
    Block(Block),
    Match {
        scrutinee: Box<Expr>,
        arms: Vec<Arm>,
    },
    /// `e?`: refused inside prange loops by the analysis.
    Try(Box<Expr>),
    Opaque(Opaque),
}

#[derive(Clone, Debug)]
pub struct Lit {
    /// The literal as written, suffix included (`1_000`, `0.5f32`, `true`).
    pub text: String,
    pub value: LitValue,
    /// Whether the user wrote a type suffix.
    pub suffixed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LitValue {
    Int(u128),
    Float(f64),
    Bool(bool),
}

/// A named constant: `f64::consts::PI`, `f32::EPSILON`, `i32::MAX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Const {
    pub ty: Scalar,
    pub name: &'static str,
    /// True for the `consts` module (`f64::consts::PI`), false for associated consts.
    pub in_consts: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
    And,
    Or,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl BinOp {
    pub const fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Rem => "%",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
            BinOp::And => "&&",
            BinOp::Or => "||",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
        }
    }

    pub const fn is_comparison(self) -> bool {
        matches!(self, BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge)
    }

    /// Binding strength, as in Rust: larger binds tighter.
    pub const fn precedence(self) -> u8 {
        match self {
            BinOp::Mul | BinOp::Div | BinOp::Rem => 10,
            BinOp::Add | BinOp::Sub => 9,
            BinOp::Shl | BinOp::Shr => 8,
            BinOp::BitAnd => 7,
            BinOp::BitXor => 6,
            BinOp::BitOr => 5,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => 4,
            BinOp::And => 3,
            BinOp::Or => 2,
        }
    }
}

/// How a math function was called: `x.sqrt()` or `f64::sqrt(x)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallStyle {
    Method,
    Path(Scalar),
}

/// Which length of an array: `len()` (all elements), `nrows()`/`shape()[0]`, `ncols()`/`shape()[1]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LenDim {
    All,
    Axis(u8),
    /// `shape()[k]`, kept apart so the back end writes what the user wrote.
    Shape(u8),
}

pub struct Arm {
    pub pats: Vec<Pattern>,
    pub guard: Option<Expr>,
    pub body: Expr,
}

pub enum Pattern {
    Wild,
    Lit { negative: bool, lit: Lit },
    Range { lo: Option<(bool, Lit)>, hi: Option<(bool, Lit)>, inclusive: bool },
    Bind(VarId),
}

/// Code outside the kernel language, kept as written.
pub struct Opaque {
    pub tokens: TokenStream,
    /// What it is, for messages: "a call to `helper`", "a closure", "the macro `println!`".
    pub what: String,
    /// Variables it names, and how.
    pub mentions: Vec<Mention>,
    /// Variables it declares (a destructuring `let`).
    pub binds: Vec<VarId>,
}

#[derive(Clone, Copy, Debug)]
pub struct Mention {
    pub var: VarId,
    pub access: Access,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Read, by value or shared reference.
    Read,
    /// `x[i]` for the prange variable `i`: the iteration's own element.
    ReadOwn,
    /// `x[i] = ..` for the prange variable `i`: a write of the iteration's own element.
    WriteOwn,
    /// Possibly changed: `&mut x`, `x.method()`, an assignment, a macro argument.
    MaybeWrite,
}

/// A function of the math library, callable on scalars as `x.name(args)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MathFn {
    Abs,
    Sqrt,
    Cbrt,
    Exp,
    Exp2,
    ExpM1,
    Ln,
    Ln1p,
    Log2,
    Log10,
    Sin,
    Cos,
    Tan,
    Tanh,
    Sinh,
    Cosh,
    Asin,
    Acos,
    Atan,
    Atan2,
    Powi,
    Powf,
    Hypot,
    MulAdd,
    Min,
    Max,
    Clamp,
    Floor,
    Ceil,
    Round,
    Trunc,
    Signum,
    Recip,
    /// `x.to_bits()`: only in the math library's source (`back/ptx/libm.rs`).
    ToBits,
    /// `f64::from_bits(u)`: only in the math library's source.
    FromBits,
}

/// Which scalars a math function takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MathDomain {
    Float,
    /// Floats and integers (`abs`, `min`, `max`, `clamp`, `signum`).
    Numeric,
}

impl MathFn {
    pub const ALL: [MathFn; 33] = [
        MathFn::Abs,
        MathFn::Sqrt,
        MathFn::Cbrt,
        MathFn::Exp,
        MathFn::Exp2,
        MathFn::ExpM1,
        MathFn::Ln,
        MathFn::Ln1p,
        MathFn::Log2,
        MathFn::Log10,
        MathFn::Sin,
        MathFn::Cos,
        MathFn::Tan,
        MathFn::Tanh,
        MathFn::Sinh,
        MathFn::Cosh,
        MathFn::Asin,
        MathFn::Acos,
        MathFn::Atan,
        MathFn::Atan2,
        MathFn::Powi,
        MathFn::Powf,
        MathFn::Hypot,
        MathFn::MulAdd,
        MathFn::Min,
        MathFn::Max,
        MathFn::Clamp,
        MathFn::Floor,
        MathFn::Ceil,
        MathFn::Round,
        MathFn::Trunc,
        MathFn::Signum,
        MathFn::Recip,
    ];

    pub fn from_name(name: &str) -> Option<MathFn> {
        MathFn::ALL.into_iter().find(|f| f.name() == name)
    }

    pub const fn name(self) -> &'static str {
        match self {
            MathFn::Abs => "abs",
            MathFn::Sqrt => "sqrt",
            MathFn::Cbrt => "cbrt",
            MathFn::Exp => "exp",
            MathFn::Exp2 => "exp2",
            MathFn::ExpM1 => "exp_m1",
            MathFn::Ln => "ln",
            MathFn::Ln1p => "ln_1p",
            MathFn::Log2 => "log2",
            MathFn::Log10 => "log10",
            MathFn::Sin => "sin",
            MathFn::Cos => "cos",
            MathFn::Tan => "tan",
            MathFn::Tanh => "tanh",
            MathFn::Sinh => "sinh",
            MathFn::Cosh => "cosh",
            MathFn::Asin => "asin",
            MathFn::Acos => "acos",
            MathFn::Atan => "atan",
            MathFn::Atan2 => "atan2",
            MathFn::Powi => "powi",
            MathFn::Powf => "powf",
            MathFn::Hypot => "hypot",
            MathFn::MulAdd => "mul_add",
            MathFn::Min => "min",
            MathFn::Max => "max",
            MathFn::Clamp => "clamp",
            MathFn::Floor => "floor",
            MathFn::Ceil => "ceil",
            MathFn::Round => "round",
            MathFn::Trunc => "trunc",
            MathFn::Signum => "signum",
            MathFn::Recip => "recip",
            MathFn::ToBits => "to_bits",
            MathFn::FromBits => "from_bits",
        }
    }

    /// Number of arguments, the receiver included.
    pub const fn arity(self) -> usize {
        match self {
            MathFn::Atan2 | MathFn::Powi | MathFn::Powf | MathFn::Hypot | MathFn::Min | MathFn::Max => 2,
            MathFn::MulAdd | MathFn::Clamp => 3,
            _ => 1,
        }
    }

    pub const fn domain(self) -> MathDomain {
        match self {
            MathFn::Abs | MathFn::Min | MathFn::Max | MathFn::Clamp | MathFn::Signum => MathDomain::Numeric,
            _ => MathDomain::Float,
        }
    }
}
