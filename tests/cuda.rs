//! The `cuda` variant against `serial`, on a GPU when one is present, or on the PTX simulator
//! (`KERNELIZE_TARGET=cuda_sim cargo test --features cuda_sim --test cuda`, as CI does).
//!
//! Without a usable GPU each GPU test prints `skipped: <reason>` and passes, unless
//! `KERNELIZE_REQUIRE_GPU=1`, which makes it fail: runs meant to use a GPU cannot pass by
//! skipping. What needs no GPU is tested everywhere: the error a `cuda` call returns where
//! there is none, and that dispatch then stays on the CPU.
//!
//! Tolerances: element-wise kernels without `fastmath` compute with the same operations in the
//! same order (`.rn` arithmetic, no contraction), so they match bit for bit, except where a
//! math function is called: the GPU runs kernelize's math library (within 4 ulp of the exact
//! result, `kernelize::math`'s table) where `serial` runs the platform's libm (within 1 ulp), so
//! those results agree within 5 ulp. Reductions are re-associated (per thread, warp, block), so
//! sums are checked against the bound `n * eps * sum(|x|)` of `common::assert_sum_close_f64`.
//! `fastmath` f32 `sin`/`cos` use `sin.approx`/`cos.approx`: absolute error below 2^-20.9 on
//! [-pi, pi] (PTX ISA), checked with 2^-20.

mod common;

use common::{Rng, assert_all_eq, assert_sum_close_f64};
use kernelize::ndarray::{Array1, Array2, ArrayView1, ArrayView2, ArrayViewMut1, ArrayViewMut2, s};
use kernelize::{kernel, prange};

#[kernel(parallel, fastmath, cuda)]
pub fn go_fast(a: &[f64], out: &mut [f64]) -> f64 {
    let mut trace = 0.0;
    for i in prange(0..a.len()) {
        trace += a[i].tanh();
    }
    for i in prange(0..a.len()) {
        out[i] = a[i] + trace;
    }
    trace
}

#[kernel(parallel, cuda)]
pub fn axpy(alpha: f32, x: &[f32], y: &mut [f32]) {
    for i in prange(0..x.len()) {
        y[i] = alpha * x[i] + y[i];
    }
}

#[kernel(cuda)]
pub fn stats(a: &[f64]) -> (f64, f64, f64, f64) {
    let mut sum = 0.0;
    let mut prod = 1.0;
    let mut hi = f64::NEG_INFINITY;
    let mut lo = f64::INFINITY;
    for i in prange(0..a.len()) {
        sum += a[i];
        prod *= 1.0 + a[i] * 1e-3;
        hi = hi.max(a[i]);
        lo = lo.min(a[i]);
    }
    (sum, prod, hi, lo)
}

#[kernel(cuda)]
pub fn int_stats(a: &[i64], b: &[u32], flags: &[bool]) -> (i64, u32, u32, bool, bool) {
    let mut sum = 0i64;
    let mut or = 0u32;
    let mut xor = 0u32;
    let mut any = false;
    let mut all = true;
    for i in prange(0..a.len()) {
        sum += a[i] / 3 - a[i] % 7;
        or |= b[i] >> 3;
        xor ^= b[i];
        any |= flags[i];
        all &= flags[i];
    }
    (sum, or, xor, any, all)
}

#[kernel(parallel, cuda)]
pub fn heat_step(u: ArrayView2<f64>, mut next: ArrayViewMut2<f64>, alpha: f64) {
    for i in prange(1..u.nrows() - 1) {
        for j in prange(1..u.ncols() - 1) {
            next[[i, j]] =
                u[[i, j]] + alpha * (u[[i - 1, j]] + u[[i + 1, j]] + u[[i, j - 1]] + u[[i, j + 1]] - 4.0 * u[[i, j]]);
        }
    }
}

#[kernel(parallel, cuda)]
pub fn mandelbrot(re: &[f64], im: &[f64], iters: &mut [u32], limit: u32) {
    for p in prange(0..re.len()) {
        let (cr, ci) = (re[p], im[p]);
        let mut zr = 0.0;
        let mut zi = 0.0;
        let mut k = 0;
        while k < limit {
            let t = zr * zr - zi * zi + cr;
            zi = 2.0 * zr * zi + ci;
            zr = t;
            if zr * zr + zi * zi > 4.0 {
                break;
            }
            k += 1;
        }
        iters[p] = k;
    }
}

#[kernel(fastmath, cuda)]
pub fn waves(x: &[f32], out: &mut [f32]) {
    for i in prange(0..x.len()) {
        out[i] = x[i].sin() * x[i].cos();
    }
}

#[kernel(fastmath, cuda)]
pub fn logs(x: &[f32], out: &mut [f32]) {
    for i in prange(0..x.len()) {
        out[i] = x[i].ln();
    }
}

