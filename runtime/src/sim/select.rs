//! Instruction selection: one PTX instruction to one [`Inst`], with its modifiers and operand
//! types checked. Anything outside the subset is an `Unsupported` error naming the opcode or
//! the modifier.

use super::decode::{Class, FnCtx, ShflSite, Sym, Ty, immediate, ty_name};
use super::error::{Fault, SimErrorKind};
use super::inst::{Inst, Kind, Op, Round, cmp, special};
use super::parse::{Operand, RawInst};

/// An opcode split into its name and modifiers, each modifier consumed by the selector that
/// understands it; one left over is outside the subset.
struct Opcode<'s> {
    full: &'s str,
    name: &'s str,
    mods: Vec<(&'s str, bool)>,
}

impl<'s> Opcode<'s> {
    fn new(full: &'s str) -> Opcode<'s> {
        let mut it = full.split('.');
        let name = it.next().unwrap_or("");
        Opcode { full, name, mods: it.map(|m| (m, false)).collect() }
    }

    /// Consumes modifier `m`, if present.
    fn has(&mut self, m: &str) -> bool {
        self.any(&[m]).is_some()
    }

    /// Consumes the first modifier of `set` present.
    fn any(&mut self, set: &[&str]) -> Option<&'s str> {
        let (m, used) = self.mods.iter_mut().find(|(m, used)| !*used && set.contains(m))?;
        *used = true;
        Some(*m)
    }

    /// Consumes the type modifiers, in order.
    fn types(&mut self) -> Vec<Ty> {
        let mut out = Vec::new();
        for (m, used) in &mut self.mods {
            if let Some(t) = Ty::parse(m).filter(|_| !*used) {
                *used = true;
                out.push(t);
            }
        }
        out
    }

    fn ty(&mut self) -> Result<Ty, Fault> {
        match self.types().as_slice() {
            [t] => Ok(*t),
            _ => Err(parse(format!("`{}` needs exactly one type", self.full))),
        }
    }

    fn done(&self) -> Result<(), Fault> {
        match self.mods.iter().find(|(_, used)| !used) {
            Some((m, _)) => {
                Err(unsupported(format!("the modifier `.{m}` of `{}` is outside cuda_sim's subset", self.full)))
            }
            None => Ok(()),
        }
    }

    fn outside(&self) -> Fault {
        unsupported(format!("`{}` is outside cuda_sim's subset", self.full))
    }
}

/// Modifiers no instruction of the subset takes.
const OUTSIDE: [&str; 7] = ["v2", "v4", "v8", "ftz", "sat", "cc", "volatile"];

fn parse(message: String) -> Fault {
    Fault::new(SimErrorKind::Parse, message)
}

fn unsupported(message: String) -> Fault {
    Fault::new(SimErrorKind::Unsupported, message)
}

