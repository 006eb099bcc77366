//! The function's signature: what makes a `fn` a kernel, and its parameters.

use super::context::Lower;
use super::types;
use crate::ir::{self, Origin};
use proc_macro2::TokenStream;
use quote::ToTokens;

pub struct Sig {
    pub params: Vec<ir::Param>,
    pub generics: TokenStream,
    pub ret: Option<syn::Type>,
}

/// Lowers the signature; `None` when it cannot be a kernel's at all.
pub fn lower(cx: &mut Lower<'_>, func: &syn::ItemFn) -> Option<Sig> {
    let sig = &func.sig;
    let before = cx.diag.len();
    check_qualifiers(cx, sig);
    check_generics(cx, &sig.generics);
    if let Some(v) = &sig.variadic {
        cx.diag.error_spanned(v, "a kernel cannot be variadic; take a slice `&[T]` instead");
    }
    if cx.diag.len() > before {
        // A generic or otherwise impossible signature: its parameter types would only repeat it.
        return None;
    }
    let mut params = Vec::new();
    for input in &sig.inputs {
        match input {
            syn::FnArg::Receiver(r) => cx.diag.error_spanned(
                r,
                "`#[kernel]` goes on a free function, not a method: move the function out of the `impl` block \
                 and pass what it needs from `self` as parameters",
            ),
            syn::FnArg::Typed(t) => params.extend(param(cx, t)),
        }
    }
    if cx.diag.len() > before {
        return None;
    }
    let ret = match &sig.output {
        syn::ReturnType::Type(_, ty) => Some((**ty).clone()),
        syn::ReturnType::Default => None,
    };
    Some(Sig { params, generics: sig.generics.to_token_stream(), ret })
}

fn check_qualifiers(cx: &mut Lower<'_>, sig: &syn::Signature) {
    if let Some(t) = &sig.constness {
        cx.diag.error_spanned(t, "a `const fn` cannot be a kernel; remove `const`");
    }
    if let Some(t) = &sig.asyncness {
        cx.diag.error_spanned(
            t,
            "an `async fn` cannot be a kernel: a kernel runs to completion on the CPU or GPU; \
             remove `async` and call the kernel from async code (e.g. in `spawn_blocking`)",
        );
    }
    if let Some(t) = &sig.unsafety {
        cx.diag.error_spanned(
            t,
            "an `unsafe fn` cannot be a kernel: kernelize checks the kernel's memory accesses itself; remove `unsafe`",
        );
    }
    if let Some(abi) = &sig.abi {
        cx.diag.error_spanned(
            abi,
            "a kernel cannot have an `extern` ABI; remove it and wrap the kernel in an `extern` function if needed",
        );
    }
}

fn check_generics(cx: &mut Lower<'_>, generics: &syn::Generics) {
    for p in &generics.params {
        if matches!(p, syn::GenericParam::Type(_) | syn::GenericParam::Const(_)) {
            cx.diag.error_spanned(
                p,
                "a kernel cannot be generic: each variant is compiled for concrete types; \
                 write it for one element type (e.g. `f64`), or call it from a generic wrapper per type",
            );
        }
    }
    if let Some(w) = &generics.where_clause {
        cx.diag.error_spanned(w, "a kernel cannot have a `where` clause: write it for concrete types");
    }
}

fn param(cx: &mut Lower<'_>, t: &syn::PatType) -> Option<ir::Param> {
    if let syn::Pat::Wild(w) = &*t.pat {
        cx.diag.error_spanned(w, "give the kernel parameter a name, e.g. `_x: f64` for one the body does not use");
        return None;
    }
    let syn::Pat::Ident(p) = &*t.pat else {
        cx.diag.error_spanned(
            &t.pat,
            "write each kernel parameter as a plain name with a type, e.g. `a: &[f64]`, and destructure in the body",
        );
        return None;
    };
    if p.by_ref.is_some() || p.subpat.is_some() {
        cx.diag.error_spanned(p, "write the kernel parameter as a plain name, e.g. `x: f64`");
        return None;
    }
    let ty = match types::param(&t.ty) {
        Ok(ty) => ty,
        Err(e) => {
            cx.diag.push(e);
            return None;
        }
    };
    let var = cx.declare(&p.ident, ty, p.mutability.is_some(), Origin::Param);
    Some(ir::Param { var, tokens: t.to_token_stream(), name: p.ident.clone() })
}
