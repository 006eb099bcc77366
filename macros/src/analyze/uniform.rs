//! Uniform and varying values: a value is *varying* when it can differ between the
//! iterations of a prange loop (SIMD lanes, GPU threads), and *uniform* when every iteration
//! sees the same. Control flow that depends on a varying value makes what it assigns varying.
//!
//! One exception keeps a value uniform under such control flow: a variable declared inside it,
//! with a uniform value, changed only by uniform values at the top of one loop whose lanes leave
//! at different trips, and read only inside that loop (`let mut k = n; while k > 0 { k -= 1;
//! if d > lim[k] { break; } }` under `if d > 0.0`). Every lane still in the loop has seen the
//! same assignments, so the lanes that can observe it hold one value: `lim[k]` is one load,
//! not a gather. Lanes that left hold other values, but nothing reads them.

use crate::ir::walk::{self, Visitor};
use crate::ir::{
    Block, Expr, ExprKind, JumpTarget, LoopKind, Pattern, Place, PrangeLoop, RangeAdapter, Stmt, StmtKind, VarId,
};
use std::collections::BTreeSet;

/// The variables that vary when only `seeds` differ between instances: the SIMD back end runs
/// the rows of a 2-D loop one after another, so there only the inner variable varies.
pub fn varying_from(l: &PrangeLoop, seeds: BTreeSet<VarId>) -> BTreeSet<VarId> {
    varying_in(&l.body, 0, seeds)
}

/// [`varying_from`] for a block inside `depth` serial loops of a prange body (the body of a
/// serial loop whose trips run in lanes).
pub fn varying_in(body: &Block, depth: usize, seeds: BTreeSet<VarId>) -> BTreeSet<VarId> {
    // Variables declared in the body may be uniform among the live lanes (see the module's
    // docs): assume so, and drop those whose uses break the rule until none does.
    let mut live_uniform: BTreeSet<VarId> = declared(body);
    loop {
        let (set, uses) = fixpoint(body, depth, &seeds, &live_uniform);
        let broken: Vec<VarId> =
            live_uniform.iter().copied().filter(|v| !set.contains(v) && !uses.keeps_uniform(*v)).collect();
        if broken.is_empty() {
            return set;
        }
        for v in broken {
            live_uniform.remove(&v);
        }
    }
}

/// The varying variables, given the seeds and the variables assumed uniform among live lanes,
/// and where the body uses its variables.
fn fixpoint(
    body: &Block,
    depth: usize,
    seeds: &BTreeSet<VarId>,
    live_uniform: &BTreeSet<VarId>,
) -> (BTreeSet<VarId>, Uses) {
    let mut set = seeds.clone();
    loop {
        let before = set.len();
        let mut uses = Uses::default();
        let mut v = Vary { set: &mut set, causes: Vec::new(), depth, live_uniform, uses: &mut uses, loops: 0 };
        v.block(body);
        if set.len() == before {
            return (set, uses);
        }
    }
}

/// Why some lanes may not run the code being walked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cause {
    /// A varying `if` or `match`, or the rest of a block after a varying jump.
    Branch,
    /// A loop (numbered in walk order) whose lanes leave at different trips.
    Loop(usize),
}

/// Where each variable declared in the body is assigned and read, relative to its declaration:
/// the causes of divergence between the declaration and the use.
#[derive(Default)]
struct Uses {
    declared_at: Vec<(VarId, usize)>,
    assigns: Vec<(VarId, Vec<Cause>)>,
    reads: Vec<(VarId, Vec<Cause>)>,
}

impl Uses {
    /// The rule of the module's docs: every assignment at the declaration's own level or at the
    /// top of one loop `m`, and then every read inside `m`.
    fn keeps_uniform(&self, v: VarId) -> bool {
        let mut the_loop = None;
        for (_, causes) in self.assigns.iter().filter(|(x, _)| *x == v) {
            match causes.as_slice() {
                [] => {}
                [Cause::Loop(m)] if the_loop.is_none_or(|l| l == *m) => the_loop = Some(*m),
                _ => return false,
            }
        }
        match the_loop {
            None => true,
            Some(m) => self.reads.iter().filter(|(x, _)| *x == v).all(|(_, c)| c.first() == Some(&Cause::Loop(m))),
        }
    }
}

