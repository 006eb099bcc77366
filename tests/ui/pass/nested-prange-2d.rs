// Two nested prange loops collapse into one 2-D iteration space: over `ArrayViewMut2`,
// `&mut Array2<f64>`, with `[[i, j]]` and `[(i, j)]` indexing, `nrows`/`ncols`/`shape()`.
use kernelize::ndarray::{Array2, ArrayView2, ArrayViewMut2};
use kernelize::{kernel, prange};

#[kernel(parallel)]
fn add(a: ArrayView2<f64>, b: &Array2<f64>, mut out: ArrayViewMut2<f64>) {
    for i in prange(0..a.nrows()) {
        for j in prange(0..a.ncols()) {
            out[[i, j]] = a[[i, j]] + b[(i, j)];
        }
    }
}

#[kernel(parallel)]
fn scale_in_place(m: &mut Array2<f64>, factor: f64) -> f64 {
    let mut total = 0.0;
    for i in prange(0..m.shape()[0]) {
        for j in prange(0..m.shape()[1]) {
            m[[i, j]] *= factor;
            total += m[[i, j]];
        }
    }
    total
}

#[kernel(parallel)]
fn transpose(a: ArrayView2<f32>, mut t: ArrayViewMut2<f32>) {
    for i in prange(0..a.nrows()) {
        for j in prange(0..a.ncols()) {
            t[[j, i]] = a[[i, j]];
        }
    }
}

fn main() {
    let a = Array2::from_shape_fn((3, 4), |(i, j)| (i * 10 + j) as f64);
    let b = Array2::from_shape_fn((3, 4), |(i, j)| (i + j) as f64 * 0.5);
    let mut out = Array2::<f64>::zeros((3, 4));
    add(a.view(), &b, out.view_mut());
    assert_eq!(out, &a + &b);

    let mut m = a.clone();
    let total = scale_in_place(&mut m, 2.0);
    assert_eq!(m, &a * 2.0);
    assert_eq!(total, m.sum());

    let a32 = Array2::from_shape_fn((2, 5), |(i, j)| (i * 5 + j) as f32);
    let mut t = Array2::<f32>::zeros((5, 2));
    transpose(a32.view(), t.view_mut());
    assert_eq!(t, a32.t());
}
