//! The benchmark suite: every variant of eight kernels against the same computations written by
//! hand in Rust, from L1-resident to DRAM-resident sizes.
//!
//! ```text
//! cargo bench --bench suite                 # everything: 4 minutes on the 2-core VM
//! cargo bench --bench suite -- suite_dot    # one group
//! cargo bench --bench suite -- --test       # each variant checked and run once, no timing
//! ```
//!
//! The kernels and their inputs are in `benches/kernels/mod.rs`, shared with the Numba
//! comparison (`benches/peers/`). One criterion group per kernel:
//!
//! | group | sizes | throughput |
//! |---|---|---|
//! | `suite_go_fast` (tanh trace, then `a + trace`) | 1_003, 100_003, 10_000_019 | bytes: 24 per element |
//! | `suite_saxpy` (`y = alpha * x + y`, f32) | 1_003, 100_003, 10_000_019 | bytes: 12 per element |
//! | `suite_dot` | 1_003, 100_003, 10_000_019 | bytes: 16 per element |
//! | `suite_softplus_sum` (`sum(ln_1p(exp(x)))`) | 1_003, 100_003, 10_000_019 | elements |
//! | `suite_mandelbrot` (200 iterations at most) | 10_007, 200_003 points | elements (points) |
//! | `suite_jacobi` (5-point stencil, one step) | 65x65, 513x513, 2048x2049 | bytes: 16 per interior point |
//! | `suite_nbody` (accelerations, O(n^2)) | 1_001, 4_003 bodies | elements (pairs, n^2) |
//! | `suite_matvec` (`y = A x`) | 257x257, 2049x2049, 8191x1025 | bytes: 8 per matrix element |
//!
//! The largest 1-D arrays are 80 MB of `f64` each (40 MB for `saxpy`'s `f32`), the largest
//! grid 34 MB per array and the largest matrix 67 MB: beyond the last-level cache. Each group times
//! `serial`, `parallel`, `fastmath` and `parallel_fastmath`, and these hand-written baselines:
//!
//! - `plain`: the loop an idiomatic Rust programmer writes (iterator chains, or index loops over
//!   row slices for `jacobi`), one thread;
//! - `rayon`: the same with rayon's parallel iterators (`par_iter`, `par_chunks_exact_mut`,
//!   on rayon's global pool);
//! - `chunks` (reductions only: `go_fast`, `dot`, `softplus_sum`, `matvec`): `chunks_exact`
//!   with independent partial sums (8 for the multiply-adds, 4 around a libm call), the shape
//!   one writes to let LLVM vectorize a reduction by hand.
//!
//! The baselines are compiled like the kernels' `serial` and `parallel` variants, for the default
//! target (x86-64 with SSE2: no `-C target-cpu`); `fastmath` picks AVX2 or AVX-512 at run time.
//!
//! Before its first timed call, every variant runs once on a fresh output and is compared with
//! `serial`; the bench panics if it is off, so it never times wrong code. The comparison is bit
//! for bit where a variant does serial's operations in serial's order (element-wise kernels
//! without math functions, and sums taken in order); re-associated sums (`parallel`'s chunks,
//! SIMD lane partials, rayon's tree, `chunks`) must be within `(2n + u) ε Σ|term|` of serial's
//! (each order is within `n ε Σ|term|` of the exact sum; `u` ulps per term cover fused
//! multiply-adds and the `fastmath` math library's error). `fastmath`'s fused multiply-adds
//! change element-wise `saxpy` (within `ε (|alpha x| + |y|)` per element) and `nbody` (whose
//! inner sums get the bound above); `jacobi` and the `mandelbrot` escape counts are bit for bit
//! in every variant.
//!
//! After each size it prints the GFLOP/s of each variant (where counting flops means something),
//! and at the end a markdown table of the medians (over the 10 samples, as in criterion's
//! `estimates.json`), with throughput and each variant's speed relative to `plain`. Criterion's
//! plots are off: they took 2.4 s per benchmark, two thirds of the suite's time.

#[path = "kernels/mod.rs"]
mod kernels;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, Throughput};
use kernelize::ndarray::Array2;
use kernels::{dot, go_fast, inputs, jacobi, mandelbrot, matrix, matvec, nbody, saxpy, softplus_sum};
use rayon::prelude::*;
use std::cell::OnceCell;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Samples per benchmark; the summary's medians are over these.
const SAMPLES: usize = 10;
const SIZES_1D: [usize; 3] = [1_003, 100_003, 10_000_019];
const MANDELBROT_POINTS: [usize; 2] = [10_007, 200_003];
const MAX_ITER: u32 = 200;
/// Rows x columns.
const JACOBI_GRIDS: [(usize, usize); 3] = [(65, 65), (513, 513), (2048, 2049)];
const NBODY_BODIES: [usize; 2] = [1_001, 4_003];
/// Rows x columns.
const MATVEC_SHAPES: [(usize, usize); 3] = [(257, 257), (2049, 2049), (8191, 1025)];

// ---------------------------------------------------------------------------------------------
// The harness
// ---------------------------------------------------------------------------------------------

/// One timed implementation: `run` computes the kernel on an input into an output.
struct Variant<I, O> {
    name: &'static str,
    run: fn(&I, &mut O),
    /// Does serial's floating-point operations in serial's order: checked bit for bit.
    exact: bool,
}

