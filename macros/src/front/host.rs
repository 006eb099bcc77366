//! Host code: the function body outside prange loops. It stays as written; this walker only
//! tracks the variables it declares (and their types, where it can tell) and cuts each
//! prange loop out, leaving a slot in its place.

use super::context::Lower;
use super::infer::Kind;
use super::syntax::{is_prange, pattern_bindings};
use super::{expr, prange, types};
use crate::ir::{self, HostBody, Origin, PrangeLoop, Ty};
use proc_macro2::Span;
use quote::ToTokens;
use syn::visit_mut::{self, VisitMut};

pub fn lower(cx: &mut Lower<'_>, block: &syn::Block, ret: Option<syn::Type>) -> (HostBody, Vec<PrangeLoop>) {
    let mut block = block.clone();
    let mut host = Host { cx, loops: Vec::new(), tries: Vec::new(), closures: 0, ret };
    host.cx.push_scope();
    for stmt in &mut block.stmts {
        host.visit_stmt_mut(stmt);
    }
    if let Some(syn::Stmt::Expr(tail, None)) = block.stmts.last() {
        host.unify_with_return(tail);
    }
    host.cx.pop_scope();
    (HostBody { tokens: block.to_token_stream(), tries: host.tries }, host.loops)
}

/// What is emitted beside the errors when a kernel does not compile, so that callers and the
/// IDE keep working: the function as written, minus what rustc would report a second time.
/// With `without_loops`, every prange loop becomes `{}` (the front end refused something in
/// it, and rustc would repeat a type error there); `const` is dropped in any case.
pub fn fallback_function(func: &syn::ItemFn, without_loops: bool) -> syn::ItemFn {
    struct Empty;
    impl VisitMut for Empty {
        fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
            match e {
                syn::Expr::ForLoop(f) if is_prange(&f.expr) => {
                    // Name `prange` still, so the user's import does not become unused.
                    let syn::Expr::Call(call) = &*f.expr else { return };
                    let func = &call.func;
                    *e = syn::parse_quote!({ let _ = #func::<usize>; });
                }
                _ => visit_mut::visit_expr_mut(self, e),
            }
        }
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }
    let mut func = func.clone();
    func.sig.constness = None;
    if without_loops {
        Empty.visit_block_mut(&mut func.block);
    }
    func
}

struct Host<'a, 'd> {
    cx: &'a mut Lower<'d>,
    loops: Vec<PrangeLoop>,
    /// The `?`s of the function's own level.
    tries: Vec<Span>,
    /// Depth of closures and async blocks around the code being walked.
    closures: usize,
    ret: Option<syn::Type>,
}

impl Host<'_, '_> {
    fn take_prange(&mut self, e: &mut syn::Expr) {
        let syn::Expr::ForLoop(f) = &*e else { return };
        if self.closures > 0 {
            self.cx.diag.error_spanned(
                &f.expr,
                "a prange loop cannot be inside a closure or async block: kernelize only transforms loops of the \
                 kernel function's own body; move the loop out of the closure",
            );
            return;
        }
        let Some(lowered) = prange::lower(self.cx, f) else { return };
        let slot = self.loops.len();
        self.loops.push(lowered);
        let name = syn::Ident::new(ir::SLOT, Span::call_site());
        let slot = proc_macro2::Literal::usize_unsuffixed(slot);
        *e = syn::parse_quote!(#name!(#slot));
    }

    fn bind_local(&mut self, pat: &syn::Pat, init: Option<&syn::Expr>) {
        match pat {
            syn::Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => {
                let ty = match init {
                    Some(init) => self.type_of(init),
                    None => self.cx.fresh(Kind::Any),
                };
                self.cx.declare(&p.ident, ty, p.mutability.is_some(), Origin::Host);
            }
            syn::Pat::Type(t) => match &*t.pat {
                syn::Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => {
                    let ty = types::annotation(&t.ty).unwrap_or(Ty::Unknown);
                    if let (Some(init), Ty::Scalar(_)) = (init, ty) {
                        let found = self.type_of(init);
                        let _ = self.cx.infer.unify(ty, found);
                    }
                    self.cx.declare(&p.ident, ty, p.mutability.is_some(), Origin::Host);
                }
                other => self.bind_all(other),
            },
            other => self.bind_all(other),
        }
    }

    /// Declares every name a pattern binds, with a type kernelize does not know.
    fn bind_all(&mut self, pat: &syn::Pat) {
        for (ident, mutable) in pattern_bindings(pat) {
            self.cx.declare(&ident, Ty::Unknown, mutable, Origin::Host);
        }
    }

    /// The type of a host expression if it is in the kernel language, else "anything".
    fn type_of(&mut self, e: &syn::Expr) -> Ty {
        let (lowered, clean) = self.cx.quietly(|cx| expr::lower(cx, e));
        if clean { lowered.ty } else { Ty::Unknown }
    }

    /// `return x` / a tail `x` fixes `x`'s type to the function's return type, as rustc does.
    fn unify_with_return(&mut self, e: &syn::Expr) {
        let Some(ret) = self.ret.clone() else { return };
        self.unify_return_parts(e, &ret);
    }

    fn unify_return_parts(&mut self, e: &syn::Expr, ret: &syn::Type) {
        match (e, ret) {
            (syn::Expr::Tuple(t), syn::Type::Tuple(tt)) if t.elems.len() == tt.elems.len() => {
                for (e, ty) in t.elems.iter().zip(&tt.elems) {
                    self.unify_return_parts(e, ty);
                }
            }
            (syn::Expr::Paren(p), _) => self.unify_return_parts(&p.expr, ret),
            (syn::Expr::Path(p), _) => {
                let (Some(ident), Some(s)) = (p.path.get_ident(), types::scalar(ret)) else { return };
                if let Some(var) = self.cx.lookup(&ident.to_string()) {
                    let ty = self.cx.var(var).ty;
                    let _ = self.cx.infer.unify(ty, Ty::Scalar(s));
                }
            }
            _ => {}
        }
    }

    fn range_elem_type(&mut self, iter: &syn::Expr) -> Ty {
        match iter {
            syn::Expr::Range(r) => match (&r.start, &r.end) {
                (Some(a), Some(b)) => {
                    let (ta, tb) = (self.type_of(a), self.type_of(b));
                    if self.cx.infer.unify(ta, tb).is_ok() { ta } else { Ty::Unknown }
                }
                _ => Ty::Unknown,
            },
            syn::Expr::Paren(p) => self.range_elem_type(&p.expr),
            _ => Ty::Unknown,
        }
    }
}

impl VisitMut for Host<'_, '_> {
    fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
        if is_prange(e) {
            let syn::Expr::Call(c) = &*e else { return };
            self.cx.diag.error_spanned(
                &c.func,
                "`prange(..)` can only be the whole range of a `for` loop, `for i in prange(0..n) { ... }`: its \
                 iterations have no order, so it cannot be reversed, stepped or stored; compute the index you \
                 need from `i` inside the loop",
            );
            return;
        }
        match e {
            syn::Expr::ForLoop(f) if is_prange(&f.expr) => self.take_prange(e),
            syn::Expr::ForLoop(f) => {
                self.visit_expr_mut(&mut f.expr);
                let elem = self.range_elem_type(&f.expr);
                self.cx.push_scope();
                match &*f.pat {
                    syn::Pat::Ident(p) if p.subpat.is_none() => {
                        self.cx.declare(&p.ident, elem, p.mutability.is_some(), Origin::Host);
                    }
                    other => self.bind_all(other),
                }
                self.visit_block_mut(&mut f.body);
                self.cx.pop_scope();
            }
            syn::Expr::Closure(c) => {
                self.closures += 1;
                self.cx.push_scope();
                for input in &c.inputs {
                    self.bind_all(input);
                }
                self.visit_expr_mut(&mut c.body);
                self.cx.pop_scope();
                self.closures -= 1;
            }
            syn::Expr::Async(a) => {
                self.closures += 1;
                self.visit_block_mut(&mut a.block);
                self.closures -= 1;
            }
            syn::Expr::Let(l) => {
                self.visit_expr_mut(&mut l.expr);
                self.bind_all(&l.pat);
            }
            syn::Expr::Return(r) => {
                if let (Some(value), 0) = (&r.expr, self.closures) {
                    let value = (**value).clone();
                    self.unify_with_return(&value);
                }
                visit_mut::visit_expr_return_mut(self, r);
                if self.closures == 0 {
                    let (mark, value) = (syn::Ident::new(ir::RETURN, Span::call_site()), r.expr.take());
                    r.expr = Some(Box::new(syn::parse_quote!(#mark!(#value))));
                }
            }
            syn::Expr::Try(t) => {
                if self.closures == 0 {
                    self.tries.push(t.question_token.span);
                }
                visit_mut::visit_expr_try_mut(self, t);
            }
            _ => visit_mut::visit_expr_mut(self, e),
        }
    }

    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        self.cx.push_scope();
        visit_mut::visit_block_mut(self, b);
        self.cx.pop_scope();
    }

    fn visit_local_mut(&mut self, local: &mut syn::Local) {
        if let Some(init) = &mut local.init {
            self.visit_expr_mut(&mut init.expr);
            if let Some((_, diverge)) = &mut init.diverge {
                self.visit_expr_mut(diverge);
            }
        }
        let init = local.init.as_ref().map(|i| (*i.expr).clone());
        self.bind_local(&local.pat, init.as_ref());
    }

    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        self.cx.push_scope();
        self.bind_all(&arm.pat);
        if let Some((_, guard)) = &mut arm.guard {
            self.visit_expr_mut(guard);
        }
        self.visit_expr_mut(&mut arm.body);
        self.cx.pop_scope();
    }

    // Nested items have their own scopes, and macro arguments are not code yet.
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_macro_mut(&mut self, _: &mut syn::Macro) {}
}
