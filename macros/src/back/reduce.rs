//! Reductions in Rust, for every back end that writes Rust (serial, rayon, simd, the cuda host
//! side): one combining step, from the operator's single definition in `analyze` (its
//! `Combine` and `Identity`), and the runtime method that gives its identity for a type only
//! rustc knows. The PTX writer maps the same definition to its own instructions.

use crate::analyze::{Combine, RedOp};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, quote};

/// `name op= value` (or `name = name.max(value)`) for a reduction.
pub fn combine_step(op: RedOp, name: &impl ToTokens, value: &TokenStream) -> TokenStream {
    match op.combine() {
        Combine::Op(b) => {
            let assign: TokenStream = format!("{}=", b.symbol()).parse().unwrap_or_default();
            quote!(#name #assign #value;)
        }
        Combine::Fn(f) => {
            let method = Ident::new(f.name(), Span::call_site());
            quote!(#name = #name.#method(#value);)
        }
    }
}

/// The runtime's `Identity` method for `op`'s starting value, as an identifier.
pub fn identity_method(op: RedOp, span: Span) -> Ident {
    Ident::new(op.identity_method(), span)
}
