//! The real-program suite's side of the Numba comparison: one `Bench` per program of
//! `benches/real/` (and per micro-kernel of issue 12), made by `make`, which `make_bench` in
//! `kernelize.rs` calls for the names it does not know.
//!
//! Each bench builds the inputs that `benches/peers/real_programs.py` builds bit for bit (same
//! SplitMix64 streams, seeds 110 and up, same ranges and shapes), and its `check()` returns the
//! checksums under the names the Python bench uses. Where a program updates its inputs in place,
//! `check()` takes the input checksums before the first call, and repeated timed calls run on
//! the updated values (see each bench and real_programs.py for why the time does not depend on
//! them).

use super::kernels::{inputs, matrix};
use super::real::{
    arc_distance::arc_distance, azimint_naive::azimint_naive, black_scholes::black_scholes,
    do_sum::do_sum_parallel_fast, fdtd_2d::fdtd_2d, gpairs::gpairs, ident_loops::ident_loops, jacobi_2d::jacobi_2d,
    kde::kde, kmeans::kmeans, knn::knn, l2_norm::l2_norm, lennard_jones::lennard_jones, micro::heavy,
    micro::pairwise_dist, micro::powi2, micro::rows2d, micro::uniform_j, pairwise_distance::pairwise_distance,
    spmv::csr, spmv::spmv, symm::symm, syrk::syrk, trmm::trmm,
};
use super::{Bench, samples, seq_sum};
use kernelize::ndarray::{Array2, ArrayView2, ArrayViewMut2};
use std::hint::black_box;

