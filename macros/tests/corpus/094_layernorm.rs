use kernelize::prange;
use ndarray::{ArrayView1, ArrayView2, ArrayViewMut2};

pub fn layer_norm(x: ArrayView2<f32>, gamma: ArrayView1<f32>, beta: ArrayView1<f32>, mut y: ArrayViewMut2<f32>, eps: f32) {
    let d = x.ncols();
    for r in prange(0..x.nrows()) {
        let mut mean = 0.0f32;
        for c in 0..d {
            mean += x[[r, c]];
        }
        mean /= d as f32;
        let mut var = 0.0f32;
        for c in 0..d {
            let t = x[[r, c]] - mean;
            var += t * t;
        }
        var /= d as f32;
        let inv = 1.0 / (var + eps).sqrt();
        for c in 0..d {
            y[[r, c]] = (x[[r, c]] - mean) * inv * gamma[c] + beta[c];
        }
    }
}
