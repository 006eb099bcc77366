//! Expressions of the kernel language, typed as rustc types them.

use super::context::Lower;
use super::infer::{Kind, describe};
use super::syntax::is_compound;
use super::{opaque, stmt, types};
use crate::ir::{
    Arm, BinOp, Block, CallStyle, Const, Expr, ExprKind, LenDim, Lit, LitValue, MathDomain, MathFn, Opaque, Origin,
    Pattern, Scalar, Ty, UnOp,
};
use proc_macro2::Span;
use quote::ToTokens;
use syn::spanned::Spanned;

pub fn lower(cx: &mut Lower<'_>, e: &syn::Expr) -> Expr {
    let mut out = lower_inner(cx, e);
    out.end = last_span(e).unwrap_or(out.end);
    out
}

/// The span of the last token of `tokens`.
pub fn last_span(tokens: &impl ToTokens) -> Option<Span> {
    tokens.to_token_stream().into_iter().last().map(|t| t.span())
}

fn lower_inner(cx: &mut Lower<'_>, e: &syn::Expr) -> Expr {
    let span = e.span();
    match e {
        syn::Expr::Lit(l) => lower_lit(cx, e, &l.lit),
        syn::Expr::Path(p) => lower_path(cx, e, p),
        syn::Expr::Paren(p) => lower(cx, &p.expr),
        syn::Expr::Group(g) => lower(cx, &g.expr),
        syn::Expr::Unary(u) => lower_unary(cx, e, u),
        syn::Expr::Binary(b) if !is_compound(&b.op) => lower_binary(cx, b),
        syn::Expr::Cast(c) => lower_cast(cx, e, c),
        syn::Expr::MethodCall(m) => lower_method(cx, e, m),
        syn::Expr::Call(c) => lower_call(cx, e, c),
        syn::Expr::Index(ix) => lower_index_expr(cx, e, ix),
        syn::Expr::If(i) if !matches!(&*i.cond, syn::Expr::Let(_)) => lower_if(cx, i),
        syn::Expr::Block(b) if b.label.is_none() => {
            let block = stmt::lower_block(cx, &b.block);
            let ty = stmt::block_ty(cx, &block);
            Expr { kind: ExprKind::Block(block), ty, span, end: span }
        }
        syn::Expr::Match(m) => lower_match(cx, e, m),
        // An assignment where an expression stands, e.g. a match arm `0 => s += 1.0,`.
        syn::Expr::Assign(_) => stmt::assignment_block(cx, e),
        syn::Expr::Binary(b) if is_compound(&b.op) => stmt::assignment_block(cx, e),
        syn::Expr::Try(t) => {
            let inner = lower(cx, &t.expr);
            let ty = cx.fresh(Kind::Any);
            Expr { kind: ExprKind::Try(Box::new(inner)), ty, span: t.question_token.span, end: t.question_token.span }
        }
        syn::Expr::Unsafe(u) => {
            cx.diag.error_spanned(
                u.unsafe_token,
                "`unsafe` is not allowed inside a prange loop: kernelize proves the loop's accesses safe itself \
                 (and hoists bounds checks out of the loop); remove `unsafe`",
            );
            unknown(span)
        }
        syn::Expr::Await(a) => {
            cx.diag.error_spanned(a.await_token, "`.await` cannot be used inside a prange loop");
            unknown(span)
        }
        syn::Expr::Yield(y) => {
            cx.diag.error_spanned(y.yield_token, "`yield` cannot be used inside a prange loop");
            unknown(span)
        }
        syn::Expr::Break(_) | syn::Expr::Continue(_) | syn::Expr::Return(_) => {
            // A jump used as a value (`let x = if c { 1.0 } else { continue };`): a block that
            // diverges, whose type unifies with anything.
            let stmt = stmt::lower_jump(cx, e);
            let ty = cx.fresh(Kind::Any);
            let block = Block { stmts: stmt.into_iter().collect(), tail: None, span };
            Expr { kind: ExprKind::Block(block), ty, span, end: span }
        }
        _ => make_opaque(cx, e),
    }
}

