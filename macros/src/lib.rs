//! The `#[kernel]` attribute. Use it through the `kernelize` crate, which documents it.
//!
//! Pipeline: `options` -> `front` (syn -> typed `ir`) -> `analyze` -> `back` -> `expand`
//! (private modules: `cargo doc --document-private-items -p kernelize-macros` shows them).
//! Only `front`, `options` and `diag` (syn's error type) use syn; the rest reads the IR and the
//! analysis.

#![forbid(unsafe_code)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::panic))]

mod analyze;
mod back;
mod diag;
mod expand;
mod front;
mod ir;
mod options;
mod report;

#[cfg(test)]
mod tests;

/// Writes compiled variants of a function whose independent loops use `prange`.
/// The `kernelize` crate documents the kernel language, the options and what is generated.
#[proc_macro_attribute]
pub fn kernel(args: proc_macro::TokenStream, item: proc_macro::TokenStream) -> proc_macro::TokenStream {
    kernel_tokens(args.into(), item.into()).into()
}

/// The pipeline: options and front end (the only code that reads syn's tree), then
/// [`expand::kernel`] (analysis, back ends, assembly). On any error the user's function is
/// emitted beside the errors (see [`front::fallback_function`]), so callers still type-check
/// and the IDE keeps working.
fn kernel_tokens(args: proc_macro2::TokenStream, item: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let mut diag = diag::Diag::new();
    let options = options::parse(args, &mut diag);
    let func = match front::parse(item.clone()) {
        Ok(func) => func,
        Err(error) => return quote::quote!(#error #item),
    };
    let kernel = front::lower(&func, &mut diag);
    let front_failed = diag.has_errors();
    // The GPU math library is parsed on the first function a PTX module calls.
    let library = front::MathLibrary::default();
    match expand::kernel(&options, kernel.as_ref(), &|name| library.function(name), &mut diag) {
        Ok(output) => output,
        Err(shim) => {
            let errors = diag.compile_errors();
            let func = front::fallback_function(&func, front_failed);
            quote::quote!(#errors #[allow(unused)] #func #shim)
        }
    }
}