#[kernel(cuda)]
pub fn math_f64(x: &[f64], y: &[f64], out: &mut Array2<f64>) {
    for i in prange(0..x.len()) {
        let (a, b) = (x[i], y[i]);
        out[[i, 0]] = a.exp();
        out[[i, 1]] = b.ln();
        out[[i, 2]] = a.sin();
        out[[i, 3]] = a.cos();
        out[[i, 4]] = a.tanh();
        out[[i, 5]] = a.atan2(b);
        out[[i, 6]] = b.powf(a);
        out[[i, 7]] = b.sqrt();
        out[[i, 8]] = a.exp_m1();
        out[[i, 9]] = b.ln_1p();
        out[[i, 10]] = a.cbrt();
        out[[i, 11]] = a.hypot(b);
        out[[i, 12]] = a.round();
        out[[i, 13]] = a.floor();
    }
}

/// The `f32` functions that have `f32` algorithms on the GPU.
#[kernel(cuda)]
pub fn math_f32(x: &[f32], y: &[f32], out: &mut Array2<f32>) {
    for i in prange(0..x.len()) {
        let a = x[i];
        out[[i, 9]] = a.exp_m1();
        out[[i, 10]] = a.ln_1p();
        out[[i, 11]] = a.sinh();
        out[[i, 12]] = a.cosh();
        out[[i, 13]] = a.cbrt();
        out[[i, 14]] = a.hypot(y[i]);
        out[[i, 15]] = a.powf(y[i]);
        out[[i, 16]] = a.powi(i as i32 % 61 - 30);
        out[[i, 17]] = a.atan();
        out[[i, 18]] = a.asin();
        out[[i, 19]] = a.acos();
        out[[i, 20]] = a.atan2(y[i]);
        out[[i, 0]] = a.exp();
        out[[i, 1]] = a.exp2();
        out[[i, 2]] = a.ln();
        out[[i, 3]] = a.log2();
        out[[i, 4]] = a.log10();
        out[[i, 5]] = a.sin();
        out[[i, 6]] = a.cos();
        out[[i, 7]] = a.tan();
        out[[i, 8]] = a.tanh();
    }
}

/// The GPU's `f32` math library, compiled for the CPU: the GPU must compute the same bits.
#[path = "../macros/src/back/ptx/libm_f32.rs"]
#[allow(dead_code)]
mod libm_f32;

#[kernel(parallel, fastmath, cuda)]
pub fn norm(a: &[f32], out: &mut [f32]) -> f32 {
    if a.is_empty() {
        return 0.0;
    }
    let mut s = 0.0f32;
    for i in prange(0..a.len()) {
        s += a[i] * a[i];
    }
    let r = s.sqrt();
    for i in prange(0..a.len()) {
        out[i] = a[i] / r;
    }
    r
}

#[kernel(cuda)]
pub fn scale_view(a: ArrayView1<f64>, mut out: ArrayViewMut1<f64>, k: f64) {
    for i in prange(0..a.len()) {
        out[i] = k * a[i];
    }
}

#[kernel(cuda)]
pub fn transpose_add(a: ArrayView2<f64>, out: &mut Array2<f64>, k: f64) {
    for i in prange(0..a.nrows()) {
        for j in prange(0..a.ncols()) {
            out[[j, i]] = a[[i, j]] + k;
        }
    }
}

/// Reads one element past the end of `a` in its last iteration.
#[kernel(cuda)]
pub fn shifted(a: &[f64], out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[i] = a[i + 1];
    }
}

#[kernel(cuda)]
pub fn smooth(a: &[f64], out: &mut [f64], n: usize) {
    for i in prange(1..n) {
        out[i] = 0.25 * a[i - 1] + 0.5 * a[i] + 0.25 * a[i + 1];
    }
}

#[kernel(cuda)]
pub fn trig(x: &[f64], mut out: ArrayViewMut2<f64>) {
    for i in prange(0..x.len()) {
        out[[i, 0]] = x[i].sin();
        out[[i, 1]] = x[i].cos();
    }
}

#[kernel(cuda)]
pub fn ratio(a: &[i32], b: &[i32], out: &mut [i32]) {
    for i in prange(0..a.len()) {
        out[i] = a[i] / b[i];
    }
}

const SIZES: [usize; 7] = [0, 1, 31, 33, 257, 1000, 100_003];

/// Whether the GPU tests run; prints why not, or panics where a GPU is required.
fn gpu() -> bool {
    if kernelize::cuda::is_available() {
        return true;
    }
    let why = kernelize::cuda::device().err().map_or_else(|| "no GPU".to_owned(), |e| e.to_string());
    assert!(
        std::env::var("KERNELIZE_REQUIRE_GPU").as_deref() != Ok("1"),
        "KERNELIZE_REQUIRE_GPU=1 but the GPU cannot be used: {why}"
    );
    eprintln!("skipped: {why}");
    false
}

fn within_ulps(what: &str, got: f64, want: f64, ulps: f64) {
    if got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()) {
        return;
    }
    let ulp = (want.abs() * f64::EPSILON).max(f64::MIN_POSITIVE);
    assert!((got - want).abs() <= ulps * ulp, "{what}: got {got:e}, want {want:e} (more than {ulps} ulp apart)");
}

