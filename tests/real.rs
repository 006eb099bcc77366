//! Equivalence of every variant of the real-program suite (`benches/real/`) with `serial`.
//!
//! Each program runs on random inputs of awkward sizes (empty, one, around the lane counts,
//! odd, and larger), with every 2-D argument it takes as a view in three layouts (row-major, a
//! column stride of 2, transposed: `harness::Layout`). For each, `harness::check_variants` runs
//! `parallel` on pools of 1, 2 and 3 threads, and under every instruction set the CPU has
//! `fastmath` and `parallel_fastmath` on pools of 1, 2 and 3 threads, then the dispatching call;
//! `parallel` and `parallel_fastmath` must give bit-identical results on every pool.
//!
//! # Tolerances
//!
//! - **`parallel`** does serial's arithmetic, chunk by chunk: bit for bit, except a reduction
//!   over the `prange` index (lennard_jones' energy, do_sum's sum), which adds chunk partials in
//!   another order: `common::assert_sum_close_f64`'s `2 n EPSILON sum|term|` (Higham, eq. 4.4).
//! - **`fastmath`, `parallel_fastmath`, dispatch**: within `2 e` of serial, `e` a running error
//!   bound (`bound.rs`): each test replays the program's arithmetic on values that carry a bound
//!   on their distance from the exact result, for every way the README lets `fastmath` compute
//!   (sums re-associated, `a * b + c` contracted, kernelize's math library with its documented
//!   ulps, against std's). The replay reproduces serial bit for bit (`bound::assert_model`
//!   checks it), so the bound is the one of the arithmetic the kernel does, not of a formula
//!   that resembles it.
//! - **Exactly**, in every variant: programs whose arithmetic `fastmath` cannot change (no sum
//!   over a loop, no `a * b + c`, no math function: jacobi_2d's `0.2 * (five-term sum)`,
//!   uniform_j's comparisons and counts), and results decided by comparisons (kmeans' labels and
//!   centroids, knn's neighbours and votes, gpairs' bins), once the test has checked that no
//!   compared pair of values is within the sum of their two bounds of each other on these inputs
//!   (every variant then decides the same way; the check fails, naming the inputs, otherwise).
//!
//! `KERNELIZE_MIN_WORK=0 cargo test --test real` also splits the small loops across the pool.

// The models index on purpose: they are the kernels' loops, replayed.
#![allow(clippy::needless_range_loop, clippy::float_cmp, clippy::type_complexity, clippy::too_many_arguments)]

#[path = "real/bound.rs"]
mod bound;
mod common;
#[path = "real/harness.rs"]
mod harness;
#[path = "../benches/kernels/mod.rs"]
mod kernels;
#[path = "../benches/real/mod.rs"]
mod real;

use bound::{B, assert_model, assert_within, exact, sum, sum_from, x};
use common::{Rng, assert_sum_close_f64};
use harness::{LAYOUTS, Laid, Variants, check_variants, exactly};
use kernelize::ndarray::{Array2, ArrayView2, ArrayViewMut2};
use real::{
    arc_distance::arc_distance, azimint_naive::azimint_naive, black_scholes::black_scholes,
    do_sum::do_sum_parallel_fast, fdtd_2d::fdtd_2d, gpairs::gpairs, ident_loops::ident_loops, jacobi_2d::jacobi_2d,
    kde::kde, kmeans::kmeans, knn::knn, l2_norm::l2_norm, lennard_jones::lennard_jones, micro::heavy,
    micro::pairwise_dist, micro::powi2, micro::rows2d, micro::uniform_j, pairwise_distance::pairwise_distance,
    spmv::spmv, symm::symm, syrk::syrk, trmm::trmm,
};

/// The variants of kernel `$k` as fn pointers of type `$t`.
macro_rules! variants {
    ($k:ident : $t:ty) => {
        Variants {
            name: stringify!($k),
            serial: $k::serial as $t,
            parallel: $k::parallel as $t,
            fastmath: $k::fastmath as $t,
            parallel_fastmath: $k::parallel_fastmath as $t,
            dispatch: $k as $t,
        }
    };
}

/// 1-D sizes: empty, one, around the lane counts (2, 4, 8, 16, 32 lanes), odd, and large
/// enough for the pool's chunks.
const SIZES: [usize; 10] = [0, 1, 7, 8, 9, 31, 33, 67, 1001, 10_007];

/// A check within `2 e` of the model (see the module docs).
fn within(model: &[B]) -> impl Fn(&str, &[f64]) + '_ {
    move |what: &str, got: &[f64]| assert_within(what, got, model)
}

/// A 2-D model, row by row.
fn flat(m: &Array2<B>) -> Vec<B> {
    m.iter().copied().collect()
}

/// `a` as exact inputs.
fn exact2(a: &Array2<f64>) -> Array2<B> {
    a.mapv(x)
}

// ---------------------------------------------------------------------------------------------
// Distances: pairwise_distance, l2_norm, knn, and reproducer 5

/// `sqrt(sum_k (a[i, k] - b[j, k])^2)` over the first `d` columns, for every `i`, `j`.
fn distance_model(a: &Array2<f64>, b: &Array2<f64>, d: usize) -> Vec<B> {
    let mut m = Vec::with_capacity(a.nrows() * b.nrows());
    for i in 0..a.nrows() {
        for j in 0..b.nrows() {
            m.push(
                sum((0..d).map(|k| {
                    let t = x(a[[i, k]]) - x(b[[j, k]]);
                    t * t
                }))
                .sqrt(),
            );
        }
    }
    m
}

#[test]
fn pairwise_distance_is_within_the_bound_of_serial() {
    type F = fn(ArrayView2<f64>, ArrayView2<f64>, ArrayViewMut2<f64>);
    let v = variants!(pairwise_distance: F);
    let shapes =
        [(0, 0, 3), (0, 5, 3), (1, 1, 3), (7, 9, 3), (8, 8, 16), (9, 7, 3), (31, 33, 3), (33, 31, 16), (131, 3, 3)];
    for (n1, n2, d) in shapes {
        let mut rng = Rng::for_case("real pairwise_distance", n1 * 10_000 + n2 * 100 + d);
        let (x1, x2) = (rng.array2(n1, d, 0.0, 1.0), rng.array2(n2, d, 0.0, 1.0));
        let model = distance_model(&x1, &x2, d);
        for layout in LAYOUTS {
            let (a, b, zeros) = (Laid::new(&x1, layout), Laid::new(&x2, layout), Array2::zeros((n1, n2)));
            let run = |f: F| -> Vec<f64> {
                let mut out = Laid::new(&zeros, layout);
                f(a.view(), b.view(), out.view_mut());
                out.values()
            };
            let label = format!("{n1}x{d}, {n2}x{d} {layout:?}");
            let want = run(v.serial);
            assert_model(&label, &model, &want);
            check_variants(&label, &v, &run, &exactly(&want), &within(&model));
        }
    }
}

