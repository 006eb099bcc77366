//! Statements of a prange body: `let`, assignments, serial loops, jumps.

use super::context::{Frame, Lower};
use super::expr::{self, binop, expect, make_opaque, operands, refuse_unsafe};
use super::infer::Kind;
use super::syntax::{is_compound, is_prange, pattern_bindings};
use super::{opaque, types};
use crate::ir::{
    Annotation, Block, Expr, Jump, JumpTarget, Loop, LoopKind, Opaque, Origin, Place, RangeAdapter, Scalar,
    SerialRange, Stmt, StmtKind, Ty,
};
use quote::ToTokens;
use syn::spanned::Spanned;

pub fn lower_block(cx: &mut Lower<'_>, b: &syn::Block) -> Block {
    cx.in_scope(|cx| {
        let mut stmts = Vec::new();
        let mut tail = None;
        let last = b.stmts.len().saturating_sub(1);
        for (k, s) in b.stmts.iter().enumerate() {
            match s {
                syn::Stmt::Expr(e, None) if k == last && is_value(e) => tail = Some(Box::new(expr::lower(cx, e))),
                syn::Stmt::Local(l) if let Some(parts) = split_tuple_let(l) => {
                    stmts.extend(parts.iter().filter_map(|p| lower_stmt(cx, p)));
                }
                _ => stmts.extend(lower_stmt(cx, s)),
            }
        }
        Block { stmts, tail, span: b.brace_token.span.join() }
    })
}

