//! The serial variant: one thread, the loop body as written, with the bounds checks the
//! analysis proved hoistable checked once before the loop.

use super::prelude::{Prelude, prelude, write_nest};
use crate::analyze::{Analysis, LoopInfo};
use crate::ir::{Kernel, PrangeLoop};
use proc_macro2::TokenStream;
use quote::quote;

/// The body of `name::serial`.
pub fn write(k: &Kernel, a: &Analysis) -> TokenStream {
    k.host.render(&mut |slot| match (k.loops.get(slot), a.loops.get(slot)) {
        (Some(l), Some(info)) => prange_loop(k, l, info),
        _ => TokenStream::new(),
    })
}

fn prange_loop(k: &Kernel, l: &PrangeLoop, info: &LoopInfo) -> TokenStream {
    let Prelude { w, tokens, lo, hi } = prelude(k, l, info, true);
    let bounds = lo.iter().zip(&hi).map(|(lo, hi)| (quote!(#lo), quote!(#hi))).collect();
    let nest = write_nest(k, l, &w, bounds);
    quote!({ #tokens #nest })
}
