//! The math functions of the kernel language on the GPU.
//!
//! - One instruction where PTX has an exact one: `abs`, `sqrt` (`sqrt.rn`), `mul_add`
//!   (`fma.rn`), `min`/`max` (which, like Rust's, return the other operand when one is NaN),
//!   `floor`/`ceil`/`trunc` (`cvt.rmi`/`rpi`/`rzi`), `recip` (`rcp.rn`); `round`, `signum`
//!   and `clamp` in a few exact instructions.
//! - The transcendental functions call device functions of kernelize's math library
//!   (`libm.rs` and `libm_f32.rs`, lowered to PTX by the macro's own front end and this back
//!   end). Every function of `f32` runs an `f32` algorithm (`libm_f32.rs`), in `f32`
//!   arithmetic only (consumer GPUs run `f64` at 1/64 of the `f32` rate), within 2 ulp; only a
//!   call whose argument types mix would widen to the `f64` function and round once.
//! - With `fastmath`, `f32` `sin cos tan exp exp2 ln log2 log10` use the GPU's approximate
//!   instructions (`sin.approx`, `cos.approx`, `ex2.approx`, `lg2.approx`), as CUDA's
//!   `--use_fast_math` does: `sin`/`cos` have an absolute error below 2^-20.9 on [-pi, pi]
//!   and grow outside it; `ex2` is within 2 ulp, and `exp` adds the rounding of the scaling
//!   by log2(e) (a relative error near |x| * 2^-24). `lg2.approx` has an *absolute* error of
//!   up to 2^-22.6 (PTX ISA), not a relative one: near x = 1, where the logarithm is near 0,
//!   `ln`, `log2`, `log10` may have no correct digit (`ln(1 + 2^-20)` is about 2^-20, the
//!   error up to 2^-23). The hardware's special-function unit flushes subnormals: the
//!   results of these functions for subnormal arguments or results may be 0.

use super::fx::Fx;
use super::regs::{Class, Reg, arith, f32_imm, f64_imm};
use crate::ir::{MathFn, Scalar};
use proc_macro2::Span;

impl Fx<'_> {
    /// `f(args)` of type `s` (`types` are the arguments' types).
    pub fn math(&mut self, f: MathFn, args: &[Reg], types: &[Scalar], s: Scalar, span: Span) -> Reg {
        lower(self, f, args, types, s, span)
    }
}

fn lower(fx: &mut Fx<'_>, f: MathFn, a: &[Reg], types: &[Scalar], s: Scalar, span: Span) -> Reg {
    let t = arith(s);
    let x = a.first().copied().unwrap_or_else(|| fx.sreg(s));
    let arg = |k: usize| a.get(k).copied().unwrap_or(x);
    let r = fx.sreg(s);
    match f {
        MathFn::Abs if s.is_float() => fx.ins(format_args!("abs.{t} {r}, {x}")),
        MathFn::Abs => {
            fx.ins(format_args!("abs.{t} {r}, {x}"));
            fx.normalize(r, s);
        }
        MathFn::Sqrt => fx.ins(format_args!("sqrt.rn.{t} {r}, {x}")),
        MathFn::MulAdd => fx.ins(format_args!("fma.rn.{t} {r}, {x}, {}, {}", arg(1), arg(2))),
        MathFn::Min => fx.ins(format_args!("min.{t} {r}, {x}, {}", arg(1))),
        MathFn::Max => fx.ins(format_args!("max.{t} {r}, {x}, {}", arg(1))),
        MathFn::Floor => fx.ins(format_args!("cvt.rmi.{t}.{t} {r}, {x}")),
        MathFn::Ceil => fx.ins(format_args!("cvt.rpi.{t}.{t} {r}, {x}")),
        MathFn::Trunc => fx.ins(format_args!("cvt.rzi.{t}.{t} {r}, {x}")),
        MathFn::Recip => fx.ins(format_args!("rcp.rn.{t} {r}, {x}")),
        MathFn::Round => round(fx, r, x, s),
        MathFn::ToBits | MathFn::FromBits => fx.mov_bits(r, x),
        MathFn::Signum => signum(fx, r, x, s),
        MathFn::Clamp => {
            // `if x < lo { lo } else if x > hi { hi } else { x }`: NaN stays NaN.
            let (lo, hi) = (arg(1), arg(2));
            let (p, q) = (fx.reg(Class::Pred), fx.reg(Class::Pred));
            fx.ins(format_args!("setp.lt.{t} {p}, {x}, {lo}"));
            fx.ins(format_args!("setp.gt.{t} {q}, {x}, {hi}"));
            fx.ins(format_args!("selp.{t} {r}, {hi}, {x}, {q}"));
            fx.ins(format_args!("selp.{t} {r}, {lo}, {r}, {p}"));
        }
        _ if fx.fastmath && s == Scalar::F32 && approx(fx, f, r, x) => {}
        _ => return library(fx, f, a, types, s, span),
    }
    r
}

