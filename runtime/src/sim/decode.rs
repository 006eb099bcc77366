//! From syntax to the decoded program: names resolved to frame slots, immediates to constant
//! slots, labels to instruction indices, calls to functions. Instruction selection proper is
//! in `select`.
//!
//! A function's frame holds its parameters, its registers, the `.param` variables its call
//! sites declare, and its constants, each given a slot in the order it is declared or met. A
//! thread copies the function's `template` (zeros, and the constants' values) to start a
//! frame.

use super::error::{Fault, SimError, SimErrorKind};
use super::inst::{Inst, Kind, Op};
use super::lex::{FloatLit, parse_float, parse_int};
use super::parse::{self, FuncAst, Operand, Space, Stmt, StmtKind};
use std::collections::HashMap;

/// Slots of one frame at most (registers, parameters and constants).
const MAX_FRAME: usize = 1 << 20;
/// Shared memory one entry may declare (48 KiB, the static limit of every GPU).
const MAX_SHARED: u64 = 48 * 1024;
/// Local memory one function may declare.
const MAX_LOCAL: u64 = 512 * 1024;
/// The first shared address, and the unused bytes between two shared arrays.
const SHARED_GAP: u64 = 256;

/// The decoded module.
pub(super) struct Code {
    /// Constant memory: the module's `.const` tables, from [`CONST_BASE`].
    pub consts: Vec<u8>,
    pub insts: Vec<Inst>,
    /// Per instruction: its line (1-based) and text, for messages.
    pub src: Vec<(u32, Box<str>)>,
    pub funcs: Vec<Func>,
    pub calls: Vec<CallSite>,
    pub shfls: Vec<ShflSite>,
}

/// A function with a body: an entry or a device function.
pub(super) struct Func {
    pub name: String,
    pub entry: bool,
    /// Its first instruction.
    pub start: u32,
    /// The initial frame.
    pub template: Vec<u64>,
    /// Its parameters' slots and types, in order.
    pub params: Vec<(u32, Ty)>,
    pub ret: Option<(u32, Ty)>,
    /// Its `.shared` arrays (entries only), and the size of the shared window they span.
    pub shared: Vec<SharedVar>,
    pub shared_bytes: u64,
    /// Bytes of its `.local` arrays.
    pub local_bytes: u64,
}

pub(super) struct SharedVar {
    pub name: String,
    pub addr: u64,
    pub bytes: u64,
}

/// A `call`: the callee, and the caller's slots of the return value and arguments.
pub(super) struct CallSite {
    pub func: u32,
    pub ret: Option<u32>,
    pub args: Vec<u32>,
}

/// A `shfl.sync`: mode (0 up, 1 down, 2 bfly, 3 idx) and the slots of its operands.
pub(super) struct ShflSite {
    pub mode: u8,
    pub d: u32,
    pub p: Option<u32>,
    pub a: u32,
    pub b: u32,
    pub c: u32,
}

/// A type of an instruction, a parameter or a register declaration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ty {
    B8,
    B16,
    B32,
    B64,
    U8,
    U16,
    U32,
    U64,
    S8,
    S16,
    S32,
    S64,
    F32,
    F64,
    Pred,
}

impl Ty {
    pub(super) fn parse(s: &str) -> Option<Ty> {
        Some(match s {
            "b8" => Ty::B8,
            "b16" => Ty::B16,
            "b32" => Ty::B32,
            "b64" => Ty::B64,
            "u8" => Ty::U8,
            "u16" => Ty::U16,
            "u32" => Ty::U32,
            "u64" => Ty::U64,
            "s8" => Ty::S8,
            "s16" => Ty::S16,
            "s32" => Ty::S32,
            "s64" => Ty::S64,
            "f32" => Ty::F32,
            "f64" => Ty::F64,
            "pred" => Ty::Pred,
            _ => return None,
        })
    }

    pub(super) fn bits(self) -> u32 {
        match self {
            Ty::B8 | Ty::U8 | Ty::S8 => 8,
            Ty::B16 | Ty::U16 | Ty::S16 => 16,
            Ty::B32 | Ty::U32 | Ty::S32 | Ty::F32 => 32,
            Ty::B64 | Ty::U64 | Ty::S64 | Ty::F64 => 64,
            Ty::Pred => 1,
        }
    }

