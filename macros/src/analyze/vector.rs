//! What `fastmath` does with each prange loop: along which loop the SIMD lanes run, chosen by
//! an estimate of what each way would cost, among the ways that are legal. The rule is the one
//! of LLVM's loop vectorizer and LoopVectorization.jl: never vectorize into a loss.
//!
//! Three strategies, per instruction set:
//!
//! - **across** the prange index (SPMD, the model of ispc): one iteration per lane. Right for
//!   element-wise bodies (`out[i] = f(a[i])`) and for bodies whose inner loops do not depend on
//!   the lanes (Mandelbrot's escape loop runs under masks);
//! - **along** serial `for` loops of the body: the prange loop stays scalar (and threaded under
//!   `parallel`), the trips of the inner loop run in lanes, reductions over it keep partial
//!   vectors. Right for the common shape of real Numba code: a prange over rows and inner loops
//!   along a contiguous row (distances, norms, dot products over features), which across the
//!   prange index would be gathers;
//! - **scalar**: no lanes, but contraction into FMA and the faster of kernelize's math library
//!   and the platform's for each function (measured; see [`lib_is_faster_scalar`]).
//!
//! The estimate (see [`Costs`]) is in the units of `cost.rs` (about one simple operation), per
//! iteration of the prange loop. It counts vector operations per register, gathers and
//! scatters per lane, masks, uniform work once per vector step, trip counts (the literal ones;
//! 16 otherwise) and, for loops along an inner loop, the scalar remainder and the folds. A
//! vector strategy is chosen only when its estimate is below [`MARGIN`] of the scalar code's.

use super::bounds::affine as bounds_affine;
use super::cost::{literal_power, math_cost, small_power};
use super::facts::{RedOp, Reduction};
use super::uniform::{is_varying, varying_from, varying_in};
use crate::ir::display::expr_text;
use crate::ir::walk::{self, Visitor};
use crate::ir::{
    BinOp, Block, Expr, ExprKind, JumpTarget, Kernel, LitValue, Loop, LoopKind, MathFn, Pattern, Place, PrangeLoop,
    RangeAdapter, Scalar, SerialRange, Stmt, StmtKind, Ty, VarId,
};
use std::collections::BTreeSet;

/// One instruction set the body is compiled for.
pub struct Isa {
    /// The `SimdLevel` variant that selects it.
    pub level: &'static str,
    /// The runtime function that runs a closure compiled for it.
    pub run: &'static str,
    /// Bytes in one vector register.
    pub bytes: usize,
    pub fma: bool,
    /// How `REPORT` names it.
    pub label: &'static str,
}

pub const CLONES: [Isa; 3] = [
    Isa { level: "Avx512", run: "avx512", bytes: 64, fma: true, label: "AVX-512" },
    Isa { level: "Avx2Fma", run: "avx2", bytes: 32, fma: true, label: "AVX2+FMA" },
    Isa { level: "Baseline", run: "baseline", bytes: 16, fma: false, label: "baseline" },
];

/// Trips assumed for a serial loop whose trip count is not a literal.
const UNKNOWN_TRIPS: f64 = 16.0;

/// A vector strategy is chosen only when its estimate is at most this fraction of the scalar
/// code's: the model is rough, and a loss is a bug.
pub const MARGIN: f64 = 0.8;

/// A masked loop runs until its last lane leaves: assume half again the trips of one lane.
const DIVERGENCE: f64 = 1.5;

/// Vector registers per varying value. One for straight-line code (two measured the same for a
/// tanh reduction, and slower for a memory-bound loop); four for loops with masks, so an
/// escape-time loop keeps four independent dependency chains in flight (2.3x serial instead of
/// 1.0x with one, Mandelbrot on Zen 4), and four for a reduction whose step is so cheap that the
/// latency of its additions bounds it (a dot product in cache).
pub const VECTORS_STRAIGHT: usize = 1;
pub const VECTORS_DIVERGENT: usize = 4;

/// A reduction's step costs at most this (per register) when add latency bounds it.
const LATENCY_BOUND_STEP: f64 = 8.0;

/// Loops whose iterations cost at most this (simple operations, `cost.rs`) and call no math
/// function are limited by memory bandwidth, not arithmetic.
pub const MEMORY_BOUND_COST: u64 = 12;

#[derive(Clone, Debug, PartialEq)]
pub enum Strategy {
    /// Lanes across the prange index (the inner dimension of a 2-D loop).
    Across { vectors: usize },
    /// Lanes along these serial loops of the body (none inside another); the prange loop scalar.
    Along(Vec<Along>),
    /// No lanes: FMA contraction and the faster math library per function.
    Scalar,
}

/// A serial `for` loop whose trips run in lanes.
#[derive(Clone, Debug, PartialEq)]
pub struct Along {
    /// The loop's variable (every variable is declared once, so it names the loop).
    pub var: VarId,
    /// Serial loops around it in the prange body (`JumpTarget::Serial(depth)` leaves it).
    pub depth: usize,
    /// Variables from outside the loop that it changes only by one reduction operator each.
    pub reductions: Vec<(VarId, RedOp)>,
    /// Vector registers per varying value of the main vector loop (1, or 4 when latency bound;
    /// a loop of one register then takes what is left before the scalar remainder).
    pub vectors: usize,
    /// Variables that vary between its lanes.
    pub varying: BTreeSet<VarId>,
    pub line: usize,
}

/// The strategies for one instruction set, best first, with their estimates.
#[derive(Clone, Debug)]
pub struct Choice {
    /// Legal strategies and their estimated cost per prange iteration, in the order to try:
    /// the chosen one first, the scalar code always last.
    pub ranked: Vec<(Strategy, f64)>,
    /// Strategies that are not legal, and why.
    pub refused: Vec<(String, String)>,
    /// For short trips of one inner loop, another strategy (chosen when the loop starts).
    pub switch: Option<Switch>,
}

/// `fastmath`'s facts and choice for one prange loop.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Per instruction set, in the order of [`CLONES`].
    pub clones: Vec<Choice>,
    /// Variables that vary across the lanes of the `Across` strategy (reductions included).
    pub across_varying: BTreeSet<VarId>,
    /// Runs the AVX2 code on AVX-512 CPUs when the lanes run across (see `back/simd.rs`).
    pub memory_bound: bool,
    /// Bytes of the widest float the body computes with (8 when none).
    pub elem: usize,
}

