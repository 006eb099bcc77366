//! The parallel variant against the serial variant and against the same computation written by
//! hand with rayon iterators: `cargo bench --bench parallel`.
//!
//! Groups (all prefixed `par_` so that their reports never mix with the serial suite's):
//! `par_go_fast`, `par_map`, `par_sum_ln1p` (reductions), `par_mandelbrot` (uneven rows),
//! `par_matvec` (rows in parallel, serial inner loop), and `par_threshold`, which finds the size
//! where `parallel` starts to beat `serial` for a light and a heavy element-wise kernel.
//!
//! The rayon baselines run on rayon's global pool, the kernels on kernelize's team; both have
//! one thread per hardware thread unless `RAYON_NUM_THREADS` / `KERNELIZE_NUM_THREADS` say
//! otherwise.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kernelize::ndarray::{Array2, ArrayView2, ArrayViewMut2};
use kernelize::{kernel, prange};
use rayon::prelude::*;
use std::hint::black_box;

// ---------------------------------------------------------------------------------------------
// Kernels
// ---------------------------------------------------------------------------------------------

#[kernel(parallel)]
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

#[kernel(parallel)]
pub fn map(a: &[f64], b: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        out[i] = (a[i] * 1.5 + 0.25).sqrt() * b[i].exp();
    }
}

#[kernel(parallel)]
pub fn sum_ln1p(a: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        s += a[i].ln_1p();
    }
    s
}

/// Escape times over [-2, 0.6] x [-1.2, 1.2]: row `i` of `img` is imaginary part
/// `-1.2 + 2.4 i / h`, column `j` real part `-2 + 2.6 j / w`.
#[kernel(parallel)]
pub fn mandelbrot(mut img: ArrayViewMut2<u32>, max_iter: u32) {
    let h = img.nrows();
    let w = img.ncols();
    for i in prange(0..h) {
        let ci = -1.2 + 2.4 * (i as f64) / (h as f64);
        for j in 0..w {
            let cr = -2.0 + 2.6 * (j as f64) / (w as f64);
            let mut zr = 0.0;
            let mut zi = 0.0;
            let mut k: u32 = 0;
            while k < max_iter && zr * zr + zi * zi <= 4.0 {
                let t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                k += 1;
            }
            img[[i, j]] = k;
        }
    }
}

#[kernel(parallel)]
pub fn matvec(a: ArrayView2<f64>, x: &[f64], y: &mut [f64]) {
    for i in prange(0..a.nrows()) {
        let mut s = 0.0;
        for j in 0..a.ncols() {
            s += a[[i, j]] * x[j];
        }
        y[i] = s;
    }
}

#[kernel(parallel)]
pub fn light(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        out[i] = a[i] * 2.0 + 1.0;
    }
}

#[kernel(parallel)]
pub fn heavy(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        out[i] = a[i].tanh();
    }
}

// ---------------------------------------------------------------------------------------------
// The same computations written by hand with rayon iterators
// ---------------------------------------------------------------------------------------------

fn go_fast_rayon(a: &[f64], out: &mut [f64]) -> f64 {
    let trace: f64 = a.par_iter().map(|x| x.tanh()).sum();
    out.par_iter_mut().zip(a).for_each(|(o, x)| *o = x + trace);
    trace
}

fn map_rayon(a: &[f64], b: &[f64], out: &mut [f64]) {
    out.par_iter_mut().zip(a).zip(b).for_each(|((o, x), y)| *o = (x * 1.5 + 0.25).sqrt() * y.exp());
}

fn sum_ln1p_rayon(a: &[f64]) -> f64 {
    a.par_iter().map(|x| x.ln_1p()).sum()
}

/// A reproducible rayon reduction: the same length-only chunking as the kernel, partials
/// combined in chunk order.
fn sum_ln1p_rayon_chunked(a: &[f64]) -> f64 {
    let partials: Vec<f64> = a
        .par_chunks(kernelize::parallel::chunk_len(a.len()))
        .map(|c| c.iter().map(|x| x.ln_1p()).sum::<f64>())
        .collect();
    partials.iter().sum()
}