type Checks = Vec<(&'static str, f64)>;

/// kde's and uniform_j's signature: three inputs, one output.
type Fn3To1 = fn(&[f64], &[f64], &[f64], &mut [f64]);

type SpmvFn = fn(&[u32], &[u32], &[f64], &[f64], &mut [f64]);

/// The bench of a real program or micro-kernel, or `None` for a name this suite does not have.
pub fn make(kernel: &str, n: usize, variant: &str) -> Option<Box<dyn Bench>> {
    Some(match kernel {
        "pairwise_distance" => Box::new(PairwiseDistance::new(n, variant)),
        "l2_norm" => Box::new(L2Norm::new(n, variant)),
        "kmeans" => Box::new(Kmeans::new(n, variant)),
        "knn" => Box::new(Knn::new(n, variant)),
        "gpairs" => Box::new(Gpairs::new(n, variant)),
        "kde" => Box::new(Kde::new(n, variant)),
        "lennard_jones" => Box::new(LennardJones::new(n, variant)),
        "black_scholes" => Box::new(BlackScholes::new(n, variant)),
        "azimint_naive" => Box::new(AzimintNaive::new(n, variant)),
        "spmv" => Box::new(Spmv::new(n, variant)),
        "trmm" => Box::new(Trmm::new(n, variant)),
        "symm" => Box::new(Symm::new(n, variant)),
        "syrk" => Box::new(Syrk::new(n, variant)),
        "jacobi_2d" => Box::new(Jacobi2d::new(n, variant)),
        "fdtd_2d" => Box::new(Fdtd2d::new(n, variant)),
        "arc_distance" => Box::new(ArcDistance::new(n, variant)),
        "ident_loops" => Box::new(IdentLoops::new(n, variant)),
        "do_sum_parallel_fast" => Box::new(DoSum::new(n, variant)),
        "heavy" => Box::new(Heavy::new(n, variant)),
        "rows2d" => Box::new(Rows2d::new(n, variant)),
        "powi2" => Box::new(Powi2::new(n, variant)),
        "uniform_j" => Box::new(UniformJ::new(n, variant)),
        "pairwise_dist_d3" => Box::new(PairwiseDist::new(n, 3, 340, variant)),
        "pairwise_dist_d16" => Box::new(PairwiseDist::new(n, 16, 342, variant)),
        _ => return None,
    })
}

fn sum(a: &[f64]) -> f64 {
    seq_sum(a.iter().copied())
}

fn sum2(a: &Array2<f64>) -> f64 {
    seq_sum(a.iter().copied())
}

fn abs_sum2(a: &Array2<f64>) -> f64 {
    seq_sum(a.iter().map(|v| v.abs()))
}

/// First, middle and last element of a 1-D result, under `name_first`, `name_mid`, `name_last`.
fn samples1(names: [&'static str; 3], v: &[f64]) -> Checks {
    let [i, j, k] = samples(v.len());
    vec![(names[0], v[i]), (names[1], v[j]), (names[2], v[k])]
}

/// `[0, 0]`, `[r / 2, c / 3]` and `[r - 1, c - 1]` of a 2-D result.
fn samples2(names: [&'static str; 3], a: &Array2<f64>) -> Checks {
    let (r, c) = a.dim();
    vec![(names[0], a[[0, 0]]), (names[1], a[[r / 2, c / 3]]), (names[2], a[[r - 1, c - 1]])]
}

// ---------------------------------------------------------------------------------------------
// dpbench

struct PairwiseDistance {
    f: fn(ArrayView2<f64>, ArrayView2<f64>, ArrayViewMut2<f64>),
    x1: Array2<f64>,
    x2: Array2<f64>,
    dist: Array2<f64>,
}

impl PairwiseDistance {
    /// `n` points of 3 dimensions in each set (dpbench's `npoints`, `dims = 3`).
    fn new(n: usize, variant: &str) -> Self {
        let (x1, x2) = (matrix(n, 3, 110, 0.0, 1.0), matrix(n, 3, 111, 0.0, 1.0));
        Self { f: variant!(pairwise_distance, variant), x1, x2, dist: Array2::zeros((n, n)) }
    }
}

impl Bench for PairwiseDistance {
    fn call(&mut self) {
        (self.f)(black_box(self.x1.view()), black_box(self.x2.view()), self.dist.view_mut());
    }
    fn check(&mut self) -> Checks {
        self.call();
        let mut c = vec![("in.x1_sum", sum2(&self.x1)), ("in.x2_sum", sum2(&self.x2)), ("dist_sum", sum2(&self.dist))];
        c.extend(samples2(["dist_first", "dist_mid", "dist_last"], &self.dist));
        c
    }
}

struct L2Norm {
    f: fn(ArrayView2<f64>, &mut [f64]),
    a: Array2<f64>,
    d: Vec<f64>,
}

impl L2Norm {
    /// `n` points of 3 dimensions (dpbench's `npoints`, `dims = 3`).
    fn new(n: usize, variant: &str) -> Self {
        Self { f: variant!(l2_norm, variant), a: matrix(n, 3, 120, 0.0, 1.0), d: vec![0.0; n] }
    }
}

impl Bench for L2Norm {
    fn call(&mut self) {
        (self.f)(black_box(self.a.view()), &mut self.d);
    }
    fn check(&mut self) -> Checks {
        self.call();
        let mut c = vec![("in.a_sum", sum2(&self.a)), ("d_sum", sum(&self.d))];
        c.extend(samples1(["d_first", "d_mid", "d_last"], &self.d));
        c
    }
}

type KmeansFn = fn(ArrayView2<f64>, &mut [i64], ArrayViewMut2<f64>, ArrayViewMut2<f64>, &mut [i64], usize);

struct Kmeans {
    f: KmeansFn,
    p: Array2<f64>,
    labels: Vec<i64>,
    c: Array2<f64>,
    csum: Array2<f64>,
    counts: Vec<i64>,
}

/// dpbench's `ncentroids` and `niters` (size S).
const KMEANS_CENTROIDS: usize = 10;
const KMEANS_ITERS: usize = 10;

impl Kmeans {
    /// `n` points in 2-D, in [1, 5) as dpbench's; the first 10 are the initial centroids.
    /// Repeated calls continue the iteration from the last centroids: each call does the same
    /// `niters` rounds of the same loops, whatever the values.
    fn new(n: usize, variant: &str) -> Self {
        let p = matrix(n, 2, 130, 1.0, 5.0);
        let k = KMEANS_CENTROIDS.min(n);
        let c = p.slice(kernelize::ndarray::s![..k, ..]).to_owned();
        Self { f: variant!(kmeans, variant), p, labels: vec![1; n], c, csum: Array2::zeros((k, 2)), counts: vec![1; k] }
    }
}

impl Bench for Kmeans {
    fn call(&mut self) {
        let f = self.f;
        f(
            black_box(self.p.view()),
            &mut self.labels,
            self.c.view_mut(),
            self.csum.view_mut(),
            &mut self.counts,
            KMEANS_ITERS,
        );
    }
    fn check(&mut self) -> Checks {
        self.call();
        let k = self.c.nrows();
        vec![
            ("in.p_sum", sum2(&self.p)),
            ("c_sum", sum2(&self.c)),
            ("label_sum", seq_sum(self.labels.iter().map(|&l| l as f64))),
            ("count_first", self.counts[0] as f64),
            ("c_first", self.c[[0, 0]]),
            ("c_last", self.c[[k - 1, 1]]),
        ]
    }
}

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

struct Knn {
    f: KnnFn,
    x_train: Array2<f64>,
    y_train: Vec<i64>,
    x_test: Array2<f64>,
    predictions: Vec<i64>,
    votes: Array2<f64>,
    queue: Array2<f64>,
}

/// dpbench's `k`, `classes_num` and `data_dim` (size S).
const KNN_K: usize = 5;
const KNN_CLASSES: usize = 3;
const KNN_DIM: usize = 16;

impl Knn {
    /// `n` training and `n` test points of 16 features, labels in 0..3 (dpbench's size S has
    /// n = 1024). `votes_to_classes` accumulates over repeated calls (as in the source, which
    /// leaves zeroing it to the caller): the counts grow, the argmax and the work do not change.
    fn new(n: usize, variant: &str) -> Self {
        Self {
            f: variant!(knn, variant),
            x_train: matrix(n, KNN_DIM, 140, 0.0, 1.0),
            y_train: inputs(n, 141, 0.0, KNN_CLASSES as f64).into_iter().map(|v| v as i64).collect(),
            x_test: matrix(n, KNN_DIM, 142, 0.0, 1.0),
            predictions: vec![0; n],
            votes: Array2::zeros((n, KNN_CLASSES)),
            queue: Array2::zeros((n, 2 * KNN_K)),
        }
    }
}

impl Bench for Knn {
    fn call(&mut self) {
        let (n, f) = (self.x_test.nrows(), self.f);
        f(
            black_box(self.x_train.view()),
            black_box(&self.y_train),
            black_box(self.x_test.view()),
            KNN_K,
            KNN_CLASSES,
            n,
            self.x_train.nrows(),
            &mut self.predictions,
            self.votes.view_mut(),
            KNN_DIM,
            self.queue.view_mut(),
        );
    }
    fn check(&mut self) -> Checks {
        self.call();
        let p: Vec<f64> = self.predictions.iter().map(|&v| v as f64).collect();
        let mut c = vec![
            ("in.x_train_sum", sum2(&self.x_train)),
            ("in.x_test_sum", sum2(&self.x_test)),
            ("in.y_train_sum", seq_sum(self.y_train.iter().map(|&v| v as f64))),
            ("pred_sum", sum(&p)),
            ("votes_sum", sum2(&self.votes)),
        ];
        c.extend(samples1(["pred_first", "pred_mid", "pred_last"], &p));
        c
    }
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

struct Gpairs {
    f: GpairsFn,
    points: [Vec<f64>; 8],
    rbins: Vec<f64>,
    disjoint: Array2<f64>,
    results: Vec<f64>,
}

/// dpbench's `nbins` (size S).
const GPAIRS_BINS: usize = 20;

/// The squared bin radii: `r_0 = 0.1`, `r_(k+1) = 1.3869 r_k` (log-spaced, about 50 at bin 19,
/// dpbench's `rmin` and `rmax`), computed by repeated multiplication so Python gets the same
/// bits (numpy's `logspace` goes through `pow`).
pub fn gpairs_rbins(nbins: usize) -> Vec<f64> {
    let mut r = 0.1;
    (0..nbins)
        .map(|_| {
            let sq = r * r;
            r *= 1.3869;
            sq
        })
        .collect()
}

impl Gpairs {
    /// `n` points in each set (dpbench's `nopt`), coordinates in [-3, 3), weights in [0, 1).
    fn new(n: usize, variant: &str) -> Self {
        let pt = |s| inputs(n, s, -3.0, 3.0);
        let w = |s| inputs(n, s, 0.0, 1.0);
        Self {
            f: variant!(gpairs, variant),
            points: [pt(150), pt(151), pt(152), w(153), pt(154), pt(155), pt(156), w(157)],
            rbins: gpairs_rbins(GPAIRS_BINS),
            disjoint: Array2::zeros((n, GPAIRS_BINS)),
            results: vec![0.0; GPAIRS_BINS],
        }
    }
}

impl Bench for Gpairs {
    fn call(&mut self) {
        let [x1, y1, z1, w1, x2, y2, z2, w2] = &self.points;
        let f = self.f;
        let n = x1.len();
        f(
            n,
            GPAIRS_BINS,
            x1,
            y1,
            z1,
            w1,
            x2,
            y2,
            z2,
            w2,
            black_box(&self.rbins),
            self.disjoint.view_mut(),
            &mut self.results,
        );
    }
    fn check(&mut self) -> Checks {
        self.call();
        let mut c = vec![
            ("in.x1_sum", sum(&self.points[0])),
            ("in.w1_sum", sum(&self.points[3])),
            ("in.rbins_sum", sum(&self.rbins)),
            ("results_sum", sum(&self.results)),
        ];
        c.extend(samples1(["results_first", "results_mid", "results_last"], &self.results));
        c
    }
}

// ---------------------------------------------------------------------------------------------
// numba-examples

struct Kde {
    f: Fn3To1,
    eval: Vec<f64>,
    samples: Vec<f64>,
    bandwidths: Vec<f64>,
    result: Vec<f64>,
}

impl Kde {
    /// `n` evaluation points in [-15, 15) and `n` samples in [-10, 10) with bandwidths in [1, 3).
    fn new(n: usize, variant: &str) -> Self {
        Self {
            f: variant!(kde, variant),
            eval: inputs(n, 160, -15.0, 15.0),
            samples: inputs(n, 161, -10.0, 10.0),
            bandwidths: inputs(n, 162, 1.0, 3.0),
            result: vec![0.0; n],
        }
    }
}

impl Bench for Kde {
    fn call(&mut self) {
        (self.f)(black_box(&self.eval), black_box(&self.samples), black_box(&self.bandwidths), &mut self.result);
    }
    fn check(&mut self) -> Checks {
        self.call();
        let mut c = vec![
            ("in.eval_sum", sum(&self.eval)),
            ("in.samples_sum", sum(&self.samples)),
            ("in.bandwidths_sum", sum(&self.bandwidths)),
            ("result_sum", sum(&self.result)),
        ];
        c.extend(samples1(["result_first", "result_mid", "result_last"], &self.result));
        c
    }
}

struct LennardJones {
    f: fn(ArrayView2<f64>) -> f64,
    cluster: Array2<f64>,
}

impl LennardJones {
    /// `n` atoms, coordinates in [-20, 20) (the example's cluster has radius 20).
    fn new(n: usize, variant: &str) -> Self {
        Self { f: variant!(lennard_jones, variant), cluster: matrix(n, 3, 170, -20.0, 20.0) }
    }
}

impl Bench for LennardJones {
    fn call(&mut self) {
        black_box((self.f)(black_box(self.cluster.view())));
    }
    fn check(&mut self) -> Checks {
        vec![("in.cluster_sum", sum2(&self.cluster)), ("energy", (self.f)(self.cluster.view()))]
    }
}

type BlackScholesFn = fn(&[f64], &[f64], &[f64], f64, f64, &mut [f64], &mut [f64]);

struct BlackScholes {
    f: BlackScholesFn,
    price: Vec<f64>,
    strike: Vec<f64>,
    years: Vec<f64>,
    call: Vec<f64>,
    put: Vec<f64>,
}

/// The example's `RISKFREE` and `VOLATILITY`.
const RISKFREE: f64 = 0.02;
const VOLATILITY: f64 = 0.30;

impl BlackScholes {
    /// `n` options, in the example's ranges: price [5, 30), strike [1, 100), years [0.25, 10).
    fn new(n: usize, variant: &str) -> Self {
        Self {
            f: variant!(black_scholes, variant),
            price: inputs(n, 180, 5.0, 30.0),
            strike: inputs(n, 181, 1.0, 100.0),
            years: inputs(n, 182, 0.25, 10.0),
            call: vec![0.0; n],
            put: vec![0.0; n],
        }
    }
}

impl Bench for BlackScholes {
    fn call(&mut self) {
        let f = self.f;
        f(
            black_box(&self.price),
            black_box(&self.strike),
            black_box(&self.years),
            RISKFREE,
            VOLATILITY,
            &mut self.call,
            &mut self.put,
        );
    }
    fn check(&mut self) -> Checks {
        self.call();
        vec![
            ("in.price_sum", sum(&self.price)),
            ("in.strike_sum", sum(&self.strike)),
            ("in.years_sum", sum(&self.years)),
            ("call_sum", sum(&self.call)),
            ("put_sum", sum(&self.put)),
        ]
    }
}

// ---------------------------------------------------------------------------------------------
// npbench

struct AzimintNaive {
    f: fn(&[f64], &[f64], usize, &mut [f64]),
    data: Vec<f64>,
    radius: Vec<f64>,
    res: Vec<f64>,
}

/// The number of bins for `n` pixels: npbench's `npt` is 1000 for its N = 400k and more (at
/// least 400 pixels per bin); at this suite's sizes `n / 50` keeps 50 per bin on average, so
/// that no bin is empty (an empty bin's mean is 0 / 0). `azimint_npt` in real_programs.py.
fn azimint_npt(n: usize) -> usize {
    (n / 50).max(1)
}

impl AzimintNaive {
    /// `n` pixels (npbench's `N`), values and radii in [0, 1), `azimint_npt(n)` bins.
    fn new(n: usize, variant: &str) -> Self {
        Self {
            f: variant!(azimint_naive, variant),
            data: inputs(n, 190, 0.0, 1.0),
            radius: inputs(n, 191, 0.0, 1.0),
            res: vec![0.0; azimint_npt(n)],
        }
    }
}

impl Bench for AzimintNaive {
    fn call(&mut self) {
        (self.f)(black_box(&self.data), black_box(&self.radius), self.res.len(), &mut self.res);
    }
    fn check(&mut self) -> Checks {
        self.call();
        let mut c =
            vec![("in.data_sum", sum(&self.data)), ("in.radius_sum", sum(&self.radius)), ("res_sum", sum(&self.res))];
        c.extend(samples1(["res_first", "res_mid", "res_last"], &self.res));
        c
    }
}

struct Spmv {
    f: SpmvFn,
    a_row: Vec<u32>,
    a_col: Vec<u32>,
    a_val: Vec<f64>,
    x: Vec<f64>,
    y: Vec<f64>,
}

impl Spmv {
    /// An `n x n` matrix with 8 nonzeros per row on average (`spmv::csr`), `x` in [0, 1).
    fn new(n: usize, variant: &str) -> Self {
        let (a_row, a_col, a_val) = csr(n, 200);
        Self { f: variant!(spmv, variant), a_row, a_col, a_val, x: inputs(n, 203, 0.0, 1.0), y: vec![0.0; n] }
    }
}

impl Bench for Spmv {
    fn call(&mut self) {
        (self.f)(
            black_box(&self.a_row),
            black_box(&self.a_col),
            black_box(&self.a_val),
            black_box(&self.x),
            &mut self.y,
        );
    }
    fn check(&mut self) -> Checks {
        self.call();
        let mut c = vec![
            ("in.val_sum", sum(&self.a_val)),
            ("in.x_sum", sum(&self.x)),
            ("in.nnz", self.a_val.len() as f64),
            ("y_sum", sum(&self.y)),
        ];
        c.extend(samples1(["y_first", "y_mid", "y_last"], &self.y));
        c
    }
}

struct Trmm {
    f: fn(f64, ArrayView2<f64>, ArrayViewMut2<f64>),
    a: Array2<f64>,
    b: Array2<f64>,
}

impl Trmm {
    /// `A` is `n x n` in [0, 2 / n), `B` is `n x (n + n / 5)` in [0, 1) (PolyBench's M = 1000,
    /// N = 1200 ratio), `alpha = 1.5`. `B` is updated in place: each call multiplies its
    /// magnitude by at most 3 (`alpha` times 1 plus a column sum of `A` below 1), so a run of
    /// calls stays finite and far from subnormal, and the loops do the same work whatever the
    /// values.
    fn new(n: usize, variant: &str) -> Self {
        let a = matrix(n, n, 210, 0.0, 2.0 / n as f64);
        Self { f: variant!(trmm, variant), a, b: matrix(n, n + n / 5, 211, 0.0, 1.0) }
    }
}

impl Bench for Trmm {
    fn call(&mut self) {
        (self.f)(1.5, black_box(self.a.view()), self.b.view_mut());
    }
    fn check(&mut self) -> Checks {
        let inputs = vec![("in.a_sum", sum2(&self.a)), ("in.b_sum", sum2(&self.b))];
        self.call();
        let mut c = inputs;
        c.push(("b_sum", sum2(&self.b)));
        c.extend(samples2(["b_first", "b_mid", "b_last"], &self.b));
        c
    }
}

type SymmFn = fn(f64, f64, ArrayViewMut2<f64>, ArrayView2<f64>, ArrayView2<f64>, &mut [f64]);

struct Symm {
    f: SymmFn,
    c: Array2<f64>,
    a: Array2<f64>,
    b: Array2<f64>,
    temp2: Vec<f64>,
}

impl Symm {
    /// `C`, `B` are `n x (n + n / 5)` in [0, 1), `A` is `n x n` in [0, 2 / n); `alpha = 1.5`,
    /// `beta = 1.2` (PolyBench's). `C` is updated in place: each call multiplies it by `beta`
    /// and adds terms below 3, so a run of calls stays finite, and the work does not depend on
    /// the values.
    fn new(n: usize, variant: &str) -> Self {
        let m = n + n / 5;
        Self {
            f: variant!(symm, variant),
            c: matrix(n, m, 220, 0.0, 1.0),
            a: matrix(n, n, 221, 0.0, 2.0 / n as f64),
            b: matrix(n, m, 222, 0.0, 1.0),
            temp2: vec![0.0; m],
        }
    }
}

impl Bench for Symm {
    fn call(&mut self) {
        (self.f)(1.5, 1.2, self.c.view_mut(), black_box(self.a.view()), black_box(self.b.view()), &mut self.temp2);
    }
    fn check(&mut self) -> Checks {
        let mut c = vec![("in.a_sum", sum2(&self.a)), ("in.b_sum", sum2(&self.b)), ("in.c_sum", sum2(&self.c))];
        self.call();
        c.push(("c_sum", sum2(&self.c)));
        c.extend(samples2(["c_first", "c_mid", "c_last"], &self.c));
        c
    }
}

struct Syrk {
    f: fn(f64, f64, ArrayViewMut2<f64>, ArrayView2<f64>),
    c: Array2<f64>,
    a: Array2<f64>,
}

impl Syrk {
    /// `C` is `n x n`, `A` is `n x (5 n / 6)` (PolyBench's N = 1200, M = 1000 ratio), both in
    /// [0, 1); `alpha = 1.5`, `beta = 1.2`. `C` is updated in place; its lower triangle grows by
    /// a factor of about 1.2 per call plus at most `1.5 M`, finite over any run of calls, and
    /// the work does not depend on the values.
    fn new(n: usize, variant: &str) -> Self {
        Self { f: variant!(syrk, variant), c: matrix(n, n, 230, 0.0, 1.0), a: matrix(n, n * 5 / 6, 231, 0.0, 1.0) }
    }
}

impl Bench for Syrk {
    fn call(&mut self) {
        (self.f)(1.5, 1.2, self.c.view_mut(), black_box(self.a.view()));
    }
    fn check(&mut self) -> Checks {
        let mut c = vec![("in.a_sum", sum2(&self.a)), ("in.c_sum", sum2(&self.c))];
        self.call();
        c.push(("c_sum", sum2(&self.c)));
        c.extend(samples2(["c_first", "c_mid", "c_last"], &self.c));
        c
    }
}

struct Jacobi2d {
    f: fn(usize, ArrayViewMut2<f64>, ArrayViewMut2<f64>),
    a: Array2<f64>,
    b: Array2<f64>,
}

/// npbench's `TSTEPS` for size S.
const JACOBI_TSTEPS: usize = 50;

impl Jacobi2d {
    /// Two `n x n` grids in [0, 1), 50 time steps. Repeated calls continue the iteration; every
    /// value stays an average of values in [0, 1) (the weights are 0.2 five times), and the work
    /// does not depend on the values.
    fn new(n: usize, variant: &str) -> Self {
        Self { f: variant!(jacobi_2d, variant), a: matrix(n, n, 240, 0.0, 1.0), b: matrix(n, n, 241, 0.0, 1.0) }
    }
}

impl Bench for Jacobi2d {
    fn call(&mut self) {
        (self.f)(JACOBI_TSTEPS, self.a.view_mut(), self.b.view_mut());
    }
    fn check(&mut self) -> Checks {
        let mut c = vec![("in.a_sum", sum2(&self.a)), ("in.b_sum", sum2(&self.b))];
        self.call();
        let n = self.a.nrows();
        c.extend([("a_sum", sum2(&self.a)), ("b_sum", sum2(&self.b)), ("a_mid", self.a[[n / 2, n / 3]])]);
        c
    }
}

type FdtdFn = fn(usize, ArrayViewMut2<f64>, ArrayViewMut2<f64>, ArrayViewMut2<f64>, &[f64]);

struct Fdtd2d {
    f: FdtdFn,
    ex: Array2<f64>,
    ey: Array2<f64>,
    hz: Array2<f64>,
    fict: Vec<f64>,
}

/// npbench's `TMAX` for size S.
const FDTD_TMAX: usize = 20;

impl Fdtd2d {
    /// Fields of `n x (n + n / 10)` (npbench's NX = 200, NY = 220 ratio) in [0, 1), 20 steps,
    /// `fict[t] = t` (npbench's `_fict_`). Repeated calls continue the simulation; the loops do
    /// the same arithmetic whatever the values (no branch).
    fn new(n: usize, variant: &str) -> Self {
        let m = n + n / 10;
        Self {
            f: variant!(fdtd_2d, variant),
            ex: matrix(n, m, 250, 0.0, 1.0),
            ey: matrix(n, m, 251, 0.0, 1.0),
            hz: matrix(n, m, 252, 0.0, 1.0),
            fict: (0..FDTD_TMAX).map(|t| t as f64).collect(),
        }
    }
}

impl Bench for Fdtd2d {
    fn call(&mut self) {
        (self.f)(FDTD_TMAX, self.ex.view_mut(), self.ey.view_mut(), self.hz.view_mut(), black_box(&self.fict));
    }
    fn check(&mut self) -> Checks {
        let mut c = vec![("in.ex_sum", sum2(&self.ex)), ("in.ey_sum", sum2(&self.ey)), ("in.hz_sum", sum2(&self.hz))];
        self.call();
        c.extend([
            ("ex_abs_sum", abs_sum2(&self.ex)),
            ("ey_abs_sum", abs_sum2(&self.ey)),
            ("hz_abs_sum", abs_sum2(&self.hz)),
        ]);
        c
    }
}

type ArcFn = fn(&[f64], &[f64], &[f64], &[f64], &mut [f64]);

struct ArcDistance {
    f: ArcFn,
    angles: [Vec<f64>; 4],
    dist: Vec<f64>,
}

impl ArcDistance {
    /// `n` point pairs, angles in [0, 1) (npbench's `rng.random`).
    fn new(n: usize, variant: &str) -> Self {
        let a = |s| inputs(n, s, 0.0, 1.0);
        Self { f: variant!(arc_distance, variant), angles: [a(260), a(261), a(262), a(263)], dist: vec![0.0; n] }
    }
}

impl Bench for ArcDistance {
    fn call(&mut self) {
        let [t1, p1, t2, p2] = &self.angles;
        (self.f)(black_box(t1), black_box(p1), black_box(t2), black_box(p2), &mut self.dist);
    }
    fn check(&mut self) -> Checks {
        self.call();
        let mut c = vec![
            ("in.theta_1_sum", sum(&self.angles[0])),
            ("in.phi_2_sum", sum(&self.angles[3])),
            ("dist_sum", sum(&self.dist)),
        ];
        c.extend(samples1(["dist_first", "dist_mid", "dist_last"], &self.dist));
        c
    }
}

// ---------------------------------------------------------------------------------------------
// Numba's documentation

struct IdentLoops {
    f: fn(&[f64], &mut [f64]),
    x: Vec<f64>,
    r: Vec<f64>,
}

impl IdentLoops {
    /// `n` values in [-100, 100).
    fn new(n: usize, variant: &str) -> Self {
        Self { f: variant!(ident_loops, variant), x: inputs(n, 270, -100.0, 100.0), r: vec![0.0; n] }
    }
}

impl Bench for IdentLoops {
    fn call(&mut self) {
        (self.f)(black_box(&self.x), &mut self.r);
    }
    fn check(&mut self) -> Checks {
        self.call();
        let mut c = vec![("in.x_sum", sum(&self.x)), ("r_sum", sum(&self.r))];
        c.extend(samples1(["r_first", "r_mid", "r_last"], &self.r));
        c
    }
}

struct DoSum {
    f: fn(&[f64]) -> f64,
    a: Vec<f64>,
}

impl DoSum {
    /// `n` values in [0, 1).
    fn new(n: usize, variant: &str) -> Self {
        Self { f: variant!(do_sum_parallel_fast, variant), a: inputs(n, 280, 0.0, 1.0) }
    }
}

impl Bench for DoSum {
    fn call(&mut self) {
        black_box((self.f)(black_box(&self.a)));
    }
    fn check(&mut self) -> Checks {
        vec![("in.a_sum", sum(&self.a)), ("acc", (self.f)(&self.a))]
    }
}

// ---------------------------------------------------------------------------------------------
// The reproducers of issue 12

struct Heavy {
    f: fn(&[f64], &mut [f64]),
    x: Vec<f64>,
    out: Vec<f64>,
}

impl Heavy {
    /// `n` values in [0, 1) (the n = 1024).
    fn new(n: usize, variant: &str) -> Self {
        Self { f: variant!(heavy, variant), x: inputs(n, 300, 0.0, 1.0), out: vec![0.0; n] }
    }
}

impl Bench for Heavy {
    fn call(&mut self) {
        (self.f)(black_box(&self.x), &mut self.out);
    }
    fn check(&mut self) -> Checks {
        self.call();
        let mut c = vec![("in.x_sum", sum(&self.x)), ("out_sum", sum(&self.out))];
        c.extend(samples1(["out_first", "out_mid", "out_last"], &self.out));
        c
    }
}

struct Rows2d {
    f: fn(ArrayView2<f64>, ArrayViewMut2<f64>),
    a: Array2<f64>,
    out: Array2<f64>,
}

impl Rows2d {
    /// An `n x 4` array in [-3, 3) (the 32768 x 4).
    fn new(n: usize, variant: &str) -> Self {
        Self { f: variant!(rows2d, variant), a: matrix(n, 4, 310, -3.0, 3.0), out: Array2::zeros((n, 4)) }
    }
}

impl Bench for Rows2d {
    fn call(&mut self) {
        (self.f)(black_box(self.a.view()), self.out.view_mut());
    }
    fn check(&mut self) -> Checks {
        self.call();
        let mut c = vec![("in.a_sum", sum2(&self.a)), ("out_abs_sum", abs_sum2(&self.out))];
        c.extend(samples2(["out_first", "out_mid", "out_last"], &self.out));
        c
    }
}

struct Powi2 {
    f: fn(ArrayView2<f64>, &mut [f64]),
    a: Array2<f64>,
    out: Vec<f64>,
}

impl Powi2 {
    /// An `n x 3` array in [-1, 1) (the 32768 x 3).
    fn new(n: usize, variant: &str) -> Self {
        Self { f: variant!(powi2, variant), a: matrix(n, 3, 320, -1.0, 1.0), out: vec![0.0; n] }
    }
}

impl Bench for Powi2 {
    fn call(&mut self) {
        (self.f)(black_box(self.a.view()), &mut self.out);
    }
    fn check(&mut self) -> Checks {
        self.call();
        let mut c = vec![("in.a_sum", sum2(&self.a)), ("out_sum", sum(&self.out))];
        c.extend(samples1(["out_first", "out_mid", "out_last"], &self.out));
        c
    }
}

struct UniformJ {
    f: Fn3To1,
    x: Vec<f64>,
    y: Vec<f64>,
    lim: Vec<f64>,
    out: Vec<f64>,
}

impl UniformJ {
    /// `x` of `n` and `y` of `n / 4` values in [0, 1) (the 4096 x 1024), 16 limits in
    /// [0, 0.5).
    fn new(n: usize, variant: &str) -> Self {
        Self {
            f: variant!(uniform_j, variant),
            x: inputs(n, 330, 0.0, 1.0),
            y: inputs(n / 4, 331, 0.0, 1.0),
            lim: inputs(16, 332, 0.0, 0.5),
            out: vec![0.0; n],
        }
    }
}

impl Bench for UniformJ {
    fn call(&mut self) {
        (self.f)(black_box(&self.x), black_box(&self.y), black_box(&self.lim), &mut self.out);
    }
    fn check(&mut self) -> Checks {
        self.call();
        let mut c = vec![
            ("in.x_sum", sum(&self.x)),
            ("in.y_sum", sum(&self.y)),
            ("in.lim_sum", sum(&self.lim)),
            ("out_sum", sum(&self.out)),
        ];
        c.extend(samples1(["out_first", "out_mid", "out_last"], &self.out));
        c
    }
}

struct PairwiseDist {
    f: fn(ArrayView2<f64>, ArrayView2<f64>, usize, ArrayViewMut2<f64>),
    a: Array2<f64>,
    b: Array2<f64>,
    d: usize,
    out: Array2<f64>,
}

impl PairwiseDist {
    /// `n` rows of `d` columns in [0, 1) in each of `a` and `b` (seeds `seed`, `seed + 1`).
    fn new(n: usize, d: usize, seed: u64, variant: &str) -> Self {
        Self {
            f: variant!(pairwise_dist, variant),
            a: matrix(n, d, seed, 0.0, 1.0),
            b: matrix(n, d, seed + 1, 0.0, 1.0),
            d,
            out: Array2::zeros((n, n)),
        }
    }
}

impl Bench for PairwiseDist {
    fn call(&mut self) {
        (self.f)(black_box(self.a.view()), black_box(self.b.view()), black_box(self.d), self.out.view_mut());
    }
    fn check(&mut self) -> Checks {
        self.call();
        let mut c = vec![("in.a_sum", sum2(&self.a)), ("in.b_sum", sum2(&self.b)), ("out_sum", sum2(&self.out))];
        c.extend(samples2(["out_first", "out_mid", "out_last"], &self.out));
        c
    }
}
