//! Runs the phases and assembles the output: the dispatching function, the variants and
//! `REPORT`. On any error the user's function is emitted unchanged beside the errors, so
//! callers still type-check and the IDE keeps working.

use crate::diag::Diag;
use crate::ir::Kernel;
use crate::{analyze, back, front, options, report};
use proc_macro2::{Literal, TokenStream};
use quote::{quote, quote_spanned};

pub fn kernel(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut diag = Diag::new();
    let _options = options::parse(args, &mut diag);
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
    match (diag.check(), kernel, analysis) {
        (Ok(()), Some(k), Some(a)) => emit(&k, &a),
        (result, kernel, _) => {
            let errors = result.err().map(syn::Error::into_compile_error);
            let shim = kernel.as_ref().map(fallback_variants);
            let func = front::fallback_function(&func, front_failed);
            quote!(#errors #[allow(unused)] #func #shim)
        }
    }
}

fn emit(k: &Kernel, a: &analyze::Analysis) -> TokenStream {
    let report = Literal::string(&report::write(k, a, &["serial"]));
    let serial = back::serial::write(k, a);
    let dispatch = quote! {
        #[allow(clippy::match_single_binding)]
        match ::kernelize::__private::runtime::Target::choose(&[::kernelize::__private::runtime::Target::Serial]) {
            _ => SELF::serial(ARGS),
        }
    };
    assemble(k, dispatch, serial, report)
}

/// After an error: `name::serial` forwards to the user's function, so callers keep compiling.
fn fallback_variants(k: &Kernel) -> TokenStream {
    let (name, args) = (&k.name, k.params.iter().map(|p| &p.name));
    let body = quote!({ #name(#(#args),*) });
    items(k, &[(quote!(serial), body)], Literal::string("(not generated: the kernel has compile errors)"))
}

fn assemble(k: &Kernel, dispatch: TokenStream, serial: TokenStream, report: Literal) -> TokenStream {
    let attrs = &k.attrs;
    let (vis, name, generics, output) = (&k.vis, &k.name, &k.generics, &k.output);
    let params = k.params.iter().map(|p| &p.tokens);
    let args: Vec<_> = k.params.iter().map(|p| &p.name).collect();
    let dispatch = replace_self(dispatch, name, &args);
    let has_inline = attrs.iter().any(|a| a.to_string().starts_with("# [inline"));
    let inline = (!has_inline).then(|| quote!(#[inline]));
    let variants = items(k, &[(quote!(serial), serial)], report);
    quote! {
        #(#attrs)*
        #inline
        #[allow(unused_mut)]
        #vis fn #name #generics (#(#params),*) #output {
            #dispatch
        }
        #variants
    }
}

/// The type that holds the variants: `name::serial`, `name::REPORT`.
///
/// An empty struct with the function's name (types and functions live in different
/// namespaces) whose inherent items are the variants. Unlike a module, its items see every
/// name the function sees, so kernels work inside function bodies and doctests too.
fn items(k: &Kernel, variants: &[(TokenStream, TokenStream)], report: Literal) -> TokenStream {
    let (vis, name, generics, output) = (&k.vis, &k.name, &k.generics, &k.output);
    let params: Vec<_> = k.params.iter().map(|p| &p.tokens).collect();
    let cfgs = k.attrs.iter().filter(|a| a.to_string().starts_with("# [cfg"));
    let cfgs2 = cfgs.clone();
    let doc = format!(" Variants and compile-time report of the kernel [`{name}`](fn@{name}).");
    let fns = variants.iter().map(|(v, body)| {
        let doc = format!(" The `{v}` variant of [`{name}`](fn@{name}): one thread, IEEE arithmetic.");
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

/// Replaces the placeholders `SELF` and `ARGS` in the dispatch code.
fn replace_self(tokens: TokenStream, name: &proc_macro2::Ident, args: &[&proc_macro2::Ident]) -> TokenStream {
    use proc_macro2::{Group, TokenTree};
    tokens
        .into_iter()
        .flat_map(|t| -> Vec<TokenTree> {
            match t {
                TokenTree::Ident(i) if i == "SELF" => vec![TokenTree::Ident(name.clone())],
                TokenTree::Ident(i) if i == "ARGS" => quote!(#(#args),*).into_iter().collect(),
                TokenTree::Group(g) => {
                    let mut n = Group::new(g.delimiter(), replace_self(g.stream(), name, args));
                    n.set_span(g.span());
                    vec![TokenTree::Group(n)]
                }
                other => vec![other],
            }
        })
        .collect()
}