/// `let (a, mut b) = (x, y);` as `let a = x; let mut b = y;`, when that means the same: simple
/// names, a tuple of the same length, and no value naming one of the new variables (it would
/// see the new binding instead of the old one).
fn split_tuple_let(l: &syn::Local) -> Option<Vec<syn::Stmt>> {
    let syn::Pat::Tuple(pat) = &l.pat else { return None };
    let init = l.init.as_ref().filter(|i| i.diverge.is_none())?;
    let syn::Expr::Tuple(values) = &*init.expr else { return None };
    if !l.attrs.is_empty() || pat.elems.len() != values.elems.len() {
        return None;
    }
    let mut names = Vec::new();
    for p in &pat.elems {
        match p {
            syn::Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => names.push(p.ident.to_string()),
            _ => return None,
        }
    }
    fn names_any(tokens: proc_macro2::TokenStream, names: &[String]) -> bool {
        tokens.into_iter().any(|t| match t {
            proc_macro2::TokenTree::Ident(i) => names.contains(&i.to_string()),
            proc_macro2::TokenTree::Group(g) => names_any(g.stream(), names),
            _ => false,
        })
    }
    if values.elems.iter().any(|v| names_any(v.to_token_stream(), &names)) {
        return None;
    }
    let parts = pat.elems.iter().zip(&values.elems).map(|(p, v)| syn::parse_quote_spanned!(p.span()=> let #p = #v;));
    Some(parts.collect())
}

/// Expressions that produce a value at the end of a block (not statements written without `;`).
fn is_value(e: &syn::Expr) -> bool {
    !matches!(
        e,
        syn::Expr::ForLoop(_)
            | syn::Expr::While(_)
            | syn::Expr::Loop(_)
            | syn::Expr::Assign(_)
            | syn::Expr::Break(_)
            | syn::Expr::Continue(_)
            | syn::Expr::Return(_)
    ) && !matches!(e, syn::Expr::Binary(b) if is_compound(&b.op))
}

/// The type of a block's value: its tail's, `()` without one, anything if it ends in a jump.
pub fn block_ty(cx: &mut Lower<'_>, b: &Block) -> Ty {
    match &b.tail {
        Some(t) => t.ty,
        None if b.stmts.last().is_some_and(|s| is_jump(&s.kind)) => cx.fresh(Kind::Any),
        None => Ty::Unit,
    }
}

pub fn is_jump(kind: &StmtKind) -> bool {
    matches!(kind, StmtKind::Break(_) | StmtKind::Continue(_) | StmtKind::Return(_))
}

fn lower_stmt(cx: &mut Lower<'_>, s: &syn::Stmt) -> Option<Stmt> {
    let span = s.span();
    let kind = match s {
        syn::Stmt::Local(l) => lower_let(cx, s, l),
        syn::Stmt::Item(_) => opaque_stmt(cx, s, "an item".to_owned(), Vec::new()),
        syn::Stmt::Macro(m) => opaque_stmt(cx, s, opaque::describe_macro(&m.mac), Vec::new()),
        syn::Stmt::Expr(e, _) => match lower_expr_stmt(cx, e)? {
            // Kept as written: the whole statement, its `;` included.
            StmtKind::Opaque(o) => StmtKind::Opaque(Opaque { tokens: s.to_token_stream(), ..o }),
            kind => kind,
        },
    };
    Some(Stmt { kind, span })
}

fn opaque_stmt(cx: &mut Lower<'_>, s: &syn::Stmt, what: String, binds: Vec<crate::ir::VarId>) -> StmtKind {
    let touches = opaque::of_stmt(cx, s);
    refuse_unsafe(cx, &touches.unsafe_blocks);
    StmtKind::Opaque(Opaque { tokens: s.to_token_stream(), what, mentions: touches.mentions, binds })
}

fn lower_let(cx: &mut Lower<'_>, s: &syn::Stmt, l: &syn::Local) -> StmtKind {
    let (ident, mutable, ty) = match &l.pat {
        syn::Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => (&p.ident, p.mutability.is_some(), None),
        syn::Pat::Type(t) => match &*t.pat {
            syn::Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => {
                (&p.ident, p.mutability.is_some(), Some(&*t.ty))
            }
            _ => return opaque_let(cx, s, l),
        },
        _ => return opaque_let(cx, s, l),
    };
    let Some(init) = &l.init else {
        cx.diag.error_spanned(
            l,
            format_args!("give `{ident}` its value where it is declared, e.g. `let {ident} = 0.0;`: variables in a prange loop are always initialized"),
        );
        return StmtKind::Expr(Expr {
            kind: crate::ir::ExprKind::Lit(dummy()),
            ty: Ty::Unit,
            span: l.span(),
            end: l.span(),
        });
    };
    if init.diverge.is_some() {
        return opaque_let(cx, s, l);
    }
    let value = expr::lower(cx, &init.expr);
    let (annotation, var_ty) = match ty {
        Some(t) => match types::scalar(t) {
            Some(sc) => {
                expect(cx, &value, Ty::Scalar(sc), &format!("the value of `{ident}`"));
                (Some(Annotation::Scalar(sc)), Ty::Scalar(sc))
            }
            None => (Some(Annotation::Other(t.to_token_stream())), types::annotation(t).unwrap_or(Ty::Unknown)),
        },
        None => (None, value.ty),
    };
    let var = cx.declare(ident, var_ty, mutable, Origin::Local);
    StmtKind::Let { var, annotation, init: value }
}

fn dummy() -> crate::ir::Lit {
    crate::ir::Lit { text: "()".to_owned(), value: crate::ir::LitValue::Bool(false), suffixed: false }
}

fn opaque_let(cx: &mut Lower<'_>, s: &syn::Stmt, l: &syn::Local) -> StmtKind {
    let touches = opaque::of_stmt(cx, s);
    refuse_unsafe(cx, &touches.unsafe_blocks);
    let binds = pattern_bindings(&l.pat)
        .into_iter()
        .map(|(ident, mutable)| cx.declare(&ident, Ty::Unknown, mutable, Origin::Local))
        .collect();
    StmtKind::Opaque(Opaque {
        tokens: s.to_token_stream(),
        what: "a destructuring `let`".to_owned(),
        mentions: touches.mentions,
        binds,
    })
}

fn lower_expr_stmt(cx: &mut Lower<'_>, e: &syn::Expr) -> Option<StmtKind> {
    Some(match e {
        syn::Expr::Assign(a) => lower_assign(cx, e, &a.left, None, &a.right)?,
        syn::Expr::Binary(b) if is_compound(&b.op) => lower_assign(cx, e, &b.left, binop(&b.op), &b.right)?,
        syn::Expr::ForLoop(f) if is_prange(&f.expr) => {
            cx.diag.error_spanned(
                &f.expr,
                "a prange loop inside a prange loop must be the only statement of the outer loop's body \
                 (the two then collapse into one 2-D loop); otherwise make the inner loop a serial `for`",
            );
            return None;
        }
        syn::Expr::ForLoop(f) => match serial_range(cx, &f.expr) {
            Some(range) => lower_for(cx, f, range),
            None => return Some(opaque_expr_stmt(cx, e)),
        },
        syn::Expr::While(w) if !matches!(&*w.cond, syn::Expr::Let(_)) => {
            let cond = expr::lower(cx, &w.cond);
            expect(cx, &cond, Ty::Scalar(Scalar::Bool), "the condition of `while`");
            let body = in_loop(cx, w.label.as_ref(), |cx| lower_block(cx, &w.body));
            StmtKind::Loop(Loop { label: label(w.label.as_ref()), kind: LoopKind::While { cond }, body })
        }
        syn::Expr::Loop(l) => {
            let body = in_loop(cx, l.label.as_ref(), |cx| lower_block(cx, &l.body));
            StmtKind::Loop(Loop { label: label(l.label.as_ref()), kind: LoopKind::Infinite, body })
        }
        syn::Expr::Break(_) | syn::Expr::Continue(_) | syn::Expr::Return(_) => {
            return lower_jump(cx, e).map(|s| s.kind);
        }
        _ => StmtKind::Expr(expr::lower(cx, e)),
    })
}

fn opaque_expr_stmt(cx: &mut Lower<'_>, e: &syn::Expr) -> StmtKind {
    match expr::make_opaque(cx, e).kind {
        crate::ir::ExprKind::Opaque(o) => StmtKind::Opaque(o),
        _ => StmtKind::Expr(make_opaque(cx, e)),
    }
}

fn label(l: Option<&syn::Label>) -> Option<proc_macro2::Ident> {
    l.map(|l| l.name.ident.clone())
}

fn in_loop<T>(cx: &mut Lower<'_>, l: Option<&syn::Label>, f: impl FnOnce(&mut Lower<'_>) -> T) -> T {
    let depth = cx.frames.iter().filter(|f| matches!(f.target, JumpTarget::Serial(_))).count();
    cx.frames.push(Frame { label: l.map(|l| l.name.ident.to_string()), target: JumpTarget::Serial(depth) });
    let out = f(cx);
    cx.frames.pop();
    out
}

fn lower_for(cx: &mut Lower<'_>, f: &syn::ExprForLoop, range: SerialRange) -> StmtKind {
    let elem = range.start.ty;
    let (body, var) = cx.in_scope(|cx| {
        let var = match &*f.pat {
            syn::Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => {
                Some(cx.declare(&p.ident, elem, p.mutability.is_some(), Origin::Local))
            }
            syn::Pat::Wild(_) => None,
            other => {
                cx.diag.error_spanned(other, "the variable of a serial `for` over a range must be a name or `_`");
                None
            }
        };
        (in_loop(cx, f.label.as_ref(), |cx| lower_block(cx, &f.body)), var)
    });
    StmtKind::Loop(Loop { label: label(f.label.as_ref()), kind: LoopKind::For { var, range }, body })
}

/// `a..b`, `a..=b`, `(a..b).rev()`, `(a..b).step_by(k)` and chains of those two.
fn serial_range(cx: &mut Lower<'_>, e: &syn::Expr) -> Option<SerialRange> {
    let mut adapters_rev = Vec::new();
    let mut e = e;
    loop {
        match e {
            syn::Expr::Paren(p) => e = &p.expr,
            syn::Expr::MethodCall(m) if m.method == "rev" && m.args.is_empty() && m.turbofish.is_none() => {
                adapters_rev.push(None);
                e = &m.receiver;
            }
            syn::Expr::MethodCall(m) if m.method == "step_by" && m.args.len() == 1 && m.turbofish.is_none() => {
                adapters_rev.push(m.args.first());
                e = &m.receiver;
            }
            syn::Expr::Range(r) => {
                let (Some(a), Some(b)) = (&r.start, &r.end) else { return None };
                let start = expr::lower(cx, a);
                let end = expr::lower(cx, b);
                operands(cx, crate::ir::BinOp::Lt, &start, &end);
                let adapters = adapters_rev
                    .into_iter()
                    .rev()
                    .map(|step| match step {
                        None => RangeAdapter::Rev,
                        Some(k) => {
                            let k = expr::lower(cx, k);
                            expect(cx, &k, Ty::Scalar(Scalar::Usize), "the step of `step_by`");
                            RangeAdapter::StepBy(k)
                        }
                    })
                    .collect();
                let inclusive = matches!(r.limits, syn::RangeLimits::Closed(_));
                return Some(SerialRange { start, end, inclusive, adapters });
            }
            _ => return None,
        }
    }
}

fn lower_assign(
    cx: &mut Lower<'_>,
    whole: &syn::Expr,
    left: &syn::Expr,
    op: Option<crate::ir::BinOp>,
    right: &syn::Expr,
) -> Option<StmtKind> {
    let mut left = left;
    while let syn::Expr::Paren(p) = left {
        left = &p.expr;
    }
    let (place, place_ty) = match left {
        syn::Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some() => {
            let name = p.path.get_ident()?.to_string();
            match cx.lookup(&name) {
                Some(var) => (Place::Var(var), cx.var(var).ty),
                None => return Some(opaque_expr_stmt(cx, whole)),
            }
        }
        syn::Expr::Index(ix) => match expr::lower_index(cx, &ix.expr, &ix.index) {
            Some((array, index, elem)) => {
                if let Ty::Array(a) = cx.var(array).ty
                    && !a.mutable
                {
                    let (name, writable) = (cx.var(array).name.clone(), crate::ir::ArrayTy { mutable: true, ..a });
                    cx.diag.error_spanned(
                        left,
                        format_args!(
                            "`{name}` is read-only (`{a}`), so it cannot be written\nhelp: take it as `{writable}`"
                        ),
                    );
                }
                (Place::Index { array, index }, elem)
            }
            None => return Some(opaque_expr_stmt(cx, whole)),
        },
        _ => return Some(opaque_expr_stmt(cx, whole)),
    };
    let value = expr::lower(cx, right);
    let place_expr =
        Expr { kind: crate::ir::ExprKind::Lit(dummy()), ty: place_ty, span: left.span(), end: left.span() };
    match op {
        Some(crate::ir::BinOp::Shl | crate::ir::BinOp::Shr) => {}
        Some(op) => {
            if operands(cx, op, &place_expr, &value) {
                expr::check_operator(cx, op, place_ty, left.span());
            }
        }
        None => expect(cx, &value, place_ty, &format!("the value assigned to `{}`", types::pretty(left))),
    }
    Some(StmtKind::Assign { place, op, value })
}

/// An assignment used as an expression (of type `()`): a block holding the statement.
pub fn assignment_block(cx: &mut Lower<'_>, e: &syn::Expr) -> Expr {
    let span = e.span();
    let stmt = lower_expr_stmt(cx, e).map(|kind| Stmt { kind, span });
    let block = Block { stmts: stmt.into_iter().collect(), tail: None, span };
    Expr { kind: crate::ir::ExprKind::Block(block), ty: Ty::Unit, span, end: span }
}

/// `break`, `continue` and `return`, with the loop they leave.
pub fn lower_jump(cx: &mut Lower<'_>, e: &syn::Expr) -> Option<Stmt> {
    let span = e.span();
    let kind = match e {
        syn::Expr::Break(b) => {
            if b.expr.is_some() {
                return Some(Stmt { kind: opaque_expr_stmt(cx, e), span });
            }
            StmtKind::Break(jump(cx, b.label.as_ref()))
        }
        syn::Expr::Continue(c) => StmtKind::Continue(jump(cx, c.label.as_ref())),
        syn::Expr::Return(r) => StmtKind::Return(r.expr.as_ref().map(|v| expr::lower(cx, v))),
        _ => return None,
    };
    Some(Stmt { kind, span })
}

fn jump(cx: &Lower<'_>, label: Option<&syn::Lifetime>) -> Jump {
    let target = match label {
        Some(l) => {
            let name = l.ident.to_string();
            cx.frames.iter().rev().find(|f| f.label.as_deref() == Some(&name)).map_or(JumpTarget::Outside, |f| f.target)
        }
        None => cx.frames.last().map_or(JumpTarget::Outside, |f| f.target),
    };
    Jump { label: label.map(|l| l.ident.clone()), target }
}
