//! The PTX back end: each prange loop becomes one `.entry` of a PTX module written as text
//! while the crate compiles (`name::PTX`). The CUDA driver compiles the PTX for the GPU it
//! finds, so no CUDA toolkit is needed to build.
//!
//! **Target.** `.version 6.0` and `.target sm_50`: PTX 6.0 (CUDA 9) is the oldest version
//! with `shfl.sync`, and sm_50 (Maxwell) the oldest architecture CUDA 12 drivers still load,
//! so the module runs on every GPU a current driver supports. Nothing newer is used: no
//! `atom.add.f64` (sm_60), no `tanh.approx` (sm_75).
//!
//! **Execution.** One iteration per thread in a grid-stride loop, so any grid covers the loop:
//! `for (idx = ctaid * ntid + tid; idx < n; idx += nctaid * ntid)`. A 2-D loop is flattened
//! (`i = lo0 + idx / n1`, `j = lo1 + idx % n1`): consecutive threads take consecutive `j`,
//! which for row-major arrays are consecutive addresses. The division happens once per thread;
//! each grid stride then advances `(i, j)` by the stride's rows and columns with a carry. The range test wraps the body; the
//! reduction code after the loop, which holds the barriers, runs in every thread.
//!
//! **Checks.** Indices are checked against the array's lengths; integer division by zero or
//! `MIN / -1` is caught. A failing thread writes an error code to a flag word and leaves its
//! loop; the host reads the flag after the launch and returns a `kernelize::Error`.
//!
//! **Reductions.** Each thread accumulates its iterations from the identity; the warp combines
//! by `shfl.sync.down` in a fixed tree; warp results meet in shared memory and warp 0 combines
//! them the same way; thread 0 writes the block's partial. The host combines the partials in
//! block order. For a given length and grid the order of every operation is fixed, so the
//! result is the same on every run.
//!
//! **Parameters** of an entry, in order (see [`params`]): the flag's address; per dimension
//! the start and the trip count (`u64`); per array its address and lengths (`u64`), arrays
//! being contiguous and row-major on the device; captured scalars by value (`.f32`, `.f64`,
//! `.u32` for integers up to 32 bits and `bool`, `.u64` otherwise); per reduction the address
//! of its partials (one per block).

mod emit;
mod fx;
mod math;
mod regs;

use crate::analyze::{Combine, Identity, LoopInfo, RedOp};
use crate::diag::Diag;
use crate::ir::{Kernel, PrangeLoop, Scalar, Ty, VarId};
use fx::{ArrayRegs, Fx};
use proc_macro2::Span;
use regs::{Class, Reg, class, mem, param_type};
use std::collections::BTreeSet;
use std::fmt::Write;

/// The PTX version and target written in every module.
pub const VERSION: &str = "6.0";
pub const TARGET: &str = "sm_50";

/// Threads per block the reductions are written for at most (32 warps).
const MAX_WARPS: u64 = 32;

/// One parameter of a loop's entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    /// Address of the error flag.
    Flag,
    /// First index of dimension `d`.
    Start(usize),
    /// Trip count of dimension `d`.
    Count(usize),
    /// An array: its address, then `ndim` lengths.
    Array { var: VarId, ndim: u8 },
    /// A scalar captured from host code.
    Scalar(VarId),
    /// Address of the partials of reduction `k`.
    Partials(usize),
}

/// The parameters of `l`'s entry, in order.
pub fn params(k: &Kernel, l: &PrangeLoop, info: &LoopInfo) -> Vec<Param> {
    let mut p = vec![Param::Flag];
    for d in 0..l.dims.len() {
        p.extend([Param::Start(d), Param::Count(d)]);
    }
    for &var in info.reads.iter().chain(info.writes.iter().map(|w| &w.array)) {
        if let Ty::Array(a) = k.var(var).ty {
            p.push(Param::Array { var, ndim: a.ndim });
        }
    }
    p.extend(info.captures.iter().map(|&v| Param::Scalar(v)));
    p.extend((0..info.reductions.len()).map(Param::Partials));
    p
}

