//! One thread's interpreter: runs instructions in one frame until the thread calls, returns,
//! reaches a `shfl.sync` or a `bar.sync`, exits, or faults. The launch (`launch.rs`) does
//! the rest: frames, warps and blocks.

use super::arith::{self, test, width_mask};
use super::error::{Fault, SimErrorKind};
use super::inst::{Inst, Kind, NO_GUARD, Op, Round, special};
use super::memory::{Access, Global};
use super::shared::{Shared, local_load, local_store};

/// Why [`run`] returned; the thread's `pc` is at that instruction.
pub(super) enum Stop {
    /// `call` of this call site.
    Call(u32),
    Ret,
    Exit,
    Shfl,
    Bar,
}

/// What a thread's instructions reach besides its registers.
pub(super) struct Env<'a, 'm> {
    pub global: &'a mut Global<'m>,
    /// Constant memory (the module's `.const` tables), from `decode::CONST_BASE`.
    pub consts: &'a [u8],
    pub shared: &'a mut Shared,
    pub local: &'a mut [u8],
    /// The current frame's first byte of local memory.
    pub local_base: u64,
    pub tid: u32,
    pub ntid: u32,
    pub ctaid: u32,
    pub nctaid: u32,
}

/// A load of `kind` at `addr` of constant memory, checked against the tables' extent.
fn const_load(consts: &[u8], addr: u64, kind: Kind) -> Result<u64, Fault> {
    let n = kind.bytes();
    let off = addr.wrapping_sub(super::decode::CONST_BASE);
    if addr < super::decode::CONST_BASE || off.saturating_add(u64::from(n)) > consts.len() as u64 {
        let m = format!(
            "out-of-bounds constant read of {n} bytes at {addr:#x}: the module's tables hold {} bytes",
            consts.len()
        );
        return Err(Fault::new(SimErrorKind::OutOfBounds, m));
    }
    if !off.is_multiple_of(u64::from(n)) {
        return Err(Fault::new(
            SimErrorKind::Misaligned,
            format!("misaligned constant read of {n} bytes at {addr:#x}"),
        ));
    }
    Ok(kind.extend(super::memory::read_le(consts, off as usize, n)))
}

impl Env<'_, '_> {
    /// The thread's index in the grid (`ctaid * ntid + tid`), as global-memory race tracking
    /// names it (which is off for grids too large for a `u32`).
    #[inline(always)]
    fn who(&self) -> u32 {
        (u64::from(self.ctaid) * u64::from(self.ntid) + u64::from(self.tid)) as u32
    }
}

#[inline(always)]
fn f32_of(x: u64) -> f32 {
    f32::from_bits(x as u32)
}

#[inline(always)]
fn f64_of(x: u64) -> f64 {
    f64::from_bits(x)
}

#[inline(always)]
fn of_f32(x: f32) -> u64 {
    u64::from(x.to_bits())
}

#[inline(always)]
fn of_u32(x: u32) -> u64 {
    u64::from(x)
}

#[inline(always)]
fn of_i32(x: i32) -> u64 {
    u64::from(x as u32)
}

#[inline(always)]
fn i32_of(x: u64) -> i32 {
    x as u32 as i32
}

/// The address `[a + offset]`.
#[inline(always)]
fn address(base: u64, offset: u32) -> u64 {
    base.wrapping_add(offset as i32 as i64 as u64)
}

#[cold]
fn division_by_zero() -> Fault {
    Fault::new(SimErrorKind::Other, "integer division by zero".into())
}

