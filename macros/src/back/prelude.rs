//! What every back end that writes Rust puts before a prange loop: the range evaluated once,
//! the type guards, and the windows of hoisted bounds checks.

use super::rust::{Window, Writer, helper, label, len_expr, var_ident};
use crate::analyze::LoopInfo;
use crate::ir::walk::{self, Visitor};
use crate::ir::{Block, Expr, ExprKind, Kernel, LenDim, LitValue, PrangeLoop, Ty, VarId};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

pub struct Prelude<'k> {
    /// A writer for the body, knowing the windows.
    pub w: Writer<'k>,
    pub tokens: TokenStream,
    /// Per dimension, the helpers holding the loop's start and end.
    pub lo: Vec<Ident>,
    pub hi: Vec<Ident>,
}

/// The prelude of `l`. With `write_windows`, arrays the loop writes get a mutable window too
/// (one thread); without, only arrays it reads do (the caller splits the written ones).
pub fn prelude<'k>(k: &'k Kernel, l: &PrangeLoop, info: &LoopInfo, write_windows: bool) -> Prelude<'k> {
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
    let mut w = Writer {
        k,
        prange,
        starts,
        windows: Vec::new(),
        lens: Vec::new(),
        relaxed: false,
        platform_math: false,
        replaced: Vec::new(),
        rows: Vec::new(),
        flats: Vec::new(),
    };

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
    // Each 2-D array the loop only reads, as one flat slice when it is in standard layout: a
    // row is then a sub-slice, found with a multiplication (see `rows.rs`).
    for &a in &info.reads {
        if let Ty::Array(t) = k.var(a).ty
            && t.ndim == 2
            && !t.is_slice_like()
        {
            let array = var_ident(k, a, l.span);
            let name = k.var(a).name.trim_start_matches("r#").to_owned();
            let flat = helper(&format!("__kz_flat_{name}"));
            pre.extend(quote! {
                #[allow(unused_variables)]
                let #flat = ::kernelize::__private::FlatRows::new(#array.as_slice(), #array.nrows(), #array.ncols());
            });
            w.flats.push((a, flat));
        }
    }
    for h in &info.hoisted {
        let written = info.writes.iter().any(|wr| wr.array == h.array);
        if written && h.window && !write_windows {
            continue;
        }
        let array = var_ident(k, h.array, l.span);
        let name = k.var(h.array).name.trim_start_matches("r#").to_owned();
        let ident = helper(&format!("__kz_w_{name}"));
        let (lo, hi) = (&lo[h.dim], &hi[h.dim]);
        let (first, last) = (Literal::i64_unsuffixed(h.first), Literal::i64_unsuffixed(h.last));
        let access = Literal::string(&name);
        let index = Literal::string(&k.var(l.dims[h.dim].var).name);
        let axis = match k.var(h.array).ty {
            Ty::Array(a) if !h.window => {
                let (axis, ndim) = (Literal::usize_unsuffixed(h.axis), Literal::usize_unsuffixed(usize::from(a.ndim)));
                quote!(::core::option::Option::Some((#axis, #ndim)))
            }
            _ => quote!(::core::option::Option::None),
        };
        let what = quote!(&::kernelize::__private::Access { array: #access, index: #index, axis: #axis });
        if !h.window {
            // An ndarray: checked before the loop; its accesses keep ndarray's own checks.
            let axis = Literal::usize_unsuffixed(h.axis);
            pre.extend(quote! {
                ::kernelize::__private::check_axis(#array.shape()[#axis], #lo, #hi, #first, #last, #what);
            });
            continue;
        }
        if written {
            // The window borrows the array mutably for the loop: read its lengths first.
            pre.extend(read_lens(&mut w, &l.body, h.array));
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
    Prelude { w, tokens: pre, lo, hi }
}

/// `'label: for i in lo..hi { for j in .. { body } }`, with each dimension's label.
pub fn loop_nest(
    k: &Kernel,
    l: &PrangeLoop,
    bounds: Vec<(TokenStream, TokenStream)>,
    body: TokenStream,
) -> TokenStream {
    let mut body = body;
    for (dim, (lo, hi)) in l.dims.iter().zip(bounds).rev() {
        let var = var_ident(k, dim.var, dim.span);
        let lbl = dim.label.as_ref().map(|i| {
            let l = label(i);
            quote!(#l:)
        });
        body = quote!({ #lbl for #var in #lo..#hi #body });
    }
    body
}

/// [`loop_nest`] with the body written by `w`; the inner loop of a 2-D nest on the windows of
/// the rows it reads and writes, when they are there (see `rows.rs`).
pub fn write_nest(k: &Kernel, l: &PrangeLoop, w: &Writer<'_>, bounds: Vec<(TokenStream, TokenStream)>) -> TokenStream {
    if let ([(lo0, hi0), (lo1, hi1)], [outer, inner]) = (bounds.as_slice(), l.dims.as_slice()) {
        let lbl = inner.label.as_ref().map(|i| {
            let l = label(i);
            quote!(#l:)
        });
        if let Some(rows) = w.row_loop(inner.var, lo1, hi1, lbl.as_ref(), &l.body) {
            let var = var_ident(k, outer.var, outer.span);
            let olbl = outer.label.as_ref().map(|i| {
                let l = label(i);
                quote!(#l:)
            });
            return quote!({ #olbl for #var in #lo0..#hi0 { #rows } });
        }
    }
    loop_nest(k, l, bounds, w.block(&l.body))
}

/// `let __kz_len_a_0 = a.len();` for each length of `array` the loop body asks for, recorded
/// in the writer so the body uses them instead of the (borrowed) array.
pub fn read_lens(w: &mut Writer<'_>, body: &Block, array: VarId) -> TokenStream {
    struct Find(VarId, Vec<LenDim>);
    impl Visitor<'_> for Find {
        fn expr(&mut self, e: &Expr) {
            if let ExprKind::Len { array, dim } = e.kind
                && array == self.0
                && !self.1.contains(&dim)
            {
                self.1.push(dim);
            }
            walk::walk_expr(self, e);
        }
    }
    let mut f = Find(array, Vec::new());
    f.block(body);
    let name = w.k.var(array).name.trim_start_matches("r#").to_owned();
    let a = var_ident(w.k, array, w.k.var(array).span);
    let mut out = TokenStream::new();
    for (n, dim) in f.1.into_iter().enumerate() {
        let ident = helper(&format!("__kz_len_{name}_{n}"));
        let len = len_expr(&a, dim);
        out.extend(quote!(let #ident = #len;));
        w.lens.push((array, dim, ident));
    }
    out
}

/// `same_type::<T, _>(&x)`: rustc must agree with the type kernelize inferred for `x`.
pub fn guard(k: &Kernel, v: VarId, value: Ident) -> TokenStream {
    let var = k.var(v);
    match var.ty {
        Ty::Scalar(s) if !var.defaulted => {
            let ty = Ident::new(s.name(), var.span);
            quote!(::kernelize::__private::same_type::<#ty, _>(&#value);)
        }
        _ => TokenStream::new(),
    }
}

/// `let x = x;` for what a closure running the loop reads from outside (shared slices and views,
/// scalars): read through the closure's captured references, they would be reloaded in inner
/// loops.
pub fn local_copies(k: &Kernel, info: &LoopInfo) -> TokenStream {
    let copies = info.reads.iter().chain(&info.captures).filter(|&&v| is_copy(k, v)).map(|&v| {
        let name = var_ident(k, v, k.var(v).span);
        quote!(let #name = #name;)
    });
    copies.collect()
}

/// [`local_copies`] for the helpers the prelude made (flat slices of 2-D arrays, lengths read
/// before the loop, windows of arrays the loop only reads): a store through a written array may
/// alias a captured reference as far as LLVM knows, so each of these was reloaded after every
/// store in the loop (the flat slice of `b[[j, k]]` at every `j` of a pairwise distance).
pub fn helper_copies(w: &Writer<'_>, info: &LoopInfo) -> TokenStream {
    let mut out = TokenStream::new();
    for (_, flat) in &w.flats {
        out.extend(quote!(let #flat = #flat;));
    }
    for (_, _, len) in &w.lens {
        out.extend(quote!(let #len = #len;));
    }
    for win in w.windows.iter().filter(|win| !info.writes.iter().any(|wr| wr.array == win.array)) {
        let ident = &win.ident;
        out.extend(quote!(let #ident = #ident;));
    }
    out
}

/// `let mut a = a.kz_local();` for each array the loop writes by name, and `let w = &mut *w;`
/// for each window of an array it writes: inside a clone's closure, the array as a local
/// value (`__private::LocalView`).
pub fn written_locals(w: &Writer<'_>, info: &LoopInfo) -> TokenStream {
    let mut out = TokenStream::new();
    let mut seen = Vec::new();
    for win in w.windows.iter().filter(|win| info.writes.iter().any(|wr| wr.array == win.array)) {
        let ident = &win.ident;
        out.extend(quote!(let #ident = &mut *#ident;));
    }
    for wr in &info.writes {
        if seen.contains(&wr.array) || w.windows.iter().any(|win| win.array == wr.array) {
            continue;
        }
        seen.push(wr.array);
        let name = var_ident(w.k, wr.array, w.k.var(wr.array).span);
        out.extend(quote!(let mut #name = { use ::kernelize::__private::LocalView as _; #name.kz_local() };));
    }
    out
}

/// `body` run inside one call of `__private::noalias` per window of an array the loop writes,
/// which hands the window to it as a parameter: a `&mut [T]` parameter is `noalias` for LLVM,
/// which then knows that a store through the window changes no other array the loop reads (and
/// keeps `d[i]` of `d[i] += a[[i, k]] * a[[i, k]]` in a register over the `k` loop). Captured by
/// a clone's closure, the window was a pointer loaded from memory, of which LLVM knows nothing.
pub fn noalias_windows(w: &Writer<'_>, info: &LoopInfo, body: TokenStream) -> TokenStream {
    let mut body = body;
    for win in w.windows.iter().filter(|win| info.writes.iter().any(|wr| wr.array == win.array)) {
        let ident = &win.ident;
        body = quote!(::kernelize::__private::noalias(&mut *#ident, #[inline(always)] |#ident| { #body }));
    }
    body
}

/// Types that `let x = x;` copies rather than moves: scalars, `&[T]`, `ArrayView`.
fn is_copy(k: &Kernel, v: VarId) -> bool {
    match k.var(v).ty {
        Ty::Scalar(_) => true,
        Ty::Array(a) => !a.mutable && matches!(a.repr, crate::ir::Repr::Slice | crate::ir::Repr::View),
        _ => false,
    }
}

/// `let flat = FlatRows::covering(flat, end);` for each read-only 2-D array whose rows the loop
/// takes at its own index (`a[[i, ..]]`, see [`rows_at_own_index`]), for code that runs the
/// loop's rows below `end`: the flat slice is kept only if it has those rows, so that LLVM drops
/// the check of each row's lookup. Without it, the code takes the array's own indexing, which
/// panics where `serial` does.
pub fn covering(w: &Writer<'_>, l: &PrangeLoop, end: &TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    for (array, flat) in &w.flats {
        if rows_at_own_index(l, *array) {
            out.extend(quote!(let #flat = ::kernelize::__private::FlatRows::covering(#flat, #end);));
        }
    }
    out
}

/// Whether every access of the 2-D `array` in the loop's body takes row `i`, the (outer)
/// prange variable, and there is one.
fn rows_at_own_index(l: &PrangeLoop, array: crate::ir::VarId) -> bool {
    use crate::ir::walk::{self, Visitor};
    use crate::ir::{Expr, ExprKind, Place, Stmt, StmtKind};
    struct Find {
        array: crate::ir::VarId,
        var: crate::ir::VarId,
        own: usize,
        other: usize,
    }
    impl Find {
        fn index(&mut self, index: &[Expr]) {
            let own = index.len() == 2 && matches!(index[0].kind, ExprKind::Var(v) if v == self.var);
            if own {
                self.own += 1;
            } else {
                self.other += 1;
            }
        }
    }
    impl Visitor<'_> for Find {
        fn stmt(&mut self, s: &Stmt) {
            if let StmtKind::Assign { place: Place::Index { array, index }, .. } = &s.kind
                && *array == self.array
            {
                self.index(index);
            }
            walk::walk_stmt(self, s);
        }
        fn expr(&mut self, e: &Expr) {
            if let ExprKind::Index { array, index } = &e.kind
                && *array == self.array
            {
                self.index(index);
            }
            walk::walk_expr(self, e);
        }
    }
    let mut f = Find { array, var: l.dims[0].var, own: 0, other: 0 };
    f.block(&l.body);
    f.own > 0 && f.other == 0
}
