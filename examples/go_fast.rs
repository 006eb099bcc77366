//! The seed program: Numba's `go_fast` (a tanh trace, then `a + trace`) in Rust, with each
//! variant `#[kernel]` generated timed on 10k and 1M f64.
//!
//! Run it with `cargo run --release --example go_fast`.

use kernelize::parallel::num_threads;
use kernelize::{Target, kernel, machine, prange, simd};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// `trace = sum(tanh(a))`, then `out = a + trace`; returns the trace.
#[kernel(parallel, fastmath)]
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

/// The same loops written by hand, as a baseline.
fn by_hand(a: &[f64], out: &mut [f64]) -> f64 {
    let mut trace = 0.0;
    for x in a {
        trace += x.tanh();
    }
    for (o, x) in out.iter_mut().zip(a) {
        *o = x + trace;
    }
    trace
}

/// Median time of each function, measured in interleaved rounds (one run of each per round,
/// at least 15 rounds and about a second in all), so that a slow moment of a shared machine
/// hits every variant alike.
fn median_times(fs: &mut [&mut dyn FnMut()]) -> Vec<Duration> {
    for f in fs.iter_mut() {
        f();
    }
    let mut times = vec![Vec::new(); fs.len()];
    let start = Instant::now();
    while times[0].len() < 15 || (start.elapsed() < Duration::from_secs(1) && times[0].len() < 100_000) {
        for (f, t) in fs.iter_mut().zip(&mut times) {
            let t0 = Instant::now();
            f();
            t.push(t0.elapsed());
        }
    }
    times
        .into_iter()
        .map(|mut t| {
            t.sort();
            t[t.len() / 2]
        })
        .collect()
}

/// The lanes `fastmath` runs the tanh loop in at `level` (see `go_fast::REPORT`).
fn go_fast_lanes(level: kernelize::SimdLevel) -> usize {
    match level {
        kernelize::SimdLevel::Avx512 => 8,
        kernelize::SimdLevel::Avx2Fma => 4,
        kernelize::SimdLevel::Baseline => 2,
    }
}

fn show(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 { format!("{us:8.1} µs") } else { format!("{:8.2} ms", us / 1000.0) }
}

/// Deterministic inputs in [0, 1), like NumPy's `np.random.rand`.
fn inputs(n: usize) -> Vec<f64> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

fn main() {
    let m = machine();
    println!("kernelize go_fast: trace = sum(tanh(a)); out = a + trace");
    println!("machine: {} ({} hardware threads, widest SIMD: {})", m.cpu, m.cores, m.simd);
    let chosen = Target::choose(&[Target::Serial, Target::Parallel, Target::Fastmath, Target::ParallelFastmath]);
    println!("dispatch picks: {chosen} (set KERNELIZE_TARGET to force one; KERNELIZE_NUM_THREADS sizes the pool)");
    let isa = simd::level();
    println!("fastmath instruction set: {isa}, chosen at run time (KERNELIZE_ISA=baseline|avx2|avx512 forces one)");
    println!();
    for n in [10_000, 1_000_000] {
        let a = inputs(n);
        let mut out = vec![0.0; n];
        let reference = by_hand(&a, &mut out);
        assert_eq!(go_fast::serial(&a, &mut out), reference, "serial differs from the hand-written loop");
        let parallel = go_fast::parallel(&a, &mut out);
        assert!((parallel - reference).abs() <= 2.0 * n as f64 * f64::EPSILON * reference.abs());
        // fastmath: lanes re-associate the sum and tanh has at most a few ulps of error.
        for fast in [go_fast::fastmath(&a, &mut out), go_fast::parallel_fastmath(&a, &mut out)] {
            assert!((fast - reference).abs() <= 1e-12 * n as f64, "fastmath trace {fast} vs {reference}");
        }

        let threads = num_threads();
        let dispatch_threads = if matches!(chosen, Target::Parallel | Target::ParallelFastmath) { threads } else { 1 };
        let mut outs = vec![out.clone(); 6];
        let [o1, o2, o3, o4, o5, o6] = &mut outs[..] else { unreachable!() };
        let times = median_times(&mut [
            &mut || {
                black_box(go_fast::serial(black_box(&a), o1));
            },
            &mut || {
                black_box(go_fast::parallel(black_box(&a), o2));
            },
            &mut || {
                black_box(go_fast::fastmath(black_box(&a), o3));
            },
            &mut || {
                black_box(go_fast::parallel_fastmath(black_box(&a), o4));
            },
            &mut || {
                black_box(go_fast(black_box(&a), o5));
            },
            &mut || {
                black_box(by_hand(black_box(&a), o6));
            },
        ]);
        let serial = times[0];
        let lanes = format!("{isa}, {} lanes", go_fast_lanes(isa));
        let dispatch_simd = if matches!(chosen, Target::Fastmath | Target::ParallelFastmath) {
            lanes.as_str()
        } else {
            "none (IEEE, one lane)"
        };
        let rows: [(&str, Duration, usize, &str); 6] = [
            ("serial", times[0], 1, "none (IEEE, one lane)"),
            ("parallel", times[1], threads, "none (IEEE, one lane)"),
            ("fastmath", times[2], 1, &lanes),
            ("parallel_fastmath", times[3], threads, &lanes),
            ("go_fast (dispatch)", times[4], dispatch_threads, dispatch_simd),
            ("hand-written loop", times[5], 1, "none (IEEE, one lane)"),
        ];
        println!("n = {n} f64 (trace = {reference:.6})");
        println!("  {:<20} {:>11}  {:>9}  {:>7}  SIMD", "variant", "median", "vs serial", "threads");
        for (name, t, threads, simd) in rows {
            let speedup = serial.as_secs_f64() / t.as_secs_f64();
            println!("  {name:<20} {}  {speedup:>8.2}x  {threads:>7}  {simd}", show(t));
        }
        println!();
    }
    println!(
        "variants available: serial, parallel, fastmath, parallel_fastmath; add `cuda` to the attribute and build \
         with `--features cuda` for the GPU variant (examples/gpu_bench.rs)"
    );
    println!("{}", go_fast::REPORT);
}
