use kernelize::prange;
use ndarray::{ArrayView2, ArrayViewMut2};

pub fn matmul_tiled(a: ArrayView2<f32>, b: ArrayView2<f32>, mut c: ArrayViewMut2<f32>) {
    const T: usize = 64;
    let (n, k) = a.dim();
    let m = b.ncols();
    for ii in prange((0..n).step_by(T)) {
        for jj in (0..m).step_by(T) {
            for kk in (0..k).step_by(T) {
                let i_end = (ii + T).min(n);
                let j_end = (jj + T).min(m);
                let k_end = (kk + T).min(k);
                for i in ii..i_end {
                    for p in kk..k_end {
                        let aip = a[[i, p]];
                        for j in jj..j_end {
                            c[[i, j]] += aip * b[[p, j]];
                        }
                    }
                }
            }
        }
    }
}

pub fn matmul_triple_prange(a: ArrayView2<f64>, b: ArrayView2<f64>, mut c: ArrayViewMut2<f64>) {
    for i in prange(0..a.nrows()) {
        for j in prange(0..b.ncols()) {
            for p in prange(0..a.ncols()) {
                c[[i, j]] += a[[i, p]] * b[[p, j]];
            }
        }
    }
}
