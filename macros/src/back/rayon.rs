//! The parallel variant: each prange loop's iterations are cut into chunks whose boundaries
//! depend only on the loop's length and cost; the team hands them out (`runtime/src/team.rs`); each chunk runs
//! the loop body serially (the same code as `serial`); reduction partials come back in chunk
//! order and are combined in that order, so results do not depend on the thread count.
//!
//! No `unsafe`: each array the loop writes is split into one disjoint piece per chunk
//! (`chunks_mut`, ndarray's `axis_chunks_iter_mut`), and inside the chunk its name is bound to
//! a view of the piece that takes the loop's own indices, so the body is written unchanged and
//! an index outside the chunk (which the race check rules out) would panic rather than race.

use super::prelude::{Prelude, prelude, read_lens, write_nest};
use super::rust::{helper, var_ident};
use crate::analyze::{Analysis, LoopInfo, Written};
use crate::ir::{Kernel, PrangeLoop, Repr, Ty};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{ToTokens, quote};

/// What the chunks of a loop run.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// The loop body as `serial` runs it (`name::parallel`).
    Ieee,
    /// The loop body in SIMD lanes (`name::parallel_fastmath`).
    Simd,
    /// Either, as the boolean [`FAST`] says when the function is called: the body of a
    /// function shared by `parallel` and `parallel_fastmath` (see [`write_both`]).
    Both,
}

/// The name of [`write_both`]'s parameter.
pub const FAST: &str = "__kz_fast";

/// The body of `name::parallel`.
/// With `simd`, each chunk runs the loop body in SIMD lanes (`name::parallel_fastmath`).
pub fn write(k: &Kernel, a: &Analysis, simd: bool) -> TokenStream {
    write_mode(k, a, if simd { Mode::Simd } else { Mode::Ieee })
}

/// The body of one function that is `parallel` when its parameter [`FAST`] is false and
/// `parallel_fastmath` when it is true: the two variants share everything around the chunks'
/// code (the split of the arrays, the team's hand-out, the partials and their combination),
/// which is compiled once instead of twice. That code cost as much build time as the SIMD
/// clones of a loop (measured with `-Z llvm-time-trace`: 14 ms a variant, for each of twenty
/// small kernels). Each variant's results are those it has on its own: the chunk lengths and
/// the chunks' code are chosen by the flag.
pub fn write_both(k: &Kernel, a: &Analysis) -> TokenStream {
    write_mode(k, a, Mode::Both)
}

fn write_mode(k: &Kernel, a: &Analysis, mode: Mode) -> TokenStream {
    k.host.render(&mut |slot| match (k.loops.get(slot), a.loops.get(slot)) {
        (Some(l), Some(info)) => prange_loop(k, l, info, mode),
        _ => TokenStream::new(),
    })
}

