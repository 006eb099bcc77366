//! A prange loop's header: its range, its variable, and the collapse of two nested prange
//! loops into one 2-D iteration space.

use super::context::{Frame, Lower};
use super::syntax::is_prange;
use super::{expr, stmt};
use crate::ir::{Dim, JumpTarget, Origin, PrangeLoop};
use quote::ToTokens;

pub fn lower(cx: &mut Lower<'_>, outer: &syn::ExprForLoop) -> Option<PrangeLoop> {
    let (start, end) = range(cx, &outer.expr)?;
    let inner = nested(outer);
    let inner_range = match inner {
        Some(inner) => {
            check_rectangular(cx, outer, inner);
            if !check_depth(cx, inner) {
                return None;
            }
            Some(range(cx, &inner.expr)?)
        }
        None => None,
    };
    let (start, end) = (expr::lower(cx, start), expr::lower(cx, end));
    let inner_range = inner_range.map(|(a, b)| (expr::lower(cx, a), expr::lower(cx, b)));
    cx.push_scope();
    let mut dims = Vec::new();
    dims.extend(dim(cx, outer, start, end));
    if let (Some(inner), Some((a, b))) = (inner, inner_range) {
        dims.extend(dim(cx, inner, a, b));
    }
    let innermost = inner.unwrap_or(outer);
    let frames = std::mem::take(&mut cx.frames);
    if let (Some(_), Some(label)) = (inner, &outer.label) {
        // `continue 'outer` from a collapsed 2-D body has no meaning for one (i, j) instance.
        cx.frames.push(Frame { label: Some(label.name.ident.to_string()), target: JumpTarget::CollapsedOuter });
    }
    cx.frames
        .push(Frame { label: innermost.label.as_ref().map(|l| l.name.ident.to_string()), target: JumpTarget::Prange });
    cx.prange_vars = dims.iter().map(|d| d.var).collect();
    let body = stmt::lower_block(cx, &innermost.body);
    cx.prange_vars.clear();
    cx.frames = frames;
    cx.pop_scope();
    if dims.len() != if inner.is_some() { 2 } else { 1 } {
        return None;
    }
    Some(PrangeLoop { dims, body, span: outer.for_token.span, line: outer.for_token.span.start().line })
}

/// The `a` and `b` of `prange(a..b)`.
fn range<'e>(cx: &mut Lower<'_>, e: &'e syn::Expr) -> Option<(&'e syn::Expr, &'e syn::Expr)> {
    let syn::Expr::Call(call) = e else { return None };
    let args: Vec<&syn::Expr> = call.args.iter().collect();
    let [arg] = args[..] else {
        cx.diag.error_spanned(&call.args, "`prange` takes one range: `prange(0..n)`");
        return None;
    };
    let mut arg = arg;
    while let syn::Expr::Paren(p) = arg {
        arg = &p.expr;
    }
    let syn::Expr::Range(r) = arg else {
        cx.diag.error_spanned(
            arg,
            "`prange` takes a range of indices, `prange(start..end)`; to visit the elements of an array, \
             loop over its indices: `for i in prange(0..a.len())`",
        );
        return None;
    };
    if let syn::RangeLimits::Closed(t) = r.limits {
        cx.diag.error_spanned(t, "`prange` takes a half-open range `start..end`; write `prange(a..b + 1)` for `a..=b`");
        return None;
    }
    match (&r.start, &r.end) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => {
            cx.diag.error_spanned(r, "`prange` needs both ends of its range: `prange(0..n)`");
            None
        }
    }
}

/// The inner loop of a perfectly nested pair of prange loops.
fn nested(outer: &syn::ExprForLoop) -> Option<&syn::ExprForLoop> {
    let [syn::Stmt::Expr(syn::Expr::ForLoop(inner), _)] = &outer.body.stmts[..] else { return None };
    is_prange(&inner.expr).then_some(inner)
}

fn check_rectangular(cx: &mut Lower<'_>, outer: &syn::ExprForLoop, inner: &syn::ExprForLoop) {
    let syn::Pat::Ident(p) = &*outer.pat else { return };
    let uses_outer = inner.expr.to_token_stream().into_iter().any(|t| mentions(&t, &p.ident));
    if uses_outer {
        cx.diag.error_spanned(
            &inner.expr,
            format_args!(
                "the inner prange's range uses `{}`: two nested prange loops collapse into one rectangular \
                 iteration space, so the inner range cannot depend on the outer variable; make the inner loop \
                 a serial `for`",
                p.ident
            ),
        );
    }
}

fn mentions(t: &proc_macro2::TokenTree, ident: &syn::Ident) -> bool {
    match t {
        proc_macro2::TokenTree::Ident(i) => i == ident,
        proc_macro2::TokenTree::Group(g) => g.stream().into_iter().any(|t| mentions(&t, ident)),
        _ => false,
    }
}

/// `false` (after an error) for a third nested prange loop.
fn check_depth(cx: &mut Lower<'_>, inner: &syn::ExprForLoop) -> bool {
    let Some(third) = nested(inner) else { return true };
    cx.diag
        .error_spanned(&third.expr, "at most two prange loops can be nested; make the innermost loop a serial `for`");
    false
}

fn dim(cx: &mut Lower<'_>, f: &syn::ExprForLoop, start: crate::ir::Expr, end: crate::ir::Expr) -> Option<Dim> {
    let ident = match &*f.pat {
        syn::Pat::Ident(p) if p.mutability.is_some() => {
            cx.diag.error_spanned(
                p,
                "the prange variable cannot be `mut`: every iteration owns its index; copy it into a local \
                 (`let mut k = i;`) to change it",
            );
            return None;
        }
        syn::Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => &p.ident,
        other => {
            cx.diag.error_spanned(other, "name the prange variable: `for i in prange(0..n)`");
            return None;
        }
    };
    let ty = match cx.infer.unify(start.ty, end.ty) {
        Ok(()) => start.ty,
        Err(m) => {
            let (a, b) = (super::infer::describe(m.left), super::infer::describe(m.right));
            cx.diag.error_range(
                (start.span, end.end),
                format_args!("the ends of this prange range have different types, {a} and {b}; convert one with `as`"),
            );
            crate::ir::Ty::Unknown
        }
    };
    let var = cx.declare(ident, ty, false, Origin::Prange);
    let marker = match &*f.expr {
        syn::Expr::Call(c) => c.func.to_token_stream(),
        other => other.to_token_stream(),
    };
    Some(Dim { var, marker, label: f.label.as_ref().map(|l| l.name.ident.clone()), start, end, span: ident.span() })
}