impl Plan {
    /// The most lanes the `Across` strategy can run in any clone (as its choice, a fallback
    /// when the choice cannot be written, or below a switch's trip count): `parallel_fastmath`
    /// makes its chunks a multiple of this, so no chunk ends in a partial vector but the loop's
    /// last, whichever runs and however the chunks are handed out. Lane counts are powers of 2,
    /// so the most is a multiple of each.
    pub fn across_group(&self) -> usize {
        let mut most = 1;
        for (c, isa) in self.clones.iter().zip(&CLONES) {
            // Those ranked after the scalar code never run: it can always be written.
            let runs = |ranked: &'_ [(Strategy, f64)]| {
                let n = ranked.iter().position(|(s, _)| *s == Strategy::Scalar).unwrap_or(ranked.len());
                ranked[..n].to_vec()
            };
            let below = c.switch.iter().flat_map(|s| runs(&s.below));
            for (strategy, _) in runs(&c.ranked).into_iter().chain(below) {
                if let Strategy::Across { vectors } = strategy {
                    most = most.max(vectors * self.across_bytes(isa) / self.elem);
                }
            }
        }
        most
    }

    /// Bytes of a vector register when the lanes run across the prange index on `isa`: a
    /// memory-bound loop runs the AVX2 code on AVX-512 CPUs.
    pub fn across_bytes(&self, isa: &Isa) -> usize {
        if self.memory_bound && isa.level == "Avx512" { 32 } else { isa.bytes }
    }
}

/// What one clone runs, for `REPORT`: the SIMD back end (`back/simd.rs`) fills it as it writes
/// the plan (a strategy it cannot write falls back to the next), and the report reads it.
#[derive(Clone, Debug)]
pub struct CloneFacts {
    pub strategy: Strategy,
    /// Lanes of one vector step (of the main vector loop, for lanes along an inner loop).
    pub lanes: usize,
    /// Runs the AVX2 code although the CPU has AVX-512 (a memory-bound loop).
    pub as_avx2: bool,
    /// Strategies estimated cheaper that could not be written, and why.
    pub tried: Vec<(String, String)>,
    /// Below this many trips of this inner loop (known when the loop starts), what runs instead.
    pub below: Option<(usize, String, Box<CloneFacts>)>,
}

/// What vectorizing a loop took, for `REPORT` (filled by the SIMD back end, like [`CloneFacts`]).
#[derive(Default, Clone)]
pub struct Facts {
    /// Per clone, in the order of [`CLONES`].
    pub clones: Vec<CloneFacts>,
    /// Arrays read lane by lane (an index other than `i + c` through a window).
    pub gathers: Vec<String>,
    /// Arrays written lane by lane.
    pub scatters: Vec<String>,
    /// Control flow that depends on varying values, run under lane masks.
    pub masked: Vec<String>,
}

/// The plan for `l`.
/// `reductions` and `cost` are the loop's (see `LoopInfo`).
pub fn plan(k: &Kernel, l: &PrangeLoop, reductions: &[Reduction], cost: u64) -> Plan {
    let vdim = l.dims.len() - 1;
    let lanes_var = l.dims[vdim].var;
    let mut across_varying = varying_from(l, [lanes_var].into_iter().collect());
    across_varying.extend(reductions.iter().map(|r| r.var));
    let elem = widest_float(&l.body).unwrap_or(8);
    let divergent = has_divergence(&l.body, 0, &across_varying);
    // (`cost` leaves out inner loops whose trips are counted when the loop starts: a body
    // with a loop is not memory-bound by that measure.)
    let has_loop = walk::any_stmt_in_block(&l.body, |s| matches!(s, StmtKind::Loop(_)));
    let memory_bound = !divergent && !has_loop && cost <= MEMORY_BOUND_COST && !calls_math(&l.body);
    let candidates = candidates(&l.body);
    // Loops whose trip count is known before the prange loop starts (bounds from parameters,
    // lengths and literals): estimated at `KNOWN_TRIPS`, and where the best strategy changes
    // with their trip count, the loop chooses at run time.
    let known: Vec<(VarId, f64)> = candidates
        .iter()
        .filter(|c| {
            matches!(&c.lp.kind, LoopKind::For { range, .. } if literal_trips(range).is_none()
            && super::cost::fixed(k, &range.start) && super::cost::fixed(k, &range.end))
        })
        .map(|c| (c.var, KNOWN_TRIPS))
        .collect();
    let m = Model { k, l, reductions, lanes_var, across_varying: &across_varying, divergent, memory_bound, elem };
    let mut clones = Vec::new();
    for clone in &CLONES {
        let mut choice = m.rank(clone, &candidates, &known);
        choice.switch = m.switch(clone, &candidates, &known, &choice);
        clones.push(choice);
    }
    Plan { clones, across_varying, memory_bound, elem }
}

/// Trips assumed for a loop whose trip count is known only at run time, when choosing the
/// strategy for long loops (the run-time switch covers short ones).
const KNOWN_TRIPS: f64 = 256.0;

/// Trip counts at which the run-time switch is placed, smallest first.
const SWITCH_TRIPS: [f64; 13] = [1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0, 32.0, 48.0, 64.0, 128.0];

/// What the estimates of one prange loop need.
struct Model<'a> {
    k: &'a Kernel,
    l: &'a PrangeLoop,
    reductions: &'a [Reduction],
    lanes_var: VarId,
    across_varying: &'a BTreeSet<VarId>,
    divergent: bool,
    memory_bound: bool,
    elem: usize,
}