    pub(super) fn is_float(self) -> bool {
        matches!(self, Ty::F32 | Ty::F64)
    }

    pub(super) fn is_signed(self) -> bool {
        matches!(self, Ty::S8 | Ty::S16 | Ty::S32 | Ty::S64)
    }

    pub(super) fn is_unsigned(self) -> bool {
        matches!(self, Ty::U8 | Ty::U16 | Ty::U32 | Ty::U64)
    }

    /// The kind of a memory access of this type (floats and bits as unsigned).
    pub(super) fn kind(self) -> Option<Kind> {
        Some(match self {
            Ty::B8 | Ty::U8 => Kind::U8,
            Ty::S8 => Kind::S8,
            Ty::B16 | Ty::U16 => Kind::U16,
            Ty::S16 => Kind::S16,
            Ty::B32 | Ty::U32 | Ty::F32 => Kind::U32,
            Ty::S32 => Kind::S32,
            Ty::B64 | Ty::U64 | Ty::F64 => Kind::U64,
            Ty::S64 => Kind::S64,
            Ty::Pred => return None,
        })
    }

    /// The mask of a value of this type in a register.
    pub(super) fn mask(self) -> u64 {
        match self.bits() {
            64 => u64::MAX,
            n => (1u64 << n) - 1,
        }
    }
}

/// The class of a register, from its declaration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    Pred,
    B32,
    B64,
    F32,
    F64,
}

impl Class {
    fn of(ty: Ty) -> Option<Class> {
        Some(match ty {
            Ty::Pred => Class::Pred,
            Ty::B32 | Ty::U32 | Ty::S32 => Class::B32,
            Ty::B64 | Ty::U64 | Ty::S64 => Class::B64,
            Ty::F32 => Class::F32,
            Ty::F64 => Class::F64,
            _ => return None,
        })
    }

    /// What a register of this class holds before it is written: a NaN for floats, a large
    /// odd number for integers, true for predicates.
    fn poison(self) -> u64 {
        match self {
            Class::Pred => 1,
            Class::B32 | Class::F32 => 0x7fa5_a5a5,
            Class::B64 | Class::F64 => 0x7ff5_a5a5_a5a5_a5a5,
        }
    }

    pub(super) fn bits(self) -> u32 {
        match self {
            Class::Pred => 1,
            Class::B32 | Class::F32 => 32,
            Class::B64 | Class::F64 => 64,
        }
    }

    /// Whether an instruction of type `ty` may name a register of this class (PTX's type
    /// rules: bit types match any type of their size; narrow types are for `ld`, `st`, `cvt`,
    /// which check the register's width themselves).
    pub(super) fn fits(self, ty: Ty) -> bool {
        match (self, ty) {
            (Class::Pred, Ty::Pred) => true,
            (Class::F32, Ty::F32 | Ty::B32) | (Class::F64, Ty::F64 | Ty::B64) => true,
            (Class::B32, Ty::B32 | Ty::U32 | Ty::S32 | Ty::F32) => true,
            (Class::B64, Ty::B64 | Ty::U64 | Ty::S64 | Ty::F64) => true,
            (Class::B32 | Class::B64, _) => ty.bits() <= 16 && ty != Ty::Pred,
            _ => false,
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Class::Pred => ".pred",
            Class::B32 => ".b32",
            Class::B64 => ".b64",
            Class::F32 => ".f32",
            Class::F64 => ".f64",
        }
    }
}

/// What a name means inside a function.
#[derive(Clone, Copy)]
pub(super) enum Sym {
    /// Registers: `count` of them from `base` for `%r<count>`, or one.
    Regs {
        base: u32,
        count: Option<u32>,
        class: Class,
    },
    Param {
        slot: u32,
        ty: Ty,
        writable: bool,
    },
    Shared {
        addr: u64,
    },
    Local {
        offset: u64,
    },
    /// A module-level `.const` table, at `addr` of constant memory.
    Const {
        addr: u64,
    },
}

/// Where constant memory starts: its own state space, so an address of it is no global,
/// shared or local one.
pub(super) const CONST_BASE: u64 = 0x4000_0000;

