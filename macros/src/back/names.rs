//! Names the generated Rust code gives things: helper variables, the user's variables, labels.

use crate::ir::{Kernel, VarId};
use proc_macro2::{Ident, Punct, Spacing, Span, TokenStream, TokenTree};

/// A helper variable, invisible to the user's code.
pub fn helper(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// A variable's name at a given place in the user's code.
pub fn var_ident(k: &Kernel, v: VarId, span: Span) -> Ident {
    let name = &k.var(v).name;
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, span),
        None => Ident::new(name, span),
    }
}

/// `'label`.
pub fn label(l: &Ident) -> TokenStream {
    let mut out = TokenStream::new();
    let mut tick = Punct::new('\'', Spacing::Joint);
    tick.set_span(l.span());
    out.extend([TokenTree::Punct(tick), TokenTree::Ident(l.clone())]);
    out
}