/// Writes the module of `k`, or pushes an error for each construct the GPU cannot run.
pub fn write(
    k: &Kernel,
    a: &crate::analyze::Analysis,
    lower: Library<'_>,
    fastmath: bool,
    diag: &mut Diag,
) -> Option<String> {
    let mut entries = String::new();
    let mut calls = BTreeSet::new();
    let mut errors = Vec::new();
    let mut tables = String::new();
    for (slot, (l, info)) in k.loops.iter().zip(&a.loops).enumerate() {
        let mut fx = Fx::new(k, fastmath);
        fx.table_prefix = k.entry_name(slot);
        entry(&mut fx, l, info, &k.entry_name(slot));
        for t in &fx.tables {
            tables.push_str(t);
            tables.push('\n');
        }
        calls.extend(fx.calls.iter().copied());
        errors.append(&mut fx.errors);
        entries.push_str(&fx.out);
    }
    let library = library(&calls, lower, fastmath, &mut errors);
    if !errors.is_empty() {
        for (span, message) in errors {
            diag.error(span, message);
        }
        return None;
    }
    let mut text = format!(
        "// PTX written by kernelize's #[kernel(cuda)] for `{}`.\n.version {VERSION}\n.target {TARGET}\n.address_size 64\n\n",
        k.name
    );
    if !tables.is_empty() {
        text.push_str(&tables);
        text.push('\n');
    }
    text.push_str(&library);
    text.push_str(&entries);
    Some(text)
}

/// The most work (cost units of `analyze::cost`) an iteration of an unrolled loop has: light
/// element-wise bodies, whose time is memory latency. Heavier ones (math functions, which are
/// device functions ptxas would then call rather than inline) and bodies with loops are
/// compute-bound, and run one iteration per trip.
const UNROLL_MAX_COST: u64 = 16;

fn element_wise(l: &PrangeLoop, info: &LoopInfo) -> bool {
    let loops = crate::ir::walk::any_stmt_in_block(&l.body, |s| matches!(s, crate::ir::StmtKind::Loop(_)));
    info.cost <= UNROLL_MAX_COST && !loops
}

/// One iteration of the loop's body at `positions`: the prange variables, then the body.
fn iteration(fx: &mut Fx<'_>, l: &PrangeLoop, positions: &[Reg], starts: &[Reg]) {
    let k = fx.k;
    for ((d, pos), start) in l.dims.iter().zip(positions).zip(starts) {
        let v = fx.reg(Class::B64);
        fx.ins(format_args!("add.u64 {v}, {start}, {pos}"));
        let dst = fx.var(d.var);
        fx.narrow(dst, v, regs::scalar(&k.var(d.var).ty));
    }
    fx.block(&l.body);
}

/// The bounds checks `analyze::bounds` moved out of the loop, once per thread before it (every
/// thread computes the same answer): each access `a[p + c]` that every iteration makes, for
/// `c` in `first..=last`, is in bounds for all `p` in `start..start + n` exactly when
/// `start + first >= 0` and `start + n - 1 + last < len`. If not, some iteration would fail:
/// the entry fails at once. The accesses then skip their own check (`Fx::address`).
fn hoisted_checks(fx: &mut Fx<'_>, info: &LoopInfo, starts: &[Reg], counts: &[Reg]) {
    for h in &info.hoisted {
        let (Some(&start), Some(&n)) = (starts.get(h.dim), counts.get(h.dim)) else { continue };
        let Some(len) = fx.arrays.get(&h.array).and_then(|a| a.dims.get(h.axis).copied()) else { continue };
        let (empty, skip) = (fx.reg(Class::Pred), fx.fresh_label("hoisted"));
        fx.ins(format_args!("setp.eq.u64 {empty}, {n}, 0"));
        fx.ins(format_args!("@{empty} bra {skip}"));
        let p = fx.reg(Class::Pred);
        if h.first < 0 {
            fx.ins(format_args!("setp.lt.u64 {p}, {start}, {}", h.first.unsigned_abs()));
            fx.fail_if(p, regs::FAIL_BOUNDS);
        }
        let end = fx.reg(Class::B64);
        fx.ins(format_args!("add.u64 {end}, {start}, {n}"));
        match h.last - 1 {
            0 => {}
            c if c > 0 => fx.ins(format_args!("add.u64 {end}, {end}, {c}")),
            c => fx.ins(format_args!("sub.u64 {end}, {end}, {}", c.unsigned_abs())),
        }
        let q = fx.reg(Class::Pred);
        fx.ins(format_args!("setp.ge.u64 {q}, {end}, {len}"));
        fx.fail_if(q, regs::FAIL_BOUNDS);
        fx.label(&skip);
        fx.hoisted.push((h.array, h.axis, h.dim, h.first, h.last));
    }
}

