//! The front end: the only code that reads syn's syntax tree. It lowers a `fn` item into a
//! [`Kernel`](crate::ir::Kernel), pushing a spanned error for each construct it refuses
//! and carrying on, so one compile reports every problem.

mod context;
mod expr;
mod finalize;
mod host;

pub use host::fallback_function;
mod infer;
mod opaque;
mod prange;
mod signature;
mod stmt;
mod syntax;
mod types;

use crate::diag::Diag;
use crate::ir::{self, Origin, Ty};
use context::Lower;

/// The function `#[kernel]` is on, or the error to emit beside the item.
pub fn parse(item: proc_macro2::TokenStream) -> Result<syn::ItemFn, proc_macro2::TokenStream> {
    syn::parse2(item).map_err(|e| {
        syn::Error::new(e.span(), "`#[kernel]` goes on a function: `#[kernel] fn name(a: &[f64]) { ... }`")
            .into_compile_error()
    })
}

/// Lowers `func`. `None` when the function cannot be a kernel at all (the errors say why).
pub fn lower(func: &syn::ItemFn, diag: &mut Diag) -> Option<ir::Kernel> {
    let mut cx = Lower::new(diag);
    let sig = signature::lower(&mut cx, func)?;
    let (host, loops) = host::lower(&mut cx, &func.block, sig.ret);
    let vars = finalize::run(&mut cx);
    Some(ir::Kernel {
        name: func.sig.ident.clone(),
        vis: quote::ToTokens::to_token_stream(&func.vis),
        attrs: func.attrs.iter().map(quote::ToTokens::to_token_stream).collect(),
        inline: func.attrs.iter().any(|a| a.path().is_ident("inline")),
        cfgs: (func.attrs.iter())
            .filter(|a| a.path().is_ident("cfg") || a.path().is_ident("cfg_attr"))
            .map(quote::ToTokens::to_token_stream)
            .collect(),
        generics: sig.generics,
        params: sig.params,
        output: quote::ToTokens::to_token_stream(&func.sig.output),
        ret: match &func.sig.output {
            syn::ReturnType::Type(_, t) => quote::ToTokens::to_token_stream(t),
            syn::ReturnType::Default => quote::quote!(()),
        },
        host,
        loops: finalize::resolve_loops(&cx, loops),
        vars,
    })
}

#[cfg(test)]
mod tests;

/// Lowers `fn name(x: f64, ..) -> f64 { body }` whose body is in the kernel language, plus
/// `x.to_bits()` and `f64::from_bits(u)`, which only the math library may use.
fn lower_device(func: &syn::ItemFn, diag: &mut Diag) -> Option<ir::Function> {
    let mut cx = Lower::new(diag);
    cx.libm = true;
    let scalar_of = |t: &syn::Type| match t {
        syn::Type::Path(p) => p.path.get_ident().and_then(|i| ir::Scalar::from_name(&i.to_string())),
        _ => None,
    };
    let mut params = Vec::new();
    for input in &func.sig.inputs {
        let syn::FnArg::Typed(pt) = input else { return None };
        let (syn::Pat::Ident(name), Some(s)) = (&*pt.pat, scalar_of(&pt.ty)) else {
            cx.diag.error_spanned(pt, "a math library function takes scalars");
            return None;
        };
        let var = cx.declare(&name.ident, Ty::Scalar(s), name.mutability.is_some(), Origin::Local);
        params.push((var, s));
    }
    let ret = match &func.sig.output {
        syn::ReturnType::Type(_, t) => scalar_of(t)?,
        syn::ReturnType::Default => return None,
    };
    let mut body = stmt::lower_block(&mut cx, &func.block);
    if let Some(tail) = &body.tail {
        expr::expect(&mut cx, tail, Ty::Scalar(ret), "the result");
    }
    finalize::resolve_block(&cx, &mut body);
    let vars = finalize::run(&mut cx);
    Some(ir::Function { name: func.sig.ident.to_string(), params, ret, body, vars })
}

/// The source of the GPU math library: scalar functions in the kernel language, the `f64` ones
/// and the `f32` ones (named `<std name>_f32`).
const MATH_LIBRARY: [&str; 2] = [include_str!("../back/ptx/libm.rs"), include_str!("../back/ptx/libm_f32.rs")];

/// The math library, parsed on first use and kept for one expansion only: syn's trees hold the
/// compiler's spans, which are not valid in another macro invocation.
#[derive(Default)]
pub struct MathLibrary {
    functions: std::cell::OnceCell<Result<Vec<syn::ItemFn>, String>>,
}

impl MathLibrary {
    /// The function `name`, lowered, or why not (an internal error: the library is tested to
    /// lower).
    pub fn function(&self, name: &str) -> Result<ir::Function, String> {
        let functions = self.functions.get_or_init(|| {
            let files = MATH_LIBRARY
                .iter()
                .map(|source| {
                    syn::parse_file(source).map_err(|e| format!("kernelize's math library does not parse: {e}"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(files
                .into_iter()
                .flat_map(|f| f.items)
                .filter_map(|i| match i {
                    syn::Item::Fn(f) => Some(f),
                    _ => None,
                })
                .collect())
        });
        let functions = functions.as_ref().map_err(Clone::clone)?;
        let func = functions
            .iter()
            .find(|f| f.sig.ident == name)
            .ok_or_else(|| format!("the math library has no `{name}`"))?;
        let mut diag = Diag::new();
        let lowered = lower_device(func, &mut diag);
        diag.check().map_err(|e| format!("the math library's `{name}`: {e}"))?;
        lowered.ok_or_else(|| format!("the math library's `{name}` does not lower"))
    }
}