/// Two `match` lookup tables (read from `.const` memory on the GPU): a 32-bit key, compared and
/// scaled as 32 bits, and a 64-bit one; negative keys and keys past the table take the default.
#[kernel(cuda)]
pub fn lookups(k: &[i32], u: &[u64], small: &mut [u32], wide: &mut [u64]) {
    for i in prange(0..k.len()) {
        small[i] = match k[i] {
            0 => 10,
            1 => 20,
            2 => 30,
            4 => 50,
            5 => 60,
            6 => 70,
            7 => 4_000_000_000,
            9 => 100,
            _ => 7,
        };
        wide[i] = match u[i] {
            0 => 0xffff_ffff_ffff,
            1 => 1,
            2 => 2,
            3 => 3,
            4 => 0x8000_0000_0000_0000,
            5 => 5,
            6 => 6,
            8 => 8,
            _ => 9,
        };
    }
}

#[test]
fn without_a_gpu_cuda_returns_an_error_and_dispatch_stays_on_the_cpu() {
    if kernelize::cuda::is_available() {
        eprintln!("skipped: a GPU is present");
        return;
    }
    let a = vec![0.5; 8];
    let mut out = vec![0.0; 8];
    let e = go_fast::cuda(&a, &mut out).unwrap_err();
    assert_eq!(e.kernel(), Some("go_fast"), "{e}");
    let want = if cfg!(feature = "cuda") { kernelize::ErrorKind::NoDriver } else { kernelize::ErrorKind::CudaDisabled };
    assert_eq!(e.kind(), want, "{e}");
    assert!(e.to_string().contains("go_fast"), "{e}");
    assert_eq!(out, vec![0.0; 8], "nothing was written");
    // Large enough for the GPU, but there is none: the best CPU variant runs.
    let a = vec![0.25; kernelize::CUDA_MIN_ELEMENTS];
    let mut out = vec![0.0; a.len()];
    let trace = go_fast(&a, &mut out);
    assert!(trace > 0.0 && out[0] > 0.25);
}

/// Runs only as a child of `forced_cuda_without_a_gpu_panics_with_the_reason`.
#[test]
fn child_dispatches_go_fast() {
    if std::env::var_os("KERNELIZE_CUDA_CHILD").is_none() {
        return;
    }
    let a = vec![0.5; 16];
    let mut out = vec![0.0; 16];
    let trace = go_fast(&a, &mut out);
    println!("dispatch returned {trace}");
}

#[test]
fn forced_cuda_without_a_gpu_panics_with_the_reason() {
    if kernelize::cuda::is_available() {
        eprintln!("skipped: a GPU (or the simulator) is present");
        return;
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_dispatches_go_fast", "--nocapture", "--test-threads=1"])
        .env("KERNELIZE_CUDA_CHILD", "1")
        .env("KERNELIZE_TARGET", "cuda")
        .output()
        .unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!out.status.success(), "a forced `cuda` without a GPU must not fall back: {said}");
    assert!(said.contains("KERNELIZE_TARGET=cuda, but the GPU cannot be used"), "{said}");
    assert!(!said.contains("dispatch returned"), "{said}");
}

#[test]
fn go_fast_matches_serial() {
    if !gpu() {
        return;
    }
    for n in SIZES {
        let mut rng = Rng::for_case("go_fast", n);
        let a = rng.vec_f64(n, -3.0, 3.0);
        let (mut want, mut got) = (vec![0.0; n], vec![0.0; n]);
        let t_want = go_fast::serial(&a, &mut want);
        let t_got = go_fast::cuda(&a, &mut got).unwrap();
        let abs: f64 = a.iter().map(|x| x.tanh().abs()).sum();
        // tanh itself within 5 ulp each: 5 * eps * |tanh x| per term, bounded by the sum bound.
        assert_sum_close_f64(&format!("trace n={n}"), t_got, t_want, n.max(5), abs);
        for (g, (w, x)) in got.iter().zip(want.iter().zip(&a)) {
            assert_eq!(g.to_bits(), (x + t_got).to_bits(), "out = a + trace, with the GPU's trace");
            let _ = w;
        }
    }
}

#[test]
fn axpy_matches_serial_bit_for_bit() {
    if !gpu() {
        return;
    }
    for n in SIZES {
        let mut rng = Rng::for_case("axpy", n);
        let x = rng.vec_f32(n, -1.0, 1.0);
        let y0 = rng.vec_f32(n, -1.0, 1.0);
        let (mut want, mut got) = (y0.clone(), y0);
        axpy::serial(1.5, &x, &mut want);
        axpy::cuda(1.5, &x, &mut got).unwrap();
        let (w, g): (Vec<u32>, Vec<u32>) =
            (want.iter().map(|v| v.to_bits()).collect(), got.iter().map(|v| v.to_bits()).collect());
        assert_all_eq(&format!("axpy n={n}"), &g, &w);
    }
}

