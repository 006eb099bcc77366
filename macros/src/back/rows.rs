//! Rows of 2-D arrays that a loop reads or writes along its index, `a[[r, j + c]]` with `r` the
//! same on every trip: looked up once before the loop, as windows of exactly the loop's extent,
//! so that the loop indexes slices (plain vector loads and stores, no check per element) instead
//! of ndarray's checked, strided indexing. The loop runs that way when every such row exists,
//! is contiguous and covers the loop (a `match` on the lookups); otherwise it runs as written,
//! which panics where `serial` would.

use super::names::{helper, var_ident};
use crate::ir::walk::{self, Visitor};
use crate::ir::{BinOp, Block, Expr, ExprKind, LoopKind, Place, Scalar, Stmt, StmtKind, Ty, VarId};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use std::collections::BTreeSet;

/// What the row plans need of the Rust writer that uses them (`rust::Writer`).
pub trait RowWriter {
    /// `e` as Rust.
    fn expr(&self, e: &Expr) -> TokenStream;
    /// The flat view made for `array` before the loop, if any.
    fn flat(&self, array: VarId) -> Option<&Ident>;
}

/// A row `r` of a 2-D array that the lanes' loop reads or writes as `a[[r, j + c]]` (`j` the
/// lanes' variable, `r` the same for the whole loop), looked up once before it. Inside the
/// loop's fast path (taken when every such row exists, is contiguous and covers the loop),
/// `window` is the slice `a[[r, lo + first .. hi + last]]`, so its loads and stores are plain
/// vector ones, and `full` (when some read falls outside the window) the whole row.
#[derive(Clone)]
pub struct RowUse {
    pub array: VarId,
    /// `r` as text: the key.
    pub row: String,
    pub window: Option<Ident>,
    pub first: i64,
    pub last: i64,
    pub full: Option<Ident>,
    /// The window is of a row the loop writes (`&mut`).
    pub write: bool,
}

/// Variables declared or assigned in `b`.
pub fn changed_in(b: &Block) -> BTreeSet<VarId> {
    struct Find(BTreeSet<VarId>);
    impl Visitor<'_> for Find {
        fn stmt(&mut self, s: &Stmt) {
            match &s.kind {
                StmtKind::Let { var, .. } | StmtKind::Assign { place: Place::Var(var), .. } => {
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
    }
    let mut f = Find(BTreeSet::new());
    f.block(b);
    f.0
}

/// The row lookups of a loop (see [`plan`]).
pub struct RowPlan {
    pub lookups: TokenStream,
    /// The lookups to place once per prange iteration (see [`plan`]).
    pub hoisted: TokenStream,
    pub patterns: Vec<TokenStream>,
    pub values: Vec<TokenStream>,
    /// The rows planned.
    pub uses: Vec<RowUse>,
}

/// Where an access through a planned row goes.
pub enum RowAt {
    /// The window and the position in it.
    Window(Ident, TokenStream),
    /// The whole row and lane 0's column.
    Full(Ident, TokenStream),
}

/// An array access of a loop body.
struct ArrayUse<'e> {
    array: VarId,
    index: &'e [Expr],
    write: bool,
    /// Made on every trip (not under a condition, not in an inner loop, not after a jump).
    every_trip: bool,
}

/// The array accesses of `body`.
fn row_accesses(body: &Block) -> Vec<ArrayUse<'_>> {
    struct Find<'e> {
        found: Vec<ArrayUse<'e>>,
        every_trip: bool,
    }
    impl<'e> Find<'e> {
        fn under(&mut self, f: impl FnOnce(&mut Self)) {
            let outer = self.every_trip;
            self.every_trip = false;
            f(self);
            self.every_trip = outer;
        }
    }
    impl<'e> Visitor<'e> for Find<'e> {
        fn block(&mut self, b: &'e Block) {
            let outer = self.every_trip;
            for s in &b.stmts {
                self.stmt(s);
                if walk::any_stmt(s, |k| matches!(k, StmtKind::Break(_) | StmtKind::Continue(_))) {
                    self.every_trip = false;
                }
            }
            if let Some(t) = &b.tail {
                self.expr(t);
            }
            self.every_trip = outer;
        }
        fn stmt(&mut self, s: &'e Stmt) {
            match &s.kind {
                StmtKind::Assign { place: Place::Index { array, index }, .. } => {
                    self.found.push(ArrayUse { array: *array, index, write: true, every_trip: self.every_trip });
                    walk::walk_stmt(self, s);
                }
                StmtKind::Loop(_) => self.under(|f| walk::walk_stmt(f, s)),
                _ => walk::walk_stmt(self, s),
            }
        }
        fn expr(&mut self, e: &'e Expr) {
            match &e.kind {
                ExprKind::Index { array, index } => {
                    self.found.push(ArrayUse { array: *array, index, write: false, every_trip: self.every_trip });
                    walk::walk_expr(self, e);
                }
                ExprKind::If { cond, then, els } => {
                    self.expr(cond);
                    self.under(|f| {
                        f.block(then);
                        if let Some(x) = els {
                            f.expr(x);
                        }
                    });
                }
                ExprKind::Match { scrutinee, arms } => {
                    self.expr(scrutinee);
                    self.under(|f| arms.iter().for_each(|a| f.expr(&a.body)));
                }
                ExprKind::Binary { op: BinOp::And | BinOp::Or, lhs, rhs } => {
                    self.expr(lhs);
                    self.under(|f| f.expr(rhs));
                }
                _ => walk::walk_expr(self, e),
            }
        }
    }
    let mut f = Find { found: Vec::new(), every_trip: true };
    f.block(body);
    f.found
}

