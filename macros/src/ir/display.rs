//! The IR as text: the golden-file form (with types) and the form used in messages
//! (as the user wrote it).

use super::{
    Annotation, Arm, Block, CallStyle, Expr, ExprKind, Kernel, LenDim, Lit, LoopKind, Pattern, Place, PrangeLoop,
    RangeAdapter, Stmt, StmtKind, Ty, UnOp,
};
use std::fmt::Write;

/// An expression as the user would write it, for messages.
pub fn expr_text(k: &Kernel, e: &Expr) -> String {
    let mut p = Printer { k, out: String::new(), typed: false, indent: 0 };
    p.expr(e, 0);
    p.out
}

/// The whole kernel, with types, for golden files.
#[cfg_attr(not(test), allow(dead_code, reason = "used by the golden tests"))]
pub fn kernel_text(k: &Kernel) -> String {
    let mut p = Printer { k, out: String::new(), typed: true, indent: 0 };
    p.kernel();
    p.out
}

struct Printer<'k> {
    k: &'k Kernel,
    out: String,
    typed: bool,
    indent: usize,
}

impl Printer<'_> {
    #[cfg_attr(not(test), allow(dead_code, reason = "used by the golden tests"))]
    fn kernel(&mut self) {
        let k = self.k;
        let params: Vec<String> = k.params.iter().map(|p| format!("{}: {}", p.name, k.var(p.var).ty)).collect();
        let _ = writeln!(self.out, "kernel {}({})", k.name, params.join(", "));
        let _ = writeln!(self.out, "vars:");
        for (n, v) in k.vars.iter().enumerate() {
            let m = if v.mutable { " mut" } else { "" };
            let d = if v.defaulted { " (fallback)" } else { "" };
            let _ = writeln!(self.out, "  v{n} {}: {}{d} {:?}{m}", v.name, v.ty, v.origin);
        }
        for (n, l) in k.loops.iter().enumerate() {
            self.prange(n, l);
        }
    }

    #[cfg_attr(not(test), allow(dead_code, reason = "used by the golden tests"))]
    fn prange(&mut self, n: usize, l: &PrangeLoop) {
        let _ = write!(self.out, "loop {n} (line {}): for ", l.line);
        for (d, dim) in l.dims.iter().enumerate() {
            if d > 0 {
                self.out.push_str(", ");
            }
            let v = self.k.var(dim.var);
            let _ = write!(self.out, "{}: {} in ", v.name, v.ty);
            self.expr(&dim.start, 0);
            self.out.push_str("..");
            self.expr(&dim.end, 0);
        }
        self.out.push(' ');
        self.block(&l.body);
        self.out.push('\n');
    }

    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
    }

    fn block(&mut self, b: &Block) {
        self.out.push('{');
        self.indent += 1;
        for s in &b.stmts {
            self.newline();
            self.stmt(s);
        }
        if let Some(t) = &b.tail {
            self.newline();
            self.expr(t, 0);
        }
        self.indent -= 1;
        if !b.stmts.is_empty() || b.tail.is_some() {
            self.newline();
        }
        self.out.push('}');
    }

    fn name(&self, v: super::VarId) -> &str {
        &self.k.var(v).name
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Let { var, annotation, init } => {
                let v = self.k.var(*var);
                let m = if v.mutable { "mut " } else { "" };
                let _ = write!(self.out, "let {m}{}", v.name);
                if self.typed {
                    let _ = write!(self.out, ": {}", v.ty);
                } else if let Some(Annotation::Scalar(s)) = annotation {
                    let _ = write!(self.out, ": {s}");
                }
                self.out.push_str(" = ");
                self.expr(init, 0);
                self.out.push(';');
            }
            StmtKind::Assign { place, op, value } => {
                self.place(place);
                let op = op.map_or("", |o| o.symbol());
                let _ = write!(self.out, " {op}= ");
                self.expr(value, 0);
                self.out.push(';');
            }
            StmtKind::Expr(e) => {
                self.expr(e, 0);
                self.out.push(';');
            }
            StmtKind::Loop(l) => {
                if let Some(label) = &l.label {
                    let _ = write!(self.out, "'{label}: ");
                }
                match &l.kind {
                    LoopKind::For { var, range } => {
                        let name = var.map_or("_", |v| self.name(v)).to_owned();
                        let _ = write!(self.out, "for {name} in ");
                        self.expr(&range.start, 0);
                        self.out.push_str(if range.inclusive { "..=" } else { ".." });
                        self.expr(&range.end, 0);
                        for a in &range.adapters {
                            match a {
                                RangeAdapter::Rev => self.out.push_str(" rev"),
                                RangeAdapter::StepBy(k) => {
                                    self.out.push_str(" step ");
                                    self.expr(k, 0);
                                }
                            }
                        }
                    }
                    LoopKind::While { cond } => {
                        self.out.push_str("while ");
                        self.expr(cond, 0);
                    }
                    LoopKind::Infinite => self.out.push_str("loop"),
                }
                self.out.push(' ');
                self.block(&l.body);
            }
            StmtKind::Break(j) | StmtKind::Continue(j) => {
                let word = if matches!(s.kind, StmtKind::Break(_)) { "break" } else { "continue" };
                self.out.push_str(word);
                if let Some(l) = &j.label {
                    let _ = write!(self.out, " '{l}");
                }
                if self.typed {
                    let _ = write!(self.out, " /* {:?} */", j.target);
                }
                self.out.push(';');
            }
            StmtKind::Return(v) => {
                self.out.push_str("return");
                if let Some(v) = v {
                    self.out.push(' ');
                    self.expr(v, 0);
                }
                self.out.push(';');
            }
            StmtKind::Opaque(o) => {
                let _ = write!(self.out, "opaque({}) {{ {} }}", o.what, o.tokens);
            }
        }
    }

    fn place(&mut self, p: &Place) {
        match p {
            Place::Var(v) => self.out.push_str(self.k.var(*v).name.as_str()),
            Place::Index { array, index } => self.index(*array, index),
        }
    }

    fn index(&mut self, array: super::VarId, index: &[Expr]) {
        let name = self.name(array).to_owned();
        self.out.push_str(&name);
        self.out.push('[');
        if index.len() > 1 {
            self.out.push('[');
        }
        for (n, e) in index.iter().enumerate() {
            if n > 0 {
                self.out.push_str(", ");
            }
            self.expr(e, 0);
        }
        if index.len() > 1 {
            self.out.push(']');
        }
        self.out.push(']');
    }

    fn lit(&mut self, l: &Lit, ty: Ty) {
        self.out.push_str(&l.text);
        if self.typed
            && !l.suffixed
            && let Ty::Scalar(s) = ty
            && s != super::Scalar::Bool
        {
            let _ = write!(self.out, "_{s}");
        }
    }

    /// Writes `e`, in parentheses when it binds looser than `min` (a binary precedence).
    fn expr(&mut self, e: &Expr, min: u8) {
        match &e.kind {
            ExprKind::Lit(l) => self.lit(l, e.ty),
            ExprKind::Var(v) => self.out.push_str(self.k.var(*v).name.as_str()),
            ExprKind::Const(c) => {
                let path = if c.in_consts { "::consts::" } else { "::" };
                let _ = write!(self.out, "{}{path}{}", c.ty, c.name);
            }
            ExprKind::Unary { op, arg } => {
                self.out.push_str(if *op == UnOp::Neg { "-" } else { "!" });
                self.expr(arg, 12);
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let p = op.precedence();
                let paren = p < min;
                if paren {
                    self.out.push('(');
                }
                self.expr(lhs, if op.is_comparison() { p + 1 } else { p });
                let _ = write!(self.out, " {} ", op.symbol());
                self.expr(rhs, p + 1);
                if paren {
                    self.out.push(')');
                }
            }
            ExprKind::Cast { arg, to } => {
                let paren = 11 < min;
                if paren {
                    self.out.push('(');
                }
                self.expr(arg, 11);
                let _ = write!(self.out, " as {to}");
                if paren {
                    self.out.push(')');
                }
            }
            ExprKind::Math { func, args, style } => match style {
                CallStyle::Method => {
                    if let Some((recv, rest)) = args.split_first() {
                        self.expr(recv, 13);
                        let _ = write!(self.out, ".{}(", func.name());
                        self.list(rest);
                        self.out.push(')');
                    }
                }
                CallStyle::Path(s) => {
                    let _ = write!(self.out, "{s}::{}(", func.name());
                    self.list(args);
                    self.out.push(')');
                }
            },
            ExprKind::Index { array, index } => self.index(*array, index),
            ExprKind::Len { array, dim } => {
                let name = self.name(*array).to_owned();
                let _ = match dim {
                    LenDim::All => write!(self.out, "{name}.len()"),
                    LenDim::Axis(0) => write!(self.out, "{name}.nrows()"),
                    LenDim::Axis(_) => write!(self.out, "{name}.ncols()"),
                    LenDim::Shape(k) => write!(self.out, "{name}.shape()[{k}]"),
                };
            }
            ExprKind::If { cond, then, els } => {
                self.out.push_str("if ");
                self.expr(cond, 0);
                self.out.push(' ');
                self.block(then);
                if let Some(e) = els {
                    self.out.push_str(" else ");
                    self.expr(e, 0);
                }
            }
            ExprKind::Block(b) => self.block(b),
            ExprKind::Match { scrutinee, arms } => {
                self.out.push_str("match ");
                self.expr(scrutinee, 0);
                self.out.push_str(" {");
                self.indent += 1;
                for arm in arms {
                    self.newline();
                    self.arm(arm);
                }
                self.indent -= 1;
                self.newline();
                self.out.push('}');
            }
            ExprKind::Try(inner) => {
                self.expr(inner, 13);
                self.out.push('?');
            }
            ExprKind::Opaque(o) => {
                if self.typed {
                    let _ = write!(self.out, "opaque({}) {{ {} }}", o.what, o.tokens);
                } else {
                    let _ = write!(self.out, "{}", o.tokens);
                }
            }
        }
    }

    fn list(&mut self, args: &[Expr]) {
        for (n, a) in args.iter().enumerate() {
            if n > 0 {
                self.out.push_str(", ");
            }
            self.expr(a, 0);
        }
    }

    fn arm(&mut self, arm: &Arm) {
        for (n, p) in arm.pats.iter().enumerate() {
            if n > 0 {
                self.out.push_str(" | ");
            }
            match p {
                Pattern::Wild => self.out.push('_'),
                Pattern::Bind(v) => self.out.push_str(self.k.var(*v).name.as_str()),
                Pattern::Lit { negative, lit } => {
                    let _ = write!(self.out, "{}{}", if *negative { "-" } else { "" }, lit.text);
                }
                Pattern::Range { lo, hi, inclusive } => {
                    if let Some((neg, l)) = lo {
                        let _ = write!(self.out, "{}{}", if *neg { "-" } else { "" }, l.text);
                    }
                    self.out.push_str(if *inclusive { "..=" } else { ".." });
                    if let Some((neg, l)) = hi {
                        let _ = write!(self.out, "{}{}", if *neg { "-" } else { "" }, l.text);
                    }
                }
            }
        }
        if let Some(g) = &arm.guard {
            self.out.push_str(" if ");
            self.expr(g, 0);
        }
        self.out.push_str(" => ");
        self.expr(&arm.body, 0);
        self.out.push(',');
    }
}
