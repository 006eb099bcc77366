//! The `fastmath` back end: SPMD on SIMD. `W` iterations of a prange loop run in lock step,
//! one per lane of a `Lanes<T, W>` (see the runtime's `simd` module):
//!
//! - values the analysis finds uniform stay scalars, written by the plain Rust writer; varying
//!   ones are lanes; a uniform operand of a varying operation is splatted;
//! - `if`, `while`, `loop`, `for` and `break`/`continue` that depend on varying values run
//!   under lane masks: both sides of an `if` run (each only when one of its lanes is live),
//!   assignments blend into the lanes of the mask, loops run until no lane is left;
//! - `x[i + c]` through a bounds window is one vector load or store (stores under a mask blend
//!   with what is there: every lane of a full vector is the iteration's own element); other
//!   indices gather and scatter lane by lane, with bounds checks;
//! - full vectors first, then one masked vector for the rest (its loads are per lane);
//! - a reduction keeps one partial per lane; the lanes are folded pairwise in a fixed order, so
//!   the result is the same on every run (for one instruction set);
//! - the body is written once per instruction set (AVX-512, AVX2+FMA, baseline), each a
//!   closure run inside a function compiled for it, chosen at run time by
//!   `simd::level()`.
//!
//! A construct this back end cannot vectorize makes the loop run its serial code in every
//! clone, and `REPORT` says why.

use super::prelude::{Prelude, prelude, write_nest};
use super::rows::{RowAt, RowPlan, RowUse, changed_in};
use super::rust::{Writer, helper, var_ident};
use crate::analyze::LoopInfo;
use crate::analyze::uniform::is_varying;
use crate::analyze::vector::{Along, CLONES, CloneFacts, Facts, Plan, Strategy, header_varies};
use crate::ir::walk::{self, Visitor};
use crate::ir::{
    BinOp, Block, Expr, ExprKind, JumpTarget, Kernel, Loop, LoopKind, MathFn, Place, PrangeLoop, RangeAdapter, Scalar,
    Stmt, StmtKind, Ty, UnOp, VarId,
};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens, quote};
use std::collections::BTreeSet;

/// The loop's iteration range as the vector code sees it.
pub struct Range {
    /// Per dimension, the first index and the end (`lo..hi`); the outer dimension of a 2-D loop
    /// runs as a scalar loop over its range.
    pub lo: Vec<TokenStream>,
    pub hi: Vec<TokenStream>,
}

