//! The last front-end step: every inference variable becomes a concrete type (rustc's
//! fallback applies to literals nothing pinned down).

use super::context::Lower;
use crate::ir::{Block, Expr, ExprKind, LoopKind, PrangeLoop, RangeAdapter, Stmt, StmtKind, Var};

/// The variables with their final types.
pub fn run(cx: &mut Lower<'_>) -> Vec<Var> {
    let mut vars = std::mem::take(&mut cx.vars);
    for v in &mut vars {
        let (ty, defaulted) = cx.infer.resolve(v.ty);
        v.ty = ty;
        v.defaulted = defaulted;
    }
    vars
}

pub fn resolve_loops(cx: &Lower<'_>, mut loops: Vec<PrangeLoop>) -> Vec<PrangeLoop> {
    for l in &mut loops {
        for d in &mut l.dims {
            expr(cx, &mut d.start);
            expr(cx, &mut d.end);
        }
        block(cx, &mut l.body);
    }
    loops
}

/// Resolves the types in a block lowered on its own (a math library function).
pub fn resolve_block(cx: &Lower<'_>, b: &mut Block) {
    block(cx, b);
}

fn block(cx: &Lower<'_>, b: &mut Block) {
    for s in &mut b.stmts {
        stmt(cx, s);
    }
    if let Some(t) = &mut b.tail {
        expr(cx, t);
    }
}

fn stmt(cx: &Lower<'_>, s: &mut Stmt) {
    match &mut s.kind {
        StmtKind::Let { init, .. } => expr(cx, init),
        StmtKind::Assign { place, value, .. } => {
            if let crate::ir::Place::Index { index, .. } = place {
                index.iter_mut().for_each(|e| expr(cx, e));
            }
            expr(cx, value);
        }
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) => expr(cx, e),
        StmtKind::Loop(l) => {
            match &mut l.kind {
                LoopKind::For { range, .. } => {
                    expr(cx, &mut range.start);
                    expr(cx, &mut range.end);
                    for a in &mut range.adapters {
                        if let RangeAdapter::StepBy(k) = a {
                            expr(cx, k);
                        }
                    }
                }
                LoopKind::While { cond } => expr(cx, cond),
                LoopKind::Infinite => {}
            }
            block(cx, &mut l.body);
        }
        StmtKind::Return(None) | StmtKind::Break(_) | StmtKind::Continue(_) | StmtKind::Opaque(_) => {}
    }
}

fn expr(cx: &Lower<'_>, e: &mut Expr) {
    e.ty = cx.infer.resolve(e.ty).0;
    match &mut e.kind {
        ExprKind::Lit(_) | ExprKind::Var(_) | ExprKind::Const(_) | ExprKind::Len { .. } | ExprKind::Opaque(_) => {}
        ExprKind::Unary { arg, .. } | ExprKind::Cast { arg, .. } | ExprKind::Try(arg) => expr(cx, arg),
        ExprKind::Binary { lhs, rhs, .. } => {
            expr(cx, lhs);
            expr(cx, rhs);
        }
        ExprKind::Math { args, .. } | ExprKind::Index { index: args, .. } => args.iter_mut().for_each(|a| expr(cx, a)),
        ExprKind::If { cond, then, els } => {
            expr(cx, cond);
            block(cx, then);
            if let Some(e) = els {
                expr(cx, e);
            }
        }
        ExprKind::Block(b) => block(cx, b),
        ExprKind::Match { scrutinee, arms } => {
            expr(cx, scrutinee);
            for arm in arms {
                if let Some(g) = &mut arm.guard {
                    expr(cx, g);
                }
                expr(cx, &mut arm.body);
            }
        }
    }
}