/// Rust's `round`: half away from zero. `x - trunc(x)` is exact, so the test is too.
fn round(fx: &mut Fx<'_>, r: Reg, x: Reg, s: Scalar) {
    let t = arith(s);
    let (tr, d, one) = (fx.sreg(s), fx.sreg(s), fx.sreg(s));
    let p = fx.reg(Class::Pred);
    let (half, unit) = if s == Scalar::F32 { (f32_imm(0.5), f32_imm(1.0)) } else { (f64_imm(0.5), f64_imm(1.0)) };
    fx.ins(format_args!("cvt.rzi.{t}.{t} {tr}, {x}"));
    fx.ins(format_args!("sub.rn.{t} {d}, {x}, {tr}"));
    fx.ins(format_args!("abs.{t} {d}, {d}"));
    fx.ins(format_args!("setp.ge.{t} {p}, {d}, {half}"));
    fx.ins(format_args!("mov.{t} {one}, {unit}"));
    fx.ins(format_args!("copysign.{t} {one}, {x}, {one}"));
    fx.ins(format_args!("add.rn.{t} {d}, {tr}, {one}"));
    fx.ins(format_args!("selp.{t} {r}, {d}, {tr}, {p}"));
}

/// Rust's `signum`: `±1` by the sign bit for floats (NaN stays NaN); `-1`, `0`, `1` for integers.
fn signum(fx: &mut Fx<'_>, r: Reg, x: Reg, s: Scalar) {
    let t = arith(s);
    if s.is_float() {
        let unit = if s == Scalar::F32 { f32_imm(1.0) } else { f64_imm(1.0) };
        let nan = fx.reg(Class::Pred);
        fx.ins(format_args!("mov.{t} {r}, {unit}"));
        fx.ins(format_args!("copysign.{t} {r}, {x}, {r}"));
        fx.ins(format_args!("setp.nan.{t} {nan}, {x}, {x}"));
        fx.ins(format_args!("selp.{t} {r}, {x}, {r}, {nan}"));
        return;
    }
    let (pos, neg) = (fx.reg(Class::Pred), fx.reg(Class::Pred));
    fx.ins(format_args!("setp.gt.{t} {pos}, {x}, 0"));
    fx.ins(format_args!("setp.lt.{t} {neg}, {x}, 0"));
    fx.ins(format_args!("selp.{t} {r}, 1, 0, {pos}"));
    fx.ins(format_args!("selp.{t} {r}, -1, {r}, {neg}"));
    fx.normalize(r, s);
}

