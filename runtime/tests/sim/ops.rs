//! Each instruction of the subset against Rust's (or the PTX ISA's) semantics, on awkward
//! values: signed zeros, subnormals, infinities, NaN, extreme integers, shifts past the width.

use super::harness::{Harness, R, eval, same32, same64};

const F64S: [f64; 20] = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    1.5,
    -2.5,
    3.0,
    1e-310,
    -1e-310,
    f64::MIN_POSITIVE,
    f64::MAX,
    -f64::MAX,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    1e300,
    0.1,
    9007199254740993.0,
    -7.0e-5,
];

const F32S: [f32; 18] = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    1.5,
    -2.5,
    3.0,
    1e-40,
    -1e-40,
    f32::MIN_POSITIVE,
    f32::MAX,
    -f32::MAX,
    f32::INFINITY,
    f32::NEG_INFINITY,
    f32::NAN,
    0.1,
    16777217.0,
];

const I32S: [i32; 14] = [0, 1, 2, 7, -1, -7, i32::MIN, i32::MAX, 0x1234_5678, 31, 32, 33, 100, -100_000];
const I64S: [i64; 14] =
    [0, 1, 2, 7, -1, -7, i64::MIN, i64::MAX, 0x1234_5678_9abc_def0, 63, 64, 65, 1 << 40, -(1 << 40)];

/// PTX's `min`/`max` on floats: NaN gives the other operand; -0.0 orders below +0.0.
fn ptx_min(a: f64, b: f64) -> f64 {
    match (a.is_nan(), b.is_nan()) {
        (true, _) => b,
        (_, true) => a,
        _ if a == 0.0 && b == 0.0 => {
            if a.is_sign_negative() {
                a
            } else {
                b
            }
        }
        _ => {
            if a < b {
                a
            } else {
                b
            }
        }
    }
}

fn ptx_max(a: f64, b: f64) -> f64 {
    match (a.is_nan(), b.is_nan()) {
        (true, _) => b,
        (_, true) => a,
        _ if a == 0.0 && b == 0.0 => {
            if a.is_sign_negative() {
                b
            } else {
                a
            }
        }
        _ => {
            if a > b {
                a
            } else {
                b
            }
        }
    }
}

type F64Bin = fn(f64, f64) -> f64;

#[test]
fn f64_binary_operations_round_like_rust() {
    let ops: [(&str, F64Bin); 10] = [
        ("add.rn.f64", |a, b| a + b),
        ("sub.rn.f64", |a, b| a - b),
        ("mul.rn.f64", |a, b| a * b),
        ("div.rn.f64", |a, b| a / b),
        ("add.f64", |a, b| a + b),
        ("sub.f64", |a, b| a - b),
        ("mul.f64", |a, b| a * b),
        ("min.f64", ptx_min),
        ("max.f64", ptx_max),
        ("copysign.f64", |a, b| b.copysign(a)),
    ];
    for (name, f) in ops {
        let mut h = Harness::new(&format!("{name} %fd0, %fd1, %fd2"), &[R::F64, R::F64], R::F64);
        for a in F64S {
            for b in F64S {
                let got = f64::from_bits(h.eval(&[a.to_bits(), b.to_bits()]));
                assert!(same64(got, f(a, b)), "{name} {a:e} {b:e}: {got:e}, expected {:e}", f(a, b));
                if name.starts_with("m") && a == 0.0 && b == 0.0 {
                    assert_eq!(got.to_bits(), f(a, b).to_bits(), "{name} of signed zeros");
                }
            }
        }
    }
}

#[test]
fn f32_binary_operations_round_like_rust() {
    type F32Bin = fn(f32, f32) -> f32;
    let ops: [(&str, F32Bin); 11] = [
        ("add.rn.f32", |a, b| a + b),
        ("sub.rn.f32", |a, b| a - b),
        ("mul.rn.f32", |a, b| a * b),
        ("div.rn.f32", |a, b| a / b),
        ("mul.f32", |a, b| a * b),
        ("div.full.f32", |a, b| a / b),
        ("div.approx.f32", |a, b| a / b),
        ("min.f32", |a, b| ptx_min(a.into(), b.into()) as f32),
        ("max.f32", |a, b| ptx_max(a.into(), b.into()) as f32),
        ("copysign.f32", |a, b| b.copysign(a)),
        ("add.f32", |a, b| a + b),
    ];
    for (name, f) in ops {
        let mut h = Harness::new(&format!("{name} %f0, %f1, %f2"), &[R::F32, R::F32], R::F32);
        for a in F32S {
            for b in F32S {
                let got = f32::from_bits(h.eval(&[a.to_bits().into(), b.to_bits().into()]) as u32);
                assert!(same32(got, f(a, b)), "{name} {a:e} {b:e}: {got:e}, expected {:e}", f(a, b));
            }
        }
    }
}