#[test]
fn reductions_match_serial() {
    if !gpu() {
        return;
    }
    for n in SIZES {
        let mut rng = Rng::for_case("stats", n);
        let a = rng.vec_f64(n, -100.0, 100.0);
        let want = stats::serial(&a);
        let got = stats::cuda(&a).unwrap();
        let abs: f64 = a.iter().map(|x| x.abs()).sum();
        assert_sum_close_f64(&format!("sum n={n}"), got.0, want.0, n, abs);
        within_ulps(&format!("product n={n}"), got.1, want.1, 2.0 * n as f64 + 1.0);
        assert_eq!((got.2, got.3), (want.2, want.3), "max and min are exact");
        assert_eq!(stats::cuda(&a).unwrap().0.to_bits(), got.0.to_bits(), "the same on every run");
        let ints = rng.vec_i64(n, -1_000_000, 1_000_000);
        let words: Vec<u32> = (0..n).map(|_| rng.next_u64() as u32).collect();
        let flags: Vec<bool> = (0..n).map(|_| rng.below(3) > 0).collect();
        assert_eq!(int_stats::cuda(&ints, &words, &flags).unwrap(), int_stats::serial(&ints, &words, &flags));
    }
}

#[test]
fn heat_step_matches_serial_on_views() {
    if !gpu() {
        return;
    }
    for (rows, cols) in [(2, 2), (3, 40), (65, 33), (300, 257)] {
        let mut rng = Rng::for_case("heat", rows * 1000 + cols);
        let u = rng.array2(cols, rows, 0.0, 1.0);
        let u = u.t(); // a transposed, strided view
        // Not zeros: the border, which the step does not write, must come back as it was.
        let (mut want, mut got) = (Array2::from_elem((rows, cols), 7.0), Array2::from_elem((rows, cols), 7.0));
        heat_step::serial(u, want.view_mut(), 0.2);
        heat_step::cuda(u, got.view_mut(), 0.2).unwrap();
        let (w, g): (Vec<u64>, Vec<u64>) =
            (want.iter().map(|v| v.to_bits()).collect(), got.iter().map(|v| v.to_bits()).collect());
        assert_all_eq(&format!("heat {rows}x{cols}"), &g, &w);
    }
}

#[test]
fn device_arrays_stay_on_the_gpu() {
    if !gpu() {
        return;
    }
    let dev = kernelize::cuda::device().unwrap();
    let mut rng = Rng::for_case("resident", 0);
    let grid = rng.array2(70, 90, 0.0, 1.0);
    let (mut u, mut v) = (dev.upload_matrix(grid.view()).unwrap(), dev.upload_matrix(grid.view()).unwrap());
    let (mut hu, mut hv) = (grid.clone(), grid.clone());
    for _ in 0..10 {
        heat_step::cuda_device(&u, &mut v, 0.2).unwrap();
        std::mem::swap(&mut u, &mut v);
        heat_step::serial(hu.view(), hv.view_mut(), 0.2);
        std::mem::swap(&mut hu, &mut hv);
    }
    let got = u.to_array().unwrap();
    let (w, g): (Vec<u64>, Vec<u64>) =
        (hu.iter().map(|v| v.to_bits()).collect(), got.iter().map(|v| v.to_bits()).collect());
    assert_all_eq("10 resident steps", &g, &w);
}

#[test]
fn mandelbrot_matches_serial_exactly() {
    if !gpu() {
        return;
    }
    for n in SIZES {
        let mut rng = Rng::for_case("mandelbrot", n);
        let re = rng.vec_f64(n, -2.0, 0.6);
        let im = rng.vec_f64(n, -1.2, 1.2);
        let (mut want, mut got) = (vec![0u32; n], vec![0u32; n]);
        mandelbrot::serial(&re, &im, &mut want, 200);
        mandelbrot::cuda(&re, &im, &mut got, 200).unwrap();
        assert_all_eq(&format!("mandelbrot n={n}"), &got, &want);
    }
}

#[test]
fn approximate_f32_sin_cos_within_the_documented_error() {
    if !gpu() {
        return;
    }
    let mut rng = Rng::for_case("waves", 0);
    let x = rng.vec_f32(10_007, -std::f32::consts::PI, std::f32::consts::PI);
    let (mut want, mut got) = (vec![0.0; x.len()], vec![0.0; x.len()]);
    waves::serial(&x, &mut want);
    waves::cuda(&x, &mut got).unwrap();
    for (k, (g, w)) in got.iter().zip(&want).enumerate() {
        // |sin cos| <= 1, each factor off by < 2^-20: the product by < 2^-19.
        assert!((g - w).abs() <= 2f32.powi(-19), "x = {}: got {g}, want {w}", x[k]);
    }
}