fn unknown(span: Span) -> Expr {
    Expr { kind: ExprKind::Block(Block { stmts: Vec::new(), tail: None, span }), ty: Ty::Unknown, span, end: span }
}

/// Code outside the kernel language, kept as written.
pub fn make_opaque(cx: &mut Lower<'_>, e: &syn::Expr) -> Expr {
    let touches = opaque::of_expr(cx, e);
    refuse_unsafe(cx, &touches.unsafe_blocks);
    let kind = ExprKind::Opaque(Opaque {
        tokens: e.to_token_stream(),
        what: opaque::describe(e),
        mentions: touches.mentions,
        binds: Vec::new(),
    });
    Expr { kind, ty: Ty::Unknown, span: e.span(), end: e.span() }
}

pub fn refuse_unsafe(cx: &mut Lower<'_>, spans: &[Span]) {
    if cx.prange_vars.is_empty() {
        return;
    }
    for &span in spans {
        cx.error(span, "`unsafe` is not allowed inside a prange loop, not even in a closure; remove it");
    }
}

fn lower_lit(cx: &mut Lower<'_>, e: &syn::Expr, lit: &syn::Lit) -> Expr {
    let span = lit.span();
    let text = lit.to_token_stream().to_string();
    let (value, ty, suffixed) = match lit {
        syn::Lit::Int(i) => {
            let Ok(value) = i.base10_parse::<u128>() else { return make_opaque(cx, e) };
            match i.suffix() {
                "" => (LitValue::Int(value), cx.fresh(Kind::Int), false),
                s => match Scalar::from_name(s) {
                    Some(s) => (LitValue::Int(value), Ty::Scalar(s), true),
                    None => return make_opaque(cx, e),
                },
            }
        }
        syn::Lit::Float(f) => {
            let Ok(value) = f.base10_parse::<f64>() else { return make_opaque(cx, e) };
            match f.suffix() {
                "" => (LitValue::Float(value), cx.fresh(Kind::Float), false),
                "f32" => (LitValue::Float(value), Ty::Scalar(Scalar::F32), true),
                "f64" => (LitValue::Float(value), Ty::Scalar(Scalar::F64), true),
                _ => return make_opaque(cx, e),
            }
        }
        syn::Lit::Bool(b) => (LitValue::Bool(b.value), Ty::Scalar(Scalar::Bool), false),
        _ => return make_opaque(cx, e),
    };
    Expr { kind: ExprKind::Lit(Lit { text, value, suffixed }), ty, span, end: span }
}

fn lower_path(cx: &mut Lower<'_>, e: &syn::Expr, p: &syn::ExprPath) -> Expr {
    let span = e.span();
    if p.qself.is_none() {
        if let Some(ident) = p.path.get_ident()
            && let Some(var) = cx.lookup(&ident.to_string())
        {
            let ty = cx.var(var).ty;
            return Expr { kind: ExprKind::Var(var), ty, span, end: span };
        }
        if let Some(c) = constant(&p.path) {
            return Expr { kind: ExprKind::Const(c), ty: Ty::Scalar(c.ty), span, end: span };
        }
    }
    make_opaque(cx, e)
}

const FLOAT_CONSTS: &[&str] = &[
    "PI",
    "TAU",
    "E",
    "SQRT_2",
    "FRAC_1_SQRT_2",
    "LN_2",
    "LN_10",
    "LOG2_E",
    "LOG10_E",
    "LOG2_10",
    "LOG10_2",
    "FRAC_PI_2",
    "FRAC_PI_3",
    "FRAC_PI_4",
    "FRAC_PI_6",
    "FRAC_PI_8",
    "FRAC_1_PI",
    "FRAC_2_PI",
    "FRAC_2_SQRT_PI",
];
const FLOAT_ASSOC: &[&str] = &["MAX", "MIN", "EPSILON", "INFINITY", "NEG_INFINITY", "NAN", "MIN_POSITIVE"];
const INT_ASSOC: &[&str] = &["MAX", "MIN"];

