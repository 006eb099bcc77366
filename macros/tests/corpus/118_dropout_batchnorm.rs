use kernelize::prange;
use ndarray::{ArrayView1, ArrayViewMut2};

pub fn dropout(x: &mut [f32], mask: &[u8], p: f32) {
    let scale = 1.0 / (1.0 - p);
    for i in prange(0..x.len()) {
        x[i] = if mask[i] != 0 { x[i] * scale } else { 0.0 };
    }
}

pub fn batch_norm_inference(mut x: ArrayViewMut2<f32>, mean: ArrayView1<f32>, var: ArrayView1<f32>, eps: f32) {
    let c = x.ncols();
    for i in prange(0..x.nrows()) {
        for j in 0..c {
            x[[i, j]] = (x[[i, j]] - mean[j]) / (var[j] + eps).sqrt();
        }
    }
}