#[test]
fn pairwise_dist_is_within_the_bound_of_serial() {
    type F = fn(ArrayView2<f64>, ArrayView2<f64>, usize, ArrayViewMut2<f64>);
    let v = variants!(pairwise_dist: F);
    // (rows of a, rows of b, columns, d): `d` below the column count reads a prefix of each row.
    let shapes =
        [(0, 0, 3, 3), (1, 1, 3, 3), (7, 9, 3, 3), (8, 8, 16, 16), (9, 7, 16, 3), (31, 33, 3, 3), (33, 31, 16, 16)];
    for (n, m, cols, d) in shapes.into_iter().chain([(67, 5, 3, 3)]) {
        let mut rng = Rng::for_case("real pairwise_dist", n * 10_000 + m * 100 + cols + d);
        let (a0, b0) = (rng.array2(n, cols, 0.0, 1.0), rng.array2(m, cols, 0.0, 1.0));
        let model = distance_model(&a0, &b0, d);
        for layout in LAYOUTS {
            let (a, b, zeros) = (Laid::new(&a0, layout), Laid::new(&b0, layout), Array2::zeros((n, m)));
            let run = |f: F| -> Vec<f64> {
                let mut out = Laid::new(&zeros, layout);
                f(a.view(), b.view(), d, out.view_mut());
                out.values()
            };
            let label = format!("{n}x{cols}, {m}x{cols}, d = {d} {layout:?}");
            let want = run(v.serial);
            assert_model(&label, &model, &want);
            check_variants(&label, &v, &run, &exactly(&want), &within(&model));
        }
    }
}

#[test]
fn l2_norm_is_within_the_bound_of_serial() {
    type F = fn(ArrayView2<f64>, &mut [f64]);
    let v = variants!(l2_norm: F);
    for (n, d) in [(0, 3), (1, 3), (7, 3), (8, 16), (9, 3), (31, 3), (33, 16), (1001, 3), (10_007, 3)] {
        let a0 = Rng::for_case("real l2_norm", n * 100 + d).array2(n, d, -1.0, 1.0);
        let model: Vec<B> = (0..n).map(|i| sum((0..d).map(|k| x(a0[[i, k]]).powi(2))).sqrt()).collect();
        for layout in LAYOUTS {
            let a = Laid::new(&a0, layout);
            let run = |f: F| -> Vec<f64> {
                let mut out = vec![f64::NAN; n];
                f(a.view(), &mut out);
                out
            };
            let label = format!("{n}x{d} {layout:?}");
            let want = run(v.serial);
            assert_model(&label, &model, &want);
            check_variants(&label, &v, &run, &exactly(&want), &within(&model));
        }
    }
}

/// `d[s]` and `d[s + 1]`, two values that variants compare, cannot be ordered differently by
/// any variant: they differ by more than the sum of their bounds, both ways.
#[track_caller]
fn assert_decided(what: &str, lo: B, hi: B) {
    assert!(
        hi.v - lo.v > 2.0 * (lo.e + hi.e),
        "{what}: {:e} and {:e} are within their bounds ({:e}, {:e}) of each other: a variant may order them \
         either way; these inputs cannot test the program exactly (change the seed)",
        lo.v,
        hi.v,
        lo.e,
        hi.e
    );
}

/// knn's results, flattened: predictions, then votes and the queue row by row.
type KnnFn = fn(
    ArrayView2<f64>,
    &[i64],
    ArrayView2<f64>,
    usize,
    usize,
    usize,
    usize,
    &mut [i64],
    ArrayViewMut2<f64>,
    usize,
    ArrayViewMut2<f64>,
);

/// The model of knn: each test point's `k` nearest training points, nearest first (the queue),
/// their labels' votes added to the initial votes, and the first class with the most votes.
/// The `k + 1` nearest distances of every test point are checked to be decided
/// ([`assert_decided`]): then every variant keeps the same neighbours in the same order, and
/// the queue's distances are each within their bound.
fn knn_model(xtr: &Array2<f64>, ytr: &[i64], xte: &Array2<f64>, k: usize, votes0: &Array2<f64>, what: &str) -> Vec<B> {
    let (nte, classes, dim) = (xte.nrows(), votes0.ncols(), xte.ncols());
    let dist = distance_model(xte, xtr, dim);
    let ntr = xtr.nrows();
    let (mut pred, mut votes, mut queue) = (Vec::new(), votes0.clone(), Array2::from_elem((nte, 2 * k), x(0.0)));
    for i in 0..nte {
        let d = &dist[i * ntr..(i + 1) * ntr];
        let mut order: Vec<usize> = (0..ntr).collect();
        order.sort_by(|&a, &b| d[a].v.total_cmp(&d[b].v).then(a.cmp(&b)));
        for s in 0..k.min(ntr.saturating_sub(1)) {
            assert_decided(
                &format!("{what}: test point {i}, neighbours {s} and {}", s + 1),
                d[order[s]],
                d[order[s + 1]],
            );
        }
        for s in 0..k {
            queue[[i, 2 * s]] = d[order[s]];
            queue[[i, 2 * s + 1]] = x(ytr[order[s]] as f64);
            votes[[i, ytr[order[s]] as usize]] += 1.0;
        }
        let (mut max_ind, mut max_value) = (0, 0.0);
        for c in 0..classes {
            if votes[[i, c]] > max_value {
                (max_ind, max_value) = (c, votes[[i, c]]);
            }
        }
        pred.push(x(max_ind as f64));
    }
    pred.into_iter().chain(votes.iter().map(|&v| x(v))).chain(queue.iter().copied()).collect()
}

