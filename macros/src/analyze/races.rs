//! The rules that let a prange loop's iterations run in any order: each writes only its own
//! array elements, changes outside scalars only through reductions, and never leaves the loop.

use super::facts::{RedOp, Reduction, Written, is_outside};
use crate::diag::Diag;
use crate::ir::display::expr_text;
use crate::ir::walk::{self, Visitor, span_range};
use crate::ir::{
    Access, BinOp, Expr, ExprKind, JumpTarget, Kernel, MathFn, Opaque, Place, PrangeLoop, Stmt, StmtKind, Ty, VarId,
};
use proc_macro2::Span;

/// What the race check finds in one prange loop (see [`LoopInfo`](super::LoopInfo), which
/// holds it).
#[derive(Default)]
pub struct Found {
    pub reductions: Vec<Reduction>,
    pub writes: Vec<Written>,
    pub reads: Vec<VarId>,
    pub captures: Vec<VarId>,
    pub opaque: Vec<(Span, String)>,
}

pub fn check(k: &Kernel, l: &PrangeLoop, diag: &mut Diag) -> Found {
    let prange: Vec<VarId> = l.dims.iter().map(|d| d.var).collect();
    let mut c = Collect { k, prange, ..Collect::default_for(k) };
    c.block(&l.body);
    let mut info = Found::default();
    let errors_before = diag.len();
    for (range, message) in std::mem::take(&mut c.errors) {
        diag.error_range(range, message);
    }
    c.check_writes(&mut info, diag);
    c.check_reductions(&mut info, diag);
    c.check_opaque(&info, diag);
    c.check_reads(&info, diag);
    if diag.len() == errors_before {
        c.fill(&mut info);
    }
    info
}

type Range = (Span, Span);

struct ArrayAccess<'k> {
    array: VarId,
    index: &'k [Expr],
    range: Range,
}

enum Update {
    Reduction(RedOp),
    /// `/=`, `%=`, `<<=`, `>>=`: an operator that is not a reduction.
    BadOperator(BinOp),
    /// A plain assignment that is not of a reduction's form.
    Assignment,
}

struct Collect<'k> {
    k: &'k Kernel,
    prange: Vec<VarId>,
    writes: Vec<ArrayAccess<'k>>,
    reads: Vec<ArrayAccess<'k>>,
    updates: Vec<(VarId, Update, Range)>,
    var_reads: Vec<(VarId, Span)>,
    opaques: Vec<(&'k Opaque, Span)>,
    errors: Vec<(Range, String)>,
    /// `let j = i;`: immutable copies of a prange variable, and the variable.
    aliases: Vec<(VarId, VarId)>,
}

