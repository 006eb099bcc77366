//! The writer state of one function body ([`Fx`]): its registers, labels, the arrays and
//! variables it holds, and the output text. Statements and expressions are `emit.rs`, math
//! functions `math.rs`, both `impl Fx` blocks.

use super::regs::{Class, ConstValue, Reg, class, f32_imm, f64_imm, mov_type};
use crate::ir::{Kernel, Scalar, Ty, VarId};
use proc_macro2::Span;
use std::collections::{BTreeSet, HashMap};
use std::fmt::{Display, Write};

/// The registers of an array parameter: its global address and its lengths (one per axis).
#[derive(Clone)]
pub struct ArrayRegs {
    pub ptr: Reg,
    pub dims: Vec<Reg>,
    /// All elements (the product of `dims`).
    pub len: Reg,
    pub elem: Scalar,
    /// Not written by the loop: loads may go through the read-only cache.
    pub read_only: bool,
}

/// Writes the instructions of one function body.
pub struct Fx<'k> {
    pub k: &'k Kernel,
    pub fastmath: bool,
    pub out: String,
    pub counts: [u32; 5],
    pub vars: HashMap<VarId, Reg>,
    pub arrays: HashMap<VarId, ArrayRegs>,
    pub labels: u32,
    /// Serial loops around the code being written, outermost first: (continue, break) labels.
    pub loops: Vec<(String, String)>,
    /// Where `continue` of the prange loop goes.
    pub prange_continue: String,
    /// Where a failed check goes, with the error code in `fail_code`; `None` in device functions.
    pub fail: Option<(String, Reg)>,
    /// The device functions of the math library the body calls.
    pub calls: BTreeSet<&'static str>,
    pub errors: Vec<(Span, String)>,
    /// The prange loop's variables, and the accesses whose bounds the entry checked once before
    /// its loop: (array, axis, prange dimension, first and last offset), see `analyze::bounds`.
    pub prange: Vec<VarId>,
    pub hoisted: Vec<(VarId, usize, usize, i64, i64)>,
    /// Module-level `.const` tables the code reads (lookup tables of `match`), named from
    /// `table_prefix`, the function's or entry's name.
    pub tables: Vec<String>,
    pub table_prefix: String,
    /// In the copies of an unrolled loop body: the stores not yet written, with their arrays,
    /// and the arrays the current copy has stored to (see [`Fx::defer_stores`]).
    pub deferred: Option<Vec<(VarId, String)>>,
    pub stored_by_copy: Vec<VarId>,
}