fn entry(fx: &mut Fx<'_>, l: &PrangeLoop, info: &LoopInfo, name: &str) {
    let k = fx.k;
    let params = params(k, l, info);
    let mut decl = Vec::new();
    let mut load = String::new();
    let flag = fx.reg(Class::B64);
    let code = fx.reg(Class::B32);
    let mut starts = Vec::new();
    let mut counts = Vec::new();
    let mut partials = Vec::new();
    for (n, p) in params.iter().enumerate() {
        let pname = format!("{name}_param_{n}");
        match *p {
            Param::Flag => {
                decl.push(format!(".param .u64 {pname}"));
                let _ = writeln!(load, "\tld.param.u64 {flag}, [{pname}];\n\tcvta.to.global.u64 {flag}, {flag};");
            }
            Param::Start(_) | Param::Count(_) => {
                decl.push(format!(".param .u64 {pname}"));
                let r = fx.reg(Class::B64);
                let _ = writeln!(load, "\tld.param.u64 {r}, [{pname}];");
                if matches!(p, Param::Start(_)) { starts.push(r) } else { counts.push(r) }
            }
            Param::Array { var, ndim } => {
                let (ptr, len) = (fx.reg(Class::B64), fx.reg(Class::B64));
                decl.push(format!(".param .u64 {pname}_ptr"));
                let _ = writeln!(load, "\tld.param.u64 {ptr}, [{pname}_ptr];\n\tcvta.to.global.u64 {ptr}, {ptr};");
                let mut dims = Vec::new();
                for d in 0..ndim {
                    let r = fx.reg(Class::B64);
                    decl.push(format!(".param .u64 {pname}_len{d}"));
                    let _ = writeln!(load, "\tld.param.u64 {r}, [{pname}_len{d}];");
                    dims.push(r);
                }
                match dims.as_slice() {
                    [one] => {
                        let _ = writeln!(load, "\tmov.b64 {len}, {one};");
                    }
                    [rows, cols] => {
                        let _ = writeln!(load, "\tmul.lo.u64 {len}, {rows}, {cols};");
                    }
                    _ => {}
                }
                let elem = match k.var(var).ty {
                    Ty::Array(a) => a.elem,
                    _ => Scalar::U8,
                };
                let read_only = !info.writes.iter().any(|w| w.array == var);
                fx.arrays.insert(var, ArrayRegs { ptr, dims, len, elem, read_only });
            }
            Param::Scalar(var) => {
                if !known_type(fx, var, "passes it to the GPU by value") {
                    continue;
                }
                let s = regs::scalar(&k.var(var).ty);
                let r = fx.var(var);
                let pt = param_type(s);
                decl.push(format!(".param .{pt} {pname}"));
                match s {
                    Scalar::Bool => {
                        let t = fx.reg(Class::B32);
                        let _ = writeln!(load, "\tld.param.b32 {t}, [{pname}];\n\tsetp.ne.b32 {r}, {t}, 0;");
                    }
                    _ => {
                        let _ = writeln!(load, "\tld.param.{pt} {r}, [{pname}];");
                    }
                }
            }
            Param::Partials(idx) => {
                let r = fx.reg(Class::B64);
                decl.push(format!(".param .u64 {pname}"));
                let _ = writeln!(load, "\tld.param.u64 {r}, [{pname}];\n\tcvta.to.global.u64 {r}, {r};");
                partials.push((idx, r));
            }
        }
    }
    fx.out.push_str(&load);
    // Each reduction variable starts from its identity in every thread.
    let typed = info.reductions.iter().all(|r| known_type(fx, r.var, "reduces it on the GPU"));
    for r in info.reductions.iter().filter(|_| typed) {
        let s = regs::scalar(&k.var(r.var).ty);
        let reg = fx.var(r.var);
        let id = identity(fx, r.op, s);
        fx.mov(reg, id);
    }
    // The grid-stride loop.
    let (tid, ntid, ctaid, nctaid) = (fx.reg(Class::B32), fx.reg(Class::B32), fx.reg(Class::B32), fx.reg(Class::B32));
    for (r, sreg) in [(tid, "%tid.x"), (ntid, "%ntid.x"), (ctaid, "%ctaid.x"), (nctaid, "%nctaid.x")] {
        fx.ins(format_args!("mov.u32 {r}, {sreg}"));
    }
    let (idx, stride, total) = (fx.reg(Class::B64), fx.reg(Class::B64), fx.reg(Class::B64));
    let t = fx.reg(Class::B64);
    fx.ins(format_args!("mul.wide.u32 {idx}, {ctaid}, {ntid}"));
    fx.ins(format_args!("cvt.u64.u32 {t}, {tid}"));
    fx.ins(format_args!("add.u64 {idx}, {idx}, {t}"));
    fx.ins(format_args!("mul.wide.u32 {stride}, {nctaid}, {ntid}"));
    match counts.as_slice() {
        [n] => fx.mov(total, *n),
        [n0, n1] => fx.ins(format_args!("mul.lo.u64 {total}, {n0}, {n1}")),
        _ => {}
    }
    let (head, cont, fail, done) =
        (fx.fresh_label("grid"), fx.fresh_label("stride"), fx.fresh_label("fail"), fx.fresh_label("done"));
    fx.prange_continue = cont.clone();
    fx.fail = Some((fail.clone(), code));
    // A 2-D position is divided out once per thread (and once for the stride); each step
    // then adds the stride's rows and columns with a carry, with no division in the loop.
    let positions: Vec<Reg> = match counts.as_slice() {
        [_] => vec![idx],
        [_, n1] => {
            let (q, r, qs, rs) = (fx.reg(Class::B64), fx.reg(Class::B64), fx.reg(Class::B64), fx.reg(Class::B64));
            let (empty, skip) = (fx.reg(Class::Pred), fx.fresh_label("cols"));
            fx.ins(format_args!("mov.u64 {q}, 0"));
            fx.ins(format_args!("mov.u64 {r}, 0"));
            fx.ins(format_args!("mov.u64 {qs}, 0"));
            fx.ins(format_args!("mov.u64 {rs}, 0"));
            fx.ins(format_args!("setp.eq.u64 {empty}, {n1}, 0"));
            fx.ins(format_args!("@{empty} bra {skip}"));
            fx.ins(format_args!("div.u64 {q}, {idx}, {n1}"));
            fx.ins(format_args!("rem.u64 {r}, {idx}, {n1}"));
            fx.ins(format_args!("div.u64 {qs}, {stride}, {n1}"));
            fx.ins(format_args!("rem.u64 {rs}, {stride}, {n1}"));
            fx.label(&skip);
            vec![q, r, qs, rs, *n1]
        }
        _ => vec![],
    };
    fx.prange = l.dims.iter().map(|d| d.var).collect();
    hoisted_checks(fx, info, &starts, &counts);
    // A 1-D loop runs four iterations per trip while at least four are left for the thread
    // (iterations idx, idx + stride, ..., in the order of the plain loop, so reductions give
    // the same bits): with the bounds checks hoisted above, the loads of the four are
    // independent and ptxas can have them in flight together.
    if positions.len() == 1 && element_wise(l, info) {
        let (main, stride3, last, more) =
            (fx.fresh_label("grid4"), fx.reg(Class::B64), fx.reg(Class::B64), fx.reg(Class::Pred));
        fx.ins(format_args!("mul.lo.u64 {stride3}, {stride}, 3"));
        fx.label(&main);
        fx.ins(format_args!("add.u64 {last}, {idx}, {stride3}"));
        fx.ins(format_args!("setp.ge.u64 {more}, {last}, {total}"));
        fx.ins(format_args!("@{more} bra {head}"));
        // The stores of the four wait until all four have loaded (`Fx::defer_stores`), unless a
        // `continue` jumps out of one of them.
        let jumps = crate::ir::walk::any_stmt_in_block(&l.body, |s| {
            matches!(s, crate::ir::StmtKind::Continue(_) | crate::ir::StmtKind::Break(_))
        });
        if !jumps {
            fx.defer_stores();
        }
        for _ in 0..4 {
            let next = fx.fresh_label("next");
            fx.prange_continue = next.clone();
            fx.next_copy();
            iteration(fx, l, &positions, &starts);
            if jumps {
                fx.label(&next);
            }
            fx.ins(format_args!("add.u64 {idx}, {idx}, {stride}"));
        }
        fx.end_deferring();
        fx.ins(format_args!("bra {main}"));
        fx.prange_continue = cont.clone();
    }
    fx.label(&head);
    let p = fx.reg(Class::Pred);
    fx.ins(format_args!("setp.ge.u64 {p}, {idx}, {total}"));
    fx.ins(format_args!("@{p} bra {done}"));
    iteration(fx, l, &positions, &starts);
    fx.label(&cont);
    fx.ins(format_args!("add.u64 {idx}, {idx}, {stride}"));
    if let [q, r, qs, rs, n1] = positions[..] {
        let carry = fx.reg(Class::Pred);
        fx.ins(format_args!("add.u64 {q}, {q}, {qs}"));
        fx.ins(format_args!("add.u64 {r}, {r}, {rs}"));
        fx.ins(format_args!("setp.ge.u64 {carry}, {r}, {n1}"));
        fx.ins(format_args!("@{carry} sub.u64 {r}, {r}, {n1}"));
        fx.ins(format_args!("@{carry} add.u64 {q}, {q}, 1"));
    }
    fx.ins(format_args!("bra {head}"));
    fx.label(&fail);
    // Every failing thread sets the flag: an atomic max, so that they do not race and the
    // same failure is reported whatever order they ran in (arithmetic, 2, over bounds, 1).
    fx.ins(format_args!("red.global.max.u32 [{flag}], {code}"));
    fx.label(&done);
    let mut shared = String::new();
    for (n, red) in info.reductions.iter().enumerate() {
        let s = regs::scalar(&k.var(red.var).ty);
        let v = fx.var(red.var);
        let smem = format!("{name}_red{n}");
        let _ = writeln!(shared, "\t.shared .align 8 .b8 {smem}[{}];", MAX_WARPS * 8);
        let out = partials.iter().find(|(i, _)| *i == n).map(|(_, r)| *r);
        block_reduce(fx, red.op, s, v, &smem, (tid, ntid, ctaid), out);
    }
    fx.ins("ret");
    let mut text = format!(".visible .entry {name}(\n");
    text.push_str(&decl.iter().map(|d| format!("\t{d}")).collect::<Vec<_>>().join(",\n"));
    text.push_str("\n)\n{\n");
    text.push_str(&fx.declarations());
    text.push_str(&shared);
    text.push_str(&fx.out);
    text.push_str("}\n\n");
    fx.out = text;
}