impl Model<'_> {
    /// The legal strategies on `clone`, best first, with `trips` for the loops it names.
    fn rank(&self, clone: &Isa, candidates: &[Candidate<'_>], trips: &[(VarId, f64)]) -> Choice {
        let (k, l) = (self.k, self.l);
        let per_reg = (clone.bytes / self.elem).max(1) as f64;
        let bytes = if self.memory_bound && clone.level == "Avx512" { 32 } else { clone.bytes };
        let across_reg = (bytes / self.elem).max(1) as f64;
        let empty = BTreeSet::new();
        // The scalar code, with the innermost loops LLVM vectorizes by itself (the prange loop
        // too, when it is innermost: its chunks are plain loops).
        // The scalar code's cost with the loops of `replaced` at their own estimates.
        let scalar_with = |replaced: &[(VarId, f64)]| {
            Costs::scalar(k, &empty, replaced, trips).autovectorized(per_reg).in_loop(l).block(&l.body)
        };
        let plain = scalar_with(&[]);
        let scalar = if autovectorizes(k, &l.body, self.lanes_var) { plain / per_reg } else { plain };
        let mut refused = Vec::new();
        let mut ranked: Vec<(Strategy, f64)> = Vec::new();
        // Across the prange index.
        let mut costs = Costs::lanes(k, self.lanes_var, self.across_varying, 1.0, across_reg, trips);
        let step1 = costs.block(&l.body);
        let vectors = if self.divergent || (!self.reductions.is_empty() && step1 <= LATENCY_BOUND_STEP) {
            VECTORS_DIVERGENT
        } else {
            VECTORS_STRAIGHT
        };
        costs.regs = vectors as f64;
        let across = costs.block(&l.body) / costs.width();
        ranked.push((Strategy::Across { vectors }, across));
        // Along inner loops: each that gains, none inside another.
        let mut alongs: Vec<(Along, f64, f64)> = Vec::new();
        for c in candidates {
            match along(k, c, per_reg, trips) {
                Ok((a, cost)) => {
                    let gain = plain - scalar_with(&[(a.var, cost)]);
                    alongs.push((a, gain, cost));
                }
                Err(why) => refused.push((format!("lanes along {} (line {})", k.var(c.var).name, c.line), why)),
            }
        }
        alongs.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut chosen: Vec<(Along, f64)> = Vec::new();
        for (a, gain, cost) in alongs {
            let overlaps =
                chosen.iter().any(|(c, _)| nested(candidates, c.var, a.var) || nested(candidates, a.var, c.var));
            if gain > 0.0 && !overlaps {
                chosen.push((a, cost));
            }
        }
        if !chosen.is_empty() {
            let replaced: Vec<(VarId, f64)> = chosen.iter().map(|(a, c)| (a.var, *c)).collect();
            let cost = scalar_with(&replaced);
            let mut list: Vec<Along> = chosen.into_iter().map(|(a, _)| a).collect();
            list.sort_by_key(|a| a.line);
            ranked.push((Strategy::Along(list), cost));
        }
        // Best first; the scalar code last, and first whenever no vector strategy beats it by
        // the margin. On a near tie, the lanes across the prange index (sorted first) win.
        ranked.sort_by(|a, b| a.1.total_cmp(&b.1));
        let best = ranked.first().map_or(f64::INFINITY, |r| r.1);
        if best > MARGIN * scalar {
            ranked.insert(0, (Strategy::Scalar, scalar));
        } else {
            ranked.push((Strategy::Scalar, scalar));
        }
        Choice { ranked, refused, switch: None }
    }

    /// Where the best strategy runs along a loop whose trip count is known only at run time
    /// and another wins for short trips: the switch to that one below the crossing.
    fn switch(
        &self,
        clone: &Isa,
        candidates: &[Candidate<'_>],
        known: &[(VarId, f64)],
        long: &Choice,
    ) -> Option<Switch> {
        let Some((Strategy::Along(list), _)) = long.ranked.first() else { return None };
        let var = list.iter().map(|a| a.var).find(|v| known.iter().any(|(x, _)| x == v))?;
        let with = |t: f64| -> Vec<(VarId, f64)> {
            known.iter().map(|&(x, n)| if x == var { (x, t) } else { (x, n) }).collect()
        };
        let mut below: Option<Choice> = None;
        for t in SWITCH_TRIPS {
            let c = self.rank(clone, candidates, &with(t));
            let same = c.ranked.first().map(|r| &r.0) == long.ranked.first().map(|r| &r.0);
            if same {
                let below = below?;
                let at = t as usize;
                return Some(Switch { var, at, below: below.ranked });
            }
            below = Some(c);
        }
        None
    }
}

/// A choice made when the loop starts: the strategy for short trips of one inner loop.
#[derive(Clone, Debug)]
pub struct Switch {
    /// The loop whose trip count decides (computed before the prange loop).
    pub var: VarId,
    /// At this many trips or more, the choice's own strategy runs; below, `below`'s first.
    pub at: usize,
    pub below: Vec<(Strategy, f64)>,
}

/// A serial `for` loop of the prange body that could run in lanes.
struct Candidate<'k> {
    var: VarId,
    lp: &'k Loop,
    depth: usize,
    line: usize,
    /// The variables of the candidate loops around it.
    outer: Vec<VarId>,
}

fn candidates(body: &Block) -> Vec<Candidate<'_>> {
    struct Find<'k> {
        depth: usize,
        outer: Vec<VarId>,
        found: Vec<Candidate<'k>>,
    }
    impl<'k> Visitor<'k> for Find<'k> {
        fn stmt(&mut self, s: &'k Stmt) {
            let StmtKind::Loop(lp) = &s.kind else { return walk::walk_stmt(self, s) };
            let var = match &lp.kind {
                LoopKind::For { var: Some(v), .. } => Some(*v),
                _ => None,
            };
            if let Some(v) = var {
                let line = s.span.start().line;
                self.found.push(Candidate { var: v, lp, depth: self.depth, line, outer: self.outer.clone() });
                self.outer.push(v);
            }
            self.depth += 1;
            walk::walk_stmt(self, s);
            self.depth -= 1;
            if var.is_some() {
                self.outer.pop();
            }
        }
    }
    let mut f = Find { depth: 0, outer: Vec::new(), found: Vec::new() };
    f.block(body);
    f.found
}