/// `sin` and `cos` of huge arguments (Payne–Hanek's reduction, whose bits of 2/pi the PTX reads
/// from a `.const` table): within 5 ulp of std from 1.6e6 to f64::MAX.
#[test]
fn trig_of_huge_arguments_within_5_ulp_of_std() {
    if !gpu() {
        return;
    }
    let mut rng = Rng::for_case("huge trig", 0);
    let mut x: Vec<f64> = (0..4000).map(|_| f64::from_bits((rng.next_u64() >> 2) | 0x4130_0000_0000_0000)).collect();
    x.retain(|v| v.is_finite());
    x.extend([1.6e6, 1.6000001e6, 1e22, f64::MAX, -f64::MAX, 2f64.powi(1000), -1e300, 5.3e9]);
    let (mut want, mut got) = (Array2::<f64>::zeros((x.len(), 2)), Array2::<f64>::zeros((x.len(), 2)));
    for (i, &v) in x.iter().enumerate() {
        want[[i, 0]] = v.sin();
        want[[i, 1]] = v.cos();
    }
    trig::cuda(&x, got.view_mut()).unwrap();
    for ((i, f), g) in got.indexed_iter() {
        within_ulps(&format!("{} at x = {:e}", ["sin", "cos"][f], x[i]), *g, want[[i, f]], 5.0);
    }
    assert!(trig::PTX.contains(".const .align 8 .b64"), "the table in constant memory");
}

/// `fastmath` f32 `ln` goes through `lg2.approx`, whose error is absolute (2^-22.6, PTX ISA),
/// not relative: near x = 1 the bound is on `|got - ln x|`, scaled by ln 2, plus the rounding
/// of the scaling multiply (half an ulp of the result). Arguments from 1 - 2^-10 to 1 + 2^-10
/// in steps of ulps of 1, and across [0.5, 2].
#[test]
fn approximate_f32_logs_have_an_absolute_error_near_one() {
    if !gpu() {
        return;
    }
    let mut x: Vec<f32> = (-1024..=1024).map(|k| 1.0 + k as f32 * f32::EPSILON / 2.0).collect();
    x.extend((0..4096).map(|k| 0.5 + 1.5 * k as f32 / 4096.0));
    let mut got = vec![0.0; x.len()];
    logs::cuda(&x, &mut got).unwrap();
    let bound = |want: f64| 2f64.powf(-22.6) * std::f64::consts::LN_2 + want.abs() * f64::from(f32::EPSILON);
    for (&x, &g) in x.iter().zip(&got) {
        let want = f64::from(x).ln();
        assert!((f64::from(g) - want).abs() <= bound(want), "ln({x:e}): got {g:e}, want {want:e}");
    }
}

#[test]
fn math_library_on_the_gpu_within_5_ulp_of_std() {
    if !gpu() {
        return;
    }
    let n = 20_011;
    let mut rng = Rng::for_case("math", n);
    let mut x = rng.vec_f64(n, -20.0, 20.0);
    let y = rng.vec_f64(n, 0.0, 30.0);
    rng.sprinkle_specials(&mut x, 97);
    let (mut want, mut got) = (Array2::<f64>::zeros((n, 14)), Array2::<f64>::zeros((n, 14)));
    math_f64::serial(&x, &y, &mut want);
    math_f64::cuda(&x, &y, &mut got).unwrap();
    for ((i, f), g) in got.indexed_iter() {
        within_ulps(&format!("function {f} at x = {:e}, y = {:e}", x[i], y[i]), *g, want[[i, f]], 5.0);
    }
}