#[test]
fn fma_is_fused() {
    let mut h = Harness::new("fma.rn.f64 %fd0, %fd1, %fd2, %fd3", &[R::F64, R::F64, R::F64], R::F64);
    for a in F64S {
        for b in [0.1, -3.0, f64::INFINITY, 1e-310] {
            for c in [-0.01, 0.0, -0.0, f64::NAN, 1e300] {
                let got = f64::from_bits(h.eval(&[a.to_bits(), b.to_bits(), c.to_bits()]));
                assert!(same64(got, a.mul_add(b, c)), "fma {a:e} {b:e} {c:e}");
            }
        }
    }
    // 0.1 * 10 - 1 is exactly 2^-54 only when fused.
    let x = eval(
        "fma.rn.f32 %f0, %f1, %f2, %f3",
        &[(R::F32, 0.1f32.to_bits().into()), (R::F32, 10f32.to_bits().into()), (R::F32, (-1f32).to_bits().into())],
        R::F32,
    );
    assert_eq!(f32::from_bits(x as u32), 0.1f32.mul_add(10.0, -1.0));
    assert_ne!(f32::from_bits(x as u32), 0.0);
}

#[test]
fn unary_float_operations() {
    type F64Un = fn(f64) -> f64;
    let ops: [(&str, F64Un); 5] = [
        ("abs.f64", f64::abs),
        ("neg.f64", |x| -x),
        ("sqrt.rn.f64", f64::sqrt),
        ("rcp.rn.f64", |x| 1.0 / x),
        ("cvt.rni.f64.f64", f64::round_ties_even),
    ];
    for (name, f) in ops {
        let mut h = Harness::new(&format!("{name} %fd0, %fd1"), &[R::F64], R::F64);
        for a in F64S {
            let got = h.eval(&[a.to_bits()]);
            assert_eq!(got, f(a).to_bits(), "{name} {a:e}");
        }
    }
    type F32Un = fn(f32) -> f32;
    let ops: [(&str, F32Un); 9] = [
        ("abs.f32", f32::abs),
        ("neg.f32", |x| -x),
        ("sqrt.rn.f32", f32::sqrt),
        ("rcp.rn.f32", |x| 1.0 / x),
        ("cvt.rzi.f32.f32", f32::trunc),
        ("cvt.rmi.f32.f32", f32::floor),
        ("cvt.rpi.f32.f32", f32::ceil),
        ("cvt.rni.f32.f32", f32::round_ties_even),
        ("cvt.f32.f32", |x| x),
    ];
    for (name, f) in ops {
        let mut h = Harness::new(&format!("{name} %f0, %f1"), &[R::F32], R::F32);
        for a in F32S.into_iter().chain([2.5, -0.5, 0.49999997, 8388609.0]) {
            let got = f32::from_bits(h.eval(&[a.to_bits().into()]) as u32);
            assert!(same32(got, f(a)), "{name} {a:e}: {got:e}");
            if !a.is_nan() {
                assert_eq!(got.to_bits(), f(a).to_bits(), "{name} {a:e}: sign");
            }
        }
    }
    for (name, f) in
        [("cvt.rzi.f64.f64", f64::trunc as F64Un), ("cvt.rmi.f64.f64", f64::floor), ("cvt.rpi.f64.f64", f64::ceil)]
    {
        let mut h = Harness::new(&format!("{name} %fd0, %fd1"), &[R::F64], R::F64);
        for a in F64S.into_iter().chain([-0.5, 2.5, 4503599627370497.5]) {
            let got = f64::from_bits(h.eval(&[a.to_bits()]));
            assert!(same64(got, f(a)) && (a.is_nan() || got.to_bits() == f(a).to_bits()), "{name} {a:e}");
        }
    }
}

#[test]
fn approximate_instructions_are_within_the_gpu_bounds() {
    type F64Un = fn(f64) -> f64;
    let ops: [(&str, F64Un); 4] = [("sin", f64::sin), ("cos", f64::cos), ("ex2", f64::exp2), ("lg2", f64::log2)];
    for (name, f) in ops {
        let mut h = Harness::new(&format!("{name}.approx.f32 %f0, %f1"), &[R::F32], R::F32);
        for k in -400..=400 {
            let x = k as f32 * 0.0078125 * if name == "lg2" { -1.0 } else { 1.0 };
            let x = if name == "lg2" { x.abs() + 1e-3 } else { x };
            let got = f32::from_bits(h.eval(&[x.to_bits().into()]) as u32);
            let exact = f(x.into());
            let err = (f64::from(got) - exact).abs();
            // sin/cos: absolute 2^-20.9 on [-pi, pi]; ex2/lg2: 2 ulp (here: correctly rounded).
            let bound = if matches!(name, "ex2" | "lg2") { exact.abs() * 2f64.powi(-23) } else { 2f64.powi(-21) };
            assert!(err <= bound.max(1e-30), "{name}.approx {x}: {got} vs {exact}");
        }
        for (x, want) in [(f32::INFINITY, f(f64::INFINITY)), (f32::NAN, f64::NAN), (-0.0, f(-0.0))] {
            let got = f32::from_bits(h.eval(&[x.to_bits().into()]) as u32);
            assert!(same32(got, want as f32), "{name}.approx {x}: {got}");
        }
    }
}