/// `f64::consts::PI`, `std::f64::consts::PI`, `f32::EPSILON`, `u8::MAX`.
fn constant(path: &syn::Path) -> Option<Const> {
    let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    let segs = match segs.as_slice() {
        ["std" | "core", rest @ ..] => rest,
        rest => rest,
    };
    let (ty, name, in_consts) = match segs {
        [ty, "consts", name] => (Scalar::from_name(ty)?, *name, true),
        [ty, name] => (Scalar::from_name(ty)?, *name, false),
        _ => return None,
    };
    let table = match (in_consts, ty.is_float()) {
        (true, true) => FLOAT_CONSTS,
        (false, true) => FLOAT_ASSOC,
        (false, false) if ty.is_int() => INT_ASSOC,
        _ => return None,
    };
    let name = table.iter().copied().find(|n| *n == name)?;
    Some(Const { ty, name, in_consts })
}

fn lower_unary(cx: &mut Lower<'_>, e: &syn::Expr, u: &syn::ExprUnary) -> Expr {
    let op = match u.op {
        syn::UnOp::Neg(_) => UnOp::Neg,
        syn::UnOp::Not(_) => UnOp::Not,
        _ => return make_opaque(cx, e),
    };
    let arg = lower(cx, &u.expr);
    let ty = arg.ty;
    if let (UnOp::Neg, Some(s)) = (op, cx.infer.scalar(ty))
        && !s.is_signed()
    {
        cx.error(e.span(), format_args!("cannot negate a `{s}`: it is unsigned; convert it first, e.g. `-(x as i64)`"));
    }
    Expr { kind: ExprKind::Unary { op, arg: Box::new(arg) }, ty, span: e.span(), end: e.span() }
}

pub fn binop(op: &syn::BinOp) -> Option<BinOp> {
    use syn::BinOp as S;
    Some(match op {
        S::Add(_) | S::AddAssign(_) => BinOp::Add,
        S::Sub(_) | S::SubAssign(_) => BinOp::Sub,
        S::Mul(_) | S::MulAssign(_) => BinOp::Mul,
        S::Div(_) | S::DivAssign(_) => BinOp::Div,
        S::Rem(_) | S::RemAssign(_) => BinOp::Rem,
        S::BitAnd(_) | S::BitAndAssign(_) => BinOp::BitAnd,
        S::BitOr(_) | S::BitOrAssign(_) => BinOp::BitOr,
        S::BitXor(_) | S::BitXorAssign(_) => BinOp::BitXor,
        S::Shl(_) | S::ShlAssign(_) => BinOp::Shl,
        S::Shr(_) | S::ShrAssign(_) => BinOp::Shr,
        S::And(_) => BinOp::And,
        S::Or(_) => BinOp::Or,
        S::Eq(_) => BinOp::Eq,
        S::Ne(_) => BinOp::Ne,
        S::Lt(_) => BinOp::Lt,
        S::Le(_) => BinOp::Le,
        S::Gt(_) => BinOp::Gt,
        S::Ge(_) => BinOp::Ge,
        _ => return None,
    })
}

fn lower_binary(cx: &mut Lower<'_>, b: &syn::ExprBinary) -> Expr {
    let span = b.span();
    let op_span = b.op.span();
    let Some(op) = binop(&b.op) else {
        return make_opaque(cx, &syn::Expr::Binary(b.clone()));
    };
    let lhs = lower(cx, &b.left);
    let rhs = lower(cx, &b.right);
    let ty = match op {
        BinOp::And | BinOp::Or => {
            expect(cx, &lhs, Ty::Scalar(Scalar::Bool), "the operands of `&&` and `||`");
            expect(cx, &rhs, Ty::Scalar(Scalar::Bool), "the operands of `&&` and `||`");
            Ty::Scalar(Scalar::Bool)
        }
        BinOp::Shl | BinOp::Shr => lhs.ty,
        _ if op.is_comparison() => {
            operands(cx, op, &lhs, &rhs);
            Ty::Scalar(Scalar::Bool)
        }
        _ if !operands(cx, op, &lhs, &rhs) => Ty::Unknown,
        _ => {
            check_operator(cx, op, lhs.ty, op_span);
            lhs.ty
        }
    };
    Expr { kind: ExprKind::Binary { op, lhs: Box::new(lhs), rhs: Box::new(rhs) }, ty, span, end: span }
}