/// A function's signature, for checking calls.
struct Signature {
    ret: Option<Ty>,
    params: Vec<Ty>,
    /// Its index in `Code::funcs`, once its body is decoded.
    index: Option<u32>,
}

/// A call waiting for its callee: the call site, the callee's name, the types passed, and
/// the call's instruction (for messages).
struct PendingCall<'s> {
    site: usize,
    callee: &'s str,
    ret: Option<Ty>,
    args: Vec<Ty>,
    pc: usize,
}

/// Decodes the module `src`.
pub(super) fn decode(src: &str) -> Result<Code, SimError> {
    let module = parse::parse(src)?;
    let lines: Vec<&str> = src.lines().collect();
    let text = |line: u32| lines.get((line as usize).saturating_sub(1)).copied().unwrap_or("");
    let mut code = Code {
        consts: Vec::new(),
        insts: Vec::new(),
        src: Vec::new(),
        funcs: Vec::new(),
        calls: Vec::new(),
        shfls: Vec::new(),
    };
    let mut tables: Vec<(&str, u64)> = Vec::new();
    for c in &module.consts {
        let at = |m: String| located(Fault::new(SimErrorKind::Parse, m), c.line, text(c.line));
        let ty = c.ty.strip_prefix('.').and_then(Ty::parse).filter(|t| !t.is_float() && *t != Ty::Pred);
        let ty = ty.ok_or_else(|| at(format!("a `.const` table of `{}` is outside cuda_sim's subset", c.ty)))?;
        let size = (ty.bits() / 8) as usize;
        if !c.align.is_power_of_two() || c.align < size as u64 {
            return Err(at(format!("the alignment {} does not suit `{}`", c.align, c.ty)));
        }
        let start = code.consts.len().next_multiple_of(c.align as usize);
        code.consts.resize(start, 0);
        for v in &c.values {
            let x = immediate(v, false, ty).map_err(|e| at(e.message))?;
            code.consts.extend_from_slice(&x.to_le_bytes()[..size]);
        }
        if tables.iter().any(|(n, _)| *n == c.name) {
            return Err(at(format!("`{}` is declared twice", c.name)));
        }
        tables.push((c.name, CONST_BASE + start as u64));
        let _ = c.len;
    }
    let mut sigs: HashMap<&str, Signature> = HashMap::new();
    let mut pending = Vec::new();
    for f in &module.funcs {
        let sig = signature(f).map_err(|e| located(e, f.line, text(f.line)))?;
        let defined = sigs.get(f.name).is_some_and(|s| s.index.is_some());
        if let Some(old) = sigs.get(f.name)
            && (old.ret != sig.ret || old.params != sig.params)
        {
            return Err(located(
                Fault::new(SimErrorKind::Parse, format!("`{}` is declared twice with different parameters", f.name)),
                f.line,
                text(f.line),
            ));
        }
        let Some(body) = &f.body else {
            sigs.entry(f.name).or_insert(sig);
            continue;
        };
        if defined {
            let message = format!("`{}` is defined twice", f.name);
            return Err(located(Fault::new(SimErrorKind::Parse, message), f.line, text(f.line)));
        }
        let index = u32::try_from(code.funcs.len()).unwrap_or(u32::MAX);
        sigs.insert(f.name, Signature { index: Some(index), ..sig });
        let mut fx = FnCtx::new(&mut code, f.entry);
        for &(name, addr) in &tables {
            fx.scopes[0].insert(name, Sym::Const { addr });
        }
        fx.function(f, body, &mut pending).map_err(|(e, line)| located(e, line, text(line)))?;
    }
    for (line, t) in &mut code.src {
        if t.is_empty() {
            let s = text(*line).trim();
            *t = Box::from(s.strip_suffix(';').unwrap_or(s).trim_end());
        }
    }
    for call in pending {
        let (line, ref t) = code.src[call.pc];
        let at = |m: String| located(Fault::new(SimErrorKind::Parse, m), line, t);
        let sig = sigs.get(call.callee).ok_or_else(|| at(format!("no function is named `{}`", call.callee)))?;
        let Some(index) = sig.index else {
            let m = format!("`{}` has no body in this module (cuda_sim links no external functions)", call.callee);
            return Err(located(Fault::new(SimErrorKind::Unsupported, m), line, t));
        };
        if code.funcs[index as usize].entry {
            return Err(at(format!("`{}` is an entry; only `.func` functions can be called", call.callee)));
        }
        let sizes = |v: &[Ty]| v.iter().map(|t| t.bits()).collect::<Vec<_>>();
        if sizes(&call.args) != sizes(&sig.params) || call.ret.map(Ty::bits) != sig.ret.map(Ty::bits) {
            return Err(at(format!("this call's parameters do not match those of `{}`", call.callee)));
        }
        code.calls[call.site].func = index;
    }
    Ok(code)
}