/// Writes the loop for every clone, each with the strategy the analysis chose for it
/// (`analyze::vector`), dispatching on the instruction set. The reductions' partials are
/// folded into the user's variables (which must hold the identity or the value so far:
/// `s = s op partial`).
///
/// `isa` is the expression that names the instruction set (a `SimdLevel`).
pub fn vector_loop(
    k: &Kernel,
    l: &PrangeLoop,
    info: &LoopInfo,
    w: &Writer<'_>,
    range: &Range,
    isa: &TokenStream,
) -> (TokenStream, Facts) {
    let Some(plan) = info.vector.as_ref() else {
        // The analysis plans every loop; without one, the serial code.
        let bounds = range.lo.iter().zip(&range.hi).map(|(lo, hi)| (lo.clone(), hi.clone())).collect();
        return (write_nest(k, l, w, bounds), Facts::default());
    };
    let mut facts = Facts::default();
    let mut arms = Vec::new();
    let simd = quote!(::kernelize::__private::runtime::simd);
    for (n, (clone, choice)) in CLONES.iter().zip(&plan.clones).enumerate() {
        let Some(long) = write_first(k, l, info, w, plan, range, clone, &choice.ranked) else { continue };
        let mut body = long.body.clone();
        let mut short_facts = None;
        if let Some(sw) = &choice.switch
            && let Some(short) = write_first(k, l, info, w, plan, range, clone, &sw.below)
            && short.strategy != long.strategy
            && let Some(LoopKind::For { range: r, .. }) = find_loop(&l.body, sw.var).map(|lp| &lp.kind)
        {
            let (start, end) = (w.expr(&r.start, 0), w.expr(&r.end, 0));
            let (at, short_body) = (Literal::usize_unsuffixed(sw.at), &short.body);
            let count = quote!(::kernelize::__private::runtime::parallel::LoopIndex::count);
            body = quote!(if #count(#start, #end) >= #at { #body } else { #short_body });
            short_facts = Some((sw.at, k.var(sw.var).name.clone(), short.facts()));
        }
        let as_avx2 = long.as_avx2;
        if n == 0 {
            facts.gathers = long.found.gathers.clone();
            facts.scatters = long.found.scatters.clone();
            facts.masked = long.found.masked.clone();
        }
        let mut cf = long.facts();
        if let Some((at, var, short)) = short_facts {
            cf.below = Some((at, var, Box::new(short)));
        }
        facts.clones.push(cf);
        let run = if as_avx2 { "avx2" } else { clone.run };
        let (level, run) = (Ident::new(clone.level, Span::call_site()), Ident::new(run, Span::call_site()));
        if clone.level == "Baseline" {
            // On x86-64 every CPU made since 2013 but a few small cores runs the AVX2 clone, so
            // the SSE2 one is not compiled (each clone costs about as much build time as the
            // `parallel` variant's whole loop): the loop's scalar code runs instead, the shared
            // remainder when there is one (the whole chunk is then the remainder).
            let scalar = if shared_tail(l, plan) {
                let ids = info.reductions.iter().map(|r| {
                    let name = var_ident(k, r.var, k.var(r.var).span);
                    let id = super::reduce::identity_method(r.op, Span::call_site());
                    quote!(<_ as ::kernelize::__private::runtime::parallel::Identity>::#id(&#name))
                });
                let start = &range.lo[0];
                quote!((#(#ids,)* #start))
            } else {
                let only = [(Strategy::Scalar, 0.0)];
                let written = write_first(k, l, info, w, plan, range, clone, &only);
                let body = written.map(|s| s.body).unwrap_or_default();
                quote!(#simd::baseline(#[inline(always)] || #body))
            };
            arms.push(quote! {
                #[cfg(target_arch = "x86_64")]
                _ => #scalar,
                #[cfg(not(target_arch = "x86_64"))]
                _ => #simd::#run(#[inline(always)] || #body),
            });
        } else if n == 1 && scalar_only(&facts.clones[0]) && scalar_only(&facts.clones[1]) {
            // The scalar code in both: the AVX2 clone's runs on AVX-512 CPUs too, one copy less
            // to compile. With no lanes of kernelize's, the two differ only in the width of
            // LLVM's own vectorization of innermost element-wise loops, and the cost model
            // leaves those to the scalar code when they are memory-bound, where the wider
            // vectors were measured to gain nothing (see `Plan::memory_bound`).
            arms.clear();
            facts.clones[0].as_avx2 = true;
            arms.push(quote! {
                ::kernelize::__private::runtime::SimdLevel::Avx512 | ::kernelize::__private::runtime::SimdLevel::#level =>
                    #simd::#run(#[inline(always)] || #body),
            });
        } else {
            arms.push(
                quote!(::kernelize::__private::runtime::SimdLevel::#level => #simd::#run(#[inline(always)] || #body),),
            );
        }
    }
    facts.gathers.dedup();
    facts.scatters.dedup();
    let partials: Vec<Ident> = (0..info.reductions.len()).map(|n| helper(&format!("__kz_partial{n}"))).collect();
    let folds = info.reductions.iter().zip(&partials).map(|(r, p)| {
        let name = var_ident(k, r.var, k.var(r.var).span);
        super::reduce::combine_step(r.op, &name, &quote!(#p))
    });
    let tail = shared_tail(l, plan).then(|| {
        // The iterations after the last full vector, once for every clone: compiled for the
        // baseline instruction set (no FMA), as `fastmath`'s scalar code, but with the
        // platform's math functions (calls: fewer than a vector's lanes of iterations run here,
        // and inlining kernelize's library cost build time).
        let next = helper("__kz_next");
        let mut tw = w.clone();
        tw.relaxed = true;
        tw.platform_math = true;
        let body = tw.block(&l.body);
        let pvar = var_ident(k, l.dims[0].var, l.dims[0].span);
        let hi = &range.hi[0];
        let code = quote! {{
            #[allow(dead_code)]
            const __KZ_FMA: bool = false;
            for #pvar in #next..#hi #body
        }};
        (next, code)
    });
    let (next, tail) = tail.unzip();
    let tokens = quote! {
        let (#(#partials,)* #next) = match #isa {
            #(#arms)*
        };
        #(#folds)*
        #tail
    };
    (tokens, facts)
}

/// Whether a clone runs the loop's scalar code for every trip count.
fn scalar_only(c: &CloneFacts) -> bool {
    matches!(c.strategy, Strategy::Scalar) && c.below.is_none()
}

/// Whether the scalar remainder of a loop whose lanes run across the prange index is written
/// once for all clones (after them) instead of once in each: for a 1-D loop with no control flow
/// under masks, whose remainder is the loop's scalar code. It runs fewer iterations than a
/// vector has lanes, once per loop (chunks are whole vectors), so its speed does not matter and
/// its build time does: a copy in each clone cost as much to compile as the clone.
fn shared_tail(l: &PrangeLoop, plan: &Plan) -> bool {
    l.dims.len() == 1 && !crate::analyze::vector::has_divergence(&l.body, 0, &plan.across_varying)
}

/// One strategy written for one clone.
struct Written<'s> {
    body: TokenStream,
    lanes: usize,
    strategy: &'s Strategy,
    as_avx2: bool,
    found: Facts,
    tried: Vec<(String, String)>,
}

impl Written<'_> {
    fn facts(&self) -> CloneFacts {
        CloneFacts {
            strategy: self.strategy.clone(),
            lanes: self.lanes,
            as_avx2: self.as_avx2,
            tried: self.tried.clone(),
            below: None,
        }
    }
}

/// The first strategy of `ranked` that can be written for `clone` (the scalar code, last,
/// always can).
#[allow(clippy::too_many_arguments, reason = "the pieces of one loop's code, passed down once")]
fn write_first<'s>(
    k: &Kernel,
    l: &PrangeLoop,
    info: &LoopInfo,
    w: &Writer<'_>,
    plan: &Plan,
    range: &Range,
    clone: &crate::analyze::vector::Isa,
    ranked: &'s [(Strategy, f64)],
) -> Option<Written<'s>> {
    let mut tried = Vec::new();
    for (strategy, _) in ranked {
        let mut g = Gen::new(k, l, info, w, plan);
        let result = match strategy {
            Strategy::Across { vectors } => {
                let per_reg = (plan.across_bytes(clone) / plan.elem).max(1);
                let lanes = vectors * per_reg;
                g.closure(range, lanes, per_reg, clone.fma).map(|t| (t, lanes))
            }
            Strategy::Along(list) => {
                let per_reg = (clone.bytes / plan.elem).max(1);
                g.closure_along(range, list, per_reg, clone.fma)
            }
            Strategy::Scalar => Ok((g.closure_scalar(range, clone.fma, &g.relaxed()), 1)),
        };
        match result {
            Ok((body, lanes)) => {
                let as_avx2 = matches!(strategy, Strategy::Across { .. }) && plan.across_bytes(clone) != clone.bytes;
                return Some(Written { body, lanes, strategy, as_avx2, found: g.facts, tried });
            }
            Err(why) => tried.push((crate::analyze::vector::describe(k, l, strategy), why)),
        }
    }
    None
}

/// The first serial `for` loop of `b` over `var`.
fn find_loop(b: &Block, var: VarId) -> Option<&Loop> {
    struct Find<'a>(VarId, Option<&'a Loop>);
    impl<'a> Visitor<'a> for Find<'a> {
        fn stmt(&mut self, s: &'a Stmt) {
            if let StmtKind::Loop(l) = &s.kind
                && matches!(l.kind, LoopKind::For { var: Some(v), .. } if v == self.0)
                && self.1.is_none()
            {
                self.1 = Some(l);
            }
            walk::walk_stmt(self, s);
        }
    }
    let mut f = Find(var, None);
    f.block(b);
    f.1
}

type Gen2<T> = Result<T, String>;

/// The lanes that are live at a point of the body.
#[derive(Clone)]
enum Mask {
    /// All lanes, known at compile time (a full vector, outside any divergent code).
    Full,
    Var(Ident),
}

/// A loop the body's jumps can target.
struct Ctx {
    target: JumpTarget,
    /// Scalar loops keep Rust's `break`/`continue`; masked ones track lanes.
    masked: bool,
    /// Lanes still in the loop.
    lm: Option<Ident>,
    /// Lanes that left this trip with `continue`.
    cm: Option<Ident>,
}

struct Gen<'a, 'k> {
    k: &'k Kernel,
    l: &'a PrangeLoop,
    info: &'a LoopInfo,
    /// Writes the uniform code: `fastmath`'s scalar code (`Writer::relaxed`).
    w: Writer<'k>,
    varying: BTreeSet<VarId>,
    vdim: usize,
    /// The variable the lanes run along: the prange variable of dimension `vdim`, or the
    /// variable of an inner loop whose trips run in lanes.
    lane_var: VarId,
    /// The lanes run along an inner loop (the prange loop's windows do not apply to them).
    along: bool,
    /// Writing the full-vector body (else the last, partial vector).
    full: bool,
    /// Rows of 2-D arrays the lanes' loop reads or writes, looked up once before it.
    rows: Vec<RowUse>,
    /// Counts the lanes' loop's steps from its start (window positions are relative to it).
    k0: Ident,
    /// Window positions are relative to the current vector step instead: each step of a loop
    /// whose trips run in lanes cuts its rows' windows to the step's elements (see
    /// [`Gen::along_loop`]).
    step_windows: bool,
    /// Row lookups to place once per prange iteration (see `plan_rows`).
    hoisted: TokenStream,
    /// Vector loads to place once per vector step, before the step's body (see
    /// [`Gen::step_load`]): the array, lane 0's offset from the prange index, the binding.
    step_loads: Vec<(VarId, i64, Ident)>,
    step_prefix: TokenStream,
    /// The loop's scalar remainder (after the last full vector) is written once, after the
    /// clones (see [`shared_tail`]): each clone's code returns where it stopped.
    shared_tail: bool,
    ctx: Vec<Ctx>,
    serial_depth: usize,
    fresh: usize,
    facts: Facts,
}

fn lanes_path() -> TokenStream {
    quote!(__KzLanes)
}

impl<'a, 'k> Gen<'a, 'k> {
    fn new(k: &'k Kernel, l: &'a PrangeLoop, info: &'a LoopInfo, w: &Writer<'k>, plan: &Plan) -> Self {
        let vdim = l.dims.len() - 1;
        let mut w = w.clone();
        w.relaxed = true;
        Gen {
            k,
            l,
            info,
            w,
            varying: plan.across_varying.clone(),
            vdim,
            lane_var: l.dims[vdim].var,
            along: false,
            full: true,
            rows: Vec::new(),
            k0: helper("__kz_k0"),
            step_windows: false,
            hoisted: TokenStream::new(),
            step_loads: Vec::new(),
            step_prefix: TokenStream::new(),
            shared_tail: shared_tail(l, plan),
            ctx: Vec::new(),
            serial_depth: 0,
            fresh: 0,
            facts: Facts::default(),
        }
    }

    /// The writer of `fastmath`'s scalar code.
    fn relaxed(&self) -> Writer<'k> {
        self.w.clone()
    }

    /// `|| { ... }` for one clone when the prange loop runs as scalar code: `body` is the
    /// prange body as written for it (with loops along which lanes run replaced).
    fn closure_scalar(&mut self, range: &Range, fma: bool, w: &Writer<'_>) -> TokenStream {
        self.closure_scalar_with(range, fma, w, &TokenStream::new())
    }

    /// [`Gen::closure_scalar`] with `prefix` at the start of each prange iteration.
    fn closure_scalar_with(&mut self, range: &Range, fma: bool, w: &Writer<'_>, prefix: &TokenStream) -> TokenStream {
        let k = self.k;
        let mut locals = super::prelude::local_copies(k, self.info);
        locals.extend(super::prelude::helper_copies(w, self.info));
        locals.extend(super::prelude::covering(w, self.l, &range.hi[0]));
        locals.extend(super::prelude::written_locals(w, self.info));
        let identity = quote!(::kernelize::__private::runtime::parallel::Identity);
        let inits = self.info.reductions.iter().map(|r| {
            let name = var_ident(k, r.var, k.var(r.var).span);
            let id = super::reduce::identity_method(r.op, Span::call_site());
            quote!(let mut #name = <_ as #identity>::#id(&#name);)
        });
        let results = self.info.reductions.iter().map(|r| var_ident(k, r.var, k.var(r.var).span));
        let bounds = range.lo.iter().zip(&range.hi).map(|(lo, hi)| (lo.clone(), hi.clone())).collect();
        let nest = if prefix.is_empty() {
            write_nest(k, self.l, w, bounds)
        } else {
            let body = w.block(&self.l.body);
            super::prelude::loop_nest(k, self.l, bounds, quote!({ #prefix #body }))
        };
        let fma = if fma { quote!(true) } else { quote!(false) };
        // Where the shared remainder starts: nothing is left.
        let next = self.shared_tail.then(|| &range.hi[0]);
        let body = super::prelude::noalias_windows(w, self.info, quote!(#(#inits)* #nest (#(#results,)* #next)));
        quote!({
            #[allow(unused_imports)]
            use ::kernelize::__private::runtime::simd::{Lanes as __KzLanes, Rows as _, RowsMut as _};
            #[allow(dead_code)]
            const __KZ_FMA: bool = #fma;
            #locals
            #body
        })
    }

    /// `|| { ... }` for one clone when the trips of inner loops run in lanes: the prange loop
    /// as scalar code, those loops vectorized. The lanes of the main vector loop.
    fn closure_along(
        &mut self,
        range: &Range,
        list: &[Along],
        per_reg: usize,
        fma: bool,
    ) -> Gen2<(TokenStream, usize)> {
        let mut w = self.relaxed();
        let mut lanes = 1;
        for a in list {
            let lp = find_loop(&self.l.body, a.var).ok_or("the loop along which the lanes run is gone")?;
            let mut g = Gen {
                k: self.k,
                l: self.l,
                info: self.info,
                w: w.clone(),
                varying: a.varying.clone(),
                vdim: self.vdim,
                lane_var: a.var,
                along: true,
                full: true,
                rows: Vec::new(),
                k0: helper("__kz_k0"),
                step_windows: false,
                hoisted: TokenStream::new(),
                step_loads: Vec::new(),
                step_prefix: TokenStream::new(),
                shared_tail: false,
                ctx: Vec::new(),
                serial_depth: 0,
                fresh: self.fresh,
                facts: Facts::default(),
            };
            let tokens = g.along_loop(lp, a, per_reg)?;
            self.fresh = g.fresh;
            self.hoisted.extend(std::mem::take(&mut g.hoisted));
            self.facts.gathers.extend(g.facts.gathers);
            self.facts.scatters.extend(g.facts.scatters);
            self.facts.masked.extend(g.facts.masked);
            lanes = lanes.max(a.vectors * per_reg);
            w.replaced.push((a.var, tokens));
        }
        let prefix = std::mem::take(&mut self.hoisted);
        Ok((self.closure_scalar_with(range, fma, &w, &prefix), lanes))
    }

    /// An inner loop whose trips run in lanes: vector steps of `vectors` registers, then of
    /// one (when `vectors` > 1), each reduction in partial lanes folded into its variable after
    /// them, then the trips left as the loop's scalar code.
    fn along_loop(&mut self, lp: &Loop, a: &Along, per_reg: usize) -> Gen2<TokenStream> {
        let k = self.k;
        let LoopKind::For { var: Some(v), range } = &lp.kind else {
            return Err("not a `for` loop over a range".into());
        };
        let Ty::Scalar(vt) = k.var(*v).ty else {
            return Err("its variable has no integer type kernelize knows".into());
        };
        let t = Ident::new(vt.name(), Span::call_site());
        let lanes_ty = lanes_path();
        let rt = quote!(::kernelize::__private::runtime::parallel);
        let (s, e, n, k0) = (self.fresh("s"), self.fresh("e"), self.fresh("n"), self.fresh("k"));
        let (start, end) = (self.w.expr(&range.start, 0), self.w.expr(&range.end, 0));
        let var = var_ident(k, *v, k.var(*v).span);
        self.k0 = k0.clone();
        let inside = changed_in(&lp.body);
        // Rows the same for the whole prange iteration (of arrays the loop only reads, the
        // loop's range fixed too) are looked up once per iteration, not at every entry.
        let (k, l, info) = (self.k, self.l, self.info);
        let fixed_for_iteration = |x: VarId| {
            matches!(k.var(x).origin, crate::ir::Origin::Param | crate::ir::Origin::Host)
                || l.dims.iter().any(|d| d.var == x)
        };
        let range_fixed = l.dims.len() == 1
            && super::rows::all_vars(&range.start, &fixed_for_iteration)
            && super::rows::all_vars(&range.end, &fixed_for_iteration);
        let hoistable =
            |array: VarId, r: &Expr| info.reads.contains(&array) && super::rows::all_vars(r, &fixed_for_iteration);
        let hoist = range_fixed.then_some((&hoistable as &dyn Fn(VarId, &Expr) -> bool, &start, &end));
        let first_use = self.rows.len();
        let rows = self.plan_rows(&lp.body, &|x| !inside.contains(&x) && x != *v, &quote!(#s), &quote!(#e), hoist);
        // Each vector step cuts the rows' windows to its own elements, from what is left of
        // them: the step's loads and stores then index slices of a constant length, with no
        // check, and the loop's condition is the only one (`k0 + c + W <= len` for each load
        // was two checks per load: LLVM cannot relate `k0` to the windows' lengths).
        let planned: Vec<(Ident, usize, bool)> = if rows.is_some() {
            self.rows[first_use..]
                .iter()
                .filter_map(|u| Some((u.window.clone()?, usize::try_from(u.last - u.first).ok()?, u.write)))
                .collect()
        } else {
            Vec::new()
        };
        let windows: Vec<(Ident, Ident, Literal, bool)> = planned
            .into_iter()
            .map(|(w, span, write)| (self.fresh("rest"), w, Literal::usize_unsuffixed(span), write))
            .collect();
        self.step_windows = !windows.is_empty();
        let widths = if a.vectors > 1 { vec![a.vectors * per_reg, per_reg] } else { vec![per_reg] };
        let mut levels = TokenStream::new();
        for lanes in widths {
            let lanes_lit = Literal::usize_unsuffixed(lanes);
            let (mut inits, mut folds, mut combines, mut partials) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            let reg = Literal::usize_unsuffixed(per_reg);
            for &(rv, op) in &a.reductions {
                let name = var_ident(k, rv, k.var(rv).span);
                let Ty::Scalar(rs) = k.var(rv).ty else {
                    return Err(format!("the reduction `{}` has no type kernelize knows", k.var(rv).name));
                };
                let rt_ty = Ident::new(rs.name(), Span::call_site());
                let idf = super::reduce::identity_method(op, Span::call_site());
                let (identity, partial) = (self.fresh("id"), self.fresh("p"));
                inits.push(quote! {
                    let #identity: #rt_ty = <#rt_ty as #rt::Identity>::#idf(&#name);
                    let mut #name = #lanes_ty::<#rt_ty, __KZ_W>::splat(#identity);
                });
                let (acc, lane) = (helper("__kz_acc"), helper("__kz_lane"));
                let step = super::reduce::combine_step(op, &acc, &quote!(#lane));
                folds.push(quote!(#name.fold_tree::<#reg>(|mut #acc, #lane| { #step #acc })));
                combines.push(super::reduce::combine_step(op, &name, &quote!(#partial)));
                partials.push(partial);
            }
            self.full = true;
            let body = self.along_step(lp, a)?;
            let base = helper("__kz_i0");
            let (mut rests, mut conds, mut cuts, mut advances) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            for (rest, win, span, write) in &windows {
                conds.push(quote!(&& #rest.len() >= __KZ_W + #span));
                if *write {
                    rests.push(quote!(let mut #rest = &mut #win[#k0..];));
                    cuts.push(quote!(let #win = &mut #rest[..__KZ_W + #span];));
                    advances.push(quote!(#rest = &mut ::core::mem::take(&mut #rest)[__KZ_W..];));
                } else {
                    rests.push(quote!(let mut #rest = &#win[#k0..];));
                    cuts.push(quote!(let #win = &#rest[..__KZ_W + #span];));
                    advances.push(quote!(#rest = &#rest[__KZ_W..];));
                }
            }
            levels.extend(quote! {
                if #n - #k0 >= #lanes_lit {
                    let (#(#partials,)*) = {
                        const __KZ_W: usize = #lanes_lit;
                        #(#inits)*
                        #(#rests)*
                        while #n - #k0 >= __KZ_W #(#conds)* {
                            #(#cuts)*
                            let #base: #t = #rt::LoopIndex::nth(#s, #k0);
                            let #var = #lanes_ty::<#t, __KZ_W>::iota(#base);
                            #body
                            #(#advances)*
                            #k0 += __KZ_W;
                        }
                        (#(#folds,)*)
                    };
                    #(#combines)*
                }
            });
        }
        // Without a fast path for its rows, the vector steps do not run: the scalar loop does all.
        let rows_levels = match rows {
            Some(r) => {
                let RowPlan { lookups, patterns, values, .. } = r;
                quote!(#lookups match (#(#values,)*) { (#(#patterns,)*) => { #levels } _ => {} })
            }
            None => levels,
        };
        let rest = self.w.block(&lp.body);
        let lbl = lp.label.as_ref().map(|i| {
            let l = super::rust::label(i);
            quote!(#l:)
        });
        let m = k.var(*v).mutable.then(|| quote!(mut));
        Ok(quote!({
            let #s: #t = #start;
            let #e: #t = #end;
            let #n: usize = #rt::LoopIndex::count(#s, #e);
            let mut #k0: usize = 0;
            #rows_levels
            #lbl for #m #var in #rt::LoopIndex::nth(#s, #k0)..#e #rest
        }))
    }

    /// The body of one vector step of an inner loop whose trips run in lanes.
    fn along_step(&mut self, lp: &Loop, a: &Along) -> Gen2<TokenStream> {
        let depth = a.depth;
        let has_continue = walk::any_stmt_in_block(
            &lp.body,
            |s| matches!(s, StmtKind::Continue(j) if j.target == JumpTarget::Serial(depth)),
        );
        let cm = has_continue.then(|| self.fresh("cm"));
        let lanes_ty = lanes_path();
        let decl = cm.as_ref().map(|cm| quote!(let mut #cm = #lanes_ty::<bool, __KZ_W>::splat(false);));
        self.ctx = vec![Ctx { target: JumpTarget::Serial(depth), masked: true, lm: None, cm }];
        self.serial_depth = depth + 1;
        let body = self.block_with_tail(&lp.body, &Mask::Full)?;
        Ok(quote!({ #decl #body }))
    }

    fn fresh(&mut self, what: &str) -> Ident {
        self.fresh += 1;
        helper(&format!("__kz_{what}{}", self.fresh))
    }

    /// `|| { ... }` for one clone: the vector loop over the range, returning the partials.
    fn closure(&mut self, range: &Range, lanes: usize, per_reg: usize, fma: bool) -> Gen2<TokenStream> {
        let k = self.k;
        let reg = Literal::usize_unsuffixed(per_reg);
        let l = self.l;
        let lanes_lit = Literal::usize_unsuffixed(lanes);
        let lanes_ty = lanes_path();
        let (count, nth) = (
            quote!(::kernelize::__private::runtime::parallel::LoopIndex::count),
            quote!(::kernelize::__private::runtime::parallel::LoopIndex::nth),
        );
        let mut locals = super::prelude::local_copies(k, self.info);
        locals.extend(super::prelude::helper_copies(&self.w, self.info));
        locals.extend(super::prelude::written_locals(&self.w, self.info));
        let mut inits = Vec::new();
        let mut folds = Vec::new();
        let mut fallback: (Vec<TokenStream>, Vec<TokenStream>) = (Vec::new(), Vec::new());
        for r in &self.info.reductions {
            let name = var_ident(k, r.var, k.var(r.var).span);
            let Ty::Scalar(s) = k.var(r.var).ty else {
                return Err(format!(
                    "the reduction `{}` has a type kernelize does not know (annotate it: `let mut {}: f64 = ..`)",
                    k.var(r.var).name,
                    k.var(r.var).name
                ));
            };
            let t = Ident::new(s.name(), Span::call_site());
            let id = super::reduce::identity_method(r.op, Span::call_site());
            let identity = self.fresh("id");
            inits.push(quote! {
                let #identity: #t = <#t as ::kernelize::__private::runtime::parallel::Identity>::#id(&#name);
                let mut #name = #lanes_ty::<#t, __KZ_W>::splat(#identity);
            });
            // In a row's scalar fallback: the scalar partial, folded into lane 0 after it.
            let lanes = self.fresh("lanes");
            fallback.0.push(quote!(let #lanes = &mut #name; let mut #name: #t = #identity;));
            fallback.1.push(super::reduce::combine_step(r.op, &quote!(#lanes.0[0]), &quote!(#name)));
            let (acc, lane) = (helper("__kz_acc"), helper("__kz_lane"));
            let step = super::reduce::combine_step(r.op, &acc, &quote!(#lane));
            folds.push(quote!(#name.fold_tree::<#reg>(|mut #acc, #lane| { #step #acc })));
        }

        let vd = self.vdim;
        let (lo_v, hi_v) = (&range.lo[vd], &range.hi[vd]);
        let (n, k0) = (helper("__kz_vn"), helper("__kz_k0"));
        let pvar = var_ident(k, l.dims[vd].var, l.dims[vd].span);
        let Ty::Scalar(pty) = k.var(l.dims[vd].var).ty else {
            return Err("the prange variable has no integer type kernelize knows".into());
        };
        let pty = Ident::new(pty.name(), Span::call_site());
        let base = helper("__kz_i0");
        let iota = quote! {
            let #base: #pty = #nth(#lo_v, #k0);
            let #pvar = #lanes_ty::<#pty, __KZ_W>::iota(#base);
        };

        let mut rows = None;
        if vd == 1 {
            // The rows each iteration of the outer dimension reads: looked up once per row.
            let outer = l.dims[0].var;
            let k = self.k;
            rows = self.plan_rows(
                &l.body,
                &|x| x == outer || matches!(k.var(x).origin, crate::ir::Origin::Param | crate::ir::Origin::Host),
                lo_v,
                hi_v,
                None,
            );
        }
        self.full = true;
        let full_body = self.step(Mask::Full)?;
        // What the full vectors leave: for straight-line code, the loop's scalar code (the
        // reductions' scalar partials folded into lane 0); for code under masks anyway, one
        // vector under the mask of the lanes left.
        let divergent = crate::analyze::vector::has_divergence(&l.body, 0, &self.varying);
        let tail = if self.shared_tail {
            TokenStream::new()
        } else if divergent {
            self.full = false;
            let tail_mask = helper("__kz_tail");
            let tail_body = self.step(Mask::Var(tail_mask.clone()))?;
            quote! {
                if #k0 < #n {
                    let #tail_mask = #lanes_ty::<bool, __KZ_W>::first(#n - #k0);
                    #iota
                    #tail_body
                }
            }
        } else {
            let (shadows, back) = (&fallback.0, &fallback.1);
            let body = self.w.block(&l.body);
            quote! {
                if #k0 < #n {
                    #(#shadows)*
                    for #pvar in #nth(#lo_v, #k0)..#hi_v #body
                    #(#back)*
                }
            }
        };

        let mut nest = quote! {
            let #n: usize = #count(#lo_v, #hi_v);
            let mut #k0: usize = 0;
            while #n - #k0 >= __KZ_W {
                #iota
                #full_body
                #k0 += __KZ_W;
            }
            #tail
        };
        if vd == 1 {
            let outer = var_ident(k, l.dims[0].var, l.dims[0].span);
            let (lo0, hi0) = (&range.lo[0], &range.hi[0]);
            if let Some(RowPlan { lookups, patterns, values, .. }) = rows {
                // A row that is not contiguous (a transposed view), or one the loop would index
                // out of bounds: the row as scalar code, which panics where `serial` would.
                let inner = var_ident(k, l.dims[1].var, l.dims[1].span);
                let body = self.w.block(&l.body);
                let (shadows, back) = (&fallback.0, &fallback.1);
                nest = quote! {
                    #lookups
                    match (#(#values,)*) {
                        (#(#patterns,)*) => { #nest }
                        _ => {
                            #(#shadows)*
                            for #inner in #lo_v..#hi_v #body
                            #(#back)*
                        }
                    }
                };
            }
            nest = quote!(for #outer in #lo0..#hi0 { #nest });
        }
        let fma = if fma { quote!(true) } else { quote!(false) };
        let next = self.shared_tail.then(|| quote!(#nth(#lo_v, #k0)));
        let body = super::prelude::noalias_windows(&self.w, self.info, quote!(#(#inits)* #nest (#(#folds,)* #next)));
        Ok(quote!({
            #[allow(unused_imports)]
            use ::kernelize::__private::runtime::simd::{Lanes as __KzLanes, Rows as _, RowsMut as _};
            const __KZ_W: usize = #lanes_lit;
            #[allow(dead_code)]
            const __KZ_FMA: bool = #fma;
            #locals
            #body
        }))
    }

    /// The body of one vector step under `m`.
    fn step(&mut self, m: Mask) -> Gen2<TokenStream> {
        let has_continue = walk::any_stmt_in_block(
            &self.l.body,
            |s| matches!(s, StmtKind::Continue(j) if j.target == JumpTarget::Prange),
        );
        let cm = has_continue.then(|| helper("__kz_cm0"));
        let lanes_ty = lanes_path();
        let decl = cm.as_ref().map(|cm| quote!(let mut #cm = #lanes_ty::<bool, __KZ_W>::splat(false);));
        self.ctx = vec![Ctx { target: JumpTarget::Prange, masked: true, lm: None, cm }];
        self.serial_depth = 0;
        self.step_loads.clear();
        let body = self.block_with_tail(&self.l.body, &m)?;
        let prefix = std::mem::take(&mut self.step_prefix);
        Ok(quote!({ #decl #prefix #body }))
    }

    /// For a vector load of `array[i + c]` (a slice the prange loop only reads, `i` the
    /// vectorized prange index) inside a serial loop of the step: the binding of the lanes,
    /// loaded once before the step's body (`None` where they are not all in bounds; the load
    /// in the loop then runs as written, and panics where `serial` would). In the loop the
    /// load was one of two paths (all in bounds, or lane by lane), which LLVM does not hoist:
    /// nbody's `x[i]`, `y[i]` and `z[i]` were put together lane by lane at every trip of `j`.
    fn step_load(&mut self, array: VarId, index: &[Expr], t: &Ident) -> Option<Ident> {
        let [i] = index else { return None };
        if self.along || self.serial_depth == 0 || !self.info.reads.contains(&array) {
            return None;
        }
        let c = self.vector_offset(i)?;
        if let Some((_, _, h)) = self.step_loads.iter().find(|(a, o, _)| *a == array && *o == c) {
            return Some(h.clone());
        }
        let h = self.fresh("hl");
        let (a, at, lanes_ty) = (var_ident(self.k, array, Span::call_site()), Self::lane0_index(c), lanes_path());
        self.step_prefix.extend(quote! {
            let #h: ::core::option::Option<#lanes_ty<#t, __KZ_W>> = #lanes_ty::<#t, __KZ_W>::load_checked(&#a[..], #at);
        });
        self.step_loads.push((array, c, h.clone()));
        Some(h)
    }

    fn mask_tokens(&self, m: &Mask) -> TokenStream {
        let lanes_ty = lanes_path();
        match m {
            Mask::Full => quote!(#lanes_ty::<bool, __KZ_W>::splat(true)),
            Mask::Var(v) => quote!(#v),
        }
    }

    fn is_varying(&self, e: &Expr) -> bool {
        is_varying(&self.varying, e)
    }

    fn stmt_uniform(&self, s: &Stmt) -> bool {
        let has_jump = walk::any_stmt(s, |k| matches!(k, StmtKind::Break(_) | StmtKind::Continue(_)));
        if has_jump {
            return false;
        }
        struct Any<'s> {
            set: &'s BTreeSet<VarId>,
            found: bool,
        }
        impl Visitor<'_> for Any<'_> {
            fn expr(&mut self, e: &Expr) {
                self.found |= is_varying(self.set, e);
            }
            fn stmt(&mut self, s: &Stmt) {
                match &s.kind {
                    StmtKind::Let { var, .. } if self.set.contains(var) => self.found = true,
                    StmtKind::Assign { place: Place::Var(v), .. } if self.set.contains(v) => self.found = true,
                    StmtKind::Assign { place: Place::Index { .. }, .. } => self.found = true,
                    StmtKind::Loop(l) => {
                        if let LoopKind::For { var: Some(v), .. } = &l.kind
                            && self.set.contains(v)
                        {
                            self.found = true;
                        }
                    }
                    _ => {}
                }
                walk::walk_stmt(self, s);
            }
        }
        let mut a = Any { set: &self.varying, found: false };
        a.stmt(s);
        !a.found
    }

    /// The statements of `b` under `m`, and the mask at their end (lanes that jumped away
    /// are out of it), for the block's tail.
    fn block_m(&mut self, b: &Block, m: &Mask) -> Gen2<(TokenStream, Mask)> {
        let jumps = b.stmts.iter().any(has_jump);
        let mut out = TokenStream::new();
        let m = if jumps {
            let v = self.fresh("m");
            let init = self.mask_tokens(m);
            out.extend(quote!(let mut #v = #init;));
            Mask::Var(v)
        } else {
            m.clone()
        };
        for s in &b.stmts {
            out.extend(self.stmt(s, &m)?);
            if has_jump(s)
                && let Mask::Var(v) = &m
            {
                out.extend(self.refresh(v));
            }
        }
        Ok((out, m))
    }

    /// `m = m & lm & !cm` for every masked loop around this point.
    fn refresh(&self, m: &Ident) -> TokenStream {
        let mut out = TokenStream::new();
        for c in &self.ctx {
            if let Some(lm) = &c.lm {
                out.extend(quote!(#m = #m & #lm;));
            }
            if let Some(cm) = &c.cm {
                out.extend(quote!(#m = #m & !#cm;));
            }
        }
        out
    }

    fn stmt(&mut self, s: &Stmt, m: &Mask) -> Gen2<TokenStream> {
        if self.stmt_uniform(s) {
            return Ok(self.w.stmt(s));
        }
        match &s.kind {
            StmtKind::Let { var, init, .. } => {
                let name = var_ident(self.k, *var, self.k.var(*var).span);
                let v = self.lanes(init, m)?;
                Ok(quote!(let mut #name = #v;))
            }
            StmtKind::Assign { place: Place::Var(var), op, value } => {
                let name = var_ident(self.k, *var, s.span);
                if !self.varying.contains(var) {
                    return Ok(self.w.stmt(s));
                }
                // `s += a * b` contracted into one multiply-add, as `s + a * b` is.
                if let Some(op @ (BinOp::Add | BinOp::Sub)) = op
                    && let ExprKind::Binary { op: BinOp::Mul, lhs: a, rhs: b } = &value.kind
                    && matches!(value.ty, Ty::Scalar(t) if t.is_float())
                {
                    let (a, b) = (self.lanes(a, m)?, self.lanes(b, m)?);
                    let a = if *op == BinOp::Sub { quote!((-#a)) } else { a };
                    let new = quote!(#a.fmadd::<__KZ_FMA>(#b, #name));
                    return Ok(self.assign(&name, new, m));
                }
                let value = self.lanes(value, m)?;
                let new = match op {
                    Some(op) => self.binary_lanes(*op, quote!(#name), value),
                    None => value,
                };
                Ok(self.assign(&name, new, m))
            }
            StmtKind::Assign { place: Place::Index { array, index }, op, value } => {
                let value = self.lanes(value, m)?;
                let ty = match self.k.var(*array).ty {
                    Ty::Array(a) => Ty::Scalar(a.elem),
                    _ => {
                        return Err(format!(
                            "the element type of `{}` is not known to kernelize (give the parameter or `let` a type, \
                             e.g. `&mut [f64]`)",
                            self.k.var(*array).name
                        ));
                    }
                };
                let value = match op {
                    Some(op) => {
                        let old = self.load(*array, index, m, ty)?;
                        self.binary_lanes(*op, old, value)
                    }
                    None => value,
                };
                self.store(*array, index, value, m)
            }
            StmtKind::Expr(e) => self.expr_stmt(e, m),
            StmtKind::Loop(lp) => self.serial_loop(lp, m),
            StmtKind::Break(j) | StmtKind::Continue(j) => {
                let is_break = matches!(s.kind, StmtKind::Break(_));
                self.jump(is_break, j, s.span, m)
            }
            StmtKind::Return(_) => Err("`return` inside a prange loop".into()),
            StmtKind::Opaque(o) => Err(format!("{} is outside the kernel language", o.what)),
        }
    }

    /// `name = new` in the lanes of `m`.
    fn assign(&self, name: &Ident, new: TokenStream, m: &Mask) -> TokenStream {
        let lanes_ty = lanes_path();
        match m {
            Mask::Full => quote!(#name = #new;),
            Mask::Var(v) => quote!(#name = #lanes_ty::select(#v, #new, #name);),
        }
    }

    fn expr_stmt(&mut self, e: &Expr, m: &Mask) -> Gen2<TokenStream> {
        match &e.kind {
            ExprKind::If { cond, then, els } => self.if_stmt(cond, then, els.as_deref(), m),
            ExprKind::Block(b) => {
                let body = self.block_with_tail(b, m)?;
                Ok(quote!({ #body }))
            }
            _ => {
                let (v, _) = self.val(e, m)?;
                Ok(quote!(let _ = #v;))
            }
        }
    }

    /// `if` in statement position.
    fn if_stmt(&mut self, cond: &Expr, then: &Block, els: Option<&Expr>, m: &Mask) -> Gen2<TokenStream> {
        if !self.is_varying(cond) {
            let c = self.w.expr(cond, 0);
            let t = self.block_with_tail(then, m)?;
            let e = match els {
                Some(e) => {
                    let e = self.expr_stmt(e, m)?;
                    quote!(else { #e })
                }
                None => TokenStream::new(),
            };
            return Ok(quote!(if #c { #t } #e));
        }
        self.note_mask(cond, "`if`");
        let c = self.lanes(cond, m)?;
        let (cv, mt, me) = (self.fresh("c"), self.fresh("m"), self.fresh("m"));
        let mtok = self.mask_tokens(m);
        let t = self.block_with_tail(then, &Mask::Var(mt.clone()))?;
        let mut out = quote! {
            let #cv = #c;
            let #mt = #mtok & #cv;
            if #mt.any() { #t }
        };
        if let Some(e) = els {
            let e = self.expr_stmt(e, &Mask::Var(me.clone()))?;
            let mtok = self.mask_tokens(m);
            out.extend(quote! {
                let #me = #mtok & !#cv;
                if #me.any() { #e }
            });
        }
        Ok(quote!({ #out }))
    }

    fn block_with_tail(&mut self, b: &Block, m: &Mask) -> Gen2<TokenStream> {
        let (body, m) = self.block_m(b, m)?;
        let tail = match &b.tail {
            Some(t) => self.expr_stmt(t, &m)?,
            None => TokenStream::new(),
        };
        Ok(quote!(#body #tail))
    }

    fn note_mask(&mut self, at: &Expr, what: &str) {
        let line = at.span.start().line;
        let note = format!("{what} (line {line})");
        if !self.facts.masked.contains(&note) {
            self.facts.masked.push(note);
        }
    }

    /// Whether `lp` must run under a lane mask: its header varies, or a jump out of it is
    /// taken by some lanes only.
    fn loop_masked(&self, lp: &Loop) -> bool {
        header_varies(lp, &self.varying) || divergent_exit(&lp.body, self.serial_depth, &self.varying, false)
    }

    fn serial_loop(&mut self, lp: &Loop, m: &Mask) -> Gen2<TokenStream> {
        let masked = self.loop_masked(lp);
        let depth = self.serial_depth;
        let lanes_ty = lanes_path();
        if !masked {
            // A uniform loop: Rust's own loop, the body under the same mask.
            self.ctx.push(Ctx { target: JumpTarget::Serial(depth), masked: false, lm: None, cm: None });
            self.serial_depth += 1;
            let body = self.block_with_tail(&lp.body, m);
            self.serial_depth -= 1;
            self.ctx.pop();
            let body = body?;
            let lbl = lp.label.as_ref().map(|i| {
                let l = super::rust::label(i);
                quote!(#l:)
            });
            return Ok(match &lp.kind {
                LoopKind::For { var, range } => {
                    let pat = match var {
                        Some(v) => {
                            let ident = var_ident(self.k, *v, self.k.var(*v).span);
                            if self.varying.contains(v) {
                                let Ty::Scalar(s) = self.k.var(*v).ty else {
                                    return Err(format!(
                                        "the loop variable `{}` has a type kernelize does not know",
                                        self.k.var(*v).name
                                    ));
                                };
                                let t = Ident::new(s.name(), Span::call_site());
                                let raw = self.fresh("j");
                                let iter = self.range_iter(range);
                                return Ok(quote!(#lbl for #raw in #iter {
                                    let #ident = #lanes_ty::<#t, __KZ_W>::splat(#raw);
                                    #body
                                }));
                            }
                            quote!(#ident)
                        }
                        None => quote!(_),
                    };
                    let iter = self.range_iter(range);
                    quote!(#lbl for #pat in #iter { #body })
                }
                LoopKind::While { cond } => {
                    let c = self.w.expr(cond, 0);
                    quote!(#lbl while #c { #body })
                }
                LoopKind::Infinite => quote!(#lbl loop { #body }),
            });
        }
        // A masked loop: a Rust `loop` that runs while any lane is left in it.
        let (lm, cm) = (self.fresh("lm"), self.fresh("cm"));
        let entry = self.mask_tokens(m);
        // Lanes that left an enclosing loop (a `break 'outer`) stop this one too.
        let outer_refresh = self.refresh(&lm);
        let mut pre = TokenStream::new();
        let mut head = TokenStream::new();
        let mut advance = TokenStream::new();
        match &lp.kind {
            LoopKind::While { cond } => {
                self.note_mask(cond, "`while`");
                self.ctx.push(Ctx { target: JumpTarget::Serial(depth), masked: true, lm: Some(lm.clone()), cm: None });
                let c = self.lanes(cond, &Mask::Var(lm.clone()));
                self.ctx.pop();
                let c = c?;
                head.extend(quote!(#lm = #lm & #c;));
            }
            LoopKind::Infinite => {}
            LoopKind::For { var, range } => {
                if range.adapters.iter().any(|a| matches!(a, RangeAdapter::Rev)) {
                    return Err(
                        "a serial `for` loop with `.rev()` whose bounds or exits differ between iterations".into()
                    );
                }
                let step = match range.adapters.as_slice() {
                    [] => None,
                    [RangeAdapter::StepBy(k)] if !self.is_varying(k) => Some(self.w.expr(k, 0)),
                    _ => return Err("a serial `for` loop with a varying `.step_by()`".into()),
                };
                let ty = match var {
                    Some(v) => self.k.var(*v).ty,
                    None => range.start.ty,
                };
                let Ty::Scalar(s) = ty else {
                    return Err(
                        "a serial loop over a range whose type kernelize does not know (annotate its bounds)".into()
                    );
                };
                let t = Ident::new(s.name(), Span::call_site());
                let ident = match var {
                    Some(v) => var_ident(self.k, *v, self.k.var(*v).span),
                    None => self.fresh("unused"),
                };
                let (cur, end) = (self.fresh("j"), self.fresh("end"));
                let start = self.lanes(&range.start, m)?;
                let stop = self.lanes(&range.end, m)?;
                let cmp = if range.inclusive { quote!(le) } else { quote!(lt) };
                pre.extend(
                    quote!(let mut #cur: #lanes_ty<#t, __KZ_W> = #start; let #end: #lanes_ty<#t, __KZ_W> = #stop;),
                );
                head.extend(quote!(#lm = #lm & #cur.#cmp(#end); let #ident = #cur;));
                let step = step.unwrap_or_else(|| quote!(1));
                advance.extend(quote!(#cur = #cur + #lanes_ty::<#t, __KZ_W>::splat(#step);));
                self.note_mask(&range.end, "`for`");
            }
        }
        let uses_cm = walk::any_stmt_in_block(
            &lp.body,
            |s| matches!(s, StmtKind::Continue(j) if j.target == JumpTarget::Serial(depth)),
        );
        let cm_decl = uses_cm.then(|| quote!(let mut #cm = #lanes_ty::<bool, __KZ_W>::splat(false);));
        self.ctx.push(Ctx {
            target: JumpTarget::Serial(depth),
            masked: true,
            lm: Some(lm.clone()),
            cm: uses_cm.then(|| cm.clone()),
        });
        self.serial_depth += 1;
        let body = self.block_with_tail(&lp.body, &Mask::Var(lm.clone()));
        self.serial_depth -= 1;
        self.ctx.pop();
        let body = body?;
        Ok(quote!({
            let mut #lm = #entry;
            #pre
            loop {
                #outer_refresh
                #head
                if !#lm.any() { break; }
                #cm_decl
                { #body }
                #advance
            }
        }))
    }

    fn range_iter(&self, range: &crate::ir::SerialRange) -> TokenStream {
        let (start, end) = (self.w.expr(&range.start, 10), self.w.expr(&range.end, 10));
        let mut iter = if range.inclusive { quote!(#start..=#end) } else { quote!(#start..#end) };
        for a in &range.adapters {
            iter = match a {
                RangeAdapter::Rev => quote!((#iter).rev()),
                RangeAdapter::StepBy(k) => {
                    let k = self.w.expr(k, 0);
                    quote!((#iter).step_by(#k))
                }
            };
        }
        iter
    }

    fn jump(&mut self, is_break: bool, j: &crate::ir::Jump, span: Span, m: &Mask) -> Gen2<TokenStream> {
        let Some(c) = self.ctx.iter().rev().find(|c| c.target == j.target) else {
            return Err("a `break` or `continue` to a loop outside the prange loop's rows".into());
        };
        if !c.masked {
            return Ok(self.w.jump(if is_break { "break" } else { "continue" }, j, span));
        }
        let mtok = self.mask_tokens(m);
        match (is_break, &c.lm, &c.cm) {
            (true, Some(lm), _) => Ok(quote!(#lm = #lm & !(#mtok);)),
            (false, _, Some(cm)) => Ok(quote!(#cm = #cm | #mtok;)),
            _ => Err("a `break` out of the prange loop".into()),
        }
    }

    /// `e` as lanes (splatted if uniform).
    fn lanes(&mut self, e: &Expr, m: &Mask) -> Gen2<TokenStream> {
        let (v, varying) = self.val(e, m)?;
        if varying {
            return Ok(v);
        }
        let lanes_ty = lanes_path();
        let t = scalar_ty(e)?;
        Ok(quote!(#lanes_ty::<#t, __KZ_W>::splat(#v)))
    }

    /// `e` and whether it is lanes (else a scalar, written by the plain writer).
    fn val(&mut self, e: &Expr, m: &Mask) -> Gen2<(TokenStream, bool)> {
        if !self.is_varying(e) {
            return Ok((self.w.expr(e, 0), false));
        }
        let t = match &e.kind {
            ExprKind::Var(v) => var_ident(self.k, *v, e.span).into_token_stream(),
            ExprKind::Unary { op, arg } => {
                let a = self.lanes(arg, m)?;
                match op {
                    UnOp::Neg => quote!((-#a)),
                    UnOp::Not => quote!((!#a)),
                }
            }
            // `&&` and `||` evaluate their right side only where serial would: for no lane when
            // the left side decides them all (its uniform parts, say `a[k - 1]` after `k > 0`,
            // could panic), else under the mask of the lanes it leaves undecided.
            ExprKind::Binary { op: op @ (BinOp::And | BinOp::Or), lhs, rhs } if !self.is_varying(lhs) => {
                let a = self.w.expr(lhs, 0);
                let b = self.lanes(rhs, m)?;
                let lanes_ty = lanes_path();
                let decided = if *op == BinOp::And { quote!(false) } else { quote!(true) };
                if *op == BinOp::And {
                    quote!(if #a { #b } else { #lanes_ty::<bool, __KZ_W>::splat(#decided) })
                } else {
                    quote!(if #a { #lanes_ty::<bool, __KZ_W>::splat(#decided) } else { #b })
                }
            }
            ExprKind::Binary { op: op @ (BinOp::And | BinOp::Or), lhs, rhs } => {
                let a = self.lanes(lhs, m)?;
                let (av, sub) = (self.fresh("c"), self.fresh("m"));
                let mtok = self.mask_tokens(m);
                let b = self.lanes(rhs, &Mask::Var(sub.clone()))?;
                if *op == BinOp::And {
                    quote!({ let #av = #a; let #sub = #mtok & #av; if #sub.any() { #av & #b } else { #av } })
                } else {
                    quote!({ let #av = #a; let #sub = #mtok & !#av; if #sub.any() { #av | #b } else { #av } })
                }
            }
            ExprKind::Binary { op, lhs, rhs } => {
                if let Some(t) = self.contract(*op, lhs, rhs, e, m)? {
                    t
                } else {
                    let (a, b) = (self.lanes(lhs, m)?, self.lanes(rhs, m)?);
                    self.binary_lanes(*op, a, b)
                }
            }
            ExprKind::Cast { arg, to } => {
                let a = self.lanes(arg, m)?;
                let to = Ident::new(to.name(), Span::call_site());
                quote!(#a.cast::<#to>())
            }
            ExprKind::Math { func, args, .. } => self.math(*func, args, m)?,
            ExprKind::Index { array, index } => self.load(*array, index, m, e.ty)?,
            ExprKind::If { cond, then, els } => self.if_value(cond, then, els.as_deref(), e, m)?,
            ExprKind::Block(b) => {
                let (body, m) = self.block_m(b, m)?;
                let tail = match &b.tail {
                    Some(t) => self.lanes(t, &m)?,
                    None => quote!(()),
                };
                quote!({ #body #tail })
            }
            ExprKind::Match { scrutinee, arms } => {
                if self.is_varying(scrutinee) {
                    return self.match_lanes(scrutinee, arms, e, m).map(|t| (t, true));
                }
                let s = self.w.expr(scrutinee, 0);
                let mut out = Vec::new();
                for arm in arms {
                    if arm.guard.as_ref().is_some_and(|g| self.is_varying(g)) {
                        return Err("a `match` guard that differs between iterations".into());
                    }
                    let pats: Vec<TokenStream> = arm.pats.iter().map(|p| self.w.pattern(p)).collect();
                    let guard = arm.guard.as_ref().map(|g| {
                        let g = self.w.expr(g, 0);
                        quote!(if #g)
                    });
                    let body = if e.ty == Ty::Unit { self.expr_stmt(&arm.body, m)? } else { self.lanes(&arm.body, m)? };
                    out.push(quote!(#(#pats)|* #guard => { #body }));
                }
                quote!(match #s { #(#out)* })
            }
            ExprKind::Lit(_) | ExprKind::Const(_) | ExprKind::Len { .. } => {
                return Ok((self.w.expr(e, 0), false));
            }
            ExprKind::Try(_) => return Err("`?` inside a prange loop".into()),
            ExprKind::Opaque(o) => return Err(format!("{} is outside the kernel language", o.what)),
        };
        Ok((t, true))
    }

    /// A `match` on a varying value: the arms in order, each under the mask of the lanes its
    /// pattern (and guard) takes and no earlier arm took.
    fn match_lanes(&mut self, scrutinee: &Expr, arms: &[crate::ir::Arm], e: &Expr, m: &Mask) -> Gen2<TokenStream> {
        use crate::ir::Pattern;
        let lanes_ty = lanes_path();
        self.note_mask(scrutinee, "`match`");
        let st = scalar_ty(scrutinee)?;
        let sv = self.lanes(scrutinee, m)?;
        let (s, rest, out) = (self.fresh("s"), self.fresh("rest"), self.fresh("out"));
        let mtok = self.mask_tokens(m);
        let value = e.ty != Ty::Unit;
        let mut code = quote!(let #s = #sv; let mut #rest = #mtok;);
        if value {
            let t = scalar_ty(e)?;
            code.extend(
                quote!(let mut #out = #lanes_ty::<#t, __KZ_W>::splat(<#t as ::core::default::Default>::default());),
            );
        }
        let splat = |l: &crate::ir::Lit, neg: bool| {
            let v = super::rust::lit(l, Span::call_site());
            let v = if neg { quote!(-#v) } else { v };
            quote!(#lanes_ty::<#st, __KZ_W>::splat(#v))
        };
        for arm in arms {
            let pm = self.fresh("m");
            let mut takes = Vec::new();
            let mut binds = TokenStream::new();
            for p in &arm.pats {
                match p {
                    Pattern::Wild => takes.push(quote!(#lanes_ty::<bool, __KZ_W>::splat(true))),
                    Pattern::Bind(v) => {
                        let name = var_ident(self.k, *v, self.k.var(*v).span);
                        binds.extend(quote!(let #name = #s;));
                        takes.push(quote!(#lanes_ty::<bool, __KZ_W>::splat(true)));
                    }
                    Pattern::Lit { negative, lit } => {
                        let v = splat(lit, *negative);
                        takes.push(quote!(#s.eq(#v)));
                    }
                    Pattern::Range { lo, hi, inclusive } => {
                        let mut t = quote!(#lanes_ty::<bool, __KZ_W>::splat(true));
                        if let Some((neg, l)) = lo {
                            let v = splat(l, *neg);
                            t = quote!((#t & #s.ge(#v)));
                        }
                        if let Some((neg, l)) = hi {
                            let v = splat(l, *neg);
                            let cmp = if *inclusive { quote!(le) } else { quote!(lt) };
                            t = quote!((#t & #s.#cmp(#v)));
                        }
                        takes.push(t);
                    }
                }
            }
            let any = takes
                .into_iter()
                .reduce(|a, b| quote!((#a | #b)))
                .unwrap_or(quote!(#lanes_ty::<bool, __KZ_W>::splat(false)));
            code.extend(quote!(#binds let mut #pm = #rest & #any;));
            if let Some(g) = &arm.guard {
                let g = self.lanes(g, &Mask::Var(pm.clone()))?;
                code.extend(quote!(#pm = #pm & #g;));
            }
            code.extend(quote!(#rest = #rest & !#pm;));
            let body = if value {
                let v = self.lanes(&arm.body, &Mask::Var(pm.clone()))?;
                quote!(#out = #lanes_ty::select(#pm, #v, #out);)
            } else {
                self.expr_stmt(&arm.body, &Mask::Var(pm.clone()))?
            };
            code.extend(quote!(if #pm.any() { #body }));
        }
        Ok(if value { quote!({ #code #out }) } else { quote!({ #code }) })
    }

    /// `a * b + c` as one fused multiply-add, which `fastmath` allows (contraction).
    fn contract(&mut self, op: BinOp, lhs: &Expr, rhs: &Expr, e: &Expr, m: &Mask) -> Gen2<Option<TokenStream>> {
        let Ty::Scalar(s) = e.ty else { return Ok(None) };
        if !s.is_float() || !matches!(op, BinOp::Add | BinOp::Sub) {
            return Ok(None);
        }
        let is_mul = |x: &Expr| matches!(&x.kind, ExprKind::Binary { op: BinOp::Mul, .. });
        let (prod, other, negate_other, negate_prod) = if is_mul(lhs) {
            (lhs, rhs, op == BinOp::Sub, false)
        } else if is_mul(rhs) {
            (rhs, lhs, false, op == BinOp::Sub)
        } else {
            return Ok(None);
        };
        let ExprKind::Binary { lhs: a, rhs: b, .. } = &prod.kind else { return Ok(None) };
        let (a, b, c) = (self.lanes(a, m)?, self.lanes(b, m)?, self.lanes(other, m)?);
        let c = if negate_other { quote!((-#c)) } else { c };
        let a = if negate_prod { quote!((-#a)) } else { a };
        Ok(Some(quote!(#a.fmadd::<__KZ_FMA>(#b, #c))))
    }

    fn binary_lanes(&self, op: BinOp, a: TokenStream, b: TokenStream) -> TokenStream {
        match op {
            BinOp::Add => quote!((#a + #b)),
            BinOp::Sub => quote!((#a - #b)),
            BinOp::Mul => quote!((#a * #b)),
            BinOp::Div => quote!((#a / #b)),
            BinOp::Rem => quote!((#a % #b)),
            BinOp::BitAnd | BinOp::And => quote!((#a & #b)),
            BinOp::BitOr | BinOp::Or => quote!((#a | #b)),
            BinOp::BitXor => quote!((#a ^ #b)),
            BinOp::Shl => quote!((#a << #b.cast::<u32>())),
            BinOp::Shr => quote!((#a >> #b.cast::<u32>())),
            BinOp::Eq => quote!(#a.eq(#b)),
            BinOp::Ne => quote!(#a.ne(#b)),
            BinOp::Lt => quote!(#a.lt(#b)),
            BinOp::Le => quote!(#a.le(#b)),
            BinOp::Gt => quote!(#a.gt(#b)),
            BinOp::Ge => quote!(#a.ge(#b)),
        }
    }

    fn math(&mut self, f: MathFn, args: &[Expr], m: &Mask) -> Gen2<TokenStream> {
        let lanes_ty = lanes_path();
        if f == MathFn::Powi
            && let (Some(n), Some(Ty::Scalar(s))) =
                (args.get(1).and_then(crate::analyze::cost::small_power), args.first().map(|x| x.ty))
        {
            // Multiplied out: 7x faster than the library's `powi` for `x.powi(2)` (issue 12).
            let x = self.lanes(&args[0], m)?;
            let t = Ident::new(s.name(), Span::call_site());
            let ty = quote!(#lanes_ty<#t, __KZ_W>);
            let one = quote!(#lanes_ty::<#t, __KZ_W>::splat(1.0));
            return Ok(super::rust::powi_tokens(&x, n, &ty, &one));
        }
        if f == MathFn::Powf
            && let (Some(p), Some(Ty::Scalar(s))) =
                (args.get(1).and_then(crate::analyze::cost::literal_power), args.first().map(|x| x.ty))
        {
            use crate::analyze::cost::Power;
            let x = self.lanes(&args[0], m)?;
            let t = Ident::new(s.name(), Span::call_site());
            let splat = |v: TokenStream| quote!(#lanes_ty::<#t, __KZ_W>::splat(#v));
            return Ok(match p {
                Power::Int(n) => {
                    let (ty, one) = (quote!(#lanes_ty<#t, __KZ_W>), splat(quote!(1.0)));
                    super::rust::powi_tokens(&x, n, &ty, &one)
                }
                // As in the scalar code (`back/rust.rs`): `|sqrt(x)|`, +inf for -inf.
                Power::Half => {
                    let (ninf, inf) = (splat(quote!(#t::NEG_INFINITY)), splat(quote!(#t::INFINITY)));
                    quote!({
                        let __kz_px = #x;
                        #lanes_ty::select(__kz_px.eq(#ninf), #inf, __kz_px.map(#t::sqrt).map(#t::abs))
                    })
                }
                Power::MinusHalf => {
                    let (ninf, zero, one) = (splat(quote!(#t::NEG_INFINITY)), splat(quote!(0.0)), splat(quote!(1.0)));
                    quote!({
                        let __kz_px = #x;
                        #lanes_ty::select(__kz_px.eq(#ninf), #zero, #one / __kz_px.map(#t::sqrt).map(#t::abs))
                    })
                }
            });
        }
        let mut a = Vec::new();
        for x in args {
            a.push(self.lanes(x, m)?);
        }
        let Some(Ty::Scalar(s)) = args.first().map(|x| x.ty) else { return Err("a math call".into()) };
        let t = Ident::new(s.name(), Span::call_site());
        let lib = |name: &str, a: &[TokenStream]| {
            let f = Ident::new(name, Span::call_site());
            let arrays = a.iter().map(|x| quote!(#x.0));
            quote!(#lanes_ty(::kernelize::__private::runtime::math::#t::#f::<__KZ_FMA, __KZ_W>(#(#arrays),*)))
        };
        Ok(match (f, a.as_slice()) {
            (MathFn::Abs, [x]) if s.is_float() => quote!(#x.map(#t::abs)),
            (MathFn::Abs, [x]) => quote!(#x.map(#t::wrapping_abs)),
            (MathFn::Sqrt, [x]) => quote!(#x.map(#t::sqrt)),
            (MathFn::Min, [x, y]) => quote!(#x.zip(#y, #t::min)),
            (MathFn::Max, [x, y]) => quote!(#x.zip(#y, #t::max)),
            // As std's `clamp` (NaN stays NaN), without its panic on bad bounds in dead lanes.
            (MathFn::Clamp, [x, lo, hi]) => {
                let (xs, los, his, lane) = (self.fresh("x"), self.fresh("lo"), self.fresh("hi"), helper("__kz_l"));
                quote!({
                    let (#xs, #los, #his) = (#x, #lo, #hi);
                    #lanes_ty::<#t, __KZ_W>::from_fn(|#lane| {
                        let v = #xs.0[#lane];
                        if v < #los.0[#lane] { #los.0[#lane] } else if v > #his.0[#lane] { #his.0[#lane] } else { v }
                    })
                })
            }
            (MathFn::Signum, [x]) => quote!(#x.map(#t::signum)),
            (MathFn::Recip, [x]) => quote!((#lanes_ty::<#t, __KZ_W>::splat(1.0) / #x)),
            (MathFn::MulAdd, [x, y, z]) => quote!(#x.fmadd::<__KZ_FMA>(#y, #z)),
            (MathFn::Powi, [x, n]) => lib("powi", &[x.clone(), n.clone()]),
            (f, a) => lib(f.name(), a),
        })
    }

    /// `array[index]` as lanes: one vector load through a window, else a gather.
    fn load(&mut self, array: VarId, index: &[Expr], m: &Mask, ty: Ty) -> Gen2<TokenStream> {
        let lanes_ty = lanes_path();
        let t = match ty {
            Ty::Scalar(s) => Ident::new(s.name(), Span::call_site()),
            _ => {
                let name = &self.k.var(array).name;
                return Err(format!(
                    "the elements of `{name}` have a type kernelize does not know (annotate it where it is declared, \
                     e.g. `let {name}: Vec<f64> = ..` in host code, or `{name}: &[f64]` as a parameter)"
                ));
            }
        };
        if let Some((w, at)) = self.window_at(array, index) {
            return Ok(match (self.full, m) {
                (false, Mask::Var(mv)) => {
                    quote!(#lanes_ty::<#t, __KZ_W>::load_masked(&#w[..], #at, #mv, <#t as ::core::default::Default>::default()))
                }
                _ => quote!(#lanes_ty::<#t, __KZ_W>::load(&#w[..], #at)),
            });
        }
        match self.row_at(array, index) {
            Some(RowAt::Window(w, at)) => {
                return Ok(match (self.full, m) {
                    (false, Mask::Var(mv)) => {
                        quote!(#lanes_ty::<#t, __KZ_W>::load_masked(&#w[..], #at, #mv, <#t as ::core::default::Default>::default()))
                    }
                    _ => quote!(#lanes_ty::<#t, __KZ_W>::load(&#w[..], #at)),
                });
            }
            Some(RowAt::Full(row, at)) => {
                let mtok = self.mask_tokens(m);
                return Ok(quote!(#lanes_ty::<#t, __KZ_W>::load_at(#row, #at, #mtok)));
            }
            None => {}
        }
        if let Some(at) = self.contiguous(array, index) {
            let a = var_ident(self.k, array, Span::call_site());
            let mtok = self.mask_tokens(m);
            let load = quote!(#lanes_ty::<#t, __KZ_W>::load_at(&#a[..], #at, #mtok));
            return Ok(match self.step_load(array, index, &t) {
                Some(h) => {
                    let v = helper("__kz_v");
                    quote!(match #h {
                        ::core::option::Option::Some(#v) => #v,
                        ::core::option::Option::None => #load,
                    })
                }
                None => load,
            });
        }
        let row = self.row_contiguous(array, index);
        if row.is_none() {
            let name = self.k.var(array).name.clone();
            if !self.facts.gathers.contains(&name) {
                self.facts.gathers.push(name);
            }
        }
        let (binds, at) = self.lane_index(index, m)?;
        let a = var_ident(self.k, array, Span::call_site());
        let lane = helper("__kz_l");
        let read = quote!(#a[#at]);
        let gather = match m {
            Mask::Full => quote!({ #binds #lanes_ty::<#t, __KZ_W>::from_fn(|#lane| #read) }),
            Mask::Var(mv) => quote!({
                #binds
                #lanes_ty::<#t, __KZ_W>::from_fn(|#lane| if #mv.0[#lane] { #read } else { <#t as ::core::default::Default>::default() })
            }),
        };
        Ok(match row {
            // A contiguous row: one vector load; else (a transposed view) the gather.
            Some((r, at)) => {
                let (mtok, slice) = (self.mask_tokens(m), helper("__kz_row"));
                quote!(match #a.row_at(#r, #at) {
                    ::core::option::Option::Some(#slice) => #lanes_ty::<#t, __KZ_W>::load_at(#slice, 0, #mtok),
                    ::core::option::Option::None => #gather,
                })
            }
            None => gather,
        })
    }

    /// `c` when `e` is `i + c` for the vectorized (`usize`) prange variable `i`.
    fn vector_offset(&self, e: &Expr) -> Option<i64> {
        let (_, c) = crate::analyze::bounds_affine(&[self.lane_var], e)?;
        (self.k.var(self.lane_var).ty == Ty::Scalar(Scalar::Usize)).then_some(c)
    }

    /// Lane 0's index for `i + c`: `__kz_i0 + c`, wrapping (a negative one fails the bounds test
    /// and goes lane by lane).
    fn lane0_index(c: i64) -> TokenStream {
        let (base, c) = (helper("__kz_i0"), Literal::i64_unsuffixed(c));
        quote!(#base.wrapping_add_signed(#c))
    }

    /// Plans the rows of 2-D arrays that `body` (the lanes' loop) reads or writes as
    /// `a[[r, j + c]]` with `r` the same for the whole loop (every variable of `r` passes
    /// `fixed`): their lookups, and the values and patterns of the `match` that takes the fast
    /// path when all exist and cover `lo..hi`. `None` when there is no such row.
    fn plan_rows(
        &mut self,
        body: &Block,
        fixed: &dyn Fn(VarId) -> bool,
        lo: &TokenStream,
        hi: &TokenStream,
        hoist: super::rows::Hoist<'_>,
    ) -> Option<RowPlan> {
        let eligible = |r: &Expr, j: &Expr| if self.is_varying(r) { None } else { self.vector_offset(j) };
        // Along an inner loop, a slice read at `j + c` gets a window too (matvec's `x[j]` was a
        // load with a lane-by-lane fallback in the vector loop, which LLVM compiled to 128-bit
        // loads and spills in the AVX-512 clone).
        let slice_offset = |j: &Expr| self.vector_offset(j);
        let slices = self.along.then_some(&slice_offset as &dyn Fn(&Expr) -> Option<i64>);
        let mut fresh = self.fresh;
        let plan = super::rows::plan(self.k, &self.w, body, fixed, &eligible, true, slices, lo, hi, &mut fresh, hoist);
        self.fresh = fresh;
        let mut plan = plan?;
        self.rows.append(&mut plan.uses);
        self.hoisted.extend(std::mem::take(&mut plan.hoisted));
        Some(plan)
    }

    /// The row `array[[r, ..]]` was planned for, if any.
    fn row_use(&self, array: VarId, index: &[Expr]) -> Option<&RowUse> {
        let text = match index {
            [r, _] => crate::ir::display::expr_text(self.k, r),
            // A slice planned as a row (along an inner loop; see `plan_rows`).
            [_] if self.along => String::new(),
            _ => return None,
        };
        self.rows.iter().find(|u| u.array == array && u.row == text)
    }

    /// `array[[r, j + c]]` through a planned row: its window and the position in it, or the
    /// whole row and lane 0's column.
    fn row_at(&self, array: VarId, index: &[Expr]) -> Option<RowAt> {
        let u = self.row_use(array, index)?;
        let c = self.vector_offset(index.last()?)?;
        if let Some(w) = &u.window
            && (u.first..=u.last).contains(&c)
        {
            let shift = Literal::usize_unsuffixed(usize::try_from(c - u.first).ok()?);
            if self.step_windows {
                return Some(RowAt::Window(w.clone(), quote!(#shift)));
            }
            let k0 = &self.k0;
            return Some(RowAt::Window(w.clone(), quote!(#k0 + #shift)));
        }
        u.full.clone().map(|f| RowAt::Full(f, Self::lane0_index(c)))
    }

    /// For `array[[r, j + c]]` on a 2-D ndarray, `r` uniform and `j` the vectorized variable:
    /// the row and lane 0's column.
    fn row_contiguous(&self, array: VarId, index: &[Expr]) -> Option<(TokenStream, TokenStream)> {
        let [r, j] = index else { return None };
        if matches!(self.k.var(array).ty, Ty::Array(a) if a.is_slice_like()) || self.is_varying(r) {
            return None;
        }
        let c = self.vector_offset(j)?;
        Some((self.w.expr(r, 0), Self::lane0_index(c)))
    }

    /// The index of lane `__kz_l`, with its varying parts bound to locals first.
    fn lane_index(&mut self, index: &[Expr], m: &Mask) -> Gen2<(TokenStream, TokenStream)> {
        let lane = helper("__kz_l");
        let mut binds = TokenStream::new();
        let mut parts = Vec::new();
        for e in index {
            let g = self.fresh("ix");
            let (v, varying) = self.val(e, m)?;
            binds.extend(quote!(let #g = #v;));
            parts.push(if varying { quote!(#g.0[#lane]) } else { quote!(#g) });
        }
        let at = match parts.as_slice() {
            [one] => quote!(#one),
            many => quote!([#(#many),*]),
        };
        Ok((binds, at))
    }

    fn store(&mut self, array: VarId, index: &[Expr], value: TokenStream, m: &Mask) -> Gen2<TokenStream> {
        let lanes_ty = lanes_path();
        if let Some((w, at)) = self.window_at(array, index) {
            return Ok(match (self.full, m) {
                (_, Mask::Full) => quote!(#lanes_ty::store(#value, &mut #w[..], #at);),
                (true, Mask::Var(mv)) => quote!(#lanes_ty::store_blend(#value, &mut #w[..], #at, #mv);),
                (false, Mask::Var(mv)) => quote!(#lanes_ty::store_masked(#value, &mut #w[..], #at, #mv);),
            });
        }
        if let Some(RowAt::Window(w, at)) = self.row_at(array, index) {
            return Ok(match (self.full, m) {
                (_, Mask::Full) => quote!(#lanes_ty::store(#value, &mut #w[..], #at);),
                (true, Mask::Var(mv)) => quote!(#lanes_ty::store_blend(#value, &mut #w[..], #at, #mv);),
                (false, Mask::Var(mv)) => quote!(#lanes_ty::store_masked(#value, &mut #w[..], #at, #mv);),
            });
        }
        if let Some(at) = self.contiguous(array, index) {
            let a = var_ident(self.k, array, Span::call_site());
            let mtok = self.mask_tokens(m);
            return Ok(quote!(#lanes_ty::store_at(#value, &mut #a[..], #at, #mtok);));
        }
        let row = self.row_contiguous(array, index);
        if row.is_none() {
            let name = self.k.var(array).name.clone();
            if !self.facts.scatters.contains(&name) {
                self.facts.scatters.push(name);
            }
        }
        let (binds, at) = self.lane_index(index, m)?;
        let a = var_ident(self.k, array, Span::call_site());
        let (lane, v) = (helper("__kz_l"), self.fresh("v"));
        let cond = match m {
            Mask::Full => quote!(true),
            Mask::Var(mv) => quote!(#mv.0[#lane]),
        };
        let scatter = quote!({
            #binds
            for #lane in 0..__KZ_W {
                if #cond {
                    #a[#at] = #v.0[#lane];
                }
            }
        });
        Ok(match row {
            Some((r, at)) => {
                let (mtok, slice) = (self.mask_tokens(m), helper("__kz_row"));
                quote!({
                    let #v = #value;
                    match #a.row_at_mut(#r, #at) {
                        ::core::option::Option::Some(#slice) => #lanes_ty::store_at(#v, #slice, 0, #mtok),
                        ::core::option::Option::None => #scatter,
                    }
                })
            }
            None => quote!({ let #v = #value; #scatter }),
        })
    }

    /// For `array[i + c]` on a slice, `i` the vectorized variable, without a window: lane 0's
    /// index.
    fn contiguous(&self, array: VarId, index: &[Expr]) -> Option<TokenStream> {
        let [i] = index else { return None };
        if !matches!(self.k.var(array).ty, Ty::Array(a) if a.is_slice_like()) {
            return None;
        }
        self.vector_offset(i).map(Self::lane0_index)
    }

    /// For `array[i + c]` with `i` the vectorized variable and a window over `array`: the
    /// window and lane 0's position in it.
    fn window_at(&self, array: VarId, index: &[Expr]) -> Option<(Ident, TokenStream)> {
        let [i] = index else { return None };
        if self.along {
            return None;
        }
        let win = self.w.windows.iter().find(|w| w.array == array && w.dim == self.vdim)?;
        let c = self.vector_offset(i).filter(|c| (win.first..=win.last).contains(c))?;
        let shift = usize::try_from(c - win.first).ok()?;
        let k0 = helper("__kz_k0");
        let at = if shift == 0 {
            quote!(#k0)
        } else {
            let s = Literal::usize_unsuffixed(shift);
            quote!(#k0 + #s)
        };
        Some((win.ident.clone(), at))
    }

    fn if_value(&mut self, cond: &Expr, then: &Block, els: Option<&Expr>, e: &Expr, m: &Mask) -> Gen2<TokenStream> {
        let lanes_ty = lanes_path();
        if e.ty == Ty::Unit {
            return self.if_stmt(cond, then, els, m);
        }
        let Some(els) = els else { return Err("an `if` without `else` used as a value".into()) };
        if !self.is_varying(cond) {
            let c = self.w.expr(cond, 0);
            let (t, tm) = self.block_m(then, m)?;
            let tv = match &then.tail {
                Some(x) => self.lanes(x, &tm)?,
                None => return Err("an `if` block without a value".into()),
            };
            let ev = self.lanes(els, m)?;
            return Ok(quote!(if #c { #t #tv } else { #ev }));
        }
        self.note_mask(cond, "`if`");
        let t = scalar_ty(e)?;
        let c = self.lanes(cond, m)?;
        let (cv, mt, me) = (self.fresh("c"), self.fresh("m"), self.fresh("m"));
        let mtok = self.mask_tokens(m);
        let (tb, tm) = self.block_m(then, &Mask::Var(mt.clone()))?;
        let tv = match &then.tail {
            Some(x) => self.lanes(x, &tm)?,
            None => return Err("an `if` block without a value".into()),
        };
        let ev = self.lanes(els, &Mask::Var(me.clone()))?;
        let zero = quote!(#lanes_ty::<#t, __KZ_W>::splat(<#t as ::core::default::Default>::default()));
        Ok(quote!({
            let #cv = #c;
            let #mt = #mtok & #cv;
            let #me = #mtok & !#cv;
            let __kz_then = if #mt.any() { #tb #tv } else { #zero };
            let __kz_else = if #me.any() { #ev } else { #zero };
            #lanes_ty::select(#cv, __kz_then, __kz_else)
        }))
    }
}

fn scalar_ty(e: &Expr) -> Gen2<Ident> {
    match e.ty {
        Ty::Scalar(s) => Ok(Ident::new(s.name(), Span::call_site())),
        _ => Err("a value of a type kernelize does not know (annotate the variables it comes from, e.g. \
                  `let x: f64 = ..`, or `let v: Vec<f64> = ..` for an array made in host code)"
            .into()),
    }
}

/// Whether a jump out of `b` (to depth `depth` or further out) is taken under a varying
/// condition, or from inside a loop that itself runs under a mask.
fn divergent_exit(b: &Block, depth: usize, varying: &BTreeSet<VarId>, div: bool) -> bool {
    fn exits(t: JumpTarget, depth: usize) -> bool {
        match t {
            JumpTarget::Serial(d) => d <= depth,
            _ => true,
        }
    }
    fn stmt(s: &Stmt, depth: usize, inner: usize, varying: &BTreeSet<VarId>, div: bool) -> bool {
        match &s.kind {
            StmtKind::Break(j) | StmtKind::Continue(j) => div && exits(j.target, depth),
            StmtKind::Loop(l) => {
                let inner_masked = header_varies(l, varying) || divergent_exit(&l.body, inner, varying, false);
                block(&l.body, depth, inner + 1, varying, div || inner_masked)
            }
            StmtKind::Expr(e) | StmtKind::Let { init: e, .. } => expr(e, depth, inner, varying, div),
            StmtKind::Assign { value, .. } => expr(value, depth, inner, varying, div),
            _ => false,
        }
    }
    fn expr(e: &Expr, depth: usize, inner: usize, varying: &BTreeSet<VarId>, div: bool) -> bool {
        match &e.kind {
            ExprKind::If { cond, then, els } => {
                let d = div || is_varying(varying, cond);
                block(then, depth, inner, varying, d) || els.as_ref().is_some_and(|x| expr(x, depth, inner, varying, d))
            }
            ExprKind::Block(b) => block(b, depth, inner, varying, div),
            ExprKind::Match { scrutinee, arms } => {
                let d = div || is_varying(varying, scrutinee);
                arms.iter().any(|a| expr(&a.body, depth, inner, varying, d))
            }
            _ => false,
        }
    }
    fn block(b: &Block, depth: usize, inner: usize, varying: &BTreeSet<VarId>, div: bool) -> bool {
        b.stmts.iter().any(|s| stmt(s, depth, inner, varying, div))
            || b.tail.as_ref().is_some_and(|t| expr(t, depth, inner, varying, div))
    }
    block(b, depth, depth + 1, varying, div)
}

fn has_jump(s: &Stmt) -> bool {
    walk::any_stmt(s, |k| matches!(k, StmtKind::Break(_) | StmtKind::Continue(_)))
}

/// The body of `name::fastmath` (each prange loop vectorized, the host code as written), and
/// per loop what `REPORT` says of it.
pub fn write(k: &Kernel, a: &crate::analyze::Analysis) -> (TokenStream, Vec<Facts>) {
    let mut facts: Vec<Facts> = Vec::new();
    let body = k.host.render(&mut |slot| match (k.loops.get(slot), a.loops.get(slot)) {
        (Some(l), Some(info)) => {
            let (tokens, f) = prange_loop(k, l, info);
            if facts.len() <= slot {
                facts.resize_with(slot + 1, Facts::default);
            }
            facts[slot] = f;
            tokens
        }
        _ => TokenStream::new(),
    });
    (body, facts)
}

fn prange_loop(k: &Kernel, l: &PrangeLoop, info: &LoopInfo) -> (TokenStream, Facts) {
    let Prelude { w, tokens, lo, hi } = prelude(k, l, info, true);
    let range = Range { lo: lo.iter().map(|x| quote!(#x)).collect(), hi: hi.iter().map(|x| quote!(#x)).collect() };
    let isa = quote!(::kernelize::__private::runtime::simd::level());
    let (v, facts) = vector_loop(k, l, info, &w, &range, &isa);
    (quote!({ #tokens #v }), facts)
}
