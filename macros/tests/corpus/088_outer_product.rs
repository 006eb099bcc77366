use kernelize::prange;
use ndarray::ArrayViewMut2;

pub fn outer(x: &[f32], y: &[f32], mut a: ArrayViewMut2<f32>) {
    for i in prange(0..x.len()) {
        for j in prange(0..y.len()) {
            a[[i, j]] = x[i] * y[j];
        }
    }
}

pub fn rank1_update(x: &[f32], y: &[f32], mut a: ArrayViewMut2<f32>, alpha: f32) {
    for i in prange(0..a.nrows()) {
        let xi = alpha * x[i];
        for j in 0..a.ncols() {
            a[[i, j]] += xi * y[j];
        }
    }
}
