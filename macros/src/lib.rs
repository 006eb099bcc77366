//! The `#[kernel]` attribute. Use it through the `kernelize` crate, which documents it.
//!
//! Pipeline: `options` -> `front` (syn -> typed `ir`) -> `analyze` -> `back` -> `expand`
//! (private modules: `cargo doc --document-private-items -p kernelize-macros` shows them).
//! Only `front` and `options` read syn's syntax tree, and `back::cuda`, which still re-parses
//! the host code to rewrite its `return`s.

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
/// See the `kernelize` crate for the kernel language and the options.
#[proc_macro_attribute]
pub fn kernel(args: proc_macro::TokenStream, item: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand::kernel(args.into(), item.into()).into()
}