/// A kernel's group: its sizes, its variants (`serial` first), and how to check and count them.
trait Kernel {
    /// The group is `suite_<NAME>`.
    const NAME: &'static str;
    type Input;
    type Output;

    /// Each size's label and input, made when its turn comes.
    fn cases() -> impl Iterator<Item = (String, Self::Input)>;
    fn variants() -> Vec<Variant<Self::Input, Self::Output>>;
    /// A fresh output: what a call overwrites, or for `saxpy` updates.
    fn output(input: &Self::Input) -> Self::Output;
    /// `Err` saying where, when `got` is too far from serial's `want`.
    fn check(input: &Self::Input, want: &Self::Output, got: &Self::Output, exact: bool) -> Result<(), String>;
    fn throughput(input: &Self::Input) -> Throughput;
    /// Floating-point operations of one call, where counting them means something.
    fn flops(_input: &Self::Input, _want: &Self::Output) -> Option<f64> {
        None
    }

    /// A variant checked bit for bit against `serial`.
    fn exact(name: &'static str, run: fn(&Self::Input, &mut Self::Output)) -> Variant<Self::Input, Self::Output> {
        Variant { name, run, exact: true }
    }
    /// A variant checked against `serial` within the kernel's tolerance.
    fn relaxed(name: &'static str, run: fn(&Self::Input, &mut Self::Output)) -> Variant<Self::Input, Self::Output> {
        Variant { name, run, exact: false }
    }
}

/// Runs group `suite_<K::NAME>`: every variant at every size.
fn bench<K: Kernel>(c: &mut Criterion, summary: &mut Summary) {
    let variants = K::variants();
    let mut g = c.benchmark_group(format!("suite_{}", K::NAME));
    g.sample_size(SAMPLES);
    for (size, input) in K::cases() {
        g.throughput(K::throughput(&input));
        let reference = OnceCell::new();
        for v in &variants {
            let Some(seconds) = bench_variant::<K>(&mut g, &variants[0], v, &size, &input, &reference) else {
                continue;
            };
            let flops = reference.get().and_then(|want| K::flops(&input, want));
            let throughput = K::throughput(&input);
            summary.rows.push(Row { kernel: K::NAME, size: size.clone(), variant: v.name, seconds, throughput, flops });
        }
        summary.print_gflops(K::NAME, &size);
    }
    g.finish();
}

/// Checks `v` against `serial` before its first timed call, then times it. Returns the median
/// seconds per call over the samples, if criterion timed it (not under a filter, `--list` or
/// `--test`).
fn bench_variant<K: Kernel>(
    g: &mut BenchmarkGroup<WallTime>,
    serial: &Variant<K::Input, K::Output>,
    v: &Variant<K::Input, K::Output>,
    size: &str,
    input: &K::Input,
    reference: &OnceCell<K::Output>,
) -> Option<f64> {
    let mut out = K::output(input);
    let mut checked = false;
    let mut seconds = Vec::new();
    g.bench_function(BenchmarkId::new(v.name, size), |b| {
        if !checked {
            let want = reference.get_or_init(|| run_fresh::<K>(serial, input));
            (v.run)(input, &mut out);
            if let Err(e) = K::check(input, want, &out, v.exact) {
                panic!("suite_{}/{}/{size}: differs from serial: {e}", K::NAME, v.name);
            }
            checked = true;
        }
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                (v.run)(black_box(input), black_box(&mut out));
            }
            let elapsed = start.elapsed();
            seconds.push(elapsed.as_secs_f64() / iters as f64);
            elapsed
        })
    });
    // Criterion calls the routine for its warm-up first, then once per sample.
    median(seconds.get(seconds.len().checked_sub(SAMPLES)?..)?)
}

fn run_fresh<K: Kernel>(v: &Variant<K::Input, K::Output>, input: &K::Input) -> K::Output {
    let mut out = K::output(input);
    (v.run)(input, &mut out);
    out
}