/// Whether kernelize knows the scalar type of host variable `var`; if not, an error saying
/// how to give it one.
fn known_type(fx: &mut Fx<'_>, var: VarId, why: &str) -> bool {
    let v = fx.k.var(var);
    if matches!(v.ty, Ty::Scalar(_)) {
        return true;
    }
    let (span, name) = (v.span, v.name.clone());
    fx.error(
        span,
        format_args!(
            "`cuda` {why} and needs the type of `{name}`, which kernelize does not know (it is declared by a \
             pattern or by code outside the kernel language); declare it with its type, e.g. `let {name}: f64 = ...;`"
        ),
    );
    false
}

/// A reduction's identity in a new register.
fn identity(fx: &mut Fx<'_>, op: RedOp, s: Scalar) -> Reg {
    use regs::ConstValue::{Float, Int};
    let limit = |name| regs::const_value(crate::ir::Const { ty: s, name, in_consts: false });
    let value = match (op.identity_kind(), s.is_float()) {
        (Identity::AllOnes, _) if s == Scalar::Bool => Int(1),
        (Identity::NegZero, true) => Float(-0.0),
        (Identity::Zero, true) => Float(0.0),
        (Identity::NegZero | Identity::Zero, false) => Int(0),
        (Identity::One, true) => Float(1.0),
        (Identity::One, false) => Int(1),
        (Identity::Lowest, true) => Float(f64::NEG_INFINITY),
        (Identity::Highest, true) => Float(f64::INFINITY),
        (Identity::Lowest, false) => limit("MIN"),
        (Identity::Highest, false) => limit("MAX"),
        (Identity::AllOnes, _) => Int(-1),
    };
    fx.constant(s, value)
}