/// Arithmetic needs numbers, bit operations integers or `bool`, as in Rust.
pub fn check_operator(cx: &mut Lower<'_>, op: BinOp, ty: Ty, span: Span) {
    let Some(s) = cx.infer.scalar(ty).or(match cx.infer.kind(ty) {
        Kind::Float => Some(Scalar::F64),
        _ => None,
    }) else {
        return;
    };
    let sym = op.symbol();
    let message = match op {
        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem if s == Scalar::Bool => {
            format!("cannot apply `{sym}` to `bool` values; convert with `as u8`, or use `&`, `|`, `^`")
        }
        BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor if s.is_float() => {
            format!("`{sym}` needs integers or `bool`, not floats; convert with `as`, or use `max`/`min` for floats")
        }
        BinOp::Shl | BinOp::Shr if !s.is_int() => format!("`{sym}` shifts integers only"),
        _ => return,
    };
    cx.error(span, message);
}

/// Both operands of `op` must have one type, as in Rust (no implicit conversion); `false`
/// (after an error) when they do not.
pub fn operands(cx: &mut Lower<'_>, op: BinOp, lhs: &Expr, rhs: &Expr) -> bool {
    if let Err(m) = cx.infer.unify(lhs.ty, rhs.ty) {
        let message = match (int_literal(lhs), int_literal(rhs), m.left, m.right) {
            (_, Some(text), Kind::Known(Ty::Scalar(s)), _) | (Some(text), _, _, Kind::Known(Ty::Scalar(s)))
                if s.is_float() =>
            {
                format!(
                    "`{text}` is an integer, but this is `{s}` arithmetic and Rust does not convert implicitly; write `{text}.0`"
                )
            }
            _ => format!(
                "`{}` needs two operands of the same type, found {} and {}; convert one with `as`, e.g. `x as f64`",
                op.symbol(),
                describe(m.left),
                describe(m.right)
            ),
        };
        let at = if int_literal(lhs).is_some() { lhs } else { rhs };
        cx.diag.error_range((at.span, at.end), message);
        return false;
    }
    true
}

fn int_literal(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Lit(Lit { text, value: LitValue::Int(_), suffixed: false }) => Some(text),
        _ => None,
    }
}

/// `e` must have type `want`.
pub fn expect(cx: &mut Lower<'_>, e: &Expr, want: Ty, context: &str) {
    if let Err(m) = cx.infer.unify(e.ty, want) {
        let help = match (want, m.left) {
            (Ty::Scalar(Scalar::Bool), Kind::Known(Ty::Scalar(s))) if s.is_float() => {
                "; Rust has no truthiness: compare explicitly, e.g. `x != 0.0`".to_owned()
            }
            (Ty::Scalar(Scalar::Bool), Kind::Known(Ty::Scalar(s))) if s != Scalar::Bool => {
                "; Rust has no truthiness: compare explicitly, e.g. `x != 0`".to_owned()
            }
            (Ty::Scalar(Scalar::Usize), _) if context == "an array index" => "; convert it: `a[k as usize]`".to_owned(),
            (Ty::Scalar(s), Kind::Known(Ty::Scalar(_))) => format!("; convert it with `as {s}`"),
            (Ty::Scalar(s), Kind::Int) if s.is_float() => {
                int_literal(e).map_or_else(String::new, |t| format!("; write `{t}.0`"))
            }
            _ => String::new(),
        };
        cx.diag
            .error_range((e.span, e.end), format_args!("{context} must be `{want}`, found {}{help}", describe(m.left)));
    }
}

fn lower_cast(cx: &mut Lower<'_>, e: &syn::Expr, c: &syn::ExprCast) -> Expr {
    let Some(to) = types::scalar(&c.ty) else { return make_opaque(cx, e) };
    let arg = lower(cx, &c.expr);
    if let Kind::Known(Ty::Array(_)) = cx.infer.kind(arg.ty) {
        cx.diag.error_range(
            (arg.span, arg.end),
            "an array cannot be cast with `as`; cast its elements, e.g. `a[i] as f64`",
        );
    }
    Expr { kind: ExprKind::Cast { arg: Box::new(arg), to }, ty: Ty::Scalar(to), span: e.span(), end: e.span() }
}