/// Variables declared by `let` (or bound by a `match` arm) in `b`.
fn declared(b: &Block) -> BTreeSet<VarId> {
    struct Find(BTreeSet<VarId>);
    impl Visitor<'_> for Find {
        fn stmt(&mut self, s: &Stmt) {
            if let StmtKind::Let { var, .. } = &s.kind {
                self.0.insert(*var);
            }
            walk::walk_stmt(self, s);
        }
    }
    let mut f = Find(BTreeSet::new());
    f.block(b);
    f.0
}

/// True when `e` can differ between iterations, given the varying variables.
pub fn is_varying(set: &BTreeSet<VarId>, e: &Expr) -> bool {
    struct Find<'s> {
        set: &'s BTreeSet<VarId>,
        found: bool,
    }
    impl Visitor<'_> for Find<'_> {
        fn expr(&mut self, e: &Expr) {
            match &e.kind {
                ExprKind::Var(v) if self.set.contains(v) => self.found = true,
                ExprKind::Opaque(_) => self.found = true,
                _ => walk::walk_expr(self, e),
            }
        }
        fn stmt(&mut self, s: &Stmt) {
            match &s.kind {
                StmtKind::Opaque(_) => self.found = true,
                StmtKind::Assign { place: Place::Var(v), .. } if self.set.contains(v) => self.found = true,
                _ => walk::walk_stmt(self, s),
            }
        }
    }
    let mut f = Find { set, found: false };
    f.expr(e);
    f.found
}

struct Vary<'s> {
    set: &'s mut BTreeSet<VarId>,
    /// Why the code being walked runs only in some iterations (under varying conditions).
    causes: Vec<Cause>,
    /// Serial loops around the code being walked (`JumpTarget::Serial(d)` names the one at
    /// depth `d`).
    depth: usize,
    /// Declared variables assumed uniform among the live lanes.
    live_uniform: &'s BTreeSet<VarId>,
    uses: &'s mut Uses,
    /// Loops walked so far (numbers them).
    loops: usize,
}

impl Vary<'_> {
    fn divergent(&self) -> bool {
        !self.causes.is_empty()
    }

    /// The causes since `v`'s declaration.
    fn since(&self, v: VarId) -> Vec<Cause> {
        let at = self.uses.declared_at.iter().rev().find(|(x, _)| *x == v).map_or(0, |d| d.1);
        self.causes.get(at..).unwrap_or_default().to_vec()
    }

    fn declare(&mut self, var: VarId, value: Option<&Expr>) {
        self.uses.declared_at.push((var, self.causes.len()));
        let uniform_here = self.live_uniform.contains(&var) && value.is_some_and(|e| !is_varying(self.set, e));
        if !uniform_here {
            self.mark(var, value);
        }
    }

    fn assign(&mut self, var: VarId, value: &Expr) {
        if self.live_uniform.contains(&var) {
            let since = self.since(var);
            if is_varying(self.set, value) || since.contains(&Cause::Branch) {
                self.set.insert(var);
            }
            self.uses.assigns.push((var, since));
        } else {
            self.mark(var, Some(value));
        }
    }

    fn mark(&mut self, var: VarId, value: Option<&Expr>) {
        if self.divergent() || value.is_none_or(|e| is_varying(self.set, e)) {
            self.set.insert(var);
        }
    }

    fn under<T>(&mut self, cause: Option<Cause>, f: impl FnOnce(&mut Self) -> T) -> T {
        let n = self.causes.len();
        self.causes.extend(cause);
        let out = f(self);
        self.causes.truncate(n);
        out
    }
}

