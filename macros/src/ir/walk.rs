//! A read-only traversal of the IR; analyses override the nodes they care about.

use super::{Block, Expr, ExprKind, LoopKind, Place, RangeAdapter, Stmt, StmtKind};

pub trait Visitor<'a> {
    fn block(&mut self, b: &'a Block) {
        walk_block(self, b);
    }
    fn stmt(&mut self, s: &'a Stmt) {
        walk_stmt(self, s);
    }
    fn expr(&mut self, e: &'a Expr) {
        walk_expr(self, e);
    }
}

pub fn walk_block<'a, V: Visitor<'a> + ?Sized>(v: &mut V, b: &'a Block) {
    for s in &b.stmts {
        v.stmt(s);
    }
    if let Some(t) = &b.tail {
        v.expr(t);
    }
}

pub fn walk_stmt<'a, V: Visitor<'a> + ?Sized>(v: &mut V, s: &'a Stmt) {
    match &s.kind {
        StmtKind::Let { init, .. } => v.expr(init),
        StmtKind::Assign { place, value, .. } => {
            if let Place::Index { index, .. } = place {
                index.iter().for_each(|e| v.expr(e));
            }
            v.expr(value);
        }
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) => v.expr(e),
        StmtKind::Loop(l) => {
            match &l.kind {
                LoopKind::For { range, .. } => {
                    v.expr(&range.start);
                    v.expr(&range.end);
                    for a in &range.adapters {
                        if let RangeAdapter::StepBy(k) = a {
                            v.expr(k);
                        }
                    }
                }
                LoopKind::While { cond } => v.expr(cond),
                LoopKind::Infinite => {}
            }
            v.block(&l.body);
        }
        StmtKind::Return(None) | StmtKind::Break(_) | StmtKind::Continue(_) | StmtKind::Opaque(_) => {}
    }
}

pub fn walk_expr<'a, V: Visitor<'a> + ?Sized>(v: &mut V, e: &'a Expr) {
    match &e.kind {
        ExprKind::Lit(_) | ExprKind::Var(_) | ExprKind::Const(_) | ExprKind::Len { .. } | ExprKind::Opaque(_) => {}
        ExprKind::Unary { arg, .. } | ExprKind::Cast { arg, .. } | ExprKind::Try(arg) => v.expr(arg),
        ExprKind::Binary { lhs, rhs, .. } => {
            v.expr(lhs);
            v.expr(rhs);
        }
        ExprKind::Math { args, .. } | ExprKind::Index { index: args, .. } => args.iter().for_each(|a| v.expr(a)),
        ExprKind::If { cond, then, els } => {
            v.expr(cond);
            v.block(then);
            if let Some(e) = els {
                v.expr(e);
            }
        }
        ExprKind::Block(b) => v.block(b),
        ExprKind::Match { scrutinee, arms } => {
            v.expr(scrutinee);
            for arm in arms {
                if let Some(g) = &arm.guard {
                    v.expr(g);
                }
                v.expr(&arm.body);
            }
        }
    }
}

/// The first and last token of an expression, for errors that cover all of it.
pub fn span_range(e: &Expr) -> (proc_macro2::Span, proc_macro2::Span) {
    (e.span, e.end)
}

/// Whether `s` contains (at any depth) a statement for which `pred` holds.
pub fn any_stmt(s: &Stmt, pred: impl Fn(&StmtKind) -> bool) -> bool {
    struct Find<P>(P, bool);
    impl<P: Fn(&StmtKind) -> bool> Visitor<'_> for Find<P> {
        fn stmt(&mut self, s: &Stmt) {
            self.1 |= (self.0)(&s.kind);
            walk_stmt(self, s);
        }
    }
    let mut f = Find(pred, false);
    f.stmt(s);
    f.1
}

/// Whether any statement of `b` (at any depth) satisfies `pred`.
pub fn any_stmt_in_block(b: &super::Block, pred: impl Fn(&StmtKind) -> bool) -> bool {
    b.stmts.iter().any(|s| any_stmt(s, &pred))
        || b.tail.as_ref().is_some_and(|t| {
            struct Find<'p, P>(&'p P, bool);
            impl<P: Fn(&StmtKind) -> bool> Visitor<'_> for Find<'_, P> {
                fn stmt(&mut self, s: &Stmt) {
                    self.1 |= (self.0)(&s.kind);
                    walk_stmt(self, s);
                }
            }
            let mut f = Find(&pred, false);
            f.expr(t);
            f.1
        })
}
