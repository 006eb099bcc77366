//! What `name::cuda` copies between host and GPU at each call, when it can keep each array on
//! the GPU for the whole call: each array parameter a prange loop uses is copied in once
//! (not once per loop), unless the first loop that touches it overwrites it completely before
//! reading it, and each array a loop writes is copied back once, after the last loop.
//!
//! "Overwritten completely" is proved, never guessed: the first loop that uses the array
//! - runs unconditionally: its slot is a statement of the host body itself (not inside an `if`,
//!   a host loop or a closure), with no `return` anywhere in the host code before it;
//! - covers the array: a prange from 0 (1-D), with either a second prange dimension from 0 or
//!   a top-level inner `for j in 0..e` (2-D), whose ends are computed from the parameters
//!   alone (lengths, unchanged scalars), so that `name::cuda` checks before the call that they
//!   are `x.len()` (`x.nrows()`, `x.ncols()`), as they are for `0..x.len()`;
//! - writes `x[i]` (`x[[i, j]]`) with `=` in a statement at the top level of that body (or of
//!   that inner loop's body), and no `break` or `continue` can skip it;
//! - never reads `x` (no `x[..]` in an expression, no `x[..] op= v`).

use super::{Analysis, LoopInfo};
use crate::ir::walk::{self, Visitor};
use crate::ir::{
    Block, Expr, ExprKind, JumpTarget, Kernel, LitValue, LoopKind, Place, PrangeLoop, StmtKind, Ty, VarId,
};

/// One array parameter of a `cuda` call kept on the GPU for the whole call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArrayCopy {
    pub var: VarId,
    /// Used by a loop: copied to the GPU before the call unless [`overwritten`](Self::overwritten)
    /// applies (otherwise only allocated there, for its lengths).
    pub upload: bool,
    /// Copied back to the host after the last loop.
    pub download: bool,
    /// The loop that overwrites it completely before any read, when its ranges match the
    /// array's shape (then it is not uploaded), if one can.
    pub overwritten: Option<Overwrite>,
}

impl ArrayCopy {
    /// How many times the array crosses between host and GPU in a call (0, 1 or 2), counting
    /// an array the first loop may overwrite as not uploaded (it is not, where the loop's
    /// ranges match its shape).
    pub fn crossings(&self) -> u64 {
        u64::from(self.upload && self.overwritten.is_none()) + u64::from(self.download)
    }
}

/// A loop that overwrites an array completely when its ranges' ends are the array's lengths.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overwrite {
    pub line: usize,
    /// Which loop: its slot.
    pub slot: usize,
    /// The ends to compare with the array's lengths, before the call: the prange's first
    /// dimension, then the second dimension (`Second`) or the inner loop's (`Inner`).
    pub ends: Vec<End>,
}

/// Where a range end that must equal one of the array's lengths is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// `dims[d].end` of the loop.
    Dim(usize),
    /// The end of the top-level inner loop that is statement `s` of the body.
    Inner(usize),
}

/// Each array parameter, in parameter order.
pub fn plan(k: &Kernel, a: &Analysis) -> Vec<ArrayCopy> {
    let arrays = k.params.iter().map(|p| p.var).filter(|&v| matches!(k.var(v).ty, Ty::Array(_)));
    arrays
        .map(|v| {
            let uses = |info: &LoopInfo| info.reads.contains(&v) || info.writes.iter().any(|w| w.array == v);
            let first = a.loops.iter().position(uses);
            let written = a.loops.iter().any(|info| info.writes.iter().any(|w| w.array == v));
            let overwritten = first.filter(|&s| runs_unconditionally(k, s)).and_then(|s| {
                let ends = overwrites(k, &k.loops[s], v)?;
                Some(Overwrite { line: k.loops[s].line, slot: s, ends })
            });
            ArrayCopy { var: v, upload: first.is_some(), download: written, overwritten }
        })
        .collect()
}

/// Whether loop `slot` runs at every call: its slot is a statement of the host body itself and
/// no `return` comes before it.
fn runs_unconditionally(k: &Kernel, slot: usize) -> bool {
    use proc_macro2::TokenTree;
    let mut tokens: Vec<TokenTree> = k.host.tokens.clone().into_iter().collect();
    // The function's body, `{ .. }`: its statements are the top level.
    if let [TokenTree::Group(body)] = tokens.as_slice()
        && body.delimiter() == proc_macro2::Delimiter::Brace
    {
        tokens = body.stream().into_iter().collect();
    }
    for (n, t) in tokens.iter().enumerate() {
        match t {
            TokenTree::Ident(i) if i == crate::ir::SLOT => {
                if let (Some(TokenTree::Punct(_)), Some(TokenTree::Group(g))) = (tokens.get(n + 1), tokens.get(n + 2))
                    && g.stream().to_string().parse::<usize>() == Ok(slot)
                {
                    return true;
                }
            }
            TokenTree::Ident(i) if i == "return" => return false,
            TokenTree::Group(g) if has_return(g.stream()) => return false,
            _ => {}
        }
    }
    false
}