/// A path in the runtime's `parallel` module, e.g. `rt("LoopIndex::count")`.
fn rt(name: &str) -> TokenStream {
    let segments = name.split("::").map(|s| Ident::new(s, proc_macro2::Span::call_site()));
    quote!(::kernelize::__private::runtime::parallel #(::#segments)*)
}

/// Names shared by the pieces of one loop's code.
struct Names {
    lo: Ident,
    hi: Ident,
    n: Ident,
    c: Ident,
    start: Ident,
}

/// One written array, split for the chunks.
struct Part {
    /// `let whole = <the array restricted to the loop's range>;`
    split: TokenStream,
    whole: Ident,
    /// The chunk's piece, as the closure receives it, and its type.
    piece: Ident,
    ty: TokenStream,
    /// An iterator over the pieces, one per chunk.
    seq: TokenStream,
    /// Binds the user's name to a view of the piece indexed with loop indices.
    bind: TokenStream,
    /// A slice piece, which can be cut to the chunk's exact length.
    exact: bool,
}

fn prange_loop(k: &Kernel, l: &PrangeLoop, info: &LoopInfo, mode: Mode) -> TokenStream {
    let simd = mode != Mode::Ieee;
    let fast = helper(FAST);
    let Prelude { mut w, mut tokens, lo, hi } = prelude(k, l, info, false);
    for wr in &info.writes {
        tokens.extend(read_lens(&mut w, &l.body, wr.array));
    }
    let names = Names {
        lo: lo[0].clone(),
        hi: hi[0].clone(),
        n: helper("__kz_n"),
        c: helper("__kz_c"),
        start: helper("__kz_start"),
    };
    let Names { lo: lo0, hi: hi0, n, c, start } = &names;
    let (chunk_fn, kk, end) = (helper("__kz_chunk"), helper("__kz_k"), helper("__kz_end"));
    let (count, nth) = (rt("LoopIndex::count"), rt("LoopIndex::nth"));
    // Work of one outer iteration: the body's cost, plus each inner loop's per-trip cost times
    // its trip count (computed here, before the loop), times the inner range for a 2-D loop.
    let mut cost = {
        let c = Literal::u64_suffixed(info.cost);
        quote!(#c)
    };
    for t in &info.trips {
        let Some((start, end)) = t.range(l) else { continue };
        let (body, start, end) = (Literal::u64_suffixed(t.body), w.expr(start, 0), w.expr(end, 0));
        let extra = if t.inclusive { quote!(1u64) } else { quote!(0u64) };
        cost = quote!(#cost.saturating_add(#body.saturating_mul((#count(#start, #end) as u64).saturating_add(#extra))));
    }
    let work = helper("__kz_work");
    match (lo.get(1), hi.get(1)) {
        (Some(lo1), Some(hi1)) => {
            let (chunk_rows, cols) = (rt("chunk_rows_for"), helper("__kz_cols"));
            tokens.extend(quote! {
                let #n: usize = #count(#lo0, #hi0);
                let #cols: usize = #count(#lo1, #hi1);
                let #work: u64 = #cost.saturating_mul(#cols as u64);
                let #c: usize = #chunk_rows(#n, #cols, #work);
            });
        }
        _ => {
            // With the lanes across the prange index, chunks are whole SIMD groups.
            let group = match (&info.vector, simd) {
                (Some(plan), true) => plan.across_group(),
                _ => 1,
            };
            let chunk = if group > 1 {
                let (f, g) = (rt("chunk_len_grouped"), Literal::usize_unsuffixed(group));
                let ieee = rt("chunk_len_for");
                match mode {
                    Mode::Both => quote!(if #fast { #f(#n, #work, #g) } else { #ieee(#n, #work) }),
                    _ => quote!(#f(#n, #work, #g)),
                }
            } else {
                let f = rt("chunk_len_for");
                quote!(#f(#n, #work))
            };
            tokens.extend(quote! {
                let #n: usize = #count(#lo0, #hi0);
                let #work: u64 = #cost;
                let #c: usize = #chunk;
            });
        }
    }
    let parts: Vec<Part> = info.writes.iter().enumerate().map(|(p, wr)| split(k, wr, p, &names)).collect();
    tokens.extend(parts.iter().map(|p| p.split.clone()));

    let (pattern, types) = nested(&parts);
    let identities = info.reductions.iter().map(|r| {
        let name = var_ident(k, r.var, k.var(r.var).span);
        let f = super::reduce::identity_method(r.op, k.var(r.var).span);
        let identity = rt("Identity");
        quote!(let mut #name = <_ as #identity>::#f(&#name);)
    });
    let results: Vec<Ident> = info.reductions.iter().map(|r| var_ident(k, r.var, k.var(r.var).span)).collect();
    let mut bounds = vec![(quote!(#start), quote!(#end))];
    bounds.extend(lo.iter().zip(&hi).skip(1).map(|(lo, hi)| (quote!(#lo), quote!(#hi))));
    // Each chunk indexes slices of exactly its own extent (of the windows along the chunked
    // dimension, and of its pieces), so the compiler can drop the bounds checks in the loop.
    let mut helpers = super::prelude::helper_copies(&w, info);
    // A read-only 2-D array whose rows the loop takes at its own index (`a[[i, ..]]`): its flat
    // slice is kept for the chunk only if it has the chunk's rows, so that LLVM drops the check
    // of each row's lookup (measured, powi2's chunk on one thread: 43 instructions a row to 36,
    // `serial` 31). A chunk past the array's end takes the array's own indexing, which panics
    // where `serial` does.
    helpers.extend(super::prelude::covering(&w, l, &quote!(#end)));
    let mut exact = TokenStream::new();
    for win in w.windows.iter_mut().filter(|win| win.dim == 0) {
        let (whole, span) = (&win.ident, Literal::usize_unsuffixed(usize::try_from(win.last - win.first).unwrap_or(0)));
        let local = helper(&format!("{whole}_chunk"));
        exact.extend(quote!(let #local = &#whole[(#start - #lo0)..(#end - #lo0 + #span)];));
        win.ident = local;
    }
    if let Some(s) = w.starts.first_mut() {
        *s = (start.clone(), false);
    }
    for p in parts.iter().filter(|p| p.exact) {
        let piece = &p.piece;
        exact.extend(quote!(let #piece = &mut #piece[..(#end - #start)];));
    }
    let locals = super::prelude::local_copies(k, info);
    let no_inline = rt("closure");
    let vectorized = if simd { simd_chunk(k, l, info, &w, &parts, &bounds) } else { None };
    if vectorized.is_some() {
        // Chosen on the calling thread, so `simd::with_level` reaches the team's chunks.
        let isa = helper("__kz_isa");
        tokens.extend(quote!(let #isa = ::kernelize::__private::runtime::simd::level();));
    }
    // A vectorized chunk uses its slice pieces as windows; other pieces get their views.
    let code = |lanes: Option<TokenStream>| {
        let in_lanes = lanes.is_some();
        let binds = parts.iter().filter(|p| !(in_lanes && p.exact)).map(|p| &p.bind);
        let nest = lanes.unwrap_or_else(|| write_nest(k, l, &w, bounds.clone()));
        let identities = identities.clone();
        quote!({
            #(#binds)*
            #(#identities)*
            #nest
            (#(#results,)*)
        })
    };
    let closure = |name: &Ident, body: TokenStream| {
        quote! {
            // Called from the team, and from the calling thread's two paths: compiled once, not
            // inlined into each (a third of the build time of `parallel_fastmath`).
            let #name = #no_inline(#[inline(never)] |__kz_from: usize, __kz_to: usize, #pattern: #types| {
                #locals
                let #start = #nth(#lo0, __kz_from);
                let #end = #nth(#lo0, __kz_to);
                #helpers
                #exact
                #body
            });
        }
    };
    match (mode, vectorized) {
        (Mode::Both, Some(v)) => {
            // Two chunk functions, one of them chosen by the flag, and the code around them
            // (generic in the chunk function) compiled once for both, through `dyn`: one call per
            // chunk. In one function behind an `if`, the IEEE code lost what LLVM knows of the
            // rows (the SIMD clones take the flat slices by reference): 42 instructions a row
            // against 36 (powi2).
            let (fast_fn, ieee_fn) = (helper("__kz_chunk_fast"), helper("__kz_chunk_ieee"));
            tokens.extend(closure(&fast_fn, code(Some(v))));
            tokens.extend(closure(&ieee_fn, code(None)));
            tokens.extend(quote! {
                let #chunk_fn: &(dyn ::core::ops::Fn(usize, usize, #types) -> _ + ::core::marker::Sync) =
                    if #fast { &#fast_fn } else { &#ieee_fn };
            });
        }
        (_, v) => tokens.extend(closure(&chunk_fn, code(v))),
    }

    let seq = iterators(&parts, &names);
    let (go, run_chunks) = (rt("go_parallel"), rt("run_chunks"));
    let partials = helper("__kz_partials");
    let piece = helper("__kz_piece");
    let si = quote!(::core::iter::Iterator);
    let chunk = quote!(#chunk_fn(#kk * #c, ::core::cmp::min((#kk + 1) * #c, #n), #piece));
    // On the calling thread: a loop without reductions runs as one piece (the writes are the
    // same in any order); with reductions, chunk by chunk, so the result is the team's.
    let wholes = nested_wholes(&parts);
    let one_piece = quote!({
        let mut #partials = ::std::vec::Vec::new();
        if #n > 0 {
            #partials.push(#chunk_fn(0, #n, #wholes));
        }
        #partials
    });
    let below = rt("below_threshold");
    let on_caller = if info.reductions.is_empty() {
        one_piece
    } else {
        // Below the threshold the loop is one piece, whatever the thread count; above it
        // (on one thread) the team's chunks one after another, so the result is the team's.
        let chunks = quote!(#si::collect(#si::map(#si::enumerate(#seq), |(#kk, #piece)| #chunk)));
        quote!(if #below(#n, #work) { #one_piece } else { #chunks })
    };
    tokens.extend(quote! {
        let #partials: ::std::vec::Vec<_> = if #go(#n, #work) {
            #run_chunks(#seq, |#kk, #piece| #chunk)
        } else {
            #on_caller
        };
    });
    tokens.extend(combine(k, info, &partials));
    quote!({ #tokens })
}

/// The chunk's loop in SIMD lanes (`parallel_fastmath`), or `None` when the loop does not
/// vectorize (it then runs the serial code of its chunks).
fn simd_chunk(
    k: &Kernel,
    l: &PrangeLoop,
    info: &LoopInfo,
    w: &super::rust::Writer<'_>,
    parts: &[Part],
    bounds: &[(TokenStream, TokenStream)],
) -> Option<TokenStream> {
    // The chunk's pieces of written slices are windows of exactly its extent.
    let mut vw = w.clone();
    for (p, wr) in parts.iter().zip(&info.writes).filter(|(p, _)| p.exact) {
        vw.windows.push(super::rust::Window { array: wr.array, ident: p.piece.clone(), dim: 0, first: 0, last: 0 });
    }
    let range = super::simd::Range {
        lo: bounds.iter().map(|b| b.0.clone()).collect(),
        hi: bounds.iter().map(|b| b.1.clone()).collect(),
    };
    let isa = helper("__kz_isa");
    Some(super::simd::vector_loop(k, l, info, &vw, &range, &quote!(#isa)).0)
}

/// Splits the array `wr` (the `p`-th one written) along the axis its own index runs on.
fn split(k: &Kernel, wr: &Written, p: usize, names: &Names) -> Part {
    let Names { lo, hi, c, start, .. } = names;
    let var = k.var(wr.array);
    let name = var_ident(k, wr.array, var.span);
    let label = Literal::string(var.name.trim_start_matches("r#"));
    let whole = helper(&format!("__kz_part{p}"));
    let piece = helper(&format!("__kz_piece{p}"));
    let axis = wr.own.first().copied().unwrap_or(0);
    let nd = quote!(::kernelize::__private::ndarray);
    match var.ty {
        Ty::Array(a) if !matches!(a.repr, Repr::Slice | Repr::Vec) => {
            let (elem, dim) = (Ident::new(a.elem.name(), var.span), Ident::new(&format!("Ix{}", a.ndim), var.span));
            let ax = Literal::usize_unsuffixed(axis);
            let (split_axis, chunk) = (rt("split_axis"), rt("AxisChunk::new"));
            Part {
                split: quote!(let mut #whole = #split_axis(#name.view_mut(), #ax, #lo, #hi, #label);),
                whole: whole.clone(),
                ty: quote!(#nd::ArrayViewMut<'_, #elem, #nd::#dim>),
                seq: quote!(#whole.axis_chunks_iter_mut(#nd::Axis(#ax), #c)),
                bind: quote!(let mut #name = #chunk(#piece, #ax, #start);),
                exact: false,
                piece,
            }
        }
        ty => {
            let elem = match ty {
                Ty::Array(a) => {
                    let e = Ident::new(a.elem.name(), var.span);
                    quote!(#e)
                }
                _ => quote!(_),
            };
            let (split_slice, chunk) = (rt("split_slice"), rt("SliceChunk::new"));
            Part {
                split: quote!(let #whole = #split_slice(&mut #name[..], #lo, #hi, #label);),
                whole: whole.clone(),
                ty: quote!(&mut [#elem]),
                seq: quote!(<[_]>::chunks_mut(#whole, #c)),
                bind: quote!(let mut #name = #chunk(#piece, #start);),
                exact: true,
                piece,
            }
        }
    }
}

/// Nests items as `zip` nests them: `a`, `(a, b)`, `((a, b), c)`; `empty` for none.
fn nest(
    items: impl IntoIterator<Item = TokenStream>,
    empty: TokenStream,
    pair: impl Fn(TokenStream, TokenStream) -> TokenStream,
) -> TokenStream {
    items.into_iter().reduce(pair).unwrap_or(empty)
}

/// The closure's pattern and type for the pieces.
fn nested(parts: &[Part]) -> (TokenStream, TokenStream) {
    let tuple = |a, b| quote!((#a, #b));
    let pattern = nest(parts.iter().map(|p| p.piece.to_token_stream()), quote!(_), tuple);
    let types = nest(parts.iter().map(|p| p.ty.clone()), quote!(()), tuple);
    (pattern, types)
}

/// The whole split arrays, nested as the closure's pattern expects.
fn nested_wholes(parts: &[Part]) -> TokenStream {
    nest(parts.iter().map(|p| p.whole.to_token_stream()), quote!(()), |a, b| quote!((#a, #b)))
}

/// The iterator over the chunks' pieces, zipped as in `nested`.
fn iterators(parts: &[Part], names: &Names) -> TokenStream {
    let Names { n, c, .. } = names;
    let chunks = quote!(#n.div_ceil(#c));
    nest(
        parts.iter().map(|p| p.seq.clone()),
        quote!(::core::iter::Iterator::map(0..#chunks, |_| ())),
        |a, b| quote!(::core::iter::Iterator::zip(#a, #b)),
    )
}

/// Folds the partials into the reduction variables, in chunk order.
fn combine(k: &Kernel, info: &LoopInfo, partials: &Ident) -> TokenStream {
    let p = helper("__kz_p");
    let steps = info.reductions.iter().enumerate().map(|(idx, r)| {
        let name = var_ident(k, r.var, k.var(r.var).span);
        let field = Literal::usize_unsuffixed(idx);
        super::reduce::combine_step(r.op, &name, &quote!(#p.#field))
    });
    quote! {
        for #p in #partials {
            let _ = &#p;
            #(#steps)*
        }
    }
}