impl<'k> Fx<'k> {
    pub fn new(k: &'k Kernel, fastmath: bool) -> Fx<'k> {
        Fx {
            k,
            fastmath,
            out: String::new(),
            counts: [0; 5],
            vars: HashMap::new(),
            arrays: HashMap::new(),
            labels: 0,
            loops: Vec::new(),
            prange_continue: String::new(),
            fail: None,
            calls: BTreeSet::new(),
            errors: Vec::new(),
            prange: Vec::new(),
            hoisted: Vec::new(),
            tables: Vec::new(),
            table_prefix: String::new(),
            deferred: None,
            stored_by_copy: Vec::new(),
        }
    }

    /// From now on, stores to global memory wait until [`Fx::flush_stores`], so that the loads of
    /// every copy of an unrolled body are issued before the first store: ptxas does not move a
    /// load above a store, which might alias it. Moving the stores down is sound because the
    /// copies are different iterations of a prange loop, which the race analysis proved touch
    /// different elements of every array they write (they read only their own element of it).
    /// Within one copy the order stays: a load from an array the copy has stored to flushes
    /// first, and so does any branch, label, call or other memory write.
    pub fn defer_stores(&mut self) {
        self.deferred = Some(Vec::new());
    }

    /// The next copy of the unrolled body begins.
    pub fn next_copy(&mut self) {
        self.stored_by_copy.clear();
    }

    /// Writes the deferred stores, in their order, and stops deferring.
    pub fn end_deferring(&mut self) {
        self.flush_stores();
        self.deferred = None;
    }

    pub fn flush_stores(&mut self) {
        if let Some(pending) = self.deferred.as_mut() {
            for (_, text) in pending.drain(..) {
                let _ = writeln!(self.out, "	{text};");
            }
        }
        self.stored_by_copy.clear();
    }

    /// `.reg` declarations for every register used.
    pub fn declarations(&self) -> String {
        let mut s = String::new();
        for c in Class::ALL {
            let n = self.counts[c.index()];
            if n > 0 {
                let _ = writeln!(s, "\t.reg {} {}<{}>;", c.decl(), c.prefix(), n);
            }
        }
        s
    }

    pub fn reg(&mut self, class: Class) -> Reg {
        let n = &mut self.counts[class.index()];
        *n += 1;
        Reg::numbered(class, *n - 1)
    }

    pub fn sreg(&mut self, s: Scalar) -> Reg {
        self.reg(class(s))
    }

    /// One instruction.
    pub fn ins(&mut self, text: impl Display) {
        if self.deferred.as_ref().is_some_and(|d| !d.is_empty()) {
            // the opcode, after any `@p` guard: control flow and memory writes keep their order
            let text = text.to_string();
            let word = text.split_whitespace().find(|w| !w.starts_with('@')).unwrap_or_default();
            let orders = ["bra", "ret", "exit", "call", "st.", "red.", "atom.", "bar.", "membar", "fence"];
            if orders.iter().any(|o| word.starts_with(o)) {
                self.flush_stores();
            }
            let _ = writeln!(self.out, "\t{text};");
            return;
        }
        let _ = writeln!(self.out, "\t{text};");
    }

    pub fn label(&mut self, name: &str) {
        self.flush_stores();
        let _ = writeln!(self.out, "{name}:");
    }

    pub fn fresh_label(&mut self, what: &str) -> String {
        self.labels += 1;
        format!("$L_{what}_{}", self.labels)
    }

    pub fn error(&mut self, span: Span, message: impl Display) {
        self.errors.push((span, message.to_string()));
    }

    /// The register that holds variable `v`.
    pub fn var(&mut self, v: VarId) -> Reg {
        if let Some(&r) = self.vars.get(&v) {
            return r;
        }
        let class = match self.k.var(v).ty {
            Ty::Scalar(s) => class(s),
            _ => Class::B64,
        };
        let r = self.reg(class);
        self.vars.insert(v, r);
        r
    }

    pub fn mov(&mut self, dst: Reg, src: Reg) {
        if dst != src {
            self.mov_always(dst, src);
        }
    }

    pub fn mov_always(&mut self, dst: Reg, src: Reg) {
        self.ins(format_args!("mov{} {dst}, {src}", mov_type(dst.class)));
    }

    /// `dst = src` between a float and an integer register of the same width.
    pub fn mov_bits(&mut self, dst: Reg, src: Reg) {
        let t = if matches!(dst.class, Class::B64 | Class::F64) { "b64" } else { "b32" };
        self.ins(format_args!("mov.{t} {dst}, {src}"));
    }

    /// A copy of `src` in a new register.
    pub fn copy(&mut self, src: Reg) -> Reg {
        let r = self.reg(src.class);
        self.mov(r, src);
        r
    }

    /// Goes to the failure path with `code` when `p` holds.
    pub fn fail_if(&mut self, p: Reg, code: u32) {
        let Some((label, code_reg)) = self.fail.clone() else { return };
        let skip = self.fresh_label("ok");
        self.ins(format_args!("@!{p} bra {skip}"));
        self.ins(format_args!("mov.u32 {code_reg}, {code}"));
        self.ins(format_args!("bra {label}"));
        self.label(&skip);
    }

    /// Brings a value held in a `.b32` register back to the range of a narrow integer type.
    pub fn normalize(&mut self, r: Reg, s: Scalar) {
        match s {
            Scalar::I8 => self.ins(format_args!("cvt.s32.s8 {r}, {r}")),
            Scalar::I16 => self.ins(format_args!("cvt.s32.s16 {r}, {r}")),
            Scalar::U8 => self.ins(format_args!("and.b32 {r}, {r}, 255")),
            Scalar::U16 => self.ins(format_args!("and.b32 {r}, {r}, 65535")),
            _ => {}
        }
    }

    /// A constant in a new register.
    pub fn constant(&mut self, s: Scalar, value: ConstValue) -> Reg {
        let r = self.sreg(s);
        match (s, value) {
            (Scalar::Bool, v) => {
                let on = matches!(v, ConstValue::Int(x) if x != 0);
                let t = self.reg(Class::B32);
                self.ins(format_args!("mov.b32 {t}, {}", u32::from(on)));
                self.ins(format_args!("setp.ne.b32 {r}, {t}, 0"));
            }
            (Scalar::F64, v) => self.ins(format_args!("mov.f64 {r}, {}", f64_imm(v.as_f64()))),
            (Scalar::F32, v) => self.ins(format_args!("mov.f32 {r}, {}", f32_imm(v.as_f32()))),
            (_, v) => {
                let bits = v.as_int_bits();
                if class(s) == Class::B64 {
                    self.ins(format_args!("mov.b64 {r}, {bits:#x}"));
                } else {
                    self.ins(format_args!("mov.b32 {r}, {:#x}", bits as u32));
                    self.normalize(r, s);
                }
            }
        }
        r
    }
}