#[test]
fn knn_finds_the_same_neighbours_as_serial() {
    let v = variants!(knn: KnnFn);
    // (test points, training points, features, k, classes)
    let shapes =
        [(0, 5, 3, 5, 3), (1, 5, 3, 5, 3), (7, 9, 16, 5, 3), (8, 8, 3, 1, 2), (9, 31, 16, 5, 3), (33, 31, 7, 3, 4)];
    for (nte, ntr, dim, k, classes) in shapes.into_iter().chain([(67, 131, 16, 5, 3)]) {
        let mut rng = Rng::for_case("real knn", nte * 1_000_000 + ntr * 1000 + dim * 10 + k);
        let (xtr, xte) = (rng.array2(ntr, dim, 0.0, 1.0), rng.array2(nte, dim, 0.0, 1.0));
        let ytr: Vec<i64> = (0..ntr).map(|_| rng.i64_in(0, classes as i64 - 1)).collect();
        // Votes accumulate onto what the caller passes: start from a few.
        let votes0 = Array2::from_shape_fn((nte, classes), |_| rng.i64_in(0, 2) as f64);
        let what = format!("{nte} test, {ntr} training points of {dim}, k = {k}");
        let model = knn_model(&xtr, &ytr, &xte, k, &votes0, &what);
        for layout in LAYOUTS {
            let (a, b, queue0) =
                (Laid::new(&xtr, layout), Laid::new(&xte, layout), Array2::from_elem((nte, 2 * k), f64::NAN));
            let run = |f: KnnFn| -> Vec<f64> {
                let (mut pred, mut votes, mut queue) =
                    (vec![-1; nte], Laid::new(&votes0, layout), Laid::new(&queue0, layout));
                f(a.view(), &ytr, b.view(), k, classes, nte, ntr, &mut pred, votes.view_mut(), dim, queue.view_mut());
                pred.iter().map(|&p| p as f64).chain(votes.values()).chain(queue.values()).collect()
            };
            let label = format!("{what} {layout:?}");
            let want = run(v.serial);
            assert_model(&label, &model, &want);
            check_variants(&label, &v, &run, &exactly(&want), &within(&model));
        }
    }
}

type KmeansFn = fn(ArrayView2<f64>, &mut [i64], ArrayViewMut2<f64>, ArrayViewMut2<f64>, &mut [i64], usize);

/// The model of kmeans: serial's rounds replayed (a point goes to the first nearest centroid;
/// sums in point order; a division), with every point's nearest centroid checked to be decided
/// against every other ([`assert_decided`]) in every round. Every variant then assigns the
/// same labels, so the host's sums and the divisions (the same arithmetic everywhere) give the
/// same centroids: the results are exact. Flattened: labels, centroids, sums, counts.
fn kmeans_model(p: &Array2<f64>, c0: &Array2<f64>, niters: usize, what: &str) -> Vec<f64> {
    let (n, k) = (p.nrows(), c0.nrows());
    let (mut c, mut labels, mut csum, mut counts) = (c0.clone(), vec![1i64; n], Array2::zeros((k, 2)), vec![1i64; k]);
    for round in 0..niters {
        for i0 in 0..n {
            let d: Vec<B> = (0..k)
                .map(|i1| {
                    let (dx, dy) = (x(p[[i0, 0]]) - x(c[[i1, 0]]), x(p[[i0, 1]]) - x(c[[i1, 1]]));
                    (dx * dx + dy * dy).sqrt()
                })
                .collect();
            let mut best = 0;
            for i1 in 1..k {
                if d[best].v > d[i1].v {
                    best = i1;
                }
            }
            for i1 in (0..k).filter(|&i1| i1 != best) {
                assert_decided(
                    &format!("{what}: round {round}, point {i0}, centroids {best} and {i1}"),
                    d[best],
                    d[i1],
                );
            }
            if k > 0 {
                labels[i0] = best as i64;
            }
        }
        csum.fill(0.0);
        counts.fill(0);
        for i in 0..n {
            let ci = labels[i] as usize;
            csum[[ci, 0]] += p[[i, 0]];
            csum[[ci, 1]] += p[[i, 1]];
            counts[ci] += 1;
        }
        for i in 0..k {
            c[[i, 0]] = csum[[i, 0]] / counts[i] as f64;
            c[[i, 1]] = csum[[i, 1]] / counts[i] as f64;
        }
    }
    let labels = labels.iter().map(|&l| l as f64);
    labels.chain(c.iter().copied()).chain(csum.iter().copied()).chain(counts.iter().map(|&n| n as f64)).collect()
}

#[test]
fn kmeans_assigns_the_same_labels_as_serial() {
    let v = variants!(kmeans: KmeansFn);
    // (points, centroids, rounds)
    for (n, k, niters) in
        [(0, 0, 2), (1, 1, 2), (7, 3, 3), (8, 8, 1), (9, 2, 4), (31, 10, 3), (33, 5, 2), (1001, 10, 3)]
    {
        let p0 = Rng::for_case("real kmeans", n * 100 + k * 10 + niters).array2(n, 2, 1.0, 5.0);
        let c0 = p0.slice(kernelize::ndarray::s![..k, ..]).to_owned();
        let what = format!("{n} points, {k} centroids, {niters} rounds");
        let want = kmeans_model(&p0, &c0, niters, &what);
        for layout in LAYOUTS {
            let (p, zeros) = (Laid::new(&p0, layout), Array2::zeros((k, 2)));
            let run = |f: KmeansFn| -> Vec<f64> {
                let (mut labels, mut c, mut csum, mut counts) =
                    (vec![1; n], Laid::new(&c0, layout), Laid::new(&zeros, layout), vec![1; k]);
                f(p.view(), &mut labels, c.view_mut(), csum.view_mut(), &mut counts, niters);
                let labels = labels.iter().map(|&l| l as f64);
                labels.chain(c.values()).chain(csum.values()).chain(counts.iter().map(|&n| n as f64)).collect()
            };
            let label = format!("{what} {layout:?}");
            let serial = run(v.serial);
            assert_model(&label, &exact(&want), &serial);
            check_variants(&label, &v, &run, &exactly(&serial), &exactly(&serial));
        }
    }
}

/// `r_0 = 0.1`, `r_(k+1) = 1.3869 r_k`: the squared radii of `nbins` log-spaced bins, as the
/// bench makes them.
fn rbins(nbins: usize) -> Vec<f64> {
    let mut r = 0.1f64;
    (0..nbins)
        .map(|_| {
            let sq = r * r;
            r *= 1.3869;
            sq
        })
        .collect()
}