/// Runs frame `f` from `*pc` until a [`Stop`], adding the instructions executed (those whose
/// guard is false included) to `count`.
pub(super) fn run(
    code: &[Inst],
    f: &mut [u64],
    pc: &mut u32,
    env: &mut Env<'_, '_>,
    count: &mut u64,
) -> Result<Stop, Fault> {
    let mut p = *pc as usize;
    let mut n = 0u64;
    let result = loop {
        let i = code[p];
        n += 1;
        if i.guard != NO_GUARD && (f[(i.guard >> 1) as usize] != 0) == (i.guard & 1 != 0) {
            p += 1;
            continue;
        }
        let (d, a, b, c) = (i.d as usize, i.a as usize, i.b as usize, i.c as usize);
        match i.op {
            Op::Mov => f[d] = f[a],
            Op::Special => f[d] = of_u32(special::value(i.a, env.tid, env.ntid, env.ctaid, env.nctaid)),
            Op::Split => {
                let v = f[a];
                f[d] = v & 0xffff_ffff;
                f[c] = v >> 32;
            }
            Op::Join => f[d] = (f[a] & 0xffff_ffff) | (f[b] << 32),
            Op::LocalAddr => f[d] = env.local_base + u64::from(i.a),
            Op::Add32 => f[d] = of_u32((f[a] as u32).wrapping_add(f[b] as u32)),
            Op::Add64 => f[d] = f[a].wrapping_add(f[b]),
            Op::Sub32 => f[d] = of_u32((f[a] as u32).wrapping_sub(f[b] as u32)),
            Op::Sub64 => f[d] = f[a].wrapping_sub(f[b]),
            Op::MulLo32 => f[d] = of_u32((f[a] as u32).wrapping_mul(f[b] as u32)),
            Op::MulLo64 => f[d] = f[a].wrapping_mul(f[b]),
            Op::MulWideU32 => f[d] = (f[a] & 0xffff_ffff) * (f[b] & 0xffff_ffff),
            Op::MulWideS32 => f[d] = (i64::from(i32_of(f[a])) * i64::from(i32_of(f[b]))) as u64,
            Op::MadLo32 => f[d] = of_u32((f[a] as u32).wrapping_mul(f[b] as u32).wrapping_add(f[c] as u32)),
            Op::MadLo64 => f[d] = f[a].wrapping_mul(f[b]).wrapping_add(f[c]),
            Op::DivU32 | Op::DivS32 | Op::DivU64 | Op::DivS64 | Op::RemU32 | Op::RemS32 | Op::RemU64 | Op::RemS64 => {
                match divide(i.op, f[a], f[b]) {
                    Some(v) => f[d] = v,
                    None => break Err(division_by_zero()),
                }
            }
            Op::And => f[d] = f[a] & f[b],
            Op::Or => f[d] = f[a] | f[b],
            Op::Xor => f[d] = f[a] ^ f[b],
            Op::Not32 => f[d] = !f[a] & 0xffff_ffff,
            Op::Not64 => f[d] = !f[a],
            Op::NotPred => f[d] = f[a] ^ 1,
            Op::Shl32 => f[d] = (f[a] as u32).checked_shl(f[b] as u32).map_or(0, of_u32),
            Op::Shl64 => f[d] = f[a].checked_shl(f[b] as u32).unwrap_or(0),
            Op::ShrU32 => f[d] = (f[a] as u32).checked_shr(f[b] as u32).map_or(0, of_u32),
            Op::ShrS32 => f[d] = of_i32(i32_of(f[a]) >> (f[b] as u32).min(31)),
            Op::ShrU64 => f[d] = f[a].checked_shr(f[b] as u32).unwrap_or(0),
            Op::ShrS64 => f[d] = ((f[a] as i64) >> (f[b] as u32).min(63)) as u64,
            Op::MinU32 => f[d] = f[a].min(f[b]),
            Op::MinS32 => f[d] = of_i32(i32_of(f[a]).min(i32_of(f[b]))),
            Op::MinU64 => f[d] = f[a].min(f[b]),
            Op::MinS64 => f[d] = (f[a] as i64).min(f[b] as i64) as u64,
            Op::MaxU32 => f[d] = f[a].max(f[b]),
            Op::MaxS32 => f[d] = of_i32(i32_of(f[a]).max(i32_of(f[b]))),
            Op::MaxU64 => f[d] = f[a].max(f[b]),
            Op::MaxS64 => f[d] = (f[a] as i64).max(f[b] as i64) as u64,
            Op::AbsS32 => f[d] = of_i32(i32_of(f[a]).wrapping_abs()),
            Op::AbsS64 => f[d] = (f[a] as i64).wrapping_abs() as u64,
            Op::NegS32 => f[d] = of_i32(i32_of(f[a]).wrapping_neg()),
            Op::NegS64 => f[d] = (f[a] as i64).wrapping_neg() as u64,
            Op::SetpU32 | Op::SetpU64 => f[d] = test(i.aux, Some(f[a].cmp(&f[b]))),
            Op::SetpS32 => f[d] = test(i.aux, Some(i32_of(f[a]).cmp(&i32_of(f[b])))),
            Op::SetpS64 => f[d] = test(i.aux, Some((f[a] as i64).cmp(&(f[b] as i64)))),
            Op::SetpF32 => f[d] = test(i.aux, f32_of(f[a]).partial_cmp(&f32_of(f[b]))),
            Op::SetpF64 => f[d] = test(i.aux, f64_of(f[a]).partial_cmp(&f64_of(f[b]))),
            Op::Selp => f[d] = if f[c] != 0 { f[a] } else { f[b] },
            Op::AddF32 => f[d] = of_f32(f32_of(f[a]) + f32_of(f[b])),
            Op::AddF64 => f[d] = (f64_of(f[a]) + f64_of(f[b])).to_bits(),
            Op::SubF32 => f[d] = of_f32(f32_of(f[a]) - f32_of(f[b])),
            Op::SubF64 => f[d] = (f64_of(f[a]) - f64_of(f[b])).to_bits(),
            Op::MulF32 => f[d] = of_f32(f32_of(f[a]) * f32_of(f[b])),
            Op::MulF64 => f[d] = (f64_of(f[a]) * f64_of(f[b])).to_bits(),
            Op::FmaF32 => f[d] = of_f32(f32_of(f[a]).mul_add(f32_of(f[b]), f32_of(f[c]))),
            Op::FmaF64 => f[d] = f64_of(f[a]).mul_add(f64_of(f[b]), f64_of(f[c])).to_bits(),
            Op::DivF32 => f[d] = of_f32(f32_of(f[a]) / f32_of(f[b])),
            Op::DivF64 => f[d] = (f64_of(f[a]) / f64_of(f[b])).to_bits(),
            Op::DivApproxF32 => f[d] = of_f32(arith::div_approx(f32_of(f[a]), f32_of(f[b]))),
            Op::NegF32 => f[d] = of_f32(-f32_of(f[a])),
            Op::NegF64 => f[d] = (-f64_of(f[a])).to_bits(),
            Op::AbsF32 => f[d] = of_f32(f32_of(f[a]).abs()),
            Op::AbsF64 => f[d] = f64_of(f[a]).abs().to_bits(),
            Op::MinF32 => f[d] = of_f32(arith::min_f32(f32_of(f[a]), f32_of(f[b]))),
            Op::MinF64 => f[d] = arith::min_f64(f64_of(f[a]), f64_of(f[b])).to_bits(),
            Op::MaxF32 => f[d] = of_f32(arith::max_f32(f32_of(f[a]), f32_of(f[b]))),
            Op::MaxF64 => f[d] = arith::max_f64(f64_of(f[a]), f64_of(f[b])).to_bits(),
            Op::SqrtF32 => f[d] = of_f32(f32_of(f[a]).sqrt()),
            Op::SqrtF64 => f[d] = f64_of(f[a]).sqrt().to_bits(),
            Op::RcpF32 => f[d] = of_f32(1.0 / f32_of(f[a])),
            Op::RcpF64 => f[d] = (1.0 / f64_of(f[a])).to_bits(),
            Op::CopysignF32 => f[d] = of_f32(f32_of(f[b]).copysign(f32_of(f[a]))),
            Op::CopysignF64 => f[d] = f64_of(f[b]).copysign(f64_of(f[a])).to_bits(),
            Op::SinF32 => f[d] = of_f32(arith::sin_approx(f32_of(f[a]))),
            Op::CosF32 => f[d] = of_f32(arith::cos_approx(f32_of(f[a]))),
            Op::Ex2F32 => f[d] = of_f32(arith::ex2_approx(f32_of(f[a]))),
            Op::Lg2F32 => f[d] = of_f32(arith::lg2_approx(f32_of(f[a]))),
            Op::CvtInt => {
                let (src, dst) = (Kind::from_bits(i.aux), Kind::from_bits(i.aux >> 4));
                f[d] = dst.extend(src.extend(f[a])) & width_mask(i.b);
            }
            Op::CvtIntF32 => f[d] = of_f32(arith::int_to_f32(f[a], Kind::from_bits(i.aux))),
            Op::CvtIntF64 => f[d] = arith::int_to_f64(f[a], Kind::from_bits(i.aux)).to_bits(),
            Op::CvtF32Int | Op::CvtF64Int => {
                let x = if i.op == Op::CvtF32Int { f64::from(f32_of(f[a])) } else { f64_of(f[a]) };
                let v = arith::float_to_int(x, Kind::from_bits(i.aux), Round::from_bits(i.aux >> 4));
                f[d] = v & width_mask(i.b);
            }
            Op::CvtF64F32 => f[d] = of_f32(f64_of(f[a]) as f32),
            Op::CvtF32F64 => f[d] = f64::from(f32_of(f[a])).to_bits(),
            Op::RoundF32 => f[d] = of_f32(Round::from_bits(i.aux).f32(f32_of(f[a]))),
            Op::RoundF64 => f[d] = Round::from_bits(i.aux).f64(f64_of(f[a])).to_bits(),
            Op::LdGlobal | Op::LdGlobalNc => {
                let how = if i.op == Op::LdGlobal { Access::Read } else { Access::ReadNc };
                match env.global.load(address(f[a], i.c), Kind::from_bits(i.aux), env.who(), how) {
                    Ok(v) => f[d] = v & width_mask(i.b),
                    Err(e) => break Err(e),
                }
            }
            Op::StGlobal => {
                if let Err(e) = env.global.store(address(f[a], i.c), Kind::from_bits(i.aux), f[b], env.who()) {
                    break Err(e);
                }
            }
            Op::RedMaxGlobal => {
                if let Err(e) = env.global.reduce_max(address(f[a], i.c), Kind::from_bits(i.aux), f[b], env.who()) {
                    break Err(e);
                }
            }
            Op::LdShared => match env.shared.load(address(f[a], i.c), Kind::from_bits(i.aux), env.tid) {
                Ok(v) => f[d] = v & width_mask(i.b),
                Err(e) => break Err(e),
            },
            Op::StShared => {
                if let Err(e) = env.shared.store(address(f[a], i.c), Kind::from_bits(i.aux), f[b], env.tid) {
                    break Err(e);
                }
            }
            Op::LdConst => match const_load(env.consts, address(f[a], i.c), Kind::from_bits(i.aux)) {
                Ok(v) => f[d] = v & width_mask(i.b),
                Err(e) => break Err(e),
            },
            Op::LdLocal => match local_load(env.local, local_address(env, f[a], i), Kind::from_bits(i.aux)) {
                Ok(v) => f[d] = v & width_mask(i.b),
                Err(e) => break Err(e),
            },
            Op::StLocal => {
                let at = local_address(env, f[a], i);
                if let Err(e) = local_store(env.local, at, Kind::from_bits(i.aux), f[b]) {
                    break Err(e);
                }
            }
            Op::Bra => {
                p = d;
                continue;
            }
            Op::Call => break Ok(Stop::Call(i.a)),
            Op::Ret => break Ok(Stop::Ret),
            Op::Exit => break Ok(Stop::Exit),
            Op::Bar => break Ok(Stop::Bar),
            Op::Shfl => break Ok(Stop::Shfl),
        }
        p += 1;
    };
    *pc = p as u32;
    *count += n;
    result
}