/// How many different rows of `array` the plan found.
/// A planned access: (array, row text, row expression, offset, write, every trip); a slice read
/// at `j + c` is a row of row text "" and no row expression.
type Found<'e> = (VarId, String, Option<&'e Expr>, i64, bool, bool);

fn found_rows(found: &[Found<'_>], array: VarId) -> usize {
    let mut rows: Vec<&String> = found.iter().filter(|f| f.0 == array).map(|f| &f.1).collect();
    rows.sort();
    rows.dedup();
    rows.len()
}

/// Whether every variable of `e` passes `ok` (and `e` holds nothing but variables, literals,
/// constants, lengths and arithmetic on them).
pub fn all_vars(e: &Expr, ok: &dyn Fn(VarId) -> bool) -> bool {
    match &e.kind {
        ExprKind::Var(v) => ok(*v),
        ExprKind::Lit(_) | ExprKind::Const(_) | ExprKind::Len { .. } => true,
        ExprKind::Unary { arg, .. } | ExprKind::Cast { arg, .. } => all_vars(arg, ok),
        ExprKind::Binary { lhs, rhs, .. } => all_vars(lhs, ok) && all_vars(rhs, ok),
        _ => false,
    }
}

/// With lanes along the loop: the offset `c` of a slice index `j + c` (`j` the lanes' variable),
/// which makes the slice's reads a row of the plan (a window over the loop's extent).
pub type Slices<'a> = Option<&'a dyn Fn(&Expr) -> Option<i64>>;

/// Rows to look up once per prange iteration: which (by array and row), and the loop's range
/// as expressions of values fixed for the iteration (see [`plan`]).
pub type Hoist<'a> = Option<(&'a dyn Fn(VarId, &Expr) -> bool, &'a TokenStream, &'a TokenStream)>;