type GpairsFn = fn(
    usize,
    usize,
    &[f64],
    &[f64],
    &[f64],
    &[f64],
    &[f64],
    &[f64],
    &[f64],
    &[f64],
    &[f64],
    ArrayViewMut2<f64>,
    &mut [f64],
);

/// The model of gpairs. Each pair's squared distance is checked to be decided against every bin
/// radius ([`assert_decided`]): every variant then puts each pair in the same bin. Each result
/// is then a sum of the pairs' weight products (`N` of them): serial's order is replayed for the
/// value, and the bound is that of every tree of at most `N + nbins + nopt` additions of those
/// terms (per bin, the cumulative loop, the rows' aggregation). Flattened: the per-point rows,
/// then `results`.
fn gpairs_model(p: &[Vec<f64>; 8], rb: &[f64], what: &str) -> Vec<B> {
    let [x1, y1, z1, w1, x2, y2, z2, w2] = p;
    let (n, nbins) = (x1.len(), rb.len());
    // Per element: serial's value, the sum of the terms' bounds, of their magnitudes, their count.
    let mut rows = vec![vec![(0.0, 0.0, 0.0, 0.0); nbins]; n];
    let add = |a: &mut (f64, f64, f64, f64), b: (f64, f64, f64, f64)| {
        *a = (a.0 + b.0, a.1 + b.1, a.2 + b.2, a.3 + b.3);
    };
    for i in 0..n {
        for j in 0..n {
            let (dx, dy, dz) = (x(x1[i]) - x(x2[j]), x(y1[i]) - x(y2[j]), x(z1[i]) - x(z2[j]));
            let wprod = x(w1[i]) * x(w2[j]);
            let dsq = dx * dx + dy * dy + dz * dz;
            for (k, &r) in rb.iter().enumerate() {
                let (lo, hi) = if dsq.v < r { (dsq, x(r)) } else { (x(r), dsq) };
                assert_decided(&format!("{what}: pair ({i}, {j}) and bin {k}"), lo, hi);
            }
            if dsq.v <= rb[nbins - 1] {
                let bin = (0..nbins).rev().find(|&k| dsq.v > rb[k]).map_or(0, |k| k + 1);
                add(&mut rows[i][bin], (wprod.v, wprod.e, wprod.v.abs() + 2.0 * wprod.e, 1.0));
            }
        }
        for j in (0..nbins - 1).rev() {
            for k in j + 1..nbins {
                let r = rows[i][j];
                add(&mut rows[i][k], r);
            }
        }
    }
    let mut results = rows.first().cloned().unwrap_or_default();
    for row in rows.iter().skip(1) {
        for (k, &r) in row.iter().enumerate() {
            add(&mut results[k], r);
        }
    }
    if let Some(first) = rows.first_mut() {
        first.clone_from(&results);
    }
    let to_b = |&(v, prop, mags, count): &(f64, f64, f64, f64)| {
        let adds = count + (nbins + n) as f64;
        let gamma = adds * f64::EPSILON / 2.0 / (1.0 - adds * f64::EPSILON / 2.0);
        B { v, e: prop + gamma * mags * (1.0 + 16.0 * f64::EPSILON) }
    };
    rows.iter().flatten().chain(&results).map(to_b).collect()
}