/// A local access's address: relative to the frame's local memory when the instruction
/// names an array (`aux` bit 7), else the register's address.
#[inline]
fn local_address(env: &Env<'_, '_>, base: u64, i: Inst) -> u64 {
    let base = if i.aux & 0x80 != 0 { env.local_base.wrapping_add(base) } else { base };
    address(base, i.c)
}

/// Integer `div` and `rem`; `None` for a zero divisor. `MIN / -1` wraps, as on the GPU.
fn divide(op: Op, a: u64, b: u64) -> Option<u64> {
    let (a32, b32) = (a as u32, b as u32);
    Some(match op {
        Op::DivU32 => of_u32(a32.checked_div(b32)?),
        Op::RemU32 => of_u32(a32.checked_rem(b32)?),
        Op::DivS32 if b32 != 0 => of_i32((a32 as i32).wrapping_div(b32 as i32)),
        Op::RemS32 if b32 != 0 => of_i32((a32 as i32).wrapping_rem(b32 as i32)),
        Op::DivU64 => a.checked_div(b)?,
        Op::RemU64 => a.checked_rem(b)?,
        Op::DivS64 if b != 0 => (a as i64).wrapping_div(b as i64) as u64,
        Op::RemS64 if b != 0 => (a as i64).wrapping_rem(b as i64) as u64,
        _ => return None,
    })
}
