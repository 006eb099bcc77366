// Strided ndarray views as kernel arguments: a transpose (`a.t()`), a stepped slice and a
// column view.
use kernelize::ndarray::{Array1, Array2, ArrayView1, ArrayView2, ArrayViewMut1, ArrayViewMut2, s};
use kernelize::{kernel, prange};

#[kernel(parallel)]
fn copy2(a: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
    for i in prange(0..a.nrows()) {
        for j in prange(0..a.ncols()) {
            out[[i, j]] = a[[i, j]];
        }
    }
}

#[kernel(parallel)]
fn double(a: ArrayView1<f64>, mut out: ArrayViewMut1<f64>) {
    for i in prange(0..a.len()) {
        out[i] = 2.0 * a[i];
    }
}

fn main() {
    let a = Array2::from_shape_fn((3, 5), |(i, j)| (i * 5 + j) as f64);
    let mut t = Array2::<f64>::zeros((5, 3));
    copy2(a.t(), t.view_mut());
    assert_eq!(t, a.t());

    // Write through a transposed (column-major) view.
    let mut u = Array2::<f64>::zeros((5, 3));
    copy2(a.view(), u.view_mut().reversed_axes());
    assert_eq!(u, a.t());

    let v = Array1::from_iter((0..10).map(|k| k as f64));
    let mut out = Array1::<f64>::zeros(5);
    double(v.slice(s![..;2]), out.view_mut());
    assert_eq!(out.to_vec(), vec![0.0, 4.0, 8.0, 12.0, 16.0]);

    let mut col = Array2::<f64>::zeros((3, 5));
    double(a.column(1), col.column_mut(4));
    assert_eq!(col.column(4).to_vec(), vec![2.0, 12.0, 22.0]);
    assert_eq!(col.column(0).to_vec(), vec![0.0, 0.0, 0.0]);
}
