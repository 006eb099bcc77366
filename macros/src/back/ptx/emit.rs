//! Instruction selection: kernel-language IR to PTX text, one function body at a time.
//!
//! Every value lives in a virtual register of one of five classes (`.pred`, `.b32`, `.b64`,
//! `.f32`, `.f64`); ptxas allocates the real ones. Integers narrower than 32 bits are held in
//! `.b32` registers and brought back to their range after each operation, so they wrap as
//! Rust's release builds do. Each IR variable owns one register (the IR declares every
//! variable once), and reading a variable copies it, so an expression that changes a variable
//! after reading it sees the old value, as in Rust.
//!
//! Without `fastmath`, float `add`/`sub`/`mul` carry `.rn`, which forbids ptxas from fusing
//! them into FMA: the GPU then computes what `serial` computes, operation for operation.

use super::fx::Fx;
use super::regs::*;
use crate::ir::{
    Arm, BinOp, Block, Expr, ExprKind, Jump, JumpTarget, LenDim, Lit, LitValue, Loop, LoopKind, Pattern, Place,
    RangeAdapter, Scalar, Stmt, StmtKind, Ty, UnOp, VarId,
};
use proc_macro2::Span;
use std::fmt::Write;

impl<'k> Fx<'k> {
    // ---- statements ----

