//! The error collector: every stage pushes spanned errors here; [`Diag::check`] between
//! stages turns them into one combined `syn::Error` (serde's `Ctxt`).

use proc_macro2::Span;
use quote::ToTokens;
use std::fmt::Display;

#[derive(Default)]
pub struct Diag {
    errors: Vec<syn::Error>,
}

impl Diag {
    pub fn new() -> Diag {
        Diag::default()
    }

    /// An error at one token.
    pub fn error(&mut self, span: Span, message: impl Display) {
        self.errors.push(syn::Error::new(span, message));
    }

    /// An error covering the whole of `tokens` (first to last token).
    pub fn error_spanned(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.errors.push(syn::Error::new_spanned(tokens, message));
    }

    /// An error covering `start` to `end` (two tokens of the user's code).
    pub fn error_range(&mut self, (start, end): (Span, Span), message: impl Display) {
        let marks: proc_macro2::TokenStream =
            [start, end].into_iter().map(|s| proc_macro2::TokenTree::Ident(proc_macro2::Ident::new("x", s))).collect();
        self.errors.push(syn::Error::new_spanned(marks, message));
    }

    pub fn push(&mut self, error: syn::Error) {
        self.errors.push(error);
    }

    pub fn len(&self) -> usize {
        self.errors.len()
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Drops the errors pushed after the collector had `len` of them.
    pub fn truncate(&mut self, len: usize) {
        self.errors.truncate(len);
    }

    /// `Err` with every error collected so far, combined; `Ok` if there is none.
    pub fn check(&mut self) -> Result<(), syn::Error> {
        let mut errors = std::mem::take(&mut self.errors).into_iter();
        let Some(mut first) = errors.next() else {
            return Ok(());
        };
        for e in errors {
            first.combine(e);
        }
        Err(first)
    }

    /// Every error collected so far, as `compile_error!` invocations (nothing if there is none).
    pub fn compile_errors(&mut self) -> proc_macro2::TokenStream {
        self.check().err().map(syn::Error::into_compile_error).unwrap_or_default()
    }
}
