//! Runs the phases and assembles the output: the dispatching function, the variants and
//! `REPORT`. On any error the user's function is emitted beside the errors (see
//! `front::fallback_function`), so callers still type-check and the IDE keeps working.

use crate::diag::Diag;
use crate::ir::Kernel;
use crate::options::Options;
use crate::{analyze, back, front, options, report};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, quote_spanned};

/// One generated variant: `name::fn_name`, run for `Target::target`.
pub struct Variant {
    pub fn_name: &'static str,
    pub target: &'static str,
    pub doc: &'static str,
    pub body: TokenStream,
}

pub fn kernel(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut diag = Diag::new();
    let options = options::parse(args, &mut diag);
    let func: syn::ItemFn = match syn::parse2(item.clone()) {
        Ok(f) => f,
        Err(e) => {
            let error =
                syn::Error::new(e.span(), "`#[kernel]` goes on a function: `#[kernel] fn name(a: &[f64]) { ... }`");
            let error = error.into_compile_error();
            return quote!(#error #item);
        }
    };
    let kernel = front::lower(&func, &mut diag);
    let front_failed = diag.has_errors();
    let analysis = match (&kernel, front_failed) {
        (Some(k), false) => Some(analyze::run(k, &mut diag)),
        _ => None,
    };
    if let (Some(span), Some(a)) = (options.fastmath, &analysis) {
        refuse_opaque(a, span, &mut diag);
    }
    match (diag.check(), kernel, analysis) {
        (Ok(()), Some(k), Some(a)) => emit(&k, &a, &options),
        (result, kernel, _) => {
            let errors = result.err().map(syn::Error::into_compile_error);
            let shim = kernel.as_ref().map(|k| fallback_variants(k, &options));
            let func = front::fallback_function(&func, front_failed);
            quote!(#errors #[allow(unused)] #func #shim)
        }
    }
}

/// `fastmath` compiles loop bodies for SIMD lanes: code outside the kernel language cannot be.
fn refuse_opaque(a: &analyze::Analysis, option: Span, diag: &mut Diag) {
    let _ = option;
    for (span, what) in a.loops.iter().flat_map(|l| &l.opaque) {
        let fix = if what.contains("destructuring") {
            "write one `let` per variable (`let lo = ..; let hi = ..;`), or remove `fastmath`"
        } else {
            "compute it outside the prange loop, write it in the kernel language, or remove `fastmath`"
        };
        diag.error(
            *span,
            format_args!("`fastmath` runs the prange loop's body in SIMD lanes and cannot compile {what} there; {fix}"),
        );
    }
}

const SERIAL_DOC: &str = "one thread, IEEE arithmetic: the reference every other variant is tested against.";
const PARALLEL_DOC: &str = "prange loops split into chunks run on all cores; reductions combined in chunk \
                            order, so results are the same for every thread count.";

const FASTMATH_DOC: &str = "one thread, prange loops run in SIMD lanes with relaxed floating point (re-association, \
                            contraction into FMA, kernelize's math library); the instruction set is chosen at run \
                            time (`KERNELIZE_ISA` forces one).";
const PARALLEL_FASTMATH_DOC: &str = "the chunks of `parallel`, each run in SIMD lanes as `fastmath` does.";

/// The variants the options ask for, with `body` writing each.
fn variants(options: &Options, mut body: impl FnMut(&'static str) -> TokenStream) -> Vec<Variant> {
    let mut v = vec![Variant { fn_name: "serial", target: "Serial", doc: SERIAL_DOC, body: body("serial") }];
    if options.parallel.is_some() {
        v.push(Variant { fn_name: "parallel", target: "Parallel", doc: PARALLEL_DOC, body: body("parallel") });
    }
    if options.fastmath.is_some() {
        v.push(Variant { fn_name: "fastmath", target: "Fastmath", doc: FASTMATH_DOC, body: body("fastmath") });
    }
    if options.parallel.is_some() && options.fastmath.is_some() {
        v.push(Variant {
            fn_name: "parallel_fastmath",
            target: "ParallelFastmath",
            doc: PARALLEL_FASTMATH_DOC,
            body: body("parallel_fastmath"),
        });
    }
    v
}

fn emit(k: &Kernel, a: &analyze::Analysis, options: &Options) -> TokenStream {
    let mut fastmath = Vec::new();
    let variants = variants(options, |v| match v {
        "parallel" => back::rayon::write(k, a, false),
        "parallel_fastmath" => back::rayon::write(k, a, true),
        "fastmath" => {
            let (body, facts) = back::simd::write(k, a);
            fastmath = facts;
            body
        }
        _ => back::serial::write(k, a),
    });
    let names: Vec<&str> = variants.iter().map(|v| v.fn_name).collect();
    let report = Literal::string(&report::write(k, a, &names, &fastmath));
    let dispatch = dispatch(k, &variants);
    let holder = items(k, &variants, report);
    let attrs = &k.attrs;
    let (vis, name, generics, output) = (&k.vis, &k.name, &k.generics, &k.output);
    let params = k.params.iter().map(|p| &p.tokens);
    let has_inline = attrs.iter().any(|a| a.to_string().starts_with("# [inline"));
    let inline = (!has_inline).then(|| quote!(#[inline]));
    quote! {
        #(#attrs)*
        #inline
        #[allow(unused_mut)]
        #vis fn #name #generics (#(#params),*) #output {
            #dispatch
        }
        #holder
    }
}

/// `match Target::choose(&[..]) { Target::Parallel => name::parallel(..), _ => name::serial(..) }`.
fn dispatch(k: &Kernel, variants: &[Variant]) -> TokenStream {
    let target = quote!(::kernelize::__private::runtime::Target);
    let (name, args) = (&k.name, k.params.iter().map(|p| &p.name).collect::<Vec<_>>());
    let available = variants.iter().map(|v| Ident::new(v.target, Span::call_site()));
    let arms = variants.iter().rev().map(|v| {
        let (t, f) = (Ident::new(v.target, Span::call_site()), Ident::new(v.fn_name, name.span()));
        if v.fn_name == "serial" {
            quote!(_ => #name::#f(#(#args),*),)
        } else {
            quote!(#target::#t => #name::#f(#(#args),*),)
        }
    });
    quote! {
        #[allow(clippy::match_single_binding)]
        match #target::choose(&[#(#target::#available),*]) {
            #(#arms)*
        }
    }
}

/// After an error: each variant forwards to the user's function, so callers keep compiling
/// (the crate does not build anyway).
fn fallback_variants(k: &Kernel, options: &Options) -> TokenStream {
    let (name, args) = (&k.name, k.params.iter().map(|p| &p.name).collect::<Vec<_>>());
    let variants = variants(options, |_| quote!({ #name(#(#args),*) }));
    items(k, &variants, Literal::string("(not generated: the kernel has compile errors)"))
}

/// The type that holds the variants: `name::serial`, `name::REPORT`.
///
/// An empty struct with the function's name (types and functions live in different
/// namespaces) whose inherent items are the variants. Unlike a module, its items see every
/// name the function sees, so kernels work inside function bodies and doctests too.
fn items(k: &Kernel, variants: &[Variant], report: Literal) -> TokenStream {
    let (vis, name, generics, output) = (&k.vis, &k.name, &k.generics, &k.output);
    let params: Vec<_> = k.params.iter().map(|p| &p.tokens).collect();
    let cfgs = k.attrs.iter().filter(|a| a.to_string().starts_with("# [cfg"));
    let cfgs2 = cfgs.clone();
    let doc = format!(" Variants and compile-time report of the kernel [`{name}`](fn@{name}).");
    let fns = variants.iter().map(|v| {
        let (body, doc) = (&v.body, format!(" The `{}` variant of [`{name}`](fn@{name}): {}", v.fn_name, v.doc));
        let v = Ident::new(v.fn_name, name.span());
        quote_spanned! {name.span()=>
            #[doc = #doc]
            #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
            #vis fn #v #generics (#(#params),*) #output #body
        }
    });
    quote! {
        #(#cfgs)*
        #[doc = #doc]
        #[allow(non_camel_case_types, dead_code)]
        #vis struct #name {}

        #(#cfgs2)*
        #[allow(dead_code)]
        impl #name {
            #(#fns)*
            /// What `#[kernel]` did to each prange loop: reductions found, writes, hoisted bounds checks.
            #vis const REPORT: &'static str = #report;
        }
    }
}