fn mandelbrot_rayon(img: &mut [u32], w: usize, h: usize, max_iter: u32) {
    img.par_chunks_mut(w).enumerate().for_each(|(i, row)| {
        let ci = -1.2 + 2.4 * (i as f64) / (h as f64);
        for (j, px) in row.iter_mut().enumerate() {
            let cr = -2.0 + 2.6 * (j as f64) / (w as f64);
            let (mut zr, mut zi, mut k) = (0.0f64, 0.0f64, 0u32);
            while k < max_iter && zr * zr + zi * zi <= 4.0 {
                let t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                k += 1;
            }
            *px = k;
        }
    });
}

/// `a` is `y.len()` rows of `x.len()` columns, row-major.
fn matvec_rayon(a: &[f64], x: &[f64], y: &mut [f64]) {
    y.par_iter_mut()
        .zip(a.par_chunks_exact(x.len()))
        .for_each(|(yi, row)| *yi = row.iter().zip(x).map(|(p, q)| p * q).sum());
}

// ---------------------------------------------------------------------------------------------
// Driver
// ---------------------------------------------------------------------------------------------

fn data(n: usize) -> Vec<f64> {
    (0..n).map(|i| ((i * 7919) % 1000) as f64 / 1000.0).collect()
}

fn close(x: f64, y: f64) -> bool {
    (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0)
}

fn bench_1d(c: &mut Criterion) {
    for n in [10_000usize, 1_000_000] {
        let a = data(n);
        let b: Vec<f64> = a.iter().map(|v| 1.0 - v).collect();
        let mut out = vec![0.0; n];
        let mut check = vec![0.0; n];

        let t = go_fast::parallel(&a, &mut out);
        assert_eq!(t.to_bits(), go_fast::parallel(&a, &mut check).to_bits(), "go_fast::parallel is not reproducible");
        assert!(close(t, go_fast::serial(&a, &mut check)) && close(t, go_fast_rayon(&a, &mut check)));
        let mut g = c.benchmark_group("par_go_fast");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("parallel", n), &n, |bch, _| {
            bch.iter(|| go_fast::parallel(black_box(&a), &mut out))
        });
        g.bench_with_input(BenchmarkId::new("serial", n), &n, |bch, _| {
            bch.iter(|| go_fast::serial(black_box(&a), &mut out))
        });
        g.bench_with_input(BenchmarkId::new("rayon", n), &n, |bch, _| {
            bch.iter(|| go_fast_rayon(black_box(&a), &mut out))
        });
        g.finish();

        map::parallel(&a, &b, &mut out);
        map::serial(&a, &b, &mut check);
        assert_eq!(out, check, "map: parallel and serial differ");
        map_rayon(&a, &b, &mut check);
        assert_eq!(out, check, "map: parallel and rayon differ");
        let mut g = c.benchmark_group("par_map");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("parallel", n), &n, |bch, _| {
            bch.iter(|| map::parallel(black_box(&a), &b, &mut out))
        });
        g.bench_with_input(BenchmarkId::new("serial", n), &n, |bch, _| {
            bch.iter(|| map::serial(black_box(&a), &b, &mut out))
        });
        g.bench_with_input(BenchmarkId::new("rayon", n), &n, |bch, _| {
            bch.iter(|| map_rayon(black_box(&a), &b, &mut out))
        });
        g.finish();

        let s = sum_ln1p::parallel(&a);
        assert_eq!(s.to_bits(), sum_ln1p_rayon_chunked(&a).to_bits(), "sum_ln1p: not combined in chunk order");
        assert!(close(s, sum_ln1p::serial(&a)) && close(s, sum_ln1p_rayon(&a)));
        let mut g = c.benchmark_group("par_sum_ln1p");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("parallel", n), &n, |bch, _| {
            bch.iter(|| sum_ln1p::parallel(black_box(&a)))
        });
        g.bench_with_input(BenchmarkId::new("serial", n), &n, |bch, _| bch.iter(|| sum_ln1p::serial(black_box(&a))));
        g.bench_with_input(BenchmarkId::new("rayon", n), &n, |bch, _| bch.iter(|| sum_ln1p_rayon(black_box(&a))));
        g.bench_with_input(BenchmarkId::new("rayon_chunked", n), &n, |bch, _| {
            bch.iter(|| sum_ln1p_rayon_chunked(black_box(&a)))
        });
        g.finish();
    }
}