fn located(e: Fault, line: u32, text: &str) -> SimError {
    SimError::new(e.kind, e.message).at_line(line, text)
}

fn param_ty(d: &parse::ParamDecl<'_>) -> Result<Ty, Fault> {
    let ty = d.ty.strip_prefix('.').and_then(Ty::parse).filter(|t| t.bits() >= 32);
    ty.ok_or_else(|| {
        Fault::new(SimErrorKind::Unsupported, format!("the parameter type `{}` is outside cuda_sim's subset", d.ty))
    })
}

fn signature(f: &FuncAst<'_>) -> Result<Signature, Fault> {
    let ret = f.ret.as_ref().map(param_ty).transpose()?;
    let params = f.params.iter().map(param_ty).collect::<Result<_, _>>()?;
    Ok(Signature { ret, params, index: None })
}

fn parse_error(message: String) -> Fault {
    Fault::new(SimErrorKind::Parse, message)
}

/// The state of decoding one function.
pub(super) struct FnCtx<'c, 's> {
    code: &'c mut Code,
    pub(super) entry: bool,
    template: Vec<u64>,
    consts: HashMap<u64, u32>,
    scopes: Vec<HashMap<&'s str, Sym>>,
    pub(super) labels: HashMap<&'s str, u32>,
    shared: Vec<SharedVar>,
    shared_end: u64,
    shared_total: u64,
    local_end: u64,
    /// Calls of this function, for `decode` to resolve.
    calls: Vec<PendingCall<'s>>,
}

impl<'c, 's> FnCtx<'c, 's> {
    fn new(code: &'c mut Code, entry: bool) -> FnCtx<'c, 's> {
        FnCtx {
            code,
            entry,
            template: Vec::new(),
            consts: HashMap::new(),
            scopes: vec![HashMap::new()],
            labels: HashMap::new(),
            shared: Vec::new(),
            shared_end: SHARED_GAP,
            shared_total: 0,
            local_end: 0,
            calls: Vec::new(),
        }
    }