fn has_return(tokens: proc_macro2::TokenStream) -> bool {
    tokens.into_iter().any(|t| match t {
        proc_macro2::TokenTree::Ident(i) => i == "return",
        proc_macro2::TokenTree::Group(g) => has_return(g.stream()),
        _ => false,
    })
}

/// Whether loop `l` writes every element of array `x` and reads none when its ranges' ends
/// equal `x`'s lengths: those ends, if so.
fn overwrites(k: &Kernel, l: &PrangeLoop, x: VarId) -> Option<Vec<End>> {
    let Ty::Array(ty) = k.var(x).ty else { return None };
    let returns = walk::any_stmt_in_block(&l.body, |s| matches!(s, StmtKind::Return(_)));
    if returns || reads(&l.body, x) || jumps(&l.body, &[JumpTarget::Prange, JumpTarget::CollapsedOuter]) {
        return None;
    }
    let from_zero = |d: usize| l.dims.get(d).is_some_and(|dm| is_zero(&dm.start) && from_params(k, &dm.end));
    let ok = |b: bool, ends: Vec<End>| b.then_some(ends);
    match (ty.ndim, l.dims.len()) {
        (1, 1) => ok(from_zero(0) && writes_at(&l.body, x, &[l.dims[0].var]), vec![End::Dim(0)]),
        (2, 2) => ok(
            from_zero(0) && from_zero(1) && writes_at(&l.body, x, &[l.dims[0].var, l.dims[1].var]),
            vec![End::Dim(0), End::Dim(1)],
        ),
        (2, 1) if from_zero(0) => l.body.stmts.iter().enumerate().find_map(|(n, s)| {
            let StmtKind::Loop(inner) = &s.kind else { return None };
            let LoopKind::For { var: Some(j), range } = &inner.kind else { return None };
            let covers = range.adapters.is_empty()
                && !range.inclusive
                && is_zero(&range.start)
                && from_params(k, &range.end)
                && !jumps(&inner.body, &[JumpTarget::Serial(0)])
                && writes_at(&inner.body, x, &[l.dims[0].var, *j]);
            ok(covers, vec![End::Dim(0), End::Inner(n)])
        }),
        _ => None,
    }
}

/// The inner loop's end for [`End::Inner`].
pub fn inner_end(l: &PrangeLoop, stmt: usize) -> Option<&Expr> {
    match &l.body.stmts.get(stmt)?.kind {
        StmtKind::Loop(crate::ir::Loop { kind: LoopKind::For { range, .. }, .. }) => Some(&range.end),
        _ => None,
    }
}

/// Whether `e` can be computed before the call from the parameters alone: literals, constants,
/// lengths of array parameters, scalar parameters the host code cannot change (not `mut`), and
/// arithmetic on them.
fn from_params(k: &Kernel, e: &Expr) -> bool {
    use crate::ir::Origin;
    match &e.kind {
        ExprKind::Lit(_) | ExprKind::Const(_) => true,
        ExprKind::Var(v) => {
            let var = k.var(*v);
            var.origin == Origin::Param && !var.mutable && matches!(var.ty, Ty::Scalar(_))
        }
        ExprKind::Len { array, .. } => k.var(*array).origin == Origin::Param,
        ExprKind::Unary { arg, .. } | ExprKind::Cast { arg, .. } => from_params(k, arg),
        ExprKind::Binary { lhs, rhs, .. } => from_params(k, lhs) && from_params(k, rhs),
        _ => false,
    }
}

fn is_zero(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Lit(lit) if lit.value == LitValue::Int(0))
}

/// Whether a top-level statement of `b` is `x[idx] = value` with the index exactly `idx`.
fn writes_at(b: &Block, x: VarId, idx: &[VarId]) -> bool {
    b.stmts.iter().any(|s| match &s.kind {
        StmtKind::Assign { place: Place::Index { array, index }, op: None, .. } if *array == x => {
            index.len() == idx.len()
                && index.iter().zip(idx).all(|(e, v)| matches!(e.kind, ExprKind::Var(w) if w == *v))
        }
        _ => false,
    })
}

/// Whether `b` reads `x`: `x[..]` in an expression, or `x[..] op= v`.
fn reads(b: &Block, x: VarId) -> bool {
    struct Reads(VarId, bool);
    impl Visitor<'_> for Reads {
        fn stmt(&mut self, s: &crate::ir::Stmt) {
            if let StmtKind::Assign { place: Place::Index { array, .. }, op: Some(_), .. } = &s.kind {
                self.1 |= *array == self.0;
            }
            walk::walk_stmt(self, s);
        }
        fn expr(&mut self, e: &Expr) {
            if let ExprKind::Index { array, .. } = &e.kind {
                self.1 |= *array == self.0;
            }
            walk::walk_expr(self, e);
        }
    }
    let mut r = Reads(x, false);
    r.block(b);
    r.1
}

/// Whether a `break` or `continue` in `b` (at any depth) leaves one of `targets`.
fn jumps(b: &Block, targets: &[JumpTarget]) -> bool {
    walk::any_stmt_in_block(b, |s| match s {
        StmtKind::Break(j) | StmtKind::Continue(j) => targets.contains(&j.target),
        _ => false,
    })
}