fn bench_2d(c: &mut Criterion) {
    const MAX_ITER: u32 = 200;
    for (w, h) in [(128usize, 64usize), (1024, 512)] {
        let mut img = Array2::<u32>::zeros((h, w));
        let mut check = Array2::<u32>::zeros((h, w));
        let mut flat = vec![0u32; w * h];
        mandelbrot::parallel(img.view_mut(), MAX_ITER);
        mandelbrot::serial(check.view_mut(), MAX_ITER);
        assert_eq!(img, check, "mandelbrot: parallel and serial differ");
        mandelbrot_rayon(&mut flat, w, h, MAX_ITER);
        assert!(img.iter().eq(flat.iter()), "mandelbrot: parallel and rayon differ");
        let size = format!("{w}x{h}");
        let mut g = c.benchmark_group("par_mandelbrot");
        g.throughput(Throughput::Elements((w * h) as u64));
        g.bench_with_input(BenchmarkId::new("parallel", &size), &size, |bch, _| {
            bch.iter(|| mandelbrot::parallel(img.view_mut(), black_box(MAX_ITER)))
        });
        g.bench_with_input(BenchmarkId::new("serial", &size), &size, |bch, _| {
            bch.iter(|| mandelbrot::serial(img.view_mut(), black_box(MAX_ITER)))
        });
        g.bench_with_input(BenchmarkId::new("rayon", &size), &size, |bch, _| {
            bch.iter(|| mandelbrot_rayon(&mut flat, w, h, black_box(MAX_ITER)))
        });
        g.finish();
    }

    for n in [100usize, 2000] {
        let m = data(n * n);
        let a = ArrayView2::from_shape((n, n), &m).unwrap_or_else(|e| panic!("matvec: {e}"));
        let x = data(n);
        let mut y = vec![0.0; n];
        let mut check = vec![0.0; n];
        matvec::parallel(a, &x, &mut y);
        matvec::serial(a, &x, &mut check);
        assert_eq!(y, check, "matvec: parallel and serial differ");
        matvec_rayon(&m, &x, &mut check);
        assert_eq!(y, check, "matvec: parallel and rayon differ");
        let size = format!("{n}x{n}");
        let mut g = c.benchmark_group("par_matvec");
        g.throughput(Throughput::Elements((n * n) as u64));
        g.bench_with_input(BenchmarkId::new("parallel", &size), &size, |bch, _| {
            bch.iter(|| matvec::parallel(black_box(a), &x, &mut y))
        });
        g.bench_with_input(BenchmarkId::new("serial", &size), &size, |bch, _| {
            bch.iter(|| matvec::serial(black_box(a), &x, &mut y))
        });
        g.bench_with_input(BenchmarkId::new("rayon", &size), &size, |bch, _| {
            bch.iter(|| matvec_rayon(black_box(&m), &x, &mut y))
        });
        g.finish();
    }
}

fn bench_threshold(c: &mut Criterion) {
    let mut g = c.benchmark_group("par_threshold");
    for n in [256usize, 1024, 4096, 16_384, 65_536, 262_144] {
        let a = data(n);
        let mut out = vec![0.0; n];
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("light_serial", n), &n, |bch, _| {
            bch.iter(|| light::serial(black_box(&a), &mut out))
        });
        g.bench_with_input(BenchmarkId::new("light_parallel", n), &n, |bch, _| {
            bch.iter(|| light::parallel(black_box(&a), &mut out))
        });
        g.bench_with_input(BenchmarkId::new("heavy_serial", n), &n, |bch, _| {
            bch.iter(|| heavy::serial(black_box(&a), &mut out))
        });
        g.bench_with_input(BenchmarkId::new("heavy_parallel", n), &n, |bch, _| {
            bch.iter(|| heavy::parallel(black_box(&a), &mut out))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = bench_1d, bench_2d, bench_threshold
}
criterion_main!(benches);