/// `a op b` for combining two partials of a reduction: the body's own operators (`max`/`min`
/// from the math lowering, whose NaN rule is Rust's).
fn combine(fx: &mut Fx<'_>, op: RedOp, s: Scalar, a: Reg, b: Reg) -> Reg {
    let span = Span::call_site();
    match op.combine() {
        Combine::Fn(f) => fx.math(f, &[a, b], &[s, s], s, span),
        Combine::Op(binop) => fx.binary(binop, s, a, b, span),
    }
}

/// `v` combined across the warp: after it, lane 0 holds the warp's result.
fn warp_reduce(fx: &mut Fx<'_>, op: RedOp, s: Scalar, v: Reg) -> Reg {
    let mut v = v;
    for offset in [16, 8, 4, 2, 1] {
        let other = shuffle_down(fx, v, offset);
        v = combine(fx, op, s, v, other);
    }
    v
}

/// `shfl.sync.down` of a value of any class (64-bit values as two halves, predicates as 0/1).
fn shuffle_down(fx: &mut Fx<'_>, v: Reg, offset: u32) -> Reg {
    let shfl = |fx: &mut Fx<'_>, x: Reg| {
        let y = fx.reg(Class::B32);
        fx.ins(format_args!("shfl.sync.down.b32 {y}, {x}, {offset}, 31, -1"));
        y
    };
    match v.class {
        Class::B32 | Class::F32 => {
            let (x, out) = (fx.reg(Class::B32), fx.reg(v.class));
            fx.mov_bits(x, v);
            let y = shfl(fx, x);
            fx.mov_bits(out, y);
            out
        }
        Class::B64 | Class::F64 => {
            let (lo, hi, out) = (fx.reg(Class::B32), fx.reg(Class::B32), fx.reg(v.class));
            fx.ins(format_args!("mov.b64 {{{lo}, {hi}}}, {v}"));
            let (lo, hi) = (shfl(fx, lo), shfl(fx, hi));
            fx.ins(format_args!("mov.b64 {out}, {{{lo}, {hi}}}"));
            out
        }
        Class::Pred => {
            let x = fx.reg(Class::B32);
            fx.ins(format_args!("selp.u32 {x}, 1, 0, {v}"));
            let y = shfl(fx, x);
            let out = fx.reg(Class::Pred);
            fx.ins(format_args!("setp.ne.b32 {out}, {y}, 0"));
            out
        }
    }
}