    /// The statements of `b`, and the value of its tail expression.
    pub fn block(&mut self, b: &Block) -> Option<Reg> {
        for s in &b.stmts {
            self.stmt(s);
        }
        b.tail.as_ref().and_then(|t| self.expr(t))
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Let { var, init, .. } => {
                if let Some(v) = self.expr(init) {
                    let dst = self.var(*var);
                    self.mov(dst, v);
                }
            }
            StmtKind::Assign { place: Place::Var(v), op, value } => {
                let Some(val) = self.expr(value) else { return };
                let dst = self.var(*v);
                match op {
                    Some(op) => {
                        let s = scalar(&self.k.var(*v).ty);
                        let r = self.binary(*op, s, dst, val, value.span);
                        self.mov(dst, r);
                    }
                    None => self.mov(dst, val),
                }
            }
            StmtKind::Assign { place: Place::Index { array, index }, op, value } => {
                let Some(val) = self.expr(value) else { return };
                let (addr, elem) = self.address(*array, index);
                let val = match op {
                    Some(op) => {
                        let old = self.load(*array, addr, elem);
                        self.binary(*op, elem, old, val, value.span)
                    }
                    None => val,
                };
                self.store(*array, addr, elem, val);
            }
            StmtKind::Expr(e) => {
                self.expr(e);
            }
            StmtKind::Loop(l) => self.serial_loop(l),
            StmtKind::Break(j) => self.jump(j, s.span, false),
            StmtKind::Continue(j) => self.jump(j, s.span, true),
            StmtKind::Return(_) => self.error(s.span, "`return` inside a prange loop is not supported by `cuda`"),
            StmtKind::Opaque(o) => {
                let what = o.what.clone();
                self.error(s.span, format_args!("`cuda` cannot compile {what} inside a prange loop"));
            }
        }
    }

    fn jump(&mut self, j: &Jump, span: Span, is_continue: bool) {
        let target = match j.target {
            JumpTarget::Prange if is_continue => Some(self.prange_continue.clone()),
            JumpTarget::Serial(depth) => {
                self.loops.get(depth).map(|(c, b)| if is_continue { c.clone() } else { b.clone() })
            }
            _ => None,
        };
        match target {
            Some(t) if !t.is_empty() => self.ins(format_args!("bra {t}")),
            _ => self.error(span, "this `break`/`continue` has no meaning in a GPU thread's iteration"),
        }
    }

    fn serial_loop(&mut self, l: &Loop) {
        let (head, cont, brk) = (self.fresh_label("head"), self.fresh_label("next"), self.fresh_label("exit"));
        match &l.kind {
            LoopKind::Infinite => {
                self.label(&head);
                self.loops.push((head.clone(), brk.clone()));
                self.block(&l.body);
                self.loops.pop();
                self.ins(format_args!("bra {head}"));
            }
            LoopKind::While { cond } => {
                self.label(&head);
                if let Some(c) = self.expr(cond) {
                    self.ins(format_args!("@!{c} bra {brk}"));
                }
                self.loops.push((head.clone(), brk.clone()));
                self.block(&l.body);
                self.loops.pop();
                self.ins(format_args!("bra {head}"));
            }
            LoopKind::For { var, range } => {
                let (Some(start), Some(end)) = (self.expr(&range.start), self.expr(&range.end)) else { return };
                let s = scalar(&range.start.ty);
                let Some(plan) = self.range_plan(s, start, end, range.inclusive, &range.adapters, range.start.span)
                else {
                    return;
                };
                let (t, cur) = (self.reg(Class::B64), self.copy(plan.first));
                self.ins(format_args!("mov.u64 {t}, 0"));
                self.label(&head);
                let p = self.reg(Class::Pred);
                self.ins(format_args!("setp.ge.u64 {p}, {t}, {}", plan.count));
                self.ins(format_args!("@{p} bra {brk}"));
                if let Some(v) = var {
                    let dst = self.var(*v);
                    self.narrow(dst, cur, s);
                }
                self.loops.push((cont.clone(), brk.clone()));
                self.block(&l.body);
                self.loops.pop();
                self.label(&cont);
                self.ins(format_args!("add.u64 {t}, {t}, 1"));
                self.ins(format_args!("add.u64 {cur}, {cur}, {}", plan.delta));
                self.ins(format_args!("bra {head}"));
            }
        }
        self.label(&brk);
    }

    /// The trip count, first value and step of `start..end` with its adapters, in 64 bits.
    fn range_plan(
        &mut self,
        s: Scalar,
        start: Reg,
        end: Reg,
        inclusive: bool,
        adapters: &[RangeAdapter],
        span: Span,
    ) -> Option<RangePlan> {
        let (a, b) = (self.widen(start, s), self.widen(end, s));
        let count = self.reg(Class::B64);
        let p = self.reg(Class::Pred);
        let cmp = if inclusive { "ge" } else { "gt" };
        let t = if s.is_signed() { "s64" } else { "u64" };
        self.ins(format_args!("setp.{cmp}.{t} {p}, {b}, {a}"));
        self.ins(format_args!("sub.u64 {count}, {b}, {a}"));
        if inclusive {
            self.ins(format_args!("add.u64 {count}, {count}, 1"));
        }
        self.ins(format_args!("selp.u64 {count}, {count}, 0, {p}"));
        let last = |fx: &mut Fx<'_>, count: Reg, step: Reg| {
            // first + (count - 1) * step, for count > 0
            let l = fx.reg(Class::B64);
            fx.ins(format_args!("sub.u64 {l}, {count}, 1"));
            fx.ins(format_args!("mad.lo.u64 {l}, {l}, {step}, {a}"));
            l
        };
        let one = self.reg(Class::B64);
        self.ins(format_args!("mov.u64 {one}, 1"));
        let stepped = |fx: &mut Fx<'_>, k: &Expr, count: Reg| -> Option<(Reg, Reg)> {
            let kr = fx.expr(k)?;
            let k64 = fx.widen(kr, scalar(&k.ty));
            let z = fx.reg(Class::Pred);
            fx.ins(format_args!("setp.eq.u64 {z}, {k64}, 0"));
            fx.fail_if(z, FAIL_ARITH);
            // ceil(count / k) without overflow: count == 0 ? 0 : (count - 1) / k + 1
            let n = fx.reg(Class::B64);
            let e = fx.reg(Class::Pred);
            fx.ins(format_args!("setp.eq.u64 {e}, {count}, 0"));
            fx.ins(format_args!("sub.u64 {n}, {count}, 1"));
            fx.ins(format_args!("div.u64 {n}, {n}, {k64}"));
            fx.ins(format_args!("add.u64 {n}, {n}, 1"));
            fx.ins(format_args!("selp.u64 {n}, 0, {n}, {e}"));
            Some((n, k64))
        };
        let neg = |fx: &mut Fx<'_>, r: Reg| {
            let n = fx.reg(Class::B64);
            fx.ins(format_args!("neg.s64 {n}, {r}"));
            n
        };
        let plan = match adapters {
            [] => RangePlan { count, first: a, delta: one },
            [RangeAdapter::Rev] => {
                let first = last(self, count, one);
                RangePlan { count, first, delta: neg(self, one) }
            }
            [RangeAdapter::StepBy(k)] => {
                let (n, k) = stepped(self, k, count)?;
                RangePlan { count: n, first: a, delta: k }
            }
            [RangeAdapter::Rev, RangeAdapter::StepBy(k)] => {
                let first = last(self, count, one);
                let (n, k) = stepped(self, k, count)?;
                RangePlan { count: n, first, delta: neg(self, k) }
            }
            [RangeAdapter::StepBy(k), RangeAdapter::Rev] => {
                let (n, k) = stepped(self, k, count)?;
                let first = last(self, n, k);
                RangePlan { count: n, first, delta: neg(self, k) }
            }
            _ => {
                self.error(
                    span,
                    "`cuda` supports serial ranges with at most `.rev()` and one `.step_by(k)`; \
                     write the loop with a `while` and a counter",
                );
                return None;
            }
        };
        Some(plan)
    }

    /// An integer in a 64-bit register, sign- or zero-extended as its type says.
    pub fn widen(&mut self, r: Reg, s: Scalar) -> Reg {
        if r.class == Class::B64 {
            return r;
        }
        let w = self.reg(Class::B64);
        let t = if s.is_signed() { "s64.s32" } else { "u64.u32" };
        self.ins(format_args!("cvt.{t} {w}, {r}"));
        w
    }

    /// Writes the 64-bit integer `src` into `dst`, truncated to the integer type `s`.
    pub fn narrow(&mut self, dst: Reg, src: Reg, s: Scalar) {
        if dst.class == Class::B64 {
            self.mov(dst, src);
        } else {
            self.ins(format_args!("cvt.u32.u64 {dst}, {src}"));
            self.normalize(dst, s);
        }
    }

    // ---- expressions ----

    /// The value of `e` in a register, or `None` for `()`.
    pub fn expr(&mut self, e: &Expr) -> Option<Reg> {
        let s = match e.ty {
            Ty::Scalar(s) => Some(s),
            Ty::Unknown => {
                self.error(
                    e.span,
                    "`cuda` needs the type of this value, which kernelize does not know (it comes from a \
                     pattern or from code outside the kernel language); give it one where it is declared, \
                     e.g. `let n: usize = ...;`",
                );
                return None;
            }
            _ => None,
        };
        match &e.kind {
            ExprKind::Lit(l) => Some(self.literal(l, s?)),
            ExprKind::Var(v) if s.is_none() => {
                let name = self.k.var(*v).name.clone();
                self.error(
                    e.span,
                    format_args!("`cuda` cannot use the array `{name}` as a value; index it: `{name}[i]`"),
                );
                None
            }
            ExprKind::Var(v) => {
                let r = self.var(*v);
                Some(self.copy(r))
            }
            ExprKind::Const(c) => Some(self.constant(c.ty, const_value(*c))),
            ExprKind::Unary { op, arg } => {
                let a = self.expr(arg)?;
                Some(self.unary(*op, s?, a))
            }
            ExprKind::Binary { op: op @ (BinOp::And | BinOp::Or), lhs, rhs } => Some(self.logic(*op, lhs, rhs)),
            ExprKind::Binary { op, lhs, rhs } => {
                let (a, b) = (self.expr(lhs)?, self.expr(rhs)?);
                Some(self.binary(*op, scalar(&lhs.ty), a, b, e.span))
            }
            ExprKind::Cast { arg, to } => {
                let a = self.expr(arg)?;
                Some(self.cast(a, scalar(&arg.ty), *to))
            }
            ExprKind::Math { func, args, .. } => {
                let regs: Option<Vec<Reg>> = args.iter().map(|a| self.expr(a)).collect();
                let types: Vec<Scalar> = args.iter().map(|a| scalar(&a.ty)).collect();
                Some(self.math(*func, &regs?, &types, s?, e.span))
            }
            ExprKind::Index { array, index } => {
                let (addr, elem) = self.address(*array, index);
                Some(self.load(*array, addr, elem))
            }
            ExprKind::Len { array, dim } => {
                let a = self.arrays.get(array).cloned()?;
                let r = match dim {
                    LenDim::All => a.len,
                    LenDim::Axis(d) | LenDim::Shape(d) => *a.dims.get(usize::from(*d)).unwrap_or(&a.len),
                };
                Some(self.copy(r))
            }
            ExprKind::If { cond, then, els } => self.if_expr(cond, then, els.as_deref(), s),
            ExprKind::Block(b) => self.block(b),
            ExprKind::Match { scrutinee, arms } => self.match_expr(scrutinee, arms, s),
            ExprKind::Try(_) => {
                self.error(e.span, "`?` inside a prange loop is not supported by `cuda`");
                None
            }
            ExprKind::Opaque(o) => {
                let what = o.what.clone();
                self.error(e.span, format_args!("`cuda` cannot compile {what} inside a prange loop"));
                None
            }
        }
    }

    fn literal(&mut self, l: &Lit, s: Scalar) -> Reg {
        let value = match l.value {
            LitValue::Bool(b) => ConstValue::Int(i128::from(b)),
            LitValue::Int(v) => ConstValue::Int(v as i128),
            LitValue::Float(v) if s == Scalar::F32 => {
                // Parse the text as f32: rounding the f64 value again could differ.
                let text: String = l.text.chars().filter(|c| *c != '_').collect();
                let text = text.trim_end_matches("f32");
                ConstValue::Float(text.parse::<f32>().map_or(v, f64::from))
            }
            LitValue::Float(v) => ConstValue::Float(v),
        };
        self.constant(s, value)
    }

    fn unary(&mut self, op: UnOp, s: Scalar, a: Reg) -> Reg {
        let r = self.sreg(s);
        match (op, s) {
            (UnOp::Neg, _) if s.is_float() => self.ins(format_args!("neg.{} {r}, {a}", arith(s))),
            (UnOp::Neg, _) => {
                self.ins(format_args!("neg.{} {r}, {a}", int_signed(s)));
                self.normalize(r, s);
            }
            (UnOp::Not, Scalar::Bool) => self.ins(format_args!("not.pred {r}, {a}")),
            (UnOp::Not, _) => {
                self.ins(format_args!("not.{} {r}, {a}", bit_type(r.class)));
                self.normalize(r, s);
            }
        }
        r
    }

    /// `&&` and `||`, which evaluate their right side only when needed.
    fn logic(&mut self, op: BinOp, lhs: &Expr, rhs: &Expr) -> Reg {
        let r = self.reg(Class::Pred);
        let done = self.fresh_label("logic");
        if let Some(a) = self.expr(lhs) {
            self.mov(r, a);
        }
        let skip = if op == BinOp::And { format!("@!{r}") } else { format!("@{r}") };
        self.ins(format_args!("{skip} bra {done}"));
        if let Some(b) = self.expr(rhs) {
            self.mov(r, b);
        }
        self.label(&done);
        r
    }

    /// `a op b` for operands of type `s` (the left operand's type; a shift's right operand may
    /// differ).
    pub fn binary(&mut self, op: BinOp, s: Scalar, a: Reg, b: Reg, span: Span) -> Reg {
        if op.is_comparison() {
            return self.compare(op, s, a, b);
        }
        if s == Scalar::Bool {
            let r = self.reg(Class::Pred);
            let ins = match op {
                BinOp::BitAnd => "and",
                BinOp::BitOr => "or",
                _ => "xor",
            };
            self.ins(format_args!("{ins}.pred {r}, {a}, {b}"));
            return r;
        }
        let r = self.sreg(s);
        if s.is_float() {
            let t = arith(s);
            let rn = if self.fastmath { "" } else { ".rn" };
            match op {
                BinOp::Add => self.ins(format_args!("add{rn}.{t} {r}, {a}, {b}")),
                BinOp::Sub => self.ins(format_args!("sub{rn}.{t} {r}, {a}, {b}")),
                BinOp::Mul => self.ins(format_args!("mul{rn}.{t} {r}, {a}, {b}")),
                BinOp::Div if self.fastmath && s == Scalar::F32 => self.ins(format_args!("div.full.f32 {r}, {a}, {b}")),
                BinOp::Div => self.ins(format_args!("div.rn.{t} {r}, {a}, {b}")),
                _ => self.error(
                    span,
                    format_args!(
                        "`cuda` does not support `{}` on floats; for `%` write `a - (a / b).trunc() * b` \
                         if its rounding is acceptable, or compute it outside the prange loop",
                        op.symbol()
                    ),
                ),
            }
            return r;
        }
        let (t, bt) = (arith(s), bit_type(r.class));
        match op {
            BinOp::Add => self.ins(format_args!("add.{t} {r}, {a}, {b}")),
            BinOp::Sub => self.ins(format_args!("sub.{t} {r}, {a}, {b}")),
            BinOp::Mul => self.ins(format_args!("mul.lo.{t} {r}, {a}, {b}")),
            BinOp::Div | BinOp::Rem => {
                self.check_division(s, a, b);
                let ins = if op == BinOp::Div { "div" } else { "rem" };
                self.ins(format_args!("{ins}.{t} {r}, {a}, {b}"));
            }
            BinOp::BitAnd => self.ins(format_args!("and.{bt} {r}, {a}, {b}")),
            BinOp::BitOr => self.ins(format_args!("or.{bt} {r}, {a}, {b}")),
            BinOp::BitXor => self.ins(format_args!("xor.{bt} {r}, {a}, {b}")),
            BinOp::Shl | BinOp::Shr => {
                // Rust's release builds mask the shift amount to the type's width.
                let amount = self.reg(Class::B32);
                if b.class == Class::B64 {
                    self.ins(format_args!("cvt.u32.u64 {amount}, {b}"));
                } else {
                    self.mov(amount, b);
                }
                self.ins(format_args!("and.b32 {amount}, {amount}, {}", bits(s) - 1));
                let ins = if op == BinOp::Shl { format!("shl.{bt}") } else { format!("shr.{t}") };
                self.ins(format_args!("{ins} {r}, {a}, {amount}"));
            }
            _ => unreachable_op(self, span, op),
        }
        self.normalize(r, s);
        r
    }

    /// Division by zero, and `MIN / -1` for signed types, fail as Rust's would panic.
    fn check_division(&mut self, s: Scalar, a: Reg, b: Reg) {
        let t = bit_type(b.class);
        let z = self.reg(Class::Pred);
        self.ins(format_args!("setp.eq.{t} {z}, {b}, 0"));
        if s.is_signed() {
            let min: u64 = match s {
                Scalar::I8 => (-128i32) as u32 as u64,
                Scalar::I16 => (-32768i32) as u32 as u64,
                Scalar::I32 => i32::MIN as u32 as u64,
                _ => i64::MIN as u64,
            };
            let (m, n) = (self.reg(Class::Pred), self.reg(Class::Pred));
            let minus_one = if b.class == Class::B64 { u64::MAX } else { u64::from(u32::MAX) };
            self.ins(format_args!("setp.eq.{t} {m}, {a}, {min:#x}"));
            self.ins(format_args!("setp.eq.{t} {n}, {b}, {minus_one:#x}"));
            self.ins(format_args!("and.pred {m}, {m}, {n}"));
            self.ins(format_args!("or.pred {z}, {z}, {m}"));
        }
        self.fail_if(z, FAIL_ARITH);
    }

    fn compare(&mut self, op: BinOp, s: Scalar, a: Reg, b: Reg) -> Reg {
        let r = self.reg(Class::Pred);
        if s == Scalar::Bool && matches!(op, BinOp::Eq | BinOp::Ne) {
            self.ins(format_args!("xor.pred {r}, {a}, {b}"));
            if op == BinOp::Eq {
                self.ins(format_args!("not.pred {r}, {r}"));
            }
            return r;
        }
        if s == Scalar::Bool {
            // `false < true`, as in Rust: compare as 0 and 1.
            let (x, y) = (self.reg(Class::B32), self.reg(Class::B32));
            self.ins(format_args!("selp.u32 {x}, 1, 0, {a}"));
            self.ins(format_args!("selp.u32 {y}, 1, 0, {b}"));
            return self.compare(op, Scalar::U32, x, y);
        }
        let cmp = match op {
            BinOp::Eq => "eq",
            // Rust's `!=` is true when either side is NaN: the unordered comparison.
            BinOp::Ne if s.is_float() => "neu",
            BinOp::Ne => "ne",
            BinOp::Lt => "lt",
            BinOp::Le => "le",
            BinOp::Gt => "gt",
            _ => "ge",
        };
        self.ins(format_args!("setp.{cmp}.{} {r}, {a}, {b}", arith(s)));
        r
    }

    /// `a as to`, with Rust's semantics: float-to-integer saturates and sends NaN to 0,
    /// integer-to-integer truncates or extends by the source's sign.
    pub fn cast(&mut self, a: Reg, from: Scalar, to: Scalar) -> Reg {
        let r = self.sreg(to);
        match (from.is_float(), to.is_float()) {
            _ if from == to => self.mov(r, a),
            (true, true) => {
                let rn = if to == Scalar::F32 { ".rn" } else { "" };
                self.ins(format_args!("cvt{rn}.{}.{} {r}, {a}", arith(to), arith(from)));
            }
            (false, true) if from == Scalar::Bool => {
                let t = self.reg(Class::B32);
                self.ins(format_args!("selp.u32 {t}, 1, 0, {a}"));
                self.ins(format_args!("cvt.rn.{}.u32 {r}, {t}", arith(to)));
            }
            (false, true) => self.ins(format_args!("cvt.rn.{}.{} {r}, {a}", arith(to), int_source(from, a))),
            (true, false) => self.float_to_int(r, a, from, to),
            (false, false) if from == Scalar::Bool => {
                let t = if r.class == Class::B64 { "u64" } else { "u32" };
                self.ins(format_args!("selp.{t} {r}, 1, 0, {a}"));
            }
            (false, false) => match (a.class, r.class) {
                (Class::B64, Class::B64) => self.mov(r, a),
                (Class::B64, _) => {
                    self.ins(format_args!("cvt.u32.u64 {r}, {a}"));
                    self.normalize(r, to);
                }
                (_, Class::B64) => {
                    let t = if from.is_signed() { "s64.s32" } else { "u64.u32" };
                    self.ins(format_args!("cvt.{t} {r}, {a}"));
                }
                _ => {
                    self.mov(r, a);
                    self.normalize(r, to);
                }
            },
        }
        r
    }

    fn float_to_int(&mut self, r: Reg, a: Reg, from: Scalar, to: Scalar) {
        let f = arith(from);
        // Narrow types are clamped here; 32- and 64-bit conversions saturate in `cvt` itself
        // (PTX ISA, `cvt`: float-to-integer conversions clamp to the destination's range).
        let src = match to {
            Scalar::I8 | Scalar::I16 | Scalar::U8 | Scalar::U16 => {
                let (lo, hi) = match to {
                    Scalar::I8 => (-128.0, 127.0),
                    Scalar::I16 => (-32768.0, 32767.0),
                    Scalar::U8 => (0.0, 255.0),
                    _ => (0.0, 65535.0),
                };
                let c = self.reg(a.class);
                let imm = |v: f64| if from == Scalar::F32 { f32_imm(v as f32) } else { f64_imm(v) };
                self.ins(format_args!("max.{f} {c}, {a}, {}", imm(lo)));
                self.ins(format_args!("min.{f} {c}, {c}, {}", imm(hi)));
                c
            }
            _ => a,
        };
        let dst = match to {
            Scalar::I8 | Scalar::I16 | Scalar::I32 => "s32",
            Scalar::U8 | Scalar::U16 | Scalar::U32 => "u32",
            Scalar::I64 | Scalar::Isize => "s64",
            _ => "u64",
        };
        self.ins(format_args!("cvt.rzi.{dst}.{f} {r}, {src}"));
        let nan = self.reg(Class::Pred);
        self.ins(format_args!("setp.nan.{f} {nan}, {a}, {a}"));
        self.ins(format_args!("selp.{dst} {r}, 0, {r}, {nan}"));
    }

    /// The address of `array[index]`, after checking the index against the array's lengths.
    fn address(&mut self, array: VarId, index: &[Expr]) -> (Reg, Scalar) {
        let Some(a) = self.arrays.get(&array).cloned() else {
            let span = index.first().map_or_else(Span::call_site, |e| e.span);
            let name = self.k.var(array).name.clone();
            self.error(
                span,
                format_args!(
                    "`cuda` copies `{name}` to the GPU and needs its type, which kernelize does not know (it is \
                     made by code outside the kernel language); declare it with its type, e.g. \
                     `let mut {name}: Array1<f64> = ...;`"
                ),
            );
            return (self.reg(Class::B64), Scalar::U8);
        };
        let mut linear: Option<Reg> = None;
        for (axis, e) in index.iter().enumerate() {
            let Some(i) = self.expr(e) else { continue };
            let i = self.widen(i, scalar(&e.ty));
            let dim = *a.dims.get(axis).unwrap_or(&a.len);
            // An index `p + c` within the offsets checked before the loop needs no check here.
            let checked = crate::analyze::bounds_affine(&self.prange, e).is_some_and(|(d, c)| {
                self.hoisted
                    .iter()
                    .any(|&(h, ax, hd, first, last)| h == array && ax == axis && hd == d && first <= c && c <= last)
            });
            if !checked {
                let out = self.reg(Class::Pred);
                self.ins(format_args!("setp.ge.u64 {out}, {i}, {dim}"));
                self.fail_if(out, FAIL_BOUNDS);
            }
            linear = Some(match linear {
                None => i,
                Some(prev) => {
                    let l = self.reg(Class::B64);
                    self.ins(format_args!("mad.lo.u64 {l}, {prev}, {dim}, {i}"));
                    l
                }
            });
        }
        let addr = self.reg(Class::B64);
        match linear {
            Some(l) => self.ins(format_args!("mad.lo.u64 {addr}, {l}, {}, {}", a.elem.bytes(), a.ptr)),
            None => self.mov(addr, a.ptr),
        }
        (addr, a.elem)
    }

    fn load(&mut self, array: VarId, addr: Reg, elem: Scalar) -> Reg {
        if self.stored_by_copy.contains(&array) {
            self.flush_stores();
        }
        // Read-only arrays through the non-coherent cache, except in the copies of an unrolled
        // body: ptxas keeps plain loads above the (deferred) stores, so all copies' loads are in
        // flight together, but schedules `.nc` loads freely, and then waits on the first load
        // before issuing the third (sm_90 SASS, `sass.rs`). On sm_70 and later both go through
        // the same L1 and texture cache.
        let nc =
            if self.deferred.is_none() && self.arrays.get(&array).is_some_and(|a| a.read_only) { ".nc" } else { "" };
        let r = self.sreg(elem);
        if elem == Scalar::Bool {
            let t = self.reg(Class::B32);
            self.ins(format_args!("ld.global{nc}.u8 {t}, [{addr}]"));
            self.ins(format_args!("setp.ne.b32 {r}, {t}, 0"));
        } else {
            self.ins(format_args!("ld.global{nc}.{} {r}, [{addr}]", mem(elem)));
        }
        r
    }

    fn store(&mut self, array: VarId, addr: Reg, elem: Scalar, v: Reg) {
        let text = if elem == Scalar::Bool {
            let t = self.reg(Class::B32);
            self.ins(format_args!("selp.u32 {t}, 1, 0, {v}"));
            format!("st.global.u8 [{addr}], {t}")
        } else if self.deferred.is_some() {
            // the value as it is now: a variable's register may be written again before the store
            let t = self.reg(v.class);
            self.mov_always(t, v);
            format!("st.global.{} [{addr}], {t}", mem(elem))
        } else {
            format!("st.global.{} [{addr}], {v}", mem(elem))
        };
        match self.deferred.as_mut() {
            Some(pending) => {
                pending.push((array, text));
                self.stored_by_copy.push(array);
            }
            None => self.ins(text),
        }
    }

    fn if_expr(&mut self, cond: &Expr, then: &Block, els: Option<&Expr>, s: Option<Scalar>) -> Option<Reg> {
        let c = self.expr(cond)?;
        let result = s.map(|s| self.sreg(s));
        let (else_l, end_l) = (self.fresh_label("else"), self.fresh_label("endif"));
        self.ins(format_args!("@!{c} bra {else_l}"));
        let v = self.block(then);
        if let (Some(r), Some(v)) = (result, v) {
            self.mov(r, v);
        }
        self.ins(format_args!("bra {end_l}"));
        self.label(&else_l);
        if let Some(e) = els {
            let v = self.expr(e);
            if let (Some(r), Some(v)) = (result, v) {
                self.mov(r, v);
            }
        }
        self.label(&end_l);
        result
    }

    fn match_expr(&mut self, scrutinee: &Expr, arms: &[Arm], s: Option<Scalar>) -> Option<Reg> {
        let x = self.expr(scrutinee)?;
        let st = scalar(&scrutinee.ty);
        if let Some(s) = s
            && let Some((values, default)) = lookup_table(arms, s)
        {
            return Some(self.table_lookup(x, st, s, &values, default));
        }
        let result = s.map(|s| self.sreg(s));
        let end = self.fresh_label("endmatch");
        for arm in arms {
            let next = self.fresh_label("arm");
            let hit = self.reg(Class::Pred);
            let t = self.reg(Class::B32);
            self.ins(format_args!("mov.b32 {t}, 0"));
            self.ins(format_args!("setp.ne.b32 {hit}, {t}, 0"));
            for p in &arm.pats {
                let m = self.pattern(p, x, st);
                self.ins(format_args!("or.pred {hit}, {hit}, {m}"));
            }
            self.ins(format_args!("@!{hit} bra {next}"));
            if let Some(g) = &arm.guard
                && let Some(g) = self.expr(g)
            {
                self.ins(format_args!("@!{g} bra {next}"));
            }
            let v = self.expr(&arm.body);
            if let (Some(r), Some(v)) = (result, v) {
                self.mov(r, v);
            }
            self.ins(format_args!("bra {end}"));
            self.label(&next);
        }
        self.label(&end);
        result
    }

    /// `values[x]` (or `default` when `x` is past the table) from a `.const` table in constant
    /// memory: a `match` of integer literals to integer literals (the math library's tables)
    /// would otherwise be a compare and a branch per arm.
    fn table_lookup(&mut self, x: Reg, st: Scalar, s: Scalar, values: &[u64], default: u64) -> Reg {
        let wide = class(s) == Class::B64;
        let (bits, size) = if wide { (64, 8) } else { (32, 4) };
        // One table per distinct contents: a loop unrolled four times reads the same one.
        let list: Vec<String> = values.iter().map(|v| format!("{v:#x}")).collect();
        let (head, contents) =
            (format!(".const .align {size} .b{bits} "), format!("[{}] = {{ {} }};", values.len(), list.join(", ")));
        let known = self.tables.iter().position(|t| t.starts_with(&head) && t.ends_with(&contents));
        let index = known.unwrap_or(self.tables.len());
        let name = format!("{}_tbl{index}", self.table_prefix);
        if known.is_none() {
            self.tables.push(format!("{head}{name}{contents}"));
        }
        // A negative key, as unsigned, is past the table too. A 32-bit key is compared and scaled
        // as 32 bits (one instruction each in SASS, where 64-bit ones take two).
        let (past, base, addr) = (self.reg(Class::Pred), self.reg(Class::B64), self.reg(Class::B64));
        let r = self.sreg(s);
        self.ins(format_args!("mov.u64 {base}, {name}"));
        if st.bytes() == 4 {
            self.ins(format_args!("setp.ge.u32 {past}, {x}, {}", values.len()));
            let offset = self.reg(Class::B64);
            self.ins(format_args!("mul.wide.u32 {offset}, {x}, {size}"));
            self.ins(format_args!("add.s64 {addr}, {offset}, {base}"));
        } else {
            let i = self.widen(x, st);
            self.ins(format_args!("setp.ge.u64 {past}, {i}, {}", values.len()));
            self.ins(format_args!("mad.lo.u64 {addr}, {i}, {size}, {base}"));
        }
        self.ins(format_args!("@!{past} ld.const.b{bits} {r}, [{addr}]"));
        self.ins(format_args!("@{past} mov.b{bits} {r}, {default:#x}"));
        r
    }

    fn pattern(&mut self, p: &Pattern, x: Reg, s: Scalar) -> Reg {
        let lit = |fx: &mut Fx<'_>, negative: bool, l: &Lit| {
            let v = match l.value {
                LitValue::Int(v) if negative => ConstValue::Int(-(v as i128)),
                LitValue::Int(v) => ConstValue::Int(v as i128),
                LitValue::Bool(b) => ConstValue::Int(i128::from(b)),
                LitValue::Float(f) => ConstValue::Float(f),
            };
            fx.constant(s, v)
        };
        let r = self.reg(Class::Pred);
        match p {
            Pattern::Wild => {
                let t = self.reg(Class::B32);
                self.ins(format_args!("mov.b32 {t}, 1"));
                self.ins(format_args!("setp.ne.b32 {r}, {t}, 0"));
            }
            Pattern::Bind(v) => {
                let dst = self.var(*v);
                self.mov(dst, x);
                let t = self.reg(Class::B32);
                self.ins(format_args!("mov.b32 {t}, 1"));
                self.ins(format_args!("setp.ne.b32 {r}, {t}, 0"));
            }
            Pattern::Lit { negative, lit: l } => {
                let c = lit(self, *negative, l);
                return self.compare(BinOp::Eq, s, x, c);
            }
            Pattern::Range { lo, hi, inclusive } => {
                let t = self.reg(Class::B32);
                self.ins(format_args!("mov.b32 {t}, 1"));
                self.ins(format_args!("setp.ne.b32 {r}, {t}, 0"));
                if let Some((neg, l)) = lo {
                    let c = lit(self, *neg, l);
                    let m = self.compare(BinOp::Ge, s, x, c);
                    self.ins(format_args!("and.pred {r}, {r}, {m}"));
                }
                if let Some((neg, l)) = hi {
                    let c = lit(self, *neg, l);
                    let m = self.compare(if *inclusive { BinOp::Le } else { BinOp::Lt }, s, x, c);
                    self.ins(format_args!("and.pred {r}, {r}, {m}"));
                }
            }
        }
        r
    }

    /// Calls a device function of the math library: `call.uni (ret), name, (args)`.
    pub fn call(&mut self, name: &'static str, args: &[(Reg, Scalar)], ret: Scalar) -> Reg {
        self.flush_stores();
        self.calls.insert(name);
        let r = self.sreg(ret);
        let mut text = String::from("\t{\n");
        let _ = writeln!(text, "\t.param .{} __kz_ret;", param_type(ret));
        for (k, (a, s)) in args.iter().enumerate() {
            let _ = writeln!(text, "\t.param .{} __kz_arg{k};", param_type(*s));
            let _ = writeln!(text, "\tst.param.{} [__kz_arg{k}], {};", param_type(*s), a);
        }
        let names: Vec<String> = (0..args.len()).map(|k| format!("__kz_arg{k}")).collect();
        let _ = writeln!(text, "\tcall (__kz_ret), {}, ({});", device_name(name), names.join(", "));
        let _ = writeln!(text, "\tld.param.{} {r}, [__kz_ret];", param_type(ret));
        text.push_str("\t}\n");
        self.out.push_str(&text);
        r
    }
}

