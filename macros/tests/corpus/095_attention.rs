use kernelize::prange;
use ndarray::{Array2, ArrayView2};

/// Single-head scaled dot-product attention, row-wise softmax.
pub fn attention(q: ArrayView2<f32>, k: ArrayView2<f32>, v: ArrayView2<f32>) -> Array2<f32> {
    let (n, d) = q.dim();
    let m = k.nrows();
    let dv = v.ncols();
    let scale = 1.0 / (d as f32).sqrt();
    let mut out = Array2::<f32>::zeros((n, dv));
    for i in prange(0..n) {
        let mut scores = vec![0.0f32; m];
        let mut mx = f32::NEG_INFINITY;
        for j in 0..m {
            let mut s = 0.0;
            for t in 0..d {
                s += q[[i, t]] * k[[j, t]];
            }
            s *= scale;
            scores[j] = s;
            mx = mx.max(s);
        }
        let mut z = 0.0;
        for j in 0..m {
            scores[j] = (scores[j] - mx).exp();
            z += scores[j];
        }
        for j in 0..m {
            let w = scores[j] / z;
            for c in 0..dv {
                out[[i, c]] += w * v[[j, c]];
            }
        }
    }
    out
}