/// `f32` functions run `f32` algorithms (no `f64` in the module): the same bits as the library
/// compiled for the CPU (the PTX is the same operations, FMAs fused and nothing else), and
/// within 3 ulp of std's (ours within 2 of the exact result, `runtime/tests/ulp_libm_ptx_f32.rs`;
/// std's within 1).
#[test]
fn f32_math_on_the_gpu_is_the_f32_library() {
    if !gpu() {
        return;
    }
    assert!(!math_f32::PTX.contains(".f64"), "no f64 arithmetic for f32 functions");
    let n = 20_011;
    let mut rng = Rng::for_case("math f32", n);
    let mut x: Vec<f32> = (0..n)
        .map(|i| match i % 3 {
            0 => Some(f32::from_bits(rng.next_u64() as u32)).map(|v| if v.is_nan() { f32::NAN } else { v }).unwrap(),
            1 => rng.f32_in(-12.0, 12.0),
            _ => rng.f32_in(0.0, 1.0e6),
        })
        .collect();
    x.extend([0.0, -0.0, 1.0, -1.0, f32::MIN_POSITIVE, 1e-40, f32::MAX, f32::INFINITY, f32::NEG_INFINITY, f32::NAN]);
    let y: Vec<f32> = x.iter().rev().copied().collect();
    let mut got = Array2::<f32>::zeros((x.len(), 21));
    math_f32::cuda(&x, &y, &mut got).unwrap();
    type F = fn(f32) -> f32;
    let functions: [(&str, F, F); 17] = [
        ("exp", libm_f32::exp_f32, f32::exp),
        ("exp2", libm_f32::exp2_f32, f32::exp2),
        ("ln", libm_f32::ln_f32, f32::ln),
        ("log2", libm_f32::log2_f32, f32::log2),
        ("log10", libm_f32::log10_f32, f32::log10),
        ("sin", libm_f32::sin_f32, f32::sin),
        ("cos", libm_f32::cos_f32, f32::cos),
        ("tan", libm_f32::tan_f32, f32::tan),
        ("tanh", libm_f32::tanh_f32, f32::tanh),
        ("exp_m1", libm_f32::exp_m1_f32, f32::exp_m1),
        ("ln_1p", libm_f32::ln_1p_f32, f32::ln_1p),
        ("sinh", libm_f32::sinh_f32, f32::sinh),
        ("cosh", libm_f32::cosh_f32, f32::cosh),
        ("cbrt", libm_f32::cbrt_f32, f32::cbrt),
        ("atan", libm_f32::atan_f32, f32::atan),
        ("asin", libm_f32::asin_f32, f32::asin),
        ("acos", libm_f32::acos_f32, f32::acos),
    ];
    for ((i, f), &g) in got.indexed_iter() {
        // columns 0..14 and 17..20 are functions of x, 14..17 and 20 of x and y
        let unary = match f {
            0..14 => Some(f),
            17..20 => Some(f - 3),
            _ => None,
        };
        let (name, lib, want) = match unary.and_then(|u| functions.get(u)) {
            Some(&(name, library, std)) => (name, library(x[i]), std(x[i])),
            None if f == 20 => ("atan2", libm_f32::atan2_f32(x[i], y[i]), x[i].atan2(y[i])),
            // (no signaling NaN among the inputs: std's f32 hypot differs there)
            None if f == 14 => ("hypot", libm_f32::hypot_f32(x[i], y[i]), x[i].hypot(y[i])),
            None if f == 15 => ("powf", libm_f32::powf_f32(x[i], y[i]), x[i].powf(y[i])),
            // (std's f32 powi multiplies repeatedly: compared with powf, exact for these n)
            None => {
                let n = i as i32 % 61 - 30;
                ("powi", libm_f32::powi_f32(x[i], n), x[i].powf(n as f32))
            }
        };
        let what = format!("{name}({:e} = {:#x}, y = {:e})", x[i], x[i].to_bits(), y[i]);
        assert!(g.to_bits() == lib.to_bits() || (g.is_nan() && lib.is_nan()), "{what}: GPU {g:e}, library {lib:e}");
        if !want.is_finite() || want == 0.0 {
            assert!(g.to_bits() == want.to_bits() || (g.is_nan() && want.is_nan()), "{what}: GPU {g:e}, std {want:e}");
            continue;
        }
        // an f32 ulp at `want`: 2^(e - 23) in [2^e, 2^(e+1)), 2^-149 for subnormals
        let ulp = (f64::from(f32::from_bits(want.to_bits() & 0x7f80_0000)) * 2f64.powi(-23)).max(2f64.powi(-149));
        let err = (f64::from(g) - f64::from(want)).abs() / ulp;
        assert!(err <= 3.0, "{what}: GPU {g:e}, std {want:e}: {err:.2} ulp");
    }
}

#[test]
fn norm_and_transpose_match_serial() {
    if !gpu() {
        return;
    }
    for n in SIZES {
        let mut rng = Rng::for_case("norm", n);
        let a = rng.vec_f32(n, -1.0, 1.0);
        let (mut want, mut got) = (vec![0.0f32; n], vec![0.0f32; n]);
        let r_want = norm::serial(&a, &mut want);
        // fastmath: the sum of squares re-associated (f32, n terms), and `/` as `div.full.f32`
        // (2 ulp): within n * eps * sum + 2 ulp of the quotient.
        let r_got = norm::cuda(&a, &mut got).unwrap();
        let bound = (n as f32 + 2.0) * f32::EPSILON * r_want * r_want;
        assert!(
            (r_got * r_got - r_want * r_want).abs() <= bound.max(f32::MIN_POSITIVE),
            "norm n={n}: {r_got} vs {r_want}"
        );
        for (g, x) in got.iter().zip(&a) {
            let exact = x / r_got;
            assert!((g - exact).abs() <= 2.0 * f32::EPSILON * exact.abs(), "{g} vs {exact}");
        }
    }
    let mut rng = Rng::for_case("transpose", 0);
    let a = rng.array2(37, 70, -1.0, 1.0);
    let (mut want, mut got) = (Array2::<f64>::zeros((70, 37)), Array2::<f64>::zeros((70, 37)));
    transpose_add::serial(a.view(), &mut want, 0.5);
    transpose_add::cuda(a.view(), &mut got, 0.5).unwrap();
    assert_eq!(want, got);
    // 1-D views, contiguous (uploaded as they are) and strided (packed, then unpacked).
    let a = rng.array1(301, -1.0, 1.0);
    for step in [1, 3] {
        let n = a.slice(s![..;step]).len();
        let (mut want, mut got) = (Array1::<f64>::zeros(2 * n), Array1::<f64>::zeros(2 * n));
        scale_view::serial(a.slice(s![..;step]), want.slice_mut(s![..;2]), 3.0);
        scale_view::cuda(a.slice(s![..;step]), got.slice_mut(s![..;2]), 3.0).unwrap();
        assert_eq!(want, got, "step {step}");
        scale_view::cuda(a.slice(s![..n]), got.slice_mut(s![..n]), 2.0).unwrap();
        assert_eq!(got.slice(s![..n]), a.slice(s![..n]).mapv(|x| 2.0 * x));
    }
}