struct RangePlan {
    count: Reg,
    first: Reg,
    delta: Reg,
}

#[cold]
fn unreachable_op(fx: &mut Fx<'_>, span: Span, op: BinOp) {
    fx.error(span, format_args!("internal: `{}` reached integer arithmetic", op.symbol()));
}

/// A `match` that is a lookup table: arms of non-negative integer literals to integer literals
/// of `s` (a 32- or 64-bit integer type), then `_ => literal`, at least 8 keys below 256: the
/// table from key 0 (missing keys take the default) and the default.
fn lookup_table(arms: &[Arm], s: Scalar) -> Option<(Vec<u64>, u64)> {
    if s.is_float() || s == Scalar::Bool || !matches!(class(s), Class::B64 | Class::B32) {
        return None;
    }
    let literal = |e: &Expr| match &e.kind {
        ExprKind::Lit(Lit { value: LitValue::Int(v), .. }) => u64::try_from(*v).ok(),
        _ => None,
    };
    let (last, keyed) = arms.split_last()?;
    if last.guard.is_some() || !matches!(last.pats.as_slice(), [Pattern::Wild]) {
        return None;
    }
    let default = literal(&last.body)?;
    let mut entries = Vec::new();
    for arm in keyed {
        let value = literal(&arm.body)?;
        if arm.guard.is_some() || arm.pats.is_empty() {
            return None;
        }
        for p in &arm.pats {
            let Pattern::Lit { negative: false, lit: Lit { value: LitValue::Int(k), .. } } = p else { return None };
            entries.push((usize::try_from(*k).ok().filter(|&k| k < 256)?, value));
        }
    }
    if entries.len() < 8 {
        return None;
    }
    let len = entries.iter().map(|&(k, _)| k + 1).max()?;
    let mut values = vec![default; len];
    // The first arm that names a key wins, as in the match.
    for &(k, v) in entries.iter().rev() {
        values[k] = v;
    }
    Some((values, default))
}