    /// Decodes `f`'s body into `code`; an error comes with its line.
    fn function(
        mut self,
        f: &FuncAst<'s>,
        body: &[Stmt<'s>],
        pending: &mut Vec<PendingCall<'s>>,
    ) -> Result<(), (Fault, u32)> {
        let start = self.code.insts.len();
        let mut params = Vec::new();
        for p in &f.params {
            let ty = param_ty(p).map_err(|e| (e, p.line))?;
            params.push((self.param(p.name, ty, !f.entry).map_err(|e| (e, p.line))?, ty));
        }
        let ret = match &f.ret {
            Some(p) => {
                let ty = param_ty(p).map_err(|e| (e, p.line))?;
                Some((self.param(p.name, ty, true).map_err(|e| (e, p.line))?, ty))
            }
            None => None,
        };
        self.collect_labels(body, start)?;
        for s in body {
            self.stmt(s).map_err(|e| (e, s.line))?;
        }
        let mut end = Inst::new(Op::Ret);
        if f.entry {
            end.op = Op::Exit;
        }
        self.code.insts.push(end);
        self.code.src.push((f.end_line, "} (the end of the function)".into()));
        if self.code.insts.len() > u32::MAX as usize / 2 {
            return Err((parse_error("the module has too many instructions".into()), f.end_line));
        }
        let (shared_bytes, local_bytes) = (self.shared_end, self.local_end);
        pending.append(&mut self.calls);
        let func = Func {
            name: f.name.to_string(),
            entry: f.entry,
            start: start as u32,
            template: self.template,
            params,
            ret,
            shared: self.shared,
            shared_bytes,
            local_bytes,
        };
        self.code.funcs.push(func);
        Ok(())
    }

    /// Labels to instruction indices: one instruction per instruction statement.
    fn collect_labels(&mut self, body: &[Stmt<'s>], start: usize) -> Result<(), (Fault, u32)> {
        let mut pc = start;
        for s in body {
            match s.kind {
                StmtKind::Label(name) => {
                    let at = u32::try_from(pc).map_err(|_| (parse_error("too many instructions".into()), s.line))?;
                    if self.labels.insert(name, at).is_some() {
                        return Err((parse_error(format!("the label `{name}` is defined twice")), s.line));
                    }
                }
                StmtKind::Inst(_) => pc += 1,
                _ => {}
            }
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt<'s>) -> Result<(), Fault> {
        match &s.kind {
            StmtKind::Reg { ty, names } => self.regs(ty, names),
            StmtKind::Array { space, align, ty, name, len } => self.array(*space, *align, ty, name, *len),
            StmtKind::Param(p) => {
                let ty = param_ty(p)?;
                self.param(p.name, ty, true).map(|_| ())
            }
            StmtKind::Label(_) => Ok(()),
            StmtKind::Open => {
                self.scopes.push(HashMap::new());
                Ok(())
            }
            StmtKind::Close => {
                self.scopes.pop();
                Ok(())
            }
            StmtKind::Inst(raw) => {
                let pc = self.code.insts.len();
                let mut inst = self.select(raw, pc)?;
                if let Some((neg, p)) = raw.guard {
                    let slot = self.pred_reg(p)?;
                    inst.guard = slot << 1 | u32::from(neg);
                }
                self.code.insts.push(inst);
                self.code.src.push((s.line, Box::from("")));
                Ok(())
            }
        }
    }

    /// A new slot holding `init` at the start of the frame.
    fn slot(&mut self, init: u64) -> Result<u32, Fault> {
        if self.template.len() >= MAX_FRAME {
            return Err(parse_error(format!("the function has more than {MAX_FRAME} registers and constants")));
        }
        self.template.push(init);
        Ok(self.template.len() as u32 - 1)
    }

    fn declare(&mut self, name: &'s str, sym: Sym) -> Result<(), Fault> {
        let scope = self.scopes.last_mut().ok_or_else(|| parse_error("unbalanced `}`".into()))?;
        if scope.insert(name, sym).is_some() {
            return Err(parse_error(format!("`{name}` is declared twice in one scope")));
        }
        Ok(())
    }

    fn regs(&mut self, ty: &str, names: &[(&'s str, Option<u32>)]) -> Result<(), Fault> {
        let class = ty.strip_prefix('.').and_then(Ty::parse).and_then(Class::of).ok_or_else(|| {
            Fault::new(SimErrorKind::Unsupported, format!("registers of type `{ty}` are outside cuda_sim's subset"))
        })?;
        for &(name, count) in names {
            let base = self.template.len() as u32;
            let n = count.unwrap_or(1) as usize;
            if self.template.len() + n > MAX_FRAME {
                return Err(parse_error(format!("the function has more than {MAX_FRAME} registers and constants")));
            }
            // Registers start as garbage on a GPU, not zero: a kernel that reads one before
            // writing it gets these bits, which no test's expected value contains.
            self.template.resize(self.template.len() + n, class.poison());
            self.declare(name, Sym::Regs { base, count, class })?;
        }
        Ok(())
    }

    fn param(&mut self, name: &'s str, ty: Ty, writable: bool) -> Result<u32, Fault> {
        let slot = self.slot(0)?;
        self.declare(name, Sym::Param { slot, ty, writable })?;
        Ok(slot)
    }

    fn array(&mut self, space: Space, align: u64, ty: &str, name: &'s str, len: u64) -> Result<(), Fault> {
        let elem = ty.strip_prefix('.').and_then(Ty::parse).filter(|t| *t != Ty::Pred);
        let elem = elem.ok_or_else(|| parse_error(format!("`{ty}` is not an element type")))?;
        if !align.is_power_of_two() {
            return Err(parse_error(format!("the alignment {align} is not a power of two")));
        }
        let bytes = len.saturating_mul(u64::from(elem.bits() / 8));
        let align = align.max(u64::from(elem.bits() / 8));
        match space {
            Space::Shared if !self.entry => Err(Fault::new(
                SimErrorKind::Unsupported,
                "`.shared` arrays declared in a `.func` are outside cuda_sim's subset".into(),
            )),
            Space::Shared => {
                let addr = self.shared_end.next_multiple_of(align);
                self.shared_end = addr.saturating_add(bytes).saturating_add(SHARED_GAP);
                self.shared_total = self.shared_total.saturating_add(bytes);
                if self.shared_total > MAX_SHARED {
                    return Err(parse_error(format!(
                        "the entry declares more than {MAX_SHARED} bytes of shared memory"
                    )));
                }
                self.shared.push(SharedVar { name: name.to_string(), addr, bytes });
                self.declare(name, Sym::Shared { addr })
            }
            Space::Local => {
                let offset = self.local_end.next_multiple_of(align);
                self.local_end = offset.saturating_add(bytes);
                if self.local_end > MAX_LOCAL {
                    return Err(parse_error(format!(
                        "the function declares more than {MAX_LOCAL} bytes of local memory"
                    )));
                }
                self.declare(name, Sym::Local { offset })
            }
        }
    }

    /// What `name` means here.
    pub(super) fn lookup(&self, name: &str) -> Option<Sym> {
        self.scopes.iter().rev().find_map(|s| s.get(name).copied())
    }

    /// The slot and class of register `name`.
    pub(super) fn reg(&self, name: &str) -> Result<(u32, Class), Fault> {
        for scope in self.scopes.iter().rev() {
            if let Some(&Sym::Regs { base, count: None, class }) = scope.get(name) {
                return Ok((base, class));
            }
            let digits = name.len() - name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            if digits == 0 || digits == name.len() {
                continue;
            }
            let (prefix, n) = name.split_at(name.len() - digits);
            if let (Some(&Sym::Regs { base, count: Some(count), class }), Ok(n)) = (scope.get(prefix), n.parse::<u32>())
            {
                if n < count {
                    return Ok((base + n, class));
                }
                return Err(parse_error(format!("`{name}` is outside its declaration `{prefix}<{count}>`")));
            }
        }
        Err(parse_error(format!("`{name}` is not a declared register")))
    }

    pub(super) fn pred_reg(&self, name: &str) -> Result<u32, Fault> {
        match self.reg(name)? {
            (slot, Class::Pred) => Ok(slot),
            (_, c) => Err(parse_error(format!("`{name}` is a {} register, not a predicate", c.name()))),
        }
    }

    /// The constant slot of `bits`.
    pub(super) fn constant(&mut self, bits: u64) -> Result<u32, Fault> {
        if let Some(&s) = self.consts.get(&bits) {
            return Ok(s);
        }
        let s = self.slot(bits)?;
        self.consts.insert(bits, s);
        Ok(s)
    }

    pub(super) fn add_shfl(&mut self, site: ShflSite) -> u32 {
        self.code.shfls.push(site);
        self.code.shfls.len() as u32 - 1
    }

    pub(super) fn add_call(&mut self, callee: &'s str, ret: Option<(u32, Ty)>, args: Vec<(u32, Ty)>, pc: usize) -> u32 {
        let site = self.code.calls.len();
        self.code.calls.push(CallSite {
            func: u32::MAX,
            ret: ret.map(|r| r.0),
            args: args.iter().map(|a| a.0).collect(),
        });
        self.calls.push(PendingCall {
            site,
            callee,
            ret: ret.map(|r| r.1),
            args: args.iter().map(|a| a.1).collect(),
            pc,
        });
        site as u32
    }
}

/// The bits of the immediate `w` (negated if `neg`) as an operand of type `ty`.
pub(super) fn immediate(w: &str, neg: bool, ty: Ty) -> Result<u64, Fault> {
    let bad = || parse_error(format!("`{}{w}` is not a .{} immediate", if neg { "-" } else { "" }, ty_name(ty)));
    if ty == Ty::Pred {
        return Err(parse_error("a predicate operand must be a register".into()));
    }
    if ty.is_float() {
        let single = ty == Ty::F32;
        let bits = match (parse_float(w), parse_int(w)) {
            (Some(FloatLit::F32(x)), _) if single => u64::from(x.to_bits()),
            (Some(FloatLit::F32(x)), _) => f64::from(x).to_bits(),
            (Some(FloatLit::F64(x)), _) if single => u64::from((x as f32).to_bits()),
            (Some(FloatLit::F64(x)), _) => x.to_bits(),
            (None, Some(i)) if single => u64::from((i as f32).to_bits()),
            (None, Some(i)) => (i as f64).to_bits(),
            (None, None) => return Err(bad()),
        };
        let sign = 1u64 << (ty.bits() - 1);
        return Ok(if neg { bits ^ sign } else { bits });
    }
    let bits = match (parse_int(w), parse_float(w)) {
        (Some(v), _) => v,
        (None, Some(FloatLit::F32(x))) if ty.bits() == 32 && !neg => u64::from(x.to_bits()),
        (None, Some(FloatLit::F64(x))) if ty.bits() == 64 && !neg && w.len() == 18 => x.to_bits(),
        _ => return Err(bad()),
    };
    let bits = if neg { bits.wrapping_neg() } else { bits };
    // The value must fit the type, read as signed or as unsigned.
    let mask = ty.mask();
    let fits = bits & !mask == 0 || (bits | (mask >> 1)) == u64::MAX;
    if !fits {
        return Err(parse_error(format!(
            "the immediate `{}{w}` does not fit in .{}",
            if neg { "-" } else { "" },
            ty_name(ty)
        )));
    }
    Ok(bits & mask)
}

pub(super) fn ty_name(ty: Ty) -> &'static str {
    match ty {
        Ty::B8 => "b8",
        Ty::B16 => "b16",
        Ty::B32 => "b32",
        Ty::B64 => "b64",
        Ty::U8 => "u8",
        Ty::U16 => "u16",
        Ty::U32 => "u32",
        Ty::U64 => "u64",
        Ty::S8 => "s8",
        Ty::S16 => "s16",
        Ty::S32 => "s32",
        Ty::S64 => "s64",
        Ty::F32 => "f32",
        Ty::F64 => "f64",
        Ty::Pred => "pred",
    }
}

/// Operand helpers for instruction selection.
impl<'s> FnCtx<'_, 's> {
    /// A destination register of type `ty`.
    pub(super) fn dst(&self, op: &Operand<'s>, ty: Ty) -> Result<u32, Fault> {
        match op {
            Operand::Word { neg: false, text } if text.starts_with('%') => self.typed_reg(text, ty),
            _ => Err(parse_error("the destination must be a register".into())),
        }
    }

    /// A register of type `ty`, with the width check of `Class::fits`.
    pub(super) fn typed_reg(&self, name: &str, ty: Ty) -> Result<u32, Fault> {
        let (slot, class) = self.reg(name)?;
        if class.fits(ty) {
            Ok(slot)
        } else {
            Err(parse_error(format!(
                "`{name}` is a {} register, which a .{} operand cannot be",
                class.name(),
                ty_name(ty)
            )))
        }
    }

    /// A source of type `ty`: a register or an immediate.
    pub(super) fn src(&mut self, op: &Operand<'s>, ty: Ty) -> Result<u32, Fault> {
        match *op {
            Operand::Word { neg: false, text } if text.starts_with('%') => self.typed_reg(text, ty),
            Operand::Word { neg, text } if text.starts_with(|c: char| c.is_ascii_digit()) => {
                let bits = immediate(text, neg, ty)?;
                self.constant(bits)
            }
            Operand::Word { text, .. } => Err(parse_error(format!("`{text}` is not a register or an immediate here"))),
            _ => Err(parse_error("expected a register or an immediate".into())),
        }
    }

    /// A predicate register operand.
    pub(super) fn pred(&self, op: &Operand<'s>) -> Result<u32, Fault> {
        match op {
            Operand::Word { neg: false, text } => self.pred_reg(text),
            _ => Err(parse_error("expected a predicate register".into())),
        }
    }
}