/// Whether the candidate loop of `inner` lies inside the one of `outer`.
fn nested(candidates: &[Candidate<'_>], outer: VarId, inner: VarId) -> bool {
    candidates.iter().any(|c| c.var == inner && c.outer.contains(&outer))
}

/// The `Along` strategy for one candidate loop, and its cost per execution of the loop; or
/// why its trips cannot run in lanes.
fn along(k: &Kernel, c: &Candidate<'_>, per_reg: f64, trips: &[(VarId, f64)]) -> Result<(Along, f64), String> {
    let reductions = along_legal(k, c.lp, c.depth)?;
    let mut seeds: BTreeSet<VarId> = [c.var].into_iter().collect();
    seeds.extend(reductions.iter().map(|r| r.0));
    let varying = varying_in(&c.lp.body, c.depth + 1, seeds);
    check_writes(k, c.lp, c.var, &varying)?;
    let step1 = Costs::lanes(k, c.var, &varying, 1.0, per_reg, trips).block(&c.lp.body);
    let vectors = if !reductions.is_empty() && step1 <= LATENCY_BOUND_STEP { VECTORS_DIVERGENT } else { 1 };
    let a = Along { var: c.var, depth: c.depth, reductions, vectors, varying, line: c.line };
    let cost = along_cost(k, c, &a, per_reg, trips);
    Ok((a, cost))
}

/// The cost of one execution of a loop whose trips run in lanes: the vector steps, then the
/// scalar remainder, the reductions' folds and the setup.
fn along_cost(k: &Kernel, c: &Candidate<'_>, a: &Along, per_reg: f64, trips: &[(VarId, f64)]) -> f64 {
    let LoopKind::For { range, .. } = &c.lp.kind else { return f64::INFINITY };
    let empty = BTreeSet::new();
    let t = trips_of(range, Some(c.var), trips);
    let scalar_trip = Costs::scalar(k, &empty, &[], trips).block(&c.lp.body) + 1.0;
    let step = |regs: f64| Costs::lanes(k, a.var, &a.varying, regs, per_reg, trips).block(&c.lp.body) + 1.0;
    // A fold adds the lanes one after another: its latency, about two units a lane.
    let folds = |lanes: f64| a.reductions.len() as f64 * lanes * 2.0;
    let header =
        Costs::scalar(k, &empty, &[], trips).expr(&range.start) + Costs::scalar(k, &empty, &[], trips).expr(&range.end);
    let mut left = t;
    // Entering the loop: its range, the lookup and check of each row it reads or writes (about
    // twelve units each: measured, knn's 16-feature rows ran slower in lanes than as scalar
    // code when this was four), the partials' set-up.
    let mut cost = header + 8.0 + ROW_LOOKUP * rows_of(k, &c.lp.body, a.var) as f64;
    let widths: &[f64] = if a.vectors > 1 { &[4.0, 1.0] } else { &[1.0] };
    for &regs in widths {
        let w = regs * per_reg;
        let steps = (left / w).floor();
        if steps > 0.0 {
            cost += steps * step(regs) + folds(w) + 4.0;
            left -= steps * w;
        }
    }
    cost + left * scalar_trip
}

/// The cost of looking up and checking one row a loop reads or writes (see `back/rows.rs`).
const ROW_LOOKUP: f64 = 12.0;

/// The rows of 2-D arrays `b` reads or writes as `a[[r, var + c]]`: one lookup each.
fn rows_of(k: &Kernel, b: &Block, var: VarId) -> usize {
    rows_not_at(k, b, var, None)
}

/// [`rows_of`], leaving out the rows at `own` (`a[[own, j]]`).
fn rows_not_at(k: &Kernel, b: &Block, var: VarId, own: Option<VarId>) -> usize {
    struct Find<'k> {
        k: &'k Kernel,
        var: VarId,
        own: Option<VarId>,
        rows: Vec<(VarId, String)>,
    }
    impl Find<'_> {
        fn access(&mut self, array: VarId, index: &[Expr]) {
            if let [r, j] = index
                && bounds_affine(&[self.var], j).is_some()
                && !matches!(self.k.var(array).ty, Ty::Array(t) if t.is_slice_like())
                && !matches!(r.kind, ExprKind::Var(x) if Some(x) == self.own)
            {
                let key = (array, expr_text(self.k, r));
                if !self.rows.contains(&key) {
                    self.rows.push(key);
                }
            }
        }
    }
    impl Visitor<'_> for Find<'_> {
        fn stmt(&mut self, s: &Stmt) {
            if let StmtKind::Assign { place: Place::Index { array, index }, .. } = &s.kind {
                self.access(*array, index);
            }
            walk::walk_stmt(self, s);
        }
        fn expr(&mut self, e: &Expr) {
            if let ExprKind::Index { array, index } = &e.kind {
                self.access(*array, index);
            }
            walk::walk_expr(self, e);
        }
    }
    let mut f = Find { k, var, own, rows: Vec::new() };
    f.block(b);
    f.rows.len()
}

/// Trips of a serial `for` loop over `var`: exact for literal bounds, else as `given`, else
/// [`UNKNOWN_TRIPS`].
fn trips_of(r: &SerialRange, var: Option<VarId>, given: &[(VarId, f64)]) -> f64 {
    if let Some(t) = literal_trips(r) {
        return t;
    }
    var.and_then(|v| given.iter().find(|(x, _)| *x == v)).map_or(UNKNOWN_TRIPS, |g| g.1)
}

/// Trips of a serial `for` loop with literal bounds.
fn literal_trips(r: &SerialRange) -> Option<f64> {
    fn lit(e: &Expr) -> Option<f64> {
        match &e.kind {
            ExprKind::Lit(l) => match l.value {
                LitValue::Int(v) => Some(v as f64),
                _ => None,
            },
            ExprKind::Cast { arg, .. } => lit(arg),
            _ => None,
        }
    }
    let base = (lit(&r.end)? - lit(&r.start)? + if r.inclusive { 1.0 } else { 0.0 }).max(0.0);
    let step = r.adapters.iter().fold(1.0, |s, a| match a {
        RangeAdapter::StepBy(e) => s * lit(e).unwrap_or(1.0).max(1.0),
        RangeAdapter::Rev => s,
    });
    Some(base / step)
}

/// Whether the trips of `lp` (at serial depth `depth`) can run in lanes: a `for` over
/// `a..b` of an integer, no jump out of it or `break` of it, no code outside the kernel
/// language, and every variable from outside it that it changes is a reduction (one operator,
/// not otherwise read in it). The reductions, in order of first update.
fn along_legal(k: &Kernel, lp: &Loop, depth: usize) -> Result<Vec<(VarId, RedOp)>, String> {
    let LoopKind::For { var: Some(v), range } = &lp.kind else {
        return Err("not a `for` loop over a range".into());
    };
    if !range.adapters.is_empty() {
        return Err("its range has `.rev()` or `.step_by()`".into());
    }
    if range.inclusive {
        return Err("its range is inclusive (`a..=b`)".into());
    }
    if !matches!(k.var(*v).ty, Ty::Scalar(s) if s.is_int()) {
        return Err("its variable has no integer type kernelize knows".into());
    }
    let mut c = Legal { own: depth, declared: BTreeSet::new(), updates: Vec::new(), reads: Vec::new(), error: None };
    c.declared.insert(*v);
    c.declare(&lp.body);
    c.block(&lp.body);
    if let Some(e) = c.error {
        return Err(e);
    }
    let mut reductions: Vec<(VarId, RedOp)> = Vec::new();
    for &(var, op) in &c.updates {
        let name = &k.var(var).name;
        let Some(op) = op else {
            return Err(format!("`{name}` carries a value from one trip to the next"));
        };
        if !matches!(k.var(var).ty, Ty::Scalar(_)) {
            return Err(format!("the reduction `{name}` has no type kernelize knows"));
        }
        match reductions.iter().find(|r| r.0 == var) {
            Some(r) if r.1 != op => return Err(format!("`{name}` is updated with two operators")),
            Some(_) => {}
            None => reductions.push((var, op)),
        }
    }
    if let Some(r) = reductions.iter().find(|r| c.reads.contains(&r.0)) {
        return Err(format!("`{}` is read in the loop as well as accumulated", k.var(r.0).name));
    }
    Ok(reductions)
}