fn lower_method(cx: &mut Lower<'_>, e: &syn::Expr, m: &syn::ExprMethodCall) -> Expr {
    let name = m.method.to_string();
    if m.turbofish.is_none() {
        if let Some(len) = lower_len(cx, m, &name) {
            return len;
        }
        if cx.libm && name == "to_bits" {
            let receiver = lower(cx, &m.receiver);
            let bits = match cx.infer.kind(receiver.ty) {
                Kind::Known(Ty::Scalar(Scalar::F32)) => Scalar::U32,
                _ => Scalar::U64,
            };
            let kind = ExprKind::Math { func: MathFn::ToBits, args: vec![receiver], style: CallStyle::Method };
            return Expr { kind, ty: Ty::Scalar(bits), span: e.span(), end: e.span() };
        }
        if let Some(func) = MathFn::from_name(&name) {
            let receiver = lower(cx, &m.receiver);
            match cx.infer.kind(receiver.ty) {
                Kind::Known(Ty::Scalar(s)) if s != Scalar::Bool => {
                    let mut args = vec![receiver];
                    args.extend(m.args.iter().map(|a| lower(cx, a)));
                    return math(cx, func, args, CallStyle::Method, s, m.method.span(), e.span());
                }
                Kind::Int | Kind::Float => {
                    let lit = if cx.infer.kind(receiver.ty) == Kind::Int { "2_i64" } else { "2.0_f64" };
                    cx.error(
                        m.method.span(),
                        format_args!(
                            "cannot call `{name}` on a number whose type is not known yet; give it one, \
                             with a suffix (`{lit}`) or a typed `let` (`let x: f64 = ...`)"
                        ),
                    );
                }
                _ => {}
            }
        }
    }
    make_opaque(cx, e)
}

/// `a.len()`, `a.nrows()`, `a.ncols()` on a kernel array.
fn lower_len(cx: &mut Lower<'_>, m: &syn::ExprMethodCall, name: &str) -> Option<Expr> {
    if !m.args.is_empty() || !matches!(name, "len" | "nrows" | "ncols") {
        return None;
    }
    let (array, a) = array_var(cx, &m.receiver)?;
    let dim = match (name, a.ndim) {
        ("len", _) => LenDim::All,
        ("nrows", 2) => LenDim::Axis(0),
        ("ncols", 2) => LenDim::Axis(1),
        _ => {
            let array_name = cx.var(array).name.clone();
            cx.error(m.method.span(), format_args!("`{name}` is for 2-D arrays; `{array_name}` is 1-D: use `len()`"));
            LenDim::All
        }
    };
    Some(Expr { kind: ExprKind::Len { array, dim }, ty: Ty::Scalar(Scalar::Usize), span: m.span(), end: m.span() })
}

/// The variable a path names, if it is a kernel array.
fn array_var(cx: &Lower<'_>, e: &syn::Expr) -> Option<(crate::ir::VarId, crate::ir::ArrayTy)> {
    let syn::Expr::Path(p) = e else { return None };
    let var = cx.lookup(&p.path.get_ident()?.to_string())?;
    match cx.infer.kind(cx.var(var).ty) {
        Kind::Known(Ty::Array(a)) => Some((var, a)),
        _ => None,
    }
}

fn math(
    cx: &mut Lower<'_>,
    func: MathFn,
    args: Vec<Expr>,
    style: CallStyle,
    s: Scalar,
    name_span: Span,
    span: Span,
) -> Expr {
    let name = func.name();
    if func.domain() == MathDomain::Float && !s.is_float() {
        cx.error(
            name_span,
            format_args!("`{name}` is a float function and this is `{s}`; convert first: `(x as f64).{name}()`"),
        );
    }
    if matches!(func, MathFn::Abs | MathFn::Signum) && s.is_int() && !s.is_signed() {
        cx.error(
            name_span,
            format_args!("`{name}` is not defined for the unsigned `{s}`: it is never negative; drop the call"),
        );
    }
    if args.len() != func.arity() {
        let n = func.arity() - 1;
        let plural = if n == 1 { "" } else { "s" };
        cx.error(name_span, format_args!("`{name}` takes {n} argument{plural} besides the value it is called on"));
    }
    for arg in args.iter().skip(1) {
        let want = if func == MathFn::Powi { Ty::Scalar(Scalar::I32) } else { Ty::Scalar(s) };
        expect(cx, arg, want, &format!("the argument of `{name}`"));
    }
    Expr { kind: ExprKind::Math { func, args, style }, ty: Ty::Scalar(s), span, end: span }
}