#[test]
fn setp_compares_ordered_and_unordered() {
    use std::cmp::Ordering::*;
    type Test = fn(Option<std::cmp::Ordering>) -> bool;
    let cmps: [(&str, Test); 14] = [
        ("eq", |o| o == Some(Equal)),
        ("ne", |o| matches!(o, Some(Less | Greater))),
        ("lt", |o| o == Some(Less)),
        ("le", |o| matches!(o, Some(Less | Equal))),
        ("gt", |o| o == Some(Greater)),
        ("ge", |o| matches!(o, Some(Greater | Equal))),
        ("equ", |o| matches!(o, None | Some(Equal))),
        ("neu", |o| o != Some(Equal)),
        ("ltu", |o| matches!(o, None | Some(Less))),
        ("leu", |o| o != Some(Greater)),
        ("gtu", |o| matches!(o, None | Some(Greater))),
        ("geu", |o| o != Some(Less)),
        ("num", |o| o.is_some()),
        ("nan", |o| o.is_none()),
    ];
    for (c, f) in cmps {
        let mut h = Harness::new(&format!("setp.{c}.f64 %p0, %fd1, %fd2"), &[R::F64, R::F64], R::P);
        let mut h32 = Harness::new(&format!("setp.{c}.f32 %p0, %f1, %f2"), &[R::F32, R::F32], R::P);
        for a in F64S {
            for b in F64S {
                assert_eq!(h.eval(&[a.to_bits(), b.to_bits()]) != 0, f(a.partial_cmp(&b)), "setp.{c}.f64 {a} {b}");
                let (x, y) = (a as f32, b as f32);
                let got = h32.eval(&[x.to_bits().into(), y.to_bits().into()]) != 0;
                assert_eq!(got, f(x.partial_cmp(&y)), "setp.{c}.f32 {x} {y}");
            }
        }
    }
    for (c, f) in cmps.iter().take(6) {
        for ty in ["s32", "u32", "s64", "u64"] {
            let (reg, cls) = if ty.ends_with("32") { ("%r", R::R32) } else { ("%rd", R::R64) };
            let mut h = Harness::new(&format!("setp.{c}.{ty} %p0, {reg}1, {reg}2"), &[cls, cls], R::P);
            for a in I64S {
                for b in [0i64, 1, -1, i64::MIN, 7, a] {
                    let got = h.eval(&[a as u64, b as u64]) != 0;
                    let ord = match ty {
                        "s32" => (a as i32).cmp(&(b as i32)),
                        "u32" => (a as u32).cmp(&(b as u32)),
                        "s64" => a.cmp(&b),
                        _ => (a as u64).cmp(&(b as u64)),
                    };
                    assert_eq!(got, f(Some(ord)), "setp.{c}.{ty} {a} {b}");
                }
            }
        }
    }
}

#[test]
fn selp_and_predication() {
    let mut h = Harness::new("selp.f64 %fd0, %fd1, %fd2, %p3", &[R::F64, R::F64, R::P], R::F64);
    assert_eq!(h.eval(&[1.5f64.to_bits(), 2.5f64.to_bits(), 1]), 1.5f64.to_bits());
    assert_eq!(h.eval(&[1.5f64.to_bits(), 2.5f64.to_bits(), 0]), 2.5f64.to_bits());
    let mut h = Harness::new("selp.u32 %r0, 1, 0, %p1", &[R::P], R::R32);
    assert_eq!((h.eval(&[1]), h.eval(&[0])), (1, 0));
    let mut h = Harness::body(
        "ld.global.u32 %r1, [%rd14];\n\tsetp.ne.u32 %p1, %r1, 0;\n\tmov.u32 %r2, 5;\n\tmov.u32 %r3, 6;\n\
         \t@%p1 mov.u32 %r2, 7;\n\t@!%p1 mov.u32 %r3, 8;\n\tst.global.u32 [%rd15], %r2;\n\tst.global.u32 [%rd15+8], %r3;",
    )
    .unwrap();
    assert_eq!(&h.try_eval(&[1]).unwrap()[..2], &[7, 6]);
    assert_eq!(&h.try_eval(&[0]).unwrap()[..2], &[5, 8]);
}

