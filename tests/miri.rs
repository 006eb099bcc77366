//! The parallel variants under Miri, on small inputs (as `.ci/run` runs it):
//!
//! ```sh
//! KERNELIZE_MIN_WORK=0 KERNELIZE_SPIN_US=20 MIRIFLAGS="-Zmiri-env-forward=KERNELIZE_MIN_WORK \
//!     -Zmiri-env-forward=KERNELIZE_SPIN_US -Zmiri-tree-borrows -Zmiri-permissive-provenance \
//!     -Zmiri-ignore-leaks" cargo +nightly miri test --test miri
//! ```
//!
//! `KERNELIZE_MIN_WORK=0` makes every loop use the team, however small; `KERNELIZE_SPIN_US`
//! shortens the workers' spin after a loop. `-Zmiri-ignore-leaks`: the global team's threads
//! outlive `main`; the other flags are for dependencies.
//!
//! The `parallel` back end uses no `unsafe` of its own (written arrays are split into disjoint
//! parts with `chunks_mut` and ndarray's `axis_chunks_iter_mut`). The runtime's team has two
//! pieces of `unsafe`: the loop's work handed to the workers with its lifetime erased (the
//! caller returns only after every worker has left the loop), and the per-chunk slots (each
//! claimed once, by an atomic swap). These tests run them, the hoisted bounds-check windows and
//! the chunk pieces through Miri's checks for undefined behaviour and data races. They also
//! run, fast, in the ordinary `cargo test`.
//!
//! The `fastmath` variants are safe code too, except the runtime's one `unsafe` call of a clone
//! compiled for AVX2 or AVX-512 after checking the CPU has it; under Miri only the baseline
//! clone runs (Miri's CPU reports no AVX), which exercises the lane code, masks, windows,
//! per-lane stores and reductions.

use kernelize::ndarray::{Array2, ArrayView2, ArrayViewMut2};
use kernelize::parallel::with_threads;
use kernelize::{kernel, prange};

#[kernel(parallel, fastmath)]
fn go_fast(a: &[f64], out: &mut [f64]) -> f64 {
    let mut trace = 0.0;
    for i in prange(0..a.len()) {
        trace += a[i].tanh();
    }
    for i in prange(0..a.len()) {
        out[i] = a[i] + trace;
    }
    trace
}

#[kernel(parallel, fastmath)]
fn stencil(a: &[f64], out: &mut [f64]) -> (usize, f64) {
    let n = a.len();
    let mut big = 0;
    let mut hi = f64::NEG_INFINITY;
    for i in prange(1..n - 1) {
        out[i] = 0.25 * a[i - 1] + 0.5 * a[i] + 0.25 * a[i + 1];
        if out[i] > 0.5 {
            big += 1;
        }
        hi = hi.max(out[i]);
    }
    (big, hi)
}

#[kernel(parallel, fastmath)]
fn grid(mut out: ArrayViewMut2<f64>, cols: &mut Array2<f64>, x: &[f64]) {
    for i in prange(0..out.nrows()) {
        for j in prange(0..out.ncols()) {
            out[[i, j]] = x[j] * (i + 1) as f64;
        }
    }
    for j in prange(0..cols.ncols()) {
        for i in 0..cols.nrows() {
            cols[[i, j]] = (i * j) as f64;
        }
    }
}

/// Reads rows of 2-D views: through `FlatRows` (standard layout, one `unsafe` slice lookup
/// after its check) or ndarray's rows, along the `k` loop in lanes under `fastmath`.
#[kernel(parallel, fastmath)]
fn pairwise(a: ArrayView2<f64>, b: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
    for i in prange(0..a.nrows()) {
        for j in 0..b.nrows() {
            let mut s = 0.0;
            for k in 0..a.ncols() {
                let t = a[[i, k]] - b[[j, k]];
                s += t * t;
            }
            out[[i, j]] = s.sqrt();
        }
    }
}

fn inputs(n: usize) -> Vec<f64> {
    (0..n).map(|i| ((i * 37) % 101) as f64 / 101.0).collect()
}

/// Sizes that make several chunks (chunks are at least 16 iterations) yet stay quick in Miri.
const N: usize = 70;

#[test]
fn under_miri_every_loop_is_split() {
    if cfg!(miri) {
        assert_eq!(kernelize::parallel::min_work(), 0, "run with KERNELIZE_MIN_WORK=0 (see the top of this file)");
    }
}

#[test]
fn parallel_matches_serial_on_every_pool_size() {
    let a = inputs(N);
    let (mut s, mut p) = (vec![0.0; N], vec![0.0; N]);
    let want = go_fast::serial(&a, &mut s);
    for threads in [1, 2, 4] {
        let got = with_threads(threads, || go_fast::parallel(&a, &mut p));
        assert!((got - want).abs() <= 2.0 * N as f64 * f64::EPSILON * want.abs());
        for (x, y) in s.iter().zip(&p) {
            assert!((x - y).abs() <= 2.0 * N as f64 * f64::EPSILON * want.abs());
        }
    }
}

