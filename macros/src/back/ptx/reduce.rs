//! Reductions on the GPU: each thread's identity, the warp's shuffle tree, the block's combine
//! through shared memory, and the partial thread 0 writes. `RedOp` says what each operator's
//! identity and combine are (`analyze`); this file maps them to PTX.

use super::fx::Fx;
use super::regs::{self, Class, Reg, class, mem, param_type};
use crate::analyze::{Combine, Identity, RedOp};
use crate::ir::Scalar;
use proc_macro2::Span;

/// Threads per block the reductions are written for at most (32 warps).
pub const MAX_WARPS: u64 = 32;

/// A reduction's identity in a new register.
pub fn identity(fx: &mut Fx<'_>, op: RedOp, s: Scalar) -> Reg {
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
pub fn block_reduce(
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