#[test]
fn integer_arithmetic_wraps() {
    type Op32 = fn(i32, i32) -> i32;
    let ops: [(&str, Op32); 14] = [
        ("add.s32", i32::wrapping_add),
        ("add.u32", i32::wrapping_add),
        ("sub.s32", i32::wrapping_sub),
        ("mul.lo.s32", i32::wrapping_mul),
        ("mul.lo.u32", i32::wrapping_mul),
        ("min.s32", i32::min),
        ("max.s32", i32::max),
        ("min.u32", |a, b| (a as u32).min(b as u32) as i32),
        ("max.u32", |a, b| (a as u32).max(b as u32) as i32),
        ("and.b32", |a, b| a & b),
        ("or.b32", |a, b| a | b),
        ("xor.b32", |a, b| a ^ b),
        ("shl.b32", |a, b| if (b as u32) < 32 { a << b } else { 0 }),
        ("shr.u32", |a, b| if (b as u32) < 32 { ((a as u32) >> b) as i32 } else { 0 }),
    ];
    for (name, f) in ops.into_iter().chain([("shr.s32", (|a, b| a >> (b as u32).min(31)) as Op32)]) {
        let mut h = Harness::new(&format!("{name} %r0, %r1, %r2"), &[R::R32, R::R32], R::R32);
        for a in I32S {
            for b in I32S {
                assert_eq!(h.eval(&[a as u32 as u64, b as u32 as u64]), f(a, b) as u32 as u64, "{name} {a} {b}");
            }
        }
    }
    type Op64 = fn(i64, i64) -> i64;
    let ops: [(&str, Op64); 12] = [
        ("add.s64", i64::wrapping_add),
        ("sub.u64", i64::wrapping_sub),
        ("mul.lo.u64", i64::wrapping_mul),
        ("min.s64", i64::min),
        ("max.u64", |a, b| (a as u64).max(b as u64) as i64),
        ("min.u64", |a, b| (a as u64).min(b as u64) as i64),
        ("max.s64", i64::max),
        ("and.b64", |a, b| a & b),
        ("or.b64", |a, b| a | b),
        ("xor.b64", |a, b| a ^ b),
        ("shr.u64", |a, b| if (b as u32) < 64 { ((a as u64) >> (b as u32)) as i64 } else { 0 }),
        ("shr.s64", |a, b| a >> (b as u32).min(63)),
    ];
    for (name, f) in ops {
        let amount = name.starts_with("sh");
        let src = if amount { "%r2" } else { "%rd2" };
        let cls = if amount { R::R32 } else { R::R64 };
        let mut h = Harness::new(&format!("{name} %rd0, %rd1, {src}"), &[R::R64, cls], R::R64);
        for a in I64S {
            for b in I64S {
                let b = if amount { b as u32 as i64 } else { b };
                assert_eq!(h.eval(&[a as u64, b as u64]), f(a, b) as u64, "{name} {a} {b}");
            }
        }
    }
    let mut h = Harness::new("shl.b64 %rd0, %rd1, %r2", &[R::R64, R::R32], R::R64);
    for a in I64S {
        for b in [0u32, 1, 63, 64, 65, u32::MAX] {
            let want = if b < 64 { (a as u64) << b } else { 0 };
            assert_eq!(h.eval(&[a as u64, b.into()]), want, "shl.b64 {a} {b}");
        }
    }
}

#[test]
fn wide_and_fused_integer_multiplies() {
    let mut h = Harness::new("mul.wide.u32 %rd0, %r1, %r2", &[R::R32, R::R32], R::R64);
    let mut s = Harness::new("mul.wide.s32 %rd0, %r1, %r2", &[R::R32, R::R32], R::R64);
    let mut m = Harness::new("mad.lo.s32 %r0, %r1, %r2, %r3", &[R::R32, R::R32, R::R32], R::R32);
    let mut m64 = Harness::new("mad.lo.u64 %rd0, %rd1, %rd2, %rd3", &[R::R64, R::R64, R::R64], R::R64);
    for a in I32S {
        for b in I32S {
            let (ua, ub) = (u64::from(a as u32), u64::from(b as u32));
            assert_eq!(h.eval(&[ua, ub]), ua * ub);
            assert_eq!(s.eval(&[ua, ub]), (i64::from(a) * i64::from(b)) as u64);
            assert_eq!(m.eval(&[ua, ub, 9]), u64::from(a.wrapping_mul(b).wrapping_add(9) as u32));
            let (wa, wb) = (a as i64 as u64, b as i64 as u64);
            assert_eq!(m64.eval(&[wa, wb, u64::MAX]), wa.wrapping_mul(wb).wrapping_sub(1));
        }
    }
}