#[test]
fn a_failed_check_on_the_gpu_is_an_error_naming_the_kernel_and_the_loop() {
    if !gpu() {
        return;
    }
    let a = vec![1.0; 1000];
    let mut out = vec![0.0; 1000];
    let e = shifted::cuda(&a, &mut out).unwrap_err();
    assert_eq!(e.kind(), kernelize::ErrorKind::IndexOutOfBounds, "{e}");
    assert_eq!(e.kernel(), Some("shifted"), "{e}");
    assert!(e.to_string().contains("the prange loop at line"), "{e}");
    assert!(shifted::cuda(&a, &mut out[..999]).is_ok(), "in bounds it runs");
    let (a, mut b) = (vec![7; 100], vec![1; 100]);
    b[37] = 0;
    let mut out = vec![0; 100];
    let e = ratio::cuda(&a, &b, &mut out).unwrap_err();
    assert_eq!(e.kind(), kernelize::ErrorKind::Arithmetic, "{e}");
    let (a, b) = (vec![i32::MIN; 100], vec![-1; 100]);
    assert_eq!(ratio::cuda(&a, &b, &mut out).unwrap_err().kind(), kernelize::ErrorKind::Arithmetic);
}

/// What `name::cuda` copies, from the runtime's counters (the simulator's, on the CPU):
/// each array once per call, not once per loop, and nothing for an array the first loop
/// overwrites completely.
#[test]
fn the_seed_kernel_copies_a_in_and_out_back_once() {
    use kernelize::__private::cuda::counters;
    if !gpu() {
        return;
    }
    let n = 100_003;
    let mut rng = Rng::for_case("copies", n);
    let a = rng.vec_f64(n, -3.0, 3.0);
    let mut out = vec![0.0; n];
    go_fast::cuda(&a, &mut out).unwrap();
    let before = counters();
    let trace = go_fast::cuda(&a, &mut out).unwrap();
    let c = counters() - before;
    let bytes = 8 * n as u64;
    assert_eq!(c.bytes_to_device, bytes, "`a` once (it was twice, once per loop); `out` not at all");
    // Back: `out`, the loop's flag words and the reduction's partials (one f64 per block).
    let extra = c.bytes_to_host - bytes;
    assert!(c.bytes_to_host >= bytes && extra <= 8 * 4096 + 64, "{c:?}");
    assert_eq!(c.launches, 2);
    assert_eq!(out[n - 1].to_bits(), (a[n - 1] + trace).to_bits());
    assert!(go_fast::REPORT.contains("`out`: to the GPU only if the loop at line"), "{}", go_fast::REPORT);

    // `out` longer than the loop's range: its tail is not written, so `out` is copied in (and
    // its tail comes back as it was).
    let mut longer = vec![5.0; n + 3];
    let before = counters();
    let trace = go_fast::cuda(&a, &mut longer).unwrap();
    let c = counters() - before;
    assert_eq!(c.bytes_to_device, bytes + 8 * (n as u64 + 3));
    assert_eq!(&longer[n..], [5.0; 3]);
    assert_eq!(longer[0].to_bits(), (a[0] + trace).to_bits());

    // `y` of axpy is read: copied both ways.
    let (x, mut y) = (vec![1.0f32; 1000], vec![2.0f32; 1000]);
    let before = counters();
    axpy::cuda(0.5, &x, &mut y).unwrap();
    let c = counters() - before;
    // Back: `y`, and the flag word's 8 bytes of scratch.
    assert_eq!((c.bytes_to_device, c.bytes_to_host), (8000, 4000 + 8), "{c:?}");
    assert_eq!(y[999], 2.5);
}

/// A launch in steady state: no allocation, and four driver calls (zero the flag, launch, copy
/// the flag and the partials back, wait), where it was twelve (a flag and a partials array
/// allocated, zeroed, read back and freed at each launch).
#[test]
fn a_launch_in_steady_state_makes_four_driver_calls_and_allocates_nothing() {
    use kernelize::__private::cuda::counters;
    if !gpu() {
        return;
    }
    let dev = kernelize::cuda::device().unwrap();
    let a = dev.upload(&vec![0.5f64; 50_000]).unwrap();
    let mut out = dev.zeros::<f64>(50_000).unwrap();
    let first = go_fast::cuda_device(&a, &mut out).unwrap();
    for _ in 0..3 {
        let before = counters();
        assert_eq!(go_fast::cuda_device(&a, &mut out).unwrap().to_bits(), first.to_bits());
        let c = counters() - before;
        assert_eq!((c.launches, c.allocations, c.frees, c.driver_calls), (2, 0, 0, 8), "{c:?}");
    }
}