impl<'k> Collect<'k> {
    fn default_for(k: &'k Kernel) -> Collect<'k> {
        Collect {
            k,
            prange: Vec::new(),
            writes: Vec::new(),
            reads: Vec::new(),
            updates: Vec::new(),
            var_reads: Vec::new(),
            opaques: Vec::new(),
            errors: Vec::new(),
            aliases: Vec::new(),
        }
    }

    fn name(&self, v: VarId) -> &str {
        &self.k.var(v).name
    }

    /// The element an iteration owns of `array`: `out[i]`; `out[[i, j]]` in a 2-D loop; the row
    /// `out[[i, _]]` of a 2-D array in a loop over rows.
    fn own_index_text(&self, array: VarId) -> String {
        let own: Vec<usize> = (0..self.prange.len()).collect();
        self.own_text(array, &own)
    }

    /// `out[[j, i]]` for the ownership `own` (index position of each prange variable), `_` at
    /// the positions any value may take.
    fn own_text(&self, array: VarId, own: &[usize]) -> String {
        let ndim = match self.k.var(array).ty {
            Ty::Array(a) => usize::from(a.ndim),
            _ => 1,
        };
        let mut parts = vec!["_".to_owned(); own.iter().max().map_or(1, |m| m + 1).max(ndim)];
        for (d, &pos) in own.iter().enumerate() {
            parts[pos] = self.name(self.prange[d]).to_owned();
        }
        match parts.as_slice() {
            [one] => format!("{}[{one}]", self.name(array)),
            many => format!("{}[[{}]]", self.name(array), many.join(", ")),
        }
    }

    fn access_text(&self, a: &ArrayAccess<'_>) -> String {
        let parts: Vec<String> = a.index.iter().map(|e| expr_text(self.k, e)).collect();
        match parts.as_slice() {
            [one] => format!("{}[{one}]", self.name(a.array)),
            many => format!("{}[[{}]]", self.name(a.array), many.join(", ")),
        }
    }

    /// For each prange dimension, the index position holding its variable; `None` when the
    /// access is not the iteration's own element.
    fn ownership(&self, index: &[Expr]) -> Option<Vec<usize>> {
        let is = |v: VarId, p: VarId| v == p || self.aliases.iter().any(|&(a, q)| a == v && q == p);
        let position = |p: VarId| index.iter().position(|e| matches!(e.kind, ExprKind::Var(v) if is(v, p)));
        let own: Vec<usize> = self.prange.iter().map(|&p| position(p)).collect::<Option<_>>()?;
        (self.prange.len() == 1 || index.len() == 2).then_some(own)
    }

    fn update(&mut self, var: VarId, op: Option<BinOp>, value: &'k Expr, range: Range) {
        let update = match op {
            Some(op) => {
                self.expr(value);
                reduction_op(op).map_or(Update::BadOperator(op), Update::Reduction)
            }
            None => match reduction_form(var, value) {
                Some((red, rest)) => {
                    self.expr(rest);
                    Update::Reduction(red)
                }
                None => {
                    self.expr(value);
                    Update::Assignment
                }
            },
        };
        self.updates.push((var, update, range));
    }

    fn jump(&mut self, s: &Stmt, what: &str, target: JumpTarget) {
        let range = (s.span, s.span);
        match (what, target) {
            ("break", JumpTarget::Prange) => self.errors.push((
                range,
                "`break` out of a prange loop: its iterations run in any order, even at once, so there is no \
                 \"rest of the loop\" to skip\nhelp: use `continue` to end this iteration early, or a serial `for` \
                 loop to stop at the first match"
                    .to_owned(),
            )),
            (_, JumpTarget::CollapsedOuter) => self.errors.push((
                range,
                format!(
                    "`{what}` to the outer loop of a 2-D prange loop: each iteration is one (i, j) pair, so there \
                     is no rest of a row to skip\nhelp: use `continue` to end this iteration, or make the inner \
                     loop a serial `for` to work row by row"
                ),
            )),
            (_, JumpTarget::Outside) => self.errors.push((
                range,
                format!(
                    "`{what}` to a loop outside the prange loop: one iteration cannot steer the code around the \
                     loop\nhelp: record what you need in a reduction and act on it after the prange loop"
                ),
            )),
            _ => {}
        }
    }

    fn check_writes(&self, info: &mut Found, diag: &mut Diag) {
        let mut owned: Vec<(VarId, Vec<usize>)> = Vec::new();
        for w in &self.writes {
            // Writes to read-only arrays were refused by the front end.
            if matches!(self.k.var(w.array).ty, Ty::Array(a) if !a.mutable) {
                continue;
            }
            let Some(own) = self.ownership(w.index) else {
                diag.error_range(w.range, self.race_message(w));
                continue;
            };
            match owned.iter().find(|(a, _)| *a == w.array) {
                Some((_, first)) if *first != own => diag.error_range(
                    w.range,
                    format!(
                        "data race: this prange loop writes `{0}` both as `{1}` and as `{2}`, so two iterations can \
                         write one element\nhelp: write `{0}` at one kind of index only, e.g. always `{1}`",
                        self.name(w.array),
                        self.own_text(w.array, first),
                        self.access_text(w),
                    ),
                ),
                Some(_) => {}
                None => owned.push((w.array, own)),
            }
        }
        for &(o, _) in &self.opaques {
            for m in o.mentions.iter().filter(|m| m.access == crate::ir::Access::WriteOwn) {
                if !is_outside(self.k, m.var) {
                    continue;
                }
                if self.prange.len() == 1 {
                    if !owned.iter().any(|(a, _)| *a == m.var) {
                        owned.push((m.var, vec![0]));
                    }
                } else {
                    diag.error(
                        m.span,
                        format!(
                            "data race: in this 2-D prange loop, {} writes `{}[..]` with one index, which all \
                             iterations of a row share\nhelp: write a 2-D array at `{}`",
                            o.what,
                            self.name(m.var),
                            self.own_index_text(m.var)
                        ),
                    );
                }
            }
        }
        info.writes = owned.into_iter().map(|(array, own)| Written { array, own }).collect();
    }

    fn race_message(&self, w: &ArrayAccess<'_>) -> String {
        let name = self.name(w.array);
        let is_1d_in_2d = self.prange.len() == 2 && w.index.len() == 1;
        if is_1d_in_2d {
            let i = expr_text(self.k, &w.index[0]);
            return format!(
                "data race: in this 2-D prange loop, all iterations that share `{i}` write `{name}[{i}]`\nhelp: \
                 write a 2-D array at `{}`, or make the inner loop a serial `for` and accumulate in a local",
                self.own_index_text(w.array)
            );
        }
        format!(
            "data race: `{}` can be written by more than one iteration of this prange loop\nhelp: write only the \
             iteration's own element, `{}`; to scatter or shift values, use a serial `for` loop",
            self.access_text(w),
            self.own_index_text(w.array)
        )
    }

    fn check_reads(&self, info: &Found, diag: &mut Diag) {
        for r in &self.reads {
            let Some(written) = info.writes.iter().find(|w| w.array == r.array) else { continue };
            if self.ownership(r.index).as_ref() != Some(&written.own) {
                diag.error_range(
                    r.range,
                    format!(
                        "data race: this prange loop writes `{0}`, so reading `{1}` may see another iteration's \
                         write or not, depending on timing (a recurrence such as a prefix sum cannot run in \
                         parallel)\nhelp: read only the element this iteration owns, `{2}`, or write the \
                         recurrence as a serial `for` loop",
                        self.name(r.array),
                        self.access_text(r),
                        self.own_text(r.array, &written.own)
                    ),
                );
            }
        }
    }

    fn check_reductions(&self, info: &mut Found, diag: &mut Diag) {
        let mut found: Vec<Reduction> = Vec::new();
        for (var, update, range) in &self.updates {
            let name = self.name(*var);
            match update {
                Update::Reduction(op) => match found.iter().find(|r| r.var == *var) {
                    Some(r) if r.op != *op => diag.error_range(
                        *range,
                        format!(
                            "`{name}` is updated with `{}` and with `{}` in this prange loop; a reduction uses one \
                             operator\nhelp: use one variable per operator and combine them after the loop",
                            r.op.describe(),
                            op.describe()
                        ),
                    ),
                    Some(_) => {}
                    None => {
                        found.push(Reduction { var: *var, op: *op, span: range.0 });
                    }
                },
                Update::BadOperator(BinOp::Div) => diag.error_range(
                    *range,
                    format!(
                        "`/=` on `{name}`, declared outside this prange loop, is not a reduction: division does not \
                         commute, so the result would depend on the order of iterations\nhelp: collect the divisors \
                         with `d *= x` in the loop and divide once after it"
                    ),
                ),
                Update::BadOperator(op) => diag.error_range(
                    *range,
                    format!(
                        "`{}=` on `{name}`, declared outside this prange loop, is not a reduction\nhelp: reductions \
                         are `+=`, `-=`, `*=`, `x = x.max(..)`, `x = x.min(..)`, and `|=`, `&=`, `^=` for integers",
                        op.symbol()
                    ),
                ),
                Update::Assignment => diag.error_range(
                    *range,
                    format!(
                        "`{name}` is declared outside this prange loop, so assigning it from every iteration is a \
                         data race\nhelp: declare it inside the loop (`let {name} = ...;`), or make it a reduction: \
                         `{name} += ...`, `{name} *= ...`, `{name} = {name}.max(...)`, `{name} = {name}.min(...)`"
                    ),
                ),
            }
        }
        for &(var, span) in &self.var_reads {
            if let Some(r) = found.iter().find(|r| r.var == var) {
                diag.error(span, self.reduction_read_message(r));
            }
        }
        info.reductions = found;
    }

    fn reduction_read_message(&self, r: &Reduction) -> String {
        let name = self.name(r.var);
        format!(
            "`{name}` is a reduction of this prange loop (updated with `{}`), so its value inside the loop depends \
             on the order of iterations; it cannot be read here\nhelp: only accumulate into `{name}` in the loop, \
             and use its value after the loop",
            r.op.describe()
        )
    }

    fn check_opaque(&self, info: &Found, diag: &mut Diag) {
        for &(o, _) in &self.opaques {
            for m in &o.mentions {
                if !is_outside(self.k, m.var) {
                    continue;
                }
                let var = self.k.var(m.var);
                let written = info.writes.iter().any(|w| w.array == m.var);
                // Passing a `&mut` array on, even by value, lends it out for writing.
                let access = match (m.access, var.ty) {
                    (Access::Read, Ty::Array(a)) if a.mutable && a.repr != crate::ir::Repr::Vec => Access::MaybeWrite,
                    (access, _) => access,
                };
                if let Some(r) = info.reductions.iter().find(|r| r.var == m.var) {
                    diag.error(m.span, self.reduction_read_message(r));
                } else if written && matches!(access, Access::Read | Access::MaybeWrite) {
                    diag.error(
                        m.span,
                        format!(
                            "data race: {} uses `{}`, which this prange loop writes\nhelp: inside the loop, use only \
                             the element this iteration owns, `{}`",
                            o.what,
                            var.name,
                            self.own_index_text(m.var)
                        ),
                    );
                } else if access == Access::MaybeWrite && is_mutable(var) {
                    let how = match var.ty {
                        Ty::Array(_) => format!("as the iteration's own element (`{}`)", self.own_index_text(m.var)),
                        Ty::Scalar(_) => format!("through a reduction (`{0} += ...`, `{0} = {0}.max(...)`)", var.name),
                        _ => "as an array's own element or through a reduction".to_owned(),
                    };
                    diag.error(
                        m.span,
                        format!(
                            "data race: {} inside a prange loop may change `{}`, which all iterations share\nhelp: \
                             inside a prange loop, change it only {how}; or move this out of the loop, or use a \
                             serial `for`",
                            o.what, var.name
                        ),
                    );
                }
            }
        }
    }

    fn fill(&self, info: &mut Found) {
        let mut reads: Vec<VarId> = self.reads.iter().map(|r| r.array).collect();
        reads.extend(
            self.opaques
                .iter()
                .flat_map(|(o, _)| o.mentions.iter().map(|m| m.var))
                .filter(|&v| is_outside(self.k, v) && matches!(self.k.var(v).ty, Ty::Array(_))),
        );
        reads.retain(|a| !info.writes.iter().any(|w| w.array == *a));
        reads.sort();
        reads.dedup();
        info.reads = reads;
        let mut captures: Vec<VarId> = self
            .var_reads
            .iter()
            .map(|&(v, _)| v)
            .chain(self.opaques.iter().flat_map(|(o, _)| o.mentions.iter().map(|m| m.var)))
            .filter(|&v| is_outside(self.k, v) && !matches!(self.k.var(v).ty, Ty::Array(_)))
            .filter(|v| !info.reductions.iter().any(|r| r.var == *v))
            .collect();
        captures.sort();
        captures.dedup();
        info.captures = captures;
        info.opaque = self.opaques.iter().map(|(o, span)| (*span, o.what.clone())).collect();
    }
}

fn is_mutable(var: &crate::ir::Var) -> bool {
    var.mutable || matches!(var.ty, Ty::Array(a) if a.mutable)
}

/// `s = s + e`, `s = e + s` (commutative ops), `s = s.max(e)`, `s = f64::min(e, s)`:
/// the operator and `e`.
fn reduction_form(var: VarId, value: &Expr) -> Option<(RedOp, &Expr)> {
    let is_var = |e: &Expr| matches!(e.kind, ExprKind::Var(v) if v == var);
    match &value.kind {
        ExprKind::Binary { op, lhs, rhs } => {
            let red = reduction_op(*op)?;
            if is_var(lhs) {
                Some((red, rhs))
            } else if is_var(rhs) && *op != BinOp::Sub {
                Some((red, lhs))
            } else {
                None
            }
        }
        ExprKind::Math { func: func @ (MathFn::Max | MathFn::Min), args, .. } if args.len() == 2 => {
            let red = if *func == MathFn::Max { RedOp::Max } else { RedOp::Min };
            if is_var(&args[0]) {
                Some((red, &args[1]))
            } else if is_var(&args[1]) {
                Some((red, &args[0]))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// An update of `var` (`var op= value`, or `var = value`) as a reduction: its operator and the
/// value it folds in; `None` when it is not a reduction's form.
pub(super) fn reduction_update(var: VarId, op: Option<BinOp>, value: &Expr) -> Option<(RedOp, &Expr)> {
    match op {
        Some(op) => reduction_op(op).map(|r| (r, value)),
        None => reduction_form(var, value),
    }
}

fn reduction_op(op: BinOp) -> Option<RedOp> {
    Some(match op {
        BinOp::Add | BinOp::Sub => RedOp::Sum,
        BinOp::Mul => RedOp::Product,
        BinOp::BitOr => RedOp::BitOr,
        BinOp::BitAnd => RedOp::BitAnd,
        BinOp::BitXor => RedOp::BitXor,
        _ => return None,
    })
}

fn index_range(index: &[Expr], fallback: Span) -> Range {
    match (index.first(), index.last()) {
        (Some(first), Some(last)) => (span_range(first).0, span_range(last).1),
        _ => (fallback, fallback),
    }
}

impl<'k> Visitor<'k> for Collect<'k> {
    fn stmt(&mut self, s: &'k Stmt) {
        match &s.kind {
            StmtKind::Assign { place: Place::Index { array, index }, value, .. } if is_outside(self.k, *array) => {
                self.writes.push(ArrayAccess { array: *array, index, range: index_range(index, s.span) });
                index.iter().for_each(|e| self.expr(e));
                self.expr(value);
            }
            StmtKind::Assign { place: Place::Var(var), op, value } if is_outside(self.k, *var) => {
                let range = (s.span, span_range(value).1);
                self.update(*var, *op, value, range);
            }
            StmtKind::Let { var, init: Expr { kind: ExprKind::Var(p), .. }, .. }
                if !self.k.var(*var).mutable && self.prange.contains(p) =>
            {
                self.aliases.push((*var, *p));
            }
            StmtKind::Return(_) => self.errors.push((
                (s.span, s.span),
                "`return` inside a prange loop: its iterations run in any order, even at once, so one cannot end \
                 the function for the others\nhelp: record the result in a reduction (e.g. `found |= hit;`) and \
                 return after the loop"
                    .to_owned(),
            )),
            StmtKind::Break(j) => self.jump(s, "break", j.target),
            StmtKind::Continue(j) => self.jump(s, "continue", j.target),
            StmtKind::Opaque(o) => self.opaques.push((o, s.span)),
            _ => walk::walk_stmt(self, s),
        }
    }

    fn expr(&mut self, e: &'k Expr) {
        match &e.kind {
            ExprKind::Var(v) if is_outside(self.k, *v) => self.var_reads.push((*v, e.span)),
            ExprKind::Index { array, index } if is_outside(self.k, *array) => {
                self.reads.push(ArrayAccess { array: *array, index, range: index_range(index, e.span) });
                index.iter().for_each(|i| self.expr(i));
            }
            ExprKind::Try(_) => self.errors.push((
                (e.span, e.span),
                "`?` inside a prange loop: one iteration cannot end the function for the others\nhelp: count or \
                 flag failures in a reduction (e.g. `failed |= r.is_err();`) and return the error after the loop"
                    .to_owned(),
            )),
            ExprKind::Opaque(o) => self.opaques.push((o, e.span)),
            _ => walk::walk_expr(self, e),
        }
    }
}