struct Legal {
    /// The serial depth of the loop being checked.
    own: usize,
    /// Variables declared inside the loop (and its own).
    declared: BTreeSet<VarId>,
    /// Updates of variables from outside: the reduction operator, or `None` for anything else.
    updates: Vec<(VarId, Option<RedOp>)>,
    /// Reads of variables from outside, other than in their own reduction update.
    reads: Vec<VarId>,
    error: Option<String>,
}

impl Legal {
    fn declare(&mut self, b: &Block) {
        struct Decl<'s>(&'s mut BTreeSet<VarId>);
        impl Visitor<'_> for Decl<'_> {
            fn stmt(&mut self, s: &Stmt) {
                match &s.kind {
                    StmtKind::Let { var, .. } => {
                        self.0.insert(*var);
                    }
                    StmtKind::Loop(l) => {
                        if let LoopKind::For { var: Some(v), .. } = &l.kind {
                            self.0.insert(*v);
                        }
                    }
                    StmtKind::Opaque(o) => self.0.extend(o.binds.iter().copied()),
                    _ => {}
                }
                walk::walk_stmt(self, s);
            }
            fn expr(&mut self, e: &Expr) {
                if let ExprKind::Match { arms, .. } = &e.kind {
                    for a in arms {
                        for p in &a.pats {
                            if let Pattern::Bind(v) = p {
                                self.0.insert(*v);
                            }
                        }
                    }
                }
                walk::walk_expr(self, e);
            }
        }
        Decl(&mut self.declared).block(b);
    }

    fn refuse(&mut self, why: String) {
        self.error.get_or_insert(why);
    }
}

impl Visitor<'_> for Legal {
    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Assign { place: Place::Var(x), op, value } if !self.declared.contains(x) => {
                match super::races::reduction_update(*x, *op, value) {
                    Some((red, rest)) => {
                        self.updates.push((*x, Some(red)));
                        self.expr(rest);
                    }
                    None => {
                        self.updates.push((*x, None));
                        self.expr(value);
                    }
                }
            }
            StmtKind::Break(j) | StmtKind::Continue(j) => {
                let is_break = matches!(s.kind, StmtKind::Break(_));
                // The loop itself is `Serial(own)`: a `continue` of it ends one lane's trip; a
                // `break` of it, or any jump further out, is not independent of the others.
                let ok = match j.target {
                    JumpTarget::Serial(d) if d == self.own => !is_break,
                    JumpTarget::Serial(d) => d > self.own,
                    _ => false,
                };
                if !ok {
                    let what = if is_break { "`break`" } else { "`continue`" };
                    self.refuse(format!("a {what} leaves it (its trips are not independent)"));
                }
            }
            StmtKind::Return(_) => self.refuse("a `return` in it".into()),
            StmtKind::Opaque(o) => self.refuse(format!("{} in it", o.what)),
            _ => walk::walk_stmt(self, s),
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Var(x) if !self.declared.contains(x) => self.reads.push(*x),
            ExprKind::Opaque(o) => self.refuse(format!("{} in it", o.what)),
            ExprKind::Try(_) => self.refuse("`?` in it".into()),
            _ => walk::walk_expr(self, e),
        }
    }
}

/// Arrays written in a loop whose trips run in lanes: each at `[.., v + c]` (the lanes' own
/// contiguous elements, the other indices the same in every lane), one such index per array,
/// and read in the loop only there. Anything else would make one trip see another's write.
fn check_writes(k: &Kernel, lp: &Loop, v: VarId, varying: &BTreeSet<VarId>) -> Result<(), String> {
    struct Access<'e> {
        array: VarId,
        index: &'e [Expr],
        write: bool,
    }
    struct Find<'e>(Vec<Access<'e>>);
    impl<'e> Visitor<'e> for Find<'e> {
        fn stmt(&mut self, s: &'e Stmt) {
            if let StmtKind::Assign { place: Place::Index { array, index }, .. } = &s.kind {
                self.0.push(Access { array: *array, index, write: true });
            }
            walk::walk_stmt(self, s);
        }
        fn expr(&mut self, e: &'e Expr) {
            if let ExprKind::Index { array, index } = &e.kind {
                self.0.push(Access { array: *array, index, write: false });
            }
            walk::walk_expr(self, e);
        }
    }
    let mut f = Find(Vec::new());
    f.block(&lp.body);
    let text = |index: &[Expr]| index.iter().map(|e| expr_text(k, e)).collect::<Vec<_>>().join(", ");
    for w in f.0.iter().filter(|a| a.write) {
        let name = &k.var(w.array).name;
        let own = match w.index.split_last() {
            Some((last, rest)) => bounds_affine(&[v], last).is_some() && !rest.iter().any(|e| is_varying(varying, e)),
            None => false,
        };
        if !own || k.var(v).ty != Ty::Scalar(Scalar::Usize) {
            return Err(format!("`{name}[{}]` is written at an index the lanes do not own", text(w.index)));
        }
        let at = text(w.index);
        if let Some(other) = f.0.iter().find(|a| a.array == w.array && text(a.index) != at) {
            return Err(format!("`{name}` is written at `[{at}]` and used at `[{}]` in it", text(other.index)));
        }
    }
    Ok(())
}

/// The estimated cost of code, per execution, when it runs in lanes along `lanes` (`regs`
/// registers of `per_reg` lanes per varying value), or as scalar code.
pub struct Costs<'a> {
    k: &'a Kernel,
    lanes: Option<VarId>,
    varying: &'a BTreeSet<VarId>,
    regs: f64,
    per_reg: f64,
    /// Inside control flow that depends on varying values.
    masked: bool,
    /// Loops (by variable) whose cost per execution was estimated on its own.
    replaced: &'a [(VarId, f64)],
    /// Trip counts of loops (by variable) whose bounds are not literals.
    trips: &'a [(VarId, f64)],
    /// Scalar code only: the lanes of one register, with which LLVM's loop vectorizer runs an
    /// innermost loop it can vectorize (see [`autovectorizes`]); 1 to count every trip.
    autovec: f64,
    /// Scalar code only: the outer prange variable, whose rows (`a[[i, k]]`) a chunk finds
    /// without a check (`FlatRows::covering`); any other row an innermost loop takes is looked
    /// up at each entry of the loop (see [`Costs::row_lookups`]). `None`: no lookup is counted.
    own_rows: Option<VarId>,
}