/// Grids of a real GPU's size (an H100's 132 multiprocessors x 8 resident blocks of 256
/// threads: 270,336 threads) on the simulator: below that, one block per 256 iterations, the
/// last one partly idle; above it, the full grid, some threads taking two iterations.
#[test]
fn grids_of_a_real_gpu_match_serial() {
    use kernelize::__private::cuda::{counters, with_simulated_gpu};
    if !gpu() {
        return;
    }
    for n in [200_003, 300_007] {
        let mut rng = Rng::for_case("h100 grid", n);
        let a = rng.vec_f64(n, -3.0, 3.0);
        let (mut want, mut got) = (vec![0.0; n], vec![0.0; n]);
        let t_want = go_fast::serial(&a, &mut want);
        let before = counters();
        let t_got = with_simulated_gpu(132, 8, || go_fast::cuda(&a, &mut got).unwrap());
        let partials = (counters() - before).bytes_to_host - 8 * n as u64 - 16;
        let abs: f64 = a.iter().map(|x| x.tanh().abs()).sum();
        assert_sum_close_f64(&format!("trace n={n}"), t_got, t_want, n, abs);
        assert!(got.iter().zip(&a).all(|(g, x)| g.to_bits() == (x + t_got).to_bits()), "n={n}");
        if kernelize::cuda::device().unwrap().name().starts_with("cuda_sim") {
            let blocks = n.div_ceil(256).min(132 * 8) as u64;
            assert_eq!(partials, 8 * blocks, "one partial per block");
        }
        let x = rng.vec_f64(n, -100.0, 100.0);
        let want = stats::serial(&x);
        let got = with_simulated_gpu(132, 8, || stats::cuda(&x).unwrap());
        assert_eq!((got.2, got.3), (want.2, want.3), "max and min n={n}");
        assert_sum_close_f64(&format!("sum n={n}"), got.0, want.0, n, x.iter().map(|v| v.abs()).sum());
    }
}

/// The bounds of `a[i - 1]`, `a[i]`, `a[i + 1]` are checked once, before the loop (the entry
/// fails at once if any iteration would), and the element-wise loop runs four iterations per
/// trip: bit for bit `serial`, at lengths around the unrolled trip, and the same failure.
#[test]
fn hoisted_checks_and_unrolled_loops_match_serial() {
    if !gpu() {
        return;
    }
    assert!(smooth::PTX.contains("$L_grid4_"), "the unrolled loop");
    let body = &smooth::PTX[smooth::PTX.find("$L_grid4_").unwrap()..smooth::PTX.find("\n$L_fail_").unwrap()];
    assert!(!body.contains("$L_ok_"), "no check left in the loop:\n{body}");
    for len in [3, 4, 5, 9, 2047, 2049, 8197, 100_003] {
        let mut rng = Rng::for_case("smooth", len);
        let a = rng.vec_f64(len, -1.0, 1.0);
        let (mut want, mut got) = (vec![7.0; len], vec![7.0; len]);
        smooth::serial(&a, &mut want, len - 1);
        smooth::cuda(&a, &mut got, len - 1).unwrap();
        let (w, g): (Vec<u64>, Vec<u64>) =
            (want.iter().map(|v| v.to_bits()).collect(), got.iter().map(|v| v.to_bits()).collect());
        assert_all_eq(&format!("smooth len={len}"), &g, &w);
        // One iteration too many: a[len] is read by the last one.
        let mut out = vec![7.0; len + 1];
        let e = smooth::cuda(&a, &mut out, len).unwrap_err();
        assert_eq!(e.kind(), kernelize::ErrorKind::IndexOutOfBounds, "{e}");
        assert!(out.iter().all(|&x| x == 7.0), "nothing written back");
    }
}

/// A loop that fails leaves the host arrays as they were, even one that was not copied in.
#[test]
fn a_failed_call_copies_nothing_back() {
    if !gpu() {
        return;
    }
    let a = vec![1.0; 1000];
    let mut out = vec![3.0; 1000];
    assert!(shifted::cuda(&a, &mut out).is_err());
    assert!(out.iter().all(|&x| x == 3.0));
}

/// A `match` of integer literals is a table read on the GPU: the same values as `serial` for
/// every key, negative, in the table, in a hole of it, and past its end.
#[test]
fn lookup_tables_match_serial() {
    if !gpu() {
        return;
    }
    assert_eq!(lookups::PTX.matches(".const .align").count(), 2, "two tables, read by every copy of the unrolled body");
    assert!(lookups::PTX.matches("ld.const").count() >= 8, "four copies of the body read them");
    for n in [1, 31, 1000, 4099] {
        let mut rng = Rng::for_case("lookups", n);
        let k: Vec<i32> = (0..n).map(|_| rng.i64_in(-3, 12) as i32).collect();
        let u: Vec<u64> = (0..n).map(|i| if i % 7 == 6 { rng.next_u64() } else { rng.below(11) as u64 }).collect();
        let (mut s_want, mut w_want) = (vec![0u32; n], vec![0u64; n]);
        let (mut s_got, mut w_got) = (vec![1u32; n], vec![1u64; n]);
        lookups::serial(&k, &u, &mut s_want, &mut w_want);
        lookups::cuda(&k, &u, &mut s_got, &mut w_got).unwrap();
        assert_all_eq(&format!("u32 n={n}"), &s_got, &s_want);
        assert_all_eq(&format!("u64 n={n}"), &w_got, &w_want);
    }
}

#[allow(dead_code)]
fn views_compile(a: ArrayView2<f64>, b: ArrayViewMut2<f64>) {
    let _ = heat_step::cuda(a, b, 0.1);
}
