//! The serial variant against the same loops written by hand (index loops, as a user would
//! write them): `cargo bench --bench serial`. The serial variant must be at least as fast;
//! where the analysis hoists bounds checks it is faster, because the loop can vectorize.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kernelize::ndarray::{Array2, ArrayView2};
use kernelize::{kernel, prange};
use std::hint::black_box;

#[kernel]
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

#[allow(clippy::needless_range_loop)]
fn go_fast_by_hand(a: &[f64], out: &mut [f64]) -> f64 {
    let mut trace = 0.0;
    for i in 0..a.len() {
        trace += a[i].tanh();
    }
    for i in 0..a.len() {
        out[i] = a[i] + trace;
    }
    trace
}

#[kernel]
pub fn axpy(alpha: f32, x: &[f32], y: &[f32], out: &mut [f32]) {
    for i in prange(0..x.len()) {
        out[i] = alpha * x[i] + y[i];
    }
}

#[allow(clippy::needless_range_loop)]
fn axpy_by_hand(alpha: f32, x: &[f32], y: &[f32], out: &mut [f32]) {
    for i in 0..x.len() {
        out[i] = alpha * x[i] + y[i];
    }
}

#[kernel]
pub fn stencil(a: &[f64], out: &mut [f64]) {
    let n = a.len();
    for i in prange(1..n - 1) {
        out[i] = 0.25 * a[i - 1] + 0.5 * a[i] + 0.25 * a[i + 1];
    }
}

fn stencil_by_hand(a: &[f64], out: &mut [f64]) {
    let n = a.len();
    for i in 1..n - 1 {
        out[i] = 0.25 * a[i - 1] + 0.5 * a[i] + 0.25 * a[i + 1];
    }
}

#[kernel]
pub fn count_above(a: &[f64], t: f64) -> usize {
    let mut count = 0;
    for i in prange(0..a.len()) {
        if a[i] > t {
            count += 1;
        }
    }
    count
}

#[allow(clippy::needless_range_loop)]
fn count_above_by_hand(a: &[f64], t: f64) -> usize {
    let mut count = 0;
    for i in 0..a.len() {
        if a[i] > t {
            count += 1;
        }
    }
    count
}

#[kernel]
pub fn dot_i64(a: &[i64], b: &[i64]) -> i64 {
    let mut s = 0;
    for i in prange(0..a.len()) {
        s += a[i] * b[i];
    }
    s
}

#[allow(clippy::needless_range_loop)]
fn dot_i64_by_hand(a: &[i64], b: &[i64]) -> i64 {
    let mut s = 0;
    for i in 0..a.len() {
        s += a[i] * b[i];
    }
    s
}

#[kernel]
pub fn matvec(a: ArrayView2<f64>, x: &[f64], y: &mut [f64]) {
    for i in prange(0..a.nrows()) {
        let mut s = 0.0;
        for j in 0..a.ncols() {
            s += a[[i, j]] * x[j];
        }
        y[i] = s;
    }
}

fn matvec_by_hand(a: ArrayView2<f64>, x: &[f64], y: &mut [f64]) {
    for i in 0..a.nrows() {
        let mut s = 0.0;
        for j in 0..a.ncols() {
            s += a[[i, j]] * x[j];
        }
        y[i] = s;
    }
}

fn data(n: usize) -> Vec<f64> {
    (0..n).map(|i| ((i * 7919) % 1000) as f64 / 1000.0).collect()
}

fn bench(c: &mut Criterion) {
    for n in [10_000usize, 1_000_000] {
        let a = data(n);
        let mut out = vec![0.0; n];
        let mut g = c.benchmark_group("go_fast");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("serial", n), &n, |b, _| {
            b.iter(|| go_fast::serial(black_box(&a), &mut out))
        });
        g.bench_with_input(BenchmarkId::new("by_hand", n), &n, |b, _| {
            b.iter(|| go_fast_by_hand(black_box(&a), &mut out))
        });
        g.finish();

        let (x, y): (Vec<f32>, Vec<f32>) = a.iter().map(|&v| (v as f32, 1.0 - v as f32)).unzip();
        let mut o = vec![0.0f32; n];
        let mut g = c.benchmark_group("axpy");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("serial", n), &n, |b, _| {
            b.iter(|| axpy::serial(2.0, black_box(&x), &y, &mut o))
        });
        g.bench_with_input(BenchmarkId::new("by_hand", n), &n, |b, _| {
            b.iter(|| axpy_by_hand(2.0, black_box(&x), &y, &mut o))
        });
        g.finish();

        let mut g = c.benchmark_group("stencil");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("serial", n), &n, |b, _| {
            b.iter(|| stencil::serial(black_box(&a), &mut out))
        });
        g.bench_with_input(BenchmarkId::new("by_hand", n), &n, |b, _| {
            b.iter(|| stencil_by_hand(black_box(&a), &mut out))
        });
        g.finish();

        let (ia, ib): (Vec<i64>, Vec<i64>) = (0..n as i64).map(|i| (i % 97, 3 - i % 5)).unzip();
        let mut g = c.benchmark_group("dot_i64");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("serial", n), &n, |b, _| b.iter(|| dot_i64::serial(black_box(&ia), &ib)));
        g.bench_with_input(BenchmarkId::new("by_hand", n), &n, |b, _| b.iter(|| dot_i64_by_hand(black_box(&ia), &ib)));
        g.finish();

        let mut g = c.benchmark_group("count_above");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("serial", n), &n, |b, _| {
            b.iter(|| count_above::serial(black_box(&a), 0.5))
        });
        g.bench_with_input(BenchmarkId::new("by_hand", n), &n, |b, _| {
            b.iter(|| count_above_by_hand(black_box(&a), 0.5))
        });
        g.finish();
    }
    for n in [100usize, 1000] {
        let a = Array2::from_shape_vec((n, n), data(n * n)).unwrap_or_else(|_| Array2::zeros((n, n)));
        let x = data(n);
        let mut y = vec![0.0; n];
        let mut g = c.benchmark_group("matvec");
        g.throughput(Throughput::Elements((n * n) as u64));
        g.bench_with_input(BenchmarkId::new("serial", n), &n, |b, _| {
            b.iter(|| matvec::serial(black_box(a.view()), &x, &mut y))
        });
        g.bench_with_input(BenchmarkId::new("by_hand", n), &n, |b, _| {
            b.iter(|| matvec_by_hand(black_box(a.view()), &x, &mut y))
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
