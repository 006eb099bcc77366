use kernelize::prange;
use ndarray::{Array2, ArrayView2};

pub fn pairwise_dist(x: ArrayView2<f64>) -> Array2<f64> {
    let n = x.nrows();
    let d = x.ncols();
    let mut out = Array2::<f64>::zeros((n, n));
    for i in prange(0..n) {
        for j in 0..n {
            let mut s = 0.0;
            for k in 0..d {
                let t = x[[i, k]] - x[[j, k]];
                s += t * t;
            }
            out[[i, j]] = s.sqrt();
        }
    }
    out
}

pub fn cosine_sim(a: &[f32], b: &[f32]) -> f32 {
    let (mut ab, mut aa, mut bb) = (0.0f32, 0.0f32, 0.0f32);
    for (x, y) in a.iter().zip(b) {
        ab += x * y;
        aa += x * x;
        bb += y * y;
    }
    ab / (aa.sqrt() * bb.sqrt() + f32::EPSILON)
}