/// The block's partial of one reduction, written by thread 0 to `partials[ctaid]`.
fn block_reduce(
    fx: &mut Fx<'_>,
    op: RedOp,
    s: Scalar,
    v: Reg,
    smem: &str,
    (tid, ntid, ctaid): (Reg, Reg, Reg),
    partials: Option<Reg>,
) {
    let Some(partials) = partials else { return };
    let warp_total = warp_reduce(fx, op, s, v);
    let (lane, warp, warps) = (fx.reg(Class::B32), fx.reg(Class::B32), fx.reg(Class::B32));
    fx.ins(format_args!("and.b32 {lane}, {tid}, 31"));
    fx.ins(format_args!("shr.u32 {warp}, {tid}, 5"));
    fx.ins(format_args!("shr.u32 {warps}, {ntid}, 5"));
    let (base, slot) = (fx.reg(Class::B64), fx.reg(Class::B64));
    fx.ins(format_args!("mov.u64 {base}, {smem}"));
    // Shared memory holds the partials as 8-byte slots (a `bool` as a `u32`).
    let store_type = param_type(s);
    let (first, skip, next) = (fx.reg(Class::Pred), fx.fresh_label("nowrite"), fx.fresh_label("warp0"));
    fx.ins(format_args!("setp.ne.u32 {first}, {lane}, 0"));
    fx.ins(format_args!("@{first} bra {skip}"));
    fx.ins(format_args!("mul.wide.u32 {slot}, {warp}, 8"));
    fx.ins(format_args!("add.u64 {slot}, {slot}, {base}"));
    let stored = to_shared(fx, warp_total, s);
    fx.ins(format_args!("st.shared.{store_type} [{slot}], {stored}"));
    fx.label(&skip);
    fx.ins("bar.sync 0");
    let not_first = fx.reg(Class::Pred);
    fx.ins(format_args!("setp.ne.u32 {not_first}, {warp}, 0"));
    fx.ins(format_args!("@{not_first} bra {next}"));
    // Warp 0: lane k takes warp k's result, or the identity past the last warp.
    let x = identity(fx, op, s);
    let (absent, have) = (fx.reg(Class::Pred), fx.fresh_label("have"));
    fx.ins(format_args!("setp.ge.u32 {absent}, {lane}, {warps}"));
    fx.ins(format_args!("@{absent} bra {have}"));
    let slot2 = fx.reg(Class::B64);
    fx.ins(format_args!("mul.wide.u32 {slot2}, {lane}, 8"));
    fx.ins(format_args!("add.u64 {slot2}, {slot2}, {base}"));
    let loaded = fx.reg(shared_class(s));
    fx.ins(format_args!("ld.shared.{store_type} {loaded}, [{slot2}]"));
    from_shared(fx, x, loaded, s);
    fx.label(&have);
    let block_total = warp_reduce(fx, op, s, x);
    let (not_zero, out) = (fx.reg(Class::Pred), fx.reg(Class::B64));
    fx.ins(format_args!("setp.ne.u32 {not_zero}, {tid}, 0"));
    fx.ins(format_args!("@{not_zero} bra {next}"));
    fx.ins(format_args!("mul.wide.u32 {out}, {ctaid}, {}", s.bytes()));
    fx.ins(format_args!("add.u64 {out}, {out}, {partials}"));
    let stored = if s == Scalar::Bool {
        let t = fx.reg(Class::B32);
        fx.ins(format_args!("selp.u32 {t}, 1, 0, {block_total}"));
        t
    } else {
        block_total
    };
    fx.ins(format_args!("st.global.{} [{out}], {stored}", mem(s)));
    fx.label(&next);
    fx.ins("bar.sync 0");
}

