//! GPU bandwidth: axpy, a sum and the seed kernel at 10^8 elements on device-resident arrays,
//! against a device-to-device copy measured in the same run.
//!
//! `cargo bench --features cuda --bench cuda` on a machine with an NVIDIA GPU. Each row is the
//! median of 15 runs after 3 warm-ups; every `cuda_device` call waits for its kernel (it reads
//! the flag word back), so a run is the whole call. Bytes are those the kernel must move at
//! least: axpy reads x and y and writes y (12 bytes per f32 element); the sum reads one f64 (8);
//! the seed kernel reads `a` twice and writes `out` (24). The copy reads and writes each f64
//! (16). Target: memory-bound kernels at 85% of the copy's bandwidth or more.
//!
//! Without a usable GPU it prints why and exits successfully.

use kernelize::{kernel, prange};
use std::time::Instant;

#[kernel(cuda)]
pub fn axpy(alpha: f32, x: &[f32], y: &mut [f32]) {
    for i in prange(0..x.len()) {
        y[i] = alpha * x[i] + y[i];
    }
}

#[kernel(cuda)]
pub fn sum(a: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        s += a[i];
    }
    s
}

#[kernel(cuda)]
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

const N: usize = 100_000_000;
const WARMUP: usize = 3;
const RUNS: usize = 15;

/// The median time of `RUNS` calls of `f`, in seconds.
fn median(mut f: impl FnMut() -> Result<(), kernelize::Error>) -> Result<f64, kernelize::Error> {
    for _ in 0..WARMUP {
        f()?;
    }
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        f()?;
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    Ok(times[RUNS / 2])
}

fn run() -> Result<(), kernelize::Error> {
    let dev = kernelize::cuda::device()?;
    println!("device: {} (KERNELIZE_DEVICE={})", dev.name(), dev.ordinal());
    let host: Vec<f64> = (0..N).map(|i| ((i % 1000) as f64) * 1e-3 - 0.5).collect();
    let a = dev.upload(&host)?;
    let mut b = dev.zeros::<f64>(N)?;
    let copy = median(|| {
        b.copy_from_device(&a)?;
        dev.synchronize()
    })?;
    let x = dev.upload(&vec![1.0f32; N])?;
    let mut y = dev.upload(&vec![2.0f32; N])?;
    let axpy_t = median(|| axpy::cuda_device(0.5, &x, &mut y))?;
    let sum_t = median(|| sum::cuda_device(&a).map(|_| ()))?;
    let seed_t = median(|| go_fast::cuda_device(&a, &mut b).map(|_| ()))?;
    let gbs = |bytes: usize, t: f64| bytes as f64 * N as f64 / t / 1e9;
    let copy_bw = gbs(16, copy);
    println!("| kernel (10^8 elements) | median | GB/s | of copy |");
    println!("|---|---|---|---|");
    println!("| device-to-device copy (f64) | {:.3} ms | {copy_bw:.0} | 1.00 |", copy * 1e3);
    for (name, bytes, t) in [("axpy (f32)", 12, axpy_t), ("sum (f64)", 8, sum_t), ("seed go_fast (f64)", 24, seed_t)] {
        let bw = gbs(bytes, t);
        println!("| {name} | {:.3} ms | {bw:.0} | {:.2} |", t * 1e3, bw / copy_bw);
    }
    Ok(())
}

fn main() {
    if !kernelize::cuda::is_available() {
        let why = kernelize::cuda::device().err().map_or_else(|| "no GPU".to_owned(), |e| e.to_string());
        println!("skipped: {why}");
        return;
    }
    if let Err(e) = run() {
        println!("failed: {e}");
        std::process::exit(1);
    }
}