impl<'a> Costs<'a> {
    fn scalar(
        k: &'a Kernel,
        empty: &'a BTreeSet<VarId>,
        replaced: &'a [(VarId, f64)],
        trips: &'a [(VarId, f64)],
    ) -> Self {
        Costs {
            k,
            lanes: None,
            varying: empty,
            regs: 1.0,
            per_reg: 1.0,
            masked: false,
            replaced,
            trips,
            autovec: 1.0,
            own_rows: None,
        }
    }

    /// The scalar code as compiled in a clone with `lanes` per register: LLVM vectorizes the
    /// innermost loops it can.
    fn autovectorized(mut self, lanes: f64) -> Self {
        self.autovec = lanes;
        self
    }

    /// The scalar code of the prange loop `l`, counting its row lookups.
    fn in_loop(mut self, l: &PrangeLoop) -> Self {
        self.own_rows = l.dims.first().map(|d| d.var);
        self
    }

    /// The row lookups at one entry of the innermost loop `lp` of the scalar code (see
    /// `own_rows`): measured, `pairwise_dist_d3`'s scalar code spends more per pair of rows on
    /// the lookup of `b`'s row than on its three trips, while powi2's own rows cost nothing.
    fn row_lookups(&self, lp: &Loop) -> f64 {
        let (Some(own), LoopKind::For { var: Some(v), .. }) = (self.own_rows, &lp.kind) else { return 0.0 };
        if self.lanes.is_some() || walk::any_stmt_in_block(&lp.body, |s| matches!(s, StmtKind::Loop(_))) {
            return 0.0;
        }
        ROW_LOOKUP * rows_not_at(self.k, &lp.body, *v, Some(own)) as f64
    }

    fn lanes(
        k: &'a Kernel,
        var: VarId,
        varying: &'a BTreeSet<VarId>,
        regs: f64,
        per_reg: f64,
        trips: &'a [(VarId, f64)],
    ) -> Self {
        Costs {
            k,
            lanes: Some(var),
            varying,
            regs,
            per_reg,
            masked: false,
            replaced: &[],
            trips,
            autovec: 1.0,
            own_rows: None,
        }
    }

    fn width(&self) -> f64 {
        self.regs * self.per_reg
    }

    fn varies(&self, e: &Expr) -> bool {
        self.lanes.is_some() && is_varying(self.varying, e)
    }

    /// An operation: `scalar` once, or `per_reg` for each register of a varying value.
    fn op(&self, varying: bool, scalar: f64, per_reg: f64) -> f64 {
        if varying { self.regs * per_reg } else { scalar }
    }

    fn block(&mut self, b: &Block) -> f64 {
        let stmts: f64 = b.stmts.iter().map(|s| self.stmt(s)).sum();
        stmts + b.tail.as_ref().map_or(0.0, |t| self.expr(t))
    }

    fn stmt(&mut self, s: &Stmt) -> f64 {
        match &s.kind {
            StmtKind::Let { init, .. } => self.expr(init),
            StmtKind::Assign { place, op, value } => {
                let v = self.expr(value);
                match place {
                    Place::Var(x) => {
                        let lanes = self.lanes.is_some() && self.varying.contains(x);
                        let blend = if lanes && self.masked { self.regs } else { 0.0 };
                        v + op.map_or(0.0, |_| self.op(lanes, 1.0, 1.0)) + blend
                    }
                    Place::Index { array, index } => {
                        let idx: f64 = index.iter().map(|e| self.expr(e)).sum();
                        let old = if op.is_some() { self.access(*array, index, false) + 1.0 } else { 0.0 };
                        v + idx + old + self.access(*array, index, true)
                    }
                }
            }
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Loop(lp) => self.serial_loop(lp),
            StmtKind::Break(_) | StmtKind::Continue(_) => {
                if self.masked {
                    self.regs
                } else {
                    0.0
                }
            }
            StmtKind::Return(_) => 0.0,
            StmtKind::Opaque(_) => 40.0,
        }
    }

    fn serial_loop(&mut self, lp: &Loop) -> f64 {
        if let LoopKind::For { var: Some(v), .. } = &lp.kind
            && let Some(&(_, c)) = self.replaced.iter().find(|(x, _)| x == v)
        {
            return c;
        }
        let (header, per_trip, n, varies) = match &lp.kind {
            LoopKind::For { range, var } => {
                let h = self.expr(&range.start) + self.expr(&range.end);
                (h, 0.0, trips_of(range, *var, self.trips), self.varies(&range.start) || self.varies(&range.end))
            }
            LoopKind::While { cond } => (0.0, self.expr(cond), UNKNOWN_TRIPS, self.varies(cond)),
            LoopKind::Infinite => (0.0, 0.0, UNKNOWN_TRIPS, false),
        };
        let exits = self.lanes.is_some() && divergent_jump(&lp.body, self.varying);
        let masked = varies || exits;
        if self.lanes.is_none()
            && self.autovec > 1.0
            && let LoopKind::For { var: Some(v), range } = &lp.kind
            && range.adapters.is_empty()
            && autovectorizes(self.k, &lp.body, *v)
        {
            let body = self.block(&lp.body);
            return header + n * (body + 1.0) / self.autovec;
        }
        let outer = self.masked;
        self.masked |= masked;
        let body = self.block(&lp.body) + per_trip;
        self.masked = outer;
        let header = header + self.row_lookups(lp);
        if masked { header + n * (body + self.regs * 3.0) * DIVERGENCE } else { header + n * (body + 1.0) }
    }