#[test]
fn division_and_remainder() {
    for (ty, reg) in [("s32", "%r"), ("u32", "%r"), ("s64", "%rd"), ("u64", "%rd")] {
        let cls = if reg == "%r" { R::R32 } else { R::R64 };
        let mut div = Harness::new(&format!("div.{ty} {reg}0, {reg}1, {reg}2"), &[cls, cls], cls);
        let mut rem = Harness::new(&format!("rem.{ty} {reg}0, {reg}1, {reg}2"), &[cls, cls], cls);
        for a in I64S {
            for b in I64S.into_iter().filter(|b| *b != 0).chain([-1]) {
                let (q, r) = match ty {
                    "s32" => {
                        let (a, b) = (a as i32, b as i32);
                        if b == 0 {
                            continue;
                        }
                        (a.wrapping_div(b) as u32 as u64, a.wrapping_rem(b) as u32 as u64)
                    }
                    "u32" => {
                        let (a, b) = (a as u32, b as u32);
                        if b == 0 {
                            continue;
                        }
                        (u64::from(a / b), u64::from(a % b))
                    }
                    "s64" => (a.wrapping_div(b) as u64, a.wrapping_rem(b) as u64),
                    _ => ((a as u64) / (b as u64), (a as u64) % (b as u64)),
                };
                let mask = if cls == R::R32 { 0xffff_ffff } else { u64::MAX };
                let args = [a as u64 & mask, b as u64 & mask];
                assert_eq!(div.eval(&args), q, "div.{ty} {a} {b}");
                assert_eq!(rem.eval(&args), r, "rem.{ty} {a} {b}");
            }
        }
        let e = div.try_eval(&[5, 0]).unwrap_err();
        assert_eq!(e.kind(), kernelize_runtime::sim::SimErrorKind::Other);
        assert!(e.message().contains("division by zero"), "{e}");
    }
}

#[test]
fn integer_unary_operations() {
    for a in I32S {
        let x = a as u32 as u64;
        assert_eq!(eval("abs.s32 %r0, %r1", &[(R::R32, x)], R::R32), a.wrapping_abs() as u32 as u64);
        assert_eq!(eval("neg.s32 %r0, %r1", &[(R::R32, x)], R::R32), a.wrapping_neg() as u32 as u64);
        assert_eq!(eval("not.b32 %r0, %r1", &[(R::R32, x)], R::R32), !a as u32 as u64);
    }
    for a in I64S {
        assert_eq!(eval("abs.s64 %rd0, %rd1", &[(R::R64, a as u64)], R::R64), a.wrapping_abs() as u64);
        assert_eq!(eval("neg.s64 %rd0, %rd1", &[(R::R64, a as u64)], R::R64), a.wrapping_neg() as u64);
        assert_eq!(eval("not.b64 %rd0, %rd1", &[(R::R64, a as u64)], R::R64), !a as u64);
    }
    for (a, b) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
        let both = [(R::P, a), (R::P, b)];
        assert_eq!(eval("and.pred %p0, %p1, %p2", &both, R::P), a & b);
        assert_eq!(eval("or.pred %p0, %p1, %p2", &both, R::P), a | b);
        assert_eq!(eval("xor.pred %p0, %p1, %p2", &both, R::P), a ^ b);
        assert_eq!(eval("not.pred %p0, %p1", &both[..1], R::P), 1 - a);
    }
}