fn shared_class(s: Scalar) -> Class {
    match class(s) {
        Class::Pred => Class::B32,
        c => c,
    }
}

fn to_shared(fx: &mut Fx<'_>, v: Reg, s: Scalar) -> Reg {
    if s != Scalar::Bool {
        return v;
    }
    let t = fx.reg(Class::B32);
    fx.ins(format_args!("selp.u32 {t}, 1, 0, {v}"));
    t
}

fn from_shared(fx: &mut Fx<'_>, dst: Reg, loaded: Reg, s: Scalar) {
    if s == Scalar::Bool {
        fx.ins(format_args!("setp.ne.b32 {dst}, {loaded}, 0"));
    } else {
        fx.mov(dst, loaded);
    }
}

/// Gives the math library's function of a name, lowered (the front end's
/// `MathLibrary::function`), or why not.
pub type Library<'a> = &'a dyn Fn(&str) -> Result<crate::ir::Function, String>;

/// The device functions `calls` needs (and those they call), with prototypes first.
fn library(
    calls: &BTreeSet<&'static str>,
    lower: Library<'_>,
    fastmath: bool,
    errors: &mut Vec<(Span, String)>,
) -> String {
    let mut wanted: Vec<&'static str> = calls.iter().copied().collect();
    let mut done: BTreeSet<&'static str> = BTreeSet::new();
    let (mut protos, mut bodies) = (String::new(), String::new());
    while let Some(name) = wanted.pop() {
        if !done.insert(name) {
            continue;
        }
        let dev = match lower(name) {
            Ok(f) => f,
            Err(e) => {
                errors.push((Span::call_site(), format!("internal: {e}")));
                continue;
            }
        };
        let (tables_and_proto, body, more) = device_function(&dev, fastmath, errors);
        // The tables once, before the prototypes; the prototype again with the body.
        let proto = tables_and_proto.rsplit_once('\n').map_or(tables_and_proto.as_str(), |(_, p)| p);
        protos.insert_str(0, &tables_and_proto[..tables_and_proto.len() - proto.len()]);
        protos.push_str(proto);
        protos.push_str(";\n");
        bodies.push_str(proto);
        bodies.push_str(&body);
        wanted.extend(more);
    }
    if protos.is_empty() && bodies.is_empty() {
        return String::new();
    }
    format!("{protos}\n{bodies}")
}