/// The approximate `f32` instructions of `fastmath`; false when `f` has none.
fn approx(fx: &mut Fx<'_>, f: MathFn, r: Reg, x: Reg) -> bool {
    let scaled = |fx: &mut Fx<'_>, scale: f32, before: bool, ins: &str| {
        let k = fx.reg(Class::F32);
        if before {
            fx.ins(format_args!("mul.f32 {k}, {x}, {}", f32_imm(scale)));
            fx.ins(format_args!("{ins}.approx.f32 {r}, {k}"));
        } else {
            fx.ins(format_args!("{ins}.approx.f32 {k}, {x}"));
            fx.ins(format_args!("mul.f32 {r}, {k}, {}", f32_imm(scale)));
        }
    };
    match f {
        MathFn::Sin => fx.ins(format_args!("sin.approx.f32 {r}, {x}")),
        MathFn::Cos => fx.ins(format_args!("cos.approx.f32 {r}, {x}")),
        MathFn::Tan => {
            let (sn, cs) = (fx.reg(Class::F32), fx.reg(Class::F32));
            fx.ins(format_args!("sin.approx.f32 {sn}, {x}"));
            fx.ins(format_args!("cos.approx.f32 {cs}, {x}"));
            fx.ins(format_args!("div.approx.f32 {r}, {sn}, {cs}"));
        }
        MathFn::Exp2 => fx.ins(format_args!("ex2.approx.f32 {r}, {x}")),
        MathFn::Log2 => fx.ins(format_args!("lg2.approx.f32 {r}, {x}")),
        MathFn::Exp => scaled(fx, std::f32::consts::LOG2_E, true, "ex2"),
        MathFn::Ln => scaled(fx, std::f32::consts::LN_2, false, "lg2"),
        MathFn::Log10 => scaled(fx, std::f32::consts::LOG10_2, false, "lg2"),
        _ => return false,
    }
    true
}

/// A call of the math library's device function: its `f32` one where it has one and every
/// argument is `f32`; otherwise the `f64` one, `f32` arguments widened and the result rounded
/// once.
fn library(fx: &mut Fx<'_>, f: MathFn, a: &[Reg], types: &[Scalar], s: Scalar, span: Span) -> Reg {
    if s == Scalar::F32
        && types.first() == Some(&Scalar::F32)
        && types.iter().all(|&t| t == Scalar::F32 || (f == MathFn::Powi && t == Scalar::I32))
        && let Some(name) = library_name_f32(f)
    {
        let args: Vec<(Reg, Scalar)> = a.iter().copied().zip(types.iter().copied()).collect();
        return fx.call(name, &args, Scalar::F32);
    }
    let Some(name) = library_name(f) else {
        fx.error(span, format_args!("internal: `{}` has no GPU lowering", f.name()));
        return fx.sreg(s);
    };
    let args: Vec<(Reg, Scalar)> = a
        .iter()
        .zip(types)
        .map(|(&r, &t)| {
            if t == Scalar::F32 {
                let w = fx.reg(Class::F64);
                fx.ins(format_args!("cvt.f64.f32 {w}, {r}"));
                (w, Scalar::F64)
            } else {
                (r, t)
            }
        })
        .collect();
    let v = fx.call(name, &args, Scalar::F64);
    if s == Scalar::F32 {
        let r = fx.reg(Class::F32);
        fx.ins(format_args!("cvt.rn.f32.f64 {r}, {v}"));
        return r;
    }
    v
}

/// The name of a math function's device function in `libm.rs` (the std name), if it has one.
pub fn library_name(f: MathFn) -> Option<&'static str> {
    use MathFn::*;
    let in_library = matches!(
        f,
        Cbrt | Exp
            | Exp2
            | ExpM1
            | Ln
            | Ln1p
            | Log2
            | Log10
            | Sin
            | Cos
            | Tan
            | Tanh
            | Sinh
            | Cosh
            | Asin
            | Acos
            | Atan
            | Atan2
            | Powi
            | Powf
            | Hypot
    );
    in_library.then(|| f.name())
}

/// The name of a math function's `f32` device function in `libm_f32.rs`, if it has one.
pub fn library_name_f32(f: MathFn) -> Option<&'static str> {
    use MathFn::*;
    Some(match f {
        Exp => "exp_f32",
        Exp2 => "exp2_f32",
        Ln => "ln_f32",
        Log2 => "log2_f32",
        Log10 => "log10_f32",
        Sin => "sin_f32",
        Cos => "cos_f32",
        Tan => "tan_f32",
        Tanh => "tanh_f32",
        ExpM1 => "exp_m1_f32",
        Ln1p => "ln_1p_f32",
        Sinh => "sinh_f32",
        Cosh => "cosh_f32",
        Cbrt => "cbrt_f32",
        Hypot => "hypot_f32",
        Powf => "powf_f32",
        Powi => "powi_f32",
        Atan => "atan_f32",
        Atan2 => "atan2_f32",
        Asin => "asin_f32",
        Acos => "acos_f32",
        _ => return None,
    })
}