fn lower_call(cx: &mut Lower<'_>, e: &syn::Expr, c: &syn::ExprCall) -> Expr {
    if let syn::Expr::Path(p) = &*c.func {
        let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
        if super::syntax::is_prange(e) {
            cx.diag.error_spanned(
                &c.func,
                "`prange(..)` can only be the range of a `for` loop: `for i in prange(0..n) { ... }`",
            );
            return unknown(e.span());
        }
        if cx.libm
            && let [ty, name] = segs.as_slice()
            && let (Some(s @ (Scalar::F32 | Scalar::F64)), "from_bits") = (Scalar::from_name(ty), name.as_str())
        {
            let args: Vec<Expr> = c.args.iter().map(|a| lower(cx, a)).collect();
            let bits = if s == Scalar::F32 { Scalar::U32 } else { Scalar::U64 };
            for a in &args {
                expect(cx, a, Ty::Scalar(bits), "the argument of `from_bits`");
            }
            let kind = ExprKind::Math { func: MathFn::FromBits, args, style: CallStyle::Path(s) };
            return Expr { kind, ty: Ty::Scalar(s), span: e.span(), end: e.span() };
        }
        if let [ty, name] = segs.as_slice()
            && let (Some(s), Some(func)) = (Scalar::from_name(ty), MathFn::from_name(name))
        {
            let args: Vec<Expr> = c.args.iter().map(|a| lower(cx, a)).collect();
            if let Some(first) = args.first() {
                expect(cx, first, Ty::Scalar(s), &format!("the first argument of `{ty}::{name}`"));
            }
            return math(cx, func, args, CallStyle::Path(s), s, p.span(), e.span());
        }
    }
    make_opaque(cx, e)
}

fn lower_index_expr(cx: &mut Lower<'_>, e: &syn::Expr, ix: &syn::ExprIndex) -> Expr {
    if let Some(len) = lower_shape(cx, ix) {
        return len;
    }
    match lower_index(cx, &ix.expr, &ix.index) {
        Some((array, index, elem)) => {
            Expr { kind: ExprKind::Index { array, index }, ty: elem, span: e.span(), end: e.span() }
        }
        None => make_opaque(cx, e),
    }
}

/// `a.shape()[k]` for a literal `k`.
fn lower_shape(cx: &mut Lower<'_>, ix: &syn::ExprIndex) -> Option<Expr> {
    let syn::Expr::MethodCall(m) = &*ix.expr else { return None };
    if m.method != "shape" || !m.args.is_empty() {
        return None;
    }
    let (array, a) = array_var(cx, &m.receiver)?;
    let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(k), .. }) = &*ix.index else { return None };
    let k = k.base10_parse::<u8>().ok()?;
    if k >= a.ndim {
        let array_name = cx.var(array).name.clone();
        cx.error(
            k_span(ix),
            format_args!(
                "`{array_name}` has {} dimension(s), so `shape()[{k}]` is out of range; use `shape()[0]` to `shape()[{}]`",
                a.ndim,
                a.ndim - 1
            ),
        );
    }
    Some(Expr {
        kind: ExprKind::Len { array, dim: LenDim::Shape(k) },
        ty: Ty::Scalar(Scalar::Usize),
        span: ix.span(),
        end: ix.span(),
    })
}

fn k_span(ix: &syn::ExprIndex) -> Span {
    ix.index.span()
}