#[test]
fn integer_conversions_truncate_and_extend() {
    type Case = (&'static str, R, R, fn(u64) -> u64);
    let cases: [Case; 10] = [
        ("cvt.u32.u64 %r0, %rd1", R::R64, R::R32, |v| v & 0xffff_ffff),
        ("cvt.s64.s32 %rd0, %r1", R::R32, R::R64, |v| v as u32 as i32 as i64 as u64),
        ("cvt.u64.u32 %rd0, %r1", R::R32, R::R64, |v| v & 0xffff_ffff),
        ("cvt.s32.s8 %r0, %r1", R::R32, R::R32, |v| v as u8 as i8 as i32 as u32 as u64),
        ("cvt.s32.s16 %r0, %r1", R::R32, R::R32, |v| v as u16 as i16 as i32 as u32 as u64),
        ("cvt.u32.u8 %r0, %r1", R::R32, R::R32, |v| v & 0xff),
        ("cvt.u32.u16 %r0, %r1", R::R32, R::R32, |v| v & 0xffff),
        ("cvt.s8.s32 %r0, %r1", R::R32, R::R32, |v| v as u8 as i8 as i32 as u32 as u64),
        ("cvt.s64.s8 %rd0, %r1", R::R32, R::R64, |v| v as u8 as i8 as i64 as u64),
        ("cvt.u64.s32 %rd0, %r1", R::R32, R::R64, |v| v as u32 as i32 as i64 as u64),
    ];
    for (ins, from, to, f) in cases {
        let mut h = Harness::new(ins, &[from], to);
        for v in I64S.map(|x| x as u64).into_iter().chain([0x80, 0xff, 0x7f, 0x8000, 0xffff, 0x1234_5680]) {
            let v = if from == R::R32 { v & 0xffff_ffff } else { v };
            assert_eq!(h.eval(&[v]), f(v), "{ins} {v:#x}");
        }
    }
}

#[test]
fn conversions_between_integers_and_floats() {
    let ints = I64S.into_iter().chain([u64::MAX as i64, (1 << 53) + 1, (1 << 24) + 1, -(1 << 62) - 1]);
    for v in ints {
        let x = v as u64;
        let lo = x & 0xffff_ffff;
        let f32_of = |ins: &str, bits: u64, from: R| f32::from_bits(eval(ins, &[(from, bits)], R::F32) as u32);
        let f64_of = |ins: &str, bits: u64, from: R| f64::from_bits(eval(ins, &[(from, bits)], R::F64));
        assert_eq!(f32_of("cvt.rn.f32.s64 %f0, %rd1", x, R::R64), v as f32);
        assert_eq!(f32_of("cvt.rn.f32.u64 %f0, %rd1", x, R::R64), x as f32);
        assert_eq!(f32_of("cvt.rn.f32.s32 %f0, %r1", lo, R::R32), lo as u32 as i32 as f32);
        assert_eq!(f32_of("cvt.rn.f32.u32 %f0, %r1", lo, R::R32), lo as u32 as f32);
        assert_eq!(f64_of("cvt.rn.f64.s64 %fd0, %rd1", x, R::R64), v as f64);
        assert_eq!(f64_of("cvt.rn.f64.u64 %fd0, %rd1", x, R::R64), x as f64);
        assert_eq!(f64_of("cvt.rn.f64.s32 %fd0, %r1", lo, R::R32), f64::from(lo as u32 as i32));
        assert_eq!(f64_of("cvt.rn.f64.u32 %fd0, %r1", lo, R::R32), lo as f64);
    }
    // Float to integer: round as the modifier says, saturate, NaN to 0.
    let specials = F64S.into_iter().chain([2.5, -2.5, -0.5, 0.5, 4294967295.5, -2147483648.5, 1e20, -1e20, 1.9999]);
    for x in specials {
        for (rnd, round) in [
            ("rzi", f64::trunc as fn(f64) -> f64),
            ("rni", f64::round_ties_even),
            ("rmi", f64::floor),
            ("rpi", f64::ceil),
        ] {
            let r = round(x);
            let clamp = |lo: f64, hi: f64| if x.is_nan() { 0.0 } else { r.clamp(lo, hi) };
            let want = [
                ("s32", clamp(i32::MIN.into(), i32::MAX.into()) as i32 as u32 as u64),
                ("u32", clamp(0.0, u32::MAX.into()) as u32 as u64),
                ("s64", clamp(-9.223372036854776e18, 9.223372036854776e18) as i64 as u64),
                ("u64", clamp(0.0, 1.8446744073709552e19) as u64),
            ];
            for (ty, want) in want {
                let (reg, cls) = if ty.ends_with("32") { ("%r0", R::R32) } else { ("%rd0", R::R64) };
                let got = eval(&format!("cvt.{rnd}.{ty}.f64 {reg}, %fd1"), &[(R::F64, x.to_bits())], cls);
                assert_eq!(got, want, "cvt.{rnd}.{ty}.f64 {x:e}");
                let xf = x as f32;
                if f64::from(xf) == x || x.is_nan() {
                    let got = eval(&format!("cvt.{rnd}.{ty}.f32 {reg}, %f1"), &[(R::F32, xf.to_bits().into())], cls);
                    assert_eq!(got, want, "cvt.{rnd}.{ty}.f32 {xf:e}");
                }
            }
        }
    }
    for x in F64S {
        let got = f32::from_bits(eval("cvt.rn.f32.f64 %f0, %fd1", &[(R::F64, x.to_bits())], R::F32) as u32);
        assert!(same32(got, x as f32), "cvt.rn.f32.f64 {x:e}");
    }
    for x in F32S {
        let got = f64::from_bits(eval("cvt.f64.f32 %fd0, %f1", &[(R::F32, x.to_bits().into())], R::F64));
        assert!(same64(got, x.into()), "cvt.f64.f32 {x:e}");
    }
}

#[test]
fn moves_split_join_and_reinterpret() {
    let body = "ld.global.u64 %rd1, [%rd14];\n\tmov.b64 {%r1, %r2}, %rd1;\n\tmov.b64 %fd1, {%r2, %r1};\n\
                \tst.global.u32 [%rd15], %r1;\n\tst.global.u32 [%rd15+8], %r2;\n\tst.global.f64 [%rd15+16], %fd1;\n\
                \tmov.b32 %f1, %r1;\n\tmov.b32 %r3, %f1;\n\tst.global.u32 [%rd15+24], %r3;\n\
                \tmov.b64 %fd2, %rd1;\n\tmov.f64 %fd3, %fd2;\n\tmov.b64 %rd2, %fd3;\n\tst.global.u64 [%rd15+32], %rd2;";
    let mut h = Harness::body(body).unwrap();
    let out = h.try_eval(&[0x1122_3344_5566_7788]).unwrap();
    assert_eq!(out[..5], [0x5566_7788, 0x1122_3344, 0x5566_7788_1122_3344, 0x5566_7788, 0x1122_3344_5566_7788]);
}

#[test]
fn immediates_in_every_notation() {
    let cases: [(&str, R, u64); 12] = [
        ("mov.b32 %r0, 0xffffffff", R::R32, 0xffff_ffff),
        ("mov.b32 %r0, -1", R::R32, 0xffff_ffff),
        ("mov.u64 %rd0, -1", R::R64, u64::MAX),
        ("mov.b64 %rd0, 0x8000000000000000", R::R64, 1 << 63),
        ("mov.u32 %r0, 017", R::R32, 15),
        ("mov.u32 %r0, 0b101", R::R32, 5),
        ("mov.u32 %r0, 42U", R::R32, 42),
        ("mov.f32 %f0, 0f3F800000", R::F32, 0x3f80_0000),
        ("mov.f64 %fd0, 0dBFF0000000000000", R::F64, 0xbff0_0000_0000_0000),
        ("mov.f64 %fd0, 1.5", R::F64, 0x3ff8_0000_0000_0000),
        ("mov.f64 %fd0, -0d0000000000000000", R::F64, 1 << 63),
        ("add.s32 %r0, %r1, -3", R::R32, (7 - 3) as u64),
    ];
    for (ins, out, want) in cases {
        let inputs: &[(R, u64)] = if ins.contains("%r1") { &[(R::R32, 7)] } else { &[] };
        assert_eq!(eval(ins, inputs, out), want, "{ins}");
    }
    let e = Harness::try_new("mov.b32 %r0, 0x1ffffffff", &[], R::R32).unwrap_err();
    assert!(e.message().contains("does not fit"), "{e}");
}

#[test]
fn loads_and_stores_of_every_width() {
    // Memory at [%rd14]: 80 ff 7f 01 fe ff ff ff | 00 00 00 00 00 00 f0 bf
    let input = [0xffff_fffe_017f_ff80u64, 0xbff0_0000_0000_0000];
    let loads = [
        ("ld.global.u8 %r0, [%rd14]", R::R32, 0x80u64),
        ("ld.global.s8 %r0, [%rd14]", R::R32, 0xffff_ff80),
        ("ld.global.s8 %rd0, [%rd14]", R::R64, 0xffff_ffff_ffff_ff80),
        ("ld.global.nc.u8 %r0, [%rd14+2]", R::R32, 0x7f),
        ("ld.global.u16 %r0, [%rd14]", R::R32, 0xff80),
        ("ld.global.s16 %r0, [%rd14]", R::R32, 0xffff_ff80),
        ("ld.global.s16 %r0, [%rd14+2]", R::R32, 0x017f),
        ("ld.global.u32 %r0, [%rd14+4]", R::R32, 0xffff_fffe),
        ("ld.global.s32 %r0, [%rd14+4]", R::R32, 0xffff_fffe),
        ("ld.global.b32 %r0, [%rd14]", R::R32, 0x017f_ff80),
        ("ld.global.u64 %rd0, [%rd14]", R::R64, 0xffff_fffe_017f_ff80),
        ("ld.global.nc.s64 %rd0, [%rd14+8]", R::R64, 0xbff0_0000_0000_0000),
        ("ld.global.f64 %fd0, [%rd14+8]", R::F64, 0xbff0_0000_0000_0000),
        ("ld.global.nc.f32 %f0, [%rd14+12]", R::F32, 0xbff0_0000),
        ("ld.u16 %r0, [%rd14+14]", R::R32, 0xbff0),
    ];
    for (ins, out, want) in loads {
        let mut h = Harness::try_new(ins, &[], out).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(h.try_eval(&input).unwrap()[0], want, "{ins}");
    }
    // Stores write their width only: the register's other bits stay out of memory.
    let stores = [
        ("st.global.u8", "%r1", 1),
        ("st.global.s8", "%r1", 1),
        ("st.global.u16", "%r1", 2),
        ("st.global.s16", "%r1", 2),
        ("st.global.u32", "%r1", 4),
        ("st.global.f32", "%r1", 4),
        ("st.global.u64", "%rd2", 8),
        ("st.global.s64", "%rd2", 8),
        ("st.global.f64", "%rd2", 8),
        ("st.global.b8", "%r1", 1),
    ];
    for (st, reg, bytes) in stores {
        let body = format!(
            "mov.b32 %r1, 0x89abcdef;\n\tmov.b64 %rd2, 0x0123456789abcdef;\n\tmov.b64 %rd3, -1;\n\
             \tst.global.u64 [%rd15], %rd3;\n\tst.global.u64 [%rd15+8], %rd3;\n\t{st} [%rd15+8], {reg};"
        );
        let mut h = Harness::body(&body).unwrap();
        let out = h.try_eval(&[]).unwrap();
        let mask = if bytes == 8 { u64::MAX } else { (1u64 << (8 * bytes)) - 1 };
        assert_eq!(out[0], u64::MAX);
        assert_eq!(out[1], (0x0123_4567_89ab_cdef & mask) | !mask, "{st}");
    }
}

#[test]
fn special_registers_describe_the_launch() {
    use super::harness::{HEADER, download, launch};
    use kernelize_runtime::sim::Memory;
    let ptx = format!(
        "{HEADER}.visible .entry ids(.param .u64 out)\n{{\n\t.reg .b32 %r<8>;\n\t.reg .b64 %rd<4>;\n\
         \tld.param.u64 %rd0, [out];\n\tmov.u32 %r0, %tid.x;\n\tmov.u32 %r1, %ntid.x;\n\tmov.u32 %r2, %ctaid.x;\n\
         \tmov.u32 %r3, %nctaid.x;\n\tmov.u32 %r4, %laneid;\n\tmov.u32 %r5, %tid.y;\n\tmov.u32 %r6, %ntid.z;\n\
         \tmad.lo.u32 %r7, %r2, %r1, %r0;\n\tmul.wide.u32 %rd1, %r7, 32;\n\tadd.u64 %rd1, %rd1, %rd0;\n\
         \tst.global.u32 [%rd1], %r0;\n\tst.global.u32 [%rd1+4], %r1;\n\tst.global.u32 [%rd1+8], %r2;\n\
         \tst.global.u32 [%rd1+12], %r3;\n\tst.global.u32 [%rd1+16], %r4;\n\tst.global.u32 [%rd1+20], %r5;\n\
         \tst.global.u32 [%rd1+24], %r6;\n\tret;\n}}\n"
    );
    let mut mem = Memory::new();
    let out = mem.alloc(3 * 64 * 32);
    launch(&mut mem, &ptx, "ids", (3, 64), &[out]).unwrap();
    let v = download::<u32>(&mem, out, 3 * 64 * 8);
    for g in 0..3 * 64u32 {
        let row = &v[g as usize * 8..g as usize * 8 + 7];
        assert_eq!(row, [g % 64, 64, g / 64, 3, g % 32, 0, 1], "thread {g}");
    }
}

#[test]
fn shuffles_follow_the_ptx_lane_arithmetic() {
    use super::harness::{HEADER, download, launch};
    use kernelize_runtime::sim::Memory;
    for (mode, b, c) in [
        ("down", 1, 31),
        ("down", 16, 31),
        ("down", 3, 7),
        ("up", 3, 0),
        ("bfly", 5, 31),
        ("idx", 7, 31),
        ("idx", 33, 0x1f10),
    ] {
        let ptx = format!(
            "{HEADER}.visible .entry s(.param .u64 out)\n{{\n\t.reg .pred %p<2>;\n\t.reg .b32 %r<6>;\n\t.reg .b64 %rd<3>;\n\
             \tld.param.u64 %rd0, [out];\n\tmov.u32 %r0, %tid.x;\n\tmad.lo.u32 %r1, %r0, 10, 1;\n\
             \tshfl.sync.{mode}.b32 %r2|%p0, %r1, {b}, {c}, -1;\n\tselp.u32 %r3, 1, 0, %p0;\n\
             \tmul.wide.u32 %rd1, %r0, 8;\n\tadd.u64 %rd1, %rd1, %rd0;\n\tst.global.u32 [%rd1], %r2;\n\
             \tst.global.u32 [%rd1+4], %r3;\n\tret;\n}}\n"
        );
        let mut mem = Memory::new();
        let out = mem.alloc(64 * 8);
        launch(&mut mem, &ptx, "s", (1, 64), &[out]).unwrap();
        let v = download::<u32>(&mem, out, 128);
        for tid in 0..64u32 {
            let lane = tid % 32;
            // The PTX ISA's pseudo-code of shfl.sync.
            let (bval, cval, seg) = (b & 31, c & 31, (c >> 8) & 31);
            let max_lane = (lane & seg) | (cval & !seg);
            let (j, ok) = match mode {
                "up" => (lane as i32 - bval as i32, lane as i32 - bval as i32 >= max_lane as i32),
                "down" => ((lane + bval) as i32, lane + bval <= max_lane),
                "bfly" => ((lane ^ bval) as i32, lane ^ bval <= max_lane),
                _ => {
                    let j = (lane & seg) | (bval & !seg);
                    (j as i32, j <= max_lane)
                }
            };
            let src = if ok { tid - lane + j as u32 } else { tid };
            assert_eq!(v[2 * tid as usize], src * 10 + 1, "shfl.{mode} b={b} c={c:#x} tid {tid}");
            assert_eq!(v[2 * tid as usize + 1], u32::from(ok), "shfl.{mode} predicate, tid {tid}");
        }
    }
}