fn arity(ops: &[Operand<'_>], n: usize, oc: &Opcode<'_>) -> Result<(), Fault> {
    if ops.len() == n { Ok(()) } else { Err(parse(format!("`{}` takes {n} operands, not {}", oc.full, ops.len()))) }
}

fn inst(op: Op, d: u32, a: u32, b: u32, c: u32) -> Inst {
    Inst { d, a, b, c, ..Inst::new(op) }
}

/// `f32` or `f64` form, by `ty`.
fn by_float(ty: Ty, single: Op, double: Op) -> Op {
    if ty == Ty::F32 { single } else { double }
}

/// 32- or 64-bit form, by `ty`.
fn by_width(ty: Ty, narrow: Op, wide: Op) -> Op {
    if ty.bits() == 32 { narrow } else { wide }
}

/// Unsigned or signed, 32- or 64-bit form, by `ty`.
fn by_int(ty: Ty, ops: [Op; 4]) -> Op {
    let [u32_, s32, u64_, s64] = ops;
    match (ty.is_signed(), ty.bits()) {
        (false, 32) => u32_,
        (true, 32) => s32,
        (false, _) => u64_,
        (true, _) => s64,
    }
}

fn is_int(ty: Ty) -> bool {
    matches!(ty, Ty::U32 | Ty::S32 | Ty::U64 | Ty::S64)
}

fn is_bits(ty: Ty) -> bool {
    matches!(ty, Ty::B32 | Ty::B64)
}

impl<'s> FnCtx<'_, 's> {
    /// The instruction `raw`, the `pc`-th of the module.
    pub(super) fn select(&mut self, raw: &RawInst<'s>, pc: usize) -> Result<Inst, Fault> {
        let mut oc = Opcode::new(raw.opcode);
        if let Some((m, _)) = oc.mods.iter().find(|(m, _)| OUTSIDE.contains(m)) {
            return Err(unsupported(format!("the modifier `.{m}` of `{}` is outside cuda_sim's subset", oc.full)));
        }
        let ops = &raw.ops[..];
        let out = match oc.name {
            "mov" => self.mov(&mut oc, ops)?,
            "add" | "sub" | "mul" | "mad" | "fma" | "div" | "rem" | "min" | "max" | "copysign" => {
                self.arith(&mut oc, ops)?
            }
            "abs" | "neg" | "not" | "sqrt" | "rcp" | "sin" | "cos" | "ex2" | "lg2" => self.unary(&mut oc, ops)?,
            "and" | "or" | "xor" => self.logic(&mut oc, ops)?,
            "shl" | "shr" => self.shift(&mut oc, ops)?,
            "setp" => self.setp(&mut oc, ops)?,
            "selp" => self.selp(&mut oc, ops)?,
            "cvt" => self.cvt(&mut oc, ops)?,
            "cvta" => self.cvta(&mut oc, ops)?,
            "ld" | "st" => self.memory(&mut oc, ops)?,
            "bra" | "call" | "ret" | "exit" | "bar" | "barrier" | "shfl" => self.control(&mut oc, ops, pc)?,
            "red" if oc.full == "red.global.max.u32" => self.reduce(&mut oc, ops)?,
            "atom" | "red" => {
                return Err(unsupported(format!(
                    "`{}`: atomics are outside cuda_sim's subset, but for `red.global.max.u32` (the flag \
                     word of kernelize's checks)",
                    oc.full
                )));
            }
            _ => return Err(unsupported(format!("the instruction `{}` is outside cuda_sim's subset", oc.full))),
        };
        oc.done()?;
        Ok(out)
    }

    /// `op d, a, b[, c]` with `d` of `dty` and the sources of `ty`.
    fn ops(&mut self, op: Op, ops: &[Operand<'s>], dty: Ty, ty: Ty) -> Result<Inst, Fault> {
        let d = self.dst(&ops[0], dty)?;
        let mut s = [0u32; 3];
        for (slot, o) in s.iter_mut().zip(&ops[1..]) {
            *slot = self.src(o, ty)?;
        }
        Ok(inst(op, d, s[0], s[1], s[2]))
    }

    fn arith(&mut self, oc: &mut Opcode<'s>, ops: &[Operand<'s>]) -> Result<Inst, Fault> {
        use Op::*;
        let rn = oc.has("rn");
        let (lo, wide) = (oc.has("lo"), oc.has("wide"));
        let (full, approx) = (oc.has("full"), oc.has("approx"));
        let ty = oc.ty()?;
        let (f, i) = (ty.is_float(), is_int(ty));
        let plain = !(rn || lo || wide || full || approx);
        let float_rn = f && !(lo || wide || full || approx);
        let (op, dty, n) = match oc.name {
            "add" if float_rn => (by_float(ty, AddF32, AddF64), ty, 3),
            "sub" if float_rn => (by_float(ty, SubF32, SubF64), ty, 3),
            "mul" if float_rn => (by_float(ty, MulF32, MulF64), ty, 3),
            "fma" if float_rn && rn => (by_float(ty, FmaF32, FmaF64), ty, 4),
            "div" if f && rn && !(full || approx || lo || wide) => (by_float(ty, DivF32, DivF64), ty, 3),
            "div" if ty == Ty::F32 && !(rn || lo || wide) && (full != approx) => (DivApproxF32, ty, 3),
            "add" if i && plain => (by_width(ty, Add32, Add64), ty, 3),
            "sub" if i && plain => (by_width(ty, Sub32, Sub64), ty, 3),
            "mul" if i && lo && !(rn || wide || full || approx) => (by_width(ty, MulLo32, MulLo64), ty, 3),
            "mul" if i && wide && ty.bits() == 32 && !(rn || lo || full || approx) => {
                if ty.is_signed() {
                    (MulWideS32, Ty::S64, 3)
                } else {
                    (MulWideU32, Ty::U64, 3)
                }
            }
            "mad" if i && lo && !(rn || wide || full || approx) => (by_width(ty, MadLo32, MadLo64), ty, 4),
            "div" if i && plain => (by_int(ty, [DivU32, DivS32, DivU64, DivS64]), ty, 3),
            "rem" if i && plain => (by_int(ty, [RemU32, RemS32, RemU64, RemS64]), ty, 3),
            "min" if i && plain => (by_int(ty, [MinU32, MinS32, MinU64, MinS64]), ty, 3),
            "max" if i && plain => (by_int(ty, [MaxU32, MaxS32, MaxU64, MaxS64]), ty, 3),
            "min" if f && plain => (by_float(ty, MinF32, MinF64), ty, 3),
            "max" if f && plain => (by_float(ty, MaxF32, MaxF64), ty, 3),
            "copysign" if f && plain => (by_float(ty, CopysignF32, CopysignF64), ty, 3),
            _ => return Err(oc.outside()),
        };
        arity(ops, n, oc)?;
        self.ops(op, ops, dty, ty)
    }

    fn unary(&mut self, oc: &mut Opcode<'s>, ops: &[Operand<'s>]) -> Result<Inst, Fault> {
        use Op::*;
        let rn = oc.has("rn");
        let approx = oc.has("approx");
        let ty = oc.ty()?;
        let f = ty.is_float();
        let signed = matches!(ty, Ty::S32 | Ty::S64);
        let plain = !(rn || approx);
        let op = match oc.name {
            "abs" if f && plain => by_float(ty, AbsF32, AbsF64),
            "abs" if signed && plain => by_width(ty, AbsS32, AbsS64),
            "neg" if f && plain => by_float(ty, NegF32, NegF64),
            "neg" if signed && plain => by_width(ty, NegS32, NegS64),
            "not" if plain && ty == Ty::Pred => NotPred,
            "not" if plain && is_bits(ty) => by_width(ty, Not32, Not64),
            "sqrt" if f && rn && !approx => by_float(ty, SqrtF32, SqrtF64),
            "rcp" if f && rn && !approx => by_float(ty, RcpF32, RcpF64),
            "sin" if ty == Ty::F32 && approx && !rn => SinF32,
            "cos" if ty == Ty::F32 && approx && !rn => CosF32,
            "ex2" if ty == Ty::F32 && approx && !rn => Ex2F32,
            "lg2" if ty == Ty::F32 && approx && !rn => Lg2F32,
            _ => return Err(oc.outside()),
        };
        arity(ops, 2, oc)?;
        self.ops(op, ops, ty, ty)
    }

    fn logic(&mut self, oc: &mut Opcode<'s>, ops: &[Operand<'s>]) -> Result<Inst, Fault> {
        let ty = oc.ty()?;
        if !(is_bits(ty) || ty == Ty::Pred) {
            return Err(oc.outside());
        }
        let op = match oc.name {
            "and" => Op::And,
            "or" => Op::Or,
            _ => Op::Xor,
        };
        arity(ops, 3, oc)?;
        self.ops(op, ops, ty, ty)
    }

    fn shift(&mut self, oc: &mut Opcode<'s>, ops: &[Operand<'s>]) -> Result<Inst, Fault> {
        let ty = oc.ty()?;
        let op = match oc.name {
            "shl" if is_bits(ty) => by_width(ty, Op::Shl32, Op::Shl64),
            "shr" if is_bits(ty) || is_int(ty) => by_int(ty, [Op::ShrU32, Op::ShrS32, Op::ShrU64, Op::ShrS64]),
            _ => return Err(oc.outside()),
        };
        arity(ops, 3, oc)?;
        let d = self.dst(&ops[0], ty)?;
        let a = self.src(&ops[1], ty)?;
        let b = self.src(&ops[2], Ty::U32)?;
        Ok(inst(op, d, a, b, 0))
    }

    fn setp(&mut self, oc: &mut Opcode<'s>, ops: &[Operand<'s>]) -> Result<Inst, Fault> {
        const NAMES: [&str; 18] = [
            "eq", "ne", "lt", "le", "gt", "ge", "lo", "ls", "hi", "hs", "equ", "neu", "ltu", "leu", "gtu", "geu",
            "num", "nan",
        ];
        let name = oc.any(&NAMES).ok_or_else(|| parse(format!("`{}` needs a comparison", oc.full)))?;
        let ty = oc.ty()?;
        let (mask, float_only) = cmp::parse(name).ok_or_else(|| oc.outside())?;
        let unsigned_only = matches!(name, "lo" | "ls" | "hi" | "hs");
        let ok = match ty {
            Ty::F32 | Ty::F64 => !unsigned_only,
            Ty::B32 | Ty::B64 => matches!(name, "eq" | "ne"),
            Ty::U32 | Ty::U64 => !float_only,
            Ty::S32 | Ty::S64 => !float_only && !unsigned_only,
            _ => false,
        };
        if !ok {
            return Err(oc.outside());
        }
        arity(ops, 3, oc)?;
        let op = match ty {
            Ty::F32 => Op::SetpF32,
            Ty::F64 => Op::SetpF64,
            _ => by_int(ty, [Op::SetpU32, Op::SetpS32, Op::SetpU64, Op::SetpS64]),
        };
        let mut i = self.ops(op, ops, Ty::Pred, ty)?;
        i.aux = mask;
        Ok(i)
    }

    fn selp(&mut self, oc: &mut Opcode<'s>, ops: &[Operand<'s>]) -> Result<Inst, Fault> {
        let ty = oc.ty()?;
        if ty.bits() < 32 {
            return Err(oc.outside());
        }
        arity(ops, 4, oc)?;
        let d = self.dst(&ops[0], ty)?;
        let a = self.src(&ops[1], ty)?;
        let b = self.src(&ops[2], ty)?;
        let c = self.pred(&ops[3])?;
        Ok(inst(Op::Selp, d, a, b, c))
    }

    fn mov(&mut self, oc: &mut Opcode<'s>, ops: &[Operand<'s>]) -> Result<Inst, Fault> {
        let ty = oc.ty()?;
        if ty.bits() < 32 && ty != Ty::Pred {
            return Err(oc.outside());
        }
        arity(ops, 2, oc)?;
        match (&ops[0], &ops[1]) {
            (Operand::Vector(v), src) if ty == Ty::B64 && v.len() == 2 => {
                let (lo, hi) = (self.typed_reg(v[0], Ty::B32)?, self.typed_reg(v[1], Ty::B32)?);
                let a = self.src(src, Ty::B64)?;
                Ok(inst(Op::Split, lo, a, 0, hi))
            }
            (dst, Operand::Vector(v)) if ty == Ty::B64 && v.len() == 2 => {
                let d = self.dst(dst, Ty::B64)?;
                let (lo, hi) = (self.typed_reg(v[0], Ty::B32)?, self.typed_reg(v[1], Ty::B32)?);
                Ok(inst(Op::Join, d, lo, hi, 0))
            }
            (Operand::Vector(_), _) | (_, Operand::Vector(_)) => Err(oc.outside()),
            (dst, &Operand::Word { neg: false, text }) if special::parse(text).is_some() => {
                if !matches!(ty, Ty::U32 | Ty::B32 | Ty::S32) {
                    return Err(parse(format!("the special register `{text}` is a .u32")));
                }
                let d = self.dst(dst, ty)?;
                Ok(inst(Op::Special, d, special::parse(text).unwrap_or(0), 0, 0))
            }
            (dst, &Operand::Word { neg: false, text })
                if !text.starts_with(['%', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) =>
            {
                let sym = self.lookup(text).ok_or_else(|| parse(format!("no register or array is named `{text}`")))?;
                if !matches!(ty, Ty::U64 | Ty::B64 | Ty::S64) {
                    return Err(parse(format!("the address of `{text}` is 64 bits; use `mov.u64`")));
                }
                let d = self.dst(dst, ty)?;
                match sym {
                    Sym::Shared { addr } | Sym::Const { addr } => Ok(inst(Op::Mov, d, self.constant(addr)?, 0, 0)),
                    Sym::Local { offset } => {
                        let offset = u32::try_from(offset).map_err(|_| oc.outside())?;
                        Ok(inst(Op::LocalAddr, d, offset, 0, 0))
                    }
                    _ => Err(unsupported(format!("taking the address of `{text}` is outside cuda_sim's subset"))),
                }
            }
            _ => self.ops(Op::Mov, ops, ty, ty),
        }
    }

    fn cvt(&mut self, oc: &mut Opcode<'s>, ops: &[Operand<'s>]) -> Result<Inst, Fault> {
        let irnd = oc.any(&["rni", "rzi", "rmi", "rpi"]);
        let frnd = oc.any(&["rn", "rz", "rm", "rp"]);
        let [dty, aty] = oc.types()[..] else {
            return Err(parse(format!("`{}` needs a destination and a source type", oc.full)));
        };
        arity(ops, 2, oc)?;
        let int = |t: Ty| t.is_signed() || t.is_unsigned();
        let round = irnd.map(|r| match r {
            "rni" => Round::Nearest,
            "rzi" => Round::Zero,
            "rmi" => Round::Down,
            _ => Round::Up,
        });
        let (op, aux) = match (dty, aty) {
            (d, a) if int(d) && int(a) && irnd.is_none() && frnd.is_none() => {
                (Op::CvtInt, kind(a) as u8 | (kind(d) as u8) << 4)
            }
            (d, a) if d.is_float() && int(a) && irnd.is_none() && matches!(frnd, None | Some("rn")) => {
                (by_float(d, Op::CvtIntF32, Op::CvtIntF64), kind(a) as u8)
            }
            (d, a) if int(d) && a.is_float() && frnd.is_none() => {
                let r = round.ok_or_else(|| parse(format!("`{}` needs an integer rounding modifier", oc.full)))?;
                (by_float(a, Op::CvtF32Int, Op::CvtF64Int), kind(d) as u8 | (r as u8) << 4)
            }
            (Ty::F32, Ty::F64) if irnd.is_none() && matches!(frnd, None | Some("rn")) => (Op::CvtF64F32, 0),
            (Ty::F64, Ty::F32) if irnd.is_none() && frnd.is_none() => (Op::CvtF32F64, 0),
            (d, a) if d == a && d.is_float() && frnd.is_none() => match round {
                Some(r) => (by_float(d, Op::RoundF32, Op::RoundF64), r as u8),
                None => (Op::Mov, 0),
            },
            _ => return Err(oc.outside()),
        };
        let (d, class) = self.dst_class(&ops[0], dty)?;
        let a = self.src(&ops[1], aty)?;
        Ok(Inst { aux, ..inst(op, d, a, class.bits(), 0) })
    }

    /// A destination register and its class.
    fn dst_class(&self, op: &Operand<'s>, ty: Ty) -> Result<(u32, Class), Fault> {
        let d = self.dst(op, ty)?;
        let Operand::Word { text, .. } = op else { return Err(parse("the destination must be a register".into())) };
        Ok((d, self.reg(text)?.1))
    }

    fn cvta(&mut self, oc: &mut Opcode<'s>, ops: &[Operand<'s>]) -> Result<Inst, Fault> {
        oc.has("to");
        if !oc.has("global") {
            return Err(oc.outside());
        }
        let ty = oc.ty()?;
        if !matches!(ty, Ty::U64 | Ty::B64 | Ty::S64) {
            return Err(oc.outside());
        }
        arity(ops, 2, oc)?;
        self.ops(Op::Mov, ops, ty, ty)
    }

    fn memory(&mut self, oc: &mut Opcode<'s>, ops: &[Operand<'s>]) -> Result<Inst, Fault> {
        let load = oc.name == "ld";
        let space = oc.any(&["global", "shared", "param", "local", "const"]);
        if space == Some("const") && !load {
            return Err(parse(format!("`{}`: constant memory is read-only", oc.full)));
        }
        let nc = load && space == Some("global") && oc.has("nc");
        let ty = oc.ty()?;
        let kind = ty.kind().ok_or_else(|| parse(format!("`{}`: predicates are not in memory", oc.full)))?;
        arity(ops, 2, oc)?;
        let (addr, value) = if load { (&ops[1], &ops[0]) } else { (&ops[0], &ops[1]) };
        let &Operand::Addr { base, offset } = addr else {
            return Err(parse(format!("`{}` needs an address in brackets", oc.full)));
        };
        if space == Some("param") {
            return self.param_access(load, ty, base, offset, value);
        }
        let (op, base_slot, aux_flag, offset) = match (space, self.lookup(base)) {
            (Some("shared"), Some(Sym::Shared { addr })) => {
                (Op::LdShared, self.constant(addr.wrapping_add_signed(offset))?, 0, 0)
            }
            (Some("local"), Some(Sym::Local { offset: at })) => {
                (Op::LdLocal, self.constant(at.wrapping_add_signed(offset))?, 0x80, 0)
            }
            (Some("const"), Some(Sym::Const { addr })) => {
                (Op::LdConst, self.constant(addr.wrapping_add_signed(offset))?, 0, 0)
            }
            (_, Some(Sym::Shared { .. } | Sym::Local { .. } | Sym::Param { .. } | Sym::Const { .. })) => {
                return Err(parse(format!("`{base}` is not in the state space of `{}`", oc.full)));
            }
            (s, _) => {
                let op = match s {
                    Some("shared") => Op::LdShared,
                    Some("local") => Op::LdLocal,
                    Some("const") => Op::LdConst,
                    _ if nc => Op::LdGlobalNc,
                    _ => Op::LdGlobal,
                };
                let slot = if base.starts_with('%') {
                    self.typed_reg(base, Ty::U64)?
                } else {
                    self.constant(immediate(base, false, Ty::U64)?)?
                };
                (op, slot, 0, offset)
            }
        };
        let c = i32::try_from(offset).map_err(|_| parse("the address offset does not fit in 32 bits".into()))? as u32;
        let aux = kind as u8 | aux_flag;
        if load {
            let (d, class) = self.dst_class(value, ty)?;
            Ok(Inst { aux, ..inst(op, d, base_slot, class.bits(), c) })
        } else {
            let op = match op {
                Op::LdShared => Op::StShared,
                Op::LdLocal => Op::StLocal,
                _ => Op::StGlobal,
            };
            let v = self.src(value, ty)?;
            Ok(Inst { aux, ..inst(op, 0, base_slot, v, c) })
        }
    }

    /// `red.global.max.u32 [addr], v`.
    fn reduce(&mut self, oc: &mut Opcode<'s>, ops: &[Operand<'s>]) -> Result<Inst, Fault> {
        oc.has("global");
        oc.has("max");
        let ty = oc.ty()?;
        arity(ops, 2, oc)?;
        let &Operand::Addr { base, offset } = &ops[0] else {
            return Err(parse(format!("`{}` needs an address in brackets", oc.full)));
        };
        let slot = if base.starts_with('%') {
            self.typed_reg(base, Ty::U64)?
        } else {
            self.constant(immediate(base, false, Ty::U64)?)?
        };
        let c = i32::try_from(offset).map_err(|_| parse("the address offset does not fit in 32 bits".into()))? as u32;
        let v = self.src(&ops[1], ty)?;
        let kind = ty.kind().ok_or_else(|| parse(format!("`{}`: no memory type", oc.full)))?;
        Ok(Inst { aux: kind as u8, ..inst(Op::RedMaxGlobal, 0, slot, v, c) })
    }

    /// `ld.param`/`st.param`: a move from or to the parameter's slot.
    fn param_access(
        &mut self,
        load: bool,
        ty: Ty,
        base: &str,
        offset: i64,
        value: &Operand<'s>,
    ) -> Result<Inst, Fault> {
        let Some(Sym::Param { slot, ty: pty, writable }) = self.lookup(base) else {
            return Err(parse(format!("`{base}` is not a `.param` variable")));
        };
        if offset != 0 || ty.bits() != pty.bits() {
            return Err(unsupported(format!(
                "a .{} access at offset {offset} of the .{} parameter `{base}`: cuda_sim moves whole parameters only",
                ty_name(ty),
                ty_name(pty)
            )));
        }
        if load {
            Ok(inst(Op::Mov, self.dst(value, ty)?, slot, 0, 0))
        } else if !writable {
            Err(parse(format!("the entry parameter `{base}` is read-only")))
        } else {
            Ok(inst(Op::Mov, slot, self.src(value, ty)?, 0, 0))
        }
    }

    fn control(&mut self, oc: &mut Opcode<'s>, ops: &[Operand<'s>], pc: usize) -> Result<Inst, Fault> {
        match oc.name {
            "bra" => {
                oc.has("uni");
                arity(ops, 1, oc)?;
                let Operand::Word { neg: false, text } = ops[0] else { return Err(parse("expected a label".into())) };
                let target = self.labels.get(text).ok_or_else(|| parse(format!("no label is named `{text}`")))?;
                Ok(inst(Op::Bra, *target, 0, 0, 0))
            }
            "call" => {
                oc.has("uni");
                self.call(ops, pc)
            }
            "ret" => {
                oc.has("uni");
                arity(ops, 0, oc)?;
                Ok(Inst::new(Op::Ret))
            }
            "exit" => {
                arity(ops, 0, oc)?;
                Ok(Inst::new(Op::Exit))
            }
            "bar" | "barrier" => {
                if !oc.has("sync") {
                    return Err(oc.outside());
                }
                if oc.name == "barrier" {
                    oc.has("aligned");
                }
                if ops.len() != 1 {
                    return Err(unsupported(format!("`{}` with a thread count is outside cuda_sim's subset", oc.full)));
                }
                match ops[0] {
                    Operand::Word { neg: false, text } if immediate(text, false, Ty::U32).is_ok_and(|v| v < 16) => {
                        Ok(Inst::new(Op::Bar))
                    }
                    _ => Err(unsupported("a barrier number that is not an immediate 0..15".into())),
                }
            }
            _ => self.shfl(oc, ops),
        }
    }

    fn call(&mut self, ops: &[Operand<'s>], pc: usize) -> Result<Inst, Fault> {
        let empty = Vec::new();
        let (rets, name, args) = match ops {
            [Operand::List(r), Operand::Word { neg: false, text }, Operand::List(a)] => (r, *text, a),
            [Operand::List(r), Operand::Word { neg: false, text }] => (r, *text, &empty),
            [Operand::Word { neg: false, text }, Operand::List(a)] => (&empty, *text, a),
            [Operand::Word { neg: false, text }] => (&empty, *text, &empty),
            _ => return Err(unsupported("this form of `call` is outside cuda_sim's subset".into())),
        };
        if rets.len() > 1 {
            return Err(unsupported("a call with more than one return value".into()));
        }
        let param = |fx: &Self, p: &str| match fx.lookup(p) {
            Some(Sym::Param { slot, ty, .. }) => Ok((slot, ty)),
            _ => Err(parse(format!("`{p}` is not a `.param` variable"))),
        };
        let ret = rets.first().map(|r| param(self, r)).transpose()?;
        let args = args.iter().map(|a| param(self, a)).collect::<Result<Vec<_>, _>>()?;
        let site = self.add_call(name, ret, args, pc);
        Ok(inst(Op::Call, 0, site, 0, 0))
    }

    fn shfl(&mut self, oc: &mut Opcode<'s>, ops: &[Operand<'s>]) -> Result<Inst, Fault> {
        if !oc.has("sync") {
            return Err(unsupported(format!("`{}`: only `shfl.sync` is in cuda_sim's subset", oc.full)));
        }
        let mode = match oc.any(&["up", "down", "bfly", "idx"]) {
            Some("up") => 0,
            Some("down") => 1,
            Some("bfly") => 2,
            Some(_) => 3,
            None => return Err(parse(format!("`{}` needs a mode", oc.full))),
        };
        if oc.ty()? != Ty::B32 {
            return Err(oc.outside());
        }
        arity(ops, 5, oc)?;
        let (d, p) = match ops[0] {
            Operand::Pair(d, p) => (self.typed_reg(d, Ty::B32)?, Some(self.pred_reg(p)?)),
            ref o => (self.dst(o, Ty::B32)?, None),
        };
        let (a, b, c) = (self.src(&ops[1], Ty::B32)?, self.src(&ops[2], Ty::B32)?, self.src(&ops[3], Ty::B32)?);
        match ops[4] {
            Operand::Word { neg, text } if immediate(text, neg, Ty::B32).is_ok_and(|m| m == 0xffff_ffff) => {}
            _ => return Err(unsupported("a `shfl.sync` member mask other than the full warp (-1)".into())),
        }
        let site = self.add_shfl(ShflSite { mode, d, p, a, b, c });
        Ok(inst(Op::Shfl, 0, site, 0, 0))
    }
}

/// The kind of an integer type (`cvt`'s operands).
fn kind(t: Ty) -> Kind {
    t.kind().unwrap_or(Kind::U64)
}