/// `base[index]` where `base` names a variable: the variable, the lowered indices and the
/// element type. `None` when `base` is not a variable.
pub fn lower_index(
    cx: &mut Lower<'_>,
    base: &syn::Expr,
    index: &syn::Expr,
) -> Option<(crate::ir::VarId, Vec<Expr>, Ty)> {
    let mut base = base;
    while let syn::Expr::Paren(p) = base {
        base = &p.expr;
    }
    let syn::Expr::Path(p) = base else { return None };
    let var = cx.lookup(&p.path.get_ident()?.to_string())?;
    let parts: Vec<&syn::Expr> = match index {
        syn::Expr::Array(a) => a.elems.iter().collect(),
        syn::Expr::Tuple(t) => t.elems.iter().collect(),
        other => vec![other],
    };
    match cx.infer.kind(cx.var(var).ty) {
        Kind::Known(Ty::Array(a)) => {
            let name = cx.var(var).name.clone();
            if parts.len() != usize::from(a.ndim) {
                let how = if a.ndim == 2 { format!("`{name}[[i, j]]`") } else { format!("`{name}[i]`") };
                cx.diag.error_spanned(index, format_args!("`{name}` is {}-D: index it as {how}", a.ndim));
            }
            let index: Vec<Expr> = parts.iter().map(|p| lower(cx, p)).collect();
            for i in &index {
                expect(cx, i, Ty::Scalar(Scalar::Usize), "an array index");
            }
            Some((var, index, Ty::Scalar(a.elem)))
        }
        Kind::Known(Ty::Scalar(s)) => {
            let name = cx.var(var).name.clone();
            cx.diag.error_spanned(base, format_args!("`{name}` is a `{s}`, not an array; it cannot be indexed"));
            None
        }
        _ if parts.len() == 1 => {
            let index = parts.iter().map(|p| lower(cx, p)).collect();
            Some((var, index, Ty::Unknown))
        }
        _ => None,
    }
}

fn lower_if(cx: &mut Lower<'_>, i: &syn::ExprIf) -> Expr {
    let cond = lower(cx, &i.cond);
    expect(cx, &cond, Ty::Scalar(Scalar::Bool), "the condition of `if`");
    let then = stmt::lower_block(cx, &i.then_branch);
    let then_ty = stmt::block_ty(cx, &then);
    let (els, ty) = match &i.else_branch {
        Some((_, e)) => {
            let els = lower(cx, e);
            if cx.infer.unify(then_ty, els.ty).is_err() {
                let (a, b) = (describe(cx.infer.kind(then_ty)), describe(cx.infer.kind(els.ty)));
                cx.diag.error_range(
                    (els.span, els.end),
                    format_args!("the branches of this `if` have different types: {a} and {b}; convert one with `as`"),
                );
            }
            (Some(Box::new(els)), then_ty)
        }
        None => (None, Ty::Unit),
    };
    Expr { kind: ExprKind::If { cond: Box::new(cond), then, els }, ty, span: i.if_token.span, end: i.if_token.span }
}

fn lower_match(cx: &mut Lower<'_>, e: &syn::Expr, m: &syn::ExprMatch) -> Expr {
    let scrutinee = lower(cx, &m.expr);
    let is_int = match cx.infer.kind(scrutinee.ty) {
        Kind::Int => true,
        Kind::Known(Ty::Scalar(s)) => s.is_int(),
        _ => false,
    };
    if !is_int || !m.arms.iter().all(|a| simple_pattern(&a.pat)) {
        return make_opaque(cx, e);
    }
    let ty = cx.fresh(Kind::Any);
    let mut arms = Vec::new();
    for arm in &m.arms {
        cx.push_scope();
        let pats = patterns(cx, &arm.pat, scrutinee.ty);
        let guard = arm.guard.as_ref().map(|(_, g)| {
            let g = lower(cx, g);
            expect(cx, &g, Ty::Scalar(Scalar::Bool), "a match guard");
            g
        });
        let body = lower(cx, &arm.body);
        if !diverges(&body)
            && let Err(m) = cx.infer.unify(ty, body.ty)
        {
            let (a, b) = (describe(m.left), describe(m.right));
            cx.diag.error_range(
                (body.span, body.end),
                format_args!("the arms of this `match` have different types: {a} and {b}; convert one with `as`"),
            );
        }
        cx.pop_scope();
        arms.push(Arm { pats, guard, body });
    }
    Expr {
        kind: ExprKind::Match { scrutinee: Box::new(scrutinee), arms },
        ty,
        span: m.match_token.span,
        end: m.match_token.span,
    }
}