/// The prototype and body of one device function, and the functions it calls.
fn device_function(
    dev: &crate::ir::Function,
    fastmath: bool,
    errors: &mut Vec<(Span, String)>,
) -> (String, String, Vec<&'static str>) {
    let k = Kernel {
        name: proc_macro2::Ident::new(&dev.name, Span::call_site()),
        vis: Default::default(),
        attrs: Vec::new(),
        inline: false,
        cfgs: Vec::new(),
        generics: Default::default(),
        params: Vec::new(),
        output: Default::default(),
        ret: Default::default(),
        host: crate::ir::HostBody { tokens: Default::default(), tries: Vec::new() },
        loops: Vec::new(),
        vars: dev.vars.clone(),
    };
    // The library is IEEE code whatever the kernel's options: `fastmath` only picks the
    // approximate f32 instructions at the call site.
    let _ = fastmath;
    let mut fx = Fx::new(&k, false);
    let fname = regs::device_name(&dev.name);
    fx.table_prefix = fname.clone();
    let args: Vec<String> =
        dev.params.iter().enumerate().map(|(n, (_, s))| format!(".param .{} {fname}_arg{n}", param_type(*s))).collect();
    let proto = format!(".func (.param .{} {fname}_ret) {fname}({})", param_type(dev.ret), args.join(", "));
    for (n, (v, s)) in dev.params.iter().enumerate() {
        let r = fx.var(*v);
        fx.ins(format_args!("ld.param.{} {r}, [{fname}_arg{n}]", param_type(*s)));
    }
    let result = fx.block(&dev.body);
    if let Some(r) = result {
        fx.ins(format_args!("st.param.{} [{fname}_ret], {r}", param_type(dev.ret)));
    }
    fx.ins("ret");
    errors.append(&mut fx.errors);
    let body = format!("\n{{\n{}{}}}\n\n", fx.declarations(), fx.out);
    // The function's tables go before it, at module level.
    let tables: String = fx.tables.iter().map(|t| format!("{t}\n")).collect();
    (format!("{tables}{proto}"), body, fx.calls.iter().copied().collect())
}

#[cfg(test)]
mod sass;
#[cfg(test)]
pub mod tests;