    fn expr(&mut self, e: &Expr) -> f64 {
        let v = self.varies(e);
        match &e.kind {
            ExprKind::Lit(_) | ExprKind::Var(_) | ExprKind::Const(_) | ExprKind::Len { .. } => 0.0,
            ExprKind::Unary { arg, .. } | ExprKind::Cast { arg, .. } => self.op(v, 1.0, 1.0) + self.expr(arg),
            ExprKind::Binary { op, lhs, rhs } => {
                let float = matches!(e.ty, Ty::Scalar(s) if s.is_float());
                let own = match op {
                    BinOp::Div | BinOp::Rem if float => self.op(v, 4.0, 8.0),
                    // Integer division has no vector instruction: lane by lane.
                    BinOp::Div | BinOp::Rem if v => self.width() * 6.0,
                    BinOp::Div | BinOp::Rem => 20.0,
                    BinOp::And | BinOp::Or => self.op(v, 1.0, 2.0),
                    _ => self.op(v, 1.0, 1.0),
                };
                own + self.expr(lhs) + self.expr(rhs)
            }
            ExprKind::Math { func, args, .. } => {
                let (s, p) = math_cost(*func, args);
                self.op(v, s, p) + args.iter().map(|a| self.expr(a)).sum::<f64>()
            }
            ExprKind::Index { array, index } => {
                self.access(*array, index, false) + index.iter().map(|i| self.expr(i)).sum::<f64>()
            }
            ExprKind::If { cond, then, els } => {
                let c = self.expr(cond);
                let varies = self.varies(cond);
                let outer = self.masked;
                self.masked |= varies;
                let t = self.block(then);
                let f = els.as_ref().map_or(0.0, |x| self.expr(x));
                self.masked = outer;
                c + if varies { t + f + self.regs * 3.0 } else { t.max(f) + 1.0 }
            }
            ExprKind::Block(b) => self.block(b),
            ExprKind::Match { scrutinee, arms } => {
                let c = self.expr(scrutinee);
                let varies = self.varies(scrutinee);
                let outer = self.masked;
                self.masked |= varies;
                let costs: Vec<f64> = arms.iter().map(|a| self.expr(&a.body)).collect();
                self.masked = outer;
                let arms_cost = if varies {
                    costs.iter().sum::<f64>() + self.regs * 3.0 * costs.len() as f64
                } else {
                    costs.iter().copied().fold(0.0, f64::max) + 1.0
                };
                c + arms_cost
            }
            ExprKind::Try(_) | ExprKind::Opaque(_) => 40.0,
        }
    }

    /// Reading (or writing) `array[index]`.
    fn access(&self, array: VarId, index: &[Expr], store: bool) -> f64 {
        let slice = matches!(self.k.var(array).ty, Ty::Array(a) if a.is_slice_like());
        let scalar = if slice { 1.0 } else { 2.0 };
        let Some(lane) = self.lanes else { return scalar };
        if !index.iter().any(|e| self.varies(e)) {
            return scalar;
        }
        let contiguous = match index.split_last() {
            Some((last, rest)) => {
                rest.iter().all(|e| !self.varies(e))
                    && bounds_affine(&[lane], last).is_some()
                    && self.k.var(lane).ty == Ty::Scalar(Scalar::Usize)
                    && (index.len() == 2 || slice)
            }
            None => false,
        };
        if contiguous {
            // A row of a 2-D array is looked up (and its contiguity checked) at every step.
            self.regs + if index.len() == 2 { 3.0 } else { 0.0 }
        } else {
            // Lane by lane, each lane's index checked: a slice's in one comparison, an ndarray's
            // in one per axis, with its strides (measured: knn's 2-D gathers under masks ran
            // slower than its scalar code). A slice's gather is an index, its check, a load and
            // an insert per lane, and the arithmetic on it often stays scalar too (spmv's
            // `x[col[k]]` in 8 lanes along `k` compiled to 8 scalar FMAs, 1.24x `serial`'s time).
            // An ndarray's at 5.5: at 5, powi2's lanes across `i` (3 columns) came out at 77% of
            // the scalar code and ran at 1.2-2.7x its time on Zen 4; at 7, without the scalar
            // code's row lookups (`Costs::row_lookups`), the pairwise distances went scalar at
            // twice the time.
            let per_lane = match (store, slice) {
                (false, true) => 4.0,
                (true, true) => 2.5,
                (false, false) => 5.5,
                (true, false) => 6.0,
            };
            self.width() * per_lane * if self.masked { 1.5 } else { 1.0 }
        }
    }
}

/// Whether the trips of a loop with body `b` can differ between lanes: a jump out of it (or
/// further) in code that holds a varying value.
fn divergent_jump(b: &Block, varying: &BTreeSet<VarId>) -> bool {
    struct Find<'s> {
        varying: &'s BTreeSet<VarId>,
        jump: bool,
        varies: bool,
    }
    impl Visitor<'_> for Find<'_> {
        fn stmt(&mut self, s: &Stmt) {
            self.jump |= matches!(s.kind, StmtKind::Break(_) | StmtKind::Continue(_));
            walk::walk_stmt(self, s);
        }
        fn expr(&mut self, e: &Expr) {
            self.varies |= is_varying(self.varying, e);
        }
    }
    let mut f = Find { varying, jump: false, varies: false };
    f.block(b);
    f.jump && f.varies
}