/// Plans the rows of `body` (the loop over `lo..hi`): every access `a[[r, j]]` of a 2-D array
/// for which `eligible(r, j)` gives the offset `c` of `j = v + c`, with every variable of `r`
/// passing `fixed`. A written array takes its row mutably, so every access to it must go through
/// that one row, or it is left out. Windows cover the offsets of the accesses made on every
/// trip (and of all writes); a read outside them uses the whole row when `full_rows`, else the
/// array as written. Rows that `hoist` names (read-only, the same for the whole prange
/// iteration) get their lookups in `RowPlan::hoisted`, computed over `hoist_range` (the loop's
/// range as expressions of values fixed for the iteration), to be placed once per iteration.
/// `None` when there is no such row.
#[allow(clippy::too_many_arguments, reason = "the pieces of one loop, passed down once")]
pub fn plan(
    k: &crate::ir::Kernel,
    w: &dyn RowWriter,
    body: &Block,
    fixed: &dyn Fn(VarId) -> bool,
    eligible: &dyn Fn(&Expr, &Expr) -> Option<i64>,
    full_rows: bool,
    slices: Slices<'_>,
    lo: &TokenStream,
    hi: &TokenStream,
    fresh: &mut usize,
    hoist: Hoist<'_>,
) -> Option<RowPlan> {
    // The Rust writer's rows (no whole rows) are named apart from the SIMD back end's.
    let prefix = if full_rows { "" } else { "s" };
    let mut next = |what: &str| {
        *fresh += 1;
        helper(&format!("__kz_{prefix}{what}{fresh}"))
    };
    let accesses = row_accesses(body);
    let written: BTreeSet<VarId> = accesses.iter().filter(|a| a.write).map(|a| a.array).collect();
    let text = |e: &Expr| crate::ir::display::expr_text(k, e);
    let mut found: Vec<Found<'_>> = Vec::new();
    let mut refused: BTreeSet<VarId> = BTreeSet::new();
    for a in &accesses {
        let slice = matches!(k.var(a.array).ty, Ty::Array(t) if t.is_slice_like());
        let c = match a.index {
            [r, j] if !slice => eligible(r, j).filter(|_| all_vars(r, fixed) && r.ty == Ty::Scalar(Scalar::Usize)),
            [j] if slice && !written.contains(&a.array) => slices.and_then(|f| f(j)),
            _ => None,
        };
        match (c, a.index) {
            (Some(c), [r, _]) => found.push((a.array, text(r), Some(r), c, a.write, a.every_trip)),
            (Some(c), [_]) => found.push((a.array, String::new(), None, c, false, a.every_trip)),
            _ => {
                refused.insert(a.array);
            }
        }
    }
    let shared: BTreeSet<VarId> = found.iter().filter(|f| found_rows(&found, f.0) > 1).map(|f| f.0).collect();
    found.retain(|f| !(written.contains(&f.0) && (refused.contains(&f.0) || shared.contains(&f.0))));
    if found.is_empty() {
        return None;
    }
    let mut plan = RowPlan {
        lookups: TokenStream::new(),
        hoisted: TokenStream::new(),
        patterns: Vec::new(),
        values: Vec::new(),
        uses: Vec::new(),
    };
    let rt = quote!(::kernelize::__private);
    let mut keys: Vec<(VarId, String)> = found.iter().map(|f| (f.0, f.1.clone())).collect();
    keys.sort();
    keys.dedup();
    for (array, row) in keys {
        let uses: Vec<&Found<'_>> = found.iter().filter(|f| f.0 == array && f.1 == row).collect();
        let write = written.contains(&array);
        let windowed: Vec<i64> = uses.iter().filter(|u| u.4 || u.5 || write).map(|u| u.3).collect();
        let (first, last) = (windowed.iter().copied().min(), windowed.iter().copied().max());
        let outside = uses.iter().any(|u| first.is_none_or(|f| u.3 < f) || last.is_none_or(|l| u.3 > l));
        let needs_full = full_rows && !write && outside;
        let a = var_ident(k, array, Span::call_site());
        let (window, full) = (first.map(|_| next("rw")), needs_full.then(|| next("row")));
        let (first, last) = (first.unwrap_or(0), last.unwrap_or(0));
        let (fl, ll) = (Literal::i64_unsuffixed(first), Literal::i64_unsuffixed(last));
        if write {
            let win = window.clone()?;
            let r = wrapping(w, uses[0].2?);
            plan.lookups.extend(quote!(let #win = #rt::row_window_mut(#a.row_slice_mut(#r), #lo, #hi, #fl, #ll);));
            plan.values.push(quote!(#win));
            plan.patterns.push(quote!(::core::option::Option::Some(#win)));
        } else {
            let whole = next("r");
            let lookup = match (uses[0].2, w.flat(array)) {
                (None, _) => quote!(::core::option::Option::Some(&#a[..])),
                (Some(r), Some(flat)) => {
                    let r = wrapping(w, r);
                    quote!(#rt::row_in(#flat, &#a, #r))
                }
                (Some(r), None) => {
                    let r = wrapping(w, r);
                    quote!(#a.row_slice(#r))
                }
            };
            let (out, lo, hi) = match (hoist, uses[0].2) {
                (Some((h, hlo, hhi)), Some(r)) if h(array, r) => (&mut plan.hoisted, hlo, hhi),
                _ => (&mut plan.lookups, lo, hi),
            };
            out.extend(quote!(let #whole = #lookup;));
            if let Some(win) = &window {
                out.extend(quote!(let #win = #rt::row_window(#whole, #lo, #hi, #fl, #ll);));
                plan.values.push(quote!(#win));
                plan.patterns.push(quote!(::core::option::Option::Some(#win)));
            }
            if let Some(f) = &full {
                plan.values.push(quote!(#whole));
                plan.patterns.push(quote!(::core::option::Option::Some(#f)));
            }
        }
        plan.uses.push(RowUse { array, row, window, first, last, full, write });
    }
    Some(plan)
}

/// A row index as Rust with wrapping arithmetic: it is computed before the loop, even for a
/// row the loop may never touch (`i - 1` in the first row); a wrapped index finds no row.
fn wrapping(w: &dyn RowWriter, e: &Expr) -> TokenStream {
    match &e.kind {
        ExprKind::Binary { op: op @ (BinOp::Add | BinOp::Sub | BinOp::Mul), lhs, rhs } => {
            let (a, b) = (wrapping(w, lhs), wrapping(w, rhs));
            let f = Ident::new(
                match op {
                    BinOp::Add => "wrapping_add",
                    BinOp::Sub => "wrapping_sub",
                    _ => "wrapping_mul",
                },
                Span::call_site(),
            );
            quote!(usize::#f(#a, #b))
        }
        _ => w.expr(e),
    }
}