/// The median as criterion computes it (the mean of the two middle values for an even count).
fn median(values: &[f64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    (n > 0).then(|| (v[(n - 1) / 2] + v[n / 2]) / 2.0)
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/// `Ok` when each `got[k]` is within `tol(k)` of `want[k]` (equal when `tol(k)` is 0), else the
/// first element that is not.
fn close<T: Copy + Into<f64>>(got: &[T], want: &[T], tol: impl Fn(usize) -> f64) -> Result<(), String> {
    if got.len() != want.len() {
        return Err(format!("{} elements instead of {}", got.len(), want.len()));
    }
    for (k, (&g, &w)) in got.iter().zip(want).enumerate() {
        let (g, w): (f64, f64) = (g.into(), w.into());
        let ok = g == w || (g - w).abs() <= tol(k);
        if !ok {
            return Err(format!("element {k} is {g:e} instead of {w:e} (tolerance {:e})", tol(k)));
        }
    }
    Ok(())
}

/// How far two evaluations of a sum of `n` terms may be apart when each adds them in its own
/// order and may compute each term `ulps` ulp differently: `(2n + ulps) ε Σ|term|`.
fn sum_tolerance(n: usize, ulps: f64, abs_sum: f64) -> f64 {
    (2.0 * n as f64 + ulps) * f64::EPSILON * abs_sum
}

/// `tol` unless the variant is checked bit for bit.
fn unless_exact(exact: bool, tol: f64) -> f64 {
    if exact { 0.0 } else { tol }
}

// ---------------------------------------------------------------------------------------------
// go_fast
// ---------------------------------------------------------------------------------------------

/// One input array.
struct Values {
    x: Vec<f64>,
}

struct GoFast;

impl Kernel for GoFast {
    const NAME: &'static str = "go_fast";
    type Input = Values;
    /// `out`, and the trace returned.
    type Output = (Vec<f64>, f64);

    fn cases() -> impl Iterator<Item = (String, Values)> {
        SIZES_1D.into_iter().map(|n| (n.to_string(), Values { x: inputs(n, 1, 0.0, 1.0) }))
    }

    fn variants() -> Vec<Variant<Values, (Vec<f64>, f64)>> {
        vec![
            Self::exact("serial", |i, o| o.1 = go_fast::serial(&i.x, &mut o.0)),
            Self::relaxed("parallel", |i, o| o.1 = go_fast::parallel(&i.x, &mut o.0)),
            Self::relaxed("fastmath", |i, o| o.1 = go_fast::fastmath(&i.x, &mut o.0)),
            Self::relaxed("parallel_fastmath", |i, o| o.1 = go_fast::parallel_fastmath(&i.x, &mut o.0)),
            Self::exact("plain", |i, o| o.1 = go_fast_plain(&i.x, &mut o.0)),
            Self::relaxed("rayon", |i, o| o.1 = go_fast_rayon(&i.x, &mut o.0)),
            Self::relaxed("chunks", |i, o| o.1 = go_fast_chunks(&i.x, &mut o.0)),
        ]
    }

    fn output(i: &Values) -> (Vec<f64>, f64) {
        (vec![0.0; i.x.len()], 0.0)
    }

    fn check(i: &Values, want: &(Vec<f64>, f64), got: &(Vec<f64>, f64), exact: bool) -> Result<(), String> {
        let abs_sum = i.x.iter().map(|v| v.tanh().abs()).sum();
        let tol = unless_exact(exact, sum_tolerance(i.x.len(), 5.0, abs_sum));
        close(&[got.1], &[want.1], |_| tol).map_err(|e| format!("trace: {e}"))?;
        close(&got.0, &want.0, |k| unless_exact(exact, tol + f64::EPSILON * want.0[k].abs()))
            .map_err(|e| format!("out: {e}"))
    }

    fn throughput(i: &Values) -> Throughput {
        // Read `a` for the trace, then read `a` and write `out`.
        Throughput::Bytes(24 * i.x.len() as u64)
    }
}

fn go_fast_plain(a: &[f64], out: &mut [f64]) -> f64 {
    let trace: f64 = a.iter().map(|v| v.tanh()).sum();
    for (o, v) in out.iter_mut().zip(a) {
        *o = v + trace;
    }
    trace
}

fn go_fast_rayon(a: &[f64], out: &mut [f64]) -> f64 {
    let trace: f64 = a.par_iter().map(|v| v.tanh()).sum();
    out.par_iter_mut().zip(a).for_each(|(o, v)| *o = v + trace);
    trace
}

fn go_fast_chunks(a: &[f64], out: &mut [f64]) -> f64 {
    let chunks = a.chunks_exact(4);
    let mut acc = [0.0; 4];
    let tail: f64 = chunks.remainder().iter().map(|v| v.tanh()).sum();
    for c in chunks {
        for (s, v) in acc.iter_mut().zip(c) {
            *s += v.tanh();
        }
    }
    let trace = (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail;
    for (o, v) in out.iter_mut().zip(a) {
        *o = v + trace;
    }
    trace
}

// ---------------------------------------------------------------------------------------------
// saxpy
// ---------------------------------------------------------------------------------------------

/// `saxpy`'s inputs; `y` is what each check starts from.
struct Saxpy {
    alpha: f32,
    x: Vec<f32>,
    y: Vec<f32>,
}

impl Kernel for Saxpy {
    const NAME: &'static str = "saxpy";
    type Input = Saxpy;
    type Output = Vec<f32>;

    fn cases() -> impl Iterator<Item = (String, Saxpy)> {
        SIZES_1D.into_iter().map(|n| {
            let single = |v: Vec<f64>| v.into_iter().map(|v| v as f32).collect();
            (
                n.to_string(),
                Saxpy { alpha: 0.75, x: single(inputs(n, 2, -1.0, 1.0)), y: single(inputs(n, 3, -1.0, 1.0)) },
            )
        })
    }

    fn variants() -> Vec<Variant<Saxpy, Vec<f32>>> {
        vec![
            Self::exact("serial", |i, y| saxpy::serial(i.alpha, &i.x, y)),
            Self::exact("parallel", |i, y| saxpy::parallel(i.alpha, &i.x, y)),
            // Contracts `alpha * x + y` into fused multiply-adds.
            Self::relaxed("fastmath", |i, y| saxpy::fastmath(i.alpha, &i.x, y)),
            Self::relaxed("parallel_fastmath", |i, y| saxpy::parallel_fastmath(i.alpha, &i.x, y)),
            Self::exact("plain", |i, y| saxpy_plain(i.alpha, &i.x, y)),
            Self::exact("rayon", |i, y| saxpy_rayon(i.alpha, &i.x, y)),
        ]
    }

    fn output(i: &Saxpy) -> Vec<f32> {
        i.y.clone()
    }

    fn check(i: &Saxpy, want: &Vec<f32>, got: &Vec<f32>, exact: bool) -> Result<(), String> {
        // A fused multiply-add skips the product's rounding: at most half an ulp of it.
        let tol = |k: usize| f32::EPSILON as f64 * ((i.alpha * i.x[k]).abs() + i.y[k].abs()) as f64;
        close(got, want, |k| unless_exact(exact, tol(k)))
    }

    fn throughput(i: &Saxpy) -> Throughput {
        // Read `x` and `y`, write `y`.
        Throughput::Bytes(12 * i.x.len() as u64)
    }

    fn flops(i: &Saxpy, _: &Vec<f32>) -> Option<f64> {
        Some(2.0 * i.x.len() as f64)
    }
}

fn saxpy_plain(alpha: f32, x: &[f32], y: &mut [f32]) {
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += alpha * xi;
    }
}

fn saxpy_rayon(alpha: f32, x: &[f32], y: &mut [f32]) {
    y.par_iter_mut().zip(x).for_each(|(yi, xi)| *yi += alpha * xi);
}

// ---------------------------------------------------------------------------------------------
// dot
// ---------------------------------------------------------------------------------------------

struct Pair {
    x: Vec<f64>,
    y: Vec<f64>,
}

struct Dot;

impl Kernel for Dot {
    const NAME: &'static str = "dot";
    type Input = Pair;
    type Output = f64;

    fn cases() -> impl Iterator<Item = (String, Pair)> {
        SIZES_1D.into_iter().map(|n| (n.to_string(), Pair { x: inputs(n, 4, -1.0, 1.0), y: inputs(n, 5, -1.0, 1.0) }))
    }

    fn variants() -> Vec<Variant<Pair, f64>> {
        vec![
            Self::exact("serial", |i, s| *s = dot::serial(&i.x, &i.y)),
            Self::relaxed("parallel", |i, s| *s = dot::parallel(&i.x, &i.y)),
            Self::relaxed("fastmath", |i, s| *s = dot::fastmath(&i.x, &i.y)),
            Self::relaxed("parallel_fastmath", |i, s| *s = dot::parallel_fastmath(&i.x, &i.y)),
            Self::exact("plain", |i, s| *s = dot_plain(&i.x, &i.y)),
            Self::relaxed("rayon", |i, s| *s = dot_rayon(&i.x, &i.y)),
            Self::relaxed("chunks", |i, s| *s = dot_chunks(&i.x, &i.y)),
        ]
    }

    fn output(_: &Pair) -> f64 {
        0.0
    }

    fn check(i: &Pair, want: &f64, got: &f64, exact: bool) -> Result<(), String> {
        let abs_sum = i.x.iter().zip(&i.y).map(|(a, b)| (a * b).abs()).sum();
        let tol = unless_exact(exact, sum_tolerance(i.x.len(), 2.0, abs_sum));
        close(&[*got], &[*want], |_| tol)
    }

    fn throughput(i: &Pair) -> Throughput {
        Throughput::Bytes(16 * i.x.len() as u64)
    }

    fn flops(i: &Pair, _: &f64) -> Option<f64> {
        Some(2.0 * i.x.len() as f64)
    }
}

fn dot_plain(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).map(|(a, b)| a * b).sum()
}

fn dot_rayon(x: &[f64], y: &[f64]) -> f64 {
    x.par_iter().zip(y).map(|(a, b)| a * b).sum()
}

/// Eight independent partial sums: four SSE2 vectors' worth, or one AVX-512 vector.
fn dot_chunks(x: &[f64], y: &[f64]) -> f64 {
    let (xs, ys) = (x.chunks_exact(8), y.chunks_exact(8));
    let tail = dot_plain(xs.remainder(), ys.remainder());
    let mut acc = [0.0; 8];
    for (a, b) in xs.zip(ys) {
        for ((s, p), q) in acc.iter_mut().zip(a).zip(b) {
            *s += p * q;
        }
    }
    acc.iter().sum::<f64>() + tail
}

// ---------------------------------------------------------------------------------------------
// softplus_sum
// ---------------------------------------------------------------------------------------------

struct Softplus;

impl Kernel for Softplus {
    const NAME: &'static str = "softplus_sum";
    type Input = Values;
    type Output = f64;

    fn cases() -> impl Iterator<Item = (String, Values)> {
        SIZES_1D.into_iter().map(|n| (n.to_string(), Values { x: inputs(n, 6, -10.0, 10.0) }))
    }

    fn variants() -> Vec<Variant<Values, f64>> {
        vec![
            Self::exact("serial", |i, s| *s = softplus_sum::serial(&i.x)),
            Self::relaxed("parallel", |i, s| *s = softplus_sum::parallel(&i.x)),
            Self::relaxed("fastmath", |i, s| *s = softplus_sum::fastmath(&i.x)),
            Self::relaxed("parallel_fastmath", |i, s| *s = softplus_sum::parallel_fastmath(&i.x)),
            Self::exact("plain", |i, s| *s = softplus_plain(&i.x)),
            Self::relaxed("rayon", |i, s| *s = softplus_rayon(&i.x)),
            Self::relaxed("chunks", |i, s| *s = softplus_chunks(&i.x)),
        ]
    }

    fn output(_: &Values) -> f64 {
        0.0
    }

    fn check(i: &Values, want: &f64, got: &f64, exact: bool) -> Result<(), String> {
        // Every term is positive: Σ|term| is the sum itself.
        let tol = unless_exact(exact, sum_tolerance(i.x.len(), 5.0, want.abs()));
        close(&[*got], &[*want], |_| tol)
    }

    fn throughput(i: &Values) -> Throughput {
        Throughput::Elements(i.x.len() as u64)
    }
}

fn softplus_plain(x: &[f64]) -> f64 {
    x.iter().map(|v| v.exp().ln_1p()).sum()
}

fn softplus_rayon(x: &[f64]) -> f64 {
    x.par_iter().map(|v| v.exp().ln_1p()).sum()
}

/// Four independent partial sums around the libm calls.
fn softplus_chunks(x: &[f64]) -> f64 {
    let chunks = x.chunks_exact(4);
    let tail = softplus_plain(chunks.remainder());
    let mut acc = [0.0; 4];
    for c in chunks {
        for (s, v) in acc.iter_mut().zip(c) {
            *s += v.exp().ln_1p();
        }
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

// ---------------------------------------------------------------------------------------------
// mandelbrot
// ---------------------------------------------------------------------------------------------

/// Points `(cr[i], ci[i])`, `cr` in [-2, 0.6) and `ci` in [-1.2, 1.2).
struct Points {
    cr: Vec<f64>,
    ci: Vec<f64>,
}

struct Mandelbrot;

impl Kernel for Mandelbrot {
    const NAME: &'static str = "mandelbrot";
    type Input = Points;
    type Output = Vec<u32>;

    fn cases() -> impl Iterator<Item = (String, Points)> {
        MANDELBROT_POINTS
            .into_iter()
            .map(|n| (n.to_string(), Points { cr: inputs(n, 7, -2.0, 0.6), ci: inputs(n, 8, -1.2, 1.2) }))
    }

    fn variants() -> Vec<Variant<Points, Vec<u32>>> {
        vec![
            Self::exact("serial", |i, o| mandelbrot::serial(&i.cr, &i.ci, o, MAX_ITER)),
            Self::exact("parallel", |i, o| mandelbrot::parallel(&i.cr, &i.ci, o, MAX_ITER)),
            Self::exact("fastmath", |i, o| mandelbrot::fastmath(&i.cr, &i.ci, o, MAX_ITER)),
            Self::exact("parallel_fastmath", |i, o| mandelbrot::parallel_fastmath(&i.cr, &i.ci, o, MAX_ITER)),
            Self::exact("plain", |i, o| mandelbrot_plain(&i.cr, &i.ci, o, MAX_ITER)),
            Self::exact("rayon", |i, o| mandelbrot_rayon(&i.cr, &i.ci, o, MAX_ITER)),
        ]
    }

    fn output(i: &Points) -> Vec<u32> {
        vec![0; i.cr.len()]
    }

    fn check(_: &Points, want: &Vec<u32>, got: &Vec<u32>, _: bool) -> Result<(), String> {
        // The same counts in every variant, `fastmath` included (checked with SSE2, AVX2 and
        // AVX-512 lanes). A contraction into fused multiply-adds would change the count of a
        // few points near the set's boundary; this check would then need a tolerance.
        close(got, want, |_| 0.0)
    }

    fn throughput(i: &Points) -> Throughput {
        Throughput::Elements(i.cr.len() as u64)
    }

    fn flops(_: &Points, want: &Vec<u32>) -> Option<f64> {
        // Per iteration: x*x, y*y, the test's add, then `-`, `+ x0`, `2*x`, `*y`, `+ y0`.
        Some(8.0 * want.iter().map(|&k| k as f64).sum::<f64>())
    }
}

fn escape_time(x0: f64, y0: f64, max_iter: u32) -> u32 {
    let (mut x, mut y, mut k) = (0.0, 0.0, 0);
    while k < max_iter && x * x + y * y <= 4.0 {
        let t = x * x - y * y + x0;
        y = 2.0 * x * y + y0;
        x = t;
        k += 1;
    }
    k
}

fn mandelbrot_plain(cr: &[f64], ci: &[f64], out: &mut [u32], max_iter: u32) {
    for ((o, &x0), &y0) in out.iter_mut().zip(cr).zip(ci) {
        *o = escape_time(x0, y0, max_iter);
    }
}

fn mandelbrot_rayon(cr: &[f64], ci: &[f64], out: &mut [u32], max_iter: u32) {
    out.par_iter_mut().zip(cr).zip(ci).for_each(|((o, &x0), &y0)| *o = escape_time(x0, y0, max_iter));
}

// ---------------------------------------------------------------------------------------------
// jacobi
// ---------------------------------------------------------------------------------------------

struct Jacobi;

impl Kernel for Jacobi {
    const NAME: &'static str = "jacobi";
    type Input = Array2<f64>;
    type Output = Array2<f64>;

    fn cases() -> impl Iterator<Item = (String, Array2<f64>)> {
        JACOBI_GRIDS.into_iter().map(|(r, c)| (format!("{r}x{c}"), matrix(r, c, 9, 0.0, 1.0)))
    }

    fn variants() -> Vec<Variant<Array2<f64>, Array2<f64>>> {
        vec![
            Self::exact("serial", |u, o| jacobi::serial(u.view(), o.view_mut())),
            Self::exact("parallel", |u, o| jacobi::parallel(u.view(), o.view_mut())),
            Self::exact("fastmath", |u, o| jacobi::fastmath(u.view(), o.view_mut())),
            Self::exact("parallel_fastmath", |u, o| jacobi::parallel_fastmath(u.view(), o.view_mut())),
            Self::exact("plain", |u, o| jacobi_plain(flat(u), flat_mut(o), u.ncols())),
            Self::exact("rayon", |u, o| jacobi_rayon(flat(u), flat_mut(o), u.ncols())),
        ]
    }

    fn output(u: &Array2<f64>) -> Array2<f64> {
        Array2::zeros(u.raw_dim())
    }

    fn check(_: &Array2<f64>, want: &Array2<f64>, got: &Array2<f64>, _: bool) -> Result<(), String> {
        // No reduction and no `a * b + c` to contract: bit for bit in every variant.
        close(flat(got), flat(want), |_| 0.0)
    }

    fn throughput(u: &Array2<f64>) -> Throughput {
        // Read `u` once (its rows stay in cache from one output row to the next), write `out`.
        Throughput::Bytes(16 * interior(u) as u64)
    }

    fn flops(u: &Array2<f64>, _: &Array2<f64>) -> Option<f64> {
        Some(4.0 * interior(u) as f64)
    }
}

fn interior(u: &Array2<f64>) -> usize {
    (u.nrows() - 2) * (u.ncols() - 2)
}

/// The elements of a row-major array (`matrix` and `zeros` make only those).
fn flat(a: &Array2<f64>) -> &[f64] {
    a.as_slice().unwrap_or_else(|| panic!("the suite's arrays are row-major"))
}

fn flat_mut(a: &mut Array2<f64>) -> &mut [f64] {
    a.as_slice_mut().unwrap_or_else(|| panic!("the suite's arrays are row-major"))
}

/// `u` and `out` are row-major with `cols` columns.
fn jacobi_plain(u: &[f64], out: &mut [f64], cols: usize) {
    let rows = u.len() / cols;
    for i in 1..rows - 1 {
        jacobi_row(&u[(i - 1) * cols..(i + 2) * cols], &mut out[i * cols..(i + 1) * cols]);
    }
}

fn jacobi_rayon(u: &[f64], out: &mut [f64], cols: usize) {
    let rows = u.len() / cols;
    out[cols..(rows - 1) * cols]
        .par_chunks_exact_mut(cols)
        .enumerate()
        .for_each(|(k, row)| jacobi_row(&u[k * cols..(k + 3) * cols], row));
}

/// The interior of one output row from the three input rows around it, `u3`.
fn jacobi_row(u3: &[f64], out: &mut [f64]) {
    let c = out.len();
    let (up, mid, down) = (&u3[..c], &u3[c..2 * c], &u3[2 * c..3 * c]);
    for j in 1..c - 1 {
        out[j] = 0.25 * (up[j] + down[j] + mid[j - 1] + mid[j + 1]);
    }
}

// ---------------------------------------------------------------------------------------------
// nbody
// ---------------------------------------------------------------------------------------------

/// Positions in [-1, 1)^3 and masses in [0.5, 1.5).
struct Bodies {
    x: Vec<f64>,
    y: Vec<f64>,
    z: Vec<f64>,
    m: Vec<f64>,
}

struct NBody;

impl Kernel for NBody {
    const NAME: &'static str = "nbody";
    type Input = Bodies;
    /// `ax`, `ay`, `az`.
    type Output = [Vec<f64>; 3];

    fn cases() -> impl Iterator<Item = (String, Bodies)> {
        NBODY_BODIES.into_iter().map(|n| {
            let b = Bodies {
                x: inputs(n, 10, -1.0, 1.0),
                y: inputs(n, 11, -1.0, 1.0),
                z: inputs(n, 12, -1.0, 1.0),
                m: inputs(n, 13, 0.5, 1.5),
            };
            (n.to_string(), b)
        })
    }

    fn variants() -> Vec<Variant<Bodies, [Vec<f64>; 3]>> {
        vec![
            Self::exact("serial", |b, [ax, ay, az]| nbody::serial(&b.x, &b.y, &b.z, &b.m, ax, ay, az)),
            Self::exact("parallel", |b, [ax, ay, az]| nbody::parallel(&b.x, &b.y, &b.z, &b.m, ax, ay, az)),
            // Contracts the products and sums into fused multiply-adds.
            Self::relaxed("fastmath", |b, [ax, ay, az]| nbody::fastmath(&b.x, &b.y, &b.z, &b.m, ax, ay, az)),
            Self::relaxed("parallel_fastmath", |b, [ax, ay, az]| {
                nbody::parallel_fastmath(&b.x, &b.y, &b.z, &b.m, ax, ay, az)
            }),
            Self::exact("plain", nbody_plain),
            Self::exact("rayon", nbody_rayon),
        ]
    }

    fn output(b: &Bodies) -> [Vec<f64>; 3] {
        [(); 3].map(|_| vec![0.0; b.x.len()])
    }

    fn check(b: &Bodies, want: &[Vec<f64>; 3], got: &[Vec<f64>; 3], exact: bool) -> Result<(), String> {
        let n = b.x.len();
        let abs_sums: Vec<[f64; 3]> = if exact { Vec::new() } else { (0..n).map(|i| accel_abs(b, i)).collect() };
        for (axis, (g, w)) in got.iter().zip(want).enumerate() {
            close(g, w, |i| unless_exact(exact, sum_tolerance(n, 8.0, abs_sums[i][axis])))
                .map_err(|e| format!("axis {axis}: {e}"))?;
        }
        Ok(())
    }

    fn throughput(b: &Bodies) -> Throughput {
        Throughput::Elements((b.x.len() * b.x.len()) as u64)
    }

    fn flops(b: &Bodies, _: &[Vec<f64>; 3]) -> Option<f64> {
        // Per pair: 3 differences, 6 for `r2`, sqrt, product, division, and 3 x (2 products,
        // 1 sum): 21, counting a square root or a division as one.
        Some(21.0 * (b.x.len() * b.x.len()) as f64)
    }
}

/// The acceleration of body `i`, the kernel's inner loop.
fn accel(b: &Bodies, i: usize) -> (f64, f64, f64) {
    let (xi, yi, zi) = (b.x[i], b.y[i], b.z[i]);
    let (mut sx, mut sy, mut sz) = (0.0, 0.0, 0.0);
    for (((xj, yj), zj), mj) in b.x.iter().zip(&b.y).zip(&b.z).zip(&b.m) {
        let (dx, dy, dz) = (xj - xi, yj - yi, zj - zi);
        let r2 = dx * dx + dy * dy + dz * dz + 1e-3;
        let inv = 1.0 / (r2 * r2.sqrt());
        sx += mj * dx * inv;
        sy += mj * dy * inv;
        sz += mj * dz * inv;
    }
    (sx, sy, sz)
}

/// `Σ|term|` of each of `accel(b, i)`'s sums, for the tolerance.
fn accel_abs(b: &Bodies, i: usize) -> [f64; 3] {
    let mut s = [0.0; 3];
    for j in 0..b.x.len() {
        let d = [b.x[j] - b.x[i], b.y[j] - b.y[i], b.z[j] - b.z[i]];
        let r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2] + 1e-3;
        let inv = 1.0 / (r2 * r2.sqrt());
        for (s, d) in s.iter_mut().zip(d) {
            *s += (b.m[j] * d * inv).abs();
        }
    }
    s
}

fn nbody_plain(b: &Bodies, [ax, ay, az]: &mut [Vec<f64>; 3]) {
    for (i, ((sx, sy), sz)) in ax.iter_mut().zip(ay.iter_mut()).zip(az.iter_mut()).enumerate() {
        (*sx, *sy, *sz) = accel(b, i);
    }
}

fn nbody_rayon(b: &Bodies, [ax, ay, az]: &mut [Vec<f64>; 3]) {
    (&mut ax[..], &mut ay[..], &mut az[..])
        .into_par_iter()
        .enumerate()
        .for_each(|(i, (sx, sy, sz))| (*sx, *sy, *sz) = accel(b, i));
}

// ---------------------------------------------------------------------------------------------
// matvec
// ---------------------------------------------------------------------------------------------

struct MatVec {
    a: Array2<f64>,
    x: Vec<f64>,
}

impl Kernel for MatVec {
    const NAME: &'static str = "matvec";
    type Input = MatVec;
    type Output = Vec<f64>;

    fn cases() -> impl Iterator<Item = (String, MatVec)> {
        MATVEC_SHAPES
            .into_iter()
            .map(|(r, c)| (format!("{r}x{c}"), MatVec { a: matrix(r, c, 14, -1.0, 1.0), x: inputs(c, 15, -1.0, 1.0) }))
    }

    fn variants() -> Vec<Variant<MatVec, Vec<f64>>> {
        vec![
            Self::exact("serial", |i, y| matvec::serial(i.a.view(), &i.x, y)),
            Self::exact("parallel", |i, y| matvec::parallel(i.a.view(), &i.x, y)),
            Self::relaxed("fastmath", |i, y| matvec::fastmath(i.a.view(), &i.x, y)),
            Self::relaxed("parallel_fastmath", |i, y| matvec::parallel_fastmath(i.a.view(), &i.x, y)),
            Self::exact("plain", |i, y| matvec_plain(flat(&i.a), &i.x, y)),
            Self::exact("rayon", |i, y| matvec_rayon(flat(&i.a), &i.x, y)),
            Self::relaxed("chunks", |i, y| matvec_chunks(flat(&i.a), &i.x, y)),
        ]
    }

    fn output(i: &MatVec) -> Vec<f64> {
        vec![0.0; i.a.nrows()]
    }

    fn check(i: &MatVec, want: &Vec<f64>, got: &Vec<f64>, exact: bool) -> Result<(), String> {
        let abs_sum = |r: usize| i.a.row(r).iter().zip(&i.x).map(|(p, q)| (p * q).abs()).sum();
        close(got, want, |r| unless_exact(exact, sum_tolerance(i.x.len(), 2.0, abs_sum(r))))
    }

    fn throughput(i: &MatVec) -> Throughput {
        Throughput::Bytes(8 * i.a.len() as u64)
    }

    fn flops(i: &MatVec, _: &Vec<f64>) -> Option<f64> {
        Some(2.0 * i.a.len() as f64)
    }
}

/// `a` is `y.len()` rows of `x.len()` columns, row-major.
fn matvec_plain(a: &[f64], x: &[f64], y: &mut [f64]) {
    for (yi, row) in y.iter_mut().zip(a.chunks_exact(x.len())) {
        *yi = dot_plain(row, x);
    }
}

fn matvec_rayon(a: &[f64], x: &[f64], y: &mut [f64]) {
    y.par_iter_mut().zip(a.par_chunks_exact(x.len())).for_each(|(yi, row)| *yi = dot_plain(row, x));
}

fn matvec_chunks(a: &[f64], x: &[f64], y: &mut [f64]) {
    for (yi, row) in y.iter_mut().zip(a.chunks_exact(x.len())) {
        *yi = dot_chunks(row, x);
    }
}

// ---------------------------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------------------------

/// One timed variant at one size.
struct Row {
    kernel: &'static str,
    size: String,
    variant: &'static str,
    /// Median seconds per call.
    seconds: f64,
    throughput: Throughput,
    flops: Option<f64>,
}

#[derive(Default)]
struct Summary {
    rows: Vec<Row>,
}

impl Summary {
    fn case<'a>(&'a self, kernel: &'a str, size: &'a str) -> impl Iterator<Item = &'a Row> + 'a {
        self.rows.iter().filter(move |r| r.kernel == kernel && r.size == size)
    }

    /// One line for one size: each variant's GFLOP/s.
    fn print_gflops(&self, kernel: &str, size: &str) {
        let rates: Vec<String> = self
            .case(kernel, size)
            .filter_map(|r| Some(format!("{} {:.2}", r.variant, r.flops? / r.seconds / 1e9)))
            .collect();
        if !rates.is_empty() {
            println!("suite_{kernel}/{size} GFLOP/s: {}\n", rates.join(", "));
        }
    }

    /// The markdown table of every median, with throughput and speed relative to `plain`.
    fn print_table(&self) {
        if self.rows.is_empty() {
            return;
        }
        println!("| group | size | variant | median | throughput | speed vs plain |");
        println!("|---|---|---|---|---|---|");
        for r in &self.rows {
            let plain = self.case(r.kernel, &r.size).find(|p| p.variant == "plain");
            let speed = plain.map_or(String::new(), |p| format!("{:.2}x", p.seconds / r.seconds));
            let (time, rate) = (duration(r.seconds), rate(&r.throughput, r.seconds));
            println!("| suite_{} | {} | {} | {time} | {rate} | {speed} |", r.kernel, r.size, r.variant);
        }
    }
}

/// Four significant digits, in the unit criterion would use.
fn duration(seconds: f64) -> String {
    let (value, unit) = match seconds {
        s if s < 1e-6 => (s * 1e9, "ns"),
        s if s < 1e-3 => (s * 1e6, "µs"),
        s if s < 1.0 => (s * 1e3, "ms"),
        s => (s, "s"),
    };
    format!("{} {unit}", significant(value))
}

fn rate(throughput: &Throughput, seconds: f64) -> String {
    match *throughput {
        Throughput::Bytes(b) => format!("{} GiB/s", significant(b as f64 / seconds / (1u64 << 30) as f64)),
        Throughput::Elements(e) => format!("{} Melem/s", significant(e as f64 / seconds / 1e6)),
        _ => String::new(),
    }
}

fn significant(v: f64) -> String {
    match v {
        v if v >= 100.0 => format!("{v:.1}"),
        v if v >= 10.0 => format!("{v:.2}"),
        v => format!("{v:.3}"),
    }
}

fn main() {
    let start = Instant::now();
    // No plots (see the top of the file); the estimates still go to `target/criterion/suite_*`.
    let mut c = Criterion::default()
        .without_plots()
        .sample_size(SAMPLES)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .configure_from_args();
    let mut summary = Summary::default();
    bench::<GoFast>(&mut c, &mut summary);
    bench::<Saxpy>(&mut c, &mut summary);
    bench::<Dot>(&mut c, &mut summary);
    bench::<Softplus>(&mut c, &mut summary);
    bench::<Mandelbrot>(&mut c, &mut summary);
    bench::<Jacobi>(&mut c, &mut summary);
    bench::<NBody>(&mut c, &mut summary);
    bench::<MatVec>(&mut c, &mut summary);
    summary.print_table();
    if !summary.rows.is_empty() {
        println!("\nsuite: {} benchmarks in {:.0} s", summary.rows.len(), start.elapsed().as_secs_f64());
    }
    c.final_summary();
}