#[test]
fn stencil_windows_and_reductions() {
    let a = inputs(N);
    let (mut s, mut p) = (vec![0.0; N], vec![0.0; N]);
    let want = stencil::serial(&a, &mut s);
    let got = with_threads(3, || stencil::parallel(&a, &mut p));
    assert_eq!(want, got);
    assert_eq!(s, p);
}

#[test]
fn two_dimensional_splits() {
    let x = inputs(9);
    let (mut s, mut p) = (Array2::zeros((40, 9)), Array2::zeros((40, 9)));
    let (mut cs, mut cp) = (Array2::zeros((5, 40)), Array2::zeros((5, 40)));
    grid::serial(s.view_mut(), &mut cs, &x);
    with_threads(2, || grid::parallel(p.view_mut(), &mut cp, &x));
    assert_eq!(s, p);
    assert_eq!(cs, cp);
    let mut t = Array2::zeros((9, 40));
    with_threads(2, || grid::parallel(t.view_mut().reversed_axes(), &mut cp, &x));
    assert_eq!(t.t(), s);
}

#[test]
fn fastmath_matches_serial_in_every_clone() {
    let a = inputs(N);
    let (mut s, mut f) = (vec![0.0; N], vec![0.0; N]);
    let want = go_fast::serial(&a, &mut s);
    let (big, hi) = stencil::serial(&a, &mut s);
    for level in kernelize::simd::levels() {
        kernelize::simd::with_level(level, || {
            // Lanes re-associate the sum; tanh is within a few ulps of std's.
            let got = go_fast::fastmath(&a, &mut f);
            assert!((got - want).abs() <= 4.0 * N as f64 * f64::EPSILON * want.abs(), "{level}: {got} vs {want}");
            let got = with_threads(2, || go_fast::parallel_fastmath(&a, &mut f));
            assert!((got - want).abs() <= 4.0 * N as f64 * f64::EPSILON * want.abs(), "{level}: {got} vs {want}");
            // The stencil may be contracted into FMAs: within a few ulps of 1.
            f.fill(0.0);
            let (fbig, fhi) = stencil::fastmath(&a, &mut f);
            let mut sref = vec![0.0; N];
            stencil::serial(&a, &mut sref);
            for (x, y) in sref.iter().zip(&f) {
                assert!((x - y).abs() <= 4.0 * f64::EPSILON, "{level}: {x} vs {y}");
            }
            assert!(fbig.abs_diff(big) <= 1 && (fhi - hi).abs() <= 4.0 * f64::EPSILON, "{level}");
            let (mut g1, mut g2) = (Array2::zeros((40, 9)), Array2::zeros((40, 9)));
            let (mut c1, mut c2) = (Array2::zeros((5, 40)), Array2::zeros((5, 40)));
            let x = inputs(9);
            grid::serial(g1.view_mut(), &mut c1, &x);
            grid::fastmath(g2.view_mut(), &mut c2, &x);
            assert_eq!(g1, g2, "{level}");
            assert_eq!(c1, c2, "{level}");
        });
    }
}

#[test]
fn rows_of_two_dimensional_views() {
    // 19 features: two vectors of 8 lanes and a remainder of 3 in the AVX-512 clone.
    let (n, m, d) = (5, 3, 19);
    let a = Array2::from_shape_vec((n, d), inputs(n * d)).unwrap();
    let b = Array2::from_shape_vec((m, d), inputs(m * d).into_iter().rev().collect()).unwrap();
    // The same values in a transposed (not standard) layout: ndarray's own row lookups.
    let at = a.t().to_owned();
    let at = at.t();
    let mut want = Array2::zeros((n, m));
    pairwise::serial(a.view(), b.view(), want.view_mut());
    for level in kernelize::simd::levels() {
        kernelize::simd::with_level(level, || {
            for (x, threads) in [(a.view(), 1), (at, 1), (a.view(), 2)] {
                let mut got = Array2::zeros((n, m));
                with_threads(threads, || pairwise::parallel_fastmath(x, b.view(), got.view_mut()));
                // A sum of d non-negative terms in another order (and with FMA): within
                // (d - 1) ulps relative before the square root, which halves it.
                for (w, g) in want.iter().zip(&got) {
                    assert!((w - g).abs() <= d as f64 * f64::EPSILON * w.abs(), "{level}: {w} vs {g}");
                }
            }
        });
    }
    let mut got = Array2::zeros((n, m));
    with_threads(2, || pairwise::parallel(at, b.view(), got.view_mut()));
    assert_eq!(want, got);
}