#[test]
fn gpairs_counts_the_same_pairs_as_serial() {
    let v = variants!(gpairs: GpairsFn);
    // No empty point set: the program copies row 0 of the per-point rows (so does the source,
    // whose `results_disjoint[0]` raises an IndexError there). Nor zero bins (`nbins - 1`).
    for (n, nbins) in [(1, 20), (7, 20), (8, 1), (9, 2), (31, 20), (33, 7), (67, 20)] {
        let mut rng = Rng::for_case("real gpairs", n * 100 + nbins);
        let mut vecs = |lo, hi| rng.vec_f64(n, lo, hi);
        let p = [
            vecs(-3.0, 3.0),
            vecs(-3.0, 3.0),
            vecs(-3.0, 3.0),
            vecs(0.0, 1.0),
            vecs(-3.0, 3.0),
            vecs(-3.0, 3.0),
            vecs(-3.0, 3.0),
            vecs(0.0, 1.0),
        ];
        let rb = rbins(nbins);
        let what = format!("{n} points, {nbins} bins");
        let model = gpairs_model(&p, &rb, &what);
        for layout in LAYOUTS {
            let nan = Array2::from_elem((n, nbins), f64::NAN);
            let run = |f: GpairsFn| -> Vec<f64> {
                let [x1, y1, z1, w1, x2, y2, z2, w2] = &p;
                let (mut rows, mut results) = (Laid::new(&nan, layout), vec![f64::NAN; nbins]);
                f(n, nbins, x1, y1, z1, w1, x2, y2, z2, w2, &rb, rows.view_mut(), &mut results);
                rows.values().into_iter().chain(results).collect()
            };
            let label = format!("{what} {layout:?}");
            let want = run(v.serial);
            assert_model(&label, &model, &want);
            check_variants(&label, &v, &run, &exactly(&want), &within(&model));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// numba-examples: kde, lennard_jones, black_scholes

#[test]
fn kde_is_within_the_bound_of_serial() {
    type F = fn(&[f64], &[f64], &[f64], &mut [f64]);
    let v = variants!(kde: F);
    for (ne, ns) in [(0, 0), (1, 1), (1, 0), (7, 9), (8, 8), (9, 7), (31, 33), (33, 31), (67, 131), (1001, 13)] {
        let mut rng = Rng::for_case("real kde", ne * 1000 + ns);
        let (e, s, bw) = (rng.vec_f64(ne, -15.0, 15.0), rng.vec_f64(ns, -10.0, 10.0), rng.vec_f64(ns, 1.0, 3.0));
        let root_2pi = (x(2.0) * x(std::f64::consts::PI)).sqrt();
        let model: Vec<B> = (0..ne)
            .map(|i| {
                let total = sum((0..ns).map(|j| {
                    let t = (x(e[i]) - x(s[j])) / x(bw[j]);
                    (x(-0.5) * t.powi(2)).exp() / root_2pi / x(bw[j])
                }));
                // No samples: 0 / 0.
                if ns == 0 { x(total.v / 0.0) } else { total / x(ns as f64) }
            })
            .collect();
        let run = |f: F| -> Vec<f64> {
            let mut out = vec![f64::NAN; ne];
            f(&e, &s, &bw, &mut out);
            out
        };
        let label = format!("{ne} points, {ns} samples");
        let want = run(v.serial);
        assert_model(&label, &model, &want);
        check_variants(&label, &v, &run, &exactly(&want), &within(&model));
    }
}

#[test]
fn lennard_jones_is_within_the_sum_bound_of_serial() {
    type F = fn(ArrayView2<f64>) -> f64;
    let v = variants!(lennard_jones: F);
    for n in [0, 1, 2, 7, 8, 9, 31, 33, 131, 501] {
        let c = Rng::for_case("real lennard_jones", n).array2(n, 3, -20.0, 20.0);
        let mut pots = Vec::new();
        for i in 0..n.saturating_sub(1) {
            for j in i + 1..n {
                let (dx, dy, dz) =
                    (x(c[[j, 0]]) - x(c[[i, 0]]), x(c[[j, 1]]) - x(c[[i, 1]]), x(c[[j, 2]]) - x(c[[i, 2]]));
                let r = (dx * dx + dy * dy + dz * dz).powf_half();
                let sr6 = (x(1.0) / r).powi(6);
                pots.push(x(4.0) * (sr6 * sr6 - sr6));
            }
        }
        let energy = sum(pots.iter().copied());
        let abs_sum: f64 = pots.iter().map(|p| p.v.abs()).sum();
        // The large size only in the row-major layout: it is there for the pool's chunks.
        let layouts = if n > 200 { &LAYOUTS[..1] } else { &LAYOUTS[..] };
        for &layout in layouts {
            let a = Laid::new(&c, layout);
            let run = |f: F| vec![f(a.view())];
            let label = format!("{n} atoms {layout:?}");
            let want = run(v.serial);
            assert_model(&label, &[energy], &want);
            let chunked = |what: &str, got: &[f64]| assert_sum_close_f64(what, got[0], want[0], pots.len(), abs_sum);
            check_variants(&label, &v, &run, &chunked, &within(&[energy]));
        }
    }
}

type BlackScholesFn = fn(&[f64], &[f64], &[f64], f64, f64, &mut [f64], &mut [f64]);

/// The model of black_scholes' `cnd_numba(d)`, inlined as in the kernel; `d` is checked to be
/// decided against 0 (the `d > 0` branch is taken the same way in every variant).
fn cnd_model(d: B, what: &str) -> B {
    let (lo, hi) = if d.v < 0.0 { (d, x(0.0)) } else { (x(0.0), d) };
    assert_decided(what, lo, hi);
    #[allow(clippy::excessive_precision)]
    let (a1, a2, a3, a4, a5, rsqrt2pi) =
        (0.31938153, -0.356563782, 1.781477937, -1.821255978, 1.330274429, 0.39894228040143267793994605993438);
    let k = x(1.0) / (x(1.0) + x(0.2316419) * d.abs());
    let poly = k * (x(a1) + k * (x(a2) + k * (x(a3) + k * (x(a4) + k * x(a5)))));
    let ret = x(rsqrt2pi) * (x(-0.5) * d * d).exp() * poly;
    if d.v > 0.0 { x(1.0) - ret } else { ret }
}

#[test]
fn black_scholes_is_within_the_bound_of_serial() {
    let v = variants!(black_scholes: BlackScholesFn);
    let (r, vol) = (0.02, 0.30);
    for n in SIZES {
        let mut rng = Rng::for_case("real black_scholes", n);
        let (s, k, t) = (rng.vec_f64(n, 5.0, 30.0), rng.vec_f64(n, 1.0, 100.0), rng.vec_f64(n, 0.25, 10.0));
        let (mut call, mut put) = (Vec::new(), Vec::new());
        for i in 0..n {
            let sqrt_t = x(t[i]).sqrt();
            let d1 = ((x(s[i]) / x(k[i])).ln() + (x(r) + x(0.5) * x(vol) * x(vol)) * x(t[i])) / (x(vol) * sqrt_t);
            let d2 = d1 - x(vol) * sqrt_t;
            let (c1, c2) =
                (cnd_model(d1, &format!("n={n} option {i}: d1")), cnd_model(d2, &format!("n={n} option {i}: d2")));
            let exp_rt = ((x(-1.0) * x(r)) * x(t[i])).exp();
            call.push(x(s[i]) * c1 - x(k[i]) * exp_rt * c2);
            put.push(x(k[i]) * exp_rt * (x(1.0) - c2) - x(s[i]) * (x(1.0) - c1));
        }
        let model: Vec<B> = call.into_iter().chain(put).collect();
        let run = |f: BlackScholesFn| -> Vec<f64> {
            let (mut call, mut put) = (vec![f64::NAN; n], vec![f64::NAN; n]);
            f(&s, &k, &t, r, vol, &mut call, &mut put);
            call.into_iter().chain(put).collect()
        };
        let label = format!("n={n}");
        let want = run(v.serial);
        assert_model(&label, &model, &want);
        check_variants(&label, &v, &run, &exactly(&want), &within(&model));
    }
}

// ---------------------------------------------------------------------------------------------
// npbench: azimint_naive, spmv, trmm, symm, syrk, jacobi_2d, fdtd_2d, arc_distance

#[test]
fn azimint_naive_is_within_the_bound_of_serial() {
    type F = fn(&[f64], &[f64], usize, &mut [f64]);
    let v = variants!(azimint_naive: F);
    for (n, npt) in [(0, 1), (1, 1), (7, 3), (8, 8), (9, 2), (31, 5), (33, 1), (1001, 20), (10_007, 7)] {
        let mut rng = Rng::for_case("real azimint_naive", n * 100 + npt);
        let (data, radius) = (rng.vec_f64(n, 0.0, 1.0), rng.vec_f64(n, 0.0, 1.0));
        // The bins' edges are the same arithmetic in every variant (a max, a product, a
        // quotient), so every variant selects the same pixels; the sums of the selected values
        // are re-associable, then divided by the count (0 / 0 for an empty bin).
        let rmax = radius.iter().fold(f64::NEG_INFINITY, |m, &r| m.max(r));
        let model: Vec<B> = (0..npt)
            .map(|i| {
                let (r1, r2) = (rmax * i as f64 / npt as f64, rmax * (i + 1) as f64 / npt as f64);
                let picked: Vec<B> =
                    (0..n).filter(|&j| r1 <= radius[j] && radius[j] < r2).map(|j| x(data[j])).collect();
                let count = picked.len() as f64;
                let total = sum(picked);
                if count == 0.0 { x(total.v / count) } else { total / x(count) }
            })
            .collect();
        let run = |f: F| -> Vec<f64> {
            let mut res = vec![f64::NAN; npt];
            f(&data, &radius, npt, &mut res);
            res
        };
        let label = format!("{n} pixels, {npt} bins");
        let want = run(v.serial);
        assert_model(&label, &model, &want);
        check_variants(&label, &v, &run, &exactly(&want), &within(&model));
    }
}

#[test]
fn spmv_is_within_the_bound_of_serial() {
    type F = fn(&[u32], &[u32], &[f64], &[f64], &mut [f64]);
    let v = variants!(spmv: F);
    for n in SIZES {
        // Rows of 0 to 16 nonzeros (some empty), repeated and unsorted columns.
        let (rows, cols, vals) = real::spmv::csr(n, 1000 + n as u64);
        let xv = Rng::for_case("real spmv", n).vec_f64(n, -1.0, 1.0);
        let model: Vec<B> = (0..n)
            .map(|i| sum((rows[i] as usize..rows[i + 1] as usize).map(|k| x(vals[k]) * x(xv[cols[k] as usize]))))
            .collect();
        let run = |f: F| -> Vec<f64> {
            let mut y = vec![f64::NAN; n];
            f(&rows, &cols, &vals, &xv, &mut y);
            y
        };
        let label = format!("n={n}, {} nonzeros", vals.len());
        let want = run(v.serial);
        assert_model(&label, &model, &want);
        check_variants(&label, &v, &run, &exactly(&want), &within(&model));
    }
}

/// (rows, columns) of the matrix products' `B` and `C`; `A` is square, rows x rows.
const PRODUCT_SHAPES: [(usize, usize); 8] = [(0, 0), (1, 1), (7, 9), (8, 8), (9, 7), (31, 33), (33, 31), (67, 5)];

#[test]
fn trmm_is_within_the_bound_of_serial() {
    type F = fn(f64, ArrayView2<f64>, ArrayViewMut2<f64>);
    let v = variants!(trmm: F);
    for (m, n) in PRODUCT_SHAPES {
        let mut rng = Rng::for_case("real trmm", m * 100 + n);
        let (a0, b0) = (rng.array2(m, m, -1.0, 1.0), rng.array2(m, n, -1.0, 1.0));
        let alpha = 1.5;
        // Row i reads the rows below it, which are still the input's when row i is updated.
        let mut b = exact2(&b0);
        for i in 0..m {
            for j in 0..n {
                let dot = sum((i + 1..m).map(|k| x(a0[[k, i]]) * b[[k, j]]));
                b[[i, j]] = b[[i, j]] + dot;
            }
        }
        let model: Vec<B> = b.iter().map(|&e| e * x(alpha)).collect();
        for layout in LAYOUTS {
            let a = Laid::new(&a0, layout);
            let run = |f: F| -> Vec<f64> {
                let mut b = Laid::new(&b0, layout);
                f(alpha, a.view(), b.view_mut());
                b.values()
            };
            let label = format!("A {m}x{m}, B {m}x{n} {layout:?}");
            let want = run(v.serial);
            assert_model(&label, &model, &want);
            check_variants(&label, &v, &run, &exactly(&want), &within(&model));
        }
    }
}

#[test]
fn symm_is_within_the_bound_of_serial() {
    type F = fn(f64, f64, ArrayViewMut2<f64>, ArrayView2<f64>, ArrayView2<f64>, &mut [f64]);
    let v = variants!(symm: F);
    for (m, n) in PRODUCT_SHAPES {
        let mut rng = Rng::for_case("real symm", m * 100 + n);
        let (c0, a0, b0) = (rng.array2(m, n, -1.0, 1.0), rng.array2(m, m, -1.0, 1.0), rng.array2(m, n, -1.0, 1.0));
        let (alpha, beta) = (1.5, 1.2);
        let (mut c, mut temp2) = (exact2(&c0).mapv(|e| e * x(beta)), vec![x(f64::NAN); n]);
        for i in 0..m {
            for j in 0..n {
                for k in 0..i {
                    c[[k, j]] = c[[k, j]] + x(alpha) * x(b0[[i, j]]) * x(a0[[i, k]]);
                }
                temp2[j] = sum((0..i).map(|k| x(b0[[k, j]]) * x(a0[[i, k]])));
            }
            for j in 0..n {
                c[[i, j]] = c[[i, j]] + (x(alpha) * x(b0[[i, j]]) * x(a0[[i, i]]) + x(alpha) * temp2[j]);
            }
        }
        let model: Vec<B> = c.iter().copied().chain(temp2).collect();
        for layout in LAYOUTS {
            let (a, b) = (Laid::new(&a0, layout), Laid::new(&b0, layout));
            let run = |f: F| -> Vec<f64> {
                let (mut c, mut temp2) = (Laid::new(&c0, layout), vec![f64::NAN; n]);
                f(alpha, beta, c.view_mut(), a.view(), b.view(), &mut temp2);
                c.values().into_iter().chain(temp2).collect()
            };
            let label = format!("A {m}x{m}, B and C {m}x{n} {layout:?}");
            let want = run(v.serial);
            assert_model(&label, &model, &want);
            check_variants(&label, &v, &run, &exactly(&want), &within(&model));
        }
    }
}

#[test]
fn syrk_is_within_the_bound_of_serial() {
    type F = fn(f64, f64, ArrayViewMut2<f64>, ArrayView2<f64>);
    let v = variants!(syrk: F);
    // (rows of A and C, columns of A)
    for (n, m) in [(0, 0), (1, 1), (7, 9), (8, 8), (9, 7), (31, 33), (33, 31), (67, 13)] {
        let mut rng = Rng::for_case("real syrk", n * 100 + m);
        let (c0, a0) = (rng.array2(n, n, -1.0, 1.0), rng.array2(n, m, -1.0, 1.0));
        let (alpha, beta) = (1.5, 1.2);
        // Row i: each element scaled, then the k loop adds one product per k (a sum over k).
        let mut c = exact2(&c0);
        for i in 0..n {
            for j in 0..=i {
                c[[i, j]] = sum_from(c[[i, j]] * x(beta), (0..m).map(|k| x(alpha) * x(a0[[i, k]]) * x(a0[[j, k]])));
            }
        }
        let model = flat(&c);
        for layout in LAYOUTS {
            let a = Laid::new(&a0, layout);
            let run = |f: F| -> Vec<f64> {
                let mut c = Laid::new(&c0, layout);
                f(alpha, beta, c.view_mut(), a.view());
                c.values()
            };
            let label = format!("C {n}x{n}, A {n}x{m} {layout:?}");
            let want = run(v.serial);
            assert_model(&label, &model, &want);
            check_variants(&label, &v, &run, &exactly(&want), &within(&model));
        }
    }
}

/// jacobi_2d is exact in every variant: each new value is `0.2 * (a + b + c + d + e)`, a
/// product of a sum (nothing to contract), no reduction and no math function, so the README's
/// `fastmath` leaves every rounding step as written.
#[test]
fn jacobi_2d_is_exact_in_every_variant() {
    type F = fn(usize, ArrayViewMut2<f64>, ArrayViewMut2<f64>);
    let v = variants!(jacobi_2d: F);
    let shapes =
        [(0, 0, 3), (1, 1, 3), (2, 5, 3), (3, 3, 4), (7, 9, 3), (8, 8, 2), (9, 7, 5), (31, 33, 3), (33, 31, 1)];
    for (r, c, tsteps) in shapes.into_iter().chain([(130, 67, 3)]) {
        let mut rng = Rng::for_case("real jacobi_2d", r * 10_000 + c * 10 + tsteps);
        let (a0, b0) = (rng.array2(r, c, 0.0, 1.0), rng.array2(r, c, 0.0, 1.0));
        for layout in LAYOUTS {
            let run = |f: F| -> Vec<f64> {
                let (mut a, mut b) = (Laid::new(&a0, layout), Laid::new(&b0, layout));
                f(tsteps, a.view_mut(), b.view_mut());
                a.values().into_iter().chain(b.values()).collect()
            };
            let label = format!("{r}x{c}, {tsteps} steps {layout:?}");
            let want = run(v.serial);
            check_variants(&label, &v, &run, &exactly(&want), &exactly(&want));
        }
    }
}

#[test]
fn fdtd_2d_is_within_the_bound_of_serial() {
    type F = fn(usize, ArrayViewMut2<f64>, ArrayViewMut2<f64>, ArrayViewMut2<f64>, &[f64]);
    let v = variants!(fdtd_2d: F);
    let shapes =
        [(0, 0, 2), (1, 1, 2), (1, 7, 3), (7, 1, 3), (7, 9, 3), (8, 8, 3), (9, 7, 4), (31, 33, 3), (33, 31, 2)];
    for (r, c, tmax) in shapes.into_iter().chain([(67, 130, 2)]) {
        let mut rng = Rng::for_case("real fdtd_2d", r * 10_000 + c * 10 + tmax);
        let (ex0, ey0, hz0) = (rng.array2(r, c, -1.0, 1.0), rng.array2(r, c, -1.0, 1.0), rng.array2(r, c, -1.0, 1.0));
        let fict = rng.vec_f64(tmax, -1.0, 1.0);
        let (mut ex, mut ey, mut hz) = (exact2(&ex0), exact2(&ey0), exact2(&hz0));
        for t in 0..tmax {
            for j in 0..c {
                ey[[0, j]] = x(fict[t]);
            }
            for i in 1..r {
                for j in 0..c {
                    ey[[i, j]] = ey[[i, j]] - x(0.5) * (hz[[i, j]] - hz[[i - 1, j]]);
                }
            }
            for i in 0..r {
                for j in 1..c {
                    ex[[i, j]] = ex[[i, j]] - x(0.5) * (hz[[i, j]] - hz[[i, j - 1]]);
                }
            }
            for i in 0..r.saturating_sub(1) {
                for j in 0..c.saturating_sub(1) {
                    hz[[i, j]] = hz[[i, j]] - x(0.7) * (ex[[i, j + 1]] - ex[[i, j]] + ey[[i + 1, j]] - ey[[i, j]]);
                }
            }
        }
        let model: Vec<B> = flat(&ex).into_iter().chain(flat(&ey)).chain(flat(&hz)).collect();
        for layout in LAYOUTS {
            let run = |f: F| -> Vec<f64> {
                let (mut ex, mut ey, mut hz) =
                    (Laid::new(&ex0, layout), Laid::new(&ey0, layout), Laid::new(&hz0, layout));
                f(tmax, ex.view_mut(), ey.view_mut(), hz.view_mut(), &fict);
                ex.values().into_iter().chain(ey.values()).chain(hz.values()).collect()
            };
            let label = format!("{r}x{c}, {tmax} steps {layout:?}");
            let want = run(v.serial);
            assert_model(&label, &model, &want);
            check_variants(&label, &v, &run, &exactly(&want), &within(&model));
        }
    }
}

#[test]
fn arc_distance_is_within_the_bound_of_serial() {
    type F = fn(&[f64], &[f64], &[f64], &[f64], &mut [f64]);
    let v = variants!(arc_distance: F);
    for n in SIZES {
        let mut rng = Rng::for_case("real arc_distance", n);
        let (t1, p1, t2, p2) =
            (rng.vec_f64(n, 0.0, 1.0), rng.vec_f64(n, 0.0, 1.0), rng.vec_f64(n, 0.0, 1.0), rng.vec_f64(n, 0.0, 1.0));
        let model: Vec<B> = (0..n)
            .map(|i| {
                let temp = ((x(t2[i]) - x(t1[i])) / x(2.0)).sin().powi(2)
                    + x(t1[i]).cos() * x(t2[i]).cos() * ((x(p2[i]) - x(p1[i])) / x(2.0)).sin().powi(2);
                x(2.0) * temp.sqrt().atan2((x(1.0) - temp).sqrt())
            })
            .collect();
        let run = |f: F| -> Vec<f64> {
            let mut out = vec![f64::NAN; n];
            f(&t1, &p1, &t2, &p2, &mut out);
            out
        };
        let label = format!("n={n}");
        let want = run(v.serial);
        assert_model(&label, &model, &want);
        check_variants(&label, &v, &run, &exactly(&want), &within(&model));
    }
}

// ---------------------------------------------------------------------------------------------
// Numba's documentation: ident_loops, do_sum_parallel_fast

#[test]
fn ident_loops_is_within_the_bound_of_serial() {
    type F = fn(&[f64], &mut [f64]);
    let v = variants!(ident_loops: F);
    for n in SIZES {
        let xs = Rng::for_case("real ident_loops", n).vec_f64(n, -100.0, 100.0);
        let model: Vec<B> = xs.iter().map(|&t| x(t).cos().powi(2) + x(t).sin().powi(2)).collect();
        let run = |f: F| -> Vec<f64> {
            let mut out = vec![f64::NAN; n];
            f(&xs, &mut out);
            out
        };
        let label = format!("n={n}");
        let want = run(v.serial);
        assert_model(&label, &model, &want);
        check_variants(&label, &v, &run, &exactly(&want), &within(&model));
    }
}

#[test]
fn do_sum_parallel_fast_is_within_the_sum_bound_of_serial() {
    type F = fn(&[f64]) -> f64;
    let v = variants!(do_sum_parallel_fast: F);
    for n in SIZES.into_iter().chain([100_003]) {
        let a = Rng::for_case("real do_sum", n).vec_f64(n, 0.0, 100.0);
        let terms: Vec<B> = a.iter().map(|&t| x(t).sqrt()).collect();
        let model = [sum(terms.iter().copied())];
        let abs_sum: f64 = terms.iter().map(|t| t.v).sum();
        let run = |f: F| vec![f(&a)];
        let label = format!("n={n}");
        let want = run(v.serial);
        assert_model(&label, &model, &want);
        let chunked = |what: &str, got: &[f64]| assert_sum_close_f64(what, got[0], want[0], n, abs_sum);
        check_variants(&label, &v, &run, &chunked, &within(&model));
    }
}

// ---------------------------------------------------------------------------------------------
// The reproducers of issue 12: heavy, rows2d, powi2, uniform_j (pairwise_dist is above)

#[test]
fn heavy_is_within_the_bound_of_serial() {
    type F = fn(&[f64], &mut [f64]);
    let v = variants!(heavy: F);
    for n in [0, 1, 7, 8, 9, 31, 33, 67, 257] {
        let xs = Rng::for_case("real heavy", n).vec_f64(n, 0.0, 1.0);
        let model: Vec<B> = xs.iter().map(|&t| sum((0..2000).map(|j| (x(t) + x(f64::from(j))).sqrt()))).collect();
        let run = |f: F| -> Vec<f64> {
            let mut out = vec![f64::NAN; n];
            f(&xs, &mut out);
            out
        };
        let label = format!("n={n}");
        let want = run(v.serial);
        assert_model(&label, &model, &want);
        check_variants(&label, &v, &run, &exactly(&want), &within(&model));
    }
}

#[test]
fn rows2d_is_within_the_bound_of_serial() {
    type F = fn(ArrayView2<f64>, ArrayViewMut2<f64>);
    let v = variants!(rows2d: F);
    for (n, c) in [(0, 4), (1, 4), (7, 4), (8, 4), (9, 4), (31, 3), (33, 5), (5, 67), (1001, 4)] {
        let a0 = Rng::for_case("real rows2d", n * 100 + c).array2(n, c, -3.0, 3.0);
        let model: Vec<B> = a0.iter().map(|&t| x(t).sin()).collect();
        for layout in LAYOUTS {
            let (a, nan) = (Laid::new(&a0, layout), Array2::from_elem((n, c), f64::NAN));
            let run = |f: F| -> Vec<f64> {
                let mut out = Laid::new(&nan, layout);
                f(a.view(), out.view_mut());
                out.values()
            };
            let label = format!("{n}x{c} {layout:?}");
            let want = run(v.serial);
            assert_model(&label, &model, &want);
            check_variants(&label, &v, &run, &exactly(&want), &within(&model));
        }
    }
}

#[test]
fn powi2_is_within_the_bound_of_serial() {
    type F = fn(ArrayView2<f64>, &mut [f64]);
    let v = variants!(powi2: F);
    for (n, c) in [(0, 3), (1, 3), (7, 3), (8, 3), (9, 3), (31, 16), (33, 3), (1001, 3), (10_007, 3)] {
        let a0 = Rng::for_case("real powi2", n * 100 + c).array2(n, c, -1.0, 1.0);
        let model: Vec<B> = (0..n).map(|i| sum((0..c).map(|k| x(a0[[i, k]]).powi(2)))).collect();
        for layout in LAYOUTS {
            let a = Laid::new(&a0, layout);
            let run = |f: F| -> Vec<f64> {
                let mut out = vec![f64::NAN; n];
                f(a.view(), &mut out);
                out
            };
            let label = format!("{n}x{c} {layout:?}");
            let want = run(v.serial);
            assert_model(&label, &model, &want);
            check_variants(&label, &v, &run, &exactly(&want), &within(&model));
        }
    }
}

/// uniform_j is exact in every variant: `d = x[i] - y[j]` is one subtraction everywhere, the
/// comparisons of `d` are exact, and the counts are sums of 1.0.
#[test]
fn uniform_j_is_exact_in_every_variant() {
    type F = fn(&[f64], &[f64], &[f64], &mut [f64]);
    let v = variants!(uniform_j: F);
    for (nx, ny, nlim) in
        [(0, 0, 0), (1, 1, 1), (7, 9, 3), (8, 8, 8), (9, 7, 16), (31, 33, 5), (33, 31, 0), (257, 65, 16)]
    {
        let mut rng = Rng::for_case("real uniform_j", nx * 10_000 + ny * 100 + nlim);
        let (xs, ys, lim) = (rng.vec_f64(nx, 0.0, 1.0), rng.vec_f64(ny, 0.0, 1.0), rng.vec_f64(nlim, 0.0, 0.5));
        let run = |f: F| -> Vec<f64> {
            let mut out = vec![f64::NAN; nx];
            f(&xs, &ys, &lim, &mut out);
            out
        };
        let label = format!("x {nx}, y {ny}, {nlim} limits");
        let want = run(v.serial);
        check_variants(&label, &v, &run, &exactly(&want), &exactly(&want));
    }
}