/// Whether LLVM's loop vectorizer vectorizes a loop over `var` with body `b` as written
/// (scalar code, IEEE floats): no loop or jump inside, no float reduction across its trips
/// (LLVM may not re-associate it), no call of the math library (only functions it has as
/// vector instructions: `abs`, `sqrt`, `min`, `max`, `floor`, `ceil`, `trunc`, `mul_add`), and
/// every array accessed at `[.., var + c]` or at an index that does not change with `var`
/// (windows and row windows make those slices). Such loops run at the vector width without
/// kernelize's lanes: the SIMD code must beat that.
pub fn autovectorizes(k: &Kernel, b: &Block, var: VarId) -> bool {
    struct Check<'k> {
        k: &'k Kernel,
        var: VarId,
        declared: BTreeSet<VarId>,
        changed: BTreeSet<VarId>,
        ok: bool,
    }
    impl Check<'_> {
        fn index_ok(&self, index: &[Expr]) -> bool {
            let invariant = |e: &Expr| !mentions(e, self.var) && !mentions_any(e, &self.changed);
            match index.split_last() {
                Some((last, rest)) => {
                    rest.iter().all(invariant) && (invariant(last) || bounds_affine(&[self.var], last).is_some())
                }
                None => true,
            }
        }
    }
    impl Visitor<'_> for Check<'_> {
        fn stmt(&mut self, s: &Stmt) {
            match &s.kind {
                StmtKind::Loop(_)
                | StmtKind::Break(_)
                | StmtKind::Continue(_)
                | StmtKind::Return(_)
                | StmtKind::Opaque(_) => self.ok = false,
                StmtKind::Assign { place: Place::Var(x), op, .. } if !self.declared.contains(x) => {
                    let float = matches!(self.k.var(*x).ty, Ty::Scalar(t) if t.is_float());
                    self.ok &= op.is_some() && !float;
                }
                StmtKind::Assign { place: Place::Index { index, .. }, .. } => self.ok &= self.index_ok(index),
                _ => {}
            }
            walk::walk_stmt(self, s);
        }
        fn expr(&mut self, e: &Expr) {
            match &e.kind {
                ExprKind::Math { func: MathFn::Powf, args, .. } if args.get(1).and_then(literal_power).is_some() => {}
                ExprKind::Math { func: MathFn::Powi, args, .. } if args.get(1).and_then(small_power).is_some() => {}
                ExprKind::Math { func, .. } => {
                    self.ok &= matches!(
                        func,
                        MathFn::Abs
                            | MathFn::Sqrt
                            | MathFn::Min
                            | MathFn::Max
                            | MathFn::Floor
                            | MathFn::Ceil
                            | MathFn::Trunc
                            | MathFn::MulAdd
                    );
                }
                ExprKind::Index { index, .. } => self.ok &= self.index_ok(index),
                ExprKind::Opaque(_) | ExprKind::Try(_) | ExprKind::Match { .. } => self.ok = false,
                _ => {}
            }
            walk::walk_expr(self, e);
        }
    }
    let mut declared = BTreeSet::new();
    let mut changed = BTreeSet::new();
    struct Decl<'s>(&'s mut BTreeSet<VarId>, &'s mut BTreeSet<VarId>);
    impl Visitor<'_> for Decl<'_> {
        fn stmt(&mut self, s: &Stmt) {
            match &s.kind {
                StmtKind::Let { var, .. } => {
                    self.0.insert(*var);
                    self.1.insert(*var);
                }
                StmtKind::Assign { place: Place::Var(v), .. } => {
                    self.1.insert(*v);
                }
                _ => {}
            }
            walk::walk_stmt(self, s);
        }
    }
    Decl(&mut declared, &mut changed).block(b);
    let mut c = Check { k, var, declared, changed, ok: true };
    c.block(b);
    c.ok
}

fn mentions(e: &Expr, v: VarId) -> bool {
    mentions_any(e, &[v].into_iter().collect())
}

fn mentions_any(e: &Expr, set: &BTreeSet<VarId>) -> bool {
    is_varying(set, e)
}

/// Whether a math-library function is faster than the platform's (glibc) in scalar code.
/// Measured one call at a time on Zen 4 inside the AVX2 clone (`examples/scratch` of the
/// commit that added this; std / kernelize time per call): tanh 1.52, cbrt 2.27, sinh 1.74,
/// exp_m1 1.22, asin 1.17, log10 1.21, atan2 1.26; the others were at or below 1.1
/// (exp 0.76, exp2 0.54, ln 0.98, sin 0.95, powf 0.52, floor 0.26), so they stay std's.
pub fn lib_is_faster_scalar(f: MathFn) -> bool {
    matches!(
        f,
        MathFn::Tanh | MathFn::Cbrt | MathFn::Sinh | MathFn::ExpM1 | MathFn::Asin | MathFn::Log10 | MathFn::Atan2
    )
}

/// The size of the widest float type the body computes with, if any.
pub fn widest_float(b: &Block) -> Option<usize> {
    struct Find(Option<usize>);
    impl Visitor<'_> for Find {
        fn expr(&mut self, e: &Expr) {
            if let Ty::Scalar(s) = e.ty
                && s.is_float()
            {
                let size = if s == Scalar::F32 { 4 } else { 8 };
                self.0 = Some(self.0.map_or(size, |w| w.max(size)));
            }
            walk::walk_expr(self, e);
        }
    }
    let mut f = Find(None);
    f.block(b);
    f.0
}

/// Whether the body calls a math-library function (beyond `abs`, `min`, `max` and the like).
pub fn calls_math(b: &Block) -> bool {
    struct Find(bool);
    impl Visitor<'_> for Find {
        fn expr(&mut self, e: &Expr) {
            if let ExprKind::Math { func, .. } = &e.kind {
                self.0 |= !matches!(
                    func,
                    MathFn::Abs | MathFn::Min | MathFn::Max | MathFn::Clamp | MathFn::Signum | MathFn::MulAdd
                );
            }
            walk::walk_expr(self, e);
        }
    }
    let mut f = Find(false);
    f.block(b);
    f.0
}

/// Whether a serial loop's header (its condition, bounds or step) differs between lanes.
pub fn header_varies(lp: &Loop, varying: &BTreeSet<VarId>) -> bool {
    match &lp.kind {
        LoopKind::For { range, .. } => {
            is_varying(varying, &range.start)
                || is_varying(varying, &range.end)
                || range.adapters.iter().any(|a| matches!(a, RangeAdapter::StepBy(k) if is_varying(varying, k)))
        }
        LoopKind::While { cond } => is_varying(varying, cond),
        LoopKind::Infinite => false,
    }
}

/// Whether any control flow in `b` depends on a varying value.
pub fn has_divergence(b: &Block, _depth: usize, varying: &BTreeSet<VarId>) -> bool {
    struct Find<'s>(&'s BTreeSet<VarId>, bool);
    impl Visitor<'_> for Find<'_> {
        fn stmt(&mut self, s: &Stmt) {
            if let StmtKind::Loop(l) = &s.kind {
                self.1 |= header_varies(l, self.0);
            }
            walk::walk_stmt(self, s);
        }
        fn expr(&mut self, e: &Expr) {
            match &e.kind {
                ExprKind::If { cond, .. } => self.1 |= is_varying(self.0, cond),
                ExprKind::Match { scrutinee, .. } => self.1 |= is_varying(self.0, scrutinee),
                _ => {}
            }
            walk::walk_expr(self, e);
        }
    }
    let mut f = Find(varying, false);
    f.block(b);
    f.1
}

/// How `REPORT` names a strategy.
pub fn describe(k: &Kernel, l: &PrangeLoop, s: &Strategy) -> String {
    match s {
        Strategy::Across { .. } => format!("lanes across {}", k.var(l.dims[l.dims.len() - 1].var).name),
        Strategy::Along(list) => {
            let loops: Vec<String> = list.iter().map(|a| format!("{} (line {})", k.var(a.var).name, a.line)).collect();
            format!("lanes along {}", loops.join(" and "))
        }
        Strategy::Scalar => "scalar code".to_owned(),
    }
}
