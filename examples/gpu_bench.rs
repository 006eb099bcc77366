//! The GPU figures of the README: memory bandwidth of kernelize's kernels against the device's
//! own copy, and the cost of one launch in steady state.
//!
//! `cargo run --release --features cuda --example gpu_bench [N]` on a machine with an NVIDIA
//! GPU (N elements of `f32`, default 2^26: 256 MiB an array). Each figure is the median of
//! several timed calls after a warm-up, on device-resident arrays (`name::cuda_device`):
//!
//! - `copy` (`out[i] = a[i]`) and `scale` (`out[i] = k * a[i]`), in GB/s moved (read plus
//!   write), against `DeviceVec::copy_from_device` (the driver's device-to-device copy):
//!   goal 85%;
//! - `sum` (a reduction), in GB/s read, against the same: goal 80%;
//! - `tiny`: one launch over 256 elements, in µs per call (flag, launch, copy back, wait).
//!
//! Without a GPU it says why and exits 0; `KERNELIZE_TARGET=cuda_sim cargo run --features
//! cuda_sim --example gpu_bench 100000` runs it on the simulator (the figures then measure
//! the simulator, not a GPU).

use kernelize::{kernel, prange};
use std::time::Instant;

#[kernel(cuda)]
pub fn copy(a: &[f32], out: &mut [f32]) {
    for i in prange(0..a.len()) {
        out[i] = a[i];
    }
}

#[kernel(cuda)]
pub fn scale(a: &[f32], out: &mut [f32], k: f32) {
    for i in prange(0..a.len()) {
        out[i] = k * a[i];
    }
}

#[kernel(cuda)]
pub fn sum(a: &[f32]) -> f32 {
    let mut s = 0.0f32;
    for i in prange(0..a.len()) {
        s += a[i];
    }
    s
}

/// The median of `reps` timings of `f`, in seconds, after one untimed call.
fn median(reps: usize, mut f: impl FnMut() -> Result<(), kernelize::Error>) -> Result<f64, kernelize::Error> {
    f()?;
    let mut t = Vec::with_capacity(reps);
    for _ in 0..reps {
        let start = Instant::now();
        f()?;
        t.push(start.elapsed().as_secs_f64());
    }
    t.sort_by(f64::total_cmp);
    Ok(t[t.len() / 2])
}

fn run(n: usize, reps: usize) -> Result<(), kernelize::Error> {
    let dev = kernelize::cuda::device()?;
    println!("device {}: {}", dev.ordinal(), dev.name());
    let host: Vec<f32> = (0..n).map(|i| (i % 1000) as f32 * 0.001).collect();
    let a = dev.upload(&host)?;
    let mut out = dev.zeros::<f32>(n)?;
    let bytes = (4 * n) as f64;

    let reference = median(reps, || {
        out.copy_from_device(&a)?;
        dev.synchronize()
    })?;
    let peak = 2.0 * bytes / reference / 1e9;
    println!("device-to-device copy (the driver's): {peak:.1} GB/s ({:.3} ms)", reference * 1e3);
    let t = median(reps, || copy::cuda_device(&a, &mut out))?;
    let gbs = 2.0 * bytes / t / 1e9;
    println!("copy  (out[i] = a[i]):     {gbs:.1} GB/s, {:.0}% of the copy (goal 85%)", 100.0 * gbs / peak);
    let t = median(reps, || scale::cuda_device(&a, &mut out, 1.5))?;
    let gbs = 2.0 * bytes / t / 1e9;
    println!("scale (out[i] = k * a[i]): {gbs:.1} GB/s, {:.0}% of the copy (goal 85%)", 100.0 * gbs / peak);
    let mut total = 0.0;
    let t = median(reps, || {
        total = sum::cuda_device(&a)?;
        Ok(())
    })?;
    let gbs = bytes / t / 1e9;
    println!("sum   (s += a[i]):         {gbs:.1} GB/s read, {:.0}% of the copy's rate (goal 80%)", 100.0 * gbs / peak);
    let want: f64 = host.iter().map(|&x| f64::from(x)).sum();
    println!("      sum = {total} (f64 on the host: {want:.1})");

    let small = dev.upload(&host[..256.min(n)])?;
    let mut small_out = dev.zeros::<f32>(small.len())?;
    let t = median(reps.max(1000), || copy::cuda_device(&small, &mut small_out))?;
    println!("tiny  (one launch of 256 elements, steady state): {:.1} µs per call", t * 1e6);
    Ok(())
}

fn main() {
    let n = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1 << 26);
    let reps = if n > 1 << 20 { 20 } else { 5 };
    if let Err(e) = run(n, reps) {
        println!("GPU not used: {e}");
    }
}
