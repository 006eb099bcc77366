//! The serial variant: one thread, the loop body as written, with the bounds checks the
//! analysis proved hoistable checked once before the loop.

use super::rust::{Window, Writer, helper, label, var_ident};
use crate::analyze::{Analysis, LoopInfo};
use crate::ir::walk::{self, Visitor};
use crate::ir::{Block, Expr, ExprKind, Kernel, LitValue, PrangeLoop, Ty, VarId};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// The body of `name::serial`.
pub fn write(k: &Kernel, a: &Analysis) -> TokenStream {
    k.host.render(&mut |slot| match (k.loops.get(slot), a.loops.get(slot)) {
        (Some(l), Some(info)) => prange_loop(k, l, info),
        _ => TokenStream::new(),
    })
}

fn prange_loop(k: &Kernel, l: &PrangeLoop, info: &LoopInfo) -> TokenStream {
    let dims = l.dims.len();
    let lo: Vec<Ident> = (0..dims).map(|d| helper(&format!("__kz_lo{d}"))).collect();
    let hi: Vec<Ident> = (0..dims).map(|d| helper(&format!("__kz_hi{d}"))).collect();
    let prange: Vec<VarId> = l.dims.iter().map(|d| d.var).collect();
    let starts = l
        .dims
        .iter()
        .zip(&lo)
        .map(|(d, lo)| (lo.clone(), matches!(&d.start.kind, ExprKind::Lit(l) if l.value == LitValue::Int(0))))
        .collect();
    let mut w = Writer { k, prange, starts, windows: Vec::new(), lens: Vec::new() };

    let mut pre = TokenStream::new();
    for (d, dim) in l.dims.iter().enumerate() {
        let (start, end) = (w.expr(&dim.start, 0), w.expr(&dim.end, 0));
        let (lo, hi, marker) = (&lo[d], &hi[d], &dim.marker);
        let range = helper("__kz_range");
        pre.extend(quote!(let (#lo, #hi) = { let #range = #marker(#start..#end); (#range.start, #range.end) };));
        pre.extend(guard(k, dim.var, lo.clone()));
    }
    for &v in info.captures.iter().chain(info.reductions.iter().map(|r| &r.var)) {
        pre.extend(guard(k, v, var_ident(k, v, k.var(v).span)));
    }
    for h in &info.hoisted {
        let array = var_ident(k, h.array, l.span);
        let name = k.var(h.array).name.trim_start_matches("r#").to_owned();
        let ident = helper(&format!("__kz_w_{name}"));
        let (lo, hi) = (&lo[h.dim], &hi[h.dim]);
        let (first, last) = (Literal::i64_unsuffixed(h.first), Literal::i64_unsuffixed(h.last));
        let access = Literal::string(&name);
        let index = Literal::string(&k.var(l.dims[h.dim].var).name);
        let what = quote!(&::kernelize::__private::Access { array: #access, index: #index });
        if info.writes.iter().any(|wr| wr.array == h.array) {
            // The window borrows the array mutably for the loop: read its length first.
            if reads_len(&l.body, h.array) {
                let len = helper(&format!("__kz_len_{name}"));
                pre.extend(quote!(let #len = #array.len();));
                w.lens.push((h.array, len));
            }
            pre.extend(quote! {
                let #ident = ::kernelize::__private::window_mut(&mut #array[..], #lo, #hi, #first, #last, #what);
            });
        } else {
            pre.extend(quote! {
                let #ident = ::kernelize::__private::window(&#array[..], #lo, #hi, #first, #last, #what);
            });
        }
        w.windows.push(Window { array: h.array, ident, dim: h.dim, first: h.first, last: h.last });
    }

    let mut body = w.block(&l.body);
    for (d, dim) in l.dims.iter().enumerate().rev() {
        let var = var_ident(k, dim.var, dim.span);
        let (lo, hi) = (&lo[d], &hi[d]);
        let lbl = dim.label.as_ref().map(|i| {
            let l = label(i);
            quote!(#l:)
        });
        body = quote!({ #lbl for #var in #lo..#hi #body });
    }
    quote!({ #pre #body })
}

/// Whether the loop body asks for `array`'s length.
fn reads_len(body: &Block, array: VarId) -> bool {
    struct Find(VarId, bool);
    impl Visitor<'_> for Find {
        fn expr(&mut self, e: &Expr) {
            self.1 |= matches!(e.kind, ExprKind::Len { array, .. } if array == self.0);
            walk::walk_expr(self, e);
        }
    }
    let mut f = Find(array, false);
    f.block(body);
    f.1
}

/// `same_type::<T, _>(&x)`: rustc must agree with the type kernelize inferred for `x`.
fn guard(k: &Kernel, v: VarId, value: Ident) -> TokenStream {
    let var = k.var(v);
    match var.ty {
        Ty::Scalar(s) if !var.defaulted => {
            let ty = Ident::new(s.name(), var.span);
            quote!(::kernelize::__private::same_type::<#ty, _>(&#value);)
        }
        _ => TokenStream::new(),
    }
}
