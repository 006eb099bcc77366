// A prange loop over rows with a serial inner loop: row `i` may be written at any column,
// and a 1-D output at `[i]`.
use kernelize::ndarray::{Array1, Array2, ArrayView1, ArrayView2, ArrayViewMut2};
use kernelize::{kernel, prange};

#[kernel(parallel)]
fn matvec(m: ArrayView2<f64>, x: ArrayView1<f64>, y: &mut Array1<f64>) {
    for i in prange(0..m.nrows()) {
        let mut acc = 0.0;
        for j in 0..m.ncols() {
            acc += m[[i, j]] * x[j];
        }
        y[i] = acc;
    }
}

#[kernel(parallel)]
fn cumsum_rows(a: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
    for i in prange(0..a.nrows()) {
        let mut run = 0.0;
        for j in 0..a.ncols() {
            run += a[[i, j]];
            out[[i, j]] = run;
        }
    }
}

fn main() {
    let m = Array2::from_shape_fn((4, 3), |(i, j)| (i * 3 + j) as f64);
    let x = Array1::from(vec![1.0, -1.0, 0.5]);
    let mut y = Array1::<f64>::zeros(4);
    matvec(m.view(), x.view(), &mut y);
    assert_eq!(y, m.dot(&x));

    let mut out = Array2::<f64>::zeros((4, 3));
    cumsum_rows(m.view(), out.view_mut());
    for i in 0..4 {
        let mut run = 0.0;
        for j in 0..3 {
            run += m[[i, j]];
            assert_eq!(out[[i, j]], run);
        }
    }
}