impl<'a> Visitor<'a> for Vary<'_> {
    fn block(&mut self, b: &'a Block) {
        let outer = self.causes.len();
        let mut after_jump = false;
        for s in &b.stmts {
            self.stmt(s);
            // After `if varying { continue; }`, the rest runs only in some iterations. A jump to a
            // loop inside `s` does not skip the rest of this block.
            if !after_jump && leaves(s, self.depth) && jump_is_varying(self.set, s, self.depth) {
                after_jump = true;
                self.causes.push(Cause::Branch);
            }
        }
        if let Some(t) = &b.tail {
            self.expr(t);
        }
        self.causes.truncate(outer);
    }

    fn stmt(&mut self, s: &'a Stmt) {
        match &s.kind {
            StmtKind::Let { var, init, .. } => {
                self.expr(init);
                self.declare(*var, Some(init));
            }
            StmtKind::Assign { place: Place::Var(var), value, op } => {
                self.expr(value);
                if op.is_some() {
                    // `x op= e` reads `x`.
                    let since = self.since(*var);
                    self.uses.reads.push((*var, since));
                }
                self.assign(*var, value);
            }
            StmtKind::Loop(l) => {
                let header_varies = match &l.kind {
                    LoopKind::For { range, .. } => {
                        is_varying(self.set, &range.start)
                            || is_varying(self.set, &range.end)
                            || range
                                .adapters
                                .iter()
                                .any(|a| matches!(a, RangeAdapter::StepBy(k) if is_varying(self.set, k)))
                    }
                    LoopKind::While { cond } => is_varying(self.set, cond),
                    LoopKind::Infinite => false,
                };
                // Only jumps that leave this loop (or an outer one) make its trips differ; a
                // `break` out of a loop nested in its body does not.
                let body_jumps = jump_is_varying(self.set, s, self.depth + 1);
                let id = self.loops;
                self.loops += 1;
                let cause = (header_varies || body_jumps).then_some(Cause::Loop(id));
                self.under(cause, |v| {
                    if let LoopKind::For { var: Some(var), .. } = &l.kind
                        && v.divergent()
                    {
                        v.set.insert(*var);
                    }
                    // The header is read on every trip, by the lanes still in the loop.
                    match &l.kind {
                        LoopKind::For { range, .. } => {
                            v.expr(&range.start);
                            v.expr(&range.end);
                        }
                        LoopKind::While { cond } => v.expr(cond),
                        LoopKind::Infinite => {}
                    }
                    v.depth += 1;
                    v.block(&l.body);
                    v.depth -= 1;
                });
            }
            StmtKind::Opaque(o) => {
                for &b in &o.binds {
                    self.set.insert(b);
                }
            }
            _ => walk::walk_stmt(self, s),
        }
    }

    fn expr(&mut self, e: &'a Expr) {
        match &e.kind {
            ExprKind::Var(x) => {
                let since = self.since(*x);
                self.uses.reads.push((*x, since));
            }
            ExprKind::If { cond, then, els } => {
                self.expr(cond);
                let varies = is_varying(self.set, cond).then_some(Cause::Branch);
                self.under(varies, |v| {
                    v.block(then);
                    if let Some(e) = els {
                        v.expr(e);
                    }
                });
            }
            ExprKind::Match { scrutinee, arms } => {
                self.expr(scrutinee);
                let varies = is_varying(self.set, scrutinee).then_some(Cause::Branch);
                self.under(varies, |v| {
                    for arm in arms {
                        for p in &arm.pats {
                            if let Pattern::Bind(b) = p {
                                v.mark(*b, Some(scrutinee));
                            }
                        }
                        if let Some(g) = &arm.guard {
                            v.expr(g);
                        }
                        v.expr(&arm.body);
                    }
                });
            }
            _ => walk::walk_expr(self, e),
        }
    }
}

/// Whether `s` holds a jump out of the code at `depth` (serial loops around it): to a loop at a
/// smaller depth, to the prange loop or beyond, or a `return`.
fn leaves(s: &Stmt, depth: usize) -> bool {
    walk::any_stmt(s, |k| match k {
        StmtKind::Break(j) | StmtKind::Continue(j) => match j.target {
            JumpTarget::Serial(d) => d < depth,
            JumpTarget::Prange | JumpTarget::CollapsedOuter | JumpTarget::Outside => true,
        },
        StmtKind::Return(_) => true,
        _ => false,
    })
}

/// Conservative: a statement that holds a jump out of the code at `depth` and any varying value.
fn jump_is_varying(set: &BTreeSet<VarId>, s: &Stmt, depth: usize) -> bool {
    if !leaves(s, depth) {
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
    }
    let mut a = Any { set, found: false };
    a.stmt(s);
    a.found
}
