//! The host side of `name::cuda` and `name::cuda_device`: the user's host code as written,
//! with each prange loop replaced by a launch of its PTX entry.
//!
//! For each loop, in host code: the range is evaluated once; captured scalars are passed by
//! value; each reduction gets one partial per block, combined on the host in block order.
//! `cuda_device` takes device arrays in place of the array parameters and copies nothing.
//!
//! `cuda` on host arrays, where `cuda_device` exists (the host code uses the arrays only
//! through their lengths), is one call of `cuda_device` between the copies: each array in
//! once, unless the first loop that uses it overwrites it completely (`analyze::copies`), and
//! each written array back once. Otherwise each loop copies the arrays it reads to the device,
//! and those it writes there and back (read-only ones are not copied back).
//!
//! The variant returns `Result<R, kernelize::Error>`: each `return e` of the host code becomes
//! `return Ok(e)`, and every CUDA failure returns early with the error.

use super::prelude::guard;
use super::reduce::combine_step;
use super::rust::{Writer, helper, var_ident};
use crate::analyze::{Analysis, LoopInfo};
use crate::ir::{Kernel, PrangeLoop, Repr, Scalar, Ty, VarId};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// Where the arrays come from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Arrays {
    /// Host arrays, copied at every call.
    Host,
    /// Device arrays passed in place of the array parameters.
    Device,
}

