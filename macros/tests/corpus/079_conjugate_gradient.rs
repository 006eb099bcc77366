use kernelize::prange;
use ndarray::{Array1, ArrayView1, ArrayView2};

fn dot(a: ArrayView1<f64>, b: ArrayView1<f64>) -> f64 {
    let mut s = 0.0;
    for i in prange(0..a.len()) {
        s += a[i] * b[i];
    }
    s
}

fn matvec(a: ArrayView2<f64>, x: ArrayView1<f64>, y: &mut Array1<f64>) {
    for i in prange(0..a.nrows()) {
        let mut s = 0.0;
        for j in 0..a.ncols() {
            s += a[[i, j]] * x[j];
        }
        y[i] = s;
    }
}

pub fn cg(a: ArrayView2<f64>, b: ArrayView1<f64>, tol: f64, max_iter: usize) -> Array1<f64> {
    let n = b.len();
    let mut x = Array1::<f64>::zeros(n);
    let mut r = b.to_owned();
    let mut p = r.clone();
    let mut ap = Array1::<f64>::zeros(n);
    let mut rs_old = dot(r.view(), r.view());
    for _it in 0..max_iter {
        matvec(a, p.view(), &mut ap);
        let alpha = rs_old / dot(p.view(), ap.view());
        for i in prange(0..n) {
            x[i] += alpha * p[i];
            r[i] -= alpha * ap[i];
        }
        let rs_new = dot(r.view(), r.view());
        if rs_new.sqrt() < tol {
            break;
        }
        let beta = rs_new / rs_old;
        for i in prange(0..n) {
            p[i] = r[i] + beta * p[i];
        }
        rs_old = rs_new;
    }
    x
}
