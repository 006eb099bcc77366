//! One prange loop's `.entry`: its parameters loaded, the grid-stride loop around the body
//! (unrolled by four for light element-wise bodies), the hoisted bounds checks, the failure
//! exit, and each reduction's block partial after the loop.

use super::fx::{ArrayRegs, Fx};
use super::reduce::{MAX_WARPS, block_reduce, identity};
use super::regs::{self, Class, Reg, param_type};
use crate::analyze::LoopInfo;
use crate::ir::{Kernel, PrangeLoop, Scalar, Ty, VarId};
use std::fmt::Write;

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

/// The parameters' declarations and the registers they are loaded into.
struct Loaded {
    decl: Vec<String>,
    flag: Reg,
    code: Reg,
    starts: Vec<Reg>,
    counts: Vec<Reg>,
    /// Per reduction (its index), the address of its partials.
    partials: Vec<(usize, Reg)>,
}

/// The special registers of the thread's position that the reductions read after the loop.
struct Thread {
    tid: Reg,
    ntid: Reg,
    ctaid: Reg,
}

/// Writes the `.entry` of loop `l`, named `name`, into `fx.out`.
pub fn entry(fx: &mut Fx<'_>, l: &PrangeLoop, info: &LoopInfo, name: &str) {
    let loaded = load_params(fx, l, info, name);
    // Each reduction variable starts from its identity in every thread.
    let typed = info.reductions.iter().all(|r| known_type(fx, r.var, "reduces it on the GPU"));
    for r in info.reductions.iter().filter(|_| typed) {
        let s = regs::scalar(&fx.k.var(r.var).ty);
        let reg = fx.var(r.var);
        let id = identity(fx, r.op, s);
        fx.mov(reg, id);
    }
    let thread = grid_stride_loop(fx, l, info, &loaded);
    let mut shared = String::new();
    for (n, red) in info.reductions.iter().enumerate() {
        let s = regs::scalar(&fx.k.var(red.var).ty);
        let v = fx.var(red.var);
        let smem = format!("{name}_red{n}");
        let _ = writeln!(shared, "\t.shared .align 8 .b8 {smem}[{}];", MAX_WARPS * 8);
        let out = loaded.partials.iter().find(|(i, _)| *i == n).map(|(_, r)| *r);
        block_reduce(fx, red.op, s, v, &smem, (thread.tid, thread.ntid, thread.ctaid), out);
    }
    fx.ins("ret");
    let mut text = format!(".visible .entry {name}(\n");
    text.push_str(&loaded.decl.iter().map(|d| format!("\t{d}")).collect::<Vec<_>>().join(",\n"));
    text.push_str("\n)\n{\n");
    text.push_str(&fx.declarations());
    text.push_str(&shared);
    text.push_str(&fx.out);
    text.push_str("}\n\n");
    fx.out = text;
}

/// Declares the entry's parameters ([`params`]) and loads each into its registers: arrays into
/// `fx.arrays`, captured scalars into their variables.
fn load_params(fx: &mut Fx<'_>, l: &PrangeLoop, info: &LoopInfo, name: &str) -> Loaded {
    let k = fx.k;
    let mut load = String::new();
    let (flag, code) = (fx.reg(Class::B64), fx.reg(Class::B32));
    let mut loaded =
        Loaded { decl: Vec::new(), flag, code, starts: Vec::new(), counts: Vec::new(), partials: Vec::new() };
    let decl = &mut loaded.decl;
    for (n, p) in params(k, l, info).iter().enumerate() {
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
                if matches!(p, Param::Start(_)) { loaded.starts.push(r) } else { loaded.counts.push(r) }
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
                loaded.partials.push((idx, r));
            }
        }
    }
    fx.out.push_str(&load);
    loaded
}

/// The grid-stride loop over the iterations (`idx` from the thread's global index, by the
/// grid's size), with the body unrolled four times where [`element_wise`], the failure exit
/// (which sets the flag) and the `done` label the reductions follow.
fn grid_stride_loop(fx: &mut Fx<'_>, l: &PrangeLoop, info: &LoopInfo, loaded: &Loaded) -> Thread {
    let (starts, counts) = (&loaded.starts, &loaded.counts);
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
    fx.fail = Some((fail.clone(), loaded.code));
    let positions = positions(fx, counts, idx, stride);
    fx.prange = l.dims.iter().map(|d| d.var).collect();
    hoisted_checks(fx, info, starts, counts);
    if positions.len() == 1 && element_wise(l, info) {
        unrolled_by_four(fx, l, &positions, starts, (idx, stride, total), &head);
        fx.prange_continue = cont.clone();
    }
    fx.label(&head);
    let p = fx.reg(Class::Pred);
    fx.ins(format_args!("setp.ge.u64 {p}, {idx}, {total}"));
    fx.ins(format_args!("@{p} bra {done}"));
    iteration(fx, l, &positions, starts);
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
    let (flag, code) = (loaded.flag, loaded.code);
    fx.ins(format_args!("red.global.max.u32 [{flag}], {code}"));
    fx.label(&done);
    Thread { tid, ntid, ctaid }
}

/// The thread's position in the iterations: `[idx]` for a 1-D loop; for a 2-D one, divided out
/// once per thread (and once for the stride) as `[row, col, stride rows, stride cols, n1]`;
/// each step then adds the stride's rows and columns with a carry, with no division in the loop.
fn positions(fx: &mut Fx<'_>, counts: &[Reg], idx: Reg, stride: Reg) -> Vec<Reg> {
    match counts {
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
    }
}

/// A 1-D loop runs four iterations per trip while at least four are left for the thread
/// (iterations idx, idx + stride, ..., in the order of the plain loop, so reductions give
/// the same bits): with the bounds checks hoisted before, the loads of the four are
/// independent and ptxas can have them in flight together. The plain loop at `head` does
/// the rest.
fn unrolled_by_four(
    fx: &mut Fx<'_>,
    l: &PrangeLoop,
    positions: &[Reg],
    starts: &[Reg],
    (idx, stride, total): (Reg, Reg, Reg),
    head: &str,
) {
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
        iteration(fx, l, positions, starts);
        if jumps {
            fx.label(&next);
        }
        fx.ins(format_args!("add.u64 {idx}, {idx}, {stride}"));
    }
    fx.end_deferring();
    fx.ins(format_args!("bra {main}"));
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