/// The body of `name::cuda` (or `name::cuda_device`). A `?` at the function's level is
/// refused before (see `ir::HostBody::tries`).
pub fn write(k: &Kernel, a: &Analysis, arrays: Arrays) -> TokenStream {
    if arrays == Arrays::Host && device_variant_blocker(k, a).is_none() {
        // The host code between the loops sees only the arrays' lengths: each array goes to
        // the GPU once for the whole call, through `name::cuda_device`.
        return whole_call(k, a);
    }
    let body = k.host.render_returning(
        &mut |slot| match (k.loops.get(slot), a.loops.get(slot)) {
            (Some(l), Some(info)) => launch(k, l, info, slot, arrays),
            _ => TokenStream::new(),
        },
        &|value| quote!(::core::result::Result::Ok(#value)),
    );
    quote!({ ::core::result::Result::Ok({ #body }) })
}

/// `::kernelize::__private::cuda::NAME`.
fn rt(name: &str) -> TokenStream {
    let segments = name.split("::").map(|s| Ident::new(s, Span::call_site()));
    quote!(::kernelize::__private::cuda #(::#segments)*)
}

/// `name::cuda` on host arrays as one call of `name::cuda_device`: each array parameter is
/// copied to the GPU before it (or only allocated there, when the first loop that uses it
/// overwrites it completely, or no loop uses it), and each array a loop writes is copied back
/// after it (see `analyze::copies`). On an error nothing is copied back.
fn whole_call(k: &Kernel, a: &Analysis) -> TokenStream {
    let m = helper("__kz_m");
    let plan = crate::analyze::copies::plan(k, a);
    let mut setup = TokenStream::new();
    let mut back = TokenStream::new();
    let args = k.params.iter().map(|p| {
        let Some(c) = plan.iter().find(|c| c.var == p.var) else {
            let name = &p.name;
            return quote!(#name);
        };
        let (dev, s, b) = host_copy(k, c, &m);
        setup.extend(s);
        back.extend(b);
        let Ty::Array(ty) = k.var(c.var).ty else { return TokenStream::new() };
        if ty.mutable { quote!(&mut #dev) } else { quote!(&#dev) }
    });
    let args: Vec<TokenStream> = args.collect();
    let (kernel, module) = (k.name.to_string().trim_start_matches("r#").to_owned(), rt("module"));
    let result = helper("__kz_result");
    quote!({
        let #m = #module(#kernel, Self::PTX)?;
        #setup
        let #result = Self::cuda_device(#(#args),*)?;
        #back
        ::core::result::Result::Ok(#result)
    })
}

/// The device array of one array parameter for [`whole_call`], the code that makes it (an
/// upload, or an allocation of the same shape) and the code that copies it back.
fn host_copy(k: &Kernel, c: &crate::analyze::copies::ArrayCopy, m: &Ident) -> (Ident, TokenStream, TokenStream) {
    let Ty::Array(ty) = k.var(c.var).ty else { return (helper("__kz_none"), TokenStream::new(), TokenStream::new()) };
    let name = var_ident(k, c.var, k.var(c.var).span);
    let plain = k.var(c.var).name.trim_start_matches("r#").to_owned();
    let dev = helper(&format!("__kz_d_{plain}"));
    let elem = Ident::new(ty.elem.name(), Span::call_site());
    let alloc = match ty.ndim {
        1 => quote!(#m.zeros::<#elem>(#name.len())?),
        _ => quote!(#m.zeros_matrix::<#elem>(#name.nrows(), #name.ncols())?),
    };
    let make = match (c.upload, &c.overwritten) {
        (false, _) => alloc,
        (true, None) => upload(&name, ty, m),
        (true, Some(o)) => {
            // The loop at `o.line` writes every element when its ends are the lengths.
            let w = plain_writer(k);
            let l = &k.loops[o.slot];
            let lens = if ty.ndim == 1 {
                vec![quote!(#name.len())]
            } else {
                vec![quote!(#name.nrows()), quote!(#name.ncols())]
            };
            let checks = o.ends.iter().zip(lens).filter_map(|(end, len)| {
                let e = match *end {
                    crate::analyze::copies::End::Dim(d) => &l.dims.get(d)?.end,
                    crate::analyze::copies::End::Inner(n) => crate::analyze::copies::inner_end(l, n)?,
                };
                let e = w.expr(e, 0);
                Some(quote!(<usize as ::core::convert::TryFrom<_>>::try_from(#e).ok() == ::core::option::Option::Some(#len)))
            });
            let up = upload(&name, ty, m);
            quote!(if true #(&& #checks)* { #alloc } else { #up })
        }
    };
    let binding = if ty.mutable { quote!(let mut #dev) } else { quote!(let #dev) };
    let back = if c.download { copy_back(&name, &dev, ty) } else { TokenStream::new() };
    (dev.clone(), quote!(#binding = #make;), back)
}

/// The upload of host array `name`: a contiguous array as it is, a strided one packed first.
fn upload(name: &Ident, ty: crate::ir::ArrayTy, m: &Ident) -> TokenStream {
    match (ty.ndim, ty.repr) {
        (1, Repr::Slice | Repr::Vec) => quote!(#m.upload(&#name[..])?),
        (1, _) => quote! {
            match #name.as_slice() {
                ::core::option::Option::Some(__kz_s) => #m.upload(__kz_s)?,
                ::core::option::Option::None => #m.upload(&#name.iter().copied().collect::<::std::vec::Vec<_>>())?,
            }
        },
        _ => quote!(#m.upload_matrix(#name.view())?),
    }
}

/// The copy of device array `dev` back into host array `name`, of any layout.
fn copy_back(name: &Ident, dev: &Ident, ty: crate::ir::ArrayTy) -> TokenStream {
    match (ty.ndim, ty.repr) {
        (1, Repr::Slice | Repr::Vec) => quote!(#dev.copy_to(&mut #name[..])?;),
        (1, _) => quote! {
            match #name.as_slice_mut() {
                ::core::option::Option::Some(__kz_s) => #dev.copy_to(__kz_s)?,
                ::core::option::Option::None => {
                    for (__kz_to, __kz_from) in #name.iter_mut().zip(#dev.to_vec()?) { *__kz_to = __kz_from; }
                }
            }
        },
        _ => quote!(#dev.copy_to(#name.view_mut())?;),
    }
}

/// One array's device copy (or the device array itself) and its arguments.
fn array_args(
    k: &Kernel,
    var: VarId,
    written: bool,
    arrays: Arrays,
    m: &Ident,
) -> (TokenStream, TokenStream, TokenStream) {
    let Ty::Array(ty) = k.var(var).ty else { return Default::default() };
    let name = var_ident(k, var, k.var(var).span);
    let plain = k.var(var).name.trim_start_matches("r#").to_owned();
    let dev = helper(&format!("__kz_d_{plain}"));
    let arg = rt("Arg");
    let (setup, back) = match arrays {
        Arrays::Device => {
            let check = rt("same_device");
            (quote!(#check(&#m, #name.device())?; let #dev = &*#name;), TokenStream::new())
        }
        Arrays::Host => {
            let upload = upload(&name, ty, m);
            let back = if written { copy_back(&name, &dev, ty) } else { TokenStream::new() };
            let binding = if written { quote!(let mut #dev) } else { quote!(let #dev) };
            (quote!(#binding = #upload;), back)
        }
    };
    let lens = if ty.ndim == 1 {
        quote!(#arg::U64(#name.len() as u64),)
    } else {
        quote!(#arg::U64(#name.nrows() as u64), #arg::U64(#name.ncols() as u64),)
    };
    let args = quote!(#arg::Ptr(#dev.device_ptr()), #lens);
    (setup, args, back)
}

/// A writer of host expressions (ranges, lengths) for the GPU variants' host code.
fn plain_writer(k: &Kernel) -> Writer<'_> {
    Writer {
        k,
        prange: Vec::new(),
        starts: Vec::new(),
        windows: Vec::new(),
        lens: Vec::new(),
        relaxed: false,
        platform_math: false,
        replaced: Vec::new(),
        rows: Vec::new(),
        flats: Vec::new(),
    }
}

/// The launch of loop `slot`.
fn launch(k: &Kernel, l: &PrangeLoop, info: &LoopInfo, slot: usize, arrays: Arrays) -> TokenStream {
    let w = plain_writer(k);
    let m = helper("__kz_m");
    let arg = rt("Arg");
    let count = quote!(::kernelize::__private::runtime::parallel::LoopIndex::count);
    let mut pre = TokenStream::new();
    let mut dims = Vec::new();
    let mut total = quote!(1u64);
    for (d, dim) in l.dims.iter().enumerate() {
        let (lo, hi, n) =
            (helper(&format!("__kz_lo{d}")), helper(&format!("__kz_hi{d}")), helper(&format!("__kz_n{d}")));
        let (start, end, marker) = (w.expr(&dim.start, 0), w.expr(&dim.end, 0), &dim.marker);
        let range = helper("__kz_range");
        pre.extend(quote! {
            let (#lo, #hi) = { let #range = #marker(#start..#end); (#range.start, #range.end) };
            let #n: u64 = #count(#lo, #hi) as u64;
        });
        pre.extend(guard(k, dim.var, lo.clone()));
        // `as u64` keeps the bits of a negative start; the entry adds in 64 bits and truncates.
        dims.push(quote!(#arg::U64(#lo as u64), #arg::U64(#n),));
        total = quote!(#total.saturating_mul(#n));
    }
    for &v in info.captures.iter().chain(info.reductions.iter().map(|r| &r.var)) {
        pre.extend(guard(k, v, var_ident(k, v, k.var(v).span)));
    }
    let (mut setup, mut args, mut back) = (TokenStream::new(), TokenStream::new(), TokenStream::new());
    for &v in &info.reads {
        let (s, a, _) = array_args(k, v, false, arrays, &m);
        setup.extend(s);
        args.extend(a);
    }
    for wr in &info.writes {
        let (s, a, b) = array_args(k, wr.array, true, arrays, &m);
        setup.extend(s);
        args.extend(a);
        back.extend(b);
    }
    for &v in &info.captures {
        let name = var_ident(k, v, k.var(v).span);
        let value = match k.var(v).ty {
            Ty::Scalar(Scalar::F32) => quote!(#arg::F32(#name)),
            Ty::Scalar(Scalar::F64) => quote!(#arg::F64(#name)),
            Ty::Scalar(Scalar::Bool) => quote!(#arg::U32(#name as u32)),
            Ty::Scalar(Scalar::I8 | Scalar::I16 | Scalar::I32) => quote!(#arg::I32(#name as i32)),
            Ty::Scalar(Scalar::U8 | Scalar::U16 | Scalar::U32) => quote!(#arg::U32(#name as u32)),
            Ty::Scalar(Scalar::I64 | Scalar::Isize) => quote!(#arg::I64(#name as i64)),
            _ => quote!(#arg::U64(#name as u64)),
        };
        args.extend(quote!(#value,));
    }
    let grid = helper("__kz_grid");
    let ran = helper("__kz_ran");
    let mut sizes = TokenStream::new();
    let mut combine = TokenStream::new();
    for (n, r) in info.reductions.iter().enumerate() {
        let name = var_ident(k, r.var, k.var(r.var).span);
        let s = match k.var(r.var).ty {
            Ty::Scalar(s) => s,
            _ => Scalar::F64,
        };
        let x = helper("__kz_x");
        let (elem, value) = if s == Scalar::Bool {
            (quote!(u8), quote!((#x != 0)))
        } else {
            let t = Ident::new(s.name(), Span::call_site());
            (quote!(#t), quote!(#x))
        };
        sizes.extend(quote!(::core::mem::size_of::<#elem>(),));
        let step = combine_step(r.op, &name, &value);
        let n = Literal::usize_unsuffixed(n);
        combine.extend(quote!(for #x in #ran.get::<#elem>(#n) { #step }));
    }
    let (kernel, entry) = (k.name.to_string().trim_start_matches("r#").to_owned(), k.entry_name(slot));
    let what = Literal::string(&format!("the prange loop at line {}", l.line));
    let module = rt("module");
    // The flag word (first parameter) and the partials (last ones) live in the device's
    // scratch memory: `run` passes them, reads them back in one copy and checks the flag.
    quote! {
        {
            #pre
            let __kz_total: u64 = #total;
            if __kz_total > 0 {
                let #m = #module(#kernel, Self::PTX)?;
                #setup
                let #grid = #m.grid(#entry, __kz_total)?;
                let #ran = #m.run(#entry, #grid, &[#(#dims)* #args], &[#sizes], #what)?;
                #back
                #combine
            }
        }
    }
}

/// Why `name::cuda_device` cannot be written for `k`, if it cannot: its host code must use the
/// array parameters only through their lengths, and its loops only arrays that are parameters.
pub fn device_variant_blocker(k: &Kernel, a: &Analysis) -> Option<String> {
    let arrays: Vec<VarId> = k.params.iter().map(|p| p.var).filter(|&v| matches!(k.var(v).ty, Ty::Array(_))).collect();
    for info in &a.loops {
        for v in info.reads.iter().chain(info.writes.iter().map(|w| &w.array)) {
            if !arrays.contains(v) {
                return Some(format!("a prange loop uses `{}`, an array made in host code", k.var(*v).name));
            }
        }
    }
    let names: Vec<String> = arrays.iter().map(|&v| k.var(v).name.clone()).collect();
    let tokens: Vec<proc_macro2::TokenTree> = flatten(k.host.tokens.clone());
    for (n, t) in tokens.iter().enumerate() {
        let proc_macro2::TokenTree::Ident(i) = t else { continue };
        let name = i.to_string();
        if !names.contains(&name) {
            continue;
        }
        let method = match (tokens.get(n + 1), tokens.get(n + 2)) {
            (Some(proc_macro2::TokenTree::Punct(p)), Some(proc_macro2::TokenTree::Ident(m))) if p.as_char() == '.' => {
                m.to_string()
            }
            _ => String::new(),
        };
        if !matches!(method.as_str(), "len" | "nrows" | "ncols" | "shape" | "is_empty") {
            return Some(format!("host code uses the array `{name}` other than through its lengths"));
        }
    }
    None
}

fn flatten(tokens: TokenStream) -> Vec<proc_macro2::TokenTree> {
    let mut out = Vec::new();
    for t in tokens {
        match t {
            proc_macro2::TokenTree::Group(g) => out.extend(flatten(g.stream())),
            other => out.push(other),
        }
    }
    out
}

/// The parameters of `name::cuda_device`: each array parameter becomes a device array.
pub fn device_params(k: &Kernel) -> Vec<TokenStream> {
    k.params
        .iter()
        .map(|p| match k.var(p.var).ty {
            Ty::Array(a) => {
                let name = &p.name;
                let elem = Ident::new(a.elem.name(), Span::call_site());
                let ty = if a.ndim == 1 { quote!(DeviceVec) } else { quote!(DeviceMatrix) };
                let mutability = a.mutable.then(|| quote!(mut));
                quote!(#name: &#mutability ::kernelize::cuda::#ty<#elem>)
            }
            _ => p.tokens.clone(),
        })
        .collect()
}
