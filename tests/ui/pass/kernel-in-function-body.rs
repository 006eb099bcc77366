// A kernel defined inside a function body, kernels with `pub` and doc comments, explicit
// lifetimes, `mut` parameters and a qualified `kernelize::prange`.
use kernelize::kernel;
use kernelize::ndarray::Array1;

mod kernels {
    use kernelize::{kernel, prange};

    /// Adds `b` to `a`, element by element.
    #[kernel(parallel)]
    pub fn add<'a>(a: ArrayView1<'a, f64>, b: ArrayView1<'a, f64>, mut out: ArrayViewMut1<'a, f64>) {
        for i in prange(0..a.len()) {
            out[i] = a[i] + b[i];
        }
    }

    use kernelize::ndarray::{ArrayView1, ArrayViewMut1};
}

fn main() {
    #[kernel(parallel)]
    fn saxpy(alpha: f32, x: &[f32], y: &mut [f32]) {
        for i in kernelize::prange(0..x.len()) {
            y[i] = alpha * x[i] + y[i];
        }
    }

    #[kernel(parallel)]
    fn shift(mut k: i64, out: &mut [i64]) {
        k += 1;
        for i in kernelize::prange(0..out.len()) {
            out[i] = k + i as i64;
        }
    }

    let x = [1.0_f32, 2.0, 3.0];
    let mut y = [10.0_f32, 20.0, 30.0];
    saxpy(2.0, &x, &mut y);
    assert_eq!(y, [12.0, 24.0, 36.0]);
    saxpy::serial(1.0, &x, &mut y);
    assert_eq!(y, [13.0, 26.0, 39.0]);

    let mut out = [0_i64; 3];
    shift(5, &mut out);
    assert_eq!(out, [6, 7, 8]);

    let a = Array1::from(vec![1.0, 2.0]);
    let b = Array1::from(vec![0.5, 0.25]);
    let mut c = Array1::<f64>::zeros(2);
    kernels::add(a.view(), b.view(), c.view_mut());
    assert_eq!(c.to_vec(), vec![1.5, 2.25]);
}