fn diverges(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Block(b) => b.tail.is_none() && b.stmts.last().is_some_and(|s| stmt::is_jump(&s.kind)),
        _ => false,
    }
}

/// Integer literals, ranges of them, `_`, a lowercase binding, and `|` of those.
fn simple_pattern(p: &syn::Pat) -> bool {
    match p {
        syn::Pat::Wild(_) => true,
        syn::Pat::Lit(l) => int_pattern(&l.lit).is_some(),
        syn::Pat::Range(r) => {
            r.start.as_deref().is_none_or(|e| int_pattern_lit(e).is_some())
                && r.end.as_deref().is_none_or(|e| int_pattern_lit(e).is_some())
        }
        syn::Pat::Ident(i) => {
            i.subpat.is_none()
                && i.by_ref.is_none()
                && i.ident.to_string().starts_with(|c: char| c.is_lowercase() || c == '_')
        }
        syn::Pat::Or(o) => o.cases.iter().all(simple_pattern),
        syn::Pat::Paren(p) => simple_pattern(&p.pat),
        _ => false,
    }
}

/// An integer literal in a pattern, `3`, `-3`, `3u8`: its sign, digits, value and suffix.
struct IntPat {
    negative: bool,
    text: String,
    value: u128,
    suffix: String,
    span: Span,
}

fn int_pattern_lit(e: &syn::Expr) -> Option<IntPat> {
    match e {
        syn::Expr::Lit(l) => int_pattern(&l.lit),
        syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => {
            int_pattern_lit(expr).filter(|p| !p.negative).map(|p| IntPat { negative: true, ..p })
        }
        _ => None,
    }
}

fn int_pattern(lit: &syn::Lit) -> Option<IntPat> {
    let syn::Lit::Int(i) = lit else { return None };
    let digits = i.base10_digits();
    let (negative, digits) = match digits.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, digits),
    };
    let text = i.to_string();
    let text = text.strip_prefix('-').unwrap_or(&text).to_owned();
    Some(IntPat { negative, text, value: digits.parse().ok()?, suffix: i.suffix().to_owned(), span: i.span() })
}

fn patterns(cx: &mut Lower<'_>, p: &syn::Pat, ty: Ty) -> Vec<Pattern> {
    match p {
        syn::Pat::Or(o) => o.cases.iter().flat_map(|c| patterns(cx, c, ty)).collect(),
        syn::Pat::Paren(p) => patterns(cx, &p.pat, ty),
        syn::Pat::Wild(_) => vec![Pattern::Wild],
        syn::Pat::Ident(i) => vec![Pattern::Bind(cx.declare(&i.ident, ty, i.mutability.is_some(), Origin::Local))],
        syn::Pat::Lit(l) => match int_pattern(&l.lit) {
            Some(p) => vec![Pattern::Lit { negative: p.negative, lit: pattern_lit(cx, p, ty) }],
            None => vec![Pattern::Wild],
        },
        syn::Pat::Range(r) => {
            let end = |cx: &mut Lower<'_>, e: &Option<Box<syn::Expr>>| {
                e.as_deref().and_then(int_pattern_lit).map(|p| (p.negative, pattern_lit(cx, p, ty)))
            };
            let lo = end(cx, &r.start);
            let hi = end(cx, &r.end);
            vec![Pattern::Range { lo, hi, inclusive: matches!(r.limits, syn::RangeLimits::Closed(_)) }]
        }
        _ => vec![Pattern::Wild],
    }
}

fn pattern_lit(cx: &mut Lower<'_>, p: IntPat, ty: Ty) -> Lit {
    let want = match Scalar::from_name(&p.suffix) {
        Some(s) => Ty::Scalar(s),
        None => cx.fresh(Kind::Int),
    };
    if cx.infer.unify(ty, want).is_err() {
        let found = describe(cx.infer.kind(ty));
        cx.error(
            p.span,
            format_args!("this pattern is `{}` but the value matched is {found}; drop the suffix", p.suffix),
        );
    }
    Lit { text: p.text, value: LitValue::Int(p.value), suffixed: !p.suffix.is_empty() }
}
